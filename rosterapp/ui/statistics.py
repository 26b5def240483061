"""The statistics view (勤务统计): everyone's duty figures per station over a range, sortable, the most and
the least of each station marked, printable; and the View menu's entries for it and for the grid's totals.

The figures come from services.statistics, the same the workbook's 月度统计 and the printed sheet show.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from rosterapp import vocab
from rosterapp.errors import UserError
from rosterapp.i18n import language
from rosterapp.models import Detachment, Station
from rosterapp.reports.station_sheet import CORPS
from rosterapp.reports.statistics_sheet import TITLE, statistics_document
from rosterapp.services import dutyday, statistics
from rosterapp.services.changes import PEOPLE, STATIONS, SWAPS, Change
from rosterapp.services.dutyday import month_range
from rosterapp.services.outputs import check_output
from rosterapp.services.statistics import COLUMNS, SPREAD_FIELDS, PersonStats, Statistics, hours_text
from rosterapp.ui.file_dialogs import ask_save_path, chinese_days, documents_folder, file_name
from rosterapp.ui.roster.rotation import from_qdate, to_qdate

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
"""Cells: the value to sort by (numbers as numbers)."""
MARK_ROLE = Qt.ItemDataRole.UserRole + 2
"""Cells: "most" or "least" when the cell is its station's highest or lowest of a spread column, else None."""
PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 3

MOST_COLOR = "#f8c9a0"
LEAST_COLOR = "#bcd7f2"
HOURS = frozenset({"post_hours", "hours"})
NAME_COLUMNS = 4  # station, name, staff no., position
_DISPLAY = Qt.ItemDataRole.DisplayRole
_NO_PARENT = QModelIndex()


def figure_text(name: str, value: int | float) -> str:
    return hours_text(value) if name in HOURS else str(value)


