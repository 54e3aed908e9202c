"""The two wide tables of the documents: the assignment table and the indicator table."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..domain.model import ItemKind
from ..domain.text import clean_line
from ..domain.validation import format_decimal
from ..services.documents import AssignmentRow, IndicatorRow
from .docbuilder import DocBuilder, keep_row_together, repeat_header
from .fast_table import RowFactory, prototype_cells

ASSIGNMENT_HEADERS = ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian",
                      "Sản phẩm"]
ASSIGNMENT_WIDTHS = [14, 100, 38, 44, 28, 28]  # mm, 252 = landscape text width


def _table_with_prototypes(builder: DocBuilder, headers: Sequence[str],
                           widths: Sequence[float],
                           prototypes: dict[str, Sequence[str]]) -> RowFactory:
    """A bordered table with a repeated bold header row and one prototype row per kind."""
    table = builder.table(1 + len(prototypes), widths, borders=True)
    head = table.rows[0]
    for cell, text in zip(head.cells, headers, strict=True):
        cell.paragraphs[0].style = "GB Table Head"
        cell.paragraphs[0].add_run(text)
    repeat_header(head)
    factory = RowFactory(table)
    rows = list(table.rows)[1:]
    for (name, styles), row in zip(prototypes.items(), rows, strict=True):
        prototype_cells(row, styles)
        keep_row_together(row)
        factory.take_prototype(name, row)
    return factory


def _assignment_texts(rows: Sequence[AssignmentRow]) -> Iterator[tuple[str, list[str]]]:
    """(prototype, cell texts) per row. The store cleans texts on the way in; RowFactory makes
    whatever else arrives XML-safe."""
    roman = ItemKind.ROMAN
    for r in rows:
        if r.is_activity:
            coordinating = r.coordinating
            joined = ("\n".join(f"- {c}" for c in coordinating) if len(coordinating) > 1
                      else "".join(coordinating))
            yield "item", [r.label, r.title, r.lead, joined, r.time_text, r.output]
        else:
            yield "group", [r.label, r.title.upper() if r.kind == roman else r.title,
                            "", "", "", ""]


def assignment_table(builder: DocBuilder, rows: Sequence[AssignmentRow]) -> int:
    """Write the assignment table; returns the number of body rows."""
    factory = _table_with_prototypes(builder, ASSIGNMENT_HEADERS, ASSIGNMENT_WIDTHS, {
        "group": ["GB Table Group Center"] + ["GB Table Group"] * 5,
        "item": ["GB Table Center", "GB Table Text", "GB Table Text", "GB Table Text",
                 "GB Table Center", "GB Table Text"],
    })
    count = 0
    # Consecutive rows of one kind go in one batch.
    batch_kind, batch = None, []
    for kind, texts in _assignment_texts(rows):
        if kind != batch_kind and batch:
            count += factory.append_many(batch_kind, batch)
            batch = []
        batch_kind = kind
        batch.append(texts)
    if batch:
        count += factory.append_many(batch_kind, batch)
    return count


REMINDER_HEADERS = ["STT", "Nhiệm vụ", "Vai trò", "Tình trạng"]
REMINDER_WIDTHS = [14, 150, 30, 58]  # mm, 252 = landscape text width


def reminder_table(builder: DocBuilder,
                   groups: Sequence[tuple[str, Sequence[tuple[str, str, str, str]]]]) -> int:
    """The tasks a reminder asks about, under a row per agency: (agency, [(reference, task,
    role, state)]). Returns the number of body rows."""
    factory = _table_with_prototypes(builder, REMINDER_HEADERS, REMINDER_WIDTHS, {
        "group": ["GB Table Group Center"] + ["GB Table Group"] * 3,
        "item": ["GB Table Center", "GB Table Text", "GB Table Center", "GB Table Text"],
    })
    count = 0
    for n, (agency, lines) in enumerate(groups, start=1):
        count += factory.append_many("group", [[str(n), agency, "", ""]])
        count += factory.append_many("item", [[f"{n}.{k}", f"{ref}: {task}", role, state]
                                              for k, (ref, task, role, state)
                                              in enumerate(lines, start=1)])
    return count


INDICATOR_WIDTHS = [12, 100, 18, 28, 30, 32, 32]


def _target_text(row: IndicatorRow) -> str:
    if row.target is None:
        return ""
    sign = "≥ " if row.direction == ">=" else "≤ "
    text = sign + format_decimal(row.target)
    if row.target_year:
        text += f"\n(năm {row.target_year})"
    return text


def _value_text(value: float | None, men: float | None = None,
                women: float | None = None) -> str:
    """As the app shows it (two decimals at most, none when whole): a value just under its
    target is not printed as the target itself."""
    text = format_decimal(value)
    split = "; ".join(f"{who}: {format_decimal(n)}" for who, n in (("nam", men), ("nữ", women))
                      if n is not None)
    return text + (f"\n({split})" if split else "")


def sample_figures(rows: Sequence[IndicatorRow]) -> tuple[int, int]:
    """(figures shown, of which sample data) in the indicator table: the previous year's and
    the current year's cells that have a figure, each counted on its own."""
    shown = sample = 0
    for r in rows:
        for has, is_sample in ((r.previous is not None, r.previous_sample),
                               (_has_current(r), r.is_sample)):
            if has:
                shown += 1
                sample += is_sample
    return shown, sample


def _has_current(row: IndicatorRow) -> bool:
    return any(n is not None for n in (row.current, row.current_men, row.current_women))


def indicator_table(builder: DocBuilder, rows: Sequence[IndicatorRow], year: int, *,
                    mark_sample: bool = False) -> None:
    """The indicator table; *mark_sample*: a sample figure, of either year, is followed by
    '(*)' (when only some of them are sample data, a note under the table says what the mark
    means): a demo's figure of last year beside a real one of this year is not real."""
    headers = ["STT", "Chỉ tiêu", "Đơn vị", "Mục tiêu",
               f"Thực hiện năm trước ({year - 1})", f"Thực hiện năm nay ({year})", "Đánh giá"]
    factory = _table_with_prototypes(builder, headers, INDICATOR_WIDTHS, {
        "row": ["GB Table Center", "GB Table Text", "GB Table Center", "GB Table Center",
                "GB Table Center", "GB Table Center", "GB Table Center"],
    })
    mark = " (*)"
    factory.append_many("row", (
        [str(n), clean_line(f"{r.name} ({r.code})" if r.code else r.name), clean_line(r.unit),
         _target_text(r),
         _value_text(r.previous)
         + (mark if mark_sample and r.previous_sample and r.previous is not None else ""),
         _value_text(r.current, r.current_men, r.current_women)
         + (mark if mark_sample and r.is_sample and _has_current(r) else ""),
         r.assessment]
        for n, r in enumerate(rows, start=1)))
