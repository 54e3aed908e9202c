"""A .docx whose header block is in floating text boxes or in the page header, and a plan
edited with Track Changes where a paragraph was moved."""

import datetime as dt

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from gbapp.importers import read_plan
from gbapp.importers.docx_reader import docx_blocks

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml"')
W = nsdecls("w")

BODY = [
    "KẾ HOẠCH",
    "Thực hiện công tác bình đẳng giới năm 2025",
    "Căn cứ Quyết định số 2480/QĐ-UBND ngày 30/8/2021 của UBND tỉnh, UBND tỉnh ban hành Kế hoạch:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Nâng cao nhận thức về bình đẳng giới.",
    "II. NỘI DUNG",
    "1. Kiện toàn Ban Vì sự tiến bộ của phụ nữ tỉnh. Sở Nội vụ chủ trì. Thời gian: Quý II/2025.",
    "2. Tổ chức Tháng hành động vì bình đẳng giới. Sở Nội vụ chủ trì. Thời gian: tháng 11/2025.",
    "III. TỔ CHỨC THỰC HIỆN",
    "Sở Nội vụ theo dõi, tổng hợp, báo cáo UBND tỉnh.",
    "Nơi nhận:", "- Bộ Nội vụ;", "- Lưu: VT.",
    "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Võ Văn Phi",
]
LEFT = ["ỦY BAN NHÂN DÂN", "TỈNH ĐỒNG NAI", "Số: 88/KH-UBND"]
RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
         "Đồng Nai, ngày 21 tháng 3 năm 2025"]


def _run(text):
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _insert(doc, xml):
    body = doc.element.body
    el = parse_xml(xml)
    body.insert(len(body) - 1, el)  # before the final sectPr
    return el


def _textbox(lines, idn):
    """A floating text box as Word saves it: the DrawingML box in mc:Choice, the same text
    again in the VML box of mc:Fallback."""
    inner = "".join(f"<w:p>{_run(t)}</w:p>" for t in lines)
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="2500000" cy="800000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{idn}" name="Text Box {idn}"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        f'<wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx><w:txbxContent>{inner}</w:txbxContent>'
        '</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
        f'</mc:Choice><mc:Fallback><w:pict><v:shape id="tb{idn}" style="position:absolute"><v:textbox>'
        f'<w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r>'
    )


def _body(doc, lines=BODY):
    for t in lines:
        doc.add_paragraph(t)


# ---------------------------------------------------------------- 1. text boxes

def test_header_in_two_text_boxes_is_read_once_line_by_line(tmp_path):
    doc = docx.Document()
    _insert(doc, f"<w:p {NS}>{_textbox(LEFT, 1)}{_textbox(RIGHT, 2)}</w:p>")
    _body(doc)
    path = tmp_path / "boxes.docx"
    doc.save(path)
    blocks = docx_blocks(path)
    assert blocks[:6] == LEFT + RIGHT
    meta = read_plan(path).meta
    assert meta.number == "88/KH-UBND"
    assert meta.issuer == "UBND tỉnh Đồng Nai"
    assert meta.place == "Đồng Nai"
    assert meta.issued_on == dt.date(2025, 3, 21)


def test_text_box_after_a_paragraphs_text_follows_it(tmp_path):
    doc = docx.Document()
    _insert(doc, f"<w:p {NS}>{_run('Kết quả thực hiện năm trước')}{_textbox(['Nội dung trong khung'], 3)}</w:p>")
    path = tmp_path / "box_after.docx"
    doc.save(path)
    assert docx_blocks(path) == ["Kết quả thực hiện năm trước", "Nội dung trong khung"]


# ---------------------------------------------------------------- 2. page header

def _header_table(container, width):
    table = container.add_table(rows=2, cols=2, width=width)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG NAI"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = "Số: 88/KH-UBND"
    table.cell(1, 1).text = "Đồng Nai, ngày 21 tháng 3 năm 2025"


def test_header_block_in_the_first_page_header(tmp_path):
    doc = docx.Document()
    sec = doc.sections[0]
    sec.different_first_page_header_footer = True
    sec.header.add_paragraph("Kế hoạch bình đẳng giới năm 2025")  # running title, later pages
    _header_table(sec.first_page_header, sec.page_width - sec.left_margin - sec.right_margin)
    _body(doc)
    path = tmp_path / "first_header.docx"
    doc.save(path)
    meta = read_plan(path).meta
    assert meta.number == "88/KH-UBND"
    assert meta.issuer == "UBND tỉnh Đồng Nai"
    assert meta.place == "Đồng Nai"
    assert meta.issued_on == dt.date(2025, 3, 21)
    assert "Kế hoạch bình đẳng giới năm 2025" not in docx_blocks(path)


