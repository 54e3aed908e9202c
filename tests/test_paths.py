"""Where data lives: the user data folder, or `gbapp-data` beside the frozen program (portable)."""

from __future__ import annotations

import sys
from pathlib import Path

from gbapp import paths
from gbapp.cli import main


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_portable_folder_beside_frozen_program_holds_all_data(tmp_path, monkeypatch):
    program = tmp_path / "usb" / "gbapp"
    (program / "gbapp-data").mkdir(parents=True)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.delenv("GBAPP_DATA_DIR", raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("LOCALAPPDATA", str(home / "AppData" / "Local"))
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program / "gbapp"))
    # PyInstaller unpacks bundled files under sys._MEIPASS; here that is the source tree.
    monkeypatch.setattr(sys, "_MEIPASS", str(Path(__file__).resolve().parents[1]), raising=False)

    assert paths.resource("demo", "plan93_quangngai_2025.txt").is_file()
    assert paths.data_dir() == program / "gbapp-data"
    assert main(["demo"]) == 0
    assert main(["backup", "--db", str(paths.demo_database())]) == 0
    stored = _files(program / "gbapp-data")
    assert program / "gbapp-data" / "demo-kh93-2025.db" in stored
    assert any("backups" in p.parts for p in stored)
    assert _files(home) == []  # nothing written to the user profile


def test_without_portable_folder_the_user_data_folder_is_used(tmp_path, monkeypatch):
    program = tmp_path / "Program Files" / "gbapp"
    program.mkdir(parents=True)
    monkeypatch.delenv("GBAPP_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program / "gbapp"))
    assert paths.data_dir() != program / "gbapp-data"
    assert "gbapp" in paths.data_dir().parts


def test_resources_are_found_from_source():
    assert paths.resource("demo", "plan93_quangngai_2025.txt").is_file()
