"""Agencies: Vietnamese order, lookup ignoring diacritics, merge into a successor, deactivation."""

from __future__ import annotations

import datetime as dt

import pytest

from gbapp.domain.entities import Agency, Period, ProgressReport
from gbapp.domain.model import Role, Status
from gbapp.store import agencies, assignments, items, periods, progress


def test_vietnamese_order_and_lookup(db):
    for name in ("Sở Y tế", "Đài Phát thanh", "Công an tỉnh", "Sở Nội vụ", "Dân tộc"):
        agencies.save(db, Agency(name=name))
    assert [a.name for a in agencies.list_agencies(db)] == [
        "Công an tỉnh", "Dân tộc", "Đài Phát thanh", "Sở Nội vụ", "Sở Y tế"]
    assert agencies.find_by_name(db, "so noi vu") == agencies.find_by_name(db, "Sở Nội vụ")
    assert [a.name for a in agencies.list_agencies(db, text="dai")] == ["Đài Phát thanh"]
    with pytest.raises(ValueError, match="Đã có cơ quan"):
        agencies.save(db, Agency(name="Sở Y tế"))


def test_merge_moves_assignments_and_reports_and_keeps_history(db):
    plan_id = db.execute("INSERT INTO plans (number, year) VALUES ('1/KH-X', 2025)").lastrowid
    section = items.insert(db, plan_id, None, title="NỘI DUNG")
    act = items.insert(db, plan_id, section, title="Tập huấn")
    old = agencies.save(db, Agency(name="Sở Lao động - Thương binh và Xã hội"))
    new = agencies.save(db, Agency(name="Sở Nội vụ"))
    assignments.set_for_item(db, act, old, [])
    period = periods.save(db, Period(plan_id=plan_id, name="Năm 2025"))
    progress.save(db, ProgressReport(item_id=act, agency_id=old, period_id=period,
                                     status=Status.IN_PROGRESS))
    moved = agencies.merge_into(db, old, new, dt.date(2025, 3, 1))
    assert moved == 2
    assert [(a.agency_id, a.role) for a in assignments.for_item(db, act)] == [(new, Role.LEAD)]
    assert progress.get(db, act, new, period) is not None
    merged = agencies.get(db, old)
    assert (merged.active, merged.successor_id, merged.valid_to) == (False, new, dt.date(2025, 3, 1))
    assert items.get(db, act) is not None


def test_app_and_report_agree_on_who_has_not_reported(demo_db):
    """An agency whose report for a quarter says its work is done has reported for the year
    that contains it, in the app's list and in the report document alike; one with no report
    at all has not. (A quarter's "đang thực hiện" needs the year's report: see
    tests/services/test_year_end_chasing.py.)"""
    import datetime as dt

    from gbapp.domain.entities import Period, ProgressReport
    from gbapp.services.documents import collect_report
    from gbapp.store import assignments, periods, plans, progress

    db = demo_db
    plan_id = plans.latest_id(db)
    # periods of their own, and activities with no dates and no results yet: every activity
    # falls in them and asks a report (none was completed before them)
    db.execute("UPDATE items SET tf_start = NULL, tf_end = NULL, progress_status = NULL, "
               "completed_on = NULL")
    db.execute("DELETE FROM progress_reports")
    year = periods.save(db, Period(plan_id=plan_id, name="Năm 2031", kind="year",
                                   start_on=dt.date(2031, 1, 1), end_on=dt.date(2031, 12, 31)))
    quarter = periods.save(db, Period(plan_id=plan_id, name="Quý I/2031", kind="quarter",
                                      start_on=dt.date(2031, 1, 1), end_on=dt.date(2031, 3, 31)))
    assigned: dict[int, list[int]] = {}
    for refs in assignments.for_plan(db, plan_id).values():
        for a in refs:
            assigned.setdefault(a.agency_id, []).append(a.item_id)
    # two agencies report on all their activities (one for the quarter, one for the year);
    # a third reports on one of several and is still listed, for the others only
    # (the quarter's reporter coordinates only: its "done" completes no activity)
    leads = {r[0] for r in db.execute("SELECT lead_agency_id FROM items")}
    reporter, items1 = next((a, ids) for a, ids in sorted(assigned.items()) if a not in leads)
    (yearly, items2), *others = [(a, ids) for a, ids in sorted(assigned.items()) if a != reporter]
    partial, items3 = next((a, ids) for a, ids in others if len(ids) > 1)
    for item_id in items1:
        progress.save(db, ProgressReport(item_id=item_id, agency_id=reporter, period_id=quarter,
                                         status=Status.DONE_ON_TIME))
    for item_id in items2:
        progress.save(db, ProgressReport(item_id=item_id, agency_id=yearly, period_id=year))
    progress.save(db, ProgressReport(item_id=items3[0], agency_id=partial, period_id=year))

    in_app = {(name, n, total) for _id, name, n, total
              in progress.unreported_agencies(db, plan_id, year)}
    in_report = set(collect_report(db, plan_id, year).unreported)
    assert in_app == in_report
    names = {a.id: a.name for a in agencies.list_agencies(db)}
    listed = {name for name, _n, _t in in_app}
    assert names[reporter] not in listed and names[yearly] not in listed
    assert len(in_app) == len(others)
    assert (names[partial], len(items3) - 1, len(items3)) in in_app
    # The year is not inside the quarter: the yearly report does not count for the quarter.
    in_quarter = {(n, c, t) for _i, n, c, t in progress.unreported_agencies(db, plan_id, quarter)}
    # (the report leaves out its writer, Sở Nội vụ: the overview marks it as its own)
    assert {row for row in in_quarter if row[0] != "Sở Nội vụ"} == set(
        collect_report(db, plan_id, quarter).unreported)
    quarter_names = {n for n, _c, _t in in_quarter}
    assert names[yearly] in quarter_names and names[reporter] not in quarter_names


