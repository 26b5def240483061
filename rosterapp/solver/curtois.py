"""Curtois & Qu's shift scheduling benchmark (schedulingbenchmarks.org/nrp): reader, mapping and checker.

:func:`read_instance` parses an ``InstanceN.txt``; :func:`to_problem` maps it onto the general core
(every SHIFTS/STAFF/DAYS_OFF rule hard, requests and cover as weighted soft terms); :func:`check`
recomputes the objective and verifies every hard rule of a solution from the instance itself, not from
the model, so the benchmark (``benchmarks/bench_autofill.py``) measures the core against published
values. The fire-service adapter does not use this module.

Consecutive-shift and consecutive-days-off minimums follow the benchmark's convention: a block touching
either end of the horizon may continue outside it and is never too short.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rosterapp.solver.model import Cover, Person, Problem, Request, ShiftType


@dataclass
class Staff:
    name: str
    max_shifts: dict[str, int]
    max_minutes: int
    min_minutes: int
    max_consecutive: int
    min_consecutive: int
    min_days_off: int
    max_weekends: int


@dataclass
class Instance:
    horizon: int
    shifts: dict[str, tuple[int, frozenset[str]]]  # name -> (minutes, shifts that cannot follow)
    staff: list[Staff]
    days_off: dict[str, set[int]] = field(default_factory=dict)
    on_requests: list[tuple[str, int, str, int]] = field(default_factory=list)
    off_requests: list[tuple[str, int, str, int]] = field(default_factory=list)
    cover: list[tuple[int, str, int, int, int]] = field(default_factory=list)  # day, shift, req, under, over


def read_instance(path: str | Path) -> Instance:
    sections: dict[str, list[str]] = {}
    current = None
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("SECTION_"):
            current = line
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    horizon = int(sections["SECTION_HORIZON"][0])
    shifts = {}
    for line in sections.get("SECTION_SHIFTS", []):
        name, minutes, *rest = [f.strip() for f in line.split(",")]
        banned = frozenset(s for s in (rest[0] if rest else "").split("|") if s)
        shifts[name] = (int(minutes), banned)
    staff = []
    for line in sections.get("SECTION_STAFF", []):
        f = [x.strip() for x in line.split(",")]
        maxes = {}
        for item in f[1].split("|"):
            if item:
                k, v = item.split("=")
                maxes[k] = int(v)
        staff.append(Staff(f[0], maxes, *(int(x) for x in f[2:8])))
    inst = Instance(horizon, shifts, staff)
    for line in sections.get("SECTION_DAYS_OFF", []):
        f = [x.strip() for x in line.split(",")]
        inst.days_off.setdefault(f[0], set()).update(int(x) for x in f[1:] if x)
    for key, target in (("SECTION_SHIFT_ON_REQUESTS", inst.on_requests),
                        ("SECTION_SHIFT_OFF_REQUESTS", inst.off_requests)):
        for line in sections.get(key, []):
            e, d, s, w = [x.strip() for x in line.split(",")]
            target.append((e, int(d), s, int(w)))
    for line in sections.get("SECTION_COVER", []):
        d, s, req, under, over = [x.strip() for x in line.split(",")]
        inst.cover.append((int(d), s, int(req), int(under), int(over)))
    return inst


def to_problem(inst: Instance) -> Problem:
    shifts = [ShiftType(name, minutes, 0, banned) for name, (minutes, banned) in inst.shifts.items()]
    people = [Person(name=s.name, max_shifts=dict(s.max_shifts), min_minutes=s.min_minutes,
                     max_minutes=s.max_minutes, min_consecutive_shifts=s.min_consecutive,
                     max_consecutive_shifts=s.max_consecutive, min_consecutive_days_off=s.min_days_off,
                     max_weekends=s.max_weekends, days_off=frozenset(inst.days_off.get(s.name, ())))
              for s in inst.staff]
    requests = [Request(e, d, s, w, True) for e, d, s, w in inst.on_requests]
    requests += [Request(e, d, s, w, False) for e, d, s, w in inst.off_requests]
    covers = [Cover(d, s, req, None, under, over) for d, s, req, under, over in inst.cover]
    return Problem(horizon=inst.horizon, shifts=shifts, people=people, covers=covers, requests=requests)


Roster = dict[str, list[str | None]]  # employee -> shift or None per day


def roster_from_assignment(inst: Instance, assignment: dict[tuple[str, int], str]) -> Roster:
    roster: Roster = {s.name: [None] * inst.horizon for s in inst.staff}
    for (name, day), shift in assignment.items():
        roster[name][day] = shift
    return roster


def _blocks(flags: list[bool], value: bool) -> list[tuple[int, int]]:
    """(start, length) of the maximal runs of ``value``."""
    runs, start = [], None
    for i, f in enumerate(flags + [not value]):
        if f == value and start is None:
            start = i
        elif f != value and start is not None:
            runs.append((start, i - start))
            start = None
    return runs


def check(inst: Instance, roster: Roster) -> tuple[int, list[str]]:
    """The objective of ``roster`` and every hard-rule violation in it (empty when feasible)."""
    errors: list[str] = []
    n = inst.horizon
    names = {s.name for s in inst.staff}
    if set(roster) != names:
        errors.append(f"employees differ: {sorted(set(roster) ^ names)}")
    for s in inst.staff:
        row = roster.get(s.name, [None] * n)
        if len(row) != n:
            errors.append(f"{s.name}: {len(row)} days, not {n}")
            continue
        for d, sh in enumerate(row):
            if sh is not None and sh not in inst.shifts:
                errors.append(f"{s.name} day {d}: unknown shift {sh}")
        for sh in inst.shifts:
            count = sum(1 for x in row if x == sh)
            if count > s.max_shifts.get(sh, n):
                errors.append(f"{s.name}: {count} × {sh} > {s.max_shifts.get(sh)}")
        minutes = sum(inst.shifts[x][0] for x in row if x in inst.shifts)
        if not s.min_minutes <= minutes <= s.max_minutes:
            errors.append(f"{s.name}: {minutes} min outside [{s.min_minutes}, {s.max_minutes}]")
        worked = [x is not None for x in row]
        for start, length in _blocks(worked, True):
            if length > s.max_consecutive:
                errors.append(f"{s.name}: {length} shifts in a row from day {start}")
            if length < s.min_consecutive and start > 0 and start + length < n:
                errors.append(f"{s.name}: only {length} shifts in a row from day {start}")
        for start, length in _blocks(worked, False):
            if length < s.min_days_off and start > 0 and start + length < n:
                errors.append(f"{s.name}: only {length} days off in a row from day {start}")
        weekends = sum(1 for sat in range(5, n, 7) if worked[sat] or (sat + 1 < n and worked[sat + 1]))
        if weekends > s.max_weekends:
            errors.append(f"{s.name}: {weekends} weekends > {s.max_weekends}")
        for d in sorted(inst.days_off.get(s.name, ())):
            if d < n and worked[d]:
                errors.append(f"{s.name}: works on day off {d}")
        for d in range(n - 1):
            a, b = row[d], row[d + 1]
            if a in inst.shifts and b is not None and b in inst.shifts[a][1]:
                errors.append(f"{s.name}: {b} on day {d + 1} after {a}")
    objective = 0
    for e, d, sh, w in inst.on_requests:
        if roster.get(e, [None] * n)[d] != sh:
            objective += w
    for e, d, sh, w in inst.off_requests:
        if roster.get(e, [None] * n)[d] == sh:
            objective += w
    for d, sh, req, under, over in inst.cover:
        count = sum(1 for row in roster.values() if row[d] == sh)
        objective += under * max(0, req - count) + over * max(0, count - req)
    return objective, errors
