"""ProgressPage driven from the keyboard: choose period and agency, fill a report, save, undo."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from gbapp.domain.entities import Period, ProgressReport
from gbapp.domain.model import Role, Status
from gbapp.domain.validation import format_count, format_money
from gbapp.store import agencies, assignments, periods, progress

SHOTS = Path("/tmp/shots")
CTRL = Qt.KeyboardModifier.ControlModifier


def type_text(widget, text: str) -> None:
    """Type like a Vietnamese keyboard (IME): each character arrives as the event's text."""
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch,
                           Qt.KeyboardModifier.NoModifier)


def focused():
    return QApplication.focusWidget()


def key(qtbot, k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), k, modifier)


def tab_and_type(qtbot, text: str) -> None:
    key(qtbot, Qt.Key.Key_Tab)
    if text:
        type_text(focused(), text)


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
    widget.activateWindow()
    qtbot.waitExposed(widget)
    return widget


def period_id(ctx, name: str) -> int:
    return next(p.id for p in periods.list_periods(ctx.db, ctx.plan_id) if p.name == name)


def choose(qtbot, page, period: str, agency_typed: str) -> None:
    """Pick the period in its combo, type the agency (no diacritics needed), Enter."""
    page.period.setCurrentIndex(page.period.findText(period))
    page.agency.lineEdit().selectAll()
    type_text(page.agency.lineEdit(), agency_typed)
    qtbot.keyClick(page.agency.lineEdit(), Qt.Key.Key_Return)


def unreported_names(page) -> list[str]:
    return [r[1] for r in page.unreported_model.rows()]


def test_fill_a_report_from_the_keyboard_then_undo(qtbot, page, ctx):
    choose(qtbot, page, "6 tháng đầu năm 2025", "tu phap")
    stp = agencies.find_by_name(ctx.db, "Sở Tư pháp")
    half = period_id(ctx, "6 tháng đầu năm 2025")
    assert page.agency.current_id() == stp
    expected = [i for i, _ in assignments.for_agency(ctx.db, ctx.plan_id, stp)]
    assert [line.id for line in page.model.rows()] == expected
    assert "Sở Tư pháp" in unreported_names(page)
    before = next(r for r in page.unreported_model.rows() if r[1] == "Sở Tư pháp")
    first = expected[0]

    page.form.status.setFocus()
    key(qtbot, Qt.Key.Key_Down)  # Chưa triển khai -> Đang thực hiện
    tab_and_type(qtbot, "50")
    tab_and_type(qtbot, "Đã tổ chức 2 hội nghị tập huấn về bình đẳng giới")
    tab_and_type(qtbot, "2")
    tab_and_type(qtbot, "1.200")
    tab_and_type(qtbot, "500")
    tab_and_type(qtbot, "700")
    tab_and_type(qtbot, "45/BC-STP")
    tab_and_type(qtbot, "Thiếu báo cáo viên")
    tab_and_type(qtbot, "")
    tab_and_type(qtbot, "15.000.000")
    assert focused() is page.form.spending
    key(qtbot, Qt.Key.Key_S, CTRL)

    saved = progress.get(ctx.db, first, stp, half)
    assert saved is not None
    assert (saved.status, saved.percent, saved.sessions, saved.participants, saved.men,
            saved.women) == (Status.IN_PROGRESS, 50, 2, 1200, 500, 700)
    assert saved.result == "Đã tổ chức 2 hội nghị tập huấn về bình đẳng giới"
    assert (saved.evidence, saved.difficulties, saved.spending) == (
        "45/BC-STP", "Thiếu báo cáo viên", 15_000_000.0)
    assert page.model.data(page.model.index(0, 3)) == "Đang thực hiện (trong hạn)"
    # one activity reported of several: still listed, with one activity fewer to report
    row = next(r for r in page.unreported_model.rows() if r[1] == "Sở Tư pháp")
    assert row[2:] == (before[2] - 1, before[3])
    assert page.form.spending.text() == "15.000.000"
    assert not page.form.is_dirty()

    assert ctx.undo_last() == "Lưu báo cáo tiến độ"
    assert progress.get(ctx.db, first, stp, half) is None
    assert page.form.result.toPlainText() == ""
    assert page.model.data(page.model.index(0, 3)) == "Chưa báo cáo"
    assert "Sở Tư pháp" in unreported_names(page)


