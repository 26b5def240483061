"""The roster editor's controller: loads the grid, turns gestures into undoable commands, keeps
the checking engine in step (loaded off the GUI thread) and hands its problems to the views."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from rosterapp.db import Database
from rosterapp.i18n import language
from rosterapp.services import duties as duty_service
from rosterapp.services import roster
from rosterapp.services.changes import Change
from rosterapp.services.duties import CellSnapshot
from rosterapp.services.roster import Cell, RosterGrid
from rosterapp.services.rules import Problem
from rosterapp.services.rules.live import LiveChecker
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


class SetCellsCommand(QUndoCommand):
    """Any grid edit, one cell or a thousand: new codes for cells, undone from a snapshot."""

    def __init__(self, controller: RosterController, values: dict[Cell, str | None], text: str):
        super().__init__(text)
        self._controller = controller
        self._values = values
        self._snapshot: CellSnapshot | None = None

    def redo(self) -> None:
        db = self._controller.db
        with db.begin() as session:
            if self._snapshot is None:
                self._snapshot = duty_service.snapshot_cells(session, list(self._values))
            change = roster.set_cells(session, self._values, self._controller.model.codes)
        self._controller.after_edit(change)

    def undo(self) -> None:
        with self._controller.db.begin() as session:
            change = duty_service.restore_cells(session, self._snapshot)
        self._controller.after_edit(change)


class ServiceCommand(QUndoCommand):
    """Any other undoable edit: a service call to do it and one to undo it, each one unit of work.

    ``do`` and ``undo`` take a Session and return the Change they made. ``registers`` marks edits of
    people, vehicles, stations, posts, operations or settings (the checker reads its registers again);
    otherwise the edit changed duties or deployments. QUndoStack.push() keeps a command whose first
    ``do`` raised, so validate before pushing: the registers and operations views make the edit once
    and push a command that replays it.
    """

    def __init__(self, controller: RosterController, text: str, do, undo, *, registers: bool = False):
        super().__init__(text)
        self._controller = controller
        self._do, self._undo, self._registers = do, undo, registers

    def _run(self, call) -> None:
        with self._controller.db.begin() as session:
            change = call(session)
        if self._registers:
            self._controller.after_register_edit(change)
        else:
            self._controller.after_edit(change)

    def redo(self) -> None:
        self._run(self._do)

    def undo(self) -> None:
        self._run(self._undo)


class _CheckerSignals(QObject):
    loaded = Signal(int, object)
    failed = Signal(int, str)


class _LoadChecker(QRunnable):
    """Builds a LiveChecker in a worker thread; touches no widget."""

    def __init__(self, db: Database, generation: int, start: dt.datetime, end: dt.datetime,
                 signals: _CheckerSignals):
        super().__init__()
        self._db, self._generation, self._start, self._end = db, generation, start, end
        self._signals = signals

    def run(self) -> None:
        try:
            with self._db.begin() as session:
                live = LiveChecker(session, self._start, self._end)
        except Exception as exc:  # reported on the GUI thread, logged with its traceback
            log.exception("checking failed")
            self._signals.failed.emit(self._generation, str(exc))
            return
        self._signals.loaded.emit(self._generation, live)


class RosterController(QObject):
    """Owns the grid's data path.

    Signals:
        problemsChanged(list): the problems for the problems panel (in scope and range).
        checking(bool): the checking engine started (True) or finished (False) loading.
        edited(object): an edit landed; carries its Change.
    """

    problemsChanged = Signal(list)
    checking = Signal(bool)
    edited = Signal(object)

    def __init__(self, db: Database, undo_stack: QUndoStack, model: RosterModel, parent: QObject | None = None):
        super().__init__(parent)
        self.db = db
        self.undo_stack = undo_stack
        self.model = model
        self.scope = Scope("")
        self.live: LiveChecker | None = None
        self._range: tuple[dt.datetime, dt.datetime] | None = None
        self._generation = 0
        self._pending = Change()
        self._signals = _CheckerSignals(self)
        self._signals.loaded.connect(self._on_checker_loaded)
        self._signals.failed.connect(self._on_checker_failed)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        model.edit_handler = self.fill_text
        with db.begin() as session:
            model.set_codes(roster.shift_codes(session))

    # -- loading -----------------------------------------------------------------------------------
    @property
    def grid(self) -> RosterGrid:
        return self.model.grid

    def load(self, days: list[dt.date], scope: Scope) -> None:
        """Show ``scope`` over ``days``; the checker reloads (off the GUI thread) when the days change."""
        self.scope = scope
        with self.db.begin() as session:
            grid = roster.load_roster(session, days, detachment_id=scope.detachment_id,
                                      station_id=scope.station_id, lang=language())
        self.model.set_grid(grid)
        wanted = (dt.datetime.combine(days[0], dt.time()) - CONTEXT,
                  dt.datetime.combine(days[-1] + dt.timedelta(days=1), dt.time()) + CONTEXT)
        if self._range != wanted or self.live is None and not self.is_checking():
            self._range = wanted
            self.start_checker()
        else:
            self.publish_problems()

    def reload_cells(self) -> None:
        """Read every cell again (after an edit made elsewhere)."""
        if self.grid.days:
            self.load(self.grid.days, self.scope)

    def start_checker(self) -> None:
        self._generation += 1
        self.live = None
        self._pending = Change()
        self.checking.emit(True)
        start, end = self._range
        self.pool.start(_LoadChecker(self.db, self._generation, start, end, self._signals))

    def is_checking(self) -> bool:
        return self.pool.activeThreadCount() > 0

    def wait_for_checker(self, msecs: int = 60000) -> bool:
        """Block until the checker is loaded (tests, screenshots, benchmarks)."""
        return self.pool.waitForDone(msecs)

    def _on_checker_loaded(self, generation: int, live: LiveChecker) -> None:
        if generation != self._generation:
            return  # a newer range was asked for meanwhile
        self.live = live
        if self._pending.people or self._pending.vehicles or self._pending.posts:
            with self.db.begin() as session:
                live.refresh(session, self._pending)
            self._pending = Change()
        self.checking.emit(False)
        self.publish_problems()

    def _on_checker_failed(self, generation: int, text: str) -> None:
        if generation == self._generation:
            self.checking.emit(False)
            log.error("the checking engine could not load: %s", text)

    # -- problems ----------------------------------------------------------------------------------
    def problems_in_view(self) -> list[Problem]:
        if self.live is None or not self.grid.days:
            return []
        lo = dt.datetime.combine(self.grid.days[0], dt.time())
        hi = dt.datetime.combine(self.grid.days[-1] + dt.timedelta(days=1), dt.time())
        data = self.live.data
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

        return [p for p in self.live.problems() if p.start < hi and lo < p.end and in_scope(p)]

    def publish_problems(self) -> None:
        problems = self.problems_in_view()
        self.model.set_problems(problems)
        self.problemsChanged.emit(problems)

    def recheck_all(self) -> None:
        """The Check action: read everything again and run every rule."""
        if self._range is not None:
            self.start_checker()

    # -- edits ---------------------------------------------------------------------------------------
    def after_edit(self, change: Change) -> None:
        """An edit landed in the database: recompute the touched rows and re-check what it touched."""
        rows = [self.grid.row_of[p] for p in change.people if p in self.grid.row_of]
        if rows:
            with self.db.begin() as session:
                roster.fill_cells(session, self.grid, [self.grid.rows[r].person_id for r in rows], lang=language())
            self.model.rows_changed(rows)
        if self.live is not None:
            with self.db.begin() as session:
                self.live.refresh(session, change)
            self.publish_problems()
        else:
            self._pending = self._pending | change
        self.edited.emit(change)

    def after_register_edit(self, change: Change) -> None:
        """Registers changed: read the grid again and let the checker read its registers again."""
        self.reload_cells()
        if self.live is not None:
            with self.db.begin() as session:
                self.live.reload_registers(session, change)
            self.publish_problems()
        elif self._range is not None:
            self.start_checker()  # a load under way may have read the registers before the edit
        self.edited.emit(change)

    def _cells(self, positions: list[tuple[int, int]]) -> list[Cell]:
        return [(self.grid.rows[r].person_id, self.grid.days[c]) for r, c in positions]

    def push(self, values: dict[Cell, str | None], text: str) -> None:
        if values:
            self.undo_stack.push(SetCellsCommand(self, values, text))

    def resolve(self, text: str) -> str | None:
        return roster.resolve_code(text, self.model.codes)

    def fill_text(self, positions: list[tuple[int, int]], text: str) -> bool:
        """Put what the clerk typed in the cells; an empty text clears them. False when unknown."""
        if not text.strip():
            self.clear(positions)
            return True
        code = self.resolve(text)
        if code is None:
            return False
        self.push(dict.fromkeys(self._cells(positions), code), self.tr("Fill {count} cells with {code}").format(
            count=len(positions), code=code))
        return True

    def clear(self, positions: list[tuple[int, int]]) -> None:
        self.push(dict.fromkeys(self._cells(positions)), self.tr("Clear {count} cells").format(count=len(positions)))

    def copy_text(self, positions: list[tuple[int, int]]) -> str:
        """The selection's bounding block as tab-separated text, as Excel and WPS copy it."""
        if not positions:
            return ""
        rows = [r for r, _ in positions]
        cols = [c for _, c in positions]
        chosen = set(positions)
        lines = []
        for r in range(min(rows), max(rows) + 1):
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
        errors = []
        values: dict[Cell, str | None] = {}
        for (r, c), raw in sorted(targets.items()):
            if r >= len(self.grid.rows) or c >= len(self.grid.days):
                errors.append(self.tr("The block does not fit: it reaches beyond the last row or day."))
                break
            raw = raw.strip()
            code = self.resolve(raw) if raw else None
            if raw and code is None:
                errors.append(self.tr("Row {row}, column {column}: unknown code \"{code}\"").format(
                    row=r - top + 1, column=c - left + 1, code=raw))
                continue
            values[self.grid.rows[r].person_id, self.grid.days[c]] = code
        if errors:
            return errors
        self.push(values, self.tr("Paste {count} cells").format(count=len(values)))
        return []

    def apply_rotation(self, rows: list[int], first: dt.date, last: dt.date, pattern: list[str],
                       start: dt.date, stagger: bool) -> None:
        people = [self.grid.rows[r].person_id for r in rows]
        values = roster.rotation_values(people, first, last, pattern, start, stagger)
        self.push(values, self.tr("Apply rotation {pattern}").format(pattern="".join(pattern)))

    def copy_forward(self, rows: list[int], source: list[dt.date], target_start: dt.date, text: str) -> int:
        values = roster.copy_forward_values(self.grid, rows, source, target_start, self.model.codes)
        self.push(values, text)
        return len(values)
