"""The agency code of the number line ("15/BC-SNV") and the archive line ("Lưu: VT, CTTN&BĐG.")
follow the body writing the documents when nobody typed their own: the built-in ones are Quảng
Ngãi's Sở Nội vụ's (its gender-equality unit) and were printed on a commune's, a Sở Y tế's or a
province's documents. What the user typed is kept; the demo's documents are unchanged."""

from __future__ import annotations

import dataclasses
import datetime as dt

import docx
import pytest
from export_helpers import TODAY, run_checker

from gbapp.domain.entities import Period
from gbapp.domain.issuers import agency_code, archive_line
from gbapp.exporters import ExportOptions, export
from gbapp.importers import parse_plan_text
from gbapp.services.documents import organisation_settings, resolve_plan, unit_code
from gbapp.services.importing import store_plan
from gbapp.store import open_database, periods, settings


def texts(path) -> list[str]:
    """Every paragraph of a written document, tables included, in order."""
    document = docx.Document(str(path))
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                out += [p.text for p in cell.paragraphs]
    return [t for t in out if t.strip()]


def number_and_archive(path) -> tuple[str, str]:
    lines = texts(path)
    number = next(t for t in lines if t.startswith("Số:"))
    archive = next(t for t in lines if t.startswith("- Lưu"))
    return " ".join(number.split()), archive


def save_writer(db, **values) -> None:
    """Cài đặt saved as its dialog saves it: every field at once, the untouched ones as shown."""
    settings.save(db, dataclasses.replace(settings.load(db), **values))


COMMUNE = dict(organisation="UBND xã Tịnh Hà", parent_agency="", report_to="UBND tỉnh Quảng Ngãi",
               place="Tịnh Hà", signer="Lê Văn B", signer_authority="KT. CHỦ TỊCH",
               signer_title="PHÓ CHỦ TỊCH")
HEALTH = dict(organisation="Sở Y tế", parent_agency="UBND tỉnh Quảng Ngãi", place="Quảng Ngãi",
              signer="Trần Thị C")
PROVINCE = dict(organisation="UBND tỉnh Quảng Ngãi", parent_agency="", report_to="Bộ Nội vụ",
                place="Quảng Ngãi", signer="Trần Hoàng Tuấn", signer_authority="KT. CHỦ TỊCH",
                signer_title="PHÓ CHỦ TỊCH")


# ---- the domain rules --------------------------------------------------------------------


@pytest.mark.parametrize(("name", "code"), [
    ("Sở Nội vụ", "SNV"),
    ("Sở Y tế tỉnh Lào Cai", "SYT"),
    ("Sở Giáo dục và Đào tạo", "SGDĐT"),
    ("Sở Văn hóa, Thể thao và Du lịch Thành phố Hồ Chí Minh", "SVHTTDL"),
    ("Sở Lao động - Thương binh và Xã hội", "SLĐTBXH"),
    ("Phòng Văn hóa - Xã hội", "PVHXH"),  # "Xã hội" is no commune
    ("Trung tâm Công tác xã hội tỉnh", "TTCTXH"),  # nor is "xã hội"
    ("UBND xã Tịnh Hà", "UBND"),
    ("Ủy ban nhân dân tỉnh Gia Lai", "UBND"),
    ("Uỷ ban nhân dân phường 1", "UBND"),
    ("Hội đồng nhân dân tỉnh Gia Lai", "HĐND"),
    ("", ""),
])
def test_agency_code_of_a_name(name, code):
    assert agency_code(name) == code


@pytest.mark.parametrize(("name", "line"), [
    ("UBND xã Tịnh Hà", "Lưu: VT, VHXH."),
    ("Ủy ban nhân dân phường Hạc Thành", "Lưu: VT, VHXH."),
    ("UBND đặc khu Lý Sơn", "Lưu: VT, VHXH."),
    ("UBND tỉnh Quảng Ngãi", "Lưu: VT."),  # its office's unit differs from province to province
    ("Sở Y tế", "Lưu: VT."),
    ("Phòng Văn hóa - Xã hội", "Lưu: VT."),
])
def test_archive_line_of_a_name(name, line):
    assert archive_line(name) == line


@pytest.mark.parametrize(("line", "unit"), [
    ("Lưu: VT, CTTN&BĐG.", "CTTN&BĐG"),
    ("Lưu: VT.", ""),
    ("Lưu: VT, VHXH (02).", "VHXH"),  # the number of copies is not the unit
    ("Lưu: VT, KGVX(H).", "KGVX"),  # nor the drafter's initial
])
def test_the_drafting_unit_of_an_archive_line(line, unit):
    assert unit_code(line) == unit


# ---- documents of each writer ------------------------------------------------------------


def export_all(db, tmp_path, tag) -> dict[str, object]:
    opts = dict(date=dt.date(2025, 12, 5), today=TODAY)
    return {
        "report": export(db, "report", tmp_path / f"{tag}-bc.docx", ExportOptions(**opts))[0],
        "letter": export(db, "reminder", tmp_path / f"{tag}-cv.docx", ExportOptions(**opts))[0],
    }


def test_the_demo_keeps_its_department_codes(demo_db, tmp_path):
    files = export_all(demo_db, tmp_path, "demo")
    assert number_and_archive(files["report"]) == ("Số: /BC-SNV", "- Lưu: VT, CTTN&BĐG.")
    assert number_and_archive(files["letter"]) == ("Số: /SNV-CTTN&BĐG", "- Lưu: VT, CTTN&BĐG.")


