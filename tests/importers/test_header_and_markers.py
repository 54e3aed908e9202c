"""Headers and item markers of plans from other issuers: Party committees, Đoàn, Hội, special zones."""

import datetime as dt

import pytest

from gbapp.domain.model import ItemKind
from gbapp.importers import parse_plan_text, read_plan
from gbapp.importers.markers import classify_label, parse_marker

PARTY_HEADER = """ĐẢNG BỘ TỈNH QUẢNG NGÃI
ĐẢNG ỦY XÃ TỊNH KHÊ
*
Số 15-KH/ĐU

ĐẢNG CỘNG SẢN VIỆT NAM
Tịnh Khê, ngày 10 tháng 10 năm 2025

KẾ HOẠCH
thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ
trong hệ thống chính trị xã giai đoạn 2025 - 2030

Thực hiện Chỉ thị số 21-CT/TW, ngày 20/01/2018 của Ban Bí thư (khóa XII) về tiếp tục đẩy mạnh công tác \
phụ nữ trong tình hình mới; Ban Thường vụ Đảng ủy xã xây dựng Kế hoạch thực hiện như sau:
"""

PARTY_BODY = """
I- MỤC ĐÍCH, YÊU CẦU

1- Nâng cao nhận thức của cấp ủy, chính quyền về công tác phụ nữ và bình đẳng giới.

2- Bảo đảm tỷ lệ nữ tham gia cấp ủy nhiệm kỳ 2025 - 2030 đạt từ 20% trở lên, trong đó
1-2 đồng chí trẻ; 15-20% là cán bộ dưới 40 tuổi; quy hoạch giai đoạn
2021-2025 đã hoàn thành.

II- NHIỆM VỤ, GIẢI PHÁP

1- Tăng cường sự lãnh đạo của cấp ủy

a- Các chi bộ đưa nội dung bình đẳng giới vào sinh hoạt chi bộ định kỳ (hằng tháng).

b- Ủy ban Kiểm tra Đảng ủy chủ trì kiểm tra việc thực hiện Chỉ thị số
21-CT/TW của Ban Bí thư (Quý IV/2025).

2- Công tác cán bộ nữ

- Ban Tổ chức Đảng ủy chủ trì, phối hợp với Hội Liên hiệp Phụ nữ xã rà soát, quy hoạch cán bộ nữ; thời gian:
trước ngày 31/12/2025.

III- TỔ CHỨC THỰC HIỆN

1- Ban Tuyên giáo và Dân vận Đảng ủy chủ trì tuyên truyền, phổ biến Kế hoạch.

Nơi nhận:
- Ban Thường vụ Tỉnh ủy (b/c),
- Lưu Văn phòng Đảng ủy.

T/M ĐẢNG ỦY
BÍ THƯ

Nguyễn Văn Tâm
"""


def _tree(items, depth=0):
    out = []
    for it in items:
        out.append(("  " * depth) + it.label)
        out += _tree(it.children, depth + 1)
    return out


# ---------------------------------------------------------------- A: hyphen markers


def test_party_style_hyphen_markers_make_a_tree(tmp_path):
    path = tmp_path / "dang_uy.txt"
    path.write_text(PARTY_HEADER + PARTY_BODY, encoding="utf-8")
    plan = read_plan(path)
    assert _tree(plan.items) == ["I", "  1", "  2", "II", "  1", "    a", "    b", "  2", "    -", "III", "  1"]
    first = plan.items[0].children[1]
    # ranges, percentages and years at the start of a wrapped line stay in the text
    assert "1-2 đồng chí trẻ" in first.title + first.text
    assert "2021-2025 đã hoàn thành" in first.title + first.text
    check = plan.items[1].children[0].children[1]
    assert "21-CT/TW của Ban Bí thư" in check.title + check.text
    assert check.time_frame is not None and check.time_frame.end == dt.date(2025, 12, 31)
    assert plan.items[0].title == "MỤC ĐÍCH, YÊU CẦU"


