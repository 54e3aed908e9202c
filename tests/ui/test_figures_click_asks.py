"""The Chỉ tiêu page: a year clicked in the figures table while figures typed in the entry row
are not saved asks, as leaving the indicator does: save, drop, or cancel (the typing kept, the
table's selection on the year being typed)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gbapp.domain.validation import format_decimal
from gbapp.store import indicators


@pytest.fixture
def ctx(qapp, demo_db, tmp_path):
    from gbapp.ui.context import AppContext

    return AppContext(demo_db, tmp_path / "demo.db")


@pytest.fixture
def page(qtbot, ctx):
    from gbapp.ui.pages.indicators_page import IndicatorsPage

    widget = IndicatorsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    row = next(n for n, line in enumerate(widget.model.rows()) if line.indicator.code == "MT1")
    widget.table.selectRow(row)
    assert widget.form.code.text() == "MT1"
    assert widget.entry.year.text() == "2025"  # the page's year, as stored
    return widget


def stored(ctx, year: int):
    mt1 = next(i for i in indicators.list_indicators(ctx.db) if i.code == "MT1")
    return next((v for v in indicators.values(ctx.db, mt1.id) if v.year == year), None)


def click_year(qtbot, page, year: int) -> None:
    row = page.values_model.row_of_id(year)
    rect = page.values.visualRect(page.values_model.index(row, 0))
    qtbot.mouseClick(page.values.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def selected_years(page) -> list[int]:
    rows = sorted(i.row() for i in page.values.selectionModel().selectedRows())
    return [page.values_model.row_at(r).year for r in rows]


def type_figures(page, value: str, note: str = "Theo báo cáo số 12/BC-SLĐTBXH") -> None:
    page.entry.value_edit.setText("")
    page.entry.value_edit.insert(value)
    page.entry.note.setText("")
    page.entry.note.insert(note)
    assert page.entry.is_dirty()


def shows_stored(page, ctx, year: int) -> bool:
    figure = stored(ctx, year)
    return (page.entry.year.text(), page.entry.value_edit.text()) == (
        str(year), format_decimal(figure.value)) and not page.entry.is_dirty()


@pytest.fixture
def years(ctx):
    """MT1's 2024 and 2025 figures are stored (the demo's)."""
    assert stored(ctx, 2024) is not None and stored(ctx, 2025) is not None
    return stored(ctx, 2024), stored(ctx, 2025)


def test_cancel_keeps_the_typing_and_the_year_typed_selected(qtbot, page, ctx, answers, years):
    type_figures(page, "66,5")
    answers.replies.append("cancel")
    click_year(qtbot, page, 2024)
    assert answers.asked == ["Số liệu năm 2025 của chỉ tiêu MT1 đang nhập chưa được lưu. "
                             "Lưu lại trước khi tiếp tục?"]
    assert (page.entry.year.text(), page.entry.value_edit.text(), page.entry.note.text()) == (
        "2025", "66,5", "Theo báo cáo số 12/BC-SLĐTBXH")
    assert page.entry.is_dirty()
    assert selected_years(page) == [2025]  # not the row clicked: the year being typed
    assert stored(ctx, 2025) == years[1]  # nothing saved


def test_drop_loads_the_year_clicked(qtbot, page, ctx, answers, years):
    type_figures(page, "66,5")
    answers.replies.append("discard")
    click_year(qtbot, page, 2024)
    assert len(answers.asked) == 1
    assert shows_stored(page, ctx, 2024)
    assert selected_years(page) == [2024]
    assert stored(ctx, 2025) == years[1]  # dropped, as asked


def test_save_stores_the_typing_then_loads_the_year_clicked(qtbot, page, ctx, answers, years):
    type_figures(page, "66,5")
    answers.replies.append("save")
    click_year(qtbot, page, 2024)
    assert len(answers.asked) == 1
    figure = stored(ctx, 2025)
    assert (figure.value, figure.note) == (66.5, "Theo báo cáo số 12/BC-SLĐTBXH")
    assert shows_stored(page, ctx, 2024)
    assert selected_years(page) == [2024]  # the table read again still shows the click
    assert stored(ctx, 2024) == years[0]


def test_save_of_figures_that_cannot_be_saved_keeps_them(qtbot, page, ctx, answers, years):
    type_figures(page, "khoảng 60")
    answers.replies.append("save")
    click_year(qtbot, page, 2024)
    assert len(answers.asked) == 1
    assert page.entry.value_edit.text() == "khoảng 60" and page.entry.is_dirty()
    assert page.entry.errors.message("value")  # said beside the field
    assert page.entry.year.text() == "2025"
    assert selected_years(page) == [2025]
    assert stored(ctx, 2025) == years[1]


def test_the_year_being_typed_clicked_keeps_the_typing_without_asking(
        qtbot, page, ctx, answers, years):
    type_figures(page, "66,5")
    click_year(qtbot, page, 2025)
    assert answers.asked == []
    assert page.entry.value_edit.text() == "66,5" and page.entry.is_dirty()


def test_a_new_year_typed_is_the_one_asked_about_and_kept(qtbot, page, ctx, answers, years):
    page.entry.year.setText("")
    page.entry.year.insert("2026")
    type_figures(page, "70")
    answers.replies.append("cancel")
    click_year(qtbot, page, 2024)
    assert "năm 2026" in answers.asked[0]
    assert (page.entry.year.text(), page.entry.value_edit.text()) == ("2026", "70")
    assert selected_years(page) == []  # no stored row for 2026
    assert stored(ctx, 2026) is None


def test_nothing_typed_a_click_just_loads_the_year(qtbot, page, ctx, answers, years):
    click_year(qtbot, page, 2024)
    assert answers.asked == []
    assert shows_stored(page, ctx, 2024)
    assert selected_years(page) == [2024]
