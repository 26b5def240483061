"""The registers of people and vehicles, with absences and maintenance windows."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from rosterapp import reference_data, vocab
from rosterapp.errors import Conflict, FieldError, NotFound, ValidationError
from rosterapp.i18n import tr
from rosterapp.models import (
    Absence,
    Detachment,
    Duty,
    Maintenance,
    Person,
    Position,
    Qualification,
    Rank,
    Station,
    Vehicle,
    VehicleDeployment,
    VehicleType,
    person_qualification,
)

T = TypeVar("T")

_PHONE = re.compile(r"1[0-9]{10}")
_PHONE_SEPARATORS = re.compile(r"[\s\-]")


# Small helpers the other services share.

def clean_text(text: str | None) -> str:
    """``text`` without surrounding whitespace (str.strip also removes the full-width U+3000)."""
    return (text or "").strip()


def clean_code(text: str | None) -> str:
    """A typed code (staff number, plate, post code) with full-width letters and digits folded.

    Chinese input methods often type ０-９ and Ａ-Ｚ; without folding, "０１２" and "012" would
    pass as two different staff numbers.
    """
    return unicodedata.normalize("NFKC", text or "").strip()


def clean_phone(text: str | None) -> str:
    """A typed phone number with full-width digits folded and spaces and dashes dropped."""
    return _PHONE_SEPARATORS.sub("", clean_code(text))


def phone_is_valid(text: str | None) -> bool:
    """Empty, or a mobile number: 11 digits starting with 1 (after ``clean_phone``)."""
    phone = clean_phone(text)
    return not phone or _PHONE.fullmatch(phone) is not None


HANDOVER = dt.time(8, 0)


def duty_day_start(value: dt.date) -> dt.datetime:
    """A datetime as is; a plain date as its 08:00 handover, when a duty day begins.

    Leave and maintenance given as dates run from handover to handover, like the duty days
    they take out: a 值 ending at 08:00 on the first day of leave does not clash with it.
    """
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, HANDOVER)


def duty_day_end(value: dt.date) -> dt.datetime:
    """A datetime as is; a plain date as the 08:00 handover after it, so that the duty day is included."""
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value + dt.timedelta(days=1), HANDOVER)


def get_or_not_found(session: Session, model: type[T], obj_id: int, message: str) -> T:
    """The row ``obj_id`` of ``model``; NotFound with ``message`` (an ``Unknown …: {name}``) otherwise."""
    obj = session.get(model, obj_id)
    if obj is None:
        raise NotFound(tr(message, name=obj_id))
    return obj


def check_ref(session: Session, errors: list[FieldError], field: str, model: type, obj_id: int | None,
              message: str, *, required_label: str | None = None) -> None:
    """Record an error when ``obj_id`` names no row; ``required_label`` makes None an error too."""
    if obj_id is None:
        if required_label is not None:
            errors.append(FieldError(field, tr("{field} must not be empty.", field=tr(required_label))))
        return
    if session.get(model, obj_id) is None:
        errors.append(FieldError(field, tr(message, name=obj_id)))


def check_code(errors: list[FieldError], field: str, labels: vocab.Labels, value: str | None,
               message: str) -> None:
    """Record an error when ``value`` is not one of the vocabulary's codes."""
    if value not in labels:
        errors.append(FieldError(field, tr(message, name=value)))


def check_interval(errors: list[FieldError], start: dt.datetime, end: dt.datetime) -> None:
    if end <= start:
        errors.append(FieldError("end", tr("The end must be after the start.")))


def is_whole(value: object, minimum: int, maximum: int | None = None) -> bool:
    """``value`` is an int (not a bool) within [minimum, maximum]."""
    if not isinstance(value, int) or isinstance(value, bool):
        return False
    return value >= minimum and (maximum is None or value <= maximum)


def raise_if(errors: list[FieldError]) -> None:
    if errors:
        raise ValidationError(errors)


# People.

