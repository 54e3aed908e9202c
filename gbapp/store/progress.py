"""Progress reports per activity × agency × period, and the activity status they imply."""

from __future__ import annotations

import datetime as dt

from ..domain.entities import ProgressReport
from ..domain.model import Status
from ..domain.status import DONE, Word, activity_progress
from ..domain.text import clean_text
from .activities import round_of_sql
from .connection import Database
from .convert import date_in, date_out
from .periods import INCLUDED_SQL

_FIELDS = ("item_id", "agency_id", "period_id", "status", "percent", "result", "sessions",
           "participants", "men", "women", "evidence", "difficulties", "proposals", "spending",
           "completed_on", "is_sample")
_TEXT = {"result", "evidence", "difficulties", "proposals"}
_DONE = "'hoan_thanh_dung_han', 'hoan_thanh_qua_han'"


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
    """(period id, report) of every report on the plan's activities that some report calls
    done (those a period may find completed: done by the end of the first quarter, though
    the lead's later word says otherwise), in _SPEAKS_LAST order (whatever the period): for
    each (activity, agency), the last one is the latest."""
    rows = db.execute(
        f"SELECT q.id, r.id, {', '.join('r.' + f for f in _FIELDS)} FROM progress_reports r "
        "JOIN periods q ON q.id = r.period_id JOIN items i ON i.id = r.item_id "
        "WHERE i.plan_id = ? AND EXISTS (SELECT 1 FROM progress_reports d WHERE "
        f"d.item_id = i.id AND d.status IN ({_DONE})) "
        "ORDER BY q.end_on, q.start_on DESC, q.id", [plan_id]).fetchall()
    return [(row[0], _from_row(row[1:])) for row in rows]


def inside(db: Database, period_id: int, agency_id: int) -> dict[int, tuple[str, ProgressReport]]:
    """item id -> (period name, report) of the agency's report that speaks for *period_id*
    among those of the periods inside it (not its own: see speaking_for()), where it answers
    for the period (answers(): it says the work is done). A June "đang thực hiện" is not
    shown as the year's report: the year asks for one of its own."""
    names = {r[0]: r[1] for r in db.execute(
        f"SELECT q.id, q.name FROM periods q WHERE q.id IN ({INCLUDED_SQL})",
        {"period": period_id})}
    spoken: dict[int, tuple[str, ProgressReport]] = {}
    for period, report in speaking_for(db, period_id, agency_id):  # later rows win
        if period != period_id:
            spoken[report.item_id] = (names[period], report)
    return {item_id: (name, report) for item_id, (name, report) in spoken.items()
            if answers(report.status, own_period=False)}


# Whether an agency has answered a period on an activity (or is late with its report):
# its report of the period itself answers, whatever it says; else the report that speaks for
# the period among those of the periods inside it (_SPEAKS_LAST) answers only when it says
# the work is done ("Hoàn thành…"). Work still going on at the agency's last word needs the
# period's own report: "đang thực hiện 50 %" in June says nothing of the year, and its agency
# is late if the year's report has not come. The one rule of the app's lists
# (unreported_agencies), the progress page (inside) and the documents (services.documents).
def answers(status: Status | str, *, own_period: bool) -> bool:
    """Whether a report with *status* answers for a period: one of the period's own
    (*own_period*), or one of a period inside it that says the work is done."""
    return own_period or _STATUS.get(status, status) in DONE


# The same in SQL, for the activity {item} and the agency {agency} (column expressions) in
# period :period: 1 when answered, else 0. The reports of :period and of the periods inside it,
# the one that speaks for the period first (_SPEAKS_LAST reversed).
ANSWERED_SQL = f"""IFNULL((
    SELECT r.period_id = :period OR r.status IN ({_DONE})
    FROM progress_reports r JOIN periods q ON q.id = r.period_id
    WHERE r.item_id = {{item}} AND r.agency_id = {{agency}} AND r.period_id IN ({INCLUDED_SQL})
    ORDER BY q.id = :period DESC, q.end_on DESC, q.start_on, q.id DESC LIMIT 1), 0)"""


def latest_before(db: Database, item_id: int, agency_id: int,
                  period_id: int) -> ProgressReport | None:
    """The agency's latest report on the item for a period that ends no later than
    *period_id* (not that period's own): where a new report of *period_id* starts from. The
    lead's latest report is the activity's status, so a year's report typed with its figures
    only must not say "Chưa triển khai" of work reported done in the first half."""
    row = db.execute(
        f"SELECT r.id, {', '.join('r.' + f for f in _FIELDS)} FROM progress_reports r "
        "JOIN periods q ON q.id = r.period_id JOIN periods cur ON cur.id = :period "
        "WHERE r.item_id = :item AND r.agency_id = :agency AND r.period_id != :period "
        "AND (q.end_on IS NULL OR cur.end_on IS NULL OR q.end_on <= cur.end_on) "
        "ORDER BY q.end_on IS NULL, q.end_on DESC, q.start_on, q.id DESC LIMIT 1",
        {"item": item_id, "agency": agency_id, "period": period_id}).fetchone()
    return _from_row(row) if row else None


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
    """Keep items.progress_status/completed_on in step with the item's reports
    (refresh_statuses)."""
    refresh_statuses(db, [item_id])


