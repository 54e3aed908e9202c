"""Backups with SQLite's online backup API: made, listed with their contents, pruned, restored.

Whose backups they are. Automatic backups live in one folder per path the database was at
("kehoach-<digest of the path>"), and each folder says whose backups it holds (MARKER): the
identity the database carries (setting 'db.id', made once by migration m008 and copied with the
file) and the path the file was at. The backups of a database are those of every folder marked
with its identity (folders_of): still found when a USB stick comes back under another drive
letter, when the file was moved, renamed or reached by another spelling of its path (a UNC path,
another case), and rotated together, so that those made at a path no longer used go too. A copy
of the file (Tệp → Lưu bản sao, a copy made in Explorer) carries the same identity: its backups
are listed with the original's, each with the path it was made from, and the rotation of one
never takes the other's newest. Folders of an older gbapp (named for a path, unmarked) are
listed for the database at that path and claimed by it at its next backup.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import re
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from glob import escape as glob_escape
from pathlib import Path

from .. import fileops
from .connection import readonly_uri
from .database import SCHEMA_VERSION, SQLITE_MAGIC, DatabaseError
from .diskfull import FULL_REASON, is_disk_full

STAMP = "%Y%m%d-%H%M%S"
_NAME_RE = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?(?:-(?P<reason>[a-z]+))?\.db$")
COUNTED = {"plans": "kế hoạch", "items": "mục", "agencies": "cơ quan",
           "progress_reports": "báo cáo tiến độ"}
# A copy being written is "<target>.part" until it is whole. One older than this was cut short
# (gbapp killed, the PC switched off): no copy takes an hour, so it is a leftover.
STALE_PART_S = 3600
# The database's name is in a backup's folder and again in its file name: cut to this length in
# both, a long name ("Kế hoạch thực hiện … giai đoạn 2021-2030 … bản sửa lần 3") would pass
# Windows' 260-character path limit. Backups named in full before stay found (*_stems*).
STEM_MAX = 40
# The identity a database carries (in its settings table), and the record in each backup
# folder of whose backups it holds (see the module's docstring).
ID_KEY = "db.id"
_ID_RE = re.compile(r"[0-9a-f]{16}")
MARKER = "source.json"


class BackupError(DatabaseError):
    """A backup or restore that could not be done (message in Vietnamese, English gist)."""


@dataclass
class BackupInfo:
    path: Path
    created: dt.datetime
    size: int
    counts: dict[str, int]
    reason: str = ""
    # stamped later than the PC's clock says it is now: made while the clock was ahead, so
    # older than it looks (listed after the others)
    future: bool = False
    # the database file it was made from, as recorded when it was made ("" if unknown)
    source: str = ""
    # made from another database that was at this path before (another identity)
    other_database: bool = False

    def describe(self, from_path: Path | None = None) -> str:
        """When, how big, what it holds; and where it was made from, if not from *from_path*."""
        parts = ", ".join(f"{n} {COUNTED[t]}" for t, n in self.counts.items() if t in COUNTED)
        when = f"{self.created:%d/%m/%Y %H:%M:%S}"
        if self.future:
            when += " (giờ ghi muộn hơn giờ máy hiện nay: đồng hồ máy từng chạy sai)"
        text = f"{when} — {self.size / 1024:.0f} KB — {parts}"
        if from_path is not None and self.source and not same_path(self.source, from_path):
            text += f" — sao lưu từ tệp «{self.source}»"
        if from_path is not None and self.other_database:
            text += " (một cơ sở dữ liệu khác từng ở đường dẫn này)"
        return text


def same_path(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name the same place as Windows compares them (any case, either slash)."""
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def copy_database(source: sqlite3.Connection | Path, target: Path, *,
                  database_id: str | None = None) -> Path:
    """Copy a live database to *target* through the backup API; the target appears whole or not
    at all. With *database_id*, the copy carries that identity (a restore: see *restore*)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    own = not isinstance(source, sqlite3.Connection)
    src = sqlite3.connect(source) if own else source
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
            if database_id is not None:
                dst.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) "
                            "DO UPDATE SET value = excluded.value", [ID_KEY, database_id])
                dst.commit()
        finally:
            dst.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        fileops.replace(tmp, target)  # retried while an antivirus holds the file
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        if own:
            src.close()
    return target


def short_stem(stem: str) -> str:
    """The database's name as backup folders and files carry it (at most STEM_MAX characters)."""
    return stem[:STEM_MAX]


