"""Helpers shared by the pages' table views."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QTableView,
    QTableWidget,
    QWidget,
)


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


class EditableTable(QTableWidget):
    """A small table typed into cell by cell (a plan's legal bases, an indicator's targets).

    Outside a cell editor, Tab and Shift+Tab leave the table for the next (previous) field, as
    in the pages' tables. While a cell is being edited they move to the next (previous) cell,
    as a spreadsheet does; past the last cell (before the first) they leave the table instead
    of going round it again: Qt wraps to the first cell, and Tab never got out.
    """

    def __init__(self, rows: int, columns: int, parent: QWidget | None = None):
        super().__init__(rows, columns, parent)
        self.setTabKeyNavigation(False)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        Hint = QAbstractItemDelegate.EndEditHint
        # what was typed is already committed (the delegate commits before it closes)
        current = self.currentIndex()
        at = (current.row(), current.column())
        if hint == Hint.EditNextItem and at == (self.rowCount() - 1, self.columnCount() - 1):
            forward = True
        elif hint == Hint.EditPreviousItem and at == (0, 0):
            forward = False
        else:
            super().closeEditor(editor, hint)
            return
        super().closeEditor(editor, Hint.NoHint)
        self.focusNextPrevChild(forward)
