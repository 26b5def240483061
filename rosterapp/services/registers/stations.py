"""The organisation: stations under their detachments, with their minimum strength on duty."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from rosterapp import reference_data, vocab
from rosterapp.errors import Conflict, FieldError
from rosterapp.i18n import tr
from rosterapp.models import (
    Detachment,
    Duty,
    Person,
    Post,
    Station,
    Vehicle,
    VehicleDeployment,
)
from rosterapp.services.validation import (
    STATION_NAME_MAX,
    check_code,
    check_length,
    check_ref,
    check_version,
    clean_name,
    get_or_not_found,
    is_whole,
    length_reason,
    raise_if,
)

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
    # The version read (a form saves only over that one) and its writer; not part of what the record holds.
    version: int = dataclass_field(default=0, compare=False)
    changed_by: str = dataclass_field(default="", compare=False)


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
    name = clean_name(name)
    short = reference_data.station_short_name(name)
    if not name:
        errors.append(FieldError("name", tr("{field} must not be empty.", field=tr("station name"))))
        return name, short
    if length_reason(name, STATION_NAME_MAX, "station name"):
        check_length(errors, "name", name, STATION_NAME_MAX, "station name")
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
    return StationRecord(s.detachment_id, s.name, s.short_name, s.grade, s.min_people, s.min_vehicles, s.sort_order,
                         s.version, s.changed_by)


def save_station(session: Session, station_id: int | None, *, detachment_id: int, name: str, grade: str,
                 min_people: int | None, min_vehicles: int | None, expected_version: int | None = None) -> int:
    """What the station form's OK does, as one unit: a new station, or its name, grade and minimums
    (only over the version the form read). Returns the station's id."""
    if station_id is None:
        return add_station(session, detachment_id, name, grade=grade, min_people=min_people,
                           min_vehicles=min_vehicles)
    station = get_or_not_found(session, Station, station_id, "Unknown station: {name}")
    check_version(station, expected_version, station.name)
    rename_station(session, station_id, name)
    set_station_grade(session, station_id, grade)
    set_station_minimum(session, station_id, min_people, min_vehicles)
    return station_id


def restore_station(session: Session, station_id: int, record: StationRecord | None) -> None:
    """Make station ``station_id`` exactly ``record``; None deletes it (refused while anything refers to it)."""
    station = session.get(Station, station_id)
    if record is None:
        if station is not None:
            used = session.scalar(select(exists().where(Person.station_id == station_id)
                                         | exists().where(Vehicle.station_id == station_id)
                                         | exists().where(Duty.station_id == station_id)
                                         | exists().where(VehicleDeployment.station_id == station_id)
                                         # A post names its station: its row (maybe another detachment's,
                                         # which no policy guards from the cascade) would lose it.
                                         | exists().where(Post.station_id == station_id)))
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


