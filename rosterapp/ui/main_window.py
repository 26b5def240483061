"""The main window: navigator on the left, the roster grid and the overview in tabs, problems in a dock."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDateEdit,
    QDockWidget,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QTreeView,
    QUndoView,
    QWidget,
)
from sqlalchemy.engine import make_url

from rosterapp import __version__, i18n
from rosterapp.config import sqlite_path
from rosterapp.db import Database
from rosterapp.logs import log_path
from rosterapp.services import dutyday, overview
from rosterapp.services.changes import (
    ASSIGNMENTS,
    HANDOVERS,
    OPERATIONS,
    PEOPLE,
    SETTINGS,
    STATIONS,
    SWAPS,
    VEHICLES,
    Change,
)
from rosterapp.services.dutyday import add_months, days_between, month_range
from rosterapp.services.overview import StationCount
from rosterapp.services.rules import Problem
from rosterapp.services.rules.problem import ERROR, INFO, WARNING
from rosterapp.ui import navigator as nav
from rosterapp.ui import settings as keys
from rosterapp.ui.audit_view import install_audit
from rosterapp.ui.backup_actions import BackupActions
from rosterapp.ui.excel_actions import install_excel_actions
from rosterapp.ui.guide import GuideAction
from rosterapp.ui.handovers import HandoverActions
from rosterapp.ui.hub import EditHub
from rosterapp.ui.login import SignedIn, signed_in_text, without_login
from rosterapp.ui.navigator import NavigatorModel
from rosterapp.ui.operations import install_operations
from rosterapp.ui.overview import OverviewPage
from rosterapp.ui.printing.actions import install_print_actions
from rosterapp.ui.registers import install_registers
from rosterapp.ui.roster.autofill import AutofillActions
from rosterapp.ui.roster.controller import Scope
from rosterapp.ui.roster.duty_rows import install_duty_actions
from rosterapp.ui.roster.legend import CodeLegendAction
from rosterapp.ui.roster.page import RosterPage
from rosterapp.ui.roster.problems import ProblemsPanel
from rosterapp.ui.roster.rotation import from_qdate, to_qdate
from rosterapp.ui.settings import Settings
from rosterapp.ui.statistics import install_statistics
from rosterapp.ui.translations import switch_language
from rosterapp.vocab import OFFICE_GRADE

DEFAULT_SIZE = (1280, 800)
NAVIGATOR_WIDTH = 320
EXPAND_ALL_STATIONS = 30


def database_label(url: str) -> str:
    """The file name of a SQLite database, else the server's database@host (never a password)."""
    path = sqlite_path(url)
    if path is not None:
        return path.name
    parsed = make_url(url)
    if parsed.host:
        return f"{parsed.database or ''}@{parsed.host}"
    return without_login(parsed).render_as_string(hide_password=True)


