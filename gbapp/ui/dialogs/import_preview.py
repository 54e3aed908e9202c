"""What an imported file will become, shown before anything is saved."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStyledItemDelegate,
    QTextBrowser,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_date
from ...domain.model import ROLE_LABELS, ItemKind, ParsedItem, ParsedPlan
from ...domain.text import without_gist
from ...services.importing import activity_nodes

# the tree's columns
COL_LABEL, COL_TITLE, COL_ACTIVITY, COL_TIME, COL_AGENCIES = range(5)


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
        walked = list(parsed.walk())
        count = len(walked)
        # which items become activities whose progress is followed up (store_plan's own rule)
        self._activities = activity_nodes(parsed.items)
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
            (self.tr("Hoạt động theo dõi"), str(len(self._activities))),
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
        self.tree.setHeaderLabels([self.tr("Số hiệu"), self.tr("Nội dung"), self.tr("Theo dõi"),
                                   self.tr("Thời gian"), self.tr("Cơ quan")])
        self.tree.headerItem().setToolTip(COL_ACTIVITY, self.tr(
            "✓: mục sẽ thành hoạt động được theo dõi tiến độ (trang Hoạt động)"))
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        # the first column fits the deepest label ("-" four levels down), within reason
        metrics = self.tree.fontMetrics()
        deepest: dict[str, int] = {}
        for depth, item in walked:
            label = _label(item)
            deepest[label] = max(depth, deepest.get(label, 0))
        widest = max((self.tree.indentation() * (depth + 1) + metrics.horizontalAdvance(label)
                      for label, depth in deepest.items()), default=0)
        self.tree.setColumnWidth(COL_LABEL, min(max(80, widest + 16), 240))
        self.tree.setColumnWidth(COL_ACTIVITY, max(60, metrics.horizontalAdvance(
            self.tr("Theo dõi")) + 16))
        self.tree.setColumnWidth(COL_TIME, 160)
        self.tree.setColumnWidth(COL_AGENCIES, 200)
        self.tree.setItemDelegate(_TipDelegate(self.tool_tip, self.tree))
        self._fill(parsed.items, None)
        self.tree.expandToDepth(1)

        # the selected row in full: its content, body text, time and agencies are cut in the tree
        self.detail = QTextBrowser(self)  # read-only: selectable, never edited
        self.detail.setPlaceholderText(self.tr("Chọn một mục để xem đầy đủ nội dung."))
        self.detail.setMinimumHeight(48)
        self.tree.currentItemChanged.connect(self._show_detail)

        self.warnings = QListWidget(self)
        self.warnings.setWordWrap(True)  # a long warning wraps instead of being cut
        self.warnings.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.warnings.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.warnings.setResizeMode(QListWidget.ResizeMode.Adjust)
        for warning in parsed.warnings:
            text = without_gist(warning)
            entry = QListWidgetItem(text, self.warnings)
            entry.setToolTip(text)
        self.warnings.setVisible(bool(parsed.warnings))
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

        # The summary takes the height it needs (no empty band above the tree); the tree and
        # the selected row's detail share the rest.
        self.summary = QWidget(self)
        self.summary.setLayout(summary)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.tree)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 1)
        split.setCollapsible(0, False)
        split.setSizes([10_000, 90])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addWidget(warn_label)
        layout.addWidget(self.warnings)
        layout.addWidget(self.buttons)
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)

    def _fill(self, nodes: list[ParsedItem], parent: QTreeWidgetItem | None) -> None:
        for node in nodes:
            agencies = "; ".join(f"{a.name} ({ROLE_LABELS[a.role].lower()})" for a in node.agencies)
            activity = id(node) in self._activities
            entry = QTreeWidgetItem([_label(node), node.title, "✓" if activity else "",
                                     _time(node), agencies])
            entry.setData(COL_LABEL, Qt.ItemDataRole.UserRole, node)
            if parent is None:
                self.tree.addTopLevelItem(entry)
            else:
                parent.addChild(entry)
            self._fill(node.children, entry)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_warnings()

    def _fit_warnings(self) -> None:
        """The warnings take the height their wrapped lines need, up to about six lines: one
        short warning leaves the room to the tree, many scroll."""
        if not self.warnings.count():
            return
        margins = self.layout().contentsMargins()
        width = (self.width() - margins.left() - margins.right() - 2 * self.warnings.frameWidth()
                 - self.warnings.verticalScrollBar().sizeHint().width() - 12)
        metrics = self.warnings.fontMetrics()
        needed = sum(metrics.boundingRect(0, 0, max(width, 100), 100_000,
                                          Qt.TextFlag.TextWordWrap, self.warnings.item(i).text())
                     .height() + 4 for i in range(self.warnings.count()))
        self.warnings.setFixedHeight(min(needed, 6 * metrics.lineSpacing() + 12)
                                     + 2 * self.warnings.frameWidth())

    def tool_tip(self, entry: QTreeWidgetItem, column: int) -> str:
        """The full text of a cell the tree may cut (made when asked: a plan has thousands of
        rows); the content's tooltip adds the item's body text."""
        node = entry.data(COL_LABEL, Qt.ItemDataRole.UserRole)
        if node is None:
            return ""
        if column == COL_TITLE:
            text = node.title + (f"\n\n{node.text}" if node.text else "")
        elif column == COL_ACTIVITY:
            text = (self.tr("Sẽ thành hoạt động được theo dõi tiến độ")
                    if id(node) in self._activities else "")
        elif column == COL_AGENCIES:
            text = "\n".join(f"{a.name} ({ROLE_LABELS[a.role].lower()})" for a in node.agencies)
        else:
            text = entry.text(column)
        return _wrap_tip(text) if text else ""

    def _show_detail(self, current: QTreeWidgetItem | None, _previous=None) -> None:
        node = current.data(COL_LABEL, Qt.ItemDataRole.UserRole) if current is not None else None
        if node is None:
            self.detail.clear()
            return
        lines = [f"{_label(node)} {node.title}"]
        if node.text:
            lines += ["", node.text]
        if node.output:
            lines += ["", self.tr("Sản phẩm: %1").replace("%1", node.output)]
        if _time(node):
            lines.append(self.tr("Thời gian: %1").replace("%1", _time(node)))
        for agency in node.agencies:
            lines.append(f"{ROLE_LABELS[agency.role]}: {agency.name}")
        if id(node) in self._activities:
            lines.append(self.tr("→ Sẽ thành hoạt động được theo dõi tiến độ."))
        self.detail.setPlainText("\n".join(lines))


class _TipDelegate(QStyledItemDelegate):
    """Tooltips computed when the mouse rests on a cell; the activity mark centred."""

    def __init__(self, tip, parent: QWidget):
        super().__init__(parent)
        self._tip = tip

    def initStyleOption(self, option, index) -> None:  # noqa: N802 - Qt's name
        super().initStyleOption(option, index)
        if index.column() == COL_ACTIVITY:
            option.displayAlignment = Qt.AlignmentFlag.AlignCenter

    def helpEvent(self, event, view, option, index) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.ToolTip and index.isValid():
            entry = view.itemFromIndex(index)
            text = self._tip(entry, index.column()) if entry is not None else ""
            if text:
                QToolTip.showText(event.globalPos(), text, view)
            else:
                QToolTip.hideText()
            return True
        return super().helpEvent(event, view, option, index)


def _wrap_tip(text: str) -> str:
    """A tooltip that wraps a long text instead of running off the screen (rich text wraps)."""
    from html import escape

    return "<p style='white-space:pre-wrap'>" + escape(text).replace("\n", "<br>") + "</p>"
