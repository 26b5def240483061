"""The register tables: rows worked out when read, sorted in one Python sort, filtered by scope and search."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from rosterapp.ui.registers.forms import INACTIVE_COLOR

_NO_PARENT = QModelIndex()
_DISPLAY = Qt.ItemDataRole.DisplayRole

ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""Register tables: the row's person, vehicle or station id (same in every column)."""
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
"""Register tables: a value that sorts the column as a clerk expects (names by pinyin, numbers as numbers)."""

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True, slots=True)
class Line:
    """One row of a register table, every text and sort key worked out when the rows are read."""

    id: int
    item: Any  # the service's row (PersonRow, VehicleRow, StationRow)
    display: tuple[str, ...]
    sort: tuple[Any, ...]
    active: bool = True
    search: tuple[str, ...] = ()  # texts the search box finds a part of (names, numbers), any case
    keys: tuple[str, ...] = ()  # lower-case ASCII keys it finds from their start (pinyin initials, syllables)
    tips: tuple[str, ...] = ()


class RowsModel(QAbstractTableModel):
    """A register table over precomputed Lines; ``data()`` only indexes tuples.

    Subclasses declare HEADERS as (title, tooltip) pairs marked with QT_TRANSLATE_NOOP in their own
    class name's context, and NUMBER_COLUMNS to align right.
    """

    HEADERS: tuple[tuple[str, str], ...] = ()
    NUMBER_COLUMNS: frozenset[int] = frozenset()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._loaded: list[Line] = []
        self._lines: list[Line] = []
        self._row_of: dict[int, int] = {}
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._grey = QBrush(QColor(INACTIVE_COLOR))

    def set_lines(self, lines: Sequence[Line]) -> None:
        """New rows (in the services' order), shown in the order last asked for."""
        self.beginResetModel()
        self._loaded = list(lines)
        self._lines = self._ordered()
        self._row_of = {line.id: row for row, line in enumerate(self._lines)}
        self.endResetModel()

    def _ordered(self) -> list[Line]:
        column = self._sort_column
        if not 0 <= column < len(self.HEADERS):
            return list(self._loaded)
        return sorted(self._loaded, key=lambda line: line.sort[column],
                      reverse=self._sort_order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by the Lines' keys in one Python sort (column -1: the services' order).

        The filter proxy hands its sorting down here: comparing in a Python lessThan would take
        half a second for the city's 3,000 people, and again after every edit.
        """
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        before = self._lines
        self._lines = self._ordered()
        self._row_of = {line.id: row for row, line in enumerate(self._lines)}
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(persistent, [
            self.index(self._row_of[before[index.row()].id], index.column()) for index in persistent])
        self.layoutChanged.emit()

    def line(self, row: int) -> Line:
        return self._lines[row]

    def lines(self) -> list[Line]:
        return list(self._lines)

    def row_of(self, key: int) -> int:
        return self._row_of.get(key, -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return line.display[column]
        if role == ID_ROLE:
            return line.id
        if role == SORT_ROLE:
            return line.sort[column]
        if role == Qt.ItemDataRole.ForegroundRole and not line.active:
            return self._grey
        if role == Qt.ItemDataRole.ToolTipRole:
            return line.tips[column] if column < len(line.tips) and line.tips[column] else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.NUMBER_COLUMNS:
            return _RIGHT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == _DISPLAY:
            return self.tr(self.HEADERS[section][0])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr(self.HEADERS[section][1])
        if role == Qt.ItemDataRole.TextAlignmentRole and section in self.NUMBER_COLUMNS:
            return _RIGHT
        return None

    def retranslate(self) -> None:
        if self.HEADERS:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.HEADERS) - 1)


class RowsFilter(QSortFilterProxyModel):
    """Keeps the Lines within the navigator's scope that ``accepts`` takes; sorts by the Lines' keys."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._scope: tuple[int | None, int | None] = (None, None)
        self._text = ""

    def set_scope(self, detachment_id: int | None, station_id: int | None) -> None:
        self.refilter(lambda: setattr(self, "_scope", (detachment_id, station_id)))

    def set_text(self, text: str) -> None:
        self.refilter(lambda: setattr(self, "_text", text.strip()))

    def refilter(self, change: Callable[[], None]) -> None:
        self.beginFilterChange()
        change()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        line = self.sourceModel().line(source_row)
        detachment_id, station_id = self._scope
        item = line.item
        if station_id is not None and item_station(item) != station_id:
            return False
        if detachment_id is not None and item.detachment_id != detachment_id:
            return False
        if self._text and not matches(line, self._text):
            return False
        return self.accepts(line)

    def accepts(self, line: Line) -> bool:
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The rows are sorted in the source model (RowsModel.sort); this proxy only filters."""
        self.sourceModel().sort(column, order)


def item_station(item: Any) -> int:
    """The station of a person's or vehicle's row, or the station row's own id."""
    station_id = getattr(item, "station_id", None)
    return item.id if station_id is None else station_id


def matches(line: Line, text: str) -> bool:
    """The search box: part of a name, staff number, plate or call sign; the start of pinyin initials
    (zw finds 张伟) or of the full pinyin (zhangw finds 张伟)."""
    low = text.lower()
    if any(low in part.lower() for part in line.search):
        return True
    compact = low.replace(" ", "")
    return low.isascii() and any(key.startswith(compact) for key in line.keys)