@dataclass(frozen=True, kw_only=True)
class PersonData:
    """What a clerk enters for a person."""

    staff_no: str
    name: str
    station_id: int
    sex: str | None = None
    birth_date: dt.date | None = None
    rank_id: int | None = None
    position_id: int | None = None
    phone: str = ""
    qualification_ids: tuple[int, ...] = ()
    active: bool = True


@dataclass(frozen=True)
class PersonRow:
    """A person as the register lists them, with names resolved."""

    id: int
    staff_no: str
    name: str
    sex: str | None
    birth_date: dt.date | None
    rank: str | None
    position: str | None
    phone: str
    station_id: int
    station: str
    detachment_id: int
    detachment: str
    qualifications: tuple[str, ...]
    active: bool


@dataclass(frozen=True)
class AbsenceRow:
    id: int
    person_id: int
    kind: str
    start: dt.datetime
    end: dt.datetime
    note: str


def _person_values(session: Session, data: PersonData,
                   person_id: int | None) -> tuple[dict[str, Any], list[Qualification]]:
    """The cleaned column values and qualifications of ``data``; every bad field at once."""
    errors: list[FieldError] = []
    staff_no = clean_code(data.staff_no)
    name = clean_text(data.name)
    phone = clean_phone(data.phone)
    sex = data.sex or None
    if not staff_no:
        errors.append(FieldError("staff_no", tr("{field} must not be empty.", field=tr("staff number"))))
    else:
        holder = session.execute(
            select(Person.id, Person.name).where(Person.staff_no == staff_no)).first()
        if holder is not None and holder.id != person_id:
            errors.append(FieldError("staff_no", tr("Staff number {value} is already used by {name}.",
                                                    value=staff_no, name=holder.name)))
    if not name:
        errors.append(FieldError("name", tr("{field} must not be empty.", field=tr("name"))))
    if sex is not None:
        check_code(errors, "sex", vocab.SEX, sex, "Unknown sex: {name}")
    if data.birth_date is not None and data.birth_date > dt.date.today():
        errors.append(FieldError("birth_date", tr("The birth date must not be in the future.")))
    if not phone_is_valid(phone):
        errors.append(FieldError("phone", tr("The phone number must have 11 digits and start with 1.")))
    check_ref(session, errors, "station_id", Station, data.station_id, "Unknown station: {name}",
              required_label="station")
    check_ref(session, errors, "rank_id", Rank, data.rank_id, "Unknown rank: {name}")
    check_ref(session, errors, "position_id", Position, data.position_id, "Unknown position: {name}")
    wanted = set(data.qualification_ids)
    quals = list(session.scalars(select(Qualification).where(Qualification.id.in_(wanted)))) if wanted else []
    for missing in sorted(wanted - {q.id for q in quals}):
        errors.append(FieldError("qualification_ids", tr("Unknown qualification: {name}", name=missing)))
    raise_if(errors)
    values = dict(staff_no=staff_no, name=name, station_id=data.station_id, sex=sex,
                  birth_date=data.birth_date, rank_id=data.rank_id, position_id=data.position_id,
                  phone=phone, active=data.active)
    return values, quals


def list_people(session: Session, *, detachment_id: int | None = None, station_id: int | None = None,
                active: bool | None = None) -> list[PersonRow]:
    """People in detachment, station and staff-number order; two queries whatever the count."""
    conditions = []
    if detachment_id is not None:
        conditions.append(Station.detachment_id == detachment_id)
    if station_id is not None:
        conditions.append(Person.station_id == station_id)
    if active is not None:
        conditions.append(Person.active == active)
    quals: dict[int, list[str]] = defaultdict(list)
    pq = person_qualification.c
    for person_id, qual in session.execute(
        select(pq.person_id, Qualification.name)
        .join(Qualification, Qualification.id == pq.qualification_id)
        .join(Person, Person.id == pq.person_id)
        .join(Station, Station.id == Person.station_id)
        .where(*conditions)
        .order_by(pq.person_id, Qualification.id)
    ):
        quals[person_id].append(qual)
    rows = session.execute(
        select(Person.id, Person.staff_no, Person.name, Person.sex, Person.birth_date,
               Rank.name.label("rank"), Position.name.label("position"), Person.phone, Person.station_id,
               Station.name.label("station"), Station.detachment_id, Detachment.name.label("detachment"),
               Person.active)
        .join(Station, Station.id == Person.station_id)
        .join(Detachment, Detachment.id == Station.detachment_id)
        .outerjoin(Rank, Rank.id == Person.rank_id)
        .outerjoin(Position, Position.id == Person.position_id)
        .where(*conditions)
        .order_by(Detachment.sort_order, Station.sort_order, Person.staff_no)
    )
    return [PersonRow(*r[:12], tuple(quals.get(r.id, ())), r.active) for r in rows]


