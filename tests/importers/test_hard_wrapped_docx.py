"""A Word file converted from a PDF or a scan holds one paragraph per printed line: its
paragraphs are joined back and its page numbers dropped, as the text reader does for the same
lines. A Word document written with real paragraphs is never joined; Word numbering and tables
keep working. A name cut after its head word ("Trường" / "THCS Yên Thành", "Liên đoàn" / "Lao
động tỉnh") is read whole, in text, in a tab table and in a Word table's cell."""

from __future__ import annotations

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from gbapp.importers import parse_plan_docx, parse_plan_text, read_plan
from gbapp.importers.agencies import ends_with_bare_head, split_agency_list

# the lines of a commune's plan as a scan's text recognition lays them out
WRAPPED = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ YÊN THÀNH Độc lập - Tự do - Hạnh phúc
Số: 27/KH-UBND Yên Thành, ngày 08 tháng 4 năm 2025
KẾ HOẠCH
Thực hiện công tác bình đẳng giới và vì sự tiến bộ
của phụ nữ trên địa bàn xã năm 2025
Thực hiện Kế hoạch số 205/KH-UBND ngày 25/3/2025 của UBND tỉnh Nghệ An về
thực hiện công tác bình đẳng giới năm 2025; UBND xã ban hành Kế hoạch thực hiện
như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức của cán bộ, công chức và Nhân dân trên địa bàn xã về bình
đẳng giới; giảm dần khoảng cách giới trong các lĩnh vực.
2. Phân công cụ thể nhiệm vụ cho các ban, ngành, đoàn thể, các xóm.
II. NHIỆM VỤ CỤ THỂ
1. Công tác tuyên truyền
a) Tuyên truyền trên hệ thống loa truyền thanh của xã về Luật Bình đẳng giới, Luật
Phòng, chống bạo lực gia đình năm 2022, mỗi tháng ít nhất 02 lần. Công chức Văn
hóa - Xã hội chủ trì; thời gian: thường xuyên.
b) Tổ chức sân chơi “Gia đình hạnh phúc, không bạo lực” nhân ngày Gia đình Việt
Nam 28/6. Hội Liên hiệp Phụ nữ xã chủ trì, phối hợp Đoàn Thanh niên xã, Trường
THCS Yên Thành. Thời gian: tháng 6/2025.
Trang 1
2. Phòng ngừa bạo lực trên cơ sở giới
a) Duy trì 12 Câu lạc bộ “Phòng, chống bạo lực gia đình” tại các xóm. Hội Liên
hiệp Phụ nữ xã chủ trì; thời gian: cả năm.
b) Kịp thời tiếp nhận, xử lý tin báo về bạo lực gia đình; hỗ trợ nạn nhân. Công an
xã chủ trì.
III. TỔ CHỨC THỰC HIỆN
1. Công chức Văn hóa - Xã hội tham mưu UBND xã triển khai, theo dõi, tổng hợp báo
cáo kết quả về UBND tỉnh (qua Sở Nội vụ) trước ngày 05/12/2025.
2. Các ban, ngành, đoàn thể, Trưởng các xóm căn cứ nhiệm vụ được giao tổ chức thực
hiện./.
Trang 2
Nơi nhận:
- Sở Nội vụ (b/c);
- Lưu: VT."""


def _tree(items, depth=0):
    out = []
    for it in items:
        out.append((depth, it.label, it.title, it.text,
                    tuple((a.name, a.role) for a in it.agencies)))
        out.extend(_tree(it.children, depth + 1))
    return out


def _docx(tmp_path, paragraphs, name="plan.docx"):
    doc = docx.Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    path = tmp_path / name
    doc.save(path)
    return path


def _all_text(plan) -> str:
    return "\n".join(f"{t}\n{x}" for _d, _l, t, x, _a in _tree(plan.items))


def test_docx_of_hard_wrapped_lines_reads_as_the_same_text(tmp_path):
    path = _docx(tmp_path, WRAPPED.split("\n"))
    from_docx = parse_plan_docx(path.read_bytes())
    from_text = parse_plan_text(WRAPPED)
    assert from_docx.meta.title == from_text.meta.title == (
        "Thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ trên địa bàn xã năm 2025")
    assert _tree(from_docx.items) == _tree(from_text.items)
    titles = [t for _d, _l, t, _x, _a in _tree(from_docx.items)]
    assert ("Nâng cao nhận thức của cán bộ, công chức và Nhân dân trên địa bàn xã về bình đẳng "
            "giới; giảm dần khoảng cách giới trong các lĩnh vực.") in titles
    assert "Trang 1" not in _all_text(from_docx) and "Trang 2" not in _all_text(from_docx)
    agencies = {a for _d, _l, _t, _x, ags in _tree(from_docx.items) for a, _r in ags}
    assert {"Công chức Văn hóa - Xã hội", "Hội Liên hiệp Phụ nữ xã", "Công an xã",
            "Trường THCS Yên Thành"} <= agencies
    assert "Trường" not in agencies


def test_hard_wrapped_docx_keeps_word_numbering_and_tables(tmp_path):
    """Word's own numbering labels its paragraphs and a Word task table still gives its rows;
    a table's cell lines are not joined into the paragraphs around the table."""
    doc = docx.Document()
    lines = WRAPPED.split("\n")
    at = lines.index("III. TỔ CHỨC THỰC HIỆN")
    for text in lines[:at]:
        doc.add_paragraph(text)
    doc.add_paragraph("3. Thực hiện các chỉ tiêu phân công tại bảng sau:")
    table = doc.add_table(rows=3, cols=4)
    for r, cells in enumerate([["TT", "Nội dung", "Đơn vị chủ trì", "Thời gian"],
                               ["1", "Rà soát số liệu nữ cán bộ chủ chốt", "Văn phòng HĐND và UBND xã",
                                "Quý II/2025"],
                               ["2", "tập huấn cho 30 trưởng xóm", "Công chức Văn hóa - Xã hội",
                                "Quý III/2025"]]):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    doc.add_paragraph("cấp xã thực hiện theo bảng trên.")
    # a list numbered by Word (bullets), wrapped like the rest
    numbering = doc.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>'))
    p = doc.add_paragraph("TỔ CHỨC THỰC HIỆN")
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'))
    for text in lines[at + 1:]:
        doc.add_paragraph(text)
    path = tmp_path / "numbered.docx"
    doc.save(path)
    plan = read_plan(path)
    tops = [(it.label, it.title) for it in plan.items]
    assert tops == [("I", "MỤC ĐÍCH, YÊU CẦU"), ("II", "NHIỆM VỤ CỤ THỂ"), ("III", "TỔ CHỨC THỰC HIỆN")]
    section = plan.items[1].children[-1]
    assert section.title == "Thực hiện các chỉ tiêu phân công tại bảng sau:"
    rows = [(c.title, tuple(a.name for a in c.agencies)) for c in section.children]
    assert rows == [("Rà soát số liệu nữ cán bộ chủ chốt", ("Văn phòng HĐND và UBND xã",)),
                    ("tập huấn cho 30 trưởng xóm", ("Công chức Văn hóa - Xã hội",))]
    assert plan.items[2].children[0].title.endswith("trước ngày 05/12/2025.")
    assert "cấp xã thực hiện theo bảng trên." in _all_text(plan)


