"""Word files: automatic numbering, typed numbering, tables, and files that are not (safe) .docx."""

import io
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from gbapp.domain.model import ItemKind, Role
from gbapp.importers import PlanImportError, parse_plan_docx, plan_to_json, read_plan
from gbapp.importers import errors as limits

HEADER = [("ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")]

# (level, text): level 0 = I., 1 = 1., 2 = a), 3 = -, 4 = +, None = body paragraph (outside the list)
BODY = [
    (0, "MỤC ĐÍCH, YÊU CẦU"),
    (1, "Mục đích"),
    (2, "Nâng cao nhận thức về bình đẳng giới."),
    (2, "Thu hẹp khoảng cách giới."),
    (1, "Yêu cầu"),
    (None, "Bảo đảm tính khả thi, thiết thực."),
    (0, "NHIỆM VỤ"),
    (1, "Truyền thông"),
    (2, "Điểm một."),
    (2, "Điểm hai."),
    (2, "Điểm ba."),
    (2, "Điểm bốn."),
    (2, "Điểm năm, Sở Nội vụ chủ trì, phối hợp với Sở Y tế thực hiện. Thời gian: Quý II/2025."),
    (3, "Gạch đầu dòng"),
    (4, "Dấu cộng"),
    (2, "Điểm sáu."),
    (1, "Tập huấn"),
    (2, "Điểm mới."),
]
EXPECTED_LABELS = ["I", "1", "a", "b", "2", "II", "1", "a", "b", "c", "d", "đ", "-", "+", "e", "2", "a"]


def _header(doc, *, province: str = "TỈNH QUẢNG NGÃI", number: str = "12/KH-UBND",
            date_line: str = "Quảng Ngãi, ngày 05 tháng 3 năm 2025",
            title: str = "THỰC HIỆN CÔNG TÁC BÌNH ĐẲNG GIỚI NĂM 2025",
            basis: str | None = "Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;"):
    """A plan's opening as Word writes it: the two-column header table, then title and basis."""
    table = doc.add_table(rows=2, cols=2)
    for col, (a, b) in enumerate([(HEADER[0][0], province), HEADER[1]]):
        run = table.cell(0, col).paragraphs[0].add_run(a)
        run.add_break()
        run.add_text(b)
    table.cell(1, 0).paragraphs[0].add_run(f"Số: {number}")
    table.cell(1, 1).paragraphs[0].add_run(date_line)
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph(title)
    if basis:
        doc.add_paragraph(basis)


LEVELS = [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)"), ("bullet", "-"),
          ("bullet", "+")]


def _add_list_definition(doc, levels=LEVELS, list_id: str = "90") -> str:
    """An abstractNum (by default I. / 1. / a) / - / +) and a num pointing to it, in the
    template's numbering part."""
    numbering = doc.part.numbering_part.element
    lvl_xml = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels))
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{list_id}">{lvl_xml}</w:abstractNum>')
    num = parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{list_id}"><w:abstractNumId w:val="{list_id}"/></w:num>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)  # schema order: abstractNum elements before num elements
    else:
        numbering.append(abstract)
    numbering.append(num)
    return list_id


