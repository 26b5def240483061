"""The security-task views of the main window: the post board, the vehicle board, at a glance.

Selecting an operation in the navigator opens its post board (the window's days widen to whole
months around the task, so the hub's checker holds them). The staffing gestures (gestures.py) and the
task and post editors (tasks.py) make every edit one step on the hub; the board follows the Changes
the hub announces, whatever made them, and shows the task's own problems.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter

from PySide6.QtCore import QEvent, QModelIndex, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar, QWidget

from rosterapp import vocab
from rosterapp.errors import UserError
from rosterapp.i18n import language
from rosterapp.services import dutyday
from rosterapp.services import operations as op_service
from rosterapp.services import posts_board as pb
from rosterapp.services.availability import Availability
from rosterapp.services.changes import OPERATIONS, PEOPLE, STATIONS, VEHICLES, Change
from rosterapp.services.check import post_members, task_scope
from rosterapp.services.duty_hours import month_hours
from rosterapp.services.dutyday import month_span
from rosterapp.services.posts_board import Board, BoardCell
from rosterapp.services.registers import register_choices
from rosterapp.services.rules import Problem
from rosterapp.services.stages import split_stages
from rosterapp.services.vehicle_board import load_vehicle_board
from rosterapp.ui import navigator as nav
from rosterapp.ui.boards.charts import CoverageRow
from rosterapp.ui.boards.post_board import share_text, window_text
from rosterapp.ui.operations.gestures import StaffingGestures, short_day
from rosterapp.ui.operations.pages import GlancePage, PostBoardPage, VehicleBoardPage
from rosterapp.ui.operations.post_fill import PostFillRuns, open_dialog
from rosterapp.ui.operations.subplans import SubPlanEdits
from rosterapp.ui.operations.tasks import TaskEdits

log = logging.getLogger("rosterapp.ui.operations")

# The window's days are widened to at most this many around an operation (its whole months).
MAX_RANGE_DAYS = 366


class OperationsController(StaffingGestures, TaskEdits, SubPlanEdits, QObject):
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
        self.hub = window.hub
        self.roster = window.roster_page.controller
        self.db = self.hub.db
        self.operation_id: int | None = None
        self.board: Board | None = None
        self._availability: Availability | None = None
        self._suggestion: tuple[int, int, int, list[tuple[int, str | None]]] | None = None
        self.loads = 0  # boards loaded so far
        self.last_record: int | None = None  # the task or post the last editor step made or changed
        self._members: dict[int, tuple[frozenset[int], frozenset[int]]] = {}  # post -> its people, vehicles
        self._members_checker = None
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
        self.post_fill_dialog = None  # Fill posts automatically…, while it is open
        self.fill_runs = PostFillRuns(window)
        self._build_actions()
        self._build_plan_actions()
        self._fill_detachment_filters()

        self.view.selectionModel().currentChanged.connect(self._on_current)
        self.view.staffRequested.connect(self.open_staff_dialog)
        self.view.clearRequested.connect(self.clear_selected)
        self.panel.assignRequested.connect(self._assign_from_panel)
        self.panel.roleChanged.connect(lambda _role: self.update_panel())
        self.panel.suggestionAccepted.connect(self.accept_suggestion)
        self.board_page.detachment.currentIndexChanged.connect(lambda _i: self.reload_board())
        self.board_page.detachment.currentIndexChanged.connect(
            lambda _i: self.plans_panel.select_detachment(self.board_page.detachment.currentData()))
        self.vehicle_page.detachment.currentIndexChanged.connect(lambda _i: self.reload_vehicle_board())
        self.glance_page.scope.currentIndexChanged.connect(lambda _i: self.reload_glance())
        self.hub.changed.connect(self._on_changed)
        self.hub.problemsChanged.connect(self._apply_problems)
        self.hub.checking.connect(self._on_checking)
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
        # Ctrl+Shift+A is the roster's automatic fill, a window-wide shortcut too: this one has its own.
        self.fill_posts_action = self._action("actionFillPosts", self.open_post_fill, "Ctrl+Shift+F")
        self.menu = self.window.menuBar().addMenu("")
        self.menu.setObjectName("operationsMenu")
        self.window.menuBar().insertMenu(self.window.help_menu.menuAction(), self.menu)
        groups = ((self.new_operation_action, self.edit_operation_action, self.copy_operation_action,
                   self.delete_operation_action),
                  (self.new_post_action, self.edit_post_action, self.delete_post_action),
                  (self.staff_action, self.copy_day_action, self.clear_action, self.fill_posts_action))
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

    def open_post_fill(self):
        """Security task ▸ Fill posts automatically…: the dialog for the task shown (its detachment filter)."""
        return open_dialog(self)

    def keep_fill_job(self, job) -> None:
        self.fill_runs.keep(job)

    def _fill_detachment_filters(self) -> None:
        with self.db.read() as session:
            choices = register_choices(session)
        self.detachments = [(d.id, d.name) for d in choices.detachments]
        for box in (self.board_page.detachment, self.vehicle_page.detachment, self.glance_page.scope):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(self.tr("all detachments"), None)  # also when refilled after an edit
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
            self.fill_posts_action: (self.tr("&Fill posts automatically…"),
                                     self.tr("Propose vehicles and crews for the windows not fully staffed; see "
                                             "them on the board before accepting")),
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
        self.retranslate_plans()
        self.show_locks()
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
                       self.copy_day_action, self.staff_action, self.clear_action, self.fill_posts_action):
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
        with self.db.read() as session:
            try:
                data = op_service.get_operation(session, operation_id)
            except UserError:
                self.close_board()
                return
        if operation_id != self.operation_id:
            self._suggestion = None
            self.panel.hide_suggestion()
        self.operation_id = operation_id
        # The board's tab first: the roster, no longer shown, reads its grid when it is shown again.
        self.window.tabs.setCurrentWidget(self.board_page)
        days = self.window.days()
        if not days or data.start_date < days[0] or data.end_date > days[-1]:
            first, last = month_span(data.start_date, data.end_date)
            if (last - first).days > MAX_RANGE_DAYS:
                first, last = data.start_date, data.end_date
            self.window.set_range(first, last)  # the checking engine follows, and the roster when shown
        else:
            self.roster.cover(days)
        self.reload_board()
        self.window.publish_problems()

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
        self.reload_plans()
        self.show_title()
        self._update_actions()
        self.boardChanged.emit()

    def _checker_for(self, first: dt.date, last: dt.date):
        live = self.hub.live
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
        with self.db.read() as session:
            try:
                data = op_service.get_operation(session, self.operation_id)
            except UserError:
                self.close_board()
                return
            board = pb.load_board(session, self.operation_id, detachment_id=self.board_page.detachment.currentData(),
                                  checker=self._checker_for(data.start_date, data.end_date))
            self.read_locks(session)
        self.board = board
        self.loads += 1
        stages, _rest = split_stages(board.remarks)
        self.model.set_board(board, stages)
        self.show_locks()
        self.reload_plans()
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
        return board.column_of.get(dutyday.today(), 0)

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
        stages, _rest = split_stages(board.remarks)
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
    def owns_tab(self, page: QWidget | None) -> bool:
        """Whether ``page`` is one of the task's tabs (the window then shows the task's problems)."""
        return page in (self.board_page, self.vehicle_page, self.glance_page)

    def task_problems(self) -> list[Problem]:
        """The problems of the task shown: at its posts, and of the people and vehicles on it while it runs
        (the same as ``check --operation``)."""
        live = self.hub.live
        if self.board is None or live is None:
            return []
        if self._members_checker is not live.checker:  # a new checker: every post read again
            self._members, self._members_checker = {}, live.checker
        by_post, members = live.checker.by_post, self._members

        def members_of(post: int) -> tuple[frozenset[int], frozenset[int]]:
            found = members.get(post)
            if found is None:
                found = members[post] = post_members(by_post.get(post, ()))
            return found

        scope = task_scope(live.data, self.board.operation_id, members_of)
        return [p for p in live.problems() if scope.holds(p)]

    def _apply_problems(self) -> None:
        live = self.hub.live
        if self.board is None or live is None:
            self.model.set_problems([])
            return
        posts = self.board.lines_of_post.keys()
        self.model.set_problems([p for p in live.problems() if p.posts and not posts.isdisjoint(p.posts)])

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
        live = self.hub.live
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
        if self.hub.live is None:
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

    # -- after changes -----------------------------------------------------------------------------------------
    def _on_changed(self, change: Change) -> None:
        """Every Change the hub announces: the board's lines it names, the lists beside it, the other tabs."""
        if self._availability is not None:
            self._availability.forget(change.people)
        for post in change.posts:  # who stands at these posts is read again when asked
            self._members.pop(post, None)
        self._vehicles_stale = self._glance_stale = True
        self.plans_follow(change)
        if change.registers & {OPERATIONS, STATIONS}:
            self._fill_detachment_filters()
        if self.board is not None:
            if OPERATIONS in change.registers or change.registers & {PEOPLE, VEHICLES} and self._names_shown(change):
                self.reload_board()  # posts, windows or the names on the board changed
            else:
                posts = set(change.posts) & self.board.lines_of_post.keys()
                if posts:
                    with self.db.read() as session:
                        rows = pb.refresh_posts(session, self.board, posts)
                    self.model.lines_changed(rows)  # their marks follow with problemsChanged, next
                    self.show_title()
                    self.boardChanged.emit()
        self.update_panel()
        if self.window.tabs.currentWidget() is self.vehicle_page:
            self.reload_vehicle_board()

    def _names_shown(self, change: Change) -> bool:
        """Whether people or vehicles the board shows changed their records (names, call signs)."""
        board = self.board
        return any(t.person_id in change.people for row in board.cells for cell in row if cell is not None
                   for t in cell.crew) or any(
            v.id in change.vehicles for row in board.cells for cell in row if cell is not None for v in cell.vehicles)

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
        with self.db.read() as session:
            board = load_vehicle_board(session, days, detachment_id=det)
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
        with self.db.read() as session:
            covered = pb.operations_coverage(session)
            day = self.board.days[0] if self.board is not None else self.window.days()[0]
            if self.board is not None and self.board.start_date.month != day.month:
                day = self.board.start_date
            hours = month_hours(session, day, detachment_id=page.scope.currentData())
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


