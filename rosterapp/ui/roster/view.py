"""The roster grid's view: a table whose row header keeps station, name and position in sight."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QKeySequence, QPainter, QPen, QPixmap, QPolygon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from rosterapp.i18n import language
from rosterapp.services import absence_cells
from rosterapp.services.rules.problem import ERROR, INFO, WARNING
from rosterapp.ui.roster.model import GROUP_START_ROLE, POSITION_ROLE, STATION_ROLE

# Widths of the row header's three parts: station, name, position.
HEADER_PARTS = (118, 64, 64)
ROW_HEIGHT = 22
COLUMN_WIDTH = 40


class RosterRowHeader(QHeaderView):
    """The vertical header painted as three columns (station | name | position).

    Being the table's own header it scrolls with the rows and never sideways, which is what a
    clerk expects of "frozen" name columns, at no cost per cell.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setDefaultSectionSize(ROW_HEIGHT)
        self.setHighlightSections(True)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(sum(HEADER_PARTS) + 8, hint.height())

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        model = self.model()
        if model is None:
            return
        painter.save()
        selected = self.selectionModel() is not None and self.selectionModel().isRowSelected(logical, QModelIndex())
        tint = model.headerData(logical, Qt.Orientation.Vertical, Qt.ItemDataRole.BackgroundRole)  # a duty row's
        base = tint.color() if tint is not None else self.palette().button().color()
        background = self.palette().highlight().color().lighter(160) if selected else base
        painter.fillRect(rect, background)
        pen = QPen(QColor("#c8c8c8"))
        painter.setPen(pen)
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        if model.headerData(logical, Qt.Orientation.Vertical, GROUP_START_ROLE) and logical > 0:
            painter.setPen(QPen(QColor("#707070")))
            painter.drawLine(rect.topLeft(), rect.topRight())
        x = rect.left() + 4
        group_start = model.headerData(logical, Qt.Orientation.Vertical, GROUP_START_ROLE)
        # The station is written on the first row of its group only: the grid reads as grouped.
        texts = ((model.headerData(logical, Qt.Orientation.Vertical, STATION_ROLE) or "") if group_start else "",
                 model.headerData(logical, Qt.Orientation.Vertical) or "",
                 model.headerData(logical, Qt.Orientation.Vertical, POSITION_ROLE) or "")
        colors = (QColor("#606060"), self.palette().text().color(), QColor("#404040"))
        foreground = model.headerData(logical, Qt.Orientation.Vertical, Qt.ItemDataRole.ForegroundRole)
        # A row without a position (a duty row: 带班领导) gives its name the position's width too.
        widths = HEADER_PARTS if texts[2] else (HEADER_PARTS[0], HEADER_PARTS[1] + HEADER_PARTS[2], 0)
        for width, text, color in zip(widths, texts, colors, strict=True):
            painter.setPen(foreground.color() if foreground is not None else color)
            part = QRect(x, rect.top(), width - 4, rect.height())
            shown = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, part.width())
            painter.drawText(part, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), shown)
            x += width
        painter.restore()


