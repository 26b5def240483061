"""Staffing a security task's post windows, and putting operations and posts back exactly (undo).

An edit of the post board is a ``StaffingEdit``: the rows it added, the rows it removed and the
crew roles it changed, each as a full record. Undo takes it back, redo makes it again with the same
ids (later steps of the undo stack name those ids). Putting people at a post takes them off their
station entries of that roster day that overlap the window: the crew on duty is who goes.

Copying a day forward is planned here too, on the checking engine's data (``Availability``): each
vehicle stays, each person stays where rested and free; a vehicle's crew that cannot serve again
is replaced by the crew on duty with that vehicle on the later day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from rosterapp import vocab
from rosterapp.errors import Conflict, FieldError, NotFound, StaleEdit
from rosterapp.i18n import tr
from rosterapp.models import (
    Duty,
    Operation,
    Person,
    Post,
    PostVehicleRequirement,
    RuleSetting,
    ShiftType,
    Vehicle,
    VehicleDeployment,
    post_qualification,
)
from rosterapp.services.availability import ALREADY_HERE, Availability, Pending, Reason
from rosterapp.services.changes import OPERATIONS, Change
from rosterapp.services.duties import DutyRecord, get_duty, lock_people_cells, restore_duty
from rosterapp.services.dutyday import DAY
from rosterapp.services.operations import delete_operation, delete_post
from rosterapp.services.posts_board import Board, BoardCell, day_of_window
from rosterapp.services.rules.data import from_min, to_min
from rosterapp.services.subplans import refuse_locked
from rosterapp.services.validation import check_code, get_or_not_found, raise_if


@dataclass(frozen=True)
class DeploymentRecord:
    """A vehicle deployment as plain data, to put it back under the same id."""

    id: int
    vehicle_id: int
    start: dt.datetime
    end: dt.datetime
    post_id: int | None
    station_id: int | None

    def entry(self):
        return (None, self.vehicle_id, self.post_id, self.start, self.end)


_DEPLOYMENT_FIELDS = tuple(f.name for f in fields(DeploymentRecord))


@dataclass(frozen=True)
class StaffingEdit:
    """What one board edit did, as records: enough to undo and redo it exactly."""

    added_duties: tuple[DutyRecord, ...] = ()
    added_deployments: tuple[DeploymentRecord, ...] = ()
    removed_duties: tuple[DutyRecord, ...] = ()
    removed_deployments: tuple[DeploymentRecord, ...] = ()
    roles: tuple[tuple[int, str | None, str | None], ...] = ()  # (duty id, before, after)

    @property
    def empty(self) -> bool:
        return not (self.added_duties or self.added_deployments or self.removed_duties
                    or self.removed_deployments or self.roles)


@dataclass(frozen=True)
class WindowStaffing:
    """What to put at one shift window [start, end) of a post; people are (person, role, vehicle)."""

    post_id: int
    start: dt.datetime
    end: dt.datetime
    vehicles: tuple[int, ...] = ()
    people: tuple[tuple[int, str | None, int | None], ...] = ()


def staffing_for_cell(post_id: int, cell: BoardCell, vehicles: Iterable[int] = (),
                  people: Iterable[tuple[int, str | None, int | None]] = ()) -> WindowStaffing:
    return WindowStaffing(post_id, from_min(cell.lo), from_min(cell.hi), tuple(vehicles), tuple(people))


def _deployment_record(dep: VehicleDeployment) -> DeploymentRecord:
    return DeploymentRecord(*(getattr(dep, name) for name in _DEPLOYMENT_FIELDS))


def _put_back_deployment(session: Session, record: DeploymentRecord) -> None:
    taken = session.get(VehicleDeployment, record.id) is not None
    values = {name: getattr(record, name) for name in _DEPLOYMENT_FIELDS if name != "id"}
    session.add(VehicleDeployment(**values) if taken else VehicleDeployment(id=record.id, **values))


def _shift_for(session: Session, start: dt.datetime, end: dt.datetime) -> int:
    """The shift type a post duty is filed under: the one with its start and length, else 值/白/夜."""
    minutes = int((end - start).total_seconds() // 60)
    shifts = session.execute(select(ShiftType.id, ShiftType.code, ShiftType.start_time, ShiftType.duration_minutes)
                             .where(ShiftType.is_duty)).all()
    for sid, _code, begin, length in shifts:
        if begin == start.time() and length == minutes:
            return sid
    by_code = {code: sid for sid, code, _b, _l in shifts}
    code = "值" if minutes >= 24 * 60 else ("白" if 6 <= start.hour < 18 else "夜")
    return by_code.get(code) or shifts[0][0]


def _known(session: Session, model, ids: set[int], message: str) -> None:
    """NotFound with ``message`` for the first of ``ids`` that names no row of ``model``."""
    if not ids:
        return
    found = set(session.scalars(select(model.id).where(model.id.in_(ids))))
    missing = sorted(ids - found)
    if missing:
        raise NotFound(tr(message, name=missing[0]))


def _station_entries_of(session: Session, people: set[int], days: list[dt.date]) -> dict[tuple[int, dt.date], list]:
    """The station entries (休 too) of ``people`` written on the ``days``, by (person, day)."""
    if not people or not days:
        return {}
    lo = dt.datetime.combine(min(days), dt.time())
    hi = dt.datetime.combine(max(days), dt.time()) + DAY
    wanted = set(days)
    out: dict[tuple[int, dt.date], list] = defaultdict(list)
    for duty in session.scalars(select(Duty).where(Duty.person_id.in_(people), Duty.post_id.is_(None),
                                                   Duty.start >= lo, Duty.start < hi)):
        if duty.start.date() in wanted:
            out[duty.person_id, duty.start.date()].append(duty)
    return out


def _refuse_overlaps(session: Session, model, key, label, adding: Iterable[tuple[int, dt.datetime, dt.datetime]],
                     leaving: Iterable[int] = (), *condition) -> None:
    """Conflict (nothing written) when one of ``adding`` (key, start, end: a person's duty, a vehicle's
    deployment) would stand over a row of ``model`` the same person or vehicle has now, other than those
    ``leaving`` (ids this step removes). ``label`` names the person or vehicle. Asked under their locks, so a
    row another clerk has just written is seen: the window's board may have shown them free."""
    adding = list(adding)
    if not adding:
        return
    leaving = set(leaving)
    lo, hi = min(a[1] for a in adding), max(a[2] for a in adding)
    held = defaultdict(list)
    for row in session.execute(select(model.id, key.label("key"), model.start, model.end, model.post_id,
                                      model.changed_by)
                               .where(key.in_({a[0] for a in adding}), model.start < hi, model.end > lo, *condition)):
        if row.id not in leaving:
            held[row.key].append(row)
    for who, start, end in adding:
        clash = next((d for d in held[who] if d.start < end and d.end > start), None)
        if clash is None:
            continue
        name = session.scalar(select(label).where(label.class_.id == who))
        where = session.scalar(select(Post.code).where(Post.id == clash.post_id)) if clash.post_id else tr("station duty")
        raise Conflict(tr("{name} already holds a duty then ({where}, {start} – {end}, written by {who}); "
                          "nothing was changed.", name=name, where=where, start=f"{clash.start:%m-%d %H:%M}",
                          end=f"{clash.end:%m-%d %H:%M}", who=clash.changed_by or tr("another user")))


