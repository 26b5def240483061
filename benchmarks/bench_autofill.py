"""The solver core against Curtois & Qu's published results (issue 15's outside check).

Solves every ``InstanceN.txt`` in ``../shared/benchmarks/curtois/`` (or ``$ROSTERAPP_CURTOIS_DIR``, with
its own ``best_known.tsv``), ``$ROSTERAPP_CURTOIS_SECONDS`` (60) per instance, ``$ROSTERAPP_CURTOIS_ONLY``
(e.g. ``1-6`` or ``1,3,8``) to run some, ``$ROSTERAPP_CURTOIS_WORKERS`` (1) CP-SAT workers (several
run interleaved, so the result stays deterministic). A model of more than ``LNS_ABOVE`` cells (people ×
days × shift types: instances 8–12) gets the core's neighbourhood search (``SolveParams(improve=True)``, see
:func:`rosterapp.solver.cpsat.solve_improving`), a smaller one the plain whole-model search, which finds
the optimum of those in the time while the neighbourhood search stalls (measured: 5–7 at 0.004, 0.000,
0.006 against 0.081, 0.048, 0.026); both are deterministic for their seed as long as the deterministic
limit, not the wall clock, ends them. Each
solution is checked against every hard rule of the instance by the independent checker before it
counts; an unchecked or missing solution counts as a gap of 1.
"""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

from rosterapp.solver import SolveParams, solve
from rosterapp.solver.curtois import check, read_instance, roster_from_assignment, to_problem

LNS_ABOVE = 2_000  # cells of a model above which the neighbourhood search pays (Curtois 8: 3,360; 7: 1,680)
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "curtois"


def _folder() -> Path:
    named = os.environ.get("ROSTERAPP_CURTOIS_DIR")
    if named:
        return Path(named)
    if DEFAULT_DIR.is_dir():
        return DEFAULT_DIR
    return Path("/work/shared/benchmarks/curtois")


def _selected(numbers: list[int]) -> list[int]:
    only = os.environ.get("ROSTERAPP_CURTOIS_ONLY")
    if not only:
        return numbers
    wanted: set[int] = set()
    for part in only.split(","):
        lo, _, hi = part.partition("-")
        wanted.update(range(int(lo), int(hi or lo) + 1))
    return [n for n in numbers if n in wanted]


def best_known(folder: Path) -> dict[int, int]:
    with open(folder / "best_known.tsv", encoding="utf-8") as f:
        return {int(row["instance"].removeprefix("Instance")): int(row["best_known_UB"])
                for row in csv.DictReader(f, delimiter="\t")}


def bench_autofill_curtois() -> dict[str, float]:
    """autofill_curtois_mean_gap (aim < 0.05 on 1–12 at 60 s): objective / best known − 1 per instance."""
    folder = _folder()
    seconds = float(os.environ.get("ROSTERAPP_CURTOIS_SECONDS", "60"))
    workers = int(os.environ.get("ROSTERAPP_CURTOIS_WORKERS", "1"))
    best = best_known(folder)
    numbers = sorted(int(m.group(1)) for p in folder.glob("Instance*.txt")
                     if (m := re.fullmatch(r"Instance(\d+)\.txt", p.name)))
    results: dict[str, float] = {}
    gaps = []
    for n in _selected(numbers):
        inst = read_instance(folder / f"Instance{n}.txt")
        cells = inst.horizon * len(inst.staff) * len(inst.shifts)
        # The deterministic limit is the main one; the wall clock caps it at the same number of seconds.
        sol = solve(to_problem(inst), SolveParams(deterministic_time=seconds, max_seconds=seconds,
                                                  num_workers=workers, interleave_search=workers > 1,
                                                  improve=cells > LNS_ABOVE))
        gap = 1.0
        if sol.feasible:
            objective, errors = check(inst, roster_from_assignment(inst, sol.assignment))
            if not errors and objective == sol.objective:
                gap = objective / best[n] - 1
        results[f"curtois_{n}_gap"] = gap
        gaps.append(gap)
    results["autofill_curtois_mean_gap"] = sum(gaps) / len(gaps) if gaps else float("nan")
    return results


# Only the name: a metric that is not itself a registered name is printed whenever its benchmark runs.
BENCHMARKS = {
    "autofill_curtois": bench_autofill_curtois,
}
