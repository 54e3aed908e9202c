"""A stacked horizontal bar chart of activities by status per lead agency, drawn with QPainter
(QtCharts is not part of PySide6-Essentials)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ....domain.model import STATUS_LABELS, Status
from .labels import STATUS_COLORS, STATUS_ORDER, tr

BAR_HEIGHT = 18
ROW_GAP = 8
MARGIN = 8


class StatusBarChart(QWidget):
    """One bar per lead agency, one coloured segment per status, the total at the bar's end."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._rows: list[tuple[str, dict[Status, int]]] = []
        self.empty_text = self.tr("Chưa có hoạt động nào được giao chủ trì.")  # with no bars
        # no fixed minimum height: the scroll area would take it for the chart's own (its
        # minimumSizeHint, every bar) and squeeze the bars of a long list out of reach
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_data(self, rows: list[tuple[str, dict[Status, int]]]) -> None:
        """(label, {status: count}) per bar, in display order."""
        self._rows = rows
        self.updateGeometry()
        self.update()

    def bars(self) -> list[tuple[str, dict[Status, int]]]:
        return list(self._rows)

    def _legend(self) -> list[tuple[float, float, Status]]:
        """(x, y, status) of each legend entry, wrapped to the widget's width."""
        fm = QFontMetrics(self.font())
        x, y, out = float(MARGIN), float(MARGIN), []
        for status in STATUS_ORDER:
            width = 14 + fm.horizontalAdvance(tr(STATUS_LABELS[status])) + 16
            if x > MARGIN and x + width > self.width() - MARGIN:
                x, y = float(MARGIN), y + fm.height() + 4
            out.append((x, y, status))
            x += width
        return out

    def _legend_height(self) -> int:
        fm = QFontMetrics(self.font())
        last_y = self._legend()[-1][1]
        return int(last_y) + fm.height() + MARGIN

    def sizeHint(self) -> QSize:
        rows = max(len(self._rows), 1)
        return QSize(600, self._legend_height() + rows * (BAR_HEIGHT + ROW_GAP) + 2 * MARGIN + 16)

    def minimumSizeHint(self) -> QSize:
        return QSize(300, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        fm = QFontMetrics(self.font())
        text_color = self.palette().text().color()

        # Legend across the top.
        for x, y, status in self._legend():
            painter.fillRect(QRectF(x, y + (fm.height() - 10) / 2, 10, 10), STATUS_COLORS[status])
            painter.setPen(text_color)
            painter.drawText(int(x + 14), int(y + fm.ascent()), tr(STATUS_LABELS[status]))

        if not self._rows:
            painter.setPen(text_color)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return

        top = self._legend_height()
        label_width = min(max(fm.horizontalAdvance(label) for label, _ in self._rows) + 12,
                          int(self.width() * 0.38))
        total_width = fm.horizontalAdvance("0000") + 8
        left = MARGIN + label_width
        plot_width = max(self.width() - left - total_width - MARGIN, 40)
        biggest = max(sum(c.values()) for _, c in self._rows) or 1
        scale = plot_width / biggest

        # Light vertical grid at whole numbers (every 1, 2, 5 or 10 activities).
        step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 10**9) if biggest / s <= 10)
        bottom = top + len(self._rows) * (BAR_HEIGHT + ROW_GAP)
        painter.setPen(QPen(QColor("#e0e0e0"), 1))
        for tick in range(0, biggest + 1, step):
            gx = left + tick * scale
            painter.drawLine(int(gx), top - 2, int(gx), bottom)
        painter.setPen(QColor("#757575"))
        for tick in range(0, biggest + 1, step):
            gx = left + tick * scale
            painter.drawText(QRectF(gx - 20, bottom, 40, fm.height()),
                             Qt.AlignmentFlag.AlignHCenter,
                             str(tick))

        for n, (label, counts) in enumerate(self._rows):
            y = top + n * (BAR_HEIGHT + ROW_GAP)
            painter.setPen(text_color)
            shown = fm.elidedText(label, Qt.TextElideMode.ElideRight, label_width - 8)
            painter.drawText(QRectF(MARGIN, y, label_width - 8, BAR_HEIGHT),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, shown)
            x = float(left)
            for status in STATUS_ORDER:
                count = counts.get(status, 0)
                if not count:
                    continue
                width = count * scale
                painter.fillRect(QRectF(x, y, width, BAR_HEIGHT), STATUS_COLORS[status])
                if width >= fm.horizontalAdvance(str(count)) + 6:
                    painter.setPen(QColor("white"))
                    painter.drawText(QRectF(x, y, width, BAR_HEIGHT), Qt.AlignmentFlag.AlignCenter,
                                     str(count))
                x += width
            painter.setPen(text_color)
            painter.drawText(QRectF(x + 4, y, total_width, BAR_HEIGHT),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             str(sum(counts.values())))
        painter.end()
