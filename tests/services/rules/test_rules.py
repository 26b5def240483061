"""One focused test per rule id of spec/cli.md, each with a near miss that must not fire."""

from __future__ import annotations

from collections import Counter

import pytest
from builders import AERIAL, COMMAND, DRIVING, QUALS, Plan, at, minute

from rosterapp.services.rules import RULES, Checker, message
from rosterapp.services.rules.data import DutyRec
from rosterapp.services.rules.problem import ERROR, INFO, WARNING


@pytest.fixture
def plan() -> Plan:
    return Plan()


@pytest.fixture
def qm(plan: Plan) -> int:
    """前门消防救援站 of 东城支队, with no minimum strength unless a test sets one."""
    return plan.station("前门消防救援站", "DC")


def only(problems):
    assert len(problems) == 1, problems
    return problems[0]


def test_every_rule_id_of_the_spec_is_known():
    spec = ("person_overlap vehicle_overlap rest_too_short too_many_consecutive_days too_many_hours on_leave "
            "missing_qualification crew_over_seats crew_under_minimum no_driver no_commander "
            "vehicle_unavailable post_uncovered post_understaffed station_below_minimum cross_detachment "
            "inactive_resource duty_too_long no_duty_leader leader_not_on_duty leader_unqualified "
            "no_duty_officer").split()
    assert sorted(RULES) == sorted(spec)


# -- person_overlap -----------------------------------------------------------------------------------------
def test_person_overlap_over_the_shared_hours(plan, qm):
    zhang = plan.person("张伟", qm)
    sg = plan.vehicle("京X·0001应急", "SG", qm)
    op = plan.operation("全国两会消防安保", "2027-03-01", "2027-03-14")
    q1 = plan.post("DC-01", op, "2027-03-01 08:00", "2027-03-15 08:00")
    plan.duty(zhang, "2027-03-05 08:00", hours=24, vehicle=sg)
    plan.duty(zhang, "2027-03-05 08:00", hours=12, post=q1)  # 白 at a post
    p = only(plan.check("person_overlap"))
    assert (p.severity, p.start, p.end) == (ERROR, at("2027-03-05 08:00"), at("2027-03-05 20:00"))
    assert (p.people, p.vehicles, p.posts, p.stations) == ((zhang,), (sg,), (q1,), (qm,))
    assert p.detachment == plan.people[zhang].detachment
    assert "张伟" in message(p) and "two duties" in message(p, "en")


def test_back_to_back_duties_are_not_an_overlap(plan, qm):
    zhang = plan.person("张伟", qm)
    plan.duty(zhang, "2027-03-05 08:00", hours=24)
    plan.duty(zhang, "2027-03-06 08:00", hours=24)
    assert plan.check("person_overlap") == []


# -- vehicle_overlap ----------------------------------------------------------------------------------------
def test_vehicle_deployed_to_two_posts_at_once(plan, qm):
    sg = plan.vehicle("京X·0001应急", "SG", qm)
    op = plan.operation("全国两会消防安保", "2027-03-01", "2027-03-14")
    q1 = plan.post("DC-01", op, "2027-03-01 08:00", "2027-03-15 08:00")
    q2 = plan.post("DC-02", op, "2027-03-01 08:00", "2027-03-15 08:00")
    plan.deploy(sg, "2027-03-05 08:00", hours=24, post=q1)
    plan.deploy(sg, "2027-03-06 02:00", hours=24, post=q2)
    p = only(plan.check("vehicle_overlap"))
    assert (p.severity, p.start, p.end) == (ERROR, at("2027-03-06 02:00"), at("2027-03-06 08:00"))
    assert (p.vehicles, p.posts) == ((sg,), (q1, q2))


def test_vehicle_crew_split_over_two_places(plan, qm):
    a, b = plan.crew(qm, 2)
    sg = plan.vehicle("京X·0001应急", "SG", qm)
    op = plan.operation("全国两会消防安保", "2027-03-01", "2027-03-14")
    q1 = plan.post("DC-01", op, "2027-03-01 08:00", "2027-03-15 08:00")
    plan.duty(a, "2027-03-05 08:00", vehicle=sg, role="driver")
    plan.duty(b, "2027-03-05 08:00", vehicle=sg, post=q1, role="commander")
    p = only(plan.check("vehicle_overlap"))
    assert (p.detail, p.posts, p.stations) == ("split_crew", (q1,), (qm,))


