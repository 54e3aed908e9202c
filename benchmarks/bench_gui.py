"""GUI benchmarks: start-up, search-as-you-type and sorting on 100,000 activities, memory.

    python3 benchmarks/bench_gui.py [--runs 7] [--large EXISTING_100K.db]

Each measurement that depends on a fresh process runs in its own subprocess. Start-up is timed
for three programs, interleaved: a bare QMainWindow (the budget's reference), the same first
screen built with PySide6 alone and no gbapp code (what Qt and Python cost for it), and gbapp.
Prints a table and writes benchmarks/results/gui.json. Budgets: start-up ≤ 1.5× a bare
QMainWindow, keystroke → updated table ≤ 50 ms (median), column sort ≤ 100 ms, RSS after loading
≤ 250 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results"

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.resize(1366, 768); w.show(); app.processEvents()
print("READY", flush=True)
"""

# The same first screen written as directly as PySide6 allows, with no gbapp code: navigation,
# menus, a toolbar with standard icons, the plan's items in a tree (read with plain sqlite3), a
# tabbed form of the item's fields and a status bar. It measures what Qt and Python cost for this
# window on this machine, so that the app's own share (app / floor) can be told from theirs.
FLOOR = """
import sqlite3, sys
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QFormLayout, QLineEdit,
    QListWidget, QMainWindow, QPlainTextEdit, QPushButton, QSplitter, QStyle, QTabWidget,
    QTreeView, QVBoxLayout, QWidget)
app = QApplication(sys.argv)
w = QMainWindow(); w.resize(1366, 768)
rows = sqlite3.connect(sys.argv[1]).execute(
    "SELECT label, title, tf_text, depth FROM items ORDER BY sort_path").fetchall()
model = QStandardItemModel(); parents = {-1: model.invisibleRootItem()}
for label, title, tf, depth in rows:
    cells = [QStandardItem(str(x or "")) for x in (label, title, tf)]
    parents[depth - 1].appendRow(cells); parents[depth] = cells[0]
tree = QTreeView(); tree.setModel(model); tree.expandToDepth(1)
nav = QListWidget()
for text in ("Kế hoạch", "Hoạt động", "Cơ quan", "Tiến độ", "Chỉ tiêu", "Tổng quan"):
    nav.addItem(text)
form = QWidget(); fields = QFormLayout(form)
for name in ("Nội dung", "Diễn giải", "Sản phẩm", "Chủ trì", "Phối hợp", "Chỉ tiêu"):
    fields.addRow(name, QPlainTextEdit())
for name in ("Thời gian", "Từ ngày", "Đến ngày", "Kinh phí"):
    fields.addRow(name, QLineEdit())
fields.addRow("Nguồn", QComboBox()); fields.addRow("", QCheckBox("Là hoạt động"))
fields.addRow(QPushButton("Lưu"))
tabs = QTabWidget(); tabs.addTab(form, "Mục đang chọn"); tabs.addTab(QWidget(), "Thông tin")
plan = QWidget(); column = QVBoxLayout(plan); combo = QComboBox(); combo.addItem("93/KH-UBND")
column.addWidget(combo); column.addWidget(tree)
inner = QSplitter(Qt.Orientation.Horizontal); inner.addWidget(plan); inner.addWidget(tabs)
outer = QSplitter(Qt.Orientation.Horizontal); outer.addWidget(nav); outer.addWidget(inner)
w.setCentralWidget(outer)
menu, toolbar, sp = w.menuBar().addMenu("&Tệp"), w.addToolBar("Công cụ"), QStyle.StandardPixmap
for text, icon in (("Mở", sp.SP_DialogOpenButton), ("Lưu bản sao", sp.SP_DialogSaveButton),
                   ("Hoàn tác", sp.SP_ArrowBack), ("Làm lại", sp.SP_ArrowForward),
                   ("Xuất văn bản", sp.SP_FileDialogDetailedView)):
    action = QAction(w.style().standardIcon(icon), text, w)
    action.setShortcut(QKeySequence("Ctrl+O")); menu.addAction(action); toolbar.addAction(action)
for text in ("&Sửa", "&Xem", "Trợ &giúp"):
    w.menuBar().addMenu(text)
w.statusBar().showMessage(f"{len(rows)} mục")
w.show(); app.processEvents()
print("READY", flush=True)
"""

