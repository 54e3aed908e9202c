"""Bad text and a hostile environment: stored correctly or refused clearly, never half-saved."""

from __future__ import annotations

import unicodedata

import pytest

from gbapp.domain.entities import Agency
from gbapp.store import StorageError, agencies, items, open_database
from gbapp.store.activities import ActivityFilter, query
from gbapp.store.undo import UndoLog


def _plan_with_section(db):
    plan_id = db.execute("INSERT INTO plans (number, year) VALUES ('1/KH-X', 2025)").lastrowid
    return plan_id, items.insert(db, plan_id, None, title="NỘI DUNG")


def test_pasted_word_text_is_stored_clean_nfc_and_searchable(db):
    import datetime as dt

    plan_id, section = _plan_with_section(db)
    nfd_title = unicodedata.normalize("NFD", "Tập huấn bình đẳng giới\x0bcho cán bộ\x01 👩‍🌾")
    long_text = ("Nội dung dài. " * 8000)[:100_000]
    item_id = items.insert(db, plan_id, section, title=nfd_title, text=long_text)
    item = items.get(db, item_id)
    assert item.title == "Tập huấn bình đẳng giới cho cán bộ 👩‍🌾"
    assert unicodedata.is_normalized("NFC", item.title)
    assert len(item.text) == 100_000
    found = query(db, plan_id, ActivityFilter(text="binh dang gioi"), today=dt.date(2025, 1, 1))
    assert [r.id for r in found] == [item_id]
    found = query(db, plan_id, ActivityFilter(text=unicodedata.normalize("NFD", "cán bộ")),
                  today=dt.date(2025, 1, 1))
    assert [r.id for r in found] == [item_id]


def test_full_disk_gives_a_clear_message_and_keeps_earlier_saves(tmp_path):
    db = open_database(tmp_path / "full.db")
    log = UndoLog(db)
    log.run("first", lambda d: agencies.save(d, Agency(name="Sở Nội vụ")))
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + 1}")  # the disk is now "full"
    with pytest.raises(StorageError) as err:
        log.run("big", lambda d: [agencies.save(d, Agency(name=f"Cơ quan {n} " + "x" * 2000))
                                  for n in range(50)])
    assert "Ổ đĩa đã đầy" in str(err.value)
    assert [a.name for a in agencies.list_agencies(db)] == ["Sở Nội vụ"]
    assert not log.can_undo() or log.undo_name() == "first"
    db.close()


def test_read_only_database_is_refused_clearly(tmp_path):
    # CI runs as root, which ignores file modes; query_only makes SQLite refuse writes with the
    # same SQLITE_READONLY error a read-only file or share gives.
    db = open_database(tmp_path / "ro.db")
    log = UndoLog(db)
    db.execute("PRAGMA query_only = ON")
    with pytest.raises(StorageError) as err:
        with log.step("x"):
            agencies.save(db, Agency(name="A"))
    assert "chỉ cho phép đọc" in str(err.value)
    db.execute("PRAGMA query_only = OFF")
    assert agencies.list_agencies(db) == []
    db.close()
