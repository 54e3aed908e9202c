"""Message boxes in one place, so that pages stay readable and tests can answer them.

Pages call these through the module (``messages.ask(...)``); a test replaces them with
``monkeypatch.setattr(messages, "ask", lambda *a, **k: True)``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


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


def error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    """An error the user can act on (file locked, damaged database, unreadable plan…)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)
