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


def test_a_bulleted_name_in_a_list_is_a_new_agency():
    cases = [
        ("Sở Y tế, - Công an tỉnh", ["Sở Y tế", "Công an tỉnh"]),
        ("Sở Văn hóa, Thể thao và Du lịch;, - Báo Bắc Ninh;, - Đài Phát thanh và Truyền hình tỉnh",
         ["Sở Văn hóa, Thể thao và Du lịch", "Báo Bắc Ninh", "Đài Phát thanh và Truyền hình tỉnh"]),
        ("• Sở Y tế.", ["Sở Y tế"]),
        ("Sở Nội vụ; + Hội Liên hiệp Phụ nữ tỉnh; * Tỉnh đoàn; · Công an tỉnh;",
         ["Sở Nội vụ", "Hội Liên hiệp Phụ nữ tỉnh", "Tỉnh đoàn", "Công an tỉnh"]),
        # a dash before a word that starts no agency stays inside the name
        ("Sở Lao động, – Thương binh và Xã hội", ["Sở Lao động, – Thương binh và Xã hội"]),
        ("các tổ chức chính trị - xã hội, - UBND các xã", ["các tổ chức chính trị - xã hội", "UBND các xã"]),
    ]
    assert [split_agency_list(text) for text, _ in cases] == [expected for _, expected in cases]


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


def test_agencies_in_a_closing_bracket_first_named_leads():
    """'… (Sở Y tế, Công an tỉnh).' with no role anywhere: the first named leads, the others
    coordinate; a time after ';' in the bracket does not hide the names."""
    plan = parse_plan_text(
        HEADER + "I. NHIỆM VỤ, GIẢI PHÁP\n"
        "1. Tiếp tục kiện toàn Ban Vì sự tiến bộ của phụ nữ tỉnh sau khi sắp xếp bộ máy (Sở Nội vụ).\n"
        "2. Tổ chức truyền thông về bình đẳng giới trên các phương tiện thông tin đại chúng (Sở Văn "
        "hóa, Thể thao và Du lịch, Báo và Phát thanh, Truyền hình Thanh Hóa).\n"
        "3. Cung cấp dịch vụ hỗ trợ nạn nhân bạo lực trên cơ sở giới tại các cơ sở y tế "
        "(Sở Y tế, Công an tỉnh).\n"
        "4. Tổ chức Tháng hành động vì bình đẳng giới năm 2025 (Sở Nội vụ, Hội Liên hiệp Phụ nữ "
        "tỉnh, Tỉnh đoàn; thời gian từ ngày 15/11 đến ngày 15/12/2025).\n"
        "5. Thống kê, cập nhật số liệu về bình đẳng giới (Cục Thống kê tỉnh, các sở, ngành liên "
        "quan; hoàn thành trước ngày 31/10/2025).\n"
    )
    items = plan.items[0].children
    assert [_roles(i) for i in items] == [
        [("Sở Nội vụ", L)],
        [("Sở Văn hóa, Thể thao và Du lịch", L), ("Báo và Phát thanh, Truyền hình Thanh Hóa", C)],
        [("Sở Y tế", L), ("Công an tỉnh", C)],
        [("Sở Nội vụ", L), ("Hội Liên hiệp Phụ nữ tỉnh", C), ("Tỉnh đoàn", C)],
        [("Cục Thống kê tỉnh", L), ("các sở, ngành liên quan", C)],
    ]


@pytest.mark.parametrize("bracket", [
    "(theo hướng dẫn của Bộ Nội vụ)",
    "(Sở Y tế hướng dẫn)",
    "(nếu có)",
    "(Hội nghị trực tuyến)",
    "(Ban hành kèm theo Quyết định số 12/QĐ-UBND)",
    "(Phòng, chống bạo lực gia đình)",
    "(Sở Y tế; nếu có kinh phí)",
    "(Sở Y tế) tại các xã",
])
def test_a_bracket_with_other_words_names_no_agency(bracket):
    """Only a bracket made of agency names alone assigns them."""
    activity = "Tổ chức tập huấn cho cán bộ làm công tác bình đẳng giới "
    assert extract_agencies(activity + bracket + ".") == []
    assert [(a.name, a.role) for a in extract_agencies(activity + "(Sở Y tế, Công an tỉnh).")] == [
        ("Sở Y tế", L), ("Công an tỉnh", C)]


def test_an_abbreviation_in_brackets_is_not_an_agency():
    assert extract_agencies("Tuyên truyền cùng Hội Liên hiệp Phụ nữ tỉnh (Hội LHPN).") == []
    assert [(a.name, a.role) for a in extract_agencies("Tổng hợp số liệu (UBND tỉnh).")] == [
        ("UBND tỉnh", L)]
    # roles written in the bracket are read as before
    text = "Kiểm tra việc thực hiện pháp luật (Sở Nội vụ chủ trì, Thanh tra tỉnh phối hợp)."
    assert [(a.name, a.role) for a in extract_agencies(text)] == [("Sở Nội vụ", L),
                                                                   ("Thanh tra tỉnh", C)]


def test_roles_typed_without_diacritics():
    """A commune plan typed without diacritics ('chu tri', 'phoi hop'): the agencies are read
    as typed; a line without diacritics in an item that has them is read too."""
    plan = parse_plan_text(
        "UBND XA DAM RONG 2\nSo: 27/KH-UBND\nDam Rong 2, ngay 15 thang 8 nam 2025\nKE HOACH\n"
        "Thuc hien cong tac binh dang gioi nam 2025\n"
        "I. NOI DUNG THUC HIEN\n"
        "1. Tuyen truyen tren he thong loa truyen thanh xa.\n"
        "* Cong chuc Van hoa - Xa hoi chu tri, phoi hop voi Hoi Lien hiep Phu nu xa thuc hien.\n"
        "2. To chuc 01 buoi noi chuyen chuyen de ve phong, chong bao luc gia dinh.\n"
        "* Hoi Lien hiep Phu nu xa chu tri; Xa doan phoi hop.\n"
        "3. Tổ chức hội thi “Gia đình hạnh phúc” cấp xã.\n"
        "* Cong an xa chu tri, phoi hop Hoi Lien hiep Phu nu xa.\n"
        "4. Duy tri dia chi tin cay.\n"
        "Co quan chu tri: Cong an xa; co quan phoi hop: Xa doan, Hoi Nong dan xa.\n"
        "5. Tang cuong phoi hop giua cac co quan, ban, nganh.\n"
    )
    items = plan.items[0].children
    assert [_roles(i) for i in items] == [
        [("Cong chuc Van hoa - Xa hoi", L), ("Hoi Lien hiep Phu nu xa", C)],
        [("Hoi Lien hiep Phu nu xa", L), ("Xa doan", C)],
        [("Cong an xa", L), ("Hoi Lien hiep Phu nu xa", C)],
        [("Cong an xa", L), ("Xa doan", C), ("Hoi Nong dan xa", C)],
        [],
    ]
