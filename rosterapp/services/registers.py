"""The registers of people and vehicles, with absences and maintenance windows."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from rosterapp import vocab
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


def as_start(value: dt.date) -> dt.datetime:
    """A datetime as is; a plain date as its 00:00."""
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time())


def as_end(value: dt.date) -> dt.datetime:
    """A datetime as is; a plain date as the 00:00 after it, so that the day is included."""
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value + dt.timedelta(days=1), dt.time())


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
    phone = _PHONE_SEPARATORS.sub("", clean_code(data.phone))
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
    if phone and not _PHONE.fullmatch(phone):
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
