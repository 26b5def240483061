"""The security-task views of the main window and their gestures.

Selecting an operation in the navigator opens its post board (the window's days widen to whole
months around the task, so the checking engine holds them); vehicles and people are dragged from
the availability lists onto post windows. Every edit is one undoable ``PlanCommand`` (a
``ServiceCommand`` made once before it is pushed, so that a refused edit never reaches the stack),
committed at once and checked at once by the roster controller's checking engine.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QToolBar

from rosterapp import vocab
from rosterapp.errors import UserError, ValidationError
from rosterapp.i18n import language
from rosterapp.services import dutyday, staffing
from rosterapp.services import operations as op_service
from rosterapp.services import posts_board as pb
from rosterapp.services.availability import (
    ALREADY_HERE,
    BUSY,
    INACTIVE,
    MAINTENANCE,
    NOT_IN_SERVICE,
    NOT_QUALIFIED,
    NOT_RESTED,
    ON_LEAVE,
    PLANNED,
    Availability,
    Reason,
)
from rosterapp.services.changes import Change
from rosterapp.services.dutyday import month_span
from rosterapp.services.operations import OperationData, PostData
from rosterapp.services.posts_board import Board, BoardCell
from rosterapp.services.registers import register_choices
from rosterapp.services.rules import Problem
from rosterapp.services.rules.data import from_min, load_thresholds
from rosterapp.services.staffing import StaffingEdit
from rosterapp.ui import navigator as nav
from rosterapp.ui.boards import mime
from rosterapp.ui.boards.charts import CoverageRow
from rosterapp.ui.boards.post_board import share_text, window_text
from rosterapp.ui.operations.editor import CopyOperationDialog, OperationEditor
from rosterapp.ui.operations.pages import GlancePage, PostBoardPage, VehicleBoardPage
from rosterapp.ui.operations.post_editor import PostEditor
from rosterapp.ui.roster.controller import ServiceCommand

log = logging.getLogger("rosterapp.ui.operations")

# The window's days are widened to at most this many around an operation (its whole months).
MAX_RANGE_DAYS = 366


def short_day(day: dt.date) -> str:
    return f"{day.month}/{day.day}"


class PlanCommand(ServiceCommand):
    """A ServiceCommand made before it is pushed (``make``), with a hook run after every do and undo."""

    def __init__(self, controller, text: str, do, undo, *, registers: bool = False,
                 after: Callable[[], None] | None = None):
        super().__init__(controller, text, do, undo, registers=registers)
        self._after = after
        self._made = False

    def make(self) -> None:
        """Do it the first time; a UserError leaves nothing written and the command unpushed."""
        super().redo()
        self._made = True
        self._follow()

    def redo(self) -> None:
        if self._made:  # push() calls redo(): the edit is already made
            self._made = False
            return
        super().redo()
        self._follow()

    def undo(self) -> None:
        super().undo()
        self._follow()

    def _follow(self) -> None:
        if self._after is not None:
            self._after()


class OperationsController(QObject):
    """Owns the post board, vehicle board and at-a-glance tabs and the security-task menu.

    Signals:
        boardChanged(): the board was loaded again or some of its lines changed.
        refused(str): a gesture was refused; carries the reason shown.
    """

    boardChanged = Signal()
    refused = Signal(str)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.roster = window.roster_page.controller
        self.db = self.roster.db
        self.undo_stack = window.undo_stack
        self.operation_id: int | None = None
        self.board: Board | None = None
        self._availability: Availability | None = None
        self._suggestion: tuple[int, int, int, list[tuple[int, str | None]]] | None = None
        self._register_edit = False
        self.loads = 0  # boards loaded so far
        self._vehicles_stale = True
        self._glance_stale = True

        tabs = window.tabs
        self.board_page = PostBoardPage(tabs)
        self.vehicle_page = VehicleBoardPage(tabs)
        self.glance_page = GlancePage(tabs)
        for page in (self.board_page, self.vehicle_page, self.glance_page):
            tabs.addTab(page, "")
        self.model = self.board_page.model
        self.view = self.board_page.view
        self.panel = self.board_page.panel
        self.model.drop_handler = self.drop
        self._build_actions()
        self._fill_detachment_filters()

        self.view.selectionModel().currentChanged.connect(self._on_current)
        self.view.staffRequested.connect(self.open_staff_dialog)
        self.view.clearRequested.connect(self.clear_selected)
        self.panel.assignRequested.connect(self._assign_from_panel)
        self.panel.roleChanged.connect(lambda _role: self.update_panel())
        self.panel.suggestionAccepted.connect(self.accept_suggestion)
        self.board_page.detachment.currentIndexChanged.connect(lambda _i: self.reload_board())
        self.vehicle_page.detachment.currentIndexChanged.connect(lambda _i: self.reload_vehicle_board())
        self.glance_page.scope.currentIndexChanged.connect(lambda _i: self.reload_glance())
        self.roster.edited.connect(self._on_edited)
        self.roster.problemsChanged.connect(self._on_problems)
        self.roster.checking.connect(self._on_checking)
        window.problems_panel.problemActivated.connect(self._on_problem_activated)
        tabs.currentChanged.connect(self._on_tab)
        window.installEventFilter(self)
        self.retranslate()

    # -- building ---------------------------------------------------------------------------------------
    def _action(self, name: str, slot, shortcut: str | None = None) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        self.new_operation_action = self._action("actionNewOperation", self.new_operation)
        self.edit_operation_action = self._action("actionEditOperation", self.edit_operation)
        self.copy_operation_action = self._action("actionCopyOperation", self.copy_operation)
        self.delete_operation_action = self._action("actionDeleteOperation", self.delete_operation)
        self.new_post_action = self._action("actionNewPost", self.new_post)
        self.edit_post_action = self._action("actionEditPost", self.edit_post)
        self.delete_post_action = self._action("actionDeletePost", self.delete_post)
        self.staff_action = self._action("actionStaffWindow", self.open_staff_dialog)
        self.copy_day_action = self._action("actionCopyDayForward", self.ask_copy_day_forward, "Ctrl+Shift+D")
        self.clear_action = self._action("actionClearWindows", self.clear_selected)
        self.menu = self.window.menuBar().addMenu("")
        self.menu.setObjectName("operationsMenu")
        self.window.menuBar().insertMenu(self.window.help_menu.menuAction(), self.menu)
        groups = ((self.new_operation_action, self.edit_operation_action, self.copy_operation_action,
                   self.delete_operation_action),
                  (self.new_post_action, self.edit_post_action, self.delete_post_action),
                  (self.staff_action, self.copy_day_action, self.clear_action))
        toolbar: QToolBar = self.board_page.toolbar
        for k, group in enumerate(groups):
            if k:
                self.menu.addSeparator()
                toolbar.addSeparator()
            for action in group:
                self.menu.addAction(action)
                if action is not self.delete_operation_action:
                    toolbar.addAction(action)
        self._update_actions()

    def _fill_detachment_filters(self) -> None:
        with self.db.begin() as session:
            choices = register_choices(session)
        self.detachments = [(d.id, d.name) for d in choices.detachments]
        for box in (self.board_page.detachment, self.vehicle_page.detachment, self.glance_page.scope):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem("", None)
            for det_id, name in self.detachments:
                box.addItem(name, det_id)
            box.setCurrentIndex(max(box.findData(current), 0))
            box.blockSignals(False)

    def retranslate(self) -> None:
        tabs = self.window.tabs
        tabs.setTabText(tabs.indexOf(self.board_page), self.tr("Post board"))
        tabs.setTabText(tabs.indexOf(self.vehicle_page), self.tr("Vehicle board"))
        tabs.setTabText(tabs.indexOf(self.glance_page), self.tr("At a glance"))
        self.menu.setTitle(self.tr("&Security task"))
        texts = {
            self.new_operation_action: (self.tr("&New security task…"), self.tr("Create a security task")),
            self.edit_operation_action: (self.tr("&Edit security task…"),
                                         self.tr("Name, dates, readiness level and stages of the task shown")),
            self.copy_operation_action: (self.tr("New task from an &earlier one…"),
                                         self.tr("Copy the posts and requirements of an earlier task")),
            self.delete_operation_action: (self.tr("&Delete security task"), self.tr("Delete the task shown")),
            self.new_post_action: (self.tr("New &post…"), self.tr("Add a post to the task shown")),
            self.edit_post_action: (self.tr("Edit p&ost…"), self.tr("Edit the post of the selected line")),
            self.delete_post_action: (self.tr("Delete post"), self.tr("Delete the post of the selected line")),
            self.staff_action: (self.tr("S&taff window…"),
                                self.tr("Vehicles, crew and crew roles of the selected window")),
            self.copy_day_action: (self.tr("&Copy day forward…"),
                                   self.tr("Copy the selected day's staffing to the following days")),
            self.clear_action: (self.tr("Clear &windows"),
                                self.tr("Take every vehicle and person off the selected windows")),
        }
        for action, (text, tip) in texts.items():
            action.setText(text)
            action.setStatusTip(tip)
            action.setToolTip(tip)
        page = self.board_page
        page.detachment_label.setText(self.tr("Posts of"))
        page.empty.setText(self.tr("Select a security task in the navigator on the left, or create one "
                                   "(Security task ▸ New security task…)."))
        self.vehicle_page.detachment_label.setText(self.tr("Vehicles of"))
        self.vehicle_page.legend.setText(self.tr(
            "Station name: at its station · post code: standing at that post · blue: lent to another station · "
            "red: in maintenance · grey: not in service"))
        self.glance_page.coverage_box.setTitle(self.tr("Coverage: share of post windows fully staffed"))
        self.glance_page.fairness_box.setTitle(self.tr("Fairness: duty hours per person this month"))
        self.glance_page.scope_label.setText(self.tr("People of"))
        self.glance_page.coverage.empty_text = self.tr("No security task yet")
        for box in (page.detachment, self.vehicle_page.detachment, self.glance_page.scope):
            box.setItemText(0, self.tr("all detachments"))
        self.panel.retranslate()
        self.show_title()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.model.retranslate()
            self.view.delegate.clear_cache()
            self._vehicles_stale = self._glance_stale = True
        return False

    def _update_actions(self) -> None:
        has_op = self.board is not None
        for action in (self.edit_operation_action, self.delete_operation_action, self.new_post_action,
                       self.copy_day_action, self.staff_action, self.clear_action):
            action.setEnabled(has_op)
        has_line = has_op and self.view.currentIndex().isValid()
        self.edit_post_action.setEnabled(has_line)
        self.delete_post_action.setEnabled(has_line)

    # -- the navigator ------------------------------------------------------------------------------------
    def show_node(self, index: QModelIndex) -> bool:
        """The main window asks before it shows a unit: True when the node was an operation, now shown."""
        if not index.isValid() or index.data(nav.KIND_ROLE) != nav.OPERATION:
            return False
        self.open_operation(index.data(nav.ID_ROLE))
        return True

    def open_operation(self, operation_id: int) -> None:
        """Show an operation's post board; the window's days widen to hold the operation."""
        with self.db.begin() as session:
            try:
                data = op_service.get_operation(session, operation_id)
            except UserError:
                self.close_board()
                return
        days = self.window.days()
        if not days or data.start_date < days[0] or data.end_date > days[-1]:
            first, last = month_span(data.start_date, data.end_date)
            if (last - first).days > MAX_RANGE_DAYS:
                first, last = data.start_date, data.end_date
            self.window.set_range(first, last)  # the roster and the checking engine follow
        elif not self.roster.grid.days:
            self.window.roster_page.show_scope(self.window.days(), self.window.current_scope())
        if operation_id != self.operation_id:
            self._suggestion = None
            self.panel.hide_suggestion()
        self.operation_id = operation_id
        self.reload_board()
        self.window.tabs.setCurrentWidget(self.board_page)

    def first_operation_key(self) -> str:
        """The navigator key of the first security task listed ("" when there is none)."""
        model = self.window.navigator_model
        branch = model.index_for_key(nav.node_key(nav.OPERATIONS))
        if not branch.isValid() or model.rowCount(branch) == 0:
            return ""
        return model.index(0, nav.NAME, branch).data(nav.KEY_ROLE)

    def focus_first_gap(self) -> bool:
        """Select the first window not fully staffed (the emptiest first), to show what can fill it."""
        if self.board is None:
            return False
        rank = {pb.EMPTY: 0, pb.PARTIAL: 1}
        gaps = [(rank[cell.status], c, r) for r, row in enumerate(self.board.cells) for c, cell in enumerate(row)
                if cell is not None and cell.status in rank]
        if not gaps:
            return False
        _rank, c, r = min(gaps)
        self.select_cell(r, c)
        return True

    def close_board(self) -> None:
        self.operation_id = None
        self.board = None
        self.model.set_board(None)
        self.board_page.show_board(False)
        self.show_title()
        self._update_actions()
        self.boardChanged.emit()

    def _checker_for(self, first: dt.date, last: dt.date):
        live = self.roster.live
        if live is None or not pb.checker_covers(live.start, live.end, first - dt.timedelta(days=1), last):
            return None
        return live.checker

    def reload_board(self) -> None:
        """Read the operation's board again, keeping the current cell when it still exists."""
        if self.operation_id is None:
            return
        current = self.view.currentIndex()
        keep = None
        if current.isValid() and self.board is not None:
            line = self.board.lines[current.row()]
            keep = (line.post_id, line.shift, self.board.days[current.column()])
        with self.db.begin() as session:
            try:
                data = op_service.get_operation(session, self.operation_id)
            except UserError:
                self.close_board()
                return
            board = pb.load_board(session, self.operation_id, detachment_id=self.board_page.detachment.currentData(),
                                  checker=self._checker_for(data.start_date, data.end_date))
        self.board = board
        self.loads += 1
        stages, _rest = pb.split_stages(board.remarks)
        self.model.set_board(board, stages)
        self.board_page.show_board(True)
        self._apply_problems()
        self.show_title()
        if keep is not None:
            for r, line in enumerate(board.lines):
                if (line.post_id, line.shift) == keep[:2] and keep[2] in board.column_of:
                    self.view.setCurrentIndex(self.model.index(r, board.column_of[keep[2]]))
                    break
        elif board.lines and board.days:
            self.select_cell(0, self._first_open_column(board))
        self.update_panel()
        self._update_actions()
        self._vehicles_stale = self._glance_stale = True
        self.boardChanged.emit()

    @staticmethod
    def _first_open_column(board: Board) -> int:
        """The column a clerk wants first: today when the task is running, else its first day."""
        today = dutyday.today()
        return board.column_of.get(today, 0)

    def show_title(self) -> None:
        page = self.board_page
        board = self.board
        if board is None:
            page.title.setText(self.tr("Post board"))
            page.details.setText("")
            page.coverage.setText("")
            return
        lang = language()
        page.title.setText(board.name)
        stages, _rest = pb.split_stages(board.remarks)
        stage_text = " · ".join(f"{s.name} {short_day(s.first)}–{short_day(s.last)}" for s in stages)
        details = self.tr("{first} to {last} · {readiness} · {posts} posts").format(
            first=board.start_date.isoformat(), last=board.end_date.isoformat(),
            readiness=vocab.label(vocab.READINESS, board.readiness, lang),
            posts=len({line.post_id for line in board.lines}))
        page.details.setText(details + (" · " + stage_text if stage_text else ""))
        cov = pb.coverage_of(board)
        page.coverage.setText(self.tr("Fully staffed: {full} of {total} windows ({share}) · "
                                      "partly: {partial} · empty: {empty}").format(
            full=cov.full, total=cov.total, share=share_text(cov.share), partial=cov.partial, empty=cov.empty))

    # -- problems -------------------------------------------------------------------------------------------
    def _apply_problems(self) -> None:
        live = self.roster.live
        if self.board is None or live is None:
            self.model.set_problems([])
            return
        posts = self.board.lines_of_post.keys()
        self.model.set_problems([p for p in live.problems() if p.posts and not posts.isdisjoint(p.posts)])

    def _on_problems(self, _problems: list[Problem]) -> None:
        self._apply_problems()

    def _on_checking(self, busy: bool) -> None:
        if not busy:
            self._availability = None
            self.update_panel()

    def _on_problem_activated(self, problem: Problem) -> None:
        """A problem at a post of the board shown: show its window on the board."""
        if self.board is None or not problem.posts or not problem.rule.startswith("post_"):
            return
        lo = pb.to_min(problem.start)
        for post in problem.posts:
            for r in self.board.lines_of_post.get(post, ()):
                for c, cell in enumerate(self.board.cells[r]):
                    if cell is not None and cell.lo <= lo < cell.hi:
                        self.window.tabs.setCurrentWidget(self.board_page)
                        self.select_cell(r, c)
                        return

    # -- availability --------------------------------------------------------------------------------------
    def availability(self) -> Availability | None:
        """Availability over the checking engine's data; None while it loads or misses the board's days."""
        live = self.roster.live
        if live is None or self.board is None:
            return None
        if not pb.checker_covers(live.start, live.end, self.board.days[0] - dt.timedelta(days=1), self.board.days[-1]):
            return None
        a = self._availability
        if a is None or a.checker is not live.checker or a.data is not live.data:
            a = self._availability = Availability(live.data, live.checker)
        return a

    def waiting_text(self) -> str:
        """Why there are no lists: the checking engine still loading, or the days shown not holding the task."""
        if self.roster.live is None:
            return self.tr("Checking… the lists follow when the checking engine has read these days.")
        return self.tr("The days shown in the toolbar do not hold this task: select the task in the navigator "
                       "again to show its days.")

    def current_cell(self) -> tuple[int, int, BoardCell] | None:
        index = self.view.currentIndex()
        if self.board is None or not index.isValid():
            return None
        cell = self.board.cells[index.row()][index.column()]
        return None if cell is None else (index.row(), index.column(), cell)

    def select_cell(self, r: int, c: int) -> None:
        index = self.model.index(r, c)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index, self.view.ScrollHint.PositionAtCenter)

    def _on_current(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self.panel.show_refusal("")
        self.update_panel()
        self._update_actions()

    def cell_title(self, r: int, c: int) -> str:
        line, cell = self.board.lines[r], self.board.cells[r][c]
        return f"{line.code} {line.name} · {window_text(cell.lo, cell.hi)}"

    def update_panel(self) -> None:
        found = self.current_cell()
        if found is None:
            self.panel.set_waiting(self.tr("Select a window of a post to see the vehicles and people free for it."))
            return
        r, c, cell = found
        a = self.availability()
        title = self.cell_title(r, c)
        if a is None:
            self.panel.set_waiting(title + "\n" + self.waiting_text())
            return
        post = self.board.lines[r].post_id
        have = Counter(v.type_code for v in cell.vehicles)
        vehicles = cell.vehicles
        self.panel.set_window(title, a.vehicles(post, cell.lo, cell.hi, have),
                              a.people(post, cell.lo, cell.hi, self.panel.role(),
                                       vehicles[0].id if len(vehicles) == 1 else None))

    # -- refusals --------------------------------------------------------------------------------------------
    def _when(self, minute: int) -> str:
        moment = from_min(minute)
        return f"{moment.month}/{moment.day} {moment:%H:%M}"

    def reason_text(self, who: str, reason: Reason) -> str:
        code, args = reason.code, reason.args
        if code == ON_LEAVE:
            return self.tr("{who} is on leave until {end} ({kind})").format(
                who=who, kind=vocab.label(vocab.ABSENCE_KIND, args[0], language()), end=self._when(args[2]))
        if code == NOT_RESTED:
            return self.tr("{who} is not rested: {hours:g} h of rest, at least {minimum:g} h needed").format(
                who=who, hours=args[0], minimum=args[1])
        if code == NOT_QUALIFIED:
            if args and args[0] == "driver":
                return self.tr("{who} is not qualified to drive a fire engine").format(who=who)
            return self.tr("{who} is not qualified to command (neither an officer nor 指挥员资格)").format(who=who)
        if code == BUSY:
            return self.tr("{who} is at {where} then ({start} – {end})").format(
                who=who, where=args[0], start=self._when(args[1]), end=self._when(args[2]))
        if code == PLANNED:
            return self.tr("{who} is already planned elsewhere then").format(who=who)
        if code == ALREADY_HERE:
            return self.tr("{who} is already at this window").format(who=who)
        if code == INACTIVE:
            return self.tr("{who} is deactivated").format(who=who)
        if code == MAINTENANCE:
            return self.tr("{who} is in maintenance ({reason}) until {end}").format(
                who=who, reason=args[0] or "—", end=self._when(args[2]))
        if code == NOT_IN_SERVICE:
            return self.tr("{who} is not in service").format(who=who)
        return self.tr("{who} is not known").format(who=who)

    def refuse(self, reasons: list[str]) -> None:
        text = self.tr("Refused, nothing was changed: {reasons}.").format(reasons="; ".join(reasons))
        self.panel.show_refusal(text)
        self.window.statusBar().showMessage(text, 8000)
        self.refused.emit(text)

    def _person_name(self, a: Availability, pid: int) -> str:
        person = a.data.people.get(pid)
        return person.name if person else str(pid)

    def _vehicle_name(self, a: Availability, vid: int) -> str:
        vehicle = a.data.vehicles.get(vid)
        return (vehicle.call_sign or vehicle.plate) if vehicle else str(vid)

    # -- staffing gestures ----------------------------------------------------------------------------------
    def push(self, text: str, do, undo, *, registers: bool = False, after=None) -> list[str]:
        """Make an undoable edit and put it on the stack; returns the errors (nothing changed then)."""
        command = PlanCommand(self.roster, text, do, undo, registers=registers, after=after)
        self._register_edit = registers
        try:
            command.make()
        except ValidationError as exc:
            return [e.reason for e in exc.errors]
        except UserError as exc:
            return [exc.message]
        finally:
            self._register_edit = False
        self.undo_stack.push(command)
        return []

    def push_staffing(self, text: str, make: Callable) -> list[str]:
        """A board edit: ``make(session)`` returns (StaffingEdit, Change) the first time; undo and redo
        replay its records."""
        done: list[StaffingEdit] = []

        def do(session):
            if done:
                return staffing.redo_edit(session, done[0])
            edit, change = make(session)
            done.append(edit)
            return change

        def undo(session):
            return staffing.undo_edit(session, done[0])

        errors = self.push(text, do, undo)
        if errors:
            self.refuse(errors)
        return errors

    def _window_vehicle(self, a: Availability, cell: BoardCell, pid: int) -> int | None:
        """The vehicle a person rides at a window: the one of their station duty when it is there, else
        the window's only vehicle."""
        at_window = [v.id for v in cell.vehicles]
        for d in a.checker.by_person.get(pid, ()):
            if d.post is None and d.vehicle in at_window and d.start < cell.hi and cell.lo < d.end:
                return d.vehicle
        return at_window[0] if len(at_window) == 1 else None

    def drop(self, kind: str, ids: list[int], role: str | None, r: int, c: int) -> bool:
        """Put dropped vehicles or people at the window (r, c); refused moves say why and change nothing."""
        if self.board is None:
            return False
        cell = self.board.cells[r][c]
        if cell is None or not ids:
            return False
        a = self.availability()
        if a is None:
            self.refuse([self.waiting_text()])
            return False
        line = self.board.lines[r]
        post = line.post_id
        where = f"{line.code} {short_day(self.board.days[c])}"
        self.panel.show_refusal("")
        if kind == mime.VEHICLES:
            refused = [self.reason_text(self._vehicle_name(a, v), reason) for v in ids
                       if (reason := a.vehicle_reason(v, post, cell.lo, cell.hi)) is not None]
            if refused:
                self.refuse(refused)
                return False
            names = "、".join(self._vehicle_name(a, v) for v in ids)
            plan = staffing.staffing_for_cell(post, cell, vehicles=ids)
            if self.push_staffing(self.tr("Put {what} at {where}").format(what=names, where=where),
                                  lambda s: staffing.staff_windows(s, [plan])):
                return False
            self.suggest_crew(r, c, ids)
            return True
        refused = []
        people = []
        for pid in ids:
            vehicle = self._window_vehicle(a, cell, pid)
            reason = a.person_reason(pid, post, cell.lo, cell.hi, role, vehicle)
            if reason is not None:
                refused.append(self.reason_text(self._person_name(a, pid), reason))
            people.append((pid, role, vehicle))
        if refused:
            self.refuse(refused)
            return False
        names = "、".join(self._person_name(a, p) for p in ids)
        plan = staffing.staffing_for_cell(post, cell, people=people)
        return not self.push_staffing(self.tr("Put {who} at {where}").format(who=names, where=where),
                                      lambda s: staffing.staff_windows(s, [plan]))

    def _assign_from_panel(self, kind: str, ids: list, role) -> None:
        found = self.current_cell()
        if found is None or not ids:
            return
        self.drop(kind, list(ids), role, found[0], found[1])

    def suggest_crew(self, r: int, c: int, vehicles: list[int]) -> None:
        """Offer the crew on duty with a vehicle just placed (its station's watch) for the same window."""
        a = self.availability()
        cell = self.board.cells[r][c] if self.board else None
        if a is None or cell is None:
            return
        post = self.board.lines[r].post_id
        for vid in vehicles:
            crew = a.crew_on_duty(vid, post, cell.lo, cell.hi)
            if crew:
                self._suggestion = (r, c, vid, crew)
                lang = language()
                members = "、".join(f"{self._person_name(a, p)}（{vocab.label(vocab.CREW_ROLE, role, lang)}）"
                                    if role else self._person_name(a, p) for p, role in crew)
                self.panel.show_suggestion(self.tr("The crew on duty with {vehicle}: {members}. Put them at this "
                                                   "window too?").format(vehicle=self._vehicle_name(a, vid),
                                                                          members=members))
                return
        self._suggestion = None
        self.panel.hide_suggestion()

    def accept_suggestion(self) -> bool:
        if self._suggestion is None or self.board is None:
            return False
        r, c, vid, crew = self._suggestion
        self._suggestion = None
        self.panel.hide_suggestion()
        cell = self.board.cells[r][c]
        a = self.availability()
        if cell is None or a is None:
            return False
        post = self.board.lines[r].post_id
        refused = [self.reason_text(self._person_name(a, p), reason) for p, role in crew
                   if (reason := a.person_reason(p, post, cell.lo, cell.hi, role, vid)) is not None]
        if refused:
            self.refuse(refused)
            return False
        plan = staffing.staffing_for_cell(post, cell, people=[(p, role, vid) for p, role in crew])
        text = self.tr("Put the crew of {vehicle} at {where}").format(
            vehicle=self._vehicle_name(a, vid), where=f"{self.board.lines[r].code} {short_day(self.board.days[c])}")
        return not self.push_staffing(text, lambda s: staffing.staff_windows(s, [plan]))

    def remove_from_window(self, duty_ids: list[int], deployment_ids: list[int], text: str) -> bool:
        return not self.push_staffing(text, lambda s: staffing.unstaff(s, duty_ids, deployment_ids))

    def set_roles(self, roles: dict[int, str | None]) -> bool:
        lang = language()
        text = self.tr("Crew role: {role}").format(
            role="、".join(sorted({vocab.label(vocab.CREW_ROLE, r, lang) if r else "—" for r in roles.values()})))
        return not self.push_staffing(text, lambda s: staffing.set_roles(s, roles))

    def clear_selected(self) -> None:
        if self.board is None:
            return
        cells = [self.board.cells[r][c] for r, c in self.view.selected_cells()]
        cells = [cell for cell in cells if cell is not None and (cell.crew or cell.placements)]
        if not cells:
            return
        duties = list(dict.fromkeys(t.duty_id for cell in cells for t in cell.crew))
        deps = list(dict.fromkeys(p.deployment_id for cell in cells for p in cell.placements))
        self.remove_from_window(duties, deps, self.tr("Clear {count} windows").format(count=len(cells)))

    def copy_day_forward(self, rows: list[int] | None, source: dt.date, last: dt.date) -> tuple[int, list]:
        """Copy the staffing of ``source`` on some lines (None: all) to every day up to ``last``: one undo step.

        Returns the number of windows filled and what was skipped (``staffing.Skipped``).
        """
        a = self.availability()
        if self.board is None or a is None:
            return 0, []
        targets = [d for d in self.board.days if source < d <= last]
        lines = list(range(len(self.board.lines))) if rows is None else sorted(set(rows))
        plans, skipped = staffing.copy_forward_staffing(self.board, a, lines, source, targets)
        if plans:
            text = self.tr("Copy {day} forward to {last} ({count} windows)").format(
                day=short_day(source), last=short_day(last), count=len(plans))
            if self.push_staffing(text, lambda s: staffing.staff_windows(s, plans)):
                return 0, skipped
        return len(plans), skipped

    def ask_copy_day_forward(self) -> None:
        from rosterapp.ui.operations.staff_dialog import CopyForwardDialog

        found = self.current_cell()
        if found is None:
            self.window.statusBar().showMessage(self.tr("Select a window of the day to copy first."), 5000)
            return
        r, c, _cell = found
        rows = sorted({row for row, _ in self.view.selected_cells()}) or [r]
        dialog = CopyForwardDialog(self.board.days[c], self.board.days[-1], len(rows), len(self.board.lines),
                                   self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def run() -> None:
            count, skipped = self.copy_day_forward(None if dialog.all_posts() else rows, self.board.days[c],
                                                   dialog.last())
            self.report_copy(count, skipped)

        dialog.accepted.connect(run)
        dialog.open()

    def report_copy(self, count: int, skipped: list) -> None:
        text = self.tr("{count} windows filled").format(count=count)
        if skipped:
            a = self.availability()
            lines = []
            for s in skipped[:30]:
                who = self._vehicle_name(a, s.id) if s.kind == "vehicle" else self._person_name(a, s.id)
                lines.append(f"{self.board.lines[s.line].code} {short_day(s.day)}: {self.reason_text(who, s.reason)}")
            text += self.tr("; {count} left out").format(count=len(skipped))
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Copy day forward"), text, parent=self.window)
            box.setObjectName("copyForwardReport")
            box.setDetailedText("\n".join(lines))
            box.open()
        self.window.statusBar().showMessage(text, 8000)

    def open_staff_dialog(self) -> None:
        from rosterapp.ui.operations.staff_dialog import StaffDialog

        found = self.current_cell()
        if found is None:
            return
        dialog = StaffDialog(self, found[0], found[1], self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # -- after edits -------------------------------------------------------------------------------------------
    def _on_edited(self, change: Change) -> None:
        if self._availability is not None:
            self._availability.forget(change.people)
        self._vehicles_stale = self._glance_stale = True
        if self.board is None or self._register_edit:
            return
        posts = set(change.posts) & self.board.lines_of_post.keys()
        if posts:
            with self.db.begin() as session:
                rows = pb.refresh_posts(session, self.board, posts)
            self.model.lines_changed(rows)
            self._apply_problems()
            self.show_title()
            self.boardChanged.emit()
        self.update_panel()
        if self.window.tabs.currentWidget() is self.vehicle_page:
            self.reload_vehicle_board()

    def _after_register_edit(self, select_operation: int | None = None) -> None:
        """Operations or posts changed: the navigator, the detachment lists and the board follow."""
        self._fill_detachment_filters()
        loads = self.loads
        names: dict[int, str] = {}
        if select_operation is not None:
            with self.db.begin() as session:
                names = {r.id: r.name for r in op_service.list_operations(session)}
            if select_operation in names:
                self.operation_id = select_operation
        self.window.reload()  # shows the selected node again: an operation comes back through show_node
        if select_operation in names:
            self.window.select_key(nav.node_key(nav.OPERATION, names[select_operation]))
        if self.operation_id is not None and self.loads == loads:
            self.reload_board()

    # -- operations and posts ------------------------------------------------------------------------------------
    def _thresholds(self) -> tuple[dict, dict]:
        with self.db.begin() as session:
            t = load_thresholds(session, {})
        return t.base, t.by_readiness

    def new_operation(self) -> OperationEditor:
        created: list[int] = []

        def submit(data: OperationData) -> list[str]:
            snapshot: list = []

            def do(session):
                if snapshot:
                    return staffing.restore_operation(session, snapshot[0])
                op_id = op_service.create_operation(session, data)
                created.append(op_id)
                snapshot.append(staffing.snapshot_operation(session, op_id))
                return Change()

            def undo(session):
                return op_service.delete_operation(session, created[0])

            return self.push(self.tr("New security task {name}").format(name=data.name.strip()), do, undo,
                             registers=True, after=lambda: self._after_register_edit(created[0] if created else None))

        base, by_readiness = self._thresholds()
        dialog = OperationEditor(submit, base, by_readiness, None, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def edit_operation(self) -> OperationEditor | None:
        if self.operation_id is None:
            return None
        op_id = self.operation_id
        with self.db.begin() as session:
            before = op_service.get_operation(session, op_id)

        def submit(data: OperationData) -> list[str]:
            if data == before:
                return []
            return self.push(self.tr("Edit security task {name}").format(name=data.name.strip()),
                             lambda s: _update_operation(s, op_id, data),
                             lambda s: _update_operation(s, op_id, before),
                             registers=True, after=lambda: self._after_register_edit(op_id))

        base, by_readiness = self._thresholds()
        dialog = OperationEditor(submit, base, by_readiness, before, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def copy_operation(self) -> CopyOperationDialog:
        with self.db.begin() as session:
            rows = op_service.list_operations(session)
        created: list[int] = []

        def submit(source: int, name: str, start: dt.date) -> list[str]:
            snapshot: list = []

            def do(session):
                if snapshot:
                    return staffing.restore_operation(session, snapshot[0])
                op_id = op_service.copy_operation(session, source, name, start)
                created.append(op_id)
                snapshot.append(staffing.snapshot_operation(session, op_id))
                return Change(posts=frozenset(p.post["id"] for p in snapshot[0].posts))

            def undo(session):
                return op_service.delete_operation(session, created[0])

            return self.push(self.tr("New security task {name} from an earlier one").format(name=name.strip()),
                             do, undo, registers=True,
                             after=lambda: self._after_register_edit(created[0] if created else None))

        dialog = CopyOperationDialog(rows, submit, self.operation_id, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def delete_operation(self, confirm: bool = True) -> bool:
        if self.operation_id is None or self.board is None:
            return False
        op_id, name = self.operation_id, self.board.name
        if confirm and QMessageBox.question(
                self.window, self.tr("Delete security task"),
                self.tr("Delete {name} with its posts and their staffing? Undo (Ctrl+Z) brings it back.").format(
                    name=name)) != QMessageBox.StandardButton.Yes:
            return False
        snapshot: list = []

        def do(session):
            if not snapshot:
                snapshot.append(staffing.snapshot_operation(session, op_id))
            return op_service.delete_operation(session, op_id)

        def undo(session):
            return staffing.restore_operation(session, snapshot[0])

        return not self.push(self.tr("Delete security task {name}").format(name=name), do, undo, registers=True,
                             after=lambda: self._after_register_edit(op_id))

    def _new_post_data(self) -> PostData:
        board = self.board
        with self.db.begin() as session:
            data = op_service.get_operation(session, board.operation_id)
            codes = {line.code for line in board.lines}
        det = self.board_page.detachment.currentData() or (self.detachments[0][0] if self.detachments else 0)
        prefix = "Q"
        n = 1
        while f"{prefix}-{n:02d}" in codes:
            n += 1
        return PostData(operation_id=board.operation_id, code=f"{prefix}-{n:02d}", name="", post_type="hotel",
                        duty_mode="stationed", detachment_id=det,
                        active_from=dt.datetime.combine(data.start_date, dt.time(8)),
                        active_to=dt.datetime.combine(data.end_date + dt.timedelta(days=1), dt.time(8)))

    def _post_editor(self, data: PostData, submit, new: bool) -> PostEditor:
        with self.db.begin() as session:
            choices = register_choices(session)
        dialog = PostEditor(submit, choices, data, new, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def new_post(self) -> PostEditor | None:
        if self.board is None:
            return None
        op_id = self.board.operation_id

        def submit(data: PostData) -> list[str]:
            created: list[int] = []
            snapshot: list = []

            def do(session):
                if snapshot:
                    return staffing.restore_post(session, snapshot[0])
                post_id = op_service.create_post(session, data)
                created.append(post_id)
                snapshot.append(staffing.snapshot_post(session, post_id))
                return Change(posts=frozenset([post_id]))

            def undo(session):
                return op_service.delete_post(session, created[0])

            return self.push(self.tr("New post {code}").format(code=data.code.strip()), do, undo, registers=True,
                             after=lambda: self._after_register_edit(op_id))

        return self._post_editor(self._new_post_data(), submit, True)

    def _current_post(self) -> int | None:
        index = self.view.currentIndex()
        if self.board is None or not index.isValid():
            return None
        return self.board.lines[index.row()].post_id

    def edit_post(self) -> PostEditor | None:
        post_id = self._current_post()
        if post_id is None:
            return None
        op_id = self.board.operation_id
        with self.db.begin() as session:
            before = op_service.get_post(session, post_id)

        def submit(data: PostData) -> list[str]:
            if data == before:
                return []
            return self.push(self.tr("Edit post {code}").format(code=data.code.strip()),
                             lambda s: _update_post(s, post_id, data), lambda s: _update_post(s, post_id, before),
                             registers=True, after=lambda: self._after_register_edit(op_id))

        return self._post_editor(before, submit, False)

    def delete_post(self, confirm: bool = True) -> bool:
        post_id = self._current_post()
        if post_id is None:
            return False
        op_id = self.board.operation_id
        code = self.board.lines[self.view.currentIndex().row()].code
        if confirm and QMessageBox.question(
                self.window, self.tr("Delete post"),
                self.tr("Delete post {code} with its staffing? Undo (Ctrl+Z) brings it back.").format(code=code)
        ) != QMessageBox.StandardButton.Yes:
            return False
        snapshot: list = []

        def do(session):
            if not snapshot:
                snapshot.append(staffing.snapshot_post(session, post_id))
            return op_service.delete_post(session, post_id)

        def undo(session):
            return staffing.restore_post(session, snapshot[0])

        return not self.push(self.tr("Delete post {code}").format(code=code), do, undo, registers=True,
                             after=lambda: self._after_register_edit(op_id))

    # -- the other tabs ----------------------------------------------------------------------------------------------
    def _on_tab(self, _index: int) -> None:
        current = self.window.tabs.currentWidget()
        if current is self.vehicle_page and self._vehicles_stale:
            self.reload_vehicle_board()
        elif current is self.glance_page and self._glance_stale:
            self.reload_glance()

    def reload_vehicle_board(self) -> None:
        days = self.window.days()
        det = self.vehicle_page.detachment.currentData()
        with self.db.begin() as session:
            board = pb.load_vehicle_board(session, days, detachment_id=det)
        self.vehicle_page.model.set_board(board)
        if self.board is not None and self.board.start_date in board.days:
            # Open on the task's first day: that is where vehicles leave their stations.
            column = board.days.index(self.board.start_date)
            self.vehicle_page.view.horizontalScrollBar().setValue(self.vehicle_page.view.columnViewportPosition(column)
                                                                 + self.vehicle_page.view.horizontalScrollBar().value())
        self.vehicle_page.title.setText(self.tr("Vehicles, {first} to {last}").format(
            first=days[0].isoformat(), last=days[-1].isoformat()) if days else "")
        self._vehicles_stale = False

    def reload_glance(self) -> None:
        page = self.glance_page
        with self.db.begin() as session:
            covered = pb.operations_coverage(session)
            day = self.board.days[0] if self.board is not None else self.window.days()[0]
            if self.board is not None and self.board.start_date.month != day.month:
                day = self.board.start_date
            hours = pb.month_hours(session, day, detachment_id=page.scope.currentData())
        rows = []
        for op in covered:
            rows.append(CoverageRow(f"{op.name} ({short_day(op.start_date)}–{short_day(op.end_date)})", op.coverage))
            if op.operation_id == self.operation_id or (self.operation_id is None and op is covered[0]):
                rows += [CoverageRow(name, cov, 1) for _det, name, cov in op.detachments]
        page.coverage.set_rows(rows)
        scope = page.scope.currentText()
        page.chart.set_hours(self.tr("{scope}, {year}-{month:02d}").format(scope=scope, year=day.year, month=day.month),
                             hours)
        self._glance_stale = False


def _update_operation(session, operation_id: int, data: OperationData) -> Change:
    op_service.update_operation(session, operation_id, data)
    return Change()


def _update_post(session, post_id: int, data: PostData) -> Change:
    op_service.update_post(session, post_id, data)
    return Change(posts=frozenset([post_id]))

