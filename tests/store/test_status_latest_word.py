"""An activity's status on the app's pages: the lead's latest report decides (a "Hoàn thành" of
the first quarter corrected to "Đang thực hiện" in the second is not done), and a recurring
activity done in an earlier year of its run asks for this year's round. Sorting by status
still reads its covering index alone (migration m008). Real SQLite files."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import sqlite3
from pathlib import Path

import pytest

from gbapp.domain.entities import Agency, Period, ProgressReport
from gbapp.domain.model import Status, TimeFrame
from gbapp.domain.status import (
    DONE,
    Word,
    activity_progress,
    derive_status,
    earlier_round,
    in_round,
    round_due,
)
from gbapp.store import activities, agencies, assignments, items, open_database, periods, progress
from gbapp.store.activities import REPORTED_STATUS_SQL, STATUS_SQL

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
D = dt.date


def page_status(state, due, done_on, recurring, today) -> Status:
    """The rule the documents follow for a period of *today*'s year (services.documents.
    _period_facts): the reported status, then the rounds of that year (domain.status.
    in_round: overdue after this year's round's due, late after the completion's round's)."""
    status = derive_status(state, due, done_on, today)
    if status in DONE and earlier_round(recurring, done_on, due, today.year):
        return derive_status(None, round_due(due, today.year), None, today)
    return in_round(status, TimeFrame("", None, due, recurring), done_on, today, today.year)


def test_sql_status_with_rounds_matches_the_documents_rule(db):
    dates = [None, D(2026, 6, 1), D(2027, 2, 28), D(2027, 6, 30), D(2028, 2, 29), D(2026, 12, 31)]
    todays = [D(2026, 7, 1), D(2027, 2, 28), D(2027, 3, 1), D(2027, 7, 1), D(2028, 3, 1),
              D(2029, 1, 5)]
    states = [None, Status.IN_PROGRESS.value, Status.DONE_ON_TIME.value]
    checked = 0
    for state, due, done_on, recurring, today in itertools.product(
            states, dates, dates, (0, 1), todays):
        params = {"p": state, "due": due and due.isoformat(),
                  "done": done_on and done_on.isoformat(), "rec": recurring,
                  "today": today.isoformat()}
        source = ("FROM (SELECT :p AS progress_status, :due AS tf_end, :done AS completed_on, "
                  ":rec AS tf_recurring, NULL AS tf_start) AS i")
        shown, reported = db.execute(
            f"SELECT {STATUS_SQL}, {REPORTED_STATUS_SQL} {source}", params).fetchone()
        case = (state, due, done_on, recurring, today)
        assert Status(shown) == page_status(state, due, done_on, bool(recurring), today), case
        assert Status(reported) == derive_status(state, due, done_on, today), case
        checked += Status(shown) != Status(reported)
    assert checked > 30  # the rounds did change something


def test_rules_of_the_latest_word():
    q1, q2, q3 = D(2026, 3, 31), D(2026, 6, 30), D(2026, 9, 30)
    done, going = Status.DONE_ON_TIME, Status.IN_PROGRESS
    # the correction: done in Q1, "đang thực hiện" in Q2
    assert activity_progress([Word(done, D(2026, 3, 10), q1, True),
                              Word(going, None, q2, True)]) == (going, None)
    # repeated "done" without a date keeps the date given before; a later date stated wins
    assert activity_progress([Word(done, D(2026, 3, 10), q1, True),
                              Word(done, None, q2, True)]) == (done, D(2026, 3, 10))
    assert activity_progress([Word(done, D(2026, 3, 10), q1, True),
                              Word(done, D(2026, 5, 20), q2, True),
                              Word(done, None, q3, True)]) == (done, D(2026, 5, 20))
    # done again after a correction, no date: by the end of that period
    assert activity_progress([Word(done, D(2026, 3, 10), q1, True), Word(going, None, q2, True),
                              Word(done, None, q3, True)]) == (done, q3)
    # a recurring activity's run of "done" stays in its year: 2027's round is 2027's
    assert activity_progress([Word(done, D(2026, 6, 1), D(2026, 12, 31), True),
                              Word(done, None, D(2027, 12, 31), True)],
                             recurring=True) == (done, D(2027, 12, 31))
    assert activity_progress([Word(done, D(2026, 6, 1), D(2026, 12, 31), True),
                              Word(done, None, D(2027, 12, 31), True)]) == (done, D(2026, 6, 1))
    # another agency's work makes it in progress, not done; none at all: nothing
    assert activity_progress([Word(done, D(2026, 3, 1), q1, False)]) == (going, None)
    assert activity_progress([Word(Status.NOT_STARTED, None, q1, True)]) == (None, None)
    assert activity_progress([]) == (None, None)


@pytest.fixture
def plan(db):
    """A plan with one activity (lead Sở Y tế, coordinating Sở Tư pháp) and quarters."""
    plan_id = db.execute("INSERT INTO plans (number, year) VALUES ('5/KH-X', 2026)").lastrowid
    section = items.insert(db, plan_id, None, title="NHIỆM VỤ")
    act = items.insert(db, plan_id, section, title="Tập huấn")
    db.execute("UPDATE items SET is_activity = 1, tf_start = '2026-01-01', tf_end = "
               "'2026-09-30' WHERE id = ?", [act])
    health, justice = (agencies.save(db, Agency(name=n)) for n in ("Sở Y tế", "Sở Tư pháp"))
    assignments.set_for_item(db, act, health, [justice])
    quarters = [periods.save(db, Period(plan_id=plan_id, name=f"Quý {n}/2026", kind="quarter",
                                        start_on=D(2026, 3 * n - 2, 1),
                                        end_on=D(2026, 3 * n, 30 if n in (2, 3) else 31)))
                for n in (1, 2, 3)]
    db.conn.commit()
    return plan_id, act, health, justice, quarters


def _save(db, act, agency, period, status, completed_on=None):
    with db.atomic():
        progress.save(db, ProgressReport(item_id=act, agency_id=agency, period_id=period,
                                         status=status, completed_on=completed_on))


def _shown(db, plan_id, act, today) -> Status:
    row, = (r for r in activities.query(db, plan_id, activities.ActivityFilter(), today=today)
            if r.id == act)
    return row.status


def test_a_correction_by_the_lead_is_what_the_page_shows(db, plan):
    plan_id, act, health, justice, (q1, q2, q3) = plan
    today = D(2026, 7, 10)
    _save(db, act, health, q1, Status.DONE_ON_TIME, D(2026, 3, 10))
    assert _shown(db, plan_id, act, today) == Status.DONE_ON_TIME
    # the lead corrects itself in the second quarter: it was not done (the earliest "done"
    # kept it "Hoàn thành" for good)
    _save(db, act, health, q2, Status.IN_PROGRESS)
    assert _shown(db, plan_id, act, today) == Status.IN_PROGRESS
    assert _shown(db, plan_id, act, D(2026, 10, 5)) == Status.OVERDUE
    counts = activities.status_counts(db, plan_id, today=today)
    assert counts[Status.IN_PROGRESS] == 1 and counts[Status.DONE_ON_TIME] == 0
    # a coordinating agency's "done" does not make the lead's work done
    _save(db, act, justice, q3, Status.DONE_ON_TIME, D(2026, 8, 1))
    assert _shown(db, plan_id, act, D(2026, 8, 5)) == Status.IN_PROGRESS
    # done again in the third quarter, then the correction taken back (deleted): as before
    _save(db, act, health, q3, Status.DONE_ON_TIME, D(2026, 9, 1))
    assert db.execute("SELECT progress_status, completed_on FROM items WHERE id = ?",
                      [act]).fetchone() == ("hoan_thanh_dung_han", "2026-09-01")
    for period in (q3, q2):
        with db.atomic():
            progress.delete(db, progress.get(db, act, health, period).id)
    assert db.execute("SELECT progress_status, completed_on FROM items WHERE id = ?",
                      [act]).fetchone() == ("hoan_thanh_dung_han", "2026-03-10")


def test_a_new_lead_s_word_decides_at_once(db, plan):
    """The lead changed on the activity form: the new lead's latest report is the status
    now, not the old lead's until someone saves a report."""
    plan_id, act, health, justice, (q1, q2, q3) = plan
    today = D(2026, 7, 10)
    _save(db, act, health, q1, Status.DONE_ON_TIME, D(2026, 3, 10))
    _save(db, act, justice, q2, Status.IN_PROGRESS)
    assert _shown(db, plan_id, act, today) == Status.DONE_ON_TIME
    with db.atomic():
        assignments.set_for_item(db, act, justice, [health])
    assert _shown(db, plan_id, act, today) == Status.IN_PROGRESS
    with db.atomic():
        assignments.set_for_item(db, act, health, [justice])
    assert _shown(db, plan_id, act, today) == Status.DONE_ON_TIME


