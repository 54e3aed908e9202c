"""The plan's information tab on the screens the app is used on, and walked with Tab."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication


@pytest.fixture
def window(qtbot, demo_db_file, tmp_path):
    from gbapp.ui.main_window import MainWindow

    path = tmp_path / "kh.db"
    shutil.copy(demo_db_file, path)
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_database(path)
    yield win
    win.close()


def _shown(qtbot, window, width, height):
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    page = window.pages["plan"]
    page.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    return page


@pytest.mark.parametrize("width, height", [(1366, 768), (1024, 600)])
def test_plan_information_fits_its_tab_without_sideways_scrolling(qtbot, window, width, height):
    """The dates and years shared one row, the signer's three fields another: the form was
    wider than its tab even at 1366 px, cutting off the last year, the signer's name and the
    «Lưu thông tin kế hoạch» button (and a message under the number)."""
    page = _shown(qtbot, window, width, height)
    scroll = page.tabs.currentWidget()
    assert not scroll.horizontalScrollBar().isVisible()
    viewport = scroll.viewport()
    form = page.plan_form
    for widget in (form.number, form.year_to, form.signer, form.signer_title, form.save_button):
        right = widget.mapTo(viewport, QPoint(widget.width(), 0)).x()
        assert right <= viewport.width(), widget
    assert form.signer.width() >= 150  # room for a name


def test_tab_walks_the_plan_information_as_it_reads(qtbot, window):
    page = _shown(qtbot, window, 1366, 768)
    form = page.plan_form
    form.number.setFocus()
    qtbot.waitUntil(form.number.hasFocus)
    seen = [form.number]
    for _ in range(10):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        seen.append(focus.parentWidget() if focus.parentWidget() in (form.year, form.year_to)
                    else focus)  # a spin box's line edit stands for the box
    assert seen == [form.number, form.issued_on, form.effective_on, form.year, form.year_to,
                    form.issuer, form.place, form.signer, form.signer_authority,
                    form.signer_title, form.title]
