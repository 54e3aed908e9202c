"""Qt's own strings in Vietnamese: the right-click menu of every text field, standard buttons."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QPlainTextEdit

from gbapp.paths import resource

TS = resource("i18n", "qt_vi.ts")
QM = resource("i18n", "qt_vi.qm")


@pytest.fixture
def vietnamese_qt(qapp, monkeypatch):
    from PySide6.QtCore import QTranslator

    from gbapp.ui.app import install_translator

    monkeypatch.setenv("GBAPP_LANG", "en")  # an English Windows: no gbapp_en.qm is shipped
    before = set(qapp.findChildren(QTranslator))
    install_translator(qapp)
    installed = set(qapp.findChildren(QTranslator)) - before
    assert installed  # qt_vi.qm was found and loaded
    yield
    for translator in installed:
        qapp.removeTranslator(translator)
        translator.deleteLater()


def _menu_texts(widget) -> list[str]:
    menu = widget.createStandardContextMenu()
    try:
        return [a.text().split("\t")[0] for a in menu.actions() if a.text()]
    finally:
        menu.deleteLater()


def test_text_fields_right_click_menu_is_vietnamese(vietnamese_qt):
    expected = ["&Hoàn tác", "&Làm lại", "&Cắt", "&Sao chép", "&Dán", "Xóa", "Chọn tất cả"]
    assert _menu_texts(QLineEdit()) == expected
    assert _menu_texts(QPlainTextEdit()) == expected


def test_standard_buttons_are_vietnamese(vietnamese_qt):
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)
    assert sorted(b.text() for b in box.buttons()) == ["Hủy", "Đồng ý"]


def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path):
    """resources/i18n/qt_vi.qm is what pyside6-lrelease makes of qt_vi.ts (no drift)."""
    import PySide6

    name = "lrelease.exe" if sys.platform == "win32" else "lrelease"
    tool = Path(PySide6.__file__).parent / name
    fresh = tmp_path / "qt_vi.qm"
    subprocess.run([str(tool), str(TS), "-qm", str(fresh)], check=True, capture_output=True)
    assert fresh.read_bytes() == QM.read_bytes()
