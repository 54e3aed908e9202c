"""Tooltips for the cells a narrow column cuts short ("Sở Văn hóa, Thể th…"), and only those."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QToolTip


class ElidedTipDelegate(QStyledItemDelegate):
    """The model gives a cell's whole text as its tooltip; the tooltip is shown when the cell
    shows less than that (elided by the view, or shortened by the model), not over a cell that
    already reads whole."""

    def shows_whole(self, option: QStyleOptionViewItem, index) -> bool:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        tip = index.data(Qt.ItemDataRole.ToolTipRole)
        if not isinstance(tip, str) or opt.text != tip:
            return False
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is None:
            return False
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        return opt.fontMetrics.horizontalAdvance(opt.text) <= rect.width() - 2 * margin

    def helpEvent(self, event, view, option, index) -> bool:  # noqa: N802 - Qt override
        if event is not None and event.type() == QEvent.Type.ToolTip and index.isValid() \
                and self.shows_whole(option, index):
            QToolTip.hideText()
            return True
        return super().helpEvent(event, view, option, index)