def _refuse_double_duties(session: Session, adding, leaving: Iterable[int] = ()) -> None:
    """No person at two posts at once (station entries of the day give way to a post, so only post duties)."""
    _refuse_overlaps(session, Duty, Duty.person_id, Person.name, adding, leaving, Duty.post_id.is_not(None))


def _refuse_double_deployments(session: Session, adding, leaving: Iterable[int] = ()) -> None:
    """No vehicle at two places at once."""
    _refuse_overlaps(session, VehicleDeployment, VehicleDeployment.vehicle_id, Vehicle.plate, adding, leaving)


def staff_windows(session: Session, plans: Sequence[WindowStaffing], *,
                  refuse_busy: bool = False) -> tuple[StaffingEdit, Change]:
    """Put vehicles and people at post windows; the people leave their station entries of that day.

    Only what keeps the data valid is checked here (known ids and roles); whether a move is wise is
    the caller's (Availability) and the checking engine's business. With ``refuse_busy`` (a clerk's gesture
    on the post board, made on what the board showed) a person who holds another post duty at that time
    now, another clerk having put them there meanwhile, refuses the whole step: never a double booking.
    """
    errors: list[FieldError] = []
    # Ids are checked and station entries read in a few selects over all the plans (an automatic fill puts
    # thousands of people at windows in one edit; one query per person took a quarter of a minute).
    _known(session, Post, {p.post_id for p in plans}, "Unknown post: {name}")
    refuse_locked(session, {p.post_id for p in plans})  # an approved sub-plan's windows: say which, write nothing
    for plan in plans:
        for _pid, role, _vid in plan.people:
            if role is not None:
                check_code(errors, "role", vocab.CREW_ROLE, role, "Unknown crew role: {name}")
        if plan.end <= plan.start:
            errors.append(FieldError("end", tr("The end must be after the start.")))
    raise_if(errors)
    _known(session, Vehicle, {v for p in plans for v in p.vehicles}, "Unknown vehicle: {name}")
    _known(session, Person, {pid for p in plans for pid, _r, _v in p.people}, "Unknown person: {name}")
    # No one else writes their day, nor deploys these vehicles, until this unit of work ends.
    lock_people_cells(session, {pid for p in plans for pid, _r, _v in p.people}, {v for p in plans for v in p.vehicles})
    if refuse_busy:
        _refuse_double_duties(session, [(pid, p.start, p.end) for p in plans for pid, _r, _v in p.people])
        _refuse_double_deployments(session, [(v, p.start, p.end) for p in plans for v in p.vehicles])
    added_duties: list[Duty] = []
    added_deps: list[VehicleDeployment] = []
    removed: dict[int, DutyRecord] = {}
    shift_cache: dict[tuple[dt.datetime, dt.datetime], int] = {}
    handovers = dict(session.execute(select(Post.id, Post.handover_time)
                                     .where(Post.id.in_({p.post_id for p in plans}))).all())
    days = {}
    for plan in plans:
        handover = handovers[plan.post_id]
        days[id(plan)] = day_of_window(to_min(plan.start), handover.hour * 60 + handover.minute)
    entries = _station_entries_of(session, {pid for p in plans for pid, _r, _v in p.people},
                                  [days[id(p)] for p in plans if p.people])
    for plan in plans:
        for vid in plan.vehicles:
            dep = VehicleDeployment(vehicle_id=vid, start=plan.start, end=plan.end, post_id=plan.post_id)
            session.add(dep)
            added_deps.append(dep)
        day = days[id(plan)]
        key = (plan.start, plan.end)
        if plan.people and key not in shift_cache:
            shift_cache[key] = _shift_for(session, plan.start, plan.end)
        for pid, role, vid in plan.people:
            for old in entries.get((pid, day), ()):
                if old.id not in removed and old.start < plan.end and old.end > plan.start:
                    removed[old.id] = get_duty(session, old.id)
                    session.delete(old)
            duty = Duty(person_id=pid, shift_type_id=shift_cache[key], start=plan.start, end=plan.end,
                        post_id=plan.post_id, vehicle_id=vid, role=role)
            session.add(duty)
            added_duties.append(duty)
    session.flush()
    edit = StaffingEdit(
        added_duties=tuple(get_duty(session, d.id) for d in added_duties),
        added_deployments=tuple(_deployment_record(d) for d in added_deps),
        removed_duties=tuple(removed.values()),
    )
    return edit, _change_of(edit)


