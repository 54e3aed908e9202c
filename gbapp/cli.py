"""Command line: `gbapp [--db PATH]` opens the app; sub-commands share the code the GUI calls."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__

EXIT_ERROR = 1
EXIT_USAGE = 2


class CliError(Exception):
    """An error reported as one line (Vietnamese, with the English gist) and a non-zero exit."""


def _db_path(args: argparse.Namespace, default: Callable[[], Path]) -> Path:
    return Path(args.db) if args.db else default()


def cmd_demo(args: argparse.Namespace) -> int:
    from .paths import demo_database
    from .services.demo import create_demo, is_demo_database

    path = _db_path(args, demo_database)
    if path.exists() and (path.is_dir() or path.stat().st_size) and not is_demo_database(path):
        # `gbapp --db work.db demo` must never wipe the user's own data
        raise CliError(f"Tệp «{path}» đã có dữ liệu, không phải cơ sở dữ liệu mẫu: gbapp không "
                       "ghi đè. Hãy chọn tên tệp khác cho dữ liệu mẫu (hoặc bỏ --db). "
                       "(an existing database is never replaced by the demo)")
    with _writing(path):  # nor behind the back of a gbapp window that has it open
        create_demo(path)
    print(f"Đã tạo cơ sở dữ liệu mẫu (Kế hoạch 93/KH-UBND): {path}")
    if args.open:
        args.db = str(path)
        return cmd_gui(args)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from .importers import plan_to_json, read_plan
    from .paths import default_database
    from .services.backups import backup_now
    from .services.importing import replaces_a_plan, store_plan

    source = Path(args.file)
    if source.is_dir():
        raise CliError(f"«{source}» là một thư mục: hãy chỉ ra tệp kế hoạch (.docx, .txt) trong "
                       "đó. (a folder, not a file)")
    if not source.exists():
        raise CliError(f"Không tìm thấy tệp «{source}». (file not found)")
    parsed = read_plan(source)
    if args.json:
        json.dump(plan_to_json(parsed), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    if args.dry_run:
        if not args.json:
            count = sum(1 for _ in parsed.walk())
            print(f"Đọc được kế hoạch {parsed.meta.number or '(không số)'}: {count} mục "
                  "(chưa lưu, --dry-run).")
            _print_warnings(parsed.warnings)
        return 0
    path = _db_path(args, default_database)
    with _writing(path):  # never behind the back of a gbapp window that has it open
        db = _open(path)
        try:
            if args.replace and replaces_a_plan(db, parsed):
                # the replaced plan's reports and assignments go with it: the app asks and can
                # undo; here a backup keeps them
                kept = backup_now(db.conn, path, reason="replace")
                print(f"Đã sao lưu dữ liệu trước khi thay kế hoạch: {kept}", file=sys.stderr)
            plan_id = store_plan(db, parsed, replace=args.replace, source_file=source.name)
        finally:
            db.close()
    if not args.json:
        count = sum(1 for _ in parsed.walk())
        print(f"Đã nhập kế hoạch {parsed.meta.number or '(không số)'} ({count} mục), mã {plan_id}.",
              file=sys.stderr if args.json else sys.stdout)
        _print_warnings(parsed.warnings)
    return 0


def _print_warnings(warnings: list[str]) -> None:
    """What to check after an import that went through (the JSON carries them in
    plan.warnings; an error stays one line)."""
    for warning in warnings:
        print(f"Lưu ý: {warning}", file=sys.stderr)


def cmd_backup(args: argparse.Namespace) -> int:
    from .paths import default_database
    from .services.backups import backup_now

    path = _db_path(args, default_database)
    if not path.is_file():
        raise CliError(f"Không tìm thấy cơ sở dữ liệu «{path}». (database not found)")
    with _writing(path):  # a consistent copy, not one taken while the app writes
        _open(path).close()  # refuse damaged or foreign files before copying them
        target = backup_now(path, path, folder=Path(args.to) if args.to else None,
                            reason="manual")
    print(f"Đã sao lưu: {target}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from .paths import default_database
    from .services.backups import list_for, restore
    from .store.lock import DatabaseLock

    path = _db_path(args, default_database)
    backups = list_for(path)
    if args.backup is None:
        if not backups:
            print(f"Chưa có bản sao lưu nào của «{path.name}».")
        for n, info in enumerate(backups, start=1):
            print(f"{n:>3}. {info.describe(from_path=path)}  [{info.path.name}]")
        return 0
    chosen = Path(args.backup)
    if args.backup.isdigit() and not chosen.exists():
        index = int(args.backup)
        if not 1 <= index <= len(backups):
            raise CliError(f"Không có bản sao lưu số {index}. (no backup number {index})")
        chosen = backups[index - 1].path
    with DatabaseLock(path):
        safety = restore(chosen, path)
    print(f"Đã khôi phục «{path.name}» từ {chosen.name}."
          + (f" Bản an toàn của tệp cũ: {safety}" if safety else ""))
    return 0


def _writing(path: Path):
    """The database's lock, as the desktop app holds it: refused (DatabaseInUseError, shown as
    one line) while a gbapp window has the file open."""
    from .store.lock import DatabaseLock

    path.parent.mkdir(parents=True, exist_ok=True)
    return DatabaseLock(path)


def _open(path: Path):
    from .store import open_database

    path.parent.mkdir(parents=True, exist_ok=True)
    return open_database(path)


def cmd_gui(args: argparse.Namespace) -> int:
    try:
        from .ui.app import run
    except ImportError as exc:  # the desktop app is not part of this build yet
        raise CliError("Giao diện chưa có trong bản này. (the desktop app is not available: "
                       f"{exc})") from exc
    return run(Path(args.db) if args.db else None)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gbapp",
        description="gbapp — theo dõi kế hoạch thực hiện công tác bình đẳng giới.",
    )
    parser.add_argument("--version", action="version", version=f"gbapp {__version__}")
    parser.add_argument("--db", help="tệp cơ sở dữ liệu (database file)")
    sub = parser.add_subparsers(dest="command")

    demo = sub.add_parser("demo", help="tạo cơ sở dữ liệu mẫu với Kế hoạch 93/KH-UBND")
    demo.add_argument("--db", default=argparse.SUPPRESS,
                      help="tệp cơ sở dữ liệu sẽ tạo (database file to create)")
    demo.add_argument("--open", action="store_true", help="mở ứng dụng trên dữ liệu mẫu")
    demo.set_defaults(func=cmd_demo)

    imp = sub.add_parser("import", help="nhập kế hoạch từ tệp .txt hoặc .docx")
    imp.add_argument("file", help="tệp kế hoạch (.txt, .docx)")
    imp.add_argument("--db", default=argparse.SUPPRESS, help="tệp cơ sở dữ liệu (database file)")
    imp.add_argument("--dry-run", action="store_true", help="chỉ đọc, không lưu")
    imp.add_argument("--json", action="store_true", help="in kết quả đọc dạng JSON")
    imp.add_argument("--replace", action="store_true", help="thay thế kế hoạch cùng số")
    imp.set_defaults(func=cmd_import)

    bak = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu")
    bak.add_argument("--db", default=argparse.SUPPRESS, help="tệp cơ sở dữ liệu (database file)")
    bak.add_argument("--to", help="thư mục lưu bản sao (folder; default: the backups folder)")
    bak.set_defaults(func=cmd_backup)

    res = sub.add_parser("restore", help="liệt kê hoặc khôi phục bản sao lưu")
    res.add_argument("backup", nargs="?", help="số thứ tự trong danh sách hoặc đường dẫn tệp")
    res.add_argument("--db", default=argparse.SUPPRESS, help="tệp cơ sở dữ liệu (database file)")
    res.set_defaults(func=cmd_restore)

    from .exporters.cli import add_export_parser  # light: the generators load when run

    add_export_parser(sub)
    return parser


def _user_errors() -> tuple[type[Exception], ...]:
    """Errors the user can act on: one line, non-zero exit. (Imported late: `gbapp` with no
    arguments must not pay for the store and importers before the window shows.)"""
    from .exporters.safe_write import ExportError
    from .importers import PlanImportError
    from .services.importing import PlanExistsError
    from .store import DatabaseError

    return (CliError, PlanImportError, PlanExistsError, DatabaseError, ExportError)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `gbapp` console command."""
    for stream in (sys.stdout, sys.stderr):  # Vietnamese on a Windows console
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", cmd_gui)
    try:
        return func(args)
    except BrokenPipeError:  # `gbapp import … --json | head`: the reader had enough
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - no flush error at exit
        return EXIT_ERROR
    except OSError as exc:
        where = f"tệp «{exc.filename}»" if exc.filename else "tệp"
        print(f"Lỗi: không đọc/ghi được {where}: {exc.strerror or exc}. "
              f"(file error: {exc})", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:
        if not isinstance(exc, _user_errors()):
            raise
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_ERROR
