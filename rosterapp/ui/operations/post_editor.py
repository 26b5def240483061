"""The post editor: every field of a sub-plan row, requirements included."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from rosterapp import vocab
from rosterapp.i18n import language
from rosterapp.services.operations import PostData
from rosterapp.services.registers import RegisterChoices

TYPE, COUNT = range(2)
_REQ_HEADERS = (QT_TRANSLATE_NOOP("RequirementsModel", "Vehicle type"), QT_TRANSLATE_NOOP("RequirementsModel", "Count"))
_NO_PARENT = QModelIndex()
_EDIT_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
TYPE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""Requirements, type column: the vehicle type id."""
ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""Qualifications: the qualification id."""


class RequirementsModel(QAbstractTableModel):
    """Vehicles a post requires, by type and count; edited in place."""

    def __init__(self, types: dict[int, str], parent=None):
        super().__init__(parent)
        self.types = types  # id -> "SG 水罐消防车"
        self.rows: list[list[int]] = []  # [type id, count]

    def set_rows(self, requirements: tuple[tuple[int, int], ...]) -> None:
        self.beginResetModel()
        self.rows = [[t, n] for t, n in requirements]
        self.endResetModel()

    def values(self) -> tuple[tuple[int, int], ...]:
        return tuple((t, n) for t, n in self.rows)

    def add(self, type_id: int) -> None:
        row = len(self.rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.append([type_id, 1])
        self.endInsertRows()

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else 2

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _EDIT_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        type_id, count = self.rows[index.row()]
        if index.column() == TYPE:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.types.get(type_id, str(type_id))
            if role in (Qt.ItemDataRole.EditRole, TYPE_ID_ROLE):
                return type_id
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return count
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        try:
            number = int(value)
        except (TypeError, ValueError):
            return False
        if index.column() == TYPE and number not in self.types:
            return False
        self.rows[index.row()][index.column()] = number
        self.dataChanged.emit(index, index)
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 2:
            return QCoreApplication.translate("RequirementsModel", _REQ_HEADERS[section])
        return None


class TypeDelegate(QStyledItemDelegate):
    """Vehicle types picked from a list; counts from a spin box."""

    def __init__(self, types: dict[int, str], parent=None):
        super().__init__(parent)
        self.types = types

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        if index.column() == TYPE:
            box = QComboBox(parent)
            for type_id, name in self.types.items():
                box.addItem(name, type_id)
            return box
        spin = QSpinBox(parent)
        spin.setRange(1, 20)
        return spin

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        else:
            editor.setValue(int(value))

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        value = editor.currentData() if isinstance(editor, QComboBox) else editor.value()
        model.setData(index, value, Qt.ItemDataRole.EditRole)


class QualificationsModel(QAbstractListModel):
    """Qualifications with a check box each: those a post requires."""

    def __init__(self, choices: list[tuple[int, str]], parent=None):
        super().__init__(parent)
        self.choices = choices
        self.checked: set[int] = set()

    def set_checked(self, ids) -> None:
        self.checked = set(ids)
        if self.choices:
            self.dataChanged.emit(self.index(0), self.index(len(self.choices) - 1))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.choices)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        qid, name = self.choices[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return name
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if qid in self.checked else Qt.CheckState.Unchecked
        if role == ID_ROLE:
            return qid
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        qid = self.choices[index.row()][0]
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        (self.checked.add if checked else self.checked.discard)(qid)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


def _combo(parent: QWidget, name: str, items) -> QComboBox:
    box = QComboBox(parent)
    box.setObjectName(name)
    for value, text in items:
        box.addItem(text, value)
    return box


def to_qdatetime(value: dt.datetime) -> QDateTime:
    return QDateTime(value.year, value.month, value.day, value.hour, value.minute, 0)


def from_qdatetime(value: QDateTime) -> dt.datetime:
    d, t = value.date(), value.time()
    return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


class PostEditor(QDialog):
    """Create or edit a post. ``submit(data)`` saves it and returns the errors (empty: saved)."""

    def __init__(self, submit: Callable[[PostData], list[str]], choices: RegisterChoices, data: PostData,
                 new: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("postEditor")
        self.setWindowTitle(self.tr("New post") if new else self.tr("Edit post"))
        self._submit = submit
        self._operation_id = data.operation_id
        self._choices = choices
        lang = language()
        self.code = QLineEdit(self)
        self.code.setObjectName("postCode")
        self.name = QLineEdit(self)
        self.name.setObjectName("postName")
        self.post_type = _combo(self, "postType", ((c, vocab.label(vocab.POST_TYPE, c, lang)) for c in vocab.POST_TYPE))
        self.duty_mode = _combo(self, "dutyMode", ((c, vocab.label(vocab.DUTY_MODE, c, lang)) for c in vocab.DUTY_MODE))
        self.detachment = _combo(self, "postDetachment", ((d.id, d.name) for d in choices.detachments))
        self.station = QComboBox(self)
        self.station.setObjectName("postStation")
        self.address = QLineEdit(self)
        self.address.setObjectName("postAddress")
        self.radio = QLineEdit(self)
        self.radio.setObjectName("radioChannel")
        self.arrival = QSpinBox(self)
        self.arrival.setObjectName("arrivalMinutes")
        self.arrival.setRange(0, 120)
        self.arrival.setSpecialValueText("—")
        self.arrival.setSuffix(self.tr(" min"))
        self.active_from = QDateTimeEdit(self)
        self.active_from.setObjectName("activeFrom")
        self.active_to = QDateTimeEdit(self)
        self.active_to.setObjectName("activeTo")
        for edit in (self.active_from, self.active_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.rotation = _combo(self, "rotation", ((c, vocab.label(vocab.ROTATION, c, lang)) for c in vocab.ROTATION))
        self.handover = QTimeEdit(self)
        self.handover.setObjectName("handoverTime")
        self.handover.setDisplayFormat("HH:mm")
        self.min_people = QSpinBox(self)
        self.min_people.setObjectName("minPeople")
        self.min_people.setRange(0, 200)
        self.needs_commander = QCheckBox(self.tr("A commander is required"), self)
        self.needs_commander.setObjectName("needsCommander")
        types = {t.id: f"{t.code} {t.name}" for t in choices.vehicle_types}
        self.requirements = RequirementsModel(types, self)
        self.requirements_view = QTableView(self)
        self.requirements_view.setObjectName("vehicleRequirements")
        self.requirements_view.setModel(self.requirements)
        self.requirements_view.setItemDelegate(TypeDelegate(types, self.requirements_view))
        self.requirements_view.verticalHeader().hide()
        self.requirements_view.horizontalHeader().setSectionResizeMode(TYPE, QHeaderView.ResizeMode.Stretch)
        self.requirements_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.requirements_view.setMaximumHeight(110)
        self.add_type = _combo(self, "addVehicleType", types.items())
        self.add_requirement = QPushButton(self.tr("Add"), self)
        self.add_requirement.setObjectName("addRequirement")
        self.remove_requirement = QPushButton(self.tr("Remove"), self)
        self.remove_requirement.setObjectName("removeRequirement")
        self.qualifications = QualificationsModel([(q.id, q.name) for q in choices.qualifications], self)
        self.qualifications_view = QListView(self)
        self.qualifications_view.setObjectName("requiredQualifications")
        self.qualifications_view.setModel(self.qualifications)
        self.qualifications_view.setFlow(QListView.Flow.LeftToRight)
        self.qualifications_view.setWrapping(True)
        self.qualifications_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.qualifications_view.setMaximumHeight(70)
        self.remarks = QPlainTextEdit(self)
        self.remarks.setObjectName("postRemarks")
        self.remarks.setMaximumHeight(60)
        self.errors = QLabel(self)
        self.errors.setObjectName("errorsLabel")
        self.errors.setWordWrap(True)
        self.errors.setStyleSheet("color: #b00020;")
        self.errors.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)

        left = QFormLayout()
        left.addRow(self.tr("Code"), self.code)
        left.addRow(self.tr("Name"), self.name)
        left.addRow(self.tr("Type"), self.post_type)
        left.addRow(self.tr("Duty mode"), self.duty_mode)
        left.addRow(self.tr("Responsible detachment"), self.detachment)
        left.addRow(self.tr("Dispatching station"), self.station)
        left.addRow(self.tr("Address"), self.address)
        left.addRow(self.tr("Radio channel"), self.radio)
        left.addRow(self.tr("Arrival target"), self.arrival)
        right = QFormLayout()
        right.addRow(self.tr("Active from"), self.active_from)
        right.addRow(self.tr("Active until"), self.active_to)
        right.addRow(self.tr("Rotation"), self.rotation)
        right.addRow(self.tr("Handover at"), self.handover)
        right.addRow(self.tr("Minimum people"), self.min_people)
        right.addRow("", self.needs_commander)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_type, 1)
        add_row.addWidget(self.add_requirement)
        add_row.addWidget(self.remove_requirement)
        req_box = QVBoxLayout()
        req_box.addWidget(self.requirements_view)
        req_box.addLayout(add_row)
        right.addRow(self.tr("Vehicles"), req_box)
        right.addRow(self.tr("Qualifications"), self.qualifications_view)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(12)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        remarks = QFormLayout()
        remarks.addRow(self.tr("Remarks"), self.remarks)
        layout.addLayout(remarks)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)

        self.detachment.currentIndexChanged.connect(self._fill_stations)
        self.add_requirement.clicked.connect(lambda: self.requirements.add(self.add_type.currentData()))
        self.remove_requirement.clicked.connect(
            lambda: self.requirements.remove(self.requirements_view.currentIndex().row()))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.set_values(data)
        self.resize(860, 560)

    def _fill_stations(self, _index: int = 0, keep: int | None = None) -> None:
        det = self.detachment.currentData()
        keep = keep if keep is not None else self.station.currentData()
        self.station.clear()
        self.station.addItem("—", None)
        for st in self._choices.stations:
            if st.detachment_id == det:
                self.station.addItem(st.name, st.id)
        self.station.setCurrentIndex(max(self.station.findData(keep), 0))

    def set_values(self, data: PostData) -> None:
        def pick(box: QComboBox, value) -> None:
            box.setCurrentIndex(max(box.findData(value), 0))

        self.code.setText(data.code)
        self.name.setText(data.name)
        pick(self.post_type, data.post_type)
        pick(self.duty_mode, data.duty_mode)
        pick(self.detachment, data.detachment_id)
        self._fill_stations(keep=data.station_id)
        self.address.setText(data.address)
        self.radio.setText(data.radio_channel)
        self.arrival.setValue(data.arrival_minutes or 0)
        self.active_from.setDateTime(to_qdatetime(data.active_from))
        self.active_to.setDateTime(to_qdatetime(data.active_to))
        pick(self.rotation, data.rotation)
        self.handover.setTime(QTime(data.handover_time.hour, data.handover_time.minute))
        self.min_people.setValue(data.min_people)
        self.needs_commander.setChecked(data.needs_commander)
        self.requirements.set_rows(data.vehicle_requirements)
        self.qualifications.set_checked(data.required_qualification_ids)
        self.remarks.setPlainText(data.remarks)

    def values(self) -> PostData:
        handover = self.handover.time()
        return PostData(
            operation_id=self._operation_id, code=self.code.text(), name=self.name.text(),
            post_type=self.post_type.currentData(), duty_mode=self.duty_mode.currentData(),
            detachment_id=self.detachment.currentData(), station_id=self.station.currentData(),
            address=self.address.text(), radio_channel=self.radio.text(),
            arrival_minutes=self.arrival.value() or None,
            active_from=from_qdatetime(self.active_from.dateTime()), active_to=from_qdatetime(self.active_to.dateTime()),
            rotation=self.rotation.currentData(), handover_time=dt.time(handover.hour(), handover.minute()),
            min_people=self.min_people.value(), needs_commander=self.needs_commander.isChecked(),
            remarks=self.remarks.toPlainText(), vehicle_requirements=self.requirements.values(),
            required_qualification_ids=tuple(sorted(self.qualifications.checked)),
        )

    def accept(self) -> None:
        errors = self._submit(self.values())
        if errors:
            self.errors.setText("\n".join(errors))
            self.errors.show()
            return
        super().accept()
