"""Two versions of a detachment's sub-plan side by side (or a version and the current draft).

The left picker holds the sub-plan's versions, the right one its versions and the current draft (default:
the latest version submitted against the draft, as ``plan diff``). The differences (``subplans.compare``)
are listed by post, what was before on the left and what is after on the right: added green, removed
red, changed amber.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from rosterapp.errors import UserError
from rosterapp.models import Post
from rosterapp.services import subplans
from rosterapp.services.subplans import DiffLine

# (background, ink) of each kind of difference.
KIND_COLORS = {"added": ("#c6efce", "#1e5a2a"), "removed": ("#ffc7ce", "#9c0006"), "changed": ("#ffeb9c", "#6b4f00")}
DRAFT = None  # the right picker's item for the current draft

SUBJECT, BEFORE, AFTER = range(3)
MAX_WINDOWS = 4  # windows listed in a cell before "… N windows in all" (the tooltip lists them all)


class PlanDiffDialog(QDialog):
    """The differences between two versions of one detachment's sub-plan of a task."""

    def __init__(self, db, operation_id: int, detachment_id: int, operation: str, detachment: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("planDiffDialog")
        self.db, self.operation_id, self.detachment_id = db, operation_id, detachment_id
        self.lines: list[DiffLine] = []
        self.setWindowTitle(self.tr("Compare versions: {detachment}").format(detachment=detachment))
        self.title = QLabel(self.tr("Sub-plan of {detachment} for {operation}").format(
            detachment=detachment, operation=operation), self)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.left = QComboBox(self)
        self.left.setObjectName("diffLeft")
        self.right = QComboBox(self)
        self.right.setObjectName("diffRight")
        self.summary = QLabel(self)
        self.summary.setObjectName("diffSummary")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("diffTree")
        self.tree.setColumnCount(3)
        self.tree.setRootIsDecorated(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(False)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        self.tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(SUBJECT, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(BEFORE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(AFTER, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(SUBJECT, 210)
        self.empty = QLabel(self.tr("The two versions do not differ."), self)
        self.empty.setObjectName("diffEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #707070; font-size: 14px;")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        pickers = QHBoxLayout()
        pickers.addWidget(QLabel(self.tr("Before (left):"), self))
        pickers.addWidget(self.left, 1)
        arrow = QLabel("→", self)
        arrow.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pickers.addWidget(arrow)
        pickers.addWidget(QLabel(self.tr("After (right):"), self))
        pickers.addWidget(self.right, 1)
        legend = QHBoxLayout()
        for kind, text in (("added", self.tr("added")), ("removed", self.tr("removed")),
                           ("changed", self.tr("changed"))):
            swatch = QLabel(text, self)
            background, ink = KIND_COLORS[kind]
            swatch.setStyleSheet(f"background: {background}; color: {ink}; padding: 1px 8px; border-radius: 3px;")
            legend.addWidget(swatch)
        legend.addSpacing(12)
        legend.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(pickers)
        layout.addLayout(legend)
        note = QLabel(self.tr("For a person or a vehicle, each side lists the windows only that version has."), self)
        note.setObjectName("diffNote")
        note.setStyleSheet("color: #707070;")
        layout.addWidget(note)
        layout.addWidget(self.stack, 1)
        layout.addWidget(buttons)
        self._fill_pickers()
        self.left.currentIndexChanged.connect(lambda _i: self.show_diff())
        self.right.currentIndexChanged.connect(lambda _i: self.show_diff())
        self.show_diff()
        self.resize(1000, 640)

    # -- the pickers ------------------------------------------------------------------------------------
    def _version_text(self, v) -> str:
        text = self.tr("version {number} · {state} · {at} {by}").format(
            number=v.number, state=subplans.state_label(v.state), at=f"{v.submitted_at:%m-%d %H:%M}",
            by=v.submitted_by)
        return text.strip()

    def _fill_pickers(self) -> None:
        with self.db.read() as session:
            versions = subplans.versions(session, self.operation_id, self.detachment_id)
            row = subplans.sub_plan(session, self.operation_id, self.detachment_id)
            latest = row.version if row is not None else 0
            texts = [(v.number, self._version_text(v)) for v in versions]
        for box in (self.left, self.right):
            box.blockSignals(True)
            box.clear()
            for number, text in texts:
                box.addItem(text, number)
        self.right.addItem(self.tr("current draft"), DRAFT)
        self.left.setCurrentIndex(max(self.left.findData(latest), 0))
        self.right.setCurrentIndex(self.right.count() - 1)
        for box in (self.left, self.right):
            box.blockSignals(False)

    def pick(self, left: int, right: int | None) -> None:
        """Compare version ``left`` with version ``right`` (None: the current draft)."""
        self.left.setCurrentIndex(self.left.findData(left))
        self.right.setCurrentIndex(self.right.count() - 1 if right is None else self.right.findData(right))

    # -- the differences ------------------------------------------------------------------------------
    def show_diff(self) -> None:
        left = self.left.currentData()
        right = self.right.currentData()
        self.tree.clear()
        if left is None:
            self.lines = []
            self.summary.setText(self.tr("No version has been submitted yet."))
            self.stack.setCurrentWidget(self.empty)
            return
        try:
            with self.db.read() as session:
                _left_name, _right_name, self.lines = subplans.compare(
                    session, self.operation_id, self.detachment_id, left, right)
                names = self._post_names(session, left, right)
        except UserError as exc:
            self.lines = []
            self.summary.setText(exc.message)
            self.stack.setCurrentWidget(self.empty)
            return
        self.tree.setHeaderLabels([self.tr("What"), self.left.currentText().split(" · ")[0],
                                   self.right.currentText().split(" · ")[0]])
        counts = {kind: sum(1 for d in self.lines if d.kind == kind) for kind in KIND_COLORS}
        if not self.lines:
            self.summary.setText("")
            self.stack.setCurrentWidget(self.empty)
            return
        self.summary.setText(self.tr("{count} differences: {added} added, {removed} removed, {changed} changed").format(
            count=len(self.lines), added=counts["added"], removed=counts["removed"], changed=counts["changed"]))
        self.stack.setCurrentWidget(self.tree)
        bold = QFont(self.tree.font())
        bold.setBold(True)
        group: QTreeWidgetItem | None = None
        whole: QTreeWidgetItem | None = None  # a post added or removed: its crew and vehicles under it, folded
        for line in self.lines:
            if group is None or group.data(SUBJECT, Qt.ItemDataRole.UserRole) != line.post:
                whole = None
                group = QTreeWidgetItem(self.tree, [f"{line.post}  {names.get(line.post, '')}".strip(), "", ""])
                group.setData(SUBJECT, Qt.ItemDataRole.UserRole, line.post)
                group.setFirstColumnSpanned(True)
                group.setFont(SUBJECT, bold)
                group.setBackground(SUBJECT, QBrush(QColor("#e8e8e8")))
            item = self._add_line(whole if whole is not None and line.what != "post" else group, line)
            if line.what == "post" and line.kind in ("added", "removed"):
                whole = item
        for k in range(self.tree.topLevelItemCount()):
            self.tree.topLevelItem(k).setExpanded(True)
        # The "what" column as wide as its longest line (a person's name with staff number), within reason.
        metrics = self.tree.fontMetrics()
        widest = max(metrics.horizontalAdvance(self.subject_text(line)) for line in self.lines)
        self.tree.header().resizeSection(SUBJECT, min(max(widest + 48, 160), 380))

    def _post_names(self, session, left: int, right: int | None) -> dict[str, str]:
        names: dict[str, str] = {}
        for number in (left, right):
            if number is not None:
                posts = subplans.version(session, self.operation_id, self.detachment_id, number).snapshot["posts"]
                names.update({code: post["name"] for code, post in posts.items()})
        if right is None:
            names.update(session.execute(select(Post.code, Post.name).where(
                Post.operation_id == self.operation_id, Post.detachment_id == self.detachment_id)).all())
        return names

    def subject_text(self, line: DiffLine) -> str:
        kind = {"added": self.tr("added"), "removed": self.tr("removed"), "changed": self.tr("changed")}[line.kind]
        if line.what == "person":
            what = self.tr("person {name}").format(name=line.subject)
        elif line.what == "vehicle":
            what = self.tr("vehicle {plate}").format(plate=line.subject)
        elif line.kind in ("added", "removed"):
            what = self.tr("the post")
        else:
            what = line.subject  # the post's field (开始, 人数 …)
        return self.tr("{kind}: {what}").format(kind=kind, what=what)

    def side_text(self, text: str) -> str:
        """One window a line; a long list (a whole post's crew) shows its first few and how many in all."""
        parts = [p for p in text.split("；") if p] if text else []
        if len(parts) <= MAX_WINDOWS:
            return "\n".join(parts)
        return "\n".join(parts[:MAX_WINDOWS - 1] + [self.tr("… {count} windows in all").format(count=len(parts))])

    def _add_line(self, group: QTreeWidgetItem, line: DiffLine) -> QTreeWidgetItem:
        item = QTreeWidgetItem(group, [self.subject_text(line), self.side_text(line.before),
                                       self.side_text(line.after)])
        background, ink = KIND_COLORS[line.kind]
        brush, pen = QBrush(QColor(background)), QBrush(QColor(ink))
        item.setForeground(SUBJECT, pen)
        sides = {"added": (AFTER,), "removed": (BEFORE,), "changed": (BEFORE, AFTER)}[line.kind]
        for column in sides:
            item.setBackground(column, brush)
            item.setForeground(column, pen)
        for column, full in ((BEFORE, line.before), (AFTER, line.after)):
            item.setToolTip(column, full.replace("；", "\n"))
        for column in (SUBJECT, BEFORE, AFTER):
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        item.setData(SUBJECT, Qt.ItemDataRole.UserRole, line)
        return item
