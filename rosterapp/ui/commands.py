"""The undo stack's steps: one QUndoCommand class per kind of edit, all written the same way.

A step is made once by the hub (``make``, in one unit of work; it keeps what undo and redo need),
then undone (``revert``) and redone (``replay``) through the hub, each in its own unit of work and
each returning the Change it made. Every revert and replay first checks that the rows still stand as
the step left them (the services raise StaleEdit otherwise), so an undo never writes over a later
change. Only the services write; a command only remembers their records.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand
from sqlalchemy.orm import Session

from rosterapp.services import audit, dutybook, registers, roster, rowdiff, staffing, swaps
from rosterapp.services.changes import PEOPLE, STATIONS, VEHICLES, Change
from rosterapp.services.roster import Cell, CellsEdit
from rosterapp.services.rowdiff import RowDiff
from rosterapp.services.staffing import StaffingEdit
from rosterapp.services.validation import stale_entry


class EditCommand(QUndoCommand):
    """The base of every step. Subclasses implement ``make``, ``revert`` and ``replay``.

    ``note`` is a line for the status bar once the step is made (for example the cells it skipped).
    """

    def __init__(self, text: str):
        super().__init__(text)
        self.hub = None
        self.note = ""
        self._skip_redo = False

    def bind(self, hub) -> None:
        """Called by the hub just before the made step goes on the stack (whose push() calls redo())."""
        self.hub = hub
        self._skip_redo = True

    def make(self, session: Session) -> Change:
        raise NotImplementedError

    def revert(self, session: Session) -> Change:
        raise NotImplementedError

    def replay(self, session: Session) -> Change:
        raise NotImplementedError

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self.hub.run_step(self, self.replay)

    def undo(self) -> None:
        self.hub.run_step(self, self.revert)


class CellsCommand(EditCommand):
    """Codes typed, pasted, rotated or copied into roster cells (one cell or a thousand: one step)."""

    def __init__(self, text: str | Callable[[int], str], values: dict[Cell, str | None], codes,
                 describe_skipped=None, keep_absences: bool = False, expect: dict[Cell, str] | None = None):
        # ``text`` may be made from the number of cells written (those skipped are not in the history).
        super().__init__(text(len(values)) if callable(text) else text)
        self._text = text
        self._values, self._codes = values, list(codes)
        self._describe_skipped = describe_skipped
        self._keep_absences = keep_absences  # a rotation or copy-forward leaves recorded leave alone
        # What the grid showed in the cells: written over only while they still show it (no lost update).
        self._expect = expect
        self.edit: CellsEdit | None = None

    def again(self) -> CellsCommand:
        """The same edit, to write over what another clerk changed in these cells (Re-apply my edit)."""
        return CellsCommand(self._text, self._values, self._codes, self._describe_skipped, self._keep_absences)

    def make(self, session: Session) -> Change:
        self.edit = roster.edit_cells(session, self._values, self._codes, keep_absences=self._keep_absences,
                                      expect=self._expect)
        if self.edit.skipped:
            if callable(self._text):
                self.setText(self._text(len(self._values) - len(self.edit.skipped)))
            if self._describe_skipped is not None:
                self.note = self._describe_skipped(self.edit.skipped)
        return self.edit.change

    def revert(self, session: Session) -> Change:
        return roster.undo_cells(session, self.edit)

    def replay(self, session: Session) -> Change:
        return roster.redo_cells(session, self.edit)


class FileImportCommand(EditCommand):
    """A workbook imported through the edit a clerk's gesture makes: a month roster's cells (roster.edit_cells,
    the default) or a 值班表's duty roles (dutybook.assign, with ``undo``/``redo`` given).

    ``run(session)`` reads the file again in the step's unit of work and writes it; its result (with ``edit``,
    ``change`` and ``changed``) is kept in ``result``; undo and redo put ``result.edit`` back or make it again.
    ``text`` may be made from the number of cells or roles written.
    """

    def __init__(self, text: str | Callable[[int], str], run: Callable[[Session], Any],
                 undo: Callable[[Session, Any], Change] = roster.undo_cells,
                 redo: Callable[[Session, Any], Change] = roster.redo_cells):
        super().__init__(text(0) if callable(text) else text)
        self._text, self._run, self._undo, self._redo = text, run, undo, redo
        self.result: Any = None

    def make(self, session: Session) -> Change:
        self.result = self._run(session)
        if callable(self._text):
            self.setText(self._text(self.result.changed))
        return self.result.change

    def revert(self, session: Session) -> Change:
        return self._undo(session, self.result.edit)

    def replay(self, session: Session) -> Change:
        return self._redo(session, self.result.edit)


class StaffingCommand(EditCommand):
    """A post-board edit: vehicles and people put at windows, taken off, given roles, copied forward.

    ``apply(session)`` returns the services' (StaffingEdit, Change).
    """

    def __init__(self, text: str, apply: Callable[[Session], tuple[StaffingEdit, Change]]):
        super().__init__(text)
        self._apply = apply
        self.edit: StaffingEdit | None = None

    def make(self, session: Session) -> Change:
        self.edit, change = self._apply(session)
        return change

    def revert(self, session: Session) -> Change:
        return staffing.undo_edit(session, self.edit)

    def replay(self, session: Session) -> Change:
        return staffing.redo_edit(session, self.edit)


class RecordKind:
    """How to read one kind of register entry as a record, write a record back, and say what it touched."""

    def __init__(self, read: Callable[[Session, int], Any], restore: Callable[[Session, int, Any], Any],
                 change: Callable[[int, Any, Any], Change]):
        self.read, self.restore, self.change = read, restore, change


class RecordCommand(EditCommand):
    """An edit of one register entry (a person, a vehicle, a station, a security task, a post).

    ``apply(session)`` makes the edit and returns the entry's id; the records read before and after
    are what undo and redo write back, each only while the entry still reads as the step left it.
    """

    def __init__(self, text: str, kind: RecordKind, key: int | None, apply: Callable[[Session], int]):
        super().__init__(text)
        self.kind, self.key, self._apply = kind, key, apply
        self.before = self.after = None

    def make(self, session: Session) -> Change:
        self.before = self.kind.read(session, self.key) if self.key is not None else None
        self.key = self._apply(session)
        session.flush()
        self.after = self.kind.read(session, self.key)
        return self.kind.change(self.key, self.before, self.after)

    def _write(self, session: Session, expected, wanted) -> Change:
        if self.kind.read(session, self.key) != expected:
            raise stale_entry()
        self.kind.restore(session, self.key, wanted)
        session.flush()
        return self.kind.change(self.key, expected, wanted)

    def revert(self, session: Session) -> Change:
        return self._write(session, self.after, self.before)

    def replay(self, session: Session) -> Change:
        return self._write(session, self.before, self.after)


def _register(name: str) -> Callable[[int, Any, Any], Change]:
    return lambda key, _before, _after: Change.of_register(name, [key])


PERSON = RecordKind(registers.person_record, registers.restore_person, _register(PEOPLE))
VEHICLE = RecordKind(registers.vehicle_record, registers.restore_vehicle, _register(VEHICLES))
STATION = RecordKind(registers.station_record, registers.restore_station, _register(STATIONS))
TASK = RecordKind(staffing.task_record, staffing.restore_task,
                  lambda _key, before, after: staffing.records_change(before, after))
POST = RecordKind(staffing.post_record, staffing.restore_post_record,
                  lambda _key, before, after: staffing.records_change(before, after))


class RowsCommand(EditCommand):
    """A bulk edit (an import), kept as the rows of ``tables`` (narrowed by ``where``) before and after it.

    ``run(session)`` makes it and returns its result (kept in ``result``). The step may be made by
    the hub, or in a worker thread's unit of work (``make`` there, then ``hub.land``).
    """

    def __init__(self, text: str, tables, run: Callable[[Session], Any], where: dict | None = None):
        super().__init__(text)
        self._tables, self._run, self._where = tuple(tables), run, where
        self.rows: RowDiff | None = None
        self.result: Any = None

    def make(self, session: Session) -> Change:
        self.result, self.rows = rowdiff.record(session, self._tables, self._run, self._where)
        return self.rows.change

    def revert(self, session: Session) -> Change:
        return rowdiff.apply(session, self.rows, forward=False)

    def replay(self, session: Session) -> Change:
        return rowdiff.apply(session, self.rows, forward=True)


class SwapCommand(EditCommand):
    """A shift swap, stand-in or pay-back (services/swaps.py): the duties it moved and its record.

    ``apply(session)`` makes it and returns the services' SwapEdit; undo puts the cells back and
    removes the record, only while both stand as the step left them.
    """

    def __init__(self, text: str, apply: Callable[[Session], swaps.SwapEdit],
                 describe: Callable[[swaps.SwapEdit], str] | None = None):
        # ``describe`` names the step once made (a stand-in may turn out to be a pay-back).
        super().__init__(text)
        self._apply, self._describe = apply, describe
        self.edit: swaps.SwapEdit | None = None

    def make(self, session: Session) -> Change:
        self.edit = self._apply(session)
        if self._describe is not None:
            self.setText(self._describe(self.edit))
        return self.edit.change

    def revert(self, session: Session) -> Change:
        return swaps.undo_swap(session, self.edit)

    def replay(self, session: Session) -> Change:
        return swaps.redo_swap(session, self.edit)


class SettleCommand(EditCommand):
    """A stand-in settled by hand with a note; undo opens it again."""

    def __init__(self, text: str, swap_id: int, note: str):
        super().__init__(text)
        self.swap_id, self.note_text = swap_id, note
        self.at = None

    def make(self, session: Session) -> Change:
        self.at, change = swaps.settle(session, self.swap_id, self.note_text)
        return change

    def revert(self, session: Session) -> Change:
        return swaps.unsettle(session, self.swap_id, self.at)

    def replay(self, session: Session) -> Change:
        return swaps.settle(session, self.swap_id, self.note_text, at=self.at)[1]
class AssignmentsCommand(EditCommand):
    """Duty roles of days set or cleared (带班领导, 站内值班 …): picked, typed, pasted, cleared or proposed.

    ``items`` are (station id, duty day, role, person id or None); undo and redo write back only while the
    roles still stand as the step left them (services/dutybook.py)."""

    def __init__(self, text: str, items):
        super().__init__(text)
        self.items = list(items)
        self.edit: dutybook.AssignmentsEdit | None = None

    def make(self, session: Session) -> Change:
        self.edit = dutybook.assign(session, self.items)
        return self.edit.change

    def revert(self, session: Session) -> Change:
        return dutybook.undo_assign(session, self.edit)

    def replay(self, session: Session) -> Change:
        return dutybook.redo_assign(session, self.edit)


class CompositeCommand(EditCommand):
    """Several kinds of edit made as one step in one unit of work (a block pasted over duty-role rows and
    people's cells): made in order, undone in reverse, all or nothing."""

    def __init__(self, text: str, parts: list[EditCommand]):
        super().__init__(text)
        self.parts = parts

    def make(self, session: Session) -> Change:
        change = Change().union(*(part.make(session) for part in self.parts))
        self.note = " ".join(part.note for part in self.parts if part.note)
        return change

    def revert(self, session: Session) -> Change:
        return Change().union(*(part.revert(session) for part in reversed(self.parts)))

    def replay(self, session: Session) -> Change:
        return Change().union(*(part.replay(session) for part in self.parts))


class RevertCommand(EditCommand):
    """Audit entries put back as they were before (one entry, or a whole edit's group): a new edit of its own.

    ``make`` reverts the entries and remembers the audit group that holds the revert; undo reverts that
    group (the edit comes back), redo reverts the original entries again. Each refuses, changing nothing,
    when a later edit changed the same fields again (audit.revert's Conflict names them).
    """

    def __init__(self, text: str, entry_ids):
        super().__init__(text)
        self.entry_ids = sorted(set(entry_ids))
        self.group_id: int | None = None  # the audit group of the revert as last made (or redone)
        self.records = 0

    def _revert(self, session: Session, entry_ids) -> tuple[Change, int | None]:
        done = audit.revert(session, entry_ids)
        self.records = done.records
        return done.change, done.group_id

    def make(self, session: Session) -> Change:
        change, self.group_id = self._revert(session, self.entry_ids)
        return change

    def revert(self, session: Session) -> Change:
        change, _undo_group = self._revert(session, audit.group_entries(session, self.group_id))
        return change

    def replay(self, session: Session) -> Change:
        change, self.group_id = self._revert(session, self.entry_ids)
        return change


class PlanCommand(EditCommand):
    """A sub-plan submitted, approved, returned or reopened (services/subplans.py ``act``).

    Made with ``EditHub.apply``, not pushed: Undo does not take a plan action back (that would be another
    plan action, headquarters' decision). Should it ever be on the stack, its undo and redo are refused
    with that reason and change nothing.
    """

    def __init__(self, text: str, action: str, operation_id: int, detachment_id: int, comment: str = ""):
        super().__init__(text)
        self.action, self.operation_id, self.detachment_id, self.comment = action, operation_id, detachment_id, comment

    def make(self, session: Session) -> Change:
        from rosterapp.services import subplans

        return subplans.act(session, self.action, self.operation_id, self.detachment_id, self.comment)

    def _refuse(self, _session: Session) -> Change:
        from PySide6.QtCore import QCoreApplication

        from rosterapp.errors import Conflict

        raise Conflict(QCoreApplication.translate(
            "PlanCommand", "A sub-plan's submission, approval, return or reopening is not taken back with Undo: "
                           "use the sub-plan's own actions (for example Reopen)."))

    revert = replay = _refuse
