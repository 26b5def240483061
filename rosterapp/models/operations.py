"""Security tasks (保卫任务), their standby posts (点位) and what each post requires."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from rosterapp.models.base import Base, Versioned, intpk, name, timestamp
from rosterapp.models.org import Detachment, Station, one_of
from rosterapp.models.reference import Qualification, VehicleType
from rosterapp.vocab import DUTY_MODE, POST_TYPE, READINESS, ROTATION


class Operation(Versioned, Base):
    """A security task with a date window, such as 全国两会消防安保."""

    __tablename__ = "operation"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="end_after_start"),
        CheckConstraint(one_of("readiness", READINESS), name="readiness"),
    )

    id: Mapped[intpk]
    name: Mapped[str] = mapped_column(String(100), unique=True)
    start_date: Mapped[dt.date]
    end_date: Mapped[dt.date]
    readiness: Mapped[str] = mapped_column(String(16), default="level3")
    remarks: Mapped[str] = mapped_column(Text, default="")

    posts: Mapped[list[Post]] = relationship(
        back_populates="operation", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Post.code",
    )


post_qualification = Table(
    "post_qualification",
    Base.metadata,
    Column("post_id", ForeignKey("post.id", ondelete="CASCADE"), primary_key=True),
    Column("qualification_id", ForeignKey("qualification.id", ondelete="RESTRICT"), primary_key=True),
)


class Post(Versioned, Base):
    """A guarded site of an operation and how it is staffed."""

    __tablename__ = "post"
    __table_args__ = (
        UniqueConstraint("operation_id", "code"),
        CheckConstraint('active_to > active_from', name="end_after_start"),
        CheckConstraint(one_of("post_type", POST_TYPE), name="post_type"),
        CheckConstraint(one_of("duty_mode", DUTY_MODE), name="duty_mode"),
        CheckConstraint(one_of("rotation", ROTATION), name="rotation"),
        CheckConstraint("arrival_minutes IS NULL OR arrival_minutes > 0", name="arrival_minutes"),
        CheckConstraint("min_people >= 0", name="min_people"),
    )

    id: Mapped[intpk]
    # Posts belong to their operation: deleting an operation deletes its posts and their staffing.
    operation_id: Mapped[int] = mapped_column(ForeignKey("operation.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[name]
    post_type: Mapped[str] = mapped_column(String(16))
    duty_mode: Mapped[str] = mapped_column(String(16))
    detachment_id: Mapped[int] = mapped_column(ForeignKey("detachment.id", ondelete="RESTRICT"))
    station_id: Mapped[int | None] = mapped_column(ForeignKey("station.id", ondelete="SET NULL"))
    address: Mapped[str] = mapped_column(String(200), default="")
    radio_channel: Mapped[str] = mapped_column(String(40), default="")
    arrival_minutes: Mapped[int | None]
    active_from: Mapped[timestamp]
    active_to: Mapped[timestamp]
    rotation: Mapped[str] = mapped_column(String(16), default="24h")
    handover_time: Mapped[dt.time] = mapped_column(Time, default=dt.time(8, 0))
    min_people: Mapped[int] = mapped_column(Integer, default=0)
    needs_commander: Mapped[bool] = mapped_column(Boolean, default=True)
    remarks: Mapped[str] = mapped_column(Text, default="")

    operation: Mapped[Operation] = relationship(back_populates="posts")
    detachment: Mapped[Detachment] = relationship()
    station: Mapped[Station | None] = relationship()
    vehicle_requirements: Mapped[list[PostVehicleRequirement]] = relationship(
        back_populates="post", cascade="all, delete-orphan", passive_deletes=True
    )
    required_qualifications: Mapped[list[Qualification]] = relationship(secondary=post_qualification)


class PostVehicleRequirement(Base):
    """A post needs ``count`` vehicles of a type."""

    __tablename__ = "post_vehicle_requirement"
    __table_args__ = (
        UniqueConstraint("post_id", "vehicle_type_id"),
        CheckConstraint("count >= 1", name="count"),
    )

    id: Mapped[intpk]
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"))
    vehicle_type_id: Mapped[int] = mapped_column(ForeignKey("vehicle_type.id", ondelete="RESTRICT"))
    count: Mapped[int] = mapped_column(Integer, default=1)

    post: Mapped[Post] = relationship(back_populates="vehicle_requirements")
    vehicle_type: Mapped[VehicleType] = relationship()
