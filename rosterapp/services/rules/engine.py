"""The checking engine: every rule over the plan, in full or again for what one edit touched.

Problems are computed per *key*, and each key's problems depend only on that key's rows:

- ``("P", person)``: person_overlap, rest_too_short, too_many_consecutive_days, too_many_hours,
  on_leave, missing_qualification of a driver or commander, cross_detachment and
  inactive_resource of the person;
- ``("V", vehicle)``: vehicle_overlap, the crew rules of each sitting (crew_over_seats,
  crew_under_minimum, no_driver, no_commander, an aerial crew without 举高车操作),
  vehicle_unavailable, cross_detachment and inactive_resource of the vehicle;
- ``("T", post, window start)``: post_uncovered, post_understaffed, a post's required
  qualification held by nobody, for one shift window of a post;
- ``("S", station, duty day)``: station_below_minimum for one 08:00-08:00 day of a station;
- ``("L", station, duty day)``: the duty book of one station day (or staff-office day): no_duty_leader,
  no_duty_officer, leader_not_on_duty, leader_unqualified. It reads the day's assignments, whether
  a duty at the station starts that day (the ``S`` key's rows) and the leader's own duties, absences
  and record; the leader's edits reach it through ``leads`` (person -> the station days they lead).

An edit re-computes exactly the keys its old and new rows belong to, so the incremental
result always equals a full check. The definitions, precisely (tests hold an oracle to them):

- Overlap: two duties of a person overlap when one starts before the other ends (back-to-back
  is not an overlap); one problem per overlapping pair over the overlap.
- Rest: a person's duties in start order form *stretches*: a duty starting exactly when the
  stretch ends continues it while the stretch is shorter than 24 h (白 then 夜 is one 24 h duty),
  an overlapping duty always does. Between two stretches the rest is the gap: shorter than
  ``min_rest_hours`` is an error; after a stretch of 24 h or more, shorter than
  ``rest_after_24h_hours`` is a warning. The problem spans the rest and the duty that comes too soon.
- Duty too long: the same duties joined without the 24 h cap (back to back or overlapping: an 8 h
  晚 00:00-08:00 then a 24 h 值 is one 32 h stretch); a stretch longer than ``max_stretch_hours``
  (the lowest of its duties' thresholds) is one warning over the stretch.
- Consecutive days: calendar days on which a duty starts; a run longer than
  ``max_consecutive_days`` is one warning.
- Hours: for every 7-day window that starts at a duty's start or ends at a duty's end, the minutes
  of duty inside it; windows over ``max_hours_7d`` are merged into one warning per run.
- Sittings of a vehicle: its time cut where any crew duty on it starts or ends; adjacent pieces
  with the same crew are one sitting, whose crew is checked.
- Station below minimum: in a station's duty day, any moment when some of its people or vehicles
  are at a post (or deployed elsewhere) and fewer people are on duty at the station, or fewer
  vehicles are crewed there, than its minimum.
- The duty book: a station day is *planned* when a duty at the station (not at a post) starts in
  it. A planned day without its leader (带班领导; 支队值班领导 at a staff office) is no_duty_leader
  (error); without 站内值班 or 通信值班 (支队总值班 at an office), one no_duty_officer (warning)
  naming what is missing. On a planned day, a leader with no duty at the station overlapping the
  duty day is leader_not_on_duty (error), said as on leave (an absence overlaps the day), else
  elsewhere (a duty at a post or another station overlaps it; the earliest is named), else off.
  On any day, a station leader neither in an officer's position (站长, 指导员, 副站长) nor holding
  指挥员资格, or an office leader neither 支队长, 政委, 副支队长, 参谋长 nor holding 指挥员资格, is
  leader_unqualified (warning). Each problem spans the duty day.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from operator import attrgetter

from rosterapp import reference_data as ref
from rosterapp.services.bulk import bulk_read
from rosterapp.services.rules.data import (
    DAY_MINUTES,
    WEEK_MINUTES,
    CheckData,
    DeploymentRec,
    DutyRec,
    duty_day,
    from_min,
)
from rosterapp.services.rules.problem import ERROR, INFO, WARNING, Problem

Key = tuple
_FAR = 1 << 62  # later than any minute: bisects a (start, end) list by start alone
STRETCH = "max_stretch_hours"
OFFICE_LEADER_POSITIONS = frozenset(ref.OFFICE_LEADER_POSITIONS)
STATION_LEADER_POSITIONS = frozenset(ref.OFFICER_POSITIONS)
# (leader role, the other roles) of a station's day and of a staff office's day.
STATION_BOOK = ("leader", ("officer", "dispatch"))
OFFICE_BOOK = ("det_leader", ("det_chief",))
LEADER_ROLES = frozenset({STATION_BOOK[0], OFFICE_BOOK[0]})
_NO_ROLES: dict[str, int] = {}


@dataclass
class Delta:
    """What an edit changed in the list of problems."""

    appeared: list[Problem]
    disappeared: list[Problem]


_ORDER = attrgetter("start", "end", "id")


def _span(items: Iterable) -> tuple[int, int]:
    items = list(items)
    return min(i.start for i in items), max(i.end for i in items)


def _merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of intervals; touching ones merge."""
    out: list[list[int]] = []
    for lo, hi in sorted(intervals):
        if out and lo <= out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(lo, hi) for lo, hi in out]


