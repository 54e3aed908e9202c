"""Each official document from the demo database: read back, Decree 30 check, PDF pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from export_helpers import run_checker

from gbapp.domain.dates import format_date


def texts(document) -> list[str]:
    """Every paragraph text in body order, table cells included; the non-breaking hyphens of
    document numbers read as '-', as python-docx reads them ('93/KH-UBND')."""
    hyphen = qn("w:noBreakHyphen")
    return ["".join("-" if t.tag == hyphen else t.text or ""
                    for t in p.iter(qn("w:t"), hyphen))
            for p in document.element.body.iter(qn("w:p"))]


def cell_texts(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


# ---- Decree 30 checker -------------------------------------------------------------------------

@pytest.mark.parametrize("name,kind", [("report", "report"), ("appendix", "appendix"),
                                       ("plan", "plan"), ("letter", "letter")])
def test_nd30check_passes(documents, name, kind):
    result = run_checker(documents[name], kind)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 failed" in result.stdout


# ---- what every document shares ----------------------------------------------------------------

@pytest.mark.parametrize("name", ["report", "appendix", "plan", "letter"])
def test_look_comes_from_styles_not_direct_formatting(documents, name):
    body = docx.Document(str(documents[name])).element.body
    # No Word auto-numbering anywhere: labels are literal text.
    assert body.find(".//" + qn("w:numPr")) is None
    # Runs carry no fonts or sizes of their own: the template's named styles decide.
    for tag in ("w:rFonts", "w:sz"):
        assert body.find(".//" + qn("w:r") + "/" + qn("w:rPr") + "/" + qn(tag)) is None, tag
    # No underline used as the line under names.
    assert body.find(".//" + qn("w:u")) is None


@pytest.mark.parametrize("name", ["report", "plan", "letter"])
def test_header_block_and_signature_are_borderless_tables(documents, name):
    document = docx.Document(str(documents[name]))
    header, signature = document.tables[0], document.tables[-1 if name != "report" else 1]
    for table in (header, signature):
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert borders is not None
        assert {el.get(qn("w:val")) for el in borders} == {"none"}
    left, right = cell_texts(header)[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    assert "Nơi nhận:" in signature.rows[0].cells[0].text
    # Lines under the agency and the motto: bordered paragraphs narrower than their cell.
    rules = [p for p in header.rows[0].cells[0].paragraphs + header.rows[0].cells[1].paragraphs
             if p.style.name == "GB Rule"]
    assert len(rules) == 2
    assert all(p.paragraph_format.left_indent and p.paragraph_format.left_indent > 0
               for p in rules)


def test_all_text_is_nfc_and_clean(documents):
    import unicodedata

    for name in ("report", "appendix", "plan", "letter"):
        for text in texts(docx.Document(str(documents[name]))):
            assert unicodedata.is_normalized("NFC", text)
            assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text)


# ---- the report -------------------------------------------------------------------------------

def test_report_content(documents, demo_copy):
    from gbapp.store import agencies, open_database

    document = docx.Document(str(documents["report"]))
    all_text = texts(document)
    header = cell_texts(document.tables[0])
    assert header[0][0].splitlines() == ["UBND TỈNH QUẢNG NGÃI", "SỞ NỘI VỤ"] or \
        "SỞ NỘI VỤ" in header[0][0]
    assert header[1][0].strip() == "Số: 15/BC-SNV"
    assert header[1][1] == "Quảng Ngãi, ngày 05 tháng 12 năm 2025"
    assert "BÁO CÁO" in all_text
    assert any(t.startswith("Kính gửi: UBND tỉnh Quảng Ngãi") for t in all_text)
    # The body follows the plan's own items with their literal labels.
    assert "I. KẾT QUẢ THỰC HIỆN CÁC NỘI DUNG CỦA KẾ HOẠCH" in all_text
    # the plan's only section with activities is not a "Mục II." line inside "I."
    assert not any(t.startswith("Mục II") for t in all_text)
    assert any(t.startswith("1. Tăng cường công tác quản lý") for t in all_text)
    assert any(t.startswith("a) Tiếp tục triển khai thực hiện Chiến lược") for t in all_text)
    assert any(t.startswith("5. Tổ chức Tháng hành động") for t in all_text)
    # What lead and coordinating agencies reported, with men/women figures.
    assert any(t.startswith("- Sở Nội vụ (chủ trì): Hoàn thành đúng hạn") for t in all_text)
    assert any("(phối hợp): chưa báo cáo." in t for t in all_text)
    assert any(re.search(r"lượt người tham gia \(nam: [\d.]+, nữ: [\d.]+\)", t) for t in all_text)
    # Progress summary, unreported agencies, difficulties and proposals.
    assert "II. TIẾN ĐỘ THỰC HIỆN CHUNG" in all_text
    assert any(t.startswith("- Hoàn thành đúng hạn: ") for t in all_text)
    assert any("chưa báo cáo đủ kết quả thực hiện các nhiệm vụ được phân công năm 2025:" in t
               for t in all_text)  # which period: the pages may show another
    db = open_database(demo_copy)
    try:
        from gbapp.services.documents import collect_report

        data = collect_report(db, None, today=dt.date(2025, 12, 5))
        assert data.unreported
        for name, missing, assigned in data.unreported:
            count = f"{missing} nhiệm vụ" if missing == assigned else f"{missing}/{assigned} nhiệm vụ"
            assert f"- {name} (chưa báo cáo {count});" in all_text or \
                f"- {name} (chưa báo cáo {count})." in all_text
        assert agencies.find_by_name(db, "Sở Nội vụ")
    finally:
        db.close()
    assert "III. ĐÁNH GIÁ CHUNG" in all_text  # the year's report: difficulties are its causes
    assert any(t.startswith("- Kinh phí còn hạn chế") for t in all_text)
    assert any(t.startswith("- Đề nghị bổ sung kinh phí truyền thông") for t in all_text)
    assert any(t.endswith("./.") for t in all_text)
    # Sample data says so.
    assert any("[Dữ liệu mẫu]" in t and t.startswith("Ghi chú") for t in all_text)
    # Signature from settings.
    signature = document.tables[1].rows[0].cells[1].text
    assert "KT. GIÁM ĐỐC" in signature and "PHÓ GIÁM ĐỐC" in signature


def test_report_keeps_a_result_whose_agency_is_no_longer_assigned(demo_copy, tmp_path):
    """Reassigning an activity must not hide what the former lead reported, and the report
    says the activity now has no lead."""
    from gbapp.exporters import ExportOptions, export
    from gbapp.store import open_database

    path = tmp_path / "kh.db"
    shutil.copy(demo_copy, path)
    db = open_database(path)
    try:
        item_id, ref, agency_id, agency = db.execute(
            "SELECT i.id, i.ref, a.agency_id, g.name FROM items i "
            "JOIN assignments a ON a.item_id = i.id AND a.role = 'chu_tri' "
            "JOIN agencies g ON g.id = a.agency_id "
            "JOIN progress_reports p ON p.item_id = i.id AND p.agency_id = a.agency_id "
            "ORDER BY i.sort_path LIMIT 1").fetchone()
        db.execute("DELETE FROM assignments WHERE item_id = ? AND agency_id = ?",
                   [item_id, agency_id])
        out = export(db, "report", tmp_path / "bc.docx",
                     ExportOptions(date=dt.date(2025, 12, 5)))[0]
    finally:
        db.close()
    all_text = texts(docx.Document(str(out)))
    assert any(t.startswith(f"- {agency} (báo cáo): ") for t in all_text)
    assert "- Chưa phân công cơ quan chủ trì." in all_text


def test_report_indicator_appendix_on_landscape(documents):
    document = docx.Document(str(documents["report"]))
    assert len(document.sections) == 2
    assert document.sections[0].orientation == WD_ORIENT.PORTRAIT
    landscape = document.sections[1]
    assert landscape.orientation == WD_ORIENT.LANDSCAPE
    assert landscape.page_width > landscape.page_height
    table = document.tables[-1]
    head = [c.text for c in table.rows[0].cells]
    assert head[:4] == ["STT", "Chỉ tiêu", "Đơn vị", "Mục tiêu"]
    assert head[4].startswith("Thực hiện năm trước") and head[5].startswith("Thực hiện năm nay")
    assert head[6] == "Đánh giá"
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    rows = cell_texts(table)[1:]
    assert len(rows) == 9
    assert rows[0][0] == "1" and "(MT1)" in rows[0][1] and rows[0][3].startswith("≥ 60")
    assert {r[6] for r in rows} <= {"Đạt", "Chưa đạt", "Có nguy cơ không đạt", "Chưa có số liệu"}
    all_text = texts(document)
    at = all_text.index("(Kèm theo Báo cáo số 15/BC-SNV ngày 05/12/2025 của Sở Nội vụ)")
    assert all_text[at - 2:at] == ["Phụ lục I", "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU VỀ BÌNH ĐẲNG GIỚI "
                                                "NĂM 2025"]
    assert all_text.count("Phụ lục I") == 1 and "Phụ lục" not in all_text
    # The body points to the appendix by that same label, in its general progress section.
    refs = [t for t in all_text[:at - 2] if "Phụ lục" in t]
    assert refs == ["Kết quả thực hiện các chỉ tiêu về bình đẳng giới năm 2025 được tổng hợp tại "
                    "Phụ lục I kèm theo Báo cáo này."]
    assert all_text.index("II. TIẾN ĐỘ THỰC HIỆN CHUNG") < all_text.index(refs[0]) \
        < all_text.index("III. ĐÁNH GIÁ CHUNG")



def test_report_without_its_appendix_does_not_point_to_one(demo_copy, tmp_path):
    from gbapp.exporters.report import write_report
    from gbapp.services.documents import collect_report, letterhead_from_settings
    from gbapp.store import open_database

    db = open_database(demo_copy)
    try:
        data = collect_report(db, None, today=dt.date(2025, 12, 5))
        head = letterhead_from_settings(db, type_code="BC", date=dt.date(2025, 12, 5))
    finally:
        db.close()
    document = docx.Document(str(write_report(data, head, tmp_path / "bc.docx",
                                              with_appendix=False)))
    assert len(document.sections) == 1
    assert not any("Phụ lục" in t for t in texts(document))
    # A plan with no indicator: no empty table announced in a document for signing.
    data.indicators = []
    document = docx.Document(str(write_report(data, head, tmp_path / "bc2.docx")))
    assert len(document.sections) == 1
    assert not any("Phụ lục" in t or "chỉ tiêu nào" in t for t in texts(document))

# ---- the assignment appendix ------------------------------------------------------------------

def test_assignment_appendix(documents, demo_copy):
    from gbapp.services.documents import collect_assignments
    from gbapp.store import open_database

    document = docx.Document(str(documents["appendix"]))
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE
    all_text = texts(document)
    # Decree 30 numbers appendices in Roman numerals: 'Phụ lục I', the title in capitals under it.
    assert all_text[:2] == ["Phụ lục I", "PHÂN CÔNG NHIỆM VỤ THỰC HIỆN KẾ HOẠCH"]
    assert document.paragraphs[0].style.name == "GB Appendix Label"
    assert "(Kèm theo Kế hoạch số 93/KH-UBND ngày 23/04/2025 của UBND tỉnh Quảng Ngãi)" in all_text
    table = document.tables[0]
    rows = cell_texts(table)
    assert rows[0] == ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian",
                       "Sản phẩm"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    db = open_database(demo_copy)
    try:
        data = collect_assignments(db, None)
    finally:
        db.close()
    assert len(rows) == 1 + len(data.rows)
    labels = [r[0] for r in rows[1:]]
    assert labels[:4] == ["II", "1", "a", "b"]  # the plan's numbering, literal
    assert rows[1][1] == "NỘI DUNG HOẠT ĐỘNG"
    first_activity = rows[3]
    assert first_activity[1].startswith("Tiếp tục triển khai thực hiện Chiến lược")
    assert first_activity[2] == "Sở Nội vụ"
    assert first_activity[3]  # coordinating agencies
    assert first_activity[4] == "Năm 2025"
    month = [r for r in rows if r[1].startswith("Xây dựng kế hoạch, nội dung, thông điệp")][0]
    assert month[4] == "từ ngày 15/11 đến 15/12/2025"
    assert any("dữ liệu mẫu" in t for t in all_text)
    # A group row (section, numbered item) never ends a page alone: it keeps with its tasks.
    group = table.rows[1].cells[1].paragraphs[0]
    assert group.style.name == "GB Table Group" and group.style.paragraph_format.keep_with_next


# ---- the plan ---------------------------------------------------------------------------------

def test_plan_regenerated(documents):
    document = docx.Document(str(documents["plan"]))
    all_text = texts(document)
    header = cell_texts(document.tables[0])
    assert header[0][0].splitlines()[:2] == ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"]
    assert header[1][0].strip() == "Số: 93/KH-UBND"
    assert header[1][1] == "Quảng Ngãi, ngày 23 tháng 4 năm 2025"
    assert "KẾ HOẠCH" in all_text
    basis = next(t for t in all_text if t.startswith("Thực hiện Công văn số 739/BNV-CTTN&BĐG"))
    assert "ngày 28/03/2025 của Bộ Nội vụ" in basis
    assert "Quyết định số 254/QĐ-UBND ngày 19/04/2021" in basis
    assert "theo đề nghị của Sở Nội vụ tại Tờ trình số 80/TTr-SNV ngày 14/04/2025" in basis
    assert basis.endswith("như sau:")
    for expected in ("I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "2. Yêu cầu", "II. NỘI DUNG HOẠT ĐỘNG"):
        assert expected in all_text
    assert any(t.startswith("a) Tổ chức thực hiện hiệu quả các mục tiêu") for t in all_text)
    assert any(t.startswith("Bảo đảm các mục tiêu, nhiệm vụ, giải pháp") for t in all_text)
    assert any(t.startswith("b) Tổ chức Lễ phát động Tháng hành động") for t in all_text)
    # The cut is shown, nothing invented after it but the assignments (marked as sample data).
    assert any(t.startswith("[...]") for t in all_text)
    assert "III. TỔ CHỨC THỰC HIỆN" in all_text
    assert any(t.startswith("[Dữ liệu mẫu]") for t in all_text)
    assert any(re.match(r"^[a-z]\) Sở Nội vụ: Chủ trì thực hiện điểm a, b, c khoản 1 Mục II", t)
               for t in all_text)
    assert "Trần Hoàng Tuấn" in document.tables[-1].rows[0].cells[1].text


def test_plan_cites_laws_by_name_and_states_outputs_once(demo_copy, tmp_path):
    """A law has no number: "Căn cứ Luật Bình đẳng giới ngày 29/11/2006;". An output the
    activity's text already states is not repeated as "Sản phẩm: …". A signature block without
    authority and title is exported with a warning that says what to fill in."""
    import dataclasses

    from gbapp.domain.model import LegalBasis
    from gbapp.exporters import ExportOptions, export
    from gbapp.store import items, open_database, plans

    path = tmp_path / "kh.db"
    shutil.copy(demo_copy, path)
    db = open_database(path)
    try:
        plan = plans.get(db, plans.latest_id(db))
        law = LegalBasis(doc_type="Luật", summary="Bình đẳng giới",
                         issued_on=dt.date(2006, 11, 29))
        plans.update(db, dataclasses.replace(plan, legal_bases=[law, *plan.legal_bases],
                                             signer_authority="", signer_title=""))
        activity = next(i for i in items.all_items(db, plan.id) if i.is_activity)
        db.execute("UPDATE items SET text = ?, output = ? WHERE id = ?",
                   ["Sản phẩm: Lớp tập huấn.", "Lớp tập huấn", activity.id])
        options = ExportOptions()
        out = export(db, "plan", tmp_path / "kh.docx", options)[0]
    finally:
        db.close()
    all_text = texts(docx.Document(str(out)))
    assert "Căn cứ Luật Bình đẳng giới ngày 29/11/2006;" in all_text
    assert sum(t.count("Lớp tập huấn") for t in all_text) == 1
    assert options.warnings and "quyền hạn ký (TM./KT.)" in options.warnings[0]
    assert "chức vụ người ký" in options.warnings[0]


def test_emoji_in_the_data_is_pointed_out_not_printed_silently(demo_copy, tmp_path):
    """Text pasted from a phone may carry emoji, which Times New Roman lacks: the export says
    where, so the clerk fixes the data before signing; a clean document gets no such note."""
    from gbapp.exporters import ExportOptions, export
    from gbapp.store import items, open_database, plans

    path = tmp_path / "kh.db"
    shutil.copy(demo_copy, path)
    db = open_database(path)
    try:
        plan_id = plans.latest_id(db)
        clean = ExportOptions()
        export(db, "plan", tmp_path / "clean.docx", clean)
        activity = next(i for i in items.all_items(db, plan_id) if i.is_activity)
        db.execute("UPDATE items SET title = ? WHERE id = ?",
                   ["Tập huấn cho cán bộ cơ sở \u2705 đã xong \U0001F44D", activity.id])
        options = ExportOptions()
        out = export(db, "plan", tmp_path / "kh.docx", options)[0]
    finally:
        db.close()
    assert not any("emoji" in w for w in clean.warnings)
    assert any("\u2705" in t for t in texts(docx.Document(str(out))))  # printed, nothing lost
    note = next(w for w in options.warnings if "emoji" in w)
    assert "cán bộ cơ sở \u2705 đã xong" in note, note


def test_plan_reimports_to_the_same_tree(documents, demo_copy):
    """An imported plan exported again reads like the original: same labels and titles."""
    from gbapp.importers import read_plan
    from gbapp.store import items, open_database

    parsed = read_plan(documents["plan"])
    db = open_database(demo_copy)
    try:
        stored = items.all_items(db, 1)
    finally:
        db.close()
    again = [(item.label, item.title) for _, item in parsed.walk()]
    original = [(it.source_label or it.label, it.title) for it in stored]
    assert again[:len(original)] == original
    assert parsed.meta.number == "93/KH-UBND"
    assert parsed.meta.issued_on == dt.date(2025, 4, 23)


# ---- the reminder letter ----------------------------------------------------------------------

def test_reminder_letter(documents, demo_copy):
    from gbapp.services.documents import collect_reminder
    from gbapp.store import open_database

    document = docx.Document(str(documents["letter"]))
    all_text = texts(document)
    header = cell_texts(document.tables[0])
    assert header[1][0].splitlines()[0].strip() == "Số: 15/SNV-CTTN&BĐG"
    assert "V/v đôn đốc" in header[1][0]
    assert "Kính gửi:" in all_text
    db = open_database(demo_copy)
    try:
        data = collect_reminder(db, None, today=dt.date(2025, 12, 5))
    finally:
        db.close()
    assert data.agencies and all(e.agency != "Sở Nội vụ" for e in data.agencies)
    for i, entry in enumerate(data.agencies, start=1):
        end = "." if i == len(data.agencies) else ";"
        assert f"- {entry.agency}{end}" in all_text
        assert f"{i}. {entry.agency}" in all_text
    assert any("chưa báo cáo kết quả" in t for t in all_text)
    assert any(t.endswith("./.") for t in all_text)


def test_reminder_one_letter_per_agency(demo_copy, tmp_path):
    from gbapp.domain.text import ascii_letters
    from gbapp.exporters import ExportOptions, export
    from gbapp.store import open_database

    db = open_database(demo_copy)
    try:
        files = export(db, "reminder", tmp_path / "cv.docx",
                       ExportOptions(per_agency=True, today=dt.date(2025, 12, 5)))
    finally:
        db.close()
    assert len(files) >= 2
    for path in files:
        assert path.exists() and path.name.startswith("cv - ")
        agency = path.stem.split(" - ", 1)[1]  # the name without diacritics
        all_text = texts(docx.Document(str(path)))
        addressed = [t for t in all_text if t.startswith("Kính gửi: ")]
        assert len(addressed) == 1 and ascii_letters(addressed[0]) == f"Kinh gui: {agency}."
        assert agency.isascii()
        assert run_checker(path, "letter").returncode == 0


def test_documents_speak_as_of_their_own_date(demo_copy, tmp_path):
    """Given only the document's date (the clerk's choice in the dialog), "Đến ngày …", the
    statuses and the reply deadline follow it, not the computer's clock."""
    from gbapp.exporters import ExportOptions, export
    from gbapp.store import open_database

    dated = dt.date(2025, 12, 5)
    db = open_database(demo_copy)
    try:
        report = export(db, "report", tmp_path / "bc.docx", ExportOptions(date=dated))[0]
        letter = export(db, "reminder", tmp_path / "cv.docx", ExportOptions(date=dated))[0]
    finally:
        db.close()
    report_text = "\n".join(texts(docx.Document(str(report))))
    assert "Đến ngày 05/12/2025" in report_text
    assert dt.date.today() == dated or format_date(dt.date.today()) not in report_text
    letter_text = "\n".join(texts(docx.Document(str(letter))))
    assert "Qua theo dõi đến ngày 05/12/2025" in letter_text
    assert "trước ngày 12/12/2025" in letter_text


