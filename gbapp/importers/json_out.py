"""ParsedPlan → plain JSON-ready dict (for review screens, fixtures and tests)."""

from __future__ import annotations

import datetime as dt

from gbapp.domain.model import ParsedItem, ParsedPlan


def _d(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def plan_to_json(parsed: ParsedPlan) -> dict:
    """``{"plan": {...}, "items": [...]}``; unknown values are None, empty agencies / time frames omitted."""
    m = parsed.meta
    plan = {
        "number": m.number,
        "doc_type": m.doc_type,
        "issued_on": _d(m.issued_on),
        "place": m.place,
        "issuer": m.issuer,
        "signer": m.signer,
        "title": m.title,
        "legal_bases": [
            {
                "number": b.number or None,
                "issued_on": _d(b.issued_on),
                "doc_type": b.doc_type or None,
                "issuer": b.issuer or None,
                "summary": b.summary or None,
                "verb": b.verb or None,
            }
            for b in m.legal_bases
        ],
        # extra keys
        "effective_on": _d(m.effective_on),
        "signer_authority": m.signer_authority,
        "signer_title": m.signer_title,
        "domain_field": m.domain_field,
        "year": m.year,
        "recipients": list(m.recipients),
        "truncated": m.truncated,
        "warnings": list(parsed.warnings),
    }
    return {"plan": plan, "items": [_item(it) for it in parsed.items]}


def _item(item: ParsedItem) -> dict:
    # iterative would be safer for absurd depths, but depth is bounded by the five marker kinds
    out: dict = {"label": item.label, "title": item.title, "text": item.text}
    if item.agencies:
        out["agencies"] = [{"name": a.name, "role": str(a.role)} for a in item.agencies]
    if item.time_frame is not None:
        out["time_frame"] = item.time_frame.to_json()
    if item.output:
        out["output"] = item.output
    out["children"] = [_item(c) for c in item.children]
    return out
