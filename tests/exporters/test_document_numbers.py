"""A document number never ends a line at its hyphen ('93/KH-' / 'UBND'): its hyphens are
Word's non-breaking hyphen, which python-docx reads back as '-'."""

from __future__ import annotations

import shutil

import docx
import pytest
from docx.oxml.ns import qn

from gbapp.exporters import ExportOptions, export
from gbapp.exporters.docnumbers import number_hyphens
from gbapp.store import open_database

NO_BREAK = qn("w:noBreakHyphen")


def _glued(paragraph, number: str) -> bool:
    """Whether *number* ('93/KH-UBND') is in the paragraph with its hyphens non-breaking:
    its w:t texts run into it once the w:noBreakHyphen elements are read as '-', and no w:t
    holds a hyphen of it."""
    text = "".join("-" if el.tag == NO_BREAK else (el.text or "")
                   for el in paragraph._p.iter(qn("w:t"), NO_BREAK))
    plain = [t.text or "" for t in paragraph._p.iter(qn("w:t"))]
    return number in text and number in paragraph.text and not any(number in t for t in plain)


def _paragraphs(path):
    d = docx.Document(str(path))
    cells = [p for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return list(d.paragraphs) + cells


@pytest.mark.parametrize(("kind", "number"), [
    ("report", "Kế hoạch số 93/KH-UBND ngày 23/04/2025"),
    ("report", "(Kèm theo Báo cáo số 15/BC-SNV ngày 05/12/2025"),
    ("letter", "Kế hoạch số 93/KH-UBND ngày 23/04/2025"),
    ("letter", "V/v đôn đốc thực hiện và báo cáo kết quả thực hiện Kế hoạch số 93/KH-UBND"),
    ("plan", "Quyết định số 254/QĐ-UBND"),
])
def test_document_numbers_do_not_break_at_their_hyphen(documents, kind, number):
    found = [p for p in _paragraphs(documents[kind]) if number in p.text]
    assert found, f"{number!r} not in the {kind}"
    assert all(_glued(p, number) for p in found)


@pytest.mark.parametrize(("kind", "line"), [
    ("report", "Số: 15/BC-SNV"), ("letter", "Số: 15/SNV-CTTN&BĐG"), ("plan", "Số: 93/KH-UBND")])
def test_the_number_line_keeps_an_ordinary_hyphen(documents, kind, line):
    """The "Số:" line never wraps, and is where the number is copied and searched from: a
    non-breaking hyphen there would paste as U+2011 and not be found by a typed "-"."""
    [paragraph] = [p for p in _paragraphs(documents[kind]) if p.text == line]
    assert line in "".join(t.text or "" for t in paragraph._p.iter(qn("w:t")))
    assert not list(paragraph._p.iter(NO_BREAK))


def test_a_number_cited_in_a_table_cell_does_not_break(demo_db_file, tmp_path):
    path = tmp_path / "demo.db"
    shutil.copy(demo_db_file, path)
    db = open_database(path)
    try:
        db.execute("UPDATE items SET title = title || ' theo Quyết định số 254/QĐ-UBND' "
                   "WHERE ref = 'II.1.a'")
        db.conn.commit()
        out = export(db, "appendix", tmp_path / "pl.docx", ExportOptions())[0]
    finally:
        db.close()
    cells = [p for p in _paragraphs(out) if "254/QĐ-UBND" in p.text]
    assert cells and all(_glued(p, "theo Quyết định số 254/QĐ-UBND") for p in cells)


def test_what_counts_as_a_document_number():
    assert number_hyphens("Kế hoạch số 93/KH-UBND ngày 23/4/2025") == [17]
    assert number_hyphens("Nghị định số 30/2020/NĐ-CP") == [23]
    assert number_hyphens("Số:        /BC-SNV") == [14]
    for text in ("giai đoạn 2021-2030", "Quý II/2025-Quý IV/2025", "V/v đôn đốc",
                 "Văn hóa - Xã hội", "ngày 15/11-15/12/2025"):
        assert number_hyphens(text) == [], text


def test_the_report_date_is_not_affected(documents):
    dated = [p.text for p in _paragraphs(documents["report"]) if p.text.startswith("Quảng Ngãi,")]
    assert dated == ["Quảng Ngãi, ngày 05 tháng 12 năm 2025"]


def test_an_exported_plan_imported_again_keeps_its_numbers(documents):
    from gbapp.importers import parse_plan_docx

    plan = parse_plan_docx(documents["plan"])
    assert plan.meta.number == "93/KH-UBND"
    assert "254/QĐ-UBND" in [b.number for b in plan.meta.legal_bases]
