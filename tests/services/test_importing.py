"""Storing an imported plan: the answer-key tree, all-or-nothing, no duplicates without --replace."""

from __future__ import annotations

import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gbapp.domain.model import AgencyRef, ItemKind, ParsedItem, ParsedPlan, PlanMeta, Role
from gbapp.importers import PlanImportError, parse_plan_text, read_plan
from gbapp.paths import resource
from gbapp.services.importing import PlanExistsError, store_plan
from gbapp.store import assignments, items, open_database, plans

PLAN93 = resource("demo", "plan93_quangngai_2025.txt")
TABLES = ("plans", "legal_bases", "items", "agencies", "assignments", "items_fts")


def counts(db) -> dict[str, int]:
    return {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}


def test_plan93_is_stored_with_the_answer_key_structure(db):
    plan_id = store_plan(db, read_plan(PLAN93))
    plan = plans.get(db, plan_id)
    assert (plan.number, plan.doc_type, plan.year) == ("93/KH-UBND", "KH", 2025)
    assert plan.signer == "Trần Hoàng Tuấn" and plan.place == "Quảng Ngãi"
    assert [b.number for b in plan.legal_bases] == ["739/BNV-CTTN&BĐG", "254/QĐ-UBND", "80/TTr-SNV"]
    sections = items.children(db, plan_id, None)
    assert [s.ref for s in sections] == ["I", "II"]
    numbered = [items.children(db, plan_id, s.id) for s in sections]
    assert [len(n) for n in numbered] == [2, 5]
    points = [len(items.children(db, plan_id, n.id)) for group in numbered for n in group]
    assert points == [2, 0, 3, 4, 2, 2, 2]
    assert items.get(db, numbered[1][4].id).time_frame.end.isoformat() == "2025-12-15"
    activities = [i.ref for i in items.all_items(db, plan_id) if i.is_activity]
    assert activities[0] == "II.1.a" and len(activities) == 13  # points under II only
    assert plan.truncated


def test_an_agency_heading_over_its_duties_is_not_counted_as_an_activity(db):
    """Duties grouped under an agency's name: the duties are the activities (with the heading's
    agency as lead); the heading is not counted a second time."""
    text = ("KẾ HOẠCH\nTHỰC HIỆN CÔNG TÁC BÌNH ĐẲNG GIỚI NĂM 2025\nI. NHIỆM VỤ\n"
            "1. Tập huấn cán bộ. Sở Nội vụ chủ trì thực hiện.\n"
            "II. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế\n"
            "- Chủ trì, phối hợp với Công an tỉnh truyền thông về mất cân bằng giới tính khi sinh.\n"
            "- Phối hợp với Sở Nội vụ tổng hợp số liệu thống kê giới.\n")
    plan_id = store_plan(db, parse_plan_text(text))
    stored = {i.ref: i for i in items.all_items(db, plan_id)}
    assert not stored["II.1"].is_activity
    duties = [i for i in stored.values() if i.parent_id == stored["II.1"].id]
    assert [d.is_activity for d in duties] == [True, True]
    for duty in duties:
        roles = {(a.agency_name, a.role) for a in assignments.for_item(db, duty.id)}
        assert ("Sở Y tế", Role.LEAD) in roles, roles
    assert stored["I.1"].is_activity


def test_same_number_needs_replace(db):
    store_plan(db, read_plan(PLAN93))
    before = counts(db)
    with pytest.raises(PlanExistsError) as err:
        store_plan(db, read_plan(PLAN93))
    assert "--replace" in str(err.value) and "93/KH-UBND" in str(err.value)
    assert counts(db) == before
    store_plan(db, read_plan(PLAN93), replace=True)
    assert counts(db) == before  # replaced, not duplicated


