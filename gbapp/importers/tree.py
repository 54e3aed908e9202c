"""Logical lines of a plan's body → the item tree (I. → 1. → a) → - → +)."""

from __future__ import annotations

import re

from gbapp.domain.model import AgencyRef, ItemKind, ParsedItem, Role, TimeFrame
from gbapp.domain.numbering import from_roman, is_task_section, letter_index
from gbapp.domain.timeframe import find_time_frame, parse_time_frame

from .agencies import agency_heading, extract_agencies, is_assignment_only, split_agency_list
from .cell_lines import KeptTable
from .markers import GROUP_RANK, RANK, Marker, classify_label, is_group_letter, parse_marker
from .tables import Row

# "- Đơn vị chủ trì: …", "- Thời gian thực hiện: …" under an item state that item's assignment,
# time or output; they are not sub-items. Such a line is a label and a colon, the label maybe
# qualified ("thực hiện", "dự kiến", "(nếu có)"); "- Phối hợp tổ chức các hoạt động: tọa đàm…" is a
# duty with a colon, a sub-item.
_ATTRIBUTE_QUALIFIER = (r"(?:(?:\s+|\s*,\s*|\s+và\s+)(?:thực\s+hiện|hoàn\s+thành|triển\s+khai|"
                        r"tổ\s+chức|dự\s+kiến|bắt\s+đầu|kết\s+thúc|đầu\s+ra|chủ\s+trì|phối\s+hợp|"
                        r"báo\s+cáo|thời\s+gian|thời\s+hạn|tiến\s+độ|đơn\s+vị|cơ\s+quan|với|"
                        r"năm\s+\d{4}))*(?:\s*\([^()\n]{0,40}\))?\s*:")
_ATTRIBUTE_RE = re.compile(
    r"(?:(?:Cơ quan|Đơn vị|Cơ quan, đơn vị|Đơn vị, cơ quan)\s+(?:chủ\s+trì|phối\s+hợp|thực\s+hiện)"
    r"|Chủ\s+trì|Phối\s+hợp|Sản\s+phẩm|Kết\s+quả\s+đầu\s+ra"
    r"|Kết\s+quả\s+dự\s+kiến|(?:Nguồn\s+)?[Kk]inh\s+phí|Dự\s+toán(?:\s+kinh\s+phí)?)"
    + _ATTRIBUTE_QUALIFIER
    # a time label may say what it times: "Thời gian tổ chức hội thi: tháng 10"
    + r"|(?:Thời\s+(?:gian|hạn)|Tiến\s+độ)[^:\n]{0,40}:", re.IGNORECASE)
_OUTPUT_RE = re.compile(r"(?:Sản phẩm|Kết quả đầu ra|Sản phẩm đầu ra)\s*:\s*(?P<v>[^;\n]+?)\s*(?:[;\n]|\.(?:\s|$)|$)")


class _Open:
    """An item being built, with its text lines still in a list (no quadratic concatenation)."""

    __slots__ = ("item", "rank", "parts", "needs_title", "from_row", "parent", "subject",
                 "point_attributes", "paren", "enclosed", "enclosed_children", "kept_table")

    def __init__(self, item: ParsedItem, rank: float, needs_title: bool = False, from_row: bool = False):
        self.item = item
        self.rank = rank
        self.parts: list[str] = []
        self.needs_title = needs_title
        self.from_row = from_row
        self.parent: _Open | None = None
        # the agencies a heading ("2. Sở Y tế", "a) Công an tỉnh:") makes responsible for the
        # duties below it that name no one
        self.subject: tuple[str, ...] = ()
        # how many of its "-"/"+" points took attribute lines of their own (see _attribute_owner)
        self.point_attributes = 0
        self.paren = False  # numbered "1)" rather than "1."
        self.enclosed = False  # numbered "(1)"
        self.enclosed_children = 0
        # whether parts hold a table kept as text (KeptTable): its rows' times and agencies are
        # each row's, not the item's
        self.kept_table = False


