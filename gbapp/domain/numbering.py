"""Labels derived from tree position (I. 1. a) - +) and references to items (II.1.a)."""

from __future__ import annotations

from .model import KIND_BY_DEPTH, ItemKind
from .text import fold

# Vietnamese legal drafting letters: no f, j, w, z; đ follows d.
VI_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def to_roman(n: int) -> str:
    """1 -> 'I', 14 -> 'XIV'."""
    out = []
    for value, numeral in _ROMAN:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def from_roman(s: str) -> int | None:
    """'XIV' -> 14; None if *s* is not a Roman numeral."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    s = s.upper()
    if not s or any(c not in values for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = values[c]
        total += -v if i + 1 < len(s) and values[s[i + 1]] > v else v
    return total if to_roman(total) == s else None


def letter(n: int) -> str:
    """1 -> 'a', 5 -> 'đ', 23 -> 'y', 24 -> 'aa' (plans never go that far, but never crash)."""
    count = len(VI_LETTERS)
    if n <= count:
        return VI_LETTERS[n - 1]
    return letter((n - 1) // count) + VI_LETTERS[(n - 1) % count]


def letter_index(s: str) -> int | None:
    """'a' -> 1, 'đ' -> 5; None if not a Vietnamese point letter."""
    try:
        return VI_LETTERS.index(s.lower()) + 1
    except ValueError:
        return None


def kind_for_depth(depth: int) -> ItemKind:
    """Default numbering kind of an item at *depth* (0 = section)."""
    return KIND_BY_DEPTH[min(depth, len(KIND_BY_DEPTH) - 1)]


# ItemKind by member or value, without the enum's own lookup (called per item on big imports).
_KINDS: dict[ItemKind | str, ItemKind] = {**{k: k for k in ItemKind},
                                          **{k.value: k for k in ItemKind}}


def as_kind(kind: ItemKind | str) -> ItemKind:
    """ItemKind(kind), faster; unknown values raise ValueError as ItemKind() does."""
    return _KINDS.get(kind) or ItemKind(kind)


def label(kind: ItemKind | str, position: int) -> str:
    """The bare label of the *position*-th (1-based) item of *kind*: 'II', '3', 'đ', '-', '+'."""
    kind = as_kind(kind)
    if kind is ItemKind.ROMAN:
        return to_roman(position)
    if kind is ItemKind.ARABIC:
        return str(position)
    if kind is ItemKind.LETTER:
        return letter(position)
    return "-" if kind is ItemKind.DASH else "+"


def display_label(kind: ItemKind | str, position: int) -> str:
    """The label as printed in a document: 'II.', '3.', 'đ)', '-', '+'."""
    kind = ItemKind(kind)
    bare = label(kind, position)
    if kind in (ItemKind.ROMAN, ItemKind.ARABIC):
        return bare + "."
    if kind is ItemKind.LETTER:
        return bare + ")"
    return bare


def sibling_labels(kinds: list[ItemKind | str]) -> list[str]:
    """Labels for a list of siblings in order; each kind counts on its own."""
    counters: dict[ItemKind, int] = {}
    out = []
    for k in kinds:
        k = as_kind(k)
        counters[k] = counters.get(k, 0) + 1
        out.append(label(k, counters[k]))
    return out


def short_reference(path: list[str]) -> str:
    """['II', '1', 'a'] -> 'II.1.a'; dashes and pluses are not addressable and stop the path."""
    parts = []
    for part in path:
        if part in ("-", "+"):
            break
        parts.append(part)
    return ".".join(parts)


_LEGAL_NAMES = {ItemKind.ROMAN: "Mục", ItemKind.ARABIC: "khoản", ItemKind.LETTER: "điểm"}


_LEGAL_RANK = {ItemKind.ROMAN: 0, ItemKind.ARABIC: 1, ItemKind.LETTER: 2}


def is_task_group(kind: ItemKind | str, source_label: str | None) -> bool:
    """A task table's group row ("A", "B" above tasks 1, 2) imported as a letter: its imported
    label is a capital letter."""
    source = (source_label or "").strip(" .)")
    return as_kind(kind) is ItemKind.LETTER and len(source) == 1 and source.isupper()


def legal_reference(path: list[tuple[ItemKind | str, str]]) -> str:
    """[(roman,'II'), (arabic,'1'), (letter,'a')] -> 'điểm a khoản 1 Mục II' (innermost first).

    A path out of the I → 1 → a order (a group of tasks "B" above task "3") has no such name:
    'nội dung II.B.3'."""
    addressable = []
    for kind, lab in path:
        kind = ItemKind(kind)
        if kind not in _LEGAL_NAMES:
            break
        addressable.append((kind, lab))
    ranks = [_LEGAL_RANK[k] for k, _ in addressable]
    if any(later <= earlier for earlier, later in zip(ranks, ranks[1:], strict=False)):
        return "nội dung " + ".".join(lab for _, lab in addressable)
    return " ".join(f"{_LEGAL_NAMES[k]} {lab}" for k, lab in reversed(addressable))


# Headings of the part of a plan that lists its tasks ("III. NỘI DUNG HOẠT ĐỘNG", "II. NHIỆM
# VỤ VÀ GIẢI PHÁP"), folded; and of the part on who carries the plan out and reports on it.
_TASK_SECTION_WORDS = ("noi dung", "nhiem vu", "hoat dong", "giai phap", "chuong trinh")
_FOLLOW_UP_SECTION_WORDS = ("to chuc thuc hien", "trach nhiem thuc hien")


def is_task_section(title: str) -> bool:
    """Whether a section heading announces the plan's tasks (its leaves are things to do)."""
    folded = fold(title)
    return any(key in folded for key in _TASK_SECTION_WORDS)


def is_follow_up_section(title: str) -> bool:
    """'TỔ CHỨC THỰC HIỆN', 'Trách nhiệm thực hiện': the section on who does what to carry the
    plan out and report on it."""
    folded = fold(title)
    return any(key in folded for key in _FOLLOW_UP_SECTION_WORDS)