def test_back_to_back_deployments_and_a_crew_with_its_deployed_vehicle_are_no_overlap(plan, qm):
    crew = plan.crew(qm, 4)
    sg = plan.vehicle("京X·0001应急", "SG", qm)
    op = plan.operation("全国两会消防安保", "2027-03-01", "2027-03-14")
    q1 = plan.post("DC-01", op, "2027-03-01 08:00", "2027-03-15 08:00")
    q2 = plan.post("DC-02", op, "2027-03-01 08:00", "2027-03-15 08:00")
    plan.deploy(sg, "2027-03-05 08:00", hours=24, post=q1)
    plan.deploy(sg, "2027-03-06 08:00", hours=24, post=q2)
    plan.crew_duty(crew, "2027-03-05 08:00", vehicle=sg, post=q1)
    assert plan.check("vehicle_overlap") == []


# -- rest_too_short -------------------------------------------------------------------------------------------
def test_rest_shorter_than_the_minimum_is_an_error(plan, qm):
    zhang = plan.person("张伟", qm)
    plan.duty(zhang, "2027-03-05 08:00", hours=8)
    later = plan.duty(zhang, "2027-03-05 23:00", hours=8)  # 7 h later
    p = only(plan.check("rest_too_short"))
    assert (p.severity, p.start, p.end) == (ERROR, at("2027-03-05 16:00"), at("2027-03-06 07:00"))
    assert p.args[2:] == ("7", "8") and p.people == (zhang,) and p.stations == (plan.duties[later].station,)


def test_rest_exactly_the_minimum_is_fine(plan, qm):
    zhang = plan.person("张伟", qm)
    plan.duty(zhang, "2027-03-05 08:00", hours=8)
    plan.duty(zhang, "2027-03-06 00:00", hours=8)  # exactly 8 h later
    assert plan.check("rest_too_short") == []


def test_less_than_24_hours_off_after_a_24_hour_duty_is_a_warning(plan, qm):
    zhang = plan.person("张伟", qm)
    plan.duty(zhang, "2027-03-05 08:00", hours=24)
    plan.duty(zhang, "2027-03-07 04:00", hours=4)  # 20 h off
    p = only(plan.check("rest_too_short"))
    assert (p.severity, p.detail, p.start, p.end) == (WARNING, "rest_after_24h", at("2027-03-06 08:00"),
                                                      at("2027-03-07 08:00"))
    assert p.args[2:] == ("20", "24")


def test_24_hours_off_after_a_24_hour_duty_is_fine(plan, qm):
    zhang = plan.person("张伟", qm)
    plan.duty(zhang, "2027-03-05 08:00", hours=24)
    plan.duty(zhang, "2027-03-07 08:00", hours=24)  # 值休: exactly 24 h off
    assert plan.check("rest_too_short") == []


def test_day_then_night_shift_is_one_continuous_duty(plan, qm):
    zhang = plan.person("张伟", qm)
    plan.duty(zhang, "2027-03-05 08:00", hours=12)  # 白
    plan.duty(zhang, "2027-03-05 20:00", hours=12)  # 夜
    plan.duty(zhang, "2027-03-07 08:00", hours=12)  # 24 h after the pair ends
    assert plan.check("rest_too_short") == []
    plan.duty(zhang, "2027-03-06 08:00", hours=12)  # but a third shift straight after the pair: no rest
    p = only(plan.check("rest_too_short"))
    assert (p.severity, p.args[2], p.start) == (ERROR, "0", at("2027-03-06 08:00"))


def test_a_24_hour_duty_straight_after_another_is_no_rest(plan, qm):
    zhang = plan.person("张伟", qm)
    plan.duty(zhang, "2027-03-05 08:00", hours=24)
    plan.duty(zhang, "2027-03-06 08:00", hours=24)
    p = only(plan.check("rest_too_short"))
    assert (p.severity, p.args[2]) == (ERROR, "0")


def test_a_readiness_level_tightens_the_minimum_rest(plan, qm):
    """9 h between duties: fine by the 8 h default, an error at 一级战备 (12 h) during its operation."""
    zhang = plan.person("张伟", qm)
    wang = plan.person("王强", qm)
    op = plan.operation("全国两会消防安保", "2027-03-10", "2027-03-14", readiness="level1")
    q1 = plan.post("DC-01", op, "2027-03-10 08:00", "2027-03-15 08:00")
    plan.duty(zhang, "2027-03-05 08:00", hours=8)
    plan.duty(zhang, "2027-03-06 01:00", hours=8)  # before the operation
    plan.duty(wang, "2027-03-11 08:00", hours=8, post=q1)
    plan.duty(wang, "2027-03-12 01:00", hours=8, post=q1)
    p = only(plan.check("rest_too_short"))
    assert (p.people, p.severity, p.args[2:]) == ((wang,), ERROR, ("9", "12"))


