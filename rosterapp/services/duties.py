"""Assigning people to shifts and vehicles to places, and saying what each edit touched.

These functions keep the data valid (known ids, end after start, exactly one place) and nothing
more: whether an assignment is wise (rest, qualifications, strength) is the checking engine's
business, so that a clerk can enter a roster first and fix what it reports afterwards.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace

from sqlalchemy import ARRAY, Integer, bindparam, column, func, select
from sqlalchemy.orm import Session

from rosterapp import vocab
from rosterapp.errors import FieldError, StaleEdit
from rosterapp.i18n import tr
from rosterapp.models import Duty, Person, Post, ShiftType, Station, Vehicle, VehicleDeployment
from rosterapp.services.changes import Change, Entry
from rosterapp.services.dutyday import DAY, day_end, day_start
from rosterapp.services.validation import (
    check_code,
    check_interval,
    check_ref,
    clean_text,
    get_or_not_found,
    raise_if,
)


@dataclass(frozen=True)
class DutyRecord:
    """A roster entry as plain data: enough to put it back exactly, under the same id when free."""

    id: int
    person_id: int
    shift_type_id: int
    start: dt.datetime
    end: dt.datetime
    station_id: int | None
    post_id: int | None
    vehicle_id: int | None
    role: str | None

    def entry(self) -> Entry:
        return (self.person_id, self.vehicle_id, self.post_id, self.start, self.end)


_RECORD_FIELDS = tuple(f.name for f in fields(DutyRecord))
_RECORD_COLUMNS = tuple(getattr(Duty, name) for name in _RECORD_FIELDS)


@dataclass(frozen=True)
class CellSnapshot:
    """The station entries of some grid cells (person, day) as they were: the undo of a grid edit."""

    cells: tuple[tuple[int, dt.date], ...]
    records: tuple[DutyRecord, ...]


def _entry(duty: Duty) -> Entry:
    return (duty.person_id, duty.vehicle_id, duty.post_id, duty.start, duty.end)


def _record(duty: Duty) -> DutyRecord:
    return DutyRecord(*(getattr(duty, name) for name in _RECORD_FIELDS))


def _shift(session: Session, code: str, errors: list[FieldError]) -> ShiftType | None:
    shift = session.scalar(select(ShiftType).where(ShiftType.code == clean_text(code)))
    if shift is None:
        errors.append(FieldError("shift_code", tr("Unknown shift code: {name}", name=code)))
    return shift


def shift_interval(shift: ShiftType, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of a shift on a roster day: the day at the shift's start time, for its duration."""
    start = dt.datetime.combine(day, shift.start_time)
    return start, start + dt.timedelta(minutes=shift.duration_minutes)


def assign_duty(session: Session, person_id: int, shift_code: str, day: dt.date, *,
                station_id: int | None = None, post_id: int | None = None, vehicle_id: int | None = None,
                role: str | None = None) -> tuple[int, Change]:
    """Put a person on a shift at a station (their own unless given) or at a post."""
    person = get_or_not_found(session, Person, person_id, "Unknown person: {name}")
    errors: list[FieldError] = []
    shift = _shift(session, shift_code, errors)
    if station_id is not None and post_id is not None:
        errors.append(FieldError("station_id", tr("A duty is either at a station or at a post.")))
    check_ref(session, errors, "station_id", Station, station_id, "Unknown station: {name}")
    check_ref(session, errors, "post_id", Post, post_id, "Unknown post: {name}")
    check_ref(session, errors, "vehicle_id", Vehicle, vehicle_id, "Unknown vehicle: {name}")
    if role is not None:
        check_code(errors, "role", vocab.CREW_ROLE, role, "Unknown crew role: {name}")
    raise_if(errors)
    assert shift is not None
    if station_id is None and post_id is None:
        station_id = person.station_id
    start, end = shift_interval(shift, day)
    duty = Duty(person_id=person_id, shift_type_id=shift.id, start=start, end=end, station_id=station_id,
                post_id=post_id, vehicle_id=vehicle_id, role=role)
    session.add(duty)
    session.flush()
    return duty.id, Change.of_entries([_entry(duty)])


def remove_duty(session: Session, duty_id: int) -> Change:
    duty = get_or_not_found(session, Duty, duty_id, "Unknown duty: {name}")
    change = Change.of_entries([_entry(duty)])
    session.delete(duty)
    session.flush()
    return change


def get_duty(session: Session, duty_id: int) -> DutyRecord:
    """A duty as plain data, taken before ``remove_duty`` so that ``restore_duty`` can undo it."""
    return _record(get_or_not_found(session, Duty, duty_id, "Unknown duty: {name}"))


