"""The indicators page with figures typed as men and women only, with units after them, and
with numbers that cannot be: what is saved, what is refused and what the table then says."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from test_indicators_page import cell, header  # reading the page's table, as its own tests do

from gbapp.domain.entities import Indicator, IndicatorValue
from gbapp.domain.status import Assessment
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
    return widget


def choose(page, code: str) -> None:
    row = next(n for n, line in enumerate(page.model.rows()) if line.indicator.code == code)
    page.table.selectRow(row)
    assert page.form.code.text() == code


def enter(page, year: str, value: str = "", men: str = "", women: str = "") -> bool:
    page.entry.year.setText(year)
    page.entry.value_edit.setText(value)
    page.entry.men.setText(men)
    page.entry.women.setText(women)
    return page.save_value()


def stored(ctx, code: str, year: int) -> IndicatorValue | None:
    ind = next(i for i in indicators.list_indicators(ctx.db) if i.code == code)
    return next((v for v in indicators.values(ctx.db, ind.id) if v.year == year), None)


def add_count_indicator(ctx) -> None:
    ctx.perform("thêm", lambda db: indicators.save(db, Indicator(
        code="N1", name="Số người gây bạo lực được tư vấn", unit="người", direction=">=",
        targets={2025: 100.0})))


def test_a_count_typed_as_men_and_women_only_is_their_sum(page, ctx):
    add_count_indicator(ctx)
    choose(page, "N1")
    assert enter(page, "2025", "", "55", "62")
    figure = stored(ctx, "N1", 2025)
    assert (figure.value, figure.men, figure.women) == (117.0, 55.0, 62.0)
    assert cell(page, "N1", "Thực hiện 2025") == "117"
    assert cell(page, "N1", "Đánh giá 2025") == Assessment.MET
    assert "Đánh giá 2025: Đạt" in page.status_label.text()


def test_a_count_stored_without_its_total_is_still_judged_on_the_page(page, ctx):
    add_count_indicator(ctx)
    n1 = next(i for i in indicators.list_indicators(ctx.db) if i.code == "N1")
    ctx.perform("cũ", lambda db: indicators.save_value(db, IndicatorValue(
        indicator_id=n1.id, year=2025, men=30, women=40)))  # as the old form stored it
    assert cell(page, "N1", "Thực hiện 2025") == "70"
    assert cell(page, "N1", "Đánh giá 2025") == Assessment.NOT_MET


def test_a_rate_typed_as_men_and_women_only_asks_for_its_total(page, ctx):
    choose(page, "MT1")
    before = stored(ctx, "MT1", 2025)
    assert not enter(page, "2025", "", "55", "62")
    assert page.entry.errors.message("value") == (
        "Nhập giá trị chung (đơn vị «%»: không cộng nam + nữ).")
    assert stored(ctx, "MT1", 2025) == before


def test_a_rate_stored_without_its_total_says_so_not_no_figures(page, ctx):
    mt1 = next(i for i in indicators.list_indicators(ctx.db) if i.code == "MT1")
    ctx.perform("cũ", lambda db: indicators.save_value(db, IndicatorValue(
        indicator_id=mt1.id, year=2025, men=55, women=62)))
    assert cell(page, "MT1", "Đánh giá 2025") == "Thiếu giá trị chung"


@pytest.mark.parametrize(("code", "typed", "number"), [
    ("MT1", "80%", 80.0), ("MT1", "80 %", 80.0), ("MT3.1", "1,5 lần", 1.5)])
def test_a_figure_with_its_unit_after_it_is_saved(page, ctx, code, typed, number):
    choose(page, code)
    assert enter(page, "2025", typed)
    assert stored(ctx, code, 2025).value == number


@pytest.mark.parametrize(("code", "value", "men", "women", "field", "message"), [
    ("MT3.1", "-3", "", "", "value", "«-3»: số liệu của chỉ tiêu không được âm."),
    ("MT1", "60", "-20", "", "men", "«-20»: số liệu của chỉ tiêu không được âm."),
    ("MT3.1", "9" * 30, "", "", "value", "Số quá lớn: nhập tối đa 12 chữ số phần nguyên."),
    ("MT3.1", "9" * 400, "", "", "value", "Số quá lớn: nhập tối đa 12 chữ số phần nguyên."),
    ("N1", "100", "150", "", "men", "Số nam (150) lớn hơn giá trị chung (100)."),
    ("MT3.1", "80%", "", "", "value", "«80%»: chỉ tiêu này tính bằng «lần», không phải %. "
                                      "Chỉ nhập số."),
])
def test_impossible_numbers_are_refused_at_their_field(page, ctx, code, value, men, women,
                                                        field, message):
    add_count_indicator(ctx)
    choose(page, code)
    before = indicators.values(ctx.db)
    assert not enter(page, "2025", value, men, women)
    assert page.entry.errors.message(field) == message
    assert indicators.values(ctx.db) == before


def test_any_percent_unit_keeps_rates_within_100(page, ctx):
    choose(page, "MT2.1")
    page.form.unit.setText("tỷ lệ %")
    assert page.save()
    assert not enter(page, "2025", "130")
    assert page.entry.errors.message("value") == "Tỷ lệ phải từ 0 đến 100%."


def test_targets_accept_a_percent_sign_and_refuse_a_rate_above_100(page, ctx):
    choose(page, "MT2.1")
    page.form.targets.item(1, 1).setText("60%")
    assert page.save()
    mt21 = next(i for i in indicators.list_indicators(ctx.db) if i.code == "MT2.1")
    assert mt21.targets[2030] == 60.0
    page.form.targets.item(1, 1).setText("150")
    assert not page.save()
    assert page.form.errors.message("targets") == "Dòng 2: Tỷ lệ phải từ 0 đến 100%."
    page.form.targets.item(1, 1).setText("-5")
    assert not page.save()
    assert "không được âm" in page.form.errors.message("targets")


def select_years(page, *years: int) -> None:
    from PySide6.QtCore import QItemSelectionModel

    sel = page.values.selectionModel()
    sel.clearSelection()
    for row in range(page.values_model.rowCount()):
        if page.values_model.row_at(row).year in years:
            sel.select(page.values_model.index(row, 0),
                       QItemSelectionModel.SelectionFlag.Select
                       | QItemSelectionModel.SelectionFlag.Rows)


def test_a_years_figure_is_deleted_after_asking_and_undone(qtbot, page, ctx, answers):
    choose(page, "MT1")
    page.form.source.setText("đang sửa")  # the indicator's own edits are not dropped
    assert stored(ctx, "MT1", 2024) is not None
    select_years(page, 2024)
    answers.replies.append(False)
    assert not page.delete_values()
    assert stored(ctx, "MT1", 2024) is not None
    qtbot.mouseClick(page.delete_value_button, Qt.MouseButton.LeftButton)  # answered yes
    assert "năm 2024 của chỉ tiêu MT1" in answers.asked[-1]
    assert stored(ctx, "MT1", 2024) is None
    assert cell(page, "MT1", "Thực hiện 2024") == ""
    assert [v.year for v in page.values_model.rows()] == [2025]
    assert page.form.source.text() == "đang sửa"
    ctx.undo_last()
    assert stored(ctx, "MT1", 2024) is not None
    assert cell(page, "MT1", "Thực hiện 2024") != ""


def test_the_delete_key_in_the_figures_table_deletes_the_selected_years(qtbot, page, ctx,
                                                                         answers):
    choose(page, "MT1")
    select_years(page, 2024, 2025)
    page.values.setFocus()
    qtbot.keyClick(page.values, Qt.Key.Key_Delete)
    assert "năm 2024, 2025" in answers.asked[-1]
    assert stored(ctx, "MT1", 2024) is None and stored(ctx, "MT1", 2025) is None
    assert cell(page, "MT1", "Đánh giá 2025") == Assessment.UNKNOWN
    ctx.undo_last()  # one step
    assert stored(ctx, "MT1", 2024) is not None and stored(ctx, "MT1", 2025) is not None


def test_a_year_far_from_the_plan_and_targets_is_asked_about(page, ctx, answers):
    choose(page, "MT1")  # plan 2025, targets 2025 and 2030
    answers.replies.append(False)
    assert not enter(page, "2052", "61")
    assert "Năm 2052 nằm ngoài" in answers.asked[-1]
    assert stored(ctx, "MT1", 2052) is None
    assert page.entry.year.text() == "2052"  # what was typed stays, to correct
    asked = len(answers.asked)
    assert enter(page, "2030", "70")  # within the span: no question
    assert len(answers.asked) == asked
    assert enter(page, "2052", "61")  # answered yes
    assert stored(ctx, "MT1", 2052).value == 61


def test_the_target_columns_are_those_around_the_evaluation_year(page, ctx):
    mt1 = next(i for i in indicators.list_indicators(ctx.db) if i.code == "MT1")
    mt1.targets.update({2026: 63.0, 2027: 66.0, 2028: 69.0})
    ctx.perform("mục tiêu", lambda db: indicators.save(db, mt1))
    assert page.year.value() == 2025
    targets = [h for h in header(page) if h.startswith("Mục tiêu")]
    assert targets == ["Mục tiêu 2025", "Mục tiêu 2026", "Mục tiêu 2027"]  # not 2027/2028/2030
    page.year.setValue(2028)
    assert [h for h in header(page) if h.startswith("Mục tiêu")] == [
        "Mục tiêu 2027", "Mục tiêu 2028", "Mục tiêu 2030"]
    page.year.setValue(2031)  # after the last target: judged by it, and it is shown
    assert "Mục tiêu 2030" in header(page)
    row = next(n for n, line in enumerate(page.model.rows()) if line.indicator.code == "MT1")
    tip = page.model.data(page.model.index(row, header(page).index("Đánh giá 2031")),
                          Qt.ItemDataRole.ToolTipRole)
    assert tip == "So với mục tiêu năm 2030: ≥ 75"


def test_a_target_worded_in_the_plan_is_kept_in_the_note(page, ctx):
    choose(page, "MT2.1")
    page.form.targets.item(1, 1).setText("70-80%")
    assert not page.save()
    assert page.form.errors.message("targets").startswith("Dòng 2: «70-80%» không phải là một số")
    assert "«Ghi chú»" in page.form.errors.message("targets")
    page.form.targets.item(1, 1).setText("70")
    page.form.note.setPlainText("Mục tiêu 2030 trong văn bản: khoảng 60 - 70%")
    assert page.save()
    mt21 = next(i for i in indicators.list_indicators(ctx.db) if i.code == "MT2.1")
    assert (mt21.targets[2030], mt21.note) == (70.0, "Mục tiêu 2030 trong văn bản: khoảng 60 - 70%")
    choose(page, "MT1")
    assert page.form.note.toPlainText() == ""
    choose(page, "MT2.1")
    assert page.form.note.toPlainText() == "Mục tiêu 2030 trong văn bản: khoảng 60 - 70%"
    assert not page.form.is_dirty()
    page.form.note.setPlainText("khác")
    assert page.form.is_dirty()
    ctx.undo_last()
    assert next(i for i in indicators.list_indicators(ctx.db) if i.code == "MT2.1").note == ""


def test_saving_a_figure_keeps_the_indicators_unsaved_edits_and_vice_versa(page, ctx):
    choose(page, "MT1")
    page.form.source.setText("Kế hoạch của tỉnh")  # typed, not saved
    assert enter(page, "2025", "61")
    assert stored(ctx, "MT1", 2025).value == 61
    assert page.form.source.text() == "Kế hoạch của tỉnh" and page.form.is_dirty()
    page.entry.value_edit.setText("62")  # typed, not saved
    assert page.save()
    assert page.entry.value_edit.text() == "62" and page.entry.is_dirty()
    mt1 = next(i for i in indicators.list_indicators(ctx.db) if i.code == "MT1")
    assert mt1.source == "Kế hoạch của tỉnh"


def test_leaving_with_both_edited_and_saving_saves_both(page, ctx, answers):
    choose(page, "MT1")
    page.form.source.setText("Kế hoạch của tỉnh")
    page.entry.value_edit.setText("63")
    answers.replies.append("save")
    choose(page, "MT2.1")
    assert stored(ctx, "MT1", 2025).value == 63
    mt1 = next(i for i in indicators.list_indicators(ctx.db) if i.code == "MT1")
    assert mt1.source == "Kế hoạch của tỉnh"


def test_a_figure_being_typed_is_checked_in_the_unit_just_saved(page, ctx):
    choose(page, "MT1")
    page.entry.men.setText("55")
    page.entry.women.setText("62")
    page.entry.value_edit.setText("")
    page.form.unit.setText("người")  # a count after all: men + women make the total
    assert page.save()
    assert page.save_value()
    assert stored(ctx, "MT1", 2025).value == 117
