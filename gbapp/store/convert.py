"""Conversions between Python values and SQLite columns (ISO dates, booleans)."""

from __future__ import annotations

import datetime as dt


def date_out(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def date_in(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
