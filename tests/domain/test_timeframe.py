import datetime as dt
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gbapp.domain.timeframe import find_time_frame, parse_time_frame

D = dt.date


@pytest.mark.parametrize(
    "phrase, start, end",
    [
        ("từ ngày 15/11 đến 15/12/2025", D(2025, 11, 15), D(2025, 12, 15)),
        ("Từ ngày 01/3/2025 đến ngày 30/6/2025", D(2025, 3, 1), D(2025, 6, 30)),
        ("từ ngày 15/12 đến 15/01/2026", D(2025, 12, 15), D(2026, 1, 15)),  # start year from end, crossing
        ("Quý III", D(2025, 7, 1), D(2025, 9, 30)),
        ("Quý II/2025", D(2025, 4, 1), D(2025, 6, 30)),
        ("quý I và quý II năm 2025", D(2025, 1, 1), D(2025, 6, 30)),
        ("Quý I, II và III/2025", D(2025, 1, 1), D(2025, 9, 30)),
        ("Quý IV năm 2024", D(2024, 10, 1), D(2024, 12, 31)),
        ("trong năm 2025", D(2025, 1, 1), D(2025, 12, 31)),
        ("Trong năm 2025", D(2025, 1, 1), D(2025, 12, 31)),
        ("năm 2026", D(2026, 1, 1), D(2026, 12, 31)),
        ("tháng 11/2025", D(2025, 11, 1), D(2025, 11, 30)),
        ("tháng 6 năm 2025", D(2025, 6, 1), D(2025, 6, 30)),
        ("tháng 2/2024", D(2024, 2, 1), D(2024, 2, 29)),
        ("trước ngày 30/6/2025", None, D(2025, 6, 30)),
        ("hoàn thành trước 31/12", None, D(2025, 12, 31)),
        ("6 tháng đầu năm", D(2025, 1, 1), D(2025, 6, 30)),
        ("6 tháng cuối năm", D(2025, 7, 1), D(2025, 12, 31)),
        ("sáu tháng đầu năm 2026", D(2026, 1, 1), D(2026, 6, 30)),
        ("cả năm", D(2025, 1, 1), D(2025, 12, 31)),
        ("15/11/2025", D(2025, 11, 15), D(2025, 11, 15)),
        ("1/2", D(2025, 2, 1), D(2025, 2, 1)),
        ("từ tháng 3 đến tháng 6/2025", D(2025, 3, 1), D(2025, 6, 30)),
        # as other provinces write them: no "từ", month ranges, an open end
        ("15/11-15/12/2025", D(2025, 11, 15), D(2025, 12, 15)),
        ("01/7 đến 31/12/2025", D(2025, 7, 1), D(2025, 12, 31)),
        ("Tháng 11-12/2025", D(2025, 11, 1), D(2025, 12, 31)),
        ("tháng 3 đến tháng 5 năm 2025", D(2025, 3, 1), D(2025, 5, 31)),
        ("Tháng 11 - 2025", D(2025, 11, 1), D(2025, 11, 30)),
        ("từ ngày 01/7/2025", D(2025, 7, 1), None),
    ],
)
def test_phrases(phrase, start, end):
    tf = parse_time_frame(phrase, 2025)
    assert tf is not None
    assert (tf.start, tf.end) == (start, end)
    assert tf.text == phrase
    assert not tf.recurring


def test_recurring_uses_plan_year_bounds():
    tf = parse_time_frame("Thường xuyên", 2025)
    assert tf.recurring and (tf.start, tf.end) == (D(2025, 1, 1), D(2025, 12, 31))
    tf = parse_time_frame("thường xuyên", None)
    assert tf.recurring and tf.start is None and tf.end is None


def test_missing_year_keeps_text_without_dates():
    tf = parse_time_frame("Quý III", None)
    assert tf is not None and tf.text == "Quý III" and tf.start is None and tf.end is None


@pytest.mark.parametrize("phrase", ["31/02/2025", "ngày 30/2/2025", "tháng 13/2025", "Quý V/2025"])
def test_invalid_dates_do_not_crash(phrase):
    tf = parse_time_frame(phrase, 2025)
    assert tf is None or (tf.start is None and tf.end is None) or tf.start <= tf.end


def test_range_with_invalid_start_keeps_valid_end():
    tf = parse_time_frame("từ 31/02 đến 15/03/2025", 2025)
    assert tf is not None and tf.end == D(2025, 3, 15)


def test_nothing_recognised():
    assert parse_time_frame("Sở Nội vụ", 2025) is None
    assert parse_time_frame("", 2025) is None


def test_text_is_nfc_as_written():
    decomposed = unicodedata.normalize("NFD", "Quý II/2025")
    tf = parse_time_frame(decomposed, None)
    assert tf.text == "Quý II/2025" and tf.start == D(2025, 4, 1)


