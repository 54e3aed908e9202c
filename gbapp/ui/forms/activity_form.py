"""The form of one plan item: content, time frame, budget, agencies and indicators.

`load(item, …)` fills it, `value()` returns what to save, `validate()` shows the rules' messages
(from gbapp.domain.validation) under the fields. The page saves through ctx.perform.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import DateError, format_date, parse_date
from ...domain.entities import Agency, Assignment, Indicator, Item
from ...domain.model import Role, TimeFrame
from ...domain.validation import ActivityInput, format_money, parse_money, validate_activity
from ..models.activity_table import round_note
from ..widgets.agency_picker import AgencyListEditor, AgencyPicker
from ..widgets.date_edit import DateEdit
from ..widgets.line_edit import LineEdit
from ..widgets.shortcuts import revert_shortcut
from ..widgets.text_edit import TextEdit
from .field import ErrorLine, FieldBox, show_errors

BUDGET_SOURCES = ["Ngân sách tỉnh", "Lồng ghép chương trình, đề án", "Chương trình mục tiêu",
                  "Xã hội hóa", "Ngân sách Trung ương"]
ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass
class ActivityValue:
    """What the form saves: the item's fields, its agencies and its indicators."""

    item: Item
    lead_id: int | None = None
    coordinating: list[int] = field(default_factory=list)
    indicators: list[int] = field(default_factory=list)


def _text_box(lines: int, parent: QWidget) -> QPlainTextEdit:
    box = TextEdit(parent)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


