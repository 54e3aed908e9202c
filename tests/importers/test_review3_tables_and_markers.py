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


NODOT_BODY = ("I. MỤC ĐÍCH, YÊU CẦU\nTriển khai hiệu quả các nhiệm vụ về bình đẳng giới.\nII. NHIỆM VỤ\n"
              "1. Công tác truyền thông\n"
              "1.1 Tuyên truyền trên Báo và Phát thanh, Truyền hình Sơn La. Sở Văn hóa, Thể thao và "
              "Du lịch chủ trì; thời gian: thường xuyên.\n"
              "1.2 Tổ chức Hội thi “Phụ nữ vùng cao với bình đẳng giới”. Hội Liên hiệp Phụ nữ tỉnh "
              "chủ trì; thời gian: Quý IV/2025.\n"
              "2. Công tác kiểm tra\n"
              "2.1 Kiểm tra tại 05 xã vùng cao. Sở Nội vụ chủ trì; thời gian: tháng 11/2025.\n"
              "III. TỔ CHỨC THỰC HIỆN\nSở Nội vụ theo dõi, tổng hợp.\n")


def _outline(plan):
    return [(d, it.label, it.title[:20]) for d, it in plan.walk()]


def test_decimal_numbers_without_a_trailing_dot_are_sub_items():
    plan = parse_plan_text(HEADER + NODOT_BODY)
    assert _outline(plan)[2:] == [
        (1, "1", "Công tác truyền thôn"), (2, "1.1", "Tuyên truyền trên Bá"),
        (2, "1.2", "Tổ chức Hội thi “Phụ"), (1, "2", "Công tác kiểm tra"),
        (2, "2.1", "Kiểm tra tại 05 xã v"), (0, "III", "TỔ CHỨC THỰC HIỆN")]
    first = plan.items[1].children[0].children[0]
    assert [(a.name, a.role) for a in first.agencies] == [("Sở Văn hóa, Thể thao và Du lịch", Role.LEAD)]


def test_word_numbering_1_1_without_a_dot_is_a_sub_item(tmp_path):
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    from gbapp.importers import read_plan

    doc = docx.Document()
    for line in HEADER.strip().split("\n"):
        doc.add_paragraph(line)
    numbering = doc.part.numbering_part.element
    levels = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                     f'<w:lvlText w:val="{text}"/></w:lvl>' for i, text in enumerate(("%1.", "%1.%2")))
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="91">{levels}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    for line in NODOT_BODY.strip().split("\n"):
        label, _, rest = line.partition(" ")
        if label[0].isdigit():
            p = doc.add_paragraph(rest)
            level = label.count(".") - (1 if label.endswith(".") else 0)
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="91"/></w:numPr>'))
        else:
            doc.add_paragraph(line)
    path = tmp_path / "plan.docx"
    doc.save(path)
    plan = read_plan(path)
    assert [(d, it.label) for d, it in plan.walk()][2:] == [
        (1, "1"), (2, "1.1"), (2, "1.2"), (1, "2"), (2, "2.1"), (0, "III")]


def test_numbers_dates_and_versions_at_line_start_are_no_decimal_markers():
    from gbapp.importers.markers import parse_marker
    for line in ("1.000 người tham gia tập huấn", "2.0 Phiên bản mới", "1.5 triệu đồng", "1.1 tỷ đồng",
                 "05.12 Ngày hội", "1.2.2025 Tổ chức", "3.125 Hộ gia đình", "1.1Tổ chức"):
        assert parse_marker(line) is None, line
    # a date reads like "15.12": a sub-item only below an open item "15."
    plan = parse_plan_text(HEADER + "I. NHIỆM VỤ\n2. Công tác kiểm tra\n15.12 Hội nghị tổng kết.\n")
    assert [it.label for _, it in plan.walk()] == ["I", "2"]
    assert plan.items[0].children[0].text == "15.12 Hội nghị tổng kết."
    m = parse_marker("2.3 Tổ chức tập huấn")
    assert (m.kind, m.label, m.rest, m.value) == (ItemKind.ARABIC, "2.3", "Tổ chức tập huấn", 3)
    assert parse_marker("1.1.2 Đối thoại chính sách").label == "1.1.2"


