"""Export options that would make a false document: one number on letters written one per
agency is refused; a plan or appendix dated otherwise than its plan is said so."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from gbapp.exporters import ExportOptions, export
from gbapp.services.documents import DocumentDataError
from gbapp.store import open_database


@pytest.fixture
def db(demo_db_file, tmp_path):
    path = tmp_path / "demo.db"
    shutil.copy(demo_db_file, path)
    database = open_database(path)
    yield database
    database.close()


def test_one_number_for_letters_per_agency_is_refused(db, tmp_path):
    options = ExportOptions(number="20", per_agency=True, date=dt.date(2025, 12, 5))
    with pytest.raises(DocumentDataError, match="số riêng"):
        export(db, "reminder", tmp_path / "cv.docx", options)
    assert not list(tmp_path.glob("cv*.docx"))
    letters = export(db, "reminder", tmp_path / "cv.docx",
                     ExportOptions(per_agency=True, date=dt.date(2025, 12, 5)))
    assert len(letters) > 1


@pytest.mark.parametrize("kind", ["plan", "appendix"])
def test_a_plan_dated_otherwise_than_it_was_issued_is_told(db, tmp_path, kind):
    options = ExportOptions(date=dt.date(2025, 12, 5))
    export(db, kind, tmp_path / f"{kind}.docx", options)
    assert any("ban hành ngày 23/04/2025" in w and "05/12/2025" in w for w in options.warnings)
    same = ExportOptions(date=dt.date(2025, 4, 23))
    export(db, kind, tmp_path / f"{kind}2.docx", same)
    assert not any("ban hành lại" in w for w in same.warnings)
