"""Edit ▸ Fill automatically…: a station's month (or the selected cells) proposed by the solver, shown over the
grid before anything is written, and accepted (all of it, some people's, or the cells selected in the grid) as
one undo step.

The solve runs in its own thread with its own read-only session (``AutofillJob``); the GUI thread only shows
its progress and can stop it (the best proposal found so far is kept). While a proposal is shown the roster
model overlays it (``RosterModel.set_overlay``): the proposed codes in their own colours and in italics.
Accepting pushes one ``AutofillCommand`` on the hub: a CellsCommand and an AssignmentsCommand (the duty
leaders) made together, after dropping what an edit changed since the proposal was made.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rosterapp.errors import UserError
from rosterapp.i18n import language
from rosterapp.services import autofill, dutybook, roster
from rosterapp.services.calendar import day_info
from rosterapp.services.changes import Change
from rosterapp.services.rules.problem import ERROR
from rosterapp.solver.cpsat import CancelToken, Progress
from rosterapp.ui.commands import AssignmentsCommand, CellsCommand, CompositeCommand
from rosterapp.ui.jobs import JobOwner, RunReports, SessionJob
from rosterapp.ui.roster.model import OVERLAY_COLORS

PERSON = Qt.ItemDataRole.UserRole + 1
Cell = tuple[int, dt.date]


# -- the solve, off the GUI thread ----------------------------------------------------------------------
class AutofillJob(SessionJob):
    """``autofill.propose_station`` off the GUI thread.

    Signals (besides SessionJob's, whose ``succeeded`` carries the Proposal, after a Cancel the best so far):
        progressed(object): a Progress (objective, bound, seconds, solutions) on each better solution.
    """

    progressed = Signal(object)
    what = "the automatic fill"

    def __init__(self, db, station_id: int, first: dt.date, last: dt.date, options: dict, parent=None):
        super().__init__(db, parent)
        self._station, self._first, self._last = station_id, first, last
        self._options = options
        self.token = CancelToken()

    def cancel(self) -> None:
        """From the GUI thread: stop the search; the best proposal so far is still returned."""
        self.token.cancel()

    def work(self, session):
        return autofill.propose_station(session, self._station, self._first, self._last, cancel=self.token,
                                        progress=self.progressed.emit, **self._options)


# -- accepting: one step --------------------------------------------------------------------------------
class AutofillCommand(CompositeCommand):
    """A proposal's cells and duty leaders written as one step.

    Made in the hub's unit of work: the cells are read again first and those no longer as the proposal saw
    them (``before``: the code each held, None for empty) are dropped, with the leaders of days whose leader's
    cell was dropped and of days whose role someone now holds. ``dropped`` counts what was left out.
    """

    def __init__(self, text: str, station_id: int, values: dict[Cell, str], before: dict[Cell, str | None],
                 leaders: list[tuple], codes):
        super().__init__(text, [])
        self.station_id = station_id
        self.values, self.before, self.leaders = dict(values), before, list(leaders)
        self.codes = list(codes)
        self.dropped = 0
        self.written = (0, 0)  # cells, leaders

    def make(self, session) -> Change:
        days = sorted({d for _p, d in self.values} | {item[1] for item in self.leaders})
        fresh: dict[Cell, str] = {}
        if self.values:
            span = [days[0] + dt.timedelta(days=i) for i in range((days[-1] - days[0]).days + 1)]
            grid = roster.load_roster(session, span, station_id=self.station_id, lang=language())
            for key, code in self.values.items():
                r, c = grid.row_of.get(key[0]), grid.column_of.get(key[1])
                if r is not None and c is not None and grid.cells[r][c] == (self.before.get(key) or ""):
                    fresh[key] = code
        leaders = []
        if self.leaders:
            held = dutybook.read_assignments(session, [self.station_id], days[0], days[-1], with_offices=False)
            for item in self.leaders:
                sid, day, role, pid = item
                if (sid, day, role) in held or ((pid, day) in self.values and (pid, day) not in fresh):
                    continue
                leaders.append(item)
        self.dropped = len(self.values) - len(fresh) + len(self.leaders) - len(leaders)
        self.parts = ([CellsCommand(self.text(), fresh, self.codes, keep_absences=True)] if fresh else []) + (
            [AssignmentsCommand(self.text(), leaders)] if leaders else [])
        self.written = (len(fresh), len(leaders))
        change = super().make(session)
        if self.dropped:
            left_out = QCoreApplication.translate(
                "AutofillDialog", "{count} proposed entries were left out: they were edited since the proposal was made.")
            self.note = left_out.format(count=self.dropped) + (" " + self.note if self.note else "")
        return change


# -- the dialog -----------------------------------------------------------------------------------------
@dataclass
class Scope:
    station_id: int
    station: str
    first: dt.date
    last: dt.date
    cells: set[Cell] | None  # only these may be filled (the grid's selection), or None


class AutofillDialog(RunReports, QDialog):
    """The clerk's choices, the solve's progress, the proposal's figures and what it cannot fill.

    Non-modal: the grid behind it scrolls and shows the proposal. Closing it discards what was not accepted.
    """

    def __init__(self, page, station_id: int, station: str, days: list[dt.date], selection: set[Cell],
                 parent: QWidget | None = None):
        super().__init__(parent or page)
        self.setObjectName("autofillDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # a run still going reports to nobody
        self.page = page
        self.hub = page.controller.hub
        self.db = page.controller.db
        self.station_id, self.station = station_id, station
        self.days = days
        self.selection = selection
        self.job: AutofillJob | None = None
        self.proposal = None
        self.values: dict[Cell, str] = {}  # what is still proposed (accepting some takes them away)
        self.before: dict[Cell, str | None] = {}
        self.leaders: dict[dt.date, int] = {}
        self.dropped = 0  # proposed cells an edit changed since (taken off the proposal)
        self._pushing = False
        self._stopped = False  # the last run was stopped by the clerk
        self.new_errors = 0  # what accepting all would add, as last checked
        self._limit = 10.0
        self._scope: Scope | None = None  # what the last run was asked to fill
        self._names = {row.person_id: row.name for row in page.model.grid.rows if not row.role}

        self.scope_label = QLabel(self)
        self.scope_label.setObjectName("autofillScope")
        self.scope_label.setWordWrap(True)
        self.only_selected = QCheckBox(self)
        self.only_selected.setObjectName("autofillOnlySelected")
        self.only_selected.setEnabled(len(selection) > 1)
        self.only_selected.setChecked(len(selection) > 1)
        self.only_selected.toggled.connect(self._show_scope)
        page.view.selectionModel().selectionChanged.connect(self._selection_changed)

        self.weights_box = QGroupBox(self)
        defaults = autofill.Weights()
        self.fair = self._weight("autofillFair", defaults.fair)
        self.keep = self._weight("autofillKeep", defaults.keep)
        self.changes = self._weight("autofillChanges", defaults.changes)
        self.fair_label, self.keep_label, self.changes_label = QLabel(self), QLabel(self), QLabel(self)
        weights = QFormLayout(self.weights_box)
        weights.addRow(self.fair_label, self.fair)
        weights.addRow(self.keep_label, self.keep)
        weights.addRow(self.changes_label, self.changes)
        self.unlock = QCheckBox(self)
        self.unlock.setObjectName("autofillUnlock")
        self.time_limit = QSpinBox(self)
        self.time_limit.setObjectName("autofillTimeLimit")
        self.time_limit.setRange(1, 600)
        self.time_limit.setValue(10)

        self.start_button = QPushButton(self)
        self.start_button.setObjectName("autofillStart")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("autofillCancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("autofillProgress")
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("autofillProgressLabel")
        self._clock = QTimer(self)
        self._clock.setInterval(200)
        self._clock.timeout.connect(self._tick)
        self._started = 0.0
        self._best: Progress | None = None

        self.legend = QLabel(self)
        self.legend.setObjectName("autofillLegend")
        self.legend.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("autofillSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # What accepting all that is proposed would add to the problems, checked by the live checker.
        self.impact = QLabel(self)
        self.impact.setObjectName("autofillImpact")
        self.impact.setWordWrap(True)
        self.impact.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._impact_timer = QTimer(self)
        self._impact_timer.setSingleShot(True)
        self._impact_timer.setInterval(0)
        self._impact_timer.timeout.connect(self.update_impact)
        self.people = QTableWidget(0, 6, self)
        self.people.setObjectName("autofillPeople")
        self.unfilled = QTableWidget(0, 4, self)
        self.unfilled.setObjectName("autofillUnfilled")
        self.unfilled.setWordWrap(True)
        for table in (self.people, self.unfilled):
            table.verticalHeader().hide()
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setAlternatingRowColors(True)
        self.people.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.people.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.unfilled.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.unfilled.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # The reasons wrap; each row as high as its reasons at the width the dialog has now.
        self.unfilled.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.people.itemChanged.connect(self._update_buttons)
        self.people.cellDoubleClicked.connect(self._show_person)
        self.unfilled.cellDoubleClicked.connect(self._show_day)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("autofillTabs")
        self.tabs.addTab(self.people, "")
        self.tabs.addTab(self.unfilled, "")
        self.tabs.setMinimumHeight(200)

        self.accept_all_button = QPushButton(self)
        self.accept_all_button.setObjectName("autofillAcceptAll")
        self.accept_all_button.clicked.connect(self.accept_all)
        self.accept_people_button = QPushButton(self)
        self.accept_people_button.setObjectName("autofillAcceptPeople")
        self.accept_people_button.clicked.connect(lambda: self.accept_people(self.ticked_people()))
        self.accept_selected_button = QPushButton(self)
        self.accept_selected_button.setObjectName("autofillAcceptSelected")
        self.accept_selected_button.clicked.connect(self.accept_selected)
        self.discard_button = QPushButton(self)
        self.discard_button.setObjectName("autofillDiscard")
        self.discard_button.clicked.connect(self.discard)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("autofillClose")
        self.close_button.clicked.connect(self.close)

        options = QFormLayout()
        options.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        options.addRow(self.only_selected)
        options.addRow(self.unlock)
        self.time_label = QLabel(self)
        options.addRow(self.time_label, self.time_limit)
        top = QHBoxLayout()
        top.addWidget(self.weights_box)
        top.addLayout(options, 1)
        run = QHBoxLayout()
        run.addWidget(self.start_button)
        run.addWidget(self.cancel_button)
        run.addWidget(self.progress, 1)
        run.addWidget(self.progress_label)
        accept = QHBoxLayout()
        for button in (self.accept_all_button, self.accept_people_button, self.accept_selected_button,
                       self.discard_button):
            accept.addWidget(button)
        accept.addStretch(1)
        accept.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scope_label)
        layout.addLayout(top)
        layout.addLayout(run)
        layout.addWidget(self.legend)
        layout.addWidget(self.summary)
        layout.addWidget(self.impact)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(accept)

        self.hub.changed.connect(self._on_changed)
        self._listening = True
        self.retranslate()
        self._show_scope()
        self._update_buttons()
        self.resize(800, 720)

    def _weight(self, name: str, value: int) -> QSpinBox:
        box = QSpinBox(self)
        box.setObjectName(name)
        box.setRange(0, 10)
        box.setValue(value)
        return box

    # -- texts -------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Fill automatically"))
        self._texts_of_selection()
        self.weights_box.setTitle(self.tr("What matters most (0–10)"))
        self.fair_label.setText(self.tr("Fairness"))
        self.keep_label.setText(self.tr("Continuity"))
        self.changes_label.setText(self.tr("Few changes"))
        self.fair.setToolTip(self.tr("Duty hours, nights, weekends and holidays shared evenly within the station"))
        self.keep.setToolTip(self.tr("Each person's usual rotation kept where possible"))
        self.changes.setToolTip(self.tr("Change as little as possible of what is entered"))
        self.unlock.setText(self.tr("Also change existing 值/休"))
        self.unlock.setToolTip(self.tr("Without it, only empty cells are filled; every entry there is kept."))
        self.time_label.setText(self.tr("Time limit"))
        self.time_limit.setSuffix(self.tr(" s"))
        self.start_button.setText(self.tr("&Start"))
        self.cancel_button.setText(self.tr("Stop"))
        self.cancel_button.setToolTip(self.tr("Stop searching and keep the best proposal found so far"))
        self.legend.setText(self.tr(
            "On the grid, until you accept or discard, in italics: "
            "<span style='background:{duty}'>&nbsp;<i>值</i>&nbsp;</span> "
            "<span style='background:{off}'>&nbsp;<i>休</i>&nbsp;</span> proposed for an empty cell, "
            "<span style='background:{changed}'>&nbsp;<i>休</i>&nbsp;</span> proposed instead of what is "
            "entered; <span style='background:{leader}'>&nbsp;<i>name</i>&nbsp;</span> in the 带班领导 row: "
            "the proposed duty leader. Nothing is written yet.").format(**OVERLAY_COLORS))
        self.tabs.setTabText(0, self.tr("People"))
        self.people.setToolTip(self.tr("Untick whom not to accept; double-click a person to see them in the grid"))
        self.unfilled.setToolTip(self.tr("Double-click a day to see it in the grid"))
        self.tabs.setTabText(1, self.tr("Not filled"))
        self.people.setHorizontalHeaderLabels([self.tr("Person (tick to accept)"), "值", "休",
                                               self.tr("Duty hours"), self.tr("Weekend days"),
                                               self.tr("Holidays")])
        self.unfilled.setHorizontalHeaderLabels([self.tr("Day"), self.tr("Requirement"), self.tr("Missing"),
                                                 self.tr("Why")])
        self.accept_all_button.setText(self.tr("&Accept all"))
        self.accept_people_button.setText(self.tr("Accept the &ticked people"))
        self.accept_selected_button.setText(self.tr("Accept the cells selected in the &grid"))
        self.discard_button.setText(self.tr("&Discard"))
        self.close_button.setText(self.tr("Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._show_scope()
            if self.proposal is not None:
                self._show_proposal()
        super().changeEvent(event)

    # -- scope ---------------------------------------------------------------------------------------------
    def scope(self) -> Scope:
        cells = self.selection if self.only_selected.isChecked() and self.selection else None
        if cells:
            days = sorted({d for _p, d in cells})
            return Scope(self.station_id, self.station, days[0], days[-1], set(cells))
        return Scope(self.station_id, self.station, self.days[0], self.days[-1], None)

    def _selection_changed(self, *_args) -> None:
        """The grid's selection, again (the dialog is not modal): what "only the selected cells" fills."""
        if self.job is not None:
            return
        grid = self.page.model.grid
        self.selection = {(grid.rows[r].person_id, grid.days[c]) for r, c in self.page.view.selected_cells()
                          if not grid.rows[r].role and grid.rows[r].station_id == self.station_id}
        several = len(self.selection) > 1
        self.only_selected.setEnabled(several)
        if not several:
            self.only_selected.setChecked(False)
        self._texts_of_selection()
        self._show_scope()

    def _texts_of_selection(self) -> None:
        if len(self.selection) > 1:
            self.only_selected.setText(self.tr("Only the selected cells ({count})").format(count=len(self.selection)))
        else:
            self.only_selected.setText(self.tr("Only the selected cells (select them in the grid)"))

    def _show_scope(self) -> None:
        scope = self.scope()
        line = self.tr("{station}, {first} to {last}").format(
            station=scope.station, first=scope.first.isoformat(), last=scope.last.isoformat())
        if scope.cells:
            line += self.tr(": only the {count} selected cells").format(count=len(scope.cells))
        else:
            line += self.tr(": the empty cells of its people")
        self.scope_label.setText(f"<b>{line}</b>")

    # -- running -------------------------------------------------------------------------------------------
    def options(self, scope: Scope) -> dict:
        options: dict = {"time_limit_s": float(self.time_limit.value()), "unlock": self.unlock.isChecked(),
                         "weights": autofill.Weights(fair=self.fair.value(), keep=self.keep.value(),
                                                     changes=self.changes.value())}
        if scope.cells:
            options["cells"] = set(scope.cells)
        return options

    def is_running(self) -> bool:
        return self.job is not None

    def start(self) -> None:
        if self.job is not None:
            return
        self.discard(quiet=True)
        scope = self.scope()
        options = self.options(scope)
        self._limit = options["time_limit_s"]
        self._scope = scope
        job = AutofillJob(self.db, scope.station_id, scope.first, scope.last, options, self.page.window())
        job.progressed.connect(self._on_progress)
        job.succeeded.connect(self._on_done)
        job.failed.connect(self._on_failed)
        job.crashed.connect(self._on_crashed)
        job.finished.connect(lambda: self._job_ended(job))
        job.finished.connect(job.deleteLater)
        owner = getattr(self.page.window(), "autofill_actions", None)
        if owner is not None:
            owner.keep(job)
        self.job = job
        self._best = None
        self._started = dt.datetime.now().timestamp()
        self.progress.setValue(0)
        self.progress_label.setText(self.tr("Searching…"))
        self.summary.setText("")
        self._set_running(True)
        self._clock.start()
        job.start()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(self.tr("Stopping: keeping the best proposal so far…"))

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.time_limit.setEnabled(not running)
        self.only_selected.setEnabled(not running and len(self.selection) > 1)
        self.weights_box.setEnabled(not running)
        self.unlock.setEnabled(not running)
        self._update_buttons()

    def _tick(self) -> None:
        seconds = dt.datetime.now().timestamp() - self._started
        self.progress.setValue(min(1000, int(1000 * seconds / max(self._limit, 0.1))))
        found = self._best.solutions if self._best is not None else 0
        if self.job is not None and self.cancel_button.isEnabled():
            if seconds > self._limit + 0.5:  # the search is over; the service explains what stays short
                self.progress_label.setText(self.tr("{count} solutions; finding out why some slots stay empty…")
                                            .format(count=found))
            else:
                self.progress_label.setText(self.tr("{seconds:.0f} s, {count} solutions found").format(
                    seconds=seconds, count=found))

    def _on_progress(self, progress: Progress) -> None:
        self._best = progress
        self._tick()

    def _job_ended(self, job: AutofillJob) -> None:
        if self.job is job:
            self.job = None
            self._clock.stop()
            self._set_running(False)
            self._impact_timer.start()  # the check of the proposal waits for the run's end

    def _on_done(self, proposal) -> None:
        if self.sender() is not self.job:
            return  # a run the dialog no longer waits for (closed meanwhile)
        self.progress.setValue(1000)
        self.proposal = proposal
        self.values = dict(proposal.values)
        self.before = {key: proposal.before.get(key) for key in self.values}
        self.leaders = dict(proposal.leaders)
        self.dropped = 0
        self._stopped = self.job.token.cancelled
        if not proposal.values and not proposal.leaders and proposal.status not in ("OPTIMAL", "FEASIBLE"):
            self.progress_label.setText(self.tr("No proposal"))
        elif self._stopped:
            self.progress_label.setText(self.tr("Stopped after {seconds:.1f} s: the best so far").format(
                seconds=proposal.seconds))
        else:
            self.progress_label.setText(self.tr("Done in {seconds:.1f} s").format(seconds=proposal.seconds))
        self._show_proposal()

    # -- the proposal ----------------------------------------------------------------------------------------
    def _show_proposal(self) -> None:
        self._show_overlay()
        self._fill_people()
        self._fill_unfilled()
        self._show_summary()
        self._update_buttons()
        self._impact_timer.start()

    def command(self, cells: set[Cell], leader_days: set[dt.date]) -> AutofillCommand:
        """The step that writes these proposed cells and these days' leaders."""
        role = self.proposal.leader_role
        values = {key: self.values[key] for key in sorted(cells, key=lambda k: (k[1], k[0]))}
        items = [(self.station_id, day, role, self.leaders[day]) for day in sorted(leader_days)]
        text = self.tr("Fill automatically: {cells} cells, {leaders} duty leaders of {station}").format(
            cells=len(values), leaders=len(items), station=self.station)
        return AutofillCommand(text, self.station_id, values, {k: self.before.get(k) for k in values}, items,
                               self.page.model.codes)

    def update_impact(self) -> None:
        """Check what accepting all that is still proposed would add (made in a unit of work rolled back)."""
        if self.job is not None or not (self.values or self.leaders):
            self.impact.clear()
            return
        errors = 0
        try:
            delta = self.hub.preview(self.command(set(self.values), set(self.leaders)))
            summary, lines = self.page.impact_text(delta)
            errors = sum(1 for p in delta.appeared if p.severity == ERROR) if delta is not None else 0
        except UserError as exc:
            summary, lines = exc.message, []
        text = html.escape(self.tr("Accepting all: {summary}").format(summary=summary))
        if lines:
            text += "<br>" + "<br>".join(html.escape(line) for line in lines[:8]) + ("<br>…" if len(lines) > 8 else "")
        self.impact.setText(text)
        # Red for a new error, amber for new warnings only (soft rules the fill weighs), green for none.
        self.impact.setStyleSheet("color: #b00020" if errors else "color: #8a5a00" if lines else "color: #1b5e20")
        self.new_errors = errors

    def _show_overlay(self) -> None:
        cells: dict = {}
        for key, code in self.values.items():
            cells[key] = (code, "changed" if self.before.get(key) else "duty" if code == autofill.DUTY_CODE else "off")
        role = self.proposal.leader_role
        for day, pid in self.leaders.items():
            cells[(self.station_id, role), day] = (self._names.get(pid, str(pid)), "leader")
        self.page.model.set_overlay(cells)

    def _summary_line(self) -> str:
        p = self.proposal
        duties = sum(1 for code in self.values.values() if code == autofill.DUTY_CODE)
        changed = sum(1 for key in self.values if self.before.get(key))
        status = {"OPTIMAL": self.tr("the best there is"), "FEASIBLE": self.tr("the best found in the time")}.get(
            p.status, self.tr("no proposal found"))
        lines = [self.tr("Proposed cells: {duty} 值, {off} 休").format(duty=duties, off=len(self.values) - duties)]
        if changed:
            lines[0] += self.tr(" ({count} of them change what is entered)").format(count=changed)
        lines.append(self.tr("Duty-hours spread (most − least): {before:g} → {after:g} h").format(
            before=p.spread_before, after=p.spread_after))
        lines.append(self.tr("Duty leaders proposed: {count}").format(count=len(self.leaders)))
        short = [u for u in p.unfilled]
        lines.append(self.tr("Left short: {count} (see “Not filled”)").format(count=len(short)) if short
                     else self.tr("Nothing left short."))
        line = "<br>".join(lines) + "<br><small>" + self.tr("Proposal: {status}, {seconds:.1f} s.").format(
            status=status, seconds=p.seconds) + "</small>"
        if self.dropped:
            line += "<br>" + self.tr("{count} proposed cells were taken off: they were edited since.").format(
                count=self.dropped)
        return line

    def _show_summary(self, extra: str = "") -> None:
        if self.proposal is None:
            self.summary.setText(extra)
            return
        if not self.values and not self.leaders and self.proposal.status not in ("OPTIMAL", "FEASIBLE"):
            text = (self.tr("Stopped before any proposal was found: start again and let it run longer.")
                    if self._stopped else self.tr("No proposal was found in the time: try a longer time limit."))
            if self.proposal.unfilled:
                text += " " + self.tr("See “Not filled” for what cannot be filled.")
            self.summary.setText(text + ("<br>" + extra if extra else ""))
            return
        self.summary.setText(self._summary_line() + ("<br>" + extra if extra else ""))

    def person_stats(self) -> list[tuple]:
        """(person id, name, 值 and 休 proposed, (hours, weekends, holidays) before and after) of each person with
        proposed cells: the service's PersonStat when it gives them, else counted from the grid."""
        people = sorted({pid for pid, _d in self.values} | set(self.leaders.values()),
                        key=lambda pid: self.page.model.grid.row_of.get(pid, 1 << 30))
        proposed: dict[int, list[int]] = {pid: [0, 0] for pid in people}
        for (pid, _d), code in self.values.items():
            proposed[pid][0 if code == autofill.DUTY_CODE else 1] += 1
        given = {s.person_id: s for s in self.proposal.people}
        counted = self._counted(people)
        out = []
        for pid in people:
            s = given.get(pid)
            if s is not None:
                before = (s.hours_before, s.weekends_before, s.holidays_before)
                after = (s.hours_after, s.weekends_after, s.holidays_after)
                name = s.name
            else:
                before, after = counted[pid]
                name = self._names.get(pid, str(pid))
            out.append((pid, name, *proposed[pid], before, after))
        return out

    def _counted(self, people: list[int]) -> dict[int, tuple]:
        """Duty hours, weekend and holiday duty days over the scope's days, before and after, from the grid."""
        model, grid = self.page.model, self.page.model.grid
        scope = self._scope or self.scope()
        lang = language()
        days = [d for d in grid.days if scope.first <= d <= scope.last]
        infos = {d: day_info(d, lang) for d in days}
        out = {}
        for pid in people:
            r = grid.row_of.get(pid)
            totals = []
            for with_proposal in (False, True):
                hours = weekends = holidays = 0.0
                for d in days:
                    text = grid.cells[r][grid.column_of[d]] if r is not None else ""
                    if with_proposal:
                        text = self.values.get((pid, d), text)
                    code = model.codes.get(text)
                    if code is None or not code.is_duty:
                        continue
                    hours += code.hours
                    info = infos[d]
                    weekends += bool(info.weekend and not info.adjusted_workday)
                    holidays += bool(info.holiday)
                totals.append((hours, int(weekends), int(holidays)))
            out[pid] = tuple(totals)
        return out

    def _fill_people(self) -> None:
        self.people.blockSignals(True)
        self.people.setRowCount(0)
        for pid, name, duties, offs, before, after in self.person_stats():
            row = self.people.rowCount()
            self.people.insertRow(row)
            item = QTableWidgetItem(name)
            item.setData(PERSON, pid)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked)
            self.people.setItem(row, 0, item)
            texts = [str(duties), str(offs)] + [f"{b:g} → {a:g}" for b, a in zip(before, after, strict=True)]
            for column, text in enumerate(texts, start=1):
                cell = QTableWidgetItem(text)
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.people.setItem(row, column, cell)
        self.people.blockSignals(False)

    def _fill_unfilled(self) -> None:
        self.unfilled.setRowCount(0)
        for u in self.proposal.unfilled:
            row = self.unfilled.rowCount()
            self.unfilled.insertRow(row)
            reasons = "；".join(u.reasons) or "—"
            texts = [f"{u.day.month}/{u.day.day}", autofill.requirement_label(u.requirement), str(u.missing), reasons]
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                if column == 3:
                    cell.setToolTip("\n".join(u.reasons))
                self.unfilled.setItem(row, column, cell)
        self.tabs.setTabText(1, self.tr("Not filled ({count})").format(count=len(self.proposal.unfilled))
                             if self.proposal.unfilled else self.tr("Not filled"))

    def _show_person(self, row: int, _column: int) -> None:
        """Double-click a person: the grid shows their first proposed day."""
        pid = self.people.item(row, 0).data(PERSON)
        days = sorted(d for p, d in self.values if p == pid)
        self.page.jump_to_person(pid, days[0] if days else None)

    def _show_day(self, row: int, _column: int) -> None:
        """Double-click an unfilled day: the grid shows that day."""
        day = self.proposal.unfilled[row].day
        grid = self.page.model.grid
        rows = [r for r, line in enumerate(grid.rows) if line.station_id == self.station_id]
        if rows and day in grid.column_of:
            self.page.select_cell(rows[0], grid.column_of[day])

    def ticked_people(self) -> set[int]:
        return {self.people.item(r, 0).data(PERSON) for r in range(self.people.rowCount())
                if self.people.item(r, 0).checkState() == Qt.CheckState.Checked}

    def _update_buttons(self, *_args) -> None:
        shown = bool(self.values or self.leaders) and self.job is None
        for button in (self.accept_all_button, self.accept_people_button, self.accept_selected_button,
                       self.discard_button):
            button.setEnabled(shown)
        if shown:
            self.accept_people_button.setEnabled(bool(self.ticked_people()))

    # -- accepting, discarding ---------------------------------------------------------------------------------
    def accept_all(self) -> bool:
        return self._accept(set(self.values), set(self.leaders))

    def accept_people(self, people: set[int]) -> bool:
        cells = {key for key in self.values if key[0] in people}
        return self._accept(cells, {day for day, pid in self.leaders.items() if pid in people})

    def accept_selected(self) -> bool:
        grid = self.page.model.grid
        picked = set()
        leader_days = set()
        for r, c in self.page.view.selected_cells():
            row = grid.rows[r]
            if row.role:
                leader_days.add(grid.days[c])
            else:
                picked.add((row.person_id, grid.days[c]))
        cells = picked & set(self.values)
        # A day's leader goes with their own cell that day, or with the leader's row cell selected.
        days = {day for day, pid in self.leaders.items() if (pid, day) in cells or day in leader_days}
        if not cells and not days:
            self._show_summary(self.tr("Select proposed cells in the grid first."))
            return False
        return self._accept(cells, days)

    def _accept(self, cells: set[Cell], leader_days: set[dt.date]) -> bool:
        if self.job is not None or not (cells or leader_days):
            return False
        command = self.command(cells, leader_days)
        values = command.values
        self._pushing = True
        try:
            pushed = self.hub.push(command)
        finally:
            self._pushing = False
        if not pushed:
            self._show_summary(self.tr("Nothing was written: {reason}").format(reason=self.hub.last_refusal))
            return False
        for key in values:
            self.values.pop(key, None)
        for day in leader_days:
            self.leaders.pop(day, None)
        cells_written, leaders_written = command.written
        done = self.tr("Written as one step (Undo takes it back): {cells} cells, {leaders} duty leaders.").format(
            cells=cells_written, leaders=leaders_written)
        if command.dropped:
            done += " " + self.tr("{count} left out: they were edited since the proposal was made.").format(
                count=command.dropped)
        self._show_overlay()
        self._fill_people()
        if self.values or self.leaders:
            self._show_summary(done)
        else:
            self.summary.setText(done)
        self._update_buttons()
        self._impact_timer.start()
        return True

    def discard(self, quiet: bool = False) -> None:
        """Take the proposal off the grid; nothing is written."""
        had = bool(self.values or self.leaders)
        self.values, self.leaders, self.before = {}, {}, {}
        self.page.model.clear_overlay()
        self.impact.clear()
        if self.proposal is not None and not quiet:
            self.people.setRowCount(0)
            self._show_summary(self.tr("Discarded: nothing was written.") if had else "")
        self._update_buttons()

    def _on_changed(self, change: Change) -> None:
        """An edit landed (any, from anywhere): proposed cells it changed are no longer as the proposal saw
        them; they come off the proposal, so the grid shows the edit and accepting never writes over it."""
        if self._pushing or not self.values or not change.people:
            return
        grid = self.page.model.grid
        stale = []
        for key in self.values:
            if key[0] not in change.people:
                continue
            r, c = grid.row_of.get(key[0]), grid.column_of.get(key[1])
            if r is not None and c is not None and grid.cells[r][c] != (self.before.get(key) or ""):
                stale.append(key)
        if stale:
            for key in stale:
                self.values.pop(key)
                day = key[1]
                if self.leaders.get(day) == key[0]:
                    self.leaders.pop(day)
            self.dropped += len(stale)
            self._show_overlay()
            self._fill_people()
            self._show_summary()
            self._update_buttons()
            self._impact_timer.start()

    # -- closing -----------------------------------------------------------------------------------------------
    def done(self, result: int) -> None:
        self._close_down()
        super().done(result)

    def closeEvent(self, event) -> None:
        self._close_down()
        super().closeEvent(event)

    def _close_down(self) -> None:
        if self.job is not None:
            self.job.cancel()  # its result is no longer awaited; the window's owner waits for the thread
            self.job = None
            self._clock.stop()
            self._set_running(False)
        self.discard(quiet=True)
        if self._listening:
            self._listening = False
            self.hub.changed.disconnect(self._on_changed)
            self.page.view.selectionModel().selectionChanged.disconnect(self._selection_changed)
        if getattr(self.page, "autofill_dialog", None) is self:
            self.page.autofill_dialog = None


