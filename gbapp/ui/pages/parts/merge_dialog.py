"""Merging an agency into its successor: pick the successor, see what moves, confirm."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ....domain.entities import Agency
from ....domain.validation import InvalidInput, field_date
from ...widgets.date_edit import DateEdit
from .agency_combo import AgencyCombo
from .forms import ErrorDisplay


@dataclass
class MergePreview:
    """What merging would do: assignments that move (*assignments_shared* of them to activities
    the successor is already on: it takes the part over), reports that move, and reports the
    successor already has for the same activity and period (they stay, as history)."""

    assignments_move: int = 0
    assignments_shared: int = 0
    reports_move: int = 0
    reports_stay: int = 0


class MergeDialog(QDialog):
    """load(agency, candidates, preview, today) / value() -> (successor id, merge date)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sáp nhập cơ quan"))
        self.setMinimumWidth(520)
        self._agency = Agency()
        self._preview: Callable[[int], MergePreview] | None = None
        self.errors = ErrorDisplay()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.successor = AgencyCombo()
        self.successor.lineEdit().setPlaceholderText(self.tr("Gõ tên cơ quan tiếp nhận…"))
        self.on = DateEdit()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Sáp nhập"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Sáp nhập vào"), self.errors.add("successor", self.successor))
        form.addRow(self.tr("Từ ngày"), self.errors.add("on", self.on))
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.successor.agency_changed.connect(lambda _id: self._update_summary())
        self.successor.editTextChanged.connect(lambda _t: self._update_summary())

    def load(self, agency: Agency, candidates: list[Agency],
             preview: Callable[[int], MergePreview], today: dt.date) -> None:
        """*preview(successor id)* says what would move; it is asked again at each choice."""
        self._agency = agency
        self._preview = preview
        self.intro.setText(self.tr("Chuyển phân công và báo cáo của «{0}» sang cơ quan tiếp "
                                   "nhận; «{0}» được giữ lại cùng lịch sử nhưng ngừng hoạt động.")
                           .format(agency.name))
        self.successor.set_agencies(
            [(a.id, a.name, a.short_name) for a in candidates if a.id != agency.id],
            keep=agency.successor_id)
        self.on.set_date(agency.valid_to or today)
        self._update_summary()

    def value(self) -> tuple[int, dt.date | None]:
        errors: dict[str, str] = {}
        successor = self.successor.current_id()
        if successor is None:
            errors["successor"] = self.tr("Chọn cơ quan tiếp nhận trong danh sách.")
        on = field_date(self.on.text(), errors, "on")
        self.errors.show(errors)
        if errors:
            raise InvalidInput(errors)
        return successor, on

    def accept(self) -> None:
        try:
            self.value()
        except InvalidInput:
            return
        super().accept()

    def _update_summary(self) -> None:
        successor = self.successor.current_id()
        if successor is None or self._preview is None:
            self.summary.setText(self.tr("Chọn cơ quan tiếp nhận để xem những gì sẽ được chuyển."))
            return
        p = self._preview(successor)
        target = self.successor.current_name()
        text = self.tr("Sẽ chuyển {0} phân công và {1} báo cáo tiến độ sang «{2}».").format(
            p.assignments_move, p.reports_move, target)
        if p.assignments_shared:
            text += " " + self.tr(
                "Ở {0} hoạt động «{1}» đã tham gia, «{1}» đảm nhận luôn phần của «{2}» (chủ trì "
                "nếu một trong hai chủ trì).").format(p.assignments_shared, target,
                                                      self._agency.name)
        if p.reports_stay:
            text += " " + self.tr(
                "{0} báo cáo trùng với báo cáo «{1}» đã có sẽ ở lại với «{2}» làm lịch sử."
            ).format(p.reports_stay, target, self._agency.name)
        self.summary.setText(text)
