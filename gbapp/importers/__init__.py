"""Plan importers: a plan's text or .docx → ParsedPlan (metadata + item tree).

Public API::

    parse_plan_text(text) -> ParsedPlan
    parse_plan_docx(path_or_bytes) -> ParsedPlan
    read_plan(path) -> ParsedPlan        # by content: .docx (zip) or text in any common encoding
    plan_to_json(parsed) -> dict
    extract_agencies(text) -> list[AgencyRef]
    PlanImportError                       # the only exception raised; message in Vietnamese

Modules: ``lines`` (raw text → logical lines), ``markers`` (I. 1. a) - +), ``tables`` (assignment
tables), ``header`` (metadata, legal bases, signature, recipients), ``tree`` (lines → items),
``agencies`` (chủ trì / phối hợp), ``docx_reader`` (.docx with Word numbering), ``json_out``.
"""

from __future__ import annotations

import codecs
import gc
import re
import unicodedata
from pathlib import Path

from gbapp.domain.model import ParsedPlan

from .agencies import extract_agencies
from .docx_reader import docx_blocks, load_bytes
from .errors import EMPTY, MAX_TEXT_CHARS, NOT_A_PLAN, PlanImportError
from .json_out import plan_to_json
from .lines import text_blocks
from .markers import parse_marker
from .parser import parse_blocks

__all__ = [
    "PlanImportError",
    "parse_plan_text",
    "parse_plan_docx",
    "read_plan",
    "plan_to_json",
    "extract_agencies",
    "decode_text",
]


