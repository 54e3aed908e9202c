"""Where a plan stands today, as the overview page shows it, gathered in one call.

Plain data from the store, no Qt: on a large plan the page runs `load_file` in a worker thread
on a connection of its own, while the window stays responsive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.entities import Period
from ..domain.model import Status
from ..store import activities, open_database, periods, progress
from ..store.activities import ActivityRow
from ..store.connection import Database


@dataclass
class Overview:
    counts: dict[Status, int] = field(default_factory=lambda: {s: 0 for s in Status})
    by_lead: list[tuple[str, Status, int]] = field(default_factory=list)  # lead '' = none
    overdue: list[ActivityRow] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    period: Period | None = None  # the one whose missing reports are listed
    unreported: list[tuple[int, str, int, int]] = field(default_factory=list)


def default_period(plist: list[Period], today: dt.date) -> Period | None:
    """The most recent period whose due date has passed, else the earliest one still to come."""
    past = [p for p in plist if p.due_on is not None and p.due_on <= today]
    if past:
        return max(past, key=lambda p: (p.due_on, p.id or 0))
    return plist[0] if plist else None


def activity_count(db: Database, plan_id: int | None) -> int:
    if plan_id is None:
        return 0
    return db.execute("SELECT COUNT(*) FROM items WHERE plan_id = ? AND is_activity = 1",
                      [plan_id]).fetchone()[0]


def load(db: Database, plan_id: int | None, today: dt.date,
         period_id: int | None = None) -> Overview:
    """The plan's figures as of *today*; the missing reports are those of *period_id*, or of
    default_period() when the plan has no such period."""
    if plan_id is None:
        return Overview()
    plist = periods.list_periods(db, plan_id)
    period = next((p for p in plist if p.id == period_id), None) or default_period(plist, today)
    return Overview(
        counts=activities.status_counts(db, plan_id, today=today),
        by_lead=activities.status_by_lead(db, plan_id, today=today),
        overdue=activities.query(db, plan_id, activities.ActivityFilter(
            statuses={Status.OVERDUE}), today=today, sort="due"),
        periods=plist, period=period,
        unreported=progress.unreported_agencies(db, plan_id, period.id) if period else [])


def load_file(path: Path, plan_id: int | None, today: dt.date,
              period_id: int | None = None) -> Overview:
    """load() on a read connection of its own (for a worker thread)."""
    db = open_database(path, migrate=False)
    try:
        return load(db, plan_id, today, period_id)
    finally:
        db.close()
