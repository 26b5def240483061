"""Optional totals columns at the right of the roster grid: each person's figures over the grid's days.

A table of its own beside the grid, row for row: its rows are the grid model's rows (a row that is no
person, such as a station's leader rows, stays blank), it scrolls with the grid and hides and sizes its
rows as the grid does. The figures are services.statistics', the statistics view's and the workbook's;
they follow every Change for the people it names, as the grid's cells do.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QTableView, QVBoxLayout, QWidget

from rosterapp.i18n import language
from rosterapp.services import statistics
from rosterapp.services.changes import SWAPS, Change
from rosterapp.services.statistics import PersonStats, hours_text
from rosterapp.ui.roster.model import PERSON_ID_ROLE, RosterModel

# (field, short Chinese header, short English header); the long names are TotalsModel.long_names().
TOTALS = (
    ("duty_days", "天数", "Days"),
    ("full_duties", "24h", "24h"),
    ("day_shifts", "白班", "Day"),
    ("night_shifts", "夜班", "Night"),
    ("weekend_days", "周末", "Wknd"),
    ("holiday_days", "节假", "Hol"),
    ("hours", "小时", "Hours"),
    ("leave_days", "请假", "Leave"),
    ("owed", "待还", "Owed"),
)
COLUMN_WIDTH = 40
_DISPLAY = Qt.ItemDataRole.DisplayRole
_NO_PARENT = QModelIndex()
TOTALS_BACKGROUND = "#f4f6fa"


class TotalsModel(QAbstractTableModel):
    """The grid model's rows, the TOTALS columns; figures kept per person, read only when shown."""

    def __init__(self, source: RosterModel, parent=None):
        super().__init__(parent)
        self.source = source
        self.figures: dict[int, PersonStats] = {}
        self._people: list[int | None] = []
        self._row: dict[int, int] = {}
        self._brush = QBrush(QColor(TOTALS_BACKGROUND))
        for signal in (source.modelReset, source.rowsInserted, source.rowsRemoved, source.layoutChanged,
                       source.rowsMoved):
            signal.connect(self._rows_changed)
        self._rows_changed()  # the grid may hold its rows already

    def _rows_changed(self, *_args) -> None:
        self.beginResetModel()
        self._people = [self.source.headerData(r, Qt.Orientation.Vertical, PERSON_ID_ROLE)
                        for r in range(self.source.rowCount())]
        self._row = {p: r for r, p in enumerate(self._people) if p is not None}
        self.endResetModel()

    def people(self) -> list[int]:
        return [p for p in self._people if p is not None]

    def set_figures(self, figures: list[PersonStats], *, replace: bool) -> None:
        if replace:
            self.figures = {}
        self.figures.update({p.person_id: p for p in figures})
        rows = sorted(self._row[f.person_id] for f in figures if f.person_id in self._row)
        if replace or len(rows) > 50:
            if self._people:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._people) - 1, len(TOTALS) - 1))
            return
        for r in rows:
            self.dataChanged.emit(self.index(r, 0), self.index(r, len(TOTALS) - 1))

    def row_of(self, person_id: int) -> int | None:
        return self._row.get(person_id)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._people)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(TOTALS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        if role == _DISPLAY:
            person = self._people[index.row()]
            figures = self.figures.get(person) if person is not None else None
            if figures is None:
                return ""
            name = TOTALS[index.column()][0]
            value = figures.value(name)
            return hours_text(value) if name == "hours" else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._brush
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.row(), index.column())
        return None

    def long_names(self) -> list[str]:
        return [self.tr("Duty days"), self.tr("24-hour duties"), self.tr("Day shifts (白, 早, 中)"),
                self.tr("Night shifts (夜, 晚)"), self.tr("Duty days on a weekend that is not a working day (调休)"),
                self.tr("Duty days on a public holiday"), self.tr("Duty hours, post duties included"),
                self.tr("Days of leave"), self.tr("Open stand-ins the person owes a pay-back for")]

    def _tooltip(self, r: int, c: int) -> str | None:
        person = self._people[r]
        figures = self.figures.get(person) if person is not None else None
        if figures is None:
            return None
        return f"{figures.name}（{figures.staff_no}）· {self.long_names()[c]}: {self.data(self.index(r, c))}"

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(TOTALS):
            return None
        _name, zh, en = TOTALS[section]
        if role == _DISPLAY:
            return zh if language().startswith("zh") else en
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.long_names()[section] + self.tr(" over the days shown; a duty counts on the day it starts")
        return None


