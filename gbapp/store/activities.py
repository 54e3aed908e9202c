"""The activities list: filtering, sorting and counting in SQL so that it stays instant at 100k rows."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..domain.model import Role, Status
from ..domain.text import search_words
from .connection import Database
from .convert import date_in, date_out

def _year_of(column: str) -> str:
    return f"CAST(substr({column}, 1, 4) AS INTEGER)"


def round_of_sql(day: str, start: str = "i.tf_start", end: str = "i.tf_end") -> str:
    """The year of the round *day* (an ISO date in SQL) belongs to for a recurring item running
    from *start* to *end* (its columns), as SQL (domain.status.round_of): *day*'s year, the
    next from the round's start day and month when the round crosses the new year (its last
    day's day and month before its start's: a school year, September to May)."""
    return (f"({_year_of(day)} + IFNULL(substr({end}, 5) < substr({start}, 5) "
            f"AND substr({day}, 5) >= substr({start}, 5), 0))")


# The round evaluated on the app's pages: today's (a school year's from its start).
_TODAY_ROUND = round_of_sql(":today")


def _round_due_sql(year: str) -> str:
    """The due date of the round of *year* (an SQL integer: the year it is due in) of a
    recurring item with a last day, as SQL over its columns (domain.status.due_in,
    round_year): *year* kept within the item's run (its first round is its start's), on the
    last day's day and month (29/02 in a year without it: 28/02)."""
    first = f"IFNULL({round_of_sql('i.tf_start')}, 0)"
    year = f"MIN(MAX({year}, {first}), {_year_of('i.tf_end')})"
    return (f"CASE WHEN substr(i.tf_end, 6) = '02-29' THEN date({year} || '-03-01', '-1 day') "
            f"ELSE {year} || substr(i.tf_end, 5) END")


def _due_sql(year: str) -> str:
    return (f"(CASE WHEN i.tf_recurring = 1 AND i.tf_end IS NOT NULL "
            f"THEN {_round_due_sql(year)} ELSE i.tf_end END)")


# The due date an activity is judged by today (:today bound): its last day; for a recurring
# one ("hằng năm" over a programme 2021 - 2030) the end of the round today is in, not the
# programme's last day (domain.status.due_in, round_of: this year's, or for a school year's
# round, September to May, the school year's). The page shows it as «Hạn», filters and sorts
# by it, and its status is overdue after it. Its columns are in items_sort_status (m010).
DUE_SQL = _due_sql(_TODAY_ROUND)


def _status_sql(rounds: bool) -> str:
    """The derived status of an activity, as SQL over the denormalised item columns (:today
    bound; domain.status.derive_status). As of :today: work completed after that day was not
    done yet then (a back-dated report). With *rounds*, a recurring activity is judged by the
    round :today is in (domain.status.in_round, round_of): overdue after that round's due date
    (DUE_SQL), done late when completed after the due of its completion's round, and one
    completed in an earlier round while it still runs in :today's shows :today's round as
    still to do (domain.status.earlier_round), as the report and the reminder of this year's
    period say. Every column it reads is in the covering index items_sort_status (migrations
    m009, m010): sorting by status reads that alone."""
    done = "i.progress_status IN ('hoan_thanh_dung_han', 'hoan_thanh_qua_han')"
    if not rounds:
        due = done_due = "i.tf_end"
        earlier_round = ""
    else:
        # completed by :today here: its round is not after :today's (no MIN with it needed)
        due, done_due = DUE_SQL, _due_sql(round_of_sql("i.completed_on"))
        earlier_round = f"""
  WHEN {done} AND i.tf_recurring = 1 AND i.completed_on IS NOT NULL
       AND {round_of_sql("i.completed_on")} < {_TODAY_ROUND}
       AND (i.tf_end IS NULL OR {_TODAY_ROUND} <= {_year_of("i.tf_end")}) THEN
    CASE WHEN {due} < :today THEN 'qua_han' ELSE 'chua_trien_khai' END"""
    return f"""CASE{earlier_round}
  WHEN {done} AND (i.completed_on IS NULL OR i.completed_on <= :today) THEN
    CASE WHEN i.completed_on > {done_due}
         THEN 'hoan_thanh_qua_han' ELSE 'hoan_thanh_dung_han' END
  WHEN {due} < :today THEN 'qua_han'
  WHEN i.progress_status IS NOT NULL AND i.progress_status != 'chua_trien_khai'
    THEN 'dang_thuc_hien'
  ELSE 'chua_trien_khai' END"""


# The status the app's pages show for an activity today.
STATUS_SQL = _status_sql(rounds=True)
# The status as the reports made it, whatever year it is: a period's documents read it and
# decide the rounds of that period's year themselves (services.documents._period_facts).
REPORTED_STATUS_SQL = _status_sql(rounds=False)


