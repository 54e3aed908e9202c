"""Backups belong to the database, not to the path it was at.

A clerk keeps the database on a USB stick: E: today, F: tomorrow, or the file moved to another
folder. Keyed by the full path, its earlier backups were no longer found, restore offered
nothing, and they were never pruned. The database now carries an identity (setting 'db.id',
migration m008), each backup folder records whose backups it holds and the path they were made
from, and the backups of a database are those of every folder with its identity.

A drive letter that changes is a path that changes: moving the file between two folders of
tmp_path is the same thing to gbapp, and is what these tests do.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from gbapp.domain.entities import Agency
from gbapp.services import backups
from gbapp.store import agencies, open_database, settings
from gbapp.store import backup as store_backup

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _at(minute: int, day: int = 1) -> dt.datetime:
    return dt.datetime(2025, 3, day, 8, minute)


def _new(path: Path, *names: str, keep: int = 20) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(path)
    settings.set_value(db, "org.backup_keep", str(keep))
    for name in names:
        agencies.save(db, Agency(name=name))
    db.conn.commit()
    db.close()
    return path


def _add(path: Path, name: str) -> None:
    db = open_database(path)
    agencies.save(db, Agency(name=name))
    db.conn.commit()
    db.close()


def _names(path: Path) -> list[str]:
    db = open_database(path)
    try:
        return sorted(a.name for a in agencies.list_agencies(db))
    finally:
        db.close()


def _made(path: Path, minute: int, day: int = 1) -> Path:
    """An automatic backup of *path* at 08:<minute>, after a change (so one is made)."""
    _add(path, f"Cơ quan {day}-{minute}")
    return backups.backup_now(path, path, reason="close", now=_at(minute, day))


def test_a_database_carries_one_identity_made_once_and_copied_with_it(tmp_path):
    path = _new(tmp_path / "kh.db")
    first = store_backup.database_id(path)
    assert first is not None and len(first) == 16
    assert store_backup.database_id(_new(path)) == first  # opened again: the same
    other = store_backup.database_id(_new(tmp_path / "other.db"))
    assert other is not None and other != first
    copy = tmp_path / "copy.db"
    shutil.copy(path, copy)
    assert store_backup.database_id(copy) == first
    # a database of an older gbapp gets one when upgraded
    old = tmp_path / "old.db"
    shutil.copy(FIXTURES / "schema-7.db", old)
    assert store_backup.database_id(old) is None
    open_database(old).close()
    assert store_backup.database_id(old) not in (None, first)
    # none to read: not there, emptied, not a database
    (tmp_path / "empty.db").write_bytes(b"")
    (tmp_path / "text.db").write_text("x")
    for path in ("missing.db", "empty.db", "text.db"):
        assert store_backup.database_id(tmp_path / path) is None


def test_a_file_that_moved_keeps_its_backups_and_they_rotate_together(tmp_path):
    """E:\\kh.db today, F:\\kh.db tomorrow: its backups are found, restored from, and those made
    at E: leave the rotation as new ones are made at F: (its newest stays: see the next test)."""
    e_path = _new(tmp_path / "E" / "kh.db", "Sở Nội vụ", keep=3)
    at_e = [_made(e_path, minute) for minute in range(3)]
    f_path = tmp_path / "F" / "kh.db"
    f_path.parent.mkdir()
    shutil.move(e_path, f_path)

    listed = backups.list_for(f_path)
    assert [b.path for b in listed] == at_e[::-1]
    assert {b.source for b in listed} == {str(e_path)}
    assert backups.newest_good(f_path).path == at_e[-1]

    at_f = [_made(f_path, minute) for minute in range(3, 6)]
    assert backups.folder_for(f_path) != backups.folder_for(e_path) == at_e[0].parent
    assert [b.path for b in backups.list_for(f_path)] == [*at_f[::-1], at_e[-1]]
    assert not at_e[0].exists() and not at_e[1].exists()
    assert [b.source for b in backups.list_for(f_path)] == [str(f_path)] * 3 + [str(e_path)]

    # restored from a backup made at E: the file is still the same database, its backups its own
    before = _names(f_path)
    safety = backups.restore(at_e[-1], f_path)
    assert safety.parent == backups.folder_for(f_path)
    assert _names(f_path) == sorted(["Sở Nội vụ", *(f"Cơ quan 1-{m}" for m in range(3))])
    assert _names(f_path) != before
    assert store_backup.database_id(f_path) == store_backup.database_id(at_e[-1])
    assert safety in [b.path for b in backups.list_for(f_path)]


def test_a_copy_shares_the_identity_its_backups_are_listed_labelled_and_kept(tmp_path):
    """A copy made with Tệp → Lưu bản sao (or in Explorer) is the same database: the restore
    list shows the backups of both, each with the file it was made from. But a copy still in
    use goes its own way: its backups never rotate the other's out, and a damaged file is
    offered its own backups, not the other copy's."""
    office = _new(tmp_path / "office" / "kh.db", "Sở Nội vụ", keep=2)
    usb = tmp_path / "usb" / "kh.db"
    db = open_database(office)
    store_backup.copy_database(db.conn, usb)  # what Tệp → Lưu bản sao does
    db.close()
    explorer = tmp_path / "docs" / "kh - Copy.db"
    explorer.parent.mkdir()
    shutil.copy(office, explorer)

    of_usb = _made(usb, 0)
    of_explorer = _made(explorer, 1)
    of_office = [_made(office, minute) for minute in range(2, 6)]
    for path in (office, usb, explorer):
        listed = backups.list_for(path)
        assert [b.path for b in listed] == [of_office[-1], of_office[-2], of_explorer, of_usb]
        assert [b.source for b in listed] == [str(office)] * 2 + [str(explorer), str(usb)]
    assert backups.newest_good(usb).path == of_usb
    assert backups.newest_good(office).path == of_office[-1]
    assert "sao lưu từ tệp" in backups.list_for(usb)[0].describe(from_path=usb)
    assert "sao lưu từ tệp" not in backups.list_for(usb)[-1].describe(from_path=usb)

    # the USB copy worked on now: it rotates its own backups, and the office keeps its two
    later = [_made(usb, minute, day=2) for minute in range(3)]
    assert [b.path for b in backups.list_for(office)] == [
        later[-1], later[-2], of_office[-1], of_office[-2], of_explorer]
    assert backups.newest_good(office).path == of_office[-1]
    assert len({store_backup.database_id(p) for p in (office, usb, explorer)}) == 1


