"""Footnotes of a text copied from a PDF (the notes above each page number, their marks glued to
words) leave the page's bottom: a note whose mark is found takes the mark's place, in brackets
(so its text stays in the plan); numbers that are real stay as written."""

from __future__ import annotations

from gbapp.importers import parse_plan_text

HEADER = """ỦY BAN NHÂN DÂN
TỈNH NINH BÌNH
Số: 145/KH-UBND
Ninh Bình, ngày 18 tháng 6 năm 2025
KẾ HOẠCH
Thực hiện công tác bình đẳng giới trên địa bàn tỉnh Ninh Bình năm 2025
"""
SIGNATURE = "Nơi nhận:\n- Như trên;\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Song Tùng\n"

SAMPLE = HEADER + """I. MỤC ĐÍCH, YÊU CẦU
1. Triển khai hiệu quả Chương trình truyền thông về bình đẳng giới đến năm 20301
và Chương trình phòng ngừa, ứng phó với bạo lực trên cơ sở giới2.
2. Bảo đảm sự phối hợp chặt chẽ giữa các cơ quan, đơn vị.
II. NHIỆM VỤ
1. Tổ chức tuyên truyền, phổ biến pháp luật về bình đẳng giới. Sở Văn hóa, Thể thao và
Du lịch chủ trì, phối hợp với các cơ quan, đơn vị liên quan thực hiện trong Quý III/2025.
1 Quyết định số 1790/QĐ-TTg ngày 16/10/2021 của Thủ tướng Chính phủ.
2 Quyết định số 2232/QĐ-TTg ngày 28/12/2020 của Thủ tướng Chính phủ.
1
2. Kiện toàn Ban Vì sự tiến bộ của phụ nữ tỉnh. Sở Nội vụ chủ trì, hoàn thành trước ngày
31/7/2025.
3. Rà soát, cập nhật số liệu thống kê giới. Thống kê tỉnh Ninh Bình chủ trì, phối hợp với
Sở Nội vụ thực hiện trước ngày 30/11/2025.
3 Theo Thông tư số 10/2022/TT-BKHĐT ngày 15/11/2022.
2
III. TỔ CHỨC THỰC HIỆN
Các sở, ban, ngành báo cáo kết quả về Sở Nội vụ trước ngày 05/12/2025.
""" + SIGNATURE


def _texts(plan) -> str:
    return "\n".join(f"{it.title}\n{it.text}" for _, it in plan.walk())


def test_footnotes_go_where_their_marks_were():
    plan = parse_plan_text(SAMPLE)
    purpose = plan.items[0].children[0]
    assert purpose.title == (
        "Triển khai hiệu quả Chương trình truyền thông về bình đẳng giới đến năm 2030 (Quyết "
        "định số 1790/QĐ-TTg ngày 16/10/2021 của Thủ tướng Chính phủ) và Chương trình phòng "
        "ngừa, ứng phó với bạo lực trên cơ sở giới (Quyết định số 2232/QĐ-TTg ngày 28/12/2020 "
        "của Thủ tướng Chính phủ).")
    tasks = plan.items[1].children
    assert [t.text for t in tasks] == ["", "", ""]
    assert _texts(plan).count("Quyết định số 1790") == 1  # once, where its mark was
    assert "Thông tư số 10/2022" not in _texts(plan)  # no mark of it found: in the warning
    assert tasks[0].time_frame.text == "Quý III/2025"
    [warning] = [w for w in plan.warnings if "chú thích" in w]
    assert "«1 Quyết định số 1790/QĐ-TTg ngày 16/10/2021 của Thủ tướng Chính phủ.»" in warning
    assert "«3 Theo Thông tư số 10/2022/TT-BKHĐT ngày 15/11/2022.»" in warning
    assert "«giới2»" in warning and "«20301»" in warning


