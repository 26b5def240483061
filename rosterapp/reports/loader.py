"""Everything the sheets of a date range need, read in a handful of bulk queries and indexed by duty day.

Printing a month of a detachment's sheets at city scale must take seconds, so nothing here
queries per sheet: the registers (people, vehicles, posts) are read whole (a few thousand rows),
and the duties, absences and deployments of the range only for the stations and posts printed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from rosterapp.models import (
    Absence,
    Detachment,
    Duty,
    DutyAssignment,
    Handover,
    Maintenance,
    Operation,
    Person,
    Position,
    Post,
    PostVehicleRequirement,
    Qualification,
    Rank,
    ShiftType,
    Station,
    Vehicle,
    VehicleDeployment,
    VehicleType,
    post_qualification,
)
from rosterapp.services.bulk import bulk_read
from rosterapp.services.dutyday import DAY, duty_days, duty_window, load_handover

READINESS_ORDER = ("routine", "level3", "level2", "level1")


@dataclass(frozen=True, slots=True)
class DetachmentInfo:
    id: int
    code: str
    name: str
    short_name: str


@dataclass(frozen=True, slots=True)
class StationInfo:
    id: int
    name: str
    short_name: str
    grade: str
    detachment_id: int


@dataclass(frozen=True, slots=True)
class PersonInfo:
    id: int
    name: str
    station_id: int
    position: str
    rank: str
    officer: bool
    phone: str
    active: bool


@dataclass(frozen=True, slots=True)
class VehicleInfo:
    id: int
    plate: str
    call_sign: str
    type_code: str
    type_name: str
    station_id: int
    status: str
    active: bool
    water_t: float = 0.0
    foam_t: float = 0.0
    powder_kg: float = 0.0


@dataclass(frozen=True, slots=True)
class HandoverInfo:
    """A station day's handover record as kept: the items' text and the time of handover."""

    vehicles: str
    equipment: str
    comms: str
    safety: str
    notes: str
    handed_over_at: dt.time | None


@dataclass(frozen=True, slots=True)
class OperationInfo:
    id: int
    name: str
    start_date: dt.date
    end_date: dt.date
    readiness: str


@dataclass(frozen=True, slots=True)
class PostInfo:
    id: int
    code: str
    name: str
    operation_id: int
    post_type: str
    duty_mode: str
    detachment_id: int
    station_id: int | None
    address: str
    radio_channel: str
    arrival_minutes: int | None
    active_from: dt.datetime
    active_to: dt.datetime
    rotation: str
    handover: dt.time
    min_people: int
    needs_commander: bool
    remarks: str
    vehicles: tuple[tuple[str, int], ...]
    qualifications: tuple[str, ...]

    def windows(self, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        """The shift windows of duty day ``day`` at this post: one of 24 h, or a 12 h day and night."""
        start = dt.datetime.combine(day, self.handover)
        bounds = [start, start + DAY] if self.rotation == "24h" else [start, start + DAY / 2, start + DAY]
        windows = []
        for lo, hi in zip(bounds, bounds[1:], strict=False):
            lo, hi = max(lo, self.active_from), min(hi, self.active_to)
            if hi > lo:
                windows.append((lo, hi))
        return windows

    def active_on(self, day: dt.date) -> bool:
        return bool(self.windows(day))


@dataclass(frozen=True, slots=True)
class DutyRow:
    person_id: int
    start: dt.datetime
    end: dt.datetime
    shift_code: str
    station_id: int | None
    post_id: int | None
    vehicle_id: int | None
    role: str | None


@dataclass(frozen=True, slots=True)
class AbsenceRow:
    person_id: int
    kind: str
    start: dt.datetime
    end: dt.datetime
    note: str


@dataclass(frozen=True, slots=True)
class DeploymentRow:
    vehicle_id: int
    start: dt.datetime
    end: dt.datetime
    post_id: int | None
    station_id: int | None


@dataclass(frozen=True, slots=True)
class MaintenanceRow:
    vehicle_id: int
    start: dt.datetime
    end: dt.datetime
    reason: str


def overlaps(start: dt.datetime, end: dt.datetime, lo: dt.datetime, hi: dt.datetime) -> bool:
    return start < hi and lo < end


class SheetData:
    """The registers and the plan of [first, last] for some stations and posts, indexed by duty day."""

    def __init__(self, session: Session, first: dt.date, last: dt.date, *,
                 station_ids: Iterable[int] = (), post_ids: Iterable[int] = ()):
        self.first, self.last = first, last
        self.handover = load_handover(session)
        self._read_registers(session)
        stations = set(station_ids)
        # Posts a printed station dispatches are read whole, so their sheets show every crew there.
        posts = set(post_ids) | {p.id for p in self.posts.values() if p.station_id in stations}
        self.focus_posts = posts
        lo = dt.datetime.combine(first, self.handover)
        hi = dt.datetime.combine(last, self.handover) + DAY
        with bulk_read():
            self._read_plan(session, lo, hi, stations, posts)

    # -- reading --------------------------------------------------------------------------------
    def _read_registers(self, session: Session) -> None:
        self.detachments = {r[0]: DetachmentInfo(*r) for r in session.execute(
            select(Detachment.id, Detachment.code, Detachment.name, Detachment.short_name)
            .order_by(Detachment.sort_order, Detachment.id))}
        self.stations = {r[0]: StationInfo(*r) for r in session.execute(
            select(Station.id, Station.name, Station.short_name, Station.grade, Station.detachment_id)
            .join(Detachment, Detachment.id == Station.detachment_id)
            .order_by(Detachment.sort_order, Detachment.id, Station.sort_order, Station.id))}
        positions = dict(session.execute(select(Position.id, Position.name)).all())
        ranks = {rid: (name, officer) for rid, name, officer in session.execute(
            select(Rank.id, Rank.name, Rank.is_officer))}
        self.people = {}
        for pid, name, sid, pos, rank, phone, active in session.execute(select(
                Person.id, Person.name, Person.station_id, Person.position_id, Person.rank_id, Person.phone,
                Person.active)):
            rank_name, officer = ranks.get(rank, ("", False))
            self.people[pid] = PersonInfo(pid, name, sid, positions.get(pos, ""), rank_name, officer, phone or "",
                                          active)
        types = {tid: (code, name) for tid, code, name in session.execute(
            select(VehicleType.id, VehicleType.code, VehicleType.name))}
        self.vehicles = {}
        for vid, plate, call, tid, sid, status, active, water, foam, powder in session.execute(select(
                Vehicle.id, Vehicle.plate, Vehicle.call_sign, Vehicle.type_id, Vehicle.station_id, Vehicle.status,
                Vehicle.active, Vehicle.water_t, Vehicle.foam_t, Vehicle.powder_kg).order_by(Vehicle.id)):
            code, type_name = types[tid]
            self.vehicles[vid] = VehicleInfo(vid, plate, call or "", code, type_name, sid, status, active,
                                             water or 0.0, foam or 0.0, powder or 0.0)
        self.operations = [OperationInfo(*r) for r in session.execute(select(
            Operation.id, Operation.name, Operation.start_date, Operation.end_date, Operation.readiness)
            .order_by(Operation.start_date, Operation.id))]
        self.operation_names = {op.id: op.name for op in self.operations}
        requirements: dict[int, list[tuple[str, int]]] = defaultdict(list)
        for post_id, tid, count in session.execute(select(
                PostVehicleRequirement.post_id, PostVehicleRequirement.vehicle_type_id,
                PostVehicleRequirement.count).order_by(PostVehicleRequirement.id)):
            requirements[post_id].append((types[tid][1], count))
        qualifications: dict[int, list[str]] = defaultdict(list)
        for post_id, name in session.execute(select(post_qualification.c.post_id, Qualification.name).join(
                Qualification, Qualification.id == post_qualification.c.qualification_id)):
            qualifications[post_id].append(name)
        self.posts = {}
        for row in session.execute(select(
                Post.id, Post.code, Post.name, Post.operation_id, Post.post_type, Post.duty_mode,
                Post.detachment_id, Post.station_id, Post.address, Post.radio_channel, Post.arrival_minutes,
                Post.active_from, Post.active_to, Post.rotation, Post.handover_time, Post.min_people,
                Post.needs_commander, Post.remarks).order_by(Post.code, Post.id)):
            self.posts[row[0]] = PostInfo(*row, tuple(requirements.get(row[0], ())),
                                          tuple(sorted(qualifications.get(row[0], ()))))

    def _read_plan(self, session: Session, lo: dt.datetime, hi: dt.datetime, stations: set[int],
                   posts: set[int]) -> None:
        home_people = select(Person.id).where(Person.station_id.in_(stations))
        home_vehicles = select(Vehicle.id).where(Vehicle.station_id.in_(stations))
        # A 夜 that began the evening before, or a long shift, still reaches into the first day.
        early = lo - 2 * DAY
        duty = (select(Duty.person_id, Duty.start, Duty.end, ShiftType.code, Duty.station_id, Duty.post_id,
                       Duty.vehicle_id, Duty.role)
                .join(ShiftType, ShiftType.id == Duty.shift_type_id)
                .where(ShiftType.is_duty, Duty.start < hi, Duty.end > lo, Duty.start >= early,
                       or_(Duty.station_id.in_(stations), Duty.post_id.in_(posts), Duty.person_id.in_(home_people)))
                .order_by(Duty.start, Duty.id))
        self.station_duties: dict[tuple[int, dt.date], list[DutyRow]] = defaultdict(list)
        self.post_duties: dict[int, list[DutyRow]] = defaultdict(list)
        # Whom of a station's own people are on duty anywhere, per day: its strength (实在).
        self.on_duty: dict[tuple[int, dt.date], set[int]] = defaultdict(set)
        self.at_posts: dict[tuple[int, dt.date], set[int]] = defaultdict(set)
        self.home_posts: dict[tuple[int, dt.date], set[int]] = defaultdict(set)
        for row in session.execute(duty):
            d = DutyRow(*row)
            home = self.people[d.person_id].station_id
            days = duty_days(d.start, d.end, self.handover)
            if d.post_id is not None:
                self.post_duties[d.post_id].append(d)
            for day in days:
                if d.station_id is not None:
                    self.station_duties[d.station_id, day].append(d)
                self.on_duty[home, day].add(d.person_id)
                if d.post_id is not None:
                    self.at_posts[home, day].add(d.person_id)
                    self.home_posts[home, day].add(d.post_id)

        self.absences: dict[tuple[int, dt.date], list[AbsenceRow]] = defaultdict(list)
        for row in session.execute(
                select(Absence.person_id, Absence.kind, Absence.start, Absence.end, Absence.note)
                .where(Absence.start < hi, Absence.end > lo, Absence.person_id.in_(home_people))
                .order_by(Absence.start, Absence.id)):
            a = AbsenceRow(*row)
            for day in duty_days(max(a.start, lo), min(a.end, hi), self.handover):
                self.absences[self.people[a.person_id].station_id, day].append(a)

        self.deployments: dict[int, list[DeploymentRow]] = defaultdict(list)
        self.post_deployments: dict[int, list[DeploymentRow]] = defaultdict(list)
        self.lent_in: dict[int, list[DeploymentRow]] = defaultdict(list)
        for row in session.execute(
                select(VehicleDeployment.vehicle_id, VehicleDeployment.start, VehicleDeployment.end,
                       VehicleDeployment.post_id, VehicleDeployment.station_id)
                .where(VehicleDeployment.start < hi, VehicleDeployment.end > lo,
                       or_(VehicleDeployment.vehicle_id.in_(home_vehicles), VehicleDeployment.post_id.in_(posts),
                           VehicleDeployment.station_id.in_(stations)))
                .order_by(VehicleDeployment.start, VehicleDeployment.id)):
            d = DeploymentRow(*row)
            self.deployments[d.vehicle_id].append(d)
            if d.post_id is not None:
                self.post_deployments[d.post_id].append(d)
            if d.station_id is not None:
                self.lent_in[d.station_id].append(d)

        # The duty book: who was assigned each role of a duty day (the day after the last too, whose
        # 带班领导 takes over at the handover), at the stations printed and their detachments' offices.
        detachments = {self.stations[sid].detachment_id for sid in stations if sid in self.stations}
        book_stations = stations | {sid for sid, st in self.stations.items()
                                    if st.grade == "office" and st.detachment_id in detachments}
        self.assignments: dict[tuple[int, dt.date], dict[str, int]] = defaultdict(dict)
        for sid, day, role, pid in session.execute(
                select(DutyAssignment.station_id, DutyAssignment.day, DutyAssignment.role, DutyAssignment.person_id)
                .where(DutyAssignment.station_id.in_(book_stations), DutyAssignment.day >= self.first,
                       DutyAssignment.day <= self.last + DAY)):
            self.assignments[sid, day][role] = pid
        self.handovers: dict[tuple[int, dt.date], HandoverInfo] = {}
        for sid, day, *items in session.execute(
                select(Handover.station_id, Handover.day, Handover.vehicles, Handover.equipment, Handover.comms,
                       Handover.safety, Handover.notes, Handover.handed_over_at)
                .where(Handover.station_id.in_(stations), Handover.day >= self.first, Handover.day <= self.last)):
            self.handovers[sid, day] = HandoverInfo(*(v or "" for v in items[:5]), items[5])

        self.maintenance: dict[int, list[MaintenanceRow]] = defaultdict(list)
        for row in session.execute(
                select(Maintenance.vehicle_id, Maintenance.start, Maintenance.end, Maintenance.reason)
                .where(Maintenance.start < hi, Maintenance.end > lo)
                .order_by(Maintenance.start, Maintenance.id)):
            self.maintenance[row[0]].append(MaintenanceRow(*row))

    # -- questions the sheets ask -----------------------------------------------------------------
    def window(self, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
        return duty_window(day, self.handover)

    def readiness(self, day: dt.date) -> tuple[str, OperationInfo | None]:
        """The readiness level of a day: the highest of the operations running, else routine."""
        running = [op for op in self.operations if op.start_date <= day <= op.end_date]
        if not running:
            return "routine", None
        best = max(running, key=lambda op: READINESS_ORDER.index(op.readiness)
                   if op.readiness in READINESS_ORDER else 0)
        return best.readiness, best

    def assigned(self, station_id: int, day: dt.date, role: str) -> PersonInfo | None:
        """Whom the duty book names for ``role`` on duty day ``day`` at the station (or office)."""
        pid = self.assignments.get((station_id, day), {}).get(role)
        return self.people.get(pid) if pid is not None else None

    def office_of(self, detachment_id: int) -> int | None:
        """The detachment's staff office (支队机关), a station of grade office."""
        return next((sid for sid, st in self.stations.items()
                     if st.detachment_id == detachment_id and st.grade == "office"), None)

    def station_vehicles(self, station_id: int) -> list[VehicleInfo]:
        return [v for v in self.vehicles.values() if v.station_id == station_id and v.active]

    def station_people(self, station_id: int) -> list[PersonInfo]:
        return [p for p in self.people.values() if p.station_id == station_id and p.active]

    def deployments_of(self, vehicle_id: int, lo: dt.datetime, hi: dt.datetime) -> list[DeploymentRow]:
        return [d for d in self.deployments.get(vehicle_id, ()) if overlaps(d.start, d.end, lo, hi)]

    def maintenance_of(self, vehicle_id: int, lo: dt.datetime, hi: dt.datetime) -> list[MaintenanceRow]:
        return [m for m in self.maintenance.get(vehicle_id, ()) if overlaps(m.start, m.end, lo, hi)]

    def post_duties_in(self, post_id: int, lo: dt.datetime, hi: dt.datetime) -> list[DutyRow]:
        return [d for d in self.post_duties.get(post_id, ()) if overlaps(d.start, d.end, lo, hi)]

    def post_vehicles_in(self, post_id: int, lo: dt.datetime, hi: dt.datetime) -> list[int]:
        """Vehicles standing at a post in a window: deployed there, or crewed there."""
        found = [d.vehicle_id for d in self.post_deployments.get(post_id, ()) if overlaps(d.start, d.end, lo, hi)]
        found += [d.vehicle_id for d in self.post_duties_in(post_id, lo, hi) if d.vehicle_id is not None]
        return list(dict.fromkeys(found))

    def posts_of_station(self, station_id: int, day: dt.date) -> list[PostInfo]:
        """Posts a station staffs on a day: it dispatches them, or its people are on duty there."""
        staffed = self.home_posts.get((station_id, day), set())
        return [p for p in self.posts.values()
                if (p.station_id == station_id or p.id in staffed) and p.active_on(day)]
