"""Real plans are messy: site chrome, flattened header cells, hard wraps, wrapped decisions, cuts."""

import datetime as dt
from pathlib import Path

import pytest

from gbapp.domain.model import ItemKind, Role
from gbapp.importers import PlanImportError, extract_agencies, parse_plan_text, read_plan

HEADER = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 45/KH-UBND
Quảng Ngãi, ngày 10 tháng 3 năm 2025

KẾ HOẠCH
THỰC HIỆN CÔNG TÁC BÌNH ĐẲNG GIỚI NĂM 2025
"""

BODY = """I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao nhận thức về bình đẳng giới.
II. NHIỆM VỤ
1. Truyền thông
a) Tổ chức tuyên truyền. Sở Nội vụ chủ trì, phối hợp với Sở Y tế, Công an tỉnh và UBND các xã thực hiện.
b) Tập huấn cán bộ (Sở Văn hóa, Thể thao và Du lịch chủ trì; Hội Liên hiệp Phụ nữ tỉnh, Tỉnh đoàn phối hợp).
2. Kiểm tra
Cơ quan chủ trì: Thanh tra tỉnh; cơ quan phối hợp: Sở Tư pháp, Sở Nội vụ. Thời gian: Quý III/2025.
"""

SIGNATURE = """
Nơi nhận:
- Bộ Nội vụ;
- Các sở, ban, ngành tỉnh;
- Lưu: VT, NC.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Văn An
"""


def tree(plan):
    return [(d, it.label, it.title) for d, it in plan.walk()]


def test_clean_plan_baseline():
    plan = parse_plan_text(HEADER + BODY + SIGNATURE)
    assert [(d, lab) for d, lab, _ in tree(plan)] == [
        (0, "I"), (1, "1"), (0, "II"), (1, "1"), (2, "a"), (2, "b"), (1, "2")]
    m = plan.meta
    assert (m.number, m.doc_type, m.issued_on, m.issuer) == ("45/KH-UBND", "KH", dt.date(2025, 3, 10),
                                                             "UBND tỉnh Quảng Ngãi")
    assert m.title == "Thực hiện công tác bình đẳng giới năm 2025" and m.year == 2025
    assert (m.signer_authority, m.signer_title, m.signer) == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An")
    assert m.recipients == ["Bộ Nội vụ", "Các sở, ban, ngành tỉnh", "Lưu: VT, NC"]
    assert not m.truncated and m.effective_on is None
    a, b = plan.items[1].children[0].children
    assert [(x.name, x.role) for x in a.agencies] == [
        ("Sở Nội vụ", Role.LEAD), ("Sở Y tế", Role.COORDINATING), ("Công an tỉnh", Role.COORDINATING),
        ("UBND các xã", Role.COORDINATING)]
    assert [(x.name, x.role) for x in b.agencies] == [
        ("Sở Văn hóa, Thể thao và Du lịch", Role.LEAD), ("Hội Liên hiệp Phụ nữ tỉnh", Role.COORDINATING),
        ("Tỉnh đoàn", Role.COORDINATING)]
    check = plan.items[1].children[1]
    assert [(x.name, x.role) for x in check.agencies] == [
        ("Thanh tra tỉnh", Role.LEAD), ("Sở Tư pháp", Role.COORDINATING), ("Sở Nội vụ", Role.COORDINATING)]
    assert check.time_frame.text == "Quý III/2025"
    # recipients are not items
    assert all("Bộ Nội vụ" != it.title for _, it in plan.walk())


def test_site_chrome_before_and_after():
    text = ("Trang chủ\nVăn bản pháp luật\nTải văn bản\nLưu trữ\nĐăng nhập\n\n" + HEADER + BODY + SIGNATURE
            + "\nVăn bản liên quan\nQuyết định 254/QĐ-UBND năm 2021 ban hành kế hoạch hành động\n"
              "Kế hoạch 12/KH-UBND năm 2024\nCopyright © 2025 Thư viện pháp luật\nHotline: 1900 0000\n")
    plan = parse_plan_text(text)
    assert tree(plan) == tree(parse_plan_text(HEADER + BODY + SIGNATURE))
    assert plan.meta.signer == "Nguyễn Văn An"


def test_truncated_text_then_chrome():
    text = HEADER + BODY.split("2. Kiểm tra")[0] + "[...]\nVui lòng đăng nhập để xem toàn văn\nTải văn bản\n"
    plan = parse_plan_text(text)
    assert plan.meta.truncated
    assert any("cắt" in w for w in plan.warnings)
    assert [lab for _, lab, _ in tree(plan)] == ["I", "1", "II", "1", "a", "b"]
    assert "đăng nhập" not in plan.items[1].children[0].children[1].text


def test_header_cells_flattened_with_pipes():
    text = ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n"
            "Số: 45/KH-UBND | Quảng Ngãi, ngày 10 tháng 3 năm 2025\n\n"
            "KẾ HOẠCH\nTHỰC HIỆN CÔNG TÁC BÌNH ĐẲNG GIỚI NĂM 2025\n" + BODY
            + "Nơi nhận: - Bộ Nội vụ; - Lưu: VT. | TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH\n"
              "| PHÓ CHỦ TỊCH\n\nNguyễn Văn An\n")
    plan = parse_plan_text(text)
    m = plan.meta
    assert (m.number, m.place, m.issued_on, m.issuer) == ("45/KH-UBND", "Quảng Ngãi", dt.date(2025, 3, 10),
                                                          "UBND tỉnh Quảng Ngãi")
    assert m.signer_authority == "KT. CHỦ TỊCH" and m.signer == "Nguyễn Văn An"
    assert m.recipients == ["Bộ Nội vụ", "Lưu: VT"]
    assert tree(plan) == tree(parse_plan_text(HEADER + BODY + SIGNATURE))


def test_issuer_of_a_department():
    text = HEADER.replace("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI", "UBND TỈNH QUẢNG NGÃI\nSỞ GIÁO DỤC VÀ ĐÀO TẠO")
    text = text.replace("45/KH-UBND", "7/KH-SGDĐT")
    plan = parse_plan_text(text + BODY)
    assert plan.meta.issuer == "Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi"
    assert plan.meta.doc_type == "KH"


def test_hard_wrapped_lines_are_joined():
    wrapped = HEADER + """I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
