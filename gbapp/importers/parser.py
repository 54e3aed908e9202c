"""Blocks (logical lines and table rows) → ParsedPlan: find the body, read header and tree."""

from __future__ import annotations

import re

from gbapp.domain.model import ItemKind, ParsedItem, ParsedPlan, PlanMeta, Role
from gbapp.domain.numbering import from_roman, is_task_section, to_roman
from gbapp.domain.timeframe import over_programme

from .cell_lines import KEPT_TABLE_PREFIX
from .errors import EMPTY, NOT_A_PLAN, PlanImportError
from .header import is_authority_line, is_signer_title_line, parse_header
from .lines import Block, is_chrome_end, is_upper_line, quick_fold, strip_truncation
from .markers import GROUP_RANK, ORDINALS, PART_RE, SECTION_RE, parse_marker
from .tables import Row
from .tree import build_tree


def _is_heading(line: str) -> bool:
    return line.startswith("KẾ HOẠCH") and (line == "KẾ HOẠCH" or is_upper_line(line[:40]))


def _find_start(blocks: list[Block]) -> int | None:
    heading = next((i for i, b in enumerate(blocks) if isinstance(b, str) and _is_heading(b)), None)
    first_roman = None
    first_row = None
    for i, b in enumerate(blocks):
        if isinstance(b, Row):
            if first_row is None:
                first_row = i
            continue
        if b[:1] not in ("I",):
            continue
        m = parse_marker(b)
        if m is not None and m.kind is ItemKind.ROMAN and m.value == 1:
            if heading is not None and i > heading:
                return i
            if first_roman is None:
                first_roman = i
    if first_roman is not None:
        return first_roman
    if first_row is not None:
        return first_row
    if heading is not None:
        arabic = [i for i, b in enumerate(blocks[heading + 1:], heading + 1)
                  if isinstance(b, str) and b[:1].isdigit() and (m := parse_marker(b)) is not None
                  and m.kind is ItemKind.ARABIC and "." not in m.label]
        # No "I." but sections from "II." on ("II. NHIỆM VỤ", "III. TỔ CHỨC THỰC HIỆN": the
        # first part left out, or lost in the copy): the body starts at the first of them
        romans = [i for i, b in enumerate(blocks[heading + 1:], heading + 1)
                  if isinstance(b, str) and b[:1] in "IVX" and (m := parse_marker(b)) is not None
                  and m.kind is ItemKind.ROMAN and m.rest and is_upper_line(m.rest)]
        if len(arabic) >= 2:
            return romans[0] if romans and romans[0] < arabic[0] else arabic[0]
        if len(romans) >= 2:
            return romans[0]
    return None


_LETTER_SECTION_RE = re.compile(r"^([A-H])\.\s+(\S.*)$")


def _part_value(line: str) -> tuple[int, str] | None:
    """(number, heading) of a part written as a heading: "A. MỤC ĐÍCH, YÊU CẦU", "PHẦN II.
    NHIỆM VỤ", "Phần I" (its heading on the next line), "Phần thứ hai: TỔ CHỨC THỰC HIỆN".
    The heading is in capitals or absent: "Phần 1: Kiến thức chung…" in a task is text."""
    if len(line) > 200 or line.endswith((";", ",")):
        return None
    m = _LETTER_SECTION_RE.match(line)
    if m:
        return (ord(m.group(1)) - ord("A") + 1, m.group(2)) if is_upper_line(m.group(2)) else None
    m = PART_RE.match(line)
    if m is None:
        return None
    rest = (m.group("rest") or "").strip()
    if rest and not is_upper_line(rest):
        return None
    n, word = m.group("n"), m.group("w")
    value = (from_roman(n) if n and n[0] in "IVX" else int(n) if n
             else ORDINALS.get(word.lower(), 0))
    return (value, rest) if value else None


