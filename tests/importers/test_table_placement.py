"""A task table belongs to the item just above it, or, after the signature, to the item that
sends its details to the appendix; a table that takes up the text's numbering continues it."""

import docx
from test_import_messy import HEADER, SIGNATURE

from gbapp.importers import parse_plan_text, read_plan


def shape(items, depth=0):
    out = []
    for it in items:
        out.append((depth, it.label, it.title))
        out += shape(it.children, depth + 1)
    return out


def test_table_under_a_numbered_item_is_its_children():
    text = HEADER + """I. MỤC ĐÍCH
1. Nâng cao nhận thức.
II. NHIỆM VỤ
1. Nhiệm vụ chung
Triển khai đồng bộ.
2. Nhiệm vụ cụ thể
| TT | Nội dung | Cơ quan chủ trì | Thời gian |
| 1 | Tập huấn cán bộ | Sở Nội vụ | Quý II/2025 |
| 2 | Hội thi tìm hiểu pháp luật | Tỉnh đoàn | Quý III/2025 |
III. TỔ CHỨC THỰC HIỆN
Sở Nội vụ theo dõi.
"""
    assert shape(parse_plan_text(text).items)[2:] == [
        (0, "II", "NHIỆM VỤ"), (1, "1", "Nhiệm vụ chung"), (1, "2", "Nhiệm vụ cụ thể"),
        (2, "1", "Tập huấn cán bộ"), (2, "2", "Hội thi tìm hiểu pháp luật"),
        (0, "III", "TỔ CHỨC THỰC HIỆN")]


def test_table_with_its_own_sections_stays_under_the_heading_above_it():
    text = HEADER + """I. MỤC ĐÍCH
1. Nâng cao nhận thức.
II. NHIỆM VỤ CỤ THỂ
(Chi tiết tại bảng phân công dưới đây)
| STT | Nội dung | Cơ quan chủ trì | Thời gian |
| I | CÔNG TÁC THAM MƯU | | |
| 1 | Ban hành kế hoạch kiểm tra | Sở Nội vụ | Quý I/2025 |
| II | CÔNG TÁC TRUYỀN THÔNG | | |
| 1 | Tổ chức Lễ phát động | Sở Nội vụ | Tháng 11/2025 |
III. TỔ CHỨC THỰC HIỆN
Sở Nội vụ theo dõi.
"""
    plan = parse_plan_text(text)
    assert [it.title for it in plan.items] == ["MỤC ĐÍCH", "NHIỆM VỤ CỤ THỂ", "TỔ CHỨC THỰC HIỆN"]
    assert shape(plan.items[1].children) == [
        (0, "I", "CÔNG TÁC THAM MƯU"), (1, "1", "Ban hành kế hoạch kiểm tra"),
        (0, "II", "CÔNG TÁC TRUYỀN THÔNG"), (1, "1", "Tổ chức Lễ phát động")]


def test_appendix_table_after_the_signature_goes_to_the_item_that_points_to_it(tmp_path):
    doc = docx.Document()
    for line in ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ CẦN THƠ", "Số: 302/KH-UBND",
                 "Cần Thơ, ngày 28 tháng 11 năm 2025", "KẾ HOẠCH",
                 "Thực hiện công tác bình đẳng giới năm 2026", "I. MỤC ĐÍCH, YÊU CẦU",
                 "1. Tiếp tục thực hiện Chiến lược.", "II. NHIỆM VỤ CỤ THỂ",
                 "(Chi tiết tại Phụ lục kèm theo)", "III. TỔ CHỨC THỰC HIỆN", "1. Sở Nội vụ",
                 "Là cơ quan thường trực, tổng hợp tình hình.",
                 "2. Các sở, ban, ngành thành phố",
                 "Căn cứ nhiệm vụ được phân công tại Phụ lục, tổ chức thực hiện.",
                 "Nơi nhận:", "- Bộ Nội vụ;", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH",
                 "PHÓ CHỦ TỊCH", "Nguyễn Văn A", "PHỤ LỤC",
                 "NHIỆM VỤ THỰC HIỆN CÔNG TÁC BÌNH ĐẲNG GIỚI NĂM 2026"]:
        doc.add_paragraph(line)
    table = doc.add_table(rows=3, cols=4)
    for r, row in enumerate([("STT", "Nội dung", "Cơ quan chủ trì", "Thời gian"),
                             ("1", "Kiện toàn Ban Vì sự tiến bộ của phụ nữ", "Sở Nội vụ",
                              "Quý I/2026"),
                             ("2", "Tổ chức Tháng hành động", "Sở Nội vụ", "Tháng 11/2026")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "ct.docx"
    doc.save(path)
    plan = read_plan(path)
    tasks = plan.items[1].children
    assert [t.title for t in tasks] == ["Kiện toàn Ban Vì sự tiến bộ của phụ nữ",
                                        "Tổ chức Tháng hành động"]
    assert [a.name for a in tasks[0].agencies] == ["Sở Nội vụ"]
    assert [it.title for it in plan.items] == [
        "MỤC ĐÍCH, YÊU CẦU", "NHIỆM VỤ CỤ THỂ", "TỔ CHỨC THỰC HIỆN"]
    assert len(plan.items[2].children) == 2


def test_appendix_table_goes_to_the_task_heading_not_to_a_later_mention(tmp_path):
    # "III. NỘI DUNG HOẠT ĐỘNG (Có Phụ lục … kèm theo)" then "IV. TỔ CHỨC THỰC HIỆN: … được
    # phân công tại Phụ lục báo cáo…": the tasks went under IV, the last section to mention it
    doc = docx.Document()
    for line in ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG TRỊ", "Số: 845/KH-UBND",
                 "Quảng Trị, ngày 10 tháng 11 năm 2025", "KẾ HOẠCH",
                 "Tổ chức Tháng hành động vì bình đẳng giới năm 2025", "I. MỤC ĐÍCH, YÊU CẦU",
                 "1. Nâng cao nhận thức về bình đẳng giới.", "II. NỘI DUNG HOẠT ĐỘNG",
                 "(Có Phụ lục phân công nhiệm vụ kèm theo)", "III. TỔ CHỨC THỰC HIỆN",
                 "Các cơ quan, đơn vị được phân công tại Phụ lục báo cáo kết quả về Sở Nội vụ "
                 "trước ngày 20/12/2025.",
                 "Nơi nhận:", "- Như trên;", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH",
                 "PHÓ CHỦ TỊCH", "Bùi Văn B", "PHỤ LỤC", "PHÂN CÔNG NHIỆM VỤ"]:
        doc.add_paragraph(line)
    table = doc.add_table(rows=3, cols=4)
    for r, row in enumerate([("STT", "Nội dung", "Cơ quan chủ trì", "Thời gian"),
                             ("1", "Tổ chức Lễ mít tinh", "Sở Nội vụ", "Tháng 11/2025"),
                             ("2", "Treo băng rôn, khẩu hiệu", "Sở Văn hóa", "Tháng 11/2025")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "qt.docx"
    doc.save(path)
    plan = read_plan(path)
    assert [it.title for it in plan.items] == [
        "MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG HOẠT ĐỘNG", "TỔ CHỨC THỰC HIỆN"]
    assert [t.title for t in plan.items[1].children] == ["Tổ chức Lễ mít tinh",
                                                         "Treo băng rôn, khẩu hiệu"]
    assert plan.items[2].children == []