def _guard(func, *args) -> ParsedPlan:
    """Run a parse step; anything but PlanImportError is a bug, reported as an import error.

    The cyclic garbage collector is paused meanwhile: a big plan allocates ~10^5 small objects and
    none of them form cycles, so generation-2 collections would only cost time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return func(*args)
    except PlanImportError:
        raise
    except RecursionError as exc:
        raise PlanImportError("Cấu trúc văn bản quá sâu (document structure too deep)") from exc
    except MemoryError as exc:
        raise PlanImportError("Văn bản quá lớn để xử lý (document too large to process)") from exc
    except Exception as exc:  # noqa: BLE001 - the UI must get one error type with a readable message
        raise PlanImportError(
            f"Lỗi không mong đợi khi đọc kế hoạch: {type(exc).__name__}: {exc} (unexpected import error)") from exc
    finally:
        parse_marker.cache_clear()  # holds the document's lines: not kept after the import
        if was_enabled:
            gc.enable()


def parse_plan_text(text: str) -> ParsedPlan:
    """Parse a plan from its text (as copied from a legal-document website or saved as .txt)."""
    if text is None or not isinstance(text, str):
        raise PlanImportError(EMPTY)
    if len(text) > MAX_TEXT_CHARS:
        raise PlanImportError("Văn bản quá dài (text too large)")
    if not text.strip():
        raise PlanImportError(EMPTY)
    if _legacy_font(text):
        raise PlanImportError(LEGACY_FONT_TEXT)

    def run():
        notes: list[str] = []
        blocks, truncated = text_blocks(text, notes)
        return parse_blocks(blocks, truncated, notes)

    return _guard(run)


def parse_plan_docx(source: str | Path | bytes) -> ParsedPlan:
    """Parse a plan from a .docx file (path or bytes), including Word automatic numbering."""
    def run():
        notes: list[str] = []
        blocks = docx_blocks(source, notes)
        sample = "\n".join(b if isinstance(b, str) else f"{b.label} {b.content} {b.lead}"
                           for b in blocks[:400])
        if not _reads_as_vietnamese(sample):
            raise PlanImportError(LEGACY_FONT)
        return parse_blocks(blocks, notes=notes)

    return _guard(run)


# Text typed in the pre-Unicode Vietnamese fonts (.VnTime: TCVN3/ABC; VNI-Times) is stored as
# Latin letters and symbols ("Kõ HO¹CH"): Word shows it right only with those fonts installed.
LEGACY_FONT = (
    "Văn bản trong tệp Word dùng phông chữ cũ (.VnTime, TCVN3/ABC hoặc VNI), không phải Unicode: "
    "hãy mở tệp bằng Word, chép toàn bộ văn bản, chuyển mã sang Unicode bằng Unikey (Công cụ "
    "chuyển mã), dán lại, lưu rồi nhập lại. (legacy-font text, not Unicode)")

# The same for text (pasted, or a .txt that Notepad saved after copying from such a page or file).
LEGACY_FONT_TEXT = (
    "Văn bản được gõ bằng phông chữ cũ (.VnTime hoặc VNI-Times), tức bảng mã cũ TCVN3/ABC hoặc "
    "VNI, không phải Unicode: hãy chuyển mã sang Unicode bằng Unikey (Công cụ chuyển mã: bảng mã "
    "nguồn TCVN3 (ABC) hoặc VNI Windows, bảng mã đích Unicode), dán hoặc lưu lại rồi nhập lại. "
    "(legacy-font text, not Unicode)")

_NOT_TEXT = "Không đọc được tệp như văn bản tiếng Việt Unicode"
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]


def decode_text(data: bytes) -> str:
    """Bytes of a text file → str: BOM, else UTF-8, else UTF-16 without BOM, else cp1258 (Windows
    VN). UTF-8 with a few damaged bytes keeps its text (each bad byte shows as "�"). Bytes that
    read as no Vietnamese at all (TCVN3/VNI legacy fonts, a binary file) raise PlanImportError
    rather than import as nonsense."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    sample = data[:4000]
    if sample and sample.count(0) > len(sample) // 4:
        enc = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            pass
    mostly_utf8 = data.decode("utf-8", errors="replace")
    few_bad_bytes = mostly_utf8.count("\ufffd") <= max(3, len(data) // 2000)
    if few_bad_bytes and _reads_as_vietnamese(mostly_utf8):
        return mostly_utf8
    windows = data.decode("cp1258", errors="replace")
    if _reads_as_vietnamese(windows):
        return windows
    if _ansi_legacy_font(data):
        raise PlanImportError(LEGACY_FONT_TEXT)
    raise PlanImportError(
        _NOT_TEXT + ": tệp dùng bảng mã cũ (TCVN3/ABC, "
        "VNI) hoặc không phải tệp văn bản. Hãy chuyển mã sang Unicode (Unikey → Công cụ chuyển "
        "mã) hoặc lưu lại dạng .docx rồi nhập lại. (not Unicode Vietnamese text: legacy "
        "encoding or binary file)")


def _ansi_legacy_font(data: bytes) -> bool:
    """Whether *data* is Notepad's "ANSI" file of text typed in .VnTime or VNI-Times: the
    fonts draw their letters at Latin-1 codes, one byte each, so the bytes read as Windows
    Latin (cp1252) text with the legacy signature, and with no control characters (a binary
    file has them, or bytes cp1252 leaves undefined)."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    sample = text[:20000]
    if sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f\v") > len(sample) // 100:
        return False
    return _legacy_font(text)


# Precomposed Vietnamese letters (after NFC) and the punctuation real documents use.
_VI_LETTERS = frozenset(
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"
    "“”‘’–—…•°§«»×\u00a0\ufeff")


def _reads_as_vietnamese(text: str) -> bool:
    """Whether *text* is Vietnamese (or plain ASCII) rather than mis-decoded bytes: its
    non-ASCII characters are Vietnamese letters, and control characters are rare."""
    sample = unicodedata.normalize("NFC", text[:20000])
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f\v")
    if controls > len(sample) // 100:
        return False
    foreign = [ch for ch in sample if ord(ch) > 127]
    if not foreign:
        return True
    known = sum(1 for ch in foreign if ch in _VI_LETTERS)
    return known >= 0.9 * len(foreign)


# Legacy fonts draw Vietnamese letters in place of Latin-1 characters: TCVN3 "KÕ ho¹ch thùc hiÖn
# c«ng t¸c b×nh ®¼ng giíi" and VNI "Keá hoaïch thöïc hieän coâng taùc" (= "Kế hoạch thực hiện công
# tác bình đẳng giới"). Their signature is a Latin-1 sign or letter that no Vietnamese word has
# (¹ ® × ï ø ñ ö …) glued to a letter inside a word; a Unicode plan has none, however few
# accents it carries, except in the odd foreign name ("Zürich", "Microsoft®").
_LEGACY_ONLY = "".join(sorted(
    ch for ch in map(chr, range(0xA1, 0x100))
    if ch not in _VI_LETTERS and ch not in "°±²³´º¿"))
_LEGACY_MID = "§«»×"  # signs documents use too («…», §3, 3×4): a signature only between letters
_LETTER = f"A-Za-z\u00c0-\u00ff{_LEGACY_ONLY}"  # (a legacy sign next to a letter: "®Èy" = đẩy)
_LEGACY_SIGNATURE = re.compile(f"[{_LETTER}][{_LEGACY_ONLY}]|[{_LEGACY_ONLY}][{_LETTER}]"
                               f"|[{_LETTER}][{_LEGACY_MID}][{_LETTER}]")
# Letters only Unicode Vietnamese has (beyond Latin-1: ă đ ĩ ơ ư ạ ả ấ …).
_UNICODE_VI = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169"
                         "\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")


def _legacy_font(text: str) -> bool:
    """Whether *text* is Vietnamese typed in a legacy font (TCVN3/ABC, VNI), read as Latin-1:
    at least three words carry the signature, more than twice as many as carry a letter of
    Unicode Vietnamese, and a tenth of all words at least (in such a text, most words do; a
    Unicode plan, or any text quoting a few foreign names, "Müller", "Muñoz", is not refused)."""
    words = unicodedata.normalize("NFC", text[:50000]).split()
    legacy = unicode_vi = 0
    for word in words:
        if word.isascii():
            continue
        if _UNICODE_VI.search(word):  # (never in a legacy-font word)
            unicode_vi += 1
        elif _LEGACY_SIGNATURE.search(word):
            legacy += 1
    return legacy >= 3 and legacy > 2 * unicode_vi and legacy * 10 >= len(words)


_NOT_SUPPORTED = {
    b"\xd0\xcf\x11\xe0": "Tệp Word cũ (.doc) chưa được hỗ trợ: hãy mở bằng Word và lưu thành .docx "
                         "(legacy .doc not supported: save as .docx)",
    b"%PDF": "Tệp PDF chưa được hỗ trợ: hãy sao chép nội dung ra tệp văn bản hoặc .docx "
             "(PDF not supported: copy the text or save as .docx)",
    b"{\\rtf": "Tệp RTF chưa được hỗ trợ: hãy lưu thành .docx (RTF not supported: save as .docx)",
}


def read_plan(path: str | Path) -> ParsedPlan:
    """Import a plan file, choosing the reader by content (not by extension)."""
    try:
        data = load_bytes(Path(path))
    except PlanImportError:
        raise
    except (TypeError, ValueError) as exc:
        raise PlanImportError(f"Đường dẫn tệp không hợp lệ (invalid path: {exc})") from exc
    if not data.strip():
        raise PlanImportError(EMPTY)
    if data.startswith(b"PK"):
        return parse_plan_docx(data)
    for magic, message in _NOT_SUPPORTED.items():
        if data.startswith(magic):
            raise PlanImportError(message)
    if Path(path).suffix.lower() not in (".docx", ".docm", ".dotx"):
        return parse_plan_text(decode_text(data))
    try:  # named Word, but no Word inside: a plan saved as text under a .docx name still reads
        return parse_plan_text(decode_text(data))
    except PlanImportError as exc:
        if str(exc) not in (NOT_A_PLAN, EMPTY) and not str(exc).startswith(_NOT_TEXT):
            raise  # text that says what it is ("… là một báo cáo, không phải kế hoạch")
        raise PlanImportError(
            f"Tệp «{Path(path).name}» không đọc được như tệp Word (.docx): tệp bị hỏng hoặc là "
            "tệp khác được đổi tên. Hãy mở tệp bằng Word rồi lưu lại dạng .docx và nhập lại. "
            "(not a Word file: damaged or renamed)") from exc