class TotalsView(QTableView):
    """The totals beside the grid: no row header, no scroll bars of its own (the grid's move it)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("rosterTotals")
        self.verticalHeader().hide()
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setDefaultSectionSize(COLUMN_WIDTH)
        self.setWordWrap(False)
        self.setFixedWidth(COLUMN_WIDTH * len(TOTALS) + 2 * self.frameWidth() + 2)


class RosterTotals:
    """Puts the totals view at the right of a RosterPage's grid and keeps it in step with the grid."""

    def __init__(self, page):
        self.page = page
        self.grid_view = page.view
        self.controller = page.controller
        self.model = TotalsModel(page.model, page)
        self.view = TotalsView(page)
        self.view.setModel(self.model)
        self.shown = False
        # The grid and the totals side by side, where the grid stood in the page.
        holder = self.grid_view.parentWidget() or page
        self.container = QWidget(holder)
        self.container.setObjectName("rosterWithTotals")
        row = QHBoxLayout(self.container)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        # Wherever the grid stands (the page's layout, or one nested in it), the pair takes its place.
        holder.layout().replaceWidget(self.grid_view, self.container)
        row.addWidget(self.grid_view, 1)
        # The totals, and below them room where the grid has its horizontal scroll bar: both end level.
        self.side = QWidget(self.container)
        self.side.setObjectName("rosterTotalsSide")
        column = QVBoxLayout(self.side)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.view, 1)
        self.spacer = QWidget(self.side)
        column.addWidget(self.spacer)
        row.addWidget(self.side)
        self.side.hide()

        grid_bar, own_bar = self.grid_view.verticalScrollBar(), self.view.verticalScrollBar()
        grid_bar.valueChanged.connect(own_bar.setValue)
        own_bar.valueChanged.connect(grid_bar.setValue)
        self.grid_view.verticalHeader().sectionResized.connect(self._row_resized)
        self.grid_view.horizontalScrollBar().rangeChanged.connect(lambda *_a: self._align())
        page.model.modelReset.connect(self._reloaded)
        page.model.layoutChanged.connect(self._reloaded)
        page.model.rowsInserted.connect(self._reloaded)
        page.model.rowsRemoved.connect(self._reloaded)
        self.controller.hub.changed.connect(self._on_changed)

    # -- showing ------------------------------------------------------------------------------------
    def set_shown(self, shown: bool) -> None:
        self.shown = shown
        self.side.setVisible(shown)
        if shown:
            self.recompute()
            self._align()

    def retranslate(self) -> None:
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(TOTALS) - 1)

    def _align(self) -> None:
        """Rows level with the grid's: the same header height, the same row heights, the same hidden rows,
        and room at the bottom where the grid has its horizontal scroll bar."""
        if not self.shown:
            return
        header = self.grid_view.horizontalHeader()
        self.view.horizontalHeader().setFixedHeight(header.height() or header.sizeHint().height())
        rows, own = self.grid_view.verticalHeader(), self.view.verticalHeader()
        default = rows.defaultSectionSize()
        own.setDefaultSectionSize(default)
        # Only the rows that differ from the default are touched: the city's grid has 3,000.
        for r in range(self.model.rowCount()):
            hidden = rows.isSectionHidden(r)
            if own.isSectionHidden(r) != hidden:
                own.setSectionHidden(r, hidden)
            size = rows.sectionSize(r)
            if not hidden and own.sectionSize(r) != size:
                own.resizeSection(r, size)
        bar = self.grid_view.horizontalScrollBar()
        self.spacer.setFixedHeight(bar.sizeHint().height() if bar.maximum() > 0 else 0)
        self.view.verticalScrollBar().setValue(self.grid_view.verticalScrollBar().value())

    def _row_resized(self, row: int, _old: int, new: int) -> None:
        if not self.shown or row >= self.model.rowCount():
            return
        self.view.setRowHidden(row, new == 0)
        if new:
            self.view.setRowHeight(row, new)

    # -- figures ------------------------------------------------------------------------------------
    def recompute(self, person_ids: list[int] | None = None) -> None:
        """Read the figures of these people (None: every row) over the grid's days."""
        days = self.page.model.grid.days
        if not self.shown or not days:
            return
        people = self.model.people() if person_ids is None else person_ids
        if not people:
            self.model.set_figures([], replace=person_ids is None)
            return
        scope = self.controller.scope
        with self.controller.db.read() as session:
            if person_ids is None and (scope.station_id is not None or scope.detachment_id is not None
                                       or len(people) > 500):
                # The whole scope in one pass; people outside the grid's rows are simply not shown.
                figures = statistics.compute(session, days[0], days[-1], detachment_id=scope.detachment_id,
                                             station_id=scope.station_id).people
            else:
                figures = statistics.compute(session, days[0], days[-1], person_ids=people).people
        self.model.set_figures(figures, replace=person_ids is None)

    def _reloaded(self, *_args) -> None:
        if self.shown:
            self.recompute()
            self._align()

    def _on_changed(self, change: Change) -> None:
        if not self.shown:
            return
        if SWAPS in change.registers and not change.people:
            self.recompute()  # a stand-in settled by hand: whose 待还 changed is not named
            return
        people = [p for p in change.people if self.model.row_of(p) is not None]
        if people:
            self.recompute(people)