def test_a_draft_without_a_number_imported_twice_asks_too(db):
    """Without a number, the same title, issuer and date make the same plan."""
    draft = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố:      /KH-UBND\n"
             "Quảng Ngãi, ngày 23 tháng 4 năm 2025\nKẾ HOẠCH\n"
             "Thực hiện công tác bình đẳng giới năm 2025\nI. NHIỆM VỤ\n"
             "1. Tập huấn cán bộ. Sở Nội vụ chủ trì thực hiện. Thời gian: Quý II.\n"
             "2. Hội thi. Tỉnh đoàn chủ trì thực hiện. Thời gian: Quý III.\n")
    store_plan(db, parse_plan_text(draft))
    before = counts(db)
    with pytest.raises(PlanExistsError) as err:
        store_plan(db, parse_plan_text(draft))
    assert "(chưa có số)" in str(err.value) and err.value.label.startswith("«")
    assert counts(db) == before
    store_plan(db, parse_plan_text(draft), replace=True)
    assert counts(db) == before
    # another draft (another date) is another plan
    store_plan(db, parse_plan_text(draft.replace("ngày 23 tháng 4 năm 2025",
                                                 "ngày 24 tháng 4 năm 2025")))
    assert counts(db)["plans"] == before["plans"] + 1


def test_failed_import_leaves_nothing(db, monkeypatch):
    parsed = read_plan(PLAN93)
    before = counts(db)
    calls = {"n": 0}
    original = items.make_ref

    def failing(*args):
        calls["n"] += 1
        if calls["n"] == 15:
            raise RuntimeError("disk pulled out")
        return original(*args)

    monkeypatch.setattr(items, "make_ref", failing)
    with pytest.raises(RuntimeError):
        store_plan(db, parsed)
    assert counts(db) == before


def test_agencies_with_roles_become_assignments(db):
    tree = [ParsedItem(ItemKind.ROMAN, "I", "NHIỆM VỤ", children=[
        ParsedItem(ItemKind.ARABIC, "1", "Tập huấn", agencies=[
            AgencyRef("Sở Nội vụ", Role.LEAD), AgencyRef("Sở Y tế", Role.COORDINATING),
            AgencyRef("Công an tỉnh", Role.COORDINATING)])])]
    plan_id = store_plan(db, ParsedPlan(PlanMeta(number="5/KH-UBND", year=2026), tree))
    activity = items.all_items(db, plan_id)[1]
    assert activity.is_activity and activity.time_frame.end.isoformat() == "2026-12-31"
    got = [(a.agency_name, a.role) for a in assignments.for_item(db, activity.id)]
    assert got == [("Sở Nội vụ", Role.LEAD), ("Công an tỉnh", Role.COORDINATING),
                   ("Sở Y tế", Role.COORDINATING)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400) | st.lists(st.sampled_from([
    "I. NỘI DUNG", "II. NHIỆM VỤ", "1. Tập huấn", "a) Sở Nội vụ chủ trì, phối hợp với Sở Y tế",
    "- từ ngày 15/11 đến 15/12/2025", "Số: 12/KH-UBND", "[...]", "Nơi nhận:", "+ Quý III",
    "KẾ HOẠCH", "Quảng Ngãi, ngày 31 tháng 02 năm 2025", ""]), max_size=25).map("\n".join))
def test_any_text_imports_whole_or_not_at_all(tmp_path_factory, text):
    db = open_database(tmp_path_factory.mktemp("prop") / "p.db")
    try:
        parsed = parse_plan_text(text)
    except PlanImportError:
        assert counts(db)["items"] == 0
        db.close()
        return
    store_plan(db, parsed)
    total = sum(1 for _ in parsed.walk())
    assert counts(db)["items"] == total == counts(db)["items_fts"]
    db.close()


def _docx_with(tmp_path, name: str, document_xml: bytes):
    import zipfile

    from docx import Document

    base = tmp_path / "base.docx"
    Document().save(base)
    target = tmp_path / name
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, document_xml if info.filename == "word/document.xml" else data)
    return target


