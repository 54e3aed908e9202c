"""The file name typed in the export dialog's "Lưu vào tệp": checked against what Windows refuses.

A ":" or "?" gave a raw "OSError: [Errno 22]" on Windows only after the whole document was built,
and a "/" typed in the name quietly created a folder of what came before it.
"""

from __future__ import annotations

import pytest

from gbapp.exporters import filename_problem
from gbapp.ui import export_dialog as module
from gbapp.ui.export_dialog import ExportDialog


@pytest.fixture
def dialog(ctx, qtbot, monkeypatch):
    d = ExportDialog(ctx)
    qtbot.addWidget(d)
    d.started = []
    real = module.run_export

    def spy(db, kind, out, options, **kwargs):
        d.started.append(out)
        return real(db, kind, out, options, **kwargs)

    monkeypatch.setattr(module, "run_export", spy)
    return d


@pytest.mark.parametrize("name, says", [
    ("Báo cáo: 6 tháng.docx", "«:»"),
    ("Báo cáo quý I?.docx", "«?»"),
    ('Bảng "tổng hợp".docx', '«"»'),
    ("a<b>c.docx", "«<» «>»"),
    ("a|b*.docx", "«|» «*»"),
    ("Báo cáo.", "kết thúc bằng dấu chấm"),
    ("CON", "dành riêng"),
    ("nul.docx", "dành riêng"),
    ("com1.docx", "dành riêng"),
    ("LPT9.docx", "dành riêng"),
])
def test_a_name_windows_refuses_is_not_exported(dialog, qtbot, tmp_path, answers, name, says):
    dialog.out_edit.setText(str(tmp_path / name))
    dialog.export_button.click()
    [message] = answers.errors
    assert says in message and "Tên" in message
    assert not dialog.started and not dialog.is_running()
    assert dialog.export_button.isEnabled()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db"]


def test_a_slash_in_the_name_makes_no_folder(dialog, qtbot, tmp_path, answers):
    dialog.out_edit.setText(f"{tmp_path}/Báo cáo 6/2025.docx")
    dialog.export_button.click()
    [message] = answers.errors
    assert f"Không có thư mục «{tmp_path / 'Báo cáo 6'}»" in message and "«/»" in message
    assert not dialog.started
    assert not (tmp_path / "Báo cáo 6").exists()


def test_only_the_name_is_checked_not_the_folder_chosen(dialog, qtbot, tmp_path, answers):
    """A folder picked with "Chọn…" is the system's own business (here one with a "?" and a
    "#", which Linux allows): only the typed name is held to Windows' rules."""
    folder = tmp_path / "Phòng #2 ?"
    folder.mkdir()
    dialog.out_edit.setText(str(folder / "Báo cáo 6 tháng"))
    with qtbot.waitSignal(dialog.export_finished, timeout=60_000) as blocker:
        dialog.export_button.click()
    assert answers.errors == []
    assert dialog.started == blocker.args[0] == [folder / "Báo cáo 6 tháng.docx"]


def test_default_names_pass_the_check():
    from gbapp.exporters import default_filename

    for kind in ("report", "appendix", "plan", "reminder", "xlsx"):
        assert filename_problem(default_filename(kind, "93/KH-UBND", "Quý I: 2025?")) is None
