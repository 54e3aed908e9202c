"""Agencies assigned in an item's text, with their role (chủ trì / phối hợp).

Only explicit assignments count: "Sở Nội vụ chủ trì, phối hợp với Sở Y tế…", "Cơ quan chủ trì: X;
cơ quan phối hợp: Y, Z", "(X chủ trì; Y, Z phối hợp)", "Giao X chủ trì…". A bare mention ("theo
hướng dẫn của Bộ Nội vụ") is not an assignment and yields nothing.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from gbapp.domain.model import AgencyRef, Role

# Words an agency name starts with (capitalised as in official texts), and group phrases.
_HEADS = (
    r"Sở|Ban|Hội|Bộ|Công an|Ủy ban|Uỷ ban|UBND|HĐND|Hội đồng|Đài|Báo|Tỉnh đoàn|Thành đoàn|Đoàn|"
    r"Tỉnh Đoàn|Thành Đoàn|"
    r"Liên đoàn|Liên minh|Mặt trận|MTTQ|Văn phòng|Thanh tra|Tòa án|Toà án|Viện|Trường|Trung tâm|Cục|"
    r"Chi cục|Tổng cục|Bảo hiểm|BHXH|Ngân hàng|Kho bạc|Cổng|Quỹ|Bệnh viện|Bộ Chỉ huy|Bộ đội|"
    r"Vụ|Chi nhánh|Học viện|Đại học|Phòng|Thường trực|Tổ công tác|Cơ quan thường trực|"
    r"[Cc]ác sở|[Cc]ác cơ quan|[Cc]ác đơn vị|[Cc]ác địa phương|[Cc]ác ngành|[Cc]ác tổ chức|[Cc]ác hội|"
    r"[Cc]ác đoàn thể|[Cc]ác huyện|[Cc]ác xã|[Cc]ác Ban|[Cc]ác Sở|[Cc]ác thành viên|UBMTTQ|LĐLĐ|"
    # commune and party bodies, and the post-2025 names of the tax and statistics offices
    r"Trạm|Đảng ủy|Đảng uỷ|Đảng bộ|Chi bộ|Tỉnh ủy|Tỉnh uỷ|Huyện ủy|Huyện uỷ|Thành ủy|Thành uỷ|"
    r"Huyện đoàn|Xã đoàn|Công đoàn|Thuế|Thống kê|Công chức|Chi hội|Ban Chỉ huy|Hạt|Đồn|Cảnh sát|"
    r"Nhà văn hóa|Nhà văn hoá|Bưu điện|Điện lực|[Cc]ác bệnh viện|[Cc]ác trường|[Cc]ác phòng|"
    r"[Cc]ác trạm|[Cc]ác chi hội|[Cc]ác cơ sở|"
    # culture and social bodies, and "các ban, ngành" written in lower case
    r"Thư viện|Bảo tàng|Nhà hát|Tạp chí|Hợp tác xã|Nhà xuất bản|Cơ sở|"
    r"[Cc]ác ban(?!\s+(?:chỉ\s+đạo|quản\s+lý|chuyên))"
)
# Heads that also start ordinary words ("Hội nghị", "Ban hành", "Phòng ngừa", "Thống kê số liệu"):
# a name starting with one of them is only trusted where nothing else bounds it (a second lead
# before "chủ trì", a heading) when a capitalised word or a place follows it.
_WEAK_HEADS = frozenset(h for h in _HEADS.split("|") if " " not in h and not h.isupper()) | {
    "Thống kê", "Công chức", "Nhà văn hóa", "Nhà văn hoá", "Đảng ủy", "Đảng uỷ", "Đảng bộ",
    "Chi bộ", "Cơ sở", "Thư viện", "Tạp chí"}
_PLACE_WORDS = ("tỉnh", "thành phố", "huyện", "xã", "phường", "thị xã", "thị trấn", "quận",
                "khu vực", "cơ sở", "nhân dân", "thôn", "bản", "tổ dân phố")
_HEAD_FIRST = "".join(sorted({h[0] for h in _HEADS.replace("[Cc]", "c").split("|")} | {"C"}))
_HEAD_RE = re.compile(rf"(?=[{_HEAD_FIRST}])(?<![\w])(?:{_HEADS})(?![\w])")
_NEXT_HEAD_RE = re.compile(rf"^\s*(?:{_HEADS})(?![\w])")
# In a list, a new name may also start with a bullet: "Sở Y tế;\n- Công an tỉnh" in a table cell.
_BULLETS = "-–•+*·"
_NEXT_ITEM_RE = re.compile(rf"\s*(?:[{_BULLETS}]\s*)?(?:{_HEADS})(?![\w])")
_HEAD_AT_RE = re.compile(rf"(?:{_HEADS})(?![\w])")

# Words that end a list of agencies (the verb of the assignment, a purpose…).
_STOP_WORDS = (
    r"thực hiện|triển khai|tổ chức|tham mưu|xây dựng|hướng dẫn|kiểm tra|theo dõi|rà soát|tuyên truyền|"
    r"nghiên cứu|đề xuất|báo cáo|lồng ghép|duy trì|trình|ban hành|tiến hành|để|nhằm|trong|theo|tại|"
    r"đảm bảo|bảo đảm|tổng\s+hợp(?!\s+(?:tỉnh|thành\s+phố|huyện|xã|phường|đặc\s+khu))|"
    r"đánh giá|phổ biến|biên soạn|cung cấp|hỗ trợ|vận động|chỉ đạo|giám sát|"
    r"phát động|tập huấn|bồi dưỡng|đôn đốc|khảo sát|thống kê|cập nhật|từ|năm|quý|trước|Thời gian|"
    r"giới thiệu|quán triệt|bố trí|phân công|tiếp nhận|xử lý|biểu dương|khen thưởng|nhân rộng|"
    r"ký kết|thẩm định|phê duyệt|do|được|giao(?!\s+(?:thông|lưu|dịch))|đề nghị|yêu cầu|"
    r"tư vấn|chăm sóc|can thiệp|giải quyết|thu thập|soạn thảo|kiện toàn|nâng cao|tăng cường|"
    r"đẩy mạnh|củng cố|chuẩn bị|huy động|thành lập|điều tra|sơ kết|tổng kết|tiếp tục|chủ động|"
    r"thường xuyên|định kỳ|đăng tải|phát hành|phát hiện|ngăn chặn|"
    r"thời gian|Sản phẩm|sản phẩm|Kinh phí|kinh phí|"
    # the duty after a name: "… cử cán bộ tham gia"
    r"tham\s+gia|"
    r"cử\s+(?:cán\s+bộ|người|đại\s+biểu|thành\s+viên|lực\s+lượng)|"
    r"lập\s+(?:danh\s+sách|kế\s+hoạch|hồ\s+sơ|báo\s+cáo)"
)
# ("các tổ chức chính trị - xã hội" is a name, not a verb)
_STOP_RE = re.compile(rf"(?<!các)(?<!Các)\s+(?:{_STOP_WORDS}|là|có trách nhiệm|chịu trách nhiệm)(?![\w])"
                      r"|[.;:()\[\]\n]")

# Matched on the lower-cased text (same positions): IGNORECASE on Unicode is slow on big plans.
_LEAD_COLON_RE = re.compile(
    r"chủ\s+trì(?:\s+thực\s+hiện)?\s*:\s*(?P<v>[^;\n]+?)\s*(?=[;\n]|\.(?:\s|$)|$)"
)
_COORD_COLON_RE = re.compile(
    r"phối\s+hợp(?:\s+thực\s+hiện)?\s*:\s*(?P<v>[^;\n]+?)\s*(?=[;\n]|\.(?:\s|$)|$)"
)
# "Cơ quan thực hiện: X", "Đơn vị thực hiện: X": the agencies that carry the task out lead it.
_DOER_COLON_RE = re.compile(
    r"(?:cơ\s+quan|đơn\s+vị)(?:\s*,\s*(?:cơ\s+quan|đơn\s+vị))?\s+thực\s+hiện\s*:\s*"
    r"(?P<v>[^;\n]+?)\s*(?=[;\n]|\.(?:\s|$)|$)"
)
_ANY_COLON_RE = re.compile(r"(?:trì|hợp)(?:\s+thực\s+hiện)?\s*:")
# "Cơ quan chủ trì: Sở Nội vụ; Hội Liên hiệp Phụ nữ tỉnh": a further name after the semicolon.
_MORE_AFTER_SEMICOLON_RE = re.compile(r"\s*;\s*(?P<v>[^;\n]+?)\s*(?=[;\n]|\.(?:\s|$)|$)")
_LEAD_RE = re.compile(r"chủ\s+trì(?!\s*:)")
# "phối hợp với Sở Y tế"; also "phối hợp Sở Y tế" when an agency name follows at once.
_WITH_RE = re.compile(r"\s*(?:,|và)?\s*phối\s+hợp\s+(?:chặt\s+chẽ\s+)?"
                      rf"(?:(?P<with>với|cùng)\s+|(?=(?:{_HEADS.lower()})(?![\w])))")
# "Phối hợp với Tỉnh đoàn tổ chức…" at the start of a duty whose agency is named by its heading.
_LEADING_WITH_RE = re.compile(r"[\s\-–+•]*phối\s+hợp\s+(?:chặt\s+chẽ\s+)?(?:với|cùng)\s+")
# "Sở Nội vụ (chủ trì), Sở Tài chính (phối hợp)": the role in brackets after each name.
_PAREN_ROLE_RE = re.compile(r"\(\s*(chủ\s+trì|phối\s+hợp)\s*\)")
# A remark in brackets between a name and its role: "Sở Nội vụ (cơ quan thường trực) chủ trì".
_TRAILING_REMARK_RE = re.compile(r"\s*\([^()]*\)\s*$")
_COORD_AFTER_RE = re.compile(r"phối\s+hợp(?=\s*(?:[);.\n]|$|(?:tổ chức\s+)?thực hiện))")
# "Đề nghị UBMTTQ tỉnh và các tổ chức chính trị - xã hội phối hợp tuyên truyền…": others asked
# to take part in a duty ("quy chế phối hợp trong…", "công tác phối hợp theo…" are no request)
_DUTY_VERBS = (r"(?:tuyên\s+truyền|tổ\s+chức|triển\s+khai|tham\s+mưu|vận\s+động|hướng\s+dẫn|"
               r"kiểm\s+tra|theo\s+dõi|thực\s+hiện|tham\s+gia|hỗ\s+trợ|giám\s+sát|cung\s+cấp|"
               r"xây\s+dựng)(?![\w])")
_COORD_VERB_RE = re.compile(r"phối\s+hợp\s+" + _DUTY_VERBS)
# (it ends with _COORD_VERB_RE's text: a text with no match of that has none of this)
_REQUEST_COORD_RE = re.compile(
    r"(?:^|(?<=[\s(]))(?:đề\s+nghị|giao(?:\s+cho)?|yêu\s+cầu)\s+(?P<names>[^.;:()\n]{3,200}?)\s+"
    + _COORD_VERB_RE.pattern)
_CLAUSE_BREAK = re.compile(r"[.;:()\[\]\n]")
_MAX_NAME = 120
_LIST_SEP_RE = re.compile(r",|\bvà\b|/|;")
# A duty given to someone else than the heading's agency: "Giao Sở Tài chính…", "Đề nghị…".
_OTHER_SUBJECT_RE = re.compile(r"(?:Giao(?:\s+cho)?|Đề\s+nghị|Yêu\s+cầu)\s")
_BLANK = " \t-–+•*"


def _role_colon(low: str) -> bool:
    """_ANY_COLON_RE.search(low), looking only before each colon ("Thời gian:" and "Sản phẩm:"
    are in most items; the pattern alone scans the whole text from every "trì" and "hợp")."""
    at = low.find(":")
    while at != -1:
        head = low[max(0, at - 40):at].rstrip()
        if head.endswith(("trì", "hợp")) or (head.endswith("hiện") and _ANY_COLON_RE.search(
                low, max(0, at - 40), at + 1)):
            return True
        at = low.find(":", at + 1)
    return False


def extract_agencies(text: str, subject: tuple[str, ...] = ()) -> list[AgencyRef]:
    """Agencies assigned in *text* with their role, in order of appearance, each name once.

    *subject* names the agencies a heading makes responsible for the text ("2. Sở Y tế" above
    "- Chủ trì, phối hợp với Công an tỉnh…"): they lead a duty whose sentence names no one else.
    """
    if not text:
        return []
    low = text.lower()
    has_lead, has_coord = "chủ trì" in low, "phối hợp" in low
    has_doer = "hiện:" in low or "hiện :" in low  # "Đơn vị thực hiện: …"
    if not has_lead and not has_coord and ("chu tri" in low or "phoi hop" in low):
        # lines typed without diacritics: "Hoi Lien hiep Phu nu xa chu tri; Xa doan phoi hop."
        fixed = _with_diacritics(text)
        if fixed != text:
            return [a if a.name in text else AgencyRef(name=_fold(a.name), role=a.role)
                    for a in extract_agencies(fixed, subject)]
    if not has_lead and not has_coord and not has_doer and not subject:
        if "Giao " in text:  # "Giao Sở Y tế thực hiện…": the agency given the duty leads it
            given = _given_to(text)
            if given:
                return [AgencyRef(name=n, role=Role.LEAD) for n in dict.fromkeys(given)]
        # "Cung cấp dịch vụ … (Sở Y tế, Công an tỉnh).": read as "the first named leads"
        return _bracket_agencies(text) if ")" in text[-3:] else []
    found: list[tuple[int, str, Role]] = []

    if len(low) != len(text):  # a rare character changed length when lower-cased
        low = text

    def word_start(pos: int) -> bool:
        return pos == 0 or not low[pos - 1].isalnum()

    if ":" in text:
        if (has_lead or has_coord) and _role_colon(low):
            for regex, role in ((_LEAD_COLON_RE, Role.LEAD), (_COORD_COLON_RE, Role.COORDINATING)):
                for m in regex.finditer(low):
                    if word_start(m.start()):
                        for name in _colon_names(text, m.start("v"), m.end("v"), low):
                            found.append((m.start(), name, role))
        if has_doer:
            for m in _DOER_COLON_RE.finditer(low):
                value = low[m.start("v"):m.end("v")]
                # "Đơn vị thực hiện: Sở Nội vụ (chủ trì), …": the roles are read elsewhere
                if word_start(m.start()) and "chủ trì" not in value and "phối hợp" not in value:
                    for name in _colon_names(text, m.start("v"), m.end("v"), low):
                        found.append((m.start(), name, Role.LEAD))

    for m in _LEAD_RE.finditer(low) if has_lead else ():
        if not word_start(m.start()):
            continue
        before = text[max(0, m.start() - 160):m.start()]
        if before.rstrip().endswith(")"):
            before = _TRAILING_REMARK_RE.sub(" ", before)
        leads = _names_before(before)
        if not leads:
            # "Chủ trì, phối hợp với…" with no name before: the name before a colon ("Sở Nội vụ:
            # Chủ trì…"), else the agency of the heading.
            pieces = _CLAUSE_BREAK.split(before)
            if not pieces[-1].strip(_BLANK):
                brk = before[len(before) - len(pieces[-1]) - 1] if len(pieces) > 1 else ""
                if brk == ":":
                    leads = agency_heading(pieces[-2]) or subject
                elif brk not in ("(", ")", "[", "]"):
                    leads = subject
        if leads:
            for name in leads:
                found.append((m.start(), name, Role.LEAD))
            w = _WITH_RE.match(low, m.end(), m.end() + 80)
            # "phối hợp Sở Y tế" but not "phối hợp báo cáo": a name follows, capitalised
            if w and (w.group("with") or _HEAD_AT_RE.match(text, w.end())):
                at = w.end()
                after = text[at:at + 300]
                cut = _CLAUSE_BREAK.search(after)  # where _until_stop would stop at the latest
                for name in _names_until_stop(after[:cut.start()] if cut else after):
                    found.append((at, name, Role.COORDINATING))

    for m in _COORD_AFTER_RE.finditer(low) if has_coord else ():
        if not word_start(m.start()):
            continue
        # "(X chủ trì; Y, Z phối hợp)": the list precedes "phối hợp"
        before = text[max(0, m.start() - 160):m.start()]
        clause = _CLAUSE_BREAK.split(before)[-1]
        if "phối hợp" in clause:
            continue
        for name in _names_before(clause):
            found.append((m.start(), name, Role.COORDINATING))

    # "phối hợp <duty verb>": a request ends with it, and so does a clause of names only
    coord_verbs = list(_COORD_VERB_RE.finditer(low)) if has_coord else ()
    if coord_verbs and ("nghị" in low or "giao" in low or "cầu" in low):
        for m in _REQUEST_COORD_RE.finditer(low):
            names = _only_names(text[m.start("names"):m.end("names")])
            found.extend((m.start("names"), n, Role.COORDINATING) for n in names)
    if coord_verbs:
        # "Sở Y tế chủ trì; Sở GD&ĐT, Hội LHPN tỉnh phối hợp triển khai": a clause of names only
        for m in coord_verbs:
            if not word_start(m.start()):
                continue
            clause = _CLAUSE_BREAK.split(text[max(0, m.start() - 200):m.start()])[-1]
            names = _only_names(clause)
            found.extend((m.start(), n, Role.COORDINATING) for n in names)

    if "(" in text:
        for m in _PAREN_ROLE_RE.finditer(low):
            clause = _CLAUSE_BREAK.split(text[max(0, m.start() - 160):m.start()])[-1]
            names = split_agency_list(_from_first_head(clause))
            if names:
                role = Role.LEAD if m.group(1).startswith("chủ") else Role.COORDINATING
                found.append((m.start(), names[-1], role))

    if "Giao " in text and not any(role is Role.LEAD for _, _, role in found):
        found.extend((0, name, Role.LEAD) for name in _given_to(text))
    if subject and not any(role is Role.LEAD for _, _, role in found) and _duty_of(text, subject):
        # a duty under "2. Sở Y tế" ("- Phối hợp với Tỉnh đoàn…", "- Chỉ đạo các cơ sở…"),
        # or the heading's own text ("UBND các xã, phường: Căn cứ Kế hoạch này…")
        found.extend((-1, name, Role.LEAD) for name in subject)
        w = _LEADING_WITH_RE.match(low) if has_coord else None
        if w:
            after = text[w.end():w.end() + 300]
            cut = _CLAUSE_BREAK.search(after)
            for name in _names_until_stop(after[:cut.start()] if cut else after):
                found.append((w.end(), name, Role.COORDINATING))

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


# What may follow the names in a closing bracket: "(Sở Nội vụ, Tỉnh đoàn; thời gian từ ngày 15/11…)".
_BRACKET_TIME_RE = re.compile(
    r"\s*(?:(?:thực\s+hiện|hoàn\s+thành)\s*:?\s*)?(?:thời\s+gian|trước|trong|từ|quý|quí|năm|tháng|"
    r"hằng|hàng|định\s+kỳ|thường\s+xuyên|cả\s+năm|giai\s+đoạn|\d)"
    r"|\s*hoàn\s+thành(?![\w])")
_ACRONYM_RE = re.compile(r"(?<![\w])[A-ZĐ]{2,}(?![\w])")


# "Giao Sở Y tế thực hiện…", "Giao cho Sở Nội vụ theo dõi…" at the start of a sentence
_GIVEN_RE = re.compile(r"(?:^|(?<=[\n.;]))[\s\-–+•*]*Giao(?:\s+cho)?\s+")


def _given_to(text: str) -> list[str]:
    """The agencies a sentence "Giao X <verb> …" gives its duty to: the names before the verb."""
    out: list[str] = []
    for m in _GIVEN_RE.finditer(text):
        after = text[m.end():m.end() + 300]
        stop = _STOP_RE.search(after)
        if stop is None or not stop.group().strip()[:1].isalpha():
            continue  # no verb follows the names
        end = _CLAUSE_BREAK.search(after, stop.start())
        if "phối hợp" in after[:end.start() if end else len(after)].lower():
            continue  # "Giao Công an tỉnh tăng cường phối hợp kiểm tra": a part in others' duty
        out.extend(_only_names(after[:stop.start()]))
    return out


def _bracket_agencies(text: str) -> list[AgencyRef]:
    """Agencies named alone in the bracket that ends *text*, with no role: the first leads, the
    others coordinate. A bracket with other words ("(theo hướng dẫn của Bộ Nội vụ)", "(nếu
    có)") or an abbreviation after a name ("Hội Liên hiệp Phụ nữ tỉnh (Hội LHPN)") gives none."""
    close = text.rfind(")")
    if close < 0 or text[close + 1:].strip(" .;"):
        return []
    open_ = text.rfind("(", 0, close)
    if open_ < 0:
        return []
    inner = text[open_ + 1:close]
    if len(inner) > 400 or ")" in inner:
        return []
    parts = inner.split(";")
    for part in parts[1:]:
        if not _BRACKET_TIME_RE.match(part.lower()):
            return []
    value = " ".join(parts[0].split())
    if "," in value:  # "(Hội Liên hiệp Phụ nữ đặc khu, Quý IV/2025)": the time after a comma
        at = value.find(",")
        while at != -1:
            if _BRACKET_TIME_RE.match(value[at + 1:].lower()):
                value = value[:at].rstrip()
                break
            at = value.find(",", at + 1)
    if not value or not _HEAD_AT_RE.match(value) or _until_stop(value) != value:
        return []
    names = split_agency_list(value)
    if not names or not all(_plausible(n) for n in names):
        return []
    if len(names) == 1 and _ACRONYM_RE.search(names[0]):
        before = text[max(0, open_ - 100):open_]
        m = None
        for m in _HEAD_RE.finditer(before):
            pass
        if m and _plausible(before[m.start():].strip()) and not _CLAUSE_BREAK.search(before, m.start()) \
                and "," not in before[m.start():]:
            return []
    return [AgencyRef(name=n, role=Role.LEAD if i == 0 else Role.COORDINATING)
            for i, n in enumerate(dict.fromkeys(names))]


