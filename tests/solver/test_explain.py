"""Unfillable covers are explained by a minimal set of rules."""

from __future__ import annotations

from rosterapp.solver import (
    Cover,
    MinRest,
    Person,
    Problem,
    ShiftType,
    SolveParams,
    Tag,
    explain_cover,
    solve,
)
from rosterapp.solver.explain import shortfalls

DAY = ShiftType("D", 480, start=8 * 60)
NIGHT = ShiftType("N", 480, start=22 * 60)


def tiny() -> Problem:
    # Two people, one wanted on the day shift of day 1: a is on leave, b worked the night before (fixed)
    # and the 11 h rest rule forbids b's day shift. b may work at most 5 in a row (irrelevant).
    people = [Person("a", days_off=frozenset({1})), Person("b", max_consecutive_shifts=5)]
    return Problem(horizon=3, shifts=[DAY, NIGHT], people=people,
                   covers=[Cover(1, "D", 1, under_weight=10), Cover(2, "D", 1, under_weight=10)],
                   rules=[MinRest(11 * 60)], fixed={("b", 0): "N", ("a", 0): None})


def test_the_core_is_exactly_the_rules_involved():
    problem = tiny()
    sol = solve(problem, SolveParams(deterministic_time=2.0))
    assert sol.feasible and shortfalls(problem, sol.assignment) == [0]
    explanation = explain_cover(problem, 0)
    assert explanation.status == "INFEASIBLE"
    assert set(explanation.core) == {
        Tag("cover", None, "day 1 D"), Tag("days_off", "a", "day 1"), Tag("min_rest", "b"),
        Tag("fixed", "b", "day 0"),
    }


def test_a_single_cause_and_a_fillable_cover():
    problem = tiny()
    problem.covers[0] = Cover(1, "D", 2)  # two wanted: a's leave alone makes it impossible
    explanation = explain_cover(problem, 0)
    assert set(explanation.core) == {Tag("cover", None, "day 1 D"), Tag("days_off", "a", "day 1")}
    problem.covers[0] = Cover(1, "D", 1)
    del problem.fixed[("b", 0)]  # b is free the night before: the cover of one can be met
    assert explain_cover(problem, 0).status == "FEASIBLE"
