"""A plan whose sections start at "II." (its "I." left out, or lost when it was copied)."""

from __future__ import annotations

from gbapp.importers import parse_plan_text

HEAD = """ỦY BAN NHÂN DÂN
XÃ TỊNH KHÊ
Số: 12/KH-UBND
Tịnh Khê, ngày 10 tháng 3 năm 2025

KẾ HOẠCH
Thực hiện công tác bình đẳng giới năm 2025

"""
TAIL = """
Nơi nhận:
- UBND huyện;
- Lưu: VT.
CHỦ TỊCH
Nguyễn Văn A
"""


def _tree(plan):
    return [(depth, item.label, item.title) for depth, item in plan.walk()]


def test_the_first_section_heading_is_kept_when_there_is_no_first_section():
    plan = parse_plan_text(HEAD + """II. NHIỆM VỤ
1. Tuyên truyền
a) Tổ chức tuyên truyền pháp luật về bình đẳng giới. Hội Liên hiệp Phụ nữ xã chủ trì, phối hợp với Đoàn Thanh niên xã thực hiện. Thời gian: Quý II/2025.
b) Tập huấn cho cán bộ. Văn phòng HĐND và UBND xã chủ trì. Thời gian: Quý III/2025.
2. Kiểm tra
a) Kiểm tra việc thực hiện. Phòng Văn hóa - Xã hội chủ trì. Thời gian: tháng 11/2025.
III. TỔ CHỨC THỰC HIỆN
Giao Phòng Văn hóa - Xã hội theo dõi, đôn đốc.
""" + TAIL)
    tree = _tree(plan)
    assert tree[:2] == [(0, "II", "NHIỆM VỤ"), (1, "1", "Tuyên truyền")]
    assert (0, "III", "TỔ CHỨC THỰC HIỆN") in tree
    assert [d for d, label, _ in tree if label == "a"] == [2, 2]
    # the numbering gap is told, so the user sees the first part is missing
    assert any("không liên tục" in w for w in plan.warnings)


def test_sections_without_numbered_items_below_them():
    plan = parse_plan_text(HEAD + """II. NHIỆM VỤ
- Tuyên truyền pháp luật về bình đẳng giới. Hội Liên hiệp Phụ nữ xã chủ trì. Thời gian: Quý II/2025.
- Kiểm tra việc thực hiện. Phòng Văn hóa - Xã hội chủ trì. Thời gian: tháng 11/2025.
III. TỔ CHỨC THỰC HIỆN
Giao Phòng Văn hóa - Xã hội theo dõi, đôn đốc.
""" + TAIL)
    assert [(d, label) for d, label, _ in _tree(plan)] == [(0, "II"), (1, "-"), (1, "-"), (0, "III")]


def test_a_roman_numbered_line_in_sentence_case_is_no_section():
    """A line numbered like a section but in sentence case before the items ("II. Căn cứ…")
    is text, not a heading: a plan numbered 1., 2. still starts at "1."."""
    plan = parse_plan_text(HEAD + """II. Căn cứ tình hình thực tế của địa phương, UBND xã ban hành Kế hoạch.
1. Tuyên truyền
Tổ chức tuyên truyền. Hội Liên hiệp Phụ nữ xã chủ trì. Thời gian: Quý II/2025.
2. Kiểm tra
Kiểm tra việc thực hiện. Phòng Văn hóa - Xã hội chủ trì. Thời gian: tháng 11/2025.
""" + TAIL)
    assert [label for _, label, _ in _tree(plan)] == ["1", "2"]
