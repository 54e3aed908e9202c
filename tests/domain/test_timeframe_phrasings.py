"""Time frames as other provinces write them: lists of months or dates, recurring phrases
("hằng năm", "hằng quý"), bare years and year spans, labelled values with brackets."""

import datetime as dt

import pytest
from docx import Document

from gbapp.domain.timeframe import find_time_frame, parse_time_frame
from gbapp.importers import parse_plan_docx, parse_plan_text

D = dt.date


@pytest.mark.parametrize("phrase, start, end", [
    ("Tháng 3 và tháng 9/2025", D(2025, 3, 1), D(2025, 9, 30)),
    ("tháng 6 và tháng 12/2025", D(2025, 6, 1), D(2025, 12, 31)),
    ("Tháng 6, 12/2025", D(2025, 6, 1), D(2025, 12, 31)),
    ("Tháng 3/2025, tháng 9", D(2025, 3, 1), D(2025, 9, 30)),
    ("15/6 và 15/12/2025", D(2025, 6, 15), D(2025, 12, 15)),
    ("Từ 01/3 đến 15/3 và từ 01/9 đến 15/9/2025", D(2025, 3, 1), D(2025, 9, 15)),
    ("Quý I, quý III/2025", D(2025, 1, 1), D(2025, 9, 30)),
    ("trước ngày 15/6 và 15/12/2025", None, D(2025, 12, 15)),
])
def test_listed_months_or_dates_span_first_start_to_last_end(phrase, start, end):
    """A year written once at the end holds for every listed month or date (plan year 2024 here,
    so the year must come from the text)."""
    tf = parse_time_frame(phrase, 2024)
    assert (tf.start, tf.end) == (start, end)
    assert tf.text == phrase and not tf.recurring


def test_a_year_written_once_rolls_back_across_new_year():
    tf = parse_time_frame("tháng 12 và tháng 3/2026", 2025)
    assert (tf.start, tf.end) == (D(2025, 12, 1), D(2026, 3, 31))
    tf = parse_time_frame("Đợt 1: tháng 12; đợt 2: tháng 3/2026", 2025)
    assert (tf.start, tf.end) == (D(2025, 12, 1), D(2026, 3, 31))


def test_list_reading_keeps_deadlines_and_word_dates():
    tf = parse_time_frame("15/11/2025, 20/11/2025", 2025)
    assert (tf.start, tf.end) == (D(2025, 11, 15), D(2025, 11, 20))
    # "Quý IV/2025, chậm nhất 15/12/2025": the deadline, not the end of the quarter
    tf = parse_time_frame("Quý IV/2025, chậm nhất 15/12/2025", 2025)
    assert tf.end == D(2025, 12, 15)
    # a comma inside a date written in words does not make a list
    tf = parse_time_frame("Ngày 15 tháng 6, năm 2025", 2025)
    assert (tf.start, tf.end) == (D(2025, 6, 15), D(2025, 6, 15))


@pytest.mark.parametrize("phrase, start, end", [
    ("2025", D(2025, 1, 1), D(2025, 12, 31)),
    ("Năm 2025", D(2025, 1, 1), D(2025, 12, 31)),
    ("Năm 2025 - 2026", D(2025, 1, 1), D(2026, 12, 31)),
    ("năm 2025 đến năm 2026", D(2025, 1, 1), D(2026, 12, 31)),
    ("2025 - 2026", D(2025, 1, 1), D(2026, 12, 31)),
    ("Năm 2025, 2026", D(2025, 1, 1), D(2026, 12, 31)),
])
def test_bare_years_and_year_spans(phrase, start, end):
    tf = parse_time_frame(phrase, 2024)
    assert (tf.start, tf.end) == (start, end)
    assert not tf.recurring


@pytest.mark.parametrize("phrase, start, end", [
    ("Tháng 6, tháng 12 hằng năm", D(2025, 6, 1), D(2025, 12, 31)),
    ("Trước 15/12 hằng năm", None, D(2025, 12, 15)),
    ("15/11-15/12 hằng năm", D(2025, 11, 15), D(2025, 12, 15)),
    ("Quý III hàng năm", D(2025, 7, 1), D(2025, 9, 30)),
    ("Hằng tháng", D(2025, 1, 1), D(2025, 12, 31)),
    ("Hằng quý", D(2025, 1, 1), D(2025, 12, 31)),
    ("Hàng tháng", D(2025, 1, 1), D(2025, 12, 31)),
    ("Định kỳ 6 tháng", D(2025, 1, 1), D(2025, 12, 31)),
    ("Định kỳ 6 tháng 1 lần", D(2025, 1, 1), D(2025, 12, 31)),
    ("Định kỳ 6 tháng, hằng năm (trước ngày 15/6 và 15/12)", None, D(2025, 12, 15)),
])
def test_recurring_phrases_are_recurring_within_the_plan_year(phrase, start, end):
    tf = parse_time_frame(phrase, 2025)
    assert tf.recurring
    assert (tf.start, tf.end) == (start, end)
    assert tf.text == phrase


