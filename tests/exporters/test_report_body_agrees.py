"""The report's body, its summary and the reminder say the same of who has not reported, and
the lines under one activity do not contradict one another (a fifth review's findings: "Tỉnh
Đoàn (phối hợp): chưa báo cáo" seven times in section I for three in section II; "chưa báo
cáo" under the action month in the half-year's report; "Quá hạn chưa hoàn thành" under
"Tình trạng: Hoàn thành quá hạn"). Real databases, real .docx files."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections import Counter

import docx
import pytest

from gbapp.domain.entities import Period, ProgressReport
from gbapp.domain.model import Status
from gbapp.exporters import ExportOptions, export
from gbapp.services.documents import collect_reminder
from gbapp.store import agencies, open_database, periods, progress

# A province's plan as the reviewer imported it (Gia Lai, 2026): the lead and its coordinating
# agencies on each activity, activities due in June, in the third quarter and in the action
# month.
GIA_LAI = """ỦY BAN NHÂN DÂN
TỈNH GIA LAI
Số: 27/KH-UBND
Gia Lai, ngày 15 tháng 01 năm 2026

KẾ HOẠCH
Thực hiện Chương trình truyền thông về bình đẳng giới năm 2026 trên địa bàn tỉnh Gia Lai

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức của cán bộ, công chức và Nhân dân về bình đẳng giới.

II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Truyền thông nâng cao nhận thức về bình đẳng giới
a) Tổ chức hội nghị, tọa đàm cho cán bộ cấp xã sau sắp xếp.
Cơ quan chủ trì: Sở Nội vụ; cơ quan phối hợp: Hội Liên hiệp Phụ nữ tỉnh, UBND xã Ia Grai.
Thời gian thực hiện: Năm 2026.
b) Truyền thông trên nền tảng số, mạng xã hội.
Cơ quan chủ trì: Sở Khoa học và Công nghệ; cơ quan phối hợp: Tỉnh Đoàn Gia Lai.
Thời gian thực hiện: Năm 2026.
2. Nâng cao năng lực đội ngũ làm công tác bình đẳng giới
a) Tập huấn nâng cao năng lực cho đội ngũ cán bộ làm công tác bình đẳng giới các cấp.
Cơ quan chủ trì: Sở Y tế; cơ quan phối hợp: Trung tâm Công tác xã hội, UBND phường Pleiku.
Thời gian thực hiện: Quý III/2026.
b) Biên soạn tài liệu hướng dẫn lồng ghép giới trong xây dựng văn bản quy phạm pháp luật.
Cơ quan chủ trì: Sở Tư pháp; cơ quan phối hợp: Tỉnh Đoàn Gia Lai.
Thời gian thực hiện: Trước ngày 30/6/2026.
3. Tháng hành động vì bình đẳng giới
a) Tổ chức Lễ phát động Tháng hành động vì bình đẳng giới năm 2026.
Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch; cơ quan phối hợp: Tỉnh Đoàn Gia Lai, \
Liên đoàn Lao động tỉnh.
Thời gian thực hiện: Từ ngày 15/11 đến 15/12/2026.
"""

_MISSING = re.compile(r"^- (.+) \((?:chủ trì|phối hợp)\): chưa báo cáo\.$")
_LISTED = re.compile(r"^- (.+) \(chưa báo cáo (\d+)(?:/\d+)? nhiệm vụ\)[;.]$")


def _paragraphs(path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def _sections(text: list[str]) -> tuple[list[str], list[str]]:
    """(section I, section II) of a report's paragraphs."""
    one = text.index("I. KẾT QUẢ THỰC HIỆN CÁC NỘI DUNG CỦA KẾ HOẠCH")
    two = text.index("II. TIẾN ĐỘ THỰC HIỆN CHUNG")
    # (the year's report goes on with "III. ĐÁNH GIÁ CHUNG", the others with difficulties)
    three = next(n for n in range(two + 1, len(text)) if text[n].startswith("III. "))
    return text[one:two], text[two:three]


