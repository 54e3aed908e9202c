"""Dates as Vietnamese users type and read them: dd/mm/yyyy."""

from __future__ import annotations

import datetime as dt
import re

from .text import clean_line

_DATE_RE = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})\s*$")


class DateError(ValueError):
    """A date the user typed that is not a real dd/mm/yyyy date (message in Vietnamese)."""


# The years a date typed in gbapp may have (legal bases go back to the 1946 Constitution).
FIRST_YEAR, LAST_YEAR = 1945, 2100


_PASTED_AROUND = " \t\u00a0\u200b\ufeff\x07"


def parse_date(text: str) -> dt.date | None:
    """'5/2/2025' or '05/02/2025' -> date(2025, 2, 5); '' -> None; otherwise DateError."""
    if text:
        # pasted from a Word cell: a non-breaking space, a cell mark (\x07), a line break
        text = clean_line(text).strip(_PASTED_AROUND)
    if not text:
        return None
    m = _DATE_RE.match(text)
    if not m:
        raise DateError(f"Ngày «{text.strip()}» không đúng dạng ngày/tháng/năm (dd/mm/yyyy).")
    day, month, year = (int(g) for g in m.groups())
    if year < 100:
        year += 2000
    try:
        value = dt.date(year, month, day)
    except ValueError:
        raise DateError(f"Ngày «{text.strip()}» không có thật.") from None
    if not FIRST_YEAR <= year <= LAST_YEAR:  # "01/01/1900", "15/12/20225": a slip of the keys
        raise DateError(f"Năm của ngày «{text.strip()}» nằm ngoài khoảng {FIRST_YEAR}–{LAST_YEAR}: "
                        "hãy kiểm tra lại.")
    return value


def format_date(value: dt.date | None) -> str:
    """date(2025, 2, 5) -> '05/02/2025'; None -> ''."""
    # Not strftime: it imports the time module on each call (through Qt's import hook in
    # the app), and tables format hundreds of dates per keystroke.
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}" if value else ""


def check_range(start: dt.date | None, end: dt.date | None) -> str | None:
    """A Vietnamese message if the range ends before it starts, else None."""
    if start and end and end < start:
        return "Ngày kết thúc phải sau ngày bắt đầu."
    return None
