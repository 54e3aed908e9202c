"""The agency form: load(agency) / value(), errors shown next to their fields."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QComboBox, QFormLayout, QWidget

from ....domain.entities import Agency
from ....domain.text import clean_line
from ....domain.validation import InvalidInput, check_date_range, field_date
from ...widgets.date_edit import DateEdit
from ...widgets.line_edit import LineEdit
from ...widgets.text_edit import TextEdit
from .forms import ErrorDisplay
from .labels import AGENCY_KINDS, AGENCY_LEVELS, label_of

# The kinds offered for new agencies (the brief's list); others are kept when loaded.
NEW_KINDS = ("so_nganh", "doan_the", "mat_tran", "luc_luong_vu_trang", "ubnd", "ubnd_xa", "bao_chi",
             "trung_uong", "khac")


def _fill(combo: QComboBox, codes, table: dict[str, str]) -> None:
    for code in codes:
        combo.addItem(label_of(table, code), code)


def _select(combo: QComboBox, code: str, table: dict[str, str]) -> None:
    index = combo.findData(code)
    if index < 0:  # a code from older data: show it rather than lose it
        combo.addItem(label_of(table, code), code)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


_FIELDS = ("name", "short_name", "kind", "level", "valid_from", "valid_to", "note")


class AgencyForm(QWidget):
    """Name, short name, kind, level, validity dates and note of one agency."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._agency = Agency()
        self.errors = ErrorDisplay()
        self.name = LineEdit()  # cleans what is pasted from Word
        self.name.setPlaceholderText(self.tr("Ví dụ: Sở Nội vụ"))
        self.short_name = LineEdit()
        self.short_name.setPlaceholderText(self.tr("Ví dụ: SNV"))
        self.kind = QComboBox()
        _fill(self.kind, NEW_KINDS, AGENCY_KINDS)
        self.level = QComboBox()
        _fill(self.level, ("trung_uong", "tinh", "xa"), AGENCY_LEVELS)
        self.valid_from = DateEdit()
        self.valid_to = DateEdit()
        self.note = TextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(70)

        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.addRow(self.tr("Tên cơ quan, đơn vị (*)"), self.errors.add("name", self.name))
        form.addRow(self.tr("Tên viết tắt"), self.errors.add("short_name", self.short_name))
        form.addRow(self.tr("Loại"), self.errors.add("kind", self.kind))
        form.addRow(self.tr("Cấp"), self.errors.add("level", self.level))
        form.addRow(self.tr("Hiệu lực từ ngày"), self.errors.add("valid_from", self.valid_from))
        form.addRow(self.tr("Đến ngày"), self.errors.add("valid_to", self.valid_to))
        form.addRow(self.tr("Ghi chú"), self.errors.add("note", self.note))
        for first, second in zip(self.editors(), self.editors()[1:]):
            QWidget.setTabOrder(first, second)
        self._snapshot = self._texts()

    def editors(self) -> list[QWidget]:
        return [self.name, self.short_name, self.kind, self.level, self.valid_from,
                self.valid_to, self.note]

    def load(self, agency: Agency | None) -> None:
        """Show *agency* (None: an empty form for a new one)."""
        agency = agency or Agency(kind="so_nganh")
        self._agency = agency
        self.name.setText(agency.name)
        self.short_name.setText(agency.short_name)
        _select(self.kind, agency.kind or "khac", AGENCY_KINDS)
        _select(self.level, agency.level or "tinh", AGENCY_LEVELS)
        self.valid_from.set_date(agency.valid_from)
        self.valid_to.set_date(agency.valid_to)
        self.note.setPlainText(agency.note)
        self.errors.clear()
        self._snapshot = self._texts()

    def agency_id(self) -> int | None:
        return self._agency.id

    def loaded(self) -> Agency:
        return self._agency

    def is_dirty(self) -> bool:
        return self._texts() != self._snapshot

    def dirty_fields(self) -> set[str]:
        """The fields typed into and not yet saved (named as in the error messages)."""
        now = self._texts()
        return {field for field, typed, shown in zip(_FIELDS, now, self._snapshot, strict=True)
                if typed != shown}

    def value(self) -> Agency:
        """The agency as edited; raises InvalidInput (messages shown) when it is not valid."""
        errors: dict[str, str] = {}
        name = clean_line(self.name.text())
        if not name:
            errors["name"] = self.tr("Nhập tên cơ quan, đơn vị.")
        valid_from = field_date(self.valid_from.text(), errors, "valid_from")
        valid_to = field_date(self.valid_to.text(), errors, "valid_to")
        check_date_range(valid_from, valid_to, errors, "valid_to",
                         self.tr("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."))
        self.errors.show(errors)
        if errors:
            raise InvalidInput(errors)
        return dataclasses.replace(
            self._agency, name=name, short_name=clean_line(self.short_name.text()),
            kind=self.kind.currentData(), level=self.level.currentData(), valid_from=valid_from,
            valid_to=valid_to, note=self.note.toPlainText().strip())

    def show_errors(self, errors: dict[str, str]) -> None:
        self.errors.show(errors)

    def _texts(self) -> tuple:  # in the order of _FIELDS
        return (self.name.text(), self.short_name.text(), self.kind.currentData(),
                self.level.currentData(), self.valid_from.text(), self.valid_to.text(),
                self.note.toPlainText())
