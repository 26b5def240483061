"""The register of vehicles, with their maintenance windows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from rosterapp import vocab
from rosterapp.errors import Conflict, FieldError
from rosterapp.i18n import tr
from rosterapp.models import (
    Detachment,
    Duty,
    Maintenance,
    Station,
    Vehicle,
    VehicleDeployment,
    VehicleType,
)
from rosterapp.services.dutyday import day_end, day_start
from rosterapp.services.plates import plate_to_store
from rosterapp.services.registers.records import restore_children
from rosterapp.services.validation import (
    CALL_SIGN_MAX,
    NOTE_MAX,
    PLATE_MAX,
    check_code,
    check_days,
    check_interval,
    check_length,
    check_ref,
    check_version,
    clean_name,
    clean_text,
    get_or_not_found,
    is_whole,
    length_reason,
    raise_if,
)


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
    # Agents carried (执勤实力): water and foam in tons, dry powder in kg; None means the type's default.
    water_t: float | None = None
    foam_t: float | None = None
    powder_kg: float | None = None


# The loads a form or an import accepts: (field, column label, unit, most). The largest water tankers
# (供水消防车) carry about 25 t and foam tenders (供液) about 12 t; a dry-powder truck 2–4 t of powder.
LOADS = (("water_t", "载水量", "t", 60.0), ("foam_t", "载泡沫量", "t", 30.0), ("powder_kg", "载干粉量", "kg", 10000.0))
LOAD_LIMITS = {name: most for name, _label, _unit, most in LOADS}


def load_reason(name: str, value: object) -> str | None:
    """Why ``value`` is not a load of kind ``name`` (water_t, foam_t, powder_kg), None when it is one."""
    label = {"water_t": tr("water load"), "foam_t": tr("foam load"), "powder_kg": tr("dry powder load")}[name]
    most = LOAD_LIMITS[name]
    unit = "kg" if name == "powder_kg" else "t"
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        return tr("The {field} must be a number.", field=label)
    if value < 0:
        return tr("The {field} must not be negative.", field=label)
    if value > most:
        return tr("The {field} must be at most {most} {unit}.", field=label, most=f"{most:g}", unit=unit)
    return None


def type_loads(session: Session, type_id: int | None) -> tuple[float, float, float]:
    """A vehicle type's default loads (water t, foam t, dry powder kg); zeros for an unknown type."""
    vtype = session.get(VehicleType, type_id) if type_id is not None else None
    if vtype is None:
        return 0.0, 0.0, 0.0
    return vtype.default_water_t, vtype.default_foam_t, vtype.default_powder_kg


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
    water_t: float = 0.0
    foam_t: float = 0.0
    powder_kg: float = 0.0


@dataclass(frozen=True)
class MaintenanceRow:
    id: int
    vehicle_id: int
    start: dt.datetime
    end: dt.datetime
    reason: str


def _vehicle_values(session: Session, data: VehicleData, vehicle_id: int | None) -> dict[str, Any]:
    errors: list[FieldError] = []
    plate, holder = plate_to_store(session, data.plate, vehicle_id)
    call_sign = clean_name(data.call_sign)
    if not plate:
        errors.append(FieldError("plate", tr("{field} must not be empty.", field=tr("plate"))))
    elif length_reason(plate, PLATE_MAX, "plate"):
        check_length(errors, "plate", plate, PLATE_MAX, "plate")
    elif holder is not None:
        errors.append(FieldError("plate", tr("Plate {value} is already registered.", value=holder)))
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
    check_length(errors, "call_sign", call_sign, CALL_SIGN_MAX, "call sign")
    defaults = dict(zip(("water_t", "foam_t", "powder_kg"), type_loads(session, data.type_id), strict=True))
    loads = {}
    for name in ("water_t", "foam_t", "powder_kg"):
        value = getattr(data, name)
        if value is None:
            value = defaults[name]
        reason = load_reason(name, value)
        if reason:
            errors.append(FieldError(name, reason))
        else:
            loads[name] = round(float(value), 3)
    raise_if(errors)
    return dict(plate=plate, call_sign=call_sign, type_id=data.type_id,
                station_id=data.station_id, seats=seats, status=data.status, active=data.active, **loads)