a) Tổ chức thực hiện hiệu quả các mục tiêu, chỉ tiêu của Chiến lược quốc
gia về bình đẳng giới và chương trình liên quan tới bình đẳng giới trên địa
bàn tỉnh.
b) Tiếp tục triển khai Chiến lược quốc gia về bình đẳng giới giai đoạn 2021
- 2030 trên địa bàn tỉnh và các chương trình, đề án thúc đẩy bình đẳng giới có
liên quan theo phạm vi chức năng của ngành, đơn vị, địa phương.
2. Yêu cầu
Bảo đảm các mục tiêu, nhiệm vụ, giải pháp có tính khả thi, thiết thực và bám
sát thực tiễn.
II. NHIỆM VỤ
1. Truyền thông
- Tuyên truyền trên báo, đài.
- Tổ chức hội thi.
"""
    plan = parse_plan_text(wrapped)
    assert [(d, lab) for d, lab, _ in tree(plan)] == [
        (0, "I"), (1, "1"), (2, "a"), (2, "b"), (1, "2"), (0, "II"), (1, "1"), (2, "-"), (2, "-")]
    a, b = plan.items[0].children[0].children
    assert a.title == ("Tổ chức thực hiện hiệu quả các mục tiêu, chỉ tiêu của Chiến lược quốc gia về bình đẳng "
                       "giới và chương trình liên quan tới bình đẳng giới trên địa bàn tỉnh.")
    assert "giai đoạn 2021 - 2030 trên địa bàn tỉnh" in b.title and b.children == []
    req = plan.items[0].children[1]
    assert (req.title, req.text) == ("Yêu cầu", "Bảo đảm các mục tiêu, nhiệm vụ, giải pháp có tính khả thi, "
                                                "thiết thực và bám sát thực tiễn.")
    # a dash directly under "1." is its child
    dashes = plan.items[1].children[0].children
    assert [(d.kind, d.title) for d in dashes] == [(ItemKind.DASH, "Tuyên truyền trên báo, đài."),
                                                   (ItemKind.DASH, "Tổ chức hội thi.")]


def test_plan_wrapped_in_a_decision():
    text = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI
Số: 300/QĐ-UBND
Quảng Ngãi, ngày 02 tháng 4 năm 2025
QUYẾT ĐỊNH
Về việc ban hành Kế hoạch thực hiện công tác bình đẳng giới năm 2025
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;
Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 50/TTr-SNV ngày 25/3/2025.
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện công tác bình đẳng giới năm 2025.
Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.
Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các sở chịu trách nhiệm thi hành Quyết định này.
Nơi nhận:
- Như Điều 3;
- Bộ Nội vụ;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn Bình

KẾ HOẠCH
THỰC HIỆN CÔNG TÁC BÌNH ĐẲNG GIỚI NĂM 2025
(Ban hành kèm theo Quyết định số 300/QĐ-UBND ngày 02/4/2025 của Chủ tịch UBND tỉnh)
I. MỤC ĐÍCH
1. Nâng cao nhận thức.
II. NHIỆM VỤ
1. Sở Nội vụ chủ trì, phối hợp với Sở Y tế tổ chức tập huấn.
"""
    plan = parse_plan_text(text)
    m = plan.meta
    assert (m.number, m.doc_type, m.issued_on) == ("300/QĐ-UBND", "QĐ", dt.date(2025, 4, 2))
    assert m.effective_on == dt.date(2025, 4, 2)  # "có hiệu lực thi hành kể từ ngày ký"
    assert m.title == "Thực hiện công tác bình đẳng giới năm 2025"
    assert (m.signer_authority, m.signer_title, m.signer) == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bình")
    assert m.recipients == ["Như Điều 3", "Bộ Nội vụ", "Lưu: VT"]
    assert [(d, lab) for d, lab, _ in tree(plan)] == [(0, "I"), (1, "1"), (0, "II"), (1, "1")]
    assert [(b.doc_type, b.issued_on) for b in m.legal_bases][:2] == [
        ("Luật", dt.date(2015, 6, 19)), ("Luật", dt.date(2006, 11, 29))]
    assert m.legal_bases[0].summary == "Tổ chức chính quyền địa phương"
    assert ("Tờ trình", "50/TTr-SNV") in [(b.doc_type, b.number) for b in m.legal_bases]
    assert all(b.number != "300/QĐ-UBND" for b in m.legal_bases)  # "kèm theo" is not a basis


