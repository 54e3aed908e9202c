"""The re-issued plan (exporters/plan.py) of plans from other provinces: agencies from table
columns, time phrases already in the text, Party signing authority and title line breaks.

Each test imports a real plan text into a database in tmp_path, exports the plan .docx and
reads it back with python-docx."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from export_helpers import run_checker

from gbapp.exporters import ExportOptions, export
from gbapp.exporters.plan import plan_letterhead, write_plan
from gbapp.importers import parse_plan_text
from gbapp.services import documents
from gbapp.services.importing import store_plan
from gbapp.store import open_database

HEAD = """ỦY BAN NHÂN DÂN
TỈNH THÁI NGUYÊN
Số: 78/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Thái Nguyên, ngày 03 tháng 4 năm 2025

KẾ HOẠCH
Triển khai công tác bình đẳng giới trên địa bàn tỉnh Thái Nguyên năm 2025

Thực hiện Công văn số 739/BNV-CTTN&BĐG ngày 28/3/2025 của Bộ Nội vụ, UBND tỉnh ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích: Triển khai đồng bộ các nhiệm vụ về bình đẳng giới năm 2025.
"""

TAIL = """
III. TỔ CHỨC THỰC HIỆN
Sở Nội vụ theo dõi, đôn đốc, tổng hợp, báo cáo UBND tỉnh trước ngày 15/12/2025./.