def _slices(lo: int, hi: int, items: Iterable) -> list[tuple[int, int]]:
    """Cut [lo, hi) wherever an item starts or ends inside it."""
    cuts = {lo, hi}
    for it in items:
        if lo < it.start < hi:
            cuts.add(it.start)
        if lo < it.end < hi:
            cuts.add(it.end)
    cuts = sorted(cuts)
    return list(zip(cuts, cuts[1:], strict=False))


class Checker:
    """Holds the plan's rows, indexed by key, and the problems of every key."""

    def __init__(self, data: CheckData):
        self.data = data
        self.by_person: dict[int, list[DutyRec]] = defaultdict(list)
        self.by_vehicle: dict[int, list[DutyRec]] = defaultdict(list)
        self.deps_by_vehicle: dict[int, list[DeploymentRec]] = defaultdict(list)
        # Every row at a post, inside its windows or not: what an edit of the post reads again.
        self.by_post: dict[int, list[DutyRec | DeploymentRec]] = defaultdict(list)
        # ("T", post, window start) and ("S", station, duty day) -> the duties and deployments they look at
        self.rows: dict[Key, list] = defaultdict(list)
        # person -> the (station, duty day) whose leader they are: what an edit of theirs re-checks.
        self.leads: dict[int, set[tuple[int, int]]] = defaultdict(set)
        self.problems: dict[Key, list[Problem]] = {}
        self.registers_changed()
        with bulk_read():
            self._build_indexes()

    def registers_changed(self) -> None:
        """Read again what the checker caches from the registers (after CheckData's registers were replaced)."""
        data = self.data
        self._uniform = data.thresholds.uniform()
        self._limits_cache = {None: data.thresholds.resolve(None)}
        self._post_det = {pid: p.detachment for pid, p in data.posts.items()}
        self._station_det = {sid: s.detachment for sid, s in data.stations.items()}
        # The lowest longest-stretch threshold anywhere: stretches no longer need no closer look.
        self._lowest_stretch = min(data.thresholds.resolve(op).get(STRETCH, ref.RULE_DEFAULTS[STRETCH])
                                   for op in [None, *data.thresholds.readiness_of, *data.thresholds.by_operation])

    def _build_indexes(self) -> None:
        """_index_duty for every row, inlined for the common station duty: city scale is 250,000 rows."""
        by_person, by_vehicle, rows = self.by_person, self.by_vehicle, self.rows
        handover = self.data.handover
        for duty in self.data.duties.values():
            by_person[duty.person].append(duty)
            if duty.vehicle is not None:
                by_vehicle[duty.vehicle].append(duty)
            if duty.post is None and duty.station is not None:
                first, last = (duty.start - handover) // DAY_MINUTES, (duty.end - 1 - handover) // DAY_MINUTES
                if first == last:
                    rows["S", duty.station, first].append(duty)
                    continue
            if duty.post is not None:
                self.by_post[duty.post].append(duty)
                if self._index_post_duty(duty):
                    continue
            for key in self._row_keys_of_duty(duty):
                rows[key].append(duty)
        for dep in self.data.deployments.values():
            self._index_dep(dep, add=True)
        leads = self.leads
        for day_key, roles in self.data.assignments.items():
            for role, person in roles.items():
                if role in LEADER_ROLES:
                    leads[person].add(day_key)

    # -- indexes -----------------------------------------------------------------------------------
    @staticmethod
    def _edit(index: dict, key, item, add: bool) -> None:
        if add:
            index[key].append(item)
        else:
            items = index[key]
            items.remove(item)
            if not items:
                del index[key]

    def _days(self, start: int, end: int) -> range:
        handover = self.data.handover
        return range(duty_day(start, handover), duty_day(end - 1, handover) + 1)

    def _row_keys_of_duty(self, duty: DutyRec) -> list[Key]:
        """The post-window and station-day keys whose rules look at a duty."""
        keys: list[Key] = []
        if duty.post is not None:
            keys += self._post_keys(duty.post, duty.start, duty.end)
            person = self.data.people.get(duty.person)
            if person is not None:  # the person's own station is short of them
                keys += [("S", person.station, d) for d in self._days(duty.start, duty.end)]
        elif duty.station is not None:
            keys += [("S", duty.station, d) for d in self._days(duty.start, duty.end)]
        return keys

    def _row_keys_of_dep(self, dep: DeploymentRec) -> list[Key]:
        keys: list[Key] = []
        if dep.post is not None:
            keys += self._post_keys(dep.post, dep.start, dep.end)
        vehicle = self.data.vehicles.get(dep.vehicle)
        if vehicle is not None and dep.station != vehicle.station:  # away from its own station
            keys += [("S", vehicle.station, d) for d in self._days(dep.start, dep.end)]
        return keys

    def _index_duty(self, duty: DutyRec, add: bool) -> None:
        self._edit(self.by_person, duty.person, duty, add)
        if duty.vehicle is not None:
            self._edit(self.by_vehicle, duty.vehicle, duty, add)
        if duty.post is not None:
            self._edit(self.by_post, duty.post, duty, add)
        for key in self._row_keys_of_duty(duty):
            self._edit(self.rows, key, duty, add)

    def _index_post_duty(self, duty: DutyRec) -> bool:
        """The common post duty, inside one window of its post and one duty day: filed without lists."""
        post = self.data.posts.get(duty.post)
        person = self.data.people.get(duty.person)
        if post is None or person is None:
            return False
        windows = post.windows
        i = bisect.bisect_right(windows, (duty.start, _FAR)) - 1
        handover = self.data.handover
        first, last = (duty.start - handover) // DAY_MINUTES, (duty.end - 1 - handover) // DAY_MINUTES
        if i < 0 or first != last or not (windows[i][0] <= duty.start and duty.end <= windows[i][1]):
            return False
        self.rows["T", duty.post, windows[i][0]].append(duty)
        self.rows["S", person.station, first].append(duty)
        return True

    def _index_dep(self, dep: DeploymentRec, add: bool) -> None:
        self._edit(self.deps_by_vehicle, dep.vehicle, dep, add)
        if dep.post is not None:
            self._edit(self.by_post, dep.post, dep, add)
        for key in self._row_keys_of_dep(dep):
            self._edit(self.rows, key, dep, add)

    def _keys_of_duty(self, duty: DutyRec) -> set[Key]:
        keys: set[Key] = {("P", duty.person)}
        if duty.vehicle is not None:
            keys.add(("V", duty.vehicle))
        keys.update(self._row_keys_of_duty(duty))
        if duty.post is None and duty.station is not None:  # the day it starts in is planned, or no longer
            keys.add(("L", duty.station, duty_day(duty.start, self.data.handover)))
        led = self.leads.get(duty.person)
        if led:  # the days it overlaps that its person leads: on duty there, or not
            days = self._days(duty.start, duty.end)
            keys.update(("L", sid, day) for sid, day in led if day in days)
        return keys

    def _keys_of_dep(self, dep: DeploymentRec) -> set[Key]:
        keys: set[Key] = {("V", dep.vehicle)}
        keys.update(self._row_keys_of_dep(dep))
        return keys

    def _post_keys(self, post_id: int, start: int, end: int) -> list[Key]:
        post = self.data.posts.get(post_id)
        if post is None:
            return []
        windows = post.windows
        i = bisect.bisect_right(windows, (start, _FAR)) - 1
        keys = []
        for lo, hi in windows[max(i, 0):]:
            if lo >= end:
                break
            if hi > start:
                keys.append(("T", post_id, lo))
        return keys

    def all_keys(self) -> list[Key]:
        keys: list[Key] = [("P", p) for p in self.by_person]
        keys += [("V", v) for v in self.by_vehicle.keys() | self.deps_by_vehicle.keys()]
        keys += [("T", p, lo) for p, post in self.data.posts.items() for lo, _hi in post.windows]
        keys += [k for k in self.rows if k[0] == "S"]
        keys += self.book_keys()
        return keys

    def book_keys(self, stations: Iterable[int] | None = None) -> list[Key]:
        """The duty-book keys: every station day that has a duty or an assignment (of the given stations)."""
        days = {(k[1], k[2]) for k in self.rows if k[0] == "S"} | self.data.assignments.keys()
        if stations is not None:
            stations = set(stations)
            days = {d for d in days if d[0] in stations}
        return [("L", sid, day) for sid, day in days]

    # -- running -------------------------------------------------------------------------------------
    def check_all(self) -> list[Problem]:
        """A full check; remembers the problems of every key for later edits."""
        self.problems = {}
        with bulk_read():
            for key in self.all_keys():
                found = self.compute(key)
                if found:
                    self.problems[key] = found
        return self.current()

    def current(self) -> list[Problem]:
        return sorted(p for found in self.problems.values() for p in found)

    def apply(self, *, add_duties: Iterable[DutyRec] = (), remove_duties: Iterable[int] = (),
              add_deployments: Iterable[DeploymentRec] = (), remove_deployments: Iterable[int] = (),
              assignments: Mapping[tuple[int, int], Mapping[str, int]] | None = None) -> Delta:
        """Apply an edit to the rows and re-check what it touched. A changed row is removed and added.

        ``assignments`` gives station days' whole duty book anew: (station, day) -> {role: person},
        empty for a day that has none any more."""
        keys: set[Key] = set()
        for day_key, roles in (assignments or {}).items():
            keys.add(("L", *day_key))
            self._set_book(day_key, dict(roles))
        for did in remove_duties:
            duty = self.data.duties.pop(did)
            keys |= self._keys_of_duty(duty)
            self._index_duty(duty, add=False)
        for dep_id in remove_deployments:
            dep = self.data.deployments.pop(dep_id)
            keys |= self._keys_of_dep(dep)
            self._index_dep(dep, add=False)
        for duty in add_duties:
            self.data.duties[duty.id] = duty
            self._index_duty(duty, add=True)
            keys |= self._keys_of_duty(duty)
        for dep in add_deployments:
            self.data.deployments[dep.id] = dep
            self._index_dep(dep, add=True)
            keys |= self._keys_of_dep(dep)
        return self.recheck(keys)

    def _set_book(self, day_key: tuple[int, int], roles: dict[str, int]) -> None:
        book = self.data.assignments
        for role, person in book.get(day_key, {}).items():
            if role in LEADER_ROLES:
                led = self.leads.get(person)
                if led is not None:
                    led.discard(day_key)
                    if not led:
                        del self.leads[person]
        if roles:
            book[day_key] = roles
            for role, person in roles.items():
                if role in LEADER_ROLES:
                    self.leads[person].add(day_key)
        else:
            book.pop(day_key, None)

    def recheck(self, keys: Iterable[Key]) -> Delta:
        """Compute the given keys again; returns the problems that appeared and disappeared."""
        appeared: list[Problem] = []
        disappeared: list[Problem] = []
        for key in keys:
            old = self.problems.pop(key, [])
            new = self.compute(key)
            if new:
                self.problems[key] = new
            if old != new:
                # Counted, not as sets: equal problems can stand side by side (a person entered
                # three times for one shift), and each one that goes must be reported.
                old_count, new_count = Counter(old), Counter(new)
                appeared += list((new_count - old_count).elements())
                disappeared += list((old_count - new_count).elements())
        return Delta(sorted(appeared), sorted(disappeared))

    def keys_of_person(self, person: int) -> set[Key]:
        """Every key a change to a person (qualifications, status, absences) can affect."""
        keys: set[Key] = {("P", person)}
        for duty in self.by_person.get(person, ()):
            keys |= self._keys_of_duty(duty)
        keys.update(("L", sid, day) for sid, day in self.leads.get(person, ()))
        return keys

    def keys_of_vehicle(self, vehicle: int) -> set[Key]:
        """Every key a change to a vehicle (status, seats, maintenance) can affect."""
        keys: set[Key] = {("V", vehicle)}
        for dep in self.deps_by_vehicle.get(vehicle, ()):
            keys |= self._keys_of_dep(dep)
        for duty in self.by_vehicle.get(vehicle, ()):
            keys.update(self._row_keys_of_duty(duty))
        return keys

    def compute(self, key: Key) -> list[Problem]:
        kind = key[0]
        if kind == "P":
            found = self._person(key)
        elif kind == "V":
            found = self._vehicle(key)
        elif kind == "T":
            found = self._post_window(key)
        elif kind == "L":
            found = self._duty_book(key)
        else:
            found = self._station(key)
        found.sort()
        return found

    # -- helpers ---------------------------------------------------------------------------------------
    def _limits(self, duty: DutyRec) -> dict[str, float]:
        """The thresholds for a duty: those of its post's operation, else of the operation running."""
        if self._uniform:
            return self._limits_cache[None]
        if duty.post is not None and duty.post in self.data.posts:
            op = self.data.posts[duty.post].operation
        else:
            op = self.data.operation_at(duty.start)
        limits = self._limits_cache.get(op)
        if limits is None:
            limits = self._limits_cache[op] = self.data.thresholds.resolve(op)
        return limits

    @staticmethod
    def _problem(key, rule, severity, lo, hi, detail, args=(), *, people=(), vehicles=(), posts=(),
                 stations=(), detachment=None) -> Problem:
        return Problem(from_min(lo), from_min(hi), rule, severity, detail, tuple(args),
                       tuple(sorted(set(people))), tuple(sorted(set(vehicles))),
                       tuple(sorted({p for p in posts if p is not None})),
                       tuple(sorted({s for s in stations if s is not None})), detachment, key)

    # -- person rules ------------------------------------------------------------------------------------
    def _person(self, key: Key) -> list[Problem]:
        pid = key[1]
        duties = sorted(self.by_person.get(pid, ()), key=_ORDER)
        if not duties:
            return []
        data = self.data
        person = data.people[pid]
        who = (person.name, person.staff_no)
        det = person.detachment
        out: list[Problem] = []

        def emit(rule, severity, lo, hi, detail, args=(), group=(), detachment=det):
            out.append(self._problem(key, rule, severity, lo, hi, detail, who + tuple(args), people=(pid,),
                                     vehicles=[d.vehicle for d in group if d.vehicle is not None],
                                     posts=[d.post for d in group], stations=[d.station for d in group],
                                     detachment=detachment))

        # Overlaps: a sweep that keeps the duties still running; most duties start after all others end.
        running: list[DutyRec] = []
        max_end = None
        overlapped = False
        for duty in duties:
            if max_end is None or duty.start >= max_end:
                running = [duty]
                max_end = duty.end
                continue
            overlapped = True
            running = [r for r in running if r.end > duty.start]
            for other in running:
                emit("person_overlap", ERROR, duty.start, min(other.end, duty.end), "overlap", group=(other, duty))
            running.append(duty)
            max_end = max(max_end, duty.end)

        # Rest between stretches; and stretches joined without the 24 h cap (u_start: where the current
        # one began, duties[u_first]: its first duty), too long or not. The capped stretch under way
        # always ends where the uncapped one does, so a gap after it ends both.
        first = duties[0]
        s_start, s_end = first.start, first.end
        u_start, u_first = s_start, 0
        lowest_stretch = self._lowest_stretch * 60
        for i in range(1, len(duties)):
            duty = duties[i]
            gap = duty.start - s_end
            if gap < 0 or (gap == 0 and s_end - s_start < DAY_MINUTES):
                if duty.end > s_end:
                    s_end = duty.end
                continue
            if gap > 0:
                if s_end - u_start > lowest_stretch:
                    self._long_stretch(emit, duties[u_first:i], u_start, s_end)
                u_start, u_first = duty.start, i
            limits = self._limits(duty)
            if gap < limits["min_rest_hours"] * 60:
                emit("rest_too_short", ERROR, s_end, duty.end, "rest",
                     (f"{gap / 60:g}", f"{limits['min_rest_hours']:g}"), group=(duty,))
            elif s_end - s_start >= DAY_MINUTES and gap < limits["rest_after_24h_hours"] * 60:
                emit("rest_too_short", WARNING, s_end, duty.end, "rest_after_24h",
                     (f"{gap / 60:g}", f"{limits['rest_after_24h_hours']:g}"), group=(duty,))
            s_start, s_end = duty.start, duty.end
        if s_end - u_start > lowest_stretch:
            self._long_stretch(emit, duties[u_first:], u_start, s_end)

        # Consecutive days: calendar days on which a duty starts.
        days: dict[int, DutyRec] = {}
        for duty in duties:
            days.setdefault(duty.start // DAY_MINUTES, duty)
        ordered = list(days)  # in start order already
        run_start = 0
        for i in range(1, len(ordered) + 1):
            if i == len(ordered) or ordered[i] != ordered[i - 1] + 1:
                run = ordered[run_start:i]
                limit = self._limits(days[run[-1]])["max_consecutive_days"]
                if len(run) > limit:
                    emit("too_many_consecutive_days", WARNING, run[0] * DAY_MINUTES, (run[-1] + 1) * DAY_MINUTES, "consecutive",
                         (len(run), f"{limit:g}"))
                run_start = i

        # Hours in any 7 days.
        windows = self._hour_windows(duties) if overlapped else self._hour_windows_sorted(duties)
        for lo, hi, worst, limit in windows:
            emit("too_many_hours", WARNING, lo, hi, "hours", (f"{worst / 60:g}", f"{limit:g}"))

        # Rules of single duties.
        absences = data.absences.get(pid)
        post_det, station_det = self._post_det, self._station_det
        home = person.station
        for duty in duties:
            if absences:
                for a_start, a_end, kind in absences:
                    if a_start < duty.end and duty.start < a_end:
                        emit("on_leave", ERROR, max(a_start, duty.start), min(a_end, duty.end), "on_leave",
                             (kind,), group=(duty,))
            role = duty.role
            if role == "driver":
                vehicle = data.vehicles.get(duty.vehicle) if duty.vehicle is not None else None
                needed = vehicle.driver_qual if vehicle is not None else data.qual_driving
                if needed is not None and needed not in person.quals:
                    emit("missing_qualification", ERROR, duty.start, duty.end, "driver_unqualified",
                         (vehicle.plate if vehicle else "",), group=(duty,))
            elif role == "commander" and not person.officer and data.qual_command not in person.quals:
                emit("missing_qualification", ERROR, duty.start, duty.end, "commander_unqualified", group=(duty,))
            if duty.station == home:
                continue  # at one's own station: no other detachment
            place_det = post_det.get(duty.post) if duty.post is not None else station_det.get(duty.station)
            if place_det is not None and place_det != det:
                emit("cross_detachment", INFO, duty.start, duty.end, "cross_person",
                     (data.detachment_codes.get(place_det, ""),), group=(duty,), detachment=place_det)
        if not person.active:
            lo, hi = _span(duties)
            emit("inactive_resource", ERROR, lo, hi, "inactive_person", (len(duties),))
        return out

    def _long_stretch(self, emit, group: list[DutyRec], lo: int, hi: int) -> None:
        """duty_too_long for a stretch [lo, hi) of back-to-back or overlapping duties, by the lowest of
        their thresholds."""
        limit = min(self._limits(d).get(STRETCH, ref.RULE_DEFAULTS[STRETCH]) for d in group)
        if hi - lo > limit * 60:
            emit("duty_too_long", WARNING, lo, hi, "stretch", (f"{(hi - lo) / 60:g}", f"{limit:g}"), group=group)

    @staticmethod
    def _runs(violations: list[tuple[int, int, int, float]]) -> list[tuple[int, int, int, float]]:
        """Merge violating windows into runs: (start, end, most minutes, the limit)."""
        runs: list[list] = []
        for lo, hi, total, limit in sorted(violations):
            if runs and lo <= runs[-1][1]:
                run = runs[-1]
                run[1] = max(run[1], hi)
                run[2] = max(run[2], total)
                run[3] = min(run[3], limit)
            else:
                runs.append([lo, hi, total, limit])
        return [tuple(r) for r in runs]

    def _hour_windows(self, duties: list[DutyRec]) -> list[tuple[int, int, int, float]]:
        """Windows over the hour limit, for any duties (overlapping ones too): direct sums."""
        starts = [d.start for d in duties]
        reach = max(d.end - d.start for d in duties)
        violations = []
        for d in duties:
            for lo, hi in ((d.start, d.start + WEEK_MINUTES), (d.end - WEEK_MINUTES, d.end)):
                total = 0
                for k in range(bisect.bisect_left(starts, lo - reach), bisect.bisect_left(starts, hi)):
                    other = duties[k]
                    overlap = min(other.end, hi) - max(other.start, lo)
                    if overlap > 0:
                        total += overlap
                limit = self._limits(d)["max_hours_7d"]
                if total > limit * 60:
                    violations.append((lo, hi, total, limit))
        return self._runs(violations)

    def _hour_windows_sorted(self, duties: list[DutyRec]) -> list[tuple[int, int, int, float]]:
        """The same for duties that never overlap, in linear time with prefix sums and two pointers."""
        n = len(duties)
        starts = [d.start for d in duties]
        ends = [d.end for d in duties]
        prefix = [0] * (n + 1)
        for k in range(n):
            prefix[k + 1] = prefix[k] + ends[k] - starts[k]
        if self._uniform:
            lowest = self._limits_cache[None]["max_hours_7d"]
        else:
            lowest = min(self._limits(d)["max_hours_7d"] for d in duties)
        if prefix[n] <= lowest * 60:
            return []
        violations = []
        j = 0
        for a in range(n):  # windows starting at a duty's start
            lo = starts[a]
            hi = lo + WEEK_MINUTES
            while j < n and starts[j] < hi:
                j += 1
            total = prefix[j] - prefix[a] - max(0, ends[j - 1] - hi)
            if total > lowest * 60:
                limit = self._limits(duties[a])["max_hours_7d"]
                if total > limit * 60:
                    violations.append((lo, hi, total, limit))
        i = 0
        for b in range(n):  # windows ending at a duty's end
            hi = ends[b]
            lo = hi - WEEK_MINUTES
            while ends[i] <= lo:
                i += 1
            total = prefix[b + 1] - prefix[i] - max(0, lo - starts[i])
            if total > lowest * 60:
                limit = self._limits(duties[b])["max_hours_7d"]
                if total > limit * 60:
                    violations.append((lo, hi, total, limit))
        return self._runs(violations)

    # -- vehicle rules -------------------------------------------------------------------------------------
    def _sittings(self, crew: list[DutyRec]) -> list[tuple[int, int, list[DutyRec]]]:
        groups: dict[tuple[int, int], list[DutyRec]] = defaultdict(list)
        for d in crew:
            groups[d.start, d.end].append(d)
        spans = sorted(groups)
        if all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)):
            return [(lo, hi, groups[lo, hi]) for lo, hi in spans]
        # Crews that change mid-shift: cut time at every start and end, then join equal neighbours.
        lo, hi = _span(crew)
        sittings: list[tuple[int, int, list[DutyRec]]] = []
        for a, b in _slices(lo, hi, crew):
            members = [d for d in crew if d.start < b and a < d.end]
            if not members:
                continue
            if sittings and sittings[-1][1] == a and {d.id for d in sittings[-1][2]} == {d.id for d in members}:
                sittings[-1] = (sittings[-1][0], b, members)
            else:
                sittings.append((a, b, members))
        return sittings

    def _vehicle(self, key: Key) -> list[Problem]:
        vid = key[1]
        data = self.data
        vehicle = data.vehicles.get(vid)
        if vehicle is None:
            return []
        crew = self.by_vehicle.get(vid, [])
        deps = sorted(self.deps_by_vehicle.get(vid, []), key=lambda d: (d.start, d.end, d.id))
        out: list[Problem] = []
        what = (vehicle.plate, vehicle.call_sign)

        def emit(rule, severity, lo, hi, detail, args=(), people=(), posts=(), stations=(), detachment=None):
            out.append(self._problem(key, rule, severity, lo, hi, detail, what + tuple(args), people=people,
                                     vehicles=(vid,), posts=posts, stations=stations,
                                     detachment=vehicle.detachment if detachment is None else detachment))

        sittings = self._sittings(crew) if crew else []
        placements: list[tuple[int, int, frozenset, bool]] = []  # (start, end, places, is deployment)
        for lo, hi, members in sittings:
            people = [d.person for d in members]
            posts = [d.post for d in members]
            stations = [d.station for d in members]
            n = len(set(people))
            if n > vehicle.seats:
                emit("crew_over_seats", ERROR, lo, hi, "over_seats", (n, vehicle.seats), people, posts, stations)
            if n < vehicle.min_crew:
                emit("crew_under_minimum", WARNING, lo, hi, "under_minimum", (n, vehicle.min_crew), people, posts,
                     stations)
            roles = {d.role for d in members}
            if "driver" not in roles:
                emit("no_driver", ERROR, lo, hi, "no_driver", (), people, posts, stations)
            if "commander" not in roles:
                emit("no_commander", WARNING, lo, hi, "no_commander", (), people, posts, stations)
            if vehicle.aerial and not any(data.qual_aerial in data.people[d.person].quals
                                          for d in members if d.person in data.people):
                emit("missing_qualification", ERROR, lo, hi, "aerial_unqualified", (), people, posts, stations)
            places = frozenset(("T", d.post) if d.post is not None else ("S", d.station) for d in members)
            placements.append((lo, hi, places, False))
        for dep in deps:
            place = ("T", dep.post) if dep.post is not None else ("S", dep.station)
            placements.append((dep.start, dep.end, frozenset([place]), True))
            place_det = None
            if dep.post is not None and dep.post in data.posts:
                place_det = data.posts[dep.post].detachment
            elif dep.station is not None and dep.station in data.stations:
                place_det = data.stations[dep.station].detachment
            if place_det is not None and place_det != vehicle.detachment:
                emit("cross_detachment", INFO, dep.start, dep.end, "cross_vehicle",
                     (data.detachment_codes.get(place_det, ""),), posts=(dep.post,), stations=(dep.station,),
                     detachment=place_det)

        # Two places at once: a crew split over places, or placements that disagree.
        for lo, hi, places, _is_dep in placements:
            if len(places) > 1:
                emit("vehicle_overlap", ERROR, lo, hi, "split_crew", (), (), *self._place_refs(places))
        placements.sort(key=lambda p: (p[0], p[1]))
        running: list[tuple[int, int, frozenset, bool]] = []
        for item in placements:
            lo, hi, places, is_dep = item
            running = [r for r in running if r[1] > lo]
            for _r_lo, r_hi, r_places, r_dep in running:
                if (is_dep and r_dep) or places != r_places:
                    emit("vehicle_overlap", ERROR, lo, min(hi, r_hi), "two_places", (), (),
                         *self._place_refs(places | r_places))
            running.append(item)

        def places_during(lo: int, hi: int) -> tuple[list[int], list[int]]:
            """The posts and stations where the vehicle is used within [lo, hi), for the window to mark."""
            places = frozenset().union(*(p[2] for p in placements if p[0] < hi and lo < p[1]))
            return self._place_refs(places)

        uses = _merge([(p[0], p[1]) for p in placements])
        for lo, hi in uses:
            if not vehicle.in_service:
                emit("vehicle_unavailable", ERROR, lo, hi, "not_in_service", (), (), *places_during(lo, hi))
            for m_lo, m_hi, reason in data.maintenance.get(vid, ()):
                if m_lo < hi and lo < m_hi:
                    a, b = max(lo, m_lo), min(hi, m_hi)
                    emit("vehicle_unavailable", ERROR, a, b, "maintenance", (reason,), (), *places_during(a, b))
        if not vehicle.active and uses:
            emit("inactive_resource", ERROR, uses[0][0], uses[-1][1], "inactive_vehicle")
        return out

    @staticmethod
    def _place_refs(places: frozenset) -> tuple[list[int], list[int]]:
        return ([p for kind, p in places if kind == "T"], [s for kind, s in places if kind == "S"])

    # -- post rules -------------------------------------------------------------------------------------------
    def _post_window(self, key: Key) -> list[Problem]:
        _, post_id, w_lo = key
        data = self.data
        post = data.posts.get(post_id)
        if post is None:
            return []
        i = bisect.bisect_left(post.windows, (w_lo, -1))
        if i == len(post.windows) or post.windows[i][0] != w_lo:
            return []
        w_hi = post.windows[i][1]
        rows = self.rows.get(key, ())
        duties = [r for r in rows if type(r) is DutyRec]
        deps = [r for r in rows if type(r) is DeploymentRec]
        uncovered, short, unqualified = [], [], []
        fewest_people, missing_quals = None, set()
        if all(r.start <= w_lo and w_hi <= r.end for r in rows):
            pieces = [(w_lo, w_hi)]  # the usual window: everybody and every vehicle for all of it
        else:
            pieces = _slices(w_lo, w_hi, rows)
        for lo, hi in pieces:
            present = [d for d in duties if d.start < hi and lo < d.end]
            people = {d.person for d in present}
            vehicles = {d.vehicle for d in deps if d.start < hi and lo < d.end}
            if not people or not vehicles:
                uncovered.append((lo, hi))
                continue
            by_type: dict[str, int] = defaultdict(int)
            for v in vehicles:
                if v in data.vehicles:
                    by_type[data.vehicles[v].type_code] += 1
            if (len(people) < post.min_people
                    or any(by_type.get(t, 0) < n for t, n in post.vehicle_reqs.items())
                    or (post.needs_commander and not any(d.role == "commander" for d in present))):
                short.append((lo, hi))
                fewest_people = len(people) if fewest_people is None else min(fewest_people, len(people))
            held = set()
            for p in people:
                if p in data.people:
                    held |= data.people[p].quals
            missing = post.quals - held
            if missing:
                unqualified.append((lo, hi))
                missing_quals |= missing
        what = (post.code, post.name)
        people_refs = [d.person for d in duties]
        vehicle_refs = [d.vehicle for d in deps]
        out = []
        if uncovered:
            out.append(self._problem(key, "post_uncovered", ERROR, uncovered[0][0], uncovered[-1][1], "uncovered",
                                     what, people=people_refs, vehicles=vehicle_refs, posts=(post_id,),
                                     detachment=post.detachment))
        if short:
            out.append(self._problem(key, "post_understaffed", WARNING, short[0][0], short[-1][1], "understaffed",
                                     what + (fewest_people, post.min_people), people=people_refs,
                                     vehicles=vehicle_refs, posts=(post_id,), detachment=post.detachment))
        if unqualified:
            out.append(self._problem(key, "missing_qualification", ERROR, unqualified[0][0], unqualified[-1][1],
                                     "post_unqualified", what + (tuple(sorted(missing_quals)),),
                                     people=people_refs, vehicles=vehicle_refs, posts=(post_id,),
                                     detachment=post.detachment))
        return out

    # -- station rules --------------------------------------------------------------------------------------------
    def _station(self, key: Key) -> list[Problem]:
        _, sid, day = key
        data = self.data
        station = data.stations.get(sid)
        items = self.rows.get(key)
        if station is None or not items or (station.min_people <= 0 and station.min_vehicles <= 0):
            return []
        w_lo = day * DAY_MINUTES + data.handover
        w_hi = w_lo + DAY_MINUTES
        people = data.people
        at_home = [i for i in items if isinstance(i, DutyRec) and i.station == sid]
        away = [i for i in items if isinstance(i, DeploymentRec)
                or (i.post is not None and i.person in people and people[i.person].station == sid)]
        if not away:
            return []
        deployed = [i for i in items if isinstance(i, DeploymentRec)]
        worst_people = worst_vehicles = None
        bad: list[tuple[int, int]] = []
        for lo, hi in _slices(w_lo, w_hi, items):
            if not any(i.start < hi and lo < i.end for i in away):
                continue
            on = [d for d in at_home if d.start < hi and lo < d.end]
            n_people = len({d.person for d in on})
            gone = {d.vehicle for d in deployed if d.start < hi and lo < d.end}
            n_vehicles = len({d.vehicle for d in on if d.vehicle is not None and d.vehicle not in gone})
            if n_people < station.min_people or n_vehicles < station.min_vehicles:
                bad.append((lo, hi))
                worst_people = n_people if worst_people is None else min(worst_people, n_people)
                worst_vehicles = n_vehicles if worst_vehicles is None else min(worst_vehicles, n_vehicles)
        if not bad:
            return []
        return [self._problem(key, "station_below_minimum", WARNING, bad[0][0], bad[-1][1], "below_minimum",
                              (station.name, worst_people, station.min_people, worst_vehicles, station.min_vehicles),
                              stations=(sid,), detachment=station.detachment)]

    # -- duty book rules --------------------------------------------------------------------------------------------
    def _duty_book(self, key: Key) -> list[Problem]:
        _, sid, day = key
        data = self.data
        station = data.stations.get(sid)
        if station is None:
            return []
        roles = data.assignments.get((sid, day), _NO_ROLES)
        leader_role, other_roles = OFFICE_BOOK if station.office else STATION_BOOK
        leader = roles.get(leader_role)
        handover = data.handover
        lo = day * DAY_MINUTES + handover
        hi = lo + DAY_MINUTES
        # One pass over the day's rows at the station: is the day planned, and is its leader there?
        planned = there = False
        for r in self.rows.get(("S", sid, day), ()):
            if type(r) is DutyRec and r.post is None and r.station == sid:
                if not planned and lo <= r.start < hi:
                    planned = True
                if r.person == leader:
                    there = True
                if planned and (there or leader is None):
                    break
        if not roles and not planned:
            return []
        out: list[Problem] = []

        def emit(rule, severity, detail, args=(), people=()):
            where = (station.name, from_min(lo).date().isoformat())
            out.append(self._problem(key, rule, severity, lo, hi, detail, where + tuple(args), people=people,
                                     stations=(sid,), detachment=station.detachment))

        if planned:
            if leader is None:
                emit("no_duty_leader", ERROR, "no_leader", (leader_role,))
            missing = tuple(r for r in other_roles if r not in roles)
            if missing:
                emit("no_duty_officer", WARNING, "no_officer", (missing,))
        person = data.people.get(leader) if leader is not None else None
        if person is None:
            return out
        who = (leader_role, person.name, person.staff_no)
        allowed = OFFICE_LEADER_POSITIONS if station.office else STATION_LEADER_POSITIONS
        if person.position not in allowed and data.qual_command not in person.quals:
            emit("leader_unqualified", WARNING, "leader_unqualified", who, (leader,))
        if not planned or there:
            return out
        leave = [(a_lo, a_hi, kind) for a_lo, a_hi, kind in data.absences.get(leader, ()) if a_lo < hi and lo < a_hi]
        mine = [d for d in self.by_person.get(leader, ()) if d.start < hi and lo < d.end]
        if leave:
            emit("leader_not_on_duty", ERROR, "leader_on_leave", who + (min(leave)[2],), (leader,))
        elif mine:
            elsewhere = min(mine, key=_ORDER)
            emit("leader_not_on_duty", ERROR, "leader_elsewhere", who + (self._place_name(elsewhere),), (leader,))
        else:
            emit("leader_not_on_duty", ERROR, "leader_off", who, (leader,))
        return out

    def _place_name(self, duty: DutyRec) -> str:
        """Where a duty is, as the clerk names it: a post's code and name, or a station's name."""
        if duty.post is not None:
            post = self.data.posts.get(duty.post)
            return f"{post.code} {post.name}" if post is not None else ""
        station = self.data.stations.get(duty.station)
        return station.name if station is not None else ""
