"""The Excel working copy, the `gbapp export` command and the styles template."""

from __future__ import annotations

import argparse
import datetime as dt

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from gbapp.exporters.cli import add_export_parser
from gbapp.services.documents import Letterhead, unit_code, vn_date_line

# ---- Excel ------------------------------------------------------------------------------------


def test_workbook_sheets(documents):
    wb = openpyxl.load_workbook(documents["xlsx"])
    assert wb.sheetnames == ["Hoạt động", "Phân công", "Báo cáo tiến độ", "Chỉ tiêu",
                             "Tổng hợp trạng thái", "Chưa báo cáo"]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
        assert all(c.font.bold for c in ws[1])
    acts = wb["Hoạt động"]
    header = [c.value for c in acts[1]]
    assert header[:3] == ["Số hiệu", "Nội dung", "Cơ quan chủ trì"]
    rows = list(acts.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 13
    first = rows[0]
    assert first[0] == "II.1.a" and first[2] == "Sở Nội vụ"
    # Dates are real dates, shown dd/mm/yyyy.
    assert isinstance(first[6], dt.datetime) and first[6].date() == dt.date(2025, 12, 31)
    assert acts.cell(row=2, column=7).number_format == "DD/MM/YYYY"
    statuses = {r[8] for r in rows}
    assert statuses <= {"Chưa triển khai", "Đang thực hiện (trong hạn)",
                        "Quá hạn chưa hoàn thành", "Hoàn thành đúng hạn", "Hoàn thành quá hạn"}
    progress = list(wb["Báo cáo tiến độ"].iter_rows(min_row=2, values_only=True))
    assert progress and all(isinstance(r[9], int) and isinstance(r[10], int) for r in progress)
    totals = {r[0]: r[1] for r in wb["Tổng hợp trạng thái"].iter_rows(min_row=2, values_only=True)}
    assert sum(totals.values()) == 13


# ---- command line -----------------------------------------------------------------------------


def _parser():
    parser = argparse.ArgumentParser(prog="gbapp")
    parser.add_argument("--db")
    sub = parser.add_subparsers(dest="command")
    add_export_parser(sub)
    return parser


@pytest.mark.parametrize("kind,suffix", [("report", ".docx"), ("appendix", ".docx"),
                                         ("plan", ".docx"), ("reminder", ".docx"),
                                         ("xlsx", ".xlsx")])
def test_cli_bare_command_works_on_the_demo(demo_copy, tmp_path, monkeypatch, capsys, kind,
                                            suffix):
    monkeypatch.chdir(tmp_path)
    args = _parser().parse_args(["export", kind, "--db", str(demo_copy)])
    assert args.func(args) == 0
    written = list(tmp_path.glob(f"*{suffix}"))
    assert len(written) == 1
    assert "Đã ghi:" in capsys.readouterr().out


def test_cli_options(demo_copy, tmp_path):
    out = tmp_path / "bc.docx"
    args = _parser().parse_args(["export", "report", "--db", str(demo_copy), "--out", str(out),
                                 "--plan", "93/KH-UBND", "--period", "6 tháng đầu năm 2025",
                                 "--number", "7", "--date", "5/2/2026"])
    assert args.func(args) == 0
    cells = docx.Document(str(out)).tables[0].rows[1].cells
    assert cells[0].text.strip() == "Số: 7/BC-SNV"
    assert cells[1].text == "Quảng Ngãi, ngày 05 tháng 02 năm 2026"


def test_cli_plan_signature_warning_and_options(demo_copy, tmp_path, capsys):
    """The demo plan's copy names the signer only: the export says what is missing, and the
    options complete the block."""
    out = tmp_path / "kh.docx"
    args = _parser().parse_args(["export", "plan", "--db", str(demo_copy), "--out", str(out)])
    assert args.func(args) == 0
    assert "Lưu ý: Khối chữ ký còn thiếu quyền hạn ký" in capsys.readouterr().err
    args = _parser().parse_args(["export", "plan", "--db", str(demo_copy), "--out", str(out),
                                 "--signer-authority", "KT. CHỦ TỊCH",
                                 "--signer-title", "PHÓ CHỦ TỊCH"])
    assert args.func(args) == 0
    assert "Lưu ý" not in capsys.readouterr().err
    signature = docx.Document(str(out)).tables[-1].rows[0].cells[1].text
    assert "KT. CHỦ TỊCH" in signature and "PHÓ CHỦ TỊCH" in signature


def test_cli_db_before_the_subcommand(demo_copy, tmp_path):
    out = tmp_path / "pl.docx"
    args = _parser().parse_args(["--db", str(demo_copy), "export", "appendix", "--out", str(out)])
    assert args.func(args) == 0 and out.exists()


@pytest.mark.parametrize("argv,fragment", [
    (["--period", "Quý IX"], "kỳ báo cáo «Quý IX»"),
    (["--plan", "999/KH-UBND"], "Không tìm thấy kế hoạch"),
    (["--date", "31/02/2025"], "không có thật"),
])
def test_cli_errors_are_one_vietnamese_line(demo_copy, tmp_path, argv, fragment):
    from gbapp.cli import CliError

    args = _parser().parse_args(["export", "report", "--db", str(demo_copy),
                                 "--out", str(tmp_path / "x.docx")] + argv)
    with pytest.raises(CliError) as info:
        args.func(args)
    message = str(info.value)
    assert fragment in message and "\n" not in message and "(" in message
    assert not (tmp_path / "x.docx").exists()


def test_cli_missing_database(tmp_path):
    from gbapp.cli import CliError

    args = _parser().parse_args(["export", "report", "--db", str(tmp_path / "none.db")])
    with pytest.raises(CliError, match="database not found"):
        args.func(args)


# ---- dates, numbers, template -----------------------------------------------------------------


@pytest.mark.parametrize("date,expected", [
    (dt.date(2025, 12, 5), "Quảng Ngãi, ngày 05 tháng 12 năm 2025"),
    (dt.date(2025, 2, 5), "Quảng Ngãi, ngày 05 tháng 02 năm 2025"),
    (dt.date(2025, 1, 15), "Quảng Ngãi, ngày 15 tháng 01 năm 2025"),
    (dt.date(2025, 4, 23), "Quảng Ngãi, ngày 23 tháng 4 năm 2025"),
    (dt.date(2025, 10, 9), "Quảng Ngãi, ngày 09 tháng 10 năm 2025"),
])
def test_date_line_leading_zero_rule(date, expected):
    assert vn_date_line("Quảng Ngãi", date) == expected


def test_number_lines():
    assert Letterhead("Sở Nội vụ", number="15", code="BC-SNV").number_line == "Số: 15/BC-SNV"
    assert Letterhead("Sở Nội vụ", code="BC-SNV").number_line.replace(" ", "") == "Số:/BC-SNV"
    assert unit_code("Lưu: VT, CTTN&BĐG.") == "CTTN&BĐG"
    assert unit_code("Lưu: VT.") == ""


def test_template_styles_and_fonts():
    from gbapp.exporters.make_template import STYLES, template_path

    document = docx.Document(str(template_path()))
    names = {s.name for s in document.styles}
    assert {s.name for s in STYLES} <= names
    styles_el = document.styles.element
    fonts = styles_el.find(qn("w:docDefaults")).find(".//" + qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert fonts.get(qn(attr)) == "Times New Roman"
    # No theme font anywhere in the styles: it would override Times New Roman.
    for el in styles_el.iter(qn("w:rFonts")):
        assert not any(k.endswith("Theme") or k.endswith("theme") for k in el.keys())
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert [round(x.mm) for x in (section.top_margin, section.bottom_margin,
                                   section.left_margin, section.right_margin)] == [20, 20, 30, 15]
    assert section.different_first_page_header_footer
    assert "PAGE" in "".join(t.text or "" for t in section.header._element.iter(qn("w:instrText")))


def test_template_is_reproducible(tmp_path):
    """make_template writes the same styles as the committed file (no drift)."""
    from gbapp.exporters.make_template import build_template, template_path

    fresh = docx.Document(str(build_template(tmp_path / "t.docx")))
    committed = docx.Document(str(template_path()))
    assert fresh.styles.element.xml == committed.styles.element.xml


def test_titles_break_between_phrases():
    from gbapp.exporters.docbuilder import balanced_lines

    lines = balanced_lines("Triển khai thực hiện công tác bình đẳng giới trên địa bàn tỉnh "
                           "Quảng Ngãi năm 2025", 14, 165)
    assert lines == ["Triển khai thực hiện công tác bình đẳng giới",
                     "trên địa bàn tỉnh Quảng Ngãi năm 2025"]
    assert balanced_lines("Báo cáo ngắn", 14, 165) == ["Báo cáo ngắn"]


@pytest.mark.parametrize("organisation", [
    "Sở Nội vụ",
    "Trung tâm Hỗ trợ phát triển phụ nữ, bình đẳng giới và phòng, chống bạo lực trên cơ sở giới "
    "tỉnh Quảng Ngãi",  # wraps in the header column
])
def test_line_under_the_agency_is_a_third_to_a_half_of_its_line(organisation):
    """Decree 30: the rule under the issuing agency is 1/3–1/2 as long as the name's line; a
    name that wraps is as wide as its column."""
    from docx.shared import Mm

    from gbapp.exporters.docbuilder import _AGENCY_PT, CELL_PADDING_MM, DocBuilder
    from gbapp.exporters.metrics import text_width_mm
    from gbapp.services.documents import Letterhead

    builder = DocBuilder()
    builder.header_block(Letterhead(organisation=organisation, code="BC-SNV"))
    left = builder.doc.tables[0].rows[0].cells[0]
    column = builder.text_mm * 0.4 - 2 * CELL_PADDING_MM
    rule = next(p for p in left.paragraphs if p.style.name == "GB Rule")
    fmt = rule.paragraph_format
    width = column - (fmt.left_indent + fmt.right_indent) / Mm(1)
    line = min(column, text_width_mm(organisation.upper(), _AGENCY_PT, bold=True))
    assert line / 3 - 0.5 <= width <= line / 2 + 0.5


@pytest.mark.parametrize("organisation, authority, title, expected", [
    # a collective body signs "TM." its name above the chair (Decree 30)
    ("UBND tỉnh Quảng Ngãi", "KT. Chủ tịch", "Phó Chủ tịch",
     ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ("UBND tỉnh Quảng Ngãi", "", "Chủ tịch", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    ("UBND tỉnh Quảng Ngãi", "TM. Ủy ban nhân dân / KT. Chủ tịch", "Phó Chủ tịch",
     ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    # a department is signed by its head: no "TM."
    ("Sở Nội vụ", "KT. Giám đốc", "Phó Giám đốc", ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),
])
def test_signature_authority_lines(organisation, authority, title, expected):
    from gbapp.exporters.docbuilder import DocBuilder
    from gbapp.services.documents import Letterhead

    builder = DocBuilder()
    builder.signature(Letterhead(organisation=organisation, signer_authority=authority,
                                 signer_title=title, signer="Trần Hoàng Tuấn"))
    right = builder.doc.tables[-1].rows[0].cells[1]
    assert [p.text for p in right.paragraphs if p.text.strip()] == expected + ["Trần Hoàng Tuấn"]
