"""What every page is given: the open database, the current plan, undo history, change signals.

Pages never write SQL: they call store functions through `perform`, which makes each user
action one transaction, one change-log entry and one undo step, then tells every page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from ..store import plans
from ..store.connection import Database
from ..store.undo import UndoLog
from .workers import writes_first

T = TypeVar("T")


class AppContext(QObject):
    """The open database and the plan being worked on."""

    data_changed = Signal()  # after any action, undo or redo: pages reload what they show
    plan_changed = Signal(object)  # the current plan id (or None)
    undo_state_changed = Signal()
    problem = Signal(str, str)  # title, text: something the user must know (a backup failed)

    def __init__(self, db: Database, path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.db = db
        self.path = Path(path)
        self.undo = UndoLog(db)
        self.plan_id: int | None = plans.latest_id(db)
        # the reporting period the user last chose on a page: other pages and the export dialog
        # start on it, so that their figures are of the same period
        self.period_id: int | None = None
        self.dirty = False  # changed since opened (a backup is due on close)
        self.actions = 0  # user actions performed since opened (not undos nor redos)
        self.before_first_change: Callable[[], None] | None = None  # run once, before any write

    def set_plan(self, plan_id: int | None) -> None:
        if plan_id != self.plan_id:
            self.plan_id = plan_id
            self.plan_changed.emit(plan_id)

    def perform(self, name: str, fn: Callable[[Database], T]) -> T:
        """Run one user action (*name* is shown in Edit → Undo) and notify the pages."""
        if self.before_first_change is not None:
            hook, self.before_first_change = self.before_first_change, None
            hook()
        with writes_first():  # (pages reload inside: their reads start once, after the write)
            result = self.undo.run(name, fn)
            self.actions += 1
            self._after_change()
        return result

    def undo_last(self) -> str | None:
        with writes_first():
            name = self.undo.undo()
            if name is not None:
                self._after_change()
        return name

    def redo_last(self) -> str | None:
        with writes_first():
            name = self.undo.redo()
            if name is not None:
                self._after_change()
        return name

    def _after_change(self) -> None:
        self.dirty = True
        self.undo_state_changed.emit()
        self.data_changed.emit()