def _number(paragraph, num_id: str, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def autonumbered_docx() -> bytes:
    doc = docx.Document()
    _header(doc)
    num_id = _add_list_definition(doc)
    for level, text in BODY:
        p = doc.add_paragraph(text)
        if level is not None:
            _number(p, num_id, level)
        else:
            _number(p, "0", 0)  # numId 0: explicitly outside any list
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def typed_docx() -> bytes:
    doc = docx.Document()
    _header(doc)
    for label, (level, text) in zip(EXPECTED_LABELS[:5] + [None] + EXPECTED_LABELS[5:], BODY):
        if level is None:
            doc.add_paragraph(text)
            continue
        mark = {0: f"{label}.", 1: f"{label}.", 2: f"{label})", 3: "-", 4: "+"}[level]
        doc.add_paragraph(f"{mark} {text}")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def labels(plan):
    return [it.label for _, it in plan.walk()]


def shape(items):
    return [(it["label"], it["title"], it["text"], shape(it["children"])) for it in items]


def test_word_automatic_numbering(tmp_path):
    path = tmp_path / "auto.docx"
    path.write_bytes(autonumbered_docx())
    plan = read_plan(path)
    assert labels(plan) == EXPECTED_LABELS
    point = plan.items[1].children[0].children[4]
    assert (point.kind, point.label) == (ItemKind.LETTER, "đ")  # 5th Vietnamese letter, not "e"
    assert [(c.kind, c.label) for c in point.children] == [(ItemKind.DASH, "-")]
    assert point.children[0].children[0].kind is ItemKind.PLUS
    assert [(a.name, a.role) for a in point.agencies] == [("Sở Nội vụ", Role.LEAD), ("Sở Y tế", Role.COORDINATING)]
    assert point.time_frame.text == "Quý II/2025"
    assert plan.items[0].children[1].text == "Bảo đảm tính khả thi, thiết thực."
    m = plan.meta
    assert (m.number, m.issuer, m.title) == ("12/KH-UBND", "UBND tỉnh Quảng Ngãi",
                                             "Thực hiện công tác bình đẳng giới năm 2025")
    assert [b.doc_type for b in m.legal_bases] == ["Luật"]


def test_typed_and_automatic_numbering_give_the_same_tree(tmp_path):
    auto, typed = tmp_path / "auto.docx", tmp_path / "typed.docx"
    auto.write_bytes(autonumbered_docx())
    typed.write_bytes(typed_docx())
    assert shape(plan_to_json(read_plan(auto))["items"]) == shape(plan_to_json(read_plan(typed))["items"])


def test_numbering_through_paragraph_style(tmp_path):
    doc = docx.Document()
    _header(doc)
    num_id = _add_list_definition(doc)
    style = doc.styles["List Number"]
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:numPr")):
        ppr.remove(old)
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="{num_id}"/></w:numPr>'))
    doc.add_paragraph("MỤC ĐÍCH", style="List Number")
    p = doc.add_paragraph("Mục đích", style="List Number")
    _number(p, num_id, 1)  # direct ilvl over the style's numId
    doc.add_paragraph("NHIỆM VỤ", style="List Number")
    path = tmp_path / "style.docx"
    doc.save(path)
    plan = read_plan(path)
    assert [(it.label, it.title) for _, it in plan.walk()] == [("I", "MỤC ĐÍCH"), ("1", "Mục đích"),
                                                               ("II", "NHIỆM VỤ")]


def test_assignment_table_in_docx(tmp_path):
    doc = docx.Document()
    _header(doc)
    doc.add_paragraph("I. NHIỆM VỤ CỤ THỂ")
    table = doc.add_table(rows=1, cols=5)
    for cell, text in zip(table.rows[0].cells, ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp",
                                                 "Thời gian"]):
        cell.text = text
    for row in [("1", "Tập huấn cán bộ", "Sở Nội vụ", "Sở Y tế, Công an tỉnh", "Quý II/2025"),
                ("2", "Truyền thông", "Đài Phát thanh - Truyền hình tỉnh", "Báo Quảng Ngãi", "Thường xuyên")]:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text
    doc.add_paragraph("II. TỔ CHỨC THỰC HIỆN")
    path = tmp_path / "table.docx"
    doc.save(path)
    plan = read_plan(path)
    first, second = plan.items[0].children
    assert (first.label, first.title) == ("1", "Tập huấn cán bộ")
    assert [(a.name, a.role) for a in first.agencies] == [
        ("Sở Nội vụ", Role.LEAD), ("Sở Y tế", Role.COORDINATING), ("Công an tỉnh", Role.COORDINATING)]
    assert first.time_frame.text == "Quý II/2025" and first.time_frame.end.month == 6
    assert second.time_frame.recurring
    assert [a.name for a in second.agencies] == ["Đài Phát thanh - Truyền hình tỉnh", "Báo Quảng Ngãi"]
    assert plan.items[1].title == "TỔ CHỨC THỰC HIỆN"


