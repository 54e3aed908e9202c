"""Kế hoạch: the plan regenerated from the database as an official draft.

Only what the database holds is written: header, legal bases, the item tree with its literal
labels, the agencies' duties from the assignments (marked when they are sample data), recipients
and signature. A plan whose text was cut ('[...]') says so where the text stops.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..domain.dates import format_date
from ..domain.model import ItemKind, LegalBasis, Role
from ..domain.numbering import from_roman, letter, to_roman
from ..domain.text import clean_line, clean_text, fold
from ..services.documents import Letterhead, PlanDocument, lower_first, place_of
from .docbuilder import (
    DocBuilder,
    expand_issuer,
    is_group,
    item_label,
    numbered_style,
    split_issuer,
)

_STATUTES = ("luat", "nghi dinh", "nghi quyet", "thong tu", "phap lenh", "bo luat", "hien phap")
SAMPLE_NOTE = ("[Dữ liệu mẫu] Phân công dưới đây lấy từ dữ liệu mẫu của gbapp, không phải nội "
               "dung của Kế hoạch gốc.")
TRUNCATED_NOTE = "[...] (Văn bản trong cơ sở dữ liệu không đầy đủ; phần còn lại chưa có.)"


def plan_letterhead(doc: PlanDocument, *, number: str | None = None, date=None) -> Letterhead:
    """The plan's own header: its issuer, number, date, place and signer."""
    plan = doc.plan
    stored_number, _, code = (plan.number or "").partition("/")
    if not code:
        code = f"{plan.doc_type or 'KH'}-UBND"
    archive = "Lưu: VT."
    recipients = []
    for r in plan.recipients:
        if fold(r).lstrip("- ").startswith("luu"):
            archive = clean_line(r).lstrip("- ")
        else:
            recipients.append(r)
    return Letterhead(
        # a plan whose date line gave no place (or none was read): its issuer's unit, not
        # ", ngày …" with nothing before the comma
        organisation=plan.issuer or "", parent_agency="",
        place=clean_line(plan.place) or place_of(plan.issuer),
        number=stored_number if number is None else number, code=code,
        date=plan.issued_on if date is None else date,
        year=plan.year or (plan.issued_on.year if plan.issued_on else None),
        signer=plan.signer or "", signer_authority=plan.signer_authority or "",
        signer_title=plan.signer_title or "", recipients=recipients, archive_line=archive)


def _basis_text(b: LegalBasis) -> str:
    text = clean_line(b.doc_type)
    if not b.number and b.summary:
        # A law is cited by its name, then its date: "Luật Bình đẳng giới ngày 29/11/2006".
        text += f" {clean_line(b.summary)}"
        if b.issued_on:
            text += f" ngày {format_date(b.issued_on)}"
        return text.strip()
    if b.number:
        text += f" số {clean_line(b.number)}"
    if b.issued_on:
        text += f" ngày {format_date(b.issued_on)}"
    if b.issuer:
        text += f" của {clean_line(b.issuer)}"
    if b.summary:
        text += f" {clean_line(b.summary)}"
    return text.strip()


def legal_basis_paragraphs(doc: PlanDocument) -> list[str]:
    """'Căn cứ …;' for what the plan cites so (statutes, when it was not read), then one
    'Thực hiện …; theo đề nghị của … tại Tờ trình …; <issuer> ban hành Kế hoạch … như sau:'
    paragraph."""
    plan = doc.plan
    statutes, others, proposals = [], [], []
    for b in plan.legal_bases:
        # the verb as stored or typed ("Căn cứ", "căn cứ vào", "Thực hiện"); else by the type
        kind, verb = fold(b.doc_type), fold(b.verb).strip(" :")
        verb = "can cu" if verb.startswith("can cu") else (
            "thuc hien" if verb.startswith("thuc hien") else "")
        if verb == "can cu" or (not verb and kind.startswith(_STATUTES)):
            statutes.append(f"Căn cứ {_basis_text(b)};")
        elif kind.startswith("to trinh") and verb != "thuc hien":
            number = f" số {clean_line(b.number)}" if b.number else ""
            date = f" ngày {format_date(b.issued_on)}" if b.issued_on else ""
            who = f"của {clean_line(b.issuer)} " if b.issuer else ""
            proposals.append(f"theo đề nghị {who}tại {clean_line(b.doc_type)}{number}{date}")
        else:
            others.append(_basis_text(b))
    parts = []
    if others:
        parts.append("Thực hiện " + " và ".join(others))
    parts += proposals
    issuer = clean_line(plan.issuer) or ""
    title = lower_first(clean_line(plan.title)) if plan.title else ""
    closing = f"{issuer} ban hành Kế hoạch {title} như sau:".strip()
    parts.append(closing)
    text = "; ".join(parts)
    return statutes + [text[:1].upper() + text[1:]]


