"""A task table pasted one cell per line (text copied from a PDF, or from some browsers) reads as
the same table pasted with tabs would; where its rows cannot be rebuilt with confidence, its text
is kept whole (row numbers included) and a warning says how to import it better."""

from __future__ import annotations

import unicodedata

import pytest

from gbapp.importers import parse_plan_text, plan_to_json

HEADER = """ỦY BAN NHÂN DÂN
TỈNH ĐỒNG THÁP
Số: 277/KH-UBND
Đồng Tháp, ngày 12 tháng 9 năm 2025
KẾ HOẠCH
Thực hiện công tác bình đẳng giới trên địa bàn tỉnh Đồng Tháp năm 2025
I. MỤC ĐÍCH, YÊU CẦU
Triển khai kịp thời, hiệu quả các nhiệm vụ về bình đẳng giới.
"""
SIGNATURE = """Nơi nhận:
- Như trên;
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Huỳnh Minh Tuấn
"""
ORGANISE = "III. TỔ CHỨC THỰC HIỆN\nSở Nội vụ theo dõi, tổng hợp, báo cáo UBND tỉnh.\n"


def _json(text: str) -> dict:
    return plan_to_json(parse_plan_text(text))


def _tabbed(rows: list[list[str]]) -> str:
    return "".join("\t".join(cells) + "\n" for cells in rows)


# The sample as a PDF copy gives it: one cell per line, cells wrapped over lines.
PDF_TABLE = """STT
Nội dung
Cơ quan chủ trì
Cơ quan phối hợp
Thời gian
1
Kiện toàn Ban Vì sự tiến bộ của
phụ nữ tỉnh
Sở Nội vụ
Các sở, ngành
liên quan
Quý IV/2025
2
Tuyên truyền Luật Bình đẳng giới
Sở Văn hóa, Thể thao và
Du lịch
Báo và Phát thanh,
Truyền hình Đồng Tháp
Thường xuyên
3
Tổ chức Tháng hành động
Sở Nội vụ
Hội Liên hiệp Phụ nữ tỉnh
15/11-15/12/2025
"""
PDF_TABLE_TABBED = _tabbed([
    ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
    ["1", "Kiện toàn Ban Vì sự tiến bộ của phụ nữ tỉnh", "Sở Nội vụ", "Các sở, ngành liên quan",
     "Quý IV/2025"],
    ["2", "Tuyên truyền Luật Bình đẳng giới", "Sở Văn hóa, Thể thao và Du lịch",
     "Báo và Phát thanh, Truyền hình Đồng Tháp", "Thường xuyên"],
    ["3", "Tổ chức Tháng hành động", "Sở Nội vụ", "Hội Liên hiệp Phụ nữ tỉnh", "15/11-15/12/2025"],
])

