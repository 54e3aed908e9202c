"""Fixes from the keyboard review: Tab gets out of tables, Alt mnemonics, Esc asks, undo keeps
the tree's place, Ctrl+Z after a save, pasted Word text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def _tab_until(qtbot, start, target, limit=40):
    """Tab presses from *start* until *target* has the focus (None: it never did)."""
    start.setFocus()
    qtbot.waitUntil(start.hasFocus)
    for presses in range(1, limit + 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() is target:
            return presses
    return None


def test_tab_leaves_the_plan_forms_legal_bases(qtbot, window, answers):
    window.show_page("plan")
    page = window.pages["plan"]
    page.tabs.setCurrentIndex(1)
    form = page.plan_form
    assert form.bases.rowCount() > 1
    assert _tab_until(qtbot, form.title, form.add_basis) == 2  # into the table, out of it
    assert _tab_until(qtbot, form.title, form.save_button) == 5


def test_tab_through_a_basis_being_edited_goes_on_past_its_last_cell(qtbot, window, answers):
    window.show_page("plan")
    page = window.pages["plan"]
    page.tabs.setCurrentIndex(1)
    bases = page.plan_form.bases
    bases.setFocus()
    bases.setCurrentCell(bases.rowCount() - 1, 0)
    bases.editItem(bases.currentItem())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not bases)
    for _ in range(bases.columnCount()):  # cell by cell while editing, then out
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.plan_form.add_basis


def test_tab_leaves_the_indicator_targets_after_the_last_cell(qtbot, window, answers):
    window.show_page("indicators")
    page = window.pages["indicators"]
    form = page.form
    cells = form.targets.rowCount() * form.targets.columnCount()
    # into the first cell's editor, then one press a cell: typing a target stays possible
    assert _tab_until(qtbot, form.baseline_year, form.source) == cells + 1
    assert not form.is_dirty()


def _plan_item(window, ref):
    from gbapp.store import items, plans

    page = window.pages["plan"]
    plan_id = plans.latest_id(window.ctx.db)
    item = next(i for i in items.all_items(window.ctx.db, plan_id) if i.ref == ref)
    window.show_page("plan")
    assert page.select_item(item.id)
    return page, page.form, item


def test_a_known_agency_typed_in_phoi_hop_is_saved_without_enter(qtbot, window, answers,
                                                                  type_text):
    from gbapp.domain.model import Role
    from gbapp.store import assignments

    page, form, item = _plan_item(window, "II.1.b")
    picker = form.coordinating.picker
    picker.setFocus()
    qtbot.waitUntil(picker.hasFocus)
    type_text(picker, "Sở Y tế")
    picker.completer().popup().hide()
    qtbot.keyClick(picker, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.boxes["coordinating"].error.text() == ""
    stored = {(a.agency_name, a.role) for a in assignments.for_item(window.ctx.db, item.id)}
    assert ("Sở Y tế", Role.COORDINATING) in stored
    assert picker.text() == ""


def test_a_name_typed_in_phoi_hop_counts_as_an_unsaved_edit(qtbot, window, answers, type_text):
    page, form, item = _plan_item(window, "II.1.b")
    picker = form.coordinating.picker
    picker.setFocus()
    qtbot.waitUntil(picker.hasFocus)
    type_text(picker, "Sở Không Tồn Tại")
    picker.completer().popup().hide()
    assert form.dirty
    answers.replies.append("cancel")
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Down)
    assert answers.asked == ["Mục II.1.b đang sửa chưa được lưu. Lưu lại trước khi tiếp tục?"]
    assert page.current_item_id() == item.id
    assert picker.text() == "Sở Không Tồn Tại"


def _mnemonic(text):
    at = text.replace("&&", "\0\0").find("&")
    return text[at + 1].lower() if at >= 0 else None


def _walk(obj, path):
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


@pytest.mark.parametrize("key,target", [("N", "title"), ("H", "tf_text"), ("C", "lead"),
                                        ("P", "coordinating.picker")])
def test_the_item_forms_alt_keys_put_the_cursor_in_their_field(qtbot, window, key, target):
    window.show_page("plan")
    form = window.pages["plan"].form
    form.output.setFocus()
    qtbot.waitUntil(form.output.hasFocus)
    qtbot.keyClick(form.output, getattr(Qt.Key, f"Key_{key}"), Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is _walk(form, target)


def test_alt_keys_of_the_menus_and_the_item_form_do_not_clash(window):
    from PySide6.QtWidgets import QLabel

    menus = [_mnemonic(a.text()) for a in window.menuBar().actions()]
    labels = [_mnemonic(label.text()) for label in window.pages["plan"].form.findChildren(QLabel)
              if _mnemonic(label.text())]
    assert len(labels) == 4
    assert len(set(menus + labels)) == len(menus + labels)
    for action in window.menuBar().actions():  # within a menu, one letter one entry
        keys = [_mnemonic(a.text()) for a in action.menu().actions() if _mnemonic(a.text())]
        assert len(set(keys)) == len(keys), action.text()


def test_tab_still_goes_from_chu_tri_to_the_phoi_hop_picker(qtbot, window):
    window.show_page("plan")
    form = window.pages["plan"].form
    assert _tab_until(qtbot, form.lead, form.coordinating.picker) == 1
    assert _tab_until(qtbot, form.budget_source, form.lead) == 1


def test_a_refused_phoi_hop_name_leaves_the_cursor_in_the_picker(qtbot, window, answers,
                                                                 type_text):
    page, form, item = _plan_item(window, "II.1.b")
    picker = form.coordinating.picker
    picker.setFocus()
    qtbot.waitUntil(picker.hasFocus)
    type_text(picker, "Sở Không Có")
    picker.completer().popup().hide()
    form.output.setFocus()
    qtbot.keyClick(form.output, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "«Sở Không Có»" in form.boxes["coordinating"].error.text()
    assert QApplication.focusWidget() is picker
    type_text(QApplication.focusWidget(), "x")
    assert picker.text() == "Sở Không Cóx"


def _settings_dialog(qtbot, window):
    from gbapp.store import settings
    from gbapp.ui.dialogs.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window)
    dialog.load(settings.load(window.ctx.db))
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _period_dialog(qtbot, window):
    window.show_page("progress")
    page = window.pages["progress"]
    page.add_period()
    dialog = page.period_dialog
    qtbot.waitExposed(dialog)
    return dialog


@pytest.mark.parametrize("which", ["settings", "period"])
def test_esc_in_a_dialog_asks_before_dropping_what_was_typed(qtbot, window, answers, type_text,
                                                             which):
    dialog = (_settings_dialog if which == "settings" else _period_dialog)(qtbot, window)
    field = dialog.edits["signer"] if which == "settings" else dialog.name
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    type_text(field, "Trần Thị Bích")
    answers.replies.append(False)  # a second Esc: keep it
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    what = "cài đặt" if which == "settings" else "kỳ báo cáo mới"
    assert answers.asked == [f"drop {what}"]
    assert dialog.isVisible() and field.text() == "Trần Thị Bích"
    answers.replies.append(True)  # Enter: drop it
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert answers.asked == [f"drop {what}"] * 2
    assert not dialog.isVisible()


@pytest.mark.parametrize("which", ["settings", "period"])
def test_esc_in_an_untouched_dialog_closes_it_without_asking(qtbot, window, answers, which):
    dialog = (_settings_dialog if which == "settings" else _period_dialog)(qtbot, window)
    field = dialog.edits["signer"] if which == "settings" else dialog.name
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert answers.asked == []
    assert not dialog.isVisible()


def _tree_on(qtbot, window, ref):
    page, _form, item = _plan_item(window, ref)
    page.tree.setFocus()
    qtbot.waitUntil(page.tree.hasFocus)
    return page, item


def test_undoing_an_insert_goes_back_to_where_the_user_was(qtbot, window, answers):
    page, item = _tree_on(qtbot, window, "II.1.a")
    below = page.tree.indexBelow(page.tree.currentIndex())
    qtbot.keyClick(page.tree, Qt.Key.Key_Insert)
    assert page.current_item_id() != item.id
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.current_item_id() == item.id
    assert page.model.item_id(page.tree.currentIndex()) == item.id
    assert page.form.item_id() == item.id
    qtbot.keyClick(page.tree, Qt.Key.Key_Down)  # on from there, not from the top
    assert page.current_item_id() == page.model.item_id(below)


def test_undoing_a_delete_selects_the_item_brought_back(qtbot, window, answers):
    page, item = _tree_on(qtbot, window, "II.1.a")
    qtbot.keyClick(page.tree, Qt.Key.Key_Delete)
    neighbour = page.current_item_id()
    assert neighbour not in (None, item.id)
    qtbot.keyClick(page.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.current_item_id() == item.id
    assert page.model.item_id(page.tree.currentIndex()) == item.id
    assert page.form.item_id() == item.id
    qtbot.keyClick(page.tree, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # gone again
    assert page.current_item_id() == neighbour


CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.mark.parametrize("field", ["output", "title"])
def test_ctrl_z_right_after_ctrl_s_undoes_the_save(qtbot, window, answers, type_text, field):
    from gbapp.store import items

    page, form, item = _plan_item(window, "II.1.a")
    edit = getattr(form, field)
    read = (lambda: items.get(window.ctx.db, item.id).output) if field == "output" else (
        lambda: items.get(window.ctx.db, item.id).title)
    before = read()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.selectAll()
    type_text(edit, "Báo cáo kết quả")
    qtbot.keyClick(edit, Qt.Key.Key_S, CTRL)
    assert read() == "Báo cáo kết quả"
    assert QApplication.focusWidget() is edit
    qtbot.keyClick(edit, Qt.Key.Key_Z, CTRL)
    assert read() == before
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Y, CTRL)
    assert read() == "Báo cáo kết quả"


def test_ctrl_z_undoes_the_fields_own_typing_first(qtbot, window, answers, type_text):
    from gbapp.store import items

    page, form, item = _plan_item(window, "II.1.a")
    before = items.get(window.ctx.db, item.id).output
    shown = form.output.text()
    steps = window.ctx.undo.undo_name()
    form.output.setFocus()
    qtbot.waitUntil(form.output.hasFocus)
    form.output.end(False)
    type_text(form.output, " thêm")
    qtbot.keyClick(form.output, Qt.Key.Key_Z, CTRL)
    assert form.output.text() == shown  # the typing went, nothing else
    assert answers.asked == []
    assert window.ctx.undo.undo_name() == steps
    assert items.get(window.ctx.db, item.id).output == before


WORD = "Báo cáo\x0bsơ kết\x07 6 tháng\u00a0đầu năm\x01\tcủa Sở\u00ad\r\n"


def _paste(qtbot, field, text):
    QApplication.clipboard().setText(text)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_V, CTRL)


@pytest.mark.parametrize("field", ["output", "tf_text"])
def test_word_text_pasted_in_a_one_line_field_comes_in_clean(qtbot, window, answers, field):
    from gbapp.store import items

    page, form, item = _plan_item(window, "II.1.a")
    edit = getattr(form, field)
    edit.selectAll()
    _paste(qtbot, edit, WORD)
    assert edit.text() == "Báo cáo sơ kết 6 tháng đầu năm của Sở"
    assert form.dirty
    qtbot.keyClick(edit, Qt.Key.Key_S, CTRL)
    stored = items.get(window.ctx.db, item.id)
    assert (stored.output if field == "output" else stored.time_frame.text) == \
        "Báo cáo sơ kết 6 tháng đầu năm của Sở"


def test_a_word_pasted_after_another_keeps_its_space(qtbot, window, answers):
    page, form, item = _plan_item(window, "II.1.a")
    form.output.setText("Báo cáo")
    form.output.end(False)
    _paste(qtbot, form.output, " sơ kết\x07")
    assert form.output.text() == "Báo cáo sơ kết"


def test_the_plan_forms_one_line_fields_clean_a_paste_too(qtbot, window, answers):
    window.show_page("plan")
    page = window.pages["plan"]
    page.tabs.setCurrentIndex(1)
    form = page.plan_form
    form.signer.selectAll()
    _paste(qtbot, form.signer, "Nguyễn\x0bVăn A\x07\r\n")
    assert form.signer.text() == "Nguyễn Văn A"
