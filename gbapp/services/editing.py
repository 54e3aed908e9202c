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


class PlanNumberTakenError(ValueError):
    """Another plan has this number (the numbers are compared without case and spaces)."""

    def __init__(self, number: str, other_id: int):
        self.number, self.other_id = number, other_id
        super().__init__(f"Số ký hiệu «{number}» đã dùng cho kế hoạch khác. "
                         f"(plan number already used by plan {other_id})")


def check_plan_number(db: Database, plan: Plan) -> None:
    """Raise PlanNumberTakenError if another plan already has *plan*'s number."""
    if plan.number and (other := plans.find_by_number(db, plan.number,
                                                      other_than=plan.id)) is not None:
        raise PlanNumberTakenError(plan.number.strip(), other)


def save_plan(db: Database, plan: Plan) -> None:
    """Save a plan's metadata; its number must be free (see check_plan_number)."""
    check_plan_number(db, plan)
    plans.update(db, plan)


def new_plan(db: Database, title: str, year: int | None = None) -> int:
    """An empty draft plan for *year* (default: this year)."""
    year = year or dt.date.today().year
    return plans.insert(db, Plan(title=title, year=year, status="draft"))