def get_person(session: Session, person_id: int) -> PersonData:
    """A person's editable data, to fill the edit dialog."""
    p = get_or_not_found(session, Person, person_id, "Unknown person: {name}")
    return PersonData(staff_no=p.staff_no, name=p.name, station_id=p.station_id, sex=p.sex,
                      birth_date=p.birth_date, rank_id=p.rank_id, position_id=p.position_id, phone=p.phone,
                      qualification_ids=tuple(sorted(q.id for q in p.qualifications)), active=p.active)


def create_person(session: Session, data: PersonData) -> int:
    values, quals = _person_values(session, data, None)
    person = Person(**values, qualifications=quals)
    session.add(person)
    session.flush()
    return person.id


def update_person(session: Session, person_id: int, data: PersonData) -> None:
    person = get_or_not_found(session, Person, person_id, "Unknown person: {name}")
    values, quals = _person_values(session, data, person_id)
    for key, value in values.items():
        setattr(person, key, value)
    person.qualifications = quals
    session.flush()


def _set_person_active(session: Session, person_id: int, active: bool) -> None:
    get_or_not_found(session, Person, person_id, "Unknown person: {name}").active = active
    session.flush()


def deactivate_person(session: Session, person_id: int) -> None:
    _set_person_active(session, person_id, False)


def reactivate_person(session: Session, person_id: int) -> None:
    _set_person_active(session, person_id, True)


def delete_person(session: Session, person_id: int) -> None:
    """Delete a person entered by mistake; one with duties on record must be deactivated instead."""
    person = get_or_not_found(session, Person, person_id, "Unknown person: {name}")
    if session.scalar(select(exists().where(Duty.person_id == person_id))):
        raise Conflict(tr("{name} has duties on record and cannot be deleted; deactivate instead.",
                          name=person.name))
    session.delete(person)
    session.flush()


# Absences.

def add_absence(session: Session, person_id: int, kind: str, start: dt.date, end: dt.date,
                note: str = "") -> int:
    """Record an absence over [start, end); plain dates mean whole days, both included."""
    get_or_not_found(session, Person, person_id, "Unknown person: {name}")
    begin, finish = duty_day_start(start), duty_day_end(end)
    errors: list[FieldError] = []
    check_code(errors, "kind", vocab.ABSENCE_KIND, kind, "Unknown absence kind: {name}")
    check_interval(errors, begin, finish)
    raise_if(errors)
    absence = Absence(person_id=person_id, kind=kind, start=begin, end=finish, note=clean_text(note))
    session.add(absence)
    session.flush()
    return absence.id


def remove_absence(session: Session, absence_id: int) -> None:
    session.delete(get_or_not_found(session, Absence, absence_id, "Unknown absence: {name}"))
    session.flush()


def list_absences(session: Session, *, person_id: int | None = None, start: dt.date | None = None,
                  end: dt.date | None = None) -> list[AbsenceRow]:
    """Absences of a person and/or overlapping [start, end) (dates: whole days), by start."""
    query = select(Absence.id, Absence.person_id, Absence.kind, Absence.start, Absence.end, Absence.note)
    if person_id is not None:
        query = query.where(Absence.person_id == person_id)
    if start is not None:
        query = query.where(Absence.end > duty_day_start(start))
    if end is not None:
        query = query.where(Absence.start < duty_day_end(end))
    return [AbsenceRow(*r) for r in session.execute(query.order_by(Absence.start, Absence.id))]


