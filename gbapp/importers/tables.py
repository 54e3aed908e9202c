"""Assignment tables: a header row naming "Cơ quan chủ trì" / "Cơ quan phối hợp" (or a single
"Đơn vị thực hiện" column) and rows of tasks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gbapp.domain.model import Role
from gbapp.domain.text import fold

from .agencies import ends_with_bare_head, extract_agencies, split_agency_list
from .markers import classify_label, parse_marker, parse_table_heading


@dataclass
class Row:
    """One task row of an assignment table, by column meaning."""

    label: str = ""
    content: str = ""
    lead: str = ""
    coordinating: str = ""
    time: str = ""
    output: str = ""
    # a single "Đơn vị thực hiện" cell listing several agencies with no role: the first was taken
    # as lead, the others as coordinating (the plan did not say)
    roles_guessed: bool = False


_NUMBERS_ONLY = re.compile(r"^\(?\d{1,2}\)?$")


def _role_of(header: str) -> str | None:
    f = fold(header)
    f = " ".join(f.split())
    if not f:
        return None
    if "chu tri" in f:
        return "lead"
    if "phoi hop" in f:
        return "coordinating"
    if _is_performer_header(f):
        return "performer"
    if f in ("stt", "tt", "so tt", "so thu tu", "thu tu", "muc") or f.startswith(("stt", "so tt")):
        return "label"
    if f.startswith(("thoi gian", "thoi han", "tien do", "moc thoi gian")):
        return "time"
    if f.startswith(("san pham", "ket qua", "dau ra")):
        return "output"
    if f.startswith(("noi dung", "nhiem vu", "hoat dong", "ten ", "giai phap", "cong viec", "chi tieu")) \
            or f == "ten":
        return "content"
    return None


def is_label_column(cell: str) -> bool:
    """A header cell naming the number column ("STT", "TT")."""
    return _role_of(cell) == "label"


# One column for the agencies doing the task: "Đơn vị thực hiện", "Cơ quan chịu trách nhiệm"…
_PERFORMER_HEADS = ("co quan", "don vi", "bo phan", "cq", "dv", "trach nhiem", "phan cong", "nguoi")
_PERFORMER_VERBS = ("thuc hien", "chiu trach nhiem", "trien khai", "phu trach", "dam nhan",
                    "dam nhiem", "dau moi")
_PERFORMER_EXACT = frozenset(("co quan", "don vi", "co quan, don vi", "co quan/don vi",
                              "co quan don vi", "don vi, co quan", "thuc hien", "phu trach",
                              "chiu trach nhiem", "trach nhiem", "dau moi"))


def _is_performer_header(f: str) -> bool:
    """*f* (folded) names the single agency column of a task table; a short name only, so a
    task's text ("Đơn vị thực hiện báo cáo trước ngày…") is not taken for one."""
    if f in _PERFORMER_EXACT:
        return True
    if len(f) > 48 or not f.startswith(_PERFORMER_HEADS):
        return False
    return any(v in f for v in _PERFORMER_VERBS)


# Columns a task table may have that no Row field holds ("Kinh phí", "Ghi chú"…)
_BUDGET_HEADS = ("kinh phi", "du toan", "nguon kinh phi", "nguon von", "chi phi", "ngan sach")
_NOTE_HEADS = ("ghi chu", "luu y", "don vi tinh")


def column_role(cell: str) -> str | None:
    """What a column of a task table holds, by its name: the roles ``rows_with_header`` reads
    ("label", "content", "lead", "coordinating", "performer", "time", "output"), "budget" and
    "note" for columns it does not read, None for a cell that is no column name."""
    role = _role_of(cell)
    if role is not None:
        return role
    f = " ".join(fold(cell).split())
    if f.startswith(_BUDGET_HEADS):
        return "budget"
    if f.startswith(_NOTE_HEADS):
        return "note"
    return "performer" if f.startswith(("co quan", "don vi")) else None


def is_header_cell(cell: str) -> bool:
    """A column name of a task table ("STT", "Nội dung", "Cơ quan thực hiện", "Thời gian"…)."""
    return _role_of(cell) is not None or fold(cell).startswith(("co quan", "don vi"))


def is_assignment_header(cells: list[str]) -> bool:
    """A task table's header row: a chủ trì or phối hợp column, or one "Đơn vị thực hiện" column
    beside another column name (the content, the number, the time)."""
    roles = [_role_of(c) for c in cells]
    if "lead" in roles or "coordinating" in roles:
        return True
    return "performer" in roles and any(r not in (None, "performer") for r in roles)


