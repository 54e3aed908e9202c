"""Time frames as Vietnamese plans write them ("Quý II/2025", "từ ngày 15/11 đến 15/12/2025"…).

``parse_time_frame`` reads a phrase that *is* a time frame (a table cell, the value after
"Thời gian:"); ``find_time_frame`` looks for one inside an item's title or text and is stricter,
because running text mentions years that are not deadlines ("Chiến lược … đến năm 2030").

Dates that do not exist (31/02) are skipped, never raised. The text is kept as written (NFC).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from functools import lru_cache

from .dates import format_date
from .model import TimeFrame
from .text import single_spaced

__all__ = ["parse_time_frame", "find_time_frame"]

_MIN_YEAR, _MAX_YEAR = 1900, 2100

# d/m, d/m/yyyy, d-m-yyyy, d.m.yyyy and "ngày 29 tháng 11 năm 2006"
_NUM_DATE = r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}|\d{2}))?(?![\d/])"
_WORD_DATE = r"(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?"
_DATE = rf"(?:{_WORD_DATE}|{_NUM_DATE})"
_DATE_RE = re.compile(_DATE)

_RANGE_RE = re.compile(
    rf"\btừ\s+(?:ngày\s+)?(?P<a>{_DATE})\s*(?:đến|tới|[-–—])\s*(?:hết\s+)?(?:ngày\s+)?(?P<b>{_DATE})"
)
# A phrase that *is* a time frame may drop the "từ": "15/11-15/12/2025", "01/7 đến 31/12/2025".
_BARE_RANGE_RE = re.compile(
    rf"(?<![\w/.])(?:ngày\s+)?(?P<a>{_NUM_DATE})\s*(?:đến|tới|[-–—])\s*(?:hết\s+)?(?:ngày\s+)?"
    rf"(?P<b>{_DATE})"
)
# "từ ngày 22 đến ngày 23/11/2025", "ngày 22-23/11/2025": days of the month the second names
_DAY_RANGE_RE = re.compile(
    rf"\b(?:từ\s+)?ngày\s+(?P<d>\d{{1,2}})(?![\d/.])\s*(?:đến|tới|[-–])\s*(?:ngày\s+)?"
    rf"(?P<b>{_DATE})")
# "từ ngày 01/7/2025" with no end: from that day on.
_FROM_RE = re.compile(rf"\btừ\s+(?:ngày\s+)?(?P<d>{_DATE})")
# "trước tháng 12/2025": before the month starts, so by the end of the month before it
_BEFORE_MONTH = (r"\btrước\s+tháng\s+(?P<bm>\d{1,2})(?!\d)"
                 r"(?:\s*/\s*(?P<by>\d{4})|\s+năm\s+(?P<bn>\d{4}))?(?!\d)")
_BEFORE_RE = re.compile(
    rf"\b(?:trước|chậm\s+nhất(?:\s+là)?(?:\s+vào)?|hạn\s+chót|không\s+quá|hạn)\s*(?:ngày\s+)?(?P<d>{_DATE})"
    rf"|{_BEFORE_MONTH}"
)
_ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER_RE = re.compile(r"\bqu[ýyỳ]\s+(iv|iii|ii|i|[1-4])(?![\w])")
_QUARTER_LIST_RE = re.compile(r"^\s*(?:,|và|-|–|đến)\s*(iv|iii|ii|i|[1-4])(?![\w])")
_YEAR_AFTER_RE = re.compile(r"^\s*(?:/|năm\s+|-\s*)(\d{4})(?!\d)")
# "Quý IV/2025 - Quý I/2026", "từ Quý IV/2025 đến Quý II/2026": on to a quarter of a later year
_QUARTER_TO_RE = re.compile(r"\s*(?:-|–|—|đến|tới)\s*(?:hết\s+)?qu[ýyỳ]\s+(iv|iii|ii|i|[1-4])"
                            r"(?![\w])\s*(?:/\s*|năm\s+)(\d{4})(?!\d)")
_ANY_YEAR_RE = re.compile(r"(?:/|\bnăm\s+)(\d{4})(?!\d)")
# "từ tháng 9/2025 đến tháng 5/2026", "Từ tháng 3 năm 2025 đến tháng 6 năm 2025": groups m1,
# y1 (/), y1 (năm), m2, y2 (/), y2 (năm)
_MONTH_RANGE_RE = re.compile(
    r"\btừ\s+tháng\s+(\d{1,2})(?:\s*/\s*(\d{4})|\s+năm\s+(\d{4}))?\s*,?\s*(?:đến|tới|[-–])\s*"
    r"(?:hết\s+)?tháng\s+(\d{1,2})(?:\s*[/\-]\s*(\d{4})|\s+năm\s+(\d{4}))?"
)
# "Tháng 11-12/2025", "tháng 3 đến tháng 5 năm 2025" (same groups as _MONTH_RANGE_RE)
_BARE_MONTH_RANGE_RE = re.compile(
    r"\btháng\s+(\d{1,2})(?!\d)(?:\s*/\s*(\d{4})|\s+năm\s+(\d{4}))?\s*(?:đến|tới|[-–])\s*"
    r"(?:hết\s+)?(?:tháng\s+)?(\d{1,2})(?![\d])(?:\s*[/\-]\s*(\d{4})|\s+năm\s+(\d{4}))?"
)
_MONTH_RE = re.compile(
    r"\btháng\s+(\d{1,2})(?!\d)(?:\s*[/\-]\s*(\d{4})(?!\d)|\s+năm\s+(\d{4})(?!\d))?"
)
_HALF_RE = re.compile(r"\b(?:0?6|sáu)\s+tháng\s+(đầu|cuối)\s+năm(?:\s+(\d{4}))?")
# "Năm 2025 và các năm tiếp theo": from that year on, every year, with no end (never overdue)
_ONGOING_YEARS_RE = re.compile(
    r"\b(?:năm\s+)?(\d{4})\s*(?:,|và|-|–)?\s*(?:các|những)\s+năm\s+(?:tiếp\s+theo|sau(?:\s+đó)?|kế\s+tiếp)(?!\w)"
)
_YEAR_RE = re.compile(r"\b(?:trong\s+)?năm\s+(\d{4})(?!\d)|\bcả\s+năm\b|\btrong\s+năm\b")
# "Định kỳ 6 tháng (1 lần)" is a rhythm, not the 6th of January: the count goes with the word.
_RECURRING_RE = re.compile(
    r"\b(?:thường\s+xuyên|liên\s+tục|(?:hằng|hàng)\s+(?:năm|quý|tháng|tuần|ngày)"
    r"|định\s+k[ỳì](?:\s+(?:hằng|hàng|mỗi))?(?:\s+\d{1,2}\s+(?:tháng|năm|quý)"
    r"(?:\s*/\s*(?:0?1\s+)?lần|\s+(?:0?1|một)\s+lần)?)?)(?!\w)"
)
# "Tháng 6, tháng 12", "15/6 và 15/12/2025": several time frames listed in one phrase
_LIST_SEP_RE = re.compile(r"\s*(?:[,;&+]|\bvà\b)\s*")
_LIST_STRIP = " ()[].:-–"
_OWN_YEAR_RE = re.compile(r"(?<!\d)\d{4}(?!\d)")
# "12/2025" after "tháng 6", "II" after "Quý I": a number that takes the unit written before it
_BARE_MONTH_RE = re.compile(r"\d{1,2}(?:\s*/\s*\d{4}|\s+năm\s+\d{4})?")
_BARE_QUARTER_RE = re.compile(r"(?:iv|iii|ii|i|[1-4])(?:\s*/\s*\d{4}|\s+năm\s+\d{4})?")
# "Năm 2025 - 2026", "2025 - 2026", "từ năm 2025 đến năm 2026", "giai đoạn 2026 - 2028",
# "từ 2026 đến 2028"; a bare "2025" (a table cell)
_YEAR_SPAN_RE = re.compile(
    r"(?:^|\bnăm\s+|\bgiai\s+đoạn\s+|\btừ\s+)(\d{4})\s*(?:-|–|—|đến|tới)\s*(?:hết\s+)?"
    r"(?:năm\s+)?(\d{4})(?![\d/])"
)
_BARE_YEAR_RE = re.compile(r"^(\d{4})$")
# "Năm học 2025 - 2026": a school year, September to May
_SCHOOL_YEAR = r"\bnăm\s+học\s+(\d{4})\s*(?:-|–|—|/|đến|tới)\s*(?:năm\s+)?(\d{4})(?![\d/])"
_SCHOOL_YEAR_RE = re.compile(_SCHOOL_YEAR)
_SCHOOL_START, _SCHOOL_END = (9, 1), (5, 31)
# A whole time cell in figures, as task tables write them: "15-20/11/2025" (days of a month),
# "10-12/2025" (months of a year: no month after the first slash), "12/2025" (a month),
# "09/2025 - 12/2025", "từ 09/2025 đến 12/2025" (months). Only the whole phrase: in running
# text "12/2025" may be a count ("12/2025 hộ").
_NUMERIC_CELL_RE = re.compile(
    r"(?:(?P<d1>\d{1,2})\s*[-–]\s*(?P<d2>\d{1,2})\s*/\s*(?P<dm>\d{1,2})(?:\s*/\s*(?P<dy>\d{4}))?"
    r"|(?P<m1>\d{1,2})\s*[-–]\s*(?P<m2>\d{1,2})\s*/\s*(?P<my>\d{4})"
    r"|(?:từ\s+)?(?P<a>\d{1,2})\s*/\s*(?P<ay>\d{4})"
    r"(?:\s*(?:-|–|—|đến|tới)\s*(?:hết\s+)?(?P<b>\d{1,2})\s*/\s*(?P<by>\d{4}))?)")
_YEAR_ONLY_RE = re.compile(r"năm\s+\d{4}")
# "Đợt 1: tháng 3/2025; đợt 2: tháng 9/2025": a time frame in periods, each after its "đợt N"
_PERIOD_RE = re.compile(r"\bđợt\s+(?:\d{1,2}|iv|v|i{1,3})(?![\w/])")
_CLAUSE_END_RE = re.compile(r"[;\n)]|\.(?:\s|$)")
_PERIOD_GAP = 100  # the most characters one period takes; a "đợt N" farther on is another phrase
_LABEL = r"(?:thời\s+gian|thời\s+hạn|tiến\s+độ)(?:\s+(?:thực\s+hiện|hoàn\s+thành|triển\s+khai))?\s*:\s*"
# The value also ends where the next label starts: the lines "Thời gian: Quý III/2025" and
# "Sản phẩm: Báo cáo" reach this joined by a space.
_NEXT_LABEL = (r"(?=(?:sản\s+phẩm|kết\s+quả|kinh\s+phí|nguồn\s+kinh\s+phí|dự\s+toán|cơ\s+quan|"
               r"đơn\s+vị|chủ\s+trì|phối\s+hợp|ghi\s+chú)[^:.;]{0,30}:)")
_LABELLED_RE = re.compile(
    _LABEL + r"(?P<v>[^;\n]+?)\s*(?:[;\n)]|\.(?:\s|$)|$|" + _NEXT_LABEL + ")")
# The same, keeping a bracket the value opens ("Hằng năm (trước ngày 15/6 và 15/12)"); slower,
# so only tried when the value holds a "(".
_LABELLED_BRACKET_RE = re.compile(
    _LABEL + r"(?P<v>(?:\([^()\n]*\)|[^;\n])+?)\s*(?:[;\n)]|\.(?:\s|$)|$|" + _NEXT_LABEL + ")"
)


def _year_ok(y: int | None) -> int | None:
    return y if y is not None and _MIN_YEAR <= y <= _MAX_YEAR else None


def _mkdate(y: int | None, m: int, d: int) -> dt.date | None:
    if y is None:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _month_end(y: int, m: int) -> dt.date | None:
    if not 1 <= m <= 12 or _year_ok(y) is None:
        return None
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _year_bounds(y: int | None) -> tuple[dt.date | None, dt.date | None]:
    y = _year_ok(y)
    if y is None:
        return None, None
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def _date_parts(token: str) -> tuple[int, int, int | None] | None:
    """(day, month, year or None) of one date token."""
    m = _DATE_RE.search(token)
    if not m:
        return None
    g = m.groups()
    if g[0] is not None:
        d, mo, y = g[0], g[1], g[2]
    else:
        d, mo, y = g[3], g[4], g[5]
    year = int(y) if y else None
    if year is not None and year < 100:
        year += 2000
    return int(d), int(mo), year


def _tf(text: str, start=None, end=None, recurring=False) -> TimeFrame:
    return TimeFrame(text=text, start=start, end=end, recurring=recurring)


def _day_range(text: str, m: re.Match, year: int | None) -> TimeFrame | None:
    b = _date_parts(m.group("b"))
    if not b or int(m.group("d")) >= b[0]:
        return None
    yb = _year_ok(b[2]) or _year_ok(year)
    start, end = _mkdate(yb, b[1], int(m.group("d"))), _mkdate(yb, b[1], b[0])
    if start is None or end is None:
        return None
    return _tf(text, start, end)


def _range(text: str, m: re.Match, year: int | None) -> TimeFrame | None:
    a, b = _date_parts(m.group("a")), _date_parts(m.group("b"))
    if not a or not b:
        return None
    yb = _year_ok(b[2]) or _year_ok(year)
    ya = _year_ok(a[2])
    if ya is None and yb is not None:
        ya = yb - 1 if (a[1], a[0]) > (b[1], b[0]) else yb
    start, end = _mkdate(ya, a[1], a[0]), _mkdate(yb, b[1], b[0])
    if start is None and end is None and (ya is not None or yb is not None):
        return None  # the dates do not exist
    return _tf(text, start, end)


def _quarters(text: str, m: re.Match, year: int | None) -> TimeFrame | None:
    nums = [_ROMAN_Q[m.group(1).lower()]]
    rest_pos = m.end()
    # "Quý I, II và III/2025", "quý I và quý II năm 2025", "Quý III - IV"
    while True:
        tail = text[rest_pos:]
        more = _QUARTER_LIST_RE.match(tail)
        if more:
            nums.append(_ROMAN_Q[more.group(1).lower()])
            rest_pos += more.end()
            continue
        more = re.match(r"^\s*(?:,|và|-|–|đến)\s*", tail)
        if more:
            q = _QUARTER_RE.match(tail, more.end())
            if q:
                nums.append(_ROMAN_Q[q.group(1).lower()])
                rest_pos += q.end()
                continue
        break
    ym = _YEAR_AFTER_RE.match(text[rest_pos:])
    y = _year_ok(int(ym.group(1))) if ym else None
    if y is None:
        y = _year_ok(year)
    if y is None:
        return _tf(text)
    first, last = min(nums), max(nums)
    if ym and len(nums) == 1:
        to = _QUARTER_TO_RE.match(text, rest_pos + ym.end())
        if to:
            y2 = _year_ok(int(to.group(2)))
            if y2 is not None and y2 > y:
                last_month = 3 * _ROMAN_Q[to.group(1)]
                return _tf(text, dt.date(y, 3 * first - 2, 1), _month_end(y2, last_month))
    return _tf(text, dt.date(y, 3 * first - 2, 1), _month_end(y, 3 * last))


def _month_range(text: str, m: re.Match, year: int | None) -> TimeFrame | None:
    m1, m2 = int(m.group(1)), int(m.group(4))
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
        return None
    y2 = _year_ok(int(m.group(5) or m.group(6) or 0) or None) or _year_ok(year)
    y1 = _year_ok(int(m.group(2) or m.group(3) or 0) or None)
    if y1 is None and y2 is not None:
        y1 = y2 - 1 if m1 > m2 else y2
    if y1 is None or y2 is None:
        return _tf(text)
    return _tf(text, dt.date(y1, m1, 1), _month_end(y2, m2))


def _month(text: str, m: re.Match, year: int | None) -> TimeFrame | None:
    mo = int(m.group(1))
    if not 1 <= mo <= 12:
        return None
    y = _year_ok(int(m.group(2) or m.group(3) or 0) or None) or _year_ok(year)
    if y is None:
        return _tf(text)
    return _tf(text, dt.date(y, mo, 1), _month_end(y, mo))


def _one_end(text: str, m: re.Match, year: int | None, *, is_end: bool) -> TimeFrame | None:
    """A time frame bounded on one side by the date in group "d"."""
    p = _date_parts(m.group("d"))
    if not p:
        return None
    y = _year_ok(p[2]) or _year_ok(year)
    if y is None:
        return _tf(text)
    day = _mkdate(y, p[1], p[0])
    if day is None:
        return None
    return _tf(text, None, day) if is_end else _tf(text, day, None)


def _before(text: str, m: re.Match, year: int | None) -> TimeFrame | None:
    if m.group("d") is None:  # "trước tháng 12/2025": by the end of November
        mo = int(m.group("bm"))
        if not 1 <= mo <= 12:
            return None
        y = _year_ok(int(m.group("by") or m.group("bn") or 0) or None) or _year_ok(year)
        if y is None:
            return _tf(text)
        return _tf(text, None, dt.date(y, mo, 1) - dt.timedelta(days=1))
    return _one_end(text, m, year, is_end=True)  # "trước ngày 30/6/2025"


def _from(text: str, m: re.Match, year: int | None) -> TimeFrame | None:
    return _one_end(text, m, year, is_end=False)  # "từ ngày 01/7/2025", open-ended


def _half(text: str, m: re.Match, year: int | None) -> TimeFrame | None:
    y = _year_ok(int(m.group(2)) if m.group(2) else None)
    if y is None:
        ym = _ANY_YEAR_RE.search(text)
        y = _year_ok(int(ym.group(1))) if ym else None
    y = y or _year_ok(year)
    if y is None:
        return _tf(text)
    if m.group(1).lower() == "đầu":
        return _tf(text, dt.date(y, 1, 1), dt.date(y, 6, 30))
    return _tf(text, dt.date(y, 7, 1), dt.date(y, 12, 31))


def _year(text: str, m: re.Match, year: int | None) -> TimeFrame | None:
    y = _year_ok(int(m.group(1)) if m.group(1) else None) or _year_ok(year)
    start, end = _year_bounds(y)
    return _tf(text, start, end)


def _year_span(text: str, m: re.Match, year: int | None) -> TimeFrame | None:
    y1, y2 = _year_ok(int(m.group(1))), _year_ok(int(m.group(2)))
    if y1 is None or y2 is None or y1 > y2:
        return None
    return _tf(text, dt.date(y1, 1, 1), dt.date(y2, 12, 31))


# "Học kỳ I năm học 2025 - 2026", "học kỳ 2 của năm học…", "HK II năm học…": a term, not the year
_TERM_RE = re.compile(r"\b(?:học\s+kỳ|học\s+kì|hk)\s*(ii|i|2|1)(?![\w])[^\d]{0,12}$")
_TERM_MENTION_RE = re.compile(r"(?:học\s+k[ỳì]|hk)\s*(ii|i|2|1)(?![\w])")
_BOTH_TERMS_RE = re.compile(r"(?:học\s+k[ỳì]|hk)\s*(?:i|1)\s*(?:,|và|-|–|&)\s*(?:ii|2)(?![\w])")
_TERM_ONE_END, _TERM_TWO_START = (1, 31), (1, 1)  # the first term ends in January


def _school_year(text: str, m: re.Match, year: int | None) -> TimeFrame | None:
    """"Năm học 2025 - 2026": from 01/09/2025 to 31/05/2026, as Vietnamese schools run; its
    first term ("Học kỳ I năm học 2025 - 2026") to the end of January, its second from
    January."""
    y1, y2 = _year_ok(int(m.group(1))), _year_ok(int(m.group(2)))
    if y1 is None or y2 != y1 + 1:
        return None
    start, end = dt.date(y1, *_SCHOOL_START), dt.date(y2, *_SCHOOL_END)
    term = _TERM_RE.search(text, max(0, m.start() - 30), m.start() + len("năm"))
    if term is not None:
        window = text[max(0, m.start() - 40):m.start()]
        named = {"1" if t in ("i", "1") else "2" for t in _TERM_MENTION_RE.findall(window)}
        if len(named) > 1 or _BOTH_TERMS_RE.search(window):
            term = None  # "Học kỳ I, II", "học kỳ I và học kỳ II": both terms, the whole year
    if term is not None:
        if term.group(1) in ("i", "1"):
            end = dt.date(y2, *_TERM_ONE_END)
        else:
            start = dt.date(y2, *_TERM_TWO_START)
    return _tf(text, start, end)


def _ongoing_years(text: str, m: re.Match, year: int | None) -> TimeFrame | None:
    y = _year_ok(int(m.group(1)))
    if y is None:
        return None
    # "Quý II/2025 và các năm tiếp theo": from the start of what comes before, else of the year
    first = _plain(text[:m.end(1)], year)
    start = first.start if first is not None and first.start is not None else dt.date(y, 1, 1)
    return _tf(text, start, None, recurring=True)


def _recurring(text: str, m: re.Match, year: int | None) -> TimeFrame | None:
    ym = _ANY_YEAR_RE.search(text)
    y = _year_ok(int(ym.group(1))) if ym else _year_ok(year)
    start, end = _year_bounds(y)
    return _tf(text, start, end, recurring=True)


def _single(text: str, m: re.Match, year: int | None) -> TimeFrame | None:
    p = _date_parts(text[m.start():])
    if not p:
        return None
    y = _year_ok(p[2]) or _year_ok(year)
    if y is None:
        return _tf(text)
    d = _mkdate(y, p[1], p[0])
    return _tf(text, d, d) if d else None


# (regex, builder); order = priority for a phrase
_RULES = [
    (_DAY_RANGE_RE, _day_range),
    (_RANGE_RE, _range),
    (_MONTH_RANGE_RE, _month_range),
    (_BARE_RANGE_RE, _range),
    (_BARE_MONTH_RANGE_RE, _month_range),
    (_FROM_RE, _from),
    (_BEFORE_RE, _before),
    (_QUARTER_RE, _quarters),
    (_HALF_RE, _half),
    (re.compile(r"(?<!\d)\d{1,2}\s+tháng\s+\d{1,2}(?!\d)"), _single),
    (_MONTH_RE, _month),
    (_DATE_RE, _single),
    (_SCHOOL_YEAR_RE, _school_year),
    (_YEAR_SPAN_RE, _year_span),
    (_YEAR_RE, _year),
    (_BARE_YEAR_RE, _year),
]


def _dated(tf: TimeFrame | None) -> bool:
    return tf is not None and (tf.start is not None or tf.end is not None)


def _span(pieces: list[str], low: str, year: int | None, min_dated: int) -> TimeFrame | None:
    """One time frame for several listed ones: from the first one's start to the last one's end.

    A year written once holds for the pieces that leave it out: those before it read right to
    left, a piece that would come after the next one belonging to the year before ("tháng 12 và
    tháng 3/2026"); those after it read left to right ("tháng 12/2025, tháng 1"). With no year
    written, the plan year and never a later one. None when fewer than *min_dated* pieces state
    a date."""
    n = len(pieces)
    owns = [i for i, piece in enumerate(pieces) if _OWN_YEAR_RE.search(piece)]
    pivot = owns[-1] if owns else n - 1
    years = _ANY_YEAR_RE.findall(low)
    carry = (_year_ok(int(years[-1])) if years else None) or _year_ok(year)
    frames: list[TimeFrame | None] = [None] * n
    for order, step in ((range(pivot, -1, -1), -1), (range(pivot + 1, n), 1)):
        near: dt.date | None = None  # the dated piece just read (after this one, then before)
        near_end: dt.date | None = None  # and where it ends ("giai đoạn 2026 - 2030": 2030)
        if step == 1:
            # "tháng 12/2024, tháng 1": the next year, but never past the plan year
            done = [f for f in frames if f is not None]
            near = (done[-1].start or done[-1].end) if done else None
            carry = near.year if near else carry
        for i in order:
            piece = pieces[i]
            tf = _parse_cached(piece, carry) if piece else None
            if not _dated(tf):
                continue
            key = tf.start or tf.end
            if near is not None and carry is not None and i not in owns \
                    and (key > (near_end or near) if step == -1 else key < near) \
                    and (step == -1 or (year is not None and carry + 1 <= year)):
                other = _parse_cached(piece, carry + step)
                other_key = (other.start or other.end) if _dated(other) else None
                if other_key is not None and (other_key <= near if step == -1 else other_key >= near):
                    tf, key = other, other_key
            frames[i] = tf
            near, near_end, carry = key, tf.end, key.year
    dated = [f for f in frames if f is not None]
    if len(dated) < max(min_dated, 1):
        return None
    starts = [f.start for f in dated if f.start]
    ends = [f.end for f in dated if f.end]
    start = min(starts) if dated[0].start is not None else None
    end = max(ends) if dated[-1].end is not None else None
    if start is not None and end is not None and start > end:
        return None
    return _tf(low, start, end, any(f.recurring for f in dated))


def _periods(low: str, year: int | None) -> TimeFrame | None:
    """A phrase written in periods ("đợt 1 trong Quý II, đợt 2 trong Quý IV/2025"): from the first
    period's start to the last one's end; None when no period states a date."""
    pieces = _PERIOD_RE.split(low)
    if len(pieces) < 2:
        return None
    if _parse_cached(pieces[-1], year) is not None:
        return _span(pieces[1:], low, year, 1)
    # "tháng 3 (đợt 1) và tháng 9/2025 (đợt 2)": each date before its "đợt"
    return _span(pieces[:-1], low, year, 1)


def _listed(low: str, year: int | None) -> TimeFrame | None:
    """"Tháng 6, tháng 12", "15/6 và 15/12/2025", "Quý I, quý III/2025": None unless at least two
    listed pieces state dates. A deadline after a period ("Quý IV, chậm nhất 15/12") is left to
    the rules, which prefer the deadline."""
    pieces = []
    for piece in _LIST_SEP_RE.split(low):
        piece = piece.strip(_LIST_STRIP)
        # "ngày 15 tháng 6, năm 2025": the year of the piece before, not a piece of its own
        if pieces and piece.startswith("năm ") and _YEAR_ONLY_RE.fullmatch(piece) \
                and not _OWN_YEAR_RE.search(pieces[-1]):
            pieces[-1] += " " + piece
        else:
            pieces.append(piece)
    if len(pieces) < 2:
        return None
    for i in range(1, len(pieces)):
        prev, piece = pieces[i - 1], pieces[i]
        if not piece or not (piece[0].isdigit() or piece[0] in "iv"):
            continue
        if "tháng" in prev and _BARE_MONTH_RE.fullmatch(piece):
            pieces[i] = "tháng " + piece
        elif "quý" in prev and _BARE_QUARTER_RE.fullmatch(piece):
            pieces[i] = "quý " + piece
    tf = _span(pieces, low, year, 2)
    if tf is None:
        return None
    dated = [p for p in pieces if p and _parse_cached(p, year) is not None]
    if dated and not _BEFORE_RE.search(dated[0]) and any(_BEFORE_RE.search(p) for p in dated[1:]):
        return None
    return tf


def _norm(text: str | None) -> str:
    if not text:
        return ""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return single_spaced(text)


def parse_time_frame(text: str, year: int | None = None) -> TimeFrame | None:
    """Parse a phrase that states a time frame; None when nothing in it is recognised.

    *year* is the plan's year, used when the phrase leaves the year out ("Quý III", "31/12").
    """
    if not text:
        return None
    tf = _parse_cached(text, year)
    # A copy (callers may set .text); built directly: dataclasses.replace() introspects.
    return TimeFrame(tf.text, tf.start, tf.end, tf.recurring) if tf is not None else None


@lru_cache(maxsize=4096)
def _parse_cached(text: str, year: int | None) -> TimeFrame | None:
    # plans repeat the same few phrases ("Quý II/2025", "Thường xuyên") thousands of times
    phrase = _norm(text).strip(" .;,:")
    if not phrase or len(phrase) > 500:
        return None
    low = _lower(phrase)
    if ("xuyên" in low or "hằng" in low or "hàng" in low or "định k" in low or "liên tục" in low) \
            and _RECURRING_RE.search(low):
        tf = _recurring_phrase(low, year)
    else:
        tf = _plain(low, year)
    if tf is not None:
        tf.text = phrase
    return tf


# "Từ tháng 7 đến hết năm 2025", "từ Quý III đến cuối năm", "từ ngày 01/7 đến hết năm": from
# a start the phrase names to the end of that year (or of the year written).
_TO_YEAR_END_RE = re.compile(
    r"^(?P<head>.+?)\s*(?:đến|tới|[-–])\s*(?:hết|cuối)\s+năm(?:\s+(?P<y>\d{4}))?$")
_START_TO_YEAR_END = (rf"\btừ\s+(?:nay|tháng\s+\d{{1,2}}(?!\d)(?:\s*/\s*\d{{4}}|\s+năm\s+\d{{4}})?"
                      rf"|qu[ýyỳ]\s+(?:iv|iii|ii|i|[1-4])(?![\w])(?:\s*/\s*\d{{4}})?"
                      rf"|(?:ngày\s+)?{_DATE})\s*(?:đến|tới|[-–])\s*(?:hết|cuối)\s+năm"
                      rf"(?:\s+\d{{4}}(?!\d))?")


def _to_year_end(low: str, year: int | None) -> TimeFrame | None:
    m = _TO_YEAR_END_RE.match(low)
    if m is None:
        return None
    head = m.group("head").strip(" ,")
    written = _year_ok(int(m.group("y"))) if m.group("y") else None
    # the year written at the end holds for a start that leaves it out
    start = _plain(head, written or year) if head.startswith("từ") else None
    if start is None or start.start is None:
        return None  # "Từ nay đến hết năm 2025": the rules below read it
    last = written or start.start.year
    if last < start.start.year:
        return None
    return _tf(low, start.start, dt.date(last, 12, 31))


def _numeric_cell(low: str, year: int | None) -> TimeFrame | None:
    m = _NUMERIC_CELL_RE.fullmatch(low)
    if m is None:
        return None
    g = m.groupdict()
    if g["d1"] is not None:  # "15-20/11/2025": days 15 to 20 of November
        d1, d2, mo = int(g["d1"]), int(g["d2"]), int(g["dm"])
        y = _year_ok(int(g["dy"]) if g["dy"] else None) or _year_ok(year)
        if d1 >= d2 or y is None:
            return None
        start, end = _mkdate(y, mo, d1), _mkdate(y, mo, d2)
        return _tf(low, start, end) if start and end else None
    if g["m1"] is not None:  # "10-12/2025": October to December
        m1, m2, y = int(g["m1"]), int(g["m2"]), _year_ok(int(g["my"]))
        if not 1 <= m1 < m2 <= 12 or y is None:
            return None
        return _tf(low, dt.date(y, m1, 1), _month_end(y, m2))
    a, ya = int(g["a"]), _year_ok(int(g["ay"]))
    if not g["b"] and low.startswith("từ"):
        # "từ 09/2025" with no end: from that month to the end of its year (not September
        # only, which made the task overdue from October)
        return _tf(low, dt.date(ya, a, 1), dt.date(ya, 12, 31)) if 1 <= a <= 12 and ya else None
    b, yb = (int(g["b"]), _year_ok(int(g["by"]))) if g["b"] else (a, ya)
    if not (1 <= a <= 12 and 1 <= b <= 12) or ya is None or yb is None or (ya, a) > (yb, b):
        return None
    return _tf(low, dt.date(ya, a, 1), _month_end(yb, b))


# "Từ tháng 9/2025" with no end: from that month to the end of its year (as the cell
# "từ 09/2025"), not September only, which made the task overdue from October
_FROM_MONTH_RE = re.compile(
    r"từ\s+tháng\s+(\d{1,2})(?!\d)(?:\s*/\s*(\d{4})(?!\d)|\s+năm\s+(\d{4})(?!\d))?")
_UNTIL_RE = re.compile(r"đến|tới|[-–]")


def _from_month(low: str, year: int | None) -> TimeFrame | None:
    m = _FROM_MONTH_RE.match(low)
    if m is None or _UNTIL_RE.search(low, m.end()) or "tháng" in low[m.end():]:
        return None  # an end, or more months: the rules below read it
    month, y = int(m.group(1)), _year_ok(int(m.group(2) or m.group(3) or 0)) or _year_ok(year)
    if not 1 <= month <= 12 or y is None:
        return None
    return _tf(low, dt.date(y, month, 1), dt.date(y, 12, 31))


def _plain(low: str, year: int | None) -> TimeFrame | None:
    if "/" in low and (low[0].isdigit() or low.startswith("từ ")):
        tf = _numeric_cell(low, year)
        if tf is not None:
            return tf
    if low.startswith("từ tháng"):
        tf = _from_month(low, year)
        if tf is not None:
            return tf
    if "năm" in low and ("hết" in low or "cuối" in low):
        tf = _to_year_end(low, year)
        if tf is not None:
            return tf
    if "các năm" in low or "những năm" in low:
        m = _ONGOING_YEARS_RE.search(low)
        if m:
            tf = _ongoing_years(low, m, year)
            if tf is not None:
                return tf
    if "đợt" in low:
        tf = _periods(low, year)
        if tf is not None:
            return tf
    if "," in low or "và" in low or ";" in low or "&" in low or "+" in low:
        tf = _listed(low, year)
        if tf is not None:
            return tf
    for regex, build in _RULES:
        m = regex.search(low)
        if m:
            tf = build(low, m, year)
            if tf is not None:
                return tf
    return None


# The years a recurring phrase runs over: "Quý II hằng năm, giai đoạn 2026 - 2030", "trước ngày
# 15/12 hằng năm giai đoạn 2026 - 2030", "Quý II hằng năm, từ năm 2027 đến năm 2030"
_OWN_SPAN_RE = re.compile(
    r"(?:\b(?:trong\s+)?giai\s+đoạn\s+|\btừ\s+(?:năm\s+)?|\bnăm\s+(?!học))?(?<![\d/.])(\d{4})\s*"
    r"(?:-|–|—|đến|tới)\s*(?:hết\s+)?(?:năm\s+)?(\d{4})(?![\d/])")
_SPAN_STRIP = " .;,:()[]-–"


def _own_span(low: str) -> tuple[int, int, re.Match] | None:
    """The span of years a phrase states for itself (not a school year), or None."""
    for m in _OWN_SPAN_RE.finditer(low):
        y1, y2 = _year_ok(int(m.group(1))), _year_ok(int(m.group(2)))
        if y1 is not None and y2 is not None and y1 < y2 <= y1 + 30 \
                and not re.search(r"\bhọc\s*$", low[:m.start()]):
            return y1, y2, m
    return None


def _recurring_over_span(low: str, rest: str) -> TimeFrame | None:
    """"Quý II hằng năm, giai đoạn 2026 - 2030": the round the rest of the phrase states, in the
    span's first year, recurring to the span's last year (as over_programme runs a round over a
    programme); not in the plan year, nor the year before the span as a single date next to it."""
    found = _own_span(rest)
    if found is None:
        return None
    y1, y2, m = found
    left = re.sub(r"\(\s*\)", " ", rest[:m.start()] + " " + rest[m.end():]).strip(_SPAN_STRIP)
    tf = _plain(left, y1) if left else None
    if not _dated(tf):
        return None  # "Hằng năm, giai đoạn 2026 - 2028": the span itself, read as before
    return _over_years(_tf(low, tf.start, tf.end, True), y1, y2)


def _recurring_phrase(low: str, year: int | None) -> TimeFrame:
    """"Tháng 6, tháng 12 hằng năm", "trước 15/12 hằng năm", "Hằng quý": recurring, with the dates
    the rest of the phrase states in the plan year, else the plan year (or the year written);
    within a span of years the phrase states, from its first year to its last."""
    rest = _RECURRING_RE.sub(" ", low).strip(" .;,:()[]-–")
    if rest and any(c.isdigit() for c in rest):
        tf = _recurring_over_span(low, rest) if _OWN_SPAN_RE.search(rest) else None
        if tf is not None:
            return tf
    tf = _plain(rest, year) if rest else None
    if _dated(tf):
        return _tf(low, tf.start, tf.end, True)
    return _recurring(low, None, year)


def _lower(text: str) -> str:
    """Lower-cased text with the same positions (patterns are written in lower case: faster than
    IGNORECASE). The rare characters whose lower case is longer are left as they are; "quí" and
    "qúy" read as "quý"."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if "quí" in low or "qúy" in low:  # the older spellings of "quý" ("Quí IV/2025", "Qúy II"): same length
        low = low.replace("quí", "quý").replace("qúy", "quý")
    return low


# A list of months in running text: each named "tháng N", unless a year closes the list ("trong
# tháng 3, 4 xã tổ chức…" is one month).
_YEAR_AFTER = r"\s*/\s*\d{4}(?!\d)|\s+năm\s+\d{4}(?!\d)"
_MORE_MONTHS = r"(?:\s*(?:,|và|-|–)\s*tháng\s+\d{1,2}(?!\d))*"
_MONTHS_THEN_YEAR = (r"(?:\s*(?:,|và|-|–)\s*(?:tháng\s+)?\d{1,2}(?!\d))*(?:" + _YEAR_AFTER + ")")
# The terms of a school year: "học kỳ I", "HK2", "học kỳ I và học kỳ II", "học kì I, II",
# "cả hai học kỳ"; and a second term of its own year after the first ("học kỳ I năm học
# 2025 - 2026 và học kỳ II năm học 2025 - 2026")
_TERM_WORD = r"(?:học\s+k[ỳì]|hk)"
_TERMS = (r"(?:" + _TERM_WORD + r"\s*(?:ii|i|2|1)(?![\w])(?:\s*(?:,|và|-|–|&)\s*(?:" + _TERM_WORD
          + r"\s*)?(?:ii|i|2|1)(?![\w]))*|cả\s+(?:hai|2)\s+học\s+k[ỳì])")
_MORE_TERMS = (r"(?:\s*(?:,|và)\s*" + _TERMS + r"\s+(?:của\s+)?" + _SCHOOL_YEAR + r")?")
# In running text only unambiguous forms count (a bare "năm 2030" is usually not a deadline).
# (regex, kind, words the text must hold for the regex to be tried, or None)
_FIND_RULES = [
    (re.compile(_START_TO_YEAR_END), None, None),
    (_DAY_RANGE_RE, None, None),
    (_RANGE_RE, _range, None),
    (_MONTH_RANGE_RE, _month_range, None),
    (re.compile(rf"\b(?:hoàn\s+thành\s+)?(?:trước|chậm\s+nhất(?:\s+là)?(?:\s+vào)?)\s+(?:ngày\s+)?(?P<d>{_DATE})"
                rf"|{_BEFORE_MONTH}"), _before, None),
    (re.compile(r"\bqu[ýyỳ]\s+(?:iv|iii|ii|i|[1-4])(?![\w])(?:\s*(?:,|và|-|–|đến)\s*(?:qu[ýyỳ]\s+)?"
                r"(?:iv|iii|ii|i|[1-4])(?![\w]))*(?:\s*/\s*\d{4}|\s+năm\s+\d{4})?"
                # "Quý IV/2025 - Quý I/2026": on to a quarter of the next year
                r"(?:(?<=\d)\s*(?:-|–|—|đến|tới)\s*(?:hết\s+)?qu[ýyỳ]\s+(?:iv|iii|ii|i|[1-4])"
                r"(?![\w])\s*(?:/\s*|năm\s+)\d{4}(?!\d))?"), None, None),
    (re.compile(r"\b(?:0?6|sáu)\s+tháng\s+(?:đầu|cuối)\s+năm(?:\s+\d{4})?"), None, None),
    # months, and lists of months ("trong tháng 3 và tháng 9 năm 2025", "tháng 11 và tháng 12/2025")
    (re.compile(r"\b(?:trong|vào|từ)\s+tháng\s+\d{1,2}(?!\d)(?:" + _MONTHS_THEN_YEAR
                + "|" + _MORE_MONTHS + r"(?:" + _YEAR_AFTER + r")?)"
                r"|\btháng\s+\d{1,2}(?!\d)" + _MONTHS_THEN_YEAR), None, None),
    (_ONGOING_YEARS_RE, None, None),
    # "trong năm học 2025 - 2026", "(năm học 2025-2026)", and its terms: "trong học kỳ II năm
    # học …", "vào học kỳ I và học kỳ II năm học …", "(HK1, HK2 năm học …)"; a bare mention may
    # be a past one. (Only where "năm học" is written: most texts skip the scan.)
    (re.compile(r"\btrong\s+(?:(?:suốt\s+)?" + _TERMS + r"\s+(?:của\s+)?)?(?=năm\s+học)"
                + _SCHOOL_YEAR + _MORE_TERMS
                + r"|\b(?:vào|suốt)\s+" + _TERMS + r"\s+(?:của\s+)?" + _SCHOOL_YEAR + _MORE_TERMS
                + r"|\((?:" + _TERMS + r"\s+(?:của\s+)?)?" + _SCHOOL_YEAR + r"\)"),
     None, "năm học"),
    (re.compile(r"\btrong\s+năm\s+\d{4}(?!\d)|\bcả\s+năm\b|\((?:trong\s+)?năm\s+\d{4}\)"),
     None, None),
    (re.compile(r"\((?:thực\s+hiện\s+)?(?:thường\s+xuyên|(?:hằng|hàng)\s+(?:năm|quý|tháng|tuần)"
                r"|định\s+k[ỳì])\)"
                r"|(?:^|[;:]\s*)(?:thường\s+xuyên|hằng\s+năm|hàng\s+năm)\s*[.;]?\s*$"), None, None),
    # "(Tháng 6, tháng 12 hằng năm)": a bracket with a recurring word and dates
    (re.compile(r"\([^()\n]{0,80}?\b(?:hằng|hàng)\s+(?:năm|quý|tháng)[^()\n]{0,40}\)"),
     "dated", None),
]
# "trước ngày 05/12 hằng năm": a phrase found in running text, then said to recur (over the span
# of years written next: "trước ngày 15/12 hằng năm giai đoạn 2026 - 2030")
_RECUR_AFTER_RE = re.compile(
    r"\s*,?\s*(?:hằng|hàng)\s+(?:năm|quý|tháng)(?!\w)"
    r"(?:\s*,?\s*(?:(?:trong\s+)?giai\s+đoạn|từ(?:\s+năm)?)\s+\d{4}\s*(?:-|–|—|đến|tới)\s*(?:hết\s+)?"
    r"(?:năm\s+)?\d{4}(?![\d/]))?")


def _find_periods(source: str, low: str, year: int | None, start: int = 0,
                  before: int | None = None) -> TimeFrame | None:
    """The time frame of a run of two or more "đợt N …" periods in running text (the first one
    found from *start*, and before *before* when given), or None."""
    first = _PERIOD_RE.search(low, start)
    if first is None or (before is not None and first.start() >= before):
        return None
    last = first
    while True:
        nxt = _PERIOD_RE.search(low, last.end())
        gap = low[last.end():nxt.start()] if nxt is not None else ""
        if nxt is None or len(gap) > _PERIOD_GAP or "\n" in gap:
            break
        last = nxt
    end_m = _CLAUSE_END_RE.search(low, last.end())
    end = end_m.start() if end_m else len(low)
    if last is first or _parse_cached(low[last.end():end], year) is None:
        return None  # one period, or dates written before their "đợt N": the usual reading
    phrase = source[first.start():end].strip(" ()[].;:,")
    tf = parse_time_frame(phrase, year)
    return tf if tf is not None and (tf.start or tf.end) else None


def find_time_frame(text: str, year: int | None = None) -> TimeFrame | None:
    """Find the time frame stated inside an item's title or text, or None.

    A labelled value ("Thời gian: Quý II/2025", "Thời gian thực hiện: Thường xuyên") wins; else the
    most specific phrase found (a date range before a deadline before a quarter…). The returned
    text is the phrase as written.
    """
    source = _norm(text)
    if not source:
        return None
    low = _lower(source)
    m = _LABELLED_RE.search(low) if ":" in low else None
    if m and "(" in m.group("v"):
        m = _LABELLED_BRACKET_RE.match(low, m.start()) or m
    if m:
        tf = _find_periods(source, low, year, m.start("v"), m.end("v")) if "đợt" in low else None
        if tf is not None:
            return tf
        value = source[m.start("v"):m.end("v")].strip(" .,")
        if value:
            return parse_time_frame(value, year) or TimeFrame(text=value)
    if "đợt" in low:
        tf = _find_periods(source, low, year)
        if tf is not None:
            return tf
    if not any(ch.isdigit() for ch in low) and "quý" not in low and "năm" not in low and "xuyên" not in low \
            and "hàng" not in low and "hằng" not in low and "định kỳ" not in low:
        return None
    for regex, kind, needs in _FIND_RULES:
        if needs is not None and needs not in low:
            continue
        for m in regex.finditer(low):
            end = m.end()
            if kind != "dated" and ("hằng" in low or "hàng" in low):
                after = _RECUR_AFTER_RE.match(low, end)
                if after:
                    end = after.end()
            phrase = source[m.start():end].strip(" ()[].;:,")
            tf = parse_time_frame(phrase, year)
            if tf is not None and (kind != "dated" or _parse_cached(
                    _RECURRING_RE.sub(" ", _lower(phrase)), year) is not None):
                return tf
    return None



def over_programme(tf: TimeFrame | None, year: int, last_year: int) -> TimeFrame | None:
    """*tf* read in a multi-year programme (*year* to *last_year*): a recurring frame read as
    one year's round ("Hằng năm", "trước ngày 15/12 hằng năm", "Hằng năm, từ năm 2027") runs
    to the same day of the programme's last year, an open-ended one ("… và các năm tiếp
    theo") to its end. Anything else is unchanged."""
    if tf is None or not tf.recurring or last_year <= year:
        return tf
    if tf.text and _own_span(_lower(tf.text)) is not None:
        return tf  # its own years ("trước ngày 15/12 hằng năm giai đoạn 2026 - 2028")
    return _over_years(tf, year, last_year)


def _over_years(tf: TimeFrame, year: int, last_year: int) -> TimeFrame:
    if tf.end is None:  # "Năm 2026 và các năm tiếp theo": until the programme ends
        return TimeFrame(tf.text, tf.start, dt.date(last_year, 12, 31), True) if tf.start else tf
    if tf.end.year >= last_year or (tf.start is not None and tf.start.year != tf.end.year):
        return tf  # already over several years ("Hằng năm, giai đoạn 2026 - 2028")
    try:  # one year's round ("Hằng năm", "Hằng năm, từ năm 2027", "trước 15/12 hằng năm")
        end = tf.end.replace(year=last_year)
    except ValueError:  # 29 February
        end = dt.date(last_year, 2, 28)
    return TimeFrame(tf.text, tf.start, end, tf.recurring)


def frame_text(text: str, start: dt.date | None, end: dt.date | None, recurring: bool) -> str:
    """A time frame as the app and the documents show it: as written, else said from its dates
    ("Năm 2025" for a whole year, "Thường xuyên", "dd/mm/yyyy - dd/mm/yyyy", "Trước dd/mm/yyyy")."""
    if text:
        return text
    if recurring:
        return "Thường xuyên"
    if start and end:
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
            return f"Năm {start.year}" if start.year == end.year else \
                f"Năm {start.year} - {end.year}"
        return f"{format_date(start)} - {format_date(end)}"
    if end:
        return f"Trước {format_date(end)}"
    if start:
        return f"Từ {format_date(start)}"
    return ""