def _fold(s: str) -> str:
    """*s* without diacritics: "Hội Liên hiệp" -> "Hoi Lien hiep"."""
    s = unicodedata.normalize("NFD", s).replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in s if not unicodedata.combining(ch))


# Words too short or too common to be given diacritics safely ("tu" is "từ" but also "Đầu tư").
_AMBIGUOUS_ASCII = frozenset({"tu", "de", "do", "nam", "tai", "la", "co", "duoc", "quan", "ban", "luu",
                              "Truong", "Vu", "Cuc", "Tram", "Dai", "Bao", "Ban", "Quy", "Hat",
                              "Don", "Cong", "Thue"})


@lru_cache(maxsize=1)
def _ascii_words() -> tuple[re.Pattern[str], dict[str, str]]:
    """The role words, agency heads, place and stop words as typed without diacritics, with the
    word they stand for (same length: one NFC letter for one ASCII letter)."""
    words = set(_HEADS.replace("[Cc]ác", "các|Các").split("|"))
    words |= {w for w in _STOP_WORDS.split("|") if re.fullmatch(r"[^\W\d_]+(?: [^\W\d_]+)*", w)}
    words |= set(_PLACE_WORDS) | {"chủ trì", "phối hợp", "Chủ trì", "Phối hợp", "với", "cùng", "và",
                                  "chặt chẽ", "có trách nhiệm", "chịu trách nhiệm"}
    seen: dict[str, set[str]] = {}
    for w in words:
        seen.setdefault(_fold(w), set()).add(w)
    table = {k: next(iter(v)) for k, v in seen.items()
             if len(v) == 1 and k not in _AMBIGUOUS_ASCII and k != next(iter(v))}
    keys = sorted(table, key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w])"), table


