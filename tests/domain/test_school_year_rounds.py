"""A recurring activity whose round crosses the new year (a school year: September to May,
stored over the programme 01/09/2025 – 31/05/2030) is judged by the round a day belongs to, not
by the calendar year: from the round's start day and month (01/09) a day is in the round due
the next 31/05. As with a calendar year's round ("Quý II hằng năm", due 30/06: overdue from
July to December when not done, done late when completed in July), a round stays the one
judged after its due until the next one begins. Calendar-year rounds do not change."""

from __future__ import annotations

import datetime as dt

import pytest

from gbapp.domain.model import Status, TimeFrame
from gbapp.domain.status import (
    derive_status,
    due_in,
    earlier_round,
    in_round,
    round_of,
    round_year,
    wraps,
)

D = dt.date
START, END = D(2025, 9, 1), D(2030, 5, 31)
SCHOOL = TimeFrame("Từ tháng 9/2025 đến tháng 5/2030, hằng năm", START, END, True)
DONE = D(2026, 11, 10)  # the 2026 - 2027 round's work, done in November (due 31/05/2027)


def _shown(progress: str | None, done_on: dt.date | None, today: dt.date,
           tf: TimeFrame = SCHOOL) -> Status:
    """The status the pages show *today* (their round: today's)."""
    return in_round(derive_status(progress, tf.end, done_on, today), tf, done_on, today, today)


@pytest.mark.parametrize("day, year", [
    (D(2025, 9, 1), 2026), (D(2025, 12, 31), 2026), (D(2026, 1, 1), 2026),
    (D(2026, 5, 31), 2026), (D(2026, 6, 1), 2026), (D(2026, 8, 31), 2026),
    (D(2026, 9, 1), 2027), (D(2026, 12, 1), 2027), (D(2027, 3, 1), 2027),
    (D(2027, 6, 15), 2027), (D(2027, 9, 1), 2028),
])
def test_a_day_belongs_to_the_school_year_s_round(day, year):
    assert wraps(START, END)
    assert round_of(START, END, day) == year


def test_done_in_november_is_the_round_due_next_may_all_through_it():
    # the reviewer's dates: late / not started / overdue before
    for today in (D(2026, 12, 1), D(2027, 3, 1), D(2027, 5, 31), D(2027, 6, 15),
                  D(2027, 8, 31)):
        assert due_in(START, END, True, today) == D(2027, 5, 31), today
        assert _shown("hoan_thanh_dung_han", DONE, today) == Status.DONE_ON_TIME, today
    # the next school year's round, from its start: to do, due 31/05/2028
    assert due_in(START, END, True, D(2027, 9, 1)) == D(2028, 5, 31)
    assert earlier_round(True, DONE, END, D(2027, 9, 1), start=START)
    assert _shown("hoan_thanh_dung_han", DONE, D(2027, 9, 1)) == Status.NOT_STARTED
    assert _shown("hoan_thanh_dung_han", DONE, D(2028, 6, 1)) == Status.OVERDUE


def test_a_round_not_done_is_overdue_after_its_due_until_the_next_starts():
    assert _shown(None, None, D(2026, 12, 1)) == Status.NOT_STARTED  # due 31/05/2027
    assert _shown("dang_thuc_hien", None, D(2027, 5, 31)) == Status.IN_PROGRESS
    assert _shown("dang_thuc_hien", None, D(2027, 6, 1)) == Status.OVERDUE
    assert _shown("dang_thuc_hien", None, D(2027, 8, 31)) == Status.OVERDUE
    assert _shown("dang_thuc_hien", None, D(2027, 9, 1)) == Status.IN_PROGRESS


