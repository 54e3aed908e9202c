"""Lead (chủ trì) and coordinating (phối hợp) agencies as other provinces phrase them: duties
grouped under an agency's name, joint leads, commune bodies, "Đơn vị thực hiện: …", and names
that must not swallow the task's words."""

import pytest

from gbapp.domain.model import Role
from gbapp.importers import extract_agencies, parse_plan_text

HEADER = """ỦY BAN NHÂN DÂN
TỈNH GIA LAI
Số: 215/KH-UBND
Gia Lai, ngày 20 tháng 01 năm 2026
KẾ HOẠCH
THỰC HIỆN CÔNG TÁC BÌNH ĐẲNG GIỚI NĂM 2026
"""

L, C = Role.LEAD, Role.COORDINATING


def _roles(item):
    return [(a.name, a.role) for a in item.agencies]


def _plan(body: str):
    return parse_plan_text(HEADER + "I. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao nhận thức.\n" + body)


@pytest.mark.parametrize("text, expected", [
    # one office of two councils is one agency
    ("Văn phòng HĐND và UBND xã chủ trì cập nhật tin, bài trên Trang thông tin điện tử của xã.",
     [("Văn phòng HĐND và UBND xã", L)]),
    ("Sở Nội vụ chủ trì, phối hợp với Văn phòng Đoàn ĐBQH và HĐND tỉnh, Sở Tư pháp rà soát.",
     [("Sở Nội vụ", L), ("Văn phòng Đoàn ĐBQH và HĐND tỉnh", C), ("Sở Tư pháp", C)]),
    # joint leads: all of them, in order (the store keeps the first as lead)
    ("Sở Nội vụ, Hội Liên hiệp Phụ nữ tỉnh chủ trì tham mưu kiện toàn Ban.",
     [("Sở Nội vụ", L), ("Hội Liên hiệp Phụ nữ tỉnh", L)]),
    ("Cơ quan chủ trì: Sở Nội vụ; Hội Liên hiệp Phụ nữ tỉnh.",
     [("Sở Nội vụ", L), ("Hội Liên hiệp Phụ nữ tỉnh", L)]),
    ("Sở Nội vụ và Hội LHPN tỉnh đồng chủ trì tổ chức Tháng hành động.",
     [("Sở Nội vụ", L), ("Hội LHPN tỉnh", L)]),
    # the task's words are not part of a name
    ("Hội Liên hiệp Phụ nữ tỉnh, Tỉnh đoàn, Liên đoàn Lao động tỉnh theo chức năng, nhiệm vụ "
     "phối hợp thực hiện.",
     [("Hội Liên hiệp Phụ nữ tỉnh", C), ("Tỉnh đoàn", C), ("Liên đoàn Lao động tỉnh", C)]),
    ("Sở Tư pháp chủ trì thẩm định việc lồng ghép vấn đề bình đẳng giới trong dự thảo văn bản do "
     "cơ quan chủ trì soạn thảo gửi đến.", [("Sở Tư pháp", L)]),
    ("Hội nghị do Sở Nội vụ chủ trì.", [("Sở Nội vụ", L)]),
    ("UBND tỉnh giao Sở Nội vụ chủ trì xây dựng kế hoạch.", [("Sở Nội vụ", L)]),
    ("Sở Y tế chủ trì, phối hợp báo cáo kết quả.", [("Sở Y tế", L)]),
    ("Cơ quan chủ trì: Các thành viên Ban Vì sự tiến bộ của phụ nữ tỉnh theo lĩnh vực được phân "
     "công.", [("Các thành viên Ban Vì sự tiến bộ của phụ nữ tỉnh", L)]),
    # names starting with other words than "Sở", "Ban", "Hội"…
    ("Trạm Y tế xã chủ trì, phối hợp với Hội Liên hiệp Phụ nữ xã tư vấn về sức khỏe sinh sản.",
     [("Trạm Y tế xã", L), ("Hội Liên hiệp Phụ nữ xã", C)]),
    ("Đảng ủy xã chủ trì, phối hợp với Thuế tỉnh, Thống kê tỉnh thực hiện.",
     [("Đảng ủy xã", L), ("Thuế tỉnh", C), ("Thống kê tỉnh", C)]),
    ("Công chức Văn hóa - Xã hội chủ trì, phối hợp với Chi hội Phụ nữ các thôn thực hiện.",
     [("Công chức Văn hóa - Xã hội", L), ("Chi hội Phụ nữ các thôn", C)]),
    ("Các bệnh viện chủ trì, phối hợp với Đồn Biên phòng, Hạt Kiểm lâm thực hiện.",
     [("Các bệnh viện", L), ("Đồn Biên phòng", C), ("Hạt Kiểm lâm", C)]),
    # the name before a colon leads the duty after it
    ("Sở Nội vụ: Chủ trì, phối hợp với các sở, ngành tham mưu.",
     [("Sở Nội vụ", L), ("các sở, ngành", C)]),
    # the agencies that carry the task out
    ("Duy trì các Địa chỉ tin cậy. Đơn vị thực hiện: Hội Liên hiệp Phụ nữ xã. Thời gian: Quý IV.",
     [("Hội Liên hiệp Phụ nữ xã", L)]),
    ("Cơ quan thực hiện: Sở Y tế, Công an tỉnh.", [("Sở Y tế", L), ("Công an tỉnh", L)]),
])
def test_agencies_as_other_provinces_write_them(text, expected):
    assert [(a.name, a.role) for a in extract_agencies(text)] == expected


def test_joint_leads_and_new_name_starts_invent_no_agency():
    """Joint leads and the new name starts ("Trạm", "Thống kê"…) count only where an assignment
    names them; a task's words before a lead, a bare mention, the next label are no agency."""
    assert [(a.name, a.role) for a in extract_agencies(
        "Sở Nội vụ, Trạm Y tế xã chủ trì.")] == [("Sở Nội vụ", L), ("Trạm Y tế xã", L)]
    assert [(a.name, a.role) for a in extract_agencies(
        "Phòng, chống bạo lực gia đình, Công an tỉnh chủ trì.")] == [("Công an tỉnh", L)]
    assert [(a.name, a.role) for a in extract_agencies(
        "Cơ quan chủ trì: Sở Nội vụ; Thời gian: Quý I/2026.")] == [("Sở Nội vụ", L)]
    for text in ("Trạm Y tế xã tư vấn về sức khỏe sinh sản.",
                 "Thống kê số liệu, báo cáo Sở Nội vụ.", "Thời gian thực hiện: Quý II/2026.",
                 "Đơn vị thực hiện chịu trách nhiệm báo cáo."):
        assert extract_agencies(text) == []
