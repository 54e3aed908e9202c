"""Benchmark: the assignment appendix of a plan with 10,000 activities, against two baselines.

    python3 benchmarks/bench_export.py [--activities 10000] [--repeat 3] [--skip-add-row]

Measured in the same run, on the same rows, each writing and saving a complete .docx:
  * gbapp      — `gbapp.exporters.export(db, "appendix", …)`: reads the store, builds the
                 document from the template, saves it atomically (end to end);
  * lxml loop  — the bare minimum: a template row deep-copied per data row, texts set, saved;
  * add_row    — python-docx's plain API: `table.add_row()` and `cell.text = …` per row.
Budget: gbapp within 2× the bare lxml loop. The other documents (plan, report, letter,
workbook) of the same plan are timed once each, end to end, for the record (no budget).
Prints a table and writes `benchmarks/results/export.json`.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository and its siblings importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.path.insert(0, str(Path(__file__).resolve().parent))

import docx  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402

BUDGET = 2.0
RESULTS = Path(__file__).resolve().parent / "results" / "export.json"
def build_database(path: Path, activities: int) -> int:
    from gen_large import build_plan

    from gbapp.services.importing import store_plan
    from gbapp.store import open_database

    db = open_database(path)
    try:
        plan_id = store_plan(db, build_plan(activities))  # the GUI benchmark's generator
        db.conn.commit()
    finally:
        db.close()
    return plan_id


def table_texts(db_path: Path, plan_id: int) -> tuple[list[str], list[list[str]]]:
    """The same header and cell texts gbapp writes, for the baselines."""
    from gbapp.exporters.tables import ASSIGNMENT_HEADERS, _assignment_texts
    from gbapp.services.documents import collect_assignments
    from gbapp.store import open_database

    db = open_database(db_path)
    try:
        data = collect_assignments(db, plan_id)
    finally:
        db.close()
    return ASSIGNMENT_HEADERS, [texts for _, texts in _assignment_texts(data.rows)]


def run_gbapp(db_path: Path, plan_id: int, out: Path) -> None:
    from gbapp.exporters import export
    from gbapp.store import open_database

    db = open_database(db_path)
    try:
        export(db, "appendix", out)
    finally:
        db.close()


def other_documents(db_path: Path, plan_id: int, folder: Path) -> dict[str, float]:
    """Seconds to write each other document of the plan (a year period is added for the report
    and the letter, whose statuses are taken at the end of that year)."""
    from gbapp.domain.entities import Period
    from gbapp.exporters import ExportOptions, export
    from gbapp.store import open_database, periods, plans

    db = open_database(db_path)
    try:
        year = plans.get(db, plan_id).year or dt.date.today().year
        with db.atomic():
            periods.save(db, Period(plan_id=plan_id, name=f"Năm {year}", kind="year",
                                    start_on=dt.date(year, 1, 1), end_on=dt.date(year, 12, 31)))
        options = {"plan": ExportOptions(plan=plan_id),
                   "report": ExportOptions(plan=plan_id, date=dt.date(year, 12, 31)),
                   "reminder": ExportOptions(plan=plan_id, date=dt.date(year, 12, 31)),
                   "xlsx": ExportOptions(plan=plan_id, today=dt.date(year, 12, 31))}
        seconds = {}
        for kind, opts in options.items():
            suffix = ".xlsx" if kind == "xlsx" else ".docx"
            t0 = time.perf_counter()
            export(db, kind, folder / f"{kind}{suffix}", opts)
            seconds[kind] = round(time.perf_counter() - t0, 2)
        return seconds
    finally:
        db.close()


def run_lxml_loop(headers: list[str], rows: list[list[str]], out: Path) -> None:
    """The floor: one styled template row, deep-copied and filled per data row."""
    from gbapp.exporters.make_template import template_path

    document = docx.Document(str(template_path()))
    table = document.add_table(rows=2, cols=len(headers))
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].style = "GB Table Head"
        cell.paragraphs[0].add_run(text)
    proto = table.rows[1]._tr
    for cell in table.rows[1].cells:
        cell.paragraphs[0].style = "GB Table Text"
        cell.paragraphs[0].add_run("x")
    tbl = table._tbl
    tbl.remove(proto)
    t_tag = qn("w:t")
    for texts in rows:
        tr = copy.deepcopy(proto)
        for t, text in zip(tr.iter(t_tag), texts, strict=False):
            t.text = text
        tbl.append(tr)
    document.save(str(out))


def run_add_row(headers: list[str], rows: list[list[str]], out: Path) -> None:
    """python-docx's plain API, as a first version would write it."""
    from gbapp.exporters.make_template import template_path

    document = docx.Document(str(template_path()))
    table = document.add_table(rows=1, cols=len(headers))
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
    for texts in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, texts, strict=True):
            cell.text = text
    document.save(str(out))


