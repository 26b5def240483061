"""Security task ▸ Fill posts automatically…: vehicles and crews proposed for the windows of the post board
that are not fully staffed, shown over the board before anything is written, and accepted (all, or the
windows selected on the board) as one undo step.

``autofill_posts.propose_posts`` runs in its own thread with its own read-only session (``PostFillJob``);
the GUI thread shows that it is busy and can stop it (the run is abandoned: its result is never shown and
nothing changes). While a proposal is shown the board's model overlays it (``PostBoardModel.set_planned``):
each planned window pale green in a green frame, with what it would show in italics. Accepting pushes one
StaffingCommand (``push_staffing``) after dropping the plans whose window changed since the run started or
whose people or vehicles are no longer free (the board's own availability, as copying a day forward does).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from rosterapp import vocab
from rosterapp.errors import UserError
from rosterapp.i18n import language
from rosterapp.models import Person, Station, Vehicle, VehicleType
from rosterapp.services import autofill_posts, staffing
from rosterapp.services.availability import Pending
from rosterapp.services.rules import message
from rosterapp.services.rules.data import to_min
from rosterapp.services.rules.problem import ERROR
from rosterapp.services.staffing import WindowStaffing
from rosterapp.ui.boards.post_board import PLANNED_COLOR, PLANNED_FRAME, window_text
from rosterapp.ui.commands import StaffingCommand
from rosterapp.ui.jobs import JobOwner, RunReports, SessionJob

Key = tuple[int, int]  # (post id, window start in engine minutes)


@dataclass
class PostFillResult:
    """What the run found: the service's proposal and the names of the people and vehicles it places."""

    proposal: autofill_posts.PostProposal
    people: dict[int, tuple[str, str, str]]  # id -> name, staff no., station
    vehicles: dict[int, tuple[str, str, str, str, str]]  # id -> call sign, type code, type name, plate, station
    seconds: float


# -- the run, off the GUI thread ------------------------------------------------------------------------
class PostFillJob(SessionJob):
    """``propose_posts`` off the GUI thread; ``succeeded`` carries a PostFillResult. The service cannot be
    interrupted: ``cancel`` (Stop) marks the result as no longer wanted."""

    what = "the automatic fill of the posts"

    def __init__(self, db, operation_id: int, first: dt.date, last: dt.date, detachment_id: int | None,
                 parent=None):
        super().__init__(db, parent)
        self._operation, self._first, self._last = operation_id, first, last
        self._detachment = detachment_id
        self.abandoned = False  # Stop: the result is no longer wanted

    def cancel(self) -> None:
        self.abandoned = True

    def work(self, session) -> PostFillResult:
        timer = QElapsedTimer()
        timer.start()
        proposal = autofill_posts.propose_posts(session, self._operation, self._first, self._last,
                                                detachment_id=self._detachment)
        people_ids = sorted({p for plan in proposal.plans for p, _r, _v in plan.people})
        vehicle_ids = sorted({v for plan in proposal.plans for v in plan.vehicles})
        people = {row[0]: tuple(row[1:]) for row in session.execute(
            select(Person.id, Person.name, Person.staff_no, Station.short_name)
            .join(Station, Station.id == Person.station_id).where(Person.id.in_(people_ids)))}
        vehicles = {row[0]: tuple(row[1:]) for row in session.execute(
            select(Vehicle.id, Vehicle.call_sign, VehicleType.code, VehicleType.name, Vehicle.plate,
                   Station.short_name)
            .join(VehicleType, VehicleType.id == Vehicle.type_id)
            .join(Station, Station.id == Vehicle.station_id).where(Vehicle.id.in_(vehicle_ids)))}
        return PostFillResult(proposal, people, vehicles, timer.elapsed() / 1000)


def key_of(plan: WindowStaffing) -> Key:
    return plan.post_id, to_min(plan.start)