# Six columns, other names; the table under "1." inside a section, "2." after it; wrapped cells
# in the content, lead (with no joining word), time and output columns.
SIX_COLUMNS = """II. NHIỆM VỤ CỤ THỂ
1. Các nhiệm vụ trọng tâm
TT
Nhiệm vụ
Đơn vị chủ trì
Đơn vị phối hợp
Thời gian hoàn thành
Sản phẩm
1
Tổ chức các hoạt động hưởng ứng Tháng hành động vì
bình đẳng giới năm 2025
Ủy ban Mặt trận Tổ quốc
Việt Nam tỉnh
Hội Liên hiệp Phụ nữ tỉnh
Từ ngày 15/11
đến ngày 15/12/2025
Báo cáo kết quả
2
Tập huấn nghiệp vụ về bình đẳng giới cho cán bộ cấp xã
Sở Nội vụ
UBND các xã, phường
Quý III/2025
Tài liệu tập huấn được
ban hành
3
Rà soát, cập nhật số liệu thống kê giới
Thống kê tỉnh Đồng Tháp
Sở Nội vụ;
Sở Y tế
Trước ngày 30/11/2025
Bộ số liệu
2. Kiểm tra, giám sát việc thực hiện pháp luật về bình đẳng giới
Thanh tra tỉnh chủ trì, phối hợp với Sở Nội vụ thực hiện trong Quý IV/2025.
"""
SIX_COLUMNS_TABBED = "II. NHIỆM VỤ CỤ THỂ\n1. Các nhiệm vụ trọng tâm\n" + _tabbed([
    ["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành", "Sản phẩm"],
    ["1", "Tổ chức các hoạt động hưởng ứng Tháng hành động vì bình đẳng giới năm 2025",
     "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Hội Liên hiệp Phụ nữ tỉnh",
     "Từ ngày 15/11 đến ngày 15/12/2025", "Báo cáo kết quả"],
    ["2", "Tập huấn nghiệp vụ về bình đẳng giới cho cán bộ cấp xã", "Sở Nội vụ",
     "UBND các xã, phường", "Quý III/2025", "Tài liệu tập huấn được ban hành"],
    ["3", "Rà soát, cập nhật số liệu thống kê giới", "Thống kê tỉnh Đồng Tháp",
     "Sở Nội vụ; Sở Y tế", "Trước ngày 30/11/2025", "Bộ số liệu"],
]) + ("2. Kiểm tra, giám sát việc thực hiện pháp luật về bình đẳng giới\n"
      "Thanh tra tỉnh chủ trì, phối hợp với Sở Nội vụ thực hiện trong Quý IV/2025.\n")

# Three columns, one "Đơn vị thực hiện" column with two agencies on lines of their own; a
# paragraph right after the table, with no number and no blank line before it.
THREE_COLUMNS = """II. NHIỆM VỤ
STT
Nội dung công việc
Đơn vị thực hiện
1
Xây dựng kế hoạch truyền thông về bình đẳng giới
Sở Văn hóa, Thể thao và Du lịch
2
Tổ chức đối thoại chính sách với phụ nữ dân tộc thiểu số
Hội Liên hiệp Phụ nữ tỉnh
Sở Dân tộc và Tôn giáo
Các cơ quan, đơn vị báo cáo kết quả thực hiện về Sở Nội vụ trước ngày 05/12/2025.
"""
THREE_COLUMNS_TABBED = "II. NHIỆM VỤ\n" + _tabbed([
    ["STT", "Nội dung công việc", "Đơn vị thực hiện"],
    ["1", "Xây dựng kế hoạch truyền thông về bình đẳng giới", "Sở Văn hóa, Thể thao và Du lịch"],
    ["2", "Tổ chức đối thoại chính sách với phụ nữ dân tộc thiểu số",
     "Hội Liên hiệp Phụ nữ tỉnh, Sở Dân tộc và Tôn giáo"],
]) + "Các cơ quan, đơn vị báo cáo kết quả thực hiện về Sở Nội vụ trước ngày 05/12/2025.\n"

# Column names wrapped over two lines; a budget column; a row with an empty coordinating cell
# and one with an empty budget cell; the text after the table parted by a blank line.
WRAPPED_NAMES = """II. NỘI DUNG HOẠT ĐỘNG
TT
Hoạt động
Cơ quan (đơn vị)
chủ trì
Cơ quan (đơn vị)
phối hợp
Thời gian
thực hiện
Kinh phí
1
Tổ chức hội thi tìm hiểu pháp luật về bình đẳng giới
Sở Tư pháp
Quý II/2025
Ngân sách tỉnh
2
Truyền thông về phòng, chống bạo lực trên cơ sở giới
Công an tỉnh
Sở Y tế, Tỉnh đoàn
Năm 2025

Kinh phí thực hiện từ nguồn ngân sách tỉnh và các nguồn hợp pháp khác.
"""
WRAPPED_NAMES_TABBED = "II. NỘI DUNG HOẠT ĐỘNG\n" + _tabbed([
    ["TT", "Hoạt động", "Cơ quan (đơn vị) chủ trì", "Cơ quan (đơn vị) phối hợp",
     "Thời gian thực hiện", "Kinh phí"],
    ["1", "Tổ chức hội thi tìm hiểu pháp luật về bình đẳng giới", "Sở Tư pháp", "",
     "Quý II/2025", "Ngân sách tỉnh"],
    ["2", "Truyền thông về phòng, chống bạo lực trên cơ sở giới", "Công an tỉnh",
     "Sở Y tế, Tỉnh đoàn", "Năm 2025", ""],
]) + "\nKinh phí thực hiện từ nguồn ngân sách tỉnh và các nguồn hợp pháp khác.\n"

