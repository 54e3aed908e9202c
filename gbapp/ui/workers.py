"""Long work off the GUI thread: a QThreadPool task whose result comes back as a Qt signal.

The function a task runs must not touch Qt widgets or the open database (sqlite3 connections
belong to the thread that made them); importers, which take a path and return plain data, fit,
and so does a write on a connection of the task's own (store.undo.run_detached).
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QCursor, QGuiApplication
from shiboken6 import isValid

from ..store import CancellableRead, ReadCancelled

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


_WAITED_ON: list[int] = []  # run_with_progress calls under way (nested: one each)
_CLOSE_AFTER: list[QObject] = []  # windows asked to close meanwhile (close_after)


def with_progress_running() -> bool:
    """Whether run_with_progress is under way (a backup or a restore being waited for)."""
    return bool(_WAITED_ON)


def close_after(window: QObject) -> None:
    """Close *window* once the run_with_progress under way has ended: a close asked for
    meanwhile (the title bar's button is no user input the blocker keeps out) would tear the
    window down under a restore that is about to reopen its database."""
    if window not in _CLOSE_AFTER:
        _CLOSE_AFTER.append(window)


def run_with_progress(parent, label: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run *fn* off the GUI thread behind a modal busy indicator; return its result or raise.

    For work the user waits for anyway (backup, restore): the window stays painted and the
    indicator shows, but no other action can start meanwhile (not even in the moment before
    the indicator shows: user_input_blocked).
    """
    from PySide6.QtCore import QEventLoop, Qt
    from PySide6.QtWidgets import QProgressDialog

    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumDuration(300)
    # A busy dialog (range 0–0) never shows itself unless a value is set: setValue(0) starts
    # the timer that shows it after the minimum duration.
    dialog.setValue(0)
    outcome: dict[str, Any] = {}
    loop = QEventLoop()
    task = Task(fn, *args, **kwargs)
    task.signals.finished.connect(lambda result: (outcome.setdefault("result", result), loop.quit()))
    task.signals.failed.connect(lambda exc: (outcome.setdefault("error", exc), loop.quit()))
    task.start()
    _WAITED_ON.append(1)
    try:
        with user_input_blocked(dialog):
            loop.exec()
    finally:
        _WAITED_ON.pop()
        dialog.close()
        dialog.deleteLater()
        if not _WAITED_ON:
            from PySide6.QtCore import QTimer

            for window in _CLOSE_AFTER:
                QTimer.singleShot(0, window.close)
            _CLOSE_AFTER.clear()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")


@contextmanager
def busy_cursor() -> Iterator[None]:
    """The wait cursor, for work that stays on the GUI thread because it writes through the open
    connection (and its undo log): undoing a plan of thousands of items takes a second or two,
    and the window must not look hung meanwhile."""
    QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


_INPUT = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick, QEvent.Type.Wheel, QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease, QEvent.Type.Shortcut, QEvent.Type.ShortcutOverride,
    QEvent.Type.ContextMenu, QEvent.Type.InputMethod, QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TabletPress,
    QEvent.Type.TabletRelease, QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop,
    QEvent.Type.NativeGesture, QEvent.Type.Gesture,
})


class _InputBlocker(QObject):
    """Drops the user's input to every widget; *keep_open* widgets refuse to close."""

    def __init__(self, keep_open: tuple[QObject, ...]):
        super().__init__()
        self.keep_open = keep_open

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # "the widget takes the key": no shortcut fires either
            return True
        if kind in _INPUT:
            return True
        if kind == QEvent.Type.Close and any(obj is w for w in self.keep_open):
            event.ignore()
            return True
        return False


@contextmanager
def user_input_blocked(*keep_open: QObject) -> Iterator[None]:
    """While work the user waits for runs in the background with the event loop turning (the
    window repaints, timers tick): no click, key, shortcut or drop reaches any widget, and the
    *keep_open* widgets (the progress dialog) cannot be closed. A modal progress dialog keeps
    the input out too, but only once it shows, after a moment."""
    app = QCoreApplication.instance()
    blocker = _InputBlocker(keep_open)
    app.installEventFilter(blocker)
    try:
        yield
    finally:
        app.removeEventFilter(blocker)


