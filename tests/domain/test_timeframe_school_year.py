"""A school year ("Năm học 2025 - 2026") runs from September to May: 01/09/2025 – 31/05/2026,
the text kept as written."""

from __future__ import annotations

import datetime as dt

import pytest

from gbapp.domain.timeframe import find_time_frame, parse_time_frame
from gbapp.importers import parse_plan_text

SCHOOL_YEAR = (dt.date(2025, 9, 1), dt.date(2026, 5, 31))


@pytest.mark.parametrize("text", [
    "Năm học 2025 - 2026", "năm học 2025-2026", "Năm học 2025–2026", "Năm học 2025 — 2026",
    "Năm học 2025/2026", "Trong năm học 2025 - 2026", "năm học 2025 đến năm 2026",
])
def test_a_school_year_runs_from_september_to_may(text):
    tf = parse_time_frame(text, 2025)
    assert (tf.start, tf.end) == SCHOOL_YEAR
    assert tf.text == text
    assert not tf.recurring


def test_the_school_year_written_is_read_whatever_the_plan_year():
    tf = parse_time_frame("Năm học 2026 - 2027", 2025)
    assert (tf.start, tf.end) == (dt.date(2026, 9, 1), dt.date(2027, 5, 31))


@pytest.mark.parametrize("text", ["Năm học 2025 - 2027", "Năm học 2026 - 2025"])
def test_years_that_are_no_school_year_are_not_read_as_one(text):
    tf = parse_time_frame(text, 2025)
    assert tf is None or (tf.start, tf.end) != SCHOOL_YEAR


def test_a_labelled_school_year():
    tf = find_time_frame("Tổ chức Hội khỏe Phù Đổng. Thời gian: Năm học 2025–2026", 2025)
    assert (tf.text, tf.start, tf.end) == ("Năm học 2025–2026", *SCHOOL_YEAR)
    tf = find_time_frame("Thời gian thực hiện: năm học 2025-2026.", 2025)
    assert (tf.text, tf.start, tf.end) == ("năm học 2025-2026", *SCHOOL_YEAR)


def test_a_school_year_in_running_text_when_it_says_within():
    tf = find_time_frame("Lồng ghép giáo dục giới trong các trường học trong năm học 2025 - 2026.",
                         2025)
    assert (tf.text, tf.start, tf.end) == ("trong năm học 2025 - 2026", *SCHOOL_YEAR)
    tf = find_time_frame("Tổ chức hội thi cấp trường (năm học 2025-2026).", 2025)
    assert (tf.start, tf.end) == SCHOOL_YEAR
    # a school year only mentioned is no deadline (as a bare "năm 2030" is none)
    assert find_time_frame("Đánh giá kết quả năm học 2024 - 2025 của các trường.", 2025) is None


def test_quarters_and_years_read_as_before():
    assert parse_time_frame("Năm 2025 - 2026", 2025).start == dt.date(2025, 1, 1)
    assert parse_time_frame("Trong năm", 2025).end == dt.date(2025, 12, 31)
    assert parse_time_frame("Quý IV/2025", 2025).start == dt.date(2025, 10, 1)


HEADER = ("ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\nSố: 277/KH-UBND\nĐồng Tháp, ngày 12 tháng 9 năm 2025\n"
          "KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2025\nI. MỤC ĐÍCH\nNâng cao nhận thức.\n"
          "II. NHIỆM VỤ\n")


def test_a_school_year_in_a_table_time_cell_and_after_a_label():
    text = (HEADER
            + "STT\tNội dung\tCơ quan chủ trì\tThời gian\n"
            + "1\tGiáo dục giới trong trường học\tSở Giáo dục và Đào tạo\tNăm học 2025 - 2026\n"
            + "III. TỔ CHỨC THỰC HIỆN\n1. Tập huấn giáo viên về giới.\n"
            + "Thời gian: năm học 2025-2026.\n")
    plan = parse_plan_text(text)
    cell = plan.items[1].children[0].time_frame
    assert (cell.text, cell.start, cell.end) == ("Năm học 2025 - 2026", *SCHOOL_YEAR)
    labelled = plan.items[2].children[0].time_frame
    assert (labelled.text, labelled.start, labelled.end) == ("năm học 2025-2026", *SCHOOL_YEAR)


FIRST_TERM = (dt.date(2025, 9, 1), dt.date(2026, 1, 31))
SECOND_TERM = (dt.date(2026, 1, 1), dt.date(2026, 5, 31))


@pytest.mark.parametrize("text, bounds", [
    ("Học kỳ I năm học 2025 - 2026", FIRST_TERM),
    ("học kỳ 1 của năm học 2025-2026", FIRST_TERM),
    ("HK I năm học 2025 - 2026", FIRST_TERM),
    ("Học kỳ II năm học 2025 - 2026", SECOND_TERM),
    ("HK2 năm học 2025-2026", SECOND_TERM),
    ("Trong học kì II năm học 2025 - 2026", SECOND_TERM),
])
def test_a_term_is_half_the_school_year_not_all_of_it(text, bounds):
    # a first-term activity was read as due on 31/05: not overdue in February when it is
    tf = parse_time_frame(text, 2025)
    assert (tf.start, tf.end) == bounds
    assert tf.text == text


@pytest.mark.parametrize("text, found, bounds", [
    ("Tổ chức ngoại khóa trong học kỳ II năm học 2025 - 2026 tại các trường.",
     "trong học kỳ II năm học 2025 - 2026", SECOND_TERM),
    ("Tổ chức ngoại khóa (học kỳ I năm học 2025-2026).", "học kỳ I năm học 2025-2026", FIRST_TERM),
])
def test_a_term_found_in_running_text(text, found, bounds):
    tf = find_time_frame(text, 2025)
    assert (tf.text, tf.start, tf.end) == (found, *bounds)


@pytest.mark.parametrize("text", [
    "Học kỳ I, II năm học 2025 - 2026", "Học kỳ I và học kỳ II năm học 2025 - 2026",
    "HK1 và HK2 năm học 2025-2026", "HK I - II năm học 2025-2026",
])
def test_both_terms_are_the_whole_school_year(text):
    tf = parse_time_frame(text, 2025)
    assert (tf.start, tf.end) == SCHOOL_YEAR
