"""Undo and redo of user actions, recorded by the database itself.

Temporary triggers write, for every row a user action inserts, updates or deletes, the SQL
statement that reverses it (the technique of sqlite.org's "Automatic Undo/Redo"). One user
action is one step. The log lives in a TEMP table: it is never saved in the file, and opening a
database starts with an empty history.

The statement is logged with ``?`` placeholders and its values in the log's own columns, as
SQLite stored them (no text round trip, REAL values exact). Replaying a step then prepares each
kind of statement once and runs it for many rows: a statement on ``items`` compiles its
triggers and cascades, and undoing a 10,000-activity import statement by statement took 10 s.

A long action can run in a worker thread (`run_detached`): on a connection of its own, with
the same triggers, whose log rows are read inside the action's transaction and then made a
step of the app's log on the main connection (`UndoLog.adopt`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Generic, TypeVar

from . import changelog, items
from .connection import Database

T = TypeVar("T")
_ROW_OF_ITEMS = ("DELETE FROM items ", "INSERT INTO items ", "UPDATE items ")

# Tables whose rows user actions change. change_log is left out: undo is itself logged.
TRACKED = ("plans", "legal_bases", "agencies", "items", "assignments", "periods",
           "progress_reports", "indicators", "indicator_targets", "indicator_values",
           "item_indicators", "settings")


def _columns(db: Database, table: str) -> list[str]:
    return [r[1] for r in db.execute(f"PRAGMA table_info({table})").fetchall()]


@dataclass
class _Step:
    name: str
    first: int  # first and last undolog seq of the step
    last: int


@dataclass
class UndoLog:
    """Undo/redo history of one open database."""

    db: Database
    undo_steps: list[_Step] = field(default_factory=list)
    redo_steps: list[_Step] = field(default_factory=list)
    limit: int = 200

    def __post_init__(self) -> None:
        columns = {table: _columns(self.db, table) for table in TRACKED}
        self.width = 1 + max(len(cols) for cols in columns.values())  # rowid and every column
        args = ", ".join(f"a{n}" for n in range(self.width))
        # A second log on the same connection starts afresh (and sees the schema as it is now).
        for table in TRACKED:
            for op in ("insert", "update", "delete"):
                self.db.execute(f"DROP TRIGGER IF EXISTS temp.undo_{table}_{op}")
        self.db.execute("DROP TABLE IF EXISTS temp.undolog")
        self.db.execute(f"CREATE TEMP TABLE undolog (seq INTEGER PRIMARY KEY, sql TEXT, {args})")
        for table, cols in columns.items():
            quoted = [f'"{c}"' for c in cols]
            old_values = ", ".join(f"old.{c}" for c in ["rowid", *quoted])
            all_args = ", ".join(f"a{n}" for n in range(len(cols) + 1))
            reinsert = (f"INSERT INTO {table} (rowid, {', '.join(quoted)}) "
                        f"VALUES ({', '.join('?' * (len(cols) + 1))})")
            restore = (f"UPDATE {table} SET {', '.join(f'{c}=?' for c in quoted)} "
                       f"WHERE rowid=?")
            old_then_rowid = ", ".join([*(f"old.{c}" for c in quoted), "old.rowid"])
            self.db.execute(f"""
                CREATE TEMP TRIGGER undo_{table}_insert AFTER INSERT ON main.{table}
                BEGIN INSERT INTO undolog (sql, a0) VALUES
                  ('DELETE FROM {table} WHERE rowid=?', new.rowid); END""")
            self.db.execute(f"""
                CREATE TEMP TRIGGER undo_{table}_update AFTER UPDATE ON main.{table}
                BEGIN INSERT INTO undolog (sql, {all_args}) VALUES
                  ('{restore}', {old_then_rowid}); END""")
            self.db.execute(f"""
                CREATE TEMP TRIGGER undo_{table}_delete BEFORE DELETE ON main.{table}
                BEGIN INSERT INTO undolog (sql, {all_args}) VALUES
                  ('{reinsert}', {old_values}); END""")

    def _last_seq(self) -> int:
        return self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM undolog").fetchone()[0]

    @contextmanager
    def step(self, name: str, entity: str = "", entity_id: int | None = None) -> Iterator[Database]:
        """One user action: one transaction, one change log entry, one undo step."""
        before = self._last_seq()
        with changelog.action(self.db, name, entity, entity_id):
            yield self.db
        self._end_step(name, before)

    def _end_step(self, name: str, before: int) -> None:
        """What was logged after seq *before* is the newest step; it ends the redo history."""
        after = self._last_seq()
        if after > before:
            self.undo_steps.append(_Step(name, before + 1, after))
            for stale in self.redo_steps:
                self.db.execute("DELETE FROM undolog WHERE seq BETWEEN ? AND ?",
                                [stale.first, stale.last])
            self.redo_steps.clear()
            if len(self.undo_steps) > self.limit:
                dropped = self.undo_steps.pop(0)
                self.db.execute("DELETE FROM undolog WHERE seq <= ?", [dropped.last])

    def run(self, name: str, fn: Callable[[Database], T]) -> T:
        with self.step(name):
            return fn(self.db)

    def adopt(self, name: str, rows: list[tuple]) -> None:
        """Make the log *rows* of an action committed by `run_detached` the newest step, as
        if it had run here (the redo history ends). Should this fail, the whole history is
        dropped: the action's rows may have taken ids that a kept redo step would re-insert."""
        before = self._last_seq()
        try:
            if rows:
                width = len(rows[0]) - 1
                columns = ", ".join(["sql", *(f"a{n}" for n in range(width))])
                with self.db.atomic():
                    self.db.conn.executemany(
                        f"INSERT INTO undolog ({columns}) VALUES ({', '.join('?' * (width + 1))})",
                        rows)
        except BaseException:
            try:
                self.clear()
            except sqlite3.Error:
                pass  # (the steps are forgotten all the same: clear() drops them first)
            raise
        self._end_step(name, before)

    def can_undo(self) -> bool:
        return bool(self.undo_steps)

    def can_redo(self) -> bool:
        return bool(self.redo_steps)

    def undo_name(self) -> str:
        return self.undo_steps[-1].name if self.undo_steps else ""

    def redo_name(self) -> str:
        return self.redo_steps[-1].name if self.redo_steps else ""

    def _replay(self, step: _Step, label: str) -> _Step:
        """Run a step's inverse statements newest first; what they log becomes the opposite step."""
        args = ", ".join(f"a{n}" for n in range(self.width))
        logged = self.db.execute(
            f"SELECT sql, {args} FROM undolog WHERE seq BETWEEN ? AND ? ORDER BY seq DESC",
            [step.first, step.last]).fetchall()
        with changelog.action(self.db, label, summary=step.name):
            # Foreign keys are checked at commit, so the replay order within a step never trips them.
            self.db.execute("PRAGMA defer_foreign_keys = ON")
            self.db.execute("DELETE FROM undolog WHERE seq BETWEEN ? AND ?", [step.first, step.last])
            before = self._last_seq()
            item_rows = sum(1 for row in logged if row[0].startswith(_ROW_OF_ITEMS))
            bulk = items.many_changes(self.db, item_rows)
            with items.search_index_set_aside(self.db) if bulk else nullcontext():
                # Runs of the same statement (the rows of one table an action touched) go as one
                # executemany, in their order: prepared once, not once per row.
                for sql, run in groupby(logged, key=lambda row: row[0]):
                    width = sql.count("?")
                    self.db.conn.executemany(sql, [row[1:1 + width] for row in run])
        return _Step(step.name, before + 1, self._last_seq())

    def undo(self) -> str | None:
        """Undo the last action; returns its name."""
        if not self.undo_steps:
            return None
        step = self.undo_steps[-1]
        redo = self._replay(step, "undo")  # if this fails, it rolled back: the step stays
        self.undo_steps.pop()
        self.redo_steps.append(redo)
        return step.name

    def redo(self) -> str | None:
        """Redo the last undone action; returns its name."""
        if not self.redo_steps:
            return None
        step = self.redo_steps[-1]
        undo = self._replay(step, "redo")
        self.redo_steps.pop()
        self.undo_steps.append(undo)
        return step.name

    def clear(self) -> None:
        self.undo_steps.clear()
        self.redo_steps.clear()
        self.db.execute("DELETE FROM undolog")


