"""Progress reports per activity × agency × period, and the activity status they imply."""

from __future__ import annotations

from ..domain.entities import ProgressReport
from ..domain.model import Status
from ..domain.text import clean_text
from .connection import Database
from .convert import date_in, date_out
from .periods import INCLUDED_SQL

_FIELDS = ("item_id", "agency_id", "period_id", "status", "percent", "result", "sessions",
           "participants", "men", "women", "evidence", "difficulties", "proposals", "spending",
           "completed_on", "is_sample")
_TEXT = {"result", "evidence", "difficulties", "proposals"}


def _from_row(r: tuple) -> ProgressReport:
    values = dict(zip(("id",) + _FIELDS, r, strict=True))
    values["status"] = Status(values["status"])
    values["completed_on"] = date_in(values["completed_on"])
    values["is_sample"] = bool(values["is_sample"])
    return ProgressReport(**values)


def get(db: Database, item_id: int, agency_id: int, period_id: int) -> ProgressReport | None:
    row = db.execute(
        f"SELECT id, {', '.join(_FIELDS)} FROM progress_reports WHERE item_id = ? "
        "AND agency_id = ? AND period_id = ?", [item_id, agency_id, period_id]).fetchone()
    return _from_row(row) if row else None


def for_period(db: Database, period_id: int, agency_id: int | None = None) -> list[ProgressReport]:
    sql = f"SELECT id, {', '.join(_FIELDS)} FROM progress_reports WHERE period_id = ?"
    params: list = [period_id]
    if agency_id is not None:
        sql += " AND agency_id = ?"
        params.append(agency_id)
    return [_from_row(r) for r in db.execute(sql, params).fetchall()]


# Which report speaks for a period (activity × agency): the period's own, else the one of the
# latest period inside it; of two that end on the same day, the longer one's (the half year
# over its second quarter), whatever order they were created in. Rows in this order: a later
# row speaks over an earlier one. The one rule of the progress page and the documents.
_SPEAKS_LAST = "q.id = :period, q.end_on, q.start_on DESC, q.id"


def speaking_for(db: Database, period_id: int,
                 agency_id: int | None = None) -> list[tuple[int, ProgressReport]]:
    """(period id, report) of the reports of *period_id* and of the periods inside it (of one
    agency if given), in _SPEAKS_LAST order: for each (activity, agency), the last one speaks
    for the period."""
    rows = db.execute(
        f"SELECT q.id, r.id, {', '.join('r.' + f for f in _FIELDS)} FROM progress_reports r "
        f"JOIN periods q ON q.id = r.period_id WHERE r.period_id IN ({INCLUDED_SQL}) "
        + ("AND r.agency_id = :agency " if agency_id is not None else "")
        + f"ORDER BY {_SPEAKS_LAST}",
        {"agency": agency_id, "period": period_id}).fetchall()
    return [(row[0], _from_row(row[1:])) for row in rows]


def latest_of_completed(db: Database, plan_id: int) -> list[tuple[int, ProgressReport]]:
    """(period id, report) of every report on the plan's completed activities, in
    _SPEAKS_LAST order (whatever the period): for each (activity, agency), the last one is
    the latest."""
    rows = db.execute(
        f"SELECT q.id, r.id, {', '.join('r.' + f for f in _FIELDS)} FROM progress_reports r "
        "JOIN periods q ON q.id = r.period_id JOIN items i ON i.id = r.item_id "
        "WHERE i.plan_id = ? AND i.progress_status IN ('hoan_thanh_dung_han', "
        "'hoan_thanh_qua_han') ORDER BY q.end_on, q.start_on DESC, q.id", [plan_id]).fetchall()
    return [(row[0], _from_row(row[1:])) for row in rows]


def inside(db: Database, period_id: int, agency_id: int) -> dict[int, tuple[str, ProgressReport]]:
    """item id -> (period name, report) of the agency's report that speaks for *period_id*
    among those of the periods inside it (not its own): see speaking_for()."""
    names = {r[0]: r[1] for r in db.execute(
        f"SELECT q.id, q.name FROM periods q WHERE q.id IN ({INCLUDED_SQL})",
        {"period": period_id})}
    out: dict[int, tuple[str, ProgressReport]] = {}
    for period, report in speaking_for(db, period_id, agency_id):  # later rows win
        if period != period_id:
            out[report.item_id] = (names[period], report)
    return out


def for_item(db: Database, item_id: int, period_id: int | None = None) -> list[ProgressReport]:
    sql = f"SELECT id, {', '.join(_FIELDS)} FROM progress_reports WHERE item_id = ?"
    params: list = [item_id]
    if period_id is not None:
        sql += " AND period_id = ?"
        params.append(period_id)
    return [_from_row(r) for r in db.execute(sql + " ORDER BY id", params).fetchall()]


def save(db: Database, report: ProgressReport) -> int:
    """Insert or replace the report of (activity, agency, period) and refresh the item's status."""
    values = {f: getattr(report, f) for f in _FIELDS}
    values["status"] = Status(report.status).value
    values["completed_on"] = date_out(report.completed_on)
    values["is_sample"] = int(report.is_sample)
    for f in _TEXT:
        values[f] = clean_text(values[f])
    cursor = db.execute(
        f"INSERT INTO progress_reports ({', '.join(_FIELDS)}) VALUES "
        f"({', '.join('?' * len(_FIELDS))}) ON CONFLICT(item_id, agency_id, period_id) DO UPDATE "
        f"SET {', '.join(f + ' = excluded.' + f for f in _FIELDS)}, updated_at = datetime('now')",
        [values[f] for f in _FIELDS])
    refresh_item_status(db, report.item_id)
    row = db.execute("SELECT id FROM progress_reports WHERE item_id = ? AND agency_id = ? AND "
                     "period_id = ?", [report.item_id, report.agency_id, report.period_id]).fetchone()
    return row[0] if row else cursor.lastrowid


