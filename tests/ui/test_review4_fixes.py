"""Fixes from the fourth UX review: unsaved item edits asked about before inserts, moves and a
change of plan."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gbapp.services import editing as edits
from gbapp.store import agencies, items, plans

TYPED = "Nội dung sửa chưa lưu"


@pytest.fixture
def page(qtbot, ctx):
    from gbapp.ui.pages.plan_page import PlanPage

    widget = PlanPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _id(ctx, ref):
    return next(i.id for i in items.all_items(ctx.db, ctx.plan_id) if i.ref == ref)


def _edit_title(page, ctx, ref, type_text):
    """Select *ref* and type over its "Nội dung" without saving; returns (id, stored title)."""
    item_id = _id(ctx, ref)
    assert page.select_item(item_id)
    stored = items.get(ctx.db, item_id).title
    page.form.title.setFocus()
    page.form.title.selectAll()
    type_text(page.form.title, TYPED)
    assert page.form.dirty
    return item_id, stored


ALT = Qt.KeyboardModifier.AltModifier
STRUCTURAL_KEYS = {
    "insert": (Qt.Key.Key_Insert, Qt.KeyboardModifier.NoModifier),
    "insert_child": (Qt.Key.Key_Insert, Qt.KeyboardModifier.ShiftModifier),
    "up": (Qt.Key.Key_Up, ALT),
    "down": (Qt.Key.Key_Down, ALT),
    "outdent": (Qt.Key.Key_Left, ALT),
    "indent": (Qt.Key.Key_Right, ALT),
}


@pytest.mark.parametrize("key", list(STRUCTURAL_KEYS))
@pytest.mark.parametrize("reply", ["save", "discard", "cancel"])
def test_structural_keys_settle_unsaved_item_edits(qtbot, page, ctx, answers, type_text,
                                                   key, reply):
    item_id, stored = _edit_title(page, ctx, "II.1.b", type_text)
    ref_before = items.get(ctx.db, item_id).ref
    undo_before = ctx.undo.undo_name()
    answers.replies.append(reply)
    page.tree.setFocus()
    qtbot.keyClick(page.tree, *STRUCTURAL_KEYS[key])
    assert answers.asked == ["Mục II.1.b đang sửa chưa được lưu. Lưu lại trước khi tiếp tục?"]
    if reply == "cancel":  # nothing happened: same item, same place, the typing still there
        assert ctx.undo.undo_name() == undo_before
        assert items.get(ctx.db, item_id).ref == ref_before
        assert items.get(ctx.db, item_id).title == stored
        assert page.current_item_id() == item_id
        assert page.form.dirty and page.form.title.toPlainText() == TYPED
        return
    assert items.get(ctx.db, item_id).title == (TYPED if reply == "save" else stored)
    assert not page.form.dirty
    if key.startswith("insert"):
        assert ctx.undo.undo_name() == "Thêm mục"
        assert page.current_item_id() != item_id
    else:
        assert items.get(ctx.db, item_id).ref != ref_before
        assert page.current_item_id() == item_id
        assert page.form.title.toPlainText() == (TYPED if reply == "save" else stored)


def test_item_without_edits_moves_without_a_question(qtbot, page, ctx, answers):
    item_id = _id(ctx, "II.1.b")
    page.select_item(item_id)
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Down, ALT)
    assert answers.asked == []
    assert items.get(ctx.db, item_id).ref == "II.1.c"


def _second_plan(ctx):
    first = ctx.plan_id
    other = ctx.perform("Tạo kế hoạch", lambda db: edits.new_plan(db, "Kế hoạch thứ hai"))
    assert ctx.plan_id == first
    return first, other


def _pick(page, plan_id):
    row = page.plan_combo.findData(plan_id)
    assert row >= 0
    page.plan_combo.setCurrentIndex(row)
    page.plan_combo.activated.emit(row)


@pytest.mark.parametrize("reply", ["save", "discard", "cancel"])
def test_choosing_another_plan_settles_unsaved_item_edits(qtbot, page, ctx, answers, type_text,
                                                          reply):
    first, other = _second_plan(ctx)
    item_id, stored = _edit_title(page, ctx, "II.1.a", type_text)
    answers.replies.append(reply)
    _pick(page, other)
    assert answers.asked == ["Mục II.1.a đang sửa chưa được lưu. Lưu lại trước khi tiếp tục?"]
    if reply == "cancel":
        assert ctx.plan_id == first
        assert page.plan_combo.currentData() == first  # the combo shows the plan still open
        assert page.current_item_id() == item_id
        assert page.form.dirty and page.form.title.toPlainText() == TYPED
        assert items.get(ctx.db, item_id).title == stored
        return
    assert ctx.plan_id == other
    assert page.plan_combo.currentData() == other
    assert items.get(ctx.db, item_id).title == (TYPED if reply == "save" else stored)


@pytest.mark.parametrize("reply", ["save", "discard", "cancel"])
def test_new_plan_settles_unsaved_item_edits(qtbot, page, ctx, answers, type_text, reply):
    first = ctx.plan_id
    count = len(plans.list_plans(ctx.db))
    item_id, stored = _edit_title(page, ctx, "II.1.a", type_text)
    answers.replies.append(reply)
    page.new_plan_action.trigger()
    assert answers.asked == ["Mục II.1.a đang sửa chưa được lưu. Lưu lại trước khi tiếp tục?"]
    if reply == "cancel":
        assert len(plans.list_plans(ctx.db)) == count
        assert ctx.plan_id == first
        assert page.form.dirty and page.form.title.toPlainText() == TYPED
        return
    assert len(plans.list_plans(ctx.db)) == count + 1
    assert ctx.plan_id != first
    assert items.get(ctx.db, item_id).title == (TYPED if reply == "save" else stored)


@pytest.mark.parametrize("reply", ["save", "discard", "cancel"])
def test_choosing_another_plan_settles_unsaved_plan_info(qtbot, page, ctx, answers, type_text,
                                                         reply):
    first, other = _second_plan(ctx)
    stored = plans.get(ctx.db, first).issuer
    page.tabs.setCurrentIndex(1)
    page.plan_form.issuer.setFocus()
    page.plan_form.issuer.selectAll()
    type_text(page.plan_form.issuer, "Ủy ban nhân dân tỉnh X")
    assert page.plan_form.is_dirty()
    answers.replies.append(reply)
    _pick(page, other)
    assert answers.asked == [
        "Thông tin kế hoạch đang sửa chưa được lưu. Lưu lại trước khi tiếp tục?"]
    if reply == "cancel":
        assert ctx.plan_id == first and page.plan_combo.currentData() == first
        assert page.plan_form.is_dirty()
        assert page.plan_form.issuer.text() == "Ủy ban nhân dân tỉnh X"
        return
    assert ctx.plan_id == other
    assert plans.get(ctx.db, first).issuer == (
        "Ủy ban nhân dân tỉnh X" if reply == "save" else stored)


def test_import_asks_about_unsaved_item_edits_first(qtbot, page, ctx, answers, type_text,
                                                    tmp_path):
    item_id, _stored = _edit_title(page, ctx, "II.1.a", type_text)
    answers.replies.append("cancel")
    page.import_plan(tmp_path / "ke-hoach.txt")
    assert answers.asked == ["Mục II.1.a đang sửa chưa được lưu. Lưu lại trước khi tiếp tục?"]
    assert page.import_action.isEnabled()  # nothing was started
    assert page.form.dirty and page.form.title.toPlainText() == TYPED


# -- export: an existing file is not overwritten without a yes; the right suffix ---------------

@pytest.fixture
def export_dialog(ctx, qtbot):
    from gbapp.ui.export_dialog import ExportDialog

    d = ExportDialog(ctx)
    qtbot.addWidget(d)
    return d


@pytest.fixture
def overwrite_asked(monkeypatch, answers):  # (answers: no other message box waits for a click)
    """Answer the "Tệp … đã có. Ghi đè?" question from a list; record what was asked."""
    from gbapp.ui import export_dialog as module

    asked: list[tuple[str, str]] = []
    replies: list[str] = []

    def ask(_parent, path, other):
        asked.append((path.name, other.name))
        return replies.pop(0)

    monkeypatch.setattr(module, "ask_overwrite", ask, raising=False)  # (before the fix: none)
    return asked, replies


def _export(qtbot, dialog):
    with qtbot.waitSignal(dialog.export_finished, timeout=60_000) as blocker:
        dialog.export_button.click()
    return blocker.args[0]


def test_export_over_an_existing_file_cancelled_keeps_it(export_dialog, qtbot, tmp_path,
                                                         overwrite_asked):
    asked, replies = overwrite_asked
    target = tmp_path / "bao-cao.docx"
    target.write_bytes(b"edited in Word")
    export_dialog.out_edit.setText(str(target))
    replies.append("cancel")
    export_dialog.export_button.click()
    assert asked == [("bao-cao.docx", "bao-cao (2).docx")]
    assert not export_dialog.is_running()
    assert target.read_bytes() == b"edited in Word"
    assert export_dialog.export_button.isEnabled()


def test_export_over_an_existing_file_overwrites_after_a_yes(export_dialog, qtbot, tmp_path,
                                                              overwrite_asked):
    asked, replies = overwrite_asked
    target = tmp_path / "bao-cao.docx"
    target.write_bytes(b"edited in Word")
    export_dialog.out_edit.setText(str(target))
    replies.append("overwrite")
    assert _export(qtbot, export_dialog) == [target]
    assert asked == [("bao-cao.docx", "bao-cao (2).docx")]
    assert target.read_bytes().startswith(b"PK")  # the new document
    replies.append("cancel")  # written once: the next export over it asks again
    export_dialog.export_button.click()
    assert len(asked) == 2 and not export_dialog.is_running()


def test_export_over_an_existing_file_can_take_a_new_name(export_dialog, qtbot, tmp_path,
                                                          overwrite_asked):
    asked, replies = overwrite_asked
    target = tmp_path / "bao-cao.docx"
    target.write_bytes(b"edited in Word")
    export_dialog.out_edit.setText(str(target))
    replies.append("rename")
    assert _export(qtbot, export_dialog) == [tmp_path / "bao-cao (2).docx"]
    assert target.read_bytes() == b"edited in Word"
    assert export_dialog.out_edit.text() == str(tmp_path / "bao-cao (2).docx")


def test_a_file_chosen_in_the_save_dialog_is_not_asked_about_again(
        export_dialog, qtbot, tmp_path, overwrite_asked, monkeypatch):
    from gbapp.ui import export_dialog as module

    asked, _replies = overwrite_asked
    target = tmp_path / "bao-cao.docx"
    target.write_bytes(b"old")
    monkeypatch.setattr(module.QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(target), "Word (*.docx)"))
    export_dialog.browse_button.click()  # the save dialog asked "replace?" itself
    assert _export(qtbot, export_dialog) == [target]
    assert asked == []


@pytest.mark.parametrize("kind, typed, written", [
    ("report", "bao-cao", "bao-cao.docx"),
    ("report", "bao-cao.xlsx", "bao-cao.docx"),
    ("report", "bao cao v1.2", "bao cao v1.2.docx"),
    ("xlsx", "bang.docx", "bang.xlsx"),
    ("xlsx", "bang", "bang.xlsx"),
    ("xlsx", "BANG.XLSX", "BANG.XLSX"),
])
def test_export_gives_the_file_the_right_suffix(export_dialog, qtbot, tmp_path, overwrite_asked,
                                                kind, typed, written):
    export_dialog.set_kind(kind)
    export_dialog.out_edit.setText(str(tmp_path / typed))
    assert _export(qtbot, export_dialog) == [tmp_path / written]
    assert (tmp_path / written).is_file()
    assert export_dialog.out_edit.text() == str(tmp_path / written)


# -- a plan number another plan has: a clear message, no crash, nothing lost ------------------

@pytest.mark.parametrize("typed, message", [
    ("93/KH-UBND", "Số ký hiệu «93/KH-UBND» đã dùng cho kế hoạch khác."),
    ("93/kh-ubnd", "Số ký hiệu «93/kh-ubnd» đã dùng cho kế hoạch khác (ghi là «93/KH-UBND»)."),
    ("93 / KH-UBND", "Số ký hiệu «93 / KH-UBND» đã dùng cho kế hoạch khác (ghi là «93/KH-UBND»)."),
])
def test_a_plan_number_already_used_is_refused_with_a_field_error(qtbot, page, ctx, answers,
                                                                   type_text, typed, message):
    assert plans.get(ctx.db, ctx.plan_id).number == "93/KH-UBND"
    page.new_plan_action.trigger()
    new_id = ctx.plan_id
    undo_before = ctx.undo.undo_name()
    form = page.plan_form
    form.issuer.setText("Sở Nội vụ")
    form.number.setFocus()
    type_text(form.number, typed)
    form.save_button.click()  # before the fix: sqlite3.IntegrityError, or a second "93"
    # said under the field, as every other field error of the forms, not in a dialog
    error = form.boxes["number"].error
    assert answers.errors == []
    assert error.isVisible() and error.text() == message
    assert plans.get(ctx.db, new_id).number is None
    assert ctx.undo.undo_name() == undo_before
    assert form.is_dirty() and form.number.text() == typed and form.issuer.text() == "Sở Nội vụ"
    assert page.tabs.currentIndex() == 1 and form.number.hasFocus()
    assert form.number.property("invalid")
    form.number.setText("94/KH-UBND")  # corrected: the message and the mark go, and it saves
    assert not form.number.property("invalid") and not error.isVisible()
    form.save_button.click()
    assert plans.get(ctx.db, new_id).number == "94/KH-UBND"
    assert answers.errors == []


def test_a_plan_number_already_used_met_when_saving_before_a_switch(qtbot, page, ctx, answers,
                                                                    type_text):
    """«Lưu» answered before the plan page changes plans: the number taken is said under the
    field too (no dialog), and the user stays on the plan being edited."""
    plan_93 = ctx.plan_id
    page.new_plan_action.trigger()
    new_id = ctx.plan_id
    page.plan_form.number.setFocus()
    type_text(page.plan_form.number, "93/KH-UBND")
    answers.replies.append("save")
    page.plan_combo.setCurrentIndex(page.plan_combo.findData(plan_93))
    page.plan_combo.activated.emit(page.plan_combo.currentIndex())  # as a pick in the list
    assert answers.errors == []
    assert ctx.plan_id == new_id and page.tabs.currentIndex() == 1
    assert page.plan_form.boxes["number"].error.text() == (
        "Số ký hiệu «93/KH-UBND» đã dùng cho kế hoạch khác.")
    assert page.plan_form.number.text() == "93/KH-UBND"


def test_a_plan_keeps_its_own_number_when_saved_again(qtbot, page, ctx, answers):
    page.plan_form.number.setText("93/kh-ubnd")  # its own number, another case
    page.plan_form.save_button.click()
    assert answers.errors == []
    assert plans.get(ctx.db, ctx.plan_id).number == "93/kh-ubnd"


def test_plan_numbers_compare_without_case_and_spaces(ctx):
    plan_id = ctx.plan_id
    assert plans.find_by_number(ctx.db, "93/KH-UBND") == plan_id
    assert plans.find_by_number(ctx.db, " 93 / kh-ubnd ") == plan_id
    assert plans.find_by_number(ctx.db, "93/KH-UBND", other_than=plan_id) is None
    assert plans.find_by_number(ctx.db, "") is None
    plan = plans.get(ctx.db, ctx.plan_id)
    plan.id, plan.number = None, "93/kh-UBND"
    with pytest.raises(edits.PlanNumberTakenError):
        edits.save_plan(ctx.db, plan)


# -- Tab leaves the read-only tables -------------------------------------------------------------

def _focused():
    from PySide6.QtWidgets import QApplication

    return QApplication.focusWidget()


def _shown_active(qtbot, page):
    """*page* shown at 1366×768 as the active window (else no widget takes the focus)."""
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.activateWindow()
    qtbot.waitExposed(page)
    qtbot.waitUntil(page.isActiveWindow)
    return page


def test_tab_leaves_the_progress_table_for_the_form_s_status(qtbot, ctx):
    from gbapp.ui.pages.progress_page import ProgressPage

    page = _shown_active(qtbot, ProgressPage(ctx))
    page.period.setCurrentIndex(page.period.findText("6 tháng đầu năm 2025"))
    page.agency.set_current_id(agencies.find_by_name(ctx.db, "Sở Tư pháp"))
    assert page.model.rowCount() > 2
    page.table.setFocus()
    page.table.selectRow(1)
    chosen = page._item_id
    assert chosen is not None
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    assert _focused() is page.form.status  # "Tình trạng", the form's first field
    assert page._item_id == chosen and page.table.currentIndex().row() == 1
    qtbot.keyClick(page.form.status, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert _focused() is page.table  # and back


def test_tab_leaves_the_agencies_table(qtbot, ctx):
    from gbapp.ui.pages.agencies_page import AgenciesPage

    page = _shown_active(qtbot, AgenciesPage(ctx))
    page.table.setFocus()
    page.table.selectRow(2)
    shown = page.form.name.text()
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    assert _focused() is not page.table
    assert page.table.currentIndex().row() == 2 and page.form.name.text() == shown


@pytest.mark.parametrize("reply", ["cancel", "discard"])
def test_another_plan_asks_about_a_progress_report_being_typed(qtbot, demo_db_file, tmp_path,
                                                              answers, reply):
    """A code review: a report typed on the progress page (here invalid: more men than
    participants) was dropped without a word when another plan was chosen."""
    import shutil

    from gbapp.ui.main_window import MainWindow

    path = tmp_path / "demo.db"
    shutil.copy(demo_db_file, path)
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_database(path)
    first = window.ctx.plan_id
    other = window.ctx.perform("Kế hoạch mới", lambda db: edits.new_plan(db, "Kế hoạch 2026"))
    window.ctx.set_plan(first)
    window.show_page("progress")
    form = window.pages["progress"].form
    form.participants.setText("10")
    form.men.setText("80")
    assert form.is_dirty()
    window.show_page("plan")
    plan_page = window.pages["plan"]
    answers.replies.append(reply)
    row = plan_page.plan_combo.findData(other)
    plan_page.plan_combo.setCurrentIndex(row)
    plan_page.plan_combo.activated.emit(row)  # as a click in the list does
    assert any("Báo cáo tiến độ" in q for q in answers.asked)
    if reply == "cancel":
        assert window.ctx.plan_id == first and plan_page.plan_combo.currentData() == first
        assert form.is_dirty() and form.men.text() == "80"
    else:
        assert window.ctx.plan_id == other and not form.is_dirty()
    window.close_database()
