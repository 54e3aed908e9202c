"""The agencies page never drops typing silently: another row, a merge or a change of status with
unsaved typing asks "Lưu / Không lưu / Hủy", as the plan, indicators and progress pages do, and
the table's selection always matches the agency the form shows."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from gbapp.store import agencies, assignments
from gbapp.ui.dialogs.messages import ask_save as REAL_ASK_SAVE  # before conftest answers it

NOTE = "Đã đổi tên theo Nghị quyết của HĐND tỉnh."


@pytest.fixture
def page(qtbot, ctx):
    from gbapp.ui.pages.agencies_page import AgenciesPage

    widget = AgenciesPage(ctx)
    widget.today = lambda: dt.date(2025, 9, 1)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def names(page) -> list[str]:
    return [a.name for a in page.model.rows()]


def click_row(qtbot, page, name: str) -> None:
    row = names(page).index(name)
    rect = page.table.visualRect(page.model.index(row, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def choose(qtbot, page, name: str) -> None:
    click_row(qtbot, page, name)
    assert page.form.name.text() == name and not page.form.is_dirty()


def selected(page) -> list[str]:
    """The names of the selected rows, and the current row's (None: no current row)."""
    rows = [names(page)[i.row()] for i in page.table.selectionModel().selectedRows()]
    current = page.table.currentIndex()
    return rows + [names(page)[current.row()] if current.isValid() else None]


def stored(ctx, name: str):
    return agencies.get(ctx.db, agencies.find_by_name(ctx.db, name))


def type_note(page, text: str = NOTE) -> None:
    page.form.note.moveCursor(page.form.note.textCursor().MoveOperation.End)
    page.form.note.insertPlainText(text)


# Another row ------------------------------------------------------------------------------------

def test_row_change_cancel_keeps_typing_and_the_edited_row(qtbot, page, ctx, answers):
    choose(qtbot, page, "Sở Y tế")
    page.form.short_name.insert(" tỉnh")
    type_note(page)
    answers.replies.append("cancel")
    click_row(qtbot, page, "Sở Tư pháp")
    assert len(answers.asked) == 1 and "Sở Y tế" in answers.asked[0]
    assert "Lưu lại trước khi tiếp tục?" in answers.asked[0]
    assert (page.form.name.text(), page.form.short_name.text()) == ("Sở Y tế", "SYT tỉnh")
    assert page.form.note.toPlainText().endswith(NOTE)
    assert selected(page) == ["Sở Y tế", "Sở Y tế"]
    assert stored(ctx, "Sở Y tế").short_name == "SYT"  # nothing saved


def test_row_change_save_stores_then_shows_the_row_clicked(qtbot, page, ctx, answers):
    choose(qtbot, page, "Sở Y tế")
    page.form.short_name.insert(" tỉnh")
    type_note(page)
    answers.replies.append("save")
    click_row(qtbot, page, "Sở Tư pháp")
    saved = stored(ctx, "Sở Y tế")
    assert saved.short_name == "SYT tỉnh" and saved.note.endswith(NOTE)
    assert page.form.name.text() == "Sở Tư pháp" and not page.form.is_dirty()
    assert page.form.agency_id() == agencies.find_by_name(ctx.db, "Sở Tư pháp")
    assert selected(page) == ["Sở Tư pháp", "Sở Tư pháp"]


def test_row_change_discard_drops_then_shows_the_row_clicked(qtbot, page, ctx, answers):
    choose(qtbot, page, "Sở Y tế")
    page.form.short_name.insert(" tỉnh")
    answers.replies.append("discard")
    click_row(qtbot, page, "Sở Tư pháp")
    assert stored(ctx, "Sở Y tế").short_name == "SYT"
    assert page.form.name.text() == "Sở Tư pháp" and not page.form.is_dirty()
    assert selected(page) == ["Sở Tư pháp", "Sở Tư pháp"]
    answers.replies.append("cancel")
    click_row(qtbot, page, "Sở Y tế")  # back: the stored agency, not the dropped typing
    assert len(answers.asked) == 1  # nothing typed on Sở Tư pháp: no question
    assert page.form.short_name.text() == "SYT"


