"""Starting the window: QApplication, translators, crash hook, the database, then the main window."""

from __future__ import annotations

import argparse
import copy
import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QMessageLogContext,
    QObject,
    Qt,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from rosterapp import __version__, backups, cli
from rosterapp.config import APP_AUTHOR, APP_NAME, DB_ENV, check_driver, resolve_db_url
from rosterapp.db import (
    WINDOW,
    Database,
    DatabaseDamaged,
    DatabaseMissing,
    DatabasePermissionDenied,
    DatabaseUnusable,
    WriterLock,
)
from rosterapp.errors import EXIT_DATABASE, EXIT_OK, EXIT_PERMISSION, UsageError, UserError
from rosterapp.i18n import language, set_language
from rosterapp.i18n import tr as catalogue_tr  # the command line's catalogue: lupdate leaves it out
from rosterapp.services.outputs import check_output
from rosterapp.ui import login
from rosterapp.ui import navigator as nav
from rosterapp.ui.crash import install_excepthook
from rosterapp.ui.main_window import MainWindow
from rosterapp.ui.settings import LANGUAGE, LAST_DATABASE, SERVER_LOGIN, Settings
from rosterapp.ui.translations import install_translators, remember, remove_translators

log = logging.getLogger("rosterapp.ui")
qt_log = logging.getLogger("rosterapp.qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
# Said by the offscreen platform for every window shown; it means nothing to a user.
_QT_NOISE = ("This plugin does not support propagateSizeHints",)

SCREENSHOT_SIZE = (1400, 860)
# Platforms that show nothing on a screen, where a modal dialog would wait forever.
HEADLESS_PLATFORMS = ("offscreen", "minimal")
# UI fonts that hold both Latin and Simplified Chinese glyphs, the platforms' own first. With a
# Latin-only default, Chinese falls back glyph by glyph and rows get uneven heights and baselines.
CJK_UI_FONTS = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
                "Source Han Sans SC", "WenQuanYi Micro Hei")


def make_application(argv: list[str]) -> QApplication:
    """The QApplication (reused when one exists, as under pytest-qt), named for QSettings."""
    # Qt's own dialogs, never the desktop's native ones: they speak Chinese through Qt's catalogue and
    # ours, the same on every desktop (why: rosterapp/ui/file_dialogs.py).
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    use_cjk_font(app)
    return app


def use_cjk_font(app: QApplication) -> None:
    """Switch the UI font to a family with Chinese glyphs, keeping the platform's size."""
    families = set(QFontDatabase.families())
    for family in CJK_UI_FONTS:
        if family in families:
            font = app.font()
            font.setFamilies([family])
            app.setFont(font)
            return


