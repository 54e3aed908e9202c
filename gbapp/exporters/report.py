"""Báo cáo kết quả thực hiện kế hoạch for a reporting period, with the indicator appendix."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..domain.dates import format_date
from ..domain.model import STATUS_LABELS, ItemKind, Role, Status
from ..domain.text import clean_line, clean_text
from ..services.documents import (
    AgencyReport,
    IndicatorRow,
    Letterhead,
    ReportData,
    ReportItem,
    YearTask,
    content_lines,
    group_references,
    legal_ref,
    lower_first,
    people_total,
    plan_reference,
    states_assignment_or_time,
)
from .docbuilder import (
    DocBuilder,
    appendix_label,
    fmt_number,
    is_group,
    item_label,
    numbered_style,
)
from .tables import indicator_table, sample_figures

SAMPLE_NOTE = ("Ghi chú: văn bản được tạo từ dữ liệu mẫu của gbapp [Dữ liệu mẫu] (phân công, "
               "kết quả thực hiện, số liệu chỉ tiêu), không phải số liệu thực tế.")
ROLE_TEXT = {Role.LEAD: "chủ trì", Role.COORDINATING: "phối hợp", None: "báo cáo"}
INDICATOR_APPENDIX = appendix_label(1)  # the report's only appendix: the indicator table
# What the year's report leaves to its writer, where the data has nothing to say: a line in
# brackets, as a note (italic), that the clerk replaces before signing.
TO_FILL = "(Cơ quan soạn thảo bổ sung {what}.)"
YEAR_LIST = 8  # next year's tasks listed one a line up to this many, then "và N nhiệm vụ khác"
TASK_TITLE_CHARS = 120  # an activity's title is shortened to this in next year's tasks
INDICATOR_NAME_CHARS = 70  # an indicator named without the appendix: its name shortened
DONE = (Status.DONE_ON_TIME, Status.DONE_LATE)


def period_phrase(name: str, kind: str) -> str:
    """'Năm 2025' -> 'năm 2025'; 'Tháng hành động 2025' -> 'trong Tháng hành động 2025'."""
    name = clean_line(name)
    if kind in ("year", "half", "quarter"):
        return lower_first(name)
    return f"trong {name}"


def default_summary(data: ReportData) -> str:
    plan = data.plan
    ref = "Kế hoạch" + (f" số {plan.number}" if plan.number else "") + (
        f" của {plan.issuer}" if plan.issuer else "")
    return f"Kết quả thực hiện {ref} {period_phrase(data.period.name, data.period.kind)}"


def _figures(rep) -> str:
    """'Tổ chức 5 cuộc, buổi; 230 lượt người tham gia (nam: 100, nữ: 130)'."""
    parts = []
    if rep.sessions:
        parts.append(f"tổ chức {fmt_number(rep.sessions)} cuộc, buổi")
    total = people_total(rep.participants, rep.men, rep.women)
    split = ", ".join(f"{who}: {fmt_number(n)}" for who, n in (("nam", rep.men), ("nữ", rep.women))
                      if n is not None)
    if total:
        parts.append(f"{fmt_number(total)} lượt người tham gia" + (f" ({split})" if split else ""))
    elif split and (rep.men or rep.women):  # one side without a total (entered before the rule)
        parts.append(", ".join(f"{fmt_number(n)} lượt người tham gia là {who}"
                               for who, n in (("nam", rep.men), ("nữ", rep.women)) if n))
    if rep.percent is not None:
        parts.append(f"mức độ hoàn thành {rep.percent}%")
    if rep.spending:
        parts.append(f"kinh phí {fmt_number(round(rep.spending))} đồng")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] if text else ""


def _agency_line(builder: DocBuilder, entry: AgencyReport) -> None:
    """One agency's report on an activity: the status its line states (documents.agency_status:
    none that contradicts the activity's), its result, its figures, where it was reported. A
    result written as several lines ("Đã treo 20 băng rôn;" / "Đã phát 5.000 tờ rơi.") keeps
    them, a "+" line each under the agency's line, the figures in the last one. An agency
    without a report has a line only when the period asks one of it (documents.report_asked,
    the rule of the summary and the reminder)."""
    who = f"{entry.agency} ({ROLE_TEXT[entry.role]})"
    rep = entry.report
    head = [("- ", None), (who + ": ", "GB Emphasis")]
    if entry.missing:  # the report's writer does not report to itself: its result is missing
        missing = "chưa cập nhật kết quả." if entry.is_issuer else "chưa báo cáo."
        builder.rich(head + [(missing, None)], "GB Dash")
        # its last word, of a period inside this one, does not answer for it (work still
        # going on): quoted below its line, with the period it comes from
        head = [("+ ", None)]
    if rep is None:
        return
    status = [STATUS_LABELS[entry.status]] if entry.status else []
    result_lines = [clean_line(line).lstrip("-+•").strip().rstrip(".;")
                    for line in clean_text(rep.result).split("\n")]
    result_lines = [line for line in result_lines if line]
    figures = _figures(rep)
    where = ""
    if rep.evidence:
        where = f" (Văn bản: {clean_line(rep.evidence)}"
        where += f"; theo báo cáo {lower_first(entry.period_name)})" if entry.period_name else ")"
    elif entry.period_name:
        where = f" (Theo báo cáo {lower_first(entry.period_name)})"
    if len(result_lines) <= 1:
        sentences = status + result_lines + ([figures] if figures else [])
        text = ". ".join(s.rstrip(".;") for s in sentences) + "." if sentences else ""
        if not text:  # a report with nothing in it to state under a completed activity
            text = "đã gửi báo cáo."
        if len(head) == 1:  # a line of its own under the agency's: a sentence
            text = text[:1].upper() + text[1:]
        builder.rich(head + [(text + where, None)], "GB Dash")
        return
    lead_in = f"{status[0]}, cụ thể:" if status else "Kết quả thực hiện:"
    builder.rich(head + [(lead_in, None)], "GB Dash")
    subs = result_lines + ([figures] if figures else [])
    for n, line in enumerate(subs):
        last = n == len(subs) - 1
        builder.para(f"+ {line}" + (f".{where}" if last else ";"), "GB Dash")


def _body_items(builder: DocBuilder, data: ReportData) -> None:
    """The plan's items in order, each activity followed by its status and its agencies'
    reports; an activity with points of its own ("- Phát tờ rơi tại các xã, phường:" over its
    "+" lines) has them after its points, not between the colon and them."""
    waiting: list[ReportItem] = []  # activities whose points are being written
    tasks: set[int] = set()  # the activities and the points below them
    sections = sum(1 for entry in data.items if entry.item.kind == ItemKind.ROMAN)
    for n, entry in enumerate(data.items):
        it = entry.item
        while waiting and waiting[-1].item.depth >= it.depth:
            _activity_lines(builder, waiting.pop())
        label = item_label(it)
        lines = content_lines(it)
        title = lines[0] if lines else ""
        has_points = n + 1 < len(data.items) and data.items[n + 1].item.parent_id == it.id
        if it.kind == ItemKind.ROMAN:
            # the plan's section, named as the plan's where its numbers could be read as the
            # report's own ("Mục II." inside "I. KẾT QUẢ…" read as a misplaced heading); a plan
            # whose activities all lie in one section needs no such line
            if sections > 1:
                builder.para(f"Mục {label.rstrip('.')} của Kế hoạch: {title.upper()}",
                             "GB Sub Heading")
            continue
        if it.kind == ItemKind.ARABIC:
            builder.para(f"{label} {title}", numbered_style(title, has_points))
        elif it.kind == ItemKind.LETTER:
            builder.para(f"{label} {title}", "GB Heading 2" if is_group(it) else "GB Heading 3")
        else:
            builder.para(f"{label} {title}", "GB Dash")
        if it.is_activity or it.parent_id in tasks:
            tasks.add(it.id)
            _text_lines(builder, lines[1:])
        if not it.is_activity:
            continue
        if has_points:
            waiting.append(entry)
        else:
            _activity_lines(builder, entry)
    while waiting:
        _activity_lines(builder, waiting.pop())


def _text_lines(builder: DocBuilder, lines: Sequence[str]) -> None:
    """Lines of text a paragraph each, as their author wrote them (a list of sub-points stays a
    list). Of a task's text, the lines saying who does it or when are left out: the report's
    own lines below the task say that."""
    for line in lines:
        if not states_assignment_or_time(line):
            builder.para(line, "GB Dash" if line.startswith(("-", "+", "•")) else "GB Body")


def _activity_lines(builder: DocBuilder, entry: ReportItem) -> None:
    status = STATUS_LABELS[entry.status] if entry.status else ""
    if entry.not_yet_due:  # nothing to report on yet: said once, for the activity
        when = f": {entry.time_text}" if entry.time_text else ""
        builder.rich([("- ", None), (f"Tình trạng: {status} (chưa đến thời gian thực hiện"
                                     f"{when}).", "GB Emphasis")], "GB Dash")
    else:
        meta = [f"Tình trạng: {status}"] if status else []
        if entry.time_text:
            meta.append(f"thời gian thực hiện: {entry.time_text}")
        if meta:
            builder.rich([("- ", None), ("; ".join(meta) + ".", "GB Emphasis")], "GB Dash")
    if not entry.agencies:
        builder.para("- Chưa phân công cơ quan thực hiện.", "GB Dash")
    elif not any(a.role == Role.LEAD for a in entry.agencies):
        builder.para("- Chưa phân công cơ quan chủ trì.", "GB Dash")
    if entry.agencies and all(a.report is None and not a.missing for a in entry.agencies):
        # nothing reported and nothing asked of the period (work not begun yet, or due before
        # it): who does the work is still said, without claiming a report is missing
        builder.para(_assigned_text(entry.agencies), "GB Dash")
        return
    for agency in entry.agencies:
        _agency_line(builder, agency)


def _assigned_text(agencies: Sequence[AgencyReport]) -> str:
    """'- Cơ quan chủ trì: Sở Nội vụ; cơ quan phối hợp: Tỉnh Đoàn, UBND xã Tịnh Hà.'"""
    parts = []
    for role, label in ((Role.LEAD, "Cơ quan chủ trì"), (Role.COORDINATING, "cơ quan phối hợp")):
        names = [a.agency for a in agencies if a.role == role]
        if names:
            parts.append(f"{label}: {', '.join(names)}")
    text = "; ".join(parts)
    return f"- {text[:1].upper()}{text[1:]}."


def _progress_summary(builder: DocBuilder, data: ReportData) -> None:
    total = data.activity_count
    builder.para(f"Tổng số nhiệm vụ, hoạt động theo Kế hoạch: {total}; trong đó:", "GB Body")
    order = [Status.DONE_ON_TIME, Status.DONE_LATE, Status.IN_PROGRESS, Status.OVERDUE,
             Status.NOT_STARTED]
    for i, st in enumerate(order):
        n = data.status_counts.get(st, 0)
        share = f" ({fmt_number(round(100 * n / total, 1))}%)" if total else ""
        end = "." if i == len(order) - 1 else ";"
        builder.para(f"- {STATUS_LABELS[st]}: {n}{share}{end}", "GB Dash")
    t = data.totals
    if any(t.values()):
        parts = []
        if t["sessions"]:
            parts.append(f"đã tổ chức {fmt_number(t['sessions'])} cuộc, buổi")
        if t["participants"]:
            people = t["participants"]
            split = ", ".join(f"{who}: {fmt_number(t[side])}" for who, side in
                              (("nam", "men"), ("nữ", "women")) if t[side] is not None)
            if split and (t["men"] or 0) + (t["women"] or 0) != people:
                split = "trong đó " + split  # some reports gave no split
            parts.append(f"với {fmt_number(people)} lượt người tham gia"
                         + (f" ({split})" if split else ""))
        if t["spending"]:
            parts.append(f"kinh phí thực hiện {fmt_number(round(t['spending']))} đồng")
        builder.para("Tổng hợp từ báo cáo của các cơ quan, đơn vị: " + ", ".join(parts) + ".",
                     "GB Body")
    if data.unreported:
        # the period is named: the app's pages may be showing another one
        phrase = period_phrase(data.period.name, data.period.kind)
        builder.para(f"Đến ngày {format_date(data.today)}, còn {len(data.unreported)} cơ quan, "
                     "đơn vị chưa báo cáo đủ kết quả thực hiện các nhiệm vụ được phân công "
                     f"{phrase}:", "GB Body")
        for i, (name, missing, assigned) in enumerate(data.unreported):
            end = "." if i == len(data.unreported) - 1 else ";"
            count = (f"{missing} nhiệm vụ" if missing == assigned
                     else f"{missing}/{assigned} nhiệm vụ")
            builder.para(f"- {name} (chưa báo cáo {count}){end}", "GB Dash")
    elif data.asked:
        builder.para("Các cơ quan, đơn vị được phân công đã gửi báo cáo kết quả thực hiện.",
                     "GB Body")
    else:  # no task of the period was due for a report: none was sent, none is missing
        phrase = period_phrase(data.period.name, data.period.kind)
        builder.para(f"Chưa có nhiệm vụ nào phải báo cáo kết quả thực hiện {phrase}.", "GB Body")


def _gathered(builder: DocBuilder, entries: Sequence[tuple[str, list[str]]], none_text: str):
    if not entries:
        builder.para(none_text, "GB Body")
        return
    for i, (text, names) in enumerate(entries):
        text = clean_line(text).rstrip(".;")
        end = "." if i == len(entries) - 1 else ";"
        builder.para(f"- {text} ({', '.join(names)}){end}", "GB Dash")


def _percent(n: int, total: int) -> str:
    return f"{fmt_number(round(100 * n / total, 1))}%" if total else ""


def _listed(names: Sequence[str], limit: int, more: str) -> str:
    """'A, B, C' or, past *limit*, 'A, B và 3 {more} khác'."""
    names = list(names)
    if len(names) <= limit:
        return ", ".join(names)
    return f"{', '.join(names[:limit - 1])} và {len(names) - limit + 1} {more} khác"


def _indicator_names(rows: Sequence[IndicatorRow], with_appendix: bool) -> str:
    """The indicators named briefly: by code when the appendix shows them with it (section II
    points to it, once), else by their names shortened."""
    from .reminder import shorten  # (reminder imports this module)

    named = [r.code if with_appendix and clean_line(r.code) else
             shorten(lower_first(r.name), INDICATOR_NAME_CHARS) for r in rows]
    return _listed(named, 10, "chỉ tiêu")


def _assessment(b: DocBuilder, data: ReportData, with_appendix: bool) -> None:
    """III. ĐÁNH GIÁ CHUNG of a year's report: what was achieved, what falls short and why, in
    the figures and names the report's own sections I and II state; no judgement of its own.
    Where the data says nothing, a bracketed line for the writer to fill."""
    total, counts = data.activity_count, data.status_counts
    on_time, late = counts.get(Status.DONE_ON_TIME, 0), counts.get(Status.DONE_LATE, 0)
    going = counts.get(Status.IN_PROGRESS, 0)
    until = f"Đến ngày {format_date(data.today)}"
    verdicts = ("Đạt", "Chưa đạt", "Có nguy cơ không đạt")
    by_verdict = {v: [r for r in data.indicators if r.assessment == v] for v in verdicts}
    judged = sum(len(rows) for rows in by_verdict.values())
    year = data.indicator_year

    b.para("1. Kết quả đạt được", "GB Heading 2")
    if total:
        done = on_time + late
        text = (f"{until}, đã hoàn thành {done}/{total} nhiệm vụ, hoạt động theo Kế hoạch "
                f"({_percent(done, total)})")
        if done:
            text += f", trong đó {on_time} nhiệm vụ hoàn thành đúng hạn"
            text += f", {late} nhiệm vụ hoàn thành quá hạn" if late else ""
        text += f"; {going} nhiệm vụ đang thực hiện trong hạn." if going else "."
        b.para(f"- {text}", "GB Dash")
    met = by_verdict["Đạt"]
    if met:
        names = _indicator_names(met, with_appendix)
        if judged == len(data.indicators):
            b.para(f"- Có {len(met)}/{judged} chỉ tiêu về bình đẳng giới năm {year} đạt mục "
                   f"tiêu: {names}.", "GB Dash")
        else:
            b.para(f"- Trong số {judged} chỉ tiêu về bình đẳng giới năm {year} có số liệu để "
                   f"đánh giá, có {len(met)} chỉ tiêu đạt mục tiêu: {names}.", "GB Dash")
    if not total and not met:
        b.para(TO_FILL.format(what="kết quả đạt được"), "GB Note")

    b.para("2. Tồn tại, hạn chế", "GB Heading 2")
    lines = []
    for status in (Status.OVERDUE, Status.NOT_STARTED):
        tasks = [t for t in data.tasks if t.status == status and not t.not_yet_due]
        if tasks:
            refs = group_references([t.path for t in tasks]) or ", ".join(t.ref for t in tasks)
            lines.append(f"Còn {len(tasks)} nhiệm vụ {STATUS_LABELS[status].lower()} "
                         f"({refs} của Kế hoạch)")
    if data.unreported:
        names = _listed([name for name, *_ in data.unreported], 10, "cơ quan, đơn vị")
        lines.append(f"{until}, còn {len(data.unreported)} cơ quan, đơn vị chưa báo cáo đủ kết "
                     f"quả thực hiện nhiệm vụ được phân công: {names}")
    for verdict, said in (("Chưa đạt", "chưa đạt mục tiêu"),
                          ("Có nguy cơ không đạt", "có nguy cơ không đạt mục tiêu")):
        rows = by_verdict[verdict]
        if rows:
            lines.append(f"Có {len(rows)} chỉ tiêu về bình đẳng giới năm {year} {said}: "
                         f"{_indicator_names(rows, with_appendix)}")
    no_figure = [r for r in data.indicators if not _has_figure(r)]
    if no_figure and len(no_figure) < len(data.indicators):  # (none has: section II says so)
        lines.append(f"Có {len(no_figure)} chỉ tiêu chưa có số liệu thực hiện năm {year}: "
                     f"{_indicator_names(no_figure, with_appendix)}")
    for i, line in enumerate(lines):
        b.para(f"- {line}{'.' if i == len(lines) - 1 else ';'}", "GB Dash")
    if not lines:
        b.para(TO_FILL.format(what="tồn tại, hạn chế"), "GB Note")

    b.para("3. Nguyên nhân", "GB Heading 2")
    if data.difficulties:
        b.para("Các cơ quan, đơn vị phản ánh khó khăn, vướng mắc sau:", "GB Body")
        _gathered(b, data.difficulties, "")
    else:
        b.para(TO_FILL.format(what="nguyên nhân"), "GB Note")


def _task_line(task: YearTask) -> str:
    """'Điểm b khoản 1 Mục II: Rà soát, đánh giá các mô hình… (chủ trì: Sở Nội vụ)'."""
    from .reminder import shorten  # (reminder imports this module)

    ref = legal_ref(task.path) or task.ref
    ref = ref[:1].upper() + ref[1:]
    title = shorten(task.title, TASK_TITLE_CHARS) if task.title else ""
    lead = (f"chủ trì: {', '.join(task.leads)}" if task.leads
            else "chưa phân công cơ quan chủ trì")
    return f"{ref}: {title} ({lead})" if title else f"{ref} ({lead})"


def _next_year(b: DocBuilder, data: ReportData) -> None:
    """IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {year + 1}: the activities not completed (to carry on),
    those whose time has not come yet, and the recurring ones that go on; a long list is cut
    short ("và N nhiệm vụ khác", section I has them all)."""
    year = data.indicator_year
    open_ = [t for t in data.tasks if t.status not in DONE and not t.not_yet_due]
    later = [t for t in data.tasks if t.status not in DONE and t.not_yet_due]
    recurring = [t for t in data.tasks if t.status in DONE and t.continues]
    groups = [(f"Tiếp tục thực hiện các nhiệm vụ chưa hoàn thành năm {year} của Kế hoạch:",
               open_),
              ("Triển khai các nhiệm vụ của Kế hoạch chưa đến thời gian thực hiện trong năm "
               f"{year}:", later),
              ("Duy trì thực hiện các nhiệm vụ thường xuyên, hằng năm:", recurring)]
    groups = [(head, tasks) for head, tasks in groups if tasks]
    for n, (head, tasks) in enumerate(groups, 1):
        b.para(f"{n}. {head}", "GB Heading 2")
        shown = tasks if len(tasks) <= YEAR_LIST else tasks[:YEAR_LIST - 1]
        lines = [_task_line(t) for t in shown]
        if len(shown) < len(tasks):
            lines.append(f"Và {len(tasks) - len(shown)} nhiệm vụ khác (chi tiết tại Mục I "
                         "Báo cáo này)")
        for i, line in enumerate(lines):
            b.para(f"- {line}{'.' if i == len(lines) - 1 else ';'}", "GB Dash")
    if not groups:
        b.para(TO_FILL.format(what=f"phương hướng, nhiệm vụ năm {year + 1}"), "GB Note")


def _has_figure(row: IndicatorRow) -> bool:
    return any(n is not None for n in (row.current, row.current_men, row.current_women))


def write_report(data: ReportData, head: Letterhead, path: str | Path, *,
                 addressees: Sequence[str] | None = None, summary: str | None = None,
                 with_appendix: bool = True) -> Path:
    """Write the report to *path* (atomically); returns the path. The indicator appendix is
    left out when asked, and when there is no indicator to show: a signed report does not
    announce an empty table."""
    # (indicators with no figure of the year: a table of "Chưa có số liệu" rows says nothing;
    # a figure given for men and women only is a figure, its row says what is missing)
    has_values = any(_has_figure(r) for r in data.indicators)
    with_appendix = with_appendix and has_values
    b = DocBuilder()
    b.header_block(head)
    b.title("BÁO CÁO", summary or default_summary(data))
    b.addressees(list(addressees) if addressees else [head.addressee])
    if data.has_sample:
        b.para(SAMPLE_NOTE, "GB Note")
    plan = data.plan
    phrase = period_phrase(data.period.name, data.period.kind)
    about = f" về {lower_first(clean_line(plan.title))}" if plan.title else ""
    b.para(f"Thực hiện {plan_reference(plan)}{about}, {head.organisation} báo cáo kết quả "
           f"thực hiện {phrase} như sau:", "GB Body")

    b.para("I. KẾT QUẢ THỰC HIỆN CÁC NỘI DUNG CỦA KẾ HOẠCH", "GB Heading 1")
    _body_items(b, data)
    b.para("II. TIẾN ĐỘ THỰC HIỆN CHUNG", "GB Heading 1")
    _progress_summary(b, data)
    indicators = f"Kết quả thực hiện các chỉ tiêu về bình đẳng giới năm {data.indicator_year}"
    if with_appendix:  # Decree 30: a document points to its appendix, by the appendix's label
        b.para(f"{indicators} được tổng hợp tại {INDICATOR_APPENDIX} kèm theo Báo cáo này.",
               "GB Body")
    elif data.indicators and not has_values:
        b.para(f"Chưa có số liệu thực hiện các chỉ tiêu về bình đẳng giới năm "
               f"{data.indicator_year}.", "GB Body")
    if data.period.kind == "year":
        # the year's report: the assessment and next year's tasks a clerk would otherwise
        # write; the difficulties reported are the causes (Nguyên nhân)
        b.para("III. ĐÁNH GIÁ CHUNG", "GB Heading 1")
        _assessment(b, data, with_appendix)
        b.para(f"IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {data.indicator_year + 1}", "GB Heading 1")
        _next_year(b, data)
        proposals = "V. ĐỀ XUẤT, KIẾN NGHỊ"
    else:
        b.para("III. KHÓ KHĂN, VƯỚNG MẮC", "GB Heading 1")
        _gathered(b, data.difficulties, "Các cơ quan, đơn vị không phản ánh khó khăn, vướng "
                                        "mắc trong kỳ báo cáo.")
        proposals = "IV. ĐỀ XUẤT, KIẾN NGHỊ"
    b.para(proposals, "GB Heading 1")
    _gathered(b, data.proposals, "Các cơ quan, đơn vị không có đề xuất, kiến nghị trong kỳ "
                                 "báo cáo.")
    last = b.para(f"Trên đây là báo cáo của {head.organisation} về kết quả thực hiện "
                  f"{plan_reference(plan)} {phrase}", "GB Body")
    b.closing_mark(last)
    b.signature(head)

    if with_appendix:
        b.landscape_section()
        date = f" ngày {format_date(head.date)}" if head.date else ""
        number = f"số {head.reference}" if head.number else f"số       /{head.code}"
        b.appendix_heading(INDICATOR_APPENDIX, indicators,
                           f"(Kèm theo Báo cáo {number}{date} của {head.organisation})")
        # both years' figures are read by the note: a sample figure of last year beside
        # real ones of this year is marked, not passed off as real
        shown, sample = sample_figures(data.indicators)
        partly = 0 < sample < shown
        indicator_table(b, data.indicators, data.indicator_year, mark_sample=partly)
        if partly:
            b.para("Ghi chú: số liệu có dấu (*) là dữ liệu mẫu [Dữ liệu mẫu].", "GB Note")
        elif sample:
            b.para("Ghi chú: số liệu thực hiện là dữ liệu mẫu [Dữ liệu mẫu].", "GB Note")
    return b.save(path)
