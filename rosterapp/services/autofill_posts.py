"""The post-staffing half of the automatic fill: vehicles and crews for a task's uncovered post windows.

``propose_posts`` reads the operation's board and plans, window by window in time order, what each window
still lacks: the vehicles of each required type (any vehicle when none is named), their crews on duty
(who a station sends with a vehicle), a driver for each vehicle, a commander, the required qualifications
and the minimum number of people. Candidates come from :class:`~rosterapp.services.availability.Availability`,
the same decision the post board makes when a clerk drags someone there (leave, rest before and after,
other posts, qualifications, maintenance); the post's own detachment comes first, then the fewest duty
hours in the month. People and vehicles planned for one window are pending for the next.

The plan is then written in a savepoint and checked by the live checker: a window whose staffing would add
an error (a station left below its minimum strength when its crew goes, for one) is left out and listed
with the checker's own message; the savepoint is rolled back, so this only reads. What stays short is
listed per window with each candidate that was considered and why each was excluded.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from rosterapp import vocab
from rosterapp.i18n import language, tr
from rosterapp.services import posts_board, staffing, subplans
from rosterapp.services.availability import (
    BUSY,
    INACTIVE,
    MAINTENANCE,
    NOT_IN_SERVICE,
    NOT_QUALIFIED,
    NOT_RESTED,
    ON_LEAVE,
    PLANNED,
    Availability,
    Pending,
    Reason,
)
from rosterapp.services.rules.data import DAY_MINUTES, from_min
from rosterapp.services.rules.live import LiveChecker
from rosterapp.services.rules.messages import message
from rosterapp.services.staffing import WindowStaffing

CONTEXT = dt.timedelta(days=3)
SHOWN = 6  # candidates named per missing requirement
FIRST_TRIED = 12  # candidates put in order first for a place
OVER_TRIED = 80  # candidates over the hours-in-7-days limit passed over before one of them is taken


@dataclass
class PostGap:
    """A window left short: what it still lacks and, per requirement, the candidates and why each is out."""

    post_id: int
    post: str  # code and name
    start: dt.datetime
    end: dt.datetime
    missing: list[str]
    reasons: list[str] = field(default_factory=list)


@dataclass
class PostProposal:
    plans: list[WindowStaffing]
    gaps: list[PostGap]
    windows: int  # windows in scope that were short before
    filled: int  # of those, now full by the plan
    locked: list[str] = field(default_factory=list)  # detachments whose approved sub-plan was left as it is

    @property
    def people(self) -> int:
        return sum(len(p.people) for p in self.plans)

    @property
    def vehicles(self) -> int:
        return sum(len(p.vehicles) for p in self.plans)


def propose_posts(session: Session, operation_id: int, first: dt.date, last: dt.date, *,
                  detachment_id: int | None = None, write: bool = False) -> PostProposal:
    """The plan for the short windows of [first, last]; ``write`` leaves it written in the session (the
    caller's unit of work or savepoint), else nothing stays written."""
    board = posts_board.load_board(session, operation_id, detachment_id=detachment_id)
    lo = dt.datetime.combine(max(first, board.start_date), dt.time()) - CONTEXT
    hi = dt.datetime.combine(min(last, board.end_date) + dt.timedelta(days=1), dt.time()) + CONTEXT
    live = LiveChecker(session, lo, hi)
    availability = Availability(live.data, live.checker)
    pending = Pending()
    # The duty book's people lead their station on their day: a post would take them off it, or leave them
    # unrested for it, so they are not candidates the day before, of and after.
    handover = live.data.handover
    leading: dict[int, set[int]] = defaultdict(set)  # day -> the people who may not go to a post that day
    for (_sid, day), roles in live.data.assignments.items():
        for pid in roles.values():
            if pid is not None:
                for k in (-1, 0, 1):
                    leading[day + k].add(pid)
    by_detachment: dict[int, list[int]] = defaultdict(list)
    for pid, person in live.data.people.items():
        if person.active:
            by_detachment[person.detachment].append(pid)
    drawn: Counter = Counter()  # (station, day) -> people this fill sends to posts: spread over the stations
    windows = []
    # An approved sub-plan is locked: its windows are not proposed (it is reopened to be amended).
    locked = {det for op, det in subplans.locked_pairs(session) if op == operation_id}
    skipped: dict[int, str] = {}
    for r, line in enumerate(board.lines):
        if line.detachment_id in locked:
            skipped[line.detachment_id] = line.detachment
            continue
        for c, day in enumerate(board.days):
            cell = board.cells[r][c]
            if cell is not None and first <= day <= last and cell.status != posts_board.FULL:
                windows.append((cell.lo, line.code, r, cell))
    windows.sort(key=lambda w: (w[0], w[1]))
    plans: dict[int, WindowStaffing] = {}
    gaps: dict[int, PostGap] = {}
    for k, (_lo, _code, r, cell) in enumerate(windows):
        line = board.lines[r]
        day = (cell.lo - handover) // DAY_MINUTES
        off_limits = leading.get(day, set())
        pool = [pid for pid in by_detachment.get(line.detachment_id, ()) if pid not in off_limits]
        plan, gap = _plan_window(availability, pending, line, cell, pool, off_limits, drawn, day)
        if plan is not None:
            plans[k] = plan
        if gap is not None:
            gaps[k] = gap
    # The checker has the last word: a window whose staffing adds an error is left out.
    refused = _refused(session, live, plans, write)
    for k, messages in refused.items():
        plan = plans.pop(k)
        line = board.lines[windows[k][2]]
        gap = gaps.get(k) or PostGap(plan.post_id, f"{line.code} {line.name}", plan.start, plan.end, [])
        gap.missing.append(tr("a staffing that adds no error"))
        gap.reasons.extend(messages)
        gaps[k] = gap
    if write and refused and plans:
        staffing.staff_windows(session, list(plans.values()))
    filled = sum(1 for k in plans if k not in gaps)
    return PostProposal([plans[k] for k in sorted(plans)], [gaps[k] for k in sorted(gaps)], len(windows), filled,
                        sorted(skipped.values()))


def _refused(session: Session, live: LiveChecker, plans: dict[int, WindowStaffing], write: bool
             ) -> dict[int, list[str]]:
    """The plans whose staffing adds an error, with the checker's messages. The staffing is written in a
    savepoint: kept when ``write`` and nothing is refused, else rolled back."""
    if not plans:
        return {}
    refused: dict[int, list[str]] = {}
    savepoint = session.begin_nested()
    try:
        _edit, change = staffing.staff_windows(session, list(plans.values()))
        delta = live.apply(session, change)
    except BaseException:
        savepoint.rollback()
        raise
    for problem in delta.appeared:
        if problem.severity != "error":
            continue
        people, vehicles = set(problem.people), set(problem.vehicles)
        for k, plan in plans.items():
            if (people & {p for p, _role, _v in plan.people} or vehicles & set(plan.vehicles)
                    or plan.post_id in problem.posts) and plan.start < problem.end and problem.start < plan.end:
                refused.setdefault(k, []).append(message(problem, language()))
    if write and not refused:
        savepoint.commit()
    else:
        savepoint.rollback()
    return refused


def _plan_window(a: Availability, pending: Pending, line, cell, pool: list[int], leading: set[int],
                 drawn: Counter, day: int) -> tuple[WindowStaffing | None, PostGap | None]:
    """What one window lacks, planned from ``pool`` (the post's detachment, but the day's duty leaders) and
    the crews on duty with the vehicles chosen (without anyone in ``leading``)."""
    post, lo, hi = line.post_id, cell.lo, cell.hi
    have_types = Counter(p.vehicle.type_code for p in cell.placements)
    crew = {c.person_id: c for c in cell.crew}
    vehicles: list[int] = []
    people: list[tuple[int, str | None, int | None]] = []
    missing: list[str] = []
    reasons: list[str] = []
    quals_of = {pid: p.quals for pid, p in a.data.people.items()}
    cache: dict = {"drawn": drawn, "day": day}

    def add_person(pid: int, role: str | None, vehicle: int | None) -> None:
        people.append((pid, role, vehicle))
        crew[pid] = None
        pending.add_person(pid, lo, hi)
        drawn[a.data.people[pid].station, day] += 1

    def add_vehicle(vid: int) -> None:
        vehicles.append(vid)
        cache["vehicles"] = set(vehicles)
        pending.add_vehicle(vid, lo, hi)
        for pid, role in a.crew_on_duty(vid, post, lo, hi, pending):
            if pid not in crew and pid not in leading:
                add_person(pid, role, vid)
        if not any(v == vid and role == "driver" for _p, role, v in people):
            driver = _first_person(a, pending, post, lo, hi, "driver", vid, crew, pool, cache)
            if driver is not None:
                add_person(driver, "driver", vid)

    wanted = [(code, name, count - have_types.get(code, 0)) for code, name, count in line.vehicle_reqs]
    if not wanted and not cell.placements:
        wanted = [(None, tr("a vehicle"), 1)]
    for code, name, short in wanted:
        for _ in range(max(0, short)):
            option = next((o for o in a.vehicles(post, lo, hi, have_types)
                           if (code is None or o.type_code == code) and o.id not in vehicles
                           and a.vehicle_reason(o.id, post, lo, hi, pending) is None
                           and _crew_moves(a, o.id, post, lo, hi, pending, leading)), None)
            if option is None:
                missing.append(tr("vehicle {name}", name=name))
                reasons.append(_vehicle_candidates(a, pending, line, lo, hi, code, name))
                break
            add_vehicle(option.id)
            have_types[option.type_code] += 1
    roles = {c.role for c in cell.crew if c is not None} | {role for _p, role, _v in people}
    first_vehicle = vehicles[0] if vehicles else (cell.placements[0].vehicle.id if cell.placements else None)
    if line.needs_commander and "commander" not in roles:
        pid = _first_person(a, pending, post, lo, hi, "commander", first_vehicle, crew, pool, cache)
        if pid is None:
            missing.append(tr("a commander"))
            reasons.append(_people_candidates(a, pending, line, lo, hi, "commander", tr("a commander")))
        else:
            add_person(pid, "commander", first_vehicle)
    for qid, qname in line.qualifications:
        if any(qid in quals_of.get(pid, ()) for pid in crew):
            continue
        if "people" not in cache:
            cache["people"] = a.people(post, lo, hi, among=pool)
        pid = next((o.id for o in cache["people"] if qid in o.quals and o.id not in crew
                    and (o.vehicle_id is None or o.vehicle_id in vehicles)
                    and a.person_reason(o.id, post, lo, hi, None, None, pending) is None), None)
        if pid is None:
            missing.append(qname)
            reasons.append(tr("Nobody free holds {qualification}", qualification=qname))
        else:
            add_person(pid, "firefighter", first_vehicle)
    while len(crew) < line.min_people:
        pid = _first_person(a, pending, post, lo, hi, None, None, crew, pool, cache)
        if pid is None:
            missing.append(tr("{count} more people", count=line.min_people - len(crew)))
            reasons.append(_people_candidates(a, pending, line, lo, hi, None, tr("people")))
            break
        add_person(pid, "firefighter", first_vehicle)
    if vehicles and not people and not cell.crew:  # a vehicle nobody can crew is no staffing
        for vid in vehicles:
            pending.vehicles[vid].remove((lo, hi))
        vehicles = []
    plan = staffing.staffing_for_cell(post, cell, vehicles, people) if vehicles or people else None
    gap = PostGap(post, f"{line.code} {line.name}", from_min(lo), from_min(hi), missing, reasons) if missing else None
    return plan, gap


def _crew_moves(a: Availability, vehicle: int, post: int, lo: int, hi: int, pending: Pending, leading: set[int]
                ) -> bool:
    """Whether all of a vehicle's crew on station duty that day can go with it (else the vehicle would be at the
    post and, with whoever stays, at its station: the check's vehicle and crew overlaps)."""
    window_day = (lo - a.data.posts[post].handover) // DAY_MINUTES if post in a.data.posts else lo // DAY_MINUTES
    on_duty = {d.person for d in a.checker.by_vehicle.get(vehicle, ())
               if d.post is None and d.start < hi and lo < d.end and d.start // DAY_MINUTES == window_day}
    if not on_duty:
        return True
    movable = {pid for pid, _role in a.crew_on_duty(vehicle, post, lo, hi, pending)}
    return on_duty <= movable and not on_duty & leading


def _first_person(a: Availability, pending: Pending, post: int, lo: int, hi: int, role: str | None,
                  vehicle: int | None, taken, pool: list[int], cache: dict) -> int | None:
    """The first free person of ``pool`` for the role, off-duty people before those a station's duty would
    lose, then from the station least drawn on that day, then the fewest duty hours in the month. ``cache`` keeps the window's candidates between calls (the
    role's qualification and what is pending are checked for the one chosen)."""
    options = cache.get("people")
    if options is None:
        options = cache["people"] = a.people(post, lo, hi, among=pool)
    if "free" not in cache:  # not planned elsewhere too close to this window (the rest check would refuse)
        planned, rest = pending.people, a.min_rest(post)
        cache["free"] = [o for o in options
                         if not any(x < hi + rest and lo - rest < y for x, y in planned.get(o.id, ()))]
    # A plain place takes a firefighter before an officer: the stations need their commanders. The hours
    # planned in this fill count with those already in the month, so that the posts go round.
    minutes = pending.minutes

    drawn, day, people = cache["drawn"], cache["day"], a.data.people

    def key(o) -> tuple:  # then the station this fill has drawn fewest from that day, then the fewest hours
        return (not o.own, o.on_duty, role is None and o.officer, drawn[people[o.id].station, day],
                o.hours + minutes.get(o.id, 0) / 60)

    # Someone whose station duty holds a seat on a vehicle that stays would leave that crew short (no_driver …).
    going = cache.get("vehicles", ())
    free = [o for o in cache["free"] if o.id not in taken and (o.vehicle_id is None or o.vehicle_id in going)]
    # The best few first (most windows take the first); all of them in order only when those are refused.
    # Someone the window would take over the hours-in-7-days limit, into a stretch of duties longer than the
    # longest allowed or too soon after a 24 h duty (warning rules, so soft) only when nobody else can go.
    best = heapq.nsmallest(FIRST_TRIED, free, key=key)
    limits = a.data.thresholds.resolve(a.data.posts[post].operation if post in a.data.posts else None)
    limit, stretch, after_long = limits["max_hours_7d"], limits["max_stretch_hours"], limits["rest_after_24h_hours"]
    over = []
    for o in itertools.chain(best, sorted(free, key=key)[FIRST_TRIED:] if len(free) > FIRST_TRIED else ()):
        if a.person_reason(o.id, post, lo, hi, role, vehicle, pending) is None:
            if _week_minutes(a, pending, o.id, lo, hi) <= limit * 60 and \
                    _stretch_minutes(a, pending, o.id, lo, hi) <= stretch * 60 and \
                    not _short_rest_after_long(a, pending, o.id, lo, hi, after_long * 60):
                return o.id
            over.append(o.id)
            if len(over) >= OVER_TRIED:  # (someone on station duty that day adds no hours by going)
                break
    return over[0] if over else None


def _stretch_minutes(a: Availability, pending: Pending, pid: int, lo: int, hi: int) -> int:
    """How long the stretch of back-to-back duties holding the window would last (duty_too_long)."""
    spans = [(d.start, d.end) for d in a.checker.by_person.get(pid, ())
             if not (d.post is None and d.start < hi and lo < d.end)]  # the station duty it takes them off
    spans += list(pending.people.get(pid, ()))
    start, end = lo, hi
    grown = True
    while grown:
        grown = False
        for x, y in spans:
            if x < start <= y or start <= x <= end < y:
                start, end, grown = min(start, x), max(end, y), True
    return end - start


def _short_rest_after_long(a: Availability, pending: Pending, pid: int, lo: int, hi: int, rest: int) -> bool:
    """Whether the window starts too soon after a 24 h duty, or is one and the next duty follows too soon
    (rest_too_short's rest after 24 h)."""
    spans = [(d.start, d.end) for d in a.checker.by_person.get(pid, ())
             if not (d.post is None and d.start < hi and lo < d.end)]
    spans += list(pending.people.get(pid, ()))
    long = DAY_MINUTES
    if any(y - x >= long and y <= lo < y + rest for x, y in spans):
        return True
    return hi - lo >= long and any(hi <= x < hi + rest for x, _y in spans)


def _week_minutes(a: Availability, pending: Pending, pid: int, lo: int, hi: int) -> int:
    """The most duty minutes the person would have in any 7-day span holding the window [lo, hi), with what
    this fill has planned (the check's too_many_hours, for the spans around this window)."""
    week = 7 * DAY_MINUTES
    spans = [(d.start, d.end) for d in a.checker.by_person.get(pid, ()) if d.end > hi - week and d.start < lo + week
             and not (d.post is None and d.start < hi and lo < d.end)]  # the station duty it takes them off
    spans += [(x, y) for x, y in pending.people.get(pid, ()) if y > hi - week and x < lo + week]
    spans.append((lo, hi))
    # The sum over a sliding week is largest with its start at a duty's start or its end at a duty's end.
    starts = {hi - week, lo} | {x for x, _y in spans} | {y - week for _x, y in spans}
    return max(sum(max(0, min(y, t + week) - max(x, t)) for x, y in spans)
               for t in starts if hi - week <= t <= lo)


def _vehicle_candidates(a: Availability, pending: Pending, line, lo: int, hi: int, code: str | None,
                        name: str) -> str:
    data = a.data
    own = [vid for vid, v in data.vehicles.items() if (code is None or v.type_code == code)]
    own.sort(key=lambda vid: (data.vehicles[vid].detachment != line.detachment_id, data.vehicles[vid].call_sign))
    why = defaultdict(list)
    for vid in own[:SHOWN * 2]:
        reason = a.vehicle_reason(vid, line.post_id, lo, hi, pending)
        if reason is not None:
            why[reason_words(reason)].append(data.vehicles[vid].call_sign)
    if not own:
        return tr("No vehicle of type {name} in the register", name=name)
    return tr("{requirement}: {reasons}", requirement=name, reasons="；".join(
        f"{w}（{'、'.join(v[:SHOWN])}{'…' if len(v) > SHOWN else ''}）" for w, v in why.items()))


def _people_candidates(a: Availability, pending: Pending, line, lo: int, hi: int, role: str | None,
                       label: str) -> str:
    data = a.data
    near = [pid for pid, p in data.people.items() if p.active and p.detachment == line.detachment_id
            and (line.station_id is None or p.station == line.station_id or role is not None)]
    why = defaultdict(list)
    for pid in near:
        reason = a.person_reason(pid, line.post_id, lo, hi, role, None, pending)
        if reason is not None:
            why[reason_words(reason)].append(data.people[pid].name)
    if not why:
        return tr("{requirement}: nobody of the detachment can", requirement=label)
    return tr("{requirement}: {reasons}", requirement=label, reasons="；".join(
        f"{w}（{'、'.join(v[:SHOWN])}{'…' if len(v) > SHOWN else ''}）" for w, v in
        sorted(why.items(), key=lambda kv: -len(kv[1]))))


def reason_words(reason: Reason) -> str:
    """Why a candidate is out, as a clerk says it (without the name)."""
    code, args = reason.code, reason.args
    if code == ON_LEAVE:
        return tr("on leave ({kind})", kind=vocab.label(vocab.ABSENCE_KIND, args[0], language()))
    if code == NOT_RESTED:
        return tr("{minimum:g} h rest not reached", minimum=args[1])
    if code == NOT_QUALIFIED:
        return tr("no 消防车驾驶") if args and args[0] == "driver" else tr("not qualified to command")
    if code == BUSY:
        return tr("elsewhere then ({where})", where=args[0])
    if code == PLANNED:
        return tr("already planned for another window")
    if code == INACTIVE:
        return tr("deactivated")
    if code == MAINTENANCE:
        return tr("in maintenance")
    if code == NOT_IN_SERVICE:
        return tr("not in service")
    return tr("already at this window")
