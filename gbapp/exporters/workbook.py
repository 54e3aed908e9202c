"""Excel working copy (openpyxl): one sheet per view, frozen header, filters on, real dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, NamedStyle
from openpyxl.utils import get_column_letter

from ..domain.dates import format_date
from ..domain.model import STATUS_LABELS, Status
from ..domain.text import clean_text
from ..services.documents import WorkbookData
from .report import period_phrase
from .safe_write import atomic_write

DATE_FORMAT = "DD/MM/YYYY"
MONEY_FORMAT = "#,##0"
FONT = "Times New Roman"
STYLE_TEXT, STYLE_WRAP, STYLE_DATE, STYLE_MONEY, STYLE_HEADER = (
    "gbapp", "gbapp xuống dòng", "gbapp ngày", "gbapp tiền", "gbapp tiêu đề")

# Widths that print the activities on one A4 landscape page at about two thirds size
ACTIVITY_COLUMNS = [("Số hiệu", 9), ("Nội dung", 56), ("Cơ quan chủ trì", 24),
                    ("Cơ quan phối hợp", 32), ("Thời gian", 16), ("Bắt đầu", 11), ("Hạn", 11),
                    ("Sản phẩm", 20), ("Trạng thái", 20), ("Ngày hoàn thành", 12)]
ASSIGNMENT_COLUMNS = [("Số hiệu", 10), ("Nội dung", 70), ("Cơ quan", 36), ("Vai trò", 12),
                      ("Dữ liệu mẫu", 12)]
PROGRESS_COLUMNS = [("Kỳ báo cáo", 22), ("Số hiệu", 10), ("Nội dung", 50), ("Cơ quan", 30),
                    ("Trạng thái", 24), ("Tỷ lệ (%)", 10), ("Kết quả", 50), ("Số buổi", 10),
                    ("Số người tham gia", 12), ("Nam", 10), ("Nữ", 10), ("Văn bản", 24),
                    ("Khó khăn", 30), ("Đề xuất", 30), ("Kinh phí (đồng)", 16),
                    ("Ngày hoàn thành", 14), ("Trạng thái tính đến ngày", 14)]
STATUS_COLUMNS = [("Trạng thái", 30), ("Số hoạt động", 14)]
UNREPORTED_COLUMNS = [("Kỳ báo cáo", 22), ("Cơ quan", 36), ("Nhiệm vụ phải báo cáo", 14),
                      ("Đã báo cáo", 11), ("Chưa báo cáo", 11), ("Nhiệm vụ chưa báo cáo", 60)]
INDICATOR_COLUMNS = [("Mã", 9), ("Chỉ tiêu", 46), ("Đơn vị", 9), ("Chiều", 7),
                     ("Giá trị cơ sở", 11), ("Năm cơ sở", 8), ("Mục tiêu theo năm", 16),
                     ("Năm", 7), ("Giá trị chung", 11), ("Nam", 9), ("Nữ", 9),
                     ("Mục tiêu so sánh", 11), ("Năm mục tiêu", 9), ("Đánh giá", 18),
                     ("Ghi chú chỉ tiêu", 22), ("Ghi chú số liệu", 22), ("Dữ liệu mẫu", 9)]


# Excel keeps at most this many characters in a cell (openpyxl cuts the rest without a word).
CELL_LIMIT = 32_767
CUT_NOTE = " … [cắt bớt: Excel giữ tối đa 32.767 ký tự một ô; xem đủ trong gbapp hoặc báo cáo Word]"


def _cell_value(value):
    if isinstance(value, str):
        value = clean_text(value)  # openpyxl refuses control characters
        if len(value) > CELL_LIMIT:  # said in the cell, not cut mid-word in silence
            value = value[:CELL_LIMIT - len(CUT_NOTE)] + CUT_NOTE
    return value


def _add_styles(wb: Workbook) -> None:
    """Named cell styles, registered once: assigning one by name per cell is several times
    faster than setting font, format and alignment objects on each of 10^5 cells (openpyxl
    hashes each object it is given), and a clerk sees them in Excel's Cell Styles."""
    font = Font(name=FONT)
    for name, extra in ((STYLE_TEXT, {}),
                        (STYLE_WRAP, {"alignment": Alignment(wrap_text=True, vertical="top")}),
                        (STYLE_DATE, {"number_format": DATE_FORMAT}),
                        (STYLE_MONEY, {"number_format": MONEY_FORMAT}),
                        (STYLE_HEADER, {"font": Font(name=FONT, bold=True),
                                        "alignment": Alignment(horizontal="center",
                                                               vertical="center",
                                                               wrap_text=True)})):
        wb.add_named_style(NamedStyle(name=name, **({"font": font} | extra)))


HEADER_LINE_HEIGHT = 15  # points: a line of 11-point Times New Roman with its spacing


def _wrapped_lines(text: str, width: int) -> int:
    """How many lines *text* takes in a column *width* characters wide, cut between words (a
    bold character of Times New Roman is about as wide as Excel's width unit)."""
    room = max(width - 1, 1)
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > room:
            lines, used = lines + 1, 0
        used += (1 if used else 0) + len(word)
        while used > room:  # a word longer than the column breaks where it must
            lines, used = lines + 1, used - room
    return lines


