"""What an imported file will become, shown before anything is saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_date
from ...domain.model import ROLE_LABELS, ItemKind, ParsedItem, ParsedPlan
from ...domain.text import without_gist


def _label(item: ParsedItem) -> str:
    if item.kind in (ItemKind.ROMAN, ItemKind.ARABIC):
        return f"{item.label}."
    return f"{item.label})" if item.kind is ItemKind.LETTER else item.label


def _time(item: ParsedItem) -> str:
    tf = item.time_frame
    if tf is None:
        return ""
    return tf.text or f"{format_date(tf.start)} – {format_date(tf.end)}"


class ImportPreviewDialog(QDialog):
    """Accept to save the plan, reject to drop it."""

    def __init__(self, parsed: ParsedPlan, source_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.parsed = parsed
        self.setWindowTitle(self.tr("Xem trước kế hoạch nhập từ «%1»").replace("%1", source_name))
        # 1000×680, or less on a small screen (1024×600): the buttons must stay on it
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(1000, screen.width() - 24), min(680, screen.height() - 48))
        meta = parsed.meta
        count = sum(1 for _ in parsed.walk())
        summary = QFormLayout()
        rows = [
            (self.tr("Số, ký hiệu"), meta.number or self.tr("(không rõ)")),
            (self.tr("Trích yếu"), meta.title or ""),
            (self.tr("Cơ quan ban hành"), meta.issuer or ""),
            (self.tr("Địa danh, ngày"), ", ".join(x for x in (meta.place or "",
                                                              format_date(meta.issued_on)) if x)),
            (self.tr("Người ký"), " ".join(x for x in (meta.signer_authority or "",
                                                      meta.signer_title or "",
                                                      meta.signer or "") if x)),
            (self.tr("Căn cứ"), self.tr("%1 văn bản").replace("%1", str(len(meta.legal_bases)))),
            (self.tr("Số mục"), str(count)),
        ]
        for label, value in rows:
            text = QLabel(value, self)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            summary.addRow(label, text)
        if meta.truncated:
            summary.addRow("", QLabel(self.tr("Văn bản bị cắt ([...]): phần còn lại không có."),
                                      self))

        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Số hiệu"), self.tr("Nội dung"), self.tr("Thời gian"),
                                   self.tr("Cơ quan")])
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.tree.setColumnWidth(0, 80)
        self.tree.setColumnWidth(2, 160)
        self.tree.setColumnWidth(3, 200)
        self._fill(parsed.items, None)
        self.tree.expandToDepth(1)

        self.warnings = QListWidget(self)
        self.warnings.addItems([without_gist(w) for w in parsed.warnings])
        self.warnings.setVisible(bool(parsed.warnings))
        self.warnings.setMaximumHeight(110)
        self.warnings.setStyleSheet("background: #fff3cd;")
        warn_label = QLabel(self.tr("Cảnh báo khi đọc tệp (%1):")
                            .replace("%1", str(len(parsed.warnings))), self)
        warn_label.setVisible(bool(parsed.warnings))

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(self.tr("Lưu kế hoạch"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        top = QWidget(self)
        top.setLayout(summary)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(top)
        split.addWidget(self.tree)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(warn_label)
        layout.addWidget(self.warnings)
        layout.addWidget(self.buttons)

    def _fill(self, nodes: list[ParsedItem], parent: QTreeWidgetItem | None) -> None:
        for node in nodes:
            agencies = "; ".join(f"{a.name} ({ROLE_LABELS[a.role].lower()})" for a in node.agencies)
            entry = QTreeWidgetItem([_label(node), node.title, _time(node), agencies])
            entry.setToolTip(1, node.title)
            if parent is None:
                self.tree.addTopLevelItem(entry)
            else:
                parent.addChild(entry)
            self._fill(node.children, entry)
