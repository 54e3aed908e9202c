"""OverviewPage: counts, the chart by lead agency, overdue and unreported lists, one click away."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from gbapp.domain.entities import ProgressReport
from gbapp.domain.model import Role, Status
from gbapp.store import activities, assignments, periods, progress

SHOTS = Path("/tmp/shots")
TODAY = dt.date(2025, 12, 31)


@pytest.fixture
def ctx(qapp, demo_db, tmp_path):
    from gbapp.ui.context import AppContext

    return AppContext(demo_db, tmp_path / "demo.db")


@pytest.fixture
def page(qtbot, ctx):
    from gbapp.ui.pages.overview_page import OverviewPage

    widget = OverviewPage(ctx)
    widget.today = lambda: TODAY
    widget.reload()
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def click_row(qtbot, view, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 1 if view.model().columnCount() > 2 else 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_counts_match_the_store(page, ctx):
    counts = activities.status_counts(ctx.db, ctx.plan_id, today=TODAY)
    assert page.total_card.number.text() == str(sum(counts.values()))
    for status, card in page.cards.items():
        assert card.number.text() == str(counts[status])
    assert page.cards[Status.OVERDUE].caption.text() == "Quá hạn chưa hoàn thành"


def test_chart_has_one_bar_per_lead_with_counts_by_status(page, ctx):
    expected: dict[str, dict[Status, int]] = {}
    for lead, status, n in activities.status_by_lead(ctx.db, ctx.plan_id, today=TODAY):
        expected.setdefault(lead or "(Chưa giao chủ trì)", {})[status] = n
    assert dict(page.chart.bars()) == expected
    assert sum(sum(c.values()) for _, c in page.chart.bars()) == int(page.total_card.number.text())


def test_clicking_an_overdue_row_opens_that_activity(qtbot, page, ctx):
    overdue = activities.query(ctx.db, ctx.plan_id,
                               activities.ActivityFilter(statuses={Status.OVERDUE}), today=TODAY,
                               sort="due")
    assert overdue, "the demo has overdue activities at the end of 2025"
    assert [r.id for r in page.overdue_model.rows()] == [r.id for r in overdue]
    assert page.overdue_box.title() == f"Hoạt động quá hạn chưa hoàn thành ({len(overdue)})"
    assert page.overdue_model.data(page.overdue_model.index(0, 3)) == overdue[0].due.strftime(
        "%d/%m/%Y")
    with qtbot.waitSignal(page.open_item, timeout=1000) as blocker:
        click_row(qtbot, page.overdue, len(overdue) - 1)
    assert blocker.args == [overdue[-1].id]


def test_unreported_agencies_for_the_last_period_due_and_one_click(qtbot, page, ctx):
    plist = periods.list_periods(ctx.db, ctx.plan_id)
    due = max((p for p in plist if p.due_on and p.due_on <= TODAY), key=lambda p: p.due_on)
    assert page.period.currentText() == due.name == "Tháng hành động 2025"
    expected = progress.unreported_agencies(ctx.db, ctx.plan_id, due.id)
    assert page.unreported_model.rows() == expected
    assert "đã quá hạn" in page.due_label.text()

    page.period.setCurrentIndex(page.period.findText("6 tháng đầu năm 2025"))
    half = next(p for p in plist if p.name == "6 tháng đầu năm 2025")
    assert page.unreported_model.rows() == progress.unreported_agencies(ctx.db, ctx.plan_id,
                                                                        half.id)
    with qtbot.waitSignal(page.open_agency, timeout=1000) as blocker:
        click_row(qtbot, page.unreported, 0)
    assert blocker.args == [page.unreported_model.row_at(0)[0], half.id]  # that period's


def complete_first_overdue(page, ctx, row: int = 0) -> int:
    """Report the page's first (or *row*) overdue activity done, as one user action; its id."""
    overdue = page.overdue_model.row_at(row)
    lead_id = next(a.agency_id for a in assignments.for_item(ctx.db, overdue.id)
                   if a.role == Role.LEAD)
    period = periods.list_periods(ctx.db, ctx.plan_id)[-1]
    ctx.perform("Lưu báo cáo tiến độ", lambda db: progress.save(db, ProgressReport(
        item_id=overdue.id, agency_id=lead_id, period_id=period.id, status=Status.DONE_ON_TIME,
        percent=100, completed_on=dt.date(2025, 12, 1))))
    return overdue.id


def overdue_count(page) -> int:
    return int(page.cards[Status.OVERDUE].number.text())


