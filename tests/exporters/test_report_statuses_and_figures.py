"""What the report says each agency reported: statuses read against the due date, and head
counts that add up (a third review's findings). Real demo database copies, real .docx files."""

from __future__ import annotations

import datetime as dt
import shutil

import docx
import pytest

from gbapp.domain.entities import ProgressReport
from gbapp.domain.model import Role, Status
from gbapp.domain.validation import check_progress
from gbapp.exporters import ExportOptions, export
from gbapp.store import open_database, progress


def _paragraphs(path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


@pytest.fixture
def fresh(demo_db_file, tmp_path):
    """The demo with its sample reports removed: the test states every report itself."""
    path = tmp_path / "demo.db"
    shutil.copy(demo_db_file, path)
    db = open_database(path)
    db.execute("DELETE FROM progress_reports")
    db.execute("UPDATE items SET progress_status = NULL, completed_on = NULL")
    db.conn.commit()
    yield db
    db.close()


def _ids(db, ref: str) -> tuple[int, int, int, int]:
    """(item, lead agency, a coordinating agency, the year period) of the activity *ref*."""
    item, due = db.execute("SELECT id, tf_end FROM items WHERE ref = ?", [ref]).fetchone()
    assert due == "2025-12-31"
    lead = db.execute("SELECT agency_id FROM assignments WHERE item_id = ? AND role = 'chu_tri'",
                      [item]).fetchone()[0]
    coord = db.execute("SELECT agency_id FROM assignments WHERE item_id = ? AND role = 'phoi_hop' "
                       "ORDER BY agency_id", [item]).fetchone()[0]
    year = db.execute("SELECT id FROM periods WHERE kind = 'year'").fetchone()[0]
    return item, lead, coord, year


def _name(db, agency_id: int) -> str:
    return db.execute("SELECT name FROM agencies WHERE id = ?", [agency_id]).fetchone()[0]


def _plan_with_its_year(tmp_path, text: str, year: int):
    """A database in tmp_path with the plan *text* and a period for *year*: (db, plan, period)."""
    from gbapp.domain.entities import Period
    from gbapp.importers import parse_plan_text
    from gbapp.services.importing import store_plan
    from gbapp.store import periods

    db = open_database(tmp_path / "kh.db")
    plan = store_plan(db, parse_plan_text(text))
    period = periods.save(db, Period(plan_id=plan, name=f"Năm {year}", kind="year",
                                     start_on=dt.date(year, 1, 1), end_on=dt.date(year, 12, 31)))
    db.conn.commit()
    return db, plan, period


def test_work_still_in_progress_after_its_due_date_is_reported_as_overdue(fresh, tmp_path):
    item, lead, _coord, year = _ids(fresh, "II.1.b")
    progress.save(fresh, ProgressReport(item_id=item, agency_id=lead, period_id=year,
                                        status=Status.IN_PROGRESS, percent=60))
    fresh.conn.commit()
    line = f"- {_name(fresh, lead)} (chủ trì): "

    def agency_line(on: dt.date) -> str:
        out = export(fresh, "report", tmp_path / f"bc-{on}.docx",
                     ExportOptions(date=on, today=on))[0]
        reported = [p for p in _paragraphs(out) if p.startswith(line)
                    and not p.endswith(("chưa báo cáo.", "chưa cập nhật kết quả."))]
        assert len(reported) == 1, reported
        return reported[0]

    assert agency_line(dt.date(2025, 12, 5)).startswith(line + "Đang thực hiện (trong hạn). ")
    late = agency_line(dt.date(2026, 1, 15))
    assert late.startswith(line + "Quá hạn chưa hoàn thành. ") and "trong hạn" not in late


def test_head_counts_add_up_and_a_lone_side_is_not_everyone(fresh, tmp_path):
    item, lead, coord, year = _ids(fresh, "II.1.b")
    other, other_lead, _, _ = _ids(fresh, "II.1.a")
    reports = [
        ProgressReport(item_id=item, agency_id=lead, period_id=year, status=Status.IN_PROGRESS,
                       percent=50, men=30, women=20),  # no total: men + women
        ProgressReport(item_id=item, agency_id=coord, period_id=year, status=Status.IN_PROGRESS,
                       percent=50, participants=100, men=40),  # women not known
        # stored before the form asked for a total: one side alone, no total
        ProgressReport(item_id=other, agency_id=other_lead, period_id=year,
                       status=Status.IN_PROGRESS, percent=10, men=1200),
    ]
    for report in reports:
        progress.save(fresh, report)
    fresh.conn.commit()
    out = export(fresh, "report", tmp_path / "bc.docx",
                 ExportOptions(date=dt.date(2025, 12, 5), today=dt.date(2025, 12, 5)))[0]
    text = _paragraphs(out)
    assert any(p.startswith(f"- {_name(fresh, lead)} (chủ trì): ") and
               "50 lượt người tham gia (nam: 30, nữ: 20)" in p for p in text)
    assert any(p.startswith(f"- {_name(fresh, coord)} (phối hợp): ") and
               "100 lượt người tham gia (nam: 40)" in p for p in text)
    lone = next(p for p in text if p.startswith(f"- {_name(fresh, other_lead)} (chủ trì): ")
                and "1.200" in p)
    # said of the men alone, not as everyone ("người tham gia có nam: 1.200" read badly)
    assert "1.200 lượt người tham gia là nam" in lone and "nữ" not in lone
    assert "1.200 lượt người tham gia." not in lone and "1.200 lượt người tham gia;" not in lone
    summary = next(p for p in text if p.startswith("Tổng hợp từ báo cáo"))
    assert "với 150 lượt người tham gia (trong đó nam: 70, nữ: 20)" in summary


@pytest.mark.parametrize("status, percent, participants, men, women, field", [
    (Status.NOT_STARTED, 40, None, None, None, "percent"),
    (Status.IN_PROGRESS, 100, None, None, None, "percent"),
    (Status.IN_PROGRESS, 50, None, 1200, None, "participants"),
    (Status.IN_PROGRESS, 50, None, None, 700, "participants"),
])
def test_a_report_that_contradicts_itself_is_refused(status, percent, participants, men, women,
                                                     field):
    errors: dict[str, str] = {}
    check_progress(status, percent, participants, men, women, None, dt.date(2025, 12, 5), errors)
    assert field in errors, errors


@pytest.mark.parametrize("status, percent, participants, men, women", [
    (Status.NOT_STARTED, 0, None, None, None),
    (Status.NOT_STARTED, None, None, None, None),
    (Status.IN_PROGRESS, 99, None, 30, 20),
    (Status.IN_PROGRESS, 50, 100, 40, None),
])
def test_consistent_reports_pass(status, percent, participants, men, women):
    errors: dict[str, str] = {}
    check_progress(status, percent, participants, men, women, None, dt.date(2025, 12, 5), errors)
    assert errors == {}


def test_indicator_values_print_as_the_app_shows_them(fresh, tmp_path):
    """49,96 against a target of 50 is printed 49,96 (not 50,0 next to 'Chưa đạt')."""
    from gbapp.domain.entities import Indicator, IndicatorValue
    from gbapp.store import indicators

    ind = indicators.save(fresh, Indicator(code="T1", name="Tỷ lệ thử", direction=">=",
                                           targets={2025: 50.0}))
    indicators.save_value(fresh, IndicatorValue(indicator_id=ind, year=2025, value=49.96,
                                                men=49.94))
    fresh.conn.commit()
    out = export(fresh, "report", tmp_path / "bc.docx",
                 ExportOptions(date=dt.date(2025, 12, 5), today=dt.date(2025, 12, 5)))[0]
    rows = [r for t in docx.Document(str(out)).tables for r in t.rows
            if any("Tỷ lệ thử" in c.text for c in r.cells)]
    assert rows, [c.text for t in docx.Document(str(out)).tables for r in t.rows[:3]
                  for c in r.cells]
    row = rows[0]
    cells = [c.text for c in row.cells]
    assert "≥ 50\n(năm 2025)" in cells
    assert "49,96\n(nam: 49,94)" in cells and "Chưa đạt" in cells


def test_a_quarter_created_after_its_half_year_does_not_replace_it(fresh, tmp_path):
    """Of two periods inside the year that end on 30/06, the half year speaks for the year
    (it covers the quarter), whichever was created first."""
    from gbapp.domain.entities import Period
    from gbapp.store import periods

    item, lead, _coord, year = _ids(fresh, "II.1.b")
    plan = fresh.execute("SELECT plan_id FROM items WHERE id = ?", [item]).fetchone()[0]
    half = fresh.execute("SELECT id FROM periods WHERE kind = 'half'").fetchone()[0]
    quarter = periods.save(fresh, Period(plan_id=plan, name="Quý II/2025", kind="quarter",
                                         start_on=dt.date(2025, 4, 1),
                                         end_on=dt.date(2025, 6, 30)))
    for period, sessions in ((half, 7), (quarter, 2)):
        progress.save(fresh, ProgressReport(item_id=item, agency_id=lead, period_id=period,
                                            status=Status.IN_PROGRESS, percent=40,
                                            sessions=sessions))
    fresh.conn.commit()
    out = export(fresh, "report", tmp_path / "bc.docx",
                 ExportOptions(period=year, date=dt.date(2025, 12, 5),
                               today=dt.date(2025, 12, 5)))[0]
    summary = next(p for p in _paragraphs(out) if p.startswith("Tổng hợp từ báo cáo"))
    assert "đã tổ chức 7 cuộc, buổi" in summary


def test_the_workbook_records_a_late_completion_as_late(fresh, tmp_path):
    import openpyxl

    item, lead, _coord, year = _ids(fresh, "II.1.b")  # due 31/12/2025
    progress.save(fresh, ProgressReport(item_id=item, agency_id=lead, period_id=year,
                                        status=Status.DONE_ON_TIME, percent=100,
                                        completed_on=dt.date(2026, 1, 15)))
    fresh.conn.commit()
    out = export(fresh, "xlsx", tmp_path / "blv.xlsx", ExportOptions(today=dt.date(2026, 2, 1)))[0]
    sheet = openpyxl.load_workbook(out)["Báo cáo tiến độ"]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert any("II.1.b" in r and "Hoàn thành quá hạn" in r for r in rows), rows[:3]


def test_suggested_file_names_have_no_diacritics_and_never_collide(fresh, tmp_path):
    """One convention for the whole name (the period's and the agencies' parts too), and two
    agencies whose names differ only by accents still get a letter each."""
    from gbapp.exporters.api import default_filename
    from gbapp.exporters.reminder import per_agency_path

    name = default_filename("reminder", "15-KH/ĐU", "Tháng hành động 2025")
    assert name == "Cong van don doc - 15-KH-DU - Thang hanh dong 2025.docx"
    assert per_agency_path(tmp_path, "Sở Y tế").name == "Cong van don doc - So Y te.docx"
    fresh.execute("UPDATE agencies SET name = 'Sở Y Tê' WHERE name = 'Sở Tư pháp'")
    fresh.execute("UPDATE agencies SET name = 'Sở Y Tế' WHERE name = 'Sở Y tế'")
    fresh.execute("UPDATE agencies SET name = 'Sở y tế' WHERE name = 'Công an tỉnh'")
    fresh.conn.commit()
    files = export(fresh, "reminder", tmp_path / "cv.docx",
                   ExportOptions(per_agency=True, today=dt.date(2025, 12, 5)))
    names = [f.name for f in files]
    assert len(set(names)) == len(names) and all(n.isascii() for n in names)
    # three agencies named alike but for accents or case: three files, even on a disk that
    # ignores case (a USB stick, a Windows share)
    alike = [n for n in names if n.casefold().startswith("cv - so y te")]
    assert len(alike) == 3 and len({n.casefold() for n in alike}) == 3, names


def test_one_report_does_not_clear_an_agency_of_its_other_activities(fresh):
    """The overview, the report and the reminder all still name an agency that reported on one
    of its activities, for the others only."""
    from gbapp.services.documents import collect_reminder, collect_report
    from gbapp.store import assignments

    item, _lead, coord, year = _ids(fresh, "II.1.b")
    plan = fresh.execute("SELECT plan_id FROM items WHERE id = ?", [item]).fetchone()[0]
    own = sorted(i for i, _role in assignments.for_agency(fresh, plan, coord))
    assert item in own and len(own) >= 2
    progress.save(fresh, ProgressReport(item_id=item, agency_id=coord, period_id=year,
                                        status=Status.IN_PROGRESS, percent=20))
    fresh.conn.commit()
    name = _name(fresh, coord)
    row = next(r for r in progress.unreported_agencies(fresh, plan, year) if r[0] == coord)
    assert row[2:] == (len(own) - 1, len(own))
    today = dt.date(2025, 12, 5)
    report = collect_report(fresh, plan, year, today=today)
    assert (name, len(own) - 1, len(own)) in report.unreported
    letter = next(a for a in collect_reminder(fresh, plan, year, today=today).agencies
                  if a.agency_id == coord)
    refs = {line.ref for line in letter.lines}
    assert "II.1.b" not in refs and refs  # reminded of the others


def test_activities_outside_the_period_are_not_asked_for(fresh):
    """A period in 2026 of a 2025 plan: nobody is listed as not having reported on work that
    falls outside it, in the app as in the report (the reminder never asked for it)."""
    from gbapp.domain.entities import Period
    from gbapp.services.documents import collect_report
    from gbapp.store import periods

    plan = fresh.execute("SELECT id FROM plans").fetchone()[0]
    later = periods.save(fresh, Period(plan_id=plan, name="Quý I/2026", kind="quarter",
                                       start_on=dt.date(2026, 1, 1), end_on=dt.date(2026, 3, 31)))
    fresh.conn.commit()
    assert progress.unreported_agencies(fresh, plan, later) == []
    assert collect_report(fresh, plan, later, today=dt.date(2026, 4, 5)).unreported == []


def test_a_back_dated_report_does_not_count_work_completed_after_its_date(demo_db_file, tmp_path):
    """The half-year report dated 10/07/2025 of the demo, whose activities were completed in
    December: none of them was done on 10/07/2025."""
    from gbapp.domain.status import derive_status
    from gbapp.services.documents import collect_report

    path = tmp_path / "demo.db"
    shutil.copy(demo_db_file, path)
    db = open_database(path)
    try:
        done = db.execute("SELECT COUNT(*) FROM items WHERE is_activity = 1 AND "
                          "progress_status LIKE 'hoan_thanh%' AND completed_on > '2025-07-10'"
                          ).fetchone()[0]
        assert done > 0
        half = db.execute("SELECT id FROM periods WHERE kind = 'half'").fetchone()[0]
        data = collect_report(db, None, half, today=dt.date(2025, 7, 10))
        early = db.execute("SELECT COUNT(*) FROM items WHERE is_activity = 1 AND "
                           "progress_status LIKE 'hoan_thanh%' AND completed_on <= '2025-07-10'"
                           ).fetchone()[0]
        assert data.status_counts[Status.DONE_ON_TIME] + data.status_counts[Status.DONE_LATE] \
            == early
    finally:
        db.close()
    assert derive_status(Status.DONE_ON_TIME, dt.date(2025, 12, 31), dt.date(2025, 12, 20),
                         dt.date(2025, 7, 10)) is Status.IN_PROGRESS


def test_the_demo_s_sample_reports_are_plausible(demo_db_file):
    """Sample reports completed inside their period, before the report was due, and their text
    states the same number of activities as their figures."""
    import re
    import sqlite3

    con = sqlite3.connect(demo_db_file)
    rows = con.execute("SELECT r.completed_on, p.start_on, p.end_on, p.due_on, r.result, "
                       "r.sessions FROM progress_reports r JOIN periods p ON p.id = r.period_id"
                       ).fetchall()
    con.close()
    assert rows
    for completed, start, end, due, result, sessions in rows:
        if completed:
            assert start <= completed <= end and completed < due, (completed, start, end, due)
        assert int(re.search(r"Đã tổ chức (\d+) hoạt động", result).group(1)) == sessions


def test_an_activity_that_announces_its_points_names_them_in_the_letter_and_workbook(tmp_path):
    """"Tổ chức các hoạt động sau:" alone tells the recipient nothing: the points follow it."""
    import openpyxl

    text = ("ỦY BAN NHÂN DÂN\nTỈNH GIA LAI\nSố: 41/KH-UBND\nGia Lai, ngày 10 tháng 3 năm 2026\n"
            "KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2026\nI. NHIỆM VỤ\n"
            "1. Truyền thông\na) Tổ chức các hoạt động sau:\n- Cuộc thi tìm hiểu pháp luật;\n"
            "- Diễn đàn nam giới tham gia thúc đẩy bình đẳng giới.\n"
            "Cơ quan chủ trì: Sở Tư pháp; cơ quan phối hợp: Tỉnh Đoàn.\n"
            "Thời gian: Quý III/2026.\n")
    db, _plan, _period = _plan_with_its_year(tmp_path, text, 2026)
    try:
        letter = export(db, "reminder", tmp_path / "cv.docx",
                        ExportOptions(today=dt.date(2026, 11, 30)))[0]
        book = export(db, "xlsx", tmp_path / "blv.xlsx",
                      ExportOptions(today=dt.date(2026, 11, 30)))[0]
    finally:
        db.close()
    lines = [p for p in _paragraphs(letter) if "Tổ chức các hoạt động sau:" in p]
    assert lines and all("cuộc thi tìm hiểu pháp luật; diễn đàn nam giới" in p for p in lines)
    cells = [c.value for row in openpyxl.load_workbook(book).worksheets[0].iter_rows()
             for c in row if isinstance(c.value, str) and c.value.startswith("Tổ chức các")]
    assert cells == ["Tổ chức các hoạt động sau:\n- Cuộc thi tìm hiểu pháp luật\n"
                     "- Diễn đàn nam giới tham gia thúc đẩy bình đẳng giới"]


def test_real_indicator_values_are_not_called_sample_data(demo_db_file, tmp_path):
    """The demo's indicator values are sample data; once the clerk enters real ones for some,
    the appendix marks the sample ones instead of calling every figure sample data."""
    from gbapp.domain.entities import IndicatorValue
    from gbapp.store import indicators

    path = tmp_path / "demo.db"
    shutil.copy(demo_db_file, path)
    db = open_database(path)
    try:
        first, *_ = indicators.list_indicators(db)
        indicators.save_value(db, IndicatorValue(indicator_id=first.id, year=2025, value=61.5))
        db.conn.commit()
        out = export(db, "report", tmp_path / "bc.docx",
                     ExportOptions(date=dt.date(2025, 12, 5), today=dt.date(2025, 12, 5)))[0]
    finally:
        db.close()
    text = _paragraphs(out)
    assert "Ghi chú: số liệu có dấu (*) là dữ liệu mẫu [Dữ liệu mẫu]." in text
    assert "Ghi chú: số liệu thực hiện là dữ liệu mẫu [Dữ liệu mẫu]." not in text
    rows = [[c.text for c in r.cells] for t in docx.Document(str(out)).tables for r in t.rows
            if len(r.cells) == 7]
    real = next(r for r in rows if first.name in r[1])
    assert "61,5" in real[5] and "(*)" not in real[5]
    assert any(r[5].endswith(" (*)") for r in rows if r is not real)


def test_the_workbook_reads_a_report_as_the_report_does(fresh, tmp_path):
    """'Đang thực hiện' past the due date is overdue in the workbook's progress sheet too."""
    import openpyxl

    item, lead, _coord, year = _ids(fresh, "II.1.b")  # due 31/12/2025
    progress.save(fresh, ProgressReport(item_id=item, agency_id=lead, period_id=year,
                                        status=Status.IN_PROGRESS, percent=40))
    fresh.conn.commit()
    out = export(fresh, "xlsx", tmp_path / "blv.xlsx", ExportOptions(today=dt.date(2026, 1, 5)))[0]
    sheet = openpyxl.load_workbook(out)["Báo cáo tiến độ"]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    row = next(r for r in rows if "II.1.b" in r)
    assert "Quá hạn chưa hoàn thành" in row and "Đang thực hiện (trong hạn)" not in row


def test_a_heading_that_names_agencies_is_not_owed_a_report(tmp_path):
    """'1. Sở Y tế chủ trì … các nhiệm vụ sau:' over a) and b): the points are the activities;
    nobody is asked to report on the heading, in the app, the report or the letter."""
    from gbapp.services.documents import collect_reminder, collect_report

    text = ("KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2025\nI. NHIỆM VỤ\n"
            "1. Sở Y tế chủ trì, phối hợp với Công an tỉnh thực hiện các nhiệm vụ sau:\n"
            "a) Truyền thông về mất cân bằng giới tính khi sinh.\n"
            "b) Tư vấn, chăm sóc sức khỏe sinh sản. Sở Y tế chủ trì.\n")
    db, plan, year = _plan_with_its_year(tmp_path, text, 2025)
    try:
        activities = db.execute("SELECT COUNT(*) FROM items WHERE is_activity = 1").fetchone()[0]
        in_app = {r[1]: r[2:] for r in progress.unreported_agencies(db, plan, year)}
        today = dt.date(2025, 6, 1)
        report = collect_report(db, plan, year, today=today)
        in_report = {n: (m, t) for n, m, t in report.unreported}
        letters = {a.agency: len(a.lines)
                   for a in collect_reminder(db, plan, year, today=today).agencies}
    finally:
        db.close()
    assert in_app == in_report
    assert all(total <= activities for _missing, total in in_app.values())
    assert {name: missing for name, (missing, _t) in in_app.items()} == letters


def test_work_completed_before_a_period_asks_no_report_of_it(demo_db_file, tmp_path):
    """The demo's action month (15/11–15/12/2025) after most activities were completed in May
    or early November: a completed activity shows its lead's report (of the period that had
    it) instead of "chưa báo cáo", nobody is listed or reminded for it, and the month's
    figures are the month's own (a fourth review's finding: "Hoàn thành đúng hạn" above
    "Sở Nội vụ (chủ trì): chưa báo cáo", and all 11 agencies listed as not having reported)."""
    from gbapp.services.documents import collect_reminder, collect_report
    from gbapp.store import periods

    path = tmp_path / "demo.db"
    shutil.copy(demo_db_file, path)
    db = open_database(path)
    plan = db.execute("SELECT id FROM plans").fetchone()[0]
    month = next(p for p in periods.list_periods(db, plan) if p.kind == "action_month")
    today = dt.date(2025, 12, 20)
    done = {r[0] for r in db.execute(
        "SELECT id FROM items WHERE progress_status = 'hoan_thanh_dung_han' "
        "AND completed_on <= ?", [month.end_on.isoformat()])}
    assert len(done) >= 5

    report = collect_report(db, plan, month.id, today=today)
    for entry in report.items:
        if entry.item.id in done:
            lead = next(a for a in entry.agencies if a.role == Role.LEAD)
            assert lead.report is not None and lead.period_name, entry.item.ref
    # the app's list, but for the report's writer (Cài đặt: Sở Nội vụ), who reports to nobody
    in_app = {(n, c, t) for _i, n, c, t in progress.unreported_agencies(db, plan, month.id)}
    assert set(report.unreported) == {row for row in in_app if row[0] != "Sở Nội vụ"}
    open_items = {r[0] for r in db.execute(
        "SELECT id FROM items WHERE is_activity = 1 AND IFNULL(progress_status, '') "
        "<> 'hoan_thanh_dung_han'")}
    asked = {(a, i) for a, i, name in db.execute(
        "SELECT agency_id, item_id, name FROM assignments JOIN agencies ON agencies.id = "
        "agency_id") if i in open_items and name != "Sở Nội vụ"}
    assert sum(t for _n, _c, t in report.unreported) == len(asked)
    # no report was made for the month: its figures are nil, not May's
    assert report.totals["sessions"] == 0 and report.totals["participants"] == 0

    letter = collect_reminder(db, plan, month.id, today=today)
    reminded = {line.ref for a in letter.agencies for line in a.lines}
    refs = dict(db.execute("SELECT id, ref FROM items"))
    assert reminded and not reminded & {refs[i] for i in done}
    db.close()