def _part_sections(blocks: list[Block]) -> list[Block]:
    """A plan written in parts ("A. MỤC ĐÍCH, YÊU CẦU", "B. NHIỆM VỤ", …; "Phần I", "Phần II"
    with "Mục 1.", "Mục 2." below) is read as if its parts were I., II., … and its "Mục N." were
    "N.". Only where that is the plan's whole structure: the parts numbered from 1 on, the first
    before any numbered item, and no Roman section anywhere (a plan with "I." sections keeps
    them; gbapp has no level above them)."""
    parts: list[tuple[int, str]] = []  # (index, heading)
    numbered_before = False
    for i, b in enumerate(blocks):
        if not isinstance(b, str):
            continue
        first = b[:1]
        if first in "ABCDEFGHPp":
            found = _part_value(b)
            if found is not None:
                if found[0] == len(parts) + 1 and not (numbered_before and not parts):
                    parts.append((i, found[1]))
                continue
        if first in "IVX" or first.isdigit() or first in "abcdđeghiklmnopqrstuvxy":
            m = parse_marker(b)
            if m is not None and m.kind is ItemKind.ROMAN:
                return blocks
            if m is not None and not parts and _is_body_marker(m) and not _is_cited(b, m):
                numbered_before = True
    if len(parts) < 2:
        return blocks
    out = list(blocks)
    for n, (i, heading) in enumerate(parts, start=1):
        out[i] = f"{to_roman(n)}. {heading}".rstrip()
    if any(isinstance(blocks[i], str) and blocks[i][:1] in "Pp" for i, _ in parts):
        for i in range(parts[0][0], len(out)):
            b = out[i]
            if isinstance(b, str) and b[:1] == "M" and (m := SECTION_RE.match(b)):
                out[i] = f"{int(m.group('n'))}. {m.group('rest')}"
    return out


def _is_body_marker(m) -> bool:
    return m.kind in (ItemKind.ARABIC, ItemKind.LETTER)


_CITED_RE = re.compile(r"(?:Luật|Bộ luật|Nghị quyết|Nghị định|Quyết định|Thông tư|Chỉ thị|Công văn|"
                       r"Kế hoạch|Hướng dẫn|Chương trình|Văn bản)\b")


def _is_cited(line: str, m) -> bool:
    """A numbered line of the preamble's list of legal bases ("1. Luật Bình đẳng giới…;")."""
    return line.rstrip().endswith((";", ",")) or bool(_CITED_RE.match(m.rest))


# "Phụ lục", "Phụ lục I", "Phụ lục số 02: …" head an appendix; "Phụ lục kèm theo." is a sentence.
_APPENDIX_LABEL_RE = re.compile(r"Phụ lục(?:\s+(?:số\s+)?(?:[IVXLC]+|\d{1,2})\b)?\s*(?:[.:)\-–]|$)")


_ITEM_STARTS = frozenset("-–—+•")


def is_end_line(line: str) -> bool:
    """A line after which the plan's body is over: signature, recipients, appendix, site footer."""
    first = line[:1]
    if first.isdigit() or first in _ITEM_STARTS or (line[1:2] == ")" and first.islower()):
        return False  # a numbered or bulleted item: most of a body, decided at once
    f = quick_fold(line[:12])
    if f.startswith("noi nhan"):
        return True
    if is_authority_line(line) or (is_signer_title_line(line) and len(line) < 30):
        return True
    if line.startswith(("PHỤ LỤC", "Phụ lục")) and (is_upper_line(line[:20])
                                                    or _APPENDIX_LABEL_RE.match(line)):
        return True
    return is_chrome_end(line)


# A number not filled in yet ("Số:      /BC-UBND", a draft): its type code still says what it is.
_BLANK_NUMBER_RE = re.compile(r"^\s*Số\s*:\s*(?:\.{0,20}\s*)/\s*(?P<t>[A-ZĐa-zđ]{2,4})\s*-")
# The name of the document type, alone on a line above the body (ND 30: "BÁO CÁO", "TỜ TRÌNH").
_TYPE_HEADINGS = {"BÁO CÁO": "BC", "THÔNG BÁO": "TB", "TỜ TRÌNH": "TTR", "BIÊN BẢN": "BB",
                  "GIẤY MỜI": "GM", "CÔNG ĐIỆN": "CĐ", "HƯỚNG DẪN": "HD"}


def _type_by_heading(head: list[str]) -> str | None:
    """The type of a document with no number: the code of a blank number, else the name of a
    type that is never a plan, alone on a line, when no line names a plan ("KẾ HOẠCH")."""
    for line in head:
        m = _BLANK_NUMBER_RE.match(line)
        if m:
            return m.group("t")
    if any(_is_heading(line) for line in head):
        return None
    return next((_TYPE_HEADINGS[line.strip()] for line in head
                 if line.strip() in _TYPE_HEADINGS), None)


# Document types that are never a plan, by the code in their number (ND 30, Appendix III).
_OTHER_DOCUMENT_TYPES = {
    "BC": "một báo cáo", "TB": "một thông báo", "TTR": "một tờ trình", "BB": "một biên bản",
    "GM": "một giấy mời", "CĐ": "một công điện", "HD": "một hướng dẫn",
}


