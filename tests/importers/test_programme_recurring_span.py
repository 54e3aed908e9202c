"""A 2026–2030 programme's task "Quý II hằng năm, giai đoạn 2026 - 2030" starts in 2026, not the
year before."""

import datetime as dt

import pytest

from gbapp.importers import parse_plan_text

PLAN = """ỦY BAN NHÂN DÂN
TỈNH GIA LAI
Số: 27/KH-UBND
Gia Lai, ngày 15 tháng 01 năm {issued}

KẾ HOẠCH
Thực hiện Chương trình truyền thông về bình đẳng giới giai đoạn 2026 - 2030 trên địa bàn tỉnh Gia Lai

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức về bình đẳng giới.
II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Truyền thông nâng cao nhận thức về bình đẳng giới
a) Tổ chức hội nghị, tọa đàm cho cán bộ cấp xã.
Cơ quan chủ trì: Sở Nội vụ; cơ quan phối hợp: Hội Liên hiệp Phụ nữ tỉnh.
Thời gian thực hiện: Quý II hằng năm, giai đoạn 2026 - 2030.
b) Tổ chức hội thi tìm hiểu pháp luật về bình đẳng giới.
Cơ quan chủ trì: Sở Tư pháp.
Thời gian thực hiện: tháng 6 hằng năm, giai đoạn 2026-2030.
c) Báo cáo kết quả thực hiện.
Cơ quan chủ trì: Sở Nội vụ.
Thời gian thực hiện: trước ngày 15/12 hằng năm giai đoạn 2026 - 2030.
d) Kiểm tra việc thực hiện.
Cơ quan chủ trì: Sở Nội vụ.
Thời gian thực hiện: Quý III hằng năm.
"""


@pytest.mark.parametrize("issued", [2025, 2026])
def test_recurring_rounds_of_a_programme_start_in_its_first_year(issued):
    plan = parse_plan_text(PLAN.format(issued=issued))
    assert (plan.meta.year, plan.meta.year_to) == (2026, 2030)
    a, b, c, d = plan.items[1].children[0].children
    frames = [(x.time_frame.start, x.time_frame.end, x.time_frame.recurring) for x in (a, b, c, d)]
    assert frames == [
        (dt.date(2026, 4, 1), dt.date(2030, 6, 30), True),
        (dt.date(2026, 6, 1), dt.date(2030, 6, 30), True),
        (None, dt.date(2030, 12, 15), True),
        (dt.date(2026, 7, 1), dt.date(2030, 9, 30), True),
    ]
