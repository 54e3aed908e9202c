"""Documents of a commune (or any body that is not a province's department): nothing of the
defaults' Quảng Ngãi, a header written out as Decree 30 writes it, a report addressed to whom
Cài đặt says, and a Nơi nhận naming the commune's own leaders, not "Lãnh đạo Sở"."""

from __future__ import annotations

import dataclasses
import datetime as dt

import docx
import pytest
from export_helpers import run_checker

from gbapp.domain.entities import Period
from gbapp.exporters import ExportOptions, export
from gbapp.importers import parse_plan_text
from gbapp.services.documents import DocumentDataError, leadership_of
from gbapp.services.importing import store_plan
from gbapp.store import open_database, periods, settings

PLAN = ("ỦY BAN NHÂN DÂN\nXÃ THIỆU HÓA\nSố: 12/KH-UBND\nThiệu Hóa, ngày 10 tháng 02 năm 2026\n"
        "KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2026\nI. NHIỆM VỤ\n"
        "1. Tuyên truyền Luật Bình đẳng giới. Hội Liên hiệp Phụ nữ xã chủ trì thực hiện. "
        "Thời gian: Quý II/2026.\n")


def texts(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "xa.db")
    plan_id = store_plan(database, parse_plan_text(PLAN))
    periods.save(database, Period(plan_id=plan_id, name="Năm 2026", kind="year",
                                  start_on=dt.date(2026, 1, 1), end_on=dt.date(2026, 12, 31),
                                  due_on=dt.date(2026, 12, 15)))
    yield database
    database.close()


def test_nothing_saved_the_commune_writes_its_own_documents_not_quang_ngai(db, tmp_path):
    # they came out under "UBND TỈNH QUẢNG NGÃI / SỞ NỘI VỤ", "Kính gửi: UBND tỉnh Quảng Ngãi";
    # then (place only asked for) under "SỞ NỘI VỤ", signed "KT. GIÁM ĐỐC"
    with pytest.raises(DocumentDataError, match="Kính gửi"):  # to whom: only the user knows
        export(db, "report", tmp_path / "report.docx", ExportOptions(date=dt.date(2026, 12, 5)))
    options = ExportOptions(date=dt.date(2026, 12, 5))
    out = export(db, "reminder", tmp_path / "reminder.docx", options)[0]
    document = docx.Document(str(out))
    header = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs if p.text]
    assert header == ["ỦY BAN NHÂN DÂN", "XÃ THIỆU HÓA"]
    text = texts(document)
    for wrong in ("Quảng Ngãi", "Sở Nội vụ", "SỞ NỘI VỤ", "GIÁM ĐỐC", "Lãnh đạo Sở", "CTTN"):
        assert wrong not in text, wrong
    assert "Thiệu Hóa, ngày 05 tháng 12 năm 2026" in text and "TM. ỦY BAN NHÂN DÂN" in text
    assert any("theo kế hoạch đang chọn" in w and "«UBND xã Thiệu Hóa»" in w
               for w in options.warnings)


def test_a_commune_reports_under_its_own_header_to_whom_it_is_told(db, tmp_path):
    settings.save(db, dataclasses.replace(
        settings.load(db), organisation="Ủy ban nhân dân xã Thiệu Hóa", agency_code="UBND",
        parent_agency="", report_to="UBND tỉnh Thanh Hóa", place="Thiệu Hóa",
        signer="Lê Văn B", signer_authority="TM. ỦY BAN NHÂN DÂN", signer_title="CHỦ TỊCH"))
    options = ExportOptions(date=dt.date(2026, 12, 5))
    out = export(db, "report", tmp_path / "bc.docx", options)[0]
    document = docx.Document(str(out))
    header = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs if p.text]
    assert header == ["ỦY BAN NHÂN DÂN", "XÃ THIỆU HÓA"]
    text = texts(document)
    assert "Quảng Ngãi" not in text and "Lãnh đạo Sở" not in text
    assert "Kính gửi: UBND tỉnh Thanh Hóa" in text
    assert "Chủ tịch, các Phó Chủ tịch UBND xã Thiệu Hóa" in text
    assert "Thiệu Hóa, ngày 05 tháng 12 năm 2026" in text
    assert not any("chữ ký" in w for w in options.warnings)  # the chair signs in the committee's name
    assert run_checker(out, "report").returncode == 0


def test_without_anyone_to_report_to_the_report_is_refused(db, tmp_path):
    settings.save(db, dataclasses.replace(
        settings.load(db), organisation="UBND xã Thiệu Hóa", parent_agency="", report_to="",
        place="Thiệu Hóa"))
    with pytest.raises(DocumentDataError, match="Kính gửi"):
        export(db, "report", tmp_path / "bc.docx", ExportOptions(date=dt.date(2026, 12, 5)))


@pytest.mark.parametrize(("organisation", "line"), [
    ("Sở Nội vụ", "Lãnh đạo Sở"),
    ("Sở Nội vụ tỉnh Lào Cai", "Lãnh đạo Sở"),
    ("Phòng Văn hóa - Xã hội", "Lãnh đạo Phòng"),
    ("UBND phường Hạc Thành", "Chủ tịch, các Phó Chủ tịch UBND phường Hạc Thành"),
    ("Hội Liên hiệp Phụ nữ tỉnh", "Lãnh đạo Hội"),
    ("Sởi", "Lãnh đạo đơn vị"),
])
def test_our_own_leaders_line(organisation, line):
    assert leadership_of(organisation) == line


def test_a_head_signing_in_their_own_name_is_not_told_the_authority_is_missing(db, tmp_path):
    settings.save(db, dataclasses.replace(
        settings.load(db), organisation="Phòng Văn hóa - Xã hội", parent_agency="UBND xã Thiệu Hóa",
        place="Thiệu Hóa", signer="Trần C", signer_authority="", signer_title="TRƯỞNG PHÒNG"))
    options = ExportOptions(date=dt.date(2026, 12, 5))
    export(db, "report", tmp_path / "bc.docx", options)
    assert not any("quyền hạn ký" in w for w in options.warnings)
    settings.save(db, dataclasses.replace(settings.load(db), signer_title="PHÓ TRƯỞNG PHÒNG"))
    options = ExportOptions(date=dt.date(2026, 12, 5))
    export(db, "report", tmp_path / "bc2.docx", options)
    assert any("quyền hạn ký" in w for w in options.warnings)


def test_a_commune_does_not_remind_itself(tmp_path):
    # with nothing saved the writer is the commune (from its plan): a task it leads itself is
    # not chased in its own letter ("Kính gửi: UBND xã Thiệu Hóa" from UBND xã Thiệu Hóa)
    text = PLAN + ("2. Rà soát, báo cáo kết quả. UBND xã Thiệu Hóa chủ trì thực hiện. "
                   "Thời gian: Quý II/2026.\n")
    database = open_database(tmp_path / "xa2.db")
    try:
        plan_id = store_plan(database, parse_plan_text(text))
        periods.save(database, Period(plan_id=plan_id, name="Năm 2026", kind="year",
                                      start_on=dt.date(2026, 1, 1),
                                      end_on=dt.date(2026, 12, 31),
                                      due_on=dt.date(2026, 12, 15)))
        from gbapp.services.documents import collect_reminder

        reminder = collect_reminder(database, plan_id, None, today=dt.date(2026, 12, 20))
    finally:
        database.close()
    assert [a.agency for a in reminder.agencies] == ["Hội Liên hiệp Phụ nữ xã"]
