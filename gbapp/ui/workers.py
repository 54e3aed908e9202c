"""Long work off the GUI thread: a QThreadPool task whose result comes back as a Qt signal.

The function a task runs must not touch Qt widgets or the open database (sqlite3 connections
belong to the thread that made them); importers, which take a path and return plain data, fit.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QCursor, QGuiApplication
from shiboken6 import isValid

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    """Lives in the GUI thread, so that connected slots run there (queued connections)."""

    finished = Signal(object)  # the function's result
    failed = Signal(object)  # the exception it raised
    progress = Signal(int, str)  # percent (-1: unknown), message


class Task(QRunnable):
    """Run `fn(*args, **kwargs)` in the global thread pool."""

    _running: set[Task] = set()  # keep Python wrappers alive until their signals are delivered

    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any):
        super().__init__()
        self.setAutoDelete(False)
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = TaskSignals()
        self.signals.finished.connect(self._release)
        self.signals.failed.connect(self._release)

    def run(self) -> None:  # runs in a pool thread
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, which decides
            log.info("background task failed: %s", exc, exc_info=True)
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)

    def _release(self, _value: object = None) -> None:
        Task._running.discard(self)

    def start(self, pool: QThreadPool | None = None) -> Task:
        Task._running.add(self)
        (pool or QThreadPool.globalInstance()).start(self)
        return self


def run_task(fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None],
             on_error: Callable[[BaseException], None], **kwargs: Any) -> Task:
    """Start *fn* in the background; *on_done* or *on_error* is then called in the GUI thread."""
    task = Task(fn, *args, **kwargs)
    task.signals.finished.connect(on_done)
    task.signals.failed.connect(on_error)
    return task.start()


def run_with_progress(parent, label: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run *fn* off the GUI thread behind a modal busy indicator; return its result or raise.

    For work the user waits for anyway (backup, restore): the window stays painted and the
    indicator shows, but no other action can start meanwhile.
    """
    from PySide6.QtCore import QEventLoop, Qt
    from PySide6.QtWidgets import QProgressDialog

    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    outcome: dict[str, Any] = {}
    loop = QEventLoop()
    task = Task(fn, *args, **kwargs)
    task.signals.finished.connect(lambda result: (outcome.setdefault("result", result), loop.quit()))
    task.signals.failed.connect(lambda exc: (outcome.setdefault("error", exc), loop.quit()))
    task.start()
    loop.exec()
    dialog.close()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")


@contextmanager
def busy_cursor() -> Iterator[None]:
    """The wait cursor, for work that stays on the GUI thread because it writes through the open
    connection (and its undo log): storing or undoing a plan of thousands of items takes a second
    or two, and the window must not look hung meanwhile."""
    QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


class LatestLoader(QObject):
    """Background reads for a page whose figures take seconds on a large plan: one runs at a
    time, a request made meanwhile runs when it ends, and only the newest request's result is
    delivered (to *on_done*, or its error to *on_error*, in the GUI thread). `running` tells a
    page to say it is updating."""

    running_changed = Signal(bool)

    def __init__(self, on_done: Callable[[Any], None], on_error: Callable[[BaseException], None],
                 parent: QObject | None = None):
        super().__init__(parent)
        self._on_done, self._on_error = on_done, on_error
        self._queued: tuple[Callable[..., Any], tuple] | None = None
        self._idle = threading.Event()  # set while no read runs
        self._idle.set()
        self.running = False

    def request(self, fn: Callable[..., Any], *args: Any) -> None:
        """Run fn(*args) in a worker thread (it must not touch Qt or the open connection)."""
        if self.running:
            self._queued = (fn, args)  # supersedes an older queued request
            return
        self._start(fn, args)

    def _start(self, fn: Callable[..., Any], args: tuple) -> None:
        idle = self._idle
        idle.clear()

        def job() -> Any:  # in the worker thread
            try:
                return fn(*args)
            finally:
                idle.set()

        was_running, self.running = self.running, True
        run_task(job, on_done=lambda result: self._ended(result, None),
                 on_error=lambda exc: self._ended(None, exc))
        if not was_running:
            self.running_changed.emit(True)

    def _ended(self, result: Any, error: BaseException | None) -> None:
        if not isValid(self):  # the page went away meanwhile
            return
        if self._queued is not None:  # a newer request: this result is already stale
            fn, args = self._queued
            self._queued = None
            self._start(fn, args)
            return
        self.running = False
        self.running_changed.emit(False)
        if error is not None:
            self._on_error(error)
        else:
            self._on_done(result)

    def wait(self, timeout_s: float = 60) -> bool:
        """Drop what is queued and wait for the running read (before the database closes)."""
        self._queued = None
        return self._idle.wait(timeout_s)