def test_recurring_never_due_after_the_plan_year():
    for phrase in ("Tháng 12 hằng năm", "trước ngày 31/12 hằng năm", "Quý IV hằng năm",
                   "Tháng 6, tháng 12 hằng năm", "Hằng quý"):
        tf = parse_time_frame(phrase, 2025)
        assert tf.end is not None and tf.end.year == 2025, phrase


def test_recurring_without_plan_year_has_no_dates():
    tf = parse_time_frame("Hằng quý", None)
    assert tf.recurring and tf.start is None and tf.end is None
    # "hàng" in "Ngân hàng" is no "hàng năm"
    tf = parse_time_frame("Ngân hàng Chính sách xã hội, Quý II/2025", 2025)
    assert not tf.recurring and tf.end == D(2025, 6, 30)


def test_find_recurring_in_brackets_of_running_text():
    tf = find_time_frame("UBND các xã, phường báo cáo kết quả về Sở Nội vụ "
                         "(Tháng 6, tháng 12 hằng năm).", 2025)
    assert tf is not None and tf.text == "Tháng 6, tháng 12 hằng năm"
    assert tf.recurring and (tf.start, tf.end) == (D(2025, 6, 1), D(2025, 12, 31))
    tf = find_time_frame("Các chi bộ đưa nội dung bình đẳng giới vào sinh hoạt chi bộ định kỳ "
                         "(hằng tháng).", 2025)
    assert tf is not None and tf.recurring and tf.end == D(2025, 12, 31)
    assert find_time_frame("Tổ chức hội nghị (báo cáo viên hằng năm được tập huấn).", 2025) is None


def test_find_deadline_followed_by_hang_nam_is_recurring():
    tf = find_time_frame("Các sở báo cáo kết quả về Sở Nội vụ trước ngày 05/12 hằng năm.", 2025)
    assert tf.text == "trước ngày 05/12 hằng năm"
    assert tf.recurring and tf.end == D(2025, 12, 5)


def test_labelled_value_keeps_its_closing_bracket():
    tf = find_time_frame("- Thời gian thực hiện: Định kỳ 6 tháng, hằng năm (trước ngày 15/6 và "
                         "15/12).", 2025)
    assert tf.text == "Định kỳ 6 tháng, hằng năm (trước ngày 15/6 và 15/12)"
    assert tf.recurring and tf.end == D(2025, 12, 15)
    # a bracket that closes around the label still ends the value
    tf = find_time_frame("Tổ chức tập huấn (Thời gian: Quý II/2025) cho cán bộ.", 2025)
    assert tf.text == "Quý II/2025"


PLAN = """KẾ HOẠCH
THỰC HIỆN CÔNG TÁC BÌNH ĐẲNG GIỚI NĂM 2025
I. MỤC ĐÍCH
1. Nâng cao nhận thức.
II. NHIỆM VỤ
1. Tổ chức hội nghị sơ kết, tổng kết
- Cơ quan chủ trì: Sở Nội vụ.
- Thời gian thực hiện: Tháng 6, tháng 12 hằng năm.
2. Rà soát, đánh giá kết quả thực hiện
- Cơ quan chủ trì: Sở Nội vụ.
- Thời gian thực hiện: Định kỳ 6 tháng, hằng năm (trước ngày 15/6 và 15/12).
3. Tuyên truyền trên hệ thống loa truyền thanh
- Cơ quan chủ trì: Sở Nội vụ.
- Thời gian thực hiện: Tháng 3 và tháng 9/2025.
III. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ theo dõi.
"""


def _frames(plan):
    return {it.title: it.time_frame for _depth, it in plan.walk() if it.time_frame is not None}


def test_labelled_plan_text():
    frames = _frames(parse_plan_text(PLAN))
    tf = frames["Tổ chức hội nghị sơ kết, tổng kết"]
    assert tf.recurring and (tf.start, tf.end) == (D(2025, 6, 1), D(2025, 12, 31))
    tf = frames["Rà soát, đánh giá kết quả thực hiện"]
    assert tf.text == "Định kỳ 6 tháng, hằng năm (trước ngày 15/6 và 15/12)"
    assert tf.recurring and tf.end == D(2025, 12, 15)
    tf = frames["Tuyên truyền trên hệ thống loa truyền thanh"]
    assert (tf.start, tf.end) == (D(2025, 3, 1), D(2025, 9, 30))