def test_validation_next_to_the_fields_then_enter_saves_and_moves_on(qtbot, page, ctx):
    choose(qtbot, page, "6 tháng đầu năm 2025", "tu phap")
    stp = page.agency.current_id()
    half = period_id(ctx, "6 tháng đầu năm 2025")
    first, second = (line.id for line in page.model.rows()[:2])

    page.form.status.setCurrentIndex(page.form.status.findText("Hoàn thành"))
    assert page.form.percent.text() == "100"  # filled in for a finished activity
    type_text(page.form.participants, "100")
    type_text(page.form.men, "60")
    type_text(page.form.women, "50")
    page.form.completed_on.setFocus()
    key(qtbot, Qt.Key.Key_Return)

    assert page.form.errors.message("women") == "Nam + nữ (110) nhiều hơn số người tham gia (100)."
    assert page.form.errors.message("completed_on") == \
        "Nhập ngày hoàn thành khi tình trạng là hoàn thành."
    assert page.form.errors.labels["women"].isVisible()
    assert progress.get(ctx.db, first, stp, half) is None

    page.form.women.clear()
    type_text(page.form.women, "40")
    type_text(page.form.completed_on, "15/6/2025")
    page.form.completed_on.setFocus()
    key(qtbot, Qt.Key.Key_Return)  # Enter on the last field: save, go to the next activity

    saved = progress.get(ctx.db, first, stp, half)
    assert (saved.status, saved.completed_on, saved.women) == (
        Status.DONE_ON_TIME, dt.date(2025, 6, 15), 40)
    assert page.table.currentIndex().row() == 1
    assert page.heading.text().startswith(page.model.row_at(1).ref)
    assert focused() is page.form.status
    assert progress.get(ctx.db, second, stp, half) is None


def test_a_late_completion_is_shown_as_late(qtbot, page, ctx):
    """"Hoàn thành" is what the officer picks; on time or late comes from the dates, as on the
    activities page."""
    from gbapp.store import items

    choose(qtbot, page, "6 tháng đầu năm 2025", "tu phap")
    line = page.model.rows()[0]
    due = items.get(ctx.db, line.id).time_frame.end
    assert due is not None
    late = due + dt.timedelta(days=5)
    page.today = page.form.today = lambda: late  # the report is typed the day it was done
    page.form.status.setCurrentIndex(page.form.status.findText("Hoàn thành"))
    type_text(page.form.completed_on, f"{late:%d/%m/%Y}")
    page.form.completed_on.setFocus()
    key(qtbot, Qt.Key.Key_Return)
    row = next(n for n, a in enumerate(page.model.rows()) if a.id == line.id)
    assert page.model.data(page.model.index(row, 3)) == "Hoàn thành quá hạn"


def test_numbers_only_and_future_completion_refused(qtbot, page, ctx):
    choose(qtbot, page, "6 tháng đầu năm 2025", "tu phap")
    type_text(page.form.sessions, "hai")  # kept as typed, refused with a message on saving
    assert page.form.sessions.text() == "hai"
    page.form.status.setCurrentIndex(page.form.status.findText("Hoàn thành"))
    type_text(page.form.completed_on, "05/01/2026")
    type_text(page.form.spending, "15,5,5")
    page.form.status.setFocus()
    key(qtbot, Qt.Key.Key_S, CTRL)
    assert page.form.errors.message("completed_on") == "Ngày hoàn thành không được sau hôm nay."
    assert "số nguyên" in page.form.errors.message("sessions")
    assert "không phải là một số tiền" in page.form.errors.message("spending")