# An activity's lead speaks with the reports of every agency merged into it, directly or
# through a chain of merges (A into B, then B into C: A's count for C). agencies.merge_into
# moves a merged agency's reports to its successor but one where the successor had already
# reported on the same activity for the same period: that one stays with the merged agency
# (history), and still counts for the lead. (agency, lead it now speaks for); a cycle of
# merges (A into B, then B back into A) ends, UNION dropping the rows already seen.
MERGED_CTE = """merged(agency_id, lead_id) AS (
      SELECT id, successor_id FROM agencies WHERE successor_id IS NOT NULL
      UNION
      SELECT m.agency_id, g.successor_id FROM merged m JOIN agencies g ON g.id = m.lead_id
      WHERE g.successor_id IS NOT NULL AND g.successor_id != m.agency_id)"""


def _lead_last(items: str) -> str:
    """The one rule of what an activity's lead says for a period when it and an agency merged
    into it both reported for that period: rows in this order after the period's own order
    (_SPEAKS_LAST), the last speaks. A "done" over one not done: a merge does not undo work
    the merged lead completed (the successor's "đang thực hiện" was its part as a
    coordinating agency); else the lead's own. *items*: the alias of the activity's row."""
    return f"r.status IN ({_DONE}), r.agency_id = {items}.lead_agency_id"


def _by_lead(items: str) -> str:
    """SQL: the report r is the lead's or one of an agency merged into the lead (MERGED_CTE)."""
    return (f"(r.agency_id = {items}.lead_agency_id OR EXISTS (SELECT 1 FROM merged m "
            f"WHERE m.agency_id = r.agency_id AND m.lead_id = {items}.lead_agency_id))")


# Every report on the items, each with whether it is the lead's (_by_lead), in _SPEAKS_LAST
# order whatever the period, and in one period in _lead_last order.
_WORDS_SQL = f"""
    WITH RECURSIVE {MERGED_CTE}
    SELECT r.item_id, r.status, r.completed_on, q.end_on, IFNULL({_by_lead('i')}, 0),
      i.tf_recurring, i.progress_status, i.completed_on
    FROM progress_reports r JOIN periods q ON q.id = r.period_id JOIN items i ON i.id = r.item_id
    WHERE {{where}}
    ORDER BY r.item_id, q.end_on, q.start_on DESC, q.id, {_lead_last('i')}
    """
_STATUS = {s.value: s for s in Status}


def lead_words(db: Database, period_id: int | None = None, *,
               plan_id: int | None = None) -> dict[int, tuple[int, ProgressReport]]:
    """item id -> (period id, report) of the report that speaks for each activity's lead
    (_by_lead: the lead's own, or one of an agency merged into it). For *period_id*: of the
    reports of the period and those inside it, in _SPEAKS_LAST order (SETTLED_SQL's
    lead_word); else of every report on the activities of *plan_id*, the latest, in the
    order refresh_statuses reads (_WORDS_SQL). In one period, _lead_last. The one rule of the
    app's status, the list of who owes a report and the documents."""
    if period_id is not None:
        where = f"r.period_id IN ({INCLUDED_SQL})"
        order = _SPEAKS_LAST
    else:
        where = "i.plan_id = :plan"
        order = "q.end_on, q.start_on DESC, q.id"
    rows = db.execute(
        f"WITH RECURSIVE {MERGED_CTE} "
        f"SELECT q.id, r.id, {', '.join('r.' + f for f in _FIELDS)} FROM progress_reports r "
        "JOIN periods q ON q.id = r.period_id JOIN items i ON i.id = r.item_id "
        f"WHERE {where} AND {_by_lead('i')} ORDER BY {order}, {_lead_last('i')}",
        {"period": period_id, "plan": plan_id}).fetchall()
    return {report.item_id: (row[0], report)  # later rows win
            for row in rows for report in [_from_row(row[1:])]}


