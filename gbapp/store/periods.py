"""Reporting periods (kỳ báo cáo) with their due dates."""

from __future__ import annotations

from ..domain.entities import Period
from ..domain.text import clean_line
from .connection import Database
from .convert import date_in, date_out

# The period :period and the plan's periods that lie inside it (a year takes in its quarters):
# a report made for any of them speaks for :period (progress.speaking_for: the documents quote
# it, marked with its period), but one of a period inside answers for :period only when it
# says the work is done (progress.answers): a June "đang thực hiện" does not excuse the agency
# from the year's report, in the app and in the documents alike.
INCLUDED_SQL = """
    SELECT q.id FROM periods p JOIN periods q ON q.plan_id = p.plan_id
    WHERE p.id = :period AND (q.id = p.id OR (
        p.start_on IS NOT NULL AND p.end_on IS NOT NULL AND q.start_on IS NOT NULL
        AND q.end_on IS NOT NULL AND q.start_on >= p.start_on AND q.end_on <= p.end_on))"""


def _from_row(r: tuple) -> Period:
    return Period(id=r[0], plan_id=r[1], name=r[2], kind=r[3], start_on=date_in(r[4]),
                  end_on=date_in(r[5]), due_on=date_in(r[6]))


def list_periods(db: Database, plan_id: int) -> list[Period]:
    rows = db.execute(
        "SELECT id, plan_id, name, kind, start_on, end_on, due_on FROM periods WHERE plan_id = ? "
        "ORDER BY end_on, id", [plan_id]).fetchall()
    return [_from_row(r) for r in rows]


def included_ids(db: Database, period_id: int) -> list[int]:
    """*period_id* and the ids of the plan's periods inside it (see INCLUDED_SQL)."""
    return [r[0] for r in db.execute(INCLUDED_SQL, {"period": period_id})]


def get(db: Database, period_id: int) -> Period | None:
    row = db.execute("SELECT id, plan_id, name, kind, start_on, end_on, due_on FROM periods "
                     "WHERE id = ?", [period_id]).fetchone()
    return _from_row(row) if row else None


def save(db: Database, period: Period) -> int:
    values = [period.plan_id, clean_line(period.name), period.kind, date_out(period.start_on),
              date_out(period.end_on), date_out(period.due_on)]
    if period.id is None:
        return db.execute("INSERT INTO periods (plan_id, name, kind, start_on, end_on, due_on) "
                          "VALUES (?, ?, ?, ?, ?, ?)", values).lastrowid
    db.execute("UPDATE periods SET plan_id = ?, name = ?, kind = ?, start_on = ?, end_on = ?, "
               "due_on = ? WHERE id = ?", values + [period.id])
    return period.id


def delete(db: Database, period_id: int) -> None:
    db.execute("DELETE FROM periods WHERE id = ?", [period_id])
