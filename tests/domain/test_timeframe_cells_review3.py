"""Time cells as other provinces' task tables write them: month ranges and months without
"tháng" ("10-12/2025", "12/2025", "09/2025 - 12/2025"), quarters running into the next year,
"trước tháng N"."""

import datetime as dt

import pytest

from gbapp.domain.timeframe import find_time_frame, parse_time_frame

D = dt.date


@pytest.mark.parametrize("phrase, start, end", [
    ("10-12/2025", D(2025, 10, 1), D(2025, 12, 31)),
    ("9-10/2025", D(2025, 9, 1), D(2025, 10, 31)),
    ("1 - 2/2026", D(2026, 1, 1), D(2026, 2, 28)),
    # a month after the first slash: days of that month
    ("15-20/11/2025", D(2025, 11, 15), D(2025, 11, 20)),
    ("15-20/11", D(2024, 11, 15), D(2024, 11, 20)),
    ("12/2025", D(2025, 12, 1), D(2025, 12, 31)),
    ("03/2026", D(2026, 3, 1), D(2026, 3, 31)),
    ("09/2025 - 12/2025", D(2025, 9, 1), D(2025, 12, 31)),
    ("10/2025 - 3/2026", D(2025, 10, 1), D(2026, 3, 31)),
    ("Từ 09/2025 đến 12/2025", D(2025, 9, 1), D(2025, 12, 31)),
    ("Quý IV/2025 - Quý I/2026", D(2025, 10, 1), D(2026, 3, 31)),
    ("Từ Quý IV/2025 đến Quý II/2026", D(2025, 10, 1), D(2026, 6, 30)),
    ("Trước tháng 12/2025", None, D(2025, 11, 30)),
    ("trước tháng 1/2026", None, D(2025, 12, 31)),
])
def test_time_cells_without_the_word_thang(phrase, start, end):
    tf = parse_time_frame(phrase, 2024)
    assert (tf.start, tf.end) == (start, end)
    assert tf.text == phrase


@pytest.mark.parametrize("phrase", ["12-10/2025", "13-14/2025", "13/2025", "20-15/11/2025"])
def test_impossible_month_or_day_ranges_are_no_month_ranges(phrase):
    tf = parse_time_frame(phrase, 2025)
    assert tf is None or tf.start is None or tf.start.day != 1 or tf.start.month > 12


def test_labelled_values_and_running_text():
    assert find_time_frame("Thời gian: 10-12/2025", 2025).end == D(2025, 12, 31)
    assert find_time_frame("Thời gian thực hiện: 12/2025.", 2025).start == D(2025, 12, 1)
    tf = find_time_frame("Tổ chức tập huấn, hoàn thành trước tháng 12/2025.", 2025)
    assert (tf.start, tf.end) == (None, D(2025, 11, 30))
    tf = find_time_frame("Tổ chức đối thoại chính sách từ Quý IV/2025 đến Quý II/2026.", 2025)
    assert (tf.start, tf.end) == (D(2025, 10, 1), D(2026, 6, 30))
    # a number of people or a share in running text is no month
    assert find_time_frame("Phấn đấu 12/2025 xã đạt chuẩn", 2025) is None or \
        find_time_frame("Phấn đấu 12/2025 xã đạt chuẩn", 2025).start is None


def test_a_range_of_days_in_one_month_starts_on_its_first_day():
    """"Từ ngày 22 đến ngày 23/11/2025" started on 23/11 (an importer review)."""
    import datetime as dt

    from gbapp.domain.timeframe import find_time_frame, parse_time_frame

    for text in ("Từ ngày 22 đến ngày 23/11/2025", "từ ngày 22 đến 23/11/2025",
                 "ngày 22-23/11/2025", "dự kiến ngày 22 - 23 tháng 11 năm 2025"):
        tf = parse_time_frame(text, 2025)
        assert (tf.start, tf.end) == (dt.date(2025, 11, 22), dt.date(2025, 11, 23)), text
    found = find_time_frame("Tổ chức hội thảo từ ngày 22 đến ngày 23/11/2025 tại xã Ba Tơ.", 2025)
    assert (found.start, found.end) == (dt.date(2025, 11, 22), dt.date(2025, 11, 23))
    tf = parse_time_frame("từ ngày 15/11 đến 15/12/2025", 2025)
    assert (tf.start, tf.end) == (dt.date(2025, 11, 15), dt.date(2025, 12, 15))


def test_a_cell_from_a_month_on_runs_to_the_end_of_its_year():
    """"từ 09/2025" was read as September only: overdue from October (a code review)."""
    import datetime as dt

    from gbapp.domain.timeframe import parse_time_frame

    tf = parse_time_frame("Từ 09/2025", 2025)
    assert (tf.start, tf.end) == (dt.date(2025, 9, 1), dt.date(2025, 12, 31))
    tf = parse_time_frame("09/2025 - 12/2025", 2025)
    assert (tf.start, tf.end) == (dt.date(2025, 9, 1), dt.date(2025, 12, 31))


def test_from_a_month_on_runs_to_the_end_of_its_year_in_words_too():
    """"Từ tháng 9/2025" was September only, as the cell "từ 09/2025" was; ranges keep their end."""
    import datetime as dt

    from gbapp.domain.timeframe import find_time_frame, parse_time_frame

    for text in ("Từ tháng 9/2025", "từ tháng 9 năm 2025", "từ tháng 9"):
        tf = parse_time_frame(text, 2025)
        assert (tf.start, tf.end) == (dt.date(2025, 9, 1), dt.date(2025, 12, 31)), text
    found = find_time_frame("Từ tháng 9/2025, các xã tổ chức tuyên truyền lưu động.", 2025)
    assert (found.start, found.end) == (dt.date(2025, 9, 1), dt.date(2025, 12, 31))
    tf = parse_time_frame("Từ tháng 7 đến tháng 9/2025", 2025)
    assert (tf.start, tf.end) == (dt.date(2025, 7, 1), dt.date(2025, 9, 30))
