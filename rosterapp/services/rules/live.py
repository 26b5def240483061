"""The checking engine kept in step with the database, for the window: re-check what an edit touched."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy.orm import Session

from rosterapp.services.changes import ASSIGNMENTS, HANDOVERS, SWAPS, Change
from rosterapp.services.rules.data import (
    ASSIGN_C,
    DEPLOY_C,
    DUTY_C,
    DutyRec,
    assignment_query,
    day_number,
    deployment_query,
    duty_query,
    load_check_data,
    load_registers,
    read_assignments,
    read_deployments,
    read_duties,
)
from rosterapp.services.rules.engine import Checker, Delta
from rosterapp.services.rules.problem import Problem

# More people and vehicles than this in one register change (an import) and the checker starts over.
LARGE_CHANGE = 300
# The duty book's registers: the checker reads the assignments again for them, not the registers.
DUTY_BOOK = frozenset({ASSIGNMENTS, SWAPS, HANDOVERS})


def _station(infos: dict, key: int) -> int | None:
    info = infos.get(key)
    return info.station if info is not None else None


class LiveChecker:
    """Loads a date range once, checks it in full, then follows edits one Change at a time."""

    def __init__(self, session: Session, start: dt.datetime | None = None, end: dt.datetime | None = None):
        self.start, self.end = start, end
        self.data = load_check_data(session, start, end)
        self.checker = Checker(self.data)
        self.checker.check_all()

    def problems(self) -> list[Problem]:
        return self.checker.current()

    def apply(self, session: Session, change: Change) -> Delta:
        """Follow one Change, whatever its source: read again the registers and rows it names and
        re-check exactly the keys they touch."""
        appeared: list[Problem] = []
        disappeared: list[Problem] = []
        steps = []
        if change.registers - DUTY_BOOK:  # swaps and handover records are no rule's business
            steps.append(self.reload_registers)
        if change.rows:
            steps.append(self.refresh)
        if change.touches(ASSIGNMENTS):
            steps.append(self.refresh_assignments)
        for step in steps:
            delta = step(session, change)
            appeared += delta.appeared
            disappeared += delta.disappeared
        # Net of the steps: a problem one step raises and a later one clears (a swap's duties re-checked
        # before the duty roles that moved with them) was never there.
        came, went = Counter(appeared), Counter(disappeared)
        return Delta(sorted((came - went).elements()), sorted((went - came).elements()))

    def refresh_assignments(self, session: Session, change: Change) -> Delta:
        """Read again the duty book of the station days a Change names (its stations times its days;
        every station or every day when it names none) and re-check those days."""
        query = assignment_query(self.start, self.end)
        stations = set(change.stations)
        days = {day_number(d) for d in change.days}
        if stations:
            query = query.where(ASSIGN_C.station_id.in_(stations))
        if change.days:
            query = query.where(ASSIGN_C.day.in_(sorted(change.days)))
        fresh = read_assignments(session, query)
        named = [k for k in self.data.assignments
                 if (not stations or k[0] in stations) and (not days or k[1] in days)]
        book = {k: {} for k in named}
        book.update(fresh)
        changed = {k: roles for k, roles in book.items() if self.data.assignments.get(k, {}) != roles}
        return self.checker.apply(assignments=changed)

    def refresh(self, session: Session, change: Change) -> Delta:
        """Read again the rows of the people, vehicles and posts an edit touched; re-check their keys."""
        people, vehicles, posts = set(change.people), set(change.vehicles), set(change.posts)
        if not (people or vehicles or posts):
            return Delta([], [])
        checker = self.checker
        old_duties = {d.id: d for p in people for d in checker.by_person.get(p, ())}
        old_duties.update((d.id, d) for v in vehicles for d in checker.by_vehicle.get(v, ()))
        old_deps = {d.id: d for v in vehicles for d in checker.deps_by_vehicle.get(v, ())}
        for post in posts:
            # Every row at the post, in its windows or not: the same rows the query below reads.
            for row in checker.by_post.get(post, ()):
                (old_duties if isinstance(row, DutyRec) else old_deps)[row.id] = row
        # One query per filter that names something, each on its own index (an OR of them scans the
        # whole table): a typed cell reads one person's rows, a drop on the board one post's and one vehicle's.
        new_duties = {d.id: d for column, ids in ((DUTY_C.person_id, people), (DUTY_C.vehicle_id, vehicles),
                                                  (DUTY_C.post_id, posts)) if ids
                      for d in read_duties(session, duty_query(self.start, self.end).where(column.in_(ids)))}
        new_deps = {d.id: d for column, ids in ((DEPLOY_C.vehicle_id, vehicles), (DEPLOY_C.post_id, posts)) if ids
                    for d in read_deployments(session, deployment_query(self.start, self.end)
                                              .where(column.in_(ids)))}
        return checker.apply(
            remove_duties=[i for i, d in old_duties.items() if new_duties.get(i) != d],
            add_duties=[d for i, d in new_duties.items() if old_duties.get(i) != d],
            remove_deployments=[i for i, d in old_deps.items() if new_deps.get(i) != d],
            add_deployments=[d for i, d in new_deps.items() if old_deps.get(i) != d],
        )

    def reload_registers(self, session: Session, change: Change) -> Delta:
        """Read the registers again after an edit of people, vehicles, stations, posts, operations or settings.

        People and vehicles (station, qualifications, status, absences, maintenance) re-check their own
        keys, before and after (a person moved to another station leaves one station short and joins
        another); a changed post, operation or threshold moves windows and scopes, so everything is
        checked again.
        """
        fresh = load_registers(session, self.start, self.end)
        data, checker = self.data, self.checker
        rebuild = (bool(change.posts) or fresh.posts != data.posts or fresh.operations != data.operations
                   or fresh.thresholds != data.thresholds or fresh.handover != data.handover
                   # A register imported whole: checking everything again beats re-filing thousands.
                   or len(change.people) + len(change.vehicles) > LARGE_CHANGE)
        if rebuild:
            before = Counter(checker.current())
            self._replace_registers(fresh)
            self.checker = Checker(data)
            after = Counter(self.checker.check_all())
            return Delta(sorted((after - before).elements()), sorted((before - after).elements()))
        if not (change.people or change.vehicles):
            # A station's own edit (its minimum strength): its station days again (every station's
            # when the Change names none).
            self._replace_registers(fresh)
            checker.registers_changed()
            stations = change.stations
            keys = {k for k in checker.rows if k[0] == "S" and (not stations or k[1] in stations)}
            keys.update(checker.book_keys(stations or None))  # its name, its grade (a staff office or not)
            return checker.recheck(keys)
        # The rows of people and vehicles are filed under their stations: file again those who moved.
        moved_people = {p for p in change.people if _station(data.people, p) != _station(fresh.people, p)}
        moved_vehicles = {v for v in change.vehicles if _station(data.vehicles, v) != _station(fresh.vehicles, v)}
        duties = {d.id: d for p in moved_people for d in checker.by_person.get(p, ())}
        duties.update((d.id, d) for v in moved_vehicles for d in checker.by_vehicle.get(v, ()))
        deps = {d.id: d for v in moved_vehicles for d in checker.deps_by_vehicle.get(v, ())}
        keys = self._keys_of(change)
        for duty in duties.values():
            checker._index_duty(duty, add=False)
        for dep in deps.values():
            checker._index_dep(dep, add=False)
        self._replace_registers(fresh)
        checker.registers_changed()
        for duty in duties.values():
            checker._index_duty(duty, add=True)
        for dep in deps.values():
            checker._index_dep(dep, add=True)
        if moved_people or moved_vehicles:
            keys |= self._keys_of(Change(people=frozenset(moved_people), vehicles=frozenset(moved_vehicles)))
        if change.stations:
            keys.update(checker.book_keys(change.stations))
        return checker.recheck(keys)

    def _keys_of(self, change: Change) -> set:
        keys = set()
        for person in change.people:
            keys |= self.checker.keys_of_person(person)
        for vehicle in change.vehicles:
            keys |= self.checker.keys_of_vehicle(vehicle)
        return keys

    def _replace_registers(self, fresh) -> None:
        for name in ("people", "vehicles", "stations", "posts", "detachment_codes", "absences", "maintenance",
                     "thresholds", "operations", "handover"):
            setattr(self.data, name, getattr(fresh, name))
