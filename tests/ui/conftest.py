"""GUI test set-up: QSettings written under the per-test data folder, message boxes answered."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _qsettings_in_tmp(_isolated_data_dir, qapp):
    from gbapp.ui.app import configure_settings

    configure_settings()  # GBAPP_DATA_DIR is already the test's own folder
    yield


@pytest.fixture(autouse=True)
def _unsaved_question_answered(monkeypatch):
    """A window closed at a test's end with edits left in a form must not wait on a modal
    "save?" box: unless a test answers it (the answers fixture), the edits are dropped."""
    from gbapp.ui.dialogs import messages

    monkeypatch.setattr(messages, "ask_save", lambda *_a, **_k: "discard")
    monkeypatch.setattr(messages, "ask_drop", lambda *_a, **_k: True)  # Esc, then Enter


@pytest.fixture
def ctx(demo_db, tmp_path):
    from gbapp.ui.context import AppContext

    context = AppContext(demo_db, tmp_path / "demo.db")
    yield context


@pytest.fixture
def answers(monkeypatch):
    """Record the questions asked and answer them from a list (default: yes)."""
    from gbapp.ui.dialogs import messages

    asked: list[str] = []
    replies: list[bool] = []
    errors: list[str] = []

    def ask(_parent, _title, text, **_kw):
        asked.append(text)
        return replies.pop(0) if replies else True

    def ask_save(_parent, _title, text):
        """Replies: "save", "discard", "cancel", or True (save) / False (discard)."""
        asked.append(text)
        reply = replies.pop(0) if replies else "save"
        return {True: "save", False: "discard"}.get(reply, reply)

    def ask_drop(_parent, what):
        """Replies: True (drop what was typed) or False (keep it)."""
        asked.append(f"drop {what}")
        return replies.pop(0) if replies else True

    monkeypatch.setattr(messages, "ask", ask)
    monkeypatch.setattr(messages, "ask_save", ask_save)
    monkeypatch.setattr(messages, "ask_drop", ask_drop)
    monkeypatch.setattr(messages, "error", lambda _p, _t, text, details="": errors.append(text))
    monkeypatch.setattr(messages, "info", lambda _p, _t, text: errors.append(text))

    class Answers:
        pass

    a = Answers()
    a.asked, a.replies, a.errors = asked, replies, errors
    return a


@pytest.fixture
def type_text():
    """A function typing Vietnamese text into a widget (see _type_text)."""
    return _type_text


def _type_text(widget, text: str) -> None:
    """Type *text* key by key, Vietnamese letters included.

    QTest.keyClicks only knows ASCII (it asserts on 'ậ'); a key event carrying the character
    is what a Vietnamese keyboard (Unikey, Telex) delivers to the widget in the end.
    """
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        key = ord(ch.upper()) if ch.isascii() and ch.isalnum() else (
            Qt.Key.Key_Space if ch == " " else Qt.Key.Key_unknown)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


@pytest.fixture
def window(qtbot, demo_db_file, tmp_path):
    """The main window on a copy of the demo (tmp_path / "kh.db"), shown and active, as the
    window manager leaves it (so shortcuts work). Modules with a window of their own override it."""
    import shutil

    from gbapp.ui.main_window import MainWindow

    path = tmp_path / "kh.db"
    shutil.copy(demo_db_file, path)
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_database(path)
    win.show()
    qtbot.waitExposed(win)
    win.windowHandle().requestActivate()
    qtbot.waitUntil(win.isActiveWindow, timeout=2000)
    yield win
    win.close()
