"""A .docx → logical lines (and assignment-table rows), with Word's automatic numbering made visible.

The package is checked before python-docx opens it (zip, size, zip-bomb ratios). The body is read
in order: paragraphs, tables (cells, nested tables), content controls. A paragraph numbered by
Word (w:numPr, directly or through its style) gets its label computed from numbering.xml and
prepended, so the text parser builds the same tree as for typed numbering.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
from pathlib import Path

from gbapp.domain.numbering import letter, to_roman
from gbapp.domain.text import clean_text

from .cell_lines import KeptLines, KeptTable, find_cell_tables, kept_table_warning
from .errors import (
    MAX_COMPRESSION_RATIO,
    MAX_DOCX_ENTRIES,
    MAX_DOCX_UNCOMPRESSED,
    MAX_FILE_BYTES,
    PlanImportError,
)
from .lines import (
    Block,
    drop_page_furniture,
    is_chrome_drop,
    is_hard_wrapped,
    kept_space_tables,
    unwrap,
)
from .tables import rows_with_header, table_to_rows

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT, _SDTCONTENT = W + "p", W + "tbl", W + "tr", W + "tc", W + "sdt", W + "sdtContent"
_R, _T, _TAB, _BR, _CR, _NBH = W + "r", W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen"
_VAL = W + "val"
_ZIP_MAGIC = b"PK\x03\x04"

NOT_DOCX = "Tệp không phải văn bản Word .docx hợp lệ"  # then a detail, and the English gist


# ---------------------------------------------------------------- package checks

def load_bytes(source: str | Path | bytes) -> bytes:
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    else:
        path = Path(source)
        try:
            info = path.stat()
            if path.is_dir():
                raise PlanImportError(f"«{path.name}» là một thư mục, không phải tệp kế hoạch "
                                      "(a folder, not a file)")
            if not stat.S_ISREG(info.st_mode):  # /dev/zero, a pipe: no end to read
                raise PlanImportError(f"«{path.name}» không phải là một tệp thông thường "
                                      "(not a regular file)")
            size = info.st_size
            if size > MAX_FILE_BYTES:
                raise PlanImportError(_too_large(size))
            data = path.read_bytes()
        except PlanImportError:
            raise
        except OSError as exc:
            raise PlanImportError(f"Không đọc được tệp {path.name} (cannot read file: {exc.strerror or exc})") from exc
    if len(data) > MAX_FILE_BYTES:
        raise PlanImportError(_too_large(len(data)))
    return data


def _too_large(size: int) -> str:
    return (f"Tệp quá lớn ({size / 1024 / 1024:.1f} MB, tối đa {MAX_FILE_BYTES // 1024 // 1024} MB) "
            f"(file too large)")


def check_package(data: bytes) -> None:
    """Raise PlanImportError unless *data* is a sane .docx zip."""
    if not data.startswith(_ZIP_MAGIC):
        raise PlanImportError(NOT_DOCX + ": không phải tệp nén zip (not a valid .docx file: not a zip)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise PlanImportError(NOT_DOCX + ": tệp bị hỏng hoặc bị cắt ngắn (not a valid .docx file: "
                              f"corrupt or truncated zip, {exc})") from exc
    if len(infos) > MAX_DOCX_ENTRIES:
        raise PlanImportError(NOT_DOCX + ": quá nhiều thành phần (not a valid .docx file: too many zip "
                              "entries)")
    total = 0
    names = set()
    for info in infos:
        names.add(info.filename)
        total += info.file_size
        if info.file_size > 1024 * 1024:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_COMPRESSION_RATIO:
                raise PlanImportError(
                    "Tệp .docx có thành phần nén bất thường, nghi là bom nén (suspicious compression ratio: "
                    "zip bomb)")
    if total > MAX_DOCX_UNCOMPRESSED:
        raise PlanImportError(
            f"Tệp .docx giải nén quá lớn ({total / 1024 / 1024:.0f} MB) (uncompressed size over limit: zip bomb?)")
    if "word/document.xml" not in names:
        if any(n.startswith("xl/") for n in names):
            raise PlanImportError(NOT_DOCX + ": đây là bảng tính Excel, hãy chọn tệp Word hoặc văn bản "
                                             "(not a valid .docx file: a spreadsheet)")
        raise PlanImportError(NOT_DOCX + ": thiếu phần nội dung (not a valid .docx file: no "
                              "word/document.xml)")
    _refuse_doctypes(data, [i for i in infos if i.filename.endswith((".xml", ".rels"))])


def _refuse_doctypes(data: bytes, parts: list[zipfile.ZipInfo]) -> None:
    """Word never writes a DTD; one in a part is an entity attack (billion laughs, external
    entities reading local files), refused before any XML parser sees it."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in parts:
            with zf.open(info) as fh:
                head = fh.read(4096)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise PlanImportError(
                    NOT_DOCX + f": thành phần {info.filename} chứa khai báo DOCTYPE/ENTITY "
                    "không được phép (not a valid .docx file: XML entities are not allowed)")


