"""Message boxes in one place, so that pages stay readable and tests can answer them.

Pages call these through the module (``messages.ask(...)``); a test replaces them with
``monkeypatch.setattr(messages, "ask", lambda *a, **k: True)``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ...domain.text import without_gist


def _tr(text: str) -> str:
    return QCoreApplication.translate("messages", text)


def ask(parent: QWidget | None, title: str, text: str, *, default_yes: bool = False) -> bool:
    """A yes/no question; True for yes."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes = box.addButton(_tr("Đồng ý"), QMessageBox.ButtonRole.YesRole)
    no = box.addButton(_tr("Không"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(yes if default_yes else no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


def choose(parent: QWidget | None, icon, title: str, text: str,
           buttons: list[tuple[str, str, QMessageBox.ButtonRole]], *, default: str,
           escape: str, informative: str = "") -> str:
    """A question with named answers: *buttons* are (answer, label, role); returns the answer
    clicked, *escape*'s when the box is closed."""
    box = QMessageBox(icon, title, text, parent=parent)
    if informative:
        box.setInformativeText(informative)
    added = {answer: box.addButton(label, role) for answer, label, role in buttons}
    box.setDefaultButton(added[default])
    box.setEscapeButton(added[escape])
    box.exec()
    return next((answer for answer, button in added.items() if box.clickedButton() is button),
                escape)


def ask_save(parent: QWidget | None, title: str, text: str) -> str:
    """Unsaved edits: "save", "discard" or "cancel" (Esc, or the window closed)."""
    return choose(parent, QMessageBox.Icon.Question, title, text, [
        ("save", _tr("Lưu"), QMessageBox.ButtonRole.AcceptRole),
        ("discard", _tr("Không lưu"), QMessageBox.ButtonRole.DestructiveRole),
        ("cancel", _tr("Hủy"), QMessageBox.ButtonRole.RejectRole)], default="save", escape="cancel")


def ask_drop(parent: QWidget | None, what: str) -> bool:
    """Esc in a form, or Hủy, Esc or the close button of a dialog (Cài đặt, a new period),
    with unsaved typing: drop it? Enter drops it (the purpose of the key or button), a second
    Esc keeps it: a stray key press or click never loses what was typed."""
    return choose(parent, QMessageBox.Icon.Question, _tr("Bỏ thay đổi"),
                  _tr("Bỏ những gì vừa sửa ở %1 (chưa lưu)?").replace("%1", what), [
                      ("drop", _tr("Bỏ thay đổi"), QMessageBox.ButtonRole.DestructiveRole),
                      ("keep", _tr("Tiếp tục sửa"), QMessageBox.ButtonRole.RejectRole)],
                  default="drop", escape="keep") == "drop"


def ask_overwrite(parent: QWidget | None, name: str, other: str) -> str:
    """The file *name* is there already: "overwrite", "rename" (save as *other*) or "cancel".
    The default keeps the old file, which the user may have edited in Word."""
    return choose(
        parent, QMessageBox.Icon.Warning, _tr("Tệp đã có"),
        _tr("Tệp «%1» đã có. Ghi đè?").replace("%1", name), [
            ("overwrite", _tr("Ghi đè"), QMessageBox.ButtonRole.DestructiveRole),
            ("rename", _tr("Lưu tên khác"), QMessageBox.ButtonRole.AcceptRole),
            ("cancel", _tr("Hủy"), QMessageBox.ButtonRole.RejectRole)],
        default="rename", escape="cancel", informative=_tr(
            "Ghi đè: tệp cũ (kể cả những gì đã sửa trong Word) được thay bằng văn bản mới.\n"
            "Lưu tên khác: giữ tệp cũ, lưu văn bản mới thành «%1».").replace("%1", other))


def error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    """An error the user can act on (file locked, damaged database, unreadable plan…)."""
    _show(QMessageBox.Icon.Warning, parent, title, text, details)


def info(parent: QWidget | None, title: str, text: str) -> None:
    _show(QMessageBox.Icon.Information, parent, title, text)


def _show(icon, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    # Messages from the store and the importers end with an English gist for the command line
    # and the log; the window shows the Vietnamese alone.
    text = without_gist(text)
    # Qt ships no Vietnamese translation of its own buttons: the "OK" is ours.
    box = QMessageBox(icon, title, text, parent=parent)
    close = box.addButton(_tr("Đóng"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(close)
    box.setEscapeButton(close)
    if details:
        box.setDetailedText(details)
    box.exec()