def delete(db: Database, report_id: int) -> None:
    row = db.execute("SELECT item_id FROM progress_reports WHERE id = ?", [report_id]).fetchone()
    db.execute("DELETE FROM progress_reports WHERE id = ?", [report_id])
    if row:
        refresh_item_status(db, row[0])


def refresh_item_status(db: Database, item_id: int) -> None:
    """Keep items.progress_status/completed_on in step with the lead agency's reports.

    Done if the lead reported it done (the earliest completion date counts), or an agency
    merged into the lead did before the merge; in progress if any agency reported work;
    otherwise not started. Overdue is derived at query time from today.
    """
    row = db.execute(
        """
        SELECT
          MIN(CASE WHEN r.status IN ('hoan_thanh_dung_han', 'hoan_thanh_qua_han')
                    AND (r.agency_id = i.lead_agency_id OR r.agency_id IN (
                         SELECT g.id FROM agencies g WHERE g.successor_id = i.lead_agency_id))
                   THEN COALESCE(r.completed_on, p.end_on, '0000-00-00') END),
          MAX(r.status IN ('dang_thuc_hien', 'hoan_thanh_dung_han', 'hoan_thanh_qua_han'))
        FROM items i LEFT JOIN progress_reports r ON r.item_id = i.id
        LEFT JOIN periods p ON p.id = r.period_id
        WHERE i.id = ?
        """, [item_id]).fetchone()
    done_on, active = row if row else (None, None)
    if done_on is not None:
        status, completed = Status.DONE_ON_TIME.value, (None if done_on == "0000-00-00" else done_on)
    elif active:
        status, completed = Status.IN_PROGRESS.value, None
    else:
        status, completed = None, None
    db.execute("UPDATE items SET progress_status = ?, completed_on = ? WHERE id = ?",
               [status, completed, item_id])


# An activity completed by the end of period p (or done with no date) asks no report of that
# period: its result is known ("Hoàn thành" in another period's report). Items i, periods p.
# domain.status.settled() is the same rule for the documents.
SETTLED_SQL = ("IFNULL(i.progress_status IN ('hoan_thanh_dung_han', 'hoan_thanh_qua_han'), 0) AND "
               "(i.completed_on IS NULL OR p.end_on IS NULL OR i.completed_on <= p.end_on) AND "
               # not a recurring one completed in an earlier year of its run (earlier_round),
               # unless the lead's report for the period (or one inside it) dates this year's
               # round: the documents read that report's date (i.completed_on is the earliest)
               "NOT (i.tf_recurring = 1 AND i.completed_on IS NOT NULL AND p.end_on IS NOT NULL "
               "AND substr(i.completed_on, 1, 4) < substr(p.end_on, 1, 4) "
               "AND (i.tf_end IS NULL OR substr(p.end_on, 1, 4) <= substr(i.tf_end, 1, 4)) "
               "AND NOT EXISTS (SELECT 1 FROM progress_reports lr WHERE lr.item_id = i.id "
               "AND lr.agency_id = i.lead_agency_id "
               "AND lr.status IN ('hoan_thanh_dung_han', 'hoan_thanh_qua_han') "
               f"AND lr.period_id IN ({INCLUDED_SQL}) "
               "AND substr(lr.completed_on, 1, 4) >= substr(p.end_on, 1, 4)))")


# An agency name that is a group ("các sở, ngành liên quan"): asked for no report of its own.
# domain.text.names_a_group is the same rule (LIKE ignores the case of the ASCII first letter).
GROUP_SQL = "(g.name LIKE 'các %' OR g.name LIKE 'những %')"


def unreported_agencies(db: Database, plan_id: int, period_id: int
                        ) -> list[tuple[int, str, int, int]]:
    """(id, name, activities not reported, activities assigned) of the agencies assigned in the
    plan that have not reported on every activity assigned to them whose time overlaps the
    period and that was not completed by its end (SETTLED_SQL), in the period or a period
    inside it (periods.INCLUDED_SQL: the rule the documents follow too). One report on one
    activity does not clear an agency of the others."""
    return db.execute(
        f"""
        SELECT g.id, g.name, SUM(NOT EXISTS (
            SELECT 1 FROM progress_reports r WHERE r.agency_id = a.agency_id
              AND r.item_id = a.item_id AND r.period_id IN ({INCLUDED_SQL}))) AS missing,
          COUNT(DISTINCT a.item_id)
        FROM assignments a
        JOIN items i ON i.id = a.item_id JOIN agencies g ON g.id = a.agency_id
        JOIN periods p ON p.id = :period
        WHERE i.plan_id = :plan AND i.is_activity = 1
          AND (i.tf_start IS NULL OR p.end_on IS NULL OR i.tf_start <= p.end_on)
          AND (i.tf_end IS NULL OR p.start_on IS NULL OR i.tf_end >= p.start_on)
          AND NOT ({SETTLED_SQL}) AND NOT {GROUP_SQL}
        GROUP BY g.id HAVING missing > 0 ORDER BY g.name_key
        """, {"plan": plan_id, "period": period_id}).fetchall()
