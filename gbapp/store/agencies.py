"""Agencies: lookup by name, Vietnamese ordering, merging into a successor, deactivation."""

from __future__ import annotations

import datetime as dt

from ..domain.entities import Agency
from ..domain.model import Role
from ..domain.text import clean_line, fold, vi_collation_key
from . import progress
from .connection import Database
from .convert import date_in, date_out

_COLUMNS = ("id, name, short_name, kind, level, parent_id, valid_from, valid_to, successor_id, "
            "active, note")


def _from_row(r: tuple) -> Agency:
    return Agency(id=r[0], name=r[1], short_name=r[2], kind=r[3], level=r[4], parent_id=r[5],
                  valid_from=date_in(r[6]), valid_to=date_in(r[7]), successor_id=r[8],
                  active=bool(r[9]), note=r[10])


def get(db: Database, agency_id: int) -> Agency | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM agencies WHERE id = ?", [agency_id]).fetchone()
    return _from_row(row) if row else None


def list_agencies(db: Database, *, include_inactive: bool = True, text: str = "") -> list[Agency]:
    """Agencies in Vietnamese alphabetical order (Đ after D)."""
    sql = f"SELECT {_COLUMNS} FROM agencies WHERE 1"
    params: list = []
    if not include_inactive:
        sql += " AND active = 1"
    if text:  # the name or the short name ("SVHTTDL"), ignoring case and diacritics
        sql += " AND (search LIKE ? OR fold(short_name) LIKE ?)"
        params += [f"%{fold(text)}%"] * 2
    sql += " ORDER BY name_key, name"
    return [_from_row(r) for r in db.execute(sql, params).fetchall()]


def find_by_name(db: Database, name: str) -> int | None:
    """Exact name, else the same name ignoring case and diacritics, else the short name."""
    name = clean_line(name)
    row = db.execute("SELECT id FROM agencies WHERE name = ?", [name]).fetchone()
    if row is None:
        row = db.execute(
            "SELECT id FROM agencies WHERE search = ? OR fold(short_name) = ? "
            "ORDER BY active DESC LIMIT 1",
            [fold(name), fold(name)],
        ).fetchone()
    return row[0] if row else None


def save(db: Database, agency: Agency) -> int:
    """Insert or update an agency; returns its id."""
    name = clean_line(agency.name)
    if not name:
        raise ValueError("Tên cơ quan không được để trống. (agency name is required)")
    values = [name, clean_line(agency.short_name), agency.kind, agency.level, agency.parent_id,
              date_out(agency.valid_from), date_out(agency.valid_to), agency.successor_id,
              int(agency.active), agency.note, fold(name), vi_collation_key(name)]
    clash = db.execute("SELECT id FROM agencies WHERE name = ? AND id IS NOT ?",
                       [name, agency.id]).fetchone()
    if clash:
        raise ValueError(f"Đã có cơ quan tên «{name}». (an agency with this name exists)")
    if agency.id is None:
        return db.execute(
            "INSERT INTO agencies (name, short_name, kind, level, parent_id, valid_from, valid_to, "
            "successor_id, active, note, search, name_key) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values,
        ).lastrowid
    db.execute(
        "UPDATE agencies SET name = ?, short_name = ?, kind = ?, level = ?, parent_id = ?, "
        "valid_from = ?, valid_to = ?, successor_id = ?, active = ?, note = ?, search = ?, "
        "name_key = ? WHERE id = ?", values + [agency.id],
    )
    return agency.id


def get_or_create(db: Database, name: str, **fields) -> int:
    """The id of the agency called *name*, creating it if it is new."""
    found = find_by_name(db, name)
    if found is not None:
        return found
    return save(db, Agency(name=clean_line(name), **fields))


def deactivate(db: Database, agency_id: int, on: dt.date | None = None) -> None:
    """Mark an agency inactive from *on* (kept with its history, never deleted)."""
    db.execute("UPDATE agencies SET active = 0, valid_to = COALESCE(?, valid_to) WHERE id = ?",
               [date_out(on), agency_id])


def merge_into(db: Database, agency_id: int, successor_id: int, on: dt.date | None = None) -> int:
    """Merge an agency into its successor: its assignments and reports follow, history is kept.

    Returns how many assignments and reports moved. Where the successor already takes part in
    the same activity, it takes the old agency's part too: it leads if either led, and the old
    assignment goes (else the merged agency would still be chased for reports, and the
    activity would have two leads). Where the successor already reported on the same activity
    for the same period, its report is kept and the old one stays with the old agency
    (history); it still speaks for the successor as the activity's lead, by the one rule of
    progress.lead_words: a merge does not undo work the merged lead completed. So do the
    reports left with agencies merged into this one before (a chain of merges).
    """
    if agency_id == successor_id:
        raise ValueError("Không thể sáp nhập một cơ quan vào chính nó. (cannot merge into itself)")
    touched = [r[0] for r in db.execute(
        f"WITH RECURSIVE {progress.MERGED_CTE} "
        "SELECT item_id FROM assignments WHERE agency_id = :agency UNION "
        "SELECT item_id FROM progress_reports WHERE agency_id = :agency OR agency_id IN ("
        "SELECT m.agency_id FROM merged m WHERE m.lead_id = :agency)", {"agency": agency_id})]
    shared = db.execute(
        "SELECT s.item_id, o.role FROM assignments o JOIN assignments s "
        "ON s.item_id = o.item_id AND s.agency_id = ? WHERE o.agency_id = ?",
        [successor_id, agency_id]).fetchall()
    for item_id, role in shared:
        if role == Role.LEAD.value:
            db.execute("UPDATE assignments SET role = ? WHERE item_id = ? AND agency_id = ?",
                       [Role.LEAD.value, item_id, successor_id])
        db.execute("DELETE FROM assignments WHERE item_id = ? AND agency_id = ?",
                   [item_id, agency_id])
    moved = len(shared) + db.execute(
        "UPDATE OR IGNORE assignments SET agency_id = ? WHERE agency_id = ?",
        [successor_id, agency_id]).rowcount
    moved += db.execute(
        "UPDATE OR IGNORE progress_reports SET agency_id = ? WHERE agency_id = ?",
        [successor_id, agency_id]).rowcount
    db.execute("UPDATE items SET lead_agency_id = ? WHERE lead_agency_id = ?",
               [successor_id, agency_id])
    db.execute(
        "UPDATE agencies SET successor_id = ?, active = 0, valid_to = COALESCE(?, valid_to, "
        "date('now')) WHERE id = ?", [successor_id, date_out(on), agency_id])
    for item_id in touched:  # the lead's reports make an activity's status: they changed hands
        progress.refresh_item_status(db, item_id)
    return moved


def usage(db: Database, agency_id: int) -> dict[str, int]:
    """How many assignments (by role) and reports point at the agency."""
    out = dict(db.execute(
        "SELECT role, COUNT(*) FROM assignments WHERE agency_id = ? GROUP BY role", [agency_id]
    ).fetchall())
    out["reports"] = db.execute(
        "SELECT COUNT(*) FROM progress_reports WHERE agency_id = ?", [agency_id]).fetchone()[0]
    return out
