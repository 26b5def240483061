"""Curtois & Qu's format: read, map onto the core, solve, and check independently of the model."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rosterapp.solver import SolveParams, solve
from rosterapp.solver.curtois import check, read_instance, roster_from_assignment, to_problem

FOLDER = Path(os.environ.get("ROSTERAPP_CURTOIS_DIR", Path(__file__).parents[3] / "shared/benchmarks/curtois"))
if not (FOLDER / "Instance1.txt").exists():
    FOLDER = Path("/work/shared/benchmarks/curtois")
pytestmark = pytest.mark.skipif(not (FOLDER / "Instance1.txt").exists(), reason="benchmark data not present")


def test_instance1_reads():
    inst = read_instance(FOLDER / "Instance1.txt")
    assert inst.horizon == 14 and list(inst.shifts) == ["D"] and len(inst.staff) == 8
    assert inst.staff[0].max_shifts == {"D": 14} and inst.staff[0].min_minutes == 3360
    assert inst.days_off["A"] == {0} and inst.on_requests[0] == ("A", 2, "D", 2)
    assert inst.off_requests[0] == ("C", 12, "D", 1) and len(inst.cover) == 14


def test_instance1_solves_to_its_optimum_and_the_checker_agrees():
    inst = read_instance(FOLDER / "Instance1.txt")
    sol = solve(to_problem(inst), SolveParams(deterministic_time=10.0, max_seconds=15.0))
    assert sol.feasible
    objective, errors = check(inst, roster_from_assignment(inst, sol.assignment))
    assert errors == [] and objective == sol.objective
    assert sol.status == "OPTIMAL" and objective == 607  # the published optimum


def test_checker_finds_broken_rules():
    inst = read_instance(FOLDER / "Instance1.txt")
    roster = {s.name: ["D"] * inst.horizon for s in inst.staff}
    _, errors = check(inst, roster)
    text = "\n".join(errors)
    assert "in a row" in text and "weekends" in text and "day off" in text and "min outside" in text
    roster = {s.name: [None] * inst.horizon for s in inst.staff}
    roster["A"][3] = "D"
    _, errors = check(inst, roster)
    assert "A: only 1 shifts in a row from day 3" in errors