def _with_diacritics(text: str) -> str:
    """*text* with its lines typed without diacritics given them on their role words, agency
    heads and stop words, letter for letter, so that the names keep their places. Lines that
    have any diacritic are left as they are."""
    regex, table = _ascii_words()
    lines = text.split("\n")
    return "\n".join(regex.sub(lambda m: table[m.group()], line) if line.isascii() else line
                     for line in lines)


def _duty_of(text: str, subject: tuple[str, ...]) -> bool:
    """Whether *text* is a duty of the heading's agencies: it starts with their name or names
    no one ("Chủ trì…", "Chỉ đạo…"), not "Giao Sở Tài chính…" or "Sở Tài chính bố trí…"."""
    if text.startswith(subject[0]):
        return True
    return not _NEXT_HEAD_RE.match(text) and not _OTHER_SUBJECT_RE.match(text)


def _colon_names(text: str, start: int, end: int, low: str) -> list[str]:
    """The names after "Cơ quan chủ trì:", with those in further ';' parts that are only names."""
    names = list(_names_until_stop(text[start:end]))
    while True:
        m = _MORE_AFTER_SEMICOLON_RE.match(text, end)
        if not m:
            return names
        value = text[m.start("v"):m.end("v")]
        part = low[m.start("v"):m.end("v")]
        if ("chủ trì" in part or "phối hợp" in part or "thực hiện" in part
                or not _NEXT_HEAD_RE.match(value) or _until_stop(value) != value):
            return names
        more = _names_until_stop(value)
        if not all(_plausible(n) for n in more):
            return names
        names.extend(more)
        end = m.end("v")


