"""Reference tables seeded in every database: ranks, positions, qualifications, shifts, vehicle types."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, Float, ForeignKey, Integer, String, Time
from sqlalchemy import text as sqltext
from sqlalchemy.orm import Mapped, mapped_column, relationship

from rosterapp.models.base import Base, code, intpk, name
from rosterapp.models.org import one_of
from rosterapp.vocab import VEHICLE_CLASS


class Rank(Base):
    __tablename__ = "rank"

    id: Mapped[intpk]
    name: Mapped[name] = mapped_column(unique=True)
    is_officer: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Position(Base):
    __tablename__ = "position"

    id: Mapped[intpk]
    name: Mapped[name] = mapped_column(unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Qualification(Base):
    __tablename__ = "qualification"

    id: Mapped[intpk]
    name: Mapped[name] = mapped_column(unique=True)


class ShiftType(Base):
    """A roster code such as 值 or 白; 休 is a shift type that is not a duty."""

    __tablename__ = "shift_type"
    __table_args__ = (
        CheckConstraint("duration_minutes > 0 AND duration_minutes <= 2880", name="duration"),
    )

    id: Mapped[intpk]
    code: Mapped[code] = mapped_column(unique=True)
    name: Mapped[name]
    start_time: Mapped[dt.time] = mapped_column(Time)
    duration_minutes: Mapped[int]
    is_duty: Mapped[bool] = mapped_column(Boolean, default=True)
    color: Mapped[str] = mapped_column(String(9), default="#ffffff")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class VehicleType(Base):
    __tablename__ = "vehicle_type"
    __table_args__ = (
        CheckConstraint(one_of("vehicle_class", VEHICLE_CLASS), name="vehicle_class"),
        CheckConstraint("default_seats BETWEEN 1 AND 12", name="default_seats"),
        CheckConstraint("min_crew >= 1", name="min_crew"),
    )

    id: Mapped[intpk]
    code: Mapped[code] = mapped_column(unique=True)
    name: Mapped[name] = mapped_column(unique=True)
    vehicle_class: Mapped[str] = mapped_column(String(16))
    default_seats: Mapped[int]
    min_crew: Mapped[int] = mapped_column(Integer, default=2)
    is_aerial: Mapped[bool] = mapped_column(Boolean, default=False)
    # The loads a new vehicle of the type carries: water and foam in tons, dry powder in kg.
    default_water_t: Mapped[float] = mapped_column(Float, default=0.0, server_default=sqltext("0"))
    default_foam_t: Mapped[float] = mapped_column(Float, default=0.0, server_default=sqltext("0"))
    default_powder_kg: Mapped[float] = mapped_column(Float, default=0.0, server_default=sqltext("0"))
    # The qualification the driver must hold; a type without one can be driven by anybody.
    driver_qualification_id: Mapped[int | None] = mapped_column(
        ForeignKey("qualification.id", ondelete="SET NULL")
    )

    driver_qualification: Mapped[Qualification | None] = relationship()
