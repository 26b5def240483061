"""Builds a :class:`~rosterapp.solver.model.Problem` into an OR-Tools CP-SAT model and solves it.

``solve(problem, SolveParams(...))`` returns a :class:`Solution`: the assignment, the objective, the best
bound and the status. The search is deterministic for a seed when it stops on its deterministic-time
limit (one worker by default, or ``interleave_search`` with several); the wall-clock limit is only a cap.
``on_progress`` is called on each improving solution and may return ``False`` to stop; a
:class:`CancelToken` stops the search from another thread (a GUI's Cancel) and keeps the best solution.

With ``SolveParams(improve=True)`` :func:`solve` runs :func:`solve_improving` instead of one CP-SAT
search: a first feasible solution, a short solve of the whole model, then a large-neighbourhood search
of its own (re-solve a few people's rows or a window of days with the rest fixed to the incumbent),
which finds far better solutions on large rostering problems than one single-worker search; it is
deterministic for a seed in the same way and never returns a worse solution than it started from.

Every hard constraint is added under a :class:`~rosterapp.solver.model.Tag`; with ``explain=True`` the
builder enforces each tag's constraints only under an assumption literal, which is what
:mod:`rosterapp.solver.explain` uses. The fire-service adapter calls :func:`solve` on the problem it
builds and maps the assignment back to cells.
"""

from __future__ import annotations

import random
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from rosterapp.solver.model import (
    Cover,
    FairSpread,
    MaxMinutesInWindow,
    MinRest,
    Problem,
    Tag,
    rest_forbidden_pairs,
)


