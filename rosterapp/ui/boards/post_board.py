"""The post board: posts (or their day and night shifts) x days, each cell one shift window.

A cell shows the vehicles standing there (call sign and type), the commander and staffed/required,
on green (full), amber (partial) or red (empty); a corner mark when the checking engine reports a
problem there. Vehicles and people are dropped on cells (see ``mime``); the model forwards drops to
its ``drop_handler`` and never writes itself.
"""

from __future__ import annotations

import bisect
import math
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPen, QPixmap, QPolygon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from rosterapp import vocab
from rosterapp.i18n import language
from rosterapp.services import posts_board as pb
from rosterapp.services.calendar import day_info, weekday_name
from rosterapp.services.posts_board import Board, BoardCell, BoardLine
from rosterapp.services.roster import ADJUSTED_WORKDAY_COLOR, HOLIDAY_COLOR, OFF_DAY_COLOR
from rosterapp.services.rules import Problem, message
from rosterapp.services.rules.data import from_min, to_min
from rosterapp.services.rules.problem import ERROR, INFO, SEVERITY_ORDER, WARNING
from rosterapp.services.stages import Stage, stage_of
from rosterapp.ui.boards import mime
from rosterapp.ui.roster.view import DayHeader

# Custom roles.
CELL_ROLE = Qt.ItemDataRole.UserRole + 1
"""Cells: the BoardCell (None where the post is not active)."""
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
"""Cells: "full", "partial", "empty" or None."""
LINE_ROLE = Qt.ItemDataRole.UserRole + 3
"""Cells and vertical header: the BoardLine of the row."""
DAY_ROLE = Qt.ItemDataRole.UserRole + 4
"""Cells and horizontal header: the column's date."""
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 5
"""Cells: the worst problem severity in the window, or None."""
LINES_ROLE = Qt.ItemDataRole.UserRole + 6
"""Cells: the texts painted, as a tuple of lines."""
PLANNED_ROLE = Qt.ItemDataRole.UserRole + 7
"""Cells: the PlannedCell an automatic fill proposes there (not written yet), or None."""
LOCKED_ROLE = Qt.ItemDataRole.UserRole + 8
"""Cells and vertical header: whether the line's sub-plan is approved (its posts and staffing locked)."""

STATUS_COLORS = {pb.FULL: "#c6efce", pb.PARTIAL: "#ffeb9c", pb.EMPTY: "#ffc7ce"}
STATUS_TEXT_COLORS = {pb.FULL: "#1e5a2a", pb.PARTIAL: "#6b4f00", pb.EMPTY: "#9c0006"}
INACTIVE_COLOR = "#efefef"
LOCK_BADGE_COLOR = "#1e5a2a"  # 已批准·已锁定: the approved state's dark green, white letters
PLANNED_COLOR = "#e4f5dc"  # a window the automatic fill proposes to staff (pale green, framed)
PLANNED_FRAME = "#2e7d32"
PLANNED_INK = "#1b4d20"
MARK_COLORS = {ERROR: "#d32f2f", WARNING: "#f0a000", INFO: "#2f6fd3"}
COLUMN_WIDTH = 138
HEADER_WIDTH = 214

_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_NO_PARENT = QModelIndex()
_ACTIVE_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled
_INACTIVE_FLAGS = Qt.ItemFlag.ItemIsEnabled


def share_text(share: float) -> str:
    """A share as a percentage rounded down to 0.1 %: 252 of 253 is 99.6 %, never 100 %."""
    return f"{math.floor(share * 1000) / 10:g}%"


def clock(minute: int) -> str:
    return from_min(minute).strftime("%H:%M")


def window_text(lo: int, hi: int) -> str:
    """3/5 08:00 – 3/6 08:00"""
    a, b = from_min(lo), from_min(hi)
    return f"{a.month}/{a.day} {a:%H:%M} – {b.month}/{b.day} {b:%H:%M}"



