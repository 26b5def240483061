"""What the register tabs share: one undoable step per edit, checkable lists, lists of dated entries,
reasons shown under a form's fields, and reading the dates clerks type."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QLabel,
    QTableView,
    QWidget,
)
from sqlalchemy.orm import Session

from rosterapp.services import dutyday, registers
from rosterapp.services.changes import Change
from rosterapp.services.registers import Choice
from rosterapp.ui.roster.controller import ServiceCommand

_NO_PARENT = QModelIndex()
_DISPLAY = Qt.ItemDataRole.DisplayRole

KEY_ROLE = Qt.ItemDataRole.UserRole + 3
"""Lists of choices and of dated entries: the row's id (None for an entry not saved yet)."""

# The colour of a reason under a field, readable on light and dark palettes.
REASON_COLOR = "#c62828"
# How a row of an inactive person or vehicle is written.
INACTIVE_COLOR = "#8a8a8a"


# -- undoable edits ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class RecordKind:
    """How to read one kind of register entry as a record, write a record back, and say what it touched."""

    read: Callable[[Session, int], Any]
    restore: Callable[[Session, int, Any], None]
    change: Callable[[int], Change]
    stations: bool = False


PERSON = RecordKind(registers.person_record, registers.restore_person,
                    lambda person_id: Change(people=frozenset({person_id})))
VEHICLE = RecordKind(registers.vehicle_record, registers.restore_vehicle,
                     lambda vehicle_id: Change(vehicles=frozenset({vehicle_id})))
# A station's edit names no person or vehicle: the checker then re-checks every station day.
STATION = RecordKind(registers.station_record, registers.restore_station, lambda _station_id: Change(),
                     stations=True)


class RegisterCommand(ServiceCommand):
    """A register edit on the undo stack: undo writes the record from before, redo the one from after."""

    def __init__(self, editor: RegisterEditor, text: str, kind: RecordKind, key: int, before: Any, after: Any):
        super().__init__(editor.controller, text, partial(editor.restore, kind, key, after),
                         partial(editor.restore, kind, key, before), registers=True)
        self._editor = editor
        self._stations = kind.stations

    def redo(self) -> None:
        super().redo()
        self._editor.landed.emit(self._stations)

    def undo(self) -> None:
        super().undo()
        self._editor.landed.emit(self._stations)


class RegisterEditor(QObject):
    """Turns every edit of people, vehicles and stations into one step on the window's undo stack.

    The edit runs once through the services, which validate it (their ValidationError reaches the
    form and nothing is written); only an edit that landed goes on the stack. Undo and redo then put
    back the records read before and after it, with the same ids, so later steps still find their rows.

    Signals:
        landed(bool): an edit was done, undone or redone; True when it touched the stations.
    """

    landed = Signal(bool)

    def __init__(self, window, parent: QObject | None = None):
        super().__init__(parent)
        self.setObjectName("registerEditor")
        self.window = window
        self.controller = window.roster_page.controller
        self.db = self.controller.db

    def commit(self, text: str, kind: RecordKind, key: int | None, apply: Callable[[Session], int]) -> int:
        """Run ``apply`` (it returns the id of the entry it made or changed) and push it as one step."""
        with self.db.begin() as session:
            before = kind.read(session, key) if key is not None else None
            key = apply(session)
            after = kind.read(session, key)
        self.window.undo_stack.push(RegisterCommand(self, text, kind, key, before, after))
        return key

    @staticmethod
    def restore(kind: RecordKind, key: int, record: Any, session: Session) -> Change:
        kind.restore(session, key, record)
        return kind.change(key)


# -- models ------------------------------------------------------------------------------------------

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


