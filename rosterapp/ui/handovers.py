"""The handover record (交接班记录) in the window: the form of one station day, its undo step, and the
searchable list of records.

The form is opened from the month grid (Edit ▸ Handover record…, Ctrl+Shift+H, on the current cell's
station and day) or from the list (Edit ▸ Handover records…). OK saves through the hub as one undo step.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
    QTimer,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from rosterapp import vocab
from rosterapp.errors import UserError, ValidationError
from rosterapp.i18n import language
from rosterapp.services import dutyday, handovers
from rosterapp.services.changes import ASSIGNMENTS, HANDOVERS, Change
from rosterapp.services.handovers import ITEMS, HandoverData, HandoverRecord, HandoverRow
from rosterapp.ui.commands import EditCommand
from rosterapp.ui.registers.forms import date_edit, from_qdate, reason_label, set_combo_items, show_reason


class HandoverCommand(EditCommand):
    """The handover record of one station day written (or emptied): undo puts back what was there."""

    def __init__(self, text: str, station_id: int, day: dt.date, data: HandoverData, expected_version: int | None):
        super().__init__(text)
        self.station_id, self.day, self.data, self.expected = station_id, day, data, expected_version
        self.before: HandoverData | None = None
        self.after: HandoverData | None = None

    def make(self, session: Session) -> Change:
        self.before = handovers.stored_handover(session, self.station_id, self.day)
        change = handovers.save_handover(session, self.station_id, self.day, self.data,
                                         expected_version=self.expected)
        self.after = handovers.stored_handover(session, self.station_id, self.day)
        return change if self.after != self.before else Change()

    def revert(self, session: Session) -> Change:
        return handovers.restore_handover(session, self.station_id, self.day, self.before, expected=self.after)

    def replay(self, session: Session) -> Change:
        return handovers.restore_handover(session, self.station_id, self.day, self.after, expected=self.before)


class HandoverDialog(QDialog):
    """The form of one station day's record: the five items, the leaders (read from the duty book)
    and the time of handover. OK saves through the hub; a refusal is shown and the form stays open."""

    def __init__(self, hub, station_id: int, day: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("handoverDialog")
        self.setModal(True)
        self.hub, self.station_id, self.day = hub, station_id, day
        with hub.db.read() as session:
            self.record: HandoverRecord = handovers.get_handover(session, station_id, day)
            self.station = handovers.station_name(session, station_id)
        lang = language()
        data = self.record.data
        self.items: dict[str, QPlainTextEdit] = {}
        form = QFormLayout()
        self.leaders = QLabel(self)
        self.leaders.setObjectName("handoverLeaders")
        self.leaders.setWordWrap(True)
        form.addRow(self.leaders)
        for name in ITEMS:
            edit = QPlainTextEdit(self)
            edit.setObjectName(f"{name}Edit")
            edit.setTabChangesFocus(True)
            edit.setPlainText(getattr(data, name))
            edit.setMinimumHeight(edit.fontMetrics().height() * 3)
            self.items[name] = edit
            label = QLabel(vocab.label(vocab.HANDOVER_ITEM, name, lang) + ":", self)
            label.setBuddy(edit)
            form.addRow(label, edit)
        self.time_check = QCheckBox(self)
        self.time_check.setObjectName("handoverTimeCheck")
        self.time = QTimeEdit(self)
        self.time.setObjectName("handoverTimeEdit")
        self.time.setDisplayFormat("HH:mm")
        at = data.handed_over_at
        self.time_check.setChecked(at is not None)
        self.time.setTime(QTime(at.hour, at.minute) if at else QTime(8, 0))
        self.time.setEnabled(at is not None)
        self.time_check.toggled.connect(self.time.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.time_check)
        row.addWidget(self.time)
        row.addStretch(1)
        form.addRow(row)
        self.reason = reason_label(self, "handoverReason")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("okButton")
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.retranslate()
        metrics = self.fontMetrics()
        self.resize(max(metrics.horizontalAdvance("M") * 50, 560), max(metrics.height() * 32, 560))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Handover record: {station}, {day}").format(
            station=self.station, day=self.day.isoformat()))
        none = self.tr("nobody assigned")
        self.leaders.setText(self.tr("Outgoing duty leader: {outgoing}    Incoming duty leader: {incoming}").format(
            outgoing=self.record.outgoing or none, incoming=self.record.incoming or none))
        self.time_check.setText(self.tr("Handed over &at:"))

    def data(self) -> HandoverData:
        at = None
        if self.time_check.isChecked():
            t = self.time.time()
            at = dt.time(t.hour(), t.minute())
        return HandoverData(**{name: edit.toPlainText() for name, edit in self.items.items()}, handed_over_at=at)

    def try_accept(self) -> bool:
        command = HandoverCommand(self.tr("Handover record of {station}, {day}").format(
            station=self.station, day=self.day.isoformat()), self.station_id, self.day, self.data(),
            self.record.version)
        try:
            self.hub.push(command, report=False)
        except ValidationError as exc:  # the reasons, without the fields' internal names
            show_reason(self.reason, "；".join(e.reason for e in exc.errors))
            return False
        except UserError as exc:
            show_reason(self.reason, exc.message)
            return False
        self.accept()
        return True


# -- the list ------------------------------------------------------------------------------------------

class HandoverListModel(QAbstractTableModel):
    """Handover records as rows: day, station, leaders, time, the items in one line."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.records: list[HandoverRow] = []
        self._texts: list[tuple[str, ...]] = []

    def set_records(self, records: list[HandoverRow]) -> None:
        self.beginResetModel()
        self.records = records
        lang = language()
        self._texts = []
        for r in records:
            items = "\n".join(f"{vocab.label(vocab.HANDOVER_ITEM, name, lang)}：{text}"
                              for name, text in r.data.items() if text)
            at = r.data.handed_over_at.strftime("%H:%M") if r.data.handed_over_at else ""
            self._texts.append((r.day.isoformat(), r.station, r.outgoing, r.incoming, at, items))
        self.endResetModel()

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Day"), self.tr("Station"), self.tr("Outgoing leader"), self.tr("Incoming leader"),
                self.tr("Time"), self.tr("Record"))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._texts)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._texts[index.row()][index.column()]
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if index.column() == 5 else None
            return text.replace("\n", "  ") if index.column() == 5 else text  # one line in the table
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 6:
            return self.headers()[section]
        return None


