"""A station's duty book: who leads and watches each duty day, the shift swaps and their pay-backs,
and the handover record (交接班记录)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from rosterapp.models.base import Base, Versioned, intpk, timestamp
from rosterapp.models.org import Station, one_of
from rosterapp.models.people import Person
from rosterapp.models.reference import ShiftType
from rosterapp.vocab import DUTY_ROLE, SWAP_KIND


class DutyAssignment(Versioned, Base):
    """One duty role of one duty day (the day that starts at the handover): 带班领导, 站内值班 or
    通信值班 at a station; 支队值班领导 or 支队总值班 at a detachment's staff office."""

    __tablename__ = "duty_assignment"
    __table_args__ = (
        UniqueConstraint("station_id", "day", "role"),
        CheckConstraint(one_of("role", DUTY_ROLE), name="role"),
        Index("ix_duty_assignment_day", "day"),
        Index("ix_duty_assignment_person_day", "person_id", "day"),
    )

    id: Mapped[intpk]
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id", ondelete="CASCADE"))
    day: Mapped[dt.date] = mapped_column(Date)
    role: Mapped[str] = mapped_column(String(16))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))

    station: Mapped[Station] = relationship()
    person: Mapped[Person] = relationship()


class ShiftSwap(Versioned, Base):
    """A recorded 换班, 替班 or 还班 at a station.

    ``person_a`` gives their duty of ``day_a`` to ``person_b``; in a 换班 ``person_b`` gives their duty
    of ``day_b`` back to ``person_a``. A 替班 leaves ``person_a`` owing ``person_b`` a duty of the same
    kind (``shift_type``): it is open until a 还班 ``settles`` it or it is settled by hand.
    """

    __tablename__ = "shift_swap"
    __table_args__ = (
        CheckConstraint(one_of("kind", SWAP_KIND), name="kind"),
        CheckConstraint("person_a_id <> person_b_id", name="two_people"),
        CheckConstraint("(kind = 'swap') = (day_b IS NOT NULL)", name="day_b"),
        Index("ix_shift_swap_station_day", "station_id", "day_a"),
    )

    id: Mapped[intpk]
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    person_a_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    day_a: Mapped[dt.date] = mapped_column(Date)
    person_b_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    day_b: Mapped[dt.date | None] = mapped_column(Date)
    shift_type_id: Mapped[int | None] = mapped_column(ForeignKey("shift_type.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(String(200), default="")
    # One of the station's officers, or free text for someone outside it.
    approver_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    approver_text: Mapped[str] = mapped_column(String(60), default="")
    recorded_at: Mapped[timestamp]
    # A 还班 names the 替班 it pays back.
    settles_id: Mapped[int | None] = mapped_column(ForeignKey("shift_swap.id", ondelete="SET NULL"))
    # A 替班 settled by hand.
    settled_at: Mapped[dt.datetime | None]
    settled_note: Mapped[str] = mapped_column(String(200), default="")

    station: Mapped[Station] = relationship()
    person_a: Mapped[Person] = relationship(foreign_keys=[person_a_id])
    person_b: Mapped[Person] = relationship(foreign_keys=[person_b_id])
    approver: Mapped[Person | None] = relationship(foreign_keys=[approver_id])
    shift_type: Mapped[ShiftType | None] = relationship()


class Handover(Versioned, Base):
    """The handover record of a station's duty day: the items as text and the time of handover.
    The outgoing and incoming duty leaders are the day's and the next day's 带班领导."""

    __tablename__ = "handover"
    __table_args__ = (UniqueConstraint("station_id", "day"),)

    id: Mapped[intpk]
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id", ondelete="CASCADE"))
    day: Mapped[dt.date] = mapped_column(Date)
    vehicles: Mapped[str] = mapped_column(Text, default="")
    equipment: Mapped[str] = mapped_column(Text, default="")
    comms: Mapped[str] = mapped_column(Text, default="")
    safety: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    handed_over_at: Mapped[dt.time | None] = mapped_column(Time)

    station: Mapped[Station] = relationship()
