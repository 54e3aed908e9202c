"""Writing an export safely: a temporary file in the target folder, then one atomic rename.

A failure half-way (a bug, a full disk, a pulled USB stick) leaves the previous file as it was and
no stray temporary file. A target that Word holds open is reported as such (on Windows Word locks
the file it shows, and the rename fails with PermissionError).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .. import fileops
from ..store.diskfull import is_disk_full

TEMP_PREFIX = "~gbapp-"


class ExportError(Exception):
    """An export failed in a way the user can act on; str() is Vietnamese with the English gist."""


class FileLockedError(ExportError):
    """The target file is open in Word (or another program) and cannot be replaced."""

    def __init__(self, path: Path):
        self.path = Path(path)
        super().__init__(
            f"Tệp «{self.path.name}» đang được mở trong Word hoặc một chương trình khác nên không "
            "ghi đè được. Hãy đóng tệp rồi thử lại, hoặc lưu với tên khác. "
            "(the file is open in another program)")


class DiskFullError(ExportError):
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        super().__init__(
            f"Ổ đĩa chứa thư mục «{self.folder}» đã đầy nên không ghi được văn bản; tệp cũ (nếu "
            "có) vẫn nguyên. Hãy giải phóng dung lượng hoặc lưu vào ổ khác. (disk full)")


class FolderNotWritableError(ExportError):
    def __init__(self, folder: Path, detail: str = ""):
        self.folder = Path(folder)
        super().__init__(
            f"Không ghi được vào thư mục «{self.folder}»{': ' + detail if detail else ''}. "
            "Hãy chọn thư mục khác. (cannot write to the folder)")


class TargetIsFolderError(ExportError):
    def __init__(self, path: Path):
        self.path = Path(path)
        super().__init__(
            f"«{self.path.name}» là một thư mục có sẵn, không ghi văn bản đè lên được. Hãy đặt "
            "tên tệp khác. (the target is a folder)")


def check_writable(target: Path) -> None:
    """Fail early, before the work, if *target* is a folder, or exists and is locked by another
    program."""
    target = Path(target)
    if target.is_dir():
        raise TargetIsFolderError(target)
    if target.exists():
        try:
            with open(target, "r+b"):
                pass
        except PermissionError as exc:
            raise FileLockedError(target) from exc


def atomic_write(target: str | Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(temp_path)`` and move the result onto *target*; returns *target*.

    The temporary file lives in the target's folder (same volume, so the rename is atomic) and
    is removed whatever happens.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=target.suffix, dir=folder)
    except PermissionError as exc:  # (its strerror is English: "Permission denied")
        raise FolderNotWritableError(folder, "thư mục chỉ đọc hoặc không có quyền ghi") from exc
    except OSError as exc:
        if is_disk_full(exc):
            raise DiskFullError(folder) from exc
        raise FolderNotWritableError(folder, "đường dẫn không dùng được ở máy này") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        try:
            write(tmp)
        except OSError as exc:
            if is_disk_full(exc):
                raise DiskFullError(folder) from exc
            raise
        _give_usual_permissions(tmp, target)
        try:
            fileops.replace(tmp, target)  # retried while an antivirus or OneDrive holds it
        except PermissionError as exc:
            raise FileLockedError(target) from exc
    finally:
        with contextlib.suppress(FileNotFoundError, PermissionError):
            tmp.unlink()
    return target


def _give_usual_permissions(tmp: Path, target: Path) -> None:
    """mkstemp makes a file only its owner can read (0600): the export gets the permissions
    the file it replaces had, else rw-r--r-- (os.umask cannot be read without changing it for
    every thread), so colleagues on a shared folder can open it. (No effect on Windows, where
    permissions are ACLs.)"""
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        mode = 0o644
    with contextlib.suppress(OSError):
        os.chmod(tmp, mode)
