"""Keep a demo database of the current schema in tests/fixtures/ (run once per released schema).

    python3 tools/make_schema_fixture.py     -> tests/fixtures/schema-<N>.db

Fixtures are never regenerated: each one is what a user of that version has on disk, and
tests/store/test_database.py upgrades every one of them with the current code.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from gbapp.services.demo import create_demo
from gbapp.store.migrations import KNOWN

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"


def main() -> int:
    target = FIXTURES / f"schema-{len(KNOWN)}.db"
    if target.exists():
        print(f"{target.name} exists; fixtures are never regenerated")
        return 1
    create_demo(target, today=dt.date(2025, 12, 1))
    print(f"wrote {target} ({target.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
