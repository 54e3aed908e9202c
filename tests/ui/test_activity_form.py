"""The activity form driven as a user would: type, pick, save, see messages, undo."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from gbapp.domain.model import Role
from gbapp.store import agencies, assignments, indicators, items, plans


def _item_by_ref(db, ref):
    plan_id = plans.latest_id(db)
    return next(i for i in items.all_items(db, plan_id) if i.ref == ref)


def _open(window, ref):
    page = window.pages["plan"]
    item = _item_by_ref(window.ctx.db, ref)
    assert page.select_item(item.id)
    return page, page.form, item


def _type(qtbot, widget, text):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    for ch in text:  # QTest.keyClicks only knows ASCII; Vietnamese letters come as key text
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, ch))


def test_edit_and_save_then_undo(qtbot, window):
    page, form, item = _open(window, "II.1.a")
    db = window.ctx.db
    _type(qtbot, form.title, "Tập huấn bình đẳng giới cho cán bộ")
    _type(qtbot, form.budget, "15.000.000")
    _type(qtbot, form.start, "1/3/2025")
    _type(qtbot, form.end, "30/6/2025")
    _type(qtbot, form.lead, "so y te")  # no diacritics, lower case
    form.budget_source.setCurrentText("Ngân sách tỉnh")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    stored = items.get(db, item.id)
    assert stored.title == "Tập huấn bình đẳng giới cho cán bộ"
    assert stored.budget == 15_000_000
    assert stored.budget_source == "Ngân sách tỉnh"
    assert (stored.time_frame.start, stored.time_frame.end) == (dt.date(2025, 3, 1),
                                                                 dt.date(2025, 6, 30))
    lead = [a for a in assignments.for_item(db, item.id) if a.role == Role.LEAD]
    assert [a.agency_name for a in lead] == ["Sở Y tế"]
    assert form.budget.text() == "15.000.000"  # reloaded from the store, formatted
    assert window.undo_action.text() == "&Hoàn tác: Sửa hoạt động"

    window.pages["plan"].tree.setFocus()
    qtbot.keyClick(window.pages["plan"].tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert items.get(db, item.id).title == item.title
    assert items.get(db, item.id).budget is None
    assert form.title.toPlainText() == item.title  # the form shows the stored item again
    assert window.redo_action.text() == "&Làm lại: Sửa hoạt động"
    qtbot.keyClick(window.pages["plan"].tree, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert items.get(db, item.id).budget == 15_000_000


def test_validation_messages_under_fields(qtbot, window):
    page, form, item = _open(window, "II.2.b")
    db = window.ctx.db
    _type(qtbot, form.start, "15/12/2025")
    _type(qtbot, form.end, "1/12/2025")
    _type(qtbot, form.budget, "mười triệu")
    _type(qtbot, form.lead, "")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert form.boxes["end"].error.isVisible()
    assert form.boxes["end"].error.text() == "Ngày kết thúc phải sau ngày bắt đầu."
    assert "không phải là một số tiền" in form.boxes["budget"].error.text()
    assert form.boxes["lead"].error.text() == "Hoạt động phải có một cơ quan chủ trì."
    assert not form.boxes["title"].error.isVisible()
    assert items.get(db, item.id).time_frame.start != dt.date(2025, 12, 15)  # nothing saved
    assert not window.ctx.undo.can_undo()

    _type(qtbot, form.start, "31/02/2025")
    _type(qtbot, form.end, "")
    _type(qtbot, form.budget, "")
    _type(qtbot, form.lead, "Cơ quan không có")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.boxes["start"].error.text() == "Ngày «31/02/2025» không có thật."
    assert "Không có cơ quan «Cơ quan không có»" in form.boxes["lead"].error.text()
    assert not form.boxes["budget"].error.isVisible()

    form.title.setPlainText("\x07\x01\x0b")  # only Word's control characters: no title at all
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.boxes["title"].error.text() == "Hãy nhập nội dung của mục."
    assert items.get(db, item.id).title.strip()


def test_agency_pickers_and_indicators(qtbot, window):
    page, form, item = _open(window, "II.3.a")
    db = window.ctx.db
    # Lead: type without diacritics, choose from the suggestions with the keyboard.
    _type(qtbot, form.lead, "lien hiep phu nu")
    popup = form.lead.completer_.popup()
    assert [form.lead.names.data(form.lead.names.index(r))
            for r in range(form.lead.names.rowCount())] == ["Hội Liên hiệp Phụ nữ tỉnh"]
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert form.lead.text() == "Hội Liên hiệp Phụ nữ tỉnh"
    # Coordinating: several agencies, each typed and added with Enter.
    form.coordinating.set_ids([])
    for typed in ("cong an", "SO TU PHAP"):
        _type(qtbot, form.coordinating.picker, typed)
        qtbot.keyClick(form.coordinating.picker, Qt.Key.Key_Return)
    assert [form.coordinating.list.item(r).text() for r in range(form.coordinating.list.count())] \
        == ["Công an tỉnh", "Sở Tư pháp"]
    mt1 = form.indicators.item(0)
    assert mt1.text().startswith("MT1 ")
    mt1.setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    got = {(a.agency_name, a.role) for a in assignments.for_item(db, item.id)}
    assert got == {("Hội Liên hiệp Phụ nữ tỉnh", Role.LEAD), ("Công an tỉnh", Role.COORDINATING),
                   ("Sở Tư pháp", Role.COORDINATING)}
    mt1_id = next(i.id for i in indicators.list_indicators(db) if i.code == "MT1")
    assert indicators.linked(db, item.id) == [mt1_id]


def test_unknown_coordinating_name_is_reported(qtbot, window):
    page, form, item = _open(window, "II.1.b")
    _type(qtbot, form.coordinating.picker, "Sở Không Tồn Tại")
    qtbot.keyClick(form.coordinating.picker, Qt.Key.Key_Return)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "«Sở Không Tồn Tại»" in form.boxes["coordinating"].error.text()
    assert not window.ctx.undo.can_undo()


def test_written_time_frame_offers_dates(qtbot, window):
    page, form, item = _open(window, "II.4.a")
    _type(qtbot, form.tf_text, "Quý II/2025")
    qtbot.keyClick(form.tf_text, Qt.Key.Key_Tab)  # leaving the field reads it
    assert form.use_suggestion.isVisible()
    assert "01/04/2025" in form.suggestion.text() and "30/06/2025" in form.suggestion.text()
    qtbot.mouseClick(form.use_suggestion, Qt.MouseButton.LeftButton)
    assert (form.start.text(), form.end.text()) == ("01/04/2025", "30/06/2025")
    assert not form.use_suggestion.isVisible()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    stored = items.get(window.ctx.db, item.id).time_frame
    assert (stored.text, stored.start, stored.end) == ("Quý II/2025", dt.date(2025, 4, 1),
                                                        dt.date(2025, 6, 30))


def test_unsaved_edits_are_offered_for_saving(qtbot, window, answers):
    page, form, item = _open(window, "II.1.a")
    _type(qtbot, form.title, "Nội dung đã sửa")
    assert form.dirty
    other = _item_by_ref(window.ctx.db, "II.1.b")
    page.tree.setCurrentIndex(page.model.index_for_id(other.id))
    assert answers.asked == ["Mục II.1.a đang sửa chưa được lưu. Lưu lại trước khi tiếp tục?"]
    assert items.get(window.ctx.db, item.id).title == "Nội dung đã sửa"
    assert page.current_item_id() == other.id


def test_unsaved_edits_survive_a_change_made_elsewhere(qtbot, window):
    """Typing in the item form and the plan form, then saving something on another page, must
    not replace what was typed (both forms keep it and can still save it). An undo asks
    first instead: see test_undo_with_unsaved_edits."""
    from gbapp.domain.entities import Agency

    page, form, item = _open(window, "II.1.a")
    page.plan_form.load(plans.get(window.ctx.db, window.ctx.plan_id))
    assert not form.dirty and not page.plan_form.is_dirty()  # loaded as stored: nothing to keep
    _type(qtbot, form.title, "Nội dung đang gõ dở")
    _type(qtbot, page.plan_form.signer, "Nguyễn Thị B")
    assert form.dirty and page.plan_form.is_dirty()
    window.show_page("agencies")
    window.ctx.perform("Thêm cơ quan", lambda db: agencies.save(db, Agency(name="Sở Mới")))
    assert any(a.name == "Sở Mới" for a in agencies.list_agencies(window.ctx.db))
    window.show_page("plan")
    assert form.title.toPlainText() == "Nội dung đang gõ dở"
    assert page.plan_form.signer.text() == "Nguyễn Thị B"
    assert page.current_item_id() == item.id
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert items.get(window.ctx.db, item.id).title == "Nội dung đang gõ dở"
    assert page.plan_form.is_dirty() and page.plan_form.signer.text() == "Nguyễn Thị B"
    qtbot.mouseClick(page.plan_form.save_button, Qt.MouseButton.LeftButton)
    assert plans.get(window.ctx.db, window.ctx.plan_id).signer == "Nguyễn Thị B"
    assert not page.plan_form.is_dirty()


def test_plan_metadata_form(qtbot, window):
    page = window.pages["plan"]
    form = page.plan_form
    db = window.ctx.db
    page.tabs.setCurrentIndex(1)
    _type(qtbot, form.signer, "Nguyễn Thị B")
    _type(qtbot, form.issued_on, "30/2/2025")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.boxes["issued_on"].error.text() == "Ngày «30/2/2025» không có thật."
    _type(qtbot, form.issued_on, "24/4/2025")
    form.recipients.setPlainText("Bộ Nội vụ;\nCác sở, ban, ngành tỉnh;")
    qtbot.mouseClick(form.add_basis, Qt.MouseButton.LeftButton)
    row = form.bases.rowCount() - 1
    for col, text in enumerate(("Căn cứ", "Luật", "73/2006/QH11", "29/11/2006", "Quốc hội",
                                "Luật Bình đẳng giới")):
        form.bases.item(row, col).setText(text)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    plan = plans.get(db, window.ctx.plan_id)
    assert plan.signer == "Nguyễn Thị B"
    assert plan.issued_on == dt.date(2025, 4, 24)
    assert plan.recipients == ["Bộ Nội vụ;", "Các sở, ban, ngành tỉnh;"]
    assert plan.legal_bases[-1].number == "73/2006/QH11"
    assert plan.legal_bases[-1].issued_on == dt.date(2006, 11, 29)
    assert plan.legal_bases[-1].verb == "Căn cứ"
    assert [b.verb for b in plan.legal_bases[:2]] == ["Thực hiện", "Thực hiện"]  # as imported
    assert window.undo_action.text() == "&Hoàn tác: Sửa thông tin kế hoạch"
    assert plan.year_to is None and form.year_to.text() == "(một năm)"
    # made a 2025–2030 programme by hand: stored; a last year not after the first is none
    form.year_to.setValue(2030)
    assert form.is_dirty()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert plans.get(db, window.ctx.plan_id).year_to == 2030
    form.year_to.setValue(2024)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert plans.get(db, window.ctx.plan_id).year_to is None


def test_agency_names_in_vietnamese_order(window):
    form = window.pages["plan"].form
    names = [n for _i, n in form.lead.names.names()]
    assert names == [a.name for a in agencies.list_agencies(window.ctx.db, include_inactive=False)]
    assert names.index("Sở Dân tộc và Tôn giáo") < names.index("Sở Giáo dục và Đào tạo")


def test_opening_another_item_from_another_page_asks_first(qtbot, window, answers):
    """The activities list and the overview open items through select_item: an item being
    edited is not replaced without the question (cancel keeps it, with what was typed)."""
    page, form, item = _open(window, "II.1.a")
    _type(qtbot, form.title, "Nội dung đang sửa")
    other = _item_by_ref(window.ctx.db, "II.2.a")
    answers.replies.append("cancel")
    window.open_item(other.id)
    assert answers.asked == ["Mục II.1.a đang sửa chưa được lưu. Lưu lại trước khi tiếp tục?"]
    assert page.current_item_id() == item.id and form.title.toPlainText() == "Nội dung đang sửa"
    answers.replies.append("discard")
    window.open_item(other.id)
    assert page.current_item_id() == other.id
    assert items.get(window.ctx.db, item.id).title != "Nội dung đang sửa"


@pytest.mark.parametrize("reply", ["cancel", "save", "discard"])
def test_closing_the_window_with_unsaved_edits_asks(qtbot, window, answers, reply):
    page, form, item = _open(window, "II.1.a")
    _type(qtbot, form.title, "Sửa trước khi đóng")
    answers.replies.append(reply)
    window.close()
    assert answers.asked == ["Mục II.1.a đang sửa chưa được lưu. Lưu lại trước khi tiếp tục?"]
    if reply == "cancel":
        assert window.isVisible() and window.ctx is not None
        assert form.title.toPlainText() == "Sửa trước khi đóng"
        return
    assert window.ctx is None  # closed
    from gbapp.store import open_database

    db = open_database(window.settings.value("last_database"))
    try:
        stored = items.get(db, item.id).title
    finally:
        db.close()
    assert (stored == "Sửa trước khi đóng") == (reply == "save")


def test_an_invalid_date_in_the_plan_form_is_kept_as_an_edit(qtbot, window, answers):
    """A date not yet valid in "Thông tin kế hoạch" must not break later actions: it is an
    unsaved edit like any other, shown in red only when the user saves it."""
    page, form, item = _open(window, "II.1.a")
    page.plan_form.issued_on.setText("31/02/2025")
    assert page.plan_form.is_dirty()
    page.add_sibling()  # reloads the page after the change
    assert page.plan_form.issued_on.text() == "31/02/2025"
    assert not page.plan_form.validate()
    assert "31/02/2025" in page.plan_form.boxes["issued_on"].error.text()


def test_form_heading_names_the_item_once(qtbot, window):
    page, form, _item = _open(window, "I")
    assert form.heading.text() == "Mục I"
    page, form, _item = _open(window, "II.1.a")
    assert form.heading.text() == "Mục II.1.a — điểm a khoản 1 Mục II"


def test_a_programme_s_recurring_time_runs_to_its_last_year_in_the_form(qtbot, window):
    """The plan is a 2025–2030 programme: 'Hằng năm' typed in the form offers 2025 to 2030, as
    the import reads it (not a 2025 that would be overdue from 2026 on)."""
    from gbapp.store import plans

    db = window.ctx.db
    plan = plans.get(db, window.ctx.plan_id)
    plan.year_to = 2030
    plans.update(db, plan)
    db.conn.commit()
    assert plans.get(db, plan.id).year_to == 2030
    page, form, item = _open(window, "II.4.a")
    _type(qtbot, form.tf_text, "Hằng năm")
    qtbot.keyClick(form.tf_text, Qt.Key.Key_Tab)
    assert form.use_suggestion.isVisible()
    assert "01/01/2025" in form.suggestion.text() and "31/12/2030" in form.suggestion.text()


# -- Esc drops what was typed (as in the progress form); a field's own Esc comes first ------
def test_esc_in_the_item_form_drops_the_typing(qtbot, window):
    page, form, item = _open(window, "II.1.a")
    stored = items.get(window.ctx.db, item.id).title
    _type(qtbot, form.title, "Gõ nhầm")
    assert form.dirty
    qtbot.keyClick(form.title, Qt.Key.Key_Escape)
    assert not form.dirty and form.title.toPlainText() == stored
    assert items.get(window.ctx.db, item.id).title == stored  # nothing saved
    assert "(Esc)" in form.revert_button.toolTip()


def test_esc_in_the_plan_form_drops_the_typing_but_not_a_cell_edit(qtbot, window):
    page = window.pages["plan"]
    _open(window, "II.1.a")
    form = page.plan_form
    page.tabs.setCurrentIndex(1)  # «Thông tin kế hoạch»
    form.load(plans.get(window.ctx.db, window.ctx.plan_id))
    stored = form.number.text()
    _type(qtbot, form.number, "94/KH-UBND")
    _type(qtbot, form.signer, "Nguyễn Thị B")
    assert form.is_dirty()
    qtbot.keyClick(form.signer, Qt.Key.Key_Escape)
    assert not form.is_dirty() and form.number.text() == stored
    assert plans.get(window.ctx.db, window.ctx.plan_id).number == stored
    # Esc while a legal basis cell is being edited cancels that cell only
    _type(qtbot, form.signer, "Nguyễn Thị C")
    form.bases.setCurrentCell(0, 2)
    form.bases.editItem(form.bases.item(0, 2))
    editor = form.bases.focusWidget()
    assert editor is not None and editor is not form.bases
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert form.signer.text() == "Nguyễn Thị C" and form.is_dirty()


def test_closing_when_the_save_fails_keeps_the_window_and_the_typing(qtbot, window, answers,
                                                                     monkeypatch, tmp_path):
    """Closing with unsaved edits, «Lưu», and the save fails (disk full, USB stick pulled): the
    window closed all the same and the typing was gone. It stays open, with the text in its
    form, and says why."""
    from gbapp.store import StorageError

    page, form, item = _open(window, "II.1.a")
    _type(qtbot, form.title, "Nội dung quan trọng chưa lưu")

    perform, disk = window.ctx.perform, {"full": True}

    def save(*args, **kwargs):
        if disk["full"]:
            raise StorageError("Ổ đĩa đã đầy: chưa lưu được thay đổi. (disk is full)")
        return perform(*args, **kwargs)

    monkeypatch.setattr(window.ctx, "perform", save)
    answers.replies.append("save")
    assert not window.close()
    assert window.isVisible() and window.session is not None
    assert form.title.toPlainText() == "Nội dung quan trọng chưa lưu" and form.dirty
    assert answers.errors and "Ổ đĩa đã đầy" in answers.errors[-1]
    disk["full"] = False
    answers.replies.append("save")
    assert window.close()  # once there is room again, it saves and closes
    from gbapp.store import open_database

    db = open_database(tmp_path / "kh.db")
    assert items.get(db, item.id).title == "Nội dung quan trọng chưa lưu"
    db.close()


def test_a_stray_esc_asks_before_dropping_the_typing(qtbot, window, answers):
    """A data-safety review: Esc threw the typing away for good (the field's own undo is reset
    by the reload). It asks; Enter drops, a second Esc keeps."""
    page, form, item = _open(window, "II.1.a")
    _type(qtbot, form.title, "Một đoạn dài đã gõ")
    answers.replies.append(False)  # "Tiếp tục sửa"
    qtbot.keyClick(form.title, Qt.Key.Key_Escape)
    assert answers.asked == ["drop mục này"]
    assert form.dirty and form.title.toPlainText() == "Một đoạn dài đã gõ"
    qtbot.keyClick(form.title, Qt.Key.Key_Escape)  # "Bỏ thay đổi"
    assert not form.dirty and form.title.toPlainText() == items.get(window.ctx.db, item.id).title