def parse_blocks(blocks: list[Block], truncated: bool = False,
                 notes: list[str] | None = None) -> ParsedPlan:
    """The plan in *blocks*; raises PlanImportError when it is not one. *notes* are the
    warnings of reading the blocks."""
    cleaned: list[Block] = []
    for b in blocks:
        if isinstance(b, str):
            b, cut = strip_truncation(b)
            truncated = truncated or cut
            if not b:
                continue
        cleaned.append(b)
    if not cleaned:
        raise PlanImportError(EMPTY)
    cleaned = _part_sections(cleaned)
    start = _find_start(cleaned)
    if start is None:
        raise PlanImportError(NOT_A_PLAN)
    if start > 0 and isinstance(cleaned[start - 1], str):
        above = parse_marker(cleaned[start - 1])  # "A. MỤC ĐÍCH, YÊU CẦU" above "I. Mục đích"
        if above is not None and above.rank == GROUP_RANK and above.label == "A":
            start -= 1
    end = len(cleaned)
    for i in range(start + 1, len(cleaned)):
        b = cleaned[i]
        if isinstance(b, str) and is_end_line(b):
            end = i
            break
    head = [b for b in cleaned[:start] if isinstance(b, str)]
    body = cleaned[start:end]
    tail_lines = [b for b in cleaned[end:] if isinstance(b, str)]
    tail_rows = [b for b in cleaned[end:] if isinstance(b, Row)]
    appendix: list[str] = []
    if not tail_rows:  # an appendix whose table was not read as rows: its text, kept below
        at = _appendix_start(tail_lines)
        if at is not None:
            tail_lines, appendix = tail_lines[:at], tail_lines[at:]

    meta = parse_header(head, tail_lines)
    doc_type = meta.doc_type or _type_by_heading(head) or ""
    other = _OTHER_DOCUMENT_TYPES.get(doc_type.upper())
    if other:  # "210/BC-UBND": a report on a plan is not the plan
        which = f"Văn bản số {meta.number}" if meta.number else "Văn bản này"
        raise PlanImportError(
            f"{which} là {other}, không phải kế hoạch: hãy nhập tệp Kế hoạch (KH) hoặc Quyết "
            f"định ban hành kế hoạch. (not a plan: a {doc_type})")
    items, warnings = build_tree(body + tail_rows, meta.year, appendix_at=len(body))
    if notes:
        warnings[:0] = notes
    if meta.year is not None and meta.year_to is not None:
        _over_programme(items, meta.year, meta.year_to)
    joint = _joint_leads(items)
    if joint:
        warnings.append(
            f"{len(joint)} mục có nhiều cơ quan cùng chủ trì (ví dụ «{joint[0]}»): gbapp ghi cơ "
            "quan đầu tiên là chủ trì, các cơ quan còn lại là phối hợp; hãy kiểm tra phân công. "
            "(joint leads: the first is stored as lead, the others as coordinating)")
    if appendix:
        _keep_appendix(items, appendix, warnings)
    if tail_rows:
        warnings.append("Bảng nhiệm vụ sau phần ký (phụ lục) đã được nhập vào kế hoạch: hãy kiểm tra vị trí "
                        "các mục của bảng (task table after the signature imported; check where)")
    n_items = sum(1 for _ in ParsedPlan(meta, items).walk())
    if not items or (n_items < 2 and not any(_is_heading(h) for h in head)):
        raise PlanImportError(NOT_A_PLAN)
    meta.truncated = truncated
    if truncated:
        warnings.insert(0, "Văn bản bị cắt ngắn (có dấu [...]): chỉ nhập được phần có sẵn (text is truncated: "
                           "only the available part was imported)")
    if meta.number is None:
        warnings.append("Không tìm thấy số hiệu văn bản (document number not found)")
    if meta.issued_on is None:
        warnings.append("Không tìm thấy ngày ban hành (issue date not found)")
    return ParsedPlan(meta=meta, items=items, warnings=warnings)


def _is_appendix_heading(line: str) -> bool:
    return line.startswith(("PHỤ LỤC", "Phụ lục")) and (is_upper_line(line[:20])
                                                       or bool(_APPENDIX_LABEL_RE.match(line)))