def test_an_operation_setting_overrides_the_minimum_rest(plan, qm):
    zhang = plan.person("张伟", qm)
    plan.operation("全国两会消防安保", "2027-03-01", "2027-03-14", min_rest_hours=10)
    plan.duty(zhang, "2027-03-05 08:00", hours=8)
    plan.duty(zhang, "2027-03-06 01:00", hours=8)  # a station duty while the operation runs
    assert only(plan.check("rest_too_short")).args[2:] == ("9", "10")


# -- too_many_consecutive_days ----------------------------------------------------------------------------------
def test_seven_days_in_a_row_is_too_many(plan, qm):
    zhang = plan.person("张伟", qm)
    for day in range(1, 8):
        plan.duty(zhang, f"2027-03-{day:02d} 08:00", hours=8)
    p = only(plan.check("too_many_consecutive_days"))
    assert (p.severity, p.start, p.end, p.args[2:]) == (WARNING, at("2027-03-01 00:00"), at("2027-03-08 00:00"),
                                                        (7, "6"))


def test_exactly_max_consecutive_days_is_fine(plan, qm):
    zhang = plan.person("张伟", qm)
    for day in (1, 2, 3, 4, 5, 6, 8, 9):  # six days, a day off, two more
        plan.duty(zhang, f"2027-03-{day:02d} 08:00", hours=8)
    assert plan.check("too_many_consecutive_days") == []


def test_readiness_level1_allows_five_consecutive_days(plan, qm):
    zhang = plan.person("张伟", qm)
    plan.operation("全国两会消防安保", "2027-03-01", "2027-03-14", readiness="level1")
    for day in range(1, 7):
        plan.duty(zhang, f"2027-03-{day:02d} 08:00", hours=8)
    assert only(plan.check("too_many_consecutive_days")).args[2:] == (6, "5")


# -- too_many_hours ------------------------------------------------------------------------------------------------
def test_more_than_96_hours_in_7_days(plan, qm):
    zhang = plan.person("张伟", qm)
    for day in (1, 3, 5, 7):  # 值休: 4 x 24 h = 96 h
        plan.duty(zhang, f"2027-03-{day:02d} 08:00", hours=24)
    plan.duty(zhang, "2027-03-04 08:00", hours=1)  # one hour more inside the same week
    p = only(plan.check("too_many_hours"))
    assert p.severity == WARNING and p.args[2:] == ("97", "96")
    assert p.start <= at("2027-03-01 08:00") and p.end >= at("2027-03-08 08:00")


def test_exactly_96_hours_in_7_days_is_fine(plan, qm):
    zhang = plan.person("张伟", qm)
    for day in (1, 3, 5, 7, 9, 11):
        plan.duty(zhang, f"2027-03-{day:02d} 08:00", hours=24)
    assert plan.check("too_many_hours") == []


def test_an_operation_lowers_the_hours_in_7_days(plan, qm):
    zhang = plan.person("张伟", qm)
    plan.operation("全国两会消防安保", "2027-03-01", "2027-03-14", max_hours_7d=72)
    for day in (1, 3, 5, 7):
        plan.duty(zhang, f"2027-03-{day:02d} 08:00", hours=24)
    assert only(plan.check("too_many_hours")).args[2:] == ("96", "72")


# -- on_leave ----------------------------------------------------------------------------------------------------------
def test_duty_during_leave(plan, qm):
    zhang = plan.person("张伟", qm)
    plan.absence(zhang, "2027-03-06 08:00", "2027-03-09 08:00", "sick")
    plan.duty(zhang, "2027-03-05 08:00", hours=48)
    p = only(plan.check("on_leave"))
    assert (p.severity, p.start, p.end) == (ERROR, at("2027-03-06 08:00"), at("2027-03-07 08:00"))
    assert "病假" in message(p)


def test_duty_starting_when_the_leave_ends_is_fine(plan, qm):
    zhang = plan.person("张伟", qm)
    plan.absence(zhang, "2027-03-06 08:00", "2027-03-09 08:00", "leave")
    plan.duty(zhang, "2027-03-05 08:00", hours=24)  # hands over as the leave begins
    plan.duty(zhang, "2027-03-09 08:00", hours=24)  # comes back as it ends
    assert plan.check("on_leave") == []


