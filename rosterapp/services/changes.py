"""What an edit touched: every service that writes returns a ``Change``.

The window's hub hands each Change to every view (which repaints exactly those cells) and to the
live checker (which re-checks exactly those keys), whatever the edit's source: a typed code, an
import, a fill, an undo, or another clerk's edit. Anki's ``OpChanges`` is the model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from rosterapp.services.dutyday import calendar_days

# The registers a Change can name: their records changed, not only the duties standing on them.
PEOPLE = "people"  # a person's record, qualifications or absences
VEHICLES = "vehicles"  # a vehicle's record or maintenance windows
STATIONS = "stations"  # a station's record (name, grade, minimums)
OPERATIONS = "operations"  # security tasks, their posts and requirements
SETTINGS = "settings"  # rule thresholds
# The duty book: with ``stations`` and ``days`` (duty days) naming the station days whose records changed,
# and ``people`` the people who came or went.
ASSIGNMENTS = "assignments"  # duty roles of a day (带班领导, 站内值班, 通信值班, 支队值班领导, 支队总值班)
SWAPS = "swaps"  # recorded shift swaps and pay-backs (the duties they moved are named as usual)
HANDOVERS = "handovers"  # handover records
REGISTERS = frozenset({PEOPLE, VEHICLES, STATIONS, OPERATIONS, SETTINGS, ASSIGNMENTS, SWAPS, HANDOVERS})

# (person_id, vehicle_id, post_id, start, end) of a duty or deployment; person None for a deployment.
Entry = tuple[int | None, int | None, int | None, dt.datetime, dt.datetime]


@dataclass(frozen=True, kw_only=True)
class Change:
    """The people, vehicles, posts and stations an edit touched, the registers whose records it
    changed, and the calendar days of the duties and deployments it wrote or removed.

    ``days`` is empty when no duty or deployment row changed (a register edit).
    """

    people: frozenset[int] = frozenset()
    vehicles: frozenset[int] = frozenset()
    posts: frozenset[int] = frozenset()
    stations: frozenset[int] = frozenset()
    days: frozenset[dt.date] = frozenset()
    registers: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        unknown = self.registers - REGISTERS
        if unknown:
            raise ValueError(f"unknown registers: {sorted(unknown)}")

    def union(self, *others: Change) -> Change:
        return Change(
            people=self.people.union(*(o.people for o in others)),
            vehicles=self.vehicles.union(*(o.vehicles for o in others)),
            posts=self.posts.union(*(o.posts for o in others)),
            stations=self.stations.union(*(o.stations for o in others)),
            days=self.days.union(*(o.days for o in others)),
            registers=self.registers.union(*(o.registers for o in others)),
        )

    __or__ = union

    def __bool__(self) -> bool:
        return bool(self.people or self.vehicles or self.posts or self.stations or self.days or self.registers)

    @property
    def rows(self) -> bool:
        """Whether duty or deployment rows changed (the checker reads them again)."""
        return bool(self.days)

    def touches(self, register: str) -> bool:
        return register in self.registers

    @classmethod
    def of_entries(cls, entries: Iterable[Entry]) -> Change:
        """The ids and covered days of many entries, gathered in one pass (no chain of unions)."""
        people: set[int | None] = set()
        vehicles: set[int | None] = set()
        posts: set[int | None] = set()
        days: set[dt.date] = set()
        for person_id, vehicle_id, post_id, start, end in entries:
            people.add(person_id)
            vehicles.add(vehicle_id)
            posts.add(post_id)
            days.update(calendar_days(start, end))
        return cls(people=frozenset(people - {None}), vehicles=frozenset(vehicles - {None}),
                   posts=frozenset(posts - {None}), days=frozenset(days))

    @classmethod
    def of_register(cls, register: str, ids: Iterable[int] = ()) -> Change:
        """A register edit: the records ``ids`` of people, vehicles or stations (none for the others) changed."""
        field = {PEOPLE: "people", VEHICLES: "vehicles", STATIONS: "stations"}.get(register)
        return cls(registers=frozenset({register}), **({field: frozenset(ids)} if field else {}))