@dataclass
class ActivityFilter:
    """What the activities list shows; every field empty means everything."""

    text: str = ""
    agency_id: int | None = None
    role: Role | None = None  # with agency_id: only as lead / only as coordinating
    statuses: set[Status] = field(default_factory=set)
    due_from: dt.date | None = None
    due_to: dt.date | None = None
    period_id: int | None = None  # activities whose time frame overlaps the period

    def is_active(self) -> bool:
        return bool(self.text.strip() or self.agency_id or self.statuses or self.due_from
                    or self.due_to or self.period_id)


@dataclass
class ActivityRow:
    id: int
    ref: str
    title: str
    lead: str
    tf_text: str
    due: dt.date | None
    status: Status
    start: dt.date | None = None
    recurring: bool = False
    last_day: dt.date | None = None  # the time frame's end; *due* is this year's round's for
    # a recurring activity (DUE_SQL)


SORT_COLUMNS = {
    "ref": "i.sort_path",
    "title": "i.title_key",
    "lead": "g.name_key",
    "tf_text": "i.tf_text",
    "due": DUE_SQL,
    "status": "status",
}
# Sorts that must read every activity: a covering index (migrations m004, m009, m010) lets them
# read the index instead of the wide rows. The planner does not pick it without statistics, so
# say so. The due date of this year's round depends on today: no index is in its order, but
# items_sort_status holds every column the due and the status read.
SORT_INDEX = {"lead": "items_sort_lead", "status": "items_sort_status",
              "due": "items_sort_status"}


# Search text in the default (document) order: the first page is looked for among the plan's
# first SCAN_ROWS items before the word index is asked for every match. A common word
# ("bình đẳng giới" in half the plan) fills the page within a few hundred rows, where the
# index would list 50,000 matches first; a rare one falls through to the index.
SCAN_ROWS = 4000


# A search whose words match at most FEW_MATCHES items reads those items first and sorts
# them; one that matches more walks the sort order and keeps matching rows until the page is
# full (the planner cannot tell the two apart, so the query says which loop comes first).
FEW_MATCHES = 2000

# A search word whose last part is shorter is looked for in the rows instead of the index: a
# one- or two-letter prefix spans so many indexed words that merging their lists costs more
# than a scan. Prefixes of 3 to 6 letters have their own entries in the index (migration m006).
INDEXED_LENGTH = 3


# A typed reference to a part of the plan ("II.1", "ii.1.a", "I.", "II.B.3", "II.1.a.-2"): found
# by the items' refs, not their words, where "I.2" would match every "Quý I/2025". A Roman numeral
# and a dot, then labels (a number, a letter, a dash item's "-2"), at least one of them a number
# unless there is none ("I."): "v.v." and "TP.HCM" stay words, as does "1.000" (no numeral).
# (Bounded alternatives between compulsory dots: no catastrophic backtracking on long words.)
_LABEL = r"(?:\d{1,4}|[a-zđ]|[-+]\d{1,3})"
_REFERENCE_RE = re.compile(rf"^[ivxlc]{{1,7}}\.(?:{_LABEL}\.)*{_LABEL}?$")
# The item's ref as typed references are compared with it: lower case ("Đ" too; "đ" is not "d").
_REF_SQL = "replace(lower(i.ref), 'Đ', 'đ')"


def _reference(word: str) -> str | None:
    """'II.1.a' -> 'ii.1.a' when *word* is a reference to a part of the plan, else None."""
    low = word.lower()
    if not _REFERENCE_RE.match(low):
        return None
    ref = low.rstrip(".")
    return ref if "." not in ref or any(ch.isdigit() for ch in ref.split(".", 1)[1]) else None


def search_terms(text: str) -> list[str]:
    """The search box's words, but references, as the search column has them
    (domain.text.search_words), each to be found at the start of a stored word: '15/12' ->
    '15 12'; punctuation alone is no word."""
    return [term for term in (search_words(word) for word in text.split()
                              if _reference(word) is None) if term]


def references(text: str) -> list[str]:
    """The references typed in the search box ('II.1' -> 'ii.1'): each finds that part of the
    plan and what lies under it."""
    return [ref for ref in map(_reference, text.split()) if ref]


def _indexed(term: str) -> bool:
    # The index tokenises as search_words() does for ASCII; other letters are matched in SQL.
    return term.isascii() and len(term.rpartition(" ")[2]) >= INDEXED_LENGTH


