"""Backups: made with the backup API, listed with counts, pruned; restore makes a safety copy."""

from __future__ import annotations

import datetime as dt

import pytest

from gbapp.domain.entities import Agency
from gbapp.store import agencies, open_database
from gbapp.store.backup import (
    BackupError,
    list_backups,
    make_backup,
    prune,
    prune_safety,
    restore,
)


def test_backup_change_restore_round_trip(tmp_path):
    path = tmp_path / "work.db"
    folder = tmp_path / "backups"
    db = open_database(path)
    agencies.save(db, Agency(name="Sở Nội vụ"))
    backup = make_backup(db.conn, path, folder, now=dt.datetime(2025, 12, 1, 8, 30))
    agencies.save(db, Agency(name="Sở Y tế"))  # a change after the backup
    db.close()

    [info] = list_backups(folder, "work")
    assert info.path == backup and info.counts["agencies"] == 1
    assert info.created == dt.datetime(2025, 12, 1, 8, 30)
    assert "01/12/2025 08:30:00" in info.describe() and "1 cơ quan" in info.describe()

    safety = restore(backup, path, folder)
    db = open_database(path)
    assert [a.name for a in agencies.list_agencies(db)] == ["Sở Nội vụ"]
    db.close()
    # The safety copy holds the state just before the restore, and is listed as such.
    safe_db = open_database(safety)
    assert sorted(a.name for a in agencies.list_agencies(safe_db)) == ["Sở Nội vụ", "Sở Y tế"]
    safe_db.close()
    assert any(b.reason == "safety" for b in list_backups(folder, "work"))


def test_prune_keeps_newest_and_never_safety_copies(tmp_path):
    path = tmp_path / "w.db"
    open_database(path).close()
    folder = tmp_path / "b"
    made = [make_backup(path, path, folder, now=dt.datetime(2025, 1, d)) for d in range(1, 6)]
    make_backup(path, path, folder, reason="safety", now=dt.datetime(2024, 1, 1))
    gone = prune(folder, "w", keep=2)
    assert sorted(gone) == sorted(made[:3])
    left = list_backups(folder, "w")
    assert [b.created.day for b in left if b.reason != "safety"] == [5, 4]
    assert any(b.reason == "safety" for b in left)


def test_prune_removes_damaged_backups_older_than_those_kept(tmp_path):
    """A backup file that does not open is never offered, so it would stay forever: it goes once
    older than every backup kept; a newer one stays (it may be a copy still being written)."""
    path = tmp_path / "w.db"
    open_database(path).close()
    folder = tmp_path / "b"
    made = [make_backup(path, path, folder, now=dt.datetime(2025, 1, d)) for d in range(2, 6)]
    old_bad, new_bad = folder / "w-20250101-000000.db", folder / "w-20250301-000000.db"
    for bad in (old_bad, new_bad):
        bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 100)
    gone = prune(folder, "w", keep=2)
    assert sorted(gone) == sorted([*made[:2], old_bad])
    assert new_bad.exists() and all(p.exists() for p in made[2:])


def test_backups_made_in_the_same_second_are_ordered_as_made(tmp_path):
    """unique_target numbers them (none, -2, … -11): the newest is the highest counter, so
    pruning keeps the ones made last, not the first by the accident of text order."""
    path = tmp_path / "w.db"
    open_database(path).close()
    folder = tmp_path / "b"
    when = dt.datetime(2025, 1, 1, 8, 0, 0)
    made = [make_backup(path, path, folder, now=when) for _ in range(11)]
    assert [b.path for b in list_backups(folder, "w")] == made[::-1]
    prune(folder, "w", keep=3)
    assert [b.path for b in list_backups(folder, "w")] == made[:-4:-1]
    # The names pruning freed are not taken again: the next one is still the newest.
    newer = make_backup(path, path, folder, now=when, keep=3)
    assert [b.path for b in list_backups(folder, "w")] == [newer, *made[:-3:-1]]
    assert newer.name == "w-20250101-080000-12.db"