Nơi nhận:
- Bộ Nội vụ;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Đặng Xuân Trường
"""

TABLE_PLAN = HEAD + """
II. NHIỆM VỤ
1. Nhiệm vụ cụ thể
| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian | Sản phẩm |
|---|---|---|---|---|---|
| 1 | Kiểm tra liên ngành về bình đẳng giới tại 03 xã | Sở Nội vụ | Sở Y tế, Công an tỉnh | Quý III/2025 | Báo cáo kết quả kiểm tra |
| 2 | Tuyên truyền trên Cổng thông tin điện tử tỉnh | Văn phòng UBND tỉnh | | Thường xuyên | Tin, bài |
""" + TAIL

TEXT_PLAN = HEAD + """
II. NHIỆM VỤ
1. Truyền thông
a) Sở Nội vụ chủ trì, phối hợp với Sở Y tế tổ chức tập huấn kỹ năng truyền thông về bình đẳng giới; thời gian thực hiện: Quý II hằng năm.
b) Giao Sở Văn hóa, Thể thao và Du lịch chủ trì tổ chức các hoạt động hưởng ứng Tháng hành động (từ ngày 15/11 đến ngày 15/12/2025).
2. Sở Y tế:
- Chủ trì, phối hợp với Công an tỉnh triển khai các dịch vụ hỗ trợ nạn nhân bạo lực trên cơ sở giới.
- Chỉ đạo các cơ sở khám bệnh, chữa bệnh thống kê số nạn nhân bạo lực gia đình.
""" + TAIL


_LABEL = re.compile(r"([IVX]+\.|\d+\.|[a-zđ]\)|[-+] )")


def _export(tmp_path: Path, text: str, *, with_assignments: bool = True) -> Path:
    db = open_database(tmp_path / "plan.db")
    try:
        plan_id = store_plan(db, parse_plan_text(text))
        db.conn.commit()
        out = tmp_path / "ke-hoach.docx"
        if with_assignments:  # the path the CLI and the export dialog take
            export(db, "plan", out, ExportOptions(plan=plan_id))
        else:
            doc = documents.collect_plan(db, plan_id)
            write_plan(doc, plan_letterhead(doc), out, assignments={})
    finally:
        db.close()
    return out


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def _after(paragraphs: list[str], start: str) -> list[str]:
    """The paragraphs under the item whose title begins with *start*, up to the next item."""
    i = next(n for n, p in enumerate(paragraphs)
             if _LABEL.match(p) and p.split(" ", 1)[-1].startswith(start))
    out = []
    for p in paragraphs[i + 1:]:
        if _LABEL.match(p):
            break
        out.append(p)
    return out


def test_agencies_from_table_columns_are_printed_under_the_activity(tmp_path):
    paragraphs = _paragraphs(_export(tmp_path, TABLE_PLAN))
    first = _after(paragraphs, "Kiểm tra liên ngành")
    assert "Cơ quan chủ trì: Sở Nội vụ; cơ quan phối hợp: Công an tỉnh, Sở Y tế." in first
    assert first.index("Cơ quan chủ trì: Sở Nội vụ; cơ quan phối hợp: Công an tỉnh, Sở Y tế.") \
        < first.index("Thời gian thực hiện: Quý III/2025.")
    second = _after(paragraphs, "Tuyên truyền trên Cổng")
    assert "Đơn vị thực hiện: Văn phòng UBND tỉnh." in second


def test_table_plan_export_passes_the_decree_30_check(tmp_path):
    result = run_checker(_export(tmp_path, TABLE_PLAN), "plan")
    assert result.returncode == 0, result.stdout + result.stderr


def test_agencies_named_in_the_text_or_a_parent_heading_are_not_repeated(tmp_path):
    paragraphs = _paragraphs(_export(tmp_path, TEXT_PLAN))
    body = "\n".join(paragraphs)
    assert "Cơ quan chủ trì:" not in body
    assert "Đơn vị thực hiện:" not in body
    assert "cơ quan phối hợp:" not in body.lower()


def test_a_time_phrase_already_in_the_body_text_is_not_printed_again(tmp_path):
    paragraphs = _paragraphs(_export(tmp_path, TEXT_PLAN))
    lowered = [p.lower() for p in paragraphs]
    assert sum("quý ii hằng năm" in p for p in lowered) == 1
    assert sum("15/11 đến ngày 15/12/2025" in p for p in lowered) == 1


def test_the_demo_plan_is_unchanged_by_its_sample_assignments(demo_db_file, tmp_path):
    """The demo's agencies are sample data: they stay in the duties section only."""
    db = open_database(demo_db_file)
    try:
        plan = documents.resolve_plan(db, None)
        doc = documents.collect_plan(db, plan.id)
        refs = documents.plan_assignments(db, plan.id)
        assert refs
        with_refs, without = tmp_path / "a.docx", tmp_path / "b.docx"
        write_plan(doc, plan_letterhead(doc), with_refs, assignments=refs)
        write_plan(doc, plan_letterhead(doc), without, assignments={})
    finally:
        db.close()
    assert _paragraphs(with_refs) == _paragraphs(without)
    result = run_checker(with_refs, "plan")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_document_carrying_assignments_prints_them_by_default(tmp_path):
    """collect_plan may hand the assignments over on the document itself."""
    db = open_database(tmp_path / "plan.db")
    try:
        plan_id = store_plan(db, parse_plan_text(TABLE_PLAN))
        db.conn.commit()
        doc = documents.collect_plan(db, plan_id)
        doc.assignments = documents.plan_assignments(db, plan_id)
        out = write_plan(doc, plan_letterhead(doc), tmp_path / "k.docx")
    finally:
        db.close()
    assert "Đơn vị thực hiện: Văn phòng UBND tỉnh." in _paragraphs(out)


PARTY_PLAN = """ĐẢNG BỘ TỈNH QUẢNG NGÃI
ĐẢNG ỦY XÃ TỊNH KHÊ
*
Số: 15-KH/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Tịnh Khê, ngày 10 tháng 10 năm 2025

KẾ HOẠCH
Thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ năm 2025

I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức của cấp ủy về công tác phụ nữ.
II. NHIỆM VỤ
1. Ban Tổ chức Đảng ủy chủ trì rà soát, quy hoạch cán bộ nữ; thời gian: trước ngày 31/12/2025.

Nơi nhận:
- Các chi bộ trực thuộc;
- Lưu Văn phòng Đảng ủy.
T/M ĐẢNG ỦY
BÍ THƯ
Nguyễn Văn Tâm
"""


def test_party_plan_signs_t_m_on_one_line_under_the_party_national_line(tmp_path):
    path = _export(tmp_path, PARTY_PLAN)
    document = docx.Document(str(path))
    header, signature = document.tables[0], document.tables[-1]
    right = [p.text for p in header.rows[0].cells[1].paragraphs if p.text.strip()]
    assert right == ["ĐẢNG CỘNG SẢN VIỆT NAM"]
    sign = [p.text for p in signature.rows[0].cells[1].paragraphs if p.text.strip()]
    assert sign[:2] == ["T/M ĐẢNG ỦY", "BÍ THƯ"]


