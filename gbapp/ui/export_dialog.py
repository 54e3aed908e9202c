"""Xuất văn bản: choose a document, its period and agencies, number, date and signer; export off
the GUI thread; then open the file or its folder.

The export runs in a QThreadPool task that opens its own connection (sqlite3 connections belong
to the thread that made them) and reports progress through Qt signals.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import (
    QObject,
    QRunnable,
    QStandardPaths,
    Qt,
    QThreadPool,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.text import without_gist
from ..exporters import (
    KINDS,
    ExportError,
    ExportOptions,
    FileLockedError,
    default_filename,
    filename_problem,
)
from ..exporters import export as run_export
from ..services import documents, overview
from ..store import periods, plans, settings
from .dialogs import messages
from .widgets.date_edit import DateEdit

PERIOD_KINDS = ("report", "reminder", "xlsx")  # the workbook: its "Chưa báo cáo" sheet
SIGNED_KINDS = ("report", "reminder", "plan")


class ExportSignals(QObject):
    """Created in the GUI thread, so that connected slots run there."""

    progress = Signal(int, str)
    finished = Signal(object)  # list[Path]
    failed = Signal(object)  # the exception


class ExportTask(QRunnable):
    """Write one export in a pool thread, from a connection of its own."""

    def __init__(self, db_path: Path, kind: str, out: Path, options: ExportOptions):
        super().__init__()
        self.setAutoDelete(False)
        self.db_path, self.kind, self.out, self.options = Path(db_path), kind, Path(out), options
        self.signals = ExportSignals()

    def run(self) -> None:  # pool thread
        from ..store import open_database

        try:
            db = open_database(self.db_path, migrate=False)
            try:
                paths = run_export(db, self.kind, self.out, self.options,
                                   progress=self.signals.progress.emit)
            finally:
                db.close()
        except BaseException as exc:  # noqa: BLE001 - the GUI thread decides what to say
            self.signals.failed.emit(exc)
        else:
            self.signals.progress.emit(100, "")
            self.signals.finished.emit(paths)


def alternative_name(path: Path) -> Path:
    """'Báo cáo.docx' -> 'Báo cáo (2).docx' (the first name not taken)."""
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem} ({n}){path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1


OFFICE_SUFFIXES = (".docx", ".xlsx", ".doc", ".xls")


def with_suffix_for(kind: str, path: Path) -> Path:
    """The file *kind* writes: '.xlsx' for the workbook, '.docx' for documents. A name without
    it gets it added; the other Office suffix ('bang.docx' for the workbook) is replaced."""
    wanted = ".xlsx" if kind == "xlsx" else ".docx"
    suffix = path.suffix.lower()
    if suffix == wanted:
        return path
    if suffix in OFFICE_SUFFIXES:
        return path.with_suffix(wanted)
    return path.with_name(path.name + wanted)  # 'bao cao v1.2' keeps its '.2'


def _following(shown: tuple[str, ...], old: tuple[str, ...], new: tuple[str, ...]
               ) -> tuple[str, ...]:
    """The fields *shown* after the settings they came from went from *old* to *new*: each
    one still showing the old setting follows it; one the user typed over keeps its text."""
    return tuple(now if text == was else text
                 for text, was, now in zip(shown, old, new, strict=True))


def ask_overwrite(parent: QWidget | None, path: Path, other: Path) -> str:
    """The file is there already: "overwrite", "rename" (save as *other*) or "cancel"."""
    return messages.ask_overwrite(parent, path.name, other.name)


class ExportDialog(QDialog):
    """`ExportDialog(ctx, parent).exec()`; ctx is a gbapp.ui.context.AppContext."""

    export_finished = Signal(object)  # list[Path], for tests and callers
    export_failed = Signal(str)
    settings_requested = Signal()  # "Mở Cài đặt" after a refusal that names a missing setting

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Xuất văn bản"))
        self.setMinimumWidth(560)
        self.task: ExportTask | None = None
        self.task_options: ExportOptions | None = None
        self._plan_filled = False
        # what the number, date and signer fields held (as typed) while the plan's own are
        # shown: switching back from «Kế hoạch» brings them back
        self._before_plan: tuple[str, ...] = ()
        self.result_paths: list[Path] = []
        self._confirmed: Path | None = None  # overwriting it was agreed in the "Chọn…" dialog
        self.plan = plans.get(ctx.db, ctx.plan_id) if ctx.plan_id else None
        self.org = self._organisation()
        self._build()
        self._fill()

    def _organisation(self) -> settings.OrgSettings:
        """Cài đặt as the documents will read it: never saved, proposed from the plan (a
        commune's plan signs "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", not the defaults' GIÁM ĐỐC, which
        the signer fields would otherwise pass on to every export)."""
        return documents.organisation_settings(self.ctx.db, self.plan)[0]

    def _settings_changed(self) -> None:
        """After Cài đặt was opened from here: the signer fields show the new settings, except
        those the user typed for this export, which keep what was typed."""
        old = self._signer_of(self.org)
        self.org = self._organisation()
        new = self._signer_of(self.org)
        if self._plan_filled:  # the plan's signer shown: the fields put back later follow
            number, date, *signer = self._before_plan
            self._before_plan = (number, date, *_following(tuple(signer), old, new))
        else:
            self._set_signer(*_following(self._signer_texts(), old, new))

    @staticmethod
    def _signer_of(org: settings.OrgSettings) -> tuple[str, str, str]:
        return org.signer or "", org.signer_authority or "", org.signer_title or ""

    def _signer_texts(self) -> tuple[str, str, str]:
        return self.signer_edit.text(), self.authority_edit.text(), self.title_edit.text()

    # ---- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.plan_label = QLabel(self)
        self.plan_label.setWordWrap(True)
        layout.addWidget(self.plan_label)

        form = QFormLayout()
        self.kind_combo = QComboBox(self)
        for key, label in KINDS.items():
            self.kind_combo.addItem(self.tr(label), key)
        form.addRow(self.tr("Văn bản:"), self.kind_combo)
        self.period_combo = QComboBox(self)
        form.addRow(self.tr("Kỳ báo cáo:"), self.period_combo)
        self.number_edit = QLineEdit(self)
        self.number_edit.setPlaceholderText(self.tr("để trống để ghi tay khi ban hành"))
        form.addRow(self.tr("Số văn bản:"), self.number_edit)
        self.date_edit = DateEdit(self)
        form.addRow(self.tr("Ngày văn bản:"), self.date_edit)
        self.signer_edit = QLineEdit(self)
        form.addRow(self.tr("Người ký:"), self.signer_edit)
        self.authority_edit = QLineEdit(self)
        form.addRow(self.tr("Quyền hạn ký:"), self.authority_edit)
        self.title_edit = QLineEdit(self)
        form.addRow(self.tr("Chức vụ:"), self.title_edit)
        layout.addLayout(form)

        self.agency_label = QLabel(self.tr("Cơ quan nhận công văn (quá hạn hoặc chưa báo cáo):"))
        layout.addWidget(self.agency_label)
        self.agency_list = QListWidget(self)
        self.agency_list.setMinimumHeight(120)
        layout.addWidget(self.agency_list)
        self.per_agency_check = QCheckBox(self.tr("Mỗi cơ quan một văn bản"), self)
        self.per_agency_check.toggled.connect(lambda _on: self._update_number_field())
        layout.addWidget(self.per_agency_check)

        out_row = QHBoxLayout()
        self.out_edit = QLineEdit(self)
        self.browse_button = QPushButton(self.tr("Chọn…"), self)
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(self.browse_button)
        form2 = QFormLayout()
        form2.addRow(self.tr("Lưu vào tệp:"), out_row)
        layout.addLayout(form2)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)

        buttons = QDialogButtonBox(self)
        self.export_button = buttons.addButton(self.tr("Xuất"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_file_button = buttons.addButton(self.tr("Mở tệp"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.open_folder_button = buttons.addButton(self.tr("Mở thư mục"),
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(self.tr("Đóng"),
                                              QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)

        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.period_combo.currentIndexChanged.connect(self._period_changed)
        self.date_edit.date_changed.connect(lambda _date: self._date_changed())
        self.browse_button.clicked.connect(self._browse)
        # The button box would close the dialog on accept: handle the clicks ourselves.
        self.export_button.clicked.connect(self.start_export)
        self.open_file_button.clicked.connect(self.open_file)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.close_button.clicked.connect(self.reject)

    def _fill(self) -> None:
        if self.plan is None:
            self.plan_label.setText(self.tr("Chưa có kế hoạch nào để xuất."))
            self.export_button.setEnabled(False)
        else:
            self.plan_label.setText(self.tr("Kế hoạch: %1").replace(
                "%1", f"{self.plan.number or ''} — {self.plan.title or ''}".strip(" —")))
            plist = periods.list_periods(self.ctx.db, self.plan.id)
            # the period the pages show: the one the user chose, else the one the overview and
            # the progress page start on (the report said "còn 9 cơ quan" of the year while
            # the overview counted 11 for the action month)
            default = overview.default_period(plist, dt.date.today())
            wanted = (self.ctx.period_id if self.ctx.period_id in {p.id for p in plist}
                      else default.id if default else None)
            for p in plist:
                self.period_combo.addItem(p.name, p.id)
                if p.id == wanted:
                    self.period_combo.setCurrentIndex(self.period_combo.count() - 1)
        self.date_edit.set_date(dt.date.today())
        self.signer_edit.setText(self.org.signer)
        self.authority_edit.setText(self.org.signer_authority)
        self.title_edit.setText(self.org.signer_title)
        self.open_file_button.setEnabled(False)
        self.open_folder_button.setEnabled(False)
        self._kind_changed()

    # ---- choices --------------------------------------------------------------------------

    def kind(self) -> str:
        return self.kind_combo.currentData()

    def set_kind(self, kind: str) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))

    def _clear_result(self) -> None:
        """Another document or period chosen: the last export's result no longer applies."""
        if self.task is not None:
            return
        self.result_paths = []
        self.progress.setValue(0)
        self.status_label.clear()
        self.open_file_button.setEnabled(False)
        self.open_folder_button.setEnabled(False)

    def _numbered(self) -> bool:
        """Whether the document takes the number typed: not letters written one per agency,
        which are each numbered when issued."""
        return self.kind() in SIGNED_KINDS and not (
            self.kind() == "reminder" and self.per_agency_check.isChecked())

    def _update_number_field(self) -> None:
        numbered = self._numbered()
        self.number_edit.setEnabled(numbered)
        self.number_edit.setToolTip("" if numbered or self.kind() not in SIGNED_KINDS else self.tr(
            "Mỗi cơ quan một công văn: mỗi công văn được ghi số riêng khi phát hành."))

    def _kind_changed(self) -> None:
        self._clear_result()
        kind = self.kind()
        self.period_combo.setEnabled(kind in PERIOD_KINDS)
        is_reminder = kind == "reminder"
        for w in (self.agency_label, self.agency_list, self.per_agency_check):
            w.setVisible(is_reminder)
        signed = kind in SIGNED_KINDS
        for w in (self.signer_edit, self.authority_edit, self.title_edit):
            w.setEnabled(signed)
        self._update_number_field()
        self.date_edit.setEnabled(signed)
        if kind == "plan" and self.plan is not None:  # the plan's own number, date and signer
            if not self._plan_filled:  # what was typed for the other documents, put back later
                self._before_plan = (self.number_edit.text(), self.date_edit.text(),
                                     *self._signer_texts())
            self.number_edit.setText((self.plan.number or "").split("/")[0])
            self.date_edit.set_date(self.plan.issued_on)
            self._set_signer(self.plan.signer, self.plan.signer_authority, self.plan.signer_title)
            self._plan_filled = True
        elif self._plan_filled:  # back from the plan: the fields as they were before it
            number, date, *signer = self._before_plan
            self.number_edit.setText(number)
            self.date_edit.setText(date)
            self._set_signer(*signer)
            self._plan_filled = False
        if is_reminder:
            self._fill_agencies()
        self._suggest_path()

    def _set_signer(self, name: str | None, authority: str | None, title: str | None) -> None:
        for edit, value in ((self.signer_edit, name), (self.authority_edit, authority),
                            (self.title_edit, title)):
            edit.setText(value or "")

    def _period_changed(self) -> None:
        self._clear_result()
        if self.kind() == "reminder":
            self._fill_agencies()
        self._suggest_path()

    def _letter_date(self) -> dt.date:
        """The letter's date as typed (what it says is as of that day), else today."""
        if self.date_edit.text().strip() and not self.date_edit.error():
            return self.date_edit.date() or dt.date.today()
        return dt.date.today()

    def _date_changed(self) -> None:
        if self.kind() == "reminder":  # who owes what, as of the letter's date
            self._fill_agencies()

    def _fill_agencies(self) -> None:
        self.agency_list.clear()
        if self.plan is None:
            return
        try:
            data = documents.collect_reminder(self.ctx.db, self.plan.id,
                                              self.period_combo.currentData(),
                                              today=self._letter_date())
        except documents.DocumentDataError as exc:  # e.g. a plan just imported: no period yet
            note = QListWidgetItem(without_gist(str(exc)))
            note.setFlags(Qt.ItemFlag.NoItemFlags)
            self.agency_list.addItem(note)
            return
        for entry in data.agencies:
            item = QListWidgetItem(f"{entry.agency} ({len(entry.lines)} nhiệm vụ)")
            item.setData(Qt.ItemDataRole.UserRole, entry.agency_id)
            item.setData(Qt.ItemDataRole.UserRole + 1, entry.agency)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.agency_list.addItem(item)

    def _letters_may_replace(self, out: Path) -> bool:
        """One letter per agency: the files of earlier letters (perhaps edited in Word since)
        are replaced only after a yes."""
        from ..exporters.reminder import per_agency_path

        names = [self.agency_list.item(i).data(Qt.ItemDataRole.UserRole + 1)
                 for i in range(self.agency_list.count())
                 if self.agency_list.item(i).checkState() == Qt.CheckState.Checked]
        there = [path for path in (per_agency_path(out, n) for n in names if n) if path.is_file()]
        if not there:
            return True
        listed = "\n".join(f"- {path.name}" for path in there[:5]) + (
            "\n…" if len(there) > 5 else "")
        return messages.ask(self, self.tr("Tệp đã có"), self.tr(
            "{0} công văn đã có trong thư mục «{1}» và sẽ bị ghi đè:\n{2}\n\nGhi đè các tệp này?")
            .format(len(there), there[0].parent, listed))

    def checked_agencies(self) -> list[int]:
        out = []
        for i in range(self.agency_list.count()):
            item = self.agency_list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def _suggest_path(self) -> None:
        folder = Path(self.out_edit.text()).parent if self.out_edit.text() else Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            or Path.home())
        name = default_filename(self.kind(), self.plan.number if self.plan else None,
                                self.period_combo.currentText() or None)
        self.out_edit.setText(str(folder / name))

    def _browse(self) -> None:
        suffix = "Excel (*.xlsx)" if self.kind() == "xlsx" else "Word (*.docx)"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Lưu văn bản"), self.out_edit.text(),
                                              suffix)
        if path:
            self.out_edit.setText(path)
            self._confirmed = Path(path)  # the file dialog asked itself if it was there

    def options(self) -> ExportOptions:
        kind = self.kind()
        signed = kind in SIGNED_KINDS
        return ExportOptions(
            plan=self.plan.id if self.plan else None,
            period=self.period_combo.currentData() if kind in PERIOD_KINDS else None,
            # (the appendix has no number or date fields of its own: it cites the plan's)
            number=self.number_edit.text().strip() if self._numbered() else "",
            date=self.date_edit.date() if signed and self.date_edit.text().strip() else None,
            signer=self.signer_edit.text().strip() if signed else None,
            signer_authority=self.authority_edit.text().strip() if signed else None,
            signer_title=self.title_edit.text().strip() if signed else None,
            agency_ids=self.checked_agencies() if kind == "reminder" else None,
            per_agency=kind == "reminder" and self.per_agency_check.isChecked())

    # ---- running --------------------------------------------------------------------------

    def start_export(self) -> None:
        if self.task is not None:
            return
        if self.date_edit.error():
            messages.error(self, self.tr("Xuất văn bản"), self.date_edit.error())
            return
        typed = self.out_edit.text().strip()
        if not typed:
            messages.error(self, self.tr("Xuất văn bản"), self.tr("Hãy chọn tệp để lưu."))
            return
        if self.kind() == "reminder" and not self.checked_agencies():
            messages.error(self, self.tr("Xuất văn bản"),
                           self.tr("Hãy chọn ít nhất một cơ quan nhận công văn."))
            return
        out = Path(typed)
        if out.is_dir():  # a folder: the suggested name inside it
            out = out / default_filename(self.kind(), self.plan.number if self.plan else None,
                                         self.period_combo.currentText() or None)
        elif problem := self._typed_name_problem(out):
            messages.error(self, self.tr("Xuất văn bản"), problem)
            self.out_edit.setFocus()
            return
        out = with_suffix_for(self.kind(), out)
        per_agency = self.kind() == "reminder" and self.per_agency_check.isChecked()
        # (one letter per agency names its files after the agencies: no single file to check)
        if per_agency and not self._letters_may_replace(out):
            return
        if not per_agency and out.is_file() and out != self._confirmed:
            other = alternative_name(out)
            answer = ask_overwrite(self, out, other)
            if answer == "cancel":
                self.out_edit.setText(str(out))
                return
            if answer == "rename":
                out = other
        if str(out) != typed:
            self.out_edit.setText(str(out))  # the name written is the name shown
        self._confirmed = None  # once written, the next export over it asks again
        self.result_paths = []
        self.task_options = self.options()
        self.task = ExportTask(self.ctx.path, self.kind(), out, self.task_options)
        self.task.signals.progress.connect(self._on_progress)
        self.task.signals.finished.connect(self._on_finished)
        self.task.signals.failed.connect(self._on_failed)
        self._set_running(True)
        self.progress.setValue(1)
        self.status_label.setText(self.tr("Đang xuất…"))
        QThreadPool.globalInstance().start(self.task)

    def _typed_name_problem(self, out: Path) -> str | None:
        """Why the file name typed in "Lưu vào tệp" cannot be written on Windows (a ":" or "?",
        a trailing dot, "CON"…), or why its folder is not there: a "/" typed in the name makes
        a folder of what precedes it, which would be created without a word."""
        problem = filename_problem(out.name)
        if problem is None and not out.parent.is_dir():
            problem = self.tr(
                "Không có thư mục «%1». Tên tệp không được chứa dấu «/» hay «\\»: hãy thay "
                "bằng dấu «-». Muốn lưu vào thư mục khác, hãy bấm «Chọn…».").replace(
                "%1", str(out.parent))
        return problem

    def is_running(self) -> bool:
        return self.task is not None

    def _set_running(self, running: bool) -> None:
        for w in (self.export_button, self.kind_combo, self.period_combo, self.browse_button,
                  self.out_edit, self.close_button):
            w.setEnabled(not running)
        if running:
            self.open_file_button.setEnabled(False)
            self.open_folder_button.setEnabled(False)

    def _on_progress(self, percent: int, message: str) -> None:
        self.progress.setValue(max(1, percent))
        if message:
            self.status_label.setText(message)

    def _on_finished(self, paths) -> None:
        self.task = None
        self._set_running(False)
        self._enable_export()
        self.result_paths = [Path(p) for p in paths]
        self.progress.setValue(100)
        if len(self.result_paths) == 1:
            self.status_label.setText(self.tr("Đã lưu: %1").replace("%1",
                                                                    str(self.result_paths[0])))
        else:
            self.status_label.setText(self.tr("Đã lưu %1 tệp trong %2").replace(
                "%1", str(len(self.result_paths))).replace(
                "%2", str(self.result_paths[0].parent if self.result_paths else "")))
        warnings = list(dict.fromkeys(self.task_options.warnings)) if self.task_options else []
        if warnings:
            self.status_label.setText(self.status_label.text() + "\n" + "\n".join(
                self.tr("Lưu ý: %1").replace("%1", without_gist(w)) for w in warnings))
        self.open_file_button.setEnabled(len(self.result_paths) == 1)
        self.open_folder_button.setEnabled(bool(self.result_paths))
        self.export_finished.emit(self.result_paths)

    def _enable_export(self) -> None:
        self.export_button.setEnabled(self.plan is not None)

    def _on_failed(self, exc: BaseException) -> None:
        self.task = None
        self._set_running(False)
        self._enable_export()
        self.progress.setValue(0)
        message = without_gist(str(exc)) if isinstance(
            exc, (ExportError, documents.DocumentDataError)) else (
            self.tr("Không xuất được văn bản: %1").replace("%1", f"{type(exc).__name__}: {exc}"))
        self.status_label.setText(message)
        self.export_failed.emit(message)
        if isinstance(exc, FileLockedError):
            other = alternative_name(exc.path)
            if messages.ask(self, self.tr("Tệp đang mở"),
                            message + "\n\n" + self.tr("Lưu với tên «%1»?").replace(
                                "%1", other.name), default_yes=True):
                self.out_edit.setText(str(other))
                self.start_export()
            return
        if isinstance(exc, documents.DocumentDataError) and "Cài đặt" in message:
            # the way to the fix, from where the user is (this dialog stays open)
            if messages.ask(self, self.tr("Xuất văn bản"), message + "\n\n" + self.tr(
                    "Mở Cài đặt ngay bây giờ?"), default_yes=True):
                self.settings_requested.emit()  # (the settings dialog is modal: done here)
                self._settings_changed()
            return
        messages.error(self, self.tr("Xuất văn bản"), message)

    # ---- afterwards -----------------------------------------------------------------------

    def open_file(self) -> None:
        if self.result_paths:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result_paths[0])))

    def open_folder(self) -> None:
        if self.result_paths:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result_paths[0].parent)))

    def reject(self) -> None:
        if self.task is not None:  # the worker still writes: wait for it
            self.status_label.setText(self.tr("Đang xuất, vui lòng đợi…"))
            return
        super().reject()