@pytest.mark.parametrize("line, kind, label, rest", [
    ("I- MỤC ĐÍCH, YÊU CẦU", ItemKind.ROMAN, "I", "MỤC ĐÍCH, YÊU CẦU"),
    ("II - NHIỆM VỤ", ItemKind.ROMAN, "II", "NHIỆM VỤ"),
    ("III-TỔ CHỨC THỰC HIỆN", ItemKind.ROMAN, "III", "TỔ CHỨC THỰC HIỆN"),
    ("IV– KINH PHÍ", ItemKind.ROMAN, "IV", "KINH PHÍ"),
    ("1- Nâng cao nhận thức", ItemKind.ARABIC, "1", "Nâng cao nhận thức"),
    ("12 - Tổ chức hội nghị", ItemKind.ARABIC, "12", "Tổ chức hội nghị"),
    ("2.1- Tuyên truyền", ItemKind.ARABIC, "2.1", "Tuyên truyền"),
    ("3-TUYÊN TRUYỀN", ItemKind.ARABIC, "3", "TUYÊN TRUYỀN"),
    ("III-TỔ CHỨC", ItemKind.ROMAN, "III", "TỔ CHỨC"),
    ("a- Các chi bộ", ItemKind.LETTER, "a", "Các chi bộ"),
])
def test_hyphen_markers(line, kind, label, rest):
    m = parse_marker(line)
    assert m is not None and (m.kind, m.label, m.rest) == (kind, label, rest)


@pytest.mark.parametrize("item, not_item", [
    ("1- Hai tháng một lần", "1-2 tháng một lần"), ("1 - Hai tháng", "1 - 2 tháng một lần"),
    ("15- Tỷ lệ", "15-20% số xã"), ("2- Giai đoạn", "2021-2025 là giai đoạn"), ("10- Ngày hội", "10-15 ngày"),
    ("21- Chỉ thị", "21-CT/TW của Ban Bí thư"), ("21- Chỉ thị", "21- CT/TW của Ban Bí thư"),
    ("12- Kế hoạch", "12-KH/ĐU ngày 5/3"), ("15- Ngày", "15-11-2025"), ("3- Năm", "3- năm tiếp theo"),
    ("V- LIÊN KẾT", "V-League 2025"), ("X- QUẢN LÝ", "X-quang phổi"), ("I- NĂM", "I-II năm"),
    ("IV – VỀ", "IV – V"), ("a- Xây dựng", "a-xit"), ("e- Học trực tuyến", "e- learning"), ("1- Một", "1-"),
    ("19-NGHỊ QUYẾT", "19-NQ của Ban Chấp hành"),
])
def test_hyphen_markers_but_not_ranges_dates_or_numbers(item, not_item):
    assert parse_marker(item) is not None
    assert parse_marker(not_item) is None


def test_hyphen_labels_in_a_table_column():
    assert (classify_label("1-").kind, classify_label("1-").label) == (ItemKind.ARABIC, "1")
    assert (classify_label("II-").kind, classify_label("II-").value) == (ItemKind.ROMAN, 2)
    assert classify_label("-").kind is ItemKind.DASH


# ---------------------------------------------------------------- A: numbers written without a colon

BODY = """
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức về bình đẳng giới.
II. NHIỆM VỤ
1. Tuyên truyền. Sở Nội vụ chủ trì. Thời gian: Quý III hằng năm.
"""


def _meta(text: str):
    return parse_plan_text(text).meta


def test_party_number_without_colon():
    meta = _meta(PARTY_HEADER.replace("I- ", "I. ") + BODY)
    assert (meta.number, meta.doc_type) == ("15-KH/ĐU", "KH")
    assert [b.number for b in meta.legal_bases] == ["21-CT/TW"]
    # without a number of its own, the plan does not take its legal basis's "số 21-CT/TW"
    meta = _meta(PARTY_HEADER.replace("I- ", "I. ").replace("Số 15-KH/ĐU", "") + BODY)
    assert meta.number is None and meta.legal_bases[0].number == "21-CT/TW"


@pytest.mark.parametrize("header", [
    "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố 45/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\nAn Giang, ngày 3 tháng 2 năm 2025\n",
    "UBND TỈNH AN GIANG Số 45/KH-UBND CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\nAn Giang, ngày 3 tháng 2 năm 2025\n",
], ids=["two-columns", "flattened"])
def test_state_number_without_colon(header):
    meta = _meta(header + "\nKẾ HOẠCH\nTHỰC HIỆN CÔNG TÁC BÌNH ĐẲNG GIỚI NĂM 2025\n\n"
                 "Căn cứ Quyết định số 1790/QĐ-TTg ngày 23/10/2021 của Thủ tướng Chính phủ;\n" + BODY)
    assert (meta.number, meta.issuer, meta.place, meta.issued_on) == (
        "45/KH-UBND", "UBND tỉnh An Giang", "An Giang", dt.date(2025, 2, 3))



# ---------------------------------------------------------------- B: the plan's year

