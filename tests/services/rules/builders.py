"""Build checking-engine plans by hand, in the domain's words, without a database.

    plan = Plan()
    qm = plan.station("前门消防救援站")
    zhang = plan.person("张伟", qm, quals=[DRIVING])
    sg = plan.vehicle("京X·0001应急", "SG", qm)
    plan.duty(zhang, "2027-03-05 08:00", hours=24, vehicle=sg, role="driver")
    plan.check("no_commander")
"""

from __future__ import annotations

import copy
import datetime as dt

from rosterapp import reference_data as ref
from rosterapp.services.rules import Checker, Problem
from rosterapp.services.rules.data import (
    CheckData,
    DeploymentRec,
    DutyRec,
    PersonInfo,
    PostInfo,
    StationInfo,
    Thresholds,
    VehicleInfo,
    day_number,
    post_windows,
    to_min,
)

# Qualification ids, by name (as the reference data names them).
QUALS = {name: i for i, name in enumerate(ref.QUALIFICATIONS, start=1)}
DRIVING, AERIAL, COMMAND = ref.DRIVING, ref.AERIAL_OPERATION, ref.COMMAND
# code -> (seats, min crew, aerial)
TYPES = {code: (seats, min_crew, aerial) for code, _n, _c, seats, min_crew, aerial in ref.VEHICLE_TYPES}
DETACHMENTS = {code: i for i, code in enumerate(["DC", "XC", "CY", "HD", "FT", "SJS"], start=1)}


def minute(when: str | dt.datetime | dt.date) -> int:
    """'2027-03-05 08:00' (or a datetime; a date means its midnight) as engine minutes."""
    if isinstance(when, str):
        when = dt.datetime.fromisoformat(when)
    elif not isinstance(when, dt.datetime):
        when = dt.datetime.combine(when, dt.time())
    return to_min(when)


def at(when: str) -> dt.datetime:
    return dt.datetime.fromisoformat(when)


