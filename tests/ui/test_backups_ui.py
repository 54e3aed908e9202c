"""Backups from the app: made on open, "Sao lưu ra…", restore with a safety copy, a damaged file
restored from the newest good backup, and a second window refused by the lock."""

from __future__ import annotations

import shutil

import pytest

from gbapp.domain.entities import Agency
from gbapp.services.backups import folder_for, list_for
from gbapp.store import agencies, open_database


@pytest.fixture
def db_file(demo_db_file, tmp_path):
    path = tmp_path / "work.db"
    shutil.copy(demo_db_file, path)
    return path


@pytest.fixture
def window(qtbot):
    from gbapp.ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    yield w
    w.close_database()


def test_open_makes_a_backup_in_the_background(window, db_file, qtbot):
    assert window.open_database(db_file)
    qtbot.waitUntil(lambda: len(list_for(db_file)) == 1, timeout=5000)
    [info] = list_for(db_file)
    assert info.reason == "open" and info.counts["plans"] == 1


def test_a_change_right_after_opening_waits_for_the_backup_of_the_file_as_opened(window, db_file):
    """The backup on open is made after the first paint; a change made sooner makes it first."""
    assert window.open_database(db_file)
    assert list_for(db_file) == []  # not yet: the window comes first
    before = len(agencies.list_agencies(window.ctx.db))
    window.ctx.perform("Thêm cơ quan", lambda db: agencies.save(db, Agency(name="Sở Mới")))
    [info] = list_for(db_file)
    assert info.reason == "open" and info.counts["agencies"] == before


def test_backup_to_folder_then_restore_keeps_a_safety_copy(window, db_file, tmp_path, qtbot,
                                                           answers):
    from gbapp.ui.dialogs import backups

    assert window.open_database(db_file)
    qtbot.waitUntil(lambda: len(list_for(db_file)) == 1, timeout=5000)
    target = backups.backup_to_folder(window, str(tmp_path / "usb"))
    assert target is not None and target.parent == tmp_path / "usb" and target.is_file()
    before = len(agencies.list_agencies(window.ctx.db))
    window.ctx.perform("Thêm cơ quan", lambda db: agencies.save(db, Agency(name="Sở Mới")))
    assert len(agencies.list_agencies(window.ctx.db)) == before + 1

    assert backups.restore(window, target)
    assert len(agencies.list_agencies(window.ctx.db)) == before  # the change is gone
    safety = [b for b in list_for(db_file) if b.reason == "safety"]
    assert len(safety) == 1
    copy = open_database(safety[0].path)
    assert any(a.name == "Sở Mới" for a in agencies.list_agencies(copy))  # kept in the safety copy
    copy.close()
    assert "Bản an toàn" in answers.errors[-1]


def test_damaged_file_offers_the_newest_good_backup(window, db_file, qtbot, answers):
    assert window.open_database(db_file)
    qtbot.waitUntil(lambda: len(list_for(db_file)) == 1, timeout=5000)
    window.close_database()
    db_file.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8192)  # a pulled USB stick
    assert window.open_database(db_file)
    assert "bị hỏng" in answers.asked[-1]
    assert window.ctx is not None and len(agencies.list_agencies(window.ctx.db)) > 0
    damaged = list(folder_for(db_file).glob("*safety*"))
    assert damaged and damaged[0].read_bytes().startswith(b"SQLite format 3\x00\xff")


def test_damaged_twice_still_offers_a_good_backup_and_an_emptied_file_too(window, db_file, qtbot,
                                                                         answers):
    """After one restore the newest file in the list is the safety copy of the damaged file:
    a second damage must still be offered the good backup. A file emptied to 0 bytes (a bad
    copy, a sync tool) is not silently made a new empty database."""
    assert window.open_database(db_file)
    qtbot.waitUntil(lambda: len(list_for(db_file)) == 1, timeout=5000)
    plans_before = len(agencies.list_agencies(window.ctx.db))
    window.close_database()
    for damage in (b"SQLite format 3\x00" + b"\xff" * 8192,
                   b"SQLite format 3\x00" + b"\xee" * 8192, b""):
        db_file.write_bytes(damage)
        assert window.open_database(db_file), answers.errors
        assert len(agencies.list_agencies(window.ctx.db)) == plans_before
        window.close_database()
    assert "trống (0 byte)" in answers.asked[-1]


def test_second_window_on_the_same_database_is_refused(qtbot, db_file, answers):
    from gbapp.ui.main_window import MainWindow

    first, second = MainWindow(), MainWindow()
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    assert first.open_database(db_file)
    assert not second.open_database(db_file)
    assert "đang được mở" in answers.errors[-1]
    first.close_database()
    assert second.open_database(db_file)  # free again once the first closes
    second.close_database()


def test_a_failed_automatic_backup_is_told_not_only_logged(window, db_file, answers, tmp_path):
    """The data folder cannot take backups (full, or not writable): the edit still happens,
    and the user is told that there is no new backup."""
    from gbapp import paths

    blocker = paths.data_dir() / "backups"
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("")  # a file where the backups folder should be: every backup fails
    assert window.open_database(db_file)
    window.ctx.perform("Thêm cơ quan", lambda db: agencies.save(db, Agency(name="Sở Mới")))
    assert any(a.name == "Sở Mới" for a in agencies.list_agencies(window.ctx.db))
    assert answers.errors and "chưa có bản sao lưu mới" in answers.errors[-1]


