"""Build `resources/templates/gbapp.docx`: the page set-up and the named styles of every document.

Run once (``python -m gbapp.exporters.make_template``) and commit the .docx. Afterwards the look
is adjusted in Word (Home → Styles → Modify) without touching code: the generators only name
styles, they never set fonts, sizes or spacing themselves.

Decree 30/2020 (Appendix I): A4, margins 20/20/30/15 mm, Times New Roman everywhere (styles and
document defaults, ascii/hAnsi/eastAsia/cs, no theme fonts), page number as a PAGE field centred
in the header and not on the first page.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..paths import resource

FONT = "Times New Roman"
TEMPLATE_NAME = "gbapp.docx"

# Page geometry (mm).
PAGE_W, PAGE_H = 210, 297
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 20, 20, 30, 15
HEADER_DISTANCE = 10


@dataclass(frozen=True)
class StyleSpec:
    """A paragraph style: only what differs from its base."""

    name: str
    base: str = "Normal"
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    align: str | None = None  # left, center, right, both
    first_line_mm: float | None = None
    left_mm: float | None = None
    before_pt: float | None = None
    after_pt: float | None = None
    line: float | None = None  # multiple of single spacing
    line_exact_pt: float | None = None
    keep_next: bool = False
    border_bottom: bool = False
    contextual: bool = False  # no space between consecutive paragraphs of this style
    description: str = ""


# Names are ASCII so that their style ids are stable; the description says what each is for.
STYLES: list[StyleSpec] = [
    # Body text (II.9 b): 14 pt, justified, first line 12.7 mm, 6 pt after, 1.15 lines.
    StyleSpec("GB Body", size=14, align="both", first_line_mm=12.7, after_pt=6, line=1.15,
              description="Thân văn bản"),
    StyleSpec("GB Heading 1", base="GB Body", bold=True, keep_next=True,
              description="Mục (I., II.): in hoa, đậm"),
    StyleSpec("GB Heading 2", base="GB Body", bold=True, keep_next=True,
              description="Khoản (1., 2.): đậm"),
    StyleSpec("GB Heading 3", base="GB Body", description="Điểm (a), b)): thường"),
    StyleSpec("GB Dash", base="GB Body", description="Gạch đầu dòng (-, +)"),
    StyleSpec("GB Note", base="GB Body", italic=True, description="Ghi chú, dòng nghiêng"),
    StyleSpec("GB Sub Heading", base="GB Body", bold=True, italic=True, keep_next=True,
              description="Tiêu đề phụ đậm nghiêng"),
    # Header block (II.5 - II.8).
    StyleSpec("GB Header Parent", size=13, align="center",
              description="Cơ quan chủ quản: in hoa, thường"),
    StyleSpec("GB Header Agency", size=13, bold=True, align="center", keep_next=True,
              description="Cơ quan ban hành: in hoa, đậm"),
    StyleSpec("GB Header Number", size=13, align="center", before_pt=6,
              description="Số, ký hiệu: Số: 15/BC-SNV"),
    StyleSpec("GB Header Subject", size=12, align="center", before_pt=2,
              description="Trích yếu công văn: V/v …"),
    StyleSpec("GB National Title", size=12, bold=True, align="center",
              description="Quốc hiệu"),
    StyleSpec("GB Motto", size=13, bold=True, align="center", keep_next=True,
              description="Tiêu ngữ"),
    StyleSpec("GB Place Date", size=14, italic=True, align="center", before_pt=6,
              description="Địa danh, ngày tháng năm: nghiêng"),
    StyleSpec("GB Rule", size=1, align="center", line_exact_pt=4, after_pt=0, keep_next=True,
              border_bottom=True,
              description="Đường kẻ dưới tên cơ quan, tiêu ngữ, trích yếu "
                          "(độ dài đặt bằng thụt lề)"),
    StyleSpec("GB Doc Type", size=14, bold=True, align="center", before_pt=18, keep_next=True,
              description="Tên loại văn bản: BÁO CÁO, KẾ HOẠCH"),
    StyleSpec("GB Summary", size=14, bold=True, align="center", keep_next=True,
              description="Trích yếu nội dung"),
    StyleSpec("GB Addressee", size=14, align="center", before_pt=12, after_pt=6,
              description="Kính gửi (một nơi nhận)"),
    StyleSpec("GB Addressee List", size=14, left_mm=45, after_pt=0,
              description="Kính gửi (nhiều nơi nhận, mỗi nơi một dòng)"),
    StyleSpec("GB Addressee Last", base="GB Addressee List", after_pt=6,
              description="Kính gửi: nơi nhận cuối cùng (cách đoạn sau)"),
    # Signature block (II.10 - II.12).
    StyleSpec("GB Recipients Head", size=12, bold=True, italic=True, before_pt=6,
              description="Nơi nhận:"),
    StyleSpec("GB Recipient", size=11, description="Mỗi nơi nhận một dòng, 11 pt"),
    StyleSpec("GB Sign Authority", size=14, bold=True, align="center", before_pt=6,
              contextual=True, description="Quyền hạn ký: TM., KT., TL. (mỗi cấp một dòng)"),
    StyleSpec("GB Sign Title", size=14, bold=True, align="center", description="Chức vụ người ký"),
    StyleSpec("GB Sign Name", size=14, bold=True, align="center", before_pt=72,
              description="Họ tên người ký (khoảng trống để ký, đóng dấu ở trên)"),
    # Tables and appendices.
    StyleSpec("GB Table Head", size=12, bold=True, align="center", before_pt=2, after_pt=2,
              description="Hàng tiêu đề bảng"),
    StyleSpec("GB Table Text", size=12, align="left", before_pt=2, after_pt=2,
              description="Ô bảng"),
    StyleSpec("GB Table Center", base="GB Table Text", align="center",
              description="Ô bảng căn giữa"),
    StyleSpec("GB Table Group", base="GB Table Text", bold=True, keep_next=True,
              description="Ô bảng nhóm (mục, khoản): không đứng một mình cuối trang"),
    StyleSpec("GB Table Group Center", base="GB Table Group", align="center",
              description="Số thứ tự của hàng nhóm"),
    StyleSpec("GB Appendix Label", size=14, bold=True, align="center", keep_next=True,
              description="Phụ lục"),
    StyleSpec("GB Appendix Title", size=14, bold=True, align="center", keep_next=True,
              description="Tên phụ lục: in hoa, đậm"),
    StyleSpec("GB Appendix Note", size=14, italic=True, align="center", after_pt=12,
              keep_next=True, description="(Kèm theo …)"),
]

CHAR_STYLES = [("GB Strong", True, False), ("GB Emphasis", False, True),
               ("GB Strong Emphasis", True, True)]

_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT, "both": WD_ALIGN_PARAGRAPH.JUSTIFY}
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def template_path() -> Path:
    return resource("templates", TEMPLATE_NAME)


def set_fonts(rpr) -> None:
    """Times New Roman for every script, no theme font that would override it."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _set_lang(rpr) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")


