"""Plan metadata: website block, document header, title, legal bases, signature, recipients."""

from __future__ import annotations

import datetime as dt
import re

from gbapp.domain.model import LegalBasis, PlanMeta
from gbapp.domain.text import fold

from .lines import is_upper_line

# ---------------------------------------------------------------- dates and numbers

_NUM_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?!\d)")
_WORD_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})(?!\d)", re.IGNORECASE)
# 93/KH-UBND, 12/2025/QĐ-UBND, and the Party's and mass organisations' 21-CT/TW, 45-KH/HPN
_DOC_NUMBER = (r"\d+(?:\s*/\s*\d{4})?\s*/\s*[\w&.]+(?:\s*-\s*[\w&.]+)*"
               r"|\d+\s*-\s*[^\W\d_][\w&.]*\s*/\s*[\w&.]+(?:\s*-\s*[\w&.]+)*")
# "Số: 93/KH-UBND"; without the colon ("Số 15-KH/ĐU", as the Party writes it) only a capital "Số" right
# before the number, so that "Quyết định số 1790/QĐ-TTg" of a legal basis is not taken for it
_NUMBER_RE = re.compile(rf"(?:\b[Ss][Ốố]\s*:\s*|(?<!\w)Số\s+)(?P<n>{_DOC_NUMBER})")
# the place may end in a number ("Đam Rông 2", "Phường 3", "Quận 10"), not a document's ("… số 12, ngày …")
_PLACE = r"(?P<place>[^\W\d_][^\d,;:|/]{0,40}?(?:(?<!số)\s+\d{1,3})?)"
_PLACE_DATE_RE = re.compile(
    _PLACE + r"\s*,\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})",
    re.IGNORECASE,
)
_PLACE_DATE_NUM_RE = re.compile(
    _PLACE + r"\s*,\s*ngày\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
# The number left blank the same way, "Số:      /KH-UBND", before the place on the same line
_BLANK_NUMBER_RE = re.compile(r"(?<!\w)S[ốỐ]\s*:?[\s.…_]*/\s*[\w&.]+(?:\s*-\s*[\w&.]+)*")
# A plan not yet signed leaves the day (and often the month) blank for the signing date:
# "Lâm Đồng, ngày      tháng 3 năm 2026", "ngày … tháng … năm 2026", "ngày ... /.../2026".
# The place is read all the same; a blank part leaves the date unknown.
_BLANK = r"[\s.…_]*"
_PLACE_BLANK_DATE_RE = re.compile(
    # (each optional number takes the blanks after it: two blank runs side by side made a long
    # run of dots backtrack through every split of it)
    _PLACE + r"\s*,\s*ngày(?!\w)" + _BLANK + r"(?:(?P<d>\d{1,2})" + _BLANK + r")?tháng(?!\w)"
    + _BLANK + r"(?:(?P<m>\d{1,2})" + _BLANK + r")?năm(?!\w)" + _BLANK + r"(?P<y>\d{4})?(?!\d)"
    + "|" + _PLACE.replace("<place>", "<place2>") + r"\s*,\s*ngày(?!\w)" + _BLANK
    + r"(?:(?P<d2>\d{1,2})" + _BLANK + r")?/" + _BLANK + r"(?:(?P<m2>\d{1,2})" + _BLANK + r")?/"
    + _BLANK + r"(?P<y2>\d{4})(?!\d)",
    re.IGNORECASE,
)


# "Độc lập - Tự do - Hạnh phúc" joined onto the place-and-date line
_MOTTO_PREFIX_RE = re.compile(r"^.*\bHạnh\s+phúc\b[\s\-–—_.]*", re.IGNORECASE)


def make_date(y: int | str, m: int | str, d: int | str) -> dt.date | None:
    try:
        year, month, day = int(y), int(m), int(d)
        if not 1900 <= year <= 2100:
            return None
        return dt.date(year, month, day)
    except (ValueError, TypeError):
        return None


def first_date(text: str) -> tuple[dt.date | None, int]:
    """The first dd/mm/yyyy or "dd tháng mm năm yyyy" date in *text* and where it ends (-1 if none)."""
    best = None
    for regex in (_NUM_DATE_RE, _WORD_DATE_RE):
        m = regex.search(text)
        if m and (best is None or m.start() < best.start()):
            best = m
    if best is None:
        return None, -1
    return make_date(best.group(3), best.group(2), best.group(1)), best.end()


def normalise_number(n: str) -> str:
    return re.sub(r"\s*([/\-])\s*", r"\1", n.strip()).rstrip(".,;")


def doc_type_of(number: str | None) -> str | None:
    """'93/KH-UBND' -> 'KH'; '12/2025/QĐ-UBND' -> 'QĐ'."""
    if not number or "/" not in number:
        return None
    first = number.split("/")[0]
    if "-" in first:  # "21-CT/TW": the Party's numbers put the type before the slash
        code = first.split("-", 1)[1].strip()
        if code and not code.isdigit():
            return code
    for part in number.split("/")[1:]:
        code = part.split("-")[0].strip()
        if code and not code.isdigit():
            return code
    return None


# ---------------------------------------------------------------- casing

def title_word(w: str) -> str:
    return w[:1].upper() + w[1:].lower() if w else w


def proper_case(s: str) -> str:
    """'QUẢNG NGÃI' -> 'Quảng Ngãi'; 'BÀ RỊA - VŨNG TÀU' -> 'Bà Rịa - Vũng Tàu'."""
    return " ".join(title_word(w) for w in s.split())


_ORG_SPECIAL = {"công thương": "Công Thương"}


def org_case(s: str) -> str:
    """'GIÁO DỤC VÀ ĐÀO TẠO' -> 'Giáo dục và Đào tạo'; 'NỘI VỤ' -> 'Nội vụ'."""
    low = " ".join(s.lower().split())
    if low in _ORG_SPECIAL:
        return _ORG_SPECIAL[low]
    out = []
    cap_next = True
    for w in low.split(" "):
        if cap_next and w not in ("và", "-", ","):
            out.append(title_word(w))
            cap_next = False
        else:
            out.append(w)
        if w in ("và", "-", "–") or w.endswith(","):
            cap_next = True
    return " ".join(out)


_CONSTANT_HINTS = ["Việt Nam", "Mặt trận Tổ quốc", "Chiến lược quốc gia", "Tháng hành động"]


def casing_hints(texts: list[str], single_words_from: list[str]) -> list[str]:
    """Capitalised runs to restore in a lower-cased title: multi-word runs ("Quảng Ngãi") and acronyms
    from *texts*; single capitalised words too from *single_words_from* (place, province)."""
    hints: set[str] = set(_CONSTANT_HINTS)
    punct = ",.;:()\"“”'"
    for source, allow_single in [(t, False) for t in texts] + [(t, True) for t in single_words_from]:
        run: list[str] = []

        def end_run():
            if all(w.isupper() for w in run) and len(run) > 1:
                run.clear()  # a heading in capitals says nothing about casing
            if len(run) >= 2 or (allow_single and run):
                hints.add(" ".join(run))
            run.clear()

        for i, raw in enumerate(source.split()):
            w = raw.strip(punct)
            cap = bool(w) and w[0].isupper() and not any(c.isdigit() for c in w)
            if cap and (i > 0 or allow_single):
                if w.isupper() and len(w) >= 2:
                    hints.add(w)  # acronym: UBND, HIV
                run.append(w)
                if raw[-1:] in ",.;:)":
                    end_run()
            else:
                end_run()
        end_run()
    return sorted(hints, key=len, reverse=True)


def sentence_case(title: str, hints: list[str]) -> str:
    """An UPPER CASE title in sentence case, restoring the capitalisation of *hints*."""
    low = title.lower()
    for h in hints:
        if not h:
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(h.lower())}(?!\w)")
        low = pattern.sub(lambda _m, h=h: h, low)
    return low[:1].upper() + low[1:]