def test_two_row_header_and_a_lead_merged_down(tmp_path):
    """'Cơ quan thực hiện' spanning 'Chủ trì | Phối hợp' below it, the other header cells merged
    down over both rows, and one lead written once for two tasks (a vertical merge)."""
    doc = docx.Document()
    _header(doc)
    doc.add_paragraph("I. NHIỆM VỤ CỤ THỂ")
    table = doc.add_table(rows=2, cols=5)
    top, sub = table.rows[0].cells, table.rows[1].cells
    for col, text in ((0, "TT"), (1, "Nội dung"), (2, "Cơ quan thực hiện"), (4, "Thời gian")):
        top[col].text = text
    top[2].merge(top[3])
    for col in (0, 1, 4):
        top[col].merge(sub[col])
    sub[2].text, sub[3].text = "Chủ trì", "Phối hợp"
    for row in [("1", "Tuyên truyền trên báo, đài", "Sở Văn hóa, Thể thao và Du lịch", "Báo tỉnh",
                 "Cả năm"),
                ("2", "Tổ chức hội thi", "", "Hội Liên hiệp Phụ nữ tỉnh", "Quý III/2025")]:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    table.rows[2].cells[2].merge(table.rows[3].cells[2])  # the lead, once for both rows
    table.rows[2].cells[2].text = "Sở Văn hóa, Thể thao và Du lịch"
    doc.add_paragraph("II. TỔ CHỨC THỰC HIỆN")
    path = tmp_path / "two-rows.docx"
    doc.save(path)
    first, second = read_plan(path).items[0].children
    assert (first.label, first.title, second.label, second.title) == (
        "1", "Tuyên truyền trên báo, đài", "2", "Tổ chức hội thi")
    assert [(a.name, a.role) for a in first.agencies] == [
        ("Sở Văn hóa, Thể thao và Du lịch", Role.LEAD), ("Báo tỉnh", Role.COORDINATING)]
    assert [(a.name, a.role) for a in second.agencies] == [
        ("Sở Văn hóa, Thể thao và Du lịch", Role.LEAD),
        ("Hội Liên hiệp Phụ nữ tỉnh", Role.COORDINATING)]
    assert (first.time_frame.text, second.time_frame.text) == ("Cả năm", "Quý III/2025")


GROUPED_ROWS = [
    ("A", "CÔNG TÁC TUYÊN TRUYỀN"),
    ("1", "Tọa đàm", "Sở Nội vụ", "Tỉnh đoàn", "Quý II/2025"),
    ("2", "Hội thi", "Hội Liên hiệp Phụ nữ tỉnh", "Sở Y tế", "Quý III/2025"),
    ("B", "CÔNG TÁC KIỂM TRA"),
    ("1", "Kiểm tra liên ngành", "Sở Nội vụ", "Thanh tra tỉnh", "Quý IV/2025"),
    ("2", "Tổng kết", "Sở Nội vụ", "", "Tháng 12/2025"),
]
TASK_HEADER = ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"]


@pytest.mark.parametrize("layout", ["label cell", "one merged cell", "numbered label cell"])
def test_table_group_rows_a_b_hold_their_tasks(tmp_path, layout):
    """Group rows "A", "B" of a task table are siblings one level above their tasks, whether the
    letter is typed in the STT cell, typed in a cell spanning the row, or numbered by Word."""
    doc = docx.Document()
    _header(doc)
    doc.add_paragraph("I. MỤC ĐÍCH")
    doc.add_paragraph("1. Nâng cao nhận thức.")
    doc.add_paragraph("II. NHIỆM VỤ CỤ THỂ")
    table = doc.add_table(rows=1, cols=5)
    for cell, text in zip(table.rows[0].cells, TASK_HEADER, strict=True):
        cell.text = text
    num_id = None
    if layout == "numbered label cell":  # "A.", "B." by Word's upperLetter numbering
        num_id = _add_list_definition(doc, [("upperLetter", "%1.")], "91")
    for row in GROUPED_ROWS:
        cells = table.add_row().cells
        if len(row) == 5:
            for cell, text in zip(cells, row, strict=True):
                cell.text = text
        elif layout == "one merged cell":
            cells[0].merge(cells[4]).text = f"{row[0]}. {row[1]}"
        else:
            cells[1].merge(cells[4]).text = row[1]
            if num_id:
                _number(cells[0].paragraphs[0], num_id, 0)  # the letter is Word's, not in the text
            else:
                cells[0].text = row[0]
    doc.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    path = tmp_path / "groups.docx"
    doc.save(path)
    plan = read_plan(path)
    assert [(d, it.title) for d, it in plan.walk()][2:] == [
        (0, "NHIỆM VỤ CỤ THỂ"),
        (1, "CÔNG TÁC TUYÊN TRUYỀN"), (2, "Tọa đàm"), (2, "Hội thi"),
        (1, "CÔNG TÁC KIỂM TRA"), (2, "Kiểm tra liên ngành"), (2, "Tổng kết"),
        (0, "TỔ CHỨC THỰC HIỆN")]
    first, second = plan.items[1].children
    assert first.kind is ItemKind.LETTER
    assert (first.label, second.label) == (("a", "b") if num_id else ("A", "B"))
    assert [it.label for it in first.children] == ["1", "2"] == [it.label for it in second.children]
    assert second.children[0].agencies[0].name == "Sở Nội vụ"
    assert not any("không liên tục" in w for w in plan.warnings)


