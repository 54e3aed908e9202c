"""Year end: the report's indicator appendix and the Excel working copy tell the whole truth.

- Phụ lục I marks a sample figure of the previous year too, not only of the current one: a demo
  figure of 2024 beside real 2025 figures is not passed off as real.
- The workbook's progress sheet states each report as it stood at its period's end (the half
  year's "đang thực hiện" of work due in September was within its deadline then), as that
  period's report document words it, not as of today.
- The workbook lists who has not reported for the chosen period, the figures of the period's
  report (and the overview's), and has the evaluation year's row of an indicator without a
  figure ("Chưa có số liệu"), as the overview and Phụ lục I say.

Real SQLite files, real .xlsx and .docx written and read back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import docx
import openpyxl
import pytest
from export_helpers import run_checker

from gbapp.domain.entities import IndicatorValue, ProgressReport
from gbapp.domain.model import Status, TimeFrame
from gbapp.exporters import ExportOptions, export
from gbapp.services import documents, editing
from gbapp.services.demo import create_demo
from gbapp.store import agencies, assignments, indicators, items, open_database, periods, progress

TODAY = dt.date(2025, 12, 5)
Q3 = TimeFrame(text="Quý III/2025", start=dt.date(2025, 7, 1), end=dt.date(2025, 9, 30))


@pytest.fixture(scope="module")
def base_db(tmp_path_factory) -> Path:
    """The demo as of 05/12/2025 (its sample figures and reports are dated from that day)."""
    path = tmp_path_factory.mktemp("yearend") / "demo.db"
    create_demo(path, today=TODAY)
    return path


@pytest.fixture
def db(base_db, tmp_path):
    path = tmp_path / "kh.db"
    path.write_bytes(base_db.read_bytes())
    database = open_database(path)
    yield database
    database.close()


class _Activity:  # what the activity form hands editing.save_activity
    def __init__(self, item, lead_id, coordinating):
        self.item, self.lead_id, self.coordinating, self.indicators = (
            item, lead_id, coordinating, [])


def _item(db, ref):
    plan_id = documents.resolve_plan(db).id
    return next(i for i in items.all_items(db, plan_id) if i.ref == ref)


def _period(db, kind):
    plan_id = documents.resolve_plan(db).id
    return next(p for p in periods.list_periods(db, plan_id) if p.kind == kind)


def _agency(db, short):
    return next(a.id for a in agencies.list_agencies(db) if a.short_name == short)


def _set_time(db, ref, tf):
    it = dataclasses.replace(items.get(db, _item(db, ref).id), time_frame=tf)
    refs = assignments.for_item(db, it.id)
    lead = next(a.agency_id for a in refs if a.role.value == "chu_tri")
    editing.save_activity(db, _Activity(it, lead, [a.agency_id for a in refs
                                                   if a.role.value != "chu_tri"]))


def _report(db, ref, agency_id, period_id, status, percent, done_on=None, result=""):
    item_id = _item(db, ref).id
    r = ProgressReport(item_id=item_id, agency_id=agency_id, period_id=period_id, status=status,
                       percent=percent, completed_on=done_on, result=result)
    base = progress.get(db, item_id, agency_id, period_id)
    if base is not None:
        r.id = base.id
    progress.save(db, r)


def _sheet_rows(ws) -> list[dict]:
    header = [c.value for c in ws[1]]
    return [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]


def _xlsx(db, tmp_path, **options) -> openpyxl.Workbook:
    out = export(db, "xlsx", tmp_path / "blv.xlsx", ExportOptions(today=TODAY, **options))[0]
    return openpyxl.load_workbook(out)


def _report_docx(db, tmp_path, name="bc.docx", **options) -> Path:
    opts = dict(date=TODAY, today=TODAY) | options
    return export(db, "report", tmp_path / name, ExportOptions(**opts))[0]


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def _indicator_table(path: Path) -> tuple[list[str], dict[str, list[str]]]:
    """(header, rows by indicator code) of Phụ lục I's table."""
    table = next(t for t in docx.Document(str(path)).tables if len(t.columns) == 7)
    rows = [[c.text for c in r.cells] for r in table.rows]
    by_code = {re.search(r"\(([^()]+)\)$", r[1]).group(1): r for r in rows[1:]}
    return rows[0], by_code


