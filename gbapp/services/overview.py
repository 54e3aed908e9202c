"""Where a plan stands today, as the overview page shows it, gathered in one call.

Plain data from the store, no Qt: on a large plan the page runs `load` in a worker thread on a
reader of its own (ui.workers.LatestLoader), while the window stays responsive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..domain.entities import Indicator, Period
from ..domain.model import Status
from ..domain.status import Assessment, assess_indicator, evaluation_year
from ..store import activities, indicators, periods, plans, progress
from ..store.activities import ActivityRow
from ..store.connection import Database

# The assessments counted, in the order shown; the last only when some figure has it.
ASSESSMENT_ORDER = (Assessment.MET, Assessment.AT_RISK, Assessment.NOT_MET, Assessment.UNKNOWN,
                    Assessment.NO_TARGET, Assessment.NO_TOTAL)
BEHIND = (Assessment.AT_RISK, Assessment.NOT_MET)  # listed by name, in this order


@dataclass
class IndicatorStanding:
    """How the indicators stand in the evaluation year, judged by status.assess_indicator (the
    rule of the indicators page, the report's appendix and the workbook)."""

    year: int
    counts: dict[str, int] = field(
        default_factory=lambda: {a: 0 for a in ASSESSMENT_ORDER})
    behind: list[tuple[Indicator, str]] = field(default_factory=list)  # at risk, then not met

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def indicator_standing(db: Database, year: int) -> IndicatorStanding:
    standing = IndicatorStanding(year)
    figures = {v.indicator_id: v for v in indicators.values(db, year=year)}
    judged = []
    for ind in indicators.list_indicators(db):
        assessment = assess_indicator(ind, year, figures.get(ind.id)).assessment
        standing.counts[assessment] = standing.counts.get(assessment, 0) + 1
        judged.append((ind, assessment))
    standing.behind = [(ind, a) for wanted in BEHIND for ind, a in judged if a == wanted]
    return standing


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
    indicators: IndicatorStanding | None = None


def default_period(plist: list[Period], today: dt.date) -> Period | None:
    """The period whose report is due nearest to *today*, among those begun by then (on a
    tie, the one already due): the report being written or chased now. On 04/12 that is the
    year's, due 05/12, not the half year's of June (the latest past its due date, chosen
    before); on 01/07 the half year's, due 10/06, not the year's still months away. No period
    begun with a due date: the first."""
    begun = [p for p in plist if p.due_on is not None
             and (p.start_on is None or p.start_on <= today)]
    if begun:
        return min(begun, key=lambda p: (abs((p.due_on - today).days), p.due_on > today,
                                         -(p.id or 0)))
    return plist[0] if plist else None


def load(db: Database, plan_id: int | None, today: dt.date,
         period_id: int | None = None) -> Overview:
    """The plan's figures as of *today*; the missing reports are those of *period_id*, or of
    default_period() when the plan has no such period. The indicators (the province's, not
    the plan's) are judged for the plan's evaluation_year()."""
    if plan_id is None:
        return Overview(indicators=indicator_standing(db, evaluation_year(None, today)))
    plist = periods.list_periods(db, plan_id)
    period = next((p for p in plist if p.id == period_id), None) or default_period(plist, today)
    # who owes the period a report today: the bodies still there (a ceased one's duties are
    # its successor's), as the report and the reminder dated today list them
    unreported = (progress.unreported_agencies(db, plan_id, period.id, on=today)
                  if period else [])
    return Overview(
        plan_id=plan_id,
        counts=activities.status_counts(db, plan_id, today=today),
        by_lead=activities.status_by_lead(db, plan_id, today=today),
        overdue=activities.query(db, plan_id, activities.ActivityFilter(
            statuses={Status.OVERDUE}), today=today, sort="due"),
        periods=plist, period=period, unreported=unreported,
        own=_own_agencies(db, plan_id, unreported),
        indicators=indicator_standing(db, evaluation_year(plans.get(db, plan_id), today)))


def _own_agencies(db: Database, plan_id: int, rows: list[tuple[int, str, int, int]]) -> set[int]:
    """The agencies of *rows* that are the documents' writer (Cài đặt, else as proposed from
    the plan): the report and the reminder do not count it among those yet to report."""
    if not rows:
        return set()
    from . import documents  # (the documents' rules; imported when there is something to mark)

    organisation = documents.organisation_settings(db, plans.get(db, plan_id))[0].organisation
    return {row[0] for row in rows if documents.is_issuer(row[1], organisation)}
