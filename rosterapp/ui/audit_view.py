"""View ▸ Edit history (Ctrl+Shift+E): the audit log in the window, filtered, and reverts as undoable edits.

Who changed what when, one row per record written, narrowed by person, vehicle, post, station, user and
days (the last 7 by default). The selected row's fields are shown in full, before → after. "Revert entry"
puts that record's fields back; "Revert whole edit" puts back everything the clerk's gesture wrote. Each
is a RevertCommand through the hub like any edit: undoable (Ctrl+Z brings the edit back), refused with
the fields a later edit changed again, and by whom.

The log is read off the GUI thread (2,000 entries with their records' names take most of a second at city
scale) and read again a moment after each Change while the window is open.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    QThread,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import func, select

from rosterapp import clock
from rosterapp.db import Database
from rosterapp.errors import UserError
from rosterapp.models import AuditEntry, Operation, Person, Post, Station, Vehicle
from rosterapp.services import audit
from rosterapp.services.changes import OPERATIONS, PEOPLE, STATIONS, VEHICLES
from rosterapp.services.roster import pinyin_key
from rosterapp.ui.commands import RevertCommand
from rosterapp.ui.jobs import Job, SessionJob
from rosterapp.ui.roster.swaps import is_person_row

log = logging.getLogger("rosterapp.ui.audit_view")

DEFAULT_DAYS = 7
REFRESH_MS = 600
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
TIME, USER, EDIT, ACTION, RECORD, FIELDS = range(6)
_NO_PARENT = QModelIndex()
SHOWN_RECORDS = 8
# A revert of more entries than this is made off the GUI thread (the services check each record: ~5 ms each).
BACKGROUND_ENTRIES = 500
# More than this (a demo or a whole roster written at once) would hold the database for many minutes: a
# backup made before the edit is the way back (File ▸ Restore from Backup).
MAX_REVERT_ENTRIES = 20000  # records named in the confirmation of a whole edit's revert


@dataclass(frozen=True)
class AuditRow:
    """One entry with its record and fields in words (read off the GUI thread)."""

    entry: audit.Entry
    record: str
    action: str
    fields: list[str]


class _AuditRead(SessionJob):
    """Reads the log with its labels in its own thread (``succeeded`` carries the rows); ``generation`` says
    which filter it read for."""

    what = "reading the audit log"

    def __init__(self, db: Database, generation: int, where: audit.Filter, parent=None):
        super().__init__(db, parent)
        self.generation, self._where = generation, where

    def work(self, session) -> list[AuditRow]:
        return [AuditRow(e, audit.record_label(session, e), audit.action_label(e.action),
                         audit.field_lines(session, e)) for e in audit.entries(session, self._where)]


class AuditModel(QAbstractTableModel):
    """The entries, newest first: time, user, edit, action, record, fields."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[AuditRow] = []

    def set_rows(self, rows: list[AuditRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=_NO_PARENT) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else 6

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            e = row.entry
            return (f"{e.at:%Y-%m-%d %H:%M:%S}", e.login, e.label or "—", row.action, row.record,
                    "；".join(row.fields))[column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (EDIT, RECORD, FIELDS):
            return "\n".join(row.fields) if column == FIELDS else self.data(index)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Time"), self.tr("User"), self.tr("Edit"), self.tr("Action"), self.tr("Record"),
                    self.tr("Fields"))[section]
        return super().headerData(section, orientation, role)


class RecordPicker(QLineEdit):
    """A register's records to pick from, found as one types any part of a name, 工号, plate, code or the
    pinyin initials (zw: 张伟): the list under the field narrows as one types; empty means any.

    ``picked`` is emitted when a record is chosen from the list, the text is cleared, or typing ends.
    """

    picked = Signal()

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("0" * 18))
        self.items = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.items)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer = QCompleter(self.proxy, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setMaxVisibleItems(12)
        completer.popup().setMinimumWidth(260)
        self.setCompleter(completer)
        self.chosen: int | None = None
        self.textEdited.connect(self._filter)
        self.textChanged.connect(self._on_text)
        self.editingFinished.connect(self.picked)
        completer.activated[QModelIndex].connect(self._on_completed)

    def set_records(self, records: list[tuple[int, str, str]]) -> None:
        """(id, label, what else finds it) of every record, the current choice kept when still there."""
        kept = self.value()
        self.items.clear()
        for record_id, label, search in records:
            item = QStandardItem(label)
            item.setData(record_id, ID_ROLE)
            item.setData(f"{label} {search}".lower(), SEARCH_ROLE)
            self.items.appendRow(item)
        self.chosen = kept if kept is not None and self._row_of(kept) is not None else None

    def _row_of(self, record_id: int) -> int | None:
        for row in range(self.items.rowCount()):
            if self.items.item(row).data(ID_ROLE) == record_id:
                return row
        return None

    def _filter(self, text: str) -> None:
        self.chosen = None
        self.proxy.setFilterFixedString(text.strip().lower())
        if text.strip():
            self.completer().complete()

    def _on_text(self, text: str) -> None:
        if not text:  # cleared (the clear button, or by hand): any again, at once
            self.chosen = None
            self.proxy.setFilterFixedString("")
            self.picked.emit()

    def _on_completed(self, index: QModelIndex) -> None:
        self.chosen = index.data(ID_ROLE)
        self.picked.emit()

    def choose(self, record_id: int | None) -> None:
        """Pick the record ``record_id`` (None: any)."""
        row = self._row_of(record_id) if record_id is not None else None
        self.blockSignals(True)
        self.setText(self.items.item(row).text() if row is not None else "")
        self.blockSignals(False)
        self.chosen = record_id if row is not None else None

    def matches(self) -> list[int]:
        """The records the typed text finds (all of them when the text is empty)."""
        text = self.text().strip().lower()
        found = []
        for row in range(self.items.rowCount()):
            item = self.items.item(row)
            if item.text().lower() == text:
                return [item.data(ID_ROLE)]
            if text in item.data(SEARCH_ROLE):
                found.append(item.data(ID_ROLE))
        return found

    def value(self) -> int | None:
        """The record meant: the one picked, or the only one the text finds; None for any (or none found)."""
        if not self.text().strip():
            return None
        if self.chosen is not None:
            return self.chosen
        found = self.matches()
        return found[0] if len(found) == 1 else None

    def unclear(self) -> bool:
        """Text typed that names no single record."""
        return bool(self.text().strip()) and self.value() is None


def picker_records(session) -> dict[str, list[tuple[int, str, str]]]:
    """The pickers' records: people (name, 工号, pinyin), vehicles (plate, call sign), posts (code, name,
    task), stations (name, short name)."""
    people = []
    for pid, name, staff_no in session.execute(select(Person.id, Person.name, Person.staff_no).order_by(Person.staff_no)):
        full, initials = pinyin_key(name)
        people.append((pid, f"{name}（{staff_no}）", f"{staff_no} {initials} {full.replace(' ', '')}"))
    vehicles = [(vid, plate, call_sign or "") for vid, plate, call_sign
                in session.execute(select(Vehicle.id, Vehicle.plate, Vehicle.call_sign).order_by(Vehicle.plate))]
    posts = [(pid, f"{code} {name}", task) for pid, code, name, task in session.execute(
        select(Post.id, Post.code, Post.name, Operation.name).join(Operation, Operation.id == Post.operation_id)
        .order_by(Operation.start_date.desc(), Post.code))]
    stations = [(sid, name, short) for sid, name, short in session.execute(
        select(Station.id, Station.name, Station.short_name).order_by(Station.sort_order, Station.id))]
    return {"person": people, "vehicle": vehicles, "post": posts, "station": stations}


class AuditWindow(QDialog):
    """The audit log: filters above, the entries, the selected entry's fields, and the revert buttons."""

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.setObjectName("auditWindow")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.main_window = window
        self.hub = window.hub
        self.db: Database = self.hub.db
        self.generation = 0
        self._loaders: set[QThread] = set()  # reads, and a large revert, under way
        self.loading = False
        self.shown_filter: audit.Filter | None = None  # what the rows were (or are being) read with
        self.last_refusal = ""
        self.refusal_box: QMessageBox | None = None
        self.shut = False
        self.records: dict[str, list] | None = None  # the pickers' records, until the registers change
        self.reverting: Job | None = None  # a large revert under way in a worker thread

        self.person = RecordPicker("auditPerson", self)
        self.vehicle = RecordPicker("auditVehicle", self)
        self.post = RecordPicker("auditPost", self)
        self.station = RecordPicker("auditStation", self)
        self.user = QComboBox(self)
        self.user.setObjectName("auditUser")
        self.user.setMinimumContentsLength(10)
        today = clock.today()
        self.first = QDateEdit(self._qdate(today - dt.timedelta(days=DEFAULT_DAYS - 1)), self)
        self.last = QDateEdit(self._qdate(today), self)
        for edit, name in ((self.first, "auditFirst"), (self.last, "auditLast")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self._on_filters)
        for picker in (self.person, self.vehicle, self.post, self.station):
            picker.picked.connect(self._on_filters)
        self.user.activated.connect(self._on_filters)
        self.clear_button = QPushButton(self)
        self.clear_button.setObjectName("auditClearFilters")
        self.clear_button.clicked.connect(self.clear_filters)

        self.labels = {name: QLabel(self) for name in ("person", "vehicle", "post", "station", "user", "days", "to")}
        top = QHBoxLayout()
        for name, widget in (("person", self.person), ("vehicle", self.vehicle), ("post", self.post),
                             ("station", self.station)):
            top.addWidget(self.labels[name])
            top.addWidget(widget, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.labels["user"])
        bottom.addWidget(self.user)
        bottom.addSpacing(12)
        bottom.addWidget(self.labels["days"])
        bottom.addWidget(self.first)
        bottom.addWidget(self.labels["to"])
        bottom.addWidget(self.last)
        bottom.addSpacing(12)
        bottom.addWidget(self.clear_button)
        bottom.addStretch(1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("auditCount")
        bottom.addWidget(self.count_label)

        self.model = AuditModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, chars in ((TIME, 19), (USER, 10), (EDIT, 22), (ACTION, 5), (RECORD, 30)):
            header.resizeSection(column, self.fontMetrics().horizontalAdvance("0" * chars) + 16)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().selectionChanged.connect(self._show_current)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("auditEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #606060; font-size: 14px")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)

        self.detail = QPlainTextEdit(self)
        self.detail.setObjectName("auditDetail")
        self.detail.setReadOnly(True)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.stack)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        self.message = QLabel(self)
        self.message.setObjectName("auditMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.revert_entry_button = QPushButton(self)
        self.revert_entry_button.setObjectName("revertEntry")
        self.revert_entry_button.clicked.connect(self.revert_entry)
        self.revert_group_button = QPushButton(self)
        self.revert_group_button.setObjectName("revertGroup")
        self.revert_group_button.clicked.connect(self.revert_group)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("auditClose")
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.revert_entry_button)
        buttons.addWidget(self.revert_group_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bottom)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        # Ctrl+Z and Ctrl+Y work here too: a revert made here is undone here.
        self.addAction(window.undo_action)
        self.addAction(window.redo_action)

        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(REFRESH_MS)
        self.refresh_timer.timeout.connect(self.reload)
        self.hub.changed.connect(self._on_changed)
        self.hub.refused.connect(self._on_refused)
        self.resize(1180, 680)
        self.retranslate()
        self._update_buttons()

    @staticmethod
    def _qdate(day: dt.date) -> QDate:
        return QDate(day.year, day.month, day.day)

    # -- reading ------------------------------------------------------------------------------------
    def open_for(self, person_id: int | None = None) -> None:
        """Show the window with fresh pickers (narrowed to ``person_id`` when given) and read the log."""
        with self.db.read() as session:
            fresh = self.records is None
            if fresh:  # read again only after the registers changed (3,000 people's pinyin: a quarter second)
                self.records = picker_records(session)
            logins = audit.logins(session)
        if fresh:
            for name, picker in (("person", self.person), ("vehicle", self.vehicle), ("post", self.post),
                                 ("station", self.station)):
                picker.set_records(self.records[name])
        current = self.user.currentData()
        self.user.clear()
        self.user.addItem(self.tr("Everyone"), None)
        for login in logins:
            self.user.addItem(login, login)
        self.user.setCurrentIndex(max(self.user.findData(current), 0) if current else 0)
        if person_id is not None:  # one person's history: the other records' filters let go
            for picker in (self.vehicle, self.post, self.station):
                picker.choose(None)
            self.person.choose(person_id)
        self.reload()

    def where(self) -> audit.Filter:
        first = self.first.date().toPython()
        last = self.last.date().toPython()
        if last < first:
            first, last = last, first
        return audit.Filter(person_id=self.person.value(), vehicle_id=self.vehicle.value(), post_id=self.post.value(),
                            station_id=self.station.value(), login=self.user.currentData(), first=first, last=last)

    def _on_filters(self, *_args) -> None:
        """A filter was picked or typed (or a picker lost focus): read again if it changed anything."""
        if self.shown_filter is None or any(p.unclear() for p in (self.person, self.vehicle, self.post, self.station)) \
                or self.where() != self.shown_filter:
            self.reload()

    def reload(self) -> None:
        """Read the log again with the filters as they stand (off the GUI thread)."""
        unclear = [p for p in (self.person, self.vehicle, self.post, self.station) if p.unclear()]
        for picker in (self.person, self.vehicle, self.post, self.station):
            picker.setStyleSheet("QLineEdit { border: 1px solid #c62828; }" if picker in unclear else "")
            picker.setToolTip(self.tr("Nothing or more than one matches: pick one from the list")
                              if picker in unclear else "")
        if unclear:
            self.count_label.setText(self.tr("Pick one from the list"))
            return
        self.generation += 1
        self.loading = True
        self.shown_filter = self.where()
        self.count_label.setText(self.tr("Reading…"))
        loader = _AuditRead(self.db, self.generation, self.shown_filter, self)
        loader.succeeded.connect(lambda rows: self._on_loaded(loader.generation, rows))
        loader.failed.connect(lambda reason: self._on_failed(loader.generation, reason))
        loader.crashed.connect(self._on_crashed)
        loader.finished.connect(lambda: self._loaders.discard(loader))
        loader.finished.connect(loader.deleteLater)
        self._loaders.add(loader)
        loader.start()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the reads under way ended and their rows arrived (tests, screenshots)."""
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer

        deadline = QDeadlineTimer(msecs)
        for loader in list(self._loaders):
            if not loader.wait(deadline):
                return False
        QCoreApplication.processEvents()
        return True

    def _on_loaded(self, generation: int, rows: list[AuditRow]) -> None:
        if generation != self.generation:
            return
        self.loading = False
        selected = self.selected()
        self.model.set_rows(rows)
        if selected is not None:
            for i, row in enumerate(rows):
                if row.entry.id == selected.entry.id:
                    self.table.selectRow(i)
                    break
        self.stack.setCurrentWidget(self.table if rows else self.empty_label)
        self._show_count()
        self._show_current()

    def _on_failed(self, generation: int, reason: str) -> None:
        if generation == self.generation:
            self.loading = False
            self.count_label.setText(self.tr("The edit history could not be read: {reason}").format(reason=reason))

    def _on_crashed(self, exc: Exception) -> None:
        self.loading = False
        raise exc

    def _show_count(self) -> None:
        count = len(self.model.rows)
        if count >= audit.DEFAULT_LIMIT:
            self.count_label.setText(self.tr("The newest {count} entries: narrow the filters to see older ones")
                                     .format(count=count))
        else:
            self.count_label.setText(self.tr("{count} entries").format(count=count))

    def _on_changed(self, change) -> None:
        if change.registers & {PEOPLE, VEHICLES, STATIONS, OPERATIONS}:
            self.records = None
        if self.isVisible() and not self.shut:
            self.message.setText("")  # what the last revert said is old news (an undo, another edit)
            self.refresh_timer.start()

    def _on_refused(self, reason: str) -> None:
        if self.isVisible():
            self._say_refused(reason)

    # -- the selected entry -------------------------------------------------------------------------
    def selected(self) -> AuditRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        return self.model.rows[index.row()] if index.row() < len(self.model.rows) else None

    def _show_current(self, *_args) -> None:
        row = self.selected()
        if row is None:
            self.detail.setPlainText(self.tr("Select an entry to see its fields before and after."))
        else:
            e = row.entry
            values = {"record": row.record, "action": row.action, "user": e.login or "?",
                      "at": f"{e.at:%Y-%m-%d %H:%M:%S}", "edit": e.label}
            head = (self.tr("{record} — {action} by {user} at {at}, in the edit “{edit}”") if e.label
                    else self.tr("{record} — {action} by {user} at {at}")).format(**values)
            self.detail.setPlainText("\n".join([head, "", *row.fields]))
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected()
        revertible = row is not None and row.entry.table not in audit.NOT_REVERTIBLE and self.reverting is None
        self.revert_entry_button.setEnabled(revertible)
        self.revert_group_button.setEnabled(revertible)

    # -- reverts ------------------------------------------------------------------------------------
    def confirm(self, title: str, text: str) -> bool:
        """Ask before a revert (tests answer here)."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("revertConfirm")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Revert"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    def revert_entry(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        e = row.entry
        with self.db.read() as session:
            undone = dataclasses.replace(e, before=e.after, after=e.before)
            lines = audit.field_lines(session, undone)
        if e.action == "INSERT":
            what = self.tr("{record} will be removed again (it was added).").format(record=row.record)
        elif e.action == "DELETE":
            what = self.tr("{record} will be made again as it was:").format(record=row.record)
        else:
            what = self.tr("{record} gets back what it held before:").format(record=row.record)
        text = "\n".join([self.tr("Revert this change, made by {user} at {at} in “{edit}”?").format(
            user=e.login or "?", at=f"{e.at:%Y-%m-%d %H:%M}", edit=e.label or "—"), "", what,
            *(lines if e.action != "INSERT" else [])])
        if not self.confirm(self.tr("Revert entry"), text):
            return False
        label = self.tr("Revert: {record}").format(record=row.record)
        return self._push(RevertCommand(label, [e.id]))

    def revert_group(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        e = row.entry
        with self.db.read() as session:
            ids = audit.group_entries(session, e.group_id)
            count = session.scalar(select(func.count()).select_from(AuditEntry)
                                   .where(AuditEntry.group_id == e.group_id))
            shown = audit.entries(session, audit.Filter(group_id=e.group_id, limit=SHOWN_RECORDS))
            names = [f"· {audit.action_label(x.action)} {audit.record_label(session, x)}" for x in shown]
        if count > MAX_REVERT_ENTRIES:
            self._say_refused(self.tr("The edit “{edit}” changed {count} records: too many to revert here. To undo "
                                      "it, restore a backup made before it (File ▸ Restore from Backup…).").format(
                edit=e.label or "—", count=count))
            return False
        if count > len(shown):
            names.append(self.tr("… and {count} more").format(count=count - len(shown)))
        text = "\n".join([self.tr("Revert the whole edit “{edit}”, made by {user} at {at}? Everything it "
                                  "changed is put back as it was before ({count} records):").format(
            edit=e.label or "—", user=e.login or "?", at=f"{e.at:%Y-%m-%d %H:%M}", count=count), "", *names])
        if count > BACKGROUND_ENTRIES:
            text += "\n\n" + self.tr("So many records take a while (minutes for an import of thousands); "
                                     "undoing the revert takes as long.")
        if not self.confirm(self.tr("Revert whole edit"), text):
            return False
        label = self.tr("Revert: {edit}").format(edit=e.label or row.record)
        return self._push(RevertCommand(label, ids))

    def _push(self, command: RevertCommand) -> bool:
        """Make the revert through the hub; a large one (a whole import) in a worker thread, then landed."""
        if len(command.entry_ids) > BACKGROUND_ENTRIES:
            self._push_in_background(command)
            return True
        try:
            self.hub.push(command, report=False)
        except UserError as exc:
            self._say_refused(exc.message, list(getattr(exc, "details", []) or []))
            return False
        self._reverted(command)
        return True

    def _push_in_background(self, command: RevertCommand) -> None:
        db = self.db

        def write(_report, _cancelled):
            with db.begin(command.text()) as session:
                return command.make(session)

        def written(change) -> None:
            self.reverting = None
            self.hub.land(command, change)
            self._reverted(command)

        def refused(exc) -> None:
            self.reverting = None
            self._update_buttons()
            self._say_refused(exc.message, list(getattr(exc, "details", []) or []))

        def failed(reason: str) -> None:
            self.reverting = None
            self._update_buttons()
            self._say_refused(reason)

        job = Job(write, self)
        job.succeeded.connect(written)
        job.rejected.connect(refused)
        job.failed.connect(failed)
        job.crashed.connect(self._on_crashed)
        job.finished.connect(lambda: self._loaders.discard(job))
        job.finished.connect(job.deleteLater)
        self._loaders.add(job)
        self.reverting = job
        self._update_buttons()
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Reverting {count} entries… (the window stays usable)").format(
            count=len(command.entry_ids)))
        job.start()

    def _reverted(self, command: RevertCommand) -> None:
        self.message.setStyleSheet("color: #1b5e20")
        self.message.setText(self.tr("Reverted ({records} records). Ctrl+Z brings the edit back.").format(
            records=command.records))
        self.reload()
        self.refresh_timer.stop()  # the hub's Change asked for the same read a moment later

    def _say_refused(self, reason: str, details: list[str] | None = None) -> None:
        """A refused revert (or undo): the reason and which fields a later edit changed, by whom."""
        self.last_refusal = "\n".join([reason, *(details or [])])
        self.message.setStyleSheet("color: #b00020; font-weight: bold")
        self.message.setText(self.tr("Not changed: {reason}").format(reason=self.last_refusal))
        if details:
            if self.refusal_box is not None:
                self.refusal_box.close()
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Not reverted"), reason,
                              QMessageBox.StandardButton.Ok, self)
            box.setObjectName("revertRefused")
            box.setInformativeText("\n".join(details))
            box.open()
            self.refusal_box = box

    # -- filters and language -----------------------------------------------------------------------
    def clear_filters(self) -> None:
        for picker in (self.person, self.vehicle, self.post, self.station):
            picker.choose(None)
        self.user.setCurrentIndex(0)
        today = clock.today()
        for edit, day in ((self.first, today - dt.timedelta(days=DEFAULT_DAYS - 1)), (self.last, today)):
            edit.blockSignals(True)
            edit.setDate(self._qdate(day))
            edit.blockSignals(False)
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Edit history"))
        for name, text in (("person", self.tr("Person")), ("vehicle", self.tr("Vehicle")), ("post", self.tr("Post")),
                           ("station", self.tr("Station")), ("user", self.tr("User")), ("days", self.tr("Days")),
                           ("to", "–")):
            self.labels[name].setText(text)
        for picker, hint in ((self.person, self.tr("Anyone (name, staff no. or pinyin initials)")),
                             (self.vehicle, self.tr("Any vehicle (plate)")),
                             (self.post, self.tr("Any post (code or name)")),
                             (self.station, self.tr("Any station (name)"))):
            picker.setPlaceholderText(hint)
        if self.user.count():
            self.user.setItemText(0, self.tr("Everyone"))
        self.clear_button.setText(self.tr("Clear filters"))
        self.empty_label.setText(self.tr("No edits recorded with these filters in these days.\n"
                                         "Widen the days or clear the filters."))
        self.revert_entry_button.setText(self.tr("Revert entry"))
        self.revert_entry_button.setToolTip(self.tr("Put back this record's fields as they were before this change"))
        self.revert_group_button.setText(self.tr("Revert whole edit"))
        self.revert_group_button.setToolTip(self.tr("Put back everything this edit changed, as one new edit"))
        self.close_button.setText(self.tr("Close"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        # The action column as wide as its longest word in this language (新增 / changed / removed).
        words = [audit.action_label(a) for a in ("INSERT", "UPDATE", "DELETE")] + [self.model.headerData(
            ACTION, Qt.Orientation.Horizontal)]
        self.table.horizontalHeader().resizeSection(
            ACTION, max(self.fontMetrics().horizontalAdvance(w) for w in words) + 20)
        if not self.loading and self.model.rows is not None:
            self._show_current()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event) -> None:
        self.refresh_timer.stop()
        super().closeEvent(event)

    def shutdown(self, msecs: int = 10000) -> None:
        """The main window is closing: no more reads, and those under way end first."""
        self.refresh_timer.stop()
        if not self.shut:
            self.shut = True
            self.hub.changed.disconnect(self._on_changed)
        for loader in list(self._loaders):
            loader.wait(msecs)


class AuditActions(QObject):
    """View ▸ Edit history… (Ctrl+Shift+E), opening the audit window (one, kept)."""

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("auditActions")
        self.window = window
        self.dialog: AuditWindow | None = None
        self.open_action = QAction(window)
        self.open_action.setObjectName("actionEditHistory")
        self.open_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.open_action.triggered.connect(lambda: self.open())
        menu = window.view_menu
        before = window.language_menu.menuAction()
        menu.insertAction(before, self.open_action)
        menu.insertSeparator(before)
        # The roster grid's context menu: the edit history of the person right-clicked.
        self.person_action = QAction(window)
        self.person_action.setObjectName("actionPersonEditHistory")
        self.person_action.triggered.connect(self.open_for_current_person)
        window.roster_page.swaps.more_actions.append(self.person_action)
        self.retranslate()

    def open(self, person_id: int | None = None) -> AuditWindow:
        first = self.dialog is None
        if first:
            self.dialog = AuditWindow(self.window)
        self.dialog.open_for(person_id)
        if first:
            self.dialog.person.setFocus()  # the clerk starts by typing whom they look for
        if self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
        self.dialog.show()
        return self.dialog

    def current_person(self) -> int | None:
        """The person of the roster grid's current cell (None on a duty-role row or no cell)."""
        page = self.window.roster_page
        index = page.view.currentIndex()
        rows = page.model.grid.rows
        if not index.isValid() or not 0 <= index.row() < len(rows) or not is_person_row(rows[index.row()]):
            return None
        return rows[index.row()].person_id

    def open_for_current_person(self) -> AuditWindow | None:
        person_id = self.current_person()
        return self.open(person_id) if person_id is not None else None

    def retranslate(self) -> None:
        self.person_action.setText(self.tr("This person's edit history…"))
        self.open_action.setText(self.tr("&Edit history…"))
        self.open_action.setStatusTip(self.tr("Who changed what and when; revert an entry or a whole edit"))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.window:
            if event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
            elif event.type() == QEvent.Type.Close and self.dialog is not None:
                self.dialog.shutdown()
        return False


def install_audit(window) -> AuditActions:
    """Add the edit history (the audit log) to the window's View menu."""
    actions = AuditActions(window)
    window.installEventFilter(actions)
    return actions