def snapshot(board) -> dict[Key, tuple]:
    """Each window of the board as it stands: its vehicles and its crew (what a plan was made against)."""
    out = {}
    if board is None:
        return out
    for r, line in enumerate(board.lines):
        for cell in board.cells[r]:
            if cell is not None:
                out[line.post_id, cell.lo] = (frozenset(p.vehicle.id for p in cell.placements),
                                              frozenset((t.person_id, t.role) for t in cell.crew))
    return out


# -- the dialog -----------------------------------------------------------------------------------------
class PostFillDialog(RunReports, QDialog):
    """The scope, the run's progress, the proposal's figures and the windows still short.

    Non-modal: the board behind it shows the proposal and its selection is what "accept the selected
    windows" takes. Closing it discards what was not accepted.
    """

    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__(parent or controller.window)
        self.setObjectName("postFillDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ops = controller
        self.hub = controller.hub
        self.db = controller.db
        board = controller.board
        self.operation_id = board.operation_id
        self.task = board.name
        self.detachment_id = controller.board_page.detachment.currentData()
        self.detachment = controller.board_page.detachment.currentText()
        self.days = list(board.days)
        self.job: PostFillJob | None = None
        self.result: PostFillResult | None = None
        self.plans: dict[Key, WindowStaffing] = {}  # still proposed (accepting some takes them away)
        self.before: dict[Key, tuple] = {}  # the board's windows when the run started
        self.dropped = 0  # plans taken off because their window changed since
        self.gaps: list[autofill_posts.PostGap] = []  # the windows still short (the service's, and the checker's)
        self.filled = 0  # windows the plans still shown fill
        self.accepted = 0  # windows written from this proposal
        self.checked: list[str] | None = None  # the new warnings accepting all would add, as checked on arrival
        self._warnings: list[str] = []
        self._pushing = False
        self._stopped = False
        self._scope: tuple[dt.date, dt.date] | None = None

        self.scope_label = QLabel(self)
        self.scope_label.setObjectName("postFillScope")
        self.scope_label.setWordWrap(True)
        self.only_selected = QCheckBox(self)
        self.only_selected.setObjectName("postFillOnlySelected")
        self.only_selected.toggled.connect(self._show_scope)
        self.start_button = QPushButton(self)
        self.start_button.setObjectName("postFillStart")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.stop_button = QPushButton(self)
        self.stop_button.setObjectName("postFillStop")
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("postFillProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("postFillProgressLabel")
        self._clock = QTimer(self)
        self._clock.setInterval(250)
        self._clock.timeout.connect(self._tick)
        self._elapsed = QElapsedTimer()

        self.legend = QLabel(self)
        self.legend.setObjectName("postFillLegend")
        self.legend.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("postFillSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.short_title = QLabel(self)
        self.short = QTableWidget(0, 4, self)
        self.short.setObjectName("postFillShort")
        self.short.setWordWrap(True)
        self.short.verticalHeader().hide()
        self.short.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.short.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.short.setAlternatingRowColors(True)
        header = self.short.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)  # fitted in _fill_short
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # The reasons wrap: each row as high as they are at the width the column has now.
        header.sectionResized.connect(lambda *_a: QTimer.singleShot(0, self.short.resizeRowsToContents))
        self.short.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.short.cellDoubleClicked.connect(self._show_gap)
        self.short.setMinimumHeight(160)

        self.accept_all_button = QPushButton(self)
        self.accept_all_button.setObjectName("postFillAcceptAll")
        self.accept_all_button.clicked.connect(self.accept_all)
        self.accept_selected_button = QPushButton(self)
        self.accept_selected_button.setObjectName("postFillAcceptSelected")
        self.accept_selected_button.clicked.connect(self.accept_selected)
        self.discard_button = QPushButton(self)
        self.discard_button.setObjectName("postFillDiscard")
        self.discard_button.clicked.connect(lambda: self.discard())
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("postFillClose")
        self.close_button.clicked.connect(self.close)

        run = QHBoxLayout()
        run.addWidget(self.start_button)
        run.addWidget(self.stop_button)
        run.addWidget(self.progress, 1)
        run.addWidget(self.progress_label)
        accept = QHBoxLayout()
        for button in (self.accept_all_button, self.accept_selected_button, self.discard_button):
            accept.addWidget(button)
        accept.addStretch(1)
        accept.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scope_label)
        layout.addWidget(self.only_selected)
        layout.addLayout(run)
        layout.addWidget(self.legend)
        layout.addWidget(self.summary)
        layout.addWidget(self.short_title)
        layout.addWidget(self.short, 1)
        layout.addLayout(accept)

        controller.boardChanged.connect(self._on_board_changed)
        controller.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self._listening = True
        self.retranslate()
        self._selection_changed()
        self._update_buttons()
        self.resize(900, 600)

    # -- texts -----------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Fill posts automatically"))
        self.start_button.setText(self.tr("&Start"))
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop the run: nothing is proposed and nothing changes"))
        self.legend.setText(self.tr(
            "On the board, until you accept or discard: <span style='background:{color}; border: 1px dashed "
            "{frame}'>&nbsp;<i>+ names in italics</i>&nbsp;</span> a window the proposal staffs, as it would "
            "read then (+ marks what is added; its tooltip lists every vehicle and person). Nothing is "
            "written yet.").format(color=PLANNED_COLOR, frame=PLANNED_FRAME))
        self.short.setHorizontalHeaderLabels([self.tr("Post"), self.tr("Window"), self.tr("Missing"),
                                              self.tr("Why")])
        self.short.setToolTip(self.tr("Double-click a window to see it on the board"))
        self.accept_all_button.setText(self.tr("&Accept all"))
        self.accept_selected_button.setText(self.tr("Accept the windows selected on the &board"))
        self.discard_button.setText(self.tr("&Discard"))
        self.close_button.setText(self.tr("Close"))
        self._texts_of_selection()
        self._show_short_title()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._show_scope()
            if self.result is not None:
                self._show_overlay()  # the cells' texts in the new language
                self._fill_short()
                self._show_summary()
        super().changeEvent(event)

    # -- scope -----------------------------------------------------------------------------------------------
    def selected_days(self) -> list[dt.date]:
        board = self.ops.board
        if board is None or board.operation_id != self.operation_id:
            return []
        return sorted({board.days[c] for r, c in self.ops.view.selected_cells() if board.cells[r][c] is not None})

    def selected_windows(self) -> int:
        board = self.ops.board
        if board is None:
            return 0
        return sum(1 for r, c in self.ops.view.selected_cells() if board.cells[r][c] is not None)

    def scope(self) -> tuple[dt.date, dt.date]:
        """The days to fill: the board's, or those of the windows selected on it."""
        days = self.selected_days() if self.only_selected.isChecked() else []
        return (days[0], days[-1]) if days else (self.days[0], self.days[-1])

    def _selection_changed(self, *_args) -> None:
        if self.job is not None:
            return
        several = self.selected_windows() > 1
        self.only_selected.setEnabled(several)
        if not several:
            self.only_selected.setChecked(False)
        self._texts_of_selection()
        self._show_scope()

    def _texts_of_selection(self) -> None:
        count = self.selected_windows()
        if count > 1:
            days = self.selected_days()
            self.only_selected.setText(self.tr("Only the days of the windows selected on the board ({first} to "
                                               "{last})").format(first=_short(days[0]), last=_short(days[-1])))
        else:
            self.only_selected.setText(self.tr("Only the days of the windows selected on the board (select "
                                               "them first)"))

    def _show_scope(self) -> None:
        first, last = self.scope()
        where = self.detachment if self.detachment_id is not None else self.tr("all detachments")
        self.scope_label.setText("<b>" + self.tr("{task}, {first} to {last}, posts of {where}: the windows not "
                                                 "fully staffed").format(task=self.task, first=first.isoformat(),
                                                                          last=last.isoformat(), where=where) + "</b>")

    # -- running ---------------------------------------------------------------------------------------------
    def is_running(self) -> bool:
        return self.job is not None

    def start(self) -> None:
        if self.job is not None or self.ops.board is None:
            return
        self.discard(quiet=True)
        first, last = self._scope = self.scope()
        self.before = snapshot(self.ops.board)
        job = PostFillJob(self.db, self.operation_id, first, last, self.detachment_id, self.ops.window)
        job.succeeded.connect(self._on_done)
        job.failed.connect(self._on_failed)
        job.crashed.connect(self._on_crashed)
        job.finished.connect(lambda: self._job_ended(job))
        job.finished.connect(job.deleteLater)
        self.ops.keep_fill_job(job)
        self.job = job
        self._stopped = False
        self.result = None
        self.gaps, self.filled, self.accepted = [], 0, 0
        self._elapsed.start()
        self.progress.setRange(0, 0)  # busy: the service says nothing of how far it is
        self.progress_label.setText(self.tr("Planning…"))
        self.summary.setText("")
        self.short.setRowCount(0)
        self._show_short_title()
        self._set_running(True)
        self._clock.start()
        job.start()

    def stop(self) -> None:
        """Abandon the run: its result is never shown, nothing changes."""
        job = self.job
        if job is None:
            return
        job.cancel()
        self.job = None
        self._stopped = True
        self._clock.stop()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress_label.setText("")
        self.summary.setText(self.tr("Stopped: nothing was proposed and nothing changed."))
        self._set_running(False)

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.stop_button.setEnabled(running)
        self.only_selected.setEnabled(not running and self.selected_windows() > 1)
        self._update_buttons()

    def _tick(self) -> None:
        if self.job is not None:
            self.progress_label.setText(self.tr("Planning… {seconds:.0f} s").format(
                seconds=self._elapsed.elapsed() / 1000))

    def _job_ended(self, job: PostFillJob) -> None:
        if self.job is job:
            self.job = None
            self._clock.stop()
            self.progress.setRange(0, 1)
            self._set_running(False)

    def _on_done(self, result: PostFillResult) -> None:
        job = self.sender()
        if job is not self.job or getattr(job, "abandoned", False):
            return  # a run the dialog no longer waits for (stopped, closed)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.progress_label.setText(self.tr("Done in {seconds:.1f} s").format(seconds=result.seconds))
        self.result = result
        self.plans = {key_of(plan): plan for plan in result.proposal.plans}
        self.gaps = list(result.proposal.gaps)
        self.filled = result.proposal.filled
        self.dropped = 0
        self._drop_stale()
        self._check_proposal()
        self._show_proposal()

    def _check_proposal(self) -> None:
        """The live checker's word on the whole proposal: plans that would add an error come off it and are
        listed as still short with the checker's messages (``propose_posts`` checks too, but misses errors
        that name none of a plan's people, vehicles or post: a station vehicle whose driver goes, for one)."""
        self.checked = None
        if not self.plans or self.hub.live is None:
            return
        ok, risky, messages = self.without_new_errors(list(self.plans.values()))
        self.checked = list(dict.fromkeys(self._warnings)) if ok else None
        messages = {key: list(dict.fromkeys(texts)) for key, texts in messages.items()}
        if not risky:
            return
        gap_at = {(g.post_id, to_min(g.start)): k for k, g in enumerate(self.gaps)}
        names = self._post_names()
        for plan in risky:
            key = key_of(plan)
            del self.plans[key]
            why = [self.tr("the staffing found would add an error")]
            k = gap_at.get(key)
            if k is None:
                self.filled -= 1
                self.gaps.append(autofill_posts.PostGap(plan.post_id, names.get(plan.post_id, str(plan.post_id)),
                                                        plan.start, plan.end, why, messages.get(key, [])))
            else:
                gap = self.gaps[k]
                self.gaps[k] = autofill_posts.PostGap(gap.post_id, gap.post, gap.start, gap.end, gap.missing + why,
                                                      gap.reasons + messages.get(key, []))
        self.gaps.sort(key=lambda g: (g.start, g.post))

    def _post_names(self) -> dict[int, str]:
        board = self.ops.board
        return {line.post_id: f"{line.code} {line.name}" for line in board.lines} if board is not None else {}

    # -- the proposal ----------------------------------------------------------------------------------------
    def _show_proposal(self) -> None:
        self._show_overlay()
        self._fill_short()
        self._show_summary()
        self._update_buttons()

    def cells_of_plans(self) -> dict[Key, tuple[int, int]]:
        """Where each plan still proposed is on the board: (row, column)."""
        board = self.ops.board
        if board is None or board.operation_id != self.operation_id:
            return {}
        out: dict[Key, tuple[int, int]] = {}
        for (post, lo) in self.plans:
            for r in board.lines_of_post.get(post, ()):
                for c, cell in enumerate(board.cells[r]):
                    if cell is not None and cell.lo == lo:
                        out[post, lo] = (r, c)
                        break
                if (post, lo) in out:
                    break
        return out

    def _show_overlay(self) -> None:
        model = self.ops.model
        if self.result is None or not self.plans:
            model.set_planned({})
            return
        lang = language()
        people, vehicles = self.result.people, self.result.vehicles
        planned = {}
        for key, (r, c) in self.cells_of_plans().items():
            plan = self.plans[key]
            shown_vehicles = []
            for vid in plan.vehicles:
                cs, type_code, type_name, plate, station = vehicles.get(vid, (str(vid), "", "", "", ""))
                shown_vehicles.append((cs, type_code, f"{cs} {type_name} {plate} ({station})"))
            shown_people = []
            for pid, role, _vehicle in plan.people:
                name, staff_no, station = people.get(pid, (str(pid), "", ""))
                role_text = vocab.label(vocab.CREW_ROLE, role, lang) if role else "—"
                shown_people.append((name, f"{name}（{staff_no}）{role_text} · {station}", role))
            planned[r, c] = model.planned_cell(r, c, shown_vehicles, shown_people)
        model.set_planned(planned)

    def planned_cells(self) -> set[tuple[int, int]]:
        """The board's cells the overlay marks."""
        return set(self.ops.model.planned)

    def _show_summary(self, extra: str = "") -> None:
        if self.result is None:
            self.summary.setText(extra)
            return
        p = self.result.proposal
        plans = list(self.plans.values())
        lines = [self.tr("Windows short: {windows} · filled by the proposal: {filled} · still short: {short}").format(
            windows=p.windows, filled=self.filled, short=len(self.gaps))]
        if plans:
            lines.append(self.tr("Proposed: {vehicles} vehicles and {people} people at {count} windows").format(
                vehicles=sum(len(x.vehicles) for x in plans), people=sum(len(x.people) for x in plans),
                count=len(plans)))
        elif self.accepted:
            lines.append(self.tr("{count} windows of the proposal were written; nothing else is proposed.").format(
                count=self.accepted))
        elif p.windows:
            lines.append(self.tr("Nothing is proposed."))
        elif not p.locked:
            lines.append(self.tr("Every window of these days is fully staffed."))
        if p.locked:
            lines.append(self.tr("Left as they are, their sub-plans being approved (locked): {detachments}").format(
                detachments="、".join(p.locked)))
        if self.checked is not None and plans:
            if self.checked:
                lines.append(self.tr("Checked: accepting all adds no error, {count} warnings ({warnings})").format(
                    count=len(self.checked), warnings="；".join(self.checked[:2]) + ("…" if len(self.checked) > 2
                                                                                    else "")))
            else:
                lines.append(self.tr("Checked: accepting all adds no error and no warning."))
        shown = len(self.cells_of_plans())
        if shown < len(plans):
            lines.append(self.tr("{count} of them are not on the board shown.").format(count=len(plans) - shown))
        if self.dropped:
            lines.append(self.tr("{count} proposed windows were taken off: they were edited since.").format(
                count=self.dropped))
        self.summary.setText("<br>".join(lines) + ("<br>" + extra if extra else ""))

    def _fill_short(self) -> None:
        self.short.setRowCount(0)
        for gap in self.gaps:
            row = self.short.rowCount()
            self.short.insertRow(row)
            texts = [gap.post, window_text(to_min(gap.start), to_min(gap.end)), "、".join(gap.missing),
                     "\n".join(gap.reasons) or "—"]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column == 3:
                    item.setToolTip("\n".join(gap.reasons))
                self.short.setItem(row, column, item)
        self.short.setCurrentItem(None)
        self.short.resizeColumnToContents(2)
        self.short.setColumnWidth(2, min(self.short.columnWidth(2), 16 * self.fontMetrics().averageCharWidth() + 60))
        self.short.resizeRowsToContents()
        self._show_short_title()

    def _show_short_title(self) -> None:
        gaps = self.gaps
        self.short_title.setText("<b>" + (self.tr("Still short ({count})").format(count=len(gaps)) if gaps
                                          else self.tr("Still short")) + "</b>")

    def _show_gap(self, row: int, _column: int) -> None:
        """Double-click a window still short: the board shows it."""
        gap = self.gaps[row]
        board = self.ops.board
        if board is None:
            return
        lo = to_min(gap.start)
        for r in board.lines_of_post.get(gap.post_id, ()):
            for c, cell in enumerate(board.cells[r]):
                if cell is not None and cell.lo == lo:
                    self.ops.select_cell(r, c)
                    return

    def _update_buttons(self, *_args) -> None:
        shown = bool(self.plans) and self.job is None
        for button in (self.accept_all_button, self.accept_selected_button, self.discard_button):
            button.setEnabled(shown)

    # -- edits elsewhere ---------------------------------------------------------------------------------------
    def _on_board_changed(self) -> None:
        """The board was read again or some lines changed (an edit, from anywhere): plans whose window is no
        longer as the run saw it come off; another task or detachment shown discards the proposal."""
        if self._pushing or not self.plans:
            return
        board = self.ops.board
        if (board is None or board.operation_id != self.operation_id
                or self.ops.board_page.detachment.currentData() != self.detachment_id):
            self.discard(quiet=True)
            self._show_summary(self.tr("The board shows other posts now: the proposal was discarded."))
            return
        if self._drop_stale():
            self._show_summary()
        self._show_overlay()
        self._update_buttons()

    def _drop_stale(self) -> int:
        """Take off the plans whose window changed since the run started; how many."""
        now = snapshot(self.ops.board)
        stale = [key for key in self.plans if now.get(key) != self.before.get(key)]
        for key in stale:
            del self.plans[key]
        self.dropped += len(stale)
        if stale:
            self.checked = None  # what accepting all adds is no longer what was checked
        return len(stale)

    # -- accepting, discarding ---------------------------------------------------------------------------------
    def accept_all(self) -> bool:
        return self._accept(set(self.plans))

    def accept_selected(self) -> bool:
        at = {rc: key for key, rc in self.cells_of_plans().items()}
        keys = {at[rc] for rc in self.ops.view.selected_cells() if rc in at}
        if not keys:
            self._show_summary(self.tr("Select proposed windows on the board first."))
            return False
        return self._accept(keys)

    def free_plans(self, keys: set[Key]) -> tuple[list[WindowStaffing], int] | None:
        """The plans of ``keys`` whose people and vehicles are all still free (the board's availability, each
        plan pending for the next), in time order, and how many were left out; None while the checking engine
        loads."""
        a = self.ops.availability()
        if a is None:
            return None
        pending = Pending()
        free, dropped = [], 0
        for key in sorted(keys, key=lambda k: (k[1], k[0])):
            plan = self.plans[key]
            post, lo, hi = plan.post_id, key[1], to_min(plan.end)
            if any(a.vehicle_reason(v, post, lo, hi, pending) is not None for v in plan.vehicles):
                dropped += 1
                continue
            for v in plan.vehicles:
                pending.add_vehicle(v, lo, hi)
            if any(a.person_reason(p, post, lo, hi, role, vehicle, pending) is not None
                   for p, role, vehicle in plan.people):
                dropped += 1
                continue  # its vehicles stay pending: a vehicle planned once is not planned twice
            for p, _role, _vehicle in plan.people:
                pending.add_person(p, lo, hi)
            free.append(plan)
        return free, dropped

    def without_new_errors(self, plans: list[WindowStaffing]
                           ) -> tuple[list[WindowStaffing], list[WindowStaffing], dict[Key, list[str]]]:
        """The plans whose writing the live checker finds adds no error, those left out, and per plan left out
        the errors' messages.

        The whole step is made and rolled back (``hub.preview``); each new error takes off the plans that
        caused it: those placing its people, its vehicles or at its post, and those taking away someone
        on duty then with its vehicle (a station vehicle left without its driver) or, for an error of a
        station only, someone of that station's duty. Again until nothing new appears."""
        a = self.ops.availability()
        risky: list[WindowStaffing] = []
        why: dict[Key, list[str]] = {}
        lang = language()
        self._warnings = []
        for _round in range(6):
            if not plans:
                break
            chosen = list(plans)
            delta = self.hub.preview(StaffingCommand("", lambda s, chosen=chosen: staffing.staff_windows(s, chosen)))
            new = [p for p in delta.appeared if p.severity == ERROR] if delta is not None else []
            if not new:
                self._warnings = [message(p, lang) for p in delta.appeared if p.severity != ERROR] if delta else []
                return plans, risky, why
            bad: set[int] = set()
            for problem in new:
                found = culprits(problem, plans, a) or set(range(len(plans)))  # nobody to blame: none is written
                text = message(problem, lang)
                for k in found:
                    why.setdefault(key_of(plans[k]), []).append(text)
                bad |= found
            risky += [plan for k, plan in enumerate(plans) if k in bad]
            plans = [plan for k, plan in enumerate(plans) if k not in bad]
        if plans:  # still new errors after the rounds: nothing of the rest is written either
            risky += plans
        return [], risky, why

    def _accept(self, keys: set[Key]) -> bool:
        if self.job is not None or not keys:
            return False
        stale = self._drop_stale()
        keys = {key for key in keys if key in self.plans}
        found = self.free_plans(keys)
        if found is None:
            self._show_summary(self.ops.waiting_text())
            return False
        plans, busy = found
        try:
            plans, risky, why = self.without_new_errors(plans)
        except UserError as exc:  # a sub-plan approved meanwhile (locked): nothing is written
            self._show_summary(self.tr("Nothing was written: {reason}").format(reason=exc.message))
            return False
        messages = list(dict.fromkeys(m for texts in why.values() for m in texts))
        left_out = stale + busy
        if not plans:
            parts = []
            if left_out:
                parts.append(self.tr("{count} proposed windows are no longer free or were edited since").format(
                    count=left_out))
            if risky:
                parts.append(self.tr("{count} proposed windows would add an error ({errors})").format(
                    count=len(risky), errors="；".join(messages[:3]) + ("…" if len(messages) > 3 else "")))
            self._show_summary(self.tr("Nothing was written: {reasons}.").format(reasons="; ".join(parts)))
            return False
        text = self.tr("Fill posts automatically: {count} windows").format(count=len(plans))
        self._pushing = True
        try:
            refused = self.ops.push_staffing(text, lambda s: staffing.staff_windows(s, plans, refuse_busy=True))
        finally:
            self._pushing = False
        if refused:
            self._show_summary(self.tr("Nothing was written: {reason}").format(reason=refused[0]))
            return False
        for key in keys:
            self.plans.pop(key, None)
        self.accepted += len(plans)
        self.checked = None
        # What this step changed is the board now: the windows still proposed are compared with it from here.
        self.before = snapshot(self.ops.board)
        done = self.tr("Written as one step (Undo takes it back): {count} windows.").format(count=len(plans))
        if left_out:
            done += " " + self.tr("{count} left out: their people or vehicles are no longer free, or the window "
                                  "was edited since.").format(count=left_out)
        if risky:
            for plan in risky:  # still shown: the clerk sees which, and why in the summary
                self.plans[key_of(plan)] = plan
            done += " " + self.tr("{count} left out: they would add an error ({errors}).").format(
                count=len(risky), errors="；".join(messages[:3]) + ("…" if len(messages) > 3 else ""))
        self._show_overlay()
        self._show_summary(done)
        self._update_buttons()
        self.ops.window.statusBar().showMessage(done, 8000)
        return True

    def discard(self, quiet: bool = False) -> None:
        """Take the proposal off the board; nothing is written."""
        had = bool(self.plans)
        self.plans = {}
        self.ops.model.set_planned({})
        if not quiet and self.result is not None:
            text = (self.tr("Discarded: the rest was not written.") if self.accepted
                    else self.tr("Discarded: nothing was written."))
            self._show_summary(text if had else "")
        self._update_buttons()

    # -- closing -----------------------------------------------------------------------------------------------
    def done(self, result: int) -> None:
        self._close_down()
        super().done(result)

    def closeEvent(self, event) -> None:
        self._close_down()
        super().closeEvent(event)

    def _close_down(self) -> None:
        if self.job is not None:
            self.job.cancel()  # the window's owner waits for the thread
            self.job = None
            self._clock.stop()
        self.discard(quiet=True)
        if self._listening:
            self._listening = False
            self.ops.boardChanged.disconnect(self._on_board_changed)
            self.ops.view.selectionModel().selectionChanged.disconnect(self._selection_changed)
        if getattr(self.ops, "post_fill_dialog", None) is self:
            self.ops.post_fill_dialog = None


def culprits(problem, plans: list[WindowStaffing], a) -> set[int]:
    """The indexes of the plans that make ``problem`` (a new error) appear; see ``without_new_errors``."""
    lo, hi = to_min(problem.start), to_min(problem.end)
    people, vehicles, posts = set(problem.people), set(problem.vehicles), set(problem.posts)
    movers: set[int] = set()
    if a is not None:
        for vid in vehicles:
            movers |= {d.person for d in a.checker.by_vehicle.get(vid, ()) if d.start < hi and lo < d.end}
    out = {k for k, plan in enumerate(plans)
           if plan.start < problem.end and problem.start < plan.end
           and ({p for p, _r, _v in plan.people} & (people | movers) or vehicles & set(plan.vehicles)
                or plan.post_id in posts)}
    if not out and a is not None and problem.stations:
        stations = set(problem.stations)
        at_station = {pid for pid, duties in a.checker.by_person.items() for d in duties
                      if d.post is None and d.station in stations and d.start < hi and lo < d.end}
        out = {k for k, plan in enumerate(plans) if plan.start < problem.end and problem.start < plan.end
               and {p for p, _r, _v in plan.people} & at_station}
    return out


def _short(day: dt.date) -> str:
    return f"{day.month}/{day.day}"


class PostFillRuns(JobOwner):
    """Keeps the runs going until they end; the window waits for them when it closes."""

    def wait(self) -> None:
        """Abandon every run and wait for its thread to end."""
        self.stop_jobs()


def open_dialog(controller) -> PostFillDialog | None:
    """The dialog for the task the board shows (raised when it is open already)."""
    existing = getattr(controller, "post_fill_dialog", None)
    if existing is not None:
        existing.raise_()
        existing.activateWindow()
        return existing
    if controller.board is None or not controller.board.days:
        controller.window.statusBar().showMessage(QCoreApplication.translate(
            "PostFillDialog", "Show a security task's post board first: the automatic fill works on its windows."),
            8000)
        return None
    dialog = PostFillDialog(controller)
    controller.post_fill_dialog = dialog
    dialog.show()
    return dialog

