"""Derived status of an activity and the assessment of an indicator."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .entities import Indicator, IndicatorValue, Plan
from .model import Status, TimeFrame
from .validation import figure_total

DUE_SOON_DAYS = 14


def derive_status(progress_status: str | None, due: dt.date | None, completed_on: dt.date | None,
                  today: dt.date) -> Status:
    """The status shown for an activity on *today*: overdue is derived from the due date, never
    typed in; work completed after *today* was not done yet then (a back-dated document)."""
    done = progress_status in (Status.DONE_ON_TIME, Status.DONE_LATE)
    if done and (completed_on is None or completed_on <= today):
        if due is not None and completed_on is not None and completed_on > due:
            return Status.DONE_LATE
        return Status.DONE_ON_TIME
    if due is not None and due < today:
        return Status.OVERDUE
    if done or progress_status == Status.IN_PROGRESS:
        return Status.IN_PROGRESS
    return Status.NOT_STARTED


DONE = (Status.DONE_ON_TIME, Status.DONE_LATE)
# what a report says of work under way or done ("quá hạn" reported alone says none was done)
WORK = (Status.IN_PROGRESS, Status.DONE_ON_TIME, Status.DONE_LATE)


@dataclass(frozen=True)
class Word:
    """One progress report as an activity's status reads it."""

    status: Status
    completed_on: dt.date | None
    period_end: dt.date | None
    by_lead: bool  # the lead agency's (or an agency merged into it before)


def activity_progress(words: Sequence[Word], *, recurring: bool = False
                      ) -> tuple[Status | None, dt.date | None]:
    """(progress status, completion date) an activity's reports make of it, *words* in the
    order their periods speak (store.progress._SPEAKS_LAST: a later one last).

    The lead's latest report decides, as it does in the documents (services.documents.
    _activity_status): a lead that reported the work done in the first quarter and "đang
    thực hiện" in the second corrected itself, and the page, the overview and the report all
    say it is not done. Done: on the date that report gives, else on the latest date an
    unbroken run of "done" reports before it gave (the lead repeating its result), else by the
    end of the first of those periods; for a recurring activity that run stays in the year of
    the latest one (an earlier year's was another round). Not done: in progress when the
    lead's latest report or any other agency's says work went on; else nothing (None)."""
    lead = [w for w in words if w.by_lead]
    if lead and lead[-1].status in DONE:
        return Status.DONE_ON_TIME, _completion(lead, recurring)
    working = (bool(lead) and lead[-1].status in WORK) or any(
        w.status in WORK for w in words if not w.by_lead)
    return (Status.IN_PROGRESS if working else None), None


def _completion(lead: Sequence[Word], recurring: bool) -> dt.date | None:
    last = lead[-1]
    first = last
    for w in reversed(lead):
        if w.status not in DONE:
            break
        if (recurring and w.period_end is not None and last.period_end is not None
                and w.period_end.year < last.period_end.year):
            break
        if w.completed_on is not None:
            return w.completed_on
        first = w
    return first.period_end


def settled(status: Status | None, completed_on: dt.date | None,
            period_end: dt.date | None, *, recurring: bool = False,
            last_day: dt.date | None = None, start: dt.date | None = None) -> bool:
    """Whether an activity asks no report of a period ending on *period_end*: it was completed
    by then (or done with no date), so its result is known whatever period reported it; not a
    recurring one completed in an earlier round of its run (earlier_round: with *start*, a
    school year's round done in November is the one due next May, as in_round judges it).
    store.progress.SETTLED_SQL is the same rule for the app's pages."""
    if period_end is not None and earlier_round(recurring, completed_on, last_day,
                                                period_end.year, start=start):
        return False
    return status in (Status.DONE_ON_TIME, Status.DONE_LATE) and (
        completed_on is None or period_end is None or completed_on <= period_end)


def earlier_round(recurring: bool, completed_on: dt.date | None, last_day: dt.date | None,
                  year: int | dt.date, *, start: dt.date | None = None) -> bool:
    """Whether a recurring activity ("hằng năm", "thường xuyên") that ends on *last_day* was
    completed in a round before *year*'s (a round's year, or a day: the round it is in,
    round_of) while it still runs in that round: that was an earlier round, and this one is
    still to be done (a programme 2026 - 2030 done in 2026 is not done in 2027's report). The
    completion's round is that of its day (round_of: with *start*, a round from September to
    May done in November is the one due next May). A plan's last year is its last round:
    nothing restarts after it."""
    if not recurring or completed_on is None:
        return False
    judged = _judged(start, last_day, year)
    return (round_of(start, last_day, completed_on) < judged
            and (last_day is None or judged <= last_day.year))