# Group rows ("I", "II" over the tasks they group) and a header of two rows: "Cơ quan thực
# hiện" over "Chủ trì" and "Phối hợp"; a note column; a content cell with bullets.
GROUPS = """II. NHIỆM VỤ VÀ GIẢI PHÁP
TT
Nội dung
Cơ quan thực hiện
Chủ trì
Phối hợp
Thời gian
Ghi chú
I
CÔNG TÁC TRUYỀN THÔNG
1
Truyền thông trên các phương tiện:
- Tin, bài trên Báo Đồng Tháp;
- Phóng sự trên truyền hình
Báo và Phát thanh,
Truyền hình Đồng Tháp
Sở Nội vụ
Thường xuyên
2
Treo băng rôn, khẩu hiệu
UBND các xã, phường
Tháng 11/2025
Theo hướng dẫn
II
CÔNG TÁC KIỂM TRA
3
Kiểm tra việc thực hiện pháp luật về bình đẳng giới
Sở Nội vụ
Thanh tra tỉnh
Quý IV/2025
"""
GROUPS_TABBED = "II. NHIỆM VỤ VÀ GIẢI PHÁP\n" + _tabbed([
    ["TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian", "Ghi chú"],
    ["I", "CÔNG TÁC TRUYỀN THÔNG"],
    ["1", "Truyền thông trên các phương tiện:"],
    ["- Tin, bài trên Báo Đồng Tháp;"],
    ["- Phóng sự trên truyền hình", "Báo và Phát thanh, Truyền hình Đồng Tháp", "Sở Nội vụ",
     "Thường xuyên"],
    ["2", "Treo băng rôn, khẩu hiệu", "UBND các xã, phường", "", "Tháng 11/2025",
     "Theo hướng dẫn"],
    ["II", "CÔNG TÁC KIỂM TRA"],
    ["3", "Kiểm tra việc thực hiện pháp luật về bình đẳng giới", "Sở Nội vụ", "Thanh tra tỉnh",
     "Quý IV/2025"],
])


@pytest.mark.parametrize(("per_line", "tabbed"), [
    ("II. NHIỆM VỤ CỤ THỂ\n" + PDF_TABLE, "II. NHIỆM VỤ CỤ THỂ\n" + PDF_TABLE_TABBED),
    (SIX_COLUMNS, SIX_COLUMNS_TABBED),
    (THREE_COLUMNS, THREE_COLUMNS_TABBED),
    (WRAPPED_NAMES, WRAPPED_NAMES_TABBED),
    (GROUPS, GROUPS_TABBED),
], ids=["pdf-sample", "six-columns-under-1", "three-columns-text-after", "wrapped-names",
        "groups-two-row-header"])
def test_a_table_one_cell_per_line_reads_as_the_same_table_with_tabs(per_line, tabbed):
    expected = _json(HEADER + tabbed + ORGANISE + SIGNATURE)
    got = _json(HEADER + per_line + ORGANISE + SIGNATURE)
    assert got == expected
    assert not any("mỗi ô một dòng" in w for w in got["plan"]["warnings"])


