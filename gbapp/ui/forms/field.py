"""A form row: the field with its error message in red beneath it.

Fields that share a row (dates "Từ … đến …", amount and source) are too narrow for a message:
their boxes share one ErrorLine under the whole row.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class ErrorLine(QLabel):
    """The red message line under a row of several fields: their messages, one per line."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setStyleSheet("color: #b00020;")
        self.setWordWrap(True)
        self.hide()
        self._messages: dict[int, str] = {}  # id(FieldBox) -> message, in the row's order

    def set_message(self, box: QWidget, text: str | None) -> None:
        self._messages[id(box)] = text or ""
        shown = [m for m in self._messages.values() if m]
        self.setText("\n".join(shown))
        self.setVisible(bool(shown))


class FieldBox(QWidget):
    """Wraps a field; `set_error(text)` shows or hides the red line under it (or in the row's
    shared *line*)."""

    def __init__(self, field: QWidget, parent: QWidget | None = None, *,
                 line: ErrorLine | None = None):
        super().__init__(parent)
        self.field = field
        self.setFocusProxy(field)  # a label's mnemonic (&Nội dung) lands in the field
        self._line = line
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        if line is not None:
            self.error = line
            line.set_message(self, None)  # keeps the row's order of messages
        else:
            self.error = ErrorLine(self)
            layout.addWidget(self.error)

    def set_error(self, text: str | None) -> None:
        self.error.set_message(self, text)
        self.field.setProperty("invalid", bool(text))
        self.field.setStyleSheet("border: 1px solid #b00020;" if text else "")


def show_errors(boxes: dict[str, FieldBox], errors: dict[str, str]) -> None:
    """Show each message under its field, clear the others, and focus the first field in error."""
    first = None
    for name, box in boxes.items():
        box.set_error(errors.get(name))
        if name in errors and first is None:
            first = box
    if first is not None:
        first.field.setFocus()