def _put_back(session: Session, record: DutyRecord) -> None:
    # The old id is reused when free so that earlier undo steps naming it still find their row.
    taken = session.scalar(select(Duty.id).where(Duty.id == record.id)) is not None
    values = {name: getattr(record, name) for name in _RECORD_FIELDS if name != "id"}
    session.add(Duty(**values) if taken else Duty(id=record.id, **values))


def restore_duty(session: Session, record: DutyRecord) -> Change:
    """Put back a duty removed by ``remove_duty``."""
    _put_back(session, record)
    session.flush()
    return Change.of_entries([record.entry()])


# The clerk's grid: one cell is a person's station entries starting on one day. A day on which the
# person holds a post duty belongs to the post board: station codes written there are skipped.

Cell = tuple[int, dt.date]  # (person id, day)


@dataclass(frozen=True)
class CellsResult:
    """What a grid write did: the Change, the cells it left alone because they hold post duties, and
    the cells it wrote with their station entries before and after (what undo and redo put back)."""

    change: Change
    skipped: tuple[tuple[int, dt.date, str], ...] = ()  # (person, day, post code)
    before: CellSnapshot = CellSnapshot((), ())
    after: CellSnapshot = CellSnapshot((), ())


def set_roster_cell(session: Session, person_id: int, day: dt.date, shift_code: str | None) -> Change:
    """Make a cell hold one entry of ``shift_code`` (None empties it), as a clerk's typed code does.

    The first entry is changed in place, keeping its id, station, vehicle and role, so that typing
    白 over 值 does not drop a crew assignment; a 休 keeps no vehicle or role.
    """
    return set_roster_cells(session, {(person_id, day): shift_code}).change


def post_days(session: Session, cells: Iterable[Cell]) -> dict[Cell, str]:
    """The cells among ``cells`` where the person holds a post duty starting that day, with its post code."""
    wanted = set(cells)
    if not wanted:
        return {}
    lo = dt.datetime.combine(min(d for _, d in wanted), dt.time())
    hi = dt.datetime.combine(max(d for _, d in wanted), dt.time()) + DAY
    found: dict[Cell, str] = {}
    people = {p for p, _ in wanted}
    for person_id, start, code in session.execute(
            select(Duty.person_id, Duty.start, Post.code).join(Post, Post.id == Duty.post_id)
            .where(Duty.person_id.in_(people), Duty.start >= lo, Duty.start < hi)):
        key = (person_id, start.date())
        if key in wanted:
            found.setdefault(key, code)
    return found


def set_roster_cells(session: Session, values: dict[Cell, str | None]) -> CellsResult:
    """``set_roster_cell`` for many cells at once (a paste, a rotation), in a few queries.

    A shift code on a day the person holds a post duty is skipped (the post board owns that day) and
    reported; clearing such a cell removes only its station entries.
    """
    if not values:
        return CellsResult(Change())
    people = {p for p, _ in values}
    stations = dict(session.execute(select(Person.id, Person.station_id).where(Person.id.in_(people))).all())
    for person_id in people:
        if person_id not in stations:
            get_or_not_found(session, Person, person_id, "Unknown person: {name}")  # raises NotFound
    codes = {code for code in values.values() if code is not None}
    shifts = {sh.code: sh for sh in session.scalars(select(ShiftType).where(ShiftType.code.in_(codes)))}
    unknown = sorted(codes - shifts.keys())
    if unknown:
        raise_if([FieldError("shift_code", tr("Unknown shift code: {name}", name=code)) for code in unknown])
    lock_people_cells(session, people)  # before post_days: a post duty being written is waited for
    at_posts = post_days(session, [cell for cell, code in values.items() if code is not None])
    skipped = tuple(sorted((p, d, post) for (p, d), post in at_posts.items()))
    values = {cell: code for cell, code in values.items() if cell not in at_posts}
    by_cell: dict[Cell, list[DutyRecord]] = defaultdict(list)
    # Locked as read: the Core statements below check no version, so no second writer may move these rows
    # between this read and the writes (the ORM's flush checked each row's version one statement at a time).
    for record in _records_in_cells(session, list(values), for_update=True):
        by_cell[record.person_id, record.start.date()].append(record)
    before = tuple(r for old in by_cell.values() for r in old)
    gone: list[int] = []
    changed: list[DutyRecord] = []
    added: list[dict] = []
    kept: list[DutyRecord] = []
    for (person_id, day), code in values.items():
        old = by_cell.get((person_id, day), [])
        shift = shifts.get(code) if code is not None else None
        keep = old[0] if old and shift is not None else None
        gone.extend(r.id for r in old if r is not keep)
        if shift is None:
            continue
        start, end = shift_interval(shift, day)
        if keep is None:
            added.append({"person_id": person_id, "station_id": stations[person_id], "shift_type_id": shift.id,
                          "start": start, "end": end})
            continue
        new = replace(keep, shift_type_id=shift.id, start=start, end=end,
                      vehicle_id=keep.vehicle_id if shift.is_duty else None, role=keep.role if shift.is_duty else None)
        if new != keep:
            changed.append(new)
        kept.append(new)
    kept.extend(_write_cells(session, gone, changed, added))
    cells = tuple(values)
    change = Change(people=frozenset(p for p, _ in values), days=frozenset(d for _, d in values))
    entries = [r.entry() for r in (*before, *kept)]
    return CellsResult(change.union(Change.of_entries(entries)), skipped, CellSnapshot(cells, before),
                       CellSnapshot(cells, tuple(kept)))