def open_document(data: bytes):
    check_package(data)
    try:
        import docx  # python-docx

        return docx.Document(io.BytesIO(data))
    except PlanImportError:
        raise
    except Exception as exc:  # python-docx / lxml / zipfile raise many kinds
        raise PlanImportError(NOT_DOCX + ": không đọc được nội dung (not a valid .docx file: "
                              f"unreadable, {type(exc).__name__})") from exc


# ---------------------------------------------------------------- numbering

# Word bullet characters as list markers (\uf0xx: Symbol and Wingdings glyphs, \uf02b is a "+")
_BULLETS = {"-": "-", "–": "-", "—": "-", "+": "+", "＋": "+", "\uf02b": "+", "\uf02d": "-",
            "•": "-", "\uf0b7": "-", "\uf0a7": "-", "o": "-", "▪": "-", "■": "-", "◦": "-",
            "·": "-", "*": "-", "\uf076": "-", "\uf0d8": "-", "\uf0fc": "-"}
# A bullet typed at the start of a bulleted paragraph ("+ Tổ chức…" in a "-" list) is the one read
_TYPED_BULLETS = ("+", "- ", "– ", "— ", "• ")


_Level = tuple[str, str, int]  # numFmt, lvlText, start


class Numbering:
    """Word list definitions and running counters.

    A list may be defined through a list style: its abstractNum then holds no levels, only
    <w:numStyleLink w:val="X"/>; numbering style X has a numPr whose num leads to the
    abstractNum carrying <w:styleLink w:val="X"/> and the real levels. Such lists are resolved
    to that abstractNum (and share its counters, as in Word).
    """

    def __init__(self, document):
        self.abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.style_num: dict[str, tuple[str | None, int | None]] = {}
        self.style_based: dict[str, str] = {}
        # paragraph style → level, from the <w:pStyle> of a level ("Heading 2" is level 1)
        self.level_styles: dict[str, dict[str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        self._num_style_link: dict[str, str] = {}  # abstractNum id → list style it defers to
        self._style_link: dict[str, str] = {}  # list style → abstractNum id that defines it
        # numId → (abstractNum id, start overrides, levels redefined for this num only)
        self._raw_nums: dict[str, tuple[str | None, dict[int, int], dict[int, _Level]]] = {}
        part = None
        try:
            part = document.part.numbering_part
        except (NotImplementedError, KeyError, AttributeError):
            part = None
        if part is not None:
            self._read_numbering(part.element)
        try:
            styles = document.part.styles.element if hasattr(document.part, "styles") else None
        except Exception:  # noqa: BLE001 - a broken styles part only loses style numbering
            styles = None
        if styles is not None:
            self._read_styles(styles)
        self._build_nums()

    def _read_numbering(self, root) -> None:
        for an in root.iter(W + "abstractNum"):
            aid = an.get(W + "abstractNumId")
            levels: dict[int, tuple[str, str, int]] = {}
            by_style: dict[str, int] = {}
            for lvl in an.iter(W + "lvl"):
                ilvl = _int(lvl.get(W + "ilvl"), 0)
                levels[ilvl] = _level(lvl)
                ps = lvl.find(W + "pStyle")
                if ps is not None and ps.get(_VAL):
                    by_style.setdefault(ps.get(_VAL), ilvl)
            self.abstract[aid] = levels
            if by_style:
                self.level_styles[aid] = by_style
            link = an.find(W + "numStyleLink")
            if link is not None and link.get(_VAL):
                self._num_style_link[aid] = link.get(_VAL)
            link = an.find(W + "styleLink")
            if link is not None and link.get(_VAL):
                self._style_link.setdefault(link.get(_VAL), aid)
        for num in root.iter(W + "num"):
            nid = num.get(W + "numId")
            a = num.find(W + "abstractNumId")
            overrides: dict[int, int] = {}
            redefined: dict[int, tuple[str, str, int]] = {}
            for ov in num.iter(W + "lvlOverride"):
                ilvl = _int(ov.get(W + "ilvl"), 0)
                so = ov.find(W + "startOverride")
                if so is not None:
                    overrides[ilvl] = _int(so.get(_VAL), 1)
                lvl = ov.find(W + "lvl")
                if lvl is not None:
                    redefined[ilvl] = _level(lvl)
            self._raw_nums[nid] = (a.get(_VAL) if a is not None else None, overrides, redefined)

    def _linked_abstract(self, aid: str) -> str:
        """The abstractNum holding the levels of *aid*, following numStyleLink (loops stop)."""
        seen: set[str] = set()
        while aid in self._num_style_link and aid not in seen:
            seen.add(aid)
            style = self._num_style_link[aid]
            target = None
            nid = self._style_numpr(style)[0]
            if nid is not None and nid in self._raw_nums:
                target = self._raw_nums[nid][0]
            if target is None or target in seen:
                target = self._style_link.get(style)
            if target is None or target in seen:
                break
            aid = target
        return aid

    def _build_nums(self) -> None:
        for nid, (aid, overrides, redefined) in self._raw_nums.items():
            if aid is None:
                self.nums[nid] = ("", overrides)
                continue
            aid = self._linked_abstract(aid)
            if redefined:
                # levels redefined for this num only: keep them under a private abstract id
                key = f"{aid}#{nid}"
                self.abstract[key] = {**self.abstract.get(aid, {}), **redefined}
                if aid in self.level_styles:
                    self.level_styles[key] = self.level_styles[aid]
                aid = key
            self.nums[nid] = (aid, overrides)

    def _read_styles(self, root) -> None:
        for st in root.iter(W + "style"):
            sid = st.get(W + "styleId")
            based = st.find(W + "basedOn")
            if based is not None:
                self.style_based[sid] = based.get(_VAL)
            ppr = st.find(W + "pPr")
            numpr = ppr.find(W + "numPr") if ppr is not None else None
            if numpr is not None:
                nid = numpr.find(W + "numId")
                ilvl = numpr.find(W + "ilvl")
                self.style_num[sid] = (nid.get(_VAL) if nid is not None else None,
                                       _int(ilvl.get(_VAL), 0) if ilvl is not None else None)

    def _style_numpr(self, style_id: str | None) -> tuple[str | None, int | None]:
        """numId and ilvl of a style, each from the nearest style of its basedOn chain that sets it."""
        seen = set()
        num_id = ilvl = None
        while style_id and style_id not in seen:
            seen.add(style_id)
            s_num, s_lvl = self.style_num.get(style_id, (None, None))
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_lvl
            if num_id is not None and ilvl is not None:
                break
            style_id = self.style_based.get(style_id)
        return num_id, ilvl

    def _style_level(self, aid: str, style_id: str | None) -> int:
        """The level whose <w:pStyle> is the paragraph's style (or one it is based on), else 0."""
        by_style = self.level_styles.get(aid)
        seen = set()
        while by_style and style_id and style_id not in seen:
            seen.add(style_id)
            if style_id in by_style:
                return by_style[style_id]
            style_id = self.style_based.get(style_id)
        return 0

    def label_for(self, p) -> str | None:
        """The label Word shows before paragraph *p* ("II.", "3.", "đ.", "-"), advancing counters."""
        ppr = p.find(W + "pPr")
        num_id = ilvl = None
        style_id = None
        if ppr is not None:
            ps = ppr.find(W + "pStyle")
            style_id = ps.get(_VAL) if ps is not None else None
            numpr = ppr.find(W + "numPr")
            if numpr is not None:
                n = numpr.find(W + "numId")
                lv = numpr.find(W + "ilvl")
                num_id = n.get(_VAL) if n is not None else None
                ilvl = _int(lv.get(_VAL), 0) if lv is not None else None
        if num_id is None or ilvl is None:
            s_num, s_lvl = self._style_numpr(style_id)
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_lvl
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        aid, overrides = self.nums[num_id]
        if ilvl is None:
            ilvl = self._style_level(aid, style_id)
        ilvl = min(max(ilvl, 0), 8)
        levels = self.abstract.get(aid)
        if not levels:
            return None
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl_i, start in overrides.items():
                counters[lvl_i] = start - 1
                for deeper in [k for k in counters if k > lvl_i]:
                    del counters[deeper]
        fmt, text, start = levels.get(ilvl, ("decimal", f"%{ilvl + 1}.", 1))
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt == "none":
            return None
        if fmt == "bullet":
            mark = _BULLETS.get(text.strip(), "-")
            if mark == "-" and any(levels[k][0] == "bullet" for k in range(ilvl) if k in levels):
                mark = "+"  # a bullet level below another bullet level of its list: the "+" items
            return mark
        out = text
        for k in range(9, 0, -1):
            tag = f"%{k}"
            if tag in out:
                li = k - 1
                lfmt, _, lstart = levels.get(li, ("decimal", "", 1))
                value = counters.get(li, lstart)
                out = out.replace(tag, _format(lfmt if li != ilvl else fmt, value))
        out = out.strip()
        return out or None


def _level(lvl) -> tuple[str, str, int]:
    fmt_el = lvl.find(W + "numFmt")
    txt_el = lvl.find(W + "lvlText")
    st_el = lvl.find(W + "start")
    fmt = fmt_el.get(_VAL) if fmt_el is not None else "decimal"
    text = txt_el.get(_VAL) if txt_el is not None else ""
    start = _int(st_el.get(_VAL), 1) if st_el is not None else 1
    return fmt or "decimal", text or "", start


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _format(fmt: str, value: int) -> str:
    value = max(value, 1)
    if fmt == "upperRoman":
        return to_roman(value)
    if fmt == "lowerLetter":
        return letter(value)  # Vietnamese alphabet: 5th is đ
    if fmt == "upperLetter":
        # "A." sections are rare in plans; read them as points so the tree keeps its shape
        return letter(value)
    if fmt == "lowerRoman":
        return letter(value)
    return str(value)


# ---------------------------------------------------------------- body

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_FALLBACK = _MC + "Fallback"
_TXBX = W + "txbxContent"
_DEL, _MOVE_FROM = W + "del", W + "moveFrom"
_MOVE_FROM_START, _MOVE_FROM_END = W + "moveFromRangeStart", W + "moveFromRangeEnd"
_PPR, _RPR, _SECTPR, _HDR_REF = W + "pPr", W + "rPr", W + "sectPr", W + "headerReference"
_RID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_TEXT_TAGS = (_T, _TAB, _BR, _CR, _NBH)
# What a paragraph may hold that the plain text walk must not read as its own text: the
# legacy copy of a drawing (mc:Fallback repeats mc:Choice), a text box (its own paragraphs),
# a paragraph moved away with Track Changes (the text is also at its new place, in w:moveTo).
_SPECIAL_TAGS = (_FALLBACK, _TXBX, _MOVE_FROM, _MOVE_FROM_START, _MOVE_FROM_END)
_MAX_BOX_DEPTH = 5


class _Reader:
    """Reading state across the body: Word numbering counters and the Track Changes move
    ranges open so far (a move-from range may span paragraphs)."""

    def __init__(self, numbering: Numbering, top: list[int] | None = None):
        self.numbering = numbering
        self.open_moves: set[str] = set()
        # where the lines of the body's own paragraphs are in the blocks (not a table's cells)
        self.top = top


def _text_piece(el) -> str:
    tag = el.tag
    if tag == _T:
        return el.text or ""
    if tag == _TAB:
        return " "
    if tag == _BR:
        return "\n" if el.get(W + "type") in (None, "textWrapping") else ""
    if tag == _CR:
        return "\n"
    return "-"


def _paragraph_text(p, reader: _Reader | None = None, boxes: list | None = None) -> str:
    """The text of paragraph *p*. Text boxes met on the way are appended to *boxes* as
    (w:txbxContent, whether text came before it) and not read here."""
    if reader is None or not reader.open_moves:
        for _special in p.iter(*_SPECIAL_TAGS):
            break
        else:  # the common case: one pass in C
            return "".join(_text_piece(el) for el in p.iter(*_TEXT_TAGS))
    out: list[str] = []
    open_moves = reader.open_moves if reader is not None else set()
    _collect_text(p, out, open_moves, boxes)
    return "".join(out)


def _collect_text(el, out: list[str], open_moves: set[str], boxes: list | None) -> None:
    for child in el.iterchildren():
        tag = child.tag
        if tag in _TEXT_TAGS:
            if not open_moves:
                out.append(_text_piece(child))
        elif tag == _FALLBACK or tag == _MOVE_FROM or tag == _DEL:
            continue  # a second copy of the Choice content; text moved or deleted
        elif tag == _TXBX:
            if boxes is not None and not open_moves:
                boxes.append((child, bool("".join(out).strip())))
        elif tag == _MOVE_FROM_START:
            open_moves.add(child.get(W + "id") or "")
        elif tag == _MOVE_FROM_END:
            open_moves.discard(child.get(W + "id") or "")
        elif isinstance(tag, str):  # not a comment or processing instruction
            _collect_text(child, out, open_moves, boxes)


def _mark_removed(p) -> bool:
    """The paragraph mark is deleted or moved away with Track Changes."""
    ppr = p.find(_PPR)
    rpr = ppr.find(_RPR) if ppr is not None else None
    return rpr is not None and (rpr.find(_DEL) is not None or rpr.find(_MOVE_FROM) is not None)


def document_blocks(document, warnings: list[str] | None = None) -> list[Block]:
    blocks: list[Block] = []
    body = document.element.body
    top: list[int] = []
    _walk(body, _Reader(Numbering(document), top), blocks, depth=0)
    hard_wrapped = is_hard_wrapped([blocks[n] for n in top])
    if not _has_opening(blocks):
        head = _first_page_header_blocks(document)
        if head and _has_opening(head):
            blocks = head + blocks
            top = list(range(len(head))) + [n + len(head) for n in top]
    if hard_wrapped:
        blocks = _text_lines(blocks, top, warnings)
    blocks = kept_space_tables(_cell_per_line_tables(blocks, warnings), warnings)
    if hard_wrapped:
        # paragraphs a line each, as in a PDF or a scan turned into Word: joined back as the
        # text reader joins the same lines
        blocks = unwrap([(b, False) for b in blocks])
    return blocks


def _text_lines(blocks: list[Block], top: list[int], warnings: list[str] | None) -> list[Block]:
    """A hard-wrapped document's blocks with its pages' numbers, running headers and footnotes
    taken out of its paragraphs, and the lines of its tables' cells kept apart (KeptLines):
    nothing joins them to a paragraph."""
    lines = [""] * len(blocks)
    for n in top:
        lines[n] = blocks[n]
    drop = drop_page_furniture(lines, warnings)
    top_set = set(top)
    out: list[Block] = []
    for n, b in enumerate(blocks):
        if n in drop:
            continue
        if n in top_set:
            out.append(lines[n])
        elif isinstance(b, str) and not isinstance(b, KeptLines):
            out.append(KeptLines(b))
        else:
            out.append(b)
    return out


def _cell_per_line_tables(blocks: list[Block], warnings: list[str] | None) -> list[Block]:
    """A task table typed or pasted into Word as paragraphs, one cell (or one line of a cell)
    a paragraph (a PDF's text pasted into Word has it so), read as the text reader reads it:
    its rows as the table's, or, where the rows cannot be told apart for sure, its lines kept
    as one block of text, with a warning."""
    # (a Word table's row stands between paragraphs as a line no such table reads through)
    raw = [b if isinstance(b, str) else "\t" for b in blocks]
    tables = find_cell_tables(raw)
    if not tables:
        return blocks
    out: list[Block] = []
    at = 0
    for table in tables:
        if table.start < at or "\t" in raw[table.start:table.end]:
            continue  # (no Word table inside: it ends such a table)
        out.extend(blocks[at:table.start])
        at = table.end
        if table.read:
            out.extend(rows_with_header(table.header, table.rows))
        else:
            out.append(KeptTable("\n".join(raw[table.start:table.end])))
            if warnings is not None:
                warnings.append(kept_table_warning(table.names))
    out.extend(blocks[at:])
    return out


# The opening block of an official document: its number ("Số: 88/KH-UBND") or its place and
# date ("Đồng Nai, ngày 21 tháng 3 năm 2025"), read before the title; the date may leave the day
# and month blank for signing ("Lâm Đồng, ngày      tháng 3 năm 2026").
_OPENING_RE = re.compile(r"(?:^|\s)S[ốỐ]\s*:?\s*\d+\s*/|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
                         r"|ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}"
                         r"|,\s*ngày(?!\w)[\s.…_]*(?:\d{1,2}[\s.…_]*)?tháng(?!\w)"
                         r"[\s.…_]*(?:\d{1,2}[\s.…_]*)?năm(?!\w)[\s.…_]*\d{4}",
                         re.IGNORECASE)
_DOC_TITLE_RE = re.compile(r"^(?:KẾ HOẠCH|QUYẾT ĐỊNH|CHƯƠNG TRÌNH|ĐỀ ÁN|HƯỚNG DẪN|[IVX]+\s*[.:]\s)")
_OPENING_SCAN = 40


def _has_opening(blocks: list[Block]) -> bool:
    """Whether a document number or issue date comes before the title (within the first lines)."""
    seen = 0
    for b in blocks:
        if not isinstance(b, str):
            continue
        if _DOC_TITLE_RE.match(b):
            return False
        if ("ngày" in b or "ố" in b or "Ố" in b) and _OPENING_RE.search(b):
            return True
        seen += 1
        if seen >= _OPENING_SCAN:
            return False
    return False


def _first_page_header_blocks(document) -> list[Block]:
    """The blocks of the header part shown on the first page of the first section: its
    first-page header when the section has one (w:titlePg), else its default header."""
    try:
        body = document.element.body
        sect = None
        for p in body.iterchildren(_P):  # a section ends at a paragraph carrying its sectPr
            ppr = p.find(_PPR)
            if ppr is not None and ppr.find(_SECTPR) is not None:
                sect = ppr.find(_SECTPR)
                break
        if sect is None:
            sect = body.find(_SECTPR)
        if sect is None:
            return []
        refs = {ref.get(W + "type") or "default": ref.get(_RID) for ref in sect.iterchildren(_HDR_REF)}
        rid = refs.get("first") if sect.find(W + "titlePg") is not None else None
        rid = rid or refs.get("default")
        if not rid:
            return []
        part = document.part.related_parts.get(rid)
        root = getattr(part, "element", None)
        if root is None:
            return []
        blocks: list[Block] = []
        _walk(root, _Reader(Numbering(document)), blocks, depth=0)
        return blocks
    except (KeyError, AttributeError, ValueError):
        return []


def _emit_paragraph(p, reader: _Reader, out: list[Block], depth: int = 0, box_depth: int = 0) -> None:
    boxes: list = []
    text = clean_text(_paragraph_text(p, reader, boxes))
    lines = [" ".join(ln.split()) for ln in text.split("\n")]
    lines = [ln for ln in lines if ln]
    for box, after_text in boxes:
        if not after_text:
            _emit_box(box, reader, out, depth, box_depth)
    if not lines and _mark_removed(p):
        label = None  # a paragraph deleted or moved away: Word does not count it in its list
    else:
        label = reader.numbering.label_for(p)
    if not lines:
        if depth > 0 and label and label not in ("-", "+"):  # an STT cell numbered by Word
            out.append(label)
    else:
        if label and not (label in ("-", "+") and lines[0].startswith(_TYPED_BULLETS)):
            lines[0] = f"{label} {lines[0]}"
        for ln in lines:
            if not is_chrome_drop(ln):
                out.append(ln)
    for box, after_text in boxes:
        if after_text:
            _emit_box(box, reader, out, depth, box_depth)


def _emit_box(box, reader: _Reader, out: list[Block], depth: int, box_depth: int) -> None:
    """A text box's paragraphs and tables, as blocks of their own (not glued into the
    paragraph that anchors the box)."""
    if box_depth < _MAX_BOX_DEPTH:
        _walk(box, reader, out, depth, box_depth + 1)


def _walk(container, reader: _Reader, out: list[Block], depth: int, box_depth: int = 0) -> None:
    track = reader.top is not None and depth == 0 and box_depth == 0
    for child in container.iterchildren():
        tag = child.tag
        if tag == _P:
            if track:
                start = len(out)
                _emit_paragraph(child, reader, out, depth, box_depth)
                reader.top.extend(range(start, len(out)))
                continue
            _emit_paragraph(child, reader, out, depth, box_depth)
        elif tag == _TBL:
            _emit_table(child, reader, out, depth)
        elif tag == _SDT:
            content = child.find(_SDTCONTENT)
            if content is not None:
                _walk(content, reader, out, depth, box_depth)


def _cell_lines(tc, reader: _Reader, depth: int) -> list[Block]:
    lines: list[Block] = []
    if depth < 5:
        _walk(tc, reader, lines, depth + 1)
    return lines


def _emit_table(tbl, reader: _Reader, out: list[Block], depth: int) -> None:
    grid: list[list[list[Block]]] = []
    continued: list[list[bool]] = []  # cells merged down from the row above
    for tr in tbl.iterchildren(_TR):
        row: list[list[Block]] = []
        merged: list[bool] = []
        for tc in tr.iterchildren(_TC):
            tcpr = tc.find(W + "tcPr")
            span = 1
            vmerge_continue = False
            if tcpr is not None:
                gs = tcpr.find(W + "gridSpan")
                span = max(1, min(_int(gs.get(_VAL), 1), 50)) if gs is not None else 1
                vm = tcpr.find(W + "vMerge")
                vmerge_continue = vm is not None and vm.get(_VAL) in (None, "continue")
            cell = [] if vmerge_continue else _cell_lines(tc, reader, depth)
            row.append(cell)
            row.extend([] for _ in range(span - 1))
            merged.extend([vmerge_continue] * span)
        grid.append(row)
        continued.append(merged)
    as_text = [["\n".join(b for b in cell if isinstance(b, str)) for cell in row] for row in grid]
    rows = table_to_rows(as_text, continued)
    if rows is not None:
        out.extend(rows)
        return
    for row in grid:
        for cell in row:
            out.extend(cell)


def docx_blocks(source: str | Path | bytes, warnings: list[str] | None = None) -> list[Block]:
    """The blocks of a .docx; what could not be read as it should is said in *warnings*."""
    data = load_bytes(source)
    document = open_document(data)
    try:
        blocks = document_blocks(document, warnings)
    except PlanImportError:
        raise
    except Exception as exc:  # malformed XML structures deep inside
        raise PlanImportError(NOT_DOCX + ": không đọc được nội dung (not a valid .docx file: "
                              f"unreadable body, {type(exc).__name__})") from exc
    if not any(b.strip() if isinstance(b, str) else True for b in blocks) and _has_pictures(data):
        raise PlanImportError(
            "Tệp Word chỉ có hình ảnh (bản chụp, bản quét), không có chữ để đọc: hãy dùng bản "
            "Word hoặc bản chữ của kế hoạch (chép từ trang văn bản pháp luật), hoặc nhận dạng chữ "
            "(OCR) rồi nhập lại. (pictures only, no text: a scanned document)")
    return blocks


def _has_pictures(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(name.startswith("word/media/") for name in archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
