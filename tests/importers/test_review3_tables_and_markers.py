"""Third review round: plans from other provinces (tab tables with bulleted cells, "1.1 " and
"(1)" numbering, Word bullets pasted as text, dash lines stating a point's assignment)."""

from test_import_messy import HEADER

from gbapp.domain.model import ItemKind, Role
from gbapp.importers import parse_plan_text


def test_tab_table_cell_with_dash_lines_keeps_the_following_rows():
    """A content cell "…, gồm:⏎- Tin, bài…;⏎- Chuyên mục…" copied from a browser: its "- " lines
    continue the row; they are not the number of a new row."""
    table = ("TT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n"
             "1\tTruyền thông về bình đẳng giới trên các phương tiện thông tin đại chúng, gồm:\n"
             "- Tin, bài trên Báo và Phát thanh, Truyền hình Hà Tĩnh;\n"
             "- Chuyên mục trên Cổng thông tin điện tử tỉnh.\tSở Văn hóa, Thể thao và Du lịch"
             "\tBáo và Phát thanh, Truyền hình Hà Tĩnh\tThường xuyên\n"
             "2\tKiện toàn Ban Vì sự tiến bộ của phụ nữ tỉnh\tSở Nội vụ\tCác cơ quan liên quan\tQuý III/2025\n"
             "3\tTổ chức Tháng hành động vì bình đẳng giới\tSở Nội vụ\tUBND các xã, phường"
             "\t15/11-15/12/2025\n"
             "III. TỔ CHỨC THỰC HIỆN\n"
             "Sở Nội vụ theo dõi, tổng hợp.\n")
    plan = parse_plan_text(HEADER + "I. MỤC ĐÍCH\nNâng cao nhận thức.\nII. NHIỆM VỤ CỤ THỂ\n" + table)
    rows = plan.items[1].children
    assert [r.label for r in rows] == ["1", "2", "3"]
    assert rows[0].title.endswith("gồm:")
    assert rows[0].text == ("- Tin, bài trên Báo và Phát thanh, Truyền hình Hà Tĩnh;\n"
                            "- Chuyên mục trên Cổng thông tin điện tử tỉnh.")
    assert [(a.name, a.role) for a in rows[0].agencies] == [
        ("Sở Văn hóa, Thể thao và Du lịch", Role.LEAD),
        ("Báo và Phát thanh, Truyền hình Hà Tĩnh", Role.COORDINATING)]
    assert rows[1].title == "Kiện toàn Ban Vì sự tiến bộ của phụ nữ tỉnh"
    assert rows[1].time_frame.end.isoformat() == "2025-09-30"
    assert rows[2].agencies[0].name == "Sở Nội vụ"
    assert plan.items[2].title == "TỔ CHỨC THỰC HIỆN"
