"""The restore list says which file each backup was made from, when they come from more than one
(the database moved: a USB stick under another drive letter; or a copy of it was worked on)."""

from __future__ import annotations

import datetime as dt
import shutil

from PySide6.QtWidgets import QWidget

from gbapp.domain.entities import Agency
from gbapp.services import backups
from gbapp.store import agencies, open_database
from gbapp.store.backup import COUNTED
from gbapp.ui.dialogs.backups import RestoreDialog, offer_restore

FIXED = 3 + len(COUNTED)  # time, kind, size, the counts


def _changed_and_backed_up(path, minute):
    db = open_database(path)
    agencies.save(db, Agency(name=f"Cơ quan {minute}"))
    db.close()
    return backups.backup_now(path, path, reason="close", now=dt.datetime(2025, 3, 1, 8, minute))


def _moved(tmp_path):
    e_path = tmp_path / "E" / "kh.db"
    e_path.parent.mkdir()
    open_database(e_path).close()
    at_e = _changed_and_backed_up(e_path, 0)
    f_path = tmp_path / "F" / "kh.db"
    f_path.parent.mkdir()
    shutil.move(e_path, f_path)
    return e_path, at_e, f_path


def test_backups_from_two_paths_show_where_each_was_made(qtbot, tmp_path):
    e_path, at_e, f_path = _moved(tmp_path)
    at_f = _changed_and_backed_up(f_path, 1)
    dialog = RestoreDialog(backups.list_for(f_path), current=f_path)
    qtbot.addWidget(dialog)
    assert dialog.table.columnCount() == FIXED + 1
    assert dialog.table.horizontalHeaderItem(FIXED).text() == "Sao lưu từ tệp"
    rows = [(dialog.infos[r].path, dialog.table.item(r, FIXED).text())
            for r in range(dialog.table.rowCount())]
    assert rows == [(at_f, f"{f_path} (tệp đang mở)"), (at_e, str(e_path))]
    assert dialog.table.item(1, FIXED).toolTip() == str(e_path)
    dialog.table.selectRow(1)
    assert dialog.value().path == at_e


def test_backups_from_one_path_need_no_such_column(qtbot, tmp_path):
    path = tmp_path / "kh.db"
    open_database(path).close()
    for minute in range(2):
        _changed_and_backed_up(path, minute)
    dialog = RestoreDialog(backups.list_for(path), current=path)
    qtbot.addWidget(dialog)
    assert dialog.table.columnCount() == FIXED and dialog.table.rowCount() == 2


def test_a_damaged_file_is_told_where_the_backup_offered_was_made(qtbot, tmp_path, answers):
    """The newest good backup was made before the USB stick changed drive letter."""
    e_path, at_e, f_path = _moved(tmp_path)
    backups.backup_now(f_path, f_path, reason="open")  # the path's folder is made…
    newest = backups.newest_good(f_path)
    assert newest.path != at_e
    newest.path.unlink()  # … and its backup lost: the one made at E: is the newest good
    f_path.write_bytes(b"\0" * 4096)
    parent = QWidget()
    qtbot.addWidget(parent)
    answers.replies.append(False)
    assert not offer_restore(parent, f_path, Exception("Cơ sở dữ liệu bị hỏng."))
    assert f"sao lưu từ tệp «{e_path}»" in answers.asked[-1]