def test_table_based_plan_in_text():
    text = HEADER + """I. MỤC ĐÍCH, YÊU CẦU
Bảo đảm phân công rõ ràng.
II. NHIỆM VỤ CỤ THỂ
| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian | Sản phẩm |
|---|---|---|---|---|---|
| 1 | Tập huấn cán bộ | Sở Nội vụ | Sở Y tế, Công an tỉnh | Quý II/2025 | Lớp tập huấn |
| 2 | Truyền thông trên báo, đài | Sở Văn hóa, Thể thao và Du lịch | Báo Quảng Ngãi | Thường xuyên | Tin, bài |
III. TỔ CHỨC THỰC HIỆN
Các cơ quan, đơn vị triển khai thực hiện.
"""
    plan = parse_plan_text(text)
    rows = plan.items[1].children
    assert [(r.label, r.title) for r in rows] == [("1", "Tập huấn cán bộ"), ("2", "Truyền thông trên báo, đài")]
    assert [(a.name, a.role) for a in rows[0].agencies] == [
        ("Sở Nội vụ", Role.LEAD), ("Sở Y tế", Role.COORDINATING), ("Công an tỉnh", Role.COORDINATING)]
    assert rows[0].time_frame.end == dt.date(2025, 6, 30) and rows[0].output == "Lớp tập huấn"
    assert rows[1].agencies[0].name == "Sở Văn hóa, Thể thao và Du lịch" and rows[1].time_frame.recurring
    assert plan.items[2].title == "TỔ CHỨC THỰC HIỆN"


