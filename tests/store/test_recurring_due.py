"""A recurring activity of a programme over several years ("hằng năm", giai đoạn 2021 - 2030) is
due at the end of this year's round, not on the programme's last day: the activities page's
«Hạn», its due filter and sort, its status (overdue once this year's round has passed) and the
overview's counts all read the round's due. Real SQLite files, a plan imported from text."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from gbapp.domain.entities import Period, ProgressReport
from gbapp.domain.model import Status, TimeFrame
from gbapp.domain.status import derive_status
from gbapp.importers import parse_plan_text
from gbapp.services import overview
from gbapp.services.importing import store_plan
from gbapp.store import activities, agencies, open_database, periods, progress
from gbapp.store.activities import REPORTED_STATUS_SQL, STATUS_SQL, ActivityFilter

D = dt.date
TODAY = D(2025, 7, 10)

PROGRAMME = """ỦY BAN NHÂN DÂN
TỈNH GIA LAI
Số: 15/KH-UBND
Gia Lai, ngày 20 tháng 01 năm 2021
KẾ HOẠCH
Thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030
I. NHIỆM VỤ
1. Tổ chức truyền thông về bình đẳng giới. Sở Văn hóa, Thể thao và Du lịch chủ trì thực hiện. Thời gian: Quý II hằng năm.
2. Tập huấn kiến thức về giới cho cán bộ. Sở Nội vụ chủ trì thực hiện. Thời gian: Hằng năm.
3. Tổng hợp báo cáo kết quả thực hiện. Sở Y tế chủ trì thực hiện. Thời gian: hằng năm, trước 15/12.
4. Kiểm tra liên ngành về bình đẳng giới. Sở Tư pháp chủ trì thực hiện. Thời gian: Hằng năm, từ năm 2027.
5. Xây dựng bộ tài liệu hướng dẫn. Sở Nội vụ chủ trì thực hiện. Thời gian: năm 2025.
6. Đối thoại chính sách với phụ nữ. Sở Tư pháp chủ trì thực hiện. Thời gian: Quý II hằng năm, giai đoạn 2026 - 2028.
7. Tuyên truyền trên báo chí. Sở Y tế chủ trì thực hiện. Thời gian: Quý II hằng năm.
"""

# ref -> (stored last day, this year's round's due on TODAY)
EXPECTED = {
    "I.1": (D(2030, 6, 30), D(2025, 6, 30)),
    "I.2": (D(2030, 12, 31), D(2025, 12, 31)),
    "I.3": (D(2030, 12, 15), D(2025, 12, 15)),
    "I.4": (D(2030, 12, 31), D(2027, 12, 31)),  # its first round is 2027's
    "I.5": (D(2025, 12, 31), D(2025, 12, 31)),  # not recurring
    "I.6": (D(2028, 6, 30), D(2026, 6, 30)),  # its own years, 2026 - 2028
    "I.7": (D(2030, 6, 30), D(2025, 6, 30)),
}


@pytest.fixture
def programme(tmp_path):
    db = open_database(tmp_path / "gl.db")
    plan_id = store_plan(db, parse_plan_text(PROGRAMME))
    year = periods.save(db, Period(plan_id=plan_id, name="Năm 2025", kind="year",
                                   start_on=D(2025, 1, 1), end_on=D(2025, 12, 31),
                                   due_on=D(2025, 12, 15)))
    refs = {r: i for i, r in db.execute(
        "SELECT id, ref FROM items WHERE plan_id = ? AND is_activity = 1", [plan_id])}
    # the press round of 2025 was done on 05/07, after its due of 30/06: done late
    progress.save(db, ProgressReport(
        item_id=refs["I.7"], agency_id=agencies.find_by_name(db, "Sở Y tế"), period_id=year,
        status=Status.DONE_ON_TIME, percent=100, completed_on=D(2025, 7, 5)))
    db.conn.commit()
    yield db, plan_id, year, refs
    db.close()


def _rows(db, plan_id, f=None, **kw):
    return activities.query(db, plan_id, f or ActivityFilter(), today=TODAY, **kw)


def test_the_import_stores_the_programme_s_last_day(programme):
    db, plan_id, _year, refs = programme
    stored = dict(db.execute("SELECT ref, tf_end FROM items WHERE plan_id = ? AND "
                             "is_activity = 1", [plan_id]).fetchall())
    assert {ref: dt.date.fromisoformat(end) for ref, end in stored.items()} == {
        ref: last for ref, (last, _due) in EXPECTED.items()}


def test_the_page_shows_this_year_s_round_as_the_due(programme):
    db, plan_id, _year, _refs = programme
    assert {r.ref: r.due for r in _rows(db, plan_id)} == {
        ref: due for ref, (_last, due) in EXPECTED.items()}


def test_a_round_past_its_due_is_overdue_and_one_done_after_it_late(programme):
    db, plan_id, _year, _refs = programme
    shown = {r.ref: r.status for r in _rows(db, plan_id)}
    assert shown == {"I.1": Status.OVERDUE,  # 2025's round was due 30/06/2025
                     "I.2": Status.NOT_STARTED, "I.3": Status.NOT_STARTED,
                     "I.4": Status.NOT_STARTED,  # starts in 2027: not overdue in 2025
                     "I.5": Status.NOT_STARTED,
                     "I.6": Status.NOT_STARTED,  # starts in 2026
                     "I.7": Status.DONE_LATE}  # done 05/07/2025, due 30/06/2025
    # the overview's counts and its list of overdue activities say the same
    seen = overview.load(db, plan_id, TODAY)
    assert seen.counts[Status.OVERDUE] == 1 and seen.counts[Status.DONE_LATE] == 1
    assert [(r.ref, r.due) for r in seen.overdue] == [("I.1", D(2025, 6, 30))]
    by_lead = {(lead, status): n for lead, status, n in seen.by_lead}
    assert by_lead[("Sở Văn hóa, Thể thao và Du lịch", Status.OVERDUE)] == 1
    # a new year, a new round
    later = {r.ref: (r.due, r.status) for r in activities.query(
        db, plan_id, ActivityFilter(), today=D(2026, 1, 5))}
    assert later["I.2"] == (D(2026, 12, 31), Status.NOT_STARTED)
    assert later["I.6"] == (D(2026, 6, 30), Status.NOT_STARTED)
    # after the programme: its last round, overdue
    after = {r.ref: (r.due, r.status) for r in activities.query(
        db, plan_id, ActivityFilter(), today=D(2031, 2, 1))}
    assert after["I.2"] == (D(2030, 12, 31), Status.OVERDUE)
    assert after["I.6"] == (D(2028, 6, 30), Status.OVERDUE)


def test_the_due_filter_and_sort_read_the_round_s_due(programme):
    db, plan_id, _year, _refs = programme
    december = ActivityFilter(due_from=D(2025, 12, 1), due_to=D(2025, 12, 31))
    assert sorted(r.ref for r in _rows(db, plan_id, december)) == ["I.2", "I.3", "I.5"]
    assert activities.count(db, plan_id, december, today=TODAY) == 3
    before_july = ActivityFilter(due_to=D(2025, 6, 30))
    assert sorted(r.ref for r in _rows(db, plan_id, before_july)) == ["I.1", "I.7"]
    order = [r.ref for r in _rows(db, plan_id, sort="due")]
    assert order == ["I.1", "I.7", "I.3", "I.2", "I.5", "I.6", "I.4"]
    assert [r.ref for r in _rows(db, plan_id, sort="due", descending=True)] == [
        "I.4", "I.6", "I.5", "I.2", "I.3", "I.7", "I.1"]


def _query_plan(db, plan_id, sort, f=None, descending=False) -> list[str]:
    """The query plan of the page's ordering query for *sort* (as activities.query runs it)."""
    seen = []
    real = db.execute

    def record(sql, parameters=None):
        seen.append((sql, parameters))
        return real(sql, parameters)

    db.execute = record
    try:
        activities.query(db, plan_id, f or ActivityFilter(), today=TODAY, sort=sort,
                         descending=descending)
    finally:
        del db.execute
    sql, params = next((s, p) for s, p in seen if "ORDER BY" in s)
    return [r[-1] for r in db.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()]


