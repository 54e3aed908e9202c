"""The building blocks of an official document (Decree 30/2020, Appendix I) on top of python-docx.

Everything is written with the named styles of `resources/templates/gbapp.docx`; no font, size or
spacing is set here, so a clerk can restyle the documents in Word. Numbering is literal text.
Every string passes through `clean_text` (control characters pasted from Word, NFC).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph
from lxml.etree import SubElement

from ..domain.issuers import collective_body
from ..domain.model import ItemKind
from ..domain.numbering import is_task_group, to_roman
from ..domain.text import clean_line, clean_text
from ..services.documents import Letterhead, vn_date_line
from . import make_template as tpl
from .docnumbers import append_text, number_hyphens
from .metrics import text_width_mm
from .safe_write import atomic_write

PORTRAIT_TEXT_MM = tpl.PAGE_W - tpl.MARGIN_LEFT - tpl.MARGIN_RIGHT  # 165
LANDSCAPE_TEXT_MM = tpl.PAGE_H - tpl.MARGIN_LEFT - tpl.MARGIN_RIGHT  # 252
CELL_PADDING_MM = 1.9  # Word's default left/right cell margin (0.19 cm)
TWIPS_PER_MM = 1440 / 25.4

MOTTO = "Độc lập - Tự do - Hạnh phúc"
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"  # a Party body's documents carry it instead of the two
# Issuers whose documents follow the Party's format (a Party committee or cell).
_PARTY_ISSUERS = ("đảng ủy", "đảng uỷ", "tỉnh ủy", "tỉnh uỷ", "huyện ủy", "huyện uỷ",
                  "thành ủy", "thành uỷ", "thị ủy", "thị uỷ", "quận ủy", "quận uỷ",
                  "ban chấp hành đảng bộ", "chi bộ", "đảng bộ")
# "Ban Thường vụ" is the Party's only when a Party committee follows (not "… Tỉnh đoàn").
_PARTY_STANDING = re.compile(r"ban (?:thường vụ|chấp hành) (?:\w+ )?(?:ủy|uỷ|đảng)")

# Sizes of the header styles, for the length of the lines under them (see make_template.STYLES).
_AGENCY_PT, _NATIONAL_PT, _MOTTO_PT, _SUMMARY_PT = 13, 12, 13, 14


# Words a typist breaks a title before: they open a phrase ("… / trên địa bàn tỉnh …").
_BREAK_BEFORE = {"trên", "về", "của", "tại", "năm", "giai", "đến", "theo", "cho", "và", "với",
                 "nhằm", "để", "thực", "trong", "giữa", "đối", "vì", "từ", "sau", "trước",
                 "nhân", "hưởng", "giai đoạn"}
# Cost of a break, as a fraction of a line's target width: a title gives up that much balance
# rather than break there. Between two syllables of a phrase ('phụ / nữ', 'phòng / ngừa') is
# the worst place: Vietnamese compounds are written as separate syllables.
_COST_AFTER_PUNCTUATION = 0.02  # '…, phòng ngừa, / ứng phó …'
_COST_BEFORE_PHRASE = 0.0  # '… / trên địa bàn tỉnh …'
_COST_BEFORE_NUMBER = 0.08  # '… của phụ nữ tỉnh / 6 tháng cuối năm …'
_COST_INSIDE_PHRASE = 0.4


def _break_cost(before: str, after: str) -> float:
    """The cost of breaking a title between the words *before* and *after*."""
    if before in ("-", "–") or after in ("-", "–"):
        return _COST_INSIDE_PHRASE * 2  # '2021 - 2025', 'Văn hóa - Xã hội' stay whole
    if before[-1:] in ",;:" or after[:1] == "(":
        return _COST_AFTER_PUNCTUATION
    if after.lower() in _BREAK_BEFORE:
        return _COST_BEFORE_PHRASE
    if after[:1].isdigit():
        return _COST_BEFORE_NUMBER
    return _COST_INSIDE_PHRASE


def balanced_lines(text: str, size_pt: float, width_mm: float, *,
                   bold: bool = True) -> list[str]:
    """Split a centred title into lines of about equal width, breaking after punctuation or
    before a word that opens a phrase when one is near the middle, rather than inside a
    compound (never 'bình đẳng / giới', 'phụ / nữ'). One line if it fits."""
    total = text_width_mm(text, size_pt, bold=bold)
    usable = width_mm * 0.92
    words = text.split(" ")
    if total <= usable or len(words) < 2:
        return [text]
    count = int(total // usable) + 1
    lines: list[str] = []
    rest = words
    for remaining in range(count, 1, -1):
        rest_width = text_width_mm(" ".join(rest), size_pt, bold=bold)
        target = rest_width / remaining
        best, best_score = 1, float("inf")
        for i in range(1, len(rest)):
            width = text_width_mm(" ".join(rest[:i]), size_pt, bold=bold)
            if width > usable:
                break
            # What is left must still fit on the remaining lines.
            if text_width_mm(" ".join(rest[i:]), size_pt, bold=bold) > usable * (remaining - 1):
                continue
            score = abs(width - target) / target + _break_cost(rest[i - 1], rest[i])
            if score < best_score:
                best, best_score = i, score
        lines.append(" ".join(rest[:best]))
        rest = rest[best:]
    lines.append(" ".join(rest))
    return lines


def upper(text: str) -> str:
    return clean_line(text).upper()


def expand_issuer(name: str) -> list[str]:
    """'UBND tỉnh Quảng Ngãi' -> ['ỦY BAN NHÂN DÂN', 'TỈNH QUẢNG NGÃI'] as a header writes it."""
    found = collective_body(name)
    if found is not None:
        body, unit = found
        return [body, unit.upper()]
    return [clean_line(name).upper()]


# "Sở Y tế tỉnh Quảng Trị": a department of a people's committee, named with its place.
_DEPARTMENT_RE = re.compile(
    r"^(?P<own>(?:Sở|Ban|Phòng|Chi cục|Văn phòng|Thanh tra)\s.+?)\s+"
    r"(?P<place>(?:tỉnh|thành phố|huyện|thị xã|quận|xã|phường|đặc khu)\s+\S.*)$")


def split_issuer(name: str) -> tuple[str, str] | None:
    """'Sở Y tế tỉnh Quảng Trị' -> ('UBND tỉnh Quảng Trị', 'Sở Y tế'): the parent authority a
    department's header names above it (Decree 30), and the department; None for anything
    else (a people's committee, a Party or mass body)."""
    m = _DEPARTMENT_RE.match(clean_line(name))
    if m is None or is_party_issuer(name):
        return None
    return f"UBND {m.group('place')}", m.group("own")


_SECT_PR, _BR, _TAB, _T = qn("w:sectPr"), qn("w:br"), qn("w:tab"), qn("w:t")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def is_party_issuer(name: str) -> bool:
    """'Đảng ủy xã Tịnh Khê', 'Ban Thường vụ Tỉnh ủy', 'Chi bộ …': a Party body."""
    low = clean_line(name).lower()
    return low.startswith(_PARTY_ISSUERS) or _PARTY_STANDING.match(low) is not None


# "T/M", "T/L", "K/T", "T/UQ": the Party's way of writing TM., TL., KT., TUQ. — one token whose
# "/" does not separate two levels of authority.
_SLASHED_AUTHORITY = re.compile(r"(?<!\w)([TtKk])/(M|L|T|UQ|m|l|t|uq)(?!\w)")
_AUTHORITY_SPLIT = re.compile(r"\s*[/;\n]\s*")


def authority_lines(head: Letterhead) -> list[str]:
    """The signing authority, one line each: "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH".

    Typed on one line, the levels may be separated by "/" or ";". A collective body (UBND,
    HĐND) signs "TM." its name above the chair's line (Decree 30), added when not typed.
    """
    typed = _SLASHED_AUTHORITY.sub("\\1\x00\\2", head.signer_authority or "")
    lines = [upper(part.replace("\x00", "/")) for part in _AUTHORITY_SPLIT.split(typed)
             if part.strip()]
    found = collective_body(head.organisation)
    body = found[0] if found else None
    if body and (lines or head.signer_title) and not any(line.startswith(("TM.", "T/M"))
                                                         for line in lines):
        lines.insert(0, f"TM. {body}")
    return lines


def appendix_label(number: int) -> str:
    """'Phụ lục I', 'Phụ lục II'…: Decree 30 numbers a document's appendices in Roman numerals,
    and the body refers to each by this same label."""
    return f"Phụ lục {to_roman(number)}"


class DocBuilder:
    """A document being written from the template."""

    def __init__(self, template: str | Path | None = None):
        path = Path(template) if template else tpl.template_path()
        self.doc = docx.Document(str(path))
        body = self.doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        self.text_mm = PORTRAIT_TEXT_MM
        self._style_ids: dict[str, str] = {}
        self._p_protos: dict[str, object] = {}  # style name -> an empty paragraph element
        self._r_protos: dict[str | None, object] = {}  # character style -> an empty run

    def style_id(self, name: str) -> str:
        """The id of the template's style *name*, looked up once. python-docx looks a style up
        by name, then scans every style for the default, on each paragraph (~5 ms each): a plan
        of 2,000 activities took a minute."""
        found = self._style_ids.get(name)
        if found is None:
            found = self._style_ids[name] = self.doc.styles[name].style_id
        return found

    # ---- paragraphs -------------------------------------------------------------------------

    def _add_paragraph(self, container, style: str) -> Paragraph:
        """An empty paragraph of *style* at the end of *container* (None: the body).

        Built by copying a prototype element rather than through python-docx's API, which
        creates each child element through its parser and looks for each one's place among
        the siblings (about 1 ms a paragraph: a minute for a report on 10,000 activities). The
        body's own add_paragraph() also scanned every paragraph for the section properties at
        the end (N²); here the new paragraph goes straight before that last element.
        """
        proto = self._p_protos.get(style)
        if proto is None:
            proto = self._p_protos[style] = OxmlElement("w:p")
            proto.style = self.style_id(style)  # <w:pPr><w:pStyle w:val="…"/></w:pPr>
        if container is not None and getattr(container, "_tc", None) is None:
            paragraph = container.add_paragraph()  # not a table cell: python-docx's own way
            paragraph._p.style = self.style_id(style)  # noqa: SLF001
            return paragraph
        p = proto.__copy__()  # lxml: a deep copy of the small subtree
        if container is not None:
            container._tc.append(p)  # noqa: SLF001 - in a table cell, paragraphs come last
            return Paragraph(p, container)
        body = self.doc.element.body
        try:
            last = body[-1]  # (len(body) would count every child: lxml walks them)
        except IndexError:
            last = None
        if last is not None and last.tag == _SECT_PR:
            last.addprevious(p)
        else:
            body.append(p)
        return Paragraph(p, self.doc._body)  # noqa: SLF001 - the body's container

    def _add_run(self, p, text: str, char_style: str | None = None, *,
                 glue_numbers: bool = True) -> None:
        """A run of *text* at the end of paragraph element *p*; line breaks and tabs become
        <w:br/> and <w:tab/> as python-docx's run.text makes them, and (unless not
        *glue_numbers*) the hyphens of document numbers non-breaking hyphens."""
        proto = self._r_protos.get(char_style)
        if proto is None:
            proto = self._r_protos[char_style] = OxmlElement("w:r")
            if char_style:
                proto.style = self.style_id(char_style)  # <w:rPr><w:rStyle w:val="…"/></w:rPr>
        r = proto.__copy__()
        for n, line in enumerate(text.split("\n")):
            if n:
                SubElement(r, _BR)
            for k, chunk in enumerate(line.split("\t")):
                if k:
                    SubElement(r, _TAB)
                if not chunk:
                    continue
                if glue_numbers and number_hyphens(chunk):  # '93/KH-UBND' kept on one line
                    append_text(r, chunk)
                    continue
                t = SubElement(r, _T)
                t.text = chunk
                if chunk[0].isspace() or chunk[-1].isspace():
                    t.set(_XML_SPACE, "preserve")
        p.append(r)

    def para(self, text: str = "", style: str = "GB Body", container=None):
        """One paragraph (line breaks inside *text* become Word line breaks)."""
        paragraph = self._add_paragraph(container, style)
        text = clean_text(text)
        if text:
            self._add_run(paragraph._p, text)  # noqa: SLF001
        return paragraph

    def rich(self, parts: Sequence[tuple[str, str | None]], style: str = "GB Body",
             container=None):
        """A paragraph of runs: (text, character style or None), e.g. a bold agency name."""
        paragraph = self._add_paragraph(container, style)
        for text, char_style in parts:
            text = clean_text(text)
            if text:
                self._add_run(paragraph._p, text, char_style)  # noqa: SLF001
        return paragraph

    def paras(self, text: str, style: str = "GB Body") -> None:
        """One paragraph per line of *text* (blank lines dropped)."""
        for line in clean_text(text).split("\n"):
            if line.strip():
                self.para(line.strip(), style)

    def rule(self, container, width_mm: float, available_mm: float):
        """A short solid line *width_mm* long, centred in *available_mm* (a bordered empty
        paragraph narrowed by its indents: exact width, no drawing objects, no underline)."""
        paragraph = container.add_paragraph(style="GB Rule")
        side = max(0.0, (available_mm - width_mm) / 2)
        fmt = paragraph.paragraph_format
        fmt.left_indent = Mm(side)
        fmt.right_indent = Mm(side)
        return paragraph

    # ---- tables -----------------------------------------------------------------------------

    def table(self, rows: int, widths_mm: Sequence[float], *, borders: bool, container=None):
        """A fixed-layout table whose columns have the given widths."""
        target = container if container is not None else self.doc
        table = target.add_table(rows=rows, cols=len(widths_mm))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        tbl_pr = table._tbl.tblPr
        total = OxmlElement("w:tblW")
        total.set(qn("w:w"), str(round(sum(widths_mm) * TWIPS_PER_MM)))
        total.set(qn("w:type"), "dxa")
        existing = tbl_pr.find(qn("w:tblW"))
        if existing is not None:
            tbl_pr.replace(existing, total)
        else:
            tbl_pr.append(total)
        set_table_borders(table, "single" if borders else "none")
        for col, width in zip(table.columns, widths_mm, strict=True):
            col.width = Mm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths_mm, strict=True):
                cell.width = Mm(width)
        return table

    # ---- the parts of an official document --------------------------------------------------

    def header_block(self, head: Letterhead, *, subject: str | None = None,
                     issuer_lines: list[str] | None = None) -> None:
        """The borderless two-column header: agency | national title, number | place and date.

        *issuer_lines* overrides the issuing agency (e.g. ['ỦY BAN NHÂN DÂN', 'TỈNH QUẢNG NGÃI']);
        *subject* is a letter's 'V/v …' line under the number.
        """
        left_mm, right_mm = self.text_mm * 0.4, self.text_mm * 0.6
        table = self.table(2, [left_mm, right_mm], borders=False)
        left, right = table.rows[0].cells
        inner_left, inner_right = left_mm - 2 * CELL_PADDING_MM, right_mm - 2 * CELL_PADDING_MM

        left_lines = []
        if head.parent_agency and issuer_lines is None:
            left_lines.append((upper(head.parent_agency), "GB Header Parent"))
        # "UBND xã Tịnh Hà" is written out: "ỦY BAN NHÂN DÂN" / "XÃ TỊNH HÀ" (Decree 30)
        agency_lines = issuer_lines or expand_issuer(head.organisation)
        left_lines += [(line, "GB Header Agency") for line in agency_lines]
        write_lines(left, left_lines)
        # A name too long for the column wraps: its lines are then as wide as the column.
        widest = min(inner_left,
                     max(text_width_mm(line, _AGENCY_PT, bold=True) for line in agency_lines))
        self.rule(left, widest * 0.45, inner_left)  # Decree 30: 1/3 to 1/2 of the name's line

        if is_party_issuer(head.organisation):
            write_lines(right, [(PARTY_TITLE, "GB National Title")])
            self.rule(right, min(inner_right, text_width_mm(PARTY_TITLE, _NATIONAL_PT, bold=True)),
                      inner_right)
        else:
            write_lines(right, [(NATIONAL_TITLE, "GB National Title"), (MOTTO, "GB Motto")])
            self.rule(right, min(inner_right, text_width_mm(MOTTO, _MOTTO_PT, bold=True)),
                      inner_right)

        num_cell, date_cell = table.rows[1].cells
        num_cell.paragraphs[0].style = "GB Header Number"
        # The "Số:" line is short (it never wraps) and is where the number is copied from into
        # other systems and searched for: its hyphen stays an ordinary one, which Word's Find
        # and a paste into a web form read as typed (a non-breaking one pastes as U+2011).
        self._add_run(num_cell.paragraphs[0]._p, head.number_line,  # noqa: SLF001
                      glue_numbers=False)
        for t in num_cell.paragraphs[0]._p.iter(_T):  # noqa: SLF001 - 'Số:        /BC-SNV'
            t.set(_XML_SPACE, "preserve")
        if subject:
            self.para(subject, "GB Header Subject", container=num_cell)
        date_cell.paragraphs[0].style = "GB Place Date"
        run = date_cell.paragraphs[0].add_run(vn_date_line(head.place, head.date, head.year))
        _preserve_spaces(run)

    def title(self, doc_type: str, summary: str) -> None:
        """'BÁO CÁO' and the summary under it, with a short line."""
        self.para(upper(doc_type), "GB Doc Type")
        for line in balanced_lines(clean_line(summary), _SUMMARY_PT, self.text_mm):
            self.para(line, "GB Summary")
        self.rule(self.doc, 35, self.text_mm)

    def addressees(self, names: Sequence[str]) -> None:
        """'Kính gửi: X.' inline for one; 'Kính gửi:' then a dash list for several."""
        # each one a line of its own: "các đoàn thể" split from a list still starts a line
        names = [clean_line(n).rstrip(".;") for n in names if clean_line(n)]
        names = [n[:1].upper() + n[1:] for n in names]
        if not names:
            return
        if len(names) == 1:
            self.para(f"Kính gửi: {names[0]}.", "GB Addressee")
            return
        self.para("Kính gửi:", "GB Addressee")
        for i, name in enumerate(names):
            last = i == len(names) - 1
            self.para(f"- {name}{'.' if last else ';'}",
                      "GB Addressee Last" if last else "GB Addressee List")

    def heading(self, label: str, title: str, level: int) -> None:
        """'I. MỤC ĐÍCH, YÊU CẦU' (level 1, upper case), '1. Mục đích' (level 2), 'a) …' (3+)."""
        title = clean_line(title)
        if level <= 1:
            text, style = f"{label} {title.upper()}", "GB Heading 1"
        elif level == 2:
            text, style = f"{label} {title}", numbered_style(title)
        else:
            text, style = f"{label} {title}", "GB Heading 3" if level == 3 else "GB Dash"
        self.para(text.strip(), style)

    def signature(self, head: Letterhead) -> None:
        """The borderless two-column block: 'Nơi nhận:' list | authority, title, name."""
        left_mm, right_mm = self.text_mm * 0.45, self.text_mm * 0.55
        table = self.table(1, [left_mm, right_mm], borders=False)
        left, right = table.rows[0].cells
        # The block must not be split from the last lines of the text.
        keep_row_together(table.rows[0])

        left.paragraphs[0].style = "GB Recipients Head"
        left.paragraphs[0].add_run("Nơi nhận:")
        recipients = [clean_line(r).rstrip(".;") for r in head.recipients if clean_line(r)]
        for r in recipients:
            self.para(f"- {r};", "GB Recipient", container=left)
        archive = clean_line(head.archive_line) or "Lưu: VT."
        if not archive.endswith("."):
            archive += "."
        self.para(f"- {archive}", "GB Recipient", container=left)

        paragraphs = [(line, "GB Sign Authority") for line in authority_lines(head)]
        if head.signer_title:
            paragraphs.append((upper(head.signer_title), "GB Sign Title"))
        if not paragraphs:
            paragraphs.append(("", "GB Sign Authority"))
        for i, (text, style) in enumerate(paragraphs):
            paragraph = right.paragraphs[0] if i == 0 else right.add_paragraph()
            paragraph.style = style
            if text:
                paragraph.add_run(text)
        self.para(head.signer or " ", "GB Sign Name", container=right)

    def closing_mark(self, paragraph) -> None:
        """End the last paragraph of the body with './.', kept on the page of the signature
        block that follows it (a signature alone on a page, with no text above it, is not
        accepted)."""
        paragraph.add_run("./.")
        paragraph.paragraph_format.keep_with_next = True

    # ---- sections ---------------------------------------------------------------------------

    def landscape_section(self, *, first: bool = False, show_first_number: bool = True):
        """Turn the document (first=True) or a new section into an A4 landscape page."""
        section = self.doc.sections[0] if first else self.doc.add_section(WD_SECTION.NEW_PAGE)
        if not first:
            _shrink_break_paragraph(self.doc.element.body)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(tpl.PAGE_H), Mm(tpl.PAGE_W)
        section.top_margin, section.bottom_margin = Mm(tpl.MARGIN_TOP), Mm(tpl.MARGIN_BOTTOM)
        section.left_margin, section.right_margin = Mm(tpl.MARGIN_LEFT), Mm(tpl.MARGIN_RIGHT)
        if not first:
            section.different_first_page_header_footer = not show_first_number
        self.text_mm = LANDSCAPE_TEXT_MM
        return section

    def appendix_heading(self, label: str, title: str, note: str) -> None:
        self.para(label, "GB Appendix Label")
        self.para(upper(title), "GB Appendix Title")
        if note:
            self.para(note, "GB Appendix Note")

    def save(self, path: str | Path) -> Path:
        return atomic_write(path, lambda tmp: self.doc.save(str(tmp)))


