"""Duty hours of a month per person: who has done how much (the fairness chart, the order of the lists)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from rosterapp.models import (
    Duty,
    Person,
    ShiftType,
    Station,
)
from rosterapp.services.bulk import bulk_read
from rosterapp.services.dutyday import month_range
from rosterapp.services.rules.data import Minutes, to_min


@dataclass(frozen=True, slots=True)
class PersonHours:
    person_id: int
    name: str
    staff_no: str
    station: str
    detachment_id: int
    hours: float


def month_hours(session: Session, day: dt.date, *, detachment_id: int | None = None,
                station_id: int | None = None) -> list[PersonHours]:
    """Every active person of the scope with their duty hours in ``day``'s month, most first.

    A duty counts for the part of it inside the month (a 值 from the last evening counts 16 h in the
    old month and 8 h in the new one); 休 is not a duty.
    """
    first, last = month_range(day)
    following = last + dt.timedelta(days=1)
    lo, hi = dt.datetime.combine(first, dt.time()), dt.datetime.combine(following, dt.time())
    people = (select(Person.id, Person.name, Person.staff_no, Station.short_name, Station.detachment_id)
              .join(Station, Station.id == Person.station_id).where(Person.active))
    if station_id is not None:
        people = people.where(Person.station_id == station_id)
    elif detachment_id is not None:
        people = people.where(Station.detachment_id == detachment_id)
    rows = session.execute(people).all()
    scope = {r[0] for r in rows}
    minutes = Minutes()
    m_lo, m_hi = to_min(lo), to_min(hi)
    total: dict[int, int] = defaultdict(int)
    d = Duty.__table__.c
    query = (select(d.person_id, type_coerce(d.start, String), type_coerce(d.end, String))
             .join(ShiftType.__table__, ShiftType.id == d.shift_type_id)
             .where(ShiftType.is_duty, d.start < hi, d.end > lo, d.start >= lo - dt.timedelta(days=2)))
    with bulk_read():
        for pid, s, e in session.connection().execute(query):
            if pid in scope:
                total[pid] += min(minutes[e], m_hi) - max(minutes[s], m_lo)
    out = [PersonHours(pid, name, staff_no, station, det, total.get(pid, 0) / 60)
           for pid, name, staff_no, station, det in rows]
    out.sort(key=lambda p: (-p.hours, p.staff_no))
    return out


