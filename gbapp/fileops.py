"""File operations Windows makes fragile: replacing a file another program has open for a moment.

On Windows an antivirus scan, OneDrive's sync or the search indexer opens a file just written, and
renaming onto it fails with a sharing violation (WinError 32/33) or "access denied" (WinError 5)
until they let go, usually well within a second. A rename retried a few times gets through.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

# Windows errors of a file held open by another process (ERROR_SHARING_VIOLATION,
# ERROR_LOCK_VIOLATION); MoveFileEx onto a file open without FILE_SHARE_DELETE says
# ERROR_ACCESS_DENIED (5), which is retried too but not taken as proof of a holder.
SHARING_VIOLATION = (32, 33)
_RETRIED = (5, *SHARING_VIOLATION)
# Pauses between the attempts: about one second in all.
RETRY_DELAYS_S = (0.1, 0.2, 0.3, 0.4)


def is_sharing_violation(exc: BaseException) -> bool:
    """Whether *exc* says the file is open in another program (Windows only)."""
    return getattr(exc, "winerror", None) in SHARING_VIOLATION


def replace(src: str | Path, dst: str | Path) -> None:
    """os.replace(src, dst), tried again for about a second while Windows says another program
    holds *dst* (or *src*). The last error is raised if it never lets go. Elsewhere (no
    ``winerror``) a failure is raised at once: waiting would not help."""
    for delay in (*RETRY_DELAYS_S, None):
        try:
            os.replace(src, dst)
            return
        except PermissionError as exc:
            if delay is None or getattr(exc, "winerror", None) not in _RETRIED:
                raise
        time.sleep(delay)
