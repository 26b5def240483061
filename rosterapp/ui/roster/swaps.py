"""Shift swaps in the month grid: 换班… and 替班… on a duty cell's context menu, Ctrl-drag of one cell
onto another, the small dialog that records the reason and the approver, and the pay-back list (还班).

Both sides of a swap are checked before it is written: the step is made in a rolled-back unit of work
(``EditHub.preview``); one that would add an error is refused with the reasons and changes nothing, one
that only adds warnings asks. The step itself is one ``SwapCommand`` on the undo stack.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rosterapp import vocab
from rosterapp.errors import UserError
from rosterapp.i18n import language
from rosterapp.services import roster, swaps
from rosterapp.services.changes import SWAPS, Change
from rosterapp.services.rules import Delta, message
from rosterapp.services.rules.problem import ERROR, SEVERITY_ORDER, WARNING, severity_name
from rosterapp.ui.commands import SettleCommand, SwapCommand
from rosterapp.ui.roster.rotation import to_qdate

SWAP, COVER = swaps.SWAP, swaps.COVER


def _short(day: dt.date) -> str:
    return f"{day.month}/{day.day}"


def is_person_row(row) -> bool:
    """A person's row of the grid, not a duty-role row (带班领导 …) at the top of a station."""
    return hasattr(row, "person_id") and not getattr(row, "role", None)


@dataclass
class SwapValues:
    """What the dialog asks: a gives their duty of day a to b (and in a swap takes b's of day b)."""

    kind: str
    station_id: int
    person_a: int
    day_a: dt.date
    person_b: int | None
    day_b: dt.date | None
    reason: str = ""
    approver_id: int | None = None
    approver_text: str = ""


Preview = Callable[[SwapValues], tuple[str, list[str], bool]]


