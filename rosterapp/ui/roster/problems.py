"""The problems panel: every problem of the checking engine, grouped by severity and rule, filterable."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from rosterapp.i18n import language
from rosterapp.services.rules import Problem, message
from rosterapp.services.rules.problem import ERROR, INFO, SEVERITY_ORDER, WARNING, rule_name, severity_name

PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 1
"""The Problem of a leaf row (None on group rows)."""
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 2
"""The severity of a row, group or leaf."""
GROUP_ROLE = Qt.ItemDataRole.UserRole + 3
"""Group rows: (severity, rule)."""

COLUMNS = 3  # message | from | to
_NO_PARENT = QModelIndex()
_SEVERITY_COLORS = {ERROR: "#b00020", WARNING: "#8a6100", INFO: "#205080"}


class ProblemsModel(QAbstractItemModel):
    """Two levels: (severity, rule) groups, then their problems. Rebuilt whole on every update."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._groups: list[tuple[str, str]] = []
        self._members: list[list[Problem]] = []
        self._texts: list[list[str]] = []
        self._brushes = {k: QBrush(QColor(v)) for k, v in _SEVERITY_COLORS.items()}

    def set_problems(self, problems: list[Problem]) -> None:
        lang = language()
        grouped: dict[tuple[str, str], list[Problem]] = {}
        for p in sorted(problems, key=lambda p: (SEVERITY_ORDER[p.severity], p.rule, p.start)):
            grouped.setdefault((p.severity, p.rule), []).append(p)
        self.beginResetModel()
        self._groups = list(grouped)
        self._members = list(grouped.values())
        self._texts = [[message(p, lang) for p in members] for members in self._members]
        self.endResetModel()

    def counts(self) -> dict[str, int]:
        found = {ERROR: 0, WARNING: 0, INFO: 0}
        for (severity, _rule), members in zip(self._groups, self._members, strict=True):
            found[severity] += len(members)
        return found

    def group_keys(self) -> list[tuple[str, str]]:
        return list(self._groups)

    # Internal ids: 0 for a group row, group index + 1 for a problem row (its parent group).
    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._members[parent.row()])
        return 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return COLUMNS

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        group = index.internalId()
        if group == 0:
            severity, rule = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                lang = language()
                return f"{severity_name(severity, lang)} · {rule_name(rule, lang)} ({len(self._members[index.row()])})"
            if role == Qt.ItemDataRole.ForegroundRole:
                return self._brushes[severity]
            if role == SEVERITY_ROLE:
                return severity
            if role == GROUP_ROLE:
                return severity, rule
            return None
        problem = self._members[group - 1][index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == 0:
                return self._texts[group - 1][index.row()]
            moment = problem.start if index.column() == 1 else problem.end
            return moment.strftime("%Y-%m-%d %H:%M")
        if role == PROBLEM_ROLE:
            return problem
        if role == SEVERITY_ROLE:
            return problem.severity
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Problem"), self.tr("From"), self.tr("To"))[section]
        return None


class ProblemsFilter(QSortFilterProxyModel):
    """Keeps the problems whose text contains the filter and whose severity is shown."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.shown = {ERROR, WARNING, INFO}

    def set_shown(self, severity: str, on: bool) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            (self.shown.add if on else self.shown.discard)(severity)
            self.endFilterChange()
        else:
            (self.shown.add if on else self.shown.discard)(severity)
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        index = self.sourceModel().index(row, 0, parent)
        if index.data(SEVERITY_ROLE) not in self.shown:
            return False
        if not parent.isValid():
            return False  # a group is shown when one of its problems is (recursive filtering)
        return super().filterAcceptsRow(row, parent)


class ProblemsPanel(QWidget):
    """The dock's content: a filter line, severity switches and the tree.

    Signals:
        problemActivated(object): a problem was double-clicked (or Enter pressed on it).
    """

    problemActivated = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = ProblemsModel(self)
        self.proxy = ProblemsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("problemsFilter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.switches: dict[str, QCheckBox] = {}
        row = QHBoxLayout()
        row.addWidget(self.filter_edit, 1)
        for severity in (ERROR, WARNING, INFO):
            box = QCheckBox(self)
            box.setChecked(True)
            box.toggled.connect(lambda on, s=severity: self.proxy.set_shown(s, on))
            self.switches[severity] = box
            row.addWidget(box)
        self.tree = QTreeView(self)
        self.tree.setObjectName("problemsTree")
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, self.tree.header().ResizeMode.Stretch)
        # Fixed widths for the two times: measuring every row after each edit would cost more than the edit.
        stamp = self.tree.fontMetrics().horizontalAdvance("2026-11-30 08:00") + 16
        for column in (1, 2):
            self.tree.header().setSectionResizeMode(column, self.tree.header().ResizeMode.Fixed)
            self.tree.header().resizeSection(column, stamp)
        self.tree.activated.connect(self._on_activated)
        self.tree.doubleClicked.connect(self._on_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(row)
        layout.addWidget(self.tree)
        self.retranslate()

    def retranslate(self) -> None:
        self.filter_edit.setPlaceholderText(self.tr("Filter problems"))
        lang = language()
        for severity, box in self.switches.items():
            box.setText(severity_name(severity, lang))

    def set_problems(self, problems: list[Problem]) -> None:
        expanded = {self.proxy.index(r, 0).data(GROUP_ROLE) for r in range(self.proxy.rowCount())
                    if self.tree.isExpanded(self.proxy.index(r, 0))}
        self.model.set_problems(problems)
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            # Errors stay open; what the clerk opened stays open.
            if index.data(SEVERITY_ROLE) == ERROR or index.data(GROUP_ROLE) in expanded:
                self.tree.expand(index)


    def _on_activated(self, index: QModelIndex) -> None:
        problem = index.data(PROBLEM_ROLE)
        if problem is not None:
            self.problemActivated.emit(problem)