STATION_DUTY = "station"
"""``release(..., then=STATION_DUTY)``: the people return to station duty for the window they leave."""
OFF_DUTY = "off"
"""``release(..., then=OFF_DUTY)``: the people are off (休) that roster day."""


def unstaff(session: Session, duty_ids: Iterable[int] = (), deployment_ids: Iterable[int] = ()
            ) -> tuple[StaffingEdit, Change]:
    """Take people (their post duties) and vehicles (their deployments) off post windows."""
    return release(session, duty_ids, deployment_ids, then=None)


def release(session: Session, duty_ids: Iterable[int] = (), deployment_ids: Iterable[int] = (), *,
            then: str | None) -> tuple[StaffingEdit, Change]:
    """Take people and vehicles off post windows, and say where the people go, in one edit.

    ``then`` is STATION_DUTY (each person is back on duty at their own station for the window they
    leave, under the same shift), OFF_DUTY (休 on that roster day) or None (nothing is written for
    them). A person who still has a station entry overlapping the window, or another post duty on
    that roster day, gets nothing more: their day is planned already.
    """
    if then not in (None, STATION_DUTY, OFF_DUTY):
        raise ValueError(then)
    duty_ids = list(dict.fromkeys(duty_ids))
    deployment_ids = list(dict.fromkeys(deployment_ids))
    refuse_locked_staffing(session, duty_ids, deployment_ids)
    lock_people_cells(session, session.scalars(select(Duty.person_id).where(Duty.id.in_(duty_ids))))
    duties = []
    for duty_id in duty_ids:
        duties.append(get_duty(session, duty_id))
        session.delete(session.get(Duty, duty_id))
    deps = []
    for dep_id in deployment_ids:
        dep = get_or_not_found(session, VehicleDeployment, dep_id, "Unknown deployment: {name}")
        deps.append(_deployment_record(dep))
        session.delete(dep)
    session.flush()
    added: list[Duty] = []
    if then is not None and duties:
        stations = dict(session.execute(select(Person.id, Person.station_id)
                                        .where(Person.id.in_({d.person_id for d in duties}))).all())
        off = session.scalar(select(ShiftType).where(ShiftType.is_duty.is_(False)).order_by(ShiftType.sort_order))
        for record in duties:
            day = record.start.date()
            first = dt.datetime.combine(day, dt.time())
            same_day = select(Duty.id).where(Duty.person_id == record.person_id, Duty.start >= first,
                                             Duty.start < first + DAY)
            if then == STATION_DUTY:
                busy = same_day.where(Duty.start < record.end, Duty.end > record.start)
                duty = Duty(person_id=record.person_id, shift_type_id=record.shift_type_id, start=record.start,
                            end=record.end, station_id=stations[record.person_id])
            else:
                busy = same_day
                start = dt.datetime.combine(day, off.start_time)
                duty = Duty(person_id=record.person_id, shift_type_id=off.id, start=start,
                            end=start + dt.timedelta(minutes=off.duration_minutes),
                            station_id=stations[record.person_id])
            if session.scalar(busy.limit(1)) is None:
                session.add(duty)
                session.flush()
                added.append(duty)
    edit = StaffingEdit(added_duties=tuple(get_duty(session, d.id) for d in added),
                        removed_duties=tuple(duties), removed_deployments=tuple(deps))
    return edit, _change_of(edit)


