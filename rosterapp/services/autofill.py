"""The station-duty adapter of the solver core: fill a station's empty cells with 值 / 休, and a scope's.

``propose_station`` reads one station's people, their entries, absences, post duties and the duty book
over [first, last] (with a week of context on each side), builds a :class:`rosterapp.solver.Problem`
and solves it (one worker: deterministic for a seed on its work limit). The demand per duty day is the
station's minimum strength (``min_people`` on 值, a commander: an officer's rank or 指挥员资格,
``min_vehicles`` drivers with 消防车驾驶) and everyone the duty book names that day on duty (weighted above
the minimum: leader_not_on_duty is an error, below minimum a warning); the station's usual strength (the mean
of the days before) is a softer target. Hard rules are the checker's, with its thresholds (the strictest of
the global values and the operations running): rest between duties (``MinRest`` from the shift times),
consecutive days, hours in 7 days (``MaxMinutesInWindow``), leave (absence days are days off), and every cell
already holding something (a typed 休, a post duty, leave) is fixed; with ``unlock`` a cell holding only a
station 值 without a crew place, or a 休, may change; ``cells`` limits the fill to a selection.

Soft goals, weighted by :class:`Weights` (0–10 each): 公平, fair shares within the station of duty hours per
day a person can serve (``FairSpread`` scaled by each person's available days) and of weekend and holiday
duty days; 连续性, each person's usual rotation (the period that repeats over the 4 weeks before) kept
(``Request`` per cell); 少改动, with unlock, each change of what is there. What stays short lists, per slot,
its candidates and why each is off duty, and within a time budget a minimal set of rules that together forbid
it (:func:`rosterapp.solver.explain.explain_cover`) with what would make it fillable.

``propose_scope`` fills a detachment, a task's detachments or the city: their posts first
(:mod:`rosterapp.services.autofill_posts`), then each station (stations share nobody) and every duty role
the duty book leaves empty, in the caller's unit of work or in a savepoint rolled back.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from rosterapp.i18n import language, tr
from rosterapp.models import Duty, ShiftType
from rosterapp.services.calendar import day_info
from rosterapp.services.rules.data import DAY_MINUTES, day_number, load_check_data, to_min
from rosterapp.solver import model as sm
from rosterapp.solver.cpsat import CancelToken, Progress, SolveParams, solve
from rosterapp.solver.explain import explain_cover, shortfalls

DUTY_CODE, OFF_CODE = "值", "休"
CONTEXT_DAYS = 7
HISTORY_DAYS = 28  # the days before the range whose repeating pattern is a person's usual rotation
SHORT = 100_000  # per person missing from a hard demand: above any spread of minutes in a month
BOOK = 20 * SHORT  # per person the duty book names for a day and not on duty then (leader_not_on_duty is an
# error; a station below its minimum strength is a warning: where both cannot be, the duty book wins)
TARGET = 2_000  # per person below the usual strength: above one duty's worth of spread
SHARE = 10  # a person available every day of the range counts their hours 10 times (fair shares)
DAY_SPREAD = 120  # per weekend or holiday duty day of spread, at fair=1: half a duty's hours of spread
KEEP = 100  # per cell that leaves the person's usual rotation, at keep=1
CHANGE = 500  # per existing 值/休 changed (only with unlock), at changes=1


@dataclass(frozen=True)
class Weights:
    """How much each soft goal counts, 0–10 each: 公平 (fair shares of hours, weekends and holidays),
    连续性 (each person's usual rotation kept), 少改动 (few changes to what is there, with unlock)."""

    fair: int = 3
    keep: int = 1
    changes: int = 3

    @classmethod
    def parse(cls, text: str) -> Weights:
        """``fair=N,keep=N,changes=N`` (any of them, any order; Chinese names 公平/连续性/少改动 too)."""
        names = {"fair": "fair", "公平": "fair", "keep": "keep", "连续性": "keep", "changes": "changes",
                 "少改动": "changes"}
        values: dict[str, int] = {}
        for part in filter(None, (p.strip() for p in text.replace("，", ",").split(","))):
            key, sep, value = part.partition("=")
            field_name = names.get(key.strip())
            if not sep or field_name is None:
                raise ValueError(tr("Unknown weight {part!r}: use fair=N,keep=N,changes=N", part=part))
            try:
                number = int(value)
            except ValueError:
                number = -1
            if not 0 <= number <= 10:
                raise ValueError(tr("A weight is a whole number from 0 to 10: {part}", part=part))
            values[field_name] = number
        return cls(**values)


def requirement_label(requirement: str) -> str:
    """人数 / 指挥员 / 驾驶员 / 带班领导: an Unfilled's requirement as a clerk says it."""
    return {"people": tr("people on duty"), "commander": tr("a commander"), "driver": tr("drivers"),
            "leader": tr("the duty leader"), "booked": tr("someone the duty book names")}.get(requirement, requirement)


@dataclass
class Unfilled:
    day: dt.date
    requirement: str  # "people", "commander", "driver", "leader"
    missing: int
    reasons: list[str] = field(default_factory=list)  # worded for a clerk
    tags: list[str] = field(default_factory=list)  # the minimal set of rule tags, as the solver names them


@dataclass(frozen=True)
class PersonStat:
    """One person's monthly statistics (services.statistics) over the range, before and after the proposal."""

    person_id: int
    name: str
    hours_before: float
    hours_after: float
    weekends_before: int
    weekends_after: int
    holidays_before: int
    holidays_after: int
    duty_days_before: int = 0
    duty_days_after: int = 0


@dataclass
class Proposal:
    values: dict[tuple[int, dt.date], str]  # what roster.edit_cells would write: the cells it changes
    unfilled: list[Unfilled]
    spread_before: float  # duty hours, max - min over the station's active people, [first, last]
    spread_after: float
    objective: float | None
    status: str
    seconds: float
    # The duty leaders proposed for days the duty book names none (someone on 值 who may lead), and their role.
    leaders: dict[dt.date, int] = field(default_factory=dict)
    leader_role: str = "leader"
    station_id: int | None = None
    station: str = ""
    before: dict[tuple[int, dt.date], str | None] = field(default_factory=dict)  # each proposed cell's code now
    people: list[PersonStat] = field(default_factory=list)
    # With propose_scope: every duty role the duty book left empty, as dutybook.assign items.
    roles: list[tuple[int, dt.date, str, int]] = field(default_factory=list)
    kept_rotation: int = 0  # free cells that follow the person's usual rotation
    rotation_cells: int = 0  # free cells of people with a usual rotation

    @property
    def changed(self) -> dict[tuple[int, dt.date], str]:
        """The proposed cells that replace a code already there (only with unlock)."""
        return {k: v for k, v in self.values.items() if self.before.get(k) is not None}


def _strictest(data, lo: int, hi: int) -> dict[str, float]:
    limits = dict(data.thresholds.resolve(None))
    for op, (_name, start, end) in data.operations.items():
        if start < hi and lo < end:
            for key, value in data.thresholds.resolve(op).items():
                limits[key] = max(limits[key], value) if key == "min_rest_hours" else min(limits[key], value)
    return limits


def _rotation(history: list[int]) -> int | None:
    """The period (2–8 days) that best repeats a 0/1 history of duty days, when it holds on 3 days in 4."""
    if sum(history) == 0:
        return None
    best, agreement = None, 0.75
    for period in range(2, 9):
        pairs = [history[t] == history[t - period] for t in range(period, len(history))]
        score = sum(pairs) / len(pairs) if pairs else 0
        if score > agreement + 1e-9:
            best, agreement = period, score
    return best


def propose_station(session: Session, station_id: int, first: dt.date, last: dt.date, *, seed: int = 1,
                    time_limit_s: float = 10, cancel: CancelToken | None = None,
                    progress: Callable[[Progress], bool | None] | None = None,
                    work_limit: float = 4.0, weights: Weights | None = None, unlock: bool = False,
                    cells: Collection[tuple[int, dt.date]] | None = None, stats: bool = True,
                    explain_seconds: float = 6.0) -> Proposal:
    """The proposal for one station over [first, last]; reads only (``stats`` computes the statistics after
    in a savepoint that is rolled back).

    ``unlock``: the cells holding only a station 值 or a 休 may change too (each change costs the 少改动
    weight); ``cells``: only these (person, day) cells may be filled or changed, the others stay as they are.
    """
    started = time.perf_counter()
    weights = weights or Weights()
    begin = first - dt.timedelta(days=CONTEXT_DAYS)
    days = [begin + dt.timedelta(days=i) for i in range((last - begin).days + 1 + CONTEXT_DAYS)]
    index = {d: i for i, d in enumerate(days)}
    lo = dt.datetime.combine(days[0], dt.time())
    hi = dt.datetime.combine(days[-1] + dt.timedelta(days=2), dt.time())
    data = load_check_data(session, lo, hi)
    station = data.stations[station_id]
    handover = data.handover
    base0 = day_number(days[0]) * DAY_MINUTES  # the model's day 0 at midnight, in engine minutes
    duty_type = session.scalars(select(ShiftType).where(ShiftType.code == DUTY_CODE)).one()
    duty_start = duty_type.start_time.hour * 60 + duty_type.start_time.minute
    shifts: dict[str, sm.ShiftType] = {DUTY_CODE: sm.ShiftType(DUTY_CODE, duty_type.duration_minutes, duty_start)}

    members = sorted(p.id for p in data.people.values() if p.station == station_id)
    person_of = {str(pid): pid for pid in members}
    window_lo, window_hi = index[first], index[last]
    # Entries of every cell (calendar day of the start), 休 included: a cell holding anything is not filled,
    # except, with unlock, a cell holding only a station 值 without a crew place or a 休 (its code is then
    # ``before``).
    c = Duty.__table__.c
    taken: dict[tuple[int, int], list[str | None]] = defaultdict(list)
    history: dict[int, list[int]] = {pid: [0] * HISTORY_DAYS for pid in members}
    h_lo = dt.datetime.combine(first - dt.timedelta(days=HISTORY_DAYS), dt.time())
    for pid, start, post, code, vehicle, role in session.execute(
            select(c.person_id, c.start, c.post_id, ShiftType.code, c.vehicle_id, c.role)
            .join(ShiftType, ShiftType.id == c.shift_type_id)
            .where(c.person_id.in_(members), c.start >= min(lo, h_lo), c.start < hi)):
        start = dt.datetime.fromisoformat(start) if isinstance(start, str) else start
        if start.date() in index:  # a crew place on a vehicle (driver, commander …) is not unlocked
            taken[pid, index[start.date()]].append(None if post is not None or vehicle or role else code)
        back = (start.date() - h_lo.date()).days
        if 0 <= back < HISTORY_DAYS and code == DUTY_CODE and post is None:
            history[pid][back] = 1
    wanted = None if cells is None else set(cells)
    unlockable = {key for key, codes in taken.items() if unlock and len(codes) == 1 and codes[0] in (DUTY_CODE, OFF_CODE)
                  and window_lo <= key[1] <= window_hi and (wanted is None or (key[0], days[key[1]]) in wanted)}
    # Duties by duty day (handover to handover): each person's day becomes one fixed shift.
    busy: dict[tuple[int, int], list] = defaultdict(list)
    for duty in data.duties.values():
        if duty.person in person_of.values():
            i = (duty.start - handover - base0) // DAY_MINUTES
            if 0 <= i < len(days) and (duty.person, i) not in unlockable:
                busy[duty.person, i].append(duty)
    fixed: dict[tuple[str, int], str | None] = {}
    for (pid, i), group in busy.items():
        s = min(d.start for d in group) - base0 - i * DAY_MINUTES
        length = max(d.end for d in group) - min(d.start for d in group)
        at_post = any(d.post is not None or d.station != station_id for d in group)
        name = DUTY_CODE if (not at_post and (s, length) == (duty_start, shifts[DUTY_CODE].length)) else \
            f"{'post' if at_post else 'station'}:{s}:{length}"
        shifts.setdefault(name, sm.ShiftType(name, length, s))
        fixed[str(pid), i] = name
    free: set[tuple[int, int]] = set()
    before: dict[tuple[int, int], str | None] = {}
    people: list[sm.Person] = []
    leave_days: dict[int, set[int]] = defaultdict(set)
    skills_of: dict[int, set[str]] = {}
    limits = _strictest(data, to_min(lo), to_min(hi))
    leader_role = "det_leader" if station.office else "leader"
    leaders = {i: who for i in range(window_lo, window_hi + 1)
               if (who := data.assignments.get((station_id, day_number(days[i])), {}).get(leader_role)) in members}
    # Everyone else the duty book names for a day (站内值班, 通信值班 …) is on duty that day too.
    booked = {(i, who) for i in range(window_lo, window_hi + 1)
              for role, who in data.assignments.get((station_id, day_number(days[i])), {}).items()
              if role != leader_role and who in members and leaders.get(i) != who}
    for pid in members:
        info = data.people[pid]
        for a_start, a_end, _kind in data.absences.get(pid, ()):
            for i in range(len(days)):
                w = base0 + i * DAY_MINUTES + handover
                if a_start < w + DAY_MINUTES and w < a_end:
                    leave_days[pid].add(i)
        for i in range(len(days)):
            key = (str(pid), i)
            if key in fixed:
                continue
            if (info.active and window_lo <= i <= window_hi and i not in leave_days[pid]
                    and ((pid, i) in unlockable or ((pid, i) not in taken
                                                    and (wanted is None or (pid, days[i]) in wanted)))):
                free.add((pid, i))
                before[pid, i] = taken[pid, i][0] if (pid, i) in unlockable else None
            elif i not in leave_days[pid]:
                fixed[key] = None
        skills = set()
        if info.officer or data.qual_command in info.quals:
            skills.add("commander")
        if data.qual_driving in info.quals:
            skills.add("driver")
        skills.update(f"leader:{i}" for i, who in leaders.items() if who == pid)
        skills.update(f"book:{i}:{who}" for i, who in booked if who == pid)
        skills_of[pid] = skills
        counts = Counter(v for (n, _i), v in fixed.items() if n == str(pid) and v is not None)
        people.append(sm.Person(str(pid), frozenset(skills), days_off=frozenset(leave_days[pid]),
                                max_shifts={name: counts.get(name, 0) for name in shifts if name != DUTY_CODE},
                                max_consecutive_shifts=int(limits["max_consecutive_days"])))

    # The demand: the station minimum, its commander and drivers, the duty book's leader.
    covers: list[sm.Cover] = []
    meaning: list[tuple[int, str]] = []
    usual = _usual_strength(data, station_id, day_number(first), handover)
    demand_days = {i for _pid, i in free} if wanted is not None else set(range(window_lo, window_hi + 1))
    for i in sorted(demand_days):
        demand = [("people", None, station.min_people), ("commander", "commander", 1 if station.min_people else 0),
                  ("driver", "driver", station.min_vehicles)]
        if i in leaders:
            demand.append(("leader", f"leader:{i}", 1))
        demand.extend(("booked", f"book:{i}:{who}", 1) for j, who in sorted(booked) if j == i)
        for what, skill, required in demand:
            if required > 0:
                covers.append(sm.Cover(i, DUTY_CODE, required, skill,
                                       under_weight=BOOK if what in ("leader", "booked") else SHORT))
                meaning.append((i, what))
        if usual > station.min_people:
            covers.append(sm.Cover(i, DUTY_CODE, usual, None, under_weight=TARGET))
            meaning.append((i, "usual"))
    rules: list[sm.Rule] = [
        sm.MinRest(int(limits["min_rest_hours"] * 60)),
        sm.MaxMinutesInWindow(7, int(limits["max_hours_7d"] * 60)),
    ]
    # Fair shares within the station: duty hours per day the person can serve in the range (a share), and
    # weekend and holiday duty days; only people who can serve at least one day of the range take part.
    window = range(window_lo, window_hi + 1)
    available = {str(pid): sum(1 for i in window if i not in leave_days[pid]) for pid in members
                 if data.people[pid].active}
    sharing = tuple(n for n, count in available.items() if count)
    if len(sharing) > 1 and weights.fair:
        share = {n: max(1, round(SHARE * len(window) / available[n])) for n in sharing}
        rules.append(sm.FairSpread(sharing, "minutes", weight=weights.fair, days=frozenset(window), scale=share,
                                   unit=60))
        for kind in ("weekend", "holiday"):
            marked = frozenset(i for i in window if _day_kind(days[i], kind))
            if marked:
                rules.append(sm.FairSpread(sharing, "shifts", shifts=frozenset({DUTY_CODE}), days=marked,
                                           weight=weights.fair * DAY_SPREAD))
    # The usual rotation (the pattern repeating over the 28 days before) and, with unlock, what is there.
    requests: list[sm.Request] = []
    predicted: dict[tuple[int, int], bool] = {}
    for pid in members:
        period = _rotation(history[pid])
        if period is None:
            continue
        for i in window:
            t = (days[i] - first).days
            predicted[pid, i] = bool(history[pid][HISTORY_DAYS - period + t % period])
    for (pid, i), code in before.items():
        if weights.changes and code is not None:
            requests.append(sm.Request(str(pid), i, DUTY_CODE, weights.changes * CHANGE, on=code == DUTY_CODE))
    for pid, i in free:
        if weights.keep and (pid, i) in predicted:
            requests.append(sm.Request(str(pid), i, DUTY_CODE, weights.keep * KEEP, on=predicted[pid, i]))
    problem = sm.Problem(len(days), list(shifts.values()), people, covers, requests=requests, rules=rules,
                         fixed=fixed, first_weekday=days[0].weekday(),
                         hints={(str(pid), i): DUTY_CODE if code == DUTY_CODE else None
                                for (pid, i), code in before.items() if code is not None})

    params = SolveParams(deterministic_time=work_limit, max_seconds=time_limit_s, num_workers=1, seed=seed,
                         cancel=cancel, on_progress=progress)
    solution = solve(problem, params)
    values: dict[tuple[int, dt.date], str] = {}
    kept = rotation_cells = 0
    if solution.feasible:
        for pid, i in sorted(free):
            code = DUTY_CODE if solution.assignment.get((str(pid), i)) == DUTY_CODE else OFF_CODE
            if (pid, i) in predicted:
                rotation_cells += 1
                kept += predicted[pid, i] == (code == DUTY_CODE)
            if code != before[pid, i]:
                values[pid, days[i]] = code
    unfilled = []
    if solution.feasible:
        short = shortfalls(problem, solution.assignment)
        names = {str(pid): data.people[pid].name for pid in members}
        by_name = problem_people(problem)
        # The minimal sets of rules are solves of their own: the first slots get them, within a budget; every
        # slot lists its candidates and why each is not on duty.
        budget = time.perf_counter() + explain_seconds
        for k in short:
            day, what = meaning[k]
            if what == "usual":
                continue
            cover = covers[k]
            count = sum(1 for (n, d), s in solution.assignment.items() if d == cover.day and s == DUTY_CODE
                        and (cover.skill is None or cover.skill in by_name[n].skills))
            reasons, tags = [], []
            left = budget - time.perf_counter()
            if left > 0.5:
                expl = explain_cover(problem, k, SolveParams(deterministic_time=1.0, max_seconds=min(3.0, left),
                                                             seed=seed), deadline=budget)
                reasons, tags = _words(expl.core, names, days, limits), [str(t) for t in expl.core]
            reasons += _candidates(problem, solution.assignment, cover, names, leave_days, limits)
            unfilled.append(Unfilled(days[day], what, cover.required - count, reasons, tags))
    # Filling plans the day: without a leader in the duty book the check says no_duty_leader. One of the
    # commanders the proposal puts on 值 that day leads it (officers first, the fewest days led first).
    proposed: dict[dt.date, int] = {}
    if station.min_people:
        led: Counter = Counter()
        for i in range(window_lo, window_hi + 1):
            if i in leaders or data.assignments.get((station_id, day_number(days[i])), {}).get(leader_role):
                continue
            on_duty = [pid for pid in members if solution.feasible and "commander" in skills_of[pid]
                       and solution.assignment.get((str(pid), i)) == DUTY_CODE]
            if on_duty:
                best = min(on_duty, key=lambda pid: (not data.people[pid].officer, led[pid], pid))
                led[best] += 1
                proposed[days[i]] = best
            else:
                unfilled.append(Unfilled(days[i], "leader", 1, [tr("No duty leader is named in the duty book")]))
    unfilled.sort(key=lambda u: (u.day, u.requirement))
    active = tuple(str(pid) for pid in members if data.people[pid].active)
    was = {(str(pid), i): DUTY_CODE for (pid, i), code in before.items() if code == DUTY_CODE}
    minutes_before = _station_minutes(problem, was, window_lo, window_hi)
    minutes_after = _station_minutes(problem, solution.assignment, window_lo, window_hi)
    proposal = Proposal(values, unfilled, _spread(minutes_before, active), _spread(minutes_after, active),
                        solution.objective, solution.status, time.perf_counter() - started, proposed, leader_role,
                        station_id, station.name, {(pid, days[i]): before[pid, i] for pid, i in free
                                                   if (pid, days[i]) in values},
                        kept_rotation=kept, rotation_cells=rotation_cells)
    if stats:
        proposal.people = person_stats(session, station_id, first, last, values)
    proposal.seconds = time.perf_counter() - started
    return proposal


def person_stats(session: Session, station_id: int, first: dt.date, last: dt.date,
                 values: dict[tuple[int, dt.date], str]) -> list[PersonStat]:
    """The station's monthly statistics before and after writing ``values`` (in a savepoint, rolled back)."""
    from rosterapp.services import roster, statistics

    before = {p.person_id: p for p in statistics.compute(session, first, last, station_id=station_id).people}
    after = before
    if values:
        savepoint = session.begin_nested()
        try:
            roster.edit_cells(session, values, [DUTY_CODE, OFF_CODE])
            after = {p.person_id: p for p in statistics.compute(session, first, last, station_id=station_id).people}
        finally:
            savepoint.rollback()
    return [PersonStat(pid, b.name, b.hours, after[pid].hours, b.weekend_days, after[pid].weekend_days,
                       b.holiday_days, after[pid].holiday_days, b.duty_days, after[pid].duty_days)
            for pid, b in before.items() if pid in after]


def _candidates(problem: sm.Problem, assignment: dict[tuple[str, int], str], cover: sm.Cover, names: dict[str, str],
                leave_days: dict[int, set[int]], limits: dict[str, float]) -> list[str]:
    """Who could stand on the short day and why each is not on duty, grouped by reason, for a clerk."""
    i = cover.day
    fixed = problem.fixed
    on = {(n, d) for (n, d), s in assignment.items()}
    run_limit = int(limits["max_consecutive_days"])
    week = int(limits["max_hours_7d"] * 60)
    groups: dict[str, list[str]] = defaultdict(list)
    missing_skill: list[str] = []
    for person in problem.people:
        n = person.name
        if assignment.get((n, i)) == cover.shift:
            continue
        if cover.skill is not None and cover.skill not in person.skills:
            if not cover.skill.startswith(("leader:", "book:")):
                missing_skill.append(names.get(n, n))
            continue
        if (n, i) in on or fixed.get((n, i)) is not None:
            why = "at a post or on another duty that day"
        elif i in leave_days.get(int(n), ()):
            why = "on leave"
        elif (n, i) in fixed:
            why = "already entered or not to be changed"
        elif (n, i - 1) in on or (n, i + 1) in on:
            why = "on duty the day before or after (rest)"
        else:
            before = after = 0
            while (n, i - 1 - before) in on:
                before += 1
            while (n, i + 1 + after) in on:
                after += 1
            hours = max(sum(problem.shift(assignment[n, d]).length for d in range(start, start + 7)
                            if (n, d) in on) for start in range(i - 6, i + 1))
            if before + after + 1 > run_limit:
                why = "would be too many duty days in a row"
            elif hours + problem.shift(cover.shift).length > week:
                why = "too many duty hours in 7 days"
            else:
                why = "free, but the fair share or the rotation kept them off"
        groups[why].append(names.get(n, n))
    out = [tr("{why}: {names}", why=tr(why), names="、".join(who)) for why, who in groups.items()]
    if missing_skill and cover.skill in ("commander", "driver"):
        out.append(tr("Without the qualification ({skill}): {count} people",
                      skill=tr("command" if cover.skill == "commander" else "消防车驾驶"), count=len(missing_skill)))
    return out


def _day_kind(day: dt.date, kind: str) -> bool:
    info = day_info(day)
    return bool(info.holiday) if kind == "holiday" else info.weekend and not info.adjusted_workday


def problem_people(problem: sm.Problem) -> dict[str, sm.Person]:
    return {p.name: p for p in problem.people}


def _usual_strength(data, station_id: int, first_day: int, handover: int) -> int:
    """People on station duty per day, on average, over the 28 duty days before ``first_day`` (0 if none)."""
    per_day: dict[int, set[int]] = defaultdict(set)
    for d in data.duties.values():
        if d.station == station_id and d.post is None and d.end - d.start >= DAY_MINUTES:
            day = (d.start - handover) // DAY_MINUTES
            if first_day - 28 <= day < first_day:
                per_day[day].add(d.person)
    return round(sum(len(v) for v in per_day.values()) / len(per_day)) if per_day else 0


def _station_minutes(problem: sm.Problem, assignment: dict, lo: int, hi: int) -> dict[str, int]:
    total: dict[str, int] = defaultdict(int)
    cells = {**{k: v for k, v in problem.fixed.items() if v is not None}, **assignment}
    for (n, i), name in cells.items():
        if lo <= i <= hi:
            total[n] += problem.shift(name).length
    return total


def _spread(minutes: dict[str, int], people: tuple[str, ...]) -> float:
    values = [minutes.get(n, 0) for n in people]
    return (max(values) - min(values)) / 60 if values else 0.0


def _words(core: list[sm.Tag], names: dict[str, str], days: list[dt.date], limits: dict[str, float]) -> list[str]:
    """The core's tags as sentences for a clerk, grouped by rule."""
    by_family: dict[str, list[str]] = defaultdict(list)
    for tag in core:
        if tag.person is not None:
            who = names.get(tag.person, tag.person)
            if who not in by_family[tag.family]:
                by_family[tag.family].append(who)
        else:
            by_family[tag.family]
    sentences = {
        "days_off": "On leave: {names}",
        "fixed": "Already entered (kept as they are): {names}",
        "min_rest": "Rest of {hours:g} h between duties not reached: {names}",
        "max_minutes_window": "At most {week:g} h of duty in 7 days: {names}",
        "max_consecutive_shifts": "At most {run:g} duty days in a row: {names}",
        "max_shifts": "Only station duty (值) is filled in: {names}",
        "cover": "Not enough people of the station hold what the requirement needs",
    }
    out = []
    if len(by_family) > 1:
        by_family.pop("cover", None)  # the requirement itself: the other rules say why
    for family, who in by_family.items():
        text = sentences.get(family, "Rule {family}: {names}")
        out.append(tr(text, names="、".join(who), family=family, hours=limits["min_rest_hours"],
                      week=limits["max_hours_7d"], run=limits["max_consecutive_days"]))
    # What would make it fillable: any one of these rules given way (the set is minimal) is enough.
    remedies = {
        "days_off": "one of them back from leave that day",
        "fixed": "one of the entries already there changed (or --unlock / “also change existing 值/休”)",
        "min_rest": "a duty moved away from the day before or after",
        "max_minutes_window": "fewer duty hours in the days around it",
        "max_consecutive_shifts": "a day off inside the run of duties",
        "max_shifts": "a post duty moved to another day",
        "cover": "one more person of the station who holds it (or lent from another station)",
    }
    ways = [tr(remedies[f]) for f in by_family if f in remedies]
    if ways:
        out.append(tr("Fillable with: {ways}", ways="; ".join(ways) if language() != "zh_CN" else "；或".join(ways)))
    return out


FILLS = ("station", "posts", "leaders")


@dataclass
class ScopePlan:
    """A fill of several stations (a detachment, a task's detachments, the city), posts first."""

    stations: list[Proposal]
    posts: list = field(default_factory=list)  # autofill_posts.PostProposal per operation
    applied: bool = False
    seconds: float = 0.0


def propose_scope(session: Session, station_ids: list[int], first: dt.date, last: dt.date, *,
                  operation_ids: list[int] = (), detachment_id: int | None = None,
                  fill: Collection[str] = FILLS, apply: bool = False, weights: Weights | None = None,
                  unlock: bool = False, seed: int = 1, time_limit_s: float = 10, work_limit: float = 2.0,
                  explain_seconds: float = 1.0,
                  on_station: Callable[[int, int], None] | None = None,
                  cancel: CancelToken | None = None) -> ScopePlan:
    """Posts of ``operation_ids`` (only ``detachment_id``'s, when given) first, then each station's cells and
    leaders, each station its own model (stations share nobody). The station fill sees the posts planned, as
    the check will after both are written. With ``apply`` both are written (the roster and the duty book
    through their own edits, the posts through the board's); without it everything runs in a savepoint that
    is rolled back.
    """
    from rosterapp.services import autofill_posts, dutybook, roster

    started = time.perf_counter()
    plan = ScopePlan([])
    savepoint = None if apply else session.begin_nested()
    try:
        if "posts" in fill:
            for op in operation_ids:
                plan.posts.append(autofill_posts.propose_posts(session, op, first, last, detachment_id=detachment_id,
                                                               write=True))
        codes = [c.code for c in roster.shift_codes(session)]
        for n, sid in enumerate(station_ids):
            if cancel is not None and cancel.cancelled:
                break
            if on_station is not None:
                on_station(n, len(station_ids))
            proposal = propose_station(session, sid, first, last, seed=seed, time_limit_s=time_limit_s,
                                       work_limit=work_limit, weights=weights, unlock=unlock, cancel=cancel,
                                       cells=None if "station" in fill else (), stats=False,
                                       explain_seconds=explain_seconds)
            plan.stations.append(proposal)
            if proposal.values:
                roster.edit_cells(session, proposal.values, codes)
            proposal.leaders = {}
            if "leaders" in fill:
                # Every duty role the duty book leaves empty (带班领导, 站内值班, 通信值班; at an office 支队值班领导
                # and 总值班), from who the roster now has on duty: the duty-role proposal's own choice.
                held = dutybook.read_assignments(session, [sid], first, last, with_offices=False)
                chosen = dutybook.roster_proposal(session, sid, first, last)
                proposal.roles = [item for item in chosen.items if item[:3] not in held]
                proposal.leaders = {day: pid for _s, day, role, pid in proposal.roles if role == proposal.leader_role}
                if proposal.roles:
                    dutybook.assign(session, proposal.roles)
        plan.applied = apply
    finally:
        if savepoint is not None:
            savepoint.rollback()
    plan.seconds = time.perf_counter() - started
    return plan
