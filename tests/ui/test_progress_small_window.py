"""The progress page on a 1366×768 laptop at 150 % scaling (a 911×512 window): the report form
lays its fields one a row instead of in pairs (a «Đề xuất, kiến nghị» box 90 pixels wide), so
the activities' list beside it shows its four columns, and the Save button with the word that
the report was saved stays in sight under the form, which scrolls. 1366×768 keeps the pairs and
the button just under the form."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QLabel

SMALL = (911, 512)
AFTER_THE_PLAN = dt.date(2026, 3, 1)


@pytest.fixture
def open_window(qtbot, demo_db_file, tmp_path):
    from gbapp.ui.main_window import MainWindow

    path = tmp_path / "kh.db"
    shutil.copy(demo_db_file, path)
    windows = []

    def make(size):
        win = MainWindow()
        qtbot.addWidget(win)
        win.resize(*size)
        assert win.open_database(path)
        win.show()
        qtbot.waitExposed(win)
        win.show_page("progress")
        qtbot.wait(20)
        windows.append(win)
        return win, win.pages["progress"]

    yield make
    for win in windows:
        win.close_database()


def _rect(widget, window) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _top(widget) -> int:
    return widget.mapTo(widget.window(), QPoint(0, 0)).y()


def _in_sight(widget, window) -> bool:
    """Shown, inside the window and not scrolled out of a scroll area's view."""
    if not widget.isVisible() or not window.rect().contains(_rect(widget, window)):
        return False
    parent = widget.parentWidget()
    while parent is not None:
        if parent.objectName() == "qt_scrollarea_viewport":
            return parent.rect().contains(QRect(widget.mapTo(parent, QPoint(0, 0)),
                                                widget.size()))
        parent = parent.parentWidget()
    return True


def _form_labels(form) -> list[QLabel]:
    return [label for label in form.findChildren(QLabel)
            if label.isVisible() and label.text() and label not in form.errors.labels.values()
            and label is not form.hint]


def test_at_911x512_the_fields_are_one_a_row_and_save_stays_in_sight(open_window, qtbot):
    window, page = open_window(SMALL)
    form = page.form
    assert (window.width(), window.height()) == SMALL
    # each field as wide as the others, not a box beside its pair
    assert form.proposals.width() == form.difficulties.width() == form.result.width()
    assert form.proposals.width() >= 250
    assert _top(form.proposals) > _top(form.difficulties)  # under it
    for label in _form_labels(form):  # no label cut short
        assert label.width() >= label.minimumSizeHint().width(), label.text()
    assert form.width() <= page.form_scroll.viewport().width()  # nothing cut on the right
    # the save button, outside the scrolling form, in sight however the form is scrolled
    for position in (0, page.form_scroll.verticalScrollBar().maximum()):
        page.form_scroll.verticalScrollBar().setValue(position)
        assert _in_sight(form.save_button, window)
        assert _rect(form.save_button, window).top() >= _rect(page.form_scroll, window).bottom()
    # the activities' list shows its four columns, the report's status among them
    assert page.model.columnCount() == 4
    _four_columns_fit(page)


def test_at_911x512_saving_says_so_in_sight(open_window, qtbot):
    """Ctrl+S in the first fields, the form scrolled to its top: the word that the report was
    saved shows (it was under the form, out of sight)."""
    window, page = open_window(SMALL)
    page.today = lambda: AFTER_THE_PLAN  # the activity is overdue: a long status
    page.form.result.setFocus()
    qtbot.waitUntil(page.form.result.hasFocus)
    page.form.result.setPlainText("Đã tổ chức 2 hội nghị tuyên truyền.")
    page.form_scroll.verticalScrollBar().setValue(0)
    qtbot.keyClick(page.form.result, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(20)
    assert page.saved_label.text().startswith("Đã lưu báo cáo")
    assert page.model.data(page.model.index(0, 3)) == "Quá hạn chưa hoàn thành"
    assert page.form_scroll.verticalScrollBar().value() == 0
    assert _in_sight(page.saved_label, window) and _in_sight(page.form.save_button, window)
    # a long status now in the list ("Quá hạn chưa hoàn thành") is cut short, not the titles
    _four_columns_fit(page)


def _four_columns_fit(page) -> None:
    table, header = page.table, page.table.horizontalHeader()
    assert sum(table.columnWidth(c) for c in range(4)) <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0
    for column in range(4):  # every column's title reads whole ("Hoạt động" was "at độ")
        assert table.columnWidth(column) >= header.sectionSizeHint(column), column


def test_at_1366x768_the_pairs_stay_and_save_is_just_under_the_form(open_window, qtbot):
    window, page = open_window((1366, 768))
    form = page.form
    assert _top(form.proposals) == _top(form.difficulties)  # side by side, as before
    assert _top(form.percent) == _top(form.status)
    form_bottom = _rect(form, window).bottom()
    save_top = _rect(form.save_button, window).top()
    assert 0 <= save_top - form_bottom <= 40  # under the form, not at the foot of the box
    assert page.form_scroll.verticalScrollBar().maximum() == 0  # the form shows whole
    page.today = lambda: AFTER_THE_PLAN
    form.result.setPlainText("Đã tổ chức 2 hội nghị.")  # saved: the status reads whole
    form.save_button.click()
    qtbot.wait(20)
    assert page.model.data(page.model.index(0, 3)) == "Quá hạn chưa hoàn thành"
    assert page.table.columnWidth(3) >= page.table.sizeHintForColumn(3)
    # error lines make the form taller: the button moves down under them, still in sight
    form.percent.setText("50")
    form.participants.setText("100")
    form.men.setText("80")
    form.women.setText("70")
    form.completed_on.setText("31/02/2025")
    form.save_button.click()
    qtbot.wait(50)
    shown = [label for label in form.errors.labels.values() if not label.isHidden()]
    assert len(shown) >= 3
    lowest = max(_rect(label, window).bottom() for label in shown)
    assert _rect(form.save_button, window).top() > lowest
    assert page.form_scroll.verticalScrollBar().maximum() == 0
    assert _in_sight(form.save_button, window)


def test_the_form_lays_itself_out_again_when_the_window_changes(open_window, qtbot):
    window, page = open_window((1366, 768))
    form = page.form
    assert _top(form.proposals) == _top(form.difficulties)
    window.resize(*SMALL)
    qtbot.waitUntil(lambda: _top(form.proposals) > _top(form.difficulties))
    assert form.proposals.width() == form.difficulties.width()
    assert _in_sight(form.save_button, window)
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: _top(form.proposals) == _top(form.difficulties))
    assert not form.is_narrow()