STATE_HEADER = """ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 145/KH-UBND
Lâm Đồng, ngày {date}

KẾ HOẠCH
{title}
"""


@pytest.mark.parametrize("title, date, year", [
    ("THỰC HIỆN CHƯƠNG TRÌNH TRUYỀN THÔNG VỀ BÌNH ĐẲNG GIỚI ĐẾN NĂM 2030 TRÊN ĐỊA BÀN TỈNH LÂM ĐỒNG",
     "12 tháng 5 năm 2025", 2025),
    ("THỰC HIỆN CHIẾN LƯỢC QUỐC GIA VỀ BÌNH ĐẲNG GIỚI GIAI ĐOẠN 2021 - 2030, TẦM NHÌN ĐẾN NĂM 2045",
     "12 tháng 5 năm 2025", 2025),
    ("CÔNG TÁC BÌNH ĐẲNG GIỚI NĂM 2026 VÀ ĐỊNH HƯỚNG ĐẾN NĂM 2030", "20 tháng 12 năm 2025", 2026),
    ("THỰC HIỆN BÌNH ĐẲNG GIỚI TỪ NĂM 2025 ĐẾN NĂM 2030", "12 tháng 5 năm 2025", 2025),
    # a year that cannot be the plan's for its issue date: a reference, not the plan's year
    ("TỔNG KẾT 10 NĂM THỰC HIỆN NGHỊ QUYẾT NĂM 2015", "12 tháng 5 năm 2025", 2025),
], ids=["den-nam", "tam-nhin", "next-year", "tu-den", "old-reference"])
def test_plan_year_is_not_the_end_of_a_period(title, date, year):
    text = STATE_HEADER.format(date=date, title=title) + BODY
    plan = parse_plan_text(text)
    assert plan.meta.year == year
    recurring = plan.items[1].children[0].time_frame  # "Quý III hằng năm"
    assert recurring is not None and recurring.start == dt.date(year, 7, 1)


@pytest.mark.parametrize("title, date, span, year", [
    ("THỰC HIỆN CHƯƠNG TRÌNH PHÒNG NGỪA BẠO LỰC TRÊN CƠ SỞ GIỚI GIAI ĐOẠN 2026 - 2030",
     "20 tháng 01 năm 2026", 2030, 2026),
    # issued the December before: the programme's first year is the plan's year
    ("THỰC HIỆN CHƯƠNG TRÌNH PHÒNG NGỪA BẠO LỰC TRÊN CƠ SỞ GIỚI GIAI ĐOẠN 2026–2030",
     "22 tháng 12 năm 2025", 2030, 2026),
    ("THỰC HIỆN BÌNH ĐẲNG GIỚI TỪ NĂM 2025 ĐẾN NĂM 2030", "12 tháng 5 năm 2025", 2030, 2025),
    # a yearly plan that names the programme it serves stays a yearly plan
    ("CÔNG TÁC BÌNH ĐẲNG GIỚI NĂM 2025 THỰC HIỆN CHƯƠNG TRÌNH GIAI ĐOẠN 2021 - 2025",
     "12 tháng 5 năm 2025", None, 2025),
    # the national programmes' own title form: from the year of issue to 2030
    ("THỰC HIỆN CHƯƠNG TRÌNH TRUYỀN THÔNG VỀ BÌNH ĐẲNG GIỚI ĐẾN NĂM 2030", "12 tháng 5 năm 2025",
     2030, 2025),
    # a vision is not the plan's span; the strategy's own period is
    ("THỰC HIỆN CHIẾN LƯỢC QUỐC GIA VỀ BÌNH ĐẲNG GIỚI GIAI ĐOẠN 2021 - 2030, TẦM NHÌN ĐẾN NĂM 2045",
     "12 tháng 5 năm 2025", 2030, 2025),
    ("CÔNG TÁC BÌNH ĐẲNG GIỚI NĂM 2026 VÀ ĐỊNH HƯỚNG ĐẾN NĂM 2030", "20 tháng 12 năm 2025",
     None, 2026),
    # a period that ended before the plan was issued is a reference, not the plan's span
    ("TỔNG KẾT CHƯƠNG TRÌNH GIAI ĐOẠN 2016 - 2020", "12 tháng 5 năm 2025", None, 2025),
], ids=["programme", "issued-before", "tu-den", "yearly", "den-nam", "tam-nhin", "own-year",
        "past-period"])
