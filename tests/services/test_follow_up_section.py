"""'IV. TỔ CHỨC THỰC HIỆN' with a sentence of its own ('Giao Phòng Văn hóa - Xã hội theo dõi,
đôn đốc…') names who follows the plan up: it is not a task to report on."""

from __future__ import annotations

from gbapp.importers import parse_plan_text
from gbapp.services.importing import store_plan
from gbapp.store import open_database

PLAN = """ỦY BAN NHÂN DÂN
XÃ HƯNG NGUYÊN
Số: 27/KH-UBND
Hưng Nguyên, ngày 15 tháng 01 năm 2026
KẾ HOẠCH
Thực hiện công tác bình đẳng giới năm 2026
I. NHIỆM VỤ
1. Tuyên truyền Luật Bình đẳng giới. Hội Liên hiệp Phụ nữ xã chủ trì thực hiện. Thời gian: Quý II/2026.
II. TỔ CHỨC THỰC HIỆN
Giao Phòng Văn hóa - Xã hội theo dõi, đôn đốc, tổng hợp kết quả thực hiện Kế hoạch này.
"""


def test_the_follow_up_section_is_no_task(tmp_path):
    db = open_database(tmp_path / "xa.db")
    try:
        store_plan(db, parse_plan_text(PLAN))
        activities = db.execute("SELECT ref FROM items WHERE is_activity = 1").fetchall()
        section = db.execute("SELECT id FROM items WHERE ref = 'II'").fetchone()[0]
        assigned = db.execute("SELECT COUNT(*) FROM assignments WHERE item_id = ?",
                              [section]).fetchone()[0]
    finally:
        db.close()
    assert activities == [("I.1",)]
    assert assigned == 1  # who follows it up is kept
