"""Plans and their legal bases."""

from __future__ import annotations

import json
from contextlib import nullcontext

from ..domain.entities import Plan
from ..domain.model import LegalBasis
from ..domain.text import clean_line
from . import items
from .connection import Database
from .convert import date_in, date_out

_FIELDS = ("number", "doc_type", "issuer", "place", "issued_on", "effective_on", "signer",
           "signer_authority", "signer_title", "title", "domain_field", "year", "year_to",
           "status", "recipients", "truncated", "source_file")


def _row(plan: Plan) -> dict:
    return {
        "number": clean_line(plan.number) or None,
        "doc_type": clean_line(plan.doc_type) or None,
        "issuer": clean_line(plan.issuer) or None,
        "place": clean_line(plan.place) or None,
        "issued_on": date_out(plan.issued_on),
        "effective_on": date_out(plan.effective_on),
        "signer": clean_line(plan.signer) or None,
        "signer_authority": clean_line(plan.signer_authority) or None,
        "signer_title": clean_line(plan.signer_title) or None,
        "title": clean_line(plan.title) or None,
        "domain_field": clean_line(plan.domain_field) or None,
        "year": plan.year,
        "year_to": plan.year_to,
        "status": plan.status,
        "recipients": json.dumps([clean_line(r) for r in plan.recipients if clean_line(r)],
                                 ensure_ascii=False),
        "truncated": int(plan.truncated),
        "source_file": plan.source_file,
    }


def insert(db: Database, plan: Plan) -> int:
    """Store a new plan with its legal bases; returns its id."""
    row = _row(plan)
    cursor = db.execute(
        f"INSERT INTO plans ({', '.join(_FIELDS)}) VALUES ({', '.join('?' * len(_FIELDS))})",
        [row[f] for f in _FIELDS],
    )
    plan_id = cursor.lastrowid
    _write_legal_bases(db, plan_id, plan.legal_bases)
    return plan_id


def update(db: Database, plan: Plan) -> None:
    """Save a plan's metadata and legal bases."""
    row = _row(plan)
    db.execute(
        f"UPDATE plans SET {', '.join(f + ' = ?' for f in _FIELDS)}, updated_at = datetime('now') "
        "WHERE id = ?",
        [row[f] for f in _FIELDS] + [plan.id],
    )
    db.execute("DELETE FROM legal_bases WHERE plan_id = ?", [plan.id])
    _write_legal_bases(db, plan.id, plan.legal_bases)


def _write_legal_bases(db: Database, plan_id: int, bases: list[LegalBasis]) -> None:
    db.conn.executemany(
        "INSERT INTO legal_bases (plan_id, position, doc_type, number, issued_on, issuer, summary, "
        "verb) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(plan_id, i, clean_line(b.doc_type), clean_line(b.number), date_out(b.issued_on),
          clean_line(b.issuer), clean_line(b.summary), clean_line(b.verb))
         for i, b in enumerate(bases, start=1)],
    )


def get(db: Database, plan_id: int) -> Plan | None:
    row = db.execute(f"SELECT id, {', '.join(_FIELDS)} FROM plans WHERE id = ?", [plan_id]).fetchone()
    if row is None:
        return None
    values = dict(zip(("id",) + _FIELDS, row, strict=True))
    values["issued_on"] = date_in(values["issued_on"])
    values["effective_on"] = date_in(values["effective_on"])
    values["recipients"] = json.loads(values["recipients"] or "[]")
    values["truncated"] = bool(values["truncated"])
    plan = Plan(**values)
    plan.legal_bases = [
        LegalBasis(doc_type=r[0], number=r[1], issued_on=date_in(r[2]), issuer=r[3], summary=r[4],
                   verb=r[5])
        for r in db.execute(
            "SELECT doc_type, number, issued_on, issuer, summary, verb FROM legal_bases "
            "WHERE plan_id = ? ORDER BY position", [plan_id]).fetchall()
    ]
    return plan


def number_key(number: str | None) -> str:
    """What makes two plan numbers the same: '93/KH-UBND' is '93/kh-ubnd' and '93 / KH-UBND'."""
    return "".join((number or "").split()).casefold()


def find_by_number(db: Database, number: str, *, other_than: int | None = None) -> int | None:
    """The plan numbered *number* (case and spaces aside), leaving out plan *other_than*."""
    key = number_key(number)
    if not key:
        return None
    for plan_id, stored in db.execute(
            "SELECT id, number FROM plans WHERE number IS NOT NULL ORDER BY id").fetchall():
        if plan_id != other_than and number_key(stored) == key:
            return plan_id
    return None


def find_unnumbered(db: Database, plan: Plan) -> int | None:
    """A stored plan without a number that is *plan* again (a draft imported twice): same
    title, issuer and date. None when *plan* has no title to go by."""
    title = clean_line(plan.title)
    if not title:
        return None
    row = db.execute(
        "SELECT id FROM plans WHERE COALESCE(number, '') = '' AND title = ? "
        "AND COALESCE(issuer, '') = ? AND issued_on IS ? ORDER BY id LIMIT 1",
        [title, clean_line(plan.issuer), date_out(plan.issued_on)]).fetchone()
    return row[0] if row else None


def list_plans(db: Database) -> list[Plan]:
    """All plans, most recent year first."""
    ids = [r[0] for r in db.execute(
        "SELECT id FROM plans ORDER BY COALESCE(year, 0) DESC, issued_on DESC, id DESC").fetchall()]
    return [p for p in (get(db, i) for i in ids) if p is not None]


def latest_id(db: Database) -> int | None:
    """The most recent plan (by year, then issue date): the default for commands and exports."""
    row = db.execute(
        "SELECT id FROM plans ORDER BY COALESCE(year, 0) DESC, issued_on DESC, id DESC LIMIT 1"
    ).fetchone()
    return row[0] if row else None


def delete(db: Database, plan_id: int) -> None:
    """Delete a plan with its items, assignments and reports (foreign-key cascades)."""
    gone = db.execute("SELECT COUNT(*) FROM items WHERE plan_id = ?", [plan_id]).fetchone()[0]
    with items.search_index_set_aside(db) if items.many_changes(db, gone) else nullcontext():
        db.execute("DELETE FROM plans WHERE id = ?", [plan_id])