def database_location(url: str) -> str:
    """The full path of a SQLite database, else the server's URL without user and password."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    return without_login(url).render_as_string(hide_password=True)


class MainWindow(QMainWindow):
    """The main window over one open database.

    ``settings`` None means nothing is restored or saved (screenshots, some tests).
    """

    def __init__(self, db: Database, settings: Settings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._db = db
        self._settings = settings
        self._day: dt.date | None = None
        self._first, self._last = month_range(dutyday.today())
        self._search_row = -1
        self._loading = False
        self.signed_in: SignedIn | None = None  # on a server: who the window works as (rosterapp/ui/login.py)
        self.setWindowTitle(database_label(db.url))  # the whole title once the navigator is built
        self.hub = EditHub(db, self)
        self.undo_stack = self.hub.undo_stack

        self._build_central()
        self._build_actions()
        self._build_menus()
        self.print_controller = install_print_actions(self, self.file_menu, db, self.selected_key)
        self._build_toolbar()
        self._build_docks()
        self._build_status_bar()
        self.excel_actions = install_excel_actions(self, self.file_menu, self.hub)
        self.excel_actions.roster_unit = self.roster_unit
        self.backup_actions = BackupActions(self, self.file_menu)
        self.handover_actions = HandoverActions(self, self.hub, self.roster_page, self.edit_menu)
        self.roster_page.swaps.more_actions.append(self.handover_actions.record_action)
        self._build_read_only_banner()
        self._build_server_banner()
        self._apply_default_size()
        self.retranslate()

        self.hub.problemsChanged.connect(self.publish_problems)
        self.hub.checking.connect(self._on_checking)
        self.hub.checkerFailed.connect(self._on_checker_failed)
        self.hub.refused.connect(self._on_refused)
        self.hub.message.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self.hub.changed.connect(self._on_changed)
        self.hub.received.connect(self._on_received)
        self.hub.serverLost.connect(self._on_server_lost)
        self.hub.serverBack.connect(self._on_server_back)
        self.hub.watch()  # on a shared server: other clerks' edits from now on (before the views read)
        self.undo_stack.cleanChanged.connect(self._update_title)
        self.tabs.currentChanged.connect(self._on_tab)
        # The navigator's and overview's counts follow edits a moment later, once per burst of edits.
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(800)
        self._counts_timer.timeout.connect(self.refresh_counts)

        self._loading = True
        self.reload()
        if settings is not None:
            self._restore(settings)
        self._loading = False
        self.registers = install_registers(self)
        self.operations = install_operations(self)
        self.statistics = install_statistics(self)
        self.audit = install_audit(self)  # View ▸ Edit history… (the audit log, reverts)
        self.duty_actions = install_duty_actions(self)  # the roster's duty-role rows: View and Edit menus
        self.autofill_actions = AutofillActions(self)  # Edit ▸ Fill automatically… (the solver's proposal)
        if settings is not None:
            self._restore_tab(settings)  # after every tab exists
        self._show_scope(self.navigator.currentIndex().siblingAtColumn(nav.NAME))

    # -- building -------------------------------------------------------------------------------------
    def _apply_default_size(self) -> None:
        """DEFAULT_SIZE, shrunk to fit a small screen (many clerks' laptops are 1366 x 768)."""
        width, height = DEFAULT_SIZE
        screen = self.screen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, int(available.width() * 0.95))
            height = min(height, int(available.height() * 0.9))
        self.resize(width, height)
        self._splitter.setSizes([NAVIGATOR_WIDTH, max(width - NAVIGATOR_WIDTH, 0)])

    def _action(self, name: str, slot, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.quit_action = self._action("quitAction", self.close, QKeySequence.StandardKey.Quit)
        # Not every platform defines a Quit key; the clerks' Windows machines expect Ctrl+Q.
        if self.quit_action.shortcut().isEmpty():
            self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.refresh_action = self._action("refreshAction", self.reload, "F5")
        self.about_action = self._action("aboutAction", self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

        self.undo_action = self.undo_stack.createUndoAction(self)
        self.undo_action.setObjectName("actionUndo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self)
        self.redo_action.setObjectName("actionRedo")
        # Ctrl+Y as in Excel and WPS, besides the platform's own redo key.
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence(QKeySequence.StandardKey.Redo)])
        self.reapply_action = self._action("actionReapply", self.hub.reapply, "Ctrl+Alt+R")
        self.reapply_action.setEnabled(False)
        self.hub.reapplicable.connect(self.reapply_action.setEnabled)
        self.copy_action = self._action("actionCopy", self.roster_page.copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.paste_action = self._action("actionPaste", lambda: self.roster_page.paste())
        self.paste_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.clear_action = self._action("actionClear", self.roster_page.clear)
        self.clear_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.rotation_action = self._action("actionApplyRotation", self.apply_rotation, "Ctrl+R")
        self.copy_week_action = self._action("actionCopyWeek", lambda: self._copy_forward(1))
        self.copy_month_action = self._action("actionCopyMonth", lambda: self._copy_forward(None))
        self.check_action = self._action("actionCheck", self.check, "F9")
        self.previous_action = self._action("actionPreviousMonth", lambda: self.shift_month(-1), "Ctrl+PgUp")
        self.next_action = self._action("actionNextMonth", lambda: self.shift_month(1), "Ctrl+PgDown")
        self.today_action = self._action("actionThisMonth", self.this_month, "Ctrl+Home")
        self.find_action = self._action("actionFind", self._focus_search, QKeySequence.StandardKey.Find)
        self.legend_action = CodeLegendAction(self.hub.db, self)

        self.language_group = QActionGroup(self)
        self.language_actions = {}
        for code in ("zh_CN", "en"):
            action = QAction("中文" if code == "zh_CN" else "English", self)
            action.setObjectName(f"actionLanguage_{code}")
            action.setCheckable(True)
            action.setChecked(i18n.language() == code)
            action.triggered.connect(lambda _on=False, c=code: self.set_language(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.setObjectName("fileMenu")
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.setObjectName("editMenu")
        for action in (self.undo_action, self.redo_action, self.reapply_action, None, self.copy_action, self.paste_action,
                       self.clear_action, None, self.rotation_action, self.copy_week_action, self.copy_month_action,
                       self.roster_page.swaps.payback_action, None, self.find_action):
            self.edit_menu.addSeparator() if action is None else self.edit_menu.addAction(action)
        self.view_menu = bar.addMenu("")
        self.view_menu.setObjectName("viewMenu")
        for action in (self.previous_action, self.next_action, self.today_action, None, self.check_action,
                       self.refresh_action, None):
            self.view_menu.addSeparator() if action is None else self.view_menu.addAction(action)
        self.view_menu.addAction(self.legend_action)
        self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu("")
        self.language_menu.setObjectName("languageMenu")
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        self.help_menu = bar.addMenu("")
        self.help_menu.setObjectName("helpMenu")
        self.guide_action = GuideAction(self)  # Help ▸ User Guide (F1)
        self.help_menu.addAction(self.guide_action)
        self.help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.toolbar.addAction(self.previous_action)
        self.first_edit = QDateEdit(to_qdate(self._first), self)
        self.last_edit = QDateEdit(to_qdate(self._last), self)
        for edit, name in ((self.first_edit, "firstDay"), (self.last_edit, "lastDay")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.editingFinished.connect(self._on_range_edited)
        self.toolbar.addWidget(self.first_edit)
        self.range_dash = QLabel(" – ", self)
        self.toolbar.addWidget(self.range_dash)
        self.toolbar.addWidget(self.last_edit)
        self.toolbar.addAction(self.next_action)
        self.toolbar.addAction(self.today_action)
        self.toolbar.addSeparator()
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("searchBox")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMaximumWidth(240)
        self.search_box.returnPressed.connect(self.search_next)
        self.search_box.textChanged.connect(self._on_search_text)
        self.toolbar.addWidget(self.search_box)
        self.toolbar.addSeparator()
        for action in (self.undo_action, self.redo_action, self.rotation_action, self.check_action):
            self.toolbar.addAction(action)

    def _build_central(self) -> None:
        self.navigator_model = NavigatorModel(self)
        self.navigator = QTreeView(self)
        self.navigator.setObjectName("navigator")
        self.navigator.setModel(self.navigator_model)
        self.navigator.setUniformRowHeights(True)
        self.navigator.setAllColumnsShowFocus(True)
        self.navigator.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.navigator.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.navigator.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(nav.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (nav.PEOPLE, nav.VEHICLES, nav.ON_DUTY):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.navigator.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.navigator.selectionModel().currentRowChanged.connect(self._on_current_changed)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        self.roster_page = RosterPage(self.hub, self.tabs)
        self.overview_page = OverviewPage(self.tabs)
        self.overview_page.setObjectName("overviewPage")
        self.tabs.addTab(self.roster_page, "")
        self.tabs.addTab(self.overview_page, "")

        self._splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self._splitter.setObjectName("mainSplitter")
        self._splitter.addWidget(self.navigator)
        self._splitter.addWidget(self.tabs)
        self._splitter.setStretchFactor(0, 0)
        self._splitter.setStretchFactor(1, 1)
        self._splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self._splitter)

    def _build_docks(self) -> None:
        self.problems_panel = ProblemsPanel(self)
        self.problems_panel.problemActivated.connect(self.jump_to_problem)
        self.problems_dock = QDockWidget(self)
        self.problems_dock.setObjectName("problemsDock")
        self.problems_dock.setWidget(self.problems_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self.resizeDocks([self.problems_dock], [170], Qt.Orientation.Vertical)
        self.history_view = QUndoView(self.undo_stack, self)
        self.history_view.setObjectName("historyView")
        self.history_dock = QDockWidget(self)
        self.history_dock.setObjectName("historyDock")
        self.history_dock.setWidget(self.history_view)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.history_dock.hide()
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.problems_dock.toggleViewAction())
        self.view_menu.addAction(self.history_dock.toggleViewAction())

    def _build_status_bar(self) -> None:
        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("totalsLabel")
        self.problems_label = QLabel(self)
        self.problems_label.setObjectName("problemsLabel")
        self.database_label = QLabel(self)
        self.database_label.setObjectName("databaseLabel")
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.totals_label, 1)
        self.statusBar().addPermanentWidget(self.problems_label)
        self.statusBar().addPermanentWidget(self.database_label)
        self.user_label = QLabel(self)  # on a server: the login and its role
        self.user_label.setObjectName("userLabel")
        self.user_label.setVisible(False)
        self.statusBar().addPermanentWidget(self.user_label)
        self._checking = False
        self._counts = {ERROR: 0, WARNING: 0, INFO: 0}
        self.last_refusal = ""

    # -- language ----------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Every text of the window, again in the current language."""
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        texts = {
            self.quit_action: (self.tr("&Quit"), ""),
            self.refresh_action: (self.tr("&Refresh"), self.tr("Read everything again from the database")),
            self.about_action: (self.tr("&About rosterapp"), ""),
            self.copy_action: (self.tr("&Copy"), self.tr("Copy the selected cells as tab-separated text")),
            self.paste_action: (self.tr("&Paste"), self.tr("Paste a block copied from Excel or WPS")),
            self.clear_action: (self.tr("C&lear cells"), self.tr("Remove the codes of the selected cells")),
            self.rotation_action: (self.tr("Apply &rotation…"),
                                   self.tr("Fill the selected people and days with a rotation such as 值休休")),
            self.copy_week_action: (self.tr("Copy &week forward"),
                                    self.tr("Copy the selected people's week to the week after")),
            self.copy_month_action: (self.tr("Copy &month forward"),
                                     self.tr("Copy the selected people's month to the next month")),
            self.check_action: (self.tr("&Check"), self.tr("Run every rule again over the shown days")),
            self.previous_action: (self.tr("Previous month"), ""),
            self.next_action: (self.tr("Next month"), ""),
            self.today_action: (self.tr("This month"), ""),
            self.find_action: (self.tr("&Find person"), ""),
            self.reapply_action: (self.tr("Re-apply my edit"),
                                  self.tr("Make the edit refused over another clerk's change again, over theirs")),
        }
        for action, (text, tip) in texts.items():
            action.setText(text)
            action.setStatusTip(tip)
            action.setToolTip(tip or text.replace("&", ""))
        self.undo_action.setText(self.tr("&Undo"))
        self.redo_action.setText(self.tr("&Redo"))
        self.tabs.setTabText(self.tabs.indexOf(self.roster_page), self.tr("Roster"))
        self.tabs.setTabText(self.tabs.indexOf(self.overview_page), self.tr("Overview"))
        self.problems_dock.setWindowTitle(self.tr("Problems"))
        self.history_dock.setWindowTitle(self.tr("History"))
        self.history_view.setEmptyLabel(self.tr("<opened>"))
        self.search_box.setPlaceholderText(self.tr("Name, staff no. or pinyin initials"))
        self.database_label.setText(self.tr("Database: {location}").format(location=database_location(self._db.url)))
        self._show_signed_in()
        self.problems_panel.retranslate()
        self.roster_page.swaps.retranslate()
        self.legend_action.retranslate()
        self.guide_action.retranslate()
        if hasattr(self, "duty_actions"):
            self.duty_actions.retranslate()
        if hasattr(self, "read_only_bar"):
            self.read_only_label.setText(self.tr(
                "Read-only: this database is open in another window. Close it, then press F5 to edit here."))
            self.backup_actions.retranslate()
            self.handover_actions.retranslate()
            self._update_title()
        for code, action in self.language_actions.items():
            action.setChecked(i18n.language() == code)
        self._show_problem_counts()

    def set_language(self, code: str) -> None:
        """Switch every text of the window to zh_CN or en, now; remembered for the next start."""
        if code == i18n.language():
            return
        switch_language(QApplication.instance(), code)
        if self._settings is not None:
            self._settings.set_value(keys.LANGUAGE, code)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.roster_page.model.retranslate()
            if not self._loading:
                self.reload()
        super().changeEvent(event)

    # -- data -------------------------------------------------------------------------------------------
    def _build_read_only_banner(self) -> None:
        """A bar across the window while another window holds the database: this one only reads."""
        self.read_only_bar = QToolBar(self)
        self.read_only_bar.setObjectName("readOnlyBar")
        self.read_only_bar.setMovable(False)
        self.read_only_label = QLabel(self.read_only_bar)
        self.read_only_label.setObjectName("readOnlyLabel")
        self.read_only_label.setStyleSheet("background: #fff3c4; color: #5c4400; padding: 4px 8px; font-weight: bold")
        self.read_only_bar.addWidget(self.read_only_label)
        self.addToolBarBreak()
        self.addToolBar(self.read_only_bar)
        self._show_read_only()

    def _build_server_banner(self) -> None:
        """A bar across the window while the connection that hears other clerks' edits is lost (server mode)."""
        self.server_bar = QToolBar(self)
        self.server_bar.setObjectName("serverBar")
        self.server_bar.setMovable(False)
        self.server_label = QLabel(self.server_bar)
        self.server_label.setObjectName("serverLabel")
        self.server_label.setStyleSheet("background: #fde2e1; color: #7a1c16; padding: 4px 8px; font-weight: bold")
        self.server_bar.addWidget(self.server_label)
        self.addToolBarBreak()
        self.addToolBar(self.server_bar)
        self.server_bar.setVisible(False)

    def _on_server_lost(self, reason: str) -> None:
        self.server_label.setText(self.tr("The connection to the server was lost; reconnecting… Other clerks' "
                                          "changes will show once it is back."))
        self.server_label.setToolTip(reason)
        self.server_bar.setVisible(True)

    def _on_server_back(self) -> None:
        self.server_bar.setVisible(False)
        self.statusBar().showMessage(self.tr("Connected to the server again; other clerks' changes made "
                                             "meanwhile are shown."), 10000)

    def _on_received(self, change: Change, logins: list) -> None:
        """A line naming who changed what, when other clerks' edits land."""
        who = "、".join(logins) if logins else self.tr("Another clerk")
        self.statusBar().showMessage(self.tr("{who} changed {what}").format(who=who, what=self.describe(change)),
                                     10000)

    def describe(self, change: Change) -> str:
        """What a Change touched, in a few words (the status bar's line about other clerks' edits)."""
        parts = []
        if change.days and (change.people or change.vehicles or change.posts):
            first, last = min(change.days), max(change.days)
            span = first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"
            if change.people:
                parts.append(self.tr("the duties of {count} people on {days}").format(count=len(change.people),
                                                                                      days=span))
            else:
                parts.append(self.tr("the posts and vehicles on {days}").format(days=span))
        registers = {
            PEOPLE: self.tr("the people register"), VEHICLES: self.tr("the vehicle register"),
            STATIONS: self.tr("the stations"), OPERATIONS: self.tr("the security tasks"),
            SETTINGS: self.tr("the rule settings"), ASSIGNMENTS: self.tr("the duty book"),
            SWAPS: self.tr("the shift swaps"), HANDOVERS: self.tr("the handover records"),
        }
        parts += [label for register, label in registers.items() if register in change.registers]
        return self.tr(", ").join(parts) if parts else self.tr("the plan")

    def _show_read_only(self) -> None:
        read_only = self._db.read_only
        self.read_only_bar.setVisible(read_only)
        self.backup_actions.update()
        self._update_title()

    def reload(self) -> None:
        """Refresh (F5): read the navigator, the counts and the grid again (and, read-only, ask again for
        the database: the other window may have closed)."""
        if self._db.read_only and self._db.try_write():
            self._show_read_only()
            self.statusBar().showMessage(self.tr("The other window closed: this one can edit again."), 10000)
        self.reload_navigator()
        if not self._loading:
            self._show_scope(self.navigator.currentIndex().siblingAtColumn(nav.NAME))

    def reload_navigator(self) -> None:
        """Read the navigator's tree again after tasks or stations were added, renamed or removed, keeping
        the selection where the node still exists (renamed, it is found by its id); the views follow the
        Change themselves."""
        current = self.selected_key()
        index = self.navigator.currentIndex().siblingAtColumn(nav.NAME)
        node = (index.data(nav.KIND_ROLE), index.data(nav.ID_ROLE)) if index.isValid() else None
        with self._db.read() as session:
            day = dutyday.current_duty_day(dutyday.load_handover(session))
            detachments = overview.list_detachments(session)
            stations = overview.station_overview(session, day)
            operations = overview.operations_overview(session)
        self._day = day
        was_loading, self._loading = self._loading, True
        self.navigator_model.set_content(detachments, stations, operations)
        self.overview_page.set_rows(stations, day)
        self.navigator.expand(self.navigator_model.corps_index())
        # The seeded eighteen stations fit on screen; at city scale (~70) the detachments stay
        # folded so the security tasks remain in sight, and selecting a station unfolds its own.
        if len(stations) <= EXPAND_ALL_STATIONS:
            self.navigator.expandToDepth(1)
        self.navigator.expand(self.navigator_model.index_for_key(nav.node_key(nav.OPERATIONS)))
        moved = not (current and self.select_key(current))
        if moved and node is not None and node[1] is not None:
            found = self.navigator_model.index_for_id(*node)
            if found.isValid():
                self._loading = was_loading  # the renamed node is shown again like any selection
                self.navigator.setCurrentIndex(found)
                return
        if moved:
            self.select_key(self.first_detachment_key()) or self.navigator.setCurrentIndex(
                self.navigator_model.corps_index())
        self._loading = was_loading
        self._update_totals(self.overview_page.shown_rows())
        if moved and not self._loading:
            self._show_scope(self.navigator.currentIndex().siblingAtColumn(nav.NAME))

    def _on_tab(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.roster_page:
            self.roster_page.load_pending()
        self.publish_problems()

    def _on_changed(self, change: Change) -> None:
        """Every Change: the tree when tasks or stations changed, the counts a moment later."""
        if change.registers & {OPERATIONS, STATIONS}:
            self.reload_navigator()
        self._counts_timer.start()

    def _on_refused(self, reason: str) -> None:
        self.last_refusal = reason
        self.statusBar().showMessage(self.tr("Not changed: {reason}").format(reason=reason), 10000)

    def refresh_counts(self) -> None:
        """Read the counts again after edits, keeping the tree as the clerk left it (F5 reads everything)."""
        with self._db.read() as session:
            day = dutyday.current_duty_day(dutyday.load_handover(session))
            detachments = overview.list_detachments(session)
            stations = overview.station_overview(session, day)
            operations = overview.operations_overview(session)
        if not self.navigator_model.update_counts(detachments, stations, operations):
            self.reload_navigator()
            return
        self._day = day
        self.overview_page.set_rows(stations, day)
        self._update_totals(self.overview_page.shown_rows())

    def first_detachment_key(self) -> str:
        corps = self.navigator_model.corps_index()
        if not corps.isValid() or self.navigator_model.rowCount(corps) == 0:
            return nav.node_key(nav.CORPS)
        return self.navigator_model.index(0, nav.NAME, corps).data(nav.KEY_ROLE)

    def selected_key(self) -> str:
        index = self.navigator.currentIndex()
        return index.siblingAtColumn(nav.NAME).data(nav.KEY_ROLE) if index.isValid() else ""

    def select_key(self, key: str) -> bool:
        """Select the navigator node with ``key`` ('corps', 'detachment:DC', 'station:前门消防救援站' ...)."""
        index = self.navigator_model.index_for_key(key)
        if not index.isValid():
            return False
        self.navigator.setCurrentIndex(index)
        self.navigator.scrollTo(index)
        return True

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_title()
        if not self._loading:
            self._show_scope(current.siblingAtColumn(nav.NAME) if current.isValid() else current)

    def current_scope(self) -> Scope:
        index = self.navigator.currentIndex().siblingAtColumn(nav.NAME)
        kind = index.data(nav.KIND_ROLE) if index.isValid() else nav.CORPS
        if kind == nav.DETACHMENT:
            return Scope(index.data(), detachment_id=index.data(nav.ID_ROLE))
        if kind == nav.STATION:
            return Scope(index.data(), station_id=index.data(nav.ID_ROLE))
        corps = self.navigator_model.corps_index()
        return Scope(corps.data() if corps.isValid() else "")

    def _show_scope(self, index: QModelIndex) -> None:
        scope = self.current_scope()
        self.overview_page.set_scope(scope.label, detachment_id=scope.detachment_id, station_id=scope.station_id)
        self._update_totals(self.overview_page.shown_rows())
        operations = getattr(self, "operations", None)
        if operations is not None and operations.show_node(index):
            return  # an operation shows its post board; the roster keeps the unit it showed
        self.roster_page.show_scope(self.days(), scope)  # waits for its tab when another is shown
        if operations is not None and operations.owns_tab(self.tabs.currentWidget()):
            self.tabs.setCurrentWidget(self.roster_page)  # a unit chosen on a task's tab: show its roster
        self.publish_problems()

    def _update_totals(self, rows: list[StationCount]) -> None:
        self.totals_label.setText(self.tr(
            "Stations: {stations}   People: {people}   Vehicles: {vehicles}   "
            "On duty today: {on_duty}   At posts: {at_posts}"
        ).format(
            stations=sum(r.grade != OFFICE_GRADE for r in rows), people=sum(r.people for r in rows), vehicles=sum(r.vehicles for r in rows),
            on_duty=sum(r.on_duty for r in rows), at_posts=sum(r.at_posts for r in rows),
        ))

    def roster_unit(self) -> tuple[int | None, int | None, dt.date | None]:
        """(station id, detachment id, first day) of the roster grid's unit, for the month roster export."""
        days, scope = self.roster_page.shown_unit()
        return scope.station_id, scope.detachment_id, days[0] if days else None

    def duty_day(self) -> dt.date | None:
        return self._day

    # -- days ---------------------------------------------------------------------------------------------
    def days(self) -> list[dt.date]:
        return days_between(self._first, self._last)

    def set_range(self, first: dt.date, last: dt.date) -> None:
        if last < first:
            first, last = last, first
        self._first, self._last = first, last
        for edit, day in ((self.first_edit, first), (self.last_edit, last)):
            edit.blockSignals(True)
            edit.setDate(to_qdate(day))
            edit.blockSignals(False)
        if not self._loading:
            self.roster_page.show_scope(self.days(), self.current_scope())

    def shift_month(self, step: int) -> None:
        self.set_range(*month_range(add_months(self._first.replace(day=1), step)))

    def this_month(self) -> None:
        self.set_range(*month_range(dutyday.today()))

    def _on_range_edited(self) -> None:
        first, last = from_qdate(self.first_edit.date()), from_qdate(self.last_edit.date())
        if (first, last) != (self._first, self._last):
            self.set_range(first, last)

    # -- roster actions ----------------------------------------------------------------------------------
    def apply_rotation(self) -> None:
        saved = [p for p in (self._settings.value(keys.ROTATION_PATTERNS) if self._settings else "").split("\n") if p]
        saved_after = self.roster_page.apply_rotation(saved)
        if self._settings is not None and saved_after != saved:
            self._settings.set_value(keys.ROTATION_PATTERNS, "\n".join(saved_after))

    def _copy_forward(self, weeks: int | None) -> None:
        count = self.roster_page.copy_forward(weeks)
        self.statusBar().showMessage(self.tr("{count} cells copied").format(count=count), 5000)

    def check(self) -> None:
        self.problems_dock.show()
        self.problems_dock.raise_()
        self.roster_page.controller.recheck_all()

    def jump_to_problem(self, problem: Problem) -> None:
        self.tabs.setCurrentWidget(self.roster_page)
        if self.roster_page.jump_to_problem(problem):
            return
        # The person is outside the shown unit: show the whole city, then jump.
        if problem.people and self.select_key(nav.node_key(nav.CORPS)):
            self.roster_page.jump_to_problem(problem)

    def _focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _on_search_text(self, _text: str) -> None:
        self._search_row = -1

    def search_next(self) -> None:
        """Enter in the search box: the next person matching, in the grid shown."""
        text = self.search_box.text()
        self.tabs.setCurrentWidget(self.roster_page)
        row = self.roster_page.search(text, self._search_row)
        if row is None:
            self.statusBar().showMessage(self.tr("Nobody matches \"{text}\" here").format(text=text), 5000)
            return
        self._search_row = row

    # -- problems -----------------------------------------------------------------------------------------
    def shown_problems(self) -> list[Problem]:
        """The problems of what the window shows: the selected task's on its tabs, else the roster's."""
        operations = getattr(self, "operations", None)
        if operations is not None and operations.board is not None and operations.owns_tab(self.tabs.currentWidget()):
            return operations.task_problems()
        return self.roster_page.controller.problems_in_view()

    def publish_problems(self) -> None:
        problems = self.shown_problems()
        self.problems_panel.set_problems(problems)
        counts = {ERROR: 0, WARNING: 0, INFO: 0}
        for p in problems:
            counts[p.severity] += 1
        self._counts = counts
        self._show_problem_counts()

    def _on_checking(self, busy: bool) -> None:
        self._checking = busy
        self._show_problem_counts()

    def _on_checker_failed(self, reason: str) -> None:
        self._show_problem_counts()
        self.statusBar().showMessage(self.tr("Checking is off: {reason}").format(reason=reason), 15000)

    def _show_problem_counts(self) -> None:
        if self._checking:
            self.problems_label.setText(self.tr("Checking…"))
            return
        if self.hub.checker_error:
            self.problems_label.setText(self.tr("Checking is off (F9 to try again)"))
            self.problems_label.setToolTip(self.hub.checker_error)
            self.problems_label.setStyleSheet("color: #b00020; font-weight: bold")
            return
        self.problems_label.setToolTip("")
        self.problems_label.setStyleSheet("")
        c = self._counts
        self.problems_label.setText(self.tr("Errors: {error}   Warnings: {warning}   Notes: {info}").format(**c))
        self.problems_label.setMinimumWidth(self.problems_label.sizeHint().width())

    def _update_title(self, clean: bool = True) -> None:
        """roster.sqlite3 — 东城支队 — 排班与勤务计划: the database, what the navigator shows (a unit or a
        security task) and the program, in the window's language."""
        mark = self.tr(" [read-only]") if self._db.read_only else ""
        index = self.navigator.currentIndex() if hasattr(self, "navigator") else QModelIndex()
        place = index.siblingAtColumn(nav.NAME).data() if index.isValid() else ""
        database = f"{database_label(self._db.url)}{mark}"
        if self.signed_in is not None:
            database = f"{signed_in_text(self.signed_in)} — {database}"
        if place:
            title = self.tr("{database} — {place} — Duty Roster Planner").format(database=database, place=place)
        else:
            title = self.tr("{database} — Duty Roster Planner").format(database=database)
        self.setWindowTitle(title)

    def show_signed_in(self, who: SignedIn) -> None:
        """On a server: who the window works as ('hq1 (headquarters)'), in the title and the status bar."""
        self.signed_in = who
        self._show_signed_in()
        self._update_title()

    def _show_signed_in(self) -> None:
        if self.signed_in is not None:
            self.user_label.setText(self.tr("User: {who}").format(who=signed_in_text(self.signed_in)))
        self.user_label.setVisible(self.signed_in is not None)

    # -- settings ------------------------------------------------------------------------------------------
    def _restore(self, settings: Settings) -> None:
        geometry = settings.value(keys.WINDOW_GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = settings.value(keys.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        splitter = settings.value(keys.SPLITTER_STATE)
        if not splitter.isEmpty():
            self._splitter.restoreState(splitter)
        self.overview_page.restore_header_state(settings.value(keys.OVERVIEW_HEADER))
        selection = settings.value(keys.LAST_SELECTION)
        if selection:
            self.select_key(selection)
        try:
            first = dt.date.fromisoformat(settings.value(keys.LAST_FIRST_DAY))
            last = dt.date.fromisoformat(settings.value(keys.LAST_LAST_DAY))
        except ValueError:
            return
        if first <= last and (last - first).days < 370:
            self.set_range(first, last)

    def _restore_tab(self, settings: Settings) -> None:
        tab = self.tabs.findChild(QWidget, settings.value(keys.LAST_TAB))
        if tab is not None and self.tabs.indexOf(tab) >= 0:
            self.tabs.setCurrentWidget(tab)

    def save_settings(self) -> None:
        if self._settings is None:
            return
        s = self._settings
        s.set_value(keys.WINDOW_GEOMETRY, self.saveGeometry())
        s.set_value(keys.WINDOW_STATE, self.saveState())
        s.set_value(keys.SPLITTER_STATE, self._splitter.saveState())
        s.set_value(keys.OVERVIEW_HEADER, self.overview_page.header_state())
        s.set_value(keys.LAST_TAB, self.tabs.currentWidget().objectName())
        s.set_value(keys.LAST_SELECTION, self.selected_key())
        s.set_value(keys.LAST_FIRST_DAY, self._first.isoformat())
        s.set_value(keys.LAST_LAST_DAY, self._last.isoformat())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        self._counts_timer.stop()  # the database may be gone once the window is
        self.hub.shutdown()
        super().closeEvent(event)

    # -- help ------------------------------------------------------------------------------------------------
    def show_about(self) -> None:
        path = log_path()
        text = self.tr(
            "<h3>rosterapp {version}</h3>"
            "<p>Duty rosters and security-task plans for Beijing's six urban fire detachments.</p>"
            "<p>Database: {database}<br>Log file: {log}</p>"
        ).format(version=__version__, database=html.escape(database_location(self._db.url)),
                 log=html.escape(str(path)) if path else "—")
        QMessageBox.about(self, self.tr("About rosterapp"), text)
