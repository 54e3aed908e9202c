"""One rule for the year the indicators are judged for: the indicators page opens on the year
the overview counts them for, both taking it from gbapp.domain.status.evaluation_year."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from gbapp.domain import status
from gbapp.domain.entities import Plan
from gbapp.services import overview
from gbapp.store import plans


@pytest.fixture
def ctx(qapp, demo_db, tmp_path):
    from gbapp.ui.context import AppContext

    return AppContext(demo_db, tmp_path / "demo.db")


def test_the_rule_is_the_plans_year_else_this_year():
    today = dt.date(2027, 3, 1)
    assert status.evaluation_year(Plan(year=2026), today) == 2026
    assert status.evaluation_year(Plan(year=None), today) == 2027
    assert status.evaluation_year(None, today) == 2027


def test_the_page_and_the_overview_use_the_domains_rule(qtbot, ctx, monkeypatch):
    from gbapp.ui.pages import indicators_page

    assert overview.evaluation_year is status.evaluation_year
    # the page asks the rule, it has no copy of its own: a rule that said otherwise is followed
    monkeypatch.setattr(indicators_page, "evaluation_year", lambda plan, today: 2031)
    page = indicators_page.IndicatorsPage(ctx)
    qtbot.addWidget(page)
    assert page.year.value() == 2031


@pytest.mark.parametrize("plan_year", [2024, None])
def test_the_page_opens_on_the_year_the_overview_counts(qtbot, ctx, plan_year):
    from gbapp.ui.pages.indicators_page import IndicatorsPage

    plan = plans.get(ctx.db, ctx.plan_id)
    plans.update(ctx.db, dataclasses.replace(plan, year=plan_year, year_to=None))
    page = IndicatorsPage(ctx)
    qtbot.addWidget(page)
    counted = overview.load(ctx.db, ctx.plan_id, dt.date.today()).indicators.year
    assert page.year.value() == counted == (plan_year or dt.date.today().year)
