"""Công văn đôn đốc: a reminder to agencies with overdue or unreported activities."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

from ..domain.dates import format_date
from ..domain.model import ROLE_LABELS, Role
from ..domain.text import ascii_letters, clean_line
from ..services.documents import (
    Letterhead,
    ReminderAgency,
    ReminderData,
    ReminderLine,
    lower_first,
    plan_reference,
)
from .docbuilder import DocBuilder, appendix_label
from .report import period_phrase
from .safe_write import ExportError, check_writable
from .tables import reminder_table

TITLE_CHARS = 180  # an activity's text is shortened to this in the letter
# Past this many tasks, a letter lists its agencies with their counts and the tasks go in an
# appendix table: one line a task made a 57-page letter of a 220-activity plan.
LIST_IN_LETTER = 20
REMINDER_APPENDIX = appendix_label(1)


def shorten(text: str, limit: int = TITLE_CHARS) -> str:
    """*text* whole if it fits, else cut where a clause ends (a sentence, ';', ':' or ',') as
    late as fits: the letter names each task by its reference, and its words should read as a
    phrase, not stop mid-way ('… tiếp cận của các nhóm…')."""
    text = clean_line(text).rstrip(".;")
    if len(text) <= limit:
        return text
    head = text[:limit]
    for marks in ((". ", "; ", ": "), (", ",)):
        at = max(head.rfind(mark) for mark in marks)
        if at >= limit // 3:
            return head[:at].rstrip(",;: ") + "…"
    return head.rsplit(" ", 1)[0].rstrip(",;:") + "…"


def default_subject(data: ReminderData) -> str:
    number = f" số {data.plan.number}" if data.plan.number else ""
    return (f"V/v đôn đốc thực hiện và báo cáo kết quả thực hiện Kế hoạch{number} "
            f"{period_phrase(data.period.name, data.period.kind)}")


def _agency_lines(b: DocBuilder, entry: ReminderAgency) -> None:
    for i, line in enumerate(entry.lines):
        end = "." if i == len(entry.lines) - 1 else ";"
        ref = _ref(line)
        b.rich([("- ", None), (f"{ref} ({ROLE_LABELS[line.role].lower()}): ", "GB Emphasis"),
                (f"{shorten(line.title)} — {line.reason}{end}", None)], "GB Dash")


def write_reminder(data: ReminderData, head: Letterhead, path: str | Path, *,
                   agencies: Sequence[ReminderAgency] | None = None,
                   reply_by: dt.date | None = None, subject: str | None = None) -> Path:
    """One letter to *agencies* (default: every agency in *data*); returns the path."""
    entries = list(agencies if agencies is not None else data.agencies)
    b = DocBuilder()
    b.header_block(head, subject=subject or default_subject(data))
    b.addressees([e.agency for e in entries] or ["Các cơ quan, đơn vị"])
    plan, period = data.plan, data.period
    phrase = period_phrase(period.name, period.kind)
    about = f" về {lower_first(clean_line(plan.title))}" if plan.title else ""
    # one sentence with its subject (it had none: "Thực hiện Kế hoạch …; kỳ báo cáo …")
    due = f" trước ngày {format_date(period.due_on)}" if period.due_on else ""
    if period.due_on and period.due_on < data.today:  # the letter then sets a later date
        due += " (đã quá hạn)"
    b.para(f"Theo {plan_reference(plan)}{about}, các cơ quan, đơn vị được phân công gửi báo cáo "
           f"kết quả thực hiện {phrase} về {head.organisation}{due}.", "GB Body")
    single = len(entries) == 1
    whom = "Quý cơ quan" if single else "các cơ quan, đơn vị sau"
    b.para(f"Qua theo dõi đến ngày {format_date(data.today)}, {head.organisation} nhận thấy "
           f"{whom} còn nhiệm vụ quá hạn chưa hoàn thành hoặc chưa gửi báo cáo kết quả thực "
           "hiện" + (":" if entries else "."), "GB Body")
    in_appendix = sum(len(e.lines) for e in entries) > LIST_IN_LETTER
    if in_appendix:  # the counts here, the tasks in the appendix
        for i, entry in enumerate(entries):
            end = "." if i == len(entries) - 1 else ";"
            b.rich([("- ", None), (f"{entry.agency}: " if not single else "", "GB Emphasis"),
                    (f"{_counts(entry)}{end}", None)], "GB Dash")
        b.para(f"Danh sách các nhiệm vụ tại {REMINDER_APPENDIX} kèm theo Công văn này.",
               "GB Body")
    for n, entry in enumerate(entries if not in_appendix else (), start=1):
        if not single:
            b.para(f"{n}. {entry.agency}", "GB Heading 2")
        _agency_lines(b, entry)
    # A week from the letter, but never before the period's own deadline: the letter must not
    # ask for the report earlier than the due date it quotes.
    reply_by = reply_by or max(data.today + dt.timedelta(days=7), period.due_on or data.today)
    parent = f" để tổng hợp, báo cáo {head.addressee}" if head.addressee else \
        " để tổng hợp"
    target = "Quý cơ quan" if single else "các cơ quan, đơn vị"
    last = b.para(f"{head.organisation} đề nghị {target} khẩn trương triển khai thực hiện các "
                  f"nhiệm vụ được giao và gửi báo cáo kết quả thực hiện về {head.organisation} "
                  f"trước ngày {format_date(reply_by)}{parent}", "GB Body")
    b.closing_mark(last)
    b.signature(head)
    if in_appendix:
        b.landscape_section()
        number = f"số {head.reference}" if head.number else f"số       /{head.code}"
        date = f" ngày {format_date(head.date)}" if head.date else ""
        b.appendix_heading(REMINDER_APPENDIX, "Danh sách nhiệm vụ quá hạn chưa hoàn thành, "
                           "chưa báo cáo kết quả",
                           f"(Kèm theo Công văn {number}{date} của {head.organisation})")
        reminder_table(b, [(e.agency, [(_ref(line), shorten(line.title),
                                        ROLE_LABELS[line.role], _upper_first(line.reason))
                                       for line in e.lines]) for e in entries])
    return b.save(path)


def _ref(line: ReminderLine) -> str:
    """'Điểm a khoản 1 Mục II', else the ref ('II.1.a')."""
    return _upper_first(line.legal_ref) if line.legal_ref else line.ref


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _counts(entry: ReminderAgency) -> str:
    """'12 nhiệm vụ (chủ trì 3, phối hợp 9), trong đó 4 quá hạn chưa hoàn thành, 10 chưa báo
    cáo kết quả'."""
    leads = sum(1 for line in entry.lines if line.role == Role.LEAD)
    roles = [f"chủ trì {leads}" if leads else "", f"phối hợp {len(entry.lines) - leads}"
             if len(entry.lines) - leads else ""]
    overdue = sum(1 for line in entry.lines if line.overdue)
    unreported = sum(1 for line in entry.lines if line.unreported)
    which = [f"{overdue} quá hạn chưa hoàn thành" if overdue else "",
             f"{unreported} chưa báo cáo kết quả" if unreported else ""]
    return (f"{len(entry.lines)} nhiệm vụ ({', '.join(r for r in roles if r)}), trong đó "
            f"{', '.join(w for w in which if w)}")