def test_an_open_of_an_unchanged_moved_file_is_backed_up_at_its_new_path(tmp_path):
    """'Nothing changed since the newest backup' is asked of the backups made at this path:
    those of the other paths stay in the rotation only as long as their turn lasts."""
    e_path = _new(tmp_path / "E" / "kh.db", "Sở Nội vụ")
    made = backups.backup_now(e_path, e_path, reason="open", now=_at(0))
    assert backups.backup_now(e_path, e_path, reason="open", now=_at(1)) == made
    f_path = tmp_path / "F" / "kh.db"
    f_path.parent.mkdir()
    shutil.move(e_path, f_path)
    again = backups.backup_now(f_path, f_path, reason="open", now=_at(2))
    assert again != made and again.parent == backups.folder_for(f_path)
    assert [b.path for b in backups.list_for(f_path)] == [again, made]


def test_a_damaged_file_at_its_new_path_is_offered_every_backup_of_its_database(tmp_path):
    """The identity cannot be read from a damaged or emptied file: its backups are found by the
    path's folder, and with it the other folders of the database it names."""
    e_path = _new(tmp_path / "E" / "kh.db", "Sở Nội vụ")
    at_e = _made(e_path, 0)
    f_path = tmp_path / "F" / "kh.db"
    f_path.parent.mkdir()
    shutil.move(e_path, f_path)
    at_f = backups.backup_now(f_path, f_path, reason="open", now=_at(1))
    f_path.write_bytes(b"\0" * 4096)  # a stick pulled while writing
    assert store_backup.database_id(f_path) is None
    assert [b.path for b in backups.list_for(f_path)] == [at_f, at_e]
    assert backups.newest_good(f_path).path == at_f

    safety = backups.restore(at_e, f_path)  # the older one, chosen by the user
    assert _names(f_path) == ["Cơ quan 1-0", "Sở Nội vụ"]
    assert store_backup.database_id(f_path) == store_backup.database_id(at_e)
    # the damaged bytes kept as they were, with the backups of this path
    assert safety.parent == at_f.parent and safety.read_bytes() == b"\0" * 4096

    f_path.write_bytes(b"")  # emptied (a bad copy, a sync gone wrong)
    assert backups.newest_good(f_path).path == at_f