def _doc_defaults(document) -> None:
    styles_el = document.styles.element
    defaults = styles_el.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
    set_fonts(rpr)
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.set(qn("w:val"), "28")
    _set_lang(rpr)
    ppr = defaults.find(qn("w:pPrDefault") + "/" + qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        ppr.append(spacing)
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    # Every style of the base template (table style parts included): Times New Roman, black,
    # no theme font.
    for fonts in styles_el.iter(qn("w:rFonts")):
        set_fonts(fonts.getparent())
    for color in list(styles_el.iter(qn("w:color"))):
        if color.getparent().tag == qn("w:rPr"):
            color.getparent().remove(color)


def _theme_fonts(document) -> None:
    """Theme major/minor Latin fonts → Times New Roman, for readers that fall back to the theme."""
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/theme"):
            part = rel.target_part
            xml = part.blob.decode("utf-8")
            xml = re.sub(r'(<a:latin typeface=")[^"]*(")', rf"\g<1>{FONT}\g<2>", xml)
            part._blob = xml.encode("utf-8")


def _add_style(document, spec: StyleSpec) -> None:
    style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles[spec.base]
    style.quick_style = True
    set_fonts(style.element.get_or_add_rPr())
    font = style.font
    if spec.size is not None:
        font.size = Pt(spec.size)
    if spec.bold is not None:
        font.bold = spec.bold
    if spec.italic is not None:
        font.italic = spec.italic
    pf = style.paragraph_format
    if spec.align:
        pf.alignment = _ALIGN[spec.align]
    if spec.first_line_mm is not None:
        pf.first_line_indent = Mm(spec.first_line_mm)
    if spec.left_mm is not None:
        pf.left_indent = Mm(spec.left_mm)
    if spec.before_pt is not None:
        pf.space_before = Pt(spec.before_pt)
    if spec.after_pt is not None:
        pf.space_after = Pt(spec.after_pt)
    if spec.line is not None:
        pf.line_spacing = spec.line
    if spec.line_exact_pt is not None:
        from docx.enum.text import WD_LINE_SPACING

        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(spec.line_exact_pt)
    if spec.keep_next:
        pf.keep_with_next = True
    pf.widow_control = True
    if spec.contextual:  # "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" close together
        ppr = style.element.get_or_add_pPr()
        later = {qn(f"w:{t}") for t in ("mirrorIndents", "suppressOverlap", "jc", "textDirection",
                                       "textAlignment", "outlineLvl", "rPr")}
        anchor = next((c for c in ppr if c.tag in later), None)
        element = OxmlElement("w:contextualSpacing")
        if anchor is not None:
            anchor.addprevious(element)
        else:
            ppr.append(element)
    if spec.border_bottom:
        ppr = style.element.get_or_add_pPr()
        bdr = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"),
                           ("w:color", "000000")):
            bottom.set(qn(key), value)
        bdr.append(bottom)
        # pBdr goes before spacing/ind/jc in CT_PPr's sequence.
        anchor = next((c for c in ppr if c.tag in (qn("w:shd"), qn("w:tabs"), qn("w:spacing"),
                                                    qn("w:ind"), qn("w:jc"))), None)
        if anchor is not None:
            anchor.addprevious(bdr)
        else:
            ppr.append(bdr)


