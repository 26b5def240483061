"""Fire vehicles and their maintenance windows."""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, Float, ForeignKey, Index, String
from sqlalchemy import text as sqltext
from sqlalchemy.orm import Mapped, mapped_column, relationship

from rosterapp.models.base import Base, Versioned, intpk, timestamp
from rosterapp.models.org import Station, one_of
from rosterapp.models.reference import VehicleType
from rosterapp.vocab import VEHICLE_STATUS


class Vehicle(Versioned, Base):
    """A vehicle such as 京X·1234应急. A vehicle with history is deactivated, never deleted."""

    __tablename__ = "vehicle"
    __table_args__ = (
        CheckConstraint("seats BETWEEN 1 AND 12", name="seats"),
        CheckConstraint(one_of("status", VEHICLE_STATUS), name="status"),
        CheckConstraint("water_t >= 0 AND foam_t >= 0 AND powder_kg >= 0", name="loads"),
    )

    id: Mapped[intpk]
    plate: Mapped[str] = mapped_column(String(32), unique=True)
    call_sign: Mapped[str] = mapped_column(String(60), default="")
    type_id: Mapped[int] = mapped_column(ForeignKey("vehicle_type.id", ondelete="RESTRICT"))
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id", ondelete="RESTRICT"), index=True)
    seats: Mapped[int]
    status: Mapped[str] = mapped_column(String(16), default="in_service")
    # Extinguishing agents carried (执勤实力): water and foam in tons, dry powder in kg; a new
    # vehicle takes its type's defaults.
    water_t: Mapped[float] = mapped_column(Float, default=0.0, server_default=sqltext("0"))
    foam_t: Mapped[float] = mapped_column(Float, default=0.0, server_default=sqltext("0"))
    powder_kg: Mapped[float] = mapped_column(Float, default=0.0, server_default=sqltext("0"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    type: Mapped[VehicleType] = relationship()
    station: Mapped[Station] = relationship()
    maintenance: Mapped[list[Maintenance]] = relationship(
        back_populates="vehicle", cascade="all, delete-orphan", passive_deletes=True
    )


class Maintenance(Versioned, Base):
    """A window [start, end) in which a vehicle is out for maintenance."""

    __tablename__ = "maintenance"
    __table_args__ = (
        CheckConstraint('"end" > start', name="end_after_start"),
        Index("ix_maintenance_vehicle_start", "vehicle_id", "start"),
    )

    id: Mapped[intpk]
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicle.id", ondelete="CASCADE"))
    start: Mapped[timestamp]
    end: Mapped[timestamp]
    reason: Mapped[str] = mapped_column(String(200), default="")

    vehicle: Mapped[Vehicle] = relationship(back_populates="maintenance")
