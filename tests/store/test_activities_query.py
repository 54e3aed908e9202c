"""The activities list's derived status in SQL agrees with the domain rule, for every case."""

from __future__ import annotations

import datetime as dt
import itertools

from gbapp.domain.model import Status
from gbapp.domain.status import derive_status
from gbapp.store.activities import STATUS_SQL


def test_sql_status_matches_the_domain_rule(db):
    today = dt.date(2025, 6, 15)
    dates = [None, dt.date(2025, 6, 1), dt.date(2025, 6, 15), dt.date(2025, 7, 1)]
    progress = [None, Status.IN_PROGRESS.value, Status.DONE_ON_TIME.value]
    for state, due, done in itertools.product(progress, dates, dates):
        row = db.execute(
            f"SELECT {STATUS_SQL} FROM (SELECT :p AS progress_status, :due AS tf_end, "
            ":done AS completed_on, 0 AS tf_recurring, NULL AS tf_start) AS i",
            {"p": state, "due": due and due.isoformat(), "done": done and done.isoformat(),
             "today": today.isoformat()}).fetchone()
        assert Status(row[0]) == derive_status(state, due, done, today), (state, due, done)


def test_search_ignores_diacritics_and_sorts_in_vietnamese_order(demo_db):
    from gbapp.domain.text import fold, vi_sort_key
    from gbapp.store import activities, items, plans

    plan_id = plans.latest_id(demo_db)
    f = activities.ActivityFilter(text="BINH DANG gioi")
    rows = activities.query(demo_db, plan_id, f, today=dt.date(2025, 6, 1), sort="lead")
    expected = {i.id for i in items.all_items(demo_db, plan_id) if i.is_activity
                and all(w in fold(f"{i.title} {i.text} {i.time_frame.text}")
                        for w in ("binh", "dang", "gioi"))}
    assert expected and {r.id for r in rows} == expected
    leads = [r.lead for r in rows]
    assert leads == sorted(leads, key=vi_sort_key)
    assert activities.count(demo_db, plan_id, f, today=dt.date(2025, 6, 1)) == len(rows)


def test_every_query_plan_gives_the_same_rows(demo_db, monkeypatch):
    """A search's page may come from scanning the first items in order (common words), from
    the full-text matches sorted (rare words) or from the sort order filtered by the matches:
    all give the rows of the plain query, and paging continues without repeats."""
    from gbapp.store import activities, plans

    plan_id = plans.latest_id(demo_db)
    today = dt.date(2025, 6, 1)
    n = demo_db.execute("SELECT COUNT(*) FROM items WHERE plan_id = ? AND is_activity = 1",
                        [plan_id]).fetchone()[0]
    terms = ["binh dang", "BÌNH ĐẲNG GIỚI", "to chuc", "so", "tuyên truyền", "khong-co-dau-nay",
             "a", '"quoted" 100%']
    for scan_rows, few, sort, descending in itertools.product(
            (3, 10_000), (0, 2000), tuple(activities.SORT_COLUMNS), (False, True)):
        monkeypatch.setattr(activities, "SCAN_ROWS", scan_rows)
        monkeypatch.setattr(activities, "FEW_MATCHES", few)
        direction = " DESC" if descending else ""
        order = f"{activities.SORT_COLUMNS[sort]}{direction}, i.sort_path{direction}"
        for text in terms:
            for limit in (1, 2, 5, n + 1):
                f = activities.ActivityFilter(text=text)
                got = [r.id for r in activities.query(demo_db, plan_id, f, today=today,
                                                      limit=limit, sort=sort,
                                                      descending=descending)]
                where, params = activities._where(f, plan_id, today)
                everything = [r[0] for r in demo_db.execute(
                    f"SELECT i.id, {activities.STATUS_SQL} AS status FROM items i "
                    f"LEFT JOIN agencies g ON g.id = i.lead_agency_id "
                    f"WHERE {where} ORDER BY {order}", params)]
                assert got == everything[:limit], (scan_rows, few, sort, descending, text, limit)
                rest = activities.query(demo_db, plan_id, f, today=today, limit=limit,
                                        offset=len(got), sort=sort, descending=descending)
                assert [r.id for r in rest] == everything[len(got):len(got) + limit]


