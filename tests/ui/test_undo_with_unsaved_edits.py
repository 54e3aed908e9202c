"""Undo and redo while a form holds unsaved edits: asked first, as before any other change of
what a form shows; then the form shows the undone state, never the edits typed over it."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from gbapp.store import items, plans, progress

CTRL = Qt.KeyboardModifier.ControlModifier
ITEM_QUESTION = "Mục II.1.a đang sửa chưa được lưu. Lưu lại trước khi tiếp tục?"


@pytest.fixture
def window(qtbot, demo_db_file, tmp_path):
    from gbapp.ui.main_window import MainWindow

    path = tmp_path / "kh.db"
    shutil.copy(demo_db_file, path)
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_database(path)
    win.show()
    qtbot.waitExposed(win)
    win.windowHandle().requestActivate()  # as the window manager would: shortcuts work
    qtbot.waitUntil(win.isActiveWindow, timeout=2000)
    yield win
    win.close()


def _item_by_ref(db, ref):
    return next(i for i in items.all_items(db, plans.latest_id(db)) if i.ref == ref)


def _type(qtbot, widget, text):
    """Replace what *widget* holds by *text*, typed key by key as a Vietnamese keyboard sends
    it (each letter as the key's text)."""
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, ch))


def test_a_report_dropped_before_another_plan_is_not_saved(qtbot, window, answers):
    """«Không lưu» asked before the plan page shows another plan drops the report being typed:
    the progress page no longer saves it anyway when the plan changes."""
    window.show_page("progress")
    page = window.pages["progress"]
    line = page._current_line()
    agency, period = page._agency_id, page._period_id
    _type(qtbot, page.form.result, "Kết quả không muốn lưu")
    window.show_page("plan")
    answers.replies.append("discard")
    window.pages["plan"].new_plan()
    assert len(answers.asked) == 1
    assert plans.get(window.ctx.db, window.ctx.plan_id).title == "Kế hoạch mới"
    assert not any(r.item_id == line.id
                   for r in progress.for_period(window.ctx.db, period, agency))
