"""The overview's indicators box: counts by assessment, the indicators behind by name, each one
click from the indicators page with that indicator shown; an empty state in Vietnamese."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from gbapp.domain.entities import Indicator, IndicatorValue
from gbapp.store import indicators, open_database

TODAY = dt.date(2025, 12, 31)


def add(db, code: str, figure: dict | None = None, **fields) -> int:
    ind_id = indicators.save(db, Indicator(code=code, name=f"Chỉ tiêu thử {code}", **fields))
    if figure is not None:
        indicators.save_value(db, IndicatorValue(indicator_id=ind_id, year=2025, **figure))
    return ind_id


def add_states(db) -> dict[str, int]:
    """Beside the demo's nine (2 met, 7 not met in 2025): at risk, no figure, no target."""
    return {
        "risk": add(db, "KT1", {"value": 20}, baseline=10, baseline_year=2020,
                    targets={2030: 60}),
        "unknown": add(db, "KT3", targets={2025: 50}),
        "no_target": add(db, "KT4", {"value": 5}),
    }


def plain(label) -> str:
    doc = QTextDocument()
    doc.setHtml(label.text())
    return " ".join(doc.toPlainText().split())  # (no-break spaces as spaces)


@pytest.fixture
def ids(demo_db):
    return add_states(demo_db)


@pytest.fixture
def page(qtbot, ctx, ids):
    from gbapp.ui.pages.overview_page import OverviewPage

    widget = OverviewPage(ctx)
    widget.today = lambda: TODAY
    widget.reload()
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_counts_by_assessment_for_the_plans_year(page):
    box = page.indicators
    assert box.title() == "Chỉ tiêu — đánh giá năm 2025 (12 chỉ tiêu)"
    assert plain(box.counts) == ("2 Đạt · 1 Có nguy cơ không đạt · 7 Chưa đạt · "
                                 "1 Chưa có số liệu · 1 Chưa có mục tiêu")


def test_those_behind_named_at_risk_first_the_rest_counted(page, ctx, ids):
    box = page.indicators
    names = [box.model.data(box.model.index(r, 1)) for r in range(box.model.rowCount())]
    assert names[0] == "Chỉ tiêu thử KT1"
    assert box.model.data(box.model.index(0, 2)) == "Có nguy cơ không đạt"
    assert {box.model.data(box.model.index(r, 2)) for r in range(1, 5)} == {"Chưa đạt"}
    not_met = [ind.name for ind in indicators.list_indicators(ctx.db)
               if ind.code.startswith("MT")]
    assert names[1:] == [n for n in not_met if n in names[1:]] and len(names) == 5
    assert box.table.isVisible()
    assert box.message.isVisible()
    assert plain(box.message) == "… và 3 chỉ tiêu khác: xem trang Chỉ tiêu."