def build_tree(body: list, year: int | None,
               appendix_at: int | None = None) -> tuple[list[ParsedItem], list[str]]:
    """Items from the body's blocks (``str`` lines and table ``Row``s), and warnings.

    A task table belongs to the item just above it ("2. Nhiệm vụ cụ thể" and then its table):
    its rows go below that item, whatever their own labels ("I", "1"). Rows from *appendix_at*
    on come from a table after the signature; they go below the item that points to an
    appendix ("(Chi tiết tại Phụ lục kèm theo)"), if one does, else at the top level.
    """
    roots: list[ParsedItem] = []
    stack: list[_Open] = []
    opened: list[_Open] = []
    warnings: list[str] = []
    orphan_text: list[str] = []

    def attach(node: _Open):
        while stack and stack[-1].rank >= node.rank:
            stack.pop()
        (stack[-1].item.children if stack else roots).append(node.item)
        node.parent = stack[-1] if stack else None
        stack.append(node)
        opened.append(node)

    below: float | None = None  # the rank of the item the current table's rows go below
    series_rank: float | None = None  # of the running-text groups "A.", "B.", … being read
    roman_seen = False
    for i, block in enumerate(body):
        if isinstance(block, Row):
            node = _row_node(block, year)
            if _is_group_row(block) and i + 1 < len(body) and isinstance(body[i + 1], Row):
                node.rank = _group_rank(node, body[i + 1])
            if i == 0 or not isinstance(body[i - 1], Row):  # a table starts
                anchor = (_appendix_anchor(opened) if appendix_at is not None and i >= appendix_at
                          else (stack[-1] if stack else None))
                if anchor is not None and _continues_numbering(block, stack):
                    anchor = None  # "1. Kiểm tra" … then a table whose first row is "2"
                below = None
                if anchor is not None:  # reopen it (an appendix's item was closed long ago)
                    chain = []
                    node_up: _Open | None = anchor
                    while node_up is not None:
                        chain.append(node_up)
                        node_up = node_up.parent
                    stack[:] = chain[::-1]
                    below = anchor.rank
            if below is not None:  # ranks 0-4 squeezed into (below, below + 1), order kept
                node.rank = below + 0.5 + node.rank / 100
            attach(node)
            continue
        line = block
        marker = parse_marker(line)
        if marker is not None and marker.loose and not _parent_open(stack, marker.label):
            marker = None  # "15.12 Hội nghị …" with no item "15." open: a date, not "15.12"
        if marker is not None and marker.enclosed:
            rank = _enclosed_rank(stack, marker.value)
            if rank is None:  # "(3) Sở, ngành; …" with no "(1)" open: a line of text
                marker = None
        if (marker is not None and stack and marker.kind in (ItemKind.DASH, ItemKind.PLUS)
                and (_ATTRIBUTE_RE.match(marker.rest)
                     # "- Sở Nội vụ chủ trì, phối hợp với UBND các xã": who does the item above
                     # (unless the item above has its lead, or a next line gives another one:
                     # two such lines are two tasks, each with its own lead)
                     or ("chủ trì" in marker.rest and is_assignment_only(marker.rest)
                         and not _states_lead(_attribute_owner(stack, marker.rank, peek=True))
                         and not _lead_line(body, i + 1)))):
            _attribute_owner(stack, marker.rank).parts.append(marker.rest)
            continue
        if marker is not None:
            item = ParsedItem(kind=marker.kind, label=marker.label, title=marker.rest)
            rank = marker.rank
            if marker.rank == GROUP_RANK:  # "A. CÔNG TÁC …": one rank for its whole series
                if marker.label == "A" or series_rank is None:
                    series_rank = _group_text_rank(body, i, roman_seen)
                rank = series_rank
            elif marker.kind is ItemKind.ROMAN:
                roman_seen = True
            elif marker.paren and rank == _ARABIC_RANK:
                rank = _paren_rank(stack, marker.value)
            elif marker.enclosed:
                rank = _enclosed_rank(stack, marker.value)
            node = _Open(item, rank, needs_title=not marker.rest)
            node.paren = marker.paren
            node.enclosed = marker.enclosed
            attach(node)
            if node.enclosed and node.parent is not None:
                node.parent.enclosed_children += 1
            continue
        if not stack:
            orphan_text.append(line)
            continue
        top = stack[-1]
        if top.needs_title:
            top.item.title = line
            top.needs_title = False
        elif (top.item.kind in _POINTS or top.enclosed) and _ATTRIBUTE_RE.match(line):
            _attribute_owner(stack, top.rank).parts.append(line)
        else:
            if isinstance(line, KeptTable):
                top.kept_table = True
            top.parts.append(line)

    if orphan_text:
        warnings.append(f"Bỏ qua {len(orphan_text)} đoạn không thuộc mục nào (text outside any item skipped)")
    guessed = [b for b in body if isinstance(b, Row) and b.roles_guessed]
    if guessed:
        first = " ".join(guessed[0].content.split())[:60]
        warnings.append(
            f"{len(guessed)} nhiệm vụ trong bảng có nhiều cơ quan trong cùng một ô «thực hiện» "
            f"(ví dụ «{first}»): gbapp ghi cơ quan đầu tiên là chủ trì, các cơ quan còn lại là "
            "phối hợp; hãy kiểm tra phân công. (several agencies in one 'performer' cell: the "
            "first is stored as lead)")

    for node in opened:
        item = node.item
        own_text = item.text
        if node.parts:
            if node.kept_table:  # the item's own words, before and after the table
                own = "\n".join(p for p in node.parts if not isinstance(p, KeptTable))
                own_text = f"{item.text}\n{own}" if item.text and own else item.text or own
            extra = "\n".join(node.parts)
            item.text = f"{item.text}\n{extra}" if item.text else extra
            if not node.kept_table:
                own_text = item.text
        if node.from_row:
            continue
        # parents come before their children in `opened`: their subject is known
        node.subject = agency_heading(item.title) or (node.parent.subject if node.parent else ())
        both = f"{item.title}\n{own_text}" if own_text else item.title
        item.time_frame = find_time_frame(both, year)
        item.agencies = extract_agencies(both, node.subject)
        if not item.output and ("phẩm" in both or "đầu ra" in both):
            m = _OUTPUT_RE.search(both)
            if m:
                item.output = m.group("v").strip()

    _check_sequences(roots, warnings)
    return roots, warnings