def test_find_in_title():
    title = ("Tổ chức Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới năm 2025 "
             "(từ ngày 15/11 đến 15/12/2025)")
    tf = find_time_frame(title, 2025)
    assert tf.text == "từ ngày 15/11 đến 15/12/2025"
    assert (tf.start, tf.end) == (D(2025, 11, 15), D(2025, 12, 15))


def test_find_labelled_value_wins():
    tf = find_time_frame("Tổ chức tập huấn năm 2025. Sở Nội vụ chủ trì. Thời gian: Quý II/2025.", 2025)
    assert tf.text == "Quý II/2025" and tf.end == D(2025, 6, 30)
    tf = find_time_frame("Thời gian thực hiện: Thường xuyên", 2025)
    assert tf.recurring and tf.text == "Thường xuyên"


def test_find_ignores_bare_years_in_running_text():
    text = ("Tiếp tục triển khai Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030, Chương trình "
            "truyền thông về bình đẳng giới đến năm 2030 trên địa bàn tỉnh.")
    assert find_time_frame(text, 2025) is None


def test_find_deadline_and_quarters_in_text():
    tf = find_time_frame("Báo cáo kết quả về Sở Nội vụ trước ngày 30/6/2025 để tổng hợp.", 2025)
    assert tf.text == "trước ngày 30/6/2025" and tf.end == D(2025, 6, 30)
    tf = find_time_frame("Tổ chức tập huấn trong quý I và quý II năm 2025 cho cán bộ", 2025)
    assert (tf.start, tf.end) == (D(2025, 1, 1), D(2025, 6, 30))
    tf = find_time_frame("Tổ chức hội nghị sơ kết 6 tháng đầu năm.", 2025)
    assert tf.end == D(2025, 6, 30)


@pytest.mark.parametrize("phrase, start, end", [
    ("Đợt 1: tháng 3/2025; đợt 2: tháng 9/2025", D(2025, 3, 1), D(2025, 9, 30)),
    ("đợt 1 trong Quý II, đợt 2 trong Quý IV/2025", D(2025, 4, 1), D(2025, 12, 31)),
    ("Đợt I: Quý I/2025; Đợt II: Quý III/2025", D(2025, 1, 1), D(2025, 9, 30)),
    ("Đợt 1 từ ngày 01/3 đến 15/3/2025; đợt 2 từ ngày 01/9 đến 15/9/2025", D(2025, 3, 1),
     D(2025, 9, 15)),
    ("Tháng 3 (đợt 1) và tháng 9/2025 (đợt 2)", D(2025, 3, 1), D(2025, 9, 30)),
    ("Năm 2025, 02 đợt: đợt 1 tháng 5, đợt 2 tháng 10", D(2025, 5, 1), D(2025, 10, 31)),
])
def test_several_periods_span_first_start_to_last_end(phrase, start, end):
    """"Đợt 1: …; đợt 2: …": the first period's start to the last one's end, the text as written;
    a year stated once holds for every period (no plan year given here)."""
    tf = parse_time_frame(phrase, None)
    assert (tf.start, tf.end) == (start, end)
    assert tf.text == phrase and not tf.recurring


def test_find_several_periods_in_text():
    tf = find_time_frame("Kiểm tra 02 đợt: đợt 1 trong Quý II, đợt 2 trong Quý IV/2025.", 2025)
    assert tf.text == "đợt 1 trong Quý II, đợt 2 trong Quý IV/2025"
    assert (tf.start, tf.end) == (D(2025, 4, 1), D(2025, 12, 31))
    tf = find_time_frame("Sở Nội vụ chủ trì. Thời gian: Đợt 1: tháng 3/2025; đợt 2: tháng 9/2025.",
                         2025)
    assert tf.text == "Đợt 1: tháng 3/2025; đợt 2: tháng 9/2025"
    assert (tf.start, tf.end) == (D(2025, 3, 1), D(2025, 9, 30))
    # "đợt" that names no period leaves the usual reading alone
    tf = find_time_frame("Hưởng ứng đợt thi đua, báo cáo trước ngày 30/6/2025.", 2025)
    assert tf.text == "trước ngày 30/6/2025"


@settings(max_examples=200, deadline=None)
@given(st.text(), st.one_of(st.none(), st.integers(min_value=-5, max_value=99999)))
def test_never_raises(text, year):
    for fn in (parse_time_frame, find_time_frame):
        tf = fn(text, year)
        assert tf is None or isinstance(tf.text, str)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 40), st.integers(0, 14), st.integers(1890, 2110), st.sampled_from(
    ["từ ngày {d}/{m} đến {d}/{m}/{y}", "trước ngày {d}/{m}/{y}", "{d}/{m}/{y}", "tháng {m}/{y}",
     "ngày {d} tháng {m} năm {y}", "Quý {m}/{y}"]))
def test_random_dates_never_raise(d, m, y, template):
    tf = parse_time_frame(template.format(d=d, m=m, y=y), 2025)
    if tf is not None and tf.start and tf.end:
        assert tf.start <= tf.end
