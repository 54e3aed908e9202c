"""The main window: opening databases (command line, last used, welcome), menus, layout memory."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from PySide6.QtCore import QSettings, Qt

from gbapp.store import open_database, plans
from gbapp.store import settings as org_settings


@pytest.fixture
def db_file(demo_db_file, tmp_path):
    path = tmp_path / "kh93.db"
    shutil.copy(demo_db_file, path)
    return path


@pytest.fixture
def started(qtbot):
    windows = []

    def start(path):
        from gbapp.ui.app import start as app_start

        window = app_start(path)
        if window is not None:
            qtbot.addWidget(window)
            windows.append(window)
            qtbot.waitExposed(window)
            window.windowHandle().requestActivate()  # as the window manager would
            qtbot.waitUntil(window.isActiveWindow, timeout=2000)

        return window

    yield start
    for window in windows:
        window.close()


def test_opens_database_given_on_command_line(qtbot, started, db_file):
    window = started(db_file)
    assert window.isVisible()
    assert window.ctx.path == db_file
    assert window.windowTitle() == "kh93.db — gbapp"
    assert window.counts_label.text() == "KH 93/KH-UBND · 13 hoạt động · 23 cơ quan"
    assert window.db_label.text() == str(db_file)
    assert window.pages["plan"].model.rowCount() == 2
    assert not window.undo_action.isEnabled()  # opening is not an undoable step
    assert set(window.pages) == {"plan"}  # other pages are built when first shown


def test_reopens_last_database_and_remembers_layout(qtbot, started, db_file):
    window = started(db_file)
    window.resize(1000, 540)
    window.show_page("activities")
    window.pages["activities"].table.setColumnWidth(2, 333)
    window.close()
    settings = QSettings()
    assert settings.value("last_database") == str(db_file.resolve())
    assert settings.value("window/page") == "activities"
    again = started(None)
    assert again.ctx.path == db_file.resolve()
    assert again.height() == 540  # (the width is bound by the 800-pixel offscreen screen)
    assert again.stack.currentWidget() is again.pages["activities"]
    assert again.pages["activities"].table.columnWidth(2) == 333


def test_first_start_offers_the_demo(qtbot, started, monkeypatch):
    from gbapp import paths
    from gbapp.ui.dialogs.welcome import Choice, WelcomeDialog

    def choose_demo(dialog):
        dialog.choice = Choice.DEMO
        return 1

    monkeypatch.setattr(WelcomeDialog, "exec", choose_demo)
    window = started(None)
    assert window.ctx.path == paths.demo_database()
    assert plans.get(window.ctx.db, window.ctx.plan_id).number == "93/KH-UBND"


def test_closing_the_welcome_dialog_quits(qtbot, started, monkeypatch):
    from gbapp.ui.dialogs.welcome import WelcomeDialog

    monkeypatch.setattr(WelcomeDialog, "exec", lambda dialog: 0)
    assert started(None) is None


def test_unreadable_file_gives_a_clear_message(qtbot, started, tmp_path, answers, db_file):
    bad = tmp_path / "notes.db"
    bad.write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    assert started(bad) is None
    assert "không phải là cơ sở dữ liệu gbapp" in answers.errors[0]
    window = started(db_file)
    assert not window.open_database(bad)
    assert window.ctx.path == db_file  # the open database stays open


def test_undo_redo_menu_names_and_shortcuts(qtbot, started, db_file):
    from gbapp.store import items

    window = started(db_file)
    ctx = window.ctx
    item = items.children(ctx.db, ctx.plan_id, None)[0]
    item.title = "MỤC ĐÍCH"
    ctx.perform("Sửa mục", lambda db: items.update(db, item))
    assert window.undo_action.text() == "&Hoàn tác: Sửa mục"
    tree = window.pages["plan"].tree
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=tree.visualRect(tree.model().index(0, 1)).center())
    qtbot.keyClick(window.pages["plan"].tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert items.get(ctx.db, item.id).title == "MỤC ĐÍCH, YÊU CẦU"
    assert window.redo_action.text() == "&Làm lại: Sửa mục"
    qtbot.keyClick(window.pages["plan"].tree, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert items.get(ctx.db, item.id).title == "MỤC ĐÍCH"


def test_undo_shows_the_wait_cursor_and_restores_it_even_on_failure(qtbot, started, db_file,
                                                                   monkeypatch):
    """Undoing a large import stays on the GUI thread (it writes through the open connection):
    the wait cursor shows meanwhile and is gone afterwards, also when the undo fails."""
    from PySide6.QtGui import QGuiApplication

    from gbapp.store.database import StorageError

    window = started(db_file)
    seen = []

    def slow_undo():
        cursor = QGuiApplication.overrideCursor()
        seen.append(cursor.shape() if cursor else None)
        raise StorageError("Ổ đĩa đã đầy. (disk is full)")

    monkeypatch.setattr(window.ctx, "undo_last", slow_undo)
    with pytest.raises(StorageError):
        window.undo()
    assert seen == [Qt.CursorShape.WaitCursor]
    assert QGuiApplication.overrideCursor() is None


def test_read_only_file_is_said_at_open(qtbot, started, db_file, answers, monkeypatch):
    """A file marked read-only (copied from a CD, or the Read-only box ticked) is told at once,
    in the title and a message, not at the first save that fails."""
    import os

    from gbapp.ui import main_window

    real = os.access
    monkeypatch.setattr(main_window.os, "access",
                        lambda p, mode: False if mode == os.W_OK and str(p) == str(db_file)
                        else real(p, mode))
    window = started(db_file)
    assert "(chỉ đọc)" in window.windowTitle()
    assert answers.errors and "chỉ cho phép đọc" in answers.errors[-1]
    assert "Read-only" in answers.errors[-1]


def test_navigation_and_routing(qtbot, started, db_file):
    window = started(db_file)
    window.nav.setCurrentRow(1)
    activities = window.pages["activities"]
    assert window.stack.currentWidget() is activities
    for n in range(2, 6):
        window.nav.setCurrentRow(n)  # the other helper's pages open too
        assert window.stack.currentWidget() is not None
    window.show_page("activities")
    target = activities.model.row(3).id
    activities.open_item.emit(target)
    assert window.stack.currentWidget() is window.pages["plan"]
    assert window.pages["plan"].current_item_id() == target
    assert window.nav.currentRow() == 0
    overview = window.page("overview")
    from gbapp.store import assignments

    agency_id = assignments.agencies_of_plan(window.ctx.db, window.ctx.plan_id)[-1][0]
    overview.period.setCurrentIndex(overview.period.findText("6 tháng đầu năm 2025"))
    overview.open_agency.emit(agency_id, overview.period.currentData())
    progress_page = window.pages["progress"]
    assert window.stack.currentWidget() is progress_page
    assert progress_page.agency.current_id() == agency_id
    assert progress_page.period.currentText() == "6 tháng đầu năm 2025"  # the overview's period


def test_save_a_copy(qtbot, started, db_file, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    window = started(db_file)
    target = tmp_path / "copies" / "ban-sao.db"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.copy_action.trigger()
    copy = open_database(target)
    try:
        assert plans.get(copy, plans.latest_id(copy)).number == "93/KH-UBND"
    finally:
        copy.close()
    assert window.ctx.path == db_file  # still working on the original


def test_new_database_refuses_to_overwrite(qtbot, started, db_file, tmp_path, monkeypatch,
                                           answers):
    from PySide6.QtWidgets import QFileDialog

    window = started(db_file)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(db_file), ""))
    window.new_action.trigger()
    assert "đã có" in answers.errors[0]
    fresh = tmp_path / "moi.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(fresh), ""))
    window.new_action.trigger()
    assert window.ctx.path == fresh and window.ctx.plan_id is None
    assert window.pages["plan"].empty.isVisible()
    with sqlite3.connect(db_file) as conn:  # the old one closed cleanly, untouched
        assert conn.execute("SELECT COUNT(*) FROM plans").fetchone()[0] == 1


def test_settings_dialog_saves_through_undo(qtbot, started, db_file, monkeypatch):
    from gbapp.ui.dialogs.settings_dialog import SettingsDialog

    def fill(dialog):
        dialog.edits["signer"].setText("Trần Văn C")
        dialog.edits["place"].setText("Quảng  Ngãi ")
        return 1

    monkeypatch.setattr(SettingsDialog, "exec", fill)
    window = started(db_file)
    window.settings_action.trigger()
    org = org_settings.load(window.ctx.db)
    assert (org.signer, org.place) == ("Trần Văn C", "Quảng Ngãi")
    assert window.undo_action.text() == "&Hoàn tác: Sửa cài đặt"
    window.undo()
    assert org_settings.load(window.ctx.db).signer != "Trần Văn C"


def test_export_action_reports_missing_dialog(qtbot, started, db_file, answers, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_export(name, *args, **kwargs):
        if name.endswith("export_dialog"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    window = started(db_file)
    monkeypatch.setattr(builtins, "__import__", no_export)
    window.export_action.trigger()
    assert answers.errors == ["Chức năng xuất văn bản chưa có trong bản này."]


def test_settings_are_written_under_the_data_folder(qtbot, _isolated_data_dir):
    settings = QSettings()
    assert settings.format() == QSettings.Format.IniFormat
    assert settings.fileName().startswith(str(_isolated_data_dir))


def test_every_page_fits_a_1024_by_600_screen(qtbot, started, db_file):
    """Small office laptops: no page may push the window wider than the screen, and the item
    form keeps the width its fields need (the tree gives way)."""
    window = started(db_file)
    window.resize(1024, 600)
    from gbapp.ui.main_window import PAGES

    for key, *_rest in PAGES:
        window.show_page(key)
        qtbot.wait(10)
        assert window.width() == 1024, key
        page = window.pages[key]
        assert page.minimumSizeHint().width() <= window.stack.width(), key
    plan = window.pages["plan"]
    window.show_page("plan")
    assert plan.form.width() >= plan.form.minimumSizeHint().width()


def test_a_page_seen_on_a_wide_screen_does_not_hold_the_window_wide(qtbot, started, db_file):
    """The activities filters laid out on one row at 1366 px must not keep the window wider
    than a 1024 px screen once another page is shown (hidden pages are not resized)."""
    window = started(db_file)
    window.resize(1366, 768)
    window.show_page("activities")
    qtbot.wait(10)
    window.show_page("plan")
    assert window.pages["activities"].minimumSizeHint().width() <= 1024 - window.nav.width()
    qtbot.waitUntil(lambda: window.minimumSize().width() <= 1024, timeout=2000)
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: window.width() == 1024, timeout=2000)


def test_closing_after_only_looking_asks_nothing(qtbot, started, db_file, answers):
    """Visiting every page, choosing rows and changing years edits nothing: closing must not
    ask to save (a false "Chưa lưu" at every close would teach users to click through it)."""
    from gbapp.ui.main_window import PAGES

    window = started(db_file)
    for key, *_rest in PAGES:
        window.show_page(key)
        qtbot.wait(10)
    indicators = window.pages["indicators"]
    indicators.table.selectRow(1)
    indicators.year.setValue(indicators.year.value() + 1)
    progress = window.pages["progress"]
    progress.table.selectRow(0)
    window.pages["agencies"].table.selectRow(2)
    plan = window.pages["plan"]
    plan.tree.setCurrentIndex(plan.model.index(1, 0))
    window.close()
    assert answers.asked == []
    assert window.ctx is None


def test_settings_dialog_requires_the_issuing_agency_and_a_number_of_backups(qtbot):
    from PySide6.QtWidgets import QDialogButtonBox

    from gbapp.ui.dialogs.settings_dialog import SettingsDialog

    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.load(org_settings.OrgSettings(backup_keep="hai mươi"))
    assert dialog.backup_keep.value() == 20  # an unreadable saved value shows the default
    dialog.show()
    dialog.edits["organisation"].setText("   ")
    dialog.edits["place"].setText("Quảng\x07 Ngãi")
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() == 0  # not accepted
    assert "cơ quan ban hành" in dialog.boxes["organisation"].error.text()
    assert dialog.boxes["organisation"].error.isVisible()
    dialog.edits["organisation"].setText("Sở Nội vụ")
    dialog.backup_keep.setValue(7)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.result() == 1
    value = dialog.value()
    assert (value.organisation, value.place, value.backup_keep) == ("Sở Nội vụ", "Quảng Ngãi", "7")
    dialog.load(org_settings.OrgSettings(backup_keep="1000"))  # a large count saved before stays
    assert dialog.value().backup_keep == "1000"


def test_a_small_screen_keeps_names_and_buttons_readable(qtbot, started, db_file):
    """1024×600 (a small laptop in a commune office): the agencies that have not reported show
    their names, the agency box shows a name from its start, and 'Nhập kế hoạch' is not pushed
    into the toolbar's overflow."""
    window = started(db_file)
    window.resize(1024, 600)
    window.show_page("progress")
    page = window.pages["progress"]
    qtbot.waitUntil(lambda: page.unreported_model.rowCount() > 0, timeout=5000)
    assert page.unreported.columnWidth(0) >= 150
    assert window.nav.width() <= 130
    page.agency.set_current_id(page.agency.itemData(0))
    assert page.agency.lineEdit().cursorPosition() == 0
    window.show_page("plan")
    plan_page = window.pages["plan"]
    qtbot.wait(50)
    from PySide6.QtWidgets import QToolButton

    button = next(b for b in plan_page.toolbar.findChildren(QToolButton)
                  if b.defaultAction() is plan_page.import_action)
    assert button.isVisible()


