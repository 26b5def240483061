"""Why a cover cannot be filled: a minimal set of rules (none can be dropped) that together forbid it.

Every hard constraint of the model carries a :class:`~rosterapp.solver.model.Tag` (rule family, person,
detail). :func:`explain_cover` makes the cover in question a hard minimum, enforces each tag's constraints
under its own assumption literal, asks CP-SAT for a core (``SufficientAssumptionsForInfeasibility``) and
shrinks it by deletion: drop one assumption, re-solve, keep it dropped if still infeasible. The result is
an irreducible set of tags. The fire-service adapter words the tags for a clerk ("on leave on the 3rd",
"8 h rest after the night duty") and says that relaxing any one of them would make the slot fillable.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from rosterapp.solver.cpsat import Builder, SolveParams, configure
from rosterapp.solver.model import Problem, Tag


@dataclass
class Explanation:
    status: str  # "INFEASIBLE" (core below), "FEASIBLE" (the cover can be met), or "UNKNOWN" (limits hit)
    core: list[Tag]
    solves: int
    minimal: bool = True  # False when the deadline stopped the shrinking: every rule named counts, maybe more


def _check(builder: Builder, tags: list[Tag], params: SolveParams) -> tuple[int, list[Tag]]:
    model = builder.model
    model.ClearAssumptions()
    model.AddAssumptions([builder.assumptions[t] for t in tags])
    solver = cp_model.CpSolver()
    configure(solver, dataclasses.replace(params, num_workers=1, interleave_search=False))
    # Only whether the tags can all hold counts, not how good a solution is: the first one answers, and
    # neither presolve nor the LP relaxation pays for that (a station month's explanation: 37 s -> 4 s).
    solver.parameters.stop_after_first_solution = True
    solver.parameters.cp_model_presolve = False
    solver.parameters.linearization_level = 0
    status = solver.Solve(model)
    core: list[Tag] = []
    if status == cp_model.INFEASIBLE:
        by_index = {builder.assumptions[t].Index(): t for t in tags}
        core = [by_index[i] for i in solver.SufficientAssumptionsForInfeasibility() if i in by_index]
    return status, core


def explain_cover(problem: Problem, cover_index: int, params: SolveParams | None = None, *,
                  deadline: float | None = None) -> Explanation:
    """A minimal set of tags that, with the cover ``problem.covers[cover_index]`` required in full, cannot
    all hold. The cover's own tag (family ``cover``) is part of the core when the cover is the cause.

    ``deadline`` (a ``time.perf_counter()`` value) stops the shrinking, one solve per tag, when it passes: the
    core found so far is returned, not known to be minimal."""
    params = params or SolveParams(deterministic_time=5.0)
    cover = dataclasses.replace(problem.covers[cover_index], under_weight=None)
    only = dataclasses.replace(problem, covers=[cover], requests=[], hints={})
    builder = Builder(only, explain=True)
    tags = list(builder.assumptions)
    status, core = _check(builder, tags, params)
    solves = 1
    if status != cp_model.INFEASIBLE:
        name = "FEASIBLE" if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else "UNKNOWN"
        return Explanation(name, [], solves)
    if not core:  # CP-SAT may give no core (infeasible without assumptions); start from all tags
        core = tags
    i = 0
    while i < len(core):
        if deadline is not None and time.perf_counter() > deadline:
            return Explanation("INFEASIBLE", core, solves, minimal=False)
        trial = core[:i] + core[i + 1:]
        status, smaller = _check(builder, trial, params)
        solves += 1
        if status == cp_model.INFEASIBLE:
            # Still infeasible without core[i]: drop it (and anything else the new core leaves out).
            keep = set(smaller) if smaller else set(trial)
            core = [t for t in trial if t in keep]
        else:
            i += 1
    return Explanation("INFEASIBLE", core, solves)


def shortfalls(problem: Problem, assignment: dict[tuple[str, int], str]) -> list[int]:
    """Indexes of the covers that ``assignment`` leaves short."""
    result = []
    people = {q.name: q for q in problem.people}
    for i, c in enumerate(problem.covers):
        count = sum(1 for (n, d), s in assignment.items()
                    if d == c.day and s == c.shift and (c.skill is None or c.skill in people[n].skills))
        if count < c.required:
            result.append(i)
    return result
