"""A fourth document review's findings: real demo copies, real .docx files read back."""

from __future__ import annotations

import datetime as dt
import shutil

import docx
import pytest

from gbapp.exporters import ExportOptions, export
from gbapp.services.documents import DocumentDataError
from gbapp.store import open_database, settings


@pytest.fixture
def db(demo_db_file, tmp_path):
    path = tmp_path / "demo.db"
    shutil.copy(demo_db_file, path)
    database = open_database(path)
    yield database
    database.close()


def _paragraphs(path):
    return docx.Document(str(path)).paragraphs


def test_a_report_dated_before_its_plan_is_refused(db, tmp_path):
    """15/12/2024 for 15/12/2025: the report cited a plan issued on 23/04/2025."""
    for kind in ("report", "reminder"):
        with pytest.raises(DocumentDataError, match="trước ngày ban hành"):
            export(db, kind, tmp_path / f"{kind}.docx",
                   ExportOptions(date=dt.date(2024, 12, 15)))
        assert not (tmp_path / f"{kind}.docx").exists()


def test_the_appendix_cites_the_number_and_date_it_is_given(db, tmp_path):
    out = export(db, "appendix", tmp_path / "pl.docx",
                 ExportOptions(number="16", date=dt.date(2025, 12, 11)))[0]
    text = "\n".join(p.text for p in _paragraphs(out))
    assert "(Kèm theo Kế hoạch số 16/KH-UBND ngày 11/12/2025 của UBND tỉnh Quảng Ngãi)" in text
    plain = export(db, "appendix", tmp_path / "pl2.docx", ExportOptions())[0]
    assert "Kế hoạch số 93/KH-UBND ngày 23/04/2025" in "\n".join(p.text for p in _paragraphs(plain))
    # a new date alone keeps the plan's number
    dated = export(db, "appendix", tmp_path / "pl3.docx", ExportOptions(date=dt.date(2025, 12, 11)))[0]
    assert "Kế hoạch số 93/KH-UBND ngày 11/12/2025" in "\n".join(p.text for p in _paragraphs(dated))


def test_the_appendix_exported_from_the_app_cites_the_plan_s_own_date(qtbot, db, tmp_path):
    """A code review: the export dialog sent its date field (today) for the appendix too,
    where the field is greyed out, and the appendix cited the plan as issued today."""
    from gbapp.ui.context import AppContext
    from gbapp.ui.export_dialog import ExportDialog

    ctx = AppContext(db, tmp_path / "demo.db")
    dialog = ExportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.set_kind("appendix")
    opts = dialog.options()
    assert opts.date is None and not opts.number
    out = export(db, "appendix", tmp_path / "pl.docx", opts)[0]
    assert "Kế hoạch số 93/KH-UBND ngày 23/04/2025" in "\n".join(p.text for p in _paragraphs(out))


def test_a_long_numbered_heading_over_its_points_is_bold(db, tmp_path):
    """"5. Tổ chức Tháng hành động … (từ ngày 15/11 đến 15/12/2025)" (over 100 characters)
    heads its a) and b): bold like 1.–4., in the plan and in the report."""
    for kind in ("plan", "report"):
        out = export(db, kind, tmp_path / f"{kind}.docx",
                     ExportOptions(date=dt.date(2025, 12, 5)))[0]
        fifth = next(p for p in _paragraphs(out) if p.text.startswith("5. Tổ chức Tháng hành động"))
        first = next(p for p in _paragraphs(out) if p.text.startswith("1. "))
        assert len(fifth.text) > 100
        assert fifth.style.name == first.style.name, kind


def test_no_empty_indicator_appendix_is_announced(db, tmp_path):
    """A report of 2026 (no indicator value yet) announced "tổng hợp tại Phụ lục I" over a table
    of "Chưa có số liệu" rows."""
    from gbapp.domain.entities import Period
    from gbapp.store import periods

    plan = db.execute("SELECT id FROM plans").fetchone()[0]
    periods.save(db, Period(plan_id=plan, name="Quý I/2026", kind="quarter",
                            start_on=dt.date(2026, 1, 1), end_on=dt.date(2026, 3, 31)))
    db.conn.commit()
    out = export(db, "report", tmp_path / "q1.docx",
                 ExportOptions(period="Quý I/2026", date=dt.date(2026, 4, 10)))[0]
    text = "\n".join(p.text for p in _paragraphs(out))
    assert "Phụ lục" not in text
    assert "Chưa có số liệu thực hiện các chỉ tiêu về bình đẳng giới năm 2026." in text
    year = export(db, "report", tmp_path / "nam.docx", ExportOptions(date=dt.date(2025, 12, 5)))[0]
    assert "tổng hợp tại Phụ lục I" in "\n".join(p.text for p in _paragraphs(year))


