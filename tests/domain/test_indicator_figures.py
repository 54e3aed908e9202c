"""Indicator figures as officers type them ("80%", "1,5 lần"), the numbers that cannot be, and
the one assessment rule of the page, the report and the workbook (status.assess_indicator)."""

from __future__ import annotations

import pytest

from gbapp.domain.entities import Indicator, IndicatorValue
from gbapp.domain.status import Assessment, assess_indicator, target_year_for
from gbapp.domain.validation import (
    check_value_split,
    figure_total,
    is_percent_unit,
    parse_decimal,
    parse_figure,
)


@pytest.mark.parametrize(("typed", "unit", "number"), [
    ("80%", "%", 80.0), ("80 %", "%", 80.0), ("80%", "tỷ lệ %", 80.0),
    ("80 phần trăm", "phần trăm", 80.0), ("1,5 lần", "lần", 1.5), ("1,5 Lần", "lần", 1.5),
    ("120 người", "người", 120.0), ("60%", "", 60.0), ("1.200", "người", 1200.0),
])
def test_a_trailing_percent_or_the_indicators_own_unit_is_accepted(typed, unit, number):
    assert parse_figure(typed, unit) == number


def test_a_percent_sign_on_a_figure_counted_otherwise_is_refused():
    with pytest.raises(ValueError, match="tính bằng «lần», không phải %"):
        parse_figure("80%", "lần")


@pytest.mark.parametrize("typed", ["-3", "-0,5", "-1.200"])
def test_a_negative_figure_is_refused(typed):
    with pytest.raises(ValueError, match="không được âm"):
        parse_figure(typed, "%")


@pytest.mark.parametrize("typed", ["9" * 13, "9" * 30, "9" * 400, "1.000.000.000.000.000",
                                   "9" * 400 + ",5"])
def test_a_number_of_too_many_digits_is_refused_not_stored_as_1e30_or_inf(typed):
    with pytest.raises(ValueError, match="tối đa 12 chữ số"):
        parse_decimal(typed)


def test_twelve_digits_still_read():
    assert parse_figure("9" * 12, "người") == 999_999_999_999.0


@pytest.mark.parametrize("unit", ["%", "tỷ lệ %", "Tỷ lệ (%)", "phần trăm", "%/năm"])
def test_every_percent_unit_stays_within_0_to_100(unit):
    assert is_percent_unit(unit)
    assert check_value_split(unit, 130, None, None) == {"value": "Tỷ lệ phải từ 0 đến 100%."}
    assert check_value_split(unit, 60, 120, None) == {"men": "Tỷ lệ phải từ 0 đến 100%."}


def test_a_part_of_a_count_above_its_total_is_refused_with_the_other_part_blank():
    assert check_value_split("người", 100, 150, None) == {
        "men": "Số nam (150) lớn hơn giá trị chung (100)."}
    assert check_value_split("lượt người", 100, None, 101) == {
        "women": "Số nữ (101) lớn hơn giá trị chung (100)."}
    assert check_value_split("người", 100, 40, 60) == {}
    # a rate for men may well be above the overall rate
    assert check_value_split("%", 60, 70, 50) == {}


def test_a_count_given_as_men_and_women_has_their_sum_as_total():
    assert check_value_split("người", None, 55, 62) == {}
    assert figure_total("người", None, 55, 62) == 117
    assert figure_total("lượt người/năm", None, 5, 6) == 11
    assert check_value_split("người", None, 55, None) == {
        "value": "Nhập giá trị chung (hoặc cả số nam và số nữ)."}


@pytest.mark.parametrize("unit", ["%", "lần", "giờ/tuần", ""])
def test_a_rate_or_ratio_given_as_men_and_women_only_asks_for_its_total(unit):
    errors = check_value_split(unit, None, 55, 62)
    assert errors["value"].startswith("Nhập giá trị chung")
    assert figure_total(unit, None, 55, 62) is None