def refresh_statuses(db, item_ids: list[int] | None = None) -> int:
    """Set items.progress_status/completed_on from the reports on them (domain.status.
    activity_progress: the lead's latest report decides, as in the documents). *item_ids*
    None: every item that has a report (a migration; *db* may be sqlite-utils' handle).
    Overdue is derived at query time from today (activities.STATUS_SQL). Returns how many
    items changed."""
    if item_ids is not None and not item_ids:
        return 0
    if item_ids is None:
        where, params = "1", []
    else:
        where = f"r.item_id IN ({', '.join('?' * len(item_ids))})"
        params = list(item_ids)
    words: dict[int, list[Word]] = {}
    facts: dict[int, tuple] = {}  # item -> (recurring, stored status, stored date)
    for item_id, status, completed_on, end_on, by_lead, *fact in db.execute(
            _WORDS_SQL.format(where=where), params).fetchall():
        words.setdefault(item_id, []).append(
            # a status this gbapp does not know (a hand-edited file) says no work
            Word(_STATUS.get(status, Status.NOT_STARTED), date_in(completed_on),
                 date_in(end_on), bool(by_lead)))
        facts[item_id] = fact
    rows = []
    for item_id in (item_ids if item_ids is not None else list(words)):
        recurring, *stored = facts.get(item_id, (0, "?", "?"))  # no report: write it
        status, completed = activity_progress(words.get(item_id, []),
                                              recurring=bool(recurring))
        row = (status.value if status else None, date_out(completed))
        if list(row) != stored:
            rows.append((*row, item_id))
    update = "UPDATE items SET progress_status = ?, completed_on = ? WHERE id = ?"
    if item_ids is None:  # inside the migration's transaction
        db.conn.executemany(update, rows)
    else:  # in the caller's transaction, or committed as any single write is (db.execute)
        for row in rows:
            db.execute(update, row)
    return len(rows)


# The activities of :plan that ask no report of period :period: completed by its end (or done
# with no date), so their result is known ("Hoàn thành" in another period's report), and not
# recurring ones completed in an earlier year of their run (earlier_round). Read as the
# documents read it (services.documents._period_facts, domain.status.settled): the lead's
# report that speaks for the period (lead_words: its own, or one of an agency merged into it,
# of the period or the latest inside it, _SPEAKS_LAST then _lead_last) gives the status and
# the date when it is dated "done" or is not done at all; else the activity's (the lead's
# latest word of any period, refresh_statuses) does. Both read indexes only
# (items_sort_status, progress_period, items_lead: migration m008); the merged agencies'
# reports (few: only those a merge left behind) are read agency by agency.
SETTLED_SQL = f"""
    WITH RECURSIVE ranked AS (
      SELECT q.id AS period_id, ROW_NUMBER() OVER (
          ORDER BY {_SPEAKS_LAST}) AS rank
      FROM periods q WHERE q.id IN ({INCLUDED_SQL})),
    {MERGED_CTE},
    lead_word AS (  -- bare columns with MAX(): those of the report that speaks last; in one
      -- period, _lead_last as a number: 2 for a "done", 1 for the lead's own
      SELECT item_id, MAX(rank) AS rank, status, completed_on FROM (
        SELECT r.item_id AS item_id, k.rank * 4 + (r.status IN ({_DONE})) * 2 + 1 AS rank,
               r.status AS status, r.completed_on AS completed_on
        FROM ranked k JOIN progress_reports r ON r.period_id = k.period_id
        JOIN items li INDEXED BY items_lead ON li.id = r.item_id
          AND li.lead_agency_id = r.agency_id
        UNION ALL
        SELECT r.item_id, k.rank * 4 + (r.status IN ({_DONE})) * 2, r.status, r.completed_on
        FROM merged m JOIN ranked k JOIN progress_reports r ON r.period_id = k.period_id
          AND r.agency_id = m.agency_id
        JOIN items li INDEXED BY items_lead ON li.id = r.item_id
          AND li.lead_agency_id = m.lead_id)
      GROUP BY item_id),
    word AS (
      SELECT i.id AS item_id, i.tf_recurring AS recurring, i.tf_end AS last_day,
        i.tf_start AS first_day,
        CASE WHEN lw.item_id IS NULL OR (lw.status IN ({_DONE}) AND lw.completed_on IS NULL)
             THEN 1 ELSE lw.status IN ({_DONE}) END AS done,
        CASE WHEN lw.status IN ({_DONE}) AND lw.completed_on IS NOT NULL
             THEN lw.completed_on ELSE i.completed_on END AS done_on
      FROM items i INDEXED BY items_sort_status LEFT JOIN lead_word lw ON lw.item_id = i.id
      WHERE i.plan_id = :plan AND i.is_activity = 1 AND i.progress_status IN ({_DONE})
      UNION ALL  -- not done as of the lead's latest word, but by the period's
      SELECT i.id, i.tf_recurring, i.tf_end, i.tf_start, 1, lw.completed_on
      FROM lead_word lw JOIN items i ON i.id = lw.item_id
      WHERE lw.status IN ({_DONE}) AND lw.completed_on IS NOT NULL
        AND i.plan_id = :plan AND i.is_activity = 1
        AND NOT IFNULL(i.progress_status IN ({_DONE}), 0))
    SELECT w.item_id FROM word w JOIN periods p ON p.id = :period
    WHERE w.done AND (w.done_on IS NULL OR p.end_on IS NULL OR w.done_on <= p.end_on)
      AND NOT (w.recurring = 1 AND w.done_on IS NOT NULL AND p.end_on IS NOT NULL
               AND {round_of_sql("w.done_on", "w.first_day", "w.last_day")}
                   < CAST(substr(p.end_on, 1, 4) AS INTEGER)
               AND (w.last_day IS NULL OR substr(p.end_on, 1, 4) <= substr(w.last_day, 1, 4)))"""


