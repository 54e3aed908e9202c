"""One entry point for every export, shared by the command line and the export dialog."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import SimpleNamespace

from ..domain.dates import format_date
from ..domain.text import ascii_letters, clean_line
from ..services import documents
from ..store.connection import Database
from .kinds import KINDS
from .safe_write import ExportError, check_writable

SUFFIX = {"xlsx": ".xlsx"}

Progress = Callable[[int, str], None]


class NothingToExportError(ExportError):
    """The document would be empty (e.g. no agency to remind)."""


@dataclass
class ExportOptions:
    """What the user chose; None means 'from the database / settings'."""

    plan: int | str | None = None  # id or number; None: the most recent plan
    period: int | str | None = None  # id or name; None: the year period, else the last one
    number: str = ""  # document number; '' leaves it blank (report, reminder)
    date: dt.date | None = None  # document date; None: today (plan: its issue date)
    signer: str | None = None
    signer_authority: str | None = None
    signer_title: str | None = None
    addressees: list[str] | None = None  # Kính gửi (report)
    recipients: list[str] | None = None  # Nơi nhận (without the 'Lưu' line)
    agency_ids: list[int] | None = None  # reminder: only these agencies
    per_agency: bool = False  # reminder: one letter per agency
    reply_by: dt.date | None = None  # reminder: deadline for the answer
    today: dt.date | None = None  # as-of date of statuses; None: the document date, else today
    warnings: list[str] = field(default_factory=list)  # filled by export(): what to check


# Characters Windows refuses in a file name (and the folder separators of both systems).
FORBIDDEN_IN_NAME = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
# Device names Windows reserves, with or without an extension ("CON.docx" opens the console).
RESERVED_NAMES = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)),
                            *(f"LPT{n}" for n in range(1, 10))})


def filename_problem(name: str) -> str | None:
    """Why Windows would refuse *name* (a file name, no folder) as a file name, in Vietnamese;
    None if it would not."""
    bad = list(dict.fromkeys(FORBIDDEN_IN_NAME.findall(name)))
    if bad:
        shown = " ".join(f"«{c}»" if c.isprintable() else "ký tự điều khiển" for c in bad)
        return (f"Tên tệp «{name}» có ký tự Windows không cho dùng trong tên tệp: {shown}. "
                "Hãy bỏ hoặc thay các ký tự đó, ví dụ bằng dấu «-».")
    if name.endswith((".", " ")):
        return (f"Tên tệp «{name}» không được kết thúc bằng dấu chấm hay dấu cách (Windows "
                "không cho phép). Hãy bỏ dấu đó đi.")
    if name.split(".", 1)[0].rstrip(" ").upper() in RESERVED_NAMES:
        return (f"Tên «{name}» là tên Windows dành riêng cho thiết bị (CON, PRN, AUX, NUL, "
                "COM1…COM9, LPT1…LPT9), không dùng làm tên tệp được. Hãy đặt tên khác.")
    return None


def default_filename(kind: str, plan_number: str | None, period_name: str | None = None) -> str:
    """'Bao cao - 93-KH-UBND - Nam 2025.docx': without diacritics, safe on Windows."""
    stem = {"report": "Bao cao", "appendix": "Phu luc phan cong", "plan": "Ke hoach",
            "reminder": "Cong van don doc", "xlsx": "Ban lam viec"}[kind]
    parts = [stem]
    if plan_number:
        parts.append(plan_number.replace("/", "-"))
    if period_name and kind in ("report", "reminder"):
        parts.append(period_name)
    name = ascii_letters(" - ".join(parts))  # one convention: no diacritics anywhere
    name = re.sub(f"(?:{FORBIDDEN_IN_NAME.pattern})+", "_", clean_line(name))
    return name + SUFFIX.get(kind, ".docx")


_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was_enabled = False


@contextlib.contextmanager
def paused_gc():
    """Pause Python's cyclic garbage collector while a document is built.

    An export creates hundreds of thousands of objects that all stay alive until the file is
    written; the collector would walk them again and again (40 % of a 10,000-row export). No
    cycles are made that need collecting. gc.disable() is process-wide: nested and concurrent
    exports share one pause, and the collector comes back as it was when the last one ends.
    """
    global _gc_pauses, _gc_was_enabled
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_enabled:
                gc.enable()


def _check_signature(head, opts: ExportOptions) -> None:
    """Decree 30 signs with authority (TM./KT.…), title and name: say which are missing, so
    that the clerk fills them before printing rather than finding a blank under the text."""
    from .docbuilder import authority_lines

    # the head of a body signs in its own name ("GIÁM ĐỐC", "TRƯỞNG PHÒNG"); a deputy signs
    # "KT." the head (Decree 30), so only a deputy's missing authority is a gap
    title = clean_line(head.signer_title).upper()
    head_signs = bool(title) and not title.startswith("PHÓ")
    missing = [label for label, value in (("quyền hạn ký (TM./KT.)",
                                           authority_lines(head) or head_signs),
                                          ("chức vụ người ký", head.signer_title),
                                          ("họ tên người ký", head.signer)) if not value]
    if missing:
        opts.warnings.append(
            f"Khối chữ ký còn thiếu {', '.join(missing)}: điền trong Cài đặt hoặc Thông tin kế "
            f"hoạch (hay trong hộp xuất văn bản) rồi xuất lại. (signature block incomplete)")


def _check_later_reports(data, opts: ExportOptions) -> None:
    """A report dated before some results were completed (a document written again for an
    earlier date) shows those results beside statuses of its own date: say so. gbapp keeps an
    agency's latest report, not how it stood on that date."""
    later = [(entry.item, a) for entry in data.items for a in entry.agencies
             if a.report is not None and a.report.completed_on is not None
             and a.report.completed_on > data.today]
    if later:
        item, a = later[0]
        opts.warnings.append(
            f"{len(later)} kết quả trong báo cáo hoàn thành sau ngày văn bản "
            f"{format_date(data.today)} (ví dụ {item.ref}, {a.agency}: "
            f"{format_date(a.report.completed_on)}): báo cáo ghi kết quả hiện có, còn tình trạng "
            "tính theo ngày văn bản. Hãy kiểm tra ngày văn bản. (results completed after the "
            "document date)")