_BAD_FILENAME = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def per_agency_path(base: Path, agency: str) -> Path:
    """'cv.docx' + 'Sở Y tế' -> 'cv - So Y te.docx'; a folder -> '<folder>/Cong van … - So Y te.docx'
    (without diacritics, as default_filename names files)."""
    name = _BAD_FILENAME.sub("_", ascii_letters(clean_line(agency))).strip(" .") or "co-quan"
    if base.suffix.lower() != ".docx":
        return base / f"Cong van don doc - {name}.docx"
    return base.with_name(f"{base.stem} - {name}{base.suffix}")


def write_reminders(data: ReminderData, head: Letterhead, path: str | Path, *,
                    per_agency: bool = False, reply_by: dt.date | None = None) -> list[Path]:
    """One letter to all, or one letter per agency (files named after the agencies)."""
    path = Path(path)
    if not per_agency:
        return [write_reminder(data, head, path, reply_by=reply_by)]
    targets: list[Path] = []
    taken: set[str] = set()  # names alike but for accents or case (a USB stick ignores case)
    for entry in data.agencies:
        target = per_agency_path(path, entry.agency)
        n = 2
        while target.name.casefold() in taken:
            target = per_agency_path(path, f"{entry.agency} ({n})")
            n += 1
        taken.add(target.name.casefold())
        targets.append(target)
    for target in targets:  # a letter open in Word stops the batch before any file is replaced
        check_writable(target)
    out: list[Path] = []
    for entry, target in zip(data.agencies, targets, strict=True):
        own = dataclasses.replace(head, recipients=list(head.recipients))
        try:
            out.append(write_reminder(data, own, target, agencies=[entry], reply_by=reply_by))
        except ExportError as exc:  # say which letters are written and which are not
            written = ", ".join(f"«{p.name}»" for p in out) or "chưa có"
            raise ExportError(
                f"{exc} Đã ghi {len(out)}/{len(targets)} công văn ({written}); hãy xuất lại "
                f"sau khi sửa. (stopped after {len(out)} of {len(targets)} letters)") from exc
    return out