def test_the_quarter_of_a_correction_and_the_one_before_ask_as_the_documents_do(db, plan):
    """Who has not reported (the app's list) for each quarter: the first quarter's "done"
    settles it for that quarter (its report says "Hoàn thành"); the second's correction
    asks the coordinating agency for the second quarter."""
    from gbapp.services.documents import collect_report

    plan_id, act, health, justice, (q1, q2, q3) = plan
    _save(db, act, health, q1, Status.DONE_ON_TIME, D(2026, 3, 10))
    _save(db, act, health, q2, Status.IN_PROGRESS)
    today = D(2026, 7, 10)
    for period, chased in ((q1, set()), (q2, {"Sở Tư pháp"})):
        in_app = {row[1] for row in progress.unreported_agencies(db, plan_id, period)}
        in_report = {name for name, *_ in collect_report(db, plan_id, period,
                                                         today=today).unreported}
        assert in_app == in_report == chased, period


def test_a_quarter_whose_lead_said_in_progress_asks_though_done_by_its_end(db, plan):
    """The lead wrote "đang thực hiện" for the first quarter and, in the second, that the work
    was done on 30/03: the first quarter's report says "Đang thực hiện" (its own word), so it
    still asks the coordinating agency for that quarter, in the app as in the report."""
    from gbapp.services.documents import collect_report

    plan_id, act, health, justice, (q1, q2, q3) = plan
    _save(db, act, health, q1, Status.IN_PROGRESS)
    _save(db, act, health, q2, Status.DONE_ON_TIME, D(2026, 3, 30))
    today = D(2026, 7, 10)
    for period, chased in ((q1, {"Sở Tư pháp"}), (q2, set())):
        in_app = {row[1] for row in progress.unreported_agencies(db, plan_id, period)}
        in_report = {name for name, *_ in collect_report(db, plan_id, period,
                                                         today=today).unreported}
        assert in_app == in_report == chased, period