# Vehicles.

@dataclass(frozen=True, kw_only=True)
class VehicleData:
    """What a clerk enters for a vehicle; seats None means the vehicle type's default."""

    plate: str
    call_sign: str
    type_id: int
    station_id: int
    seats: int | None = None
    status: str = "in_service"
    active: bool = True


@dataclass(frozen=True)
class VehicleRow:
    id: int
    plate: str
    call_sign: str
    type_id: int
    type_code: str
    type_name: str
    seats: int
    status: str
    station_id: int
    station: str
    detachment_id: int
    detachment: str
    active: bool


@dataclass(frozen=True)
class MaintenanceRow:
    id: int
    vehicle_id: int
    start: dt.datetime
    end: dt.datetime
    reason: str


def _vehicle_values(session: Session, data: VehicleData, vehicle_id: int | None) -> dict[str, Any]:
    errors: list[FieldError] = []
    plate = clean_code(data.plate)
    if not plate:
        errors.append(FieldError("plate", tr("{field} must not be empty.", field=tr("plate"))))
    else:
        holder = session.scalar(select(Vehicle.id).where(Vehicle.plate == plate))
        if holder is not None and holder != vehicle_id:
            errors.append(FieldError("plate", tr("Plate {value} is already registered.", value=plate)))
    vtype = session.get(VehicleType, data.type_id) if data.type_id is not None else None
    check_ref(session, errors, "type_id", VehicleType, data.type_id, "Unknown vehicle type: {name}",
              required_label="vehicle type")
    check_ref(session, errors, "station_id", Station, data.station_id, "Unknown station: {name}",
              required_label="station")
    check_code(errors, "status", vocab.VEHICLE_STATUS, data.status, "Unknown vehicle status: {name}")
    seats = data.seats
    if seats is None and vtype is not None:
        seats = vtype.default_seats
    elif seats is not None and not is_whole(seats, 1, 12):
        errors.append(FieldError("seats", tr("Seats must be a whole number from 1 to 12.")))
    raise_if(errors)
    return dict(plate=plate, call_sign=clean_text(data.call_sign), type_id=data.type_id,
                station_id=data.station_id, seats=seats, status=data.status, active=data.active)


def list_vehicles(session: Session, *, detachment_id: int | None = None, station_id: int | None = None,
                  active: bool | None = None) -> list[VehicleRow]:
    """Vehicles in detachment, station and call-sign order, in one query."""
    query = (
        select(Vehicle.id, Vehicle.plate, Vehicle.call_sign, Vehicle.type_id, VehicleType.code,
               VehicleType.name.label("type_name"), Vehicle.seats, Vehicle.status, Vehicle.station_id,
               Station.name.label("station"), Station.detachment_id, Detachment.name.label("detachment"),
               Vehicle.active)
        .join(VehicleType, VehicleType.id == Vehicle.type_id)
        .join(Station, Station.id == Vehicle.station_id)
        .join(Detachment, Detachment.id == Station.detachment_id)
        .order_by(Detachment.sort_order, Station.sort_order, Vehicle.call_sign, Vehicle.plate)
    )
    if detachment_id is not None:
        query = query.where(Station.detachment_id == detachment_id)
    if station_id is not None:
        query = query.where(Vehicle.station_id == station_id)
    if active is not None:
        query = query.where(Vehicle.active == active)
    return [VehicleRow(*r) for r in session.execute(query)]


def get_vehicle(session: Session, vehicle_id: int) -> VehicleData:
    v = get_or_not_found(session, Vehicle, vehicle_id, "Unknown vehicle: {name}")
    return VehicleData(plate=v.plate, call_sign=v.call_sign, type_id=v.type_id, station_id=v.station_id,
                       seats=v.seats, status=v.status, active=v.active)