NORMAL = [
    "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN",
    "Số: 12/KH-UBND",
    "Nghệ An, ngày 05 tháng 3 năm 2025",
    "KẾ HOẠCH",
    "Thực hiện công tác bình đẳng giới năm 2025",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích",
    "Nâng cao nhận thức của cán bộ, công chức, viên chức và Nhân dân về bình đẳng giới, tạo "
    "chuyển biến rõ nét trong hành động của các cấp, các ngành; giảm dần khoảng cách giới trong "
    "các lĩnh vực của đời sống xã hội trên địa bàn tỉnh.",
    "II. NHIỆM VỤ CỤ THỂ",
    "1. Công tác tuyên truyền",
    "a) Tổ chức tuyên truyền về bình đẳng giới trên hệ thống thông tin cơ sở",
    "nội dung theo hướng dẫn của Sở Văn hóa, Thể thao và Du lịch; Sở Văn hóa, Thể thao và Du "
    "lịch chủ trì, các địa phương phối hợp thực hiện trong cả năm 2025 và các năm tiếp theo.",
    "b) Tổ chức Hội thi tìm hiểu pháp luật về bình đẳng giới cho đoàn viên, hội viên, người lao "
    "động trong các doanh nghiệp trên địa bàn tỉnh; Tỉnh đoàn chủ trì.",
    "III. TỔ CHỨC THỰC HIỆN",
    "Sở Nội vụ theo dõi, tổng hợp, báo cáo UBND tỉnh kết quả thực hiện trước ngày 05/12/2025 "
    "theo quy định của Bộ Nội vụ và hướng dẫn của Ủy ban nhân dân tỉnh.",
    "Nơi nhận:",
]


