"""Screenshots of every page on the demo database, 1366×768 unless told, offscreen.

    python3 tools/screenshots.py [OUTPUT_DIR]      # default: screenshots/
    python3 tools/screenshots.py OUT --size 911x512   # a 1366×768 laptop at 150 % scaling

Writes screenshots/<page>.png (plan, activities, agencies, progress, indicators, overview) and
two dialogs (import-preview, settings). Uses a temporary data folder: nothing of the user's is read.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(n) for n in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not WIDTHxHEIGHT: {text!r}") from None
    return width, height


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output_dir", nargs="?", type=Path, default=REPO / "screenshots")
    parser.add_argument("--size", type=_size, default=(1366, 768),
                        help="window size in logical pixels, WIDTHxHEIGHT (default 1366x768)")
    args = parser.parse_args(argv[1:])
    out = args.output_dir
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = Path(tempfile.mkdtemp(prefix="gbapp-shots-"))
    os.environ["GBAPP_DATA_DIR"] = str(tmp / "data")
    sys.path.insert(0, str(REPO))

    from gbapp.services.demo import create_demo
    from gbapp.store import items
    from gbapp.ui.app import create_application
    from gbapp.ui.main_window import PAGES, MainWindow

    db_path = tmp / "demo-kh93-2025.db"
    create_demo(db_path)
    app = create_application([])
    window = MainWindow()
    window.resize(*args.size)
    if not window.open_database(db_path):
        return 1
    window.show()
    written = []
    for key, *_ in PAGES:
        window.show_page(key)
        if key == "plan":  # show an activity in the form rather than a section
            ctx = window.ctx
            first = next(i for i in items.all_items(ctx.db, ctx.plan_id) if i.is_activity)
            window.pages["plan"].select_item(first.id)
        for _ in range(3):
            app.processEvents()
        path = out / f"{key}.png"
        window.grab().save(str(path))
        written.append(path)

    from gbapp.importers import read_plan
    from gbapp.paths import resource
    from gbapp.store import settings
    from gbapp.ui.dialogs.import_preview import ImportPreviewDialog
    from gbapp.ui.dialogs.settings_dialog import SettingsDialog

    preview = ImportPreviewDialog(read_plan(resource("demo", "plan93_quangngai_2025.txt")),
                                  "plan93_quangngai_2025.txt", window)
    preview.show()
    app.processEvents()
    preview.grab().save(str(out / "import-preview.png"))
    written.append(out / "import-preview.png")
    dialog = SettingsDialog(window)
    dialog.load(settings.load(window.ctx.db))
    dialog.show()
    app.processEvents()
    dialog.grab().save(str(out / "settings.png"))
    written.append(out / "settings.png")
    window.close()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
