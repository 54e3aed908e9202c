"""The overview's and the progress page's lists of who has not reported, at year end: the same
rule as the report and the reminder (tests/services/test_year_end_chasing.py). Real widgets
on the demo's database."""

from __future__ import annotations

import datetime as dt

import pytest

from gbapp.domain.model import Role
from gbapp.services.documents import collect_reminder
from gbapp.store import agencies, assignments, items, periods

TODAY = dt.date(2025, 12, 5)
WOMEN, DISTRICT, COMMUNE = "Hội Liên hiệp Phụ nữ tỉnh", "UBND huyện Sơn Tịnh", "UBND xã Tịnh Hà"


@pytest.fixture
def plan(ctx):
    """The plan names the district (inactive from 30/06/2025, successor the commune, as the
    demo ships it) as coordinating on II.3.a, where the commune is not; no merge run."""
    item = next(i for i in items.all_items(ctx.db, ctx.plan_id) if i.ref == "II.3.a")
    cur = assignments.for_item(ctx.db, item.id)
    lead = next(a.agency_id for a in cur if a.role == Role.LEAD)
    coords = [a.agency_id for a in cur if a.role != Role.LEAD]
    district = agencies.find_by_name(ctx.db, DISTRICT)
    ctx.perform("Lưu hoạt động", lambda db: assignments.set_for_item(
        db, item.id, lead, coords + [district]))
    year = next(p for p in periods.list_periods(ctx.db, ctx.plan_id) if p.name == "Năm 2025")
    return item, year


def _rows(model) -> dict[str, int]:
    return {row[1]: row[2] for row in model.rows()}


def test_the_overview_and_the_progress_page_list_who_the_reminder_chases(qtbot, ctx, plan):
    from gbapp.ui.pages.overview_page import OverviewPage
    from gbapp.ui.pages.progress_page import ProgressPage

    item, year = plan
    view = OverviewPage(ctx)
    view.today = lambda: TODAY
    qtbot.addWidget(view)
    view.reload()
    view.period.setCurrentIndex(view.period.findText("Năm 2025"))
    shown = _rows(view.unreported_model)
    # Hội LHPN is late on II.3.a (its only word: a June "đang thực hiện"); the district is
    # gone, its task on II.3.a is the commune's
    assert WOMEN in shown and DISTRICT not in shown
    reminder = collect_reminder(ctx.db, ctx.plan_id, year.id, today=TODAY)
    assert any(line.ref == "II.3.a" and line.unreported and line.role == Role.LEAD
               for a in reminder.agencies if a.agency == WOMEN for line in a.lines)
    chased = {a.agency: sum(line.unreported for line in a.lines) for a in reminder.agencies
              if any(line.unreported for line in a.lines)}
    # (the page marks the writer, Sở Nội vụ, as its own: the documents leave it out)
    own = {row[1] for row in view.unreported_model.rows() if row[0] in view._own}
    assert own == {"Sở Nội vụ"}
    assert {n: c for n, c in shown.items() if n not in own} == chased
    assert view.unreported_box.title() == f"Cơ quan chưa báo cáo đủ ({len(chased)})"
    assert any(line.ref == "II.3.a" and f"kế thừa nhiệm vụ của {DISTRICT}" in line.reason
               for a in reminder.agencies if a.agency == COMMUNE for line in a.lines)

    page = ProgressPage(ctx)
    page.today = lambda: TODAY
    qtbot.addWidget(page)
    page.reload()
    page.period.setCurrentIndex(page.period.findText("Năm 2025"))
    assert _rows(page.unreported_model) == shown
    page.agency.set_current_id(agencies.find_by_name(ctx.db, WOMEN))
    row = page.model.row_of_id(item.id)
    assert page.model.data(page.model.index(row, 3)) == "Chưa báo cáo"


def test_the_successor_of_a_ceased_body_sees_and_reports_its_duties(qtbot, tmp_path):
    """A body gone by the report's date (Ngừng hoạt động, with a successor) has its duties
    held by its successor, whom the documents and the lists chase for them; the successor's
    rows on the progress page lacked them, so the report could not be typed under it."""
    import datetime as dt

    from gbapp.domain.entities import ProgressReport
    from gbapp.domain.model import Status
    from gbapp.services.demo import create_demo
    from gbapp.store import agencies, assignments, items, open_database, periods, progress
    from gbapp.ui.context import AppContext
    from gbapp.ui.pages.progress_page import ProgressPage

    day = dt.date(2025, 12, 5)
    path = tmp_path / "d.db"
    create_demo(path)
    db = open_database(path)
    ctx = AppContext(db, path)
    ctx.plan_id = 1
    year = next(p.id for p in periods.list_periods(db, 1) if p.name == "Năm 2025")
    ceased = next(a for a in agencies.list_agencies(db) if a.name == "UBND huyện Sơn Tịnh")
    assert not ceased.active and ceased.successor_id is not None
    heir = agencies.get(db, ceased.successor_id)

    def owed() -> int:
        return {a[0]: a[2] for a in progress.unreported_agencies(db, 1, year, on=day)}.get(
            heir.id, 0)

    # a task of the ceased body's, not the heir's own, that the year asks a report of
    before = owed()
    for item in items.all_items(db, 1):
        current = assignments.for_item(db, item.id)
        if not item.is_activity or heir.id in {a.agency_id for a in current}:
            continue
        lead = next(a.agency_id for a in current if a.role.value == "chu_tri")
        coords = [a.agency_id for a in current if a.role.value != "chu_tri"]
        ctx.perform("Phân công", lambda d, i=item, le=lead, co=coords: assignments.set_for_item(
            d, i.id, le, [*co, ceased.id]))
        if owed() == before + 1:
            break
        ctx.undo_last()
    else:
        pytest.fail("no task of the demo asks the ceased body a report")
    page = ProgressPage(ctx)
    qtbot.addWidget(page)
    page.today = lambda: day
    page.period.setCurrentIndex(page.period.findText("Năm 2025"))
    page.agency.set_current_id(heir.id)
    page.reload()
    model = page.model
    row = model.row_of_id(item.id)
    assert row is not None
    assert model.data(model.index(row, 2)) == f"Phối hợp (thay {ceased.name})"
    ctx.perform("Báo cáo", lambda d: progress.save(d, ProgressReport(
        item_id=item.id, agency_id=heir.id, period_id=year, status=Status.IN_PROGRESS,
        percent=50)))
    assert owed() == before  # its report answers the duty
    # and the page's list of who has not reported is as of the page's date (who has ceased
    # by then), as the store's
    page.reload()
    listed = {row[0]: row[2] for row in page.unreported_model.rows()}
    assert listed.get(heir.id, 0) == before
    db.close()
