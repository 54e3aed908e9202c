"""The generated large plans import correctly and fast enough."""

import sys
import time
from pathlib import Path

from gbapp.domain.model import Role
from gbapp.importers import parse_plan_text

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from benchmarks.plangen import AGENCY_NAMES, generate_plan_text  # noqa: E402


def test_agency_names():
    assert len(AGENCY_NAMES) == len(set(AGENCY_NAMES)) == 60
    assert {"Sở Nội vụ", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Công an tỉnh", "Hội Liên hiệp Phụ nữ tỉnh"} <= set(
        AGENCY_NAMES)


def test_generated_plan_structure():
    plan = parse_plan_text(generate_plan_text(205, seed=3))
    points = [it for depth, it in plan.walk() if depth == 2]
    assert len(points) == 205
    assert [it.label for it in points[:21]] == list("abcdđeghiklmnopqrstu") + ["a"]
    for p in points:
        roles = [a.role for a in p.agencies]
        assert roles == [Role.LEAD, Role.COORDINATING], p.title
        assert all(a.name in AGENCY_NAMES for a in p.agencies)
        assert p.time_frame is not None and p.output
    assert plan.meta.signer == "Nguyễn Văn Mẫu" and len(plan.meta.legal_bases) == 4
    # only the note on its organisation section's heading, which names two groups as leads
    assert [w for w in plan.warnings if "cùng chủ trì" not in w] == []
    assert len(plan.warnings) <= 1


def test_ten_thousand_activities_parse_quickly():
    text = generate_plan_text(10_000)
    best = float("inf")
    for _ in range(2):
        t0 = time.perf_counter()
        plan = parse_plan_text(text)
        best = min(best, time.perf_counter() - t0)
    assert sum(1 for depth, _ in plan.walk() if depth == 2) == 10_000
    # well under 1 s on a developer machine; generous here so that a loaded CI box does not flake
    assert best < 5.0, best
