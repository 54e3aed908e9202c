"""Edits that take several store calls; the GUI runs each inside one ctx.perform (one undo step)."""

from __future__ import annotations

import datetime as dt

from ..domain.entities import Plan
from ..store import assignments, indicators, items, plans
from ..store.connection import Database


def save_activity(db: Database, value) -> None:
    """Save an item's fields, its lead and coordinating agencies and its linked indicators."""
    items.update(db, value.item)
    assignments.set_for_item(db, value.item.id, value.lead_id, value.coordinating)
    indicators.link_item(db, value.item.id, value.indicators)


def new_plan(db: Database, title: str, year: int | None = None) -> int:
    """An empty draft plan for *year* (default: this year)."""
    year = year or dt.date.today().year
    return plans.insert(db, Plan(title=title, year=year, status="draft"))