_SPACES = re.compile(r"\s+")
_SPACED_DASH = re.compile(r" ?[-\u2013\u2014/] ?")
# Long names a plan often writes short: compared in their short form on both sides.
_SHORT_FORMS = (("uy ban nhan dan", "ubnd"), ("hoi dong nhan dan", "hdnd"),
                ("hoi lien hiep phu nu", "hoi lhpn"), ("mat tran to quoc", "mttq"))


def _comparable(text: str) -> str:
    """*text* folded for 'is this already written there?': case, diacritics, runs of spaces,
    spaces around dashes and slashes, and the usual short forms of long agency names."""
    text = _SPACES.sub(" ", fold(text))
    if "-" in text or "/" in text or "\u2013" in text or "\u2014" in text:
        text = _SPACED_DASH.sub(lambda m: m.group(0).strip(), text)
        text = text.replace("\u2013", "-").replace("\u2014", "-")
    for long, short in _SHORT_FORMS:
        if long in text:
            text = text.replace(long, short)
    return text


def _names(names: list[str]) -> str:
    """'Sở Y tế, các sở, ngành': a group named by 'Các …' is not capitalised inside a list."""
    return ", ".join(lower_first(n) if i and n.startswith(("Các ", "Những ")) else n
                     for i, n in enumerate(names))


def agency_line(refs: Sequence, stated: str) -> str:
    """The agencies of an activity as a plan prints them, leaving out a role whose agencies
    *stated* (the comparable text of the item and its parents) already names:
    'Cơ quan chủ trì: X; cơ quan phối hợp: Y, Z.', or 'Đơn vị thực hiện: X.' for one agency.
    '' when everything is already said. Sample assignments are never printed as plan text."""
    leads = [clean_line(r.agency) for r in refs if r.role == Role.LEAD and not r.is_sample]
    coords = [clean_line(r.agency) for r in refs if r.role != Role.LEAD and not r.is_sample]
    leads, coords = [a for a in leads if a], [a for a in coords if a]

    def said(names: list[str]) -> bool:
        return all(_comparable(a) in stated for a in names)

    lead_missing = bool(leads) and not said(leads)
    coord_missing = bool(coords) and not said(coords)
    if not (lead_missing or coord_missing):
        return ""
    if len(leads) + len(coords) == 1:
        return f"Đơn vị thực hiện: {(leads or coords)[0]}."
    parts = []
    if lead_missing:
        parts.append(f"cơ quan chủ trì: {_names(leads)}")
    if coord_missing:
        parts.append(f"cơ quan phối hợp: {_names(coords)}")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


# A pointer to a table in the plan's own body: "(Chi tiết tại bảng phân công dưới đây)", "Nhiệm
# vụ cụ thể theo bảng sau:". The export writes no table (a table's rows come out as the items
# under it), so such a pointer would point at nothing. One to an appendix ("Phụ lục kèm theo")
# stays: the assignment appendix is exported to go with the plan.
# Only the words that name such a table may stand between "bảng" and "dưới đây": "bảng tin của
# xã như sau", "bảng tiêu chí … cấp dưới", "biểu diễn … năm sau" are no pointer.
_TABLE_WORDS = (r"(?:phân\s+công|nhiệm\s+vụ|chi\s+tiết|tổng\s+hợp|kế\s+hoạch|hoạt\s+động|"
                r"danh\s+mục|cụ\s+thể|thực\s+hiện|mẫu|số\s+\d+|\d+|[IVX]+)")
_TABLE_REF = (rf"(?:các\s+)?(?:bảng|biểu)(?:\s+{_TABLE_WORDS}){{0,4}}\s+(?:kèm\s+theo\s+)?"
              r"(?:dưới\s+đây|sau\s+đây|sau)(?=\s*[).;:,]|\s*$)")
