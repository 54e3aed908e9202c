"""Organisation settings that travel with the database (issuing agency, place, signer…)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...store.settings import OrgSettings

FIELDS = (
    ("organisation", "Cơ quan ban hành văn bản"),
    ("agency_code", "Ký hiệu cơ quan (trong số văn bản)"),
    ("parent_agency", "Cơ quan chủ quản"),
    ("place", "Địa danh"),
    ("signer", "Người ký mặc định"),
    ("signer_authority", "Quyền hạn ký (KT. GIÁM ĐỐC…)"),
    ("signer_title", "Chức vụ người ký"),
    ("archive_line", "Dòng lưu"),
    ("backup_keep", "Số bản sao lưu tự động giữ lại"),
)


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cài đặt"))
        self.setMinimumWidth(520)
        self._org = OrgSettings()
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for name, label in FIELDS:
            edit = QLineEdit(self)
            self.edits[name] = edit
            form.addRow(self.tr(label), edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Lưu"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def load(self, org: OrgSettings) -> None:
        self._org = org
        for name, edit in self.edits.items():
            edit.setText(getattr(org, name))

    def value(self) -> OrgSettings:
        return replace(self._org, **{n: " ".join(e.text().split()) for n, e in self.edits.items()})
