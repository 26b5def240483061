"""Duty statistics per person over any range of days (月度统计): one computation behind the grid's total
columns, the statistics view, its print and the workbook sheet, so that they all show the same numbers.

How each figure is counted (spec/excel.md, 月度统计):

- A duty counts on the calendar day it starts (the grid's cell): a 值 from 08:00 on the 31st counts in
  that month even though it ends on the 1st. Only duty shifts count (休 is not a duty); station and post
  duties alike.
- 值班天数: the days on which the person starts at least one duty.
- 24小时执勤: duties of 24 hours or longer (值, a 24 h post window).
- 白班 / 夜班: every shorter duty is a night shift when it starts from 20:00 to before 06:00 (夜 20:00,
  晚 00:00, a post's night window), else a day shift (白 08:00, 早 08:00, 中 16:00, a post's day window).
- 周末: the days with a duty that fall on a Saturday or Sunday that is not an adjusted working day (调休).
- 节假日: the days with a duty that fall on a public holiday (chinese-calendar: the days off of a holiday,
  services.calendar). A Saturday inside the National Day holiday counts in both columns, as both
  definitions hold.
- 点位勤务小时: the hours of post duties; 总小时: the hours of all duties, post duties included.
- 请休假天数: the days whose noon an absence covers (as the grid shows them), in total and by kind.
- 待还班: the person's open stand-ins (替班 they were covered for, neither paid back by a 还班 nor settled
  by hand), recorded for a day up to the range's last.

Everything is read with a handful of Core selects over the whole scope (services.bulk): the city's 3,000
people over a month take a fraction of a second.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import String, exists, or_, select, type_coerce
from sqlalchemy.orm import Session

from rosterapp import vocab
from rosterapp.models import Absence, Detachment, Duty, Person, Position, ShiftType, Station
from rosterapp.services import swaps
from rosterapp.services.bulk import bulk_read
from rosterapp.services.calendar import day_info
from rosterapp.services.dutyday import DAY

FULL_MINUTES = 24 * 60
NIGHT_FROM, NIGHT_UNTIL = 20, 6  # a shorter duty starting from 20:00 to before 06:00 is a night shift
NOON = dt.time(12)
LEAVE_KINDS = tuple(vocab.ABSENCE_KIND)

# The columns every output shows, in the sheet's order: (field, Chinese header, English header).
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("duty_days", "值班天数", "Duty days"),
    ("full_duties", "24小时执勤", "24 h duties"),
    ("day_shifts", "白班", "Day shifts"),
    ("night_shifts", "夜班", "Night shifts"),
    ("weekend_days", "周末", "Weekends"),
    ("holiday_days", "节假日", "Holidays"),
    ("post_hours", "点位勤务小时", "Post hours"),
    ("hours", "总小时", "Total hours"),
    ("leave_days", "请休假天数", "Leave days"),
    ("owed", "待还班", "Owed pay-backs"),
)
# The columns whose spread within a station the view highlights and the print lists.
SPREAD_FIELDS = ("duty_days", "hours", "night_shifts", "weekend_days")


@dataclass(slots=True)
class PersonStats:
    """One person's figures over the range (see the module's docstring for how each is counted)."""

    person_id: int
    staff_no: str
    name: str
    position: str
    station_id: int
    station: str
    detachment_id: int
    detachment: str
    active: bool = True
    duty_days: int = 0
    full_duties: int = 0
    day_shifts: int = 0
    night_shifts: int = 0
    weekend_days: int = 0
    holiday_days: int = 0
    post_hours: float = 0.0
    hours: float = 0.0
    leave: dict[str, int] = field(default_factory=dict)  # absence kind -> days
    owed: int = 0

    @property
    def leave_days(self) -> int:
        return sum(self.leave.values())

    def value(self, name: str) -> int | float:
        """A column's figure by its field name (COLUMNS), or an absence kind's days."""
        if name in vocab.ABSENCE_KIND:
            return self.leave.get(name, 0)
        return getattr(self, name)


@dataclass
class Statistics:
    """Everyone's figures over [first, last], in roster order (detachment, station, position, staff no)."""

    first: dt.date
    last: dt.date
    people: list[PersonStats]

    def by_person(self) -> dict[int, PersonStats]:
        return {p.person_id: p for p in self.people}

    def stations(self) -> list[tuple[int, list[PersonStats]]]:
        """The people grouped by station, in order."""
        groups: dict[int, list[PersonStats]] = {}
        for p in self.people:
            groups.setdefault(p.station_id, []).append(p)
        return list(groups.items())


def spread(people: Sequence[PersonStats], name: str) -> tuple[int | float, int | float] | None:
    """(least, most) of a column among ``people``; None when there are fewer than two or all are equal."""
    if len(people) < 2:
        return None
    values = [p.value(name) for p in people]
    low, high = min(values), max(values)
    return None if low == high else (low, high)


def hours_text(value: float) -> str:
    """Hours as a clerk writes them: 24, 7.5."""
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def _hours(minutes: int) -> float:
    return round(minutes / 60, 2)


