"""Dialogs of the post board: staffing one window without dragging (vehicles, crew, crew roles), and
copying a day's staffing forward."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rosterapp import vocab
from rosterapp.i18n import language
from rosterapp.services.posts_board import BoardCell, CrewTag, VehicleTag
from rosterapp.ui.boards.availability import AvailabilityPanel
from rosterapp.ui.roster.rotation import from_qdate, to_qdate

_NO_PARENT = QModelIndex()
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
ROLE_COLUMN = 1
_VEHICLE_HEADERS = (QT_TRANSLATE_NOOP("WindowVehiclesModel", "Vehicle"), QT_TRANSLATE_NOOP("WindowVehiclesModel", "Type"),
                    QT_TRANSLATE_NOOP("WindowVehiclesModel", "Plate"), QT_TRANSLATE_NOOP("WindowVehiclesModel", "Station"))
_CREW_HEADERS = (QT_TRANSLATE_NOOP("CrewModel", "Name"), QT_TRANSLATE_NOOP("CrewModel", "Crew role"),
                 QT_TRANSLATE_NOOP("CrewModel", "Vehicle"), QT_TRANSLATE_NOOP("CrewModel", "Station"))


class WindowVehiclesModel(QAbstractTableModel):
    """The vehicles standing at one window."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.vehicles: list[VehicleTag] = []

    def set_vehicles(self, vehicles: list[VehicleTag]) -> None:
        self.beginResetModel()
        self.vehicles = list(vehicles)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.vehicles)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else 4

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        v = self.vehicles[index.row()]
        return (v.call_sign, v.type_name, v.plate, v.station)[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 4:
            return QCoreApplication.translate("WindowVehiclesModel", _VEHICLE_HEADERS[section])
        return None


class CrewModel(QAbstractTableModel):
    """The people at one window with their crew roles; a role is changed through ``role_handler``."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.crew: list[CrewTag] = []
        self.vehicle_names: dict[int, str] = {}
        self.role_handler = None

    def set_crew(self, crew: list[CrewTag], vehicle_names: dict[int, str]) -> None:
        self.beginResetModel()
        self.crew = list(dict((t.duty_id, t) for t in crew).values())
        self.vehicle_names = vehicle_names
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.crew)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else 4

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS | Qt.ItemFlag.ItemIsEditable if index.column() == ROLE_COLUMN else _FLAGS

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        tag = self.crew[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.EditRole and column == ROLE_COLUMN:
            return tag.role
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return f"{tag.name}（{tag.staff_no}）"
        if column == ROLE_COLUMN:
            return vocab.label(vocab.CREW_ROLE, tag.role, language()) if tag.role else "—"
        if column == 2:
            return self.vehicle_names.get(tag.vehicle_id, "—") if tag.vehicle_id else "—"
        return tag.station

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != ROLE_COLUMN or role != Qt.ItemDataRole.EditRole:
            return False
        if value is not None and value not in vocab.CREW_ROLE:
            return False
        tag = self.crew[index.row()]
        if value == tag.role or self.role_handler is None:
            return False
        return bool(self.role_handler({tag.duty_id: value}))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 4:
            return QCoreApplication.translate("CrewModel", _CREW_HEADERS[section])
        return None


class RoleDelegate(QStyledItemDelegate):
    """Crew roles picked from a list (指挥员, 驾驶员, 战斗员, 通信员, 安全员, or none)."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        box = QComboBox(parent)
        box.setObjectName("roleEditor")
        lang = language()
        for code in vocab.CREW_ROLE:
            box.addItem(vocab.label(vocab.CREW_ROLE, code, lang), code)
        box.addItem("—", None)
        return box

    def setEditorData(self, editor: QComboBox, index: QModelIndex) -> None:
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QComboBox, model, index: QModelIndex) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


