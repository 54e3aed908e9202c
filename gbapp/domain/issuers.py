"""Issuing bodies read from their names: the collective bodies (people's committee, people's
council) that Decree 30 writes out in a header and signs "TM." for, and the codes a body's own
documents carry when it has not typed its own (the agency code of the number line, the
archive line of the Nơi nhận block)."""

from __future__ import annotations

import re

from .text import clean_line

# How a name of a people's committee or council begins ("Uỷ" is the older placing of the mark).
COMMITTEE_PREFIXES = ("UBND", "Ủy ban nhân dân", "Uỷ ban nhân dân")
COUNCIL_PREFIXES = ("HĐND", "Hội đồng nhân dân")
COMMITTEE = "ỦY BAN NHÂN DÂN"
COUNCIL = "HỘI ĐỒNG NHÂN DÂN"
_COLLECTIVE = ((COMMITTEE_PREFIXES, COMMITTEE, "UBND"), (COUNCIL_PREFIXES, COUNCIL, "HĐND"))


def collective_body(name: str | None) -> tuple[str, str] | None:
    """'UBND xã Tịnh Hà' -> ('ỦY BAN NHÂN DÂN', 'xã Tịnh Hà'), 'HĐND tỉnh Gia Lai' -> ('HỘI ĐỒNG
    NHÂN DÂN', 'tỉnh Gia Lai'): the body as a header and a "TM." line write it, and the unit it
    governs; None for any other name (a prefix with nothing after it included)."""
    text = clean_line(name)
    for prefixes, body, _code in _COLLECTIVE:
        for prefix in prefixes:
            if text.startswith(prefix + " "):
                return body, text[len(prefix) + 1:]
    return None


def committee_unit(name: str | None) -> str | None:
    """'Ủy ban nhân dân xã Tịnh Hà' -> 'xã Tịnh Hà' for a people's committee, else None."""
    found = collective_body(name)
    return found[1] if found and found[0] == COMMITTEE else None


# The administrative unit a body's name may end with ("Sở Y tế tỉnh Lào Cai", "Hội Liên hiệp
# Phụ nữ xã"): lower case, as names write it ("Xã hội" in "Phòng Văn hóa - Xã hội" is no unit),
# followed by a capitalised name, a number or nothing ("Trung tâm Công tác xã hội" is no unit).
_LEVEL_RE = re.compile(r"\s(?:tỉnh|thành phố|Thành phố|thị xã|thị trấn|huyện|quận|xã|phường|"
                       r"đặc khu)(?=\s|$)")
# Communes, wards and special zones: the committee's culture and society office (Phòng Văn hóa -
# Xã hội) drafts its gender-equality documents; the older communes' civil servant had that title.
_COMMUNE_LEVELS = ("xã ", "phường ", "thị trấn ", "đặc khu ")
_SMALL_WORDS = {"và", "của"}


def _without_unit(name: str) -> str:
    for m in _LEVEL_RE.finditer(name):
        rest = name[m.end():].strip()
        if not rest or rest[0].isupper() or rest[0].isdigit():
            return name[:m.start()].strip()
    return name


def agency_code(organisation: str | None) -> str:
    """The abbreviation of a body's name in its documents' numbers (Decree 30: "15/BC-SNV"):
    'UBND' for any people's committee, 'HĐND' for a council, else the initials of the name
    without its unit and little words: 'Sở Nội vụ' -> 'SNV', 'Sở Y tế tỉnh Lào Cai' -> 'SYT',
    'Sở Giáo dục và Đào tạo' -> 'SGDĐT', 'Phòng Văn hóa - Xã hội' -> 'PVHXH'; '' for none."""
    text = clean_line(organisation)
    for prefixes, _body, code in _COLLECTIVE:
        if any(text.startswith(prefix + " ") or text == prefix for prefix in prefixes):
            return code
    words = re.findall(r"[^\W\d_]+", _without_unit(text))
    return "".join(w[0].upper() for w in words if w.lower() not in _SMALL_WORDS)


def archive_line(organisation: str | None) -> str:
    """The archive line of a body that has typed none: 'Lưu: VT, VHXH.' for the committee of a
    commune, ward or special zone (its Phòng Văn hóa - Xã hội drafts), else 'Lưu: VT.' (the
    drafting unit is not known from the name: the clerk's office alone, as Decree 30 allows)."""
    unit = committee_unit(organisation)
    if unit is not None and unit.startswith(_COMMUNE_LEVELS):
        return "Lưu: VT, VHXH."
    return "Lưu: VT."


# The head of a body by how its name begins ("Văn phòng" before "Phòng" cannot clash: names are
# matched from their start), for the signature of a deputy signing for the head (Decree 30:
# "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC").
_HEADS = (("Sở", "GIÁM ĐỐC"), ("Trung tâm", "GIÁM ĐỐC"), ("Bệnh viện", "GIÁM ĐỐC"),
          ("Phòng", "TRƯỞNG PHÒNG"), ("Ban", "TRƯỞNG BAN"), ("Văn phòng", "CHÁNH VĂN PHÒNG"),
          ("Thanh tra", "CHÁNH THANH TRA"), ("Chi cục", "CHI CỤC TRƯỞNG"), ("Cục", "CỤC TRƯỞNG"),
          ("Trường", "HIỆU TRƯỞNG"))


def signer_lines(organisation: str | None) -> tuple[str, str] | None:
    """The authority and title lines a body's documents are usually signed with, when it has
    typed none: 'TM. ỦY BAN NHÂN DÂN' / 'CHỦ TỊCH' for a people's committee (council alike),
    'TM. BAN THƯỜNG VỤ' / 'CHỦ TỊCH' for an association (Hội), and a deputy signing for the head
    elsewhere: 'KT. GIÁM ĐỐC' / 'PHÓ GIÁM ĐỐC' (Sở), 'KT. TRƯỞNG PHÒNG' / 'PHÓ TRƯỞNG PHÒNG'
    (Phòng)… None when the name does not say (the caller keeps what it has)."""
    text = clean_line(organisation)
    collective = collective_body(text)
    if collective is not None:
        return f"TM. {collective[0]}", "CHỦ TỊCH"
    if text.startswith("Hội ") and not text.startswith("Hội đồng"):
        return "TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"
    for start, head in _HEADS:
        if text == start or text.startswith(start + " "):
            return f"KT. {head}", f"PHÓ {head}"
    return None
