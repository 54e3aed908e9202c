"""Store an imported plan: all or nothing, in one transaction."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..domain.entities import Plan
from ..domain.model import ItemKind, ParsedItem, ParsedPlan, Role, TimeFrame
from ..domain.numbering import is_follow_up_section, is_task_section, sibling_labels
from ..domain.text import clean_line, clean_text, fold
from ..store import agencies, assignments, changelog, items, plans
from ..store.connection import Database

# Plain values of the enums, looked up per row (converting 10^4 enums costs more than the rest).
_KIND_VALUES = {kind: kind.value for kind in ItemKind}
_LEAD, _COORDINATING = Role.LEAD.value, Role.COORDINATING.value


class PlanExistsError(Exception):
    """The same plan is already stored (same number; without a number, same title, issuer
    and date) and replace was not asked for. *label*: "số 93/KH-UBND", or the title."""

    def __init__(self, number: str, label: str | None = None):
        self.number = number
        self.label = label or f"số {number}"
        super().__init__(
            f"Kế hoạch {self.label} đã có trong cơ sở dữ liệu. Dùng --replace để thay thế. "
            f"(plan already exists; use --replace to overwrite it)")


def plan_from_parsed(parsed: ParsedPlan, source_file: str | None = None) -> Plan:
    m = parsed.meta
    year = m.year or (m.issued_on.year if m.issued_on else None)
    return Plan(
        number=m.number, doc_type=m.doc_type or "KH", issuer=m.issuer, place=m.place,
        issued_on=m.issued_on, effective_on=m.effective_on, signer=m.signer,
        signer_authority=m.signer_authority, signer_title=m.signer_title, title=m.title,
        domain_field=m.domain_field, year=year, year_to=m.year_to,
        status="issued" if m.issued_on else "draft",
        recipients=list(m.recipients), legal_bases=list(m.legal_bases), truncated=m.truncated,
        source_file=source_file,
    )


def store_plan(db: Database, parsed: ParsedPlan, *, replace: bool = False,
               source_file: str | Path | None = None) -> int:
    """Write *parsed* as a new plan; replaces a plan with the same number only if asked."""
    plan = plan_from_parsed(parsed, str(source_file) if source_file else None)
    with changelog.action(db, "import", "plan", summary=plan.number or plan.title or ""), \
            _no_cyclic_gc():
        existing = _existing(db, plan)
        if existing is not None:
            if not replace:
                title = plan.title or ""
                raise PlanExistsError(plan.number or "", None if plan.number else
                                      f"«{title[:80]}{'…' if len(title) > 80 else ''}» (chưa có số)")
            plans.delete(db, existing)
        plan_id = plans.insert(db, plan)
        _insert_tree(db, plan_id, parsed.items, plan.year, plan.year_to)
    return plan_id


def _existing(db: Database, plan: Plan):
    """The stored plan an import of *plan* would replace: the same number, or for a draft
    without one the same title, issuer and date."""
    return (plans.find_by_number(db, plan.number) if plan.number
            else plans.find_unnumbered(db, plan))


def replaces_a_plan(db: Database, parsed: ParsedPlan) -> bool:
    """Whether storing *parsed* replaces a plan already stored (store_plan's rule)."""
    return _existing(db, plan_from_parsed(parsed, None)) is not None


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic collector: a big import makes ~10^5 tuples and no cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _assigned_below(roots: list[ParsedItem]) -> set[int]:
    """id() of every item with an assigned item somewhere below it (post-order, no recursion)."""
    found: set[int] = set()
    stack = [(node, False) for node in roots]
    while stack:
        node, children_done = stack.pop()
        if not children_done:
            stack.append((node, True))
            stack.extend((child, False) for child in node.children)
        elif any(child.agencies or id(child) in found for child in node.children):
            found.add(id(node))
    return found


def _is_activity(node: ParsedItem, depth: int, in_section: bool, below_activity: bool,
                 grouping: set[int]) -> bool:
    """Whether *node* is stored as a tracked activity (items.is_activity)."""
    # An activity is assigned work, unless a heading whose own items carry the
    # assignments ("2. Sở Y tế" over "- Chủ trì…": counting it too would report the same
    # work twice); or a leaf of the tasks section, unless it details an assigned activity
    # above it ("a) … gồm:" over its "- …" points).
    is_activity = ((bool(node.agencies) and id(node) not in grouping)
                   or (in_section and depth > 0 and not node.children and not below_activity))
    if is_activity and depth == 0 and is_follow_up_section(node.title):
        # "IV. TỔ CHỨC THỰC HIỆN: Giao Phòng Văn hóa - Xã hội theo dõi, đôn đốc…": who
        # follows the plan up, not a task to report on (the report printed the bare
        # heading, and the reminder chased its agency for it)
        is_activity = False
    return is_activity


def activity_nodes(roots: list[ParsedItem]) -> set[int]:
    """id() of every parsed item that store_plan saves as a tracked activity (for a preview
    of the import: pure Python, no database)."""
    grouping = _assigned_below(roots)
    found: set[int] = set()
    stack = [(roots, 0, False, False)]  # (nodes, depth, in activity section, below activity)
    while stack:
        nodes, depth, in_section, detail = stack.pop()
        for node in nodes:
            section = is_task_section(node.title) if depth == 0 else in_section
            is_activity = _is_activity(node, depth, section, detail, grouping)
            if is_activity:
                found.add(id(node))
            if node.children:
                stack.append((node.children, depth + 1, section, detail or is_activity))
    return found


def _insert_tree(db: Database, plan_id: int, roots: list[ParsedItem], year: int | None,
                 last_year: int | None = None) -> None:
    """Bulk insert: ids, labels, refs and sort paths are computed here, not per row.

    The agencies are looked up (or created) first; the item rows are then made in chunks with
    no database access, so that the store can make the next chunk while SQLite indexes the last.
    """
    count, agency_of = _agency_ids(db, roots)
    assignment_chunks: list[list[tuple]] = []
    chunks = _item_rows(plan_id, roots, year, last_year, items.next_id(db), agency_of,
                        assignment_chunks)
    # each chunk's assignments are stored while the helper thread makes the next chunk
    with assignments.bulk(db, count) as add:
        items.bulk_insert(db, chunks, count, after_each=lambda k: add(assignment_chunks[k]))


def _agency_ids(db: Database, roots: list[ParsedItem]) -> tuple[int, dict[str, int]]:
    """How many items the tree holds, and the id of every agency it names (by spelling),
    creating the new ones in the order the rows meet them."""
    by_key: dict[str, int] = {}
    by_name: dict[str, int] = {}  # the same spelling recurs thousands of times: one fold() each
    count = 0
    stack = [roots]
    while stack:
        nodes = stack.pop()
        count += len(nodes)
        for node in nodes:
            for ref_agency in node.agencies:
                if ref_agency.name not in by_name:
                    key = fold(ref_agency.name)
                    if key not in by_key:
                        by_key[key] = agencies.get_or_create(db, ref_agency.name)
                    by_name[ref_agency.name] = by_key[key]
            if node.children:
                stack.append(node.children)
    return count, by_name


ROWS_PER_CHUNK = 1000


def _item_rows(plan_id: int, roots: list[ParsedItem], year: int | None, last_year: int | None,
               first_id: int, agency_of: dict[str, int],
               assignment_chunks: list[list[tuple]]) -> Iterator[list[tuple]]:
    """The tree's rows (items.INSERT_COLUMNS), parents first, with ascending ids from
    *first_id*, in chunks; the assignments of a chunk's items are added to
    *assignment_chunks* before the chunk is given. Pure Python: it runs in a helper thread
    while SQLite works (see items.bulk_insert)."""
    next_id = first_id
    chunk: list[tuple] = []
    assignment_rows: list[tuple] = []
    # an activity with no time of its own is due by the end of the plan's year (of a
    # programme's last year)
    year_frame = (TimeFrame("", dt.date(year, 1, 1), dt.date(last_year or year, 12, 31))
                  if year else None)
    iso: dict[dt.date, str] = {}  # the same few dates recur on every row

    def iso_date(day: dt.date | None) -> str | None:
        if day is None:
            return None
        text = iso.get(day)
        if text is None:
            text = iso[day] = day.isoformat()
        return text

    grouping = _assigned_below(roots)
    # Iterative walk: (nodes, parent id, parent ref, parent path, depth, in activity section,
    # inherited time frame, below an activity).
    stack = [(roots, None, "", "", 0, False, None, False)]
    while stack:
        (nodes, parent_id, parent_ref, parent_path, depth, in_section, inherited,
         detail) = stack.pop()
        kinds = [_KIND_VALUES.get(n.kind) or ItemKind(n.kind).value for n in nodes]
        labels = sibling_labels(kinds)
        rows = zip(nodes, kinds, labels, strict=True)
        for position, (node, kind, lab) in enumerate(rows, start=1):
            item_id = next_id
            next_id += 1
            ref = items.make_ref(parent_ref, kind, lab, position)
            path = (f"{parent_path}." if parent_path else "") + items.path_segment(position)
            section = is_task_section(node.title) if depth == 0 else in_section
            own_frame = node.time_frame
            frame = own_frame or inherited
            is_activity = _is_activity(node, depth, section, detail, grouping)
            if is_activity and frame is None:
                frame = year_frame
            tf = frame or TimeFrame()
            tf_text = clean_line(own_frame.text if own_frame else (inherited.text if inherited else ""))
            title, text, output = clean_line(node.title), clean_text(node.text), clean_text(node.output)
            lead = None
            for ref_agency in node.agencies:
                aid = agency_of[ref_agency.name]
                if ref_agency.role == _LEAD and lead is None:
                    lead = aid
                    assignment_rows.append((item_id, aid, _LEAD))
                elif aid != lead:
                    assignment_rows.append((item_id, aid, _COORDINATING))
            chunk.append((
                item_id, plan_id, parent_id, position, depth, kind, lab, ref,
                path, node.label, title, text, int(is_activity), tf_text,
                iso_date(tf.start), iso_date(tf.end),
                int(tf.recurring), output, lead, items.search_text(ref, title, text, tf_text, output),
            ))
            if node.children:
                stack.append((node.children, item_id, ref, path, depth + 1, section, frame,
                              detail or is_activity))
            if len(chunk) >= ROWS_PER_CHUNK:
                assignment_chunks.append(assignment_rows)
                yield chunk
                chunk, assignment_rows = [], []
    if chunk:
        assignment_chunks.append(assignment_rows)
        yield chunk