def _shrink_break_paragraph(body) -> None:
    """The empty paragraph that ends a section (python-docx puts the section break in one, after
    the signature table) as small as a paragraph can be: at the body's size it did not fit under
    a signature ending at the foot of a page, and made a blank page before the appendix."""
    breaks = [p for p in body.iterchildren(qn("w:p"))
              if p.find(f"{qn('w:pPr')}/{_SECT_PR}") is not None]
    if not breaks or breaks[-1].find(_T_PATH) is not None:
        return
    p_pr = breaks[-1].find(qn("w:pPr"))
    spacing = OxmlElement("w:spacing")
    for name, value in (("before", "0"), ("after", "0"), ("line", "20"), ("lineRule", "exact")):
        spacing.set(qn(f"w:{name}"), value)
    r_pr = OxmlElement("w:rPr")
    for tag in ("w:sz", "w:szCs"):
        size = OxmlElement(tag)
        size.set(qn("w:val"), "2")  # 1 pt
        r_pr.append(size)
    # CT_PPr order: pStyle, …, spacing, ind, …, jc, …, rPr, sectPr, pPrChange
    p_pr.find(_SECT_PR).addprevious(r_pr)
    anchor = next((c for c in p_pr if c.tag in _AFTER_SPACING), None)
    if anchor is not None:
        anchor.addprevious(spacing)
    else:
        r_pr.addprevious(spacing)


