"""What the official documents say, gathered from the store into plain dataclasses.

The generators in `gbapp.exporters` take these objects and never query the database, so they can
be tested on hand-made data and run in a worker thread from a connection of its own.

Store functions are used wherever one exists. Three reads that a 10,000-activity plan needs in
bulk (all assignments of a plan, all reports of a set of periods, the plan's derived statuses)
are written here as single queries; they could move to `gbapp/store/` later.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from ..domain.dates import format_date
from ..domain.entities import Indicator, Item, Period, Plan, ProgressReport
from ..domain.issuers import (
    COMMITTEE_PREFIXES,
    agency_code,
    archive_line,
    committee_unit,
    signer_lines,
)
from ..domain.model import ItemKind, Role, Status
from ..domain.numbering import is_task_group, legal_reference
from ..domain.status import assess_indicator, derive_status, due_in, in_round, settled
from ..domain.text import clean_line, clean_text, fold, names_a_group, vi_sort_key
from ..domain.timeframe import frame_text
from ..domain.validation import figure_total, format_decimal
from ..store import activities as activity_store
from ..store import (
    agencies,
    assignments,
    convert,
    indicators,
    items,
    periods,
    plans,
    progress,
    settings,
)
from ..store.connection import Database


class DocumentDataError(Exception):
    """The data a document needs is missing (no plan, unknown period); str() is Vietnamese."""


# --------------------------------------------------------------------------------------------
# The header block and the signature: who issues the document, its number, date and signer.


@dataclass
class Letterhead:
    organisation: str  # issuing agency: "Sở Nội vụ"
    parent_agency: str = ""  # "UBND tỉnh Quảng Ngãi"; "" when the issuer is the province itself
    place: str = ""
    number: str = ""  # "15"; "" leaves room to write the number by hand
    code: str = ""  # what follows the slash: "BC-SNV", "KH-UBND", "SNV-CTTN&BĐG"
    date: dt.date | None = None  # None leaves day and month blank
    year: int | None = None  # for a blank date line
    signer: str = ""
    signer_authority: str = ""  # "KT. GIÁM ĐỐC"
    signer_title: str = ""  # "PHÓ GIÁM ĐỐC"
    recipients: list[str] = field(default_factory=list)  # Nơi nhận, without "- " and ";"
    archive_line: str = "Lưu: VT."
    report_to: str = ""  # "Kính gửi" of a report when not the parent agency

    @property
    def addressee(self) -> str:
        """Whom our reports go to: the one set in Cài đặt, else the parent agency."""
        return clean_line(self.report_to) or clean_line(self.parent_agency)

    @property
    def reference(self) -> str:
        """'15/BC-SNV' (or '/BC-SNV' while the number is blank)."""
        return f"{clean_line(self.number)}/{clean_line(self.code)}"

    @property
    def number_line(self) -> str:
        number = clean_line(self.number)
        return f"Số: {number}/{self.code}" if number else f"Số:        /{self.code}"


def vn_date_line(place: str, date: dt.date | None, year: int | None = None) -> str:
    """'Quảng Ngãi, ngày 05 tháng 12 năm 2025': day < 10 and months 1-2 with a leading zero."""
    place = clean_line(place)
    if date is None:
        return f"{place}, ngày      tháng      năm {year or dt.date.today().year}"
    day = f"{date.day:02d}"
    month = f"{date.month:02d}" if date.month in (1, 2) else str(date.month)
    return f"{place}, ngày {day} tháng {month} năm {date.year}"


_PARENTHESES_RE = re.compile(r"\s*\([^()]*\)")


def unit_code(archive_line: str) -> str:
    """The drafting unit named in 'Lưu: VT, CTTN&BĐG.' -> 'CTTN&BĐG' ('' if none); the number
    of copies or the drafter's initials in brackets are not part of it ('Lưu: VT, VHXH (02).')."""
    text = _PARENTHESES_RE.sub("", clean_line(archive_line)).rstrip(". ")
    if ":" in text:
        text = text.split(":", 1)[1]
    parts = [p.strip() for p in text.split(",") if p.strip()]
    parts = [p for p in parts if p.upper() != "VT" and not p.isdigit()]
    return parts[-1] if parts else ""


_PROVINCE_RE = re.compile(r"\b(tỉnh|thành phố)\s+(\S.*)$", re.IGNORECASE)
# Cities under the central government: their UBND is province-level.
_CENTRAL_CITIES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")


def _province_of(issuer: str) -> str | None:
    """'UBND tỉnh Gia Lai' for a plan issued by that province or one of its departments ('Sở Y
    tế tỉnh Lào Cai'); None for a commune, a district, a Party body…: their province is unknown."""
    m = _PROVINCE_RE.search(issuer)
    if m is None:
        return None
    level, name = m.group(1).lower(), m.group(2).strip()
    if level == "thành phố" and not name.startswith(_CENTRAL_CITIES):
        return None  # a provincial city, not a province
    head = issuer[:m.start()].strip()
    if head in COMMITTEE_PREFIXES or head.startswith("Sở "):
        if name == "Hồ Chí Minh":  # Decree 30's own spelling, with a capital T
            level = "Thành phố"
        return f"UBND {level} {name}"
    return None


# The administrative unit at the end of an issuer's name: "UBND tỉnh Lâm Đồng", "Sở Y tế tỉnh
# Lào Cai", "UBND xã Tịnh Hà".
_UNIT_RE = re.compile(r"(?:^|\s)(?P<level>tỉnh|thành phố|thị xã|thị trấn|huyện|quận|xã|phường)\s+"
                      r"(?P<name>[^\s,;()]+(?:\s+[^\s,;()]+)*)$", re.IGNORECASE)


def place_of(issuer: str | None) -> str:
    """The place an issuer's documents are dated in (Decree 30: the name of the administrative
    unit where it sits): 'UBND tỉnh Lâm Đồng' -> 'Lâm Đồng', 'Sở Y tế tỉnh Lào Cai' -> 'Lào
    Cai', 'UBND xã Tịnh Hà' -> 'Tịnh Hà'; '' when the name does not say ('Sở Nội vụ', 'Ban
    Vì sự tiến bộ của phụ nữ tỉnh'). A unit named after a person or by a number is written in
    full: 'Thành phố Hồ Chí Minh', 'Phường 1'."""
    m = _UNIT_RE.search(clean_line(issuer))
    if m is None:
        return ""
    name = m.group("name")
    if name[:1].isdigit() or name == "Hồ Chí Minh":
        return f"{m.group('level').capitalize()} {name}"
    return name if name[:1].isupper() else ""


def _committee_settings(plan: Plan) -> dict[str, str] | None:
    """For the plan of a people's committee below the province ("UBND xã Hưng Nguyên"), that
    committee as the body writing the documents: gbapp is then used by the commune itself,
    and its documents go out under "ỦY BAN NHÂN DÂN / XÃ HƯNG NGUYÊN", signed as the plan was,
    not under the defaults' Sở Nội vụ. None for any other issuer. (Its agency code and archive
    line follow it as any writer's do: _writer_codes.)"""
    issuer = clean_line(plan.issuer or "")
    if committee_unit(issuer) is None:
        return None
    authority = clean_line(plan.signer_authority or "")
    title = clean_line(plan.signer_title or "")
    return {
        "organisation": issuer, "parent_agency": "",
        "place": clean_line(plan.place or "") or place_of(issuer),
        "signer": clean_line(plan.signer or ""),
        "signer_authority": authority or "TM. ỦY BAN NHÂN DÂN",
        "signer_title": title or "CHỦ TỊCH",
    }


# Document type codes a plan's number may begin its code with ("93/KH-UBND").
_TYPE_CODES = {"KH", "BC", "QĐ", "TTR", "TB", "HD", "CTR", "CT", "NQ", "CV"}


def _plan_agency_code(plan: Plan) -> str:
    """The agency code in the plan's own number: '93/KH-UBND' -> 'UBND', '45/KH-SYT' -> 'SYT';
    '' when the number has none."""
    number = clean_line(plan.number)
    kind, dash, agency = number.rsplit("/", 1)[-1].partition("-") if "/" in number else ("", "", "")
    if not dash or kind.upper() not in _TYPE_CODES | {clean_line(plan.doc_type or "").upper()}:
        return ""
    return agency.split("-")[0].strip()


def _plan_archive_line(plan: Plan) -> str:
    """The plan's own "Lưu: VT, VHXH." line from its Nơi nhận ('' when it was not read)."""
    for r in plan.recipients:
        text = clean_line(r).lstrip("-+• ").rstrip(".;").strip()
        if not fold(text).startswith("luu"):
            continue
        # the plan's own copies and drafter ("VT, VX (H.20b)") are not the report's
        body = clean_line(_PARENTHESES_RE.sub(" ", text[len("Lưu"):])).strip(" :,.;")
        if body:
            return f"Lưu: {body}."
    return ""


