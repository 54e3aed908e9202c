"""The command line, run as a user runs it: a real process, real files."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from gbapp import __version__
from gbapp.paths import resource

PLAN93 = resource("demo", "plan93_quangngai_2025.txt")


def gbapp(*args, **kw):
    return subprocess.run([sys.executable, "-m", "gbapp", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, **kw)


def test_version():
    out = gbapp("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"gbapp {__version__}"


def test_import_json_has_the_documented_shape():
    out = gbapp("import", str(PLAN93), "--dry-run", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    plan = data["plan"]
    assert {k: plan[k] for k in ("number", "doc_type", "issued_on", "place", "issuer", "signer")} == {
        "number": "93/KH-UBND", "doc_type": "KH", "issued_on": "2025-04-23",
        "place": "Quảng Ngãi", "issuer": "UBND tỉnh Quảng Ngãi", "signer": "Trần Hoàng Tuấn"}
    assert plan["title"].startswith("Triển khai thực hiện công tác bình đẳng giới")
    assert plan["legal_bases"][0]["number"] == "739/BNV-CTTN&BĐG"
    assert plan["legal_bases"][0]["issued_on"] == "2025-03-28"
    first = data["items"][0]
    assert (first["label"], first["title"]) == ("I", "MỤC ĐÍCH, YÊU CẦU")
    assert [c["label"] for c in first["children"]] == ["1", "2"]
    month = data["items"][1]["children"][4]
    assert month["time_frame"] == {"text": month["time_frame"]["text"], "start": "2025-11-15",
                                   "end": "2025-12-15"}


def test_import_then_duplicate_asks_for_replace(tmp_path):
    db = tmp_path / "a.db"
    assert gbapp("import", str(PLAN93), "--db", str(db)).returncode == 0
    again = gbapp("import", str(PLAN93), "--db", str(db))
    assert again.returncode == 1
    assert again.stderr.count("\n") == 1 and "--replace" in again.stderr
    assert gbapp("import", str(PLAN93), "--db", str(db), "--replace").returncode == 0


def test_not_a_plan_gets_one_clear_line(tmp_path):
    junk = tmp_path / "menu.txt"
    junk.write_text("Thực đơn tuần này: cơm, canh, cá kho.\n", encoding="utf-8")
    out = gbapp("import", str(junk), "--db", str(tmp_path / "x.db"))
    assert out.returncode == 1 and out.stderr.startswith("Lỗi: ")
    assert out.stderr.count("\n") == 1
    assert not (tmp_path / "x.db").exists()  # nothing written


def test_demo_without_db_uses_the_data_folder(tmp_path):
    env = {**__import__("os").environ, "GBAPP_DATA_DIR": str(tmp_path / "data")}
    out = gbapp("demo", env=env)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "data" / "demo-kh93-2025.db").is_file()


def test_backup_list_and_restore(tmp_path):
    env = {**__import__("os").environ, "GBAPP_DATA_DIR": str(tmp_path / "data")}
    db = tmp_path / "w.db"
    assert gbapp("demo", "--db", str(db), env=env).returncode == 0
    out = gbapp("backup", "--db", str(db), env=env)
    assert out.returncode == 0 and "Đã sao lưu" in out.stdout
    listing = gbapp("restore", "--db", str(db), env=env)
    assert "1." in listing.stdout and "kế hoạch" in listing.stdout
    restored = gbapp("restore", "1", "--db", str(db), env=env)
    assert restored.returncode == 0 and "Bản an toàn" in restored.stdout


def test_cli_does_not_write_behind_an_open_window(tmp_path):
    """While the desktop app has the database open (it holds the lock), an import or a backup
    from the command line is refused in one line and the file is left as it was; afterwards
    both work."""
    from gbapp.store.lock import DatabaseLock

    db = tmp_path / "kh.db"
    assert gbapp("import", str(PLAN93), "--db", str(db)).returncode == 0
    before = db.read_bytes()
    with DatabaseLock(db):  # as the app's Session does
        for args in (("import", str(PLAN93), "--db", str(db), "--replace"),
                     ("backup", "--db", str(db))):
            result = gbapp(*args)
            assert result.returncode != 0
            assert "đang được mở" in result.stderr and result.stderr.count("\n") == 1
    assert db.read_bytes() == before
    assert gbapp("import", str(PLAN93), "--db", str(db), "--replace").returncode == 0


def test_a_symbolic_link_shares_the_lock_of_its_database(tmp_path):
    import pytest

    from gbapp.store.lock import DatabaseInUseError, DatabaseLock

    db = tmp_path / "kh.db"
    db.write_bytes(b"")
    link = tmp_path / "link.db"
    try:
        link.symlink_to(db)
    except OSError:  # Windows without the symlink privilege: nothing to share
        return
    with DatabaseLock(db), pytest.raises(DatabaseInUseError):
        DatabaseLock(link).acquire()


def test_import_prints_what_to_check_after_it_went_through(tmp_path):
    """The warnings the app's preview shows reach the command line too (after the result, so
    that an error stays one line)."""
    plan = tmp_path / "kh.txt"
    plan.write_text("KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2025\nI. NHIỆM VỤ\n"
                    "1. Tập huấn cán bộ. Sở Nội vụ, Sở Y tế chủ trì thực hiện.\n"
                    "2. Truyền thông. Sở Văn hóa, Thể thao và Du lịch chủ trì.\n",
                    encoding="utf-8")
    out = gbapp("import", str(plan), "--db", str(tmp_path / "x.db"))
    assert out.returncode == 0 and out.stdout.startswith("Đã nhập kế hoạch")
    notes = out.stderr.splitlines()
    assert any(n.startswith("Lưu ý: 1 mục có nhiều cơ quan cùng chủ trì") for n in notes), notes
    assert any(n.startswith("Lưu ý: Không tìm thấy số hiệu văn bản") for n in notes), notes


def test_a_file_error_without_a_file_name_says_no_none(monkeypatch, capsys):
    import gbapp.cli as cli

    def disk_full(args):
        raise OSError(28, "No space left on device")

    def reader_gone(args):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(cli, "cmd_demo", disk_full)
    assert cli.main(["demo", "--db", "x.db"]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert "không đọc/ghi được tệp: No space left on device" in err and "None" not in err
    monkeypatch.setattr(cli, "cmd_demo", reader_gone)  # `gbapp … | head`: nothing to say
    assert cli.main(["demo", "--db", "x.db"]) == cli.EXIT_ERROR
    assert capsys.readouterr().err == ""


def test_demo_never_replaces_a_database_of_the_users_own(tmp_path):
    """A data-safety review: `gbapp --db work.db demo` deleted work.db without a word. The demo
    file itself is still made afresh."""
    import sqlite3

    work = tmp_path / "work.db"
    assert gbapp("import", str(PLAN93), "--db", str(work)).returncode == 0
    out = gbapp("--db", str(work), "demo")
    assert out.returncode == 1 and out.stderr.startswith("Lỗi: ") and "ghi đè" in out.stderr
    with sqlite3.connect(work) as conn:
        assert conn.execute("SELECT number FROM plans").fetchall() == [("93/KH-UBND",)]
        assert conn.execute("SELECT COUNT(*) FROM settings WHERE key = 'demo'").fetchone()[0] == 0
    demo = tmp_path / "demo.db"
    assert gbapp("--db", str(demo), "demo").returncode == 0
    assert gbapp("--db", str(demo), "demo").returncode == 0  # a demo file: made again


def test_replacing_a_plan_from_the_command_line_keeps_a_backup(tmp_path):
    """`import --replace` deletes the old plan's reports and assignments; the app asks and can
    undo, the command line keeps a backup and says where."""
    import os
    import sqlite3

    env = {**os.environ, "GBAPP_DATA_DIR": str(tmp_path / "data")}
    demo = tmp_path / "demo.db"
    assert gbapp("--db", str(demo), "demo", env=env).returncode == 0
    out = gbapp("import", str(PLAN93), "--db", str(demo), "--replace", env=env)
    assert out.returncode == 0, out.stderr
    [line] = [n for n in out.stderr.splitlines() if n.startswith("Đã sao lưu")]
    kept = line.split(": ", 1)[1]
    with sqlite3.connect(kept) as conn:
        assert conn.execute("SELECT COUNT(*) FROM progress_reports").fetchone()[0] > 0
    with sqlite3.connect(demo) as conn:
        assert conn.execute("SELECT COUNT(*) FROM progress_reports").fetchone()[0] == 0


def test_replacing_a_draft_without_a_number_keeps_a_backup_too(tmp_path):
    """A code review: the backup was made only for a numbered plan, while --replace also
    replaces a draft (same title, issuer and date)."""
    import os

    env = {**os.environ, "GBAPP_DATA_DIR": str(tmp_path / "data")}
    draft = tmp_path / "du-thao.txt"
    draft.write_text(
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\nKẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2025\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nNâng cao nhận thức về bình đẳng giới.\n"
        "II. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Tổ chức tập huấn về bình đẳng giới cho cán bộ. Cơ quan "
        "chủ trì: Sở Nội vụ. Thời gian: Quý II/2025.\n", encoding="utf-8")
    db = tmp_path / "a.db"
    assert gbapp("import", str(draft), "--db", str(db), env=env).returncode == 0
    out = gbapp("import", str(draft), "--db", str(db), "--replace", env=env)
    assert out.returncode == 0, out.stderr
    assert "(không số)" in out.stdout
    assert any(n.startswith("Đã sao lưu dữ liệu trước khi thay") for n in out.stderr.splitlines())


def test_export_help_states_the_default_period():
    out = gbapp("export", "--help")
    assert out.returncode == 0, out.stderr
    text = " ".join(out.stdout.split())
    assert ("--period PERIOD báo cáo, công văn: tên hoặc mã kỳ báo cáo (mặc định: như trang "
            "Tổng quan, kỳ đã bắt đầu có hạn báo cáo gần ngày văn bản nhất, trước hoặc sau") in text


@pytest.mark.parametrize("date,kind,expected", [
    ("01/07/2025", "report", "6 tháng đầu năm 2025"),  # the half year, due 10/6
    ("20/12/2025", "report", "Tháng hành động 2025"),  # the action month, due 20/12
    ("20/12/2025", "reminder", "Tháng hành động 2025"),
    # the year's report, due 05/12, being written: not the half year's of June (review)
    ("04/12/2025", "report", "Năm 2025"),
    ("10/12/2025", "reminder", "Năm 2025"),  # chasing the year's, five days late
])
def test_export_defaults_to_the_period_the_overview_shows(demo_db_file, tmp_path, date, kind,
                                                         expected):
    """The period whose report is due nearest to the document's date, as the overview and the
    export dialog choose it (services.overview.default_period)."""
    import shutil

    import docx

    from gbapp.domain.dates import parse_date
    from gbapp.services.overview import default_period
    from gbapp.store import open_database, periods

    db_file = tmp_path / "demo.db"
    shutil.copy(demo_db_file, db_file)
    db = open_database(db_file)
    try:
        chosen = default_period(periods.list_periods(db, 1), parse_date(date))
    finally:
        db.close()
    assert chosen.name == expected
    target = tmp_path / "out.docx"
    out = gbapp("--db", str(db_file), "export", kind, "--out", str(target), "--date", date)
    assert out.returncode == 0, out.stderr
    assert f"Kỳ báo cáo: {expected} (mặc định" in out.stdout
    text = " ".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert expected.lower() in text.lower()


def test_export_refuses_a_file_name_windows_refuses(tmp_path, demo_db_file):
    # "Báo cáo: 6 tháng.docx" gave an English "[WinError 123]" line on Windows
    import shutil

    db_file = tmp_path / "demo.db"
    shutil.copy(demo_db_file, db_file)
    out = gbapp("--db", str(db_file), "export", "report", "--out",
                str(tmp_path / "Báo cáo: 6 tháng.docx"), "--date", "05/12/2025")
    assert out.returncode != 0
    assert "Windows không cho dùng" in out.stderr and "«:»" in out.stderr
    assert not list(tmp_path.glob("*.docx"))


def test_restore_listing_names_the_file_a_backup_was_made_from(tmp_path):
    """A database on a stick that came back under another drive letter (moved here): its
    backups made at the old place are listed, each saying which file it was made from, as the
    restore dialog says it."""
    import shutil

    env = {**__import__("os").environ, "GBAPP_DATA_DIR": str(tmp_path / "data")}
    old = tmp_path / "E" / "w.db"
    old.parent.mkdir()
    assert gbapp("demo", "--db", str(old), env=env).returncode == 0
    assert gbapp("backup", "--db", str(old), env=env).returncode == 0
    new = tmp_path / "F" / "w.db"
    new.parent.mkdir()
    shutil.move(old, new)
    listing = gbapp("restore", "--db", str(new), env=env)
    assert listing.returncode == 0, listing.stderr
    assert f"sao lưu từ tệp «{old}»" in listing.stdout
