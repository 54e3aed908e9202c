"""The activities page, the overview's counts and the period's report say the same status of
an activity: the lead's latest report decides (one rule, domain.status.activity_progress and
services.documents._activity_status), and a recurring activity done in an earlier year of a
programme asks for this year's round on the page as in the documents. Real databases, real
.docx files read back."""

from __future__ import annotations

import datetime as dt
import re

import docx
import pytest

from gbapp.domain.entities import Period, ProgressReport
from gbapp.domain.model import STATUS_LABELS, Status
from gbapp.exporters import ExportOptions, export
from gbapp.importers import parse_plan_text
from gbapp.services import overview
from gbapp.services.documents import collect_report
from gbapp.services.importing import store_plan
from gbapp.store import activities, agencies, open_database, periods, progress

PLAN = """ỦY BAN NHÂN DÂN
TỈNH KON TUM
Số: 31/KH-UBND
Kon Tum, ngày 12 tháng 01 năm 2026
KẾ HOẠCH
Thực hiện công tác bình đẳng giới năm 2026
I. NHIỆM VỤ
1. Biên soạn tài liệu hướng dẫn lồng ghép giới. Sở Tư pháp chủ trì, Tỉnh Đoàn phối hợp thực hiện. Thời gian: Quý I đến Quý III/2026.
2. Tổ chức tập huấn cho cán bộ cấp xã. Sở Nội vụ chủ trì thực hiện. Thời gian: năm 2026.
3. Truyền thông trên mạng xã hội. Sở Khoa học và Công nghệ chủ trì thực hiện. Thời gian: Quý I/2026.
"""

PROGRAMME = """ỦY BAN NHÂN DÂN
TỈNH KON TUM
Số: 32/KH-UBND
Kon Tum, ngày 12 tháng 01 năm 2026
KẾ HOẠCH
Thực hiện Chương trình bình đẳng giới giai đoạn 2026 - 2030
I. NHIỆM VỤ
1. Tổ chức truyền thông về bình đẳng giới. Sở Văn hóa, Thể thao và Du lịch chủ trì thực hiện. Thời gian: Quý II hằng năm, giai đoạn 2026 - 2030.
2. Xây dựng bộ tài liệu tập huấn. Sở Nội vụ chủ trì thực hiện. Thời gian: năm 2026.
"""

_COUNT = re.compile(r"^- (.+): (\d+)(?: \([\d,]+%\))?[;.]$")


def _item(db, title_start: str) -> int:
    return db.execute("SELECT id FROM items WHERE title LIKE ?",
                      [title_start + "%"]).fetchone()[0]


def _save(db, item, agency, period, status, **fields):
    with db.atomic():  # one user action, one transaction
        progress.save(db, ProgressReport(item_id=item, agency_id=agencies.find_by_name(
            db, agency), period_id=period, status=status, **fields))


def _report_says(db, tmp_path, period, today, title_start) -> tuple[str, dict[str, int]]:
    """(the activity's status line, the summary's count by label) of the exported report."""
    out = export(db, "report", tmp_path / f"bc-{period}-{today}.docx",
                 ExportOptions(period=period, date=today, today=today))[0]
    text = [p.text for p in docx.Document(str(out)).paragraphs if p.text.strip()]
    at = next(n for n, line in enumerate(text) if title_start in line)
    status = next(line for line in text[at:] if line.startswith("- Tình trạng: "))
    two = text.index("II. TIẾN ĐỘ THỰC HIỆN CHUNG")
    counts = {}
    for line in text[two:]:
        m = _COUNT.match(line)
        if m and m.group(1) in STATUS_LABELS.values():
            counts[m.group(1)] = int(m.group(2))
    assert len(counts) == len(Status), text[two:two + 8]
    return status, counts


def _page(db, plan_id, today) -> dict[int, Status]:
    return {r.id: r.status for r in activities.query(
        db, plan_id, activities.ActivityFilter(), today=today)}


def _agree(db, tmp_path, plan_id, period, today, item, title_start) -> Status:
    """The status the page, the overview and the report give *item*; asserts they agree."""
    shown = _page(db, plan_id, today)[item]
    data = collect_report(db, plan_id, period, today=today)
    entry = next(e for e in data.items if e.item.id == item)
    assert entry.status == shown
    counts = overview.load(db, plan_id, today, period).counts
    assert counts == data.status_counts
    line, in_docx = _report_says(db, tmp_path, period, today, title_start)
    assert line.startswith(f"- Tình trạng: {STATUS_LABELS[shown]}"), line
    assert in_docx == {STATUS_LABELS[s]: n for s, n in counts.items()}
    return shown


