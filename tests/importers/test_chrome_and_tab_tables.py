"""Website chrome is told from a plan's own sentences by its shape, not by its first words; a
table copied from a web page keeps a cell's several lines in their row."""

import docx
import pytest
from test_import_messy import HEADER, SIGNATURE

from gbapp.domain.model import Role
from gbapp.importers import parse_plan_text, read_plan

# Plan sentences that begin like a site's buttons, footers or paywall lines.
LOOKALIKES = [
    "- Văn bản hướng dẫn nghiệp vụ truyền thông được gửi đến các xã, phường.",
    "- Văn bản liên quan đến bình đẳng giới được rà soát, hệ thống hóa.",
    "- Đề tài khoa học về bình đẳng giới của tỉnh được phổ biến rộng rãi.",
    "- Để xem xét, đánh giá kết quả, Sở Nội vụ tổng hợp báo cáo.",
    "- Cập nhật cơ sở dữ liệu thống kê giới",
    "- Liên hệ với các cơ quan báo chí",
    "- Ghi chú: kinh phí từ nguồn sự nghiệp",
    "- Phụ lục kèm theo.",
    "- Tải về máy các tài liệu truyền thông cho cán bộ cơ sở.",
]


def test_sentences_that_look_like_site_chrome_stay_in_the_plan():
    body = ("I. MỤC ĐÍCH\nNâng cao nhận thức.\nII. NHIỆM VỤ\n1. Truyền thông\n"
            + "\n".join(LOOKALIKES)
            + "\n2. Kiểm tra\nThanh tra tỉnh chủ trì kiểm tra.\nIII. TỔ CHỨC THỰC HIỆN\n"
              "Sở Nội vụ theo dõi, đôn đốc.\n")
    plan = parse_plan_text(HEADER + body + SIGNATURE)
    tasks = plan.items[1].children[0].children
    assert [t.title for t in tasks] == [line[2:] for line in LOOKALIKES]
    assert [it.title for it in plan.items] == ["MỤC ĐÍCH", "NHIỆM VỤ", "TỔ CHỨC THỰC HIỆN"]
    assert plan.items[1].children[1].agencies[0].name == "Thanh tra tỉnh"


@pytest.mark.parametrize("line", ["Văn bản liên quan", "Văn bản liên quan (12)", "Tải văn bản",
                                  "Để xem đầy đủ nội dung văn bản, vui lòng đăng nhập",
                                  "Copyright © 2025 Thư viện"])
def test_site_footer_still_ends_the_document(line):
    text = HEADER + "I. NHIỆM VỤ\n1. Tập huấn cán bộ.\n" + line + "\n2. Quảng cáo khóa học\n"
    plan = parse_plan_text(text)
    assert [it.title for _, it in plan.walk()] == ["NHIỆM VỤ", "Tập huấn cán bộ."]


@pytest.mark.parametrize("line", ["Lưu trữ", "Cập nhật: 12/05/2025 10:30", "Liên hệ quảng cáo",
                                  "Hotline: 1900 6192", "Đăng nhập"])
def test_site_buttons_are_dropped(line):
    plan = parse_plan_text(line + "\n" + HEADER + "I. NHIỆM VỤ\n" + line + "\n1. Tập huấn.\n")
    assert [it.title for _, it in plan.walk()] == ["NHIỆM VỤ", "Tập huấn."]
    assert plan.meta.number == "45/KH-UBND"


def test_docx_table_cell_starting_like_chrome_keeps_its_text(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("I. NHIỆM VỤ")
    table = doc.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["STT", "Nội dung", "Cơ quan chủ trì"], strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells,
                          ["1", "Cập nhật cơ sở dữ liệu thống kê giới", "Sở Nội vụ"], strict=True):
        cell.text = text
    path = tmp_path / "plan.docx"
    doc.save(path)
    task = read_plan(path).items[0].children[0]
    assert task.title == "Cập nhật cơ sở dữ liệu thống kê giới"
    assert [a.name for a in task.agencies] == ["Sở Nội vụ"]


def test_tab_table_row_broken_over_lines_by_a_multi_line_cell():
    """A browser copies a cell of several lines as line breaks inside the row."""
    table = ("STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\tSản phẩm\n"
             "1\tXây dựng kế hoạch\tSở Nội vụ\tHội Liên hiệp Phụ nữ tỉnh\tTháng 10/2025\tKế hoạch\n"
             "2\tTổ chức Lễ phát động\tSở Nội vụ\tSở Văn hóa, Thể thao và Du lịch\n"
             "Đài Phát thanh - Truyền hình tỉnh\n"
             "UBND thành phố Hà Tĩnh\tTrước ngày 15/11/2025\tLễ phát động\n"
             "3\tTreo băng rôn\tUBND các xã\t\t15/11 - 15/12/2025\tBăng rôn\n"
             "\n"
             "III. TỔ CHỨC THỰC HIỆN\n"
             "Sở Nội vụ tổng hợp kết quả.\n")
    plan = parse_plan_text(HEADER + "I. MỤC ĐÍCH\nNâng cao nhận thức.\nII. NỘI DUNG\n" + table)
    rows = plan.items[1].children
    assert [r.title for r in rows] == ["Xây dựng kế hoạch", "Tổ chức Lễ phát động", "Treo băng rôn"]
    second = rows[1]
    assert [(a.name, a.role) for a in second.agencies] == [
        ("Sở Nội vụ", Role.LEAD), ("Sở Văn hóa, Thể thao và Du lịch", Role.COORDINATING),
        ("Đài Phát thanh - Truyền hình tỉnh", Role.COORDINATING),
        ("UBND thành phố Hà Tĩnh", Role.COORDINATING)]
    assert second.time_frame.text == "Trước ngày 15/11/2025"
    assert second.output == "Lễ phát động"
    assert rows[2].time_frame.end.day == 15
    assert plan.items[2].title == "TỔ CHỨC THỰC HIỆN"


