"""Which databases the user works with: the recent list (QSettings) and copies of the open one."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings

log = logging.getLogger(__name__)

MAX_RECENT = 8


def recent_databases(settings: QSettings) -> list[Path]:
    """Recently opened databases that still exist, newest first."""
    value = settings.value("recent", []) or []
    if isinstance(value, str):
        value = [value]
    return [Path(p) for p in value if Path(p).exists()]


def remember(settings: QSettings, path: Path) -> None:
    """Put *path* first in the recent list and make it the one opened next time."""
    path = Path(path).resolve()
    paths = [str(path)] + [str(p) for p in recent_databases(settings) if p.resolve() != path]
    settings.setValue("recent", paths[:MAX_RECENT])
    settings.setValue("last_database", str(path))


def last_database(settings: QSettings) -> Path | None:
    value = settings.value("last_database")
    return Path(value) if value and Path(value).exists() else None


def save_copy(conn, target: Path) -> Path:
    """Copy the open database to *target* with SQLite's backup API (consistent while open)."""
    try:
        from ...store.backup import copy_database
    except ImportError:  # older store without the backup module
        import sqlite3

        target_conn = sqlite3.connect(target)
        try:
            conn.backup(target_conn)
        finally:
            target_conn.close()
        return target
    return copy_database(conn, Path(target))


class Session:
    """An open database: its context (undo, signals) and the lock that keeps a second writer out."""

    def __init__(self, path: Path):
        """Open *path* (created if new). Raises DatabaseError (incl. in use) or OSError."""
        from ...store import open_database
        from ..context import AppContext

        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = _lock(self.path)
        try:
            db = open_database(self.path)
        except BaseException:
            if self._lock is not None:
                self._lock.release()
            raise
        self.ctx = AppContext(db, self.path)

    def close(self) -> None:
        """Back up if anything changed, close the database and release the lock."""
        ctx = self.ctx
        if ctx.dirty:
            try:
                from ...services.backups import backup_now

                backup_now(ctx.db.conn, ctx.path, reason="close")
            except Exception:  # noqa: BLE001 - a failed backup must not block closing
                log.exception("backup on close failed")
        ctx.db.close()
        ctx.deleteLater()
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def _lock(path: Path):
    try:
        from ...store.lock import DatabaseLock
    except ImportError:  # a build without database locking
        return None
    return DatabaseLock(path).acquire()
