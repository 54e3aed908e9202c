"""Who is "chưa báo cáo" and chased at year end (a reviewer's year-end scenario, 05/12/2025).

A. A half-year report that says the work is still going on is not the year's report: its
   agency is late, in the overview, the progress page's list, the report (summary and body)
   and the reminder alike; its words are still quoted, marked with their period. A report
   inside the year that says the work is done still counts.
B. A body that has ceased by the document's date is not written to: its successor is chased
   for its tasks (named as inherited); with no successor the export warns the clerk.

Real databases (the demo, then the scenario's steps through the calls the pages make), real
.docx files written and read back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
from collections import Counter

import docx
import pytest

from gbapp.domain.entities import ProgressReport
from gbapp.domain.model import Role, Status, TimeFrame
from gbapp.exporters import ExportOptions, export
from gbapp.services import editing, overview
from gbapp.services.documents import collect_reminder, collect_report
from gbapp.store import agencies, assignments, items, open_database, periods, progress
from gbapp.store.undo import UndoLog

TODAY = dt.date(2025, 12, 5)
WRITER = "Sở Nội vụ"  # the demo's writer: the report and the reminder leave it out
WOMEN = "Hội Liên hiệp Phụ nữ tỉnh"
DISTRICT, COMMUNE = "UBND huyện Sơn Tịnh", "UBND xã Tịnh Hà"


class Scenario:
    """The demo's database with the calls the pages make (UndoLog.run, as ctx.perform)."""

    def __init__(self, path):
        self.db = open_database(path)
        self.perform = UndoLog(self.db).run
        self.items = {i.ref: i for i in items.all_items(self.db, 1)}
        self.agency = {a.short_name: a.id for a in agencies.list_agencies(self.db)}
        self.period = {p.name: p.id for p in periods.list_periods(self.db, 1)}
        self.year = self.period["Năm 2025"]
        self.half = self.period["6 tháng đầu năm 2025"]

    def set_activity(self, ref, tf=None, coord=None):
        """As the activity form saves it (editing.save_activity)."""
        it = items.get(self.db, self.items[ref].id)
        if tf is not None:
            it = dataclasses.replace(it, time_frame=tf)
        cur = assignments.for_item(self.db, it.id)
        lead = next(a.agency_id for a in cur if a.role == Role.LEAD)
        coords = coord if coord is not None else [a.agency_id for a in cur
                                                  if a.role != Role.LEAD]
        values = type("V", (), {"item": it, "lead_id": lead, "coordinating": coords,
                                "indicators": []})
        self.perform("Lưu hoạt động", lambda d: editing.save_activity(d, values))

    def add_coordinating(self, ref, short_name):
        cur = [a.agency_id for a in assignments.for_item(self.db, self.items[ref].id)
               if a.role != Role.LEAD]
        self.set_activity(ref, coord=cur + [self.agency[short_name]])

    def report(self, ref, short_name, period, status, percent=None, done_on=None, result=""):
        """As the progress page saves a report (replacing the one there)."""
        item_id, agency_id = self.items[ref].id, self.agency[short_name]
        base = progress.get(self.db, item_id, agency_id, period)
        r = ProgressReport(item_id=item_id, agency_id=agency_id, period_id=period,
                           status=status, percent=percent, result=result, completed_on=done_on)
        if base is not None:
            r.id = base.id
        self.perform("Lưu báo cáo tiến độ", lambda d: progress.save(d, r))