# ---------------------------------------------------------------- website block

_SITE_FIELDS = {
    "number": re.compile(r"^Số hiệu\s*:?\s*(.+)$", re.IGNORECASE),
    "issued": re.compile(r"^Ngày ban hành\s*:?\s*(.+)$", re.IGNORECASE),
    "effective": re.compile(r"^Ngày (?:có )?hiệu lực\s*:?\s*(.+)$", re.IGNORECASE),
    "type": re.compile(r"^Loại văn bản\s*:?\s*(.+)$", re.IGNORECASE),
    "issuer": re.compile(r"^Cơ quan ban hành\s*:?\s*(.+)$", re.IGNORECASE),
    "signer": re.compile(r"^Người ký\s*:?\s*(.+)$", re.IGNORECASE),
    "field": re.compile(r"^Lĩnh vực(?:, ngành)?\s*:?\s*(.+)$", re.IGNORECASE),
}
_SITE_TITLE_RE = re.compile(rf"^(Kế hoạch|Quyết định)\s+(?:số\s+)?({_DOC_NUMBER})\s+(.+)$")


def _site_block(lines: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in lines[:80]:
        for key, regex in _SITE_FIELDS.items():
            if key in found:
                continue
            m = regex.match(line)
            if m:
                found[key] = m.group(1).strip()
                break
    return found


# ---------------------------------------------------------------- issuer

_ORG_START_RE = re.compile(
    r"^(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|SỞ|BAN|HỘI|BỘ|TỈNH ỦY|TỈNH UỶ|HỘI ĐỒNG|ĐẢNG ỦY|ĐẢNG UỶ|CÔNG AN|"
    r"TRƯỜNG|TRUNG TÂM|CỤC|CHI CỤC|VĂN PHÒNG|LIÊN ĐOÀN|ỦY BAN|UỶ BAN|MẶT TRẬN|TỈNH ĐOÀN|BAN CHỈ ĐẠO|"
    r"BCH|BAN CHẤP HÀNH|BAN THƯỜNG VỤ|ĐOÀN|CÔNG ĐOÀN|THÀNH ỦY|THÀNH UỶ|THÀNH ĐOÀN|HUYỆN ỦY|HUYỆN UỶ|HUYỆN ĐOÀN)\b"
)
# The national title facing the issuer: the state's "CỘNG HÒA…", the Party's "ĐẢNG CỘNG SẢN VIỆT NAM",
# the Đoàn's "ĐOÀN TNCS HỒ CHÍ MINH" (unless it is the issuer's own name: "BCH ĐOÀN TNCS HỒ CHÍ MINH")
_NATIONAL_RE = re.compile(r"CỘNG HÒA|CỘNG HOÀ|ĐỘC LẬP|Độc lập|ĐẢNG CỘNG SẢN VIỆT NAM|"
                          r"(?<!BCH )(?<!HÀNH )ĐOÀN TNCS HỒ CHÍ MINH")
_UNIT = r"TỈNH|THÀNH PHỐ|HUYỆN|THỊ XÃ|QUẬN|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU"
_UNIT_RE = re.compile(rf"(?<!\S)({_UNIT})\s+")
_UBND_RE = re.compile(rf"^(?:(?:ỦY|UỶ) BAN NHÂN DÂN|UBND)\s+({_UNIT})\s+(.+)$")
_SUB_ORG_RE = re.compile(r"\s+(SỞ|BAN|CHI CỤC|CỤC|PHÒNG|TRUNG TÂM|VĂN PHÒNG|THANH TRA|CÔNG AN)\s+(.+)$")
# "HỘI LHPN VIỆT NAM / BCH HỘI LHPN TỈNH HƯNG YÊN": the line above the issuing body names the body it
# belongs to; the issuer is the executive committee ("BCH", "Ban Chấp hành", "Ban Thường vụ") …
_EXECUTIVE_RE = re.compile(r"\s(?:BCH|BAN CHẤP HÀNH|BAN THƯỜNG VỤ)\s")
# … or, without one, the body below a national organisation ("HỘI NÔNG DÂN VIỆT NAM / HỘI NÔNG DÂN TỈNH …")
_NATIONAL_PARENT_RE = re.compile(r"\sVIỆT NAM\s+(?=(?:HỘI|ĐOÀN|CÔNG ĐOÀN|LIÊN ĐOÀN|ĐẢNG ỦY|ĐẢNG UỶ)\s)")
# "TỈNH ỦY QUẢNG NGÃI", "THÀNH ĐOÀN ĐÀ NẴNG": a committee named by its level, then the place
_LEVEL_BODY_RE = re.compile(r"(?:^|\s)(TỈNH|THÀNH|HUYỆN|QUẬN|THỊ) (ỦY|UỶ|ĐOÀN)\s+(.+)$")
# the kind of body, cased as one word group: "Công an", "Trung tâm", then the rest of the name
_ORG_HEAD_RE = re.compile(r"^(BAN CHẤP HÀNH|BAN THƯỜNG VỤ|CHI CỤC|TRUNG TÂM|VĂN PHÒNG|CÔNG AN|ĐẢNG ỦY|ĐẢNG UỶ|"
                          r"LIÊN ĐOÀN|CÔNG ĐOÀN|SỞ|BAN|BỘ|CỤC|HỘI|BCH|ĐOÀN|PHÒNG)(?:\s+|$)")
_NAME_HINTS = ("Hồ Chí Minh", "Việt Nam", "Tổ quốc", "Liên hiệp Phụ nữ")
# Decree 30, Appendix II writes these units' generic noun with a capital too; any other is lower
# case after the body's name ("UBND thành phố Hà Nội", "Sở Y tế tỉnh Lào Cai").
_CAPITALISED_UNITS = ("Thành phố Hồ Chí Minh",)
_CAPITALISED_UNITS_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(u) for u in _CAPITALISED_UNITS) + r")(?!\w)", re.IGNORECASE)


