"""A form that scrolls up and down when the window is not tall enough for it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QWidget


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


class FittingScrollArea(QScrollArea):
    """A frameless scroll area as tall as its widget when there is room (Qt's own asks for 24
    lines at the most), so that what comes under it in a layout (a form's Save button) sits
    just under the form on a large screen and stays in sight on a short one, where the form
    scrolls. Vertical scrolling only; as wide as the widget needs at the least."""

    def __init__(self, widget: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidget(widget)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(widget.minimumSizeHint().width() + self._bar_width())

    def _bar_width(self) -> int:
        return self.verticalScrollBar().sizeHint().width()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's names, here and below)
        hint = super().sizeHint()
        widget = self.widget()
        if widget is None:
            return hint
        # the height at the width left beside a scroll bar: never a bar for want of a line
        width = max(self.width(), self.minimumWidth()) - 2 * self.frameWidth() - self._bar_width()
        height = widget.heightForWidth(width) if widget.hasHeightForWidth() else -1
        if height < 0:
            height = widget.sizeHint().height()
        return QSize(hint.width(), height + 2 * self.frameWidth())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # wrapped text: another width, another height

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the widget grew or shrank (an error line shown)
        return super().viewportEvent(event)
