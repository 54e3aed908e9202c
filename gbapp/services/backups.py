"""Backup policy: where backups go, how many are kept, when they are made."""

from __future__ import annotations

import datetime as dt
import logging
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
    """Where the automatic backups of the file at *db_path* go: a folder per path, marked with
    the identity the database carries, so that the backups of a file that moved (a USB stick
    under another drive letter) are still its own (see store.backup)."""
    return _folder(db_path, store_backup.database_id(Path(db_path)))


def _folder(db_path: Path, db_id: str | None) -> Path:
    return store_backup.folder_for(backups_dir(), Path(db_path), db_id)


def _claim_family(db_path: Path, db_id: str | None, own: Path) -> list[Path]:
    """Mark *own* and the folders an older gbapp made for this path as the backups of database
    *db_id*; return its other folders (made at other paths, or by its copies), rotated with
    *own*."""
    if db_id is None:
        return []
    folders = store_backup.folders_of(backups_dir(), Path(db_path), db_id)
    for folder in folders:
        if folder.database_id is None:
            store_backup.claim(folder.path, Path(db_path), db_id)
    store_backup.claim(own, Path(db_path), db_id)
    return [f.path for f in folders if f.database_id in (None, db_id) and f.path != own
            and not _another_live_copy(f.source, db_path)]


def _another_live_copy(source: str, db_path: Path) -> bool:
    """Whether backups made from *source* belong to another copy of the database that is still
    there (Tệp → Lưu bản sao, a copy in Explorer): its backups are listed, labelled, but never
    rotated out by this file's, nor offered to replace this file; a file that moved (a USB
    stick under another letter, not plugged in) has left its old path."""
    return not store_backup.same_path(source, db_path) and Path(source).is_file()


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
    db_id = store_backup.database_id(source)
    folder = _folder(db_path, db_id)
    family = _claim_family(db_path, db_id, folder)
    return store_backup.make_backup(source, db_path, folder, reason=reason,
                                    keep=keep_count(db_path), now=now,
                                    unless_unchanged=reason == "open", family=family)


def newest_good(db_path: Path) -> BackupInfo | None:
    """The newest automatic or manual backup that is intact (never a safety copy, which holds
    the state a restore replaced, possibly the damaged file itself), made from this file
    wherever it was, not from another copy of it still in use (its data went its own way)."""
    for info in list_for(db_path):
        if info.reason == "safety" or (info.source and _another_live_copy(info.source, db_path)):
            continue
        try:
            store_backup.check_backup(info.path)
        except (store_backup.BackupError, OSError):
            continue
        return info
    return None


def list_for(db_path: Path) -> list[BackupInfo]:
    """The backups of the database at *db_path*, newest first: those made wherever the file was
    (another drive letter, another folder) and from its copies, each with the path it was made
    from (BackupInfo.source)."""
    db_id = store_backup.database_id(Path(db_path))
    folders = store_backup.folders_of(backups_dir(), Path(db_path), db_id)
    return store_backup.list_folders(folders, db_id)


def restore(backup_path: Path, db_path: Path, *, now: dt.datetime | None = None) -> Path | None:
    """Restore *backup_path* over *db_path* (closed) after a safety copy; returns the copy.

    The restored file is the database the backup was made of: it carries that identity (a
    backup made by an older gbapp carries none, and gets the current file's). The safety copy
    goes with the current file's backups. Then the newest SAFETY_KEEP safety copies are kept,
    never the one just made nor the backup restored from (the user may be going back to an old
    safety copy)."""
    current = store_backup.database_id(Path(db_path))
    restored = store_backup.lineage_of(Path(backup_path)) or current
    owner = current or restored
    folder = _folder(db_path, owner)
    family = _claim_family(db_path, owner, folder)
    safety = store_backup.restore(backup_path, db_path, folder, now=now, database_id=restored)
    try:
        store_backup.prune_safety(folder, Path(db_path).stem, SAFETY_KEEP,
                                  spare=(safety, Path(backup_path)), family=family)
    except OSError:  # the restore is done; an old copy still open elsewhere goes next time
        log.warning("Could not prune old safety copies in %s", folder, exc_info=True)
    return safety