def set_roles(session: Session, roles: dict[int, str | None]) -> tuple[StaffingEdit, Change]:
    """Give duties new crew roles (指挥员, 驾驶员, 战斗员, 通信员, 安全员; None for no role)."""
    errors: list[FieldError] = []
    for role in roles.values():
        if role is not None:
            check_code(errors, "role", vocab.CREW_ROLE, role, "Unknown crew role: {name}")
    raise_if(errors)
    refuse_locked_staffing(session, roles, ())
    changed = []
    records = []
    for duty_id, role in roles.items():
        duty = get_or_not_found(session, Duty, duty_id, "Unknown duty: {name}")
        if duty.role != role:
            changed.append((duty_id, duty.role, role))
            duty.role = role
            records.append(get_duty(session, duty_id))
    session.flush()
    edit = StaffingEdit(roles=tuple(changed))
    return edit, Change.of_entries(r.entry() for r in records)


def refuse_locked_staffing(session: Session, duty_ids: Iterable[int], deployment_ids: Iterable[int]) -> None:
    """Refuse taking people or vehicles off (or giving roles at) an approved sub-plan's windows, naming it."""
    duty_ids, deployment_ids = list(duty_ids), list(deployment_ids)
    posts = set(session.scalars(select(Duty.post_id).where(Duty.id.in_(duty_ids), Duty.post_id.is_not(None)))
                ) if duty_ids else set()
    if deployment_ids:
        posts |= set(session.scalars(select(VehicleDeployment.post_id).where(VehicleDeployment.id.in_(deployment_ids))))
    refuse_locked(session, posts)