def test_the_sample_table_gives_three_tasks_with_their_agencies_and_times():
    plan = parse_plan_text(HEADER + "II. NHIỆM VỤ CỤ THỂ\n" + PDF_TABLE + ORGANISE + SIGNATURE)
    tasks = plan.items[1].children
    assert [(t.label, t.title) for t in tasks] == [
        ("1", "Kiện toàn Ban Vì sự tiến bộ của phụ nữ tỉnh"),
        ("2", "Tuyên truyền Luật Bình đẳng giới"),
        ("3", "Tổ chức Tháng hành động")]
    assert [[(a.name, a.role.value) for a in t.agencies] for t in tasks] == [
        [("Sở Nội vụ", "chu_tri"), ("Các sở, ngành liên quan", "phoi_hop")],
        [("Sở Văn hóa, Thể thao và Du lịch", "chu_tri"),
         ("Báo và Phát thanh, Truyền hình Đồng Tháp", "phoi_hop")],
        [("Sở Nội vụ", "chu_tri"), ("Hội Liên hiệp Phụ nữ tỉnh", "phoi_hop")]]
    assert [t.time_frame.text for t in tasks] == ["Quý IV/2025", "Thường xuyên", "15/11-15/12/2025"]
    assert plan.items[1].text == ""
    assert plan.items[2].text == "Sở Nội vụ theo dõi, tổng hợp, báo cáo UBND tỉnh."


def test_text_after_the_table_stays_text():
    plan = parse_plan_text(HEADER + THREE_COLUMNS + ORGANISE + SIGNATURE)
    section = plan.items[1]
    assert [t.title for t in section.children] == [
        "Xây dựng kế hoạch truyền thông về bình đẳng giới",
        "Tổ chức đối thoại chính sách với phụ nữ dân tộc thiểu số"]
    assert "báo cáo kết quả thực hiện về Sở Nội vụ trước ngày 05/12/2025" in \
        section.children[1].text


def _kept_warning(plan) -> list[str]:
    return [w for w in plan.warnings if "mỗi ô một dòng" in w]


def _assert_all_kept(plan, table: str) -> None:
    """Every line of *table* is in the plan's text, row numbers included, in order."""
    texts = "\n".join(f"{it.title}\n{it.text}" for _, it in plan.walk())
    lines = [ln for ln in table.split("\n") if ln.strip()]
    assert "\n".join(lines) in texts


def test_a_row_without_its_number_keeps_the_table_as_text_with_a_warning():
    broken = PDF_TABLE.replace("\n3\n", "\n")  # row 3's number lost: row 2 reads in no way
    plan = parse_plan_text(HEADER + "II. NHIỆM VỤ CỤ THỂ\n" + broken + ORGANISE + SIGNATURE)
    section = plan.items[1]
    assert section.children == []
    _assert_all_kept(plan, broken)
    assert section.text.split("\n")[5:7] == ["1", "Kiện toàn Ban Vì sự tiến bộ của"]
    [warning] = _kept_warning(plan)
    assert "«STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian»" in warning
    assert "Word" in warning and ".docx" in warning
    assert warning == unicodedata.normalize("NFC", warning)
    assert plan.items[2].title == "TỔ CHỨC THỰC HIỆN"


def test_a_cell_that_names_no_agency_in_an_agency_column_is_not_guessed():
    odd = PDF_TABLE.replace("Sở Văn hóa, Thể thao và\nDu lịch\n", "Giám đốc các sở\n")
    plan = parse_plan_text(HEADER + "II. NHIỆM VỤ CỤ THỂ\n" + odd + ORGANISE + SIGNATURE)
    assert plan.items[1].children == []
    _assert_all_kept(plan, odd)
    assert len(_kept_warning(plan)) == 1


def test_a_table_without_row_numbers_is_kept_as_text_with_a_warning():
    table = ("Nội dung\nCơ quan chủ trì\nCơ quan phối hợp\nThời gian\n"
             "Tập huấn cán bộ\nSở Nội vụ\nSở Y tế\nQuý II/2025\n"
             "Kiểm tra liên ngành\nThanh tra tỉnh\nSở Nội vụ\nQuý IV/2025\n")
    plan = parse_plan_text(HEADER + "II. NHIỆM VỤ\n" + table + ORGANISE + SIGNATURE)
    assert plan.items[1].children == []
    _assert_all_kept(plan, table)
    assert len(_kept_warning(plan)) == 1