APP = """
import sys
from pathlib import Path
from gbapp.ui.app import create_application, start
app = create_application(sys.argv)
w = start(Path(sys.argv[1]))
app.processEvents()
assert w.pages["plan"].model.rowCount() > 0
heavy = [m for m in ("docx", "openpyxl", "sqlite_utils", "gbapp.importers", "gbapp.exporters")
         if m in sys.modules]
print("READY", ",".join(heavy), flush=True)
"""


def _env(data_dir: Path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GBAPP_DATA_DIR=str(data_dir))
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    # A shipped app has its bytecode compiled; without a cache every start would compile gbapp
    # from source (~60 ms) while the bare window compiles nothing. Cache it outside the repo.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(data_dir.parent / "pycache")
    return env


def _time_process(code: str, args: list[str], env: dict) -> tuple[float, str]:
    """Seconds from spawning Python to the child's READY line (interpreter start included)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env)
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - t0
    proc.wait()
    if not line.startswith("READY"):
        raise RuntimeError(f"child failed: {line!r}")
    return elapsed, line[5:].strip()


def bench_startup(tmp: Path, runs: int) -> dict:
    from gbapp.services.demo import create_demo

    demo = tmp / "demo.db"
    create_demo(demo)
    env = _env(tmp / "data")
    _time_process(BARE, [], env)  # warm the file cache for all three
    _time_process(FLOOR, [str(demo)], env)
    _time_process(APP, [str(demo)], env)
    bare, floor, app, heavy = [], [], [], ""
    for _ in range(runs):  # interleaved, so that machine noise hits all alike
        bare.append(_time_process(BARE, [], env)[0])
        floor.append(_time_process(FLOOR, [str(demo)], env)[0])
        elapsed, heavy = _time_process(APP, [str(demo)], env)
        app.append(elapsed)
    b, f, a = statistics.median(bare), statistics.median(floor), statistics.median(app)
    return {"bare_qmainwindow_s": round(b, 3), "floor_window_s": round(f, 3),
            "app_demo_s": round(a, 3), "ratio": round(a / b, 2), "budget_ratio": 1.5,
            "floor_ratio": round(f / b, 2), "app_over_floor": round(a / f, 2),
            "heavy_modules_at_start": heavy.split(",") if heavy else []}


INTERACTIVE = """
import json, statistics, sys, time
from pathlib import Path
from gbapp.ui.app import create_application
from gbapp.ui.main_window import MainWindow
from gbapp.ui.pages.activities_page import ActivitiesPage
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")

app = create_application(sys.argv)
ActivitiesPage.search_debounce_ms = 0
w = MainWindow(); w.resize(1366, 768)
t0 = time.perf_counter()
assert w.open_database(Path(sys.argv[1]))
w.show(); w.show_page("activities"); app.processEvents()
open_s = time.perf_counter() - t0
page = w.pages["activities"]
while page.model.plan_total < 0:  # the count comes from the background thread
    app.processEvents()
count_s = time.perf_counter() - t0
assert page.model.plan_total == 100_000, page.model.plan_total
rss = rss_mb()

keys = []
for text in ("binh dang gioi", "tap huan"):
    for ch in text:
        t = time.perf_counter(); QTest.keyClick(page.search, ch); app.processEvents()
        keys.append((time.perf_counter() - t) * 1000)
    for _ in range(3):
        t = time.perf_counter(); QTest.keyClick(page.search, Qt.Key.Key_Backspace)
        app.processEvents(); keys.append((time.perf_counter() - t) * 1000)
    page.clear_filters(); app.processEvents()

sorts = {}
for col in range(6):
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        t = time.perf_counter(); page.table.sortByColumn(col, order); app.processEvents()
        sorts[f"{col}{'d' if order == Qt.SortOrder.DescendingOrder else 'a'}"] = \
            (time.perf_counter() - t) * 1000
