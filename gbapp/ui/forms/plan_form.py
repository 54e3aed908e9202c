"""The plan's metadata: number, dates, issuer, signer, title, legal bases, recipients."""

from __future__ import annotations

import copy

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_date, parse_date
from ...domain.entities import Plan
from ...domain.model import LegalBasis
from ...domain.validation import validate_dates
from ..widgets.date_edit import DateEdit
from ..widgets.line_edit import LineEdit
from ..widgets.shortcuts import revert_shortcut, save_shortcut
from ..widgets.tables import EditableTable
from ..widgets.text_edit import TextEdit
from .field import FieldBox, show_errors

# "Dẫn bằng": how the plan cites it ("Căn cứ", "Thực hiện"; empty: by its type)
BASIS_COLUMNS = ("Dẫn bằng", "Loại văn bản", "Số, ký hiệu", "Ngày", "Cơ quan ban hành", "Trích yếu")


class PlanForm(QWidget):
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._plan: Plan | None = None
        self._snapshot: tuple = ()
        self.number = LineEdit(self)
        self.number.setPlaceholderText("93/KH-UBND")
        self.issued_on = DateEdit(self)
        self.effective_on = DateEdit(self)
        self.year = QSpinBox(self)
        self.year.setRange(0, 2100)
        self.year.setSpecialValueText(self.tr("(chưa rõ)"))
        # the last year of a multi-year programme ("giai đoạn 2026 - 2030"); none: a yearly plan
        self.year_to = QSpinBox(self)
        self.year_to.setRange(0, 2100)
        self.year_to.setSpecialValueText(self.tr("(một năm)"))
        self.year_to.setToolTip(self.tr(
            "Năm cuối của chương trình nhiều năm: việc «hằng năm» kéo dài đến hết năm này. "
            "Để «(một năm)» với kế hoạch một năm."))
        self.issuer = LineEdit(self)
        self.place = LineEdit(self)
        self.signer = LineEdit(self)
        self.signer_authority = LineEdit(self)
        self.signer_authority.setPlaceholderText("KT. CHỦ TỊCH")
        self.signer_title = LineEdit(self)
        self.signer_title.setPlaceholderText("PHÓ CHỦ TỊCH")
        self.title = TextEdit(self)
        self.title.setTabChangesFocus(True)
        self.title.setFixedHeight(self.title.fontMetrics().lineSpacing() * 3 + 14)
        self.bases = EditableTable(0, len(BASIS_COLUMNS), self)  # Tab gets out of it
        self.bases.setHorizontalHeaderLabels([self.tr(c) for c in BASIS_COLUMNS])
        basis_header = self.bases.horizontalHeader()
        basis_header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        basis_header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.bases.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.bases.setMinimumHeight(120)
        self.add_basis = QPushButton(self.tr("Thêm căn cứ"), self)
        self.remove_basis = QPushButton(self.tr("Bỏ căn cứ"), self)
        self.recipients = TextEdit(self)
        self.recipients.setTabChangesFocus(True)
        self.recipients.setPlaceholderText(self.tr("Mỗi dòng một nơi nhận"))
        self.recipients.setFixedHeight(self.recipients.fontMetrics().lineSpacing() * 4 + 14)
        self.save_button = QPushButton(self.tr("Lưu thông tin kế hoạch"), self)
        self.boxes = {"number": FieldBox(self.number), "issued_on": FieldBox(self.issued_on),
                      "effective_on": FieldBox(self.effective_on), "bases": FieldBox(self.bases)}

        # the dates and the years on two rows: on one, the form was wider than its tab even at
        # 1366 px, and its right edge (the last year, the signer, the Save button) was cut off
        dates = QHBoxLayout()
        dates.addWidget(self.boxes["issued_on"], 1)
        dates.addWidget(self.boxes["effective_on"], 1)
        years = QHBoxLayout()
        years.addWidget(self.year)
        years.addWidget(QLabel(self.tr("đến"), self))
        years.addWidget(self.year_to)
        years.addStretch(1)
        signer = QHBoxLayout()  # "KT. CHỦ TỊCH" "PHÓ CHỦ TỊCH"; the name has a row of its own
        signer.addWidget(self.signer_authority, 1)
        signer.addWidget(self.signer_title, 1)
        basis_buttons = QHBoxLayout()
        basis_buttons.addWidget(self.add_basis)
        basis_buttons.addWidget(self.remove_basis)
        basis_buttons.addStretch(1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Số, ký hiệu"), self.boxes["number"])
        form.addRow(self.tr("Ngày ban hành, hiệu lực"), dates)
        form.addRow(self.tr("Năm"), years)
        form.addRow(self.tr("Cơ quan ban hành"), self.issuer)
        form.addRow(self.tr("Địa danh"), self.place)
        form.addRow(self.tr("Người ký"), self.signer)
        form.addRow(self.tr("Quyền hạn, chức vụ"), signer)
        form.addRow(self.tr("Trích yếu"), self.title)
        form.addRow(self.tr("Căn cứ"), self.boxes["bases"])
        form.addRow("", basis_buttons)
        form.addRow(self.tr("Nơi nhận"), self.recipients)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)

        order = [self.number, self.issued_on, self.effective_on, self.year, self.year_to,
                 self.issuer, self.place, self.signer, self.signer_authority, self.signer_title,
                 self.title, self.bases, self.add_basis, self.remove_basis, self.recipients,
                 self.save_button]  # as they read, top to bottom and left to right
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

        self.add_basis.clicked.connect(lambda: self._append_basis(LegalBasis()))
        self.remove_basis.clicked.connect(self._remove_basis)
        self.save_button.clicked.connect(self.save_requested)
        save_shortcut(self, self.save_requested.emit, self.save_button)
        revert_shortcut(self, self.is_dirty, self.revert, what=self.tr("thông tin kế hoạch"))
        self.number.textChanged.connect(lambda _t: self.boxes["number"].set_error(None))
        self.setEnabled(False)

    def load(self, plan: Plan | None) -> None:
        self._plan = copy.deepcopy(plan)
        self.setEnabled(plan is not None)
        plan = plan or Plan()
        number = plan.number or ""
        self.number.setText(number)
        self.issued_on.set_date(plan.issued_on)
        self.effective_on.set_date(plan.effective_on)
        self.year.setValue(plan.year or 0)
        self.year_to.setValue(plan.year_to or 0)
        for edit, value in ((self.issuer, plan.issuer), (self.place, plan.place),
                            (self.signer, plan.signer),
                            (self.signer_authority, plan.signer_authority),
                            (self.signer_title, plan.signer_title)):
            edit.setText(value or "")
        self.title.setPlainText(plan.title or "")
        self.bases.setRowCount(0)
        for basis in plan.legal_bases:
            self._append_basis(basis)
        self.recipients.setPlainText("\n".join(plan.recipients))
        for box in self.boxes.values():
            box.set_error(None)
        self._snapshot = self._texts()

    def revert(self) -> None:
        """Back to the plan as loaded, without what was typed since (Esc)."""
        self.load(self._plan)

    def plan_id(self) -> int | None:
        return self._plan.id if self._plan is not None else None

    def is_dirty(self) -> bool:
        """Whether the fields differ from what load() put in them (unsaved edits). Compares the
        texts as typed, so that a date not yet valid counts as an edit rather than an error."""
        return self._plan is not None and self._texts() != self._snapshot

    def _texts(self) -> tuple:
        edits = (self.number, self.issued_on, self.effective_on, self.issuer, self.place,
                 self.signer, self.signer_authority, self.signer_title)
        bases = tuple(tuple(self._cell(r, c) for c in range(len(BASIS_COLUMNS)))
                      for r in range(self.bases.rowCount()))
        return (tuple(e.text().strip() for e in edits), self.year.value(), self.year_to.value(),
                self.title.toPlainText().strip(), bases,
                tuple(line.strip() for line in self.recipients.toPlainText().splitlines()
                      if line.strip()))

    def _append_basis(self, basis: LegalBasis) -> None:
        row = self.bases.rowCount()
        self.bases.insertRow(row)
        for col, text in enumerate((basis.verb, basis.doc_type, basis.number,
                                    format_date(basis.issued_on), basis.issuer, basis.summary)):
            self.bases.setItem(row, col, QTableWidgetItem(text))

    def _remove_basis(self) -> None:
        for row in sorted({i.row() for i in self.bases.selectedIndexes()}, reverse=True):
            self.bases.removeRow(row)

    def _cell(self, row: int, col: int) -> str:
        item = self.bases.item(row, col)
        return item.text().strip() if item else ""

    def validate(self) -> bool:
        fields = {"issued_on": self.issued_on.text(), "effective_on": self.effective_on.text()}
        errors = validate_dates(fields)
        basis_dates = {f"{r + 1}": self._cell(r, 3) for r in range(self.bases.rowCount())}
        bad = validate_dates(basis_dates)
        if bad:
            row, message = next(iter(bad.items()))
            errors["bases"] = self.tr("Căn cứ dòng %1: ").replace("%1", row) + message
        show_errors(self.boxes, errors)
        return not errors

    def show_number_error(self, text: str) -> None:
        """A number the form cannot check itself (another plan has it): said under the field,
        as the form's own errors are, with the focus there; it goes once the number changes."""
        show_errors({"number": self.boxes["number"]}, {"number": text})

    def value(self) -> Plan:
        assert self._plan is not None, "no plan loaded"
        plan = copy.deepcopy(self._plan)
        plan.number = self.number.text().strip() or None
        plan.issued_on = parse_date(self.issued_on.text())
        plan.effective_on = parse_date(self.effective_on.text())
        plan.year = self.year.value() or None
        last = self.year_to.value() or None  # a last year not after the first: a yearly plan
        plan.year_to = last if last and plan.year and last > plan.year else None
        plan.issuer = self.issuer.text()
        plan.place = self.place.text()
        plan.signer = self.signer.text()
        plan.signer_authority = self.signer_authority.text()
        plan.signer_title = self.signer_title.text()
        plan.title = self.title.toPlainText()
        plan.legal_bases = [
            LegalBasis(verb=self._cell(r, 0), doc_type=self._cell(r, 1), number=self._cell(r, 2),
                       issued_on=parse_date(self._cell(r, 3)), issuer=self._cell(r, 4),
                       summary=self._cell(r, 5))
            for r in range(self.bases.rowCount())
            if any(self._cell(r, c) for c in range(1, len(BASIS_COLUMNS)))]
        plan.recipients = [line.strip() for line in self.recipients.toPlainText().splitlines()
                           if line.strip()]
        return plan