def _body_and_summary(path) -> tuple[Counter, Counter]:
    """Agency -> "chưa báo cáo" lines in section I, and -> the count section II gives it."""
    body, summary = _sections(_paragraphs(path))
    said = Counter(m.group(1) for p in body if (m := _MISSING.match(p)))
    listed = Counter({m.group(1): int(m.group(2)) for p in summary if (m := _LISTED.match(p))})
    return said, listed


def _reminded(db, period_id, today) -> Counter:
    return Counter({a.agency: sum(1 for line in a.lines if line.unreported)
                    for a in collect_reminder(db, None, period_id, today=today).agencies
                    if any(line.unreported for line in a.lines)})


@pytest.fixture
def demo(demo_db_file, tmp_path):
    path = tmp_path / "demo.db"
    shutil.copy(demo_db_file, path)
    db = open_database(path)
    yield db
    db.close()


def _gia_lai(tmp_path):
    """The Gia Lai plan with its half year and year, and the reviewer's reports."""
    from gbapp.importers import parse_plan_text
    from gbapp.services.importing import store_plan

    db = open_database(tmp_path / "gl.db")
    plan = store_plan(db, parse_plan_text(GIA_LAI))
    half = periods.save(db, Period(plan_id=plan, name="6 tháng đầu năm 2026", kind="half",
                                   start_on=dt.date(2026, 1, 1), end_on=dt.date(2026, 6, 30)))
    year = periods.save(db, Period(plan_id=plan, name="Năm 2026", kind="year",
                                   start_on=dt.date(2026, 1, 1), end_on=dt.date(2026, 12, 31)))
    db.conn.commit()
    return db, plan, half, year


def _item(db, ref: str) -> int:
    return db.execute("SELECT id FROM items WHERE ref = ?", [ref]).fetchone()[0]


def _save(db, ref, agency, period, status, **fields):
    progress.save(db, ProgressReport(item_id=_item(db, ref), agency_id=agencies.find_by_name(
        db, agency), period_id=period, status=status, **fields))
    db.conn.commit()


def test_the_demo_report_s_body_lists_who_its_summary_and_the_reminder_name(demo, tmp_path):
    """Year 2025 on 05/12/2025: the coordinating agencies of an activity completed by then are
    not "chưa báo cáo" in the body when the summary and the reminder leave them out."""
    today = dt.date(2025, 12, 5)
    out = export(demo, "report", tmp_path / "bc.docx", ExportOptions(date=today, today=today))[0]
    said, listed = _body_and_summary(out)
    assert said and said == listed
    year = demo.execute("SELECT id FROM periods WHERE kind = 'year'").fetchone()[0]
    assert _reminded(demo, year, today) == listed
    # the reviewer's count: Tỉnh Đoàn seven times in the body, three in the summary
    assert said["Tỉnh Đoàn Quảng Ngãi"] == 3
    assert "Liên đoàn Lao động tỉnh" not in said and "Sở Giáo dục và Đào tạo" not in said


def test_an_activity_after_the_period_is_not_yet_due_and_owes_nothing(demo, tmp_path):
    """The half year's report (15/07/2025): the action month (15/11–15/12) has not begun; it
    says so once, and nobody is "chưa báo cáo" on it."""
    today = dt.date(2025, 7, 15)
    half = demo.execute("SELECT id FROM periods WHERE kind = 'half'").fetchone()[0]
    out = export(demo, "report", tmp_path / "bc.docx",
                 ExportOptions(period=half, date=today, today=today))[0]
    body, _summary = _sections(_paragraphs(out))
    start = next(n for n, p in enumerate(body) if p.startswith("5. Tổ chức Tháng hành động"))
    month = body[start:]
    assert not any(p.endswith(("chưa báo cáo.", "chưa cập nhật kết quả.")) for p in month), month
    due = [p for p in month if "chưa đến thời gian thực hiện" in p]
    assert due == ["- Tình trạng: Chưa triển khai (chưa đến thời gian thực hiện: từ ngày 15/11 "
                   "đến 15/12/2025)."] * 2
    # who does it is still said, without claiming that anyone owes a report
    assert month[month.index(due[0]) + 1] == ("- Cơ quan chủ trì: Sở Nội vụ; cơ quan phối hợp: "
                                              "Tỉnh Đoàn Quảng Ngãi, UBND xã Tịnh Hà.")
    said, listed = _body_and_summary(out)
    assert said == listed and said
    assert _reminded(demo, half, today) == listed