def test_money_is_written_in_whole_dong(db, tmp_path):
    db.execute("UPDATE progress_reports SET spending = 1234567.5 WHERE id = "
               "(SELECT MIN(id) FROM progress_reports)")
    db.conn.commit()
    out = export(db, "report", tmp_path / "bc.docx", ExportOptions(date=dt.date(2025, 12, 5)))[0]
    text = "\n".join(p.text for p in _paragraphs(out))
    assert "kinh phí 1.234.568 đồng" in text and ",5 đồng" not in text


def test_the_department_does_not_remind_itself_under_its_full_name(db, tmp_path):
    """Cài đặt says "Sở Nội vụ tỉnh Quảng Ngãi"; the plan's agency is "Sở Nội vụ"."""
    org = settings.load(db)
    org.organisation = "Sở Nội vụ tỉnh Quảng Ngãi"
    settings.save(db, org)
    db.conn.commit()
    out = export(db, "reminder", tmp_path / "cv.docx", ExportOptions(date=dt.date(2025, 12, 20)))[0]
    addressed = [p.text for p in _paragraphs(out) if p.text.startswith("- ")]
    assert addressed and not any(t.startswith("- Sở Nội vụ") for t in addressed)
    assert any(t.startswith("- Công an tỉnh") for t in addressed)


NESTED = """ỦY BAN NHÂN DÂN
TỈNH GIA LAI
Số: 45/KH-UBND
Gia Lai, ngày 05 tháng 02 năm 2026
KẾ HOẠCH
Thực hiện công tác bình đẳng giới năm 2026
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức về bình đẳng giới.
II. NHIỆM VỤ, GIẢI PHÁP
1. Công tác truyền thông
a) Tổ chức các hoạt động truyền thông sau:
- Phát tờ rơi tại các xã, phường, Sở Văn hóa, Thể thao và Du lịch chủ trì, Quý I/2026:
+ Xã vùng đồng bào dân tộc thiểu số;
+ Phường trung tâm.
b) Tập huấn cho cán bộ cấp xã. Sở Nội vụ chủ trì, thực hiện trong tháng 6/2026.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn B
"""


def test_an_activity_with_points_has_its_status_after_them(db, tmp_path):
    """"- Phát tờ rơi …:" over its "+" points: its status and agencies came between the colon
    and the points, as if they were among them."""
    from gbapp.domain.entities import Period
    from gbapp.importers import parse_plan_text
    from gbapp.services.importing import store_plan
    from gbapp.store import periods

    plan = store_plan(db, parse_plan_text(NESTED))
    periods.save(db, Period(plan_id=plan, name="Quý I/2026", kind="quarter",
                            start_on=dt.date(2026, 1, 1), end_on=dt.date(2026, 3, 31)))
    db.conn.commit()
    out = export(db, "report", tmp_path / "bc.docx",
                 ExportOptions(plan=plan, period="Quý I/2026", date=dt.date(2026, 4, 15)))[0]
    lines = [p.text for p in _paragraphs(out) if p.text.strip()]
    at = next(i for i, t in enumerate(lines) if t.startswith("- Phát tờ rơi"))
    assert lines[at + 1].startswith("+ Xã vùng") and lines[at + 2].startswith("+ Phường")
    assert lines[at + 3].startswith("- Tình trạng: Quá hạn chưa hoàn thành")
    assert "Sở Văn hóa, Thể thao và Du lịch (chủ trì)" in lines[at + 4]


@pytest.mark.parametrize("kind", ["report", "xlsx"])
def test_an_export_onto_a_folder_says_so_in_vietnamese(db, tmp_path, kind):
    """"IsADirectoryError: [Errno 21] Is a directory" reached the user."""
    from gbapp.exporters.safe_write import ExportError

    folder = tmp_path / ("bao-cao.docx" if kind == "report" else "bang.xlsx")
    folder.mkdir()
    with pytest.raises(ExportError, match="là một thư mục"):
        export(db, kind, folder, ExportOptions(date=dt.date(2025, 12, 5)))
    assert folder.is_dir() and not any(folder.iterdir())


def test_an_item_with_text_only_starts_on_its_label_line(db, tmp_path):
    """In the re-issued plan an item with no title printed "a)" alone on its line (a review)."""
    db.execute("UPDATE items SET text = title || char(10) || 'Dòng thứ hai.', title = '' "
               "WHERE ref = 'II.1.b'")
    db.conn.commit()
    out = export(db, "plan", tmp_path / "kh.docx", ExportOptions())[0]
    lines = [p.text for p in _paragraphs(out) if p.text.strip()]
    at = next(i for i, t in enumerate(lines) if t.startswith("b) Rà soát, đánh giá"))
    assert "b)" not in [t.strip() for t in lines]
    assert lines[at + 1] == "Dòng thứ hai."
