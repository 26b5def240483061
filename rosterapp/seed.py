"""How a new database gets the reference data of DOMAIN.md (rosterapp.db seeds it when it opens one)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rosterapp import reference_data as ref
from rosterapp.models import (
    Detachment,
    Position,
    Qualification,
    Rank,
    RuleSetting,
    ShiftType,
    Station,
    VehicleType,
)


def is_seeded(session: Session) -> bool:
    return session.scalar(select(func.count()).select_from(Detachment)) > 0


def seed_reference(session: Session) -> bool:
    """Insert the reference data once; returns False when the database already had it."""
    if is_seeded(session):
        return False
    quals = {name: Qualification(name=name) for name in ref.QUALIFICATIONS}
    session.add_all(quals.values())
    for order, (code, name, short) in enumerate(ref.DETACHMENTS):
        det = Detachment(code=code, name=name, short_name=short, sort_order=order)
        session.add(det)
        for s_order, station in enumerate(ref.STATIONS[code]):
            session.add(Station(
                detachment=det, name=station, short_name=ref.station_short_name(station),
                grade=ref.station_grade(station), sort_order=s_order,
            ))
        session.add(Station(detachment=det, name=ref.office_name(name), short_name=ref.OFFICE_SUFFIX,
                            grade="office", sort_order=ref.OFFICE_SORT_ORDER))
    session.add_all(Position(name=name, sort_order=i)
                    for i, name in enumerate(ref.POSITIONS + ref.OFFICE_POSITIONS))
    ranks = [(n, False) for n in ref.FIREFIGHTER_RANKS] + [(n, True) for n in ref.OFFICER_RANKS]
    session.add_all(Rank(name=n, is_officer=o, sort_order=i) for i, (n, o) in enumerate(ranks))
    for code, name, vclass, seats, min_crew, aerial in ref.VEHICLE_TYPES:
        session.add(VehicleType(
            code=code, name=name, vehicle_class=vclass, default_seats=seats, min_crew=min_crew,
            is_aerial=aerial, driver_qualification=quals[ref.DRIVING],
            **dict(zip(("default_water_t", "default_foam_t", "default_powder_kg"),
                       ref.VEHICLE_LOADS.get(code, (0.0, 0.0, 0.0)), strict=True)),
        ))
    for order, (code, name, start, minutes, is_duty, color) in enumerate(ref.SHIFT_TYPES):
        session.add(ShiftType(code=code, name=name, start_time=start, duration_minutes=minutes,
                              is_duty=is_duty, color=color, sort_order=order))
    for key, value in ref.RULE_DEFAULTS.items():
        session.add(RuleSetting(key=key, value=value))
    for level, values in ref.RULE_READINESS.items():
        for key, value in values.items():
            session.add(RuleSetting(key=key, value=value, readiness=level))
    session.flush()
    return True
