"""People (人员), their qualifications and their absences (休假, 病假, 事假, …)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, Column, ForeignKey, Index, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from rosterapp.models.base import Base, Versioned, intpk, name, timestamp
from rosterapp.models.org import Station, one_of
from rosterapp.models.reference import Position, Qualification, Rank
from rosterapp.vocab import ABSENCE_KIND, SEX

person_qualification = Table(
    "person_qualification",
    Base.metadata,
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), primary_key=True),
    # A qualification that people hold cannot be deleted by accident.
    Column("qualification_id", ForeignKey("qualification.id", ondelete="RESTRICT"), primary_key=True),
)


class Person(Versioned, Base):
    """A firefighter or officer. A person with history is deactivated, never deleted."""

    __tablename__ = "person"
    __table_args__ = (
        CheckConstraint(f"sex IS NULL OR {one_of('sex', SEX)}", name="sex"),
    )

    id: Mapped[intpk]
    staff_no: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[name]
    sex: Mapped[str | None] = mapped_column(String(1))
    birth_date: Mapped[dt.date | None]
    rank_id: Mapped[int | None] = mapped_column(ForeignKey("rank.id", ondelete="RESTRICT"))
    position_id: Mapped[int | None] = mapped_column(ForeignKey("position.id", ondelete="RESTRICT"))
    phone: Mapped[str] = mapped_column(String(20), default="")
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id", ondelete="RESTRICT"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    station: Mapped[Station] = relationship()
    rank: Mapped[Rank | None] = relationship()
    position: Mapped[Position | None] = relationship()
    qualifications: Mapped[list[Qualification]] = relationship(secondary=person_qualification)
    absences: Mapped[list[Absence]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )


class Absence(Versioned, Base):
    """Time a person is away, as a half-open interval [start, end)."""

    __tablename__ = "absence"
    __table_args__ = (
        CheckConstraint('"end" > start', name="end_after_start"),
        CheckConstraint(one_of("kind", ABSENCE_KIND), name="kind"),
        Index("ix_absence_person_start", "person_id", "start"),
    )

    id: Mapped[intpk]
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    start: Mapped[timestamp]
    end: Mapped[timestamp]
    note: Mapped[str] = mapped_column(String(200), default="")

    person: Mapped[Person] = relationship(back_populates="absences")