class SwapDialog(QDialog):
    """换班 or 替班 of one duty: with whom (and, for a swap, which day back), why, approved by whom.

    ``preview(values)`` returns a summary, one line per new problem and whether OK would be refused;
    it runs as the fields change, so the clerk sees before OK what the swap does to the checks.
    """

    def __init__(self, values: SwapValues, *, station: str, person_a: str,
                 partners: list[tuple[int, str, str]], officers: list[tuple[int, str, str]],
                 duty_days: Callable[[int], list[dt.date]], preview: Preview | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("swapDialog")
        self._values, self._preview, self._duty_days = values, preview, duty_days
        self._refused = False
        swap = values.kind == SWAP
        self.setWindowTitle(self.tr("Shift swap") if swap else self.tr("Stand-in"))
        self.head = QLabel(self)
        self.head.setObjectName("swapHead")
        self.head.setWordWrap(True)
        self.head.setText((self.tr("{station}: {name} gives the duty of {day} and takes one back.") if swap else
                           self.tr("{station}: {name} gives the duty of {day}, and owes a pay-back (还班).")).format(
            station=station, name=person_a, day=values.day_a.isoformat()))
        self.partner_box = QComboBox(self)
        self.partner_box.setObjectName("swapPartner")
        for pid, name, position in partners:
            self.partner_box.addItem(f"{name}  {position}".strip(), pid)
        self.partner_box.setCurrentIndex(self.partner_box.findData(values.person_b))
        self.day_edit = QDateEdit(self)
        self.day_edit.setObjectName("swapDay")
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        self.day_edit.setDate(to_qdate(values.day_b or values.day_a))
        self.reason_edit = QLineEdit(values.reason, self)
        self.reason_edit.setObjectName("swapReason")
        self.reason_edit.setMaxLength(swaps.REASON_MAX)
        self.reason_edit.setPlaceholderText(self.tr("e.g. 家中有事"))
        self.approver_box = QComboBox(self)
        self.approver_box.setObjectName("swapApprover")
        self.approver_box.setEditable(True)
        self.approver_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for pid, name, position in officers:
            self.approver_box.addItem(f"{name}  {position}".strip(), pid)
        self.approver_box.setCurrentIndex(-1)
        self.approver_box.lineEdit().setPlaceholderText(self.tr("one of the station's officers, or a name"))
        self.approver_box.lineEdit().setMaxLength(swaps.APPROVER_MAX)
        self.impact_label = QLabel(self)
        self.impact_label.setObjectName("swapImpact")
        self.impact_label.setWordWrap(True)
        self.impact_list = QPlainTextEdit(self)
        self.impact_list.setObjectName("swapImpactList")
        self.impact_list.setReadOnly(True)
        self.impact_list.setMaximumHeight(110)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("With:") if swap else self.tr("Stood in by:"), self.partner_box)
        if swap:
            form.addRow(self.tr("Takes back the duty of:"), self.day_edit)
        else:
            self.day_edit.hide()
        form.addRow(self.tr("Reason:"), self.reason_edit)
        form.addRow(self.tr("Approved by:"), self.approver_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.head)
        layout.addLayout(form)
        layout.addWidget(self.impact_label)
        layout.addWidget(self.impact_list)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.update_impact)
        self.partner_box.currentIndexChanged.connect(self._on_partner)
        self.day_edit.dateChanged.connect(lambda _d: self._timer.start())
        self.approver_box.currentTextChanged.connect(lambda _t: self._update_ok())
        self.resize(460, 360)
        if values.person_b is not None and values.day_b is None and swap:
            self._on_partner()
        self.update_impact()

    def _on_partner(self, _index: int = -1) -> None:
        """A swap's day back defaults to the partner's next duty from the day given."""
        partner = self.partner_box.currentData()
        if partner is not None and self._values.kind == SWAP:
            days = self._duty_days(partner)
            later = [d for d in days if d >= self._values.day_a]
            if later or days:
                self.day_edit.blockSignals(True)
                self.day_edit.setDate(to_qdate((later or days)[0]))
                self.day_edit.blockSignals(False)
        self._timer.start()

    def values(self) -> SwapValues:
        approver_id, approver_text = self.approver()
        qd = self.day_edit.date()
        return SwapValues(self._values.kind, self._values.station_id, self._values.person_a, self._values.day_a,
                          self.partner_box.currentData(),
                          dt.date(qd.year(), qd.month(), qd.day()) if self._values.kind == SWAP else None,
                          self.reason_edit.text().strip(), approver_id, approver_text)

    def approver(self) -> tuple[int | None, str]:
        """One of the officers listed, or the text typed for someone outside the station."""
        text = self.approver_box.currentText().strip()
        index = self.approver_box.findText(text)
        if index < 0:
            index = next((i for i in range(self.approver_box.count())
                          if self.approver_box.itemText(i).split()[0] == text), -1)
        if index >= 0:
            return self.approver_box.itemData(index), ""
        return None, text

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not self._refused and self.partner_box.currentData() is not None
                      and bool(self.approver_box.currentText().strip()))

    def update_impact(self) -> None:
        self._refused = False
        if self.partner_box.currentData() is None:
            self.impact_label.setText(self.tr("Choose who takes the duty."))
            self.impact_list.setPlainText("")
        elif self._preview is not None:
            summary, lines, self._refused = self._preview(self.values())
            self.impact_label.setText(summary)
            self.impact_list.setPlainText("\n".join(lines))
        self._update_ok()


