"""The overview's indicators box: counts by assessment for the evaluation year, and the
indicators at risk or not met by name, each one click from the indicators page."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QGroupBox, QHeaderView, QLabel, QVBoxLayout, QWidget

from ....domain.status import Assessment
from ....services.overview import ASSESSMENT_ORDER, IndicatorStanding
from ...widgets.tables import read_only_table
from .labels import ASSESSMENT_COLORS, tr
from .table_model import Column, RowsModel

LISTED = 5  # indicators named; the rest are counted


def _color(assessment: str) -> str:
    """As the indicators page colours it: grey for what cannot be judged yet."""
    return ASSESSMENT_COLORS.get(assessment, ASSESSMENT_COLORS[Assessment.UNKNOWN]).name()


class IndicatorSummary(QGroupBox):
    """Counts by assessment, then the indicators behind (at risk first), LISTED at most."""

    open_indicator = Signal(object)  # an indicator's id; None: the indicators page's list

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Chỉ tiêu"), parent)
        self.year: int | None = None
        self.counts = QLabel()
        self.counts.setWordWrap(True)  # between two counts, never inside a label
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.model = RowsModel([
            Column(self.tr("Mã"), lambda r: r[0].code),
            Column(self.tr("Chỉ tiêu"), lambda r: r[0].name, tooltip=lambda r: r[0].name),
            Column(self.tr("Đánh giá"), lambda r: tr(r[1]),
                   color=lambda r: ASSESSMENT_COLORS.get(r[1]), bold=lambda r: True),
        ], id_of=lambda r: r[0].id, parent=self)
        self.table = read_only_table(self.model)
        self.table.setCursor(Qt.CursorShape.PointingHandCursor)
        self.table.horizontalHeader().hide()  # code, name, assessment: plain without titles
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel()  # the rest counted, none behind, or no indicators at all
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setTextInteractionFlags(  # its link reached with Tab too
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addWidget(self.counts)
        layout.addWidget(self.table)
        layout.addWidget(self.message)

        self.table.clicked.connect(lambda index: self._open(index.row()))
        self.table.activated.connect(lambda index: self._open(index.row()))
        self.message.linkActivated.connect(lambda _link: self.open_indicator.emit(None))

    def computing(self) -> None:
        self.setTitle(self.tr("Chỉ tiêu"))
        self.counts.setText(self.tr("Đang tính…"))
        self.counts.show()
        self.model.set_rows([])
        self.table.hide()
        self.message.clear()
        self.message.hide()

    def show_standing(self, standing: IndicatorStanding) -> None:
        self.year = standing.year
        total = standing.total
        self.setTitle(self.tr("Chỉ tiêu — đánh giá năm {0} ({1} chỉ tiêu)")
                      .format(standing.year, total))
        link = self.tr("<a href='indicators'>trang Chỉ tiêu</a>")
        if total == 0:
            self.counts.hide()
            self.model.set_rows([])
            self.table.hide()
            self.message.setText(self.tr("Chưa có chỉ tiêu nào. Thêm chỉ tiêu ở {0}.")
                                 .format(link))
            self.message.show()
            return
        shown = [a for a in ASSESSMENT_ORDER
                 if a != Assessment.NO_TOTAL or standing.counts.get(a, 0)]
        self.counts.setText(" &nbsp;·&nbsp; ".join(
            f"<span style='color:{_color(a)}'><b>{standing.counts.get(a, 0)}</b>"
            f"&nbsp;{escape(tr(a)).replace(' ', '&nbsp;')}</span>" for a in shown))
        self.counts.show()
        listed = standing.behind[:LISTED]
        self.model.set_rows(listed)
        # as high as its rows, no blank below; on a short window one at least (the rest
        # scroll), the chart above keeping its room
        self.table.setMinimumHeight(self._rows_height(min(len(listed), 1)))
        self.table.setMaximumHeight(self._rows_height(len(listed)))
        self.table.setVisible(bool(listed))
        rest = len(standing.behind) - len(listed)
        if not standing.behind:
            self.message.setText(self.tr(
                "Không có chỉ tiêu nào có nguy cơ không đạt hoặc chưa đạt năm {0}.")
                .format(standing.year))
        elif rest:
            self.message.setText(self.tr("… và {0} chỉ tiêu khác: xem {1}.")
                                 .format(rest, link))
        else:
            self.message.clear()
        self.message.setVisible(bool(self.message.text()))

    def minimumSizeHint(self) -> QSize:
        """As high as the counts and the message take at the box's width (they wrap): the
        splitter never squeezes the box below it, where they would overlap the list."""
        hint = super().minimumSizeHint()
        if self.width() > 0:
            hint.setHeight(max(hint.height(),
                               self.layout().totalMinimumHeightForWidth(self.width())))
        return hint

    def _rows_height(self, rows: int) -> int:
        return rows * self.table.verticalHeader().defaultSectionSize() + 2 * self.table.frameWidth()

    def _open(self, row: int) -> None:
        if row >= 0:
            self.open_indicator.emit(self.model.row_at(row)[0].id)
