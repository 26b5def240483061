"""Lists inside the register forms: checkable choices (qualifications) and dated entries (absences, maintenance)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QWidget,
)

from rosterapp.services.registers import Choice

_NO_PARENT = QModelIndex()
_DISPLAY = Qt.ItemDataRole.DisplayRole

KEY_ROLE = Qt.ItemDataRole.UserRole + 3
"""Lists of choices and of dated entries: the row's id (None for an entry not saved yet)."""


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