PAREN_BODY = ("I. MỤC ĐÍCH, YÊU CẦU\nThực hiện hiệu quả các mục tiêu bình đẳng giới năm 2025.\n"
              "II. NHIỆM VỤ TRỌNG TÂM\n"
              "1. Công tác truyền thông\n"
              "(1) Truyền thông trên sóng phát thanh, truyền hình bằng tiếng Thái, tiếng Mông (Báo và "
              "Phát thanh, Truyền hình Điện Biên chủ trì; thời gian: thường xuyên).\n"
              "(2) Tổ chức Hội thi tìm hiểu pháp luật về bình đẳng giới cấp tỉnh (Sở Nội vụ chủ trì, "
              "phối hợp với Sở Tư pháp; thời gian: Quý III/2025).\n"
              "(3) In, phát hành 5.000 tờ gấp về phòng, chống tảo hôn (Sở Y tế chủ trì; thời gian: "
              "tháng 6/2025).\n"
              "2. Công tác kiểm tra\n"
              "1) Kiểm tra tại 03 sở, ngành (Sở Nội vụ chủ trì; Quý IV/2025).\n"
              "2) Kiểm tra tại 05 xã, phường (Sở Nội vụ chủ trì, phối hợp với UBND các xã, phường; "
              "Quý IV/2025).\n"
              "3. Công tác thống kê\n"
              "Sở Nội vụ chủ trì cập nhật số liệu thống kê giới.\n"
              "III. TỔ CHỨC THỰC HIỆN\nSở Nội vụ theo dõi, tổng hợp.\n")


def test_parenthesised_numbers_are_items_below_their_heading():
    plan = parse_plan_text(HEADER + PAREN_BODY)
    assert [(d, it.label) for d, it in plan.walk()] == [
        (0, "I"), (0, "II"), (1, "1"), (2, "1"), (2, "2"), (2, "3"), (1, "2"), (2, "1"), (2, "2"),
        (1, "3"), (0, "III")]
    communication, inspection, statistics = plan.items[1].children
    assert [c.title[:22] for c in communication.children] == [
        "Truyền thông trên sóng", "Tổ chức Hội thi tìm hi", "In, phát hành 5.000 tờ"]
    assert [(a.name, a.role) for a in communication.children[1].agencies] == [
        ("Sở Nội vụ", Role.LEAD), ("Sở Tư pháp", Role.COORDINATING)]
    assert communication.children[2].time_frame.end.isoformat() == "2025-06-30"
    # "1) 2)" right under "2." are its items, not its siblings; "3." closes them
    assert [(c.label, c.title[:21]) for c in inspection.children] == [
        ("1", "Kiểm tra tại 03 sở, n"), ("2", "Kiểm tra tại 05 xã, p")]
    assert statistics.label == "3" and statistics.text.startswith("Sở Nội vụ chủ trì")
    assert not any("Số thứ tự" in w for w in plan.warnings)


def test_numbers_in_parentheses_followed_by_lower_case_or_in_a_table_stay_as_they_were():
    from gbapp.importers.markers import classify_label, parse_marker
    assert parse_marker("(1) của Bộ Nội vụ") is None
    assert parse_marker("(2021-2025) Giai đoạn") is None
    assert classify_label("(1)") is None


def test_paren_numbered_tasks_as_the_plan_s_own_level_stay_siblings():
    """A plan numbering its tasks "1)", "2)" under "II." (no "1." above them) keeps them there,
    and a stray "2)" after "1." (a typing slip) is its sibling, not its child."""
    plan = parse_plan_text(HEADER + "I. NHIỆM VỤ\n1) Tập huấn cán bộ.\n2) Kiểm tra việc thực hiện.\n"
                           "II. GIẢI PHÁP\n1. Truyền thông.\n2) Tăng cường kiểm tra.\n")
    assert [(d, it.label) for d, it in plan.walk()] == [
        (0, "I"), (1, "1"), (1, "2"), (0, "II"), (1, "1"), (1, "2")]