# -- the window's action --------------------------------------------------------------------------------------
class AutofillActions(JobOwner):
    """Edit ▸ Fill automatically… (Ctrl+Shift+A), also in the grid's context menu; keeps the solves running
    until they end and stops them when the window closes (JobOwner)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.action = QAction(window)
        self.action.setObjectName("actionAutofill")
        self.action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.action.triggered.connect(lambda: self.open())
        window.edit_menu.insertAction(window.copy_week_action, self.action)
        window.roster_page.swaps.fill_action = self.action
        self.retranslate()

    def retranslate(self) -> None:
        self.action.setText(QCoreApplication.translate("AutofillDialog", "Fill &automatically…"))
        self.action.setStatusTip(QCoreApplication.translate(
            "AutofillDialog", "Fill the empty cells of the station shown (or the selected cells) with a proposal that "
            "keeps the rules; see it on the grid before accepting"))

    def open(self) -> AutofillDialog | None:
        """The dialog for the station the grid shows (or of its current cell) over its days."""
        window = self.window
        page = window.roster_page
        existing = getattr(page, "autofill_dialog", None)
        if existing is not None:
            existing.raise_()
            existing.activateWindow()
            return existing
        page.load_pending()
        grid = page.model.grid
        _days, scope = page.shown_unit()
        station_id = scope.station_id
        if station_id is None:
            current = page.view.currentIndex()
            if current.isValid():
                station_id = grid.rows[current.row()].station_id
        people = [row for row in grid.rows if not row.role and row.station_id == station_id]
        if not grid.days or station_id is None or not people:
            window.statusBar().showMessage(QCoreApplication.translate(
                "AutofillDialog", "Show a station's roster first (or click a cell of one of its people): the "
                "automatic fill works on its days."), 8000)
            return None
        station = people[0].station
        selection = {(grid.rows[r].person_id, grid.days[c]) for r, c in page.view.selected_cells()
                     if not grid.rows[r].role and grid.rows[r].station_id == station_id}
        dialog = AutofillDialog(page, station_id, station, list(grid.days), selection, window)
        page.autofill_dialog = dialog
        dialog.show()
        return dialog