def test_the_kept_table_is_not_joined_to_the_lines_around_it():
    broken = PDF_TABLE.replace("\n3\n", "\n")
    plan = parse_plan_text(HEADER + "II. NHIỆM VỤ CỤ THỂ\nCác nhiệm vụ cụ thể như sau\n" + broken
                           + "thực hiện theo kế hoạch.\n" + ORGANISE + SIGNATURE)
    lines = plan.items[1].text.split("\n")
    assert lines[0] == "Các nhiệm vụ cụ thể như sau"
    assert lines[1] == "STT"
    assert lines[-1] == "thực hiện theo kế hoạch."


@pytest.mark.parametrize("text", [
    # names of columns in running text, not a table
    "II. NHIỆM VỤ\n1. Tập huấn\nCơ quan chủ trì: Sở Nội vụ\nCơ quan phối hợp: Sở Y tế\n"
    "Thời gian: Quý II/2025\n",
    "II. NHIỆM VỤ\n1. Tập huấn\nNội dung\nTập huấn kỹ năng lồng ghép giới.\n2. Kiểm tra\n",
    # a tab-separated table is read as before
    "II. NHIỆM VỤ CỤ THỂ\n" + PDF_TABLE_TABBED,
])
def test_text_that_is_no_such_table_reads_as_before(text):
    plan = parse_plan_text(HEADER + text + ORGANISE + SIGNATURE)
    assert _kept_warning(plan) == []


def test_page_numbers_are_still_dropped_where_a_table_is_read():
    # a PDF's page numbers ("1", "2") count up through the text around a table
    text = (HEADER + "1\nII. NHIỆM VỤ CỤ THỂ\n" + PDF_TABLE
            + "III. TỔ CHỨC THỰC HIỆN\nSở Nội vụ theo dõi, tổng hợp.\n2\nCác sở báo cáo.\n"
            + SIGNATURE)
    plan = parse_plan_text(text)
    assert [t.label for t in plan.items[1].children] == ["1", "2", "3"]
    assert plan.items[2].text == "Sở Nội vụ theo dõi, tổng hợp.\nCác sở báo cáo."


def test_row_numbers_written_with_a_dot_read_the_same():
    dotted = PDF_TABLE
    for n in "123":
        dotted = dotted.replace(f"\n{n}\n", f"\n{n}.\n")
    got = _json(HEADER + "II. NHIỆM VỤ CỤ THỂ\n" + dotted + ORGANISE + SIGNATURE)
    assert [c["title"] for c in got["items"][1]["children"]] == [
        "Kiện toàn Ban Vì sự tiến bộ của phụ nữ tỉnh", "Tuyên truyền Luật Bình đẳng giới",
        "Tổ chức Tháng hành động"]


def test_a_row_of_very_many_lines_is_kept_as_text_at_once():
    bullets = "".join(f"- Hoạt động tuyên truyền số {n};\n" for n in range(60))
    table = PDF_TABLE.replace("Tổ chức Tháng hành động\n", "Tổ chức Tháng hành động:\n" + bullets)
    plan = parse_plan_text(HEADER + "II. NHIỆM VỤ CỤ THỂ\n" + table + ORGANISE + SIGNATURE)
    assert plan.items[1].children == []
    assert len(_kept_warning(plan)) == 1
    _assert_all_kept(plan, table)


def test_a_page_number_inside_the_table_is_left_out_not_glued_to_a_cell():
    """A code review: where the table crosses a page, its page number "2" became part of the
    cell above ("Sở Văn hóa, Thể thao và Du lịch 2": a new agency on import)."""
    crossing = PDF_TABLE.replace("Du lịch\n", "Du lịch\n2\n").replace(
        "Tuyên truyền Luật Bình đẳng giới\n", "Tuyên truyền Luật Bình đẳng giới\n7\n")
    assert crossing.count("\n2\n") == 2 and "\n7\n" in crossing
    assert _json(HEADER + "II. NHIỆM VỤ CỤ THỂ\n" + crossing + ORGANISE + SIGNATURE)["items"] \
        == _json(HEADER + "II. NHIỆM VỤ CỤ THỂ\n" + PDF_TABLE + ORGANISE + SIGNATURE)["items"]
