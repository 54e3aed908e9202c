"""Safe writing: temp file then move, a file open in Word, control characters from Word."""

from __future__ import annotations

import datetime as dt
import shutil

import docx
import openpyxl
import pytest
from export_helpers import TODAY, run_checker

from gbapp.exporters import ExportOptions, FileLockedError, atomic_write, export, safe_write


def _open_in_word(monkeypatch, target):
    """Word on Windows holds the file it shows: opening it for writing fails."""
    real_open = open

    def fake_open(path, mode="r", *args, **kwargs):
        if str(path) == str(target) and "+" in mode:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(safe_write, "open", fake_open, raising=False)


def _strays(folder):
    return [p.name for p in folder.iterdir() if p.name.startswith(safe_write.TEMP_PREFIX)]


def test_atomic_write_replaces_the_file(tmp_path):
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")
    atomic_write(target, lambda tmp: tmp.write_bytes(b"new"))
    assert target.read_bytes() == b"new"
    assert _strays(tmp_path) == []


def test_failure_mid_write_keeps_previous_file(tmp_path):
    target = tmp_path / "a.docx"
    target.write_bytes(b"previous document")

    def half_then_crash(tmp):
        tmp.write_bytes(b"PK\x03\x04 half a zip")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        atomic_write(target, half_then_crash)
    assert target.read_bytes() == b"previous document"
    assert _strays(tmp_path) == []


def test_a_full_disk_says_so_and_keeps_the_previous_file(tmp_path):
    import errno

    from gbapp.exporters import DiskFullError

    target = tmp_path / "a.docx"
    target.write_bytes(b"previous document")

    def disk_fills_up(tmp):
        tmp.write_bytes(b"PK\x03\x04")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(DiskFullError, match="đã đầy"):
        atomic_write(target, disk_fills_up)
    assert target.read_bytes() == b"previous document"
    assert _strays(tmp_path) == []


def test_exports_keep_permissions_colleagues_can_read(tmp_path):
    """mkstemp's 0600 must not reach the document: a new file is rw-r--r--, a replaced file
    keeps its own permissions (POSIX; Windows uses ACLs)."""
    import os
    import stat

    new = atomic_write(tmp_path / "new.docx", lambda tmp: tmp.write_bytes(b"x"))
    shared = tmp_path / "shared.docx"
    shared.write_bytes(b"old")
    shared.chmod(0o664)
    atomic_write(shared, lambda tmp: tmp.write_bytes(b"y"))
    if os.name == "posix":
        assert stat.S_IMODE(new.stat().st_mode) == 0o644
        assert stat.S_IMODE(shared.stat().st_mode) == 0o664


def test_export_failure_mid_document_leaves_previous_file(demo_copy, tmp_path, monkeypatch):
    from gbapp.store import open_database

    target = tmp_path / "bao-cao.docx"
    target.write_bytes(b"yesterday's report")
    real_save = docx.document.Document.save

    def broken_save(self, path):
        real_save(self, path)  # the whole file is written to the temporary name …
        raise OSError(28, "No space left on device")  # … and then the disk fills up

    monkeypatch.setattr(docx.document.Document, "save", broken_save)
    db = open_database(demo_copy)
    try:
        with pytest.raises(safe_write.DiskFullError):  # said so, in Vietnamese
            export(db, "report", target, ExportOptions(today=TODAY))
    finally:
        db.close()
    assert target.read_bytes() == b"yesterday's report"
    assert _strays(tmp_path) == []


def test_target_open_in_word_gives_vietnamese_message(tmp_path, monkeypatch):
    target = tmp_path / "bao-cao.docx"
    target.write_bytes(b"open in Word")

    def locked(src, dst):
        raise PermissionError(13, "The process cannot access the file", str(dst))

    monkeypatch.setattr(safe_write.os, "replace", locked)
    with pytest.raises(FileLockedError) as info:
        atomic_write(target, lambda tmp: tmp.write_bytes(b"new"))
    message = str(info.value)
    assert "đang được mở trong Word" in message and "lưu với tên khác" in message
    assert "(the file is open in another program)" in message
    assert info.value.path == target
    assert target.read_bytes() == b"open in Word"
    assert _strays(tmp_path) == []


def test_locked_target_is_reported_before_the_work(demo_copy, tmp_path, monkeypatch):
    """Word on Windows refuses opening its file for writing: we say so before exporting."""
    from gbapp.store import open_database

    target = tmp_path / "phu-luc.docx"
    target.write_bytes(b"open in Word")
    _open_in_word(monkeypatch, target)
    db = open_database(demo_copy)
    try:
        with pytest.raises(FileLockedError):
            export(db, "appendix", target, ExportOptions())
    finally:
        db.close()
    assert target.read_bytes() == b"open in Word"


