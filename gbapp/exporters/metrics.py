"""Text widths in Times New Roman, to draw the short lines under names at the right length.

Advance widths (1/1000 em) of ASCII 32..126 in Times New Roman (measured on the metric-compatible
Liberation Serif). Vietnamese letters are measured by their base letter (Ộ as O). Good to a few
per cent, which is what a line "about a third of the name" needs. No Qt, no font files at run time.
"""

from __future__ import annotations

import unicodedata

_REGULAR = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611,
    556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722,
    722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500,
    278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
]
_BOLD = [
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667,
    611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722,
    722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556,
    278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
]
_SPECIAL = {"Đ": "D", "đ": "d", "–": "-", "—": "M", "“": '"', "”": '"', "‘": "'", "’": "'"}


def text_width_pt(text: str, size_pt: float, *, bold: bool = False) -> float:
    """The printed width of *text* (one line) in points."""
    table = _BOLD if bold else _REGULAR
    total = 0
    for ch in text:
        ch = _SPECIAL.get(ch, ch)
        base = unicodedata.normalize("NFD", ch)[0]
        code = ord(base)
        total += table[code - 32] if 32 <= code <= 126 else 600
    return total * size_pt / 1000


def text_width_mm(text: str, size_pt: float, *, bold: bool = False) -> float:
    return text_width_pt(text, size_pt, bold=bold) * 25.4 / 72