TWO_LEVELS = [(0, "Gạch đầu dòng"), (1, "Dấu cộng")]


@pytest.mark.parametrize("levels, paragraphs", [
    ([("bullet", "-"), ("bullet", "+")], TWO_LEVELS),
    ([("bullet", "-"), ("bullet", "\uf02b")], TWO_LEVELS),  # "+" of the Symbol font
    ([("bullet", "\uf0b7"), ("bullet", "o")], TWO_LEVELS),  # Word's default list: •, o
    ([("bullet", "–"), ("bullet", "-")], TWO_LEVELS),
    ([("bullet", "-")], [(0, "Gạch đầu dòng"), (0, "+ Dấu cộng")]),  # "+" typed in the "-" list
    ([("bullet", "-")], [(0, "Gạch đầu dòng"), (0, "+Dấu cộng")]),
])
def test_plus_bullets_nest_under_the_dash(tmp_path, levels, paragraphs):
    """A Word bullet that is a "+", or one level below a "-" bullet of the same list, or a "+"
    typed at the start of a "-" bulleted paragraph, is a "+" item under the "-" item."""
    doc = docx.Document()
    _header(doc)
    for text in ("I. NHIỆM VỤ", "1. Truyền thông", "a) Tổ chức tuyên truyền."):
        doc.add_paragraph(text)
    num_id = _add_list_definition(doc, levels, "92")
    for level, text in paragraphs:
        _number(doc.add_paragraph(text), num_id, level)
    doc.add_paragraph("II. TỔ CHỨC THỰC HIỆN")
    path = tmp_path / "bullets.docx"
    doc.save(path)
    point = read_plan(path).items[0].children[0].children[0]
    assert [(c.kind, c.title) for c in point.children] == [(ItemKind.DASH, "Gạch đầu dòng")]
    assert [(c.kind, c.label, c.title) for c in point.children[0].children] == [
        (ItemKind.PLUS, "+", "Dấu cộng")]


# ---------------------------------------------------------------- not (safe) .docx