def _capitalised_units(name: str) -> str:
    """'UBND thành phố Hồ Chí Minh' -> 'UBND Thành phố Hồ Chí Minh'."""
    if "minh" not in name.lower():  # (the only such name so far: no search in most names)
        return name
    return _CAPITALISED_UNITS_RE.sub(
        lambda m: next(u for u in _CAPITALISED_UNITS if u.lower() == m.group(0).lower()), name)


_PLACE_LINE_RE = re.compile(r"^(?:TỈNH|THÀNH PHỐ|TP\.?|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|ĐẶC KHU|SỞ|BAN|PHÒNG)\b")
_MOTTO_OR_RULE_RE = re.compile(r"^(?:[-_–—=.*\s]+|.*(?:CỘNG HÒA|CỘNG HOÀ|ĐỘC LẬP|Độc lập|ĐẢNG CỘNG SẢN VIỆT NAM).*"
                               r"|ĐOÀN TNCS HỒ CHÍ MINH|VIỆT NAM)$")
# "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" wrapped in a narrow column (a PDF's text): its "VIỆT NAM" on a line
# of its own, between the issuer's lines in text laid out as on the page
_NATIONAL_WRAP = "VIỆT NAM"


_NUMBER_START_RE = re.compile(r"^S[ốỐ]\s*(?::|\d)")
_DRAFT_RE = re.compile(r"^\(?\s*D[ỰỰ] TH[ẢẢ]O\b", re.IGNORECASE)


def _issuer_block(lines: list[str]) -> str | None:
    for i, line in enumerate(lines):
        national = _NATIONAL_RE.search(line)
        own = line[:national.start()].strip() if national else line  # one-line headers
        if not _ORG_START_RE.match(own) or not is_upper_line(own):
            continue
        parts = []
        beside_title = False  # the lines so far had the national title beside them on the same line
        for j, nxt in enumerate(lines[i:i + 4], start=i):
            cut = _NATIONAL_RE.search(nxt)
            if beside_title and nxt.strip() == _NATIONAL_WRAP:
                continue  # ("ỦY BAN NHÂN DÂN   CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "VIỆT NAM", "TỈNH …")
            if beside_title and not (cut and nxt[:cut.start()].strip()) and not _PLACE_LINE_RE.match(nxt):
                # Two columns flattened row by row ("ỦY BAN NHÂN DÂN CỘNG HÒA…", "TỈNH QUẢNG NGÃI Độc lập…"):
                # the issuer goes on only on lines shaped like that, or with a place ("TỈNH QUẢNG NGÃI")
                break
            if cut and nxt[:cut.start()].strip():
                nxt = nxt[:cut.start()].strip()
            elif cut:
                # Two columns copied row by row: "ỦY BAN NHÂN DÂN", "CỘNG HÒA…", "TỈNH HÀ GIANG",
                # "Độc lập…": the issuer's second line comes after the national title.
                parts += _issuer_after_motto(lines[j + 1:j + 4])
                break
            if not is_upper_line(nxt) or _NUMBER_START_RE.match(nxt) or _DRAFT_RE.match(nxt):
                break  # ("DỰ THẢO" under the issuer marks a draft: not part of its name)
            number = _NUMBER_RE.search(nxt) if "S" in nxt else None
            if number:  # a flattened header: "UBND TỈNH AN GIANG Số 45/KH-UBND"
                parts.append(nxt[:number.start()])
                break
            parts.append(nxt)
            beside_title = bool(cut)
        return " ".join(" ".join(parts).split()) or None
    return None


def _issuer_after_motto(lines: list[str]) -> list[str]:
    found = []
    for line in lines:
        if _MOTTO_OR_RULE_RE.match(line):
            continue
        if _PLACE_LINE_RE.match(line) and is_upper_line(line):
            found.append(line)
            continue
        break
    return found


