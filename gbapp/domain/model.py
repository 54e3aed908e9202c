"""Plain dataclasses of the domain: what a plan is, as importers produce it and the store keeps it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    """An agency's role on an activity."""

    LEAD = "chu_tri"  # chủ trì
    COORDINATING = "phoi_hop"  # phối hợp


ROLE_LABELS = {Role.LEAD: "Chủ trì", Role.COORDINATING: "Phối hợp"}

# Marks the demo's invented figures and texts wherever they are shown or exported.
SAMPLE_MARK = "[Dữ liệu mẫu]"


class ItemKind(StrEnum):
    """How an item is numbered; the tree depth suggests it but a plan may skip a level."""

    ROMAN = "roman"  # I.
    ARABIC = "arabic"  # 1.
    LETTER = "letter"  # a)
    DASH = "dash"  # -
    PLUS = "plus"  # +


KIND_BY_DEPTH = [ItemKind.ROMAN, ItemKind.ARABIC, ItemKind.LETTER, ItemKind.DASH, ItemKind.PLUS]


class Status(StrEnum):
    """Progress status in the national task-tracking vocabulary."""

    NOT_STARTED = "chua_trien_khai"
    IN_PROGRESS = "dang_thuc_hien"
    OVERDUE = "qua_han"
    DONE_ON_TIME = "hoan_thanh_dung_han"
    DONE_LATE = "hoan_thanh_qua_han"


STATUS_LABELS = {
    Status.NOT_STARTED: "Chưa triển khai",
    Status.IN_PROGRESS: "Đang thực hiện (trong hạn)",
    Status.OVERDUE: "Quá hạn chưa hoàn thành",
    Status.DONE_ON_TIME: "Hoàn thành đúng hạn",
    Status.DONE_LATE: "Hoàn thành quá hạn",
}


@dataclass
class TimeFrame:
    """A time frame as written in the plan and as parsed dates (either may be None)."""

    text: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    recurring: bool = False  # "thường xuyên": no due date

    def to_json(self) -> dict:
        return {
            "text": self.text,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
        }


@dataclass
class LegalBasis:
    """A document the plan is based on (Căn cứ / Thực hiện …)."""

    doc_type: str = ""  # "Công văn", "Quyết định", "Tờ trình", "Luật", "Nghị quyết"…
    number: str = ""  # "739/BNV-CTTN&BĐG"
    issued_on: dt.date | None = None
    issuer: str = ""
    summary: str = ""
    # how the plan cites it ("Căn cứ", "Thực hiện"); "" when not read: chosen by its type
    verb: str = ""


@dataclass
class AgencyRef:
    """An agency named in an item's text, with its role there."""

    name: str
    role: Role


@dataclass
class ParsedItem:
    """One node of an imported plan's tree."""

    kind: ItemKind
    label: str  # the label as written: "I", "1", "a", "-", "+"
    title: str
    text: str = ""
    time_frame: TimeFrame | None = None
    agencies: list[AgencyRef] = field(default_factory=list)
    output: str = ""  # sản phẩm, when a table column gives it
    children: list[ParsedItem] = field(default_factory=list)


@dataclass
class PlanMeta:
    """A plan's metadata as read from its header and signature."""

    number: str | None = None  # "93/KH-UBND"
    doc_type: str | None = None  # "KH"
    issuer: str | None = None  # "UBND tỉnh Quảng Ngãi"
    place: str | None = None
    issued_on: dt.date | None = None
    effective_on: dt.date | None = None
    signer: str | None = None
    signer_authority: str | None = None  # "KT. CHỦ TỊCH"
    signer_title: str | None = None  # "PHÓ CHỦ TỊCH"
    title: str | None = None
    domain_field: str | None = None  # Lĩnh vực (e.g. "Văn hóa - Xã hội")
    year: int | None = None
    year_to: int | None = None  # the last year of a multi-year programme ("giai đoạn 2026 - 2030")
    legal_bases: list[LegalBasis] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    truncated: bool = False  # the text was cut off ("[...]")


@dataclass
class ParsedPlan:
    """What an importer returns: metadata and the item tree, not yet stored."""

    meta: PlanMeta
    items: list[ParsedItem]
    warnings: list[str] = field(default_factory=list)

    def walk(self):
        """Yield (depth, item) for every item in document order."""
        stack = [(0, it) for it in reversed(self.items)]
        while stack:
            depth, item = stack.pop()
            yield depth, item
            stack.extend((depth + 1, c) for c in reversed(item.children))