def test_work_due_before_the_period_still_names_its_agencies(tmp_path):
    """The year 2027's report of a 2026 activity left overdue: nobody owes the 2027 report a
    line on it (the summary names nobody for it), yet the body says who was to do it."""
    db, plan, _half, _year = _gia_lai(tmp_path)
    try:
        later = periods.save(db, Period(plan_id=plan, name="Năm 2027", kind="year",
                                        start_on=dt.date(2027, 1, 1),
                                        end_on=dt.date(2027, 12, 31)))
        db.conn.commit()
        today = dt.date(2027, 12, 5)
        out = export(db, "report", tmp_path / "bc.docx",
                     ExportOptions(period=later, date=today, today=today))[0]
    finally:
        db.close()
    block = _activity_block(_sections(_paragraphs(out))[0], "b) Truyền thông trên nền tảng số")
    assert block == ["- Tình trạng: Quá hạn chưa hoàn thành; thời gian thực hiện: Năm 2026.",
                     "- Cơ quan chủ trì: Sở Khoa học và Công nghệ; cơ quan phối hợp: Tỉnh Đoàn "
                     "Gia Lai."]
    assert _body_and_summary(out) == (Counter(), Counter())


def test_a_province_s_plan_body_summary_and_reminder_agree(tmp_path):
    """The reviewer's Gia Lai data: some reports in June, others in the year; each period's
    body, summary and reminder name the same agencies the same number of times."""
    db, _plan, half, year = _gia_lai(tmp_path)
    try:
        _save(db, "II.2.b", "Sở Tư pháp", half, Status.DONE_ON_TIME, percent=100,
              completed_on=dt.date(2026, 6, 20), result="Đã phát hành 500 cuốn tài liệu.")
        _save(db, "II.1.a", "Sở Nội vụ", year, Status.IN_PROGRESS, percent=80,
              result="Đã tổ chức 30 hội nghị.")
        _save(db, "II.1.a", "Hội Liên hiệp Phụ nữ tỉnh", year, Status.IN_PROGRESS)
        _save(db, "II.2.a", "Sở Y tế", year, Status.DONE_ON_TIME, percent=100,
              completed_on=dt.date(2026, 10, 10))
        for period, today in ((half, dt.date(2026, 7, 10)), (year, dt.date(2026, 12, 5))):
            out = export(db, "report", tmp_path / f"bc-{period}.docx",
                         ExportOptions(period=period, date=today, today=today))[0]
            said, listed = _body_and_summary(out)
            assert said == listed, (period, said, listed)
            assert _reminded(db, period, today) == listed, period
            assert said  # there is something to agree on
    finally:
        db.close()


def _activity_block(text: list[str], title: str) -> list[str]:
    """The lines under the activity whose paragraph starts with *title*, to the next one."""
    start = next(n for n, p in enumerate(text) if p.startswith(title))
    end = next((n for n in range(start + 1, len(text))
                if re.match(r"^(?:[a-z]\)|\d+\.|[IVX]+\.) ", text[n])), len(text))
    return text[start + 1:end]


