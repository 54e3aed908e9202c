"""The indicators page on a 1366×768 laptop at 150 % scaling (a 911×512 window): the yearly
figures of the chosen indicator show three years at once (one showed, under a title wrapped on
four lines and a button on a line of its own), and 1366×768 keeps what it showed."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QPoint, QRect

from gbapp.domain.entities import IndicatorValue
from gbapp.store import indicators, open_database

SMALL = (911, 512)
SMALL_CLIENT_HEIGHT = 512 - 40 - 31  # a maximised window there: taskbar and title bar off


@pytest.fixture
def db_path(demo_db_file, tmp_path):
    """The demo with MT1's figures for four years."""
    path = tmp_path / "kh.db"
    shutil.copy(demo_db_file, path)
    db = open_database(path)
    mt1 = next(i for i in indicators.list_indicators(db) if i.code == "MT1")
    for year, value in ((2022, 55.0), (2023, 58.5)):
        indicators.save_value(db, IndicatorValue(indicator_id=mt1.id, year=year, value=value,
                                                 note="Báo cáo của Sở Nội vụ số 12/BC-SNV"))
    db.conn.commit()
    db.close()
    return path


@pytest.fixture
def open_window(qtbot, db_path):
    from gbapp.ui.main_window import MainWindow

    windows = []

    def make(size):
        win = MainWindow()
        qtbot.addWidget(win)
        win.resize(*size)
        assert win.open_database(db_path)
        win.show()
        qtbot.waitExposed(win)
        win.show_page("indicators")
        page = win.pages["indicators"]
        row = next(n for n, line in enumerate(page.model.rows()) if line.indicator.code == "MT1")
        page.table.selectRow(row)
        qtbot.wait(20)
        windows.append(win)
        return win, page

    yield make
    for win in windows:
        win.close_database()


def _inside(window, widget) -> bool:
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    return widget.isVisible() and window.rect().contains(rect)


def test_three_years_of_figures_show_at_911x512(open_window):
    window, page = open_window(SMALL)
    assert (window.width(), window.height()) == SMALL
    values = page.values
    assert page.values_model.rowCount() == 4
    assert values.verticalScrollBar().value() == 0
    third = values.rowViewportPosition(2) + values.rowHeight(2)
    assert third <= values.viewport().height(), (third, values.viewport().height())
    assert values.viewport().height() >= 3 * values.verticalHeader().defaultSectionSize()
    for widget in (values, page.entry, page.save_value_button, page.delete_value_button,
                   page.values_title, page.table):
        assert _inside(window, widget), widget
    # the assessment column is not pushed out of sight by a long note
    assessment = [page.values_model.headerData(c, page.values.horizontalHeader().orientation())
                  for c in range(page.values_model.columnCount())].index("Đánh giá")
    assert (values.columnViewportPosition(assessment) + values.columnWidth(assessment)
            <= values.viewport().width())
    # the title: two lines at the most, the whole name in its tooltip
    title = page.values_title
    name = page.form.name.toPlainText()
    assert title.toolTip() == f"MT1 — {name}"
    assert len(title.text().split("\n")) <= 2 and title.text().endswith("…")
    assert title.height() <= 2 * title.fontMetrics().lineSpacing() + 2
    # and the window still fits the laptop's screen, maximised under its taskbar
    assert window.minimumSizeHint().height() <= SMALL_CLIENT_HEIGHT


def test_at_1366x768_the_title_reads_whole_and_the_figures_keep_their_room(open_window):
    window, page = open_window((1366, 768))
    title = page.values_title
    assert "…" not in title.text()
    assert title.text().replace("\n", " ") == f"MT1 — {page.form.name.toPlainText()}"
    assert page.values.viewport().height() >= 8 * page.values.verticalHeader().defaultSectionSize()
    assert page.table.viewport().height() >= 9 * page.table.verticalHeader().defaultSectionSize()
    assert page.form.note.isVisible() and _inside(window, page.save_button)


def test_the_figures_keep_three_rows_when_the_window_is_made_shorter(open_window, qtbot):
    window, page = open_window((1366, 768))
    window.resize(*SMALL)
    qtbot.waitUntil(lambda: window.height() == SMALL[1])
    qtbot.wait(20)
    assert page.values.viewport().height() >= (
        3 * page.values.verticalHeader().defaultSectionSize())
    assert _inside(window, page.save_value_button)
