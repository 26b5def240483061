"""The roster grid's Qt model over a RosterGrid: every role answered from precomputed arrays."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from rosterapp.i18n import language
from rosterapp.services import absence_cells, roster
from rosterapp.services.calendar import DayInfo, day_info, weekday_name
from rosterapp.services.dutyday import HANDOVER, day_span
from rosterapp.services.roster import RosterGrid, ShiftCode
from rosterapp.services.rules import Problem, message
from rosterapp.services.rules.problem import SEVERITY_ORDER

# Custom roles.
PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""Vertical header and cells: the row's person id."""
STATION_ROLE = Qt.ItemDataRole.UserRole + 2
"""Vertical header: the row's station name."""
POSITION_ROLE = Qt.ItemDataRole.UserRole + 3
"""Vertical header: the row's position (职务)."""
GROUP_START_ROLE = Qt.ItemDataRole.UserRole + 4
"""Vertical header: True on the first row of a station's group."""
DAY_ROLE = Qt.ItemDataRole.UserRole + 5
"""Horizontal header and cells: the column's date."""
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 6
"""Cells: the worst problem severity of the cell ("error", "warning", "info") or None."""

_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_DISPLAY = Qt.ItemDataRole.DisplayRole
_EDIT = Qt.ItemDataRole.EditRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_FONT = Qt.ItemDataRole.FontRole
_NO_PARENT = QModelIndex()
# Built once: combining enum flags costs microseconds per call, and flags() runs for every painted cell.
_CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
# The looks of a proposal's cells over the grid: an empty cell given a duty ("duty", green) or a day off
# ("off", pale green), a cell holding a code that the proposal changes ("changed", pale blue: the shift
# colours are warm), a duty leader proposed in a duty-role row ("leader").
OVERLAY_COLORS = {"duty": "#9fdc8f", "off": "#e3f5de", "changed": "#b9d6f7", "leader": "#c8f0c0"}


