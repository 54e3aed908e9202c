"""A form row: the field with its error message in red beneath it.

Fields that share a row (dates "Từ … đến …", amount and source) are too narrow for a message:
their boxes share one ErrorLine under the whole row.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
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
        # A label's mnemonic (&Nội dung) focuses its buddy, this box, only if the box takes the
        # focus; the proxy hands it on to the field (and from a field made of several widgets,
        # such as the «Phối hợp» list, to the one typed into). Tab skips the box: it has a proxy.
        if field.focusProxy() is None and field.focusPolicy() == Qt.FocusPolicy.NoFocus:
            typed_into = next((w for w in field.findChildren(QWidget)
                               if w.focusPolicy() & Qt.FocusPolicy.TabFocus), None)
            if typed_into is not None:
                field.setFocusProxy(typed_into)
        self.setFocusProxy(field)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
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
    """Show each message under its field, clear the others, and put the cursor in the first
    field in error, where the fix is typed (through the box's focus proxy: the «Phối hợp»
    picker rather than the list around it)."""
    first = None
    for name, box in boxes.items():
        box.set_error(errors.get(name))
        if name in errors and first is None:
            first = box
    if first is not None:
        first.setFocus()
