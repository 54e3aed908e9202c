"""IndicatorsPage: targets, yearly values with men/women, assessment; add, edit, undo."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from gbapp.domain.status import Assessment
from gbapp.domain.validation import format_decimal
from gbapp.store import indicators

SHOTS = Path("/tmp/shots")


def type_text(widget, text: str) -> None:
    """Type like a Vietnamese keyboard (IME): each character arrives as the event's text."""
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch,
                           Qt.KeyboardModifier.NoModifier)


def replace_text(widget, text: str) -> None:
    widget.selectAll()
    type_text(widget, text)


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


def header(page) -> list[str]:
    return [page.model.headerData(c, Qt.Orientation.Horizontal)
            for c in range(page.model.columnCount())]


def cell(page, code: str, title: str) -> str:
    row = next(n for n, line in enumerate(page.model.rows()) if line.indicator.code == code)
    return page.model.data(page.model.index(row, header(page).index(title)))


def color(page, code: str, title: str):
    row = next(n for n, line in enumerate(page.model.rows()) if line.indicator.code == code)
    return page.model.data(page.model.index(row, header(page).index(title)),
                           Qt.ItemDataRole.ForegroundRole)


def choose(qtbot, page, code: str) -> None:
    row = next(n for n, line in enumerate(page.model.rows()) if line.indicator.code == code)
    rect = page.table.visualRect(page.model.index(row, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.form.code.text() == code


def test_table_shows_targets_values_and_assessment(page, ctx):
    assert page.year.value() == 2025  # the plan's year
    assert header(page) == ["Mã", "Chỉ tiêu", "Đơn vị", "Chiều", "Mục tiêu 2025", "Mục tiêu 2030",
                            "Thực hiện 2024", "Thực hiện 2025", "Đánh giá 2025"]
    stored = indicators.list_indicators(ctx.db)
    assert [line.indicator.code for line in page.model.rows()] == [i.code for i in stored]
    assert cell(page, "MT1", "Mục tiêu 2025") == "60"
    assert cell(page, "MT3.1", "Mục tiêu 2025") == "1,7"
    assert cell(page, "MT2.2", "Chiều") == "≤"
    values = {v.year: v.value for v in indicators.values(ctx.db, stored[0].id)}
    assert cell(page, "MT1", "Thực hiện 2025") == f"{values[2025]:g}".replace(".", ",")


def test_entering_a_value_changes_the_assessment_then_undo(qtbot, page, ctx):
    choose(qtbot, page, "MT1")
    assert page.entry.year.text() == "2025"
    replace_text(page.entry.value_edit, "75")
    type_text(page.entry.men, "80")
    type_text(page.entry.women, "70,5")
    qtbot.mouseClick(page.save_value_button, Qt.MouseButton.LeftButton)
    assert cell(page, "MT1", "Đánh giá 2025") == "Đạt"
    assert color(page, "MT1", "Đánh giá 2025").name() == "#2e7d32"
    mt1 = next(i for i in indicators.list_indicators(ctx.db) if i.code == "MT1")
    v2025 = next(v for v in indicators.values(ctx.db, mt1.id) if v.year == 2025)
    assert (v2025.value, v2025.men, v2025.women, v2025.is_sample) == (75.0, 80.0, 70.5, False)
    assert "Đánh giá 2025: Đạt" in page.status_label.text()

    replace_text(page.entry.value_edit, "41")
    qtbot.keyClick(page.entry.value_edit, Qt.Key.Key_Return)  # Enter saves too
    assert cell(page, "MT1", "Đánh giá 2025") == "Chưa đạt"
    assert color(page, "MT1", "Đánh giá 2025").name() == "#c62828"

    ctx.undo_last()
    assert cell(page, "MT1", "Đánh giá 2025") == "Đạt"
    ctx.undo_last()
    v2025 = next(v for v in indicators.values(ctx.db, mt1.id) if v.year == 2025)
    assert v2025.is_sample and v2025.men is None


def test_at_risk_before_the_target_year_is_amber(qtbot, page, ctx):
    choose(qtbot, page, "MT1")
    type_text(page.form.baseline, "40")
    type_text(page.form.baseline_year, "2020")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    mt1 = next(i for i in indicators.list_indicators(ctx.db) if i.code == "MT1")
    assert (mt1.baseline, mt1.baseline_year, mt1.targets) == (40.0, 2020, {2025: 60.0, 2030: 75.0})

    page.year.setValue(2026)
    assert header(page)[-1] == "Đánh giá 2026"
    assert page.entry.year.text() == "2026"  # the entry row follows the evaluation year
    replace_text(page.entry.value_edit, "50")  # on the way 40 -> 75 by 2030, 61 expected in 2026
    qtbot.mouseClick(page.save_value_button, Qt.MouseButton.LeftButton)
    assert cell(page, "MT1", "Đánh giá 2026") == Assessment.AT_RISK
    assert color(page, "MT1", "Đánh giá 2026").name() == "#e65100"
    assert cell(page, "MT1", "Thực hiện 2026") == "50"
    assert cell(page, "MT2.1", "Đánh giá 2026") == "Chưa có số liệu"


def test_value_validation_next_to_the_field(qtbot, page, ctx):
    choose(qtbot, page, "MT2.1")
    before = indicators.values(ctx.db)
    replace_text(page.entry.value_edit, "120")
    replace_text(page.entry.year, "25")
    qtbot.mouseClick(page.save_value_button, Qt.MouseButton.LeftButton)
    assert page.entry.errors.message("year") == "Năm phải có 4 chữ số, ví dụ 2025."
    assert page.entry.errors.message("value") == "Tỷ lệ phải từ 0 đến 100%."
    replace_text(page.entry.year, "2025")
    replace_text(page.entry.value_edit, "năm mươi")
    qtbot.mouseClick(page.save_value_button, Qt.MouseButton.LeftButton)
    assert page.entry.errors.message("value") == (
        "«năm mươi» không phải là một số. Nhập ví dụ 60; 1,7 hoặc 1.200.")
    replace_text(page.entry.value_edit, "99,999")  # would show and print as 100
    qtbot.mouseClick(page.save_value_button, Qt.MouseButton.LeftButton)
    assert page.entry.errors.message("value") == (
        "«99,999»: nhập tối đa hai chữ số thập phân (ví dụ 99,99).")
    assert indicators.values(ctx.db) == before


def test_add_an_indicator_with_targets_then_undo(qtbot, page, ctx):
    count = len(indicators.list_indicators(ctx.db))
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.form.errors.message("code") == "Nhập mã chỉ tiêu."
    assert page.form.errors.message("name") == "Nhập tên chỉ tiêu."

    type_text(page.form.code, "MT1")
    type_text(page.form.name, "Tỷ lệ nữ đại biểu Hội đồng nhân dân")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.form.errors.message("code") == "Mã MT1 đã dùng cho chỉ tiêu khác."

    replace_text(page.form.code, "MT4.1")
    page.form.targets.item(0, 0).setText("2025")
    page.form.targets.item(0, 1).setText("35,5")
    assert page.form.targets.rowCount() == 2  # a free row to add the next year
    page.form.targets.item(1, 0).setText("2030")
    page.form.targets.item(1, 1).setText("")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.form.errors.message("targets") == "Dòng 2: Nhập cả năm và giá trị mục tiêu."
    page.form.targets.item(1, 1).setText("40")
    page.form.source.setText("Kế hoạch hành động của tỉnh")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    added = next(i for i in indicators.list_indicators(ctx.db) if i.code == "MT4.1")
    assert (added.name, added.targets, added.source) == (
        "Tỷ lệ nữ đại biểu Hội đồng nhân dân", {2025: 35.5, 2030: 40.0},
        "Kế hoạch hành động của tỉnh")
    assert cell(page, "MT4.1", "Mục tiêu 2025") == "35,5"
    assert cell(page, "MT4.1", "Đánh giá 2025") == "Chưa có số liệu"
    assert page.form.indicator_id() == added.id

    ctx.undo_last()
    assert len(indicators.list_indicators(ctx.db)) == count
    assert "MT4.1" not in [line.indicator.code for line in page.model.rows()]


def test_screenshot(qtbot, page):
    choose(qtbot, page, "MT3.1")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.resize(1366, 768)
    assert page.grab().save(str(SHOTS / "indicators.png"))


def test_a_count_is_typed_the_vietnamese_way_and_its_split_checked(qtbot, page, ctx):
    """"1.200" is one thousand two hundred; men + women of a count must make the total."""
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    type_text(page.form.code, "MT9")
    type_text(page.form.name, "Số người được tập huấn về bình đẳng giới")
    replace_text(page.form.unit, "người")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.form.code.text() == "MT9"
    replace_text(page.entry.year, "2025")
    replace_text(page.entry.value_edit, "1.200")
    replace_text(page.entry.men, "700")
    replace_text(page.entry.women, "800")
    qtbot.mouseClick(page.save_value_button, Qt.MouseButton.LeftButton)
    assert page.entry.errors.message("value") == "Nam + nữ (1.500) khác giá trị chung (1.200)."
    replace_text(page.entry.women, "500")
    qtbot.mouseClick(page.save_value_button, Qt.MouseButton.LeftButton)
    mt9 = next(i for i in indicators.list_indicators(ctx.db) if i.code == "MT9")
    stored = next(v for v in indicators.values(ctx.db, mt9.id) if v.year == 2025)
    assert (stored.value, stored.men, stored.women) == (1200.0, 700.0, 500.0)
    assert cell(page, "MT9", "Thực hiện 2025") == "1.200"


def test_saving_a_new_figure_keeps_the_years_split_and_note(qtbot, page, ctx):
    mt1 = next(i for i in indicators.list_indicators(ctx.db) if i.code == "MT1")
    indicators.save_value(ctx.db, dataclasses.replace(
        next(v for v in indicators.values(ctx.db, mt1.id) if v.year == 2025),
        men=58.0, women=61.0, note="Báo cáo số 45", is_sample=False))
    page.reload()
    choose(qtbot, page, "MT1")
    assert (page.entry.year.text(), page.entry.men.text(), page.entry.note.text()) == \
        ("2025", "58", "Báo cáo số 45")  # the year's stored figures, not a blank row
    replace_text(page.entry.value_edit, "60")
    qtbot.mouseClick(page.save_value_button, Qt.MouseButton.LeftButton)
    stored = next(v for v in indicators.values(ctx.db, mt1.id) if v.year == 2025)
    assert (stored.value, stored.men, stored.women, stored.note) == (60.0, 58.0, 61.0,
                                                                    "Báo cáo số 45")
    page.activateWindow()
    page.entry.year.setFocus()
    qtbot.waitUntil(page.entry.year.hasFocus)
    replace_text(page.entry.year, "2024")  # another year brings its own figures
    QTest.keyClick(page.entry.year, Qt.Key.Key_Tab)
    assert page.entry.value_edit.text() == format_decimal(
        next(v for v in indicators.values(ctx.db, mt1.id) if v.year == 2024).value)


def test_switching_indicator_with_unsaved_edits_asks(qtbot, page, ctx, answers):
    choose(qtbot, page, "MT1")
    replace_text(page.form.unit, "người")
    answers.replies.append("cancel")
    choose_row = next(n for n, line in enumerate(page.model.rows())
                      if line.indicator.code == "MT2.1")
    rect = page.table.visualRect(page.model.index(choose_row, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert answers.asked and "MT1" in answers.asked[0]
    assert (page.form.code.text(), page.form.unit.text()) == ("MT1", "người")
    answers.replies.append("save")
    choose(qtbot, page, "MT2.1")
    mt1 = next(i for i in indicators.list_indicators(ctx.db) if i.code == "MT1")
    assert mt1.unit == "người"
