"""A form row: the field with its error message in red beneath it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class FieldBox(QWidget):
    """Wraps a field; `set_error(text)` shows or hides the red line under it."""

    def __init__(self, field: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.setFocusProxy(field)  # a label's mnemonic (&Nội dung) lands in the field
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        layout.addWidget(self.error)

    def set_error(self, text: str | None) -> None:
        self.error.setText(text or "")
        self.error.setVisible(bool(text))
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
