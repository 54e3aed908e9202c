"""Word numbering defined through list styles and paragraph styles, and task tables whose only
agency column is "Đơn vị thực hiện" (in .docx and in pasted text)."""

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from test_import_docx import LEVELS
from test_import_docx import _header as state_header

from gbapp.domain.model import Role
from gbapp.importers import parse_plan_text, read_plan
from gbapp.importers.docx_reader import docx_blocks

# (level, text) of a small plan: I. / 1. / a)
BODY = [
    (0, "MỤC ĐÍCH, YÊU CẦU"),
    (1, "Triển khai kịp thời các nhiệm vụ."),
    (0, "NHIỆM VỤ, GIẢI PHÁP"),
    (1, "Công tác truyền thông"),
    (2, "Sở Y tế chủ trì truyền thông về mất cân bằng giới tính khi sinh."),
    (2, "Sở Nội vụ chủ trì, phối hợp với Công an tỉnh kiểm tra."),
    (1, "Phòng ngừa bạo lực trên cơ sở giới"),
    (0, "TỔ CHỨC THỰC HIỆN"),
]
EXPECTED = [(0, "I", "MỤC ĐÍCH, YÊU CẦU"), (1, "1", "Triển khai kịp thời các nhiệm vụ."),
            (0, "II", "NHIỆM VỤ, GIẢI PHÁP"), (1, "1", "Công tác truyền thông"),
            (2, "a", "Sở Y tế chủ trì truyền thông về mất cân bằng giới tính khi sinh."),
            (2, "b", "Sở Nội vụ chủ trì, phối hợp với Công an tỉnh kiểm tra."),
            (1, "2", "Phòng ngừa bạo lực trên cơ sở giới"), (0, "III", "TỔ CHỨC THỰC HIỆN")]


def _header(doc):
    state_header(doc, province="TỈNH TÂY NINH", number="77/KH-UBND",
                 date_line="Tây Ninh, ngày 20 tháng 02 năm 2026",
                 title="Thực hiện công tác bình đẳng giới năm 2026", basis=None)


def _lvl_xml(levels, styles=None) -> str:
    styles = styles or {}
    return "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        + (f'<w:pStyle w:val="{styles[i]}"/>' if i in styles else "")
        + f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels))


def _add_numbering(doc, abstracts: dict[str, str], nums: dict[str, str]) -> None:
    """abstractNum elements (id → inner XML) and num elements (numId → abstractNum id)."""
    numbering = doc.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    for aid, inner in abstracts.items():
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">{inner}</w:abstractNum>')
        if first_num is not None:
            first_num.addprevious(abstract)  # schema order: abstractNum before num elements
        else:
            numbering.append(abstract)
    for nid, aid in nums.items():
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/></w:num>'))


def _add_style(doc, xml: str) -> None:
    doc.styles.element.append(parse_xml(xml))


def _number(paragraph, num_id: str, level: int | None) -> None:
    ilvl = f'<w:ilvl w:val="{level}"/>' if level is not None else ""
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}>{ilvl}<w:numId w:val="{num_id}"/></w:numPr>'))


def _set_style_numpr(style, num_id: str | None, level: int | None) -> None:
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:numPr")):
        ppr.remove(old)
    inner = (f'<w:ilvl w:val="{level}"/>' if level is not None else "") + (
        f'<w:numId w:val="{num_id}"/>' if num_id is not None else "")
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}>{inner}</w:numPr>'))


def _walk(plan):
    return [(d, it.label, it.title) for d, it in plan.walk()]


# ---------------------------------------------------------------- A. list styles

def _list_style_docx(path, style_numpr: bool = True, looping_list: bool = False):
    """Word's list-style layout: abstractNum 81 holds only <w:numStyleLink w:val="KHList"/>;
    the numbering style KHList has numPr/numId 80, whose abstractNum 80 has the styleLink and
    the levels. The paragraphs are numbered with numId 81.

    *looping_list* adds a broken second list after the plan: abstractNum 91 links to style
    Vong, whose num 90 leads back to abstractNum 91 (and no abstractNum has styleLink Vong)."""
    doc = docx.Document()
    _header(doc)
    _add_numbering(doc, {
        "80": ('<w:multiLevelType w:val="multilevel"/><w:styleLink w:val="KHList"/>'
               + _lvl_xml(LEVELS)),
        "81": '<w:multiLevelType w:val="multilevel"/><w:numStyleLink w:val="KHList"/>',
        "91": '<w:multiLevelType w:val="multilevel"/><w:numStyleLink w:val="Vong"/>',
    }, {"80": "80", "81": "81", "90": "91"})
    numpr = '<w:pPr><w:numPr><w:numId w:val="80"/></w:numPr></w:pPr>' if style_numpr else ""
    _add_style(doc, f'<w:style {nsdecls("w")} w:type="numbering" w:styleId="KHList">'
                    f'<w:name w:val="KHList"/>{numpr}</w:style>')
    _add_style(doc, f'<w:style {nsdecls("w")} w:type="numbering" w:styleId="Vong">'
                    '<w:name w:val="Vong"/>'
                    '<w:pPr><w:numPr><w:numId w:val="90"/></w:numPr></w:pPr></w:style>')
    for level, text in BODY:
        _number(doc.add_paragraph(text), "81", level)
    if looping_list:
        _number(doc.add_paragraph("Nơi nhận"), "90", 0)
    doc.save(path)
    return path


