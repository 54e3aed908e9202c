"""One read-only table model for every list on these pages: rows are dataclasses, columns say
how to show them. Filtering and sorting happen in the store (SQL), not in a proxy."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass
class Column:
    title: str
    text: Callable[[Any], str]
    align: Qt.AlignmentFlag | None = None
    color: Callable[[Any], QColor | None] | None = None
    bold: Callable[[Any], bool] | None = None
    tooltip: Callable[[Any], str] | None = None


class RowsModel(QAbstractTableModel):
    """Rows of any objects, shown through a list of Columns; ID_ROLE gives the row's id."""

    def __init__(self, columns: Sequence[Column], *, id_of: Callable[[Any], Any] | None = None,
                 muted: Callable[[Any], bool] | None = None, parent=None):
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Any] = []
        self._id_of = id_of or (lambda row: getattr(row, "id", None))
        self._muted = muted

    def set_columns(self, columns: Sequence[Column]) -> None:
        self.beginResetModel()
        self._columns = list(columns)
        self.endResetModel()

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def row_of_id(self, ident: Any) -> int | None:
        for n, row in enumerate(self._rows):
            if self._id_of(row) == ident:
                return n
        return None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].title
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.text(row)
        if role == ID_ROLE:
            return self._id_of(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align is not None:
            return int(col.align | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            color = col.color(row) if col.color else None
            if color is None and self._muted is not None and self._muted(row):
                color = QColor("#8a8a8a")
            return color
        if role == Qt.ItemDataRole.FontRole and col.bold is not None and col.bold(row):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return col.tooltip(row) if col.tooltip else col.text(row)
        return None