class DayHeader(QHeaderView):
    """The day columns' header: date and weekday on two lines, weekends and holidays shaded.

    Painted here because styles are free to ignore a header's background role (Fusion does).
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setDefaultSectionSize(COLUMN_WIDTH)
        self.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setMinimumHeight(40)
        self.setHighlightSections(True)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), max(hint.height(), self.fontMetrics().height() * 2 + 10))

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        model = self.model()
        if model is None:
            return
        painter.save()
        brush = model.headerData(logical, Qt.Orientation.Horizontal, Qt.ItemDataRole.BackgroundRole)
        selected = self.selectionModel() is not None and self.selectionModel().isColumnSelected(logical, QModelIndex())
        color = brush.color() if brush is not None else self.palette().button().color()
        painter.fillRect(rect, color.darker(115) if selected else color)
        painter.setPen(QPen(QColor("#c8c8c8")))
        painter.drawLine(rect.topRight(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.setPen(self.palette().text().color())
        text = model.headerData(logical, Qt.Orientation.Horizontal) or ""
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)
        painter.restore()


class CodeDelegate(QStyledItemDelegate):
    """Paints cells from a cache of ready pixmaps, and edits them with a list of the shift codes.

    A grid cell is one of a few dozen looks (code x colour x problem x selected), so each look is
    drawn once and then only copied: a full screen of 1,500 cells paints in a few milliseconds,
    where laying out each cell's Chinese text anew takes tens.
    """

    def __init__(self, codes_provider, model, parent=None):
        super().__init__(parent)
        self._codes = codes_provider
        self._model = model
        self._cache: dict[tuple, QPixmap] = {}
        self._marks = {ERROR: QColor("#d32f2f"), WARNING: QColor("#f0a000"), INFO: QColor("#2f6fd3")}

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        model = self._model
        r, c = index.row(), index.column()
        # A proposal shown over the grid (the automatic fill): its code, in its own colour and in italics.
        proposed = model.overlay.get((r, c)) if model.overlay else None
        text = model.grid.cells[r][c] if proposed is None else proposed[0]
        severity = model.cell_severity.get((r, c))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = option.rect
        look = None if proposed is None else proposed[1]
        key = (text, model.grid.kinds[r][c], severity, selected, rect.width(), rect.height(), look)
        pixmap = self._cache.get(key)
        if pixmap is None:
            pixmap = self._cache[key] = self._draw(painter, text, model.background(r, c), severity, selected,
                                                  rect.width(), rect.height(), option, italic=look is not None)
        painter.drawPixmap(rect.topLeft(), pixmap)
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(QPen(option.palette.highlight().color(), 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))

    def _draw(self, painter: QPainter, text: str, brush, severity, selected: bool, width: int, height: int,
              option: QStyleOptionViewItem, italic: bool = False) -> QPixmap:
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        pixmap = QPixmap(int(width * ratio), int(height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        background = brush.color() if brush is not None else option.palette.base().color()
        if selected:
            highlight = option.palette.highlight().color()
            background = QColor((background.red() + highlight.red()) // 2, (background.green() + highlight.green()) // 2,
                                (background.blue() + highlight.blue()) // 2)
        pixmap.fill(background)
        p = QPainter(pixmap)
        font = QFont(option.font)
        if severity in (ERROR, WARNING):
            font.setBold(True)
        if italic:
            font.setItalic(True)
        p.setFont(font)
        p.setPen(option.palette.text().color() if not selected else option.palette.highlightedText().color())
        shown = p.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width - 2)
        p.drawText(QRect(0, 0, width, height), int(Qt.AlignmentFlag.AlignCenter), shown)
        mark = self._marks.get(severity)
        if mark is not None:
            # A corner triangle, as spreadsheets mark a cell with a comment.
            size = 8
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(mark)
            p.drawPolygon(QPolygon([QPoint(width - size, 0), QPoint(width, 0), QPoint(width, size)]))
        p.end()
        return pixmap

    def clear_cache(self) -> None:
        self._cache.clear()

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        editor = QComboBox(parent)
        editor.setEditable(True)
        editor.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for code in self._codes():
            editor.addItem(f"{code.code}  {code.name}", code.code)
        # The absences, picked here without the input method (their shortcut key after the name).
        keys = {code: key for key, code in absence_cells.SHORTCUTS.items()}
        for code in absence_cells.CODES:
            editor.addItem(f"{code}  {absence_cells.label(code, language())}  ({keys[code]})", code)
        editor.setObjectName("cellEditor")
        # The list drops down as wide as its entries, not as narrow as the cell.
        editor.view().setMinimumWidth(editor.view().sizeHintForColumn(0) + 24)
        editor.setMaxVisibleItems(editor.count())  # every code in sight, the absences too
        return editor

    def setEditorData(self, editor: QComboBox, index: QModelIndex) -> None:
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        position = editor.findData(text)
        if position >= 0:
            editor.setCurrentIndex(position)
        editor.setEditText(text)
        editor.lineEdit().selectAll()

    def setModelData(self, editor: QComboBox, model, index: QModelIndex) -> None:
        text = editor.currentText().strip()
        # A picked entry reads "值  24小时执勤": keep the code.
        data = editor.currentData()
        if data and text.startswith(data):
            text = data
        model.setData(index, text, Qt.ItemDataRole.EditRole)


class RosterView(QTableView):
    """The grid. Typing over a selection fills it; Delete clears it; copy and paste are tab-separated.

    Signals:
        fillRequested(str): the clerk typed a code over the selection.
        clearRequested(): Delete or Backspace over the selection.
        copyRequested(), pasteRequested(): Ctrl+C and Ctrl+V.
    """

    fillRequested = Signal(str)
    clearRequested = Signal()
    copyRequested = Signal()
    pasteRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("rosterGrid")
        self.setVerticalHeader(RosterRowHeader(self))
        self.setHorizontalHeader(DayHeader(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(True)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.setAlternatingRowColors(False)
        self.setGridStyle(Qt.PenStyle.SolidLine)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copyRequested.emit()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.pasteRequested.emit()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state() != self.State.EditingState:
            self.clearRequested.emit()
            return
        text = event.text()
        plain = not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
        if plain and text and text.isprintable() and not text.isspace() and self.state() != self.State.EditingState:
            # One key over the selection: a code (值) or its pinyin initial (z) fills every selected cell.
            self.fillRequested.emit(text)
            return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event) -> None:
        # A Chinese input method commits 值 here rather than as a key press.
        committed = event.commitString()
        if committed and self.state() != self.State.EditingState:
            self.fillRequested.emit(committed)
            event.accept()
            return
        super().inputMethodEvent(event)

    def selected_cells(self) -> list[tuple[int, int]]:
        return sorted((i.row(), i.column()) for i in self.selectionModel().selectedIndexes())