def test_coordinating_agencies_do_not_contradict_a_completed_activity(tmp_path):
    """Under "Tình trạng: Hoàn thành quá hạn", a coordinating agency's "đang thực hiện" of an
    earlier report is not restated as "Quá hạn chưa hoàn thành": its result is shown."""
    db, _plan, half, year = _gia_lai(tmp_path)
    try:
        for agency in ("Trung tâm Công tác xã hội", "UBND phường Pleiku"):
            _save(db, "II.2.a", agency, half, Status.IN_PROGRESS,
                  result="Đã phối hợp thực hiện.")
        _save(db, "II.2.a", "Sở Y tế", year, Status.DONE_ON_TIME, percent=100,
              completed_on=dt.date(2026, 10, 10), result="Đã tổ chức 02 lớp tập huấn.")
        today = dt.date(2026, 12, 5)
        out = export(db, "report", tmp_path / "bc.docx",
                     ExportOptions(period=year, date=today, today=today))[0]
    finally:
        db.close()
    block = _activity_block(_sections(_paragraphs(out))[0], "a) Tập huấn nâng cao năng lực")
    assert block[0].startswith("- Tình trạng: Hoàn thành quá hạn;")
    assert block[1].startswith("- Sở Y tế (chủ trì): Hoàn thành quá hạn. ")
    coordinating = [p for p in block if "(phối hợp)" in p]
    assert len(coordinating) == 2, block
    for line in coordinating:
        assert "Quá hạn chưa hoàn thành" not in line and "Đang thực hiện" not in line, line
        assert "Đã phối hợp thực hiện" in line and "(Theo báo cáo 6 tháng đầu năm 2026)" in line


def test_the_lead_s_latest_report_decides_the_activity_s_status(tmp_path):
    """The lead reported the work done in June, then "đang thực hiện" in the year's report:
    the activity's status line and the lead's line say the same (the latest word)."""
    db, _plan, half, year = _gia_lai(tmp_path)
    try:
        _save(db, "II.2.b", "Sở Tư pháp", half, Status.DONE_ON_TIME, percent=100,
              completed_on=dt.date(2026, 6, 20), result="Đã phát hành 500 cuốn tài liệu.")
        _save(db, "II.2.b", "Sở Tư pháp", year, Status.IN_PROGRESS, percent=70,
              result="Đang chỉnh sửa tài liệu theo góp ý.")
        today = dt.date(2026, 12, 5)
        texts = {}
        for period in (half, year):
            out = export(db, "report", tmp_path / f"bc-{period}.docx",
                         ExportOptions(period=period, date=today, today=today))[0]
            texts[period] = _activity_block(_sections(_paragraphs(out))[0],
                                            "b) Biên soạn tài liệu")
        letter = collect_reminder(db, None, year, today=today)
    finally:
        db.close()
    # the half year's own report: done in June
    assert texts[half][0].startswith("- Tình trạng: Hoàn thành đúng hạn;")
    assert texts[half][1].startswith("- Sở Tư pháp (chủ trì): Hoàn thành đúng hạn. ")
    # the year's: the lead's later word, the same in both lines, and the reminder follows it
    assert texts[year][0].startswith("- Tình trạng: Quá hạn chưa hoàn thành;")
    assert texts[year][1].startswith("- Sở Tư pháp (chủ trì): Quá hạn chưa hoàn thành. ")
    lines = [line for a in letter.agencies if a.agency == "Sở Tư pháp" for line in a.lines]
    assert [(line.ref, line.overdue) for line in lines] == [("II.2.b", True)]


def test_a_period_that_asks_no_report_does_not_say_all_were_sent(demo_db_file, tmp_path):
    """A review: in a period that asks for no report at all, section II said the agencies
    "đã gửi báo cáo" (none had, and none had to)."""
    import shutil

    import docx

    from gbapp.domain.entities import Period
    from gbapp.exporters import ExportOptions, export
    from gbapp.store import open_database, periods, plans

    path = tmp_path / "demo.db"
    shutil.copy(demo_db_file, path)
    db = open_database(path)
    try:
        periods.save(db, Period(plan_id=plans.latest_id(db), name="Quý I năm 2026",
                                kind="quarter", start_on=dt.date(2026, 1, 1),
                                end_on=dt.date(2026, 3, 31), due_on=dt.date(2026, 3, 25)))
        db.conn.commit()
        out = export(db, "report", tmp_path / "bc.docx",
                     ExportOptions(period="Quý I năm 2026", date=dt.date(2026, 3, 30)))[0]
    finally:
        db.close()
    body = [p.text for p in docx.Document(str(out)).paragraphs]
    assert not any("đã gửi báo cáo kết quả thực hiện" in line for line in body)
    assert any(line.startswith("Chưa có nhiệm vụ nào phải báo cáo kết quả thực hiện")
               for line in body)
