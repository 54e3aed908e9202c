"""Type-ahead agency pickers: one agency (the lead) or a list of them (coordinating agencies)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..models.agency_names import FoldedNameModel
from .line_edit import LineEdit

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class AgencyPicker(LineEdit):
    """A line edit that suggests agency names as you type, ignoring case and diacritics."""

    picked = Signal(int)  # an agency chosen from the suggestions

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.names = FoldedNameModel(self)
        self.completer_ = QCompleter(self.names, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setMaxVisibleItems(12)
        self.setCompleter(self.completer_)
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(self.tr("Gõ tên cơ quan, có dấu hoặc không…"))
        self.textEdited.connect(self._filter)
        self.editingFinished.connect(self._complete_name)
        self.completer_.activated[str].connect(self._activated)

    def set_agencies(self, pairs: list[tuple[int, str]]) -> None:
        self.names.set_names(pairs)

    def _filter(self, text: str) -> None:
        self.names.set_filter(text)
        if text.strip() and self.names.rowCount():
            self.completer_.complete()
        else:
            self.completer_.popup().hide()

    def _activated(self, name: str) -> None:
        agency_id = self.names.find(name)
        if agency_id is not None:
            self.setText(name)
            self.picked.emit(agency_id)

    def _complete_name(self) -> None:
        """Show the full name of the agency the typed words designate."""
        agency_id = self.names.find(self.text())
        if agency_id is not None:
            self.setText(self.names.name_of(agency_id))

    def agency_id(self) -> int | None:
        """The agency whose name is typed, None if empty or not in the list."""
        return self.names.find(self.text())

    def set_agency_id(self, agency_id: int | None) -> None:
        self.setText(self.names.name_of(agency_id))


class AgencyListEditor(QWidget):
    """Any number of agencies: pick one with the type-ahead field, press Enter or Thêm."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.picker = AgencyPicker(self)
        self.add_button = QPushButton(self.tr("Thêm"), self)
        self.remove_button = QPushButton(self.tr("Bỏ"), self)
        self.list = QListWidget(self)
        self.list.setMaximumHeight(72)
        self.setFocusProxy(self.picker)  # focusing the list editor (Alt+P, an error): type a name
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.picker, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list)
        self.add_button.clicked.connect(self.add_typed)
        self.picker.returnPressed.connect(self.add_typed)
        self.picker.picked.connect(lambda _id: self.add_typed())
        self.remove_button.clicked.connect(self.remove_selected)

    def set_agencies(self, pairs: list[tuple[int, str]]) -> None:
        self.picker.set_agencies(pairs)

    def add_typed(self) -> bool:
        """Add the agency typed in the picker; False (text kept) if it is not in the list."""
        agency_id = self.picker.agency_id()
        if agency_id is None:
            return False
        if agency_id not in self.ids():
            self._add(agency_id)
            self.changed.emit()
        self.picker.clear()
        return True

    def _add(self, agency_id: int) -> None:
        entry = QListWidgetItem(self.picker.names.name_of(agency_id))
        entry.setData(ID_ROLE, agency_id)
        self.list.addItem(entry)

    def remove_selected(self) -> None:
        for entry in self.list.selectedItems():
            self.list.takeItem(self.list.row(entry))
        self.changed.emit()

    def ids(self) -> list[int]:
        return [self.list.item(r).data(ID_ROLE) for r in range(self.list.count())]

    def set_ids(self, ids: list[int]) -> None:
        self.list.clear()
        self.picker.clear()
        for agency_id in ids:
            self._add(agency_id)

    def pending_text(self) -> str:
        """Text typed but not added (an unknown name the form reports)."""
        return self.picker.text().strip()
