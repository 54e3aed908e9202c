"""A recurring activity of a programme over several years ("hằng năm", giai đoạn 2026 - 2030)
done in 2026 is still to do in 2027: the 2027 report, reminder and the app's list of agencies
that have not reported all say so. In a one-year plan nothing restarts."""

from __future__ import annotations

import datetime as dt

import pytest

from gbapp.domain.entities import Period, ProgressReport
from gbapp.domain.model import Status
from gbapp.domain.status import earlier_round, round_due, settled
from gbapp.importers import parse_plan_text
from gbapp.services.documents import collect_reminder, collect_report
from gbapp.services.importing import store_plan
from gbapp.store import agencies, assignments, open_database, periods, progress

PROGRAMME = """ỦY BAN NHÂN DÂN
TỈNH GIA LAI
Số: 20/KH-UBND
Gia Lai, ngày 10 tháng 01 năm 2026
KẾ HOẠCH
Thực hiện Chương trình bình đẳng giới giai đoạn 2026 - 2030
I. NHIỆM VỤ
1. Tổ chức truyền thông về bình đẳng giới. Sở Văn hóa, Thể thao và Du lịch chủ trì thực hiện. Thời gian: Quý II hằng năm, giai đoạn 2026 - 2030.
2. Xây dựng bộ tài liệu tập huấn. Sở Nội vụ chủ trì thực hiện. Thời gian: năm 2026.
"""


def year(n: int, plan_id: int) -> Period:
    return Period(plan_id=plan_id, name=f"Năm {n}", kind="year", start_on=dt.date(n, 1, 1),
                  end_on=dt.date(n, 12, 31), due_on=dt.date(n, 12, 15))


@pytest.fixture
def programme(tmp_path):
    db = open_database(tmp_path / "ct.db")
    plan_id = store_plan(db, parse_plan_text(PROGRAMME))
    p2026 = periods.save(db, year(2026, plan_id))
    p2027 = periods.save(db, year(2027, plan_id))
    culture = agencies.find_by_name(db, "Sở Văn hóa, Thể thao và Du lịch")
    item = next(i for i, in db.execute("SELECT id FROM items WHERE title LIKE 'Tổ chức truyền%'"))
    progress.save(db, ProgressReport(item_id=item, agency_id=culture, period_id=p2026,
                                     status=Status.DONE_ON_TIME, percent=100,
                                     completed_on=dt.date(2026, 6, 20)))
    yield db, plan_id, p2026, p2027, culture, item
    db.close()


def test_last_years_round_does_not_settle_this_years(programme):
    db, plan_id, p2026, p2027, culture, item = programme
    report = collect_report(db, plan_id, p2027, today=dt.date(2027, 7, 10))
    entry = next(e for e in report.items if e.item.id == item)
    # it said "Hoàn thành đúng hạn (theo báo cáo năm 2026)" and chased no one
    assert entry.status == Status.OVERDUE  # 2027's round was due 30/06/2027
    assert [a.report for a in entry.agencies] == [None]
    assert any(name == "Sở Văn hóa, Thể thao và Du lịch" for name, *_ in report.unreported)
    reminder = collect_reminder(db, plan_id, p2027, today=dt.date(2027, 7, 10))
    assert culture in {a.agency_id for a in reminder.agencies}
    # the app's pages follow the same rule
    assert culture in {row[0] for row in progress.unreported_agencies(db, plan_id, p2027)}


def test_the_round_of_its_own_year_stays_settled(programme):
    db, plan_id, p2026, p2027, culture, item = programme
    report = collect_report(db, plan_id, p2026, today=dt.date(2026, 12, 10))
    entry = next(e for e in report.items if e.item.id == item)
    assert entry.status == Status.DONE_ON_TIME
    assert culture not in {row[0] for row in progress.unreported_agencies(db, plan_id, p2026)}


def test_rules():
    end = dt.date(2030, 6, 30)
    assert earlier_round(True, dt.date(2026, 6, 1), end, 2027)
    assert not earlier_round(True, dt.date(2027, 6, 1), end, 2027)
    assert not earlier_round(False, dt.date(2026, 6, 1), end, 2027)
    # a one-year plan's "thường xuyên" done in 2025 is not restarted by a 2026 period
    assert not earlier_round(True, dt.date(2025, 6, 1), dt.date(2025, 12, 31), 2026)
    assert not settled(Status.DONE_ON_TIME, dt.date(2026, 6, 1), dt.date(2027, 12, 31),
                       recurring=True, last_day=end)
    assert settled(Status.DONE_ON_TIME, dt.date(2026, 6, 1), dt.date(2027, 12, 31))
    assert round_due(end, 2027) == dt.date(2027, 6, 30)
    assert round_due(dt.date(2028, 2, 29), 2027) == dt.date(2027, 2, 28)
    assert round_due(None, 2027) == dt.date(2027, 12, 31)


def test_this_years_round_reported_done_settles_it_for_the_app_too(programme):
    # the lead reported the round done in 2026 and again in 2027: the 2027 documents chased
    # no one, while the app's list (reading the earliest completion) named the coordinator
    db, plan_id, p2026, p2027, culture, item = programme
    home = agencies.find_by_name(db, "Sở Nội vụ")
    assignments.set_for_item(db, item, culture, [home])
    progress.save(db, ProgressReport(item_id=item, agency_id=culture, period_id=p2027,
                                     status=Status.DONE_ON_TIME, percent=100,
                                     completed_on=dt.date(2027, 6, 15)))
    today = dt.date(2027, 12, 10)
    report = collect_report(db, plan_id, p2027, today=today)
    in_documents = {name for name, *_ in report.unreported}
    in_app = {row[1] for row in progress.unreported_agencies(db, plan_id, p2027)}
    assert "Sở Nội vụ" not in in_documents
    assert in_app == in_documents
