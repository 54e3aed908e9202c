"""Parsing and checking what users type in the follow-up pages; plain Python, no Qt.

Every check returns Vietnamese messages keyed by field name so that a form can show each one
next to its field. These rules belong in the domain layer; they live here only until that
layer grows them (see the report that came with these pages).
"""

from __future__ import annotations

import datetime as dt
import re

from ....domain.dates import DateError, parse_date
from ....domain.model import Status

_GROUPED = re.compile(r"^\d{1,3}([.,\s]\d{3})+$")
_PLAIN_INT = re.compile(r"^\d+$")
_DECIMAL = re.compile(r"^-?\d+([.,]\d+)?$")


class InvalidInput(ValueError):
    """A form's input has errors: field name -> message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def parse_count(text: str) -> int | None:
    """A non-negative whole number, '1.200' allowed; '' -> None."""
    text = (text or "").strip()
    if not text:
        return None
    if _GROUPED.match(text):
        text = re.sub(r"[.,\s]", "", text)
    if not _PLAIN_INT.match(text):
        raise ValueError("Chỉ nhập số nguyên không âm (ví dụ 120).")
    return int(text)


def parse_money(text: str) -> float | None:
    """An amount in VND: '15.000.000', '15 000 000', '15000000 đ'; '' -> None."""
    text = (text or "").strip().lower()
    for unit in ("vnđ", "vnd", "đồng", "đ"):
        text = text.removesuffix(unit).strip()
    if not text:
        return None
    if _GROUPED.match(text):
        return float(re.sub(r"[.,\s]", "", text))
    if _PLAIN_INT.match(text):
        return float(text)
    if _DECIMAL.match(text) and not text.startswith("-"):
        return float(text.replace(",", "."))
    raise ValueError("Số tiền không hợp lệ; nhập theo đồng, ví dụ 15.000.000.")


def parse_decimal(text: str) -> float | None:
    """A decimal number with a comma or a dot ('1,7' or '1.7'); '' -> None."""
    text = (text or "").strip().replace(" ", "")
    if not text:
        return None
    if not _DECIMAL.match(text):
        raise ValueError("Chỉ nhập số, ví dụ 60 hoặc 1,7.")
    return float(text.replace(",", "."))


def parse_year(text: str) -> int | None:
    text = (text or "").strip()
    if not text:
        return None
    if not re.fullmatch(r"\d{4}", text) or not 1900 <= int(text) <= 2100:
        raise ValueError("Năm phải có 4 chữ số, ví dụ 2025.")
    return int(text)


def format_money(value: float | None) -> str:
    """15000000 -> '15.000.000' (Vietnamese thousands separator)."""
    if value is None:
        return ""
    return f"{round(value):,}".replace(",", ".")


def format_count(value: int | None) -> str:
    return "" if value is None else str(value)


def format_decimal(value: float | None) -> str:
    """60.0 -> '60', 1.7 -> '1,7' (Vietnamese decimal comma)."""
    if value is None:
        return ""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def field_date(raw: str, errors: dict[str, str], key: str) -> dt.date | None:
    """Parse a date field, recording the message under *key* when it is not a real date."""
    try:
        return parse_date(raw)
    except DateError as exc:
        errors[key] = str(exc)
        return None


def field_number(parse, raw: str, errors: dict[str, str], key: str):
    """Parse a number field with *parse*, recording the message under *key* on error."""
    try:
        return parse(raw)
    except ValueError as exc:
        errors[key] = str(exc)
        return None


def check_date_range(start: dt.date | None, end: dt.date | None, errors: dict[str, str],
                     key: str, message: str = "Ngày kết thúc phải sau ngày bắt đầu.") -> None:
    if start and end and end < start and key not in errors:
        errors[key] = message


def check_progress(status: Status, percent: int | None, participants: int | None,
                   men: int | None, women: int | None, completed_on: dt.date | None,
                   today: dt.date, errors: dict[str, str]) -> None:
    """The rules of a progress report that concern more than one field."""
    done = status in (Status.DONE_ON_TIME, Status.DONE_LATE)
    if percent is not None and percent > 100 and "percent" not in errors:
        errors["percent"] = "Tỷ lệ hoàn thành từ 0 đến 100%."
    if done and percent is not None and percent < 100 and "percent" not in errors:
        errors["percent"] = "Đã hoàn thành thì tỷ lệ là 100%."
    if participants is not None:
        for key, count, who in (("men", men, "nam"), ("women", women, "nữ")):
            if count is not None and count > participants and key not in errors:
                errors[key] = f"Số {who} ({count}) nhiều hơn số người tham gia ({participants})."
        if (men is not None and women is not None and men + women > participants
                and "men" not in errors and "women" not in errors):
            errors["women"] = (f"Nam + nữ ({men + women}) nhiều hơn số người tham gia "
                               f"({participants}).")
    if "completed_on" not in errors:
        if done and completed_on is None:
            errors["completed_on"] = "Nhập ngày hoàn thành khi tình trạng là hoàn thành."
        elif not done and completed_on is not None:
            errors["completed_on"] = "Chỉ nhập ngày hoàn thành khi đã hoàn thành."
        elif completed_on is not None and completed_on > today:
            errors["completed_on"] = "Ngày hoàn thành không được sau hôm nay."
