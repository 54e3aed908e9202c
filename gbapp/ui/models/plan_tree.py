"""The item tree of a plan as a Qt model, loaded level by level from the store.

Children are read when a branch is first expanded (canFetchMore / fetchMore), so a plan with
100,000 items opens as fast as a small one. Each index carries its parent's item id
(0 for the sections), so parent() needs no Python object behind the index.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from ...domain.entities import Item
from ...domain.model import ItemKind
from ...domain.timeframe import frame_text
from ...store import items
from ...store.connection import Database

ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROOT = 0
Index = QModelIndex | QPersistentModelIndex


def label_text(item: Item) -> str:
    """The label as printed: 'II.', '1.', 'a)', '-', '+'."""
    if item.kind in (ItemKind.ROMAN, ItemKind.ARABIC):
        return f"{item.label}."
    if item.kind is ItemKind.LETTER:
        return f"{item.label})"
    return item.label


def time_frame_text(item: Item) -> str:
    tf = item.time_frame
    return frame_text(tf.text, tf.start, tf.end, tf.recurring)


class PlanTreeModel(QAbstractItemModel):
    COLUMNS = ("Số hiệu", "Nội dung", "Thời gian")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.db: Database | None = None
        self.plan_id: int | None = None
        self._items: dict[int, Item] = {}
        self._children: dict[int, list[int]] = {}  # parent id (ROOT for sections) -> child ids
        self._row: dict[int, int] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    # -- loading ------------------------------------------------------------------------------
    def set_plan(self, db: Database | None, plan_id: int | None) -> None:
        self.beginResetModel()
        self.db, self.plan_id = db, plan_id
        self._clear()
        self._load(ROOT)
        self.endResetModel()

    def refresh(self) -> None:
        """Re-read every branch that was loaded (after an edit, undo or redo)."""
        loaded = set(self._children)
        self.beginResetModel()
        self._clear()
        queue = [ROOT]
        while queue:
            pid = queue.pop()
            self._load(pid)
            queue.extend(c for c in self._children.get(pid, []) if c in loaded)
        self.endResetModel()

    def _clear(self) -> None:
        self._items.clear()
        self._children.clear()
        self._row.clear()

    def _load(self, pid: int) -> None:
        if self.db is None or self.plan_id is None:
            self._children[pid] = []
            return
        kids = items.children(self.db, self.plan_id, pid or None)
        self._children[pid] = [k.id for k in kids]
        for row, kid in enumerate(kids):
            self._items[kid.id] = kid
            self._row[kid.id] = row

    def canFetchMore(self, parent: Index) -> bool:
        pid = self.item_id(parent) or ROOT
        if pid == ROOT:
            return False
        return pid not in self._children and self._items[pid].child_count > 0

    def fetchMore(self, parent: Index) -> None:
        pid = self.item_id(parent) or ROOT
        if pid in self._children or self.db is None or self.plan_id is None:
            return
        kids = items.children(self.db, self.plan_id, pid)
        if not kids:
            self._children[pid] = []
            return
        self.beginInsertRows(parent, 0, len(kids) - 1)
        self._children[pid] = [k.id for k in kids]
        for row, kid in enumerate(kids):
            self._items[kid.id] = kid
            self._row[kid.id] = row
        self.endInsertRows()

    # -- lookups ------------------------------------------------------------------------------
    def loaded_ids(self) -> set[int]:
        """The items of the branches read so far."""
        return set(self._items)

    def neighbours(self, item_id: int) -> list[int]:
        """Where to go if *item_id* went: the next sibling, the previous one, the parent."""
        item = self._items.get(item_id)
        if item is None:
            return []
        siblings = self._children.get(item.parent_id or ROOT, [])
        row = self._row.get(item_id, -1)
        found = [siblings[row + 1]] if 0 <= row < len(siblings) - 1 else []
        found += [siblings[row - 1]] if 0 < row < len(siblings) else []
        return found + ([item.parent_id] if item.parent_id else [])

    def item_id(self, index: Index) -> int | None:
        if not index.isValid():
            return None
        siblings = self._children.get(index.internalId(), [])
        return siblings[index.row()] if index.row() < len(siblings) else None

    def item(self, index: Index) -> Item | None:
        item_id = self.item_id(index)
        return self._items.get(item_id) if item_id else None

    def get(self, item_id: int) -> Item | None:
        return self._items.get(item_id)

    def index_for_id(self, item_id: int | None, column: int = 0) -> QModelIndex:
        """The index of *item_id*, loading the branches above it if needed."""
        if not item_id or self.db is None:
            return QModelIndex()
        if item_id not in self._items:
            for ancestor in items.ancestors(self.db, item_id)[:-1]:
                parent = self.index_for_id(ancestor.id)
                if not parent.isValid():
                    return QModelIndex()
                if self.canFetchMore(parent):
                    self.fetchMore(parent)
        if item_id not in self._items:
            return QModelIndex()
        item = self._items[item_id]
        return self.createIndex(self._row[item_id], column, item.parent_id or ROOT)

    # -- Qt model interface -------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid():
            pid = self.item_id(parent) if parent.column() == 0 else None
            if pid is None:
                return QModelIndex()
        else:
            pid = ROOT
        if row < 0 or column < 0 or column >= len(self.COLUMNS):
            return QModelIndex()
        if row >= len(self._children.get(pid, [])):
            return QModelIndex()
        return self.createIndex(row, column, pid)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        pid = index.internalId()
        if pid == ROOT or pid not in self._items:
            return QModelIndex()
        parent = self._items[pid]
        return self.createIndex(self._row[pid], 0, parent.parent_id or ROOT)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            if parent.column() != 0:
                return 0
            return len(self._children.get(self.item_id(parent) or -1, []))
        return len(self._children.get(ROOT, []))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.COLUMNS)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if not parent.isValid():
            return bool(self._children.get(ROOT))
        item = self.item(parent)
        return item is not None and parent.column() == 0 and item.child_count > 0

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        item = self.item(index)
        if item is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return label_text(item)
            if col == 1:
                return item.title or item.text[:120]
            return time_frame_text(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.ref}\n{item.title}" if col != 2 else time_frame_text(item)
        if role == Qt.ItemDataRole.FontRole and item.depth == 0:
            return self._bold
        if role == ID_ROLE:
            return item.id
        return None