# ---- PDF: what a person will print ------------------------------------------------------------

def _pdf_pages(pdf) -> list[tuple[float, float]]:
    """(width, height) in points of every page."""
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True,
                             text=True, check=True).stdout
        return [(float(w), float(h)) for w, h in
                re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out)]
    data = pdf.read_bytes()
    return [(0.0, 0.0)] * len(re.findall(rb"/Type\s*/Page[^s]", data))


def test_pdf_page_counts(documents, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    names = ["report", "appendix", "plan", "letter"]
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path)] + [str(documents[n]) for n in names],
                   check=True, capture_output=True, timeout=300)
    pages = {n: _pdf_pages(tmp_path / (documents[n].stem + ".pdf")) for n in names}
    assert 3 <= len(pages["report"]) <= 15, pages["report"]
    assert 1 <= len(pages["appendix"]) <= 8
    assert 2 <= len(pages["plan"]) <= 10
    assert 1 <= len(pages["letter"]) <= 8
    if pages["appendix"][0] != (0.0, 0.0):
        assert all(w > h for w, h in pages["appendix"])  # landscape
        assert pages["report"][0][0] < pages["report"][0][1]  # portrait report …
        assert pages["report"][-1][0] > pages["report"][-1][1]  # … with a landscape appendix


def test_report_of_another_province_is_not_headed_with_the_default_province(tmp_path):
    """A fresh database whose organisation was never set: the report's parent agency and place
    follow the plan's issuer (not the defaults' Quảng Ngãi), and the export says so."""
    from gbapp.domain.entities import Period
    from gbapp.exporters import ExportOptions, export
    from gbapp.importers import parse_plan_text
    from gbapp.services.importing import store_plan
    from gbapp.store import open_database, periods, settings

    text = ("ỦY BAN NHÂN DÂN\nTỈNH GIA LAI\nSố: 215/KH-UBND\nGia Lai, ngày 20 tháng 01 năm 2026\n"
            "KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2026\nI. NHIỆM VỤ\n"
            "1. Tập huấn cán bộ. Sở Nội vụ chủ trì thực hiện. Thời gian: Quý II/2026.\n")
    db = open_database(tmp_path / "gl.db")
    try:
        plan_id = store_plan(db, parse_plan_text(text))
        periods.save(db, Period(plan_id=plan_id, name="Năm 2026", kind="year",
                                start_on=dt.date(2026, 1, 1), end_on=dt.date(2026, 12, 31),
                                due_on=dt.date(2026, 12, 15)))
        options = ExportOptions(date=dt.date(2026, 12, 5))
        out = export(db, "report", tmp_path / "bc.docx", options)[0]
        all_text = " ".join(texts(docx.Document(str(out))))
        assert "UBND TỈNH GIA LAI" in all_text and "Gia Lai, ngày 05 tháng 12 năm 2026" in all_text
        assert "Quảng Ngãi" not in all_text
        assert any("Chưa khai báo cơ quan" in w and "UBND tỉnh Gia Lai" in w
                   and "theo kế hoạch" in w for w in options.warnings)
        # once saved in Cài đặt, the settings rule and nothing is guessed
        settings.save(db, dataclasses.replace(settings.load(db), parent_agency="UBND tỉnh Kon Tum",
                                              place="Kon Tum"))
        options = ExportOptions(date=dt.date(2026, 12, 5))
        out = export(db, "report", tmp_path / "bc2.docx", options)[0]
        assert "UBND TỈNH KON TUM" in " ".join(texts(docx.Document(str(out))))
        assert not any("Chưa khai báo cơ quan" in w for w in options.warnings)
    finally:
        db.close()


