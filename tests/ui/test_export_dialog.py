"""The export dialog: pre-filled fields, export off the GUI thread, open file/folder, lock."""

from __future__ import annotations

import datetime as dt
import threading

import docx
import pytest
from PySide6.QtCore import Qt

from gbapp.exporters import safe_write
from gbapp.ui import export_dialog as module
from gbapp.ui.export_dialog import ExportDialog, alternative_name


@pytest.fixture
def dialog(ctx, qtbot):
    d = ExportDialog(ctx)
    qtbot.addWidget(d)
    return d


def _export(qtbot, dialog, timeout=60_000):
    with qtbot.waitSignal(dialog.export_finished, timeout=timeout) as blocker:
        dialog.export_button.click()
    return blocker.args[0]


def test_fields_are_prefilled(dialog):
    assert dialog.kind() == "report"
    # the period the overview starts on (the last one due), as no page chose one
    from gbapp.services.overview import default_period
    from gbapp.store import periods

    plist = periods.list_periods(dialog.ctx.db, dialog.ctx.plan_id)
    assert dialog.period_combo.currentText() == default_period(plist, dt.date.today()).name
    assert dialog.period_combo.count() == 3
    assert dialog.date_edit.date() == dt.date.today()
    assert dialog.signer_edit.text().startswith("Nguyễn Văn A")
    assert dialog.authority_edit.text() == "KT. GIÁM ĐỐC"
    assert dialog.title_edit.text() == "PHÓ GIÁM ĐỐC"
    assert dialog.out_edit.text().endswith(".docx")
    assert not dialog.open_file_button.isEnabled()
    dialog.set_kind("plan")
    assert dialog.number_edit.text() == "93"
    assert dialog.date_edit.date() == dt.date(2025, 4, 23)
    assert not dialog.period_combo.isEnabled()
    dialog.set_kind("xlsx")
    assert dialog.out_edit.text().endswith(".xlsx")
    assert dialog.number_edit.text() == ""


def test_export_runs_off_the_gui_thread(dialog, qtbot, tmp_path, monkeypatch):
    threads = []
    real = module.run_export

    def spy(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "run_export", spy)
    dialog.number_edit.setText("15")
    dialog.date_edit.set_date(dt.date(2025, 12, 5))
    dialog.out_edit.setText(str(tmp_path / "bao-cao.docx"))
    paths = _export(qtbot, dialog)
    assert threads and threads[0] is not threading.main_thread()
    assert paths == [tmp_path / "bao-cao.docx"]
    assert dialog.progress.value() == 100
    cells = docx.Document(str(paths[0])).tables[0].rows[1].cells
    assert cells[0].text.strip() == "Số: 15/BC-SNV"
    assert cells[1].text == "Quảng Ngãi, ngày 05 tháng 12 năm 2025"
    assert dialog.open_file_button.isEnabled() and dialog.open_folder_button.isEnabled()
    assert str(tmp_path) in dialog.status_label.text()


def test_warnings_are_shown_whole_without_the_english_gist(dialog, qtbot, tmp_path):
    """A blank authority line: the note names what is missing, brackets included."""
    dialog.authority_edit.setText("")
    dialog.out_edit.setText(str(tmp_path / "bao-cao.docx"))
    _export(qtbot, dialog)
    status = dialog.status_label.text()
    assert "Lưu ý: Khối chữ ký còn thiếu quyền hạn ký (TM./KT.): điền trong" in status, status
    assert "signature block incomplete" not in status


