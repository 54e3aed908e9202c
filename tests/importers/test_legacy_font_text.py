"""Text typed in a legacy Vietnamese font (TCVN3/ABC .VnTime, VNI-Times), pasted or saved by
Notepad as UTF-8, is refused with the fix, like a .docx in such a font; Unicode text is not,
however few accents it has."""

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gbapp.importers import PlanImportError, _legacy_font, parse_plan_text, read_plan

REPO = Path(__file__).resolve().parents[2]
DEMO_TXT = REPO / "resources" / "demo" / "plan93_quangngai_2025.txt"
FIX = "phông chữ cũ.*Unikey"

# TCVN3 (ABC): one Latin-1 code per lower-case letter; upper-case letters with a tone use the same
# codes (drawn by the .VnTimeH font); Ă Â Ê Ô Ơ Ư Đ have codes of their own.
_TCVN3 = dict(zip(
    "àảãáạăằẳẵắặâầẩẫấậđèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵĂÂÊÔƠƯĐ",
    "µ¶·¸¹¨»¼½¾Æ©ÇÈÉÊË®ÌÎÏÐÑªÒÓÔÕÖ×ØÜÝÞßáâãä«åæçèé¬êëìíîïñòóô\u00adõö÷øùúûüýþ¡¢£¤¥¦§"))


def tcvn3(text: str) -> str:
    return "".join(_TCVN3.get(ch) or _TCVN3.get(ch.lower(), ch)
                   for ch in unicodedata.normalize("NFC", text))


# VNI: the plain letter, then a Latin-1 letter for the mark(s).
_TONES = {"\u0301": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0323": 4}


def vni(text: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in "đĐ":
            out.append("ñ" if ch == "đ" else "Ñ")
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        if len(decomposed) == 1 or not decomposed[0].isascii():
            out.append(ch)
            continue
        base, marks = decomposed[0].lower(), decomposed[1:]
        tone = next((_TONES[m] for m in marks if m in _TONES), None)
        if "\u0302" in marks:
            code = base + ("áàåãä"[tone] if tone is not None else "â")
        elif "\u0306" in marks:
            code = base + ("éèúüë"[tone] if tone is not None else "ê")
        elif "\u031b" in marks:
            code = ("ô" if base == "o" else "ö") + ("ùøûõï"[tone] if tone is not None else "")
        elif base == "i":
            code = "íìæóò"[tone]
        else:
            code = base + "ùøûõï"[tone]
        out.append(code.upper() if decomposed[0].isupper() else code)
    return "".join(out)


def test_the_encoders_give_what_the_fonts_store():
    assert tcvn3("Kế hoạch thực hiện công tác bình đẳng giới") == "KÕ ho¹ch thùc hiÖn c«ng t¸c b×nh ®¼ng giíi"
    assert tcvn3("UBND TỈNH HƯNG YÊN") == "UBND TØNH H¦NG Y£N"
    assert vni("Kế hoạch thực hiện công tác đích") == "Keá hoaïch thöïc hieän coâng taùc ñích"
    assert vni("ỦY BAN NHÂN DÂN TỈNH") == "UÛY BAN NHAÂN DAÂN TÆNH"


PLAN = DEMO_TXT.read_text(encoding="utf-8")
HEADING = "\n".join([line for line in PLAN.splitlines() if line.strip()][:6])


@pytest.mark.parametrize("encode", [tcvn3, vni], ids=["tcvn3", "vni"])
@pytest.mark.parametrize("text", [PLAN, HEADING, "Kế hoạch thực hiện công tác bình đẳng giới năm 2026"],
                         ids=["plan", "heading", "one-line"])
def test_pasted_legacy_font_text_is_refused_with_the_fix(encode, text):
    with pytest.raises(PlanImportError, match=FIX):
        parse_plan_text(encode(text))


@pytest.mark.parametrize("encode", [tcvn3, vni], ids=["tcvn3", "vni"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["utf8", "utf8-bom"])
def test_a_notepad_file_of_legacy_font_text_is_refused_with_the_fix(tmp_path, encode, bom):
    target = tmp_path / "kehoach.txt"
    target.write_bytes(bom + encode(PLAN).replace("\n", "\r\n").encode("utf-8"))
    with pytest.raises(PlanImportError, match=FIX):
        read_plan(target)


def test_a_unicode_plan_still_imports_however_few_accents_or_foreign_signs_it_has():
    assert parse_plan_text(PLAN).meta.number == "93/KH-UBND"
    plain = "".join(ch for ch in unicodedata.normalize("NFD", PLAN) if not unicodedata.combining(ch))
    plain = plain.replace("đ", "d").replace("Đ", "D")  # a plan typed without accents
    assert parse_plan_text(plain).items
    quoting = PLAN.replace(
        "I. MỤC ĐÍCH", "Tham khảo mô hình của Zürich, Malmö và São Paulo (Microsoft® Teams, §3, "
        "«Lồng ghép giới», diện tích 3×4 m², ½ ngày, 25°C, Müller, Ñandú).\nI. MỤC ĐÍCH", 1)
    assert quoting != PLAN
    assert parse_plan_text(quoting).meta.number == "93/KH-UBND"


def test_short_unicode_texts_are_not_taken_for_a_legacy_font():
    for text in ["Tham khảo Zürich và Malmö", "Microsoft® Word™ ½ × 3", "«Kế hoạch» §2 «Bình đẳng»",
                 "Ke hoach so 12/KH-UBND", "café crème brûlée naïve", "Nguyễn Thị Ánh – Sở Nội vụ"]:
        assert not _legacy_font(text), text


# (« » × § glued between two letters, "c«ng", are the font's: documents put them by spaces or
# digits, as in the test above.)
_VIETNAMESE = ("abcdeghiklmnopqrstuvxyABCDEGHIKLMNOPQRSTUVXY0123456789 .,;:()/-–—…“”‘’°%\n\t\u00a0"
               "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
               "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_VIETNAMESE)))
def test_no_unicode_vietnamese_text_is_taken_for_a_legacy_font(text):
    assert not _legacy_font(text)
    assert not _legacy_font(unicodedata.normalize("NFD", text))


def test_any_few_lines_of_a_plan_in_a_legacy_font_are_taken_for_one():
    lines = [line for line in PLAN.splitlines() if line.strip()]
    windows = ["\n".join(lines[i:i + 4]) for i in range(len(lines) - 3)]
    windows = [w for w in windows if sum(1 for word in w.split() if not word.isascii()) >= 12]
    assert len(windows) > 30
    for window in windows:
        assert _legacy_font(tcvn3(window)) and _legacy_font(vni(window)), window
        assert not _legacy_font(window)


@pytest.mark.parametrize("encode", [tcvn3, vni], ids=["tcvn3", "vni"])
def test_an_ansi_notepad_file_of_legacy_font_text_gets_the_same_fix(tmp_path, encode):
    """Notepad saves such text as "ANSI" by default: one byte per letter, the Latin-1 code
    the font draws. The message names the legacy font and Unikey's fix, not just "not text"."""
    target = tmp_path / "kehoach.txt"
    target.write_bytes(encode(PLAN).replace("\n", "\r\n").encode("cp1252"))
    with pytest.raises(PlanImportError, match=FIX):
        read_plan(target)


def test_a_binary_file_is_still_not_called_a_legacy_font(tmp_path):
    target = tmp_path / "plan.txt"
    target.write_bytes(bytes(range(128, 256)) * 40 + b"\nI. A\n- b\n")
    with pytest.raises(PlanImportError) as caught:
        read_plan(target)
    assert "phông chữ cũ" not in str(caught.value)
