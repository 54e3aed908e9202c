"""Every activity of the plan in one table: search-as-you-type and filters, all done in SQL."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import DateError
from ...domain.model import ROLE_LABELS, STATUS_LABELS, Role, Status
from ...store import agencies, periods
from ...store.activities import ActivityFilter
from ..context import AppContext
from ..models.activity_table import ID_ROLE, ActivityTableModel
from ..widgets.check_menu import CheckMenuButton
from ..widgets.date_edit import DateEdit
from ..widgets.tables import read_only_table
from .parts.elided_tips import ElidedTipDelegate
from .parts.filter_bar import FilterBar

# The widths of the columns other than the activity's title (which takes the rest) when the
# table has room for them; on a small screen they give way (down to _narrowest) until the title
# has TITLE_SHARE of the table. A cell cut short shows its whole text as a tooltip.
WIDTHS = {0: 80, 2: 200, 3: 130, 4: 90, 5: 175}
TITLE_SHARE = 0.35


class ActivitiesPage(QWidget):
    open_item = Signal(int)  # the user wants this item in the plan page's form
    status_message = Signal(str)

    search_debounce_ms = 150  # typing pauses this long before the query runs (0: at once)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = ActivityTableModel(self)
        if ctx.path.is_file():  # large plans count their matches off the GUI thread
            from ..models.counter import BackgroundCounter

            self.counter = BackgroundCounter(ctx.path, self)
            self.model.set_counter(self.counter)
            QApplication.instance().aboutToQuit.connect(self.shutdown)
        else:
            self.counter = None
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.timeout.connect(self.apply_filter)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Tìm hoạt động, có dấu hoặc không (Ctrl+F)…"))
        self.search.setClearButtonEnabled(True)
        self.agency = QComboBox(self)
        self.agency.setMinimumContentsLength(22)
        self.agency.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.role = QComboBox(self)
        self.role.addItem(self.tr("Vai trò bất kỳ"), None)
        for role in Role:
            self.role.addItem(self.tr(ROLE_LABELS[role]), role)
        self.status = CheckMenuButton(self.tr("Trạng thái"), self.tr("tất cả"), self)
        for status in Status:
            self.status.add_option(self.tr(STATUS_LABELS[status]), status)
        self.due_from = DateEdit(self)
        self.due_to = DateEdit(self)
        for edit in (self.due_from, self.due_to):
            edit.setMaximumWidth(105)
        # a recurring activity is filtered by the due of this year's round, as «Hạn» shows it
        self._due_tip = self.tr("Hạn của hoạt động; hoạt động hằng năm, thường xuyên: hạn của "
                                "đợt năm nay")
        for edit in (self.due_from, self.due_to):
            edit.setToolTip(self._due_tip)
        self.period = QComboBox(self)
        # as wide as a short name, not as the longest one a province gave a period (a combo
        # sized to its contents held the window wider than a laptop screen); the list that
        # opens shows the names whole, and so does the tooltip
        self.period.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.period.setMinimumContentsLength(16)

        self.banner = QFrame(self)
        self.banner.setObjectName("filterBanner")
        self.banner.setStyleSheet("#filterBanner { background: #fff3cd; border: 1px solid #e0c36c;"
                                  " border-radius: 3px; }")
        self.banner_text = QLabel(self.banner)
        self.clear_button = QPushButton(self.tr("Bỏ lọc"), self.banner)
        self.clear_button.setToolTip(self.tr("Bỏ mọi điều kiện lọc (Ctrl+Shift+L)"))
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(8, 2, 8, 2)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.clear_button)
        self.banner.hide()

        self.table = read_only_table(self.model, self)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setItemDelegate(ElidedTipDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        chars = self.table.fontMetrics().averageCharWidth()
        self._narrowest = {  # a reference, a date and a few words of the others stay readable
            0: 7 * chars + 16, 2: 14 * chars + 16, 3: 11 * chars + 16,
            4: self.table.fontMetrics().horizontalAdvance("31/12/2025") + 16, 5: 16 * chars + 16}
        self._narrowest = {c: min(w, WIDTHS[c]) for c, w in self._narrowest.items()}
        self._widths_chosen = False  # the user set the widths: they are not fitted any more
        self._fitting = False
        for column, width in WIDTHS.items():
            self.table.setColumnWidth(column, width)
        header.sectionResized.connect(self._section_resized)
        self.table.viewport().installEventFilter(self)
        self.count_label = QLabel(self)

        # The filters sit on one row, or on two when the window is too narrow for one (a
        # window snapped to half of a screen, a laptop at 150 % scaling).
        self.filters = FilterBar([
            [(self.search, 3), (self.agency, 2), (self.role, 0)],
            [(self.status, 0), (QLabel(self.tr("Hạn từ"), self), 0), (self.due_from, 0),
             (QLabel(self.tr("đến"), self), 0), (self.due_to, 0), (self.period, 1)]], self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        for first, second in ((self.search, self.agency), (self.agency, self.role),
                              (self.role, self.status), (self.status, self.due_from),
                              (self.due_from, self.due_to), (self.due_to, self.period),
                              (self.period, self.table)):
            QWidget.setTabOrder(first, second)

        self.search.textChanged.connect(self._search_edited)
        self.search.returnPressed.connect(self._search_now)
        for combo in (self.agency, self.role, self.period):
            combo.currentIndexChanged.connect(self.apply_filter)
        for combo in (self.agency, self.period):
            combo.currentIndexChanged.connect(self._name_tips)
        self.status.changed.connect(self.apply_filter)
        for edit in (self.due_from, self.due_to):
            edit.editingFinished.connect(self.apply_filter)
        self.clear_button.clicked.connect(self.clear_filters)
        self.table.activated.connect(self._activated)
        self.model.counts_changed.connect(self._show_counts)
        self._update_role()
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.activated.connect(self._focus_search)
        clear = QShortcut(QKeySequence("Ctrl+Shift+L"), self)
        clear.activated.connect(self.clear_filters)
        ctx.data_changed.connect(self.reload)
        ctx.plan_changed.connect(lambda _id: self.load_plan())
        self.load_plan()

    # -- loading ------------------------------------------------------------------------------
    def load_plan(self) -> None:
        self._fill_choices()
        self.model.filter = self.current_filter()
        self.model.set_plan(self.ctx.db, self.ctx.plan_id)

    def _fill_choices(self) -> None:
        db = self.ctx.db
        for combo in (self.agency, self.period):
            combo.blockSignals(True)
        keep_agency, keep_period = self.agency.currentData(), self.period.currentData()
        self.agency.clear()
        self.agency.addItem(self.tr("Tất cả cơ quan"), None)
        for agency in agencies.list_agencies(db):
            self.agency.addItem(agency.name, agency.id)
        self.period.clear()
        self.period.addItem(self.tr("Mọi kỳ báo cáo"), None)
        if self.ctx.plan_id is not None:
            for period in periods.list_periods(db, self.ctx.plan_id):
                self.period.addItem(period.name, period.id)
        self.agency.setCurrentIndex(max(0, self.agency.findData(keep_agency)))
        self.period.setCurrentIndex(max(0, self.period.findData(keep_period)))
        for combo in (self.agency, self.period):
            combo.blockSignals(False)
        self._name_tips()

    def _name_tips(self) -> None:
        """A long name the combo cuts short reads whole in its tooltip."""
        for combo in (self.agency, self.period):
            combo.setToolTip(combo.currentText() if combo.currentIndex() > 0 else "")

    def reload(self) -> None:
        """After an edit, undo or redo: the same filter over the new data."""
        self._fill_choices()
        keep = self.current_id()
        self.model.refresh()
        if keep is not None:
            row = self.model.row_of(keep)
            if row >= 0:
                self.table.selectRow(row)

    # -- filtering ----------------------------------------------------------------------------
    def current_filter(self) -> ActivityFilter:
        """The filter the widgets describe (invalid dates are ignored until fixed)."""
        def date_of(edit: DateEdit):
            try:
                return edit.date()
            except DateError:
                return None

        statuses = set(self.status.checked())
        return ActivityFilter(text=self.search.text(), agency_id=self.agency.currentData(),
                              role=self.role.currentData() if self.role.isEnabled() else None,
                              statuses=statuses,
                              due_from=date_of(self.due_from), due_to=date_of(self.due_to),
                              period_id=self.period.currentData())

    def _search_edited(self, _text: str) -> None:
        if self.search_debounce_ms <= 0:
            self.apply_filter()
        else:
            self._debounce.start(self.search_debounce_ms)

    def _search_now(self) -> None:
        self._debounce.stop()
        self.apply_filter()

    def _update_role(self) -> None:
        """A role is a role of the chosen agency: without one, the role choice means nothing."""
        has_agency = self.agency.currentData() is not None
        self.role.setEnabled(has_agency)
        self.role.setToolTip("" if has_agency else self.tr("Chọn một cơ quan để lọc theo vai trò"))

    def apply_filter(self) -> None:
        self._update_role()
        self._debounce.stop()
        for edit in (self.due_from, self.due_to):
            edit.setStyleSheet("border: 1px solid #b00020;" if edit.error() else "")
            edit.setToolTip(edit.error() or self._due_tip)
        self.model.set_filter(self.current_filter())
        self.table.scrollToTop()

    def clear_filters(self) -> None:
        """One action that removes every condition."""
        for widget in (self.search, self.agency, self.role, self.period):
            widget.blockSignals(True)
        self.search.clear()
        self.agency.setCurrentIndex(0)
        self.role.setCurrentIndex(0)
        self.period.setCurrentIndex(0)
        self.status.set_checked(set())
        self.due_from.clear()
        self.due_to.clear()
        for widget in (self.search, self.agency, self.role, self.period):
            widget.blockSignals(False)
        self.apply_filter()

    def _show_counts(self, shown: int, total: int) -> None:
        active = self.model.filter.is_active()
        self.banner.setVisible(active)
        if active:
            self.banner_text.setText(self.tr("Đang lọc: %1/%2 hoạt động")
                                     .replace("%1", f"{shown:,}".replace(",", "."))
                                     .replace("%2", f"{total:,}".replace(",", ".")))
        self.count_label.setText(self.tr("%1 hoạt động").replace("%1",
                                                                 f"{shown:,}".replace(",", ".")))

    # -- opening ------------------------------------------------------------------------------
    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.data(index, ID_ROLE) if index.isValid() else None

    def _activated(self, index) -> None:
        item_id = self.model.data(index, ID_ROLE)
        if item_id is not None:
            self.open_item.emit(item_id)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def shutdown(self) -> None:
        """Stop the background counter (the window calls this before closing the database)."""
        if self.counter is not None:
            self.counter.stop()

    # -- column widths ------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """The columns at WIDTHS when the title keeps TITLE_SHARE of the table, else narrower
        (each in proportion, none below its narrowest): a 900-pixel window left the title ~100
        pixels, three words, beside columns of fixed widths."""
        if self._widths_chosen:
            return
        room = self.table.viewport().width()
        others = room - int(room * TITLE_SHARE)
        wide, narrow = sum(WIDTHS.values()), sum(self._narrowest.values())
        share = 1.0 if others >= wide else max(0.0, (others - narrow) / (wide - narrow))
        self._fitting = True
        try:
            for column, width in WIDTHS.items():
                least = self._narrowest[column]
                self.table.setColumnWidth(column, round(least + (width - least) * share))
        finally:
            self._fitting = False

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        if not self._fitting and column != 1:  # the title follows the table's width by itself
            self._widths_chosen = True

    # -- layout memory ------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        settings.setValue("activities/header", self.table.horizontalHeader().saveState())
        settings.setValue("activities/widths_chosen", self._widths_chosen)

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("activities/header")
        if state is not None:
            self._fitting = True
            try:
                self.table.horizontalHeader().restoreState(state)
            finally:
                self._fitting = False
        # widths the user set are kept; fitted ones are fitted again to this window's width
        self._widths_chosen = state is not None and settings.value(
            "activities/widths_chosen", False, type=bool)
        self._fit_columns()
