"""Decree 30, Appendix II: "Thành phố Hồ Chí Minh" keeps its capital T wherever the issuer's
name carries it; any other unit's generic noun is lower case ("UBND thành phố Hà Nội")."""

import pytest

from gbapp.importers import parse_plan_text
from gbapp.importers.header import normalise_issuer

BODY = """
Số: 301/KH-UBND
{place}, ngày 25 tháng 12 năm 2025

KẾ HOẠCH
Thực hiện công tác bình đẳng giới năm 2026

I. MỤC ĐÍCH, YÊU CẦU
Bảo đảm thực hiện hiệu quả.

II. NHIỆM VỤ
1. Tập huấn cán bộ. Sở Nội vụ chủ trì. Thời gian: Quý II/2026.
"""


@pytest.mark.parametrize(("block", "issuer"), [
    ("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "UBND Thành phố Hồ Chí Minh"),
    ("UBND THÀNH PHỐ HỒ CHÍ MINH", "UBND Thành phố Hồ Chí Minh"),
    ("UBND THÀNH PHỐ HỒ CHÍ MINH SỞ NỘI VỤ", "Sở Nội vụ Thành phố Hồ Chí Minh"),
    ("THÀNH ĐOÀN THÀNH PHỐ HỒ CHÍ MINH", "Thành đoàn Thành phố Hồ Chí Minh"),
    # the rule's other names stay as they were
    ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "UBND thành phố Hà Nội"),
    ("UBND THÀNH PHỐ ĐÀ NẴNG SỞ Y TẾ", "Sở Y tế thành phố Đà Nẵng"),
    ("UBND TỈNH QUẢNG NGÃI", "UBND tỉnh Quảng Ngãi"),
    ("UBND XÃ MINH LONG", "UBND xã Minh Long"),
    ("BCH ĐOÀN TNCS HỒ CHÍ MINH TỈNH QUẢNG NGÃI", "BCH Đoàn TNCS Hồ Chí Minh tỉnh Quảng Ngãi"),
])
def test_issuer_names(block, issuer):
    assert normalise_issuer(block) == issuer


@pytest.mark.parametrize(("header", "place", "issuer"), [
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH", "Thành phố Hồ Chí Minh", "UBND Thành phố Hồ Chí Minh"),
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI", "Hà Nội", "UBND thành phố Hà Nội"),
])
def test_a_plan_s_issuer_and_place(header, place, issuer):
    meta = parse_plan_text(header + "\n" + BODY.format(place=place)).meta
    assert (meta.issuer, meta.place) == (issuer, place)


def test_the_regenerated_plan_names_the_city_so(tmp_path):
    import docx

    from gbapp.exporters import ExportOptions, export
    from gbapp.services.importing import store_plan
    from gbapp.store import open_database

    parsed = parse_plan_text("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\n"
                             + BODY.format(place="Thành phố Hồ Chí Minh"))
    db = open_database(tmp_path / "hcm.db")
    try:
        store_plan(db, parsed)
        db.conn.commit()
        out = export(db, "plan", tmp_path / "kh.docx", ExportOptions())[0]
    finally:
        db.close()
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "UBND Thành phố Hồ Chí Minh ban hành Kế hoạch" in text
    assert "thành phố Hồ Chí Minh" not in text
