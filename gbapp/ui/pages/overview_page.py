"""OverviewPage: counts by status, a chart by lead agency, how the indicators stand, what is
overdue, who has not reported."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_date
from ...domain.model import STATUS_LABELS, Status
from ...services import overview
from ..context import AppContext
from ..workers import LatestLoader
from .parts.column_split import ColumnSplit
from .parts.indicator_summary import IndicatorSummary
from .parts.labels import STATUS_COLORS, STATUS_ORDER, tr
from .parts.large_plans import ReadsLargePlansInBackground
from .parts.status_chart import StatusBarChart
from .parts.table_model import Column, RowsModel

log = logging.getLogger(__name__)


class CountCard(QFrame):
    """A big number with its caption and a coloured edge."""

    def __init__(self, caption: str, color: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.setStyleSheet(f"#card {{ border: 1px solid #d0d0d0; border-left: 5px solid {color};"
                           " border-radius: 4px; background: palette(base); }")
        self.number = QLabel("0")
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setStyleSheet(f"color: {color};")
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)

    def set_count(self, count: int) -> None:
        self.number.setText(str(count))


def _table(model: RowsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setWordWrap(False)
    view.setCursor(Qt.CursorShape.PointingHandCursor)
    return view


class OverviewPage(ReadsLargePlansInBackground, QWidget):
    """Where the plan stands today; every row is one click from its form."""


    open_item = Signal(int)  # an activity's id: the main window shows its form
    open_agency = Signal(int, object)  # agency id, period id: the main window shows its reports
    # indicator id (None: none in particular), evaluation year: the main window shows it
    open_indicator = Signal(object, object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.today = dt.date.today  # replaced in tests
        self._period_id: int | None = None
        self._own: set[int] = set()  # the department itself, among those yet to report
        self._stale = False  # changed while hidden: computed again when shown
        self.loader = LatestLoader(self._show, self._failed, self)
        self.loader.running_changed.connect(self._running_changed)
        self._shown_plan: int | None = -1  # whose figures the page shows (-1: nobody's yet)
        self.updating = QLabel(self.tr("Đang cập nhật số liệu…"))
        self.updating.setStyleSheet("color: palette(mid);")
        self.updating.hide()

        self.total_card = CountCard(self.tr("Tổng số hoạt động"), "#455a64")
        self.cards: dict[Status, CountCard] = {
            s: CountCard(tr(STATUS_LABELS[s]), STATUS_COLORS[s].name()) for s in STATUS_ORDER}
        cards = QHBoxLayout()
        cards.addWidget(self.total_card)
        for card in self.cards.values():
            cards.addWidget(card)

        self.chart = StatusBarChart()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.chart)
        chart_box = QGroupBox(self.tr("Hoạt động theo cơ quan chủ trì"))
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.addWidget(scroll)
        self.indicators = IndicatorSummary()
        # under the chart, as high as they need while the chart keeps half the column; on a
        # short window both scroll, and the user may move the split
        self.left = ColumnSplit(chart_box, self.indicators)

        self.overdue_model = RowsModel([
            Column(self.tr("Mục"), lambda r: r.ref),
            Column(self.tr("Hoạt động"), lambda r: r.title),
            Column(self.tr("Chủ trì"), lambda r: r.lead),
            Column(self.tr("Hạn"), lambda r: format_date(r.due)),
        ], parent=self)
        self.overdue = _table(self.overdue_model)
        header = self.overdue.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.overdue_box = QGroupBox()
        overdue_layout = QVBoxLayout(self.overdue_box)
        overdue_layout.addWidget(self.overdue)

        self.period = QComboBox()
        # as wide as a short name, not as the longest a province gave a period (the list that
        # opens and the tooltip show it whole); the due date wraps rather than squeeze it
        self.period.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.period.setMinimumContentsLength(14)
        self.due_label = QLabel()
        self.due_label.setWordWrap(True)  # the date on its first line, whole
        self.due_label.setMinimumWidth(
            self.due_label.fontMetrics().horizontalAdvance(self.tr("Hạn nộp 00/00/0000")) + 4)
        self.unreported_model = RowsModel([
            Column(self.tr("Cơ quan"), lambda r: r[1] + (
                self.tr(" (cơ quan mình: chưa cập nhật kết quả)") if r[0] in self._own else "")),
            Column(self.tr("Chưa báo cáo / số HĐ"), lambda r: f"{r[2]}/{r[3]}",
                   align=Qt.AlignmentFlag.AlignRight),
        ], id_of=lambda r: r[0], parent=self)
        self.unreported = _table(self.unreported_model)
        uheader = self.unreported.horizontalHeader()
        uheader.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        uheader.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.unreported_box = QGroupBox()
        unreported_layout = QGridLayout(self.unreported_box)
        unreported_layout.addWidget(QLabel(self.tr("Kỳ báo cáo")), 0, 0)
        unreported_layout.addWidget(self.period, 0, 1)
        unreported_layout.addWidget(self.due_label, 0, 2)
        unreported_layout.setColumnStretch(1, 1)
        unreported_layout.addWidget(self.unreported, 1, 0, 1, 3)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.overdue_box)
        right.addWidget(self.unreported_box)
        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(self.left)
        main.addWidget(right)
        main.setSizes([620, 720])
        layout = QVBoxLayout(self)
        layout.addLayout(cards)
        layout.addWidget(self.updating)
        layout.addWidget(main, 1)

        self.overdue.clicked.connect(lambda index: self._open_overdue(index.row()))
        self.overdue.activated.connect(lambda index: self._open_overdue(index.row()))
        self.unreported.clicked.connect(lambda index: self._open_unreported(index.row()))
        self.unreported.activated.connect(lambda index: self._open_unreported(index.row()))
        self.period.currentIndexChanged.connect(lambda _i: self._period_chosen())
        self.indicators.open_indicator.connect(
            lambda ident: self.open_indicator.emit(ident, self.indicators.year))
        ctx.data_changed.connect(self._data_changed)
        ctx.plan_changed.connect(lambda _id: self._data_changed())
        self.reload()

    def reload(self) -> None:
        """Compute the figures again: at once on a plan of ordinary size; from
        `background_from` activities in a worker thread on a reader of its own (the figures
        shown stay until the new ones arrive)."""
        self._stale = False
        plan_id, today = self.ctx.plan_id, self.today()
        if self.ctx.period_id is not None:  # the period last chosen, here or on another page
            self._period_id = self.ctx.period_id  # (one of another plan: load() ignores it)
        if self.in_background(plan_id):
            if self._shown_plan != plan_id:  # not the previous plan's figures, nor zeros
                self._computing_look()
            self.loader.request(self.ctx.path, overview.load, plan_id, today, self._period_id)
        else:
            self.loader.invalidate()  # a read still running is for an older state
            self._show(overview.load(self.ctx.db, plan_id, today, self._period_id))

    def _failed(self, exc: BaseException) -> None:
        log.warning("overview not updated: %s", exc)
        self.updating.setText(self.tr("Không cập nhật được số liệu tổng quan: {0}").format(exc))
        self.updating.show()

    def _running_changed(self, running: bool) -> None:
        self.updating.setText(self.tr("Đang cập nhật số liệu…"))
        self.updating.setVisible(running)

    def _computing_look(self) -> None:
        self.total_card.number.setText("…")
        for card in self.cards.values():
            card.number.setText("…")
        self.chart.empty_text = self.tr("Đang tính…")
        self.chart.set_data([])
        self.overdue_model.set_rows([])
        self.overdue_box.setTitle(self.tr("Hoạt động quá hạn chưa hoàn thành"))
        self.unreported_model.set_rows([])
        self.unreported_box.setTitle(self.tr("Cơ quan chưa báo cáo đủ"))
        self.indicators.computing()

    def _show(self, data: overview.Overview) -> None:
        self._shown_plan = data.plan_id
        self.chart.empty_text = self.tr("Chưa có hoạt động nào được giao chủ trì.")
        self.total_card.set_count(sum(data.counts.values()))
        for status, card in self.cards.items():
            card.set_count(data.counts.get(status, 0))

        bars: dict[str, dict[Status, int]] = {}
        for lead, status, n in data.by_lead:
            bars.setdefault(lead or self.tr("(Chưa giao chủ trì)"), {})[status] = n
        self.chart.set_data(list(bars.items()))
        if data.indicators is not None:
            self.indicators.show_standing(data.indicators)
            self.left.fit()  # as many names as there are now

        self.overdue_model.set_rows(data.overdue)
        self.overdue_box.setTitle(self.tr("Hoạt động quá hạn chưa hoàn thành ({0})")
                                  .format(len(data.overdue)))

        period = data.period
        self._period_id = period.id if period else None
        self.period.blockSignals(True)
        self.period.clear()
        for p in data.periods:
            self.period.addItem(p.name, p.id)
        self.period.setCurrentIndex(self.period.findData(self._period_id))
        self.period.setToolTip(self.period.currentText())
        self.period.blockSignals(False)

        self._own = data.own
        self.unreported_model.set_rows(data.unreported)
        late = period is not None and period.due_on is not None and period.due_on < self.today()
        self.due_label.setText(
            (self.tr("Hạn nộp {0} — đã quá hạn") if late else self.tr("Hạn nộp {0}"))
            .format(format_date(period.due_on)) if period and period.due_on else "")
        self.due_label.setStyleSheet("color: #c62828;" if late else "")
        if period is None:  # "(0)" would read as "everyone has reported"
            self.unreported_box.setTitle(self.tr(
                "Cơ quan chưa báo cáo đủ — chưa có kỳ báo cáo: thêm kỳ ở trang Tiến độ"))
        else:
            # counted as the report counts them: not the department itself (marked in the list)
            self.unreported_box.setTitle(
                self.tr("Cơ quan chưa báo cáo đủ ({0})").format(
                    len(data.unreported) - len(data.own)))

    def _period_chosen(self) -> None:
        self._period_id = self.ctx.period_id = self.period.currentData()
        self.reload()

    def _open_overdue(self, row: int) -> None:
        if row >= 0:
            self.open_item.emit(self.overdue_model.row_at(row).id)

    def _open_unreported(self, row: int) -> None:
        if row >= 0:
            self.open_agency.emit(self.unreported_model.row_at(row)[0], self._period_id)
