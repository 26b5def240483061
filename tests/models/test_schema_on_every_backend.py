"""The same Alembic migrations give exactly the models' schema on SQLite and on PostgreSQL, and the
database's own rules (CHECKs, foreign keys, unique keys) hold on both."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError

from rosterapp.db import head_revision
from rosterapp.models import Base, Duty, Person, ShiftType, Station


def test_the_migrations_give_exactly_the_models_schema(db):
    with db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all() == [head_revision()]
        assert set(inspect(conn).get_table_names()) == set(Base.metadata.tables) | {"alembic_version"}


def test_a_check_constraint_holds(db):
    with pytest.raises(IntegrityError) as err, db.begin() as s:
        station = s.scalars(select(Station)).first()
        s.add(Person(staff_no="CK1", name="王磊", station_id=station.id, sex="X"))
    assert "ck_person_sex" in str(err.value.orig)


def test_a_row_added_after_the_demo_gets_a_new_id(demo_copy):
    """The demo writes its people with ids of its own; a form's new person must not collide with them."""
    db = demo_copy(days=7)
    with db.begin() as s:
        station = s.scalars(select(Station)).first()
        person = Person(staff_no="NEW0001", name="新人", station_id=station.id)
        s.add(person)
        s.flush()
        shift = s.scalars(select(ShiftType).where(ShiftType.code == "值")).one()
        start = dt.datetime(2027, 3, 1, 8)
        s.add(Duty(person_id=person.id, shift_type_id=shift.id, station_id=station.id, start=start,
                   end=start + dt.timedelta(hours=24)))
    with db.read() as s:
        assert s.scalar(select(Person.id).where(Person.staff_no == "NEW0001")) is not None