def _change_of(edit: StaffingEdit) -> Change:
    entries = [r.entry() for r in (*edit.added_duties, *edit.removed_duties, *edit.added_deployments,
                                   *edit.removed_deployments)]
    return Change.of_entries(entries)


def _check_current(session: Session, edit: StaffingEdit, forward: bool) -> None:
    """The rows a step takes away must stand as it left them; StaleEdit (nothing written) otherwise."""
    duties, deps = ((edit.removed_duties, edit.removed_deployments) if forward
                    else (edit.added_duties, edit.added_deployments))
    current_duties = {r.id: r for r in (get_duty(session, d.id) for d in duties if session.get(Duty, d.id))}
    current_deps = {d.id: _deployment_record(d) for d in (session.get(VehicleDeployment, r.id) for r in deps) if d}
    roles_now = {duty_id: (session.get(Duty, duty_id).role if session.get(Duty, duty_id) else None)
                 for duty_id, _before, _after in edit.roles}
    expected_roles = {duty_id: (before if forward else after) for duty_id, before, after in edit.roles}
    stale = ([d for d in duties if current_duties.get(d.id) != d] + [d for d in deps if current_deps.get(d.id) != d]
             + [k for k, role in expected_roles.items() if roles_now[k] != role])
    if stale:
        raise StaleEdit(tr("The staffing of these windows was changed since; the step was not taken back, so "
                           "that the later changes stay."))


def _apply(session: Session, edit: StaffingEdit, forward: bool) -> Change:
    lock_people_cells(session, {r.person_id for r in (*edit.added_duties, *edit.removed_duties)},
                      {r.vehicle_id for r in (*edit.added_deployments, *edit.removed_deployments)})
    refuse_locked(session, {r.post_id for r in (*edit.added_duties, *edit.removed_duties, *edit.added_deployments,
                                                *edit.removed_deployments) if r.post_id is not None})
    refuse_locked_staffing(session, [duty_id for duty_id, _before, _after in edit.roles], ())
    _check_current(session, edit, forward)
    add_deps, remove_deps = ((edit.added_deployments, edit.removed_deployments) if forward
                             else (edit.removed_deployments, edit.added_deployments))
    add_duties, remove_duties = ((edit.added_duties, edit.removed_duties) if forward
                                 else (edit.removed_duties, edit.added_duties))
    # A post duty the step puts back must not land over a post duty someone gave the person since.
    _refuse_double_duties(session, [(r.person_id, r.start, r.end) for r in add_duties if r.post_id is not None],
                          leaving=[r.id for r in remove_duties])
    _refuse_double_deployments(session, [(r.vehicle_id, r.start, r.end) for r in add_deps if r.post_id is not None],
                               leaving=[r.id for r in remove_deps])
    if remove_duties:
        session.execute(delete(Duty).where(Duty.id.in_([r.id for r in remove_duties])))
    if remove_deps:
        session.execute(delete(VehicleDeployment).where(VehicleDeployment.id.in_([r.id for r in remove_deps])))
    session.flush()
    for record in add_duties:
        restore_duty(session, record)
    for record in add_deps:
        _put_back_deployment(session, record)
    touched = []
    for duty_id, before, after in edit.roles:
        duty = session.get(Duty, duty_id)
        if duty is not None:
            duty.role = after if forward else before
            touched.append((duty.person_id, duty.vehicle_id, duty.post_id, duty.start, duty.end))
    session.flush()
    return _change_of(edit) | Change.of_entries(touched)


def undo_edit(session: Session, edit: StaffingEdit) -> Change:
    return _apply(session, edit, forward=False)