# -- missing_qualification -----------------------------------------------------------------------------------------
def test_driver_without_the_driving_qualification(plan, qm):
    zhang = plan.person("张伟", qm, quals=["空呼"])
    li = plan.person("李强", qm, quals=[DRIVING])
    sg = plan.vehicle("京X·0001应急", "SG", qm)
    jy = plan.vehicle("京X·0002应急", "JY", qm)
    plan.duty(zhang, "2027-03-05 08:00", vehicle=sg, role="driver")
    plan.duty(li, "2027-03-05 08:00", vehicle=jy, role="driver")  # near miss: qualified
    plan.duty(zhang, "2027-03-07 08:00", vehicle=jy, role="firefighter")  # near miss: not driving
    p = only(plan.check("missing_qualification"))
    assert (p.detail, p.people, p.vehicles, p.severity) == ("driver_unqualified", (zhang,), (sg,), ERROR)


def test_a_vehicle_type_without_a_driving_qualification_may_be_driven_by_anybody(plan, qm):
    zhang = plan.person("张伟", qm)
    bus = plan.vehicle("京X·0009应急", "YB", qm)
    plan.vehicles[bus].driver_qual = None
    plan.duty(zhang, "2027-03-05 08:00", vehicle=bus, role="driver")
    assert plan.check("missing_qualification") == []


def test_aerial_crew_without_anybody_qualified(plan, qm):
    a, b = plan.crew(qm, 2)
    c, d = plan.crew(qm, 2)
    plan.people[c].quals |= {QUALS[AERIAL]}
    dg = plan.vehicle("京X·0003应急", "DG", qm)
    plan.crew_duty([a, b], "2027-03-05 08:00", vehicle=dg)
    plan.crew_duty([c, d], "2027-03-06 08:00", vehicle=dg)  # near miss: one of them may operate it
    p = only(plan.check("missing_qualification"))
    assert (p.detail, p.start, p.people, p.vehicles) == ("aerial_unqualified", at("2027-03-05 08:00"), (a, b),
                                                         (dg,))


def test_commander_needs_the_qualification_or_an_officers_rank(plan, qm):
    zhang = plan.person("张伟", qm, quals=[DRIVING])
    officer = plan.person("刘军", qm, officer=True)
    qualified = plan.person("陈明", qm, quals=[COMMAND])
    for i, person in enumerate((zhang, officer, qualified)):
        plan.duty(person, f"2027-03-0{i + 1} 08:00", role="commander")
    p = only(plan.check("missing_qualification"))
    assert (p.detail, p.people) == ("commander_unqualified", (zhang,))


def test_post_requirement_nobody_holds(plan, qm):
    crew = plan.crew(qm, 3)
    roper = plan.person("绳索手", qm, quals=["绳索救援"])
    sg = plan.vehicle("京X·0001应急", "SG", qm)
    op = plan.operation("全国两会消防安保", "2027-03-01", "2027-03-14")
    q1 = plan.post("DC-01", op, "2027-03-05 08:00", "2027-03-07 08:00", quals=["绳索救援"])
    plan.deploy(sg, "2027-03-05 08:00", hours=48, post=q1)
    plan.crew_duty(crew, "2027-03-05 08:00", vehicle=sg, post=q1)
    plan.crew_duty(crew + [roper], "2027-03-06 08:00", vehicle=sg, post=q1)  # near miss: one holds it
    p = only(plan.check("missing_qualification"))
    assert (p.detail, p.posts, p.start, p.end) == ("post_unqualified", (q1,), at("2027-03-05 08:00"),
                                                   at("2027-03-06 08:00"))
    assert p.args[2] == (QUALS["绳索救援"],)


# -- crew rules -----------------------------------------------------------------------------------------------------
def test_crew_over_seats_and_exactly_at_the_seat_count(plan, qm):
    crew = plan.crew(qm, 7)
    sg = plan.vehicle("京X·0001应急", "SG", qm)  # 6 seats, 2+4
    plan.crew_duty(crew, "2027-03-05 08:00", vehicle=sg)
    plan.crew_duty(crew[:6], "2027-03-07 08:00", vehicle=sg)
    p = only(plan.check("crew_over_seats"))
    assert (p.severity, p.start, p.args[2:], p.people) == (ERROR, at("2027-03-05 08:00"), (7, 6), tuple(crew))