@pytest.mark.parametrize(("issuer", "province"), [
    ("UBND tỉnh Gia Lai", "UBND tỉnh Gia Lai"),
    ("Sở Y tế tỉnh Lào Cai", "UBND tỉnh Lào Cai"),
    ("UBND thành phố Cần Thơ", "UBND thành phố Cần Thơ"),
    ("Sở Y tế Thành phố Hồ Chí Minh", "UBND Thành phố Hồ Chí Minh"),
    ("UBND thành phố Hồ Chí Minh", "UBND Thành phố Hồ Chí Minh"),
    ("UBND thành phố Hà Tĩnh", None),  # a provincial city, not a province
    ("UBND xã Bình Sơn", None),
    ("Đảng ủy xã Tịnh Khê", None),
    ("", None),
])
def test_the_province_of_a_plan_issuer(issuer, province):
    from gbapp.services.documents import _province_of

    assert _province_of(issuer) == province


def test_output_line_is_kept_when_the_title_only_uses_its_words(demo_copy, tmp_path):
    """'Tổng hợp báo cáo …' with product 'Báo cáo': the product is printed."""
    from gbapp.exporters import export
    from gbapp.store import items, open_database, plans

    path = tmp_path / "kh.db"
    shutil.copy(demo_copy, path)
    db = open_database(path)
    try:
        activity = next(i for i in items.all_items(db, plans.latest_id(db)) if i.is_activity)
        db.execute("UPDATE items SET title = ?, text = '', output = ? WHERE id = ?",
                   ["Tổng hợp báo cáo kết quả thực hiện", "Báo cáo", activity.id])
        out = export(db, "plan", tmp_path / "kh.docx")[0]
    finally:
        db.close()
    assert "Sản phẩm: Báo cáo." in texts(docx.Document(str(out)))