class CheckListModel(QAbstractListModel):
    """Choices (qualifications) with a check box each."""

    def __init__(self, choices: Sequence[Choice] = (), checked: Sequence[int] = (), parent=None):
        super().__init__(parent)
        self._choices = list(choices)
        self._checked = set(checked)

    def set_choices(self, choices: Sequence[Choice], checked: Sequence[int]) -> None:
        self.beginResetModel()
        self._choices = list(choices)
        self._checked = set(checked)
        self.endResetModel()

    def checked(self) -> tuple[int, ...]:
        return tuple(c.id for c in self._choices if c.id in self._checked)

    def set_checked(self, choice_id: int, on: bool) -> None:
        for row, choice in enumerate(self._choices):
            if choice.id == choice_id:
                self.setData(self.index(row), Qt.CheckState.Checked if on else Qt.CheckState.Unchecked,
                             Qt.ItemDataRole.CheckStateRole)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._choices)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        choice = self._choices[index.row()]
        if role == _DISPLAY:
            return choice.name
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if choice.id in self._checked else Qt.CheckState.Unchecked
        if role == KEY_ROLE:
            return choice.id
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        on = value if isinstance(value, bool) else Qt.CheckState(value) == Qt.CheckState.Checked
        choice_id = self._choices[index.row()].id
        if on:
            self._checked.add(choice_id)
        else:
            self._checked.discard(choice_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


@dataclass(frozen=True)
class Entry:
    """A dated entry of a form (an absence, a maintenance window); ``id`` None until it is saved."""

    id: int | None
    first: dt.date
    last: dt.date
    kind: str = ""
    text: str = ""


class EntriesModel(QAbstractTableModel):
    """The dated entries of one person or vehicle, as a form lists them before it is saved.

    ``columns`` are (header, entry -> text) pairs; the headers arrive translated.
    """

    def __init__(self, columns: Sequence[tuple[str, Callable[[Entry], str]]] = (), parent=None):
        super().__init__(parent)
        self._columns = list(columns)
        self._entries: list[Entry] = []

    def set_columns(self, columns: Sequence[tuple[str, Callable[[Entry], str]]]) -> None:
        self.beginResetModel()
        self._columns = list(columns)
        self.endResetModel()

    def set_entries(self, entries: Sequence[Entry]) -> None:
        self.beginResetModel()
        self._entries = sorted(entries, key=lambda e: (e.first, e.last))
        self.endResetModel()

    def entries(self) -> list[Entry]:
        return list(self._entries)

    def add(self, entry: Entry) -> int:
        row = sum(1 for e in self._entries if (e.first, e.last) <= (entry.first, entry.last))
        self.beginInsertRows(_NO_PARENT, row, row)
        self._entries.insert(row, entry)
        self.endInsertRows()
        return row

    def remove(self, row: int) -> Entry:
        self.beginRemoveRows(_NO_PARENT, row, row)
        entry = self._entries.pop(row)
        self.endRemoveRows()
        return entry

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        if role == _DISPLAY:
            return self._columns[index.column()][1](entry)
        if role == KEY_ROLE:
            return entry.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY and 0 <= section < len(self._columns):
            return self._columns[section][0]
        return None


def entries_view(model: EntriesModel, name: str, parent: QWidget) -> QTableView:
    """A compact table of dated entries: whole rows selected, no editors."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    return view


def fit_entry_columns(view: QTableView, samples: Sequence[str]) -> None:
    """Widths for the first columns from sample texts (kinds, dates); the last column stretches."""
    metrics = view.fontMetrics()
    header = view.horizontalHeader()
    for column, sample in enumerate(samples):
        title = str(view.model().headerData(column, Qt.Orientation.Horizontal) or "")
        header.resizeSection(column, max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title)) + 24)


# -- forms ---------------------------------------------------------------------------------------------

def reason_label(parent: QWidget, name: str) -> QLabel:
    """The line under a field that says why its value cannot be saved; hidden while there is none."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(REASON_COLOR))
    label.setPalette(palette)
    label.hide()
    return label


def show_reason(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def date_edit(parent: QWidget, name: str, day: dt.date | None = None) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(to_qdate(day or dutyday.today()))
    return edit


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def set_combo_items(combo: QComboBox, items: Sequence[tuple[str, Any]], keep: bool = True) -> None:
    """Replace a combo's items (text, data), keeping the chosen data when it is still offered.

    No signal: the caller applies the choice itself.
    """
    current = combo.currentData() if keep else None
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    index = combo.findData(current) if current is not None else -1
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)


def select_data(combo: QComboBox, data: Any) -> None:
    index = combo.findData(data)
    if index >= 0:
        combo.setCurrentIndex(index)


_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")


def parse_date(text: str) -> dt.date | None:
    """A date as clerks write it: 1995-06-01, 1995/6/1, 1995.6.1, 1995年6月1日 or 19950601.

    Empty text is None; anything else unreadable raises ValueError.
    """
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return None
    match = _DATE.fullmatch(text) or _COMPACT_DATE.fullmatch(text)
    if match is None:
        raise ValueError(text)
    year, month, day = (int(g) for g in match.groups())
    return dt.date(year, month, day)


def format_days(first: dt.date, last: dt.date) -> str:
    """11-03 – 11-07 within this year, the full dates otherwise."""
    if first.year == last.year == dutyday.today().year:
        return f"{first:%m-%d} – {last:%m-%d}" if first != last else f"{first:%m-%d}"
    return f"{first.isoformat()} – {last.isoformat()}" if first != last else first.isoformat()


def current_or_next(rows: Iterable, now: dt.datetime, owner: Callable[[Any], int]) -> dict[int, Any]:
    """Per owner (a person, a vehicle), the window under way at ``now``, else the next one.

    ``rows`` come in start order: absences of people, maintenance windows of vehicles.
    """
    chosen: dict[int, Any] = {}
    for row in rows:
        if row.end <= now:
            continue
        held = chosen.get(owner(row))
        if held is None or (row.start <= now and held.start > now):
            chosen[owner(row)] = row
    return chosen
