"""Backups of databases whose path holds characters that mean something in a URI ("#", "%25").

SQLite opens backups read-only through a "file:" URI; unescaped, "KH#93.db" opened "KH" and
"50%25" opened "50%": the backups were made but never listed, nor restorable.
"""

from __future__ import annotations

import sqlite3
from pathlib import PurePosixPath, PureWindowsPath

import pytest

from gbapp.domain.entities import Agency
from gbapp.services import backups
from gbapp.store import agencies, open_database, settings
from gbapp.store.connection import readonly_uri


@pytest.mark.parametrize("relative", ["KH#93.db", "a #b/gbapp.db", "x 50%25.db", "Kế hoạch (2).db"])
def test_backup_made_listed_restored_and_settings_read(tmp_path, relative):
    db_path = tmp_path / "docs" / relative
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(db_path)
    agencies.save(db, Agency(name="Sở Nội vụ"))
    settings.set_value(db, "org.backup_keep", "3")
    db.conn.commit()
    db.close()

    assert settings.read_from_file(db_path, "org.backup_keep") == "3"
    assert backups.keep_count(db_path) == 3
    made = backups.backup_now(db_path, db_path, reason="manual")
    [info] = backups.list_for(db_path)
    assert info.path == made and info.counts["agencies"] == 1
    assert backups.newest_good(db_path).path == made
    # an unchanged file is not backed up again on opening (its newest backup is read)
    assert backups.backup_now(db_path, db_path, reason="open") == made

    db = open_database(db_path)
    agencies.save(db, Agency(name="Sở Y tế"))
    db.close()
    safety = backups.restore(made, db_path)
    assert safety is not None and safety.exists()
    db = open_database(db_path)
    assert [a.name for a in agencies.list_agencies(db)] == ["Sở Nội vụ"]
    db.close()


def test_data_folder_with_hash(tmp_path, monkeypatch):
    """The data folder (where backups live) named after a Windows account like "Phong #2"."""
    monkeypatch.setenv("GBAPP_DATA_DIR", str(tmp_path / "AppData #dev" / "gbapp"))
    db_path = tmp_path / "gbapp.db"
    open_database(db_path).close()
    for _ in range(3):
        backups.backup_now(db_path, db_path, reason="open")
    assert len(backups.list_for(db_path)) == 1
    assert len(list(backups.folder_for(db_path).glob("*.db"))) == 1


def test_readonly_uri_escapes_and_opens(tmp_path):
    path = tmp_path / "q #1 100%25.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    con = sqlite3.connect(readonly_uri(path), uri=True)
    try:
        assert con.execute("SELECT name FROM sqlite_master").fetchone() == ("t",)
        with pytest.raises(sqlite3.OperationalError):
            con.execute("INSERT INTO t VALUES (1)")
    finally:
        con.close()
    assert not (tmp_path / "q ").exists()


@pytest.mark.parametrize("path, uri", [
    (PureWindowsPath(r"C:\Users\Phong #2\KH 50%25.db"),
     "file:///C:/Users/Phong%20%232/KH%2050%2525.db?mode=ro"),
    (PureWindowsPath(r"D:\Kế hoạch.db"), "file:///D:/K%E1%BA%BF%20ho%E1%BA%A1ch.db?mode=ro"),
    # a UNC share: the server goes into the path, SQLite refuses any authority but an empty one
    (PureWindowsPath(r"\\server\chung\KH#93.db"), "file:////server/chung/KH%2393.db?mode=ro"),
    (PurePosixPath("/home/a #b/x?.db"), "file:///home/a%20%23b/x%3F.db?mode=ro"),
])
def test_readonly_uri_for_windows_and_posix_paths(path, uri):
    assert readonly_uri(path) == uri
