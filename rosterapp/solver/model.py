"""The general rostering problem the solver core understands: people, days, shift types, cover and rules.

Plain data, no solver, no database and no Qt. A :class:`Problem` says who may work which shift on which
day; :mod:`rosterapp.solver.cpsat` turns it into a CP-SAT model. Days are indexes ``0 .. horizon-1``;
``first_weekday`` (0 = Monday) places them in the week. Each person works at most one shift per day.

The fire-service adapter (later) will map its stations, duty days and posts onto this: a duty day is a
day, a duty (24 h, 8 h, a post window) a :class:`ShiftType` with its start and length, a station's minimum
strength a :class:`Cover` per role/skill ("commander", "driver:<vehicle>"), leave a hard day off, the
cells already on the grid :attr:`Problem.fixed`, its rest rule a :class:`MinRest`, its hours-in-7-days
rule a :class:`MaxMinutesInWindow`, and fairness of hours, nights and weekends within a station a
:class:`FairSpread`. Every hard constraint carries a :class:`Tag` (rule family and person) so that
:mod:`rosterapp.solver.explain` can name the rules that make a cover unfillable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

DAY_MINUTES = 24 * 60


@dataclass(frozen=True)
class ShiftType:
    """A kind of shift: it starts ``start`` minutes after its day's midnight and lasts ``length`` minutes.

    ``forbidden_next`` names the shift types that may not be worked on the day after this one.
    """

    name: str
    length: int
    start: int = 0
    forbidden_next: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Person:
    """Someone to roster and their own limits (``None`` means no limit)."""

    name: str
    skills: frozenset[str] = frozenset()
    max_shifts: Mapping[str, int] = field(default_factory=dict)  # per shift type
    min_minutes: int | None = None
    max_minutes: int | None = None
    min_consecutive_shifts: int | None = None
    max_consecutive_shifts: int | None = None
    min_consecutive_days_off: int | None = None
    max_weekends: int | None = None  # a weekend is worked when its Saturday or Sunday is
    days_off: frozenset[int] = frozenset()  # hard: no shift on these days (leave)


@dataclass(frozen=True)
class Cover:
    """How many people with ``skill`` (any person when ``None``) should work ``shift`` on ``day``.

    Each person short costs ``under_weight`` (``None``: the shortfall is forbidden, the count is a hard
    minimum) and each person above ``over_weight`` (``None``: no limit, no cost).
    """

    day: int
    shift: str
    required: int
    skill: str | None = None
    under_weight: int | None = 1
    over_weight: int | None = None


@dataclass(frozen=True)
class Request:
    """A wish: ``on`` (work ``shift`` on ``day``) or off (do not); an unmet wish costs ``weight``."""

    person: str
    day: int
    shift: str
    weight: int
    on: bool = True


@dataclass(frozen=True)
class MinRest:
    """At least ``minutes`` between the end of one shift and the start of the next (hard).

    The forbidden pairs of shifts on nearby days are computed from the shift types' times. ``people``
    limits the rule to some people (all when ``None``).
    """

    minutes: int
    people: frozenset[str] | None = None


@dataclass(frozen=True)
class MaxMinutesInWindow:
    """At most ``max_minutes`` of shifts in any ``days`` consecutive days (hard); ``people`` as MinRest.

    A shift counts towards the window holding its day.
    """

    days: int
    max_minutes: int
    people: frozenset[str] | None = None


@dataclass(frozen=True)
class FairSpread:
    """Soft fairness: ``weight`` × (max − min) over ``people`` of a per-person sum.

    ``measure`` is ``"minutes"`` (worked minutes, counted in whole ``unit``s of minutes: 60 counts hours),
    ``"shifts"`` (number of shifts, of ``shifts`` only when given) or ``"weekends"`` (weekends worked);
    ``days``, when given, counts only those days (minutes and shifts). ``scale`` multiplies a person's sum
    (their share: someone on leave half the month scaled by 2 is compared with the others on what they
    would do over a whole month); people it leaves out count once. ``max_spread``, when given, is a hard
    bound too.
    """

    people: tuple[str, ...]
    measure: str = "minutes"
    shifts: frozenset[str] | None = None
    weight: int = 1
    max_spread: int | None = None
    days: frozenset[int] | None = None
    scale: Mapping[str, int] | None = None
    unit: int = 1


Rule = MinRest | MaxMinutesInWindow | FairSpread


@dataclass(frozen=True)
class Tag:
    """Which rule family (and whose rule) a hard constraint belongs to; what explanations name."""

    family: str
    person: str | None = None
    detail: str | None = None

    def __str__(self) -> str:
        parts = [self.family] + [p for p in (self.person, self.detail) if p is not None]
        return ":".join(parts)


@dataclass
class Problem:
    """A whole rostering problem.

    ``fixed`` holds cells already decided: ``(person, day) -> shift name``, or ``None`` for a day off;
    they are kept (hard, tagged ``fixed``). ``hints`` are cells to start the search from.
    """

    horizon: int
    shifts: list[ShiftType]
    people: list[Person]
    covers: list[Cover] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    fixed: dict[tuple[str, int], str | None] = field(default_factory=dict)
    hints: dict[tuple[str, int], str | None] = field(default_factory=dict)
    first_weekday: int = 0

    def shift(self, name: str) -> ShiftType:
        for s in self.shifts:
            if s.name == name:
                return s
        raise KeyError(name)

    def weekends(self) -> list[tuple[int, ...]]:
        """The days of each weekend (Saturday, Sunday) that falls at least partly in the horizon."""
        result: list[tuple[int, ...]] = []
        for day in range(self.horizon):
            weekday = (self.first_weekday + day) % 7
            if weekday == 5 or (weekday == 6 and day == 0):
                result.append(tuple(d for d in (day, day + 1) if d < self.horizon))
        return result


def rest_forbidden_pairs(shifts: list[ShiftType], rest_minutes: int) -> list[tuple[str, int, str]]:
    """``(first, day_offset, second)``: ``second`` worked ``day_offset`` (≥ 1) days after ``first`` leaves
    less than ``rest_minutes`` between the end of one and the start of the other."""
    pairs = []
    longest = max((s.start + s.length for s in shifts), default=0)
    max_offset = max(1, -(-(longest + rest_minutes) // DAY_MINUTES))
    for a in shifts:
        end = a.start + a.length
        for offset in range(1, max_offset + 1):
            for b in shifts:
                begin = offset * DAY_MINUTES + b.start
                if begin - end < rest_minutes:
                    pairs.append((a.name, offset, b.name))
    return pairs