def test_backups_of_an_older_gbapp_are_found_claimed_and_follow_the_file(tmp_path):
    """Made by an older gbapp: a folder named for the path (the name cut at 40 characters or
    not), no record of whose it is, backups without an identity. Found for the database at that
    path, claimed by it at its next backup, then found wherever the file goes; restored, such a
    backup keeps the database's identity (it would get a new one when upgraded)."""
    stem = "Kế hoạch thực hiện công tác bình đẳng giới giai đoạn 2021-2030 tỉnh"
    assert len(stem) > store_backup.STEM_MAX
    e_path = tmp_path / "E" / f"{stem}.db"
    e_path.parent.mkdir()
    shutil.copy(FIXTURES / "schema-7.db", e_path)
    digest = store_backup.path_digest(e_path)
    old_folder = backups.backups_dir() / f"{store_backup.short_stem(stem)}-{digest}"
    old_folder.mkdir(parents=True)
    old = [old_folder / f"{store_backup.short_stem(stem)}-2025010{d}-080000-close.db"
           for d in (1, 2)]
    for target in old:
        shutil.copy(e_path, target)
    older_still = backups.backups_dir() / f"{stem}-{digest}"  # named in full, before the cut
    older_still.mkdir()
    in_full = older_still / f"{stem}-20241201-080000.db"
    shutil.copy(e_path, in_full)

    _add(e_path, "Sở Mới")  # opened with this gbapp: upgraded, given its identity
    db_id = store_backup.database_id(e_path)
    assert db_id is not None
    assert [b.path for b in backups.list_for(e_path)] == [*old[::-1], in_full]
    assert all(b.source == str(e_path) for b in backups.list_for(e_path))

    made = backups.backup_now(e_path, e_path, reason="close", now=dt.datetime(2025, 2, 1))
    assert made.parent == older_still  # the folder named in full is still used, as before
    claimed = store_backup.folders_of(backups.backups_dir(), e_path, db_id)
    assert {(f.path, f.database_id) for f in claimed} == {(old_folder, db_id),
                                                          (older_still, db_id)}
    f_path = tmp_path / "F" / f"{stem}.db"
    f_path.parent.mkdir()
    shutil.move(e_path, f_path)
    listed = [b.path for b in backups.list_for(f_path)]
    assert listed == [made, *old[::-1], in_full]

    backups.restore(old[0], f_path)
    assert store_backup.database_id(f_path) == db_id
    assert "Sở Mới" not in _names(f_path)  # upgraded again on opening, identity kept
    assert store_backup.database_id(f_path) == db_id
    assert made in [b.path for b in backups.list_for(f_path)]


def test_another_database_put_at_the_path_keeps_the_backups_apart(tmp_path):
    """kh.db replaced by another plan's kh.db (a colleague's file copied over it): the two
    never prune each other's backups; the first one's are still listed at that path, marked,
    so a wrong copy can be undone; restoring one makes the file that database again."""
    path = _new(tmp_path / "kh.db", "Sở Nội vụ", keep=1)
    first = _made(path, 0)
    first_id = store_backup.database_id(path)
    path.unlink()
    _new(path, "Sở Y tế", keep=1)
    second = [_made(path, minute) for minute in (1, 2)]
    assert store_backup.database_id(path) != first_id
    assert second[0].parent != first.parent
    assert not second[0].exists() and first.exists()

    listed = backups.list_for(path)
    assert [b.path for b in listed] == [second[-1], first]
    assert [b.other_database for b in listed] == [False, True]
    assert "cơ sở dữ liệu khác" in listed[1].describe(from_path=path)
    backups.restore(first, path)
    assert store_backup.database_id(path) == first_id
    assert _names(path) == ["Cơ quan 1-0", "Sở Nội vụ"]
    assert backups.folder_for(path) == first.parent


def test_manual_backups_carry_the_identity_and_leave_no_record_in_the_user_s_folder(tmp_path):
    path = _new(tmp_path / "kh.db", "Sở Nội vụ")
    usb = tmp_path / "usb"
    made = backups.backup_now(path, path, reason="manual", folder=usb)
    assert [p.name for p in usb.iterdir()] == [made.name]
    assert store_backup.database_id(made) == store_backup.database_id(path)
    # restored onto another file from there: that file is now this database
    other = _new(tmp_path / "other.db", "Sở Y tế")
    backups.restore(made, other)
    assert store_backup.database_id(other) == store_backup.database_id(path)


@pytest.mark.parametrize("record", [
    "not json", '{"id": "../../x", "path": "E:\\\\kh.db"}', '{"id": 5, "path": "x"}', "[]",
])
def test_a_damaged_record_is_a_folder_of_no_database(tmp_path, record):
    """The record names a folder: anything but an identity as gbapp makes them is ignored."""
    path = _new(tmp_path / "kh.db")
    made = backups.backup_now(path, path, reason="close", now=_at(0))
    (made.parent / store_backup.MARKER).write_text(record, encoding="utf-8")
    assert [b.path for b in backups.list_for(path)] == [made]  # found by its path
    backups.backup_now(path, path, reason="manual", now=_at(1))
    assert len(backups.list_for(path)) == 2


def test_the_folder_of_a_second_database_at_a_long_path_fits_windows_limit(tmp_path):
    """Its folder's name carries the identity too (17 more characters): a backup's path below
    C:\\Users\\<a long user name>\\AppData\\Local\\gbapp\\gbapp\\backups stays under 260."""
    stem = "Kế hoạch thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ " * 2
    path = _new(tmp_path / f"{stem}.db", keep=1)
    first = _made(path, 0)
    path.unlink()
    _new(path, keep=1)
    second = _made(path, 1)
    assert second.parent != first.parent and first.exists()
    windows_dir = len(r"C:\Users\nguyen.thi.thu.huong\AppData\Local\gbapp\gbapp\backups") + 1
    longest_name = store_backup.STEM_MAX + len("-20251201-083000-12-safety.db")
    assert windows_dir + len(second.parent.name) + 1 + longest_name < 260