def redo_edit(session: Session, edit: StaffingEdit) -> Change:
    return _apply(session, edit, forward=True)


# -- copying a day forward --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Skipped:
    """Something a copy left out: a vehicle or a person (kind "vehicle"/"person") on a line and day."""

    line: int
    day: dt.date
    kind: str
    id: int
    reason: Reason


def copy_forward_staffing(board: Board, availability: Availability, lines: Iterable[int], source: dt.date,
                      targets: Sequence[dt.date]) -> tuple[list[WindowStaffing], list[Skipped]]:
    """The staffing of ``source`` copied to each of ``targets``, on the given board lines.

    What is already at a target window stays; vehicles and people are added. A vehicle that cannot
    stand there is skipped; a person who cannot is skipped too, except that when none of a vehicle's
    crew can serve again (rest, leave), the crew on duty with that vehicle that day takes its place.
    """
    plans: list[WindowStaffing] = []
    skipped: list[Skipped] = []
    pending = Pending()
    src = board.column_of.get(source)
    if src is None:
        return plans, skipped
    for r in lines:
        line = board.lines[r]
        cell = board.cells[r][src]
        if cell is None or not (cell.placements or cell.crew):
            continue
        post = line.post_id
        for day in targets:
            c = board.column_of.get(day)
            target = board.cells[r][c] if c is not None else None
            if target is None:
                continue
            lo, hi = target.lo, target.hi
            vehicles: list[int] = []
            at_window = {v.id for v in target.vehicles}
            for tag in cell.vehicles:
                reason = availability.vehicle_reason(tag.id, post, lo, hi, pending)
                if reason is None:
                    vehicles.append(tag.id)
                    pending.add_vehicle(tag.id, lo, hi)
                    at_window.add(tag.id)
                elif reason.code != ALREADY_HERE:
                    skipped.append(Skipped(r, day, "vehicle", tag.id, reason))
            groups: dict[int | None, list] = defaultdict(list)
            for tag in cell.crew:
                if tag.person_id not in {t.person_id for t in groups[tag.vehicle_id]}:
                    groups[tag.vehicle_id].append(tag)
            people: list[tuple[int, str | None, int | None]] = []
            for vehicle_id, crew in groups.items():
                reasons = {t.person_id: availability.person_reason(t.person_id, post, lo, hi, t.role, vehicle_id,
                                                                   pending) for t in crew}
                blocked = [t for t in crew if reasons[t.person_id] is not None
                           and reasons[t.person_id].code != ALREADY_HERE]
                if blocked and len(blocked) == len(crew) and vehicle_id in at_window:
                    relief = availability.crew_on_duty(vehicle_id, post, lo, hi, pending)
                    if relief:
                        for pid, role in relief:
                            people.append((pid, role, vehicle_id))
                            pending.add_person(pid, lo, hi)
                        continue
                for t in crew:
                    reason = reasons[t.person_id]
                    if reason is None:
                        people.append((t.person_id, t.role, vehicle_id if vehicle_id in at_window else None))
                        pending.add_person(t.person_id, lo, hi)
                    elif reason.code != ALREADY_HERE:
                        skipped.append(Skipped(r, day, "person", t.person_id, reason))
            if vehicles or people:
                plans.append(staffing_for_cell(post, target, vehicles, people))
    return plans, skipped


# -- operations and posts as they were (undo of creating and deleting them) -------------------------------

@dataclass(frozen=True)
class PostSnapshot:
    """A post with its requirements and its staffing, as stored."""

    post: dict
    requirements: tuple[dict, ...]
    qualifications: tuple[dict, ...]
    duties: tuple[dict, ...]
    deployments: tuple[dict, ...]


@dataclass(frozen=True)
class OperationSnapshot:
    operation: dict
    posts: tuple[PostSnapshot, ...]
    settings: tuple[dict, ...]


def _rows(session: Session, table, condition) -> tuple[dict, ...]:
    return tuple(dict(r) for r in session.execute(select(table).where(condition)).mappings())


