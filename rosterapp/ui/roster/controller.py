"""The roster editor's controller: loads the grid, turns gestures into steps on the hub, and keeps the
grid's cells and marks in step with every Change the hub announces, whatever made it."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from rosterapp.i18n import language
from rosterapp.services import absence_cells, roster
from rosterapp.services.changes import OPERATIONS, PEOPLE, STATIONS, Change
from rosterapp.services.roster import Cell, RosterGrid
from rosterapp.services.rules import Delta, Problem
from rosterapp.ui.commands import CellsCommand
from rosterapp.ui.hub import EditHub
from rosterapp.ui.roster import duty_rows
from rosterapp.ui.roster.model import RosterModel

log = logging.getLogger("rosterapp.ui.roster")

# The checker reads this far around the grid's days, so rest and 7-day rules see their context.
CONTEXT = dt.timedelta(days=8)


@dataclass(frozen=True)
class Scope:
    """What the grid shows: the whole city, one detachment or one station."""

    label: str
    detachment_id: int | None = None
    station_id: int | None = None


class RosterController(QObject):
    """Owns the grid's data path.

    Signals:
        rowsChanged(): the grid's rows (its people) were read again; the title's head count follows.
        problemsChanged(list): the problems of the grid's people and units over its days.
    """

    rowsChanged = Signal()
    problemsChanged = Signal(list)

    def __init__(self, hub: EditHub, model: RosterModel, parent: QObject | None = None):
        super().__init__(parent)
        self.hub = hub
        self.db = hub.db
        self.model = model
        self.scope = Scope("")
        self.duty = duty_rows.DutyRows()  # the stations' duty-role rows among the grid's
        model.set_duty_rows(self.duty)
        model.edit_handler = self.fill_text
        with self.db.read() as session:
            model.set_codes(roster.shift_codes(session))
        hub.changed.connect(self._on_changed)
        hub.problemsChanged.connect(self.publish_problems)

    # -- loading -----------------------------------------------------------------------------------
    @property
    def grid(self) -> RosterGrid:
        return self.model.grid

    @property
    def live(self):
        return self.hub.live

    def load(self, days: list[dt.date], scope: Scope) -> None:
        """Show ``scope`` over ``days``; the hub's checker covers them (with their context)."""
        self.scope = scope
        with self.db.read() as session:
            grid = roster.load_roster(session, days, detachment_id=scope.detachment_id,
                                      station_id=scope.station_id, lang=language())
            self.duty.attach(session, grid, language())
        self.model.set_grid(grid)
        self.rowsChanged.emit()
        self.cover(days)
        self.publish_problems()

    def cover(self, days: list[dt.date]) -> None:
        """Have the hub's checker hold ``days`` (with their context), also while the grid waits to be shown."""
        self.hub.cover(dt.datetime.combine(days[0], dt.time()) - CONTEXT,
                       dt.datetime.combine(days[-1] + dt.timedelta(days=1), dt.time()) + CONTEXT)

    def reload_cells(self) -> None:
        """Read every row and cell again (Refresh)."""
        if self.grid.days:
            self.load(self.grid.days, self.scope)

    def wait_for_checker(self, msecs: int = 60000) -> bool:
        """Block until the checker is loaded (tests, screenshots, benchmarks)."""
        return self.hub.wait_for_checker(msecs)

    def _on_changed(self, change: Change) -> None:
        """Repaint exactly the rows of the people a Change names; read the rows again when people
        joined, left or changed their name, position or station."""
        grid = self.grid
        if not grid.days:
            return
        duty_rows.follow(self, change)
        if change.registers & {PEOPLE, STATIONS}:
            with self.db.read() as session:
                moved = roster.rows_differ(session, grid, change.people, detachment_id=self.scope.detachment_id,
                                           station_id=self.scope.station_id, stations=STATIONS in change.registers)
            if moved:
                self.reload_cells()
                return
        if OPERATIONS in change.registers:
            grid.post_codes.clear()  # a post renamed: its code is read again with the cells below
        rows = [grid.row_of[p] for p in change.people if p in grid.row_of]
        if rows:
            with self.db.read() as session:
                roster.fill_cells(session, grid, [grid.rows[r].person_id for r in rows], lang=language())
            self.model.rows_changed(rows)

    # -- problems ----------------------------------------------------------------------------------
    def problems_in_view(self) -> list[Problem]:
        live = self.hub.live
        if live is None or not self.grid.days:
            return []
        lo = dt.datetime.combine(self.grid.days[0], dt.time())
        hi = dt.datetime.combine(self.grid.days[-1] + dt.timedelta(days=1), dt.time())
        data = live.data
        scope = self.scope
        rows = self.grid.row_of

        def in_scope(p: Problem) -> bool:
            if scope.detachment_id is None and scope.station_id is None:
                return True
            if any(x in rows for x in p.people):
                return True
            if scope.station_id is not None:
                return scope.station_id in p.stations or any(
                    data.vehicles[v].station == scope.station_id for v in p.vehicles if v in data.vehicles)
            return p.detachment == scope.detachment_id or any(
                data.vehicles[v].detachment == scope.detachment_id for v in p.vehicles if v in data.vehicles)

        return [p for p in live.problems() if p.start < hi and lo < p.end and in_scope(p)]

    def publish_problems(self) -> None:
        problems = self.problems_in_view()
        self.model.set_problems(problems)
        self.problemsChanged.emit(problems)

    def recheck_all(self) -> None:
        """The Check action: read everything again and run every rule."""
        self.hub.recheck_all()

    # -- edits ---------------------------------------------------------------------------------------
    def _cells(self, positions: Sequence[tuple[int, int]]) -> list[Cell]:
        # The duty-role rows are no person's: their cells go through duty_rows.
        return [(self.grid.rows[r].person_id, self.grid.days[c]) for r, c in positions if not self.grid.rows[r].role]

    def command(self, values: dict[Cell, str | None], text, keep_absences: bool = False) -> CellsCommand:
        """The step for these cells, written only over what the grid shows in them now."""
        grid = self.grid
        seen = {(p, d): grid.cells[grid.row_of[p]][grid.column_of[d]] for p, d in values
                if p in grid.row_of and d in grid.column_of}
        return CellsCommand(text, values, self.model.codes, self.describe_skipped, keep_absences, expect=seen)

    def push(self, values: dict[Cell, str | None], text, keep_absences: bool = False) -> bool:
        """One step for these cells; ``text`` is the history's line, or makes it from the cells written.
        Typed, pasted and cleared cells take an absence off their days; with ``keep_absences`` (a rotation,
        a copy-forward) recorded leave stays."""
        return bool(values) and self.hub.push(self.command(values, text, keep_absences))

    def preview(self, values: dict[Cell, str | None], keep_absences: bool = True) -> Delta | None:
        """The problems an edit of these cells would add and take away, without making it."""
        return self.hub.preview(self.command(values, "", keep_absences)) if values else None

    def describe_skipped(self, skipped: Sequence[tuple[int, dt.date, str]]) -> str:
        """The status-bar line for cells left alone because the person holds a post duty that day."""
        grid = self.grid
        names = []
        for person_id, day, post in skipped[:5]:
            row = grid.row_of.get(person_id)
            who = grid.rows[row].name if row is not None else str(person_id)
            names.append(f"{who} {day.month}/{day.day} {post}")
        more = "…" if len(skipped) > 5 else ""
        return self.tr("{count} cells left as they are: those days belong to posts ({cells}{more}); change them on "
                       "the post board.").format(count=len(skipped), cells="、".join(names), more=more)

    def resolve(self, text: str, keys: bool = True) -> str | None:
        # A shift code or its pinyin, else an absence code or its collision-free shortcut (1 假, bj 病 …);
        # the digit keys only when typed (``keys``), not in pasted text.
        return roster.resolve_code(text, self.model.codes) or absence_cells.resolve(text, keys=keys)

    def fill_text(self, positions: list[tuple[int, int]], text: str) -> bool:
        """Put what the clerk typed in the cells; an empty text clears them. False when unknown."""
        handled = duty_rows.fill_text(self, positions, text)
        if handled is not None:
            return handled
        if not text.strip():
            self.clear(positions)
            return True
        code = self.resolve(text)
        if code is None:
            return False
        self.push(dict.fromkeys(self._cells(positions), code),
                  lambda count: self.tr("Fill {count} cells with {code}").format(count=count, code=code))
        return True

    def clear(self, positions: list[tuple[int, int]]) -> None:
        if duty_rows.clear(self, positions):
            return
        self.push(dict.fromkeys(self._cells(positions)),
                  lambda count: self.tr("Clear {count} cells").format(count=count))

    def copy_text(self, positions: list[tuple[int, int]]) -> str:
        """The selection's bounding block as tab-separated text, as Excel and WPS copy it."""
        if not positions:
            return ""
        rows = [r for r, _ in positions]
        cols = [c for _, c in positions]
        chosen = set(positions)
        lines = []
        for r in range(min(rows), max(rows) + 1):
            if not self.duty.visible(r):
                continue  # a folded station's duty rows
            lines.append("\t".join(self.grid.cells[r][c] if (r, c) in chosen else ""
                                   for c in range(min(cols), max(cols) + 1)))
        return "\n".join(lines) + "\n"

    def paste_text(self, positions: list[tuple[int, int]], text: str) -> list[str]:
        """Paste a tab-separated block at the selection; returns the reasons it was refused (nothing changed)."""
        if not positions:
            return [self.tr("Select the cell where the block should start.")]
        lines = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n").split("\n")
        block = [line.split("\t") for line in lines]
        top, left = min(r for r, _ in positions), min(c for _, c in positions)
        if len(block) == 1 and len(block[0]) == 1:
            # One value over a selection fills all of it, as in a spreadsheet.
            targets = {pos: block[0][0] for pos in positions}
        else:
            targets = {(top + i, left + j): value for i, line in enumerate(block) for j, value in enumerate(line)}
            targets = duty_rows.shown_targets(self, top, targets)
        handled = duty_rows.paste(self, targets, top, left)
        if handled is not None:
            return handled
        errors = []
        values: dict[Cell, str | None] = {}
        for (r, c), raw in sorted(targets.items()):
            if r >= len(self.grid.rows) or c >= len(self.grid.days):
                errors.append(self.tr("The block does not fit: it reaches beyond the last row or day."))
                break
            raw = raw.strip()
            code = self.resolve(raw, keys=False) if raw else None
            if raw and code is None:
                errors.append(self.tr("Row {row}, column {column}: unknown code \"{code}\"").format(
                    row=r - top + 1, column=c - left + 1, code=raw))
                continue
            values[self.grid.rows[r].person_id, self.grid.days[c]] = code
        if errors:
            return errors
        self.push(values, lambda count: self.tr("Paste {count} cells").format(count=count))
        return []

    def rotation_values(self, rows: list[int], first: dt.date, last: dt.date, pattern: list[str],
                        start: dt.date, stagger: bool) -> dict[Cell, str]:
        people = [self.grid.rows[r].person_id for r in rows if not self.grid.rows[r].role]
        return roster.rotation_values(people, first, last, pattern, start, stagger)

    def apply_rotation(self, rows: list[int], first: dt.date, last: dt.date, pattern: list[str],
                       start: dt.date, stagger: bool) -> None:
        values = self.rotation_values(rows, first, last, pattern, start, stagger)
        self.push(values, self.tr("Apply rotation {pattern}").format(pattern="".join(pattern)), keep_absences=True)

    def copy_forward(self, rows: list[int], source: list[dt.date], target_start: dt.date, text: str) -> int:
        duty = duty_rows.copy_forward_items(self, rows, source, target_start)  # the duty roles go along
        rows = [r for r in rows if not self.grid.rows[r].role]
        values = roster.copy_forward_values(self.grid, rows, source, target_start, self.model.codes)
        if duty:
            duty_rows.push_items(self, duty, self.command(values, text, keep_absences=True) if values else None, text)
            return len(values) + len(duty)
        self.push(values, text, keep_absences=True)
        return len(values)
