"""Raw plan text → logical lines: site chrome, `|`-flattened cells, hard-wrapped lines.

The result is a list of blocks: a ``str`` per logical line (a paragraph) or a ``Row`` of an
assignment table. The docx reader produces the same kind of list, so one parser serves both.
"""

from __future__ import annotations

import re
from itertools import compress

from gbapp.domain.text import clean_text, fold, single_spaced

from .agencies import ends_with_bare_head
from .cell_lines import KeptLines, KeptTable, find_cell_tables, kept_table_warning
from .footnotes import find_footnotes, footnote_warning
from .markers import PART_RE, PASTED_BULLETS, PASTED_SUB_BULLETS, classify_label, parse_marker
from .tables import (
    Row,
    continues_line,
    is_assignment_header,
    is_header_cell,
    is_label_column,
    merge_header_rows,
    rows_with_header,
    split_cells,
    starts_lower,
)

Block = str | Row

_PUNCT_ONLY = re.compile(r"^[\W_]*$")
_TRUNCATION = re.compile(r"\[\s*(?:\.\s*){2,}\]|\[\s*…\s*\]|\(\s*(?:\.\s*){3,}\)")
_SPACE_RUN = re.compile(r"[ ]+")
_SENTENCE_END = (".", ";", ":", "!", "?", "…", "./.")

# Folded prefixes of website chrome lines dropped wherever they are: the site's buttons and
# labels. Plans use the same words in sentences ("Cập nhật cơ sở dữ liệu…", "Ghi chú: kinh phí…"),
# so a line counts as chrome only when little else follows the phrase (see is_chrome_drop).
_CHROME_DROP = (
    "luu tru", "in van ban", "chia se", "theo doi van ban", "bao loi", "dang nhap", "dang ky",
    "trang chu", "hoi dap", "tra cuu", "tien ich", "lien he", "ghi chu", "thuoc tinh", "luoc do",
    "tieng anh", "van ban goc", "van ban tieng anh", "muc luc", "quang cao", "xem them", "ban in",
    "tinh trang hieu luc", "tinh trang:", "hieu luc:", "da biet", "cap nhat", "facebook", "zalo",
    "google", "twitter", "email", "hotline", "dien thoai:", "fax:", "website:", "trang web",
    "tai app", "tai ung dung", "so sanh van ban", "van ban dang xem", "noi dung van ban",
)
# Folded prefixes of lines after which the document is over (site footer, paywall). The first
# group are whole phrases only a site writes; the second are also how a plan's sentence may start
# ("Văn bản hướng dẫn nghiệp vụ được gửi…", "Đề tài…"), so they need a short line (see
# is_chrome_end).
_CHROME_END = (
    "copyright", "©", "vui long dang nhap", "ban chua xem", "ban phai dang nhap",
    "ban phai la thanh vien", "de xem day du", "de xem noi dung", "de xem toan van",
    "de xem tiep", "de xem duoc", "de tai van ban", "de tai ve", "de tai file", "de tai xuong",
    "noi dung bi an",
)
_CHROME_END_SHORT = (
    "van ban lien quan", "cac van ban lien quan", "van ban cung linh vuc", "van ban moi",
    "van ban duoc huong dan", "van ban huong dan", "ban quyen", "tai van ban", "tai ve",
)
# What may follow a chrome phrase on its line: a count, a date, a phone number… not words.
_CHROME_TAIL = re.compile(r"[\W\d_]*(?:\w+[\W\d_]*){0,3}$")

_UPPER_MIN_LETTERS = 3


def _build_fold_table() -> dict[int, str]:
    table = {}
    for cp in range(0xC0, 0x1F00):
        ch = chr(cp)
        f = fold(ch)
        if f != ch and len(f) == 1:
            table[cp] = f
    return table


_FOLD_TABLE = _build_fold_table()


def quick_fold(s: str) -> str:
    """``fold`` for short NFC prefixes (a translation table, no per-character normalisation)."""
    return s.lower().translate(_FOLD_TABLE)


def is_upper_line(line: str) -> bool:
    """A line written in capitals (headings, header blocks), ignoring digits and punctuation."""
    # map() with the str methods: the same counts as generator expressions, at C speed.
    if line.isupper():
        return sum(map(str.isalpha, line[:12])) >= _UPPER_MIN_LETTERS or \
            sum(map(str.isalpha, line)) >= _UPPER_MIN_LETTERS
    if sum(map(str.islower, line[:30])) > 4:
        return False  # the common case: ordinary text, decided on its first words
    letters = [c for c in line if c.isalpha()]
    if len(letters) < _UPPER_MIN_LETTERS:
        return False
    upper = sum(map(str.isupper, letters))
    return upper >= 0.85 * len(letters)


