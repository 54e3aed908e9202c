"""The item tree of a plan: reading, inserting, moving, deleting, with labels kept derived.

Each item stores its derived label, its reference ("II.1.a") and a sort path ("000002.000001")
so that a whole plan reads in document order from one index. A structural change relabels the
affected siblings and, by prefix, their descendants.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from ..domain.entities import Item
from ..domain.model import ItemKind, TimeFrame
from ..domain.numbering import as_kind, is_task_group, kind_for_depth, sibling_labels
from ..domain.text import clean_line, clean_text, search_words, vi_collation_key
from .connection import Database
from .convert import date_in, date_out

COLUMNS = (
    "id, plan_id, parent_id, position, kind, label, ref, source_label, title, text, is_activity, "
    "tf_text, tf_start, tf_end, tf_recurring, output, budget, budget_source, depth, "
    "(SELECT COUNT(*) FROM items c WHERE c.parent_id = items.id) AS child_count"
)
PATH_WIDTH = 6


def path_segment(position: int) -> str:
    return f"{position:0{PATH_WIDTH}d}"


def make_ref(parent_ref: str, kind: ItemKind | str, lab: str, position: int) -> str:
    """'II' + '1' -> 'II.1'; dashes are numbered by position so that refs stay unique."""
    own = lab if as_kind(kind) not in (ItemKind.DASH, ItemKind.PLUS) else f"{lab}{position}"
    return f"{parent_ref}.{own}" if parent_ref else own


def search_text(ref: str, title: str, text: str, tf_text: str, output: str) -> str:
    """The words that search-as-you-type matches against (domain.text.search_words), with no
    phrase indexed twice."""
    parts = [ref, title, text]
    parts += [extra for extra in (tf_text, output) if extra and extra not in title and extra not in text]
    return search_words(" ".join(part for part in parts if part))


def from_row(row: tuple) -> Item:
    return Item(
        id=row[0], plan_id=row[1], parent_id=row[2], position=row[3], kind=ItemKind(row[4]),
        label=row[5], ref=row[6], source_label=row[7], title=row[8], text=row[9],
        is_activity=bool(row[10]),
        time_frame=TimeFrame(row[11], date_in(row[12]), date_in(row[13]), bool(row[14])),
        output=row[15], budget=row[16], budget_source=row[17], depth=row[18], child_count=row[19],
    )


def get(db: Database, item_id: int) -> Item | None:
    row = db.execute(f"SELECT {COLUMNS} FROM items WHERE id = ?", [item_id]).fetchone()
    return from_row(row) if row else None


def children(db: Database, plan_id: int, parent_id: int | None) -> list[Item]:
    """The direct children of *parent_id* (None: the plan's sections), in order."""
    rows = db.execute(
        f"SELECT {COLUMNS} FROM items WHERE plan_id = ? AND parent_id IS ? ORDER BY position",
        [plan_id, parent_id],
    ).fetchall()
    return [from_row(r) for r in rows]


def all_items(db: Database, plan_id: int, *, child_count: bool = True) -> list[Item]:
    """Every item of the plan in document order (child_count=False: skip counting children,
    for documents of very large plans)."""
    columns = COLUMNS if child_count else COLUMNS.split(", (SELECT")[0] + ", 0"
    rows = db.execute(
        f"SELECT {columns} FROM items WHERE plan_id = ? ORDER BY sort_path", [plan_id]
    ).fetchall()
    return [from_row(r) for r in rows]


OUTLINE_COLUMNS = ("id", "parent_id", "kind", "label", "ref", "title", "text", "is_activity",
                   "tf_text", "tf_start", "tf_end", "tf_recurring", "output", "depth")


def outline(db: Database, plan_id: int) -> list[tuple]:
    """The plan's items as plain tuples (OUTLINE_COLUMNS) in document order: the fast read for
    tables of 10,000 activities, where building Item objects would dominate."""
    return db.execute(
        "SELECT id, parent_id, kind, label, ref, title, text, is_activity, "
        "tf_text, tf_start, tf_end, tf_recurring, output, depth FROM items "
        "WHERE plan_id = ? ORDER BY sort_path", [plan_id]).fetchall()


def task_groups(db: Database, plan_id: int) -> set[int]:
    """Ids of the plan's task groups: letters imported with a capital label ("A", "B" rows of
    a task table; see numbering.is_task_group)."""
    rows = db.execute("SELECT id, kind, source_label FROM items WHERE plan_id = ? "
                      "AND kind = 'letter' AND source_label IS NOT NULL", [plan_id]).fetchall()
    return {r[0] for r in rows if is_task_group(r[1], r[2])}


def ancestors(db: Database, item_id: int) -> list[Item]:
    """The chain from the section down to the item itself."""
    chain: list[Item] = []
    current = get(db, item_id)
    while current is not None:
        chain.append(current)
        current = get(db, current.parent_id) if current.parent_id else None
    return list(reversed(chain))


def descendant_count(db: Database, item_id: int) -> int:
    """How many items lie below *item_id* (what a delete takes with it)."""
    row = db.execute("SELECT plan_id, sort_path FROM items WHERE id = ?", [item_id]).fetchone()
    if row is None:
        return 0
    return db.execute(
        "SELECT COUNT(*) FROM items WHERE plan_id = ? AND sort_path > ? AND sort_path < ?",
        [row[0], row[1] + ".", row[1] + "/"],
    ).fetchone()[0]


def attached_counts(db: Database, item_id: int) -> tuple[int, int]:
    """(progress reports, assignments) of the item and of every item below it: what a delete
    takes with it besides the items."""
    row = db.execute("SELECT plan_id, sort_path FROM items WHERE id = ?", [item_id]).fetchone()
    if row is None:
        return 0, 0
    below = ("SELECT id FROM items WHERE plan_id = :plan AND (id = :id OR "
             "(sort_path > :low AND sort_path < :high))")
    params = {"plan": row[0], "id": item_id, "low": row[1] + ".", "high": row[1] + "/"}
    reports = db.execute(f"SELECT COUNT(*) FROM progress_reports WHERE item_id IN ({below})",
                         params).fetchone()[0]
    assigned = db.execute(f"SELECT COUNT(*) FROM assignments WHERE item_id IN ({below})",
                          params).fetchone()[0]
    return reports, assigned


def insert(db: Database, plan_id: int, parent_id: int | None, *, position: int | None = None,
           kind: ItemKind | None = None, title: str = "", text: str = "",
           is_activity: bool | None = None, time_frame: TimeFrame | None = None,
           output: str = "", budget: float | None = None, budget_source: str = "",
           source_label: str | None = None) -> int:
    """Insert an item as child *position* (1-based; None: last) of *parent_id* and relabel."""
    parent = get(db, parent_id) if parent_id else None
    depth = parent.depth + 1 if parent else 0
    count = db.execute(
        "SELECT COUNT(*) FROM items WHERE plan_id = ? AND parent_id IS ?", [plan_id, parent_id]
    ).fetchone()[0]
    if position is None or position > count + 1:
        position = count + 1
    position = max(1, position)
    # Make room among the siblings; relabel_children renumbers them afterwards.
    db.execute(
        "UPDATE items SET position = position + 1 WHERE plan_id = ? AND parent_id IS ? "
        "AND position >= ?",
        [plan_id, parent_id, position],
    )
    kind = kind or kind_for_depth(depth)
    tf = time_frame or TimeFrame()
    if is_activity is None:
        is_activity = depth >= 1 and kind not in (ItemKind.ROMAN,)
    cursor = db.execute(
        "INSERT INTO items (plan_id, parent_id, position, depth, kind, label, ref, sort_path, "
        "source_label, title, title_key, text, is_activity, tf_text, tf_start, tf_end, tf_recurring, "
        "output, budget, budget_source) "
        "VALUES (?, ?, ?, ?, ?, '', '', '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [plan_id, parent_id, position, depth, ItemKind(kind).value, source_label,
         clean_line(title), vi_collation_key(clean_line(title)), clean_text(text), int(is_activity), clean_line(tf.text),
         date_out(tf.start), date_out(tf.end), int(tf.recurring), clean_text(output), budget,
         clean_line(budget_source)],
    )
    new_id = cursor.lastrowid
    relabel_children(db, plan_id, parent_id)
    return new_id


