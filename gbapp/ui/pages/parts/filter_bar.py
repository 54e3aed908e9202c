"""A bar of filters on one row when there is room for it, else one row per group.

A 1366×768 laptop at 150 % scaling leaves about 900 logical pixels for the whole window: the
filters of a page laid out on one row there would hold the window wider than the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

Group = list[tuple[QWidget, int]]  # (widget, stretch) in reading order


def _min_width(widget: QWidget) -> int:
    """The width a layout will not squeeze *widget* below (as Qt's qSmartMinSize reads it)."""
    if widget.minimumWidth() > 0:
        return widget.minimumWidth()
    if widget.sizePolicy().horizontalPolicy().value & QSizePolicy.PolicyFlag.ShrinkFlag.value:
        return widget.minimumSizeHint().width()
    return widget.sizeHint().width()


class FilterBar(QWidget):
    """*groups* of widgets side by side on one row when the bar is as wide as their preferred
    sizes, each group on a row of its own when it is not. Its minimum width is that of the
    widest group: a page never holds the window wider than that, even while it is hidden in
    the window's stack (where it is not resized, and so keeps its last arrangement)."""

    def __init__(self, groups: list[Group], parent: QWidget | None = None, *,
                 group_spacing: int = 0):
        super().__init__(parent)
        self.groups = groups
        self.group_spacing = group_spacing  # more room between groups sharing one row
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.rows = [QHBoxLayout() for _ in groups]
        for row in self.rows:
            outer.addLayout(row)
        self._one_row: bool | None = None
        self.arrange(one_row=False)

    def is_one_row(self) -> bool:
        return bool(self._one_row)

    def arrange(self, one_row: bool) -> None:
        if one_row == self._one_row:
            return
        self._one_row = one_row
        for row in self.rows:
            while row.count():
                row.takeAt(0)  # widgets stay children of the bar; spacers are dropped
        for n, group in enumerate(self.groups):
            row = self.rows[0 if one_row else n]
            if one_row and n and self.group_spacing:
                row.addSpacing(self.group_spacing)
            for widget, stretch in group:
                row.addWidget(widget, stretch)
        for row in self.rows:  # a row where nothing stretches keeps its widgets at the left
            stretches = [row.stretch(i) for i in range(row.count())]
            if stretches and not any(stretches):
                row.addStretch(1)
        self.layout().invalidate()
        self.updateGeometry()

    def _spacing(self) -> int:
        spacing = self.rows[0].spacing()
        if spacing < 0:
            spacing = self.style().pixelMetric(self.style().PixelMetric.PM_LayoutHorizontalSpacing)
        return spacing

    def _width(self, widths) -> list[int]:
        spacing = self._spacing()
        shown = [[w for w, _s in group if not w.isHidden()] for group in self.groups]
        return [sum(widths(w) for w in group) + spacing * max(0, len(group) - 1)
                for group in shown]

    def one_row_width(self) -> int:
        """The width the groups want on one row: their preferred sizes (at their minimum sizes
        a search box would already be squeezed to a few letters)."""
        widths = self._width(lambda w: max(w.sizeHint().width(), _min_width(w)))
        spacing = self._spacing() + self.group_spacing
        return sum(widths) + spacing * (len(widths) - 1)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().minimumSizeHint()
        return QSize(max(self._width(_min_width)), hint.height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.arrange(one_row=event.size().width() >= self.one_row_width())
        super().resizeEvent(event)

    def event(self, event) -> bool:
        # a widget of the bar changed its size (a longer text in a label): arranged again
        if event.type() == QEvent.Type.LayoutRequest and self._one_row is not None:
            self.arrange(one_row=self.width() >= self.one_row_width())
        return super().event(event)
