"""What every page is given: the open database, the current plan, undo history, change signals.

Pages never write SQL: they call store functions through `perform`, which makes each user
action one transaction, one change-log entry and one undo step, then tells every page.
`perform_in_background` does the same for an action of seconds (storing an imported plan),
with the window kept alive meanwhile.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Signal
from shiboken6 import isValid

from ..store import plans
from ..store.connection import Database
from ..store.undo import Detached, UndoLog, run_detached
from .workers import run_task, writes_first

T = TypeVar("T")
log = logging.getLogger(__name__)


@dataclass
class _Background:
    """A user action running in a worker (perform_in_background)."""

    name: str
    writes: ExitStack  # holds writes_first() open until the action has ended
    on_done: Callable[[Any], None]
    on_error: Callable[[BaseException], None]


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
        self._background: _Background | None = None
        self._wake: list[Callable[[], None]] = []  # wait_background() loops to end

    def set_plan(self, plan_id: int | None) -> None:
        if plan_id != self.plan_id:
            self.plan_id = plan_id
            self.plan_changed.emit(plan_id)

    def perform(self, name: str, fn: Callable[[Database], T]) -> T:
        """Run one user action (*name* is shown in Edit → Undo) and notify the pages."""
        self.wait_background()  # one write at a time, in the order asked for
        self._first_change()
        with writes_first():  # (pages reload inside: their reads start once, after the write)
            result = self.undo.run(name, fn)
            self.actions += 1
            self._after_change()
        return result

    def perform_in_background(self, name: str, fn: Callable[[Database], T], *,
                              on_done: Callable[[T], None],
                              on_error: Callable[[BaseException], None]) -> None:
        """`perform` for an action of seconds: fn(db) runs in a worker thread while the event
        loop turns (the caller shows progress and keeps the user's input out). The same
        outcome: one transaction, one change-log entry, one undo step named *name*, then the
        pages told; then *on_done*(result) in the GUI thread, or *on_error*(exception) when
        nothing was saved (the database is as it was).

        Why a second connection: the app's connection belongs to the GUI thread (sqlite3's
        check_same_thread), and the GUI thread keeps reading through it while the event loop
        turns (a view fetching rows on a timer), so lending it to the worker would mix those
        reads into the half-done action. The worker opens its own connection to the same file
        (store.undo.run_detached): the database's own locking keeps the two apart, and a read
        here sees the data as it was until the commit. The undo triggers are TEMP, per
        connection, so the worker's connection gets its own, and their rows, read before the
        commit, become the step of this log here (UndoLog.adopt). What could interleave is
        held off until the action has ended: any other write (perform, undo and redo wait for
        it; so does closing, see MainWindow.close_database), the background readers
        (writes_first(), as around every write: a commit waits for every reader), and the
        one-writer lock (store.lock) is this process's, held until the database closes."""
        self.wait_background()
        self._first_change()
        path = self.db.file_path() or self.path
        writes = ExitStack()
        writes.enter_context(writes_first())
        job = _Background(name, writes, on_done, on_error)
        self._background = job
        try:
            run_task(run_detached, path, name, fn,
                     on_done=lambda detached: self._background_ended(job, detached, None),
                     on_error=lambda exc: self._background_ended(job, None, exc))
        except BaseException:
            self._background = None
            writes.close()
            raise

    @property
    def busy(self) -> bool:
        """Whether an action runs in the background (perform_in_background)."""
        return self._background is not None

    def wait_background(self) -> None:
        """Return once no action runs in the background, its outcome handled (the undo step
        recorded, the pages told, its callbacks run). The event loop turns meanwhile, without
        the user's input."""
        while self._background is not None:
            loop = QEventLoop()
            self._wake.append(loop.quit)
            try:
                if self._background is not None:
                    loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            finally:
                self._wake.remove(loop.quit)

    def _background_ended(self, job: _Background, detached: Detached | None,
                          error: BaseException | None) -> None:
        if self._background is not job:  # (never: one at a time, and nothing drops one)
            return
        self._background = None
        unrecorded: BaseException | None = None
        try:
            if error is None and isValid(self):
                try:
                    self.undo.adopt(job.name, detached.rows)
                except Exception as exc:  # noqa: BLE001 - saved all the same: say so, go on
                    log.exception("the undo step of %s was not recorded", job.name)
                    unrecorded = exc
                self.actions += 1
                self._after_change()
        finally:
            job.writes.close()
            for wake in list(self._wake):
                wake()
        if error is not None:
            job.on_error(error)
            return
        job.on_done(detached.result)
        if unrecorded is not None:
            self.problem.emit("Không hoàn tác được", (
                f"Đã lưu «{job.name}», nhưng không ghi được bước hoàn tác của thao tác này "
                f"({unrecorded}). Lịch sử Hoàn tác/Làm lại đã được xóa; dữ liệu đã lưu không "
                "bị ảnh hưởng."))

    def undo_last(self) -> str | None:
        self.wait_background()
        with writes_first():
            name = self.undo.undo()
            if name is not None:
                self._after_change()
        return name

    def redo_last(self) -> str | None:
        self.wait_background()
        with writes_first():
            name = self.undo.redo()
            if name is not None:
                self._after_change()
        return name

    def _first_change(self) -> None:
        if self.before_first_change is not None:
            hook, self.before_first_change = self.before_first_change, None
            hook()

    def _after_change(self) -> None:
        self.dirty = True
        self.undo_state_changed.emit()
        self.data_changed.emit()
