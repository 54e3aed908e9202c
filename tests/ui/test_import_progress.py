"""The import's read runs behind a visible busy dialog whose Hủy works, and a read that ends
after its database went (another one opened, or closed) is dropped harmlessly."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog

from gbapp.paths import resource
from gbapp.store import plans

TXT = resource("demo", "plan93_quangngai_2025.txt")


@pytest.fixture
def gate(monkeypatch):
    """read_plan waits until the test lets it go (gate.set()), like a read of a large file."""
    import gbapp.importers as importers

    real = importers.read_plan
    release = threading.Event()
    started = threading.Event()

    def slow(path):
        started.set()
        assert release.wait(20)
        return real(path)

    monkeypatch.setattr(importers, "read_plan", slow)
    release.started = started
    yield release
    release.set()  # never leave a pool thread waiting


def _cancel_button(dialog):
    from PySide6.QtWidgets import QPushButton

    [button] = [b for b in dialog.findChildren(QPushButton) if b.text() == "Hủy"]
    return button


def _visible_progress(page):
    return [d for d in page.findChildren(QProgressDialog) if d.isVisible()]


@pytest.fixture
def win(qtbot, tmp_path, answers):
    from gbapp.ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    assert w.open_database(tmp_path / "kh.db")
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def test_slow_read_shows_a_busy_dialog_then_the_preview(qtbot, win, gate):
    page = win.page("plan")
    win.show_page("plan")
    page.import_plan(TXT)
    qtbot.waitUntil(lambda: bool(_visible_progress(page)), timeout=3000)
    dialog = _visible_progress(page)[0]
    assert "plan93_quangngai_2025.txt" in dialog.labelText()
    assert dialog.isModal() or dialog.windowModality() != Qt.WindowModality.NonModal
    assert not page.import_action.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible(), timeout=10000)
    assert not _visible_progress(page)
    assert page.import_action.isEnabled()


def test_cancel_during_the_read_drops_its_result(qtbot, win, gate):
    page = win.page("plan")
    win.show_page("plan")
    page.import_plan(TXT)
    qtbot.waitUntil(lambda: bool(_visible_progress(page)), timeout=3000)
    dialog = _visible_progress(page)[0]
    with qtbot.waitSignal(page.import_finished, timeout=1000) as done:
        qtbot.mouseClick(_cancel_button(dialog), Qt.MouseButton.LeftButton)
    assert done.args == [None]
    assert not _visible_progress(page)
    assert page.import_action.isEnabled()  # at once, not when the read ends
    gate.set()
    qtbot.wait(1500)  # the read ends meanwhile
    assert page.preview is None
    assert plans.list_plans(win.ctx.db) == []


def test_open_another_database_during_the_read(qtbot, win, gate, tmp_path, answers):
    page = win.page("plan")
    win.show_page("plan")
    page.import_plan(TXT)
    assert gate.started.wait(5)
    assert win.open_database(tmp_path / "other.db")
    gate.set()
    qtbot.wait(1500)  # the read ends after its page and database went: nothing happens
    new_page = win.page("plan")
    assert new_page is not page
    assert new_page.preview is None and not _visible_progress(new_page)
    assert new_page.import_action.isEnabled()
    assert answers.errors == []
    assert plans.list_plans(win.ctx.db) == []
    from gbapp.store import open_database

    first = open_database(tmp_path / "kh.db")
    try:
        assert plans.list_plans(first) == []
    finally:
        first.close()
    # and importing still works on the new database
    new_page.import_plan(TXT)
    qtbot.waitUntil(lambda: new_page.preview is not None, timeout=10000)


def test_close_database_during_the_read(qtbot, win, gate, answers):
    page = win.page("plan")
    win.show_page("plan")
    page.import_plan(TXT)
    assert gate.started.wait(5)
    win.close_database()
    gate.set()
    qtbot.wait(1500)
    assert answers.errors == []
    assert win.ctx is None


def test_backup_progress_dialog_shows(qtbot, win):
    from gbapp.ui.workers import run_with_progress

    seen = []
    release = threading.Event()

    def work():
        assert release.wait(20)
        return 42

    def look():
        seen.extend(d.labelText() for d in win.findChildren(QProgressDialog) if d.isVisible())
        release.set()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(1200, look)
    assert run_with_progress(win, "Đang sao lưu…", work) == 42
    assert seen == ["Đang sao lưu…"]
    qtbot.wait(50)
    assert not [d for d in win.findChildren(QProgressDialog) if d.isVisible()]


def test_no_click_reaches_the_window_before_the_backup_indicator_shows(qtbot, win):
    """run_with_progress (backup, restore) shows its indicator after 300 ms: a click in that
    moment used to reach the window and could start another action meanwhile."""
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPushButton

    from gbapp.ui.workers import run_with_progress

    button = QPushButton("probe", win)
    button.show()
    clicks: list[int] = []
    button.clicked.connect(lambda: clicks.append(1))
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert clicks == [1]
    clicks.clear()
    release = threading.Event()

    def work():
        assert release.wait(20)
        return "ok"

    def click_early():
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        release.set()

    QTimer.singleShot(50, click_early)  # before the indicator shows
    assert run_with_progress(win, "Đang sao lưu…", work) == "ok"
    assert clicks == []
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)  # and input is back afterwards
    assert clicks == [1]


def test_closing_the_window_during_a_backup_waits_for_it(qtbot, win):
    """The title bar's close button is no input the blocker keeps out: closing during a backup
    or a restore tore the window and its database down under the work, which then reopened it
    (a restore). The close now waits for the work and happens after it."""
    from PySide6.QtCore import QTimer

    from gbapp.ui.workers import run_with_progress

    release = threading.Event()
    seen: list[bool] = []

    def work():
        assert release.wait(20)
        return "ok"

    def close_meanwhile():
        seen.append(win.close())  # refused for now
        seen.append(win.isVisible() and win.ctx is not None)
        release.set()

    QTimer.singleShot(100, close_meanwhile)
    assert run_with_progress(win, "Đang khôi phục…", work) == "ok"
    assert seen == [False, True]
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=5000)  # then it closes
