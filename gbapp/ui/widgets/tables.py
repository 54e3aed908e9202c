"""Helpers shared by the pages' table views."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView


def select_row_quietly(view: QAbstractItemView, row: int | None) -> None:
    """Select *row* (None: nothing) and scroll to it without emitting selection signals."""
    selection = view.selectionModel()
    selection.blockSignals(True)
    if row is None:
        selection.clearSelection()
    else:
        index = view.model().index(row, 0)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                  | QItemSelectionModel.SelectionFlag.Rows)
        view.scrollTo(index)
    selection.blockSignals(False)
