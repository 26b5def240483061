"""Fixtures of the service tests: a real, seeded SQLite file per test and Chinese messages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from rosterapp import i18n
from rosterapp.db import Database, open_database
from rosterapp.models import (
    Detachment,
    Position,
    Qualification,
    Rank,
    ShiftType,
    Station,
    VehicleType,
)
from rosterapp.services import demo

DEMO_START = dt.date(2026, 3, 1)  # inside chinese-calendar's announced years


def make_demo(url: str) -> str:
    db = open_database(url)
    demo.generate(db, scale="small", seed=1, start=DEMO_START)
    db.dispose()  # on SQLite the last connection checkpoints the WAL: the file alone holds everything
    return url


@pytest.fixture(scope="module")
def demo_url(built) -> str:
    """The small demo database, made once per run and backend; copy it (``backend.copy``) before writing."""
    return built.once("services-demo", make_demo)


@pytest.fixture
def demo_db(demo_url: str, backend) -> Iterator[Database]:
    """A private copy of the demo for a test that writes."""
    database = open_database(backend.copy(demo_url))
    yield database
    database.dispose()


@pytest.fixture
def db(backend) -> Iterator[Database]:
    database = open_database(backend.new_url())
    yield database
    database.dispose()


@pytest.fixture(autouse=True)
def chinese() -> Iterator[None]:
    """Chinese is the users' language, so it is the default under test; English is tested explicitly."""
    before = i18n.language()
    i18n.set_language("zh_CN")
    yield
    i18n.set_language(before)


class Ref:
    """Ids of the seeded reference data by name, so tests read like the domain."""

    def __init__(self, session: Session):
        self.station = {s.short_name: s.id for s in session.scalars(select(Station))}
        self.detachment = {d.code: d.id for d in session.scalars(select(Detachment))}
        self.rank = {r.name: r.id for r in session.scalars(select(Rank))}
        self.position = {p.name: p.id for p in session.scalars(select(Position))}
        self.qualification = {q.name: q.id for q in session.scalars(select(Qualification))}
        self.vehicle_type = {t.code: t.id for t in session.scalars(select(VehicleType))}
        self.shift = {s.code: s.id for s in session.scalars(select(ShiftType))}


@pytest.fixture
def ref(db: Database) -> Ref:
    with db.begin() as s:
        return Ref(s)
