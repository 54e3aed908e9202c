"""Helpers shared by the export tests (imported by name: tests/exporters is on sys.path)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

# ../shared/tools/nd30check.py, located like tests/conftest.py's SHARED.
CHECKER = Path(__file__).resolve().parents[2].parent / "shared/tools/nd30check.py"
TODAY = dt.date(2025, 12, 5)  # statuses are derived from 'today': fixed for the tests


def run_checker(path: Path, kind: str) -> subprocess.CompletedProcess:
    """Run the Decree 30 checker on *path* with the interpreter running the tests."""
    return subprocess.run([sys.executable, str(CHECKER), str(path), "--kind", kind],
                          capture_output=True, text=True, timeout=120)


def export_parsed_plan(parsed, tmp_path: Path) -> Path:
    """Store *parsed* in a new database under *tmp_path* and export it as a plan; the path."""
    from gbapp.exporters import ExportOptions, export
    from gbapp.services.importing import store_plan
    from gbapp.store import open_database

    db = open_database(tmp_path / "kh.db")
    try:
        store_plan(db, parsed)
        db.conn.commit()
        return export(db, "plan", tmp_path / "kh.docx", ExportOptions())[0]
    finally:
        db.close()