def test_a_click_on_a_name_asks_for_that_indicator_and_year(qtbot, page, ids):
    view = page.indicators.table
    rect = view.visualRect(view.model().index(0, 1))
    with qtbot.waitSignal(page.open_indicator, timeout=1000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [ids["risk"], 2025]
    with qtbot.waitSignal(page.open_indicator, timeout=1000) as blocker:
        page.indicators.message.linkActivated.emit("indicators")
    assert blocker.args == [None, 2025]


def test_a_saved_figure_shows_at_once(page, ctx, ids):
    ctx.perform("Lưu số liệu", lambda db: indicators.save_value(
        db, IndicatorValue(indicator_id=ids["risk"], year=2025, value=59)))
    assert "2 Chưa có số liệu" not in plain(page.indicators.counts)
    assert plain(page.indicators.counts).startswith("2 Đạt · 0 Có nguy cơ không đạt · 8 Chưa đạt")


def delete_all_but(ctx, *codes: str) -> None:
    def delete(db) -> None:
        for ind in indicators.list_indicators(db):
            if ind.code not in codes:
                indicators.delete(db, ind.id)

    ctx.perform("Xóa chỉ tiêu", delete)


def test_one_behind_then_none_at_all(page, ctx):
    box = page.indicators
    delete_all_but(ctx, "KT4", "MT1")
    assert box.table.isVisible() and box.model.rowCount() == 1
    assert not box.message.isVisible()  # one behind, named: nothing more to say
    delete_all_but(ctx)
    assert box.title() == "Chỉ tiêu — đánh giá năm 2025 (0 chỉ tiêu)"
    assert not box.counts.isVisible() and not box.table.isVisible()
    assert box.message.isVisible()
    assert plain(box.message) == "Chưa có chỉ tiêu nào. Thêm chỉ tiêu ở trang Chỉ tiêu."


def test_none_behind(page, ctx):
    box = page.indicators
    delete_all_but(ctx, "KT4", "MT2.3")  # no target; met
    assert plain(box.counts) == ("1 Đạt · 0 Có nguy cơ không đạt · 0 Chưa đạt · "
                                 "0 Chưa có số liệu · 1 Chưa có mục tiêu")
    assert not box.table.isVisible() and box.message.isVisible()
    assert plain(box.message) == (
        "Không có chỉ tiêu nào có nguy cơ không đạt hoặc chưa đạt năm 2025.")


def test_the_year_is_the_indicators_pages(qtbot, page, ctx):
    from gbapp.ui.pages.indicators_page import IndicatorsPage

    other = IndicatorsPage(ctx)
    qtbot.addWidget(other)
    assert page.indicators.year == other.year.value()


@pytest.fixture
def window(qtbot, demo_db_file, tmp_path):
    from gbapp.ui.app import start

    path = tmp_path / "kh93.db"
    shutil.copy(demo_db_file, path)
    db = open_database(path)
    try:
        with db.atomic():  # as the app saves (targets are written in the same transaction)
            ids = add_states(db)
    finally:
        db.close()
    win = start(path)
    qtbot.addWidget(win)
    qtbot.waitExposed(win)
    yield win, ids
    win.close()


def test_the_main_window_shows_the_indicator_chosen(qtbot, window):
    win, ids = window
    win.show_page("indicators")
    indicators_page = win.pages["indicators"]
    indicators_page.year.setValue(2024)  # the clerk looked at another year there
    win.show_page("overview")
    overview = win.pages["overview"]
    view = overview.indicators.table
    rect = view.visualRect(view.model().index(0, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.stack.currentWidget() is indicators_page
    assert indicators_page.year.value() == 2025  # judged as the overview judged it
    line = indicators_page._line()
    assert line.id == ids["risk"] and line.assessment == "Có nguy cơ không đạt"
    selected = indicators_page.table.selectionModel().selectedRows()
    assert [indicators_page.model.row_at(i.row()).id for i in selected] == [ids["risk"]]
    assert indicators_page.form.code.text() == "KT1"

    win.show_page("overview")
    overview.indicators.message.linkActivated.emit("indicators")
    assert win.stack.currentWidget() is indicators_page
    assert indicators_page._line().id == ids["risk"]  # none in particular: as it was


@pytest.mark.parametrize("size", [(911, 441), (911, 512), (1366, 768)],
                         ids=lambda s: f"{s[0]}x{s[1]}")
def test_it_fits_beside_the_chart(qtbot, window, size):
    """A maximised window on a 1366×768 laptop at 150 % (911×441 inside), the screenshots'
    911×512, and 1366×768: the box's parts never overlap, none is cut off, the chart keeps
    its share; on a large screen every name listed shows."""
    from PySide6.QtCore import QPoint, QRect

    win, _ids = window
    win.resize(*size)
    win.show_page("overview")
    qtbot.wait(20)
    page = win.pages["overview"]
    box = page.indicators
    chart_box = page.left.widget(0)

    def rect(widget):
        return QRect(widget.mapTo(box, QPoint(0, 0)), widget.size())

    parts = [box.counts, box.table, box.message]
    assert all(p.isVisible() for p in parts)
    for upper, lower in zip(parts, parts[1:], strict=False):
        assert rect(upper).bottom() < rect(lower).top(), (upper, lower)
    assert all(box.rect().contains(rect(p)) for p in parts)
    assert box.table.height() >= box.table.verticalHeader().defaultSectionSize()  # a name
    # half the column, or all the chart needs, unless the box's own minimum takes more
    room = page.left.height() - page.left.handleWidth()
    assert chart_box.height() >= min(chart_box.sizeHint().height(), room // 2,
                                     room - box.minimumSizeHint().height())
    assert chart_box.height() >= chart_box.minimumSizeHint().height()
    if size == (1366, 768):
        assert box.table.viewport().height() >= 5 * box.table.rowHeight(0)  # all five
        assert chart_box.height() >= chart_box.sizeHint().height()  # every bar


def test_the_chart_scrolls_when_its_bars_do_not_fit(qtbot, page):
    """Thirty lead agencies: the chart keeps its height and scrolls, no bar out of reach."""
    from gbapp.domain.model import Status

    page.chart.set_data([(f"Cơ quan {n}", {Status.DONE_ON_TIME: 1}) for n in range(30)])
    qtbot.wait(20)
    scroll = page.chart.parentWidget().parentWidget()
    assert page.chart.height() >= page.chart.sizeHint().height()
    assert scroll.verticalScrollBar().isVisible() and scroll.verticalScrollBar().maximum() > 0


def test_a_split_moved_by_the_user_stays(qtbot, page):
    left = page.left
    total = sum(left.sizes())
    left.moveSplitter(total - 80, 1)  # as a drag of the handle does
    moved = left.sizes()
    page.resize(1300, 760)
    qtbot.wait(20)
    page.reload()
    assert left.user_placed and left.sizes()[1] == moved[1]