_CHUNK = 500


def _write_cells(session: Session, gone: list[int], changed: list[DutyRecord], added: list[dict]) -> list[DutyRecord]:
    """Delete, update and insert station entries in a few statements (a month of a detachment is 15,000 cells:
    one ORM flush per row took seconds); returns the added entries' records, ids included.

    Core statements raise each row's version and name its writer through the columns' onupdate and default.
    Duty objects this session holds for these rows are expired, so that nothing reads them stale.
    """
    table = Duty.__table__
    for k in range(0, len(gone), _CHUNK):
        session.execute(table.delete().where(table.c.id.in_(gone[k:k + _CHUNK])))
    if changed:
        session.execute(
            table.update().where(table.c.id == bindparam("b_id")).values(
                shift_type_id=bindparam("b_shift"), start=bindparam("b_start"), end=bindparam("b_end"),
                vehicle_id=bindparam("b_vehicle"), role=bindparam("b_role")),
            [{"b_id": r.id, "b_shift": r.shift_type_id, "b_start": r.start, "b_end": r.end,
              "b_vehicle": r.vehicle_id, "b_role": r.role} for r in changed])
    records = []
    if added:
        ids = session.execute(table.insert().returning(table.c.id, sort_by_parameter_order=True), added).scalars()
        records = [DutyRecord(duty_id, row["person_id"], row["shift_type_id"], row["start"], row["end"],
                              row["station_id"], None, None, None) for duty_id, row in zip(ids, added, strict=True)]
    touched = set(gone) | {r.id for r in changed}
    if touched:
        for obj in list(session.identity_map.values()):
            if isinstance(obj, Duty) and obj.id in touched:
                session.expire(obj)
    return records


# The advisory locks (two-key form: this key and a bucket of person ids) that put the writers of a person's
# day in a row on a server. Any number: the change log's commit lock uses the one-key form. People share
# CELLS_BUCKETS locks, so that a city-wide edit takes a few hundred locks, not one per person (the server's
# lock table is shared and bounded); two writers of different people may then wait for each other a moment.
CELLS_LOCK = 160_001
CELLS_BUCKETS = 256


def lock_people_cells(session: Session, people: Iterable[int], vehicles: Iterable[int] = ()) -> None:
    """Make a second writer of these people's days (roster cells, post duties), and of these vehicles'
    deployments, wait until this unit of work ends (PostgreSQL).

    A row lock holds only rows already there: two clerks typing into the same empty cell would both find
    it empty and both insert, and the cell would hold two entries (a double booking, and one code written
    over without being seen); a code typed into a cell while someone puts the person at a post would not
    see the post duty. The locks are taken in order, so that no two writers wait on each other (a step
    that writes people and vehicles takes them in one call).
    """
    if session.get_bind().dialect.name != "postgresql":
        return  # SQLite: the writer holds the whole database already
    conn = session.connection()
    # The locks this transaction holds already (a typed code takes them, then the cells it writes again):
    # only new ones cost a round trip.
    transaction, held = conn.info.get(_HELD, (None, set()))
    if transaction is not conn.get_transaction():
        transaction, held = conn.get_transaction(), set()
        conn.info[_HELD] = (transaction, held)
    keys = sorted(({person % CELLS_BUCKETS for person in people}
                   | {CELLS_BUCKETS + vehicle % CELLS_BUCKETS for vehicle in vehicles}) - held)
    if keys:
        session.execute(select(func.pg_advisory_xact_lock(CELLS_LOCK, column("k")))
                        .select_from(func.unnest(bindparam("keys", keys, type_=ARRAY(Integer))).alias("k")))
        held.update(keys)


