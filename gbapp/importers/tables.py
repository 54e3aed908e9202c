"""Assignment tables: a header row naming "Cơ quan chủ trì" / "Cơ quan phối hợp" (or a single
"Đơn vị thực hiện" column) and rows of tasks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gbapp.domain.model import Role
from gbapp.domain.text import fold

from .agencies import extract_agencies, split_agency_list
from .markers import classify_label, parse_table_heading


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
    return rows_with_header(header, rows[header_at + 1:], body_continued)


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
                     continued: list[list[bool]] | None = None) -> list[Row]:
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
    for n, cells in enumerate(body):
        texts = ["\n".join(" ".join(ln.split()) for ln in c.split("\n") if ln.strip()) for c in cells]
        if continued and n < len(continued):
            for i, merged_down in enumerate(continued[n]):
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
        row = Row()
        if len(non_empty) == 1:
            # a heading row spanning the table: "II. CÔNG TÁC TRUYỀN THÔNG"
            m = parse_table_heading(non_empty[0])
            if m is not None and m.label not in ("-", "+"):
                row.label, row.content = m.label, m.rest
            else:
                row.content = non_empty[0]
            out.append(row)
            continue
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
    return out


def split_cells(line: str) -> list[str]:
    """Cells of a `|`- or tab-separated line."""
    sep = "|" if "|" in line else "\t"
    cells = [c.strip() for c in line.split(sep)]
    if cells and not cells[0] and line.lstrip().startswith(sep):
        cells = cells[1:]
    if cells and not cells[-1] and line.rstrip().endswith(sep):
        cells = cells[:-1]
    return cells