def _table(name: str, model, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return view


class StaffDialog(QDialog):
    """One window of a post: its vehicles and crew (roles editable, take off), and what may be added.

    Every change is one undoable step made through the operations controller, at once.
    """

    def __init__(self, controller, r: int, c: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("staffDialog")
        self.controller = controller
        board = controller.board
        line = board.lines[r]
        self._key = (line.post_id, line.shift, board.days[c])
        self.title = QLabel(self)
        self.title.setObjectName("staffTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.vehicles = WindowVehiclesModel(self)
        self.crew = CrewModel(self)
        self.crew.role_handler = controller.set_roles
        self.vehicles_view = _table("windowVehicles", self.vehicles, self)
        self.crew_view = _table("windowCrew", self.crew, self)
        self.crew_view.setItemDelegateForColumn(ROLE_COLUMN, RoleDelegate(self.crew_view))
        self.crew_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.remove_vehicles = QPushButton(self.tr("Take vehicle off"), self)
        self.remove_vehicles.setObjectName("removeVehicles")
        self.remove_people = QPushButton(self.tr("Take people off"), self)
        self.remove_people.setObjectName("removePeople")
        self.panel = AvailabilityPanel(self)
        self.shortfalls = QLabel(self)
        self.shortfalls.setObjectName("staffShortfalls")
        self.shortfalls.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)

        left = QWidget(self)
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(QLabel(self.tr("Vehicles at this window"), left))
        box.addWidget(self.vehicles_view, 1)
        box.addWidget(self.remove_vehicles, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(QLabel(self.tr("Crew (double-click a role to change it)"), left))
        box.addWidget(self.crew_view, 2)
        box.addWidget(self.remove_people, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self.shortfalls)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.panel)
        splitter.setSizes([480, 380])
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.remove_vehicles.clicked.connect(self._remove_vehicles)
        self.remove_people.clicked.connect(self._remove_people)
        self.panel.assignRequested.connect(self._assign)
        self.panel.roleChanged.connect(lambda _r: self.refresh())
        self.panel.suggestionAccepted.connect(controller.accept_suggestion)
        controller.boardChanged.connect(self.refresh)
        controller.refused.connect(self.panel.show_refusal)
        self.setWindowTitle(self.tr("Staff window"))
        self.resize(920, 560)
        self.refresh()

    def done(self, result: int) -> None:
        self.controller.boardChanged.disconnect(self.refresh)
        self.controller.refused.disconnect(self.panel.show_refusal)
        super().done(result)

    def position(self) -> tuple[int, int, BoardCell] | None:
        board = self.controller.board
        if board is None:
            return None
        post, shift, day = self._key
        c = board.column_of.get(day)
        for r in board.lines_of_post.get(post, ()):
            if board.lines[r].shift == shift and c is not None and board.cells[r][c] is not None:
                return r, c, board.cells[r][c]
        return None

    def refresh(self) -> None:
        found = self.position()
        if found is None:
            self.title.setText(self.tr("This window is no longer on the board."))
            self.vehicles.set_vehicles([])
            self.crew.set_crew([], {})
            return
        r, c, cell = found
        controller = self.controller
        self.title.setText(controller.cell_title(r, c))
        vehicles = cell.vehicles
        self.vehicles.set_vehicles(vehicles)
        self.crew.set_crew(list(cell.crew), {v.id: v.call_sign for v in vehicles})
        model = controller.model
        self.shortfalls.setText("\n".join("⚠ " + model.shortfall_text(s) for s in cell.shortfalls)
                                or model.status_text(cell.status))
        a = controller.availability()
        if a is None:
            self.panel.set_waiting(self.tr("Checking…"))
            return
        post = controller.board.lines[r].post_id
        have = Counter(v.type_code for v in vehicles)
        self.panel.set_window(self.tr("Free for this window"), a.vehicles(post, cell.lo, cell.hi, have),
                              a.people(post, cell.lo, cell.hi, self.panel.role(),
                                       vehicles[0].id if len(vehicles) == 1 else None))

    def _assign(self, kind: str, ids: list, role) -> None:
        found = self.position()
        if found is not None:
            self.controller.drop(kind, list(ids), role, found[0], found[1])

    def _remove_vehicles(self) -> None:
        found = self.position()
        rows = {i.row() for i in self.vehicles_view.selectionModel().selectedRows()}
        if found is None or not rows:
            return
        chosen = {self.vehicles.vehicles[r].id for r in rows}
        deps = [p.deployment_id for p in found[2].placements if p.vehicle.id in chosen]
        names = "、".join(self.vehicles.vehicles[r].call_sign for r in sorted(rows))
        self.controller.remove_from_window([], deps, self.tr("Take {what} off").format(what=names))

    def _remove_people(self) -> None:
        rows = sorted({i.row() for i in self.crew_view.selectionModel().selectedRows()})
        if not rows:
            return
        duties = [self.crew.crew[r].duty_id for r in rows]
        names = "、".join(self.crew.crew[r].name for r in rows)
        self.controller.remove_from_window(duties, [], self.tr("Take {who} off").format(who=names))


class CopyForwardDialog(QDialog):
    """Copy the staffing of a day to the following days, for the selected posts or all of them."""

    def __init__(self, source: dt.date, last: dt.date, selected: int, total: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("copyForwardDialog")
        self.setWindowTitle(self.tr("Copy day forward"))
        self.until = QDateEdit(to_qdate(last), self)
        self.until.setObjectName("copyUntil")
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd")
        self.until.setMinimumDate(to_qdate(source + dt.timedelta(days=1)))
        self.until.setMaximumDate(to_qdate(last))
        self.selected = QRadioButton(self.tr("The selected lines ({count})").format(count=selected), self)
        self.selected.setObjectName("copySelected")
        self.every = QRadioButton(self.tr("Every line of the board ({count})").format(count=total), self)
        self.every.setObjectName("copyAll")
        self.selected.setChecked(True)
        note = QLabel(self.tr("Vehicles stay; people stay where rested and free. Where a vehicle's crew cannot "
                              "serve again, the crew on duty with that vehicle that day takes its place. Nothing "
                              "already there is removed; one undo step takes it all back."), self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        form = QFormLayout()
        form.addRow(self.tr("Copy {day} to every day up to").format(day=source.isoformat()), self.until)
        choice = QHBoxLayout()
        choice.addWidget(self.selected)
        choice.addWidget(self.every)
        form.addRow(self.tr("For"), choice)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

    def last(self) -> dt.date:
        return from_qdate(self.until.date())

    def all_posts(self) -> bool:
        return self.every.isChecked()
