"""Background reads (ui.workers.LatestLoader) give way to the user's writes and never show
figures of an older state."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest

from gbapp.domain.model import Status
from gbapp.store import activities, periods, plans, progress

SLOW = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 60000000) "
        "SELECT COUNT(*) FROM c JOIN (SELECT id FROM items LIMIT 1)")  # seconds, reading the file


@pytest.fixture
def ctx(qapp, demo_db, tmp_path):
    from gbapp.ui.context import AppContext

    return AppContext(demo_db, tmp_path / "demo.db")


def test_a_save_does_not_wait_for_a_background_read(qtbot, ctx):
    """The file keeps a rollback journal: a commit waits for every reader's statement. A read of
    seconds is stopped for the save and made again after it, on the saved data."""
    from gbapp.store import plans
    from gbapp.ui.workers import LatestLoader

    started, calls, results = threading.Event(), [], []

    def read(db):
        calls.append(1)
        if len(calls) == 1:
            started.set()
            return db.execute(SLOW).fetchone()[0]
        return db.execute("SELECT title FROM plans WHERE id = ?", [ctx.plan_id]).fetchone()[0]

    loader = LatestLoader(results.append, lambda exc: results.append(exc))
    loader.request(ctx.path, read)
    assert started.wait(10)
    time.sleep(0.2)  # the slow statement holds its lock now
    t0 = time.perf_counter()
    ctx.perform("Sửa trích yếu", lambda db: db.execute(
        "UPDATE plans SET title = 'Kế hoạch đã sửa' WHERE id = ?", [ctx.plan_id]))
    assert time.perf_counter() - t0 < 1.0
    qtbot.waitUntil(lambda: not loader.running, timeout=10_000)
    assert results == ["Kế hoạch đã sửa"] and len(calls) == 2  # read again, after the save
    assert plans.get(ctx.db, ctx.plan_id).title == "Kế hoạch đã sửa"


def test_a_result_older_than_what_the_page_shows_is_dropped(qtbot, ctx):
    """invalidate(): the page showed newer figures itself (a small plan read at once, a change
    while hidden); the read still running for the older state is stopped and never shown."""
    from gbapp.ui.workers import LatestLoader

    started, results = threading.Event(), []

    def read(db):
        started.set()
        return db.execute(SLOW).fetchone()[0]

    loader = LatestLoader(results.append, results.append)
    loader.request(ctx.path, read)
    assert started.wait(10)
    t0 = time.perf_counter()
    loader.invalidate()
    qtbot.waitUntil(lambda: not loader.running, timeout=10_000)
    assert time.perf_counter() - t0 < 2.0 and results == []
    loader.request(ctx.path, lambda db: db.execute("SELECT COUNT(*) FROM plans").fetchone()[0])
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    assert results == [1]


# The figures a page shows belong to the plan and period it shows (found in review): a read
# for an older state that ends late must not replace them.

TODAY = dt.date(2025, 12, 31)


def small_plan(ctx):
    from gbapp.importers import parse_plan_text
    from gbapp.services.importing import store_plan
    return ctx.perform("nhập", lambda db: store_plan(db, parse_plan_text(
        "KẾ HOẠCH\nSố: 7/KH-UBND\nThử năm 2025\nI. NHIỆM VỤ\n"
        "1. Một việc nhỏ. Sở Y tế chủ trì. Thời gian: trước ngày 01/01/2025.\n")))


def shown(qtbot, page_class, ctx):
    page = page_class(ctx)
    qtbot.addWidget(page)
    page.today = lambda: TODAY
    page.show()
    return page


def slow(monkeypatch, module, name, gate):
    real = getattr(module, name)
    def wrapper(*a, **k):
        if threading.current_thread() is not threading.main_thread():
            gate.wait(10)  # only the background reads are held
        return real(*a, **k)
    monkeypatch.setattr(module, name, wrapper)


def test_overview_keeps_a_small_plan_when_a_read_for_the_big_one_ends(qtbot, ctx, monkeypatch):
    from gbapp.services import overview
    from gbapp.ui.pages.overview_page import OverviewPage
    big = ctx.plan_id
    n_big = activities.count(ctx.db, big, activities.ActivityFilter(), today=TODAY)
    b = small_plan(ctx)
    ctx.set_plan(big)
    monkeypatch.setattr(OverviewPage, "background_from", n_big)  # big plan in the background
    gate = threading.Event()
    slow(monkeypatch, overview, "load", gate)
    page = shown(qtbot, OverviewPage, ctx)
    assert page.loader.running
    ctx.set_plan(b)  # the small plan: computed at once
    assert page.total_card.number.text() == "1"
    gate.set()
    qtbot.waitUntil(lambda: not page.loader.running, timeout=10_000)
    assert page.total_card.number.text() == "1", "old plan's figures shown for the new plan"


def test_overview_switched_while_hidden_never_shows_the_old_plan(qtbot, ctx, monkeypatch):
    from gbapp.services import overview
    from gbapp.ui.pages.overview_page import OverviewPage
    big = ctx.plan_id
    b = small_plan(ctx)
    ctx.set_plan(big)
    monkeypatch.setattr(OverviewPage, "background_from", 0)  # every plan in the background
    gate = threading.Event()
    slow(monkeypatch, overview, "load", gate)
    page = shown(qtbot, OverviewPage, ctx)
    page.hide()
    ctx.set_plan(b)          # hidden: only marked stale
    gate.set()
    qtbot.waitUntil(lambda: not page.loader.running, timeout=10_000)
    assert page.total_card.number.text() == "…"  # the read for the old plan was dropped
    gate.clear()
    page.show()  # b's figures are read now; meanwhile the page must not call a's figures b's
    during = page.total_card.number.text()
    gate.set()
    qtbot.waitUntil(lambda: not page.loader.running, timeout=10_000)
    assert during in ("…", "1"), "plan A's total shown as plan B's while B loads"


def test_progress_keeps_the_new_plan_when_a_read_for_the_old_ends(qtbot, ctx, monkeypatch):
    from gbapp.ui.pages.progress_page import ProgressPage
    big = ctx.plan_id
    n_big = activities.count(ctx.db, big, activities.ActivityFilter(), today=TODAY)
    b = small_plan(ctx)
    from gbapp.domain.entities import Period
    ctx.perform("kỳ", lambda db: periods.save(db, Period(
        plan_id=b, name="Kỳ B", start_on=dt.date(2025, 1, 1), end_on=dt.date(2025, 6, 30),
        due_on=dt.date(2025, 7, 5))))
    ctx.set_plan(big)
    monkeypatch.setattr(ProgressPage, "background_from", n_big)
    gate = threading.Event()
    slow(monkeypatch, progress, "unreported_agencies", gate)
    page = shown(qtbot, ProgressPage, ctx)
    assert page.loader.running
    ctx.set_plan(b)
    gate.set()
    qtbot.waitUntil(lambda: not page.loader.running, timeout=10_000)
    assert page.unreported_model.rowCount() == len(
        progress.unreported_agencies(ctx.db, b, page._period_id))


def test_progress_save_reads_who_has_not_reported_once(qtbot, ctx, monkeypatch):
    from gbapp.ui.pages.progress_page import ProgressPage
    monkeypatch.setattr(ProgressPage, "background_from", 0)
    calls = []
    real = progress.unreported_agencies
    monkeypatch.setattr(progress, "unreported_agencies",
                        lambda *a, **k: calls.append(a) or real(*a, **k))
    page = shown(qtbot, ProgressPage, ctx)
    qtbot.waitUntil(lambda: not page.loader.running, timeout=10_000)
    calls.clear()

    # make the form dirty through its status editor
    assert page.form.isEnabled()
    from gbapp.domain.entities import ProgressReport
    line = page._current_line()
    page.form.status.setCurrentIndex(page.form.status.findData(Status.IN_PROGRESS))
    monkeypatch.setattr(page.form, "value", lambda: ProgressReport(
        item_id=line.id, agency_id=page._agency_id, period_id=page._period_id,
        status=Status.IN_PROGRESS, percent=40))
    assert page._save_current()
    qtbot.waitUntil(lambda: not page.loader.running, timeout=10_000)
    assert len(calls) == 1


def test_overview_undo_of_a_large_import_shows_the_remaining_plan(qtbot, ctx, monkeypatch):
    """Import a (large) plan, look at the overview, Ctrl+Z the import while its figures load."""
    from gbapp.importers import parse_plan_text
    from gbapp.services import overview
    from gbapp.services.importing import store_plan
    from gbapp.ui.pages.overview_page import OverviewPage
    demo = ctx.plan_id
    monkeypatch.setattr(OverviewPage, "background_from", 20)  # demo plan (13) below, new one above
    gate = threading.Event()
    slow(monkeypatch, overview, "load", gate)
    page = shown(qtbot, OverviewPage, ctx)
    text = "KẾ HOẠCH\nSố: 8/KH-UBND\nLớn năm 2025\nI. NHIỆM VỤ\n" + "".join(
        f"{i}. Việc {i}. Sở Y tế chủ trì.\n" for i in range(1, 31))
    new = ctx.perform("Nhập kế hoạch", lambda db: store_plan(db, parse_plan_text(text)))
    ctx.set_plan(new)                      # as plan_page does after an import
    assert page.loader.running
    ctx.undo_last()                        # the import undone
    ctx.set_plan(plans.latest_id(ctx.db))  # as plan_page does when the plan went
    assert ctx.plan_id == demo and page.total_card.number.text() == "13"
    gate.set()
    qtbot.waitUntil(lambda: not page.loader.running, timeout=10_000)
    assert page.total_card.number.text() == "13"


def test_a_save_does_not_wait_for_the_activities_count(qtbot, ctx, monkeypatch):
    """The activities page counts matches on a reader of its own (models.counter): a count in
    progress stops for the save and is made again after it."""
    from gbapp.store import activities as store
    from gbapp.store.activities import ActivityFilter
    from gbapp.ui.models.counter import BackgroundCounter

    started, calls = threading.Event(), []
    real = store.count

    def count(db, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            started.set()
            db.execute(SLOW).fetchone()
        return real(db, *args, **kwargs)

    monkeypatch.setattr(store, "count", count)
    monkeypatch.setattr(BackgroundCounter, "SETTLE_MS", 0)
    counter = BackgroundCounter(ctx.path)
    counted = []
    counter.counted.connect(counted.append)
    counter.request(ctx.plan_id, ActivityFilter(), TODAY)
    qtbot.waitUntil(started.is_set, timeout=10_000)
    time.sleep(0.2)
    t0 = time.perf_counter()
    ctx.perform("Sửa trích yếu", lambda db: db.execute(
        "UPDATE plans SET title = 'Kế hoạch đã sửa' WHERE id = ?", [ctx.plan_id]))
    assert time.perf_counter() - t0 < 1.0
    qtbot.waitUntil(lambda: bool(counted), timeout=10_000)
    assert counted == [real(ctx.db, ctx.plan_id, ActivityFilter(), today=TODAY)]
    assert len(calls) == 2
    counter.stop()