@pytest.mark.parametrize(("typed", "organisation", "expected"), [
    ("T/M BAN THƯỜNG VỤ / K/T BÍ THƯ", "Ban Thường vụ Tỉnh ủy", ["T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ"]),
    ("T/L GIÁM ĐỐC", "Sở Y tế", ["T/L GIÁM ĐỐC"]),
    ("T/UQ GIÁM ĐỐC", "Sở Y tế", ["T/UQ GIÁM ĐỐC"]),
    ("TM. ỦY BAN NHÂN DÂN/KT. CHỦ TỊCH", "UBND tỉnh Gia Lai",
     ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]),
])
def test_slashed_authority_abbreviations_are_single_tokens(typed, organisation, expected):
    from gbapp.exporters.docbuilder import authority_lines
    from gbapp.services.documents import Letterhead

    head = Letterhead(organisation=organisation, signer_authority=typed, signer_title="X")
    assert authority_lines(head) == expected


@pytest.mark.parametrize(("issuer", "party"), [
    ("Tỉnh ủy Gia Lai", True), ("Ban Thường vụ Huyện ủy Bình Sơn", True), ("Chi bộ thôn 3", True),
    ("Ban Thường vụ Tỉnh đoàn", False), ("UBND tỉnh Quảng Ngãi", False), ("Sở Nội vụ", False),
])
def test_party_issuers(issuer, party):
    from gbapp.exporters.docbuilder import is_party_issuer

    assert is_party_issuer(issuer) is party


@pytest.mark.parametrize(("title", "inside"), [
    ("Hoạt động của Ban Vì sự tiến bộ của phụ nữ tỉnh 6 tháng cuối năm 2025 và năm 2026",
     "phụ nữ"),
    ("Tổ chức Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở "
     "giới năm 2025", "phòng ngừa"),
    ("Kế hoạch hành động thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030 "
     "và Chương trình phòng ngừa, ứng phó với bạo lực trên cơ sở giới giai đoạn 2021 - 2025 trên "
     "địa bàn tỉnh Quảng Ngãi năm 2025", "2021 - 2025"),
])
def test_title_lines_do_not_break_inside_a_compound(title, inside):
    from gbapp.exporters.docbuilder import PORTRAIT_TEXT_MM, balanced_lines

    lines = balanced_lines(title, 14, PORTRAIT_TEXT_MM)
    assert len(lines) >= 2
    assert " ".join(lines) == title
    assert any(inside in line for line in lines), lines


def test_exported_title_keeps_phu_nu_together(tmp_path):
    text = PARTY_PLAN.replace(
        "Thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ năm 2025",
        "Hoạt động của Ban Vì sự tiến bộ của phụ nữ tỉnh 6 tháng cuối năm 2025 và năm 2026")
    paragraphs = _paragraphs(_export(tmp_path, text))
    i = paragraphs.index("KẾ HOẠCH")
    assert not paragraphs[i + 1].endswith(" phụ")


LIST_THEN_ATTRIBUTES = HEAD + """
II. NỘI DUNG HOẠT ĐỘNG
1. Hoạt động truyền thông
a) Tổ chức truyền thông trên các phương tiện thông tin đại chúng, gồm các nội dung:
- Phát sóng thông điệp của Tháng hành động;
- Treo băng rôn, khẩu hiệu tại trụ sở các cơ quan.
- Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch.
- Thời gian thực hiện: Từ ngày 15/11 đến ngày 15/12/2025.
b) Tổ chức Lễ phát động Tháng hành động cấp tỉnh.
- Cơ quan chủ trì: Sở Nội vụ.
- Thời gian: Trước ngày 15/11/2025.
2. Hoạt động hỗ trợ
a) Thăm hỏi, tặng quà cho phụ nữ có hoàn cảnh khó khăn:
- 100 suất quà cho phụ nữ nghèo;
- 50 suất quà cho trẻ em gái mồ côi.
Cơ quan chủ trì: Hội Liên hiệp Phụ nữ tỉnh; cơ quan phối hợp: Sở Nội vụ.
""" + TAIL


