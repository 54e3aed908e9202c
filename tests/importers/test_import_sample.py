"""Plan 93/KH-UBND Quảng Ngãi 2025: the answer key of /work/shared/domain/README.md."""

import datetime as dt
import json
import shutil
import unicodedata
from pathlib import Path

import pytest

from gbapp.domain.model import ItemKind
from gbapp.importers import (
    PlanImportError,
    parse_plan_docx,
    parse_plan_text,
    plan_to_json,
    read_plan,
)

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared" / "domain"
DEMO_TXT = REPO / "resources" / "demo" / "plan93_quangngai_2025.txt"
SHARED_TXT = SHARED / "plan93_quangngai_2025.txt"
# The real word-processor file of the sample, kept beside the tests (shared/ holds the original).
SHARED_DOCX = REPO / "tests" / "fixtures" / "plan93_autonumbered_libreoffice.docx"

TITLE = "Triển khai thực hiện công tác bình đẳng giới trên địa bàn tỉnh Quảng Ngãi năm 2025"


def shape(items):
    return [(it["label"], it["title"], it["text"], shape(it["children"])) for it in items]


@pytest.fixture(scope="module")
def plan93():
    return read_plan(DEMO_TXT)


def test_tree_matches_answer_key(plan93):
    sections = plan93.items
    assert [(s.kind, s.label, s.title) for s in sections] == [
        (ItemKind.ROMAN, "I", "MỤC ĐÍCH, YÊU CẦU"), (ItemKind.ROMAN, "II", "NỘI DUNG HOẠT ĐỘNG")]
    assert [len(s.children) for s in sections] == [2, 5]
    assert [len(n.children) for s in sections for n in s.children] == [2, 0, 3, 4, 2, 2, 2]
    assert [n.label for n in sections[1].children] == ["1", "2", "3", "4", "5"]
    assert [p.label for p in sections[1].children[1].children] == ["a", "b", "c", "d"]
    assert all(p.kind is ItemKind.LETTER for s in sections for n in s.children for p in n.children)
    req = sections[0].children[1]
    assert (req.title, req.text[:38]) == ("Yêu cầu", "Bảo đảm các mục tiêu, nhiệm vụ, giải p")
    assert req.text.endswith("việc thực hiện công tác bình đẳng giới.")
    assert sections[0].children[0].children[0].title.startswith("Tổ chức thực hiện hiệu quả")
    assert sections[0].children[0].children[0].text == ""


def test_time_frames(plan93):
    ii5 = plan93.items[1].children[4]
    assert ii5.time_frame.text == "từ ngày 15/11 đến 15/12/2025"
    assert (ii5.time_frame.start, ii5.time_frame.end) == (dt.date(2025, 11, 15), dt.date(2025, 12, 15))
    # nothing else in the sample states a time frame ("đến năm 2030" is not one)
    others = [it for _, it in plan93.walk() if it.time_frame is not None]
    assert others == [ii5]


def test_no_invented_agencies(plan93):
    assert all(not it.agencies for _, it in plan93.walk())


def test_metadata(plan93):
    m = plan93.meta
    assert (m.number, m.doc_type, m.issuer, m.place) == ("93/KH-UBND", "KH", "UBND tỉnh Quảng Ngãi", "Quảng Ngãi")
    assert m.issued_on == m.effective_on == dt.date(2025, 4, 23)
    assert m.signer == "Trần Hoàng Tuấn"
    assert m.domain_field == "Văn hóa - Xã hội"
    assert m.title == TITLE
    assert m.year == 2025
    assert m.truncated is True
    assert any("[...]" in w for w in plan93.warnings)
    assert m.recipients == []


def test_legal_bases(plan93):
    got = [(b.doc_type, b.number, b.issued_on, b.issuer) for b in plan93.meta.legal_bases]
    assert got == [
        ("Công văn", "739/BNV-CTTN&BĐG", dt.date(2025, 3, 28), "Bộ Nội vụ"),
        ("Quyết định", "254/QĐ-UBND", dt.date(2021, 4, 19), "UBND tỉnh"),
        ("Tờ trình", "80/TTr-SNV", dt.date(2025, 4, 14), "Sở Nội vụ"),
    ]
    assert plan93.meta.legal_bases[0].summary.startswith("về việc hướng dẫn triển khai công tác bình đẳng giới")
    assert "Chiến lược quốc gia" in plan93.meta.legal_bases[1].summary


