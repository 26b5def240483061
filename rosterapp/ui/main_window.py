"""The main window: the navigator on the left, the views in tabs, the database in the status bar."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QTreeView,
    QWidget,
)
from sqlalchemy.engine import make_url

from rosterapp import __version__
from rosterapp.config import sqlite_path
from rosterapp.db import Database
from rosterapp.logs import log_path
from rosterapp.services import overview
from rosterapp.services.overview import StationCount
from rosterapp.ui import navigator as nav
from rosterapp.ui import settings as keys
from rosterapp.ui.navigator import NavigatorModel
from rosterapp.ui.overview import OverviewPage
from rosterapp.ui.settings import Settings

DEFAULT_SIZE = (1280, 800)
NAVIGATOR_WIDTH = 380
EXPAND_ALL_STATIONS = 30


def database_label(url: str) -> str:
    """The file name of a SQLite database, else the URL without its password."""
    path = sqlite_path(url)
    if path is not None:
        return path.name
    return make_url(url).render_as_string(hide_password=True)


def database_location(url: str) -> str:
    """The full path of a SQLite database, else the URL without its password."""
    path = sqlite_path(url)
    return str(path) if path is not None else make_url(url).render_as_string(hide_password=True)


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
        self.setWindowTitle(f"rosterapp — {database_label(db.url)}")

        self._build_actions()
        self._build_menus()
        self._build_central()
        self._build_status_bar()
        self._apply_default_size()

        self.reload()
        if settings is not None:
            self._restore(settings)

    # Building.

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

    def _build_actions(self) -> None:
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setObjectName("quitAction")
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        # Not every platform defines a Quit key; the clerks' Windows machines expect Ctrl+Q.
        if self.quit_action.shortcut().isEmpty():
            self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)

        self.refresh_action = QAction(self.tr("&Refresh"), self)
        self.refresh_action.setObjectName("refreshAction")
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        if self.refresh_action.shortcut().isEmpty():
            self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.setStatusTip(self.tr("Read the counts again from the database"))
        self.refresh_action.triggered.connect(self.reload)

        self.about_action = QAction(self.tr("&About rosterapp"), self)
        self.about_action.setObjectName("aboutAction")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.file_menu.setObjectName("fileMenu")
        self.file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu(self.tr("&View"))
        self.view_menu.setObjectName("viewMenu")
        self.view_menu.addAction(self.refresh_action)
        self.help_menu = bar.addMenu(self.tr("&Help"))
        self.help_menu.setObjectName("helpMenu")
        self.help_menu.addAction(self.about_action)

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
        self.overview_page = OverviewPage(self.tabs)
        self.tabs.addTab(self.overview_page, self.tr("Overview"))

        self._splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self._splitter.setObjectName("mainSplitter")
        self._splitter.addWidget(self.navigator)
        self._splitter.addWidget(self.tabs)
        self._splitter.setStretchFactor(0, 0)
        self._splitter.setStretchFactor(1, 1)
        self._splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self._splitter)

    def _build_status_bar(self) -> None:
        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("totalsLabel")
        self.database_label = QLabel(self)
        self.database_label.setObjectName("databaseLabel")
        self.database_label.setText(self.tr("Database: {location}").format(location=database_location(self._db.url)))
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.totals_label, 1)
        self.statusBar().addPermanentWidget(self.database_label)

    # Data.

    def reload(self) -> None:
        """Read the counts again; the navigator keeps its selection where the node still exists."""
        current = self.selected_key()
        day = overview.current_duty_day(dt.datetime.now())
        with self._db.begin() as session:
            detachments = overview.list_detachments(session)
            stations = overview.station_overview(session, day)
            operations = overview.operations_overview(session)
        self._day = day
        self.navigator_model.set_content(detachments, stations, operations)
        self.overview_page.set_rows(stations, day)
        self.navigator.expand(self.navigator_model.corps_index())
        # The seeded eighteen stations fit on screen; at city scale (~70) the detachments stay
        # folded so the security tasks remain in sight, and selecting a station unfolds its own.
        if len(stations) <= EXPAND_ALL_STATIONS:
            self.navigator.expandToDepth(1)
        self.navigator.expand(self.navigator_model.index_for_key(nav.node_key(nav.OPERATIONS)))
        if not (current and self.select_key(current)):
            self.navigator.setCurrentIndex(self.navigator_model.corps_index())
        # The current node may be unchanged while its counts are new.
        self._show_scope(self.navigator.currentIndex().siblingAtColumn(nav.NAME))

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
        self._show_scope(current.siblingAtColumn(nav.NAME) if current.isValid() else current)

    def _show_scope(self, index: QModelIndex) -> None:
        kind = index.data(nav.KIND_ROLE) if index.isValid() else nav.CORPS
        if kind == nav.DETACHMENT:
            self.overview_page.set_scope(index.data(), detachment_id=index.data(nav.ID_ROLE))
        elif kind == nav.STATION:
            self.overview_page.set_scope(index.data(), station_id=index.data(nav.ID_ROLE))
        else:
            # The corps, and the security tasks until their own views exist: the whole city.
            corps = self.navigator_model.corps_index()
            self.overview_page.set_scope(corps.data() if corps.isValid() else "")
        self._update_totals(self.overview_page.shown_rows())

    def _update_totals(self, rows: list[StationCount]) -> None:
        self.totals_label.setText(self.tr(
            "Stations: {stations}   People: {people}   Vehicles: {vehicles}   "
            "On duty today: {on_duty}   At posts: {at_posts}"
        ).format(
            stations=len(rows), people=sum(r.people for r in rows), vehicles=sum(r.vehicles for r in rows),
            on_duty=sum(r.on_duty for r in rows), at_posts=sum(r.at_posts for r in rows),
        ))

    def duty_day(self) -> dt.date | None:
        return self._day

    # Settings.

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
        tab = self.tabs.findChild(QWidget, settings.value(keys.LAST_TAB))
        if tab is not None and self.tabs.indexOf(tab) >= 0:
            self.tabs.setCurrentWidget(tab)
        selection = settings.value(keys.LAST_SELECTION)
        if selection:
            self.select_key(selection)

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
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)

    # Help.

    def show_about(self) -> None:
        path = log_path()
        text = self.tr(
            "<h3>rosterapp {version}</h3>"
            "<p>Duty rosters and security-task plans for Beijing's six urban fire detachments.</p>"
            "<p>Database: {database}<br>Log file: {log}</p>"
        ).format(version=__version__, database=html.escape(database_location(self._db.url)),
                 log=html.escape(str(path)) if path else "—")
        QMessageBox.about(self, self.tr("About rosterapp"), text)
