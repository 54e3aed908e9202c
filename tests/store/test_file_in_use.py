"""A file another program holds open on Windows (antivirus, OneDrive, Word, DB Browser).

Renaming onto it fails with PermissionError [WinError 32] (or 5) until that program lets go,
usually within a second. Emulated here by an os.replace that refuses a chosen target, with the
``winerror`` Windows sets.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from gbapp import fileops
from gbapp.domain.entities import Agency
from gbapp.exporters.safe_write import TEMP_PREFIX, FileLockedError, atomic_write
from gbapp.store import agencies, open_database
from gbapp.store.backup import BackupError, io_reason, make_backup, restore

IN_USE = "đang được chương trình khác sử dụng"


class Held:
    """os.replace refusing *target* the first *times* calls (None: always), as Windows does."""

    def __init__(self, monkeypatch, target: Path, times: int | None, winerror: int | None = 32):
        self.target, self.times, self.winerror = Path(target).resolve(), times, winerror
        self.refused = 0
        self.sleeps: list[float] = []
        self._replace = os.replace
        monkeypatch.setattr(os, "replace", self)
        monkeypatch.setattr(fileops.time, "sleep", self.sleeps.append)

    def __call__(self, src, dst, *args, **kwargs):
        if Path(dst).resolve() == self.target and (self.times is None or self.refused < self.times):
            self.refused += 1
            exc = PermissionError(errno.EACCES, "The process cannot access the file because it "
                                  "is being used by another process", str(src), None, str(dst))
            if self.winerror is not None:
                exc.winerror = self.winerror
            raise exc
        return self._replace(src, dst, *args, **kwargs)


def _two_states(tmp_path):
    """A database with one agency backed up, then a second agency added after the backup."""
    path, folder = tmp_path / "work.db", tmp_path / "backups"
    db = open_database(path)
    agencies.save(db, Agency(name="Sở Nội vụ"))
    backup = make_backup(db.conn, path, folder)
    agencies.save(db, Agency(name="Sở Y tế"))
    db.close()
    return path, folder, backup


def _names(path):
    db = open_database(path)
    try:
        return sorted(a.name for a in agencies.list_agencies(db))
    finally:
        db.close()


def test_restore_gets_through_once_the_other_program_lets_go(tmp_path, monkeypatch):
    path, folder, backup = _two_states(tmp_path)
    held = Held(monkeypatch, path, times=2)
    restore(backup, path, folder)
    assert held.refused == 2 and len(held.sleeps) == 2
    assert _names(path) == ["Sở Nội vụ"]
    assert not list(tmp_path.glob("*.part"))


def test_restore_onto_a_file_held_for_good_says_so_in_vietnamese(tmp_path, monkeypatch):
    path, folder, backup = _two_states(tmp_path)
    held = Held(monkeypatch, path, times=None)
    with pytest.raises(BackupError) as raised:
        restore(backup, path, folder)
    message = str(raised.value)
    assert IN_USE in message and "Dữ liệu hiện tại vẫn nguyên vẹn" in message
    [safety] = folder.glob("*-safety.db")
    assert f"bản an toàn «{safety.name}» vẫn được giữ" in message
    assert "chỉ đọc" not in message
    assert held.refused == 1 + len(fileops.RETRY_DELAYS_S)
    assert 0.8 <= sum(held.sleeps) <= 1.5  # about a second of retrying, no more
    monkeypatch.undo()
    assert _names(path) == ["Sở Nội vụ", "Sở Y tế"]  # unchanged
    assert not list(tmp_path.glob("*.part"))
    assert _names(safety) == ["Sở Nội vụ", "Sở Y tế"]


def test_access_denied_on_the_rename_is_also_taken_as_in_use(tmp_path, monkeypatch):
    """MoveFileEx onto a file open without FILE_SHARE_DELETE says WinError 5."""
    path, folder, backup = _two_states(tmp_path)
    held = Held(monkeypatch, path, times=None, winerror=5)
    with pytest.raises(BackupError, match=IN_USE):
        restore(backup, path, folder)
    assert held.refused == 1 + len(fileops.RETRY_DELAYS_S)


def test_a_plain_permission_error_is_not_retried(tmp_path, monkeypatch):
    """Without a Windows error code (a read-only folder elsewhere) waiting would not help."""
    target = tmp_path / "x.bin"
    held = Held(monkeypatch, target, times=None, winerror=None)
    with pytest.raises(PermissionError):
        fileops.replace(tmp_path / "nothing", target)
    assert held.refused == 1 and held.sleeps == []


def test_io_reason_names_a_sharing_violation():
    shared = PermissionError(errno.EACCES, "used by another process")
    shared.winerror = 32
    locked = PermissionError(errno.EACCES, "lock violation")
    locked.winerror = 33
    assert IN_USE in io_reason(shared) and IN_USE in io_reason(locked)
    assert "chỉ đọc hoặc không có quyền" in io_reason(PermissionError(errno.EACCES, "denied"))


def test_export_over_a_file_held_briefly_is_written(tmp_path, monkeypatch):
    target = tmp_path / "Báo cáo.docx"
    target.write_bytes(b"old")
    held = Held(monkeypatch, target, times=3)
    atomic_write(target, lambda tmp: tmp.write_bytes(b"new"))
    assert held.refused == 3 and target.read_bytes() == b"new"
    assert not list(tmp_path.glob(TEMP_PREFIX + "*"))


def test_export_over_a_file_held_for_good_is_refused_cleanly(tmp_path, monkeypatch):
    target = tmp_path / "Báo cáo.docx"
    target.write_bytes(b"old")
    held = Held(monkeypatch, target, times=None)
    with pytest.raises(FileLockedError):
        atomic_write(target, lambda tmp: tmp.write_bytes(b"new"))
    assert held.refused == 1 + len(fileops.RETRY_DELAYS_S)
    assert target.read_bytes() == b"old"
    assert not list(tmp_path.glob(TEMP_PREFIX + "*"))