def qt_message_handler(mode: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """Qt's own messages go to our log (and to stderr only with --debug), not into a clerk's console."""
    if not message.startswith(_QT_NOISE):
        qt_log.log(_QT_LEVELS.get(mode, logging.WARNING), "%s", message)


# Set to 1: say on stderr how long after the process started the main window was first painted; set
# to quit: and close the program then (how the packages' start-up time is measured).
STARTUP_TIME_VARIABLE = "ROSTERAPP_STARTUP_TIME"


def process_age() -> float | None:
    """Seconds since this process started (Linux), or None."""
    try:
        stat = Path("/proc/self/stat").read_text()
        ticks = int(stat.rsplit(")", 1)[1].split()[19])  # field 22, starttime, in clock ticks after boot
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


class FirstPaint(QObject):
    """Notes the first paint of a MainWindow: the start-up time, printed on stderr."""

    def __init__(self, app: QApplication, quit_after: bool):
        super().__init__(app)
        self.quit_after = quit_after
        self.done = False
        self.started = time.monotonic() - (process_age() or 0.0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if not self.done and event.type() == QEvent.Type.Paint and isinstance(watched, MainWindow):
            self.done = True
            print(f"startup: {time.monotonic() - self.started:.2f} s to the first painted window", file=sys.stderr,
                  flush=True)
            if self.quit_after:
                QTimer.singleShot(0, QCoreApplication.quit)
        return False


def is_headless() -> bool:
    return QGuiApplication.platformName() in HEADLESS_PLATFORMS


def refuse(message: str, code: int, headless: bool) -> int:
    """Report a database that cannot be opened; returns the exit code of spec/cli.md."""
    log.error("cannot open the database: %s", message)
    if headless:
        print(message, file=sys.stderr)
    else:
        QMessageBox.critical(None, QCoreApplication.translate("application", "rosterapp — cannot open the database"),
                             message)
    return code


def ask_to_create(path: Path) -> bool:
    """Whether the clerk wants a new, empty database at ``path`` (a --db that names no file)."""
    answer = QMessageBox.question(
        None, QCoreApplication.translate("application", "rosterapp — no database there"),
        QCoreApplication.translate(
            "application", "There is no database at {path}.\n\nCreate a new, empty database there?").format(path=path),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def ask_to_restore(exc: DatabaseDamaged) -> bool:
    """Whether the clerk wants the newest good backup put in place of a damaged database."""
    answer = QMessageBox.question(
        None, QCoreApplication.translate("application", "rosterapp — the database is damaged"),
        QCoreApplication.translate(
            "application", "{message}\n\nRestore that backup now? The damaged file is kept beside it if it can "
                           "still be read.").format(message=str(exc)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def open_for_window(args: argparse.Namespace, headless: bool, lock: str | None = WINDOW) -> Database | None:
    """The database of ``args``; a --db file that does not exist is made only when the clerk says so,
    and a damaged one is replaced by its newest good backup only when the clerk says so.

    The window takes the file's writer lock; another window holding it opens this one read-only.
    Returns None when the clerk says no. Headless nobody could answer, so DatabaseMissing and
    DatabaseDamaged go up to be refused, as on the command line.
    """
    try:
        return cli.open_db(args, lock=lock)
    except DatabaseMissing as exc:
        if headless:
            raise
        if not ask_to_create(exc.path):
            log.info("not creating the database %s: the clerk said no", exc.path)
            return None
        return cli.open_db(args, create=True, lock=lock)
    except DatabaseDamaged as exc:
        if headless or exc.backup is None or not ask_to_restore(exc):
            raise
        writer = WriterLock(exc.path)
        if not writer.acquire():
            raise
        try:
            backups.restore(exc.path, exc.backup)
        finally:
            writer.release()
        return cli.open_db(args, lock=lock)


def window_args(args: argparse.Namespace, screenshot: bool) -> argparse.Namespace:
    """``args``, with the server opened last when neither --db nor $ROSTERAPP_DB names a database (the
    window then asks for the login to it). A SQLite file opened last is not reopened by itself: the
    default database is, as before."""
    if args.db is not None or DB_ENV in os.environ or screenshot:
        return args
    last = Settings().value(LAST_DATABASE)
    if not login.is_server(last):
        return args
    remembered = copy.copy(args)
    remembered.db = last
    return remembered


def server_opener(args: argparse.Namespace):
    """What the login dialog calls with the URL and its login: the window's database on that server."""
    def open_url(url: str) -> Database:
        attempt = copy.copy(args)
        attempt.db = url
        return cli.open_db(attempt, lock=WINDOW)
    return open_url


def run_gui(args: argparse.Namespace, argv: list[str]) -> int:
    """Open the window (no command) or render it to PNG files (``screenshot``); returns the exit code."""
    screenshot = args.command == "screenshot"
    if screenshot:
        # Screenshots need no display; an explicit QT_QPA_PLATFORM still wins.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    previous_handler = qInstallMessageHandler(qt_message_handler)
    app = make_application(argv)
    if not args.lang and not screenshot:
        chosen = Settings().value(LANGUAGE)  # picked in the View menu last time
        if chosen:
            set_language(chosen)
    translators = install_translators(app, language())
    remember(translators)
    if os.environ.get(STARTUP_TIME_VARIABLE):
        app.installEventFilter(FirstPaint(app, quit_after=os.environ[STARTUP_TIME_VARIABLE] == "quit"))
    headless = screenshot or is_headless()
    restore_hook = install_excepthook(headless)
    try:
        who: login.SignedIn | None = None
        try:
            args = window_args(args, screenshot)
            url = resolve_db_url(args.db)
            if login.is_server(url) and not headless:
                check_driver(url)
                opened = login.log_in(url, Settings().value(SERVER_LOGIN), server_opener(args))
                if opened is None:  # Cancel: the clerk quits
                    return EXIT_DATABASE
                db, who = opened
            else:
                db = open_for_window(args, headless, lock=None if screenshot else WINDOW)
                if db is not None and login.is_server(url):  # headless: the URL's password, $PGPASSWORD, ~/.pgpass
                    db.url = login.shown_url(db.url)
                    who = login.signed_in(db)
        except DatabaseUnusable as exc:
            return refuse(str(exc), EXIT_DATABASE, headless)
        except DatabasePermissionDenied as exc:
            return refuse(str(exc), EXIT_PERMISSION, headless)
        except UserError as exc:  # an empty or in-memory --db, a server without its driver
            return refuse(exc.message, exc.exit_code, headless)
        if db is None:
            return EXIT_DATABASE
        try:
            if screenshot:
                for path in save_screenshots(db, Path(args.out)):
                    print(path)
                return EXIT_OK
            settings = Settings()
            if login.is_server(db.url):  # the server without user and password: never a password in settings
                settings.set_value(LAST_DATABASE, login.server_address(db.engine.url))
                settings.set_value(SERVER_LOGIN, db.engine.url.username or "")
            else:
                settings.set_value(LAST_DATABASE, db.url)
            window = MainWindow(db, settings)
            if who is not None:
                window.show_signed_in(who)
            window.show()
            try:
                return app.exec()
            finally:
                # The window goes with its database: nothing of it may answer a later event (a language
                # switch, a timer) on a connection that is closed, or a login that is gone.
                window.deleteLater()
                QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        finally:
            db.dispose()
    finally:
        restore_hook()
        remove_translators(app, translators)
        qInstallMessageHandler(previous_handler)


def busiest_detachment(window: MainWindow) -> str:
    """The navigator key of the detachment with the most people (most stations on a fresh database)."""
    model = window.navigator_model
    corps = model.corps_index()
    best, best_score = "", (-1, -1)
    for row in range(model.rowCount(corps)):
        index = model.index(row, nav.NAME, corps)
        people = int(model.index(row, nav.PEOPLE, corps).data() or 0)
        score = (people, model.rowCount(index))
        if score > best_score:
            best, best_score = index.data(nav.KEY_ROLE), score
    return best


def first_station(window: MainWindow, detachment_key: str) -> str:
    """The navigator key of the first station of a detachment ("" when it has none)."""
    model = window.navigator_model
    index = model.index_for_key(detachment_key)
    if not index.isValid() or model.rowCount(index) == 0:
        return ""
    return model.index(0, nav.NAME, index).data(nav.KEY_ROLE) or ""


def save_screenshots(db: Database, out: Path) -> list[Path]:
    """Render the main views offscreen at a fixed size; returns the files written."""
    if out.exists() and not out.is_dir():
        raise UsageError(catalogue_tr("{path} is not a folder: screenshot --out names the folder for the PNG files.",
                                      path=out))
    out.mkdir(parents=True, exist_ok=True)
    window = MainWindow(db, settings=None)
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    shots = [("mainwindow.png", nav.node_key(nav.CORPS), window.roster_page),
             ("roster_detachment.png", busiest_detachment(window), window.roster_page),
             ("overview_corps.png", nav.node_key(nav.CORPS), window.overview_page)]
    station = first_station(window, shots[1][1])
    if station:
        shots.append(("roster_station.png", station, window.roster_page))  # with its duty-role rows
    shots.append(("registers_people.png", shots[1][1], window.registers.people))
    operation = window.operations.first_operation_key()
    if operation:
        shots.append(("postboard.png", operation, window.operations.board_page))
        shots.append(("vehicleboard.png", operation, window.operations.vehicle_page))
        shots.append(("glance.png", operation, window.operations.glance_page))
    written = []
    try:
        for name, key, page in shots:
            window.select_key(key)
            window.tabs.setCurrentWidget(page)
            # The checking engine loads off the GUI thread; wait for it so the problems show.
            window.roster_page.controller.wait_for_checker()
            QApplication.processEvents()
            if page is window.roster_page:
                window.roster_page.view.scrollToTop()  # a new unit starts at its first rows
                # Show the first error with a person in it, so the picture shows what the grid is for.
                problems = [p for p in window.roster_page.controller.problems_in_view()
                            if p.people and p.severity == "error"]
                if problems:
                    window.roster_page.jump_to_problem(problems[0])
                QApplication.processEvents()
            if page is window.operations.board_page:
                window.operations.focus_first_gap()  # the free vehicles and people for a window to fill
                QApplication.processEvents()
            path = out / name
            check_output(path)  # a read-only folder or file is refused (exit 5), not a crash
            if not window.grab().save(str(path)):
                raise OSError(f"could not write {path}")
            written.append(path)
        # The code legend (View ▸ Code legend): every code, its colour, hours and keys.
        legend = window.legend_action.show_legend()
        QApplication.processEvents()
        path = out / "legend.png"
        check_output(path)
        if not legend.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        legend.close()
        written.append(path)
    finally:
        window.close()
        window.deleteLater()
        QApplication.processEvents()
    return written