def test_json_shape(plan93):
    j = plan_to_json(plan93)
    assert set(j) == {"plan", "items"}
    p = j["plan"]
    assert {k: p[k] for k in ("number", "doc_type", "issued_on", "place", "issuer", "signer", "title")} == {
        "number": "93/KH-UBND", "doc_type": "KH", "issued_on": "2025-04-23", "place": "Quảng Ngãi",
        "issuer": "UBND tỉnh Quảng Ngãi", "signer": "Trần Hoàng Tuấn", "title": TITLE}
    assert [(b["number"], b["issued_on"]) for b in p["legal_bases"]] == [
        ("739/BNV-CTTN&BĐG", "2025-03-28"), ("254/QĐ-UBND", "2021-04-19"), ("80/TTr-SNV", "2025-04-14")]
    first = j["items"][0]
    assert (first["label"], first["title"], first["text"]) == ("I", "MỤC ĐÍCH, YÊU CẦU", "")
    assert "agencies" not in first and "time_frame" not in first
    ii5 = j["items"][1]["children"][4]
    assert ii5["time_frame"] == {"text": "từ ngày 15/11 đến 15/12/2025", "start": "2025-11-15", "end": "2025-12-15"}
    import json
    json.dumps(j, ensure_ascii=False)  # serialisable


def test_shared_copy_is_the_same_plan(plan93):
    assert shape(plan_to_json(read_plan(SHARED_TXT))["items"]) == shape(plan_to_json(plan93)["items"])


def test_parse_text_equals_read_plan(plan93):
    text = DEMO_TXT.read_text(encoding="utf-8")
    assert plan_to_json(parse_plan_text(text)) == plan_to_json(plan93)


def _cp1258(text: str) -> bytes:
    """Windows Vietnamese: precomposed base letters, tone marks as combining characters."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            tone = next(c for c in d if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", d.replace(tone, ""))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1258"])
def test_encodings(tmp_path, plan93, encoding):
    text = DEMO_TXT.read_text(encoding="utf-8").replace("\n", "\r\n")
    target = tmp_path / f"plan.{encoding}.txt"
    target.write_bytes(_cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    assert shape(plan_to_json(read_plan(target))["items"]) == shape(plan_to_json(plan93)["items"])
    assert read_plan(target).meta.title == TITLE


# The heading of a plan typed with the legacy TCVN3 (ABC) and VNI fonts, as bytes.
TCVN3 = (b"UBND T\xd8NH H\xa6ng Y\xaan\nC\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam\n"
         b"S\xe8: 56/KH-UBND\n\nk\xd5 ho\xb9ch\nTh\xf9c hi\xd6n c\xabng t\xb8c b\xd7nh \xae\xbcng "
         b"gi\xedi n\xa8m 2025\n\nI. M\xf4c \xae\xddch, y\xaau c\xc7u\n1. M\xf4c \xae\xddch\n")
VNI = (b"U\xdbY BAN NHA\xc2N DA\xc2N T\xc6NH H\xd6NG YE\xc2N\nCo\xe4ng ho\xf8a xa\xf5 ho\xe4i "
       b"chu\xfb ngh\xf3a Vie\xe4t Nam\nSo\xe1: 56/KH-UBND\n\nKE\xc1 HOA\xcfCH\n"
       b"Th\xf6\xefc hie\xe4n "
       b"co\xe2ng ta\xf9c\n\nI. Mu\xefc \xf1i\xf9ch\n1. Mu\xefc \xf1i\xf9ch\n")


@pytest.mark.parametrize("data", [TCVN3, VNI, bytes(range(128, 256)) * 40 + b"\nI. A\n- b\n"],
                         ids=["tcvn3", "vni", "binary"])
def test_legacy_fonts_and_binary_files_are_refused_not_imported_as_nonsense(tmp_path, data):
    target = tmp_path / "plan.txt"
    target.write_bytes(data)
    with pytest.raises(PlanImportError, match="bảng mã cũ"):
        read_plan(target)


def test_a_stray_bad_byte_keeps_the_utf8_text(tmp_path, plan93):
    data = DEMO_TXT.read_bytes()
    cut = data.index("MỤC ĐÍCH".encode())
    target = tmp_path / "plan.txt"
    target.write_bytes(data[:cut] + b"\xff" + data[cut:])  # one damaged byte, not cp1258
    parsed = read_plan(target)
    assert parsed.meta.title == TITLE
    as_json = json.dumps(plan_to_json(parsed), ensure_ascii=False)
    assert as_json.count("\ufffd") == 1  # the damaged byte shows where it was; the rest is intact
    assert as_json.replace("\ufffd", "") == json.dumps(plan_to_json(plan93), ensure_ascii=False)


def test_autonumbered_docx_gives_the_same_tree(tmp_path, plan93):
    copy = tmp_path / "plan93.docx"
    shutil.copy(SHARED_DOCX, copy)
    from_docx = read_plan(copy)
    assert shape(plan_to_json(from_docx)["items"]) == shape(plan_to_json(plan93)["items"])
    assert parse_plan_docx(copy.read_bytes()).items == from_docx.items
    m = from_docx.meta
    assert (m.number, m.issuer, m.place, m.issued_on, m.title) == (
        "93/KH-UBND", "UBND tỉnh Quảng Ngãi", "Quảng Ngãi", dt.date(2025, 4, 23), TITLE)
    assert [b.number for b in m.legal_bases] == ["739/BNV-CTTN&BĐG", "254/QĐ-UBND", "80/TTr-SNV"]
    assert from_docx.items[1].children[4].time_frame.end == dt.date(2025, 12, 15)