def _stems(stem: str) -> set[str]:
    """The names backups of the database called *stem* have: in full (made before names were
    cut) and cut to STEM_MAX."""
    return {stem, short_stem(stem)}


def backup_name(db_path: Path, when: dt.datetime, reason: str = "") -> str:
    suffix = f"-{reason}" if reason else ""
    return f"{short_stem(db_path.stem)}-{when.strftime(STAMP)}{suffix}.db"


def unique_target(folder: Path, db_path: Path, when: dt.datetime, reason: str = "") -> Path:
    """A backup path in *folder* no file uses yet (a counter after the time stamp if needed).

    The counter goes past the highest one of that second still there, never back to a free lower
    one: pruning deletes the lowest, and a name taken again would sort as older than it is.
    """
    stamp = when.strftime(STAMP)
    used = [int(m["n"] or 1) for path in (folder.glob("*.db") if folder.is_dir() else ())
            if (m := _NAME_RE.match(path.name)) and m["stem"] in _stems(db_path.stem)
            and m["stamp"] == stamp and (m["reason"] or "") == reason]
    n = max(used, default=0) + 1
    suffix = f"-{reason}" if reason else ""
    stem = short_stem(db_path.stem)
    target = folder / (backup_name(db_path, when, reason) if n == 1
                       else f"{stem}-{stamp}-{n}{suffix}.db")
    while target.exists():  # a name the pattern does not read
        n += 1
        target = folder / f"{stem}-{stamp}-{n}{suffix}.db"
    return target


def make_backup(source: sqlite3.Connection | Path, db_path: Path, folder: Path, *,
                reason: str = "", keep: int | None = None,
                now: dt.datetime | None = None, unless_unchanged: bool = False,
                family: Sequence[Path] = ()) -> Path:
    """A timestamped backup of *db_path* in *folder*; keeps the newest *keep* of them (counted
    with those of *family*: see *prune*).

    With *unless_unchanged*, a database with no change since its newest backup (in *folder*)
    is not copied again (that backup is returned): opening a file twenty times without editing
    it must not push the backups that hold earlier states out of the rotation.
    """
    if unless_unchanged:
        newest = next((b for b in list_backups(folder, db_path.stem) if b.reason != "safety"),
                      None)
        if newest is not None and _same_state(newest.path, source):
            return newest.path
    target = unique_target(folder, db_path, now or dt.datetime.now(), reason)
    try:
        copy_database(source, target)
    except (OSError, sqlite3.Error) as exc:  # the target's disk is full, the source went away…
        raise BackupError(f"Không tạo được bản sao lưu trong «{folder}»: "
                          f"{io_reason(exc)} (backup failed: {exc})") from exc
    if keep is not None:
        # never the backup just made: with the PC's clock set back, its time stamp is the
        # oldest, and the rotation would delete every new backup as soon as it is made
        prune(folder, db_path.stem, keep, spare=target, now=now, family=family)
    return target


def _reason(exc: sqlite3.Error) -> str:
    text = str(exc).lower()
    if is_disk_full(exc):
        return FULL_REASON
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return "không ghi được vào thư mục này (chỉ đọc hoặc không còn kết nối)."
    return "lỗi đọc/ghi tệp."


IN_USE = ("tệp đang được chương trình khác sử dụng (phần mềm diệt virus, OneDrive, một cửa sổ "
          "gbapp khác…); hãy đóng chương trình đó hoặc đợi một lát rồi thử lại.")


def _os_reason(exc: OSError) -> str:
    if is_disk_full(exc):
        return FULL_REASON
    if fileops.is_sharing_violation(exc):
        return IN_USE
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "không ghi được vào thư mục này (chỉ đọc hoặc không có quyền)."
    return "lỗi đọc/ghi tệp."


def io_reason(exc: sqlite3.Error | OSError) -> str:
    """Why a copy could not be written, in Vietnamese (a full disk, no write access…)."""
    return _reason(exc) if isinstance(exc, sqlite3.Error) else _os_reason(exc)


def _write_whole(target: Path, data: bytes) -> None:
    """*data* as *target*, whole or not at all (a full disk leaves no cut-short file)."""
    tmp = target.with_name(target.name + ".part")
    try:
        tmp.write_bytes(data)
        fileops.replace(tmp, target)  # retried while an antivirus holds the file
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _state(con: sqlite3.Connection) -> tuple:
    """What changes with every saved action: each one adds a change_log row (undo included)."""
    log = con.execute("SELECT MAX(rowid), COUNT(*) FROM change_log").fetchone()
    return (tuple(log), *(con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                          for t in COUNTED))