def test_word_document_with_real_paragraphs_is_never_joined(tmp_path):
    """A paragraph that ends with no full stop, the next one in lower case, is kept apart in a
    document written in Word (long paragraphs, few such breaks)."""
    plan = parse_plan_docx(_docx(tmp_path, NORMAL).read_bytes())
    item = plan.items[1].children[0].children[0]
    assert item.title == "Tổ chức tuyên truyền về bình đẳng giới trên hệ thống thông tin cơ sở"
    assert item.text.startswith("nội dung theo hướng dẫn")


def test_short_paragraphs_with_few_breaks_are_not_joined(tmp_path):
    """Short paragraphs (a list of duties) with one mid-sentence break are no hard wrap."""
    lines = [ln for ln in NORMAL if len(ln) < 90] + [
        "1. Sở Nội vụ", "a) Tham mưu kế hoạch", "b) Tổng hợp báo cáo;", "2. Sở Y tế",
        "a) Hỗ trợ nạn nhân;", "b) Thống kê số liệu.", "Nơi nhận:"]
    lines.insert(lines.index("a) Tổ chức tuyên truyền về bình đẳng giới trên hệ thống thông tin cơ sở") + 1,
                 "trên địa bàn cả năm;")
    plan = parse_plan_docx(_docx(tmp_path, lines).read_bytes())
    item = plan.items[1].children[0].children[0]
    assert item.title == "Tổ chức tuyên truyền về bình đẳng giới trên hệ thống thông tin cơ sở"
    assert item.text == "trên địa bàn cả năm;"


def test_a_line_cut_after_an_agency_head_word_goes_on_in_plain_text():
    """Paragraphs on one line each (no wrap width): "…, Trường" over "THCS Yên Thành…"."""
    text = "\n".join([
        "KẾ HOẠCH", "Thực hiện công tác bình đẳng giới năm 2025", "I. NHIỆM VỤ",
        "1. Tổ chức sân chơi “Gia đình hạnh phúc, không bạo lực” nhân ngày Gia đình Việt Nam 28/6 "
        "cho học sinh các trường trên địa bàn xã, đoàn viên và hội viên các đoàn thể; Hội Liên hiệp "
        "Phụ nữ xã chủ trì, phối hợp Đoàn Thanh niên xã, Trường",
        "THCS Yên Thành. Thời gian: tháng 6/2025.",
        "2. Tổng kết công tác bình đẳng giới năm 2025 của xã và các thôn, xóm; báo cáo về UBND "
        "tỉnh (qua Sở Nội vụ) đúng thời hạn; Văn phòng HĐND và UBND xã chủ trì.",
    ])
    item = parse_plan_text(text).items[0].children[0]
    names = [a.name for a in item.agencies]
    assert "Trường THCS Yên Thành" in names and "Trường" not in names
    assert item.title.endswith("Trường THCS Yên Thành. Thời gian: tháng 6/2025.")


def test_tab_table_cell_broken_after_an_agency_head_word():
    text = "\n".join([
        "KẾ HOẠCH", "Thực hiện công tác bình đẳng giới năm 2025", "I. MỤC ĐÍCH, YÊU CẦU",
        "Nâng cao nhận thức về bình đẳng giới.", "II. NHIỆM VỤ", "1. Nhiệm vụ", "",
        "STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện",
        "1\tTham mưu kiện toàn Ban Vì sự tiến bộ của phụ nữ tỉnh\tSở Nội vụ\tCác sở, ngành\tQuý II/2025",
        "2\tTổ chức Hội thi tìm hiểu pháp luật về bình đẳng giới cho",
        "đoàn viên, hội viên\tTỉnh đoàn\tHội Liên hiệp Phụ nữ tỉnh; Liên đoàn",
        "Lao động tỉnh\tQuý III/2025",
        "3\tHỗ trợ nạn nhân bạo lực gia đình\tSở Y tế\tBan",
        "Dân tộc tỉnh; Trung tâm",
        "Công tác xã hội tỉnh\tThường xuyên",
        "4\tTập huấn kỹ năng lồng ghép giới, phối hợp với Sở",
        "Giáo dục và Đào tạo\tSở Nội vụ\t\tQuý IV/2025",
        "", "III. TỔ CHỨC THỰC HIỆN", "Sở Nội vụ theo dõi."])
    rows = parse_plan_text(text).items[1].children[0].children
    assert [(a.name, a.role.value) for a in rows[1].agencies] == [
        ("Tỉnh đoàn", "chu_tri"), ("Hội Liên hiệp Phụ nữ tỉnh", "phoi_hop"),
        ("Liên đoàn Lao động tỉnh", "phoi_hop")]
    assert [a.name for a in rows[2].agencies] == [
        "Sở Y tế", "Ban Dân tộc tỉnh", "Trung tâm Công tác xã hội tỉnh"]
    # in the task's cell too: one title, not a title cut after "Sở" and a text
    assert (rows[3].title, rows[3].text) == (
        "Tập huấn kỹ năng lồng ghép giới, phối hợp với Sở Giáo dục và Đào tạo", "")


