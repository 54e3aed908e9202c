"""The overview's indicators: counted by assessment for the evaluation year by the one rule
(status.assess_indicator), those behind named, at risk first; on a real demo database."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter

from gbapp.domain.entities import Indicator, IndicatorValue, Plan
from gbapp.domain.status import Assessment
from gbapp.services import documents, overview
from gbapp.store import indicators, plans

TODAY = dt.date(2027, 3, 1)  # not the plan's year: the plan's year is the one judged


def add(db, code: str, figure: dict | None = None, year: int = 2025, **fields) -> int:
    ind_id = indicators.save(db, Indicator(code=code, name=f"Chỉ tiêu thử {code}", **fields))
    if figure is not None:
        indicators.save_value(db, IndicatorValue(indicator_id=ind_id, year=year, **figure))
    return ind_id


def add_every_state(db) -> dict[str, int]:
    """Beside the demo's nine (2 met, 7 not met in 2025): one or two of each other state."""
    return {
        # 2025 is half-way from 10 (2020) to 60 (2030): 20 is behind the line (35)
        "risk_up": add(db, "KT1", {"value": 20}, baseline=10, baseline_year=2020,
                       targets={2030: 60}),
        # lower is better: 45 is behind the line from 50 down to 10 (30 expected)
        "risk_down": add(db, "KT2", {"value": 45}, direction="<=", baseline=50,
                         baseline_year=2020, targets={2030: 10}),
        # a figure of another year only: none for 2025
        "unknown": add(db, "KT3", {"value": 70}, year=2024, targets={2025: 50}),
        "no_target": add(db, "KT4", {"value": 5}),
        # a rate given for men and women only: no overall figure to judge
        "no_total": add(db, "KT5", {"men": 40, "women": 50}, targets={2025: 50}),
        # a count entered as men and women: their sum (60) is its figure, and meets 50
        "met_by_sum": add(db, "KT6", {"men": 30, "women": 30}, unit="người",
                          targets={2025: 50}),
    }


def plan_id(db) -> int:
    return plans.latest_id(db)


def test_counts_for_the_plans_year_by_the_one_rule(demo_db):
    add_every_state(demo_db)
    standing = overview.load(demo_db, plan_id(demo_db), TODAY).indicators
    assert standing.year == 2025 == plans.get(demo_db, plan_id(demo_db)).year
    assert standing.counts == {
        Assessment.MET: 3, Assessment.AT_RISK: 2, Assessment.NOT_MET: 7,
        Assessment.UNKNOWN: 1, Assessment.NO_TARGET: 1, Assessment.NO_TOTAL: 1}
    assert standing.total == len(indicators.list_indicators(demo_db)) == 15
    # the report's appendix judges them the same way
    appendix, _sample = documents.indicator_rows(demo_db, 2025)
    assert Counter(r.assessment for r in appendix) == +Counter(standing.counts)


def test_those_behind_are_named_at_risk_first_then_not_met(demo_db):
    ids = add_every_state(demo_db)
    standing = overview.load(demo_db, plan_id(demo_db), TODAY).indicators
    behind = [(ind.id, a) for ind, a in standing.behind]
    assert behind[:2] == [(ids["risk_up"], Assessment.AT_RISK),
                          (ids["risk_down"], Assessment.AT_RISK)]
    appendix, _ = documents.indicator_rows(demo_db, 2025)
    not_met = [r.code for r in appendix if r.assessment == Assessment.NOT_MET]
    assert [ind.code for ind, _ in standing.behind[2:]] == not_met
    assert {a for _, a in standing.behind[2:]} == {Assessment.NOT_MET}
    assert len(not_met) == 7
    assert standing.behind[0][0].name == "Chỉ tiêu thử KT1"


def test_another_year_judges_again(demo_db):
    """A plan of 2024: the figures of 2024 are judged, not those of 2025."""
    ids = add_every_state(demo_db)
    plan = plans.get(demo_db, plan_id(demo_db))
    plans.update(demo_db, dataclasses.replace(plan, year=2024, year_to=None))
    standing = overview.load(demo_db, plan.id, TODAY).indicators
    assert standing.year == 2024
    judged = {ind.id: a for ind, a in standing.behind}
    assert ids["risk_up"] not in judged  # no 2024 figure
    appendix, _ = documents.indicator_rows(demo_db, 2024)
    assert Counter(r.assessment for r in appendix) == +Counter(standing.counts)
    assert standing.counts[Assessment.MET] >= 1  # KT3's 2024 figure (70) meets 2025's 50


def test_a_plan_without_a_year_is_judged_for_this_year(demo_db):
    plan = plans.get(demo_db, plan_id(demo_db))
    plans.update(demo_db, dataclasses.replace(plan, year=None, year_to=None))
    assert overview.load(demo_db, plan.id, TODAY).indicators.year == 2027
    assert overview.evaluation_year(None, TODAY) == 2027
    assert overview.evaluation_year(Plan(year=2026), TODAY) == 2026


def test_no_indicators(demo_db):
    for ind in indicators.list_indicators(demo_db):
        indicators.delete(demo_db, ind.id)
    standing = overview.load(demo_db, plan_id(demo_db), TODAY).indicators
    assert standing.total == 0 and standing.behind == []


def test_values_of_one_year(demo_db):
    ids = add_every_state(demo_db)
    of_2024 = indicators.values(demo_db, year=2024)
    assert of_2024 and {v.year for v in of_2024} == {2024}
    assert [v.year for v in indicators.values(demo_db, ids["unknown"], year=2024)] == [2024]
    assert indicators.values(demo_db, ids["unknown"], year=2025) == []