def wraps(start: dt.date | None, last_day: dt.date | None) -> bool:
    """Whether each round of a recurring activity running from *start* to *last_day* crosses
    the new year: it ends on a day and month before those it starts on (a school year,
    September to May)."""
    return (start is not None and last_day is not None
            and (last_day.month, last_day.day) < (start.month, start.day))


def round_of(start: dt.date | None, last_day: dt.date | None, day: dt.date) -> int:
    """The year of the round of a recurring activity running from *start* to *last_day* that
    *day* belongs to, a round being known by the year it is due in: *day*'s year. A round
    that crosses the new year (wraps: September to May) has a year of its own, as a school
    year does: from the round's start day and month, a day belongs to the round due the next
    year (01/12/2026 and 15/06/2027 are in the 2026 - 2027 round, due 31/05/2027; 01/09/2027
    starts the next). As in a calendar year's round ("Quý II hằng năm", 30/06), a round stays
    the one judged after its due until the next one's year begins: still to do, it is overdue
    then, and work completed then is that round's, done late. Not kept within the run
    (round_year does that)."""
    if wraps(start, last_day) and (day.month, day.day) >= (start.month, start.day):
        return day.year + 1
    return day.year


def _judged(start: dt.date | None, last_day: dt.date | None, year: int | dt.date) -> int:
    """The round's year *year* names: itself, or the round a day belongs to (round_of)."""
    return round_of(start, last_day, year) if isinstance(year, dt.date) else year


def round_due(last_day: dt.date | None, year: int) -> dt.date | None:
    """The due date of *year*'s round of a recurring activity ending on *last_day*: the same
    day and month ("Quý II hằng năm, giai đoạn 2026 - 2030": 30/06 of each year)."""
    if last_day is None:
        return dt.date(year, 12, 31)
    if (last_day.month, last_day.day) == (2, 29):
        return dt.date(year, 3, 1) - dt.timedelta(days=1)
    return dt.date(year, last_day.month, last_day.day)


def round_year(start: dt.date | None, last_day: dt.date | None, year: int | dt.date) -> int:
    """The year whose round of a recurring activity running from *start* to *last_day* is
    judged in *year* (a round's year, or a day: the round it is in, round_of): *year*'s round
    itself while the activity runs, else its first round (one that starts in 2027 is not due
    in 2025) or its last (a plan's last year is its last round). A round ends on *last_day*'s
    day and month: one from September to May (a school year) ends in the year after its
    start, and its first is that of the start's day."""
    year = _judged(start, last_day, year)
    if start is not None and year < (first := round_of(start, last_day, start)):
        year = first
    if last_day is not None and year > last_day.year:
        year = last_day.year
    return year


def due_in(start: dt.date | None, last_day: dt.date | None, recurring: bool,
           year: int | dt.date) -> dt.date | None:
    """The due date an activity is judged by in *year* (the round's year evaluated: the
    period's in its documents; or a day, the round it is in: today on the app's pages, whose
    round of a school year is not the calendar year's, round_of): its last day; for a
    recurring one ("hằng năm", "thường xuyên", stored over the programme: 2021 - 2030) the end
    of that round (round_due: "Quý II hằng năm" 30/06/2025, "hằng năm, trước 15/12"
    15/12/2025), within its run (round_year). No last day: no due date.
    store.activities.DUE_SQL is the same rule."""
    if not recurring or last_day is None:
        return last_day
    return round_due(last_day, round_year(start, last_day, year))


def in_round(status: Status, tf: TimeFrame, completed_on: dt.date | None, today: dt.date,
             year: int | dt.date) -> Status:
    """*status* as derive_status made it from the activity's last day (*tf*.end), judged in
    *year*'s round when the activity is recurring (a round's year, or a day: the round it is
    in, round_of; the app's pages judge today's): overdue once that round's due (due_in) has
    passed and it is not done; done late when completed after the due of the round of its
    completion (round_of its day: a school year's round done in November is due next May);
    done in an earlier round of its run (earlier_round): *year*'s round is still to do.
    store.activities.STATUS_SQL is the same rule for the app's pages (*year* today)."""
    if not tf.recurring:
        return status
    if status in DONE:
        if earlier_round(True, completed_on, tf.end, year, start=tf.start):
            return derive_status(None, due_in(tf.start, tf.end, True, year), None, today)
        if completed_on is None or tf.end is None:
            return status
        # (the round of the completion's day, round_of; a round finished after the round
        # judged, in January, is that round finished late)
        due = due_in(tf.start, tf.end, True, min(round_of(tf.start, tf.end, completed_on),
                                                 _judged(tf.start, tf.end, year)))
        return Status.DONE_LATE if due is not None and completed_on > due else Status.DONE_ON_TIME
    due = due_in(tf.start, tf.end, True, year)
    return Status.OVERDUE if due is not None and due < today else status