def create_vehicle(session: Session, data: VehicleData) -> int:
    vehicle = Vehicle(**_vehicle_values(session, data, None))
    session.add(vehicle)
    session.flush()
    return vehicle.id


def update_vehicle(session: Session, vehicle_id: int, data: VehicleData) -> None:
    vehicle = get_or_not_found(session, Vehicle, vehicle_id, "Unknown vehicle: {name}")
    for key, value in _vehicle_values(session, data, vehicle_id).items():
        setattr(vehicle, key, value)
    session.flush()


def deactivate_vehicle(session: Session, vehicle_id: int) -> None:
    get_or_not_found(session, Vehicle, vehicle_id, "Unknown vehicle: {name}").active = False
    session.flush()


def delete_vehicle(session: Session, vehicle_id: int) -> None:
    """Delete a vehicle entered by mistake; one with crews or deployments on record is deactivated."""
    vehicle = get_or_not_found(session, Vehicle, vehicle_id, "Unknown vehicle: {name}")
    used = session.scalar(select(
        exists().where(Duty.vehicle_id == vehicle_id)
        | exists().where(VehicleDeployment.vehicle_id == vehicle_id)
    ))
    if used:
        raise Conflict(tr("{name} has duties or deployments on record and cannot be deleted; "
                          "deactivate instead.", name=vehicle.plate))
    session.delete(vehicle)
    session.flush()


# Maintenance windows.

def add_maintenance(session: Session, vehicle_id: int, start: dt.date, end: dt.date, reason: str = "") -> int:
    """Take a vehicle out over [start, end); plain dates mean whole days, both included."""
    get_or_not_found(session, Vehicle, vehicle_id, "Unknown vehicle: {name}")
    begin, finish = duty_day_start(start), duty_day_end(end)
    errors: list[FieldError] = []
    check_interval(errors, begin, finish)
    raise_if(errors)
    window = Maintenance(vehicle_id=vehicle_id, start=begin, end=finish, reason=clean_text(reason))
    session.add(window)
    session.flush()
    return window.id


def remove_maintenance(session: Session, maintenance_id: int) -> None:
    window = get_or_not_found(session, Maintenance, maintenance_id, "Unknown maintenance window: {name}")
    session.delete(window)
    session.flush()


def list_maintenance(session: Session, *, vehicle_id: int | None = None, start: dt.date | None = None,
                     end: dt.date | None = None) -> list[MaintenanceRow]:
    """Maintenance windows of a vehicle and/or overlapping [start, end) (dates: whole days)."""
    query = select(Maintenance.id, Maintenance.vehicle_id, Maintenance.start, Maintenance.end,
                   Maintenance.reason)
    if vehicle_id is not None:
        query = query.where(Maintenance.vehicle_id == vehicle_id)
    if start is not None:
        query = query.where(Maintenance.end > duty_day_start(start))
    if end is not None:
        query = query.where(Maintenance.start < duty_day_end(end))
    return [MaintenanceRow(*r) for r in session.execute(query.order_by(Maintenance.start, Maintenance.id))]


def reactivate_vehicle(session: Session, vehicle_id: int) -> None:
    get_or_not_found(session, Vehicle, vehicle_id, "Unknown vehicle: {name}").active = True
    session.flush()


def person_has_duties(session: Session, person_id: int) -> bool:
    """Whether a person has duties on record (then they can only be deactivated, never deleted)."""
    return bool(session.scalar(select(exists().where(Duty.person_id == person_id))))


def vehicle_has_history(session: Session, vehicle_id: int) -> bool:
    """Whether a vehicle has crews or deployments on record (then it can only be deactivated)."""
    return bool(session.scalar(select(
        exists().where(Duty.vehicle_id == vehicle_id) | exists().where(VehicleDeployment.vehicle_id == vehicle_id))))


# Records: an entry exactly as stored, with its absences or maintenance windows, so that undo and
# redo can put it back with the same ids (later steps on the undo stack refer to those ids).

