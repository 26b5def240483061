"""Fixtures of the service tests: a real, seeded SQLite file per test and Chinese messages."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

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


def make_demo(path: Path) -> Path:
    db = open_database(f"sqlite:///{path}")
    demo.generate(db, scale="small", seed=1, start=DEMO_START)
    db.dispose()  # the last connection checkpoints the WAL: the file alone holds everything
    return path


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    """A small demo database file, made once per module; copy it before writing to it."""
    return make_demo(tmp_path_factory.mktemp("demo") / "demo.sqlite3")


@pytest.fixture
def demo_db(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the demo for a test that writes."""
    path = tmp_path / "copy.sqlite3"
    shutil.copyfile(demo_file, path)
    database = open_database(f"sqlite:///{path}")
    yield database
    database.dispose()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database("sqlite:///" + str(tmp_path / "t.sqlite3"))
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
