"""The register of people, with their qualifications and absences."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from rosterapp import vocab
from rosterapp.errors import Conflict, FieldError
from rosterapp.i18n import tr
from rosterapp.models import (
    Absence,
    Detachment,
    Duty,
    Person,
    Position,
    Qualification,
    Rank,
    Station,
    person_qualification,
)
from rosterapp.services.dutyday import day_end, day_start, today
from rosterapp.services.registers.records import restore_children
from rosterapp.services.validation import (
    NAME_MAX,
    NOTE_MAX,
    STAFF_NO_MAX,
    birth_date_reason,
    check_code,
    check_days,
    check_interval,
    check_length,
    check_ref,
    check_version,
    clean_code,
    clean_name,
    clean_phone,
    clean_text,
    get_or_not_found,
    length_reason,
    phone_is_valid,
    raise_if,
)


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
    name = clean_name(data.name)
    phone = clean_phone(data.phone)
    sex = data.sex or None
    if not staff_no:
        errors.append(FieldError("staff_no", tr("{field} must not be empty.", field=tr("staff number"))))
    elif length_reason(staff_no, STAFF_NO_MAX, "staff number"):
        check_length(errors, "staff_no", staff_no, STAFF_NO_MAX, "staff number")
    else:
        holder = session.execute(
            select(Person.id, Person.name).where(Person.staff_no == staff_no)).first()
        if holder is not None and holder.id != person_id:
            errors.append(FieldError("staff_no", tr("Staff number {value} is already used by {name}.",
                                                    value=staff_no, name=holder.name)))
    if not name:
        errors.append(FieldError("name", tr("{field} must not be empty.", field=tr("name"))))
    check_length(errors, "name", name, NAME_MAX, "name")
    if sex is not None:
        check_code(errors, "sex", vocab.SEX, sex, "Unknown sex: {name}")
    born = birth_date_reason(data.birth_date, today())
    if born:
        errors.append(FieldError("birth_date", born))
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


def update_person(session: Session, person_id: int, data: PersonData, *, expected_version: int | None = None
                  ) -> None:
    """Write ``data`` over the person; with ``expected_version``, only over the version the form read."""
    person = get_or_not_found(session, Person, person_id, "Unknown person: {name}")
    check_version(person, expected_version, person.name)
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
    errors: list[FieldError] = []
    if not check_days(errors, "start", start, end):
        raise_if(errors)
    begin, finish = day_start(start), day_end(end)
    check_code(errors, "kind", vocab.ABSENCE_KIND, kind, "Unknown absence kind: {name}")
    check_interval(errors, begin, finish)
    note = clean_text(note)
    check_length(errors, "note", note, NOTE_MAX, "note")
    raise_if(errors)
    absence = Absence(person_id=person_id, kind=kind, start=begin, end=finish, note=note)
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
        query = query.where(Absence.end > day_start(start))
    if end is not None:
        query = query.where(Absence.start < day_end(end))
    return [AbsenceRow(*r) for r in session.execute(query.order_by(Absence.start, Absence.id))]


def person_has_duties(session: Session, person_id: int) -> bool:
    """Whether a person has duties on record (then they can only be deactivated, never deleted)."""
    return bool(session.scalar(select(exists().where(Duty.person_id == person_id))))



# Records: an entry exactly as stored, with its absences or maintenance windows, so that undo and
# redo can put it back with the same ids (later steps on the undo stack refer to those ids).

@dataclass(frozen=True)
class PersonRecord:
    data: PersonData
    absences: tuple[AbsenceRow, ...]
    # The version read (a form saves only over that one) and its writer; not part of what the record holds.
    version: int = field(default=0, compare=False)
    changed_by: str = field(default="", compare=False)


def person_record(session: Session, person_id: int) -> PersonRecord | None:
    """The person as stored, or None when there is no such person."""
    person = session.get(Person, person_id)
    if person is None:
        return None
    return PersonRecord(get_person(session, person_id), tuple(list_absences(session, person_id=person_id)),
                        person.version, person.changed_by)


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
    restore_children(session, Absence, Absence.person_id == person_id, {
        a.id: dict(person_id=person_id, kind=a.kind, start=a.start, end=a.end, note=a.note)
        for a in record.absences})




def save_person(session: Session, person_id: int | None, data: PersonData, *,
                added_absences: Iterable[tuple[str, dt.date, dt.date, str]] = (),
                removed_absences: Iterable[int] = (), expected_version: int | None = None) -> int:
    """What the person form's OK does, as one unit: the person (new when ``person_id`` is None) with
    their qualifications, and the absences (kind, first day, last day, note) added and removed.
    Returns the person's id; every bad field is refused before anything stays written."""
    if person_id is None:
        person_id = create_person(session, data)
    else:
        update_person(session, person_id, data, expected_version=expected_version)
    for absence_id in removed_absences:
        remove_absence(session, absence_id)
    for kind, first, last, note in added_absences:
        add_absence(session, person_id, kind, first, last, note)
    return person_id