# Emoji and pictographs: not in Times New Roman, so Word draws them from a colour emoji font in
# the middle of an official text (pasted from Zalo or a phone). Dingbats, misc. symbols, the
# emoji presentation selector and anything beyond the Basic Multilingual Plane.
_PICTOGRAPH_RE = re.compile("[\u2600-\u27bf\u2b00-\u2bff\ufe0f\U00010000-\U0010ffff]")
_TEXT_RE = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")
_ASCII = bytes(range(128))


def pictograph_samples(paths: list[Path], limit: int = 3) -> list[str]:
    """Up to *limit* short excerpts, each around a pictograph found in the .docx files."""
    import html
    import zipfile

    samples: list[str] = []
    for path in paths:
        if path.suffix.lower() != ".docx":
            continue
        with zipfile.ZipFile(path) as archive:
            raw = archive.read("word/document.xml")
        # The common case, nothing found, decided on the non-ASCII bytes alone: deleting ASCII
        # leaves the multi-byte characters whole, a tenth of the XML (a 10,000-row appendix
        # is 13 MB: 40 ms this way, 160 ms with a regex over all of it).
        if _PICTOGRAPH_RE.search(raw.translate(None, _ASCII).decode("utf-8", "replace")) is None:
            continue
        for m in _TEXT_RE.finditer(raw.decode("utf-8")):
            text = html.unescape(m.group(1))
            hit = _PICTOGRAPH_RE.search(text)
            if hit:
                start, end = max(0, hit.start() - 25), hit.end() + 25
                if start:  # whole words: from the first space in the window
                    start = text.find(" ", start, hit.start()) + 1 or start
                if end < len(text):
                    end = text.rfind(" ", hit.end(), end) if " " in text[hit.end():end] else end
                excerpt = text[start:end].strip()
                samples.append(("…" if start else "") + excerpt + ("…" if end < len(text) else ""))
                if len(samples) >= limit:
                    return samples
    return samples


def _check_pictographs(paths: list[Path], opts: ExportOptions) -> None:
    samples = pictograph_samples(paths)
    if samples:
        opts.warnings.append(
            "Văn bản có biểu tượng (emoji) mà phông Times New Roman không có, Word sẽ in bằng "
            f"phông khác: {'; '.join(f'«{s}»' for s in samples)}. Hãy sửa nội dung đó trong "
            "gbapp rồi xuất lại. (pictographs in the document)")


def export(db: Database, kind: str, out: str | Path, options: ExportOptions | None = None,
           progress: Progress | None = None) -> list[Path]:
    """Collect the data and write the document(s) of *kind*; returns the files written."""
    opts = options if options is not None else ExportOptions()
    with paused_gc():
        paths = _export(db, kind, out, opts, progress)
    _check_pictographs(paths, opts)
    return paths