def snapshot_post(session: Session, post_id: int) -> PostSnapshot:
    get_or_not_found(session, Post, post_id, "Unknown post: {name}")
    t = Post.__table__
    return PostSnapshot(
        _rows(session, t, t.c.id == post_id)[0],
        _rows(session, PostVehicleRequirement.__table__, PostVehicleRequirement.__table__.c.post_id == post_id),
        _rows(session, post_qualification, post_qualification.c.post_id == post_id),
        _rows(session, Duty.__table__, Duty.__table__.c.post_id == post_id),
        _rows(session, VehicleDeployment.__table__, VehicleDeployment.__table__.c.post_id == post_id),
    )


def _insert(session: Session, table, rows: Sequence[dict]) -> None:
    if rows:
        session.execute(insert(table), list(rows))


def _post_change(snapshots: Iterable[PostSnapshot]) -> Change:
    entries = []
    posts = []
    for snap in snapshots:
        posts.append(snap.post["id"])
        entries += [(d["person_id"], d["vehicle_id"], d["post_id"], d["start"], d["end"]) for d in snap.duties]
        entries += [(None, d["vehicle_id"], d["post_id"], d["start"], d["end"]) for d in snap.deployments]
    return Change.of_entries(entries) | Change(posts=frozenset(posts))


def restore_post(session: Session, snap: PostSnapshot) -> Change:
    """Put back a post deleted with ``delete_post`` (or undone after ``create_post``), ids and all."""
    _insert(session, Post.__table__, [snap.post])
    _insert(session, PostVehicleRequirement.__table__, snap.requirements)
    _insert(session, post_qualification, snap.qualifications)
    _insert(session, Duty.__table__, snap.duties)
    _insert(session, VehicleDeployment.__table__, snap.deployments)
    session.flush()
    return _post_change([snap])


def snapshot_operation(session: Session, operation_id: int) -> OperationSnapshot:
    get_or_not_found(session, Operation, operation_id, "Unknown operation: {name}")
    t = Operation.__table__
    post_ids = session.scalars(select(Post.id).where(Post.operation_id == operation_id).order_by(Post.id)).all()
    return OperationSnapshot(
        _rows(session, t, t.c.id == operation_id)[0],
        tuple(snapshot_post(session, pid) for pid in post_ids),
        _rows(session, RuleSetting.__table__, RuleSetting.__table__.c.operation_id == operation_id),
    )


def restore_operation(session: Session, snap: OperationSnapshot) -> Change:
    """Put back an operation with its posts, their staffing and its own rule settings, ids and all."""
    _insert(session, Operation.__table__, [snap.operation])
    _insert(session, RuleSetting.__table__, snap.settings)
    for post in snap.posts:
        restore_post(session, post)
    session.flush()
    return _post_change(snap.posts)


# -- tasks and posts as records (undo of editing, creating and deleting them) ------------------------------

def task_record(session: Session, operation_id: int) -> OperationSnapshot | None:
    """A security task as stored, with its posts and their staffing; None when there is no such task."""
    return snapshot_operation(session, operation_id) if session.get(Operation, operation_id) else None


def restore_task(session: Session, operation_id: int, record: OperationSnapshot | None) -> None:
    """Make task ``operation_id`` exactly ``record`` (None: no such task), posts and staffing included."""
    if session.get(Operation, operation_id) is not None:
        delete_operation(session, operation_id)
    if record is not None:
        restore_operation(session, record)


def post_record(session: Session, post_id: int) -> PostSnapshot | None:
    return snapshot_post(session, post_id) if session.get(Post, post_id) else None


def restore_post_record(session: Session, post_id: int, record: PostSnapshot | None) -> None:
    """Make post ``post_id`` exactly ``record`` (None: no such post), requirements and staffing included."""
    if session.get(Post, post_id) is not None:
        delete_post(session, post_id)
    if record is not None:
        restore_post(session, record)


def records_change(*records: OperationSnapshot | PostSnapshot | None) -> Change:
    """What writing task or post records touches: their posts, the staffing on them, the task register."""
    posts = [p for r in records if r is not None for p in (r.posts if isinstance(r, OperationSnapshot) else (r,))]
    return _post_change(posts) | Change(registers=frozenset({OPERATIONS}))