class CancelToken:
    """Set from any thread to stop a running solve; the best solution so far is returned."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._solver: cp_model.CpSolver | None = None
        self._lock = threading.Lock()

    def cancel(self) -> None:
        with self._lock:
            self._event.set()
            if self._solver is not None:
                self._solver.stop_search()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def _attach(self, solver: cp_model.CpSolver | None) -> None:
        with self._lock:
            self._solver = solver
            if solver is not None and self._event.is_set():
                solver.stop_search()


@dataclass
class Progress:
    objective: float
    bound: float
    seconds: float
    solutions: int


@dataclass
class SolveParams:
    deterministic_time: float = 10.0  # the main limit (CP-SAT's deterministic seconds)
    max_seconds: float | None = None  # wall-clock cap
    num_workers: int = 1
    seed: int = 0
    interleave_search: bool = False
    on_progress: Callable[[Progress], bool | None] | None = None
    cancel: CancelToken | None = None
    log: bool = False
    # 2 adds the LP relaxation of every linear constraint: far better bounds on rostering models.
    linearization_level: int | None = 2
    extra: dict[str, object] = field(default_factory=dict)  # further CP-SAT parameters by name
    # The neighbourhood search (see :func:`improve`): off by default, a plain CP-SAT solve.
    improve: bool = False
    first_share: float = 0.05  # the share of deterministic_time the whole model gets before the search
    neighbourhood_time: float = 1.0  # deterministic seconds per sub-solve at first (up to 8 times that)


@dataclass
class Solution:
    status: str  # OPTIMAL, FEASIBLE, INFEASIBLE, MODEL_INVALID, UNKNOWN
    assignment: dict[tuple[str, int], str] = field(default_factory=dict)  # worked cells only
    objective: float | None = None
    bound: float | None = None
    seconds: float = 0.0
    cancelled: bool = False
    terms: dict[str, int] = field(default_factory=dict)  # objective per soft-term family
    deterministic_time: float = 0.0  # CP-SAT deterministic seconds spent

    @property
    def feasible(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE")


class Builder:
    """The CP-SAT model of a problem: ``x[(person, day, shift)]`` is 1 when that shift is worked."""

    def __init__(self, problem: Problem, *, explain: bool = False, hard_covers: bool = False):
        self.problem = problem
        self.explain = explain
        self.hard_covers = hard_covers  # every cover's required count is a tagged hard minimum
        self.model = cp_model.CpModel()
        self.assumptions: dict[Tag, cp_model.IntVar] = {}
        self.terms: dict[str, list[tuple[int, cp_model.LinearExprT]]] = defaultdict(list)
        self.cover_under: dict[int, cp_model.IntVar] = {}
        self.x: dict[tuple[str, int, str], cp_model.IntVar] = {}
        self.work: dict[tuple[str, int], cp_model.IntVar] = {}
        self._build()

    # -- helpers ------------------------------------------------------------------------------------
    def _enforce(self, constraint: cp_model.Constraint, tag: Tag) -> None:
        if not self.explain:
            return
        lit = self.assumptions.get(tag)
        if lit is None:
            lit = self.assumptions[tag] = self.model.NewBoolVar(f"assume[{tag}]")
        constraint.OnlyEnforceIf(lit)

    def hard(self, constraint: cp_model.Constraint, tag: Tag) -> None:
        self._enforce(constraint, tag)

    def soft(self, family: str, weight: int, expr: cp_model.LinearExprT) -> None:
        if weight:
            self.terms[family].append((weight, expr))

    # -- the model ----------------------------------------------------------------------------------
    def _build(self) -> None:
        p, m = self.problem, self.model
        days = range(p.horizon)
        for person in p.people:
            for d in days:
                cells = []
                for s in p.shifts:
                    v = self.x[(person.name, d, s.name)] = m.NewBoolVar(f"x[{person.name},{d},{s.name}]")
                    cells.append(v)
                w = self.work[(person.name, d)] = m.NewBoolVar(f"w[{person.name},{d}]")
                m.Add(sum(cells) == w)  # at most one shift a day: structural, never assumed away
        for person in p.people:
            self._person_rules(person)
        self._successions()
        for key, value in p.fixed.items():
            self._fix(key, value)
        for i, cover in enumerate(p.covers):
            self._cover(i, cover)
        for r in p.requests:
            v = self.x[(r.person, r.day, r.shift)]
            self.soft("requests", r.weight, (1 - v) if r.on else v)
        for rule in p.rules:
            if isinstance(rule, MinRest):
                self._min_rest(rule)
            elif isinstance(rule, MaxMinutesInWindow):
                self._window(rule)
            elif isinstance(rule, FairSpread):
                self._fair(rule)
            else:  # pragma: no cover
                raise TypeError(rule)
        for (name, d), value in p.hints.items():
            for s in p.shifts:
                m.AddHint(self.x[(name, d, s.name)], s.name == value)
        objective = [w * e for terms in self.terms.values() for w, e in terms]
        if objective and not self.explain:
            m.Minimize(sum(objective))

    def _fix(self, key: tuple[str, int], value: str | None) -> None:
        name, d = key
        tag = Tag("fixed", name, f"day {d}")
        if value is None:
            self.hard(self.model.Add(self.work[key] == 0), tag)
        else:
            self.hard(self.model.Add(self.x[(name, d, value)] == 1), tag)

    def _person_rules(self, person) -> None:
        p, m, n = self.problem, self.model, person.name
        days = range(p.horizon)
        work = [self.work[(n, d)] for d in days]
        for d in sorted(person.days_off):
            if 0 <= d < p.horizon and p.fixed.get((n, d)) is None:  # a fixed shift wins over a day off
                self.hard(m.Add(work[d] == 0), Tag("days_off", n, f"day {d}"))
        for s, limit in person.max_shifts.items():
            self.hard(m.Add(sum(self.x[(n, d, s)] for d in days) <= limit), Tag("max_shifts", n, s))
        minutes = sum(s.length * self.x[(n, d, s.name)] for d in days for s in p.shifts)
        if person.max_minutes is not None:
            self.hard(m.Add(minutes <= person.max_minutes), Tag("max_minutes", n))
        if person.min_minutes is not None:
            self.hard(m.Add(minutes >= person.min_minutes), Tag("min_minutes", n))
        k = person.max_consecutive_shifts
        if k is not None:
            for start in range(p.horizon - k):
                # Never worse than the fixed cells: a run they already make longer may not grow.
                fixed = sum(1 for d in range(start, start + k + 1) if p.fixed.get((n, d)) is not None)
                self.hard(m.Add(sum(work[start:start + k + 1]) <= max(k, fixed)), Tag("max_consecutive_shifts", n))
        # A block shorter than the minimum is forbidden only when bounded on both sides inside the
        # horizon: the days before and after the horizon may continue it.
        k = person.min_consecutive_shifts
        if k is not None and k > 1:
            for length in range(1, k):
                for start in range(1, p.horizon - length):
                    block = work[start:start + length]
                    lits = [work[start - 1], work[start + length]] + [b.Not() for b in block]
                    self.hard(m.AddBoolOr(lits), Tag("min_consecutive_shifts", n))
        k = person.min_consecutive_days_off
        if k is not None and k > 1:
            for length in range(1, k):
                for start in range(1, p.horizon - length):
                    block = work[start:start + length]
                    lits = [work[start - 1].Not(), work[start + length].Not()] + list(block)
                    self.hard(m.AddBoolOr(lits), Tag("min_consecutive_days_off", n))
        if person.max_weekends is not None:
            worked = []
            for wk, wdays in enumerate(p.weekends()):
                v = m.NewBoolVar(f"weekend[{n},{wk}]")
                m.AddMaxEquality(v, [work[d] for d in wdays])
                worked.append(v)
            self.hard(m.Add(sum(worked) <= person.max_weekends), Tag("max_weekends", n))

    def _successions(self) -> None:
        p, m = self.problem, self.model
        for a in p.shifts:
            for b in sorted(a.forbidden_next):
                for person in p.people:
                    for d in range(p.horizon - 1):
                        ct = m.AddBoolOr([self.x[(person.name, d, a.name)].Not(),
                                          self.x[(person.name, d + 1, b)].Not()])
                        self.hard(ct, Tag("succession", person.name, f"{a.name}>{b}"))

    def _people(self, names: frozenset[str] | None) -> list[str]:
        return [q.name for q in self.problem.people if names is None or q.name in names]

    def _min_rest(self, rule: MinRest) -> None:
        p, m = self.problem, self.model
        pairs = rest_forbidden_pairs(p.shifts, rule.minutes)
        limits = {q.name: q.max_shifts for q in p.people}
        for n in self._people(rule.people):
            never = {s for s, limit in limits.get(n, {}).items() if limit == 0}
            for a, offset, b in pairs:
                if a in never or b in never:
                    continue  # a shift this person may not work at all breaks no rest
                for d in range(p.horizon - offset):
                    if (n, d) in p.fixed and (n, d + offset) in p.fixed:
                        continue  # both cells decided: the existing plan's own business, not the solver's
                    ct = m.AddBoolOr([self.x[(n, d, a)].Not(), self.x[(n, d + offset, b)].Not()])
                    self.hard(ct, Tag("min_rest", n))

    def _window(self, rule: MaxMinutesInWindow) -> None:
        p, m = self.problem, self.model
        for n in self._people(rule.people):
            for start in range(max(1, p.horizon - rule.days + 1)):
                window = range(start, min(p.horizon, start + rule.days))
                total = sum(s.length * self.x[(n, d, s.name)] for d in window for s in p.shifts)
                fixed = sum(p.shift(v).length for d in window if (v := p.fixed.get((n, d))) is not None)
                self.hard(m.Add(total <= max(rule.max_minutes, fixed)), Tag("max_minutes_window", n))

    def person_sum(self, name: str, measure: str, shifts: frozenset[str] | None, days: frozenset[int] | None = None,
                   unit: int = 1):
        p, m = self.problem, self.model
        chosen = [s for s in p.shifts if shifts is None or s.name in shifts]
        counted = range(p.horizon) if days is None else sorted(d for d in days if 0 <= d < p.horizon)
        if measure == "minutes":
            return sum(s.length // unit * self.x[(name, d, s.name)] for d in counted for s in chosen)
        if measure == "shifts":
            return sum(self.x[(name, d, s.name)] for d in counted for s in chosen)
        if measure == "weekends":
            worked = []
            for wdays in p.weekends():
                v = m.NewBoolVar("")
                m.AddMaxEquality(v, [self.x[(name, d, s.name)] for d in wdays for s in chosen])
                worked.append(v)
            return sum(worked)
        raise ValueError(f"unknown measure {measure!r}")

    def _fair(self, rule: FairSpread) -> None:
        m = self.model
        scale = rule.scale or {}
        sums = [scale.get(n, 1) * self.person_sum(n, rule.measure, rule.shifts, rule.days, rule.unit)
                for n in rule.people]
        if len(sums) < 2:
            return
        top = m.NewIntVar(-10**9, 10**9, "fair_max")
        low = m.NewIntVar(-10**9, 10**9, "fair_min")
        m.AddMaxEquality(top, sums)
        m.AddMinEquality(low, sums)
        self.soft(f"fair_{rule.measure}", rule.weight, top - low)
        if rule.max_spread is not None:
            self.hard(m.Add(top - low <= rule.max_spread), Tag("fair_spread", None, rule.measure))

    def _cover(self, index: int, cover: Cover) -> None:
        p, m = self.problem, self.model
        count = sum(self.x[(q.name, cover.day, cover.shift)] for q in p.people
                    if cover.skill is None or cover.skill in q.skills)
        tag = Tag("cover", None, f"day {cover.day} {cover.shift}" + (f" {cover.skill}" if cover.skill else ""))
        if self.hard_covers or cover.under_weight is None:
            self.hard(m.Add(count >= cover.required), tag)
        else:
            # Exact (not only a bound) so that a non-optimal solution's objective is its true cost.
            under = m.NewIntVar(0, cover.required, f"under[{index}]")
            m.AddMaxEquality(under, [cover.required - count, 0])
            self.cover_under[index] = under
            self.soft("cover_under", cover.under_weight, under)
        if cover.over_weight is not None and not self.explain:
            over = m.NewIntVar(0, len(p.people), f"over[{index}]")
            m.AddMaxEquality(over, [count - cover.required, 0])
            self.soft("cover_over", cover.over_weight, over)


class _Callback(cp_model.CpSolverSolutionCallback):
    def __init__(self, params: SolveParams, started: float):
        super().__init__()
        self.params, self.started, self.count = params, started, 0

    def on_solution_callback(self) -> None:
        self.count += 1
        p = self.params
        if p.cancel is not None and p.cancel.cancelled:
            self.StopSearch()
            return
        if p.on_progress is not None:
            info = Progress(self.ObjectiveValue(), self.BestObjectiveBound(), time.perf_counter() - self.started,
                            self.count)
            if p.on_progress(info) is False:
                self.StopSearch()


def configure(solver: cp_model.CpSolver, params: SolveParams) -> None:
    sp = solver.parameters
    sp.max_deterministic_time = params.deterministic_time
    if params.max_seconds is not None:
        sp.max_time_in_seconds = params.max_seconds
    sp.num_workers = params.num_workers
    sp.random_seed = params.seed
    if params.interleave_search:
        sp.interleave_search = True
    sp.log_search_progress = params.log
    if params.linearization_level is not None:
        sp.linearization_level = params.linearization_level
    for name, value in params.extra.items():
        setattr(sp, name, value)


def solve(problem: Problem, params: SolveParams | None = None) -> Solution:
    """Solve ``problem``; the best assignment found within the limits, with its objective and bound."""
    params = params or SolveParams()
    builder = Builder(problem)
    if params.improve:
        return solve_improving(builder, params)
    return solve_built(builder, params)


def solve_built(builder: Builder, params: SolveParams, model: cp_model.CpModel | None = None) -> Solution:
    """Solve the builder's model (or ``model``, a clone of it with other bounds or hints) once."""
    return _solve_once(builder, params, model)[0]


