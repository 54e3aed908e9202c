"""One writer per database: a lock file held with an OS lock while the database is open.

The operating system releases the lock when the process ends, however it ends, so a lock file
left behind by a crash is recognised as stale and taken over; its content (who, where, since
when) only serves the message shown to the second user.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
from pathlib import Path

from .database import DatabaseError

if os.name == "nt":  # pragma: no cover - exercised by the Windows CI workflow
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class DatabaseInUseError(DatabaseError):
    """The database is open in another gbapp window or on another computer."""


def lock_path(db_path: Path) -> Path:
    """Beside the real file: a symbolic link to the database must share its lock."""
    real = Path(db_path).resolve()
    return real.with_name(real.name + ".lock")


class DatabaseLock:
    """Hold with `acquire()` / `release()` or as a context manager."""

    def __init__(self, db_path: Path):
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self._fd: int | None = None
        self.took_over_stale = False

    def acquire(self) -> DatabaseLock:
        for _attempt in range(5):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:  # a read-only folder, a CD, a share without write access
                raise DatabaseError(
                    f"Không ghi được vào thư mục chứa «{self.db_path.name}» ({exc.strerror}): "
                    "gbapp cần ghi được vào thư mục của cơ sở dữ liệu. Hãy chép tệp sang một thư "
                    "mục có quyền ghi rồi mở lại. (the database's folder is not writable)") from exc
            if not _try_lock(fd):
                os.close(fd)
                raise DatabaseInUseError(self._in_use_message())
            # A holder that released between our open() and our lock unlinked the file we hold:
            # locking that orphan would let a third process lock a fresh file beside us.
            if _same_file(fd, self.path):
                break
            _unlock(fd)
            os.close(fd)
        else:
            raise DatabaseInUseError(self._in_use_message())
        # We hold the OS lock; any content is from a process that no longer runs.
        existing = os.read(fd, 4096)
        self.took_over_stale = bool(existing.strip())
        info = {"pid": os.getpid(), "host": socket.gethostname(), "user": _user(),
                "since": dt.datetime.now().isoformat(timespec="seconds")}
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            # Byte 0 carries the Windows lock region; write the JSON after a newline.
            os.write(fd, b"\n" + json.dumps(info).encode())
            os.fsync(fd)
        except OSError:
            # A full disk (a USB stick with no room left): the OS lock holds all the same, only
            # the note of who holds it is missing. The file still opens, to be read and copied.
            pass
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            os.lseek(self._fd, 0, os.SEEK_SET)
            os.ftruncate(self._fd, 0)
            # Unlink while still holding the lock: a process waiting on this file then finds it
            # gone (acquire() checks) instead of locking an orphan. Windows refuses to unlink an
            # open file; there the empty file simply stays.
            try:
                self.path.unlink()
            except OSError:
                pass
            _unlock(self._fd)
        finally:
            os.close(self._fd)
            self._fd = None

    def _in_use_message(self) -> str:
        info = _holder_info(self.path)
        who = f"{info.get('user', '?')} trên máy {info.get('host', '?')}" if info else "gbapp khác"
        since = info.get("since", "")
        return (f"Cơ sở dữ liệu «{self.db_path.name}» đang được mở bởi {who}"
                f"{' từ ' + since.replace('T', ' ') if since else ''}. Hãy đóng cửa sổ đó trước. "
                "(the database is already open in another gbapp window)")

    def __enter__(self) -> DatabaseLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _holder_info(path: Path) -> dict:
    """Who holds the lock, as its holder wrote it (b"\\n" + JSON on every system).

    Read from byte 1 on: on Windows the holder's lock covers byte 0, and a read that touches it
    fails (a lock violation), which left the message without the name of the user and PC."""
    try:
        with open(path, "rb", buffering=0) as fh:
            fh.seek(1)
            data = fh.read(4096)
        info = json.loads(data.decode("utf-8").strip() or "{}")
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def _same_file(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name is not a reason to refuse a lock
        return "?"