def test_work_completed_in_the_summer_is_the_past_round_s_done_late():
    july = D(2027, 7, 15)
    assert round_of(START, END, july) == 2027
    assert _shown("hoan_thanh_dung_han", july, D(2027, 8, 1)) == Status.DONE_LATE
    # done in May: on time; the next school year asks for its own round
    assert _shown("hoan_thanh_dung_han", D(2027, 5, 20), D(2027, 8, 1)) == Status.DONE_ON_TIME
    assert _shown("hoan_thanh_dung_han", july, D(2027, 10, 1)) == Status.NOT_STARTED


def test_the_first_and_last_rounds():
    # before the first school year: its round, due 31/05/2026
    assert round_year(START, END, D(2025, 7, 10)) == 2026
    assert due_in(START, END, True, D(2025, 7, 10)) == D(2026, 5, 31)
    assert due_in(START, END, True, 2025) == D(2026, 5, 31)  # a year: the round due then
    # after the last: its last round (2029 - 2030), and nothing restarts
    after = D(2030, 9, 1)
    assert round_of(START, END, after) == 2031
    assert due_in(START, END, True, after) == D(2030, 5, 31)
    assert _shown(None, None, after) == Status.OVERDUE
    assert not earlier_round(True, D(2029, 10, 1), END, after, start=START)
    assert _shown("hoan_thanh_dung_han", D(2029, 10, 1), after) == Status.DONE_ON_TIME


def test_a_year_still_names_the_round_due_in_it():
    """The documents judge the round of a period's year (services.documents.period_year): for
    a school year, the round due in that year (2026: the 2025 - 2026 school year)."""
    assert due_in(START, END, True, 2026) == D(2026, 5, 31)
    assert due_in(START, END, True, 2027) == D(2027, 5, 31)
    assert in_round(Status.DONE_ON_TIME, SCHOOL, D(2025, 11, 10), D(2027, 1, 10), 2026) == \
        Status.DONE_ON_TIME  # November 2025 is the 2025 - 2026 round's work
    assert in_round(Status.DONE_ON_TIME, SCHOOL, D(2025, 11, 10), D(2027, 1, 10), 2027) == \
        Status.NOT_STARTED  # the 2026 - 2027 round is still to do, due 31/05/2027
    assert in_round(Status.DONE_ON_TIME, SCHOOL, D(2025, 11, 10), D(2027, 6, 10), 2027) == \
        Status.OVERDUE
    # without its start, a completion is placed by its calendar year (as before)
    assert earlier_round(True, D(2025, 11, 10), END, 2026)
    assert not earlier_round(True, D(2025, 11, 10), END, 2026, start=START)


CALENDAR = [TimeFrame("Quý II hằng năm", D(2021, 4, 1), D(2030, 6, 30), True),
            TimeFrame("Hằng năm", D(2021, 1, 1), D(2030, 12, 31), True),
            TimeFrame("hằng năm, trước 15/12", None, D(2030, 12, 15), True),
            TimeFrame("Hằng năm, từ năm 2027", D(2027, 1, 1), D(2030, 12, 31), True),
            TimeFrame("Quý I hằng năm", D(2024, 2, 29), D(2028, 2, 29), True)]


@pytest.mark.parametrize("tf", CALENDAR, ids=lambda tf: tf.text)
def test_calendar_year_rounds_read_a_day_as_its_year(tf):
    days = [D(2025, 1, 1), D(2025, 7, 1), D(2025, 12, 31), D(2027, 10, 1), D(2031, 2, 1)]
    done_on = [None, D(2024, 11, 2), D(2025, 3, 1), D(2025, 7, 5), D(2027, 12, 20)]
    assert not wraps(tf.start, tf.end)
    for today in days:
        assert round_of(tf.start, tf.end, today) == today.year
        assert due_in(tf.start, tf.end, True, today) == due_in(tf.start, tf.end, True,
                                                               today.year)
        for c in done_on:
            for state in (None, "dang_thuc_hien", "hoan_thanh_dung_han"):
                status = derive_status(state, tf.end, c, today)
                assert in_round(status, tf, c, today, today) == \
                    in_round(status, tf, c, today, today.year), (today, c, state)