def test_crew_under_minimum(plan, qm):
    crew = plan.crew(qm, 4)
    sg = plan.vehicle("京X·0001应急", "SG", qm)  # 4 at least
    dg = plan.vehicle("京X·0003应急", "DG", qm)  # 2 at least
    plan.crew_duty(crew[:3], "2027-03-05 08:00", vehicle=sg)
    plan.crew_duty(crew, "2027-03-07 08:00", vehicle=sg)  # near miss: exactly 4
    plan.crew_duty(crew[:2], "2027-03-09 08:00", vehicle=dg)  # near miss: an aerial crew of 2
    p = only(plan.check("crew_under_minimum"))
    assert (p.severity, p.vehicles, p.start, p.args[2:]) == (WARNING, (sg,), at("2027-03-05 08:00"), (3, 4))


def test_no_driver(plan, qm):
    crew = plan.crew(qm, 4)
    sg = plan.vehicle("京X·0001应急", "SG", qm)
    plan.crew_duty(crew, "2027-03-05 08:00", vehicle=sg, driver=False)
    plan.crew_duty(crew, "2027-03-07 08:00", vehicle=sg)  # near miss
    p = only(plan.check("no_driver"))
    assert (p.severity, p.start, p.end) == (ERROR, at("2027-03-05 08:00"), at("2027-03-06 08:00"))


def test_no_commander(plan, qm):
    crew = plan.crew(qm, 4)
    sg = plan.vehicle("京X·0001应急", "SG", qm)
    plan.crew_duty(crew, "2027-03-05 08:00", vehicle=sg, commander=False)
    plan.crew_duty(crew, "2027-03-07 08:00", vehicle=sg)  # near miss
    p = only(plan.check("no_commander"))
    assert (p.severity, p.start, p.end) == (WARNING, at("2027-03-05 08:00"), at("2027-03-06 08:00"))


def test_a_crew_changing_at_noon_makes_two_sittings(plan, qm):
    """The morning crew has no driver; from noon a driver joins and the crew is whole."""
    crew = plan.crew(qm, 4)
    sg = plan.vehicle("京X·0001应急", "SG", qm)
    plan.crew_duty(crew[:3], "2027-03-05 08:00", vehicle=sg, driver=False)
    plan.duty(crew[3], "2027-03-05 12:00", hours=20, vehicle=sg, role="driver")
    p = only(plan.check("no_driver"))
    assert (p.start, p.end) == (at("2027-03-05 08:00"), at("2027-03-05 12:00"))
    assert only(plan.check("crew_under_minimum")).end == at("2027-03-05 12:00")


# -- vehicle_unavailable ---------------------------------------------------------------------------------------------
def test_deployed_during_maintenance(plan, qm):
    sg = plan.vehicle("京X·0001应急", "SG", qm)
    op = plan.operation("全国两会消防安保", "2027-03-01", "2027-03-14")
    q1 = plan.post("DC-01", op, "2027-03-01 08:00", "2027-03-15 08:00")
    plan.service(sg, "2027-03-05 10:00", "2027-03-05 18:00")
    plan.deploy(sg, "2027-03-05 08:00", post=q1)
    p = only(plan.check("vehicle_unavailable"))
    assert (p.severity, p.detail, p.start, p.end) == (ERROR, "maintenance", at("2027-03-05 10:00"),
                                                      at("2027-03-05 18:00"))
    assert "制动系统检修" in message(p)


def test_maintenance_ending_when_the_deployment_starts_is_fine(plan, qm):
    sg = plan.vehicle("京X·0001应急", "SG", qm)
    plan.service(sg, "2027-03-03 08:00", "2027-03-05 08:00")
    plan.deploy(sg, "2027-03-05 08:00")
    assert plan.check("vehicle_unavailable") == []


def test_maintenance_problem_refers_to_the_post_the_vehicle_stands_at(plan, qm):
    """The window must mark the post's cell too (the demo's planted problem names the post)."""
    sg = plan.vehicle("京X·0001应急", "SG", qm)
    op = plan.operation("全国两会消防安保", "2027-03-01", "2027-03-14")
    q1 = plan.post("DC-01", op, "2027-03-01 08:00", "2027-03-15 08:00")
    plan.service(sg, "2027-03-05 10:00", "2027-03-05 18:00")
    plan.deploy(sg, "2027-03-05 08:00", post=q1)
    assert only(plan.check("vehicle_unavailable")).posts == (q1,)


def test_used_while_not_in_service(plan, qm):
    crew = plan.crew(qm, 4)
    sg = plan.vehicle("京X·0001应急", "SG", qm, in_service=False)
    jy = plan.vehicle("京X·0002应急", "JY", qm)
    plan.crew_duty(crew, "2027-03-05 08:00", vehicle=sg)
    plan.crew_duty(crew, "2027-03-07 08:00", vehicle=jy)  # near miss: in service
    p = only(plan.check("vehicle_unavailable"))
    assert (p.detail, p.vehicles, p.start) == ("not_in_service", (sg,), at("2027-03-05 08:00"))


