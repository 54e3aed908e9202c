"""Undo and redo while a form holds unsaved edits: asked first, as before any other change of
what a form shows; then the form shows the undone state, never the edits typed over it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from gbapp.store import agencies, indicators, items, plans, progress

CTRL = Qt.KeyboardModifier.ControlModifier
ITEM_QUESTION = "Mục II.1.a đang sửa chưa được lưu. Lưu lại trước khi tiếp tục?"



def _item_by_ref(db, ref):
    return next(i for i in items.all_items(db, plans.latest_id(db)) if i.ref == ref)


def _type(qtbot, widget, text):
    """Replace what *widget* holds by *text*, typed key by key as a Vietnamese keyboard sends
    it (each letter as the key's text)."""
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, ch))


def _edited_item(qtbot, window):
    """II.1.a with a saved change of its title, then a product typed and not saved."""
    page = window.pages["plan"]
    item = _item_by_ref(window.ctx.db, "II.1.a")
    assert page.select_item(item.id)
    _type(qtbot, page.form.title, "Tiêu đề đã lưu")
    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)
    assert window.undo_action.text() == "&Hoàn tác: Sửa hoạt động"
    _type(qtbot, page.form.output, "Sản phẩm chưa lưu")
    assert page.form.dirty
    return page, item


def _undo_from_the_tree(qtbot, page):
    page.tree.setFocus()
    qtbot.waitUntil(page.tree.hasFocus)
    qtbot.keyClick(page.tree, Qt.Key.Key_Z, CTRL)


def test_undo_asks_then_the_item_form_shows_the_undone_item(qtbot, window, answers):
    page, item = _edited_item(qtbot, window)
    answers.replies.append("discard")
    _undo_from_the_tree(qtbot, page)
    assert answers.asked == [ITEM_QUESTION]
    assert items.get(window.ctx.db, item.id).title == item.title  # undone
    assert page.current_item_id() == item.id
    assert page.form.title.toPlainText() == item.title  # not the undone title kept in the form
    assert page.form.output.text() == item.output
    assert not page.form.dirty
    # saving now stores nothing of the undone change or of the dropped typing
    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)
    stored = items.get(window.ctx.db, item.id)
    assert (stored.title, stored.output) == (item.title, item.output)


def test_redo_asks_too_then_the_form_shows_the_redone_item(qtbot, window, answers):
    page, item = _edited_item(qtbot, window)
    answers.replies.append("discard")
    window.undo_action.trigger()
    _type(qtbot, page.form.output, "Gõ lại")
    answers.replies.append("discard")
    window.redo_action.trigger()  # Edit → Làm lại
    assert answers.asked == [ITEM_QUESTION, ITEM_QUESTION]
    assert items.get(window.ctx.db, item.id).title == "Tiêu đề đã lưu"
    assert page.form.title.toPlainText() == "Tiêu đề đã lưu"
    assert page.form.output.text() == item.output and not page.form.dirty


def test_undo_cancelled_changes_nothing(qtbot, window, answers):
    page, item = _edited_item(qtbot, window)
    answers.replies.append("cancel")
    window.undo_action.trigger()
    assert answers.asked == [ITEM_QUESTION]
    assert items.get(window.ctx.db, item.id).title == "Tiêu đề đã lưu"  # not undone
    assert page.form.output.text() == "Sản phẩm chưa lưu" and page.form.dirty
    assert window.undo_action.text() == "&Hoàn tác: Sửa hoạt động"


def test_undo_answered_save_saves_and_undoes_nothing(qtbot, window, answers):
    """The save is the last step then: undoing right after it would throw away the very edits
    the user asked to save. They are saved, nothing is undone, the status bar says so."""
    page, item = _edited_item(qtbot, window)
    answers.replies.append("save")
    window.undo_action.trigger()
    stored = items.get(window.ctx.db, item.id)
    assert (stored.title, stored.output) == ("Tiêu đề đã lưu", "Sản phẩm chưa lưu")
    assert page.form.output.text() == "Sản phẩm chưa lưu" and not page.form.dirty
    assert "chưa hoàn tác" in window.statusBar().currentMessage()
    window.undo_action.trigger()  # nothing is being edited now: no question, one step undone
    assert answers.asked == [ITEM_QUESTION]
    assert items.get(window.ctx.db, item.id).output == item.output
    assert page.form.output.text() == item.output