def test_open_file_and_folder(dialog, qtbot, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(module.QDesktopServices, "openUrl", lambda url: opened.append(url))
    dialog.set_kind("appendix")
    dialog.out_edit.setText(str(tmp_path / "phu-luc.docx"))
    _export(qtbot, dialog)
    dialog.open_file_button.click()
    dialog.open_folder_button.click()
    assert [u.toLocalFile() for u in opened] == [str(tmp_path / "phu-luc.docx"), str(tmp_path)]


def test_reminder_agencies_are_chosen(dialog, qtbot, tmp_path):
    from gbapp.domain.text import ascii_letters

    dialog.set_kind("reminder")
    assert dialog.agency_list.count() >= 2
    names = [dialog.agency_list.item(i).text() for i in range(dialog.agency_list.count())]
    assert not any(n.startswith("Sở Nội vụ ") for n in names)  # the sender itself
    for i in range(1, dialog.agency_list.count()):  # keep only the first agency
        dialog.agency_list.item(i).setCheckState(Qt.CheckState.Unchecked)
    dialog.per_agency_check.setChecked(True)
    dialog.out_edit.setText(str(tmp_path / "cv.docx"))
    paths = _export(qtbot, dialog)
    assert len(paths) == 1
    first = names[0].rsplit(" (", 1)[0]
    assert paths[0].name == f"cv - {ascii_letters(first)}.docx"  # no diacritics in file names
    assert not dialog.open_file_button.isEnabled() or len(paths) == 1


def test_locked_file_offers_another_name(dialog, qtbot, tmp_path, monkeypatch, answers):
    target = tmp_path / "bao-cao.docx"
    target.write_bytes(b"open in Word")
    real_replace = safe_write.os.replace

    def replace(src, dst):
        if str(dst) == str(target):
            raise PermissionError(13, "Permission denied", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(safe_write.os, "replace", replace)
    monkeypatch.setattr(module, "ask_overwrite", lambda *_a: "overwrite")  # "Tệp … đã có."
    dialog.out_edit.setText(str(target))
    answers.replies.append(True)  # "Lưu với tên «bao-cao (2).docx»?" — yes
    with qtbot.waitSignal(dialog.export_finished, timeout=60_000) as blocker:
        dialog.export_button.click()
    assert any("đang được mở trong Word" in q for q in answers.asked)
    assert blocker.args[0] == [tmp_path / "bao-cao (2).docx"]
    assert target.read_bytes() == b"open in Word"


def test_failure_is_reported(dialog, qtbot, tmp_path, monkeypatch, answers):
    def boom(*_a, **_k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(module, "run_export", boom)
    dialog.out_edit.setText(str(tmp_path / "x.docx"))
    with qtbot.waitSignal(dialog.export_failed, timeout=30_000) as blocker:
        dialog.export_button.click()
    assert "disk on fire" in blocker.args[0]
    assert answers.errors and "Không xuất được văn bản" in answers.errors[0]
    assert dialog.export_button.isEnabled() and not dialog.is_running()


def test_alternative_name(tmp_path):
    (tmp_path / "a (2).docx").write_bytes(b"")
    assert alternative_name(tmp_path / "a.docx") == tmp_path / "a (3).docx"


def test_reminder_for_a_plan_without_periods_says_so_instead_of_crashing(qtbot, tmp_path,
                                                                          answers):
    """Right after an import there is no reporting period: choosing the reminder letter shows
    what to do in the agency list; an export attempt says it without the English gist."""
    from gbapp.importers import parse_plan_text
    from gbapp.services.importing import store_plan
    from gbapp.store import open_database
    from gbapp.ui.context import AppContext

    db = open_database(tmp_path / "new.db")
    plan_id = store_plan(db, parse_plan_text(
        "KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2025\nI. NHIỆM VỤ\n"
        "1. Tập huấn cán bộ. Sở Nội vụ chủ trì thực hiện.\n2. Hội thi. Tỉnh đoàn chủ trì.\n"))
    ctx = AppContext(db, tmp_path / "new.db")
    ctx.set_plan(plan_id)
    d = ExportDialog(ctx)
    qtbot.addWidget(d)
    d.set_kind("reminder")
    assert d.agency_list.count() == 1
    assert "kỳ báo cáo" in d.agency_list.item(0).text()
    assert "(" not in d.agency_list.item(0).text()[-30:]  # no English gist
    assert d.out_edit.text().endswith(".docx") and "Cong van" in d.out_edit.text()
    d.set_kind("report")
    d.out_edit.setText(str(tmp_path / "bc.docx"))
    with qtbot.waitSignal(d.export_failed, timeout=60_000) as failed:
        d.export_button.click()
    assert "kỳ báo cáo" in failed.args[0] and "reporting period" not in failed.args[0]
    assert answers.errors == [failed.args[0]]
    db.close()


def test_choosing_another_document_clears_the_last_result(dialog, qtbot, tmp_path):
    """After an export, picking another kind of document must not leave 'Đã lưu: …' and an
    'Mở tệp' that would open the previous file."""
    dialog.set_kind("xlsx")
    dialog.out_edit.setText(str(tmp_path / "ban-lam-viec.xlsx"))
    _export(qtbot, dialog)
    assert dialog.open_file_button.isEnabled() and "Đã lưu" in dialog.status_label.text()
    dialog.set_kind("reminder")
    assert not dialog.open_file_button.isEnabled() and not dialog.open_folder_button.isEnabled()
    assert dialog.status_label.text() == "" and dialog.progress.value() == 0
    assert dialog.result_paths == []


def test_the_reminder_list_is_as_of_the_letter_s_date(dialog, qtbot, monkeypatch):
    """Who owes what is counted as of the date typed for the letter, as the letter itself is."""
    calls = []
    real = module.documents.collect_reminder

    def spy(*args, **kwargs):
        calls.append(kwargs.get("today"))
        return real(*args, **kwargs)

    monkeypatch.setattr(module.documents, "collect_reminder", spy)
    dialog.set_kind("reminder")
    dialog.period_combo.setCurrentIndex(dialog.period_combo.findText("Năm 2025"))
    dialog.date_edit.setText("05/12/2025")
    dialog.date_edit.editingFinished.emit()
    assert calls and calls[-1] == dt.date(2025, 12, 5)
    early = [dialog.agency_list.item(i).text() for i in range(dialog.agency_list.count())]
    dialog.date_edit.setText("05/01/2026")  # after the year's due dates: more is overdue
    dialog.date_edit.editingFinished.emit()
    assert calls[-1] == dt.date(2026, 1, 5)
    late = [dialog.agency_list.item(i).text() for i in range(dialog.agency_list.count())]
    assert early != late


def test_the_dialog_starts_on_the_period_the_pages_show(ctx, qtbot):
    """The overview counted the agencies behind for one period and the report for another:
    a period chosen on a page is the dialog's too (else the one the overview starts on)."""
    from gbapp.store import periods
    from gbapp.ui.pages.overview_page import OverviewPage

    plist = periods.list_periods(ctx.db, ctx.plan_id)
    other = next(p for p in plist if p.kind != "year")
    page = OverviewPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.period.setCurrentIndex(page.period.findData(other.id))  # the user picks it
    assert ctx.period_id == other.id
    dialog = ExportDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.period_combo.currentData() == other.id
    ctx.period_id = None
    fresh = ExportDialog(ctx)
    qtbot.addWidget(fresh)
    from gbapp.services.overview import default_period

    overview = OverviewPage(ctx)
    qtbot.addWidget(overview)
    assert fresh.period_combo.currentData() == default_period(plist, dt.date.today()).id
    assert overview.period.currentData() == fresh.period_combo.currentData()


def test_a_period_chosen_on_the_progress_page_is_the_overviews_too(ctx, qtbot):
    from gbapp.store import periods
    from gbapp.ui.pages.overview_page import OverviewPage
    from gbapp.ui.pages.progress_page import ProgressPage

    overview = OverviewPage(ctx)
    qtbot.addWidget(overview)
    overview.show()
    shown_first = overview.period.currentData()
    other = next(p for p in periods.list_periods(ctx.db, ctx.plan_id) if p.id != shown_first)
    progress = ProgressPage(ctx)
    qtbot.addWidget(progress)
    progress.show()
    progress.period.setCurrentIndex(progress.period.findData(other.id))  # the user picks it
    assert ctx.period_id == other.id
    overview.reload()
    assert overview.period.currentData() == other.id


def test_letters_per_agency_ask_before_replacing_earlier_ones(dialog, qtbot, tmp_path, answers):
    """One letter per agency: the files of an earlier export (perhaps edited in Word since)
    were replaced without a word."""
    dialog.set_kind("reminder")
    for i in range(2, dialog.agency_list.count()):  # two agencies
        dialog.agency_list.item(i).setCheckState(Qt.CheckState.Unchecked)
    dialog.per_agency_check.setChecked(True)
    dialog.out_edit.setText(str(tmp_path / "cv.docx"))
    first = _export(qtbot, dialog)
    assert len(first) == 2 and not answers.asked
    for path in first:
        path.write_bytes(b"edited in Word")
    answers.replies.append(False)
    dialog.start_export()
    assert answers.asked and "2 công văn đã có" in answers.asked[-1]
    assert dialog.task is None and all(p.read_bytes() == b"edited in Word" for p in first)
    answers.replies.append(True)
    again = _export(qtbot, dialog)
    assert sorted(again) == sorted(first) and all(p.read_bytes() != b"edited in Word" for p in again)


def test_letters_per_agency_take_no_common_number(dialog, qtbot, tmp_path):
    """Six letters all numbered «Số: 20/…» would be six documents under one number: with one
    letter per agency the number field is off, and each letter is numbered when issued."""
    import docx

    dialog.set_kind("reminder")
    dialog.number_edit.setText("20")
    assert dialog.number_edit.isEnabled()
    dialog.per_agency_check.setChecked(True)
    assert not dialog.number_edit.isEnabled() and "số riêng" in dialog.number_edit.toolTip()
    assert dialog.options().number == ""
    for i in range(2, dialog.agency_list.count()):  # two agencies
        dialog.agency_list.item(i).setCheckState(Qt.CheckState.Unchecked)
    dialog.out_edit.setText(str(tmp_path / "cv.docx"))
    paths = _export(qtbot, dialog)
    assert len(paths) == 2
    for path in paths:
        lines = [p.text for t in docx.Document(str(path)).tables for r in t.rows
                 for c in r.cells for p in c.paragraphs]
        assert not any(line.startswith("Số: 20/") for line in lines)
    dialog.per_agency_check.setChecked(False)
    assert dialog.number_edit.isEnabled() and dialog.options().number == "20"


def test_a_missing_setting_offers_to_open_the_settings(dialog, qtbot, answers, tmp_path):
    # the user was told to close the dialog and find Tệp → Cài đặt, once per missing field
    from gbapp.services.documents import DocumentDataError

    answers.replies.append(True)
    with qtbot.waitSignal(dialog.settings_requested, timeout=5_000):
        dialog._on_failed(DocumentDataError(
            "Cài đặt chưa có địa danh: vào Tệp → Cài đặt để nhập, rồi xuất lại. (no place)"))
    assert "Mở Cài đặt" in answers.asked[-1]


def test_a_commune_plans_signer_fields_come_from_its_plan(qtbot, tmp_path):
    # the dialog filled "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" from the defaults and passed them on to
    # the commune's letter, whatever the documents would have proposed
    from gbapp.importers import parse_plan_text
    from gbapp.services.importing import store_plan
    from gbapp.store import open_database
    from gbapp.ui.context import AppContext

    text = ("ỦY BAN NHÂN DÂN\nXÃ HƯNG NGUYÊN\nSố: 27/KH-UBND\nHưng Nguyên, ngày 15 tháng 01 năm "
            "2026\nKẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2026\nI. NHIỆM VỤ\n1. Tuyên "
            "truyền. Hội Liên hiệp Phụ nữ xã chủ trì thực hiện. Thời gian: Quý II/2026.\n"
            "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Bình\n")
    db = open_database(tmp_path / "xa.db")
    store_plan(db, parse_plan_text(text))
    ctx = AppContext(db, tmp_path / "xa.db")
    dialog = ExportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.set_kind("reminder")
    options = dialog.options()
    assert "GIÁM ĐỐC" not in (options.signer_authority or "") + (options.signer_title or "")
    assert options.signer == "Trần Văn Bình"
    db.close()
