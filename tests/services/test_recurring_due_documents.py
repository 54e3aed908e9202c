"""The documents of a 2021 - 2030 programme's year judge its "hằng năm" activities by that year's
round, as the activities page does: the 2025 report says a round past its due (30/06/2025) is
overdue and one done after it late, the reminder gives that due ("hạn 30/06/2025", not
30/06/2030), and the Excel copy's «Hạn» is the round's. Real databases, real .docx and .xlsx
files written and read back."""

from __future__ import annotations

import datetime as dt

import docx
import openpyxl
import pytest

from gbapp.domain.entities import Period, ProgressReport
from gbapp.domain.model import STATUS_LABELS, Status
from gbapp.exporters import ExportOptions, export
from gbapp.importers import parse_plan_text
from gbapp.services import overview
from gbapp.services.documents import collect_reminder, collect_report
from gbapp.services.importing import store_plan
from gbapp.store import activities, agencies, open_database, periods, progress

D = dt.date
TODAY = D(2025, 7, 10)

PROGRAMME = """ỦY BAN NHÂN DÂN
TỈNH BÌNH ĐỊNH
Số: 21/KH-UBND
Bình Định, ngày 05 tháng 02 năm 2021
KẾ HOẠCH
Thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030
I. NHIỆM VỤ
1. Tổ chức truyền thông về bình đẳng giới. Sở Văn hóa, Thể thao và Du lịch chủ trì thực hiện. Thời gian: Quý II hằng năm.
2. Tập huấn kiến thức về giới cho cán bộ. Sở Nội vụ chủ trì thực hiện. Thời gian: Hằng năm.
3. Tuyên truyền trên báo chí. Sở Y tế chủ trì thực hiện. Thời gian: Quý II hằng năm.
4. Kiểm tra liên ngành về bình đẳng giới. Sở Tư pháp chủ trì thực hiện. Thời gian: Hằng năm, từ năm 2027.
"""


@pytest.fixture
def programme(tmp_path):
    db = open_database(tmp_path / "bd.db")
    plan_id = store_plan(db, parse_plan_text(PROGRAMME))
    year = periods.save(db, Period(plan_id=plan_id, name="Năm 2025", kind="year",
                                   start_on=D(2025, 1, 1), end_on=D(2025, 12, 31),
                                   due_on=D(2025, 12, 15)))
    ids = {title.split(" ")[0] + " " + title.split(" ")[1]: i for i, title in db.execute(
        "SELECT id, title FROM items WHERE plan_id = ? AND is_activity = 1", [plan_id])}
    # the press round of 2025 was done on 05/07, after its due of 30/06
    progress.save(db, ProgressReport(
        item_id=ids["Tuyên truyền"], agency_id=agencies.find_by_name(db, "Sở Y tế"),
        period_id=year, status=Status.DONE_ON_TIME, percent=100, completed_on=D(2025, 7, 5)))
    db.conn.commit()
    yield db, plan_id, year, ids
    db.close()


def _report_lines(db, tmp_path, period, today) -> list[str]:
    out = export(db, "report", tmp_path / f"bc-{today}.docx",
                 ExportOptions(period=period, date=today, today=today))[0]
    return [p.text for p in docx.Document(str(out)).paragraphs if p.text.strip()]


def _status_line(lines: list[str], title_start: str) -> str:
    at = next(n for n, line in enumerate(lines) if title_start in line)
    return next(line for line in lines[at:] if line.startswith("- Tình trạng: "))


def test_the_year_s_report_judges_this_year_s_round_as_the_page(programme, tmp_path):
    db, plan_id, year, ids = programme
    page = {r.id: r.status for r in activities.query(db, plan_id, activities.ActivityFilter(),
                                                      today=TODAY)}
    assert page[ids["Tổ chức"]] == Status.OVERDUE
    assert page[ids["Tuyên truyền"]] == Status.DONE_LATE
    data = collect_report(db, plan_id, year, today=TODAY)
    assert {e.item.id: e.status for e in data.items if e.item.is_activity} == page
    assert data.status_counts == overview.load(db, plan_id, TODAY, year).counts
    lines = _report_lines(db, tmp_path, year, TODAY)
    assert _status_line(lines, "Tổ chức truyền thông").startswith(
        f"- Tình trạng: {STATUS_LABELS[Status.OVERDUE]}")
    assert _status_line(lines, "Tuyên truyền trên báo chí").startswith(
        f"- Tình trạng: {STATUS_LABELS[Status.DONE_LATE]}")
    # the lead's own line says what the activity's does
    entry = next(e for e in data.items if e.item.id == ids["Tuyên truyền"])
    assert [a.status for a in entry.agencies] == [Status.DONE_LATE]


def test_the_reminder_gives_the_round_s_due(programme, tmp_path):
    db, plan_id, year, ids = programme
    data = collect_reminder(db, plan_id, year, today=TODAY)
    culture = next(a for a in data.agencies if a.agency == "Sở Văn hóa, Thể thao và Du lịch")
    (line,) = culture.lines
    assert line.overdue and line.due == D(2025, 6, 30)
    assert line.reason.startswith("quá hạn chưa hoàn thành (hạn 30/06/2025)")
    out = export(db, "reminder", tmp_path / "dd.docx",
                 ExportOptions(period=year, date=TODAY, today=TODAY))[0]
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    for table in docx.Document(str(out)).tables:
        text += "\n".join(cell.text for row in table.rows for cell in row.cells)
    assert "30/06/2025" in text and "30/06/2030" not in text


def test_a_year_s_report_made_in_january_judges_that_year_s_round(programme):
    """The 2025 report written on 10/01/2026: 2025's "Hằng năm" round was not done (overdue in
    it), while the page, in 2026, shows 2026's round still to do."""
    db, plan_id, year, ids = programme
    january = D(2026, 1, 10)
    data = collect_report(db, plan_id, year, today=january)
    entry = next(e for e in data.items if e.item.id == ids["Tập huấn"])
    assert entry.status == Status.OVERDUE
    page = {r.id: (r.due, r.status) for r in activities.query(
        db, plan_id, activities.ActivityFilter(), today=january)}
    assert page[ids["Tập huấn"]] == (D(2026, 12, 31), Status.NOT_STARTED)
    # one that starts in 2027 is not overdue in 2025's report
    assert next(e for e in data.items if e.item.id == ids["Kiểm tra"]).status == \
        Status.NOT_STARTED


def test_the_workbook_s_due_is_the_round_s(programme, tmp_path):
    db, plan_id, _year, ids = programme
    out = export(db, "xlsx", tmp_path / "bd.xlsx", ExportOptions(date=TODAY, today=TODAY))[0]
    sheet = openpyxl.load_workbook(out).worksheets[0]
    header = [c.value for c in sheet[1]]
    due_col, status_col = header.index("Hạn"), header.index("Trạng thái")
    rows = {row[1].split(" ")[0] + " " + row[1].split(" ")[1]: row
            for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}
    assert rows["Tổ chức"][due_col].date() == D(2025, 6, 30)
    assert rows["Tổ chức"][status_col] == STATUS_LABELS[Status.OVERDUE]
    assert rows["Kiểm tra"][due_col].date() == D(2027, 12, 31)
    # the progress sheet reads the press report as the report does: done late
    progress_sheet = next(ws for ws in openpyxl.load_workbook(out).worksheets
                          if ws.cell(1, 1).value == "Kỳ báo cáo")
    (report,) = [r for r in progress_sheet.iter_rows(min_row=2, values_only=True) if r[0]]
    assert report[4] == STATUS_LABELS[Status.DONE_LATE]