def test_search_finds_words_by_their_start(db, monkeypatch):
    """Each word of the search box is found where a stored word starts, through the index or
    in SQL alike; punctuation in it is a word break, and punctuation alone filters nothing."""
    from gbapp.importers import parse_plan_text
    from gbapp.services.importing import store_plan
    from gbapp.store import activities

    plan_id = store_plan(db, parse_plan_text(
        "KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2025\n"
        "I. NHIỆM VỤ\n"
        "1. Tập huấn bình đẳng giới. Sở Y tế chủ trì. Thời gian: trước ngày 15/12/2025.\n"
        "2. Truyền thông phòng, chống bạo lực. Công an tỉnh chủ trì. Thời gian: Quý III/2025.\n"
        "3. Hội thi. Sở Tư pháp chủ trì. Thời gian: Quý I/2025.\n"))
    today = dt.date(2025, 6, 1)

    def found(text: str) -> set[str]:
        f = activities.ActivityFilter(text=text)
        rows = activities.query(db, plan_id, f, today=today)
        assert activities.count(db, plan_id, f, today=today) == len(rows)
        return {r.title.split(".")[0] for r in rows}

    both = {"Tập huấn bình đẳng giới", "Truyền thông phòng, chống bạo lực", "Hội thi"}
    cases = {
        "binh da": {"Tập huấn bình đẳng giới"}, "BÌNH ĐẲNG": {"Tập huấn bình đẳng giới"},
        "inh": set(), "ang": set(), "15/12": {"Tập huấn bình đẳng giới"},
        "15/12/2025": {"Tập huấn bình đẳng giới"}, "12/2025": {"Tập huấn bình đẳng giới"},
        "5/12": set(), "quý iii/2025": {"Truyền thông phòng, chống bạo lực"},
        "phong, chong": {"Truyền thông phòng, chống bạo lực"}, "y te": {"Tập huấn bình đẳng giới"},
        "y e": set(), "!!": both, "2025": both,
        # references find that part of the plan, not "Quý I/2025" ("i 2025" as words)
        "I.1": {"Tập huấn bình đẳng giới"}, "i.2": {"Truyền thông phòng, chống bạo lực"},
        "I.": both, "II.1": set(), "I.2 bạo lực": {"Truyền thông phòng, chống bạo lực"},
        "I.3 bạo lực": set(), "quy i": {"Truyền thông phòng, chống bạo lực", "Hội thi"},
    }
    # the page from the index's matches, from the sort order filtered by them, or from a scan
    for scan_rows, few in itertools.product((0, 10_000), (0, 2000)):
        monkeypatch.setattr(activities, "SCAN_ROWS", scan_rows)
        monkeypatch.setattr(activities, "FEW_MATCHES", few)
        assert {text: found(text) for text in cases} == cases, (scan_rows, few)


def test_what_the_search_box_reads_as_a_reference():
    """A Roman numeral, a dot, labels with a number among them (or none at all): the items' refs
    are searched. Anything else is words, also what only looks alike ("v.v.", "TP.HCM",
    "1.000", "II.Nhiệm" pasted without its space); and a long word is read at once (a
    pattern that backtracked took seconds per keystroke on 25 letters)."""
    import time

    from gbapp.store import activities

    refs = {"I.2": "i.2", "ii.1.a": "ii.1.a", "I.": "i", "II.B.3": "ii.b.3",
            "II.1.a.-2": "ii.1.a.-2", "II.1.Đ": "ii.1.đ"}
    words = ["v.v", "v.v.", "II.B", "TP.HCM", "1.000", "II.Nhiệm", "15/12", "Quý"]
    assert {w: activities.references(w) for w in refs} == {w: [r] for w, r in refs.items()}
    assert all(activities.references(w) == [] for w in words)
    assert activities.search_terms("v.v. II.1 bình") == ["v v", "binh"]
    t0 = time.perf_counter()
    for _ in range(3):  # (2 s each with the old pattern)
        assert activities.references("I.kehoachbinhdanggioinam20-") == []
    assert time.perf_counter() - t0 < 0.5


def test_a_reference_with_đ_is_not_one_with_d(db):
    from gbapp.importers import parse_plan_text
    from gbapp.services.importing import store_plan
    from gbapp.store import activities

    points = "".join(f"{label}) Việc {label}. Sở Y tế chủ trì.\n" for label in "abcdđe")
    plan_id = store_plan(db, parse_plan_text(
        "KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2025\nI. NHIỆM VỤ\n"
        f"1. Truyền thông\n{points}"))

    def refs(text: str) -> list[str]:
        return [r.ref for r in activities.query(
            db, plan_id, activities.ActivityFilter(text=text), today=dt.date(2025, 6, 1))]

    assert refs("I.1.đ") == ["I.1.đ"] and refs("I.1.d") == ["I.1.d"]
    assert refs("i.1") == ["I.1.a", "I.1.b", "I.1.c", "I.1.d", "I.1.đ", "I.1.e"]