def _letter_due_15_12(demo_copy, tmp_path, date: dt.date) -> str:
    """The reminder's text for the year 2025 (due 15/12/2025), written on *date*."""
    from gbapp.exporters import ExportOptions, export
    from gbapp.store import open_database

    path = tmp_path / "d.db"
    shutil.copy(demo_copy, path)
    db = open_database(path)
    try:
        db.execute("UPDATE periods SET due_on = '2025-12-15' WHERE name = 'Năm 2025'")
        letter = export(db, "reminder", tmp_path / "cv.docx",
                        ExportOptions(date=date, period="Năm 2025"))[0]
    finally:
        db.close()
    return "\n".join(texts(docx.Document(str(letter))))


def test_reminder_never_asks_for_the_report_before_its_own_due_date(demo_copy, tmp_path):
    """The letter quotes the period's deadline; its 'gửi … trước ngày' is not a week from the
    letter when that falls earlier (it said 'hạn … 15/12' and then 'trước ngày 06/12')."""
    text = _letter_due_15_12(demo_copy, tmp_path, dt.date(2025, 11, 29))
    assert "về Sở Nội vụ trước ngày 15/12/2025." in text
    assert "trước ngày 15/12/2025" in text and "trước ngày 06/12/2025" not in text


def test_a_reminder_sent_after_the_deadline_says_it_has_passed(demo_copy, tmp_path):
    """A letter dated after the period's due date quotes it as passed, then sets the new one."""
    text = _letter_due_15_12(demo_copy, tmp_path, dt.date(2026, 1, 10))
    assert "về Sở Nội vụ trước ngày 15/12/2025 (đã quá hạn)." in text
    assert "trước ngày 17/01/2026" in text


