"""Organisation settings that travel with the database (issuing agency, place, signer…)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.text import clean_line
from ...store.settings import FOLLOW_WRITER, OrgSettings
from ..forms.field import FieldBox, show_errors
from ..widgets.line_edit import LineEdit
from . import messages

FIELDS = (
    ("organisation", "Cơ quan ban hành văn bản"),
    ("agency_code", "Ký hiệu cơ quan (trong số văn bản)"),
    ("parent_agency", "Cơ quan chủ quản"),
    ("report_to", "Nơi nhận báo cáo (Kính gửi)"),
    ("place", "Địa danh"),
    ("signer", "Người ký mặc định"),
    ("signer_authority", "Quyền hạn ký (KT. GIÁM ĐỐC…)"),
    ("signer_title", "Chức vụ người ký"),
    ("archive_line", "Dòng lưu"),
)
# Every document names them: a report "của ./." or "…, ngày 15 tháng 6" with no place is wrong.
REQUIRED = {
    "organisation": "Hãy nhập cơ quan ban hành văn bản (ví dụ: Sở Nội vụ).",
    "place": "Hãy nhập địa danh: tên tỉnh, thành phố hoặc xã, phường nơi cơ quan đóng trụ sở.",
}
PLACEHOLDERS = {
    "parent_agency": "Dòng trên tên cơ quan ở đầu văn bản (của Sở: UBND tỉnh …)",
    "report_to": "Để trống: gửi cơ quan chủ quản",
}
BACKUPS_MIN, BACKUPS_MAX, BACKUPS_DEFAULT = 1, 9999, 20


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cài đặt"))
        self.setMinimumWidth(520)
        self._org = OrgSettings()
        self._snapshot: tuple = ()
        # what each field held when loaded, or last filled in for the organisation typed: a
        # field whose text differs was typed by the user
        self._filled: dict[str, str] = {}
        self._derive: Callable[[str], dict[str, str]] | None = None
        self.edits: dict[str, QLineEdit] = {}
        self.boxes: dict[str, FieldBox] = {}
        form = QFormLayout()
        for name, label in FIELDS:
            edit = LineEdit(self)
            self.edits[name] = edit
            self.boxes[name] = FieldBox(edit, self)
            if name in PLACEHOLDERS:
                edit.setPlaceholderText(self.tr(PLACEHOLDERS[name]))
            form.addRow(self.tr(label) + (" *" if name in REQUIRED else ""), self.boxes[name])
        self.backup_keep = QSpinBox(self)
        self.backup_keep.setRange(BACKUPS_MIN, BACKUPS_MAX)
        self.backup_keep.setSuffix(self.tr(" bản"))
        self.backup_keep.setToolTip(self.tr(
            "Mỗi lần mở cơ sở dữ liệu, gbapp sao lưu một bản; bản cũ nhất bị xóa khi vượt số này."))
        form.addRow(self.tr("Số bản sao lưu tự động giữ lại"), self.backup_keep)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Lưu"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.edits["organisation"].editingFinished.connect(self._follow_organisation)

    def load(self, org: OrgSettings) -> None:
        self._org = org
        for name, edit in self.edits.items():
            edit.setText(getattr(org, name))
        try:
            keep = int(org.backup_keep)
        except ValueError:
            keep = BACKUPS_DEFAULT
        self.backup_keep.setValue(min(max(keep, BACKUPS_MIN), BACKUPS_MAX))
        self._snapshot = self._texts()
        self._filled = {name: edit.text() for name, edit in self.edits.items()}

    def follow_organisation_with(self, derive: Callable[[str], dict[str, str]]) -> None:
        """*derive*(organisation) gives the agency code, archive line and signature lines the
        documents of that body would use: when another organisation is typed, those of the
        fields the user has not typed follow it (a "Phòng Văn hóa - Xã hội" is not signed
        "KT. GIÁM ĐỐC")."""
        self._derive = derive

    def _follow_organisation(self) -> None:
        organisation = clean_line(self.edits["organisation"].text())
        if self._derive is None or not organisation:
            return
        for name, value in self._derive(organisation).items():
            edit = self.edits.get(name)
            if name in FOLLOW_WRITER and edit is not None \
                    and edit.text() == self._filled.get(name) and value != edit.text():
                edit.setText(value)
                self._filled[name] = value

    def typed_fields(self) -> set[str]:
        """The fields whose text the user typed (not as loaded or filled in for the
        organisation)."""
        return {name for name, edit in self.edits.items()
                if edit.text() != self._filled.get(name)}

    def is_dirty(self) -> bool:
        """Whether anything was typed since load() (Hủy, Esc and closing ask before dropping
        it)."""
        return self._texts() != self._snapshot

    def _texts(self) -> tuple:
        return (tuple(edit.text() for edit in self.edits.values()), self.backup_keep.value())

    def errors(self) -> dict[str, str]:
        """field -> message, for the required fields left empty."""
        return {name: self.tr(message) for name, message in REQUIRED.items()
                if not clean_line(self.edits[name].text())}

    def accept(self) -> None:
        errors = self.errors()
        show_errors(self.boxes, errors)
        if errors:
            self.adjustSize()  # room for the messages
        else:
            super().accept()

    def reject(self) -> None:
        """Hủy, Esc and the window's close button (all come here): with something typed, the
        dialog closes only once the user agrees to drop it (Enter drops it, as Esc in the forms
        does; a second Esc keeps it, and the dialog open). Nothing typed: it just closes."""
        if self.is_dirty() and not messages.ask_drop(self, self.tr("cài đặt")):
            return
        super().reject()

    def value(self) -> OrgSettings:
        return replace(self._org, backup_keep=str(self.backup_keep.value()),
                       **{n: clean_line(e.text()) for n, e in self.edits.items()})
