"""Beside the post board: the vehicles and people available for the selected window, to drag onto it.

The lists come from ``services.availability`` (free, rested, qualified, active; own detachment
first; people with the fewest duty hours this month first). Refusals and the crew suggestion after
a vehicle is placed are shown here too.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rosterapp import vocab
from rosterapp.i18n import language
from rosterapp.services.availability import PersonOption, VehicleOption
from rosterapp.services.roster import pinyin_key
from rosterapp.ui.boards import mime

ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""Every column: the vehicle's or person's id."""
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2
"""Column 0: the text a search matches (name, staff number, pinyin initials, station)."""

_DISPLAY = Qt.ItemDataRole.DisplayRole
_NO_PARENT = QModelIndex()
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
_OWN = QColor("#1e5a2a")
_OTHER = QColor("#505050")


class _OptionsModel(QAbstractTableModel):
    """A read-only list of options, dragged as their ids."""

    CONTEXT = ""
    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.options: list = []
        self._own = QBrush(_OWN)
        self._other = QBrush(_OTHER)

    def set_options(self, options: list) -> None:
        self.beginResetModel()
        self.options = list(options)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.options)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY and 0 <= section < len(self.HEADERS):
            return QCoreApplication.translate(self.CONTEXT, self.HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        option = self.options[index.row()]
        if role == ID_ROLE:
            return option.id
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._own if option.own else self._other
        if role == _DISPLAY:
            return self.text(option, index.column())
        if role == FILTER_ROLE and index.column() == 0:
            return self.filter_text(option)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(option)
        return None

    def text(self, option, column: int) -> str:
        raise NotImplementedError

    def filter_text(self, option) -> str:
        return ""

    def tooltip(self, option) -> str:
        return ""

    def ids(self, indexes) -> list[int]:
        return list(dict.fromkeys(self.options[i.row()].id for i in indexes if i.isValid()))


class AvailableVehiclesModel(_OptionsModel):
    CONTEXT = "AvailableVehiclesModel"
    HEADERS = (QT_TRANSLATE_NOOP("AvailableVehiclesModel", "Vehicle"), QT_TRANSLATE_NOOP("AvailableVehiclesModel", "Type"),
               QT_TRANSLATE_NOOP("AvailableVehiclesModel", "Station"), QT_TRANSLATE_NOOP("AvailableVehiclesModel", "Note"))

    def text(self, option: VehicleOption, column: int) -> str:
        if column == 0:
            return option.call_sign or option.plate
        if column == 1:
            return option.type_code
        if column == 2:
            return option.station
        notes = []
        if option.wanted:
            notes.append(self.tr("needed type"))
        if option.crewed:
            notes.append(self.tr("crew on duty"))
        return ", ".join(notes)

    def filter_text(self, option: VehicleOption) -> str:
        return f"{option.call_sign} {option.plate} {option.type_code} {option.station}"

    def tooltip(self, option: VehicleOption) -> str:
        return f"{option.call_sign} · {option.plate} · {option.type_code} · {option.station}"

    def mimeTypes(self) -> list[str]:
        return [mime.VEHICLES]

    def mimeData(self, indexes) -> QMimeData:
        return mime.vehicles_mime(self.ids(indexes))


class AvailablePeopleModel(_OptionsModel):
    """People; a drag carries ``role``, the crew role chosen beside the list."""

    CONTEXT = "AvailablePeopleModel"
    HEADERS = (QT_TRANSLATE_NOOP("AvailablePeopleModel", "Name"), QT_TRANSLATE_NOOP("AvailablePeopleModel", "Station"),
               QT_TRANSLATE_NOOP("AvailablePeopleModel", "Hours"), QT_TRANSLATE_NOOP("AvailablePeopleModel", "Note"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self.role: str | None = "firefighter"

    def text(self, option: PersonOption, column: int) -> str:
        if column == 0:
            return option.name
        if column == 1:
            return option.station
        if column == 2:
            return f"{option.hours:g}"
        notes = []
        if option.on_duty:
            notes.append(self.tr("on duty, moves"))
            if option.role:
                notes.append(vocab.label(vocab.CREW_ROLE, option.role, language()))
        if option.officer:
            notes.append(self.tr("officer"))
        return ", ".join(notes)

    def filter_text(self, option: PersonOption) -> str:
        return f"{option.name} {option.staff_no} {pinyin_key(option.name)[1]} {option.station}"

    def tooltip(self, option: PersonOption) -> str:
        return self.tr("{name} ({staff_no}), {station}: {hours} h of duty this month").format(
            name=option.name, staff_no=option.staff_no, station=option.station, hours=f"{option.hours:g}")

    def mimeTypes(self) -> list[str]:
        return [mime.PEOPLE]

    def mimeData(self, indexes) -> QMimeData:
        return mime.people_mime(self.ids(indexes), self.role)


class OptionsFilter(QSortFilterProxyModel):
    """Rows whose search text contains what the clerk typed (any case)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFilterRole(FILTER_ROLE)
        self.setFilterKeyColumn(0)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)


def _drag_view(name: str, model, parent: QWidget, widths: tuple[int, ...]) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setDragEnabled(True)
    view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
    view.setDefaultDropAction(Qt.DropAction.CopyAction)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 6)
    view.setShowGrid(False)
    view.setAlternatingRowColors(True)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    # Widths in characters: measuring thousands of rows to fit them would cost more than the list.
    em = view.fontMetrics().horizontalAdvance("中")
    for column, chars in enumerate(widths):
        header.resizeSection(column, int(em * chars) + 10)
    return view


class AvailabilityPanel(QWidget):
    """The lists for one window, the crew role people are dragged as, refusals and the crew suggestion.

    Signals:
        assignRequested(str, list, object): put the selected vehicles or people (kind, ids, role) at the window.
        roleChanged(object): the crew role people are dragged as (None: no role).
        suggestionAccepted(): add the suggested crew.
    """

    assignRequested = Signal(str, list, object)
    roleChanged = Signal(object)
    suggestionAccepted = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("availabilityPanel")
        self.vehicles_model = AvailableVehiclesModel(self)
        self.people_model = AvailablePeopleModel(self)
        self.people_proxy = OptionsFilter(self)
        self.people_proxy.setSourceModel(self.people_model)
        self.title = QLabel(self)
        self.title.setObjectName("availabilityTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.vehicles_label = QLabel(self)
        self.vehicles_view = _drag_view("availableVehicles", self.vehicles_model, self, (6.5, 2.2, 6))
        self.people_label = QLabel(self)
        self.role_label = QLabel(self)
        self.role_box = QComboBox(self)
        self.role_box.setObjectName("dragRole")
        self.filter_box = QLineEdit(self)
        self.filter_box.setObjectName("peopleFilter")
        self.filter_box.setClearButtonEnabled(True)
        self.people_view = _drag_view("availablePeople", self.people_proxy, self, (3.6, 6, 4))
        self.assign_vehicles = QPushButton(self)
        self.assign_vehicles.setObjectName("assignVehicles")
        self.assign_people = QPushButton(self)
        self.assign_people.setObjectName("assignPeople")
        self.refusal = QLabel(self)
        self.refusal.setObjectName("refusalLabel")
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet("QLabel { color: #9c0006; background: #fde9ea; border: 1px solid #f0b8bc;"
                                   " border-radius: 3px; padding: 4px; }")
        self.refusal.hide()
        self.suggestion = QFrame(self)
        self.suggestion.setObjectName("crewSuggestion")
        self.suggestion.setStyleSheet("QFrame#crewSuggestion { background: #eef4fb; border: 1px solid #b7cde6;"
                                      " border-radius: 3px; }")
        self.suggestion_text = QLabel(self.suggestion)
        self.suggestion_text.setObjectName("suggestionText")
        self.suggestion_text.setWordWrap(True)
        self.accept_suggestion = QPushButton(self.suggestion)
        self.accept_suggestion.setObjectName("acceptSuggestion")
        self.dismiss_suggestion = QPushButton(self.suggestion)
        self.dismiss_suggestion.setObjectName("dismissSuggestion")
        row = QHBoxLayout()
        row.addWidget(self.accept_suggestion)
        row.addWidget(self.dismiss_suggestion)
        row.addStretch(1)
        box = QVBoxLayout(self.suggestion)
        box.setContentsMargins(6, 6, 6, 6)
        box.addWidget(self.suggestion_text)
        box.addLayout(row)
        self.suggestion.hide()

        role_row = QHBoxLayout()
        role_row.addWidget(self.role_label)
        role_row.addWidget(self.role_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.refusal)
        layout.addWidget(self.suggestion)
        vehicles_row = QHBoxLayout()
        vehicles_row.addWidget(self.vehicles_label, 1)
        vehicles_row.addWidget(self.assign_vehicles)
        layout.addLayout(vehicles_row)
        layout.addWidget(self.vehicles_view, 2)
        people_row = QHBoxLayout()
        people_row.addWidget(self.people_label, 1)
        people_row.addWidget(self.assign_people)
        layout.addLayout(people_row)
        layout.addLayout(role_row)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.people_view, 3)

        self.role_box.currentIndexChanged.connect(self._on_role)
        self.filter_box.textChanged.connect(self.people_proxy.setFilterFixedString)
        self.assign_vehicles.clicked.connect(
            lambda: self.assignRequested.emit(mime.VEHICLES, self.selected_vehicles(), None))
        self.assign_people.clicked.connect(
            lambda: self.assignRequested.emit(mime.PEOPLE, self.selected_people(), self.people_model.role))
        self.accept_suggestion.clicked.connect(self.suggestionAccepted.emit)
        self.dismiss_suggestion.clicked.connect(self.hide_suggestion)
        self.retranslate()

    def retranslate(self) -> None:
        self.vehicles_label.setText(self.tr("Vehicles free in this window"))
        self.people_label.setText(self.tr("People free and rested"))
        self.role_label.setText(self.tr("Drag people as"))
        self.filter_box.setPlaceholderText(self.tr("Search name, staff no. or pinyin initials"))
        self.assign_vehicles.setText(self.tr("Put at window"))
        self.assign_people.setText(self.tr("Put at window"))
        self.accept_suggestion.setText(self.tr("Add this crew"))
        self.dismiss_suggestion.setText(self.tr("Dismiss"))
        current = self.role_box.currentData() if self.role_box.count() else "firefighter"
        self.role_box.blockSignals(True)
        self.role_box.clear()
        lang = language()
        for code in vocab.CREW_ROLE:
            self.role_box.addItem(vocab.label(vocab.CREW_ROLE, code, lang), code)
        self.role_box.addItem(self.tr("(no role)"), None)
        self.role_box.setCurrentIndex(max(self.role_box.findData(current), 0))
        self.role_box.blockSignals(False)
        self.vehicles_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        self.people_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)

    def _on_role(self, _index: int) -> None:
        self.people_model.role = self.role_box.currentData()
        self.roleChanged.emit(self.people_model.role)

    def role(self) -> str | None:
        return self.people_model.role

    def set_role(self, role: str | None) -> None:
        self.role_box.setCurrentIndex(max(self.role_box.findData(role), 0))

    def set_window(self, title: str, vehicles: list[VehicleOption], people: list[PersonOption]) -> None:
        self.title.setText(title)
        self.vehicles_model.set_options(vehicles)
        self.people_model.set_options(people)
        self.vehicles_view.setEnabled(True)
        self.people_view.setEnabled(True)

    def set_waiting(self, title: str) -> None:
        """No lists yet (no window selected, or the checking engine still loading)."""
        self.title.setText(title)
        self.vehicles_model.set_options([])
        self.people_model.set_options([])

    def selected_vehicles(self) -> list[int]:
        return self.vehicles_model.ids(self.vehicles_view.selectionModel().selectedRows())

    def selected_people(self) -> list[int]:
        rows = [self.people_proxy.mapToSource(i) for i in self.people_view.selectionModel().selectedRows()]
        return self.people_model.ids(rows)

    def show_refusal(self, text: str) -> None:
        self.refusal.setText(text)
        self.refusal.setVisible(bool(text))

    def show_suggestion(self, text: str) -> None:
        self.suggestion_text.setText(text)
        self.suggestion.show()

    def hide_suggestion(self) -> None:
        self.suggestion.hide()