def is_chrome_drop(line: str) -> bool:
    """A website's button or label ("Lưu trữ", "Cập nhật: 12/05/2025", "Liên hệ quảng cáo"),
    not a plan's sentence that begins with the same words."""
    if len(line) > 60:
        return False
    folded = quick_fold(line[:30])
    if not folded.startswith(_CHROME_DROP):
        return False
    phrase = next(p for p in _CHROME_DROP if folded.startswith(p))
    return _CHROME_TAIL.match(quick_fold(line)[len(phrase):]) is not None


def is_chrome_end(line: str) -> bool:
    """A site's footer or paywall line, after which the document is over. A list item ("- Văn
    bản hướng dẫn…") or a sentence is never one."""
    if len(line) > 120 or line.startswith(("-", "–", "+")):
        return False
    folded = quick_fold(line[:40]).lstrip("•* ")
    if folded.startswith(_CHROME_END):
        return True
    if not folded.startswith(_CHROME_END_SHORT):
        return False
    phrase = next(p for p in _CHROME_END_SHORT if folded.startswith(p))
    return _CHROME_TAIL.match(quick_fold(line).lstrip("•* ")[len(phrase):]) is not None


def strip_truncation(line: str) -> tuple[str, bool]:
    """The line without a "[...]" cut mark, and whether there was one."""
    if "[" not in line and "(." not in line and "( ." not in line:
        return line, False
    new, n = _TRUNCATION.subn("", line)
    return new.strip(), n > 0


_ODD_SPACES = re.compile(r"[\xa0\u2002\u2003\u2009\u202f]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\ufeff]")


def fast_clean(text: str) -> str:
    """``clean_text`` (NFC, no control characters) plus odd spaces made plain, invisibles dropped."""
    text = clean_text(text)
    if text.isascii():
        return text
    if any(ch in text for ch in "\xa0\u2002\u2003\u2009\u202f"):  # (a few fast scans)
        text = _ODD_SPACES.sub(" ", text)
    if any(ch in text for ch in "\u200b\u200c\u200d\ufeff"):
        text = _INVISIBLE.sub("", text)
    return text


def _starts_lower(s: str) -> bool:
    for ch in s:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return True
        if not ch.isspace() and ch not in "\"'“(":
            return False
    return False


def _ends_sentence(s: str) -> bool:
    s = s.rstrip(" \"'”’»")
    return s.endswith(_SENTENCE_END)


def is_hard_wrapped(paragraphs: list[str]) -> bool:
    """Whether a document's *paragraphs* are the lines of a hard-wrapped text (a PDF or a scan
    turned into Word: a paragraph a line, cut wherever the line was full) rather than real
    paragraphs. Measured over the whole document: no long paragraphs, and many that end in
    the middle of a sentence with the next one going on in lower case ("…về bình" over "đẳng
    giới…"), which a paragraph written in Word never does."""
    if len(paragraphs) < 8:
        return False
    if _wrap_width([len(p) for p in paragraphs]) == float("inf"):
        return False  # paragraphs of several lines each
    breaks = sum(1 for prev, line in zip(paragraphs, paragraphs[1:], strict=False)
                 if starts_lower(line) and not _ends_sentence(prev) and parse_marker(line) is None)
    return breaks >= _MIN_BREAKS and breaks >= _BREAK_SHARE * len(paragraphs)


_MIN_BREAKS = 3
_BREAK_SHARE = 0.1


def _wrap_width(lengths: list[int]) -> float:
    """The width the text is hard-wrapped at, or inf when paragraphs are on one line."""
    if len(lengths) < 4:
        return float("inf")
    long_lines = sum(1 for n in lengths if n > 150)
    if long_lines >= max(2, 0.1 * len(lengths)):
        return float("inf")
    ordered = sorted(lengths)
    return float(ordered[int(0.9 * (len(ordered) - 1))])


# Labels that open a line of their own under an item: its agencies, time, output, funding.
_LABELS = ("co quan chu tri", "co quan phoi hop", "co quan thuc hien", "don vi chu tri",
           "don vi phoi hop", "don vi thuc hien", "chu tri", "phoi hop", "thoi gian", "thoi han",
           "tien do", "san pham", "ket qua du kien", "kinh phi", "nguon kinh phi")


