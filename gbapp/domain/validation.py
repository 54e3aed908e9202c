"""Parsing and checking what users type (numbers, money, dates, activities, reports); no Qt.

Every check returns Vietnamese messages keyed by field name so that a form can show each one
next to its field.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .dates import DateError, check_range, parse_date
from .model import Status
from .text import clean_line, fold

_GROUPED = re.compile(r"^\d{1,3}([.,\s]\d{3})+$")
_PLAIN_INT = re.compile(r"^\d+$")
# 1.200 or 1.234,5; not 0.125 (no number of thousands begins with a 0: a decimal point)
_DECIMAL_VI_GROUPED = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+(,\d+)?$")
_DECIMAL_EN_GROUPED = re.compile(r"^[1-9]\d{0,2}(,\d{3}){2,}(\.\d+)?$")  # 1,200,000 (English)
_DECIMAL_PLAIN = re.compile(r"^\d+([.,]\d+)?$")  # 60, 1,7 or 1.7


class InvalidInput(ValueError):
    """A form's input has errors: field name -> message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


COUNT_DIGITS = 12  # a count of people or sessions never comes near a million million


def parse_count(text: str) -> int | None:
    """A non-negative whole number, '1.200' allowed; '' -> None."""
    text = (text or "").strip()
    if not text:
        return None
    if _GROUPED.match(text):
        text = re.sub(r"[.,\s]", "", text)
    if not _PLAIN_INT.match(text):
        raise ValueError("Chỉ nhập số nguyên không âm (ví dụ 120).")
    # a key held down, a bad paste: SQLite cannot store an integer of 20 digits
    if len(text.lstrip("0")) > COUNT_DIGITS:
        raise ValueError(f"Số quá lớn: nhập tối đa {COUNT_DIGITS} chữ số.")
    return int(text)


def parse_percent(text: str) -> int | None:
    """A share in whole per cent: '80', '80%', '80 %'; '' -> None."""
    cleaned = (text or "").strip()
    if cleaned.endswith("%"):
        cleaned = cleaned[:-1].rstrip()
    return parse_count(cleaned)


_MONEY_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")  # 15.000.000 or 15.000.000,00
# 12,000,000 or 500,000 pasted from English Excel: a đồng has no thousandths, so a comma before
# three digits groups thousands ("500,000" is five hundred thousand, not 500)
_MONEY_EN_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_MONEY_PLAIN = re.compile(r"^\d+([.,]\d+)?$")  # 15000000, 15000000,00
_CURRENCY = re.compile(r"\s*(đồng|đ|vnđ|vnd)\.?$", re.IGNORECASE)


MONEY_LIMIT = 1e15  # đồng: a thousand thousand billion, beyond any budget of a plan


def parse_money(text: str) -> float | None:
    """An amount in whole đồng: '15.000.000', '15 000 000 đ', '15000000', '12,000,000',
    '500,000'; '' -> None.

    Raises ValueError with a Vietnamese message for anything else, a part of a đồng included
    ('2,5' is not 2,5 million: it would be stored as 2 đồng and a half).
    """
    raw = (text or "").strip()
    cleaned = _CURRENCY.sub("", raw).replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return None
    if _MONEY_GROUPED.match(cleaned):
        value = float(cleaned.replace(".", "").replace(",", "."))
    elif _MONEY_EN_GROUPED.match(cleaned):
        value = float(cleaned.replace(",", ""))
    elif _MONEY_PLAIN.match(cleaned):
        value = float(cleaned.replace(",", "."))
    else:
        raise ValueError(f"Số tiền «{raw}» không hợp lệ: không phải là một số tiền "
                         "(nhập theo đồng, ví dụ 15.000.000).")
    if value >= MONEY_LIMIT:
        raise ValueError(f"Số tiền «{raw}» quá lớn: hãy kiểm tra lại (nhập theo đồng).")
    if value != int(value):
        raise ValueError(f"Số tiền «{raw}» có phần lẻ của đồng: nhập số đồng, ví dụ "
                         "2.500.000 cho hai triệu rưỡi.")
    return value