class HandoverListDialog(QDialog):
    """Search handover records by station, duty days and text; Enter or a double click opens one."""

    def __init__(self, hub, parent: QWidget | None = None, *, station_id: int | None = None,
                 first: dt.date | None = None, last: dt.date | None = None):
        super().__init__(parent)
        self.setObjectName("handoverListDialog")
        self.hub = hub
        today = dutyday.today()
        self.station = QComboBox(self)
        self.station.setObjectName("handoverStationCombo")
        self.first = date_edit(self, "handoverFromEdit", first or today - dt.timedelta(days=30))
        self.last = date_edit(self, "handoverToEdit", last or today)
        self.text = QLineEdit(self)
        self.text.setObjectName("handoverSearch")
        self.text.setClearButtonEnabled(True)
        self.count = QLabel(self)
        self.count.setObjectName("handoverCount")
        self.model = HandoverListModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("handoverTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.doubleClicked.connect(lambda index: self.open_record(index.row()))
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("openHandoverButton")
        self.open_button.clicked.connect(lambda: self.open_record(self.table.currentIndex().row()))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self._labels = [QLabel(self) for _ in range(4)]
        bar = QHBoxLayout()
        for label, field in zip(self._labels, (self.station, self.first, self.last, self.text), strict=True):
            label.setBuddy(field)
            bar.addWidget(label)
            bar.addWidget(field, 2 if field is self.text else 0)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)
        # Typing searches a moment after the last key, not on every one.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.search)
        self.text.textChanged.connect(lambda _t: self._timer.start())
        self.station.currentIndexChanged.connect(lambda _i: self.search())
        self.first.dateChanged.connect(lambda _d: self.search())
        self.last.dateChanged.connect(lambda _d: self.search())
        hub.changed.connect(self._on_changed)
        self.retranslate()
        with hub.db.read() as session:
            stations = handovers.handover_stations(session)
        self.station.blockSignals(True)
        set_combo_items(self.station, [(self.tr("All stations"), None), *((name, sid) for sid, name in stations)])
        if station_id is not None:
            self.station.setCurrentIndex(max(0, self.station.findData(station_id)))
        self.station.blockSignals(False)
        self.search()
        metrics = self.fontMetrics()
        self.resize(max(metrics.horizontalAdvance("M") * 80, 900), max(metrics.height() * 30, 520))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Handover records"))
        for label, text in zip(self._labels, (self.tr("&Station:"), self.tr("&From:"), self.tr("&To:"),
                                              self.tr("&Text:")), strict=True):
            label.setText(text)
        self.text.setPlaceholderText(self.tr("words in the record, e.g. 扩张器"))
        self.open_button.setText(self.tr("&Open…"))

    def search(self) -> None:
        first, last = from_qdate(self.first.date()), from_qdate(self.last.date())
        with self.hub.db.read() as session:
            found = handovers.search_handovers(session, station_id=self.station.currentData(), first=first,
                                               last=last, text=self.text.text())
        self.model.set_records(found)
        self.table.resizeColumnsToContents()
        self.count.setText(self.tr("{count} record(s)").format(count=len(found)))
        self.open_button.setEnabled(bool(found))
        if found:
            self.table.selectRow(0)

    def _on_changed(self, change: Change) -> None:
        if change.touches(HANDOVERS) or change.touches(ASSIGNMENTS):  # the leaders shown are the duty roles
            self.search()

    def open_record(self, row: int) -> None:
        if not 0 <= row < len(self.model.records):
            return
        record = self.model.records[row]
        HandoverDialog(self.hub, record.station_id, record.day, self).exec()