# -- posts ------------------------------------------------------------------------------------------------------------
@pytest.fixture
def post_setup(plan, qm):
    op = plan.operation("全国两会消防安保", "2027-03-01", "2027-03-14")
    q1 = plan.post("DC-01", op, "2027-03-05 08:00", "2027-03-07 08:00", min_people=4, vehicles={"SG": 1})
    crew = plan.crew(qm, 5)
    sg = plan.vehicle("京X·0001应急", "SG", qm)
    jy = plan.vehicle("京X·0002应急", "JY", qm)
    return q1, crew, sg, jy


def test_post_window_without_a_vehicle_is_uncovered(plan, post_setup):
    q1, crew, sg, _jy = post_setup
    plan.crew_duty(crew[:4], "2027-03-05 08:00", post=q1)  # people, no vehicle
    plan.deploy(sg, "2027-03-06 08:00", post=q1)
    plan.crew_duty(crew[:4], "2027-03-06 08:00", vehicle=sg, post=q1)  # near miss: covered
    p = only(plan.check("post_uncovered"))
    assert (p.severity, p.start, p.end, p.posts, p.people) == (
        ERROR, at("2027-03-05 08:00"), at("2027-03-06 08:00"), (q1,), tuple(crew[:4]))


def test_post_window_with_a_vehicle_but_nobody_is_uncovered(plan, post_setup):
    q1, crew, sg, _jy = post_setup
    plan.deploy(sg, "2027-03-05 08:00", hours=48, post=q1)
    plan.crew_duty(crew[:4], "2027-03-06 08:00", vehicle=sg, post=q1)
    p = only(plan.check("post_uncovered"))
    assert (p.start, p.end, p.vehicles) == (at("2027-03-05 08:00"), at("2027-03-06 08:00"), (sg,))


def test_day_and_night_windows_are_checked_apart(plan, qm):
    op = plan.operation("全国两会消防安保", "2027-03-01", "2027-03-14")
    route = plan.post("DC-04", op, "2027-03-05 08:00", "2027-03-06 08:00", rotation="day_night", min_people=2)
    crew = plan.crew(qm, 2)
    sg = plan.vehicle("京X·0001应急", "SG", qm)
    plan.deploy(sg, "2027-03-05 08:00", hours=12, post=route)
    plan.crew_duty(crew, "2027-03-05 08:00", hours=12, vehicle=sg, post=route)  # 白 only
    p = only(plan.check("post_uncovered"))
    assert (p.start, p.end) == (at("2027-03-05 20:00"), at("2027-03-06 08:00"))


def test_post_understaffed_people_and_vehicle_types(plan, post_setup):
    q1, crew, sg, jy = post_setup
    plan.deploy(sg, "2027-03-05 08:00", post=q1)
    plan.crew_duty(crew[:3], "2027-03-05 08:00", vehicle=sg, post=q1)  # 3 of 4
    plan.deploy(jy, "2027-03-06 08:00", post=q1)  # a 抢险救援 where a 水罐 is required
    plan.crew_duty(crew[:4], "2027-03-06 08:00", vehicle=jy, post=q1)
    found = plan.check("post_understaffed")
    assert [(p.severity, p.start, p.args[2:]) for p in found] == [
        (WARNING, at("2027-03-05 08:00"), (3, 4)), (WARNING, at("2027-03-06 08:00"), (4, 4))]


def test_post_exactly_at_its_minimum_is_not_understaffed(plan, post_setup):
    q1, crew, sg, _jy = post_setup
    plan.deploy(sg, "2027-03-05 08:00", hours=48, post=q1)
    plan.crew_duty(crew[:4], "2027-03-05 08:00", vehicle=sg, post=q1)
    plan.crew_duty(crew[1:5], "2027-03-06 08:00", vehicle=sg, post=q1)
    assert plan.check("post_understaffed") == [] and plan.check("post_uncovered") == []


def test_post_that_needs_a_commander(plan, qm):
    op = plan.operation("全国两会消防安保", "2027-03-01", "2027-03-14")
    q1 = plan.post("DC-01", op, "2027-03-05 08:00", "2027-03-07 08:00", min_people=2, needs_commander=True)
    crew = plan.crew(qm, 2)
    sg = plan.vehicle("京X·0001应急", "SG", qm)
    plan.deploy(sg, "2027-03-05 08:00", hours=48, post=q1)
    plan.crew_duty(crew, "2027-03-05 08:00", vehicle=sg, post=q1, commander=False)
    plan.crew_duty(crew, "2027-03-06 08:00", vehicle=sg, post=q1)  # near miss
    p = only(plan.check("post_understaffed"))
    assert p.start == at("2027-03-05 08:00")


