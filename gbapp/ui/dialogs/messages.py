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


def ask_save(parent: QWidget | None, title: str, text: str) -> str:
    """Unsaved edits: "save", "discard" or "cancel" (Esc, or the window closed)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    save = box.addButton(_tr("Lưu"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(_tr("Không lưu"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(_tr("Hủy"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return "save" if clicked is save else "discard" if clicked is discard else "cancel"


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
