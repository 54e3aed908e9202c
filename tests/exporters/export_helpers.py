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
