"""Storing an imported plan runs in a worker thread: the window repaints and its timers tick
meanwhile, no input of the user reaches it, and the outcome is as when the store ran on the GUI
thread (one undo step "Nhập kế hoạch", all or nothing, the replace question, the pages told)."""

from __future__ import annotations

import sqlite3
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QProgressDialog

from gbapp.paths import resource
from gbapp.store import changelog, items, open_database, periods, plans

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # benchmarks.plangen

SAVING = "Đang lưu kế hoạch…"
DEMO_TXT = resource("demo", "plan93_quangngai_2025.txt")


class PaintCounter(QObject):
    def __init__(self):
        super().__init__()
        self.painted: dict[str, int] = {}

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and isinstance(obj, QProgressDialog):
            self.painted[obj.labelText()] = self.painted.get(obj.labelText(), 0) + 1
        return False


@pytest.fixture
def plan_file(tmp_path):
    from benchmarks.plangen import generate_plan_text

    def make(n: int) -> Path:
        path = tmp_path / f"kh-{n}.txt"
        path.write_text(generate_plan_text(n), encoding="utf-8")  # "Số: 100/KH-UBND"
        return path

    return make


@pytest.fixture
def gate(monkeypatch):
    """The store does all its writes, then holds its transaction open until the test lets it
    go (gate.set()): a save that takes as long as the test needs."""
    import gbapp.services.importing as importing

    real = importing.store_plan
    release = threading.Event()
    release.started = threading.Event()
    release.threads = []

    def store(db, parsed, **kw):
        plan_id = real(db, parsed, **kw)
        release.threads.append(threading.get_ident())
        release.started.set()
        assert release.wait(10), "the save was never let go"
        return plan_id

    monkeypatch.setattr(importing, "store_plan", store)
    yield release
    release.set()  # never leave a worker waiting


@pytest.fixture
def page(window):
    window.show_page("plan")
    return window.page("plan")


def _preview(qtbot, page, path):
    page.import_plan(path)
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible(),
                    timeout=60000)
    return page.preview


def _notices(page):
    return [d for d in page.findChildren(QProgressDialog) if d.labelText() == SAVING]


def _snapshot(db) -> dict:
    return {table: db.execute(f"SELECT COUNT(*), COALESCE(MAX(rowid), 0) FROM {table}")
            .fetchone() for table in ("plans", "items", "assignments", "change_log",
                                      "periods", "progress_reports")}


def _input_reaches(qtbot, page) -> bool:
    """Whether a click on the form's tab bar and typing in a field reach the page."""
    page.tabs.setCurrentIndex(0)
    field = page.plan_form.number
    text = field.text()
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    qtbot.keyClicks(field, "x")
    reached = page.tabs.currentIndex() == 1 or field.text() != text
    field.setText(text)
    page.plan_form.load(plans.get(page.ctx.db, page.ctx.plan_id))  # nothing left to save
    page.tabs.setCurrentIndex(0)
    return reached


def test_the_window_lives_while_a_large_plan_is_stored(qtbot, window, page, plan_file, gate):
    ctx = window.ctx
    before = _snapshot(ctx.db)
    numbers = [p.number for p in plans.list_plans(ctx.db)]
    preview = _preview(qtbot, page, plan_file(2000))
    ticks: list[bool] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(gate.started.is_set() and not gate.is_set()))
    timer.start()
    counter = PaintCounter()
    QApplication.instance().installEventFilter(counter)
    try:
        preview.accept()
        qtbot.waitUntil(gate.started.is_set, timeout=60000)
        assert gate.threads != [threading.get_ident()]  # not the GUI thread
        # the GUI thread turns its event loop while the worker holds the save
        qtbot.waitUntil(lambda: ticks.count(True) >= 10, timeout=5000)
        assert ctx.busy
        [notice] = _notices(page)
        assert notice.isVisible() and notice.windowModality() != Qt.WindowModality.NonModal
        qtbot.waitUntil(lambda: counter.painted.get(SAVING, 0) >= 1, timeout=5000)
        assert not notice.close() and notice.isVisible()  # it stays until the save ends
        # the app's own connection still reads, and sees the data as it was until the commit
        assert [p.number for p in plans.list_plans(ctx.db)] == numbers
        assert _snapshot(ctx.db) == before
        with qtbot.waitSignal(page.import_finished, timeout=30000) as done:
            gate.set()
    finally:
        timer.stop()
        QApplication.instance().removeEventFilter(counter)
    plan_id = done.args[0]
    assert plans.get(ctx.db, plan_id).number == "100/KH-UBND"
    assert len(items.all_items(ctx.db, plan_id)) > 2000
    assert ctx.plan_id == plan_id and page.model.rowCount() > 0  # the pages show it
    assert window.undo_action.text() == "&Hoàn tác: Nhập kế hoạch"
    assert changelog.recent(ctx.db, 1)[0].action == "Nhập kế hoạch"
    qtbot.waitUntil(lambda: not _notices(page), timeout=2000)
    assert QApplication.overrideCursor() is None
    assert page.import_action.isEnabled()
    assert not ctx.busy


