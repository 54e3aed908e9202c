"""Lead (chủ trì) and coordinating (phối hợp) agencies as other provinces phrase them: duties
grouped under an agency's name, joint leads, commune bodies, "Đơn vị thực hiện: …", and names
that must not swallow the task's words."""

import docx
import pytest

from gbapp.domain.model import Role
from gbapp.importers import extract_agencies, parse_plan_docx, parse_plan_text

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


def test_duties_grouped_under_an_agency_heading():
    """'TỔ CHỨC THỰC HIỆN' lists each agency's duties under its name: the name leads them."""
    plan = _plan(
        "II. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Nội vụ: Chủ trì, phối hợp với các sở, ban, ngành, UBND các xã, phường hướng dẫn, "
        "theo dõi việc thực hiện Kế hoạch.\n"
        "2. Sở Y tế\n"
        "- Chủ trì, phối hợp với Công an tỉnh triển khai các dịch vụ hỗ trợ nạn nhân.\n"
        "- Chỉ đạo các cơ sở khám bệnh, chữa bệnh thống kê số liệu nạn nhân bị bạo lực giới.\n"
        "- Giao Trung tâm Kiểm soát bệnh tật chủ trì truyền thông.\n"
        "3. Sở Giáo dục và Đào tạo:\n"
        "- Chủ trì lồng ghép nội dung giáo dục về giới trong các chương trình giáo dục.\n"
        "- Phối hợp với Tỉnh đoàn tổ chức các hoạt động ngoại khóa cho học sinh.\n"
        "4. UBND các xã, phường: Căn cứ Kế hoạch này xây dựng kế hoạch thực hiện tại địa phương.\n"
        "5. Hội Liên hiệp Phụ nữ tỉnh (cơ quan thường trực)\n- Chủ trì tổ chức tọa đàm.\n"
        "6. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh "
        "phối hợp tổ chức thực hiện.\n"
        "7. Các hội, đoàn thể\n"
        "a) Công an tỉnh:\n"
        "- Chủ trì điều tra, xử lý các vụ bạo lực gia đình.\n"
    )
    nv, yt, gd, xa, women, front, groups = plan.items[1].children
    assert _roles(nv) == [("Sở Nội vụ", L), ("các sở, ban, ngành", C), ("UBND các xã, phường", C)]
    assert _roles(yt) == [("Sở Y tế", L)]
    lead_duty, plain_duty, other = yt.children
    assert _roles(lead_duty) == [("Sở Y tế", L), ("Công an tỉnh", C)]
    assert _roles(plain_duty) == [("Sở Y tế", L)]
    assert _roles(other) == [("Trung tâm Kiểm soát bệnh tật", L)]  # its own lead, not the heading's
    assert _roles(gd) == [("Sở Giáo dục và Đào tạo", L)]
    assert [_roles(c) for c in gd.children] == [[("Sở Giáo dục và Đào tạo", L)],
                                                [("Sở Giáo dục và Đào tạo", L), ("Tỉnh đoàn", C)]]
    assert _roles(xa) == [("UBND các xã, phường", L)]
    assert _roles(women.children[0]) == [("Hội Liên hiệp Phụ nữ tỉnh", L)]
    assert _roles(front) == [("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", C),
                             ("các tổ chức chính trị - xã hội tỉnh", C)]
    police = groups.children[0]
    assert _roles(police) == [("Công an tỉnh", L)]
    assert _roles(police.children[0]) == [("Công an tỉnh", L)]


def test_headings_that_only_look_like_agencies_name_none():
    """'Hội nghị…', 'Phòng ngừa…', 'Báo cáo…' start like agency names but are tasks: their
    sub-duties get no invented agency, while a real heading's do."""
    plan = _plan(
        "II. NHIỆM VỤ\n"
        "1. Hội nghị sơ kết\n- Chủ trì, phối hợp với Sở Y tế tổ chức hội nghị.\n"
        "2. Phòng ngừa, ứng phó với bạo lực trên cơ sở giới\n- Chỉ đạo tổ chức các hoạt động.\n"
        "3. Báo cáo kết quả\n- Tổng hợp báo cáo gửi Bộ Nội vụ.\n"
        "4. Hội Liên hiệp Phụ nữ tỉnh\n- Chủ trì tổ chức các hoạt động.\n"
    )
    meeting, prevent, report, women = plan.items[1].children
    for item in (meeting, prevent, report):
        assert item.agencies == [] and item.children[0].agencies == []
    assert _roles(women.children[0]) == [("Hội Liên hiệp Phụ nữ tỉnh", L)]


