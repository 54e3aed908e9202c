"""A plan whose activities came from a table is regenerated with those rows as paragraphs: a
sentence pointing at the table ("(Chi tiết tại bảng phân công dưới đây)") would point at
nothing, and goes; one pointing at an appendix stays (the assignment appendix is exported to go
with the plan)."""

from __future__ import annotations

import docx
import pytest
from export_helpers import export_parsed_plan, run_checker

from gbapp.exporters.plan import without_table_pointers
from gbapp.importers import read_plan

HEAD = ["ỦY BAN NHÂN DÂN", "TỈNH ĐẮK LẮK", "Số: 20/KH-UBND", "Đắk Lắk, ngày 10 tháng 02 năm 2026",
        "KẾ HOẠCH", "Thực hiện công tác bình đẳng giới năm 2026",
        "I. MỤC ĐÍCH, YÊU CẦU", "Triển khai đồng bộ, hiệu quả các nhiệm vụ.", "II. NHIỆM VỤ CỤ THỂ"]
ROWS = [["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
        ["1", "Tham mưu kiện toàn Ban Vì sự tiến bộ của phụ nữ tỉnh", "Sở Nội vụ",
         "Các sở, ngành liên quan", "Quý I/2026"],
        ["2", "Tập huấn nghiệp vụ về bình đẳng giới", "Sở Nội vụ", "Hội Liên hiệp Phụ nữ tỉnh",
         "Quý II/2026"]]
TAIL = ["III. TỔ CHỨC THỰC HIỆN", "Sở Nội vụ theo dõi, đôn đốc thực hiện Kế hoạch.", "Nơi nhận:",
        "- Bộ Nội vụ;", "- Lưu: VT.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An"]


def _plan_docx(path, pointer: str):
    document = docx.Document()
    for line in HEAD + [pointer]:
        document.add_paragraph(line)
    table = document.add_table(rows=len(ROWS), cols=len(ROWS[0]))
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    for line in TAIL:
        document.add_paragraph(line)
    document.save(path)
    return path


def _export(tmp_path, source):
    parsed = read_plan(source)
    return parsed, export_parsed_plan(parsed, tmp_path)


@pytest.mark.parametrize("pointer", ["(Chi tiết tại bảng phân công dưới đây)",
                                     "Nhiệm vụ cụ thể theo bảng sau:",
                                     "Các sở, ngành thực hiện các nhiệm vụ theo bảng dưới đây."])
def test_a_pointer_to_the_dropped_table_goes(tmp_path, pointer):
    parsed, out = _export(tmp_path, _plan_docx(tmp_path / "dl.docx", pointer))
    section = parsed.items[1]
    assert [c.title for c in section.children][:2] == [ROWS[1][1], ROWS[2][1]]  # from the table
    written = docx.Document(str(out))
    assert not [t for t in written.tables if ROWS[1][1] in "".join(c.text for c in t._cells)]  # no table of the rows
    texts = [p.text for p in written.paragraphs]
    assert not [t for t in texts if "bảng" in t.lower()], texts
    at = texts.index("II. NHIỆM VỤ CỤ THỂ")
    expected = ["Các sở, ngành thực hiện các nhiệm vụ."] if pointer.startswith("Các sở") else []
    assert texts[at + 1:at + 2 + len(expected)] == expected + [f"1. {ROWS[1][1]}"]
    result = run_checker(out, "plan")
    assert result.returncode == 0, result.stdout


def test_a_pointer_to_the_appendix_stays(tmp_path):
    _parsed, out = _export(tmp_path, _plan_docx(tmp_path / "pl.docx",
                                                "(Chi tiết tại Phụ lục kèm theo)"))
    assert "(Chi tiết tại Phụ lục kèm theo)" in [p.text for p in docx.Document(str(out)).paragraphs]


@pytest.mark.parametrize(("text", "kept"), [
    ("(Chi tiết tại bảng dưới đây)", ""),
    ("Đoạn đầu.\n(Chi tiết tại bảng dưới đây)\nĐoạn sau.", "Đoạn đầu.\nĐoạn sau."),
    ("Các sở, ngành thực hiện, chi tiết tại bảng dưới đây.", "Các sở, ngành thực hiện."),
    ("Có Phụ lục phân công nhiệm vụ kèm theo.", None),
    ("Tuyên truyền trên bảng tin của xã.", None),
    ("Lập bảng tổng hợp số liệu sau khi kết thúc.", None),
    ("Treo bảng dưới cổng UBND xã.", None),
    ("Treo băng rôn theo bảng sau đây; báo cáo trước ngày 15/12.", None),
    ("Đoạn một.\n\nĐoạn hai về bảng lương.", None),
    # everyday words after "bảng"/"biểu" that end in "sau"/"dưới" (a review: whole clauses went)
    ("Niêm yết thông tin tại bảng tin của xã như sau:", None),
    ("Các xã tự đánh giá theo bảng tiêu chí và báo cáo cấp dưới.", None),
    ("Hướng dẫn chấm điểm theo bảng chấm điểm cho cấp dưới.", None),
    ("Tổ chức hội thi như biểu diễn văn nghệ vào năm sau.", None),
    ("Chi tiết tại bảng phân công nhiệm vụ kèm theo dưới đây:", ""),
])
def test_only_a_pointer_to_a_table_below_is_taken_out(text, kept):
    assert without_table_pointers(text) == (text if kept is None else kept)
