"""The report's indicator appendix and the indicators page judge a year's figure by one rule
(status.assess_indicator): after the last target year, with no target yet, and with figures
entered as men and women only. A real report is written and read back."""

from __future__ import annotations

import datetime as dt
import shutil

import docx
import pytest
from export_helpers import TODAY, run_checker

from gbapp.domain.entities import Indicator, IndicatorValue
from gbapp.services.documents import indicator_rows
from gbapp.store import indicators, open_database
from gbapp.ui.pages.parts.indicator_rows import make_lines


@pytest.fixture
def db(demo_db_file, tmp_path):
    shutil.copy(demo_db_file, tmp_path / "kh.db")
    database = open_database(tmp_path / "kh.db")
    yield database
    database.close()


def ids(db) -> dict[str, int]:
    return {i.code: i.id for i in indicators.list_indicators(db)}


def put(db, ind_id: int, year: int, value=None, men=None, women=None) -> None:
    indicators.save_value(db, IndicatorValue(indicator_id=ind_id, year=year, value=value,
                                             men=men, women=women))


def appendix(path) -> dict[str, list[str]]:
    """Rows of the 7-column indicator table by the code in their name cell."""
    table = next(t for t in docx.Document(str(path)).tables if len(t.columns) == 7)
    return {r.cells[1].text.rsplit("(", 1)[-1].rstrip(")"): [c.text for c in r.cells]
            for r in table.rows[1:]}


def report(db, tmp_path):
    from gbapp.exporters import ExportOptions, export

    db.conn.commit()
    return export(db, "report", tmp_path / "bao-cao.docx",
                  ExportOptions(number="15", date=dt.date(2025, 12, 5), today=TODAY))[0]


def test_page_and_report_agree_every_year(db):
    code = ids(db)
    ind_t1 = indicators.save(db, Indicator(code="T1", name="Chỉ tiêu chỉ có mục tiêu 2025",
                                           unit="%", targets={2025: 40.0}))
    ind_n1 = indicators.save(db, Indicator(code="N1", name="Số người được tư vấn", unit="người",
                                           targets={2025: 100.0, 2030: 300.0}))
    ind_t2 = indicators.save(db, Indicator(code="T2", name="Chỉ tiêu chưa có mục tiêu",
                                           unit="%"))
    put(db, ind_t1, 2026, 45)
    put(db, ind_t1, 2031, 45)
    put(db, code["MT1"], 2031, 80)
    put(db, code["MT2.2"], 2031, 20)
    put(db, ind_n1, 2025, None, 55, 62)
    put(db, ind_t2, 2025, 30)
    put(db, code["MT2.1"], 2025, None, 40, 50)
    all_values, all_inds = indicators.values(db), indicators.list_indicators(db)
    for year in range(2024, 2033):
        rows, _ = indicator_rows(db, year)
        lines = make_lines(all_inds, all_values, year)
        assert [(r.code, r.target_year, r.current, r.assessment) for r in rows] == [
            (ln.indicator.code, ln.target_year, ln.value(year), ln.assessment) for ln in lines]
    by_code = {r.code: r for r in indicator_rows(db, 2031)[0]}
    assert (by_code["MT1"].target_year, by_code["MT1"].assessment) == (2030, "Đạt")
    assert (by_code["T1"].target, by_code["T1"].assessment) == (40.0, "Đạt")
    assert by_code["MT2.2"].assessment == "Đạt"  # 20 ≤ 25, lower is better
    by_code = {r.code: r for r in indicator_rows(db, 2025)[0]}
    assert (by_code["N1"].current, by_code["N1"].assessment) == (117, "Đạt")
    assert by_code["T2"].assessment == "Chưa có mục tiêu"
    assert by_code["MT2.1"].assessment == "Thiếu giá trị chung"


def test_a_report_whose_figures_are_all_men_and_women_still_has_its_appendix(db, tmp_path):
    db.execute("DELETE FROM indicator_values")
    ind_n1 = indicators.save(db, Indicator(code="N1", name="Số người được tư vấn", unit="người",
                                           targets={2025: 100.0}))
    for ind_id in ids(db).values():
        if ind_id != ind_n1:
            put(db, ind_id, 2025, None, 55, 62)  # rates: as the old form stored them
    put(db, ind_n1, 2025, None, 55, 62)
    path = report(db, tmp_path)
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "Chưa có số liệu thực hiện các chỉ tiêu" not in text
    assert "được tổng hợp tại Phụ lục" in text
    rows = appendix(path)
    assert rows["N1"][5].startswith("117") and rows["N1"][6] == "Đạt"
    assert "nam: 55; nữ: 62" in rows["MT1"][5]
    assert rows["MT1"][6] == "Thiếu giá trị chung"
    assert not any(r[6] == "Chưa có số liệu" for r in rows.values())
    result = run_checker(path, "report")
    assert result.returncode == 0, result.stdout + result.stderr