def _match_expression(f: ActivityFilter) -> str | None:
    """The full-text MATCH for the indexed search words, if any: each a phrase whose last word
    may go on ('"binh da"*' finds "bình đẳng"), exactly where the word is found in SQL; and
    for each reference the words of its ref, which the search column starts with (a superset
    of what the ref test in SQL keeps: 'II.3826' reads the few rows with "ii 3826", not all)."""
    indexed = [f'"{term}"*' for term in search_terms(f.text) if _indexed(term)]
    indexed += [f'"{search_words(ref)}"' for ref in references(f.text)]
    return " AND ".join(indexed) or None


def _where(f: ActivityFilter, plan_id: int, today: dt.date, *,
           use_index: bool = True, matches_joined: bool = False) -> tuple[str, dict]:
    """The WHERE clause over items ``i``. With *matches_joined* the query joins the full-text
    matches as ``m`` itself (see FEW_MATCHES), else they are a subquery."""
    clauses = ["i.plan_id = :plan", "i.is_activity = 1"]
    params: dict = {"plan": plan_id, "today": today.isoformat()}
    match = _match_expression(f) if use_index else None
    if match:
        if matches_joined:
            clauses.append("m.items_fts MATCH :match")
        else:
            clauses.append("i.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH :match)")
        params["match"] = match
    for n, term in enumerate(t for t in search_terms(f.text) if not (use_index and _indexed(t))):
        # at the start of a stored word: the column has one space between words
        clauses.append(f"instr(' ' || i.search, :w{n}) > 0")
        params[f"w{n}"] = " " + term
    for n, ref in enumerate(references(f.text)):
        clauses.append(f"({_REF_SQL} = :r{n} OR {_REF_SQL} LIKE :r{n} || '.%')")
        params[f"r{n}"] = ref
    if f.agency_id is not None:
        if f.role is None:
            clauses.append("EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id "
                           "AND a.agency_id = :agency)")
        else:
            clauses.append("EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id "
                           "AND a.agency_id = :agency AND a.role = :role)")
            params["role"] = Role(f.role).value
        params["agency"] = f.agency_id
    if f.statuses:
        names = [f":s{n}" for n in range(len(f.statuses))]
        clauses.append(f"({STATUS_SQL}) IN ({', '.join(names)})")
        params.update({f"s{n}": Status(s).value for n, s in enumerate(sorted(f.statuses))})
    if f.due_from:
        clauses.append(f"{DUE_SQL} >= :due_from")
        params["due_from"] = date_out(f.due_from)
    if f.due_to:
        clauses.append(f"{DUE_SQL} <= :due_to")
        params["due_to"] = date_out(f.due_to)
    if f.period_id:
        clauses.append("EXISTS (SELECT 1 FROM periods p WHERE p.id = :period AND "
                       "(i.tf_start IS NULL OR p.end_on IS NULL OR i.tf_start <= p.end_on) AND "
                       "(i.tf_end IS NULL OR p.start_on IS NULL OR i.tf_end >= p.start_on))")
        params["period"] = f.period_id
    return " AND ".join(clauses), params


def query(db: Database, plan_id: int, f: ActivityFilter, *, today: dt.date,
          sort: str = "ref", descending: bool = False, limit: int = 500,
          offset: int = 0) -> list[ActivityRow]:
    """One page of the filtered, sorted activities."""
    match = _match_expression(f)
    few = match is not None and len(db.execute(
        "SELECT rowid FROM items_fts WHERE items_fts MATCH ? LIMIT ?",
        [match, FEW_MATCHES + 1]).fetchall()) <= FEW_MATCHES
    ids = None
    if not few and offset == 0 and sort == "ref" and not descending and (
            search_terms(f.text) or references(f.text)):
        ids = _first_page_by_scan(db, plan_id, f, today, limit)
    if ids is None:
        where, params = _where(f, plan_id, today, matches_joined=few)
        # Ties follow the sort's direction: a descending sort then reads its covering index
        # backwards instead of sorting every activity (mixed directions cannot use it).
        direction = " DESC" if descending else ""
        order = f"{SORT_COLUMNS.get(sort, 'i.sort_path')}{direction}, i.sort_path{direction}"
        if few:  # CROSS JOIN keeps the matches as the outer loop (SQLite's join-order rule)
            source = "items_fts m CROSS JOIN items i ON i.id = m.rowid"
        else:
            source = "items i" + (f" INDEXED BY {SORT_INDEX[sort]}" if sort in SORT_INDEX else "")
        params.update(limit=limit, offset=offset)
        # the lead's name only for its sort: the join would make the planner read each row
        # for its lead (not in the status sort's covering index)
        lead = "LEFT JOIN agencies g ON g.id = i.lead_agency_id " if sort == "lead" else ""
        # Two steps: order and cut the page on narrow columns, then read the page's wide rows.
        ids = [r[0] for r in db.execute(
            f"SELECT i.id, {STATUS_SQL} AS status FROM {source} {lead}"
            f"WHERE {where} ORDER BY {order} LIMIT :limit OFFSET :offset", params,
        ).fetchall()]
    if not ids:
        return []
    page = {"today": today.isoformat(), **{f"id{n}": item_id for n, item_id in enumerate(ids)}}
    rows = {r[0]: r for r in db.execute(
        f"SELECT i.id, i.ref, i.title, COALESCE(g.name, ''), i.tf_text, {DUE_SQL}, "
        f"{STATUS_SQL} AS status, i.tf_start, i.tf_recurring, i.tf_end FROM items i "
        f"LEFT JOIN agencies g ON g.id = i.lead_agency_id "
        f"WHERE i.id IN ({', '.join(':id' + str(n) for n in range(len(ids)))})", page,
    ).fetchall()}
    return [ActivityRow(r[0], r[1], r[2], r[3], r[4], date_in(r[5]), Status(r[6]),
                        date_in(r[7]), bool(r[8]), date_in(r[9]))
            for r in (rows[i] for i in ids)]