class LatestLoader(QObject):
    """Background reads for a page whose figures take seconds on a large plan.

    `request(path, fn, *args)` runs fn(db, *args) in a worker thread on a reader of its own
    (store.CancellableRead). One read runs at a time; only the newest request's result is
    delivered (to *on_done*, or its error to *on_error*, in the GUI thread): a newer request,
    or `invalidate()` (the page showed newer figures itself), stops the running read and drops
    what it would have returned. Around a write of the user's data, `writes_first()` stops
    every running read and runs it again afterwards, so that a save never waits for one.
    `running` tells a page to say it is updating."""

    running_changed = Signal(bool)

    def __init__(self, on_done: Callable[[Any], None], on_error: Callable[[BaseException], None],
                 parent: QObject | None = None):
        super().__init__(parent)
        self._on_done, self._on_error = on_done, on_error
        self._token = 0  # of the newest request
        self._job: tuple[int, CancellableRead] | None = None  # (token, the running read)
        self._queued: tuple[int, Path, Callable[..., Any], tuple] | None = None
        self._idle = threading.Event()  # set while no read runs
        self._idle.set()
        yields_to_writes(self)

    @property
    def running(self) -> bool:
        return self._job is not None or self._queued is not None

    def request(self, path: Path, fn: Callable[..., Any], *args: Any) -> None:
        self._token += 1
        item = (self._token, Path(path), fn, args)
        if self._job is not None:
            self._queued = item
            self._job[1].cancel()  # what it reads is no longer wanted
            return
        if _writing:  # a write is under way (it can outlast a turn of the event loop when it
            # runs in a worker: AppContext.perform_in_background): read once it is done
            was_running = self.running
            self._queued = item
            if not was_running:
                self.running_changed.emit(True)
            return
        self._start(item)

    def invalidate(self) -> None:
        """Whatever was requested is out of date: it is stopped and never delivered."""
        self._token += 1
        was_running = self.running
        self._queued = None
        if self._job is not None:
            self._job[1].cancel()
        elif was_running:  # only a queued read, now dropped
            self.running_changed.emit(False)

    def _start(self, item: tuple[int, Path, Callable[..., Any], tuple]) -> None:
        token, path, fn, args = item
        was_running = self.running
        read = CancellableRead(path, fn, *args)
        self._job = (token, read)
        self._queued = None
        idle = self._idle
        idle.clear()

        def job() -> Any:  # in the worker thread: no Qt, no self
            try:
                return read()
            finally:
                idle.set()

        run_task(job, on_done=lambda result: self._ended(item, result, None),
                 on_error=lambda exc: self._ended(item, None, exc))
        if not was_running:
            self.running_changed.emit(True)

    def _ended(self, item: tuple, result: Any, error: BaseException | None) -> None:
        if not isValid(self):  # the page went away meanwhile
            return
        self._job = None
        if isinstance(error, ReadCancelled) and self._queued is None and item[0] == self._token:
            self._queued = item  # stopped for a write, and still wanted: read again after it
        if self._queued is not None:
            if not _writing:  # else started when the write ends (writes_first)
                self._start(self._queued)
            return
        self.running_changed.emit(False)
        if item[0] != self._token or isinstance(error, ReadCancelled):
            return
        if error is not None:
            self._on_error(error)
        else:
            self._on_done(result)

    def _yield(self) -> None:
        if self._job is not None:
            self._job[1].cancel()

    def _resume(self) -> None:
        if self._job is None and self._queued is not None:
            self._start(self._queued)

    def wait(self, timeout_s: float = 60) -> bool:
        """Stop the running read, drop what is queued and wait for the read's thread to let go
        of the file (before the database closes or is restored over)."""
        self._queued = None
        self._token += 1
        if self._job is not None:
            self._job[1].cancel()
        return self._idle.wait(timeout_s)


_writing = 0  # writes_first() blocks open
# What reads the file in the background: each has _yield() (stop reading now) and _resume().
_readers: weakref.WeakSet[QObject] = weakref.WeakSet()


def yields_to_writes(reader: QObject) -> None:
    """Register a background reader of the open database with writes_first()."""
    _readers.add(reader)


@contextmanager
def writes_first() -> Iterator[None]:
    """Around a write on the main connection (each user action, undo and redo): every
    background read stops now and starts again when the write is done, so that the commit
    waits for none of them (a rollback journal makes a commit wait for every reader)."""
    global _writing
    _writing += 1
    try:
        for reader in list(_readers):
            if isValid(reader):
                reader._yield()
        yield
    finally:
        _writing -= 1
        if not _writing:
            for reader in list(_readers):
                if isValid(reader):
                    reader._resume()
