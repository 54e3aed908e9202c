"""Child process of the crash test: saves through the store, reporting each commit on stdout."""

from __future__ import annotations

import sys

from gbapp.domain.entities import Agency, ProgressReport
from gbapp.domain.model import Status
from gbapp.store import agencies, items, open_database, progress
from gbapp.store.undo import UndoLog


def main(path: str, start: int) -> None:
    db = open_database(path)
    log = UndoLog(db)
    plan_id = db.execute("SELECT id FROM plans LIMIT 1").fetchone()[0]
    period_id = db.execute("SELECT id FROM periods LIMIT 1").fetchone()[0]
    section = db.execute("SELECT id FROM items WHERE parent_id IS NULL LIMIT 1").fetchone()[0]
    n = start
    while True:
        n += 1
        # The same kinds of action the GUI performs: a structural edit and a report save.
        def action(d, n=n):
            item_id = items.insert(d, plan_id, section, position=1, title=f"việc {n}")
            agency_id = agencies.save(d, Agency(name=f"Cơ quan {n}"))
            progress.save(d, ProgressReport(item_id=item_id, agency_id=agency_id,
                                            period_id=period_id, status=Status.IN_PROGRESS,
                                            result="x" * (n % 500)))
        log.run("save", action)
        sys.stdout.write(f"{n}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
