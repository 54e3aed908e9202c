"""Document numbers kept on one line: '93/KH-UBND' never ends a line as '93/KH-' / 'UBND'.

Word and LibreOffice may break a line after any hyphen. The hyphens inside a document number or
code are written as Word's non-breaking hyphen (``<w:noBreakHyphen/>``), which both honour. It
is drawn as the hyphen it replaces; python-docx reads it back as "-" (``paragraph.text`` gives
"93/KH-UBND"), LibreOffice writes it as "-" in a PDF's text. Word's Find matches it with "^~"
("93/KH^~UBND"), and "93/KH" finds the number as typed.

Works on lxml elements: the builder's own runs and the rows of the fast tables.
"""

from __future__ import annotations

import re

from docx.oxml.ns import qn

_T = qn("w:t")
_NO_BREAK_HYPHEN = qn("w:noBreakHyphen")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# A number as documents cite it: '93/KH-UBND', '30/2020/NĐ-CP', '739/BNV-CTTN&BĐG', '15/BC-SNV',
# or its code alone after a blank number ('Số:        /BC-SNV'). A slash, then a capital, and a
# hyphen between two parts: not a date ('23/4/2025'), a span ('2021-2025', 'Quý II/2025-…')
# or 'V/v'.
DOC_NUMBER_RE = re.compile(
    r"(?<![\w/])(?:\d+[A-Za-z]?)?/(?:\d{2,4}/)?[A-ZĐ][\w&.]*(?:-[A-ZĐ][\w&.]*)+")


def number_hyphens(text: str) -> list[int]:
    """The positions of the hyphens inside the document numbers of *text*."""
    if "-" not in text or "/" not in text:  # the common case, without the regex
        return []
    return [m.start() + k for m in DOC_NUMBER_RE.finditer(text)
            for k, ch in enumerate(m.group()) if ch == "-"]


def _text_element(parent, text: str):
    t = parent.makeelement(_T, {})
    t.text = text
    if text[0].isspace() or text[-1].isspace():
        t.set(_XML_SPACE, "preserve")
    return t


def append_text(run, text: str) -> None:
    """Append *text* (one line, no tab) to the run element *run* as ``<w:t>`` elements, the
    hyphens of its document numbers as ``<w:noBreakHyphen/>``."""
    start = 0
    for at in number_hyphens(text):
        if at > start:
            run.append(_text_element(run, text[start:at]))
        run.append(run.makeelement(_NO_BREAK_HYPHEN, {}))
        start = at + 1
    if start < len(text):
        run.append(_text_element(run, text[start:]))


def glue_numbers(t) -> None:
    """Rewrite a ``<w:t>`` element in place so that the hyphens of its document numbers are
    ``<w:noBreakHyphen/>`` siblings between pieces of its text."""
    text = t.text or ""
    hyphens = number_hyphens(text)
    if not hyphens:
        return
    pieces, start = [], 0
    for at in hyphens:
        pieces.append(text[start:at])
        start = at + 1
    pieces.append(text[start:])
    t.text = pieces[0]
    if pieces[0] and (pieces[0][0].isspace() or pieces[0][-1].isspace()):
        t.set(_XML_SPACE, "preserve")
    anchor = t
    for piece in pieces[1:]:
        hyphen = t.makeelement(_NO_BREAK_HYPHEN, {})
        anchor.addnext(hyphen)
        anchor = hyphen
        if piece:
            nt = _text_element(t, piece)
            anchor.addnext(nt)
            anchor = nt