def test_a_period_s_own_report_speaks_over_those_inside_it(db, plan):
    """The half year's own report ("đang thực hiện") speaks for it over the second quarter's
    "done" inside it (store.progress._SPEAKS_LAST): the half year still asks for reports."""
    from gbapp.services.documents import collect_report

    plan_id, act, health, justice, (q1, q2, q3) = plan
    half = periods.save(db, Period(plan_id=plan_id, name="6 tháng đầu năm 2026", kind="half",
                                   start_on=D(2026, 1, 1), end_on=D(2026, 6, 30)))
    _save(db, act, health, q2, Status.DONE_ON_TIME, D(2026, 5, 20))
    _save(db, act, health, half, Status.IN_PROGRESS)
    today = D(2026, 7, 10)
    in_app = {row[1] for row in progress.unreported_agencies(db, plan_id, half)}
    in_report = {name for name, *_ in collect_report(db, plan_id, half, today=today).unreported}
    assert in_app == in_report == {"Sở Tư pháp"}


def _query_plan(db, plan_id, today, sort, descending=False) -> list[str]:
    """The query plan of the page's ordering query for *sort* (as activities.query runs it)."""
    seen = []
    real = db.execute

    def record(sql, parameters=None):
        seen.append((sql, parameters))
        return real(sql, parameters)

    db.execute = record
    try:
        activities.query(db, plan_id, activities.ActivityFilter(), today=today, sort=sort,
                         descending=descending)
    finally:
        del db.execute
    sql, params = next((s, p) for s, p in seen if "ORDER BY" in s)
    return [r[-1] for r in db.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()]


def test_sorting_by_status_reads_the_covering_index_alone(db, plan):
    plan_id, act, health, justice, (q1, q2, q3) = plan
    for descending in (False, True):
        steps = _query_plan(db, plan_id, D(2027, 7, 1), "status", descending)
        assert any("USING COVERING INDEX items_sort_status" in s for s in steps), steps
    columns = [r[2] for r in db.execute("PRAGMA index_info(items_sort_status)")]
    assert "tf_recurring" in columns


