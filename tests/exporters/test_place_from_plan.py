"""Another province's documents are dated in that province (a fifth review's finding: a
Lâm Đồng plan whose date line has no day, "Lâm Đồng, ngày      tháng 3 năm 2026", gave a
report headed "UBND TỈNH LÂM ĐỒNG" but dated "Quảng Ngãi, ngày …", and a plan dated ", ngày
…" with no place at all)."""

from __future__ import annotations

import datetime as dt

import docx
import pytest
from export_helpers import run_checker

from gbapp.domain.entities import Period
from gbapp.exporters import ExportOptions, export
from gbapp.services.documents import place_of
from gbapp.store import open_database, periods

LAM_DONG = """ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG
Số:      /KH-UBND
Lâm Đồng, ngày      tháng 3 năm 2026

KẾ HOẠCH
Triển khai thực hiện công tác bình đẳng giới trên địa bàn tỉnh Lâm Đồng năm 2026

I. MỤC ĐÍCH, YÊU CẦU
Bảo đảm thực hiện hiệu quả.

II. NHIỆM VỤ CỤ THỂ
1. Tập huấn cán bộ làm công tác bình đẳng giới.
Cơ quan chủ trì: Sở Nội vụ; cơ quan phối hợp: Hội Liên hiệp Phụ nữ tỉnh.
Thời gian thực hiện: Quý II/2026.
"""


def _date_line(path) -> str:
    header = docx.Document(str(path)).tables[0]
    return header.rows[1].cells[1].text.strip()


@pytest.fixture
def lam_dong(tmp_path):
    from gbapp.importers import parse_plan_text
    from gbapp.services.importing import store_plan

    db = open_database(tmp_path / "ld.db")
    plan = store_plan(db, parse_plan_text(LAM_DONG))
    periods.save(db, Period(plan_id=plan, name="Năm 2026", kind="year",
                            start_on=dt.date(2026, 1, 1), end_on=dt.date(2026, 12, 31)))
    db.conn.commit()
    yield db, plan
    db.close()


@pytest.mark.parametrize("plan_place", [None, "Lâm Đồng"])
def test_report_and_reminder_are_dated_in_the_plan_s_province(lam_dong, tmp_path, plan_place):
    """Nothing saved in Cài đặt: the place follows the plan, as the parent agency does, and
    the warning names the place the documents carry. Whether or not the place was read from
    the plan's date line (when its day is blank), the province's name is the place."""
    db, plan = lam_dong
    db.execute("UPDATE plans SET place = ? WHERE id = ?", [plan_place, plan])
    db.conn.commit()
    for kind in ("report", "reminder"):
        options = ExportOptions(date=dt.date(2026, 12, 15))
        out = export(db, kind, tmp_path / f"{kind}.docx", options)[0]
        assert _date_line(out) == "Lâm Đồng, ngày 15 tháng 12 năm 2026", kind
        warning = next(w for w in options.warnings if "Chưa khai báo cơ quan" in w)
        assert "«UBND tỉnh Lâm Đồng»" in warning and "địa danh «Lâm Đồng»" in warning
        assert "theo kế hoạch đang chọn" in warning and "Quảng Ngãi" not in warning


def test_a_plan_with_no_place_is_dated_in_its_issuer_s_province(lam_dong, tmp_path):
    db, plan = lam_dong
    db.execute("UPDATE plans SET place = NULL WHERE id = ?", [plan])
    db.conn.commit()
    out = export(db, "plan", tmp_path / "kh.docx", ExportOptions())[0]
    assert _date_line(out) == "Lâm Đồng, ngày      tháng      năm 2026"
    result = run_checker(out, "plan")
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(("issuer", "place"), [
    ("UBND tỉnh Lâm Đồng", "Lâm Đồng"),
    ("Ủy ban nhân dân tỉnh Gia Lai", "Gia Lai"),
    ("Sở Y tế tỉnh Lào Cai", "Lào Cai"),
    ("UBND xã Tịnh Hà", "Tịnh Hà"),
    ("UBND thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh"),  # named after a person: in full
    ("UBND phường 1", "Phường 1"),  # by a number: in full
    ("Sở Nội vụ", ""),
    ("Ban Vì sự tiến bộ của phụ nữ tỉnh", ""),
    ("", ""),
    (None, ""),
])
def test_the_place_of_an_issuer(issuer, place):
    assert place_of(issuer) == place
