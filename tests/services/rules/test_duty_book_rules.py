"""The duty book's rules (no_duty_leader, no_duty_officer, leader_not_on_duty, leader_unqualified) and
duty_too_long: each with the case that fires and the near misses that must not."""

from __future__ import annotations

import pytest
from builders import COMMAND, Plan, at, minute

from rosterapp import i18n
from rosterapp.services.rules import Checker, message
from rosterapp.services.rules.data import DutyRec, day_number
from rosterapp.services.rules.problem import ERROR, WARNING

DAY = "2027-03-05"
BOOK = ("no_duty_leader", "no_duty_officer", "leader_not_on_duty", "leader_unqualified")


@pytest.fixture
def plan() -> Plan:
    return Plan()


@pytest.fixture
def qm(plan: Plan) -> int:
    return plan.station("前门消防救援站", "DC")


@pytest.fixture
def office(plan: Plan) -> int:
    return plan.station("东城支队机关", "DC", office=True)


@pytest.fixture
def people(plan: Plan, qm: int) -> dict[str, int]:
    """前门's 站长 张伟, squad leader 李强 (指挥员资格), firefighter 王磊, signaller 赵敏."""
    return {"zhang": plan.person("张伟", qm, position="站长"),
            "li": plan.person("李强", qm, position="战斗班长", quals=[COMMAND]),
            "wang": plan.person("王磊", qm, position="战斗员"),
            "zhao": plan.person("赵敏", qm, position="通信员")}


def only(problems):
    assert len(problems) == 1, problems
    return problems[0]


def book_rules(plan: Plan) -> list[tuple[str, str]]:
    return sorted((p.rule, p.detail) for p in plan.check() if p.rule in BOOK)


# -- no_duty_leader ---------------------------------------------------------------------------------------------
def test_a_planned_day_without_a_leader_is_an_error(plan, qm, people, monkeypatch):
    monkeypatch.setattr(i18n, "_language", "zh_CN")
    plan.duty(people["wang"], f"{DAY} 08:00")
    plan.book(qm, DAY, officer=people["li"], dispatch=people["zhao"])
    p = only(plan.check("no_duty_leader"))
    assert (p.severity, p.start, p.end) == (ERROR, at(f"{DAY} 08:00"), at("2027-03-06 08:00"))
    assert (p.stations, p.people, p.detachment) == ((qm,), (), plan.stations[qm].detachment)
    assert message(p) == "前门消防救援站 2027-03-05 无带班领导"
    assert message(p, "en") == "前门消防救援站 has no duty leader on 2027-03-05"


def test_a_day_with_its_leader_or_with_no_duty_at_the_station_needs_none(plan, qm, people):
    op = plan.operation("全国两会消防安保", "2027-03-01", "2027-03-14")
    q1 = plan.post("DC-01", op, "2027-03-01 08:00", "2027-03-15 08:00")
    plan.duty(people["wang"], f"{DAY} 08:00")
    plan.book(qm, DAY, leader=people["zhang"], officer=people["li"], dispatch=people["zhao"])
    plan.duty(people["zhang"], f"{DAY} 08:00")
    plan.duty(people["wang"], "2027-03-08 08:00", post=q1)  # at a post: 前门's day is not planned
    plan.duty(people["li"], "2027-03-10 00:00", hours=8)  # 晚 of the 10th: the duty day of the 9th
    assert [(p.rule, p.start) for p in plan.check("no_duty_leader")] == [("no_duty_leader", at("2027-03-09 08:00"))]


def test_a_staff_office_day_needs_its_detachment_duty_leader(plan, office, monkeypatch):
    monkeypatch.setattr(i18n, "_language", "zh_CN")
    chief = plan.person("孙浩", office, position="指挥中心值班员", quals=[COMMAND])
    plan.duty(chief, f"{DAY} 08:00")
    plan.book(office, DAY, det_chief=chief, leader=chief)  # a station's role does not lead an office
    p = only(plan.check("no_duty_leader"))
    assert message(p) == "东城支队机关 2027-03-05 无支队值班领导"
    assert plan.check("no_duty_officer") == []


