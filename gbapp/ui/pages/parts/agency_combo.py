"""A combo box of agencies with type-ahead that ignores case and Vietnamese diacritics."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from ....domain.text import fold

FOLD_ROLE = Qt.ItemDataRole.UserRole + 2


class _FoldFilter(QSortFilterProxyModel):
    """Keeps the rows whose folded name (and short name) contain every folded word typed."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._words: list[str] = []

    def set_text(self, text: str) -> None:
        self._words = fold(text).split()
        self.invalidate()

    def filterAcceptsRow(self, source_row, source_parent) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        haystack = index.data(FOLD_ROLE) or ""
        return all(word in haystack for word in self._words)


class AgencyCombo(QComboBox):
    """Pick an agency by typing part of its name ('so noi' finds 'Sở Nội vụ')."""

    agency_changed = Signal(object)  # agency id or None

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self._filter = _FoldFilter(self)
        self._filter.setSourceModel(self.model())
        completer = QCompleter(self._filter, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self.lineEdit().textEdited.connect(self._typed)
        completer.activated[str].connect(self._picked)
        self.lineEdit().returnPressed.connect(self._confirm_typed)
        self.currentIndexChanged.connect(self._index_changed)

    def _index_changed(self, _index: int) -> None:
        # a long name shows from its start ("Báo và Phát thanh…"), not scrolled to its end
        self.lineEdit().setCursorPosition(0)
        self.agency_changed.emit(self.current_id())

    def set_agencies(self, agencies: list[tuple[int, str, str]], keep: int | None = None) -> None:
        """(id, name, short name) in display order; keeps *keep* selected when still present."""
        self.blockSignals(True)
        self.clear()
        for ident, name, short in agencies:
            self.addItem(name, ident)
            self.setItemData(self.count() - 1, fold(f"{name} {short}"), FOLD_ROLE)
        self.setCurrentIndex(-1)
        self.blockSignals(False)
        if keep is not None:
            self.set_current_id(keep)
        else:
            self.setEditText("")

    def current_id(self) -> int | None:
        """The selected agency; else the only one the typed words match; else None."""
        index = self.currentIndex()
        if index >= 0 and self.itemText(index) == self.currentText():
            return self.itemData(index)
        words = fold(self.currentText()).split()
        if not words:
            return None
        matches = [n for n in range(self.count())
                   if all(w in (self.itemData(n, FOLD_ROLE) or "") for w in words)]
        exact = [n for n in matches if fold(self.itemText(n)) == " ".join(words)]
        if len(exact) == 1:
            return self.itemData(exact[0])
        return self.itemData(matches[0]) if len(matches) == 1 else None

    def current_name(self) -> str:
        ident = self.current_id()
        return self.itemText(self.findData(ident)) if ident is not None else ""

    def set_current_id(self, ident: int | None) -> None:
        index = self.findData(ident) if ident is not None else -1
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText("")
        self.lineEdit().setCursorPosition(0)

    def _typed(self, text: str) -> None:
        self._filter.set_text(text)
        if text.strip():
            self.completer().complete()

    def _confirm_typed(self) -> None:
        """Enter after typing: take the one agency the words match."""
        ident = self.current_id()
        if ident is not None:
            index = self.findData(ident)
            if index != self.currentIndex():
                self.setCurrentIndex(index)
            else:
                self.setEditText(self.itemText(index))

    def _picked(self, name: str) -> None:
        index = self.findText(name, Qt.MatchFlag.MatchExactly)
        if index >= 0:
            self.setCurrentIndex(index)
            self.agency_changed.emit(self.current_id())