def test_docx_table_time_cells(tmp_path):
    doc = Document()
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Triển khai công tác bình đẳng giới năm 2025")
    doc.add_paragraph("I. NHIỆM VỤ CỤ THỂ")
    table = doc.add_table(rows=1, cols=5)
    for cell, text in zip(table.rows[0].cells, ["TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"]):
        cell.text = text
    rows = [
        ("1", "Xây dựng cơ sở dữ liệu về bình đẳng giới", "Sở Nội vụ", "Cục Thống kê", "2025"),
        ("2", "Tổng hợp báo cáo kết quả thực hiện", "Văn phòng Sở", "Các sở, ngành",
         "Tháng 6, tháng 12 hằng năm"),
        ("3", "Giám sát việc thực hiện chỉ tiêu", "Sở Nội vụ", "Các sở, ngành", "Năm 2025 - 2026"),
    ]
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text
    path = tmp_path / "plan.docx"
    doc.save(str(path))
    frames = _frames(parse_plan_docx(path))
    tf = frames["Xây dựng cơ sở dữ liệu về bình đẳng giới"]
    assert (tf.start, tf.end) == (D(2025, 1, 1), D(2025, 12, 31))
    tf = frames["Tổng hợp báo cáo kết quả thực hiện"]
    assert tf.recurring and (tf.start, tf.end) == (D(2025, 6, 1), D(2025, 12, 31))
    tf = frames["Giám sát việc thực hiện chỉ tiêu"]
    assert (tf.start, tf.end) == (D(2025, 1, 1), D(2026, 12, 31))


@pytest.mark.parametrize("phrase, start, end", [
    # from a start to the end of its year (or of the year written)
    ("Từ tháng 7 đến hết năm 2025", (2025, 7, 1), (2025, 12, 31)),
    ("Từ tháng 7 đến hết năm", (2025, 7, 1), (2025, 12, 31)),
    ("Từ Quý III đến cuối năm 2025", (2025, 7, 1), (2025, 12, 31)),
    ("từ ngày 01/7 đến hết năm 2025", (2025, 7, 1), (2025, 12, 31)),
    ("Từ tháng 7/2025 đến hết năm 2026", (2025, 7, 1), (2026, 12, 31)),
    ("Từ tháng 7 đến hết năm 2026", (2026, 7, 1), (2026, 12, 31)),
    ("Từ nay đến hết năm 2025", (2025, 1, 1), (2025, 12, 31)),
    ("Từ tháng 9 năm 2025 đến hết năm", (2025, 9, 1), (2025, 12, 31)),
])
def test_until_the_end_of_the_year(phrase, start, end):
    tf = parse_time_frame(phrase, 2025)
    assert (tf.start, tf.end) == (dt.date(*start), dt.date(*end))
    found = find_time_frame(f"Tổ chức tuyên truyền {phrase[0].lower()}{phrase[1:]} tại các xã.", 2025)
    assert (found.start, found.end) == (dt.date(*start), dt.date(*end))


@pytest.mark.parametrize("sentence, text, start, end", [
    ("Tổ chức 02 lớp tập huấn trong tháng 3 và tháng 9 năm 2025.",
     "trong tháng 3 và tháng 9 năm 2025", (2025, 3, 1), (2025, 9, 30)),
    ("Hội nghị tháng 11 và tháng 12/2025 tại tỉnh.", "tháng 11 và tháng 12/2025",
     (2025, 11, 1), (2025, 12, 31)),
    ("Tập huấn vào tháng 6, 7 và 8 năm 2025.", "vào tháng 6, 7 và 8 năm 2025",
     (2025, 6, 1), (2025, 8, 31)),
    # numbers after a month are not months unless a year closes the list
    ("Trong tháng 3, 4 xã tổ chức hội thi.", "Trong tháng 3", (2025, 3, 1), (2025, 3, 31)),
    ("Trong tháng 3 và 12 xã còn lại trong tháng 4.", "Trong tháng 3", (2025, 3, 1),
     (2025, 3, 31)),
])
def test_months_listed_in_running_text(sentence, text, start, end):
    tf = find_time_frame(sentence, 2025)
    assert (tf.text, tf.start, tf.end) == (text, dt.date(*start), dt.date(*end))


@pytest.mark.parametrize("phrase, start, end", [
    # each month with its year written out (it read as the first month alone: 01/03 - 31/03)
    ("Từ tháng 3 năm 2025 đến tháng 6 năm 2025", dt.date(2025, 3, 1), dt.date(2025, 6, 30)),
    ("tháng 3 năm 2025 đến tháng 6 năm 2025", dt.date(2025, 3, 1), dt.date(2025, 6, 30)),
    ("từ tháng 11 năm 2025 - tháng 1 năm 2026", dt.date(2025, 11, 1), dt.date(2026, 1, 31)),
    ("Từ tháng 9 năm 2025 đến tháng 5 năm 2030", dt.date(2025, 9, 1), dt.date(2030, 5, 31)),
    # as before
    ("từ tháng 9/2025 đến tháng 5/2030", dt.date(2025, 9, 1), dt.date(2030, 5, 31)),
    ("từ tháng 9 đến tháng 12 năm 2025", dt.date(2025, 9, 1), dt.date(2025, 12, 31)),
    ("Tháng 11-12/2025", dt.date(2025, 11, 1), dt.date(2025, 12, 31)),
])
def test_a_month_range_with_each_year_written(phrase, start, end):
    tf = parse_time_frame(phrase, 2025)
    assert (tf.start, tf.end) == (start, end)
    if phrase.lower().startswith("từ"):  # in running text, a range says "từ"
        found = find_time_frame(f"Tổ chức tập huấn {phrase.lower()} tại các xã.", 2025)
        assert (found.start, found.end) == (start, end)
