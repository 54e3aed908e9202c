"""`gbapp export {report,appendix,plan,reminder,xlsx}`: the documents from the command line.

Wire it in with ``add_export_parser(sub)`` where ``sub = parser.add_subparsers(...)``. Errors are
raised as `gbapp.cli.CliError` (one Vietnamese line with the English gist; non-zero exit).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from .kinds import KINDS


def add_export_parser(subparsers) -> argparse.ArgumentParser:
    """Add the `export` sub-command to *subparsers*; returns its parser."""
    p = subparsers.add_parser(
        "export", help="xuất văn bản (báo cáo, phụ lục, kế hoạch, công văn) hoặc bảng tính",
        description="Xuất văn bản theo thể thức Nghị định 30/2020/NĐ-CP hoặc bảng tính Excel.")
    p.add_argument("kind", choices=list(KINDS),
                   help="report: báo cáo; appendix: phụ lục phân công; plan: kế hoạch; "
                        "reminder: công văn đôn đốc; xlsx: bảng tính")
    # SUPPRESS: a value given before the sub-command (gbapp --db X export …) is kept.
    p.add_argument("--db", default=argparse.SUPPRESS,
                   help="tệp cơ sở dữ liệu (database file)")
    p.add_argument("--out", help="tệp sẽ ghi (output file); mặc định: tên theo loại văn bản")
    p.add_argument("--plan", help="số kế hoạch, ví dụ 93/KH-UBND (mặc định: kế hoạch mới nhất)")
    p.add_argument("--period",
                   help="báo cáo, công văn: tên hoặc mã kỳ báo cáo (mặc định: như trang Tổng quan, "
                        "kỳ đã bắt đầu có hạn báo cáo gần ngày văn bản nhất, trước hoặc sau; "
                        "chưa kỳ nào bắt đầu thì kỳ đầu tiên); bảng tính: kỳ của trang «Chưa báo "
                        "cáo», mặc định như trên")
    p.add_argument("--number", default="", help="số văn bản, ví dụ 15 (để trống: ghi tay)")
    p.add_argument("--date", help="ngày văn bản dd/mm/yyyy (báo cáo, công văn: mặc định hôm nay; "
                                  "kế hoạch, phụ lục: mặc định ngày ban hành của kế hoạch)")
    p.add_argument("--signer", help="người ký (mặc định: theo cài đặt)")
    p.add_argument("--signer-authority",
                   help="quyền hạn ký, ví dụ «KT. GIÁM ĐỐC»; nhiều cấp cách nhau bằng «/»")
    p.add_argument("--signer-title", help="chức vụ người ký, ví dụ «PHÓ GIÁM ĐỐC»")
    p.add_argument("--agency", action="append", default=None, metavar="TÊN",
                   help="công văn: chỉ gửi cơ quan này (lặp lại được)")
    p.add_argument("--per-agency", action="store_true",
                   help="công văn: mỗi cơ quan một văn bản (--out là thư mục hoặc tên mẫu)")
    p.add_argument("--reply-by", help="công văn: hạn gửi báo cáo dd/mm/yyyy")
    p.set_defaults(func=cmd_export)
    return p


def _cli_error(message: str) -> Exception:
    try:
        from ..cli import CliError
    except ImportError:  # pragma: no cover - gbapp.cli always exists in the app
        return SystemExit(message)
    return CliError(message)


def _date(text: str | None, what: str):
    from ..domain.dates import DateError, parse_date

    if not text:
        return None
    try:
        return parse_date(text)
    except DateError as exc:
        raise _cli_error(f"{what}: {exc} (bad date)") from exc


def cmd_export(args: argparse.Namespace) -> int:
    from ..services.documents import DocumentDataError, resolve_period, resolve_plan
    from ..services.overview import default_period
    from ..store import DatabaseError, agencies, open_database, periods
    from .api import ExportOptions, default_filename, export, filename_problem
    from .safe_write import ExportError

    db_path = getattr(args, "db", None)
    if not db_path:
        from ..paths import default_database

        db_path = default_database()
    db_path = Path(db_path)
    if not db_path.is_file():
        raise _cli_error(f"Không tìm thấy cơ sở dữ liệu «{db_path}». (database not found)")
    options = ExportOptions(
        plan=args.plan, period=args.period, number=args.number or "",
        date=_date(args.date, "Ngày văn bản"), signer=args.signer,
        signer_authority=args.signer_authority, signer_title=args.signer_title,
        per_agency=args.per_agency, reply_by=_date(args.reply_by, "Hạn gửi báo cáo"))
    try:
        db = open_database(db_path)
    except DatabaseError as exc:
        raise _cli_error(str(exc)) from exc
    try:
        plan = resolve_plan(db, options.plan)
        options.plan = plan.id
        period = None
        if args.kind in ("report", "reminder", "xlsx"):
            period = (resolve_period(db, plan.id, options.period) if options.period
                      else default_period(periods.list_periods(db, plan.id),
                                          options.date or dt.date.today()))
        if period is not None:
            options.period = period.id
        if args.agency:
            ids = []
            for name in args.agency:
                found = agencies.find_by_name(db, name)
                if found is None:
                    raise _cli_error(f"Không tìm thấy cơ quan «{name}». (agency not found)")
                ids.append(found)
            options.agency_ids = ids
        out = Path(args.out) if args.out else Path(default_filename(
            args.kind, plan.number, period.name if period else None))
        problem = filename_problem(out.name) if args.out else None
        if problem:  # what Windows would refuse with an English "[WinError 123]"
            raise _cli_error(f"{problem} (invalid file name)")
        if args.per_agency and args.kind == "reminder" and out.suffix.lower() != ".docx":
            out.mkdir(parents=True, exist_ok=True)
        written = export(db, args.kind, out, options)
    except (DocumentDataError, ExportError) as exc:
        raise _cli_error(str(exc)) from exc
    finally:
        db.close()
    if period is not None and not args.period:  # say which one: --out may not name it
        print(f"Kỳ báo cáo: {period.name} (mặc định; chọn kỳ khác bằng --period)")
    if not written:
        print("Không có cơ quan nào cần đôn đốc; không tạo văn bản. (nothing to write)")
    for path in written:
        print(f"Đã ghi: {path}")
    for warning in dict.fromkeys(options.warnings):  # once, even for one letter per agency
        print(f"Lưu ý: {warning}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Stand-alone runner (`python -m gbapp.exporters.cli export report …`)."""
    parser = argparse.ArgumentParser(prog="gbapp")
    parser.add_argument("--db", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True)
    add_export_parser(sub)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except Exception as exc:  # CliError and friends: one line, non-zero exit
        if type(exc).__name__ != "CliError":
            raise
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
