"""Settings that travel with the database: organisation, place, default signer, parent agency."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path

from .connection import Database, readonly_uri


@dataclass
class OrgSettings:
    organisation: str = "Sở Nội vụ"  # the issuing agency of our documents
    # Where a province-level plan says nothing else (services.documents.organisation_settings
    # takes them from the plan's issuer); no province of its own: a commune's documents must
    # not come out under "UBND tỉnh Quảng Ngãi"
    parent_agency: str = ""  # the line above ours in the header: "UBND tỉnh Quảng Ngãi"
    place: str = ""
    report_to: str = ""  # "Kính gửi" of our reports; "" sends them to the parent agency
    # The defaults' own codes, Quảng Ngãi's Sở Nội vụ's (its gender-equality unit CTTN&BĐG):
    # another body that has not typed its own gets its own from its name or its plan
    # (services.documents._writer_codes), and a value typed here is never replaced
    agency_code: str = "SNV"  # used in document numbers: 15/BC-SNV
    signer: str = ""
    signer_authority: str = "KT. GIÁM ĐỐC"
    signer_title: str = "PHÓ GIÁM ĐỐC"
    archive_line: str = "Lưu: VT, CTTN&BĐG."
    backup_keep: str = "20"  # automatic backups kept per database


def get_value(db: Database, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_value(db: Database, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def read_from_file(path: Path, key: str) -> str | None:
    """One setting read from a closed database file, read-only (backup policy, before opening)."""
    try:
        con = sqlite3.connect(readonly_uri(path), uri=True)
        try:
            row = con.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def load(db: Database) -> OrgSettings:
    """The organisation settings, defaults filled in."""
    stored = dict(db.execute("SELECT key, value FROM settings WHERE key LIKE 'org.%'").fetchall())
    values = {f.name: stored.get("org." + f.name) for f in fields(OrgSettings)}
    return OrgSettings(**{k: v for k, v in values.items() if v is not None})


def saved_fields(db: Database) -> set[str]:
    """The organisation settings someone has saved (the rest are the defaults)."""
    return {key[4:] for (key,) in db.execute("SELECT key FROM settings WHERE key LIKE 'org.%'")}


# The settings that follow the body writing the documents until someone types their own
# (services.documents._writer_codes): Cài đặt shows what documents would use, and saving it
# must not pin a value nobody typed (the defaults' "SNV" went out on a commune's documents).
FOLLOW_WRITER = ("agency_code", "archive_line", "signer_authority", "signer_title")


def save(db: Database, org: OrgSettings, *, skip: Iterable[str] = ()) -> None:
    """Save the organisation settings, but the fields in *skip* (left as they were)."""
    skip = set(skip)
    for f in fields(OrgSettings):
        if f.name not in skip:
            set_value(db, "org." + f.name, getattr(org, f.name))
