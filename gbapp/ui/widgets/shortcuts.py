"""Keyboard shortcuts shared by the forms."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


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


_REDO_KEYS = (QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z"))  # the window's Redo keys


def _own_history(field: QWidget, event: QKeyEvent) -> bool | None:
    """For Ctrl+Z (Ctrl+Y) in *field*: whether it has typing of its own to undo (redo); None
    for another key or another kind of widget."""
    if event.matches(QKeySequence.StandardKey.Undo):
        redo = False
    elif event.matches(QKeySequence.StandardKey.Redo) or any(
            QKeySequence(event.keyCombination()) == keys for keys in _REDO_KEYS):
        redo = True
    else:
        return None
    if isinstance(field, QComboBox):
        field = field.lineEdit()
    if isinstance(field, QLineEdit):
        return field.isRedoAvailable() if redo else field.isUndoAvailable()
    if isinstance(field, (QPlainTextEdit, QTextEdit)):
        document = field.document()
        return document.isRedoAvailable() if redo else document.isUndoAvailable()
    return None


class _HistoryKeys(QObject):
    """Watches the text fields of one window as they get the focus."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox)) and \
                new.window() is self.parent():
            new.installEventFilter(self)  # once: installing again moves it to the front

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and \
                _own_history(watched, event) is False:
            return True  # not taken by the field: the window's shortcut gets the key
        return False


def history_keys_to_window(window: QWidget) -> QObject:
    """Ctrl+Z and Ctrl+Y (Ctrl+Shift+Z) in a text field of *window* undo (redo) the field's own
    typing while it has some, as usual; with none (after a save, whose reload empties the
    field's history) they reach the window's Undo and Redo: Ctrl+S then Ctrl+Z undoes the save
    instead of doing nothing."""
    return _HistoryKeys(window)