def _activate(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def test_no_input_reaches_the_window_before_the_notice_shows(qtbot, window, page, plan_file,
                                                              gate, monkeypatch):
    """A small plan shows no window unless its save takes a while; meanwhile no click, key or
    shortcut gets through all the same."""
    import gbapp.ui.pages.plan_page as plan_page

    monkeypatch.setattr(plan_page, "SAVE_NOTICE_DELAY_MS", 60000)
    hits = []
    probe = QAction(window)
    probe.setShortcut("Ctrl+Shift+F12")
    probe.triggered.connect(lambda: hits.append(1))
    window.addAction(probe)
    qtbot.keyClick(window, Qt.Key.Key_F12,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert hits == [1]
    hits.clear()
    preview = _preview(qtbot, page, plan_file(20))
    with qtbot.waitSignal(page.import_finished, timeout=30000) as done:
        preview.accept()
        qtbot.waitUntil(gate.started.is_set, timeout=30000)
        assert not [d for d in _notices(page) if d.isVisible()]  # no modal window yet
        assert not _input_reaches(qtbot, page)
        _activate(qtbot, window)  # (the preview that closed took the activation along)
        qtbot.keyClick(window, Qt.Key.Key_F12,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        assert hits == []
        gate.set()
    assert done.args[0] is not None
    assert _input_reaches(qtbot, page)  # and it does again once the save has ended
    _activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F12,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert hits == [1]


class ShowCounter(QObject):
    def __init__(self):
        super().__init__()
        self.shown: list[str] = []

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Show and isinstance(obj, QProgressDialog):
            self.shown.append(obj.labelText())
        return False


def test_a_small_plan_saves_without_a_window(qtbot, window, page, plan_file):
    preview = _preview(qtbot, page, plan_file(5))
    counter = ShowCounter()
    QApplication.instance().installEventFilter(counter)
    try:
        with qtbot.waitSignal(page.import_finished, timeout=30000) as done:
            preview.accept()
        qtbot.wait(50)
    finally:
        QApplication.instance().removeEventFilter(counter)
    assert done.args[0] is not None
    assert SAVING not in counter.shown
    assert not _notices(page)


def test_a_background_read_asked_for_during_a_write_starts_after_it(qtbot, window):
    """A read started meanwhile would hold the commit up (a rollback journal makes a commit
    wait for every reader): asked for while a write runs, it waits for the write's end."""
    from gbapp.ui.workers import LatestLoader, writes_first

    calls, results = [], []

    def read(db):
        calls.append(threading.get_ident())
        return db.execute("SELECT COUNT(*) FROM plans").fetchone()[0]

    loader = LatestLoader(results.append, results.append)
    with writes_first():
        loader.request(window.ctx.path, read)
        assert loader.running
        qtbot.wait(300)
        assert calls == [] and results == []
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    assert results == [1] and len(calls) == 1 and not loader.running


def test_undo_and_redo_after_the_threaded_import(qtbot, window, page, plan_file):
    ctx = window.ctx
    demo_plan = ctx.plan_id
    added = ctx.perform("Thêm mục", lambda db: items.insert(db, demo_plan, None,
                                                          title="Mục thêm trước khi nhập"))
    before = _snapshot(ctx.db)
    path = plan_file(300)
    preview = _preview(qtbot, page, path)
    with qtbot.waitSignal(page.import_finished, timeout=30000) as done:
        preview.accept()
    plan_id = done.args[0]
    after = _snapshot(ctx.db)
    assert after != before

    window.undo_action.trigger()  # Sửa → Hoàn tác: Nhập kế hoạch
    assert plans.get(ctx.db, plan_id) is None and items.all_items(ctx.db, plan_id) == []
    assert ctx.plan_id == demo_plan and page.model.rowCount() > 0
    assert window.undo_action.text() == "&Hoàn tác: Thêm mục"
    assert window.redo_action.text() == "&Làm lại: Nhập kế hoạch"
    window.undo_action.trigger()  # the step before the import is still there, and undoes
    assert items.get(ctx.db, added) is None
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert _data(_snapshot(ctx.db)) == _data(after)  # (undo and redo add change log entries)
    assert items.get(ctx.db, added) is not None and plans.get(ctx.db, plan_id) is not None

    # undone again, then imported anew: the new plan takes the freed ids, so the old redo
    # step (which would re-insert them) is gone, and the new import undoes cleanly
    window.undo_action.trigger()
    preview = _preview(qtbot, page, path)
    with qtbot.waitSignal(page.import_finished, timeout=30000) as done:
        preview.accept()
    assert done.args[0] == plan_id
    assert not window.redo_action.isEnabled()
    window.undo_action.trigger()
    assert plans.get(ctx.db, plan_id) is None
    assert window.undo_action.text() == "&Hoàn tác: Thêm mục"


def test_a_failing_store_leaves_nothing_and_says_why(qtbot, window, page, plan_file, answers,
                                                     monkeypatch):
    import gbapp.services.importing as importing
    from gbapp.ui import app

    real = importing.store_plan
    threads = []

    def store_then_fail(db, parsed, **kw):
        real(db, parsed, **kw)  # every row written, then the disk is full
        threads.append(threading.get_ident())
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(importing, "store_plan", store_then_fail)
    ctx = window.ctx
    before = _snapshot(ctx.db)
    undo_text = window.undo_action.text()
    preview = _preview(qtbot, page, plan_file(300))
    hook = sys.excepthook
    app.install_excepthook()  # the app's own: what the user is shown
    try:
        with qtbot.waitSignal(page.import_finished, timeout=30000) as done:
            preview.accept()
    finally:
        sys.excepthook = hook
    assert threads and threads != [threading.get_ident()]
    assert done.args == [None]
    [message] = answers.errors
    assert message.startswith("Ổ đĩa đã đầy: chưa lưu được thay đổi vào «kh.db»")
    assert _snapshot(ctx.db) == before
    assert window.undo_action.text() == undo_text
    qtbot.waitUntil(lambda: not _notices(page), timeout=2000)
    assert QApplication.overrideCursor() is None and page.import_action.isEnabled()
    assert not ctx.busy and _input_reaches(qtbot, page)
    # and the next try saves
    monkeypatch.setattr(importing, "store_plan", real)
    preview = _preview(qtbot, page, plan_file(300))
    with qtbot.waitSignal(page.import_finished, timeout=30000) as done:
        preview.accept()
    assert plans.get(ctx.db, done.args[0]).number == "100/KH-UBND"


def test_replacing_a_plan_asks_then_saves_in_the_background(qtbot, window, page, answers):
    """The demo's plan 93 with its follow-up (periods, reports): replaced after a yes, and
    back as it was after an undo."""
    ctx = window.ctx
    old = plans.find_by_number(ctx.db, "93/KH-UBND")
    old_items = items.all_items(ctx.db, old)
    old_periods = periods.list_periods(ctx.db, old)
    assert old_periods and _snapshot(ctx.db)["progress_reports"][0]
    before = _snapshot(ctx.db)
    answers.replies.append(True)
    preview = _preview(qtbot, page, DEMO_TXT)
    with qtbot.waitSignal(page.import_finished, timeout=30000) as done:
        preview.accept()
    assert answers.asked == [
        "Kế hoạch số 93/KH-UBND đã có. Thay thế kế hoạch cũ (cùng toàn bộ số liệu theo dõi "
        "của nó) bằng kế hoạch vừa đọc?"]
    new = done.args[0]
    assert [p.id for p in plans.list_plans(ctx.db)] == [new]  # (it may take the old one's id)
    assert periods.list_periods(ctx.db, new) == []  # the old plan's follow-up went with it
    assert _snapshot(ctx.db)["progress_reports"][0] == 0
    assert ctx.plan_id == new
    assert window.undo_action.text() == "&Hoàn tác: Nhập kế hoạch"
    assert [s.name for s in ctx.undo.undo_steps] == ["Nhập kế hoạch"]  # one step, not two
    window.undo_action.trigger()
    assert [p.id for p in plans.list_plans(ctx.db)] == [old] and ctx.plan_id == old
    assert items.all_items(ctx.db, old) == old_items
    assert periods.list_periods(ctx.db, old) == old_periods
    assert _counts(_snapshot(ctx.db)) == _counts(before)  # the reports came back too


def _counts(snapshot: dict) -> dict:
    return {table: value[0] for table, value in _data(snapshot).items()}


def _data(snapshot: dict) -> dict:
    return {table: value for table, value in snapshot.items() if table != "change_log"}


@pytest.mark.parametrize("how", ["close the window", "open another database"])
def test_the_database_goes_only_after_the_save(qtbot, window, page, plan_file, gate, answers,
                                               tmp_path, how):
    """Closing (or opening another database) during the save waits for it: nothing lost."""
    path = window.ctx.path
    preview = _preview(qtbot, page, plan_file(300))
    finished = []
    page.import_finished.connect(finished.append)
    preview.accept()
    qtbot.waitUntil(gate.started.is_set, timeout=30000)
    QTimer.singleShot(300, gate.set)
    if how == "close the window":
        window.close()
    else:
        assert window.open_database(tmp_path / "khac.db")
    assert gate.is_set() and len(finished) == 1 and finished[0] is not None
    assert answers.errors == []
    db = open_database(path)
    try:
        assert plans.find_by_number(db, "100/KH-UBND") == finished[0]
    finally:
        db.close()
