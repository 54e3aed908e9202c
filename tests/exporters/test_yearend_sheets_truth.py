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


# ---- the progress sheet: each report as of its period ---------------------------------------


@pytest.fixture
def year_end(db):
    """II.2.b moved to the third quarter (due 30/09): a coordinating agency reported it under
    way (40 %) for the half year; the lead reported it done on 15/10 for the year. II.1.b
    (due 31/12) reported under way for the half year by a coordinating agency."""
    _set_time(db, "II.2.b", Q3)
    half, year = _period(db, "half").id, _period(db, "year").id
    coord = _agency(db, "Tỉnh Đoàn")
    lead = _agency(db, "SVHTTDL")
    assert {a.agency_id for a in assignments.for_item(db, _item(db, "II.2.b").id)} >= {coord,
                                                                                      lead}
    _report(db, "II.2.b", coord, half, Status.IN_PROGRESS, 40, result="Tổ chức 2 buổi.")
    _report(db, "II.2.b", lead, year, Status.DONE_ON_TIME, 100, dt.date(2025, 10, 15),
            result="Tổ chức 6 chương trình văn nghệ lưu động.")
    db.conn.commit()
    return dict(half=half, year=year, coord=coord, lead=lead)


def _progress_row(wb, period_name, ref, agency):
    return next(r for r in _sheet_rows(wb["Báo cáo tiến độ"])
                if (r["Kỳ báo cáo"], r["Số hiệu"], r["Cơ quan"]) == (period_name, ref, agency))


def test_a_half_year_report_is_stated_as_it_stood_then(db, tmp_path, year_end):
    """The June report of work due in September was within its deadline: not "quá hạn chưa
    hoàn thành" because the work, done since, was not done in June."""
    wb = _xlsx(db, tmp_path)
    tinh_doan = agencies.get(db, year_end["coord"]).name
    row = _progress_row(wb, "6 tháng đầu năm 2025", "II.2.b", tinh_doan)
    assert (row["Trạng thái"], row["Tỷ lệ (%)"]) == ("Đang thực hiện (trong hạn)", 40)
    assert row["Trạng thái tính đến ngày"] == dt.datetime(2025, 6, 30)  # a real date
    lead = agencies.get(db, year_end["lead"]).name
    done = _progress_row(wb, "Năm 2025", "II.2.b", lead)
    assert done["Trạng thái"] == "Hoàn thành quá hạn"  # done 15/10, due 30/09
    assert done["Trạng thái tính đến ngày"] == dt.datetime(2025, 12, 5)  # the year runs on
    # the activity itself, today, is the other sheet's
    act = next(r for r in _sheet_rows(wb["Hoạt động"]) if r["Số hiệu"] == "II.2.b")
    assert act["Trạng thái"] == "Hoàn thành quá hạn"
    ws = wb["Báo cáo tiến độ"]
    column = [c.value for c in ws[1]].index("Trạng thái tính đến ngày") + 1
    assert ws.cell(row=2, column=column).number_format == "DD/MM/YYYY"
    assert "tính đến hết kỳ báo cáo" in ws.oddHeader.center.text


def test_work_due_within_the_period_and_not_done_by_its_end_is_overdue_then(db, tmp_path):
    """Due 31/05, reported "đang thực hiện" for the half year: overdue at the half year's end,
    the period's own last day included (due 30/06, not done by the end of it)."""
    may = TimeFrame(text="Tháng 5/2025", start=dt.date(2025, 5, 1), end=dt.date(2025, 5, 31))
    june = TimeFrame(text="Quý II/2025", start=dt.date(2025, 4, 1), end=dt.date(2025, 6, 30))
    _set_time(db, "II.1.a", may)
    _set_time(db, "II.1.c", june)
    half = _period(db, "half").id
    snv = _agency(db, "SNV")
    _report(db, "II.1.a", snv, half, Status.IN_PROGRESS, 60)
    _report(db, "II.1.c", snv, half, Status.IN_PROGRESS, 80)
    db.conn.commit()
    wb = _xlsx(db, tmp_path)
    name = agencies.get(db, snv).name
    for ref in ("II.1.a", "II.1.c"):
        row = _progress_row(wb, "6 tháng đầu năm 2025", ref, name)
        assert row["Trạng thái"] == "Quá hạn chưa hoàn thành", (ref, row)


