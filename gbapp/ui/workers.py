"""Long work off the GUI thread: a QThreadPool task whose result comes back as a Qt signal.

The function a task runs must not touch Qt widgets or the open database (sqlite3 connections
belong to the thread that made them); importers, which take a path and return plain data, fit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QCursor, QGuiApplication

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
