"""Task tables in a Word file laid out line by line read as the same table typed with one
paragraph per cell and one row per task: a cell's paragraphs that wrap one name or sentence, a
task going on in rows with no STT (a PDF turned into Word, a row split by hand), its STT cell
merged down over those rows, the header repeated, and the table pasted as paragraphs, one cell
(line) a paragraph. Rows that are tasks of their own stay so."""

from __future__ import annotations

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from gbapp.domain.model import Role
from gbapp.importers import parse_plan_docx, parse_plan_text, plan_to_json

HEAD = ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian", "Sản phẩm"]
# (label, heading) group rows and (label, content, lead, coordinating, time, output) task rows,
# each cell as the lines (paragraphs) it is laid out in
ROWS = [
    ("I", ["CÔNG TÁC TRUYỀN THÔNG"]),
    ("1", ["Tuyên truyền Luật Bình đẳng giới trên báo, đài và", "hệ thống thông tin cơ sở"],
     ["Sở Văn hóa, Thể thao và", "Du lịch"],
     ["Báo Quảng Ngãi", "Đài Phát thanh - Truyền hình tỉnh"], ["Thường xuyên"], ["Tin, bài"]),
    ("2", ["Tổ chức Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên "
           "cơ sở giới", "- Mít tinh hưởng ứng;", "- Treo băng rôn, khẩu hiệu."],
     ["Sở Nội vụ"], ["Hội Liên hiệp Phụ nữ tỉnh", "Tỉnh đoàn"], ["15/11-15/12/2025"],
     ["Báo cáo kết quả"]),
    ("II", ["CÔNG TÁC KIỂM TRA"]),
    ("1", ["Kiểm tra liên ngành việc thực hiện pháp luật về bình đẳng giới tại các xã, phường"],
     ["Sở Lao động -", "Thương binh và Xã hội"], ["Thanh tra tỉnh", "Sở Y tế"], ["Quý III/2025"],
     ["Báo cáo kiểm tra"]),
    ("2", ["Tổng kết công tác bình đẳng giới năm 2025"], ["Sở Nội vụ"], [], ["Tháng 12/2025"],
     ["Báo cáo tổng kết"]),
]


def _opening(doc) -> None:
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = "Số: 12/KH-UBND"
    table.cell(1, 1).text = "Quảng Ngãi, ngày 05 tháng 3 năm 2025"
    for text in ("KẾ HOẠCH", "Thực hiện công tác bình đẳng giới năm 2025", "I. MỤC ĐÍCH, YÊU CẦU",
                 "1. Mục đích", "Nâng cao nhận thức về bình đẳng giới.", "II. NHIỆM VỤ CỤ THỂ"):
        doc.add_paragraph(text)


def _save(doc, path) -> bytes:
    for text in ("III. TỔ CHỨC THỰC HIỆN", "Sở Nội vụ theo dõi, tổng hợp, báo cáo UBND tỉnh.",
                 "Nơi nhận:", "KT. CHỦ TỊCH"):
        doc.add_paragraph(text)
    doc.save(path)
    return path.read_bytes()


def _fill(cell, lines: list[str]) -> None:
    """One paragraph a line: Enter pressed in the cell."""
    cell.text = lines[0] if lines else ""
    for line in lines[1:]:
        cell.add_paragraph(line)


def _one_line(lines: list[str]) -> list[str]:
    """A content cell as typed on one line (its "- …" points on lines of their own)."""
    out: list[str] = []
    for line in lines:
        if out and not line.startswith("-"):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _typed_row(row: tuple) -> tuple:
    """A task row's cells as typed in one paragraph each (the agencies listed with commas)."""
    label, content, lead, coordinating, *rest = row
    return ([label], _one_line(content), [" ".join(lead)],
            [", ".join(coordinating)] if coordinating else [], *rest)


def _task_table(doc, head=HEAD):
    table = doc.add_table(rows=1, cols=len(head))
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = text
    return table


def _group_row(table, label: str, heading: str) -> None:
    cells = table.add_row().cells
    cells[0].text = label
    cells[1].merge(cells[-1]).text = heading


def typed(tmp_path, wrapped: bool) -> bytes:
    """One row a task; each cell typed on one line (*wrapped*: Enter pressed inside cells)."""
    doc = docx.Document()
    _opening(doc)
    table = _task_table(doc)
    for row in ROWS:
        if len(row) == 2:
            _group_row(table, row[0], row[1][0])
            continue
        cells = ([row[0]], *row[1:]) if wrapped else _typed_row(row)
        for cell, lines in zip(table.add_row().cells, cells, strict=True):
            _fill(cell, lines)
    return _save(doc, tmp_path / f"typed-{wrapped}.docx")


