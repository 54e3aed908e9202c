"""Stored entities: what the store returns (plain dataclasses with their database ids)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .model import ItemKind, LegalBasis, Role, Status, TimeFrame


@dataclass
class Plan:
    id: int | None = None
    number: str | None = None
    doc_type: str | None = "KH"
    issuer: str | None = None
    place: str | None = None
    issued_on: dt.date | None = None
    effective_on: dt.date | None = None
    signer: str | None = None
    signer_authority: str | None = None
    signer_title: str | None = None
    title: str | None = None
    domain_field: str | None = None
    year: int | None = None
    year_to: int | None = None  # the last year of a multi-year programme
    status: str = "draft"  # draft, issued, closed
    recipients: list[str] = field(default_factory=list)
    legal_bases: list[LegalBasis] = field(default_factory=list)
    truncated: bool = False
    source_file: str | None = None


@dataclass
class Item:
    id: int | None = None
    plan_id: int = 0
    parent_id: int | None = None
    position: int = 1  # 1-based among siblings
    kind: ItemKind = ItemKind.ROMAN
    label: str = ""  # derived from position, e.g. "a"
    ref: str = ""  # derived reference, e.g. "II.1.a"
    source_label: str | None = None  # the label as imported
    title: str = ""
    text: str = ""
    is_activity: bool = False
    time_frame: TimeFrame = field(default_factory=TimeFrame)
    output: str = ""
    budget: float | None = None
    budget_source: str = ""
    depth: int = 0
    child_count: int = 0


@dataclass
class Agency:
    id: int | None = None
    name: str = ""
    short_name: str = ""
    kind: str = ""  # so_nganh, doan_the, mat_tran, luc_luong_vu_trang, ubnd_xa, bao_chi, trung_uong, khac
    level: str = "tinh"  # trung_uong, tinh, xa
    parent_id: int | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    successor_id: int | None = None
    active: bool = True
    note: str = ""


@dataclass
class Assignment:
    id: int | None = None
    item_id: int = 0
    agency_id: int = 0
    role: Role = Role.LEAD
    agency_name: str = ""
    is_sample: bool = False


@dataclass
class Period:
    id: int | None = None
    plan_id: int = 0
    name: str = ""
    kind: str = "year"  # year, half, quarter, action_month, adhoc
    start_on: dt.date | None = None
    end_on: dt.date | None = None
    due_on: dt.date | None = None


# What an agency reports; OVERDUE is never typed in, it is derived from the due date.
REPORTED_STATUSES = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.DONE_ON_TIME)


@dataclass
class ProgressReport:
    id: int | None = None
    item_id: int = 0
    agency_id: int = 0
    period_id: int = 0
    status: Status = Status.NOT_STARTED
    percent: int | None = None
    result: str = ""
    sessions: int | None = None
    participants: int | None = None
    men: int | None = None
    women: int | None = None
    evidence: str = ""
    difficulties: str = ""
    proposals: str = ""
    spending: float | None = None
    completed_on: dt.date | None = None
    is_sample: bool = False


@dataclass
class Indicator:
    id: int | None = None
    code: str = ""
    name: str = ""
    unit: str = "%"
    direction: str = ">="  # ">=" higher is better, "<=" lower is better
    baseline: float | None = None
    baseline_year: int | None = None
    source: str = ""
    note: str = ""
    targets: dict[int, float] = field(default_factory=dict)  # year -> target value


@dataclass
class IndicatorValue:
    id: int | None = None
    indicator_id: int = 0
    year: int = 0
    value: float | None = None
    men: float | None = None
    women: float | None = None
    note: str = ""
    is_sample: bool = False
