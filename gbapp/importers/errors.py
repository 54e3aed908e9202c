"""The one exception importers raise."""

from __future__ import annotations


class PlanImportError(Exception):
    """A file or text could not be imported as a plan.

    The message is Vietnamese, for the user, with the English gist in parentheses.
    """


# Limits shared by the readers.
MAX_FILE_BYTES = 20 * 1024 * 1024  # a plan file, text or .docx
MAX_TEXT_CHARS = 20 * 1024 * 1024  # characters of decoded text
MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024  # sum of the .docx zip entries, uncompressed
MAX_DOCX_ENTRIES = 5000
MAX_COMPRESSION_RATIO = 200  # per entry, for entries over 1 MB uncompressed

EMPTY = "Tệp trống: không có nội dung kế hoạch (empty input: no plan text)"
NOT_A_PLAN = (
    "Không nhận ra kế hoạch: không tìm thấy mục I., II. … hoặc bảng nhiệm vụ có cột chủ trì/phối hợp "
    "(not a plan: no numbered sections found)"
)