def test_restoring_the_oldest_backup_of_a_full_rotation_keeps_it(window, db_file, qtbot, answers):
    """A data-safety review: with the rotation full and a change made, closing the file for
    the restore made a "close" backup whose pruning deleted the oldest backup, the one the
    user had chosen, and the restore failed with an English "No such file"."""
    import datetime as dt

    from gbapp.services.backups import DEFAULT_KEEP, backup_now
    from gbapp.ui.dialogs import backups

    start = dt.datetime(2025, 1, 1, 8, 0)
    for day in range(DEFAULT_KEEP):
        backup_now(db_file, db_file, reason="close", now=start + dt.timedelta(days=day))
    assert window.open_database(db_file)
    before = len(agencies.list_agencies(window.ctx.db))
    window.ctx.perform("Thêm cơ quan", lambda db: agencies.save(db, Agency(name="Sở Mới")))
    chosen = [b for b in list_for(db_file) if b.reason != "safety"][-1].path
    assert backups.restore(window, chosen)
    assert chosen.exists()
    assert len(agencies.list_agencies(window.ctx.db)) == before
    assert "Đã khôi phục" in answers.errors[-1] or "Bản an toàn" in answers.errors[-1]
    safety = [b for b in list_for(db_file) if b.reason == "safety"]
    copy = open_database(safety[0].path)
    assert any(a.name == "Sở Mới" for a in agencies.list_agencies(copy))  # nothing lost
    copy.close()


def test_save_copy_never_replaces_a_file_open_elsewhere_and_backs_up_what_it_replaces(
        window, db_file, tmp_path):
    """"Lưu bản sao…" over a database another gbapp window has open replaced it under that
    window; over any other gbapp database it replaced it with no way back."""
    from gbapp.store.database import DatabaseError
    from gbapp.store.lock import DatabaseLock
    from gbapp.ui.models import session

    assert window.open_database(db_file)
    other = tmp_path / "other.db"
    db = open_database(other)
    agencies.save(db, Agency(name="Chỉ có ở tệp kia"))
    db.conn.commit()
    db.close()
    with DatabaseLock(other):  # another window has it open
        with pytest.raises(DatabaseError):
            session.save_copy(window.ctx.db.conn, other)
    copy = open_database(other)
    assert any(a.name == "Chỉ có ở tệp kia" for a in agencies.list_agencies(copy))
    copy.close()
    session.save_copy(window.ctx.db.conn, other)  # not open anywhere: replaced, backed up first
    [kept] = [b for b in list_for(other) if b.reason == "replace"]
    old = open_database(kept.path)
    assert any(a.name == "Chỉ có ở tệp kia" for a in agencies.list_agencies(old))
    old.close()


def test_the_restore_list_marks_a_backup_stamped_ahead_of_the_clock(qtbot, tmp_path):
    """Listed last (services.backups.list_for) and marked, with the reason in a tool tip: a
    date later than those above it would otherwise look like a mistake in the list."""
    import datetime as dt

    from gbapp.store.backup import list_backups, make_backup
    from gbapp.ui.dialogs.backups import RestoreDialog

    path = tmp_path / "w.db"
    open_database(path).close()
    folder = tmp_path / "b"
    make_backup(path, path, folder, now=dt.datetime(2099, 1, 1, 8, 0, 0))
    make_backup(path, path, folder, now=dt.datetime(2025, 5, 1, 8, 0, 0))
    dialog = RestoreDialog(list_backups(folder, "w"))
    qtbot.addWidget(dialog)
    first, last = dialog.table.item(0, 0), dialog.table.item(1, 0)
    assert first.text() == "01/05/2025 08:00:00" and not first.toolTip()
    assert last.text() == "01/01/2099 08:00:00 (*)" and "đồng hồ máy" in last.toolTip()
    assert dialog.value().created.year == 2025  # the newest real one is chosen at first


def test_a_failed_backup_on_close_is_told_not_only_logged(window, db_file, answers):
    """Closing after an edit backs the file up; when that fails (the data folder full or not
    writable) the file still closes, with every change in it, and the user is told."""
    from gbapp import paths

    assert window.open_database(db_file)
    window.session._backup_on_open(wait=True)  # the backup of the file as opened, made
    window.ctx.perform("Thêm cơ quan", lambda db: agencies.save(db, Agency(name="Sở Mới")))
    assert not answers.errors
    shutil.rmtree(paths.data_dir() / "backups")
    (paths.data_dir() / "backups").write_text("")  # a file where the folder should be
    window.close_database()
    assert window.session is None
    assert answers.errors and "khi đóng «work.db»" in answers.errors[-1]
    assert "đã được lưu trong tệp" in answers.errors[-1]
    db = open_database(db_file)
    assert any(a.name == "Sở Mới" for a in agencies.list_agencies(db))
    db.close()


def test_save_copy_onto_a_full_disk_says_so_in_vietnamese(tmp_path, monkeypatch):
    """«Lưu bản sao…» onto a full stick showed SQLite's "database or disk is full"."""
    import sqlite3

    from gbapp.store import backup
    from gbapp.store.backup import BackupError
    from gbapp.ui.models import session

    path = tmp_path / "w.db"
    db = open_database(path)

    def full(_source, _target):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup, "copy_database", full)
    try:
        with pytest.raises(BackupError, match="ổ đĩa đã đầy") as raised:
            session.save_copy(db.conn, tmp_path / "usb" / "copy.db")
    finally:
        db.close()
    assert "Tệp đang mở vẫn nguyên vẹn" in str(raised.value)
    assert not (tmp_path / "usb" / "copy.db").exists()
    assert not list((tmp_path / "usb").glob("*.lock"))
