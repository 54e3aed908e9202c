"""Attribute lines ("- Cơ quan chủ trì: …", "Thời gian: …") belong to the activity they describe,
also when a list of its points comes first; those points are details, not more activities."""

from test_import_messy import HEADER

from gbapp.domain.model import Role
from gbapp.importers import parse_plan_text
from gbapp.services.importing import store_plan
from gbapp.store import items


def _plan(body: str):
    return parse_plan_text(HEADER + "I. MỤC ĐÍCH\nNâng cao nhận thức.\nII. NỘI DUNG HOẠT ĐỘNG\n"
                           + body + "III. TỔ CHỨC THỰC HIỆN\nSở Nội vụ tổng hợp kết quả.\n")


def _roles(item):
    return [(a.name, a.role) for a in item.agencies]


LIST_THEN_ATTRIBUTES = """1. Hoạt động truyền thông
a) Tổ chức truyền thông trên các phương tiện thông tin đại chúng, gồm các nội dung:
- Phát sóng thông điệp trên sóng phát thanh, truyền hình;
- Treo băng rôn, khẩu hiệu tại trụ sở các cơ quan.
- Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch.
- Cơ quan phối hợp: Báo Quảng Ngãi.
- Thời gian thực hiện: Từ ngày 15/11 đến ngày 15/12/2025.
b) Xây dựng 02 video clip tuyên truyền
+ Video 1: Bạo lực gia đình và sức khỏe tâm thần;
+ Video 2: Vai trò của nam giới trong gia đình.
Đơn vị chủ trì: Trung tâm Kiểm soát bệnh tật tỉnh
Thời gian hoàn thành: tháng 10/2025
"""


def test_attributes_after_a_list_of_points_belong_to_the_activity(db):
    plan = _plan(LIST_THEN_ATTRIBUTES)
    a, b = plan.items[1].children[0].children
    assert _roles(a) == [("Sở Văn hóa, Thể thao và Du lịch", Role.LEAD),
                         ("Báo Quảng Ngãi", Role.COORDINATING)]
    assert a.time_frame.end.isoformat() == "2025-12-15"
    assert [(p.title, p.agencies, p.time_frame) for p in a.children] == [
        ("Phát sóng thông điệp trên sóng phát thanh, truyền hình;", [], None),
        ("Treo băng rôn, khẩu hiệu tại trụ sở các cơ quan.", [], None)]
    assert _roles(b) == [("Trung tâm Kiểm soát bệnh tật tỉnh", Role.LEAD)]
    assert b.time_frame.end.isoformat() == "2025-10-31"
    assert all(not p.agencies and p.time_frame is None for p in b.children)

    plan_id = store_plan(db, plan)
    stored = {i.ref: i for i in items.all_items(db, plan_id)}
    assert stored["II.1.a"].is_activity and stored["II.1.b"].is_activity
    # the points detail their activity: not counted as activities without a lead
    details = [i for i in stored.values() if i.parent_id in (stored["II.1.a"].id,
                                                             stored["II.1.b"].id)]
    assert len(details) == 4 and not any(d.is_activity for d in details)


def test_points_with_their_own_attributes_keep_them():
    plan = _plan("1. Truyền thông\n"
                 "- Tổ chức hội thảo về bình đẳng giới\n- Thời gian: Quý II/2025\n"
                 "- Tổ chức tập huấn cho cán bộ\n- Sản phẩm: Báo cáo kết quả\n"
                 "- Thời gian: Quý III/2025\n")
    talk, course = plan.items[1].children[0].children
    assert talk.time_frame.text == "Quý II/2025"
    assert course.time_frame.text == "Quý III/2025" and course.output == "Báo cáo kết quả"
    assert plan.items[1].children[0].time_frame is None


def test_attribute_deeper_than_its_point_stays_with_it():
    plan = _plan("1. Truyền thông\n- Tổ chức hội thảo\n- Tổ chức tập huấn\n"
                 "+ Cơ quan chủ trì: Sở Y tế\n")
    talk, course = plan.items[1].children[0].children
    assert _roles(course) == [("Sở Y tế", Role.LEAD)] and not talk.agencies


def test_label_lines_are_not_glued_to_a_short_title():
    """In a text of short lines the wrap-width rule joined each label line to the title above."""
    body = "1. Công tác truyền thông\n" + "".join(
        f"{n}) Nhiệm vụ số {n} về truyền thông bình đẳng giới\nCơ quan chủ trì: Sở Nội vụ\n"
        f"Thời gian hoàn thành: Quý IV/2025\n" for n in "abcdeg")
    tasks = _plan(body).items[1].children[0].children
    assert [t.title for t in tasks] == [
        f"Nhiệm vụ số {n} về truyền thông bình đẳng giới" for n in "abcdeg"]
    assert all(_roles(t) == [("Sở Nội vụ", Role.LEAD)] and t.time_frame.end.month == 12
               for t in tasks)


def test_a_time_line_ends_where_the_next_label_starts():
    """Lines reach the time reader joined by a space: "Thời gian: Quý III/2025" followed by
    "Sản phẩm: …" is the quarter alone, and the output is still read."""
    plan = _plan("1. Truyền thông\n- Tổ chức hội thảo\n- Thời gian: Quý II/2025\n"
                 "- Tổ chức tập huấn cho cán bộ\n- Thời gian: Quý III/2025\n"
                 "- Sản phẩm: Báo cáo kết quả\n")
    course = plan.items[1].children[0].children[1]
    assert course.time_frame.text == "Quý III/2025"
    assert course.output == "Báo cáo kết quả"