def update(db: Database, item: Item) -> None:
    """Save an item's content fields (not its place in the tree)."""
    tf = item.time_frame
    title, text, output = clean_line(item.title), clean_text(item.text), clean_text(item.output)
    ref, old_kind = db.execute("SELECT ref, kind FROM items WHERE id = ?", [item.id]).fetchone()
    db.execute(
        "UPDATE items SET title = ?, title_key = ?, text = ?, is_activity = ?, tf_text = ?, "
        "tf_start = ?, tf_end = ?, tf_recurring = ?, output = ?, budget = ?, budget_source = ?, "
        "kind = ?, search = ? WHERE id = ?",
        [title, vi_collation_key(title), text, int(item.is_activity), clean_line(tf.text), date_out(tf.start),
         date_out(tf.end), int(tf.recurring), output, item.budget, clean_line(item.budget_source),
         ItemKind(item.kind).value, search_text(ref, title, text, tf.text, output), item.id],
    )
    if old_kind != ItemKind(item.kind).value:
        relabel_children(db, item.plan_id, item.parent_id)


def delete(db: Database, item_id: int) -> int:
    """Delete an item with everything under it; returns how many items went."""
    item = get(db, item_id)
    if item is None:
        return 0
    gone = 1 + descendant_count(db, item_id)
    db.execute("DELETE FROM items WHERE id = ?", [item_id])
    relabel_children(db, item.plan_id, item.parent_id)
    return gone