_POINTS = (ItemKind.DASH, ItemKind.PLUS)
_ARABIC_RANK = RANK[ItemKind.ARABIC]
_NESTED_PAREN_RANK = _ARABIC_RANK + 0.5  # "1)" under "2.": below "1.1.", above "a)"


def _enclosed_rank(stack: list[_Open], value: int) -> float | None:
    """The rank of an item numbered "(n)": the next of an open "(1)", "(2)" series; a "(1)"
    goes just below the item it follows ("- Tổ chức các hoạt động sau:" then "(1) Hội thi…");
    None for a "(3)" with no series open (a wrapped line of text)."""
    for node in reversed(stack):
        if node.enclosed:
            return node.rank if _label_value(node.item) == value - 1 else None
    if value == 1 and stack:
        return stack[-1].rank + 0.25
    return None


def _states_lead(node: _Open) -> bool:
    """Whether the item already names its lead in its own words."""
    return "chủ trì" in node.item.title.lower() or any("chủ trì" in p.lower() for p in node.parts)


def _lead_line(body: list, at: int) -> bool:
    """Whether body[at] is a "- X chủ trì, …" line of its own (then a line before it that
    looks alike is a task with its lead, as this one is)."""
    if at >= len(body) or not isinstance(body[at], str):
        return False
    nxt = parse_marker(body[at])
    return (nxt is not None and nxt.kind in (ItemKind.DASH, ItemKind.PLUS)
            and "chủ trì" in nxt.rest and is_assignment_only(nxt.rest))


