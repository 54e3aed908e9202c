"""Importing a plan from the plan page: parsed off the GUI thread, previewed, then saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from gbapp.paths import resource
from gbapp.store import items, plans

SAMPLE_DOCX = Path(__file__).resolve().parents[1] / "fixtures" / "plan93_autonumbered_libreoffice.docx"
TXT = resource("demo", "plan93_quangngai_2025.txt")


@pytest.fixture
def empty_page(qtbot, db, tmp_path):
    from gbapp.ui.context import AppContext
    from gbapp.ui.pages.plan_page import PlanPage

    ctx = AppContext(db, tmp_path / "test.db")
    page = PlanPage(ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def _wait_preview(qtbot, page):
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible(), timeout=10000)
    return page.preview


def test_import_preview_then_save(qtbot, empty_page):
    page, ctx = empty_page, empty_page.ctx
    assert page.empty.isVisible()
    page.import_plan(TXT)
    preview = _wait_preview(qtbot, page)
    assert plans.list_plans(ctx.db) == []  # nothing saved before the user confirms
    top = [preview.tree.topLevelItem(i).text(0) + " " + preview.tree.topLevelItem(i).text(1)
           for i in range(preview.tree.topLevelItemCount())]
    assert top == ["I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG HOẠT ĐỘNG"]
    assert "plan93_quangngai_2025.txt" in preview.windowTitle()
    with qtbot.waitSignal(page.import_finished) as done:
        qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    plan_id = done.args[0]
    plan = plans.get(ctx.db, plan_id)
    assert plan.number == "93/KH-UBND" and plan.signer == "Trần Hoàng Tuấn"
    assert ctx.plan_id == plan_id
    refs = [i.ref for i in items.all_items(ctx.db, plan_id)]
    assert "II.5.b" in refs
    assert page.model.rowCount() == 2 and not page.empty.isVisible()
    assert ctx.undo.undo_name() == "Nhập kế hoạch"
    ctx.undo_last()
    assert plans.list_plans(ctx.db) == []
    assert page.empty.isVisible()
    ctx.redo_last()  # the only plan comes back: it is opened again, not left unselected
    assert ctx.plan_id == plan_id
    assert page.model.rowCount() == 2 and not page.empty.isVisible()


def test_cancelled_preview_saves_nothing(qtbot, empty_page):
    page = empty_page
    page.import_plan(TXT)
    preview = _wait_preview(qtbot, page)
    with qtbot.waitSignal(page.import_finished) as done:
        preview.reject()
    assert done.args == [None]
    assert plans.list_plans(page.ctx.db) == []


def test_existing_number_asks_before_replacing(qtbot, ctx, answers):
    from gbapp.ui.pages.plan_page import PlanPage

    page = PlanPage(ctx)
    qtbot.addWidget(page)
    old_id = ctx.plan_id
    answers.replies.append(False)
    page.import_plan(TXT)
    with qtbot.waitSignal(page.import_finished) as done:
        _wait_preview(qtbot, page).accept()
    assert done.args == [None]
    assert "Kế hoạch số 93/KH-UBND đã có" in answers.asked[0]
    assert plans.get(ctx.db, old_id) is not None
    page.import_plan(TXT)
    with qtbot.waitSignal(page.import_finished) as done:
        _wait_preview(qtbot, page).accept()
    from gbapp.store import periods

    new_id = done.args[0]
    assert [p.id for p in plans.list_plans(ctx.db)] == [new_id]
    assert periods.list_periods(ctx.db, new_id) == []  # the old plan's follow-up went with it
    assert ctx.plan_id == new_id


def test_import_docx(qtbot, empty_page):
    page = empty_page
    page.import_plan(SAMPLE_DOCX)
    preview = _wait_preview(qtbot, page)
    with qtbot.waitSignal(page.import_finished) as done:
        preview.accept()
    refs = [i.ref for i in items.all_items(page.ctx.db, done.args[0])]
    assert {"I.1.a", "II.2.d", "II.5.b"} <= set(refs)


def test_unreadable_file_shows_message(qtbot, empty_page, tmp_path, answers):
    page = empty_page
    empty = tmp_path / "rong.txt"
    empty.write_text("", encoding="utf-8")
    with qtbot.waitSignal(page.import_finished) as done:
        page.import_plan(empty)
    assert done.args == [None]
    assert answers.errors and "Tệp trống" in answers.errors[0]
    assert page.import_action.isEnabled()


def test_import_preview_fits_a_small_screen(qtbot):
    from gbapp.importers import parse_plan_text
    from gbapp.ui.dialogs.import_preview import ImportPreviewDialog

    parsed = parse_plan_text("KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2025\n"
                             "I. NHIỆM VỤ\n1. Tập huấn.\n2. Hội thi.\n")
    dialog = ImportPreviewDialog(parsed, "kh.txt")
    qtbot.addWidget(dialog)
    screen = dialog.screen().availableGeometry()
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()


def test_windows_show_messages_without_their_english_gist(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from gbapp.importers import parse_plan_text
    from gbapp.ui.dialogs import messages
    from gbapp.ui.dialogs.import_preview import ImportPreviewDialog

    parsed = parse_plan_text("KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2025\n"
                             "I. NHIỆM VỤ\n1. Tập huấn.\n2. Hội thi.\n")
    assert any("(document number not found)" in w for w in parsed.warnings)
    dialog = ImportPreviewDialog(parsed, "kh.txt")
    qtbot.addWidget(dialog)
    shown = [dialog.warnings.item(i).text() for i in range(dialog.warnings.count())]
    assert "Không tìm thấy số hiệu văn bản" in shown and not any("found)" in w for w in shown)

    texts = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: texts.append(
        (box.text(), box.detailedText())))
    messages.error(None, "Không nhập được kế hoạch",
                   "Không nhận ra kế hoạch: không tìm thấy mục I., II. … (not a plan: no "
                   "numbered sections found)", details="chi tiết (kept as written)")
    assert texts == [("Không nhận ra kế hoạch: không tìm thấy mục I., II. …",
                      "chi tiết (kept as written)")]
