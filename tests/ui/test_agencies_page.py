"""AgenciesPage driven like a user: search, edit, validate, deactivate, merge, undo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from gbapp.domain.text import vi_sort_key
from gbapp.store import agencies, assignments

SHOTS = Path("/tmp/shots")


def type_text(widget, text: str) -> None:
    """Type like a Vietnamese keyboard (IME) does: each character arrives as the event's text.

    (QTest.keyClicks only knows Latin-1 characters and aborts on 'ở'.)
    """
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch,
                           Qt.KeyboardModifier.NoModifier)


@pytest.fixture
def ctx(qapp, demo_db, tmp_path):
    from gbapp.ui.context import AppContext

    return AppContext(demo_db, tmp_path / "demo.db")


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


def choose(qtbot, page, name: str) -> None:
    row = names(page).index(name)
    rect = page.table.visualRect(page.model.index(row, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.form.name.text() == name


def test_list_in_vietnamese_order_search_without_diacritics(qtbot, page, ctx):
    shown = names(page)
    assert shown == sorted(shown, key=vi_sort_key)
    assert "Sở Lao động - Thương binh và Xã hội" in shown  # inactive shown by default

    type_text(page.search, "so noi")
    assert names(page) == ["Sở Nội vụ"]
    page.search.clear()
    page.show_inactive.setChecked(False)
    assert "Sở Lao động - Thương binh và Xã hội" not in names(page)
    assert len(names(page)) == len(agencies.list_agencies(ctx.db, include_inactive=False))


def test_validation_next_to_the_field_and_nothing_saved(qtbot, page, ctx):
    before = len(agencies.list_agencies(ctx.db))
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    type_text(page.form.valid_from, "01/07/2025")
    type_text(page.form.valid_to, "30/6/2025")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.form.errors.message("name") == "Nhập tên cơ quan, đơn vị."
    assert "sau ngày bắt đầu" in page.form.errors.message("valid_to")
    assert page.form.errors.labels["name"].isVisible()

    type_text(page.form.name, "Sở Nội vụ")  # already exists
    page.form.valid_to.clear()
    type_text(page.form.valid_to, "31/02/2025")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.form.errors.message("valid_to") == "Ngày «31/02/2025» không có thật."
    page.form.valid_to.clear()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.form.errors.message("name") == "Đã có cơ quan «Sở Nội vụ»."
    page.form.name.clear()
    type_text(page.form.name, "So Noi Vu")  # typed without Unikey: the same agency
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.form.errors.message("name") == "Đã có cơ quan «Sở Nội vụ» (cùng tên khi bỏ dấu)."
    assert len(agencies.list_agencies(ctx.db)) == before


def test_search_finds_short_names(qtbot, page, ctx):
    with_short = next(a for a in agencies.list_agencies(ctx.db) if a.short_name)
    type_text(page.search, with_short.short_name.lower())
    assert with_short.name in names(page)


def test_add_agency_then_undo(qtbot, page, ctx):
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    type_text(page.form.name, "Hội Cựu chiến binh tỉnh")
    type_text(page.form.short_name, "HCCB tỉnh")
    page.form.kind.setCurrentIndex(page.form.kind.findText("Đoàn thể"))
    type_text(page.form.valid_from, "1/1/25")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    new_id = agencies.find_by_name(ctx.db, "Hội Cựu chiến binh tỉnh")
    saved = agencies.get(ctx.db, new_id)
    assert (saved.short_name, saved.kind, saved.level) == ("HCCB tỉnh", "doan_the", "tinh")
    assert saved.valid_from == dt.date(2025, 1, 1)
    assert page.form.valid_from.text() == "01/01/2025"
    assert "Hội Cựu chiến binh tỉnh" in names(page)
    assert page.table.currentIndex().row() == names(page).index("Hội Cựu chiến binh tỉnh")

    assert ctx.undo_last() == "Lưu cơ quan"
    assert agencies.find_by_name(ctx.db, "Hội Cựu chiến binh tỉnh") is None
    assert "Hội Cựu chiến binh tỉnh" not in names(page)
    assert page.form.agency_id() is None


def test_edit_keeps_history_fields(qtbot, page, ctx):
    choose(qtbot, page, "Sở Lao động - Thương binh và Xã hội")
    old = agencies.get(ctx.db, page.form.agency_id())
    page.form.note.setPlainText("Chuyển chức năng bình đẳng giới sang Sở Nội vụ.")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = agencies.get(ctx.db, old.id)
    assert saved.note.startswith("Chuyển chức năng")
    assert (saved.successor_id, saved.active, saved.valid_to) == (old.successor_id, False,
                                                                   dt.date(2025, 2, 28))


def test_deactivate_without_deleting_and_back(qtbot, page, ctx, answers):
    choose(qtbot, page, "Sở Khoa học và Công nghệ")
    ident = page.form.agency_id()
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    assert "01/09/2025" in answers.asked[0]
    stored = agencies.get(ctx.db, ident)
    assert (stored.active, stored.valid_to) == (False, dt.date(2025, 9, 1))
    assert "Sở Khoa học và Công nghệ" in names(page)  # kept, shown greyed
    assert page.active_button.text() == "Hoạt động trở lại"
    assert page.model.data(page.model.index(names(page).index("Sở Khoa học và Công nghệ"), 6)) \
        == "Ngừng hoạt động"

    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    assert agencies.get(ctx.db, ident).active is True


def test_merge_moves_assignments_and_deactivates_then_undo(qtbot, page, ctx):
    snv = agencies.find_by_name(ctx.db, "Sở Nội vụ")
    choose(qtbot, page, "Sở Tư pháp")
    stp = page.form.agency_id()
    before_stp = assignments.for_agency(ctx.db, ctx.plan_id, stp)
    before_snv = {i for i, _ in assignments.for_agency(ctx.db, ctx.plan_id, snv)}
    overlap = [i for i, _ in before_stp if i in before_snv]
    reports = agencies.usage(ctx.db, stp)["reports"]

    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    dialog = page.merge_dialog
    qtbot.waitExposed(dialog)
    dialog.successor.lineEdit().selectAll()
    type_text(dialog.successor.lineEdit(), "so noi vu")  # type-ahead, no diacritics
    assert dialog.successor.current_id() == snv
    moving = len(before_stp)  # all follow; where both were, Sở Nội vụ takes the part over
    assert dialog.summary.text().startswith(
        f"Sẽ chuyển {moving} phân công và {reports} báo cáo tiến độ sang «Sở Nội vụ».")
    if overlap:
        assert f"Ở {len(overlap)} hoạt động «Sở Nội vụ» đã tham gia" in dialog.summary.text()
    dialog.on.clear()
    type_text(dialog.on, "01/07/2025")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    merged = agencies.get(ctx.db, stp)
    assert (merged.active, merged.successor_id) == (False, snv)
    assert merged.valid_to == dt.date(2025, 7, 1)
    assert assignments.for_agency(ctx.db, ctx.plan_id, stp) == []  # nobody chases it now
    after_snv = {i for i, _ in assignments.for_agency(ctx.db, ctx.plan_id, snv)}
    assert after_snv == before_snv | {i for i, _ in before_stp}
    assert f"Đã chuyển {moving + reports}" in page.status_label.text()
    row = names(page).index("Sở Tư pháp")
    assert page.model.data(page.model.index(row, 5)) == "Sở Nội vụ"
    assert not page.merge_button.isEnabled() or page.active_button.text() == "Hoạt động trở lại"

    ctx.undo_last()
    assert agencies.get(ctx.db, stp).active is True
    assert assignments.for_agency(ctx.db, ctx.plan_id, stp) == before_stp
    assert page.active_button.text() == "Ngừng hoạt động…"


def test_merge_picks_from_the_popup_with_the_keyboard(qtbot, page, ctx):
    choose(qtbot, page, "UBND huyện Sơn Tịnh")
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    dialog = page.merge_dialog
    assert dialog.successor.current_name() == "UBND xã Tịnh Hà"  # its recorded successor
    dialog.successor.lineEdit().selectAll()
    type_text(dialog.successor.lineEdit(), "ubnd")
    popup = dialog.successor.completer().popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.successor.current_name() == "UBND phường Cẩm Thành"
    dialog.reject()


def test_unsaved_edits_are_not_lost_by_clicking_another_row(qtbot, page, ctx, answers):
    choose(qtbot, page, "Sở Y tế")
    type_text(page.form.short_name, " tỉnh")
    answers.replies.append("cancel")  # "Lưu lại trước khi tiếp tục?" -> Hủy
    row = names(page).index("Sở Tư pháp")
    rect = page.table.visualRect(page.model.index(row, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert "Sở Y tế" in answers.asked[0]
    assert page.form.name.text() == "Sở Y tế"
    assert page.form.short_name.text() == "SYT tỉnh"
    assert page.table.currentIndex().row() == names(page).index("Sở Y tế")
    qtbot.keyClick(page.form.name, Qt.Key.Key_Return)  # Enter in the name saves
    assert agencies.get(ctx.db, page.form.agency_id()).short_name == "SYT tỉnh"


def test_merge_needs_a_successor(qtbot, page):
    choose(qtbot, page, "Sở Y tế")
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    dialog = page.merge_dialog
    dialog.successor.lineEdit().selectAll()
    type_text(dialog.successor.lineEdit(), "không có cơ quan này")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.errors.message("successor") == "Chọn cơ quan tiếp nhận trong danh sách."
    dialog.reject()


def test_screenshot(qtbot, page):
    choose(qtbot, page, "UBND huyện Sơn Tịnh")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.resize(1366, 768)
    assert page.grab().save(str(SHOTS / "agencies.png"))


def test_enter_in_any_one_line_field_saves(qtbot, page, ctx):
    # only the name field saved on Enter: Enter in the short name or a date did nothing
    choose(qtbot, page, "Sở Y tế")
    type_text(page.form.short_name, " tỉnh")
    qtbot.keyClick(page.form.short_name, Qt.Key.Key_Return)
    assert agencies.get(ctx.db, page.form.agency_id()).short_name == "SYT tỉnh"
    page.form.valid_to.clear()
    type_text(page.form.valid_to, "30/6/2025")
    qtbot.keyClick(page.form.valid_to, Qt.Key.Key_Return)
    assert agencies.get(ctx.db, page.form.agency_id()).valid_to == dt.date(2025, 6, 30)


def test_new_asks_about_the_agency_being_edited(qtbot, page, ctx, answers):
    # "Thêm mới" emptied the form at once: the short name typed was gone
    choose(qtbot, page, "Sở Y tế")
    type_text(page.form.short_name, " tỉnh")
    answers.replies.append("cancel")
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert "Sở Y tế" in answers.asked[-1]
    assert page.form.short_name.text() == "SYT tỉnh"  # stayed
    answers.replies.append("save")
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.form.name.text() == ""  # the new agency's empty form
    assert agencies.get(ctx.db, agencies.find_by_name(ctx.db, "Sở Y tế")).short_name == "SYT tỉnh"


def test_ctrl_f_goes_to_the_search_box(qtbot, page):
    page.form.name.setFocus()
    qtbot.keyClick(page.form.name, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
