"""Agency lists as other provinces write them (round 2): bulleted names inside a list or a
table cell, and agencies named in a closing bracket without a role ("(Sở Y tế, Công an tỉnh)")."""

import docx
import pytest

from gbapp.domain.model import Role
from gbapp.importers import extract_agencies, parse_plan_docx, parse_plan_text
from gbapp.importers.agencies import split_agency_list

HEADER = """ỦY BAN NHÂN DÂN
TỈNH THANH HÓA
Số: 176/KH-UBND
Thanh Hóa, ngày 02 tháng 7 năm 2025
KẾ HOẠCH
THỰC HIỆN CÔNG TÁC BÌNH ĐẲNG GIỚI NĂM 2025
"""

L, C = Role.LEAD, Role.COORDINATING


def _roles(item):
    return [(a.name, a.role) for a in item.agencies]


@pytest.mark.parametrize("text, expected", [
    ("Sở Y tế, - Công an tỉnh", ["Sở Y tế", "Công an tỉnh"]),
    ("Sở Văn hóa, Thể thao và Du lịch;, - Báo Bắc Ninh;, - Đài Phát thanh và Truyền hình tỉnh",
     ["Sở Văn hóa, Thể thao và Du lịch", "Báo Bắc Ninh", "Đài Phát thanh và Truyền hình tỉnh"]),
    ("• Sở Y tế.", ["Sở Y tế"]),
    ("Sở Nội vụ; + Hội Liên hiệp Phụ nữ tỉnh; * Tỉnh đoàn; · Công an tỉnh;",
     ["Sở Nội vụ", "Hội Liên hiệp Phụ nữ tỉnh", "Tỉnh đoàn", "Công an tỉnh"]),
    ("Sở Lao động, – Thương binh và Xã hội", ["Sở Lao động, – Thương binh và Xã hội"]),
    ("các tổ chức chính trị - xã hội, - UBND các xã", ["các tổ chức chính trị - xã hội", "UBND các xã"]),
])
def test_a_bulleted_name_in_a_list_is_a_new_agency(text, expected):
    assert split_agency_list(text) == expected


def test_bulleted_names_in_table_cells_docx(tmp_path):
    """A coordinating cell written as a bulleted list gives one agency per bullet, not one
    invented name glued from all of them."""
    doc = docx.Document()
    for line in HEADER.strip().split("\n"):
        doc.add_paragraph(line)
    doc.add_paragraph("I. NHIỆM VỤ")
    table = doc.add_table(rows=3, cols=5)
    for cell, text in zip(table.rows[0].cells,
                          ("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp",
                           "Thời gian hoàn thành")):
        cell.text = text
    rows = (("1", "Tổ chức truyền thông về bình đẳng giới", "Sở Nội vụ",
             "- Sở Văn hóa, Thể thao và Du lịch;\n- Báo Bắc Ninh;\n- Đài Phát thanh và Truyền hình tỉnh.",
             "Quý IV/2025"),
            ("2", "Xây dựng mô hình địa chỉ tin cậy tại cộng đồng", "Hội Liên hiệp Phụ nữ tỉnh",
             "• Sở Y tế\n• Công an tỉnh", "Năm 2025"))
    for row, values in zip(table.rows[1:], rows):
        for cell, text in zip(row.cells, values):
            cell.text = text
    path = tmp_path / "bullets.docx"
    doc.save(path)
    plan = parse_plan_docx(path)
    first, second = plan.items[0].children
    assert _roles(first) == [("Sở Nội vụ", L), ("Sở Văn hóa, Thể thao và Du lịch", C),
                             ("Báo Bắc Ninh", C), ("Đài Phát thanh và Truyền hình tỉnh", C)]
    assert _roles(second) == [("Hội Liên hiệp Phụ nữ tỉnh", L), ("Sở Y tế", C), ("Công an tỉnh", C)]