# -- station_below_minimum ---------------------------------------------------------------------------------------------
def test_station_below_minimum_while_crews_are_at_posts(plan):
    qm = plan.station("前门消防救援站", "DC", min_people=3, min_vehicles=1)
    op = plan.operation("全国两会消防安保", "2027-03-01", "2027-03-14")
    q1 = plan.post("DC-01", op, "2027-03-05 08:00", "2027-03-08 08:00")
    home = plan.crew(qm, 3)
    out = plan.crew(qm, 4)
    sg, sg2 = plan.vehicle("京X·0001应急", "SG", qm), plan.vehicle("京X·0002应急", "SG", qm)
    # 5th: two at home while four are out -> below; 6th: three at home -> fine; 7th: two at home, nobody out -> fine
    plan.crew_duty(home[:2], "2027-03-05 08:00", vehicle=sg2)
    plan.crew_duty(home, "2027-03-06 08:00", vehicle=sg2)
    plan.crew_duty(home[:2], "2027-03-07 08:00", vehicle=sg2)
    for day in ("2027-03-05 08:00", "2027-03-06 08:00"):
        plan.deploy(sg, day, post=q1)
        plan.crew_duty(out, day, vehicle=sg, post=q1)
    p = only(plan.check("station_below_minimum"))
    assert (p.severity, p.start, p.end, p.stations) == (WARNING, at("2027-03-05 08:00"), at("2027-03-06 08:00"),
                                                        (qm,))
    assert p.args[1:] == (2, 3, 1, 1)


def test_station_left_without_a_crewed_vehicle(plan):
    qm = plan.station("前门消防救援站", "DC", min_people=2, min_vehicles=1)
    op = plan.operation("全国两会消防安保", "2027-03-01", "2027-03-14")
    q1 = plan.post("DC-01", op, "2027-03-05 08:00", "2027-03-08 08:00")
    home = plan.crew(qm, 3)
    out = plan.crew(qm, 4)
    sg, sg2 = plan.vehicle("京X·0001应急", "SG", qm), plan.vehicle("京X·0002应急", "SG", qm)
    plan.crew_duty(home, "2027-03-05 08:00")  # at the station, on no vehicle
    plan.crew_duty(home, "2027-03-06 08:00", vehicle=sg2)  # near miss
    for day in ("2027-03-05 08:00", "2027-03-06 08:00"):
        plan.deploy(sg, day, post=q1)
        plan.crew_duty(out, day, vehicle=sg, post=q1)
    p = only(plan.check("station_below_minimum"))
    assert p.start == at("2027-03-05 08:00") and p.args[3:] == (0, 1)


# -- cross_detachment -------------------------------------------------------------------------------------------------
def test_cross_detachment_person_and_vehicle(plan, qm):
    bzf = plan.station("白纸坊特勤站", "XC")
    op = plan.operation("全国两会消防安保", "2027-03-01", "2027-03-14")
    q1 = plan.post("DC-01", op, "2027-03-01 08:00", "2027-03-15 08:00", detachment="DC")
    lent = plan.person("赵磊", bzf)
    own = plan.person("张伟", qm)
    xc_sg = plan.vehicle("京X·0101应急", "SG", bzf)
    dc_sg = plan.vehicle("京X·0001应急", "SG", qm)
    plan.duty(lent, "2027-03-05 08:00", post=q1)
    plan.duty(own, "2027-03-05 08:00", post=q1)  # near miss: DC at a DC post
    plan.deploy(xc_sg, "2027-03-05 08:00", post=q1)
    plan.deploy(dc_sg, "2027-03-06 08:00", post=q1)  # near miss
    found = plan.check("cross_detachment")
    assert {(p.detail, p.people, p.vehicles) for p in found} == {("cross_person", (lent,), ()),
                                                                ("cross_vehicle", (), (xc_sg,))}
    assert {p.severity for p in found} == {INFO}
    assert {p.detachment for p in found} == {plan.stations[qm].detachment}
    assert all("XC" not in p.args and "DC" in p.args for p in found)


