"""Agencies assigned in an item's text, with their role (chủ trì / phối hợp).

Only explicit assignments count: "Sở Nội vụ chủ trì, phối hợp với Sở Y tế…", "Cơ quan chủ trì: X;
cơ quan phối hợp: Y, Z", "(X chủ trì; Y, Z phối hợp)", "Giao X chủ trì…". A bare mention ("theo
hướng dẫn của Bộ Nội vụ") is not an assignment and yields nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from gbapp.domain.model import AgencyRef, Role

# Words an agency name starts with (capitalised as in official texts), and group phrases.
_HEADS = (
    r"Sở|Ban|Hội|Bộ|Công an|Ủy ban|Uỷ ban|UBND|HĐND|Hội đồng|Đài|Báo|Tỉnh đoàn|Thành đoàn|Đoàn|"
    r"Liên đoàn|Liên minh|Mặt trận|MTTQ|Văn phòng|Thanh tra|Tòa án|Toà án|Viện|Trường|Trung tâm|Cục|"
    r"Chi cục|Tổng cục|Bảo hiểm|BHXH|Ngân hàng|Kho bạc|Cổng|Quỹ|Bệnh viện|Bộ Chỉ huy|Bộ đội|"
    r"Vụ|Chi nhánh|Học viện|Đại học|Phòng|Thường trực|Tổ công tác|Cơ quan thường trực|"
    r"[Cc]ác sở|[Cc]ác cơ quan|[Cc]ác đơn vị|[Cc]ác địa phương|[Cc]ác ngành|[Cc]ác tổ chức|[Cc]ác hội|"
    r"[Cc]ác đoàn thể|[Cc]ác huyện|[Cc]ác xã|[Cc]ác Ban|[Cc]ác Sở|[Cc]ác thành viên|UBMTTQ|LĐLĐ"
)
_HEAD_FIRST = "".join(sorted({h[0] for h in _HEADS.replace("[Cc]", "c").split("|")} | {"C"}))
_HEAD_RE = re.compile(rf"(?=[{_HEAD_FIRST}])(?<![\w])(?:{_HEADS})(?![\w])")
_NEXT_HEAD_RE = re.compile(rf"^\s*(?:{_HEADS})(?![\w])")

# Words that end a list of agencies (the verb of the assignment, a purpose…).
_STOP_WORDS = (
    r"thực hiện|triển khai|tổ chức|tham mưu|xây dựng|hướng dẫn|kiểm tra|theo dõi|rà soát|tuyên truyền|"
    r"nghiên cứu|đề xuất|báo cáo|lồng ghép|duy trì|trình|ban hành|tiến hành|để|nhằm|trong|theo|tại|"
    r"đảm bảo|bảo đảm|tổng hợp|đánh giá|phổ biến|biên soạn|cung cấp|hỗ trợ|vận động|chỉ đạo|giám sát|"
    r"phát động|tập huấn|bồi dưỡng|đôn đốc|khảo sát|thống kê|cập nhật|từ|năm|quý|trước|Thời gian|"
    r"giới thiệu|quán triệt|bố trí|phân công|tiếp nhận|xử lý|biểu dương|khen thưởng|nhân rộng|"
    r"ký kết|thẩm định|phê duyệt|"
    r"thời gian|Sản phẩm|sản phẩm|Kinh phí|kinh phí"
)
_STOP_RE = re.compile(rf"\s+(?:{_STOP_WORDS}|là|có trách nhiệm|chịu trách nhiệm)(?![\w])|[.;:()\[\]\n]")

# Matched on the lower-cased text (same positions): IGNORECASE on Unicode is slow on big plans.
_LEAD_COLON_RE = re.compile(
    r"chủ\s+trì(?:\s+thực\s+hiện)?\s*:\s*(?P<v>[^;\n]+?)\s*(?=[;\n]|\.(?:\s|$)|$)"
)
_COORD_COLON_RE = re.compile(
    r"phối\s+hợp(?:\s+thực\s+hiện)?\s*:\s*(?P<v>[^;\n]+?)\s*(?=[;\n]|\.(?:\s|$)|$)"
)
_ANY_COLON_RE = re.compile(r"(?:trì|hợp)(?:\s+thực\s+hiện)?\s*:")
_LEAD_RE = re.compile(r"chủ\s+trì(?!\s*:)")
# "phối hợp với Sở Y tế"; also "phối hợp Sở Y tế" when an agency name follows at once.
_WITH_RE = re.compile(r"\s*(?:,|và)?\s*phối\s+hợp\s+(?:chặt\s+chẽ\s+)?"
                      rf"(?:(?:với|cùng)\s+|(?=(?:{_HEADS.lower()})(?![\w])))")
# "Sở Nội vụ (chủ trì), Sở Tài chính (phối hợp)": the role in brackets after each name.
_PAREN_ROLE_RE = re.compile(r"\(\s*(chủ\s+trì|phối\s+hợp)\s*\)")
# A remark in brackets between a name and its role: "Sở Nội vụ (cơ quan thường trực) chủ trì".
_TRAILING_REMARK_RE = re.compile(r"\s*\([^()]*\)\s*$")
_COORD_AFTER_RE = re.compile(r"phối\s+hợp(?=\s*(?:[);.\n]|$|thực hiện))")
_CLAUSE_BREAK = re.compile(r"[.;:()\[\]\n]")
_MAX_NAME = 120
_LIST_SEP_RE = re.compile(r",|\bvà\b|/|;")


def extract_agencies(text: str) -> list[AgencyRef]:
    """Agencies assigned in *text* with their role, in order of appearance, each name once."""
    if not text:
        return []
    low = text.lower()
    has_lead, has_coord = "chủ trì" in low, "phối hợp" in low
    if not has_lead and not has_coord:
        return []
    found: list[tuple[int, str, Role]] = []

    if len(low) != len(text):  # a rare character changed length when lower-cased
        low = text

    def word_start(pos: int) -> bool:
        return pos == 0 or not low[pos - 1].isalnum()

    if ":" in text and _ANY_COLON_RE.search(low):
        for regex, role in ((_LEAD_COLON_RE, Role.LEAD), (_COORD_COLON_RE, Role.COORDINATING)):
            for m in regex.finditer(low):
                if word_start(m.start()):
                    for name in split_agency_list(text[m.start("v"):m.end("v")]):
                        found.append((m.start(), name, role))

    for m in _LEAD_RE.finditer(low) if has_lead else ():
        if not word_start(m.start()):
            continue
        before = text[max(0, m.start() - 160):m.start()]
        if before.rstrip().endswith(")"):
            before = _TRAILING_REMARK_RE.sub(" ", before)
        lead = _name_before(before)
        if lead:
            found.append((m.start(), lead, Role.LEAD))
            w = _WITH_RE.match(low, m.end(), m.end() + 80)
            if w:
                after = text[w.end():w.end() + 300]
                cut = _CLAUSE_BREAK.search(after)  # where _until_stop would stop at the latest
                for name in _names_until_stop(after[:cut.start()] if cut else after):
                    found.append((w.end(), name, Role.COORDINATING))

    for m in _COORD_AFTER_RE.finditer(low) if has_coord else ():
        if not word_start(m.start()):
            continue
        # "(X chủ trì; Y, Z phối hợp)": the list precedes "phối hợp"
        before = text[max(0, m.start() - 160):m.start()]
        clause = _CLAUSE_BREAK.split(before)[-1]
        if "phối hợp" in clause:
            continue
        lead_at = clause.lower().rfind("chủ trì")
        if lead_at >= 0:  # "(X chủ trì, Y phối hợp)": Y is what follows the lead's clause
            clause = clause[lead_at + len("chủ trì"):]
        for name in split_agency_list(_from_first_head(clause)):
            found.append((m.start(), name, Role.COORDINATING))

    if "(" in text:
        for m in _PAREN_ROLE_RE.finditer(low):
            clause = _CLAUSE_BREAK.split(text[max(0, m.start() - 160):m.start()])[-1]
            names = split_agency_list(_from_first_head(clause))
            if names:
                role = Role.LEAD if m.group(1).startswith("chủ") else Role.COORDINATING
                found.append((m.start(), names[-1], role))

    found.sort(key=lambda t: t[0])
    out: list[AgencyRef] = []
    seen: set[str] = set()
    for _, name, role in found:
        key = name.casefold()
        if key in seen:
            continue
        seen.add(key)
        out.append(AgencyRef(name=name, role=role))
    return out


def _from_first_head(clause: str) -> str:
    m = _HEAD_RE.search(clause)
    return clause[m.start():].strip() if m else ""


def _name_before(before: str) -> str:
    """The agency named right before "chủ trì" in the same clause."""
    return _lead_in_clause(_CLAUSE_BREAK.split(before)[-1])


@lru_cache(maxsize=4096)
def _lead_in_clause(clause: str) -> str:
    # Plans name the same few dozen agencies before "chủ trì" again and again: cached.
    name = _clean_name(_until_stop(_from_first_head(clause)))
    if not name or len(name) > _MAX_NAME:
        return ""
    # "Sở A, Sở B chủ trì" — joint leads are rare; keep the whole phrase as one lead only if no head
    # word starts a second name, else the last one.
    names = split_agency_list(name)
    return names[-1] if len(names) > 1 else name


@lru_cache(maxsize=4096)
def _names_until_stop(s: str) -> tuple[str, ...]:
    # The same "Sở X, Sở Y thực hiện" clauses recur all through a plan: cached.
    return tuple(split_agency_list(_until_stop(s)))


def _until_stop(s: str) -> str:
    m = _STOP_RE.search(s)
    return s[:m.start()] if m else s


_LEADING_WORDS = ("và ", "với ", "cùng ", "giao cho ", "giao ", "Giao cho ", "Giao ", "Và ", "Với ", "Cùng ")
_TRAILING_WORDS = (" và", " với", " cùng")


def _clean_name(name: str) -> str:
    name = " ".join(name.split()).strip(" ,;.-–")
    for w in _LEADING_WORDS:
        if name.startswith(w):
            name = name[len(w):]
            break
    for w in _TRAILING_WORDS:
        if name.endswith(w):
            name = name[:-len(w)]
            break
    return name.strip(" ,;.-–")


def split_agency_list(s: str) -> list[str]:
    return list(_split_cached(s or ""))


@lru_cache(maxsize=4096)
def _split_cached(s: str) -> tuple[str, ...]:
    """'Sở Y tế, Công an tỉnh và UBND các huyện' -> three names.

    Commas and "và" split only where a new agency name starts, so 'Sở Văn hóa, Thể thao và Du lịch'
    and 'các sở, ban, ngành' stay whole.
    """
    s = " ".join((s or "").split())
    if not s:
        return []
    pieces: list[str] = []
    start = 0
    if "," not in s and "và" not in s and "/" not in s and ";" not in s:
        name = _clean_name(s)
        return (name,) if name and len(name) <= _MAX_NAME and any(ch.isalpha() for ch in name) else ()
    for m in _LIST_SEP_RE.finditer(s):
        if _NEXT_HEAD_RE.match(s[m.end():]):
            pieces.append(s[start:m.start()])
            start = m.end()
    pieces.append(s[start:])
    out = []
    for p in pieces:
        p = _clean_name(p)
        if p and len(p) <= _MAX_NAME and any(ch.isalpha() for ch in p):
            out.append(p)
    return tuple(out)