def test_undo_and_redo_keep_their_mnemonics_and_show_an_ampersand_as_such(started, db_file):
    """Alt+S then H / L reach them whatever the last action was called, and an "&" in that
    name ("Sở GD&ĐT") is shown, not taken for a mnemonic."""
    from gbapp.domain.entities import Agency
    from gbapp.store import agencies

    window = started(db_file)
    assert window.undo_action.text() == "&Hoàn tác"
    window.ctx.perform("Thêm «Sở GD&ĐT»", lambda db: agencies.save(db, Agency(name="Sở GD&ĐT")))
    assert window.undo_action.text() == "&Hoàn tác: Thêm «Sở GD&&ĐT»"
    window.undo()
    assert window.redo_action.text() == "&Làm lại: Thêm «Sở GD&&ĐT»"
    assert window.undo_action.text() == "&Hoàn tác"


def test_the_settings_of_a_commune_plan_are_proposed_from_the_plan(qtbot, tmp_path):
    """A commune's first Cài đặt: its committee, place and signing block, not Sở Nội vụ."""
    from gbapp.importers import parse_plan_text
    from gbapp.services.documents import organisation_settings
    from gbapp.services.importing import store_plan
    from gbapp.store import open_database
    from gbapp.ui.dialogs.settings_dialog import SettingsDialog

    text = ("ỦY BAN NHÂN DÂN\nXÃ HƯNG NGUYÊN\nSố: 27/KH-UBND\nHưng Nguyên, ngày 15 tháng 01 năm "
            "2026\nKẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2026\nI. NHIỆM VỤ\n1. Tuyên "
            "truyền. Hội Liên hiệp Phụ nữ xã chủ trì thực hiện. Thời gian: Quý II/2026.\n"
            "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Bình\n")
    db = open_database(tmp_path / "xa.db")
    try:
        from gbapp.services.documents import resolve_plan

        store_plan(db, parse_plan_text(text))
        org, source = organisation_settings(db, resolve_plan(db))
    finally:
        db.close()
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.load(org)
    shown = {name: edit.text() for name, edit in dialog.edits.items()}
    assert source == "plan"
    assert (shown["organisation"], shown["place"], shown["agency_code"]) == (
        "UBND xã Hưng Nguyên", "Hưng Nguyên", "UBND")
    assert "GIÁM ĐỐC" not in shown["signer_authority"] + shown["signer_title"]
    assert shown["parent_agency"] == ""
    dialog.edits["place"].clear()
    assert "Quảng Ngãi" not in dialog.errors()["place"]  # a Nghệ An commune was told so
