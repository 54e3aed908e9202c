"""Large Word tables at the speed of lxml: the one place that works below python-docx's API.

python-docx's ``table.add_row()`` re-reads the grid for every row and ``table.cell(r, c)`` walks
the whole table, so 10,000 rows take minutes. Here a prototype row is styled once with the normal
API (paragraph styles, widths, borders), detached, and then every data row is a ``deepcopy`` of
it with its texts set directly on the ``<w:t>`` elements.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Sequence
from itertools import chain

from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.table import Table
from lxml import etree

from ..domain.text import clean_text
from .docnumbers import glue_numbers, number_hyphens

_T = qn("w:t")
_R = qn("w:r")
_TR = qn("w:tr")
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
PLACEHOLDER = "\u2063"  # invisible separator: marks the run whose text a row fills in


class RowFactory:
    """Append rows shaped like prototypes taken from a table.

    Usage::

        rows = RowFactory(table)
        rows.take_prototype("item", table.rows[1])   # each cell: one run holding PLACEHOLDER
        rows.append("item", ["a", "Nội dung", …])

    A cell text with line breaks needs ``<w:t/><w:br/><w:t/>…`` in its run; rather than building
    those per row, a prototype of that shape (lines per cell) is derived once and copied.
    """

    def __init__(self, table: Table):
        self._tbl = table._tbl
        self._protos: dict[str, object] = {}
        self._shaped: dict[tuple, object] = {}

    def take_prototype(self, name: str, row) -> None:
        """Detach *row* (a python-docx _Row) from the table and keep it as prototype *name*."""
        tr = row._tr
        tr.getparent().remove(tr)
        for t in tr.iter(_T):
            t.text = ""  # the placeholder goes; each row sets its own text
        self._protos[name] = tr

    def append(self, name: str, texts: Sequence[str]) -> None:
        self.append_many(name, (texts,))

    def _shape(self, name: str, lines: tuple[int, ...]):
        key = (name, lines)
        proto = self._shaped.get(key)
        if proto is None:
            proto = copy.deepcopy(self._protos[name])
            for t, count in zip(list(proto.iter(_T)), lines, strict=False):
                anchor = t
                for _ in range(count - 1):
                    br = t.makeelement(_BR, {})  # same parser, same element classes
                    anchor.addnext(br)
                    nt = t.makeelement(_T, {})
                    br.addnext(nt)
                    anchor = nt
            # Re-parse with python-docx's parser: nodes made by makeelement carry their own
            # name dictionary, and every copy of them appended to the document would pay for
            # re-interning its names (measured: 60 % slower appends).
            proto = parse_xml(etree.tostring(proto))
            self._shaped[key] = proto
        return proto

    def append_many(self, name: str, rows: Iterable[Sequence[str]]) -> int:
        """Append one copy of prototype *name* per row of texts; returns how many."""
        plain = self._protos[name]
        append = self._tbl.append
        shape = self._shape
        needs_cleaning = _NEEDS_CLEANING.search
        n = 0
        for texts in rows:
            joined = "".join(texts)
            if joined.isprintable():  # the common case: one line per cell, nothing to clean
                tr = plain.__copy__()  # lxml copies the whole subtree, without copy's memo
                cells = texts
            else:  # line breaks (or tabs, or control characters) in some cell
                if needs_cleaning(joined):
                    texts = [_xml_safe(t) for t in texts]
                parts = [t.split("\n") if t else [""] for t in texts]
                tr = shape(name, tuple(map(len, parts))).__copy__()
                cells = list(chain.from_iterable(parts))
            for t, text in zip(tr.iter(_T), cells, strict=False):
                if text:
                    t.text = text
                    if text[0] == " " or text[-1] == " ":
                        t.set(_SPACE, "preserve")
            if number_hyphens(joined):  # '93/KH-UBND' kept on one line in its cell
                for t in list(tr.iter(_T)):
                    glue_numbers(t)
            append(tr)
            n += 1
        return n


_BR = qn("w:br")


def _xml_safe(text: str | None) -> str:
    """Text lxml accepts: control characters cleaned (tab and newline kept for the caller)."""
    if not text:
        return ""
    if text.isprintable() or not _NEEDS_CLEANING.search(text):
        return text
    return clean_text(text)


_NEEDS_CLEANING = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff\u2028\u2029]")


def prototype_cells(row, styles: Sequence[str]) -> None:
    """Give every cell of *row* one paragraph of the given style holding one placeholder run."""
    for cell, style in zip(row.cells, styles, strict=True):
        para = cell.paragraphs[0]
        para.style = style
        para.add_run(PLACEHOLDER)