_HELD = "rosterapp_cell_locks"  # connection info: (the transaction, the lock keys it holds)


def _records_in_cells(session: Session, cells: Sequence[Cell], *, for_update: bool = False) -> list[DutyRecord]:
    """The station entries of the cells, in one query over the people and the span of their days; with
    ``for_update`` their rows are locked until the unit of work ends (PostgreSQL; SQLite's writer holds the
    whole database already), so that a second writer waits instead of being written over. A writer takes
    ``lock_people_cells`` first: a row lock does not hold the rows not there yet."""
    wanted = set(cells)
    if not wanted:
        return []
    lo = dt.datetime.combine(min(d for _, d in wanted), dt.time())
    hi = dt.datetime.combine(max(d for _, d in wanted), dt.time()) + DAY
    query = (select(*_RECORD_COLUMNS)
             .where(Duty.person_id.in_({p for p, _ in wanted}), Duty.post_id.is_(None), Duty.start >= lo,
                    Duty.start < hi)
             .order_by(Duty.start, Duty.id))
    rows = session.execute(query.with_for_update() if for_update else query)
    return [r for r in (DutyRecord(*row) for row in rows) if (r.person_id, r.start.date()) in wanted]


def snapshot_cells(session: Session, cells: Iterable[tuple[int, dt.date]]) -> CellSnapshot:
    """The current content of grid cells, taken before an edit so that ``restore_cells`` can undo it."""
    unique = tuple(dict.fromkeys(cells))
    return CellSnapshot(unique, tuple(_records_in_cells(session, unique)))


def restore_cells(session: Session, snapshot: CellSnapshot, expect: CellSnapshot | None = None) -> Change:
    """Put the cells back exactly as the snapshot found them, ids included where still free.

    With ``expect``, the cells must still hold exactly what it recorded (what the step being undone
    or redone left there); otherwise StaleEdit, and nothing is written.
    """
    lock_people_cells(session, (p for p, _ in snapshot.cells))
    current = {r.id: r for r in _records_in_cells(session, snapshot.cells, for_update=True)}
    if expect is not None and set(current.values()) != set(expect.records):
        raise StaleEdit(tr("Some of these cells were changed since; the step was not taken back, so that "
                           "the later changes stay."))
    wanted = {r.id: r for r in snapshot.records}
    change = Change(people=frozenset(p for p, _ in snapshot.cells),
                    days=frozenset(d for _, d in snapshot.cells)).union(
        Change.of_entries(r.entry() for r in (*current.values(), *snapshot.records)))
    for duty_id, record in current.items():
        duty = session.get(Duty, duty_id)
        if duty_id not in wanted:
            session.delete(duty)
        elif record != wanted[duty_id]:
            for name in _RECORD_FIELDS[1:]:
                setattr(duty, name, getattr(wanted[duty_id], name))
    session.flush()
    for record in snapshot.records:
        if record.id not in current:
            _put_back(session, record)
    session.flush()
    return change


# Vehicles away from their station.

def deploy_vehicle(session: Session, vehicle_id: int, start: dt.date, end: dt.date, *,
                   post_id: int | None = None, station_id: int | None = None) -> tuple[int, Change]:
    """Stand a vehicle at a post, or at another station, over [start, end) (dates: whole days)."""
    get_or_not_found(session, Vehicle, vehicle_id, "Unknown vehicle: {name}")
    begin, finish = day_start(start), day_end(end)
    errors: list[FieldError] = []
    if (post_id is None) == (station_id is None):
        errors.append(FieldError("post_id", tr("A deployment is either at a station or at a post.")))
    check_ref(session, errors, "post_id", Post, post_id, "Unknown post: {name}")
    check_ref(session, errors, "station_id", Station, station_id, "Unknown station: {name}")
    check_interval(errors, begin, finish)
    raise_if(errors)
    deployment = VehicleDeployment(vehicle_id=vehicle_id, start=begin, end=finish, post_id=post_id,
                                   station_id=station_id)
    session.add(deployment)
    session.flush()
    return deployment.id, Change.of_entries([(None, vehicle_id, post_id, begin, finish)])


def remove_deployment(session: Session, deployment_id: int) -> Change:
    deployment = get_or_not_found(session, VehicleDeployment, deployment_id, "Unknown deployment: {name}")
    change = Change.of_entries([(None, deployment.vehicle_id, deployment.post_id, deployment.start,
                                 deployment.end)])
    session.delete(deployment)
    session.flush()
    return change