HOSTILE = {
    "entities.docx": b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "bbbbbbbbbb">'
                     b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document '
                     b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                     b'<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>',
    "external.docx": b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                     b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
                     b'main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>',
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_docx_is_refused_and_nothing_is_written(db, tmp_path, name):
    store_plan(db, read_plan(PLAN93))
    before = counts(db)
    with pytest.raises(PlanImportError) as err:
        read_plan(_docx_with(tmp_path, name, HOSTILE[name]))
    assert "ENTITY" in str(err.value)
    assert counts(db) == before


@pytest.mark.parametrize("payload,expected", [
    (b"PK\x03\x04 truncated", "zip"),
    (b"%PDF-1.7 not a word file", ""),
    (b"", ""),
])
def test_broken_files_get_a_message_and_nothing_is_written(db, tmp_path, payload, expected):
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(payload)
    before = counts(db)
    with pytest.raises(PlanImportError) as err:
        read_plan(path)
    assert str(err.value) and expected in str(err.value)
    assert counts(db) == before


def test_two_databases_with_the_same_name_keep_separate_backups(tmp_path):
    """The office kehoach.db and a USB copy of it never prune or list each other's backups."""
    import datetime as dt

    from gbapp.services.backups import backup_now, list_for
    from gbapp.store import settings as org_settings

    office, usb = tmp_path / "office" / "kehoach.db", tmp_path / "usb" / "kehoach.db"
    for path in (office, usb):
        path.parent.mkdir()
        db = open_database(path)
        org = org_settings.load(db)
        org.backup_keep = "2"
        org_settings.save(db, org)
        db.close()
    for minute in range(2):
        backup_now(office, office, reason="close", now=dt.datetime(2025, 1, 1, 8, minute))
    for minute in range(3):
        backup_now(usb, usb, reason="close", now=dt.datetime(2025, 1, 2, 8, minute))
    assert [b.created.day for b in list_for(office)] == [1, 1]
    assert [b.created.day for b in list_for(usb)] == [2, 2]


def test_an_interrupted_import_reports_its_own_error_and_keeps_the_schema(tmp_path):
    """The bulk load sets indexes and the search trigger aside inside the transaction; a
    failure that rolls the transaction back must surface as itself, with the schema whole."""
    import sqlite3

    from gbapp.importers import parse_plan_text
    from gbapp.services.importing import store_plan
    from gbapp.store import open_database

    lines = ["KẾ HOẠCH", "Thực hiện công tác bình đẳng giới năm 2025", "I. NỘI DUNG"]
    lines += [f"{n}. Hoạt động số {n}: Sở Nội vụ chủ trì, phối hợp với Sở Y tế thực hiện."
              for n in range(1, 400)]
    parsed = parse_plan_text("\n".join(lines))
    calls = 0

    def count() -> int:
        nonlocal calls
        calls += 1
        return 0

    probe = open_database(tmp_path / "probe.db")
    probe.conn.set_progress_handler(count, 100)
    store_plan(probe, parsed)
    total = calls
    for fraction in (0.3, 0.6, 0.9):  # somewhere in the items, the index feed, the rebuilds
        db = open_database(tmp_path / f"i{fraction}.db")
        schema = sorted(db.execute("SELECT type, name FROM sqlite_master").fetchall())
        calls, fired = 0, []

        def interrupt_once() -> int:
            if calls > total * fraction and not fired:
                fired.append(True)
                return 1
            return count()

        db.conn.set_progress_handler(interrupt_once, 100)
        with pytest.raises(sqlite3.OperationalError, match="interrupt"):
            store_plan(db, parsed)
        db.conn.set_progress_handler(None, 100)
        assert sorted(db.execute("SELECT type, name FROM sqlite_master").fetchall()) == schema
        assert db.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 0
        store_plan(db, parsed)  # and the same import then goes through
        assert db.execute("SELECT COUNT(*) FROM items").fetchone()[0] >= 400
        db.close()


def _stored(db) -> dict[str, list[tuple]]:
    return {
        "items": db.execute("SELECT id, parent_id, position, kind, label, ref, sort_path, title, "
                            "text, is_activity, tf_start, tf_end, lead_agency_id, search, "
                            "title_key FROM items ORDER BY id").fetchall(),
        "assignments": db.execute("SELECT item_id, agency_id, role FROM assignments "
                                  "ORDER BY item_id, agency_id").fetchall(),
        "agencies": db.execute("SELECT id, name FROM agencies ORDER BY id").fetchall(),
    }


def test_rows_made_in_a_helper_thread_chunk_by_chunk_store_the_same_plan(tmp_path, monkeypatch):
    """The rows are made chunk by chunk (all but the first in a helper thread, while SQLite
    indexes the one before): the stored plan, its search index included, does not depend on
    the chunk size."""
    from gbapp.services import importing

    whole = open_database(tmp_path / "whole.db")
    store_plan(whole, read_plan(PLAN93))
    monkeypatch.setattr(importing, "ROWS_PER_CHUNK", 3)
    chunked = open_database(tmp_path / "chunked.db")
    store_plan(chunked, read_plan(PLAN93))
    assert _stored(chunked) == _stored(whole)
    assert len(_stored(chunked)["items"]) > 20  # so seven chunks and more
    # every row is in the search index once: the integrity check fails on a missing or doubled row
    chunked.execute("INSERT INTO items_fts (items_fts, rank) VALUES ('integrity-check', 1)")
    for db in (whole, chunked):
        hits = db.execute("SELECT COUNT(*) FROM items_fts WHERE items_fts MATCH 'phoi hop'")
        assert hits.fetchone()[0] == counts_of_search(db, "phoi hop")
        db.close()


def test_assignments_stored_chunk_by_chunk_are_those_of_the_whole_plan(tmp_path, monkeypatch):
    """Each chunk's assignments are stored as soon as its items are (while the next chunk is
    made): with chunks of 3 items, a plan assigning every point to a lead and a coordinating
    agency stores the same assignments, leads and agencies as in one chunk."""
    import sys
    from pathlib import Path

    from gbapp.services import importing

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from benchmarks.plangen import generate_plan_text

    parsed = parse_plan_text(generate_plan_text(45))
    whole = open_database(tmp_path / "whole.db")
    store_plan(whole, parsed)
    monkeypatch.setattr(importing, "ROWS_PER_CHUNK", 3)
    chunked = open_database(tmp_path / "chunked.db")
    store_plan(chunked, parsed)
    stored = _stored(chunked)
    assert stored == _stored(whole)
    # every point's lead and coordinating agency, and those of the closing section
    assert len(stored["assignments"]) == sum(len(item.agencies) for _, item in parsed.walk()) > 90
    schema = "SELECT type, name FROM sqlite_master ORDER BY name"
    assert chunked.execute(schema).fetchall() == whole.execute(schema).fetchall()
    for db in (whole, chunked):
        db.close()


def counts_of_search(db, words: str) -> int:
    return db.execute("SELECT COUNT(*) FROM items WHERE instr(search, ?) > 0",
                      [words]).fetchone()[0]


def test_a_failure_while_the_helper_makes_a_chunk_leaves_nothing(db, monkeypatch):
    """An error raised in the helper thread reaches the caller as itself; nothing is stored and
    the search trigger and indexes the bulk load set aside are back."""
    from gbapp.services import importing

    monkeypatch.setattr(importing, "ROWS_PER_CHUNK", 4)
    parsed = read_plan(PLAN93)
    before = counts(db)
    schema = sorted(db.execute("SELECT type, name FROM sqlite_master").fetchall())
    calls = {"n": 0}
    original = items.make_ref

    def failing(*args):
        calls["n"] += 1
        if calls["n"] == 15:  # in the 4th chunk: made in the helper thread
            failed_in.append(threading.current_thread().name)
            raise RuntimeError("disk pulled out")
        return original(*args)

    failed_in: list[str] = []
    monkeypatch.setattr(items, "make_ref", failing)
    with pytest.raises(RuntimeError, match="disk pulled out"):
        store_plan(db, parsed)
    assert failed_in[0].startswith("gbapp-rows")
    assert counts(db) == before
    assert sorted(db.execute("SELECT type, name FROM sqlite_master").fetchall()) == schema
    monkeypatch.setattr(items, "make_ref", original)
    store_plan(db, parsed)  # and the same import then goes through, indexed
    assert db.execute("SELECT COUNT(*) FROM items_fts WHERE items_fts MATCH 'phoi hop'"
                      ).fetchone()[0] == counts_of_search(db, "phoi hop") > 0


def test_bulk_insert_refuses_chunks_whose_ids_do_not_ascend(db):
    """Each chunk is indexed by its id range: a chunk reaching back into an earlier one would
    be indexed twice, so it is refused and nothing stays."""
    plan_id = plans.insert(db, read_plan_meta_plan())
    first = items.next_id(db)

    def row(item_id: int, position: int) -> tuple:
        values = dict.fromkeys(items.INSERT_COLUMNS)
        values.update(id=item_id, plan_id=plan_id, position=position, depth=0, kind="roman",
                      label="I", ref=f"R{position}", sort_path=f"{position:06d}", title="Mục",
                      text="", is_activity=0, tf_text="", tf_recurring=0, output="",
                      search=f"muc {position}", source_label="")
        return tuple(values[c] for c in items.INSERT_COLUMNS)

    # an empty chunk on the way ends nothing: the chunks after it are stored and indexed
    with db.atomic():
        items.bulk_insert(db, [[row(first, 1)], [], [row(first + 1, 2)]], 2)
    assert db.execute("SELECT COUNT(*) FROM items_fts WHERE items_fts MATCH 'muc'"
                      ).fetchone()[0] == 2
    db.execute("DELETE FROM items")
    first += 2
    with pytest.raises(ValueError, match="ascend"):
        with db.atomic():
            items.bulk_insert(db, [[row(first, 1), row(first + 2, 2)],
                                  [row(first + 1, 3), row(first + 3, 4)]], 4)
    assert db.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'items_fts_insert'"
                      ).fetchone()[0] == 1


