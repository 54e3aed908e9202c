"""The documents gbapp writes (a light module: the command line lists them at start-up)."""

KINDS: dict[str, str] = {
    "report": "Báo cáo kết quả thực hiện",
    "appendix": "Phụ lục phân công nhiệm vụ",
    "plan": "Kế hoạch (bản dự thảo từ dữ liệu)",
    "reminder": "Công văn đôn đốc",
    "xlsx": "Bảng tính Excel (bản làm việc)",
}