CITED = """ỦY BAN NHÂN DÂN
TỈNH BÌNH ĐỊNH
Số: 12/KH-UBND
Bình Định, ngày 3 tháng 2 năm 2026
KẾ HOẠCH
Thực hiện công tác bình đẳng giới năm 2026
Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006; Luật Phòng, chống bạo lực gia đình năm 2022;
Căn cứ Quyết định số 254/QĐ-UBND ngày 10/3/2025 của UBND tỉnh về việc ban hành kế hoạch hành động;
Căn cứ tình hình thực tế, theo đề nghị của Sở Tư pháp tại Tờ trình số 7/TTr-STP ngày 2/1/2026;
Thực hiện Công văn số 739/BNV-CTTN&BĐG ngày 28/3/2025 của Bộ Nội vụ về việc hướng dẫn triển khai \
công tác năm 2025 và Kế hoạch số 5/KH-BNV ngày 2/1/2026 của Bộ Nội vụ, theo đề nghị của Sở Nội vụ \
tại Tờ trình số 80/TTr-SNV ngày 14/4/2025, UBND tỉnh ban hành Kế hoạch như sau:
I. NHIỆM VỤ
1. Tập huấn cho cán bộ. Sở Nội vụ chủ trì.
2. Hội thi tìm hiểu pháp luật. Sở Y tế chủ trì.
"""