# -- inactive_resource --------------------------------------------------------------------------------------------------
def test_inactive_person_or_vehicle_on_duty(plan, qm):
    gone = plan.person("孙浩", qm, active=False)
    plan.person("周涛", qm, active=False)  # near miss: inactive, but on no duty
    old = plan.vehicle("京X·0009应急", "SG", qm, active=False)
    plan.vehicle("京X·0010应急", "SG", qm, active=False)  # near miss: never used
    plan.duty(gone, "2027-03-05 08:00")
    plan.duty(gone, "2027-03-07 08:00")
    plan.deploy(old, "2027-03-05 08:00")
    found = plan.check("inactive_resource")
    assert {(p.detail, p.people, p.vehicles, p.start, p.end) for p in found} == {
        ("inactive_person", (gone,), (), at("2027-03-05 08:00"), at("2027-03-08 08:00")),
        ("inactive_vehicle", (), (old,), at("2027-03-05 08:00"), at("2027-03-06 08:00"))}
    assert {p.severity for p in found} == {ERROR}


# -- a clean plan, messages ---------------------------------------------------------------------------------------------
def test_a_well_made_plan_has_no_problem(plan):
    qm = plan.station("前门消防救援站", "DC", min_people=4, min_vehicles=1)
    op = plan.operation("全国两会消防安保", "2027-03-01", "2027-03-14", readiness="level1")
    q1 = plan.post("DC-01", op, "2027-03-05 08:00", "2027-03-07 08:00", min_people=4)
    watch_a, watch_b = plan.crew(qm, 4), plan.crew(qm, 4)
    post_a, post_b = plan.crew(qm, 4), plan.crew(qm, 4)
    sg, sg2 = plan.vehicle("京X·0001应急", "SG", qm), plan.vehicle("京X·0002应急", "SG", qm)
    for i, day in enumerate(("2027-03-05 08:00", "2027-03-06 08:00")):
        watch = (watch_a, watch_b)[i]
        plan.crew_duty(watch, day, vehicle=sg2)
        plan.deploy(sg, day, post=q1)
        plan.crew_duty((post_a, post_b)[i], day, vehicle=sg, post=q1)
        plan.book(qm, day[:10], leader=watch[0], officer=watch[1], dispatch=watch[2])
    assert plan.check() == []


def test_every_problem_has_a_message_in_both_languages(plan, qm):
    zhang = plan.person("张伟", qm)
    sg = plan.vehicle("京X·0001应急", "SG", qm, in_service=False, seats=1)
    plan.duty(zhang, "2027-03-05 08:00", vehicle=sg, role="driver")
    plan.duty(zhang, "2027-03-05 20:00", vehicle=sg, role="commander")
    found = plan.check()
    assert found
    for p in found:
        assert message(p) and message(p, "en") and message(p) != message(p, "en")


# -- incremental deltas -------------------------------------------------------------------------------------------------
def test_delta_reports_each_problem_that_goes_even_when_an_equal_one_stays(plan, qm):
    """The same person entered three times for one shift (a pasted row): three equal overlap problems.
    Removing one copy leaves one problem; the delta must say that two went, or a window that keeps
    its list by the deltas shows three where a full check finds one."""
    zhang = plan.person("张伟", qm, position="站长")
    li = plan.person("李强", qm)
    plan.book(qm, "2027-03-05", leader=zhang, officer=li, dispatch=li)
    ids = [plan.duty(zhang, "2027-03-05 08:00") for _ in range(3)]
    checker = Checker(plan.data())
    before = checker.check_all()
    delta = checker.apply(remove_duties=[ids[2]])
    after = checker.current()
    assert (len(before), len(after)) == (3, 1)
    assert Counter(before) - Counter(after) == Counter(delta.disappeared)
    assert Counter(after) - Counter(before) == Counter(delta.appeared)


def test_delta_of_an_edit(plan, qm):
    zhang = plan.person("张伟", qm, position="站长")
    plan.book(qm, "2027-03-05", leader=zhang, officer=zhang, dispatch=zhang)
    plan.duty(zhang, "2027-03-05 08:00")
    checker = Checker(plan.data())
    assert checker.check_all() == []
    extra = DutyRec(9999, zhang, minute("2027-03-05 20:00"), minute("2027-03-06 08:00"), qm, None, None, None)
    delta = checker.apply(add_duties=[extra])
    assert [p.rule for p in delta.appeared] == ["person_overlap"] and delta.disappeared == []
    delta = checker.apply(remove_duties=[9999])
    assert delta.appeared == [] and [p.rule for p in delta.disappeared] == ["person_overlap"]
    assert checker.current() == []
