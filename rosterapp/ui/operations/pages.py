"""The tabs of a security task: the post board, the vehicle board and the at-a-glance charts.

The pages only lay widgets out; ``OperationsController`` fills them and handles their gestures.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from rosterapp.ui.boards.availability import AvailabilityPanel
from rosterapp.ui.boards.charts import CoverageBar, FairnessChart
from rosterapp.ui.boards.post_board import PostBoardModel, PostBoardView
from rosterapp.ui.boards.vehicle_board import VehicleBoardModel, VehicleBoardView
from rosterapp.ui.operations.subplans import SubPlanPanel

PANEL_WIDTH = 380
PLANS_HEIGHT = 210  # the sub-plans under the board: a title, six detachments, a line of hint


def _title_label(parent: QWidget, name: str, scale: float = 1.15) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


class PostBoardPage(QWidget):
    """The post board with its title, coverage line, detachment filter and toolbar; availability beside it;
    the task's sub-plans (分方案) under it, and a banner over it naming the approved (locked) ones shown."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("postBoardPage")
        self.model = PostBoardModel(self)
        self.view = PostBoardView(self.model, self)
        self.panel = AvailabilityPanel(self)
        self.title = _title_label(self, "operationTitle")
        self.details = QLabel(self)
        self.details.setObjectName("operationDetails")
        self.details.setStyleSheet("color: #505050;")
        self.coverage = QLabel(self)
        self.coverage.setObjectName("coverageSummary")
        self.detachment_label = QLabel(self)
        self.detachment = QComboBox(self)
        self.detachment.setObjectName("boardDetachment")
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("boardToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.empty = QLabel(self)
        self.empty.setObjectName("boardEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #707070; font-size: 14px;")
        self.lock_banner = QLabel(self)
        self.lock_banner.setObjectName("lockBanner")
        self.lock_banner.setWordWrap(True)
        self.lock_banner.setStyleSheet("background: #e3f1e5; color: #1e5a2a; border: 1px solid #9cc9a4; "
                                       "border-radius: 3px; padding: 3px 6px;")
        self.lock_banner.hide()
        self.subplans = SubPlanPanel(self)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.details)
        top.addLayout(titles, 1)
        right = QVBoxLayout()
        filter_row = QHBoxLayout()
        filter_row.addStretch(1)
        filter_row.addWidget(self.detachment_label)
        filter_row.addWidget(self.detachment)
        right.addLayout(filter_row)
        right.addWidget(self.coverage, 0, Qt.AlignmentFlag.AlignRight)
        top.addLayout(right)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("boardSplitter")
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)
        # The sub-plans under the board and its lists: the clerk drags it smaller, or away.
        self.plan_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.plan_splitter.setObjectName("planSplitter")
        self.plan_splitter.addWidget(self.splitter)
        self.plan_splitter.addWidget(self.subplans)
        self.plan_splitter.setStretchFactor(0, 1)
        self.plan_splitter.setStretchFactor(1, 0)
        self.plan_splitter.setCollapsible(0, False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addLayout(top)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.lock_banner)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.plan_splitter, 1)
        self.show_board(False)

    def show_board(self, shown: bool) -> None:
        self.plan_splitter.setVisible(shown)
        if not shown:
            self.lock_banner.hide()
        self.empty.setVisible(not shown)
        for widget in (self.detachment_label, self.detachment, self.coverage, self.details):
            widget.setVisible(shown)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not getattr(self, "_sized", False) and self.width() > 2 * PANEL_WIDTH:
            self._sized = True
            self.splitter.setSizes([self.width() - PANEL_WIDTH, PANEL_WIDTH])
        if not getattr(self, "_plans_sized", False) and self.plan_splitter.height() > 3 * PLANS_HEIGHT:
            self._plans_sized = True
            self.plan_splitter.setSizes([self.plan_splitter.height() - PLANS_HEIGHT, PLANS_HEIGHT])


class VehicleBoardPage(QWidget):
    """Vehicles x days of the shown range: where each vehicle is, and its maintenance."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("vehicleBoardPage")
        self.model = VehicleBoardModel(self)
        self.view = VehicleBoardView(self.model, self)
        self.title = _title_label(self, "vehicleBoardTitle")
        self.legend = QLabel(self)
        self.legend.setObjectName("vehicleLegend")
        self.legend.setWordWrap(True)
        self.detachment_label = QLabel(self)
        self.detachment = QComboBox(self)
        self.detachment.setObjectName("vehicleDetachment")
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.detachment_label)
        top.addWidget(self.detachment)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addLayout(top)
        layout.addWidget(self.legend)
        layout.addWidget(self.view, 1)


class GlancePage(QWidget):
    """Coverage of every security task and its detachments; duty hours per person this month."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("glancePage")
        self.coverage = CoverageBar(self)
        self.chart = FairnessChart(self)
        self.coverage_box = QGroupBox(self)
        self.coverage_box.setObjectName("coverageBox")
        self.fairness_box = QGroupBox(self)
        self.fairness_box.setObjectName("fairnessBox")
        self.scope_label = QLabel(self)
        self.scope = QComboBox(self)
        self.scope.setObjectName("fairnessScope")
        box = QVBoxLayout(self.coverage_box)
        box.addWidget(self.coverage)
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.scope_label)
        scope_row.addWidget(self.scope)
        scope_row.addStretch(1)
        fair = QVBoxLayout(self.fairness_box)
        fair.addLayout(scope_row)
        fair.addWidget(self.chart, 1)
        self.chart.setMinimumHeight(260)
        # Both charts keep their height and the page scrolls: a small window is not squeezed by them.
        inner = QWidget(self)
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.coverage_box)
        column.addWidget(self.fairness_box, 1)
        scroll = QScrollArea(self)
        scroll.setObjectName("glanceScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(scroll)