def move(db: Database, item_id: int, new_parent_id: int | None, new_position: int) -> None:
    """Move an item (with its subtree) to child *new_position* of *new_parent_id*."""
    item = get(db, item_id)
    if item is None:
        return
    if new_parent_id is not None:
        target = get(db, new_parent_id)
        if target is None or target.id == item_id or _is_below(db, target, item):
            raise ValueError("Không thể chuyển một mục vào trong chính nó. (cannot move into itself)")
        new_depth = target.depth + 1
    else:
        new_depth = 0
    old_parent = item.parent_id
    # Park the moving subtree under a unique prefix first: relabelling the old siblings may hand
    # its sort path to another item, and the two subtrees must never share a prefix.
    parked = f"~{item_id}"
    old_path = _sort_path(db, item_id)
    _rewrite_descendants(db, item.plan_id, old_path, parked, item.ref, item.ref)
    db.execute("UPDATE items SET sort_path = ? WHERE id = ?", [parked, item_id])
    # Take the item out of its sibling list, then make room in the target list.
    db.execute("UPDATE items SET position = -1 WHERE id = ?", [item_id])
    db.execute(
        "UPDATE items SET position = position - 1 WHERE plan_id = ? AND parent_id IS ? "
        "AND position > ?", [item.plan_id, old_parent, item.position],
    )
    count = db.execute(
        "SELECT COUNT(*) FROM items WHERE plan_id = ? AND parent_id IS ? AND id != ?",
        [item.plan_id, new_parent_id, item_id],
    ).fetchone()[0]
    new_position = max(1, min(new_position, count + 1))
    db.execute(
        "UPDATE items SET position = position + 1 WHERE plan_id = ? AND parent_id IS ? "
        "AND position >= ? AND id != ?", [item.plan_id, new_parent_id, new_position, item_id],
    )
    delta = new_depth - item.depth
    new_kind = kind_for_depth(new_depth) if delta else item.kind
    db.execute(
        "UPDATE items SET parent_id = ?, position = ?, depth = ?, kind = ? WHERE id = ?",
        [new_parent_id, new_position, new_depth, ItemKind(new_kind).value, item_id],
    )
    if delta:
        # Descendants change depth too; their numbering style follows their new depth.
        for did, ddepth in db.execute(
            "SELECT id, depth FROM items WHERE plan_id = ? AND sort_path > ? AND sort_path < ?",
            [item.plan_id, parked + ".", parked + "/"],
        ).fetchall():
            db.execute("UPDATE items SET depth = ?, kind = ? WHERE id = ?",
                       [ddepth + delta, kind_for_depth(ddepth + delta).value, did])
    relabel_children(db, item.plan_id, old_parent)
    if new_parent_id != old_parent:
        relabel_children(db, item.plan_id, new_parent_id)
    if delta:
        relabel_subtree(db, item_id)


def move_up(db: Database, item_id: int) -> bool:
    item = get(db, item_id)
    if item is None or item.position <= 1:
        return False
    move(db, item_id, item.parent_id, item.position - 1)
    return True


def move_down(db: Database, item_id: int) -> bool:
    item = get(db, item_id)
    if item is None:
        return False
    siblings = db.execute(
        "SELECT COUNT(*) FROM items WHERE plan_id = ? AND parent_id IS ?",
        [item.plan_id, item.parent_id],
    ).fetchone()[0]
    if item.position >= siblings:
        return False
    move(db, item_id, item.parent_id, item.position + 1)
    return True


def indent(db: Database, item_id: int) -> bool:
    """Make the item the last child of its previous sibling."""
    item = get(db, item_id)
    if item is None or item.position <= 1:
        return False
    prev = db.execute(
        "SELECT id FROM items WHERE plan_id = ? AND parent_id IS ? AND position = ?",
        [item.plan_id, item.parent_id, item.position - 1],
    ).fetchone()
    if prev is None:
        return False
    move(db, item_id, prev[0], 10**9)
    return True