_POINTING = r"(?:được\s+)?(?:nêu\s+)?(?:tại|theo|như|ở|trong|xem)\s+"
# the words a sentence that only points may have before that
_POINTER_LEAD = (r"(?:(?:chi tiết|cụ thể|nội dung|nhiệm vụ|các nhiệm vụ|hoạt động|các hoạt động|"
                 r"phân công|danh mục)\s+)*")
_TABLE_POINTER_RES = (
    # "(Chi tiết tại bảng dưới đây)" anywhere
    re.compile(rf"\s*\(\s*{_POINTER_LEAD}{_POINTING}{_TABLE_REF}\s*\)", re.IGNORECASE),
    # a line that only points: "Chi tiết tại bảng phân công dưới đây:"
    re.compile(rf"^[-+•]?\s*{_POINTER_LEAD}{_POINTING}{_TABLE_REF}\s*[.:;]?\s*$",
               re.IGNORECASE | re.MULTILINE),
    # the end of a sentence: "… thực hiện theo bảng dưới đây." -> "… thực hiện."
    re.compile(rf"(?:,\s*{_POINTER_LEAD}|\s+){_POINTING}{_TABLE_REF}(?=\s*[.:;]?\s*$)",
               re.IGNORECASE | re.MULTILINE),
)


def without_table_pointers(text: str) -> str:
    """*text* without what points at a table in the plan's body (see _TABLE_REF)."""
    low = text.lower()
    if "bảng" not in low and "biểu" not in low:
        return text
    kept = text
    for pattern in _TABLE_POINTER_RES:
        kept = pattern.sub("", kept)
    if kept == text:
        return text
    kept = re.sub(r"\n[ \t]*(?=\n)", "", kept).strip()  # (the line a pointer took)
    return re.sub(r"[ \t]+([.:;])$", r"\1", kept)


def _write_tree(b: DocBuilder, doc: PlanDocument,
                assignments: Mapping[int, Sequence] | None = None) -> str:
    """The items with their literal labels; returns the last section's Roman numeral.

    *assignments* (item id -> its assignments, as `documents.plan_assignments` gives them) adds
    an item's agencies under it when neither its text nor its parents' text names them (they
    came from a table's columns).

    An item whose title announces a list ("a) Tổ chức truyền thông, gồm các nội dung:") is
    followed by that list: its own lines (the agencies, the time, the product, as the plan
    stated them after the list) come after its points, not between the colon and them."""
    last_roman = ""
    parent_tf = {}
    context: dict[int | None, str] = {}  # item id -> comparable text of it and its parents
    waiting: list[tuple[int, list[tuple[bool, str]]]] = []  # (depth, body) of items whose list is open
    items = doc.items
    for n, it in enumerate(items):
        while waiting and waiting[-1][0] >= it.depth:
            _write_body(b, waiting.pop()[1])
        label = item_label(it)
        title, text = clean_line(it.title), without_table_pointers(clean_text(it.text))
        if "(" in title:  # "NHIỆM VỤ (chi tiết tại bảng dưới đây)"; a title is never left empty
            title = _TABLE_POINTER_RES[0].sub("", title).strip() or title
        if not title and text and it.kind != ItemKind.ROMAN:
            # an item with text only: its first paragraph goes on the label's line, not "a)"
            # alone above it
            first, _, rest = text.strip().partition("\n")
            title, text = clean_line(first), rest.strip()
        if it.kind == ItemKind.ROMAN:
            last_roman = it.label
            b.para(f"{label} {title.upper()}".strip(), "GB Heading 1")
        elif it.kind == ItemKind.ARABIC:
            has_points = n + 1 < len(items) and items[n + 1].parent_id == it.id
            b.para(f"{label} {title}".strip(), numbered_style(title, has_points))
        elif it.kind == ItemKind.LETTER:
            b.para(f"{label} {title}".strip(), "GB Heading 2" if is_group(it) else "GB Heading 3")
        else:
            b.para(f"{label} {title}".strip(), "GB Dash")
        body = [(True, text)] if text else []  # (is the item's text, what to write)
        refs = assignments.get(it.id) if assignments else None
        tf = clean_line(it.time_frame.text)
        parent_tf[it.id] = tf
        new_tf = it.is_activity and tf and tf != parent_tf.get(it.parent_id, "")
        # Folded only when needed: most items of a long plan have neither.
        written = _comparable(f"{title} {text}") if (refs or new_tf or assignments) else ""
        if refs:
            stated = f"{context.get(it.parent_id, '')} {written}"
            line = agency_line(refs, stated)
            if line:
                body.append((False, line))
                stated += " " + _comparable(line)
            context[it.id] = stated
        elif assignments:
            context[it.id] = f"{context.get(it.parent_id, '')} {written}"
        if new_tf and _comparable(tf).rstrip(".") not in written:
            body.append((False, f"Thời gian thực hiện: {tf}."))
        output = clean_line(it.output).rstrip(".")
        # Not when the text already states it as its product ("… Sản phẩm: Báo cáo."); a title
        # that merely uses the same words ("Tổng hợp báo cáo …") still gets its product line.
        if output and not _states_output(output, f"{title} {text}"):
            body.append((False, f"Sản phẩm: {output}."))
        if not body:
            continue
        if title.endswith(":") and n + 1 < len(items) and items[n + 1].depth > it.depth:
            waiting.append((it.depth, body))
        else:
            _write_body(b, body)
    while waiting:
        _write_body(b, waiting.pop()[1])
    return last_roman