def test_a_reissued_plan_cites_each_document_as_the_plan_did(tmp_path):
    """"Căn cứ Quyết định…" stays "Căn cứ" (it came out as "Thực hiện" from the type alone);
    documents joined by "và" share their verb; a basis typed without one goes by its type."""
    import dataclasses

    from gbapp.domain.model import LegalBasis
    from gbapp.exporters import ExportOptions, export
    from gbapp.importers import parse_plan_text
    from gbapp.services.importing import store_plan
    from gbapp.store import open_database, plans

    parsed = parse_plan_text(CITED)
    assert [(b.verb, b.number or b.summary) for b in parsed.meta.legal_bases] == [
        ("Căn cứ", "Bình đẳng giới"), ("Căn cứ", "Phòng, chống bạo lực gia đình năm 2022"),
        ("Căn cứ", "254/QĐ-UBND"), ("", "7/TTr-STP"), ("Thực hiện", "739/BNV-CTTN&BĐG"),
        ("Thực hiện", "5/KH-BNV"), ("", "80/TTr-SNV")]
    db = open_database(tmp_path / "c.db")
    try:
        plan_id = store_plan(db, parsed)
        plan = plans.get(db, plan_id)
        typed = [LegalBasis(doc_type="Nghị định", number="1/2026/NĐ-CP"),  # no verb: a statute
                 LegalBasis(doc_type="Chỉ thị", number="21-CT/TW", verb="căn cứ vào")]
        plans.update(db, dataclasses.replace(plan, legal_bases=[*plan.legal_bases, *typed]))
        out = export(db, "plan", tmp_path / "kh.docx", ExportOptions())[0]
    finally:
        db.close()
    all_text = texts(docx.Document(str(out)))
    assert "Căn cứ Quyết định số 254/QĐ-UBND ngày 10/03/2025 của UBND tỉnh về việc ban hành kế " \
           "hoạch hành động;" in all_text
    assert "Căn cứ Nghị định số 1/2026/NĐ-CP;" in all_text
    assert "Căn cứ Chỉ thị số 21-CT/TW;" in all_text
    closing = next(t for t in all_text if "739/BNV" in t)
    assert closing.startswith("Thực hiện Công văn số 739/BNV-CTTN&BĐG ngày 28/03/2025 của Bộ Nội "
                              "vụ về việc hướng dẫn triển khai công tác năm 2025 và Kế hoạch số 5/KH-BNV "
                              "ngày 02/01/2026 của Bộ Nội vụ; theo đề nghị của Sở Tư pháp tại Tờ "
                              "trình số 7/TTr-STP ngày 02/01/2026; theo đề nghị của Sở Nội vụ tại "
                              "Tờ trình số 80/TTr-SNV ngày 14/04/2025;")
    assert " và và " not in closing and "Quyết định" not in closing


