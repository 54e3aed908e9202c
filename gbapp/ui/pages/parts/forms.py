"""Form helpers: an error label shown under its field, field rows, and user-facing messages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...dialogs import messages


class ErrorLabel(QLabel):
    """A red message under a field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet("color: #c62828;")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.hide()

    def show_error(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


def with_error(editor: QWidget) -> tuple[QWidget, ErrorLabel]:
    """*editor* with an ErrorLabel under it, in one widget for a form layout."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(editor)
    label = ErrorLabel(box)
    layout.addWidget(label)
    layout.addStretch(1)  # a fixed-height editor stays next to its label when the row grows
    return box, label


class ErrorDisplay:
    """Shows a dict of field -> message next to the fields of a form."""

    def __init__(self) -> None:
        self.labels: dict[str, ErrorLabel] = {}
        self.editors: dict[str, QWidget] = {}

    def add(self, key: str, editor: QWidget) -> QWidget:
        box, label = with_error(editor)
        self.labels[key] = label
        self.editors[key] = editor
        return box

    def show(self, errors: dict[str, str]) -> None:
        for key, label in self.labels.items():
            label.show_error(errors.get(key))
        first = next((self.editors[k] for k in self.labels if k in errors), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        self.show({})

    def message(self, key: str) -> str:
        label = self.labels[key]
        return label.text() if not label.isHidden() else ""


def show_error(parent: QWidget, title: str, text: str) -> None:
    """An error the user can act on, as a clear dialog (the app's shared message boxes)."""
    messages.error(parent, title, text)


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """A yes/no question, "Không" by default."""
    return messages.ask(parent, title, text)