# -- no_duty_officer --------------------------------------------------------------------------------------------
def test_a_day_without_its_duty_officer_or_dispatch_watch_is_one_warning(plan, qm, people, monkeypatch):
    monkeypatch.setattr(i18n, "_language", "zh_CN")
    plan.duty(people["zhang"], f"{DAY} 08:00")
    plan.book(qm, DAY, leader=people["zhang"])
    p = only(plan.check("no_duty_officer"))
    assert (p.severity, p.start, p.stations) == (WARNING, at(f"{DAY} 08:00"), (qm,))
    assert message(p) == "前门消防救援站 2027-03-05 未安排站内值班、通信值班"
    assert message(p, "en") == "前门消防救援站 has nobody assigned as duty officer or dispatch watch on 2027-03-05"
    plan.book(qm, DAY, officer=people["li"])
    assert message(only(plan.check("no_duty_officer")), "en").endswith("as dispatch watch on 2027-03-05")
    plan.book(qm, DAY, dispatch=people["zhao"])
    assert plan.check("no_duty_officer") == []


def test_a_staff_office_day_without_its_chief_of_watch(plan, office):
    head = plan.person("周涛", office, position="支队长")
    plan.duty(head, f"{DAY} 08:00")
    plan.book(office, DAY, det_leader=head, officer=head, dispatch=head)
    p = only(plan.check("no_duty_officer"))
    assert message(p, "en") == "东城支队机关 has nobody assigned as detachment chief of watch on 2027-03-05"


# -- leader_not_on_duty -----------------------------------------------------------------------------------------
def test_a_leader_who_is_off_that_day(plan, qm, people, monkeypatch):
    monkeypatch.setattr(i18n, "_language", "zh_CN")
    plan.duty(people["wang"], f"{DAY} 08:00")
    plan.duty(people["zhang"], "2027-03-06 08:00")  # the next day's duty, not this one's
    plan.book(qm, DAY, leader=people["zhang"], officer=people["li"], dispatch=people["zhao"])
    p = only(plan.check("leader_not_on_duty"))
    assert (p.severity, p.detail, p.people, p.stations) == (ERROR, "leader_off", (people["zhang"],), (qm,))
    assert (p.start, p.end) == (at(f"{DAY} 08:00"), at("2027-03-06 08:00"))
    assert message(p) == "前门消防救援站 2027-03-05 的带班领导 张伟（0000101）当天未在岗（未排班）"


def test_a_leader_on_leave(plan, qm, people, monkeypatch):
    monkeypatch.setattr(i18n, "_language", "zh_CN")
    plan.duty(people["wang"], f"{DAY} 08:00")
    plan.absence(people["zhang"], "2027-03-04 08:00", "2027-03-05 20:00", kind="sick")
    plan.book(qm, DAY, leader=people["zhang"], officer=people["li"], dispatch=people["zhao"])
    p = only(plan.check("leader_not_on_duty"))
    assert p.detail == "leader_on_leave"
    assert message(p) == "前门消防救援站 2027-03-05 的带班领导 张伟（0000101）当天病假，不在岗"
    assert message(p, "en") == "the duty leader of 前门消防救援站 on 2027-03-05, 张伟 (0000101), is away that day (sick leave)"