def compute(session: Session, first: dt.date, last: dt.date, *, detachment_id: int | None = None,
            station_id: int | None = None, person_ids: Iterable[int] | None = None) -> Statistics:
    """The figures of a station, a detachment, some people or (none given) the whole city over [first, last].

    The people are those active in the scope and those with a duty starting in the range (history is never
    hidden); ``person_ids`` gives exactly those people.
    """
    lo = dt.datetime.combine(first, dt.time())
    hi = dt.datetime.combine(last + DAY, dt.time())
    d = Duty.__table__.c
    people_q = (select(Person.id, Person.staff_no, Person.name, Position.name, Station.id, Station.name,
                       Detachment.id, Detachment.name, Person.active)
                .join(Station, Station.id == Person.station_id)
                .join(Detachment, Detachment.id == Station.detachment_id)
                .outerjoin(Position, Position.id == Person.position_id)
                .order_by(Detachment.sort_order, Detachment.id, Station.sort_order, Station.id,
                          Position.sort_order.is_(None), Position.sort_order, Person.staff_no))
    scope = None
    if person_ids is not None:
        ids = sorted(set(person_ids))
        people_q = people_q.where(Person.id.in_(ids))
        scope = ids
    else:
        if station_id is not None:
            people_q = people_q.where(Person.station_id == station_id)
            scope = select(Person.id).where(Person.station_id == station_id).scalar_subquery()
        elif detachment_id is not None:
            people_q = people_q.where(Station.detachment_id == detachment_id)
            scope = (select(Person.id).join(Station, Station.id == Person.station_id)
                     .where(Station.detachment_id == detachment_id).scalar_subquery())
        has_duty = exists().where(d.person_id == Person.id, d.start >= lo, d.start < hi)
        people_q = people_q.where(or_(Person.active, has_duty))
    conn = session.connection()
    stats = [PersonStats(pid, staff_no, name, position or "", sid, station, did, det, active=bool(active))
             for pid, staff_no, name, position, sid, station, did, det, active in conn.execute(people_q)]
    of = {p.person_id: p for p in stats}

    # Duties: the start and end as the database gives them (text in SQLite), each distinct value parsed once.
    duties = (select(d.person_id, type_coerce(d.start, String), type_coerce(d.end, String), d.post_id)
              .join(ShiftType.__table__, ShiftType.id == d.shift_type_id)
              .where(ShiftType.is_duty, d.start >= lo, d.start < hi))
    if scope is not None:
        duties = duties.where(d.person_id.in_(scope))
    moments: dict[object, dt.datetime] = {}
    kinds: dict[tuple[object, object], tuple[dt.date, int, bool]] = {}  # (start, end) -> (day, minutes, night)
    days_of: dict[int, set[dt.date]] = {}
    with bulk_read():
        rows = conn.execute(duties).all()
        for pid, start, end, post in rows:
            p = of.get(pid)
            if p is None:
                continue
            kind = kinds.get((start, end))
            if kind is None:
                s = moments.get(start)
                if s is None:
                    s = moments[start] = start if isinstance(start, dt.datetime) else dt.datetime.fromisoformat(start)
                e = moments.get(end)
                if e is None:
                    e = moments[end] = end if isinstance(end, dt.datetime) else dt.datetime.fromisoformat(end)
                minutes = int((e - s).total_seconds()) // 60
                kind = kinds[start, end] = (s.date(), minutes, s.hour >= NIGHT_FROM or s.hour < NIGHT_UNTIL)
            day, minutes, night = kind
            if minutes >= FULL_MINUTES:
                p.full_duties += 1
            elif night:
                p.night_shifts += 1
            else:
                p.day_shifts += 1
            p.hours += minutes
            if post is not None:
                p.post_hours += minutes
            seen = days_of.get(pid)
            if seen is None:
                seen = days_of[pid] = set()
            seen.add(day)
    for pid, days in days_of.items():
        p = of[pid]
        p.duty_days = len(days)
        for day in days:
            info = day_info(day)
            if info.weekend and not info.adjusted_workday:
                p.weekend_days += 1
            if info.holiday:
                p.holiday_days += 1
    for p in stats:
        p.hours = _hours(int(p.hours))
        p.post_hours = _hours(int(p.post_hours))

    # Absences: a day is away when its noon falls inside the absence (leave runs handover to handover).
    first_noon, last_noon = dt.datetime.combine(first, NOON), dt.datetime.combine(last, NOON)
    absences = select(Absence.person_id, Absence.kind, Absence.start, Absence.end).where(
        Absence.end > first_noon, Absence.start <= last_noon)
    if scope is not None:
        absences = absences.where(Absence.person_id.in_(scope))
    for pid, kind, start, end in session.execute(absences):
        p = of.get(pid)
        if p is None:
            continue
        # The first and last day of the range whose noon lies in [start, end).
        a = max(first, start.date() if start.time() <= NOON else start.date() + DAY)
        b = min(last, end.date() if end.time() > NOON else end.date() - DAY)
        if b >= a:
            p.leave[kind] = p.leave.get(kind, 0) + (b - a).days + 1

    # Open stand-ins owed (swaps' one definition: a 替班 neither settled by hand nor paid back by a 还班).
    for pid, count in swaps.open_paybacks(session, until=last).items():
        p = of.get(pid)
        if p is not None:
            p.owed = count
    return Statistics(first, last, stats)