def _export(db: Database, kind: str, out: str | Path, options: ExportOptions | None,
            progress: Progress | None) -> list[Path]:
    if kind not in KINDS:
        raise ValueError(f"unknown export kind {kind!r}")
    opts = options or ExportOptions()
    step = progress or (lambda _p, _m: None)
    out = Path(out)
    # The document speaks as of its own date: statuses ("quá hạn"), "Đến ngày …" and the reply
    # deadline are derived from it, so that a report dated 05/12 never says "Đến ngày 29/11" of
    # another year.
    today = opts.today or opts.date or dt.date.today()
    if kind == "reminder" and opts.per_agency and opts.number:
        # each letter is a document of its own: one number on all of them would be false
        raise documents.DocumentDataError(
            "Mỗi cơ quan một công văn: mỗi công văn cần một số riêng. Hãy để trống ô số văn "
            "bản (ghi số khi phát hành), hoặc xuất một công văn chung. (one number for several "
            "letters)")
    if not (kind == "reminder" and opts.per_agency):
        check_writable(out)
    step(5, "Đang đọc dữ liệu…")
    plan = documents.resolve_plan(db, opts.plan)
    date = opts.date if opts.date is not None else today
    if kind in ("plan", "appendix") and opts.date and plan.issued_on \
            and opts.date != plan.issued_on:
        opts.warnings.append(
            f"{documents.plan_reference(plan)} ban hành ngày {format_date(plan.issued_on)}; văn "
            f"bản xuất ghi ngày {format_date(opts.date)} theo ngày đã chọn (ban hành lại). Bỏ "
            "ngày văn bản để giữ ngày của kế hoạch. (plan re-dated)")
    if kind in ("report", "reminder") and plan.issued_on and date < plan.issued_on:
        # a report on a plan cannot be older than the plan (a year typed wrong: 2024 for 2025)
        raise documents.DocumentDataError(
            f"Ngày văn bản {format_date(date)} trước ngày ban hành "
            f"{documents.plan_reference(plan)} ({format_date(plan.issued_on)}): hãy kiểm tra lại "
            "ngày. (document dated before the plan)")

    def letterhead(type_code):
        org, source = documents.organisation_settings(db, plan)
        if source != "saved":
            whence = "theo kế hoạch đang chọn" if source == "plan" else "là giá trị mặc định"
            named = " / ".join(f"«{name}»" for name in (org.parent_agency, org.organisation)
                               if clean_line(name))
            opts.warnings.append(
                f"Chưa khai báo cơ quan trong Cài đặt: văn bản ghi {named}, địa danh "
                f"«{org.place}», {whence}. Kiểm tra và lưu ở Tệp → Cài đặt. (organisation not "
                "set)")
        head = documents.letterhead_from_settings(
            db, type_code=type_code, number=opts.number, date=date, recipients=opts.recipients,
            signer=opts.signer, signer_authority=opts.signer_authority,
            signer_title=opts.signer_title, plan=plan)
        _check_signature(head, opts)
        return head

    if kind == "report":
        from .report import write_report

        data = documents.collect_report(db, plan.id, opts.period, today=today)
        opts.warnings.extend(data.warnings)  # ceased bodies no one succeeds
        _check_later_reports(data, opts)
        head = letterhead("BC")
        if not opts.addressees and not head.addressee:
            raise documents.DocumentDataError(
                "Cài đặt chưa có nơi nhận báo cáo (Kính gửi) hay cơ quan chủ quản: vào Tệp → "
                "Cài đặt để nhập, rồi xuất lại. (no addressee for the report)")
        step(40, "Đang soạn báo cáo…")
        return [write_report(data, head, out, addressees=opts.addressees)]
    if kind == "appendix":
        from .appendix import write_assignment_appendix

        table = documents.collect_assignments(db, plan.id)
        if opts.number or opts.date:
            # the appendix of a plan re-issued under a new number or date cites that one
            from .plan import plan_letterhead

            head = plan_letterhead(SimpleNamespace(plan=table.plan),
                                   number=opts.number or None, date=opts.date)
            number = f"{head.number}/{head.code}" if head.number else table.plan.number
            table.plan = replace(table.plan, number=number, issued_on=head.date)
        step(40, f"Đang soạn phụ lục ({len(table.rows)} dòng)…")
        return [write_assignment_appendix(table, out)]
    if kind == "plan":
        from .plan import plan_letterhead, write_plan

        doc = documents.collect_plan(db, plan.id)
        step(40, "Đang soạn kế hoạch…")
        head = plan_letterhead(doc, number=opts.number or None, date=opts.date)
        for name in ("signer", "signer_authority", "signer_title"):
            if getattr(opts, name):
                setattr(head, name, getattr(opts, name))
        if opts.recipients is not None:
            head.recipients = list(opts.recipients)
        _check_signature(head, opts)
        return [write_plan(doc, head, out)]
    if kind == "reminder":
        from .reminder import write_reminders

        data = documents.collect_reminder(db, plan.id, opts.period, agency_ids=opts.agency_ids,
                                          today=today)
        opts.warnings.extend(data.warnings)  # ceased bodies no one succeeds: not written to
        if not data.agencies:
            raise NothingToExportError(
                f"Không có cơ quan nào có nhiệm vụ quá hạn hoặc chưa báo cáo trong kỳ "
                f"«{data.period.name}»; không cần công văn đôn đốc. (nothing to remind)"
                + "".join(f"\nLưu ý: {w}" for w in data.warnings))
        step(40, f"Đang soạn công văn ({len(data.agencies)} cơ quan)…")
        head = letterhead(None)
        if opts.recipients is None:
            head.recipients = ["Như trên", f"{head.addressee} (để báo cáo)"
                               if head.addressee else documents.leadership_of(head.organisation)]
        return write_reminders(data, head, out, per_agency=opts.per_agency,
                               reply_by=opts.reply_by)
    from .workbook import write_workbook

    # the "Chưa báo cáo" sheet is the chosen period's (None: as the overview starts on)
    data = documents.collect_workbook(db, plan.id, opts.period, today=today)
    step(40, f"Đang ghi bảng tính ({len(data.activities)} hoạt động)…")
    return [write_workbook(data, out)]