# -- the window's hook ----------------------------------------------------------------------------------

def station_day_of(page) -> tuple[int, dt.date] | None:
    """The station and duty day of the roster grid's current cell (None when no cell names one)."""
    index = page.view.currentIndex()
    model = page.model
    if not index.isValid():
        return None
    find = getattr(model, "station_day", None)  # a grid with rows of its own (leader rows) may say
    if callable(find):
        return find(index)
    grid = model.grid
    if not 0 <= index.row() < len(grid.rows) or not 0 <= index.column() < len(grid.days):
        return None
    return grid.rows[index.row()].station_id, grid.days[index.column()]


class HandoverActions:
    """Edit ▸ Handover record… (the current cell's station day) and Edit ▸ Handover records… (the list)."""

    def __init__(self, window, hub, roster_page, menu):
        self.window, self.hub, self.page = window, hub, roster_page
        self.record_action = QAction(window)
        self.record_action.setObjectName("actionHandoverRecord")
        self.record_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.record_action.triggered.connect(self.open_record)
        self.list_action = QAction(window)
        self.list_action.setObjectName("actionHandoverRecords")
        self.list_action.triggered.connect(self.open_list)
        window.addAction(self.record_action)
        menu.addSeparator()
        menu.addAction(self.record_action)
        menu.addAction(self.list_action)
        self.retranslate()

    def retranslate(self) -> None:
        translate = QCoreApplication.translate
        self.record_action.setText(translate("HandoverActions", "&Handover record…"))
        self.record_action.setStatusTip(translate(
            "HandoverActions", "The handover record (交接班记录) of the current cell's station and day"))
        self.list_action.setText(translate("HandoverActions", "Handover records…"))
        self.list_action.setStatusTip(translate("HandoverActions",
                                                "Search the handover records by station, days and text"))

    def open_record(self) -> QDialog | None:
        found = station_day_of(self.page)
        if found is not None:
            with self.hub.db.read() as session:  # a staff office keeps no handover record: offer the list
                if found[0] not in {sid for sid, _name in handovers.handover_stations(session)}:
                    found = None
        if found is None:
            self.open_list()
            return None
        dialog = HandoverDialog(self.hub, *found, self.window)
        dialog.open()
        return dialog

    def open_list(self) -> QDialog:
        found = station_day_of(self.page)
        station, day = found if found is not None else (None, None)
        dialog = HandoverListDialog(self.hub, self.window, station_id=station,
                                    first=(day - dt.timedelta(days=30)) if day else None, last=day)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

