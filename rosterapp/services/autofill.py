"""The station-duty adapter of the solver core: fill a station's empty cells with 值 / 休.

``propose_station`` reads one station's people, their entries, absences, post duties and the duty book
over [first, last] (with a week of context on each side), builds a :class:`rosterapp.solver.Problem`
and solves it. The demand per duty day is the station's minimum strength (``min_people`` on 值, a
commander: an officer's rank or 指挥员资格, ``min_vehicles`` drivers with 消防车驾驶) and the day's duty
leader from the duty book on duty; the station's usual strength (the mean of the 28 days before) is a
softer target. Hard rules are the checker's, with its thresholds (the strictest of the global values and
the operations running): rest between duties (``MinRest`` from the shift times), consecutive days, hours
in 7 days (``MaxMinutesInWindow``), leave (absence days are days off), and every cell already holding
something (a typed 休, a post duty, leave) is fixed. Only empty cells of active people are filled.
Fairness of duty hours within the station is a ``FairSpread`` soft term. What stays short is explained
with :func:`rosterapp.solver.explain.explain_cover`, worded for a clerk.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from rosterapp.i18n import tr
from rosterapp.models import Duty, ShiftType
from rosterapp.services.rules.data import DAY_MINUTES, day_number, load_check_data, to_min
from rosterapp.solver import model as sm
from rosterapp.solver.cpsat import CancelToken, Progress, SolveParams, solve
from rosterapp.solver.explain import explain_cover, shortfalls

DUTY_CODE, OFF_CODE = "值", "休"
CONTEXT_DAYS = 7
SHORT = 100_000  # per person missing from a hard demand: above any spread of minutes in a month
TARGET = 2_000  # per person below the usual strength: above one duty's worth of spread (1,440)


def requirement_label(requirement: str) -> str:
    """人数 / 指挥员 / 驾驶员 / 带班领导: an Unfilled's requirement as a clerk says it."""
    return {"people": tr("people on duty"), "commander": tr("a commander"), "driver": tr("drivers"),
            "leader": tr("the duty leader")}.get(requirement, requirement)


@dataclass
class Unfilled:
    day: dt.date
    requirement: str  # "people", "commander", "driver", "leader"
    missing: int
    reasons: list[str] = field(default_factory=list)  # worded for a clerk
    tags: list[str] = field(default_factory=list)  # the minimal set of rule tags, as the solver names them


@dataclass
class Proposal:
    values: dict[tuple[int, dt.date], str]  # what roster.edit_cells would write: only empty cells
    unfilled: list[Unfilled]
    spread_before: float  # duty hours, max - min over the station's active people, [first, last]
    spread_after: float
    objective: float | None
    status: str
    seconds: float
    # The duty leaders proposed for days the duty book names none (someone on 值 who may lead), and their role.
    leaders: dict[dt.date, int] = field(default_factory=dict)
    leader_role: str = "leader"


def _strictest(data, lo: int, hi: int) -> dict[str, float]:
    limits = dict(data.thresholds.resolve(None))
    for op, (_name, start, end) in data.operations.items():
        if start < hi and lo < end:
            for key, value in data.thresholds.resolve(op).items():
                limits[key] = max(limits[key], value) if key == "min_rest_hours" else min(limits[key], value)
    return limits


