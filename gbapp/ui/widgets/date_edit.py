"""A date field typed as dd/mm/yyyy, empty allowed, with the error shown beside it by the form."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from ...domain.dates import DateError, format_date, parse_date


class DateEdit(QLineEdit):
    """Typed like Excel: '5/2/25' becomes 05/02/2025 when the field is left."""

    date_changed = Signal(object)  # dt.date | None

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(self.tr("dd/mm/yyyy"))
        # room for what a paste brings around a date (" 01/03/2025" from a Word cell, a cell
        # mark): ten characters cut it to "01/03/202"; parse_date drops the rest
        self.setMaxLength(24)
        # Never squeezed below a whole date: "31/12/2025" stays readable in a narrow form.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("00/00/00000") + 14)
        self.editingFinished.connect(self._normalise)

    def date(self) -> dt.date | None:
        """The date typed, None when empty; raises DateError (Vietnamese message) when invalid."""
        return parse_date(self.text())

    def error(self) -> str | None:
        try:
            parse_date(self.text())
        except DateError as exc:
            return str(exc)
        return None

    def set_date(self, value: dt.date | None) -> None:
        self.setText(format_date(value))

    def _normalise(self) -> None:
        try:
            value = parse_date(self.text())
        except DateError:
            return  # the form shows the message; the text stays for the user to fix
        self.setText(format_date(value))
        self.date_changed.emit(value)
