"""Assignments of activities to agencies (chủ trì / phối hợp)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ..domain.entities import Assignment
from ..domain.model import Role, TimeFrame
from ..domain.status import due_in
from . import progress
from .connection import Database
from .convert import date_in


def for_item(db: Database, item_id: int) -> list[Assignment]:
    """The item's agencies: the lead first, then the coordinating ones in Vietnamese order."""
    rows = db.execute(
        "SELECT a.id, a.item_id, a.agency_id, a.role, g.name, a.is_sample FROM assignments a "
        "JOIN agencies g ON g.id = a.agency_id WHERE a.item_id = ? "
        "ORDER BY a.role = 'phoi_hop', g.name_key", [item_id]).fetchall()
    return [Assignment(id=r[0], item_id=r[1], agency_id=r[2], role=Role(r[3]), agency_name=r[4],
                       is_sample=bool(r[5])) for r in rows]


def set_for_item(db: Database, item_id: int, lead_id: int | None, coordinating: list[int],
                 *, is_sample: bool = False) -> None:
    """Replace the item's assignments: one lead agency and any number of coordinating ones.
    A new lead changes the item's status: its lead's latest report decides it."""
    row = db.execute("SELECT lead_agency_id FROM items WHERE id = ?", [item_id]).fetchone()
    db.execute("DELETE FROM assignments WHERE item_id = ?", [item_id])
    rows = []
    if lead_id is not None:
        rows.append((item_id, lead_id, Role.LEAD.value, int(is_sample)))
    seen = {lead_id}
    for agency_id in coordinating:
        if agency_id not in seen:
            seen.add(agency_id)
            rows.append((item_id, agency_id, Role.COORDINATING.value, int(is_sample)))
    db.conn.executemany(
        "INSERT INTO assignments (item_id, agency_id, role, is_sample) VALUES (?, ?, ?, ?)", rows)
    db.execute("UPDATE items SET lead_agency_id = ? WHERE id = ?", [lead_id, item_id])
    if row is not None and row[0] != lead_id:
        progress.refresh_item_status(db, item_id)


def for_agency(db: Database, plan_id: int, agency_id: int) -> list[tuple[int, Role]]:
    """(item id, role) of every activity of the plan the agency takes part in, in plan order."""
    rows = db.execute(
        "SELECT i.id, a.role FROM assignments a JOIN items i ON i.id = a.item_id "
        "WHERE i.plan_id = ? AND a.agency_id = ? ORDER BY i.sort_path", [plan_id, agency_id]
    ).fetchall()
    return [(r[0], Role(r[1])) for r in rows]


def lines_of_agency(db: Database, plan_id: int, agency_id: int, year: int | None = None
                    ) -> list[tuple[int, str, str, Role, dt.date | None, TimeFrame]]:
    """(item id, ref, title, role, due date, time frame's dates) of what the agency takes part
    in, in plan order: for_agency() with what a list of it shows, without reading the whole
    plan. With *year*, a recurring activity ("hằng năm", stored over the programme) is due at
    the end of that year's round (domain.status.due_in), as the activities page and the
    documents judge it; else its last day."""
    rows = db.execute(
        "SELECT i.id, i.ref, i.title, a.role, i.tf_end, i.tf_start, i.tf_recurring "
        "FROM assignments a JOIN items i ON i.id = a.item_id "
        "WHERE i.plan_id = ? AND a.agency_id = ? ORDER BY i.sort_path",
        [plan_id, agency_id]).fetchall()
    out = []
    for r in rows:
        frame = TimeFrame("", date_in(r[5]), date_in(r[4]), bool(r[6]))
        due = frame.end
        if year is not None and frame.recurring:
            due = due_in(frame.start, frame.end, True, year)
        out.append((r[0], r[1], r[2], Role(r[3]), due, frame))
    return out


def agencies_of_plan(db: Database, plan_id: int) -> list[tuple[int, str]]:
    """(id, name) of every agency with an assignment in the plan, in Vietnamese order."""
    # agency by agency (a few hundred), not assignment by assignment (10^5 in a large plan)
    return db.execute(
        "SELECT g.id, g.name FROM agencies g WHERE EXISTS (SELECT 1 FROM assignments a "
        "CROSS JOIN items i ON i.id = a.item_id "
        "WHERE a.agency_id = g.id AND i.plan_id = ?) "
        "ORDER BY g.name_key", [plan_id]).fetchall()


def for_plan(db: Database, plan_id: int) -> dict[int, list[Assignment]]:
    """Every assignment of the plan by item id: the lead first, then Vietnamese order."""
    rows = db.execute(
        "SELECT a.id, a.item_id, a.agency_id, a.role, g.name, a.is_sample FROM assignments a "
        "JOIN items i ON i.id = a.item_id JOIN agencies g ON g.id = a.agency_id "
        "WHERE i.plan_id = ? ORDER BY a.item_id, a.role = 'phoi_hop', g.name_key",
        [plan_id]).fetchall()
    out: dict[int, list[Assignment]] = {}
    for r in rows:
        out.setdefault(r[1], []).append(Assignment(id=r[0], item_id=r[1], agency_id=r[2],
                                                   role=Role(r[3]), agency_name=r[4],
                                                   is_sample=bool(r[5])))
    return out


def bulk_insert(db: Database, rows: list[tuple[int, int, str]]) -> None:
    """(item id, agency id, role) rows of an import; an agency named twice for an item counts once."""
    with bulk(db, len(rows)) as add:
        add(rows)


@contextmanager
def bulk(db: Database, expected: int) -> Iterator[Callable[[list[tuple[int, int, str]]], None]]:
    """A function that stores (item id, agency id, role) rows, called with rows in as many
    batches as the caller likes (an import stores each chunk's as its items are stored), about
    *expected* rows in all; an agency named twice for an item counts once."""
    # When the new rows outnumber the stored ones, the agency index is rebuilt afterwards by
    # one sort (inside the caller's transaction) instead of updated row by row.
    set_aside = []
    if expected > db.execute("SELECT COUNT(*) FROM assignments").fetchone()[0]:
        set_aside = db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name = 'assignments' AND sql IS NOT NULL").fetchall()
    for name, _sql in set_aside:
        db.execute(f"DROP INDEX {name}")

    def add(rows: list[tuple[int, int, str]]) -> None:
        db.conn.executemany(
            "INSERT OR IGNORE INTO assignments (item_id, agency_id, role) VALUES (?, ?, ?)", rows)

    try:
        yield add
    finally:
        if db.conn.in_transaction:  # else a failure rolled back, restoring the index already
            for _name, sql in set_aside:
                db.execute(sql)