class StatisticsModel(QAbstractTableModel):
    """One row per person: station, name, staff no., position, then services.statistics.COLUMNS.

    The marks (most, least per station) are worked out when the rows change, never in data().
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[PersonStats] = []
        self.marks: dict[tuple[int, int], str] = {}
        self.spreads: dict[tuple[int, int], tuple] = {}  # (station, column) -> (least, most)
        self._most = QBrush(QColor(MOST_COLOR))
        self._least = QBrush(QColor(LEAST_COLOR))

    def headers(self) -> list[str]:
        english = not language().startswith("zh")
        return [self.tr("Station"), self.tr("Name"), self.tr("Staff no."), self.tr("Position"),
                *(en if english else zh for _n, zh, en in COLUMNS)]

    def set_rows(self, rows: list[PersonStats]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._mark()
        self.endResetModel()

    def update_people(self, updated: list[PersonStats]) -> bool:
        """Put new figures in the rows of these people; False when one of them is not a row here."""
        where = {p.person_id: i for i, p in enumerate(self.rows)}
        if any(p.person_id not in where for p in updated):
            return False
        for p in updated:
            self.rows[where[p.person_id]] = p
        self._mark()
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1))
        return True

    def _mark(self) -> None:
        self.marks = {}
        self.spreads = {}
        groups: dict[int, list[int]] = {}
        for r, p in enumerate(self.rows):
            groups.setdefault(p.station_id, []).append(r)
        for station, rows in groups.items():
            people = [self.rows[r] for r in rows]
            for k, (name, _zh, _en) in enumerate(COLUMNS):
                if name not in SPREAD_FIELDS:
                    continue
                found = statistics.spread(people, name)
                if found is None:
                    continue
                column = NAME_COLUMNS + k
                self.spreads[station, column] = found
                least, most = found
                for r in rows:
                    value = self.rows[r].value(name)
                    if value == most:
                        self.marks[r, column] = "most"
                    elif value == least:
                        self.marks[r, column] = "least"

    def person_at(self, row: int) -> PersonStats:
        return self.rows[row]

    # -- Qt interface --------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else NAME_COLUMNS + len(COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        p = self.rows[r]
        if role in (_DISPLAY, SORT_ROLE):
            if c < NAME_COLUMNS:
                text = (p.station, p.name, p.staff_no, p.position)[c]
                if role == SORT_ROLE and c == 0:
                    return f"{r:06d}"  # stations sort in the roster's order
                return text
            name = COLUMNS[c - NAME_COLUMNS][0]
            value = p.value(name)
            return value if role == SORT_ROLE else figure_text(name, value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter) if c >= NAME_COLUMNS else None
        if role == MARK_ROLE:
            return self.marks.get((r, c))
        if role == Qt.ItemDataRole.BackgroundRole:
            mark = self.marks.get((r, c))
            return self._most if mark == "most" else self._least if mark == "least" else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r, c)
        if role == PERSON_ID_ROLE:
            return p.person_id
        return None

    def _tooltip(self, r: int, c: int) -> str | None:
        p = self.rows[r]
        if c < NAME_COLUMNS:
            return f"{p.name}（{p.staff_no}）{p.position} · {p.station}" + ("" if p.active else self.tr(" (inactive)"))
        name = COLUMNS[c - NAME_COLUMNS][0]
        if name == "leave_days" and p.leave:
            return "\n".join(f"{vocab.label(vocab.ABSENCE_KIND, kind, language())}: {days}"
                             for kind, days in sorted(p.leave.items()))
        found = self.spreads.get((p.station_id, c))
        if found is None:
            return None
        least, most = found
        return self.tr("In {station}: most {most}, least {least}, a spread of {spread}").format(
            station=p.station, most=figure_text(name, most), least=figure_text(name, least),
            spread=figure_text(name, round(most - least, 2)))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            headers = self.headers()
            return headers[section] if 0 <= section < len(headers) else None
        if orientation == Qt.Orientation.Vertical and role == _DISPLAY:
            return str(section + 1)
        return None


class StatisticsWindow(QDialog):
    """The statistics of a unit over a range; follows every Change the hub announces for the people it shows."""

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.setObjectName("statisticsWindow")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._window = window
        self.hub = window.hub
        self.db = window.hub.db
        self.stats: Statistics | None = None
        self._pdf_dir: Path | None = None  # where a PDF was last saved; Documents until then

        self.scope_combo = QComboBox(self)
        self.scope_combo.setObjectName("statisticsScope")
        self.first_edit = QDateEdit(self)
        self.last_edit = QDateEdit(self)
        for edit, name in ((self.first_edit, "statisticsFirst"), (self.last_edit, "statisticsLast")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self.reload)
        self.grid_month_button = QPushButton(self)
        self.grid_month_button.setObjectName("statisticsGridMonth")
        self.grid_month_button.clicked.connect(self.use_grid_month)
        self.print_button = QPushButton(self)
        self.print_button.setObjectName("statisticsPrint")
        self.print_button.clicked.connect(self.print_sheet)
        self.preview_button = QPushButton(self)
        self.preview_button.setObjectName("statisticsPreview")
        self.preview_button.clicked.connect(self.preview)
        self.pdf_button = QPushButton(self)
        self.pdf_button.setObjectName("statisticsPdf")
        self.pdf_button.clicked.connect(self.save_pdf)
        self.scope_label = QLabel(self)
        self.range_label = QLabel(self)
        self.legend = QLabel(self)
        self.legend.setObjectName("statisticsLegend")
        self.summary = QLabel(self)
        self.summary.setObjectName("statisticsSummary")

        self.model = StatisticsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName("statisticsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Widths from the first rows only: measuring the city's 3,000 rows takes seconds.
        header.setResizeContentsPrecision(60)
        self.table.doubleClicked.connect(self._jump)

        bar = QHBoxLayout()
        for widget in (self.scope_label, self.scope_combo, self.range_label, self.first_edit, QLabel("–", self),
                       self.last_edit, self.grid_month_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.preview_button, self.print_button, self.pdf_button):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        foot = QHBoxLayout()
        foot.addWidget(self.legend)
        foot.addStretch(1)
        foot.addWidget(self.summary)
        layout.addLayout(foot)
        self.resize(1100, 640)

        self._fill_scopes()
        self.scope_combo.currentIndexChanged.connect(self.reload)
        self.hub.changed.connect(self._on_changed)
        self.retranslate()

    # -- choosing ---------------------------------------------------------------------------------------
    def _fill_scopes(self) -> None:
        with self.db.read() as s:
            dets = s.execute(select(Detachment.id, Detachment.name).order_by(Detachment.sort_order,
                                                                              Detachment.id)).all()
            stations = s.execute(select(Station.id, Station.name, Station.detachment_id)
                                 .order_by(Station.sort_order, Station.id)).all()
        self.scope_combo.blockSignals(True)
        self.scope_combo.clear()
        self.scope_combo.addItem(CORPS, (None, None))
        for did, name in dets:
            self.scope_combo.addItem(name, (did, None))
            for sid, station, det in stations:
                if det == did:
                    self.scope_combo.addItem("    " + station, (None, sid))
        self.scope_combo.blockSignals(False)

    def show_for(self, scope, days: list[dt.date]) -> None:
        """Show the grid's unit (a controller Scope) over the month of the grid's first day."""
        key = (scope.detachment_id, scope.station_id)
        self.scope_combo.blockSignals(True)
        for i in range(self.scope_combo.count()):
            if tuple(self.scope_combo.itemData(i)) == key:
                self.scope_combo.setCurrentIndex(i)
                break
        self.scope_combo.blockSignals(False)
        first, last = month_range(days[0] if days else dutyday.today())
        self.set_range(first, last)

    def set_range(self, first: dt.date, last: dt.date) -> None:
        for edit, day in ((self.first_edit, first), (self.last_edit, last)):
            edit.blockSignals(True)
            edit.setDate(to_qdate(day))
            edit.blockSignals(False)
        self.reload()

    def use_grid_month(self) -> None:
        days = self._window.roster_page.model.grid.days or self._window.days()
        self.set_range(*month_range(days[0]))

    def range(self) -> tuple[dt.date, dt.date]:
        first, last = from_qdate(self.first_edit.date()), from_qdate(self.last_edit.date())
        return (first, last) if first <= last else (last, first)

    def scope(self) -> tuple[int | None, int | None]:
        data = self.scope_combo.currentData()
        return tuple(data) if data else (None, None)

    def unit_name(self) -> str:
        return self.scope_combo.currentText().strip()

    # -- reading ----------------------------------------------------------------------------------------
    def reload(self) -> None:
        first, last = self.range()
        detachment_id, station_id = self.scope()
        with self.db.read() as s:
            self.stats = statistics.compute(s, first, last, detachment_id=detachment_id, station_id=station_id)
        self.model.set_rows(self.stats.people)
        self._show_summary()

    def _on_changed(self, change: Change) -> None:
        if self.stats is None or not self.isVisible():
            return
        shown = {p.person_id for p in self.model.rows}
        if change.registers & {PEOPLE, STATIONS}:
            self.reload()  # someone may have joined, left, moved or been renamed: the rows themselves change
            return
        people = change.people & shown
        if SWAPS in change.registers and not change.people:
            self.reload()  # a stand-in settled by hand: whose 待还班 changed is not named
            return
        if not people:
            return
        first, last = self.stats.first, self.stats.last
        with self.db.read() as s:
            updated = statistics.compute(s, first, last, person_ids=people).people
        if not self.model.update_people(updated):
            self.reload()
            return
        by_id = {p.person_id: p for p in updated}
        self.stats.people = [by_id.get(p.person_id, p) for p in self.stats.people]
        self._show_summary()

    def _show_summary(self) -> None:
        people = self.model.rows
        days = sum(p.duty_days for p in people)
        hours = sum(p.hours for p in people)
        self.summary.setText(self.tr("{people} people, {days} duty days, {hours} hours").format(
            people=len(people), days=days, hours=hours_text(round(hours, 2))))

    def _jump(self, index: QModelIndex) -> None:
        person = self.proxy.data(index, PERSON_ID_ROLE)
        if person is not None:
            self._window.roster_page.jump_to_person(person)

    # -- printing ---------------------------------------------------------------------------------------
    def document(self):
        assert self.stats is not None
        return statistics_document(self.stats, self.unit_name(), dutyday.now().replace(microsecond=0))

    def _fonts(self):
        from rosterapp.ui.printing.fonts import FontMissing, sheet_fonts

        try:
            return sheet_fonts()
        except FontMissing as exc:
            QMessageBox.critical(self, self.tr("Cannot print"), exc.message)
            return None

    def print_sheet(self) -> None:
        from rosterapp.ui.printing.render import page_layout, render_documents

        fonts = self._fonts()
        if fonts is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout(True))
        printer.setDocName(TITLE)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            render_documents(printer, [self.document()], fonts)

    def preview(self) -> None:
        fonts = self._fonts()
        if fonts is not None:
            self._window.print_controller.open_preview(f"{self.unit_name()} {TITLE}", [self.document()], fonts=fonts)

    def pdf_name(self) -> str:
        """东城支队_2027年1月_勤务统计表.pdf: the unit, the days, the sheet."""
        first, last = self.range()
        return file_name(self.unit_name(), chinese_days(first, last), TITLE, suffix=".pdf")

    def save_pdf(self) -> None:
        folder = self._pdf_dir if self._pdf_dir is not None and self._pdf_dir.is_dir() else documents_folder()
        path = ask_save_path(self, self.tr("Save Statistics as PDF"), folder / self.pdf_name(),
                             self.tr("PDF files (*.pdf)"))
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self._pdf_dir = Path(path).parent
            self.write_pdf(Path(path))

    def write_pdf(self, path: Path) -> int | None:
        """The sheet into ``path``; the number of pages, or None when it could not be written (said in a box)."""
        from rosterapp.ui.printing.pdf import write_pdf

        fonts = self._fonts()
        if fonts is None:
            return None
        try:
            check_output(path, database=self.db.url)
            result = write_pdf([self.document()], path, title=f"{self.unit_name()} {TITLE}", fonts=fonts)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Cannot print"), exc.message)
            return None
        self._window.statusBar().showMessage(self.tr("Saved {path}: {pages} pages.").format(
            path=path, pages=result.pages), 10_000)
        return result.pages

    # -- language ---------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Duty statistics"))
        self.scope_label.setText(self.tr("Unit:"))
        self.range_label.setText(self.tr("From"))
        self.grid_month_button.setText(self.tr("Grid's month"))
        self.print_button.setText(self.tr("Print…"))
        self.preview_button.setText(self.tr("Preview…"))
        self.pdf_button.setText(self.tr("Save as PDF…"))
        self.legend.setText(self.tr(
            "<span style='background:{most}'>&nbsp;most&nbsp;</span> <span style='background:{least}'>&nbsp;least"
            "&nbsp;</span> in the station (duty days, hours, nights, weekends). A duty counts on the day it starts; "
            "晚 and 夜 are night shifts, 早 and 中 day shifts.").format(most=MOST_COLOR, least=LEAST_COLOR))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        if self.stats is not None:
            self._show_summary()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class StatisticsActions(QObject):
    """The View menu's Statistics… (Ctrl+Shift+S) and Totals columns (Ctrl+Shift+T, remembered)."""

    def __init__(self, window):
        from rosterapp.ui import settings as keys
        from rosterapp.ui.roster.totals import RosterTotals

        super().__init__(window)
        self.setObjectName("statisticsActions")
        self.window = window
        self.dialog: StatisticsWindow | None = None
        self.open_action = QAction(window)
        self.open_action.setObjectName("actionStatistics")
        self.open_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.open_action.triggered.connect(self.open)
        self.totals_action = QAction(window)
        self.totals_action.setObjectName("actionTotalsColumns")
        self.totals_action.setCheckable(True)
        self.totals_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
        page = window.roster_page
        self.totals = RosterTotals(page)
        settings = getattr(window, "_settings", None)
        shown = settings.value(keys.ROSTER_TOTALS) if settings is not None else False
        self.totals_action.setChecked(shown)
        self.totals.set_shown(shown)

        def toggled(on: bool) -> None:
            self.totals.set_shown(on)
            if settings is not None:
                settings.set_value(keys.ROSTER_TOTALS, on)

        self.totals_action.toggled.connect(toggled)
        menu = window.view_menu
        before = window.language_menu.menuAction()
        menu.insertAction(before, self.totals_action)
        menu.insertAction(before, self.open_action)
        menu.insertSeparator(before)
        self.retranslate()

    def open(self) -> StatisticsWindow:
        window = self.window
        if self.dialog is None:
            self.dialog = StatisticsWindow(window)
        self.dialog.show_for(window.roster_page.controller.scope, window.roster_page.model.grid.days or window.days())
        if self.dialog.isVisible():  # open behind the window: bring it forward
            self.dialog.raise_()
            self.dialog.activateWindow()
        self.dialog.show()
        return self.dialog

    def retranslate(self) -> None:
        self.open_action.setText(self.tr("&Statistics…"))
        self.open_action.setStatusTip(self.tr("Duty days, shifts, weekends, holidays, hours and leave per person"))
        self.totals_action.setText(self.tr("&Totals columns"))
        self.totals_action.setStatusTip(self.tr("Show each person's totals at the right of the grid"))
        self.totals.retranslate()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.LanguageChange and watched is self.window:
            self.retranslate()
        return False


def install_statistics(window) -> StatisticsActions:
    """Add the statistics view and the grid's totals columns to the window's View menu."""
    actions = StatisticsActions(window)
    window.installEventFilter(actions)
    return actions