def test_prune_safety_keeps_the_newest_copies_and_the_spared_ones_only(tmp_path):
    path = tmp_path / "w.db"
    open_database(path).close()
    folder = tmp_path / "b"
    ordinary = [make_backup(path, path, folder, now=dt.datetime(2025, 1, d)) for d in (1, 2)]
    copies = [make_backup(path, path, folder, reason="safety", now=dt.datetime(2025, 2, d))
              for d in range(1, 8)]
    damaged = folder / "w-20250301-000000-safety.db"  # the raw bytes of a damaged file
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4096)
    just_made = make_backup(path, path, folder, reason="safety", now=dt.datetime(2024, 1, 1))
    other = make_backup(path, tmp_path / "other.db", folder, reason="safety",
                        now=dt.datetime(2020, 1, 1))

    gone = prune_safety(folder, "w", keep=3, spare=(just_made, None))
    # The one just made counts as one of the three, however old its clock says it is; the
    # unreadable copy is rotated by its name like the others.
    left = sorted(p for p in folder.iterdir() if "safety" in p.name and p.stem.startswith("w-"))
    assert left == sorted([just_made, damaged, copies[-1]])
    assert sorted(gone) == sorted(copies[:-1])
    assert all(p.exists() for p in [*ordinary, other])  # other backups, other databases: untouched