def test_not_a_zip(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip file")
    with pytest.raises(PlanImportError, match="docx"):
        read_plan(path)
    with pytest.raises(PlanImportError, match="zip"):
        parse_plan_docx(b"hello, not a zip")


def test_truncated_zip(tmp_path):
    data = autonumbered_docx()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(PlanImportError):
        read_plan(path)


def test_zip_without_document(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("[Content_Types].xml", "<Types/>")
    path = tmp_path / "sheet.xlsx"
    path.write_bytes(buf.getvalue())
    with pytest.raises(PlanImportError, match="bảng tính"):
        read_plan(path)


def test_zip_bomb(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * (30 * 1024 * 1024))  # 30 MB of zeros → ~30 KB
    assert path.stat().st_size < 200_000
    with pytest.raises(PlanImportError, match="bom|zip bomb"):
        read_plan(path)


def test_uncompressed_total_over_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_DOCX_UNCOMPRESSED", 1000)
    from gbapp.importers import docx_reader
    monkeypatch.setattr(docx_reader, "MAX_DOCX_UNCOMPRESSED", 1000)
    path = tmp_path / "big.docx"
    path.write_bytes(autonumbered_docx())
    with pytest.raises(PlanImportError, match="quá lớn"):
        read_plan(path)


def test_file_too_large(tmp_path, monkeypatch):
    from gbapp.importers import docx_reader
    monkeypatch.setattr(docx_reader, "MAX_FILE_BYTES", 100)
    path = tmp_path / "plan.txt"
    path.write_text("I. MỤC ĐÍCH\n" * 50, encoding="utf-8")
    with pytest.raises(PlanImportError, match="quá lớn"):
        read_plan(path)


def test_docx_with_broken_xml(tmp_path):
    good = autonumbered_docx()
    src = zipfile.ZipFile(io.BytesIO(good))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data[: len(data) // 2]
            dst.writestr(info, data)
    with pytest.raises(PlanImportError):
        parse_plan_docx(buf.getvalue())


def test_docx_that_is_not_a_plan(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("Kính gửi: Sở Nội vụ")
    doc.add_paragraph("Ủy ban nhân dân tỉnh đề nghị quý cơ quan báo cáo kết quả.")
    path = tmp_path / "letter.docx"
    doc.save(path)
    with pytest.raises(PlanImportError, match="Không nhận ra kế hoạch"):
        read_plan(path)


# The first lines of a plan typed in the .VnTime font (TCVN3): Word stores Latin letters and
# symbols that only that font draws as Vietnamese.
_TCVN3_LINES = [
    "UBND TØNH B×NH §ÞNH", "Së V¡N HáA, THÓ THAO Vµ DU LÞCH", "Sè: 128/KH-SVHTTDL",
    "B×nh §Þnh, ngµy 05 th¸ng 3 n¨m 2025", "KÕ HO¹CH",
    "Thùc hiÖn c«ng t¸c gia ®×nh vµ b×nh ®¼ng giíi n¨m 2025", "I. MôC §ÝCH, Y£U CÇU",
    "1. Môc ®Ých", "N©ng cao nhËn thøc vÒ b×nh ®¼ng giíi.", "II. NHIÖM Vô",
    "1. Tæ chøc tuyªn truyÒn vÒ b×nh ®¼ng giíi. Thêi gian: Quý II.",
]


def test_a_word_file_in_a_legacy_vietnamese_font_is_refused_with_the_fix(tmp_path):
    path = tmp_path / "vntime.docx"
    document = docx.Document()
    for line in _TCVN3_LINES:
        document.add_paragraph(line)
    document.save(path)
    with pytest.raises(PlanImportError, match="phông chữ cũ.*Unikey"):
        read_plan(path)
    # the same plan in Unicode imports
    unicode_path = tmp_path / "unicode.docx"
    document = docx.Document()
    for line in ["UBND TỈNH BÌNH ĐỊNH", "Số: 128/KH-UBND", "KẾ HOẠCH",
                 "Thực hiện công tác bình đẳng giới năm 2025 → 2026 ✓ ≥ 50%", "I. MỤC ĐÍCH",
                 "1. Mục đích", "II. NHIỆM VỤ", "1. Tổ chức tuyên truyền. Thời gian: Quý II."]:
        document.add_paragraph(line)
    document.save(unicode_path)
    assert read_plan(unicode_path).meta.number == "128/KH-UBND"


def test_a_word_file_of_pictures_only_is_called_a_scan(tmp_path):
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))
    path = tmp_path / "scan.docx"
    document = docx.Document()
    document.add_picture(io.BytesIO(png))
    document.save(path)
    with pytest.raises(PlanImportError, match="chỉ có hình ảnh"):
        read_plan(path)
    empty = tmp_path / "empty.docx"
    docx.Document().save(empty)
    with pytest.raises(PlanImportError, match="Tệp trống"):
        read_plan(empty)


def test_a_damaged_word_file_is_called_damaged_not_a_non_plan(tmp_path):
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(b"not a zip at all, cut off during a download")
    with pytest.raises(PlanImportError, match="không đọc được như tệp Word.*ke-hoach.docx|"
                                              "ke-hoach.docx.*không đọc được như tệp Word"):
        read_plan(path)
    text = tmp_path / "ke-hoach.txt"  # the same bytes as a text file: read as text
    text.write_bytes(b"not a zip at all, cut off during a download")
    with pytest.raises(PlanImportError, match="Không nhận ra kế hoạch"):
        read_plan(text)
    # a plan saved as text under a .docx name still imports
    named = tmp_path / "luu-nham.docx"
    named.write_text("KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2025\nI. NHIỆM VỤ\n"
                     "1. Tập huấn.\n2. Hội thi.\n", encoding="utf-8")
    assert len(read_plan(named).items[0].children) == 2
    # a report saved so is called a report
    named.write_text("BÁO CÁO\nKết quả thực hiện công tác bình đẳng giới năm 2025\n"
                     "I. KẾT QUẢ\n1. Đã tổ chức 25 hội nghị.\n2. Hội thi.\n", encoding="utf-8")
    with pytest.raises(PlanImportError, match="là một báo cáo"):
        read_plan(named)
