"""Hủy, Esc and the close button of Cài đặt and «Thêm kỳ báo cáo» never drop what was typed
without asking; the export dialog keeps the number and signer typed for the export."""

from __future__ import annotations

import docx
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox

from gbapp.store import periods
from gbapp.store import settings as org_settings
from gbapp.ui.dialogs.messages import ask_drop as REAL_ASK_DROP  # before conftest answers it

TYPED_SIGNER = "Trần Thị Bích"
TYPED_PERIOD = "Quý III/2025 bổ sung"


def _settings_dialog(qtbot, window):
    from gbapp.ui.dialogs.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window)
    dialog.load(org_settings.load(window.ctx.db))
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _period_dialog(qtbot, window):
    window.show_page("progress")
    page = window.pages["progress"]
    page.add_period()  # window-modal, not blocking: saved by the page on Lưu
    dialog = page.period_dialog
    qtbot.waitExposed(dialog)
    return dialog


def _field(dialog, which):
    return dialog.edits["signer"] if which == "settings" else dialog.name


def _button(dialog, role: QDialogButtonBox.StandardButton):
    return dialog.buttons.button(role)


def _cancel(dialog):
    return _button(dialog, QDialogButtonBox.StandardButton.Cancel)


def _save(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save) or _button(
        dialog, QDialogButtonBox.StandardButton.Ok)


def _leave(qtbot, dialog, field, how: str) -> None:
    if how == "cancel":  # the Hủy button
        assert _cancel(dialog).text() == "Hủy"
        qtbot.mouseClick(_cancel(dialog), Qt.MouseButton.LeftButton)
    elif how == "esc":
        qtbot.keyClick(field, Qt.Key.Key_Escape)
    else:  # the window's close button (title bar ×, Alt+F4): a close event
        dialog.close()


def _type(qtbot, field, text: str) -> None:
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    field.insert(text)  # as Unikey commits it (keyClicks refuses non-ASCII)


def _periods_named(window, name):
    return [p for p in periods.list_periods(window.ctx.db, window.ctx.plan_id) if p.name == name]


@pytest.mark.parametrize("how", ["cancel", "esc", "close"])
@pytest.mark.parametrize("which", ["settings", "period"])
def test_leaving_with_typing_asks_and_keeping_it_stays_open_then_saves(qtbot, window, answers,
                                                                       which, how):
    dialog = (_settings_dialog if which == "settings" else _period_dialog)(qtbot, window)
    what = "cài đặt" if which == "settings" else "kỳ báo cáo mới"
    field = _field(dialog, which)
    text = TYPED_SIGNER if which == "settings" else TYPED_PERIOD
    _type(qtbot, field, text)
    answers.replies.append(False)  # «Tiếp tục sửa»
    _leave(qtbot, dialog, field, how)
    assert answers.asked == [f"drop {what}"]
    assert dialog.isVisible() and field.text() == text
    qtbot.mouseClick(_save(dialog), Qt.MouseButton.LeftButton)  # what was kept is saved
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Accepted
    if which == "settings":
        assert dialog.value().signer == text
    else:
        assert len(_periods_named(window, text)) == 1
    assert answers.asked == [f"drop {what}"]  # saving does not ask


@pytest.mark.parametrize("how", ["cancel", "esc", "close"])
@pytest.mark.parametrize("which", ["settings", "period"])
def test_leaving_with_typing_and_agreeing_to_drop_it_closes(qtbot, window, answers, which, how):
    dialog = (_settings_dialog if which == "settings" else _period_dialog)(qtbot, window)
    field = _field(dialog, which)
    text = TYPED_SIGNER if which == "settings" else TYPED_PERIOD
    _type(qtbot, field, text)
    answers.replies.append(True)  # «Bỏ thay đổi»
    _leave(qtbot, dialog, field, how)
    assert len(answers.asked) == 1
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    if which == "settings":
        assert org_settings.load(window.ctx.db).signer != text
    else:
        assert _periods_named(window, text) == []


@pytest.mark.parametrize("how", ["cancel", "esc", "close"])
@pytest.mark.parametrize("which", ["settings", "period"])
def test_leaving_an_untouched_dialog_does_not_ask(qtbot, window, answers, which, how):
    dialog = (_settings_dialog if which == "settings" else _period_dialog)(qtbot, window)
    field = _field(dialog, which)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    _leave(qtbot, dialog, field, how)
    assert answers.asked == []
    assert not dialog.isVisible()


@pytest.mark.parametrize("which", ["settings", "period"])
def test_typing_put_back_as_it_was_does_not_ask(qtbot, window, answers, which):
    dialog = (_settings_dialog if which == "settings" else _period_dialog)(qtbot, window)
    field = _field(dialog, which)
    before = field.text()
    _type(qtbot, field, "Nguyễn")
    field.selectAll()
    field.insert(before)  # (an empty text: the selection deleted)
    qtbot.mouseClick(_cancel(dialog), Qt.MouseButton.LeftButton)
    assert answers.asked == []
    assert not dialog.isVisible()


def test_cai_dat_from_the_menu_keeps_and_saves_what_was_typed_after_hủy(qtbot, window, answers):
    """Through the main window (Tệp → Cài đặt, a modal dialog): Hủy, «Tiếp tục sửa», then Lưu
    writes what was typed to the database."""
    from gbapp.ui.dialogs.settings_dialog import SettingsDialog

    seen: dict = {}

    def drive():
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, SettingsDialog)
            field = dialog.edits["signer"]
            _type(qtbot, field, TYPED_SIGNER)
            answers.replies.append(False)  # «Tiếp tục sửa»
            qtbot.mouseClick(_cancel(dialog), Qt.MouseButton.LeftButton)
            seen["after Hủy"] = (dialog.isVisible(), field.text())
            qtbot.mouseClick(_save(dialog), Qt.MouseButton.LeftButton)
        finally:
            if dialog is not None and dialog.isVisible():  # never leave the test hanging
                QDialog.done(dialog, 0)

    QTimer.singleShot(0, drive)
    window.edit_settings()
    assert seen["after Hủy"] == (True, TYPED_SIGNER)
    assert answers.asked == ["drop cài đặt"]
    assert org_settings.load(window.ctx.db).signer == TYPED_SIGNER


