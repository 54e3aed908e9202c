"""Agencies as the third review's plans write them: "Tỉnh Đoàn" with a capital Đ, commune
service centres "tổng hợp phường / đặc khu", a time after a comma in a bracket, "Giao X thực
hiện…"."""

import pytest

from gbapp.domain.model import Role
from gbapp.importers import extract_agencies

L, C = Role.LEAD, Role.COORDINATING


def _roles(text):
    return [(a.name, a.role) for a in extract_agencies(text)]


def test_tinh_doan_with_a_capital_d_is_a_name_of_its_own():
    assert _roles("Hội LHPN tỉnh chủ trì, phối hợp với Sở Y tế, Tỉnh Đoàn, LĐLĐ tỉnh thực hiện.") == [
        ("Hội LHPN tỉnh", L), ("Sở Y tế", C), ("Tỉnh Đoàn", C), ("LĐLĐ tỉnh", C)]
    assert _roles("Hội LHPN tỉnh, Tỉnh Đoàn, LĐLĐ tỉnh phối hợp thực hiện.") == [
        ("Hội LHPN tỉnh", C), ("Tỉnh Đoàn", C), ("LĐLĐ tỉnh", C)]


@pytest.mark.parametrize("place", ["xã", "phường", "đặc khu"])
def test_general_service_centre_of_a_commune_ward_or_special_zone(place):
    assert _roles(f"Trung tâm Dịch vụ tổng hợp {place} chủ trì, phối hợp với Công an {place}.") == [
        (f"Trung tâm Dịch vụ tổng hợp {place}", L), (f"Công an {place}", C)]


def test_a_time_after_a_comma_in_the_closing_bracket_is_not_part_of_the_name():
    assert _roles("Tổ chức hội thi tìm hiểu pháp luật (Hội Liên hiệp Phụ nữ đặc khu, Quý IV/2025).") == [
        ("Hội Liên hiệp Phụ nữ đặc khu", L)]
    assert _roles("Treo băng rôn (Phòng Văn hóa - Xã hội, Công an đặc khu, từ ngày 10/11 đến 20/12/2025).") == [
        ("Phòng Văn hóa - Xã hội", L), ("Công an đặc khu", C)]


def test_a_duty_given_to_an_agency_makes_it_the_lead():
    assert _roles("Giao Sở Y tế thực hiện (Thời gian: năm 2025 và các năm tiếp theo).") == [("Sở Y tế", L)]
    assert _roles("Giao cho Sở Nội vụ theo dõi, đôn đốc việc thực hiện Kế hoạch này.") == [("Sở Nội vụ", L)]
    assert _roles("Giao Sở Y tế chủ trì, phối hợp với Công an tỉnh thực hiện.") == [
        ("Sở Y tế", L), ("Công an tỉnh", C)]
    # no agency after "Giao", or a word that only starts like it
    assert _roles("Giao nhiệm vụ cho các đơn vị trực thuộc.") == []
    assert _roles("Giao thông nông thôn được cải thiện.") == []


def test_a_heading_asking_bodies_outside_the_administration_gives_its_duties_a_lead():
    """"4. Đề nghị Ủy ban MTTQ … và các tổ chức chính trị - xã hội tỉnh" over "- Tuyên truyền…":
    the duties had no agency (an importer review); a heading that is a duty stays one."""
    from gbapp.importers.agencies import agency_heading

    assert agency_heading("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính "
                          "trị - xã hội tỉnh") == (
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "các tổ chức chính trị - xã hội tỉnh")
    assert agency_heading("Đề nghị Sở Tài chính bố trí kinh phí thực hiện") == ()
    assert agency_heading("Đề nghị các cơ quan báo cáo kết quả") == ()


def test_signers_of_the_central_highlands_peoples_are_names():
    """"H' Kim Hoa Byă" signed a Gia Lai plan; the signer was read as missing (a review)."""
    from gbapp.importers.header import is_person_name

    for name in ("H' Kim Hoa Byă", "H’Yim Kđoh", "Y Thanh Hà Niê Kđăm", "Trần Hoàng Tuấn"):
        assert is_person_name(name), name
    for line in ("KT. CHỦ TỊCH", "Sở Nội vụ", "Nguyễn văn A", "O' '", "Phó Chủ tịch"):
        assert not is_person_name(line), line


def test_a_joint_plan_s_title_and_a_draft_s_issuer():
    """"KẾ HOẠCH LIÊN TỊCH" gave the title "Liên tịch"; "DỰ THẢO" under the issuer was read
    into its name ("UBND đặc khu Lý Sơn Dự Thảo")."""
    from gbapp.importers import parse_plan_text

    body = ("I. MỤC ĐÍCH, YÊU CẦU\nTăng cường phối hợp.\nII. NỘI DUNG\n1. Tổ chức Lễ phát động "
            "(Sở Nội vụ chủ trì; thời gian: ngày 15/11/2025).\n")
    joint = parse_plan_text(
        "SỞ NỘI VỤ\nTỈNH QUẢNG NGÃI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh "
        "phúc\nSố: 01/KHLT-SNV-HLHPN\nQuảng Ngãi, ngày 03 tháng 11 năm 2025\nKẾ HOẠCH LIÊN TỊCH\n"
        "Phối hợp tổ chức Tháng hành động vì bình đẳng giới năm 2025\n" + body)
    assert joint.meta.title == "Phối hợp tổ chức Tháng hành động vì bình đẳng giới năm 2025"
    draft = parse_plan_text(
        "ỦY BAN NHÂN DÂN\nĐẶC KHU LÝ SƠN\nDỰ THẢO\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - "
        "Tự do - Hạnh phúc\nSố:       /KH-UBND\nLý Sơn, ngày     tháng 10 năm 2025\nKẾ HOẠCH\n"
        "Tổ chức các hoạt động hưởng ứng Tháng hành động năm 2025\n" + body)
    assert draft.meta.issuer == "UBND đặc khu Lý Sơn"
