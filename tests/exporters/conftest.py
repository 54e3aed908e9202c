"""Fixtures of the export tests: the four documents written once per module from the demo."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from export_helpers import TODAY


@pytest.fixture(scope="module")
def demo_copy(demo_db_file, tmp_path_factory) -> Path:
    """A private copy of the session's demo database for a test module."""
    target = tmp_path_factory.mktemp("export-db") / "demo.db"
    shutil.copy(demo_db_file, target)
    return target


@pytest.fixture(scope="module")
def documents(demo_copy, tmp_path_factory) -> dict[str, Path]:
    """report, appendix, plan, letter and xlsx written from the demo database."""
    from gbapp.exporters import ExportOptions, export
    from gbapp.store import open_database

    out = tmp_path_factory.mktemp("documents")
    db = open_database(demo_copy)
    try:
        opts = dict(number="15", date=dt.date(2025, 12, 5), today=TODAY)
        files = {
            "report": export(db, "report", out / "bao-cao.docx", ExportOptions(**opts))[0],
            "appendix": export(db, "appendix", out / "phu-luc.docx", ExportOptions())[0],
            "plan": export(db, "plan", out / "ke-hoach.docx", ExportOptions())[0],
            "letter": export(db, "reminder", out / "cong-van.docx", ExportOptions(**opts))[0],
            "xlsx": export(db, "xlsx", out / "ban-lam-viec.xlsx", ExportOptions(today=TODAY))[0],
        }
    finally:
        db.close()
    return files
