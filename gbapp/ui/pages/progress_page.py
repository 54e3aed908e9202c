"""ProgressPage: enter each agency's progress reports for a period, activity by activity."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import sqlite3
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_date
from ...domain.entities import Period, ProgressReport
from ...domain.model import ROLE_LABELS, STATUS_LABELS, Role, Status, TimeFrame
from ...domain.status import derive_status, in_round
from ...domain.validation import InvalidInput
from ...store import agencies as agency_store
from ...store import assignments, periods, progress
from ..context import AppContext
from ..dialogs import messages
from ..widgets.tables import read_only_table, select_row_quietly
from ..workers import LatestLoader
from .parts.agency_combo import AgencyCombo
from .parts.filter_bar import FilterBar
from .parts.forms import show_error
from .parts.labels import STATUS_COLORS, default_period, tr
from .parts.large_plans import ReadsLargePlansInBackground
from .parts.period_dialog import PeriodDialog
from .parts.progress_form import ProgressForm
from .parts.scrolling import FittingScrollArea
from .parts.table_model import Column, RowsModel

log = logging.getLogger(__name__)


@dataclass
class ActivityLine:
    """One activity of the chosen agency, with its report for the chosen period (if any)."""

    id: int
    ref: str
    title: str
    role: Role
    report: ProgressReport | None
    due: dt.date | None = None
    # with no report of the period's own: the one made for a period inside it, and its name
    covered: tuple[str, ProgressReport] | None = None
    # the activity's time frame (its dates), and the year whose round the period judges
    frame: TimeFrame | None = None
    year: int | None = None
    # a duty of a body that no longer exists, which this agency holds (progress.ceased_on)
    heir_of: str = ""

    def shown_status(self, today: dt.date) -> Status | None:
        """The reported status read as on the activities page: a completion after the due date
        is "hoàn thành quá hạn", work not done by it is "quá hạn" (lateness comes from the
        dates, not from what was picked)."""
        return self.status_of(self.report, today)

    def status_of(self, report: ProgressReport | None, today: dt.date) -> Status | None:
        """*report*'s status read as the documents read it (documents.agency_status): a
        recurring activity's in the round of the period's year (domain.status.in_round: a
        round done in an earlier year is still to do)."""
        if report is None:
            return None
        if self.frame is None or not self.frame.recurring or self.year is None:
            return derive_status(Status(report.status), self.due, report.completed_on, today)
        own = derive_status(Status(report.status), self.frame.end, report.completed_on, today)
        return in_round(own, self.frame, report.completed_on, today, self.year)


FIGURES = ("sessions", "participants", "men", "women", "spending")


def figures_of(reports: list[tuple[Period, ProgressReport]]) -> tuple[dict, list[Period]]:
    """The figures of reports of periods that do not overlap, added up, and those periods in
    order: of periods that overlap, the longest is taken ("6 tháng đầu năm" rather than "Quý
    II" inside it), so that nothing is counted twice. A figure no report gives stays empty."""
    chosen: list[tuple[Period, ProgressReport]] = []
    for period, report in sorted(reports, key=lambda pr: (
            -(pr[0].end_on - pr[0].start_on).days, pr[0].start_on, pr[0].id or 0)):
        if all(period.end_on < other.start_on or other.end_on < period.start_on
               for other, _ in chosen):
            chosen.append((period, report))
    chosen.sort(key=lambda pr: (pr[0].start_on, pr[0].end_on))
    figures = {}
    for name in FIGURES:
        values = [v for _, report in chosen if (v := getattr(report, name)) is not None]
        figures[name] = sum(values) if values else None
    if all(value is None for value in figures.values()):
        return {}, []
    return figures, [period for period, report in chosen
                     if any(getattr(report, name) is not None for name in FIGURES)]


def _unreported_of(db, plan_id: int, period_id: int, today: dt.date
                   ) -> tuple[int, int, list[tuple[int, str, int, int]]]:
    """progress.unreported_agencies as of *today* (who has ceased by then), with what it was
    read for (in a worker thread)."""
    return plan_id, period_id, progress.unreported_agencies(db, plan_id, period_id, on=today)


class ProgressPage(ReadsLargePlansInBackground, QWidget):
    """Period + agency → that agency's activities → one report form; who has not reported yet."""


    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.today = dt.date.today  # replaced in tests
        self._period_id: int | None = None
        self._agency_id: int | None = None
        self._item_id: int | None = None
        self._busy = False
        self._stale = False  # changed while hidden: read again when shown
        self._unreported_period: Period | None = None  # whose missing reports are listed
        self.loader = LatestLoader(self._show_unreported, self._unreported_failed, self)
        self.period_dialog: PeriodDialog | None = None

        self.period = QComboBox()
        # as wide as a short name, not as the longest a province gave a period: the list that
        # opens shows the names whole
        self.period.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.period.setMinimumContentsLength(18)
        self.period.setMinimumWidth(170)
        self.add_period_button = QPushButton(self.tr("Thêm kỳ báo cáo…"))
        self.due_label = QLabel()
        self.agency = AgencyCombo()
        self.agency.setSizeAdjustPolicy(  # not as wide as the longest name: it scrolls
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.agency.setMinimumContentsLength(36)
        self.agency.setMinimumWidth(230)
        self.agency.lineEdit().setPlaceholderText(self.tr("Gõ tên cơ quan…"))

        self.model = RowsModel(self._columns(), parent=self)
        self.table = read_only_table(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # widths from the first rows, not from all of an agency's thousands of activities
        header.setResizeContentsPrecision(200)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)  # _fit_status_column
        self.table.viewport().installEventFilter(self)

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold;")
        self.form = ProgressForm()
        self.form.today = lambda: self.today()
        self.saved_label = QLabel()
        self.saved_label.setWordWrap(True)
        self.saved_label.setStyleSheet("color: #2e7d32;")

        self.unreported_model = RowsModel(
            [Column(self.tr("Cơ quan"), lambda r: r[1]),
             Column(self.tr("Chưa BC"), lambda r: f"{r[2]}/{r[3]}",
                    align=Qt.AlignmentFlag.AlignRight)],
            id_of=lambda r: r[0], parent=self)
        self.unreported = read_only_table(self.unreported_model, single_selection=False)
        uheader = self.unreported.horizontalHeader()
        uheader.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        uheader.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.unreported_title = QLabel()
        self.unreported_title.setWordWrap(True)

        # the agency on a row of its own when the window is narrow (a laptop at 150 %)
        top = FilterBar([
            [(QLabel(self.tr("Kỳ báo cáo")), 0), (self.period, 0), (self.add_period_button, 0),
             (self.due_label, 0)],
            [(QLabel(self.tr("Cơ quan")), 0), (self.agency, 1)]], group_spacing=16)

        middle = QGroupBox(self.tr("Báo cáo của hoạt động"))
        # in a scroll area: on a 1024×600 screen the form is taller than its room, and the
        # rows squeezed to fit cut its error lines ("Nam + nữ (150) nhiều hơn…") in half
        inner = QWidget()
        in_layout = QVBoxLayout(inner)
        in_layout.setContentsMargins(0, 0, 0, 0)
        in_layout.addWidget(self.heading)
        in_layout.addWidget(self.form)
        in_layout.addStretch(1)
        # as tall as the form when there is room; as wide as the form needs, one field a row
        # when the window is narrow (the form lays itself out so)
        self.form_scroll = FittingScrollArea(inner)
        # under the form, never scrolled out of sight with it: a short window (a laptop at
        # 150 %) hid the button and the word that the report was saved
        save_row = QHBoxLayout()
        save_row.addWidget(self.form.save_button)
        save_row.addWidget(self.saved_label, 1)
        mid_layout = QVBoxLayout(middle)
        mid_layout.addWidget(self.form_scroll)
        mid_layout.addLayout(save_row)
        mid_layout.addStretch(1)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.unreported_title)
        side_layout.addWidget(self.unreported, 1)

        # The activities over the agencies that have not reported, beside the form: on a small
        # screen (1024×600) a third column left the agencies' names one letter wide.
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.table)
        left.addWidget(side)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        left.setChildrenCollapsible(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([430, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(top)
        layout.addWidget(splitter, 1)

        chain = [self.period, self.add_period_button, self.agency, self.table,
                 *self.form.editors(), self.form.save_button, self.unreported]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

        self.period.currentIndexChanged.connect(lambda _i: self._context_changed())
        self.period.currentIndexChanged.connect(  # a long name cut short reads whole here
            lambda _i: self.period.setToolTip(self.period.currentText()))
        self.agency.agency_changed.connect(lambda _id: self._context_changed())
        self.add_period_button.clicked.connect(self.add_period)
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._row_chosen(cur.row()))
        self.form.save_requested.connect(self._save_requested)
        self.form.move_requested.connect(self.move)
        self.unreported.clicked.connect(
            lambda index: self.select_agency(self.unreported_model.row_at(index.row())[0]))
        ctx.data_changed.connect(self._data_changed)
        ctx.plan_changed.connect(self._plan_changed)
        self.reload()

    def _columns(self) -> list[Column]:
        def status(line: ActivityLine) -> str:
            shown = line.shown_status(self.today())
            if shown is None and line.covered is not None:  # counted as reported: say by what
                name, report = line.covered
                covered = line.status_of(report, self.today())
                return self.tr("{0} (kỳ {1})").format(tr(STATUS_LABELS[covered]), name)
            return tr(STATUS_LABELS[shown]) if shown else self.tr("Chưa báo cáo")

        def color(line: ActivityLine):
            shown = line.shown_status(self.today())
            if shown is None and line.covered is not None:
                shown = line.status_of(line.covered[1], self.today())
            return STATUS_COLORS[shown] if shown else None

        return [
            Column(self.tr("Mục"), lambda a: a.ref),
            Column(self.tr("Hoạt động"), lambda a: a.title),
            Column(self.tr("Vai trò"), lambda a: tr(ROLE_LABELS[a.role]) if not a.heir_of
                   else self.tr("%1 (thay %2)").replace("%1", tr(ROLE_LABELS[a.role]))
                   .replace("%2", a.heir_of)),
            Column(self.tr("Báo cáo kỳ này"), status, color=color),
        ]

    # Loading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read periods, agencies, activities and reports, keeping what the user had chosen."""
        if self._busy:
            return
        self._busy = True
        try:
            self._reload()
        finally:
            self._busy = False

    def _reload(self) -> None:
        self._stale = False
        plan_id = self.ctx.plan_id
        plist = periods.list_periods(self.ctx.db, plan_id) if plan_id else []
        ids = {p.id for p in plist}
        if self.ctx.period_id in ids and not self.form.is_dirty():
            self._period_id = self.ctx.period_id  # the period last chosen, here or elsewhere
        elif self._period_id not in ids:
            chosen = default_period(plist, self.today())
            self._period_id = chosen.id if chosen else None
        self.period.blockSignals(True)
        self.period.clear()
        for p in plist:
            self.period.addItem(p.name, p.id)
        self.period.setCurrentIndex(self.period.findData(self._period_id))
        self.period.blockSignals(False)
        current = next((p for p in plist if p.id == self._period_id), None)
        self.due_label.setText(self.tr("Hạn nộp: {0}").format(format_date(current.due_on))
                               if current and current.due_on else "")

        agencies = assignments.agencies_of_plan(self.ctx.db, plan_id) if plan_id else []
        if self._agency_id not in {a[0] for a in agencies}:
            self._agency_id = agencies[0][0] if agencies else None
        self.agency.blockSignals(True)
        self.agency.set_agencies([(a[0], a[1], "") for a in agencies], keep=self._agency_id)
        self.agency.blockSignals(False)

        lines: list[ActivityLine] = []
        if plan_id and self._agency_id is not None:
            reports = ({r.item_id: r for r in progress.for_period(
                self.ctx.db, self._period_id, self._agency_id)} if self._period_id else {})
            covered = (progress.inside(self.ctx.db, self._period_id, self._agency_id)
                       if self._period_id else {})
            # a recurring activity is judged by the round of the period's year, as in the
            # documents ("Năm 2025": the 2025 round of "Quý II hằng năm", due 30/06/2025)
            anchor = (current.end_on or current.start_on) if current else None
            year = anchor.year if anchor else self.today().year
            for item_id, ref, title, role, due, frame in assignments.lines_of_agency(
                    self.ctx.db, plan_id, self._agency_id, year):
                lines.append(ActivityLine(item_id, ref, title, role, reports.get(item_id), due,
                                          covered.get(item_id), frame, year))
            # the duties of bodies gone by now whose successor this agency is, after its own: it
            # reports on them (the documents and the lists of who has not reported ask it to)
            held = {line.id for line in lines}
            for ceased, holder in progress.ceased_on(self.ctx.db, self.today()).items():
                if holder != self._agency_id:
                    continue
                body = agency_store.get(self.ctx.db, ceased)
                for item_id, ref, title, role, due, frame in assignments.lines_of_agency(
                        self.ctx.db, plan_id, ceased, year):
                    if item_id not in held:
                        held.add(item_id)
                        lines.append(ActivityLine(
                            item_id, ref, title, role, reports.get(item_id), due,
                            covered.get(item_id), frame, year,
                            heir_of=body.name if body is not None else ""))
        self.model.set_rows(lines)
        self._fit_status_column()
        if self.model.row_of_id(self._item_id) is None:
            self._item_id = lines[0].id if lines else None
        self._select_row(self._item_id)
        if not self.form.is_dirty():
            self._load_form()

        self._unreported_period = current
        if plan_id and current and self.in_background(plan_id):
            # seconds on 100,000 activities: off the GUI thread
            self.unreported_title.setText(
                self.tr("Chưa báo cáo kỳ «{0}»: đang tính…").format(current.name))
            self.loader.request(self.ctx.path, _unreported_of, plan_id, current.id,
                                self.today())
        else:
            self.loader.invalidate()  # a read still running is for an older state
            self._show_unreported(_unreported_of(self.ctx.db, plan_id, current.id, self.today())
                                  if plan_id and current else None)

    def _show_unreported(self, found: tuple[int, int, list[tuple[int, str, int, int]]] | None
                         ) -> None:
        """(plan id, period id, rows) read for the plan and period shown; None for none."""
        current = self._unreported_period
        rows = found[2] if found else []
        if found and (found[0], found[1]) != (self.ctx.plan_id, current and current.id):
            return  # read for another plan or period (never delivered: a second guard)
        self.unreported_model.set_rows(rows)
        self.unreported_title.setText(
            self.tr("Chưa báo cáo kỳ «{0}»: {1} cơ quan").format(current.name, len(rows))
            if current else self.tr("Chưa có kỳ báo cáo: bấm «Thêm kỳ báo cáo…»."))

    def _unreported_failed(self, exc: BaseException) -> None:
        log.warning("progress: agencies not reported not updated: %s", exc)
        self.unreported_model.set_rows([])  # not an older list under the message
        self.unreported_title.setText(
            self.tr("Không tính được cơ quan chưa báo cáo: {0}").format(exc))

    def _load_form(self) -> None:
        line = self._current_line()
        ready = line is not None and self._period_id is not None
        self.form.setEnabled(ready)
        if not ready:
            self.heading.setText(self.tr("Chọn kỳ báo cáo, cơ quan và hoạt động."))
            self.form.load(None, ProgressReport())
            return
        self.heading.setText(f"{line.ref}. {line.title} — {tr(ROLE_LABELS[line.role])}")
        base = ProgressReport(item_id=line.id, agency_id=self._agency_id, period_id=self._period_id)
        carried = ""
        if line.report is None:
            # a new report starts from what the agency last said (its status, percent and
            # completion date): typing only this period's figures must not undo work done
            earlier = progress.latest_before(self.ctx.db, line.id, self._agency_id,
                                             self._period_id)
            if earlier is not None:
                base = dataclasses.replace(base, status=earlier.status, percent=earlier.percent,
                                           completed_on=earlier.completed_on)
                figures, sources = self._figures_inside(line.id)
                base = dataclasses.replace(base, **figures)
                carried = (self.tr("Báo cáo mới: đã điền sẵn tình trạng theo báo cáo kỳ «%1» "
                                   "của cơ quan.").replace("%1", self._period_name(
                                       earlier.period_id)))
                if sources:
                    carried += self.tr(
                        " Số liệu cộng từ báo cáo kỳ %1: số liệu của kỳ này là số cả kỳ, hãy "
                        "cộng thêm phần làm được ngoài các kỳ đó.").replace(
                        "%1", ", ".join(f"«{p.name}»" for p in sources))
        self.form.load(line.report, base, carried)

    def _period_name(self, period_id: int) -> str:
        period = periods.get(self.ctx.db, period_id)
        return period.name if period is not None else ""

    def _figures_inside(self, item_id: int) -> tuple[dict, list[Period]]:
        """The figures a new report of the chosen period starts from, and the periods they
        come from: the agency's reports of the periods inside it ("6 tháng đầu năm" and
        "Tháng hành động" inside "Năm 2025"), added up. A period's report counts the whole
        period (the documents total one report per agency and activity), so a year's report
        typed with the second half's figures only would lose the first half's."""
        inside_ids = set(periods.included_ids(self.ctx.db, self._period_id)) - {self._period_id}
        inside = []
        for report in progress.for_item(self.ctx.db, item_id):
            if report.agency_id == self._agency_id and report.period_id in inside_ids:
                period = periods.get(self.ctx.db, report.period_id)
                if period is not None:
                    inside.append((period, report))
        return figures_of(inside)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_status_column()
        return super().eventFilter(watched, event)

    def _fit_status_column(self) -> None:
        """The report's status as wide as it reads, up to 40 % of the list: a long one ("Quá
        hạn chưa hoàn thành", "Hoàn thành (kỳ 6 tháng đầu năm…)") is cut short, whole in its
        tooltip, rather than leaving the activities' titles two letters wide in a narrow
        window (a laptop at 150 %)."""
        view = self.table
        least = view.horizontalHeader().sectionSizeHint(3)
        room = round(0.4 * view.viewport().width())
        view.setColumnWidth(3, max(least, min(view.sizeHintForColumn(3), room)))

    def _current_line(self) -> ActivityLine | None:
        row = self.model.row_of_id(self._item_id)
        return self.model.row_at(row) if row is not None else None

    def _select_row(self, item_id: int | None) -> None:
        select_row_quietly(self.table, self.model.row_of_id(item_id))

    # Choosing ----------------------------------------------------------------------------------

    def select_agency(self, agency_id: int, period_id: int | None = None) -> None:
        """Show the activities of *agency_id*, in *period_id* when given (from the side list,
        or from the overview's list of agencies that have not reported for a period)."""
        if period_id is not None and self.period.findData(period_id) >= 0:
            self._busy = True  # one change of context for both combos
            self.period.setCurrentIndex(self.period.findData(period_id))
            self._busy = False
        self.agency.set_current_id(agency_id)
        if (self.period.currentData(), self.agency.current_id()) != (self._period_id,
                                                                    self._agency_id):
            self._context_changed()

    def _plan_changed(self, _plan_id) -> None:
        """Another plan: what was typed for the old one is saved as a change of period or agency
        would save it (pages ask before the switch; this is the net under them), never left
        in a form that then showed the old plan's activity beside the new plan's lists."""
        if self.form.is_dirty():
            line = self._current_line()
            if not self._save_current():
                messages.error(self, self.tr("Chưa lưu"), self.tr(
                    "Báo cáo tiến độ của mục {0} đang nhập chưa hợp lệ nên chưa được lưu.")
                    .format(line.ref if line else ""))
        self._item_id = None
        self.saved_label.clear()
        self.form.load(None, ProgressReport())  # not dirty: reload fills it for the new plan
        self._data_changed()

    def _context_changed(self) -> None:
        """The period or the agency changed: save what was typed, then show the new choice."""
        if self._busy:
            return
        new_period, new_agency = self.period.currentData(), self.agency.current_id()
        if new_agency is None:
            return  # the user is still typing a name
        if self.form.is_dirty() and not self._save_current():
            self._busy = True  # put the combos back, the form still shows the old activity
            self.period.setCurrentIndex(self.period.findData(self._period_id))
            self.agency.set_current_id(self._agency_id)
            self._busy = False
            return
        self._period_id, self._agency_id = new_period, new_agency
        self.ctx.period_id = new_period
        self._item_id = None
        self.saved_label.clear()
        self.form.load(None, ProgressReport())  # not dirty: reload fills it for the new choice
        self.reload()

    def _row_chosen(self, row: int) -> None:
        if row < 0 or self._busy:
            return
        target = self.model.row_at(row).id
        if target == self._item_id:
            return
        if self.form.is_dirty() and not self._save_current():
            self._select_row(self._item_id)
            return
        self._item_id = target
        self._select_row(target)
        self.saved_label.clear()
        self._load_form()

    def move(self, step: int) -> None:
        """Go to the next (+1) or previous (-1) activity, saving the current one first."""
        lines = self.model.rows()
        if not lines:
            return
        if self.form.is_dirty() and not self._save_current():
            return
        row = self.model.row_of_id(self._item_id)
        row = 0 if row is None else max(0, min(len(lines) - 1, row + step))
        self._item_id = self.model.row_at(row).id
        self._select_row(self._item_id)
        self._load_form()
        self.form.focus_first()

    # Saving ------------------------------------------------------------------------------------

    def maybe_leave(self) -> bool:
        """Before the database closes, another plan or an undo: save or drop the report being
        typed (dropped: the form shows the stored report, nothing is kept to be saved later)."""
        if not self.form.is_dirty():
            return True
        line = self._current_line()
        answer = messages.ask_save(self, self.tr("Chưa lưu"), self.tr(
            "Báo cáo tiến độ của mục {0} đang nhập chưa được lưu. Lưu lại trước khi tiếp tục?")
            .format(line.ref if line else ""))
        if answer == "discard":
            self.form.revert()
            return True
        return answer == "save" and self._save_current()

    def _save_requested(self, advance: bool) -> None:
        if advance and self.form.is_untouched_new():
            self.move(1)  # going through the list: nothing to save here
        elif self._save_current() and advance:
            self.move(1)

    def _save_current(self) -> bool:
        """Save the form; False (messages shown next to the fields) when it cannot be saved."""
        line = self._current_line()
        if line is None or self._period_id is None:
            return False
        if self.form.is_untouched_new():
            self.form.show_nothing_to_save()
            return False
        try:
            report = self.form.value()
        except InvalidInput:
            focused = self.form.focusWidget()
            if focused is not None:  # the first field in error, in view with its message
                self.form_scroll.ensureWidgetVisible(focused, 0, 60)
            return False
        try:
            self.ctx.perform(self.tr("Lưu báo cáo tiến độ"), lambda db: progress.save(db, report))
        except sqlite3.DatabaseError as exc:
            show_error(self, self.tr("Không lưu được báo cáo"),
                       self.tr("Báo cáo chưa được lưu: {0}").format(exc))
            return False
        # saved, and the page read again (data_changed) while the form still held the edits:
        # now the form shows what is stored
        self.form.load(None, ProgressReport())
        self._load_form()
        self.saved_label.setText(self.tr("Đã lưu báo cáo {0}.").format(line.ref))
        return True

    # Periods -----------------------------------------------------------------------------------

    def add_period(self) -> None:
        """Open the period dialog (window-modal, not blocking); the period is saved on OK.

        The page then shows the new period, which leaves the report being typed: it is saved
        first, as going to another activity saves it. One that cannot be saved (150 %) stays as
        typed with its errors beside the fields, and the dialog does not open, with a word why:
        the clerk puts it right (or drops it with Esc) and clicks again, before typing a period
        that would then have nowhere to go."""
        if self.ctx.plan_id is None:
            return
        if self.form.is_dirty() and not self._save_current():
            if self._form_shows_errors():  # (a database error has had its own message)
                line = self._current_line()
                messages.error(self, self.tr("Chưa thêm kỳ báo cáo"), self.tr(
                    "Báo cáo tiến độ của mục {0} đang nhập chưa hợp lệ nên chưa được lưu. "
                    "Sửa chỗ báo lỗi ngay dưới ô (hoặc bấm Esc để bỏ phần đang nhập) rồi bấm "
                    "«Thêm kỳ báo cáo…» lại.").format(line.ref if line else ""))
            return
        dialog = PeriodDialog(self)
        dialog.load(Period(plan_id=self.ctx.plan_id, kind="adhoc"))
        dialog.accepted.connect(lambda: self._add_period(dialog.value()))
        dialog.finished.connect(dialog.deleteLater)
        self.period_dialog = dialog
        dialog.open()

    def _add_period(self, period: Period) -> None:
        """Store the period typed in the dialog and show it. Should the form hold typing that
        cannot be saved by now (it was settled before the dialog opened), both are kept: the
        period is stored, and the page stays on the period that typing is for, and says so."""
        kept = not self.form.is_dirty() or self._save_current()
        new_id = self.ctx.perform(self.tr("Thêm kỳ báo cáo"), lambda db: periods.save(db, period))
        if not kept:
            line = self._current_line()
            messages.error(self, self.tr("Chưa chuyển sang kỳ mới"), self.tr(
                "Đã thêm kỳ báo cáo «{0}». Báo cáo tiến độ của mục {1} đang nhập chưa hợp lệ nên "
                "chưa được lưu và trang vẫn ở kỳ «{2}»: sửa chỗ báo lỗi, lưu, rồi chọn kỳ mới.")
                .format(period.name, line.ref if line else "", self.period.currentText()))
            return
        self._period_id = new_id
        self.ctx.period_id = new_id  # (reload shows the period last chosen)
        self._item_id = None
        self.reload()

    def _form_shows_errors(self) -> bool:
        return any(self.form.errors.message(key) for key in self.form.errors.labels)
