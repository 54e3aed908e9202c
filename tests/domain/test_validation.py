"""Numbers as Vietnamese officers type them, and the men/women split of an indicator's figure."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gbapp.domain.validation import check_value_split, format_decimal, parse_decimal


@pytest.mark.parametrize(("typed", "number"), [
    ("1.200", 1200.0),  # a thousands dot, as Vietnamese write it: not 1,2
    ("1.234,5", 1234.5),
    ("12.345.678", 12345678.0),
    ("1,7", 1.7),
    ("1.7", 1.7),  # a decimal point from an English source
    ("12.25", 12.25),
    ("60", 60.0),
    ("1,200,000", 1200000.0),  # pasted from English Excel
    ("12 345", 12345.0),
    ("-3,5", -3.5),
    ("", None),
])
def test_parse_decimal(typed, number):
    assert parse_decimal(typed) == number


@pytest.mark.parametrize("typed", ["abc", "1..2", "năm mươi", "1,2,3", "--1"])
def test_parse_decimal_refuses_what_is_not_a_number(typed):
    with pytest.raises(ValueError, match="không phải là một số"):
        parse_decimal(typed)


@pytest.mark.parametrize(("number", "shown"), [
    (1200.0, "1.200"), (1234.5, "1.234,5"), (1.7, "1,7"), (60.0, "60"), (0.25, "0,25"),
    (-3.5, "-3,5"), (None, ""),
])
def test_format_decimal(number, shown):
    assert format_decimal(number) == shown


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False))
def test_what_is_shown_reads_back_as_the_same_number(value):
    number = float(value)
    assert parse_decimal(format_decimal(number)) == pytest.approx(number, abs=1e-9)


def test_a_count_is_the_sum_of_men_and_women():
    assert check_value_split("người", 1200, 700, 800) == {
        "value": "Nam + nữ (1.500) khác giá trị chung (1.200)."}
    assert check_value_split("lượt người", 1500, 700, 800) == {}
    assert check_value_split("người", 1200, 700, None) == {}  # a partial split is not checked


def test_rates_stay_within_100_and_averages_are_not_summed():
    assert check_value_split("%", 120, 50, None) == {"value": "Tỷ lệ phải từ 0 đến 100%."}
    assert check_value_split("giờ/tuần", 12.5, 5, 20) == {}


def test_a_date_far_outside_any_plan_is_refused():
    """"01/01/1900" was accepted as the start of a 2025 activity (a UX review)."""
    import pytest

    from gbapp.domain.dates import DateError, parse_date

    for typed in ("01/01/1900", "31/12/2101"):
        with pytest.raises(DateError, match="ngoài khoảng 1945–2100"):
            parse_date(typed)
    assert parse_date("29/11/2006").year == 2006 and parse_date("1/1/25").year == 2025


@pytest.mark.parametrize(("text", "amount"), [
    ("500,000", 500_000), ("12,000", 12_000), ("15,000,000", 15_000_000),
    ("15.000.000,00", 15_000_000), ("12,000.00", 12_000), ("1.500", 1_500),
    ("15.000.000 Đồng", 15_000_000),
])
def test_money_in_whole_dong(text, amount):
    # "500,000" was stored as 500 đồng: a đồng has no thousandths, the comma groups thousands
    from gbapp.domain.validation import parse_money

    assert parse_money(text) == amount


@pytest.mark.parametrize("text", ["2,5", "1.5", "1.234,5"])
def test_a_part_of_a_dong_is_refused_not_rounded_on_display(text):
    # "2,5" was stored as 2.5 and shown as "2"
    from gbapp.domain.validation import parse_money

    with pytest.raises(ValueError, match="phần lẻ của đồng"):
        parse_money(text)


def test_percent_with_its_sign():
    from gbapp.domain.validation import parse_percent

    assert parse_percent("80%") == parse_percent("80 %") == parse_percent(" 80 ") == 80
    assert parse_percent("") is None


@pytest.mark.parametrize("text", [" 01/03/2025", "\u00a001/03/2025", "1/3/2025\x07",
                                  "01/03/2025\r\n", "\ufeff1/3/25"])
def test_a_date_pasted_from_a_word_cell(text):
    import datetime as dt

    from gbapp.domain.dates import parse_date

    assert parse_date(text) == dt.date(2025, 3, 1)


def test_a_date_field_keeps_what_is_pasted_around_a_date(qapp):
    # its ten-character limit cut " 01/03/2025" to "01/03/202", then quoted that in the error
    import datetime as dt

    from gbapp.ui.widgets.date_edit import DateEdit

    field = DateEdit()
    field.insert("\u00a001/03/2025")
    assert field.date() == dt.date(2025, 3, 1)
    field.editingFinished.emit()
    assert field.text() == "01/03/2025"


def test_a_number_too_long_for_the_database_is_refused_not_a_crash():
    # 25 digits held down in "Số buổi" crashed the save: SQLite stores integers to 19 digits
    from gbapp.domain.validation import parse_count, parse_money

    with pytest.raises(ValueError, match="Số quá lớn"):
        parse_count("1" * 25)
    assert parse_count("000120") == 120
    with pytest.raises(ValueError, match="quá lớn"):
        parse_money("9" * 20)