def test_a_programme_plan_has_a_last_year(title, date, span, year):
    meta = _meta(STATE_HEADER.format(date=date, title=title) + BODY)
    assert (meta.year, meta.year_to) == (year, span)


PROGRAMME = STATE_HEADER.format(
    date="20 tháng 01 năm 2026",
    title="THỰC HIỆN CHƯƠNG TRÌNH PHÒNG NGỪA BẠO LỰC TRÊN CƠ SỞ GIỚI GIAI ĐOẠN 2026 - 2030") + """
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức về bình đẳng giới.
II. NHIỆM VỤ
1. Truyền thông nâng cao nhận thức. Sở Văn hóa chủ trì. Thời gian: Hằng năm.
2. Tổng hợp, báo cáo kết quả. Sở Nội vụ chủ trì, thực hiện trước ngày 15/12 hằng năm.
3. Đánh giá giữa kỳ. Sở Nội vụ chủ trì. Thời gian: Năm 2028.
4. Tập huấn cán bộ. Sở Nội vụ chủ trì. Thời gian: Quý III/2026.
5. Duy trì mô hình địa chỉ tin cậy. Hội Liên hiệp Phụ nữ tỉnh chủ trì.
6. Kiểm tra liên ngành. Sở Nội vụ chủ trì. Thời gian: Hằng năm, từ năm 2027.
7. Nhân rộng mô hình. Sở Y tế chủ trì. Thời gian: Giai đoạn 2026 - 2028.
8. Hỗ trợ nạn nhân. Sở Y tế chủ trì. Thời gian: Năm 2026 và các năm tiếp theo.
9. Rà soát chính sách. Sở Tư pháp chủ trì. Thời gian: Hằng năm, giai đoạn 2026 - 2028.
"""