def table_to_rows(rows: list[list[str]],
                  continued: list[list[bool]] | None = None) -> list[Row] | None:
    """Rows of an assignment table, or None if the table's header names no chủ trì / phối hợp.

    *continued* marks cells merged down from the row above (Word's vertical merge): a lead,
    coordinating agency or time frame written once for two rows holds for both.
    """
    header_at = None
    for i, cells in enumerate(rows[:3]):
        if is_assignment_header(cells):
            header_at = i
            break
    if header_at is None:
        return None
    header = rows[header_at]
    if header_at > 0:  # "Cơ quan thực hiện" above "Chủ trì | Phối hợp": one header of two rows
        header = merge_header_rows(rows[header_at - 1], header) or header
    body_continued = continued[header_at + 1:] if continued else None
    return rows_with_header(header, rows[header_at + 1:], body_continued, word_table=True)


def merge_header_rows(top: list[str], sub: list[str]) -> list[str] | None:
    """A header written on two rows, column by column (the lower row's name wins); None when
    the rows do not line up."""
    if len(top) != len(sub):
        return None
    return [s.strip() or t.strip() for t, s in zip(top, sub, strict=True)]


# How the name of an agency column starts ("Cơ quan chủ trì", "Đơn vị phối hợp", "Chủ trì"),
# unlike a task's agency cell that says the same ("Sở Nội vụ chủ trì, Sở Y tế phối hợp").
_AGENCY_COLUMN_HEADS = ("chu tri", "phoi hop", "noi chu tri") + _PERFORMER_HEADS


def _is_header_row(cells: list[str]) -> bool:
    """Every filled cell of *cells* is a column name: the header repeated on a new page, not a
    task row whose agency cell reads "X chủ trì, Y phối hợp"."""
    for cell in cells:
        if not cell:
            continue
        role = _role_of(cell)
        if role is None:
            continue  # a column the importer does not read ("Ghi chú", "Kinh phí")
        f = " ".join(fold(cell).split())
        if len(f) > 60 or ":" in f.rstrip(" :"):  # "Cơ quan chủ trì: Sở Nội vụ" is a task's
            return False
        if role in ("lead", "coordinating", "performer") and not f.startswith(_AGENCY_COLUMN_HEADS):
            return False
    return True


def _sub_header(header: list[str], sub: list[str]) -> list[str] | None:
    """*header* with its second row *sub* ("Chủ trì | Phối hợp" under "Cơ quan thực hiện")
    folded in; None when *sub* is not such a row."""
    sub_roles = [_role_of(c) for c in sub]
    if not ("lead" in sub_roles or "coordinating" in sub_roles):
        return None
    if any(c.strip() and not is_header_cell(c) for c in sub) or not _is_header_row(sub):
        return None
    merged = merge_header_rows(header, sub)
    if merged is not None:
        return merged
    # the rows split unevenly (a text table drops empty border cells): the named sub-columns
    # take the place of the performer cell and the empty cells it spans
    names = [c.strip() for c in sub if c.strip()]
    for i, c in enumerate(header):
        if _role_of(c) == "performer":
            end = i + 1
            while end < len(header) and not header[end].strip():
                end += 1
            return header[:i] + names + header[end:]
    return None


def _add_performers(row: Row, text: str, role_if_lead: str | None) -> None:
    """A "Đơn vị thực hiện" cell: "X chủ trì, Y phối hợp" as written, else the first agency
    leads and the others coordinate (or all coordinate when the table has a chủ trì column)."""
    lead: list[str] = []
    coordinating: list[str] = []
    low = text.lower()
    if "chủ trì" in low or "phối hợp" in low:
        for ref in extract_agencies(text):
            (lead if ref.role is Role.LEAD else coordinating).append(ref.name)
    if not lead and not coordinating:
        names = split_agency_list(text.replace("\n", "; "))
        if role_if_lead == "coordinating":
            coordinating = names
        else:
            lead, coordinating = names[:1], names[1:]
            row.roles_guessed = row.roles_guessed or len(names) > 1
    for attr, names in (("lead", lead), ("coordinating", coordinating)):
        if names:
            current = getattr(row, attr)
            joined = "\n".join(names)
            setattr(row, attr, f"{current}\n{joined}" if current else joined)