def _year_end(s: Scenario) -> None:
    """The reviewer's year-end steps (/tmp/rev-yearend/scenario.py), as far as they bear on
    who has reported: the district reported for the half year, then was merged into the
    commune; the Năm 2025 reports came in, but none from Hội LHPN on II.3.a."""
    q3 = TimeFrame(text="Quý III/2025", start=dt.date(2025, 7, 1), end=dt.date(2025, 9, 30))
    s.set_activity("II.4.b", tf=q3)
    s.set_activity("II.2.b", tf=q3)
    s.add_coordinating("II.2.b", "UBND H. Sơn Tịnh")
    s.add_coordinating("II.3.a", "UBND H. Sơn Tịnh")
    s.report("II.2.b", "UBND H. Sơn Tịnh", s.half, Status.IN_PROGRESS, 40,
             result="Tổ chức 2 buổi truyền thông tại các xã.")
    s.report("II.3.a", "UBND H. Sơn Tịnh", s.half, Status.IN_PROGRESS, 50,
             result="Kiện toàn Ban VSTBPN huyện.")
    s.perform("Sáp nhập", lambda d: agencies.merge_into(
        d, s.agency["UBND H. Sơn Tịnh"], s.agency["UBND X. Tịnh Hà"], dt.date(2025, 7, 1)))
    y = s.year
    s.report("II.2.a", "SVHTTDL", y, Status.DONE_ON_TIME, 100, dt.date(2025, 5, 25), "Đăng tin.")
    s.report("II.2.b", "SVHTTDL", y, Status.DONE_ON_TIME, 100, dt.date(2025, 10, 15), "Văn nghệ.")
    s.report("II.2.c", "SVHTTDL", y, Status.DONE_ON_TIME, 100, dt.date(2025, 5, 14), "Xong.")
    s.report("II.4.a", "SYT", y, Status.IN_PROGRESS, 80, result="Đính chính báo cáo 6 tháng.")
    s.report("II.2.b", "Hội LHPN tỉnh", y, Status.DONE_ON_TIME, 100, dt.date(2025, 10, 1),
             "Phối hợp tổ chức 3 buổi.")
    s.report("II.3.a", "CAT", y, Status.IN_PROGRESS, 60, result="Phối hợp kiện toàn Ban.")
    s.report("II.4.b", "UBND X. Tịnh Hà", y, Status.IN_PROGRESS, 50, result="1 địa chỉ tin cậy.")
    s.report("II.5.a", "SNV", y, Status.IN_PROGRESS, 50, result="Ban hành kế hoạch.")
    s.report("II.1.b", "STP", y, Status.DONE_ON_TIME, 100, dt.date(2025, 11, 20), "Rà soát xong.")


@pytest.fixture(scope="module")
def year_end_file(tmp_path_factory):
    from gbapp.services.demo import create_demo

    path = tmp_path_factory.mktemp("year-end") / "y.db"
    create_demo(path, today=TODAY)
    s = Scenario(path)
    _year_end(s)
    s.db.close()
    return path


@pytest.fixture
def scenario(year_end_file, tmp_path):
    path = tmp_path / "y.db"
    shutil.copy(year_end_file, path)
    s = Scenario(path)
    yield s
    s.db.close()


@pytest.fixture
def demo(tmp_path):
    """The demo as shipped (UBND huyện Sơn Tịnh inactive from 30/06/2025, successor UBND xã
    Tịnh Hà), no merge run."""
    from gbapp.services.demo import create_demo

    path = tmp_path / "d.db"
    create_demo(path, today=TODAY)
    s = Scenario(path)
    yield s
    s.db.close()


# --- reading the documents back --------------------------------------------------------------

