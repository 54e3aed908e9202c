"""Whether an error says the disk is full: one test for every write gbapp makes. No Qt, no SQL.

A full disk reaches gbapp in two shapes: an OSError from a file write (errno ENOSPC; EDQUOT for
an account over its quota on a network share; on Windows ERROR_DISK_FULL or
ERROR_HANDLE_DISK_FULL, which Python maps to ENOSPC, checked as they are in case it does not),
and SQLite's SQLITE_FULL, "database or disk is full", from a write to a database or a backup.
Each place that writes says what was not done in its own words (store.database.storage_error,
store.backup, exporters.safe_write) and takes the decision from here: they used to test three
different ways, and a quota or a Windows code was a full disk in one place and not in another.
"""

from __future__ import annotations

import errno
import sqlite3

# The reason given inside a longer message ("Không tạo được bản sao lưu …: <this>").
FULL_REASON = "ổ đĩa đã đầy, hãy giải phóng dung lượng rồi thử lại."

_ERRNOS = frozenset(code for code in (errno.ENOSPC, getattr(errno, "EDQUOT", None)) if code)
_WINERRORS = (39, 112)  # ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
SQLITE_FULL = 13
# SQLite's text for SQLITE_FULL: an error raised without its code (a wrapper, a test) has only it
_SQLITE_TEXT = "disk is full"


def is_disk_full(exc: BaseException | None) -> bool:
    """Whether *exc*, or an error it was raised from, says the disk is full."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and (
                exc.errno in _ERRNOS or getattr(exc, "winerror", None) in _WINERRORS):
            return True
        if isinstance(exc, sqlite3.Error) and (
                (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF == SQLITE_FULL
                or _SQLITE_TEXT in str(exc).lower()):
            return True
        exc = exc.__cause__
    return False
