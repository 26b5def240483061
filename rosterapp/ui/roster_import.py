"""The window's month roster import: what the file would change, shown as the roster grid with the changed
cells marked, the problems it would add, and every change as a line; then Import or Cancel. And the table of
a refused file's bad cells (sheet, row, column, cell, reason), to sort and copy.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rosterapp.services import roster
from rosterapp.services.calendar import WEEKDAYS_ZH
from rosterapp.services.excel.common import CellError
from rosterapp.services.excel.roster_import import RosterImportResult, SheetRead

_NO_PARENT = QModelIndex()
CHANGED_COLOR = "#fff176"  # a changed cell: yellow with red bold text, whatever its code's colour
CHANGED_TEXT = "#c62828"
ERROR_COLOR = "#b00020"
LEAD_COLUMNS = 2  # 姓名, 工号


class PreviewModel(QAbstractTableModel):
    """One sheet of the file as the roster grid: people x days, the file's codes, changed cells marked.

    A changed cell's tooltip says what it held before. ``only_changed`` keeps the people with changes.
    """

    def __init__(self, colors: dict[str, str], parent=None):
        super().__init__(parent)
        self.colors = colors
        self.sheet: SheetRead | None = None
        self.rows = []
        self.changed_rows: set[int] = set()
        self.only_changed = False
        self.bold = QFont()
        self.bold.setBold(True)

    def set_sheet(self, sheet: SheetRead | None, only_changed: bool | None = None) -> None:
        self.beginResetModel()
        self.sheet = sheet
        if only_changed is not None:
            self.only_changed = only_changed
        rows = sheet.rows if sheet is not None else []
        self.rows = [r for r in rows if not self.only_changed or r.cells != r.before]
        self.changed_rows = {id(r) for r in self.rows if r.cells != r.before}  # once, not in every data() call
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        if parent.isValid() or self.sheet is None:
            return 0
        return LEAD_COLUMNS + len(self.sheet.days)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or self.sheet is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section < LEAD_COLUMNS:
                return (self.tr("Name"), self.tr("Staff No."))[section]
            day = self.sheet.days[section - LEAD_COLUMNS]
            return f"{day.day}\n{WEEKDAYS_ZH[day.weekday()]}"
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if col < LEAD_COLUMNS:
            if role == Qt.ItemDataRole.DisplayRole:
                return row.name if col == 0 else row.staff_no
            if role == Qt.ItemDataRole.FontRole and id(row) in self.changed_rows:
                return self.bold
            return None
        i = col - LEAD_COLUMNS
        text = row.cells[i]
        changed = row.changed(i)
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole:
            if changed:
                return QBrush(QColor(CHANGED_COLOR))
            # A code's colour as the grid paints it; a post code (DC-01) the post days' colour.
            color = self.colors.get(text.split("/")[0], roster.KIND_COLORS[roster.POST]) if text else None
            return QBrush(QColor(color)) if color else None
        if role == Qt.ItemDataRole.ForegroundRole and changed:
            return QBrush(QColor(CHANGED_TEXT))
        if role == Qt.ItemDataRole.FontRole and changed:
            return self.bold
        if role == Qt.ItemDataRole.ToolTipRole and changed:
            return self.tr("Was: {old}").format(old=row.before[i] or "—")
        return None


class RosterImportDialog(QDialog):
    """Before a month roster import: the grid of each sheet with its changed cells, the problems it would add,
    the list of changes; Import or Cancel."""

    def __init__(self, title: str, file_name: str, result: RosterImportResult, colors: dict[str, str],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("rosterImportDialog")
        self.setWindowTitle(title)
        self.resize(1100, 680)
        self.result = result
        self.summary_label = QLabel(result.summary(), self)
        self.summary_label.setObjectName("previewSummary")
        self.summary_label.setWordWrap(True)
        notes = result.notes()
        self.notes_label = QLabel("\n".join(notes), self)
        self.notes_label.setWordWrap(True)
        self.notes_label.setVisible(bool(notes))
        self.problems_label = QLabel(result.problems_summary(), self)
        self.problems_label.setObjectName("problemsSummary")
        self.problems_label.setWordWrap(True)
        if result.added("error"):
            self.problems_label.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold")

        self.sheet_box = QComboBox(self)
        self.sheet_box.setObjectName("sheetBox")
        for sheet in result.sheets:
            changed = sum(1 for r in sheet.rows for i in range(len(r.cells)) if r.changed(i))
            self.sheet_box.addItem(self.tr("{sheet}: {station}, {month} ({count} cells change)").format(
                sheet=sheet.sheet, station=sheet.unit.name, month=f"{sheet.first:%Y-%m}", count=changed))
        self.only_changed = QCheckBox(self.tr("Only people with changes"), self)
        self.only_changed.setObjectName("onlyChanged")
        self.model = PreviewModel(colors, self)
        self.grid = QTableView(self)
        self.grid.setObjectName("previewGrid")
        self.grid.setModel(self.model)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.verticalHeader().setDefaultSectionSize(22)
        self.grid.horizontalHeader().setMinimumSectionSize(30)
        self.sheet_box.currentIndexChanged.connect(self._show_sheet)
        self.only_changed.toggled.connect(lambda on: self._show_sheet(self.sheet_box.currentIndex()))

        self.changes = QPlainTextEdit(self)
        self.changes.setObjectName("previewText")
        self.changes.setReadOnly(True)
        self.changes.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.changes.setPlainText("\n".join(result.detail_lines()))
        self.changes.setPlaceholderText(self.tr("Nothing to change: the database already holds this roster."))
        self.problems = QPlainTextEdit(self)
        self.problems.setObjectName("problemText")
        self.problems.setReadOnly(True)
        self.problems.setPlainText("\n".join(result.problem_lines()))
        self.problems.setPlaceholderText(self.tr("The import adds no problem."))

        grid_page = QWidget(self)
        grid_layout = QVBoxLayout(grid_page)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Sheet:"), grid_page))
        bar.addWidget(self.sheet_box, 1)
        bar.addWidget(self.only_changed)
        grid_layout.addLayout(bar)
        grid_layout.addWidget(self.grid)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(grid_page, self.tr("Roster"))
        self.tabs.addTab(self.changes, self.tr("Changes ({count})").format(count=result.changed))
        self.tabs.addTab(self.problems, self.tr("New problems ({count})").format(
            count=len(result.delta.appeared) if result.delta is not None else 0))

        copy = QPushButton(self.tr("&Copy Changes"), self)
        copy.setObjectName("copyButton")
        copy.clicked.connect(self.copy_all)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(result.changed > 0)
        self.import_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self._show_sheet(0)

    def _show_sheet(self, index: int) -> None:
        sheets = self.result.sheets
        self.model.set_sheet(sheets[index] if 0 <= index < len(sheets) else None, self.only_changed.isChecked())
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def changed_cells(self) -> list[tuple[int, int]]:
        """(row, column) of the marked cells of the sheet shown (tests, screenshots)."""
        return [(r, LEAD_COLUMNS + i) for r, row in enumerate(self.model.rows) for i in range(len(row.cells))
                if row.changed(i)]

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText("\n".join([self.result.summary(), self.result.problems_summary(),
                                                       *self.result.detail_lines(), *self.result.problem_lines()]))


def code_colors(session) -> dict[str, str]:
    """Each code's colour as the grid paints it (shift codes, absence codes)."""
    colors = {c.code: c.color for c in roster.shift_codes(session)}
    colors.update(roster.absence_cells.COLORS)
    return colors