def _answer_box(qtbot, key, seen: list) -> None:
    """Answer the next message box with *key*, recording its text and buttons."""

    def answer():
        boxes = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.isVisible()]
        if not boxes:
            QTimer.singleShot(10, answer)
            return
        box = boxes[0]
        seen.append((box.text(), sorted(b.text() for b in box.buttons())))
        qtbot.keyClick(box, key)

    QTimer.singleShot(0, answer)


def test_the_real_question_keeps_on_esc_and_drops_on_enter(qtbot, window, monkeypatch):
    from gbapp.ui.dialogs import messages

    monkeypatch.setattr(messages, "ask_drop", REAL_ASK_DROP)
    dialog = _period_dialog(qtbot, window)
    _type(qtbot, dialog.name, TYPED_PERIOD)
    seen: list = []
    _answer_box(qtbot, Qt.Key.Key_Escape, seen)  # Esc in the question: keep
    qtbot.mouseClick(_cancel(dialog), Qt.MouseButton.LeftButton)
    assert seen == [("Bỏ những gì vừa sửa ở kỳ báo cáo mới (chưa lưu)?",
                     ["Bỏ thay đổi", "Tiếp tục sửa"])]
    assert dialog.isVisible() and dialog.name.text() == TYPED_PERIOD
    _answer_box(qtbot, Qt.Key.Key_Return, seen)  # Enter: the default, drop
    dialog.close()
    assert len(seen) == 2
    assert not dialog.isVisible()
    assert _periods_named(window, TYPED_PERIOD) == []


# The export dialog: its number, date and signer fields are for this export only (never saved);
# what the user typed in them must survive what the dialog itself does meanwhile.

def _export_dialog(qtbot, window):
    from gbapp.ui.export_dialog import ExportDialog

    dialog = ExportDialog(window.ctx, window)
    dialog.settings_requested.connect(window.edit_settings)  # as MainWindow.export does
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _docx_text(path) -> str:
    document = docx.Document(str(path))
    cells = [p.text for t in document.tables for r in t.rows for c in r.cells
             for p in c.paragraphs]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_export_fields_typed_survive_a_look_at_the_plan_kind(qtbot, window):
    dialog = _export_dialog(qtbot, window)
    assert dialog.kind() == "report"
    dialog.number_edit.insert("45")
    dialog.date_edit.setText("20/06/2025")
    _type(qtbot, dialog.signer_edit, "Lê Thị Hồng")
    title = dialog.title_edit.text()  # not typed
    dialog.set_kind("plan")  # the plan's own number, date and signer shown
    assert dialog.signer_edit.text() != "Lê Thị Hồng"
    dialog.set_kind("report")
    assert (dialog.number_edit.text(), dialog.date_edit.text(), dialog.signer_edit.text(),
            dialog.title_edit.text()) == ("45", "20/06/2025", "Lê Thị Hồng", title)
    dialog.set_kind("xlsx")  # a workbook has no number: the field stays as it was
    dialog.set_kind("plan")
    dialog.set_kind("reminder")
    assert dialog.options().signer == "Lê Thị Hồng"
    dialog.close()


def test_export_signer_typed_survives_opening_cai_dat_from_the_export(qtbot, window, answers,
                                                                      monkeypatch, tmp_path):
    """A refusal that names a missing setting offers Cài đặt; after it is saved, the signer
    fields the user had not typed follow the new settings, the one typed keeps its text, and
    the document exported says so."""
    from gbapp.services.documents import DocumentDataError
    from gbapp.ui.dialogs.settings_dialog import SettingsDialog

    def fill(settings_dialog):
        settings_dialog.edits["signer"].setText("Phạm Văn Dũng")
        settings_dialog.edits["signer_title"].setText("PHÓ GIÁM ĐỐC PHỤ TRÁCH")
        return 1

    monkeypatch.setattr(SettingsDialog, "exec", fill)
    dialog = _export_dialog(qtbot, window)
    _type(qtbot, dialog.signer_edit, "Lê Thị Hồng")
    answers.replies.append(True)  # «Mở Cài đặt ngay bây giờ?»
    with qtbot.waitSignal(dialog.settings_requested, timeout=5_000):
        dialog._on_failed(DocumentDataError(
            "Cài đặt chưa có địa danh: vào Tệp → Cài đặt để nhập, rồi xuất lại. (no place)"))
    assert org_settings.load(window.ctx.db).signer == "Phạm Văn Dũng"  # Cài đặt was saved
    assert dialog.signer_edit.text() == "Lê Thị Hồng"  # typed here: kept
    assert dialog.title_edit.text() == "PHÓ GIÁM ĐỐC PHỤ TRÁCH"  # not typed: follows

    out = tmp_path / "bao-cao.docx"
    dialog.out_edit.setText(str(out))
    with qtbot.waitSignal(dialog.export_finished, timeout=60_000) as blocker:
        dialog.export_button.click()
    text = _docx_text(blocker.args[0][0])
    assert "Lê Thị Hồng" in text and "Phạm Văn Dũng" not in text
    assert "PHÓ GIÁM ĐỐC PHỤ TRÁCH" in text
    dialog.close()