def rows_with_header(header: list[str], body: list[list[str]],
                     continued: list[list[bool]] | None = None,
                     word_table: bool = False) -> list[Row]:
    """The task rows of a table's *body* under its *header*.

    A *word_table* is laid out by hand or by a converter, line by line: a cell's paragraphs
    may be the wrapped lines of one name or sentence ("Sở Văn hóa, Thể thao và" over "Du
    lịch"), and a row with no number of its own may go on with the task above it ("của phụ nữ
    tỉnh" under "Kiện toàn Ban Vì sự tiến bộ", as a PDF turned into Word has it; or its STT
    cell merged down over both rows). Those are joined back, as the same task typed in one
    row of one-paragraph cells reads.
    """
    if body and any(_role_of(c) == "performer" for c in header):
        merged = _sub_header(header, body[0])
        if merged is not None:
            header, body = merged, body[1:]
            continued = continued[1:] if continued else continued
    roles = [_role_of(c) for c in header]
    performer_as = "coordinating" if "lead" in roles else None
    if "content" not in roles:
        # the widest unnamed column, else the first one that is not the label
        for i, r in enumerate(roles):
            if r is None:
                roles[i] = "content"
                break
    out: list[Row] = []
    above: list[str] = []
    pending: list[str] | None = None  # the cells of the task being read (word tables)
    for n, cells in enumerate(body):
        texts = ["\n".join(" ".join(ln.split()) for ln in c.split("\n") if ln.strip()) for c in cells]
        if word_table:
            texts = [_join_wrapped(t) if "\n" in t and i < len(roles)
                     and roles[i] in _WRAPPING_ROLES else t for i, t in enumerate(texts)]
        merged_row = continued[n] if continued and n < len(continued) else []
        for i, merged_down in enumerate(merged_row):
            role = roles[i] if i < len(roles) else None
            if (merged_down and i < len(texts) and i < len(above) and not texts[i]
                    and role in ("lead", "coordinating", "performer", "time")):
                texts[i] = above[i]
        above = texts
        non_empty = [t for t in texts if t]
        if not non_empty:
            continue
        if all(_NUMBERS_ONLY.match(t) for t in non_empty):
            continue  # "(1) (2) (3)" column-number row
        if is_assignment_header(texts) and _is_header_row(texts):
            continue  # header repeated on a new page
        if word_table and pending is not None and _row_goes_on(roles, pending, texts, merged_row):
            _join_row(roles, pending, texts, merged_row)
            continue
        if pending is not None:
            _add_row(out, pending, roles, performer_as)
        pending = list(texts)
    if pending is not None:
        _add_row(out, pending, roles, performer_as)
    return out


def _add_row(out: list[Row], texts: list[str], roles: list[str | None],
             performer_as: str | None) -> None:
    """The Row of one table row's cell *texts*, appended to *out* (unless it holds no task)."""
    non_empty = [t for t in texts if t]
    row = Row()
    if len(non_empty) == 1:
        # a heading row spanning the table: "II. CÔNG TÁC TRUYỀN THÔNG"
        m = parse_table_heading(non_empty[0])
        if m is not None and m.label not in ("-", "+"):
            row.label, row.content = m.label, m.rest
        else:
            row.content = non_empty[0]
        out.append(row)
        return
    for i, t in enumerate(texts):
        role = roles[i] if i < len(roles) else None
        if role is None or not t:
            continue
        if role == "performer":
            _add_performers(row, t, performer_as)
            continue
        current = getattr(row, role)
        setattr(row, role, f"{current}\n{t}" if current else t)
    if not row.label and row.content:
        m = parse_table_heading(row.content)
        if m is not None:
            row.label, row.content = m.label, m.rest
    elif row.label and classify_label(row.label) is None and not row.content:
        row.content, row.label = row.label, ""
    if row.content or row.lead or row.coordinating:
        out.append(row)


# ---------------------------------------------------------------- lines wrapped by hand

# Words a wrapped line of a cell may end on, the cell going on below
_CONTINUING_WORDS = frozenset((
    "của", "và", "với", "về", "cho", "các", "những", "trong", "trên", "tại", "theo", "hoặc",
    "đến", "từ", "để", "vì", "là", "được", "có", "ở", "bằng", "nhằm", "thuộc"))
_CONTINUING_ENDS = (",", "-", "–", "(", "/", "&", "+")


def starts_lower(line: str) -> bool:
    """The first letter of *line* (after an opening bracket or quote) is lower case."""
    for ch in line:
        if ch.isalpha():
            return ch.islower()
        if ch not in "(\"'“":
            return False
    return False


