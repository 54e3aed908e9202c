"""Issuing bodies read from their names: the collective bodies (people's committee, people's
council) that Decree 30 writes out in a header and signs "TM." for."""

from __future__ import annotations

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
