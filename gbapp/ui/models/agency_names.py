"""A list model of agency names that filters itself ignoring case and Vietnamese diacritics.

QCompleter's own filtering compares characters, so "so noi vu" would never find "Sở Nội vụ".
The completer runs in UnfilteredPopupCompletion mode and this model does the filtering.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from ...domain.text import fold

ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class FoldedNameModel(QAbstractListModel):
    """(id, name) pairs in the order given, filtered by every word of a folded query."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._all: list[tuple[int, str, str]] = []  # id, name, folded name
        self._shown: list[tuple[int, str, str]] = []

    def set_names(self, pairs: list[tuple[int, str]]) -> None:
        self.beginResetModel()
        self._all = [(i, n, fold(n)) for i, n in pairs]
        self._shown = list(self._all)
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        words = fold(text).split()
        self.beginResetModel()
        self._shown = [e for e in self._all if all(w in e[2] for w in words)]
        self.endResetModel()

    def names(self) -> list[tuple[int, str]]:
        return [(i, n) for i, n, _ in self._all]

    def find(self, text: str) -> int | None:
        """The agency *text* names: exactly, ignoring case and diacritics, or the only one whose
        name has all its words."""
        text = " ".join(text.split())
        if not text:
            return None
        for agency_id, name, _ in self._all:
            if name == text:
                return agency_id
        key = fold(text)
        matches = [i for i, _, f in self._all if f == key]
        if len(matches) == 1:
            return matches[0]
        # "cong an" is enough when only "Công an tỉnh" has those words.
        words = key.split()
        matches = [i for i, _, f in self._all if all(w in f for w in words)]
        return matches[0] if len(matches) == 1 else None

    def name_of(self, agency_id: int | None) -> str:
        return next((n for i, n, _ in self._all if i == agency_id), "")

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._shown):
            return None
        agency_id, name, _ = self._shown[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return name
        if role == ID_ROLE:
            return agency_id
        return None