def _writer_codes(org: settings.OrgSettings, saved: set[str],
                  plan: Plan | None) -> dict[str, str]:
    """The agency code ("BC-SNV") and archive line ("Lưu: VT, CTTN&BĐG.") of the body writing
    the documents, for those not typed in Cài đặt: the built-in ones belong to the defaults'
    Sở Nội vụ (its gender-equality unit), and came out on a commune's or a Sở Y tế's documents.

    Typed means saved, not blank, and not the built-in value: Cài đặt saved every field at once
    before it left these unsaved unless typed, so a built-in value saved with another
    organisation was carried along, not typed (nobody outside a Sở Nội vụ writes 'SNV'). The
    writer's own come from the plan when the writer issued it (its number's code, its Nơi
    nhận's "Lưu" line), else from its name (domain.issuers: 'UBND', 'SYT'; 'Lưu: VT, VHXH.'
    for a commune, else 'Lưu: VT.'). The signature lines likewise (see below)."""
    built_in = settings.OrgSettings()
    if is_issuer(org.organisation, built_in.organisation):
        return {}  # the defaults' own body: its built-in values stand, as before
    own_plan = plan is not None and is_issuer(plan.issuer or "", org.organisation)
    derived = {
        "agency_code": (own_plan and _plan_agency_code(plan)) or agency_code(org.organisation),
        "archive_line": (own_plan and _plan_archive_line(plan)) or archive_line(org.organisation),
    }
    changes = {}
    for name, value in derived.items():
        typed = clean_line(getattr(org, name))
        if name in saved and typed and typed != getattr(built_in, name):
            continue  # the user's own: never replaced
        if value:
            changes[name] = value
    # The signature lines the same way, but only where they still read the defaults' "KT. GIÁM
    # ĐỐC / PHÓ GIÁM ĐỐC" (a commune's plan proposes its own: _committee_settings): the plan's
    # own when the writer issued it, else the usual ones of the body (domain.issuers)
    lines = ((clean_line(plan.signer_authority), clean_line(plan.signer_title))
             if own_plan and clean_line(plan.signer_title) else None) \
        or signer_lines(org.organisation)
    if lines is not None:
        for name, value in zip(("signer_authority", "signer_title"), lines, strict=True):
            if clean_line(getattr(org, name)) == getattr(built_in, name) and value:
                changes[name] = value
    return changes


def organisation_settings(db: Database,
                          plan: Plan | None = None) -> tuple[settings.OrgSettings, str]:
    """Our organisation's settings and where they come from: "saved" (Cài đặt), "plan" (parent
    agency and place taken from the plan of a province or its department: a plan of Gia Lai must
    not be reported on under the defaults' "UBND tỉnh Quảng Ngãi", nor dated "Quảng Ngãi, ngày
    …"; the place is the plan's, else its province's name), or "default" (nothing saved and
    nothing to go by: the caller should say so). Agency code and archive line not typed follow
    the writer (_writer_codes)."""
    saved = settings.saved_fields(db)
    org, source = _organisation_and_source(db, plan, saved)
    return replace(org, **_writer_codes(org, saved, plan)), source


def writer_settings(db: Database, plan: Plan | None, organisation: str) -> dict[str, str]:
    """The agency code, archive line and signature lines documents would use if *organisation*
    wrote them (Cài đặt fills them in as the organisation is typed; typed values stand)."""
    saved = settings.saved_fields(db)
    org, _source = _organisation_and_source(db, plan, saved)
    if "organisation" not in saved or clean_line(org.organisation) != clean_line(organisation):
        # the values proposed for another body are its own, not what was carried along for
        # the one before (built-in ones, or a commune plan's signature)
        built_in = settings.OrgSettings()
        org = replace(org, organisation=organisation, **{
            name: getattr(built_in, name) for name in settings.FOLLOW_WRITER
            if name not in saved})
    org = replace(org, **_writer_codes(org, saved, plan))
    return {name: getattr(org, name) for name in settings.FOLLOW_WRITER}


def _organisation_and_source(db: Database, plan: Plan | None,
                             saved: set[str]) -> tuple[settings.OrgSettings, str]:
    org = settings.load(db)
    if "parent_agency" in saved:
        return org, "saved"
    province = _province_of(clean_line(plan.issuer or "")) if plan is not None else None
    if province is None:
        own = _committee_settings(plan) if plan is not None else None
        if own is None:
            return org, "default"
        return replace(org, **{k: v for k, v in own.items() if k not in saved}), "plan"
    changes = {"parent_agency": province}
    if "place" not in saved:
        # the province's place (as the plan writes it, else its name): documents under
        # "UBND TỈNH LÂM ĐỒNG" are not dated in the defaults' "Quảng Ngãi"
        changes["place"] = clean_line(plan.place) or place_of(province)
    return replace(org, **changes), "plan"


def letterhead_from_settings(db: Database, *, type_code: str | None, number: str = "",
                             date: dt.date | None = None, year: int | None = None,
                             recipients: list[str] | None = None, signer: str | None = None,
                             signer_authority: str | None = None,
                             signer_title: str | None = None,
                             plan: Plan | None = None) -> Letterhead:
    """Our organisation's letterhead. *type_code* 'BC' gives 'BC-SNV'; None (a công văn) gives
    'SNV-<unit>' with the unit taken from the archive line. With *plan*, parent agency and place
    never set in Cài đặt follow the plan's issuer (organisation_settings)."""
    org, _source = organisation_settings(db, plan)
    missing = [label for label, value in (("cơ quan ban hành văn bản", org.organisation),
                                          ("địa danh", org.place)) if not clean_line(value)]
    if missing:  # the document would read "của ./." or ", ngày 15 tháng 6 năm 2025"
        raise DocumentDataError(
            f"Cài đặt chưa có {' và '.join(missing)}: vào Tệp → Cài đặt để nhập, rồi xuất lại. "
            "(organisation or place not set)")
    if type_code:
        code = f"{type_code}-{org.agency_code}"
    else:
        unit = unit_code(org.archive_line)
        code = f"{org.agency_code}-{unit}" if unit else org.agency_code
    return Letterhead(
        organisation=org.organisation, parent_agency=org.parent_agency, place=org.place,
        number=clean_line(number), code=code, date=date,
        year=year or (date.year if date else dt.date.today().year),
        signer=clean_line(org.signer if signer is None else signer),
        signer_authority=clean_line(org.signer_authority if signer_authority is None
                                    else signer_authority),
        signer_title=clean_line(org.signer_title if signer_title is None else signer_title),
        recipients=(list(recipients) if recipients is not None
                    else ["Như trên", leadership_of(org.organisation)]),
        archive_line=org.archive_line or "Lưu: VT.", report_to=clean_line(org.report_to),
    )


_LED_BY_A_HEAD = ("Sở", "Ban", "Phòng", "Văn phòng", "Chi cục", "Cục", "Trung tâm", "Thanh tra",
                  "Hội", "Trường", "Bệnh viện")


def leadership_of(organisation: str) -> str:
    """The Nơi nhận line for our own leaders: 'Lãnh đạo Sở' for a department, 'Chủ tịch, các
    Phó Chủ tịch UBND xã Tịnh Hà' for a people's committee, else 'Lãnh đạo đơn vị'."""
    name = clean_line(organisation)
    unit = committee_unit(name)
    if unit is not None:
        return f"Chủ tịch, các Phó Chủ tịch UBND {unit}"
    head = next((h for h in _LED_BY_A_HEAD if name == h or name.startswith(h + " ")), None)
    return f"Lãnh đạo {head}" if head else "Lãnh đạo đơn vị"


def plan_reference(plan: Plan) -> str:
    """'Kế hoạch số 93/KH-UBND ngày 23/04/2025 của UBND tỉnh Quảng Ngãi'."""
    text = "Kế hoạch"
    if plan.number:
        text += f" số {plan.number}"
    if plan.issued_on:
        text += f" ngày {format_date(plan.issued_on)}"
    if plan.issuer:
        text += f" của {plan.issuer}"
    return text


def lower_first(text: str) -> str:
    """'Triển khai …' -> 'triển khai …' (leaves acronyms such as 'UBND' alone)."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


# --------------------------------------------------------------------------------------------
# Shared reads.


def resolve_plan(db: Database, plan: int | str | None = None) -> Plan:
    """A plan by id, by number ('93/KH-UBND' or '93'), or the most recent one."""
    plan_id: int | None = None
    if plan is None or plan == "":
        plan_id = plans.latest_id(db)
        if plan_id is None:
            raise DocumentDataError("Cơ sở dữ liệu chưa có kế hoạch nào. (no plan in the database)")
    elif isinstance(plan, int):
        plan_id = plan
    else:
        text = clean_line(str(plan))
        plan_id = plans.find_by_number(db, text)
        if plan_id is None:
            for p in plans.list_plans(db):
                if p.number and text.lower() in (p.number.split("/")[0], p.number.lower()):
                    plan_id = p.id
                    break
        if plan_id is None and text.isdigit():
            plan_id = int(text) if plans.get(db, int(text)) else None
        if plan_id is None:
            raise DocumentDataError(f"Không tìm thấy kế hoạch «{text}». (plan not found)")
    found = plans.get(db, plan_id)
    if found is None:
        raise DocumentDataError(f"Không tìm thấy kế hoạch mã {plan_id}. (plan not found)")
    return found


def default_period(db: Database, plan_id: int) -> Period | None:
    """The plan's year period, else its last period."""
    found = periods.list_periods(db, plan_id)
    yearly = [p for p in found if p.kind == "year"]
    if yearly:
        return yearly[-1]
    return found[-1] if found else None


