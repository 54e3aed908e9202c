"""Helpers shared by the pages' table views."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget


def read_only_table(model: QAbstractItemModel, parent: QWidget | None = None, *,
                    single_selection: bool = True, word_wrap: bool = False) -> QTableView:
    """The pages' list table: whole rows selected, nothing edited in place, compact rows."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single_selection:
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # Tab leaves the table for the next field (the arrows move between rows): cell by cell
    # it changed the selection, and so the form beside it, and never got out.
    view.setTabKeyNavigation(False)
    view.setWordWrap(word_wrap)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    return view


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
