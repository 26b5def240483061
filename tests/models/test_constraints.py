"""What the database itself refuses: unique keys, CHECKs and foreign keys, in a real SQLite file."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from rosterapp.models import (
    Duty,
    Operation,
    Person,
    Post,
    PostVehicleRequirement,
    ShiftType,
    Station,
    Vehicle,
    VehicleDeployment,
    VehicleType,
)

DAY = dt.datetime(2027, 3, 5, 8, 0)


def station(s: Session, name: str = "前门消防救援站") -> Station:
    return s.scalars(select(Station).where(Station.name == name)).one()


def shift(s: Session, code: str = "值") -> ShiftType:
    return s.scalars(select(ShiftType).where(ShiftType.code == code)).one()


def vehicle_type(s: Session, code: str = "SG") -> VehicleType:
    return s.scalars(select(VehicleType).where(VehicleType.code == code)).one()


def add_person(s: Session, staff_no: str = "110001", name: str = "张伟") -> Person:
    person = Person(staff_no=staff_no, name=name, station=station(s))
    s.add(person)
    s.flush()
    return person


def add_vehicle(s: Session, plate: str = "京X·1234应急", seats: int = 6, status: str = "in_service") -> Vehicle:
    vehicle = Vehicle(plate=plate, type=vehicle_type(s), station=station(s), seats=seats, status=status)
    s.add(vehicle)
    s.flush()
    return vehicle


def add_post(s: Session) -> Post:
    operation = Operation(name="全国两会消防安保", start_date=DAY.date(), end_date=DAY.date() + dt.timedelta(days=10))
    s.add(operation)
    s.flush()
    det = station(s).detachment
    post = Post(operation=operation, code="Q-01", name="北京饭店", post_type="hotel", duty_mode="stationed",
                detachment=det, active_from=DAY, active_to=DAY + dt.timedelta(days=10))
    s.add(post)
    s.flush()
    return post


def duty(s: Session, person: Person, **kw) -> Duty:
    values = dict(person=person, start=DAY, end=DAY + dt.timedelta(hours=24), shift_type=shift(s))
    values.update(kw)
    return Duty(**values)


def refused(db, build) -> IntegrityError:
    """Run ``build(session)`` in a unit of work and return the IntegrityError the database raised."""
    with pytest.raises(IntegrityError) as info:
        with db.begin() as s:
            build(s)
            s.flush()
    return info.value


@pytest.mark.sqlite_only
def test_pragmas_foreign_keys_wal_busy_timeout(db):
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_duplicate_staff_number(db):
    with db.begin() as s:
        add_person(s)
    err = refused(db, lambda s: add_person(s, name="李娜"))
    assert "person.staff_no" in str(err.orig) or "uq_person_staff_no" in str(err.orig)  # SQLite, PostgreSQL


def test_duplicate_plate(db):
    with db.begin() as s:
        add_vehicle(s)
    err = refused(db, lambda s: add_vehicle(s))
    assert "vehicle.plate" in str(err.orig) or "uq_vehicle_plate" in str(err.orig)


@pytest.mark.parametrize("seats", [0, 13])
def test_seats_out_of_range(db, seats):
    err = refused(db, lambda s: add_vehicle(s, seats=seats))
    assert "ck_vehicle_seats" in str(err.orig)


@pytest.mark.parametrize("seats", [1, 12])
def test_seats_at_the_limits_accepted(db, seats):
    with db.begin() as s:
        add_vehicle(s, seats=seats)


def test_vehicle_status_outside_the_codes(db):
    err = refused(db, lambda s: add_vehicle(s, status="broken"))
    assert "ck_vehicle_status" in str(err.orig)


@pytest.mark.parametrize("hours", [0, -8])
def test_duty_must_end_after_it_starts(db, hours):
    def build(s):
        s.add(duty(s, add_person(s), end=DAY + dt.timedelta(hours=hours), station=station(s)))

    assert "ck_duty_end_after_start" in str(refused(db, build).orig)


def test_duty_at_both_station_and_post(db):
    def build(s):
        s.add(duty(s, add_person(s), station=station(s), post=add_post(s)))

    assert "ck_duty_one_place" in str(refused(db, build).orig)


def test_duty_at_neither_station_nor_post(db):
    def build(s):
        s.add(duty(s, add_person(s)))

    assert "ck_duty_one_place" in str(refused(db, build).orig)


def test_person_with_duties_cannot_be_deleted(db):
    with db.begin() as s:
        person = add_person(s)
        s.add(duty(s, person, station=station(s)))
    err = refused(db, lambda s: s.execute(delete(Person).where(Person.id == person.id)))
    assert "FOREIGN KEY" in str(err.orig) or "fk_duty_person_id_person" in str(err.orig)
    with db.begin() as s:
        assert s.get(Person, person.id) is not None


def test_person_without_duties_can_be_deleted(db):
    with db.begin() as s:
        person = add_person(s)
    with db.begin() as s:
        s.execute(delete(Person).where(Person.id == person.id))
    with db.begin() as s:
        assert s.get(Person, person.id) is None


def test_deleting_an_operation_removes_its_posts_and_their_staffing(db):
    with db.begin() as s:
        post = add_post(s)
        person = add_person(s)
        vehicle = add_vehicle(s)
        s.add(duty(s, person, post=post, vehicle=vehicle, role="driver"))
        s.add(VehicleDeployment(vehicle=vehicle, post=post, start=DAY, end=DAY + dt.timedelta(days=1)))
        s.add(PostVehicleRequirement(post=post, vehicle_type=vehicle_type(s), count=1))
        operation_id = post.operation_id
    with db.begin() as s:
        # Plain SQL, so the cascade is the database's and not the ORM's.
        s.execute(text("DELETE FROM operation WHERE id = :id"), {"id": operation_id})
    with db.begin() as s:
        for model in (Post, Duty, VehicleDeployment, PostVehicleRequirement):
            assert s.scalar(select(func.count()).select_from(model)) == 0, model.__name__
        # The people and vehicles stay: only the post's staffing goes.
        assert s.get(Person, person.id) is not None
        assert s.get(Vehicle, vehicle.id) is not None
