"""The code legend: every code a roster cell holds (shifts from the ShiftType table, absences), its colour,
its hours and the keys that type it; a dialog from the View menu and a text for the grid's tooltips."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from rosterapp.i18n import language
from rosterapp.services.code_legend import ABSENCE, LegendRow, legend

_NO_PARENT = QModelIndex()
CODE, NAME, TIME, HOURS, KEYS = range(5)


def time_text(row: LegendRow) -> str:
    """08:00–次日08:00 for 值, 16:00–24:00 for 中, 整个执勤日 for an absence, "" for 休."""
    if row.kind == ABSENCE:
        return QCoreApplication.translate("CodeLegend", "whole duty day")
    if row.start is None or row.end is None:
        return ""
    end = row.end.strftime("%H:%M")
    if row.next_day:
        end = QCoreApplication.translate("CodeLegend", "next day ") + end
    elif end == "00:00":
        end = "24:00"
    return f"{row.start:%H:%M}–{end}"


def hours_text(row: LegendRow) -> str:
    if row.hours is None:
        return ""
    return f"{row.hours:g} h"


def keys_text(row: LegendRow) -> str:
    return ", ".join(row.keys)


def tooltip_text(rows: list[LegendRow]) -> str:
    """The legend as a few lines for a tooltip: 值 24小时执勤 08:00–次日08:00 · z."""
    lines = [QCoreApplication.translate("CodeLegend", "Codes (View ▸ Code legend):")]
    for row in rows:
        parts = [row.code, row.name, time_text(row)]
        text = " ".join(p for p in parts if p)
        if row.keys:
            text += " · " + keys_text(row)
        lines.append(text)
    return "\n".join(lines)


def legend_tips(model, database) -> None:
    """Give the grid's model the legend for its day headers' tooltips and a hint for its cells'."""
    with database.read() as session:
        rows = legend(session, language())
    model.legend_tip = tooltip_text(rows)
    model.legend_hint = QCoreApplication.translate("CodeLegend", "Codes: View ▸ Code legend (Ctrl+Shift+L)")


class LegendModel(QAbstractTableModel):
    """The legend's rows: code (in its colour), name, time, hours, keys."""

    def __init__(self, rows: list[LegendRow], parent=None):
        super().__init__(parent)
        self.rows = rows
        self._brushes = [QBrush(QColor(r.color)) for r in rows]
        self._texts = [(r.code, r.name, time_text(r), hours_text(r), keys_text(r)) for r in rows]
        self._headers = (QCoreApplication.translate("CodeLegend", "Code"), QCoreApplication.translate("CodeLegend", "Meaning"), QCoreApplication.translate("CodeLegend", "Time"), QCoreApplication.translate("CodeLegend", "Hours"), QCoreApplication.translate("CodeLegend", "Keys"))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else 5

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[r][c]
        if role == Qt.ItemDataRole.BackgroundRole and c == CODE:
            return self._brushes[r]
        if role == Qt.ItemDataRole.TextAlignmentRole and c in (CODE, HOURS):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < 5:
            return self._headers[section]
        return None


class CodeLegend(QDialog):
    """A small window listing every code; it stays open beside the grid while the clerk types."""

    def __init__(self, rows: list[LegendRow], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("codeLegend")
        self.setWindowTitle(self.tr("Code legend"))
        self.setModal(False)
        self.model = LegendModel(rows, self)
        self.table = QTableView(self)
        self.table.setObjectName("legendTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.note = QLabel(self.tr(
            "Absence codes are typed as characters through the input method, picked from the cell editor "
            "(double-click or F2), or typed with the keys shown: 1–6 over a selection; the letters in the cell "
            "editor or in pasted text. Their pinyin initials are the shift codes' (b 病/白, x 训/休, j 假/借), "
            "so single letters stay with the shifts. An absence day is the whole duty day, handover to handover; "
            "it takes the day's station duty away."), self)
        self.note.setObjectName("legendNote")
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.table.resizeColumnsToContents()
        width = sum(self.table.columnWidth(c) for c in range(5)) + 40
        self.resize(max(width, 460), 26 * len(rows) + 230)


class CodeLegendAction(QAction):
    """View ▸ Code legend (Ctrl+Shift+L): opens the legend, read from the database each time."""

    def __init__(self, database, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("actionCodeLegend")
        self.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.db = database
        self.dialog: CodeLegend | None = None
        self.triggered.connect(self.show_legend)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.tr("Code &legend"))
        self.setStatusTip(self.tr("Every code of the grid: shifts and absences, their colours, hours and keys"))

    def show_legend(self) -> CodeLegend:
        with self.db.read() as session:
            rows = legend(session, language())
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        parent = self.parent()
        self.dialog = CodeLegend(rows, parent if isinstance(parent, QWidget) else None)
        self.dialog.show()
        return self.dialog