def test_a_leader_at_a_post_or_at_another_station(plan, qm, people):
    op = plan.operation("全国两会消防安保", "2027-03-01", "2027-03-14")
    q1 = plan.post("DC-01", op, "2027-03-01 08:00", "2027-03-15 08:00")
    jbj = plan.station("金宝街消防救援站", "DC")
    for day in (DAY, "2027-03-06"):
        plan.duty(people["wang"], f"{day} 08:00")
        plan.book(qm, day, leader=people["zhang"], officer=people["li"], dispatch=people["zhao"])
    plan.duty(people["zhang"], f"{DAY} 08:00", post=q1)
    plan.duty(people["zhang"], "2027-03-06 20:00", hours=12, station=jbj)
    found = sorted(plan.check("leader_not_on_duty"))
    assert [(p.detail, p.args[-1]) for p in found] == [("leader_elsewhere", "DC-01 点位DC-01"),
                                                       ("leader_elsewhere", "金宝街消防救援站")]
    assert message(found[1], "en") == ("the duty leader of 前门消防救援站 on 2027-03-06, 张伟 (0000101), is on duty at "
                                       "金宝街消防救援站 that day, not here")


def test_a_leader_on_duty_at_the_station_for_part_of_the_day_is_there(plan, qm, people):
    plan.duty(people["zhang"], f"{DAY} 08:00", hours=12)  # 白 only
    plan.book(qm, DAY, leader=people["zhang"], officer=people["li"], dispatch=people["zhao"])
    plan.book(qm, "2027-03-07", leader=people["zhang"], officer=people["li"], dispatch=people["zhao"])
    assert book_rules(plan) == []  # and the 7th, with no duty at the station, is not planned yet


def test_an_office_leader_must_be_on_duty_at_the_office(plan, qm, office):
    head = plan.person("周涛", office, position="副支队长")
    plan.duty(head, f"{DAY} 08:00", station=qm)  # at a station of the detachment instead
    plan.duty(plan.person("孙浩", office, quals=[COMMAND]), f"{DAY} 08:00")
    plan.book(office, DAY, det_leader=head, det_chief=head)
    assert [p.args[-1] for p in plan.check("leader_not_on_duty")] == ["前门消防救援站"]


# -- leader_unqualified -----------------------------------------------------------------------------------------
def test_a_leader_who_is_not_an_officer_is_a_warning(plan, qm, people, monkeypatch):
    monkeypatch.setattr(i18n, "_language", "zh_CN")
    plan.duty(people["wang"], f"{DAY} 08:00")
    plan.book(qm, DAY, leader=people["wang"], officer=people["li"], dispatch=people["zhao"])
    p = only(plan.check("leader_unqualified"))
    assert (p.severity, p.people, p.start) == (WARNING, (people["wang"],), at(f"{DAY} 08:00"))
    assert message(p) == "前门消防救援站 2027-03-05 的带班领导 王磊（0000103）不是指挥员（无站领导职务或指挥员资格）"
    assert plan.check("leader_not_on_duty") == []


def test_an_officers_position_or_the_commander_qualification_makes_a_leader(plan, qm, people):
    deputy = plan.person("钱进", qm, position="副站长")
    for i, leader in enumerate((people["li"], deputy, people["zhang"])):  # 指挥员资格, 副站长, 站长
        day = f"2027-03-0{5 + i}"
        plan.duty(leader, f"{day} 08:00")
        plan.book(qm, day, leader=leader, officer=people["li"], dispatch=people["zhao"])
    assert book_rules(plan) == []


def test_an_office_leader_needs_an_office_leaders_position(plan, office):
    watcher = plan.person("孙浩", office, position="指挥中心值班员")
    station_head = plan.person("周涛", office, position="站长")
    commissar = plan.person("吴刚", office, position="政委")
    for i, leader in enumerate((watcher, station_head, commissar)):
        day = f"2027-03-0{5 + i}"
        plan.duty(leader, f"{day} 08:00")
        plan.book(office, day, det_leader=leader, det_chief=watcher)
    assert sorted(p.people for p in plan.check("leader_unqualified")) == [(watcher,), (station_head,)]


