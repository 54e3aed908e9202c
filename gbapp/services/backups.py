"""Backup policy: where backups go, how many are kept, when they are made."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import sqlite3
from pathlib import Path

from ..paths import data_dir
from ..store import backup as store_backup
from ..store import settings
from ..store.backup import BackupInfo

log = logging.getLogger(__name__)

DEFAULT_KEEP = 20
# Safety copies (the file as it was before each restore) are rotated apart from the automatic
# backups, so that opening and closing the file never pushes them out, and more generously than
# the one restore that is usually undone: a user who restored the wrong backup, even a few times
# over, can still go back.
SAFETY_KEEP = 10


def backups_dir() -> Path:
    """All automatic backups and safety copies live below here, off the (possibly removable)
    database."""
    return data_dir() / "backups"


def folder_for(db_path: Path) -> Path:
    """The backups of one database file. Keyed by its full path, not its name: two files called
    kehoach.db (the office copy and a USB copy) must never prune or restore each other's backups."""
    resolved = str(Path(db_path).resolve())
    digest = hashlib.sha1(os.path.normcase(resolved).encode("utf-8")).hexdigest()[:10]
    stem = Path(db_path).stem
    # The name is cut (Windows' path limit); a folder made before under the full name is kept.
    full = backups_dir() / f"{stem}-{digest}"
    if len(stem) > store_backup.STEM_MAX and full.is_dir():
        return full
    return backups_dir() / f"{store_backup.short_stem(stem)}-{digest}"


def keep_count(db_path: Path) -> int:
    """How many automatic backups to keep (setting 'org.backup_keep' in the database)."""
    value = settings.read_from_file(db_path, "org.backup_keep")
    try:
        return max(1, int(value)) if value else DEFAULT_KEEP
    except ValueError:
        return DEFAULT_KEEP


def backup_now(source: sqlite3.Connection | Path, db_path: Path, *, reason: str = "",
               folder: Path | None = None, now: dt.datetime | None = None) -> Path:
    """A timestamped backup; automatic ones (no *folder*) are pruned to the configured count.
    The automatic backup on opening is skipped when nothing changed since the newest one; it
    also tidies what an interrupted restore left beside the file."""
    if folder is not None:
        return store_backup.make_backup(source, db_path, folder, reason=reason, now=now)
    if reason == "open" and store_backup.remove_stale_part(Path(db_path)):
        # the file is locked by this session now: a "….db.part" beside it is what a restore
        # killed halfway left, never a copy still being written
        log.info("Removed a restore's leftover beside %s", db_path)
    return store_backup.make_backup(source, db_path, folder_for(db_path), reason=reason,
                                    keep=keep_count(db_path), now=now,
                                    unless_unchanged=reason == "open")


def newest_good(db_path: Path) -> BackupInfo | None:
    """The newest automatic or manual backup that is intact (never a safety copy, which holds
    the state a restore replaced, possibly the damaged file itself)."""
    for info in list_for(db_path):
        if info.reason == "safety":
            continue
        try:
            store_backup.check_backup(info.path)
        except (store_backup.BackupError, OSError):
            continue
        return info
    return None


def list_for(db_path: Path) -> list[BackupInfo]:
    return store_backup.list_backups(folder_for(db_path), Path(db_path).stem)


def restore(backup_path: Path, db_path: Path, *, now: dt.datetime | None = None) -> Path | None:
    """Restore *backup_path* over *db_path* (closed) after a safety copy; returns the copy.

    Then the newest SAFETY_KEEP safety copies are kept, never the one just made nor the backup
    restored from (the user may be going back to an old safety copy)."""
    folder = folder_for(db_path)
    safety = store_backup.restore(backup_path, db_path, folder, now=now)
    try:
        store_backup.prune_safety(folder, Path(db_path).stem, SAFETY_KEEP,
                                  spare=(safety, Path(backup_path)))
    except OSError:  # the restore is done; an old copy still open elsewhere goes next time
        log.warning("Could not prune old safety copies in %s", folder, exc_info=True)
    return safety
