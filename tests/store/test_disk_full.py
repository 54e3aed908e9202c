"""A full disk is told as such wherever gbapp writes: one test (store.diskfull) for all of them.

The errors are real ones: SQLite's SQLITE_FULL from a database that cannot grow, an OSError
from writing to /dev/full, and, when the tests run as root on Linux, a tiny tmpfs filled up.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from gbapp.domain.entities import Agency
from gbapp.exporters import safe_write
from gbapp.store import StorageError, agencies, open_database
from gbapp.store.backup import BackupError, io_reason, make_backup
from gbapp.store.changelog import action
from gbapp.store.database import storage_error
from gbapp.store.diskfull import FULL_REASON, is_disk_full


def _sqlite_full() -> sqlite3.OperationalError:
    """SQLite's own SQLITE_FULL, with its code: a database that may not grow."""
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE t (x)")
    con.execute("PRAGMA max_page_count = 2")
    try:
        con.execute("INSERT INTO t VALUES (zeroblob(100000))")
    except sqlite3.OperationalError as exc:
        return exc
    finally:
        con.close()
    raise AssertionError("SQLite wrote past max_page_count")


def _dev_full() -> OSError:
    if not Path("/dev/full").exists():
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    fd = os.open("/dev/full", os.O_WRONLY)
    try:
        os.write(fd, b"x")
    except OSError as exc:
        return exc
    finally:
        os.close(fd)
    raise AssertionError("/dev/full took a byte")


def _windows(winerror: int) -> OSError:
    """An OSError as Windows raises it for a full disk, its errno left unmapped."""
    exc = OSError(0, "There is not enough space on the disk")
    exc.winerror = winerror
    return exc


FULL = {
    "sqlite": _sqlite_full,
    "sqlite-text": lambda: sqlite3.OperationalError("database or disk is full"),
    "enospc": _dev_full,
    "edquot": lambda: OSError(errno.EDQUOT, "Disk quota exceeded"),
    "win-112": lambda: _windows(112),
    "win-39": lambda: _windows(39),
}
NOT_FULL = {
    "locked": lambda: sqlite3.OperationalError("database is locked"),
    "full-join": lambda: sqlite3.OperationalError(
        "RIGHT and FULL OUTER JOINs are not currently supported"),
    "readonly": lambda: sqlite3.OperationalError("attempt to write a readonly database"),
    "denied": lambda: PermissionError(errno.EACCES, "Permission denied"),
    "gone": lambda: FileNotFoundError(errno.ENOENT, "No such file or directory"),
}


@pytest.mark.parametrize("kind", FULL)
def test_every_shape_of_a_full_disk_is_one(kind):
    exc = FULL[kind]()
    assert is_disk_full(exc)
    wrapped = BackupError("x")
    wrapped.__cause__ = exc
    assert is_disk_full(wrapped)  # an error raised from one


@pytest.mark.parametrize("kind", NOT_FULL)
def test_other_errors_are_not_a_full_disk(kind):
    exc = NOT_FULL[kind]()
    assert not is_disk_full(exc)
    assert io_reason(exc) != FULL_REASON  # (any SQLite error with "full" in it was, before)
    if isinstance(exc, sqlite3.Error):
        assert "đầy" not in str(storage_error(exc, "kh.db"))


def test_sqlite_s_own_error_carries_its_code():
    exc = _sqlite_full()
    assert exc.sqlite_errorcode == 13 and str(exc) == "database or disk is full"


@pytest.mark.parametrize("kind", FULL)
def test_the_three_places_say_the_same_for_every_shape(tmp_path, kind, monkeypatch):
    """The store's save, a backup and an export each say "đã đầy" for every shape (before, a
    quota or a Windows code was a full disk for the backups only, or for none of them)."""
    from gbapp.store import backup

    exc = FULL[kind]()
    if isinstance(exc, sqlite3.Error):
        translated = storage_error(exc, tmp_path / "kh.db")
        assert isinstance(translated, StorageError) and "Ổ đĩa đã đầy" in str(translated)
    assert io_reason(exc) == FULL_REASON

    path = tmp_path / "kh.db"
    open_database(path).close()

    def fail(*_a, **_k):
        raise exc

    monkeypatch.setattr(backup, "copy_database", fail)
    with pytest.raises(BackupError) as raised:
        make_backup(path, path, tmp_path / "b")
    assert FULL_REASON in str(raised.value)

    if isinstance(exc, OSError):  # (an export writes files, not databases)
        target = tmp_path / "bc.docx"
        with pytest.raises(safe_write.DiskFullError, match="đã đầy"):
            safe_write.atomic_write(target, fail)
        assert not target.exists() and not list(tmp_path.glob(safe_write.TEMP_PREFIX + "*"))


def test_a_save_on_a_database_that_cannot_grow_is_a_full_disk(tmp_path):
    """SQLITE_FULL raised by SQLite itself, through the one way an action is written."""
    db = open_database(tmp_path / "kh.db")
    try:
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StorageError, match="Ổ đĩa đã đầy.*vẫn nguyên vẹn"):
            with action(db, "agency.save"):
                agencies.save(db, Agency(name="Sở Nội vụ", note="x" * 50_000))
        db.execute(f"PRAGMA max_page_count = {pages * 100}")
        assert agencies.list_agencies(db) == []  # rolled back: nothing half-saved
    finally:
        db.close()


# -- a real full disk: a tmpfs of a few hundred KB, filled up (root on Linux only) -----------

@pytest.fixture
def full_disk(tmp_path):
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root on Linux")
    point = tmp_path / "disk"
    point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(point)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {mounted.stderr.decode(errors='replace')}")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


def _fill(folder: Path) -> None:
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"x" * 4096)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)


def test_a_really_full_disk_under_a_database(full_disk):
    db = open_database(full_disk / "kh.db")
    try:
        _fill(full_disk)
        with pytest.raises(StorageError, match="Ổ đĩa đã đầy"):
            for n in range(100):
                with action(db, "agency.save"):
                    agencies.save(db, Agency(name=f"Cơ quan {n}", note="x" * 4000))
    finally:
        db.close()
    db = open_database(full_disk / "kh.db")  # still whole, once there is room again
    db.close()


def test_a_really_full_disk_under_the_backups_and_an_export(tmp_path, full_disk):
    path = tmp_path / "kh.db"
    db = open_database(path)
    agencies.save(db, Agency(name="Sở Nội vụ", note="x" * 20_000))
    db.close()
    _fill(full_disk)
    with pytest.raises(BackupError, match=FULL_REASON):
        make_backup(path, path, full_disk / "backups", now=dt.datetime(2025, 1, 1))
    assert [p.name for p in (full_disk / "backups").iterdir()] == []  # nothing cut short

    (full_disk / "bc.docx").write_bytes(b"")  # (an empty file takes no block)
    with pytest.raises(safe_write.DiskFullError, match="đã đầy"):
        safe_write.atomic_write(full_disk / "bc.docx",
                                lambda tmp: tmp.write_bytes(os.urandom(64_000)))
    assert sorted(p.name for p in full_disk.iterdir()) == ["backups", "bc.docx", "filler"]