def test_sorting_by_status_or_due_reads_a_covering_index(programme):
    db, plan_id, _year, _refs = programme
    for sort, descending in itertools.product(("status", "due"), (False, True)):
        steps = _query_plan(db, plan_id, sort, descending=descending)
        assert any("USING COVERING INDEX items_sort_status" in s for s in steps), (sort, steps)
    steps = _query_plan(db, plan_id, "status", ActivityFilter(due_from=D(2025, 12, 1)))
    assert any("USING COVERING INDEX items_sort_status" in s for s in steps), steps


def test_the_sql_due_and_status_follow_the_domain_rules(db):
    """DUE_SQL and STATUS_SQL against domain.status.due_in and in_round, over frames that
    start later, cross a year's end, end on 29/02, and days around their rounds."""
    from gbapp.domain.status import due_in, in_round
    from gbapp.store.activities import DUE_SQL

    frames = [(None, D(2030, 6, 30)), (D(2021, 4, 1), D(2030, 6, 30)),
              (D(2027, 1, 1), D(2030, 12, 31)), (D(2025, 9, 1), D(2029, 5, 31)),
              (D(2024, 1, 1), D(2028, 2, 29)), (D(2025, 1, 1), D(2025, 12, 31)),
              (D(2025, 1, 1), None), (None, None)]
    dates = [None, D(2024, 6, 1), D(2025, 5, 31), D(2025, 7, 5), D(2027, 3, 1)]
    todays = [D(2025, 7, 10), D(2026, 1, 5), D(2027, 2, 28), D(2027, 3, 1), D(2028, 3, 1),
              D(2031, 1, 5)]
    states = [None, Status.IN_PROGRESS.value, Status.DONE_ON_TIME.value]
    changed = 0
    for (start, end), state, done_on, recurring, today in itertools.product(
            frames, states, dates, (0, 1), todays):
        params = {"p": state, "start": start and start.isoformat(),
                  "end": end and end.isoformat(), "done": done_on and done_on.isoformat(),
                  "rec": recurring, "today": today.isoformat()}
        source = ("FROM (SELECT :p AS progress_status, :start AS tf_start, :end AS tf_end, "
                  ":done AS completed_on, :rec AS tf_recurring) AS i")
        due, shown, reported = db.execute(
            f"SELECT {DUE_SQL}, {STATUS_SQL}, {REPORTED_STATUS_SQL} {source}", params).fetchone()
        case = (start, end, state, done_on, recurring, today)
        expected_due = due_in(start, end, bool(recurring), today.year)
        assert (dt.date.fromisoformat(due) if due else None) == expected_due, case
        tf = TimeFrame("", start, end, bool(recurring))
        as_reported = derive_status(state, end, done_on, today)
        assert Status(reported) == as_reported, case
        assert Status(shown) == in_round(as_reported, tf, done_on, today, today.year), case
        changed += Status(shown) != as_reported
    assert changed > 30


