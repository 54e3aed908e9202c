"""Opening a gbapp database: durability settings, integrity and version checks, migrations."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ..domain.text import fold, vi_collation_key
from .connection import Database
from .diskfull import is_disk_full

# 'GBAP' as a 32-bit integer: lets us tell our files from any other SQLite database.
APPLICATION_ID = 0x47424150
# The number of migrations this gbapp knows (= len(migrations.KNOWN), checked by a test), kept
# here so that opening an up-to-date database needs neither the migrations nor sqlite-utils.
SCHEMA_VERSION = 10
SQLITE_MAGIC = b"SQLite format 3\x00"
T = TypeVar("T")


class DatabaseError(Exception):
    """A database problem the user can act on; str() is a Vietnamese message with the English gist."""


class NotADatabaseError(DatabaseError):
    pass


class DamagedDatabaseError(DatabaseError):
    pass


class NewerDatabaseError(DatabaseError):
    pass


class StorageError(DatabaseError):
    """The environment refused a write (disk full, read-only file, file in use); nothing was saved."""


def storage_error(exc: sqlite3.Error, path: str | Path | None = None) -> DatabaseError | None:
    """The user-facing error for an SQLite failure caused by the environment, or None for a bug."""
    text = str(exc).lower()
    name = f"«{Path(path).name}» " if path else ""
    if getattr(exc, "sqlite_errorname", "") == "SQLITE_READONLY_DBMOVED":
        # The file went away under the open connection (USB stick pulled, file replaced):
        # SQLite calls that "read-only", which would send the user after the wrong cause.
        return StorageError(f"Tệp {name}không còn ở chỗ cũ (USB bị rút, hoặc tệp bị thay bằng "
                            "tệp khác?): chưa lưu được thay đổi. Hãy đóng rồi mở lại cơ sở dữ "
                            "liệu; dữ liệu đã lưu trước đó vẫn nguyên vẹn. (database file moved)")
    if is_disk_full(exc):
        into = f" vào {name.strip()}" if name else ""
        return StorageError(f"Ổ đĩa đã đầy: chưa lưu được thay đổi{into}. Hãy giải phóng dung "
                            "lượng rồi thử lại; dữ liệu đã lưu trước đó vẫn nguyên vẹn. (disk is full)")
    if "readonly" in text or "read-only" in text:
        return StorageError(f"Tệp {name}chỉ cho phép đọc: không lưu được thay đổi. Hãy chép tệp "
                            "sang thư mục có quyền ghi. (the database file is read-only)")
    if "locked" in text or "busy" in text:
        return StorageError(f"Tệp {name}đang bị chương trình khác sử dụng. Hãy thử lại sau giây lát. "
                            "(the database file is in use)")
    if "disk i/o error" in text or "unable to open" in text:
        return StorageError(f"Không đọc/ghi được tệp {name}(USB bị rút hoặc mất kết nối mạng?). "
                            "Dữ liệu đã lưu trước đó vẫn nguyên vẹn. (disk I/O error)")
    return None


def configure(conn: sqlite3.Connection) -> None:
    """Per-connection settings: integrity, durability, and the functions our queries use."""
    conn.execute("PRAGMA foreign_keys = ON")
    # Rollback journal (not WAL): WAL needs shared memory that USB sticks formatted FAT and
    # network folders do not provide reliably; FULL sync so that a committed save survives
    # a power cut or a pulled stick.
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA busy_timeout = 5000")
    # As sqlite-utils sets it, before it is loaded: a REPLACE fires delete triggers too.
    conn.execute("PRAGMA recursive_triggers = ON")
    conn.create_function("fold", 1, fold, deterministic=True)
    conn.create_function("vi_key", 1, vi_collation_key, deterministic=True)


def _check_file(path: Path) -> None:
    if path.is_dir():
        raise NotADatabaseError(
            f"«{path.name}» là một thư mục, không phải tệp cơ sở dữ liệu: hãy chọn tệp .db "
            f"trong đó. (a folder, not a database file: {path})")
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != SQLITE_MAGIC:
        raise NotADatabaseError(
            f"Tệp «{path.name}» không phải là cơ sở dữ liệu gbapp. "
            f"(not a gbapp database: {path})"
        )


def open_database(path: str | Path, *, migrate: bool = True) -> Database:
    """Open (creating if needed) the database at *path*, check it and bring its schema up to date."""
    path = Path(path)
    _check_file(path)
    try:
        db = Database(sqlite3.connect(str(path)))
        configure(db.conn)
        _check_integrity(db, path)
        if not _is_current(db):
            from .migrations import KNOWN, migrations

            _check_version(db, path, KNOWN, migrations)
            if migrate and migrations.pending(db.utils):
                applied = len(migrations.applied(db.utils))
                if applied:  # a database of an older gbapp: kept as it was before upgrading
                    _keep_before_upgrade(db, path, applied)
                # One transaction for the whole upgrade (each migration a savepoint in it): a
                # file is never left between two versions, and a new one is written to disk
                # once, not after each of its migrations.
                with db.atomic():
                    migrations.apply(db.utils)
                    db.execute(f"PRAGMA user_version = {len(KNOWN)}")
                    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc) or "malformed" in str(exc):
            raise DamagedDatabaseError(
                f"Cơ sở dữ liệu «{path.name}» bị hỏng và không mở được. "
                f"(damaged database: {exc})"
            ) from exc
        translated = storage_error(exc, path)
        if translated is not None:
            raise translated from exc
        raise
    return db


def _keep_before_upgrade(db: Database, path: Path, version: int) -> Path:
    """A copy of an older gbapp's database beside it ("kehoach-truoc-nang-cap-v4.db"), made
    before the schema changes: an upgrade cannot be undone, and that gbapp cannot read the
    upgraded file. No copy, no upgrade: the file stays as it was."""
    from .backup import copy_database

    target = path.with_name(f"{path.stem}-truoc-nang-cap-v{version}.db")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}-truoc-nang-cap-v{version}-{n}.db")
    try:
        copy_database(db.conn, target)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(
            f"Tệp «{path.name}» của phiên bản gbapp cũ hơn cần được nâng cấp, nhưng không tạo "
            f"được bản sao trước khi nâng cấp ({target.name}): tệp chưa bị thay đổi. Hãy kiểm "
            f"tra dung lượng và quyền ghi của thư mục. (no copy before upgrading: {exc})"
        ) from exc
    return target


def open_reader(path: str | Path) -> Database:
    """A second, read-only connection to a database the app has open (checked and migrated
    by open_database): for reads in a worker thread, where a connection must be made."""
    path = Path(path)
    if not path.is_file():  # gone meanwhile (a pulled stick): do not create an empty one
        raise StorageError(f"Không đọc được tệp «{path.name}». (database file not found)")
    conn = sqlite3.connect(str(path))  # (no URI: network-share paths do not fit one)
    conn.execute("PRAGMA query_only = ON")
    configure(conn)
    return Database(conn)


class ReadCancelled(Exception):
    """A background read stopped (CancellableRead.cancel) so that a write could go ahead."""


class CancellableRead:
    """fn(db, *args) on a reader of its own, for a worker thread, that another thread can stop
    at once with cancel(). The file keeps a rollback journal (USB sticks and network folders
    cannot share WAL memory), so a commit waits until every reader's current statement ends:
    a read of seconds on a large plan must give way to the user's save, not delay or fail it."""

    PROGRESS_STEPS = 10_000  # SQLite VM steps between two looks at the flag (well under 1 ms)

    def __init__(self, path: str | Path, fn: Callable[..., T], *args: Any):
        self.path, self.fn, self.args = Path(path), fn, args
        self._cancelled = threading.Event()
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    def __call__(self) -> T:
        if self._cancelled.is_set():
            raise ReadCancelled
        db = open_reader(self.path)
        # any statement stops soon after cancel(), also one started after it
        db.conn.set_progress_handler(self._cancelled.is_set, self.PROGRESS_STEPS)
        with self._lock:
            self._conn = db.conn
        try:
            return self.fn(db, *self.args)
        except sqlite3.OperationalError as exc:
            if self._cancelled.is_set():
                raise ReadCancelled from exc
            raise
        finally:
            with self._lock:
                self._conn = None
            db.close()

    def cancel(self) -> None:
        """Stop the read (any thread): its statement ends within a fraction of a millisecond
        and ReadCancelled is raised in the reading thread."""
        self._cancelled.set()
        with self._lock:
            if self._conn is not None:
                self._conn.interrupt()