# A worker's connection keeps this much of the file in memory (KiB, used only as needed); it
# never spills changes into the file before its commit (cache_spill off: a spill takes the
# exclusive lock until the commit, and the main connection could not read meanwhile). A
# 10,000-activity import writes about 16 MB.
DETACHED_CACHE_KIB = 64 * 1024


@dataclass
class Detached(Generic[T]):
    """What `run_detached` returns: the action's result, and its undo log rows (oldest first:
    the statement, then its values) for `UndoLog.adopt`."""

    result: T
    rows: list[tuple]


def run_detached(path: str | Path, name: str, fn: Callable[[Database], T]) -> Detached[T]:
    """Run fn(db) as one user action (one transaction, one change log entry) on a connection
    of its own to the database at *path*: for a worker thread, where the app's connection
    cannot go. The action's undo rows are read before its commit, so that they come back
    with it or not at all; the caller passes them to the app's `UndoLog.adopt`, and must make
    no other write to the database meanwhile (ui.context.AppContext.perform_in_background)."""
    db = _open_writer(Path(path))
    try:
        log = UndoLog(db)  # the same triggers, on this connection's own TEMP log
        args = ", ".join(f"a{n}" for n in range(log.width))
        with changelog.action(db, name):
            result = fn(db)
            rows = db.execute(f"SELECT sql, {args} FROM undolog ORDER BY seq").fetchall()
        return Detached(result, rows)
    finally:
        db.close()


def _open_writer(path: Path) -> Database:
    """A second connection to the database the app has open (and checked, migrated, locked),
    set up as the app's own."""
    from .database import StorageError, configure, storage_error

    if not path.is_file():  # gone meanwhile (a pulled stick): never create an empty one
        raise StorageError(
            f"Tệp «{path.name}» không còn ở chỗ cũ (USB bị rút, hoặc tệp bị đổi tên?): chưa lưu "
            "được thay đổi. Hãy đóng rồi mở lại cơ sở dữ liệu; dữ liệu đã lưu trước đó vẫn "
            "nguyên vẹn. (database file not found)")
    conn = None
    try:
        conn = sqlite3.connect(str(path))  # (no URI: network-share paths do not fit one)
        configure(conn)
        conn.execute(f"PRAGMA cache_size = -{DETACHED_CACHE_KIB}")
        # and never spill into the file before the commit, however large the action (a plan of
        # 40,000 activities outgrows the cache): the app's connection keeps reading meanwhile
        conn.execute("PRAGMA cache_spill = OFF")
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        translated = storage_error(exc, path)
        if translated is None:
            raise
        raise translated from exc
    return Database(conn)