def resolve_period(db: Database, plan_id: int, period: int | str | None = None) -> Period | None:
    """A period of the plan by id or name (case-insensitive), or the default one."""
    if period is None or period == "":
        return default_period(db, plan_id)
    found = periods.list_periods(db, plan_id)
    text = clean_line(str(period))
    for p in found:
        if str(p.id) == text or p.name.casefold() == text.casefold():
            return p
    names = ", ".join(f"«{p.name}»" for p in found) or "không có"
    raise DocumentDataError(f"Kế hoạch không có kỳ báo cáo «{text}» (các kỳ: {names}). "
                            "(unknown reporting period)")


def included_periods(db: Database, period: Period) -> list[Period]:
    """The period and the plan's periods that lie inside it (a year takes in its half-year)."""
    inside = set(periods.included_ids(db, period.id)) - {period.id}
    return [period] + [p for p in periods.list_periods(db, period.plan_id) if p.id in inside]


@dataclass(slots=True)
class AssignmentRef:
    item_id: int
    agency_id: int
    agency: str
    role: Role
    is_sample: bool


def plan_assignments(db: Database, plan_id: int) -> dict[int, list[AssignmentRef]]:
    """Every assignment of the plan by item id: lead first, then coordinating in Vietnamese order."""
    return {item_id: [AssignmentRef(a.item_id, a.agency_id, a.agency_name, a.role, a.is_sample)
                      for a in refs]
            for item_id, refs in assignments.for_plan(db, plan_id).items()}


def plan_items(db: Database, plan_id: int) -> list[Item]:
    """Every item of the plan in document order (children are not counted: not needed here)."""
    return items.all_items(db, plan_id, child_count=False)


def derived_statuses(db: Database, plan_id: int, today: dt.date) -> dict[int, Status]:
    """The shown status of every activity (overdue derived from *today*)."""
    return activity_store.statuses(db, plan_id, today=today)


def chosen_reports(db: Database, plan_item_ids: set[int], period: Period,
                   inside: list[Period]) -> dict[tuple[int, int], tuple[ProgressReport, Period]]:
    """(item, agency) -> the report that speaks for the period (progress.speaking_for: its own
    report, else the one of the latest period inside it), with that report's period, one of
    *inside* (the period and those inside it)."""
    by_id = {p.id: p for p in inside}
    out: dict[tuple[int, int], tuple[ProgressReport, Period]] = {}
    for period_id, r in progress.speaking_for(db, period.id):  # later rows win
        if r.item_id in plan_item_ids and period_id in by_id:
            out[(r.item_id, r.agency_id)] = (r, by_id[period_id])
    return out


def answered(found: tuple[ProgressReport, Period] | None, period: Period) -> bool:
    """Whether the report chosen_reports found for (activity, agency) answers for *period*
    (store.progress.answers: the period's own report, or one of a period inside it that says
    the work is done). A June "đang thực hiện" is quoted in the year's report, marked with its
    period, but its agency still owes the year's report."""
    if found is None:
        return False
    report, of = found
    return progress.answers(report.status, own_period=of.id == period.id)


@dataclass(slots=True)
class Duty:
    """What a period asks of one body on one activity, on the document's date: the
    assignments it answers for, its own and those of the ceased bodies it succeeds
    (store.progress.ceased_on), with the role a merge would give it (lead if any leads)."""

    agency_id: int
    role: Role
    held: list[AssignmentRef] = field(default_factory=list)
    own_role: Role | None = None  # its own assignment's; None: it holds others' only

    @property
    def inherited(self) -> list[AssignmentRef]:
        """The assignments of the ceased bodies it holds, when they give it a task or a role
        it has not of its own (what a letter must name)."""
        if self.own_role is not None and self.own_role == self.role:
            return []
        return [a for a in self.held if a.agency_id != self.agency_id]

    def answered(self, item_id: int, reports: dict, period: Period) -> bool:
        """Answered by its own report or by that of a body it succeeds (a merge moves those)."""
        ids = {self.agency_id} | {a.agency_id for a in self.held}
        return any(answered(reports.get((item_id, agency_id)), period) for agency_id in ids)


def activity_duties(refs: list[AssignmentRef], holders: dict[int, int | None]
                    ) -> tuple[list[Duty], list[AssignmentRef]]:
    """Who answers for an activity's assignments on the document's date (*holders*:
    store.progress.ceased_on): the assigned body, or its successor for one that has ceased,
    as store.progress.unreported_agencies counts them. Returns the duties in the order of the
    assignments, and the assignments of ceased bodies with no successor (the clerk is told)."""
    duties: dict[int, Duty] = {}
    orphans: list[AssignmentRef] = []
    for a in refs:
        holder = holders[a.agency_id] if a.agency_id in holders else a.agency_id
        if holder is None:
            orphans.append(a)
            continue
        duty = duties.setdefault(holder, Duty(holder, a.role))
        duty.held.append(a)
        if a.role == Role.LEAD:
            duty.role = Role.LEAD
        if a.agency_id == holder:
            duty.own_role = a.role
    return list(duties.values()), orphans


def ceased_warning(agency: agencies.Agency, refs: list[str]) -> str:
    """What the clerk is told of a ceased body that no one succeeds and that still owes the
    period something: no letter goes to it, no one is asked in its place."""
    since = f" từ ngày {format_date(agency.valid_to)}" if agency.valid_to else ""
    tasks = ", ".join(dict.fromkeys(refs))
    return (f"{agency.name} đã ngừng hoạt động{since} và chưa có cơ quan kế thừa: nhiệm vụ {tasks} "
            "không có cơ quan nào được đôn đốc báo cáo thay. Hãy chọn cơ quan kế thừa (Sáp nhập "
            "ở trang Cơ quan) hoặc phân công lại nhiệm vụ, rồi xuất lại. (ceased agency with "
            "no successor)")


# A line of an activity's text that says who does it or when ("Cơ quan chủ trì: Sở Y tế; phối
# hợp: …", "Thời gian thực hiện: Quý II/2025"), as the importer reads such lines: the report
# and the reminder state the agencies and the time themselves.
_ASSIGNMENT_OR_TIME_RE = re.compile(
    r"^[-+•]?\s*(?:(?:(?:cơ quan|đơn vị)(?:,\s*(?:cơ quan|đơn vị))?\s+)?"
    r"(?:chủ\s+trì|phối\s+hợp|thực\s+hiện)\s*:"
    r"|(?:thời\s+(?:gian|hạn)|tiến\s+độ)[^:\n]{0,40}:)", re.IGNORECASE)


def content_lines(item: Item) -> list[str]:
    """An item's content as its author wrote it, a line each: its title (or, with none, the
    first line of its text), then the other lines of its text. Blank lines are dropped; each
    line is cleaned as a one-line field (a run of spaces is one space)."""
    lines = [clean_line(line) for line in clean_text(item.text).split("\n")]
    title = clean_line(item.title)
    return ([title] if title else []) + [line for line in lines if line]


def states_assignment_or_time(line: str) -> bool:
    """Whether a line of an item's text only says who does it or when (see above)."""
    return _ASSIGNMENT_OR_TIME_RE.match(line) is not None


def time_text(item: Item) -> str:
    """The time frame as the plan wrote it, else from its dates."""
    tf = item.time_frame
    return frame_text(clean_line(tf.text), tf.start, tf.end, tf.recurring)


def _item_paths(all_items: list[Item]) -> dict[int, list[tuple[ItemKind, str]]]:
    by_id = {i.id: i for i in all_items}
    paths: dict[int, list[tuple[ItemKind, str]]] = {}
    for it in all_items:  # document order: parents come first
        parent = paths.get(it.parent_id, []) if it.parent_id in by_id else []
        label = it.label.upper() if is_task_group(it.kind, it.source_label) else it.label
        paths[it.id] = parent + [(it.kind, label)]
    return paths


def legal_ref(path: list[tuple[ItemKind, str]]) -> str:
    """'điểm a khoản 1 Mục II' for an item path (dashes stop the reference)."""
    return legal_reference(path)


def group_references(paths: list[list[tuple[ItemKind, str]]]) -> str:
    """'điểm a, b, c khoản 1 Mục II; khoản 3 Mục II' for several items, in the order given."""
    groups: dict[tuple, list[str]] = {}
    order: list[tuple] = []
    for path in paths:
        addressable = [(k, lab) for k, lab in path if k in (ItemKind.ROMAN, ItemKind.ARABIC,
                                                               ItemKind.LETTER)]
        if not addressable:
            continue
        if legal_reference(addressable).startswith("nội dung "):  # a task in a group
            key = (None, legal_reference(addressable))
            if key not in groups:
                groups[key] = []
                order.append(key)
            continue
        kind, lab = addressable[-1]
        key = (kind, legal_reference(addressable[:-1]))
        if key not in groups:
            groups[key] = []
            order.append(key)
        if lab not in groups[key]:
            groups[key].append(lab)
    names = {ItemKind.ROMAN: "Mục", ItemKind.ARABIC: "khoản", ItemKind.LETTER: "điểm"}
    parts = []
    for key in order:
        kind, rest = key
        if kind is None:
            parts.append(rest)
            continue
        text = f"{names[kind]} {', '.join(groups[key])}"
        parts.append(f"{text} {rest}".strip())
    return "; ".join(parts)