def test_a_heading_that_announces_a_list_is_followed_by_the_list(tmp_path):
    """"a) …, gồm các nội dung:" then its points, then its agencies and time, as the plan wrote
    them: the re-issued plan does not put the attributes between the colon and the list."""
    paragraphs = _paragraphs(_export(tmp_path, LIST_THEN_ATTRIBUTES))
    at = paragraphs.index("a) Tổ chức truyền thông trên các phương tiện thông tin đại chúng, "
                          "gồm các nội dung:")
    assert paragraphs[at + 1:at + 8] == [
        "- Phát sóng thông điệp của Tháng hành động;",
        "- Treo băng rôn, khẩu hiệu tại trụ sở các cơ quan.",
        "Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch.",
        "Thời gian thực hiện: Từ ngày 15/11 đến ngày 15/12/2025.",
        "b) Tổ chức Lễ phát động Tháng hành động cấp tỉnh.",
        "Cơ quan chủ trì: Sở Nội vụ.",  # no list: its lines follow it at once
        "Thời gian: Trước ngày 15/11/2025.",
    ]
    at = paragraphs.index("a) Thăm hỏi, tặng quà cho phụ nữ có hoàn cảnh khó khăn:")
    assert paragraphs[at + 1:at + 5] == [
        "- 100 suất quà cho phụ nữ nghèo;", "- 50 suất quà cho trẻ em gái mồ côi.",
        "Cơ quan chủ trì: Hội Liên hiệp Phụ nữ tỉnh; cơ quan phối hợp: Sở Nội vụ.",
        "III. TỔ CHỨC THỰC HIỆN"]


@pytest.mark.parametrize("issuer, expected", [
    ("Sở Y tế tỉnh Quảng Trị", ("UBND tỉnh Quảng Trị", "Sở Y tế")),
    ("Sở Lao động - Thương binh và Xã hội thành phố Hà Nội",
     ("UBND thành phố Hà Nội", "Sở Lao động - Thương binh và Xã hội")),
    ("Ban Dân tộc tỉnh Gia Lai", ("UBND tỉnh Gia Lai", "Ban Dân tộc")),
    ("UBND tỉnh Quảng Ngãi", None),
    ("Ban Thường vụ Tỉnh ủy Quảng Ngãi", None),
    ("Hội Liên hiệp Phụ nữ tỉnh Quảng Ngãi", None),
])
def test_a_department_issuer_splits_into_its_parent_and_itself(issuer, expected):
    from gbapp.exporters.docbuilder import split_issuer

    assert split_issuer(issuer) == expected