def test_agency_heading_with_its_duty_in_a_paragraph_docx(tmp_path):
    """A .docx whose 'TỔ CHỨC THỰC HIỆN' gives each agency a heading and a plain paragraph."""
    doc = docx.Document()
    for text in ("ỦY BAN NHÂN DÂN", "THÀNH PHỐ CẦN THƠ", "Số: 302/KH-UBND",
                 "Cần Thơ, ngày 28 tháng 11 năm 2025", "KẾ HOẠCH",
                 "Thực hiện công tác bình đẳng giới năm 2026", "I. MỤC ĐÍCH, YÊU CẦU",
                 "1. Xác định rõ trách nhiệm của các cơ quan.", "II. TỔ CHỨC THỰC HIỆN",
                 "1. Sở Nội vụ",
                 "Là cơ quan thường trực, hướng dẫn, kiểm tra, tổng hợp tình hình thực hiện.",
                 "2. Các sở, ban, ngành thành phố, UBND các xã, phường",
                 "Căn cứ nhiệm vụ được phân công xây dựng kế hoạch và tổ chức thực hiện."):
        doc.add_paragraph(text)
    path = tmp_path / "cantho.docx"
    doc.save(path)
    interior, joint = parse_plan_docx(path).items[1].children
    assert _roles(interior) == [("Sở Nội vụ", L)]
    assert _roles(joint) == [("Các sở, ban, ngành thành phố", L), ("UBND các xã, phường", L)]


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


def test_a_duty_with_a_colon_is_a_sub_item_not_an_attribute():
    plan = _plan(
        "II. NHIỆM VỤ\n1. Truyền thông nâng cao nhận thức\n"
        "- Giao Sở Y tế chủ trì truyền thông về mất cân bằng giới tính khi sinh.\n"
        "- Thời gian thực hiện: Quý III/2026.\n"
        "- Phối hợp tổ chức các hoạt động: tọa đàm, hội thi, sân khấu hóa về bình đẳng giới.\n"
        "- Kinh phí hỗ trợ các mô hình điểm: mỗi xã một mô hình.\n"
        "- Kinh phí thực hiện (dự kiến): 50 triệu đồng.\n"
    )
    media = plan.items[1].children[0]
    assert [c.title for c in media.children] == [
        "Giao Sở Y tế chủ trì truyền thông về mất cân bằng giới tính khi sinh.",
        "Phối hợp tổ chức các hoạt động: tọa đàm, hội thi, sân khấu hóa về bình đẳng giới.",
        "Kinh phí hỗ trợ các mô hình điểm: mỗi xã một mô hình."]
    first = media.children[0]
    assert first.text == "Thời gian thực hiện: Quý III/2026."
    assert (first.time_frame.start.month, first.time_frame.end.month) == (7, 9)
    assert media.children[-1].text == "Kinh phí thực hiện (dự kiến): 50 triệu đồng."


L, C = Role.LEAD, Role.COORDINATING


