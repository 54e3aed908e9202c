"""The paragraph that ends the report's portrait section (after the signature) is as small as a
paragraph can be: at body size it spilled onto a page of its own when the signature ended at
the foot of a page, a blank page before "Phụ lục I" (seen in the demo report)."""

from __future__ import annotations

import docx
from docx.oxml.ns import qn


def test_the_section_break_before_the_appendix_takes_no_room(documents):
    body = docx.Document(str(documents["report"])).element.body
    breaks = [p for p in body.iterchildren(qn("w:p"))
              if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
    assert breaks, "the report has a landscape appendix after a section break"
    for p in breaks:
        assert not "".join(t.text or "" for t in p.iter(qn("w:t")))
        spacing = p.find(f"{qn('w:pPr')}/{qn('w:spacing')}")
        assert spacing.get(qn("w:line")) == "20" and spacing.get(qn("w:lineRule")) == "exact"
        assert spacing.get(qn("w:before")) == "0" and spacing.get(qn("w:after")) == "0"
        assert p.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val")) == "2"