@dataclass(frozen=True)
class PersonRecord:
    data: PersonData
    absences: tuple[AbsenceRow, ...]


@dataclass(frozen=True)
class VehicleRecord:
    data: VehicleData
    maintenance: tuple[MaintenanceRow, ...]


def person_record(session: Session, person_id: int) -> PersonRecord | None:
    """The person as stored, or None when there is no such person."""
    if session.get(Person, person_id) is None:
        return None
    return PersonRecord(get_person(session, person_id), tuple(list_absences(session, person_id=person_id)))


def restore_person(session: Session, person_id: int, record: PersonRecord | None) -> None:
    """Make person ``person_id`` exactly ``record``; None deletes them (refused when they have duties).

    A record holds values the services accepted when it was taken, so they are written as they are.
    """
    person = session.get(Person, person_id)
    if record is None:
        if person is not None:
            delete_person(session, person_id)
        return
    data = record.data
    if person is None:
        person = Person(id=person_id)
        session.add(person)
    for key in ("staff_no", "name", "station_id", "sex", "birth_date", "rank_id", "position_id", "phone",
                "active"):
        setattr(person, key, getattr(data, key))
    wanted = set(data.qualification_ids)
    person.qualifications = list(session.scalars(select(Qualification).where(Qualification.id.in_(wanted))))
    _restore_children(session, Absence, Absence.person_id == person_id, {
        a.id: dict(person_id=person_id, kind=a.kind, start=a.start, end=a.end, note=a.note)
        for a in record.absences})


def vehicle_record(session: Session, vehicle_id: int) -> VehicleRecord | None:
    """The vehicle as stored, or None when there is no such vehicle."""
    if session.get(Vehicle, vehicle_id) is None:
        return None
    return VehicleRecord(get_vehicle(session, vehicle_id), tuple(list_maintenance(session, vehicle_id=vehicle_id)))


def restore_vehicle(session: Session, vehicle_id: int, record: VehicleRecord | None) -> None:
    """Make vehicle ``vehicle_id`` exactly ``record``; None deletes it (refused when it has history)."""
    vehicle = session.get(Vehicle, vehicle_id)
    if record is None:
        if vehicle is not None:
            delete_vehicle(session, vehicle_id)
        return
    if vehicle is None:
        vehicle = Vehicle(id=vehicle_id)
        session.add(vehicle)
    for key in ("plate", "call_sign", "type_id", "station_id", "seats", "status", "active"):
        setattr(vehicle, key, getattr(record.data, key))
    _restore_children(session, Maintenance, Maintenance.vehicle_id == vehicle_id, {
        m.id: dict(vehicle_id=vehicle_id, start=m.start, end=m.end, reason=m.reason) for m in record.maintenance})


def _restore_children(session: Session, model: type, owned, wanted: dict[int, dict[str, Any]]) -> None:
    """Make the rows of ``model`` matching ``owned`` exactly ``wanted`` (id -> column values)."""
    session.flush()
    for row in session.scalars(select(model).where(owned)):
        if row.id not in wanted:
            session.delete(row)
    session.flush()
    for row_id, values in wanted.items():
        row = session.get(model, row_id)
        if row is None:
            session.add(model(id=row_id, **values))
        else:
            for key, value in values.items():
                setattr(row, key, value)
    session.flush()


# The organisation: stations under their detachments, with their minimum strength.

MAX_MINIMUM = 999


@dataclass(frozen=True)
class StationRow:
    """A station as the organisation table lists it; ``min_*`` None means the grade's default."""

    id: int
    detachment_id: int
    detachment: str
    name: str
    short_name: str
    grade: str
    min_people: int | None
    min_vehicles: int | None
    default_people: int
    default_vehicles: int
    people: int
    vehicles: int

    @property
    def effective_people(self) -> int:
        return self.default_people if self.min_people is None else self.min_people

    @property
    def effective_vehicles(self) -> int:
        return self.default_vehicles if self.min_vehicles is None else self.min_vehicles