def test_recurring_work_of_a_programme_runs_to_its_last_year():
    """"Hằng năm" in a 2026–2030 programme recurs until 2030, not through 2026 only; a frame
    that names its year keeps it."""
    tasks = parse_plan_text(PROGRAMME).items[1].children
    frames = [(t.time_frame.start, t.time_frame.end) if t.time_frame else None for t in tasks]
    assert frames == [
        (dt.date(2026, 1, 1), dt.date(2030, 12, 31)),
        (None, dt.date(2030, 12, 15)),
        (dt.date(2028, 1, 1), dt.date(2028, 12, 31)),
        (dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
        None,  # no time of its own: due at the programme's end when stored
        (dt.date(2027, 1, 1), dt.date(2030, 12, 31)),
        (dt.date(2026, 1, 1), dt.date(2028, 12, 31)),
        (dt.date(2026, 1, 1), dt.date(2030, 12, 31)),
        (dt.date(2026, 1, 1), dt.date(2028, 12, 31)),
    ]
    assert all(t.time_frame.recurring for t in (tasks[0], tasks[1], tasks[5]))
    # the same phrase in a yearly plan keeps to its year
    yearly = parse_plan_text(PROGRAMME.replace("GIAI ĐOẠN 2026 - 2030", "NĂM 2026"))
    assert yearly.meta.year_to is None
    assert yearly.items[1].children[0].time_frame.end == dt.date(2026, 12, 31)


# ---------------------------------------------------------------- C: issuers and signing authorities

PLAN = """
KẾ HOẠCH
THỰC HIỆN CÔNG TÁC BÌNH ĐẲNG GIỚI NĂM 2025

I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức về bình đẳng giới.
II. NHIỆM VỤ
1. Tuyên truyền. Sở Nội vụ chủ trì.
"""


@pytest.mark.parametrize("header, issuer, number, place", [
    ("ỦY BAN NHÂN DÂN\nĐẶC KHU LÝ SƠN\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
     "Độc lập - Tự do - Hạnh phúc\nSố: 12/KH-UBND\nLý Sơn, ngày 5 tháng 8 năm 2025\n",
     "UBND đặc khu Lý Sơn", "12/KH-UBND", "Lý Sơn"),
    ("ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐẶC KHU LÝ SƠN\nĐộc lập - Tự do - Hạnh phúc\n"
     "Số: 12/KH-UBND\nLý Sơn, ngày 5 tháng 8 năm 2025\n",
     "UBND đặc khu Lý Sơn", "12/KH-UBND", "Lý Sơn"),
    ("HỘI LHPN VIỆT NAM\nBCH HỘI LHPN TỈNH HƯNG YÊN\n***\nSố: 45-KH/HPN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
     "Độc lập - Tự do - Hạnh phúc\nHưng Yên, ngày 10 tháng 3 năm 2025\n",
     "BCH Hội LHPN tỉnh Hưng Yên", "45-KH/HPN", "Hưng Yên"),
    ("HỘI LHPN VIỆT NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBCH HỘI LHPN TỈNH HƯNG YÊN Độc lập - Tự do - Hạnh phúc\n"
     "Số: 45-KH/HPN Hưng Yên, ngày 10 tháng 3 năm 2025\n",
     "BCH Hội LHPN tỉnh Hưng Yên", "45-KH/HPN", "Hưng Yên"),
    ("HỘI NÔNG DÂN VIỆT NAM\nHỘI NÔNG DÂN TỈNH AN GIANG\n***\nSố: 20-KH/HND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
     "Độc lập - Tự do - Hạnh phúc\nAn Giang, ngày 10 tháng 3 năm 2025\n",
     "Hội Nông dân tỉnh An Giang", "20-KH/HND", "An Giang"),
    ("BCH ĐOÀN TNCS HỒ CHÍ MINH\nTỈNH QUẢNG NGÃI\n***\nSố: 12-KH/TĐTN-XH\nĐOÀN TNCS HỒ CHÍ MINH\n"
     "Quảng Ngãi, ngày 10 tháng 3 năm 2025\n",
     "BCH Đoàn TNCS Hồ Chí Minh tỉnh Quảng Ngãi", "12-KH/TĐTN-XH", "Quảng Ngãi"),
    ("BCH ĐOÀN TNCS HỒ CHÍ MINH ĐOÀN TNCS HỒ CHÍ MINH\nTỈNH QUẢNG NGÃI\n***\n"
     "Số: 12-KH/TĐTN-XH Quảng Ngãi, ngày 10 tháng 3 năm 2025\n",
     "BCH Đoàn TNCS Hồ Chí Minh tỉnh Quảng Ngãi", "12-KH/TĐTN-XH", "Quảng Ngãi"),
    ("ĐẢNG BỘ TỈNH QUẢNG NGÃI ĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG ỦY XÃ TỊNH KHÊ\n*\n"
     "Số 15-KH/ĐU Tịnh Khê, ngày 10 tháng 10 năm 2025\n",
     "Đảng ủy xã Tịnh Khê", "15-KH/ĐU", "Tịnh Khê"),
    ("TỈNH ỦY QUẢNG NGÃI\nBAN TUYÊN GIÁO\n*\nSố 15-KH/BTGTU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
     "Quảng Ngãi, ngày 10 tháng 10 năm 2025\n",
     "Ban Tuyên giáo Tỉnh ủy Quảng Ngãi", "15-KH/BTGTU", "Quảng Ngãi"),
    ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH QUẢNG NGÃI Độc lập - Tự do - Hạnh phúc\n"
     "Số: 45/KH-UBND Quảng Ngãi, ngày 10 tháng 3 năm 2025\n",
     "UBND tỉnh Quảng Ngãi", "45/KH-UBND", "Quảng Ngãi"),
    ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\nTỈNH QUẢNG NGÃI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
     "Độc lập - Tự do - Hạnh phúc\nSố: 45/KH-SLĐTBXH\nQuảng Ngãi, ngày 10 tháng 3 năm 2025\n",
     "Sở Lao động - Thương binh và Xã hội tỉnh Quảng Ngãi", "45/KH-SLĐTBXH", "Quảng Ngãi"),
    ("CÔNG AN TỈNH QUẢNG NGÃI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
     "Số: 45/KH-CAT\nQuảng Ngãi, ngày 10 tháng 3 năm 2025\n",
     "Công an tỉnh Quảng Ngãi", "45/KH-CAT", "Quảng Ngãi"),
], ids=["dac-khu", "dac-khu-rows", "hoi-lhpn", "hoi-lhpn-rows", "hoi-nong-dan", "tinh-doan", "tinh-doan-rows",
        "dang-uy-flat", "ban-tinh-uy", "ubnd-rows", "so-ldtbxh", "cong-an"])
def test_issuers_of_other_bodies(header, issuer, number, place):
    meta = parse_plan_text(header + PLAN).meta
    assert (meta.issuer, meta.number, meta.place) == (issuer, number, place)


