"""Every activity of a plan as a table, filtered, sorted and paged by SQL.

The model holds one page of rows at a time more than the view has scrolled to (fetchMore),
and sorting re-queries with ORDER BY: no QSortFilterProxyModel, which takes seconds on
100,000 rows.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from ...domain.dates import format_date
from ...domain.model import STATUS_LABELS, Status
from ...domain.status import due_in, due_soon
from ...domain.timeframe import frame_text
from ...store import activities
from ...store.activities import ActivityFilter, ActivityRow
from ...store.connection import Database

ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex

# (key in activities.SORT_COLUMNS, header)
COLUMNS = (("ref", "Số hiệu"), ("title", "Nội dung hoạt động"), ("lead", "Chủ trì"),
           ("tf_text", "Thời gian"), ("due", "Hạn"), ("status", "Trạng thái"))
STATUS_COLUMN = 5

OVERDUE = (QColor("#f8d7da"), QColor("#842029"))
DUE_SOON = (QColor("#fff3cd"), QColor("#664d03"))
DONE = (QColor("#d1e7dd"), QColor("#0f5132"))
_BRUSHES = {id(c): (QBrush(c[0]), QBrush(c[1])) for c in (OVERDUE, DUE_SOON, DONE)}
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_BACKGROUND = Qt.ItemDataRole.BackgroundRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value


def _clip(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def round_note(start: dt.date | None, last_day: dt.date | None, recurring: bool,
               today: dt.date) -> str:
    """What the due of a recurring activity stored over a programme is, in words: "Hạn của năm
    2025: 30/06/2025 (mỗi năm một đợt, đến 30/06/2030)"; '' for any other activity, whose
    due is its last day (domain.status.due_in)."""
    due = due_in(start, last_day, recurring, today)
    if not recurring or due is None or due == last_day and (
            start is None or start.year == last_day.year):
        return ""  # a one-year plan's "thường xuyên": its last day is its only due
    return (f"Hạn của năm {due.year}: {format_date(due)} "
            f"(mỗi năm một đợt, đến {format_date(last_day)})")


class ActivityTableModel(QAbstractTableModel):
    PAGE = 200

    counts_changed = Signal(int, int)  # shown (filtered) total, plan total

    def __init__(self, parent=None):
        super().__init__(parent)
        self.db: Database | None = None
        self.plan_id: int | None = None
        self.filter = ActivityFilter()
        self.sort_key = "ref"
        self.descending = False
        self.fixed_today: dt.date | None = None  # tests pin "today"; else the real date
        self.today = dt.date.today()
        self.total = 0  # rows matching the filter
        self.plan_total = 0  # activities of the plan
        self._rows: list[ActivityRow] = []
        self._shown: list[tuple[str, ...]] = []  # display texts, formatted once per row
        self._brushes: list[tuple[QBrush, QBrush] | None] = []  # status cell colours per row
        self._more = False  # the last page was full (used while the count is not known yet)
        self.counter = None  # a BackgroundCounter: counts off the GUI thread (large plans)

    def set_plan(self, db: Database | None, plan_id: int | None) -> None:
        self.db, self.plan_id = db, plan_id
        self.refresh()

    def set_filter(self, f: ActivityFilter) -> None:
        self.filter = f
        self.refresh(plan_total=False)

    def refresh(self, plan_total: bool = True, recount: bool = True) -> None:
        """Re-run the query from the first page (a new sort order keeps the known count)."""
        known = self.total if not recount else -1
        self.beginResetModel()
        self.today = self.fixed_today or dt.date.today()
        if self.db is None or self.plan_id is None:
            self._rows, self._shown, self._brushes, self.total, self.plan_total = [], [], [], 0, 0
        else:
            self._rows = self._query(0)
            self._shown = [self._display(r) for r in self._rows]
            self._brushes = [self._brushes_of(r) for r in self._rows]
            self._more = len(self._rows) == self.PAGE
            if not self._more:
                self.total = len(self._rows)
            elif known >= 0:
                self.total = known
            elif self.counter is not None:
                self.total = -1  # unknown until the background count arrives
                self.counter.request(self.plan_id, self.filter, self.today)
            else:
                self.total = activities.count(self.db, self.plan_id, self.filter,
                                              today=self.today)
            if not self.filter.is_active():
                self.plan_total = self.total
            elif plan_total or self.plan_total < 0:
                self.plan_total = activities.count(self.db, self.plan_id, ActivityFilter(),
                                                   today=self.today)
        self.endResetModel()
        if self.total >= 0:
            self.counts_changed.emit(self.total, self.plan_total)

    def set_counter(self, counter) -> None:
        """Count in the background with *counter* (see models.counter)."""
        self.counter = counter
        counter.counted.connect(self._counted)

    def _counted(self, n: int) -> None:
        self.total = n
        if not self.filter.is_active():
            self.plan_total = n
        self.counts_changed.emit(self.total, self.plan_total)

    def _query(self, offset: int) -> list[ActivityRow]:
        assert self.db is not None and self.plan_id is not None
        return activities.query(self.db, self.plan_id, self.filter, today=self.today,
                                sort=self.sort_key, descending=self.descending,
                                limit=self.PAGE, offset=offset)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid():
            return False
        return self._more if self.total < 0 else len(self._rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self.db is None:
            return
        more = self._query(len(self._rows))
        self._more = len(more) == self.PAGE
        if not more:
            self._more = False
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self._shown.extend(self._display(r) for r in more)
        self._brushes.extend(self._brushes_of(r) for r in more)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][0] if 0 <= column < len(COLUMNS) else "ref"
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.refresh(plan_total=False, recount=False)

    def row(self, row: int) -> ActivityRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, item_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r.id == item_id), -1)

    # -- Qt model interface -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.tr(COLUMNS[section][1])
        return section + 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown[index.row()][col]
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._whole_text(index.row(), col)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) \
                and col == STATUS_COLUMN:
            colours = self._colours(r)
            if colours:
                return QBrush(colours[0 if role == Qt.ItemDataRole.BackgroundRole else 1])
        if role == ID_ROLE:
            return r.id
        return None

    def multiData(self, index: Index, span) -> None:  # noqa: N802 - Qt override
        """All roles of a cell in one call: the view paints ~170 cells per keystroke, and one
        Python call per cell instead of one per role keeps repaint well inside the budget.
        Roles are compared as plain ints (no enum objects made per cell). The view reuses the
        span from cell to cell, so every role is either set or cleared."""
        row, col = index.row(), index.column()
        if row >= len(self._rows):
            for role_data in span:
                role_data.clearData()
            return
        for role_data in span:
            role = role_data.role()
            value = None
            if role == _DISPLAY:
                value = self._shown[row][col]
            elif role == _BACKGROUND or role == _FOREGROUND:
                if col == STATUS_COLUMN:
                    brushes = self._brushes[row]
                    if brushes is not None:
                        value = brushes[role == _FOREGROUND]
            elif role == _TOOLTIP:
                value = self._whole_text(row, col) or None
            elif role == ID_ROLE:
                value = self._rows[row].id
            if value is None:
                role_data.clearData()
            else:
                role_data.setData(value)

    def _whole_text(self, row: int, col: int) -> str:
        """A cell's text not shortened: its tooltip (the view shows it when the cell is cut)."""
        r = self._rows[row]
        if col == 1:
            return r.title
        if col == 2:
            return r.lead
        if col == 3:
            return frame_text(r.tf_text, r.start, r.last_day, r.recurring)
        if col == 4:  # a recurring activity's due is this year's round's: say so
            return round_note(r.start, r.last_day, r.recurring, self.today) or self._shown[row][col]
        return self._shown[row][col]

    def _display(self, r: ActivityRow) -> tuple[str, ...]:
        # A cell shows at most ~150 characters; Qt shapes the whole string before eliding it,
        # so a 300-character paragraph costs twice its width on every repaint. The tooltip keeps
        # the full text.
        return (r.ref, _clip(r.title), _clip(r.lead),
                _clip(frame_text(r.tf_text, r.start, r.last_day, r.recurring)),
                format_date(r.due),
                self.tr(STATUS_LABELS[r.status]))

    def _brushes_of(self, r: ActivityRow) -> tuple[QBrush, QBrush] | None:
        colours = self._colours(r)
        return _BRUSHES[id(colours)] if colours else None

    def _colours(self, r: ActivityRow) -> tuple[QColor, QColor] | None:
        if r.status is Status.OVERDUE:
            return OVERDUE
        if r.status in (Status.DONE_ON_TIME, Status.DONE_LATE):
            return DONE
        if due_soon(r.status, r.due, self.today):
            return DUE_SOON
        return None
