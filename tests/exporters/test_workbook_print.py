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
                           "Báo cáo tiến độ": "landscape", "Tổng hợp trạng thái": "portrait"}