def propose_station(session: Session, station_id: int, first: dt.date, last: dt.date, *, seed: int = 1,
                    time_limit_s: float = 10, cancel: CancelToken | None = None,
                    progress: Callable[[Progress], bool | None] | None = None,
                    work_limit: float = 4.0) -> Proposal:
    started = time.perf_counter()
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
    # Entries of every cell (calendar day of the start), 休 included: a cell holding anything is not filled.
    c = Duty.__table__.c
    taken: set[tuple[int, int]] = set()
    for pid, start in session.execute(select(c.person_id, c.start).where(
            c.person_id.in_(members), c.start >= lo, c.start < hi)):
        start = dt.datetime.fromisoformat(start) if isinstance(start, str) else start
        if start.date() in index:
            taken.add((pid, index[start.date()]))
    # Duties by duty day (handover to handover): each person's day becomes one fixed shift.
    busy: dict[tuple[int, int], list] = defaultdict(list)
    for duty in data.duties.values():
        if duty.person in person_of.values():
            i = (duty.start - handover - base0) // DAY_MINUTES
            if 0 <= i < len(days):
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
    window_lo, window_hi = index[first], index[last]
    free: set[tuple[int, int]] = set()
    people: list[sm.Person] = []
    leave_days: dict[int, set[int]] = defaultdict(set)
    skills_of: dict[int, set[str]] = {}
    limits = _strictest(data, to_min(lo), to_min(hi))
    leader_role = "det_leader" if station.office else "leader"
    leaders = {i: who for i in range(window_lo, window_hi + 1)
               if (who := data.assignments.get((station_id, day_number(days[i])), {}).get(leader_role)) in members}
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
            if (info.active and window_lo <= i <= window_hi and (pid, i) not in taken
                    and i not in leave_days[pid]):
                free.add((pid, i))
            elif i not in leave_days[pid]:
                fixed[key] = None
        skills = set()
        if info.officer or data.qual_command in info.quals:
            skills.add("commander")
        if data.qual_driving in info.quals:
            skills.add("driver")
        skills.update(f"leader:{i}" for i, who in leaders.items() if who == pid)
        skills_of[pid] = skills
        counts = Counter(v for (n, _i), v in fixed.items() if n == str(pid) and v is not None)
        people.append(sm.Person(str(pid), frozenset(skills), days_off=frozenset(leave_days[pid]),
                                max_shifts={name: counts.get(name, 0) for name in shifts if name != DUTY_CODE},
                                max_consecutive_shifts=int(limits["max_consecutive_days"])))

    # The demand: the station minimum, its commander and drivers, the duty book's leader.
    covers: list[sm.Cover] = []
    meaning: list[tuple[int, str]] = []
    usual = _usual_strength(data, station_id, day_number(first), handover)
    for i in range(window_lo, window_hi + 1):
        demand = [("people", None, station.min_people), ("commander", "commander", 1 if station.min_people else 0),
                  ("driver", "driver", station.min_vehicles)]
        if i in leaders:
            demand.append(("leader", f"leader:{i}", 1))
        for what, skill, required in demand:
            if required > 0:
                covers.append(sm.Cover(i, DUTY_CODE, required, skill, under_weight=SHORT))
                meaning.append((i, what))
        if usual > station.min_people:
            covers.append(sm.Cover(i, DUTY_CODE, usual, None, under_weight=TARGET))
            meaning.append((i, "usual"))
    rules: list[sm.Rule] = [
        sm.MinRest(int(limits["min_rest_hours"] * 60)),
        sm.MaxMinutesInWindow(7, int(limits["max_hours_7d"] * 60)),
    ]
    active = tuple(str(pid) for pid in members if data.people[pid].active)
    if len(active) > 1:
        rules.append(sm.FairSpread(active, "minutes", weight=1))
    problem = sm.Problem(len(days), list(shifts.values()), people, covers, rules=rules, fixed=fixed,
                         first_weekday=days[0].weekday())

    params = SolveParams(deterministic_time=work_limit, max_seconds=time_limit_s, num_workers=1, seed=seed,
                         cancel=cancel, on_progress=progress)
    solution = solve(problem, params)
    values: dict[tuple[int, dt.date], str] = {}
    if solution.feasible:
        for pid, i in sorted(free):
            values[pid, days[i]] = DUTY_CODE if solution.assignment.get((str(pid), i)) == DUTY_CODE else OFF_CODE
    unfilled = []
    if solution.feasible:
        short = shortfalls(problem, solution.assignment)
        names = {str(pid): data.people[pid].name for pid in members}
        for k in short:
            day, what = meaning[k]
            if what == "usual":
                continue
            cover = covers[k]
            count = sum(1 for (n, d), s in solution.assignment.items() if d == cover.day and s == DUTY_CODE
                        and (cover.skill is None or cover.skill in problem_people(problem)[n].skills))
            expl = explain_cover(problem, k, SolveParams(deterministic_time=2.0, max_seconds=5.0, seed=seed))
            unfilled.append(Unfilled(days[day], what, cover.required - count,
                                     _words(expl.core, names, days, limits), [str(t) for t in expl.core]))
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
    minutes_before = _station_minutes(problem, {}, window_lo, window_hi)
    minutes_after = _station_minutes(problem, solution.assignment, window_lo, window_hi)
    return Proposal(values, unfilled, _spread(minutes_before, active), _spread(minutes_after, active),
                    solution.objective, solution.status, time.perf_counter() - started, proposed, leader_role)


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
    return out
