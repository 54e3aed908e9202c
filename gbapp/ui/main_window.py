"""The main window: a thin shell of menus, toolbar, page navigation and status bar.

Pages own their behaviour; the window opens databases, routes between pages and remembers its
layout. Pages are built the first time they are shown, so start-up pays only for the first one.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import os
from pathlib import Path

import shiboken6
from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QStyle,
    QWidget,
)

from . import workers
from .dialogs import messages
from .models import session
from .widgets.shortcuts import history_keys_to_window
from .workers import busy_cursor

log = logging.getLogger(__name__)
DB_FILES = "Cơ sở dữ liệu gbapp (*.db);;Tất cả các tệp (*)"

# key, navigation label, module, class
PAGES = (
    ("plan", "Kế hoạch", "plan_page", "PlanPage"),
    ("activities", "Hoạt động", "activities_page", "ActivitiesPage"),
    ("agencies", "Cơ quan", "agencies_page", "AgenciesPage"),
    ("progress", "Tiến độ", "progress_page", "ProgressPage"),
    ("indicators", "Chỉ tiêu", "indicators_page", "IndicatorsPage"),
    ("overview", "Tổng quan", "overview_page", "OverviewPage"),
)


class MainWindow(QMainWindow):
    database_opened = Signal(object)  # Path

    def __init__(self, settings: QSettings | None = None):
        super().__init__()
        self.settings = settings or QSettings()
        self.session: session.Session | None = None
        self.ctx = None
        self.pages: dict[str, QWidget] = {}
        self.setWindowTitle("gbapp")
        self.nav = QListWidget(self)
        self.nav.setIconSize(QSize(20, 20))
        for n, (_key, label, *_rest) in enumerate(PAGES, start=1):
            self.nav.addItem(self.tr(label))
            self.nav.item(n - 1).setToolTip(f"Ctrl+{n}")
        # as wide as its longest label: each pixel more is taken from the pages on a small screen
        metrics = self.nav.fontMetrics()
        self._nav_width = min(180, max(metrics.horizontalAdvance(self.nav.item(n).text())
                                       for n in range(self.nav.count())) + 36)
        self.nav.setMaximumWidth(180)
        self.stack = QStackedWidget(self)
        self.placeholder = QLabel(self.tr("Chưa mở cơ sở dữ liệu. Dùng Tệp → Mở… hoặc Tệp → Mới…"),
                                  self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.placeholder)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([self._nav_width, 1200])
        self.setCentralWidget(self.splitter)
        self.db_label = QLabel(self)
        self.counts_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.db_label)
        self._make_actions()
        history_keys_to_window(self)  # Ctrl+Z in a field with nothing to undo: the window's Undo
        self.nav.currentRowChanged.connect(lambda row: self.show_page(PAGES[row][0]))
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1366, 768)
        for key, target in (("window/state", self), ("window/splitter", self.splitter)):
            state = self.settings.value(key)
            if state is not None:
                target.restoreState(state)
        self._update_enabled()

    # -- actions and menus --------------------------------------------------------------------
    def _act(self, text: str, slot, shortcut=None, icon=None) -> QAction:
        action = QAction(self.tr(text), self)
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(k) for k in keys])
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.triggered.connect(slot)
        return action

    def _make_actions(self) -> None:
        sp, keys = QStyle.StandardPixmap, QKeySequence.StandardKey
        # one letter an entry in the «Tệp» menu: M opens, I makes a new database
        self.new_action = self._act("Mớ&i…", self.new_database, keys.New, sp.SP_FileIcon)
        self.open_action = self._act("&Mở…", self.choose_database, keys.Open,
                                     sp.SP_DialogOpenButton)
        self.copy_action = self._act("&Lưu bản sao…", self.save_copy, "Ctrl+Shift+S",
                                     sp.SP_DialogSaveButton)
        self.export_action = self._act("&Xuất văn bản…", self.export, "Ctrl+E",
                                       sp.SP_FileDialogDetailedView)
        self.backup_action = self._act("Sao lưu &ra…", self._backup_to_folder)
        self.restore_action = self._act("&Khôi phục…", self._restore)
        self.settings_action = self._act("&Cài đặt…", self.edit_settings)
        self.quit_action = self._act("&Thoát", self.close, keys.Quit)
        self.undo_action = self._act("&Hoàn tác", self.undo, [keys.Undo], sp.SP_ArrowBack)
        self.redo_action = self._act("&Làm lại", self.redo, ["Ctrl+Y", "Ctrl+Shift+Z"],
                                     sp.SP_ArrowForward)
        file_menu = self.menuBar().addMenu(self.tr("&Tệp"))
        file_menu.addActions([self.new_action, self.open_action, self.copy_action])
        self.recent_menu = file_menu.addMenu(self.tr("&Gần đây"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        file_menu.addActions([self.backup_action, self.restore_action])
        file_menu.addSeparator()
        file_menu.addActions([self.export_action, self.settings_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu(self.tr("&Sửa"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        view_menu = self.menuBar().addMenu(self.tr("&Xem"))
        for n, (key, label, *_rest) in enumerate(PAGES, start=1):
            view_menu.addAction(self._act(label, lambda _=False, k=key: self.show_page(k),
                                          f"Ctrl+{n}"))
        help_menu = self.menuBar().addMenu(self.tr("Trợ &giúp"))
        help_menu.addAction(self._act("Thư mục dữ liệu và nhật ký", self._show_paths))
        toolbar = self.addToolBar(self.tr("Công cụ"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.open_action, self.copy_action, self.undo_action,
                            self.redo_action, self.export_action])

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in session.recent_databases(self.settings):
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_database(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("(chưa có)")).setEnabled(False)

    def _update_enabled(self) -> None:
        has_db = self.ctx is not None
        for action in (self.copy_action, self.backup_action, self.restore_action,
                       self.export_action, self.settings_action):
            action.setEnabled(has_db)
        self.nav.setEnabled(has_db)
        self._update_undo()

    def _update_undo(self) -> None:
        undo = self.ctx.undo if self.ctx else None
        can_undo, can_redo = bool(undo and undo.can_undo()), bool(undo and undo.can_redo())
        self.undo_action.setEnabled(can_undo)
        self.redo_action.setEnabled(can_redo)
        # the mnemonic kept (Alt+S, H), and an "&" in the action's name ("Sở GD&ĐT") shown as such
        self.undo_action.setText(
            self.tr("&Hoàn tác: %1").replace("%1", undo.undo_name().replace("&", "&&"))
            if can_undo else self.tr("&Hoàn tác"))
        self.redo_action.setText(
            self.tr("&Làm lại: %1").replace("%1", undo.redo_name().replace("&", "&&"))
            if can_redo else self.tr("&Làm lại"))

    # -- databases ----------------------------------------------------------------------------
    def open_database(self, path: str | Path) -> bool:
        """Open *path* (created if new) in place of the current database; not an undo step."""
        from ..store import DamagedDatabaseError, DatabaseError, NotADatabaseError

        if self.session is not None and not self.settle_unsaved():
            return False
        if _emptied(Path(path)):  # a 0-byte file that had backups: emptied by a bad copy or sync
            from .dialogs import backups

            problem = DamagedDatabaseError(self.tr(
                "Tệp «%1» trống (0 byte): có thể đã bị chép hỏng hoặc bị ghi đè.")
                .replace("%1", Path(path).name))
            return backups.offer_restore(self, Path(path), problem) and self.open_database(path)
        try:
            opened = session.Session(Path(path))
        except (DamagedDatabaseError, NotADatabaseError) as exc:
            log.warning("could not open %s: %s", path, exc)
            from .dialogs import backups

            return backups.offer_restore(self, Path(path), exc) and self.open_database(path)
        except (DatabaseError, OSError) as exc:
            log.warning("could not open %s: %s", path, exc)
            messages.error(self, self.tr("Không mở được cơ sở dữ liệu"), str(exc))
            return False
        self.close_database()
        self.session, self.ctx = opened, opened.ctx
        self.ctx.undo_state_changed.connect(self._update_undo)
        self.ctx.problem.connect(lambda title, text: messages.error(self, title, text))
        self.ctx.data_changed.connect(self._update_status)
        self.ctx.plan_changed.connect(lambda _id: self._update_status())
        session.remember(self.settings, opened.path)
        read_only = not os.access(opened.path, os.W_OK)
        suffix = self.tr(" (chỉ đọc)") if read_only else ""
        self.setWindowTitle(f"{opened.path.name}{suffix} — gbapp")
        self.db_label.setText(str(opened.path))
        self._update_enabled()
        self.show_page(self.settings.value("window/page", "plan") or "plan")
        self._update_status()
        self.database_opened.emit(opened.path)
        if read_only:  # said now, not at the first save that fails
            messages.info(self, self.tr("Tệp chỉ đọc"), self.tr(
                "Tệp «%1» chỉ cho phép đọc: bạn xem và xuất văn bản được, nhưng thay đổi sẽ không "
                "lưu được. Muốn sửa, hãy bỏ thuộc tính chỉ đọc của tệp (chuột phải vào tệp → "
                "Thuộc tính/Properties → bỏ chọn Chỉ đọc/Read-only) hoặc chép tệp sang thư mục "
                "khác rồi mở bản chép.")
                .replace("%1", opened.path.name))
        return True

    def settle_unsaved(self) -> bool:
        """Before the open database goes away (closing, opening another, restoring) or an undo
        or redo changes it: each page with unsaved edits asks to save or drop them, and its
        forms then show what is stored. False when the user chose to stay, or when a save
        failed (disk full, USB stick pulled, read-only file): the edits stay in their form,
        and the user is told why, instead of the window closing with them."""
        from ..store import DatabaseError

        try:
            return all(page.maybe_leave() for page in self.pages.values()
                       if hasattr(page, "maybe_leave"))
        except DatabaseError as exc:
            messages.error(self, self.tr("Chưa lưu được"), str(exc))
            return False

    def close_database(self, *, backup: bool = True) -> None:
        if self.session is None:
            return
        # An action still saving in the background (an imported plan being stored) ends first,
        # its pages told, before they and the database go: closing waits for it, never drops it.
        self.ctx.wait_background()
        self._save_page_states()
        for page in self.pages.values():
            if hasattr(page, "shutdown"):
                page.shutdown()
            self.stack.removeWidget(page)
            # Deleted now, not later: a view that outlived its database would query a closed
            # connection from the next event (a tree expanding, a search timer firing).
            page.setParent(None)
            shiboken6.delete(page)
        self.pages.clear()
        failed = self.session.close(backup=backup)
        self.session = self.ctx = None
        self.stack.setCurrentWidget(self.placeholder)
        self._update_enabled()
        if failed:
            messages.error(self, self.tr("Chưa sao lưu được"), failed)

    def choose_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Mở cơ sở dữ liệu"), "",
                                              self.tr(DB_FILES))
        if path:
            self.open_database(path)

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Tạo cơ sở dữ liệu mới"), "gbapp.db", self.tr(DB_FILES),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if not path:
            return
        if Path(path).exists():
            messages.error(self, self.tr("Tệp đã có"), self.tr(
                "Tệp «%1» đã có. Hãy chọn tên khác (gbapp không ghi đè tệp có sẵn).")
                .replace("%1", path))
            return
        self.open_database(path)

    def save_copy(self) -> None:
        if self.ctx is None:
            return
        suggested = str(self.ctx.path.with_name(
            f"{self.ctx.path.stem}-{dt.date.today():%Y%m%d}.db"))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Lưu bản sao"), suggested,
                                              self.tr(DB_FILES))
        if not path:
            return
        if Path(path).resolve() == self.ctx.path.resolve():
            messages.error(self, self.tr("Không lưu được bản sao"), self.tr(
                "Bản sao phải là một tệp khác với tệp đang mở. Hãy chọn tên khác."))
            return
        try:
            session.save_copy(self.ctx.db.conn, Path(path))
        except Exception as exc:  # noqa: BLE001 - OSError, sqlite3 errors, BackupError
            messages.error(self, self.tr("Không lưu được bản sao"), str(exc))
            return
        self.statusBar().showMessage(self.tr("Đã lưu bản sao: %1").replace("%1", path), 8000)

    def _backup_to_folder(self) -> None:
        from .dialogs import backups

        backups.backup_to_folder(self)

    def _restore(self) -> None:
        from .dialogs import backups

        backups.restore(self)

    # -- pages --------------------------------------------------------------------------------
    def page(self, key: str) -> QWidget | None:
        """The page called *key*, built on first use; None while no database is open."""
        if self.ctx is None:
            return None
        if key not in self.pages:
            _key, _label, module, cls = next(p for p in PAGES if p[0] == key)
            page_cls = getattr(importlib.import_module(f".pages.{module}", __package__), cls)
            page = page_cls(self.ctx, self)
            if hasattr(page, "restore_state"):
                page.restore_state(self.settings)
            if hasattr(page, "status_message"):
                page.status_message.connect(lambda text: self.statusBar().showMessage(text, 6000))
            if hasattr(page, "open_item"):
                page.open_item.connect(self.open_item)
            if hasattr(page, "open_agency"):
                page.open_agency.connect(self.open_agency)
            if hasattr(page, "open_indicator"):
                page.open_indicator.connect(self.open_indicator)
            self.pages[key] = page
            self.stack.addWidget(page)
        return self.pages[key]

    def show_page(self, key: str) -> None:
        if key not in (p[0] for p in PAGES):
            key = "plan"
        page = self.page(key)
        if page is None:
            return
        self.stack.setCurrentWidget(page)
        row = [p[0] for p in PAGES].index(key)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)

    def open_item(self, item_id: int) -> None:
        """Show an item in the plan page's form (from the activities list and other pages)."""
        self.show_page("plan")
        self.pages["plan"].select_item(item_id)

    def open_agency(self, agency_id: int, period_id: int | None = None) -> None:
        """Show an agency's activities and reports, for the period the overview was showing."""
        self.show_page("progress")
        self.pages["progress"].select_agency(agency_id, period_id)

    def open_indicator(self, indicator_id: int | None, year: int | None = None) -> None:
        """Show an indicator judged for *year*, as the overview listed it (None: the list)."""
        self.show_page("indicators")
        self.pages["indicators"].select_indicator(indicator_id, year)

    # -- other actions ------------------------------------------------------------------------
    def undo(self) -> None:
        if not self._settle_before_history(redo=False):
            return
        with busy_cursor():
            name = self.ctx.undo_last() if self.ctx else None
        if name:
            self.statusBar().showMessage(self.tr("Đã hoàn tác: %1").replace("%1", name), 5000)

    def redo(self) -> None:
        if not self._settle_before_history(redo=True):
            return
        with busy_cursor():
            name = self.ctx.redo_last() if self.ctx else None
        if name:
            self.statusBar().showMessage(self.tr("Đã làm lại: %1").replace("%1", name), 5000)

    def _settle_before_history(self, *, redo: bool) -> bool:
        """Before an undo or redo: unsaved edits in a form are saved or dropped as the user
        chooses (the question asked before any change of what a form shows), so that no form
        keeps typed text over the state the undo brings back, to be saved on top of it later.
        False when the undo or redo must not run: the user cancelled, or chose to save. A save
        is itself the last step then: undoing now would undo the very save just asked for, and
        it has ended the redo history."""
        if self.ctx is None:
            return False
        performed = self.ctx.actions
        if not self.settle_unsaved():
            return False
        if self.ctx.actions != performed:
            self.statusBar().showMessage(self.tr(
                "Đã lưu nội dung đang sửa; không còn bước nào để làm lại.") if redo else self.tr(
                "Đã lưu nội dung đang sửa, chưa hoàn tác gì: «Hoàn tác» lúc này sẽ bỏ chính "
                "lần lưu vừa rồi."), 10000)
            return False
        return True

    def export(self) -> None:
        try:
            from .export_dialog import ExportDialog
        except ImportError:
            messages.info(self, self.tr("Xuất văn bản"),
                          self.tr("Chức năng xuất văn bản chưa có trong bản này."))
            return
        dialog = ExportDialog(self.ctx, self)
        dialog.settings_requested.connect(self.edit_settings)
        dialog.exec()

    def edit_settings(self) -> None:
        from ..services import documents
        from ..store import plans
        from ..store import settings as org_settings
        from .dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self)
        plan = plans.get(self.ctx.db, self.ctx.plan_id) if self.ctx.plan_id else None
        # never set: proposed from the open plan's issuer, not the defaults' province
        dialog.load(documents.organisation_settings(self.ctx.db, plan)[0])
        dialog.follow_organisation_with(
            lambda organisation: documents.writer_settings(self.ctx.db, plan, organisation))
        if dialog.exec():
            value = dialog.value()
            # what follows the writer and nobody typed now is not written (what was saved
            # before stays as it was): shown as filled in, it must go on following the writer
            skip = set(org_settings.FOLLOW_WRITER) - dialog.typed_fields()
            self.ctx.perform(self.tr("Sửa cài đặt"),
                             lambda db: org_settings.save(db, value, skip=skip))

    def _show_paths(self) -> None:
        from ..paths import data_dir

        messages.info(self, self.tr("Thư mục dữ liệu"), self.tr(
            "Dữ liệu: %1\nNhật ký: %2").replace("%1", str(data_dir()))
            .replace("%2", str(data_dir() / "logs" / "gbapp.log")))

    def _update_status(self) -> None:
        if self.ctx is None:
            self.counts_label.clear()
            return
        from ..store import activities, agencies, plans
        from ..store.activities import ActivityFilter

        db, plan_id = self.ctx.db, self.ctx.plan_id
        plan = plans.get(db, plan_id) if plan_id else None
        parts = [self.tr("KH %1").replace("%1", plan.number or "?")] if plan else []
        if plan_id:
            n = activities.count(db, plan_id, ActivityFilter(), today=dt.date.today())
            parts.append(self.tr("%1 hoạt động").replace("%1", f"{n:,}".replace(",", ".")))
        parts.append(self.tr("%1 cơ quan").replace("%1", str(len(agencies.list_agencies(db)))))
        self.counts_label.setText(" · ".join(parts))

    # -- layout memory ------------------------------------------------------------------------
    def _save_page_states(self) -> None:
        for key, page in self.pages.items():
            if hasattr(page, "save_state"):
                page.save_state(self.settings)
            if self.stack.currentWidget() is page:
                self.settings.setValue("window/page", key)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        # A save running in the background (an imported plan being stored) is waited for, its
        # outcome shown, before anything else: closing never drops it.
        if self.ctx is not None:
            self.ctx.wait_background()
        if workers.with_progress_running():
            # a backup or a restore being waited for (its loop runs this very call): closed
            # once it has ended, not under it
            workers.close_after(self)
            event.ignore()
            return
        if not self.settle_unsaved():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.close_database()
        self.settings.sync()
        super().closeEvent(event)


def _emptied(path: Path) -> bool:
    """An existing empty file with good backups: not a new database to create, a lost one."""
    try:
        if path.stat().st_size != 0:
            return False
    except OSError:
        return False  # not there yet: a new database
    from ..services.backups import newest_good

    return newest_good(path) is not None