def _write_body(b: DocBuilder, body: list[tuple[bool, str]]) -> None:
    """An item's text (one paragraph per line) and the lines added to it."""
    for is_text, part in body:
        if is_text:
            b.paras(part, "GB Body")
        else:
            b.para(part, "GB Body")


def _write_duties(b: DocBuilder, doc: PlanDocument, numeral: str) -> None:
    b.para(f"{numeral}. TỔ CHỨC THỰC HIỆN", "GB Heading 1")
    if doc.has_sample:
        b.para(SAMPLE_NOTE, "GB Note")
    b.para("Phân công các cơ quan, đơn vị thực hiện các nội dung của Kế hoạch:", "GB Body")
    for n, duty in enumerate(doc.duties, start=1):
        parts = []
        if duty.lead:
            parts.append(f"chủ trì thực hiện {duty.lead}")
        if duty.coordinating:
            parts.append(f"phối hợp thực hiện {duty.coordinating}")
        text = "; ".join(parts)
        b.rich([(f"{letter(n)}) ", None), (f"{duty.agency}: ", "GB Strong"),
                (text[:1].upper() + text[1:] + ".", None)], "GB Heading 3")


def write_plan(doc: PlanDocument, head: Letterhead, path: str | Path, *,
               assignments: Mapping[int, Sequence] | None = None) -> Path:
    """Write the plan to *path* (atomically); returns the path.

    *assignments* (item id -> assignments) prints each item's agencies where its text does not
    name them; by default the document's own."""
    b = DocBuilder()
    plan = doc.plan
    department = split_issuer(plan.issuer or "")
    if department is not None and not head.parent_agency:
        # "UBND TỈNH QUẢNG TRỊ" above "SỞ Y TẾ", as the department's own plan has it
        head = dataclasses.replace(head, parent_agency=department[0], organisation=department[1])
        b.header_block(head)
    else:
        b.header_block(head, issuer_lines=expand_issuer(plan.issuer or head.organisation))
    b.title("KẾ HOẠCH", clean_line(plan.title) or "")
    for paragraph in legal_basis_paragraphs(doc):
        b.para(paragraph, "GB Body")
    if assignments is None:
        assignments = doc.assignments
    last_roman = _write_tree(b, doc, assignments)
    if plan.truncated:
        b.para(TRUNCATED_NOTE, "GB Note")
    if doc.duties and not doc.has_organisation_section:
        _write_duties(b, doc, to_roman((from_roman(last_roman) or 0) + 1))
    b.signature(head)
    return b.save(path)


def _states_output(output: str, text: str) -> bool:
    """Whether *text* gives *output* as its product: after a "Sản phẩm"/"Kết quả" label."""
    folded, wanted = fold(text), fold(output)
    for label in ("san pham", "ket qua"):
        at = folded.find(label)
        while at >= 0:
            if wanted in folded[at:at + len(label) + 30 + len(wanted)]:
                return True
            at = folded.find(label, at + 1)
    return False