def _from_first_head(clause: str) -> str:
    m = _HEAD_RE.search(clause)
    return clause[m.start():].strip() if m else ""


def _names_before(before: str) -> tuple[str, ...]:
    """The agencies named right before "chủ trì" / "phối hợp" in the same clause."""
    return _leads_in_clause(_CLAUSE_BREAK.split(before)[-1])


@lru_cache(maxsize=4096)
def _leads_in_clause(clause: str) -> tuple[str, ...]:
    # Plans name the same few dozen agencies before "chủ trì" again and again: cached.
    low = clause.lower()
    for role_word in ("chủ trì", "phối hợp"):  # "X chủ trì thẩm định … do cơ quan | chủ trì"
        at = low.rfind(role_word)
        if at >= 0:
            clause, low = clause[at + len(role_word):], low[at + len(role_word):]
    # The list runs from the first name after the last stop word ("UBND tỉnh giao | Sở Nội vụ");
    # if no name follows it, from the first name ("Sở Nội vụ theo chức năng, nhiệm vụ").
    last_stop = 0
    at_place = False
    for m in _STOP_RE.finditer(clause):
        last_stop = m.end()
        at_place = m.group().strip() in ("tại", "ở")
    phrase = _from_first_head(clause[last_stop:]) if last_stop else ""
    if not phrase:
        phrase = _until_stop(_from_first_head(clause))
    phrase = _clean_name(phrase)
    if phrase.endswith((" đồng", " cùng")):  # "Sở A và Hội B đồng chủ trì"
        phrase = phrase[:-5].rstrip(" ,")
    if not phrase:
        return ()
    names = split_agency_list(phrase)
    if at_place and len(names) > 1 and phrase == _from_first_head(clause[last_stop:]):
        # "Tổ chức triển lãm tại Bảo tàng tỉnh, Sở Văn hóa chủ trì": the first is the place
        names = names[1:]
    if len(names) > 1:
        # Joint leads "Sở A, Hội B chủ trì": all of them, unless one is not really a name
        # ("Phòng, chống bạo lực gia đình, Công an tỉnh chủ trì"): then only the last, as before.
        if all(_plausible(n) for n in names[:-1]):
            return tuple(names)
        names = names[-1:]
    if not names or len(names[-1]) > _MAX_NAME:
        return ()
    return tuple(names)