@dataclass(frozen=True)
class StationRecord:
    """A station exactly as stored, for undo and redo."""

    detachment_id: int
    name: str
    short_name: str
    grade: str
    min_people: int | None
    min_vehicles: int | None
    sort_order: int


def grade_minimums(grade: str) -> tuple[int, int]:
    """The default minimum (people, vehicles) on duty for a station grade."""
    return reference_data.STATION_MINIMUMS.get(grade, (0, 0))


def list_stations(session: Session) -> list[StationRow]:
    """Every station in detachment order, with its active people and vehicles counted."""
    people = dict(session.execute(select(Person.station_id, func.count()).where(Person.active)
                                  .group_by(Person.station_id)).all())
    vehicles = dict(session.execute(select(Vehicle.station_id, func.count()).where(Vehicle.active)
                                    .group_by(Vehicle.station_id)).all())
    rows = []
    for r in session.execute(
        select(Station.id, Station.detachment_id, Detachment.name, Station.name, Station.short_name, Station.grade,
               Station.min_people, Station.min_vehicles)
        .join(Detachment, Detachment.id == Station.detachment_id)
        .order_by(Detachment.sort_order, Station.sort_order, Station.id)
    ):
        d_people, d_vehicles = grade_minimums(r.grade)
        rows.append(StationRow(*r, d_people, d_vehicles, people.get(r.id, 0), vehicles.get(r.id, 0)))
    return rows


def _station_name(session: Session, errors: list[FieldError], name: str, station_id: int | None) -> tuple[str, str]:
    """The cleaned full and short name; an error when empty or when another station goes by either."""
    name = clean_text(name)
    short = reference_data.station_short_name(name)
    if not name:
        errors.append(FieldError("name", tr("{field} must not be empty.", field=tr("station name"))))
        return name, short
    clash = session.execute(
        select(Station.id, Station.name).where(
            Station.name.in_({name, short}) | Station.short_name.in_({name, short}))).all()
    if any(sid != station_id for sid, _ in clash):
        other = next(n for sid, n in clash if sid != station_id)
        errors.append(FieldError("name", tr("Station {value} already exists ({name}).", value=name, name=other)))
    return name, short


def _check_minimums(errors: list[FieldError], min_people: int | None, min_vehicles: int | None) -> None:
    for field, value in (("min_people", min_people), ("min_vehicles", min_vehicles)):
        if value is not None and not is_whole(value, 0, MAX_MINIMUM):
            errors.append(FieldError(field, tr("A minimum must be a whole number from 0 to {most}.",
                                               most=MAX_MINIMUM)))


def add_station(session: Session, detachment_id: int, name: str, *, grade: str | None = None,
                min_people: int | None = None, min_vehicles: int | None = None) -> int:
    """A new station at the end of its detachment; the grade defaults to what its name implies."""
    errors: list[FieldError] = []
    check_ref(session, errors, "detachment_id", Detachment, detachment_id, "Unknown detachment: {name}",
              required_label="detachment")
    name, short = _station_name(session, errors, name, None)
    grade = grade or reference_data.station_grade(name)
    check_code(errors, "grade", vocab.STATION_GRADE, grade, "Unknown station grade: {name}")
    _check_minimums(errors, min_people, min_vehicles)
    raise_if(errors)
    last = session.scalar(select(func.max(Station.sort_order)).where(Station.detachment_id == detachment_id))
    station = Station(detachment_id=detachment_id, name=name, short_name=short, grade=grade,
                      min_people=min_people, min_vehicles=min_vehicles, sort_order=(last or 0) + 1)
    session.add(station)
    session.flush()
    return station.id


def rename_station(session: Session, station_id: int, name: str) -> None:
    """A new name (and with it the short name clerks type); people, vehicles and history stay."""
    station = get_or_not_found(session, Station, station_id, "Unknown station: {name}")
    errors: list[FieldError] = []
    name, short = _station_name(session, errors, name, station_id)
    raise_if(errors)
    station.name, station.short_name = name, short
    session.flush()


