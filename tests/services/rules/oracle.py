"""A deliberately simple, brute-force oracle of the checking rules, for the property tests.

Written from the rule definitions (the engine's module docstring and issue 3), not from the
engine's code: no indexes, no sweeps, no incremental state. Overlaps compare every pair; the
7-day hours enumerate every candidate window and sum the overlaps directly; sittings, post windows
and station days cut time at every boundary minute of every row that matters, judge each piece
from scratch, then join the pieces as the definitions say. Slow, and meant to be obviously right.

The oracle returns the same ``Problem`` values the engine does (interval, rule, severity, detail,
display arguments and references), so the tests compare everything but the engine's private key.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from itertools import combinations

from rosterapp.services.rules.problem import ERROR, INFO, WARNING, Problem

EPOCH = dt.datetime(2000, 1, 1)
MINUTES_PER_DAY = 24 * 60
SEVEN_DAYS = 7 * MINUTES_PER_DAY
STATION_HANDOVER = 8 * 60  # a station's duty day runs 08:00 -> 08:00


def minute_to_datetime(minute: int) -> dt.datetime:
    return EPOCH + dt.timedelta(minutes=minute)


def make(rule, severity, lo, hi, detail, args=(), *, people=(), vehicles=(), posts=(), stations=(),
         detachment=None) -> Problem:
    def refs(values):
        return tuple(sorted({v for v in values if v is not None}))

    return Problem(minute_to_datetime(lo), minute_to_datetime(hi), rule, severity, detail, tuple(args),
                   refs(people), refs(vehicles), refs(posts), refs(stations), detachment)


def fmt(value: float) -> str:
    """Numbers in messages: 8.0 -> '8', 7.5 -> '7.5'."""
    return f"{value:g}"


def overlaps(a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> bool:
    return a_lo < b_hi and b_lo < a_hi


def pieces(lo: int, hi: int, rows) -> list[tuple[int, int]]:
    """[lo, hi) cut at every start and end of every row that falls strictly inside it."""
    cuts = {lo, hi}
    for row in rows:
        for t in (row.start, row.end):
            if lo < t < hi:
                cuts.add(t)
    cuts = sorted(cuts)
    return list(zip(cuts, cuts[1:], strict=False))


def covered_runs(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The maximal stretches of time covered by some interval (intervals that touch join)."""
    if not intervals:
        return []
    lo, hi = min(i[0] for i in intervals), max(i[1] for i in intervals)
    runs: list[list[int]] = []
    for a, b in pieces(lo, hi, [_Row(s, e) for s, e in intervals]):
        if any(s < b and a < e for s, e in intervals):
            if runs and runs[-1][1] == a:
                runs[-1][1] = b
            else:
                runs.append([a, b])
    return [(a, b) for a, b in runs]


class _Row:
    def __init__(self, start: int, end: int):
        self.start, self.end = start, end


# -- thresholds -----------------------------------------------------------------------------------------
def operation_running(data, minute: int):
    """The operation running at a minute; of several, the one that started last."""
    found = None
    for op_id, (_name, start, end) in data.operations.items():
        if start <= minute < end and (found is None or start > data.operations[found][1]):
            found = op_id
    return found


def thresholds_for(data, duty) -> dict[str, float]:
    """Global values, then the readiness level's, then the operation's own (the duty's post's
    operation, or else the operation running when the duty starts)."""
    if duty.post is not None and duty.post in data.posts:
        op = data.posts[duty.post].operation
    else:
        op = operation_running(data, duty.start)
    t = data.thresholds
    values = dict(t.base)
    if op is not None:
        values.update(t.by_readiness.get(t.readiness_of.get(op, ""), {}))
        values.update(t.by_operation.get(op, {}))
    return values


