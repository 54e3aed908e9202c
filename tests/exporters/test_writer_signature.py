"""The signature lines follow the body writing the documents as its codes do: the built-in
"KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" is a department's, and went out on the letters of a Phòng, an
association or a people's committee that had only saved its name in Cài đặt."""

from __future__ import annotations

import dataclasses
import datetime as dt

import docx
import pytest
from export_helpers import TODAY, run_checker

from gbapp.domain.issuers import signer_lines
from gbapp.exporters import ExportOptions, export
from gbapp.services.documents import organisation_settings, resolve_plan, writer_settings
from gbapp.store import settings


@pytest.mark.parametrize(("name", "lines"), [
    ("Sở Y tế", ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),
    ("Phòng Văn hóa - Xã hội", ("KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG")),
    ("Văn phòng UBND tỉnh", ("KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG")),
    ("Ban Dân tộc tỉnh", ("KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN")),
    ("Chi cục Thống kê", ("KT. CHI CỤC TRƯỞNG", "PHÓ CHI CỤC TRƯỞNG")),
    ("Ủy ban nhân dân xã Tịnh Hà", ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")),
    ("Hội Liên hiệp Phụ nữ tỉnh", ("TM. BAN THƯỜNG VỤ", "CHỦ TỊCH")),
    ("Hội đồng Phối hợp phổ biến, giáo dục pháp luật", None),  # not an association
    ("Công an tỉnh", None),  # the name does not say
])
def test_signature_lines_of_a_name(name, lines):
    assert signer_lines(name) == lines


def signature(path) -> list[str]:
    """The lines of the signature cell (the right-hand cell of the last table)."""
    table = docx.Document(str(path)).tables[-1]
    return [p.text for p in table.rows[0].cells[-1].paragraphs if p.text.strip()]


def test_a_phong_that_saved_only_its_name_signs_as_a_phong(demo_db, tmp_path):
    # the demo saved the department's lines; the Phòng saves its name over them, the lines
    # left as Cài đặt showed them
    org = dataclasses.replace(settings.load(demo_db), organisation="Phòng Văn hóa - Xã hội",
                              parent_agency="UBND xã Tịnh Hà", place="Tịnh Hà", signer="Lê Thị D")
    settings.save(demo_db, org, skip=settings.FOLLOW_WRITER)
    out = export(demo_db, "reminder", tmp_path / "cv.docx",
                 ExportOptions(date=dt.date(2025, 12, 5), today=TODAY))[0]
    lines = signature(out)
    assert lines[:2] == ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"]
    assert "GIÁM ĐỐC" not in " ".join(lines)
    assert run_checker(out, "letter").returncode == 0


def test_built_in_lines_carried_along_by_an_older_save_follow_the_writer(demo_db):
    # older versions saved every field: the built-in lines are stored, not typed
    settings.save(demo_db, dataclasses.replace(settings.load(demo_db),
                                               organisation="Hội Liên hiệp Phụ nữ tỉnh"))
    org = organisation_settings(demo_db, resolve_plan(demo_db))[0]
    assert (org.signer_authority, org.signer_title) == ("TM. BAN THƯỜNG VỤ", "CHỦ TỊCH")


def test_lines_the_user_typed_are_kept(demo_db):
    settings.save(demo_db, dataclasses.replace(
        settings.load(demo_db), organisation="Phòng Văn hóa - Xã hội",
        signer_authority="Q. TRƯỞNG PHÒNG", signer_title="PHÓ TRƯỞNG PHÒNG PHỤ TRÁCH"))
    org = organisation_settings(demo_db, resolve_plan(demo_db))[0]
    assert (org.signer_authority, org.signer_title) == ("Q. TRƯỞNG PHÒNG",
                                                        "PHÓ TRƯỞNG PHÒNG PHỤ TRÁCH")


def test_the_demo_department_keeps_its_lines(demo_db):
    org = organisation_settings(demo_db, resolve_plan(demo_db))[0]
    assert (org.signer_authority, org.signer_title) == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")


def test_settings_propose_another_bodys_values_as_its_name_is_typed(demo_db):
    plan = resolve_plan(demo_db)
    proposed = writer_settings(demo_db, plan, "Sở Y tế")
    assert proposed == {"agency_code": "SYT", "archive_line": "Lưu: VT.",
                        "signer_authority": "KT. GIÁM ĐỐC", "signer_title": "PHÓ GIÁM ĐỐC"}
    proposed = writer_settings(demo_db, plan, "UBND xã Tịnh Hà")
    assert proposed == {"agency_code": "UBND", "archive_line": "Lưu: VT, VHXH.",
                        "signer_authority": "TM. ỦY BAN NHÂN DÂN", "signer_title": "CHỦ TỊCH"}
