"""Kế hoạch: the plan regenerated from the database as an official draft.

Only what the database holds is written: header, legal bases, the item tree with its literal
labels, the agencies' duties from the assignments (marked when they are sample data), recipients
and signature. A plan whose text was cut ('[...]') says so where the text stops.
"""

from __future__ import annotations

from pathlib import Path

from ..domain.dates import format_date
from ..domain.model import ItemKind, LegalBasis
from ..domain.numbering import from_roman, letter, to_roman
from ..domain.text import clean_line, clean_text, fold
from ..services.documents import Letterhead, PlanDocument, lower_first
from .docbuilder import DocBuilder, expand_issuer, item_label

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
        organisation=plan.issuer or "", parent_agency="", place=plan.place or "",
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
    """'Căn cứ …;' for statutes, then one 'Thực hiện …; theo đề nghị của … tại Tờ trình …;
    <issuer> ban hành Kế hoạch … như sau:' paragraph."""
    plan = doc.plan
    statutes, others, proposals = [], [], []
    for b in plan.legal_bases:
        kind = fold(b.doc_type)
        if kind.startswith(_STATUTES):
            statutes.append(f"Căn cứ {_basis_text(b)};")
        elif kind.startswith("to trinh"):
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


def _write_tree(b: DocBuilder, doc: PlanDocument) -> str:
    """The items with their literal labels; returns the last section's Roman numeral."""
    last_roman = ""
    parent_tf = {}
    for it in doc.items:
        label = item_label(it)
        title, text = clean_line(it.title), clean_text(it.text)
        if it.kind == ItemKind.ROMAN:
            last_roman = it.label
            b.para(f"{label} {title.upper()}".strip(), "GB Heading 1")
        elif it.kind == ItemKind.ARABIC:
            b.para(f"{label} {title}".strip(), "GB Heading 2")
        elif it.kind == ItemKind.LETTER:
            b.para(f"{label} {title}".strip(), "GB Heading 3")
        else:
            b.para(f"{label} {title}".strip(), "GB Dash")
        if text:
            b.paras(text, "GB Body")
        tf = clean_line(it.time_frame.text)
        parent_tf[it.id] = tf
        if (it.is_activity and tf and tf != parent_tf.get(it.parent_id, "")
                and fold(tf) not in fold(title)):
            b.para(f"Thời gian thực hiện: {tf}.", "GB Body")
        output = clean_line(it.output).rstrip(".")
        if output and fold(output) not in fold(f"{title} {text}"):  # not said in the text already
            b.para(f"Sản phẩm: {output}.", "GB Body")
    return last_roman


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


def write_plan(doc: PlanDocument, head: Letterhead, path: str | Path) -> Path:
    """Write the plan to *path* (atomically); returns the path."""
    b = DocBuilder()
    plan = doc.plan
    b.header_block(head, issuer_lines=expand_issuer(plan.issuer or head.organisation))
    b.title("KẾ HOẠCH", clean_line(plan.title) or "")
    for paragraph in legal_basis_paragraphs(doc):
        b.para(paragraph, "GB Body")
    last_roman = _write_tree(b, doc)
    if plan.truncated:
        b.para(TRUNCATED_NOTE, "GB Note")
    if doc.duties and not doc.has_organisation_section:
        _write_duties(b, doc, to_roman((from_roman(last_roman) or 0) + 1))
    b.signature(head)
    return b.save(path)
