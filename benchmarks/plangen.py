"""Generate realistic (synthetic) gender-equality plan texts of any size, for benchmarks and tests.

    python3 benchmarks/plangen.py 10000      # generate 10,000 activities and time the importer

The agencies are sample data named like a province's (Quảng Ngãi style); the plan is invented.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gbapp.domain.numbering import VI_LETTERS, to_roman  # noqa: E402

AGENCY_NAMES = [
    "Sở Nội vụ", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Công an tỉnh", "Hội Liên hiệp Phụ nữ tỉnh",
    "Sở Tài chính", "Sở Tư pháp", "Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ",
    "Sở Nông nghiệp và Môi trường", "Sở Xây dựng", "Sở Công Thương", "Sở Dân tộc và Tôn giáo",
    "Sở Ngoại vụ", "Thanh tra tỉnh", "Văn phòng UBND tỉnh", "Bộ Chỉ huy Quân sự tỉnh",
    "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Ban Vì sự tiến bộ của phụ nữ tỉnh", "Ban Dân tộc tỉnh",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Liên đoàn Lao động tỉnh", "Tỉnh đoàn", "Hội Nông dân tỉnh",
    "Hội Cựu chiến binh tỉnh", "Liên minh Hợp tác xã tỉnh", "Bảo hiểm xã hội tỉnh",
    "Ngân hàng Chính sách xã hội chi nhánh tỉnh", "Đài Phát thanh - Truyền hình tỉnh", "Báo Quảng Ngãi",
    "Cục Thống kê tỉnh", "Trường Chính trị tỉnh", "Trung tâm Công tác xã hội tỉnh",
    "Trung tâm Kiểm soát bệnh tật tỉnh", "Bệnh viện Đa khoa tỉnh", "Tòa án nhân dân tỉnh",
    "Viện Kiểm sát nhân dân tỉnh", "Hội Luật gia tỉnh", "Hội Khuyến học tỉnh", "Hội Người cao tuổi tỉnh",
    "Hội Chữ thập đỏ tỉnh", "Hội Doanh nhân trẻ tỉnh", "Cổng Thông tin điện tử tỉnh",
    "UBND phường Cẩm Thành", "UBND phường Nghĩa Lộ", "UBND phường Trương Quang Trọng",
    "UBND xã Tịnh Khê", "UBND xã Bình Sơn", "UBND xã Sơn Hà", "UBND xã Ba Tơ", "UBND xã Minh Long",
    "UBND xã Trà Bồng", "UBND xã Đức Phổ", "UBND xã Mộ Đức", "UBND xã Nghĩa Hành", "UBND xã Tư Nghĩa",
    "UBND đặc khu Lý Sơn", "UBND xã Sơn Tây", "UBND xã Lân Phong", "UBND xã Đông Trà Bồng",
]
assert len(AGENCY_NAMES) == 60

_TOPICS = [
    "Tổ chức tập huấn nâng cao năng lực về bình đẳng giới cho cán bộ làm công tác bình đẳng giới",
    "Truyền thông phòng ngừa, ứng phó với bạo lực trên cơ sở giới tại cộng đồng",
    "Lồng ghép vấn đề bình đẳng giới trong xây dựng văn bản quy phạm pháp luật",
    "Duy trì mô hình Địa chỉ tin cậy, nhà tạm lánh tại cộng đồng",
    "Thu thập, cập nhật số liệu thống kê giới phục vụ đánh giá chỉ tiêu của Chiến lược",
    "Hỗ trợ phụ nữ dân tộc thiểu số tiếp cận dịch vụ y tế, chăm sóc sức khỏe sinh sản",
    "Tuyên truyền pháp luật về bình đẳng giới trong trường học",
    "Kiểm tra, giám sát việc thực hiện pháp luật về bình đẳng giới tại các cơ quan, đơn vị",
    "Tổ chức đối thoại chính sách về bình đẳng giới với doanh nghiệp",
    "Phát triển mạng lưới cộng tác viên, tư vấn viên cộng đồng về phòng, chống bạo lực gia đình",
]
_SECTIONS = [
    "Tăng cường công tác lãnh đạo, chỉ đạo, quản lý nhà nước về bình đẳng giới",
    "Đẩy mạnh truyền thông, phổ biến, giáo dục chính sách, pháp luật về bình đẳng giới",
    "Nâng cao năng lực đội ngũ cán bộ làm công tác bình đẳng giới",
    "Phòng ngừa, ứng phó với bạo lực trên cơ sở giới",
    "Thúc đẩy bình đẳng giới trong lĩnh vực kinh tế, lao động, việc làm",
    "Bình đẳng giới trong lĩnh vực giáo dục, y tế, văn hóa, thông tin",
]
_TIMES = ["Quý I/2025", "Quý II/2025", "Quý III/2025", "Quý IV/2025", "Thường xuyên", "Trong năm 2025",
          "6 tháng đầu năm 2025", "tháng 11/2025", "từ ngày 15/11 đến 15/12/2025", "trước ngày 30/6/2025"]
_OUTPUTS = ["Báo cáo kết quả", "Kế hoạch triển khai", "Tài liệu truyền thông", "Lớp tập huấn",
            "Số liệu thống kê", "Hội nghị sơ kết"]

POINTS_PER_ITEM = 20  # the Vietnamese letter list has 23 letters (a … y)


def generate_plan_text(n_activities: int, n_agencies: int = 60, seed: int = 0) -> str:
    """A plan text with *n_activities* lettered points (activities) under II. NHIỆM VỤ.

    Each point names a lead and a coordinating agency ("Sở X chủ trì, phối hợp với Y thực hiện") and
    a time frame ("Thời gian: Quý II/2025"). Lines are built in a list and joined once.
    """
    rng = random.Random(seed)
    agencies = AGENCY_NAMES[:max(2, min(n_agencies, len(AGENCY_NAMES)))]
    out: list[str] = [
        "ỦY BAN NHÂN DÂN",
        "TỈNH QUẢNG NGÃI",
        "-------",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "---------------",
        f"Số: {100 + seed % 800}/KH-UBND",
        "Quảng Ngãi, ngày 15 tháng 3 năm 2025",
        "",
        "KẾ HOẠCH",
        "THỰC HIỆN CÔNG TÁC BÌNH ĐẲNG GIỚI TRÊN ĐỊA BÀN TỈNH QUẢNG NGÃI NĂM 2025",
        "(Dữ liệu mẫu - sample data)",
        "",
        "Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;",
        "Căn cứ Nghị quyết số 28/NQ-CP ngày 03/3/2021 của Chính phủ ban hành Chiến lược quốc gia về "
        "bình đẳng giới giai đoạn 2021 - 2030;",
        "Thực hiện Công văn số 739/BNV-CTTN&BĐG ngày 28/3/2025 của Bộ Nội vụ về việc hướng dẫn triển khai "
        "công tác bình đẳng giới năm 2025; theo đề nghị của Sở Nội vụ tại Tờ trình số 80/TTr-SNV ngày "
        "14/4/2025; UBND tỉnh ban hành Kế hoạch như sau:",
        "",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "Tổ chức thực hiện hiệu quả các mục tiêu của Chiến lược quốc gia về bình đẳng giới trên địa bàn tỉnh.",
        "2. Yêu cầu",
        "Bảo đảm tính khả thi, thiết thực; phân công rõ cơ quan chủ trì, phối hợp và thời gian thực hiện.",
        "II. NHIỆM VỤ",
    ]
    remaining = n_activities
    k = 0
    while remaining > 0:
        k += 1
        out.append(f"{k}. {_SECTIONS[(k - 1) % len(_SECTIONS)]}")
        n_points = min(POINTS_PER_ITEM, remaining)
        for p in range(n_points):
            lead = agencies[rng.randrange(len(agencies))]
            coord = agencies[rng.randrange(len(agencies))]
            if coord == lead:
                coord = agencies[(agencies.index(lead) + 1) % len(agencies)]
            topic = _TOPICS[rng.randrange(len(_TOPICS))]
            when = _TIMES[rng.randrange(len(_TIMES))]
            output = _OUTPUTS[rng.randrange(len(_OUTPUTS))]
            out.append(f"{VI_LETTERS[p]}) {topic}. {lead} chủ trì, phối hợp với {coord} thực hiện. "
                       f"Thời gian: {when}. Sản phẩm: {output}.")
        remaining -= n_points
    out += [
        "III. KINH PHÍ THỰC HIỆN",
        "Kinh phí thực hiện từ nguồn ngân sách nhà nước theo phân cấp hiện hành và các nguồn hợp pháp khác.",
        f"{to_roman(4)}. TỔ CHỨC THỰC HIỆN",
        "1. Sở Nội vụ",
        "Chủ trì, theo dõi, đôn đốc, tổng hợp kết quả thực hiện Kế hoạch, báo cáo UBND tỉnh trước ngày "
        "15/12/2025.",
        "2. Các sở, ban, ngành, UBND các xã, phường",
        "Căn cứ chức năng, nhiệm vụ, xây dựng kế hoạch và tổ chức thực hiện.",
        "",
        "Nơi nhận:",
        "- Bộ Nội vụ;",
        "- TT Tỉnh ủy, TT HĐND tỉnh;",
        "- Các sở, ban, ngành tỉnh;",
        "- Lưu: VT, NC.",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "",
        "Nguyễn Văn Mẫu",
    ]
    return "\n".join(out) + "\n"


def _main(argv: list[str]) -> None:
    from gbapp.importers import parse_plan_text

    n = int(argv[1]) if len(argv) > 1 else 10_000
    text = generate_plan_text(n)
    walls, cpus = [], []
    for _ in range(5):
        t0, c0 = time.perf_counter(), time.process_time()
        plan = parse_plan_text(text)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    count = sum(1 for depth, _ in plan.walk() if depth == 2)
    print(f"{n} activities, {len(text) / 1e6:.2f} MB text: parsed {count} points; "
          f"best of 5: {min(walls):.3f} s wall, {min(cpus):.3f} s CPU")


if __name__ == "__main__":
    _main(sys.argv)
