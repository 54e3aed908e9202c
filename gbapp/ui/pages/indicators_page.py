"""IndicatorsPage: the indicators with their targets, values and assessment; edit both."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QItemSelectionModel, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.entities import IndicatorValue
from ...domain.status import Assessment, evaluation_year
from ...domain.text import without_gist
from ...domain.validation import InvalidInput, figure_total, format_decimal, parse_year
from ...store import indicators, plans
from ..context import AppContext
from ..dialogs import messages
from ..widgets.shortcuts import save_shortcut
from ..widgets.tables import read_only_table, select_row_quietly
from .parts.forms import confirm, show_error
from .parts.indicator_form import IndicatorForm, ValueEntry
from .parts.indicator_rows import (
    IndicatorLine,
    assess_year,
    expected_years,
    make_lines,
    target_columns,
)
from .parts.labels import ASSESSMENT_COLORS, tr
from .parts.scrolling import scrolling
from .parts.table_model import Column, RowsModel

RIGHT = Qt.AlignmentFlag.AlignRight


def assessment_color(assessment: str):
    """Green, red, amber; grey for what cannot be judged yet (no figure, no target, no total)."""
    return ASSESSMENT_COLORS.get(assessment, ASSESSMENT_COLORS[Assessment.UNKNOWN])


def rows_height(table: QTableView, rows: int, *, sideways_bar: bool = False) -> int:
    """The height *table* needs to show its header and *rows* rows, with room for a sideways
    scroll bar when asked (a long note pushes the figures' columns past a narrow window)."""
    bar = table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, table)
    return (table.horizontalHeader().sizeHint().height()
            + rows * table.verticalHeader().defaultSectionSize() + 2 * table.frameWidth()
            + (bar if sideways_bar else 0))