def outdent(db: Database, item_id: int) -> bool:
    """Make the item the next sibling of its parent."""
    item = get(db, item_id)
    if item is None or item.parent_id is None:
        return False
    parent = get(db, item.parent_id)
    assert parent is not None
    move(db, item_id, parent.parent_id, parent.position + 1)
    return True


def _sort_path(db: Database, item_id: int) -> str:
    return db.execute("SELECT sort_path FROM items WHERE id = ?", [item_id]).fetchone()[0]


def _is_below(db: Database, node: Item, ancestor: Item) -> bool:
    current: Item | None = node
    while current is not None and current.parent_id is not None:
        if current.parent_id == ancestor.id:
            return True
        current = get(db, current.parent_id)
    return False


INSERT_COLUMNS = ("id", "plan_id", "parent_id", "position", "depth", "kind", "label", "ref",
                  "sort_path", "source_label", "title", "text", "is_activity", "tf_text",
                  "tf_start", "tf_end", "tf_recurring", "output", "lead_agency_id", "search")


def next_id(db: Database) -> int:
    """The id a bulk insert can start from."""
    return (db.execute("SELECT MAX(id) FROM items").fetchone()[0] or 0) + 1


def bulk_insert(db: Database, chunks: Iterable[list[tuple]], count: int,
                after_each: Callable[[int], None] | None = None) -> None:
    """Insert many items at once (an import): *count* rows in *chunks*; rows follow
    INSERT_COLUMNS, parents first, with ids from next_id() on, ascending from chunk to chunk
    (every id from the first one up is a new row). *after_each(k)*, if given, runs once chunk
    k is stored, while the next one is being made: rows that refer to chunk k's items
    (their assignments) are stored there.

    Inside the caller's transaction (all or nothing), two things are set aside for the duration:
    the per-row full-text trigger (the index is fed by one INSERT … SELECT per chunk instead),
    and, when the new rows outnumber those already stored, the items' indexes, which are rebuilt
    afterwards by one sort each instead of 10^4 scattered updates.

    While SQLite feeds one chunk to the full-text index (C code, without the GIL), a helper
    thread asks *chunks* for the next one: the two cores share the import. The connection
    itself is only ever used from this thread.
    """
    set_aside = db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type = 'trigger' "
        "AND name = 'items_fts_insert'").fetchall()
    feed_fts = bool(set_aside)
    if count > db.execute("SELECT COUNT(*) FROM items").fetchone()[0]:
        set_aside += db.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name = 'items' AND sql IS NOT NULL").fetchall()
    title_at = INSERT_COLUMNS.index("title")
    columns = INSERT_COLUMNS + ("title_key",)
    insert = f"INSERT INTO items ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    # the sort key is added on the way, so by the helper thread too
    source = ([row + (vi_collation_key(row[title_at]),) for row in chunk] for chunk in chunks)
    last_id = None
    # One unit (a savepoint inside the caller's transaction): a failure rolls the drops back
    # with the rows, and the real error is what the caller sees.
    with db.atomic(), ThreadPoolExecutor(max_workers=1, thread_name_prefix="gbapp-rows") as pool:
        for kind, name, _sql in set_aside:
            db.execute(f"DROP {kind.upper()} {name}")
        chunk = next(source, None)
        stored = 0
        while chunk is not None:
            low = high = None
            if chunk:
                ids = [row[0] for row in chunk]
                low, high = min(ids), max(ids)
                if last_id is not None and low <= last_id:
                    raise ValueError("bulk_insert: ids must ascend from chunk to chunk")
                last_id = high
                # (the helper is idle here: binding parameters needs the GIL row by row)
                db.conn.executemany(insert, chunk)
            following = pool.submit(next, source, None)
            if feed_fts and low is not None:
                db.conn.execute("INSERT INTO items_fts (rowid, search) SELECT id, search "
                                "FROM items WHERE id BETWEEN ? AND ?", [low, high])
            if after_each is not None:
                after_each(stored)
            stored += 1
            chunk = following.result()
        for _kind, _name, sql in set_aside:
            db.execute(sql)


# The search index removes a row by writing a tombstone per indexed word (~0.6 ms with the
# row's own update) but reindexes a row in ~25 µs: past this many changed rows per remaining
# row, one rebuild beats row-by-row upkeep (a cautious figure: the break-even is nearer 25).
REBUILD_RATIO = 15