def test_merge_into_an_agency_already_on_the_activity(db):
    """Liên đoàn Lao động merged into Tỉnh Đoàn where both coordinate; Sở Y tế (lead) merged
    into Công an (coordinating): the successor takes the part (leading if either led), the old
    agency is no longer on the activity (so nobody chases it), the activity has one lead, and
    its status follows the successor's reports at once."""
    plan_id = db.execute("INSERT INTO plans (number, year) VALUES ('2/KH-X', 2025)").lastrowid
    section = items.insert(db, plan_id, None, title="NỘI DUNG")
    act = items.insert(db, plan_id, section, title="Tập huấn")
    health, police, union, youth = (agencies.save(db, Agency(name=n)) for n in (
        "Sở Y tế", "Công an tỉnh", "Liên đoàn Lao động tỉnh", "Tỉnh Đoàn"))
    assignments.set_for_item(db, act, health, [police, union, youth])
    period = periods.save(db, Period(plan_id=plan_id, name="Năm 2025"))
    progress.save(db, ProgressReport(item_id=act, agency_id=police, period_id=period,
                                     status=Status.DONE_ON_TIME, percent=100,
                                     completed_on=dt.date(2025, 6, 1)))
    def lead() -> int:
        return db.execute("SELECT lead_agency_id FROM items WHERE id = ?", [act]).fetchone()[0]

    assert lead() == health
    agencies.merge_into(db, union, youth)
    agencies.merge_into(db, health, police)
    roles = sorted((a.agency_id, a.role) for a in assignments.for_item(db, act))
    assert roles == sorted([(police, Role.LEAD), (youth, Role.COORDINATING)])
    assert lead() == police
    # the successor's own report now speaks for the lead: the activity is done
    assert db.execute("SELECT progress_status FROM items WHERE id = ?", [act]).fetchone()[0] \
        == Status.DONE_ON_TIME.value
    assert all(r[1] not in (health, union)
               for r in progress.unreported_agencies(db, plan_id, period))


def test_a_merge_does_not_undo_work_the_merged_lead_completed(db):
    """Sở Y tế (lead) reported the activity done; Sở Tư pháp (coordinating) reported it in
    progress for the same period. Merging Sở Y tế into Sở Tư pháp keeps it done: the merged
    lead's report stays with it as history, and still counts for its successor."""
    plan_id = db.execute("INSERT INTO plans (number, year) VALUES ('3/KH-X', 2025)").lastrowid
    section = items.insert(db, plan_id, None, title="NỘI DUNG")
    act = items.insert(db, plan_id, section, title="Tập huấn")
    health, justice = (agencies.save(db, Agency(name=n)) for n in ("Sở Y tế", "Sở Tư pháp"))
    assignments.set_for_item(db, act, health, [justice])
    period = periods.save(db, Period(plan_id=plan_id, name="6 tháng đầu năm 2025"))
    progress.save(db, ProgressReport(item_id=act, agency_id=health, period_id=period,
                                     status=Status.DONE_ON_TIME, percent=100,
                                     completed_on=dt.date(2025, 5, 21)))
    progress.save(db, ProgressReport(item_id=act, agency_id=justice, period_id=period,
                                     status=Status.IN_PROGRESS, percent=50))
    agencies.merge_into(db, health, justice, dt.date(2025, 7, 1))
    assert db.execute("SELECT progress_status, completed_on FROM items WHERE id = ?",
                      [act]).fetchone() == (Status.DONE_ON_TIME.value, "2025-05-21")
