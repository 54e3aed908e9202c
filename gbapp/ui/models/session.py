"""Which databases the user works with: the recent list (QSettings) and copies of the open one."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer

log = logging.getLogger(__name__)

MAX_RECENT = 8
BACKUP_DELAY_MS = 1000  # after opening: the first window is painted by then


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
    """Copy the open database to *target* with SQLite's backup API (consistent while open).

    A target another gbapp window has open is refused (its lock); a database the copy
    replaces is backed up first (its own backups, "Trước khi thay")."""
    import sqlite3

    from ...services.backups import backup_now
    from ...store.backup import BackupError, copy_database, io_reason
    from ...store.database import SQLITE_MAGIC
    from ...store.lock import DatabaseLock

    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with DatabaseLock(target):
            if target.is_file() and target.stat().st_size:
                with target.open("rb") as fh:
                    is_database = fh.read(16) == SQLITE_MAGIC
                if is_database:
                    backup_now(target, target, reason="replace")
            return copy_database(conn, target)
    except (sqlite3.Error, OSError) as exc:  # a full disk, a folder without write access
        raise BackupError(f"Không lưu được bản sao «{target.name}»: {io_reason(exc)} Tệp đang "
                          f"mở vẫn nguyên vẹn. (copy failed: {exc})") from exc


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
            self._lock.release()
            raise
        self.ctx = AppContext(db, self.path)
        self._backup_started = False
        self._closed = False
        # The backup of the file as opened waits until the window is up (it competes with the
        # first paint for the CPU), but never past the first change: that one makes it first.
        self.ctx.before_first_change = lambda: self._backup_on_open(wait=True)
        QTimer.singleShot(BACKUP_DELAY_MS, self._backup_on_open)

    def _backup_on_open(self, wait: bool = False) -> None:
        """A backup of the file as it was opened: in the background (own connection), or at
        once when a change is about to be made."""
        if self._backup_started or self._closed:
            return
        self._backup_started = True
        self.ctx.before_first_change = None
        from ...services.backups import backup_now

        path = self.path
        if wait:
            try:
                backup_now(path, path, reason="open")
            except Exception as exc:  # noqa: BLE001 - a failed backup must not block the edit
                self._backup_failed(exc)
            return
        from ..workers import Task

        task = Task(backup_now, path, path, reason="open")
        task.signals.failed.connect(self._backup_failed)
        task.start()

    def _backup_failed(self, exc: BaseException) -> None:
        """Work goes on (the database itself is fine), but the user must know that the safety
        net is missing, not find out on the day a backup is needed."""
        log.warning("backup on open failed: %s", exc)
        if not self._closed:
            self.ctx.problem.emit(
                "Chưa sao lưu được",
                f"Không tạo được bản sao lưu tự động của «{self.path.name}»: {exc}\n\n"
                "Dữ liệu vẫn được lưu bình thường, nhưng chưa có bản sao lưu mới. Hãy kiểm tra "
                "dung lượng ổ đĩa và quyền ghi vào thư mục dữ liệu (Trợ giúp → Thư mục dữ liệu "
                "và nhật ký), hoặc dùng Tệp → Sao lưu ra… để sao lưu vào chỗ khác.")

    def close(self, *, backup: bool = True) -> str | None:
        """Back up if anything changed (unless told not to: a restore keeps its own safety
        copy, and this backup's pruning could delete the very backup being restored), close
        the database and release the lock. Returns what to tell the user if the backup
        failed (the file is closed all the same: every change is already saved in it)."""
        self._closed = True
        ctx = self.ctx
        failed = None
        if ctx.dirty and backup:
            try:
                from ...services.backups import backup_now

                backup_now(ctx.db.conn, ctx.path, reason="close")
            except Exception as exc:  # noqa: BLE001 - a failed backup must not block closing
                log.exception("backup on close failed")
                failed = (f"Không tạo được bản sao lưu khi đóng «{ctx.path.name}»: {exc}\n\n"
                          "Mọi thay đổi đã được lưu trong tệp; chỉ thiếu bản sao lưu của lần "
                          "làm việc này. Hãy kiểm tra dung lượng ổ đĩa và quyền ghi vào thư mục "
                          "dữ liệu, hoặc mở lại tệp và dùng Tệp → Sao lưu ra… để sao lưu vào "
                          "chỗ khác.")
        ctx.db.close()
        ctx.deleteLater()
        self._lock.release()
        return failed


def _lock(path: Path):
    from ...store.lock import DatabaseLock

    return DatabaseLock(path).acquire()
