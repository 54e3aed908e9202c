"""The "Thêm kỳ báo cáo" dialog: name, kind, start, end and due dates of a reporting period."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QWidget

from ....domain.entities import Period
from ....domain.text import clean_line
from ....domain.validation import InvalidInput, check_date_range, field_date
from ...dialogs import messages
from ...widgets.date_edit import DateEdit
from ...widgets.line_edit import LineEdit
from .forms import ErrorDisplay
from .labels import PERIOD_KINDS, label_of


class PeriodDialog(QDialog):
    """load(period) / value() -> Period; accept() refuses while a field is wrong."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Thêm kỳ báo cáo"))
        self.setMinimumWidth(420)
        self._period = Period()
        self._snapshot: tuple = ()
        self.errors = ErrorDisplay()
        self.name = LineEdit()
        self.name.setPlaceholderText(self.tr("Ví dụ: Quý III/{0}").format(dt.date.today().year))
        self.kind = QComboBox()
        for code in PERIOD_KINDS:
            self.kind.addItem(label_of(PERIOD_KINDS, code), code)
        self.start_on = DateEdit()
        self.end_on = DateEdit()
        self.due_on = DateEdit()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Lưu"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.addRow(self.tr("Tên kỳ báo cáo (*)"), self.errors.add("name", self.name))
        form.addRow(self.tr("Loại kỳ"), self.errors.add("kind", self.kind))
        form.addRow(self.tr("Từ ngày"), self.errors.add("start_on", self.start_on))
        form.addRow(self.tr("Đến ngày"), self.errors.add("end_on", self.end_on))
        form.addRow(self.tr("Hạn nộp báo cáo"), self.errors.add("due_on", self.due_on))
        form.addRow(self.buttons)

    def load(self, period: Period) -> None:
        self._period = period
        self.name.setText(period.name)
        index = self.kind.findData(period.kind)
        self.kind.setCurrentIndex(max(index, 0))
        self.start_on.set_date(period.start_on)
        self.end_on.set_date(period.end_on)
        self.due_on.set_date(period.due_on)
        self.errors.clear()
        self._snapshot = self._texts()

    def is_dirty(self) -> bool:
        """Whether anything was typed since load() (Hủy, Esc and closing ask before dropping
        it)."""
        return self._texts() != self._snapshot

    def _texts(self) -> tuple:
        return (self.name.text(), self.kind.currentData(), self.start_on.text(),
                self.end_on.text(), self.due_on.text())

    def value(self) -> Period:
        errors: dict[str, str] = {}
        name = clean_line(self.name.text())
        if not name:
            errors["name"] = self.tr("Nhập tên kỳ báo cáo.")
        start = field_date(self.start_on.text(), errors, "start_on")
        end = field_date(self.end_on.text(), errors, "end_on")
        due = field_date(self.due_on.text(), errors, "due_on")
        check_date_range(start, end, errors, "end_on")
        # a report may be due before the period ends ("6 tháng: trước ngày 15/6"), not before
        # it starts
        check_date_range(start, due, errors, "due_on",
                         self.tr("Hạn nộp báo cáo không được trước ngày bắt đầu kỳ."))
        self.errors.show(errors)
        if errors:
            raise InvalidInput(errors)
        return dataclasses.replace(self._period, name=name, kind=self.kind.currentData(),
                                   start_on=start, end_on=end, due_on=due)

    def accept(self) -> None:
        try:
            self.value()
        except InvalidInput:
            return
        super().accept()

    def reject(self) -> None:
        """Hủy, Esc and the window's close button (all come here): with something typed, the
        dialog closes only once the user agrees to drop it (Enter drops it, as Esc in the forms
        does; a second Esc keeps it, and the dialog open). Nothing typed: it just closes."""
        if self.is_dirty() and not messages.ask_drop(self, self.tr("kỳ báo cáo mới")):
            return
        super().reject()
