"""The indicator form (code, name, unit, direction, baseline, targets per year, source, note)
and the entry row of a yearly value with its men/women split. Both load() / value()."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidgetItem,
    QWidget,
)

from ....domain.entities import Indicator, IndicatorValue
from ....domain.model import SAMPLE_MARK
from ....domain.text import clean_line, clean_text
from ....domain.validation import (
    InvalidInput,
    check_value_split,
    field_number,
    figure_total,
    format_decimal,
    parse_figure,
    parse_year,
)
from ...widgets.line_edit import LineEdit
from ...widgets.tables import EditableTable
from ...widgets.text_edit import TextEdit
from .forms import ErrorDisplay

DIRECTIONS = {">=": "≥ càng cao càng tốt", "<=": "≤ càng thấp càng tốt"}


def _lines_high(edit: TextEdit, lines: int) -> int:
    """The height of a text box that shows *lines* lines of its font, frame and margins included
    (from the font: at 125 or 150 % scaling a box of fixed pixels showed a line less)."""
    margin = edit.document().documentMargin()
    return round(lines * edit.fontMetrics().lineSpacing() + 2 * margin + 2 * edit.frameWidth())


def _clean_note(text: str) -> str:
    """A note as typed, its lines kept: each line single-spaced, no blank lines around it."""
    lines = [clean_line(line) for line in clean_text(text).split("\n")]
    return "\n".join(lines).strip("\n")


class IndicatorForm(QWidget):
    """One indicator with its targets; a free row at the end of the targets adds a year."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._indicator = Indicator()
        self.errors = ErrorDisplay()
        self.code = LineEdit()
        self.code.setPlaceholderText(self.tr("Ví dụ: MT4.1"))
        self.code.setMaximumWidth(140)
        # a code shows whole ("MT10.1"), however little room the row has
        self.code.setMinimumWidth(self.code.fontMetrics().horizontalAdvance("MT10.1") + 14)
        self.name = TextEdit()
        self.name.setTabChangesFocus(True)
        self.name.setFixedHeight(52)
        self.unit = LineEdit()
        self.unit.setMaximumWidth(90)
        self.direction = QComboBox()
        for code, label in DIRECTIONS.items():
            self.direction.addItem(self.tr(label), code)
        self.baseline = LineEdit()
        self.baseline.setMaximumWidth(90)
        self.baseline_year = LineEdit()
        self.baseline_year.setMaximumWidth(70)
        self.baseline_year.setPlaceholderText(self.tr("năm"))
        self.targets = EditableTable(0, 2)  # Tab past the last cell goes on to «Nguồn»
        self.targets.setHorizontalHeaderLabels([self.tr("Năm"), self.tr("Mục tiêu")])
        self.targets.verticalHeader().hide()
        self.targets.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.targets.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.targets.setFixedHeight(4 * (self.fontMetrics().height() + 8) + 4)
        self.targets.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.source = LineEdit()
        self.source.setPlaceholderText(self.tr("Ví dụ: NQ 28/NQ-CP"))
        # a target as the plan words it ("70-80%", "khoảng 60", "< 30"), and where the figures
        # come from: a few sentences, on lines of their own as typed
        self.note = TextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(_lines_high(self.note, 3))
        self.note.setPlaceholderText(self.tr("Ví dụ: mục tiêu ghi trong văn bản là 70-80%"))

        first_row = QHBoxLayout()
        first_row.addWidget(self.errors.add("code", self.code))
        first_row.addWidget(QLabel(self.tr("Đơn vị")))
        first_row.addWidget(self.errors.add("unit", self.unit))
        first_row.addWidget(self.errors.add("direction", self.direction), 1)
        baseline_row = QHBoxLayout()
        baseline_row.addWidget(self.errors.add("baseline", self.baseline))
        baseline_row.addWidget(QLabel(self.tr("năm")))
        baseline_row.addWidget(self.errors.add("baseline_year", self.baseline_year))
        baseline_row.addStretch(1)
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Mã (*)"), first_row)
        form.addRow(self.tr("Tên chỉ tiêu (*)"), self.errors.add("name", self.name))
        form.addRow(self.tr("Giá trị cơ sở"), baseline_row)
        form.addRow(self.tr("Mục tiêu theo năm"), self.errors.add("targets", self.targets))
        form.addRow(self.tr("Nguồn"), self.errors.add("source", self.source))
        form.addRow(self.tr("Ghi chú"), self.errors.add("note", self.note))
        chain = self.editors()
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        self.targets.itemChanged.connect(lambda _item: self._keep_free_row())
        self.load(None)

    def editors(self) -> list[QWidget]:
        return [self.code, self.unit, self.direction, self.name, self.baseline,
                self.baseline_year, self.targets, self.source, self.note]

    def load(self, ind: Indicator | None) -> None:
        ind = ind or Indicator()
        self._indicator = ind
        self.code.setText(ind.code)
        self.name.setPlainText(ind.name)
        self.unit.setText(ind.unit)
        self.direction.setCurrentIndex(max(self.direction.findData(ind.direction), 0))
        self.baseline.setText(format_decimal(ind.baseline))
        self.baseline_year.setText(str(ind.baseline_year or ""))
        self.targets.blockSignals(True)
        self.targets.setRowCount(0)
        for year, value in sorted(ind.targets.items()):
            self._append_target(str(year), format_decimal(value))
        self._append_target("", "")
        self.targets.blockSignals(False)
        self.source.setText(ind.source)
        self.note.setPlainText(ind.note)
        self.errors.clear()
        self._snapshot = self._texts()

    def is_dirty(self) -> bool:
        """Whether anything was typed since load() (compared as text: no parsing)."""
        return self._texts() != self._snapshot

    def _texts(self) -> tuple:
        targets = tuple((self._cell(r, 0), self._cell(r, 1)) for r in range(self.targets.rowCount())
                        if self._cell(r, 0) or self._cell(r, 1))
        return (self.code.text().strip(), self.name.toPlainText().strip(),
                self.unit.text().strip(), self.direction.currentData(),
                self.baseline.text().strip(), self.baseline_year.text().strip(), targets,
                self.source.text().strip(), self.note.toPlainText().strip())

    def indicator_id(self) -> int | None:
        return self._indicator.id

    def value(self) -> Indicator:
        errors: dict[str, str] = {}
        code, name = clean_line(self.code.text()), clean_line(self.name.toPlainText())
        if not code:
            errors["code"] = self.tr("Nhập mã chỉ tiêu.")
        if not name:
            errors["name"] = self.tr("Nhập tên chỉ tiêu.")
        unit = clean_line(self.unit.text())

        def figure(text: str) -> float | None:  # '60%', '1,7 lần'; a rate within 0–100
            number = parse_figure(text, unit)
            problem = check_value_split(unit, number, None, None).get("value")
            if problem:
                raise ValueError(problem)
            return number

        baseline = field_number(figure, self.baseline.text(), errors, "baseline")
        baseline_year = field_number(parse_year, self.baseline_year.text(), errors,
                                     "baseline_year")
        if baseline is not None and baseline_year is None and "baseline_year" not in errors:
            errors["baseline_year"] = self.tr("Nhập năm của giá trị cơ sở.")
        targets: dict[int, float] = {}
        for row in range(self.targets.rowCount()):
            year_text, value_text = self._cell(row, 0), self._cell(row, 1)
            if not year_text and not value_text:
                continue
            try:
                year = parse_year(year_text)
                value = figure(value_text)
                if year is None or value is None:
                    raise ValueError(self.tr("Nhập cả năm và giá trị mục tiêu."))
                if year in targets:
                    raise ValueError(self.tr("Năm {0} bị nhập hai lần.").format(year))
                targets[year] = value
            except ValueError as exc:
                errors["targets"] = self.tr("Dòng {0}: {1}").format(row + 1, exc)
                if "không phải là một số" in str(exc):  # "70-80%", "khoảng 60", "< 30"
                    errors["targets"] += self.tr(
                        " Mục tiêu ghi bằng lời thì chép vào «Ghi chú» và nhập ở đây một số "
                        "để đánh giá.")
                break
        self.errors.show(errors)
        if errors:
            raise InvalidInput(errors)
        return dataclasses.replace(
            self._indicator, code=code, name=name, unit=clean_line(self.unit.text()),
            direction=self.direction.currentData(), baseline=baseline,
            baseline_year=baseline_year, source=clean_line(self.source.text()), targets=targets,
            note=_clean_note(self.note.toPlainText()))

    def _cell(self, row: int, col: int) -> str:
        item = self.targets.item(row, col)
        return item.text().strip() if item else ""

    def _append_target(self, year: str, value: str) -> None:
        row = self.targets.rowCount()
        self.targets.insertRow(row)
        self.targets.setItem(row, 0, QTableWidgetItem(year))
        self.targets.setItem(row, 1, QTableWidgetItem(value))

    def _keep_free_row(self) -> None:
        last = self.targets.rowCount() - 1
        if last < 0 or self._cell(last, 0) or self._cell(last, 1):
            self.targets.blockSignals(True)
            self._append_target("", "")
            self.targets.blockSignals(False)


