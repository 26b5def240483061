"""Property tests of the checking engine: random small plans against the brute-force oracle, and
random sequences of edits checked incrementally against a full check of the same final plan."""

from __future__ import annotations

import copy
import datetime as dt
from collections import Counter

from builders import AERIAL, COMMAND, DRIVING, QUALS, TYPES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oracle import oracle_problems

from rosterapp.services.rules import Checker, message
from rosterapp.services.rules.data import (
    CheckData,
    DeploymentRec,
    DutyRec,
    PersonInfo,
    PostInfo,
    StationInfo,
    Thresholds,
    VehicleInfo,
    post_windows,
    to_min,
)
from rosterapp.services.rules.problem import Problem

BASE = to_min(dt.datetime(2027, 3, 1))  # a Monday, midnight
DAY = 1440
HORIZON_DAYS = 10
DETACHMENTS = {1: "DC", 2: "XC"}
STATIONS = (11, 12, 13)  # 11 belongs to DC, 12 to XC; 13 is DC's staff office (支队机关)
POSITIONS = (None, None, "站长", "指导员", "副站长", "战斗员", "驾驶员", "支队长", "参谋长", "指挥中心值班员")
DUTY_ROLES = ("leader", "officer", "dispatch", "det_leader", "det_chief")
FIRST_DAY = (BASE - 8 * 60) // 1440  # the duty day of the plan's first morning (the day before: 00:00-08:00)
ROLES = (None, "commander", "driver", "firefighter", "firefighter", "signaller")
GAPS_H = (0, 0, 0, 4, 8, 9, 12, 24, 24, 48)  # rests between a person's duties: back-to-back often
LENGTHS_H = (1, 4, 8, 12, 12, 24, 24, 36)
SOME_QUALS = (QUALS[DRIVING], QUALS[AERIAL], QUALS[COMMAND], QUALS["空呼"], QUALS["绳索救援"])
VEHICLE_TYPES = ("SG", "DG", "ZM", "JY")

SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EDIT_SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# -- strategies -------------------------------------------------------------------------------------------
def mostly(value: bool, other_weight: int = 4) -> st.SearchStrategy[bool]:
    return st.sampled_from([value] * other_weight + [not value])


