"""A large synthetic plan for the GUI benchmark: 100,000 activities, 60 agencies (sample data).

    python3 benchmarks/gen_large.py [PATH] [N_ACTIVITIES]   # default benchmarks/results/large.db

Built in code as a ParsedPlan and written with services.importing.store_plan (one transaction,
executemany), then a share of activities gets a progress status so the status column varies.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from plangen import _OUTPUTS, _SECTIONS, _TIMES, _TOPICS, AGENCY_NAMES  # noqa: E402

from gbapp.domain.model import (  # noqa: E402
    AgencyRef,
    ItemKind,
    ParsedItem,
    ParsedPlan,
    PlanMeta,
    Role,
    TimeFrame,
)

POINTS = 20  # lettered points per numbered item (a … u)


def build_plan(n_activities: int = 100_000, seed: int = 0) -> ParsedPlan:
    rng = random.Random(seed)
    year = 2025
    from gbapp.domain.numbering import VI_LETTERS

    khoan = []
    remaining, k = n_activities, 0
    while remaining > 0:
        k += 1
        points = []
        for p in range(min(POINTS, remaining)):
            lead, coord = rng.sample(AGENCY_NAMES, 2)
            start = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(0, 300))
            end = start + dt.timedelta(days=rng.randrange(10, 200))
            points.append(ParsedItem(
                kind=ItemKind.LETTER, label=VI_LETTERS[p],
                title=f"{_TOPICS[rng.randrange(len(_TOPICS))]} (đợt {k}.{p + 1})",
                time_frame=TimeFrame(_TIMES[rng.randrange(len(_TIMES))], start, end),
                agencies=[AgencyRef(lead, Role.LEAD), AgencyRef(coord, Role.COORDINATING)],
                output=_OUTPUTS[rng.randrange(len(_OUTPUTS))]))
        khoan.append(ParsedItem(kind=ItemKind.ARABIC, label=str(k),
                                title=_SECTIONS[(k - 1) % len(_SECTIONS)], children=points))
        remaining -= len(points)
    sections = [
        ParsedItem(kind=ItemKind.ROMAN, label="I", title="MỤC ĐÍCH, YÊU CẦU", children=[
            ParsedItem(kind=ItemKind.ARABIC, label="1", title="Mục đích"),
            ParsedItem(kind=ItemKind.ARABIC, label="2", title="Yêu cầu")]),
        ParsedItem(kind=ItemKind.ROMAN, label="II", title="NHIỆM VỤ", children=khoan),
    ]
    meta = PlanMeta(number="999/KH-UBND", doc_type="KH", issuer="UBND tỉnh Quảng Ngãi",
                    place="Quảng Ngãi", issued_on=dt.date(year, 3, 15), year=year,
                    title="Kế hoạch mẫu rất lớn để đo hiệu năng (dữ liệu mẫu)")
    return ParsedPlan(meta=meta, items=sections)


def generate(path: Path, n_activities: int = 100_000) -> Path:
    from gbapp.services.importing import store_plan
    from gbapp.store import open_database

    path.parent.mkdir(parents=True, exist_ok=True)
    for leftover in (path, path.with_name(path.name + "-journal")):
        leftover.unlink(missing_ok=True)
    db = open_database(path)
    try:
        db.execute("PRAGMA synchronous = OFF")  # a generated file: no need to survive a power cut
        plan_id = store_plan(db, build_plan(n_activities))
        rng = random.Random(1)
        ids = [r[0] for r in db.execute(
            "SELECT id FROM items WHERE plan_id = ? AND is_activity = 1", [plan_id]).fetchall()]
        updates = [(rng.choice(["dang_thuc_hien", "hoan_thanh_dung_han"]), i)
                   for i in ids if rng.random() < 0.5]
        with db.atomic():
            db.conn.executemany("UPDATE items SET progress_status = ? WHERE id = ?", updates)
    finally:
        db.close()
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "benchmarks" / "results" / "large.db"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    t0 = time.perf_counter()
    generate(target, n)
    print(f"{n} activities written to {target} in {time.perf_counter() - t0:.1f} s")