def test_party_signing_authority(tmp_path):
    path = tmp_path / "dang_uy.txt"
    path.write_text(PARTY_HEADER + PARTY_BODY.replace("T/M ĐẢNG ỦY", "T/M BAN THƯỜNG VỤ\nK/T BÍ THƯ")
                    .replace("BÍ THƯ\n\nNguyễn", "PHÓ BÍ THƯ\n\nNguyễn"), encoding="utf-8")
    meta = read_plan(path).meta
    assert (meta.signer_authority, meta.signer_title, meta.signer) == ("K/T BÍ THƯ", "PHÓ BÍ THƯ", "Nguyễn Văn Tâm")
    path.write_text(PARTY_HEADER + PARTY_BODY, encoding="utf-8")
    plan = read_plan(path)
    assert (plan.meta.signer_authority, plan.meta.signer_title) == ("T/M ĐẢNG ỦY", "BÍ THƯ")
    assert plan.meta.issuer == "Đảng ủy xã Tịnh Khê"
    assert plan.meta.recipients == ["Ban Thường vụ Tỉnh ủy (b/c)", "Lưu Văn phòng Đảng ủy"]


def test_a_title_in_running_case_starts_with_a_capital():
    meta = parse_plan_text(PARTY_HEADER + BODY).meta
    assert meta.title == ("Thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ trong hệ thống chính trị xã "
                          "giai đoạn 2025 - 2030")


def test_joint_leads_are_pointed_out():
    """gbapp keeps one lead per activity: a plan naming two is imported with a warning that
    says what was done, not silently."""
    text = PROGRAMME.replace(
        "5. Duy trì mô hình địa chỉ tin cậy. Hội Liên hiệp Phụ nữ tỉnh chủ trì.",
        "5. Duy trì mô hình địa chỉ tin cậy. Hội Liên hiệp Phụ nữ tỉnh, Sở Y tế chủ trì.")
    plan = parse_plan_text(text)
    leads = [a.name for a in plan.items[1].children[4].agencies if a.role.value == "chu_tri"]
    assert leads == ["Hội Liên hiệp Phụ nữ tỉnh", "Sở Y tế"]
    joint = [w for w in plan.warnings if "cùng chủ trì" in w]
    assert len(joint) == 1 and "«5 Duy trì mô hình địa chỉ tin cậy" in joint[0]
    assert not any("cùng chủ trì" in w for w in parse_plan_text(PROGRAMME).warnings)


def test_a_plan_in_a_decision_keeps_its_own_verb_for_a_document_both_cite():
    """The Quyết định cites "Căn cứ Quyết định số 1790…", the plan under it "Thực hiện Quyết
    định số 1790…": the plan is what gbapp re-issues, so its verb is kept. A citation joined
    by ";" shares it; "Theo đề nghị … tại Tờ trình" is a proposal, cited by no verb."""
    from gbapp.importers import parse_plan_text

    text = "\n".join([
        "ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NAM", "Số: 456/QĐ-UBND", "Quảng Nam, ngày 10 tháng 3 năm 2025",
        "QUYẾT ĐỊNH", "Về việc ban hành Kế hoạch thực hiện công tác bình đẳng giới năm 2025",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
        "Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;",
        "Căn cứ Quyết định số 1790/QĐ-TTg ngày 10/11/2021 của Thủ tướng Chính phủ;",
        "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 80/TTr-SNV ngày 14/4/2025.",
        "QUYẾT ĐỊNH:",
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện công tác bình đẳng giới năm 2025.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
        "KẾ HOẠCH", "Thực hiện công tác bình đẳng giới năm 2025",
        "(Ban hành kèm theo Quyết định số 456/QĐ-UBND ngày 10/3/2025 của UBND tỉnh)",
        "Thực hiện Quyết định số 1790/QĐ-TTg ngày 10/11/2021 của Thủ tướng Chính phủ; Kế hoạch số "
        "5/KH-BNV ngày 2/1/2026 của Bộ Nội vụ, UBND tỉnh ban hành Kế hoạch như sau:",
        "I. NHIỆM VỤ", "1. Tập huấn bình đẳng giới. Sở Y tế chủ trì. Thời gian: Quý III/2025.",
        "2. Hội thi. Sở Tư pháp chủ trì.", ""])
    bases = {b.number or b.summary: b.verb for b in parse_plan_text(text).meta.legal_bases}
    assert bases["1790/QĐ-TTg"] == "Thực hiện" and bases["5/KH-BNV"] == "Thực hiện"
    assert bases["80/TTr-SNV"] == ""