def test_a_completion_sent_after_its_period_is_stated_as_done(db, tmp_path, year_end):
    """A half-year report sent in July saying the work was done on 10/07: the report says
    done (on time, due 30/09), not "đang thực hiện" because 10/07 is after 30/06."""
    _report(db, "II.2.b", year_end["coord"], year_end["half"], Status.DONE_ON_TIME, 100,
            dt.date(2025, 7, 10))
    db.conn.commit()
    wb = _xlsx(db, tmp_path)
    row = _progress_row(wb, "6 tháng đầu năm 2025", "II.2.b",
                        agencies.get(db, year_end["coord"]).name)
    assert row["Trạng thái"] == "Hoàn thành đúng hạn"
    assert row["Trạng thái tính đến ngày"] == dt.datetime(2025, 7, 10)


def test_the_sheet_words_a_report_as_its_period_s_report_does(db, tmp_path, year_end):
    """The half year's report document, dated at the period's end, states the same status on
    the coordinating agency's line as the workbook's row of that report."""
    half = _period(db, "half")
    out = _report_docx(db, tmp_path, "half.docx", period=half.id, date=half.end_on,
                       today=half.end_on)
    name = agencies.get(db, year_end["coord"]).name
    line = next(p for p in _paragraphs(out) if p.startswith(f"- {name} (phối hợp): ")
                and "Tổ chức 2 buổi" in p)
    row = _progress_row(_xlsx(db, tmp_path), half.name, "II.2.b", name)
    assert line.startswith(f"- {name} (phối hợp): {row['Trạng thái']}. "), (line, row)


# ---- who has not reported; indicators without a figure --------------------------------------


def _unreported_of_report(path: Path) -> list[tuple[str, int, int]]:
    """(agency, not reported, asked) from the report's summary lines."""
    out = []
    for p in _paragraphs(path):
        m = re.fullmatch(r"- (.+) \(chưa báo cáo (\d+)(?:/(\d+))? nhiệm vụ\)[;.]", p)
        if m:
            missing = int(m.group(2))
            out.append((m.group(1), missing, int(m.group(3) or missing)))
    return out


