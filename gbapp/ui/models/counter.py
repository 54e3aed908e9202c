"""Counting the filtered activities off the GUI thread, on a second (read-only) connection.

On 100,000 activities a count takes up to a quarter of a second (short search words scan
every row), longer than a keystroke may take. The table shows its first page at once; the
count arrives a moment later for the "Đang lọc: 37/130" banner. Only the newest request is
answered: older ones are skipped when a newer one is queued.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from ...store.activities import ActivityFilter
from ..workers import yields_to_writes


class _Worker(QObject):
    counted = Signal(int, int)  # generation, count
    interrupted = Signal(int)  # generation: stopped for a write (BackgroundCounter._yield)

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self.db = None
        self.latest = 0
        self.lock = threading.Lock()
        self.paused = threading.Event()  # set while the main connection writes

    @Slot(int, int, object, object)
    def count(self, generation: int, plan_id: int, f: ActivityFilter, today: dt.date) -> None:
        with self.lock:
            if generation != self.latest:
                return  # a newer request is queued
        from ...store import activities, open_reader

        if self.db is None:  # made in this thread: sqlite3 connections stay in their thread
            db = open_reader(self.path)
            db.conn.set_progress_handler(self.paused.is_set, 10_000)  # a write goes first
            with self.lock:
                self.db = db
        try:
            n = activities.count(self.db, plan_id, f, today=today)
        except sqlite3.OperationalError:
            if not self.paused.is_set():
                raise
            self.interrupted.emit(generation)
            return
        self.counted.emit(generation, n)

    def interrupt(self) -> None:
        """Stop a count now (any thread): a commit must not wait for it."""
        self.paused.set()
        with self.lock:
            if self.db is not None:
                self.db.conn.interrupt()

    @Slot()
    def close(self) -> None:
        with self.lock:
            db, self.db = self.db, None
        if db is not None:
            db.close()


class BackgroundCounter(QObject):
    """`request(plan_id, filter, today)`; `counted(n)` follows for the newest request only."""

    counted = Signal(int)
    _ask = Signal(int, int, object, object)
    _close = Signal()

    # Counting waits until typing pauses: a count per keystroke would compete with the next
    # keystroke's query for the machine's two cores, and nobody reads the banner mid-word.
    SETTLE_MS = 250

    def __init__(self, path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self._generation = 0
        self._pending: tuple[int, ActivityFilter, dt.date] | None = None
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(self.SETTLE_MS)
        self._settle.timeout.connect(self._send)
        self._thread = QThread()
        self._worker = _Worker(Path(path))
        self._worker.moveToThread(self._thread)
        self._ask.connect(self._worker.count)
        self._close.connect(self._worker.close)
        self._worker.counted.connect(self._deliver)
        self._worker.interrupted.connect(self._interrupted)
        self._last: tuple[int, ActivityFilter, dt.date] | None = None  # the request sent last
        yields_to_writes(self)

    def _ensure_started(self) -> None:
        if not self._thread.isRunning():  # started on first use: small plans never need it
            self._thread.start()

    def request(self, plan_id: int, f: ActivityFilter, today: dt.date) -> None:
        self._generation += 1
        with self._worker.lock:
            self._worker.latest = self._generation  # an older count in flight is not delivered
        self._pending = (plan_id, f, today)
        self._settle.start()

    def _send(self) -> None:
        if self._pending is None:
            return
        self._ensure_started()
        self._last = self._pending
        self._ask.emit(self._generation, *self._pending)
        self._pending = None

    def _yield(self) -> None:
        self._worker.interrupt()

    def _resume(self) -> None:
        self._worker.paused.clear()

    def _interrupted(self, generation: int) -> None:
        if generation == self._generation and self._pending is None and self._last is not None:
            self._pending = self._last  # count again, after the write
            self._settle.start()

    def _deliver(self, generation: int, n: int) -> None:
        if generation == self._generation:
            self.counted.emit(n)

    def stop(self) -> None:
        """Close the second connection and end the thread (before the database closes)."""
        self._settle.stop()
        self._pending = None
        if self._thread.isRunning():
            self._close.emit()
            self._thread.quit()
            self._thread.wait(10000)
