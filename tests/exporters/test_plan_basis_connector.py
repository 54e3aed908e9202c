"""The regenerated plan cites each document as the source plan did, with the word that joins
the document to its subject ("… của UBND tỉnh Lào Cai về công tác …", "… về việc hướng dẫn …"):
the importer used to drop it, and the preamble read "… của UBND tỉnh Lào Cai công tác …"."""

from __future__ import annotations

import docx
import pytest
from export_helpers import export_parsed_plan, run_checker

from gbapp.importers import parse_plan_text

HEADER = """UBND TỈNH LÀO CAI
SỞ NỘI VỤ
Số: 45/KH-SNV
Lào Cai, ngày 15 tháng 01 năm 2026

KẾ HOẠCH
Triển khai công tác bình đẳng giới năm 2026 của Sở Nội vụ

"""
BODY = """
I. MỤC ĐÍCH, YÊU CẦU
Bảo đảm thực hiện hiệu quả.

II. NỘI DUNG
1. Tập huấn nghiệp vụ về bình đẳng giới. Phòng Công tác thanh niên chủ trì. Thời gian: Quý II/2026.

Nơi nhận:
- UBND tỉnh (b/c);
- Lưu: VT.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC

Nguyễn Thị Mai
"""
ONE = ("Thực hiện Kế hoạch số 12/KH-UBND ngày 08/01/2026 của UBND tỉnh Lào Cai về công tác bình "
       "đẳng giới năm 2026, Sở Nội vụ xây dựng Kế hoạch như sau:")
MANY = ("Căn cứ Nghị quyết số 28/NQ-CP ngày 03/3/2021 của Chính phủ ban hành Chiến lược quốc gia về "
        "bình đẳng giới giai đoạn 2021 - 2030;\n"
        "Thực hiện Công văn số 739/BNV-CTTN&BĐG ngày 28/3/2025 của Bộ Nội vụ về việc hướng dẫn triển "
        "khai công tác bình đẳng giới năm 2025 và Kế hoạch số 5/KH-UBND ngày 2/1/2026 của UBND tỉnh "
        "V/v thực hiện công tác bình đẳng giới năm 2026; theo đề nghị của Phòng Công tác thanh niên "
        "tại Tờ trình số 7/TTr-SNV ngày 05/01/2026, Sở Nội vụ xây dựng Kế hoạch như sau:")


def _export(tmp_path, preamble: str):
    parsed = parse_plan_text(HEADER + preamble + "\n" + BODY)
    out = export_parsed_plan(parsed, tmp_path)
    return parsed, out, [p.text for p in docx.Document(str(out)).paragraphs]


def test_the_subject_of_a_cited_plan_keeps_its_connector(tmp_path):
    parsed, out, texts = _export(tmp_path, ONE)
    assert [b.summary for b in parsed.meta.legal_bases] == ["về công tác bình đẳng giới năm 2026"]
    assert ("Thực hiện Kế hoạch số 12/KH-UBND ngày 08/01/2026 của UBND tỉnh Lào Cai về công tác bình "
            "đẳng giới năm 2026; Sở Nội vụ") in "\n".join(texts)
    result = run_checker(out, "plan")
    assert result.returncode == 0, result.stdout


def test_each_citation_keeps_the_connector_it_was_written_with_and_none_is_added(tmp_path):
    parsed, _out, texts = _export(tmp_path, MANY)
    assert [b.summary for b in parsed.meta.legal_bases] == [
        "ban hành Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030",
        "về việc hướng dẫn triển khai công tác bình đẳng giới năm 2025",
        "V/v thực hiện công tác bình đẳng giới năm 2026", ""]
    text = "\n".join(texts)
    assert ("Căn cứ Nghị quyết số 28/NQ-CP ngày 03/03/2021 của Chính phủ ban hành Chiến lược quốc "
            "gia về bình đẳng giới giai đoạn 2021 - 2030;") in text
    assert ("Thực hiện Công văn số 739/BNV-CTTN&BĐG ngày 28/03/2025 của Bộ Nội vụ về việc hướng dẫn "
            "triển khai công tác bình đẳng giới năm 2025 và Kế hoạch số 5/KH-UBND ngày 02/01/2026 của "
            "UBND tỉnh V/v thực hiện công tác bình đẳng giới năm 2026;") in text
    assert " về về " not in text and " về việc về " not in text


@pytest.mark.parametrize("connector", ["về", "về việc", "V/v"])
def test_a_connector_with_no_subject_after_it_is_not_a_subject(connector):
    text = HEADER + (f"Thực hiện Kế hoạch số 12/KH-UBND ngày 08/01/2026 của UBND tỉnh Lào Cai "
                     f"{connector}; Sở Nội vụ xây dựng Kế hoạch như sau:") + "\n" + BODY
    assert [b.summary for b in parse_plan_text(text).meta.legal_bases] == [""]
