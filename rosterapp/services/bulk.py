"""Bulk reads of duties and deployments into plain columnar structures for the window and the checking engine.

These go through SQLAlchemy Core selects (no ORM objects): the city data set has ~250,000
roster rows and the window must open it in about a second.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from rosterapp.models import Duty, VehicleDeployment

_D = Duty.__table__.c
_V = VehicleDeployment.__table__.c
DUTY_COLUMNS = (_D.id, _D.person_id, _D.start, _D.end, _D.shift_type_id, _D.station_id, _D.post_id,
                _D.vehicle_id, _D.role)


@dataclass
class DutyColumns:
    """Roster rows as parallel columns, ordered by person, then start."""

    id: list[int] = field(default_factory=list)
    person: list[int] = field(default_factory=list)
    start: list[dt.datetime] = field(default_factory=list)
    end: list[dt.datetime] = field(default_factory=list)
    shift: list[int] = field(default_factory=list)
    station: list[int | None] = field(default_factory=list)
    post: list[int | None] = field(default_factory=list)
    vehicle: list[int | None] = field(default_factory=list)
    role: list[str | None] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.id)


@dataclass
class DeploymentColumns:
    """Vehicle deployments as parallel columns, ordered by vehicle, then start."""

    id: list[int] = field(default_factory=list)
    vehicle: list[int] = field(default_factory=list)
    start: list[dt.datetime] = field(default_factory=list)
    end: list[dt.datetime] = field(default_factory=list)
    post: list[int | None] = field(default_factory=list)
    station: list[int | None] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.id)


def duty_select(start: dt.datetime | None = None, end: dt.datetime | None = None):
    """The select behind load_duties: rows overlapping [start, end), by person and start."""
    query = select(*DUTY_COLUMNS)
    if start is not None:
        query = query.where(_D.end > start)
    if end is not None:
        query = query.where(_D.start < end)
    return query.order_by(_D.person_id, _D.start)


@contextmanager
def bulk_read() -> Iterator[None]:
    """Pause the cyclic garbage collector while hundreds of thousands of tuples are made.

    None of them forms a cycle, yet each allocation burst triggers full collections that
    cost a third of the load time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _columns(rows, target):
    if rows:
        for name, values in zip(target.__dataclass_fields__, zip(*rows, strict=True), strict=True):
            setattr(target, name, list(values))
    return target


def load_duties(conn: Connection | Session, start: dt.datetime | None = None,
                end: dt.datetime | None = None) -> DutyColumns:
    """Every roster row overlapping [start, end) (all when open), as columns."""
    with bulk_read():
        rows = conn.execute(duty_select(start, end)).all()
        return _columns(rows, DutyColumns())


def load_deployments(conn: Connection | Session, start: dt.datetime | None = None,
                     end: dt.datetime | None = None) -> DeploymentColumns:
    """Every vehicle deployment overlapping [start, end), as columns."""
    query = select(_V.id, _V.vehicle_id, _V.start, _V.end, _V.post_id, _V.station_id)
    if start is not None:
        query = query.where(_V.end > start)
    if end is not None:
        query = query.where(_V.start < end)
    with bulk_read():
        rows = conn.execute(query.order_by(_V.vehicle_id, _V.start)).all()
        return _columns(rows, DeploymentColumns())