@pytest.mark.parametrize(("writer", "report", "letter", "archive"), [
    (COMMUNE, "Số: /BC-UBND", "Số: /UBND-VHXH", "- Lưu: VT, VHXH."),
    (HEALTH, "Số: /BC-SYT", "Số: /SYT", "- Lưu: VT."),
    (PROVINCE, "Số: /BC-UBND", "Số: /UBND", "- Lưu: VT."),
])
def test_another_writer_saved_in_settings_gets_its_own_codes(demo_db, tmp_path, writer, report,
                                                             letter, archive):
    # Cài đặt saved with the built-in "SNV" and "Lưu: VT, CTTN&BĐG." left as shown
    save_writer(demo_db, **writer)
    files = export_all(demo_db, tmp_path, "w")
    assert number_and_archive(files["report"]) == (report, archive)
    assert number_and_archive(files["letter"]) == (letter, archive)
    for kind, path in (("report", files["report"]), ("letter", files["letter"])):
        text = "\n".join(texts(path))
        assert "CTTN" not in text and "SNV" not in text
        assert run_checker(path, kind).returncode == 0


def test_codes_the_user_typed_are_kept(demo_db, tmp_path):
    save_writer(demo_db, **COMMUNE, agency_code="UBND", archive_line="Lưu: VT, VP, Tịnh")
    files = export_all(demo_db, tmp_path, "typed")
    assert number_and_archive(files["letter"]) == ("Số: /UBND-Tịnh", "- Lưu: VT, VP, Tịnh.")
    # even the built-in ones, typed by a Sở Nội vụ elsewhere
    save_writer(demo_db, organisation="Sở Nội vụ tỉnh Gia Lai", parent_agency="UBND tỉnh Gia Lai",
                place="Gia Lai", agency_code="SNV", archive_line="Lưu: VT, CTTN&BĐG.")
    files = export_all(demo_db, tmp_path, "gialai")
    assert number_and_archive(files["report"]) == ("Số: /BC-SNV", "- Lưu: VT, CTTN&BĐG.")


COMMUNE_PLAN = (
    "ỦY BAN NHÂN DÂN\nXÃ THIỆU HÓA\nSố: 12/KH-UBND\nThiệu Hóa, ngày 10 tháng 02 năm 2026\n"
    "KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2026\nI. NHIỆM VỤ\n"
    "1. Tuyên truyền Luật Bình đẳng giới. Hội Liên hiệp Phụ nữ xã chủ trì thực hiện. "
    "Thời gian: Quý II/2026.\n"
    "Nơi nhận:\n- UBND tỉnh Thanh Hóa;\n- Lưu: VT, VP (02b).\n"
    "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLê Văn An\n")


@pytest.fixture
def commune_db(tmp_path):
    database = open_database(tmp_path / "xa.db")
    plan_id = store_plan(database, parse_plan_text(COMMUNE_PLAN))
    periods.save(database, Period(plan_id=plan_id, name="Năm 2026", kind="year",
                                  start_on=dt.date(2026, 1, 1), end_on=dt.date(2026, 12, 31),
                                  due_on=dt.date(2026, 12, 15)))
    yield database
    database.close()


def test_a_commune_with_nothing_saved_drafts_as_its_own_plan_did(commune_db, tmp_path):
    # the plan's Nơi nhận says who drafts: "Lưu: VT, VP", not the name's guess (VHXH)
    org, source = organisation_settings(commune_db, resolve_plan(commune_db))
    assert (source, org.agency_code, org.archive_line) == ("plan", "UBND", "Lưu: VT, VP.")
    out = export(commune_db, "reminder", tmp_path / "cv.docx",
                 ExportOptions(date=dt.date(2026, 12, 5)))[0]
    assert number_and_archive(out) == ("Số: /UBND-VP", "- Lưu: VT, VP.")
    assert run_checker(out, "letter").returncode == 0


def test_a_commune_that_saved_settings_still_drafts_as_its_plan_did(commune_db, tmp_path):
    save_writer(commune_db, organisation="Ủy ban nhân dân xã Thiệu Hóa", parent_agency="",
                report_to="UBND tỉnh Thanh Hóa", place="Thiệu Hóa", signer="Lê Văn An",
                signer_authority="", signer_title="CHỦ TỊCH")
    out = export(commune_db, "report", tmp_path / "bc.docx",
                 ExportOptions(date=dt.date(2026, 12, 5)))[0]
    assert number_and_archive(out) == ("Số: /BC-UBND", "- Lưu: VT, VP.")
    assert run_checker(out, "report").returncode == 0


def test_settings_propose_the_writers_codes(demo_db):
    # what Cài đặt shows (and saves) is what the documents carry
    save_writer(demo_db, **HEALTH)
    org, source = organisation_settings(demo_db, resolve_plan(demo_db))
    assert (source, org.agency_code, org.archive_line) == ("saved", "SYT", "Lưu: VT.")
    saved = settings.load(demo_db)  # the stored values are left alone
    assert (saved.agency_code, saved.archive_line) == ("SNV", "Lưu: VT, CTTN&BĐG.")