def normalise_issuer(block: str) -> str:
    """'ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI' -> 'UBND tỉnh Quảng Ngãi';
    'UBND TỈNH QUẢNG NGÃI SỞ NỘI VỤ' -> 'Sở Nội vụ tỉnh Quảng Ngãi';
    'HỘI LHPN VIỆT NAM BCH HỘI LHPN TỈNH HƯNG YÊN' -> 'BCH Hội LHPN tỉnh Hưng Yên'."""
    block = " ".join(block.split())
    m = _UBND_RE.match(block)
    if m:
        unit, rest = m.group(1).lower(), m.group(2)
        sub = _SUB_ORG_RE.search(rest)
        if sub:
            place = proper_case(rest[:sub.start()])
            return _capitalised_units(f"{title_word(sub.group(1))} {org_case(sub.group(2))} {unit} {place}")
        return _capitalised_units(f"UBND {unit} {proper_case(rest)}")
    if not block.isupper():
        return block
    m = _EXECUTIVE_RE.search(block) or _NATIONAL_PARENT_RE.search(block)
    if m:
        block = block[m.start() + 1:] if m.re is _EXECUTIVE_RE else block[m.end():]
    m = _LEVEL_BODY_RE.search(block)
    if m:
        rest = m.group(3)
        sub = _SUB_ORG_RE.search(rest)  # "TỈNH ỦY QUẢNG NGÃI / BAN TUYÊN GIÁO": the body under the committee
        place = proper_case(rest[:sub.start()] if sub else rest)
        name = f"{title_word(m.group(1))} {m.group(2).lower()} {place}"
        if sub:
            name = f"{_org_name(rest[sub.start():])} {name}"
        elif m.start() > 0:  # "BAN THƯỜNG VỤ TỈNH ĐOÀN …"
            name = f"{_org_name(block[:m.start()])} {name}"
    else:
        # the place after the last administrative unit: "… TỈNH QUẢNG NGÃI", not the "XÃ" of "XÃ HỘI"
        units = [u for u in _UNIT_RE.finditer(block) if u.start() > 0]
        if units:
            u = units[-1]
            name = f"{_org_name(block[:u.start()])} {u.group(1).lower()} {proper_case(block[u.end():])}"
        else:
            name = _org_name(block)
    return _restore_acronyms(name, block)


def _org_name(s: str) -> str:
    """'SỞ GIÁO DỤC VÀ ĐÀO TẠO' -> 'Sở Giáo dục và Đào tạo'; 'CÔNG AN' -> 'Công an'."""
    s = s.strip()
    m = _ORG_HEAD_RE.match(s)
    if not m:
        return org_case(s)
    head = m.group(1)
    if head.startswith("BAN "):  # "Ban Chấp hành", "Ban Thường vụ"
        head = f"Ban {org_case(head[4:])}"
    elif head != "BCH":
        head = org_case(head)
    rest = s[m.end():]
    return f"{head} {_org_name(rest)}" if rest else head


_SYLLABLE_RE = re.compile(
    r"^(?:ngh|ch|gh|gi|kh|ng|nh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"[aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]+"
    r"(?:ch|ng|nh|[cmnpt])?$")


def is_acronym(word: str) -> bool:
    """A word in capitals that cannot be a Vietnamese syllable: 'UBND', 'LHPN', 'TNCS', 'BCH', 'HIV'."""
    return len(word) >= 2 and word.isupper() and word.isalpha() and not _SYLLABLE_RE.match(word.lower())


def _restore_acronyms(name: str, block: str) -> str:
    acronyms = {w for w in re.split(r"[\s,.;:()\-–/]+", block) if is_acronym(w)}
    if acronyms:
        name = " ".join(w.upper() if w.upper() in acronyms else w for w in name.split(" "))
    for hint in _NAME_HINTS:
        name = re.sub(rf"(?<!\w){re.escape(hint)}(?!\w)", hint, name, flags=re.IGNORECASE)
    return _capitalised_units(name)


def _site_issuer(value: str) -> str:
    m = re.match(r"^(Tỉnh|Thành phố)\s+(.+)$", value, re.IGNORECASE)
    if m:
        return _capitalised_units(f"UBND {m.group(1).lower()} {proper_case(m.group(2))}")
    return value


# ---------------------------------------------------------------- title

_TITLE_STOP_RE = re.compile(r"^(?:Căn cứ|Thực hiện\s.*\bsố\b|Theo đề nghị|Xét đề nghị|\(|Kính gửi|Số\s*:)", re.IGNORECASE)


_ATTACHED_TO_RE = re.compile(r"\s*\((?:Ban hành\s+)?[Kk]èm theo\b[^()]*\)?\s*$")


# Words that follow "KẾ HOẠCH" on its heading line to say what kind of plan it is.
_KIND_WORDS = frozenset({"LIÊN TỊCH", "LIÊN NGÀNH", "PHỐI HỢP", "LIÊN NGÀNH, LIÊN TỊCH"})


def _title_lines(lines: list[str]) -> tuple[str | None, int]:
    """The plan's title under its last "KẾ HOẠCH" heading, and the heading's index (-1 if none)."""
    idx = -1
    for i, line in enumerate(lines):
        if line.startswith("KẾ HOẠCH") and (line == "KẾ HOẠCH" or is_upper_line(line[:40])):
            idx = i
    if idx < 0:
        return None, -1
    first = lines[idx][len("KẾ HOẠCH"):].strip(" :.-")
    if first.upper() in _KIND_WORDS:  # "KẾ HOẠCH LIÊN TỊCH": the kind of plan, not its title
        first = ""
    parts = [first] if first else []
    for line in lines[idx + 1:idx + 6]:
        # "(Ban hành kèm theo Quyết định số …)" may have been joined onto the title line
        line = _ATTACHED_TO_RE.sub("", line).strip() or line
        if _TITLE_STOP_RE.match(line):
            break
        if not parts:
            parts.append(line)
            if not is_upper_line(line):
                break
            continue
        if is_upper_line(parts[-1]) and is_upper_line(line):
            parts.append(line)
            continue
        break
    title = " ".join(" ".join(parts).split()).strip(" .")
    return (title or None), idx


def _decision_title(lines: list[str]) -> str | None:
    for line in lines:
        m = re.match(r"^(?:(?:Về việc|V/v)\s+)?[Bb]an hành\s+(?:Kế hoạch|kế hoạch)\s+(.+)$", line)
        if m:
            t = m.group(1).strip(" .")
            return t[:1].upper() + t[1:]
    return None


# ---------------------------------------------------------------- year

