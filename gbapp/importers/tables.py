"""Assignment tables: a header row naming "Cơ quan chủ trì" / "Cơ quan phối hợp" and rows of tasks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gbapp.domain.text import fold

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


def is_header_cell(cell: str) -> bool:
    """A column name of a task table ("STT", "Nội dung", "Cơ quan thực hiện", "Thời gian"…)."""
    return _role_of(cell) is not None or fold(cell).startswith(("co quan", "don vi"))


def is_assignment_header(cells: list[str]) -> bool:
    roles = [_role_of(c) for c in cells]
    return "lead" in roles or "coordinating" in roles


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


def rows_with_header(header: list[str], body: list[list[str]],
                     continued: list[list[bool]] | None = None) -> list[Row]:
    roles = [_role_of(c) for c in header]
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
                        and role in ("lead", "coordinating", "time")):
                    texts[i] = above[i]
        above = texts
        non_empty = [t for t in texts if t]
        if not non_empty:
            continue
        if all(_NUMBERS_ONLY.match(t) for t in non_empty):
            continue  # "(1) (2) (3)" column-number row
        if is_assignment_header(texts):
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
