"""Roster cells and deployments: who is on which shift where, and where each vehicle stands."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from rosterapp.models.base import Base, Versioned, intpk, timestamp
from rosterapp.models.operations import Post
from rosterapp.models.org import Station, one_of
from rosterapp.models.people import Person
from rosterapp.models.reference import ShiftType
from rosterapp.models.vehicles import Vehicle
from rosterapp.vocab import CREW_ROLE

# Exactly one place: a station or a post.
_ONE_PLACE = "(station_id IS NULL) <> (post_id IS NULL)"


class Duty(Versioned, Base):
    """One roster entry of a person over [start, end): a shift at a station or at a post.

    A 休 (off) entry is a Duty whose shift type is not a duty; it keeps the clerk's grid intact.
    """

    __tablename__ = "duty"
    __table_args__ = (
        CheckConstraint('"end" > start', name="end_after_start"),
        CheckConstraint(_ONE_PLACE, name="one_place"),
        CheckConstraint(f"role IS NULL OR {one_of('role', CREW_ROLE)}", name="role"),
        Index("ix_duty_person_start", "person_id", "start"),
        Index("ix_duty_vehicle_start", "vehicle_id", "start"),
        Index("ix_duty_post_start", "post_id", "start"),
        Index("ix_duty_start", "start"),
    )

    id: Mapped[intpk]
    # History keeps people: a person with duties cannot be deleted, only deactivated.
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    start: Mapped[timestamp]
    end: Mapped[timestamp]
    shift_type_id: Mapped[int] = mapped_column(ForeignKey("shift_type.id", ondelete="RESTRICT"))
    station_id: Mapped[int | None] = mapped_column(ForeignKey("station.id", ondelete="RESTRICT"))
    # A post's staffing goes with the post.
    post_id: Mapped[int | None] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"))
    vehicle_id: Mapped[int | None] = mapped_column(ForeignKey("vehicle.id", ondelete="RESTRICT"))
    role: Mapped[str | None] = mapped_column(String(16))

    person: Mapped[Person] = relationship()
    shift_type: Mapped[ShiftType] = relationship()
    station: Mapped[Station | None] = relationship()
    post: Mapped[Post | None] = relationship()
    vehicle: Mapped[Vehicle | None] = relationship()


class VehicleDeployment(Versioned, Base):
    """A vehicle standing at a post (or away at another station) over [start, end)."""

    __tablename__ = "vehicle_deployment"
    __table_args__ = (
        CheckConstraint('"end" > start', name="end_after_start"),
        CheckConstraint(_ONE_PLACE, name="one_place"),
        Index("ix_vehicle_deployment_vehicle_start", "vehicle_id", "start"),
        Index("ix_vehicle_deployment_post_start", "post_id", "start"),
    )

    id: Mapped[intpk]
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicle.id", ondelete="RESTRICT"))
    start: Mapped[timestamp]
    end: Mapped[timestamp]
    post_id: Mapped[int | None] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"))
    station_id: Mapped[int | None] = mapped_column(ForeignKey("station.id", ondelete="RESTRICT"))

    vehicle: Mapped[Vehicle] = relationship()
    post: Mapped[Post | None] = relationship()
    station: Mapped[Station | None] = relationship()