def test_undo_with_plan_form_edits(qtbot, window, answers):
    page = window.pages["plan"]
    form = page.plan_form
    before = plans.get(window.ctx.db, window.ctx.plan_id)
    _type(qtbot, form.signer, "Nguyễn Thị B")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    _type(qtbot, form.place, "Địa danh chưa lưu")
    answers.replies.append("discard")
    window.undo_action.trigger()
    assert answers.asked == [
        "Thông tin kế hoạch đang sửa chưa được lưu. Lưu lại trước khi tiếp tục?"]
    assert plans.get(window.ctx.db, window.ctx.plan_id).signer == before.signer
    assert (form.signer.text(), form.place.text()) == (before.signer, before.place)
    assert not form.is_dirty()


def _saved_then_typed_report(qtbot, window):
    window.show_page("progress")
    page = window.pages["progress"]
    _type(qtbot, page.form.result, "Kết quả đã lưu")
    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)
    assert window.undo_action.text() == "&Hoàn tác: Lưu báo cáo tiến độ"
    _type(qtbot, page.form.evidence, "12/BC-STP")
    assert page.form.is_dirty()
    return page


def test_undo_with_progress_form_edits(qtbot, window, answers):
    page = _saved_then_typed_report(qtbot, window)
    line = page._current_line()
    answers.replies.append("discard")
    window.undo_action.trigger()
    assert answers.asked == [f"Báo cáo tiến độ của mục {line.ref} đang nhập chưa được lưu. "
                             "Lưu lại trước khi tiếp tục?"]
    assert page._current_line().report is None  # the report undone
    assert page.form.result.toPlainText() == "" and page.form.evidence.text() == ""
    assert not page.form.is_dirty()


def test_undo_with_agency_form_edits(qtbot, window, answers):
    window.show_page("agencies")
    page = window.pages["agencies"]
    page.table.selectRow(0)
    before = agencies.get(window.ctx.db, page.form.agency_id())
    _type(qtbot, page.form.short_name, "VSTBPN-2")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    _type(qtbot, page.form.note, "Ghi chú chưa lưu")
    answers.replies.append("discard")
    window.undo_action.trigger()
    assert len(answers.asked) == 1
    assert agencies.get(window.ctx.db, before.id).short_name == before.short_name
    assert (page.form.short_name.text(), page.form.note.toPlainText()) == (before.short_name,
                                                                           before.note)
    assert not page.form.is_dirty()


def test_undo_with_indicator_edits(qtbot, window, answers):
    window.show_page("indicators")
    page = window.pages["indicators"]
    before = indicators.get(window.ctx.db, page._selected)
    _type(qtbot, page.form.unit, "người")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    note = page.entry.note.text()
    _type(qtbot, page.entry.note, "Ghi chú chưa lưu")
    answers.replies.append("discard")
    window.undo_action.trigger()
    assert len(answers.asked) == 1
    assert indicators.get(window.ctx.db, before.id).unit == before.unit
    assert page.form.unit.text() == before.unit and not page.form.is_dirty()
    assert page.entry.note.text() == note and not page.entry.is_dirty()


def test_a_report_dropped_before_another_plan_is_not_saved(qtbot, window, answers):
    """«Không lưu» asked before the plan page shows another plan drops the report being typed:
    the progress page no longer saves it anyway when the plan changes."""
    window.show_page("progress")
    page = window.pages["progress"]
    line = page._current_line()
    agency, period = page._agency_id, page._period_id
    _type(qtbot, page.form.result, "Kết quả không muốn lưu")
    window.show_page("plan")
    answers.replies.append("discard")
    window.pages["plan"].new_plan()
    assert len(answers.asked) == 1
    assert plans.get(window.ctx.db, window.ctx.plan_id).title == "Kế hoạch mới"
    assert not any(r.item_id == line.id
                   for r in progress.for_period(window.ctx.db, period, agency))


def test_ctrl_z_in_a_text_field_undoes_the_typing_only(qtbot, window, answers):
    """In a field, Ctrl+Z is the field's own undo of what was just typed, as in Word: no
    question, nothing stored is undone."""
    page, item = _edited_item(qtbot, window)
    assert page.form.output.hasFocus()
    qtbot.keyClick(page.form.output, Qt.Key.Key_Z, CTRL)
    assert answers.asked == []
    assert items.get(window.ctx.db, item.id).title == "Tiêu đề đã lưu"
    assert page.form.output.text() != "Sản phẩm chưa lưu"