class CellErrorTable(QTableWidget):
    """A refused file's bad cells, one per row: sheet, row, column, cell, reason; sortable by any column,
    copied as tab-separated text with its header (a spreadsheet pastes it as a table)."""

    def __init__(self, errors: list[CellError], parent: QWidget | None = None):
        super().__init__(len(errors), 5, parent)
        self.setObjectName("cellErrorTable")
        self.setHorizontalHeaderLabels([self.tr("Sheet"), self.tr("Row"), self.tr("Column"), self.tr("Cell"),
                                        self.tr("Reason")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().setVisible(False)
        for r, error in enumerate(errors):
            values = [error.sheet, error.row, error.header, f"{error.field}{error.row}", error.reason]
            for c, value in enumerate(values):
                item = QTableWidgetItem()
                item.setData(Qt.ItemDataRole.DisplayRole, value if isinstance(value, int) else str(value or ""))
                self.setItem(r, c, item)
        self.horizontalHeader().setStretchLastSection(True)
        self.resizeColumnsToContents()
        self.setSortingEnabled(True)

    def as_text(self) -> str:
        head = [self.horizontalHeaderItem(c).text() for c in range(self.columnCount())]
        rows = ["\t".join(self.item(r, c).text() for c in range(self.columnCount())) for r in range(self.rowCount())]
        return "\n".join(["\t".join(head), *rows])
