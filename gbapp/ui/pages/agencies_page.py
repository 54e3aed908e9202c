"""AgenciesPage: the list of agencies, their form, deactivation and merging into a successor."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_date
from ...domain.entities import Agency
from ...domain.text import fold, without_gist
from ...domain.validation import InvalidInput
from ...store import agencies, assignments, periods, plans, progress
from ..context import AppContext
from ..dialogs import messages
from ..widgets.shortcuts import save_shortcut
from ..widgets.tables import read_only_table, select_row_quietly
from .parts.agency_form import AgencyForm
from .parts.forms import confirm, show_error
from .parts.labels import AGENCY_KINDS, AGENCY_LEVELS, label_of
from .parts.merge_dialog import MergeDialog, MergePreview
from .parts.scrolling import scrolling
from .parts.table_model import Column, RowsModel


class AgenciesPage(QWidget):
    """Agencies in Vietnamese order, searchable without diacritics; edit, deactivate, merge."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.today = dt.date.today  # replaced in tests
        self._names: dict[int, str] = {}
        self.merge_dialog: MergeDialog | None = None

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Tìm cơ quan (gõ không dấu cũng được)…"))
        self.search.setClearButtonEnabled(True)
        self.show_inactive = QCheckBox(self.tr("Hiện cả cơ quan đã ngừng hoạt động"))
        self.show_inactive.setChecked(True)
        self.model = RowsModel(self._columns(), muted=lambda a: not a.active, parent=self)
        self.table = read_only_table(self.model)
        header = self.table.horizontalHeader()
        # short columns as wide as their contents, the name as wide as the user leaves it: at
        # 1366 px every column shows without scrolling sideways ("Trạng thái" was cut)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(200)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(0, 240)
        self.count_label = QLabel()

        self.form = AgencyForm()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Lưu"))
        self.save_button.setDefault(True)
        self.new_button = QPushButton(self.tr("Thêm mới"))
        self.active_button = QPushButton(self.tr("Ngừng hoạt động…"))
        self.merge_button = QPushButton(self.tr("Sáp nhập vào…"))

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.show_inactive)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)

        box = QGroupBox(self.tr("Thông tin cơ quan"))
        inner = QWidget()
        box_layout = QVBoxLayout(inner)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(self.form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        box_layout.addLayout(buttons)
        more = QHBoxLayout()
        more.addWidget(self.active_button)
        more.addWidget(self.merge_button)
        more.addStretch(1)
        box_layout.addLayout(more)
        box_layout.addWidget(self.status_label)
        box_layout.addStretch(1)
        QVBoxLayout(box).addWidget(scrolling(inner))  # a short window: the form scrolls

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([960, 400])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        editors = self.form.editors()
        chain = [self.search, self.show_inactive, self.table, *editors, self.save_button,
                 self.new_button, self.active_button, self.merge_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

        self.search.textChanged.connect(lambda _t: self.reload())
        self.show_inactive.toggled.connect(lambda _on: self.reload())
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._row_chosen(cur.row()))
        self.table.selectionModel().selectionChanged.connect(
            lambda _new, _old: self._selection_changed())
        self.save_button.clicked.connect(self.save)
        for line in (self.form.name, self.form.short_name, self.form.valid_from,
                     self.form.valid_to):  # Enter in any one-line field saves
            line.returnPressed.connect(self.save)
        save_shortcut(box, self.save, self.save_button)
        self.new_button.clicked.connect(self.new)
        self.active_button.clicked.connect(self.toggle_active)
        self.merge_button.clicked.connect(self.start_merge)
        find = QShortcut(QKeySequence.StandardKey.Find, self)  # Ctrl+F, as on the activities page
        find.activated.connect(lambda: (self.search.setFocus(), self.search.selectAll()))
        ctx.data_changed.connect(self.reload)
        ctx.plan_changed.connect(lambda _id: self.reload())
        self.form.load(None)
        self.reload()

    def _columns(self) -> list[Column]:
        right = Qt.AlignmentFlag.AlignLeft
        return [
            Column(self.tr("Tên cơ quan, đơn vị"), lambda a: a.name),
            Column(self.tr("Viết tắt"), lambda a: a.short_name),
            Column(self.tr("Loại"), lambda a: label_of(AGENCY_KINDS, a.kind)),
            Column(self.tr("Cấp"), lambda a: label_of(AGENCY_LEVELS, a.level)),
            Column(self.tr("Hiệu lực đến"), lambda a: format_date(a.valid_to), align=right),
            Column(self.tr("Cơ quan kế thừa"), lambda a: self._names.get(a.successor_id, "")),
            Column(self.tr("Trạng thái"),
                   lambda a: self.tr("Đang hoạt động") if a.active else self.tr("Ngừng hoạt động")),
        ]

    # Loading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read the list (after any change, undo or redo) keeping the selected agency."""
        keep = self.form.agency_id()
        everyone = agencies.list_agencies(self.ctx.db, include_inactive=True)
        self._names = {a.id: a.name for a in everyone}
        shown = agencies.list_agencies(self.ctx.db, include_inactive=self.show_inactive.isChecked(),
                                       text=self.search.text().strip())
        self.model.set_rows(shown)
        self.count_label.setText(self.tr("{0} / {1} cơ quan").format(len(shown), len(everyone)))
        if keep is not None:
            current = agencies.get(self.ctx.db, keep)
            if current is None:
                self.form.load(None)
            elif not self.form.is_dirty():
                self.form.load(current)
            self._select_row(keep)
        self._update_buttons()

    def _select_row(self, agency_id: int | None) -> None:
        """Select the row of *agency_id*; none for a new agency (or one not in the list), and
        then no current row either: else clicking the row last edited changed nothing."""
        row = self.model.row_of_id(agency_id)
        select_row_quietly(self.table, row)
        if row is None:
            selection = self.table.selectionModel()
            selection.blockSignals(True)
            selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
            selection.blockSignals(False)

    def _row_chosen(self, row: int) -> None:
        if row < 0:
            return
        target = self.model.row_at(row).id
        if target == self.form.agency_id():
            return
        if not self.maybe_leave():  # stay on the agency being edited, its typing kept
            self._select_row(self.form.agency_id())
            return
        agency = agencies.get(self.ctx.db, target)  # a save reloaded the list: read it again
        self.form.load(agency)
        self._select_row(target if agency is not None else None)
        self.status_label.clear()
        self._update_buttons()

    def _selection_changed(self) -> None:
        """A mouse press goes on after currentRowChanged was answered and selects the row under
        the mouse: when the user stayed on the agency being edited (or a save re-sorted the list
        meanwhile), the selection, then away from the current row, goes back to the form's."""
        current = self.table.currentIndex()
        rows = {index.row() for index in self.table.selectionModel().selectedIndexes()}
        if rows != ({current.row()} if current.isValid() else set()):
            self._select_row(self.form.agency_id())

    def _update_buttons(self) -> None:
        current = self.form.loaded()
        exists = current.id is not None
        self.active_button.setEnabled(exists)
        self.merge_button.setEnabled(exists)
        self.active_button.setText(self.tr("Ngừng hoạt động…") if current.active or not exists
                                   else self.tr("Hoạt động trở lại"))

    # Actions ---------------------------------------------------------------------------------

    def new(self) -> None:
        if not self.maybe_leave():  # the agency being edited: save, drop or stay
            return
        self.form.load(None)
        self._select_row(None)
        self.status_label.clear()
        self._update_buttons()
        self.form.name.setFocus()

    def save(self) -> bool:
        try:
            agency = self.form.value()
        except InvalidInput:
            return False
        same = agencies.find_by_name(self.ctx.db, agency.name)
        other = agencies.get(self.ctx.db, same) if same is not None else None
        # "So Noi vu" typed without accents is "Sở Nội vụ", not a second agency.
        if other is not None and other.id != agency.id and fold(other.name) == fold(agency.name):
            same_spelling = other.name.casefold() == agency.name.casefold()
            self.form.show_errors({"name": (
                self.tr("Đã có cơ quan «{0}».") if same_spelling else
                self.tr("Đã có cơ quan «{0}» (cùng tên khi bỏ dấu).")).format(other.name)})
            return False
        try:
            new_id = self.ctx.perform(self.tr("Lưu cơ quan"), lambda db: agencies.save(db, agency))
        except ValueError as exc:  # the store's own rule on names
            self.form.show_errors({"name": without_gist(str(exc))})
            return False
        except sqlite3.IntegrityError:
            self.form.show_errors({"name": self.tr("Đã có cơ quan khác cùng tên.")})
            return False
        saved = agencies.get(self.ctx.db, new_id)
        self.form.load(saved)
        self.reload()
        self.status_label.setText(self.tr("Đã lưu «{0}».").format(agency.name))
        return True

    def maybe_leave(self) -> bool:
        """Before another row, a new agency, a merge, a change of status, the database closing,
        another plan or an undo: save or drop the agency form's unsaved edits, as the user
        chooses (dropped: the form shows the agency as stored). False when the user cancels or
        what was typed cannot be saved (the red fields say why): then nothing may change."""
        if not self.form.is_dirty():
            return True
        answer = messages.ask_save(self, self.tr("Chưa lưu"), self.tr(
            "Thông tin «{0}» đang sửa chưa được lưu. Lưu lại trước khi tiếp tục?")
            .format(self.form.name.text() or self.tr("cơ quan mới")))
        if answer == "discard":
            self.form.load(self.form.loaded())
            return True
        return answer == "save" and self.save()

    def toggle_active(self) -> None:
        # Deactivating uses the end date typed (the confirmation shows it and it is stored):
        # only other unsaved typing, which the reload after the change would drop, is asked about.
        agency = self.form.loaded()
        if agency.id is None:
            return
        uses_typed_end = agency.active and self.form.dirty_fields() <= {"valid_to"}
        if not uses_typed_end and not self.maybe_leave():
            return
        agency = self.form.loaded()  # as saved just now, if the user chose to save
        if not agency.active:
            again = dataclasses.replace(agency, active=True)
            self.ctx.perform(self.tr("Cho cơ quan hoạt động trở lại"),
                             lambda db: agencies.save(db, again))
            self._reload_form(agency.id)
            self.status_label.setText(self.tr("«{0}» hoạt động trở lại.").format(agency.name))
            return
        try:
            typed = self.form.value().valid_to
        except InvalidInput:
            return
        on = typed or self.today()
        if not confirm(self, self.tr("Ngừng hoạt động"), self.tr(
                "Ngừng hoạt động «{0}» từ ngày {1}?\nCơ quan không bị xóa: phân công và báo cáo "
                "cũ vẫn giữ nguyên, chỉ không còn được chọn cho việc mới.")
                .format(agency.name, format_date(on))):
            return
        self.ctx.perform(self.tr("Ngừng hoạt động cơ quan"),
                         lambda db: agencies.deactivate(db, agency.id, on))
        self._reload_form(agency.id)
        self.status_label.setText(self.tr("«{0}» đã ngừng hoạt động từ {1}.")
                                  .format(agency.name, format_date(on)))

    def _reload_form(self, agency_id: int) -> None:
        """Show the agency as stored after a change of status or a merge (the callers settled
        any typing first: the form's copy of the agency is stale, saving it would undo them)."""
        self.form.load(agencies.get(self.ctx.db, agency_id))
        self._select_row(agency_id)
        self._update_buttons()

    def start_merge(self) -> None:
        """Open the merge dialog (window-modal, not blocking); the merge runs on OK. Unsaved
        typing is saved or dropped first, as the user chooses: the merge reloads the form."""
        if self.form.loaded().id is None or not self.maybe_leave():
            return
        agency = self.form.loaded()  # as saved just now, if the user chose to save
        candidates = agencies.list_agencies(self.ctx.db, include_inactive=False)
        dialog = MergeDialog(self)
        dialog.load(agency, candidates, lambda successor: self.merge_preview(agency.id, successor),
                    self.today())
        dialog.accepted.connect(lambda: self._merge(agency, dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.merge_dialog = dialog
        dialog.open()

    def merge_preview(self, agency_id: int, successor_id: int) -> MergePreview:
        """What merge_into would do: every assignment follows (taken over where the successor
        is already on the activity); reports the successor already has for the same activity
        and period stay with the old agency."""
        db, out = self.ctx.db, MergePreview()
        for plan in plans.list_plans(db):
            theirs = {item for item, _role in assignments.for_agency(db, plan.id, successor_id)}
            for item, _role in assignments.for_agency(db, plan.id, agency_id):
                out.assignments_move += 1
                out.assignments_shared += item in theirs
            for period in periods.list_periods(db, plan.id):
                reported = {r.item_id for r in progress.for_period(db, period.id, successor_id)}
                for report in progress.for_period(db, period.id, agency_id):
                    if report.item_id in reported:
                        out.reports_stay += 1
                    else:
                        out.reports_move += 1
        return out

    def _merge(self, agency: Agency, dialog: MergeDialog) -> None:
        if not self.maybe_leave():  # (settled on opening; the dialog is window-modal)
            return
        successor_id, on = dialog.value()
        successor = self._names.get(successor_id, "")
        try:
            moved = self.ctx.perform(
                self.tr("Sáp nhập «{0}» vào «{1}»").format(agency.name, successor),
                lambda db: agencies.merge_into(db, agency.id, successor_id, on))
        except ValueError as exc:
            show_error(self, self.tr("Không sáp nhập được"), without_gist(str(exc)))
            return
        self._reload_form(agency.id)
        self.status_label.setText(self.tr("Đã chuyển {0} phân công và báo cáo sang «{1}»; "
                                          "«{2}» ngừng hoạt động.")
                                  .format(moved, successor, agency.name))