def test_many_restores_keep_the_newest_safety_copies_and_every_backup(tmp_path, monkeypatch):
    from gbapp.services.backups import SAFETY_KEEP, backup_now, folder_for, list_for
    from gbapp.services.backups import restore as restore_file

    monkeypatch.setenv("GBAPP_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "w.db"
    db = open_database(path)
    agencies.save(db, Agency(name="Sở Nội vụ"))
    db.close()
    backups = [backup_now(path, path, reason="close", now=dt.datetime(2025, 5, 1, 8, 0, s))
               for s in range(3)]
    made = [restore_file(backups[n % 3], path)  # many in the same second
            for n in range(SAFETY_KEEP + 5)]
    assert len(set(made)) == len(made)

    safety = [b.path for b in list_for(path) if b.reason == "safety"]
    assert safety == made[:-SAFETY_KEEP - 1:-1]  # the newest ones, newest first
    assert [b.path for b in list_for(path) if b.reason != "safety"] == backups[::-1]
    # A clock set back: the copy just made is kept although its stamp is the oldest.
    older = restore_file(backups[0], path, now=dt.datetime(2001, 1, 1))
    safety = [b.path for b in list_for(path) if b.reason == "safety"]
    assert len(safety) == SAFETY_KEEP and older in safety and made[-SAFETY_KEEP] not in safety
    assert len(list(folder_for(path).glob("*safety*"))) == SAFETY_KEEP


def test_going_back_to_the_oldest_safety_copy_keeps_it(tmp_path, monkeypatch):
    from gbapp.services.backups import SAFETY_KEEP, backup_now, list_for
    from gbapp.services.backups import restore as restore_file

    monkeypatch.setenv("GBAPP_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "w.db"
    open_database(path).close()
    backup = backup_now(path, path, now=dt.datetime(2025, 5, 1))
    made = [restore_file(backup, path, now=dt.datetime(2025, 6, 1, 8, 0, s))
            for s in range(SAFETY_KEEP)]
    new = restore_file(made[0], path, now=dt.datetime(2025, 6, 2))
    safety = {b.path for b in list_for(path) if b.reason == "safety"}
    assert safety == {new, made[0], *made[2:]}  # the second oldest made room

def test_restore_refuses_a_damaged_backup_and_keeps_the_database(tmp_path):
    path = tmp_path / "w.db"
    db = open_database(path)
    agencies.save(db, Agency(name="Sở Nội vụ"))
    db.close()
    before = path.read_bytes()
    bad = tmp_path / "w-20250101-000000.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    with pytest.raises(BackupError):
        restore(bad, path, tmp_path / "b")
    assert path.read_bytes() == before


def test_automatic_backups_keep_the_configured_count(tmp_path, monkeypatch):
    from gbapp.services.backups import backup_now, list_for
    from gbapp.store import settings

    monkeypatch.setenv("GBAPP_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "w.db"
    db = open_database(path)
    org = settings.load(db)
    org.backup_keep = "3"
    settings.save(db, org)
    db.close()
    for second in range(6):
        backup_now(path, path, now=dt.datetime(2025, 5, 1, 8, 0, second))
    assert [b.created.second for b in list_for(path)] == [5, 4, 3]


def test_opening_an_unchanged_file_does_not_push_older_backups_out(tmp_path, monkeypatch):
    """Twenty-one opens without an edit keep the backup that still holds the deleted plan's
    predecessor state; an edit makes the next open back up again."""
    from gbapp.services.backups import backup_now, list_for
    from gbapp.store import changelog

    monkeypatch.setenv("GBAPP_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "w.db"
    db = open_database(path)
    with changelog.action(db, "Thêm cơ quan"):
        agencies.save(db, Agency(name="Sở Nội vụ"))
    db.close()
    backup_now(path, path, reason="open", now=dt.datetime(2025, 5, 1, 8, 0, 0))
    for second in range(1, 22):  # opened 21 times, nothing changed
        backup_now(path, path, reason="open", now=dt.datetime(2025, 5, 1, 8, 1, second))
    assert [b.created for b in list_for(path)] == [dt.datetime(2025, 5, 1, 8, 0, 0)]
    db = open_database(path)
    with changelog.action(db, "Thêm cơ quan"):
        agencies.save(db, Agency(name="Sở Y tế"))
    db.close()
    backup_now(path, path, reason="open", now=dt.datetime(2025, 5, 2, 8, 0, 0))
    assert [b.counts["agencies"] for b in list_for(path)] == [2, 1]


def test_a_damaged_file_is_offered_an_intact_backup_never_a_safety_copy(tmp_path, monkeypatch):
    from gbapp.services.backups import backup_now, folder_for, list_for, newest_good

    monkeypatch.setenv("GBAPP_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "w.db"
    db = open_database(path)
    agencies.save(db, Agency(name="Sở Nội vụ"))
    db.close()
    good = backup_now(path, path, reason="close", now=dt.datetime(2025, 5, 1, 8, 0, 0))
    damaged = backup_now(path, path, reason="close", now=dt.datetime(2025, 5, 1, 9, 0, 0))
    data = bytearray(damaged.read_bytes())
    data[100_000:110_000] = b"\xff" * 10_000  # damaged in the middle: listed, not intact
    damaged.write_bytes(bytes(data))
    restore(good, path, folder_for(path))  # leaves a newer safety copy behind
    listed = list_for(path)
    assert listed[0].reason == "safety" and damaged in [b.path for b in listed]  # both newer
    found = newest_good(path)
    assert found is not None and found.path == good


# -- a data-safety review's findings -------------------------------------------------------


def test_a_pc_clock_set_back_keeps_each_new_backup(tmp_path):
    """An offline PC with a dead clock battery: the new backup's time stamp is the oldest, and
    the rotation deleted it as soon as it was made."""
    path = tmp_path / "work.db"
    folder = tmp_path / "backups"
    db = open_database(path)
    for day in range(3):
        make_backup(db.conn, path, folder, keep=3, now=dt.datetime(2026, 5, 1 + day))
    agencies.save(db, Agency(name="Sở Mới"))
    db.conn.commit()
    new = make_backup(db.conn, path, folder, keep=3, now=dt.datetime(2000, 1, 1))
    assert new.exists() and new in [b.path for b in list_backups(folder, "work")]
    assert len(list_backups(folder, "work")) == 3
    # more backups while the clock is wrong: each is kept, and the ones made before the clock
    # went back (stamped later) go first (a code review: each new one deleted the last)
    later = make_backup(db.conn, path, folder, keep=3, now=dt.datetime(2000, 1, 2))
    kept = {b.path for b in list_backups(folder, "work")}
    assert {new, later} <= kept and len(kept) == 3
    db.close()


def test_a_full_disk_during_a_backup_or_restore_says_so_in_vietnamese(tmp_path, monkeypatch):
    import sqlite3

    from gbapp.store import backup

    path = tmp_path / "work.db"
    db = open_database(path)
    good = make_backup(db.conn, path, tmp_path / "b", now=dt.datetime(2026, 1, 1))

    def full(*_a, **_k):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup, "copy_database", full)
    with pytest.raises(BackupError, match="ổ đĩa đã đầy"):
        make_backup(db.conn, path, tmp_path / "b")
    db.close()
    with pytest.raises(BackupError, match="ổ đĩa đã đầy.*nguyên vẹn"):
        restore(good, path, tmp_path / "safety")


def test_a_backup_of_a_newer_gbapp_is_not_restored(tmp_path):
    """Restored, it was reported done, and then the file would not open."""
    path = tmp_path / "work.db"
    newer = tmp_path / "newer.db"
    open_database(newer).close()
    import sqlite3

    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 99")
    open_database(path).close()
    before = path.read_bytes()
    with pytest.raises(BackupError, match="phiên bản gbapp mới hơn"):
        restore(newer, path, tmp_path / "safety")
    assert path.read_bytes() == before


def test_a_folder_or_a_damaged_file_gets_a_vietnamese_message(tmp_path):
    from gbapp.store.database import DamagedDatabaseError, NotADatabaseError

    folder = tmp_path / "kehoach.db"
    folder.mkdir()
    with pytest.raises(NotADatabaseError, match="là một thư mục"):
        open_database(folder)
    path = tmp_path / "work.db"
    db = open_database(path)
    for n in range(300):
        agencies.save(db, Agency(name=f"Cơ quan {n}"))
    db.conn.commit()
    db.close()
    data = bytearray(path.read_bytes())
    data[4096 * 3:4096 * 3 + 200] = b"\xff" * 200  # a page of a table damaged
    path.write_bytes(bytes(data))
    with pytest.raises(DamagedDatabaseError) as err:
        open_database(path)
    message = str(err.value)
    assert "\n" not in message and message.startswith("Cơ sở dữ liệu «work.db» bị hỏng")


def test_a_file_damaged_while_open_is_reported_as_damaged_not_as_a_bug(tmp_path):
    """A failing USB stick damages the file under the open app: the save fails with a message
    that sends the user to the backups, not the crash dialog ("data saved is not affected")."""
    from gbapp.store import changelog
    from gbapp.store.database import DamagedDatabaseError

    path = tmp_path / "work.db"
    db = open_database(path)
    for n in range(300):
        agencies.save(db, Agency(name=f"Cơ quan {n}"))
    db.conn.commit()
    size = path.stat().st_size
    with open(path, "r+b") as fh:  # every page but the first overwritten behind SQLite's back
        fh.seek(24)
        counter = int.from_bytes(fh.read(4), "big")
        fh.seek(24)  # (and the change counter moved on: SQLite reads the pages again)
        fh.write((counter + 1).to_bytes(4, "big"))
        fh.seek(4096)
        fh.write(b"\xff" * (size - 4096))
    with pytest.raises(DamagedDatabaseError, match="bị hỏng trong khi đang dùng"):
        with changelog.action(db, "save", "agency"):
            agencies.save(db, Agency(name="Sở Mới"))
    db.close()


# -- backups of a file gone bad, copies cut short, a clock that ran ahead ----------------


def _damage(path):
    """Damage a database in the middle (as a failing disk would): it still opens and counts
    its rows, but SQLite's check fails."""
    data = bytearray(path.read_bytes())
    data[100_000:110_000] = b"\xff" * 10_000
    path.write_bytes(bytes(data))


def test_the_rotation_never_pushes_out_the_last_intact_backup(tmp_path):
    """A database damaged unnoticed is backed up damaged on every close: after *keep* closes
    the rotation would have deleted every good backup. The newest intact one stays."""
    path = tmp_path / "w.db"
    folder = tmp_path / "b"
    db = open_database(path)
    agencies.save(db, Agency(name="Sở Nội vụ"))
    db.close()
    good = [make_backup(path, path, folder, keep=3, now=dt.datetime(2025, 1, d)) for d in (1, 2, 3)]
    _damage(path)
    bad = [make_backup(path, path, folder, keep=3, now=dt.datetime(2025, 1, d))
           for d in range(4, 9)]
    left = [b.path for b in list_backups(folder, "w")]
    assert left == [bad[-1], bad[-2], bad[-3], good[-1]]
    # once intact backups are made again, the rotation is the usual one
    path.unlink()
    db = open_database(path)
    db.close()
    fresh = [make_backup(path, path, folder, keep=3, now=dt.datetime(2025, 2, d))
             for d in (1, 2, 3)]
    assert [b.path for b in list_backups(folder, "w")] == fresh[::-1]


def test_copies_cut_short_are_removed_once_stale(tmp_path, monkeypatch):
    """A backup or restore killed halfway leaves "….db.part": in the backups folder it goes at
    the next backup, beside the database at the next opening; a fresh one (a copy perhaps
    still being written) stays."""
    import os
    import time

    from gbapp.services.backups import backup_now, folder_for

    monkeypatch.setenv("GBAPP_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "w.db"
    open_database(path).close()
    folder = folder_for(path)
    folder.mkdir(parents=True)
    old_part = folder / "w-20250101-080000.db.part"
    new_part = folder / "w-20250101-090000.db.part"
    other_db = folder / "other-20250101-080000.db.part"
    beside = tmp_path / "w.db.part"
    for part in (old_part, new_part, other_db, beside):
        part.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    two_hours_ago = time.time() - 7200
    for part in (old_part, other_db, beside):
        os.utime(part, (two_hours_ago, two_hours_ago))
    backup_now(path, path, reason="close", now=dt.datetime(2025, 5, 1, 8, 0, 0))
    assert not old_part.exists() and new_part.exists() and other_db.exists()
    assert beside.exists()  # only an opening (the file locked by this session) tidies it
    backup_now(path, path, reason="open", now=dt.datetime(2025, 5, 1, 9, 0, 0))
    assert not beside.exists() and path.exists()


def test_backups_stamped_ahead_of_the_clock_are_listed_as_older(tmp_path, monkeypatch):
    """Made while the PC's clock was ahead, then set right: a restore must offer the backups
    made since first, and a damaged file the newest of those, not the one stamped 2099."""
    from gbapp.services.backups import backup_now, list_for, newest_good

    monkeypatch.setenv("GBAPP_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "w.db"
    db = open_database(path)
    agencies.save(db, Agency(name="Sở Nội vụ"))
    db.close()
    ahead = backup_now(path, path, reason="close", now=dt.datetime(2099, 1, 1, 8, 0, 0))
    db = open_database(path)
    agencies.save(db, Agency(name="Sở Y tế"))
    db.close()
    since = backup_now(path, path, reason="close", now=dt.datetime(2025, 5, 1, 8, 0, 0))
    listed = list_for(path)
    assert [b.path for b in listed] == [since, ahead]
    assert listed[0].counts["agencies"] == 2
    assert not listed[0].future and listed[1].future
    assert "đồng hồ máy" in listed[1].describe() and "đồng hồ" not in listed[0].describe()
    found = newest_good(path)
    assert found is not None and found.path == since


def test_an_old_backup_open_elsewhere_does_not_fail_the_new_one(tmp_path, monkeypatch):
    """On Windows an old backup open in another program (an antivirus scan) cannot be deleted:
    the rotation raised, and the new backup, made, was reported as failed."""
    from pathlib import Path

    path = tmp_path / "w.db"
    folder = tmp_path / "b"
    open_database(path).close()
    made = [make_backup(path, path, folder, keep=2, now=dt.datetime(2025, 1, d)) for d in (1, 2)]
    real_unlink = Path.unlink

    def busy(self, *args, **kwargs):
        if self == made[0]:
            raise PermissionError(13, "The process cannot access the file")
        return real_unlink(self, *args, **kwargs)

    monkeypatch.setattr(Path, "unlink", busy)
    new = make_backup(path, path, folder, keep=2, now=dt.datetime(2025, 1, 3))
    assert new.exists() and made[0].exists()  # kept for now, gone at a later rotation
    monkeypatch.setattr(Path, "unlink", real_unlink)
    make_backup(path, path, folder, keep=2, now=dt.datetime(2025, 1, 4))
    assert not made[0].exists()


def test_restore_onto_a_full_backups_disk_says_so_and_leaves_no_cut_short_copy(tmp_path,
                                                                                monkeypatch):
    """The safety copy made before a restore could not be written (the backups' disk full):
    SQLite's "disk is full" was taken for a damaged database, its bytes were written raw, and
    a cut-short "…-safety.db" stayed, with "[Errno 28] No space left on device" as the only
    message."""
    import errno
    import sqlite3
    from pathlib import Path

    from gbapp.store import backup

    path = tmp_path / "w.db"
    db = open_database(path)
    agencies.save(db, Agency(name="Sở Nội vụ"))
    db.close()
    good = make_backup(path, path, tmp_path / "b", now=dt.datetime(2025, 1, 1))
    before = path.read_bytes()
    real_copy = backup.copy_database

    def full_for_the_safety_copy(source, target):
        if target.name.endswith("-safety.db"):
            raise sqlite3.OperationalError("database or disk is full")
        return real_copy(source, target)

    monkeypatch.setattr(backup, "copy_database", full_for_the_safety_copy)
    with pytest.raises(BackupError, match="ổ đĩa đã đầy") as raised:
        restore(good, path, tmp_path / "safety")
    assert "Chưa khôi phục gì" in str(raised.value)
    assert path.read_bytes() == before
    assert not [p for p in (tmp_path / "safety").iterdir()]

    # a damaged current file is kept as raw bytes: a full disk there leaves nothing either
    def damaged(source, target):
        if target.name.endswith("-safety.db"):
            raise sqlite3.DatabaseError("file is not a database")
        return real_copy(source, target)

    real_write = Path.write_bytes

    def no_room(self, data):
        real_write(self, data[:100])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup, "copy_database", damaged)
    monkeypatch.setattr(Path, "write_bytes", no_room)
    with pytest.raises(BackupError, match="ổ đĩa đã đầy"):
        restore(good, path, tmp_path / "safety")
    assert not [p for p in (tmp_path / "safety").iterdir()]
    assert path.read_bytes() == before