# An agency name that is a group ("các sở, ngành liên quan"): asked for no report of its own.
# domain.text.names_a_group is the same rule (LIKE ignores the case of the ASCII first letter).
GROUP_SQL = "(g.name LIKE 'các %' OR g.name LIKE 'những %')"


def ceased_on(db: Database, on: dt.date) -> dict[int, int | None]:
    """The agencies that no longer exist on *on*, each with the body that holds their duties
    then: its successor, or the successor's own when that one has ceased too; None when the
    line ends with no body still there. Ceased: marked inactive (Ngừng hoạt động, Sáp nhập)
    from its end date, if any, on or before *on* ("Ngừng hoạt động từ 30/06/2025" exists on
    29/06). An agency reactivated is there, whatever its end date says."""
    found = {agency_id: successor for agency_id, successor in db.execute(
        "SELECT id, successor_id FROM agencies WHERE active = 0 "
        "AND (valid_to IS NULL OR valid_to <= ?)", [date_out(on)])}
    holders: dict[int, int | None] = {}
    for agency_id in found:
        seen = {agency_id}
        holder = found[agency_id]
        while holder in found and holder not in seen:  # ceased too: its successor, if any
            seen.add(holder)
            holder = found[holder]
        holders[agency_id] = None if holder in found else holder
    return holders


def _holders_sql(holders: dict[int, int | None]) -> str:
    """ceased_on() as rows (agency_id, holder_id) for a WITH clause (ids are integers)."""
    rows = ", ".join(f"({int(a)}, {'NULL' if h is None else int(h)})" for a, h in holders.items())
    return f"VALUES {rows}" if rows else "SELECT NULL, NULL WHERE 0"


def unreported_agencies(db: Database, plan_id: int, period_id: int, on: dt.date | None = None
                        ) -> list[tuple[int, str, int, int]]:
    """(id, name, activities not reported, activities assigned) of the agencies that owe the
    period a report on some activity assigned to them: one whose time overlaps the period and
    that was not completed by its end (SETTLED_SQL), that they have not answered for
    (ANSWERED_SQL: their report of the period, or one of a period inside it that says the work
    is done). One report on one activity does not clear an agency of the others.

    Duties are those of the bodies that exist on *on* (default today): an agency that has
    ceased by then (ceased_on) owes nothing, its successor holds its duties (it answers for
    them by its own report or by the ceased one's), and an agency with no successor passes
    them to no one. The rule of the documents (services.documents) as well."""
    on = on or dt.date.today()
    answered = ANSWERED_SQL.format(item="a.item_id", agency="a.agency_id")
    answered_by_holder = ANSWERED_SQL.format(item="a.item_id", agency="m.holder_id")
    return db.execute(
        f"""
        WITH moved(agency_id, holder_id) AS ({_holders_sql(ceased_on(db, on))}),
        duty AS (
          SELECT a.item_id AS item_id,
            CASE WHEN m.agency_id IS NULL THEN a.agency_id ELSE m.holder_id END AS holder,
            MAX({answered} OR (m.holder_id IS NOT NULL AND {answered_by_holder})) AS answered
          FROM assignments a
          JOIN items i ON i.id = a.item_id JOIN periods p ON p.id = :period
          LEFT JOIN moved m ON m.agency_id = a.agency_id
          WHERE i.plan_id = :plan AND i.is_activity = 1
            AND (i.tf_start IS NULL OR p.end_on IS NULL OR i.tf_start <= p.end_on)
            AND (i.tf_end IS NULL OR p.start_on IS NULL OR i.tf_end >= p.start_on)
            AND i.id NOT IN ({SETTLED_SQL})
          GROUP BY 1, 2)
        SELECT g.id, g.name, SUM(NOT d.answered) AS missing, COUNT(*)
        FROM duty d JOIN agencies g ON g.id = d.holder
        WHERE NOT {GROUP_SQL}
        GROUP BY g.id HAVING missing > 0 ORDER BY g.name_key
        """, {"plan": plan_id, "period": period_id}).fetchall()
