"""Display labels and colours shared by the follow-up pages (codes stay as the store keeps them)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from ....domain.model import Status
from ....domain.status import Assessment
from ....services.overview import default_period  # noqa: F401 (the pages choose with it)

# Agency kinds; "ubnd" is what older data and the demo use for any people's committee.
AGENCY_KINDS = {
    "so_nganh": "Sở, ngành",
    "doan_the": "Đoàn thể",
    "mat_tran": "Mặt trận",
    "luc_luong_vu_trang": "Lực lượng vũ trang",
    "ubnd_xa": "UBND cấp xã",
    "ubnd": "UBND",
    "bao_chi": "Cơ quan báo chí",
    "trung_uong": "Trung ương",
    "khac": "Khác",
}
AGENCY_LEVELS = {
    "trung_uong": "Trung ương",
    "tinh": "Tỉnh",
    "huyen": "Huyện",  # district level, abolished from 01/07/2025
    "xa": "Xã, phường",
}
PERIOD_KINDS = {
    "year": "Năm",
    "half": "6 tháng",
    "quarter": "Quý",
    "action_month": "Tháng hành động",
    "adhoc": "Đột xuất",
}

# Status order for counts and the chart: what is finished first, what needs chasing last.
STATUS_ORDER = (Status.DONE_ON_TIME, Status.DONE_LATE, Status.IN_PROGRESS, Status.NOT_STARTED,
                Status.OVERDUE)
STATUS_COLORS = {
    Status.DONE_ON_TIME: QColor("#2e7d32"),
    Status.DONE_LATE: QColor("#8bc34a"),
    Status.IN_PROGRESS: QColor("#1976d2"),
    Status.NOT_STARTED: QColor("#9e9e9e"),
    Status.OVERDUE: QColor("#c62828"),
}
ASSESSMENT_COLORS = {
    Assessment.MET: QColor("#2e7d32"),
    Assessment.NOT_MET: QColor("#c62828"),
    Assessment.AT_RISK: QColor("#e65100"),
    Assessment.UNKNOWN: QColor("#757575"),
}


def tr(text: str) -> str:
    """Translate a shared label (the source strings are Vietnamese)."""
    return QCoreApplication.translate("gbapp", text)


def label_of(table: dict[str, str], code: str) -> str:
    """The label of *code*, or the code itself when it is not one we know."""
    return tr(table[code]) if code in table else code


