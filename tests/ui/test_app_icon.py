"""The windows carry gbapp's icon (title bar, taskbar), in every size Windows asks for."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, QTranslator
from PySide6.QtGui import QIcon, QImageReader
from PySide6.QtWidgets import QApplication, QWidget

from gbapp import paths
from gbapp.ui.app import create_application


@pytest.fixture
def app(qapp):
    """create_application() on the test's QApplication, its icon and translators undone after."""
    translators = set(qapp.findChildren(QTranslator))
    app = create_application([])
    yield app
    app.setWindowIcon(QIcon())
    for translator in set(app.findChildren(QTranslator)) - translators:
        app.removeTranslator(translator)


def test_the_application_has_a_window_icon_in_several_sizes(app, qtbot):
    icon = QApplication.windowIcon()
    assert not icon.isNull()
    sizes = set(icon.availableSizes())
    assert {QSize(n, n) for n in (16, 24, 32, 48, 256)} <= sizes
    window = QWidget()
    qtbot.addWidget(window)
    assert window.windowIcon().cacheKey() == icon.cacheKey()  # every window gets it


def test_the_ico_file_holds_each_size_drawn_for_it(qapp):
    reader = QImageReader(str(paths.resource("app", "gbapp.ico")))
    assert reader.imageCount() == 6
    sizes = []
    for i in range(reader.imageCount()):
        assert reader.jumpToImage(i)
        image = reader.read()
        assert not image.isNull() and image.hasAlphaChannel()
        sizes.append((image.width(), image.height()))
        # the right way up: the red tile above, the yellow bar in the lower quarter
        s = image.width()
        tile = image.pixelColor(s // 2, s // 4)
        assert tile.red() > 100 > tile.green()
        assert image.pixelColor(s // 2, int(s * 0.77)).green() > 120
    assert sizes == [(n, n) for n in (16, 24, 32, 48, 64, 256)]
