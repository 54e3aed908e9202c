"""A one-line text field that cleans what is pasted into it, as TextEdit does for several lines."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QContextMenuEvent, QDropEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit

from ...domain.text import clean_line


def _cleaned(text: str) -> str:
    """*text* on one line without Word's control characters (\\x0b line breaks, \\x07 cell
    marks, \\x01 field marks, soft hyphens), its line breaks and tabs made single spaces; a
    plain space it starts or ends with stays, to paste a word after or before another."""
    line = clean_line(text)
    if line:
        line = (" " if text[:1] == " " else "") + line + (" " if text[-1:] == " " else "")
    return line


class LineEdit(QLineEdit):
    """Text pasted from Word (Ctrl+V, Shift+Insert, the context menu, a drop) comes in as one
    clean line: QLineEdit kept the control characters, shown as boxes, and the line breaks and
    tabs of a cell, stored as they were."""

    def paste_cleaned(self) -> None:
        if self.isReadOnly():
            return
        text = _cleaned(QApplication.clipboard().text())
        if text or self.hasSelectedText():
            self.insert(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_cleaned()
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt's name)
        menu = self.createStandardContextMenu()
        for action in menu.actions():
            if action.objectName() == "edit-paste":  # Qt's own paste keeps the control characters
                action.triggered.disconnect()
                action.triggered.connect(self.paste_cleaned)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        source = event.mimeData()
        if not source.hasText() or _cleaned(source.text()) == source.text():
            super().dropEvent(event)
            return
        mime = QMimeData()
        mime.setText(_cleaned(source.text()))
        cleaned = QDropEvent(event.position(), event.possibleActions(), mime, event.buttons(),
                             event.modifiers())
        super().dropEvent(cleaned)
        event.setDropAction(cleaned.dropAction())
        event.setAccepted(cleaned.isAccepted())