def _same_state(backup: Path, source: sqlite3.Connection | Path) -> bool:
    try:
        con = sqlite3.connect(readonly_uri(backup), uri=True)
        try:
            before = _state(con)
        finally:
            con.close()
        if isinstance(source, sqlite3.Connection):
            return _state(source) == before
        con = sqlite3.connect(readonly_uri(source), uri=True)
        try:
            return _state(con) == before
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False  # when in doubt, back up


def _read_counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(readonly_uri(path), uri=True)
    try:
        return {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in COUNTED}
    finally:
        con.close()


def _named(folder: Path, stem: str | None) -> list[tuple[Path, dt.datetime, str]]:
    """(path, time stamp, reason) of the files in *folder* named as backups of *stem*, unopened."""
    out = []
    for path in folder.glob("*.db"):
        m = _NAME_RE.match(path.name)
        if not m or (stem is not None and m["stem"] not in _stems(stem)):
            continue
        stamp = m["stamp"]  # STAMP, read without strptime (whose first use imports ~20 ms)
        created = dt.datetime(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8]),
                              int(stamp[9:11]), int(stamp[11:13]), int(stamp[13:15]))
        out.append((path, created, m["reason"] or ""))
    return out


def list_backups(folder: Path, stem: str | None = None, *,
                 now: dt.datetime | None = None) -> list[BackupInfo]:
    """Backups in *folder* (of the database called *stem*), newest first, with record counts.

    Those stamped after *now* (the PC's clock) come last: they were made while the clock was
    ahead and set right since, so every backup stamped up to now is newer than they are.
    """
    out = []
    if not folder.is_dir():
        return out
    now = now or dt.datetime.now()
    for path, created, reason in _named(folder, stem):
        try:
            counts = _read_counts(path)
        except sqlite3.DatabaseError:
            continue  # not a readable gbapp backup: never offered for restore
        out.append(BackupInfo(path, created, path.stat().st_size, counts, reason,
                              future=created > now))
    return _newest_first(out)


def _age_key(name: str, created: dt.datetime) -> tuple:
    """Oldest to newest: by time stamp, then by the counter *unique_target* adds within one second
    (none, then -2, -3, … -10: as numbers, not as text, where '-10' < '-2' < '.db')."""
    m = _NAME_RE.match(name)
    return created, int(m["n"]) if m and m["n"] else 1, name


def prune(folder: Path, stem: str | None, keep: int, spare: Path | None = None, *,
          now: dt.datetime | None = None, family: Sequence[Path] = ()) -> list[Path]:
    """Delete all but the newest *keep* backups of *stem* (safety copies aside: *prune_safety*),
    never *spare* (which counts among those kept), and never the newest intact backup: if the
    database went bad unnoticed (a failing disk), the backups made since are bad too, and the
    rotation must not push out the last good one. Copies cut short ("….db.part") go too.

    *family*: the other folders of backups of the same database (made while it was at another
    path, or from a copy of it). Their backups count in the rotation, so that those made at a
    path no longer used go in turn; each folder keeps its newest, whatever its age: a copy on a
    USB stick that is not plugged in cannot be told from a file that moved, and its last
    state must stay."""
    folders = [(folder, stem), *((other, None) for other in family if other != folder)]
    for place, name in folders:
        _remove_stale_parts(place, name)
    backups = _newest_first(b for place, name in folders
                            for b in list_backups(place, name, now=now) if b.reason != "safety")
    last_of_each = [next(b for b in backups if b.path.parent == place)
                    for place, _ in folders[1:] if any(b.path.parent == place for b in backups)]
    if spare is not None:
        spared = [b for b in backups if b.path == spare]
        if spared:
            # Stamped after the one just made: made before the PC's clock was set back, so
            # older than it, and than those stamped before it. They go first.
            made = spared[0].created
            backups = (spared + [b for b in backups if b.path != spare and b.created <= made]
                       + [b for b in backups if b.path != spare and b.created > made])
    gone = []
    kept, doomed = backups[:max(keep, 1)], backups[max(keep, 1):]
    if doomed and not any(_intact(b.path) for b in kept):
        last_good = next((b for b in doomed if _intact(b.path)), None)
        if last_good is not None:
            doomed.remove(last_good)
            kept.append(last_good)
    in_turn = list(kept)  # (not the kept newest of another folder, however old: below)
    for last in last_of_each:
        if last in doomed:
            doomed.remove(last)
            kept.append(last)
    for old in doomed:
        if _unlink(old.path):
            gone.append(old.path)
    # A file named as a backup that does not open (cut short by a full disk, damaged on a stick)
    # is never offered for restore; it goes once it is older than every backup kept.
    if in_turn:
        oldest_kept = min(_age_key(b.path.name, b.created) for b in in_turn)
        readable = {b.path for b in backups}
        for place, name in folders:
            for path, created, reason in _named(place, name):
                if reason != "safety" and path not in readable \
                        and _age_key(path.name, created) < oldest_kept and _unlink(path):
                    gone.append(path)
    return gone


