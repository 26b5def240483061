"""The Overview tab: per station strength and duty for the navigator's selection."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pypinyin import lazy_pinyin
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QByteArray,
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from rosterapp import vocab
from rosterapp.i18n import language
from rosterapp.services.overview import StationCount

# Custom roles.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
"""A value that sorts the column the way a clerk expects (numbers as numbers, names by pinyin)."""
DETACHMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
"""The row's detachment id (same in every column)."""
STATION_ID_ROLE = Qt.ItemDataRole.UserRole + 3
"""The row's station id (same in every column)."""

# Columns.
DETACHMENT, STATION, GRADE, PEOPLE, VEHICLES, ON_DUTY, AT_POSTS, VEHICLES_AT_POSTS = range(8)
NUMBER_COLUMNS = (PEOPLE, VEHICLES, ON_DUTY, AT_POSTS, VEHICLES_AT_POSTS)

_HEADERS = (
    (QT_TRANSLATE_NOOP("OverviewModel", "Detachment"), QT_TRANSLATE_NOOP("OverviewModel", "Detachment")),
    (QT_TRANSLATE_NOOP("OverviewModel", "Station"), QT_TRANSLATE_NOOP("OverviewModel", "Fire station")),
    (QT_TRANSLATE_NOOP("OverviewModel", "Grade"), QT_TRANSLATE_NOOP("OverviewModel", "Station grade")),
    (QT_TRANSLATE_NOOP("OverviewModel", "People"),
     QT_TRANSLATE_NOOP("OverviewModel", "Active people on the station's register")),
    (QT_TRANSLATE_NOOP("OverviewModel", "Vehicles"),
     QT_TRANSLATE_NOOP("OverviewModel", "Active vehicles of the station")),
    (QT_TRANSLATE_NOOP("OverviewModel", "On duty today"),
     QT_TRANSLATE_NOOP("OverviewModel", "The station's people on duty this duty day, at the station or at posts")),
    (QT_TRANSLATE_NOOP("OverviewModel", "At posts today"),
     QT_TRANSLATE_NOOP("OverviewModel", "Of those on duty, the people standing at security-task posts")),
    (QT_TRANSLATE_NOOP("OverviewModel", "Vehicles at posts"),
     QT_TRANSLATE_NOOP("OverviewModel", "The station's vehicles deployed at security-task posts this duty day")),
)

# Heavier stations first when sorting by grade.
_GRADE_ORDER = {"special": 0, "level1": 1, "level2": 2, "small": 3}

_NUMBER_ALIGN = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_NO_PARENT = QModelIndex()


class OverviewModel(QAbstractTableModel):
    """Station rows with their display texts and sort keys computed once, in ``set_rows``."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[StationCount] = []
        self._display: list[tuple[str, ...]] = []
        self._sort: list[tuple[Any, ...]] = []

    def set_rows(self, rows: list[StationCount]) -> None:
        lang = language()
        display = []
        sort = []
        for i, r in enumerate(rows):
            numbers = (r.people, r.vehicles, r.on_duty, r.at_posts, r.vehicles_at_posts)
            display.append((r.detachment_name, r.station_name, vocab.label(vocab.STATION_GRADE, r.grade, lang),
                            *(str(n) for n in numbers)))
            # Rows arrive in the detachments' own order, so the row number sorts that column.
            sort.append((i, "".join(lazy_pinyin(r.station_name)), _GRADE_ORDER.get(r.grade, 9), *numbers))
        self.beginResetModel()
        self._rows, self._display, self._sort = list(rows), display, sort
        self.endResetModel()

    def row(self, row: int) -> StationCount:
        return self._rows[row]

    def rows(self) -> list[StationCount]:
        return list(self._rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display[row][column]
        if role == SORT_ROLE:
            return self._sort[row][column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBER_COLUMNS:
            return _NUMBER_ALIGN
        if role == Qt.ItemDataRole.ToolTipRole and column == DETACHMENT:
            return f"{self._rows[row].detachment_name} ({self._rows[row].detachment_code})"
        if role == DETACHMENT_ID_ROLE:
            return self._rows[row].detachment_id
        if role == STATION_ID_ROLE:
            return self._rows[row].station_id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(_HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(_HEADERS[section][0])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr(_HEADERS[section][1])
        if role == Qt.ItemDataRole.TextAlignmentRole and section in NUMBER_COLUMNS:
            return _NUMBER_ALIGN
        return None


class OverviewProxy(QSortFilterProxyModel):
    """Keeps the rows of one detachment or one station (or all), sorted by SORT_ROLE."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._detachment_id: int | None = None
        self._station_id: int | None = None
        self.setSortRole(SORT_ROLE)

    def set_scope(self, detachment_id: int | None = None, station_id: int | None = None) -> None:
        self.beginFilterChange()
        self._detachment_id, self._station_id = detachment_id, station_id
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def scope(self) -> tuple[int | None, int | None]:
        return self._detachment_id, self._station_id

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        if self._station_id is not None:
            return index.data(STATION_ID_ROLE) == self._station_id
        if self._detachment_id is not None:
            return index.data(DETACHMENT_ID_ROLE) == self._detachment_id
        return True