def list_vehicles(session: Session, *, detachment_id: int | None = None, station_id: int | None = None,
                  active: bool | None = None) -> list[VehicleRow]:
    """Vehicles in detachment, station and call-sign order, in one query."""
    query = (
        select(Vehicle.id, Vehicle.plate, Vehicle.call_sign, Vehicle.type_id, VehicleType.code,
               VehicleType.name.label("type_name"), Vehicle.seats, Vehicle.status, Vehicle.station_id,
               Station.name.label("station"), Station.detachment_id, Detachment.name.label("detachment"),
               Vehicle.active, Vehicle.water_t, Vehicle.foam_t, Vehicle.powder_kg)
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
                       seats=v.seats, status=v.status, active=v.active, water_t=v.water_t, foam_t=v.foam_t,
                       powder_kg=v.powder_kg)


def create_vehicle(session: Session, data: VehicleData) -> int:
    vehicle = Vehicle(**_vehicle_values(session, data, None))
    session.add(vehicle)
    session.flush()
    return vehicle.id


def update_vehicle(session: Session, vehicle_id: int, data: VehicleData, *, expected_version: int | None = None
                   ) -> None:
    """Write ``data`` over the vehicle; with ``expected_version``, only over the version the form read."""
    vehicle = get_or_not_found(session, Vehicle, vehicle_id, "Unknown vehicle: {name}")
    check_version(vehicle, expected_version, vehicle.call_sign or vehicle.plate)
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
    errors: list[FieldError] = []
    if not check_days(errors, "start", start, end):
        raise_if(errors)
    begin, finish = day_start(start), day_end(end)
    check_interval(errors, begin, finish)
    reason = clean_text(reason)
    check_length(errors, "reason", reason, NOTE_MAX, "reason")
    raise_if(errors)
    window = Maintenance(vehicle_id=vehicle_id, start=begin, end=finish, reason=reason)
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
        query = query.where(Maintenance.end > day_start(start))
    if end is not None:
        query = query.where(Maintenance.start < day_end(end))
    return [MaintenanceRow(*r) for r in session.execute(query.order_by(Maintenance.start, Maintenance.id))]


def reactivate_vehicle(session: Session, vehicle_id: int) -> None:
    get_or_not_found(session, Vehicle, vehicle_id, "Unknown vehicle: {name}").active = True
    session.flush()


def vehicle_has_history(session: Session, vehicle_id: int) -> bool:
    """Whether a vehicle has crews or deployments on record (then it can only be deactivated)."""
    return bool(session.scalar(select(
        exists().where(Duty.vehicle_id == vehicle_id) | exists().where(VehicleDeployment.vehicle_id == vehicle_id))))



@dataclass(frozen=True)
class VehicleRecord:
    data: VehicleData
    maintenance: tuple[MaintenanceRow, ...]
    # The version read (a form saves only over that one) and its writer; not part of what the record holds.
    version: int = field(default=0, compare=False)
    changed_by: str = field(default="", compare=False)


def vehicle_record(session: Session, vehicle_id: int) -> VehicleRecord | None:
    """The vehicle as stored, or None when there is no such vehicle."""
    vehicle = session.get(Vehicle, vehicle_id)
    if vehicle is None:
        return None
    return VehicleRecord(get_vehicle(session, vehicle_id), tuple(list_maintenance(session, vehicle_id=vehicle_id)),
                         vehicle.version, vehicle.changed_by)


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
    defaults = type_loads(session, record.data.type_id)
    for key, default in zip(("water_t", "foam_t", "powder_kg"), defaults, strict=True):
        value = getattr(record.data, key)
        setattr(vehicle, key, default if value is None else value)
    restore_children(session, Maintenance, Maintenance.vehicle_id == vehicle_id, {
        m.id: dict(vehicle_id=vehicle_id, start=m.start, end=m.end, reason=m.reason) for m in record.maintenance})




def save_vehicle(session: Session, vehicle_id: int | None, data: VehicleData, *,
                 added_windows: Iterable[tuple[dt.date, dt.date, str]] = (),
                 removed_windows: Iterable[int] = (), expected_version: int | None = None) -> int:
    """What the vehicle form's OK does, as one unit: the vehicle (new when ``vehicle_id`` is None) and its
    maintenance windows (first day, last day, reason) added and removed. Returns the vehicle's id."""
    if vehicle_id is None:
        vehicle_id = create_vehicle(session, data)
    else:
        update_vehicle(session, vehicle_id, data, expected_version=expected_version)
    for window_id in removed_windows:
        remove_maintenance(session, window_id)
    for first, last, reason in added_windows:
        add_maintenance(session, vehicle_id, first, last, reason)
    return vehicle_id