def _newest_first(infos: Iterable[BackupInfo]) -> list[BackupInfo]:
    """Newest first; those stamped after the PC's clock last (see *list_backups*)."""
    return sorted(infos, key=lambda b: (not b.future, _age_key(b.path.name, b.created)),
                  reverse=True)


def _unlink(path: Path) -> bool:
    """Delete an old backup; one open in another program (an antivirus scan, another gbapp
    window showing it) stays until the next rotation: the new backup is made all the same."""
    try:
        path.unlink(missing_ok=True)
        return True
    except OSError:
        return False


def _intact(path: Path) -> bool:
    """Whether the backup at *path* passes SQLite's quick check (the newest one, just made,
    nearly always does: one check per automatic backup)."""
    try:
        con = sqlite3.connect(readonly_uri(path), uri=True)
        try:
            return con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False


def _remove_stale_parts(folder: Path, stem: str | None) -> None:
    """Delete the copies of *stem* (of any name if None) cut short in *folder* (older than
    STALE_PART_S)."""
    limit = time.time() - STALE_PART_S
    names = [glob_escape(name) for name in _stems(stem)] if stem is not None else ["*"]
    parts = {p for name in names for p in folder.glob(f"{name}-*.db.part")}
    for part in parts:
        try:
            if part.stat().st_mtime < limit:
                part.unlink()
        except OSError:  # gone meanwhile, or still open elsewhere: next time
            pass


def remove_stale_part(target: Path) -> bool:
    """Delete "<target>.part" if it is a copy cut short (older than STALE_PART_S): a restore
    interrupted by a kill leaves one beside the database. True if one was deleted."""
    part = target.with_name(target.name + ".part")
    try:
        if part.stat().st_mtime < time.time() - STALE_PART_S:
            part.unlink()
            return True
    except OSError:
        pass
    return False


def prune_safety(folder: Path, stem: str | None, keep: int,
                 spare: tuple[Path | None, ...] = (), *,
                 family: Sequence[Path] = ()) -> list[Path]:
    """Delete all but the newest *keep* safety copies of *stem*, never one of *spare* (the copy a
    restore just made, the backup it restored from), whatever their time stamps say; those of
    *family* (see *prune*) count too, each folder keeping its newest.

    Chosen by name, opened or not: the safety copy of a damaged file holds its bytes as they were
    and is not a readable database, yet must leave the rotation like the others.
    """
    spared = {p.resolve() for p in spare if p is not None}
    folders = [(folder, stem), *((other, None) for other in family if other != folder)]
    copies = sorted(((p, c) for place, name in folders
                     for p, c, reason in _named(place, name) if reason == "safety"),
                    key=lambda pc: _age_key(pc[0].name, pc[1]), reverse=True)
    for place, _ in folders[1:]:  # the newest of each other folder is kept like a spared one
        newest = next((p for p, _ in copies if p.parent == place), None)
        if newest is not None:
            spared.add(newest.resolve())
    others = [p for p, _ in copies if p.resolve() not in spared]
    room = max(max(keep, 1) - (len(copies) - len(others)), 0)
    gone = []
    for old in others[room:]:
        old.unlink(missing_ok=True)
        gone.append(old)
    return gone


# -- Whose backups: the folders of one database (see the module's docstring) ----------------

@dataclass(frozen=True)
class BackupFolder:
    path: Path
    source: str  # the path of the database file its backups were made from, as recorded
    database_id: str | None  # None: made by a gbapp before identities, not claimed yet


def database_id(source: sqlite3.Connection | Path) -> str | None:
    """The identity a database carries; None if it has none (made by an older gbapp, not a
    gbapp database) or cannot be read (damaged, emptied, not there)."""
    try:
        if isinstance(source, sqlite3.Connection):
            row = source.execute("SELECT value FROM settings WHERE key = ?", [ID_KEY]).fetchone()
        else:
            con = sqlite3.connect(readonly_uri(source), uri=True)
            try:
                row = con.execute("SELECT value FROM settings WHERE key = ?", [ID_KEY]).fetchone()
            finally:
                con.close()
    except sqlite3.Error:
        return None
    value = row[0] if row else None
    return value if isinstance(value, str) and _ID_RE.fullmatch(value) else None