def test_table_with_roman_group_rows_and_tabs():
    text = HEADER + ("STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\n"
                     "I\tCÔNG TÁC TRUYỀN THÔNG\n"
                     "1\tTọa đàm\tHội Liên hiệp Phụ nữ tỉnh\tTỉnh đoàn\ttháng 11/2025\n"
                     "II\tCÔNG TÁC KIỂM TRA\n"
                     "1\tKiểm tra liên ngành\tSở Nội vụ\tThanh tra tỉnh\tQuý IV/2025\n")
    plan = parse_plan_text(text)
    assert [(d, lab, t) for d, lab, t in tree(plan)] == [
        (0, "I", "CÔNG TÁC TRUYỀN THÔNG"), (1, "1", "Tọa đàm"), (0, "II", "CÔNG TÁC KIỂM TRA"),
        (1, "1", "Kiểm tra liên ngành")]
    assert plan.items[0].children[0].time_frame.start == dt.date(2025, 11, 1)


def test_text_table_with_letter_group_rows():
    text = HEADER + """I. MỤC ĐÍCH
1. Nâng cao nhận thức.
II. NHIỆM VỤ CỤ THỂ
| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |
| A | CÔNG TÁC TUYÊN TRUYỀN | | | |
| 1 | Tọa đàm | Sở Nội vụ | Tỉnh đoàn | Quý II/2025 |
| 2 | Hội thi | Hội Liên hiệp Phụ nữ tỉnh | Sở Y tế | Quý III/2025 |
| B. CÔNG TÁC KIỂM TRA |
| 1 | Kiểm tra liên ngành | Sở Nội vụ | Thanh tra tỉnh | Quý IV/2025 |
III. TỔ CHỨC THỰC HIỆN
Các cơ quan, đơn vị triển khai thực hiện.
"""
    plan = parse_plan_text(text)
    assert tree(plan)[2:] == [
        (0, "II", "NHIỆM VỤ CỤ THỂ"),
        (1, "A", "CÔNG TÁC TUYÊN TRUYỀN"), (2, "1", "Tọa đàm"), (2, "2", "Hội thi"),
        (1, "B", "CÔNG TÁC KIỂM TRA"), (2, "1", "Kiểm tra liên ngành"),
        (0, "III", "TỔ CHỨC THỰC HIỆN")]
    assert plan.items[1].children[1].children[0].time_frame.start == dt.date(2025, 10, 1)


def test_time_frames_of_several_periods():
    text = HEADER + """I. MỤC ĐÍCH
1. Nâng cao nhận thức.
II. NHIỆM VỤ
1. Kiểm tra
a) Kiểm tra liên ngành tại các xã. Thời gian: đợt 1 trong Quý II, đợt 2 trong Quý IV/2025.
| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |
| 2 | Giám sát | Sở Nội vụ | Sở Y tế | Đợt 1: tháng 3/2025; đợt 2: tháng 9/2025 |
"""
    plan = parse_plan_text(text)
    point, row = plan.items[1].children[0].children[0], plan.items[1].children[1]
    tf = point.time_frame
    assert tf.text == "đợt 1 trong Quý II, đợt 2 trong Quý IV/2025"
    assert (tf.start, tf.end) == (dt.date(2025, 4, 1), dt.date(2025, 12, 31))
    tf = row.time_frame
    assert tf.text == "Đợt 1: tháng 3/2025; đợt 2: tháng 9/2025"
    assert (tf.start, tf.end) == (dt.date(2025, 3, 1), dt.date(2025, 9, 30))


