"""Cài đặt shows the agency code, archive line and signature lines the documents would use for
the organisation typed, and saves them only when the user typed them: a value nobody typed goes
on following the organisation (the defaults' "SNV" and "KT. GIÁM ĐỐC" went out on a Phòng's
letters once Cài đặt had been saved)."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from gbapp.services.documents import organisation_settings
from gbapp.store import open_database, plans
from gbapp.store import settings as org_settings


@pytest.fixture
def db_file(demo_db_file, tmp_path):
    path = tmp_path / "kh93.db"
    shutil.copy(demo_db_file, path)
    # a database whose Cài đặt was never saved (no demo settings)
    db = open_database(path)
    db.execute("DELETE FROM settings WHERE key LIKE 'org.%'")
    db.conn.commit()
    db.close()
    return path


@pytest.fixture
def window(qtbot, db_file):
    from gbapp.ui.app import start

    main = start(db_file)
    qtbot.addWidget(main)
    yield main
    main.close()


def test_typing_another_organisation_refills_what_the_user_did_not_type(qtbot, window,
                                                                       monkeypatch):
    from gbapp.ui.dialogs.settings_dialog import SettingsDialog

    seen = {}

    def fill(dialog):
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.windowHandle().requestActivate()  # as the window manager would
        qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
        seen["before"] = dialog.edits["signer_authority"].text()
        dialog.edits["signer_title"].setFocus()
        dialog.edits["signer_title"].setText("PHÓ TRƯỞNG PHÒNG PHỤ TRÁCH")  # typed by the user
        organisation = dialog.edits["organisation"]
        organisation.setFocus()
        organisation.selectAll()
        organisation.insert("Phòng Văn hóa - Xã hội")  # as Unikey commits it
        qtbot.keyClick(organisation, Qt.Key.Key_Tab)  # leaving the field
        seen["after"] = {name: dialog.edits[name].text() for name in org_settings.FOLLOW_WRITER}
        dialog.edits["place"].setText("Tịnh Hà")
        return 1

    monkeypatch.setattr(SettingsDialog, "exec", fill)
    window.settings_action.trigger()
    assert seen["before"] == "KT. GIÁM ĐỐC"  # the department's, as the defaults' Sở Nội vụ
    assert seen["after"] == {"agency_code": "PVHXH", "archive_line": "Lưu: VT.",
                             "signer_authority": "KT. TRƯỞNG PHÒNG",
                             "signer_title": "PHÓ TRƯỞNG PHÒNG PHỤ TRÁCH"}
    db = window.ctx.db
    saved = org_settings.saved_fields(db)
    assert "signer_title" in saved  # typed: saved
    assert not {"agency_code", "archive_line", "signer_authority"} & saved  # not typed
    org = organisation_settings(db, plans.get(db, window.ctx.plan_id))[0]
    assert (org.organisation, org.agency_code, org.signer_authority, org.signer_title) == (
        "Phòng Văn hóa - Xã hội", "PVHXH", "KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG PHỤ TRÁCH")
    # later renamed (the 2025 reorganisation): what was never typed follows the new name
    org_settings.set_value(db, "org.organisation", "Sở Y tế")
    org = organisation_settings(db, plans.get(db, window.ctx.plan_id))[0]
    assert (org.agency_code, org.signer_authority) == ("SYT", "KT. GIÁM ĐỐC")


def test_a_save_by_an_older_gbapp_is_not_pinned_by_saving_again(qtbot, db_file, monkeypatch):
    """Settings an older gbapp saved all at once (the built-in "SNV" carried along): Cài đặt
    shows the values that follow the organisation, and saving it after another edit must not
    write them as if typed (found in review: a later rename kept the Phòng's code)."""
    from gbapp.ui.app import start
    from gbapp.ui.dialogs.settings_dialog import SettingsDialog

    db = open_database(db_file)
    org_settings.save(db, org_settings.OrgSettings(organisation="Phòng Văn hóa - Xã hội",
                                                   parent_agency="UBND xã Tịnh Hà"))
    db.conn.commit()
    db.close()
    shown = {}

    def fill(dialog):
        shown.update({n: dialog.edits[n].text() for n in org_settings.FOLLOW_WRITER})
        dialog.edits["place"].setText("Tịnh Hà")  # the only edit
        return 1

    monkeypatch.setattr(SettingsDialog, "exec", fill)
    main = start(db_file)
    qtbot.addWidget(main)
    main.settings_action.trigger()
    assert (shown["agency_code"], shown["signer_authority"]) == ("PVHXH", "KT. TRƯỞNG PHÒNG")
    db = main.ctx.db
    assert org_settings.load(db).place == "Tịnh Hà"
    org_settings.set_value(db, "org.organisation", "Sở Y tế")  # renamed later
    org = organisation_settings(db, plans.get(db, main.ctx.plan_id))[0]
    assert (org.agency_code, org.signer_authority) == ("SYT", "KT. GIÁM ĐỐC")
    main.close()