@pytest.fixture
def kon_tum(tmp_path):
    db = open_database(tmp_path / "kt.db")
    plan_id = store_plan(db, parse_plan_text(PLAN))
    quarters = [periods.save(db, Period(
        plan_id=plan_id, name=f"Quý {roman}/2026", kind="quarter", start_on=start, end_on=end))
        for roman, start, end in (("I", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
                                  ("II", dt.date(2026, 4, 1), dt.date(2026, 6, 30)))]
    year = periods.save(db, Period(plan_id=plan_id, name="Năm 2026", kind="year",
                                   start_on=dt.date(2026, 1, 1), end_on=dt.date(2026, 12, 31)))
    db.conn.commit()
    yield db, plan_id, quarters, year
    db.close()


def test_a_correction_reads_the_same_on_the_page_the_overview_and_the_report(kon_tum, tmp_path):
    """Sở Tư pháp reported the guide done in the first quarter, then "Đang thực hiện" in the
    second: a correction. The page kept "Hoàn thành" (its earliest "done") while the second
    quarter's and the year's reports said "Đang thực hiện"."""
    db, plan_id, (q1, q2), year = kon_tum
    guide = _item(db, "Biên soạn tài liệu")
    _save(db, guide, "Sở Tư pháp", q1, Status.DONE_ON_TIME, percent=100,
          completed_on=dt.date(2026, 3, 10), result="Đã phát hành tài liệu.")
    _save(db, guide, "Sở Tư pháp", q2, Status.IN_PROGRESS, percent=60,
          result="Đang chỉnh sửa tài liệu theo góp ý.")
    _save(db, _item(db, "Tổ chức tập huấn"), "Sở Nội vụ", q2, Status.DONE_ON_TIME,
          percent=100, completed_on=dt.date(2026, 5, 20))
    today = dt.date(2026, 7, 10)
    for period in (q2, year):
        assert _agree(db, tmp_path, plan_id, period, today, guide,
                      "Biên soạn tài liệu") == Status.IN_PROGRESS
    # once its time is over, overdue everywhere
    assert _agree(db, tmp_path, plan_id, year, dt.date(2026, 10, 5), guide,
                  "Biên soạn tài liệu") == Status.OVERDUE
    # the first quarter's report still says what was reported for it
    assert collect_report(db, plan_id, q1, today=today).items and next(
        e for e in collect_report(db, plan_id, q1, today=today).items
        if e.item.id == guide).status == Status.DONE_ON_TIME
    # and the lists of who has not reported follow the same reading, quarter by quarter (the
    # overview marks the documents' writer, Sở Nội vụ, instead of counting it)
    for period in (q1, q2, year):
        seen = overview.load(db, plan_id, today, period)
        in_app = {row[1] for row in seen.unreported if row[0] not in seen.own}
        in_report = {name for name, *_ in collect_report(db, plan_id, period,
                                                         today=today).unreported}
        assert in_app == in_report, period
        # the first quarter's "done" asks nothing of the guide then; the correction does
        assert ("Tỉnh Đoàn" in in_app) == (period != q1), period


def test_last_years_round_reads_the_same_everywhere(tmp_path):
    """A programme 2026 - 2030: the communication done in June 2026 is 2027's round still to
    do in 2027 on the page, in the overview's counts and in 2027's report."""
    db = open_database(tmp_path / "ct.db")
    try:
        plan_id = store_plan(db, parse_plan_text(PROGRAMME))
        p2026, p2027 = (periods.save(db, Period(
            plan_id=plan_id, name=f"Năm {n}", kind="year", start_on=dt.date(n, 1, 1),
            end_on=dt.date(n, 12, 31), due_on=dt.date(n, 12, 15))) for n in (2026, 2027))
        db.conn.commit()
        talk = _item(db, "Tổ chức truyền thông")
        _save(db, talk, "Sở Văn hóa, Thể thao và Du lịch", p2026, Status.DONE_ON_TIME,
              percent=100, completed_on=dt.date(2026, 6, 20))
        title = "Tổ chức truyền thông"
        assert _agree(db, tmp_path, plan_id, p2026, dt.date(2026, 12, 10), talk,
                      title) == Status.DONE_ON_TIME
        assert _agree(db, tmp_path, plan_id, p2027, dt.date(2027, 5, 2), talk,
                      title) == Status.NOT_STARTED  # 2027's round is due 30/06/2027
        assert _agree(db, tmp_path, plan_id, p2027, dt.date(2027, 7, 10), talk,
                      title) == Status.OVERDUE
        # this year's round reported done: done again everywhere
        _save(db, talk, "Sở Văn hóa, Thể thao và Du lịch", p2027, Status.DONE_ON_TIME,
              percent=100, completed_on=dt.date(2027, 6, 12))
        assert _agree(db, tmp_path, plan_id, p2027, dt.date(2027, 7, 10), talk,
                      title) == Status.DONE_ON_TIME
    finally:
        db.close()


def test_last_year_s_report_written_in_january_keeps_last_year_s_round(tmp_path):
    """The 2026 report is written on 15/01/2027: it speaks of 2026's round, done, even where
    the lead's report gave no date (a file from an older gbapp); the page, in 2027, asks for
    2027's round."""
    db = open_database(tmp_path / "ct.db")
    try:
        plan_id = store_plan(db, parse_plan_text(PROGRAMME))
        p2026 = periods.save(db, Period(plan_id=plan_id, name="Năm 2026", kind="year",
                                        start_on=dt.date(2026, 1, 1),
                                        end_on=dt.date(2026, 12, 31)))
        talk = _item(db, "Tổ chức truyền thông")
        _save(db, talk, "Sở Văn hóa, Thể thao và Du lịch", p2026, Status.DONE_ON_TIME,
              percent=100)
        today = dt.date(2027, 1, 15)
        entry = next(e for e in collect_report(db, plan_id, p2026, today=today).items
                     if e.item.id == talk)
        # done with no date: by the end of the year reported (31/12/2026), after 2026's round
        # was due (30/06/2026), so late, as a "Quý II/2026" task would be
        assert entry.status == Status.DONE_LATE
        line, _counts = _report_says(db, tmp_path, p2026, today, "Tổ chức truyền thông")
        assert line.startswith("- Tình trạng: Hoàn thành quá hạn"), line
        assert _page(db, plan_id, today)[talk] == Status.NOT_STARTED
    finally:
        db.close()
