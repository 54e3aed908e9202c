"""Where a plan stands today, as the overview page shows it, gathered in one call.

Plain data from the store, no Qt: on a large plan the page runs `load` in a worker thread on a
reader of its own (ui.workers.LatestLoader), while the window stays responsive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..domain.entities import Period
from ..domain.model import Status
from ..store import activities, periods, progress
from ..store.activities import ActivityRow
from ..store.connection import Database


@dataclass
class Overview:
    plan_id: int | None = None  # the plan the figures were read for
    counts: dict[Status, int] = field(default_factory=lambda: {s: 0 for s in Status})
    by_lead: list[tuple[str, Status, int]] = field(default_factory=list)  # lead '' = none
    overdue: list[ActivityRow] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    period: Period | None = None  # the one whose missing reports are listed
    unreported: list[tuple[int, str, int, int]] = field(default_factory=list)
    own: set[int] = field(default_factory=set)  # of those, the documents' writer itself


def default_period(plist: list[Period], today: dt.date) -> Period | None:
    """The most recent period whose due date has passed, else the earliest one still to come."""
    past = [p for p in plist if p.due_on is not None and p.due_on <= today]
    if past:
        return max(past, key=lambda p: (p.due_on, p.id or 0))
    return plist[0] if plist else None


def load(db: Database, plan_id: int | None, today: dt.date,
         period_id: int | None = None) -> Overview:
    """The plan's figures as of *today*; the missing reports are those of *period_id*, or of
    default_period() when the plan has no such period."""
    if plan_id is None:
        return Overview()
    plist = periods.list_periods(db, plan_id)
    period = next((p for p in plist if p.id == period_id), None) or default_period(plist, today)
    unreported = progress.unreported_agencies(db, plan_id, period.id) if period else []
    return Overview(
        plan_id=plan_id,
        counts=activities.status_counts(db, plan_id, today=today),
        by_lead=activities.status_by_lead(db, plan_id, today=today),
        overdue=activities.query(db, plan_id, activities.ActivityFilter(
            statuses={Status.OVERDUE}), today=today, sort="due"),
        periods=plist, period=period, unreported=unreported,
        own=_own_agencies(db, plan_id, unreported))


def _own_agencies(db: Database, plan_id: int, rows: list[tuple[int, str, int, int]]) -> set[int]:
    """The agencies of *rows* that are the documents' writer (Cài đặt, else as proposed from
    the plan): the report and the reminder do not count it among those yet to report."""
    if not rows:
        return set()
    from . import documents  # (the documents' rules; imported when there is something to mark)
    from ..store import plans

    organisation = documents.organisation_settings(db, plans.get(db, plan_id))[0].organisation
    return {row[0] for row in rows if documents.is_issuer(row[1], organisation)}
