"""What the register forms offer to choose from."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from rosterapp.models import (
    Detachment,
    Position,
    Qualification,
    Rank,
    Station,
    VehicleType,
)


@dataclass(frozen=True)
class Choice:
    id: int
    name: str


@dataclass(frozen=True)
class StationChoice:
    id: int
    name: str
    detachment_id: int


@dataclass(frozen=True)
class VehicleTypeChoice:
    id: int
    code: str
    name: str
    default_seats: int
    # The loads a new vehicle of the type carries: water and foam in tons, dry powder in kg.
    default_water_t: float = 0.0
    default_foam_t: float = 0.0
    default_powder_kg: float = 0.0


@dataclass(frozen=True)
class RegisterChoices:
    detachments: tuple[Choice, ...]
    stations: tuple[StationChoice, ...]
    ranks: tuple[Choice, ...]
    positions: tuple[Choice, ...]
    qualifications: tuple[Choice, ...]
    vehicle_types: tuple[VehicleTypeChoice, ...]


def register_choices(session: Session) -> RegisterChoices:
    """Detachments, stations, ranks, positions, qualifications and vehicle types, in their own order."""
    return RegisterChoices(
        tuple(Choice(*r) for r in session.execute(
            select(Detachment.id, Detachment.name).order_by(Detachment.sort_order, Detachment.id))),
        tuple(StationChoice(*r) for r in session.execute(
            select(Station.id, Station.name, Station.detachment_id).join(Detachment)
            .order_by(Detachment.sort_order, Station.sort_order, Station.id))),
        tuple(Choice(*r) for r in session.execute(select(Rank.id, Rank.name).order_by(Rank.sort_order, Rank.id))),
        tuple(Choice(*r) for r in session.execute(
            select(Position.id, Position.name).order_by(Position.sort_order, Position.id))),
        tuple(Choice(*r) for r in session.execute(select(Qualification.id, Qualification.name)
                                                  .order_by(Qualification.id))),
        tuple(VehicleTypeChoice(*r) for r in session.execute(
            select(VehicleType.id, VehicleType.code, VehicleType.name, VehicleType.default_seats,
                   VehicleType.default_water_t, VehicleType.default_foam_t, VehicleType.default_powder_kg)
            .order_by(VehicleType.id))),
    )