def test_tab_table_cell_wrapped_mid_name_or_sentence_is_joined():
    """A cell whose text the page broke in the middle of a name ("…Thể thao và" / "Du lịch")
    or a sentence ("…trên" / "hệ thống…") reads whole, as a Word table's cell does; a cell's
    list of names one per line stays a list."""
    table = ("STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\n"
             "1\tTuyên truyền Luật Bình đẳng giới trên\nhệ thống thông tin cơ sở\t"
             "Sở Văn hóa, Thể thao và\nDu lịch\tSở Nội vụ\tQuý II/2026\n"
             "2\tTập huấn cán bộ\tSở Nội vụ\tSở Tư pháp\nCông an tỉnh\tQuý III/2026\n"
             "\n"
             "III. TỔ CHỨC THỰC HIỆN\n"
             "Sở Nội vụ tổng hợp kết quả.\n")
    plan = parse_plan_text(HEADER + "I. MỤC ĐÍCH\nNâng cao nhận thức.\nII. NỘI DUNG\n" + table)
    first, second = plan.items[1].children
    assert first.title == "Tuyên truyền Luật Bình đẳng giới trên hệ thống thông tin cơ sở"
    assert [(a.name, a.role) for a in first.agencies] == [
        ("Sở Văn hóa, Thể thao và Du lịch", Role.LEAD), ("Sở Nội vụ", Role.COORDINATING)]
    assert [a.name for a in second.agencies] == ["Sở Nội vụ", "Sở Tư pháp", "Công an tỉnh"]


def test_pdf_page_numbers_and_running_header_are_dropped():
    """Text copied from a PDF carries each page's number and running header mid-sentence."""
    running = "Kế hoạch số 145/KH-UBND ngày 18/6/2025 của UBND tỉnh Ninh Bình"
    body = ("I. NHIỆM VỤ\n1. Truyền thông\n"
            "a) Đăng tải tin, bài trên Cổng thông tin điện tử tỉnh. Văn phòng UBND tỉnh chủ trì,\n"
            "phối hợp với các sở, ban,\n2\n" + running + "\n"
            "ngành thực hiện. Thời gian: thường xuyên.\n"
            "b) Tổ chức hội thi tìm hiểu pháp luật. Tỉnh đoàn chủ trì thực hiện.\n"
            "- 3 -\n" + running + "\n"
            "II. TỔ CHỨC THỰC HIỆN\nSở Nội vụ theo dõi, đôn đốc.\n")
    plan = parse_plan_text(HEADER + body + SIGNATURE)
    a, b = plan.items[0].children[0].children
    assert [(x.name, x.role) for x in a.agencies] == [
        ("Văn phòng UBND tỉnh", Role.LEAD), ("các sở, ban, ngành", Role.COORDINATING)]
    assert all(running not in t and "\n2" not in t
               for _, it in plan.walk() for t in (it.title, it.text))
    assert plan.items[1].title == "TỔ CHỨC THỰC HIỆN"


def test_numbers_on_their_own_lines_that_are_no_pages_stay():
    """One lone number is no page sequence; nothing is dropped."""
    plan = parse_plan_text(HEADER + "I. NHIỆM VỤ\n1. Chỉ tiêu\nTỷ lệ nữ tham gia cấp ủy đạt\n"
                                    "30\nphần trăm trở lên.\n")
    assert "30" in plan.items[0].children[0].text


def test_several_agencies_in_one_performer_cell_are_pointed_out():
    """A one-column 'Cơ quan thực hiện' table does not say who leads: the first agency is
    taken as lead, and the import says so."""
    text = ("KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2025\nI. NHIỆM VỤ CỤ THỂ\n"
            "STT\tNội dung\tCơ quan thực hiện\tThời gian\n"
            "1\tTruyền thông tại các cơ sở y tế\tCác bệnh viện, Trung tâm Y tế huyện\tQuý III\n"
            "2\tTập huấn cán bộ\tSở Y tế\tQuý II\n")
    plan = parse_plan_text(text)
    tasks = [it for _, it in plan.walk() if it.agencies]
    assert [(a.name, a.role.value) for a in tasks[0].agencies] == [
        ("Các bệnh viện", "chu_tri"), ("Trung tâm Y tế huyện", "phoi_hop")]
    notes = [w for w in plan.warnings if "cùng một ô «thực hiện»" in w]
    assert len(notes) == 1 and notes[0].startswith("1 nhiệm vụ") and "Truyền thông" in notes[0]
