"""The layers stay as designed: only gbapp/ui imports Qt; SQL is written only in gbapp/store."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "gbapp"
SQL = re.compile(r"^\s*(SELECT .+ FROM|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE (TABLE|INDEX)|DROP |ALTER TABLE)")


def _modules(exclude: str):
    for path in PACKAGE.rglob("*.py"):
        if exclude not in path.relative_to(PACKAGE).parts[:1]:
            yield path


def test_only_the_ui_package_imports_qt():
    offenders = []
    for path in _modules("ui"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n.split(".")[0] in ("PySide6", "shiboken6") for n in names):
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_sql_is_written_only_in_the_store():
    offenders = []
    for path in _modules("store"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and SQL.match(node.value):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []
