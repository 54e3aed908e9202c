"""One writer: a second open of the same database is refused; a stale lock is taken over."""

from __future__ import annotations

import subprocess
import sys

import pytest

from gbapp.store.lock import DatabaseInUseError, DatabaseLock, lock_path

HOLDER = """
import sys, time
from gbapp.store.lock import DatabaseLock
lock = DatabaseLock(sys.argv[1]).acquire()
print("locked", flush=True)
time.sleep(60)
"""


def test_second_open_is_refused_while_another_process_holds_it(tmp_path):
    db_path = tmp_path / "shared.db"
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path)], stdout=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(DatabaseInUseError) as err:
            DatabaseLock(db_path).acquire()
        assert "đang được mở" in str(err.value)
    finally:
        proc.kill()
        proc.wait()
    # The holder died without releasing: its lock file is stale and is taken over.
    assert lock_path(db_path).exists()
    lock = DatabaseLock(db_path).acquire()
    assert lock.took_over_stale
    lock.release()
    assert not lock_path(db_path).exists()


def test_same_process_twice_is_refused(tmp_path):
    db_path = tmp_path / "x.db"
    with DatabaseLock(db_path):
        with pytest.raises(DatabaseInUseError):
            DatabaseLock(db_path).acquire()
    DatabaseLock(db_path).acquire().release()
