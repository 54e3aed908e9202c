"""The Excel working copy has the indicators: targets, every year's figure with its men/women
split, and the assessment the page and the report give it. Written and read back."""

from __future__ import annotations

import shutil

import openpyxl
import pytest

from gbapp.domain.entities import Indicator, IndicatorValue
from gbapp.store import indicators, open_database


@pytest.fixture
def workbook(demo_db_file, tmp_path):
    from gbapp.exporters import ExportOptions, export

    shutil.copy(demo_db_file, tmp_path / "kh.db")
    db = open_database(tmp_path / "kh.db")
    try:
        ids = {i.code: i.id for i in indicators.list_indicators(db)}
        n1 = indicators.save(db, Indicator(code="N1", name="Số người được tư vấn", unit="người",
                                           targets={2025: 100.0}, note="Mục tiêu: 100-120 người"))
        indicators.save_value(db, IndicatorValue(indicator_id=n1, year=2025, men=55, women=62,
                                                 note="Báo cáo số 12"))
        indicators.save(db, Indicator(code="T2", name="Chưa có số liệu nào", targets={}))
        indicators.save_value(db, IndicatorValue(indicator_id=ids["MT1"], year=2031, value=80))
        db.conn.commit()
        out = export(db, "xlsx", tmp_path / "w.xlsx", ExportOptions())[0]
    finally:
        db.close()
    return openpyxl.load_workbook(out)


def rows_of(ws) -> dict[tuple[str, int | None], dict]:
    header = [c.value for c in ws[1]]
    return {(r[0], r[7]): dict(zip(header, r, strict=True))
            for r in ws.iter_rows(min_row=2, values_only=True)}


def test_the_indicator_sheet_has_targets_figures_and_assessments(workbook):
    ws = workbook["Chỉ tiêu"]
    assert [c.value for c in ws[1]] == [
        "Mã", "Chỉ tiêu", "Đơn vị", "Chiều", "Giá trị cơ sở", "Năm cơ sở", "Mục tiêu theo năm",
        "Năm", "Giá trị chung", "Nam", "Nữ", "Mục tiêu so sánh", "Năm mục tiêu", "Đánh giá",
        "Ghi chú chỉ tiêu", "Ghi chú số liệu", "Dữ liệu mẫu"]
    rows = rows_of(ws)
    mt1 = rows[("MT1", 2025)]
    assert (mt1["Đơn vị"], mt1["Chiều"], mt1["Mục tiêu theo năm"]) == ("%", "≥",
                                                                       "2025: 60\n2030: 75")
    assert (mt1["Mục tiêu so sánh"], mt1["Năm mục tiêu"]) == (60, 2025)
    assert isinstance(mt1["Giá trị chung"], float) and mt1["Dữ liệu mẫu"] == "Có"
    assert ("MT1", 2024) in rows
    after = rows[("MT1", 2031)]  # after the last target: judged by it, as on the page
    assert (after["Năm mục tiêu"], after["Đánh giá"]) == (2030, "Đạt")
    n1 = rows[("N1", 2025)]
    assert (n1["Giá trị chung"], n1["Nam"], n1["Nữ"], n1["Đánh giá"]) == (117, 55, 62, "Đạt")
    assert (n1["Ghi chú chỉ tiêu"], n1["Ghi chú số liệu"]) == ("Mục tiêu: 100-120 người",
                                                                "Báo cáo số 12")
    none = rows[("T2", 2025)]  # no figure: the plan's year, said to have none
    assert (none["Giá trị chung"], none["Đánh giá"]) == (None, "Chưa có số liệu")


def test_the_indicator_sheet_prints_like_the_others(workbook):
    ws = workbook["Chỉ tiêu"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:Q")
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$1:$1" and ws.print_options.gridLines
    assert ws.oddHeader.center.text == "Kế hoạch 93/KH-UBND"
    assert ws["B2"].alignment.wrap_text and ws["A1"].font.b
    assert workbook.sheetnames.index("Chỉ tiêu") == workbook.sheetnames.index("Báo cáo tiến độ") + 1
