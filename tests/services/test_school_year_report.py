"""A period's report of an activity done every school year (01/09/2025 – 31/05/2030): "Năm
2026" judges the round due in 2026 (the 2025 - 2026 school year). Work done on 10/11/2025 is
that round's: the report says it is done and chases no one for it, and the app's list of
agencies that have not reported says the same (domain.status.settled, store.progress.
SETTLED_SQL, with the round of the completion's day). Real SQLite file, a plan imported from
text."""

from __future__ import annotations

import datetime as dt

import pytest

from gbapp.domain.entities import Period, ProgressReport
from gbapp.domain.model import Status
from gbapp.domain.status import settled
from gbapp.importers import parse_plan_text
from gbapp.services.documents import collect_reminder, collect_report
from gbapp.services.importing import store_plan
from gbapp.store import agencies, open_database, periods, progress

D = dt.date

PLAN = """ỦY BAN NHÂN DÂN
TỈNH GIA LAI
Số: 21/KH-UBND
Gia Lai, ngày 15 tháng 8 năm 2025
KẾ HOẠCH
Thực hiện công tác bình đẳng giới trong ngành giáo dục giai đoạn 2025 - 2030
I. NHIỆM VỤ
1. Lồng ghép giáo dục giới trong các trường học. Sở Giáo dục và Đào tạo chủ trì thực hiện. Thời gian: Từ tháng 9/2025 đến tháng 5/2030, hằng năm.
"""


def year(n: int, plan_id: int) -> Period:
    return Period(plan_id=plan_id, name=f"Năm {n}", kind="year", start_on=D(n, 1, 1),
                  end_on=D(n, 12, 31), due_on=D(n, 12, 15))


@pytest.fixture
def school(tmp_path):
    db = open_database(tmp_path / "school.db")
    plan_id = store_plan(db, parse_plan_text(PLAN))
    p2025, p2026, p2027 = (periods.save(db, year(n, plan_id)) for n in (2025, 2026, 2027))
    edu = agencies.find_by_name(db, "Sở Giáo dục và Đào tạo")
    item = db.execute("SELECT id FROM items WHERE plan_id = ? AND ref = 'I.1'",
                      [plan_id]).fetchone()[0]
    # the 2025 - 2026 school year's round, done in November 2025 (due 31/05/2026)
    progress.save(db, ProgressReport(item_id=item, agency_id=edu, period_id=p2025,
                                     status=Status.DONE_ON_TIME, percent=100,
                                     completed_on=D(2025, 11, 10)))
    db.conn.commit()
    yield db, plan_id, (p2025, p2026, p2027), edu, item
    db.close()


def _entry(report, item):
    return next(e for e in report.items if e.item.id == item)


@pytest.mark.parametrize("today", [D(2026, 5, 20), D(2026, 12, 10)])
def test_the_year_s_report_says_its_school_year_s_round_done_and_chases_no_one(school, today):
    db, plan_id, (_p2025, p2026, _p2027), edu, item = school
    report = collect_report(db, plan_id, p2026, today=today)
    entry = _entry(report, item)
    assert entry.status == Status.DONE_ON_TIME
    assert [a.report.status for a in entry.agencies] == [Status.DONE_ON_TIME]
    assert report.unreported == []
    assert edu not in {a.agency_id for a in collect_reminder(db, plan_id, p2026,
                                                             today=today).agencies}
    assert edu not in {row[0] for row in progress.unreported_agencies(db, plan_id, p2026)}


def test_the_next_school_year_s_round_is_still_asked_for(school):
    db, plan_id, (_p2025, _p2026, p2027), edu, item = school
    report = collect_report(db, plan_id, p2027, today=D(2027, 6, 10))
    assert _entry(report, item).status == Status.OVERDUE  # the 2026 - 2027 round: 31/05/2027
    assert any(name == "Sở Giáo dục và Đào tạo" for name, *_ in report.unreported)
    assert edu in {row[0] for row in progress.unreported_agencies(db, plan_id, p2027)}


def test_settled_reads_the_round_of_the_completion_s_day():
    start, end = D(2025, 9, 1), D(2030, 5, 31)
    done = Status.DONE_ON_TIME
    assert settled(done, D(2025, 11, 10), D(2026, 12, 31), recurring=True, last_day=end,
                   start=start)
    assert not settled(done, D(2025, 11, 10), D(2027, 12, 31), recurring=True, last_day=end,
                       start=start)
    # without its start: its calendar year (as for every round that does not cross the year)
    assert not settled(done, D(2025, 11, 10), D(2026, 12, 31), recurring=True, last_day=end)
    quarter = D(2030, 6, 30)  # "Quý II hằng năm": unchanged
    assert not settled(done, D(2025, 6, 1), D(2026, 12, 31), recurring=True, last_day=quarter,
                       start=D(2021, 4, 1))
    assert settled(done, D(2026, 6, 1), D(2026, 12, 31), recurring=True, last_day=quarter,
                   start=D(2021, 4, 1))