def rows_per_line(tmp_path) -> bytes:
    """Each line of a task's cells on a row of its own, the STT on the first only (a PDF
    turned into Word); a header repeated where the page turned."""
    doc = docx.Document()
    _opening(doc)
    table = _task_table(doc)
    for n, row in enumerate(ROWS):
        if n == 4:
            for cell, text in zip(table.add_row().cells, HEAD, strict=True):
                cell.text = text
        if len(row) == 2:
            _group_row(table, row[0], row[1][0])
            continue
        label, *columns = row
        for k in range(max(len(c) for c in columns)):
            cells = table.add_row().cells
            cells[0].text = label if k == 0 else ""
            for cell, lines in zip(cells[1:], columns, strict=True):
                cell.text = lines[k] if k < len(lines) else ""
    return _save(doc, tmp_path / "rows-per-line.docx")


def merged_down(tmp_path) -> bytes:
    """A task's content over two rows, its STT and other cells merged down over both."""
    doc = docx.Document()
    _opening(doc)
    table = _task_table(doc)
    for row in ROWS:
        if len(row) == 2:
            _group_row(table, row[0], row[1][0])
            continue
        label, content, *rest = row
        top = table.add_row().cells
        if len(content) == 1:
            for cell, lines in zip(top, _typed_row(row), strict=True):
                _fill(cell, lines)
            continue
        bottom = table.add_row().cells
        _fill(top[1], content[:1])
        _fill(bottom[1], content[1:])
        for col, lines in enumerate(_typed_row(row)):
            if col != 1:
                _fill(top[col].merge(bottom[col]), lines)
    return _save(doc, tmp_path / "merged.docx")


def paragraph_per_line(tmp_path, numbered: bool = True) -> bytes:
    """The table's text pasted into Word as paragraphs, one line a paragraph."""
    doc = docx.Document()
    _opening(doc)
    for name in HEAD:
        doc.add_paragraph(name)
    for row in ROWS:
        if numbered or len(row) == 2:
            doc.add_paragraph(row[0])
        for lines in row[1:]:
            for line in lines:
                doc.add_paragraph(line)
    return _save(doc, tmp_path / f"paragraphs-{numbered}.docx")


def _items(data: bytes) -> list[dict]:
    return plan_to_json(parse_plan_docx(data))["items"]


@pytest.mark.parametrize("layout", ["wrapped cells", "rows per line", "merged down", "paragraphs"])
def test_a_table_laid_out_line_by_line_reads_as_the_typed_table(tmp_path, layout):
    reference = _items(typed(tmp_path, wrapped=False))
    made = {"wrapped cells": lambda: typed(tmp_path, wrapped=True),
            "rows per line": lambda: rows_per_line(tmp_path),
            "merged down": lambda: merged_down(tmp_path),
            "paragraphs": lambda: paragraph_per_line(tmp_path)}[layout]()
    assert _items(made) == reference


def test_the_reference_table_gives_the_tasks_their_agencies(tmp_path):
    """(the reading the other layouts are held to)"""
    plan = parse_plan_docx(typed(tmp_path, wrapped=False))
    tasks = plan.items[1].children
    assert [(g.label, g.title) for g in tasks] == [("I", "CÔNG TÁC TRUYỀN THÔNG"),
                                                    ("II", "CÔNG TÁC KIỂM TRA")]
    first, second = tasks[0].children
    assert first.title == ("Tuyên truyền Luật Bình đẳng giới trên báo, đài và hệ thống thông tin "
                           "cơ sở")
    assert [(a.name, a.role) for a in first.agencies] == [
        ("Sở Văn hóa, Thể thao và Du lịch", Role.LEAD), ("Báo Quảng Ngãi", Role.COORDINATING),
        ("Đài Phát thanh - Truyền hình tỉnh", Role.COORDINATING)]
    assert second.text == "- Mít tinh hưởng ứng;\n- Treo băng rôn, khẩu hiệu."
    assert not second.children
    assert [a.name for a in second.agencies] == [
        "Sở Nội vụ", "Hội Liên hiệp Phụ nữ tỉnh", "Tỉnh đoàn"]
    check = tasks[1].children[0]
    assert check.agencies[0].name == "Sở Lao động - Thương binh và Xã hội"
    assert check.time_frame.text == "Quý III/2025"


