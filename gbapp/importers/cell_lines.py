"""A task table pasted one cell per line, as text copied from a PDF (or some browsers) has it:

    STT
    Nội dung
    Cơ quan chủ trì
    Cơ quan phối hợp
    Thời gian
    1
    Kiện toàn Ban Vì sự tiến bộ của
    phụ nữ tỉnh
    Sở Nội vụ
    …

The column names come first, each on a line of its own; then each row starts with a line holding
only its number ("1", "2", …) and its cells follow, a cell wrapping over several lines where it
was too wide. Nothing marks where a cell ends, so the rows are rebuilt from what the columns mean:
an agency column holds names of agencies, the time column a time frame, and a line that ends in
"của", "và", "," or starts in lower case goes on with the line before it. Where a row reads in no
way, or in two ways equally well, the table is not read: its lines are kept as they are, as one
block of text, and a warning says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import compress

from gbapp.domain.text import fold
from gbapp.domain.timeframe import parse_time_frame

from .agencies import starts_like_agency
from .markers import parse_marker
from .tables import column_role, is_assignment_header
from .tables import continues_line as _continues
from .tables import starts_lower as _starts_lower


class KeptLines(str):
    """Lines kept as they are: one block of text that nothing before or after it joins (a Word
    table cell's line in a hard-wrapped document, a table that could not be read)."""

    __slots__ = ()


class KeptTable(KeptLines):
    """The lines of a task table that could not be read, kept as text in the item above it:
    its rows' times and agencies are each row's, not that item's (tree.build_tree)."""

    __slots__ = ()


@dataclass
class CellTable:
    """A table found in a text's lines: lines[start:end]. ``rows`` are the rebuilt rows (the
    cells under ``header``), empty when the table could not be read."""

    start: int
    end: int
    names: list[str]
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)

    @property
    def read(self) -> bool:
        return bool(self.rows)


KEPT_TABLE_PREFIX = "Có một bảng được dán mỗi ô một dòng"


def kept_table_warning(names: list[str]) -> str:
    shown = " | ".join(names[:6])
    return (
        f"{KEPT_TABLE_PREFIX} (thường gặp khi chép từ PDF), với các cột «{shown}»: "
        "gbapp không tách chắc chắn được các ô nên chưa đọc các dòng của bảng thành nhiệm vụ, "
        "mà giữ nguyên văn bản của bảng trong mục chứa nó. Để đọc được bảng, hãy chép bảng từ "
        "tệp Word rồi dán lại, hoặc nhập thẳng tệp .docx của kế hoạch. (a table pasted one cell "
        "per line was found and not read as tasks; its text is kept: paste it from Word or "
        "import the .docx)")