def test_row_change_save_that_fails_stays_on_the_edited_row(qtbot, page, ctx, answers):
    choose(qtbot, page, "Sở Y tế")
    type_note(page)
    page.form.valid_to.clear()
    page.form.valid_to.insert("31/02/2025")  # no such day
    answers.replies.append("save")
    click_row(qtbot, page, "Sở Tư pháp")
    assert page.form.errors.message("valid_to") == "Ngày «31/02/2025» không có thật."
    assert page.form.name.text() == "Sở Y tế" and page.form.note.toPlainText().endswith(NOTE)
    assert selected(page) == ["Sở Y tế", "Sở Y tế"]
    assert not stored(ctx, "Sở Y tế").note.endswith(NOTE)


def test_new_agency_cancel_keeps_it_with_no_row_selected(qtbot, page, ctx, answers):
    # "Không" on a new agency left the row clicked selected beside the new agency's form
    choose(qtbot, page, "Sở Y tế")
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    page.form.name.insert("Hội Người cao tuổi tỉnh")
    answers.replies.append("cancel")
    click_row(qtbot, page, "Sở Tư pháp")
    assert "Hội Người cao tuổi tỉnh" in answers.asked[0]
    assert page.form.agency_id() is None
    assert page.form.name.text() == "Hội Người cao tuổi tỉnh"
    assert selected(page) == [None]
    assert agencies.find_by_name(ctx.db, "Hội Người cao tuổi tỉnh") is None
    answers.replies.append("cancel")
    click_row(qtbot, page, "Sở Tư pháp")  # the same row again: asked again, not ignored
    assert len(answers.asked) == 2 and selected(page) == [None]

    answers.replies.append("discard")
    click_row(qtbot, page, "Sở Tư pháp")
    assert page.form.name.text() == "Sở Tư pháp"
    assert selected(page) == ["Sở Tư pháp", "Sở Tư pháp"]
    assert agencies.find_by_name(ctx.db, "Hội Người cao tuổi tỉnh") is None


def test_new_agency_save_stores_it_then_shows_the_row_clicked(qtbot, page, ctx, answers):
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    page.form.name.insert("Hội Người cao tuổi tỉnh")
    answers.replies.append("save")
    click_row(qtbot, page, "Sở Tư pháp")
    assert stored(ctx, "Hội Người cao tuổi tỉnh") is not None
    assert "Hội Người cao tuổi tỉnh" in names(page)
    assert page.form.name.text() == "Sở Tư pháp"
    assert selected(page) == ["Sở Tư pháp", "Sở Tư pháp"]


def test_the_row_last_edited_can_be_chosen_again_after_new(qtbot, page, answers):
    # "Thêm mới" cleared the selection but left the current row: clicking it did nothing
    choose(qtbot, page, "Sở Y tế")
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert selected(page) == [None]
    click_row(qtbot, page, "Sở Y tế")
    assert answers.asked == []
    assert page.form.name.text() == "Sở Y tế"
    assert selected(page) == ["Sở Y tế", "Sở Y tế"]


def test_keyboard_row_change_asks_too(qtbot, page, ctx, answers):
    choose(qtbot, page, "Sở Y tế")
    row = names(page).index("Sở Y tế")
    type_note(page)
    answers.replies.append("cancel")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert len(answers.asked) == 1
    assert page.form.name.text() == "Sở Y tế" and page.table.currentIndex().row() == row
    answers.replies.append("save")
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert stored(ctx, "Sở Y tế").note.endswith(NOTE)
    assert page.form.name.text() == names(page)[row + 1]
    assert selected(page) == [names(page)[row + 1]] * 2