class ValueEntry(QWidget):
    """The value of one indicator for one year, total and split men/women."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._value = IndicatorValue()
        self._unit = ""
        self.errors = ErrorDisplay()
        self.year = LineEdit()
        self.year.setMaximumWidth(70)
        # a whole year shows, however little room the row has ("025" was read as a typo)
        self.year.setMinimumWidth(min(70, self.year.fontMetrics().horizontalAdvance("0000") + 16))
        self.value_edit = LineEdit()
        self.men = LineEdit()
        self.women = LineEdit()
        for number in (self.value_edit, self.men, self.women):
            number.setMaximumWidth(110)  # the note takes the rest of the row
        self.note = LineEdit()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for col, (label, key, editor) in enumerate((
                (self.tr("Năm"), "year", self.year),
                (self.tr("Giá trị chung"), "value", self.value_edit),
                (self.tr("Nam"), "men", self.men),
                (self.tr("Nữ"), "women", self.women),
                (self.tr("Ghi chú"), "note", self.note))):
            grid.addWidget(QLabel(label), 0, col)
            grid.addWidget(self.errors.add(key, editor), 1, col)
        grid.setColumnStretch(4, 2)
        for first, second in zip(self.editors(), self.editors()[1:]):
            QWidget.setTabOrder(first, second)

    def editors(self) -> list[QWidget]:
        return [self.year, self.value_edit, self.men, self.women, self.note]

    def load(self, value: IndicatorValue, unit: str = "") -> None:
        self._value = value
        self._unit = unit
        self.year.setText(str(value.year or ""))
        self.value_edit.setText(format_decimal(value.value))
        self.men.setText(format_decimal(value.men))
        self.women.setText(format_decimal(value.women))
        # The demo's mark goes once the user enters the year's own figure over a sample one.
        note = value.note.replace(SAMPLE_MARK, "").strip() if value.is_sample else value.note
        self.note.setText(note)
        self.errors.clear()
        self._snapshot = self._texts()

    def set_unit(self, unit: str) -> None:
        """The indicator's unit the figures are read and checked in (its form was saved)."""
        self._unit = unit

    def loaded_year(self) -> int | None:
        return self._value.year

    def is_dirty(self) -> bool:
        return self._texts() != self._snapshot

    def figures_typed(self) -> bool:
        """Whether the figures or the note (not the year) were typed since load()."""
        return self._texts()[1:] != self._snapshot[1:]

    def _texts(self) -> tuple:
        return tuple(editor.text().strip() for editor in self.editors())

    def value(self) -> IndicatorValue:
        errors: dict[str, str] = {}
        year = field_number(parse_year, self.year.text(), errors, "year")
        if year is None and "year" not in errors:
            errors["year"] = self.tr("Nhập năm.")
        numbers = {key: field_number(lambda text: parse_figure(text, self._unit),
                                     editor.text(), errors, key)
                   for key, editor in (("value", self.value_edit), ("men", self.men),
                                       ("women", self.women))}
        if not errors.keys() & numbers.keys() and all(v is None for v in numbers.values()):
            errors["value"] = self.tr("Nhập giá trị (hoặc số liệu nam, nữ).")
        if not errors.keys() & numbers.keys():  # a figure not read is not checked as blank
            for key, message in check_value_split(self._unit, **numbers).items():
                errors.setdefault(key, message)
        self.errors.show(errors)
        if errors:
            raise InvalidInput(errors)
        # a count typed as men and women only: their sum is the year's figure, stored as such
        numbers["value"] = figure_total(self._unit, **numbers)
        return dataclasses.replace(self._value, year=year, note=self.note.text().strip(),
                                   is_sample=False, id=None, **numbers)