_MAX_NAME_LINE = 40
_LABEL_LINE_RE = re.compile(r"^0?(\d{1,4})\.?$")
_GROUP_LINE_RE = re.compile(r"^([IVX]{1,5}|[A-H])\.?$")
_ROMAN_VALUES = {r: n for n, r in enumerate(
    ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"), start=1)}
_SIGNATURE_RE = re.compile(r"^(?:KT|TM|TL|TUQ|Q)\s*\.")
_BULLET_START = "-–—+•·*"
_UPPER_STOP_LETTERS = 15


def _column_name(line: str) -> bool:
    return (len(line) <= _MAX_NAME_LINE and ":" not in line and not line.endswith((".", ";"))
            and column_role(line) is not None)


def _letters_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= _UPPER_STOP_LETTERS and all(c.isupper() for c in letters)


def _ends_table(line: str, heads_group: bool) -> bool:
    """A line after the table: a numbered item ("III. TỔ CHỨC THỰC HIỆN", "2. Kiểm tra…"), a
    heading in capitals (not the group row's own), the recipients or the signature."""
    marker = parse_marker(line)
    if marker is not None and marker.rest and marker.kind.value in ("roman", "arabic"):
        return True
    if line == "\t" or _SIGNATURE_RE.match(line) or fold(line[:10]).startswith("noi nhan"):
        return True
    return not heads_group and _letters_upper(line)


def _header_at(lines: _Lines, i: int) -> tuple[list[str], int] | None:
    """The column names of a table whose header starts at lines[i], and where the header ends;
    None when lines[i] starts none. A name that wraps ("Thời gian" over "thực hiện") is joined."""
    names: list[str] = []
    j = i
    last = i
    while j < len(lines):
        line = lines[j]
        if not line:
            j += 1
            continue
        if names and len(line) <= 30 and _starts_lower(line) and ":" not in line:
            names[-1] = f"{names[-1]} {line}"
        elif _column_name(line):
            names.append(line)
        else:
            break
        last = j
        j += 1
    if len(names) < 3:
        return None
    roles = [column_role(n) for n in names]
    if None in roles or not is_assignment_header(names):
        return None
    return names, last + 1


def _columns(names: list[str]) -> list[str]:
    """The columns under the names: a "Cơ quan thực hiện" over its "Chủ trì", "Phối hợp" is
    no column of its own."""
    out: list[str] = []
    for n, name in enumerate(names):
        if column_role(name) == "performer" and n + 1 < len(names) \
                and column_role(names[n + 1]) in ("lead", "coordinating"):
            continue
        out.append(name)
    return out


@dataclass
class _Fragment:
    """Lines of one cell, or of one line of a cell that holds several (a list of agencies)."""

    text: str
    first: int  # index of its first line
    agency: bool = False
    time: bool = False
    budget: bool = False
    sentence: bool = False


_BUDGET_RE = re.compile(r"\d|ngân sách|kinh phí|lồng ghép|xã hội hóa|xã hội hoá|nguồn|\bNS", re.I)


def _fragments(rows_lines: list[tuple[int, str]]) -> list[_Fragment]:
    out: list[_Fragment] = []
    prev_index = -2
    for index, line in rows_lines:
        if out and index == prev_index + 1 and _continues(out[-1].text, line):
            out[-1].text = f"{out[-1].text} {line}"
        else:
            out.append(_Fragment(line, index))
        prev_index = index
    for f in out:
        f.agency = starts_like_agency(f.text)
        f.time = not f.agency and len(f.text) <= 80 and parse_time_frame(f.text) is not None
        f.budget = bool(_BUDGET_RE.search(f.text))
        f.sentence = len(f.text) > 40 and f.text.rstrip().endswith((".", ":"))
    return out


_INVALID = None
# What leaving a column empty costs: a task has its lead and its time frame more often than its
# coordinating agencies, output, budget or notes.
_EMPTY_COST = {"lead": 25, "performer": 25, "coordinating": 10, "time": 15, "output": 5,
               "budget": 2, "note": 1, "label": 0}
# A numbered row read at this cost or more is a guess (no agency where the table has a lead
# column, a line that fits no column but the content's…): the table is not read.
_DOUBTFUL = 30
_CAPITAL_GOES_ON = 12
_MAX_FRAGMENTS = 40  # a row of more separate lines is no row this module reads (nor in time)
_AGENCY_ROLES = ("lead", "coordinating", "performer")


def _cell_cost(role: str, frags: list[_Fragment], last_row: bool) -> int | None:
    """How unlikely it is that *frags* are the cell of a column of *role*; None: they are not.

    In the table's last row, the text after the table may follow the last cell with nothing in
    between: a cell there takes no sentence ("Sở Nội vụ theo dõi, tổng hợp, báo cáo UBND tỉnh.")
    and, but for the content and the agencies, one line of text at most."""
    if not frags:
        return _EMPTY_COST.get(role, 2) if role != "content" else _INVALID
    if role == "content":
        cost = 0
        for before, f in zip(frags, frags[1:], strict=False):
            if f.text[:1] in _BULLET_START or parse_marker(f.text) is not None:
                cost += 2  # "- Tin, bài…" under "Truyền thông trên các phương tiện:"
            elif before.text.endswith((".", ":", ";")):
                cost += 5  # a sentence after a sentence
            else:
                cost += _CAPITAL_GOES_ON  # a capital, no word joining it to the line before
            cost += (15 if f.agency else 0) + (6 if f.time else 0)
        return cost
    if last_row and any(f.sentence for f in frags):
        return _INVALID
    if role in ("lead", "coordinating", "performer"):
        if not frags[0].agency:
            return _INVALID
        cost = 0
        agencies = 0
        for f in frags:
            if f.agency:
                agencies += 1
            elif f.time or len(f.text) > 30 or _starts_lower(f.text):
                return _INVALID
            else:
                cost += 15  # "Ủy ban Mặt trận Tổ quốc" over "Việt Nam tỉnh"
        if role == "lead" and agencies > 1:
            cost += 25 * (agencies - 1)  # joint leads are rare
        return cost
    if last_row and len(frags) > 1:
        return _INVALID
    if role == "time":
        if all(f.time for f in frags):
            return 5 * (len(frags) - 1)
        if len(frags) == 1 and not frags[0].agency and len(frags[0].text) <= 40:
            return 10  # "Theo kế hoạch", "Khi có yêu cầu"
        return _INVALID
    if role == "budget":
        return sum(0 if f.budget else 5 for f in frags)
    if role == "output":
        return sum(5 if f.agency else 0 for f in frags)
    return sum(3 if f.agency else 0 for f in frags)  # notes, unknown columns


def _solve(roles: list[str], frags: list[_Fragment], last_row: bool
           ) -> tuple[list[list[_Fragment]] | None, int, int]:
    """The best way to split *frags*, in order, into the cells of columns *roles*, in how many
    ways it is best and at what cost: (None, 0, 0) when there is none; (None, 2+, cost) when
    two read equally well."""
    m, n = len(roles), len(frags)
    # best[c][i]: (cost, ways, end of column c's cell) for columns c… taking frags[i:]
    best: list[list[tuple[int, int, int] | None]] = [[None] * (n + 1) for _ in range(m + 1)]
    best[m][n] = (0, 1, n)
    for c in range(m - 1, -1, -1):
        for i in range(n, -1, -1):
            found: tuple[int, int, int] | None = None
            for j in range(i, n + 1):
                rest = best[c + 1][j]
                if rest is None:
                    continue
                own = _cell_cost(roles[c], frags[i:j], last_row)
                if own is None:
                    continue
                total = own + rest[0]
                if found is None or total < found[0]:
                    found = (total, rest[1], j)
                elif total == found[0]:
                    found = (total, found[1] + rest[1], found[2])
            best[c][i] = found
    top = best[0][0]
    if top is None:
        return None, 0, 0
    if top[1] != 1:
        return None, top[1], top[0]
    cells: list[list[_Fragment]] = []
    i = 0
    for c in range(m):
        entry = best[c][i]
        assert entry is not None
        cells.append(frags[i:entry[2]])
        i = entry[2]
    return cells, 1, top[0]


def _cell_text(role: str, frags: list[_Fragment]) -> str:
    out = ""
    for f in frags:
        if not out:
            out = f.text
            continue
        if role in ("lead", "coordinating", "performer"):
            sep = "\n" if f.agency else " "
        elif role == "time":
            sep = " "
        else:
            new_line = f.text[:1] in _BULLET_START or out.rstrip().endswith((".", ":", ";")) \
                or (parse_marker(f.text) is not None)
            sep = "\n" if new_line else " "
        out = f"{out}{sep}{f.text}"
    return out


def _rows_of(lines: _Lines, start: int, numbers_are_cells: bool = True
             ) -> tuple[list[tuple[str, list[tuple[int, str]]]], int]:
    """The rows after a header ending at *start*: (number, its (index, line)s), and where the
    table's lines end at the latest. No rows when the first line after the header numbers none.

    Unless a column may hold a bare number (*numbers_are_cells*: a budget, a note, a column of
    unknown use), a bare number that numbers no row is the PDF's page number where the table
    crosses a page: left out, not glued to a cell ("Sở Văn hóa, Thể thao và Du lịch 2")."""
    rows: list[tuple[str, list[tuple[int, str]]]] = []
    expected = 1
    groups = 0
    group_kind = ""
    k = start
    heads_group = False
    unnumbered = False
    while k < len(lines):
        line = lines[k]
        if not line:
            k += 1
            continue
        m = _LABEL_LINE_RE.match(line)
        number = int(m.group(1)) if m and not unnumbered else 0
        if number and (number == expected or (heads_group and number == 1)):
            # (a group's rows may number from 1 again)
            rows.append((line, []))
            expected = number + 1
            heads_group = False
            k += 1
            continue
        if number and rows and not numbers_are_cells:
            k += 1  # a page number
            continue
        g = _GROUP_LINE_RE.match(line)
        if g and not unnumbered and (not rows or group_kind):
            label = g.group(1)
            kind = "roman" if label in _ROMAN_VALUES else "letter"
            value = _ROMAN_VALUES.get(label, 0) if kind == "roman" else ord(label) - ord("A") + 1
            if (not group_kind or kind == group_kind) and value == groups + 1:
                group_kind, groups = kind, value
                rows.append((line, []))
                heads_group = True
                k += 1
                continue
        if _ends_table(line, heads_group):
            break
        if not rows:  # no row number under the header: a table this module cannot read
            unnumbered = True
        if unnumbered:
            k += 1
            continue
        rows[-1][1].append((k, line))
        k += 1
    return ([] if unnumbered else rows), k


def _doubtful(roles: list[str], cells: list[list[_Fragment]], cost: int) -> bool:
    """Whether a numbered row's reading is a guess: it costs too much, or its content goes on
    over a line in capitals where an agency column is left empty ("Tổ chức tập huấn" over
    "Giám đốc các sở", the lead, that names no agency: the agencies would shift a column)."""
    if cost >= _DOUBTFUL:
        return True
    content = next((c for r, c in zip(roles, cells, strict=True) if r == "content"), [])
    capital = any(not f.text.startswith(tuple(_BULLET_START)) and parse_marker(f.text) is None
                  and not before.text.endswith((".", ":", ";"))
                  for before, f in zip(content, content[1:], strict=False))
    return capital and any(r in _AGENCY_ROLES and not c for r, c in zip(roles, cells, strict=True))


def _group_doubtful(roles: list[str], cells: list[list[_Fragment]]) -> bool:
    """Whether a group row's reading is a guess: its heading in capitals goes on with lines
    that are not ("CÔNG TÁC KIỂM TRA" then "Kiểm tra liên ngành…", a task whose row number is
    missing)."""
    content = next((c for r, c in zip(roles, cells, strict=True) if r == "content"), [])
    return bool(content) and _all_capitals(content[0].text) \
        and any(not _all_capitals(f.text) for f in content[1:])


def _all_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _gap_at(row_lines: list[tuple[int, str]]) -> int | None:
    """Where a blank line first breaks *row_lines* (an index into it), if one does."""
    for k in range(1, len(row_lines)):
        if row_lines[k][0] != row_lines[k - 1][0] + 1:
            return k
    return None


def _rebuild(roles: list[str], rows: list[tuple[str, list[tuple[int, str]]]]
             ) -> tuple[list[list[str]], int | None] | None:
    """The cells of each row, and where the last row's lines end (the text after the table
    starts); None when some row cannot be read with confidence."""
    out: list[list[str]] = []
    end: int | None = None
    if not any(_LABEL_LINE_RE.match(label) for label, _lines in rows):
        return None  # group rows only ("I", "II"): the tasks' lines have no row to go in
    # where no blank line parts the cells of a row, one after the last row's cells ends the table
    blank_cells = any(_gap_at(row_lines) is not None for _label, row_lines in rows[:-1])
    for n, (label, row_lines) in enumerate(rows):
        last_row = n == len(rows) - 1
        if last_row and not blank_cells:
            gap = _gap_at(row_lines)
            if gap is not None:
                end = row_lines[gap][0]
                row_lines = row_lines[:gap]
        frags = _fragments(row_lines)
        if not frags or len(frags) > _MAX_FRAGMENTS:
            return None
        cells = None
        used = len(frags)
        if not last_row:
            cells, _ways, cost = _solve(roles, frags, False)
        else:
            # the text after the table may follow its last cell with nothing between: the row
            # is the most of its lines that read as one
            # (the text left after the row must start with a sentence)
            for used in range(len(frags), 0, -1):
                if used < len(frags) and not frags[used].sentence:
                    continue
                cells, ways, cost = _solve(roles, frags[:used], True)
                if cost < _DOUBTFUL or not _LABEL_LINE_RE.match(label):
                    if ways > 1:
                        return None  # two readings: not a guess to make
                    if cells is not None:
                        break
                cells = None
        if cells is None:
            return None
        if _LABEL_LINE_RE.match(label):
            if _doubtful(roles, cells, cost):
                return None
        elif _group_doubtful(roles, cells):
            return None
        if used < len(frags):
            end = frags[used].first
        out.append([label] + [_cell_text(r, c) for r, c in zip(roles, cells, strict=True)])
    return out, end


class _Lines:
    """A text's raw lines, single-spaced when read ("" for a blank line; a line of cells split
    by tabs or "|" reads as "\t", which is no cell of a table pasted one cell per line)."""

    __slots__ = ("raw", "seen")

    def __init__(self, raw: list[str]):
        self.raw = raw
        self.seen: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.raw)

    def __getitem__(self, n: int) -> str:
        line = self.seen.get(n)
        if line is None:
            raw = self.raw[n]
            line = "\t" if "\t" in raw or "|" in raw else " ".join(raw.split())
            self.seen[n] = line
        return line


# Columns whose cells are words, never a bare number (what a page number could be taken for)
_WORDS_ONLY = frozenset({"content", "lead", "coordinating", "performer", "time", "output"})


def find_cell_tables(raw_lines: list[str], short: list[int] | None = None) -> list[CellTable]:
    """The tables pasted one cell per line in a text's *raw_lines*. *short* lists the lines
    short enough to hold a column name, when known (all those of 80 characters or fewer)."""
    found: list[CellTable] = []
    lines = _Lines(raw_lines)
    if short is None:  # most lines, a plan's sentences, are too long: skipped at C speed
        short = list(compress(range(len(raw_lines)), map((80).__ge__, map(len, raw_lines))))
    resume = 0
    for i in short:
        if i < resume:
            continue
        line = lines[i]
        if not line or len(line) > _MAX_NAME_LINE or not _column_name(line):
            continue
        header = _header_at(lines, i)
        if header is None:
            continue
        names, after = header
        columns = _columns(names)
        roles = [column_role(c) or "" for c in columns]
        rows, stop = _rows_of(lines, after, numbers_are_cells=any(
            role not in _WORDS_ONLY for role in roles[1:]))
        table = CellTable(start=i, end=stop, names=names)
        if rows and roles[0] == "label" and roles.count("label") == 1:
            rebuilt = _rebuild(roles[1:], rows)
            if rebuilt is not None:
                table.header, table.rows = columns, rebuilt[0]
                if rebuilt[1] is not None:
                    table.end = rebuilt[1]
        if not table.read:
            while table.end > after and not lines[table.end - 1]:
                table.end -= 1
        found.append(table)
        resume = max(table.end, i + 1)
    return found
