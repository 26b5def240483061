"""Counts for the window's overview: per station strength and duty, and the operations list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import case, distinct, func, select, union
from sqlalchemy.orm import Session

from rosterapp.models import (
    Detachment,
    Duty,
    Operation,
    Person,
    Post,
    ShiftType,
    Station,
    Vehicle,
    VehicleDeployment,
)
from rosterapp.services.dutyday import HANDOVER, duty_window

# The longest shift a ShiftType may declare (its CHECK allows 2880 minutes). Bounding the start
# from below lets the duty query use ix_duty_start instead of scanning every past duty.
MAX_DUTY_SPAN = dt.timedelta(minutes=2880)


@dataclass(frozen=True, slots=True)
class DetachmentInfo:
    """A detachment as the navigator lists it, even when it has no stations yet."""

    id: int
    code: str
    name: str
    short_name: str


@dataclass(frozen=True, slots=True)
class StationCount:
    """One station's strength and its duty on one duty day (a row of the overview)."""

    detachment_id: int
    detachment_code: str
    detachment_name: str
    station_id: int
    station_name: str
    station_short_name: str
    grade: str
    people: int = 0
    vehicles: int = 0
    on_duty: int = 0
    at_posts: int = 0
    vehicles_at_posts: int = 0


@dataclass(frozen=True, slots=True)
class OperationCount:
    """A security task with the number of its posts."""

    id: int
    name: str
    start_date: dt.date
    end_date: dt.date
    readiness: str
    posts: int


def list_detachments(session: Session) -> list[DetachmentInfo]:
    """Every detachment in display order."""
    stmt = select(Detachment.id, Detachment.code, Detachment.name, Detachment.short_name).order_by(
        Detachment.sort_order, Detachment.id
    )
    return [DetachmentInfo(*row) for row in session.execute(stmt)]


def station_overview(
    session: Session, day: dt.date, handover: dt.time = HANDOVER
) -> list[StationCount]:
    """Per station, in display order: active people and vehicles, and who is out on duty day ``day``.

    Duty counts go by the person's (and vehicle's) home station, so a station's row tells its
    clerk how many of *its* people are on duty today and how many of those stand at posts,
    wherever they were sent. A duty counts when its shift is a duty (not 休) and its interval
    overlaps the duty day [day at handover, next day at handover).
    """
    day_start, day_end = duty_window(day, handover)

    stations = session.execute(
        select(
            Detachment.id, Detachment.code, Detachment.name,
            Station.id, Station.name, Station.short_name, Station.grade,
        )
        .join(Detachment, Station.detachment_id == Detachment.id)
        .order_by(Detachment.sort_order, Detachment.id, Station.sort_order, Station.id)
    ).all()

    people = dict(session.execute(
        select(Person.station_id, func.count()).where(Person.active).group_by(Person.station_id)
    ).all())
    vehicles = dict(session.execute(
        select(Vehicle.station_id, func.count()).where(Vehicle.active).group_by(Vehicle.station_id)
    ).all())

    on_duty: dict[int, tuple[int, int]] = {}
    duty_rows = session.execute(
        select(
            Person.station_id,
            func.count(distinct(Duty.person_id)),
            # count(DISTINCT x) skips NULLs, so people on station duty only drop out here.
            func.count(distinct(case((Duty.post_id.is_not(None), Duty.person_id)))),
        )
        .join(Person, Duty.person_id == Person.id)
        .join(ShiftType, Duty.shift_type_id == ShiftType.id)
        .where(
            ShiftType.is_duty,
            Duty.start < day_end,
            Duty.end > day_start,
            Duty.start >= day_start - MAX_DUTY_SPAN,
        )
        .group_by(Person.station_id)
    )
    for station_id, duty_count, post_count in duty_rows:
        on_duty[station_id] = (duty_count, post_count)

    # A vehicle stands at a post when it is deployed there or crewed there on a post duty.
    at_post = union(
        select(VehicleDeployment.vehicle_id.label("vehicle_id")).where(
            VehicleDeployment.post_id.is_not(None),
            VehicleDeployment.start < day_end,
            VehicleDeployment.end > day_start,
        ),
        select(Duty.vehicle_id.label("vehicle_id"))
        .join(ShiftType, Duty.shift_type_id == ShiftType.id)
        .where(
            Duty.post_id.is_not(None),
            Duty.vehicle_id.is_not(None),
            ShiftType.is_duty,
            Duty.start < day_end,
            Duty.end > day_start,
            Duty.start >= day_start - MAX_DUTY_SPAN,
        ),
    ).subquery()
    vehicles_at_posts = dict(session.execute(
        select(Vehicle.station_id, func.count(distinct(at_post.c.vehicle_id)))
        .join(at_post, at_post.c.vehicle_id == Vehicle.id)
        .group_by(Vehicle.station_id)
    ).all())

    rows = []
    for det_id, det_code, det_name, st_id, st_name, st_short, grade in stations:
        duty_count, post_count = on_duty.get(st_id, (0, 0))
        rows.append(StationCount(
            detachment_id=det_id, detachment_code=det_code, detachment_name=det_name,
            station_id=st_id, station_name=st_name, station_short_name=st_short, grade=grade,
            people=people.get(st_id, 0), vehicles=vehicles.get(st_id, 0),
            on_duty=duty_count, at_posts=post_count,
            vehicles_at_posts=vehicles_at_posts.get(st_id, 0),
        ))
    return rows


def operations_overview(session: Session) -> list[OperationCount]:
    """Every security task, the latest first, with the number of its posts."""
    stmt = (
        select(
            Operation.id, Operation.name, Operation.start_date, Operation.end_date, Operation.readiness,
            func.count(Post.id),
        )
        .outerjoin(Post, Post.operation_id == Operation.id)
        .group_by(Operation.id, Operation.name, Operation.start_date, Operation.end_date, Operation.readiness)
        .order_by(Operation.start_date.desc(), Operation.name)
    )
    return [OperationCount(*row) for row in session.execute(stmt)]
