"""Item markers at the start of a line: ``I.`` ``1.`` ``1.1.`` ``a)`` ``-`` ``+``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from gbapp.domain.model import ItemKind
from gbapp.domain.numbering import from_roman, letter_index

_ROMAN_RE = re.compile(r"^([IVX]{1,7})\s*[.):]\s*(.*)$")
# "I.1. Mục đích chung", "II.1.2. …": a numbered item written with its section's numeral
_ROMAN_ARABIC_RE = re.compile(r"^([IVX]{1,7})\.(\d{1,3}(?:\.\d{1,3}){0,2})\s*[.)]?(?:\s+|$)(.*)$")
_ARABIC_RE = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,3})\s*([.)])(?!\d)\s*(.*)$")
# "(1) Truyền thông …": items numbered in parentheses, below the item they detail; a capital
# after them, so that a note "(1) của Bộ …" or a span "(2021-2025)" is none.
_PAREN_RE = re.compile(r"^\((\d{1,2})\)\s*([^\W\d_].*)$")
# "1.1 Tuyên truyền …": a sub-item numbered without the trailing dot (typed so, or Word's lvlText
# "%1.%2"). Numbers look alike ("1.000 người", "15.12", "2.0", "1.5 triệu"), so only one or two
# digits per part, none led by a zero, and a capitalised word after a space.
_ARABIC_NODOT_RE = re.compile(r"^([1-9]\d?(?:\.[1-9]\d?){1,2}) +(?=[^\W\d_])(.*)$")
_LETTER_RE = re.compile(r"^([a-zđ])\s*(?:\)|\.(?=\s))\s*(.*)$")
_DASH_RE = re.compile(r"^[-–—•·]\s*(.*)$")
_PLUS_RE = re.compile(r"^\+\s*(.*)$")
# Word's bullets pasted into a text file: the glyph, then a tab ("\uf0b7⇥Tin bài…", "o⇥…"): the
# Symbol/Wingdings glyphs (private use area) and the letters those fonts show them as. The tab
# is what tells them from the words "o" and "v" (lines.py turns them into "-"/"+" while the tab
# is still there). "o" is the second level of Word's default bullet list: a "+".
PASTED_BULLETS = frozenset("oØ§üv•▪■□◦❖➢►✓✔*")
PASTED_SUB_BULLETS = frozenset("o")
# Party, Đoàn and Hội documents write "I- MỤC ĐÍCH", "1- Nâng cao …", "a- Tuyên truyền …": a hyphen
# (or en dash) after the label. Ranges, dates and document numbers ("1-2 tháng", "15-20%", "2021-2025",
# "21-CT/TW") look alike, so ``_hyphen_rest`` only accepts what reads as the start of an item heading.
_ROMAN_HYPHEN_RE = re.compile(r"^([IVX]{1,7})\s?[-–](\s*)(\S.*)$")
_ARABIC_HYPHEN_RE = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,3})\s?[-–](\s*)(\S.*)$")
_LETTER_HYPHEN_RE = re.compile(r"^([a-zđ])[-–](\s+)(\S.*)$")
_ROMAN_WORD_RE = re.compile(r"^[IVX]+\b")
_VOWELS = frozenset("aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
# "I/ MỤC ĐÍCH", "1/ Mục đích", "a/ Tổ chức …" (a style of the South): a slash, then a space and
# a letter, which dates ("1/2025"), fractions ("1/3 số xã") and numbers ("12/KH-UBND") never have.
_SLASH_RE = re.compile(r"^([IVX]{1,7}|\d{1,2}|[a-zđ])\s?/\s+([^\W\d_].*)$")
# "Phần I", "PHẦN II. NHIỆM VỤ", "Phần thứ hai: …": a plan's parts; "Mục 1. Mục đích" below them.
# Only the parser reads them, as sections, where the whole plan is written so (parser.py).
PART_RE = re.compile(r"^(?:Phần|PHẦN)\s+(?:(?P<n>[IVX]{1,7}|\d{1,2})|(?:thứ|THỨ)\s+(?P<w>\w+))"
                     r"\s*(?:[.:\-–]\s*(?P<rest>\S.*))?$")
SECTION_RE = re.compile(r"^(?:Mục|MỤC)\s+(?P<n>\d{1,2})\s*[.:\-–]\s*(?P<rest>\S.*)$")
ORDINALS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7}
# "A. CÔNG TÁC TUYÊN TRUYỀN": a group row of a task table (tables only, never running text)
_GROUP_RE = re.compile(r"^([A-ZĐ])\s*[.)]\s+(.*)$")
# "- 2 -" and a PDF's "-- Hết trang 1 --" page marks are not list items
_PAGE_NUMBER_RE = re.compile(
    r"^[-–]+\s*(?:\d{1,3}|(?:Hết\s+)?[Tt]rang\s+\d{1,3}(?:\s*/\s*\d{1,3})?)\s*[-–]+$")

# Rank orders kinds from outer to inner; "1.1." sits between "1." and "a)".
RANK = {ItemKind.ROMAN: 0.0, ItemKind.ARABIC: 1.0, ItemKind.LETTER: 2.0, ItemKind.DASH: 3.0, ItemKind.PLUS: 4.0}
GROUP_RANK = 0.5  # "A. CÔNG TÁC …" between a section (I.) and its tasks (1.)


@dataclass(frozen=True, slots=True)
class Marker:
    kind: ItemKind
    label: str  # as written, without punctuation: "II", "1", "1.2", "đ", "-", "+"
    rest: str  # the text after the marker
    rank: float
    value: int  # position the label stands for (0 for - and +)
    # "1.1 Tuyên truyền" (no dot after the number): read as an item only below its parent "1."
    # (tree.py), as a date "15.12 Hội nghị …" would read alike
    loose: bool = False
    paren: bool = False  # "1)" rather than "1.": tree.py nests "1)" right under a "2." item
    enclosed: bool = False  # "(1)": tree.py nests a "(1)" under the item it follows


# "(1)": below letters (a), b)) and above points (-), so that it details the item it follows
PAREN_RANK = 2.5


def _hyphen_rest(m: re.Match) -> str | None:
    """The item's text after a hyphen marker matched by one of the ``*_HYPHEN_RE``, or None when the
    line does not read as an item heading: the text must start with a capital letter, its first word
    must not be a code ("21-CT/TW", "1-UBND/…") nor a Roman numeral ("I-II"), and a hyphen glued to the
    text ("I-MỤC TIÊU", not "V-League") needs a first word in capitals."""
    gap, rest = m.group(2), m.group(3)
    if not (rest[0].isalpha() and rest[0].isupper()):
        return None
    first = rest.split(None, 1)[0]
    if "/" in first or any(ch.isdigit() for ch in first) or _ROMAN_WORD_RE.match(first):
        return None
    if not gap and not (first.isupper() and sum(ch.isalpha() for ch in first) >= 2
                        and any(ch in _VOWELS for ch in first.lower())):
        return None  # "I-MỤC TIÊU", "1-TUYÊN TRUYỀN"; not "19-NQ của …", a number without its slash
    return rest.strip()


# Big enough for every line of a large plan: a line is asked for its marker when it is
# unwrapped and again when the tree is built. Emptied after each import (importers._guard).
@lru_cache(maxsize=1 << 15)
def parse_marker(line: str) -> Marker | None:
    """The marker a line starts with, or None. The line is expected stripped."""
    if not line:
        return None
    c = line[0]
    if "/" in line[1:4]:
        m = _SLASH_RE.match(line)
        if m:
            return _slashed(m.group(1), m.group(2).strip())
    if c in "ABCDEFGH" and line[1:2] in ".)":
        # "A. CÔNG TÁC TUYÊN TRUYỀN" under a section: a group of the tasks that follow
        g = _GROUP_RE.match(line)
        if g and g.group(2).isupper() and " " in g.group(2).strip():
            return Marker(ItemKind.LETTER, c, g.group(2).strip(), GROUP_RANK, letter_index(c))
        return None
    if c in "IVX":
        m = _ROMAN_ARABIC_RE.match(line)
        if m and from_roman(m.group(1)):
            parts = m.group(2).split(".")
            rank = RANK[ItemKind.ARABIC] + 0.1 * (len(parts) - 1)
            return Marker(ItemKind.ARABIC, m.group(2), m.group(3).strip(), rank, int(parts[-1]))
        m = _ROMAN_RE.match(line)
        if m and (m.group(2) or line.rstrip().endswith((".", ")"))):
            value = from_roman(m.group(1))
            if value:
                # "I. " must not be a sentence starting with the pronoun-like "I" (English text).
                return Marker(ItemKind.ROMAN, m.group(1), m.group(2).strip(), RANK[ItemKind.ROMAN], value)
        if "-" in line[:10] or "–" in line[:10]:
            m = _ROMAN_HYPHEN_RE.match(line)
            if m and (rest := _hyphen_rest(m)) is not None and (value := from_roman(m.group(1))):
                return Marker(ItemKind.ROMAN, m.group(1), rest, RANK[ItemKind.ROMAN], value)
        return None
    if c.isdigit():
        m = _ARABIC_RE.match(line)
        if m:
            label, sep, rest = m.groups()
            parts = label.split(".")
            rank = RANK[ItemKind.ARABIC] + 0.1 * (len(parts) - 1)
            return Marker(ItemKind.ARABIC, label, rest.strip(), rank, int(parts[-1]),
                          paren=sep == ")")
        if "." in line[1:3]:
            m = _ARABIC_NODOT_RE.match(line)
            if m and m.group(2)[0].isupper():
                label = m.group(1)
                parts = label.split(".")
                rank = RANK[ItemKind.ARABIC] + 0.1 * (len(parts) - 1)
                return Marker(ItemKind.ARABIC, label, m.group(2).strip(), rank, int(parts[-1]),
                              loose=True)
        if "-" in line[:18] or "–" in line[:18]:
            m = _ARABIC_HYPHEN_RE.match(line)
            if m and (rest := _hyphen_rest(m)) is not None:
                label = m.group(1)
                parts = label.split(".")
                rank = RANK[ItemKind.ARABIC] + 0.1 * (len(parts) - 1)
                return Marker(ItemKind.ARABIC, label, rest, rank, int(parts[-1]))
        return None
    if c in "abcdđeghiklmnopqrstuvxy":
        m = _LETTER_RE.match(line)
        if m:
            idx = letter_index(m.group(1))
            if idx:
                return Marker(ItemKind.LETTER, m.group(1), m.group(2).strip(), RANK[ItemKind.LETTER], idx)
        if line[1:2] in ("-", "–"):
            m = _LETTER_HYPHEN_RE.match(line)
            if m and (rest := _hyphen_rest(m)) is not None and (idx := letter_index(m.group(1))):
                return Marker(ItemKind.LETTER, m.group(1), rest, RANK[ItemKind.LETTER], idx)
        return None
    if c in "-–—•·":
        if _PAGE_NUMBER_RE.match(line):
            return None
        m = _DASH_RE.match(line)
        if m and any(ch.isalnum() for ch in m.group(1)):
            return Marker(ItemKind.DASH, "-", m.group(1).strip(), RANK[ItemKind.DASH], 0)
        return None
    if c == "(":
        if line[1:2].isdigit():
            m = _PAREN_RE.match(line)
            if m and m.group(2)[0].isupper():
                n = m.group(1)
                rest = m.group(2).strip()
                if f"({int(n) + 1})" in rest:
                    return None  # "(1) Kỹ năng…; (2) Thống kê…" run in a sentence: its text
                return Marker(ItemKind.ARABIC, n, rest, PAREN_RANK, int(n), enclosed=True)
        return None
    if c == "+":
        m = _PLUS_RE.match(line)
        if m and any(ch.isalnum() for ch in m.group(1)):
            return Marker(ItemKind.PLUS, "+", m.group(1).strip(), RANK[ItemKind.PLUS], 0)
    return None


def _slashed(label: str, rest: str) -> Marker | None:
    if label[0] in "IVX" and (value := from_roman(label)):
        return Marker(ItemKind.ROMAN, label, rest, RANK[ItemKind.ROMAN], value)
    if label[0].isdigit():
        return Marker(ItemKind.ARABIC, label, rest, RANK[ItemKind.ARABIC], int(label))
    if idx := letter_index(label):
        return Marker(ItemKind.LETTER, label, rest, RANK[ItemKind.LETTER], idx)
    return None


def classify_label(label: str) -> Marker | None:
    """A marker for a bare label from a table's first column ("II", "1", "1.1", "a", "-")."""
    label = label.strip().rstrip(".):").strip()
    if len(label) > 1 and label[-1] in "-–" and label[-2] != " ":
        label = label[:-1]  # "1-", "II-": the Party's style of numbering
    if not label:
        return None
    if label in ("-", "–", "•"):
        return Marker(ItemKind.DASH, "-", "", RANK[ItemKind.DASH], 0)
    if label == "+":
        return Marker(ItemKind.PLUS, "+", "", RANK[ItemKind.PLUS], 0)
    m = parse_marker(label + ". x") if label[0] in "IVX" else parse_marker(label + ") x")
    if m is None and label[0].isdigit():
        m = parse_marker(label + ". x")
    if m is None:
        return _group_letter(label, "")
    return Marker(m.kind, m.label, "", m.rank, m.value)


def parse_table_heading(text: str) -> Marker | None:
    """The marker a task table's spanning row starts with: ``parse_marker``'s, or a group letter
    ("A. CÔNG TÁC TUYÊN TRUYỀN")."""
    m = parse_marker(text)
    if m is None and text[:1].isupper():
        g = _GROUP_RE.match(text)
        if g:
            m = _group_letter(g.group(1), g.group(2).strip())
    return m


def _group_letter(label: str, rest: str) -> Marker | None:
    """"A", "B" labelling groups of a task table: a letter item written in capitals; the tree ranks
    it above the tasks that follow (``is_group_letter``)."""
    if len(label) != 1 or not label.isupper():
        return None
    idx = letter_index(label)
    return Marker(ItemKind.LETTER, label, rest, RANK[ItemKind.LETTER], idx) if idx else None


def is_group_letter(kind: ItemKind, label: str) -> bool:
    return kind is ItemKind.LETTER and label.isupper()