class PaybackDialog(QDialog):
    """The swaps of a station, or only the pay-backs still owed (还班), per person; a stand-in can be
    settled by hand with a note (one undo step)."""

    COLUMNS = 11

    def __init__(self, gestures: SwapGestures, stations: list[tuple[int, str]], station_id: int | None,
                 person_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("paybackDialog")
        self.setWindowTitle(self.tr("Swaps and pay-backs owed"))
        self._gestures = gestures
        self._people: dict[int, list[tuple[int, str]]] = gestures.station_people()
        self.rows: list[swaps.SwapRow] = []
        self.station_box = QComboBox(self)
        self.station_box.setObjectName("paybackStation")
        for sid, name in stations:
            self.station_box.addItem(name, sid)
        self.station_box.setCurrentIndex(max(0, self.station_box.findData(station_id)))
        self.person_box = QComboBox(self)
        self.person_box.setObjectName("paybackPerson")
        self.open_box = QCheckBox(self.tr("Only the pay-backs still owed"), self)
        self.open_box.setObjectName("paybackOpenOnly")
        self.open_box.setChecked(True)
        self.owed_label = QLabel(self)
        self.owed_label.setObjectName("paybackOwed")
        self.owed_label.setWordWrap(True)
        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setObjectName("paybackTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setHorizontalHeaderLabels([
            self.tr("No."), self.tr("Kind"), self.tr("Gives"), self.tr("Day"), self.tr("Takes"), self.tr("Day back"),
            self.tr("Shift"), self.tr("Reason"), self.tr("Approved by"), self.tr("Recorded"), self.tr("Status")])
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("settleNote")
        self.note_edit.setMaxLength(swaps.NOTE_MAX)
        self.note_edit.setPlaceholderText(self.tr("How it was settled, e.g. 以加班抵"))
        self.settle_button = QPushButton(self.tr("Settle by hand"), self)
        self.settle_button.setObjectName("settleButton")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Station:"), self))
        top.addWidget(self.station_box, 1)
        top.addWidget(QLabel(self.tr("Person:"), self))
        top.addWidget(self.person_box, 1)
        top.addWidget(self.open_box)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note_edit, 1)
        bottom.addWidget(self.settle_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.owed_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(close)
        self._fill_people(person_id)
        self.station_box.currentIndexChanged.connect(lambda _i: (self._fill_people(None), self.reload()))
        self.person_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.open_box.toggled.connect(lambda _on: self.reload())
        self.table.itemSelectionChanged.connect(self._update_button)
        self.note_edit.textChanged.connect(lambda _t: self._update_button())
        self.settle_button.clicked.connect(self.settle_selected)
        gestures.hub.changed.connect(self._on_changed)
        self.resize(900, 420)
        self.reload()

    def _fill_people(self, person_id: int | None) -> None:
        self.person_box.blockSignals(True)
        self.person_box.clear()
        self.person_box.addItem(self.tr("Everyone"), None)
        for pid, name in self._people.get(self.station_box.currentData(), []):
            self.person_box.addItem(name, pid)
        self.person_box.setCurrentIndex(max(0, self.person_box.findData(person_id)))
        self.person_box.blockSignals(False)

    def _on_changed(self, change: Change) -> None:
        if SWAPS in change.registers:
            self.reload()

    def reload(self) -> None:
        station, person = self.station_box.currentData(), self.person_box.currentData()
        with self._gestures.hub.db.read() as session:
            self.rows = swaps.list_swaps(session, station, self.open_box.isChecked(), person_id=person)
            owed = swaps.list_swaps(session, station, True)
        lang = language()
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            texts = [str(row.id), vocab.label(vocab.SWAP_KIND, row.kind, lang), row.person_a, row.day_a.isoformat(),
                     row.person_b, row.day_b.isoformat() if row.day_b else "", row.shift, row.reason, row.approver,
                     row.recorded_at.strftime("%Y-%m-%d %H:%M"), row.status()]
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                self.table.setItem(r, c, item)
        counts: dict[str, int] = {}
        for row in owed:
            counts[row.person_a] = counts.get(row.person_a, 0) + 1
        self.owed_label.setText(self.tr("Pay-backs owed: {list}").format(
            list="、".join(f"{name} {n}" for name, n in sorted(counts.items(), key=lambda kv: -kv[1]))
            or self.tr("none")))
        self._update_button()

    def selected(self) -> swaps.SwapRow | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.rows[rows.pop()] if len(rows) == 1 else None

    def _update_button(self) -> None:
        row = self.selected()
        self.settle_button.setEnabled(row is not None and row.open and bool(self.note_edit.text().strip()))

    def select_swap(self, swap_id: int) -> None:
        for r, row in enumerate(self.rows):
            if row.id == swap_id:
                self.table.selectRow(r)

    def settle_selected(self) -> bool:
        row = self.selected()
        if row is None or not row.open:
            return False
        note = self.note_edit.text().strip()
        done = self._gestures.hub.push(SettleCommand(
            self.tr("Settle the pay-back {name} owes {other} ({day})").format(
                name=row.person_a, other=row.person_b, day=_short(row.day_a)), row.id, note))
        if done:
            self.note_edit.clear()
        return done


class SwapGestures(QObject):
    """The grid's swap gestures: the context menu of a cell, Ctrl-drag, the dialogs and the checks
    before a swap is written. ``page`` is the RosterPage."""

    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.hub = page.controller.hub
        self.dialog: SwapDialog | None = None
        self.box: QMessageBox | None = None
        self.menu: QMenu | None = None
        self.moved_roles: tuple = ()  # the duty roles the last checked swap moves (role, day, from, to)
        # Actions the window adds to the cell's menu; they act on the current cell, which a right-click sets.
        self.more_actions: list[QAction] = []
        self.fill_action: QAction | None = None  # Fill automatically… (on the selection, which it keeps)
        self.paybacks: PaybackDialog | None = None
        self.last_refusal = ""
        self._press: tuple[int, int, QPoint] | None = None
        self._dragging = False
        view = page.view
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self.show_menu)
        view.viewport().installEventFilter(self)
        self.payback_action = QAction(self)
        self.payback_action.setObjectName("actionPaybacks")
        self.payback_action.triggered.connect(lambda: self.show_paybacks())
        self.retranslate()

    def retranslate(self) -> None:
        self.payback_action.setText(self.tr("Swaps and &pay-backs owed…"))
        self.payback_action.setStatusTip(self.tr("The shift swaps recorded and the pay-backs (还班) still owed"))

    # -- the grid ------------------------------------------------------------------------------------
    @property
    def grid(self):
        return self.page.model.grid

    def _row(self, r: int):
        rows = self.grid.rows
        return rows[r] if 0 <= r < len(rows) and is_person_row(rows[r]) else None

    def _is_duty(self, r: int, c: int) -> bool:
        grid = self.grid
        return self._row(r) is not None and 0 <= c < len(grid.days) and grid.kinds[r][c] == roster.DUTY

    def duty_days(self, person_id: int) -> list[dt.date]:
        r = self.grid.row_of.get(person_id)
        if r is None:
            return []
        return [day for c, day in enumerate(self.grid.days) if self.grid.kinds[r][c] == roster.DUTY]

    def station_people(self) -> dict[int, list[tuple[int, str]]]:
        people: dict[int, list[tuple[int, str]]] = {}
        for row in self.grid.rows:
            if is_person_row(row):
                people.setdefault(row.station_id, []).append((row.person_id, row.name))
        return people

    def show_menu(self, pos: QPoint) -> None:
        self.context_menu(pos).popup(self.page.view.viewport().mapToGlobal(pos))

    def context_menu(self, pos: QPoint) -> QMenu:
        """The context menu of the cell at ``pos`` (viewport coordinates): 换班…, 替班…, the pay-back list."""
        index = self.page.view.indexAt(pos)
        menu = QMenu(self.page.view)
        menu.setObjectName("rosterContextMenu")
        r, c = index.row(), index.column()
        duty = index.isValid() and self._is_duty(r, c)
        swap = menu.addAction(self.tr("Shift swap (换班)…"), lambda: self.begin(SWAP, r, c))
        swap.setObjectName("actionSwap")
        cover = menu.addAction(self.tr("Stand-in (替班)…"), lambda: self.begin(COVER, r, c))
        cover.setObjectName("actionCover")
        for action in (swap, cover):
            action.setEnabled(duty)
            if not duty:
                action.setToolTip(self.tr("Right-click a duty cell (值, 白, 夜…) to swap it."))
        menu.addSeparator()
        row = self._row(r) if index.isValid() else None
        paybacks = menu.addAction(self.tr("Swaps and pay-backs owed…"),
                                  lambda: self.show_paybacks(row.station_id if row else None,
                                                             row.person_id if row else None))
        paybacks.setObjectName("actionPaybacksOfPerson")
        if self.fill_action is not None:
            menu.addAction(self.fill_action)
        if self.more_actions:  # the window's actions on the cell's station and day (the handover record)
            if index.isValid():  # the current cell moves there; a selection of several cells stays (the fill's)
                self.page.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate
                                                                if self.page.view.selectionModel().isSelected(index)
                                                                else QItemSelectionModel.SelectionFlag.ClearAndSelect)
            menu.addSeparator()
            menu.addActions(self.more_actions)
        self.menu = menu
        return menu

    # Ctrl-drag: press on a duty cell with Ctrl held, move, release on another person's cell.
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            self._press, self._dragging = None, False
            if (event.button() == Qt.MouseButton.LeftButton
                    and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
                point = event.position().toPoint()
                index = self.page.view.indexAt(point)
                if index.isValid() and self._is_duty(index.row(), index.column()):
                    self._press = (index.row(), index.column(), point)
            return False
        if kind == QEvent.Type.MouseMove and self._press is not None and isinstance(event, QMouseEvent):
            if not self._dragging:
                moved = event.position().toPoint() - self._press[2]
                if moved.manhattanLength() >= QApplication.startDragDistance():
                    self._dragging = True
                    self.page.view.viewport().setCursor(Qt.CursorShape.DragMoveCursor)
                    self._status(self.tr("Drop on another person's duty to swap the two days (换班), or on their "
                                         "day off the same day for a stand-in (替班)."))
            return self._dragging
        if kind == QEvent.Type.MouseButtonRelease and self._press is not None and isinstance(event, QMouseEvent):
            (r, c, _start), dragging = self._press, self._dragging
            self._press, self._dragging = None, False
            if not dragging:
                return False
            self.page.view.viewport().unsetCursor()
            index = self.page.view.indexAt(event.position().toPoint())
            if index.isValid():
                self.drop(r, c, index.row(), index.column())
            return True
        return False

    def drop(self, r: int, c: int, r2: int, c2: int) -> None:
        """A duty cell dropped on another: onto another person's duty, swap the two days; onto another
        person's free cell of the same day, a stand-in."""
        a, b = self._row(r), self._row(r2)
        if a is None or b is None or a.person_id == b.person_id:
            self._status(self.tr("Drop the duty on another person's cell."))
            return
        if c == c2 and not self._is_duty(r2, c2):
            self.begin(COVER, r, c, b.person_id)
        else:
            self.begin(SWAP, r, c, b.person_id, self.grid.days[c2])

    def _status(self, text: str) -> None:
        window = self.page.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 8000)

    # -- the dialog and the checks -------------------------------------------------------------------
    def begin(self, kind: str, r: int, c: int, partner: int | None = None, day_b: dt.date | None = None) -> None:
        """Open the swap dialog for the duty of row ``r``, column ``c``."""
        a = self._row(r)
        if a is None:
            return
        values = SwapValues(kind, a.station_id, a.person_id, self.grid.days[c], partner, day_b)
        with self.hub.db.read() as session:
            officers = swaps.station_officers(session, a.station_id)
        # Each with what they hold that day (休, 值, leave...): who is free to take the duty shows at a glance.
        partners = [(row.person_id, row.name, f"{row.position}  · {self.grid.cells[r][c] or '—'}".strip())
                    for r, row in enumerate(self.grid.rows)
                    if is_person_row(row) and row.station_id == a.station_id and row.person_id != a.person_id
                    and row.active]
        self.dialog = SwapDialog(values, station=a.station, person_a=a.name, partners=partners, officers=officers,
                                 duty_days=self.duty_days, preview=self._dialog_preview, parent=self.page)
        self.dialog.accepted.connect(lambda dialog=self.dialog: self.submit(dialog.values()))
        self.dialog.open()

    def command(self, values: SwapValues) -> SwapCommand:
        names = {row.person_id: row.name for row in self.grid.rows if is_person_row(row)}
        a, b = names.get(values.person_a, "?"), names.get(values.person_b, "?")
        if values.kind == SWAP:
            text = self.tr("Swap {a} {day_a} ⇄ {b} {day_b}").format(a=a, b=b, day_a=_short(values.day_a),
                                                                    day_b=_short(values.day_b))

            def apply(session):
                return swaps.swap(session, values.station_id, values.person_a, values.day_a, values.person_b,
                                  values.day_b, values.reason, approver_id=values.approver_id,
                                  approver_text=values.approver_text)
        else:
            text = self.tr("Stand-in: {b} for {a} on {day}").format(a=a, b=b, day=_short(values.day_a))

            def apply(session):
                return swaps.cover(session, values.station_id, values.person_a, values.day_a, values.person_b,
                                   values.reason, approver_id=values.approver_id, approver_text=values.approver_text)

        def describe(edit: swaps.SwapEdit) -> str:
            if edit.record.kind == swaps.PAYBACK:
                return self.tr("Pay-back: {b} for {a} on {day}").format(a=a, b=b, day=_short(values.day_a))
            return text

        return SwapCommand(text, apply, describe)

    def check(self, values: SwapValues) -> tuple[list, list, str]:
        """(new errors, new warnings, refusal) of a swap, checked on both sides without writing it."""
        if self.hub.live is None and self.hub.is_checking():
            self.hub.wait_for_checker(30000)
        command = self.command(values)
        self.moved_roles = ()
        try:
            delta = self.hub.preview(command)
        except UserError as exc:
            return [], [], exc.message
        self.moved_roles = command.edit.moved if command.edit is not None else ()
        if delta is None:
            return [], [], self.tr("The checks could not run ({reason}); the swap was not made.").format(
                reason=self.hub.checker_error or self.tr("still loading"))
        return _new(delta, ERROR), _new(delta, WARNING), ""

    def _dialog_preview(self, values: SwapValues) -> tuple[str, list[str], bool]:
        errors, warnings, refusal = self.check(values)
        if refusal:
            return refusal, [], True
        lines = _lines(errors + warnings) + self._moved_lines()
        if errors:
            return self.tr("Refused: this would add {errors} errors (and {warnings} warnings):").format(
                errors=len(errors), warnings=len(warnings)), lines, True
        if warnings:
            return self.tr("This adds {warnings} warnings:").format(warnings=len(warnings)), lines, False
        return self.tr("No new problems."), self._moved_lines(), False

    def _moved_lines(self) -> list[str]:
        """The day's duty roles that go with the duty, as the dialog tells them: 带班领导 3/5: 赵强 → 钱伟."""
        names = {row.person_id: row.name for row in self.grid.rows if is_person_row(row)}
        lang = language()
        return [self.tr("{role} {day} goes with the duty: {giver} → {taker}").format(
            role=vocab.label(vocab.DUTY_ROLE, role, lang), day=_short(day), giver=names.get(giver, "?"),
            taker=names.get(taker, "?")) for role, day, giver, taker in self.moved_roles]

    def submit(self, values: SwapValues) -> bool:
        """Check both sides, then refuse (errors), ask (warnings) or make the swap. True when made now."""
        errors, warnings, refusal = self.check(values)
        if refusal or errors:
            self.last_refusal = refusal or "\n".join(_lines(errors))
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Swap refused"),
                              refusal or self.tr("Nothing was changed: this swap would add {count} errors.").format(
                                  count=len(errors)), parent=self.page)
            box.setObjectName("swapRefused")
            if errors:
                box.setInformativeText("\n".join(_lines(errors)[:6]))
            self.box = box
            box.open()
            return False
        if warnings:
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("Swap with warnings"),
                              self.tr("This swap adds {count} warnings. Make it anyway?").format(count=len(warnings)),
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.page)
            box.setObjectName("swapWarnings")
            box.setInformativeText("\n".join(_lines(warnings)[:6]))
            box.setDefaultButton(QMessageBox.StandardButton.No)
            box.finished.connect(lambda result: result == QMessageBox.StandardButton.Yes and self.push(values))
            self.box = box
            box.open()
            return False
        return self.push(values)

    def push(self, values: SwapValues) -> bool:
        return self.hub.push(self.command(values))

    def show_paybacks(self, station_id: int | None = None, person_id: int | None = None) -> PaybackDialog:
        stations = {}
        for row in self.grid.rows:
            if is_person_row(row):
                stations.setdefault(row.station_id, row.station)
        if station_id is None:
            current = self.page.view.currentIndex()
            row = self._row(current.row()) if current.isValid() else None
            station_id = row.station_id if row is not None else next(iter(stations), None)
        if self.paybacks is not None:
            self.paybacks.close()
            self.paybacks.deleteLater()
        self.paybacks = PaybackDialog(self, list(stations.items()), station_id, person_id, self.page)
        self.paybacks.show()
        return self.paybacks


def _new(delta: Delta, severity: str) -> list:
    return [p for p in delta.appeared if p.severity == severity]


def _lines(problems: list) -> list[str]:
    lang = language()
    problems = sorted(problems, key=lambda p: (SEVERITY_ORDER[p.severity], p.start))
    return [f"{severity_name(p.severity, lang)} · {message(p, lang)}" for p in problems[:50]]
