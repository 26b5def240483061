"""The operation editor (name, dates, readiness level with the thresholds it tightens, stages,
remarks) and the dialog that starts a new operation from an earlier one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDate,
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
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rosterapp import vocab
from rosterapp.i18n import language
from rosterapp.services import dutyday
from rosterapp.services.operations import OperationData, OperationRow
from rosterapp.services.stages import Stage, join_stages, split_stages
from rosterapp.ui.roster.rotation import from_qdate, to_qdate

# Threshold keys as a clerk reads them, with their unit.
THRESHOLD_LABELS = {
    "min_rest_hours": (QT_TRANSLATE_NOOP("OperationEditor", "minimum rest between duties"), "h"),
    "rest_after_24h_hours": (QT_TRANSLATE_NOOP("OperationEditor", "rest after a 24-hour duty"), "h"),
    "max_consecutive_days": (QT_TRANSLATE_NOOP("OperationEditor", "most days on duty in a row"), "d"),
    "max_hours_7d": (QT_TRANSLATE_NOOP("OperationEditor", "most duty hours in any 7 days"), "h"),
    "max_stretch_hours": (QT_TRANSLATE_NOOP("OperationEditor", "longest continuous duty"), "h"),
}

NAME, FIRST, LAST = range(3)
_STAGE_HEADERS = (QT_TRANSLATE_NOOP("StagesModel", "Stage"), QT_TRANSLATE_NOOP("StagesModel", "From"),
                  QT_TRANSLATE_NOOP("StagesModel", "To"))
_NO_PARENT = QModelIndex()
_EDIT_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable


class StagesModel(QAbstractTableModel):
    """The stages of an operation (准备阶段, 会期 ...), edited in place: name, first and last day."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.stages: list[list] = []  # [name, first date, last date]

    def set_stages(self, stages: list[Stage]) -> None:
        self.beginResetModel()
        self.stages = [[s.name, s.first, s.last] for s in stages]
        self.endResetModel()

    def values(self) -> list[Stage]:
        return [Stage(name.strip(), min(a, b), max(a, b)) for name, a, b in self.stages if name.strip()]

    def add(self, first: dt.date, last: dt.date) -> None:
        row = len(self.stages)
        self.beginInsertRows(QModelIndex(), row, row)
        self.stages.append(["", first, last])
        self.endInsertRows()

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.stages):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.stages[row]
            self.endRemoveRows()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.stages)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else 3

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _EDIT_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.stages[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return value if index.column() == NAME else value.isoformat()
        if role == Qt.ItemDataRole.EditRole:
            return value if index.column() == NAME else to_qdate(value)
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        column = index.column()
        if column == NAME:
            self.stages[index.row()][NAME] = str(value)
        else:
            if isinstance(value, QDate):
                day = from_qdate(value)
            else:
                try:
                    day = dt.date.fromisoformat(str(value))
                except ValueError:
                    return False
            self.stages[index.row()][column] = day
        self.dataChanged.emit(index, index)
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 3:
            return QCoreApplication.translate("StagesModel", _STAGE_HEADERS[section])
        return None


def _date_edit(parent: QWidget, name: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setObjectName(name)
    edit.setDateRange(to_qdate(dutyday.FIRST_DAY), to_qdate(dutyday.LAST_DAY))  # the days the services accept
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class OperationEditor(QDialog):
    """Create or edit an operation. ``submit(data)`` saves it and returns the errors (empty: saved).

    ``thresholds`` are the global values and, by readiness level, the values a level sets
    (``rules.data.Thresholds.base`` and ``.by_readiness``).
    """

    def __init__(self, submit: Callable[[OperationData], list[str]], base: dict[str, float],
                 by_readiness: dict[str, dict[str, float]], data: OperationData | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("operationEditor")
        self._submit = submit
        self._base, self._by_readiness = base, by_readiness
        self.name = QLineEdit(self)
        self.name.setObjectName("operationName")
        self.start = _date_edit(self, "operationStart")
        self.end = _date_edit(self, "operationEnd")
        self.readiness = QComboBox(self)
        self.readiness.setObjectName("operationReadiness")
        lang = language()
        for code in vocab.READINESS:
            self.readiness.addItem(vocab.label(vocab.READINESS, code, lang), code)
        self.thresholds = QLabel(self)
        self.thresholds.setObjectName("readinessThresholds")
        self.thresholds.setWordWrap(True)
        self.thresholds.setStyleSheet("color: #505050;")
        self.stages = StagesModel(self)
        self.stages_view = QTableView(self)
        self.stages_view.setObjectName("operationStages")
        self.stages_view.setModel(self.stages)
        self.stages_view.verticalHeader().hide()
        self.stages_view.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.stages_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.stages_view.setMinimumHeight(110)
        self.add_stage = QPushButton(self.tr("Add stage"), self)
        self.add_stage.setObjectName("addStage")
        self.remove_stage = QPushButton(self.tr("Remove stage"), self)
        self.remove_stage.setObjectName("removeStage")
        self.remarks = QPlainTextEdit(self)
        self.remarks.setObjectName("operationRemarks")
        self.remarks.setMaximumHeight(90)
        self.errors = QLabel(self)
        self.errors.setObjectName("errorsLabel")
        self.errors.setWordWrap(True)
        self.errors.setStyleSheet("color: #b00020;")
        self.errors.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)

        dates = QHBoxLayout()
        dates.addWidget(self.start)
        dates.addWidget(QLabel(" – ", self))
        dates.addWidget(self.end)
        dates.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Dates"), dates)
        form.addRow(self.tr("Readiness level"), self.readiness)
        form.addRow("", self.thresholds)
        stage_buttons = QHBoxLayout()
        stage_buttons.addWidget(self.add_stage)
        stage_buttons.addWidget(self.remove_stage)
        stage_buttons.addStretch(1)
        stage_box = QVBoxLayout()
        stage_box.addWidget(self.stages_view)
        stage_box.addLayout(stage_buttons)
        form.addRow(self.tr("Stages"), stage_box)
        form.addRow(self.tr("Remarks"), self.remarks)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(self.buttons)

        self.readiness.currentIndexChanged.connect(self._show_thresholds)
        self.add_stage.clicked.connect(self._add_stage)
        self.remove_stage.clicked.connect(
            lambda: self.stages.remove(self.stages_view.currentIndex().row()))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.setWindowTitle(self.tr("Edit security task") if data else self.tr("New security task"))
        today = dutyday.today()
        self.set_values(data or OperationData(name="", start_date=today, end_date=today + dt.timedelta(days=10)))
        self.resize(560, 520)

    def set_values(self, data: OperationData) -> None:
        self.name.setText(data.name)
        self.start.setDate(to_qdate(data.start_date))
        self.end.setDate(to_qdate(data.end_date))
        self.readiness.setCurrentIndex(max(self.readiness.findData(data.readiness), 0))
        stages, rest = split_stages(data.remarks)
        self.stages.set_stages(stages)
        self.remarks.setPlainText(rest)
        self._show_thresholds()

    def values(self) -> OperationData:
        return OperationData(name=self.name.text(), start_date=from_qdate(self.start.date()),
                             end_date=from_qdate(self.end.date()), readiness=self.readiness.currentData(),
                             remarks=join_stages(self.stages.values(), self.remarks.toPlainText()))

    def threshold_text(self, level: str) -> str:
        tightened = self._by_readiness.get(level, {})
        if not tightened:
            return self.tr("This level keeps the usual rule thresholds.")
        parts = []
        for key, value in tightened.items():
            label, unit = THRESHOLD_LABELS.get(key, (key, ""))
            unit_text = self.tr("h") if unit == "h" else self.tr("days") if unit == "d" else ""
            parts.append(self.tr("{what}: {value:g} {unit} (usually {usual:g})").format(
                what=QCoreApplication.translate("OperationEditor", label), value=value, unit=unit_text,
                usual=self._base.get(key, value)))
        return self.tr("This level tightens: {rules}").format(rules="; ".join(parts))

    def _show_thresholds(self) -> None:
        self.thresholds.setText(self.threshold_text(self.readiness.currentData()))

    def _add_stage(self) -> None:
        self.stages.add(from_qdate(self.start.date()), from_qdate(self.end.date()))
        index = self.stages.index(self.stages.rowCount() - 1, NAME)
        self.stages_view.setCurrentIndex(index)
        self.stages_view.edit(index)

    def accept(self) -> None:
        errors = self._submit(self.values())
        if errors:
            self.errors.setText("\n".join(errors))
            self.errors.show()
            return
        super().accept()


class CopyOperationDialog(QDialog):
    """Start a new operation from an earlier one: its posts and requirements, dates shifted."""

    def __init__(self, operations: list[OperationRow], submit: Callable[[int, str, dt.date], list[str]],
                 current: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("copyOperationDialog")
        self.setWindowTitle(self.tr("New security task from an earlier one"))
        self._submit = submit
        self._operations = {op.id: op for op in operations}
        self.source = QComboBox(self)
        self.source.setObjectName("copySource")
        for op in sorted(operations, key=lambda o: o.start_date, reverse=True):
            self.source.addItem(f"{op.name} ({op.start_date.isoformat()} – {op.end_date.isoformat()})", op.id)
        if current is not None:
            self.source.setCurrentIndex(max(self.source.findData(current), 0))
        self.name = QLineEdit(self)
        self.name.setObjectName("copyName")
        self.start = _date_edit(self, "copyStart")
        self.note = QLabel(self.tr("Posts, their requirements and the task's own rule settings are copied with "
                                   "every date shifted; nobody and no vehicle is assigned yet."), self)
        self.note.setWordWrap(True)
        self.errors = QLabel(self)
        self.errors.setObjectName("errorsLabel")
        self.errors.setStyleSheet("color: #b00020;")
        self.errors.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        form = QFormLayout()
        form.addRow(self.tr("Start from"), self.source)
        form.addRow(self.tr("New name"), self.name)
        form.addRow(self.tr("New first day"), self.start)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.source.currentIndexChanged.connect(self._suggest)
        self._suggest()

    def _suggest(self) -> None:
        op = self._operations.get(self.source.currentData())
        if op is None:
            return
        try:
            start = op.start_date.replace(year=op.start_date.year + 1)
        except ValueError:  # 29 February
            start = op.start_date + dt.timedelta(days=365)
        self.start.setDate(to_qdate(start))
        year = str(op.start_date.year)
        self.name.setText(op.name.replace(year, str(start.year)) if year in op.name
                          else f"{start.year}{op.name}")

    def accept(self) -> None:
        errors = self._submit(self.source.currentData(), self.name.text(), from_qdate(self.start.date()))
        if errors:
            self.errors.setText("\n".join(errors))
            self.errors.show()
            return
        super().accept()