_TITLE_YEAR_RE = re.compile(r"\bnăm\s+(\d{4})\b(?!\s*[-–]\s*\d)", re.IGNORECASE)
# "đến năm 2030", "tầm nhìn năm 2045", "từ năm 2021": the end or start of a period, not the plan's year
_PERIOD_YEAR_BEFORE_RE = re.compile(r"(?:^|\s)(?:đến|tới|hết|từ|trước|sau|cuối|tầm nhìn|giai đoạn)\s*$")


# "giai đoạn 2026 - 2030", "2026-2030", "từ năm 2026 đến năm 2030": the years of a programme
_SPAN_RE = re.compile(r"(?<!\d)(\d{4})\s*[-–—]\s*(\d{4})(?!\d)"
                      r"|từ\s+năm\s+(\d{4})\s+đến\s+(?:hết\s+)?năm\s+(\d{4})", re.IGNORECASE)


_UNTIL_RE = re.compile(r"(?<!tầm nhìn )\bđến\s+(?:hết\s+)?năm\s+(\d{4})(?!\d)", re.IGNORECASE)


def plan_span(title: str | None, issued_on: dt.date | None) -> tuple[int, int] | None:
    """(first year, last year) of a multi-year programme's plan ("… giai đoạn 2026 - 2030"),
    None for a yearly plan: one whose title states its own year ("… năm 2025 thực hiện Chương
    trình giai đoạn 2021 - 2025") or a title that states no period beginning by its issue."""
    if not title:
        return None
    if _own_title_year(title, issued_on) is not None:
        return None
    for m in _SPAN_RE.finditer(title):
        first, last = (int(g) for g in (m.group(1, 2) if m.group(1) else m.group(3, 4)))
        if first < last <= first + 30 and (issued_on is None
                                           or first - 1 <= issued_on.year <= last):
            return first, last
    # "Chương trình truyền thông … đến năm 2030" (the national programmes' own titles): from
    # the year of issue; "tầm nhìn đến năm 2045" is a vision, not the plan's span
    m = _UNTIL_RE.search(title)
    if m and issued_on is not None and issued_on.year < int(m.group(1)) <= issued_on.year + 30:
        return issued_on.year, int(m.group(1))
    return None


def _own_title_year(title: str, issued_on: dt.date | None) -> int | None:
    if "năm" not in title.lower():
        return None
    for m in reversed(list(_TITLE_YEAR_RE.finditer(title))):
        if _PERIOD_YEAR_BEFORE_RE.search(title[max(0, m.start() - 12):m.start()].lower()):
            continue
        year = int(m.group(1))
        if issued_on is None or issued_on.year <= year <= issued_on.year + 1:
            return year
    return None


def plan_year(title: str | None, issued_on: dt.date | None) -> int | None:
    """The year a plan is for: a year its title states as the plan's ("… năm 2025"), not the end of a
    period ("đến năm 2030") nor a period ("giai đoạn 2021 - 2030"), that fits the issue date (a yearly
    plan is issued in its year or the year before); else the first year of a programme that starts
    then (see plan_span), else the year of issue."""
    own = _own_title_year(title, issued_on) if title else None
    if own is not None:
        return own
    span = plan_span(title, issued_on)
    if span is not None and issued_on is not None and span[0] == issued_on.year + 1:
        return span[0]  # "giai đoạn 2026 - 2030" issued in December 2025
    return issued_on.year if issued_on else None


# ---------------------------------------------------------------- legal bases

_DOC_TYPES = (
    "Thông tư liên tịch", "Nghị quyết liên tịch", "Bộ luật", "Luật", "Pháp lệnh", "Nghị quyết", "Nghị định",
    "Quyết định", "Chỉ thị", "Thông tư", "Công văn", "Văn bản", "Kế hoạch", "Tờ trình", "Hướng dẫn",
    "Chương trình", "Kết luận", "Thông báo", "Công điện", "Đề án", "Báo cáo",
)
_TYPES_RE = "|".join(re.escape(t) for t in _DOC_TYPES)
_ANCHOR_RE = re.compile(rf"(?<![\w])(?P<t>{_TYPES_RE})\s+(?:số\s*:?\s*)(?P<n>{_DOC_NUMBER})")
# "Luật Bình đẳng giới ngày 29 tháng 11 năm 2006", "… số 73/2006/QH11", "… năm 2006": the name ends before
# its date, number or year; a number or a year may also end the citation ("…năm 2006;", "… năm 2006 và …")
_LAW_END = r"\s*(?:[;,.(]|và\s|$)"
_LAW_RE = re.compile(r"(?<![\w])(?P<t>Bộ luật|Luật|Pháp lệnh|Hiến pháp)\s+(?P<name>[A-ZĐÀ-Ỹ][^;]*?)"
                     r"(?:\s+số\s+(?P<n>" + _DOC_NUMBER + r")|\s+năm\s+(?P<y>\d{4})(?!\d))?"
                     r"(?=\s+(?:ngày\s|năm\s\d{4}|được\s|số\s)"
                     rf"|(?(n){_LAW_END}|(?(y){_LAW_END}|(?!))))")
_PREAMBLE_PREFIXES = ("can cu", "thuc hien", "theo de nghi", "xet de nghi", "tren co so", "theo ", "de trien khai",
                      "trien khai", "nham ")
_ISSUER_AFTER_RE = re.compile(
    r"^\s*(?:,\s*)?(?:ngày\s+\S+(?:\s+tháng\s+\d{1,2}\s+năm\s+\d{4})?\s*)?của\s+(?P<i>.+?)"
    r"(?=\s+(?:về|ban hành|hướng dẫn|quy định|phê duyệt|triển khai|thực hiện|tại|"
    r"và(?!\s+[A-ZĐÀ-Ỹ])|v/v|V/v|"
    r"sửa đổi|bổ sung|thông qua|giao|đến|trên|việc)\b|[,;:(]|$)"
)
_CLOSING_RE = re.compile(
    r"[,;]\s*[^,;]*\b(?:ban hành|xây dựng)\s+(?:Kế hoạch|kế hoạch)\b.*$"
    r"|[,;][^,;]*\bnhư sau\s*:?\s*$")