def _solve_once(builder: Builder, params: SolveParams,
                model: cp_model.CpModel | None = None) -> tuple[Solution, list[int]]:
    solver = cp_model.CpSolver()
    configure(solver, params)
    started = time.perf_counter()
    callback = _Callback(params, started)
    if params.cancel is not None:
        params.cancel._attach(solver)
    try:
        status = solver.Solve(builder.model if model is None else model, callback)
    finally:
        if params.cancel is not None:
            params.cancel._attach(None)
    result = Solution(status=solver.StatusName(status), seconds=time.perf_counter() - started,
                      cancelled=params.cancel is not None and params.cancel.cancelled,
                      deterministic_time=solver.response_proto.deterministic_time)
    values: list[int] = []
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        _read_solution(builder, solver, result)
        values = list(solver.response_proto.solution)
    return result, values


def _read_solution(builder: Builder, solver: cp_model.CpSolver, result: Solution) -> None:
    result.assignment = {(n, d): s for (n, d, s), v in builder.x.items() if solver.BooleanValue(v)}
    result.terms = {family: int(sum(w * solver.Value(e) for w, e in terms))
                    for family, terms in builder.terms.items()}
    # Recomputed from the returned values, so objective and assignment always belong together.
    result.objective = float(sum(result.terms.values()))
    result.bound = min(solver.BestObjectiveBound(), result.objective) if builder.terms else 0.0