def test_recipients_are_not_activities():
    plan = parse_plan_text(HEADER + BODY + SIGNATURE)
    titles = {it.title for _, it in plan.walk()}
    assert not titles & {"Bộ Nội vụ;", "Bộ Nội vụ", "Lưu: VT, NC."}


def test_group_rows_in_section_iii_keep_text():
    text = HEADER + BODY + "III. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ\nTheo dõi, tổng hợp, báo cáo trước ngày 15/12/2025.\n"
    plan = parse_plan_text(text)
    iii1 = plan.items[2].children[0]
    assert iii1.title == "Sở Nội vụ" and iii1.time_frame.end == dt.date(2025, 12, 15)


@pytest.mark.parametrize("text", [
    "",
    "   \n\n  ",
    "Hôm nay trời đẹp. Chúng tôi đi chơi công viên và ăn kem.\nNgày mai sẽ mưa.",
    "STT,Họ tên,Đơn vị\n1,Nguyễn Văn A,Sở Nội vụ\n2,Trần Thị B,Sở Y tế\n",
    "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 12/UBND-NC\nV/v báo cáo công tác bình đẳng giới\n"
    "Kính gửi: Sở Nội vụ\nUBND tỉnh đề nghị các cơ quan báo cáo trước ngày 30/6/2025.\nNơi nhận:\n- Như trên;\n",
    "1. Một\n2. Hai\n",
])
def test_not_a_plan(text):
    with pytest.raises(PlanImportError) as err:
        parse_plan_text(text)
    message = str(err.value)
    assert "kế hoạch" in message.lower() and "(" in message


