"""Where things live: bundled resources (source tree or frozen bundle) and the user's data folder.

This is the one place that knows about PyInstaller's frozen layout and about portable mode.
Nothing is created at import time.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "gbapp"
PORTABLE_DIR = "gbapp-data"


def resources_dir() -> Path:
    """The `resources/` folder: bundled (frozen), in the source tree, or installed with the
    package as gbapp/resources (pyproject maps it there)."""
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    source_tree = Path(__file__).resolve().parent.parent / "resources"
    if source_tree.is_dir():
        return source_tree
    return Path(__file__).resolve().parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def data_dir() -> Path:
    """The user's data folder: `gbapp-data` beside the executable (portable), else platformdirs.

    GBAPP_DATA_DIR overrides both (tests, and users who keep data on a network share).
    """
    override = os.environ.get("GBAPP_DATA_DIR")
    if override:
        return Path(override)
    if getattr(sys, "frozen", False):
        portable = Path(sys.executable).resolve().parent / PORTABLE_DIR
        if portable.is_dir():
            return portable
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database() -> Path:
    return data_dir() / "gbapp.db"


def demo_database() -> Path:
    return data_dir() / "demo-kh93-2025.db"
