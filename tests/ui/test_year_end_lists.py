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
