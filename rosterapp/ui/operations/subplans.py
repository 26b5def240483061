"""The sub-plans (分方案) of the security task shown, under its post board: each detachment's state at a glance
(headquarters' view of the overall plan, 总体方案) and the actions on the selected one.

A clerk submits their detachment's sub-plan (上报, a version is frozen); headquarters approves it (批准: its posts,
windows, crews and deployments are then locked), returns it with a comment (退回) or reopens it (重新打开).
Each action is one edit through the hub (``EditHub.apply`` of a ``PlanCommand``): made in one unit of work,
followed by every view, and not on the undo stack (Undo does not take a plan action back). The statuses are
read off the GUI thread (``subplans.overview`` reads every detachment's posts and crews: most of a second on
the city demo), again after every change that may move them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from rosterapp.models import Post
from rosterapp.services import staffing, subplans
from rosterapp.services.changes import OPERATIONS, PEOPLE, VEHICLES, Change
from rosterapp.services.subplans import APPROVED, DRAFT, RETURNED, SUBMITTED, Status
from rosterapp.ui.commands import PlanCommand
from rosterapp.ui.jobs import JobOwner, SessionJob

# (background, text) of each state: grey draft, blue submitted, green approved, red returned.
STATE_COLORS = {DRAFT: ("#efefef", "#505050"), SUBMITTED: ("#dbe8fb", "#1f4e99"),
                APPROVED: ("#c6efce", "#1e5a2a"), RETURNED: ("#ffc7ce", "#9c0006")}
EDITED_COLOR = "#8a5a00"  # 已改动: amber ink

DETACHMENT_ROLE = Qt.ItemDataRole.UserRole + 1
"""Every column: the row's detachment id."""
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
"""Every column: the row's subplans.Status."""

DETACHMENT, STATE, VERSION, IN_PLAN, POSTS, EDITED, CHANGED, COMMENT = range(8)
_NO_PARENT = QModelIndex()
_CENTER = Qt.AlignmentFlag.AlignCenter


