"""One writer: a second open of the same database is refused; a stale lock is taken over."""

from __future__ import annotations

import builtins
import errno
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gbapp.store import lock as lock_module
from gbapp.store.lock import DatabaseInUseError, DatabaseLock, lock_path

HOLDER = """
import sys, time
from gbapp.store.lock import DatabaseLock
lock = DatabaseLock(sys.argv[1]).acquire()
print("locked", flush=True)
time.sleep(60)
"""


def test_second_open_is_refused_while_another_process_holds_it(tmp_path):
    db_path = tmp_path / "shared.db"
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path)], stdout=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(DatabaseInUseError) as err:
            DatabaseLock(db_path).acquire()
        assert "đang được mở" in str(err.value)
    finally:
        proc.kill()
        proc.wait()
    # The holder died without releasing: its lock file is stale and is taken over.
    assert lock_path(db_path).exists()
    lock = DatabaseLock(db_path).acquire()
    assert lock.took_over_stale
    lock.release()
    assert not lock_path(db_path).exists()


def test_same_process_twice_is_refused(tmp_path):
    db_path = tmp_path / "x.db"
    with DatabaseLock(db_path):
        with pytest.raises(DatabaseInUseError):
            DatabaseLock(db_path).acquire()
    DatabaseLock(db_path).acquire().release()


def test_a_waiter_never_holds_an_unlinked_lock_file(tmp_path, monkeypatch):
    """A opens the lock file, B releases (unlinking it) before A locks: A must not end up
    holding the orphan while C locks a fresh file (two writers)."""
    import gbapp.store.lock as lock_module

    db_path = tmp_path / "race.db"
    holder = DatabaseLock(db_path).acquire()
    real_try = lock_module._try_lock
    released = {"done": False}

    def try_lock_after_release(fd):
        if not released["done"]:
            released["done"] = True
            holder.release()  # the holder lets go between our open() and our lock
        return real_try(fd)

    monkeypatch.setattr(lock_module, "_try_lock", try_lock_after_release)
    waiter = DatabaseLock(db_path).acquire()
    monkeypatch.setattr(lock_module, "_try_lock", real_try)
    with pytest.raises(DatabaseInUseError):
        DatabaseLock(db_path).acquire()  # C is refused: the waiter holds the linked file
    waiter.release()


def test_a_folder_that_cannot_be_written_gets_a_vietnamese_message(tmp_path):
    from gbapp.store import DatabaseError
    from gbapp.store.lock import DatabaseLock

    not_a_folder = tmp_path / "readonly"
    not_a_folder.write_text("")  # the lock file cannot be created "inside" a file
    with pytest.raises(DatabaseError, match="Không ghi được vào thư mục chứa"):
        DatabaseLock(not_a_folder / "kh.db").acquire()


def test_a_full_disk_still_opens_the_file_locked(tmp_path, monkeypatch):
    """On a USB stick with no room left, writing who holds the lock failed and the file could
    not even be opened to be read or copied ("[Errno 28] No space left on device")."""
    import errno
    import os

    from gbapp.store import lock as lock_module

    def no_room(_fd, _data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(lock_module.os, "write", no_room)
    db_path = tmp_path / "kh.db"
    held = lock_module.DatabaseLock(db_path).acquire()
    try:
        with pytest.raises(lock_module.DatabaseInUseError):
            lock_module.DatabaseLock(db_path).acquire()  # still a lock for a second writer
    finally:
        held.release()
    monkeypatch.setattr(lock_module.os, "write", os.write)
    lock_module.DatabaseLock(db_path).acquire().release()


class _Byte0Locked(io.FileIO):
    """A file whose byte 0 another process holds with a Windows byte-range lock (msvcrt.locking):
    a read that covers it fails with a lock violation, the bytes after it read as usual."""

    def _check(self):
        if self.tell() == 0:
            exc = PermissionError(errno.EACCES, "The process cannot access the file because "
                                  "another process has locked a portion of the file")
            exc.winerror = 33
            raise exc

    def readinto(self, buffer):
        self._check()
        return super().readinto(buffer)

    def read(self, size=-1):
        self._check()
        return super().read(size)

    def readall(self):
        self._check()
        return super().readall()


def _open_with_byte0_locked(locked: Path, monkeypatch):
    real_open = io.open

    def fake_open(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None,
                  closefd=True, opener=None):
        if isinstance(file, (str, os.PathLike)) and Path(file) == locked and "r" in mode:
            raw = _Byte0Locked(file, "r")
            if "b" in mode:
                return raw if buffering == 0 else io.BufferedReader(raw)
            return io.TextIOWrapper(io.BufferedReader(raw), encoding=encoding, errors=errors,
                                    newline=newline)
        return real_open(file, mode, buffering, encoding, errors, newline, closefd, opener)

    monkeypatch.setattr(io, "open", fake_open)
    monkeypatch.setattr(builtins, "open", fake_open)


@pytest.mark.parametrize("windows_lock", [False, True], ids=["posix", "windows-byte-0-locked"])
def test_the_refusal_names_the_user_and_the_pc(tmp_path, monkeypatch, windows_lock):
    db_path = tmp_path / "shared.db"
    monkeypatch.setattr(lock_module, "_user", lambda: "chuyenvien.lan")
    monkeypatch.setattr(lock_module.socket, "gethostname", lambda: "PC-PHONG-KH")
    with DatabaseLock(db_path):
        if windows_lock:
            _open_with_byte0_locked(lock_path(db_path), monkeypatch)
        with pytest.raises(DatabaseInUseError) as err:
            DatabaseLock(db_path).acquire()
    message = str(err.value)
    assert "đang được mở bởi chuyenvien.lan trên máy PC-PHONG-KH từ " in message