def test_status_sort_orders_rounds_as_shown(db):
    """A programme 2026 - 2030: recurring activities done in 2026 sort with this year's
    overdue or not started ones in 2027, by the status the page shows."""
    plan_id = db.execute("INSERT INTO plans (number, year, year_to) VALUES ('6/KH-X', 2026, "
                         "2030)").lastrowid
    section = items.insert(db, plan_id, None, title="NHIỆM VỤ")
    rows = [  # (tf_end, recurring, progress, completed)
        ("2030-06-30", 1, "hoan_thanh_dung_han", "2026-06-01"),  # 2027's round overdue
        ("2030-12-31", 1, "hoan_thanh_dung_han", "2026-06-01"),  # 2027's round to come
        ("2030-06-30", 1, "hoan_thanh_dung_han", "2027-05-01"),  # 2027's round done
        ("2026-12-31", 0, "hoan_thanh_dung_han", "2026-06-01"),  # done, not recurring
        ("2030-06-30", 0, "dang_thuc_hien", None),
    ]
    ids = []
    for n, (end, rec, state, done_on) in enumerate(rows):
        act = items.insert(db, plan_id, section, title=f"Hoạt động {n}")
        db.execute("UPDATE items SET is_activity = 1, tf_end = ?, tf_recurring = ?, "
                   "progress_status = ?, completed_on = ? WHERE id = ?",
                   [end, rec, state, done_on, act])
        ids.append(act)
    db.conn.commit()
    today = D(2027, 7, 10)
    page = activities.query(db, plan_id, activities.ActivityFilter(), today=today,
                            sort="status")
    shown = {r.id: r.status for r in page}
    assert [shown[i] for i in ids] == [Status.OVERDUE, Status.NOT_STARTED, Status.DONE_ON_TIME,
                                       Status.DONE_ON_TIME, Status.IN_PROGRESS]
    assert [r.status.value for r in page] == sorted(r.status.value for r in page)
    overdue = activities.ActivityFilter(statuses={Status.OVERDUE})
    assert [r.id for r in activities.query(db, plan_id, overdue, today=today)] == [ids[0]]
    assert activities.count(db, plan_id, overdue, today=today) == 1
    assert activities.statuses(db, plan_id, today=today) == shown
    assert activities.statuses(db, plan_id, today=today, rounds=False)[ids[0]] \
        == Status.DONE_ON_TIME


def test_an_older_file_reads_the_latest_word_after_its_upgrade(tmp_path):
    """A schema-7 file kept the earliest "done" of a corrected activity and a status index
    without tf_recurring: opening it with this gbapp recomputes both."""
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "schema-7.db", path)
    raw = sqlite3.connect(path)
    act, lead = raw.execute("SELECT id, lead_agency_id FROM items WHERE is_activity = 1 AND "
                            "lead_agency_id IS NOT NULL ORDER BY sort_path LIMIT 1").fetchone()
    plan_id = raw.execute("SELECT plan_id FROM items WHERE id = ?", [act]).fetchone()[0]
    raw.execute("DELETE FROM progress_reports WHERE item_id = ?", [act])
    period_ids = []
    for name, start, end in (("Quý I/2030", "2030-01-01", "2030-03-31"),
                             ("Quý II/2030", "2030-04-01", "2030-06-30")):
        period_ids.append(raw.execute(
            "INSERT INTO periods (plan_id, name, kind, start_on, end_on) VALUES (?, ?, "
            "'quarter', ?, ?)", [plan_id, name, start, end]).lastrowid)
    raw.execute("INSERT INTO progress_reports (item_id, agency_id, period_id, status, "
                "completed_on) VALUES (?, ?, ?, 'hoan_thanh_dung_han', '2030-03-10')",
                [act, lead, period_ids[0]])
    raw.execute("INSERT INTO progress_reports (item_id, agency_id, period_id, status) "
                "VALUES (?, ?, ?, 'dang_thuc_hien')", [act, lead, period_ids[1]])
    # as gbapp 7 stored it: the earliest "done"
    raw.execute("UPDATE items SET progress_status = 'hoan_thanh_dung_han', completed_on = "
                "'2030-03-10' WHERE id = ?", [act])
    raw.commit()
    raw.close()
    db = open_database(path)
    try:
        assert db.execute("SELECT progress_status, completed_on FROM items WHERE id = ?",
                          [act]).fetchone() == ("dang_thuc_hien", None)
        assert "tf_recurring" in [r[2] for r in db.execute(
            "PRAGMA index_info(items_sort_status)")]
        # every other activity reads as its reports say today
        before = db.execute("SELECT id, progress_status, completed_on FROM items "
                            "ORDER BY id").fetchall()
        progress.refresh_statuses(db, [r[0] for r in before])
        assert db.execute("SELECT id, progress_status, completed_on FROM items "
                          "ORDER BY id").fetchall() == before
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()
