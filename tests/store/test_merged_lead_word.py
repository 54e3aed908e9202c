"""What an activity's lead says for a period when it and an agency merged into it both reported
for that period (agencies.merge_into leaves the merged agency's report with it, as history):
one rule (progress.lead_words) for the app's status, the list of who owes a report
(SETTLED_SQL) and the documents. A "done" speaks over one not done (a merge does not undo work
the merged lead completed), else the lead's own; a chain of merges counts too. Real SQLite
files."""

from __future__ import annotations

import datetime as dt

import pytest

from gbapp.domain.entities import Agency, Period, ProgressReport
from gbapp.domain.model import Status
from gbapp.store import agencies, assignments, items, periods, progress
from gbapp.store.undo import UndoLog

D = dt.date
JULY = D(2025, 7, 1)  # the district level ended on 01/07/2025


@pytest.fixture
def plan(db):
    """A plan of 2025 with one activity due 31/12, a half-year period and the year."""
    plan_id = db.execute("INSERT INTO plans (number, year) VALUES ('9/KH-UBND', 2025)").lastrowid
    section = items.insert(db, plan_id, None, title="NỘI DUNG")
    act = items.insert(db, plan_id, section, title="Bố trí nơi tạm lánh")
    db.execute("UPDATE items SET is_activity = 1, tf_start = '2025-01-01', tf_end = '2025-12-31' "
               "WHERE id = ?", [act])
    half = periods.save(db, Period(plan_id=plan_id, name="6 tháng đầu năm 2025", kind="half",
                                   start_on=D(2025, 1, 1), end_on=D(2025, 6, 30)))
    year = periods.save(db, Period(plan_id=plan_id, name="Năm 2025", kind="year",
                                   start_on=D(2025, 1, 1), end_on=D(2025, 12, 31)))
    names = ("UBND huyện Sơn Tịnh", "UBND xã Tịnh Hà", "Sở Tư pháp", "UBND xã Tịnh Hà mới")
    district, commune, justice, new_commune = (agencies.save(db, Agency(name=n)) for n in names)
    db.conn.commit()
    return dict(db=db, plan=plan_id, act=act, half=half, year=year, district=district,
                commune=commune, justice=justice, new_commune=new_commune)


def _report(db, item, agency, period, status, percent, done_on=None, result=""):
    UndoLog(db).run("Lưu báo cáo", lambda d: progress.save(d, ProgressReport(
        item_id=item, agency_id=agency, period_id=period, status=status, percent=percent,
        completed_on=done_on, result=result)))


def _merge(db, old, new, on=JULY):
    return UndoLog(db).run("Sáp nhập", lambda d: agencies.merge_into(d, old, new, on))


def _state(db, item):
    return db.execute("SELECT progress_status, completed_on FROM items WHERE id = ?",
                      [item]).fetchone()


def _owing(p, period):
    return {name for _id, name, _n, _total in
            progress.unreported_agencies(p["db"], p["plan"], period)}


def test_the_merged_lead_s_done_speaks_for_its_successor_everywhere(plan):
    """The district led and reported the work done on 20/06; the commune (coordinating) had
    it at 30 %. After the merge the commune leads: the lead's word for the half year and for
    the year is the district's report, so the activity is done and Sở Tư pháp, which has
    not reported, owes nothing on it (the app listed it: SETTLED_SQL read the commune's)."""
    db, act = plan["db"], plan["act"]
    assignments.set_for_item(db, act, plan["district"], [plan["commune"], plan["justice"]])
    _report(db, act, plan["district"], plan["half"], Status.DONE_ON_TIME, 100, D(2025, 6, 20),
            "Huyện đã bố trí xong.")
    _report(db, act, plan["commune"], plan["half"], Status.IN_PROGRESS, 30, None,
            "Xã đang triển khai.")
    assert _merge(db, plan["district"], plan["commune"]) == 1  # the assignment; the report stays
    assert _state(db, act) == (Status.DONE_ON_TIME.value, "2025-06-20")
    for period in (plan["half"], plan["year"]):
        period_id, word = progress.lead_words(db, period)[act]
        assert (period_id, word.agency_id, word.status) == (
            plan["half"], plan["district"], Status.DONE_ON_TIME)
        assert "Sở Tư pháp" not in _owing(plan, period)
    # the latest word of any period is the same one
    assert progress.lead_words(db, plan_id=plan["plan"])[act][1].agency_id == plan["district"]


def test_a_chain_of_merges_keeps_the_first_lead_s_done(plan):
    """The district (lead, done) merged into the commune (in progress), which then merged into
    a new commune that had reported too: the district's report still speaks for the lead."""
    db, act = plan["db"], plan["act"]
    assignments.set_for_item(db, act, plan["district"], [plan["commune"], plan["new_commune"]])
    _report(db, act, plan["district"], plan["half"], Status.DONE_ON_TIME, 100, D(2025, 6, 20))
    _report(db, act, plan["commune"], plan["half"], Status.IN_PROGRESS, 30)
    _report(db, act, plan["new_commune"], plan["half"], Status.IN_PROGRESS, 10)
    _merge(db, plan["district"], plan["commune"])
    _merge(db, plan["commune"], plan["new_commune"], D(2025, 8, 1))
    assert db.execute("SELECT lead_agency_id FROM items WHERE id = ?", [act]).fetchone()[0] \
        == plan["new_commune"]
    assert _state(db, act) == (Status.DONE_ON_TIME.value, "2025-06-20")
    assert progress.lead_words(db, plan["year"])[act][1].agency_id == plan["district"]
    assert _owing(plan, plan["year"]) == set()


def test_neither_done_the_lead_s_own_speaks(plan):
    """Both still at work: the successor's own report is the lead's word (and the activity is
    in progress); a later "done" of the successor, after the merge, is the lead's word."""
    db, act = plan["db"], plan["act"]
    assignments.set_for_item(db, act, plan["district"], [plan["commune"]])
    _report(db, act, plan["district"], plan["half"], Status.IN_PROGRESS, 60)
    _report(db, act, plan["commune"], plan["half"], Status.IN_PROGRESS, 30)
    _merge(db, plan["district"], plan["commune"])
    assert progress.lead_words(db, plan["year"])[act][1].agency_id == plan["commune"]
    assert _state(db, act) == (Status.IN_PROGRESS.value, None)
    _report(db, act, plan["commune"], plan["year"], Status.DONE_ON_TIME, 100, D(2025, 11, 3))
    period_id, word = progress.lead_words(db, plan["year"])[act]
    assert (period_id, word.agency_id) == (plan["year"], plan["commune"])
    assert _state(db, act) == (Status.DONE_ON_TIME.value, "2025-11-03")


def test_an_agency_merged_into_a_coordinating_one_does_not_speak_for_the_lead(plan):
    """Two coordinating agencies merge; the lead's word is still the lead's own."""
    db, act = plan["db"], plan["act"]
    assignments.set_for_item(db, act, plan["justice"], [plan["district"], plan["commune"]])
    _report(db, act, plan["district"], plan["half"], Status.DONE_ON_TIME, 100, D(2025, 6, 20))
    _report(db, act, plan["commune"], plan["half"], Status.IN_PROGRESS, 30)
    _report(db, act, plan["justice"], plan["half"], Status.IN_PROGRESS, 50)
    _merge(db, plan["district"], plan["commune"])
    assert progress.lead_words(db, plan["year"])[act][1].agency_id == plan["justice"]
    assert _state(db, act) == (Status.IN_PROGRESS.value, None)


def test_a_merge_back_and_forth_ends(plan):
    """A cycle of successors (merged into B, then B back into A) neither loops nor counts an
    agency as merged into itself."""
    db, act = plan["db"], plan["act"]
    assignments.set_for_item(db, act, plan["district"], [plan["commune"]])
    _report(db, act, plan["district"], plan["half"], Status.IN_PROGRESS, 60)
    _report(db, act, plan["commune"], plan["half"], Status.DONE_ON_TIME, 100, D(2025, 5, 5))
    _merge(db, plan["district"], plan["commune"])
    _merge(db, plan["commune"], plan["district"], D(2025, 9, 1))
    assert progress.lead_words(db, plan["year"])[act][1].status == Status.DONE_ON_TIME
    assert _state(db, act) == (Status.DONE_ON_TIME.value, "2025-05-05")
    assert _owing(plan, plan["year"]) == set()