def _answer_box(qtbot, button: str, seen: list) -> None:
    """Click *button* in the next message box, recording its text and buttons."""

    def answer():
        boxes = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.isVisible()]
        if not boxes:
            QTimer.singleShot(10, answer)
            return
        box = boxes[0]
        seen.append((box.text(), sorted(b.text() for b in box.buttons())))
        wanted = next((b for b in box.buttons() if b.text() == button), None)
        if wanted is None:  # not the question expected: close it, the asserts say what came
            box.reject()
        else:
            qtbot.mouseClick(wanted, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)


def test_the_real_question_hủy_then_lưu(qtbot, page, ctx, monkeypatch):
    from gbapp.ui.dialogs import messages

    monkeypatch.setattr(messages, "ask_save", REAL_ASK_SAVE)
    choose(qtbot, page, "Sở Y tế")
    page.form.short_name.insert(" tỉnh")
    seen: list = []
    _answer_box(qtbot, "Hủy", seen)
    click_row(qtbot, page, "Sở Tư pháp")
    assert seen == [("Thông tin «Sở Y tế» đang sửa chưa được lưu. Lưu lại trước khi tiếp tục?",
                     ["Hủy", "Không lưu", "Lưu"])]
    assert page.form.short_name.text() == "SYT tỉnh"
    assert selected(page) == ["Sở Y tế", "Sở Y tế"]
    _answer_box(qtbot, "Lưu", seen)
    click_row(qtbot, page, "Sở Tư pháp")
    assert len(seen) == 2
    assert stored(ctx, "Sở Y tế").short_name == "SYT tỉnh"
    assert page.form.name.text() == "Sở Tư pháp"
    assert selected(page) == ["Sở Tư pháp", "Sở Tư pháp"]


# Merge ------------------------------------------------------------------------------------------

def _merge_into_so_noi_vu(qtbot, page) -> None:
    dialog = page.merge_dialog
    qtbot.waitExposed(dialog)
    dialog.successor.lineEdit().selectAll()
    dialog.successor.lineEdit().insert("so noi vu")
    dialog.on.clear()
    dialog.on.insert("01/07/2025")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_merge_cancel_keeps_typing_and_opens_nothing(qtbot, page, ctx, answers):
    choose(qtbot, page, "Sở Tư pháp")
    type_note(page)
    answers.replies.append("cancel")
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    assert "Sở Tư pháp" in answers.asked[0]
    assert page.merge_dialog is None
    assert page.form.note.toPlainText().endswith(NOTE)
    assert stored(ctx, "Sở Tư pháp").active is True
    assert selected(page) == ["Sở Tư pháp", "Sở Tư pháp"]


def test_merge_save_keeps_the_note_typed(qtbot, page, ctx, answers):
    # the merge reloaded the form: the note typed before it was gone without a word
    snv = agencies.find_by_name(ctx.db, "Sở Nội vụ")
    choose(qtbot, page, "Sở Tư pháp")
    stp = page.form.agency_id()
    type_note(page)
    answers.replies.append("save")
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    assert stored(ctx, "Sở Tư pháp").note.endswith(NOTE)  # saved before the dialog
    _merge_into_so_noi_vu(qtbot, page)
    merged = agencies.get(ctx.db, stp)
    assert (merged.active, merged.successor_id, merged.valid_to) == (False, snv,
                                                                     dt.date(2025, 7, 1))
    assert merged.note.endswith(NOTE)
    assert assignments.for_agency(ctx.db, ctx.plan_id, stp) == []
    assert page.form.note.toPlainText().endswith(NOTE) and not page.form.is_dirty()
    assert page.active_button.text() == "Hoạt động trở lại"
    assert selected(page) == ["Sở Tư pháp", "Sở Tư pháp"]
    assert len(answers.asked) == 1


def test_merge_discard_drops_the_note_then_merges(qtbot, page, ctx, answers):
    choose(qtbot, page, "Sở Tư pháp")
    stp = page.form.agency_id()
    type_note(page)
    answers.replies.append("discard")
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    assert not page.form.is_dirty()
    _merge_into_so_noi_vu(qtbot, page)
    merged = agencies.get(ctx.db, stp)
    assert merged.active is False and not merged.note.endswith(NOTE)
    assert page.form.note.toPlainText() == merged.note
    assert selected(page) == ["Sở Tư pháp", "Sở Tư pháp"]


