"""The installed package is complete: every gbapp package is listed, resources travel with it."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_every_package_is_listed_for_installation():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "gbapp").rglob("__init__.py")}
    assert on_disk | {"gbapp.resources"} == listed
    assert config["tool"]["setuptools"]["package-dir"]["gbapp.resources"] == "resources"
