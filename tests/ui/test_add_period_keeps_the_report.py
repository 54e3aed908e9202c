"""«Thêm kỳ báo cáo…» with a progress report being typed: the report is saved first, as going
to another activity saves it; one that cannot be saved (150 %) stops the dialog from opening,
with a word why, and keeps every character typed. Nothing typed is lost in any branch."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from gbapp.domain.model import Status
from gbapp.store import periods, progress

HALF = "6 tháng đầu năm 2025"


@pytest.fixture
def ctx(qapp, demo_db, tmp_path):
    from gbapp.ui.context import AppContext

    return AppContext(demo_db, tmp_path / "demo.db")


@pytest.fixture
def page(qtbot, ctx):
    from gbapp.ui.pages.progress_page import ProgressPage

    widget = ProgressPage(ctx)
    widget.today = lambda: dt.date(2025, 12, 31)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    widget.period.setCurrentIndex(widget.period.findText(HALF))  # chosen by the clerk
    assert widget.period.currentText() == HALF
    return widget


def period_names(ctx) -> list[str]:
    return [p.name for p in periods.list_periods(ctx.db, ctx.plan_id)]


def period_id(ctx, name: str) -> int:
    return next(p.id for p in periods.list_periods(ctx.db, ctx.plan_id) if p.name == name)


def stored(page, ctx, period: str = HALF):
    line = page.model.row_at(0)
    return progress.get(ctx.db, line.id, page.agency.current_id(), period_id(ctx, period))


def type_report(page, percent: str) -> None:
    page.table.selectRow(0)
    page.form.status.setCurrentIndex(page.form.status.findData(Status.IN_PROGRESS))
    page.form.percent.setText("")
    page.form.percent.insert(percent)
    page.form.result.insertPlainText("Đã tổ chức hội nghị tập huấn về bình đẳng giới")
    assert page.form.is_dirty()


def fill_and_save_dialog(qtbot, dialog, name: str) -> None:
    qtbot.waitExposed(dialog)
    dialog.name.insert(name)
    dialog.start_on.insert("01/07/2025")
    dialog.end_on.insert("30/09/2025")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def click_add(qtbot, page) -> None:
    qtbot.mouseClick(page.add_period_button, Qt.MouseButton.LeftButton)


def test_an_invalid_report_stops_the_dialog_with_its_error_and_keeps_the_typing(
        qtbot, page, ctx, answers):
    type_report(page, "150")
    click_add(qtbot, page)

    assert page.period_dialog is None  # no period typed only to be lost
    assert len(answers.errors) == 1
    assert "chưa hợp lệ" in answers.errors[0] and page.model.row_at(0).ref in answers.errors[0]
    assert page.form.errors.message("percent")  # said beside the field too
    assert page.form.percent.text() == "150"
    assert page.form.result.toPlainText() == "Đã tổ chức hội nghị tập huấn về bình đẳng giới"
    assert page.form.is_dirty() and page.period.currentText() == HALF
    assert stored(page, ctx) is None

    # put right, the same click saves the report and opens the dialog
    page.form.percent.setText("")
    page.form.percent.insert("60")
    click_add(qtbot, page)
    assert stored(page, ctx).percent == 60
    assert not page.form.is_dirty()
    fill_and_save_dialog(qtbot, page.period_dialog, "Quý III/2025")
    assert "Quý III/2025" in period_names(ctx)
    assert page.period.currentText() == "Quý III/2025"  # the new period is shown
    assert stored(page, ctx).result == "Đã tổ chức hội nghị tập huấn về bình đẳng giới"
    assert len(answers.errors) == 1


def test_an_invalid_report_dropped_with_esc_then_the_dialog_opens(qtbot, page, ctx, answers):
    type_report(page, "150")
    click_add(qtbot, page)
    assert page.period_dialog is None

    answers.replies.append(False)  # Esc by mistake: "Tiếp tục sửa" keeps the typing
    qtbot.keyClick(page.form.percent, Qt.Key.Key_Escape)
    assert page.form.percent.text() == "150" and page.form.is_dirty()
    answers.replies.append(True)  # Esc meant: dropped
    qtbot.keyClick(page.form.percent, Qt.Key.Key_Escape)
    assert answers.asked == ["drop báo cáo này", "drop báo cáo này"]
    assert not page.form.is_dirty() and page.form.percent.text() != "150"

    click_add(qtbot, page)
    assert page.period_dialog is not None
    fill_and_save_dialog(qtbot, page.period_dialog, "Quý III/2025")
    assert page.period.currentText() == "Quý III/2025"
    assert stored(page, ctx) is None  # dropped, as asked


def test_a_valid_report_is_saved_before_the_dialog_even_when_it_is_cancelled(
        qtbot, page, ctx, answers):
    type_report(page, "40")
    click_add(qtbot, page)
    assert stored(page, ctx).percent == 40
    assert "Đã lưu báo cáo" in page.saved_label.text()
    dialog = page.period_dialog
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel),
                     Qt.MouseButton.LeftButton)  # nothing typed in it: it just closes
    assert not dialog.isVisible()
    assert period_names(ctx).count("Quý III/2025") == 0
    assert page.period.currentText() == HALF
    assert page.form.percent.text() == "40" and not page.form.is_dirty()
    assert answers.errors == []


def test_typing_that_turns_invalid_while_the_dialog_is_open_keeps_both(
        qtbot, page, ctx, answers):
    """The dialog is window-modal, so the form cannot be typed in meanwhile; should it hold
    unsaveable typing all the same when Lưu is clicked, the period is stored and the typing
    stays, the page on the period it is for."""
    click_add(qtbot, page)
    dialog = page.period_dialog
    type_report(page, "150")
    fill_and_save_dialog(qtbot, dialog, "Quý III/2025")

    assert "Quý III/2025" in period_names(ctx)  # the period typed is stored
    assert page.period.findText("Quý III/2025") >= 0
    assert page.period.currentText() == HALF  # the typing's own period stays shown
    assert page.form.percent.text() == "150" and page.form.is_dirty()
    assert page.form.result.toPlainText() == "Đã tổ chức hội nghị tập huấn về bình đẳng giới"
    assert page.form.errors.message("percent")
    assert len(answers.errors) == 1
    assert "Quý III/2025" in answers.errors[0] and HALF in answers.errors[0]
    assert stored(page, ctx) is None

    page.form.percent.setText("")
    page.form.percent.insert("70")
    qtbot.keyClick(page.form.percent, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert stored(page, ctx).percent == 70


def test_a_valid_report_typed_while_the_dialog_is_open_is_saved_in_its_period(
        qtbot, page, ctx, answers):
    click_add(qtbot, page)
    dialog = page.period_dialog
    type_report(page, "30")
    fill_and_save_dialog(qtbot, dialog, "Quý III/2025")
    assert stored(page, ctx).percent == 30  # in the period it was typed for
    assert page.period.currentText() == "Quý III/2025"
    assert answers.errors == []


def test_the_new_period_is_shown_after_another_was_chosen(qtbot, page, ctx, answers):
    """The page reopens on the period last chosen: the one just added is that period now (it
    went back to «6 tháng đầu năm 2025», chosen before, and the clerk typed the new period's
    reports into the old one)."""
    click_add(qtbot, page)
    fill_and_save_dialog(qtbot, page.period_dialog, "Quý III/2025")
    assert page.period.currentText() == "Quý III/2025"
    assert ctx.period_id == period_id(ctx, "Quý III/2025")
    page.reload()
    assert page.period.currentText() == "Quý III/2025"
