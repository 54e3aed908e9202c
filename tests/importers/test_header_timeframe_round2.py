"""Round 2 of the header and time-frame fixes: plans from other provinces."""

import datetime as dt

import docx

from gbapp.importers import parse_plan_text, read_plan


def header(place_date: str = "Quảng Ngãi, ngày 10 tháng 3 năm 2025", preamble: str = "",
           issuer: str = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI") -> str:
    return f"""{issuer}
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 45/KH-UBND
{place_date}

KẾ HOẠCH
THỰC HIỆN CÔNG TÁC BÌNH ĐẲNG GIỚI NĂM 2025

{preamble}
"""


BODY = """I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao nhận thức về bình đẳng giới.
II. NHIỆM VỤ
1. Truyền thông
a) Tổ chức tuyên truyền. Sở Nội vụ chủ trì, phối hợp với Sở Y tế thực hiện. Thời gian: Quý III/2025.
"""

SIGNATURE = """
Nơi nhận:
- Bộ Nội vụ;
- Lưu: VT, NC.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn An
"""


def bases(preamble: str):
    return parse_plan_text(header(preamble=preamble) + BODY + SIGNATURE).meta.legal_bases


# ---------------------------------------------------------------- legal bases


def test_last_basis_without_subject_does_not_take_the_closing_clause():
    found = bases("Thực hiện Công văn số 739/BNV-CTTN&BĐG ngày 28/3/2025 của Bộ Nội vụ, "
                  "UBND tỉnh ban hành Kế hoạch như sau:")
    assert [(b.number, b.issuer, b.summary) for b in found] == [("739/BNV-CTTN&BĐG", "Bộ Nội vụ", "")]


def test_closing_clauses_of_other_shapes_are_left_out():
    found = bases("Thực hiện Kế hoạch số 25/KH-UBND ngày 10/02/2025 của UBND tỉnh Quảng Ngãi, "
                  "Sở Nội vụ xây dựng Kế hoạch thực hiện như sau:")
    assert [b.summary for b in found] == [""]
    found = bases("Thực hiện Công văn số 739/BNV-CTTN&BĐG ngày 28/3/2025, UBND huyện triển khai thực hiện như sau:")
    assert [(b.number, b.summary) for b in found] == [("739/BNV-CTTN&BĐG", "")]
    # a summary before the closing clause is kept
    found = bases("Thực hiện Quyết định số 12/QĐ-UBND ngày 01/02/2025 của UBND tỉnh ban hành Kế hoạch thực hiện "
                  "Chiến lược quốc gia về bình đẳng giới, UBND huyện triển khai thực hiện như sau:")
    assert [b.summary for b in found] == ["ban hành Kế hoạch thực hiện Chiến lược quốc gia về bình đẳng giới"]


def test_closing_clause_in_a_docx_preamble(tmp_path):
    d = docx.Document()
    for text in header(preamble="").strip().splitlines():
        d.add_paragraph(text)
    d.add_paragraph("Thực hiện Công văn số 120/BNV-CTTN&BĐG ngày 10/01/2026 của Bộ Nội vụ, "
                    "UBND tỉnh ban hành Kế hoạch như sau:")
    for text in (BODY + SIGNATURE).strip().splitlines():
        d.add_paragraph(text)
    path = tmp_path / "plan.docx"
    d.save(path)
    found = read_plan(path).meta.legal_bases
    assert [(b.number, b.summary) for b in found] == [("120/BNV-CTTN&BĐG", "")]


def test_law_cited_with_a_year_keeps_its_name_and_year():
    found = bases("Căn cứ Luật Bình đẳng giới năm 2006; thực hiện Công văn số 739/BNV-CTTN&BĐG ngày 28/3/2025 "
                  "của Bộ Nội vụ, UBND tỉnh ban hành Kế hoạch như sau:")
    law = found[0]
    assert (law.doc_type, law.number, law.issued_on, law.summary) == ("Luật", "", None, "Bình đẳng giới năm 2006")
    assert found[1].summary == ""
    # with a full date: the date, and the name alone
    found = bases("Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;")
    assert [(b.summary, b.issued_on) for b in found] == [("Bình đẳng giới", dt.date(2006, 11, 29))]


def test_law_cited_with_a_year_then_another_document():
    found = bases("Căn cứ Luật Bình đẳng giới năm 2006 và Nghị định số 70/2008/NĐ-CP ngày 04/6/2008 của Chính phủ;")
    assert [(b.doc_type, b.summary) for b in found] == [("Luật", "Bình đẳng giới năm 2006"), ("Nghị định", "")]


def test_law_cited_with_its_number_only_keeps_the_number():
    found = bases("Căn cứ Luật Bình đẳng giới số 73/2006/QH11;")
    assert [(b.doc_type, b.number, b.summary) for b in found] == [("Luật", "73/2006/QH11", "Bình đẳng giới")]



# ---------------------------------------------------------------- time frames


def test_half_year_written_with_a_leading_zero():
    from gbapp.domain.timeframe import find_time_frame, parse_time_frame

    tf = parse_time_frame("Trong 06 tháng đầu năm", 2025)
    assert (tf.start, tf.end) == (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    tf = find_time_frame("Rà soát các mô hình, hoàn thành trong 06 tháng cuối năm 2025.", 2025)
    assert (tf.start, tf.end) == (dt.date(2025, 7, 1), dt.date(2025, 12, 31))


def test_quarter_in_older_spellings():
    from gbapp.domain.timeframe import find_time_frame, parse_time_frame

    for text in ("Quí IV/2025", "quí IV năm 2025", "Qúy IV/2025", "QUÍ IV/2025", "QUÝ IV/2025"):
        tf = parse_time_frame(text, 2025)
        assert (tf.text, tf.start, tf.end) == (text, dt.date(2025, 10, 1), dt.date(2025, 12, 31)), text
    tf = parse_time_frame("Quí I, quí III/2025", 2025)
    assert (tf.start, tf.end) == (dt.date(2025, 1, 1), dt.date(2025, 9, 30))
    tf = find_time_frame("Tổ chức hội nghị sơ kết trong Quí II/2025", 2025)
    assert (tf.text, tf.start, tf.end) == ("Quí II/2025", dt.date(2025, 4, 1), dt.date(2025, 6, 30))


def test_time_lines_of_an_imported_plan():
    body = BODY.replace("Thời gian: Quý III/2025.", "Thời gian hoàn thành: Trong 06 tháng đầu năm") + \
        "b) Tổ chức hội nghị sơ kết. Sở Nội vụ chủ trì.\nThời gian hoàn thành: Quí IV/2025\n"
    plan = parse_plan_text(header() + body + SIGNATURE)
    frames = [(it.time_frame.start, it.time_frame.end) for _, it in plan.walk() if it.time_frame]
    assert frames == [(dt.date(2025, 1, 1), dt.date(2025, 6, 30)), (dt.date(2025, 10, 1), dt.date(2025, 12, 31))]


# ---------------------------------------------------------------- place and date


def test_place_ending_in_a_number_keeps_the_issue_date():
    text = header("Số:  27/KH-UBND\t\t\tĐam Rông 2, ngày  15  tháng 8  năm 2025",
                  issuer="ỦY BAN NHÂN DÂN\nXÃ ĐAM RÔNG 2").replace("Số: 45/KH-UBND\n", "")
    meta = parse_plan_text(text + BODY + SIGNATURE).meta
    assert (meta.number, meta.place, meta.issued_on) == ("27/KH-UBND", "Đam Rông 2", dt.date(2025, 8, 15))
    meta = parse_plan_text(header("Phường 3, ngày 02/4/2025") + BODY + SIGNATURE).meta
    assert (meta.number, meta.place, meta.issued_on) == ("45/KH-UBND", "Phường 3", dt.date(2025, 4, 2))


def test_a_document_number_is_not_a_place():
    from gbapp.importers.header import parse_header

    meta = parse_header(["Thực hiện Quyết định số 12, ngày 5 tháng 3 năm 2025", "Quận 10, ngày 2 tháng 4 năm 2025"], [])
    assert (meta.place, meta.issued_on) == ("Quận 10", dt.date(2025, 4, 2))


def test_a_year_and_the_years_after_has_no_end():
    from gbapp.domain.timeframe import find_time_frame, parse_time_frame

    for text in ("Năm 2025 và các năm tiếp theo", "Từ năm 2025 và những năm tiếp theo"):
        tf = parse_time_frame(text, 2025)
        assert (tf.start, tf.end, tf.recurring) == (dt.date(2025, 1, 1), None, True), text
    tf = parse_time_frame("Quý II/2025 và các năm tiếp theo", 2025)
    assert (tf.start, tf.end, tf.recurring) == (dt.date(2025, 4, 1), None, True)
    tf = find_time_frame("Duy trì mô hình trong năm 2025 và các năm tiếp theo.", 2025)
    assert (tf.start, tf.end, tf.recurring) == (dt.date(2025, 1, 1), None, True)
    # a plain year keeps its end
    tf = parse_time_frame("Năm 2025", 2025)
    assert (tf.end, tf.recurring) == (dt.date(2025, 12, 31), False)