def test_a_report_on_the_plan_is_not_imported_as_a_plan():
    """A Báo cáo has I., II. sections too; it is refused with what it is."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 210/BC-UBND\nLào Cai, ngày 10 tháng 12 năm 2025\n"
            "BÁO CÁO\nKết quả thực hiện công tác bình đẳng giới năm 2025\n"
            "I. CÔNG TÁC LÃNH ĐẠO\n1. Ban hành văn bản\nII. KẾT QUẢ\n1. Đã tổ chức 25 hội nghị.\n")
    with pytest.raises(PlanImportError, match="210/BC-UBND là một báo cáo, không phải kế hoạch"):
        parse_plan_text(text)
    parse_plan_text(text.replace("BC-UBND", "KH-UBND").replace("BÁO CÁO", "KẾ HOẠCH"))
    # a draft whose number is not filled in yet, and one with no number line at all
    for draft in (text.replace("Số: 210/BC-UBND", "Số:        /BC-UBND"),
                  text.replace("Số: 210/BC-UBND\n", "")):
        with pytest.raises(PlanImportError, match="Văn bản này là một báo cáo"):
            parse_plan_text(draft)
    # a plan that reports on the year before is still a plan
    plan = text.replace("Số: 210/BC-UBND\n", "").replace("BÁO CÁO\n", "KẾ HOẠCH\n")
    assert parse_plan_text(plan).meta.number is None
    # and a plan whose body mentions a report on its own line below the heading
    assert parse_plan_text(plan.replace("II. KẾT QUẢ\n", "II. KẾT QUẢ\nBÁO CÁO\n")).items


def test_read_plan_errors(tmp_path):
    with pytest.raises(PlanImportError, match="Không đọc được"):
        read_plan(tmp_path / "missing.txt")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(PlanImportError, match="trống"):
        read_plan(empty)
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(b"%PDF-1.4 ...")
    with pytest.raises(PlanImportError, match="PDF"):
        read_plan(pdf)
    binary = tmp_path / "random.bin"
    binary.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(PlanImportError):
        read_plan(binary)


def test_extract_agencies_forms():
    assert extract_agencies("Xây dựng kế hoạch theo hướng dẫn của Bộ Nội vụ.") == []
    assert extract_agencies("Tăng cường phối hợp liên ngành trong chỉ đạo.") == []
    got = extract_agencies("Giao Sở Nội vụ chủ trì, phối hợp với các sở, ngành liên quan tổ chức thực hiện.")
    assert [(a.name, a.role) for a in got] == [("Sở Nội vụ", Role.LEAD), ("các sở, ngành liên quan",
                                                                           Role.COORDINATING)]
    got = extract_agencies("Sở Lao động - Thương binh và Xã hội chủ trì phối hợp với Sở Giáo dục và Đào tạo "
                           "triển khai.")
    assert [a.name for a in got] == ["Sở Lao động - Thương binh và Xã hội", "Sở Giáo dục và Đào tạo"]


@pytest.mark.parametrize("text, expected", [
    # the coordinating agency after the lead's clause, in brackets
    ("Ban hành hướng dẫn (Sở Tư pháp chủ trì, Sở Nội vụ phối hợp).",
     [("Sở Tư pháp", Role.LEAD), ("Sở Nội vụ", Role.COORDINATING)]),
    # "phối hợp" without "với"
    ("Sở Nội vụ chủ trì phối hợp Sở Tài chính thực hiện.",
     [("Sở Nội vụ", Role.LEAD), ("Sở Tài chính", Role.COORDINATING)]),
    ("Sở Nội vụ chủ trì phối hợp tổ chức hội nghị.", [("Sở Nội vụ", Role.LEAD)]),
    # the role in brackets after each name
    ("Đơn vị thực hiện: Sở Nội vụ (chủ trì), Sở Tài chính (phối hợp).",
     [("Sở Nội vụ", Role.LEAD), ("Sở Tài chính", Role.COORDINATING)]),
    # a remark between the name and its role
    ("Sở Nội vụ (cơ quan thường trực Ban Vì sự tiến bộ của phụ nữ) chủ trì, phối hợp với Sở Y tế.",
     [("Sở Nội vụ", Role.LEAD), ("Sở Y tế", Role.COORDINATING)]),
    # the verb after the list ends it
    ("Hội Liên hiệp Phụ nữ tỉnh chủ trì, phối hợp với Ban Tổ chức Tỉnh ủy giới thiệu nữ cán bộ.",
     [("Hội Liên hiệp Phụ nữ tỉnh", Role.LEAD), ("Ban Tổ chức Tỉnh ủy", Role.COORDINATING)]),
])
def test_extract_agencies_as_other_provinces_write_them(text, expected):
    assert [(a.name, a.role) for a in extract_agencies(text)] == expected


def test_attribute_lines_belong_to_the_item_above():
    """'- Đơn vị chủ trì: …' / '- Thời gian: …' under an activity are its assignment and time,
    not three sub-items."""
    text = HEADER + ("I. MỤC ĐÍCH\n1. Nâng cao nhận thức.\nII. NỘI DUNG\n"
                     "1. Kiểm tra việc thực hiện pháp luật về bình đẳng giới.\n"
                     "- Đơn vị chủ trì: Thanh tra Sở.\n- Đơn vị phối hợp: Phòng Nội vụ.\n"
                     "- Thời gian: Quý III/2025.\n- Sản phẩm: Báo cáo kết quả kiểm tra.\n"
                     "2. Tập huấn cho cán bộ.\n- Tập huấn tại huyện.\n")
    plan = parse_plan_text(text)
    first, second = plan.items[1].children
    assert first.children == []
    assert [(a.name, a.role) for a in first.agencies] == [("Thanh tra Sở", Role.LEAD),
                                                          ("Phòng Nội vụ", Role.COORDINATING)]
    assert (first.time_frame.start, first.time_frame.end) == (dt.date(2025, 7, 1),
                                                              dt.date(2025, 9, 30))
    assert first.output == "Báo cáo kết quả kiểm tra"
    assert [c.title for c in second.children] == ["Tập huấn tại huyện."]  # a real sub-item


def test_text_table_with_a_two_row_header():
    text = HEADER + ("I. MỤC ĐÍCH\n1. Nâng cao nhận thức.\nII. NHIỆM VỤ\n"
                     "TT | Nội dung | Cơ quan thực hiện | | Thời gian\n"
                     " | | Chủ trì | Phối hợp |\n"
                     "1 | Tuyên truyền trên báo, đài | Sở Văn hóa, Thể thao và Du lịch "
                     "| Báo Sơn La "
                     "| Cả năm\n")
    task = parse_plan_text(text).items[1].children[0]
    assert (task.label, task.title) == ("1", "Tuyên truyền trên báo, đài")
    assert [(a.name, a.role) for a in task.agencies] == [
        ("Sở Văn hóa, Thể thao và Du lịch", Role.LEAD), ("Báo Sơn La", Role.COORDINATING)]
    assert task.time_frame.text == "Cả năm"


@pytest.mark.parametrize("header", [
    # the two header columns copied row by row, with '|' or as separate lines
    "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "TỈNH HÀ GIANG | Độc lập - Tự do - Hạnh phúc\n"
    "Số: 12/KH-UBND | Hà Giang, ngày 5 tháng 3 năm 2025\n",
    "ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH HÀ GIANG\n"
    "Độc lập - Tự do - Hạnh phúc\nSố: 12/KH-UBND\nHà Giang, ngày 5 tháng 3 năm 2025\n",
    # the whole header on one line (a PDF copied)
    "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh "
    "phúc\nSố: 12/KH-UBND\nHà Giang, ngày 5 tháng 3 năm 2025\n",
])
def test_issuer_of_a_two_column_header(header):
    meta = parse_plan_text(header + "KẾ HOẠCH\nBình đẳng giới năm 2025\n" + BODY).meta
    assert (meta.issuer, meta.number, meta.place) == ("UBND tỉnh Hà Giang", "12/KH-UBND",
                                                      "Hà Giang")


def test_legal_bases_as_other_provinces_cite_them():
    text = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ\nSố: 30/KH-UBND\n"
            "Cần Thơ, ngày 03 tháng 3 năm 2025\n"
            "KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2025\n"
            "Căn cứ Nghị quyết số 11-NQ/TW ngày 27/4/2007 của Bộ Chính trị về công tác phụ nữ;\n"
            "Căn cứ Thông tư số 10/2024/TT-BLĐTBXH ngày 05/9/2024 của Bộ trưởng Bộ Lao động - "
            "Thương binh và Xã hội;\n"
            "Thực hiện Quyết định số 1790/QĐ-TTg ngày 03/11/2021 và Quyết định số 2232/QĐ-TTg ngày "
            "28/12/2021 của Thủ tướng Chính phủ; Công văn số 739/BNV-CTTN&BĐG ngày 28/3/2025 "
            "của Bộ "
            "Nội vụ về việc hướng dẫn công tác bình đẳng giới năm 2025, UBND thành phố ban hành Kế "
            "hoạch như sau:\n" + BODY)
    bases = [(b.number, b.issuer, b.summary) for b in parse_plan_text(text).meta.legal_bases]
    assert bases == [
        ("11-NQ/TW", "Bộ Chính trị", "về công tác phụ nữ"),  # the Party's numbering
        ("10/2024/TT-BLĐTBXH", "Bộ trưởng Bộ Lao động - Thương binh và Xã hội", ""),
        ("1790/QĐ-TTg", "Thủ tướng Chính phủ", ""),  # one issuer written after both
        ("2232/QĐ-TTg", "Thủ tướng Chính phủ", ""),
        ("739/BNV-CTTN&BĐG", "Bộ Nội vụ", "về việc hướng dẫn công tác bình đẳng giới năm 2025"),
    ]


def test_mass_organisation_numbers():
    meta = parse_plan_text(HEADER.replace("Số: 45/KH-UBND", "Số: 45-KH/HPN") + BODY).meta
    assert (meta.number, meta.doc_type) == ("45-KH/HPN", "KH")


def test_numbered_items_written_with_their_sections_numeral():
    text = HEADER + ("I. MỤC ĐÍCH\nI.1. Mục đích chung\nI.2. Yêu cầu\nII. NỘI DUNG\n"
                     "II.1. Truyền thông. Sở Nội vụ chủ trì.\nII.2. Kiểm tra\n")
    plan = parse_plan_text(text)
    assert [(s.label, [(c.label, c.title) for c in s.children]) for s in plan.items] == [
        ("I", [("1", "Mục đích chung"), ("2", "Yêu cầu")]),
        ("II", [("1", "Truyền thông. Sở Nội vụ chủ trì."), ("2", "Kiểm tra")]),
    ]


@pytest.mark.parametrize("heading", [
    "QUYẾT ĐỊNH\nBan hành Kế hoạch thực hiện công tác bình đẳng giới năm 2025\n",  # no "Về việc"
    "KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2025\n"
    "(Ban hành kèm theo Quyết định số 1021/QĐ-UBND ngày 18/4/2025 của UBND tỉnh)\n",
])
def test_title_found_in_other_layouts(heading):
    text = HEADER.split("KẾ HOẠCH")[0] + heading + BODY
    assert parse_plan_text(text).meta.title == "Thực hiện công tác bình đẳng giới năm 2025"


def test_folders_devices_and_pdf_page_marks(tmp_path):
    with pytest.raises(PlanImportError, match="thư mục"):
        read_plan(tmp_path)
    if Path("/dev/zero").exists():  # endless: refused before reading, not read until memory ends
        with pytest.raises(PlanImportError, match="không phải là một tệp thông thường"):
            read_plan("/dev/zero")
    text = HEADER + BODY.replace("1. Truyền thông\n", "-- Hết trang 1 --\n1. Truyền thông\n- 2 -\n")
    plan = parse_plan_text(text)
    assert all("trang" not in item.title.lower() for _, item in plan.walk())
    assert [c.title for c in plan.items[1].children] == ["Truyền thông", "Kiểm tra"]


def test_word_soft_hyphens_are_dropped():
    plan = parse_plan_text(HEADER + BODY.replace("Công an tỉnh", "Công an tỉ\u00adnh"))
    names = [a.name for _, item in plan.walk() for a in item.agencies]
    assert "Công an tỉnh" in names and not any("\u00ad" in n for n in names)


def test_a_duty_starting_with_a_capital_phoi_hop_is_not_glued_to_a_long_heading():
    """Text copied from a PDF: a heading as long as a line, then its duty on the next one."""
    text = ("KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2025\nI. TỔ CHỨC THỰC HIỆN\n"
            "1. Sở Nội vụ chủ trì theo dõi, đôn đốc các cơ quan, đơn vị thực hiện Kế hoạch này.\n"
            "2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam thành phố và các tổ chức chính trị - xã hội\n"
            "Phối hợp tuyên truyền, vận động đoàn viên, hội viên thực hiện bình đẳng giới.\n"
            "3. Sở Tài chính tham mưu bố trí kinh phí thực hiện Kế hoạch theo quy định hiện hành\n"
            "của pháp luật về ngân sách nhà nước.\n")
    items = parse_plan_text(text).items[0].children
    assert items[1].title.endswith("các tổ chức chính trị - xã hội")
    assert items[1].text.startswith("Phối hợp tuyên truyền")
    assert items[2].title.endswith("của pháp luật về ngân sách nhà nước.")  # still unwrapped