def _check_integrity(db: Database, path: Path) -> None:
    row = db.execute("PRAGMA quick_check").fetchone()
    if row is None or row[0] != "ok":
        detail = " ".join((row[0] if row else "?").split())[:200]
        raise DamagedDatabaseError(
            f"Cơ sở dữ liệu «{path.name}» bị hỏng. Hãy khôi phục từ bản sao lưu gần nhất "
            f"(Tệp → Khôi phục…). (database failed its integrity check: {detail})"
        )


def _is_current(db: Database) -> bool:
    """Ours and fully migrated: the common case, decided on two header fields and the number
    of recorded migrations (a newer gbapp stopped half-way leaves user_version behind)."""
    if (db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID
            or db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION):
        return False
    try:
        recorded = db.execute("SELECT COUNT(*) FROM _sqlite_migrations").fetchone()[0]
    except sqlite3.OperationalError:  # no such table
        return False
    return recorded == SCHEMA_VERSION


def _check_version(db: Database, path: Path, known: list[str], migrations) -> None:
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    tables = set(db.table_names())
    if app_id not in (0, APPLICATION_ID) or (tables and "_sqlite_migrations" not in tables):
        raise NotADatabaseError(
            f"Tệp «{path.name}» là một cơ sở dữ liệu SQLite khác, không phải của gbapp. "
            "(an SQLite file, but not a gbapp database)"
        )
    applied = [m.name for m in migrations.applied(db.utils)]
    unknown = [name for name in applied if name not in known]
    user_version = db.execute("PRAGMA user_version").fetchone()[0]
    if unknown or user_version > len(known):
        raise NewerDatabaseError(
            f"Cơ sở dữ liệu «{path.name}» được tạo bởi phiên bản gbapp mới hơn "
            f"(lược đồ {user_version}, phiên bản này hiểu đến {len(known)}). "
            "Hãy cập nhật gbapp để mở tệp này. (written by a newer gbapp; please upgrade)"
        )
