"""The built-in demo: Plan 93/KH-UBND (Quảng Ngãi, 2025) with sample follow-up data.

The plan text is real (as far as our copy goes). Everything else that the real plan does not
publish (assignments, progress, indicator values) is SAMPLE data and is marked so: is_sample
columns, "[Dữ liệu mẫu]" in texts, and a settings flag.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from ..domain.entities import Agency, Indicator, IndicatorValue, Period, ProgressReport
from ..domain.model import SAMPLE_MARK, Status
from ..importers import read_plan
from ..paths import resource
from ..store import agencies, assignments, changelog, indicators, items, periods, progress, settings
from ..store.connection import Database
from .importing import store_plan

DEMO_PLAN = ("demo", "plan93_quangngai_2025.txt")

# (name, short name, kind, level, valid_to, successor name). Names follow Quảng Ngãi's
# agencies after the 2025 reorganisation; the LĐTBXH department's gender-equality work moved to
# Sở Nội vụ on 01/03/2025 and district level ended on 01/07/2025.
AGENCIES = [
    ("Bộ Nội vụ", "BNV", "trung_uong", "trung_uong", None, None),
    ("UBND tỉnh Quảng Ngãi", "UBND tỉnh", "ubnd", "tinh", None, None),
    ("Ban Vì sự tiến bộ của phụ nữ tỉnh", "Ban VSTBPN", "khac", "tinh", None, None),
    ("Sở Nội vụ", "SNV", "so_nganh", "tinh", None, None),
    ("Sở Lao động - Thương binh và Xã hội", "SLĐTBXH", "so_nganh", "tinh",
     dt.date(2025, 2, 28), "Sở Nội vụ"),
    ("Sở Y tế", "SYT", "so_nganh", "tinh", None, None),
    ("Sở Giáo dục và Đào tạo", "SGDĐT", "so_nganh", "tinh", None, None),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", "so_nganh", "tinh", None, None),
    ("Sở Tư pháp", "STP", "so_nganh", "tinh", None, None),
    ("Sở Tài chính", "STC", "so_nganh", "tinh", None, None),
    ("Sở Dân tộc và Tôn giáo", "SDTTG", "so_nganh", "tinh", None, None),
    ("Sở Khoa học và Công nghệ", "SKHCN", "so_nganh", "tinh", None, None),
    ("Công an tỉnh", "CAT", "luc_luong_vu_trang", "tinh", None, None),
    ("Bộ Chỉ huy Quân sự tỉnh", "BCHQS", "luc_luong_vu_trang", "tinh", None, None),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "UBMTTQVN tỉnh", "mat_tran", "tinh", None, None),
    ("Hội Liên hiệp Phụ nữ tỉnh", "Hội LHPN tỉnh", "doan_the", "tinh", None, None),
    ("Tỉnh Đoàn Quảng Ngãi", "Tỉnh Đoàn", "doan_the", "tinh", None, None),
    ("Liên đoàn Lao động tỉnh", "LĐLĐ tỉnh", "doan_the", "tinh", None, None),
    ("Hội Nông dân tỉnh", "HND tỉnh", "doan_the", "tinh", None, None),
    ("Báo và Phát thanh, Truyền hình Quảng Ngãi", "Báo và PT-TH", "bao_chi", "tinh", None, None),
    ("UBND huyện Sơn Tịnh", "UBND H. Sơn Tịnh", "ubnd", "huyen", dt.date(2025, 6, 30),
     "UBND xã Tịnh Hà"),
    ("UBND xã Tịnh Hà", "UBND X. Tịnh Hà", "ubnd", "xa", None, None),
    ("UBND phường Cẩm Thành", "UBND P. Cẩm Thành", "ubnd", "xa", None, None),
]

# Sample leads per content item (II.k.x), chosen from the activity's subject; all sample data.
SAMPLE_LEADS = ["Sở Nội vụ", "Sở Văn hóa, Thể thao và Du lịch", "Hội Liên hiệp Phụ nữ tỉnh",
                "Sở Y tế", "Sở Nội vụ"]
SAMPLE_COORDINATING = ["Sở Giáo dục và Đào tạo", "Công an tỉnh", "Hội Liên hiệp Phụ nữ tỉnh",
                       "Báo và Phát thanh, Truyền hình Quảng Ngãi", "Tỉnh Đoàn Quảng Ngãi",
                       "UBND xã Tịnh Hà", "Sở Tư pháp", "Liên đoàn Lao động tỉnh"]

# National strategy 2021-2030 (Nghị quyết 28/NQ-CP) targets confirmed in our reference.
INDICATORS = [
    ("MT1", "Tỷ lệ cơ quan quản lý nhà nước, chính quyền địa phương các cấp có lãnh đạo chủ chốt "
     "là nữ", "%", ">=", 60, 75),
    ("MT2.1", "Tỷ lệ lao động nữ làm công việc có hưởng lương", "%", ">=", 50, 60),
    ("MT2.2", "Tỷ lệ nữ làm việc trong khu vực nông nghiệp trên tổng số lao động nữ có việc làm",
     "%", "<=", 30, 25),
    ("MT2.3", "Tỷ lệ nữ giám đốc/chủ doanh nghiệp, hợp tác xã", "%", ">=", 27, 30),
    ("MT3.1", "Số giờ làm công việc nội trợ và chăm sóc không được trả công của phụ nữ so với "
     "nam giới", "lần", "<=", 1.7, 1.4),
    ("MT3.2", "Tỷ lệ nạn nhân bạo lực gia đình, bạo lực trên cơ sở giới được phát hiện được tiếp "
     "cận ít nhất một trong các dịch vụ hỗ trợ cơ bản", "%", ">=", 80, 90),
    ("MT3.3", "Tỷ lệ người gây bạo lực được phát hiện (không bị truy cứu) được tư vấn", "%", ">=",
     50, 70),
    ("MT3.4", "Tỷ lệ nạn nhân bị mua bán trở về được phát hiện có nhu cầu được hỗ trợ", "%", ">=",
     100, 100),
    ("MT3.5", "Tỷ lệ cơ sở trợ giúp xã hội công lập triển khai phòng ngừa, ứng phó bạo lực trên "
     "cơ sở giới", "%", ">=", 70, 100),
]


def is_demo_database(path: Path) -> bool:
    """Whether *path* is a demo database gbapp made (which `demo` may recreate): read only,
    and any doubt (not SQLite, damaged, no settings) is a no."""
    return settings.read_from_file(Path(path), "demo") == "1"


def create_demo(path: Path, *, today: dt.date | None = None) -> int:
    """Create (or recreate) the demo database at *path*; returns the plan id."""
    from ..store import open_database

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for leftover in (path, path.with_name(path.name + "-journal")):
        leftover.unlink(missing_ok=True)
    db = open_database(path)
    try:
        parsed = read_plan(resource(*DEMO_PLAN))
        plan_id = store_plan(db, parsed, source_file=DEMO_PLAN[1])
        with changelog.action(db, "demo", "plan", plan_id, "Dữ liệu mẫu"):
            _add_sample_data(db, plan_id, today or dt.date.today())
    finally:
        db.close()
    return plan_id


def _add_sample_data(db: Database, plan_id: int, today: dt.date) -> None:
    rng = random.Random(93)
    ids: dict[str, int] = {}
    for name, short, kind, level, valid_to, _ in AGENCIES:
        ids[name] = agencies.get_or_create(db, name)
        agency = agencies.get(db, ids[name])
        assert agency is not None
        agencies.save(db, Agency(id=agency.id, name=name, short_name=short, kind=kind, level=level,
                                 valid_to=valid_to, active=valid_to is None))
    for name, *_, successor in AGENCIES:
        if successor:
            agency = agencies.get(db, ids[name])
            agency.successor_id = ids[successor]
            agencies.save(db, agency)
    settings.set_value(db, "demo", "1")
    org = settings.OrgSettings(parent_agency="UBND tỉnh Quảng Ngãi", place="Quảng Ngãi",
                               signer="Nguyễn Văn A " + SAMPLE_MARK)
    settings.save(db, org)

    year = 2025
    half = periods.save(db, Period(plan_id=plan_id, name="6 tháng đầu năm 2025", kind="half",
                                   start_on=dt.date(year, 1, 1), end_on=dt.date(year, 6, 30),
                                   due_on=dt.date(year, 6, 10)))
    month = periods.save(db, Period(plan_id=plan_id, name="Tháng hành động 2025",
                                    kind="action_month", start_on=dt.date(year, 11, 15),
                                    end_on=dt.date(year, 12, 15), due_on=dt.date(year, 12, 20)))
    annual = periods.save(db, Period(plan_id=plan_id, name="Năm 2025", kind="year",
                                     start_on=dt.date(year, 1, 1), end_on=dt.date(year, 12, 31),
                                     due_on=dt.date(year, 12, 5)))

    period_by_id = {p.id: p for p in periods.list_periods(db, plan_id)}
    activities = [i for i in items.all_items(db, plan_id) if i.is_activity]
    for n, item in enumerate(activities):
        section_no = int(item.ref.split(".")[1]) if item.ref.count(".") >= 1 else 1
        lead = ids[SAMPLE_LEADS[(section_no - 1) % len(SAMPLE_LEADS)]]
        coordinating = [ids[c] for c in rng.sample(SAMPLE_COORDINATING, 2) if ids[c] != lead]
        assignments.set_for_item(db, item.id, lead, coordinating, is_sample=True)
        in_month = item.ref.startswith("II.5")
        period_id = month if in_month else (half if n % 2 else annual)
        # The last two activities stay unreported so that the overview has something to chase.
        if n >= len(activities) - 2:
            continue
        done = n % 3 != 1
        women = rng.randrange(40, 300)
        men = rng.randrange(20, 200)
        sessions = rng.randrange(2, 12)  # the same number in the text and in the figures
        rng.randrange(2, 12)  # drawn as before, so that the rest of the sample stays the same
        progress.save(db, ProgressReport(
            item_id=item.id, agency_id=lead, period_id=period_id,
            status=Status.DONE_ON_TIME if done else Status.IN_PROGRESS,
            percent=100 if done else rng.choice([30, 50, 70]),
            result=f"{SAMPLE_MARK} Đã tổ chức {sessions} hoạt động; "
                   f"{men + women} lượt người tham gia.",
            sessions=sessions, participants=men + women, men=men, women=women,
            evidence=f"Báo cáo số {rng.randrange(10, 200)}/BC-{SAMPLE_MARK}",
            difficulties="Kinh phí còn hạn chế." if n % 4 == 0 else "",
            proposals="Đề nghị bổ sung kinh phí truyền thông." if n % 5 == 0 else "",
            spending=float(rng.randrange(5, 80) * 1_000_000),
            completed_on=_completion(item, period_by_id[period_id], rng) if done else None,
            is_sample=True))

    for code, name, unit, direction, t2025, t2030 in INDICATORS:
        ind_id = indicators.save(db, Indicator(
            code=code, name=name, unit=unit, direction=direction, source="NQ 28/NQ-CP",
            targets={2025: float(t2025), 2030: float(t2030)}))
        for value_year in (2024, 2025):
            value = round(float(t2025) * rng.uniform(0.85, 1.1), 1)
            if unit == "%":
                value = min(value, 100.0)
            indicators.save_value(db, IndicatorValue(
                indicator_id=ind_id, year=value_year, value=value, note=SAMPLE_MARK,
                is_sample=True))


def _completion(item, period: Period, rng: random.Random) -> dt.date:
    """A plausible completion date for a sample report: inside its period, by the activity's
    due date, and a fortnight before the report itself was due (a report tells what was
    done, not what will be)."""
    bounds = [d for d in (period.end_on, item.time_frame.end,
                          period.due_on and period.due_on - dt.timedelta(days=15)) if d]
    latest = min(bounds)
    earliest = period.start_on or latest - dt.timedelta(days=60)
    return max(earliest, latest - dt.timedelta(days=rng.randrange(0, 20)))