class ShortTitle(QLabel):
    """A title on two lines at the most, cut short ("…") when the box is narrow; its whole text
    is the tooltip. Wrapped whole, an indicator's name took four lines of a short window from
    the figures under it."""

    def __init__(self, max_lines: int = 2, parent: QWidget | None = None):
        super().__init__(parent)
        self._full = ""
        self._max_lines = max_lines
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._fit()
        self.updateGeometry()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's names, here and below)
        return True

    def heightForWidth(self, width: int) -> int:
        margins = self.contentsMargins()
        lines = len(self._lines(width - margins.left() - margins.right()))
        return lines * self.fontMetrics().lineSpacing() + margins.top() + margins.bottom()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.heightForWidth(self.width()))

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.heightForWidth(0))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _lines(self, width: int) -> list[str]:
        """The title wrapped at *width*, its last line cut short when there are too many."""
        if width <= 0 or not self._full:
            return [self._full[:1]]  # (not laid out yet: one line high)
        layout = QTextLayout(self._full, self.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        layout.setTextOption(option)
        layout.beginLayout()
        spans = []
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            spans.append((line.textStart(), line.textLength()))
        layout.endLayout()
        lines = [self._full[start:start + length].strip() for start, length in spans]
        if len(lines) > self._max_lines:
            rest = self._full[spans[self._max_lines - 1][0]:].strip()
            lines = lines[:self._max_lines - 1] + [self.fontMetrics().elidedText(
                rest, Qt.TextElideMode.ElideRight, width)]
        return lines

    def _fit(self) -> None:
        margins = self.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        text = "\n".join(self._lines(width)) if width > 0 else self._full
        if text != self.text():
            self.setText(text)


class IndicatorsPage(QWidget):
    """Targets per year, values of last and this year, assessed (đạt / chưa đạt / có nguy cơ)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._selected: int | None = None
        self._entry_for: int | None = None  # the indicator the entry row was loaded for
        self._saving = False  # a save's own reload shows what was stored

        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(self._default_year())
        self.model = RowsModel([], parent=self)
        self.table = read_only_table(self.model)
        # two indicators at the least: the window's least height still fits a laptop at 150 %
        # with the three years of figures below
        self.table.setMinimumHeight(rows_height(self.table, 2))

        self.form = IndicatorForm()
        self.save_button = QPushButton(self.tr("Lưu chỉ tiêu"))
        self.new_button = QPushButton(self.tr("Thêm chỉ tiêu mới"))
        self.delete_button = QPushButton(self.tr("Xóa chỉ tiêu…"))

        self.values_model = RowsModel([
            Column(self.tr("Năm"), lambda v: str(v.year)),
            Column(self.tr("Giá trị"), lambda v: format_decimal(figure_total(
                self._current_unit(), v.value, v.men, v.women)), align=RIGHT),
            Column(self.tr("Nam"), lambda v: format_decimal(v.men), align=RIGHT),
            Column(self.tr("Nữ"), lambda v: format_decimal(v.women), align=RIGHT),
            Column(self.tr("Đánh giá"), self._value_assessment,
                   color=lambda v: assessment_color(self._value_assessment_raw(v))),
            Column(self.tr("Ghi chú"), lambda v: v.note),
        ], id_of=lambda v: v.year, parent=self)
        self.values = read_only_table(self.values_model, single_selection=False, word_wrap=True)
        figures_header = self.values.horizontalHeader()
        figures_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the note takes the room the figures leave, cut short ("…") rather than pushing the
        # assessment out of a narrow box (its tooltip reads it whole)
        figures_header.setSectionResizeMode(self.values_model.columnCount() - 1,
                                            QHeaderView.ResizeMode.Stretch)
        # three years' figures show however short the window (a 1366×768 laptop at 150 %
        # showed one): the indicators table above gives up the room
        self.values.setMinimumHeight(rows_height(self.values, 3, sideways_bar=True))
        self.entry = ValueEntry()
        self.save_value_button = QPushButton(self.tr("Lưu số liệu"))
        self.delete_value_button = QPushButton(self.tr("Xóa số liệu năm…"))
        self.delete_value_button.setToolTip(self.tr(
            "Xóa số liệu của năm đang chọn trong bảng (phím Delete); có thể hoàn tác (Ctrl+Z)."))
        self.values_title = ShortTitle()  # the name reads whole in the form beside
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color: #2e7d32;")

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Năm đánh giá")))
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.status_label)

        form_box = QGroupBox(self.tr("Chỉ tiêu"))
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 0, 0)
        inner_layout.addWidget(self.form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        inner_layout.addLayout(buttons)
        inner_layout.addStretch(1)
        QVBoxLayout(form_box).addWidget(scrolling(inner))  # a short window: the form scrolls
        values_box = QGroupBox(self.tr("Số liệu thực hiện theo năm"))
        values_layout = QVBoxLayout(values_box)
        # over the figures it deletes (the selected rows), apart from the entry row's Save; on
        # the title's line, which leaves the figures the room of a line of their own
        title_row = QHBoxLayout()
        title_row.addWidget(self.values_title, 1)
        title_row.addWidget(self.delete_value_button)
        values_layout.addLayout(title_row)
        values_layout.addWidget(self.values, 1)
        values_layout.addWidget(self.entry)
        # under the figures, not beside them: beside, the box did not fit a 900-pixel window
        # next to the indicator's form, and the year field showed "025"
        button_row = QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.save_value_button)
        values_layout.addLayout(button_row)

        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(form_box)
        bottom.addWidget(values_box)
        bottom.setSizes([640, 700])
        vertical = QSplitter(Qt.Orientation.Vertical)
        vertical.addWidget(self.table)
        vertical.addWidget(bottom)
        vertical.setSizes([250, 480])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(vertical, 1)

        chain = [self.year, self.table, *self.form.editors(), self.save_button, self.new_button,
                 self.delete_button, self.values, self.delete_value_button,
                 *self.entry.editors(), self.save_value_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

        self.year.valueChanged.connect(self._year_changed)
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._row_chosen(cur.row()))
        self.values.clicked.connect(lambda index: self._figures_year_clicked(
            self.values_model.row_at(index.row()).year))
        self.save_button.clicked.connect(self.save)
        save_shortcut(form_box, self.save, self.save_button)
        save_shortcut(values_box, self.save_value, self.save_value_button)
        self.new_button.clicked.connect(self.new)
        self.delete_button.clicked.connect(self.delete)
        self.save_value_button.clicked.connect(self.save_value)
        self.delete_value_button.clicked.connect(self.delete_values)
        delete_key = QShortcut(QKeySequence.StandardKey.Delete, self.values)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete_values)
        for editor in self.entry.editors():
            editor.returnPressed.connect(self.save_value)
        self.entry.year.editingFinished.connect(self._entry_year_typed)
        ctx.data_changed.connect(self.reload)
        ctx.plan_changed.connect(lambda _id: self._plan_changed())
        self.reload()

    def _default_year(self) -> int:
        """The plan's evaluation year, by the rule the overview counts the indicators for."""
        plan = plans.get(self.ctx.db, self.ctx.plan_id) if self.ctx.plan_id else None
        return evaluation_year(plan, dt.date.today())

    def select_indicator(self, indicator_id: int | None, year: int | None = None) -> None:
        """Show *indicator_id* (None: the one shown stays) judged for *year* when given, as the
        overview listed it; unsaved edits are settled first, as a click in the table would."""
        if not self._settle_edits():
            return
        if year is not None:
            self.year.setValue(year)  # reloads when the year changes
        row = self.model.row_of_id(indicator_id) if indicator_id is not None else None
        if row is not None:
            self.table.selectRow(row)  # loads it (the edits are settled: nothing is asked)
            self.table.scrollTo(self.model.index(row, 0))

    def _plan_changed(self) -> None:
        self.year.setValue(self._default_year())  # reloads when the year changes
        self.reload()

    def _columns(self, target_years: list[int]) -> list[Column]:
        year = self.year.value()
        columns = [
            Column(self.tr("Mã"), lambda r: r.indicator.code),
            Column(self.tr("Chỉ tiêu"), lambda r: r.indicator.name),
            Column(self.tr("Đơn vị"), lambda r: r.indicator.unit),
            Column(self.tr("Chiều"), lambda r: "≥" if r.indicator.direction == ">=" else "≤",
                   align=Qt.AlignmentFlag.AlignHCenter),
        ]
        for ty in target_years:
            columns.append(Column(self.tr("Mục tiêu {0}").format(ty),
                                  lambda r, ty=ty: format_decimal(r.indicator.targets.get(ty)),
                                  align=RIGHT))
        for vy in (year - 1, year):
            columns.append(Column(self.tr("Thực hiện {0}").format(vy),
                                  lambda r, vy=vy: format_decimal(r.value(vy)), align=RIGHT))
        columns.append(Column(self.tr("Đánh giá {0}").format(year), lambda r: tr(r.assessment),
                              color=lambda r: assessment_color(r.assessment),
                              bold=lambda r: True, tooltip=self._judged_by))
        return columns

    def _judged_by(self, line: IndicatorLine) -> str:
        """Which target the year's figure was judged by (it may be a year not in a column)."""
        if line.target_year is None:
            return self.tr("Chỉ tiêu chưa có mục tiêu.")
        sign = "≥" if line.indicator.direction == ">=" else "≤"
        return self.tr("So với mục tiêu năm {0}: {1} {2}").format(
            line.target_year, sign, format_decimal(line.indicator.targets[line.target_year]))

    # Loading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        all_indicators = indicators.list_indicators(self.ctx.db)
        lines = make_lines(all_indicators, indicators.values(self.ctx.db), self.year.value())
        # the targets around the evaluation year, the one it is judged by among them
        target_years = target_columns({y for ind in all_indicators for y in ind.targets},
                                      self.year.value())
        self.model.set_columns(self._columns(target_years))
        self.model.set_rows(lines)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # A change made elsewhere (undo, the plan page) never overwrites what is being typed.
        if self.model.row_of_id(self._selected) is None:
            self._selected = lines[0].id if lines else None
            self.form.load(lines[0].indicator if lines else None)
        elif self._saving or not self.form.is_dirty():
            self.form.load(self._line().indicator)
        self._select_row(self._selected)
        self._load_values(keep_entry=True)

    def _line(self) -> IndicatorLine | None:
        row = self.model.row_of_id(self._selected)
        return self.model.row_at(row) if row is not None else None

    def _current_unit(self) -> str:
        line = self._line()
        return line.indicator.unit if line else ""

    def _select_row(self, ident: int | None) -> None:
        row = self.model.row_of_id(ident)
        sel = self.table.selectionModel()
        sel.blockSignals(True)
        if row is None:
            sel.clearSelection()
        else:
            sel.setCurrentIndex(self.model.index(row, 0),
                                QItemSelectionModel.SelectionFlag.ClearAndSelect
                                | QItemSelectionModel.SelectionFlag.Rows)
        sel.blockSignals(False)

    def _row_chosen(self, row: int) -> None:
        if row < 0:
            return
        line = self.model.row_at(row)
        if line.id == self._selected:
            return
        if not self._settle_edits():
            self._select_row(self._selected)  # stay on the indicator being edited
            return
        self._selected = line.id
        self.form.load(line.indicator)
        self.status_label.clear()
        self._load_values()

    def _settle_edits(self) -> bool:
        """Unsaved edits of the indicator or of its yearly figure: save or drop them, as the user
        chooses. False when the user cancels or what was typed cannot be saved."""
        form, entry = self.form.is_dirty(), self.entry.is_dirty()
        if not form and not entry:
            return True
        line = self._line()
        what = line.indicator.code if line else self.tr("mới")
        answer = messages.ask_save(self, self.tr("Chưa lưu"), self.tr(
            "Chỉ tiêu {0} có nội dung đang sửa chưa được lưu. Lưu lại trước khi tiếp tục?")
            .format(what))
        if answer == "discard":  # the stored figures shown again: nothing typed is kept
            self.form.load(line.indicator if line else None)
            self._load_entry(self.entry.loaded_year() or self.year.value())
            return True
        if answer != "save":
            return False
        return (not form or self.save()) and (not entry or self.save_value())

    def maybe_leave(self) -> bool:
        return self._settle_edits()

    @contextmanager
    def _saving_edits(self) -> Iterator[None]:
        self._saving = True
        try:
            yield
        finally:
            self._saving = False

    def _load_values(self, keep_entry: bool = False) -> None:
        """The chosen indicator's yearly figures, and the entry row: kept as typed when asked
        and still about the same indicator, else the stored figure of its year (or the page's
        year), so that saving a new value never wipes the men/women split or the note."""
        line = self._line()
        self.values_model.set_rows(sorted(line.values.values(), key=lambda v: v.year)
                                   if line else [])
        self.values_title.set_full_text(f"{line.indicator.code} — {line.indicator.name}" if line
                                        else self.tr("Chọn một chỉ tiêu trong bảng."))
        same = line is not None and self._entry_for == line.id
        # (saving the indicator keeps a figure being typed: "save both" saves it next)
        if not (keep_entry and same and self.entry.is_dirty()):
            year = self.entry.loaded_year() if keep_entry and same else None
            self._load_entry(year or self.year.value())
        else:  # kept as typed, checked against the unit as now saved ("%" become "người")
            self.entry.set_unit(self._current_unit())
        enabled = line is not None
        self.save_value_button.setEnabled(enabled)
        self.delete_value_button.setEnabled(bool(line and line.values))
        self.entry.setEnabled(enabled)

    def _year_changed(self, year: int) -> None:
        """Another evaluation year: the table follows, and so does the entry row unless
        something is being typed in it."""
        self.reload()
        if not self.entry.is_dirty() and self._line() is not None:
            self._load_entry(year)

    def _load_entry(self, year: int) -> None:
        line = self._line()
        stored = line.values.get(year) if line else None
        self.entry.load(stored or IndicatorValue(indicator_id=line.id if line else 0, year=year),
                        self._current_unit())
        self._entry_for = line.id if line else None

    def _figures_year_clicked(self, year: int) -> None:
        """A year clicked in the figures table brings its stored figures into the entry row.
        Figures typed there and not saved are settled first, as leaving the indicator settles
        them: saved, dropped, or kept as typed (Hủy, or they cannot be saved), the table then
        showing the year they are for. A click on that year itself keeps them as typed."""
        if not self.entry.is_dirty():
            self._load_entry(year)
            return
        typed = self._typed_year()
        if year == typed:
            return
        if not self._settle_entry():
            self._select_figures_year(typed)  # not the row clicked: the year being typed
            return
        self._load_entry(year)
        self._select_figures_year(year)  # (a save read the table again)

    def _typed_year(self) -> int | None:
        """The year of the figures in the entry row: as typed, else as loaded."""
        try:
            return parse_year(self.entry.year.text()) or self.entry.loaded_year()
        except ValueError:
            return self.entry.loaded_year()

    def _settle_entry(self) -> bool:
        """Unsaved figures in the entry row: save or drop them, as the user chooses. False when
        the user cancels or what was typed cannot be saved (it stays, its errors shown)."""
        line = self._line()
        code = line.indicator.code if line else ""
        year = self.entry.year.text().strip()
        what = (self.tr("Số liệu năm {0} của chỉ tiêu {1}").format(year, code) if year
                else self.tr("Số liệu của chỉ tiêu {0}").format(code))
        answer = messages.ask_save(self, self.tr("Chưa lưu"), self.tr(
            "{0} đang nhập chưa được lưu. Lưu lại trước khi tiếp tục?").format(what))
        if answer == "discard":
            return True
        return answer == "save" and self.save_value()

    def _select_figures_year(self, year: int | None) -> None:
        """Select *year*'s row of the figures table alone (none when it has no stored row)."""
        row = self.values_model.row_of_id(year) if year is not None else None
        select_row_quietly(self.values, row)

    def _entry_year_typed(self) -> None:
        """A year typed in the entry row brings that year's stored figures, unless figures were
        typed already (they are kept, for the new year)."""
        try:
            year = parse_year(self.entry.year.text())
        except ValueError:
            return
        if year is None or year == self.entry.loaded_year() or self.entry.figures_typed():
            return
        self._load_entry(year)

    def _value_assessment_raw(self, value: IndicatorValue) -> str:
        line = self._line()
        return assess_year(line.indicator, value, value.year)[1] if line else ""

    def _value_assessment(self, value: IndicatorValue) -> str:
        return tr(self._value_assessment_raw(value))

    # Actions ---------------------------------------------------------------------------------

    def new(self) -> None:
        if not self._settle_edits():
            return
        self._selected = None
        self._select_row(None)
        self.form.load(None)
        self._load_values()
        self.form.code.setFocus()

    def save(self) -> bool:
        try:
            ind = self.form.value()
        except InvalidInput:
            return False
        clash = next((i for i in indicators.list_indicators(self.ctx.db)
                      if i.code.casefold() == ind.code.casefold() and i.id != ind.id), None)
        if clash is not None:
            self.form.errors.show({"code": self.tr("Mã {0} đã dùng cho chỉ tiêu khác.")
                                   .format(clash.code)})
            return False
        try:
            with self._saving_edits():
                self._selected = self.ctx.perform(self.tr("Lưu chỉ tiêu {0}").format(ind.code),
                                                  lambda db: indicators.save(db, ind))
                self.reload()
        except (ValueError, sqlite3.DatabaseError) as exc:
            show_error(self, self.tr("Không lưu được chỉ tiêu"), without_gist(str(exc)))
            return False
        self.status_label.setText(self.tr("Đã lưu chỉ tiêu {0}.").format(ind.code))
        return True

    def delete(self) -> None:
        line = self._line()
        if line is None:
            return
        if not confirm(self, self.tr("Xóa chỉ tiêu"), self.tr(
                "Xóa chỉ tiêu {0} cùng mục tiêu và số liệu các năm của nó?\n"
                "Có thể hoàn tác bằng Ctrl+Z.").format(line.indicator.code)):
            return
        self.ctx.perform(self.tr("Xóa chỉ tiêu {0}").format(line.indicator.code),
                         lambda db: indicators.delete(db, line.id))

    def save_value(self) -> bool:
        line = self._line()
        if line is None:
            return False
        try:
            value = self.entry.value()
        except InvalidInput:
            return False
        value.indicator_id = line.id
        if value.year not in line.values and not self._year_expected(line, value.year):
            self.entry.year.setFocus()
            return False
        # the reload shows this year's stored figure; the indicator's unsaved edits in the
        # form beside stay as typed (not a save of the form: no _saving_edits)
        self.entry.load(value, self._current_unit())
        self.ctx.perform(self.tr("Lưu số liệu {0} năm {1}").format(line.indicator.code,
                                                                   value.year),
                         lambda db: indicators.save_value(db, value))
        line = self._line()
        if line is not None:
            new_text = tr(assess_year(line.indicator, line.values.get(self.year.value()),
                                      self.year.value())[1])
            self.status_label.setText(self.tr("Đã lưu số liệu {0} năm {1}. Đánh giá {2}: {3}.")
                                      .format(line.indicator.code, value.year,
                                              self.year.value(), new_text))
        return True

    def _year_expected(self, line: IndicatorLine, year: int) -> bool:
        """A figure for a year far from the plan and the indicator's targets (2052 typed for
        2025) is saved only once the user says it is meant."""
        plan = plans.get(self.ctx.db, self.ctx.plan_id) if self.ctx.plan_id else None
        low, high = expected_years(line.indicator, (plan.year, plan.year_to) if plan else (),
                                   self.year.value())
        if low <= year <= high:
            return True
        return confirm(self, self.tr("Kiểm tra năm"), self.tr(
            "Năm {0} nằm ngoài các năm của kế hoạch và mục tiêu của chỉ tiêu {1} ({2}–{3}).\n"
            "Lưu số liệu cho năm {0}?").format(year, line.indicator.code, low, high))

    def _chosen_years(self) -> list[int]:
        """The years selected in the figures table, else the entry row's year if stored."""
        line = self._line()
        if line is None:
            return []
        rows = sorted({index.row() for index in self.values.selectionModel().selectedRows()})
        years = [self.values_model.row_at(row).year for row in rows]
        if not years and self.entry.loaded_year() in line.values:
            years = [self.entry.loaded_year()]
        return years

    def delete_values(self) -> bool:
        """Delete the chosen years' figures of the indicator, as one step Ctrl+Z undoes."""
        line = self._line()
        years = self._chosen_years()
        if line is None or not years:
            self.status_label.setText(self.tr("Chọn năm cần xóa số liệu trong bảng."))
            return False
        listed = ", ".join(str(y) for y in years)
        if not confirm(self, self.tr("Xóa số liệu"), self.tr(
                "Xóa số liệu năm {0} của chỉ tiêu {1}?\nCó thể hoàn tác bằng Ctrl+Z.")
                .format(listed, line.indicator.code)):
            return False

        def delete(db) -> None:
            for year in years:
                indicators.delete_value(db, line.id, year)

        # (not as a save: an indicator's edits in the form beside stay as typed)
        self.ctx.perform(self.tr("Xóa số liệu {0} năm {1}").format(line.indicator.code, listed),
                         delete)
        self.status_label.setText(self.tr("Đã xóa số liệu {0} năm {1}.")
                                  .format(line.indicator.code, listed))
        return True
