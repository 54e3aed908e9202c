"""The activities page: search without diacritics, filters, banner, sorting, opening an item."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from gbapp.domain.model import Role, Status
from gbapp.store import activities, agencies, items
from gbapp.store.activities import ActivityFilter


@pytest.fixture
def page(qtbot, ctx):
    from gbapp.ui.pages.activities_page import ActivitiesPage

    ActivitiesPage.search_debounce_ms = 0
    widget = ActivitiesPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    ActivitiesPage.search_debounce_ms = 150


def _refs(page):
    return [page.model.row(r).ref for r in range(page.model.rowCount())]


def test_search_ignores_diacritics_and_case(qtbot, page, ctx):
    total = page.model.rowCount()
    assert total == 13 and not page.banner.isVisible()
    qtbot.keyClicks(page.search, "BINH DANG gioi")
    expected = [r.ref for r in activities.query(ctx.db, ctx.plan_id,
                                                ActivityFilter(text="bình đẳng giới"),
                                                today=dt.date.today())]
    assert 0 < len(expected) < total
    assert _refs(page) == expected
    assert page.banner.isVisible()
    assert page.banner_text.text() == f"Đang lọc: {len(expected)}/{total} hoạt động"
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    assert page.search.text() == "" and page.model.rowCount() == total
    assert not page.banner.isVisible()


def test_search_is_debounced(qtbot, ctx):
    from gbapp.ui.pages.activities_page import ActivitiesPage

    page = ActivitiesPage(ctx)
    qtbot.addWidget(page)
    page.search_debounce_ms = 50
    qtbot.keyClicks(page.search, "thang hanh dong")
    assert page.model.rowCount() == 13  # not yet
    qtbot.waitUntil(lambda: page.model.rowCount() < 13, timeout=2000)
    assert all(r.startswith("II.5") for r in _refs(page))


def test_agency_and_role_filters(qtbot, page, ctx):
    assert not page.role.isEnabled()  # a role means something only for a chosen agency
    snv = agencies.find_by_name(ctx.db, "Sở Nội vụ")
    page.agency.setCurrentIndex(page.agency.findData(snv))
    assert page.role.isEnabled()
    any_role = _refs(page)
    page.role.setCurrentIndex(page.role.findData(Role.LEAD))
    lead_only = _refs(page)
    assert lead_only and set(lead_only) <= set(any_role)
    assert all(page.model.row(r).lead == "Sở Nội vụ" for r in range(page.model.rowCount()))
    page.role.setCurrentIndex(page.role.findData(Role.COORDINATING))
    coordinating = _refs(page)
    assert not set(coordinating) & set(lead_only)
    assert page.banner.isVisible()
    names = [page.agency.itemText(i) for i in range(1, page.agency.count())]
    assert names == [a.name for a in agencies.list_agencies(ctx.db)]  # Vietnamese order


def test_status_and_due_filters(qtbot, page, ctx):
    page.model.fixed_today = dt.date(2025, 12, 1)
    for action in page.status.actions_:
        if page.status.value_of(action) is Status.DONE_ON_TIME:
            action.setChecked(True)
    rows = [page.model.row(r) for r in range(page.model.rowCount())]
    assert rows and all(r.status is Status.DONE_ON_TIME for r in rows), [
        (r.ref, r.status, page.model.filter.statuses) for r in rows]
    assert page.status.text() == "Trạng thái: Hoàn thành đúng hạn"
    page.status.set_checked(set())
    page.apply_filter()
    page.due_from.setText("1/12/2025")
    page.due_to.setText("20/12/2025")
    page.apply_filter()
    assert _refs(page) == ["II.5.a", "II.5.b"]
    page.due_to.setText("32/12/2025")  # invalid: shown in red, ignored until fixed
    page.apply_filter()
    assert "không có thật" in page.due_to.toolTip()
    assert page.current_filter().due_to is None  # only "from 01/12/2025" applies
    assert page.model.filter.due_from == dt.date(2025, 12, 1)


def test_status_colours(qtbot, page, ctx):
    page.model.fixed_today = dt.date(2025, 12, 5)  # II.5 due 15/12: within 14 days
    page.model.refresh()
    colours = {}
    for r in range(page.model.rowCount()):
        row = page.model.row(r)
        brush = page.model.data(page.model.index(r, 5), Qt.ItemDataRole.BackgroundRole)
        colours[row.status, row.due <= dt.date(2025, 12, 19) if row.due else False] = \
            brush.color().name() if brush else None
    from gbapp.ui.models.activity_table import DONE, DUE_SOON

    assert colours.get((Status.DONE_ON_TIME, False)) == DONE[0].name()
    soon = [page.model.row(r) for r in range(page.model.rowCount())
            if page.model.row(r).ref.startswith("II.5")]
    assert soon and all(r.status in (Status.NOT_STARTED, Status.IN_PROGRESS, Status.DONE_ON_TIME)
                        for r in soon)
    undone = [r for r in range(page.model.rowCount())
              if page.model.row(r).ref.startswith("II.5")
              and page.model.row(r).status in (Status.NOT_STARTED, Status.IN_PROGRESS)]
    for r in undone:
        brush = page.model.data(page.model.index(r, 5), Qt.ItemDataRole.BackgroundRole)
        assert brush.color().name() == DUE_SOON[0].name()
    page.model.fixed_today = dt.date(2026, 1, 10)
    page.model.refresh()
    overdue = [r for r in range(page.model.rowCount())
               if page.model.row(r).status is Status.OVERDUE]
    assert overdue
    brush = page.model.data(page.model.index(overdue[0], 5), Qt.ItemDataRole.BackgroundRole)
    assert brush.color().name() == "#f8d7da"


def test_painted_table_colours_only_the_status_cell(qtbot, page):
    """What the user sees: the status cell is coloured, the other cells of its row are not
    (the view reuses one role buffer from cell to cell; a stale colour would bleed over)."""
    from gbapp.ui.models.activity_table import DONE, DUE_SOON, OVERDUE

    page.model.fixed_today = dt.date(2026, 1, 10)
    page.model.refresh()
    page.table.clearSelection()
    page.table.setCurrentIndex(page.model.index(-1, -1))
    qtbot.wait(10)
    image = page.table.viewport().grab().toImage()
    status_colours = {c[0].name() for c in (OVERDUE, DUE_SOON, DONE)}
    painted = 0
    for r in range(page.model.rowCount()):
        if page.model.row(r).status is not Status.OVERDUE:
            continue
        status_rect = page.table.visualRect(page.model.index(r, 5))
        pixel = image.pixelColor(status_rect.right() - 3, status_rect.center().y()).name()
        assert pixel == OVERDUE[0].name()
        for col in range(5):
            rect = page.table.visualRect(page.model.index(r, col))
            assert image.pixelColor(rect.right() - 3, rect.center().y()).name() \
                not in status_colours, (r, col)
        painted += 1
    assert painted


def test_sort_by_column_in_sql(qtbot, page, ctx):
    page.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    leads = [page.model.row(r).lead for r in range(page.model.rowCount())]
    from gbapp.domain.text import vi_sort_key

    assert leads == sorted(leads, key=vi_sort_key, reverse=True)
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert _refs(page)[0] == "II.1.a"


def test_enter_and_double_click_open_item(qtbot, page, ctx):
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(2, 1))
    with qtbot.waitSignal(page.open_item) as signal:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert signal.args == [page.model.row(2).id]
    rect = page.table.visualRect(page.model.index(4, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.open_item) as signal:
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [page.model.row(4).id]


def test_paging_fetches_more_rows(qtbot, ctx):
    from PySide6.QtTest import QAbstractItemModelTester

    from gbapp.ui.models.activity_table import ActivityTableModel

    model = ActivityTableModel()
    model.PAGE = 5
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_plan(ctx.db, ctx.plan_id)
    assert model.rowCount() == 5 and model.total == 13 and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 13 and not model.canFetchMore()


def test_edits_elsewhere_refresh_the_list(qtbot, page, ctx):
    first = page.model.row(0)
    item = items.get(ctx.db, first.id)
    item.title = "Tiêu đề đã đổi"
    ctx.perform("Sửa hoạt động", lambda db: items.update(db, item))
    assert page.model.row(0).title == "Tiêu đề đã đổi"


def test_count_arrives_from_the_background(qtbot, ctx, demo_db_file):
    from gbapp.ui.models.activity_table import ActivityTableModel
    from gbapp.ui.models.counter import BackgroundCounter

    model = ActivityTableModel()
    model.PAGE = 5
    counter = BackgroundCounter(ctx.path)
    model.set_counter(counter)
    try:
        with qtbot.waitSignal(model.counts_changed, timeout=10000) as got:
            model.set_plan(ctx.db, ctx.plan_id)
            assert model.rowCount() == 5 and model.canFetchMore()  # count not known yet
        assert got.args == [13, 13]
        with qtbot.waitSignal(model.counts_changed, timeout=10000) as got:
            model.set_filter(ActivityFilter(text="binh dang"))
        assert got.args[0] == activities.count(ctx.db, ctx.plan_id,
                                               ActivityFilter(text="bình đẳng"),
                                               today=model.today)
    finally:
        counter.stop()


def test_filters_wrap_onto_two_rows_in_a_narrow_window(qtbot, page):
    """Every filter stays visible and usable when the window is half a laptop screen wide."""
    widgets = [page.search, page.agency, page.role, page.status, page.due_from, page.due_to,
               page.period]
    page.resize(1300, 700)
    qtbot.wait(20)
    assert len({w.geometry().center().y() for w in widgets}) == 1  # one row
    page.resize(640, 700)
    qtbot.wait(20)
    assert len({w.geometry().center().y() for w in widgets}) == 2  # two rows
    for w in widgets:
        assert w.isVisible() and w.geometry().right() <= page.width()
        assert w.width() >= w.minimumSizeHint().width()
    page.resize(1300, 700)
    qtbot.wait(20)
    assert len({w.geometry().center().y() for w in widgets}) == 1


def test_an_activity_without_a_written_time_shows_the_same_time_as_the_documents(
        qtbot, page, ctx):
    """The activities list, the plan tree and the documents say one thing for an activity
    that is due by the end of the plan's year: "Năm 2025", not a blank cell."""
    from gbapp.domain.timeframe import frame_text
    from gbapp.services.documents import time_text
    from gbapp.ui.models.plan_tree import time_frame_text

    by_ref = {i.ref: i for i in items.all_items(ctx.db, ctx.plan_id)}
    unwritten = [i for i in by_ref.values() if i.is_activity and not i.time_frame.text
                 and i.time_frame.end]
    assert unwritten, "the demo has activities due by the end of its year"
    shown = {page.model.row(r).ref: page.model.data(page.model.index(r, 3))
             for r in range(page.model.rowCount())}
    for item in unwritten:
        expected = time_text(item)
        assert expected == f"Năm {item.time_frame.end.year}"
        assert shown[item.ref] == expected == time_frame_text(item)
    assert frame_text("", None, dt.date(2025, 6, 30), False) == "Trước 30/06/2025"
    assert frame_text("", dt.date(2025, 3, 1), dt.date(2025, 6, 30), False) == \
        "01/03/2025 - 30/06/2025"
    assert frame_text("Quý II", dt.date(2025, 4, 1), dt.date(2025, 6, 30), False) == "Quý II"
    assert frame_text("", dt.date(2025, 1, 1), None, True) == "Thường xuyên"