def test_dash_lines_stating_a_point_s_lead_and_time_are_its_attributes():
    body = ("I. MỤC ĐÍCH\nNâng cao nhận thức.\nII. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Công tác truyền thông\n"
            "a) Tập huấn nghiệp vụ cho công chức làm công tác bình đẳng giới cấp xã.\n"
            "- Sở Nội vụ chủ trì, phối hợp với UBND các xã, phường, đặc khu.\n"
            "- Thời gian: Tháng 9/2025.\n"
            "b) Tuyên truyền trên hệ thống loa truyền thanh của xã.\n"
            "- Phòng Văn hóa - Xã hội chủ trì;\n"
            "- Thời gian: Hằng tháng.\n"
            "c) Tổ chức đối thoại với nữ công nhân.\n"
            "- Công an tỉnh chủ trì; Sở Y tế, Hội Liên hiệp Phụ nữ tỉnh phối hợp.\n"
            "d) Kiểm tra việc thực hiện pháp luật về bình đẳng giới.\n"
            # real tasks that name their lead stay points
            "- Sở Nội vụ chủ trì tổ chức kiểm tra tại 05 sở, ngành.\n"
            "- Sở Nội vụ chủ trì, phối hợp với Thanh tra tỉnh kiểm tra tại 10 xã, phường.\n"
            "III. TỔ CHỨC THỰC HIỆN\nSở Nội vụ theo dõi.\n")
    plan = parse_plan_text(HEADER + body)
    a, b, c, d = plan.items[1].children[0].children
    assert (a.children, b.children, c.children) == ([], [], [])
    assert [(x.name, x.role) for x in a.agencies] == [
        ("Sở Nội vụ", Role.LEAD), ("UBND các xã, phường, đặc khu", Role.COORDINATING)]
    assert a.time_frame.end.isoformat() == "2025-09-30"
    assert [(x.name, x.role) for x in b.agencies] == [("Phòng Văn hóa - Xã hội", Role.LEAD)]
    assert b.time_frame.recurring
    assert [(x.name, x.role) for x in c.agencies] == [
        ("Công an tỉnh", Role.LEAD), ("Sở Y tế", Role.COORDINATING),
        ("Hội Liên hiệp Phụ nữ tỉnh", Role.COORDINATING)]
    assert [p.title[:30] for p in d.children] == [
        "Sở Nội vụ chủ trì tổ chức kiểm", "Sở Nội vụ chủ trì, phối hợp vớ"]


def test_assignment_only_sentences():
    from gbapp.importers.agencies import is_assignment_only
    for text in ("Sở Nội vụ chủ trì, phối hợp với UBND các xã, phường, đặc khu.",
                 "Phòng Văn hóa - Xã hội chủ trì;", "Giao Sở Y tế chủ trì thực hiện.",
                 "Công an tỉnh chủ trì; Sở Y tế, Hội Liên hiệp Phụ nữ tỉnh phối hợp.",
                 "Hội Liên hiệp Phụ nữ tỉnh chủ trì, phối hợp với các cơ quan liên quan triển khai thực hiện."):
        assert is_assignment_only(text), text
    for text in ("Sở Nội vụ chủ trì tổ chức kiểm tra tại 05 sở, ngành.",
                 "Sở Nội vụ chủ trì, phối hợp với Thanh tra tỉnh kiểm tra tại 10 xã, phường.",
                 "Chủ trì, phối hợp với Công an tỉnh tuyên truyền.",
                 "Thôn 1, Thôn 2: Hội Liên hiệp Phụ nữ xã chủ trì;",
                 "Hội nghị chủ trì bởi lãnh đạo tỉnh."):
        assert not is_assignment_only(text), text