class Plan:
    """A CheckData under construction; ids are handed out per kind from distinct ranges."""

    def __init__(self):
        self.people: dict[int, PersonInfo] = {}
        self.vehicles: dict[int, VehicleInfo] = {}
        self.stations: dict[int, StationInfo] = {}
        self.posts: dict[int, PostInfo] = {}
        self.duties: dict[int, DutyRec] = {}
        self.deployments: dict[int, DeploymentRec] = {}
        self.absences: dict[int, list[tuple[int, int, str]]] = {}
        self.assignments: dict[tuple[int, int], dict[str, int]] = {}
        self.maintenance: dict[int, list[tuple[int, int, str]]] = {}
        self.thresholds = Thresholds(base=dict(ref.RULE_DEFAULTS),
                                     by_readiness={k: dict(v) for k, v in ref.RULE_READINESS.items()})
        self.operations: dict[int, tuple[str, int, int]] = {}
        self._next = {"person": 100, "vehicle": 200, "station": 10, "post": 300, "duty": 1000, "dep": 5000,
                      "op": 1}

    def _id(self, kind: str) -> int:
        self._next[kind] += 1
        return self._next[kind]

    # -- registers ---------------------------------------------------------------------------------
    def station(self, name: str = "前门消防救援站", detachment: str = "DC", *, min_people: int = 0,
                min_vehicles: int = 0, office: bool = False) -> int:
        """A station, or with ``office`` a detachment's staff office (支队机关)."""
        sid = self._id("station")
        self.stations[sid] = StationInfo(sid, name, DETACHMENTS[detachment], min_people, min_vehicles, office)
        return sid

    def person(self, name: str, station: int, *, quals=(), officer: bool = False, active: bool = True,
               position: str | None = None) -> int:
        pid = self._id("person")
        self.people[pid] = PersonInfo(pid, f"{pid:07d}", name, station, self.stations[station].detachment, active,
                                      frozenset(QUALS[q] for q in quals), officer, position)
        return pid

    def crew(self, station: int, size: int, *, quals=(DRIVING, COMMAND)) -> list[int]:
        """Firefighters who may all drive and command, so only what a test sets up is wrong."""
        return [self.person(f"队员{len(self.people) + 1}", station, quals=quals) for _ in range(size)]

    def vehicle(self, plate: str, type_code: str, station: int, *, seats: int | None = None,
                min_crew: int | None = None, in_service: bool = True, active: bool = True) -> int:
        vid = self._id("vehicle")
        d_seats, d_min, aerial = TYPES[type_code]
        self.vehicles[vid] = VehicleInfo(
            vid, plate, f"{type_code}{vid}", type_code, station, self.stations[station].detachment,
            d_seats if seats is None else seats, in_service, active, d_min if min_crew is None else min_crew,
            aerial, QUALS[DRIVING])
        return vid

    def operation(self, name: str, first_day: str, last_day: str, *, readiness: str = "routine",
                  **overrides: float) -> int:
        """An operation over whole duty days (08:00 of the first to 08:00 after the last)."""
        oid = self._id("op")
        start = minute(f"{first_day} 08:00")
        end = minute(f"{last_day} 08:00") + 24 * 60
        self.operations[oid] = (name, start, end)
        self.thresholds.readiness_of[oid] = readiness
        if overrides:
            self.thresholds.by_operation[oid] = dict(overrides)
        return oid

    def post(self, code: str, operation: int, start: str, end: str, *, rotation: str = "24h",
             handover: str = "08:00", detachment: str = "DC", min_people: int = 1,
             vehicles: dict[str, int] | None = None, needs_commander: bool = False, quals=()) -> int:
        pid = self._id("post")
        hh, mm = map(int, handover.split(":"))
        post = PostInfo(pid, code, f"点位{code}", operation, DETACHMENTS[detachment], minute(start), minute(end),
                        rotation, hh * 60 + mm, min_people, needs_commander,
                        dict({"SG": 1} if vehicles is None else vehicles), frozenset(QUALS[q] for q in quals))
        post.windows = post_windows(post.start, post.end, rotation, post.handover)
        self.posts[pid] = post
        return pid

    def settings(self, **values: float) -> None:
        """Global thresholds, e.g. settings(min_rest_hours=10)."""
        self.thresholds.base.update(values)

    # -- rows ----------------------------------------------------------------------------------------------
    def duty(self, person: int, start: str, hours: float = 24, *, station: int | None = None,
             post: int | None = None, vehicle: int | None = None, role: str | None = "firefighter") -> int:
        """A duty at a post, or else at a station (the person's own unless given)."""
        did = self._id("duty")
        lo = minute(start)
        if post is None and station is None:
            station = self.people[person].station
        self.duties[did] = DutyRec(did, person, lo, lo + round(hours * 60), station, post, vehicle, role)
        return did

    def crew_duty(self, people: list[int], start: str, hours: float = 24, *, vehicle: int | None = None,
                  post: int | None = None, station: int | None = None, commander: bool = True,
                  driver: bool = True) -> list[int]:
        """A whole crew on a vehicle: the first commands, the second drives, the rest are firefighters."""
        roles = (["commander"] if commander else []) + (["driver"] if driver else [])
        ids = []
        for i, p in enumerate(people):
            role = roles[i] if i < len(roles) else "firefighter"
            ids.append(self.duty(p, start, hours, vehicle=vehicle, post=post, station=station, role=role))
        return ids

    def deploy(self, vehicle: int, start: str, hours: float = 24, *, post: int | None = None,
               station: int | None = None) -> int:
        dep_id = self._id("dep")
        lo = minute(start)
        if post is None and station is None:
            station = self.vehicles[vehicle].station
        self.deployments[dep_id] = DeploymentRec(dep_id, vehicle, lo, lo + round(hours * 60), post, station)
        return dep_id

    def book(self, station: int, day: str, **roles: int | None) -> None:
        """The duty book of a station's duty day ('2027-03-05'): book(qm, day, leader=zhang, officer=li, ...)."""
        key = (station, day_number(dt.date.fromisoformat(day)))
        entry = self.assignments.setdefault(key, {})
        for role, person in roles.items():
            if person is None:
                entry.pop(role, None)
            else:
                entry[role] = person
        if not entry:
            del self.assignments[key]

    def absence(self, person: int, start: str, end: str, kind: str = "leave") -> None:
        self.absences.setdefault(person, []).append((minute(start), minute(end), kind))

    def service(self, vehicle: int, start: str, end: str, reason: str = "制动系统检修") -> None:
        self.maintenance.setdefault(vehicle, []).append((minute(start), minute(end), reason))

    # -- checking --------------------------------------------------------------------------------------------
    def data(self) -> CheckData:
        """A fresh deep copy: the checker may change its rows."""
        return copy.deepcopy(CheckData(
            people=self.people, vehicles=self.vehicles, stations=self.stations, posts=self.posts,
            detachment_codes={i: code for code, i in DETACHMENTS.items()}, duties=self.duties,
            deployments=self.deployments, absences=self.absences, maintenance=self.maintenance,
            thresholds=self.thresholds, operations=self.operations, assignments=self.assignments,
            qual_driving=QUALS[DRIVING], qual_aerial=QUALS[AERIAL], qual_command=QUALS[COMMAND]))

    def check(self, rule: str | None = None) -> list[Problem]:
        """Every problem of the plan, or those of one rule."""
        problems = Checker(self.data()).check_all()
        return [p for p in problems if rule is None or p.rule == rule]