_ISSUER_BEFORE_RE = re.compile(r"(?:đề nghị|đề xuất|ý kiến|báo cáo)\s+của\s+(?P<i>.+?)\s+tại\s*$", re.IGNORECASE)


def _is_preamble(line: str) -> bool:
    return fold(line).lstrip("-+• ").startswith(_PREAMBLE_PREFIXES) and not is_upper_line(line)


def parse_legal_bases(lines: list[str]) -> list[LegalBasis]:
    out: list[LegalBasis] = []
    seen: dict[str, LegalBasis] = {}
    for line in lines:
        if not _is_preamble(line) or "kèm theo" in line:
            continue
        anchors = sorted(list(_ANCHOR_RE.finditer(line)) + list(_LAW_RE.finditer(line)), key=lambda m: m.start())
        # drop law matches overlapping a numbered anchor
        kept: list[re.Match] = []
        for m in anchors:
            if kept and m.start() < kept[-1].end():
                continue
            kept.append(m)
        verb = ""
        for k, m in enumerate(kept):
            seg_end = kept[k + 1].start() if k + 1 < len(kept) else len(line)
            semi = line.find(";", m.end())
            if 0 <= semi < seg_end:
                seg_end = semi
            # the words since the previous citation's type and number say how this one is cited
            verb = _citing_verb(line[kept[k - 1].end() if k else 0:m.start()], verb)
            basis = _basis_from(line, m, seg_end)
            basis.verb = verb
            key = basis.number or f"{basis.doc_type} {basis.summary}"
            if key in seen:
                # a Quyết định wrapped around the plan cites it first: the plan's own words win
                if verb:
                    seen[key].verb = verb
                continue
            seen[key] = basis
            out.append(basis)
    # "Quyết định số 1790/QĐ-TTg … và Quyết định số 2232/QĐ-TTg … của Thủ tướng": one issuer for
    # both, written after the last.
    for basis, following in zip(reversed(out[:-1]), reversed(out[1:]), strict=True):
        if not basis.issuer and basis.summary in ("", "và") and following.issuer:
            basis.issuer, basis.summary = following.issuer, ""
    return out


# A phrase that opens a citation, where a clause starts (not "… kế hoạch hành động thực hiện
# Chiến lược …" inside a summary): its verb, or "" for one that cites otherwise (a proposal).
# Matched on lower-cased text (same positions), with or without diacritics.
_CITING_WORDS = (r"(căn cứ|can cu|thực hiện|thuc hien|theo đề nghị|theo de nghi|xét đề nghị|"
                 r"xet de nghi|đề nghị|de nghi|trên cơ sở|tren co so|để triển khai|"
                 r"de trien khai|theo|nhằm|nham)(?!\w)")
_CITING_RE = re.compile(r"(?:^|[;,:(]|(?<!\w)(?:và|va)(?!\w))\s*[-+•]?\s*" + _CITING_WORDS)
# After a citation's own words, what opens the next one (after a comma or "và"; not a bare
# "theo" or "nhằm", which a summary may well use): the summary ends there.
_NEXT_CITING_RE = re.compile(r"(?:[;,:(]|(?<!\w)(?:và|va)(?!\w))\s*[-+•]?\s*"
                             r"(?:căn cứ|can cu|thực hiện|thuc hien|theo đề nghị|theo de nghi|"
                             r"xét đề nghị|xet de nghi|đề nghị|de nghi|trên cơ sở|tren co so|"
                             r"để triển khai|de trien khai)(?!\w)")
_VERBS = {"can cu": "Căn cứ", "thuc hien": "Thực hiện"}


def _citing_verb(before: str, previous: str) -> str:
    """How the plan cites the document whose citation follows *before* (the text since the
    previous citation's type and number): the last citing phrase that opens a clause there
    ("Căn cứ", "Thực hiện"; "" for "theo đề nghị của … tại", "trên cơ sở" and the like); the
    previous citation's verb when there is none ("Căn cứ Luật A; Luật B", "… A và B")."""
    found = _CITING_RE.findall(before.lower())
    return _VERBS.get(fold(found[-1]), "") if found else previous


def _basis_from(line: str, m: re.Match, seg_end: int) -> LegalBasis:
    doc_type = m.group("t")
    number = normalise_number(m.group("n")) if m.group("n") else ""
    rest = line[m.end():seg_end]
    issued, date_end = first_date(rest[:80])
    after = rest[date_end:] if date_end >= 0 else rest
    issuer = ""
    im = _ISSUER_AFTER_RE.match(after)
    if im:
        issuer = im.group("i").strip(" ,.")
        after = after[im.end():]
    else:
        bm = _ISSUER_BEFORE_RE.search(line[max(0, m.start() - 120):m.start()])
        if bm:
            issuer = bm.group("i").strip(" ,.")
    # the preamble's last basis runs into its closing (", UBND tỉnh ban hành Kế hoạch như sau:"); looked
    # for before the comma that opens it is stripped
    closing = _CLOSING_RE.search(after)
    if closing:
        after = after[:closing.start()]
    # nor into the next citation's own words (", theo đề nghị của Sở Nội vụ tại Tờ trình …")
    low = after.lower()
    citing = _NEXT_CITING_RE.search(low) if len(low) == len(after) else None
    if citing:
        after = after[:citing.start()]
    summary = after.strip(" ,.;")
    # the connector stays: the regenerated plan cites "… của UBND tỉnh về công tác …", "… về việc
    # hướng dẫn …" as the source did (one of its own would be a guess: "ban hành …" takes none)
    summary = re.sub(r"\s+(?:và|;)$", "", summary).strip(" ,.;")
    if re.fullmatch(r"và|về|về việc|v/v", summary, flags=re.IGNORECASE):
        summary = ""  # "… của Bộ Nội vụ và Kế hoạch số …": nothing of its own
    if "name" in m.re.groupindex:
        summary = m.group("name").strip()
        if m.group("y") and issued is None:  # "Luật Bình đẳng giới năm 2006": a year, not a day
            summary += f" năm {m.group('y')}"
    if len(issuer) > 80:
        issuer = ""
    return LegalBasis(doc_type=doc_type, number=number, issued_on=issued, issuer=issuer, summary=summary)