def _only_names(segment: str) -> list[str]:
    """The agencies of *segment* when it holds names and nothing else ("Sở GD&ĐT, Hội LHPN
    tỉnh"); else none ("Sở Nội vụ chủ trì", "Báo Quảng Ngãi thường xuyên", "Hội nghị sơ kết")."""
    segment = segment.strip(_BLANK + " ,")
    if not segment or "chủ trì" in segment.lower() or _until_stop(segment) != segment:
        return []
    names = split_agency_list(segment)
    return names if names and all(_plausible(n) for n in names) else []


# After the lead of a line that only assigns: "…, phối hợp với Y", "…; Y phối hợp", a generic verb
_ASSIGN_WITH_RE = re.compile(
    r"\s*[,;]?\s*(?:và\s+)?phối\s+hợp\s+(?:chặt\s+chẽ\s+)?(?:với|cùng)\s+(?P<co>.+)$")
_ASSIGN_CO_BEFORE_RE = re.compile(r"\s*[,;]\s*(?P<co>.+?)\s+phối\s+hợp$")
_ASSIGN_VERBS = (" tổ chức thực hiện", " triển khai thực hiện", " thực hiện", " triển khai")


def is_assignment_only(text: str) -> bool:
    """Whether *text* only says who does the item above it: "Sở Nội vụ chủ trì, phối hợp với
    UBND các xã, phường.", "Phòng Văn hóa - Xã hội chủ trì;", "Công an tỉnh chủ trì; Sở Y tế
    phối hợp.", "Giao Sở Y tế chủ trì thực hiện." Not a duty that names its lead ("Sở Nội vụ
    chủ trì tổ chức kiểm tra tại 05 xã")."""
    s = " ".join(text.split()).rstrip(" .;,")
    at = s.find(" chủ trì")
    if at <= 0:
        return False
    lead, after = s[:at], s[at + 8:]
    low_after = after.lower()
    for verb in _ASSIGN_VERBS:
        if low_after.endswith(verb):
            after = after[:-len(verb)].rstrip(" ,")
            break
    if lead.startswith(("Giao cho ", "Giao ")):
        lead = lead[9:] if lead.startswith("Giao cho ") else lead[5:]
    if not _only_names(lead):
        return False
    if not after.strip(" ,;"):
        return True
    m = _ASSIGN_WITH_RE.match(after) or _ASSIGN_CO_BEFORE_RE.match(after)
    return m is not None and bool(_only_names(m.group("co")))