@pytest.mark.parametrize("line, kind, label, rest", [
    ("I/ MỤC ĐÍCH, YÊU CẦU", "roman", "I", "MỤC ĐÍCH, YÊU CẦU"),
    ("2/ Công tác truyền thông", "arabic", "2", "Công tác truyền thông"),
    ("b/ Tổ chức hội thi", "letter", "b", "Tổ chức hội thi"),
])
def test_slashed_markers(line, kind, label, rest):
    m = parse_marker(line)
    assert (m.kind.value, m.label, m.rest) == (kind, label, rest)


@pytest.mark.parametrize("line", [
    "1/3 số xã đã tổ chức hội nghị", "12/KH-UBND ngày 3/3/2025", "1/ 3 số xã", "Phần lớn các xã",
    "Phần việc còn lại", "Mục tiêu năm 2025", "Mục 2 của Kế hoạch này quy định", "PHẦN MỀM",
])
def test_text_that_only_looks_like_a_marker(line):
    assert parse_marker(line) is None


def test_plans_numbered_with_slashes_or_in_parts_read_as_sections():
    body = ("I. NHIỆM VỤ\n1. Tuyên truyền. Sở Nội vụ chủ trì thực hiện. Thời gian: Quý II.\n"
            "a) Hội thi. Tỉnh đoàn chủ trì thực hiện.\nII. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ\n")
    head = "KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2025\n"
    expected = parse_plan_text(head + body)
    shape = [(d, it.kind, it.title) for d, it in expected.walk()]
    slashed = body.replace("I. ", "I/ ").replace("1. ", "1/ ").replace("a) ", "a/ ")
    parts = body.replace("I. NHIỆM VỤ", "Phần I\nNHIỆM VỤ").replace(
        "II. TỔ CHỨC", "PHẦN II. TỔ CHỨC").replace("1. ", "Mục 1. ")
    for variant in (slashed, parts):
        assert [(d, it.kind, it.title) for d, it in parse_plan_text(head + variant).walk()] == shape


def test_a_plan_in_lettered_parts_reads_them_as_sections():
    head = "KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2025\n"
    body = ("I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nII. NHIỆM VỤ\n"
            "1. Tuyên truyền. Sở Nội vụ chủ trì thực hiện. Thời gian: Quý II.\n"
            "III. KINH PHÍ THỰC HIỆN\nNgân sách tỉnh.\nIV. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ\n")
    shape = [(d, it.kind, it.title) for d, it in parse_plan_text(head + body).walk()]
    lettered = (body.replace("I. MỤC", "A. MỤC").replace("II. NHIỆM", "B. NHIỆM")
                .replace("III. KINH", "C. KINH").replace("IV. TỔ", "D. TỔ"))
    assert [(d, it.kind, it.title) for d, it in parse_plan_text(head + lettered).walk()] == shape
    # with Roman sections, "A."/"B." lines are groups of tasks, as before
    grouped = body.replace("1. Tuyên truyền", "A. CÔNG TÁC TUYÊN TRUYỀN\n1. Tuyên truyền")
    grouped = grouped.replace("III. KINH", "B. CÔNG TÁC KIỂM TRA\n1. Kiểm tra.\nIII. KINH")
    tree = [(d, it.kind.value, it.label, it.title[:24])
            for d, it in parse_plan_text(head + grouped).walk()]
    assert tree[2:7] == [(0, "roman", "II", "NHIỆM VỤ"),
                         (1, "letter", "A", "CÔNG TÁC TUYÊN TRUYỀN"),
                         (2, "arabic", "1", "Tuyên truyền. Sở Nội vụ "),
                         (1, "letter", "B", "CÔNG TÁC KIỂM TRA"), (2, "arabic", "1", "Kiểm tra.")]
    assert tree[7] == (0, "roman", "III", "KINH PHÍ THỰC HIỆN")


def _shape(text):
    return [(d, it.kind.value, it.label, it.title[:20]) for d, it in parse_plan_text(text).walk()]


HEAD = "KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2025\n"


def test_part_lines_inside_a_task_stay_its_text():
    """'Phần 1: Kiến thức chung…' listed in a task are its text, not sections."""
    text = HEAD + ("I. NỘI DUNG HOẠT ĐỘNG\n1. Tổ chức 02 lớp tập huấn. Nội dung tập huấn gồm:\n"
                   "Phần 1: Kiến thức chung về giới và bình đẳng giới;\n"
                   "Phần 2: Kỹ năng lồng ghép giới trong xây dựng kế hoạch.\n"
                   "Sở Nội vụ chủ trì thực hiện. Thời gian: Quý III/2025.\n2. Kiểm tra liên ngành.\n"
                   "Mục 3. Phụ lục kèm theo Kế hoạch này.\n")
    plan = parse_plan_text(text)
    first, second = plan.items[0].children
    assert "Phần 1: Kiến thức chung" in first.text and first.agencies
    assert first.time_frame.text == "Quý III/2025" and second.title == "Kiểm tra liên ngành."
    assert len(plan.items) == 1 and len(plan.items[0].children) == 2


