"""The Excel working copy prints as a table should: A4, landscape when wide, all columns on
the page (two pages wide at most), the header row on every page, the grid drawn, page numbers
at the foot."""

from __future__ import annotations

import openpyxl


def test_every_sheet_prints_with_its_header_grid_and_page_numbers(documents):
    wb = openpyxl.load_workbook(documents["xlsx"])
    for ws in wb.worksheets:
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4  # "9"
        assert ws.print_title_rows == "$1:$1"
        assert ws.print_options.gridLines
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
    wide = wb["Báo cáo tiến độ"]  # 16 columns: two pages wide, its first columns on each
    assert wide.page_setup.fitToWidth == 2 and wide.print_title_cols == "$A:$B"
    assert wb["Hoạt động"].page_setup.fitToWidth == 1 and not wb["Hoạt động"].print_title_cols
    orientation = {ws.title: ws.page_setup.orientation for ws in wb.worksheets}
    assert orientation == {"Hoạt động": "landscape", "Phân công": "landscape",
                           "Báo cáo tiến độ": "landscape", "Chỉ tiêu": "landscape",
                           "Tổng hợp trạng thái": "portrait", "Chưa báo cáo": "landscape"}


def test_an_activity_with_a_title_and_an_explanation_shows_both(demo_db_file, tmp_path):
    """The working copy is where a clerk reads the plan in Excel: the explanation under a
    task's title ("Diễn giải") was left out of it."""
    import shutil

    from gbapp.exporters import ExportOptions, export
    from gbapp.store import items, open_database, plans

    path = tmp_path / "demo.db"
    shutil.copy(demo_db_file, path)
    db = open_database(path)
    try:
        item = next(i for i in items.all_items(db, plans.latest_id(db)) if i.ref == "II.1.b")
        item.title, item.text = "Rà soát mô hình", "Dòng thứ nhất;\n- Dòng thứ hai."
        items.update(db, item)
        db.conn.commit()
        out = export(db, "xlsx", tmp_path / "w.xlsx", ExportOptions())[0]
    finally:
        db.close()
    rows = {r[0]: r for r in openpyxl.load_workbook(out)["Hoạt động"].iter_rows(
        min_row=2, values_only=True)}
    assert rows["II.1.b"][1] == "Rà soát mô hình\nDòng thứ nhất;\n- Dòng thứ hai."
    assert "\n" not in rows["II.1.c"][1]  # a title alone, as before


def test_each_printed_page_says_the_plan_and_the_date_of_its_statuses(documents):
    wb = openpyxl.load_workbook(documents["xlsx"])
    header = wb["Hoạt động"].oddHeader.center.text
    assert header.startswith("Kế hoạch 93/KH-UBND") and "trạng thái tính đến ngày" in header
    assert wb["Phân công"].oddHeader.center.text == "Kế hoạch 93/KH-UBND"


def test_text_longer_than_an_excel_cell_is_marked_where_it_is_cut(demo_db_file, tmp_path):
    """Excel keeps 32,767 characters a cell: openpyxl cut a longer result mid-word, silently."""
    import shutil

    from gbapp.exporters import ExportOptions, export
    from gbapp.exporters.workbook import CELL_LIMIT
    from gbapp.store import open_database

    path = tmp_path / "demo.db"
    shutil.copy(demo_db_file, path)
    db = open_database(path)
    try:
        rows = db.execute("SELECT id FROM progress_reports ORDER BY id LIMIT 1").fetchall()
        db.execute("UPDATE progress_reports SET result = ? WHERE id = ?",
                   ["Kết quả rất dài. " * 3000, rows[0][0]])
        db.conn.commit()
        out = export(db, "xlsx", tmp_path / "w.xlsx", ExportOptions())[0]
    finally:
        db.close()
    results = [r[6] for r in openpyxl.load_workbook(out)["Báo cáo tiến độ"].iter_rows(
        min_row=2, values_only=True) if r[6] and len(r[6]) > 1000]
    assert len(results) == 1 and len(results[0]) == CELL_LIMIT
    assert results[0].endswith("xem đủ trong gbapp hoặc báo cáo Word]")