def test_header_block_in_the_default_header(tmp_path):
    doc = docx.Document()
    sec = doc.sections[0]
    _header_table(sec.header, sec.page_width - sec.left_margin - sec.right_margin)
    _body(doc)
    path = tmp_path / "default_header.docx"
    doc.save(path)
    meta = read_plan(path).meta
    assert meta.number == "88/KH-UBND"
    assert meta.issued_on == dt.date(2025, 3, 21)


def test_running_page_header_is_not_added_when_the_body_has_its_header(tmp_path):
    doc = docx.Document()
    sec = doc.sections[0]
    sec.header.add_paragraph("Số: 99/KH-UBND ngày 1 tháng 1 năm 2025 - Trang")
    for t in LEFT + RIGHT:
        doc.add_paragraph(t)
    _body(doc)
    path = tmp_path / "body_header.docx"
    doc.save(path)
    blocks = docx_blocks(path)
    assert blocks[0] == "ỦY BAN NHÂN DÂN"
    assert not any("99/KH-UBND" in b for b in blocks if isinstance(b, str))
    assert read_plan(path).meta.number == "88/KH-UBND"


# ---------------------------------------------------------------- 3. moved paragraphs

def test_paragraph_moved_with_track_changes_is_read_once(tmp_path):
    doc = docx.Document()
    for t in LEFT + RIGHT + BODY[:6]:
        doc.add_paragraph(t)
    moved = "Kiểm tra liên ngành việc thực hiện pháp luật về bình đẳng giới. Sở Tư pháp chủ trì."
    _insert(doc, f'<w:p {W}><w:pPr><w:rPr><w:moveFrom w:id="10" w:author="A" '
                 f'w:date="2025-04-02T09:00:00Z"/></w:rPr></w:pPr>'
                 f'<w:moveFromRangeStart w:id="11" w:author="A" w:name="move1"/>'
                 f'<w:moveFrom w:id="12" w:author="A">{_run("1. " + moved)}</w:moveFrom>'
                 f'<w:moveFromRangeEnd w:id="11"/></w:p>')
    _insert(doc, f"<w:p {W}>{_run('1. Biểu dương, khen thưởng tập thể. Sở Nội vụ chủ trì.')}</w:p>")
    _insert(doc, f'<w:p {W}><w:moveToRangeStart w:id="13" w:author="A" w:name="move1"/>'
                 f'<w:moveTo w:id="14" w:author="A">{_run("2. " + moved)}</w:moveTo>'
                 f'<w:moveToRangeEnd w:id="13"/></w:p>')
    _body(doc, BODY[8:])
    path = tmp_path / "moved.docx"
    doc.save(path)
    blocks = docx_blocks(path)
    assert sum(moved in b for b in blocks if isinstance(b, str)) == 1
    plan = read_plan(path)
    titles = [it.title for _, it in plan.walk()]
    assert sum(moved in t for t in titles) == 1
    assert not plan.warnings


def test_text_inside_a_move_from_range_spanning_paragraphs_is_skipped(tmp_path):
    doc = docx.Document()
    _insert(doc, f'<w:p {W}>{_run("Đoạn giữ lại")}'
                 f'<w:moveFromRangeStart w:id="21" w:author="A" w:name="move2"/></w:p>')
    _insert(doc, f"<w:p {W}>{_run('Đoạn đã chuyển đi')}</w:p>")
    _insert(doc, f'<w:p {W}><w:moveFromRangeEnd w:id="21"/>{_run("Đoạn sau")}</w:p>')
    path = tmp_path / "range.docx"
    doc.save(path)
    assert docx_blocks(path) == ["Đoạn giữ lại", "Đoạn sau"]


def test_numbered_paragraph_moved_away_does_not_take_a_number(tmp_path):
    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {W} w:abstractNumId="70"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W} w:numId="70"><w:abstractNumId w:val="70"/></w:num>'))
    numpr = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="70"/></w:numPr>'
    _insert(doc, f'<w:p {W}><w:pPr>{numpr}<w:rPr><w:moveFrom w:id="1" w:author="A" '
                 f'w:date="2025-04-02T09:00:00Z"/></w:rPr></w:pPr>'
                 f'<w:moveFrom w:id="2" w:author="A">{_run("Việc chuyển đi")}</w:moveFrom></w:p>')
    _insert(doc, f"<w:p {W}><w:pPr>{numpr}</w:pPr>{_run('Việc thứ nhất')}</w:p>")
    _insert(doc, f'<w:p {W}><w:pPr>{numpr}</w:pPr><w:moveTo w:id="3" w:author="A">'
                 f'{_run("Việc chuyển đi")}</w:moveTo></w:p>')
    path = tmp_path / "moved_numbered.docx"
    doc.save(path)
    assert docx_blocks(path) == ["1. Việc thứ nhất", "2. Việc chuyển đi"]
