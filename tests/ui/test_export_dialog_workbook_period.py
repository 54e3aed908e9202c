"""The export dialog: the workbook's "Chưa báo cáo" sheet is the period chosen in the dialog."""

from __future__ import annotations

import openpyxl

from gbapp.ui.export_dialog import ExportDialog


def test_the_workbook_is_written_for_the_period_chosen(ctx, qtbot, tmp_path):
    dialog = ExportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.set_kind("xlsx")
    assert dialog.period_combo.isEnabled()
    dialog.period_combo.setCurrentIndex(dialog.period_combo.findText("6 tháng đầu năm 2025"))
    assert dialog.options().period == dialog.period_combo.currentData()
    dialog.out_edit.setText(str(tmp_path / "blv.xlsx"))
    with qtbot.waitSignal(dialog.export_finished, timeout=60_000):
        dialog.export_button.click()
    rows = list(openpyxl.load_workbook(tmp_path / "blv.xlsx")["Chưa báo cáo"].iter_rows(
        min_row=2, values_only=True))
    assert rows and {r[0] for r in rows} == {"6 tháng đầu năm 2025"}