def set_station_grade(session: Session, station_id: int, grade: str) -> None:
    station = get_or_not_found(session, Station, station_id, "Unknown station: {name}")
    errors: list[FieldError] = []
    check_code(errors, "grade", vocab.STATION_GRADE, grade, "Unknown station grade: {name}")
    raise_if(errors)
    station.grade = grade
    session.flush()


def set_station_minimum(session: Session, station_id: int, min_people: int | None,
                        min_vehicles: int | None) -> None:
    """The fewest people and vehicles the station must keep on duty; None: the grade's default."""
    station = get_or_not_found(session, Station, station_id, "Unknown station: {name}")
    errors: list[FieldError] = []
    _check_minimums(errors, min_people, min_vehicles)
    raise_if(errors)
    station.min_people, station.min_vehicles = min_people, min_vehicles
    session.flush()


def station_record(session: Session, station_id: int) -> StationRecord | None:
    s = session.get(Station, station_id)
    if s is None:
        return None
    return StationRecord(s.detachment_id, s.name, s.short_name, s.grade, s.min_people, s.min_vehicles, s.sort_order)


def restore_station(session: Session, station_id: int, record: StationRecord | None) -> None:
    """Make station ``station_id`` exactly ``record``; None deletes it (refused while anything refers to it)."""
    station = session.get(Station, station_id)
    if record is None:
        if station is not None:
            used = session.scalar(select(exists().where(Person.station_id == station_id)
                                         | exists().where(Vehicle.station_id == station_id)
                                         | exists().where(Duty.station_id == station_id)
                                         | exists().where(VehicleDeployment.station_id == station_id)))
            if used:
                raise Conflict(tr("{name} has people, vehicles or duties on record and cannot be deleted.",
                                  name=station.name))
            session.delete(station)
            session.flush()
        return
    if station is None:
        station = Station(id=station_id)
        session.add(station)
    for key in ("detachment_id", "name", "short_name", "grade", "min_people", "min_vehicles", "sort_order"):
        setattr(station, key, getattr(record, key))
    session.flush()


# What the register forms offer to choose from.

@dataclass(frozen=True)
class Choice:
    id: int
    name: str


@dataclass(frozen=True)
class StationChoice:
    id: int
    name: str
    detachment_id: int


@dataclass(frozen=True)
class VehicleTypeChoice:
    id: int
    code: str
    name: str
    default_seats: int


@dataclass(frozen=True)
class RegisterChoices:
    detachments: tuple[Choice, ...]
    stations: tuple[StationChoice, ...]
    ranks: tuple[Choice, ...]
    positions: tuple[Choice, ...]
    qualifications: tuple[Choice, ...]
    vehicle_types: tuple[VehicleTypeChoice, ...]


def register_choices(session: Session) -> RegisterChoices:
    """Detachments, stations, ranks, positions, qualifications and vehicle types, in their own order."""
    return RegisterChoices(
        tuple(Choice(*r) for r in session.execute(
            select(Detachment.id, Detachment.name).order_by(Detachment.sort_order, Detachment.id))),
        tuple(StationChoice(*r) for r in session.execute(
            select(Station.id, Station.name, Station.detachment_id).join(Detachment)
            .order_by(Detachment.sort_order, Station.sort_order, Station.id))),
        tuple(Choice(*r) for r in session.execute(select(Rank.id, Rank.name).order_by(Rank.sort_order, Rank.id))),
        tuple(Choice(*r) for r in session.execute(
            select(Position.id, Position.name).order_by(Position.sort_order, Position.id))),
        tuple(Choice(*r) for r in session.execute(select(Qualification.id, Qualification.name)
                                                  .order_by(Qualification.id))),
        tuple(VehicleTypeChoice(*r) for r in session.execute(
            select(VehicleType.id, VehicleType.code, VehicleType.name, VehicleType.default_seats)
            .order_by(VehicleType.id))),
    )
