"""What a clerk sees on 01/12/2026 of an activity done every school year (01/09/2025 –
31/05/2030, "hằng năm"), done on 10/11/2026: the activities page's «Hạn» and its tooltip, and
the working copy's "Hoạt động" sheet, all give the 2026 - 2027 round's due (31/05/2027) and
"Hoàn thành đúng hạn", not the calendar year's (31/05/2026). Real database, real widgets, the
workbook written and read back."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from gbapp.domain.entities import Period, ProgressReport
from gbapp.domain.model import Status
from gbapp.importers import parse_plan_text
from gbapp.services.importing import store_plan
from gbapp.store import agencies, open_database, periods, progress

TODAY = dt.date(2026, 12, 1)

PLAN = """ỦY BAN NHÂN DÂN
TỈNH GIA LAI
Số: 21/KH-UBND
Gia Lai, ngày 15 tháng 8 năm 2025
KẾ HOẠCH
Thực hiện công tác bình đẳng giới trong ngành giáo dục giai đoạn 2025 - 2030
I. NHIỆM VỤ
1. Lồng ghép giáo dục giới trong các trường học. Sở Giáo dục và Đào tạo chủ trì thực hiện. Thời gian: Từ tháng 9/2025 đến tháng 5/2030, hằng năm.
2. Tập huấn kiến thức về giới cho cán bộ. Sở Nội vụ chủ trì thực hiện. Thời gian: Quý II hằng năm.
"""


@pytest.fixture
def ctx(qapp, tmp_path):
    from gbapp.ui.context import AppContext

    path = tmp_path / "school.db"
    db = open_database(path)
    plan_id = store_plan(db, parse_plan_text(PLAN))
    item_id = db.execute("SELECT id FROM items WHERE plan_id = ? AND ref = 'I.1'",
                         [plan_id]).fetchone()[0]
    year = periods.save(db, Period(plan_id=plan_id, name="Năm 2026", kind="year",
                                   start_on=dt.date(2026, 1, 1), end_on=dt.date(2026, 12, 31),
                                   due_on=dt.date(2026, 12, 15)))
    progress.save(db, ProgressReport(
        item_id=item_id, agency_id=agencies.find_by_name(db, "Sở Giáo dục và Đào tạo"),
        period_id=year, status=Status.DONE_ON_TIME, percent=100,
        completed_on=dt.date(2026, 11, 10)))
    db.conn.commit()
    context = AppContext(db, path)
    yield context
    db.close()


def test_the_page_and_its_tooltip_give_the_school_year_s_due(qtbot, ctx):
    from gbapp.ui.pages.activities_page import ActivitiesPage

    ActivitiesPage.search_debounce_ms = 0
    page = ActivitiesPage(ctx)
    qtbot.addWidget(page)
    try:
        page.model.fixed_today = TODAY
        page.model.refresh()
        page.show()
        qtbot.waitExposed(page)
        model = page.model
        rows = {model.data(model.index(r, 0)): r for r in range(model.rowCount())}
        row = rows["I.1"]
        assert model.data(model.index(row, 4)) == "31/05/2027"
        assert model.data(model.index(row, 5)) == "Hoàn thành đúng hạn"
        assert model.data(model.index(row, 4), Qt.ItemDataRole.ToolTipRole) == \
            "Hạn của năm 2027: 31/05/2027 (mỗi năm một đợt, đến 31/05/2030)"
        # a calendar year's round: this year's, as before
        assert model.data(model.index(rows["I.2"], 4), Qt.ItemDataRole.ToolTipRole) == \
            "Hạn của năm 2026: 30/06/2026 (mỗi năm một đợt, đến 30/06/2030)"
    finally:
        ActivitiesPage.search_debounce_ms = 150
        page.shutdown()


def test_the_workbook_s_activity_sheet_gives_the_school_year_s_due(ctx, tmp_path):
    from openpyxl import load_workbook

    from gbapp.exporters.workbook import write_workbook
    from gbapp.services.documents import collect_workbook

    data = collect_workbook(ctx.db, ctx.plan_id, today=TODAY)
    row = next(r for r in data.activities if r[0] == "I.1")
    assert row[6] == dt.date(2027, 5, 31)
    assert row[8] == "Hoàn thành đúng hạn"
    path = tmp_path / "so-lieu.xlsx"
    write_workbook(data, path)
    sheet = load_workbook(path)["Hoạt động"]
    values = [[c.value for c in line] for line in sheet.iter_rows()]
    header = next(v for v in values if "Hạn" in v)
    line = next(v for v in values if v[0] == "I.1")
    assert line[header.index("Hạn")] == dt.datetime(2027, 5, 31)
    assert line[header.index("Trạng thái")] == "Hoàn thành đúng hạn"
