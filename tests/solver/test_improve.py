"""The neighbourhood search (``SolveParams(improve=True)``): deterministic, never worse, always valid."""

from __future__ import annotations

from ortools.sat.python import cp_model

from rosterapp.solver import Cover, MinRest, Person, Problem, Request, ShiftType, SolveParams, solve
from rosterapp.solver.cpsat import Builder, _hinted

DAY = ShiftType("D", 480, start=8 * 60)
NIGHT = ShiftType("N", 480, start=22 * 60, forbidden_next=frozenset({"D"}))


def problem() -> Problem:
    names = "abcdefghij"
    people = [Person(n, max_consecutive_shifts=4, min_consecutive_shifts=2, min_consecutive_days_off=2,
                     max_weekends=2, min_minutes=480 * 8, max_minutes=480 * 14, max_shifts={"N": 5})
              for n in names]
    covers = [Cover(d, s, 3 if s == "D" else 2, under_weight=20, over_weight=3) for d in range(21) for s in ("D", "N")]
    requests = [Request(n, d, "D", 1 + (d * 7 + i) % 4, on=bool((d + i) % 3))
                for i, n in enumerate(names) for d in range(21)]
    return Problem(horizon=21, shifts=[DAY, NIGHT], people=people, covers=covers, requests=requests,
                   rules=[MinRest(11 * 60)])


def cost(p: Problem, assignment: dict[tuple[str, int], str]) -> int:
    """The objective recomputed from the cells alone."""
    total = sum(r.weight for r in p.requests if (assignment.get((r.person, r.day)) == r.shift) != r.on)
    for c in p.covers:
        count = sum(1 for q in p.people if assignment.get((q.name, c.day)) == c.shift)
        total += c.under_weight * max(0, c.required - count) + c.over_weight * max(0, count - c.required)
    return total


def broken(p: Problem, assignment: dict[tuple[str, int], str]) -> list[str]:
    errors = []
    for q in p.people:
        row = [assignment.get((q.name, d)) for d in range(p.horizon)]
        worked = [x is not None for x in row]
        if not q.min_minutes <= 480 * sum(worked) <= q.max_minutes:
            errors.append(f"{q.name} minutes")
        if row.count("N") > q.max_shifts["N"]:
            errors.append(f"{q.name} nights")
        for d in range(p.horizon - 1):
            if row[d] == "N" and row[d + 1] == "D":
                errors.append(f"{q.name} N>D on {d}")
        for d in range(p.horizon - q.max_consecutive_shifts):
            if all(worked[d:d + q.max_consecutive_shifts + 1]):
                errors.append(f"{q.name} run from {d}")
    return errors


IMPROVE = SolveParams(deterministic_time=1.5, max_seconds=60.0, seed=5, improve=True, first_share=0.1,
                      neighbourhood_time=0.2)


def test_the_search_is_deterministic_for_a_seed_and_valid():
    p = problem()
    first, second = solve(p, IMPROVE), solve(p, IMPROVE)
    assert first.feasible and first.assignment == second.assignment and first.objective == second.objective
    assert broken(p, first.assignment) == []
    assert first.objective == cost(p, first.assignment) == sum(first.terms.values())
    assert first.deterministic_time <= IMPROVE.deterministic_time + 0.5


def test_each_reported_solution_is_better_and_the_result_is_the_last():
    seen = []
    sol = solve(problem(), SolveParams(**{**IMPROVE.__dict__, "on_progress": lambda info: seen.append(info.objective)}))
    assert seen and all(b < a for a, b in zip(seen, seen[1:], strict=False))
    assert sol.objective == seen[-1]
    plain = solve(problem(), SolveParams(deterministic_time=0.4, max_seconds=60.0, seed=5))
    assert plain.feasible and sol.objective <= plain.objective * 1.5  # no worse than a plain solve, roughly


def test_progress_returning_false_stops_the_search():
    seen = []
    sol = solve(problem(), SolveParams(**{**IMPROVE.__dict__, "on_progress": lambda info: (seen.append(info), False)[1]}))
    assert len(seen) == 1 and sol.feasible and sol.objective == seen[0].objective


def test_a_fully_fixed_neighbourhood_gives_back_the_incumbent():
    p = problem()
    builder = Builder(p)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = 0.5
    assert solver.Solve(builder.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    values = list(solver.response_proto.solution)
    again = cp_model.CpSolver()
    again.parameters.num_workers = 1
    assert again.Solve(_hinted(builder, values, free=set())) == cp_model.OPTIMAL
    assert all(again.Value(v) == values[v.Index()] for v in builder.x.values())


def test_an_infeasible_problem_stays_infeasible():
    p = Problem(horizon=3, shifts=[DAY], people=[Person("a", min_minutes=480 * 4)], covers=[Cover(0, "D", 1)])
    sol = solve(p, IMPROVE)
    assert sol.status == "INFEASIBLE" and not sol.feasible


def test_neighbourhoods_lean_towards_the_costly_days_and_people():
    import random

    from rosterapp.solver.cpsat import _neighbourhood, _penalties

    p = problem()
    # Covered every day but day 10.
    assignment = {(n, d): "D" if n in "abc" else "N" for n in "abcde" for d in range(21) if d != 10}
    by_day, by_person = _penalties(p, assignment)
    assert by_day[10] == max(by_day) and sum(by_day) + sum(by_person.values()) == cost(p, assignment)
    rng = random.Random(1)
    windows = [_neighbourhood(p, rng, "days", 3, assignment) for _ in range(200)]
    assert all(len(w) == 3 * len(p.people) for w in windows)
    assert sum(("a", 10) in w for w in windows) > 60  # about half the time; by chance 1 in 7
    rows = _neighbourhood(p, rng, "people", 4, assignment)
    assert len({n for n, _ in rows}) == 4 and len(rows) == 4 * p.horizon