def _custom_table(tmp_path, rows: list[list[str]], name: str) -> list[dict]:
    doc = docx.Document()
    _opening(doc)
    table = _task_table(doc, HEAD[:5])
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            _fill(cell, text.split("\n") if text else [])
    return _items(_save(doc, tmp_path / name))[1]["children"]


def _brief(items: list[dict]) -> list[tuple]:
    return [(it["label"], it["title"], [(a["name"], a["role"]) for a in it.get("agencies", [])],
             _brief(it["children"])) for it in items]


def test_rows_without_a_number_that_are_tasks_of_their_own_stay_tasks(tmp_path):
    """A row with no STT that names its own lead or time, or a new sentence, is a task."""
    got = _custom_table(tmp_path, [
        ["1", "Tổ chức các lớp tập huấn về bình đẳng giới", "Sở Nội vụ", "", "Quý II/2025"],
        ["", "Tập huấn cho cán bộ cấp xã", "Sở Y tế", "", ""],
        ["", "Hội nghị sơ kết", "", "", "Quý III/2025"],
        ["2", "Hội thi tìm hiểu pháp luật", "Tỉnh đoàn", "", "Quý IV/2025"],
    ], "own-tasks.docx")
    assert _brief(got) == [
        ("1", "Tổ chức các lớp tập huấn về bình đẳng giới", [("Sở Nội vụ", "chu_tri")], [
            ("-", "Tập huấn cho cán bộ cấp xã", [("Sở Y tế", "chu_tri")], []),
            ("-", "Hội nghị sơ kết", [], [])]),
        ("2", "Hội thi tìm hiểu pháp luật", [("Tỉnh đoàn", "chu_tri")], [])]


def test_points_under_a_heading_row_stay_tasks(tmp_path):
    """"- …" rows under a numbered heading with no agency are its tasks, not its text; and in a
    table whose rows have no numbers, a "- …" row is its own task."""
    got = _custom_table(tmp_path, [
        ["1", "Công tác truyền thông", "", "", ""],
        ["", "- Tọa đàm về bình đẳng giới", "", "Tỉnh đoàn", ""],
        ["", "- Hội thi tìm hiểu", "", "Sở Tư pháp", ""],
    ], "heading-points.docx")
    assert [(it["label"], it["title"]) for it in got[0]["children"]] == [
        ("-", "Tọa đàm về bình đẳng giới"), ("-", "Hội thi tìm hiểu")]
    got = _custom_table(tmp_path, [
        ["", "- Tuyên truyền trên báo, đài", "Sở Văn hóa, Thể thao và Du lịch", "", "Cả năm"],
        ["", "- Hội thi tìm hiểu", "", "Sở Tư pháp", ""],
    ], "unnumbered.docx")
    assert [it["title"] for it in got] == ["Tuyên truyền trên báo, đài", "Hội thi tìm hiểu"]


def test_a_lead_line_alone_in_a_row_is_no_task(tmp_path):
    """A row holding only more agencies (a cell's line carried to a row of its own) adds them
    to the task above rather than make a task named after an agency."""
    got = _custom_table(tmp_path, [
        ["1", "Tổ chức Tháng hành động", "Sở Nội vụ", "Hội Liên hiệp Phụ nữ tỉnh", "Quý IV/2025"],
        ["", "", "", "Tỉnh đoàn", ""],
        ["2", "Tổng kết", "Sở Nội vụ", "", "Tháng 12/2025"],
    ], "agency-row.docx")
    assert _brief(got) == [
        ("1", "Tổ chức Tháng hành động", [("Sở Nội vụ", "chu_tri"),
                                          ("Hội Liên hiệp Phụ nữ tỉnh", "phoi_hop"),
                                          ("Tỉnh đoàn", "phoi_hop")], []),
        ("2", "Tổng kết", [("Sở Nội vụ", "chu_tri")], [])]


def test_cell_paragraphs_that_are_points_or_names_stay_lines(tmp_path):
    """Only wrapped lines join: "a) …" points, and agencies one a line, stay apart."""
    got = _custom_table(tmp_path, [
        ["1", "Tổ chức truyền thông\na) trên báo in\nb) trên mạng xã hội", "Sở Nội vụ",
         "Sở Y tế\nCông an tỉnh\nBảo hiểm xã hội tỉnh", "Quý II/2025"],
    ], "points.docx")
    assert got[0]["title"] == "Tổ chức truyền thông"
    assert got[0]["text"] == "a) trên báo in\nb) trên mạng xã hội"
    assert [a["name"] for a in got[0]["agencies"]] == [
        "Sở Nội vụ", "Sở Y tế", "Công an tỉnh", "Bảo hiểm xã hội tỉnh"]


