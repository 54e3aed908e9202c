"""Undo/redo restores the database exactly, for structural edits as well as field edits."""

from __future__ import annotations

import sys
from pathlib import Path

from gbapp.domain.entities import Agency
from gbapp.store import agencies, assignments, items
from gbapp.store.undo import TRACKED, UndoLog

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # benchmarks.plangen


def snapshot(db):
    return {t: sorted(db.execute(f"SELECT rowid, * FROM {t}").fetchall(), key=repr) for t in TRACKED}


def test_undo_redo_of_tree_edits_and_assignments(db):
    log = UndoLog(db)
    plan_id = log.run("plan", lambda d: d.execute(
        "INSERT INTO plans (number) VALUES ('9/KH-X')").lastrowid)
    s = log.run("section", lambda d: items.insert(d, plan_id, None, title="NỘI DUNG"))
    kids = [log.run("item", lambda d, n=n: items.insert(d, plan_id, s, title=f"việc {n}"))
            for n in range(4)]
    lead = log.run("agency", lambda d: agencies.save(d, Agency(name="Sở Nội vụ")))
    log.run("assign", lambda d: assignments.set_for_item(d, kids[1], lead, []))
    before = snapshot(db)
    log.run("delete", lambda d: items.delete(d, kids[0]))
    log.run("indent", lambda d: items.indent(d, kids[2]))
    after = snapshot(db)
    assert after != before
    assert log.undo() == "indent"
    assert log.undo() == "delete"
    assert snapshot(db) == before
    assert db.execute("SELECT COUNT(*) FROM items_fts").fetchone()[0] == 5 + 0  # section + 4 kids
    log.redo()
    log.redo()
    assert snapshot(db) == after
    assert not log.can_redo()


def test_new_action_clears_redo(db):
    log = UndoLog(db)
    log.run("a", lambda d: agencies.save(d, Agency(name="A")))
    log.undo()
    assert log.can_redo()
    log.run("b", lambda d: agencies.save(d, Agency(name="B")))
    assert not log.can_redo()
    assert [a.name for a in agencies.list_agencies(db)] == ["B"]


def test_failed_action_leaves_nothing_to_undo(db):
    log = UndoLog(db)
    try:
        with log.step("broken"):
            agencies.save(db, Agency(name="X"))
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert not log.can_undo()
    assert agencies.list_agencies(db) == []


def _search_count(db, words: str) -> int:
    return db.execute("SELECT COUNT(*) FROM items_fts WHERE items_fts MATCH ?",
                      [f'"{words}"']).fetchone()[0]


def test_undo_and_redo_of_a_large_import_are_exact_and_keep_search_right(db):
    """Undoing a big import replays thousands of rows in a few statements, with the search index
    rebuilt once: the file, the index and its triggers come back exactly."""
    from benchmarks.plangen import generate_plan_text
    from gbapp.importers import parse_plan_text
    from gbapp.services.importing import store_plan

    parsed = parse_plan_text(generate_plan_text(700))
    log = UndoLog(db)
    empty = snapshot(db)
    log.run("import", lambda d: store_plan(d, parsed))
    imported, found = snapshot(db), _search_count(db, "binh dang")
    assert found > 100
    triggers = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()

    assert log.undo() == "import"
    assert snapshot(db) == empty
    assert _search_count(db, "binh dang") == 0
    log.redo()
    assert snapshot(db) == imported
    assert _search_count(db, "binh dang") == found
    assert db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall() \
        == triggers
    db.execute("INSERT INTO items_fts (items_fts) VALUES ('integrity-check')")

    log.run("replace", lambda d: store_plan(d, parsed, replace=True))
    assert _search_count(db, "binh dang") == found
    log.undo()
    assert snapshot(db) == imported
    db.execute("INSERT INTO items_fts (items_fts) VALUES ('integrity-check')")


def test_undo_restores_real_numbers_exactly(db):
    """Values are logged as SQLite stored them, not as text: 0.1 + 0.2 comes back to the bit."""
    log = UndoLog(db)
    ind = log.run("indicator", lambda d: d.execute(
        "INSERT INTO indicators (code, name, unit) VALUES ('X1', 'Tỷ lệ', '%')").lastrowid)
    log.run("value", lambda d: d.execute(
        "INSERT INTO indicator_values (indicator_id, year, value, men, women) "
        "VALUES (?, 2025, ?, ?, ?)", [ind, 0.1 + 0.2, 1e-300, 12345678.123456789]))
    before = snapshot(db)
    log.run("edit", lambda d: d.execute("UPDATE indicator_values SET value = 7, note = 'x''y'"))
    log.run("delete", lambda d: d.execute("DELETE FROM indicator_values"))
    log.undo()
    log.undo()
    assert snapshot(db) == before
    assert db.execute("SELECT value FROM indicator_values").fetchone()[0] == 0.1 + 0.2


def _fts_triggers(db):
    return sorted(r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'items_fts_%'"))


def test_setting_the_search_index_aside_is_one_unit_with_the_change(db):
    """Outside a transaction too the triggers come back; a failure inside rolls the drops back
    with the change and surfaces its own error, with no rebuild run for nothing."""
    import pytest

    from benchmarks.plangen import generate_plan_text
    from gbapp.importers import parse_plan_text
    from gbapp.services.importing import store_plan
    from gbapp.store import plans

    plan_id = store_plan(db, parse_plan_text(generate_plan_text(600)))
    triggers = _fts_triggers(db)
    assert len(triggers) == 3
    with pytest.raises(ZeroDivisionError):
        with items.search_index_set_aside(db):
            db.execute("DELETE FROM items WHERE depth > 1")
            1 / 0
    assert _fts_triggers(db) == triggers
    assert db.execute("SELECT COUNT(*) FROM items WHERE depth > 1").fetchone()[0] > 500
    plans.delete(db, plan_id)  # a public store function, here outside any transaction
    assert not db.conn.in_transaction
    assert _fts_triggers(db) == triggers
    found = db.execute("SELECT COUNT(*) FROM items_fts WHERE items_fts MATCH 'tuyen'").fetchone()
    assert found[0] == 0
    db.execute("INSERT INTO items_fts (items_fts) VALUES ('integrity-check')")
