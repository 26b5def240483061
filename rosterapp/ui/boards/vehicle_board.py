"""The vehicle board: vehicles x duty days, where each vehicle is (its station, a post, another
station) and its maintenance."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPixmap
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
from rosterapp.services.calendar import day_info, weekday_name
from rosterapp.services.roster import ADJUSTED_WORKDAY_COLOR, HOLIDAY_COLOR, OFF_DAY_COLOR
from rosterapp.services.vehicle_board import AT_HOME, AT_POST, AWAY, OUT_OF_SERVICE, VehicleBoard
from rosterapp.ui.roster.view import DayHeader

# Custom roles.
VEHICLE_ROLE = Qt.ItemDataRole.UserRole + 1
"""Cells and vertical header: the VehicleRow."""
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
"""Cells: AT_HOME, AT_POST, AWAY or OUT_OF_SERVICE (services.posts_board)."""
MAINTENANCE_ROLE = Qt.ItemDataRole.UserRole + 3
"""Cells: the maintenance reason that day, or ""."""
STATION_ROLE = Qt.ItemDataRole.UserRole + 4
"""Vertical header: the vehicle's station."""
GROUP_START_ROLE = Qt.ItemDataRole.UserRole + 5
"""Vertical header: True on a station's first vehicle."""

KIND_COLORS = {AT_HOME: "#ffffff", AT_POST: "#d9c3f0", AWAY: "#cfe3f7", OUT_OF_SERVICE: "#e8e8e8"}
KIND_TEXT = {AT_HOME: "#b4b4b4", AT_POST: "#3b1f66", AWAY: "#1f4e79", OUT_OF_SERVICE: "#8a8a8a"}
MAINTENANCE_COLOR = "#f4b6b6"
HEADER_PARTS = (76, 112, 36)
COLUMN_WIDTH = 72

_DISPLAY = Qt.ItemDataRole.DisplayRole
_NO_PARENT = QModelIndex()
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class VehicleBoardModel(QAbstractTableModel):
    """Vehicles x days over a ``VehicleBoard``; read only."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.board = VehicleBoard([], [], [], [], [])
        self._kind_brush = {k: QBrush(QColor(v)) for k, v in KIND_COLORS.items()}
        self._maintenance = QBrush(QColor(MAINTENANCE_COLOR))
        self._header_texts: list[str] = []
        self._header_brushes: list[QBrush | None] = []

    def set_board(self, board: VehicleBoard) -> None:
        self.beginResetModel()
        self.board = board
        lang = language()
        self._header_texts = [f"{d.month}/{d.day}\n{weekday_name(d, lang)}" for d in board.days]
        self._header_brushes = []
        for day in board.days:
            info = day_info(day, lang)
            color = (HOLIDAY_COLOR if info.holiday else ADJUSTED_WORKDAY_COLOR if info.adjusted_workday
                     else OFF_DAY_COLOR if info.weekend else None)
            self._header_brushes.append(QBrush(QColor(color)) if color else None)
        self.endResetModel()

    def text(self, r: int, c: int) -> str:
        board = self.board
        place = board.texts[r][c]
        kind = board.kinds[r][c]
        if kind == OUT_OF_SERVICE:
            place = vocab.label(vocab.VEHICLE_STATUS, board.rows[r].status, language())
        if board.maintenance[r][c]:
            return self.tr("Maint.") + ("" if kind in (AT_HOME, OUT_OF_SERVICE) else " " + place)
        return place

    def tooltip(self, r: int, c: int) -> str:
        board = self.board
        row, day = board.rows[r], board.days[c]
        kind = board.kinds[r][c]
        lines = [f"{row.call_sign} {row.type_name} {row.plate}", f"{day.isoformat()} {weekday_name(day, language())}"]
        if kind == AT_POST:
            lines.append(self.tr("At post {post}").format(post=board.texts[r][c]))
        elif kind == AWAY:
            lines.append(self.tr("Lent to {station}").format(station=board.texts[r][c]))
        elif kind == OUT_OF_SERVICE:
            lines.append(vocab.label(vocab.VEHICLE_STATUS, row.status, language()))
        else:
            lines.append(self.tr("At its station, {station}").format(station=row.station))
        if board.maintenance[r][c]:
            lines.append(self.tr("Maintenance: {reason}").format(reason=board.maintenance[r][c]))
        return "\n".join(lines)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.board.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.board.days)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role == _DISPLAY:
            return self.text(r, c)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._maintenance if self.board.maintenance[r][c] else self._kind_brush[self.board.kinds[r][c]]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(r, c)
        if role == KIND_ROLE:
            return self.board.kinds[r][c]
        if role == MAINTENANCE_ROLE:
            return self.board.maintenance[r][c]
        if role == VEHICLE_ROLE:
            return self.board.rows[r]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        board = self.board
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(board.days):
                return None
            if role == _DISPLAY:
                return self._header_texts[section]
            if role == Qt.ItemDataRole.BackgroundRole:
                return self._header_brushes[section]
            return None
        if not 0 <= section < len(board.rows):
            return None
        row = board.rows[section]
        if role == _DISPLAY:
            return row.call_sign or row.plate
        if role == STATION_ROLE:
            return row.station
        if role == VEHICLE_ROLE:
            return row
        if role == GROUP_START_ROLE:
            return section == 0 or board.rows[section - 1].station_id != row.station_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.call_sign} · {row.type_name} · {row.plate} · {row.station}"
        return None


class VehicleRowHeader(QHeaderView):
    """Station | call sign | type, the station written on its first vehicle only."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setHighlightSections(True)

    def sizeHint(self) -> QSize:
        return QSize(sum(HEADER_PARTS) + 8, super().sizeHint().height())

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        model = self.model()
        row = model.headerData(logical, Qt.Orientation.Vertical, VEHICLE_ROLE) if model is not None else None
        if row is None:
            return
        painter.save()
        painter.fillRect(rect, self.palette().button().color())
        group = model.headerData(logical, Qt.Orientation.Vertical, GROUP_START_ROLE)
        painter.setPen(QPen(QColor("#707070" if group and logical else "#d0d0d0")))
        painter.drawLine(rect.topLeft(), rect.topRight())
        x = rect.left() + 4
        for width, text, color in zip(HEADER_PARTS, (row.station if group else "", row.call_sign or row.plate,
                                                     row.type_code),
                                      ("#606060", self.palette().text().color().name(), "#404040"), strict=True):
            painter.setPen(QColor(color))
            part = QRect(x, rect.top(), width - 4, rect.height())
            painter.drawText(part, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                             painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, part.width()))
            x += width
        painter.restore()