@st.composite
def times(draw, granularity: int) -> int:
    return BASE + draw(st.integers(0, HORIZON_DAYS * DAY // granularity)) * granularity


@st.composite
def places(draw, data: CheckData, person: int | None = None) -> tuple[int | None, int | None]:
    """(station, post): exactly one is set, as the schema demands."""
    if data.posts and draw(st.booleans()):
        return None, draw(st.sampled_from(sorted(data.posts)))
    home = [data.people[person].station] if person is not None else []
    return draw(st.sampled_from(home * 2 + list(STATIONS))), None


@st.composite
def duty_rows(draw, data: CheckData, did: int, granularity: int, person: int | None = None,
              start: int | None = None) -> DutyRec:
    if person is None:
        person = draw(st.sampled_from(sorted(data.people)))
    if start is None:
        start = draw(times(granularity))
    hours = draw(st.sampled_from(LENGTHS_H))
    station, post = draw(places(data, person))
    vehicle = draw(st.one_of(st.none(), st.sampled_from(sorted(data.vehicles))))
    return DutyRec(did, person, start, start + hours * 60, station, post, vehicle, draw(st.sampled_from(ROLES)))


@st.composite
def deployment_rows(draw, data: CheckData, dep_id: int, granularity: int) -> DeploymentRec:
    start = draw(times(granularity))
    hours = draw(st.sampled_from((4, 12, 24, 24, 48)))
    station, post = draw(places(data))
    return DeploymentRec(dep_id, draw(st.sampled_from(sorted(data.vehicles))), start, start + hours * 60, post,
                         station)


@st.composite
def plans(draw) -> CheckData:
    granularity = draw(st.sampled_from((60, 240, 240)))
    stations = {sid: StationInfo(sid, name, det, draw(st.integers(0, 3)), draw(st.integers(0, 2)), office)
                for sid, name, det, office in ((11, "前门消防救援站", 1, False), (12, "白纸坊特勤站", 2, False),
                                               (13, "东城支队机关", 1, True))}

    people = {}
    for pid in range(101, 101 + draw(st.integers(2, 5))):
        sid = draw(st.sampled_from(STATIONS))
        people[pid] = PersonInfo(pid, f"{pid:07d}", f"队员{pid}", sid, stations[sid].detachment, draw(mostly(True)),
                                 draw(st.frozensets(st.sampled_from(SOME_QUALS))), draw(mostly(False, 3)),
                                 draw(st.sampled_from(POSITIONS)))

    vehicles = {}
    for vid in range(201, 201 + draw(st.integers(1, 3))):
        code = draw(st.sampled_from(VEHICLE_TYPES))
        seats, min_crew, aerial = TYPES[code]
        sid = draw(st.sampled_from(STATIONS))
        vehicles[vid] = VehicleInfo(
            vid, f"京X·{vid:04d}应急", f"{code}{vid}", code, sid, stations[sid].detachment,
            draw(st.sampled_from((seats, seats, 2, 3))), draw(mostly(True)), draw(mostly(True)),
            draw(st.sampled_from((min_crew, min_crew, 1, 3))), aerial,
            draw(st.sampled_from((QUALS[DRIVING], QUALS[DRIVING], None))))

    operations, readiness_of, by_operation = {}, {}, {}
    for oid in range(1, 1 + draw(st.integers(0, 2))):
        first = BASE + 8 * 60 + draw(st.integers(0, HORIZON_DAYS - 2)) * DAY + oid  # distinct starts
        operations[oid] = (f"任务{oid}", first, first + draw(st.integers(1, 6)) * DAY)
        readiness_of[oid] = draw(st.sampled_from(("routine", "level3", "level2", "level1")))
        if draw(mostly(False, 3)):
            by_operation[oid] = {"max_hours_7d": draw(st.sampled_from((36.0, 72.0))),
                                 "rest_after_24h_hours": draw(st.sampled_from((12.0, 48.0))),
                                 "max_stretch_hours": draw(st.sampled_from((12.0, 24.0, 36.0)))}
    thresholds = Thresholds(
        base={"min_rest_hours": draw(st.sampled_from((4.0, 8.0, 8.0, 12.0))),
              "rest_after_24h_hours": draw(st.sampled_from((12.0, 24.0, 24.0))),
              "max_consecutive_days": draw(st.sampled_from((2.0, 3.0, 6.0))),
              "max_hours_7d": draw(st.sampled_from((24.0, 48.0, 96.0))),
              "max_stretch_hours": draw(st.sampled_from((12.0, 24.0, 24.0, 32.0)))},
        by_readiness={"level2": {"min_rest_hours": 10.0, "max_stretch_hours": 16.0},
                      "level1": {"min_rest_hours": 12.0, "max_consecutive_days": 3.0}},
        by_operation=by_operation, readiness_of=readiness_of)

    posts = {}
    for post_id in range(301, 301 + (draw(st.integers(0, 2)) if operations else 0)):
        start = draw(times(granularity))
        end = start + draw(st.sampled_from((12, 24, 36, 48, 72))) * 60
        rotation = draw(st.sampled_from(("24h", "day_night")))
        handover = draw(st.sampled_from((480, 480, 540, 0, 1200)))
        post = PostInfo(post_id, f"Q-{post_id - 300:02d}", f"点位{post_id}", draw(st.sampled_from(sorted(operations))),
                        draw(st.sampled_from((1, 2))), start, end, rotation, handover, draw(st.integers(1, 3)),
                        draw(st.booleans()),
                        draw(st.dictionaries(st.sampled_from(("SG", "DG", "JY")), st.integers(1, 2), max_size=2)),
                        draw(st.frozensets(st.sampled_from(SOME_QUALS), max_size=2)))
        post.windows = post_windows(start, end, rotation, handover)
        posts[post_id] = post

    data = CheckData(people=people, vehicles=vehicles, stations=stations, posts=posts,
                    detachment_codes=dict(DETACHMENTS), duties={}, deployments={}, absences={},
                    maintenance={}, thresholds=thresholds, operations=operations,
                    qual_driving=QUALS[DRIVING], qual_aerial=QUALS[AERIAL], qual_command=QUALS[COMMAND])

    ids = iter(range(1001, 10**6))
    # Whole crews on a vehicle at the same times (the usual case), then each person's own chain of
    # duties with short, exact and back-to-back rests.
    # A crew sent to a post mostly takes its vehicle along (a deployment of the same times), and
    # often starts at the post's own start, so that post windows are covered, in part or in full.
    for _ in range(draw(st.integers(0, 4))):
        vid = draw(st.sampled_from(sorted(vehicles)))
        station, post = draw(places(data))
        if post is not None and draw(mostly(True, 3)):
            start = draw(st.sampled_from([lo for lo, _hi in posts[post].windows]))
        else:
            start = draw(times(granularity))
        hours = draw(st.sampled_from((12, 24)))
        crew = draw(st.lists(st.sampled_from(sorted(people)), min_size=1, max_size=5, unique=True))
        for pid in crew:
            did = next(ids)
            data.duties[did] = DutyRec(did, pid, start, start + hours * 60, station, post, vid,
                                       draw(st.sampled_from(ROLES)))
        if post is not None and draw(mostly(True, 3)):
            dep_id = next(ids)
            data.deployments[dep_id] = DeploymentRec(dep_id, vid, start, start + hours * 60, post, None)
    for pid in people:
        end = None
        for _ in range(draw(st.integers(0, 5))):
            start = None if end is None or draw(mostly(False, 1)) else end + draw(st.sampled_from(GAPS_H)) * 60
            duty = draw(duty_rows(data, next(ids), granularity, person=pid, start=start))
            data.duties[duty.id] = duty
            end = duty.end
    for _ in range(draw(st.integers(0, 4))):
        dep = draw(deployment_rows(data, next(ids), granularity))
        data.deployments[dep.id] = dep

    for pid in people:
        if draw(mostly(False)):
            start = draw(times(granularity))
            data.absences[pid] = [(start, start + draw(st.integers(1, 3)) * DAY,
                                   draw(st.sampled_from(("leave", "sick", "training"))))]
    for vid in vehicles:
        if draw(mostly(False, 2)):
            start = draw(times(granularity))
            data.maintenance[vid] = [(start, start + draw(st.sampled_from((2, 8, 30))) * 60, "制动系统检修")]
    for _ in range(draw(st.integers(0, 10))):
        day_key = draw(station_days(data))
        data.assignments[day_key] = draw(duty_book(data, day_key))
    return data


@st.composite
def station_days(draw, data: CheckData) -> tuple[int, int]:
    """A station day: often one on which a duty starts at the station (a planned day), else any."""
    planned = sorted({(d.station, (d.start - 8 * 60) // DAY) for d in data.duties.values()
                      if d.post is None and d.station is not None})
    if planned and draw(st.booleans()):
        return draw(st.sampled_from(planned))
    return draw(st.sampled_from(STATIONS)), FIRST_DAY + draw(st.integers(0, HORIZON_DAYS + 1))


@st.composite
def duty_book(draw, data: CheckData, day_key: tuple[int, int]) -> dict[str, int]:
    """Some roles of a station day, filled by people on duty there that day, or away that day, or anybody."""
    sid, day = day_key
    lo, hi = day * DAY + 8 * 60, day * DAY + 8 * 60 + DAY
    there = sorted({d.person for d in data.duties.values() if d.station == sid and d.start < hi and lo < d.end})
    away = sorted(p for p, spans in data.absences.items() if any(a < hi and lo < b for a, b, _k in spans))
    roles = draw(st.lists(st.sampled_from(DUTY_ROLES), unique=True, max_size=4))
    if draw(mostly(True, 3)):  # the day's leader, mostly
        roles.append("det_leader" if data.stations[sid].office else "leader")
    book = {}
    for role in roles:
        pools = [pool for pool in (there, away, away, sorted(data.people)) if pool]
        book[role] = draw(st.sampled_from(draw(st.sampled_from(pools))))
    return book


# -- comparing ------------------------------------------------------------------------------------------------
def describe(problems) -> str:
    return "\n".join(f"  {p.rule} {p.severity} {p.start:%m-%d %H:%M}..{p.end:%m-%d %H:%M} {p.detail} {p.args} "
                     f"people={p.people} vehicles={p.vehicles} posts={p.posts} stations={p.stations} "
                     f"det={p.detachment}" for p in sorted(problems, key=repr))


def assert_same(actual: list[Problem], expected: list[Problem], what: str = "engine vs oracle") -> None:
    a, e = Counter(actual), Counter(expected)
    if a != e:
        raise AssertionError(f"{what} differ\nonly in the first:\n{describe((a - e).elements())}\n"
                             f"only in the second:\n{describe((e - a).elements())}")


def full_check(data: CheckData) -> list[Problem]:
    return Checker(copy.deepcopy(data)).check_all()


# -- property A: the engine equals the oracle -------------------------------------------------------------------
@SETTINGS
@given(plans())
def test_engine_equals_the_oracle(data):
    expected = oracle_problems(copy.deepcopy(data))
    actual = Checker(copy.deepcopy(data)).check_all()
    assert actual == sorted(actual)
    assert_same(actual, expected)
    for p in actual:  # every problem can be shown, in either language
        assert message(p) and message(p, "en")


# -- property B: incremental results equal a full check -------------------------------------------------------
@st.composite
def edits(draw, data: CheckData, next_id: int):
    """One edit: (duties to add, duty ids to remove, deployments to add, deployment ids to remove).

    Adds, removals and changes (a row removed and added again, changed, under the same id), alone
    or several at once."""
    granularity = draw(st.sampled_from((60, 240)))
    add_d, rm_d, add_v, rm_v = [], [], [], []
    book: dict[tuple[int, int], dict[str, int]] = {}
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(("add_duty", "remove_duty", "change_duty", "move_duty", "add_dep",
                                     "remove_dep", "change_dep", "book", "clear_book")))
        if kind == "book":  # a station day's duty book written anew (the leader changed, a role filled ...)
            day_key = draw(st.sampled_from(sorted(data.assignments))) if data.assignments and draw(
                st.booleans()) else draw(station_days(data))
            book[day_key] = draw(duty_book(data, day_key))
        elif kind == "clear_book" and data.assignments:
            book[draw(st.sampled_from(sorted(data.assignments)))] = {}
        free_duties = sorted(set(data.duties) - set(rm_d))
        free_deps = sorted(set(data.deployments) - set(rm_v))
        if kind == "add_duty":
            add_d.append(draw(duty_rows(data, next_id, granularity)))
            next_id += 1
        elif kind == "add_dep":
            add_v.append(draw(deployment_rows(data, next_id, granularity)))
            next_id += 1
        elif kind == "remove_duty" and free_duties:
            rm_d.append(draw(st.sampled_from(free_duties)))
        elif kind == "remove_dep" and free_deps:
            rm_v.append(draw(st.sampled_from(free_deps)))
        elif kind == "change_duty" and free_duties:  # anything about it: person, time, place, vehicle, role
            did = draw(st.sampled_from(free_duties))
            rm_d.append(did)
            add_d.append(draw(duty_rows(data, did, granularity)))
        elif kind == "move_duty" and free_duties:  # the same cell, a few hours earlier or later
            did = draw(st.sampled_from(free_duties))
            old = data.duties[did]
            shift = draw(st.sampled_from((-24, -12, -4, -1, 1, 4, 12, 24))) * 60
            rm_d.append(did)
            add_d.append(DutyRec(did, old.person, old.start + shift, old.end + shift, old.station, old.post,
                                 old.vehicle, old.role))
        elif kind == "change_dep" and free_deps:
            dep_id = draw(st.sampled_from(free_deps))
            rm_v.append(dep_id)
            add_v.append(draw(deployment_rows(data, dep_id, granularity)))
    return add_d, rm_d, add_v, rm_v, book, next_id


@EDIT_SETTINGS
@given(plans(), st.data())
def test_incremental_checks_equal_full_checks(data, draws):
    truth = copy.deepcopy(data)
    checker = Checker(copy.deepcopy(data))
    before = checker.check_all()
    assert_same(before, full_check(truth), "first check vs a fresh check")
    next_id = 100_000
    for _step in range(draws.draw(st.integers(1, 6), label="steps")):
        add_d, rm_d, add_v, rm_v, book, next_id = draws.draw(edits(truth, next_id))
        for day_key, roles in book.items():
            if roles:
                truth.assignments[day_key] = dict(roles)
            else:
                truth.assignments.pop(day_key, None)
        for did in rm_d:
            del truth.duties[did]
        for dep_id in rm_v:
            del truth.deployments[dep_id]
        for duty in add_d:
            truth.duties[duty.id] = duty
        for dep in add_v:
            truth.deployments[dep.id] = dep
        delta = checker.apply(add_duties=copy.deepcopy(add_d), remove_duties=list(rm_d),
                              add_deployments=copy.deepcopy(add_v), remove_deployments=list(rm_v),
                              assignments=copy.deepcopy(book))
        after = full_check(truth)
        assert_same(checker.current(), after, "incremental vs full")
        # Counted, not as sets: equal problems can stand side by side, and each that comes or goes counts.
        assert_same(delta.appeared, list((Counter(after) - Counter(before)).elements()), "appeared vs full checks")
        assert_same(delta.disappeared, list((Counter(before) - Counter(after)).elements()),
                    "disappeared vs full checks")
        before = after
    assert_same(before, oracle_problems(copy.deepcopy(truth)), "full check after edits vs oracle")


# -- property C: register edits re-checked by the keys they can affect ------------------------------------------
@st.composite
def register_edits(draw, data: CheckData):
    """Change one person (qualifications, rank, position, status, absences) or one vehicle (status, seats,
    maintenance) in place; returns ("person" | "vehicle", id)."""
    if draw(st.booleans()):
        pid = draw(st.sampled_from(sorted(data.people)))
        person = data.people[pid]
        what = draw(st.sampled_from(("quals", "officer", "active", "absence", "position")))
        if what == "quals":
            person.quals = draw(st.frozensets(st.sampled_from(SOME_QUALS)))
        elif what == "position":
            person.position = draw(st.sampled_from(POSITIONS))
        elif what == "officer":
            person.officer = not person.officer
        elif what == "active":
            person.active = not person.active
        elif data.absences.get(pid) and draw(st.booleans()):
            data.absences[pid].pop()
        else:
            start = draw(times(240))
            data.absences.setdefault(pid, []).append((start, start + draw(st.integers(1, 3)) * DAY, "leave"))
        return "person", pid
    vid = draw(st.sampled_from(sorted(data.vehicles)))
    vehicle = data.vehicles[vid]
    what = draw(st.sampled_from(("in_service", "active", "seats", "maintenance")))
    if what == "in_service":
        vehicle.in_service = not vehicle.in_service
    elif what == "active":
        vehicle.active = not vehicle.active
    elif what == "seats":
        vehicle.seats = draw(st.integers(1, 6))
    elif data.maintenance.get(vid) and draw(st.booleans()):
        data.maintenance[vid].pop()
    else:
        start = draw(times(60))
        data.maintenance.setdefault(vid, []).append((start, start + draw(st.sampled_from((2, 8, 30))) * 60, "保养"))
    return "vehicle", vid


@EDIT_SETTINGS
@given(plans(), st.data())
def test_register_edits_rechecked_by_their_keys_equal_full_checks(data, draws):
    checker = Checker(copy.deepcopy(data))
    before = checker.check_all()
    for _step in range(draws.draw(st.integers(1, 4), label="steps")):
        kind, ident = draws.draw(register_edits(checker.data))
        keys = checker.keys_of_person(ident) if kind == "person" else checker.keys_of_vehicle(ident)
        delta = checker.recheck(keys)
        after = full_check(checker.data)
        assert_same(checker.current(), after, f"recheck after a {kind} edit vs full")
        assert_same(delta.appeared, list((Counter(after) - Counter(before)).elements()), "appeared vs full checks")
        assert_same(delta.disappeared, list((Counter(before) - Counter(after)).elements()),
                    "disappeared vs full checks")
        before = after
