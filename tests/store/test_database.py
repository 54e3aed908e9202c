"""Opening databases: migrations from an empty file, refusal of newer or foreign files."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from gbapp.domain.text import vi_sort_key
from gbapp.store import (
    DamagedDatabaseError,
    NewerDatabaseError,
    NotADatabaseError,
    open_database,
)
from gbapp.store.migrations import KNOWN


def test_migrates_empty_file_to_current_schema(tmp_path):
    path = tmp_path / "new.db"
    db = open_database(path)
    applied = [r[0] for r in db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == KNOWN
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(KNOWN)
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    db.close()
    # Opening again applies nothing and keeps data.
    db = open_database(path)
    assert db.execute("SELECT COUNT(*) FROM _sqlite_migrations").fetchone()[0] == len(KNOWN)
    db.close()


def test_migration_is_atomic_with_its_record(tmp_path):
    """Stopping before the last migration leaves a consistent older schema that then upgrades."""
    from sqlite_utils import Database

    from gbapp.store.database import configure
    from gbapp.store.migrations import migrations

    path = tmp_path / "old.db"
    raw = Database(path)
    configure(raw.conn)
    migrations.apply(raw, stop_before="m002_item_search_index")
    assert "items_fts" not in raw.table_names()
    raw.execute("INSERT INTO plans (number) VALUES ('5/KH-X')")
    raw.execute("INSERT INTO items (plan_id, position, kind, label, ref, sort_path, title, "
                "search) VALUES (1, 1, 'roman', 'I', 'I', '000001', 'Bình đẳng giới', "
                "'i binh dang gioi')")
    raw.close()
    db = open_database(path)
    hits = db.execute("SELECT rowid FROM items_fts WHERE items_fts MATCH 'dang'").fetchall()
    assert hits == [(1,)]
    assert db.execute("SELECT COUNT(*) FROM _sqlite_migrations").fetchone()[0] == len(KNOWN)
    db.close()


def test_a_failed_upgrade_leaves_the_file_at_its_version(tmp_path, monkeypatch):
    """The upgrade is one unit: a migration failing after others ran leaves the file as the
    older gbapp wrote it (schema, records and version), and a later open upgrades it whole."""
    from sqlite_utils import Database

    from gbapp.store.database import configure
    from gbapp.store.migrations import migrations

    path = tmp_path / "old.db"
    raw = Database(path)
    configure(raw.conn)
    migrations.apply(raw, stop_before="m002_item_search_index")
    raw.execute("PRAGMA user_version = 1")
    raw.close()
    last = migrations._migrations[-1]

    def broken(db):
        raise sqlite3.OperationalError("simulated failure in the last migration")

    monkeypatch.setattr(last, "fn", broken)
    with pytest.raises(Exception, match="simulated failure"):
        open_database(path)
    raw = sqlite3.connect(path)
    assert [r[0] for r in raw.execute("SELECT name FROM _sqlite_migrations")] == [KNOWN[0]]
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
    assert not raw.execute("SELECT 1 FROM sqlite_master WHERE name = 'items_fts'").fetchall()
    raw.close()
    monkeypatch.undo()
    db = open_database(path)
    assert db.execute("SELECT COUNT(*) FROM _sqlite_migrations").fetchone()[0] == len(KNOWN)
    db.close()


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.db"
    db = open_database(path)
    db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
               "VALUES ('gbapp', 'm999_from_the_future', '2030-01-01')")
    db.execute(f"PRAGMA user_version = {len(KNOWN) + 1}")
    db.close()
    with pytest.raises(NewerDatabaseError) as err:
        open_database(path)
    assert "phiên bản gbapp mới hơn" in str(err.value)
    # Nothing was changed by the refused open.
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == len(KNOWN) + 1
    con.close()


def test_text_file_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    with pytest.raises(NotADatabaseError) as err:
        open_database(path)
    assert "không phải là cơ sở dữ liệu gbapp" in str(err.value)
    assert path.read_text(encoding="utf-8") == "không phải cơ sở dữ liệu"


def test_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customers (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(NotADatabaseError):
        open_database(path)
    con = sqlite3.connect(path)
    assert [r[0] for r in con.execute("SELECT name FROM sqlite_master")] == ["customers"]
    con.close()


def test_damaged_file_is_reported(tmp_path):
    path = tmp_path / "broken.db"
    db = open_database(path)
    db.execute("INSERT INTO settings (key, value) VALUES ('a', ?)", ["x" * 50000])
    db.close()
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):  # scribble over every page but the header
        data[offset + 10: offset + 200] = b"\xff" * 190
    path.write_bytes(bytes(data))
    with pytest.raises(DamagedDatabaseError) as err:
        open_database(path)
    assert "bị hỏng" in str(err.value)


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema-*.db")), ids=lambda p: p.name)
def test_every_shipped_schema_upgrades(fixture, tmp_path):
    """Each schema version ever shipped, as a real file with the demo data, opens and upgrades."""
    from gbapp.store import activities, agencies, items, plans

    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    old_version = int(fixture.stem.split("-")[1])
    db = open_database(path)
    assert [r[0] for r in db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")] == KNOWN
    # the file as the older gbapp left it is kept beside it: an upgrade cannot be undone
    kept = tmp_path / f"{path.stem}-truoc-nang-cap-v{old_version}.db"
    if old_version < len(KNOWN):
        assert filecmp_rows(kept, fixture)
    else:
        assert not kept.exists()  # nothing to upgrade: no copy
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    plan_id = plans.latest_id(db)
    assert plans.get(db, plan_id).number == "93/KH-UBND"
    assert len(items.all_items(db, plan_id)) == 24  # 2 sections, 7 numbered items, 15 points
    names = [a.name for a in agencies.list_agencies(db)]
    assert names == sorted(names, key=vi_sort_key)
    rows = activities.query(db, plan_id, activities.ActivityFilter(text="binh dang gioi"),
                            today=dt.date(2025, 6, 1), sort="title")
    assert rows and [r.title for r in rows] == sorted((r.title for r in rows), key=vi_sort_key)
    # the search words and their index are those of today's gbapp (m006 remade both)
    stored = db.execute("SELECT ref, title, text, tf_text, output, search FROM items").fetchall()
    assert all(items.search_text(*row[:5]) == row[5] for row in stored)
    for word in ("binh", "dang", "tuyen"):
        indexed = db.execute("SELECT COUNT(*) FROM items_fts WHERE items_fts MATCH ?",
                             [f'"{word}"*']).fetchone()[0]
        scanned = db.execute("SELECT COUNT(*) FROM items WHERE instr(' ' || search, ?) > 0",
                             [" " + word]).fetchone()[0]
        assert indexed == scanned > 0, word
    db.close()


def test_fixtures_cover_the_current_schema():
    """A new migration ships with a fixture of the schema before it (tools/make_schema_fixture.py)."""
    assert (FIXTURES / f"schema-{len(KNOWN)}.db").is_file()


def test_schema_version_counts_every_migration():
    from gbapp.store.database import SCHEMA_VERSION

    assert SCHEMA_VERSION == len(KNOWN)


def test_opening_a_current_database_reads_without_sqlite_utils(tmp_path):
    """sqlite-utils costs as much to import as Qt: an up-to-date database opens and reads
    without it, and the first write brings it in (its atomic() guards every user action)."""
    import subprocess
    import sys

    path = tmp_path / "current.db"
    open_database(path).close()
    code = (
        "import sys\n"
        "from gbapp.store import open_database\n"
        "from gbapp.store import changelog\n"
        f"db = open_database({str(path)!r})\n"
        "db.execute('SELECT COUNT(*) FROM items').fetchone()\n"
        "print('sqlite_utils' in sys.modules)\n"
        "with changelog.action(db, 'test'):\n"
        "    db.execute(\"INSERT INTO plans (number) VALUES ('1/KH')\")\n"
        "print('sqlite_utils' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
    db = open_database(path)
    assert db.execute("SELECT number FROM plans").fetchall() == [("1/KH",)]
    db.close()


def test_a_write_behind_a_comment_commits_like_any_other(tmp_path):
    path = tmp_path / "c.db"
    db = open_database(path)
    db.execute("-- a note\nINSERT INTO plans (number) VALUES ('2/KH')")
    assert not db.conn.in_transaction
    db.close()
    db = open_database(path)
    assert db.execute("SELECT number FROM plans").fetchall() == [("2/KH",)]
    db.close()


def test_a_newer_gbapp_stopped_half_way_is_still_refused(tmp_path):
    """A newer version records its migrations one by one and sets user_version at the end;
    a file it left half-way has our user_version but a migration we do not know."""
    path = tmp_path / "half.db"
    open_database(path).close()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                "VALUES ('gbapp', 'm999_from_the_future', '2030-01-01')")
    con.commit()
    con.close()
    with pytest.raises(NewerDatabaseError):
        open_database(path)


def test_a_reader_reads_what_was_saved_and_writes_nothing(tmp_path):
    """The second connection of a worker thread (store.open_reader)."""
    from gbapp.store import open_reader

    path = tmp_path / "r.db"
    db = open_database(path)
    db.execute("INSERT INTO plans (number) VALUES ('7/KH')")
    reader = open_reader(path)
    assert reader.execute("SELECT number FROM plans").fetchall() == [("7/KH",)]
    assert reader.execute("SELECT fold('Bình Đẳng')").fetchone()[0] == "binh dang"
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        reader.conn.execute("DELETE FROM plans")
    reader.close()
    assert db.execute("SELECT COUNT(*) FROM plans").fetchone()[0] == 1
    db.close()


def filecmp_rows(a: Path, b: Path) -> bool:
    """Whether two SQLite files hold the same rows in every table."""
    def dump(path):
        with sqlite3.connect(path) as conn:
            return list(conn.iterdump())
    return dump(a) == dump(b)


def test_no_upgrade_without_the_copy_before_it(tmp_path, monkeypatch):
    """A full disk or a read-only folder: the older file is left exactly as it was."""
    from gbapp.store import backup
    from gbapp.store.database import StorageError

    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "schema-4.db", path)
    before = path.read_bytes()

    def full(_source, _target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "copy_database", full)
    with pytest.raises(StorageError, match="chưa bị thay đổi"):
        open_database(path)
    assert path.read_bytes() == before