DECIMAL_DIGITS = COUNT_DIGITS  # whole digits of a figure: a rate, a ratio, a count of people


def parse_decimal(text: str) -> float | None:
    """A number as Vietnamese write it: '1,7', '1.200' (one thousand two hundred), '1.234,5';
    also '1.7' and '1,200,000' pasted from English sources; '' -> None.

    A dot followed by groups of exactly three digits groups thousands, as in Vietnamese; any other
    dot is a decimal point. More than DECIMAL_DIGITS whole digits is refused (a key held down:
    thirty nines would be stored as 1e30, four hundred as infinity).
    """
    raw = (text or "").strip()
    cleaned = raw.replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return None
    sign = -1.0 if cleaned.startswith("-") else 1.0
    digits = cleaned[1:] if cleaned.startswith("-") else cleaned
    if _DECIMAL_VI_GROUPED.match(digits):
        whole, number = digits.split(",")[0], digits.replace(".", "").replace(",", ".")
    elif _DECIMAL_EN_GROUPED.match(digits):
        whole, number = digits.split(".")[0], digits.replace(",", "")
    elif _DECIMAL_PLAIN.match(digits):
        whole, number = re.split(r"[.,]", digits)[0], digits.replace(",", ".")
    else:
        raise ValueError(f"«{raw}» không phải là một số. Nhập ví dụ 60; 1,7 hoặc 1.200.")
    if len(re.sub(r"\D", "", whole).lstrip("0")) > DECIMAL_DIGITS:
        raise ValueError(f"Số quá lớn: nhập tối đa {DECIMAL_DIGITS} chữ số phần nguyên.")
    return sign * float(number)


def is_percent_unit(unit: str | None) -> bool:
    """"%", "tỷ lệ %", "tỷ lệ (%)", "phần trăm": a share out of a hundred."""
    folded = fold(unit or "")
    return "%" in folded or "phan tram" in folded


def _without_unit(raw: str, unit: str | None) -> str:
    """The number of '80%', '80 %' or '1,5 lần' (the indicator's own unit written after it);
    a '%' after the figure of an indicator counted in something else is refused."""
    text = raw.strip()
    unit = clean_line(unit or "")
    if unit and not is_percent_unit(unit):
        cut = re.sub(r"\s*" + re.escape(unit) + r"\.?$", "", text, flags=re.IGNORECASE)
        if cut != text:
            return cut
    if text.endswith("%"):
        if unit and not is_percent_unit(unit):
            raise ValueError(f"«{raw}»: chỉ tiêu này tính bằng «{unit}», không phải %. "
                             "Chỉ nhập số.")
        return text[:-1].rstrip()
    if unit and is_percent_unit(unit):  # "80 phần trăm"
        for word in (unit, "phần trăm"):
            cut = re.sub(r"\s*" + re.escape(word) + r"$", "", text, flags=re.IGNORECASE)
            if cut != text:
                return cut
    return text


def parse_figure(text: str, unit: str | None = "") -> float | None:
    """An indicator's figure (parse_decimal): not negative, two decimals at most (the app shows
    and prints two, so '99,999' would read '100' beside a target of 100 it does not reach). A
    trailing '%' or the indicator's *unit* ('1,5 lần') is allowed and dropped."""
    raw = (text or "").strip()
    not_a_number = f"«{raw}» không phải là một số. Nhập ví dụ 60; 1,7 hoặc 1.200."
    try:
        value = parse_decimal(_without_unit(raw, unit))
    except ValueError as exc:  # said of what was typed, its "%" included
        if "không phải là một số" in str(exc):
            raise ValueError(not_a_number) from None
        raise
    if value is None:
        if raw:  # "%" alone
            raise ValueError(not_a_number)
        return None
    if value < 0:
        raise ValueError(f"«{raw}»: số liệu của chỉ tiêu không được âm.")
    if abs(round(value, 2) - value) > 1e-9:
        raise ValueError(f"«{raw}»: nhập tối đa hai chữ số thập phân (ví dụ 99,99).")
    return value + 0.0  # -0 typed as "-0" is 0