_T_PATH = f".//{qn('w:t')}"
_AFTER_SPACING = {qn(f"w:{t}") for t in (
    "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr")}


def set_table_borders(table, kind: str) -> None:
    """All borders of *table* single (kind='single') or none."""
    tbl_pr = table._tbl.tblPr
    old = tbl_pr.find(qn("w:tblBorders"))
    if old is not None:
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), kind)
        if kind != "none":
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    # CT_TblPr order: tblStyle, …, tblW, jc, …, tblBorders, shd, tblLayout, tblCellMar, tblLook.
    anchor = next((c for c in tbl_pr if c.tag in (qn("w:shd"), qn("w:tblLayout"),
                                                   qn("w:tblCellMar"), qn("w:tblLook"))), None)
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        tbl_pr.append(borders)
    style = tbl_pr.find(qn("w:tblStyle"))
    if style is not None:
        tbl_pr.remove(style)


def repeat_header(row) -> None:
    """Mark a table row as a header row repeated at the top of every page."""
    keep_row_together(row)
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def keep_row_together(row) -> None:
    """A row is not broken across pages (w:cantSplit)."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.insert(0, OxmlElement("w:cantSplit"))


def write_lines(cell, lines: Sequence[tuple[str, str]]) -> None:
    """Fill an empty cell with one paragraph per (text, style)."""
    for i, (text, style) in enumerate(lines):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        paragraph.style = style
        if clean_line(text):
            paragraph.add_run(clean_line(text))


def _preserve_spaces(run) -> None:
    for t in run._r.findall(qn("w:t")):
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def numbered_style(title: str, has_points: bool = False) -> str:
    """The style of a '1.' item: a heading ('1. Mục đích', '2. Sở Y tế') is bold; a numbered
    sentence ('1. Sở Nội vụ chủ trì, theo dõi, đôn đốc … báo cáo UBND tỉnh.') reads as text —
    three bold lines are not a heading — unless points follow it that it heads ('5. Tổ chức
    Tháng hành động … (từ ngày 15/11 đến 15/12/2025)' over its a), b))."""
    title = title.rstrip()
    if len(title) > 30 and title.endswith((".", ";")):
        return "GB Heading 3"
    if len(title) > 100 and not has_points:
        return "GB Heading 3"
    return "GB Heading 2"


def is_group(item) -> bool:
    """A task table's group row imported as a letter ("A. CÔNG TÁC CHỈ ĐẠO" above tasks 1, 2)."""
    return is_task_group(item.kind, getattr(item, "source_label", None))


def item_label(item) -> str:
    """The printed label of a stored item: 'II.', '1.', 'a)', '-', '+' (literal text); a group
    of tasks keeps its capital: 'A.', 'B.' (position-derived, like every label)."""
    kind = ItemKind(item.kind)
    if kind in (ItemKind.ROMAN, ItemKind.ARABIC):
        return f"{item.label}."
    if kind is ItemKind.LETTER:
        return f"{item.label.upper()}." if is_group(item) else f"{item.label})"
    return item.label or ("-" if kind is ItemKind.DASH else "+")


def fmt_number(value: float | int | None, decimals: int = 1) -> str:
    """Vietnamese number format: 1.234.567 and 61,5 ('' for None)."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