def due_soon(status: Status, due: dt.date | None, today: dt.date) -> bool:
    """Not done, not overdue, and due within DUE_SOON_DAYS."""
    return (status in (Status.NOT_STARTED, Status.IN_PROGRESS) and due is not None
            and 0 <= (due - today).days <= DUE_SOON_DAYS)


class Assessment:
    MET = "Đạt"
    NOT_MET = "Chưa đạt"
    AT_RISK = "Có nguy cơ không đạt"
    UNKNOWN = "Chưa có số liệu"
    NO_TARGET = "Chưa có mục tiêu"  # a figure, but no target to judge it by yet
    NO_TOTAL = "Thiếu giá trị chung"  # a rate given for men and women only: no overall figure


def assess(direction: str, target: float | None, value: float | None, *,
           baseline: float | None = None, year: int | None = None,
           target_year: int | None = None, baseline_year: int | None = None) -> str:
    """Assess a value against its target.

    In the target year (or later) the value either meets the target or not. Before it, a value
    already at the target is 'đạt'; otherwise it is 'có nguy cơ không đạt' when the progress
    made since the baseline is behind a straight line towards the target, else 'chưa đạt'.
    """
    if value is None:
        return Assessment.UNKNOWN
    if target is None:
        return Assessment.NO_TARGET
    met = value >= target if direction == ">=" else value <= target
    if met:
        return Assessment.MET
    if year is None or target_year is None or year >= target_year:
        return Assessment.NOT_MET
    if baseline is None or baseline_year is None or target_year <= baseline_year:
        return Assessment.NOT_MET
    share = (year - baseline_year) / (target_year - baseline_year)
    expected = baseline + (target - baseline) * share
    behind = value < expected if direction == ">=" else value > expected
    return Assessment.AT_RISK if behind else Assessment.NOT_MET


def evaluation_year(plan: Plan | None, today: dt.date) -> int:
    """The year the indicators are judged for: the plan's year, else this year. The one rule of
    the indicators page (the year it opens on) and the overview (the year it counts)."""
    return plan.year if plan is not None and plan.year else today.year


def target_year_for(targets: Mapping[int, float], year: int) -> int | None:
    """The target a figure of *year* is measured against: the year's own, else the next one;
    after the last target year, the last (the strategy's end target stays the yardstick)."""
    ahead = [y for y in targets if y >= year]
    if ahead:
        return min(ahead)
    return max(targets) if targets else None


@dataclass(frozen=True, slots=True)
class YearAssessment:
    target_year: int | None
    target: float | None
    value: float | None  # the figure judged: the total, or men + women of a count
    assessment: str


def assess_indicator(ind: Indicator, year: int,
                     figure: IndicatorValue | None) -> YearAssessment:
    """How an indicator stands in *year* given that year's *figure*: the one rule of the
    indicators page, the report's appendix and the workbook."""
    target_year = target_year_for(ind.targets, year)
    target = ind.targets.get(target_year) if target_year is not None else None
    if figure is None:
        return YearAssessment(target_year, target, None, Assessment.UNKNOWN)
    value = figure_total(ind.unit, figure.value, figure.men, figure.women)
    if value is None and (figure.men is not None or figure.women is not None):
        return YearAssessment(target_year, target, None, Assessment.NO_TOTAL)
    start, start_year = _line_start(ind, target_year)
    return YearAssessment(target_year, target, value, assess(
        ind.direction, target, value, baseline=start, year=year,
        target_year=target_year, baseline_year=start_year))


def _line_start(ind: Indicator, target_year: int | None) -> tuple[float | None, int | None]:
    """Where the straight line towards the target a year is judged by starts: the target of
    an earlier year set after the baseline (the strategy's 2025 target on the way to 2030's:
    2027 is measured on the 2025 → 2030 line, not from a 2020 baseline past it), else the
    baseline. An indicator with no baseline is thus still told 'at risk' between two targets."""
    earlier = [y for y in ind.targets if target_year is not None and y < target_year
               and (ind.baseline_year is None or y > ind.baseline_year)]
    if earlier:
        year = max(earlier)
        return ind.targets[year], year
    return ind.baseline, ind.baseline_year