def _add_char_style(document, name: str, bold: bool, italic: bool) -> None:
    style = document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    style.font.bold = bold or None
    style.font.italic = italic or None


def add_page_number_field(paragraph) -> None:
    """A PAGE field (begin, instruction, separate, result, end) in *paragraph*."""
    def run_with(child):
        r = OxmlElement("w:r")
        r.append(child)
        paragraph._p.append(r)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    text = OxmlElement("w:t")
    text.text = "2"
    run_with(text)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def setup_section(section) -> None:
    section.page_width, section.page_height = Mm(PAGE_W), Mm(PAGE_H)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP), Mm(MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT), Mm(MARGIN_RIGHT)
    section.header_distance = Mm(HEADER_DISTANCE)
    section.footer_distance = Mm(HEADER_DISTANCE)
    section.different_first_page_header_footer = True


def build_template(path: Path | None = None) -> Path:
    """Write the template .docx; returns its path."""
    path = Path(path) if path else template_path()
    document = docx.Document()
    _doc_defaults(document)
    _theme_fonts(document)
    normal = document.styles["Normal"]
    set_fonts(normal.element.get_or_add_rPr())
    normal.font.size = Pt(14)
    header_style = document.styles["Header"]
    set_fonts(header_style.element.get_or_add_rPr())
    header_style.font.size = Pt(13)
    header_style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for spec in STYLES:
        _add_style(document, spec)
    for name, bold, italic in CHAR_STYLES:
        _add_char_style(document, name, bold, italic)

    section = document.sections[0]
    setup_section(section)
    header = section.header
    header.is_linked_to_previous = False
    para = header.paragraphs[0]
    para.style = document.styles["Header"]
    add_page_number_field(para)
    first = section.first_page_header
    first.is_linked_to_previous = False
    first.paragraphs[0].style = document.styles["Header"]

    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    props = document.core_properties
    props.title = "gbapp — mẫu văn bản (Nghị định 30/2020/NĐ-CP)"
    props.author = "gbapp"
    props.language = "vi-VN"
    props.comments = ("Sửa kiểu chữ, cỡ chữ, giãn dòng trong các kiểu (style) 'GB …'; "
                      "gbapp dùng các kiểu này khi xuất văn bản.")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Tạo tệp mẫu văn bản resources/templates/gbapp.docx")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    print(build_template(args.out))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
