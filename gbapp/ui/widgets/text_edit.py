"""A multi-line text field that cleans what is pasted into it, as the store would on saving."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QPlainTextEdit

from ...domain.text import clean_text


class TextEdit(QPlainTextEdit):
    """Text pasted from Word keeps its words, not its control characters: a manual line break
    (\\x0b) becomes a new line and cell marks (\\x07) and field codes go, at once, so the field
    never shows the boxes they draw (saving cleans the same way)."""

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt's name)
        if source.hasText():
            self.insertPlainText(clean_text(source.text()))
        else:
            super().insertFromMimeData(source)