# --------------------------------------------------------------------------------------------
# Báo cáo kết quả thực hiện.


@dataclass
class AgencyReport:
    """What one agency reported on one activity (report None: nothing reported)."""

    agency: str
    role: Role | None  # None: reported without being assigned
    report: ProgressReport | None = None
    # the period the report belongs to, when not the document's period, and who gave it when
    # not the line's agency (one merged into the lead: _source_of)
    period_name: str = ""
    is_sample: bool = False
    is_issuer: bool = False  # the body that writes the report (is_issuer)
    # what its line states (agency_status); None: no status, only the result
    status: Status | None = None
    missing: bool = False  # no report, and the period asks one of it (report_asked)


@dataclass
class ReportItem:
    item: Item
    status: Status | None = None  # activities only
    agencies: list[AgencyReport] = field(default_factory=list)
    time_text: str = ""
    not_yet_due: bool = False  # begins after the period, not started (not_yet_due)


@dataclass
class IndicatorRow:
    code: str
    name: str
    unit: str
    direction: str
    target: float | None
    target_year: int | None
    previous: float | None
    current: float | None
    current_men: float | None
    current_women: float | None
    assessment: str
    is_sample: bool = False  # the current year's figure is sample data
    previous_sample: bool = False  # the previous year's figure is sample data


@dataclass
class YearTask:
    """An activity as a year's report names it in its assessment ("Tồn tại, hạn chế") and its
    next year's tasks ("Phương hướng, nhiệm vụ"): where it is in the plan, what it is, who
    leads it now, how it stands (the status section I states)."""

    ref: str  # "II.1.b"
    path: list[tuple[ItemKind, str]]  # for group_references / legal_ref: "điểm b khoản 1 Mục II"
    title: str  # its content's first line, as the plan wrote it
    leads: list[str]  # who answers for it as lead on the report's date (activity_duties)
    status: Status | None
    not_yet_due: bool = False  # begins after the period (not_yet_due)
    continues: bool = False  # recurring, and runs on after the period's year (continues_after)


@dataclass
class ReportData:
    plan: Plan
    period: Period
    today: dt.date
    items: list[ReportItem]  # sections, headings and activities in document order
    status_counts: dict[Status, int]
    activity_count: int
    unreported: list[tuple[str, int, int]]  # (agency, activities not reported, assigned)
    asked: int  # (activity, agency) reports the period asks for (report_asked), the writer aside
    difficulties: list[tuple[str, list[str]]]  # (text, agencies)
    proposals: list[tuple[str, list[str]]]
    totals: dict[str, float | None]  # sessions, participants, men, women (None: never given), spending
    indicators: list[IndicatorRow]
    indicator_year: int
    has_sample: bool
    warnings: list[str] = field(default_factory=list)  # for the export's warnings
    # the activities in plan order (YearTask): a year's assessment and next year's tasks
    tasks: list[YearTask] = field(default_factory=list)


# A year written in a time frame's text ("hằng năm giai đoạn 2021 - 2025", "15/12/2025"): its
# years are the plan's own, not assumed from the plan's year.
_YEAR_WRITTEN_RE = re.compile(r"(?<!\d)\d{4}(?!\d)")


def continues_after(item: Item, year: int) -> bool:
    """Whether a recurring activity ("hằng năm", "thường xuyên") goes on after *year*, as the
    year's report lists it among next year's tasks: its time runs past *year*, or has no end,
    or names no year at all ("Thường xuyên" in a one-year plan: the importer bounded it by the
    plan's year, the plan did not end it). One whose written years end in *year* ("hằng năm
    giai đoạn 2021 - 2025") does not."""
    tf = item.time_frame
    if not tf.recurring:
        return False
    if tf.end is None or tf.end.year > year:
        return True
    return not _YEAR_WRITTEN_RE.search(clean_line(tf.text))


def people_total(participants: int | None, men: int | None, women: int | None) -> int | None:
    """How many took part, as a report states it: its total, else men + women when it gives
    both; None when it does not say (one side alone is not everyone)."""
    if participants is not None:
        return participants
    if men is not None and women is not None:
        return men + women
    return None


def _activity_sections(all_items: list[Item]) -> set[int]:
    """Ids of the activities, the headings above them and the dashes below them."""
    by_id = {i.id: i for i in all_items}
    keep: set[int] = set()
    below: set[int] = set()
    for it in all_items:  # document order: a parent comes before its children
        if it.is_activity:
            node: Item | None = it
            while node is not None and node.id not in keep:
                keep.add(node.id)
                node = by_id.get(node.parent_id) if node.parent_id else None
        parent = by_id.get(it.parent_id) if it.parent_id else None
        if parent is not None and (parent.is_activity or parent.id in below):
            below.add(it.id)
    return keep | below


def indicator_rows(db: Database, year: int) -> tuple[list[IndicatorRow], bool]:
    """The appendix's rows for *year*, judged by the rule of the indicators page
    (status.assess_indicator): a count entered as men and women has their sum as its figure."""
    inds: list[Indicator] = indicators.list_indicators(db)
    by_key = {(v.indicator_id, v.year): v for v in indicators.values(db)}
    rows, sample = [], False
    for ind in inds:
        prev = by_key.get((ind.id, year - 1))
        cur = by_key.get((ind.id, year))
        sample |= bool((prev and prev.is_sample) or (cur and cur.is_sample))
        judged = assess_indicator(ind, year, cur)
        rows.append(IndicatorRow(
            code=ind.code, name=ind.name, unit=ind.unit, direction=ind.direction,
            target=judged.target, target_year=judged.target_year,
            previous=figure_total(ind.unit, prev.value, prev.men, prev.women) if prev else None,
            current=judged.value, current_men=cur.men if cur else None,
            current_women=cur.women if cur else None, assessment=judged.assessment,
            # each column says of its own figure whether it is sample data: a demo's 2024
            # figure beside a real 2025 one is not real because the 2025 one is
            is_sample=bool(cur and cur.is_sample),
            previous_sample=bool(prev and prev.is_sample)))
    return rows, sample