def test_word_bullets_pasted_as_text_are_points():
    """Word's bullets pasted into a text file: the Symbol font's "\\uf0b7" (or "·"), "o" of the
    second level, "Ø", "§", "ü", "v", each followed by a tab."""
    body = ("I.\tMỤC ĐÍCH\nNâng cao nhận thức.\nII.\tNHIỆM VỤ\n1.\tCông tác truyền thông\n"
            "a)\tTuyên truyền trên báo chí, gồm:\n"
            "\uf0b7\tChuyên mục truyền hình: Báo và Phát thanh, Truyền hình Bắc Ninh chủ trì; thời gian: hằng tháng.\n"
            "o\tTin bài trên Cổng thông tin điện tử tỉnh: Văn phòng UBND tỉnh chủ trì.\n"
            "·\tPhóng sự: Sở Văn hóa, Thể thao và Du lịch chủ trì.\n"
            "b)\tTuyên truyền tại cộng đồng, gồm:\n"
            "Ø\tSân khấu hóa: Sở Văn hóa, Thể thao và Du lịch chủ trì; thời gian: Quý III/2025.\n"
            "§\tPanô, áp phích: UBND các xã, phường chủ trì.\n"
            "ü\tTờ gấp: Sở Y tế chủ trì.\n"
            "v\tLoa truyền thanh: UBND các xã chủ trì.\n"
            # the words "o" and "v" in a sentence are no bullets
            "o Đi vào các thôn bản cùng bà con.\n"
            "III.\tTỔ CHỨC THỰC HIỆN\nSở Nội vụ theo dõi.\n")
    plan = parse_plan_text(HEADER + body)
    a, b = plan.items[1].children[0].children
    assert [p.title[:12] for p in a.children] == ["Chuyên mục t", "Phóng sự: Sở"]
    assert a.children[0].children[0].title.startswith("Tin bài trên Cổng")
    assert [p.title[:12] for p in b.children] == ["Sân khấu hóa", "Panô, áp phí", "Tờ gấp: Sở Y",
                                                  "Loa truyền t"]
    assert b.children[0].agencies[0].name == "Sở Văn hóa, Thể thao và Du lịch"
    assert b.children[-1].text == "o Đi vào các thôn bản cùng bà con."


def _plan_of(path: str):
    from pathlib import Path

    from gbapp.importers import parse_plan_text

    return parse_plan_text(Path(__file__).with_name("review4_inputs").joinpath(path).read_text(
        encoding="utf-8"))


def _find(items, title_start):
    for it in items:
        if it.title.startswith(title_start):
            return it
        found = _find(it.children, title_start)
        if found is not None:
            return found
    return None


def test_numbers_in_parentheses_only_as_a_list_of_their_own():
    """A code review of "(n)" items: "(1) …; (2) …" run in one wrapped line became a child
    that took its activity's lead and time; "(1)", "(2)" under a "-" point became siblings
    of the point (and the next "-" went under "(2)"); a lone "(3)" of a wrapped line became an
    item; the list's shared "Cơ quan chủ trì" line went to its last "(n)" only."""
    inline = _plan_of("paren_inline.txt")
    first = _find(inline.items, "Tổ chức tập huấn")
    assert first.children == [] and [a.name for a in first.agencies] == ["Sở Nội vụ", "Sở Tài chính"]
    assert first.time_frame.end.isoformat() == "2025-09-30"

    under_dash = _plan_of("paren_under_dash.txt")
    point = _find(under_dash.items, "Tổ chức các hoạt động sau")
    assert [c.title[:7] for c in point.children] == ["Hội thi", "Tọa đàm"]
    banner = _find(under_dash.items, "Treo băng rôn")
    assert banner.kind.value == "dash" and banner.children == []
    assert banner in _find(under_dash.items, "Hưởng ứng").children

    shared = _plan_of("paren_shared.txt")
    heading = _find(shared.items, "Tăng cường công tác tuyên truyền")
    assert [a.name for a in heading.agencies] == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert len(heading.children) == 2 and all(not c.agencies for c in heading.children)
    checks = _find(shared.items, "Kiểm tra việc thực hiện")
    assert checks.children == [] and [a.name for a in checks.agencies] == ["Sở Nội vụ"]


def test_two_lines_each_naming_a_lead_are_two_tasks():
    """"- Báo Quảng Ngãi chủ trì, …" then "- Đài PT-TH tỉnh chủ trì, …" under a): two tasks
    with a lead each, not two leads of a) (the second became a coordinator when stored)."""
    plan = _plan_of("dash_two_leads.txt")
    point = _find(plan.items, "Tuyên truyền về bình đẳng giới")
    assert [c.agencies[0].name for c in point.children] == [
        "Báo Quảng Ngãi", "Đài Phát thanh - Truyền hình tỉnh"]
    assert not point.agencies