def read_plan_meta_plan():
    from gbapp.services.importing import plan_from_parsed

    return plan_from_parsed(ParsedPlan(PlanMeta(number="7/KH-UBND", year=2026), []))


def test_a_programme_s_recurring_and_undated_activities_are_not_overdue_after_its_first_year(db):
    """A 2026–2030 programme: its "Hằng năm" activity is due by the end of each year's round
    (2027's in 2027) and one with no time of its own by the end of 2030, so in 2027 they are
    not listed as overdue; a task dated 2026 is."""
    import datetime as dt

    from gbapp.domain.model import Status
    from gbapp.store import activities

    text = ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 12/KH-UBND\nLâm Đồng, ngày 20 tháng 01 năm 2026\n"
            "KẾ HOẠCH\nThực hiện Chương trình phòng ngừa bạo lực trên cơ sở giới "
            "giai đoạn 2026 - 2030\nI. NHIỆM VỤ\n"
            "1. Truyền thông nâng cao nhận thức. Sở Văn hóa chủ trì. Thời gian: Hằng năm.\n"
            "2. Duy trì mô hình địa chỉ tin cậy. Hội Liên hiệp Phụ nữ tỉnh chủ trì.\n"
            "3. Khảo sát thực trạng. Sở Nội vụ chủ trì. Thời gian: Quý IV/2026.\n")
    plan_id = store_plan(db, parse_plan_text(text))
    rows = activities.query(db, plan_id, activities.ActivityFilter(), today=dt.date(2027, 6, 1))
    got = {r.title.split(".")[0]: (r.due, r.status) for r in rows}
    assert got == {
        "Truyền thông nâng cao nhận thức": (dt.date(2027, 12, 31), Status.NOT_STARTED),
        "Duy trì mô hình địa chỉ tin cậy": (dt.date(2030, 12, 31), Status.NOT_STARTED),
        "Khảo sát thực trạng": (dt.date(2026, 12, 31), Status.OVERDUE),
    }


def test_a_programme_s_last_year_is_stored_with_the_plan(db):
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 13/KH-UBND\nLâm Đồng, ngày 20 tháng 01 năm 2026\n"
            "KẾ HOẠCH\nThực hiện Chương trình phòng ngừa bạo lực trên cơ sở giới "
            "giai đoạn 2026 - 2030\nI. NHIỆM VỤ\n"
            "1. Truyền thông. Sở Văn hóa chủ trì. Thời gian: Hằng năm.\n")
    plan = plans.get(db, store_plan(db, parse_plan_text(text)))
    assert (plan.year, plan.year_to) == (2026, 2030)
    yearly = plans.get(db, store_plan(db, read_plan(PLAN93)))
    assert (yearly.year, yearly.year_to) == (2025, None)
