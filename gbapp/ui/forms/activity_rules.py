"""Rules of the activity and plan forms, as plain functions without Qt.

They belong in gbapp.domain (nothing here imports Qt or the store); they live beside the forms
until the domain package takes them. Messages are Vietnamese, for the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...domain.dates import DateError, check_range, parse_date

_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")  # 15.000.000 or 1.500,5
_EN_GROUPED = re.compile(r"^\d{1,3}(,\d{3}){2,}$")  # 12,000,000 pasted from an English Excel
_PLAIN = re.compile(r"^\d+([.,]\d+)?$")  # 15000000, 1,5 or 1.5
_CURRENCY = re.compile(r"\s*(đồng|đ|vnđ|vnd)\.?$", re.IGNORECASE)


def parse_budget(text: str) -> float | None:
    """'15.000.000' (Vietnamese grouping), '15 000 000 đ' or '15000000' -> 15000000.0; '' -> None.

    Raises ValueError with a Vietnamese message for anything else.
    """
    raw = (text or "").strip()
    if not raw:
        return None
    cleaned = _CURRENCY.sub("", raw).replace(" ", "").replace("\u00a0", "")
    if _GROUPED.match(cleaned):
        return float(cleaned.replace(".", "").replace(",", "."))
    if _EN_GROUPED.match(cleaned):
        return float(cleaned.replace(",", ""))
    if _PLAIN.match(cleaned) and not re.match(r"^\d{1,3}\.\d{3}$", cleaned):
        return float(cleaned.replace(",", "."))
    raise ValueError(f"Kinh phí «{raw}» không phải là một số tiền (ví dụ: 15.000.000).")


def format_budget(value: float | None) -> str:
    """15000000.0 -> '15.000.000'; 1.5 -> '1,5'; None -> ''."""
    if value is None:
        return ""
    whole = int(value)
    grouped = f"{whole:,}".replace(",", ".")
    fraction = round(value - whole, 2)
    return grouped + (f",{str(fraction)[2:]}" if fraction else "")


@dataclass
class ActivityInput:
    """The activity form as typed, before conversion."""

    title: str = ""
    is_activity: bool = True
    start_text: str = ""
    end_text: str = ""
    budget_text: str = ""
    lead_text: str = ""  # the lead agency's name as typed
    lead_id: int | None = None  # the agency that name resolves to, if any
    unknown_coordinating: tuple[str, ...] = ()


def validate_activity(values: ActivityInput) -> dict[str, str]:
    """Field name -> message for every rule the input breaks (empty: valid)."""
    errors: dict[str, str] = {}
    if not values.title.strip():
        errors["title"] = "Hãy nhập nội dung của mục."
    start = end = None
    try:
        start = parse_date(values.start_text)
    except DateError as exc:
        errors["start"] = str(exc)
    try:
        end = parse_date(values.end_text)
    except DateError as exc:
        errors["end"] = str(exc)
    if "start" not in errors and "end" not in errors:
        problem = check_range(start, end)
        if problem:
            errors["end"] = problem
    try:
        parse_budget(values.budget_text)
    except ValueError as exc:
        errors["budget"] = str(exc)
    if values.lead_text.strip() and values.lead_id is None:
        errors["lead"] = (f"Không có cơ quan «{values.lead_text.strip()}» trong danh mục; "
                          "hãy chọn trong danh sách gợi ý hoặc thêm ở trang Cơ quan.")
    elif values.is_activity and values.lead_id is None:
        errors["lead"] = "Hoạt động phải có một cơ quan chủ trì."
    if values.unknown_coordinating:
        errors["coordinating"] = ("Không có trong danh mục cơ quan: "
                                  + ", ".join(f"«{n}»" for n in values.unknown_coordinating) + ".")
    return errors


def validate_dates(fields: dict[str, str]) -> dict[str, str]:
    """Field name -> message for every field whose dd/mm/yyyy text is not a real date."""
    errors = {}
    for name, text in fields.items():
        try:
            parse_date(text)
        except DateError as exc:
            errors[name] = str(exc)
    return errors
