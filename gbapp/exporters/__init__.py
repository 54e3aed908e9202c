"""Official Word documents (Decree 30/2020 format) and the Excel working copy. No Qt here.

Data comes from `gbapp.services.documents` (plain dataclasses); the look comes from the named
styles of `resources/templates/gbapp.docx` (built by `make_template.py`).
"""

import importlib
from typing import Any

# Loaded on first use (PEP 562): `gbapp --help` and the desktop app's start-up must not pay for
# sqlite-utils, python-docx and openpyxl just because the command line names the exporters.
_EXPORTS = {
    "KINDS": "kinds",
    "ExportOptions": "api", "NothingToExportError": "api", "default_filename": "api",
    "filename_problem": "api",
    "export": "api",
    "ExportError": "safe_write", "FileLockedError": "safe_write",
    "FolderNotWritableError": "safe_write", "atomic_write": "safe_write",
    "DiskFullError": "safe_write",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(name)
    return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