class SubPlanModel(QAbstractTableModel):
    """One row per detachment: its sub-plan's state, version, the version the overall plan takes, posts,
    whether the draft changed since the latest version, the last change and the comment."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.statuses: list[Status] = []
        self._brushes = {state: (QBrush(QColor(bg)), QBrush(QColor(ink))) for state, (bg, ink) in STATE_COLORS.items()}
        self._edited = QBrush(QColor(EDITED_COLOR))
        self._grey = QBrush(QColor("#909090"))

    def set_statuses(self, statuses: list[Status]) -> None:
        self.beginResetModel()
        self.statuses = list(statuses)
        self.endResetModel()

    def status(self, row: int) -> Status | None:
        return self.statuses[row] if 0 <= row < len(self.statuses) else None

    def row_of(self, detachment_id: int | None) -> int | None:
        return next((r for r, s in enumerate(self.statuses) if s.detachment_id == detachment_id), None)

    def headers(self) -> list[tuple[str, str]]:
        return [
            (self.tr("Detachment"), self.tr("The detachment responsible for the posts")),
            (self.tr("State"), self.tr("draft · submitted · approved (locked) · returned")),
            (self.tr("Version"), self.tr("The latest version submitted")),
            (self.tr("In the overall plan"),
             self.tr("The version the overall plan (总体方案) takes: the latest submitted or approved one")),
            (self.tr("Posts"), self.tr("The detachment's posts in this task")),
            (self.tr("Edited"), self.tr("The draft differs from the latest version submitted")),
            (self.tr("Last change"), self.tr("When the state last changed, and by whom")),
            (self.tr("Comment"), self.tr("The comment given with the last action (why it was returned…)")),
        ]

    def version_text(self, number: int | None) -> str:
        return self.tr("v{number}").format(number=number) if number else "—"

    def text(self, s: Status, column: int) -> str:
        if column == DETACHMENT:
            return s.detachment
        if column == STATE:
            label = subplans.state_label(s.state)
            return self.tr("{state} · locked").format(state=label) if s.locked else label
        if column == VERSION:
            return self.version_text(s.version)
        if column == IN_PLAN:
            return self.version_text(s.in_plan)
        if column == POSTS:
            return str(s.posts)
        if column == EDITED:
            return self.tr("edited") if s.edited_since else ""
        if column == CHANGED:
            return f"{s.changed_at:%m-%d %H:%M} {s.changed_by}".strip() if s.changed_at else ""
        return " ".join(s.comment.split())

    # -- Qt interface --------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.statuses)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else COMMENT + 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        s, column = self.statuses[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(s, column)
        if role == DETACHMENT_ROLE:
            return s.detachment_id
        if role == STATUS_ROLE:
            return s
        if role == Qt.ItemDataRole.BackgroundRole and column == STATE:
            return self._brushes[s.state][0]
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == STATE:
                return self._brushes[s.state][1]
            if column == EDITED:
                return self._edited
            if not s.posts and s.state == DRAFT:
                return self._grey  # no post in this task: nothing to submit
            return None
        if role == Qt.ItemDataRole.FontRole and column in (STATE, EDITED) and (s.state != DRAFT or s.edited_since):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (VERSION, IN_PLAN, POSTS, EDITED):
            return _CENTER
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COMMENT and s.comment:
                return s.comment
            if column == EDITED and s.edited_since:
                return self.tr("The draft was changed after version {number} was submitted: it must be submitted "
                               "again before it can be approved.").format(number=s.version)
            if column == IN_PLAN and s.in_plan and s.in_plan != s.version:
                return self.tr("The overall plan still takes version {taken}; version {latest} was returned.").format(
                    taken=s.in_plan, latest=s.version)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section <= COMMENT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section][0]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.headers()[section][1]
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COMMENT)
        if self.statuses:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.statuses) - 1, COMMENT))


class SubPlanPanel(QWidget):
    """Under the post board: the task's sub-plans, one row per detachment, and the actions' buttons.

    Signals:
        selected(object): the Status of the row selected (None: none).
        activated(int): a row was double-clicked: show that detachment's posts on the board.
    """

    selected = Signal(object)
    activated = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("subPlanPanel")
        self.model = SubPlanModel(self)
        self.title = QLabel(self)
        self.title.setObjectName("subPlanTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel(self)
        self.summary.setObjectName("subPlanSummary")
        self.summary.setStyleSheet("color: #505050;")
        self.table = QTableView(self)
        self.table.setObjectName("subPlanTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COMMENT, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.hint = QLabel(self)
        self.hint.setObjectName("subPlanHint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.buttons: list[QToolButton] = []
        self._buttons_box = QVBoxLayout()
        self._buttons_box.setSpacing(4)

        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.summary, 1)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        side = QVBoxLayout()
        side.addLayout(self._buttons_box)
        side.addStretch(1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(head)
        layout.addLayout(body, 1)
        layout.addWidget(self.hint)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.selected.emit(self.model.status(current.row())))
        self.table.doubleClicked.connect(self._on_double_click)

    def set_actions(self, actions: list[QAction]) -> None:
        for action in actions:
            button = QToolButton(self)
            button.setObjectName(action.objectName().replace("action", "button", 1))
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self._buttons_box.addWidget(button)
            self.buttons.append(button)

    def current(self) -> Status | None:
        index = self.table.currentIndex()
        return self.model.status(index.row()) if index.isValid() else None

    def set_statuses(self, statuses: list[Status], keep: int | None) -> None:
        """Show these rows, the row of detachment ``keep`` selected (else the first with posts)."""
        self.model.set_statuses(statuses)
        row = self.model.row_of(keep)
        if row is None:
            row = next((r for r, s in enumerate(statuses) if s.posts), 0 if statuses else None)
        if row is not None:
            self.select_row(row)
        else:
            self.selected.emit(None)

    def select_row(self, row: int) -> None:
        index = self.model.index(row, DETACHMENT)
        self.table.setCurrentIndex(index)
        self.table.selectRow(row)
        self.selected.emit(self.model.status(row))

    def select_detachment(self, detachment_id: int | None) -> None:
        row = self.model.row_of(detachment_id)
        if row is not None:
            self.select_row(row)

    def show_hint(self, text: str, refused: bool = False) -> None:
        self.hint.setStyleSheet("color: #b00020;" if refused else "color: #404040;")
        self.hint.setText(text)

    def _on_double_click(self, index: QModelIndex) -> None:
        status = self.model.status(index.row())
        if status is not None:
            self.activated.emit(status.detachment_id)


class PlanActionDialog(QDialog):
    """Asks before a plan action, with a comment: optional, or required (a sub-plan returned says why)."""

    def __init__(self, title: str, question: str, ok_text: str, required: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("planActionDialog")
        self.setWindowTitle(title)
        self.required = required
        self.question = QLabel(question, self)
        self.question.setObjectName("planActionQuestion")
        self.question.setWordWrap(True)
        self.comment_label = QLabel(self.tr("Comment (required: say what must change):") if required
                                    else self.tr("Comment (optional):"), self)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("planComment")
        self.editor.setTabChangesFocus(True)
        self.editor.setFixedHeight(self.fontMetrics().height() * 5)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(ok_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.comment_label)
        layout.addWidget(self.editor)
        layout.addWidget(self.buttons)
        self.editor.textChanged.connect(self._update)
        self._update()
        self.resize(460, self.sizeHint().height())
        self.editor.setFocus()

    def comment(self) -> str:
        return self.editor.toPlainText().strip()

    def _update(self) -> None:
        self.ok.setEnabled(not self.required or bool(self.comment()))

    def accept(self) -> None:
        if self.required and not self.comment():
            return
        super().accept()


class PlansJob(SessionJob):
    """``subplans.overview`` of a task off the GUI thread: every detachment's, or (``posts`` given) only
    those whose posts these are. ``succeeded`` carries (operation id, [Status], whether it is every one)."""

    what = "reading the sub-plans"

    def __init__(self, db, operation_id: int, posts: frozenset[int] | None = None, parent=None):
        super().__init__(db, parent)
        self.operation_id, self.posts = operation_id, posts

    def work(self, session):
        if self.posts is None:
            return self.operation_id, subplans.overview(session, self.operation_id), True
        detachments = set(session.scalars(select(Post.detachment_id).where(
            Post.id.in_(self.posts), Post.operation_id == self.operation_id)))
        statuses = subplans.overview(session, self.operation_id, detachments) if detachments else []
        return self.operation_id, statuses, False


ACTION_NAMES = ("submit", "approve", "return", "reopen")


class SubPlanEdits:
    """The sub-plan half of OperationsController (a mixin: it uses the controller's hub, board page, window)."""

    def _build_plan_actions(self) -> None:
        self.plans_panel: SubPlanPanel = self.board_page.subplans
        self.plan_actions: dict[str, QAction] = {}
        for name in (*ACTION_NAMES, "diff"):
            action = QAction(self.window)
            action.setObjectName("actionPlan" + name.capitalize())
            if name == "diff":
                action.triggered.connect(lambda _checked=False: self.open_plan_diff())
            else:
                action.triggered.connect(lambda _checked=False, name=name: self.ask_plan_action(name))
            self.plan_actions[name] = action
        self.menu.addSeparator()
        for action in self.plan_actions.values():
            self.menu.addAction(action)
        self.plans_panel.set_actions(list(self.plan_actions.values()))
        self.plans_panel.selected.connect(self._on_plan_selected)
        self.plans_panel.activated.connect(self._show_detachment_posts)
        self.statuses: list[Status] = []
        self.plans_operation: int | None = None  # the task the statuses shown are of
        self._plans_job: PlansJob | None = None
        self._plans_wanted: frozenset[int] | None | bool = False  # False: nothing; None: all; else these posts
        # Requests in one turn of the event loop (a Change, then the board read again) make one read.
        self._plans_timer = QTimer(self)
        self._plans_timer.setSingleShot(True)
        self._plans_timer.setInterval(0)
        self._plans_timer.timeout.connect(self._read_plans)
        self.plan_jobs = JobOwner(self.window)
        self.plan_refusal = ""
        self.update_plan_actions()

    def _on_plan_selected(self, _status) -> None:
        self.plan_refusal = ""  # a refusal shown is about the row it was made on
        self.update_plan_actions()

    def retranslate_plans(self) -> None:
        buttons = {"submit": self.tr("Submit…"), "approve": self.tr("Approve…"), "return": self.tr("Return…"),
                   "reopen": self.tr("Reopen…"), "diff": self.tr("Compare versions…")}  # beside the sub-plans
        texts = {
            "submit": (self.tr("Su&bmit sub-plan…"),
                       self.tr("Submit the selected detachment's sub-plan to headquarters: a version is frozen")),
            "approve": (self.tr("A&pprove sub-plan…"),
                        self.tr("Approve the submitted version: its posts, windows, crews and deployments are locked")),
            "return": (self.tr("&Return sub-plan…"),
                       self.tr("Send the submitted version back to the detachment with a comment")),
            "reopen": (self.tr("Re&open sub-plan…"),
                       self.tr("Make the sub-plan a draft again so that it can be amended and submitted again")),
            "diff": (self.tr("Compare &versions…"),
                     self.tr("Two versions of the selected sub-plan side by side, or a version and the draft")),
        }
        for name, (text, tip) in texts.items():
            action = self.plan_actions[name]
            action.setText(text)
            action.setIconText(buttons[name])
            action.setStatusTip(tip)
            action.setToolTip(tip)
        self.plans_panel.title.setText(self.tr("Sub-plans (分方案)"))
        self.plans_panel.model.retranslate()
        self._show_plan_summary()
        self.update_plan_actions()

    # -- reading ------------------------------------------------------------------------------------------
    def reload_plans(self, posts=None) -> None:
        """Read the task's sub-plans again, off the GUI thread (after the read under way, if any): every
        detachment's, or only those whose ``posts`` changed."""
        if self.operation_id is None:
            self._plans_timer.stop()
            self._plans_wanted = False
            self.statuses, self.plans_operation = [], None
            self.plans_panel.set_statuses([], None)
            self._show_plan_summary()
            return
        wanted = self._plans_wanted
        if posts is None or wanted is None or self.plans_operation != self.operation_id:
            self._plans_wanted = None
        else:
            self._plans_wanted = frozenset(posts) | (wanted or frozenset())
        if self._plans_job is None:
            self._plans_timer.start()

    def _read_plans(self) -> None:
        wanted, self._plans_wanted = self._plans_wanted, False
        if self.operation_id is None or wanted is False:
            return
        if self._plans_job is not None:  # after it (_plans_ended)
            self._plans_wanted = wanted
            return
        job = self._plans_job = PlansJob(self.db, self.operation_id, wanted)
        job.succeeded.connect(self._plans_read)
        job.failed.connect(self._plans_failed)
        job.crashed.connect(self._plans_crashed)
        job.finished.connect(self._plans_ended)
        self.plan_jobs.keep(job)
        job.start()

    def wait_for_plans(self, msecs: int = 10000) -> bool:
        """Wait for the sub-plans to be read and shown (tests)."""
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer

        deadline = QDeadlineTimer(msecs)
        QCoreApplication.processEvents()  # the read asked for in this turn starts
        while self._plans_job is not None or self._plans_timer.isActive() or self._plans_wanted is not False:
            if self._plans_job is not None and not self._plans_job.wait(deadline):
                return False
            if deadline.hasExpired():
                return False
            QCoreApplication.processEvents()
        return True

    def _plans_ended(self) -> None:
        job, self._plans_job = self._plans_job, None
        if job is not None:
            job.deleteLater()
        if self._plans_wanted is not False:
            self._plans_timer.start()

    def _plans_read(self, result) -> None:
        operation_id, statuses, whole = result
        if operation_id != self.operation_id:
            self.reload_plans()  # another task is shown meanwhile: read that one
            return
        if not whole:
            if self.plans_operation != operation_id:
                return  # a whole read follows
            fresh = {s.detachment_id: s for s in statuses}
            statuses = [fresh.get(s.detachment_id, s) for s in self.statuses]
        current = self.plans_panel.current()
        keep = current.detachment_id if current is not None and self.plans_operation == operation_id else None
        if keep is None:
            keep = self.board_page.detachment.currentData() or self._own_detachment()
        self.statuses, self.plans_operation = statuses, operation_id
        # The board's lock follows what was read (an approval made elsewhere, on a shared server, too).
        self.locked_detachments = frozenset(s.detachment_id for s in statuses if s.locked)
        self.show_locks()
        self.plans_panel.set_statuses(statuses, keep)
        self._show_plan_summary()
        self.update_plan_actions()

    def _plans_failed(self, reason: str) -> None:
        self.plans_panel.show_hint(self.tr("The sub-plans could not be read: {reason}").format(reason=reason), True)

    def _plans_crashed(self, exc: Exception) -> None:
        raise exc  # the crash dialog (sys.excepthook) shows it with the log's path

    def plans_follow(self, change: Change) -> None:
        """A Change the hub announced: the statuses move with the posts, their staffing and the plan actions."""
        if self.operation_id is None:
            return
        if change.registers & {OPERATIONS, PEOPLE, VEHICLES}:  # plan actions, posts edited, names in the crews
            self.reload_plans()
        elif change.posts:  # staffing: only these posts' detachments
            self.reload_plans(change.posts)

    def _own_detachment(self) -> int | None:
        login = self.db.login
        return login.detachment_id if login is not None else None

    def _show_plan_summary(self) -> None:
        statuses = [s for s in self.statuses if s.posts or s.version]
        if not statuses:
            self.plans_panel.summary.setText(self.tr("No detachment has a post in this task yet.")
                                             if self.operation_id is not None and self.plans_operation else "")
            return
        counts = {state: sum(1 for s in statuses if s.state == state) for state in STATE_COLORS}
        taken = sum(1 for s in statuses if s.in_plan)
        self.plans_panel.summary.setText(self.tr(
            "Overall plan (总体方案): {taken} of {total} detachments' versions · approved {approved} · "
            "submitted {submitted} · returned {returned} · draft {draft}").format(
            taken=taken, total=len(statuses), approved=counts[APPROVED], submitted=counts[SUBMITTED],
            returned=counts[RETURNED], draft=counts[DRAFT]))

    # -- what may be done ------------------------------------------------------------------------------
    def plan_permissions(self, detachment_id: int) -> tuple[bool, bool]:
        """(may submit, may decide): on one desk both; on a server, headquarters decides and a clerk submits
        only their own detachment's."""
        login = self.db.login
        if login is None:
            return True, True
        return login.may_write(detachment_id), login.writes_everything

    def update_plan_actions(self) -> None:
        s = self.plans_panel.current() if self.plans_operation == self.operation_id else None
        enabled = dict.fromkeys((*ACTION_NAMES, "diff"), False)
        if s is not None:
            may_submit, may_decide = self.plan_permissions(s.detachment_id)
            enabled["submit"] = may_submit and s.posts > 0 and (
                s.state in (DRAFT, RETURNED) or (s.state == SUBMITTED and s.edited_since))
            enabled["approve"] = may_decide and s.state == SUBMITTED and not s.edited_since
            enabled["return"] = may_decide and s.state == SUBMITTED
            enabled["reopen"] = may_decide and s.state in (SUBMITTED, APPROVED)
            enabled["diff"] = s.version > 0
        for name, action in self.plan_actions.items():
            action.setEnabled(enabled[name])
        if not self.plan_refusal:
            self.plans_panel.show_hint(self.plan_hint(s))

    def plan_hint(self, s: Status | None) -> str:
        """What the selected sub-plan's state means and what comes next, in a clerk's words."""
        if s is None:
            return ""
        name, number = s.detachment, s.version
        if s.state == APPROVED:
            text = self.tr("{detachment}: version {number} is approved. Its posts, windows, crews and deployments "
                           "are locked; to amend them headquarters reopens it.").format(detachment=name, number=number)
        elif s.state == SUBMITTED and s.edited_since:
            text = self.tr("{detachment}: the draft was changed after version {number} was submitted; submit it "
                           "again before headquarters can approve it.").format(detachment=name, number=number)
        elif s.state == SUBMITTED:
            text = self.tr("{detachment}: version {number} is submitted and waits for headquarters to approve or "
                           "return it.").format(detachment=name, number=number)
        elif s.state == RETURNED:
            text = self.tr("{detachment}: version {number} was returned: {comment}. Amend the posts, then submit "
                           "again.").format(detachment=name, number=number, comment=s.comment or "—")
        elif not s.posts:
            text = self.tr("{detachment} has no post in this task: there is nothing to submit.").format(detachment=name)
        elif number:
            text = self.tr("{detachment}: draft, reopened after version {number}. Submit it again when it is "
                           "ready.").format(detachment=name, number=number)
        else:
            text = self.tr("{detachment}: draft, not submitted yet. Submit it when its posts and crews are "
                           "ready: a version is frozen for headquarters.").format(detachment=name)
        may_submit, may_decide = self.plan_permissions(s.detachment_id)
        if not may_decide:
            text += " " + (self.tr("Only headquarters approves, returns and reopens sub-plans.") if may_submit
                           else self.tr("You may not submit another detachment's sub-plan."))
        return text

    # -- the actions ------------------------------------------------------------------------------------
    def _plan_texts(self, action: str, s: Status) -> tuple[str, str, str, str]:
        """(window title, question, OK button, undo-stack-like step text) of an action on ``s``."""
        name, number = s.detachment, s.version
        if action == "submit":
            return (self.tr("Submit sub-plan"),
                    self.tr("Submit the sub-plan of {detachment} ({posts} posts) to headquarters as version {next}? "
                            "The version is frozen as it stands now.").format(detachment=name, posts=s.posts,
                                                                              next=number + 1),
                    self.tr("Submit"), self.tr("Submit the sub-plan of {detachment}").format(detachment=name))
        if action == "approve":
            return (self.tr("Approve sub-plan"),
                    self.tr("Approve version {number} of the sub-plan of {detachment}? Its posts, windows, crews and "
                            "deployments are then locked until headquarters reopens it.").format(
                        number=number, detachment=name),
                    self.tr("Approve"), self.tr("Approve the sub-plan of {detachment}").format(detachment=name))
        if action == "return":
            return (self.tr("Return sub-plan"),
                    self.tr("Return version {number} of the sub-plan of {detachment} to the detachment? Say what "
                            "must change.").format(number=number, detachment=name),
                    self.tr("Return"), self.tr("Return the sub-plan of {detachment}").format(detachment=name))
        return (self.tr("Reopen sub-plan"),
                self.tr("Reopen the sub-plan of {detachment}? It becomes a draft that can be edited; the overall "
                        "plan keeps version {number} until it is submitted again.").format(detachment=name,
                                                                                          number=number),
                self.tr("Reopen"), self.tr("Reopen the sub-plan of {detachment}").format(detachment=name))

    def ask_plan_action(self, action: str) -> PlanActionDialog | None:
        """Ask before the action on the selected sub-plan (a comment: required to return it), then make it."""
        s = self.plans_panel.current()
        if s is None or self.operation_id is None:
            return None
        title, question, ok_text, _step = self._plan_texts(action, s)
        dialog = PlanActionDialog(title, question, ok_text, action == "return", self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.plan_action(action, dialog.comment(), s.detachment_id))
        dialog.open()
        return dialog

    def plan_action(self, action: str, comment: str = "", detachment_id: int | None = None) -> bool:
        """Make a plan action (submit, approve, return, reopen) on a detachment's sub-plan of the task shown,
        through the hub; a refusal changes nothing and says why, beside the sub-plans and in the status bar."""
        if self.operation_id is None:
            return False
        s = next((x for x in self.statuses if x.detachment_id == detachment_id), None) if detachment_id is not None \
            else self.plans_panel.current()
        if s is None:
            return False
        _title, _question, _ok, step = self._plan_texts(action, s)
        self.plan_refusal = ""
        if not self.hub.apply(PlanCommand(step, action, self.operation_id, s.detachment_id, comment)):
            self.plan_refusal = self.hub.last_refusal
            self.plans_panel.show_hint(self.tr("Refused, nothing was changed: {reason}").format(
                reason=self.plan_refusal), True)
            return False
        self.plans_panel.select_detachment(s.detachment_id)
        done = {"submit": self.tr("The sub-plan of {detachment} was submitted."),
                "approve": self.tr("The sub-plan of {detachment} was approved; its posts are locked."),
                "return": self.tr("The sub-plan of {detachment} was returned to the detachment."),
                "reopen": self.tr("The sub-plan of {detachment} was reopened: it is a draft again.")}[action]
        self.window.statusBar().showMessage(done.format(detachment=s.detachment), 8000)
        return True

    def open_plan_diff(self, detachment_id: int | None = None):
        """The selected sub-plan's versions side by side (default: the latest version against the draft)."""
        from rosterapp.ui.operations.plan_diff import PlanDiffDialog

        s = self.plans_panel.current()
        det = detachment_id if detachment_id is not None else (s.detachment_id if s is not None else None)
        if self.operation_id is None or det is None or self.board is None:
            return None
        name = next((x.detachment for x in self.statuses if x.detachment_id == det), "")
        dialog = PlanDiffDialog(self.db, self.operation_id, det, self.board.name, name, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _show_detachment_posts(self, detachment_id: int) -> None:
        box = self.board_page.detachment
        index = box.findData(detachment_id)
        if index >= 0:
            box.setCurrentIndex(index)

    # -- the lock on the board ----------------------------------------------------------------------------
    def locked_text(self, line) -> str:
        """Why a board line's window may not be changed: its detachment's sub-plan is approved."""
        return subplans.Locked(self.board.name, line.detachment).message

    def locked_refusal(self, post_ids=(), *, duty_ids=(), deployment_ids=()) -> str | None:
        """Why an edit of these posts (or of the windows holding these duties and deployments) is refused,
        when one of them is an approved sub-plan's; None when none is."""
        with self.db.read() as session:
            try:
                subplans.refuse_locked(session, post_ids)
                staffing.refuse_locked_staffing(session, duty_ids, deployment_ids)
            except subplans.Locked as exc:
                return exc.message
        return None

    def read_locks(self, session) -> None:
        """Which detachments' sub-plans of the task shown are approved (read with the board)."""
        self.locked_detachments = frozenset(det for op, det in subplans.locked_pairs(session)
                                            if op == self.operation_id)

    def show_locks(self) -> None:
        """The lock badge on the approved sub-plans' lines and the banner over the board naming them."""
        board, locked = self.board, getattr(self, "locked_detachments", frozenset())
        shown = [] if board is None else list(dict.fromkeys(line.detachment for line in board.lines
                                                            if line.detachment_id in locked))
        self.model.set_locked(locked, self.tr("locked"), self.tr(
            "Approved · locked: the sub-plan of this post's detachment is approved; its windows, crews and vehicles "
            "cannot be changed until headquarters reopens it."))
        banner = self.board_page.lock_banner
        banner.setText(self.tr("Approved · locked: the sub-plans of {detachments}. Their posts, windows, crews and "
                               "deployments cannot be changed; headquarters reopens a sub-plan to amend it.").format(
            detachments="、".join(shown)) if shown else "")
        banner.setVisible(bool(shown))