# -- duty_too_long ----------------------------------------------------------------------------------------------
def test_a_night_shift_then_a_24_hour_duty_is_32_hours_on_duty(plan, qm, monkeypatch):
    monkeypatch.setattr(i18n, "_language", "zh_CN")
    zhang = plan.person("张伟", qm)
    plan.duty(zhang, f"{DAY} 00:00", hours=8)  # 晚
    plan.duty(zhang, f"{DAY} 08:00", hours=24)  # 值
    p = only(plan.check("duty_too_long"))
    assert (p.severity, p.start, p.end, p.people) == (WARNING, at(f"{DAY} 00:00"), at("2027-03-06 08:00"), (zhang,))
    assert p.args[2:] == ("32", "24")
    assert message(p) == "张伟（0000101）连续执勤 32 小时，超过 24 小时"
    assert message(p, "en") == "张伟 (0000101) is on duty 32 h without a break, more than 24 h"


def test_24_hours_or_a_break_is_not_too_long(plan, qm):
    zhang, li = plan.person("张伟", qm), plan.person("李强", qm)
    plan.duty(zhang, f"{DAY} 08:00", hours=12)  # 白 then 夜: 24 h
    plan.duty(zhang, f"{DAY} 20:00", hours=12)
    plan.duty(li, f"{DAY} 00:00", hours=8)
    plan.duty(li, f"{DAY} 09:00", hours=24)  # an hour's break
    assert plan.check("duty_too_long") == []


def test_overlapping_duties_count_once_and_two_24_hour_duties_in_a_row_are_48_hours(plan, qm):
    zhang = plan.person("张伟", qm)
    plan.duty(zhang, f"{DAY} 08:00", hours=24)
    plan.duty(zhang, f"{DAY} 20:00", hours=4)  # inside the first
    plan.duty(zhang, "2027-03-06 08:00", hours=24)
    p = only(plan.check("duty_too_long"))
    assert p.args[2:] == ("48", "24") and (p.start, p.end) == (at(f"{DAY} 08:00"), at("2027-03-07 08:00"))


def test_the_longest_stretch_is_a_setting_an_operation_may_tighten(plan, qm):
    zhang = plan.person("张伟", qm)
    plan.duty(zhang, f"{DAY} 00:00", hours=8)
    plan.duty(zhang, f"{DAY} 08:00", hours=24)
    plan.settings(max_stretch_hours=36)
    assert plan.check("duty_too_long") == []
    plan.operation("全国两会消防安保", "2027-03-05", "2027-03-06", max_stretch_hours=30)
    assert only(plan.check("duty_too_long")).args[2:] == ("32", "30")


# -- following edits ---------------------------------------------------------------------------------------------
def test_an_assignment_edit_rechecks_its_day(plan, qm, people):
    plan.duty(people["wang"], f"{DAY} 08:00")
    checker = Checker(plan.data())
    assert sorted(p.rule for p in checker.check_all()) == ["no_duty_leader", "no_duty_officer"]
    key = (qm, day_number(at(DAY).date()))
    delta = checker.apply(assignments={key: {"leader": people["wang"], "officer": people["li"],
                                             "dispatch": people["zhao"]}})
    assert [p.rule for p in delta.appeared] == ["leader_unqualified"]  # 王磊 is on duty, but no officer
    assert sorted(p.rule for p in delta.disappeared) == ["no_duty_leader", "no_duty_officer"]
    # 张伟 instead, who is not on duty that day; then he is put on duty.
    delta = checker.apply(assignments={key: {"leader": people["zhang"], "officer": people["li"],
                                             "dispatch": people["zhao"]}})
    assert [p.rule for p in delta.disappeared] == ["leader_unqualified"]
    assert [p.detail for p in delta.appeared] == ["leader_off"]
    delta = checker.apply(add_duties=[DutyRec(9999, people["zhang"], minute(f"{DAY} 08:00"),
                                              minute("2027-03-06 08:00"), qm, None, None, None)])
    assert [p.detail for p in delta.disappeared] == ["leader_off"] and delta.appeared == []
    delta = checker.apply(assignments={key: {}})  # the day's book cleared
    assert sorted(p.rule for p in delta.appeared) == ["no_duty_leader", "no_duty_officer"]
    assert checker.current() == Checker(checker.data).check_all()