def continues_line(prev: str, line: str) -> bool:
    """Whether *line* goes on with the cell's line *prev* (a wrap), rather than start a cell:
    it starts in lower case, or *prev* ends on a word that cannot end it (a comma, "của", an
    agency's head word with no name after it)."""
    if starts_lower(line):
        return True
    if prev.endswith(_CONTINUING_ENDS):
        return True
    last = prev.rsplit(" ", 1)[-1]
    if last.lower() in _CONTINUING_WORDS and last[:1].islower():
        return True
    # a name cut after its head word: "Liên đoàn" over "Lao động tỉnh", "Trường" over "THCS…"
    return ends_with_bare_head(prev)


# Columns whose cell a line break may cut in the middle of a name or a sentence
_WRAPPING_ROLES = frozenset(("content", "lead", "coordinating", "performer"))
_AGENCY_OR_TIME = ("lead", "performer", "time")
_BULLETS = "-–—+•"


def _goes_on(text: str, line: str) -> bool:
    """Whether *line* continues the last line of a cell's *text*: a wrap, not a point of its
    own ("a) …", "- …") nor a new name."""
    return (bool(text) and continues_line(text.rsplit("\n", 1)[-1], line)
            and parse_marker(line) is None)


def _join_wrapped(text: str) -> str:
    """A cell's lines with the wrapped ones joined to the line they go on from."""
    out: list[str] = []
    for line in text.split("\n"):
        if out and _goes_on(out[-1], line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)


def _capitals(text: str) -> bool:
    letters = [c for c in text[:80] if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _row_goes_on(roles: list[str | None], pending: list[str], texts: list[str],
                 merged: list[bool]) -> bool:
    """Whether a Word table's row *texts* is more lines of the task row *pending* rather than
    a row of its own: it has no number, names no task of its own (no content, or content that
    goes on with the task's: a wrap, or the points of a task that has its agencies or time),
    and gives no second lead or time where the task has one (a wrapped name may go on)."""
    def own(i: int) -> str:
        return "" if i < len(merged) and merged[i] else (texts[i] if i < len(texts) else "")

    def before(i: int) -> str:
        return pending[i] if i < len(pending) else ""

    label_at = roles.index("label") if "label" in roles else None
    if label_at is not None and own(label_at):
        return False
    for i, role in enumerate(roles):
        if role in _AGENCY_OR_TIME and own(i) and before(i) and not _goes_on(before(i), own(i)):
            return False
    contents = [i for i, role in enumerate(roles) if role == "content" and own(i)]
    if not contents:
        return True  # more lines of its other cells (an agency, a time), no task of its own
    if label_at is not None and label_at < len(merged) and merged[label_at]:
        return True  # its STT cell is the task's, merged down over both rows
    i = contents[0]
    line = own(i).split("\n", 1)[0]
    if _capitals(line) and not _capitals(before(i)):
        return False  # a heading ("CÔNG TÁC KIỂM TRA") after a task
    if _goes_on(before(i), line):
        return True
    # "- Mít tinh…", "- Treo băng rôn…" under a numbered task that has its agency or time
    # (under a heading row with none, such rows are tasks of their own)
    return (line[:1] in _BULLETS or before(i).endswith(":")) and label_at is not None \
        and bool(before(label_at)) and any(before(k) for k, role in enumerate(roles)
                                           if role in _AGENCY_OR_TIME or role == "coordinating")


def _join_row(roles: list[str | None], pending: list[str], texts: list[str],
              merged: list[bool]) -> None:
    """*texts*' own cells (not those merged down from *pending*) added to *pending*'s."""
    pending.extend("" for _ in range(len(texts) - len(pending)))
    for i, t in enumerate(texts):
        if not t or (i < len(merged) and merged[i]):
            continue
        current = pending[i]
        if not current:
            pending[i] = t
            continue
        role = roles[i] if i < len(roles) else None
        wrap = role in _WRAPPING_ROLES and _goes_on(current, t.split("\n", 1)[0])
        pending[i] = f"{current}{' ' if wrap else chr(10)}{t}"


def split_cells(line: str) -> list[str]:
    """Cells of a `|`- or tab-separated line."""
    sep = "|" if "|" in line else "\t"
    cells = [c.strip() for c in line.split(sep)]
    if cells and not cells[0] and line.lstrip().startswith(sep):
        cells = cells[1:]
    if cells and not cells[-1] and line.rstrip().endswith(sep):
        cells = cells[:-1]
    return cells
