"""IndicatorsPage.select_indicator: another page (the overview) shows an indicator there, judged
for the year it was judged for; unsaved edits are settled first, as a click in the table would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from gbapp.store import indicators


@pytest.fixture
def page(qtbot, ctx):
    from gbapp.ui.pages.indicators_page import IndicatorsPage

    widget = IndicatorsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def by_code(ctx, code: str) -> int:
    return next(i.id for i in indicators.list_indicators(ctx.db) if i.code == code)


def test_shows_the_indicator_for_the_year(page, ctx):
    page.year.setValue(2024)
    target = by_code(ctx, "MT3.2")
    page.select_indicator(target, 2025)
    assert page.year.value() == 2025
    assert page._line().id == target and page.form.code.text() == "MT3.2"
    rows = page.table.selectionModel().selectedRows()
    assert [page.model.row_at(i.row()).id for i in rows] == [target]
    assert page.values_title.text().startswith("MT3.2 — ")
    assert page.entry.year.text() == "2025"


def test_none_keeps_the_indicator_shown(page, ctx):
    shown = page._line().id
    page.select_indicator(None, 2024)
    assert page._line().id == shown and page.year.value() == 2024


def test_unsaved_edits_are_asked_about_first(page, ctx, answers):
    page.form.unit.selectAll()
    for ch in "người":
        QTest.sendKeyEvent(QTest.KeyAction.Click, page.form.unit, Qt.Key.Key_unknown, ch,
                           Qt.KeyboardModifier.NoModifier)
    answers.replies.append("cancel")
    page.select_indicator(by_code(ctx, "MT3.2"), 2026)
    assert answers.asked and "MT1" in answers.asked[0]
    assert page.form.code.text() == "MT1" and page.form.unit.text() == "người"
    assert page.year.value() == 2025  # nothing changed while the user stays
    answers.replies.append("save")
    page.select_indicator(by_code(ctx, "MT3.2"), 2026)
    assert page.form.code.text() == "MT3.2" and page.year.value() == 2026
    assert next(i for i in indicators.list_indicators(ctx.db) if i.code == "MT1").unit == "người"


def test_the_main_window_routes_a_page_s_request(qtbot, demo_db_file, tmp_path):
    import shutil

    from gbapp.ui.app import start

    path = tmp_path / "kh93.db"
    shutil.copy(demo_db_file, path)
    win = start(path)
    qtbot.addWidget(win)
    try:
        target = by_code(win.ctx, "MT2.3")
        win.open_indicator(target, 2024)
        page = win.pages["indicators"]
        assert win.stack.currentWidget() is page
        assert win.nav.currentItem().text().endswith("Chỉ tiêu")
        assert page._line().id == target and page.year.value() == 2024
    finally:
        win.close()
