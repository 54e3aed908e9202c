"""A plan whose date line leaves the day (and the month) blank for signing: the place is read,
the issue date stays unknown and the year written is the plan's year."""

import datetime as dt

import docx
import pytest

from gbapp.importers import parse_plan_text, read_plan

BODY = """
KẾ HOẠCH
Triển khai thực hiện công tác bình đẳng giới trên địa bàn tỉnh Lâm Đồng

I. MỤC ĐÍCH, YÊU CẦU
Bảo đảm thực hiện hiệu quả.
II. NHIỆM VỤ CỤ THỂ
1. Truyền thông
a) Tổ chức tuyên truyền về bình đẳng giới.
Cơ quan chủ trì: Sở Y tế; cơ quan phối hợp: Công an tỉnh.
Thời gian thực hiện: Quý III.
"""


def _plan(date_line: str, number_line: str = "Số:      /KH-UBND"):
    head = f"ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\n{number_line}\n{date_line}\n"
    return parse_plan_text(head + BODY)


@pytest.mark.parametrize("date_line", [
    "Lâm Đồng, ngày      tháng 3 năm 2026",
    "Lâm Đồng, ngày … tháng … năm 2026",
    "Lâm Đồng, ngày    tháng    năm 2026",
    "Lâm Đồng, ngày ... tháng 3 năm 2026",
    "Lâm Đồng, ngày...tháng...năm 2026",
    "Lâm Đồng, ngày ____ tháng ____ năm 2026",
    "Lâm Đồng, ngày    /   /2026",
    "Độc lập - Tự do - Hạnh phúc   Lâm Đồng, ngày      tháng 3 năm 2026",
])
def test_place_of_a_date_left_blank_for_signing(date_line):
    plan = _plan(date_line)
    assert plan.meta.place == "Lâm Đồng"
    assert plan.meta.issued_on is None  # no date is made up
    assert plan.meta.year == 2026
    activity = plan.items[1].children[0].children[0]
    assert (activity.time_frame.start, activity.time_frame.end) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert any("ngày ban hành" in w for w in plan.warnings)


def test_a_blank_year_still_gives_the_place():
    plan = _plan("Lâm Đồng, ngày      tháng      năm 20")
    assert plan.meta.place == "Lâm Đồng"
    assert plan.meta.issued_on is None


def test_a_blank_number_on_the_date_line_is_not_taken_for_the_place():
    plan = _plan("Số:      /KH-UBND          Lâm Đồng, ngày      tháng 3 năm 2026", number_line="")
    assert plan.meta.place == "Lâm Đồng"
    assert plan.meta.number is None
    plan = _plan("Số:      /KH-UBND          Lâm Đồng, ngày 5 tháng 3 năm 2026", number_line="")
    assert (plan.meta.place, plan.meta.issued_on) == ("Lâm Đồng", dt.date(2026, 3, 5))


def test_a_full_date_is_read_as_before():
    plan = _plan("Lâm Đồng, ngày 05 tháng 3 năm 2026", number_line="Số: 12/KH-UBND")
    assert (plan.meta.place, plan.meta.issued_on, plan.meta.number) == \
        ("Lâm Đồng", dt.date(2026, 3, 5), "12/KH-UBND")


def test_blank_date_in_the_first_page_header_of_a_docx(tmp_path):
    doc = docx.Document()
    sec = doc.sections[0]
    table = sec.header.add_table(rows=2, cols=2, width=sec.page_width - sec.left_margin - sec.right_margin)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = "Số:      /KH-UBND"
    table.cell(1, 1).text = "Lâm Đồng, ngày      tháng 3 năm 2026"
    for line in BODY.strip().splitlines():
        doc.add_paragraph(line)
    path = tmp_path / "blank_date.docx"
    doc.save(path)
    meta = read_plan(path).meta
    assert (meta.place, meta.issued_on, meta.year) == ("Lâm Đồng", None, 2026)
    assert meta.issuer == "UBND tỉnh Lâm Đồng"


def test_a_long_run_of_blanks_reads_in_linear_time():
    """Two blank runs side by side made a long run of dots backtrack through every split of it
    (0.6 s for 160 dots, growing as the cube; a code review)."""
    import time

    from gbapp.importers.docx_reader import _OPENING_RE
    from gbapp.importers.header import _PLACE_BLANK_DATE_RE

    text = "Lâm Đồng, ngày " + "." * 2000 + " tháng" + " " * 2000 + "x"
    started = time.perf_counter()
    assert _PLACE_BLANK_DATE_RE.search(text) is None and _OPENING_RE.search(text) is None
    assert time.perf_counter() - started < 1.0  # cubic: hours; linear: ~0.05 s