def _is_boundary(line: str) -> bool:
    """Lines that always start a new logical line, whatever precedes them."""
    f = quick_fold(line[:24])
    return (
        f.startswith(("noi nhan", "can cu ", "so:", "so :", "so hieu", "ngay ban hanh", "ngay co hieu luc",
                      "loai van ban", "co quan ban hanh", "nguoi ky", "linh vuc", "thuc hien ", "theo de nghi",
                      "xet de nghi", "dieu "))
        or (f.startswith(_LABELS) and ":" in line[:48])  # "Cơ quan chủ trì: …", "Thời gian: …"
        or is_chrome_drop(line)
        or is_chrome_end(line)
    )


_SHORT_LINE = 80


def text_blocks(text: str, warnings: list[str] | None = None) -> tuple[list[Block], bool]:
    """Logical lines of a plan's raw text, and whether a "[...]" cut mark was seen. What the
    reader could not read as it should is said in *warnings*."""
    text = fast_clean(text)
    physical: list[tuple[Block, bool]] = []  # (block, blank line before it)
    truncated = False
    blank = False
    table_header: list[str] | None = None
    table_rows: list[list[str]] = []
    table_tabbed = False  # copied from a web page: a cell's line breaks split its row
    table_blank = False  # a blank line since the table's last row
    previous_cells: tuple[int, str] | None = None  # (where its paragraphs start, the line)

    def flush_table():
        nonlocal table_header, table_rows
        if table_header is not None:
            for row in rows_with_header(table_header, table_rows):
                physical.append((row, True))
        table_header, table_rows = None, []

    raw_lines = text.split("\n")
    # the short lines, where a page number or a table's column name may be: most of a plan's
    # lines are its sentences, longer; one pass at C speed finds them for both
    short = list(compress(range(len(raw_lines)), map(_SHORT_LINE.__ge__, map(len, raw_lines))))
    cell_tables = {t.start: t for t in find_cell_tables(raw_lines, short)}
    if cell_tables:  # (a table's row numbers "1", "2", "3" are no page numbers)
        furniture = _page_furniture([
            "" if any(t.start <= n < t.end for t in cell_tables.values()) else line
            for n, line in enumerate(raw_lines)], short)
    else:
        furniture = _page_furniture(raw_lines, short)
    furniture = _with_footnotes(raw_lines, furniture, warnings)
    skip_to = 0
    for n, raw in enumerate(raw_lines):
        if n < skip_to:
            continue  # a line of a table pasted one cell per line, read below
        if cell_tables and n in cell_tables:
            table = cell_tables[n]
            skip_to = table.end
            flush_table()
            previous_cells = None
            if table.read:  # rows as the same table's tab-separated lines would give
                for row in rows_with_header(table.header, table.rows):
                    physical.append((row, True))
            else:
                kept = [" ".join(ln.split()) for ln in raw_lines[table.start:table.end]]
                physical.append((KeptTable("\n".join(ln for ln in kept if ln)), True))
                if warnings is not None:
                    warnings.append(kept_table_warning(table.names))
            continue
        if furniture and n in furniture:
            continue  # a PDF's page number or running header: as if the page did not break
        if "\t" in raw:
            line = _SPACE_RUN.sub(" ", raw).strip()
            if line[1:2] == "\t" and (line[0] in PASTED_BULLETS or "\uf000" <= line[0] <= "\uf0ff"):
                # a Word bullet pasted as text: "\uf0b7⇥Tin bài…", "o⇥Sân khấu hóa…"
                line = ("+ " if line[0] in PASTED_SUB_BULLETS else "- ") + line[2:].lstrip()
        else:
            line = single_spaced(raw)
        if line and ("[" in line or "(" in line):
            line, cut = strip_truncation(line)
            if cut:
                truncated = True
        is_cells = "|" in line or ("\t" in line and table_header is not None)
        if table_header is not None:
            if is_cells:
                cells = split_cells(line)
                if cells and not all(_PUNCT_ONLY.match(c) for c in cells):
                    if table_tabbed and _rest_of_row(table_rows, cells, table_header, table_blank):
                        _continue_row(table_rows[-1], cells)
                    else:
                        table_rows.append(cells)
                table_blank = False
                continue
            if not line.strip():
                table_blank = True
                continue
            if table_tabbed and _rest_of_row(table_rows, [line], table_header, table_blank) \
                    and not _starts_section(line):
                _continue_row(table_rows[-1], [line])
                continue
            flush_table()
        if line[:1] in "TtSs" and (end := space_table_end(raw_lines, n)) is not None:
            # (a cheap test first: most lines do not start with those letters)
            flush_table()
            previous_cells = None
            kept = [" ".join(ln.split()) for ln in raw_lines[n:end]]
            physical.append((KeptTable("\n".join(kept)), True))
            if warnings is not None:
                warnings.append(space_table_warning(line))
            skip_to = end
            blank = False
            continue
        if "|" in line or line.count("\t") >= 2:
            cells = split_cells(line)
            if is_assignment_header(cells):
                table_header = cells
                table_tabbed, table_blank = "|" not in line, False
                if previous_cells is not None:  # the header's upper row came first
                    merged = _two_row_header(previous_cells[1], line)
                    if merged is not None:
                        del physical[previous_cells[0]:]
                        table_header = merged
                previous_cells = None
                continue
            cells_line, start = line, len(physical)
            line = line.replace("\t", " ")
            if "|" in line:
                parts = [" ".join(c.split()) for c in line.split("|")]
                parts = [p for p in parts if p and not _PUNCT_ONLY.match(p)]
                for p in parts:
                    physical.append((p, blank))
                    blank = True  # cells are separate paragraphs
                previous_cells = (start, cells_line)
                blank = False
                continue
        previous_cells = None
        if "\t" in line or "  " in line:  # else already normalised above (most lines)
            line = " ".join(line.replace("\t", " ").split())
        if not line or _PUNCT_ONLY.match(line):
            blank = True
            continue
        if is_chrome_drop(line):
            blank = True
            continue
        physical.append((line, blank))
        blank = False
    flush_table()
    return unwrap(physical), truncated


