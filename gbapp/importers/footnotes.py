"""Footnotes in text copied from a PDF: at the foot of each page, above its page number,

    1 Quyết định số 1790/QĐ-TTg ngày 16/10/2021 của Thủ tướng Chính phủ.
    2 Quyết định số 2232/QĐ-TTg ngày 28/12/2020 của Thủ tướng Chính phủ.
    1

and their marks glued to the words they annotate ("… bạo lực trên cơ sở giới2.", "đến năm
20301"). Left alone, the notes become the text of the item they fall under (their dates may even
be taken for its time frame) and the marks stay in titles.

Only what reads as footnotes beyond doubt is taken out: lines "N Text…" right above a page number
the reader drops, numbered on from 1 or from the notes of the pages before, where a mark of one of
them is glued to a word of the page (or the numbering goes on from an earlier page's notes). A
mark is taken off a word only for a footnote found, only where it is the one such mark on its page,
only glued to a word in lower case ("giới2", never "MT1", "Quý 1", "Nghị định 30") or to a year
after "năm" ("năm 20301").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .markers import parse_marker

# "1 Quyết định số …": a number, a space and a capital (a list item has "1." or "1)")
_NOTE_RE = re.compile(r"^\s*(\d{1,2})\s+(?=[^\W\d_])(\S.*)$")
_PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:[-–]\s*)?(?:[Tt]rang\s+)?(\d{1,3})(?:\s*/\s*\d{1,3})?(?:\s*[-–])?\s*$")
_MAX_NOTE_LINES = 12  # the most lines the notes of one page take
# "giới2.", "Chính phủ1,": a mark glued to a word's last (lower-case) letter
_WORD_MARK_RE = re.compile(r"(?<![\w])([^\W\d_]{2,})(\d{1,2})(?=[\s.,;:)”\"’…]|$)")
# "năm 20301", "2021 - 20302": a year with a mark glued to it
_YEAR_MARK_RE = re.compile(r"(?:\bnăm\s+|\d{4}\s*[-–]\s*)((?:19|20)\d\d)(\d{1,2})(?![\d/.,]?\d)")


@dataclass
class Footnotes:
    """What to take out of a text's lines: the lines of footnotes (by index), the lines with a
    mark taken off (index → new line), and the notes' text ("1 Quyết định …")."""

    lines: set[int] = field(default_factory=set)
    fixed: dict[int, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)  # "giới2" as it was written


def _note_number(line: str) -> int | None:
    m = _NOTE_RE.match(line)
    if m is None or not m.group(2)[0].isupper() or parse_marker(line.strip()) is not None:
        return None
    n = int(m.group(1))
    return n if n >= 1 else None


def _marks(line: str, n: int) -> list[tuple[int, int]]:
    """Where a footnote mark *n* is glued in *line*: (start, end) of the digits."""
    found = []
    for m in _WORD_MARK_RE.finditer(line):
        if int(m.group(2)) == n and m.group(2)[0] != "0" and m.group(1)[-1].islower():
            found.append((m.start(2), m.end(2)))
    for m in _YEAR_MARK_RE.finditer(line):
        if int(m.group(2)) == n and m.group(2)[0] != "0":
            found.append((m.start(2), m.end(2)))
    return found


_MAX_NOTE_WRAPS = 3  # the most lines a note goes on over


def _notes_above(lines: list[str], page_at: int, floor: int, skip: set[int]) -> list[int] | None:
    """The lines of the notes right above the page number at *page_at* (not above *floor*),
    from the first note's line down; None when no block of numbered notes ends there."""
    block: list[int] = []
    k = page_at - 1
    top: list[int] | None = None
    wraps = 0  # lines since the last note's number, going up: the lines a note goes on over
    while k >= floor and len(block) < _MAX_NOTE_LINES:
        if k in skip or not lines[k].strip():
            k -= 1
            continue
        line = lines[k]
        if _note_number(line) is None:
            wraps += 1
            if wraps > _MAX_NOTE_WRAPS or parse_marker(line.strip()) is not None:
                break  # the page's text, not a note's
            block.append(k)
            k -= 1
            continue
        wraps = 0
        block.append(k)
        candidate = sorted(block)
        numbers = [n for n in (_note_number(lines[i]) for i in candidate) if n is not None]
        if not all(b == a + 1 for a, b in zip(numbers, numbers[1:], strict=False)):
            break
        top = candidate  # notes numbered one after another from here down
        k -= 1
    return top


def find_footnotes(lines: list[str], furniture: set[int]) -> Footnotes:
    """The footnotes of a text copied from a PDF whose page numbers are *furniture* lines."""
    out = Footnotes()
    pages = sorted(n for n in furniture if _PAGE_NUMBER_RE.match(lines[n]))
    floor = 0
    last_note = 0
    for page_at in pages:
        block = _notes_above(lines, page_at, floor, furniture)
        if block:
            numbers = [n for n in (_note_number(lines[i]) for i in block) if n is not None]
            body = [i for i in range(floor, block[0]) if i not in furniture]
            glued = {n: [(i, span) for i in body for span in _marks(lines[i], n)] for n in numbers}
            goes_on = last_note > 0 and numbers[0] == last_note + 1
            if (numbers[0] == 1 or goes_on) and (goes_on or any(glued.values())):
                out.lines.update(block)
                note: list[str] = []
                for i in block:
                    if _note_number(lines[i]) is not None and note:
                        out.notes.append(" ".join(note))
                        note = []
                    note.append(" ".join(lines[i].split()))
                out.notes.append(" ".join(note))
                by_number = {_note_number(text): text for text in out.notes[-len(numbers):]}
                last_note = numbers[-1]
                cuts: dict[int, list[tuple[int, int, str]]] = {}
                for n in numbers:
                    if len(glued[n]) == 1:  # one mark of this note on its page: surely it
                        [(i, span)] = glued[n]
                        # the note's text takes the mark's place, in brackets: it stays in the
                        # plan, beside the words it explains ("… đến năm 2030 (Quyết định …)")
                        cuts.setdefault(i, []).append((*span, _inline(by_number.get(n), n)))
                        word = re.search(r"[^\W\d_]*\d*$", lines[i][:span[1]])
                        out.marks.append(word.group() if word else str(n))
                for i, spans in cuts.items():
                    line = lines[i]
                    for start, end, text in sorted(spans, reverse=True):
                        line = line[:start] + text + line[end:]
                    out.fixed[i] = line
        floor = page_at + 1
    return out


def _inline(note: str | None, number: int) -> str:
    """' (Quyết định số 1790/QĐ-TTg …)' for the note "1 Quyết định số 1790/QĐ-TTg ….": its
    number and last full stop off."""
    if not note:
        return ""
    body = re.sub(rf"^\s*{number}\s*", "", note, count=1).strip().rstrip(".;")
    return f" ({body})" if body else ""


def footnote_warning(found: Footnotes) -> str:
    shown = "; ".join(f"«{n[:200]}{'…' if len(n) > 200 else ''}»" for n in found.notes[:5])
    more = f" và {len(found.notes) - 5} chú thích khác" if len(found.notes) > 5 else ""
    marks = ""
    if found.marks:
        listed = ", ".join(f"«{m}»" for m in found.marks[:5])
        marks = (f"; chú thích có số dính vào chữ ({listed}) được ghi vào ngay sau chữ đó, "
                 "trong ngoặc")
    return (f"Đã tách {len(found.notes)} chú thích cuối trang của bản chép từ PDF ra khỏi nội "
            f"dung các mục: {shown}{more}{marks}. (footnotes of a PDF copy taken out of the "
            "items' text; those with a mark put in brackets where the mark was)")