def _paragraphs(path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def _report_parts(path) -> tuple[list[str], list[str]]:
    """(section I, section II) of a report's paragraphs."""
    text = _paragraphs(path)
    one = text.index("I. KẾT QUẢ THỰC HIỆN CÁC NỘI DUNG CỦA KẾ HOẠCH")
    two = text.index("II. TIẾN ĐỘ THỰC HIỆN CHUNG")
    # (the year's report goes on with "III. ĐÁNH GIÁ CHUNG", the others with difficulties)
    three = next(n for n in range(two + 1, len(text)) if text[n].startswith("III. "))
    return text[one:two], text[two:three]


_MISSING_LINE = re.compile(r"^- (.+) \((?:chủ trì|phối hợp)\): chưa báo cáo\.$")
_LISTED = re.compile(r"^- (.+) \(chưa báo cáo (\d+)(?:/(\d+))? nhiệm vụ\)[;.]$")


def _listed(summary: list[str]) -> dict[str, int]:
    """Agency -> tasks not reported, as the report's section II lists them."""
    return {m.group(1): int(m.group(2)) for p in summary if (m := _LISTED.match(p))}


def _under(body: list[str], start: str) -> list[str]:
    """The lines of section I from the activity that begins with *start* to the next one."""
    at = next(n for n, p in enumerate(body) if p.startswith(start))
    end = next((n for n in range(at + 1, len(body))
                if re.match(r"^(?:[a-zđ]\)|\d+\.) ", body[n])), len(body))
    return body[at:end]


def _letter(path) -> tuple[list[str], dict[str, list[str]]]:
    """(Kính gửi names, agency -> its task lines) of a reminder letter to several agencies."""
    text = _paragraphs(path)
    at = text.index("Kính gửi:")
    to = []
    for p in text[at + 1:]:
        if not p.startswith("- "):
            break
        to.append(p[2:].rstrip(";."))
    sections: dict[str, list[str]] = {}
    current = None
    for p in text:
        m = re.match(r"^\d+\. (.+)$", p)
        if m:
            current = sections.setdefault(m.group(1), [])
        elif current is not None and p.startswith("- "):
            current.append(p)
        elif current is not None:
            current = None
    return to, sections


def _export(db, kind, path, **options):
    opts = ExportOptions(date=TODAY, today=TODAY, period="Năm 2025", **options)
    return export(db, kind, path, opts), opts


def _app(db, period, today=TODAY) -> dict[str, int]:
    """Agency -> tasks not reported, as the overview lists them (the writer aside)."""
    seen = overview.load(db, 1, today, period)
    return {row[1]: row[2] for row in seen.unreported if row[0] not in seen.own}


def _reminded(data) -> dict[str, int]:
    return {a.agency: sum(1 for line in a.lines if line.unreported) for a in data.agencies
            if any(line.unreported for line in a.lines)}


# --- A. a half year's "đang thực hiện" is not the year's report ------------------------------

def test_a_june_report_in_progress_leaves_its_agency_late_for_the_year(scenario, tmp_path):
    """Hội LHPN's only word on II.3.a is its half-year "đang thực hiện 50 %": it is late with
    the year's report. The overview, the progress page's list, the report's summary and body
    and the reminder letter all say so, and agree on every agency."""
    db, year = scenario.db, scenario.year
    # the overview and the progress page's list (the same store call)
    app = _app(db, year)
    assert app[WOMEN] == 2  # II.3.a (its June report) and II.5.b (nothing)
    page = {row[1]: row[2] for row in progress.unreported_agencies(db, 1, year, on=TODAY)}
    assert page[WOMEN] == 2 and page[COMMUNE] == app[COMMUNE]

    # the report: the June words quoted under a "chưa báo cáo" line, and counted
    (out,), opts = _export(db, "report", tmp_path / "bc.docx")
    body, summary = _report_parts(out)
    lines = _under(body, "a) Kịp thời kiện toàn Ban Vì sự tiến bộ")
    at = lines.index(f"- {WOMEN} (chủ trì): chưa báo cáo.")
    quoted = lines[at + 1]
    assert quoted.startswith("+ Đang thực hiện") and "mức độ hoàn thành 50%" in quoted
    assert quoted.endswith("theo báo cáo 6 tháng đầu năm 2025)")
    # the district's June words, now the commune's (merged): the commune is late too
    at = lines.index(f"- {COMMUNE} (phối hợp): chưa báo cáo.")
    assert lines[at + 1].startswith("+ Đang thực hiện") and "Kiện toàn Ban VSTBPN huyện" \
        in lines[at + 1]
    # its lead's June word no longer stands for the year anywhere in the body
    assert not any(p.startswith(f"- {WOMEN} (chủ trì): Đang thực hiện") for p in body)
    listed = _listed(summary)
    assert listed[WOMEN] == 2
    said = Counter(m.group(1) for p in body if (m := _MISSING_LINE.match(p)))
    assert said == Counter(listed)

    # the reminder chases it for II.3.a, as lead
    (letter,), _ = _export(db, "reminder", tmp_path / "cv.docx")
    to, sections = _letter(letter)
    assert WOMEN in to
    assert any(p.startswith("- Điểm a khoản 3 Mục II (chủ trì): Kịp thời kiện toàn")
               and p.rstrip(".;").endswith("chưa báo cáo kết quả") for p in sections[WOMEN])

    # one list everywhere (the writer aside)
    reminded = _reminded(collect_reminder(db, 1, year, today=TODAY))
    assert app == listed == reminded


def test_a_report_inside_the_year_that_says_done_still_counts(scenario):
    """Tỉnh Đoàn coordinates on II.3.a (still in progress). Its half-year report that says its
    part is done counts for the year; one that says it is still going on does not; the
    year's own report counts whatever it says."""
    db, year, half = scenario.db, scenario.year, scenario.half
    ref, youth = "II.3.a", "Tỉnh Đoàn Quảng Ngãi"

    def chased() -> bool:
        data = collect_reminder(db, 1, year, today=TODAY)
        in_letter = any(a.agency == youth and any(line.ref == ref and line.unreported
                                                  for line in a.lines) for a in data.agencies)
        report = collect_report(db, 1, year, today=TODAY)
        entry = next(e for e in report.items if e.item.ref == ref)
        in_body = next(a for a in entry.agencies if a.agency == youth).missing
        counted = dict((n, m) for n, m, _t in report.unreported).get(youth, 0)
        in_app = _app(db, year).get(youth, 0)
        assert in_letter == in_body  # one rule for the letter and the report's body
        assert counted == in_app  # and for the report's summary and the overview
        return in_letter

    before = _app(db, year)[youth]
    assert chased()
    scenario.report(ref, "Tỉnh Đoàn", half, Status.IN_PROGRESS, 30, result="Đang kiện toàn.")
    assert chased()
    assert _app(db, year)[youth] == before
    scenario.report(ref, "Tỉnh Đoàn", half, Status.DONE_ON_TIME, 100, dt.date(2025, 6, 20),
                    result="Đã kiện toàn Ban của Tỉnh Đoàn.")
    assert not chased()
    assert _app(db, year)[youth] == before - 1
    # its words, of the half year, are quoted in the year's report
    report = collect_report(db, 1, year, today=TODAY)
    line = next(a for e in report.items if e.item.ref == ref for a in e.agencies
                if a.agency == youth)
    assert line.period_name == "6 tháng đầu năm 2025" and not line.missing
    # the progress page shows it as covered by the half year
    covered = progress.inside(db, year, scenario.agency["Tỉnh Đoàn"])
    assert covered[scenario.items[ref].id][0] == "6 tháng đầu năm 2025"


def test_the_latest_word_inside_speaks_a_later_in_progress_undoes_an_earlier_done(scenario):
    """Done in the half year, then "đang thực hiện" again in the action month (inside the
    year, later): the last word says the work is not done, so the year's report is owed."""
    db, year, half = scenario.db, scenario.year, scenario.half
    month = scenario.period["Tháng hành động 2025"]
    ref, youth = "II.3.a", "Tỉnh Đoàn Quảng Ngãi"
    scenario.report(ref, "Tỉnh Đoàn", half, Status.DONE_ON_TIME, 100, dt.date(2025, 6, 20))
    assert youth not in {a.agency for a in collect_reminder(db, 1, year, today=TODAY).agencies
                         if any(line.ref == ref for line in a.lines)}
    scenario.report(ref, "Tỉnh Đoàn", month, Status.IN_PROGRESS, 80, result="Bổ sung thành viên.")
    data = collect_reminder(db, 1, year, today=TODAY)
    assert any(a.agency == youth and any(line.ref == ref for line in a.lines)
               for a in data.agencies)
    assert scenario.items[ref].id not in progress.inside(db, year, scenario.agency["Tỉnh Đoàn"])


# --- B. ceased bodies ----------------------------------------------------------------------

def _district_on(demo: Scenario, *refs: str) -> None:
    """The plan (imported in April) names the district as coordinating on *refs*; the demo
    has it inactive from 30/06/2025, successor the commune, no merge run."""
    for ref in refs:
        demo.add_coordinating(ref, "UBND H. Sơn Tịnh")


def test_a_ceased_body_is_not_written_to_its_successor_is_chased_instead(demo, tmp_path):
    """The district (inactive from 30/06/2025, successor the commune) coordinates on II.4.b,
    where the commune coordinates too, and on II.3.a, where it does not. On 05/12/2025 no
    letter goes to the district, nor is it listed anywhere; the commune is chased for II.3.a,
    named as the district's task, and its count takes II.3.a in."""
    _district_on(demo, "II.4.b", "II.3.a")
    db, year = demo.db, demo.year
    district = agencies.get(db, demo.agency["UBND H. Sơn Tịnh"])
    assert not district.active and district.valid_to == dt.date(2025, 6, 30)

    (letter,), opts = _export(db, "reminder", tmp_path / "cv.docx")
    to, sections = _letter(letter)
    assert DISTRICT not in to and DISTRICT not in sections
    # named once: as the body whose task the commune inherited
    assert [p for p in _paragraphs(letter) if DISTRICT in p] == [
        p for p in sections[COMMUNE] if "kế thừa nhiệm vụ" in p]
    inherited = [p for p in sections[COMMUNE] if p.startswith("- Điểm a khoản 3 Mục II")]
    assert len(inherited) == 1
    assert inherited[0].rstrip(".;").endswith(
        f"chưa báo cáo kết quả (kế thừa nhiệm vụ của {DISTRICT})")
    # II.4.b once, as the commune's own task
    assert sum(p.startswith("- Điểm b khoản 4 Mục II") for p in sections[COMMUNE]) == 1
    assert not opts.warnings or all(DISTRICT not in w for w in opts.warnings)

    # one letter per agency: none for the district
    folder = tmp_path / "per"
    folder.mkdir()
    written, _ = _export(db, "reminder", folder, per_agency=True)
    assert not any("Son Tinh" in p.name for p in written)
    commune = next(p for p in written if "Tinh Ha" in p.name)
    assert any("kế thừa nhiệm vụ của UBND huyện Sơn Tịnh" in p for p in _paragraphs(commune))

    # the report and the overview: the commune owes II.3.a, the district nothing
    (out,), _ = _export(db, "report", tmp_path / "bc.docx")
    body, summary = _report_parts(out)
    listed = _listed(summary)
    assert DISTRICT not in listed
    assert f"- {COMMUNE} (phối hợp): chưa báo cáo." in _under(body, "a) Kịp thời kiện toàn")
    assert not any(p.startswith(f"- {DISTRICT}") for p in body)
    app = _app(db, year)
    assert DISTRICT not in app and app == listed == _reminded(
        collect_reminder(db, 1, year, today=TODAY))
    commune_tasks = {line.ref for a in collect_reminder(db, 1, year, today=TODAY).agencies
                     if a.agency == COMMUNE for line in a.lines if line.unreported}
    assert {"II.3.a", "II.4.b"} <= commune_tasks
    row = next(r for r in progress.unreported_agencies(db, 1, year, on=TODAY)
               if r[1] == COMMUNE)
    assert row[2] == len(commune_tasks)


def test_a_body_ceasing_after_the_letter_s_date_is_still_chased(demo):
    """Inactive from 31/12/2025 (typed ahead): on 05/12/2025 it still exists and owes its
    report; after the 31st, its successor does."""
    _district_on(demo, "II.3.a")
    db, year = demo.db, demo.year
    district_id = demo.agency["UBND H. Sơn Tịnh"]
    agencies.deactivate(db, district_id, dt.date(2025, 12, 31))
    names = {a.agency for a in collect_reminder(db, 1, year, today=TODAY).agencies}
    assert DISTRICT in names
    assert DISTRICT in _app(db, year)
    later = dt.date(2026, 1, 5)
    assert DISTRICT not in {a.agency for a in collect_reminder(db, 1, year, today=later).agencies}
    assert DISTRICT not in _app(db, year, today=later)


def test_a_ceased_body_with_no_successor_is_a_warning_not_a_letter(demo, tmp_path):
    """A plain "Ngừng hoạt động" (agencies.deactivate) of a body no one succeeds: no letter to
    it, not listed as late; the export tells the clerk which tasks no one is asked for."""
    db, year = demo.db, demo.year
    union = demo.agency["LĐLĐ tỉnh"]
    name = agencies.get(db, union).name
    # the union coordinates on II.3.a too, and stops on 01/10/2025 with no successor
    demo.set_activity("II.3.a", coord=[a.agency_id for a in assignments.for_item(
        db, demo.items["II.3.a"].id) if a.role != Role.LEAD] + [union])
    assert name in _app(db, year)
    demo.perform("Ngừng hoạt động cơ quan",
                 lambda d: agencies.deactivate(d, union, dt.date(2025, 10, 1)))
    assert agencies.get(db, union).successor_id is None

    (letter,), opts = _export(db, "reminder", tmp_path / "cv.docx")
    to, sections = _letter(letter)
    assert name not in to and name not in sections
    warning = next(w for w in opts.warnings if name in w)
    assert "01/10/2025" in warning and "II.3.a" in warning and "cơ quan kế thừa" in warning

    (out,), report_opts = _export(db, "report", tmp_path / "bc.docx")
    _body, summary = _report_parts(out)
    assert name not in _listed(summary)
    assert any(name in w and "II.3.a" in w for w in report_opts.warnings)
    assert name not in _app(db, year)
    assert _app(db, year) == _listed(summary)


def test_a_body_merged_into_the_writer_is_chased_by_no_one(demo, tmp_path):
    """Sở LĐ-TB&XH (inactive from 28/02/2025, successor Sở Nội vụ, the documents' writer) on
    II.3.a: its duty is the writer's, which does not chase itself; no letter, no warning."""
    db, year = demo.db, demo.year
    labour = demo.agency["SLĐTBXH"]
    assert agencies.get(db, labour).successor_id == demo.agency["SNV"]
    demo.add_coordinating("II.3.a", "SLĐTBXH")
    data = collect_reminder(db, 1, year, today=TODAY)
    names = {a.agency for a in data.agencies}
    assert "Sở Lao động - Thương binh và Xã hội" not in names and WRITER not in names
    assert data.warnings == []
    report = collect_report(db, 1, year, today=TODAY)
    assert "Sở Lao động - Thương binh và Xã hội" not in {n for n, *_ in report.unreported}
    assert report.warnings == []
    # the overview marks the writer as its own, not as late
    seen = overview.load(db, 1, TODAY, year)
    assert all(row[0] in seen.own for row in seen.unreported if row[1] == WRITER)