def drop_page_furniture(lines: list[str], warnings: list[str] | None = None) -> set[int]:
    """Indices of *lines* (a document's paragraphs, "" where there is none) that are a PDF's
    page furniture or footnotes, as ``text_blocks`` drops them; a line that loses a footnote
    mark is changed in place."""
    return _with_footnotes(lines, _page_furniture(lines), warnings)


def _with_footnotes(lines: list[str], furniture: set[int],
                    warnings: list[str] | None) -> set[int]:
    """*furniture* (a PDF's page numbers and running heads) with the pages' footnotes, which
    are no part of the items either; a line that loses a footnote mark is changed in place."""
    if furniture:
        footnotes = find_footnotes(lines, furniture)
        if footnotes.notes:
            furniture = furniture | footnotes.lines
            for n, line in footnotes.fixed.items():
                lines[n] = line
            if warnings is not None:
                warnings.append(footnote_warning(footnotes))
    return furniture


# A task table's header typed on one line with spaces between its columns, as a scan's text
# recognition or a PDF converter lays a table out: "TT Nội dung Đơn vị chủ trì Đơn vị phối hợp
# Thời gian"; its rows follow, one a line, each starting with its number.
_SPACE_HEADER_STARTS = ("stt ", "tt ", "so tt ")
_SPACE_ROW_RE = re.compile(r"^(\d{1,3})\.?\s+\S")
_SPACE_HEADER_MAX = 160


def space_table_end(lines: list, n: int) -> int | None:
    """Where the table that *lines[n]* heads ends, when it is a task table's header whose
    cells are only spaced apart (no tab, no "|") and numbered rows 1, 2, 3… follow, a line
    each; else None. Such a table cannot be cut into its cells for sure."""
    line = lines[n]
    if len(line) > _SPACE_HEADER_MAX or "\t" in line or "|" in line or ":" in line:
        return None
    f = " ".join(quick_fold(line).split())
    if not f.startswith(_SPACE_HEADER_STARTS):
        return None
    if not (("chu tri" in f or "phoi hop" in f or "thuc hien" in f)
            and ("noi dung" in f or "nhiem vu" in f or "hoat dong" in f or "thoi gian" in f)):
        return None
    end, expected = n + 1, 1
    while end < len(lines):
        nxt = lines[end]
        m = _SPACE_ROW_RE.match(nxt) if isinstance(nxt, str) else None
        if m is None or int(m.group(1)) != expected or "\t" in nxt or "|" in nxt:
            break
        end, expected = end + 1, expected + 1
    return end if expected > 1 else None