# -- the neighbourhood search -------------------------------------------------------------------------

class _Clock:
    """The budget of a neighbourhood search: CP-SAT deterministic seconds spent, and the wall-clock cap."""

    def __init__(self, params: SolveParams):
        self.params, self.started, self.spent = params, time.perf_counter(), 0.0

    def left(self) -> float:
        return self.params.deterministic_time - self.spent

    def wall_left(self) -> float | None:
        if self.params.max_seconds is None:
            return None
        return self.params.max_seconds - (time.perf_counter() - self.started)

    def stopped(self) -> bool:
        wall = self.wall_left()
        cancel = self.params.cancel
        return self.left() <= 0.01 or (wall is not None and wall <= 0.05) or (cancel is not None and cancel.cancelled)

    def run(self, model: cp_model.CpModel, dtime: float, seed: int) -> tuple[cp_model.CpSolver, int]:
        p = self.params
        solver = cp_model.CpSolver()
        configure(solver, SolveParams(deterministic_time=min(dtime, self.left()), max_seconds=self.wall_left(),
                                      num_workers=1, seed=seed, linearization_level=p.linearization_level,
                                      extra=p.extra))
        if p.cancel is not None:
            p.cancel._attach(solver)
        try:
            status = solver.Solve(model)
        finally:
            if p.cancel is not None:
                p.cancel._attach(None)
        self.spent += solver.response_proto.deterministic_time
        return solver, status


