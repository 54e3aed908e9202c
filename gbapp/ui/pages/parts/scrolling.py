"""A form that scrolls up and down when the window is not tall enough for it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def scrolling(widget: QWidget) -> QScrollArea:
    """*widget* in a frameless scroll area that scrolls vertically only, as wide as the widget
    needs. A 1366×768 laptop at 150 % scaling leaves a page about 350 pixels of height: a form
    that may not shrink below its own height held the window taller than the screen, its
    buttons under the taskbar."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setMinimumWidth(widget.minimumSizeHint().width()
                         + area.verticalScrollBar().sizeHint().width())
    return area
