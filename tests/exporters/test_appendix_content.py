"""The assignment appendix states each activity's task, not only its short heading."""

from __future__ import annotations

import docx

from gbapp.exporters import ExportOptions, export
from gbapp.importers import parse_plan_text
from gbapp.services.documents import collect_assignments
from gbapp.services.importing import store_plan
from gbapp.store import open_database

PLAN = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HÀ NỘI
Số: 58/KH-UBND
Hà Nội, ngày 06 tháng 02 năm 2026
KẾ HOẠCH
Thực hiện công tác bình đẳng giới năm 2026
I. NHIỆM VỤ VÀ GIẢI PHÁP
1. Tuyên truyền pháp luật về bình đẳng giới. Sở Văn hóa và Thể thao chủ trì thực hiện. Thời gian: trong năm 2026.
2. Kiểm tra, giám sát
Tổ chức kiểm tra liên ngành việc thực hiện pháp luật về bình đẳng giới tại 05 xã, phường. Sở Nội vụ chủ trì, phối hợp với Sở Y tế thực hiện.
Thời gian thực hiện: Quý III/2026.
"""


def test_an_activity_under_a_short_heading_keeps_its_task(tmp_path):
    # the row read "Kiểm tra, giám sát | Sở Nội vụ | Sở Y tế | Quý III/2026": what to do was lost
    db = open_database(tmp_path / "hn.db")
    try:
        plan_id = store_plan(db, parse_plan_text(PLAN))
        rows = {r.ref: r.title for r in collect_assignments(db, plan_id).rows if r.is_activity}
        out = export(db, "appendix", tmp_path / "pl.docx", ExportOptions())[0]
    finally:
        db.close()
    task = rows["I.2"]
    assert task.startswith("Kiểm tra, giám sát: Tổ chức kiểm tra liên ngành")
    assert "Thời gian thực hiện" not in task  # the time has its own column
    assert rows["I.1"].startswith("Tuyên truyền pháp luật về bình đẳng giới")
    cells = [c.text for t in docx.Document(str(out)).tables for r in t.rows for c in r.cells]
    assert any(c.startswith("Kiểm tra, giám sát: Tổ chức kiểm tra") for c in cells)