def _paren_rank(stack: list[_Open], value: int) -> float:
    """The rank of an item numbered "1)": below the "2." item it follows when it starts a list
    there ("2. Công tác kiểm tra", "1) Kiểm tra …", "2) …"), and so its siblings after it; else
    the rank of "1." (a plan numbering its items "1)", or a stray "2)" after "1.")."""
    for node in reversed(stack):
        if node.rank == _NESTED_PAREN_RANK and node.paren:
            return _NESTED_PAREN_RANK
        if node.rank == _ARABIC_RANK and node.item.kind is ItemKind.ARABIC:
            return _NESTED_PAREN_RANK if value == 1 and not node.paren else _ARABIC_RANK
    return _ARABIC_RANK


def _parent_open(stack: list[_Open], label: str) -> bool:
    """Whether the item numbered *label* without its last part ("1" for "1.2") is open."""
    parent = label.rpartition(".")[0]
    return any(node.item.kind is ItemKind.ARABIC and node.item.label == parent for node in stack)


def _group_text_rank(body: list, at: int, roman_seen: bool) -> float:
    """The rank of a series of groups "A. CÔNG TÁC …", "B. …" in running text: just above the
    items the first one groups ("1." under "I.", "a)" under "2."), or above the sections when
    the plan is in parts ("A. MỤC ĐÍCH" over "I. Mục đích"). Inside a section, a group is never
    above the next section ("A. NHIỆM VỤ CHUNG" and its "- …" points, then "III.")."""
    for block in body[at + 1:at + 60]:
        if isinstance(block, str):
            following = parse_marker(block)
            if following is not None and following.rank != GROUP_RANK:
                if following.kind is ItemKind.ROMAN and roman_seen:
                    return GROUP_RANK
                return max(following.rank - 0.5, GROUP_RANK) if roman_seen else \
                    following.rank - 0.5
    return GROUP_RANK


def _attribute_owner(stack: list[_Open], rank: float, peek: bool = False) -> _Open:
    """The item an attribute line ("- Cơ quan chủ trì: X", "Thời gian: Quý II") at *rank* states
    something of.

    Under "a) Tổ chức truyền thông, gồm:" a list of points may come first and the attributes
    after it, at the points' level: they are a)'s. But "- Tập huấn", "- Thời gian: Quý II",
    "- Hội thảo", "- Thời gian: Quý III" gives each point its own. So an attribute goes to the
    point above it only while that reading holds: a lone point under a heading that does not
    announce a list, or a list whose points already took attributes of their own.
    """
    top = stack[-1]
    point = next((node for node in reversed(stack) if node.rank <= rank), top)
    # ("(1) …", "(2) …" are points too: "Cơ quan chủ trì: …" after them is the list's)
    if not point.enclosed and (point.rank < rank or point.item.kind not in _POINTS
                               or point.parent is None):
        return point  # the attribute sits under this item (deeper than it), or it is no point
    parent = point.parent
    if parent is None:
        return point
    points = (parent.enclosed_children if point.enclosed
              else sum(1 for child in parent.item.children if child.kind in _POINTS))
    announced = parent.item.title.rstrip().endswith(":")
    if parent.point_attributes == 0 and (points >= 2 or announced):
        return parent
    if not peek:
        parent.point_attributes += 1
    return point


def _continues_numbering(row: Row, stack: list[_Open]) -> bool:
    """Whether a table's first row takes up the numbering of an item in the text above it."""
    marker = classify_label(row.label) if row.label else None
    if marker is None or not marker.value:
        return False
    return any(node.item.kind is marker.kind and _label_value(node.item) == marker.value - 1
               for node in stack)