@pytest.mark.parametrize("style_numpr", [True, False], ids=["style-numId", "styleLink-only"])
def test_list_style_numbering_through_num_style_link(tmp_path, style_numpr):
    plan = read_plan(_list_style_docx(tmp_path / "liststyle.docx", style_numpr))
    assert _walk(plan) == EXPECTED
    point = plan.items[1].children[0].children[1]
    assert [(a.name, a.role) for a in point.agencies] == [("Sở Nội vụ", Role.LEAD),
                                                          ("Công an tỉnh", Role.COORDINATING)]


def test_list_style_loop_gives_no_label_and_does_not_hang(tmp_path):
    """numStyleLink → style → num → the same linking abstractNum: that list has no levels and
    its paragraph no label; the well-formed list style beside it still numbers its paragraphs."""
    blocks = docx_blocks(_list_style_docx(tmp_path / "loop.docx", looping_list=True))
    assert "I. MỤC ĐÍCH, YÊU CẦU" in blocks and "III. TỔ CHỨC THỰC HIỆN" in blocks
    assert blocks[-1] == "Nơi nhận"


# ---------------------------------------------------------------- A. paragraph-style numbering

def test_headings_numbered_by_their_styles_and_level_pstyle(tmp_path):
    """Heading 1/2/3 numbered by their styles (numId in the style, no ilvl): the level is the one
    whose <w:pStyle> names the heading style, as Word's outline numbering writes it."""
    doc = docx.Document()
    _header(doc)
    _add_numbering(doc, {"70": _lvl_xml(LEVELS, {0: "Heading1", 1: "Heading2", 2: "Heading3"})},
                   {"70": "70"})
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        _set_style_numpr(doc.styles[name], "70", None)
    for level, text in BODY:
        doc.add_paragraph(text, style=f"Heading {level + 1}")
    path = tmp_path / "headings.docx"
    doc.save(path)
    assert _walk(read_plan(path)) == EXPECTED


def test_style_ilvl_with_numid_from_the_base_style(tmp_path):
    """A style that sets only the level, based on a style that sets the list: both hold."""
    doc = docx.Document()
    _header(doc)
    _add_numbering(doc, {"71": _lvl_xml(LEVELS)}, {"71": "71"})
    _set_style_numpr(doc.styles["List Number"], "71", 0)
    _add_style(doc, f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="KHMuc2">'
                    '<w:name w:val="KH Muc 2"/><w:basedOn w:val="ListNumber"/>'
                    '<w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>')
    _add_style(doc, f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="KHMuc3">'
                    '<w:name w:val="KH Muc 3"/><w:basedOn w:val="ListNumber"/>'
                    '<w:pPr><w:numPr><w:ilvl w:val="2"/></w:numPr></w:pPr></w:style>')
    for level, text in BODY:
        doc.add_paragraph(text, style=["List Number", "KH Muc 2", "KH Muc 3"][level])
    path = tmp_path / "based.docx"
    doc.save(path)
    assert _walk(read_plan(path)) == EXPECTED


# ---------------------------------------------------------------- B. one "thực hiện" column

TASKS = [
    ("1", "Kiện toàn Ban Vì sự tiến bộ của phụ nữ huyện", "Phòng Nội vụ", "Quý I/2025"),
    ("2", "Tập huấn nghiệp vụ cho cán bộ các xã",
     "Phòng Lao động - Thương binh và Xã hội; Hội Liên hiệp Phụ nữ huyện", "Tháng 5/2025"),
    ("3", "Tuyên truyền trên Đài Truyền thanh huyện",
     "Phòng Văn hóa và Thông tin chủ trì, Hội Liên hiệp Phụ nữ huyện phối hợp", "Thường xuyên"),
    ("4", "Báo cáo kết quả về UBND tỉnh",
     "Phòng Nội vụ (chủ trì), Phòng Tài chính - Kế hoạch (phối hợp)", "Trước ngày 15/11/2025"),
]
EXPECTED_AGENCIES = [
    [("Phòng Nội vụ", Role.LEAD)],
    [("Phòng Lao động - Thương binh và Xã hội", Role.LEAD),
     ("Hội Liên hiệp Phụ nữ huyện", Role.COORDINATING)],
    [("Phòng Văn hóa và Thông tin", Role.LEAD),
     ("Hội Liên hiệp Phụ nữ huyện", Role.COORDINATING)],
    [("Phòng Nội vụ", Role.LEAD), ("Phòng Tài chính - Kế hoạch", Role.COORDINATING)],
]
PERFORMER_HEADERS = ["Đơn vị thực hiện", "Cơ quan thực hiện", "Đơn vị chịu trách nhiệm",
                     "Cơ quan, đơn vị thực hiện"]