def _first_page_by_scan(db: Database, plan_id: int, f: ActivityFilter, today: dt.date,
                        limit: int) -> list[int] | None:
    """The ids of the first page in document order, read in that order from the first
    SCAN_ROWS items; None when those hold less than a page of matches and more items follow
    (a later match could then belong on the page)."""
    bound = db.execute(
        "SELECT sort_path FROM items INDEXED BY items_order WHERE plan_id = ? "
        "ORDER BY sort_path LIMIT 1 OFFSET ?", [plan_id, SCAN_ROWS]).fetchone()
    where, params = _where(f, plan_id, today, use_index=False)
    params.update(limit=limit, bound=bound[0] if bound else None)
    ids = [r[0] for r in db.execute(
        f"SELECT i.id FROM items i INDEXED BY items_order WHERE {where} "
        f"AND (:bound IS NULL OR i.sort_path < :bound) ORDER BY i.sort_path LIMIT :limit",
        params).fetchall()]
    return ids if len(ids) == limit or bound is None else None


def count(db: Database, plan_id: int, f: ActivityFilter, *, today: dt.date) -> int:
    where, params = _where(f, plan_id, today)
    return db.execute(f"SELECT COUNT(*) FROM items i WHERE {where}", params).fetchone()[0]


def status_counts(db: Database, plan_id: int, *, today: dt.date) -> dict[Status, int]:
    """How many activities of the plan are in each status."""
    rows = db.execute(
        f"SELECT {STATUS_SQL} AS status, COUNT(*) FROM items i "
        "WHERE i.plan_id = :plan AND i.is_activity = 1 GROUP BY status",
        {"plan": plan_id, "today": today.isoformat()}).fetchall()
    counts = {s: 0 for s in Status}
    counts.update({Status(s): n for s, n in rows})
    return counts


def status_by_lead(db: Database, plan_id: int, *, today: dt.date) -> list[tuple[str, Status, int]]:
    """(lead agency name, status, count) for the overview chart; no lead shows as ''."""
    rows = db.execute(
        f"SELECT COALESCE(g.name, ''), {STATUS_SQL} AS status, COUNT(*) FROM items i "
        "LEFT JOIN agencies g ON g.id = i.lead_agency_id "
        "WHERE i.plan_id = :plan AND i.is_activity = 1 GROUP BY g.id, 2 "
        "ORDER BY MIN(g.name_key), 2",
        {"plan": plan_id, "today": today.isoformat()}).fetchall()
    return [(r[0], Status(r[1]), r[2]) for r in rows]


def statuses(db: Database, plan_id: int, *, today: dt.date,
             rounds: bool = True) -> dict[int, Status]:
    """The shown status of every activity of the plan (overdue derived from *today*); with
    *rounds* False, as reported whatever the year (REPORTED_STATUS_SQL)."""
    sql = STATUS_SQL if rounds else REPORTED_STATUS_SQL
    rows = db.execute(
        f"SELECT i.id, {sql} FROM items i WHERE i.plan_id = :plan AND i.is_activity = 1",
        {"plan": plan_id, "today": today.isoformat()}).fetchall()
    return {r[0]: Status(r[1]) for r in rows}


def completion_dates(db: Database, plan_id: int) -> dict[int, dt.date | None]:
    """When each activity was reported done, as its lead's latest report says (None while it
    is not: progress.refresh_statuses)."""
    rows = db.execute("SELECT id, completed_on FROM items WHERE plan_id = ? AND is_activity = 1",
                      [plan_id]).fetchall()
    return {r[0]: date_in(r[1]) for r in rows}
