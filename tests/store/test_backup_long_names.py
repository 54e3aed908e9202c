"""A database with a long name: its backups' paths stay short enough for Windows (260 characters).

The name was in the backup folder and again in each backup's file name: with a 150-character
name a backup's path passed the limit on Windows, and the backup failed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil

from gbapp.domain.entities import Agency
from gbapp.services import backups
from gbapp.store import agencies, open_database
from gbapp.store.backup import STEM_MAX

# C:\Users\<a long user name>\AppData\Local\gbapp\gbapp\backups\ : where Windows puts them
WINDOWS_BACKUPS_DIR = len(r"C:\Users\nguyen.thi.thu.huong\AppData\Local\gbapp\gbapp\backups") + 1
LONGEST_SUFFIX = len("-20251201-083000-12-safety.db")


def _long_db(tmp_path):
    stem = ("Ke hoach thuc hien cong tac binh dang gioi va vi su tien bo cua phu nu tinh Quang "
            "Ngai giai doan 2021-2030 ban sua doi bo sung lan thu ba nam 2025 (du thao)")[:150]
    assert len(stem) == 150
    path = tmp_path / f"{stem}.db"
    db = open_database(path)
    agencies.save(db, Agency(name="Sở Nội vụ"))
    db.close()
    return path, stem


def _names(path):
    db = open_database(path)
    try:
        return sorted(a.name for a in agencies.list_agencies(db))
    finally:
        db.close()


def test_backup_paths_of_a_long_name_fit_windows_limit(tmp_path):
    path, stem = _long_db(tmp_path)
    made = backups.backup_now(path, path, reason="manual")
    folder = backups.folder_for(path)
    assert folder.name.startswith(stem[:STEM_MAX] + "-") and len(folder.name) == STEM_MAX + 11
    assert made.name.startswith(stem[:STEM_MAX] + "-") and stem not in made.name
    assert WINDOWS_BACKUPS_DIR + len(folder.name) + 1 + STEM_MAX + LONGEST_SUFFIX < 260

    [info] = backups.list_for(path)
    assert info.path == made
    db = open_database(path)
    agencies.save(db, Agency(name="Sở Y tế"))
    db.close()
    safety = backups.restore(made, path)
    assert safety.parent == folder and safety.name.startswith(stem[:STEM_MAX] + "-")
    assert len(safety.name) <= STEM_MAX + LONGEST_SUFFIX
    assert _names(path) == ["Sở Nội vụ"]
    assert {b.reason for b in backups.list_for(path)} == {"manual", "safety"}


def test_backups_named_in_full_before_are_still_found(tmp_path):
    """A folder and backups made before names were cut (on a PC with long paths allowed)."""
    path, stem = _long_db(tmp_path)
    digest = hashlib.sha1(os.path.normcase(str(path.resolve())).encode()).hexdigest()[:10]
    old_folder = backups.backups_dir() / f"{stem}-{digest}"
    old_folder.mkdir(parents=True)
    old = [old_folder / f"{stem}-2025010{d}-080000.db" for d in (1, 2, 3)]
    for target in old:
        shutil.copy(path, target)

    assert backups.folder_for(path) == old_folder  # kept, not a second folder
    assert [b.path for b in backups.list_for(path)] == old[::-1]
    assert backups.newest_good(path).path == old[2]
    # a backup made now (short name) is listed with them, newest first; pruning counts both
    made = backups.backup_now(path, path, reason="manual", now=dt.datetime(2025, 2, 1, 8, 0))
    assert made.parent == old_folder and made.name.startswith(stem[:STEM_MAX] + "-2025")
    assert [b.path for b in backups.list_for(path)] == [made, *old[::-1]]
    db = open_database(path)
    agencies.save(db, Agency(name="Sở Y tế"))
    db.close()
    backups.restore(old[0], path)
    assert _names(path) == ["Sở Nội vụ"]


def test_rotation_counts_full_and_short_names_together(tmp_path, monkeypatch):
    path, stem = _long_db(tmp_path)
    folder = backups.folder_for(path)
    folder.mkdir(parents=True)
    for d in (1, 2, 3):  # full-named copies moved into the new folder (a restored data folder)
        shutil.copy(path, folder / f"{stem}-2025010{d}-080000.db")
    monkeypatch.setattr(backups, "keep_count", lambda _p: 2)
    made = backups.backup_now(path, path, reason="open", now=dt.datetime(2025, 2, 1, 8, 0))
    # the database did not change since the newest full-named backup: none made
    assert made == folder / f"{stem}-20250103-080000.db"
    db = open_database(path)
    agencies.save(db, Agency(name="Sở Y tế"))
    db.close()
    made = backups.backup_now(path, path, reason="open", now=dt.datetime(2025, 2, 1, 8, 0))
    assert [b.path for b in backups.list_for(path)] == [
        made, folder / f"{stem}-20250103-080000.db"]


def test_short_names_are_unchanged(tmp_path):
    path = tmp_path / "kehoach.db"
    open_database(path).close()
    made = backups.backup_now(path, path, reason="manual", now=dt.datetime(2025, 1, 1, 8, 0))
    assert made.name == "kehoach-20250101-080000-manual.db"
    assert backups.folder_for(path).name.startswith("kehoach-")
