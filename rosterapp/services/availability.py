"""Who and what may stand at a post's shift window, decided on the checking engine's plain data.

No query per candidate: the checker already holds every duty, deployment, absence and maintenance
window of the dates shown, indexed by person, vehicle and station day.

A person may when active, not absent, not at another post, rested before and after (the
operation's ``min_rest_hours``, its readiness level included) and, for a crew role, qualified for
it. A person on duty at a station that day may: the move takes them off that station duty (the
crews on duty are who a station sends). A vehicle may when active, in service, out of maintenance
and not elsewhere; a vehicle at its station may, and its crew on duty is the suggestion.

Lists put the post's own detachment first, then, for people, the fewest duty hours this month
(fairness), for vehicles the types the post still needs.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rosterapp.services.dutyday import month_range
from rosterapp.services.rules.data import DAY_MINUTES, EPOCH, CheckData, DutyRec, day_number, duty_day
from rosterapp.services.rules.engine import Checker

# Why a person or a vehicle may not stand at a window.
UNKNOWN = "unknown"  # ()
INACTIVE = "inactive"  # ()
ON_LEAVE = "on_leave"  # (absence kind, first minute, end minute)
BUSY = "busy"  # (where: a post code or a station name, first minute, end minute)
PLANNED = "planned"  # () already planned elsewhere in the same edit
ALREADY_HERE = "already_here"  # ()
NOT_RESTED = "not_rested"  # (hours of rest, hours required)
NOT_QUALIFIED = "not_qualified"  # (role,)
NOT_IN_SERVICE = "not_in_service"  # ()
MAINTENANCE = "maintenance"  # (reason, first minute, end minute)

# Duties this far around a window can change whether a person is rested: a stretch of duties joined
# back to back lasts under 48 h, and a rest shorter than the minimum (at most a day) ends it.
MARGIN = 2 * DAY_MINUTES


@dataclass(frozen=True)
class Reason:
    code: str
    args: tuple = ()


@dataclass(frozen=True)
class PersonOption:
    id: int
    name: str
    staff_no: str
    station: str
    detachment_id: int
    own: bool
    hours: float  # duty hours in the window's month
    officer: bool
    quals: frozenset[int]
    on_duty: bool  # on duty at a station in the window: the move takes them off it
    vehicle_id: int | None  # the vehicle of that station duty
    role: str | None  # their crew role in that station duty


@dataclass(frozen=True)
class VehicleOption:
    id: int
    call_sign: str
    plate: str
    type_code: str
    station: str
    detachment_id: int
    own: bool
    wanted: bool  # a type the post requires
    crewed: bool  # a crew is on duty with it at its station


@dataclass
class Pending:
    """Assignments planned in the same edit and not written yet (a copy over several days)."""

    people: dict[int, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    vehicles: dict[int, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    minutes: dict[int, int] = field(default_factory=lambda: defaultdict(int))  # planned, per person

    def add_person(self, person: int, lo: int, hi: int) -> None:
        self.people[person].append((lo, hi))
        self.minutes[person] += hi - lo

    def add_vehicle(self, vehicle: int, lo: int, hi: int) -> None:
        self.vehicles[vehicle].append((lo, hi))


def roster_day(minute: int) -> int:
    """The calendar day (day number) a duty starting at ``minute`` is written on in the roster."""
    return minute // DAY_MINUTES


def _overlaps(items: Iterable[tuple[int, int]], lo: int, hi: int) -> bool:
    return any(a < hi and lo < b for a, b in items)


def short_rest(others: Sequence[tuple[int, int]], lo: int, hi: int, min_rest: int) -> int | None:
    """The rest (minutes) shorter than ``min_rest`` next to a new duty [lo, hi) among ``others``.

    Stretches as the checking engine forms them: a duty starting exactly when a stretch shorter than
    24 h ends continues it (白 then 夜); an overlapping one always does. None when rested.
    """
    items = sorted([(s, e, False) for s, e in others] + [(lo, hi, True)])
    s_start, s_end = items[0][0], items[0][1]
    stretch, mine = 0, 0 if items[0][2] else -1
    gaps: list[tuple[int, int]] = []  # (gap, index of the stretch after it)
    for start, end, new in items[1:]:
        gap = start - s_end
        if gap < 0 or (gap == 0 and s_end - s_start < DAY_MINUTES):
            s_end = max(s_end, end)
        else:
            stretch += 1
            if gap < min_rest:
                gaps.append((gap, stretch))
            s_start, s_end = start, end
        if new:
            mine = stretch
    for gap, after in gaps:
        if after in (mine, mine + 1):
            return gap
    return None


@dataclass
class _Scan:
    span: tuple[int, int]
    near: dict[int, list[DutyRec]] = field(default_factory=lambda: defaultdict(list))
    inside: list = field(default_factory=list)  # duties and deployments overlapping the window


class Availability:
    """Availability over one loaded checker; build a new one when the checker is replaced."""

    def __init__(self, data: CheckData, checker: Checker):
        self.data = data
        self.checker = checker
        self._month_minutes: dict[int, dict[int, int]] = {}  # month key -> person -> minutes
        self._post_codes = {pid: p.code for pid, p in data.posts.items()}
        self._last_scan: _Scan | None = None

    # -- thresholds and hours -----------------------------------------------------------------------
    def min_rest(self, post_id: int) -> int:
        post = self.data.posts.get(post_id)
        limits = self.data.thresholds.resolve(post.operation if post is not None else None)
        return int(limits["min_rest_hours"] * 60)

    @staticmethod
    def _month_key(minute: int) -> tuple[int, int, int]:
        first, last = month_range(EPOCH.date() + dt.timedelta(days=minute // DAY_MINUTES))
        return first.year * 12 + first.month, day_number(first) * DAY_MINUTES, (day_number(last) + 1) * DAY_MINUTES

    def month_minutes(self, minute: int) -> dict[int, int]:
        """Duty minutes per person in the month of ``minute`` (of the duties the checker holds)."""
        key, lo, hi = self._month_key(minute)
        cached = self._month_minutes.get(key)
        if cached is None:
            cached = defaultdict(int)
            for d in self.data.duties.values():
                if d.start < hi and lo < d.end:
                    cached[d.person] += min(d.end, hi) - max(d.start, lo)
            self._month_minutes[key] = cached
        return cached

    def forget(self, people: Iterable[int]) -> None:
        """An edit touched these people: count their month hours again."""
        people = set(people)
        self._last_scan = None
        if not people:
            return
        for key, cached in self._month_minutes.items():
            year, month = divmod(key - 1, 12)
            first, last = month_range(dt.date(year, month + 1, 1))
            lo, hi = day_number(first) * DAY_MINUTES, (day_number(last) + 1) * DAY_MINUTES
            for pid in people:
                cached[pid] = sum(min(d.end, hi) - max(d.start, lo)
                                  for d in self.checker.by_person.get(pid, ()) if d.start < hi and lo < d.end)

    # -- people ---------------------------------------------------------------------------------------
    def _qualified(self, person, role: str | None, vehicle_id: int | None) -> bool:
        data = self.data
        if role == "driver":
            vehicle = data.vehicles.get(vehicle_id) if vehicle_id is not None else None
            needed = vehicle.driver_qual if vehicle is not None else data.qual_driving
            return needed is None or needed in person.quals
        if role == "commander":
            return person.officer or data.qual_command in person.quals
        return True

    def _person_check(self, pid: int, post_id: int, lo: int, hi: int, duties: Iterable[DutyRec], role: str | None,
                      vehicle_id: int | None, pending: Pending | None, min_rest: int
                      ) -> tuple[Reason | None, DutyRec | None]:
        """The reason a person may not stand at [lo, hi), or None with their station duty that moves."""
        person = self.data.people.get(pid)
        if person is None:
            return Reason(UNKNOWN), None
        if not person.active:
            return Reason(INACTIVE), None
        for a, b, kind in self.data.absences.get(pid, ()):
            if a < hi and lo < b:
                return Reason(ON_LEAVE, (kind, a, b)), None
        window_day = roster_day(lo - self._handover(post_id))
        others: list[tuple[int, int]] = []
        moving = None
        for d in duties:
            if d.start < hi and lo < d.end:
                if d.post == post_id:
                    return Reason(ALREADY_HERE), None
                if d.post is not None:
                    return Reason(BUSY, (self._post_codes.get(d.post, "?"), d.start, d.end)), None
                if roster_day(d.start) != window_day:
                    station = self.data.stations.get(d.station)
                    return Reason(BUSY, (station.name if station else "?", d.start, d.end)), None
                moving = moving or d
                continue
            if d.end > lo - MARGIN and d.start < hi + MARGIN:
                others.append((d.start, d.end))
        if pending is not None:
            planned = pending.people.get(pid, ())
            if _overlaps(planned, lo, hi):
                return Reason(PLANNED), None
            others.extend(planned)
        if not self._qualified(person, role, vehicle_id):
            return Reason(NOT_QUALIFIED, (role,)), None
        gap = short_rest(others, lo, hi, min_rest)
        if gap is not None:
            return Reason(NOT_RESTED, (round(gap / 60, 1), min_rest / 60)), None
        return None, moving

    def _handover(self, post_id: int) -> int:
        post = self.data.posts.get(post_id)
        return post.handover if post is not None else 0

    def person_reason(self, person_id: int, post_id: int, lo: int, hi: int, role: str | None = None,
                      vehicle_id: int | None = None, pending: Pending | None = None) -> Reason | None:
        """Why ``person_id`` may not stand at the window (None: they may)."""
        duties = self.checker.by_person.get(person_id, ())
        reason, _moving = self._person_check(person_id, post_id, lo, hi, duties, role, vehicle_id, pending,
                                             self.min_rest(post_id))
        return reason

    def _scan(self, lo: int, hi: int) -> _Scan:
        """Every duty around [lo, hi) by person, and the rows in the window, from the station-day index."""
        if self._last_scan is not None and self._last_scan.span == (lo, hi):
            return self._last_scan
        rows = self.checker.rows
        scan = _Scan((lo, hi))
        near, inside = scan.near, scan.inside
        seen: set[int] = set()
        seen_deps: set[int] = set()
        handover = self.data.handover
        days = range(duty_day(lo - MARGIN, handover), duty_day(hi + MARGIN, handover) + 1)
        for sid in self.data.stations:
            for day in days:
                for row in rows.get(("S", sid, day), ()):
                    if type(row) is DutyRec:
                        if row.id not in seen:
                            seen.add(row.id)
                            near[row.person].append(row)
                            if row.start < hi and lo < row.end:
                                inside.append(row)
                    elif row.id not in seen_deps and row.start < hi and lo < row.end:
                        seen_deps.add(row.id)
                        inside.append(row)
        self._last_scan = scan
        return scan

    def invalidate(self) -> None:
        """The checker's rows changed (an edit): scan again next time."""
        self._last_scan = None

    def people(self, post_id: int, lo: int, hi: int, role: str | None = None,
               vehicle_id: int | None = None, among: Iterable[int] | None = None) -> list[PersonOption]:
        """The people who may stand at the window (for ``role``, when given), in the order to offer them;
        ``among`` limits the candidates to those people.

        The same decision as ``person_reason`` (tests hold them equal), written for 3,000 people at once.
        """
        data = self.data
        post = data.posts.get(post_id)
        own_det = post.detachment if post is not None else None
        hours = self.month_minutes(lo)
        near = self._scan(lo, hi).near
        min_rest = self.min_rest(post_id)
        window_day = roster_day(lo - self._handover(post_id))
        stations = data.stations
        absences = data.absences
        qualified = self._qualified
        out: list[PersonOption] = []
        candidates = data.people.items() if among is None else (
            (pid, data.people[pid]) for pid in among if pid in data.people)
        for pid, person in candidates:
            if not person.active:
                continue
            away = absences.get(pid)
            if away and any(a < hi and lo < b for a, b, _kind in away):
                continue
            moving = None
            duties = near.get(pid)
            if duties:
                before, after = None, None  # the nearest end before the window, start after it
                others = []
                blocked = False
                for d in duties:
                    if d.start < hi and lo < d.end:
                        if d.post is not None or d.start // DAY_MINUTES != window_day:
                            blocked = True
                            break
                        moving = moving or d
                        continue
                    others.append((d.start, d.end))
                    if d.end <= lo:
                        before = d.end if before is None or d.end > before else before
                    elif after is None or d.start < after:
                        after = d.start
                if blocked:
                    continue
                if role is not None and not qualified(person, role, vehicle_id):
                    continue
                tight = (before is not None and lo - before < min_rest) or (after is not None and after - hi < min_rest)
                if tight and short_rest(others, lo, hi, min_rest) is not None:
                    continue
            elif role is not None and not qualified(person, role, vehicle_id):
                continue
            station = stations.get(person.station)
            out.append(PersonOption(
                pid, person.name, person.staff_no, station.name if station else "", person.detachment,
                person.detachment == own_det, hours.get(pid, 0) / 60, person.officer, person.quals,
                moving is not None, moving.vehicle if moving else None, moving.role if moving else None))
        out.sort(key=lambda o: (not o.own, o.hours, not o.on_duty, o.staff_no))
        return out

    def crew_on_duty(self, vehicle_id: int, post_id: int, lo: int, hi: int,
                     pending: Pending | None = None) -> list[tuple[int, str | None]]:
        """The crew on duty with a vehicle at a station in the window who may move with it: (person, role)."""
        window_day = roster_day(lo - self._handover(post_id))
        crew: dict[int, str | None] = {}
        min_rest = self.min_rest(post_id)
        for d in self.checker.by_vehicle.get(vehicle_id, ()):
            if d.post is None and d.start < hi and lo < d.end and roster_day(d.start) == window_day:
                crew.setdefault(d.person, d.role)
        out = []
        for pid, role in crew.items():
            reason, _ = self._person_check(pid, post_id, lo, hi, self.checker.by_person.get(pid, ()), role,
                                           vehicle_id, pending, min_rest)
            if reason is None:
                out.append((pid, role))
        order = {"commander": 0, "driver": 1, "signaller": 2, "safety": 3, "firefighter": 4}
        out.sort(key=lambda pr: (order.get(pr[1], 5), self.data.people[pr[0]].staff_no))
        return out

    # -- vehicles -------------------------------------------------------------------------------------
    def vehicle_reason(self, vehicle_id: int, post_id: int, lo: int, hi: int,
                       pending: Pending | None = None) -> Reason | None:
        """Why a vehicle may not stand at the window (None: it may)."""
        data = self.data
        vehicle = data.vehicles.get(vehicle_id)
        if vehicle is None:
            return Reason(UNKNOWN)
        if not vehicle.active:
            return Reason(INACTIVE)
        if not vehicle.in_service:
            return Reason(NOT_IN_SERVICE)
        for a, b, why in data.maintenance.get(vehicle_id, ()):
            if a < hi and lo < b:
                return Reason(MAINTENANCE, (why, a, b))
        for dep in self.checker.deps_by_vehicle.get(vehicle_id, ()):
            if dep.start < hi and lo < dep.end:
                if dep.post == post_id:
                    return Reason(ALREADY_HERE)
                where = (self._post_codes.get(dep.post, "?") if dep.post is not None
                         else data.stations[dep.station].name if dep.station in data.stations else "?")
                return Reason(BUSY, (where, dep.start, dep.end))
        for d in self.checker.by_vehicle.get(vehicle_id, ()):
            if d.post is not None and d.post != post_id and d.start < hi and lo < d.end:
                return Reason(BUSY, (self._post_codes.get(d.post, "?"), d.start, d.end))
        if pending is not None and _overlaps(pending.vehicles.get(vehicle_id, ()), lo, hi):
            return Reason(PLANNED)
        return None

    def vehicles(self, post_id: int, lo: int, hi: int, have: Mapping[str, int] | None = None) -> list[VehicleOption]:
        """The vehicles that may stand at the window, own detachment and still-needed types first.

        ``have`` counts the vehicles of each type already at the window.
        """
        data = self.data
        post = data.posts.get(post_id)
        needed = {code: n - (have or {}).get(code, 0) for code, n in (post.vehicle_reqs if post else {}).items()}
        window_day = roster_day(lo - self._handover(post_id))
        busy: set[int] = set()
        crewed: set[int] = set()
        for row in self._scan(lo, hi).inside:
            if type(row) is DutyRec:
                if row.vehicle is None:
                    continue
                if row.post is not None and row.post != post_id:
                    busy.add(row.vehicle)
                elif row.post is None and row.start // DAY_MINUTES == window_day:
                    crewed.add(row.vehicle)
            else:
                busy.add(row.vehicle)  # deployed: at a post (this one too) or at another station
        out = []
        for vid, v in data.vehicles.items():
            if vid in busy or not v.active or not v.in_service:
                continue
            if any(a < hi and lo < b for a, b, _ in data.maintenance.get(vid, ())):
                continue
            station = data.stations.get(v.station)
            out.append(VehicleOption(vid, v.call_sign, v.plate, v.type_code, station.name if station else "",
                                     v.detachment, post is not None and v.detachment == post.detachment,
                                     needed.get(v.type_code, 0) > 0, vid in crewed))
        out.sort(key=lambda o: (not o.own, not o.wanted, not o.crewed, o.station, o.call_sign, o.id))
        return out