class ActivityForm(QWidget):
    save_requested = Signal()
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._item: Item | None = None
        self._year: int | None = None
        self._year_to: int | None = None  # a multi-year programme's last year
        self._suggested: TimeFrame | None = None
        self._loading = False
        self.dirty = False

        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold;")
        self.title = _text_box(3, self)
        self.text = _text_box(4, self)
        self.is_activity = QCheckBox(self.tr("Là hoạt động cần theo dõi tiến độ"), self)
        self.tf_text = LineEdit(self)
        self.tf_text.setPlaceholderText(self.tr("như trong văn bản, ví dụ: Quý II/2025"))
        self.suggestion = QLabel(self)
        self.use_suggestion = QPushButton(self.tr("Dùng các ngày này"), self)
        self.start = DateEdit(self)
        self.end = DateEdit(self)
        self.recurring = QCheckBox(self.tr("Thường xuyên"), self)
        # a recurring activity is due at the end of each year's round, not on its last day
        self.round_note = QLabel(self)
        self.round_note.setWordWrap(True)
        self.round_note.setStyleSheet("color: #555;")
        self.round_note.hide()
        self.fixed_today: dt.date | None = None  # tests pin "today"; else the real date
        self.output = LineEdit(self)
        self.budget = LineEdit(self)
        self.budget.setPlaceholderText(self.tr("đồng, ví dụ: 15.000.000"))
        self.budget_source = QComboBox(self)
        self.budget_source.setEditable(True)
        self.budget_source.addItems([""] + [self.tr(s) for s in BUDGET_SOURCES])
        # Sized by what fits, not by the longest source, so the form still fits at 1024 px.
        self.budget_source.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.budget_source.setMinimumContentsLength(8)
        self.lead = AgencyPicker(self)
        self.coordinating = AgencyListEditor(self)
        self.indicators = QListWidget(self)
        self.indicators.setMaximumHeight(120)
        self.save_button = QPushButton(self.tr("Lưu"), self)
        self.save_button.setToolTip(self.tr("Lưu mục này (Ctrl+S)"))
        self.revert_button = QPushButton(self.tr("Hoàn lại"), self)
        self.revert_button.setToolTip(self.tr("Bỏ các thay đổi chưa lưu của mục này"))

        self.date_errors, self.money_errors = ErrorLine(self), ErrorLine(self)
        self.boxes = {
            "title": FieldBox(self.title),
            "start": FieldBox(self.start, line=self.date_errors),
            "end": FieldBox(self.end, line=self.date_errors),
            "budget": FieldBox(self.budget, line=self.money_errors),
            "lead": FieldBox(self.lead), "coordinating": FieldBox(self.coordinating),
        }
        self._build_layout()
        self._connect()
        self.setEnabled(False)

    def _build_layout(self) -> None:
        suggest_row = QHBoxLayout()
        suggest_row.setContentsMargins(0, 0, 0, 0)
        suggest_row.addWidget(self.suggestion, 1)
        suggest_row.addWidget(self.use_suggestion)
        self.suggestion.hide()
        self.use_suggestion.hide()
        dates = QHBoxLayout()
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(QLabel(self.tr("Từ"), self))
        dates.addWidget(self.boxes["start"], 1)
        dates.addWidget(QLabel(self.tr("đến"), self))
        dates.addWidget(self.boxes["end"], 1)
        dates.addWidget(self.recurring)
        money = QHBoxLayout()
        money.setContentsMargins(0, 0, 0, 0)
        money.addWidget(self.boxes["budget"], 1)
        money.addWidget(QLabel(self.tr("Nguồn"), self))
        money.addWidget(self.budget_source, 1)
        dates_row, money_row = QVBoxLayout(), QVBoxLayout()
        for row, fields, errors in ((dates_row, dates, self.date_errors),
                                    (money_row, money, self.money_errors)):
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(2)
            row.addLayout(fields)
            if row is dates_row:
                row.addWidget(self.round_note)
            row.addWidget(errors)  # the row's messages, the full width of the form

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Nội dung"), self.boxes["title"])
        form.addRow(self.tr("Diễn giải"), self.text)
        form.addRow("", self.is_activity)
        form.addRow(self.tr("T&hời gian"), self.tf_text)  # Alt+T opens the «Tệp» menu
        form.addRow("", suggest_row)
        form.addRow(self.tr("Ngày"), dates_row)
        form.addRow(self.tr("Sản phẩm"), self.output)
        form.addRow(self.tr("Kinh phí"), money_row)
        form.addRow(self.tr("&Chủ trì"), self.boxes["lead"])
        form.addRow(self.tr("&Phối hợp"), self.boxes["coordinating"])
        form.addRow(self.tr("Chỉ tiêu"), self.indicators)
        top = QHBoxLayout()  # Save stays in view however long the form is
        top.addWidget(self.heading, 1)
        top.addWidget(self.revert_button)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addStretch(1)

        order = [self.title, self.text, self.is_activity, self.tf_text, self.use_suggestion,
                 self.start, self.end, self.recurring, self.output, self.budget,
                 self.budget_source, self.lead, self.coordinating.picker,
                 self.coordinating.add_button, self.coordinating.remove_button,
                 self.coordinating.list, self.indicators, self.revert_button, self.save_button]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        for edit in (self.title, self.text):
            edit.textChanged.connect(self._mark_dirty)
        for line in (self.tf_text, self.start, self.end, self.output, self.budget, self.lead):
            line.textEdited.connect(self._mark_dirty)
        self.budget_source.currentTextChanged.connect(self._mark_dirty)
        for box in (self.is_activity, self.recurring):
            box.toggled.connect(self._mark_dirty)
        self.coordinating.changed.connect(self._mark_dirty)
        # a name typed in «Phối hợp» but not yet added is an edit too: leaving asks about it
        self.coordinating.picker.textEdited.connect(self._mark_dirty)
        self.indicators.itemChanged.connect(self._mark_dirty)
        self.tf_text.editingFinished.connect(self.suggest_dates)
        for edit in (self.start, self.end):
            edit.textChanged.connect(self._show_round)
        self.recurring.toggled.connect(self._show_round)
        self.use_suggestion.clicked.connect(self.apply_suggestion)
        self.budget.editingFinished.connect(self._normalise_budget)
        self.save_button.clicked.connect(self.save_requested)
        self.revert_button.clicked.connect(self.revert)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save_requested)
        revert_shortcut(self, lambda: self.dirty, self.revert, self.revert_button,
                        what=self.tr("mục này"))

    def _mark_dirty(self, *_args) -> None:
        if not self._loading:
            self.dirty = True
            self.changed.emit()

    # -- choices and loading -------------------------------------------------------------------
    def set_choices(self, agencies: list[Agency], indicators: list[Indicator]) -> None:
        """The agencies (in Vietnamese order) and indicators the user can pick from."""
        pairs = [(a.id, a.name) for a in agencies if a.id is not None]
        self.lead.set_agencies(pairs)
        self.coordinating.set_agencies(pairs)
        self._loading = True
        self.indicators.clear()
        for ind in indicators:
            entry = QListWidgetItem(f"{ind.code} — {ind.name}")
            entry.setToolTip(ind.name)
            entry.setData(ID_ROLE, ind.id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.indicators.addItem(entry)
        self._loading = False

    def load(self, item: Item | None, assignments: list[Assignment] | None = None,
             linked: list[int] | None = None, *, heading: str = "", year: int | None = None,
             year_to: int | None = None) -> None:
        """Show *item* (None: an empty, disabled form); *year* (to *year_to* for a programme)
        is the plan's, for reading the time frame as written."""
        self._loading = True
        self._item = copy.deepcopy(item)
        self._year, self._year_to = year, year_to
        self.setEnabled(item is not None)
        item = item or Item()
        self.heading.setText(heading)
        self.title.setPlainText(item.title)
        self.text.setPlainText(item.text)
        self.is_activity.setChecked(item.is_activity)
        self.tf_text.setText(item.time_frame.text)
        self.start.set_date(item.time_frame.start)
        self.end.set_date(item.time_frame.end)
        self.recurring.setChecked(item.time_frame.recurring)
        self.output.setText(item.output)
        self.budget.setText(format_money(item.budget))
        self.budget_source.setCurrentText(item.budget_source)
        lead = next((a.agency_id for a in assignments or [] if a.role == Role.LEAD), None)
        self.lead.set_agency_id(lead)
        self.coordinating.set_ids([a.agency_id for a in assignments or []
                                   if a.role == Role.COORDINATING])
        wanted = set(linked or [])
        for row in range(self.indicators.count()):
            entry = self.indicators.item(row)
            entry.setCheckState(Qt.CheckState.Checked if entry.data(ID_ROLE) in wanted
                                else Qt.CheckState.Unchecked)
        self._hide_suggestion()
        for box in self.boxes.values():
            box.set_error(None)
        self._loading = False
        self.dirty = False
        self._show_round()

    def item_id(self) -> int | None:
        return self._item.id if self._item else None

    def revert(self) -> None:
        """Forget the edits: the page reloads the stored item."""
        self.dirty = False
        self.changed.emit()

    # -- time frame ----------------------------------------------------------------------------
    def suggest_dates(self) -> None:
        """Offer the dates read from the written time frame ("Quý II/2025" → 01/04–30/06)."""
        try:
            from ...domain.timeframe import over_programme, parse_time_frame
        except ImportError:  # the parser is not in this build
            return
        text = self.tf_text.text().strip()
        year = self._year or dt.date.today().year
        parsed = parse_time_frame(text, year) if text else None
        if self._year_to:  # "Hằng năm" in a 2026–2030 programme runs to 2030, as at import
            parsed = over_programme(parsed, year, self._year_to)
        if parsed is None or (parsed.start is None and parsed.end is None and not parsed.recurring):
            self._hide_suggestion()
            return
        if (self._date_or_none(self.start), self._date_or_none(self.end),
                self.recurring.isChecked()) == (parsed.start, parsed.end, parsed.recurring):
            self._hide_suggestion()
            return
        self._suggested = parsed
        if parsed.recurring and not parsed.end:
            self.suggestion.setText(self.tr("Đọc được: thường xuyên, không có hạn"))
        else:
            self.suggestion.setText(self.tr("Đọc được: từ %1 đến %2")
                                    .replace("%1", format_date(parsed.start) or "…")
                                    .replace("%2", format_date(parsed.end) or "…"))
        self.suggestion.show()
        self.use_suggestion.show()

    def apply_suggestion(self) -> None:
        if self._suggested is None:
            return
        self.start.set_date(self._suggested.start)
        self.end.set_date(self._suggested.end)
        self.recurring.setChecked(self._suggested.recurring)
        self._hide_suggestion()
        self._mark_dirty()

    def _show_round(self, *_args) -> None:
        """Under the dates of a recurring activity over several years, the due of this year's
        round (the one the activities page shows as «Hạn»), not its last day."""
        note = ""
        if self.recurring.isChecked():
            note = round_note(self._date_or_none(self.start), self._date_or_none(self.end), True,
                              self.fixed_today or dt.date.today())
        self.round_note.setText(note)
        self.round_note.setVisible(bool(note))

    def _hide_suggestion(self) -> None:
        self._suggested = None
        self.suggestion.hide()
        self.use_suggestion.hide()

    @staticmethod
    def _date_or_none(edit: DateEdit) -> dt.date | None:
        try:
            return edit.date()
        except DateError:
            return None

    def _normalise_budget(self) -> None:
        try:
            value = parse_money(self.budget.text())
        except ValueError:
            return
        self.budget.setText(format_money(value))

    # -- validation and value ------------------------------------------------------------------
    def input(self) -> ActivityInput:
        unknown = (self.coordinating.pending_text(),) if self.coordinating.pending_text() else ()
        return ActivityInput(
            title=self.title.toPlainText(), is_activity=self.is_activity.isChecked(),
            start_text=self.start.text(), end_text=self.end.text(), budget_text=self.budget.text(),
            lead_text=self.lead.text(), lead_id=self.lead.agency_id(),
            unknown_coordinating=unknown)

    def validate(self) -> bool:
        """Show every problem under its field; True if there is none."""
        # a known agency typed in «Phối hợp» and saved without Enter or «Thêm» is added, as the
        # picker shows it resolved; only a name not in the list is left to complain about
        self.coordinating.add_typed()
        errors = validate_activity(self.input())
        show_errors(self.boxes, errors)
        return not errors

    def value(self) -> ActivityValue:
        """The edited item (call validate() first: invalid text raises)."""
        assert self._item is not None, "no item loaded"
        item = copy.deepcopy(self._item)
        item.title = self.title.toPlainText()
        item.text = self.text.toPlainText()
        item.is_activity = self.is_activity.isChecked()
        item.time_frame = TimeFrame(self.tf_text.text(), parse_date(self.start.text()),
                                    parse_date(self.end.text()), self.recurring.isChecked())
        item.output = self.output.text()
        item.budget = parse_money(self.budget.text())
        item.budget_source = self.budget_source.currentText()
        indicators = [self.indicators.item(r).data(ID_ROLE) for r in range(self.indicators.count())
                      if self.indicators.item(r).checkState() == Qt.CheckState.Checked]
        return ActivityValue(item, self.lead.agency_id(), self.coordinating.ids(), indicators)