def space_table_warning(header: str) -> str:
    shown = " ".join(header.split())[:120]
    return (
        f"Có một bảng phân công mà các ô chỉ cách nhau bằng dấu cách, mỗi hàng một dòng (thường "
        f"gặp ở văn bản chuyển từ bản quét hoặc PDF), với dòng tiêu đề «{shown}»: gbapp không "
        "tách chắc chắn được các ô nên chưa đọc các hàng của bảng thành nhiệm vụ (chưa có cơ "
        "quan chủ trì, phối hợp, thời gian của từng hàng), mà giữ nguyên văn bản của bảng trong "
        "mục chứa nó. Hãy kiểm tra mục này; để đọc được bảng, hãy chép bảng từ tệp Word gốc rồi "
        "dán lại, hoặc nhập tệp .docx có bảng thật. (a task table with its cells only spaced "
        "apart was not read as tasks; its lines are kept as text)")


def kept_space_tables(blocks: list, warnings: list[str] | None) -> list:
    """*blocks* with each spaced-apart task table (space_table_end) kept as one block of its
    lines, which nothing joins, and said in *warnings*."""
    out: list = []
    n = 0
    while n < len(blocks):
        b = blocks[n]
        if isinstance(b, str) and b[:1] in "TtSs" and not isinstance(b, KeptLines):
            end = space_table_end(blocks, n)
            if end is not None:
                out.append(KeptTable("\n".join(blocks[n:end])))
                if warnings is not None:
                    warnings.append(space_table_warning(b))
                n = end
                continue
        out.append(b)
        n += 1
    return out


_PAGE_NO_RE = re.compile(r"^\s*(?:[-–]\s*)?(?:[Tt]rang\s+)?(\d{1,3})(?:\s*/\s*\d{1,3})?(?:\s*[-–])?\s*$")


def _page_furniture(lines: list[str], short: list[int] | None = None) -> set[int]:
    """Indices of a PDF's page furniture in text copied from it: page numbers ("2", "- 3 -",
    "Trang 4") that count up through the text, and a running header or footer, the same line
    next to each of them ("Kế hoạch số 145/KH-UBND ngày 18/6/2025 của UBND tỉnh Ninh Bình").
    *short* lists the lines that may be page numbers, when known (all those of 16 characters or
    fewer, in order)."""
    candidates = short if short is not None else range(len(lines))
    numbers = [(n, int(m.group(1))) for n in candidates
               if len(line := lines[n]) <= 16 and (m := _PAGE_NO_RE.match(line))]
    if len(numbers) < 2:
        return set()
    # page numbers go up one page at a time; a table's "1", "2" cells come in bursts instead
    pages = [n for (n, value), (_m, prev) in zip(numbers[1:], numbers, strict=False)
             if value == prev + 1]
    pages = [numbers[0][0]] + pages if pages and numbers[1][1] == numbers[0][1] + 1 else pages
    if len(pages) < 2:
        return set()
    drop = set(pages)
    neighbours: dict[str, list[int]] = {}
    for n in pages:
        for m in (n - 1, n + 1):
            if 0 <= m < len(lines) and lines[m].strip() and m not in drop:
                neighbours.setdefault(" ".join(lines[m].split()), []).append(m)
    for text, at in neighbours.items():
        if len(at) >= 2 and parse_marker(text) is None:
            drop.update(at)
    return drop


def _rest_of_row(rows: list[list[str]], cells: list[str], header: list[str], blank: bool) -> bool:
    """Whether *cells* continue the table's last row rather than start one: a browser copies a
    cell holding several lines ("Sở Y tế⏎Công an tỉnh") as a row broken over several lines."""
    if not rows or blank or len(rows[-1]) >= len(header):
        return False
    if len(rows[-1]) + len(cells) - 1 > len(header):
        return False
    # A row of a table with a number column starts with its number. A cell's "- Tin, bài…" or
    # "+ …" line is a bullet of that cell: a bullet never numbers a row unless it is the whole
    # cell ("-" in the STT column).
    if not is_label_column(header[0]):
        return True
    first = cells[0]
    if first and first[0] in "-–—•·+" and first.strip() not in ("-", "–", "•", "+"):
        return True
    return classify_label(first) is None


def _continue_row(row: list[str], cells: list[str]) -> None:
    """A row copied from a web page goes on on the next line where a cell had a line break:
    the cell's text goes on with *cells*' first. A wrap ("Sở Văn hóa, Thể thao và" / "Du
    lịch") is joined with a space, as a Word table's cell lines are (tables.continues_line);
    another line stays a line of the cell."""
    first, last = cells[0], row[-1]
    if last and continues_line(last.rsplit("\n", 1)[-1], first) and parse_marker(first) is None:
        row[-1] = f"{last} {first}"
    else:
        row[-1] = f"{last}\n{first}" if last else first
    row.extend(cells[1:])


