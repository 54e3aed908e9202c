"""Backups the user asks for: "Sao lưu ra…", "Khôi phục…", and the offer made for a damaged file."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services import backups
from ...store.backup import COUNTED, BackupInfo, same_path
from ...store.lock import DatabaseLock
from ..workers import run_with_progress
from . import messages

log = logging.getLogger(__name__)

REASONS = {"open": "Khi mở", "close": "Khi đóng", "manual": "Sao lưu tay", "safety": "Bản an toàn",
           "replace": "Trước khi thay", "": "Tự động"}


class RestoreDialog(QDialog):
    """Lists the backups of a database (newest first) with date, size and record counts; and
    the file each was made from when they come from more than one (the database moved: a USB
    stick under another drive letter; or a copy of it was worked on)."""

    def __init__(self, infos: list[BackupInfo], parent: QWidget | None = None,
                 current: Path | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Khôi phục từ bản sao lưu"))
        self.infos = infos
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr(
            "Chọn bản sao lưu. Trước khi khôi phục, gbapp lưu một bản an toàn của tệp hiện tại.")))
        headers = [self.tr("Thời điểm"), self.tr("Loại"), self.tr("Dung lượng")]
        headers += [self.tr(label.capitalize()) for label in COUNTED.values()]
        sources = {os.path.normcase(info.source) for info in infos if info.source}
        self.source_column = len(headers) if len(sources) > 1 or any(
            info.other_database for info in infos) else None
        if self.source_column is not None:
            headers.append(self.tr("Sao lưu từ tệp"))
        self.table = QTableWidget(len(infos), len(headers), self)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, info in enumerate(infos):
            cells = [f"{info.created:%d/%m/%Y %H:%M:%S}", self.tr(REASONS.get(info.reason, info.reason)),
                     f"{info.size / 1024:,.0f} KB".replace(",", ".")]
            cells += [str(info.counts.get(table, "")) for table in COUNTED]
            if self.source_column is not None:
                cells.append(self._source_text(info, current))
            if info.future:
                cells[0] += " (*)"
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == self.source_column:
                    item.setToolTip(info.source)
                elif col >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if info.future:
                    item.setToolTip(self.tr(
                        "(*) Giờ ghi muộn hơn giờ máy hiện nay: bản này được tạo khi đồng hồ máy "
                        "chạy nhanh, nên cũ hơn các bản ở trên."))
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        if infos:
            self.table.selectRow(0)
        self.table.doubleClicked.connect(self.accept)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(self)
        self.restore_button = buttons.addButton(self.tr("Khôi phục"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setEnabled(bool(infos))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 360)

    def _source_text(self, info: BackupInfo, current: Path | None) -> str:
        text = info.source or "—"
        if current is not None and info.source and same_path(info.source, current):
            text += self.tr(" (tệp đang mở)")
        if info.other_database:
            text += self.tr(" (cơ sở dữ liệu khác từng ở đường dẫn này)")
        return text

    def value(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.infos[rows[0].row()] if rows else None


def backup_to_folder(window, folder: str | None = None) -> Path | None:
    """"Sao lưu ra…": a backup of the open database in a folder the user picks."""
    ctx = window.ctx
    if ctx is None:
        return None
    if folder is None:
        folder = QFileDialog.getExistingDirectory(window, window.tr("Sao lưu ra thư mục"))
    if not folder:
        return None
    try:
        target = run_with_progress(window, window.tr("Đang sao lưu…"), backups.backup_now,
                                   ctx.path, ctx.path, folder=Path(folder), reason="manual")
    except Exception as exc:  # noqa: BLE001 - BackupError, OSError: shown, nothing lost
        messages.error(window, window.tr("Không sao lưu được"), str(exc))
        return None
    window.statusBar().showMessage(window.tr("Đã sao lưu: %1").replace("%1", str(target)), 8000)
    return target


def restore(window, chosen: Path | None = None) -> bool:
    """"Khôi phục…": pick a backup, keep a safety copy of the current file, restore, reopen."""
    ctx = window.ctx
    if ctx is None:
        return False
    path = ctx.path
    if chosen is None:
        dialog = RestoreDialog(backups.list_for(path), window, current=path)
        if not dialog.exec() or dialog.value() is None:
            return False
        chosen = dialog.value().path
    if not window.settle_unsaved():
        return False
    if not messages.ask(window, window.tr("Khôi phục dữ liệu"), window.tr(
            "Thay dữ liệu hiện tại bằng bản sao lưu «%1»? Tệp hiện tại được lưu thành một bản "
            "an toàn trước khi khôi phục.").replace("%1", chosen.name)):
        return False
    # no backup on closing: the restore's safety copy holds the current state, and pruning
    # the rotation could delete *chosen* itself (the oldest of a full rotation)
    window.close_database(backup=False)
    try:
        safety = _restore_locked(window, chosen, path)
    except Exception as exc:  # noqa: BLE001 - BackupError, OSError: the current file is untouched
        messages.error(window, window.tr("Không khôi phục được"), str(exc))
        window.open_database(path)
        return False
    window.open_database(path)
    messages.info(window, window.tr("Đã khôi phục"), window.tr(
        "Đã khôi phục từ «%1». Bản an toàn của dữ liệu trước đó: %2")
        .replace("%1", chosen.name).replace("%2", str(safety or "—")))
    return True


def offer_restore(window, path: Path, problem: Exception) -> bool:
    """A damaged file: offer the newest good backup. True when it was restored."""
    newest = backups.newest_good(path)
    if newest is None:
        messages.error(window, window.tr("Không mở được cơ sở dữ liệu"), str(problem) + "\n\n" +
                       window.tr("Chưa có bản sao lưu nào còn tốt của tệp này."))
        return False
    if not messages.ask(window, window.tr("Cơ sở dữ liệu bị hỏng"), str(problem) + "\n\n" + window.tr(
            "Khôi phục bản sao lưu tốt gần nhất (%1)? Tệp hỏng được giữ lại thành một bản an "
            "toàn.").replace("%1", newest.describe(from_path=path)), default_yes=True):
        return False
    try:
        _restore_locked(window, newest.path, path)
    except Exception as exc:  # noqa: BLE001
        messages.error(window, window.tr("Không khôi phục được"), str(exc))
        return False
    return True


def _restore_locked(window, backup: Path, path: Path) -> Path | None:
    """Restore while holding the database's lock, so that no other gbapp window opens the file
    between closing it here and replacing it (its writes would go to the replaced file)."""
    with DatabaseLock(path):
        return run_with_progress(window, window.tr("Đang khôi phục…"), backups.restore, backup,
                                 path)
