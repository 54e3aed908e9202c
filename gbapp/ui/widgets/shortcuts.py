"""Keyboard shortcuts shared by the forms."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QWidget


def save_shortcut(area: QWidget, slot: Callable[[], object],
                  button: QAbstractButton | None = None) -> QShortcut:
    """Ctrl+S runs *slot* while the focus is inside *area* (a form), as it saves the item and
    progress forms; *button*'s tooltip says so."""
    shortcut = QShortcut(QKeySequence.StandardKey.Save, area)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(slot)
    if button is not None:
        button.setToolTip(f"{button.text()} (Ctrl+S)")
    return shortcut


def revert_shortcut(area: QWidget, is_dirty: Callable[[], bool], revert: Callable[[], object],
                    button: QAbstractButton | None = None, *, what: str) -> QShortcut:
    """Esc inside *area* drops what was typed since the form was loaded (*revert*) when there is
    something to drop and the user confirms (Enter; a second Esc keeps it), as in the progress
    form. A field's own use of Esc comes first: a list it popped up, a cell being edited."""
    from ..dialogs import messages

    shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), area)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(
        lambda: is_dirty() and messages.ask_drop(area, what) and revert())
    if button is not None:
        button.setToolTip(f"{button.toolTip() or button.text()} (Esc)")
    return shortcut
