"""A plan assigns work to groups ("Cơ quan phối hợp: các sở, ngành liên quan"): they are kept on
the task, but nobody can report for them or be sent a letter, so the report does not count them
as late, the reminder does not write to them, and the app's list agrees."""

from __future__ import annotations

import datetime as dt

import pytest

from gbapp.domain.entities import Period
from gbapp.domain.text import names_a_group
from gbapp.importers import parse_plan_text
from gbapp.services.documents import collect_reminder, collect_report
from gbapp.services.importing import store_plan
from gbapp.store import open_database, periods, progress

PLAN = """ỦY BAN NHÂN DÂN
TỈNH NGHỆ AN
Số: 145/KH-UBND
Nghệ An, ngày 20 tháng 01 năm 2026
KẾ HOẠCH
Thực hiện công tác bình đẳng giới năm 2026
I. NHIỆM VỤ
1. Tuyên truyền Luật Bình đẳng giới.
Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch; cơ quan phối hợp: các sở, ngành liên quan.
Thời gian thực hiện: Quý II/2026.
"""


def test_a_group_is_not_late_nor_written_to(tmp_path):
    db = open_database(tmp_path / "na.db")
    try:
        plan_id = store_plan(db, parse_plan_text(PLAN))
        period = periods.save(db, Period(plan_id=plan_id, name="Năm 2026", kind="year",
                                         start_on=dt.date(2026, 1, 1),
                                         end_on=dt.date(2026, 12, 31),
                                         due_on=dt.date(2026, 12, 15)))
        today = dt.date(2026, 12, 20)
        report = collect_report(db, plan_id, period, today=today)
        reminder = collect_reminder(db, plan_id, period, today=today)
        app = {row[1] for row in progress.unreported_agencies(db, plan_id, period)}
    finally:
        db.close()
    named = {a.agency for e in report.items for a in e.agencies}
    assert "các sở, ngành liên quan" in {n.lower() for n in named}  # still on the task
    late = {name for name, *_ in report.unreported}
    assert late == {"Sở Văn hóa, Thể thao và Du lịch"}
    assert {a.agency for a in reminder.agencies} == late
    assert app == late


@pytest.mark.parametrize(("name", "group"), [
    ("các sở, ngành liên quan", True), ("Các cơ quan, đơn vị liên quan", True),
    ("Những đơn vị được giao", True), ("Sở Nội vụ", False), ("Cục Thống kê", False),
    ("Các", False), ("", False),
])
def test_names_a_group(name, group):
    assert names_a_group(name) is group
