"""The "propose duty roles" dialog: a unit's people in turn for a role over some days (the clerk picks the people
and their order), or each day's role from who the roster has on duty; what it would add to and take from the
problems is shown before OK, and OK is one undo step."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rosterapp import reference_data as ref
from rosterapp.errors import UserError
from rosterapp.i18n import language
from rosterapp.services import dutybook
from rosterapp.ui.commands import AssignmentsCommand
from rosterapp.ui.roster.rotation import from_qdate, to_qdate

PERSON = Qt.ItemDataRole.UserRole + 1
LEADING_POSITIONS = (*ref.OFFICER_POSITIONS, *ref.OFFICE_LEADER_POSITIONS)


class DutyProposalDialog(QDialog):
    """Proposes one unit's duty roles over [first, last]; ``items()`` is what OK applies."""

    def __init__(self, page, station_id: int, first: dt.date, last: dt.date, parent: QWidget | None = None):
        super().__init__(parent or page)
        self.setObjectName("dutyProposalDialog")
        self.setWindowTitle(self.tr("Propose duty roles"))
        self.page = page
        self.duty = page.controller.duty
        self.db = page.controller.db
        self.station_box = QComboBox(self)
        self.station_box.setObjectName("proposalStation")
        for sid, name in self.duty.names.items():
            self.station_box.addItem(name, sid)
        self.station_box.setCurrentIndex(max(0, self.station_box.findData(station_id)))
        self.role_box = QComboBox(self)
        self.role_box.setObjectName("proposalRole")
        self.turns = QRadioButton(self.tr("These people in turn"), self)
        self.turns.setObjectName("proposalTurns")
        self.from_roster = QRadioButton(self.tr("Whoever the roster has on duty that day"), self)
        self.from_roster.setObjectName("proposalFromRoster")
        self.turns.setChecked(True)
        self.people = QListWidget(self)
        self.people.setObjectName("proposalPeople")
        self.people.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.people.setMinimumHeight(150)
        self.up = QPushButton(self.tr("Up"), self)
        self.down = QPushButton(self.tr("Down"), self)
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        self.first_edit = self._date(first, "proposalFirst")
        self.last_edit = self._date(last, "proposalLast")
        self.start_edit = self._date(first, "proposalStart")
        self.days_each = QSpinBox(self)
        self.days_each.setObjectName("proposalDaysEach")
        self.days_each.setRange(1, 31)
        self.summary = QLabel(self)
        self.summary.setObjectName("proposalSummary")
        self.summary.setWordWrap(True)
        self.impact_label = QLabel(self)
        self.impact_label.setObjectName("proposalImpact")
        self.impact_label.setWordWrap(True)
        self.impact_list = QPlainTextEdit(self)
        self.impact_list.setObjectName("proposalImpactList")
        self.impact_list.setReadOnly(True)
        self.impact_list.setMaximumHeight(110)
        self.impact_list.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)

        order = QVBoxLayout()
        order.addWidget(self.up)
        order.addWidget(self.down)
        order.addStretch(1)
        people_row = QHBoxLayout()
        people_row.addWidget(self.people, 1)
        people_row.addLayout(order)
        days = QHBoxLayout()
        days.addWidget(self.first_edit)
        days.addWidget(QLabel(" – ", self))
        days.addWidget(self.last_edit)
        turn = QHBoxLayout()
        turn.addWidget(self.start_edit)
        turn.addWidget(QLabel(self.tr("days each"), self))
        turn.addWidget(self.days_each)
        form = QFormLayout(self)
        form.addRow(self.tr("Unit"), self.station_box)
        form.addRow(self.tr("Role"), self.role_box)
        form.addRow(self.tr("Days"), days)
        form.addRow(self.turns)
        form.addRow(self.tr("In this order (tick who takes part)"), people_row)
        form.addRow(self.tr("The first of them starts on"), turn)
        form.addRow(self.from_roster)
        form.addRow(self.summary)
        form.addRow(self.impact_label)
        form.addRow(self.impact_list)
        form.addRow(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.update_impact)
        self.station_box.currentIndexChanged.connect(self._station_changed)
        self.role_box.currentIndexChanged.connect(self._role_changed)
        for signal in (self.turns.toggled, self.first_edit.dateChanged, self.last_edit.dateChanged,
                       self.start_edit.dateChanged, self.days_each.valueChanged, self.people.itemChanged,
                       self.people.model().rowsMoved):
            signal.connect(self._later)
        self.turns.toggled.connect(self._method_changed)
        self._station_changed()

    def _date(self, day: dt.date, name: str) -> QDateEdit:
        edit = QDateEdit(to_qdate(day), self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    # -- choices --------------------------------------------------------------------------------------
    def station(self) -> int:
        return self.station_box.currentData()

    def role(self) -> str | None:
        return self.role_box.currentData()

    def first(self) -> dt.date:
        return from_qdate(self.first_edit.date())

    def last(self) -> dt.date:
        return from_qdate(self.last_edit.date())

    def order(self) -> list[int]:
        """The ticked people, in the list's order."""
        return [self.people.item(i).data(PERSON) for i in range(self.people.count())
                if self.people.item(i).checkState() == Qt.CheckState.Checked]

    def set_order(self, people: list[int]) -> None:
        """Tick ``people`` and put them first, in this order (tests, and a clerk's saved turn later)."""
        self.people.blockSignals(True)
        items = {self.people.item(i).data(PERSON): self.people.takeItem(i) for i in reversed(range(self.people.count()))}
        for pid in people:
            item = items.pop(pid)
            item.setCheckState(Qt.CheckState.Checked)
            self.people.addItem(item)
        for item in sorted(items.values(), key=lambda it: it.text()):
            item.setCheckState(Qt.CheckState.Unchecked)
            self.people.addItem(item)
        self.people.blockSignals(False)
        self._later()

    def _station_changed(self) -> None:
        grade = self.duty.grades.get(self.station(), "")
        self.role_box.blockSignals(True)
        self.role_box.clear()
        for role in dutybook.roles_of(grade):
            self.role_box.addItem(dutybook.role_label(role, language()), role)
        self.role_box.addItem(self.tr("Every role (from the roster)"), None)
        self.role_box.blockSignals(False)
        self._role_changed()

    def _role_changed(self) -> None:
        role = self.role()
        leading = role in ("leader", "det_leader")
        self.people.blockSignals(True)
        self.people.clear()
        people = [p for p in self.duty.candidates(self.db.read, self.station()) if p.active]
        last_turn = self.last_turns() if role is not None else {}
        # Those who held the role lately in the order of their last turns, the longest ago first: the turn then
        # goes on where it stopped (the first day goes to whoever waited longest).
        people.sort(key=lambda p: (p.person_id not in last_turn, last_turn.get(p.person_id, dt.date.min)))
        for person in people:
            item = QListWidgetItem(person.label, self.people)
            item.setData(PERSON, person.person_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled)
            # A duty leader's turn is the unit's leaders' (站长, 指导员, 副站长; 支队长 …): they are ticked; others
            # with 指挥员资格 are listed for the clerk to add, and the watches the clerk ticks.
            ticked = leading and person.position in LEADING_POSITIONS
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.people.blockSignals(False)
        if role is None:
            self.from_roster.setChecked(True)
        self._method_changed()

    def last_turns(self, weeks: int = 6) -> dict[int, dt.date]:
        """Person -> the last day before the first day they held the role (over the weeks before)."""
        sid, role, first = self.station(), self.role(), self.first()
        with self.db.read() as session:
            held = dutybook.read_assignments(session, [sid], first - dt.timedelta(weeks=weeks),
                                             first - dt.timedelta(days=1), with_offices=False)
        turns: dict[int, dt.date] = {}
        for (s_, day, r), holder in held.items():
            if s_ == sid and r == role and day > turns.get(holder.person_id, dt.date.min):
                turns[holder.person_id] = day
        return turns

    def _method_changed(self) -> None:
        turns = self.turns.isChecked()
        for widget in (self.people, self.up, self.down, self.start_edit, self.days_each):
            widget.setEnabled(turns)
        self._later()

    def _move(self, step: int) -> None:
        row = self.people.currentRow()
        if row < 0 or not 0 <= row + step < self.people.count():
            return
        item = self.people.takeItem(row)
        self.people.insertItem(row + step, item)
        self.people.setCurrentRow(row + step)
        self._later()

    def _later(self, *_args) -> None:
        self._timer.start()

    # -- what it does -----------------------------------------------------------------------------------
    def proposal(self) -> tuple[list, str]:
        """(the items OK writes, a line that says what they are or why there are none)."""
        first, last = self.first(), self.last()
        if last < first:
            return [], self.tr("The last day is before the first.")
        sid, role = self.station(), self.role()
        if self.turns.isChecked():
            if role is None:
                return [], self.tr("A rotation is for one role: pick it.")
            people = self.order()
            if not people:
                return [], self.tr("Tick the people who take turns.")
            items = dutybook.rotation_proposal(sid, role, people, first, last,
                                               start=from_qdate(self.start_edit.date()),
                                               days_each=self.days_each.value())
            missing = []
        else:
            with self.db.read() as session:
                found = dutybook.roster_proposal(session, sid, first, last, [role] if role else None)
            items, missing = found.items, found.missing
        names = {c.person_id: c.name for c in self.duty.candidates(self.db.read, sid)}
        counts = Counter(names.get(i[3], "?") for i in items)
        line = self.tr("{count} roles: {people}").format(
            count=len(items), people="、".join(f"{name} {n}" for name, n in counts.most_common()))
        if missing:
            line += " " + self.tr("The roster has nobody for {count} of them (left as they are): {days}").format(
                count=len(missing), days="、".join(f"{d.month}/{d.day} {dutybook.role_label(r, language())}"
                                                   for d, r in missing[:6]) + ("…" if len(missing) > 6 else ""))
        return items, line

    def update_impact(self) -> None:
        items, line = self.proposal()
        self.summary.setText(line)
        self.ok_button.setEnabled(bool(items))
        if not items:
            self.impact_label.clear()
            self.impact_list.hide()
            return
        try:
            summary, lines = self.page.impact_text(self.page.controller.hub.preview(AssignmentsCommand("", items)))
        except UserError as exc:  # what OK would be refused for, said before OK
            summary, lines = exc.message, []
        self.impact_label.setText(summary)
        self.impact_label.setStyleSheet("color: #b00020" if lines else "")
        self.impact_list.setPlainText("\n".join(lines))
        self.impact_list.setVisible(bool(lines))

    def text(self, items) -> str:
        role = self.role()
        label = dutybook.role_label(role, language()) if role else self.tr("duty roles")
        return self.tr("Propose {role} of {station}, {first} to {last}").format(
            role=label, station=self.station_box.currentText(), first=self.first().isoformat(),
            last=self.last().isoformat())

    def _accept(self) -> None:
        items, _line = self.proposal()
        if items:
            self.accept()


def propose_for(window, station_id: int | None = None) -> DutyProposalDialog | None:
    """Open the proposal for ``station_id`` (default: the station of the grid's current cell) over the selected
    days (default: the grid's days); OK is one step on the hub."""
    page = window.roster_page
    duty = page.controller.duty
    grid = page.model.grid
    if not duty.names or not grid.days:
        window.statusBar().showMessage(QCoreApplication.translate(
            "DutyProposalDialog", "Show a station's roster first: the duty roles are proposed for its days."), 8000)
        return None
    current = page.view.currentIndex()
    if station_id is None:
        station_id = grid.rows[current.row()].station_id if current.isValid() else next(iter(duty.names))
    _rows, days = page.selected_rows_and_days()
    first, last = (days[0], days[-1]) if len(days) > 1 else (grid.days[0], grid.days[-1])
    dialog = DutyProposalDialog(page, station_id, first, last, window)
    page.proposal_dialog = dialog

    def done(result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            items, _line = dialog.proposal()
            if items:
                page.controller.hub.push(AssignmentsCommand(dialog.text(items), items))

    dialog.finished.connect(done)
    dialog.open()
    dialog.update_impact()
    return dialog