def test_rules():
    from gbapp.domain.status import due_in, in_round, round_year

    assert round_year(D(2021, 4, 1), D(2030, 6, 30), 2025) == 2025
    assert round_year(D(2027, 1, 1), D(2030, 12, 31), 2025) == 2027
    assert round_year(D(2027, 1, 1), D(2030, 12, 31), 2032) == 2030
    # a round across the new year (September to May): its first ends in the next year
    assert round_year(D(2025, 9, 1), D(2029, 5, 31), 2025) == 2026
    assert due_in(None, D(2030, 12, 15), True, 2025) == D(2025, 12, 15)
    assert due_in(D(2024, 1, 1), D(2028, 2, 29), True, 2025) == D(2025, 2, 28)
    assert due_in(D(2021, 1, 1), D(2030, 12, 31), False, 2025) == D(2030, 12, 31)
    assert due_in(D(2025, 1, 1), None, True, 2025) is None  # no last day: no due
    tf = TimeFrame("Quý II hằng năm", D(2021, 4, 1), D(2030, 6, 30), True)
    assert in_round(Status.NOT_STARTED, tf, None, TODAY, 2025) == Status.OVERDUE
    assert in_round(Status.NOT_STARTED, tf, None, D(2025, 6, 1), 2025) == Status.NOT_STARTED
    assert in_round(Status.DONE_ON_TIME, tf, D(2025, 7, 5), TODAY, 2025) == Status.DONE_LATE
    assert in_round(Status.DONE_ON_TIME, tf, D(2025, 6, 5), TODAY, 2025) == Status.DONE_ON_TIME
    # done last year: this year's round is overdue after its due, to do before it
    assert in_round(Status.DONE_ON_TIME, tf, D(2024, 6, 5), TODAY, 2025) == Status.OVERDUE
    assert in_round(Status.DONE_ON_TIME, tf, D(2024, 6, 5), D(2025, 3, 1), 2025) == \
        Status.NOT_STARTED
    # a 2025 report read in January 2026 judges 2025's round
    assert in_round(Status.IN_PROGRESS, TimeFrame("Hằng năm", D(2021, 1, 1), D(2030, 12, 31),
                                                  True), None, D(2026, 1, 10), 2025) == \
        Status.OVERDUE