# Deactivate / reactivate ------------------------------------------------------------------------

def test_deactivate_cancel_changes_nothing(qtbot, page, ctx, answers):
    choose(qtbot, page, "Sở Khoa học và Công nghệ")
    page.form.short_name.clear()
    page.form.short_name.insert("Sở KH&CN")
    answers.replies.append("cancel")
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    assert len(answers.asked) == 1 and "Lưu lại" in answers.asked[0]
    assert stored(ctx, "Sở Khoa học và Công nghệ").active is True
    assert page.form.short_name.text() == "Sở KH&CN"
    assert selected(page) == ["Sở Khoa học và Công nghệ"] * 2


def test_deactivate_save_keeps_the_typing_and_its_end_date(qtbot, page, ctx, answers):
    choose(qtbot, page, "Sở Khoa học và Công nghệ")
    page.form.short_name.clear()
    page.form.short_name.insert("Sở KH&CN")
    page.form.valid_to.clear()
    page.form.valid_to.insert("30/06/2025")
    answers.replies.extend(["save", True])  # save, then "Ngừng hoạt động … từ ngày …?" yes
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    assert "30/06/2025" in answers.asked[1]
    saved = stored(ctx, "Sở Khoa học và Công nghệ")
    assert (saved.short_name, saved.active, saved.valid_to) == ("Sở KH&CN", False,
                                                                dt.date(2025, 6, 30))
    assert page.form.short_name.text() == "Sở KH&CN" and not page.form.is_dirty()
    assert page.active_button.text() == "Hoạt động trở lại"
    assert selected(page) == ["Sở Khoa học và Công nghệ"] * 2


def test_deactivate_discard_drops_the_typing(qtbot, page, ctx, answers):
    choose(qtbot, page, "Sở Khoa học và Công nghệ")
    type_note(page)
    answers.replies.extend(["discard", True])
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    assert "01/09/2025" in answers.asked[1]  # today: no end date stored
    saved = stored(ctx, "Sở Khoa học và Công nghệ")
    assert (saved.active, saved.valid_to) == (False, dt.date(2025, 9, 1))
    assert not saved.note.endswith(NOTE) and not page.form.is_dirty()


def test_deactivate_with_only_the_end_date_typed_uses_it_without_asking_to_save(
        qtbot, page, ctx, answers):
    choose(qtbot, page, "Sở Khoa học và Công nghệ")
    page.form.valid_to.clear()
    page.form.valid_to.insert("30/06/2025")
    answers.replies.append(False)  # "Ngừng hoạt động … từ ngày 30/06/2025?" no
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    assert len(answers.asked) == 1 and "từ ngày 30/06/2025" in answers.asked[0]
    assert stored(ctx, "Sở Khoa học và Công nghệ").active is True
    assert page.form.valid_to.text() == "30/06/2025"  # still typed
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)  # yes
    saved = stored(ctx, "Sở Khoa học và Công nghệ")
    assert (saved.active, saved.valid_to) == (False, dt.date(2025, 6, 30))
    assert page.form.valid_to.text() == "30/06/2025" and not page.form.is_dirty()


def test_reactivate_asks_about_typing_and_keeps_it_when_saved(qtbot, page, ctx, answers):
    name = "Sở Lao động - Thương binh và Xã hội"  # inactive in the demo
    choose(qtbot, page, name)
    assert stored(ctx, name).active is False
    type_note(page)
    answers.replies.append("cancel")
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    assert stored(ctx, name).active is False
    assert page.form.note.toPlainText().endswith(NOTE)
    answers.replies.append("save")
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    saved = stored(ctx, name)
    assert saved.active is True and saved.note.endswith(NOTE)
    assert page.form.note.toPlainText().endswith(NOTE) and not page.form.is_dirty()
    assert page.active_button.text() == "Ngừng hoạt động…"
    assert selected(page) == [name, name]
