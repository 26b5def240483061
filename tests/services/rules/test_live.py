"""The live checker follows register edits: after each, its problems equal a fresh full check."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter

import pytest

from rosterapp.models import Post
from rosterapp.services import duties, operations, registers
from rosterapp.services.changes import Change
from rosterapp.services.operations import OperationData, PostData
from rosterapp.services.registers import PersonData, VehicleData
from rosterapp.services.rules.live import LiveChecker

DAY = dt.date(2027, 3, 5)
BOOK_RULES = {"no_duty_leader", "no_duty_officer", "leader_not_on_duty", "leader_unqualified"}
RANGE = (dt.datetime(2027, 3, 1), dt.datetime(2027, 3, 20))


@pytest.fixture
def world(db, ref):
    """前门 and 金宝街 (at least one person on duty while crews are out), a hotel post of the 两会."""
    with db.begin() as s:
        qianmen, jinbaojie = ref.station["前门"], ref.station["金宝街"]
        registers.set_station_minimum(s, qianmen, 0, 0)
        registers.set_station_minimum(s, jinbaojie, 1, 0)
        oid = operations.create_operation(s, OperationData(name="两会", start_date=DAY, end_date=DAY,
                                                           readiness="level1"))
        post = operations.create_post(s, PostData(
            operation_id=oid, code="Q-01", name="北京饭店", post_type="hotel", duty_mode="stationed",
            detachment_id=ref.detachment["DC"], active_from=dt.datetime(2027, 3, 5, 8),
            active_to=dt.datetime(2027, 3, 6, 8), min_people=0, needs_commander=False))
    return {"qianmen": qianmen, "jinbaojie": jinbaojie, "operation": oid, "post": post}


def person(db, station: int, staff_no: str = "DC1", name: str = "赵强") -> int:
    with db.begin() as s:
        return registers.create_person(s, PersonData(staff_no=staff_no, name=name, station_id=station))


def live_and_fresh(db, live: LiveChecker, change: Change):
    with db.begin() as s:
        delta = live.reload_registers(s, change)
    with db.begin() as s:
        fresh = LiveChecker(s, *RANGE).problems()
    return delta, live.problems(), fresh


def test_a_qualification_edit_is_rechecked(db, ref, world):
    zhang = person(db, world["qianmen"])
    with db.begin() as s:
        duties.assign_duty(s, zhang, "值", DAY + dt.timedelta(days=3), role="driver")
        live = LiveChecker(s, *RANGE)
    assert "missing_qualification" in {p.rule for p in live.problems()}
    with db.begin() as s:
        data = registers.get_person(s, zhang)
        registers.update_person(s, zhang, dataclasses.replace(
            data, qualification_ids=(ref.qualification["消防车驾驶"],)))
    delta, current, fresh = live_and_fresh(db, live, Change(people=frozenset([zhang])))
    assert current == fresh and "missing_qualification" not in {p.rule for p in fresh}
    assert [p.rule for p in delta.disappeared] == ["missing_qualification"]


def test_a_person_moved_to_another_station_is_rechecked_like_a_full_check(db, world):
    """赵强 of 前门 stands at the post; moved to 金宝街, whose station has nobody on duty that day,
    金宝街 is now short while one of its people is out at a post."""
    zhang = person(db, world["qianmen"])
    with db.begin() as s:
        duties.assign_duty(s, zhang, "值", DAY, post_id=world["post"])
        live = LiveChecker(s, *RANGE)
    assert [p.rule for p in live.problems()] == ["post_uncovered"]
    with db.begin() as s:
        registers.update_person(s, zhang, dataclasses.replace(registers.get_person(s, zhang),
                                                              station_id=world["jinbaojie"]))
    delta, current, fresh = live_and_fresh(db, live, Change(people=frozenset([zhang])))
    assert sorted(p.rule for p in fresh) == ["post_uncovered", "station_below_minimum"]
    assert current == fresh


def test_a_vehicle_moved_to_another_station_is_rechecked_like_a_full_check(db, ref, world):
    with db.begin() as s:
        truck = registers.create_vehicle(s, VehicleData(plate="京X·0001应急", call_sign="前门1号水罐",
                                                        type_id=ref.vehicle_type["SG"],
                                                        station_id=world["qianmen"]))
        duties.deploy_vehicle(s, truck, dt.datetime(2027, 3, 5, 8), dt.datetime(2027, 3, 6, 8), post_id=world["post"])
        live = LiveChecker(s, *RANGE)
    with db.begin() as s:
        registers.update_vehicle(s, truck, dataclasses.replace(registers.get_vehicle(s, truck),
                                                               station_id=world["jinbaojie"]))
    delta, current, fresh = live_and_fresh(db, live, Change(vehicles=frozenset([truck])))
    assert "station_below_minimum" in {p.rule for p in fresh}
    assert current == fresh


def test_an_operation_moved_in_time_is_rechecked_like_a_full_check(db, world):
    """早 then 晚: 8 h of rest, fine by default; once the 一级战备 operation covers those days, 12 h apply."""
    zhang = person(db, world["qianmen"])
    with db.begin() as s:
        duties.assign_duty(s, zhang, "早", DAY + dt.timedelta(days=5))
        duties.assign_duty(s, zhang, "晚", DAY + dt.timedelta(days=6))
        live = LiveChecker(s, *RANGE)
    # (前门's two days have nobody assigned to lead them: the duty book's rules, not this test's.)
    assert [p.rule for p in live.problems() if p.rule not in BOOK_RULES] == ["post_uncovered"]
    with db.begin() as s:
        operations.update_operation(s, world["operation"], OperationData(
            name="两会", start_date=DAY, end_date=DAY + dt.timedelta(days=8), readiness="level1"))
    delta, current, fresh = live_and_fresh(db, live, Change())
    assert "rest_too_short" in {p.rule for p in fresh}
    assert current == fresh


def test_deltas_of_a_post_edit_count_equal_problems(db, ref, world):
    """A person of 西城 entered three times at the post: editing the post to belong to 西城 removes three
    equal cross-detachment problems, and the delta must say three, as the deltas of roster edits do."""
    with db.begin() as s:
        zhao = registers.create_person(s, PersonData(staff_no="XC1", name="赵强", station_id=ref.station["白纸坊"]))
        for _ in range(3):
            duties.assign_duty(s, zhao, "值", DAY, post_id=world["post"])
        live = LiveChecker(s, *RANGE)
    before = live.problems()
    assert Counter(p.rule for p in before)["cross_detachment"] == 3
    with db.begin() as s:
        post = s.get(Post, world["post"])
        post.detachment_id = ref.detachment["XC"]
    delta, current, fresh = live_and_fresh(db, live, Change(posts=frozenset([world["post"]])))
    assert current == fresh
    assert Counter(delta.disappeared) == Counter(before) - Counter(current)
    assert Counter(delta.appeared) == Counter(current) - Counter(before)


def test_a_roster_edit_at_a_post_leaves_the_posts_other_rows_alone(db, ref, world):
    """A vehicle and a person stand at the post on a day outside the post's own hours (a day later);
    a duty of somebody else is then entered at the post. Refreshing the post's rows must not take
    that deployment and that duty in a second time (a vehicle and a person double-booked with themselves)."""
    zhang = person(db, world["qianmen"])
    wang = person(db, world["qianmen"], "DC2", "王磊")
    with db.begin() as s:
        truck = registers.create_vehicle(s, VehicleData(plate="京X·0001应急", call_sign="前门1号水罐",
                                                        type_id=ref.vehicle_type["SG"],
                                                        station_id=world["qianmen"]))
        later = (dt.datetime(2027, 3, 7, 8), dt.datetime(2027, 3, 8, 8))
        duties.deploy_vehicle(s, truck, *later, post_id=world["post"])
        duties.assign_duty(s, wang, "值", later[0].date(), post_id=world["post"])
        live = LiveChecker(s, *RANGE)
    with db.begin() as s:
        _, change = duties.assign_duty(s, zhang, "值", DAY, post_id=world["post"])
    with db.begin() as s:
        live.refresh(s, change)
    with db.begin() as s:
        fresh = LiveChecker(s, *RANGE).problems()
    assert not {"vehicle_overlap", "person_overlap"} & {p.rule for p in fresh}
    assert live.problems() == fresh
