"""Test set-up: offscreen Qt, and no test ever touches the user's real data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory, monkeypatch):
    data = tmp_path_factory.mktemp("gbapp-data")
    monkeypatch.setenv("GBAPP_DATA_DIR", str(data))
    return data


@pytest.fixture
def db(tmp_path):
    from gbapp.store import open_database

    database = open_database(tmp_path / "test.db")
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_db_file(tmp_path_factory):
    """A demo database built once per session; tests copy it before writing."""
    from gbapp.services.demo import create_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    create_demo(path)
    return path


@pytest.fixture
def demo_db(demo_db_file, tmp_path):
    import shutil

    from gbapp.store import open_database

    target = tmp_path / "demo.db"
    shutil.copy(demo_db_file, target)
    database = open_database(target)
    yield database
    database.close()
