"""A button with a menu of checkboxes (several statuses at once), its text saying what is on."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QPushButton, QWidget


class CheckMenuButton(QPushButton):
    """(A push button: its menu arrow has room of its own; a tool button's drew over the text.)"""

    changed = Signal()

    def __init__(self, label: str, none_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._label, self._none = label, none_text
        self.menu_ = QMenu(self)
        self.setMenu(self.menu_)
        self.actions_: list[QAction] = []
        self._values: list[object] = []
        self._update_text()

    def add_option(self, text: str, data: object) -> QAction:
        action = self.menu_.addAction(text)
        action.setCheckable(True)
        action.toggled.connect(self._toggled)
        self.actions_.append(action)
        self._values.append(data)  # kept in Python: a QVariant would turn an enum into str
        return action

    def _toggled(self, _checked: bool) -> None:
        self._update_text()
        self.changed.emit()

    def checked(self) -> list[object]:
        return [v for a, v in zip(self.actions_, self._values, strict=True) if a.isChecked()]

    def value_of(self, action: QAction) -> object:
        return self._values[self.actions_.index(action)]

    def set_checked(self, values: set) -> None:
        for action, value in zip(self.actions_, self._values, strict=True):
            action.blockSignals(True)
            action.setChecked(value in values)
            action.blockSignals(False)
        self._update_text()

    def _update_text(self) -> None:
        on = [a.text() for a in self.actions_ if a.isChecked()]
        shown = self._none if not on else on[0] if len(on) == 1 else f"{len(on)} trạng thái"
        self.setText(f"{self._label}: {shown}")
