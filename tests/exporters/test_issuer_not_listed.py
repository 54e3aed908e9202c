"""The body that writes the documents (Cài đặt) is not among those that have not reported: a
reminder is never addressed to its own sender, and a report does not say that its writer has
not reported to itself. Other agencies, however alike in name, stay."""

from __future__ import annotations

import dataclasses
import shutil

import docx
import pytest
from export_helpers import TODAY

from gbapp.exporters import ExportOptions, export
from gbapp.services.documents import collect_reminder, collect_report, is_issuer
from gbapp.store import open_database, settings


@pytest.fixture
def db(demo_db_file, tmp_path):
    path = tmp_path / "demo.db"
    shutil.copy(demo_db_file, path)
    db = open_database(path)
    yield db
    db.close()


def _rename(db, old: str, new: str) -> None:
    db.execute("UPDATE agencies SET name = ? WHERE name = ?", [new, old])
    db.conn.commit()


def _set_organisation(db, name: str) -> None:
    settings.save(db, dataclasses.replace(settings.load(db), organisation=name))
    db.conn.commit()


def _unreported(db) -> list[str]:
    return [name for name, _missing, _assigned in collect_report(db, None, today=TODAY).unreported]


def _reminded(db) -> list[str]:
    return [entry.agency for entry in collect_reminder(db, None, today=TODAY).agencies]


@pytest.mark.parametrize(("agency", "organisation"), [
    ("Sở Nội vụ", "Sở Nội vụ"),
    ("Sở Nội vụ", "Sở Nội vụ tỉnh Quảng Ngãi"),
    ("Ủy ban nhân dân tỉnh", "UBND tỉnh Quảng Ngãi"),
    ("Uỷ ban nhân dân tỉnh Quảng Ngãi", "UBND tỉnh Quảng Ngãi"),
    ("UBND tỉnh", "Ủy ban nhân dân tỉnh Quảng Ngãi"),
    ("Sở NV", "Sở Nội vụ tỉnh Quảng Ngãi"),
    ("SNV", "Sở Nội vụ"),
    ("Sở LĐTBXH", "Sở Lao động - Thương binh và Xã hội"),
    ("Công an tỉnh", "Công an tỉnh Quảng Ngãi"),
])
def test_names_of_the_issuing_body(agency, organisation):
    assert is_issuer(agency, organisation)


@pytest.mark.parametrize(("agency", "organisation"), [
    ("Sở Ngoại vụ", "Sở Nội vụ"),  # same initials, another department
    ("Sở Tư pháp", "Sở Nội vụ tỉnh Quảng Ngãi"),
    ("SYT", "Sở Nội vụ"),
    ("UBND thành phố Quảng Ngãi", "UBND tỉnh Quảng Ngãi"),  # a city of the province
    ("UBND tỉnh Gia Lai", "UBND tỉnh Quảng Ngãi"),
    ("UBND xã Tịnh Hà", "UBND tỉnh Quảng Ngãi"),  # 'Tịnh' is a place, not 'tỉnh'
    ("UBND huyện Sơn Tịnh", "UBND tỉnh Quảng Ngãi"),
    ("UBND các xã, phường", "UBND tỉnh Quảng Ngãi"),
    ("Văn phòng UBND tỉnh", "UBND tỉnh Quảng Ngãi"),
    ("Sở Nội vụ thành phố Đà Nẵng", "Sở Nội vụ tỉnh Quảng Ngãi"),
    ("Sở Nội vụ", ""),
])
def test_names_of_other_bodies(agency, organisation):
    assert not is_issuer(agency, organisation)


def test_the_demo_report_does_not_list_its_writer_as_not_reported(db, tmp_path):
    assert settings.load(db).organisation == "Sở Nội vụ"
    unreported = _unreported(db)
    assert "Sở Nội vụ" not in unreported
    assert "Sở Tư pháp" in unreported  # the others stay
    out = export(db, "report", tmp_path / "bc.docx", ExportOptions(date=TODAY, today=TODAY))[0]
    text = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "- Sở Nội vụ (chủ trì): chưa báo cáo." not in text
    assert "- Sở Nội vụ (chủ trì): chưa cập nhật kết quả." in text
    assert "- Sở Tư pháp (phối hợp): chưa báo cáo." in text
    assert not any(t.startswith("- Sở Nội vụ (chưa báo cáo") for t in text)


def test_a_province_issuing_does_not_remind_itself_under_another_spelling(db):
    _set_organisation(db, "UBND tỉnh Quảng Ngãi")
    _rename(db, "Sở Nội vụ", "Ủy ban nhân dân tỉnh")  # its activities now assigned to the UBND
    _rename(db, "UBND xã Tịnh Hà", "UBND thành phố Quảng Ngãi")  # another body
    assert "Ủy ban nhân dân tỉnh" not in _unreported(db)
    assert "Ủy ban nhân dân tỉnh" not in _reminded(db)
    assert "UBND thành phố Quảng Ngãi" in _unreported(db)
    assert "UBND thành phố Quảng Ngãi" in _reminded(db)


def test_a_department_written_by_its_initials_is_the_department(db):
    _set_organisation(db, "Sở Nội vụ tỉnh Quảng Ngãi")
    _rename(db, "Sở Nội vụ", "Sở NV")
    assert "Sở NV" not in _unreported(db)
    assert "Sở NV" not in _reminded(db)
    assert "Sở Tư pháp" in _reminded(db)