def test_reloads_after_a_change_and_after_undo(page, ctx):
    overdue = page.overdue_model.row_at(0)
    before = int(page.cards[Status.OVERDUE].number.text())
    complete_first_overdue(page, ctx)
    assert int(page.cards[Status.OVERDUE].number.text()) == before - 1
    assert overdue.id not in [r.id for r in page.overdue_model.rows()]
    ctx.undo_last()
    assert int(page.cards[Status.OVERDUE].number.text()) == before


def test_a_hidden_overview_computes_its_figures_when_shown_again(page, ctx, monkeypatch):
    """Every save changes the figures; while another page is shown, nobody reads them."""
    from gbapp.services import overview

    calls = []
    real = overview.load
    monkeypatch.setattr(overview, "load", lambda *a, **k: calls.append(a) or real(*a, **k))
    before = overdue_count(page)
    page.hide()
    complete_first_overdue(page, ctx)
    assert calls == [] and overdue_count(page) == before
    page.show()
    assert len(calls) == 1 and overdue_count(page) == before - 1
    complete_first_overdue(page, ctx)  # shown: at once
    assert len(calls) == 2 and overdue_count(page) == before - 2


def test_a_large_plan_computes_its_figures_off_the_gui_thread(qtbot, ctx, monkeypatch):
    """From `background_from` activities the figures come from a worker thread on its own
    connection; the page says it is updating meanwhile, and shows the newest figures."""
    import threading

    from gbapp.services import overview
    from gbapp.ui.pages.overview_page import OverviewPage

    monkeypatch.setattr(OverviewPage, "background_from", 0)
    threads = []
    real = overview.load
    monkeypatch.setattr(overview, "load",
                        lambda *a, **k: threads.append(threading.current_thread()) or real(*a, **k))
    page = OverviewPage(ctx)
    qtbot.addWidget(page)
    page.today = lambda: TODAY
    page.show()
    assert page.total_card.number.text() == "…"  # not zeros while the first figures come
    page.reload()
    assert page.updating.isVisible()
    qtbot.waitUntil(lambda: page.updating.isHidden() and not page.loader.running, timeout=10_000)
    counts = activities.status_counts(ctx.db, ctx.plan_id, today=TODAY)
    assert overdue_count(page) == counts[Status.OVERDUE]
    assert threads and threading.main_thread() not in threads
    done = complete_first_overdue(page, ctx)
    complete_first_overdue(page, ctx, 1)  # asked for while the first is computed: newest wins
    qtbot.waitUntil(lambda: overdue_count(page) == counts[Status.OVERDUE] - 2, timeout=10_000)
    qtbot.waitUntil(lambda: page.updating.isHidden() and not page.loader.running, timeout=10_000)
    assert done not in [r.id for r in page.overdue_model.rows()]
    assert threading.main_thread() not in threads
    page.reload()
    page.shutdown()  # the window closes the database next: the worker's connection is gone
    assert page.loader.wait(0)


def test_screenshot(page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.resize(1366, 768)
    assert page.grab().save(str(SHOTS / "overview.png"))


def test_a_plan_without_periods_says_so_instead_of_zero_unreported(qtbot, tmp_path):
    """Right after an import: not "(0)" agencies unreported, which reads as all reported."""
    from gbapp.importers import parse_plan_text
    from gbapp.services.importing import store_plan
    from gbapp.store import open_database
    from gbapp.ui.context import AppContext
    from gbapp.ui.pages.overview_page import OverviewPage

    db = open_database(tmp_path / "new.db")
    store_plan(db, parse_plan_text("KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2025\n"
                                   "I. NHIỆM VỤ\n1. Tập huấn. Sở Nội vụ chủ trì.\n2. Hội thi.\n"))
    widget = OverviewPage(AppContext(db, tmp_path / "new.db"))
    qtbot.addWidget(widget)
    widget.reload()
    title = widget.unreported_box.title()
    assert "(0)" not in title and "chưa có kỳ báo cáo" in title and "Tiến độ" in title
    db.close()


def test_the_department_itself_is_marked_and_counted_as_the_report_counts(qtbot, page, ctx):
    # the overview said 11 agencies yet to report while the report and reminder said 10: the
    # department writing them was among the 11
    from gbapp.services.documents import collect_report

    plist = periods.list_periods(ctx.db, ctx.plan_id)
    due = max((p for p in plist if p.due_on and p.due_on <= TODAY), key=lambda p: p.due_on)
    report = collect_report(ctx.db, ctx.plan_id, due.id, today=TODAY)
    assert f"({len(report.unreported)})" in page.unreported_box.title()
    shown = [page.unreported_model.data(page.unreported_model.index(r, 0))
             for r in range(page.unreported_model.rowCount())]
    own = [name for name in shown if "cơ quan mình" in name]
    assert own and own[0].startswith("Sở Nội vụ")
    assert len(shown) - len(own) == len(report.unreported)
