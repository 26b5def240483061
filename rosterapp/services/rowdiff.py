"""Rows before and after a bulk edit (an import, later a fill or a revert): what undo and redo write back.

A bulk edit runs between two reads of the tables it may touch (``record``); the difference is
a ``RowDiff``, kept on the undo stack. Undo writes the rows back as they were, redo as they became,
each only when the rows still stand as the step left them: otherwise ``StaleEdit`` and nothing
is written. The diff also says what the edit touched (``change``), like every other service.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import Table, bindparam, delete, insert, select, tuple_, update
from sqlalchemy.orm import Session

from rosterapp.errors import StaleEdit
from rosterapp.i18n import tr
from rosterapp.models import Duty, Person, Vehicle, VehicleDeployment, person_qualification
from rosterapp.services.changes import PEOPLE, VEHICLES, Change, Entry

T = TypeVar("T")

# Parents before children: inserts go in this order, deletes in the reverse.
TABLE_ORDER = ("person", "vehicle", "person_qualification", "duty", "vehicle_deployment")
TABLES: dict[str, Table] = {t.name: t for t in (Person.__table__, Vehicle.__table__, person_qualification,
                                                 Duty.__table__, VehicleDeployment.__table__)}
_CHUNK = 500
# What every write sets itself (the version and who wrote it): not part of what a row holds, so neither
# compared nor written back; a row written back gets the next version and its writer's name.
BOOKKEEPING = ("version", "changed_by")

Row = tuple
Key = tuple


@dataclass(frozen=True)
class TableDiff:
    """The rows of one table that an edit changed: key -> row before (None: added) and after (None: removed)."""

    name: str
    before: dict[Key, Row | None]
    after: dict[Key, Row | None]


@dataclass(frozen=True)
class RowDiff:
    tables: tuple[TableDiff, ...]

    @property
    def empty(self) -> bool:
        return not any(t.before for t in self.tables)

    def count(self) -> int:
        return sum(len(t.before) for t in self.tables)

    @property
    def change(self) -> Change:
        """The people, vehicles, posts and days the rows on either side name."""
        people: set[int] = set()
        vehicles: set[int] = set()
        registers: set[str] = set()
        entries: list[Entry] = []
        for t in self.tables:
            columns = [c.name for c in _columns(TABLES[t.name])]
            rows = [dict(zip(columns, r, strict=True)) for side in (t.before, t.after)
                    for r in side.values() if r is not None]
            if t.name == "person":
                people.update(r["id"] for r in rows)
                registers.add(PEOPLE)
            elif t.name == "person_qualification":
                people.update(r["person_id"] for r in rows)
                registers.add(PEOPLE)
            elif t.name == "vehicle":
                vehicles.update(r["id"] for r in rows)
                registers.add(VEHICLES)
            elif t.name == "duty":
                entries += [(r["person_id"], r["vehicle_id"], r["post_id"], r["start"], r["end"]) for r in rows]
            elif t.name == "vehicle_deployment":
                entries += [(None, r["vehicle_id"], r["post_id"], r["start"], r["end"]) for r in rows]
        rows_change = Change.of_entries(entries)
        return rows_change | Change(people=frozenset(people), vehicles=frozenset(vehicles),
                                    registers=frozenset(registers))


def _key_columns(table: Table):
    return list(table.primary_key.columns)


def _columns(table: Table) -> list:
    return [c for c in table.columns if c.name not in BOOKKEEPING]


def _key(table: Table, row: Row) -> Key:
    names = [c.name for c in _columns(table)]
    return tuple(row[names.index(c.name)] for c in _key_columns(table))


def capture(session: Session, names: Iterable[str], where: dict[str, object] | None = None
            ) -> dict[str, dict[Key, Row]]:
    """Every row of the named tables (narrowed by ``where[name]``, a SQL condition), by primary key."""
    where = where or {}
    rows: dict[str, dict[Key, Row]] = {}
    for name in names:
        table = TABLES[name]
        query = select(*_columns(table))
        if name in where:
            query = query.where(where[name])
        rows[name] = {_key(table, tuple(r)): tuple(r) for r in session.connection().execute(query)}
    return rows


def diff(before: dict[str, dict[Key, Row]], after: dict[str, dict[Key, Row]]) -> RowDiff:
    tables = []
    for name in TABLE_ORDER:
        if name not in before and name not in after:
            continue
        old, new = before.get(name, {}), after.get(name, {})
        keys = [k for k in old.keys() | new.keys() if old.get(k) != new.get(k)]
        if keys:
            tables.append(TableDiff(name, {k: old.get(k) for k in keys}, {k: new.get(k) for k in keys}))
    return RowDiff(tuple(tables))


def record(session: Session, names: Sequence[str], edit: Callable[[Session], T],
           where: dict[str, object] | None = None) -> tuple[T, RowDiff]:
    """Run ``edit`` between two reads of the tables; its result and the rows it changed."""
    before = capture(session, names, where)
    result = edit(session)
    session.flush()
    return result, diff(before, capture(session, names, where))


def _chunks(items: list[T]) -> Iterable[list[T]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i:i + _CHUNK]


def _keys_in(table: Table, keys: list[Key]):
    cols = _key_columns(table)
    return cols[0].in_([k[0] for k in keys]) if len(cols) == 1 else tuple_(*cols).in_(keys)


def _current(session: Session, table: Table, keys: list[Key]) -> dict[Key, Row]:
    found: dict[Key, Row] = {}
    for chunk in _chunks(keys):
        found.update((_key(table, tuple(r)), tuple(r)) for r in session.connection().execute(
            select(*_columns(table)).where(_keys_in(table, chunk))))
    return found


def apply(session: Session, rows: RowDiff, forward: bool) -> Change:
    """Write the rows as they became (redo, ``forward``) or as they were (undo).

    Refused with StaleEdit, writing nothing, when any of them no longer stands as the step left it.
    """
    sides = [(TABLES[t.name], t.before, t.after) if forward else (TABLES[t.name], t.after, t.before)
             for t in rows.tables]
    stale = 0
    for table, expected, _wanted in sides:
        current = _current(session, table, list(expected))
        stale += sum(1 for k, row in expected.items() if current.get(k) != row)
    if stale:
        raise StaleEdit(tr("{count} of the rows this step wrote were changed since; it was not taken back, "
                           "so that the later changes stay.", count=stale))
    conn = session.connection()
    for table, _expected, wanted in reversed(sides):  # children first
        gone = [k for k, row in wanted.items() if row is None]
        for chunk in _chunks(gone):
            conn.execute(delete(table).where(_keys_in(table, chunk)))
    for table, expected, wanted in sides:  # parents first
        names = [c.name for c in _columns(table)]
        added = [dict(zip(names, row, strict=True)) for k, row in wanted.items()
                 if row is not None and expected[k] is None]
        if added:
            conn.execute(insert(table), added)
        changed = [{**{f"_k{i}": v for i, v in enumerate(k)}, **dict(zip(names, row, strict=True))}
                   for k, row in wanted.items() if row is not None and expected[k] is not None]
        if changed:
            cols = _key_columns(table)  # a versioned row's version and writer move on by their onupdate
            conn.execute(update(table).where(*(c == bindparam(f"_k{i}") for i, c in enumerate(cols))), changed)
    session.expire_all()
    return rows.change
