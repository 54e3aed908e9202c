"""Two boxes one above the other sharing a column: the lower as high as it needs while the upper
keeps half the column at least (or all it needs, if less); both scroll on a short window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget


class ColumnSplit(QSplitter):
    """A vertical splitter that places its split itself (on resize, and on `fit()` when the
    lower box's content changed) until the user drags it; from then on the split is theirs."""

    def __init__(self, upper: QWidget, lower: QWidget, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setChildrenCollapsible(False)
        self.addWidget(upper)
        self.addWidget(lower)
        self.setStretchFactor(0, 1)
        self.user_placed = False
        self.splitterMoved.connect(self._dragged)  # (not emitted by setSizes)

    def _dragged(self, _pos: int, _index: int) -> None:
        self.user_placed = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        if self.user_placed or self.height() <= 0:
            return
        upper, lower = self.widget(0), self.widget(1)
        room = self.height() - self.handleWidth()
        wanted = lower.heightForWidth(self.width()) if lower.hasHeightForWidth() else -1
        if wanted < 0:
            wanted = lower.sizeHint().height()
        wanted = min(wanted, lower.maximumHeight())
        upper_keeps = min(upper.sizeHint().height(), room // 2)
        low = max(min(wanted, room - upper_keeps), lower.minimumSizeHint().height())
        self.setSizes([max(room - low, 0), low])
