"""The demo generator: deterministic, realistic by DOMAIN.md, with exactly the planted problems."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import func, select

from rosterapp.db import open_database
from rosterapp.errors import UsageError
from rosterapp.models import (
    Absence,
    Detachment,
    Duty,
    Operation,
    Person,
    Post,
    Qualification,
    ShiftType,
    Station,
    Vehicle,
    VehicleDeployment,
    person_qualification,
)
from rosterapp.services import demo
from rosterapp.services.bulk import load_deployments, load_duties

START = dt.date(2027, 3, 1)


def _open(tmp_path, name="demo.sqlite3"):
    return open_database(f"sqlite:///{tmp_path / name}")


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """One small demo shared by the read-only tests of this module."""
    db = _open(tmp_path_factory.mktemp("small"))
    stats = demo.generate(db, scale="small", seed=7, start=START)
    yield db, stats
    db.dispose()


def _fingerprint(db) -> str:
    digest = hashlib.sha256()
    with db.begin() as s:
        for table in (Person, Vehicle, Duty, VehicleDeployment, Post):
            for row in s.execute(select(table.__table__).order_by(table.__table__.c.id)):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def test_same_seed_gives_the_same_demo_and_another_seed_another(tmp_path):
    dbs = [_open(tmp_path, f"{i}.sqlite3") for i in range(3)]
    for db, seed in zip(dbs, (3, 3, 4), strict=True):
        demo.generate(db, scale="small", seed=seed, start=START)
    prints = [_fingerprint(db) for db in dbs]
    assert prints[0] == prints[1]
    assert prints[0] != prints[2]


def test_small_demo_has_the_size_the_issue_asks_for(small):
    db, stats = small
    with db.begin() as s:
        assert s.scalar(select(func.count()).select_from(Station)) == 18 + 6  # and the six staff offices
        people = s.scalar(select(func.count()).select_from(Person))
        vehicles = s.scalar(select(func.count()).select_from(Vehicle))
        op = s.scalars(select(Operation)).one()
        posts = s.scalar(select(func.count()).select_from(Post))
        per_detachment = dict(s.execute(
            select(Detachment.code, func.count(Post.id)).join(Post, Post.detachment_id == Detachment.id)
            .group_by(Detachment.code)).all())
    assert 400 <= people <= 520 + 6 * 8 and stats.people == people  # stations, and eight staff per office
    assert 60 <= vehicles <= 80
    assert op.name == "全国两会消防安保"
    assert START < op.start_date <= op.end_date < START + dt.timedelta(days=31)
    assert 18 <= posts <= 22
    assert set(per_detachment) == {"DC", "XC", "CY", "HD", "FT", "SJS"}


def test_every_person_has_a_roster_cell_on_every_day_unless_absent(small):
    db, _ = small
    with db.begin() as s:
        people = s.execute(select(Person.id)).scalars().all()
        cells = set(s.execute(select(Duty.person_id, func.date(Duty.start))).all())
        absences = s.execute(select(Absence.person_id, Absence.start, Absence.end)).all()
    away = {(pid, str(start.date() + dt.timedelta(days=k)))
            for pid, start, end in absences for k in range((end - start).days)}
    days = [str(START + dt.timedelta(days=k)) for k in range(31)]
    missing = [(p, d) for p in people for d in days if (p, d) not in cells and (p, d) not in away]
    on_leave_with_duty = [(p, d) for (p, d) in away if (p, d) in cells]
    assert away, "the demo has some absences"
    assert missing == []
    assert on_leave_with_duty == []


def test_stations_and_posts_belong_to_the_right_detachment(small):
    db, _ = small
    with db.begin() as s:
        wrong_posts = s.execute(
            select(Post.code).join(Station, Post.station_id == Station.id)
            .where(Station.detachment_id != Post.detachment_id)).all()
        station_of = dict(s.execute(select(Station.id, Station.detachment_id)).all())
        people = s.execute(select(Person.station_id)).scalars().all()
    assert wrong_posts == []
    assert all(sid in station_of for sid in people)


def _is_duty(s) -> dict[int, bool]:
    return dict(s.execute(select(ShiftType.id, ShiftType.is_duty)).all())


def test_nobody_is_double_booked_except_the_planted_person(small):
    db, stats = small
    with db.begin() as s:
        duties = load_duties(s)
        is_duty = _is_duty(s)
        staff_no = dict(s.execute(select(Person.id, Person.staff_no)).all())
    overlapping = set()
    last_end: dict[int, dt.datetime] = {}
    for person, start, end, shift in zip(duties.person, duties.start, duties.end, duties.shift, strict=True):
        if not is_duty[shift]:
            continue
        if person in last_end and start < last_end[person]:
            overlapping.add(staff_no[person])
        last_end[person] = max(end, last_end.get(person, end))
    planted = {p for planted in stats.planted if planted.rule == "person_overlap" for p in planted.people}
    assert planted and overlapping == planted


def test_every_crewed_or_deployed_vehicle_has_a_qualified_driver_except_the_planted_one(small):
    db, stats = small
    with db.begin() as s:
        duties = load_duties(s)
        deployments = load_deployments(s)
        drivers = set(s.execute(
            select(person_qualification.c.person_id).join(Qualification)
            .where(Qualification.name == "消防车驾驶")).scalars())
        plate = dict(s.execute(select(Vehicle.id, Vehicle.plate)).all())
    driven: dict[tuple[int, dt.datetime], set[bool]] = {}
    for person, start, vehicle, role in zip(duties.person, duties.start, duties.vehicle, duties.role, strict=True):
        if vehicle is not None and role == "driver":
            driven.setdefault((vehicle, start), set()).add(person in drivers)
    unqualified = {plate[v] for (v, _), ok in driven.items() if False in ok}
    planted = {v for p in stats.planted if p.rule == "missing_qualification" for v in p.vehicles}
    assert planted and unqualified == planted
    crewed_starts = {}
    for vehicle, start in driven:
        crewed_starts.setdefault(vehicle, set()).add(start)
    for vehicle, start in zip(deployments.vehicle, deployments.start, strict=True):
        assert start in crewed_starts.get(vehicle, set()), f"{plate[vehicle]} deployed {start} without a driver"


def test_the_planted_problems_are_all_there(small):
    _, stats = small
    assert {p.rule for p in stats.planted} == {
        "person_overlap", "missing_qualification", "post_uncovered", "vehicle_unavailable", "no_duty_leader"}


def test_a_database_with_people_is_refused_unless_replace(tmp_path):
    db = _open(tmp_path)
    demo.generate(db, scale="small", seed=1, start=START, days=10)
    with pytest.raises(UsageError):
        demo.generate(db, scale="small", seed=1, start=START, days=10)
    demo.generate(db, scale="small", seed=2, start=START, days=20, replace=True)
    with db.begin() as s:
        assert s.scalar(select(func.count()).select_from(Operation)) == 1
        assert s.scalar(select(func.count()).select_from(Station)) == 18 + 6  # and the six staff offices
        assert s.scalar(select(func.min(Duty.start))).date() == START
        assert s.scalar(select(func.max(Duty.start))).date() == START + dt.timedelta(days=19)
    db.dispose()


def test_default_start_is_the_first_day_of_this_month(tmp_path):
    db = _open(tmp_path)
    demo.generate(db, scale="small", seed=1, days=20)
    with db.begin() as s:
        first = s.scalar(select(func.min(Duty.start)))
        op = s.scalars(select(Operation)).one()
    assert first.date() == dt.date.today().replace(day=1)
    assert first.date() <= op.start_date <= op.end_date < first.date() + dt.timedelta(days=20)
    db.dispose()


def test_city_demo_has_the_scale_of_the_design(tmp_path):
    db = _open(tmp_path)
    stats = demo.generate(db, scale="city", seed=1, start=START)
    with db.begin() as s:
        stations = s.scalar(select(func.count()).select_from(Station))
    assert 2800 <= stats.people <= 3300
    assert 65 <= stations <= 80
    assert 380 <= stats.vehicles <= 450
    assert stats.posts == 150
    assert 230_000 <= stats.duties <= 290_000
    db.dispose()
