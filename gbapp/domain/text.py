"""Text hygiene: NFC normalisation, removal of control characters, diacritic folding for search."""

from __future__ import annotations

import functools
import re
import unicodedata

# Control characters Word pastes (\x0b vertical tab = manual line break, \x01 field markers, \x07
# cell marks…). Tab and newline are kept; a vertical tab or form feed becomes a newline.
_LINEBREAK_RE = re.compile("\r\n?|[\x0b\x0c\u2028\u2029]")
# Soft hyphens (U+00AD) are Word's invisible hyphenation hints; to a search they split words.
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f\xad\ufffe\uffff\ud800-\udfff]")
# Any character the two above replace or drop, written as the complement of what is kept: a
# regular expression's set of few ranges is tested ~2x faster per character than the list.
_DIRTY_RE = re.compile(
    "[^\t\n\x20-\x7e\x80-\xac\xae-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean_text(value: str | None) -> str:
    """Return *value* NFC-normalised, without control characters (Word line breaks become \\n).

    Lone surrogates (broken clipboard data) are dropped too: they cannot be stored as UTF-8.
    """
    if not value:
        return ""
    # The common case: nothing to replace or drop. Every character replaced or dropped is
    # unprintable, so str.isprintable() (a C loop, ~2x faster than the regular expression)
    # answers for a line at once; text with line breaks or tabs goes on to the expression.
    if value.isprintable() or _DIRTY_RE.search(value) is None:
        if value.isascii() or unicodedata.is_normalized("NFC", value):
            return value
        return unicodedata.normalize("NFC", value)
    text = _LINEBREAK_RE.sub("\n", value)
    text = _CONTROL_RE.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def single_spaced(text: str) -> str:
    """``" ".join(text.split())``, without splitting text that has nothing to change: one
    space between words is by far the common case, and splitting costs ~8 µs a line."""
    if "  " in text or not text.isprintable() or text[:1].isspace() or text[-1:].isspace():
        return " ".join(text.split())  # (any space but " " is not printable)
    return text


def clean_line(value: str | None) -> str:
    """Like clean_text, for one-line fields: whitespace runs (newlines included) become one space."""
    if value and value.isprintable() and (value.isascii()
                                          or unicodedata.is_normalized("NFC", value)):
        # Already clean (printable: no control character, and no white space but " "), the
        # usual case of a parsed title: one test of the characters instead of three.
        if "  " in value or value[0] == " " or value[-1] == " ":
            return " ".join(value.split())
        return value
    return single_spaced(clean_text(value))


# The English gist that ends a line of a message: a bracket with a lower-case English word and
# no lower-case Vietnamese letter ("(not a plan: a CĐ)" is one, "(đã quá hạn)" is not).
_VI_LOWER = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
_GIST_RE = re.compile(rf"[ \t]*\((?=[^()\n]*[a-z]{{3}})[^()\n{_VI_LOWER}]*\)[ \t]*$",
                      re.MULTILINE)


def without_gist(message: str) -> str:
    """A message without the English gists that end its lines: 'Thiếu tên (TM./KT.). (name
    missing)' -> 'Thiếu tên (TM./KT.).'. Brackets inside the Vietnamese part stay, and so
    does a last bracket in Vietnamese ('… (đã quá hạn)')."""
    return _GIST_RE.sub("", message).strip() or message


def _base_letter(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


# Precomposed Latin letters (Vietnamese among them) -> base letter, for a one-pass translate().
_FOLD_TABLE = {cp: _base_letter(chr(cp)) for cp in range(0x00C0, 0x0250)}
_FOLD_TABLE.update({cp: _base_letter(chr(cp)) for cp in range(0x1E00, 0x1F00)})
_FOLD_TABLE.update({ord("đ"): "d", ord("Đ"): "D"})
_FOLD_TABLE = {k: v for k, v in _FOLD_TABLE.items() if v != chr(k)}
_COMBINING_RE = re.compile("[\u0300-\u036f]")


# The fast path of fold() takes text made of ASCII, the precomposed Latin letters the table
# below covers, and combining marks, when it decomposes to ASCII, combining marks and đ only.
_NOT_FAST_INPUT = re.compile("[^\x00-\x7f\u00c0-\u024f\u0300-\u036f\u1e00-\u1eff]")
_NOT_FAST_DECOMPOSED = re.compile("[^\x00-\x7f\u0300-\u036f\u0110\u0111]")


def fold(value: str | None) -> str:
    """Fold case and Vietnamese diacritics for search: 'Bình Đẳng' -> 'binh dang'."""
    if not value:
        return ""
    if value.isascii():
        return value.lower()
    if _NOT_FAST_INPUT.search(value) is None:
        decomposed = unicodedata.normalize("NFD", value)
        if _NOT_FAST_DECOMPOSED.search(decomposed) is None:
            # Vietnamese letters decompose to ASCII plus combining marks (đ aside): ~3x faster
            # than translate() on a plan's worth of text, and the same result (tested).
            ascii_text = decomposed.replace("\u0111", "d").replace("\u0110", "D")
            return ascii_text.encode("ascii", "ignore").decode("ascii").lower()
    return _fold_by_table(value)


# Letters and digits; not the 21 that were vowel signs in Unicode 6.1 (New Tai Lue, Vedic), which
# the search index's tokenizer (unicode61) still reads as word breaks (tested code point by code
# point against SQLite).
_WORD_RE = re.compile(r"[^\W_\u19b0-\u19c0\u19c8\u19c9\u1cf2\u1cf3]+")
# ASCII letters and digits kept, any other byte a space: one C pass over folded Vietnamese.
_ASCII_WORD_BYTES = bytes(c if chr(c).isascii() and chr(c).isalnum() else 32 for c in range(256))


def search_words(value: str | None) -> str:
    """The words of *value* as search matches them: folded, without punctuation, one space
    apart ('Quý III/2025: Sở Y tế' -> 'quy iii 2025 so y te'). A word of the search box
    matches where a stored word starts with it, so '15/12' finds '15/12/2025', 'binh da'
    finds 'Bình Đẳng', and 'inh' does not find 'Bình'."""
    if not value:
        return ""
    # Piece by piece between white space (folding never moves a word break): a plan repeats a
    # few thousand pieces, and looking one up costs a fraction of folding it again.
    return " ".join(filter(None, map(_WORDS_OF_PIECE.__getitem__, value.split())))


def _words_of(value: str) -> str:
    folded = fold(value)
    if folded.isascii():  # ~10x faster than the regular expression
        return b" ".join(folded.encode("ascii").translate(_ASCII_WORD_BYTES).split())\
            .decode("ascii")
    return " ".join(_WORD_RE.findall(folded))


class _PieceWords(dict):
    """search_words() of a piece of text without white space, made once and remembered."""

    LIMIT = 50_000  # distinct pieces kept (a few MB); then it starts afresh

    def __missing__(self, piece: str) -> str:
        if len(piece) > 64:  # not a word that recurs (a URL, a run of symbols): not kept
            return _words_of(piece)
        if len(self) >= self.LIMIT:
            self.clear()
        words = self[piece] = _words_of(piece)
        return words


_WORDS_OF_PIECE = _PieceWords()


def _fold_by_table(value: str) -> str:
    """fold() for any text (stored search columns were built with it)."""
    text = value.translate(_FOLD_TABLE)
    if _COMBINING_RE.search(text):  # decomposed (NFD) input from a Mac or the web
        text = _COMBINING_RE.sub("", unicodedata.normalize("NFD", text)).translate(_FOLD_TABLE)
    return text.casefold()


def ascii_letters(value: str) -> str:
    """*value* without diacritics, case kept: 'Năm 2025 – Công an tỉnh' -> 'Nam 2025 – Cong an
    tinh' (file names that survive e-mail, zip tools and old USB sticks)."""
    text = unicodedata.normalize("NFC", value).translate(_FOLD_TABLE)
    return _COMBINING_RE.sub("", unicodedata.normalize("NFD", text))


# Vietnamese collation: the alphabet order a Vietnamese reader expects in a sorted list.
_VI_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_VI_RANK = {ch: i for i, ch in enumerate(_VI_ALPHABET)}
_TONE_MARKS = {"\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0301": 5, "\u0323": 6}  # huyền hỏi ngã sắc nặng
_BASE_MARKS = {"\u0306": "ă", "\u0302": "^", "\u031b": "'"}


@functools.lru_cache(maxsize=4096)  # a text has few distinct letters; keys are per letter
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


SORT_KEY_CHARS = 40  # enough to order any list a person reads; ties fall back to plan order


def _key_char(primary: int) -> str:
    # Order-preserving, one character per letter, never a surrogate code point.
    if primary < 0xD000:
        return chr(0x20 + primary)
    return chr(min(0xE000 + primary - 0xD000, 0x10FFFF))


class _KeyTable(dict):
    """A str.translate() table filled on first sight of each character."""

    def __init__(self, part: int):
        super().__init__()
        self.part = part

    def __missing__(self, codepoint: int) -> str:
        key = _letter_key(chr(codepoint))
        value = _key_char(key[0]) if self.part == 0 else str(key[1])
        self[codepoint] = value
        return value


_PRIMARY_TABLE = _KeyTable(0)
_TONE_TABLE = _KeyTable(1)


class _WordKeys(dict):
    """The primary or the tone part of the key of a word (str.translate() of it by *table*),
    made once and remembered: a plan's titles repeat a few thousand words, and looking one up
    costs a fraction of translating it letter by letter again."""

    LIMIT = 50_000  # distinct words kept; then it starts afresh

    def __init__(self, table: _KeyTable):
        super().__init__()
        self.table = table

    def __missing__(self, word: str) -> str:
        key = word.translate(self.table)
        if len(self) >= self.LIMIT:
            self.clear()
        self[word] = key
        return key


_PRIMARY_OF_WORD = _WordKeys(_PRIMARY_TABLE)
_TONE_OF_WORD = _WordKeys(_TONE_TABLE)


def vi_collation_key(value: str | None) -> str:
    """vi_sort_key as a plain string, so SQLite can sort by it (and index it) without Python."""
    text = unicodedata.normalize("NFC", value or "")[:SORT_KEY_CHARS]
    # word by word (a letter's key does not depend on its neighbours), then joined by the key
    # of the space between them
    words = text.split(" ")
    return (_PRIMARY_OF_WORD[" "].join(map(_PRIMARY_OF_WORD.__getitem__, words)) + "\x01"
            + _TONE_OF_WORD[" "].join(map(_TONE_OF_WORD.__getitem__, words)))


# A plural phrase a plan assigns work to ("các cơ quan, đơn vị liên quan", "các trường học trên
# địa bàn xã") rather than an agency: nobody can be asked for its report or sent a letter.
# store.progress.GROUP_SQL is the same rule in SQL.
_GROUP_WORDS = ("cac ", "nhung ")


def names_a_group(name: str | None) -> bool:
    """Whether an agency name is a group of agencies: 'Các sở, ngành liên quan'."""
    return fold(clean_line(name)).startswith(_GROUP_WORDS)