def many_changes(db: Database, changed_rows: int) -> bool:
    """Whether changing *changed_rows* items is cheaper with the search index set aside."""
    if changed_rows < 500:
        return False
    return changed_rows * REBUILD_RATIO >= db.execute("SELECT COUNT(*) FROM items").fetchone()[0]


@contextmanager
def search_index_set_aside(db: Database) -> Iterator[None]:
    """For a change to many items (undo of an import, a plan replaced): the full-text triggers
    are dropped meanwhile and the index is rebuilt once at the end, all in one unit (a savepoint
    inside the caller's transaction): a failure rolls the drops back with the change, and no
    rebuild runs for nothing."""
    with db.atomic():
        triggers = db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND name LIKE 'items_fts_%'").fetchall()
        for name, _sql in triggers:
            db.execute(f"DROP TRIGGER {name}")
        yield
        for _name, sql in triggers:
            db.execute(sql)
        if triggers:
            db.execute("INSERT INTO items_fts (items_fts) VALUES ('rebuild')")


def relabel_children(db: Database, plan_id: int, parent_id: int | None) -> None:
    """Recompute label, ref and sort path of a sibling list and, by prefix, their subtrees."""
    if parent_id is None:
        parent_ref, parent_path = "", ""
    else:
        parent_ref, parent_path = db.execute(
            "SELECT ref, sort_path FROM items WHERE id = ?", [parent_id]
        ).fetchone()
    rows = db.execute(
        "SELECT id, kind, label, ref, sort_path, title, text, tf_text, output, search "
        "FROM items WHERE plan_id = ? AND parent_id IS ? ORDER BY position",
        [plan_id, parent_id],
    ).fetchall()
    labels = sibling_labels([r[1] for r in rows])
    changed = []
    for position, (row, lab) in enumerate(zip(rows, labels, strict=True), start=1):
        item_id, kind, old_label, old_ref, old_path = row[:5]
        ref = make_ref(parent_ref, kind, lab, position)
        path = f"{parent_path}.{path_segment(position)}" if parent_path else path_segment(position)
        search = search_text(ref, *row[5:9])
        if (lab, ref, path, search) == (old_label, old_ref, old_path, row[9]):
            db.execute("UPDATE items SET position = ? WHERE id = ?", [position, item_id])
        else:
            changed.append((item_id, position, lab, ref, path, search, old_ref, old_path))
    # Two phases, so that a subtree moving to a sibling's old path never mixes with that
    # sibling's own subtree: first park each changed subtree under a unique temporary prefix.
    for item_id, *_, old_ref, old_path in changed:
        if old_path:
            _rewrite_descendants(db, plan_id, old_path, f"~{item_id}", old_ref, old_ref)
    for item_id, position, lab, ref, path, search, old_ref, old_path in changed:
        db.execute(
            "UPDATE items SET position = ?, label = ?, ref = ?, sort_path = ?, search = ? "
            "WHERE id = ?", [position, lab, ref, path, search, item_id],
        )
        if old_path:
            _rewrite_descendants(db, plan_id, f"~{item_id}", path, old_ref, ref)


def _rewrite_descendants(db: Database, plan_id: int, old_path: str, new_path: str,
                         old_ref: str, new_ref: str) -> None:
    """Give the subtree below *old_path* the prefix *new_path* (and *new_ref* for refs)."""
    rows = db.execute(
        "SELECT id, ref, sort_path, title, text, tf_text, output FROM items "
        "WHERE plan_id = ? AND sort_path > ? AND sort_path < ?",
        [plan_id, old_path + ".", old_path + "/"],
    ).fetchall()
    updates = []
    for item_id, ref, path, *content in rows:
        new_item_ref = new_ref + ref[len(old_ref):] if ref.startswith(old_ref) else ref
        updates.append((new_path + path[len(old_path):], new_item_ref,
                        search_text(new_item_ref, *content), item_id))
    db.conn.executemany("UPDATE items SET sort_path = ?, ref = ?, search = ? WHERE id = ?", updates)


def relabel_subtree(db: Database, item_id: int) -> None:
    """Relabel everything below *item_id* level by level (after its depth changed)."""
    item = get(db, item_id)
    if item is None:
        return
    stack = [item_id]
    while stack:
        current = stack.pop()
        relabel_children(db, item.plan_id, current)
        stack.extend(r[0] for r in db.execute(
            "SELECT id FROM items WHERE parent_id = ?", [current]).fetchall())