def test_word_table_cell_broken_after_an_agency_head_word(tmp_path):
    doc = docx.Document()
    for text in ("KẾ HOẠCH", "Thực hiện công tác bình đẳng giới năm 2025", "I. NHIỆM VỤ"):
        doc.add_paragraph(text)
    table = doc.add_table(rows=2, cols=4)
    for c, text in enumerate(["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp"]):
        table.cell(0, c).text = text
    for c, lines in enumerate([["1"], ["Tổ chức Hội thi tìm hiểu pháp luật"], ["Tỉnh đoàn"],
                               ["Hội Liên hiệp Phụ nữ tỉnh;", "Liên đoàn", "Lao động tỉnh;", "Trường",
                                "THCS Yên Thành"]]):
        cell = table.cell(1, c)
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    doc.add_paragraph("II. TỔ CHỨC THỰC HIỆN")
    path = tmp_path / "table.docx"
    doc.save(path)
    row = read_plan(path).items[0].children[0]
    assert [a.name for a in row.agencies] == [
        "Tỉnh đoàn", "Hội Liên hiệp Phụ nữ tỉnh", "Liên đoàn Lao động tỉnh", "Trường THCS Yên Thành"]


@pytest.mark.parametrize("text, names", [
    ("Hội Liên hiệp Phụ nữ tỉnh, Liên đoàn, Lao động tỉnh",
     ["Hội Liên hiệp Phụ nữ tỉnh", "Liên đoàn Lao động tỉnh"]),
    ("Đoàn Thanh niên xã, Trường, THCS Yên Thành", ["Đoàn Thanh niên xã", "Trường THCS Yên Thành"]),
    ("Sở, ban, ngành", ["Sở, ban, ngành"]),
    ("Sở Y tế, Sở Nội vụ", ["Sở Y tế", "Sở Nội vụ"]),
])
def test_list_piece_that_is_only_a_head_word_joins_the_rest_of_its_name(text, names):
    assert split_agency_list(text) == names


@pytest.mark.parametrize("text, bare", [
    ("…phối hợp Đoàn Thanh niên xã, Trường", True), ("Hội LHPN tỉnh; Liên đoàn", True),
    ("phối hợp với Sở", True), ("Ủy ban", True), ("Phó Trưởng Ban", False),
    ("Trường học", False), ("Sở Nội vụ", False), ("Hội Liên hiệp Phụ nữ tỉnh", False),
])
def test_ends_with_bare_head(text, bare):
    assert ends_with_bare_head(text) is bare


SPACED_TABLE = [
    "3. Thực hiện các chỉ tiêu phân công tại bảng sau:",
    "TT Nội dung Đơn vị chủ trì Đơn vị phối hợp Thời gian",
    "1 Rà soát số liệu nữ cán bộ chủ chốt Văn phòng HĐND và UBND xã Ban Tổ chức Đảng ủy Quý II/2025",
    "2 Tập huấn cho 30 trưởng xóm về lồng ghép giới Công chức Văn hóa - Xã hội Quý III/2025",
]


def _with_spaced_table() -> list[str]:
    lines = WRAPPED.split("\n")
    at = lines.index("III. TỔ CHỨC THỰC HIỆN")
    return lines[:at] + SPACED_TABLE + lines[at:]