def test_a_department_plan_is_headed_by_its_parent_authority(tmp_path):
    """Decree 30: a Sở's plan names the provincial people's committee above the Sở."""
    text = HEAD.replace("ỦY BAN NHÂN DÂN\nTỈNH THÁI NGUYÊN\nSố: 78/KH-UBND",
                        "UBND TỈNH THÁI NGUYÊN\nSỞ Y TẾ\nSố: 78/KH-SYT") + TAIL.replace(
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
    out = _export(tmp_path, text)
    left = docx.Document(str(out)).tables[0].rows[0].cells[0]
    lines = [(p.text, any(r.bold for r in p.runs) or p.style.font.bold or False)
             for p in left.paragraphs if p.text.strip()]
    assert lines[:2] == [("UBND TỈNH THÁI NGUYÊN", False), ("SỞ Y TẾ", True)], lines
    assert run_checker(out, "plan").returncode == 0


def test_a_numbered_sentence_is_text_and_a_numbered_heading_is_bold(tmp_path):
    """'III. TỔ CHỨC THỰC HIỆN' → '1. Sở Nội vụ chủ trì, theo dõi … báo cáo UBND tỉnh.' reads as
    text; '1. Nhiệm vụ cụ thể' stays a bold heading."""
    text = TABLE_PLAN.replace(
        "Sở Nội vụ theo dõi, đôn đốc, tổng hợp, báo cáo UBND tỉnh trước ngày 15/12/2025./.",
        "1. Sở Nội vụ theo dõi, đôn đốc, tổng hợp, báo cáo UBND tỉnh trước ngày 15/12/2025.\n"
        "2. Các sở, ban, ngành căn cứ chức năng, nhiệm vụ xây dựng kế hoạch thực hiện.")
    document = docx.Document(str(_export(tmp_path, text)))
    styles = {p.text.split(" ", 1)[1][:20]: p.style.name for p in document.paragraphs
              if p.text[:2] in ("1.", "2.")}
    assert styles["Nhiệm vụ cụ thể"] == "GB Heading 2"
    assert styles["Sở Nội vụ theo dõi, "] == "GB Heading 3"
    assert styles["Các sở, ban, ngành c"] == "GB Heading 3"
    assert not document.styles["GB Heading 3"].font.bold


GROUPED_TABLE = HEAD + """
II. NHIỆM VỤ CỤ THỂ
| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện |
|---|---|---|---|---|
| A | CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH | | | |
| 1 | Kiện toàn Ban Vì sự tiến bộ của phụ nữ tỉnh | Sở Nội vụ | Sở Tư pháp | Quý I/2025 |
| B | CÔNG TÁC TRUYỀN THÔNG | | | |
| 1 | Tuyên truyền trên Cổng thông tin điện tử tỉnh | Văn phòng UBND tỉnh | Sở Y tế | Thường xuyên |
""" + TAIL


def test_a_group_of_tasks_keeps_its_capital_letter(tmp_path):
    """Group rows 'A', 'B' of a task table print as bold 'A.', 'B.' above their tasks, not as
    points 'a)', 'b)' above '1.' headings (which reads upside down)."""
    document = docx.Document(str(_export(tmp_path, GROUPED_TABLE)))
    paragraphs = [(p.text, p.style.name) for p in document.paragraphs if p.text.strip()]
    assert ("A. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "GB Heading 2") in paragraphs
    assert ("B. CÔNG TÁC TRUYỀN THÔNG", "GB Heading 2") in paragraphs
    assert not any(t.startswith(("a) CÔNG TÁC", "b) CÔNG TÁC")) for t, _ in paragraphs)


def test_a_task_in_a_group_is_named_by_its_path_in_the_plan_s_duties(tmp_path):
    """The duties list of a re-issued plan names 'nội dung II.B.1', not 'khoản 1 điểm b Mục II'
    (no such point exists)."""
    text = GROUPED_TABLE.replace("III. TỔ CHỨC THỰC HIỆN\nSở Nội vụ theo dõi, đôn đốc, tổng hợp, "
                                 "báo cáo UBND tỉnh trước ngày 15/12/2025./.\n", "")
    paragraphs = _paragraphs(_export(tmp_path, text))
    duties = [p for p in paragraphs if p.startswith(("a) ", "b) ", "c) ", "d) "))
              and ": Chủ trì thực hiện" in p or ": Phối hợp thực hiện" in p]
    assert any("nội dung II.B.1" in p for p in duties), duties
    assert not any("điểm b Mục II" in p or "điểm a Mục II" in p for p in duties), duties


def test_every_addressee_line_starts_with_a_capital():
    from gbapp.exporters.docbuilder import DocBuilder

    b = DocBuilder()
    b.addressees(["Công an xã", "các đoàn thể"])
    lines = [p.text for p in b.doc.paragraphs if p.text.startswith("- ")]
    assert lines == ["- Công an xã;", "- Các đoàn thể."]


def test_the_assignment_appendix_keeps_a_group_s_capital(tmp_path):
    db = open_database(tmp_path / "plan.db")
    try:
        store_plan(db, parse_plan_text(GROUPED_TABLE))
        db.conn.commit()
        out = export(db, "appendix", tmp_path / "phu-luc.docx", ExportOptions())[0]
    finally:
        db.close()
    first_cells = [r.cells[0].text for t in docx.Document(str(out)).tables for r in t.rows]
    assert "A" in first_cells and "B" in first_cells
    assert "a" not in first_cells and "b" not in first_cells
