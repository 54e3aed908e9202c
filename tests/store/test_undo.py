"""Undo/redo restores the database exactly, for structural edits as well as field edits."""

from __future__ import annotations

from gbapp.domain.entities import Agency
from gbapp.store import agencies, assignments, items
from gbapp.store.undo import TRACKED, UndoLog


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
