"""Fixes from the fourth UX review: unsaved item edits asked about before inserts, moves and a
change of plan."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gbapp.services import editing as edits
from gbapp.store import items, plans

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
    assert answers.asked == ["Mục II.1.b đang sửa chưa được lưu. Lưu lại trước khi chuyển?"]
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
    assert answers.asked == ["Mục II.1.a đang sửa chưa được lưu. Lưu lại trước khi chuyển?"]
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
    assert answers.asked == ["Mục II.1.a đang sửa chưa được lưu. Lưu lại trước khi chuyển?"]
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
        "Thông tin kế hoạch đang sửa chưa được lưu. Lưu lại trước khi chuyển?"]
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
    assert answers.asked == ["Mục II.1.a đang sửa chưa được lưu. Lưu lại trước khi chuyển?"]
    assert page.import_action.isEnabled()  # nothing was started
    assert page.form.dirty and page.form.title.toPlainText() == TYPED
