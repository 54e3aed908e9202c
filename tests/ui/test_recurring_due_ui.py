"""What a clerk sees in July 2025 of a 2021 - 2030 programme's "hằng năm" activities: the
activities page's «Hạn» is this year's round's due (30/06/2025, not 30/06/2030), its filter and
sort follow it, the round past its due is "Quá hạn" on the page and the overview, and the
activity form says what the due of this year's round is. Real database, real widgets."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from gbapp.domain.model import Status
from gbapp.importers import parse_plan_text
from gbapp.services.importing import store_plan
from gbapp.store import items, open_database

TODAY = dt.date(2025, 7, 10)

PROGRAMME = """ỦY BAN NHÂN DÂN
TỈNH PHÚ YÊN
Số: 18/KH-UBND
Phú Yên, ngày 25 tháng 02 năm 2021
KẾ HOẠCH
Thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030
I. NHIỆM VỤ
1. Tổ chức truyền thông về bình đẳng giới. Sở Văn hóa, Thể thao và Du lịch chủ trì thực hiện. Thời gian: Quý II hằng năm.
2. Tập huấn kiến thức về giới cho cán bộ. Sở Nội vụ chủ trì thực hiện. Thời gian: Hằng năm.
3. Tổng hợp báo cáo kết quả thực hiện. Sở Y tế chủ trì thực hiện. Thời gian: hằng năm, trước 15/12.
4. Xây dựng bộ tài liệu hướng dẫn. Sở Nội vụ chủ trì thực hiện. Thời gian: năm 2025.
"""


@pytest.fixture
def ctx(qapp, tmp_path):
    from gbapp.ui.context import AppContext

    path = tmp_path / "py.db"
    db = open_database(path)
    store_plan(db, parse_plan_text(PROGRAMME))
    db.conn.commit()
    context = AppContext(db, path)
    yield context
    db.close()


@pytest.fixture
def page(qtbot, ctx):
    from gbapp.ui.pages.activities_page import ActivitiesPage

    ActivitiesPage.search_debounce_ms = 0
    widget = ActivitiesPage(ctx)
    qtbot.addWidget(widget)
    widget.model.fixed_today = TODAY
    widget.model.refresh()
    widget.resize(1300, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    ActivitiesPage.search_debounce_ms = 150
    widget.shutdown()


def _table(page) -> dict[str, tuple[str, str]]:
    """ref -> (the «Hạn» cell, the status cell) as the table shows them."""
    model = page.model
    assert model.headerData(4, Qt.Orientation.Horizontal) == "Hạn"
    return {model.data(model.index(r, 0)): (model.data(model.index(r, 4)),
                                           model.data(model.index(r, 5)))
            for r in range(model.rowCount())}


def test_the_due_column_shows_this_year_s_round(page):
    assert _table(page) == {"I.1": ("30/06/2025", "Quá hạn chưa hoàn thành"),
                            "I.2": ("31/12/2025", "Chưa triển khai"),
                            "I.3": ("15/12/2025", "Chưa triển khai"),
                            "I.4": ("31/12/2025", "Chưa triển khai")}
    model = page.model
    tip = model.data(model.index(0, 4), Qt.ItemDataRole.ToolTipRole)
    assert tip == "Hạn của năm 2025: 30/06/2025 (mỗi năm một đợt, đến 30/06/2030)"
    # the time column still says the activity as written
    assert model.data(model.index(0, 3)) == "Quý II hằng năm"
    # a one-year task's due needs no word
    assert model.data(model.index(3, 4), Qt.ItemDataRole.ToolTipRole) == "31/12/2025"


def test_the_due_filter_and_the_due_sort_follow_the_round(qtbot, page):
    page.due_from.setText("1/12/2025")
    page.due_to.setText("31/12/2025")
    page.apply_filter()
    assert sorted(_table(page)) == ["I.2", "I.3", "I.4"]
    assert page.banner_text.text() == "Đang lọc: 3/4 hoạt động"
    assert "đợt năm nay" in page.due_from.toolTip()
    page.clear_filters()
    page.table.horizontalHeader().setSortIndicator(4, Qt.SortOrder.AscendingOrder)
    assert [page.model.row(r).ref for r in range(page.model.rowCount())] == [
        "I.1", "I.3", "I.2", "I.4"]


def test_the_overview_counts_and_lists_the_round_past_its_due(qtbot, ctx):
    from gbapp.ui.pages.overview_page import OverviewPage

    widget = OverviewPage(ctx)
    qtbot.addWidget(widget)
    widget.today = lambda: TODAY
    widget.reload()
    widget.show()
    qtbot.waitUntil(lambda: widget.overdue_model.rowCount() == 1, timeout=3000)
    assert widget.cards[Status.OVERDUE].number.text() == "1"
    assert widget.overdue_model.data(widget.overdue_model.index(0, 3)) == "30/06/2025"


def test_the_form_says_the_due_of_this_year_s_round(qtbot, ctx):
    from gbapp.ui.forms.activity_form import ActivityForm

    form = ActivityForm()
    qtbot.addWidget(form)
    form.fixed_today = TODAY
    form.show()
    by_ref = {i.ref: i for i in items.all_items(ctx.db, ctx.plan_id)}
    form.load(by_ref["I.1"], year=2021, year_to=2030)
    assert (form.start.text(), form.end.text(), form.recurring.isChecked()) == (
        "01/04/2021", "30/06/2030", True)
    assert form.round_note.isVisible()
    assert form.round_note.text() == (
        "Hạn của năm 2025: 30/06/2025 (mỗi năm một đợt, đến 30/06/2030)")
    form.load(by_ref["I.4"], year=2021, year_to=2030)  # "năm 2025": its last day is its due
    assert not form.round_note.isVisible()
    form.load(by_ref["I.3"], year=2021, year_to=2030)
    assert form.round_note.text().startswith("Hạn của năm 2025: 15/12/2025")
    form.recurring.setChecked(False)  # not recurring any more: 15/12/2030 is its due
    assert not form.round_note.isVisible()


def test_the_progress_page_judges_a_report_by_the_period_s_round(qtbot, ctx):
    """A "Quý II hằng năm" round done on 05/07/2025 is "Hoàn thành quá hạn" on the progress
    page, as on the activities page and in the report (it said "đúng hạn": judged by the
    programme's last day, 30/06/2030)."""
    from gbapp.domain.entities import Period, ProgressReport
    from gbapp.store import agencies, periods, progress
    from gbapp.ui.pages.progress_page import ProgressPage

    db = ctx.db
    ctx.plan_id = db.execute("SELECT id FROM plans").fetchone()[0]
    period = ctx.perform("Thêm kỳ", lambda d: periods.save(d, Period(
        plan_id=ctx.plan_id, name="Năm 2025", kind="year", start_on=dt.date(2025, 1, 1),
        end_on=dt.date(2025, 12, 31), due_on=dt.date(2025, 12, 5))))
    culture = next(a.id for a in agencies.list_agencies(db) if a.name.startswith("Sở Văn hóa"))
    first = db.execute("SELECT id FROM items WHERE ref = 'I.1'").fetchone()[0]
    ctx.perform("Báo cáo", lambda d: progress.save(d, ProgressReport(
        item_id=first, agency_id=culture, period_id=period, status=Status.DONE_ON_TIME,
        percent=100, completed_on=dt.date(2025, 7, 5))))
    page = ProgressPage(ctx)
    qtbot.addWidget(page)
    page.today = lambda: TODAY
    page.reload()
    page.period.setCurrentIndex(page.period.findText("Năm 2025"))
    page.agency.set_current_id(culture)
    page.reload()
    model = page.model
    row = model.row_of_id(first)
    assert model.data(model.index(row, 3)) == "Hoàn thành quá hạn"


@pytest.mark.parametrize("completed, today, expected", [
    # the 2025 round finished in January 2026, reported for "Năm 2025": done late, not on time
    (dt.date(2026, 1, 5), dt.date(2026, 1, 10), "Hoàn thành quá hạn"),
    # a 2025 report saying done in 2024 (a status carried from last year): the 2025 round is
    # still to do, overdue after 30/06/2025
    (dt.date(2024, 11, 20), dt.date(2025, 12, 20), "Quá hạn chưa hoàn thành"),
])
def test_the_progress_page_reads_a_round_as_the_report_does(qtbot, ctx, tmp_path, completed,
                                                            today, expected):
    """The progress page and the year's report agree on a round done in another year than the
    period's (a review found each case stated differently on the two)."""
    from gbapp.domain.entities import Period, ProgressReport
    from gbapp.services import documents
    from gbapp.store import agencies, periods, progress
    from gbapp.ui.pages.progress_page import ProgressPage

    db = ctx.db
    ctx.plan_id = db.execute("SELECT id FROM plans").fetchone()[0]
    period = ctx.perform("Thêm kỳ", lambda d: periods.save(d, Period(
        plan_id=ctx.plan_id, name="Năm 2025", kind="year", start_on=dt.date(2025, 1, 1),
        end_on=dt.date(2025, 12, 31), due_on=dt.date(2025, 12, 15))))
    culture = next(a.id for a in agencies.list_agencies(db) if a.name.startswith("Sở Văn hóa"))
    first = db.execute("SELECT id FROM items WHERE ref = 'I.1'").fetchone()[0]
    ctx.perform("Báo cáo", lambda d: progress.save(d, ProgressReport(
        item_id=first, agency_id=culture, period_id=period, status=Status.DONE_ON_TIME,
        percent=100, completed_on=completed)))
    report = documents.collect_report(db, ctx.plan_id, period, today=today)
    entry = next(e for e in report.items if e.item.id == first)
    lead_line = next(a for a in entry.agencies if a.report is not None)
    from gbapp.domain.model import STATUS_LABELS

    assert STATUS_LABELS[lead_line.status] == expected
    page = ProgressPage(ctx)
    qtbot.addWidget(page)
    page.today = lambda: today
    page.period.setCurrentIndex(page.period.findText("Năm 2025"))
    page.agency.set_current_id(culture)
    page.reload()
    model = page.model
    assert model.data(model.index(model.row_of_id(first), 3)) == expected