TEXT_HEADER = ("ỦY BAN NHÂN DÂN\nHUYỆN SƠN TỊNH\nSố: 48/KH-UBND\n"
               "Sơn Tịnh, ngày 14 tháng 3 năm 2025\n"
               "KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2025\n"
               "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao hiệu quả quản lý nhà nước về bình đẳng giới.\n"
               "II. NỘI DUNG VÀ PHÂN CÔNG THỰC HIỆN\n")


def _check_tasks(plan):
    section = plan.items[1]
    assert section.text == ""
    tasks = section.children
    assert [(t.label, t.title) for t in tasks] == [(r[0], r[1]) for r in TASKS]
    assert [[(a.name, a.role) for a in t.agencies] for t in tasks] == EXPECTED_AGENCIES
    assert [t.time_frame.text for t in tasks] == [r[3] for r in TASKS]
    assert plan.items[2].title == "TỔ CHỨC THỰC HIỆN"


@pytest.mark.parametrize("performer", PERFORMER_HEADERS)
def test_docx_table_with_only_a_performer_column(tmp_path, performer):
    doc = docx.Document()
    _header(doc)
    doc.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    doc.add_paragraph("Nâng cao hiệu quả quản lý nhà nước về bình đẳng giới.")
    doc.add_paragraph("II. NỘI DUNG VÀ PHÂN CÔNG THỰC HIỆN")
    table = doc.add_table(rows=1, cols=4)
    header = ["TT", "Nội dung", performer, "Thời gian hoàn thành"]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in TASKS:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    doc.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    path = tmp_path / "performer.docx"
    doc.save(path)
    _check_tasks(read_plan(path))


@pytest.mark.parametrize("sep", [" | ", "\t"], ids=["pipe", "tab"])
@pytest.mark.parametrize("performer", PERFORMER_HEADERS)
def test_text_table_with_only_a_performer_column(sep, performer):
    rows = [["TT", "Nội dung", performer, "Thời gian hoàn thành"], *TASKS]
    text = TEXT_HEADER + "".join(sep.join(r) + "\n" for r in rows) + "III. TỔ CHỨC THỰC HIỆN\n"
    _check_tasks(parse_plan_text(text))


def test_performer_column_beside_a_lead_column_coordinates():
    text = TEXT_HEADER + ("TT | Nội dung | Cơ quan chủ trì | Đơn vị thực hiện | Thời gian\n"
                          "1 | Tập huấn cán bộ | Phòng Nội vụ | UBND các xã, thị trấn "
                          "| Quý II/2025\n"
                          "III. TỔ CHỨC THỰC HIỆN\n")
    task = parse_plan_text(text).items[1].children[0]
    assert [(a.name, a.role) for a in task.agencies] == [
        ("Phòng Nội vụ", Role.LEAD), ("UBND các xã, thị trấn", Role.COORDINATING)]


def test_tab_table_with_a_two_row_header():
    """"Cơ quan thực hiện" above "Chủ trì | Phối hợp", tab-separated: the lower row names the
    two agency columns."""
    text = TEXT_HEADER + ("TT\tNội dung\tCơ quan thực hiện\t\tThời gian\n"
                          "\t\tChủ trì\tPhối hợp\t\n"
                          "1\tTuyên truyền trên báo, đài\tPhòng Văn hóa và Thông tin"
                          "\tHội Liên hiệp Phụ nữ huyện\tCả năm\n"
                          "III. TỔ CHỨC THỰC HIỆN\n")
    task = parse_plan_text(text).items[1].children[0]
    assert (task.label, task.title, task.time_frame.text) == (
        "1", "Tuyên truyền trên báo, đài", "Cả năm")
    assert [(a.name, a.role) for a in task.agencies] == [
        ("Phòng Văn hóa và Thông tin", Role.LEAD),
        ("Hội Liên hiệp Phụ nữ huyện", Role.COORDINATING)]


def test_a_performer_column_name_needs_another_column_name():
    """"Đơn vị thực hiện" makes a header row beside "Nội dung" or "TT"; alone, or in a task's
    text, it does not."""
    from gbapp.importers.tables import is_assignment_header, split_cells
    assert is_assignment_header(split_cells("Nội dung công việc | Đơn vị thực hiện"))
    assert is_assignment_header(split_cells("STT\tCơ quan chịu trách nhiệm\tThời hạn"))
    assert not is_assignment_header(split_cells("Đơn vị thực hiện | Phòng Nội vụ"))
    assert not is_assignment_header(split_cells(
        "1 | Đơn vị thực hiện báo cáo kết quả về Phòng Nội vụ trước ngày 15/12/2025 | Quý IV/2025"))