def _plausible(name: str) -> bool:
    """A name that starts like an agency's and not like an ordinary phrase ("Hội nghị…")."""
    m = _HEAD_AT_RE.match(name)
    if not m:
        return False
    head = m.group()
    if head not in _WEAK_HEADS:
        return True
    rest = name[m.end():].lstrip()
    if not rest:
        return False
    first = rest[0]
    if rest.startswith("và ") and rest[3:4].isupper():  # "Báo và Phát thanh, Truyền hình tỉnh"
        return True
    return first.isupper() or first.isdigit() or rest.startswith(_PLACE_WORDS)


def starts_like_agency(text: str) -> bool:
    """Whether *text* (a line of a table cell) starts with an agency's name ("Sở Nội vụ",
    "Các sở, ngành liên quan", "- Công an tỉnh;"), not with an ordinary word ("Hội nghị…")."""
    return _plausible(text.lstrip(_BLANK))


def agency_heading(title: str) -> tuple[str, ...]:
    """The agencies a heading names, when it is only a name, maybe followed by ':' and a duty:
    "Sở Y tế", "Sở Giáo dục và Đào tạo:", "Sở Nội vụ: Chủ trì…", "UBND các xã, phường: Căn cứ…".
    Else ()."""
    # called for every item: most titles ("Tổ chức…", "Tuyên truyền…") fail the first test
    if not title or title[0] not in _HEAD_FIRST:
        return ()
    if title.startswith(_REQUEST_HEADS):
        # "4. Đề nghị Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh" over
        # their duties: bodies outside the administration are asked, not ordered
        rest = title.split(" ", 2)[2].lstrip()
        return _agency_heading(rest) if rest and _HEAD_AT_RE.match(rest) else ()
    if not _HEAD_AT_RE.match(title):
        return ()
    return _agency_heading(title)


