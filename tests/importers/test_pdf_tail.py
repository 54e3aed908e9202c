"""Text a PDF gives (pdftotext, raw or -layout): the signature block's two columns read
side by side or in turn, and an appendix table after the signature that cannot be read."""

from gbapp.importers import parse_plan_text

HEAD = """ỦY BAN NHÂN DÂN                       CỘNG HÒA XÃ HỘI CHỦ NGHĨA
                                      VIỆT NAM
TỈNH PHÚ YÊN
                                      Độc lập - Tự do - Hạnh phúc

Số: 12/KH-UBND
                                      Phú Yên, ngày 10 tháng 4 năm 2025

KẾ HOẠCH

Thực hiện công tác bình đẳng giới năm 2025

I.    MỤC ĐÍCH, YÊU CẦU

Nâng cao nhận thức về bình đẳng giới.

II.   NHIỆM VỤ

1.    Tuyên truyền về bình đẳng giới. Sở Văn hóa chủ trì; thời gian: Quý II/2025.

2.    Thanh tra, kiểm tra việc thực hiện pháp luật về bình đẳng giới. (Chi tiết tại Phụ
lục kèm theo)

Trên đây là Kế hoạch của UBND tỉnh./.

"""

LAYOUT_TAIL = """Nơi nhận:                            TM. ỦY BAN NHÂN DÂN
- Bộ Nội vụ (b/c);                   KT. CHỦ TỊCH
- TT Tỉnh ủy;                        PHÓ CHỦ TỊCH
- Các sở, ban, ngành;
- UBND các xã, phường;               Trần Thị Mai
- Lưu: VT, KGVX.
PHỤ LỤC
(Kèm theo Kế hoạch số 12/KH-UBND ngày 10/4/2025 của UBND tỉnh)
STT        Nội dung       Cơ quan     Thời gian
           nhiệm vụ       chủ trì
1          Thanh tra      Sở Nội vụ   Quý III/2025
           tại xã Sơn
           Hòa
"""

RAW_TAIL = """Nơi nhận:

TM. ỦY BAN NHÂN DÂN

- Bộ Nội vụ (b/c);

KT. CHỦ TỊCH

- TT Tỉnh ủy;

PHÓ CHỦ TỊCH

- Các sở, ban, ngành;
- UBND các xã, phường;
- Lưu: VT, KGVX.

Trần Thị Mai

\fPHỤ LỤC
(Kèm theo Kế hoạch số 12/KH-UBND ngày 10/4/2025 của UBND tỉnh)
STT

Nội dung
nhiệm vụ

Cơ quan
chủ trì

Cơ quan
phối hợp

1

Thanh tra
tại xã Sơn
Hòa
Kiểm tra
tại xã
Đồng Xuân
Sở Nội vụ
Sở Tư
pháp
2
"""

RECIPIENTS = ["Bộ Nội vụ (b/c)", "TT Tỉnh ủy", "Các sở, ban, ngành", "UBND các xã, phường",
              "Lưu: VT, KGVX"]


def _item(plan, title_start):
    return next(it for _d, it in plan.walk() if it.title.startswith(title_start))


def test_layout_signature_columns_side_by_side():
    plan = parse_plan_text(HEAD + LAYOUT_TAIL)
    m = plan.meta
    assert m.issuer == "UBND tỉnh Phú Yên"
    assert (m.signer_authority, m.signer_title, m.signer) == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                                                              "Trần Thị Mai")
    assert m.recipients == RECIPIENTS


def test_raw_signature_columns_in_turn():
    plan = parse_plan_text(HEAD.replace("                                      ", "")
                           + RAW_TAIL)
    m = plan.meta
    assert (m.signer_authority, m.signer_title, m.signer) == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                                                              "Trần Thị Mai")
    assert m.recipients == RECIPIENTS


def test_unread_appendix_table_is_kept_in_the_item_pointing_to_it():
    for tail in (RAW_TAIL, LAYOUT_TAIL):
        plan = parse_plan_text(HEAD + tail)
        item = _item(plan, "Thanh tra, kiểm tra")
        assert "PHỤ LỤC" in item.text and "Sơn" in item.text
        assert "Hòa" in item.text
        warned = [w for w in plan.warnings if "Phụ lục sau phần ký" in w]
        assert len(warned) == 1 and "«2. Thanh tra, kiểm tra" in warned[0]
        # the kept table's own warning said its text stays "in the item holding it": not true here
        assert not any("giữ nguyên văn bản của bảng trong mục chứa nó" in w for w in plan.warnings)
        assert "Sơn" not in " ".join(m for m in plan.meta.recipients)


def test_appendix_with_no_item_pointing_to_it_gets_an_item_of_its_own():
    head = HEAD.replace("(Chi tiết tại Phụ\nlục kèm theo)", "")
    plan = parse_plan_text(head + LAYOUT_TAIL)
    last = plan.items[-1]
    assert last.label == "III" and last.title.startswith("PHỤ LỤC")
    assert "Sơn" in last.text
    assert any("mục riêng" in w for w in plan.warnings)


def test_website_order_is_unchanged():
    tail = ("Nơi nhận:\n- Bộ Nội vụ;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n(Đã ký)\n"
            "Nguyễn Văn An\n")
    plan = parse_plan_text(HEAD.replace("(Chi tiết tại Phụ\nlục kèm theo)", "") + tail)
    m = plan.meta
    assert (m.signer_authority, m.signer_title, m.signer) == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
                                                              "Nguyễn Văn An")
    assert m.recipients == ["Bộ Nội vụ", "Lưu: VT"]
    assert not any("Phụ lục" in w for w in plan.warnings)