def _appendix_start(tail: list[str]) -> int | None:
    """Where an appendix after the signature starts in the lines after the plan ("PHỤ LỤC"),
    when it holds more than its headings (a table kept as text, a table's rows flattened
    into lines); None when there is none."""
    if not any(line[:1] == "P" for line in tail):
        return None  # (most plans: no appendix, or its table read as rows)
    signed = next((i for i, line in enumerate(tail)
                   if is_authority_line(line) or quick_fold(line[:12]).startswith("noi nhan")), 0)
    at = next((i for i in range(signed, len(tail)) if _is_appendix_heading(tail[i])), None)
    if at is None:
        return None
    if all(_is_appendix_title(line) for line in tail[at:]):
        return None  # its headings only (the table an image, or left out)
    return at


def _is_appendix_title(line: str) -> bool:
    """A line of an appendix's heading: "PHỤ LỤC", "DANH MỤC NHIỆM VỤ…", "(Kèm theo Kế hoạch
    số …)"."""
    return "\n" not in line and (is_upper_line(line) or (line.startswith("(") and line.endswith(")"))
                                 or _is_appendix_heading(line) or line.strip().isdigit())


def _appendix_item(roots: list[ParsedItem]) -> ParsedItem | None:
    """The item whose details are in the appendix ("4. Kiểm tra (Chi tiết tại Phụ lục kèm
    theo)"); else the last task heading that mentions it; else the last item that does (as
    the rows of an appendix's table go, see tree._appendix_anchor)."""
    mentions: list[ParsedItem] = []
    for _depth, item in ParsedPlan(PlanMeta(), roots).walk():
        both = f"{item.title} {item.text}".lower()
        if "phụ lục" in both or "bảng phân công" in both:
            if "chi tiết" in both:
                return item
            mentions.append(item)
    tasks = [item for item in mentions if is_task_section(item.title)]
    return (tasks or mentions)[-1] if mentions else None


def _keep_appendix(roots: list[ParsedItem], appendix: list[str], warnings: list[str]) -> None:
    """Keep the text of an appendix that was not read as tasks in the item that points to it
    (else in an item of its own at the end), and say so in place of the kept table's warning,
    which says its text stays in the item holding it."""
    text = "\n".join(appendix)
    item = _appendix_item(roots)
    if item is not None:
        item.text = f"{item.text}\n{text}" if item.text else text
        where = f"trong mục «{item.label}. {item.title[:60]}»".replace("«-. ", "«- ")
    else:
        n = 0
        while n < min(2, len(appendix)) and _is_appendix_title(appendix[n]):
            n += 1
        title = " ".join(appendix[:n])[:200] or "PHỤ LỤC"
        rest = appendix[n:]
        last = roots[-1] if roots else None
        if last is not None and last.kind is ItemKind.ROMAN and (n := from_roman(last.label)):
            item = ParsedItem(kind=ItemKind.ROMAN, label=to_roman(n + 1), title=title)
        else:
            item = ParsedItem(kind=ItemKind.DASH, label="-", title=title)
        item.text = "\n".join(rest)
        roots.append(item)
        where = f"trong mục riêng «{title[:60]}» ở cuối kế hoạch"
    kept = [n for n, w in enumerate(warnings) if w.startswith(KEPT_TABLE_PREFIX)]
    if any("\n" in line for line in appendix) and kept:
        del warnings[kept[-1]]  # (the appendix's is the last table kept)
    warnings.append(
        f"Phụ lục sau phần ký chưa đọc được thành nhiệm vụ (bảng của phụ lục không tách được "
        f"thành các ô): văn bản của phụ lục được giữ nguyên {where}. Hãy kiểm tra và thêm các "
        "nhiệm vụ của phụ lục, hoặc nhập thẳng tệp .docx của kế hoạch để đọc bảng. (an appendix "
        "after the signature was not read as tasks; its text is kept in the item that points "
        "to it)")


def _over_programme(roots: list[ParsedItem], year: int, last_year: int) -> None:
    """Recurring time frames of a multi-year programme's items run to its last year."""
    stack = list(roots)
    while stack:
        item = stack.pop()
        item.time_frame = over_programme(item.time_frame, year, last_year)
        stack.extend(item.children)


def _joint_leads(roots: list[ParsedItem]) -> list[str]:
    """The items that name more than one lead ("Sở A, Hội B chủ trì"): a plan's activity has
    one lead in gbapp, so the store keeps the first and makes the others coordinating."""
    found: list[str] = []
    stack = list(reversed(roots))
    while stack:
        item = stack.pop()
        leads = [a.name for a in item.agencies if a.role == Role.LEAD]
        if len(leads) > 1:
            title = item.title or item.text
            found.append(f"{item.label} {title[:60]}{'…' if len(title) > 60 else ''}".strip())
        stack.extend(reversed(item.children))
    return found
