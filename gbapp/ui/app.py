"""Composition root of the desktop app: logging, settings, the error hook, the first window.

`run(db_path)` is what `gbapp` and `gbapp --db PATH` call. Heavy modules (python-docx,
openpyxl, exporters, pages other than the first) are imported when first used, not here.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import paths
from ..logs import log_file, setup_logging

log = logging.getLogger("gbapp")
ORGANISATION = "gbapp"


def log_path() -> Path:
    return log_file()


def configure_settings() -> None:
    """QSettings as an INI file in the data folder (GBAPP_DATA_DIR in tests), never the registry."""
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName("gbapp")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    folder = str(paths.data_dir() / "settings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.SystemScope, folder)


def install_translator(app: QApplication) -> None:
    """Load resources/i18n/gbapp_<lang>.qm when GBAPP_LANG or the system asks for a language
    other than Vietnamese (the source strings are Vietnamese). Otherwise the UI is Vietnamese,
    and so are Qt's own strings (a text field's right-click menu, standard buttons) through
    qt_vi.qm, whatever the language of Windows: Qt ships no Vietnamese of its own."""
    lang = os.environ.get("GBAPP_LANG") or QLocale.system().name().split("_")[0]
    qm = paths.resource("i18n", f"gbapp_{lang}.qm")
    if lang != "vi" and qm.is_file():
        translator = QTranslator(app)
        if translator.load(str(qm)):
            app.installTranslator(translator)
            return
    qt_vi = QTranslator(app)
    if qt_vi.load(str(paths.resource("i18n", "qt_vi.qm"))):
        app.installTranslator(qt_vi)


def install_excepthook() -> None:
    """Unexpected errors: logged, then a dialog that says where the log is."""
    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        from ..store import StorageError
        from ..store.database import DamagedDatabaseError

        if issubclass(exc_type, (StorageError, DamagedDatabaseError)) \
                and QApplication.instance() is not None:
            # Expected: the disk is full, the file read-only, gone or damaged. Nothing was
            # saved; the message says what to do. Not the crash dialog (whose "data saved is
            # not affected" would be false for a damaged file).
            log.warning("change not saved: %s", exc)
            from .dialogs import messages

            messages.error(QApplication.activeWindow(), "Chưa lưu được thay đổi", str(exc))
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("unexpected error\n%s", details)
        if QApplication.instance() is None:
            sys.__excepthook__(exc_type, exc, tb)
            return
        box = QMessageBox(QMessageBox.Icon.Critical, "gbapp — lỗi không mong muốn",
                          "Đã xảy ra lỗi không mong muốn. Dữ liệu đã lưu không bị ảnh hưởng; "
                          "thao tác vừa rồi có thể chưa hoàn tất.\n\n"
                          f"Chi tiết đã ghi vào nhật ký:\n{log_path()}\n\n"
                          "Hãy gửi tệp này cho bộ phận hỗ trợ kèm mô tả việc bạn đang làm.")
        box.setDetailedText(details)
        box.exec()

    sys.excepthook = hook


def skip_optional_numpy() -> None:
    """sqlite-utils imports numpy when it is installed (≈300 ms at start-up) and only uses it to
    store numpy values, which gbapp never does; the Windows build does not ship numpy at all."""
    if "numpy" not in sys.modules:
        sys.modules["numpy"] = None  # type: ignore[assignment]  # makes `import numpy` fail fast


def create_application(argv: list[str] | None = None) -> QApplication:
    skip_optional_numpy()
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    configure_settings()
    app.setApplicationDisplayName("gbapp")
    app.setWindowIcon(app_icon())
    install_translator(app)
    return app


def app_icon() -> QIcon:
    """The icon of every window (title bar, taskbar, Alt+Tab): without it Windows shows its
    generic one. The .ico holds 16 to 256 px, drawn for each size (tools/make_icon.py)."""
    icon = QIcon(str(paths.resource("app", "gbapp.ico")))
    if icon.isNull():  # no ICO reader in this Qt: the 256 px picture, scaled
        icon = QIcon(str(paths.resource("app", "gbapp.png")))
    return icon


def start(db_path: Path | None, settings: QSettings | None = None):
    """Build the main window on *db_path*, else the last database, else the welcome choices.

    Returns the (shown) window, or None when the user closed the welcome dialog.
    """
    from .main_window import MainWindow
    from .models import session

    window = MainWindow(settings)
    if db_path is not None:
        if not window.open_database(db_path):
            window.deleteLater()
            return None
    else:
        last = session.last_database(window.settings)
        if last is None or not window.open_database(last):
            if not welcome(window):
                window.deleteLater()
                return None
    window.show()
    return window


def welcome(window) -> bool:
    """First start: demo, empty database, import or open; True when a database is open."""
    from .dialogs.welcome import Choice, WelcomeDialog

    while True:
        dialog = WelcomeDialog(window)
        if not dialog.exec() or dialog.choice is None:
            return False
        if dialog.choice is Choice.DEMO:
            if open_demo(window):
                return True
        elif dialog.choice is Choice.EMPTY:
            if window.open_database(paths.default_database()):
                return True
        elif dialog.choice is Choice.OPEN:
            window.choose_database()
            if window.ctx is not None:
                return True
        elif window.open_database(paths.default_database()):
            window.show()
            window.page("plan").import_plan()
            return True


def open_demo(window) -> bool:
    from ..services.demo import create_demo

    path = paths.demo_database()
    try:
        if not path.exists():
            create_demo(path)
    except Exception as exc:  # noqa: BLE001 - PlanImportError, DatabaseError, OSError
        from .dialogs import messages

        messages.error(window, "Không tạo được dữ liệu mẫu", str(exc))
        return False
    return window.open_database(path)


def run(db_path: Path | None) -> int:
    """Start the desktop app; returns the exit code."""
    setup_logging()
    app = create_application()
    install_excepthook()
    log.info("gbapp starting (database: %s)", db_path or "last used")
    window = start(Path(db_path) if db_path else None)
    if window is None:
        return 0
    if os.environ.get("GBAPP_QUIT_WHEN_SHOWN"):  # start-up benchmarks and smoke tests
        QTimer.singleShot(0, app.quit)
    return app.exec()