_REQUEST_HEADS = ("Đề nghị ",)


@lru_cache(maxsize=1024)
def _agency_heading(title: str) -> tuple[str, ...]:
    name = title.split(":", 1)[0] if ":" in title else title
    name = " ".join(name.split()).rstrip(" .")
    if name.endswith(")"):  # "Sở Nội vụ (cơ quan thường trực)"
        name = _TRAILING_REMARK_RE.sub("", name)
    if not name or len(name) > _MAX_NAME or _until_stop(name) != name:
        return ()
    low = name.lower()
    if "chủ trì" in low or "phối hợp" in low:
        return ()
    if low.startswith("các ") and ":" not in title \
            and any(f" {verb} " in f" {low} " for verb in _HEADING_DUTIES):
        # "Các huyện, thị xã, thành phố lựa chọn mô hình điểm": a duty given to a group, not a
        # heading ("Hội đồng lựa chọn sách giáo khoa tỉnh" is a name)
        return ()
    names = split_agency_list(name)
    if not names or not all(_plausible(n) for n in names):
        return ()
    return tuple(names)


@lru_cache(maxsize=4096)
def _names_until_stop(s: str) -> tuple[str, ...]:
    # The same "Sở X, Sở Y thực hiện" clauses recur all through a plan: cached.
    return tuple(split_agency_list(_until_stop(s)))


def _until_stop(s: str) -> str:
    m = _STOP_RE.search(s)
    return s[:m.start()] if m else s


# words that make a title a duty rather than an agency's name
_HEADING_DUTIES = ("lựa chọn", "tham gia", "cử", "lập", "gửi", "báo cáo")
_LEADING_WORDS = ("và ", "với ", "cùng ", "giao cho ", "giao ", "Giao cho ", "Giao ", "Và ", "Với ", "Cùng ")
_TRAILING_WORDS = (" và", " với", " cùng")


def _clean_name(name: str) -> str:
    name = " ".join(name.split()).strip(" ,;.-–•+*·")
    for w in _LEADING_WORDS:
        if name.startswith(w):
            name = name[len(w):]
            break
    for w in _TRAILING_WORDS:
        if name.endswith(w):
            name = name[:-len(w)]
            break
    return name.strip(" ,;.-–•+*·")