class PlannedCell(NamedTuple):
    """What a proposal would make of a window: the three lines the cell then shows (new names marked +) and
    the tooltip's lines naming what is proposed."""

    texts: tuple[str, ...]
    tip: tuple[str, ...]


class PostBoardModel(QAbstractTableModel):
    """Board lines x days over a ``Board``: every role answered from the board or small caches.

    ``set_board`` replaces everything; ``lines_changed`` and ``set_problems`` update parts. A drop
    goes to ``drop_handler(kind, ids, role, row, column) -> bool``.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.board: Board | None = None
        self.stages: list[Stage] = []
        self.drop_handler = None
        self._texts: dict[tuple[int, int], tuple[str, ...]] = {}
        self._brushes = {k: QBrush(QColor(v)) for k, v in STATUS_COLORS.items()}
        self._inactive = QBrush(QColor(INACTIVE_COLOR))
        self._header_texts: list[str] = []
        self._header_brushes: list[QBrush | None] = []
        self._header_tips: list[str] = []
        self.severity: dict[tuple[int, int], str] = {}
        self.problems: dict[tuple[int, int], list[Problem]] = {}
        # An automatic fill's proposal shown over the board (nothing written): (row, column) -> PlannedCell.
        self.planned: dict[tuple[int, int], PlannedCell] = {}
        self._planned_brush = QBrush(QColor(PLANNED_COLOR))
        # Detachments whose sub-plan of the task is approved: their lines carry a lock badge (set_locked).
        self.locked: frozenset[int] = frozenset()
        self.lock_badge = ""
        self.lock_tip = ""

    # -- content --------------------------------------------------------------------------------------
    def set_board(self, board: Board | None, stages: list[Stage] | None = None) -> None:
        self.beginResetModel()
        self.board = board
        self.stages = stages or []
        self._texts = {}
        self.severity, self.problems = {}, {}
        self.planned = {}  # its owner shows it again over the new board (boardChanged)
        self._prepare_headers()
        self.endResetModel()

    def set_locked(self, detachments, badge: str, tip: str) -> None:
        """Mark the lines of these detachments as locked (their sub-plan approved): ``badge`` is painted in
        their header, ``tip`` ends their tooltips."""
        detachments = frozenset(detachments)
        if (detachments, badge, tip) == (self.locked, self.lock_badge, self.lock_tip):
            return
        self.locked, self.lock_badge, self.lock_tip = detachments, badge, tip
        if self.board is not None and self.board.lines:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self.board.lines) - 1)

    def is_locked(self, r: int) -> bool:
        return self.board is not None and self.board.lines[r].detachment_id in self.locked

    def set_planned(self, planned: dict[tuple[int, int], PlannedCell]) -> None:
        """Show a proposal over these windows (replacing the one shown); ``{}`` takes it off."""
        old, self.planned = self.planned, dict(planned)
        for r, c in old.keys() | self.planned.keys():
            if old.get((r, c)) != self.planned.get((r, c)):
                index = self.index(r, c)
                self.dataChanged.emit(index, index)

    def planned_cell(self, r: int, c: int, vehicles: list[tuple[str, str, str]],
                     people: list[tuple[str, str, str | None]]) -> PlannedCell:
        """The window (r, c) with these vehicles (call sign, type code, tooltip text) and people (name,
        tooltip text, role) added: what the cell would show, the new ones marked "+", in its tooltip too."""
        line, cell = self.board.lines[r], self.board.cells[r][c]
        base = self.texts(r, c)
        if vehicles:
            top = f"+ {vehicles[0][0]} {vehicles[0][1]}"
            if len(vehicles) > 1:
                top += self.tr(" +{count}").format(count=len(vehicles) - 1)
        else:
            top = base[0]
        commanders = [name for name, _tip, role in people if role == "commander"]
        middle = ("+ " + self.tr("Cmd. {name}").format(name="、".join(commanders))) if commanders else base[1]
        bottom = self.tr("{people}/{need} ppl · {vehicles}/{vneed} veh").format(
            people=cell.people + len(people), need=line.min_people, vehicles=len(cell.vehicles) + len(vehicles),
            vneed=line.vehicles_required)
        tip = [self.tr("Proposed by the automatic fill, not written yet:")]
        tip += [f"  + {text}" for _cs, _type, text in vehicles] + [f"  + {text}" for _n, text, _r in people]
        return PlannedCell((top, middle, bottom), tuple(tip))

    def _prepare_headers(self) -> None:
        lang = language()
        days = self.board.days if self.board else []
        self._header_texts = [f"{d.month}/{d.day}\n{weekday_name(d, lang)}" for d in days]
        self._header_brushes, self._header_tips = [], []
        for day in days:
            info = day_info(day, lang)
            color = (HOLIDAY_COLOR if info.holiday else ADJUSTED_WORKDAY_COLOR if info.adjusted_workday
                     else OFF_DAY_COLOR if info.weekend else None)
            self._header_brushes.append(QBrush(QColor(color)) if color else None)
            tip = f"{day.isoformat()} {weekday_name(day, lang)}"
            if info.holiday:
                tip += " · " + info.holiday
            stage = stage_of(self.stages, day)
            if stage is not None:
                tip += " · " + stage.name
            self._header_tips.append(tip)

    def retranslate(self) -> None:
        self._texts = {}
        self._prepare_headers()
        if self.board and self.board.days:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.board.days) - 1)
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def lines_changed(self, rows: list[int]) -> None:
        """These board lines were recomputed."""
        last = self.columnCount() - 1
        for r in sorted(set(rows)):
            for c in range(last + 1):
                self._texts.pop((r, c), None)
            if last >= 0:
                self.dataChanged.emit(self.index(r, 0), self.index(r, last))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, r, r)

    def set_problems(self, problems: list[Problem]) -> None:
        """Mark the windows the problems name (by post and time)."""
        board = self.board
        severity: dict[tuple[int, int], str] = {}
        by_cell: dict[tuple[int, int], list[Problem]] = {}
        if board is not None:
            starts: dict[int, list[int]] = {}  # per line, its cells' starts (cells run in time order)
            for p in problems:
                if not p.posts:
                    continue
                lo, hi = to_min(p.start), to_min(p.end)
                # A problem names a post once per duty there (two duties of one person at one post):
                # it is one line of the window's tooltip, not two.
                for post in dict.fromkeys(p.posts):
                    for r in board.lines_of_post.get(post, ()):
                        row = board.cells[r]
                        if r not in starts:
                            # Inactive windows (None) carry the start before them, so the list stays sorted.
                            carried, last = [], -1
                            for cell in row:
                                last = cell.lo if cell is not None else last
                                carried.append(last)
                            starts[r] = carried
                        line_starts = starts[r]
                        first = max(bisect.bisect_right(line_starts, lo) - 1, 0)
                        while first > 0 and line_starts[first - 1] == line_starts[first]:
                            first -= 1
                        for c in range(first, len(row)):
                            cell = row[c]
                            if cell is not None and cell.lo >= hi:
                                break
                            if cell is not None and cell.lo < hi and lo < cell.hi:
                                by_cell.setdefault((r, c), []).append(p)
                                old = severity.get((r, c))
                                if old is None or SEVERITY_ORDER[p.severity] < SEVERITY_ORDER[old]:
                                    severity[r, c] = p.severity
        changed = {key for key in self.problems.keys() | by_cell.keys() if self.problems.get(key) != by_cell.get(key)}
        self.severity, self.problems = severity, by_cell
        for r, c in changed:
            index = self.index(r, c)
            self.dataChanged.emit(index, index)

    def cell(self, r: int, c: int) -> BoardCell | None:
        return self.board.cells[r][c] if self.board else None

    def line(self, r: int) -> BoardLine:
        return self.board.lines[r]

    # -- texts ---------------------------------------------------------------------------------------
    def texts(self, r: int, c: int) -> tuple[str, ...]:
        """The three lines a cell shows: vehicles, commander, staffed/required."""
        key = (r, c)
        cached = self._texts.get(key)
        if cached is None:
            cached = self._texts[key] = self._make_texts(self.board.lines[r], self.board.cells[r][c])
        return cached

    def _make_texts(self, line: BoardLine, cell: BoardCell | None) -> tuple[str, ...]:
        if cell is None:
            return ()
        vehicles = cell.vehicles
        if vehicles:
            first = f"{vehicles[0].call_sign} {vehicles[0].type_code}"
            more = self.tr(" +{count}").format(count=len(vehicles) - 1) if len(vehicles) > 1 else ""
            top = first + more
        else:
            top = self.tr("no vehicle")
        commanders = cell.commanders
        if commanders:
            middle = self.tr("Cmd. {name}").format(name="、".join(commanders))
        elif line.needs_commander:
            middle = self.tr("no commander")
        else:
            middle = ""
        bottom = self.tr("{people}/{need} ppl · {vehicles}/{vneed} veh").format(
            people=cell.people, need=line.min_people, vehicles=len(vehicles), vneed=line.vehicles_required)
        return (top, middle, bottom)

    def shortfall_text(self, shortfall: tuple) -> str:
        code = shortfall[0]
        if code == pb.NOBODY:
            return self.tr("nobody there for part of the window")
        if code == pb.NO_VEHICLE:
            return self.tr("no vehicle for part of the window")
        if code == pb.FEW_PEOPLE:
            return self.tr("{have} of {need} people").format(have=shortfall[1], need=shortfall[2])
        if code == pb.FEW_VEHICLES:
            return self.tr("{have} of {need} {type}").format(have=shortfall[3], need=shortfall[4], type=shortfall[2])
        if code == pb.NO_COMMANDER:
            return self.tr("no commander")
        return self.tr("nobody holds {qualification}").format(qualification=shortfall[1])

    def status_text(self, status: str | None) -> str:
        return {pb.FULL: self.tr("fully staffed"), pb.PARTIAL: self.tr("partly staffed"),
                pb.EMPTY: self.tr("empty")}.get(status, self.tr("not active"))

    def tooltip(self, r: int, c: int) -> str:
        line, cell = self.board.lines[r], self.board.cells[r][c]
        lang = language()
        head = f"{line.code} {line.name}"
        if cell is None:
            return head + "\n" + self.tr("The post is not active then.")
        out = [head, f"{window_text(cell.lo, cell.hi)} · {self.status_text(cell.status)}"]
        for v in cell.vehicles:
            out.append(f"  {v.call_sign} {v.type_name} {v.plate} ({v.station})")
        for c_ in cell.crew:
            role = vocab.label(vocab.CREW_ROLE, c_.role, lang) if c_.role else self.tr("no role")
            out.append(f"  {c_.name}（{c_.staff_no}）{role} · {c_.station}")
        out += ["⚠ " + self.shortfall_text(s) for s in cell.shortfalls]
        out += ["• " + message(p, lang) for p in self.problems.get((r, c), ())]
        return "\n".join(out)

    # -- Qt interface ----------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() or self.board is None else len(self.board.lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() or self.board is None else len(self.board.days)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return _ACTIVE_FLAGS if self.board.cells[index.row()][index.column()] is not None else _INACTIVE_FLAGS

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role == _DISPLAY:
            planned = self.planned.get((r, c))
            return "\n".join(planned.texts if planned is not None else self.texts(r, c))
        if role == LINES_ROLE:
            return self.texts(r, c)
        if role == _BACKGROUND:
            if (r, c) in self.planned:
                return self._planned_brush
            cell = self.board.cells[r][c]
            return self._inactive if cell is None else self._brushes[cell.status]
        if role == _TOOLTIP:
            planned = self.planned.get((r, c))
            lock = "\n" + self.lock_tip if self.is_locked(r) else ""
            return self.tooltip(r, c) + ("\n" + "\n".join(planned.tip) if planned is not None else "") + lock
        if role == LOCKED_ROLE:
            return self.is_locked(r)
        if role == PLANNED_ROLE:
            return self.planned.get((r, c))
        if role == CELL_ROLE:
            return self.board.cells[r][c]
        if role == STATUS_ROLE:
            cell = self.board.cells[r][c]
            return None if cell is None else cell.status
        if role == SEVERITY_ROLE:
            return self.severity.get((r, c))
        if role == LINE_ROLE:
            return self.board.lines[r]
        if role == DAY_ROLE:
            return self.board.days[c]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if self.board is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.board.days):
                return None
            if role == _DISPLAY:
                return self._header_texts[section]
            if role == _BACKGROUND:
                return self._header_brushes[section]
            if role == _TOOLTIP:
                return self._header_tips[section]
            if role == DAY_ROLE:
                return self.board.days[section]
            return None
        if not 0 <= section < len(self.board.lines):
            return None
        line = self.board.lines[section]
        if role == _DISPLAY:
            return f"{line.code} {line.name}"
        if role == LINE_ROLE:
            return line
        if role == LOCKED_ROLE:
            return line.detachment_id in self.locked
        if role == _TOOLTIP:
            return self.line_tooltip(line) + ("\n" + self.lock_tip if line.detachment_id in self.locked else "")
        return None

    def shift_text(self, line: BoardLine) -> str:
        if line.shift == pb.SHIFT_24H:
            return self.tr("24 h from {time}").format(time=clock(line.handover))
        start = line.handover if line.shift == pb.SHIFT_DAY else line.handover + pb.HALF_DAY_MINUTES
        name = self.tr("day") if line.shift == pb.SHIFT_DAY else self.tr("night")
        return f"{name} {clock(start)}–{clock(start + pb.HALF_DAY_MINUTES)}"

    def line_tooltip(self, line: BoardLine) -> str:
        lang = language()
        vehicles = "、".join(f"{name}×{n}" for _c, name, n in line.vehicle_reqs) or "—"
        quals = "、".join(name for _i, name in line.qualifications) or "—"
        parts = [
            f"{line.code} {line.name}",
            f"{vocab.label(vocab.POST_TYPE, line.post_type, lang)} · {vocab.label(vocab.DUTY_MODE, line.duty_mode, lang)}"
            f" · {self.shift_text(line)}",
            self.tr("Responsible: {detachment}, dispatched from {station}").format(
                detachment=line.detachment, station=line.station or "—"),
            self.tr("Needs: {people} people, vehicles {vehicles}, qualifications {quals}{commander}").format(
                people=line.min_people, vehicles=vehicles, quals=quals,
                commander=self.tr(", a commander") if line.needs_commander else ""),
        ]
        if line.address:
            parts.append(self.tr("Address: {address}").format(address=line.address))
        if line.radio_channel or line.arrival_minutes:
            parts.append(self.tr("Radio {channel} · arrival within {minutes} min").format(
                channel=line.radio_channel or "—", minutes=line.arrival_minutes or "—"))
        return "\n".join(parts)

    # -- drops -----------------------------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return list(mime.TYPES)

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    @staticmethod
    def _target(row: int, column: int, parent: QModelIndex | QPersistentModelIndex) -> tuple[int, int]:
        if parent.isValid():
            return parent.row(), parent.column()
        return row, column

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: QModelIndex | QPersistentModelIndex) -> bool:
        r, c = self._target(row, column, parent)
        if self.board is None or not (0 <= r < self.rowCount() and 0 <= c < self.columnCount()):
            return False
        return mime.decode(data) is not None and self.board.cells[r][c] is not None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent) or self.drop_handler is None:
            return False
        kind, ids, role = mime.decode(data)
        r, c = self._target(row, column, parent)
        return bool(self.drop_handler(kind, ids, role, r, c))


class BoardLineHeader(QHeaderView):
    """The board's vertical header painted on two lines: code and name, then kind and shift."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setHighlightSections(True)

    def sizeHint(self) -> QSize:
        return QSize(HEADER_WIDTH, super().sizeHint().height())

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        model = self.model()
        line = model.headerData(logical, Qt.Orientation.Vertical, LINE_ROLE) if model is not None else None
        if line is None:
            return
        painter.save()
        selected = self.selectionModel() is not None and self.selectionModel().isRowSelected(logical, QModelIndex())
        painter.fillRect(rect, self.palette().highlight().color().lighter(165) if selected
                         else self.palette().button().color())
        previous = model.headerData(logical - 1, Qt.Orientation.Vertical, LINE_ROLE) if logical > 0 else None
        first_of_post = previous is None or previous.post_id != line.post_id
        painter.setPen(QPen(QColor("#707070" if first_of_post else "#c8c8c8")))
        painter.drawLine(rect.topLeft(), rect.topRight())
        inner = rect.adjusted(6, 4, -6, -4)
        height = painter.fontMetrics().height()
        lang = language()
        bold = QFont(self.font())
        bold.setBold(first_of_post)
        painter.setFont(bold)
        painter.setPen(self.palette().text().color() if first_of_post else QColor("#808080"))
        texts = [f"{line.code}  {line.name}"]
        second = model.shift_text(line)
        if first_of_post:
            second = f"{vocab.label(vocab.POST_TYPE, line.post_type, lang)} · " \
                     f"{vocab.label(vocab.DUTY_MODE, line.duty_mode, lang)} · {second}"
        texts.append(second)
        top = inner.top() + max((inner.height() - 2 * height) // 2, 0)
        badge_width = 0
        if model.headerData(logical, Qt.Orientation.Vertical, LOCKED_ROLE) and model.lock_badge:
            # 已批准·已锁定, right of the code and name: the post may not be edited.
            small = QFont(self.font())
            small.setPointSizeF(max(small.pointSizeF() * 0.85, 7))
            small.setBold(True)
            metrics = QFontMetrics(small)
            badge_width = metrics.horizontalAdvance(model.lock_badge) + 10
            badge = QRect(inner.right() - badge_width + 1, top + (height - metrics.height() - 2) // 2, badge_width,
                          metrics.height() + 2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(LOCK_BADGE_COLOR))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.drawRoundedRect(badge, 3, 3)
            painter.setFont(small)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), model.lock_badge)
            painter.setFont(bold)
            painter.setPen(self.palette().text().color() if first_of_post else QColor("#808080"))
        for k, text in enumerate(texts):
            if k == 1:
                painter.setFont(self.font())
                painter.setPen(QColor("#505050"))
            area = QRect(inner.left(), top + k * height, inner.width() - (badge_width + 4 if k == 0 and badge_width
                                                                          else 0), height)
            painter.drawText(area, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, area.width()))
        painter.restore()


