"""Logging to a rotating file in the user data folder (the crash dialog points to it)."""

from __future__ import annotations

import logging
from pathlib import Path

from .paths import data_dir

LOG_NAME = "gbapp.log"


def log_file() -> Path:
    return data_dir() / "logs" / LOG_NAME


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the app's log records to a rotating file (1 MB × 5); returns its path."""
    path = log_file()
    root = logging.getLogger()
    if any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        return path
    from logging.handlers import RotatingFileHandler  # socket, pickle…: ~20 ms, needed here only

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()  # read-only profile: log to stderr rather than fail
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return path