def test_no_document_without_an_issuing_agency_or_a_place(tmp_path, demo_db_file):
    """A report 'của ./.' or dated ', ngày …' with no place must not be written."""
    import shutil
    from dataclasses import replace

    from gbapp.exporters import ExportOptions, export
    from gbapp.services.documents import DocumentDataError
    from gbapp.store import open_database, settings

    path = tmp_path / "demo.db"
    shutil.copy(demo_db_file, path)
    db = open_database(path)
    try:
        settings.save(db, replace(settings.load(db), organisation=" "))
        with pytest.raises(DocumentDataError, match="cơ quan ban hành văn bản.*Cài đặt"):
            export(db, "report", tmp_path / "bc.docx", ExportOptions(date=dt.date(2025, 6, 15)))
        assert not (tmp_path / "bc.docx").exists()
        settings.save(db, replace(settings.load(db), organisation="Sở Nội vụ", place=""))
        with pytest.raises(DocumentDataError, match="địa danh"):
            export(db, "reminder", tmp_path / "cv.docx", ExportOptions(date=dt.date(2025, 6, 15)))
    finally:
        db.close()


@pytest.mark.parametrize("kind", ["report", "letter"])
def test_the_closing_sentence_stays_with_the_signature(documents, kind):
    """The last body paragraph ends './.', and keeps with the signature block after it: a
    signature alone on a page, with no text above it, is not accepted."""
    document = docx.Document(str(documents[kind]))
    body = document.element.body
    signature = next(t for t in body.iterchildren(qn("w:tbl"))
                     if "Nơi nhận:" in "".join(x.text or "" for x in t.iter(qn("w:t"))))
    closing = signature.getprevious()
    while closing.tag != qn("w:p") or not "".join(x.text or "" for x in closing.iter(qn("w:t"))):
        closing = closing.getprevious()
    text = "".join(x.text or "" for x in closing.iter(qn("w:t")))
    assert text.endswith("./.")
    paragraph = next(p for p in document.paragraphs if p._p is closing)
    assert paragraph.paragraph_format.keep_with_next is True
    if kind == "report":  # one "của" for the organisation, not "… năm 2025 của Sở Nội vụ./."
        assert text.startswith("Trên đây là báo cáo của Sở Nội vụ về kết quả thực hiện Kế hoạch")
        assert not text.endswith("của Sở Nội vụ./.")


