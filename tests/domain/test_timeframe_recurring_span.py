"""A recurring time frame within the span of years it states ("Quý II hằng năm, giai đoạn 2026 -
2030"): from the span's first year, never the year before it nor the plan's year, recurring to the
span's last year as over_programme runs a round over a programme."""

import datetime as dt

import pytest

from gbapp.domain.timeframe import find_time_frame, over_programme, parse_time_frame

D = dt.date


@pytest.mark.parametrize("phrase, start, end", [
    ("Quý II hằng năm, giai đoạn 2026 - 2030", D(2026, 4, 1), D(2030, 6, 30)),
    ("Quý II hằng năm giai đoạn 2026 - 2030", D(2026, 4, 1), D(2030, 6, 30)),
    ("Quý II hằng năm (giai đoạn 2026 - 2030)", D(2026, 4, 1), D(2030, 6, 30)),
    ("Giai đoạn 2026 - 2030, hằng năm vào Quý II", D(2026, 4, 1), D(2030, 6, 30)),
    ("tháng 6 hằng năm, giai đoạn 2026-2030", D(2026, 6, 1), D(2030, 6, 30)),
    ("Tháng 6, tháng 12 hằng năm, giai đoạn 2026 - 2030", D(2026, 6, 1), D(2030, 12, 31)),
    ("trước ngày 15/12 hằng năm giai đoạn 2026 - 2030", None, D(2030, 12, 15)),
    ("trước ngày 15/12 hằng năm, giai đoạn 2026 - 2030", None, D(2030, 12, 15)),
    ("trước ngày 15/12 hằng năm giai đoạn 2026 - 2028", None, D(2028, 12, 15)),
    ("Quý II hằng năm, từ năm 2027 đến năm 2030", D(2027, 4, 1), D(2030, 6, 30)),
    # the span alone, as before
    ("hằng năm từ 2027 đến 2030", D(2027, 1, 1), D(2030, 12, 31)),
    ("Hằng năm, giai đoạn 2026 - 2028", D(2026, 1, 1), D(2028, 12, 31)),
    ("Hằng năm (giai đoạn 2026 - 2030)", D(2026, 1, 1), D(2030, 12, 31)),
])
@pytest.mark.parametrize("plan_year", [2025, 2026, None])
def test_a_recurring_round_within_its_own_span_of_years(phrase, start, end, plan_year):
    tf = parse_time_frame(phrase, plan_year)
    assert (tf.start, tf.end, tf.recurring) == (start, end, True)
    # read in a programme, it keeps its own years
    assert over_programme(tf, 2026, 2030) == tf


def test_a_round_without_a_span_is_read_as_before():
    tf = parse_time_frame("Quý II hằng năm", 2026)
    assert (tf.start, tf.end, tf.recurring) == (D(2026, 4, 1), D(2026, 6, 30), True)
    assert over_programme(tf, 2026, 2030).end == D(2030, 6, 30)
    tf = parse_time_frame("Tháng 9 hằng năm (năm học 2025 - 2026)", 2026)  # a school year: no span
    assert (tf.start, tf.end) == (D(2026, 9, 1), D(2026, 9, 30))


@pytest.mark.parametrize("text, start, end", [
    ("Báo cáo kết quả trước ngày 15/12 hằng năm giai đoạn 2026 - 2030.", None, D(2030, 12, 15)),
    ("Tổ chức hội thi vào tháng 6 hằng năm, giai đoạn 2026-2030 tại các xã.", D(2026, 6, 1), D(2030, 6, 30)),
    ("Tổ chức trong Quý II hằng năm từ năm 2027 đến năm 2030.", D(2027, 4, 1), D(2030, 6, 30)),
    ("Thời gian thực hiện: Quý II hằng năm, giai đoạn 2026 - 2030.", D(2026, 4, 1), D(2030, 6, 30)),
])
def test_found_in_running_text_with_its_span(text, start, end):
    tf = find_time_frame(text, 2025)
    assert (tf.start, tf.end, tf.recurring) == (start, end, True)


def test_a_round_listed_with_a_span_of_later_years_stays_inside_it():
    # "Quý II, giai đoạn 2026 - 2030" began in April 2025: the list rule for "tháng 12 và tháng
    # 3/2026" moved the quarter to the year before the span
    tf = parse_time_frame("Quý II, giai đoạn 2026 - 2030", 2025)
    assert tf.start >= dt.date(2026, 1, 1) and tf.end == dt.date(2030, 12, 31)
    listed = parse_time_frame("tháng 12 và tháng 3/2026", 2025)
    assert (listed.start, listed.end) == (dt.date(2025, 12, 1), dt.date(2026, 3, 31))
