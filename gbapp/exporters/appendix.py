"""Phụ lục phân công nhiệm vụ: the plan's assignment table on A4 landscape."""

from __future__ import annotations

from pathlib import Path

from ..services.documents import AssignmentTable, plan_reference
from .docbuilder import DocBuilder, appendix_label
from .tables import assignment_table

SAMPLE_NOTE = ("Ghi chú: phân công cơ quan chủ trì, phối hợp trong bảng là dữ liệu mẫu của gbapp "
               "[Dữ liệu mẫu], không phải nội dung của Kế hoạch gốc.")


def write_assignment_appendix(data: AssignmentTable, path: str | Path, *,
                              label: str = appendix_label(1),
                              title: str = "Phân công nhiệm vụ thực hiện Kế hoạch") -> Path:
    """Write the appendix to *path* (atomically); returns the path.

    It goes with the plan as its 'Phụ lục I'; a plan that already has appendices of its own
    passes the next numeral in *label* (appendix_label(n)).
    """
    b = DocBuilder()
    b.landscape_section(first=True)
    b.appendix_heading(label, title, f"(Kèm theo {plan_reference(data.plan)})")
    assignment_table(b, data.rows)
    if not data.rows:
        b.para("Kế hoạch chưa có nhiệm vụ, hoạt động nào.", "GB Note")
    if data.has_sample:
        b.para(SAMPLE_NOTE, "GB Note")
    return b.save(path)
