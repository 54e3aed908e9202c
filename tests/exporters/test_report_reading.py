"""How section I of the report reads to the clerk who signs it (a fifth review's cosmetic
findings): no "Mục II." line that reads as a heading misplaced inside "I. KẾT QUẢ…", and a
result written on several lines stays part of its agency's entry."""

from __future__ import annotations

import datetime as dt

import docx

from gbapp.domain.entities import Period, ProgressReport
from gbapp.domain.model import Status
from gbapp.exporters import ExportOptions, export
from gbapp.store import agencies, open_database, periods, progress

PLAN = """ỦY BAN NHÂN DÂN
TỈNH GIA LAI
Số: 27/KH-UBND
Gia Lai, ngày 15 tháng 01 năm 2026

KẾ HOẠCH
Thực hiện công tác bình đẳng giới năm 2026

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức về bình đẳng giới.

II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Truyền thông nâng cao nhận thức về bình đẳng giới
a) Tổ chức các hoạt động truyền thông trực tiếp tại cộng đồng.
Cơ quan chủ trì: Sở Nội vụ; cơ quan phối hợp: Hội Liên hiệp Phụ nữ tỉnh.
Thời gian thực hiện: Năm 2026.
b) Truyền thông trên nền tảng số, mạng xã hội.
Cơ quan chủ trì: Sở Khoa học và Công nghệ.
Thời gian thực hiện: Năm 2026.
"""

SECOND_SECTION = """
III. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ chủ trì, theo dõi, tổng hợp, báo cáo UBND tỉnh trước ngày 05/12/2026.
"""


def _report(tmp_path, text: str, reports=()) -> list[str]:
    """Section I of the year's report (05/12/2026) of the plan *text*, with *reports*
    (ref, agency, fields)."""
    from gbapp.importers import parse_plan_text
    from gbapp.services.importing import store_plan

    db = open_database(tmp_path / "kh.db")
    try:
        plan = store_plan(db, parse_plan_text(text))
        year = periods.save(db, Period(plan_id=plan, name="Năm 2026", kind="year",
                                       start_on=dt.date(2026, 1, 1),
                                       end_on=dt.date(2026, 12, 31)))
        for ref, agency, fields in reports:
            item = db.execute("SELECT id FROM items WHERE ref = ?", [ref]).fetchone()[0]
            progress.save(db, ProgressReport(item_id=item, period_id=year,
                                             agency_id=agencies.find_by_name(db, agency),
                                             **fields))
        db.conn.commit()
        today = dt.date(2026, 12, 5)
        out = export(db, "report", tmp_path / "bc.docx",
                     ExportOptions(period=year, date=today, today=today))[0]
    finally:
        db.close()
    paragraphs = [(p.text, p.style.name) for p in docx.Document(str(out)).paragraphs
                  if p.text.strip()]
    text_only = [t for t, _s in paragraphs]
    one = text_only.index("I. KẾT QUẢ THỰC HIỆN CÁC NỘI DUNG CỦA KẾ HOẠCH")
    two = text_only.index("II. TIẾN ĐỘ THỰC HIỆN CHUNG")
    return paragraphs[one + 1:two]


def test_one_section_of_activities_needs_no_section_line(tmp_path):
    body = _report(tmp_path, PLAN)
    assert body[0] == ("1. Truyền thông nâng cao nhận thức về bình đẳng giới", body[0][1])
    assert not any(t.startswith(("Mục ", "II.")) for t, _s in body), body


def test_several_sections_are_named_as_the_plan_s(tmp_path):
    """Activities in sections II and III: each part says which section of the plan it is, in
    words that cannot be read as the report's own heading."""
    body = [t for t, _s in _report(tmp_path, PLAN + SECOND_SECTION)]
    lines = [t for t in body if t.startswith("Mục ")]
    assert lines == ["Mục II của Kế hoạch: NHIỆM VỤ VÀ GIẢI PHÁP",
                     "Mục III của Kế hoạch: TỔ CHỨC THỰC HIỆN"], body
    assert not any(t.startswith("Mục II.") or t.startswith("Mục III.") for t in body)


def test_a_result_on_several_lines_reads_as_part_of_its_agency_s_entry(tmp_path):
    """Each line of the result a "+" line under the agency's, the figures and the document
    reported in the last one, as a one-line result reads them after it."""
    many = dict(status=Status.IN_PROGRESS, percent=80, sessions=32, participants=4100,
                men=1900, women=2200, evidence="Báo cáo số 15/BC-SNV",
                result="- Đã tổ chức 30 hội nghị tại 30 xã, phường;\nĐã tổ chức 02 hội thi;\n"
                       "Đã phát hành 20.000 tờ rơi song ngữ.")
    one = dict(status=Status.IN_PROGRESS, percent=60, sessions=3,
               result="Đăng 45 tin, bài trên Cổng thông tin điện tử tỉnh.")
    body = _report(tmp_path, PLAN, [("II.1.a", "Sở Nội vụ", many),
                                    ("II.1.b", "Sở Khoa học và Công nghệ", one)])
    texts = [t for t, _s in body]
    start = texts.index("- Sở Nội vụ (chủ trì): Đang thực hiện (trong hạn), cụ thể:")
    assert texts[start + 1:start + 5] == [
        "+ Đã tổ chức 30 hội nghị tại 30 xã, phường;",
        "+ Đã tổ chức 02 hội thi;",
        "+ Đã phát hành 20.000 tờ rơi song ngữ;",
        "+ Tổ chức 32 cuộc, buổi; 4.100 lượt người tham gia (nam: 1.900, nữ: 2.200); mức độ "
        "hoàn thành 80%. (Văn bản: Báo cáo số 15/BC-SNV)"]
    assert all(style == "GB Dash" for _t, style in body[start:start + 5])
    # a one-line result: one line, status, result, figures in that order
    assert ("- Sở Khoa học và Công nghệ (chủ trì): Đang thực hiện (trong hạn). Đăng 45 tin, bài "
            "trên Cổng thông tin điện tử tỉnh. Tổ chức 3 cuộc, buổi; mức độ hoàn thành 60%."
            ) in texts