class BoardDelegate(QStyledItemDelegate):
    """Paints cells from a cache of pixmaps keyed by what they show: scrolling only copies pixmaps."""

    CACHE_LIMIT = 800  # a screenful is ~150 cells; a cell's pixmap is ~35 kB

    def __init__(self, model: PostBoardModel, parent=None):
        super().__init__(parent)
        self._model = model
        self._cache: dict[tuple, QPixmap] = {}

    def clear_cache(self) -> None:
        self._cache.clear()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        model = self._model
        r, c = index.row(), index.column()
        cell = model.board.cells[r][c]
        planned = model.planned.get((r, c)) if model.planned else None
        texts = model.texts(r, c) if planned is None else planned.texts
        severity = model.severity.get((r, c))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = option.rect
        status = cell.status if cell is not None else None
        key = (texts, status, severity, selected, planned is not None, rect.width(), rect.height())
        pixmap = self._cache.get(key)
        if pixmap is None:
            if len(self._cache) > self.CACHE_LIMIT:
                self._cache.clear()
            pixmap = self._cache[key] = self._draw(painter, texts, status, severity, selected, rect.width(),
                                                   rect.height(), option, planned is not None)
        painter.drawPixmap(rect.topLeft(), pixmap)
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(QPen(option.palette.highlight().color(), 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))

    @staticmethod
    def _draw(painter: QPainter, texts: tuple[str, ...], status: str | None, severity: str | None, selected: bool,
              width: int, height: int, option: QStyleOptionViewItem, planned: bool = False) -> QPixmap:
        """A cell; ``planned``: a window a proposal would staff, pale green in a green frame, its texts in
        italics (what it would show once accepted)."""
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        pixmap = QPixmap(int(width * ratio), int(height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        background = QColor(PLANNED_COLOR if planned else STATUS_COLORS.get(status, INACTIVE_COLOR))
        if selected:
            highlight = option.palette.highlight().color()
            background = QColor((background.red() * 2 + highlight.red()) // 3,
                                (background.green() * 2 + highlight.green()) // 3,
                                (background.blue() * 2 + highlight.blue()) // 3)
        pixmap.fill(background)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if status is not None:
            # A darker stripe on the left reads as the status even in a crowded board.
            p.fillRect(QRect(0, 0, 3, height), QColor(STATUS_TEXT_COLORS[status]))
        p.setPen(QPen(QColor("#d0d0d0")))
        p.drawLine(width - 1, 0, width - 1, height)
        p.drawLine(0, height - 1, width, height - 1)
        if planned:
            p.setPen(QPen(QColor(PLANNED_FRAME), 2, Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRect(4, 2, width - 7, height - 5))
        font = QFont(option.font)
        font.setItalic(planned)
        metrics_height = p.fontMetrics().height()
        ink = QColor(PLANNED_INK if planned else STATUS_TEXT_COLORS.get(status, "#909090"))
        rows = len(texts) or 1
        top = max((height - rows * metrics_height) // 2, 1)
        for k, text in enumerate(texts):
            line_font = QFont(font)
            if k == 0:
                line_font.setBold(True)
            p.setFont(line_font)
            p.setPen(ink if k != 1 or not text.startswith(("no ", "无")) else QColor("#9c0006"))
            area = QRect(7, top + k * metrics_height, width - 12, metrics_height)
            shown = p.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, area.width())
            p.drawText(area, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown)
        mark = MARK_COLORS.get(severity)
        if mark is not None:
            size = 10
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(mark))
            p.drawPolygon(QPolygon([QPoint(width - size, 0), QPoint(width, 0), QPoint(width, size)]))
        p.end()
        return pixmap


class PostBoardView(QTableView):
    """The board. Double-click or Enter opens the window's staffing; Delete clears the selected windows.

    Signals:
        staffRequested(): Enter or a double click on a cell.
        clearRequested(): Delete or Backspace over the selection.
    """

    staffRequested = Signal()
    clearRequested = Signal()

    def __init__(self, model: PostBoardModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("postBoard")
        self.setModel(model)
        self.setVerticalHeader(BoardLineHeader(self))
        self.setHorizontalHeader(DayHeader(self))
        self.horizontalHeader().setDefaultSectionSize(COLUMN_WIDTH)
        self.delegate = BoardDelegate(model, self)
        self.setItemDelegate(self.delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDragDropOverwriteMode(True)
        self.setDropIndicatorShown(True)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.doubleClicked.connect(lambda _index: self.staffRequested.emit())
        self.fit_rows()

    def fit_rows(self) -> None:
        height = self.fontMetrics().height() * 3 + 12
        self.verticalHeader().setDefaultSectionSize(height)
        self.verticalHeader().setMinimumSectionSize(height)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clearRequested.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.staffRequested.emit()
            return
        super().keyPressEvent(event)

    def selected_cells(self) -> list[tuple[int, int]]:
        return sorted((i.row(), i.column()) for i in self.selectionModel().selectedIndexes())
