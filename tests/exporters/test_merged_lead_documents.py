"""A merged lead's completed work has one status everywhere (a year-end review): UBND huyện
Sơn Tịnh led II.4.a and reported it done on 20/06 for the half year; UBND xã Tịnh Hà
(coordinating) had it at 30 %; then the district merged into the commune. The app, the
report and the workbook all say "Hoàn thành đúng hạn", the report states the lead's word
under the commune as lead, saying whose report it was, and names a merged agency's own line
with the body it is now part of. Real demo database copies, real .docx and .xlsx read back."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections import Counter

import docx
import openpyxl
import pytest
from export_helpers import TODAY, run_checker

from gbapp.domain.entities import ProgressReport
from gbapp.domain.model import STATUS_LABELS, Status
from gbapp.exporters import ExportOptions, export
from gbapp.services import overview
from gbapp.store import activities, agencies, assignments, items, open_database, periods, progress
from gbapp.store.undo import UndoLog

HEADING = "a) Căn cứ chức năng, nhiệm vụ, từng cơ quan"  # II.4.a
_STATUS_LINE = re.compile(r"^- Tình trạng: ([^;]+);")


@pytest.fixture
def merged(demo_db_file, tmp_path):
    """The reviewer's database: II.4.a led by the district (done in June), the commune
    coordinating (30 %), the district merged into the commune on 01/07/2025 on the agencies
    page (one undoable action). *district_status*: what the district reported."""
    def make(district_status=Status.DONE_ON_TIME):
        path = tmp_path / "vm.db"
        shutil.copy(demo_db_file, path)
        db = open_database(path)
        perform = UndoLog(db).run
        ag = {a.short_name: a.id for a in agencies.list_agencies(db)}
        per = {p.name: p.id for p in periods.list_periods(db, 1)}
        half = per["6 tháng đầu năm 2025"]
        item = next(i for i in items.all_items(db, 1) if i.ref == "II.4.a")
        for r in progress.for_item(db, item.id):  # only the district and the commune speak
            perform("Xóa", lambda d, r=r: progress.delete(d, r.id))
        district, commune = ag["UBND H. Sơn Tịnh"], ag["UBND X. Tịnh Hà"]
        perform("Lưu hoạt động", lambda d: assignments.set_for_item(
            d, item.id, district, [commune, ag["STP"]]))
        done = district_status in (Status.DONE_ON_TIME, Status.DONE_LATE)
        for agency, status, pct, on, result in (
                (district, district_status, 100 if done else 60,
                 dt.date(2025, 6, 20) if done else None,
                 "Huyện đã hoàn thành bố trí." if done else "Huyện đang bố trí."),
                (commune, Status.IN_PROGRESS, 30, None, "Xã đang triển khai.")):
            report = ProgressReport(item_id=item.id, agency_id=agency, period_id=half,
                                    status=status, percent=pct, completed_on=on, result=result)
            perform("Lưu báo cáo", lambda d, report=report: progress.save(d, report))
        perform("Sáp nhập", lambda d: agencies.merge_into(d, district, commune,
                                                          dt.date(2025, 7, 1)))
        return db, item.id, per
    opened = []
    yield lambda **kw: opened.append(make(**kw)) or opened[-1]
    for db, *_ in opened:
        db.close()


def _paragraphs(path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def _lines_of(paras: list[str], heading: str) -> list[str]:
    """The "- " lines (and their "+ " lines) under the activity whose text starts with
    *heading*."""
    start = next(n for n, p in enumerate(paras) if p.startswith(heading))
    out = []
    for p in paras[start + 1:]:
        if not p.startswith(("- ", "+ ")):
            break
        out.append(p)
    return out


def _export(db, tmp_path, period=None):
    opts = dict(number="15", date=dt.date(2025, 12, 5), today=TODAY, period=period)
    report = export(db, "report", tmp_path / "bao-cao.docx", ExportOptions(**opts))[0]
    book = export(db, "xlsx", tmp_path / "ban-lam-viec.xlsx", ExportOptions(today=TODAY))[0]
    return report, book


def test_one_status_in_the_app_the_report_and_the_workbook(merged, tmp_path):
    db, item_id, _per = merged()
    report, book = _export(db, tmp_path)
    paras = _paragraphs(report)
    lines = _lines_of(paras, HEADING)
    done = STATUS_LABELS[Status.DONE_ON_TIME]
    assert lines[0] == f"- Tình trạng: {done}; thời gian thực hiện: Năm 2025."
    # the lead's line: the commune as lead, stating the district's word and saying whose
    assert lines[1] == (f"- UBND xã Tịnh Hà (chủ trì): {done}. Huyện đã hoàn thành bố trí. "
                        "Mức độ hoàn thành 100%. (Theo báo cáo 6 tháng đầu năm 2025 của UBND "
                        "huyện Sơn Tịnh)")
    assert not any(p.startswith("- UBND huyện Sơn Tịnh") for p in paras)
    # the commune's own June report is kept, as a report beside the lead's word
    assert lines[2] == ("- UBND xã Tịnh Hà (báo cáo): Xã đang triển khai. Mức độ hoàn thành "
                        "30%. (Theo báo cáo 6 tháng đầu năm 2025)")
    assert len(lines) == 3  # Sở Tư pháp owes nothing on work completed in June

    # every activity: the report's status is the workbook's and the app's
    sheet = openpyxl.load_workbook(book)["Hoạt động"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    in_book = {r[0]: r[8] for r in rows if r[0]}
    assert in_book["II.4.a"] == done
    assert next(r[9] for r in rows if r[0] == "II.4.a").date() == dt.date(2025, 6, 20)
    in_report = Counter(m.group(1) for p in paras if (m := _STATUS_LINE.match(p)))
    assert in_report == Counter(in_book.values())
    in_app = activities.statuses(db, 1, today=TODAY)
    assert in_app[item_id] == Status.DONE_ON_TIME
    assert Counter(STATUS_LABELS[s] for s in in_app.values()) == in_report
    counts = overview.load(db, 1, TODAY).counts
    assert {STATUS_LABELS[s]: n for s, n in counts.items() if n} == dict(in_report)
    for status, n in counts.items():  # the report's summary: "- Hoàn thành đúng hạn: 7 (…"
        assert any(p.startswith(f"- {STATUS_LABELS[status]}: {n} (") for p in paras), status

    # who has not reported: the report's summary is the app's list (Sở Tư pháp: II.1.b only)
    year = next(p for p in periods.list_periods(db, 1) if p.kind == "year")
    app = {name: n for _id, name, n, _total in progress.unreported_agencies(db, 1, year.id)}
    assert app["Sở Tư pháp"] == 1
    assert "- Sở Tư pháp (chưa báo cáo 1 nhiệm vụ);" in paras
    checked = run_checker(report, "report")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_half_year_report_says_the_same(merged, tmp_path):
    db, _item_id, per = merged()
    report, _book = _export(db, tmp_path, period=per["6 tháng đầu năm 2025"])
    lines = _lines_of(_paragraphs(report), HEADING)
    assert lines[0].startswith(f"- Tình trạng: {STATUS_LABELS[Status.DONE_ON_TIME]};")
    # the half year's own report, given by the district: named, though of the same period
    assert lines[1].endswith("(Theo báo cáo 6 tháng đầu năm 2025 của UBND huyện Sơn Tịnh)")


def test_a_merged_agency_s_report_that_does_not_speak_is_named_with_its_successor(
        merged, tmp_path):
    """Neither done: the commune's own report is the lead's word; the district's June report
    is still in the report, under its name and the body it is now part of."""
    db, item_id, _per = merged(district_status=Status.IN_PROGRESS)
    assert activities.statuses(db, 1, today=TODAY)[item_id] == Status.IN_PROGRESS
    report, _book = _export(db, tmp_path)
    lines = _lines_of(_paragraphs(report), HEADING)
    progressing = STATUS_LABELS[Status.IN_PROGRESS]
    assert lines[0].startswith(f"- Tình trạng: {progressing};")
    # its June word does not answer for the year (work still going on): it owes the year's
    # report, and its June word is quoted below its line
    assert lines[1] == "- UBND xã Tịnh Hà (chủ trì): chưa báo cáo."
    assert lines[2] == (f"+ {progressing}. Xã đang triển khai. "
                        "Mức độ hoàn thành 30%. (Theo báo cáo 6 tháng đầu năm 2025)")
    assert (f"- UBND huyện Sơn Tịnh, nay là UBND xã Tịnh Hà (báo cáo): {progressing}. "
            "Huyện đang bố trí. Mức độ hoàn thành 60%. (Theo báo cáo 6 tháng đầu "
            "năm 2025)") in lines