def _sheet(wb: Workbook, title: str, columns: Sequence[tuple[str, int]], rows, *,
           wrap: Sequence[int] = (), money: Sequence[int] = (), as_of: str = "") -> None:
    ws = wb.create_sheet(title)
    ws.append([c for c, _ in columns])
    for cell in ws[1]:
        cell.style = STYLE_HEADER
    count = 0
    for row in rows:
        ws.append([_cell_value(v) for v in row])
        count += 1
    for idx, (_, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(idx)].width = width
    # Formats by column (cell by cell: openpyxl has no column-wide number format).
    wrap_set, money_set = set(wrap), set(money)
    for row_cells in ws.iter_rows(min_row=2, max_row=count + 1):
        for idx, cell in enumerate(row_cells):
            value = cell.value
            if isinstance(value, dt.date):
                cell.style = STYLE_DATE
            elif idx in money_set and value is not None:
                cell.style = STYLE_MONEY
            elif idx in wrap_set:
                cell.style = STYLE_WRAP
            else:
                cell.style = STYLE_TEXT
    # a header longer than its column wraps (its style says so): the row is made tall enough
    # to show it whole, as Excel and LibreOffice do not grow a row written with a height unset
    lines = max(_wrapped_lines(text, width) for text, width in columns)
    if lines > 1:
        ws.row_dimensions[1].height = HEADER_LINE_HEIGHT * lines
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    _print_setup(ws, sum(width for _, width in columns), as_of)


# Column widths (Excel's units) that still read well on one A4 landscape page once scaled down;
# a wider sheet prints two pages wide, its first columns repeated on each to tell the rows.
ONE_PAGE_WIDTH = 260


def _print_setup(ws, total_width: int, as_of: str = "") -> None:
    """Printed as a clerk expects a table: A4, landscape when wide, every column on the page
    (not three columns a page, the rest on pages of their own), the header row on every page,
    the cell grid drawn (Excel prints none by default) and "Trang 1/3" at the foot."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if total_width > 90 else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.page_setup.fitToWidth = 1 if total_width <= ONE_PAGE_WIDTH else 2
    if total_width > ONE_PAGE_WIDTH:
        ws.print_title_cols = "A:B"
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True
    ws.oddFooter.center.text = "Trang &P/&N"
    if as_of:
        ws.oddHeader.center.text = as_of.replace("&", "&&")  # "&" starts Excel's header codes
    ws.page_margins.left = ws.page_margins.right = 0.5


def _unreported_sheet(wb: Workbook, data: WorkbookData, plan_name: str) -> None:
    """Who has not reported on every task the chosen period asks of it, the figures of that
    period's report ("còn 6 cơ quan, đơn vị chưa báo cáo đủ…") and of the overview. With none
    missing, one row says why, as the report does: a blank sheet would say nothing."""
    rows: list[tuple] = list(data.unreported)
    period = data.period
    if period is None:
        rows = [("", "Kế hoạch chưa có kỳ báo cáo nào: thêm kỳ ở trang Tiến độ để theo dõi "
                     "việc báo cáo.")]
    elif not rows:
        phrase = period_phrase(period.name, period.kind)
        rows = [(period.name, "Các cơ quan, đơn vị được phân công đã gửi báo cáo kết quả thực "
                              "hiện." if data.asked else
                 f"Chưa có nhiệm vụ nào phải báo cáo kết quả thực hiện {phrase}.")]
    heading = f"{plan_name} — {period.name} — " if period is not None else f"{plan_name} — "
    _sheet(wb, "Chưa báo cáo", UNREPORTED_COLUMNS, rows, wrap=(1, 5),
           as_of=f"{heading}cơ quan, đơn vị chưa báo cáo đủ, tính đến ngày "
                 f"{format_date(data.today)}")


def write_workbook(data: WorkbookData, path: str | Path) -> Path:
    """Write the workbook to *path* (atomically); returns the path."""
    wb = Workbook()
    wb.remove(wb.active)
    _add_styles(wb)
    # the statuses are as of a date: each printed page says which, and of which plan
    plan_name = f"Kế hoạch {data.plan.number}" if data.plan.number else "Kế hoạch"
    as_of = f"{plan_name} — trạng thái tính đến ngày {format_date(data.today)}"
    _sheet(wb, "Hoạt động", ACTIVITY_COLUMNS, data.activities, wrap=(1, 3), as_of=as_of)
    _sheet(wb, "Phân công", ASSIGNMENT_COLUMNS, data.assignments, wrap=(1,), as_of=plan_name)
    # each report as it stood at its period's end (documents._reported_status), not today
    _sheet(wb, "Báo cáo tiến độ", PROGRESS_COLUMNS, data.progress, wrap=(2, 6, 12, 13),
           money=(14,), as_of=f"{plan_name} — trạng thái của mỗi báo cáo tính đến hết kỳ báo "
                              f"cáo (kỳ chưa kết thúc: đến ngày {format_date(data.today)})")
    _sheet(wb, "Chỉ tiêu", INDICATOR_COLUMNS, data.indicators, wrap=(1, 6, 14, 15),
           as_of=plan_name)
    _sheet(wb, "Tổng hợp trạng thái", STATUS_COLUMNS,
           [(STATUS_LABELS[s], data.status_counts.get(s, 0)) for s in Status], as_of=as_of)
    _unreported_sheet(wb, data, plan_name)
    props = wb.properties
    props.title = f"Kế hoạch {data.plan.number or ''} — bản làm việc".strip()
    props.creator = "gbapp"
    return atomic_write(path, lambda tmp: wb.save(str(tmp)))