def path_digest(db_path: Path) -> str:
    """What names the backup folder of a path: the same for every spelling Windows takes for
    one file (any case; a mapped drive resolves to its UNC path)."""
    resolved = str(Path(db_path).resolve())
    return hashlib.sha1(os.path.normcase(resolved).encode("utf-8")).hexdigest()[:10]


def _path_names(db_path: Path) -> tuple[str, str]:
    """The folder names of *db_path*: cut to STEM_MAX, and in full (made before names were cut)."""
    stem, digest = Path(db_path).stem, path_digest(db_path)
    return f"{short_stem(stem)}-{digest}", f"{stem}-{digest}"


def _variants(root: Path, short: str) -> list[Path]:
    """Folders "<short>-<identity>": made at this path by a database that found the path's
    folder holding another database's backups."""
    start = len(short) + 1
    return [p for p in root.glob(f"{glob_escape(short)}-*")
            if _ID_RE.fullmatch(p.name[start:]) and p.is_dir()]


def _read_marker(folder: Path) -> tuple[str, str] | None:
    """(identity, source path) recorded in *folder*; None for a folder without one."""
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        found, source = data["id"], data["path"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(found, str) or not _ID_RE.fullmatch(found) or not isinstance(source, str):
        return None
    return found, source


def folder_for(root: Path, db_path: Path, db_id: str | None) -> Path:
    """The folder below *root* that the automatic backups of the file at *db_path* go to.

    Named for the path, the name cut (Windows' path limit; a folder made before under the full
    name is kept). If that folder holds another database's backups (another file was at this
    path), the identity is added to the name. Without an identity (a damaged file): the path's
    folder that is there."""
    short, full = _path_names(db_path)
    plain = root / full if full != short and (root / full).is_dir() else root / short
    if db_id is None:
        if plain.is_dir():
            return plain
        return max(_variants(root, short), key=lambda p: p.stat().st_mtime, default=plain)
    owner = _read_marker(plain)
    if owner is None or owner[0] == db_id:  # not there yet, made before identities, or ours
        return plain
    return root / f"{short}-{db_id}"


def claim(folder: Path, db_path: Path, db_id: str) -> None:
    """Record in *folder* that it holds the backups of database *db_id* made at *db_path*
    (once: a folder made by an older gbapp is claimed by the database now at its path)."""
    if _read_marker(folder) is not None:
        return
    record = {"id": db_id, "path": os.path.abspath(db_path)}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write_whole(folder / MARKER, json.dumps(record, ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass  # the backup made next says why the folder cannot be written; found by path meanwhile


def folders_of(root: Path, db_path: Path, db_id: str | None) -> list[BackupFolder]:
    """The folders below *root* with backups of the database at *db_path* (identity *db_id*).

    Those marked with its identity, wherever the file was; and those named for this path (made
    by an older gbapp, or the backups of another database that was at this path: a user who
    copied the wrong file over theirs finds them). Without an identity (the file is damaged or
    emptied): the folders named for this path, with the others of the databases they hold."""
    if not root.is_dir():
        return []
    marked = {entry: m for entry in root.iterdir() if (m := _read_marker(entry)) is not None}
    short, full = _path_names(db_path)
    here: dict[Path, BackupFolder] = {}
    for folder in (root / short, root / full, *_variants(root, short)):
        if folder.is_dir():
            found, source = marked.get(folder, (None, os.path.abspath(db_path)))
            here[folder] = BackupFolder(folder, source, found)
    ids = {db_id} if db_id else {f.database_id for f in here.values()} - {None}
    for folder, (found, source) in marked.items():
        if found in ids:
            here[folder] = BackupFolder(folder, source, found)
    return list(here.values())


def list_folders(folders: Iterable[BackupFolder], db_id: str | None = None, *,
                 now: dt.datetime | None = None) -> list[BackupInfo]:
    """The backups in *folders*, newest first, each with the path it was made from; those of a
    database other than *db_id* marked so."""
    out = []
    for folder in folders:
        for info in list_backups(folder.path, now=now):
            info.source = folder.source
            info.other_database = db_id is not None and folder.database_id not in (None, db_id)
            out.append(info)
    return _newest_first(out)


def lineage_of(backup: Path) -> str | None:
    """The identity of the database *backup* is a backup of: its folder's, else its own."""
    marker = _read_marker(backup.parent)
    return marker[0] if marker is not None else database_id(backup)


def check_backup(path: Path) -> None:
    """Raise BackupError unless *path* is an intact gbapp database."""
    with open(path, "rb") as fh:
        if fh.read(16) != SQLITE_MAGIC:
            raise BackupError(f"«{path.name}» không phải bản sao lưu gbapp. (not a gbapp backup)")
    con = sqlite3.connect(readonly_uri(path), uri=True)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        version = max(con.execute("PRAGMA user_version").fetchone()[0], _recorded(con))
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"Bản sao lưu «{path.name}» bị hỏng. (backup is damaged: {exc})") from exc
    finally:
        con.close()
    if ok != "ok" or "_sqlite_migrations" not in tables:
        raise BackupError(f"Bản sao lưu «{path.name}» bị hỏng hoặc không phải của gbapp. "
                          "(backup is damaged or not a gbapp database)")
    if version > SCHEMA_VERSION:
        raise BackupError(f"Bản sao lưu «{path.name}» do phiên bản gbapp mới hơn tạo ra (lược đồ "
                          f"{version}, phiên bản này hiểu đến {SCHEMA_VERSION}): hãy khôi phục "
                          "bằng phiên bản gbapp mới đó. (backup written by a newer gbapp)")


def _recorded(con: sqlite3.Connection) -> int:
    try:
        return con.execute("SELECT COUNT(*) FROM _sqlite_migrations").fetchone()[0]
    except sqlite3.OperationalError:  # no such table: refused above
        return 0


def restore(backup: Path, db_path: Path, safety_folder: Path, *,
            now: dt.datetime | None = None, database_id: str | None = None) -> Path | None:
    """Replace *db_path* with *backup*, after a safety copy of the current file.

    The database must be closed by the caller. Returns the safety copy (None if there was no
    current file). The replacement is atomic: a failure leaves the current file as it was.
    With *database_id*, the restored file carries that identity, in the same atomic step: a
    backup made by an older gbapp has none, and the file would get a new one when opened, its
    backups lost to it.
    """
    check_backup(backup)
    safety = None
    if db_path.exists() and db_path.stat().st_size:
        safety_folder.mkdir(parents=True, exist_ok=True)
        safety = unique_target(safety_folder, db_path, now or dt.datetime.now(), "safety")
        nothing_done = "Chưa khôi phục gì: dữ liệu hiện tại vẫn nguyên vẹn."
        try:
            try:
                copy_database(db_path, safety)
            except (sqlite3.OperationalError, sqlite3.InternalError):
                raise  # the backups' disk (full, gone), not the file: said below
            except sqlite3.DatabaseError:
                # The current file is damaged: keep its bytes as they are.
                _write_whole(safety, db_path.read_bytes())
        except sqlite3.Error as exc:
            raise BackupError(f"Không lưu được bản an toàn của tệp hiện tại trong "
                              f"«{safety_folder}»: {_reason(exc)} {nothing_done} "
                              f"(safety copy failed: {exc})") from exc
        except OSError as exc:
            raise BackupError(f"Không lưu được bản an toàn của tệp hiện tại trong "
                              f"«{safety_folder}»: {_os_reason(exc)} {nothing_done} "
                              f"(safety copy failed: {exc})") from exc
    unchanged = "Dữ liệu hiện tại vẫn nguyên vẹn" + (
        f", bản an toàn «{safety.name}» vẫn được giữ." if safety is not None else ".")
    try:
        copy_database(backup, db_path, **({"database_id": database_id} if database_id else {}))
    except sqlite3.Error as exc:  # the copy is atomic: the current file is as it was
        raise BackupError(f"Không khôi phục được vào «{db_path.name}»: {_reason(exc)} "
                          f"{unchanged} (restore failed: {exc})") from exc
    except OSError as exc:
        # The rename onto the database refused (exc.filename2 is set for it) in a folder where
        # the copy beside it was just written: another program holds the file (Windows).
        held = fileops.is_sharing_violation(exc) or (
            isinstance(exc, PermissionError) and exc.filename2 is not None)
        reason, gist = (IN_USE, "the file is in use") if held else (_os_reason(exc), "")
        raise BackupError(f"Không khôi phục được vào «{db_path.name}»: {reason} {unchanged} "
                          f"(restore failed{', ' + gist if gist else ''}: {exc})") from exc
    Path(str(db_path) + "-journal").unlink(missing_ok=True)
    return safety