# ---------------------------------------------------------------- signature and recipients

# "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"; the Party, Đoàn and Hội write "T/M ĐẢNG ỦY", "T/M BAN THƯỜNG VỤ"
_AUTH_RE = re.compile(r"(?<![\w/])((?:TM|KT|TL|TUQ|Q|Q\.|UQ)\.|T/M|T/L|K/T|T/UQ)\s*([^\W\d_a-zà-ỹđ][^.]*?)"
                      r"(?=\s+(?:(?:TM|KT|TL|TUQ|Q)\.|(?:T/M|T/L|K/T|T/UQ)\s)|$)")
_AUTH_LINE_RE = re.compile(r"^(?:(?:TM|KT|TL|TUQ|Q|UQ)\.\s*|(?:T/M|T/L|K/T|T/UQ)\s+)\S")
_TITLE_RE = re.compile(r"^(?:PHÓ\s+)?(?:CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG BAN|TRƯỞNG PHÒNG|CHÁNH VĂN PHÒNG|BÍ THƯ|"
                       r"THỦ TRƯỞNG|CHỦ NHIỆM|TỔNG GIÁM ĐỐC|CỤC TRƯỞNG|BỘ TRƯỞNG|THỨ TRƯỞNG|CHI CỤC TRƯỞNG)"
                       r"(?:\s+THƯỜNG TRỰC)?\.?$")
_SIGNED_RE = re.compile(r"^[(\[]?\s*(?:đã ký|ký|ký tên|đóng dấu|ký, đóng dấu|ký, ghi rõ họ tên)[^)\]]*[)\]]?$",
                        re.IGNORECASE)


def is_authority_line(line: str) -> bool:
    return bool(_AUTH_LINE_RE.match(line)) and is_upper_line(line)


def is_signer_title_line(line: str) -> bool:
    return bool(_TITLE_RE.match(line)) and is_upper_line(line) and len(line) <= 60


