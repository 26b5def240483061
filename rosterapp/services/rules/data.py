"""The plain data the checking engine works on, loaded once from the database.

Times are whole minutes since 2000-01-01 (naive Beijing time): integer comparisons keep the
engine fast at city scale. Rows are mutable slot classes so the engine can index them cheaply.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from rosterapp import reference_data as ref
from rosterapp.models import (
    Absence,
    Detachment,
    Duty,
    DutyAssignment,
    Maintenance,
    Operation,
    Person,
    Position,
    Post,
    PostVehicleRequirement,
    Qualification,
    Rank,
    RuleSetting,
    ShiftType,
    Station,
    Vehicle,
    VehicleDeployment,
    VehicleType,
    person_qualification,
    post_qualification,
)
from rosterapp.services.bulk import bulk_read
from rosterapp.services.dutyday import HANDOVER, load_handover, minutes_of
from rosterapp.services.dutyday import MINUTES_PER_DAY as DAY_MINUTES
from rosterapp.vocab import OFFICE_GRADE

EPOCH = dt.datetime(2000, 1, 1)
WEEK_MINUTES = 7 * DAY_MINUTES
HANDOVER_MINUTES = minutes_of(HANDOVER)  # station duty days run 08:00 -> 08:00 unless the setting says otherwise


def to_min(value: dt.datetime) -> int:
    delta = value - EPOCH
    return delta.days * DAY_MINUTES + delta.seconds // 60


def from_min(minutes: int) -> dt.datetime:
    return EPOCH + dt.timedelta(minutes=minutes)


class Minutes(dict):
    """Stored datetimes (text in SQLite, datetime elsewhere) to engine minutes, each parsed once."""

    def __missing__(self, value):
        moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
        minutes = self[value] = to_min(moment)
        return minutes


def duty_day(minutes: int, handover: int = HANDOVER_MINUTES) -> int:
    """The station duty day (handover to handover) a minute falls in, as a day number."""
    return (minutes - handover) // DAY_MINUTES


def day_number(day: dt.date) -> int:
    return (day - EPOCH.date()).days


@dataclass(slots=True)
class PersonInfo:
    id: int
    staff_no: str
    name: str
    station: int
    detachment: int
    active: bool
    quals: frozenset[int]
    officer: bool  # an officer's rank (指挥员 ranks): may command a vehicle
    position: str | None = None  # 站长, 战斗员, 支队长 ... (reference_data.POSITIONS, OFFICE_POSITIONS)


@dataclass(slots=True)
class VehicleInfo:
    id: int
    plate: str
    call_sign: str
    type_code: str
    station: int
    detachment: int
    seats: int
    in_service: bool
    active: bool
    min_crew: int
    aerial: bool
    driver_qual: int | None


@dataclass(slots=True)
class StationInfo:
    id: int
    name: str
    detachment: int
    min_people: int
    min_vehicles: int
    office: bool = False  # a detachment's staff office (支队机关): its duty roles are 支队值班领导 and 支队总值班


@dataclass(slots=True)
class PostInfo:
    id: int
    code: str
    name: str
    operation: int
    detachment: int
    start: int
    end: int
    rotation: str
    handover: int  # minutes after midnight
    min_people: int
    needs_commander: bool
    vehicle_reqs: dict[str, int]
    quals: frozenset[int]
    windows: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class DutyRec:
    """A roster row that is a duty (休 rows are not loaded)."""

    id: int
    person: int
    start: int
    end: int
    station: int | None
    post: int | None
    vehicle: int | None
    role: str | None


@dataclass(slots=True)
class DeploymentRec:
    id: int
    vehicle: int
    start: int
    end: int
    post: int | None
    station: int | None


@dataclass
class Thresholds:
    """Rule thresholds: global values, readiness-level overrides, per-operation overrides."""

    base: dict[str, float]
    by_readiness: dict[str, dict[str, float]] = field(default_factory=dict)
    by_operation: dict[int, dict[str, float]] = field(default_factory=dict)
    readiness_of: dict[int, str] = field(default_factory=dict)

    def resolve(self, operation: int | None) -> dict[str, float]:
        values = dict(self.base)
        if operation is not None:
            values.update(self.by_readiness.get(self.readiness_of.get(operation, ""), {}))
            values.update(self.by_operation.get(operation, {}))
        return values

    def uniform(self) -> bool:
        """True when every operation uses the global values (no scope needs working out)."""
        return all(self.resolve(op) == self.base for op in self.readiness_of)


@dataclass
class CheckData:
    """Everything the rules look at."""

    people: dict[int, PersonInfo]
    vehicles: dict[int, VehicleInfo]
    stations: dict[int, StationInfo]
    posts: dict[int, PostInfo]
    detachment_codes: dict[int, str]
    duties: dict[int, DutyRec]
    deployments: dict[int, DeploymentRec]
    absences: dict[int, list[tuple[int, int, str]]]
    maintenance: dict[int, list[tuple[int, int, str]]]
    thresholds: Thresholds
    operations: dict[int, tuple[str, int, int]]  # id -> (name, first minute, end minute)
    # The duty book: (station, duty day number) -> {role: person} (vocab.DUTY_ROLE's codes).
    assignments: dict[tuple[int, int], dict[str, int]] = field(default_factory=dict)
    qual_driving: int | None = None
    qual_aerial: int | None = None
    qual_command: int | None = None
    handover: int = HANDOVER_MINUTES  # minutes after midnight when a station's duty day begins

    def operation_at(self, minute: int) -> int | None:
        """The operation running at a time (the latest-starting one when several do)."""
        best = None
        for op_id, (_name, start, end) in self.operations.items():
            if start <= minute < end and (best is None or start > self.operations[best][1]):
                best = op_id
        return best


def post_windows(start: int, end: int, rotation: str, handover: int) -> list[tuple[int, int]]:
    """The shift windows of a post: 24 h from the handover time, or a 12 h day and a 12 h night."""
    step = DAY_MINUTES if rotation == "24h" else DAY_MINUTES // 2
    first = (start - handover) // DAY_MINUTES * DAY_MINUTES + handover
    windows = []
    t = first
    while t < end:
        lo, hi = max(t, start), min(t + step, end)
        if hi > lo:
            windows.append((lo, hi))
        t += step
    return windows


def load_check_data(session: Session, start: dt.datetime | None = None, end: dt.datetime | None = None) -> CheckData:
    """Read everything the rules need; duties and deployments overlapping [start, end) (all when open)."""
    return load_registers(session, start, end, with_rows=True)


def load_registers(session: Session, start: dt.datetime | None = None, end: dt.datetime | None = None,
                   with_rows: bool = False) -> CheckData:
    """The plan without its duties and deployments (the registers, posts and settings), or with them."""
    qual_id = dict(session.execute(select(Qualification.name, Qualification.id)).all())
    det_codes = dict(session.execute(select(Detachment.id, Detachment.code)).all())
    officer = dict(session.execute(select(Rank.id, Rank.is_officer)).all())
    stations = {}
    for sid, name, det, grade, min_p, min_v in session.execute(select(
            Station.id, Station.name, Station.detachment_id, Station.grade, Station.min_people,
            Station.min_vehicles)):
        d_people, d_vehicles = ref.STATION_MINIMUMS.get(grade, (0, 0))
        stations[sid] = StationInfo(sid, name, det, d_people if min_p is None else min_p,
                                    d_vehicles if min_v is None else min_v, grade == OFFICE_GRADE)
    station_det = {sid: s.detachment for sid, s in stations.items()}

    quals: dict[int, set[int]] = {}
    for pid, qid in session.execute(select(person_qualification.c.person_id,
                                           person_qualification.c.qualification_id)):
        quals.setdefault(pid, set()).add(qid)
    positions = dict(session.execute(select(Position.id, Position.name)).all())
    people = {}
    for pid, staff_no, name, sid, active, rank, position in session.execute(select(
            Person.id, Person.staff_no, Person.name, Person.station_id, Person.active, Person.rank_id,
            Person.position_id)):
        people[pid] = PersonInfo(pid, staff_no, name, sid, station_det[sid], active,
                                 frozenset(quals.get(pid, ())), bool(officer.get(rank)), positions.get(position))

    types = {t.id: t for t in session.scalars(select(VehicleType))}
    vehicles = {}
    for vid, plate, call, tid, sid, seats, status, active in session.execute(select(
            Vehicle.id, Vehicle.plate, Vehicle.call_sign, Vehicle.type_id, Vehicle.station_id, Vehicle.seats,
            Vehicle.status, Vehicle.active)):
        t = types[tid]
        vehicles[vid] = VehicleInfo(vid, plate, call, t.code, sid, station_det[sid], seats,
                                    status == "in_service", active, t.min_crew, t.is_aerial,
                                    t.driver_qualification_id)
    type_code = {tid: t.code for tid, t in types.items()}

    day_handover = minutes_of(load_handover(session))
    operations = {}
    readiness_of = {}
    for oid, name, first, last, readiness in session.execute(select(
            Operation.id, Operation.name, Operation.start_date, Operation.end_date, Operation.readiness)):
        operations[oid] = (name, day_number(first) * DAY_MINUTES + day_handover,
                           (day_number(last) + 1) * DAY_MINUTES + day_handover)
        readiness_of[oid] = readiness

    reqs: dict[int, dict[str, int]] = {}
    for post_id, tid, count in session.execute(select(
            PostVehicleRequirement.post_id, PostVehicleRequirement.vehicle_type_id, PostVehicleRequirement.count)):
        reqs.setdefault(post_id, {})[type_code[tid]] = count
    post_quals: dict[int, set[int]] = {}
    for post_id, qid in session.execute(select(post_qualification.c.post_id, post_qualification.c.qualification_id)):
        post_quals.setdefault(post_id, set()).add(qid)
    posts = {}
    for row in session.execute(select(
            Post.id, Post.code, Post.name, Post.operation_id, Post.detachment_id, Post.active_from, Post.active_to,
            Post.rotation, Post.handover_time, Post.min_people, Post.needs_commander)):
        pid, code, name, op, det, a_from, a_to, rotation, handover, min_people, needs_cmd = row
        handover_min = handover.hour * 60 + handover.minute
        p = PostInfo(pid, code, name, op, det, to_min(a_from), to_min(a_to), rotation, handover_min, min_people,
                     needs_cmd, reqs.get(pid, {}), frozenset(post_quals.get(pid, ())))
        p.windows = post_windows(p.start, p.end, rotation, handover_min)
        posts[pid] = p

    duties: dict[int, DutyRec] = {}
    deployments: dict[int, DeploymentRec] = {}
    assignments: dict[tuple[int, int], dict[str, int]] = {}
    if with_rows:
        with bulk_read():
            duties = {d.id: d for d in read_duties(session, duty_query(start, end))}
            deployments = {d.id: d for d in read_deployments(session, deployment_query(start, end))}
            assignments = read_assignments(session, assignment_query(start, end))

    absences: dict[int, list[tuple[int, int, str]]] = {}
    for pid, kind, s, e in session.execute(select(Absence.person_id, Absence.kind, Absence.start, Absence.end)):
        absences.setdefault(pid, []).append((to_min(s), to_min(e), kind))
    maintenance: dict[int, list[tuple[int, int, str]]] = {}
    for vid, s, e, reason in session.execute(select(Maintenance.vehicle_id, Maintenance.start, Maintenance.end,
                                                    Maintenance.reason)):
        maintenance.setdefault(vid, []).append((to_min(s), to_min(e), reason))

    return CheckData(
        people=people, vehicles=vehicles, stations=stations, posts=posts, detachment_codes=det_codes,
        duties=duties, deployments=deployments, absences=absences, maintenance=maintenance,
        thresholds=load_thresholds(session, readiness_of), operations=operations, assignments=assignments,
        qual_driving=qual_id.get(ref.DRIVING), qual_aerial=qual_id.get(ref.AERIAL_OPERATION),
        qual_command=qual_id.get(ref.COMMAND), handover=day_handover,
    )


DUTY_C = Duty.__table__.c
DEPLOY_C = VehicleDeployment.__table__.c
ASSIGN_C = DutyAssignment.__table__.c


def duty_query(start: dt.datetime | None = None, end: dt.datetime | None = None):
    """Roster rows that are duties (not 休), overlapping [start, end) when given."""
    c = DUTY_C
    query = (select(c.id, c.person_id, c.start, c.end, c.station_id, c.post_id, c.vehicle_id, c.role)
             .join(ShiftType.__table__, ShiftType.id == c.shift_type_id).where(ShiftType.is_duty))
    if start is not None:
        query = query.where(DUTY_C.end > start)
    if end is not None:
        query = query.where(DUTY_C.start < end)
    return query


def deployment_query(start: dt.datetime | None = None, end: dt.datetime | None = None):
    c = DEPLOY_C
    query = select(c.id, c.vehicle_id, c.start, c.end, c.post_id, c.station_id)
    if start is not None:
        query = query.where(DEPLOY_C.end > start)
    if end is not None:
        query = query.where(DEPLOY_C.start < end)
    return query


def assignment_query(start: dt.datetime | None = None, end: dt.datetime | None = None):
    """The duty book's assignments of the duty days that [start, end) reaches into (a day more on each
    side, whatever the handover time): the days whose duties a check over [start, end) reads."""
    c = ASSIGN_C
    query = select(c.station_id, c.day, c.role, c.person_id)
    if start is not None:
        query = query.where(c.day >= start.date() - dt.timedelta(days=1))
    if end is not None:
        query = query.where(c.day <= end.date())
    return query


def read_assignments(session: Session, query) -> dict[tuple[int, int], dict[str, int]]:
    """(station, duty day number) -> {role: person} of the assignments a query selects."""
    out: dict[tuple[int, int], dict[str, int]] = {}
    epoch = EPOCH.date()
    for sid, day, role, person in session.execute(query):
        if isinstance(day, str):
            day = dt.date.fromisoformat(day)
        out.setdefault((sid, (day - epoch).days), {})[role] = person
    return out


def read_duties(session: Session, query) -> list[DutyRec]:
    return [DutyRec(did, person, to_min(s), to_min(e), station, post, vehicle, role)
            for did, person, s, e, station, post, vehicle, role in session.execute(query)]


def read_deployments(session: Session, query) -> list[DeploymentRec]:
    return [DeploymentRec(did, vehicle, to_min(s), to_min(e), post, station)
            for did, vehicle, s, e, post, station in session.execute(query)]


def load_thresholds(session: Session, readiness_of: dict[int, str]) -> Thresholds:
    """The rule settings kept in the database, over the built-in defaults."""
    t = Thresholds(base=dict(ref.RULE_DEFAULTS), readiness_of=readiness_of)
    for key, value, op, readiness in session.execute(select(
            RuleSetting.key, RuleSetting.value, RuleSetting.operation_id, RuleSetting.readiness)):
        if op is not None:
            t.by_operation.setdefault(op, {})[key] = value
        elif readiness is not None:
            t.by_readiness.setdefault(readiness, {})[key] = value
        else:
            t.base[key] = value
    return t