# ---- Phụ lục I: a sample figure is marked in either year's column ---------------------------


def _real_2025(db, codes=None):
    """Real (not sample) 2025 figures for *codes* (None: every indicator), as a clerk types."""
    for ind in indicators.list_indicators(db):
        if codes is None or ind.code in codes:
            indicators.save_value(db, IndicatorValue(indicator_id=ind.id, year=2025, value=50.0,
                                                     note="Số liệu Cục Thống kê"))
    db.conn.commit()


def test_a_sample_figure_of_last_year_beside_real_ones_is_marked(db, tmp_path):
    """Every 2025 figure real, every 2024 one the demo's: the 2024 column was printed plain with
    no note at all, so the reader took the sample figures for real ones."""
    _real_2025(db)
    out = _report_docx(db, tmp_path)
    header, rows = _indicator_table(out)
    assert header[4] == "Thực hiện năm trước (2024)" and header[5] == "Thực hiện năm nay (2025)"
    for code, row in rows.items():
        assert row[4].endswith(" (*)"), (code, row)  # the demo's 2024 figure
        assert row[5] == "50", (code, row)  # real: no mark
    text = _paragraphs(out)
    assert "Ghi chú: số liệu có dấu (*) là dữ liệu mẫu [Dữ liệu mẫu]." in text
    assert run_checker(out, "report").returncode == 0


def test_the_mark_follows_each_figure_in_either_column(db, tmp_path):
    """Some real 2025 figures, some sample ones; a 2024 figure made real: each cell says of
    its own figure, an indicator without a 2025 figure still has its 2024 one marked."""
    _real_2025(db, {"MT1", "MT2.1"})
    ids = {i.code: i.id for i in indicators.list_indicators(db)}
    indicators.save_value(db, IndicatorValue(indicator_id=ids["MT2.1"], year=2024, value=47.0,
                                             note="Niên giám thống kê 2024"))
    indicators.delete_value(db, ids["MT3.5"], 2025)
    db.conn.commit()
    _, rows = _indicator_table(_report_docx(db, tmp_path))
    assert rows["MT1"][4].endswith(" (*)") and rows["MT1"][5] == "50"
    assert rows["MT2.1"][4] == "47" and rows["MT2.1"][5] == "50"  # both real
    assert rows["MT2.3"][4].endswith(" (*)") and rows["MT2.3"][5].endswith(" (*)")
    assert rows["MT3.5"][4].endswith(" (*)") and rows["MT3.5"][5] == ""
    assert rows["MT3.5"][6] == "Chưa có số liệu"


def test_no_mark_and_no_note_when_every_figure_shown_is_real(db, tmp_path):
    _real_2025(db)
    for ind in indicators.list_indicators(db):
        indicators.delete_value(db, ind.id, 2024)
    db.conn.commit()
    out = _report_docx(db, tmp_path)
    _, rows = _indicator_table(out)
    assert not any("(*)" in cell for row in rows.values() for cell in row)
    assert not [p for p in _paragraphs(out) if p.startswith("Ghi chú: số liệu")]


def test_every_figure_sample_is_said_once_under_the_table(db, tmp_path):
    """The demo as it is: both columns sample data: one note, no marks."""
    out = _report_docx(db, tmp_path)
    _, rows = _indicator_table(out)
    assert not any("(*)" in cell for row in rows.values() for cell in row)
    assert "Ghi chú: số liệu thực hiện là dữ liệu mẫu [Dữ liệu mẫu]." in _paragraphs(out)
