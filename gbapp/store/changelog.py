"""The change log, and the one way a user action is written: in one transaction with its log entry."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .connection import Database


@contextmanager
def action(db: Database, name: str, entity: str = "", entity_id: int | None = None,
           summary: str = "") -> Iterator[Database]:
    """Run one user action atomically; the change log entry commits with it or not at all.

    A write the environment refuses (disk full, read-only file…) rolls back and is raised as a
    StorageError with a message for the user.
    """
    from .database import storage_error

    try:
        with db.atomic():
            yield db
            db.execute(
                "INSERT INTO change_log (action, entity, entity_id, summary) VALUES (?, ?, ?, ?)",
                [name, entity, entity_id, summary],
            )
    except sqlite3.OperationalError as exc:
        translated = storage_error(exc, _db_file(db))
        if translated is None:
            raise
        raise translated from exc
    except sqlite3.DatabaseError as exc:
        # the file was damaged while open (a failing USB stick): not a bug of gbapp's, and the
        # data saved before may be affected too, so the user is sent to the backups
        if "malformed" not in str(exc) and "not a database" not in str(exc):
            raise
        from .database import DamagedDatabaseError

        name = Path(_db_file(db) or "").name
        raise DamagedDatabaseError(
            f"Tệp cơ sở dữ liệu «{name}» bị hỏng trong khi đang dùng (USB hoặc ổ mạng trục "
            "trặc?): thay đổi vừa rồi chưa được lưu. Hãy đóng gbapp, kiểm tra ổ đĩa, rồi mở lại "
            "tệp; gbapp sẽ đề nghị khôi phục bản sao lưu tốt gần nhất. (database damaged while "
            f"open: {exc})") from exc


def _db_file(db: Database) -> str | None:
    row = db.execute("PRAGMA database_list").fetchone()
    return row[2] if row and row[2] else None


@dataclass
class LogEntry:
    id: int
    at: str
    action: str
    entity: str
    entity_id: int | None
    summary: str


def recent(db: Database, limit: int = 100) -> list[LogEntry]:
    """The newest change log entries first."""
    rows = db.execute(
        "SELECT id, at, action, entity, entity_id, summary FROM change_log ORDER BY id DESC LIMIT ?",
        [limit],
    ).fetchall()
    return [LogEntry(*row) for row in rows]