def test_a_header_row_marked_to_repeat_and_a_column_number_row(tmp_path):
    doc = docx.Document()
    _opening(doc)
    table = _task_table(doc)
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
    for cell, n in zip(table.add_row().cells, range(1, 7), strict=True):
        cell.text = f"({n})"
    for row in ROWS:
        if len(row) == 2:
            _group_row(table, row[0], row[1][0])
            continue
        for cell, lines in zip(table.add_row().cells, _typed_row(row), strict=True):
            _fill(cell, lines)
    got = _items(_save(doc, tmp_path / "repeat.docx"))
    assert got == _items(typed(tmp_path, wrapped=False))


def test_paragraphs_that_cannot_be_told_apart_are_kept_with_a_warning(tmp_path):
    """Pasted as paragraphs without row numbers: not guessed, kept as text, and said so."""
    plan = parse_plan_docx(paragraph_per_line(tmp_path, numbered=False))
    warnings = [w for w in plan.warnings if "mỗi ô một dòng" in w]
    assert len(warnings) == 1 and "STT | Nội dung | Cơ quan chủ trì" in warnings[0]
    tasks = plan.items[1]
    assert not tasks.children
    assert tasks.text.startswith("STT\nNội dung\nCơ quan chủ trì")
    assert "Tổng kết công tác bình đẳng giới năm 2025" in tasks.text
    assert plan.items[2].title == "TỔ CHỨC THỰC HIỆN"


def test_text_pasted_without_row_numbers_is_kept_not_read_into_its_group_rows():
    """The same lines as text: the group rows "I", "II" have numbers, the tasks none. The
    tasks' lines are no part of the groups' headings: the table is kept, with the warning."""
    lines = ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI", "Số: 12/KH-UBND",
             "Quảng Ngãi, ngày 05 tháng 3 năm 2025", "KẾ HOẠCH",
             "Thực hiện công tác bình đẳng giới năm 2025", "I. MỤC ĐÍCH, YÊU CẦU",
             "Nâng cao nhận thức về bình đẳng giới.", "II. NHIỆM VỤ CỤ THỂ", *HEAD]
    for row in ROWS:
        if len(row) == 2:
            lines.append(row[0])
        lines.extend(line for cell in row[1:] for line in cell)
    lines += ["III. TỔ CHỨC THỰC HIỆN", "Sở Nội vụ theo dõi, tổng hợp, báo cáo UBND tỉnh."]
    plan = parse_plan_text("\n".join(lines) + "\n")
    assert len([w for w in plan.warnings if "mỗi ô một dòng" in w]) == 1
    assert not plan.items[1].children
    assert "CÔNG TÁC TRUYỀN THÔNG\nTuyên truyền" in plan.items[1].text


def test_cells_centred_on_a_later_line_row_join_the_task(tmp_path):
    """A converter puts a short cell on the middle line of its row: the lead and the time on
    the row of the content's second line, the STT on the first."""
    got = _custom_table(tmp_path, [
        ["1", "Tuyên truyền Luật Bình đẳng giới trên báo, đài và", "", "", ""],
        ["", "hệ thống thông tin cơ sở", "Sở Văn hóa, Thể thao và Du lịch", "Báo Quảng Ngãi",
         "Thường xuyên"],
        ["", "", "", "Đài Phát thanh - Truyền hình tỉnh", ""],
        ["2", "Tổng kết công tác bình đẳng giới", "Sở Nội vụ", "", "Tháng 12/2025"],
    ], "centred.docx")
    assert _brief(got) == [
        ("1", "Tuyên truyền Luật Bình đẳng giới trên báo, đài và hệ thống thông tin cơ sở",
         [("Sở Văn hóa, Thể thao và Du lịch", "chu_tri"), ("Báo Quảng Ngãi", "phoi_hop"),
          ("Đài Phát thanh - Truyền hình tỉnh", "phoi_hop")], []),
        ("2", "Tổng kết công tác bình đẳng giới", [("Sở Nội vụ", "chu_tri")], [])]
    assert got[0]["time_frame"]["text"] == "Thường xuyên"