# -- person rules -----------------------------------------------------------------------------------------
def person_problems(data, pid: int, duties: list) -> list[Problem]:
    person = data.people[pid]
    who = (person.name, person.staff_no)
    out = []

    def add(rule, severity, lo, hi, detail, args=(), rows=(), detachment=person.detachment):
        out.append(make(rule, severity, lo, hi, detail, who + tuple(args), people=[pid],
                        vehicles=[r.vehicle for r in rows], posts=[r.post for r in rows],
                        stations=[r.station for r in rows], detachment=detachment))

    duties = sorted(duties, key=lambda d: (d.start, d.end, d.id))

    # Every pair that shares time; back-to-back shares none.
    for a, b in combinations(duties, 2):
        lo, hi = max(a.start, b.start), min(a.end, b.end)
        if lo < hi:
            add("person_overlap", ERROR, lo, hi, "overlap", rows=(a, b))

    # Stretches: [start, end, the duty that opened it].
    stretches: list[list] = []
    for d in duties:
        if stretches:
            last = stretches[-1]
            joins = d.start < last[1] or (d.start == last[1] and last[1] - last[0] < MINUTES_PER_DAY)
            if joins:
                last[1] = max(last[1], d.end)
                continue
        stretches.append([d.start, d.end, d])
    for before, after in zip(stretches, stretches[1:], strict=False):
        rest = after[0] - before[1]
        duty = after[2]
        limits = thresholds_for(data, duty)
        if rest < limits["min_rest_hours"] * 60:
            add("rest_too_short", ERROR, before[1], duty.end, "rest",
                (fmt(rest / 60), fmt(limits["min_rest_hours"])), rows=(duty,))
        elif before[1] - before[0] >= MINUTES_PER_DAY and rest < limits["rest_after_24h_hours"] * 60:
            add("rest_too_short", WARNING, before[1], duty.end, "rest_after_24h",
                (fmt(rest / 60), fmt(limits["rest_after_24h_hours"])), rows=(duty,))

    # Stretches with no cap: the time covered by the person's duties, touching ones joined; each too long
    # by the lowest threshold of the duties inside it.
    for lo, hi in covered_runs([(d.start, d.end) for d in duties]):
        inside = [d for d in duties if lo <= d.start and d.end <= hi]
        limit = min(thresholds_for(data, d).get("max_stretch_hours", 24.0) for d in inside)
        if hi - lo > limit * 60:
            add("duty_too_long", WARNING, lo, hi, "stretch", (fmt((hi - lo) / 60), fmt(limit)), rows=inside)

    # Calendar days (midnight to midnight) on which some duty starts, in runs of consecutive days.
    days = sorted({d.start // MINUTES_PER_DAY for d in duties})
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    for run in runs:
        first_of_last_day = min((d for d in duties if d.start // MINUTES_PER_DAY == run[-1]),
                                key=lambda d: (d.start, d.end, d.id))
        limit = thresholds_for(data, first_of_last_day)["max_consecutive_days"]
        if len(run) > limit:
            add("too_many_consecutive_days", WARNING, run[0] * MINUTES_PER_DAY, (run[-1] + 1) * MINUTES_PER_DAY,
                "consecutive", (len(run), fmt(limit)))

    # Every 7-day window starting at a duty's start or ending at a duty's end, summed directly.
    violations = []
    for d in duties:
        limit = thresholds_for(data, d)["max_hours_7d"]
        for lo, hi in ((d.start, d.start + SEVEN_DAYS), (d.end - SEVEN_DAYS, d.end)):
            total = sum(max(0, min(o.end, hi) - max(o.start, lo)) for o in duties)
            if total > limit * 60:
                violations.append((lo, hi, total, limit))
    for lo, hi in covered_runs([(v[0], v[1]) for v in violations]):
        inside = [v for v in violations if lo <= v[0] and v[1] <= hi]
        worst = max(v[2] for v in inside)
        limit = min(v[3] for v in inside)
        add("too_many_hours", WARNING, lo, hi, "hours", (fmt(worst / 60), fmt(limit)))

    for d in duties:
        for a_lo, a_hi, kind in data.absences.get(pid, ()):
            if overlaps(d.start, d.end, a_lo, a_hi):
                add("on_leave", ERROR, max(d.start, a_lo), min(d.end, a_hi), "on_leave", (kind,), rows=(d,))
        if d.role == "driver":
            vehicle = data.vehicles.get(d.vehicle) if d.vehicle is not None else None
            needed = vehicle.driver_qual if vehicle is not None else data.qual_driving
            if needed is not None and needed not in person.quals:
                add("missing_qualification", ERROR, d.start, d.end, "driver_unqualified",
                    (vehicle.plate if vehicle is not None else "",), rows=(d,))
        if d.role == "commander" and not person.officer and data.qual_command not in person.quals:
            add("missing_qualification", ERROR, d.start, d.end, "commander_unqualified", rows=(d,))
        if d.post is not None:
            place = data.posts[d.post].detachment if d.post in data.posts else None
        else:
            place = data.stations[d.station].detachment if d.station in data.stations else None
        if place is not None and place != person.detachment:
            add("cross_detachment", INFO, d.start, d.end, "cross_person", (data.detachment_codes.get(place, ""),),
                rows=(d,), detachment=place)

    if not person.active:
        add("inactive_resource", ERROR, min(d.start for d in duties), max(d.end for d in duties),
            "inactive_person", (len(duties),))
    return out


# -- vehicle rules -----------------------------------------------------------------------------------------
def place_of(row):
    return ("T", row.post) if row.post is not None else ("S", row.station)


def sittings(crew: list) -> list[tuple[int, int, list]]:
    """Time cut wherever a crew duty starts or ends; neighbouring pieces with the same duties join."""
    if not crew:
        return []
    out: list[list] = []
    for lo, hi in pieces(min(d.start for d in crew), max(d.end for d in crew), crew):
        members = [d for d in crew if overlaps(d.start, d.end, lo, hi)]
        if not members:
            continue
        if out and out[-1][1] == lo and {d.id for d in out[-1][2]} == {d.id for d in members}:
            out[-1][1] = hi
        else:
            out.append([lo, hi, members])
    return [tuple(s) for s in out]


def vehicle_problems(data, vid: int, crew: list, deps: list) -> list[Problem]:
    vehicle = data.vehicles[vid]
    what = (vehicle.plate, vehicle.call_sign)
    out = []

    def add(rule, severity, lo, hi, detail, args=(), people=(), posts=(), stations=(), detachment=None):
        out.append(make(rule, severity, lo, hi, detail, what + tuple(args), people=people, vehicles=[vid],
                        posts=posts, stations=stations,
                        detachment=vehicle.detachment if detachment is None else detachment))

    placements = []  # (start, end, set of places, is a deployment)
    for lo, hi, members in sittings(crew):
        people = [d.person for d in members]
        posts = [d.post for d in members]
        stations = [d.station for d in members]
        n = len(set(people))
        if n > vehicle.seats:
            add("crew_over_seats", ERROR, lo, hi, "over_seats", (n, vehicle.seats), people, posts, stations)
        if n < vehicle.min_crew:
            add("crew_under_minimum", WARNING, lo, hi, "under_minimum", (n, vehicle.min_crew), people, posts,
                stations)
        if not any(d.role == "driver" for d in members):
            add("no_driver", ERROR, lo, hi, "no_driver", (), people, posts, stations)
        if not any(d.role == "commander" for d in members):
            add("no_commander", WARNING, lo, hi, "no_commander", (), people, posts, stations)
        if vehicle.aerial:
            qualified = [d for d in members if d.person in data.people
                         and data.qual_aerial in data.people[d.person].quals]
            if not qualified:
                add("missing_qualification", ERROR, lo, hi, "aerial_unqualified", (), people, posts, stations)
        placements.append((lo, hi, frozenset(place_of(d) for d in members), False))

    for dep in deps:
        placements.append((dep.start, dep.end, frozenset([place_of(dep)]), True))
        if dep.post is not None and dep.post in data.posts:
            place = data.posts[dep.post].detachment
        elif dep.station is not None and dep.station in data.stations:
            place = data.stations[dep.station].detachment
        else:
            place = None
        if place is not None and place != vehicle.detachment:
            add("cross_detachment", INFO, dep.start, dep.end, "cross_vehicle",
                (data.detachment_codes.get(place, ""),), posts=[dep.post], stations=[dep.station],
                detachment=place)

    def place_refs(places):
        return [p for kind, p in places if kind == "T"], [s for kind, s in places if kind == "S"]

    for lo, hi, places, _is_dep in placements:
        if len(places) > 1:
            add("vehicle_overlap", ERROR, lo, hi, "split_crew", (), (), *place_refs(places))
    for a, b in combinations(placements, 2):
        lo, hi = max(a[0], b[0]), min(a[1], b[1])
        if lo < hi and ((a[3] and b[3]) or a[2] != b[2]):
            add("vehicle_overlap", ERROR, lo, hi, "two_places", (), (), *place_refs(a[2] | b[2]))

    def places_during(lo, hi):
        """Every post and station the vehicle stands at, or its crew is at, within [lo, hi)."""
        return place_refs(set().union(*(p[2] for p in placements if overlaps(p[0], p[1], lo, hi))))

    uses = covered_runs([(p[0], p[1]) for p in placements])
    for lo, hi in uses:
        if not vehicle.in_service:
            add("vehicle_unavailable", ERROR, lo, hi, "not_in_service", (), (), *places_during(lo, hi))
        for m_lo, m_hi, reason in data.maintenance.get(vid, ()):
            if overlaps(lo, hi, m_lo, m_hi):
                a, b = max(lo, m_lo), min(hi, m_hi)
                add("vehicle_unavailable", ERROR, a, b, "maintenance", (reason,), (), *places_during(a, b))
    if not vehicle.active and uses:
        add("inactive_resource", ERROR, uses[0][0], uses[-1][1], "inactive_vehicle")
    return out


# -- post rules -----------------------------------------------------------------------------------------------
def shift_windows(post) -> list[tuple[int, int]]:
    """A post's time cut at every handover (24 h rotation) or every handover and 12 h later (day and night)."""
    step = MINUTES_PER_DAY if post.rotation == "24h" else MINUTES_PER_DAY // 2
    cuts = [post.start] + [m for m in range(post.start + 1, post.end) if (m - post.handover) % step == 0]
    cuts.append(post.end)
    return list(zip(cuts, cuts[1:], strict=False))


def post_problems(data, post, duties: list, deps: list) -> list[Problem]:
    out = []
    what = (post.code, post.name)
    for w_lo, w_hi in shift_windows(post):
        on = [d for d in duties if d.post == post.id and overlaps(d.start, d.end, w_lo, w_hi)]
        there = [v for v in deps if v.post == post.id and overlaps(v.start, v.end, w_lo, w_hi)]
        uncovered, short, unqualified = [], [], []
        fewest = None
        missing_all: set[int] = set()
        for lo, hi in pieces(w_lo, w_hi, list(data.duties.values()) + list(data.deployments.values())):
            present = [d for d in on if overlaps(d.start, d.end, lo, hi)]
            people = {d.person for d in present}
            vehicles = {v.vehicle for v in there if overlaps(v.start, v.end, lo, hi)}
            if not people or not vehicles:
                uncovered.append((lo, hi))
                continue
            types = Counter(data.vehicles[v].type_code for v in vehicles if v in data.vehicles)
            lacking = (len(people) < post.min_people
                       or any(types[t] < n for t, n in post.vehicle_reqs.items())
                       or (post.needs_commander and all(d.role != "commander" for d in present)))
            if lacking:
                short.append((lo, hi))
                fewest = len(people) if fewest is None else min(fewest, len(people))
            held = set()
            for p in people:
                if p in data.people:
                    held |= data.people[p].quals
            missing = set(post.quals) - held
            if missing:
                unqualified.append((lo, hi))
                missing_all |= missing
        refs = {"people": [d.person for d in on], "vehicles": [v.vehicle for v in there], "posts": [post.id],
                "detachment": post.detachment}
        if uncovered:
            out.append(make("post_uncovered", ERROR, uncovered[0][0], uncovered[-1][1], "uncovered", what,
                            **refs))
        if short:
            out.append(make("post_understaffed", WARNING, short[0][0], short[-1][1], "understaffed",
                            what + (fewest, post.min_people), **refs))
        if unqualified:
            out.append(make("missing_qualification", ERROR, unqualified[0][0], unqualified[-1][1],
                            "post_unqualified", what + (tuple(sorted(missing_all)),), **refs))
    return out


# -- station rules --------------------------------------------------------------------------------------------
def station_problems(data, station, first_day: int, last_day: int) -> list[Problem]:
    if station.min_people <= 0 and station.min_vehicles <= 0:
        return []
    sid = station.id
    out = []
    every_row = list(data.duties.values()) + list(data.deployments.values())
    for day in range(first_day, last_day + 1):
        w_lo = day * MINUTES_PER_DAY + STATION_HANDOVER
        w_hi = w_lo + MINUTES_PER_DAY
        home = [d for d in data.duties.values() if d.post is None and d.station == sid]
        out_at_posts = [d for d in data.duties.values() if d.post is not None and d.person in data.people
                        and data.people[d.person].station == sid]
        sent_away = [v for v in data.deployments.values() if v.vehicle in data.vehicles
                     and data.vehicles[v.vehicle].station == sid and v.station != sid]
        bad = []
        worst_people = worst_vehicles = None
        for lo, hi in pieces(w_lo, w_hi, every_row):
            if not any(overlaps(r.start, r.end, lo, hi) for r in out_at_posts + sent_away):
                continue
            on = [d for d in home if overlaps(d.start, d.end, lo, hi)]
            gone = {v.vehicle for v in sent_away if overlaps(v.start, v.end, lo, hi)}
            n_people = len({d.person for d in on})
            n_vehicles = len({d.vehicle for d in on if d.vehicle is not None and d.vehicle not in gone})
            if n_people < station.min_people or n_vehicles < station.min_vehicles:
                bad.append((lo, hi))
                worst_people = n_people if worst_people is None else min(worst_people, n_people)
                worst_vehicles = n_vehicles if worst_vehicles is None else min(worst_vehicles, n_vehicles)
        if bad:
            out.append(make("station_below_minimum", WARNING, bad[0][0], bad[-1][1], "below_minimum",
                            (station.name, worst_people, station.min_people, worst_vehicles, station.min_vehicles),
                            stations=[sid], detachment=station.detachment))
    return out


# -- the duty book ----------------------------------------------------------------------------------------------
STATION_LEADERS = {"站长", "指导员", "副站长"}
OFFICE_LEADERS = {"支队长", "政委", "副支队长", "参谋长"}


def duty_book_problems(data) -> list[Problem]:
    """Every station day with a duty starting at the station, or with assignments, judged from scratch."""
    duties = list(data.duties.values())
    at_station = [d for d in duties if d.post is None and d.station is not None]
    days = {(d.station, (d.start - STATION_HANDOVER) // MINUTES_PER_DAY) for d in at_station}
    days |= set(data.assignments)
    out = []
    for sid, day in sorted(days):
        station = data.stations.get(sid)
        if station is None:
            continue
        lo = day * MINUTES_PER_DAY + STATION_HANDOVER
        hi = lo + MINUTES_PER_DAY
        where = (station.name, minute_to_datetime(lo).date().isoformat())
        planned = any(d.station == sid and lo <= d.start < hi for d in at_station)
        roles = data.assignments.get((sid, day), {})
        if station.office:
            leader_role, others, allowed = "det_leader", ["det_chief"], OFFICE_LEADERS
        else:
            leader_role, others, allowed = "leader", ["officer", "dispatch"], STATION_LEADERS

        def add(rule, severity, detail, args=(), people=(), _where=where, _lo=lo, _hi=hi, _sid=sid,
                _det=station.detachment):
            out.append(make(rule, severity, _lo, _hi, detail, _where + tuple(args), people=people, stations=[_sid],
                            detachment=_det))

        leader = roles.get(leader_role)
        if planned and leader is None:
            add("no_duty_leader", ERROR, "no_leader", (leader_role,))
        if planned and any(r not in roles for r in others):
            add("no_duty_officer", WARNING, "no_officer", (tuple(r for r in others if r not in roles),))
        if leader is None or leader not in data.people:
            continue
        person = data.people[leader]
        who = (leader_role, person.name, person.staff_no)
        if person.position not in allowed and data.qual_command not in person.quals:
            add("leader_unqualified", WARNING, "leader_unqualified", who, [leader])
        if not planned:
            continue
        theirs = sorted((d for d in duties if d.person == leader and overlaps(d.start, d.end, lo, hi)),
                        key=lambda d: (d.start, d.end, d.id))
        if any(d.post is None and d.station == sid for d in theirs):
            continue
        away = sorted(a for a in data.absences.get(leader, ()) if overlaps(a[0], a[1], lo, hi))
        if away:
            add("leader_not_on_duty", ERROR, "leader_on_leave", who + (away[0][2],), [leader])
        elif theirs:
            d = theirs[0]
            if d.post is not None:
                post = data.posts.get(d.post)
                place = f"{post.code} {post.name}" if post is not None else ""
            else:
                place = data.stations[d.station].name if d.station in data.stations else ""
            add("leader_not_on_duty", ERROR, "leader_elsewhere", who + (place,), [leader])
        else:
            add("leader_not_on_duty", ERROR, "leader_off", who, [leader])
    return out


# -- everything -------------------------------------------------------------------------------------------------
def oracle_problems(data) -> list[Problem]:
    """Every problem of a plan, sorted like the engine's."""
    duties = list(data.duties.values())
    deps = list(data.deployments.values())
    out: list[Problem] = []
    for pid in sorted({d.person for d in duties}):
        out += person_problems(data, pid, [d for d in duties if d.person == pid])
    for vid in sorted(data.vehicles):
        crew = [d for d in duties if d.vehicle == vid]
        mine = [v for v in deps if v.vehicle == vid]
        if crew or mine:
            out += vehicle_problems(data, vid, crew, mine)
    for post in data.posts.values():
        out += post_problems(data, post, duties, deps)
    rows = duties + deps
    if rows:
        first = (min(r.start for r in rows) - STATION_HANDOVER) // MINUTES_PER_DAY
        last = (max(r.end for r in rows) - STATION_HANDOVER) // MINUTES_PER_DAY
        for station in data.stations.values():
            out += station_problems(data, station, first, last)
    out += duty_book_problems(data)
    return sorted(out)