def _starts_section(line: str) -> bool:
    marker = parse_marker(line)
    return (marker is not None and marker.label not in ("-", "+")) or is_upper_line(line)


def _two_row_header(top_line: str, sub_line: str) -> list[str] | None:
    """"TT | Nội dung | Cơ quan thực hiện | | Thời gian" over " | | Chủ trì | Phối hợp |": the
    columns of both rows, the lower one's names first; None unless the upper row is a header."""
    if not any(is_header_cell(c) for c in split_cells(top_line)):
        return None
    sep = "|" if "|" in sub_line else "\t"
    merged = merge_header_rows([c.strip() for c in top_line.split(sep)],
                               [c.strip() for c in sub_line.split(sep)])
    if merged is None:
        merged = merge_header_rows(split_cells(top_line), split_cells(sub_line))
    if merged is None:
        return None
    while merged and not merged[0]:  # "| a | b |": the borders are no columns
        merged.pop(0)
    while merged and not merged[-1]:
        merged.pop()
    return merged


def unwrap(physical: list[tuple[Block, bool]]) -> list[Block]:
    """Join hard-wrapped lines back into paragraphs."""
    lengths = [len(b) for b, _ in physical if isinstance(b, str)]
    width = _wrap_width(lengths)
    out: list[Block] = []
    parts: list[str] = []  # pieces of the logical line being built
    prev_is_marker = False

    def flush():
        if parts:
            out.append(" ".join(parts))
            parts.clear()

    for block, blank_before in physical:
        if not isinstance(block, str) or isinstance(block, KeptLines):
            flush()
            # a table kept as text stays marked (its rows are not the item's words); a cell's
            # line of a hard-wrapped .docx is the item's text like any other
            out.append(block if isinstance(block, KeptTable) or not isinstance(block, KeptLines)
                       else str(block))
            continue
        line = block
        if parts and _continues(parts, line, blank_before, width, prev_is_marker):
            parts.append(line)
            continue
        flush()
        parts.append(line)
        prev_is_marker = parse_marker(line) is not None
    flush()
    return out


# bodies whose names go on with a capital "Phối hợp" ("Hội đồng Phối hợp phổ biến, giáo dục
# pháp luật", "Ban Phối hợp liên ngành")
_NAMED_BODIES = ("Hội đồng", "Ban", "Tổ", "Ủy ban", "Uỷ ban", "Nhóm")


def _continues(parts: list[str], line: str, blank_before: bool, width: float, prev_is_marker: bool) -> bool:
    prev = parts[-1]
    lower = _starts_lower(line)
    if _ends_sentence(prev) or is_upper_line(prev) or is_upper_line(line) or (not lower and _is_boundary(line)):
        return False
    if line[:1] == "P":
        if PART_RE.match(line):
            return False  # "Phần I": a heading the parser may read as a section
        if prev_is_marker and len(parts) == 1 and line.startswith("Phối hợp ") \
                and not prev.endswith(_NAMED_BODIES):  # "Hội đồng / Phối hợp phổ biến…"
            # a duty under an agency's heading that filled its line ("3. Đề nghị Ủy ban … xã
            # hội" then "Phối hợp tuyên truyền…"), as text copied from a PDF has it
            return False
    if prev_is_marker and len(parts) == 1 and line.startswith(("Chủ trì ", "Chủ trì,")):
        return False
    marker = parse_marker(line)
    if marker is not None:
        if marker.label != "-" or line.startswith("•"):
            return False
        # "giai đoạn 2021\n- 2030 …": a dash that continues a phrase, not a list item
        rest = marker.rest
        if not rest or not _starts_lower(rest):
            return False
        if rest[0].isdigit() and prev[-1:].isdigit():
            return True
        return not blank_before and sum(len(p) for p in parts) >= 40 and not rest[0].isdigit()
    if lower:
        return True
    if blank_before:
        return False
    if ends_with_bare_head(prev):
        return True  # "…, Trường" over "THCS Yên Thành": no name ends on its head word
    if width == float("inf"):
        return False
    threshold = 0.9 if prev_is_marker and len(parts) == 1 else 0.7
    return len(prev) >= threshold * width
