"""The terms of a school year found in an item's running text, not only after "Thời gian:":
"trong học kỳ I và học kỳ II năm học 2025 - 2026" is the whole school year, "vào học kỳ II
năm học …" its second term; a term only mentioned is no deadline, as a school year only
mentioned is none."""

from __future__ import annotations

import datetime as dt

import pytest

from gbapp.domain.timeframe import find_time_frame
from gbapp.importers import parse_plan_text

SCHOOL_YEAR = (dt.date(2025, 9, 1), dt.date(2026, 5, 31))
FIRST_TERM = (dt.date(2025, 9, 1), dt.date(2026, 1, 31))
SECOND_TERM = (dt.date(2026, 1, 1), dt.date(2026, 5, 31))


@pytest.mark.parametrize("phrase, bounds", [
    ("trong học kỳ I và học kỳ II năm học 2025-2026", SCHOOL_YEAR),
    ("trong học kỳ I và học kỳ II năm học 2025 - 2026", SCHOOL_YEAR),
    ("trong học kỳ I và II năm học 2025-2026", SCHOOL_YEAR),
    ("trong học kỳ I, II năm học 2025 - 2026", SCHOOL_YEAR),
    ("trong học kì I - II của năm học 2025-2026", SCHOOL_YEAR),
    ("trong HK1 và HK2 năm học 2025-2026", SCHOOL_YEAR),
    ("trong cả hai học kỳ năm học 2025 - 2026", SCHOOL_YEAR),
    ("trong học kỳ I năm học 2025-2026 và học kỳ II năm học 2025-2026", SCHOOL_YEAR),
    ("vào học kỳ II năm học 2025 - 2026", SECOND_TERM),
    ("vào học kỳ I năm học 2025-2026", FIRST_TERM),
    ("trong suốt học kỳ I năm học 2025 - 2026", FIRST_TERM),
    ("trong Học Kỳ II năm học 2025-2026", SECOND_TERM),
])
def test_terms_in_running_text(phrase, bounds):
    text = f"Tổ chức các hoạt động ngoại khóa về giới {phrase} tại các trường trung học."
    tf = find_time_frame(text, 2025)
    assert tf is not None, phrase
    assert (tf.text, tf.start, tf.end) == (phrase, *bounds)


@pytest.mark.parametrize("phrase, found, bounds", [
    ("(học kỳ I và II năm học 2025-2026)", "học kỳ I và II năm học 2025-2026", SCHOOL_YEAR),
    ("(HK II năm học 2025 - 2026)", "HK II năm học 2025 - 2026", SECOND_TERM),
])
def test_terms_in_brackets(phrase, found, bounds):
    tf = find_time_frame(f"Tổ chức hội thi cấp trường {phrase}.", 2025)
    assert (tf.text, tf.start, tf.end) == (found, *bounds)


@pytest.mark.parametrize("text", [
    # only mentioned: a past term's results, a term of no school year
    "Đánh giá kết quả học kỳ I và học kỳ II năm học 2024 - 2025 của các trường.",
    "Sơ kết học kỳ I năm học 2025 - 2026.",
    "Giảng dạy lồng ghép trong học kỳ I và học kỳ II theo chương trình.",
    "Tổ chức trong học kỳ I và học kỳ II năm học 2025 - 2027.",
])
def test_terms_that_state_no_time_frame_are_not_one(text):
    assert find_time_frame(text, 2025) is None


def test_another_phrase_written_earlier_in_its_rule_order_still_wins():
    tf = find_time_frame("Tổ chức trong học kỳ I và học kỳ II năm học 2025 - 2026, báo cáo "
                         "trước ngày 15/6/2026.", 2025)
    assert (tf.text, tf.end) == ("trước ngày 15/6/2026", dt.date(2026, 6, 15))


def test_a_plan_item_gets_the_school_year_of_its_terms():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\nSố: 277/KH-UBND\n"
            "Đồng Tháp, ngày 12 tháng 9 năm 2025\nKẾ HOẠCH\n"
            "Thực hiện công tác bình đẳng giới năm 2025\nI. MỤC ĐÍCH\nNâng cao nhận thức.\n"
            "II. NHIỆM VỤ\n"
            "1. Lồng ghép nội dung bình đẳng giới vào hoạt động ngoại khóa trong học kỳ I và học "
            "kỳ II năm học 2025-2026. Sở Giáo dục và Đào tạo chủ trì thực hiện.\n"
            "2. Tổ chức tọa đàm về giới cho học sinh vào học kỳ II năm học 2025 - 2026.\n")
    first, second = parse_plan_text(text).items[1].children
    assert (first.time_frame.start, first.time_frame.end) == SCHOOL_YEAR
    assert first.time_frame.text == "trong học kỳ I và học kỳ II năm học 2025-2026"
    assert (second.time_frame.start, second.time_frame.end) == SECOND_TERM