def indicator(**kw) -> Indicator:
    base = dict(id=1, code="MT1", name="Tỷ lệ", unit="%", direction=">=",
                targets={2025: 60.0, 2030: 75.0})
    return Indicator(**(base | kw))


def test_after_the_last_target_year_the_last_target_is_the_yardstick():
    assert target_year_for({2025: 60, 2030: 75}, 2024) == 2025
    assert target_year_for({2025: 60, 2030: 75}, 2026) == 2030
    assert target_year_for({2025: 60, 2030: 75}, 2031) == 2030
    judged = assess_indicator(indicator(), 2031, IndicatorValue(year=2031, value=80))
    assert (judged.target_year, judged.target, judged.assessment) == (2030, 75.0, Assessment.MET)


def test_a_figure_without_any_target_is_said_so_not_called_missing():
    judged = assess_indicator(indicator(targets={}), 2025, IndicatorValue(year=2025, value=45))
    assert judged.assessment == Assessment.NO_TARGET == "Chưa có mục tiêu"
    assert judged.value == 45
    assert assess_indicator(indicator(), 2025, None).assessment == Assessment.UNKNOWN


def test_men_and_women_of_a_count_are_judged_and_a_rate_without_total_says_so():
    count = indicator(unit="người", targets={2025: 100.0})
    judged = assess_indicator(count, 2025, IndicatorValue(year=2025, men=55, women=62))
    assert (judged.value, judged.assessment) == (117, Assessment.MET)
    judged = assess_indicator(indicator(), 2025, IndicatorValue(year=2025, men=55, women=62))
    assert (judged.value, judged.assessment) == (None, Assessment.NO_TOTAL)
    assert judged.assessment == "Thiếu giá trị chung"


def test_what_is_not_a_number_is_quoted_as_typed():
    with pytest.raises(ValueError, match="^«70-80%» không phải là một số"):
        parse_figure("70-80%", "%")


def test_a_leading_zero_makes_the_dot_a_decimal_point_not_thousands():
    assert parse_decimal("0.5") == 0.5
    assert parse_decimal("0.500") == 0.5  # not five hundred
    with pytest.raises(ValueError, match="tối đa hai chữ số thập phân"):
        parse_figure("0.125", "lần")  # was stored as 125
    assert parse_decimal("1.500") == 1500  # Vietnamese thousands, as before


def test_between_two_targets_the_line_runs_from_the_earlier_target():
    """MT2.2 of NQ 28 (lower is better): 30 by 2025, 25 by 2030. A 2027 figure is measured on
    the 2025 → 2030 line (28 expected), not on a line from the 2020 baseline of 40 (34)."""
    ind = Indicator(code="MT2.2", unit="%", direction="<=", baseline=40, baseline_year=2020,
                    targets={2025: 30, 2030: 25})
    judged = assess_indicator(ind, 2027, IndicatorValue(year=2027, value=29))
    assert (judged.target_year, judged.assessment) == (2030, Assessment.AT_RISK)
    on_track = assess_indicator(ind, 2027, IndicatorValue(year=2027, value=27.5))
    assert on_track.assessment == Assessment.NOT_MET


def test_without_a_baseline_an_indicator_can_still_be_at_risk():
    # the demo's NQ 28 indicators have no baseline: 60 by 2025, 75 by 2030
    ind = Indicator(code="MT1", unit="%", direction=">=", targets={2025: 60, 2030: 75})
    assert assess_indicator(ind, 2027, IndicatorValue(year=2027, value=62)).assessment \
        == Assessment.AT_RISK  # 66 expected on the line
    assert assess_indicator(ind, 2027, IndicatorValue(year=2027, value=67)).assessment \
        == Assessment.NOT_MET  # ahead of the line, target not met yet
    # before the first target and with no baseline there is no line: not met, not at risk
    assert assess_indicator(ind, 2024, IndicatorValue(year=2024, value=40)).assessment \
        == Assessment.NOT_MET