def test_one_letter_open_in_word_stops_the_batch_before_any_is_replaced(demo_copy, tmp_path,
                                                                         monkeypatch):
    from gbapp.store import open_database

    db = open_database(demo_copy)
    try:
        first = export(db, "reminder", tmp_path / "cv.docx",
                       ExportOptions(per_agency=True, today=TODAY))
        assert len(first) >= 3
        before = {p: p.read_bytes() for p in first}
        locked = first[-1]  # the last letter is open in Word
        _open_in_word(monkeypatch, locked)
        with pytest.raises(FileLockedError, match=locked.name.split(" - ")[-1].split(".")[0]):
            export(db, "reminder", tmp_path / "cv.docx",
                   ExportOptions(per_agency=True, today=TODAY, signer="Nguyễn Văn Khác"))
    finally:
        db.close()
    assert {p: p.read_bytes() for p in first} == before  # none half-replaced
    assert _strays(tmp_path) == []


CONTROL = "Nội dung\x0bdán từ Word\x01 có ký tự điều khiển\x07 và\x0c ngắt trang"


@pytest.fixture
def dirty_db(demo_copy, tmp_path):
    """The demo with control characters written straight into the tables (as old data or a
    careless import could leave them), bypassing the store's own cleaning."""
    from gbapp.store import open_database

    path = tmp_path / "dirty.db"
    shutil.copy(demo_copy, path)
    db = open_database(path)
    # (II.1.b is still in progress: the reminder asks for it)
    db.execute("UPDATE items SET title = ? WHERE ref IN ('II.1.a', 'II.1.b')", [CONTROL])
    db.execute("UPDATE items SET text = ? WHERE ref = 'I.2'", [CONTROL])
    db.execute("UPDATE progress_reports SET result = ?, difficulties = ?", [CONTROL, CONTROL])
    db.execute("UPDATE agencies SET name = name || ? WHERE name = 'Sở Y tế'", ["\x0b"])
    db.conn.commit()
    yield db
    db.close()


@pytest.mark.parametrize("kind,kind_check", [("report", "report"), ("appendix", "appendix"),
                                             ("plan", "plan"), ("reminder", "letter")])
def test_control_characters_are_cleaned(dirty_db, tmp_path, kind, kind_check):
    path = export(dirty_db, kind, tmp_path / f"{kind}.docx",
                  ExportOptions(today=TODAY, date=dt.date(2025, 12, 5)))[0]
    document = docx.Document(str(path))
    xml = document.element.xml
    for ch in "\x0b\x01\x07\x0c":
        assert ch not in xml
    body = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "dán từ Word có ký tự điều khiển" in body
    assert run_checker(path, kind_check).returncode == 0


def test_control_characters_in_workbook(dirty_db, tmp_path):
    path = export(dirty_db, "xlsx", tmp_path / "w.xlsx", ExportOptions(today=TODAY))[0]
    wb = openpyxl.load_workbook(path)
    values = [c.value for row in wb["Báo cáo tiến độ"].iter_rows() for c in row
              if isinstance(c.value, str)]
    assert any("dán từ Word" in v for v in values)
    assert not any("\x01" in v or "\x0b" in v for v in values)


def test_gc_pause_is_restored_even_on_failure(tmp_path):
    import gc

    from gbapp.exporters.api import paused_gc

    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with paused_gc():
            assert not gc.isenabled()
            with paused_gc():  # nested (or a second export in another thread)
                assert not gc.isenabled()
            assert not gc.isenabled()
            raise RuntimeError("boom")
    assert gc.isenabled()


def test_plan_items_matches_the_store(demo_copy):
    """documents.plan_items reads items like items.all_items (child_count aside)."""
    import dataclasses

    from gbapp.services.documents import plan_items
    from gbapp.store import items, open_database

    db = open_database(demo_copy)
    try:
        ours, theirs = plan_items(db, 1), items.all_items(db, 1)
    finally:
        db.close()
    assert [dataclasses.replace(i, child_count=0) for i in theirs] == ours


def test_a_folder_that_cannot_be_written_is_said_in_vietnamese(tmp_path, monkeypatch):
    # the message ended in English: «Không ghi được vào thư mục «/sys»: Permission denied»
    import tempfile

    from gbapp.exporters.safe_write import FolderNotWritableError, atomic_write

    def refuse(*_a, **_k):
        raise PermissionError(13, "Permission denied", str(tmp_path))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(FolderNotWritableError) as caught:
        atomic_write(tmp_path / "bc.docx", lambda p: p.write_bytes(b"x"))
    message = str(caught.value).split(" (")[0]
    assert "Permission denied" not in message and "không có quyền ghi" in message