class RosterModel(QAbstractTableModel):
    """People x days. ``set_grid`` replaces everything; ``rows_changed`` and ``set_problems`` update parts.

    Editing goes through ``edit_handler`` (the controller's undoable commands), never straight to
    the database: setData only forwards the clerk's text.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid = RosterGrid([], [], [], [])
        self.codes: dict[str, ShiftCode] = {}
        self.edit_handler = None
        self._infos: list[DayInfo] = []
        self._code_brush: dict[str, QBrush] = {}
        self._kind_brush = {k: QBrush(QColor(c)) for k, c in roster.KIND_COLORS.items()}
        self._problem_font = QFont()
        self._problem_font.setBold(True)
        self._header_texts: list[str] = []
        self._header_brushes: list[QBrush | None] = []
        self._header_tips: list[str] = []
        # (row, column) -> worst severity, and -> the problems (for tooltips)
        self.cell_severity: dict[tuple[int, int], str] = {}
        self.cell_problems: dict[tuple[int, int], list[Problem]] = {}
        self.handover = HANDOVER
        self.legend_hint = ""  # a last line of the cells' tooltips naming the code legend (set by the page)
        self.legend_tip = ""  # the code legend, below the day headers' tooltips (set by the page)
        self.duty = None  # the grid's duty-role rows (duty_rows.DutyRows), set by the controller
        # A proposal shown over the grid (the automatic fill): (person id or duty row key, day) -> (text, look),
        # and the same by (row, column) for data() and the delegate; look is one of OVERLAY_LOOKS.
        self._overlay_cells: dict[tuple, tuple[str, str]] = {}
        self.overlay: dict[tuple[int, int], tuple[str, str]] = {}
        self._overlay_brush = {look: QBrush(QColor(color)) for look, color in OVERLAY_COLORS.items()}
        self._overlay_font = QFont()
        self._overlay_font.setItalic(True)

    def set_duty_rows(self, duty) -> None:
        self.duty = duty
        self._kind_brush.update(duty.brushes())

    # -- content ------------------------------------------------------------------------------------
    def set_codes(self, codes: list[ShiftCode]) -> None:
        self.codes = {c.code: c for c in codes}
        self._code_brush = {c.code: QBrush(QColor(c.color)) for c in codes}
        # Each absence code its own colour (假 green, 病 rose …), as the code legend shows them.
        self._code_brush.update((code, QBrush(QColor(color))) for code, color in absence_cells.COLORS.items())

    def set_grid(self, grid: RosterGrid) -> None:
        self.beginResetModel()
        self.grid = grid
        self.cell_severity = {}
        self.cell_problems = {}
        self.overlay = self._overlay_positions()
        self._prepare_headers()
        self.endResetModel()

    # -- a proposal over the grid --------------------------------------------------------------------
    def set_overlay(self, cells: dict[tuple, tuple[str, str]]) -> None:
        """Show ``cells`` over the grid until ``clear_overlay``: (person id, day) -> (code, look), or for a
        duty-role row ((station id, role), day) -> (name, look). Cells the grid does not show are kept for
        when it does (the grid read again, another month shown and back)."""
        old = {r for r, _c in self.overlay}
        self._overlay_cells = dict(cells)
        self.overlay = self._overlay_positions()
        self.rows_changed(list(old | {r for r, _c in self.overlay}))

    def clear_overlay(self) -> None:
        self.set_overlay({})

    def _overlay_positions(self) -> dict[tuple[int, int], tuple[str, str]]:
        grid = self.grid
        if not self._overlay_cells:
            return {}
        duty_rows = {(row.station_id, row.role): r for r, row in enumerate(grid.rows) if row.role}
        out = {}
        for (who, day), value in self._overlay_cells.items():
            r = duty_rows.get(who) if isinstance(who, tuple) else grid.row_of.get(who)
            c = grid.column_of.get(day)
            if r is not None and c is not None:
                out[r, c] = value
        return out

    def _prepare_headers(self) -> None:
        lang = language()
        self._infos = [day_info(d, lang) for d in self.grid.days]
        self._header_texts = [f"{d.month}/{d.day}\n{weekday_name(d, lang)}" for d in self.grid.days]
        self._header_brushes = []
        self._header_tips = []
        for info in self._infos:
            if info.holiday:
                brush = QBrush(QColor(roster.HOLIDAY_COLOR))
            elif info.adjusted_workday:
                brush = QBrush(QColor(roster.ADJUSTED_WORKDAY_COLOR))
            elif info.weekend:
                brush = QBrush(QColor(roster.OFF_DAY_COLOR))
            else:
                brush = None
            self._header_brushes.append(brush)
            tip = info.day.isoformat() + " " + weekday_name(info.day, lang)
            if info.holiday:
                tip += " · " + info.holiday + (self.tr(" (provisional)") if info.provisional else "")
            if info.adjusted_workday:
                tip += " · " + self.tr("adjusted working day")
            self._header_tips.append(tip)

    def retranslate(self) -> None:
        self._prepare_headers()
        if self.grid.days:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.grid.days) - 1)

    def rows_changed(self, rows: list[int]) -> None:
        """Tell the views that these rows' cells were recomputed."""
        last = len(self.grid.days) - 1
        for r in sorted(set(rows)):
            self.dataChanged.emit(self.index(r, 0), self.index(r, last))

    def set_problems(self, problems: list[Problem]) -> set[int]:
        """Mark the cells of the people the problems name; returns the rows whose marks changed."""
        grid = self.grid
        severity: dict[tuple[int, int], str] = {}
        by_cell: dict[tuple[int, int], list[Problem]] = {}
        if grid.days:
            first, last = grid.days[0], grid.days[-1]
            for p in problems:
                rows = [grid.row_of[x] for x in dict.fromkeys(p.people) if x in grid.row_of]
                if not rows:
                    continue
                # A cell holds the entries starting on its date: a 24 h duty ending at the 08:00 handover
                # marks its own day, not the next.
                lo, hi = day_span(p.start, p.end, self.handover)
                lo, hi = max(lo, first), min(hi, last)
                c0, c1 = grid.column_of.get(lo), grid.column_of.get(hi)
                if c0 is None or c1 is None:
                    continue
                for r in rows:
                    for c in range(c0, c1 + 1):
                        key = (r, c)
                        listed = by_cell.setdefault(key, [])
                        if p not in listed:  # one problem found under two keys is one line of the tooltip
                            listed.append(p)
                        old = severity.get(key)
                        if old is None or SEVERITY_ORDER[p.severity] < SEVERITY_ORDER[old]:
                            severity[key] = p.severity
        if self.duty is not None:
            self.duty.merge_marks(problems, self.handover, severity, by_cell)
        old = self.cell_problems
        changed = {key[0] for key in old.keys() | by_cell.keys() if old.get(key) != by_cell.get(key)}
        self.cell_severity = severity
        self.cell_problems = by_cell
        self.rows_changed(list(changed))
        return changed

    def background(self, r: int, c: int) -> QBrush | None:
        """The cell's colour: a proposal's over it, else its shift's, else its kind's (a post duty, an absence)."""
        if self.overlay:
            proposed = self.overlay.get((r, c))
            if proposed is not None:
                return self._overlay_brush[proposed[1]]
        brush = self._code_brush.get(self.grid.cells[r][c])
        return brush if brush is not None else self._kind_brush.get(self.grid.kinds[r][c])

    def day_of(self, column: int) -> dt.date:
        return self.grid.days[column]

    # -- Qt interface --------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.grid.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.grid.days)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _CELL_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        # Called for every visible cell and role on each repaint: array lookups only.
        if role == _DISPLAY:
            proposed = self.overlay.get((index.row(), index.column())) if self.overlay else None
            return proposed[0] if proposed is not None else self.grid.cells[index.row()][index.column()]
        if role == _EDIT:
            return self.grid.cells[index.row()][index.column()]
        if role == _BACKGROUND:
            return self.background(index.row(), index.column())
        if role == _ALIGN:
            return _CENTER
        if role == _FONT:
            if self.overlay and (index.row(), index.column()) in self.overlay:
                return self._overlay_font
            return self._problem_font if (index.row(), index.column()) in self.cell_severity else None
        if role == _TOOLTIP:
            return self._tooltip(index.row(), index.column())
        if role == SEVERITY_ROLE:
            return self.cell_severity.get((index.row(), index.column()))
        if role == PERSON_ID_ROLE:
            return self.grid.rows[index.row()].person_id
        if role == DAY_ROLE:
            return self.grid.days[index.column()]
        return None

    def _tooltip(self, r: int, c: int) -> str:
        row = self.grid.rows[r]
        if row.role and self.duty is not None:
            return "\n".join([self.duty.tooltip(r, c)] + ["• " + message(p, language())
                                                          for p in self.cell_problems.get((r, c), ())])
        day = self.grid.days[c]
        text = self.grid.cells[r][c]
        lines = [f"{row.name}（{row.staff_no}）{day.isoformat()} {weekday_name(day, language())}"]
        code = self.codes.get(text)
        if code is not None:
            lines.append(f"{code.code} · {code.name}")
        elif text in absence_cells.KIND_OF:
            lines.append(f"{text} · {absence_cells.label(text, language())}")
        elif text:
            lines.append(text)
        lines += ["• " + message(p, language()) for p in self.cell_problems.get((r, c), ())]
        proposed = self.overlay.get((r, c))
        if proposed is not None:
            lines.append(self.tr("Proposed by the automatic fill: {code} (not written yet)").format(code=proposed[0]))
        if self.legend_hint:
            lines.append(self.legend_hint)
        return "\n".join(lines)

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = _EDIT) -> bool:
        if role != _EDIT or not index.isValid() or self.edit_handler is None:
            return False
        return bool(self.edit_handler([(index.row(), index.column())], str(value) if value is not None else ""))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._header_texts):
                return None
            if role == _DISPLAY:
                return self._header_texts[section]
            if role == _BACKGROUND:
                return self._header_brushes[section]
            if role == _TOOLTIP:
                tip = self._header_tips[section]
                return tip + "\n\n" + self.legend_tip if self.legend_tip else tip
            if role == DAY_ROLE:
                return self.grid.days[section]
            return None
        if not 0 <= section < len(self.grid.rows):
            return None
        value = self._row_header(section, role)
        return value if self.duty is None else self.duty.header_data(section, role, value)

    def _row_header(self, section: int, role: int) -> Any:
        row = self.grid.rows[section]
        if role == _DISPLAY:
            return row.name
        if role == STATION_ROLE:
            return row.station
        if role == POSITION_ROLE:
            return row.position
        if role == PERSON_ID_ROLE:
            return row.person_id
        if role == GROUP_START_ROLE:
            return section == 0 or self.grid.rows[section - 1].station_id != row.station_id
        if role == _TOOLTIP:
            state = "" if row.active else self.tr(" (inactive)")
            return f"{row.name}（{row.staff_no}）{row.position} · {row.station}{state}"
        if role == _FOREGROUND and not row.active:
            return QBrush(QColor("#888888"))
        return None
