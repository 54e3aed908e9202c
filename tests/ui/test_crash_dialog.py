"""Unexpected errors: written to the rotating log, and a dialog that says where the log is."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QMessageBox


def test_unexpected_error_is_logged_and_shown_with_the_log_location(qtbot, monkeypatch):
    from gbapp.logs import log_file
    from gbapp.ui import app

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    path = app.setup_logging()
    app.install_excepthook()
    try:
        raise RuntimeError("lỗi thử nghiệm")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert path == log_file() and path.is_file()
    assert "lỗi thử nghiệm" in path.read_text(encoding="utf-8")
    assert shown and str(path) in shown[0] and "Dữ liệu đã lưu không bị ảnh hưởng" in shown[0]
    for handler in list(logging.getLogger().handlers):  # this test's data folder goes away
        if getattr(handler, "baseFilename", None) == str(path):
            logging.getLogger().removeHandler(handler)
            handler.close()


def test_a_storage_error_is_a_plain_message_not_the_crash_dialog(qtbot, monkeypatch):
    """A full disk, a read-only file or a pulled USB stick is expected: the user gets what to
    do, not "lỗi không mong muốn"."""
    import sqlite3

    from gbapp.store.database import StorageError, storage_error
    from gbapp.ui import app
    from gbapp.ui.dialogs import messages

    crash, plain = [], []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: crash.append(box.text()) or 0)
    monkeypatch.setattr(messages, "error", lambda _p, title, text, details="": plain.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app.install_excepthook()
    moved = sqlite3.OperationalError("attempt to write a readonly database")
    moved.sqlite_errorname = "SQLITE_READONLY_DBMOVED"  # what SQLite says of a pulled USB stick
    error = storage_error(moved, "kh.db")
    assert isinstance(error, StorageError) and "USB bị rút" in str(error)
    try:
        raise error
    except StorageError:
        sys.excepthook(*sys.exc_info())
    assert plain == [str(error)] and crash == []