def is_person_name(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 6 or len(line) > 50:
        return False
    for w in words:
        # names of the Central Highlands' peoples have an apostrophe: "H' Kim Hoa Byă", "H'Yim"
        parts = w.replace("’", "'").split("'") if "'" in w or "’" in w else (w,)
        if not parts[0] or len(parts) > 2:
            return False
        for part in parts:
            if not part:
                continue
            if not part.isalpha() or not part[0].isupper() or (
                    len(part) > 1 and not part[1:].islower()):
                return False
    return True


def parse_signature(lines: list[str]) -> tuple[str | None, str | None, str | None]:
    """(authority, title, name) from a signature block: 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Trần Hoàng Tuấn'."""
    found = _signature(lines, with_authority=True)
    return found if found[0] or found[1] else _signature(lines, with_authority=False)


def _signature(lines: list[str], with_authority: bool) -> tuple[str | None, str | None, str | None]:
    for i, line in enumerate(lines):
        auth = None
        title = None
        if is_authority_line(line):
            matches = list(_AUTH_RE.finditer(line))
            auth = f"{matches[-1].group(1)} {matches[-1].group(2).strip()}" if matches else line
            j = i + 1
            while j < len(lines) and is_authority_line(lines[j]):
                matches = list(_AUTH_RE.finditer(lines[j]))
                auth = f"{matches[-1].group(1)} {matches[-1].group(2).strip()}" if matches else lines[j]
                j += 1
        elif not with_authority and is_signer_title_line(line):
            j = i
        else:
            continue
        if j < len(lines) and is_signer_title_line(lines[j]):
            title = lines[j].strip()
            j += 1
        name = None
        for k in range(j, min(j + 4, len(lines))):
            cand = lines[k].strip()
            if _SIGNED_RE.match(cand):
                continue
            if is_person_name(cand):
                name = cand
            break
        if auth or title:
            return auth, title, name
    return None, None, None


_COLUMN_CUT_RE = re.compile(r"[;.,:]\s+")
_RECIPIENT_BULLETS = ("-", "+", "•", "–")


def _signature_part(text: str, signer_seen: bool) -> bool:
    """Whether *text* is a line of the signature: its authority, the signer's title, or (below
    them) the signer's name or "(Đã ký)"."""
    return (is_authority_line(text) or is_signer_title_line(text)
            or (signer_seen and (is_person_name(text) or bool(_SIGNED_RE.match(text)))))


def _split_beside(line: str, signer_seen: bool) -> tuple[str, str] | None:
    """"- Bộ Nội vụ (b/c); KT. CHỦ TỊCH" → ("- Bộ Nội vụ (b/c);", "KT. CHỦ TỊCH"): a recipient
    and, beside it, a line of the signature, as text laid out as on the page has them."""
    for m in _COLUMN_CUT_RE.finditer(line):
        right = line[m.end():]
        if _signature_part(right, signer_seen):
            return line[:m.end()].rstrip(), right
    return None


def signature_columns(tail: list[str]) -> list[str]:
    """The lines after a plan with its two bottom columns read one after the other: the
    recipients ("Nơi nhận:" and its "- …" lines, on the left) before the signature (authority,
    title, name, on the right). Text taken from a PDF has them side by side on a line ("- Bộ Nội
    vụ (b/c); KT. CHỦ TỊCH") or one line of each in turn; text copied from a website, one column
    after the other, is returned as it is."""
    start = next((i for i, line in enumerate(tail) if fold(line[:12]).startswith("noi nhan")), None)
    if start is None:
        return tail
    cells: list[tuple[bool, str]] = []  # (on the right, line), in the text's order
    signer_seen = False
    first = tail[start]
    head, _, rest = first.partition(":")
    rest = rest.strip()
    if rest and _signature_part(rest, False):  # "Nơi nhận: TM. ỦY BAN NHÂN DÂN"
        cells += [(False, f"{head}:"), (True, rest)]
        signer_seen = True
    else:
        cells.append((False, first))
    split_seen = signer_seen
    for line in tail[start + 1:]:
        if line.lstrip().startswith(_RECIPIENT_BULLETS):
            split = _split_beside(line, signer_seen)
            if split is not None:
                cells += [(False, split[0]), (True, split[1])]
                signer_seen = split_seen = True
            else:
                cells.append((False, line))
        elif _signature_part(line, signer_seen):
            signer_seen = True
            cells.append((True, line))
        else:
            cells.append((bool(signer_seen), line))
    if not signer_seen:
        return tail
    # the recipients' lines among the signature's (one line of each column in turn), and those
    # right below it (the recipients' column is the longer one)
    last = max(n for n, (on_right, line) in enumerate(cells)
               if on_right and _signature_part(line, True))
    while last + 1 < len(cells) and not cells[last + 1][0]:
        last += 1
    left = [line for on_right, line in cells[:last + 1] if not on_right]
    right = [line for on_right, line in cells[:last + 1] if on_right]
    if not split_seen and left == [line for line in tail[start:start + len(left)]]:
        return tail  # one column after the other already
    return tail[:start] + left + right + [line for _r, line in cells[last + 1:]]


def parse_recipients(lines: list[str]) -> list[str]:
    for i, line in enumerate(lines):
        if not fold(line).startswith("noi nhan"):
            continue
        out: list[str] = []
        first = line.split(":", 1)[1] if ":" in line else ""
        candidates = [first] if first.strip() else []
        for nxt in lines[i + 1:i + 60]:
            if not nxt.lstrip().startswith(("-", "+", "•", "–")) or is_authority_line(nxt):
                break
            candidates.append(nxt)
        for c in candidates:
            for piece in re.split(r"(?:^|\s)[-–•+]\s+", " " + c):
                piece = piece.strip(" ;,.")
                if piece:
                    out.append(piece)
        return out
    return []


# ---------------------------------------------------------------- all together

def _place_of(found: str) -> str | None:
    return _MOTTO_PREFIX_RE.sub("", " ".join(found.split())).strip(" -–") or None


def parse_header(head: list[str], tail: list[str]) -> PlanMeta:
    meta = PlanMeta()
    site = _site_block(head)

    # number
    for line in head:
        m = _NUMBER_RE.search(line)
        if m:
            meta.number = normalise_number(m.group("n"))
            break
    if not meta.number and site.get("number"):
        meta.number = normalise_number(site["number"].split()[0])
    meta.doc_type = doc_type_of(meta.number)

    # place and date; else the place of a date left blank for signing, and its year if written
    year_written: int | None = None
    for line in head:
        probe = _NUMBER_RE.sub(" ", line)
        if "/" in probe:
            probe = _BLANK_NUMBER_RE.sub(" ", probe)
        m = _PLACE_DATE_RE.search(probe) or _PLACE_DATE_NUM_RE.search(probe)
        if m:
            meta.place = _place_of(m.group("place"))
            meta.issued_on = make_date(m.group("y"), m.group("m"), m.group("d"))
            break
    else:
        for line in head:
            probe = _BLANK_NUMBER_RE.sub(" ", _NUMBER_RE.sub(" ", line))
            m = _PLACE_BLANK_DATE_RE.search(probe) if "ngày" in probe.lower() else None
            if m:
                meta.place = _place_of(m.group("place") or m.group("place2"))
                y = m.group("y") or m.group("y2")
                year_written = int(y) if y and 1900 <= int(y) <= 2100 else None
                break
    if site.get("issued"):
        site_date, _ = first_date(site["issued"])
        meta.issued_on = meta.issued_on or site_date
    if site.get("effective"):
        meta.effective_on, _ = first_date(site["effective"])
    if meta.effective_on is None and meta.issued_on is not None:
        joined = " ".join(head[-200:] + tail[:50]).lower()
        if re.search(r"hiệu lực(?: thi hành)?(?: kể)? từ ngày ký", joined):
            meta.effective_on = meta.issued_on

    # issuer
    block = _issuer_block(head)
    if block:
        meta.issuer = normalise_issuer(block)
    elif site.get("issuer"):
        meta.issuer = _site_issuer(site["issuer"])

    meta.domain_field = site.get("field") or None

    # title
    site_title = None
    for line in head[:20]:
        m = _SITE_TITLE_RE.match(line)
        if m:
            site_title = m.group(3).strip()
            break
    title, heading_idx = _title_lines(head)
    if title is None:
        title = _decision_title(head)
    if title is None and site_title:
        title = site_title[:1].upper() + site_title[1:]
    if title and is_upper_line(title):
        province = ""
        if block:
            pm = re.search(rf"(?:{_UNIT})\s+(.+?)(?:\s+(?:SỞ|BAN)\s|$)", block)
            province = proper_case(pm.group(1)) if pm else ""
        singles = [s for s in (meta.place, province) if s]
        preamble = [line for line in head if _is_preamble(line)][:20]
        hints = casing_hints(([site_title] if site_title else []) + preamble, singles)
        title = sentence_case(title, hints)
    if title and title[0].islower():  # "KẾ HOẠCH" above a title in running case: "thực hiện …"
        title = title[0].upper() + title[1:]
    meta.title = title

    # year: that of the issue date, or of the date line whose day is left blank (only the
    # year counts in plan_year and plan_span; no issue date is made up)
    dated = meta.issued_on or (dt.date(year_written, 1, 1) if year_written else None)
    meta.year = plan_year(title, dated)
    span = plan_span(title, dated)
    meta.year_to = span[1] if span is not None else None

    # legal bases: preamble lines of the header (the decision's and the plan's own)
    meta.legal_bases = parse_legal_bases(head)

    # signature and recipients: after the plan, else (a decision wrapping the plan) in the header
    tail = signature_columns(tail)
    auth, stitle, name = parse_signature(tail)
    if not (auth or stitle):
        auth, stitle, name = parse_signature(head[:heading_idx] if heading_idx > 0 else head)
    meta.signer_authority, meta.signer_title = auth, stitle
    meta.signer = name or (site.get("signer") or None)
    meta.recipients = parse_recipients(tail) or parse_recipients(head)
    return meta
