"""An indicator's note is a few sentences ("70-80% tùy địa bàn; số liệu do Cục Thống kê cung
cấp…"), typed on lines of their own: the form keeps its lines through a save, a reload of the
database and an undo, and the Excel working copy shows them as lines of a wrapped cell."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt

from gbapp.store import indicators, open_database

NOTE = ("Mục tiêu ghi trong văn bản: 70-80% tùy địa bàn.\n"
        "Số liệu do Cục Thống kê tỉnh cung cấp, tính đến 31/12 hằng năm.")


@pytest.fixture
def db_path(demo_db_file, tmp_path):
    import shutil

    path = tmp_path / "kh.db"
    shutil.copy(demo_db_file, path)
    return path


def _page(qtbot, db_path):
    from gbapp.ui.context import AppContext
    from gbapp.ui.pages.indicators_page import IndicatorsPage

    ctx = AppContext(open_database(db_path), db_path)
    page = IndicatorsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    return ctx, page


def _choose(page, code: str) -> None:
    row = next(n for n, line in enumerate(page.model.rows()) if line.indicator.code == code)
    page.table.selectRow(row)
    assert page.form.code.text() == code


def _stored_note(db, code: str) -> str:
    return next(i for i in indicators.list_indicators(db) if i.code == code).note


def test_a_note_typed_on_two_lines_is_saved_and_read_back_with_its_lines(qtbot, db_path,
                                                                         type_text):
    ctx, page = _page(qtbot, db_path)
    _choose(page, "MT1")
    before = _stored_note(ctx.db, "MT1")
    first, second = NOTE.split("\n")
    page.form.note.setFocus()
    type_text(page.form.note, first)
    qtbot.keyClick(page.form.note, Qt.Key.Key_Return)  # a new line, not a save
    type_text(page.form.note, second + "  ")
    assert page.form.note.toPlainText() == NOTE + "  "
    assert page.form.is_dirty()
    assert _stored_note(ctx.db, "MT1") == before
    assert page.save()
    assert _stored_note(ctx.db, "MT1") == NOTE
    assert not page.form.is_dirty()
    ctx.db.close()

    # the database opened again, as on the next day: the note reads on its two lines
    ctx, page = _page(qtbot, db_path)
    _choose(page, "MT1")
    assert page.form.note.toPlainText() == NOTE
    assert not page.form.is_dirty()  # nothing typed: leaving asks nothing
    page.form.note.setPlainText(NOTE.replace("\n", "\n\n"))
    assert page.form.is_dirty()
    assert page.save()
    assert _stored_note(ctx.db, "MT1") == NOTE.replace("\n", "\n\n")
    ctx.undo_last()  # Ctrl+Z: the note as it was, in the store and in the form
    assert _stored_note(ctx.db, "MT1") == NOTE
    assert page.form.note.toPlainText() == NOTE and not page.form.is_dirty()
    ctx.db.close()


def test_the_note_box_shows_three_lines_and_tab_leaves_it(qtbot, db_path):
    ctx, page = _page(qtbot, db_path)
    note = page.form.note
    assert note.viewport().height() >= 3 * note.fontMetrics().lineSpacing()
    note.setFocus()
    qtbot.waitUntil(note.hasFocus)
    qtbot.keyClick(note, Qt.Key.Key_Tab)
    assert not note.hasFocus() and "\t" not in note.toPlainText()
    ctx.db.close()


def test_the_working_copy_shows_a_note_of_two_lines_in_a_wrapped_cell(db_path, tmp_path):
    from gbapp.exporters import ExportOptions, export

    db = open_database(db_path)
    try:
        mt1 = next(i for i in indicators.list_indicators(db) if i.code == "MT1")
        mt1.note = NOTE
        indicators.save(db, mt1)
        db.conn.commit()
        out = export(db, "xlsx", tmp_path / "w.xlsx", ExportOptions())[0]
    finally:
        db.close()
    ws = openpyxl.load_workbook(out)["Chỉ tiêu"]
    column = [c.value for c in ws[1]].index("Ghi chú chỉ tiêu") + 1
    cells = [row[column - 1] for row in ws.iter_rows(min_row=2) if row[0].value == "MT1"]
    assert cells and all(c.value == NOTE for c in cells)
    assert all(c.alignment.wrap_text for c in cells)  # Excel shows the two lines