def _appendix_anchor(opened: list[_Open]) -> _Open | None:
    """The item whose details are in the appendix ("II. NHIỆM VỤ (Chi tiết tại Phụ lục kèm
    theo)"); else the last task heading that mentions it ("III. NỘI DUNG HOẠT ĐỘNG (Có Phụ lục
    phân công nhiệm vụ kèm theo)", not the "IV. TỔ CHỨC THỰC HIỆN" after it that asks the
    agencies "được phân công tại Phụ lục" to report); else the last one that mentions it."""
    mentions = []
    for node in opened:
        both = f"{node.item.title} {' '.join(node.parts)}".lower()
        if "phụ lục" in both or "bảng phân công" in both:
            if "chi tiết" in both:
                return node
            mentions.append(node)
    tasks = [node for node in mentions if is_task_section(node.item.title)]
    return (tasks or mentions)[-1] if mentions else None


def _row_node(row: Row, year: int | None) -> _Open:
    marker: Marker | None = classify_label(row.label) if row.label else None
    if marker is None:
        kind, label, rank = ItemKind.DASH, "-", RANK[ItemKind.DASH]
        if row.label:  # an unusual label: keep it in the title
            row.content = f"{row.label} {row.content}".strip()
    else:
        kind, label, rank = marker.kind, marker.label, marker.rank
    lines = [ln.strip() for ln in row.content.split("\n") if ln.strip()]
    title = lines[0] if lines else ""
    item = ParsedItem(kind=kind, label=label, title=title, text="\n".join(lines[1:]))
    agencies: list[AgencyRef] = []
    seen: set[str] = set()
    for cell, role in ((row.lead, Role.LEAD), (row.coordinating, Role.COORDINATING)):
        for name in split_agency_list(cell.replace("\n", ", ")):
            if name.casefold() not in seen:
                seen.add(name.casefold())
                agencies.append(AgencyRef(name=name, role=role))
    item.agencies = agencies
    if row.time.strip():
        t = " ".join(row.time.split())
        item.time_frame = parse_time_frame(t, year) or TimeFrame(text=t)
    else:
        both = f"{item.title}\n{item.text}" if item.text else item.title
        item.time_frame = find_time_frame(both, year)
    item.output = " ".join(row.output.split())
    return _Open(item, rank, needs_title=not title, from_row=True)


def _is_group_row(row: Row) -> bool:
    """A row naming a group of tasks ("A | CÔNG TÁC TUYÊN TRUYỀN"): a label, no assignment."""
    return bool(row.label) and not (row.lead or row.coordinating or row.time or row.output)


def _group_rank(node: _Open, following: Row) -> float:
    """A group row sits one level above the task row after it: "A" (a letter) above "1", so that
    the tasks nest under it and the next group "B" closes them as A's sibling."""
    nxt = classify_label(following.label) if following.label else None
    if nxt is None:
        return node.rank
    capital = is_group_letter(node.item.kind, node.item.label)
    if node.rank > nxt.rank or (node.rank == nxt.rank and capital):
        return nxt.rank - 0.5
    return node.rank


def _label_value(item: ParsedItem) -> int | None:
    if item.kind is ItemKind.ARABIC:
        return int(item.label) if item.label.isdigit() else None
    if item.kind is ItemKind.ROMAN:
        return from_roman(item.label)
    if item.kind is ItemKind.LETTER:
        return letter_index(item.label)
    return None


def _check_sequences(items: list[ParsedItem], warnings: list[str], path: str = "") -> None:
    stack = [(items, path)]
    while stack:
        siblings, prefix = stack.pop()
        last: dict[ItemKind, int] = {}
        for it in siblings:
            value = _label_value(it)
            if value is not None:
                expected = last.get(it.kind, 0) + 1
                if value != expected and len(warnings) < 50:
                    where = f"{prefix}.{it.label}" if prefix else it.label
                    warnings.append(f"Số thứ tự không liên tục tại mục {where} (numbering gap or repeat)")
                last[it.kind] = value
            if it.children:
                ref = it.label if it.kind not in (ItemKind.DASH, ItemKind.PLUS) else ""
                stack.append((it.children, f"{prefix}.{ref}" if prefix and ref else (ref or prefix)))