@pytest.mark.parametrize("kind", ["year", "half"])
def test_the_workbook_lists_who_has_not_reported_as_the_report_does(db, tmp_path, year_end,
                                                                     kind):
    from gbapp.services import overview

    period = _period(db, kind)
    wb = _xlsx(db, tmp_path, period=period.id)
    rows = _sheet_rows(wb["Chưa báo cáo"])
    assert rows and {r["Kỳ báo cáo"] for r in rows} == {period.name}
    sheet = [(r["Cơ quan"], r["Chưa báo cáo"], r["Nhiệm vụ phải báo cáo"]) for r in rows]
    # the report of the same period, same day: its summary's agencies and figures
    stated = _unreported_of_report(_report_docx(db, tmp_path, period=period.id))
    assert stated and sheet == stated
    for r in rows:
        assert r["Đã báo cáo"] == r["Nhiệm vụ phải báo cáo"] - r["Chưa báo cáo"]
        assert len(r["Nhiệm vụ chưa báo cáo"].split("; ")) == r["Chưa báo cáo"], r
    # the overview's list, the writer aside (it marks it "cơ quan mình", counted apart)
    ov = overview.load(db, period.plan_id, TODAY, period.id)
    assert [(name, missing, asked) for aid, name, missing, asked in ov.unreported
            if aid not in ov.own] == sheet
    ws = wb["Chưa báo cáo"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:F")
    assert period.name in ws.oddHeader.center.text and "05/12/2025" in ws.oddHeader.center.text


def test_the_tasks_not_reported_are_the_report_body_s_lines(db, tmp_path, year_end):
    """Each task listed for an agency is one the report's body says "chưa báo cáo" of under
    that activity (the II.2.b report of the half year does not speak for the year)."""
    period = _period(db, "year")
    data = documents.collect_report(db, period.plan_id, period.id, today=TODAY)
    body = {(a.agency, e.item.ref) for e in data.items for a in e.agencies
            if a.missing and not a.is_issuer}
    rows = _sheet_rows(_xlsx(db, tmp_path, period=period.id)["Chưa báo cáo"])
    listed = {(r["Cơ quan"], t.split(" (")[0]) for r in rows
              for t in r["Nhiệm vụ chưa báo cáo"].split("; ")}
    assert listed == body


def test_a_plan_without_periods_says_so_on_the_sheet(db, tmp_path):
    db.execute("DELETE FROM progress_reports")
    db.execute("DELETE FROM periods")
    db.conn.commit()
    rows = _sheet_rows(_xlsx(db, tmp_path)["Chưa báo cáo"])
    assert len(rows) == 1 and "chưa có kỳ báo cáo" in rows[0]["Cơ quan"]


def test_every_task_reported_is_said_not_left_blank(db, tmp_path):
    """Every agency asked for the half year has reported: one row says so, as the report."""
    half = _period(db, "half")
    data = documents.collect_report(db, half.plan_id, half.id, today=TODAY)
    for entry in data.items:
        for a in entry.agencies:
            if a.missing:
                _report(db, entry.item.ref, next(g.id for g in agencies.list_agencies(db)
                                                 if g.name == a.agency), half.id,
                        Status.IN_PROGRESS, 10)
    db.conn.commit()
    rows = _sheet_rows(_xlsx(db, tmp_path, period=half.id)["Chưa báo cáo"])
    assert [(r["Kỳ báo cáo"], r["Cơ quan"]) for r in rows] == [
        (half.name, "Các cơ quan, đơn vị được phân công đã gửi báo cáo kết quả thực hiện.")]


def test_an_indicator_without_a_figure_this_year_has_its_row(db, tmp_path):
    """MT3.5 has a 2024 figure and none for 2025: the sheet had only the 2024 row, while the
    overview and Phụ lục I say "Chưa có số liệu" for 2025."""
    from gbapp.services import overview

    ids = {i.code: i.id for i in indicators.list_indicators(db)}
    indicators.delete_value(db, ids["MT3.5"], 2025)
    db.conn.commit()
    rows = {(r["Mã"], r["Năm"]): r for r in _sheet_rows(_xlsx(db, tmp_path)["Chỉ tiêu"])}
    assert ("MT3.5", 2024) in rows
    none = rows[("MT3.5", 2025)]
    assert (none["Giá trị chung"], none["Đánh giá"], none["Dữ liệu mẫu"]) == (
        None, "Chưa có số liệu", None)
    _, appendix = _indicator_table(_report_docx(db, tmp_path))
    assert appendix["MT3.5"][6] == none["Đánh giá"]
    standing = overview.load(db, documents.resolve_plan(db).id, TODAY).indicators
    assert standing.year == 2025 and standing.counts["Chưa có số liệu"] == sum(
        1 for (code, year), r in rows.items() if year == 2025 and r["Đánh giá"] ==
        "Chưa có số liệu")


def test_the_command_line_names_the_period_of_the_workbook(db, tmp_path, capsys):
    from gbapp.exporters.cli import main

    db.close()  # (closing twice is harmless) the command opens the file itself
    path = tmp_path / "kh.db"
    out = tmp_path / "cli.xlsx"
    assert main(["--db", str(path), "export", "xlsx", "--out", str(out), "--date",
                 "05/12/2025", "--period", "6 tháng đầu năm 2025"]) == 0
    rows = _sheet_rows(openpyxl.load_workbook(out)["Chưa báo cáo"])
    assert {r["Kỳ báo cáo"] for r in rows} == {"6 tháng đầu năm 2025"}
    assert main(["--db", str(path), "export", "xlsx", "--out", str(out), "--date",
                 "05/12/2025"]) == 0
    assert "Kỳ báo cáo: Năm 2025 (mặc định" in capsys.readouterr().out


def test_a_header_wider_than_its_column_is_shown_whole(db, tmp_path):
    """"Nhiệm vụ phải báo cáo", "Trạng thái tính đến ngày" wrap in their columns: the header
    row is as tall as the longest needs (LibreOffice and Excel showed one line of it)."""
    wb = _xlsx(db, tmp_path)
    for title in ("Chưa báo cáo", "Báo cáo tiến độ"):
        assert wb[title].row_dimensions[1].height >= 30, title
    assert wb["Tổng hợp trạng thái"].row_dimensions[1].height is None  # one line: as it was