page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder); app.processEvents()
t = time.perf_counter(); page.table.scrollToBottom(); app.processEvents()
scroll_ms = (time.perf_counter() - t) * 1000
w.show_page("plan"); app.processEvents()
rss_all = rss_mb()
w.close()
print(json.dumps({"open_large_s": round(open_s, 3), "open_and_count_s": round(count_s, 3), "rss_mb_after_load": round(rss, 1),
                  "rss_mb_after_all": round(rss_all, 1), "keystrokes_ms": keys,
                  "sorts_ms": sorts, "scroll_page_ms": round(scroll_ms, 1)}))
"""


def bench_interactive(large: Path, tmp: Path) -> dict:
    env = _env(tmp / "data2")
    out = subprocess.run([sys.executable, "-c", INTERACTIVE, str(large)], capture_output=True,
                         text=True, env=env, timeout=600)
    if out.returncode:
        raise RuntimeError(out.stderr[-2000:])
    data = json.loads(out.stdout.strip().splitlines()[-1])
    keys = data["keystrokes_ms"]
    sorts = list(data["sorts_ms"].values())
    data.update(keystroke_median_ms=round(statistics.median(keys), 1),
                keystroke_p90_ms=round(sorted(keys)[int(len(keys) * 0.9)], 1),
                keystroke_max_ms=round(max(keys), 1), keystroke_count=len(keys),
                sort_median_ms=round(statistics.median(sorts), 1),
                sort_max_ms=round(max(sorts), 1))
    data["keystrokes_ms"] = [round(k, 1) for k in keys]
    data["sorts_ms"] = {k: round(v, 1) for k, v in data["sorts_ms"].items()}
    return data


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--large", help="an existing 100k database (else generated)")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(REPO))
    tmp = Path(tempfile.mkdtemp(prefix="gbapp-bench-"))
    os.environ["GBAPP_DATA_DIR"] = str(tmp / "data0")
    RESULTS.mkdir(parents=True, exist_ok=True)

    startup = bench_startup(tmp, args.runs)
    if args.large:
        large = Path(args.large)
    else:
        sys.path.insert(0, str(REPO / "benchmarks"))
        from gen_large import generate

        t0 = time.perf_counter()
        large = generate(tmp / "large.db")
        startup["generate_100k_s"] = round(time.perf_counter() - t0, 1)
    inter = bench_interactive(large, tmp)

    rows = [
        ("start-up, bare QMainWindow", f"{startup['bare_qmainwindow_s'] * 1000:.0f} ms", ""),
        ("start-up, same window without gbapp", f"{startup['floor_window_s'] * 1000:.0f} ms", ""),
        ("start-up, gbapp on demo db", f"{startup['app_demo_s'] * 1000:.0f} ms", ""),
        ("start-up ratio", f"{startup['ratio']:.2f}×", "≤ 1.5×"),
        ("… the same window without gbapp", f"{startup['floor_ratio']:.2f}×", ""),
        ("keystroke → table (median of "
         f"{inter['keystroke_count']})", f"{inter['keystroke_median_ms']:.1f} ms", "≤ 50 ms"),
        ("keystroke p90 / max", f"{inter['keystroke_p90_ms']:.1f} / {inter['keystroke_max_ms']:.1f} ms",
         ""),
        ("column sort median / max", f"{inter['sort_median_ms']:.1f} / {inter['sort_max_ms']:.1f} ms",
         "≤ 100 ms"),
        ("RSS after loading 100k plan", f"{inter['rss_mb_after_load']:.0f} MB", "≤ 250 MB"),
        ("RSS after all steps", f"{inter['rss_mb_after_all']:.0f} MB", ""),
        ("open 100k database → table", f"{inter['open_large_s'] * 1000:.0f} ms", ""),
        ("… and its count (background)", f"{inter['open_and_count_s'] * 1000:.0f} ms", ""),
    ]
    width = max(len(r[0]) for r in rows)
    for name, value, budget in rows:
        print(f"{name:<{width}}  {value:>16}  {budget}")
    if startup["heavy_modules_at_start"]:
        print("heavy modules imported at start-up:", startup["heavy_modules_at_start"])
    result = {"startup": startup, "interactive": inter, "python": sys.version.split()[0],
              "when": time.strftime("%Y-%m-%d %H:%M:%S")}
    (RESULTS / "gui.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n",
                                      encoding="utf-8")
    print(f"written {RESULTS / 'gui.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
