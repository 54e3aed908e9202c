"""Text hygiene: NFC normalisation, removal of control characters, diacritic folding for search."""

from __future__ import annotations

import re
import unicodedata

# Control characters Word pastes (\x0b vertical tab = manual line break, \x01 field markers, \x07
# cell marks…). Tab and newline are kept; a vertical tab or form feed becomes a newline.
_LINEBREAK_CONTROLS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n"})
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")


def clean_text(value: str | None) -> str:
    """Return *value* NFC-normalised, without control characters (Word line breaks become \\n)."""
    if not value:
        return ""
    text = value.translate(_LINEBREAK_CONTROLS)
    text = _CONTROL_RE.sub("", text)
    # Lone surrogates (broken clipboard data) cannot be stored as UTF-8.
    text = text.encode("utf-8", "replace").decode("utf-8")
    return unicodedata.normalize("NFC", text)


def clean_line(value: str | None) -> str:
    """Like clean_text, for one-line fields: whitespace runs (newlines included) become one space."""
    return " ".join(clean_text(value).split())


def fold(value: str | None) -> str:
    """Fold case and Vietnamese diacritics for search: 'Bình Đẳng' -> 'binh dang'."""
    if not value:
        return ""
    text = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return text.casefold()


# Vietnamese collation: the alphabet order a Vietnamese reader expects in a sorted list.
_VI_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_VI_RANK = {ch: i for i, ch in enumerate(_VI_ALPHABET)}
_TONE_MARKS = {"\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0301": 5, "\u0323": 6}  # huyền hỏi ngã sắc nặng
_BASE_MARKS = {"\u0306": "ă", "\u0302": "^", "\u031b": "'"}


def _letter_key(ch: str) -> tuple[int, int]:
    decomposed = unicodedata.normalize("NFD", ch.lower())
    base = decomposed[0]
    tone = 0
    for mark in decomposed[1:]:
        if mark in _TONE_MARKS:
            tone = _TONE_MARKS[mark]
        elif mark == "\u0306":
            base = "ă"
        elif mark == "\u0302":
            base = {"a": "â", "e": "ê", "o": "ô"}.get(base, base)
        elif mark == "\u031b":
            base = {"o": "ơ", "u": "ư"}.get(base, base)
    if base in _VI_RANK:
        return (_VI_RANK[base] * 10 + 1000, tone)
    return (ord(base) if not base.isalpha() else 900 + ord(base) % 100, tone)


def vi_sort_key(value: str) -> tuple:
    """Sort key giving Vietnamese dictionary order (Đ after D, Ư after U; tones compared last)."""
    text = unicodedata.normalize("NFC", value or "")
    letters = [_letter_key(ch) for ch in text]
    return (tuple(k[0] for k in letters), tuple(k[1] for k in letters))