@pytest.mark.parametrize("text, expected", [
    ("Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Thư viện tỉnh, Bảo tàng tỉnh tổ "
     "chức triển lãm.",
     [("Sở Văn hóa, Thể thao và Du lịch", L), ("Thư viện tỉnh", C), ("Bảo tàng tỉnh", C)]),
    # ("… Biên phòng tỉnh phòng, chống mua bán người" stays one long name: "Ban Chỉ đạo tỉnh
    # phòng, chống dịch" is a name written the same way)
    ("Sở Y tế chủ trì; Sở GD&ĐT, Hội LHPN tỉnh phối hợp triển khai.",
     [("Sở Y tế", L), ("Sở GD&ĐT", C), ("Hội LHPN tỉnh", C)]),
    ("Ban Chỉ đạo tỉnh phòng, chống dịch COVID-19 chủ trì thực hiện.",
     [("Ban Chỉ đạo tỉnh phòng, chống dịch COVID-19", L)]),
    ("Hội đồng lựa chọn sách giáo khoa tỉnh chủ trì thực hiện.",
     [("Hội đồng lựa chọn sách giáo khoa tỉnh", L)]),
    ("Giao Sở Nội vụ chủ trì, phối hợp tổ chức hội nghị.", [("Sở Nội vụ", L)]),
    ("Đề nghị Báo Quảng Ngãi thường xuyên phối hợp tuyên truyền.", []),
    ("Giao Công an tỉnh tăng cường phối hợp kiểm tra.", []),
    ("Các ban chỉ đạo chủ trì thực hiện.", []),
    # the place where a task is held is not a lead
    ("Tổ chức triển lãm tại Bảo tàng tỉnh, Sở Văn hóa, Thể thao và Du lịch chủ trì thực hiện.",
     [("Sở Văn hóa, Thể thao và Du lịch", L)]),
    ("Sở Y tế, Công an tỉnh chủ trì thực hiện.", [("Sở Y tế", L), ("Công an tỉnh", L)]),
    ("Cơ sở Bảo trợ xã hội tỉnh chủ trì tiếp nhận, hỗ trợ nạn nhân; Sở Y tế phối hợp.",
     [("Cơ sở Bảo trợ xã hội tỉnh", L), ("Sở Y tế", C)]),
    ("Đề nghị Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh phối hợp tuyên "
     "truyền, vận động hội viên.",
     [("Ủy ban MTTQ Việt Nam tỉnh", C), ("các tổ chức chính trị - xã hội tỉnh", C)]),
    ("UBND các xã, phường chủ trì; các ban, ngành, đoàn thể cấp xã phối hợp.",
     [("UBND các xã, phường", L), ("các ban, ngành, đoàn thể cấp xã", C)]),
    ("UBND tỉnh đề nghị Hội Liên hiệp Phụ nữ tỉnh phối hợp tổ chức hội thi.",
     [("Hội Liên hiệp Phụ nữ tỉnh", C)]),
    # "phòng, chống" inside a name; "tổng hợp" before a place is part of one
    ("Ban Chỉ đạo phòng, chống tội phạm tỉnh chủ trì, phối hợp với Công an tỉnh thực hiện.",
     [("Ban Chỉ đạo phòng, chống tội phạm tỉnh", L), ("Công an tỉnh", C)]),
    ("Trung tâm phòng, chống HIV/AIDS tỉnh chủ trì thực hiện.",
     [("Trung tâm phòng, chống HIV/AIDS tỉnh", L)]),
    ("Sở Văn hóa chủ trì, phối hợp với Thư viện tỉnh, Bảo tàng tổng hợp tỉnh thực hiện.",
     [("Sở Văn hóa", L), ("Thư viện tỉnh", C), ("Bảo tàng tổng hợp tỉnh", C)]),
    # not assignments
    ("Các sở, ban, ngành, địa phương cử cán bộ tham gia.", []),
    ("Tăng cường phối hợp tuyên truyền giữa các ngành.", []),
    ("Ban hành quy chế phối hợp trong công tác bình đẳng giới giữa các sở, ngành.", []),
    ("Hội nghị sơ kết công tác phối hợp theo Chương trình số 05.", []),
    ("Báo cáo kết quả phối hợp trong năm 2025 gửi UBND tỉnh trước ngày 15/12/2025.", []),
    ("Hội thi phối hợp tổ chức tại các xã.", []),
    ("Thư viện sách về bình đẳng giới phối hợp tuyên truyền.", []),
    ("Sở Nội vụ tăng cường phối hợp trong công tác kiểm tra.", []),
    ("Tổ chức tập huấn tại cơ sở. Sở Nội vụ chủ trì thực hiện.", [("Sở Nội vụ", L)]),
])
def test_more_bodies_and_duties_as_provinces_write_them(text, expected):
    assert [(a.name, a.role) for a in extract_agencies(text)] == expected


def test_a_title_that_starts_with_a_group_and_goes_on_with_a_duty_names_no_agency():
    from gbapp.importers.agencies import agency_heading

    for title in ("Các sở, ban, ngành, địa phương cử cán bộ tham gia.",
                  "Các cơ quan, đơn vị lập danh sách cán bộ nữ",
                  "Các huyện, thị xã, thành phố lựa chọn mô hình điểm"):
        assert agency_heading(title) == ()
    assert agency_heading("Thư viện tỉnh") == ("Thư viện tỉnh",)