def format_day(day: dt.date) -> str:
    """A duty day the way the user's locale writes a long date (2027年3月5日星期五)."""
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)


class OverviewPage(QWidget):
    """The Overview tab: a heading naming the scope and day, and the sortable station table."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("overviewPage")
        self._day: dt.date | None = None
        self._scope_title = ""
        self._station_width = 0
        self._widths_restored = False

        self._title = QLabel(self)
        self._title.setObjectName("overviewTitle")
        # A long scope name and date must wrap, not hold the whole window wide.
        self._title.setWordWrap(True)
        font = self._title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self._title.setFont(font)

        self._hint = QLabel(self)
        self._hint.setObjectName("overviewHint")
        self._hint.setWordWrap(True)
        self._hint.setText(self.tr("No people or vehicles are registered in this database yet."))
        self._hint.hide()

        self.model = OverviewModel(self)
        self.proxy = OverviewProxy(self)
        self.proxy.setSourceModel(self.model)

        self.view = QTableView(self)
        self.view.setObjectName("overviewTable")
        self.view.setModel(self.proxy)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        rows = self.view.verticalHeader()
        rows.hide()
        # The style's default row is tall for a table of numbers; a line and a little air is enough.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setSortIndicatorClearable(True)
        # No indicator: the rows keep the detachments' own order until the clerk sorts.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.viewport().installEventFilter(self)

        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addWidget(self._hint)
        layout.addWidget(self.view, 1)

    def set_rows(self, rows: list[StationCount], day: dt.date) -> None:
        self._day = day
        self.model.set_rows(rows)
        self._hint.setVisible(bool(rows) and not any(r.people or r.vehicles for r in rows))
        self._update_title()
        # Widths the clerk chose (restored from the settings) are kept; only the station column,
        # which takes the spare width, needs to know its contents.
        self.fit_columns(keep_widths=self._widths_restored)

    def set_scope(self, title: str, detachment_id: int | None = None, station_id: int | None = None) -> None:
        self._scope_title = title
        self.proxy.set_scope(detachment_id, station_id)
        self._update_title()

    def shown_rows(self) -> list[StationCount]:
        """The rows the table shows now, in its order."""
        return [self.model.row(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
                for r in range(self.proxy.rowCount())]

    def title(self) -> str:
        return self._title.text()

    def fit_columns(self, keep_widths: bool = False) -> None:
        """Widths from the contents and headers of every row, not only those shown now."""
        header = self.view.horizontalHeader()
        cell_metrics = self.view.fontMetrics()
        header_metrics = header.fontMetrics()
        padding = 3 * cell_metrics.horizontalAdvance("0")
        for column in range(self.model.columnCount()):
            cells = [self.model.index(r, column).data() for r in range(self.model.rowCount())]
            # Room for the sort indicator next to the header text.
            width = max(
                header_metrics.horizontalAdvance(str(self.model.headerData(column, Qt.Orientation.Horizontal))) + 20,
                max((cell_metrics.horizontalAdvance(t) for t in cells), default=0),
            ) + padding
            if column == STATION:
                self._station_width = width
            elif not keep_widths:
                header.resizeSection(column, width)
        self._give_spare_width_to_station()

    def _give_spare_width_to_station(self) -> None:
        """The station column takes the spare width, so the numbers sit together at the right edge.

        Unlike QHeaderView's Stretch mode it never shrinks below the longest name: a narrow
        window scrolls instead of cutting station names short.
        """
        header = self.view.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(header.count()) if c != STATION)
        header.resizeSection(STATION, max(self._station_width, self.view.viewport().width() - others))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._give_spare_width_to_station()
        return super().eventFilter(watched, event)

    def header_state(self) -> QByteArray:
        return self.view.horizontalHeader().saveState()

    def restore_header_state(self, state: QByteArray) -> None:
        if not state.isEmpty() and self.view.horizontalHeader().restoreState(state):
            self._widths_restored = True

    def _update_title(self) -> None:
        if self._day is None:
            self._title.setText(self._scope_title)
            return
        self._title.setText(self.tr("{scope} — duty day {date}").format(
            scope=self._scope_title, date=format_day(self._day)))