# Heads that name no agency by themselves ("Sở", "Trường", "Liên đoàn", "Ủy ban"): a line or a
# list piece that ends on one was cut in the middle of a name ("Liên đoàn" over "Lao động tỉnh").
_BARE_HEADS = tuple(sorted((
    "Sở", "Ban", "Hội", "Bộ", "Ủy ban", "Uỷ ban", "Hội đồng", "Đài", "Báo", "Liên đoàn",
    "Liên minh", "Mặt trận", "Văn phòng", "Tòa án", "Toà án", "Viện", "Trường", "Trung tâm", "Cục",
    "Chi cục", "Tổng cục", "Bảo hiểm", "Ngân hàng", "Kho bạc", "Quỹ", "Bệnh viện", "Bộ Chỉ huy",
    "Ban Chỉ huy", "Chi nhánh", "Học viện", "Đại học", "Phòng", "Trạm", "Chi hội", "Thư viện",
    "Bảo tàng", "Nhà hát", "Tạp chí", "Nhà xuất bản", "Vụ", "Hạt", "Đồn"), key=len, reverse=True))
_BARE_LAST_WORDS = frozenset(h.rsplit(" ", 1)[-1] for h in _BARE_HEADS)
_BARE_HEAD_RE = "|".join(_BARE_HEADS)
_PIECE_STARTS = ",;:(/-–+•"
# "Liên đoàn, Lao động tỉnh": a cell's broken line joined to its head by a list comma
_BARE_HEAD_COMMA_RE = re.compile(
    rf"(?:^|(?<=[{_PIECE_STARTS}])|(?<=[{_PIECE_STARTS}] ))({_BARE_HEAD_RE})\s*,\s*"
    rf"(?=[A-ZĐÀ-Ỹ])(?!(?:{_HEADS})(?![\w]))")


def ends_with_bare_head(text: str) -> bool:
    """Whether *text* ends on an agency's head word with no name after it ("…, Trường",
    "…; Liên đoàn", "phối hợp với Sở", or only "Ủy ban"): the name goes on on the next line. A
    title in a name ("Phó Trưởng Ban") is no such end."""
    t = text.rstrip()
    last = t.rsplit(" ", 1)[-1]
    if last not in _BARE_LAST_WORDS:
        return False  # (the common case, decided on one word)
    for head in _BARE_HEADS:
        if t.endswith(head) and (len(t) == len(head) or t[-len(head) - 1] in " " + _PIECE_STARTS):
            before = t[:-len(head)].rstrip()
            if not before or before[-1] in _PIECE_STARTS:
                return True
            word = before.rsplit(" ", 1)[-1]
            return word[:1].islower()
    return False


def split_agency_list(s: str) -> list[str]:
    return list(_split_cached(s or ""))


# "Văn phòng HĐND và UBND xã", "Văn phòng Đoàn ĐBQH và HĐND tỉnh": one office of two councils.
_COUNCIL = (r"(?:HĐND|UBND|Hội đồng nhân dân|Ủy ban nhân dân|Uỷ ban nhân dân|Đoàn ĐBQH|"
            r"Đoàn đại biểu Quốc hội)")
_JOINT_OFFICE_RE = re.compile(rf"Văn phòng {_COUNCIL}(?:\s*(?:,|và)\s*{_COUNCIL})*$")
_NEXT_COUNCIL_RE = re.compile(rf"\s*{_COUNCIL}(?![\w])(?!\s+các)")


@lru_cache(maxsize=4096)
def _split_cached(s: str) -> tuple[str, ...]:
    """'Sở Y tế, Công an tỉnh và UBND các huyện' -> three names.

    Commas and "và" split only where a new agency name starts, so 'Sở Văn hóa, Thể thao và Du lịch'
    and 'các sở, ban, ngành' stay whole.
    """
    s = " ".join((s or "").split())
    if not s:
        return ()
    if ", " in s and _BARE_HEAD_COMMA_RE.search(s):
        s = _BARE_HEAD_COMMA_RE.sub(r"\1 ", s)
    pieces: list[str] = []
    start = 0
    if "," not in s and "và" not in s and "/" not in s and ";" not in s:
        name = _clean_name(s)
        return (name,) if name and len(name) <= _MAX_NAME and any(ch.isalpha() for ch in name) else ()
    for m in _LIST_SEP_RE.finditer(s):
        if _NEXT_ITEM_RE.match(s, m.end()):
            if (m.group() != "/" and "Văn phòng" in s
                    and _JOINT_OFFICE_RE.match(_clean_name(s[start:m.start()]))
                    and _NEXT_COUNCIL_RE.match(s, m.end())):
                continue
            pieces.append(s[start:m.start()])
            start = m.end()
    pieces.append(s[start:])
    out = []
    for p in pieces:
        p = _clean_name(p)
        if p and len(p) <= _MAX_NAME and any(ch.isalpha() for ch in p):
            out.append(p)
    return tuple(out)
