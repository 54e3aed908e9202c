"""An activity's text keeps the lines its author wrote it in (a task with a list of sub-points
written as lines), in the report, the plan and the reminder."""

from __future__ import annotations

import datetime as dt

import docx
import pytest

from gbapp.exporters import ExportOptions, export
from gbapp.store import items, open_database

PLAN = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI

Số: 12/KH-UBND

Quảng Ngãi, ngày 10 tháng 3 năm 2025

KẾ HOẠCH
Thực hiện công tác bình đẳng giới năm 2025

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao nhận thức.
II. NỘI DUNG
1. Truyền thông
a) Tổ chức các hoạt động truyền thông về bình đẳng giới, gồm:
Treo băng rôn, khẩu hiệu tại trụ sở các cơ quan;
Phát tờ rơi tại các xã, phường;
Tổ chức tọa đàm trên Đài Phát thanh - Truyền hình tỉnh.
Cơ quan chủ trì: Sở Y tế; phối hợp: Sở Văn hóa, Thể thao và Du lịch.
Thời gian thực hiện: Quý II/2025.
b) Tập huấn cho cán bộ. Cơ quan chủ trì: Sở Y tế. Thời gian: tháng 6/2025.
"""
POINTS = ["Treo băng rôn, khẩu hiệu tại trụ sở các cơ quan;", "Phát tờ rơi tại các xã, phường;",
          "Tổ chức tọa đàm trên Đài Phát thanh - Truyền hình tỉnh."]
TODAY = dt.date(2025, 12, 5)


@pytest.fixture
def db(tmp_path):
    from gbapp.domain.entities import Period
    from gbapp.importers import parse_plan_text
    from gbapp.services.importing import store_plan
    from gbapp.store import periods

    db = open_database(tmp_path / "kh.db")
    plan = store_plan(db, parse_plan_text(PLAN))
    periods.save(db, Period(plan_id=plan, name="Năm 2025", kind="year",
                            start_on=dt.date(2025, 1, 1), end_on=dt.date(2025, 12, 31)))
    db.conn.commit()
    yield db
    db.close()


def _item(db, ref: str):
    item_id = db.execute("SELECT id FROM items WHERE ref = ?", [ref]).fetchone()[0]
    return items.get(db, item_id)


def _paragraphs(path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs
            if p.text.strip()]


def _export(db, kind: str, path):
    return export(db, kind, path, ExportOptions(date=TODAY, today=TODAY))[0]


def _after(paragraphs: list[tuple[str, str]], text: str, count: int) -> list[tuple[str, str]]:
    at = [t for _, t in paragraphs].index(text)
    return paragraphs[at + 1:at + 1 + count]


def test_the_report_keeps_the_sub_points_of_a_task_as_paragraphs(db, tmp_path):
    out = _paragraphs(_export(db, "report", tmp_path / "bc.docx"))
    title = "a) Tổ chức các hoạt động truyền thông về bình đẳng giới, gồm:"
    following = _after(out, title, 4)
    assert following[:3] == [("GB Body", p) for p in POINTS]
    # the lines that say who and when are the report's own lines, not repeated from the text
    assert following[3][1].startswith("- Tình trạng:")
    assert not any("Cơ quan chủ trì: Sở Y tế; phối hợp" in t for _, t in out)


def test_a_task_written_only_as_text_is_not_run_into_one_paragraph(db, tmp_path):
    item = _item(db, "II.1.a")
    item.text = "\n".join([item.title] + [f"- {p}" for p in POINTS])
    item.title = ""
    items.update(db, item)
    db.conn.commit()
    report = _paragraphs(_export(db, "report", tmp_path / "bc.docx"))
    title = "a) Tổ chức các hoạt động truyền thông về bình đẳng giới, gồm:"
    assert _after(report, title, 3) == [("GB Dash", f"- {p}") for p in POINTS]
    plan = _paragraphs(_export(db, "plan", tmp_path / "kh.docx"))
    assert [t for _, t in _after(plan, title, 3)] == [f"- {p}" for p in POINTS]


def test_a_task_with_its_title_alone_is_reported_as_before(db, tmp_path):
    report = _paragraphs(_export(db, "report", tmp_path / "bc.docx"))
    title = "b) Tập huấn cho cán bộ. Cơ quan chủ trì: Sở Y tế. Thời gian: tháng 6/2025."
    assert _after(report, title, 1)[0][1].startswith("- Tình trạng: ")


def test_the_plan_keeps_the_sub_points_of_a_task(db, tmp_path):
    plan = _paragraphs(_export(db, "plan", tmp_path / "kh.docx"))
    title = "a) Tổ chức các hoạt động truyền thông về bình đẳng giới, gồm:"
    assert [t for _, t in _after(plan, title, 3)] == POINTS


def test_the_reminder_names_the_points_a_task_announces(db, tmp_path):
    letter = " ".join(t for _, t in _paragraphs(_export(db, "reminder", tmp_path / "cv.docx")))
    assert ("Tổ chức các hoạt động truyền thông về bình đẳng giới, gồm: treo băng rôn, khẩu hiệu "
            "tại trụ sở các cơ quan; phát tờ rơi") in letter
    assert "gồm: —" not in letter


def test_a_result_reported_as_several_lines_keeps_them(db, tmp_path):
    from gbapp.domain.entities import ProgressReport
    from gbapp.domain.model import Status
    from gbapp.store import progress

    item = _item(db, "II.1.a")
    agency, period = db.execute("SELECT a.agency_id, p.id FROM assignments a, periods p "
                                "WHERE a.item_id = ? AND a.role = 'chu_tri'", [item.id]).fetchone()
    progress.save(db, ProgressReport(  # still in progress after its due date: overdue
        item_id=item.id, agency_id=agency, period_id=period, status=Status.IN_PROGRESS,
        result="Đã treo 20 băng rôn;\n- Đã phát 5.000 tờ rơi.", sessions=2))
    db.conn.commit()
    report = _paragraphs(_export(db, "report", tmp_path / "bc.docx"))
    line = next(i for i, (_, t) in enumerate(report) if t.startswith("- Sở Y tế (chủ trì): "))
    # each line a "+" line under the agency's, the figures in the last (they were plain body
    # paragraphs after the figures, read as the report's own text: a fifth review's finding)
    assert report[line][1] == "- Sở Y tế (chủ trì): Quá hạn chưa hoàn thành, cụ thể:"
    assert report[line + 1:line + 4] == [("GB Dash", "+ Đã treo 20 băng rôn;"),
                                         ("GB Dash", "+ Đã phát 5.000 tờ rơi;"),
                                         ("GB Dash", "+ Tổ chức 2 cuộc, buổi.")]