def test_numbers_that_are_real_stay_on_a_page_with_footnotes():
    text = HEADER + """I. MỤC ĐÍCH
1. Thực hiện Nghị định 30/2020/NĐ-CP và chỉ tiêu MT1 của Chiến lược quốc gia về bình đẳng
giới1 trong Quý 1 năm 2025; mỗi xã 2 lớp tập huấn, tổng cộng 120 người.
2. Bảo đảm chỉ tiêu MT3.2 và MT2 đạt năm 2025.
1 Nghị quyết số 28/NQ-CP ngày 03/3/2021 của Chính phủ.
1
II. NHIỆM VỤ
1. Tập huấn cán bộ. Sở Nội vụ chủ trì, thực hiện trong Quý 1/2025.
2
""" + SIGNATURE
    plan = parse_plan_text(text)
    first, second = plan.items[0].children
    assert first.title == ("Thực hiện Nghị định 30/2020/NĐ-CP và chỉ tiêu MT1 của Chiến lược "
                           "quốc gia về bình đẳng giới (Nghị quyết số 28/NQ-CP ngày 03/3/2021 của "
                           "Chính phủ) trong Quý 1 năm 2025; mỗi xã 2 lớp tập huấn, tổng cộng 120 "
                           "người.")
    assert second.title == "Bảo đảm chỉ tiêu MT3.2 và MT2 đạt năm 2025."
    assert plan.items[1].children[0].title == \
        "Tập huấn cán bộ. Sở Nội vụ chủ trì, thực hiện trong Quý 1/2025."


def test_a_note_over_two_lines_goes_as_one():
    text = HEADER + """I. MỤC ĐÍCH
1. Triển khai Chương trình truyền thông về bình đẳng giới1.
2. Bảo đảm phối hợp.
1 Quyết định số 1790/QĐ-TTg ngày 16/10/2021 của Thủ tướng Chính phủ phê duyệt Chương trình
truyền thông về bình đẳng giới đến năm 2030.
1
II. NHIỆM VỤ
1. Tập huấn cán bộ.
2
""" + SIGNATURE
    plan = parse_plan_text(text)
    assert [it.text for it in plan.items[0].children] == ["", ""]
    assert plan.items[0].children[0].title.endswith(
        "giới (Quyết định số 1790/QĐ-TTg ngày 16/10/2021 của Thủ tướng Chính phủ phê duyệt "
        "Chương trình truyền thông về bình đẳng giới đến năm 2030).")
    [warning] = [w for w in plan.warnings if "chú thích" in w]
    assert "phê duyệt Chương trình truyền thông về bình đẳng giới đến năm 2030.»" in warning


def test_without_page_numbers_nothing_is_taken_for_a_footnote():
    text = HEADER + """I. MỤC ĐÍCH
1. Triển khai Chương trình truyền thông về bình đẳng giới1.
1 Quyết định số 1790/QĐ-TTg ngày 16/10/2021 của Thủ tướng Chính phủ.
II. NHIỆM VỤ
1. Tập huấn cán bộ.
""" + SIGNATURE
    plan = parse_plan_text(text)
    assert plan.items[0].children[0].title.endswith("giới1.")
    assert "Quyết định số 1790" in plan.items[0].children[0].text
    assert not [w for w in plan.warnings if "chú thích" in w]


def test_a_numbered_line_with_no_mark_on_its_page_is_no_footnote():
    # "1 Sở Nội vụ…" above a page number, but no word on the page carries a mark "1"
    text = HEADER + """I. MỤC ĐÍCH
1. Triển khai Chương trình truyền thông về bình đẳng giới.
Danh sách cơ quan:
1 Sở Nội vụ tổng hợp, báo cáo.
1
II. NHIỆM VỤ
1. Tập huấn cán bộ.
2
""" + SIGNATURE
    plan = parse_plan_text(text)
    assert "1 Sở Nội vụ tổng hợp, báo cáo." in _texts(plan)
    assert not [w for w in plan.warnings if "chú thích" in w]


def test_a_mark_found_twice_on_its_page_stays_where_it_is():
    text = HEADER + """I. MỤC ĐÍCH
1. Triển khai Chương trình truyền thông về bình đẳng giới1 và năm 20251.
2. Bảo đảm phối hợp.
1 Quyết định số 1790/QĐ-TTg ngày 16/10/2021 của Thủ tướng Chính phủ.
1
II. NHIỆM VỤ
1. Tập huấn cán bộ.
2
""" + SIGNATURE
    plan = parse_plan_text(text)
    assert plan.items[0].children[0].title.endswith("bình đẳng giới1 và năm 20251.")
    assert "Quyết định số 1790" not in _texts(plan)