def test_ctrl_down_and_page_down_go_to_the_next_activity_saving_first(qtbot, page, ctx):
    choose(qtbot, page, "6 tháng đầu năm 2025", "tu phap")
    stp = page.agency.current_id()
    half = period_id(ctx, "6 tháng đầu năm 2025")
    rows = page.model.rows()
    page.form.result.setFocus()
    key(qtbot, Qt.Key.Key_Down, CTRL)  # nothing typed: just moves
    assert page.table.currentIndex().row() == 1
    assert progress.get(ctx.db, rows[0].id, stp, half) is None

    type_text(page.form.result, "Đang chuẩn bị tài liệu")
    page.form.result.setFocus()
    key(qtbot, Qt.Key.Key_PageDown)  # typed: saved, then moves
    assert progress.get(ctx.db, rows[1].id, stp, half).result == "Đang chuẩn bị tài liệu"
    assert page.table.currentIndex().row() == 2
    key(qtbot, Qt.Key.Key_PageUp)
    assert page.table.currentIndex().row() == 1
    assert page.form.result.toPlainText() == "Đang chuẩn bị tài liệu"


def test_edit_an_existing_report_keeps_the_item_status_in_step(qtbot, page, ctx):
    half = period_id(ctx, "6 tháng đầu năm 2025")
    sample = next(r for r in progress.for_period(ctx.db, half) if r.spending)
    agency = agencies.get(ctx.db, sample.agency_id)
    page.period.setCurrentIndex(page.period.findText("6 tháng đầu năm 2025"))
    page.agency.set_current_id(agency.id)
    row = page.model.row_of_id(sample.item_id)
    rect = page.table.visualRect(page.model.index(row, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.form.spending.text() == f"{round(sample.spending):,}".replace(",", ".")
    assert page.form.result.toPlainText() == sample.result

    page.form.spending.selectAll()
    type_text(page.form.spending, "15.000.000 đ")
    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)
    stored = progress.get(ctx.db, sample.item_id, agency.id, half)
    assert (stored.spending, stored.is_sample) == (15_000_000.0, False)
    assert stored.result == sample.result
    assert "Đã lưu" in page.saved_label.text()


def test_add_a_period_with_its_dates_then_undo(qtbot, page, ctx):
    qtbot.mouseClick(page.add_period_button, Qt.MouseButton.LeftButton)
    dialog = page.period_dialog
    qtbot.waitExposed(dialog)
    type_text(dialog.name, "Quý III/2025")
    dialog.kind.setCurrentIndex(dialog.kind.findText("Quý"))
    type_text(dialog.start_on, "01/07/2025")
    type_text(dialog.end_on, "30/06/2025")
    ok = dialog.buttons.buttons()[0] if dialog.buttons.buttons()[0].text() == "Lưu" \
        else dialog.buttons.buttons()[1]
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.errors.message("end_on") == "Ngày kết thúc phải sau ngày bắt đầu."

    dialog.end_on.clear()
    type_text(dialog.end_on, "30/9/2025")
    type_text(dialog.due_on, "01/06/2025")  # before the quarter starts
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.errors.message("due_on") == "Hạn nộp báo cáo không được trước ngày bắt đầu kỳ."
    dialog.due_on.clear()
    type_text(dialog.due_on, "5/10/2025")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    added = [p for p in periods.list_periods(ctx.db, ctx.plan_id) if p.name == "Quý III/2025"]
    assert len(added) == 1
    assert (added[0].kind, added[0].end_on, added[0].due_on) == (
        "quarter", dt.date(2025, 9, 30), dt.date(2025, 10, 5))
    assert page.period.currentText() == "Quý III/2025"
    assert page.due_label.text() == "Hạn nộp: 05/10/2025"

    ctx.undo_last()
    assert page.period.findText("Quý III/2025") == -1
    assert page.period.currentIndex() >= 0


def test_unreported_list_opens_that_agency(qtbot, page, ctx):
    page.period.setCurrentIndex(page.period.findText("Tháng hành động 2025"))
    month = period_id(ctx, "Tháng hành động 2025")
    expected = progress.unreported_agencies(ctx.db, ctx.plan_id, month)
    assert unreported_names(page) == [name for _, name, _, _ in expected]
    ident, name, _missing, count = expected[-1]
    rect = page.unreported.visualRect(page.unreported_model.index(len(expected) - 1, 0))
    qtbot.mouseClick(page.unreported.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.agency.current_id() == ident
    assert page.agency.currentText() == name
    # all its activities, to report on; those completed before the month ask nothing of it
    assert page.model.rowCount() == len(assignments.for_agency(ctx.db, ctx.plan_id, ident))
    assert page.model.rowCount() >= count


def test_screenshot(qtbot, page, ctx):
    choose(qtbot, page, "6 tháng đầu năm 2025", "noi vu")
    page.form.result.setFocus()
    page.form.women.setText("9999")
    page.form.participants.setText("10")
    page.form.save_requested.emit(False)  # shows a validation message in the picture
    assert page.form.errors.message("women") == "Số nữ (9999) nhiều hơn số người tham gia (10)."
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.resize(1366, 768)
    assert page.grab().save(str(SHOTS / "progress.png"))


def test_the_status_column_reads_a_report_against_the_due_date():
    """"Đang thực hiện" after the due date is shown as overdue, as on the activities page."""
    from gbapp.domain.entities import ProgressReport
    from gbapp.ui.pages.progress_page import ActivityLine

    due = dt.date(2025, 6, 30)
    going = ActivityLine(1, "II.1.a", "Tập huấn", Role.LEAD,
                         ProgressReport(status=Status.IN_PROGRESS, percent=60), due)
    assert going.shown_status(dt.date(2025, 6, 1)) is Status.IN_PROGRESS
    assert going.shown_status(dt.date(2025, 7, 1)) is Status.OVERDUE
    done = ActivityLine(1, "II.1.a", "Tập huấn", Role.LEAD, ProgressReport(
        status=Status.DONE_ON_TIME, percent=100, completed_on=dt.date(2025, 7, 3)), due)
    assert done.shown_status(dt.date(2025, 8, 1)) is Status.DONE_LATE


def test_labels_stay_beside_their_fields_when_an_error_shows(qtbot, page, ctx):
    """An error under "Ngày hoàn thành" makes its row taller; the label stays level with the
    field, not halfway down beside the error."""
    from PySide6.QtWidgets import QLabel

    choose(qtbot, page, "6 tháng đầu năm 2025", "tu phap")
    form = page.form
    label = next(w for w in form.findChildren(QLabel) if w.text() == "Ngày hoàn thành")

    def offset() -> int:
        return label.mapTo(form, label.rect().center()).y() - \
            form.completed_on.mapTo(form, form.completed_on.rect().center()).y()

    before = offset()
    form.status.setCurrentIndex(form.status.findText("Hoàn thành"))
    form.completed_on.setText("31/02/2025")
    form.save_requested.emit(False)
    QApplication.processEvents()
    assert form.errors.message("completed_on")
    assert abs(offset()) <= 3 and abs(before) <= 3, (before, offset())


def test_an_activity_reported_for_a_period_inside_says_so(qtbot, page, ctx):
    """For the year, an activity the half year's report says is done counts as reported (as
    in the lists and the report): the row says by which period. One it says is still going on
    does not: the year asks a report of its own, the row says "Chưa báo cáo" and its agency is
    listed as not having reported (progress.answers)."""
    year = period_id(ctx, "Năm 2025")
    half = period_id(ctx, "6 tháng đầu năm 2025")
    inside = [r for r in progress.for_period(ctx.db, half)
              if progress.get(ctx.db, r.item_id, r.agency_id, year) is None]
    done = next(r for r in inside if r.status in (Status.DONE_ON_TIME, Status.DONE_LATE))
    going = next(r for r in inside if r.status == Status.IN_PROGRESS)
    page.period.setCurrentIndex(page.period.findText("Năm 2025"))

    def shown(report) -> str:
        page.agency.set_current_id(report.agency_id)
        return page.model.data(page.model.index(page.model.row_of_id(report.item_id), 3))

    text = shown(done)
    assert text.endswith("(kỳ 6 tháng đầu năm 2025)") and text != "Chưa báo cáo"
    assert shown(going) == "Chưa báo cáo"
    assert agencies.get(ctx.db, going.agency_id).name in unreported_names(page)


def test_a_hidden_page_reads_again_when_shown(qtbot, page, ctx):
    """A save elsewhere changes who has not reported; a hidden page catches up when shown."""
    from gbapp.domain.entities import ProgressReport

    page.period.setCurrentIndex(page.period.findText("Tháng hành động 2025"))
    month = period_id(ctx, "Tháng hành động 2025")
    agency_id, name, missing, _assigned = progress.unreported_agencies(
        ctx.db, ctx.plan_id, month)[0]
    page.hide()
    for item_id, _role in assignments.for_agency(ctx.db, ctx.plan_id, agency_id):
        ctx.perform("Lưu báo cáo", lambda db, item_id=item_id: progress.save(db, ProgressReport(
            item_id=item_id, agency_id=agency_id, period_id=month, status=Status.IN_PROGRESS,
            percent=40)))
    assert name in unreported_names(page)  # not read while hidden
    page.show()
    assert name not in unreported_names(page)
    assert unreported_names(page) == [
        n for _, n, _, _ in progress.unreported_agencies(ctx.db, ctx.plan_id, month)]
    assert missing > 0


def test_a_large_plan_lists_who_has_not_reported_off_the_gui_thread(qtbot, ctx, monkeypatch):
    import threading

    from gbapp.ui.pages.progress_page import ProgressPage

    monkeypatch.setattr(ProgressPage, "background_from", 0)
    threads = []
    real = progress.unreported_agencies
    monkeypatch.setattr(progress, "unreported_agencies",
                        lambda *a, **k: threads.append(threading.current_thread()) or real(*a, **k))
    page = ProgressPage(ctx)
    page.today = lambda: dt.date(2025, 12, 31)
    qtbot.addWidget(page)
    page.show()
    page.period.setCurrentIndex(page.period.findText("Tháng hành động 2025"))
    assert "đang tính" in page.unreported_title.text()
    month = period_id(ctx, "Tháng hành động 2025")
    expected = real(ctx.db, ctx.plan_id, month, on=dt.date(2025, 12, 31))
    qtbot.waitUntil(lambda: not page.loader.running, timeout=10_000)
    assert unreported_names(page) == [n for _, n, _, _ in expected]
    assert page.unreported_title.text() == (
        f"Chưa báo cáo kỳ «Tháng hành động 2025»: {len(expected)} cơ quan")
    assert threads and threading.main_thread() not in threads
    page.shutdown()
    assert page.loader.wait(0)


def test_switching_plan_saves_the_report_being_typed_and_shows_the_new_plan(qtbot, page, ctx):
    """A UX review: with a report half typed, another plan was chosen; the page kept the old
    plan's activity in an editable form beside the new plan's empty lists, and "Lưu" did
    nothing."""
    from gbapp.domain.entities import Plan
    from gbapp.store import plans

    choose(qtbot, page, "6 tháng đầu năm 2025", "tu phap")
    stp = agencies.find_by_name(ctx.db, "Sở Tư pháp")
    half = period_id(ctx, "6 tháng đầu năm 2025")
    item = page._current_line().id
    page.form.result.setPlainText("Đã tổ chức 1 hội nghị")
    assert page.form.is_dirty()
    old_plan = ctx.plan_id
    new_plan = ctx.perform("Kế hoạch mới", lambda db: plans.insert(db, Plan(title="Kế hoạch 2026")))
    ctx.set_plan(new_plan)
    saved = progress.get(ctx.db, item, stp, half)
    assert saved is not None and saved.result == "Đã tổ chức 1 hội nghị"
    assert not page.form.is_dirty() and not page.form.isEnabled()
    assert page.model.rowCount() == 0
    ctx.set_plan(old_plan)
    assert page.model.rowCount() > 0


def test_escape_drops_what_was_typed_before_it_is_saved(qtbot, page, ctx):
    """A UX review: "abc" typed by mistake, Esc did nothing, and changing the period saved it
    as a report."""
    choose(qtbot, page, "6 tháng đầu năm 2025", "tu phap")
    stp = agencies.find_by_name(ctx.db, "Sở Tư pháp")
    half = period_id(ctx, "6 tháng đầu năm 2025")
    item = page._current_line().id
    before = progress.get(ctx.db, item, stp, half)
    page.form.result.setFocus()
    qtbot.keyClicks(page.form.result, "abc")
    assert page.form.is_dirty()
    key(qtbot, Qt.Key.Key_Escape)
    assert not page.form.is_dirty()
    assert "abc" not in page.form.result.toPlainText()
    page.period.setCurrentIndex(page.period.findText("Năm 2025"))
    assert progress.get(ctx.db, item, stp, half) == before


def test_a_stray_esc_in_the_progress_form_asks_before_dropping(qtbot, page, ctx, answers):
    choose(qtbot, page, "6 tháng đầu năm 2025", "tu phap")
    page.form.result.setFocus()
    qtbot.keyClicks(page.form.result, "abc")
    answers.replies.append(False)  # "Tiếp tục sửa"
    key(qtbot, Qt.Key.Key_Escape)
    assert answers.asked == ["drop báo cáo này"]
    assert page.form.is_dirty() and "abc" in page.form.result.toPlainText()


def test_saving_an_untouched_form_records_no_report_the_agency_never_sent(qtbot, page, ctx):
    # Ctrl+S (or Enter on the last field) on an agency's empty form stored "Chưa triển khai":
    # the agency then counted as having reported
    choose(qtbot, page, "6 tháng đầu năm 2025", "tu phap")
    stp = page.agency.current_id()
    half = period_id(ctx, "6 tháng đầu năm 2025")
    rows = page.model.rows()
    page.form.status.setFocus()
    key(qtbot, Qt.Key.Key_S, CTRL)
    assert progress.get(ctx.db, rows[0].id, stp, half) is None
    assert "Chưa nhập gì" in page.form.errors.message("status")
    assert focused() is page.form.status

    page.form.completed_on.setFocus()
    key(qtbot, Qt.Key.Key_Return)  # going through the list: moves on, saves nothing
    assert page.table.currentIndex().row() == 1
    assert progress.get(ctx.db, rows[0].id, stp, half) is None

    # "Chưa triển khai" picked by hand is a report, even though it is the status shown
    page.form.status.activated.emit(page.form.status.currentIndex())
    key(qtbot, Qt.Key.Key_S, CTRL)
    saved = progress.get(ctx.db, rows[1].id, stp, half)
    assert saved is not None and saved.status == Status.NOT_STARTED
    assert page.form.errors.message("status") in ("", None)


def test_figures_take_what_is_pasted_or_typed_with_unikey(qtbot, page, ctx):
    # the fields' validators refused "1,234", "80 %", "15.000.000 đồng" pasted, without a word;
    # and Unikey's Telex "d" + Backspace + "đ" after 1500000 lost a digit: "150000đ"
    choose(qtbot, page, "6 tháng đầu năm 2025", "tu phap")
    stp = page.agency.current_id()
    half = period_id(ctx, "6 tháng đầu năm 2025")
    first = page.model.rows()[0].id
    page.form.status.setCurrentIndex(page.form.status.findData(Status.IN_PROGRESS))
    page.form.percent.insert("80 %")
    page.form.participants.insert("1,234")
    page.form.men.insert("\u00a0600\t")
    type_text(page.form.spending, "1500000d")
    page.form.spending.setFocus()
    qtbot.keyClick(page.form.spending, Qt.Key.Key_Backspace)
    type_text(page.form.spending, "đ")
    assert page.form.spending.text() == "1500000đ"
    page.form.status.setFocus()
    key(qtbot, Qt.Key.Key_S, CTRL)
    saved = progress.get(ctx.db, first, stp, half)
    assert (saved.percent, saved.participants, saved.men, saved.spending) == (
        80, 1234, 600, 1_500_000)


def test_a_figure_pasted_from_a_table_cell_loses_its_tab(qtbot, page, ctx):
    from PySide6.QtWidgets import QApplication

    choose(qtbot, page, "6 tháng đầu năm 2025", "tu phap")
    QApplication.clipboard().setText("1.200\t\r\n")
    page.form.participants.setFocus()
    qtbot.keyClick(page.form.participants, Qt.Key.Key_V, CTRL)
    assert page.form.participants.text() == "1.200"


def test_a_new_report_starts_from_what_the_agency_last_said(qtbot, page, ctx):
    """The lead's latest report is the activity's status: a year's report typed with its figures
    only started at "Chưa triển khai" and undid work reported done in the half year (found in
    review). A new report now starts from the agency's last status, percent and date."""
    year = period_id(ctx, "Năm 2025")
    half = period_id(ctx, "6 tháng đầu năm 2025")
    done = next(r for r in progress.for_period(ctx.db, half)
                if r.status in (Status.DONE_ON_TIME, Status.DONE_LATE)
                and progress.get(ctx.db, r.item_id, r.agency_id, year) is None
                and ctx.db.execute("SELECT lead_agency_id FROM items WHERE id = ?",
                                   [r.item_id]).fetchone()[0] == r.agency_id)
    before = ctx.db.execute("SELECT progress_status, completed_on FROM items WHERE id = ?",
                            [done.item_id]).fetchone()
    assert before[0] in ("hoan_thanh_dung_han", "hoan_thanh_qua_han")
    page.period.setCurrentIndex(page.period.findText("Năm 2025"))
    page.agency.set_current_id(done.agency_id)
    page._select_row(done.item_id)
    page._item_id = done.item_id
    page._load_form()
    form = page.form
    assert Status(form.status.currentData()) == Status.DONE_ON_TIME
    assert form.completed_on.text() == done.completed_on.strftime("%d/%m/%Y")
    form.participants.setFocus()
    form.participants.selectAll()  # (it starts from the half year's figure)
    type_text(form.participants, "400")  # the year's figure, nothing else
    qtbot.keyClick(form.participants, Qt.Key.Key_S, CTRL)
    saved = progress.get(ctx.db, done.item_id, done.agency_id, year)
    assert saved is not None and saved.participants == 400
    assert saved.status == done.status and saved.completed_on == done.completed_on
    after = ctx.db.execute("SELECT progress_status, completed_on FROM items WHERE id = ?",
                           [done.item_id]).fetchone()
    assert after == before


def test_a_year_report_starts_from_the_half_year_figures_and_says_so(qtbot, page, ctx):
    """The documents total one report per agency and activity for a period, the year's
    replacing the half year's: a year's report typed with the second half's figures only lost
    the first half's (found in review: 90 M đồng gone from the year's total). A new year's
    report starts from the half year's figures, and a line says where they come from; a
    report of the next year carries the status only."""
    year = period_id(ctx, "Năm 2025")
    half = period_id(ctx, "6 tháng đầu năm 2025")
    earlier = next(r for r in progress.for_period(ctx.db, half)
                   if r.participants and r.spending
                   and progress.get(ctx.db, r.item_id, r.agency_id, year) is None)
    page.period.setCurrentIndex(page.period.findText("Năm 2025"))
    page.agency.set_current_id(earlier.agency_id)
    page._select_row(earlier.item_id)
    page._item_id = earlier.item_id
    page._load_form()
    form = page.form
    assert form.participants.text() == format_count(earlier.participants)
    assert form.spending.text() == format_money(earlier.spending)
    assert not form.carried.isHidden()
    assert "6 tháng đầu năm 2025" in form.carried.text() and "số liệu" in form.carried.text()
    assert not form.is_dirty()  # nothing is stored until the user saves
    assert progress.get(ctx.db, earlier.item_id, earlier.agency_id, year) is None

    # the next year's report: a period not holding the earlier one carries the status only
    next_year = ctx.perform("Thêm kỳ", lambda db: periods.save(db, Period(
        plan_id=ctx.plan_id, name="Năm 2026", kind="year", start_on=dt.date(2026, 1, 1),
        end_on=dt.date(2026, 12, 31), due_on=dt.date(2026, 12, 5))))
    page.reload()
    page.period.setCurrentIndex(page.period.findText("Năm 2026"))
    page.agency.set_current_id(earlier.agency_id)
    page._select_row(earlier.item_id)
    page._item_id = earlier.item_id
    page._load_form()
    assert progress.get(ctx.db, earlier.item_id, earlier.agency_id, next_year) is None
    assert form.participants.text() == "" and form.spending.text() == ""
    assert "số liệu" not in form.carried.text() and not form.carried.isHidden()


def test_a_year_report_adds_up_the_figures_of_every_period_inside_it(qtbot, page, ctx):
    """With a half-year report and a later "Tháng hành động" report inside the year, the
    year's new report started from the action month's figures alone, and its line said to add
    only what came after: the half year's were lost all the same (found in review). It now adds
    up the periods inside the year, each counted once, and names them."""
    year = period_id(ctx, "Năm 2025")
    half = period_id(ctx, "6 tháng đầu năm 2025")
    month = period_id(ctx, "Tháng hành động 2025")
    earlier = next(r for r in progress.for_period(ctx.db, half)
                   if r.participants and progress.get(ctx.db, r.item_id, r.agency_id, year) is None
                   and progress.get(ctx.db, r.item_id, r.agency_id, month) is None)
    ctx.perform("Báo cáo", lambda db: progress.save(db, dataclasses.replace(
        earlier, id=None, period_id=month, sessions=2, participants=50, men=None, women=None,
        spending=None)))
    page.period.setCurrentIndex(page.period.findText("Năm 2025"))
    page.agency.set_current_id(earlier.agency_id)
    page._select_row(earlier.item_id)
    page._item_id = earlier.item_id
    page._load_form()
    form = page.form
    assert form.participants.text() == format_count(earlier.participants + 50)
    assert form.sessions.text() == format_count((earlier.sessions or 0) + 2)
    assert form.spending.text() == format_money(earlier.spending)
    assert "«6 tháng đầu năm 2025», «Tháng hành động 2025»" in form.carried.text()


def test_figures_of_counts_each_stretch_of_time_once():
    from gbapp.ui.pages.progress_page import figures_of

    def period(pid, start, end):
        return Period(id=pid, plan_id=1, name=f"P{pid}", start_on=start, end_on=end)

    def report(participants, spending=None):
        return ProgressReport(participants=participants, spending=spending)

    d = dt.date
    half = period(1, d(2025, 1, 1), d(2025, 6, 30))
    quarter = period(2, d(2025, 4, 1), d(2025, 6, 30))  # inside the half year: not counted again
    month = period(3, d(2025, 11, 15), d(2025, 12, 15))
    figures, used = figures_of([(quarter, report(40)), (month, report(50, 1e6)),
                                (half, report(100))])
    assert figures["participants"] == 150 and figures["spending"] == 1e6
    assert figures["sessions"] is None
    assert used == [half, month]
    assert figures_of([(half, report(None))]) == ({}, [])