def test_a_long_task_is_shortened_where_a_clause_ends():
    from gbapp.exporters.reminder import shorten

    long = ("Tăng cường và đa dạng hóa các hoạt động truyền thông, nâng cao nhận thức, chuyển "
            "đổi hành vi về bình đẳng giới trong các tầng lớp Nhân dân, quan tâm đến việc tiếp "
            "cận của các nhóm người yếu thế; mở rộng công tác giáo dục về bình đẳng giới")
    short = shorten(long, 180)
    assert short == ("Tăng cường và đa dạng hóa các hoạt động truyền thông, nâng cao nhận thức, "
                     "chuyển đổi hành vi về bình đẳng giới trong các tầng lớp Nhân dân…")
    assert shorten("Tổ chức hội thi.", 180) == "Tổ chức hội thi"
    no_clause = "Tổ chức " + "hội thi tìm hiểu pháp luật " * 10
    assert shorten(no_clause, 60).endswith("…") and len(shorten(no_clause, 60)) <= 61


def test_a_report_dated_before_results_were_completed_says_so(demo_copy, tmp_path):
    """gbapp keeps each agency's latest report: a report written for an earlier date shows
    results completed after it, beside statuses of its own date. The export says so."""
    from gbapp.exporters import ExportOptions, export
    from gbapp.store import open_database

    db = open_database(demo_copy)
    try:
        early = ExportOptions(date=dt.date(2025, 6, 15))
        export(db, "report", tmp_path / "early.docx", early)
        late = ExportOptions(date=dt.date(2025, 12, 5))
        export(db, "report", tmp_path / "late.docx", late)
    finally:
        db.close()
    notes = [w for w in early.warnings if "hoàn thành sau ngày văn bản 15/06/2025" in w]
    assert len(notes) == 1 and "Hãy kiểm tra ngày văn bản" in notes[0]
    assert not any("sau ngày văn bản" in w for w in late.warnings)
