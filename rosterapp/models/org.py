"""The organisation: detachments (支队) and their stations (消防救援站)."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from rosterapp.models.base import Base, Versioned, code, intpk, name
from rosterapp.vocab import STATION_GRADE


def one_of(column: str, values) -> str:
    """SQL text of a CHECK that ``column`` holds one of ``values``."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


class Detachment(Base):
    __tablename__ = "detachment"

    id: Mapped[intpk]
    code: Mapped[code] = mapped_column(unique=True)
    name: Mapped[name] = mapped_column(unique=True)
    short_name: Mapped[str] = mapped_column(String(20))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    stations: Mapped[list[Station]] = relationship(
        back_populates="detachment", order_by="Station.sort_order"
    )


class Station(Versioned, Base):
    __tablename__ = "station"
    __table_args__ = (
        CheckConstraint(one_of("grade", STATION_GRADE), name="grade"),
        CheckConstraint("min_people IS NULL OR min_people >= 0", name="min_people"),
        CheckConstraint("min_vehicles IS NULL OR min_vehicles >= 0", name="min_vehicles"),
    )

    id: Mapped[intpk]
    # A detachment with stations cannot be deleted: stations hold people and history.
    detachment_id: Mapped[int] = mapped_column(ForeignKey("detachment.id", ondelete="RESTRICT"), index=True)
    name: Mapped[name] = mapped_column(unique=True)
    short_name: Mapped[str] = mapped_column(String(40))
    grade: Mapped[str] = mapped_column(String(16), default="level1")
    # Minimum strength on duty; NULL means the default for the station's grade.
    min_people: Mapped[int | None]
    min_vehicles: Mapped[int | None]
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    detachment: Mapped[Detachment] = relationship(back_populates="stations")