def _gather(texts: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """[(text, agency)] -> [(text, [agencies])], same texts merged, first-seen order."""
    merged: dict[str, list[str]] = {}
    for text, agency in texts:
        for line in clean_text(text).split("\n"):
            line = clean_line(line)
            if not line:
                continue
            names = merged.setdefault(line, [])
            if agency not in names:
                names.append(agency)
    return list(merged.items())


DONE = (Status.DONE_ON_TIME, Status.DONE_LATE)


def _activity_status(item: Item, stored: Status | None, lead: ProgressReport | None,
                     today: dt.date) -> Status | None:
    """An activity's status in a period's documents: the app's (store.activities.statuses:
    the lead's latest report of any period), unless the lead's own report that speaks for the
    period says otherwise: the latest word of the lead decides. A lead that reported the work
    done in June and "đang thực hiện" in the year's report has not finished it, as far as the
    year's report can tell; a completion dated later than the one recorded first is the
    latest date. A "done" with no date keeps the app's reading (its period's end)."""
    if lead is None:
        return stored
    if lead.status in DONE:
        if lead.completed_on is None:
            return stored
        return derive_status(lead.status, item.time_frame.end, lead.completed_on, today)
    if stored in DONE:
        return derive_status(lead.status, item.time_frame.end, None, today)
    return stored


def report_asked(item: Item, period: Period, settled_ids: set[int]) -> bool:
    """Whether the period asks the agencies of *item* for a report on it: an activity whose
    time overlaps the period (not one that starts after it or ended before it) and that was
    not completed by the period's end (domain.status.settled). The one rule of the report's
    body ("chưa báo cáo" under an activity), its summary (agencies that have not reported) and
    the reminder; store.progress.unreported_agencies is the same rule for the app's pages."""
    return item.is_activity and _overlaps(item, period) and item.id not in settled_ids


def not_yet_due(item: Item, period: Period, status: Status | None) -> bool:
    """An activity whose time begins after the period and that nobody has started: the
    period's report has nothing to say of it but that ("chưa đến thời gian thực hiện")."""
    start = item.time_frame.start
    return (status in (None, Status.NOT_STARTED) and start is not None
            and period.end_on is not None and start > period.end_on)


def period_year(period: Period, today: dt.date) -> int:
    """The year whose round of a recurring activity a period's documents judge (domain.status.
    in_round): the period's, not the year they are written in (2025's report of 10/01/2026)."""
    day = period.end_on or period.start_on
    return day.year if day else today.year


def lead_reports(db: Database, plan_id: int, period: Period, done: set[int] = frozenset()
                 ) -> dict[int, tuple[ProgressReport, Period]]:
    """item id -> (report, its period) that speaks for the activity's lead in *period*
    (progress.lead_words: the lead's own, or that of an agency merged into it, of the period
    or the latest inside it; of two for one period, a "done": a merge does not undo work the
    merged lead completed). For an activity of *done* (completed by the period's end) with
    none, the lead's latest word of any period, as each agency's is in _period_facts."""
    by_id = {p.id: p for p in periods.list_periods(db, plan_id)}
    out = {item_id: (r, by_id[pid])
           for item_id, (pid, r) in progress.lead_words(db, period.id).items() if pid in by_id}
    if done:
        for item_id, (pid, r) in progress.lead_words(db, plan_id=plan_id).items():
            if item_id in done and item_id not in out and pid in by_id:
                out[item_id] = (r, by_id[pid])
    return out


def _lead_word(item_id: int, assigned: dict[int, list[AssignmentRef]],
               words: dict[int, tuple[ProgressReport, Period]],
               reports: dict[tuple[int, int], tuple[ProgressReport, Period]]
               ) -> tuple[ProgressReport, Period] | None:
    """The lead's word on the activity (lead_reports), else its own report that speaks for
    the period (an activity whose assignments name a lead its row does not)."""
    if item_id in words:
        return words[item_id]
    lead_id = next((a.agency_id for a in assigned.get(item_id, []) if a.role == Role.LEAD),
                   None)
    return reports.get((item_id, lead_id)) if lead_id is not None else None


def _period_facts(db: Database, plan_id: int | None, period_id: int | None, today: dt.date):
    """What a period's report and reminder both start from: plan, period, items, assignments,
    the activities' statuses in the period (_activity_status), the report that speaks for each
    (activity, agency), and the activities completed by the period's end
    (domain.status.settled), which ask no report of it."""
    plan = resolve_plan(db, plan_id)
    period = resolve_period(db, plan.id, period_id)
    if period is None:
        raise DocumentDataError(
            "Kế hoạch chưa có kỳ báo cáo nào: hãy thêm kỳ (năm, 6 tháng, Tháng hành động…) ở "
            "trang Tiến độ, nút «Thêm kỳ báo cáo…», rồi xuất lại. (the plan has no reporting "
            "period)")
    all_items = plan_items(db, plan.id)
    assigned = plan_assignments(db, plan.id)
    reports = chosen_reports(db, {i.id for i in all_items}, period, included_periods(db, period))
    # as reported: the rounds are those of the period's year (below), not today's
    stored = activity_store.statuses(db, plan.id, today=today, rounds=False)
    completed = activity_store.completion_dates(db, plan.id)
    words = lead_reports(db, plan.id, period)
    statuses: dict[int, Status] = {}
    for it in all_items:
        if it.id not in stored:
            continue
        found = _lead_word(it.id, assigned, words, reports)
        lead = found[0] if found else None
        statuses[it.id] = _activity_status(it, stored[it.id], lead, today)
        if lead is not None and lead.status in DONE and lead.completed_on is not None:
            completed[it.id] = lead.completed_on
        # a recurring activity in the round of the period's year: last year's round done is
        # not this year's, and this year's is overdue after its own due date (in_round)
        statuses[it.id] = in_round(statuses[it.id], it.time_frame, completed.get(it.id), today,
                                   period_year(period, today))
    by_item = {it.id: it for it in all_items}
    done = {item_id for item_id, st in statuses.items()
            if settled(st, completed.get(item_id), period.end_on,
                       recurring=by_item[item_id].time_frame.recurring,
                       last_day=by_item[item_id].time_frame.end,
                       start=by_item[item_id].time_frame.start)}
    if done:
        # an activity completed by the period's end asks no report of it: each agency's latest
        # report (of any period) speaks for it, so that "Hoàn thành" above is not followed by
        # "chưa báo cáo" below (the action month after the work was done in May)
        by_id = {p.id: p for p in periods.list_periods(db, plan.id)}
        chosen = set(reports)
        for period_id, r in progress.latest_of_completed(db, plan.id):  # later rows win
            if r.item_id in done and (r.item_id, r.agency_id) not in chosen:
                reports[(r.item_id, r.agency_id)] = (r, by_id[period_id])
    return (plan, period, all_items, assigned, statuses, reports, done)


def agency_status(report: ProgressReport, role: Role | None, item: Item,
                  activity: Status | None, today: dt.date,
                  year: int | None = None) -> Status | None:
    """The status an agency's line under an activity states, read as the activity's is (work
    still going on after the due date is overdue, whatever was picked when reporting). The
    lead's line states the activity's own status whenever either says it is done (one rule:
    _activity_status). Another agency's line states none that contradicts the activity's: a
    coordinating agency's "đang thực hiện" of June is not "quá hạn chưa hoàn thành" under an
    activity completed since (None: its line gives its result only)."""
    own = in_round(derive_status(report.status, item.time_frame.end, report.completed_on, today),
                   item.time_frame, report.completed_on, today, year or today.year)
    if role == Role.LEAD:
        return activity if activity is not None and (activity in DONE or own in DONE) else own
    if activity in DONE and own not in DONE:
        return None
    return own


def _source_of(report: ProgressReport | None, report_period: Period | None, period: Period,
               agency_id: int, names: dict[int, str]) -> str:
    """AgencyReport.period_name of *agency_id*'s line giving *report*: the report's period
    when not the document's; when the report is another agency's (one merged into the line's
    lead, lead_reports), who gave it too: "6 tháng đầu năm 2025 của UBND huyện Sơn Tịnh"."""
    if report is None or report_period is None:
        return ""
    if report.agency_id == agency_id:
        return report_period.name if report_period.id != period.id else ""
    return f"{report_period.name} của {names.get(report.agency_id, '?')}"


def _now_named(agency_id: int, names: dict[int, str], successors: dict[int, int]) -> str:
    """An agency's name on a report's line: a merged one's with the body it is now part of
    ("UBND huyện Sơn Tịnh, nay là UBND xã Tịnh Hà"), the last of a chain of merges."""
    name = names.get(agency_id, "?")
    now, seen = agency_id, {agency_id}
    while successors.get(now) is not None and successors[now] not in seen:
        now = successors[now]
        seen.add(now)
    return name if now == agency_id else f"{name}, nay là {names.get(now, '?')}"


def collect_report(db: Database, plan_id: int, period_id: int | None = None, *,
                   today: dt.date | None = None) -> ReportData:
    """Everything the period's report says, in the plan's own order."""
    today = today or dt.date.today()
    plan, period, all_items, assigned, statuses, reports, done = _period_facts(
        db, plan_id, period_id, today)
    keep = _activity_sections(all_items)
    words = lead_reports(db, plan.id, period, done)
    bodies = {a.id: a for a in agencies.list_agencies(db)}
    names = {aid: a.name for aid, a in bodies.items()}
    successors = {aid: a.successor_id for aid, a in bodies.items() if a.successor_id is not None}
    # the documents' writer, as its letterhead names it (a commune's plan: the commune)
    organisation = organisation_settings(db, plan)[0].organisation
    issuer = {aid for aid, name in names.items() if is_issuer(name, organisation)}
    groups = {aid for aid, name in names.items() if names_a_group(name)}  # asked of no one
    # the bodies gone by the report's date: their successors answer for them (activity_duties)
    holders = progress.ceased_on(db, today)
    orphaned: dict[int, list[str]] = defaultdict(list)

    out_items: list[ReportItem] = []
    tasks: list[YearTask] = []
    paths = _item_paths(all_items)
    sample = False
    # an agency has reported when it has answered (answered()) on every activity given to it
    # that the period asks a report of (report_asked): one report does not clear it of the
    # others. The summary counts what the body says, line by line ("chưa báo cáo"), as the
    # reminder asks it.
    asked_of: dict[int, set[int]] = defaultdict(set)
    missing_of: dict[int, set[int]] = defaultdict(set)
    for it in all_items:
        if it.id not in keep:
            continue
        entry = ReportItem(item=it, time_text=time_text(it))
        if it.is_activity:
            entry.status = statuses.get(it.id)
            asked = report_asked(it, period, done)
            entry.not_yet_due = not_yet_due(it, period, entry.status)
            duties, orphans = activity_duties(assigned.get(it.id, []), holders)
            owes = {d.agency_id: asked and not d.answered(it.id, reports, period)
                    for d in duties}
            for a in orphans:
                if owes.setdefault(a.agency_id, asked and not answered(
                        reports.get((it.id, a.agency_id)), period)):
                    orphaned[a.agency_id].append(it.ref)
            refs = assigned.get(it.id, [])
            own_ids = {a.agency_id for a in refs}
            by_holder = {d.agency_id: d for d in duties}
            lines: list[tuple[int, Role, str, bool, bool]] = []  # id, role, name, sample, owes
            for a in refs:
                # a ceased body's words are still quoted; what it owed, its successor owes
                lines.append((a.agency_id, a.role, a.agency, a.is_sample,
                              a.agency_id not in holders and owes[a.agency_id]))
                successor = holders.get(a.agency_id)
                if successor is not None and successor not in own_ids and (
                        (it.id, successor) in reports or owes[successor]):
                    # a successor not assigned itself: its line where the body it succeeds
                    # had its own (once)
                    own_ids.add(successor)
                    lines.append((successor, by_holder[successor].role,
                                  names.get(successor, "?"), False, owes[successor]))
            leads = {a.agency_id for a in refs if a.role == Role.LEAD}
            shown: set[int] = set()  # the reports on the lines
            for agency_id, role, name, is_sample, owed in lines:
                # the lead's line states its word (lead_reports): a report of an agency merged
                # into it says so where it was given ("theo báo cáo … của UBND huyện …")
                found = (_lead_word(it.id, assigned, words, reports) if agency_id in leads
                         else reports.get((it.id, agency_id)))
                rep, per = found if found else (None, None)
                if rep is not None:
                    shown.add(rep.id)
                sample |= is_sample or bool(rep and rep.is_sample)
                entry.agencies.append(AgencyReport(
                    agency=name, role=role, report=rep,
                    period_name=_source_of(rep, per, period, agency_id, names),
                    is_sample=is_sample, is_issuer=agency_id in issuer,
                    status=agency_status(rep, role, it, entry.status, today,
                                         period_year(period, today)) if rep else None,
                    missing=owed and agency_id not in groups))
            title = content_lines(it)
            tasks.append(YearTask(
                ref=it.ref, path=paths[it.id], title=title[0] if title else "",
                leads=[names.get(d.agency_id, "?") for d in duties if d.role == Role.LEAD],
                status=entry.status, not_yet_due=entry.not_yet_due,
                continues=continues_after(it, period_year(period, today))))
            for d in duties:
                # the writer does not report to itself, nor a group ("các sở, ngành liên quan")
                if asked and d.agency_id not in issuer and d.agency_id not in groups:
                    asked_of[d.agency_id].add(it.id)
                    if owes[d.agency_id]:
                        missing_of[d.agency_id].add(it.id)
            # the other reports that speak for the period: an agency's not assigned (or no
            # longer: merged into one that is, named so), the lead's own beside its word
            for (item_id, agency_id), (rep, per) in reports.items():
                if item_id == it.id and rep.id not in shown:
                    sample |= rep.is_sample
                    entry.agencies.append(AgencyReport(
                        agency=_now_named(agency_id, names, successors), role=None,
                        report=rep, period_name=per.name if per.id != period.id else "",
                        status=agency_status(rep, None, it, entry.status, today,
                                             period_year(period, today))))
        out_items.append(entry)

    counts = {s: 0 for s in Status}
    for st in statuses.values():
        counts[st] += 1
    unreported = sorted(((names.get(aid, "?"), len(missing_of[aid]), len(ids))
                         for aid, ids in asked_of.items() if missing_of[aid]),
                        key=lambda t: vi_sort_key(t[0]))

    # the figures, difficulties and proposals of the period's own reports (not those of
    # another period that speak for work completed before it)
    own = set(periods.included_ids(db, period.id))
    chosen = [(rep, names.get(agency_id, "?")) for (_, agency_id), (rep, per) in
              sorted(reports.items(), key=lambda kv: kv[1][0].id or 0) if per.id in own]
    totals: dict[str, float | None] = {k: 0 for k in ("sessions", "participants", "spending")}
    totals.update(men=None, women=None)  # None: no report gave that side
    for rep, _ in chosen:
        totals["sessions"] += rep.sessions or 0
        totals["spending"] += rep.spending or 0
        people = people_total(rep.participants, rep.men, rep.women)
        if people is None:
            continue  # a lone men's figure is not counted as the participants
        totals["participants"] += people
        for side in ("men", "women"):
            if getattr(rep, side) is not None:
                totals[side] = (totals[side] or 0) + getattr(rep, side)
    year = (period.end_on or period.start_on).year if (period.end_on or period.start_on) \
        else (plan.year or today.year)
    ind_rows, ind_sample = indicator_rows(db, year)
    return ReportData(
        plan=plan, period=period, today=today, items=out_items, status_counts=counts,
        activity_count=len(statuses), unreported=unreported,
        asked=sum(len(ids) for ids in asked_of.values()),
        difficulties=_gather([(r.difficulties, n) for r, n in chosen if r.difficulties]),
        proposals=_gather([(r.proposals, n) for r, n in chosen if r.proposals]),
        totals=totals, indicators=ind_rows, indicator_year=year,
        has_sample=sample or ind_sample or settings.get_value(db, "demo") == "1",
        warnings=_orphan_warnings(orphaned, bodies, organisation), tasks=tasks)


# --------------------------------------------------------------------------------------------
# Phụ lục phân công nhiệm vụ.


@dataclass(slots=True)
class AssignmentRow:
    label: str  # the plan's numbering: 'II', '1', 'a', '-'
    kind: ItemKind
    depth: int
    ref: str
    title: str
    is_activity: bool
    lead: str = ""
    coordinating: list[str] = field(default_factory=list)
    time_text: str = ""
    output: str = ""


@dataclass
class AssignmentTable:
    plan: Plan
    rows: list[AssignmentRow]
    has_sample: bool


def _task_of(title: str, text: str) -> str:
    """An activity's content in one cell: its title with what its text says besides who does
    it and when ("3. Kiểm tra, giám sát: Tổ chức kiểm tra liên ngành tại 05 xã" was only
    "Kiểm tra, giám sát"); the cell's neighbours give the agencies and the time."""
    title = clean_line(title)
    if not text:
        return title
    lines = [clean_line(line) for line in text.split("\n")]
    rest = [line for line in lines if line and not states_assignment_or_time(line)]
    if not title:
        return " ".join(rest)
    if not rest:
        return title
    return f"{title}{'' if title.endswith((':', '.', ';')) else ':'} {' '.join(rest)}"


def collect_assignments(db: Database, plan_id: int) -> AssignmentTable:
    """The assignment table: activities, the headings above them and the dashes below them.

    Reads plain columns rather than Item objects: this is the document of the 10,000-activity
    plans (see benchmarks/bench_export.py).
    """
    plan = resolve_plan(db, plan_id)
    records = items.outline(db, plan.id)
    groups = items.task_groups(db, plan.id)  # printed "A", "B" as in the plan
    # Activities, their ancestors, and whatever lies below an activity.
    parent_of = {r[0]: r[1] for r in records}
    activity = {r[0] for r in records if r[7]}
    keep: set[int] = set()
    below: set[int] = set()
    for r in records:
        item_id, parent = r[0], r[1]
        if r[7]:  # is_activity
            node = item_id
            while node is not None and node not in keep:
                keep.add(node)
                node = parent_of.get(node)
        if parent is not None and (parent in activity or parent in below):
            below.add(item_id)
    keep |= below

    leads: dict[int, str] = {}
    coordinating: dict[int, list[str]] = defaultdict(list)
    sample = False
    for item_id, refs in assignments.for_plan(db, plan.id).items():
        for a in refs:  # the lead first, then Vietnamese order
            sample = sample or a.is_sample
            if a.role == Role.LEAD:
                leads.setdefault(item_id, a.agency_name)
            else:
                coordinating[item_id].append(a.agency_name)

    kinds = {k.value: k for k in ItemKind}
    rows = []
    for (item_id, _parent, kind, label, ref, title, text, is_act, tf_text, tf_start, tf_end,
         tf_recurring, output, depth) in records:
        if item_id not in keep:
            continue
        when = ""
        if is_act:  # tf_text is stored clean (items.insert / store_plan use clean_line)
            when = frame_text(tf_text, convert.date_in(tf_start), convert.date_in(tf_end),
                              bool(tf_recurring))
        rows.append(AssignmentRow(
            label=label.upper() if item_id in groups else label, kind=kinds[kind], depth=depth,
            ref=ref, title=_task_of(title, text) if is_act else (title or text),
            is_activity=bool(is_act), lead=leads.get(item_id, ""),
            coordinating=coordinating.get(item_id, []), time_text=when, output=output))
    return AssignmentTable(plan=plan, rows=rows, has_sample=sample)


# --------------------------------------------------------------------------------------------
# Kế hoạch (the plan regenerated as a draft).


@dataclass
class AgencyDuty:
    agency: str
    lead: str  # 'điểm a, b khoản 1 Mục II; …' ('' if none)
    coordinating: str
    is_sample: bool = False


@dataclass
class PlanDocument:
    plan: Plan
    items: list[Item]
    duties: list[AgencyDuty]
    has_organisation_section: bool  # the tree already has "Tổ chức thực hiện"
    has_sample: bool
    # item id -> its assignments: printed under an activity whose text does not name them
    assignments: dict[int, list[AssignmentRef]] = field(default_factory=dict)


def collect_plan(db: Database, plan_id: int) -> PlanDocument:
    plan = resolve_plan(db, plan_id)
    all_items = plan_items(db, plan.id)
    paths = _item_paths(all_items)
    assigned = plan_assignments(db, plan.id)
    lead: dict[str, list] = defaultdict(list)
    coord: dict[str, list] = defaultdict(list)
    sample_agencies: set[str] = set()
    for it in all_items:
        for a in assigned.get(it.id, []):
            (lead if a.role == Role.LEAD else coord)[a.agency].append(paths[it.id])
            if a.is_sample:
                sample_agencies.add(a.agency)
    duties = [AgencyDuty(agency=name, lead=group_references(lead.get(name, [])),
                         coordinating=group_references(coord.get(name, [])),
                         is_sample=name in sample_agencies)
              for name in sorted(set(lead) | set(coord), key=vi_sort_key)]
    has_org = any(it.depth == 0 and "to chuc thuc hien" in fold(it.title) for it in all_items)
    return PlanDocument(plan=plan, items=all_items, duties=duties,
                        has_organisation_section=has_org, has_sample=bool(sample_agencies),
                        assignments=assigned)


# --------------------------------------------------------------------------------------------
# Công văn đôn đốc.


@dataclass
class ReminderLine:
    ref: str
    legal_ref: str  # 'điểm a khoản 1 Mục II'
    title: str
    role: Role
    overdue: bool
    unreported: bool
    due: dt.date | None
    # the ceased bodies whose task (or role) the agency holds as their successor: named
    inherited: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str:
        parts = []
        if self.overdue:
            parts.append("quá hạn chưa hoàn thành" + (f" (hạn {format_date(self.due)})"
                                                      if self.due else ""))
        if self.unreported:
            parts.append("chưa báo cáo kết quả")
        text = "; ".join(parts)
        if self.inherited:
            text += f" (kế thừa nhiệm vụ của {', '.join(self.inherited)})"
        return text


@dataclass
class ReminderAgency:
    agency_id: int
    agency: str
    lines: list[ReminderLine]


@dataclass
class ReminderData:
    plan: Plan
    period: Period
    today: dt.date
    agencies: list[ReminderAgency]
    warnings: list[str] = field(default_factory=list)  # for the export's warnings


def listed_points(all_items: list[Item]) -> dict[int, list[str]]:
    """item id -> its points, for the items whose title announces them ("Tổ chức các hoạt
    động sau:"): a line that names such an item must name its points too, or it says nothing."""
    announcing = {it.id for it in all_items if clean_line(it.title).endswith(":")}
    points: dict[int, list[str]] = {}
    for it in all_items:
        if it.parent_id in announcing:
            text = clean_line(it.title or it.text).rstrip(".;")
            if text:
                points.setdefault(it.parent_id, []).append(text)
    return points


def _overlaps(item: Item, period: Period) -> bool:
    tf = item.time_frame
    if tf.start and period.end_on and tf.start > period.end_on:
        return False
    if tf.end and period.start_on and tf.end < period.start_on:
        return False
    return True


# The level of government after a body's name: "Sở Nội vụ tỉnh Quảng Ngãi", "Công an tỉnh".
# Matched before folding: "tỉnh" is the province, "Tịnh" a place ("UBND xã Tịnh Hà").
_LEVEL_AFTER_RE = re.compile(r"\s+(tỉnh|thành phố|tp\.?)(?:\s+(\S.*))?$")
_LEVELS = {"tỉnh": "tinh", "thành phố": "thanh pho", "tp": "thanh pho", "tp.": "thanh pho"}
# Long names written short, compared in their short form ("Ủy ban nhân dân tỉnh" = "UBND tỉnh").
_SHORT_FORMS = ((re.compile(r"\b(?:uy|uỷ|ủy) ban nhân dân\b"), "ubnd"),
                (re.compile(r"\bhội đồng nhân dân\b"), "hđnd"))
# A department written by its initials: "Sở NV", "SNV".
_DEPARTMENT_INITIALS_RE = re.compile(r"^(?:Sở\s+|S)([A-ZĐ]{2,})$")


@dataclass(frozen=True, slots=True)
class BodyName:
    """An agency's name taken apart to tell whether two names are one body: the body
    ('sở nội vụ', 'ubnd', 'công an'), its level ('tinh', 'thanh pho') and its place ('quang
    ngai'), None when the name does not say; a department's initials ('nv') when it is written
    so."""

    body: str
    level: str | None = None
    place: str | None = None
    initials: str | None = None

    @classmethod
    def parse(cls, name: str | None) -> BodyName:
        text = clean_line(name)
        short = _DEPARTMENT_INITIALS_RE.match(text)
        if short:
            return cls(body="", initials=fold(short.group(1)))
        text = text.lower()
        for pattern, abbreviation in _SHORT_FORMS:
            text = pattern.sub(abbreviation, text)
        level = place = None
        m = _LEVEL_AFTER_RE.search(text)
        if m:
            level, place = _LEVELS[m.group(1)], fold(m.group(2)) if m.group(2) else None
            text = text[:m.start()]
        initials = None
        if text.startswith("sở "):  # "Sở Lao động - Thương binh và Xã hội": 'ldtbxh'
            initials = "".join(fold(w)[0] for w in text[3:].split() if w[0].isalpha()
                               and w != "và")
        return cls(body=fold(text), level=level, place=place, initials=initials)

    def same_body(self, other: BodyName) -> bool:
        """Whether the two names may be one body: same body (or a department and its initials),
        and the same level and place wherever both names give them ("Sở Nội vụ" and "Sở Nội vụ
        tỉnh Quảng Ngãi" are one; "UBND tỉnh Quảng Ngãi" and "UBND thành phố Quảng Ngãi" or
        "UBND tỉnh Gia Lai" are not)."""
        if self.body and other.body:
            if self.body != other.body:
                return False
        elif not (self.initials and self.initials == other.initials):
            return False  # "Sở NV" against "Sở Nội vụ": only by the initials
        for mine, theirs in ((self.level, other.level), (self.place, other.place)):
            if mine and theirs and mine != theirs:
                return False
        return True


def is_issuer(agency: str, organisation: str | None) -> bool:
    """Whether *agency* (an agency of the plan) is *organisation*, the body that writes the
    documents (Cài đặt): "Sở Nội vụ" is "Sở Nội vụ tỉnh Quảng Ngãi", "Ủy ban nhân dân tỉnh" is
    "UBND tỉnh Quảng Ngãi". A reminder is not sent to its own sender, and a report does not say
    that its writer has not reported to itself."""
    if not clean_line(organisation) or not clean_line(agency):
        return False
    return BodyName.parse(agency).same_body(BodyName.parse(organisation))


def _reminder_title(item: Item, points: list[str]) -> str:
    """How a letter names a task, on one line: its title, and the points it announces, from its
    text's lines and its own points ("Tổ chức các hoạt động sau: treo băng rôn; phát tờ rơi")."""
    lines = content_lines(item)
    if not lines:
        return ""
    title, listed = lines[0], [line for line in lines[1:] if not states_assignment_or_time(line)]
    if not title.endswith(":"):
        return title
    listed = [line.lstrip("-+• ").rstrip(".;") for line in listed] + points
    listed = [lower_first(line) for line in listed if line]
    return f"{title} {'; '.join(listed)}" if listed else title


def collect_reminder(db: Database, plan_id: int, period_id: int | None = None, *,
                     agency_ids: list[int] | None = None,
                     today: dt.date | None = None) -> ReminderData:
    """Agencies with overdue activities (as lead) or a report they owe the period (not
    answered: answered()), and their items. A body that has ceased by *today* (the letter's
    date: store.progress.ceased_on) is not written to: its successor is, for its tasks, named
    as inherited; with no successor, the clerk is told (warnings) instead.

    *agency_ids* keeps only those agencies (the user's choice in the export dialog).
    """
    today = today or dt.date.today()
    plan, period, all_items, assigned, statuses, reports, done = _period_facts(
        db, plan_id, period_id, today)
    paths = _item_paths(all_items)
    # the letter's writer, as its letterhead names it: it does not remind itself
    organisation = organisation_settings(db, plan)[0].organisation
    points = listed_points(all_items)
    holders = progress.ceased_on(db, today)
    bodies = {a.id: a for a in agencies.list_agencies(db)} if holders else {}
    by_agency: dict[int, ReminderAgency] = {}
    issuer: dict[int, bool] = {}  # by agency: each name parsed once, not once a task
    orphaned: dict[int, list[str]] = defaultdict(list)  # ceased, no successor -> refs
    for it in all_items:
        if not it.is_activity:
            continue
        asked = report_asked(it, period, done)
        late = statuses.get(it.id) == Status.OVERDUE
        duties, orphans = activity_duties(assigned.get(it.id, []), holders)
        for a in orphans:
            if (a.role == Role.LEAD and late) or (
                    asked and not answered(reports.get((it.id, a.agency_id)), period)):
                orphaned[a.agency_id].append(it.ref)
        for duty in duties:
            if agency_ids is not None and duty.agency_id not in agency_ids:
                continue
            own = next((a for a in duty.held if a.agency_id == duty.agency_id), None)
            name = own.agency if own else bodies[duty.agency_id].name
            if duty.agency_id not in issuer:  # (a group is sent no letter either)
                issuer[duty.agency_id] = is_issuer(name, organisation) or names_a_group(name)
            if issuer[duty.agency_id]:
                continue
            overdue = duty.role == Role.LEAD and late
            # this activity not answered for (a report on another one does not cover it)
            unreported = asked and not duty.answered(it.id, reports, period)
            if not (overdue or unreported):
                continue
            entry = by_agency.setdefault(duty.agency_id,
                                         ReminderAgency(duty.agency_id, name, []))
            title = _reminder_title(it, points.get(it.id, []))
            tf = it.time_frame
            entry.lines.append(ReminderLine(
                ref=it.ref, legal_ref=legal_ref(paths[it.id]), title=title,
                role=duty.role, overdue=overdue, unreported=unreported,
                due=due_in(tf.start, tf.end, tf.recurring, period_year(period, today)),
                inherited=[a.agency for a in duty.inherited]))
    ordered = sorted(by_agency.values(), key=lambda e: vi_sort_key(e.agency))
    return ReminderData(plan=plan, period=period, today=today, agencies=ordered,
                        warnings=_orphan_warnings(orphaned, bodies, organisation))


def _orphan_warnings(orphaned: dict[int, list[str]], bodies: dict[int, agencies.Agency],
                     organisation: str) -> list[str]:
    """ceased_warning() for each ceased body no one succeeds that still owes something (the
    writer aside: it does not chase itself)."""
    return [ceased_warning(bodies[agency_id], refs)
            for agency_id, refs in sorted(orphaned.items(),
                                          key=lambda kv: vi_sort_key(bodies[kv[0]].name))
            if not is_issuer(bodies[agency_id].name, organisation)]


# --------------------------------------------------------------------------------------------
# Excel working copy.


@dataclass
class WorkbookData:
    plan: Plan
    today: dt.date
    # ref, title, lead, coordinating, time, start, due, output, status, completed on
    activities: list[tuple]
    assignments: list[tuple]  # ref, title, agency, role, sample
    # period, ref, title, agency, status, percent, result, sessions, …, completed on, and the
    # day the status is read on (_reported_status)
    progress: list[tuple]
    status_counts: dict[Status, int]
    # code, name, unit, direction, baseline, baseline year, targets, year, total, men, women,
    # target judged by, its year, assessment, indicator note, figure note, sample
    indicators: list[tuple] = field(default_factory=list)
    # the agencies that have not reported on every task the chosen period asks of them, as the
    # period's report counts them (collect_report): period, agency, tasks asked, reported,
    # not reported, the tasks not reported ("II.3.a (chủ trì); …")
    period: Period | None = None  # None: the plan has no reporting period
    unreported: list[tuple] = field(default_factory=list)
    asked: int = 0  # (task, agency) reports the period asks for (ReportData.asked)


def _reported_status(report: ProgressReport, item: Item, period: Period,
                     today: dt.date) -> tuple[Status, dt.date]:
    """(status, day it is read on) of a report as it stood at its period's end: a half year's
    "đang thực hiện" of work due in September was within its deadline then, whatever has
    happened since (the activity's status of today is the "Hoạt động" sheet's). A period not
    over yet is read on *today*, as the period's report document reads it. A completion after
    its period's end (a report sent late) is read on that day: the report says the work was
    done, on time or late by the due date (the form offers one "Hoàn thành"); a "done late"
    with no date stays so. Work not done by the due date is overdue ("tính đến hết ngày" the
    period's end: due that day and not done, it is late)."""
    end = period.end_on
    if end is None or end >= today:
        read_on = as_of = today
    elif report.status in DONE and report.completed_on is not None \
            and report.completed_on > end:
        read_on = as_of = min(report.completed_on, today)
    else:
        read_on, as_of = end, end + dt.timedelta(days=1)
    if report.status == Status.DONE_LATE and report.completed_on is None:
        return Status.DONE_LATE, read_on
    status = derive_status(report.status, item.time_frame.end, report.completed_on, as_of)
    return (in_round(status, item.time_frame, report.completed_on, as_of,
                     period_year(period, today)), read_on)


def _indicator_sheet_rows(db: Database, years: set[int]) -> list[tuple]:
    """The indicators, a row per year with a figure and a row for each of *years* (the year
    the overview and the report's appendix judge) that has none, "Chưa có số liệu" as they
    say; each judged as the page and the report judge it (status.assess_indicator)."""
    figures: dict[int, dict] = defaultdict(dict)  # indicator id -> year -> figure
    for v in indicators.values(db):
        figures[v.indicator_id][v.year] = v
    rows = []
    for ind in indicators.list_indicators(db):
        targets = "\n".join(f"{y}: {format_decimal(t)}" for y, t in sorted(ind.targets.items()))
        head = (ind.code, ind.name, ind.unit, "≥" if ind.direction == ">=" else "≤",
                ind.baseline, ind.baseline_year, targets)
        own = figures.get(ind.id, {})
        for year in sorted(own.keys() | years):
            v = own.get(year)
            judged = assess_indicator(ind, year, v)
            rows.append(head + (
                year, judged.value, v.men if v else None,
                v.women if v else None, judged.target, judged.target_year, judged.assessment,
                ind.note, v.note if v else "", "Có" if v and v.is_sample else ""))
    return rows


def _workbook_period(db: Database, plan: Plan, period: int | str | None,
                     today: dt.date) -> Period | None:
    """The period whose missing reports the workbook lists: the one chosen, else the one the
    overview, the export dialog and `gbapp export report` start on (overview.default_period)."""
    if period is not None and period != "":
        return resolve_period(db, plan.id, period)
    from .overview import default_period as overview_default  # (overview imports this module)

    return overview_default(periods.list_periods(db, plan.id), today)


def _unreported_rows(db: Database, plan: Plan, period: Period,
                     today: dt.date) -> tuple[list[tuple], int, int]:
    """(rows, reports asked, indicator year) of the period's report (collect_report): its
    summary's agencies that have not reported, with the tasks its body says "chưa báo cáo" of
    under each, and what it counts as asked. One rule for the report, the overview and this."""
    from ..domain.model import ROLE_LABELS

    data = collect_report(db, plan.id, period.id, today=today)
    tasks: dict[str, list[str]] = defaultdict(list)
    for entry in data.items:
        for a in entry.agencies:
            # the body's "chưa báo cáo" lines; the writer's own ("chưa cập nhật kết quả") is
            # not a report owed to it, as the summary does not count it
            if a.missing and not a.is_issuer:
                role = ROLE_LABELS[a.role].lower() if a.role is not None else ""
                text = f"{entry.item.ref} ({role})" if role else entry.item.ref
                if text not in tasks[a.agency]:
                    tasks[a.agency].append(text)
    rows = [(period.name, name, asked, asked - missing, missing, "; ".join(tasks.get(name, [])))
            for name, missing, asked in data.unreported]
    return rows, data.asked, data.indicator_year


def collect_workbook(db: Database, plan_id: int, period_id: int | str | None = None, *,
                     today: dt.date | None = None) -> WorkbookData:
    """The working copy's sheets; *period_id*: the period whose missing reports are listed
    (None: _workbook_period's default)."""
    from ..domain.model import ROLE_LABELS, STATUS_LABELS
    from ..domain.status import evaluation_year

    today = today or dt.date.today()
    plan = resolve_plan(db, plan_id)
    period = _workbook_period(db, plan, period_id, today)
    years = {evaluation_year(plan, today)}  # the overview's year
    unreported, asked = [], 0
    if period is not None:
        unreported, asked, year = _unreported_rows(db, plan, period, today)
        years.add(year)  # the period's report's appendix judges this one
    all_items = plan_items(db, plan.id)
    by_id = {i.id: i for i in all_items}
    assigned = plan_assignments(db, plan.id)
    statuses = derived_statuses(db, plan.id, today)
    completed = activity_store.completion_dates(db, plan.id)
    activities, assignment_rows = [], []
    points = listed_points(all_items)
    for it in all_items:
        if not it.is_activity:
            continue
        refs = assigned.get(it.id, [])
        done = completed.get(it.id)
        content = it.title or it.text
        if it.title and it.text.strip():
            # its explanation too ("Diễn giải"), a line each, but the lines saying who does it
            # or when: the row's own columns say that
            content = "\n".join(line for n, line in enumerate(content_lines(it))
                                 if n == 0 or not states_assignment_or_time(line))
        if it.id in points:  # the points the title announces, one per line in the cell
            content = "\n".join([content] + [f"- {p}" for p in points[it.id]])
        activities.append((
            it.ref, content,
            next((a.agency for a in refs if a.role == Role.LEAD), ""),
            "; ".join(a.agency for a in refs if a.role == Role.COORDINATING),
            time_text(it), it.time_frame.start,
            due_in(it.time_frame.start, it.time_frame.end, it.time_frame.recurring, today),
            it.output,
            STATUS_LABELS[statuses.get(it.id, Status.NOT_STARTED)],
            done))
        for a in refs:
            assignment_rows.append((it.ref, it.title or it.text, a.agency, ROLE_LABELS[a.role],
                                    "Có" if a.is_sample else ""))
    names = {a.id: a.name for a in agencies.list_agencies(db)}
    progress_rows = []
    for per in periods.list_periods(db, plan.id):
        for r in sorted(progress.for_period(db, per.id),
                        key=lambda r: (by_id[r.item_id].ref if r.item_id in by_id else "", r.id)):
            it = by_id.get(r.item_id)
            if it is None:
                continue
            status, read_on = _reported_status(r, it, per, today)
            progress_rows.append((
                per.name, it.ref, it.title or it.text, names.get(r.agency_id, "?"),
                STATUS_LABELS[status], r.percent, r.result, r.sessions,
                r.participants, r.men,
                r.women, r.evidence, r.difficulties, r.proposals, r.spending, r.completed_on,
                read_on))
    counts = {s: 0 for s in Status}
    for st in statuses.values():
        counts[st] += 1
    return WorkbookData(plan=plan, today=today, activities=activities,
                        assignments=assignment_rows, progress=progress_rows, status_counts=counts,
                        indicators=_indicator_sheet_rows(db, years), period=period,
                        unreported=unreported, asked=asked)
