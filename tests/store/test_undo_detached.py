"""An action run on a second connection in a worker thread (undo.run_detached) becomes one step
of the app's undo log (UndoLog.adopt): undone and redone as if it had run on the app's own
connection, all or nothing."""

from __future__ import annotations

import sqlite3
import sys
import threading
from pathlib import Path

import pytest

from gbapp.store import StorageError, open_database, plans
from gbapp.store.undo import TRACKED, UndoLog, run_detached

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # benchmarks.plangen


def _dump(db) -> dict[str, list[tuple]]:
    return {table: db.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid").fetchall()
            for table in TRACKED}


def _in_thread(fn, *args):
    """fn(*args) in another thread (as a worker does); its result or its exception."""
    out: dict = {}

    def run():
        try:
            out["result"] = fn(*args)
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            out["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(60)
    assert not thread.is_alive()
    return out


def _store(n: int, **kw):
    from benchmarks.plangen import generate_plan_text
    from gbapp.importers import parse_plan_text
    from gbapp.services.importing import store_plan

    parsed = parse_plan_text(generate_plan_text(n))
    return lambda db: store_plan(db, parsed, source_file="kh.txt", **kw)


@pytest.fixture
def main(tmp_path):
    db = open_database(tmp_path / "kh.db")
    yield db, UndoLog(db), tmp_path / "kh.db"
    db.close()


def test_a_detached_import_is_undone_and_redone_as_one_step(main):
    db, log, path = main
    log.run("Tạo kế hoạch", lambda d: d.execute(
        "INSERT INTO plans (title, doc_type, status) VALUES ('Kế hoạch trước', 'KH', 'draft')"))
    before = _dump(db)
    out = _in_thread(run_detached, path, "Nhập kế hoạch", _store(300))
    assert "error" not in out
    detached = out["result"]
    after = _dump(db)  # the app's connection sees the committed import
    assert len(after["items"]) > 300 and len(after["plans"]) == 2
    assert detached.result == max(p.id for p in plans.list_plans(db))
    assert db.execute("SELECT action FROM change_log ORDER BY id DESC").fetchone()[0] \
        == "Nhập kế hoạch"

    log.adopt("Nhập kế hoạch", detached.rows)
    assert [s.name for s in log.undo_steps] == ["Tạo kế hoạch", "Nhập kế hoạch"]
    assert log.undo() == "Nhập kế hoạch"
    assert _dump(db) == before
    assert log.undo() == "Tạo kế hoạch"
    assert plans.list_plans(db) == []
    assert log.redo() == "Tạo kế hoạch" and log.redo() == "Nhập kế hoạch"
    assert _dump(db) == after
    # the app's connection still logs its own actions after the worker's (whose import set
    # the items' indexes and full-text triggers aside and back: a schema change)
    log.run("Xóa kế hoạch", lambda d: plans.delete(d, detached.result))
    assert len(_dump(db)["items"]) < len(after["items"])
    assert log.undo() == "Xóa kế hoạch"
    assert _dump(db) == after


def test_adopting_ends_the_redo_history(main):
    """The undone import's ids are free again: a new import takes them, so redoing the old one
    (re-inserting those ids) must no longer be possible."""
    db, log, path = main
    first = _in_thread(run_detached, path, "Nhập kế hoạch", _store(50))["result"]
    log.adopt("Nhập kế hoạch", first.rows)
    log.undo()
    assert log.can_redo()
    second = _in_thread(run_detached, path, "Nhập kế hoạch", _store(60))["result"]
    assert second.result == first.result  # the same ids, taken again
    log.adopt("Nhập kế hoạch", second.rows)
    assert not log.can_redo()
    assert db.execute("SELECT COUNT(*) FROM undolog").fetchone()[0] == len(second.rows)
    log.undo()
    assert plans.list_plans(db) == []


def test_a_failing_detached_action_leaves_nothing(main):
    db, log, path = main
    before = _dump(db)
    store = _store(200)

    def store_then_fail(d):
        store(d)  # every row written, then the disk is full
        raise sqlite3.OperationalError("database or disk is full")

    out = _in_thread(run_detached, path, "Nhập kế hoạch", store_then_fail)
    assert isinstance(out["error"], StorageError) and "Ổ đĩa đã đầy" in str(out["error"])
    assert _dump(db) == before
    assert db.execute("SELECT COUNT(*) FROM change_log").fetchone()[0] == 0


def test_a_database_gone_meanwhile_is_not_made_again(tmp_path):
    path = tmp_path / "da-rut.db"
    out = _in_thread(run_detached, path, "Nhập kế hoạch", _store(5))
    assert isinstance(out["error"], StorageError) and "không còn ở chỗ cũ" in str(out["error"])
    assert not path.exists()


def test_a_failed_adoption_drops_the_history(main, monkeypatch):
    db, log, path = main
    log.run("Tạo kế hoạch", lambda d: d.execute(
        "INSERT INTO plans (title, doc_type, status) VALUES ('Kế hoạch trước', 'KH', 'draft')"))
    detached = _in_thread(run_detached, path, "Nhập kế hoạch", _store(20))["result"]
    broken = [row[:-1] + (row[-1], "một cột thừa") for row in detached.rows]  # no such column
    with pytest.raises(sqlite3.OperationalError):
        log.adopt("Nhập kế hoạch", broken)
    assert not log.can_undo() and not log.can_redo()
    assert len(plans.list_plans(db)) == 2  # what was committed stays


def test_the_app_s_connection_reads_while_an_action_outgrows_the_cache(main, monkeypatch):
    """A worker's action larger than its page cache (a plan of 40,000 activities outgrows the
    64 MB) spilled into the file, which locks the app's connection out until the commit: its
    reads waited for busy_timeout and failed with "database is locked" (found in review). With
    a tiny cache, and the action held open once all its rows are written, the app's
    connection reads at once (no waiting allowed) the data as it was."""
    from gbapp.store import undo

    db, log, path = main
    monkeypatch.setattr(undo, "DETACHED_CACHE_KIB", 256)
    log.run("Nhập kế hoạch", _store(300))  # a plan already there, replaced below
    activities = "SELECT COUNT(*) FROM items WHERE is_activity = 1"
    before = db.execute(activities).fetchone()[0]
    store = _store(1500, replace=True)
    written, release = threading.Event(), threading.Event()

    def action(d):
        result = store(d)
        written.set()
        assert release.wait(60)
        return result

    out: dict = {}

    def work():
        try:
            out["result"] = run_detached(path, "Nhập kế hoạch", action)
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            out["error"] = exc
        written.set()

    thread = threading.Thread(target=work)
    thread.start()
    try:
        assert written.wait(60)
        db.execute("PRAGMA busy_timeout = 0")
        count = db.execute(activities).fetchone()[0]
    finally:
        release.set()
        thread.join(60)
        db.execute("PRAGMA busy_timeout = 5000")
    assert count == before
    assert "error" not in out, out.get("error")
    assert db.execute(activities).fetchone()[0] > 1500  # and the new plan once committed