def _penalties(problem: Problem, assignment: dict[tuple[str, int], str]) -> tuple[list[float], dict[str, float]]:
    """What the incumbent's cover costs on each day and its requests cost each person."""
    by_day = [0.0] * problem.horizon
    by_person = {q.name: 0.0 for q in problem.people}
    skills = {q.name: q.skills for q in problem.people}
    counts: dict[tuple[int, str, str | None], int] = defaultdict(int)
    needed = {(c.day, c.shift, c.skill) for c in problem.covers}
    for (n, d), s in assignment.items():
        for skill in (None, *skills[n]):
            if (d, s, skill) in needed:
                counts[(d, s, skill)] += 1
    for c in problem.covers:
        count = counts[(c.day, c.shift, c.skill)]
        by_day[c.day] += (c.under_weight or 0) * max(0, c.required - count)
        by_day[c.day] += (c.over_weight or 0) * max(0, count - c.required)
    for r in problem.requests:
        if (assignment.get((r.person, r.day)) == r.shift) != r.on:
            by_person[r.person] += r.weight
    return by_day, by_person


def _weighted_sample(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    """``k`` distinct items, each drawn with probability proportional to its weight among those left."""
    items, weights, chosen = list(items), list(weights), []
    for _ in range(min(k, len(items))):
        i = rng.choices(range(len(items)), weights=weights)[0]
        chosen.append(items.pop(i))
        weights.pop(i)
    return chosen


def _neighbourhood(problem: Problem, rng: random.Random, kind: str, size: int,
                   assignment: dict[tuple[str, int], str] | None = None) -> set[tuple[str, int]]:
    """The cells (person, day) a sub-solve may change: some people's whole rows (``people``), every row
    over a window of days (``days``), or half the people over a window (``block``). With the incumbent's
    ``assignment``, people whose requests cost more and days whose cover costs more are drawn more often
    (half of each weight is spread evenly, so every choice stays possible)."""
    names = [q.name for q in problem.people]
    h = problem.horizon
    by_day, by_person = _penalties(problem, assignment) if assignment is not None else ([1.0] * h, {})
    day_weights = [w + sum(by_day) / h + 1 for w in by_day]

    def window(width: int) -> range:
        width = min(h, width)
        centre = rng.choices(range(h), weights=day_weights)[0]
        start = min(max(0, centre - width // 2), h - width)
        return range(start, start + width)

    if kind == "people":
        mean = sum(by_person.values()) / max(1, len(names))
        chosen = _weighted_sample(rng, names, [by_person.get(n, 0.0) + mean + 1 for n in names], size)
        return {(n, d) for n in chosen for d in range(h)}
    if kind == "days":
        return {(n, d) for n in names for d in window(size)}
    chosen = rng.sample(names, max(1, len(names) // 2))
    return {(n, d) for n in chosen for d in window(2 * size)}


def _hinted(builder: Builder, values: list[int], free: set[tuple[str, int]] | None = None) -> cp_model.CpModel:
    """A clone of the model hinted with the complete solution ``values``; with ``free``, every shift
    variable of a cell outside it is fixed to its value there."""
    model = builder.model.clone()
    model.clear_hints()
    if free is not None:
        variables = model.proto.variables
        for (n, d, _), v in builder.x.items():
            if (n, d) not in free:
                domain = variables[v.index].domain
                domain[0] = domain[1] = values[v.index]
    model.proto.solution_hint.vars.extend(range(len(values)))
    model.proto.solution_hint.values.extend(values)
    return model


def solve_improving(builder: Builder, params: SolveParams) -> Solution:
    """A first feasible solution, a solve of the whole model from it, then a neighbourhood search.

    1. The model without its objective (quick on rostering models) gives a first solution.
    2. The whole model, hinted with it, gets ``first_share`` of ``deterministic_time``: the best bound,
       and on small problems the optimum.
    3. Until the budget ends, round after round, every cell outside a neighbourhood (a few people's
       rows, all rows over a window of days, or half the people over a window, drawn by a generator
       seeded with ``seed``) is fixed to the incumbent, the model is hinted with the incumbent and
       re-solved with ``neighbourhood_time`` deterministic seconds; a strictly better solution becomes
       the incumbent, so the result is never worse than the solution it started from. A kind's size
       grows when its sub-solve is proven optimal and shrinks when it is not.

    Every step depends only on the seed and on deterministic time, so the result is deterministic
    unless the wall-clock cap (or a cancel, or ``on_progress`` returning ``False``) stops it first.
    """
    clock = _Clock(params)
    problem = builder.problem
    count = 0
    stopped = False

    def report(info: Progress) -> bool:
        nonlocal count, stopped
        count += 1
        info.solutions = count
        if params.on_progress is not None and params.on_progress(info) is False:
            stopped = True
        return not stopped

    def finish(sol: Solution) -> Solution:
        sol.seconds = time.perf_counter() - clock.started
        sol.deterministic_time = clock.spent
        sol.cancelled = params.cancel is not None and params.cancel.cancelled
        return sol

    # 1. feasibility
    model = builder.model.clone()
    model.clear_objective()
    solver, status = clock.run(model, clock.left(), params.seed)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return finish(Solution(status=solver.StatusName(status)))
    values = list(solver.response_proto.solution)
    # 2. the whole model
    first = SolveParams(**{**params.__dict__, "improve": False, "on_progress": report,
                           "deterministic_time": min(clock.left(), params.deterministic_time * params.first_share),
                           "max_seconds": clock.wall_left()})
    best, found = _solve_once(builder, first, _hinted(builder, values))
    clock.spent += best.deterministic_time
    if not best.feasible:  # stopped before it took up its hint
        best = Solution(status="FEASIBLE")
        _read_solution(builder, solver, best)
    else:
        values = found
    if best.status == "OPTIMAL" or stopped or not builder.terms:
        return finish(best)
    bound = best.bound
    # 3. the neighbourhood search
    rng = random.Random(params.seed)
    kinds = ["people", "days", "block"]
    sizes = {"people": max(2, len(problem.people) // 8), "days": max(2, problem.horizon // 4),
             "block": max(2, problem.horizon // 8)}
    limit = params.neighbourhood_time
    while not clock.stopped():
        kind = rng.choice(kinds)
        free = _neighbourhood(problem, rng, kind, sizes[kind], best.assignment)
        solver, status = clock.run(_hinted(builder, values, free), limit, rng.randrange(1 << 30))
        improved = False
        if status == cp_model.OPTIMAL:
            sizes[kind] += 1
        elif sizes[kind] > 1:
            sizes[kind] -= 1
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            candidate = Solution(status="FEASIBLE")
            _read_solution(builder, solver, candidate)
            if candidate.objective < best.objective:
                candidate.bound = bound
                best, values = candidate, list(solver.response_proto.solution)
                improved = True
                if not report(Progress(best.objective, bound or 0.0, time.perf_counter() - clock.started, 0)):
                    break
        # Longer sub-solves while the incumbent resists, shorter ones while it improves easily.
        limit = max(params.neighbourhood_time, limit * 0.9) if improved else \
            min(8 * params.neighbourhood_time, limit * 1.15)
        if bound is not None and best.objective <= bound:
            best.status = "OPTIMAL"
            break
    return finish(best)