@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_task_table_with_spaced_cells_is_kept_as_lines_with_a_warning(tmp_path, kind):
    """A table laid out a row a line, its cells only spaced apart, cannot be cut into cells:
    its lines stay as they are (not run into one line) and the user is told."""
    lines = _with_spaced_table()
    if kind == "txt":
        plan = parse_plan_text("\n".join(lines))
    else:
        plan = parse_plan_docx(_docx(tmp_path, lines).read_bytes())
    warned = [w for w in plan.warnings if "các ô chỉ cách nhau bằng dấu cách" in w]
    assert len(warned) == 1 and "«TT Nội dung Đơn vị chủ trì Đơn vị phối hợp Thời gian»" in warned[0]
    item = plan.items[1].children[-1]
    assert item.title == "Thực hiện các chỉ tiêu phân công tại bảng sau:"
    assert item.text.split("\n") == SPACED_TABLE[1:]
    # each row's time and agencies are the row's: the item holding the table takes none of
    # them (it took "Quý II/2025", the first row's, as its own time frame)
    assert item.time_frame is None and item.agencies == []


def test_an_item_over_a_spaced_table_keeps_its_own_time_and_lead():
    lines = WRAPPED.split("\n")
    at = lines.index("III. TỔ CHỨC THỰC HIỆN")
    lines[at:at] = ["3. Thực hiện các chỉ tiêu tại bảng sau. Văn phòng HĐND và UBND xã chủ trì, "
                    "hoàn thành trước ngày 30/11/2025:"] + SPACED_TABLE[1:]
    item = parse_plan_text("\n".join(lines)).items[1].children[-1]
    assert item.time_frame.text == "hoàn thành trước ngày 30/11/2025"
    assert [(a.name, a.role.value) for a in item.agencies] == [("Văn phòng HĐND và UBND xã", "chu_tri")]
    assert item.text.split("\n") == SPACED_TABLE[1:]


def test_a_sentence_starting_like_a_header_is_no_spaced_table():
    lines = WRAPPED.split("\n")
    at = lines.index("III. TỔ CHỨC THỰC HIỆN")
    lines[at:at] = ["3. Tổ chức thực hiện nội dung chủ trì trong năm.",
                    "TT Nội dung chủ trì: Sở Nội vụ; thời gian: cả năm.", "1 lần mỗi quý."]
    plan = parse_plan_text("\n".join(lines))
    assert not [w for w in plan.warnings if "dấu cách" in w]


def test_an_item_continued_in_a_word_table_keeps_its_time(tmp_path):
    """In a hard-wrapped .docx (a PDF turned into Word) the rest of an item may sit in a
    one-cell frame table: that cell's words are the item's, not a table kept as text, and its
    time frame counts (a review found it lost once tables kept as text were told apart)."""
    lines = WRAPPED.split("\n")
    at = lines.index("b) Kịp thời tiếp nhận, xử lý tin báo về bạo lực gia đình; hỗ trợ nạn nhân. Công an")
    doc = docx.Document()
    for text in lines[:at]:
        doc.add_paragraph(text)
    doc.add_paragraph("b) Kịp thời tiếp nhận, xử lý tin báo về bạo lực gia đình; hỗ trợ nạn nhân.")
    doc.add_table(rows=1, cols=1).cell(0, 0).text = "Thời gian thực hiện: Quý III/2025."
    for text in lines[at + 2:]:
        doc.add_paragraph(text)
    path = tmp_path / "frame.docx"
    doc.save(path)
    plan = parse_plan_docx(path.read_bytes())
    item = next(it for _, it in plan.walk() if it.title.startswith("Kịp thời tiếp nhận"))
    assert item.time_frame is not None and item.time_frame.text == "Quý III/2025"


def test_words_below_a_table_kept_as_text_are_the_item_s():
    """A time written under the table kept as text ("… tại bảng sau:", the table, then "Thời
    gian: …") is the item's own, as one written above it is."""
    lines = WRAPPED.split("\n")
    at = lines.index("III. TỔ CHỨC THỰC HIỆN")
    lines[at:at] = ["3. Thực hiện các chỉ tiêu tại bảng sau:"] + SPACED_TABLE[1:] + [
        "Văn phòng HĐND và UBND xã chủ trì tổng hợp, hoàn thành trước ngày 30/11/2025."]
    item = parse_plan_text("\n".join(lines)).items[1].children[-1]
    assert item.time_frame.text == "hoàn thành trước ngày 30/11/2025"
    assert [a.name for a in item.agencies] == ["Văn phòng HĐND và UBND xã"]
