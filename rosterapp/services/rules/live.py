"""The checking engine kept in step with the database, for the window: re-check what an edit touched."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_
from sqlalchemy.orm import Session

from rosterapp.services.duties import Change
from rosterapp.services.rules.data import (
    DEPLOY_C,
    DUTY_C,
    DutyRec,
    deployment_query,
    duty_query,
    load_plan,
    load_registers,
    read_deployments,
    read_duties,
)
from rosterapp.services.rules.engine import Checker, Delta
from rosterapp.services.rules.problem import Problem


class LiveChecker:
    """Loads a date range once, checks it in full, then follows edits one Change at a time."""

    def __init__(self, session: Session, start: dt.datetime | None = None, end: dt.datetime | None = None):
        self.start, self.end = start, end
        self.data = load_plan(session, start, end)
        self.checker = Checker(self.data)
        self.checker.check_all()

    def problems(self) -> list[Problem]:
        return self.checker.current()

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
            info = self.data.posts.get(post)
            for lo, _hi in info.windows if info else ():
                for row in checker.rows.get(("T", post, lo), ()):
                    (old_duties if isinstance(row, DutyRec) else old_deps)[row.id] = row
        duty_filter = [DUTY_C.person_id.in_(people), DUTY_C.vehicle_id.in_(vehicles), DUTY_C.post_id.in_(posts)]
        new_duties = {d.id: d for d in read_duties(session, duty_query(self.start, self.end)
                                                   .where(or_(*duty_filter)))}
        new_deps = {d.id: d for d in read_deployments(session, deployment_query(self.start, self.end)
                                                      .where(or_(DEPLOY_C.vehicle_id.in_(vehicles), DEPLOY_C.post_id.in_(posts))))}
        return checker.apply(
            remove_duties=[i for i, d in old_duties.items() if new_duties.get(i) != d],
            add_duties=[d for i, d in new_duties.items() if old_duties.get(i) != d],
            remove_deployments=[i for i, d in old_deps.items() if new_deps.get(i) != d],
            add_deployments=[d for i, d in new_deps.items() if old_deps.get(i) != d],
        )

    def reload_registers(self, session: Session, change: Change) -> Delta:
        """Read the registers again after an edit of people, vehicles, stations, posts or settings.

        People and vehicles (qualifications, status, absences, maintenance) re-check only their own
        keys; a changed post or operation moves post windows, so everything is checked again.
        """
        fresh = load_registers(session, self.start, self.end)
        data = self.data
        posts_changed = bool(change.posts) or fresh.posts.keys() != data.posts.keys() or any(
            fresh.posts[p] != data.posts[p] for p in fresh.posts) or fresh.thresholds != data.thresholds
        for name in ("people", "vehicles", "stations", "posts", "detachment_codes", "absences", "maintenance",
                     "thresholds", "operations"):
            setattr(data, name, getattr(fresh, name))
        if posts_changed:
            before = set(self.checker.current())
            self.checker = Checker(data)
            after = set(self.checker.check_all())
            return Delta(sorted(after - before), sorted(before - after))
        keys = set()
        for person in change.people:
            keys |= self.checker.keys_of_person(person)
        for vehicle in change.vehicles:
            keys |= self.checker.keys_of_vehicle(vehicle)
        if not (change.people or change.vehicles):
            # A station's own edit (its minimum strength): every station day again.
            keys = {k for k in self.checker.rows if k[0] == "S"}
        return self.checker.recheck(keys)