def timed(fn, *args, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--activities", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--skip-add-row", action="store_true", help="skip the slow baseline")
    ap.add_argument("--json", type=Path, default=RESULTS)
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="gbapp-bench-") as tmp:
        tmp = Path(tmp)
        start = time.perf_counter()
        plan_id = build_database(tmp / "bench.db", args.activities)
        setup = time.perf_counter() - start
        headers, rows = table_texts(tmp / "bench.db", plan_id)

        # Interleaved rounds, best of each: a busy machine slows both alike.
        results = {"gbapp": float("inf"), "lxml_loop": float("inf")}
        for _ in range(args.repeat):
            results["gbapp"] = min(results["gbapp"], timed(
                run_gbapp, tmp / "bench.db", plan_id, tmp / "gbapp.docx"))
            results["lxml_loop"] = min(results["lxml_loop"], timed(
                run_lxml_loop, headers, rows, tmp / "lxml.docx"))
        if not args.skip_add_row:
            results["add_row"] = timed(run_add_row, headers, rows, tmp / "add_row.docx")
        others = other_documents(tmp / "bench.db", plan_id, tmp)
        check = docx.Document(str(tmp / "gbapp.docx"))
        written_rows = len(check.tables[0].rows) - 1
        size_kb = (tmp / "gbapp.docx").stat().st_size // 1024

    ratio = results["gbapp"] / results["lxml_loop"]
    report = {
        "benchmark": "assignment appendix export (Phụ lục phân công nhiệm vụ)",
        "activities": args.activities,
        "table_rows": written_rows,
        "docx_kb": size_kb,
        "setup_seconds": round(setup, 3),
        "seconds": {k: round(v, 3) for k, v in results.items()},
        "ratio_gbapp_to_lxml_loop": round(ratio, 2),
        "ratio_add_row_to_gbapp": round(results["add_row"] / results["gbapp"], 1)
        if "add_row" in results else None,
        "other_documents_seconds": others,
        "budget": f"gbapp <= {BUDGET}x lxml loop",
        "within_budget": ratio <= BUDGET,
        "repeat": args.repeat,
        "python": platform.python_version(),
        "python_docx": getattr(docx, "__version__", "?"),
        "platform": platform.platform(),
        "date": dt.datetime.now().isoformat(timespec="seconds"),
    }
    print(f"Phụ lục phân công: {args.activities} activities, {written_rows} table rows, "
          f"{size_kb} KB (database built in {setup:.1f} s)")
    print(f"{'method':<12} {'seconds':>9} {'× lxml':>8}")
    for name, seconds in results.items():
        print(f"{name:<12} {seconds:>9.3f} {seconds / results['lxml_loop']:>8.2f}")
    print("other documents of the same plan (s): "
          + ", ".join(f"{kind} {sec:.1f}" for kind, sec in others.items()))
    print(f"budget: gbapp ≤ {BUDGET}× lxml loop — "
          f"{'OK' if report['within_budget'] else 'OVER BUDGET'} ({ratio:.2f}×)")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n",
                         encoding="utf-8")
    print(f"written: {args.json}")
    return 0 if report["within_budget"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
