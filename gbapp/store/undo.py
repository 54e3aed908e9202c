"""Undo and redo of user actions, recorded by the database itself.

Temporary triggers write, for every row a user action inserts, updates or deletes, the SQL
statement that reverses it (the technique of sqlite.org's "Automatic Undo/Redo"). One user
action is one step. The log lives in a TEMP table: it is never saved in the file, and opening a
database starts with an empty history.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TypeVar

from . import changelog
from .connection import Database

T = TypeVar("T")

# Tables whose rows user actions change. change_log is left out: undo is itself logged.
TRACKED = ("plans", "legal_bases", "agencies", "items", "assignments", "periods",
           "progress_reports", "indicators", "indicator_targets", "indicator_values",
           "item_indicators", "settings")


def _columns(db: Database, table: str) -> list[str]:
    return [r[1] for r in db.execute(f"PRAGMA table_info({table})").fetchall()]


def _quote_list(prefix: str, cols: list[str]) -> str:
    return " || ',' || ".join(f"quote({prefix}.\"{c}\")" for c in cols)


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
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS undolog (seq INTEGER PRIMARY KEY, sql TEXT)")
        for table in TRACKED:
            cols = _columns(self.db, table)
            rowid = "rowid"
            col_list = ", ".join(f'"{c}"' for c in cols)
            sets = " || ', ' || ".join(f"'\"{c}\"=' || quote(old.\"{c}\")" for c in cols)
            self.db.execute(f"""
                CREATE TEMP TRIGGER IF NOT EXISTS undo_{table}_insert AFTER INSERT ON main.{table}
                BEGIN INSERT INTO undolog (sql) VALUES
                  ('DELETE FROM {table} WHERE rowid=' || new.{rowid}); END""")
            self.db.execute(f"""
                CREATE TEMP TRIGGER IF NOT EXISTS undo_{table}_update AFTER UPDATE ON main.{table}
                BEGIN INSERT INTO undolog (sql) VALUES
                  ('UPDATE {table} SET ' || {sets} || ' WHERE rowid=' || old.{rowid}); END""")
            self.db.execute(f"""
                CREATE TEMP TRIGGER IF NOT EXISTS undo_{table}_delete BEFORE DELETE ON main.{table}
                BEGIN INSERT INTO undolog (sql) VALUES
                  ('INSERT INTO {table} (rowid, {col_list}) VALUES (' || old.{rowid} || ',' ||
                   {_quote_list('old', cols)} || ')'); END""")
        if self._last_seq():  # a second log on the same connection starts empty too
            self.db.execute("DELETE FROM undolog")

    def _last_seq(self) -> int:
        return self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM undolog").fetchone()[0]

    @contextmanager
    def step(self, name: str, entity: str = "", entity_id: int | None = None) -> Iterator[Database]:
        """One user action: one transaction, one change log entry, one undo step."""
        before = self._last_seq()
        with changelog.action(self.db, name, entity, entity_id):
            yield self.db
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
        statements = [r[0] for r in self.db.execute(
            "SELECT sql FROM undolog WHERE seq BETWEEN ? AND ? ORDER BY seq DESC",
            [step.first, step.last]).fetchall()]
        with changelog.action(self.db, label, summary=step.name):
            # Foreign keys are checked at commit, so the replay order within a step never trips them.
            self.db.execute("PRAGMA defer_foreign_keys = ON")
            self.db.execute("DELETE FROM undolog WHERE seq BETWEEN ? AND ?", [step.first, step.last])
            before = self._last_seq()
            for sql in statements:
                self.db.execute(sql)
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