class VehicleCellDelegate(QStyledItemDelegate):
    """Cells from cached pixmaps: a vehicle board is a few dozen looks repeated."""

    def __init__(self, model: VehicleBoardModel, parent=None):
        super().__init__(parent)
        self._model = model
        self._cache: dict[tuple, QPixmap] = {}

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        model = self._model
        r, c = index.row(), index.column()
        kind = model.board.kinds[r][c]
        maintenance = bool(model.board.maintenance[r][c])
        text = model.text(r, c)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = option.rect
        key = (text, kind, maintenance, selected, rect.width(), rect.height())
        pixmap = self._cache.get(key)
        if pixmap is None:
            if len(self._cache) > 2000:
                self._cache.clear()
            ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
            pixmap = QPixmap(int(rect.width() * ratio), int(rect.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            color = QColor(MAINTENANCE_COLOR if maintenance else KIND_COLORS[kind])
            if selected:
                highlight = option.palette.highlight().color()
                color = QColor((color.red() * 2 + highlight.red()) // 3, (color.green() * 2 + highlight.green()) // 3,
                               (color.blue() * 2 + highlight.blue()) // 3)
            pixmap.fill(color)
            p = QPainter(pixmap)
            p.setPen(QPen(QColor("#e0e0e0")))
            p.drawLine(rect.width() - 1, 0, rect.width() - 1, rect.height())
            p.drawLine(0, rect.height() - 1, rect.width(), rect.height() - 1)
            font = QFont(option.font)
            font.setBold(kind in (AT_POST, AWAY) or maintenance)
            p.setFont(font)
            p.setPen(QColor("#8b0000" if maintenance else KIND_TEXT[kind]))
            area = QRect(2, 0, rect.width() - 4, rect.height())
            p.drawText(area, int(Qt.AlignmentFlag.AlignCenter),
                       p.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, area.width()))
            p.end()
            self._cache[key] = pixmap
        painter.drawPixmap(rect.topLeft(), pixmap)


class VehicleBoardView(QTableView):
    def __init__(self, model: VehicleBoardModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("vehicleBoard")
        self.setModel(model)
        self.setVerticalHeader(VehicleRowHeader(self))
        self.setHorizontalHeader(DayHeader(self))
        self.horizontalHeader().setDefaultSectionSize(COLUMN_WIDTH)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setItemDelegate(VehicleCellDelegate(model, self))
        self.setShowGrid(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
