"""Any text either parses or raises PlanImportError, never anything else."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gbapp.importers import PlanImportError, parse_plan_docx, parse_plan_text, plan_to_json

PLAN_LINES = [
    "I. MỤC ĐÍCH, YÊU CẦU", "II. NHIỆM VỤ", "III.", "IV. TỔ CHỨC", "1. Tập huấn", "2.", "1.1. Con", "a) Điểm",
    "đ) Điểm năm", "b.", "- gạch", "+ cộng", "- 2030 trên địa bàn", "Sở Nội vụ chủ trì, phối hợp với Sở Y tế, "
    "Công an tỉnh và UBND các xã thực hiện.", "(Sở Y tế chủ trì; Tỉnh đoàn phối hợp)", "Cơ quan chủ trì: ; phối hợp:",
    "chủ trì", "phối hợp", "Thời gian: Quý II/2025", "Thời gian:", "từ ngày 31/02 đến 15/13/2025",
    "trước ngày 30/6/2025", "Quý V/0000", "Số: 12/KH-UBND", "Số:", "Số hiệu 93/KH-UBND", "Ngày ban hành 99/99/9999",
    "Quảng Ngãi, ngày 31 tháng 02 năm 2025", "KẾ HOẠCH", "KẾ HOẠCH TRIỂN KHAI", "ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI",
    "UBND TỈNH X SỞ Y", "Căn cứ Luật ngày", "Căn cứ Quyết định số 1/QĐ-UBND ngày 1/1/2020 của", "Nơi nhận:",
    "- Bộ Nội vụ;", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An", "[...]", "[…]",
    "| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |", "| 1 | x | Sở Nội vụ | | Quý I |",
    "| I |", "|", "||||", "\t\t", "STT\tCơ quan chủ trì", "Tải văn bản", "Văn bản liên quan", "QUYẾT ĐỊNH",
    "Điều 1. Ban hành", "", " ", "\u00a0", "\x0b", "\r",
]

plan_like = st.lists(st.one_of(st.sampled_from(PLAN_LINES), st.text(max_size=30)), max_size=40).map("\n".join)


def _check(text: str) -> None:
    try:
        parsed = parse_plan_text(text)
    except PlanImportError as exc:
        assert str(exc)
        return
    assert parsed.items
    plan_to_json(parsed)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text(text):
    _check(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_like)
def test_plan_like_text(text):
    _check(text)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_as_docx(data):
    try:
        parse_plan_docx(b"PK\x03\x04" + data)
    except PlanImportError:
        pass