def test_groups_below_numbered_items_keep_the_items_before_them():
    """A plan numbered 1., 2., 3. with 'A./B. CÔNG TÁC …' under 2.: nothing is lost."""
    text = HEAD + ("1. MỤC ĐÍCH, YÊU CẦU\nNâng cao nhận thức.\n2. NHIỆM VỤ\n"
                   "A. CÔNG TÁC TUYÊN TRUYỀN\na) Tổ chức tập huấn. Sở Nội vụ chủ trì.\n"
                   "B. CÔNG TÁC KIỂM TRA\na) Kiểm tra liên ngành. Sở Tư pháp chủ trì.\n"
                   "3. TỔ CHỨC THỰC HIỆN\nSở Nội vụ theo dõi.\n")
    assert _shape(text) == [
        (0, "arabic", "1", "MỤC ĐÍCH, YÊU CẦU"), (0, "arabic", "2", "NHIỆM VỤ"),
        (1, "letter", "A", "CÔNG TÁC TUYÊN TRUYỀ"), (2, "letter", "a", "Tổ chức tập huấn. Sở"),
        (1, "letter", "B", "CÔNG TÁC KIỂM TRA"), (2, "letter", "a", "Kiểm tra liên ngành."),
        (0, "arabic", "3", "TỔ CHỨC THỰC HIỆN")]


def test_lettered_parts_above_roman_sections_hold_them():
    text = HEAD + ("A. MỤC ĐÍCH, YÊU CẦU\nI. Mục đích\nNâng cao nhận thức.\nB. NHIỆM VỤ\n"
                   "I. Tuyên truyền\n1. Tổ chức tập huấn. Sở Nội vụ chủ trì.\nII. Kiểm tra\n"
                   "1. Kiểm tra liên ngành.\nC. TỔ CHỨC THỰC HIỆN\nSở Nội vụ theo dõi.\n")
    assert [(d, label) for d, _kind, label, _t in _shape(text)] == [
        (0, "A"), (1, "I"), (0, "B"), (1, "I"), (2, "1"), (1, "II"), (2, "1"), (0, "C")]


def test_groups_of_one_series_share_a_level_and_stay_inside_their_section():
    body = ("I. MỤC ĐÍCH\n1. Nâng cao nhận thức.\nII. NHIỆM VỤ\nA. CÔNG TÁC TUYÊN TRUYỀN\n"
            "1. Tuyên truyền Luật Bình đẳng giới. Sở Văn hóa chủ trì.\n"
            "B. CÔNG TÁC KIỂM TRA, GIÁM SÁT\n- Kiểm tra tại các xã. Sở Nội vụ chủ trì.\n"
            "C. NHIỆM VỤ KHÁC\nCác sở, ngành căn cứ chức năng, nhiệm vụ triển khai.\n"
            "III. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ theo dõi.\nIV. CHẾ ĐỘ BÁO CÁO\n"
            "Báo cáo trước ngày 15/12/2025.\n")
    assert [(d, label) for d, _k, label, _t in _shape(HEAD + body)] == [
        (0, "I"), (1, "1"), (0, "II"), (1, "A"), (2, "1"), (1, "B"), (2, "-"), (1, "C"),
        (0, "III"), (1, "1"), (0, "IV")]


def test_numbered_legal_bases_do_not_hide_lettered_parts():
    text = ("KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2025\nCăn cứ:\n"
            "1. Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;\n"
            "2. Nghị quyết số 28/NQ-CP ngày 03/3/2021 của Chính phủ;\n"
            "UBND tỉnh ban hành Kế hoạch như sau:\nA. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao nhận thức.\n"
            "B. NHIỆM VỤ\n1. Tập huấn. Sở Nội vụ chủ trì.\nC. TỔ CHỨC THỰC HIỆN\nSở Nội vụ theo dõi.\n")
    assert [(d, label) for d, _k, label, _t in _shape(text)] == [
        (0, "I"), (1, "1"), (0, "II"), (1, "1"), (0, "III")]
