"""Ctrl+S saves the form the cursor is in, on every page, as it does the item and report forms."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from gbapp.store import agencies, indicators, plans

CTRL = Qt.KeyboardModifier.ControlModifier



def _type_then_ctrl_s(qtbot, widget, text):
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    widget.selectAll()
    for ch in text:  # as a Vietnamese keyboard sends it: the letter as the key's text
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, ch))
    qtbot.keyClick(widget, Qt.Key.Key_S, CTRL)


def test_ctrl_s_saves_the_plan_information(qtbot, window):
    page = window.pages["plan"]
    page.tabs.setCurrentIndex(1)
    _type_then_ctrl_s(qtbot, page.plan_form.signer, "Nguyễn Thị Bích")
    assert plans.get(window.ctx.db, window.ctx.plan_id).signer == "Nguyễn Thị Bích"
    assert not page.plan_form.is_dirty()
    assert "Ctrl+S" in page.plan_form.save_button.toolTip()


def test_ctrl_s_saves_an_agency(qtbot, window):
    window.show_page("agencies")
    page = window.pages["agencies"]
    page.table.selectRow(0)
    agency_id = page.form.agency_id()
    _type_then_ctrl_s(qtbot, page.form.short_name, "Ban VSTBPN tỉnh")
    assert agencies.get(window.ctx.db, agency_id).short_name == "Ban VSTBPN tỉnh"
    assert not page.form.is_dirty()


def test_ctrl_s_saves_an_indicator_and_its_yearly_figure(qtbot, window):
    window.show_page("indicators")
    page = window.pages["indicators"]
    indicator_id = page._selected
    _type_then_ctrl_s(qtbot, page.form.unit, "phần trăm")
    assert indicators.get(window.ctx.db, indicator_id).unit == "phần trăm"
    year = int(page.entry.year.text())
    _type_then_ctrl_s(qtbot, page.entry.note, "Báo cáo số 45/BC-SNV")
    stored = {v.year: v for v in indicators.values(window.ctx.db, indicator_id)}
    assert stored[year].note == "Báo cáo số 45/BC-SNV"
