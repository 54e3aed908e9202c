"""A reminder about many tasks: the letter gives each agency's counts, the tasks go in an
appendix table. One line a task made a 57-page letter of a 220-activity plan."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import docx

from gbapp.domain.entities import Period
from gbapp.exporters import ExportOptions, export
from gbapp.exporters.reminder import LIST_IN_LETTER
from gbapp.importers import parse_plan_text
from gbapp.services.importing import store_plan
from gbapp.store import open_database, periods

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from benchmarks.plangen import generate_plan_text  # noqa: E402


def _texts(path):
    d = docx.Document(str(path))
    body = [p.text for p in d.paragraphs]
    cells = [[c.text for c in row.cells] for t in d.tables[-1:] for row in t.rows]
    return body, cells


def test_a_reminder_about_many_tasks_lists_them_in_an_appendix(tmp_path):
    db = open_database(tmp_path / "big.db")
    try:
        plan_id = store_plan(db, parse_plan_text(generate_plan_text(60, n_agencies=4, seed=5)))
        periods.save(db, Period(plan_id=plan_id, name="Năm 2025", kind="year",
                                start_on=dt.date(2025, 1, 1), end_on=dt.date(2025, 12, 31),
                                due_on=dt.date(2025, 12, 10)))
        db.conn.commit()
        out = export(db, "reminder", tmp_path / "cv.docx",
                     ExportOptions(date=dt.date(2025, 12, 20)))[0]
    finally:
        db.close()
    body, cells = _texts(out)
    counts = [line for line in body if line.startswith("- ") and " nhiệm vụ (" in line]
    assert len(counts) >= 3  # a line an agency, with its counts
    assert all("chưa báo cáo kết quả" in line for line in counts)
    assert "Danh sách các nhiệm vụ tại Phụ lục I kèm theo Công văn này." in body
    assert not any(line.startswith("- Điểm") for line in body)  # no task listed in the letter
    assert "Phụ lục I" in body and any(line.startswith("(Kèm theo Công văn số") for line in body)
    assert cells[0] == ["STT", "Nhiệm vụ", "Vai trò", "Tình trạng"]
    tasks = [row for row in cells[1:] if "." in row[0]]
    groups = [row for row in cells[1:] if "." not in row[0]]
    assert len(groups) == len(counts) and len(tasks) > LIST_IN_LETTER
    total = sum(int(line.split(": ", 1)[1].split(" nhiệm vụ")[0]) for line in counts)
    assert total == len(tasks)  # the counts say what the table lists


def test_a_short_reminder_still_lists_its_tasks_in_the_letter(demo_copy, tmp_path):
    db = open_database(demo_copy)
    try:
        out = export(db, "reminder", tmp_path / "cv.docx",
                     ExportOptions(date=dt.date(2025, 12, 5)))[0]
    finally:
        db.close()
    body = [p.text for p in docx.Document(str(out)).paragraphs]
    assert not any("Phụ lục" in line for line in body)
    assert any(line.startswith("- Điểm") for line in body)