# Units whose men and women figures add up to the total: counts of people, cases, households.
_COUNT_UNITS = ("nguoi", "luot", "vu", "ho", "truong hop", "ca", "can bo", "hoc vien", "lao dong")


def is_count_unit(unit: str | None) -> bool:
    """Whether figures in *unit* are counts ("người", "lượt người", "vụ", "người/năm"…): the
    men's and women's figures add up to the total. Rates, ratios and averages do not."""
    head = fold(unit or "").strip().split("/")[0].strip()  # "người/năm" counts people
    return any(head == u or head.startswith(u + " ") for u in _COUNT_UNITS)


def figure_total(unit: str | None, value: float | None, men: float | None,
                 women: float | None) -> float | None:
    """The figure an indicator's year is judged by: its total, else men + women of a count
    (a rate's or a ratio's total is not the sum of its parts: None)."""
    if value is not None:
        return value
    if men is not None and women is not None and is_count_unit(unit):
        return men + women
    return None


def check_value_split(unit: str, value: float | None, men: float | None,
                      women: float | None) -> dict[str, str]:
    """An indicator's yearly figure against its men/women split; messages keyed by field.

    A rate (any percent unit) stays within 0–100. A count ("người", "vụ"…) is the sum of its
    men and women figures: neither part above the total, both together equal to it; with no
    total, both parts make it. A rate, a ratio or an average ("giờ/tuần") is not the sum of its
    parts: its total must be typed.
    """
    errors: dict[str, str] = {}
    shown = clean_line(unit or "")
    if is_percent_unit(unit):
        for key, number in (("value", value), ("men", men), ("women", women)):
            if number is not None and not 0 <= number <= 100:
                errors[key] = "Tỷ lệ phải từ 0 đến 100%."
    count = is_count_unit(unit)
    if value is None and (men is not None or women is not None):
        if not count:  # a rate of all is not the sum of the men's and the women's rates
            what = f" (đơn vị «{shown}»: không cộng nam + nữ)" if shown else ""
            errors.setdefault("value", f"Nhập giá trị chung{what}.")
        elif men is None or women is None:
            errors.setdefault("value", "Nhập giá trị chung (hoặc cả số nam và số nữ).")
    if count and value is not None:
        for key, number, who in (("men", men, "nam"), ("women", women, "nữ")):
            if number is not None and number > value + 1e-6:
                errors.setdefault(key, f"Số {who} ({format_decimal(number)}) lớn hơn giá trị "
                                       f"chung ({format_decimal(value)}).")
        if (men is not None and women is not None and abs(men + women - value) > 1e-6
                and "men" not in errors and "women" not in errors):
            errors.setdefault("value", f"Nam + nữ ({format_decimal(men + women)}) khác giá trị "
                                       f"chung ({format_decimal(value)}).")
    return errors


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
    """60.0 -> '60', 1.7 -> '1,7', 1200 -> '1.200' (Vietnamese decimal comma and thousands dot),
    so that what is shown reads back as the same number."""
    if value is None:
        return ""
    whole, _, fraction = f"{abs(value):,.2f}".rstrip("0").rstrip(".").partition(".")
    text = whole.replace(",", ".") + ("," + fraction if fraction else "")
    return "-" + text if value < 0 and text != "0" else text


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
    if status == Status.NOT_STARTED and percent and "percent" not in errors:
        errors["percent"] = "Chưa triển khai thì tỷ lệ hoàn thành là 0% (hoặc để trống)."
    if status == Status.IN_PROGRESS and percent == 100 and "percent" not in errors:
        errors["percent"] = "Đã đạt 100% thì chọn tình trạng «Hoàn thành»."
    if participants is None and (men is None) != (women is None):
        # a total made up from one side would be printed in the report as everyone
        errors.setdefault("participants", "Nhập số người tham gia (hoặc cả số nam và số nữ).")
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
    if not clean_line(values.title):  # as stored: control characters pasted from Word go
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
        parse_money(values.budget_text)
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
