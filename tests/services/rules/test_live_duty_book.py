"""The live checker follows the duty book: assignments written, the leader's absences and duties,
a station day becoming planned; after each Change its problems equal a fresh full check."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import delete

from rosterapp.models import DutyAssignment
from rosterapp.services import duties, registers
from rosterapp.services.changes import ASSIGNMENTS, PEOPLE, Change
from rosterapp.services.registers import PersonData
from rosterapp.services.rules.live import LiveChecker

DAY = dt.date(2027, 3, 5)
RANGE = (dt.datetime(2027, 3, 1), dt.datetime(2027, 3, 20))
BOOK = {"no_duty_leader", "no_duty_officer", "leader_not_on_duty", "leader_unqualified"}


@pytest.fixture
def qianmen(db, ref):
    """前门 with its 站长 张伟, its squad leader 李强 and its signaller 赵敏; 李强 is on duty on DAY."""
    qm = ref.station["前门"]
    with db.begin() as s:
        people = {name: registers.create_person(s, PersonData(staff_no=f"DC{i}", name=name, station_id=qm,
                                                              position_id=ref.position[position]))
                  for i, (name, position) in enumerate((("张伟", "站长"), ("李强", "战斗班长"), ("赵敏", "通信员")))}
        duties.assign_duty(s, people["李强"], "值", DAY)
    return qm, people


def book(live: LiveChecker) -> list[tuple[str, str, dt.date]]:
    return sorted((p.rule, p.detail, p.start.date()) for p in live.problems() if p.rule in BOOK)


def follow(db, live: LiveChecker, change: Change):
    with db.begin() as s:
        delta = live.apply(s, change)
    with db.begin() as s:
        fresh = LiveChecker(s, *RANGE).problems()
    assert live.problems() == fresh
    return delta


def assignments_change(station: int, *days: dt.date, people=()) -> Change:
    return Change(stations=frozenset([station]), days=frozenset(days), people=frozenset(people),
                  registers=frozenset([ASSIGNMENTS]))


def test_assignments_written_and_removed_are_followed(db, qianmen):
    qm, people = qianmen
    with db.begin() as s:
        live = LiveChecker(s, *RANGE)
    assert book(live) == [("no_duty_leader", "no_leader", DAY), ("no_duty_officer", "no_officer", DAY)]

    with db.begin() as s:
        for role, name in (("leader", "张伟"), ("officer", "李强"), ("dispatch", "赵敏")):
            s.add(DutyAssignment(station_id=qm, day=DAY, role=role, person_id=people[name]))
    delta = follow(db, live, assignments_change(qm, DAY, people=people.values()))
    assert book(live) == [("leader_not_on_duty", "leader_off", DAY)]  # 张伟 has no duty that day
    assert sorted(p.rule for p in delta.disappeared) == ["no_duty_leader", "no_duty_officer"]

    with db.begin() as s:  # 张伟 is put on duty: the roster edit re-checks the day he leads
        _, change = duties.assign_duty(s, people["张伟"], "值", DAY)
    delta = follow(db, live, change)
    assert book(live) == [] and [p.detail for p in delta.disappeared] == ["leader_off"]

    with db.begin() as s:  # his sick leave, entered on his record
        registers.add_absence(s, people["张伟"], "sick", DAY, DAY)
    follow(db, live, Change.of_register(PEOPLE, [people["张伟"]]))
    assert "on_leave" in {p.rule for p in live.problems()}
    assert book(live) == []  # on duty at the station (on_leave says the rest)

    with db.begin() as s:
        s.execute(delete(DutyAssignment).where(DutyAssignment.role == "dispatch"))
    follow(db, live, assignments_change(qm, DAY))
    assert book(live) == [("no_duty_officer", "no_officer", DAY)]


def test_a_day_becoming_planned_and_a_leader_away(db, ref, qianmen):
    """The leader of the 6th is booked before anyone is on duty that day: nothing to say until a duty
    starts at the station that day; then he is on leave."""
    qm, people = qianmen
    later = DAY + dt.timedelta(days=1)
    with db.begin() as s:
        for role, name in (("leader", "张伟"), ("officer", "李强"), ("dispatch", "赵敏")):
            s.add(DutyAssignment(station_id=qm, day=later, role=role, person_id=people[name]))
        registers.add_absence(s, people["张伟"], "training", later, later + dt.timedelta(days=2))
        live = LiveChecker(s, *RANGE)
    assert [d for d in book(live) if d[2] == later] == []
    with db.begin() as s:
        _, change = duties.assign_duty(s, people["赵敏"], "值", later)
    follow(db, live, change)
    assert [d for d in book(live) if d[2] == later] == [("leader_not_on_duty", "leader_on_leave", later)]
    with db.begin() as s:  # an assignment Change that names no station: every station's days again
        s.execute(delete(DutyAssignment).where(DutyAssignment.day == later, DutyAssignment.role == "leader"))
    follow(db, live, Change(days=frozenset([later]), registers=frozenset([ASSIGNMENTS])))
    assert [d for d in book(live) if d[2] == later] == [("no_duty_leader", "no_leader", later)]


def test_a_position_edit_rechecks_the_days_a_person_leads(db, ref, qianmen):
    qm, people = qianmen
    with db.begin() as s:
        for role, name in (("leader", "李强"), ("officer", "李强"), ("dispatch", "赵敏")):
            s.add(DutyAssignment(station_id=qm, day=DAY, role=role, person_id=people[name]))
        live = LiveChecker(s, *RANGE)
    assert book(live) == [("leader_unqualified", "leader_unqualified", DAY)]
    with db.begin() as s:
        data = registers.get_person(s, people["李强"])
        registers.update_person(s, people["李强"], dataclasses.replace(data, position_id=ref.position["副站长"]))
    follow(db, live, Change.of_register(PEOPLE, [people["李强"]]))
    assert book(live) == []


def test_a_swap_that_moves_the_leaders_role_with_the_duty_adds_no_problem(db, qianmen, ref):
    """The duties and the duty role move in one edit: the checker's answer is the net of both, so the
    leader re-checked before the role followed him is not reported as a problem the edit adds."""
    from rosterapp.services import swaps

    qm, people = qianmen
    day2 = DAY + dt.timedelta(days=1)
    with db.begin() as s:
        deputy = registers.create_person(s, PersonData(staff_no="DC9", name="王磊", station_id=qm,
                                                       position_id=ref.position["副站长"]))
        duties.assign_duty(s, people["张伟"], "值", DAY)
        duties.assign_duty(s, deputy, "休", DAY)
        duties.assign_duty(s, deputy, "值", day2)
        duties.assign_duty(s, people["张伟"], "休", day2)
        for day, pid in ((DAY, people["张伟"]), (day2, deputy)):
            s.add(DutyAssignment(station_id=qm, day=day, role="leader", person_id=pid))
    with db.begin() as s:
        live = LiveChecker(s, *RANGE)
    assert not [p for p in live.problems() if p.rule == "leader_not_on_duty"]
    with db.begin() as s:
        edit = swaps.swap(s, qm, people["张伟"], DAY, deputy, day2, approver_text="大队长")
    delta = follow(db, live, edit.change)
    assert not [p for p in delta.appeared if p.rule == "leader_not_on_duty"], delta.appeared
    assert not [p for p in live.problems() if p.rule == "leader_not_on_duty"]
