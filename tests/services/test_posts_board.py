"""The post board as plain data, availability for a window, staffing edits with undo, copying forward."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from rosterapp.models import Duty, Operation, Post, RuleSetting, VehicleDeployment
from rosterapp.services import duties, operations, registers
from rosterapp.services import posts_board as pb
from rosterapp.services.availability import (
    ALREADY_HERE,
    BUSY,
    MAINTENANCE,
    NOT_IN_SERVICE,
    NOT_QUALIFIED,
    NOT_RESTED,
    ON_LEAVE,
    Availability,
    short_rest,
)
from rosterapp.services.duty_hours import month_hours
from rosterapp.services.operations import OperationData, PostData
from rosterapp.services.registers import PersonData, VehicleData
from rosterapp.services.rules.data import to_min
from rosterapp.services.rules.live import LiveChecker
from rosterapp.services.staffing import (
    WindowStaffing,
    copy_forward_staffing,
    redo_edit,
    restore_operation,
    restore_post,
    set_roles,
    snapshot_operation,
    snapshot_post,
    staff_windows,
    undo_edit,
    unstaff,
)
from rosterapp.services.stages import Stage, join_stages, split_stages, stage_of
from rosterapp.services.vehicle_board import AT_POST, AWAY, OUT_OF_SERVICE, load_vehicle_board

D = dt.date(2027, 3, 10)
H = dt.time(8)


def at(day: dt.date, hour: int = 8) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour))


def day(n: int) -> dt.date:
    return D + dt.timedelta(days=n)


@dataclass
class World:
    op: int
    hotel: int  # Q-01, 24 h, SG x1, 3 people, a commander, 破拆
    route: int  # Q-02, day and night, no vehicle requirement, 2 people
    people: dict[str, int]
    sg: int
    pm: int
    reserve: int
    other_sg: int


@pytest.fixture
def world(db, ref) -> World:
    """前门 (东城) with a crew of three on duty on D with its 水罐, a tired man, one on leave and one who
    cannot drive; a 望京 (朝阳) man; a pump in maintenance and a reserve vehicle; a task D..D+3."""
    with db.begin() as s:
        qm, wj = ref.station["前门"], ref.station["望京"]
        q = ref.qualification

        def person(no, name, station=qm, quals=(), rank=None):
            return registers.create_person(s, PersonData(
                staff_no=no, name=name, station_id=station, rank_id=ref.rank[rank] if rank else None,
                qualification_ids=tuple(q[x] for x in quals)))

        people = {
            "张": person("P1", "张指挥", quals=("指挥员资格", "破拆"), rank="三级指挥员"),
            "李": person("P2", "李驾驶", quals=("消防车驾驶",)),
            "王": person("P3", "王战斗", quals=("空呼",)),
            "赵": person("P4", "赵疲劳"),
            "孙": person("P5", "孙请假"),
            "吴": person("P6", "吴无证"),
            "郑": person("P7", "郑望京", station=wj),
            "钱": person("P8", "钱次日", quals=("指挥员资格",)),
            "冯": person("P9", "冯次日", quals=("消防车驾驶",)),
            "陈": person("P10", "陈次日"),
        }

        def vehicle(plate, call, code, station=qm, status="in_service"):
            return registers.create_vehicle(s, VehicleData(plate=plate, call_sign=call, type_id=ref.vehicle_type[code],
                                                           station_id=station, status=status))

        sg = vehicle("京X·0001应急", "前门1号水罐", "SG")
        pm = vehicle("京X·0002应急", "前门2号泡沫", "PM")
        reserve = vehicle("京X·0003应急", "前门3号抢险", "JY", status="reserve")
        other_sg = vehicle("京X·0009应急", "望京1号水罐", "SG", station=wj)
        registers.add_maintenance(s, pm, D, D, "制动检修")
        registers.add_absence(s, people["孙"], "leave", D, day(1))
        # The crew on duty on D with the 水罐; 赵 worked the night before; the next watch on D+1.
        for name, role in (("张", "commander"), ("李", "driver"), ("王", "firefighter")):
            duties.assign_duty(s, people[name], "值", D, vehicle_id=sg, role=role)
            duties.assign_duty(s, people[name], "休", day(1))
        duties.assign_duty(s, people["赵"], "值", day(-1))
        for name, role in (("钱", "commander"), ("冯", "driver"), ("陈", "firefighter")):
            duties.assign_duty(s, people[name], "值", day(1), vehicle_id=sg, role=role)
        op = operations.create_operation(s, OperationData(name="两会", start_date=D, end_date=day(3)))
        hotel = operations.create_post(s, PostData(
            operation_id=op, code="Q-01", name="北京饭店", post_type="hotel", duty_mode="stationed",
            detachment_id=ref.detachment["DC"], station_id=qm, active_from=at(D), active_to=at(day(4)),
            min_people=3, vehicle_requirements=((ref.vehicle_type["SG"], 1),),
            required_qualification_ids=(q["破拆"],)))
        route = operations.create_post(s, PostData(
            operation_id=op, code="Q-02", name="长安街", post_type="route", duty_mode="patrol",
            detachment_id=ref.detachment["DC"], active_from=at(D), active_to=at(day(2)), rotation="day_night",
            min_people=2, needs_commander=False))
    return World(op, hotel, route, people, sg, pm, reserve, other_sg)


def board(db, world) -> pb.Board:
    with db.begin() as s:
        return pb.load_board(s, world.op)


def availability(db) -> Availability:
    with db.begin() as s:
        live = LiveChecker(s, at(day(-8), 0), at(day(12), 0))
    return Availability(live.data, live.checker)


def staff(db, *plans) -> tuple:
    with db.begin() as s:
        return staff_windows(s, list(plans))


def crew_plan(world, post, start, end, people, vehicles=()):
    return WindowStaffing(post, start, end, tuple(vehicles), tuple(people))


# -- the board -------------------------------------------------------------------------------------------

def test_a_24h_post_is_one_line_and_a_day_and_night_post_two(db, world):
    b = board(db, world)
    assert [(line.code, line.shift) for line in b.lines] == [("Q-01", "24h"), ("Q-02", "day"), ("Q-02", "night")]
    assert b.days == [D, day(1), day(2), day(3)]
    assert [c.start for c in b.cells[0]] == [at(D), at(day(1)), at(day(2)), at(day(3))]
    assert [(c.start, c.end) if c else None for c in b.cells[2]] == [
        (at(D, 20), at(day(1))), (at(day(1), 20), at(day(2))), None, None]
    assert b.lines[0].vehicle_reqs == (("SG", "水罐消防车", 1),) and b.lines[0].qualifications[0][1] == "破拆"
    assert {c.status for row in b.cells for c in row if c} == {pb.EMPTY}
    assert pb.coverage_of(b) == pb.Coverage(0, 0, 8)


def test_a_window_is_full_only_with_people_vehicles_commander_and_qualifications(db, world):
    p = world.people
    edit, change = staff(db, crew_plan(world, world.hotel, at(D), at(day(1)),
                                       [(p["李"], "driver", world.sg), (p["王"], "firefighter", world.sg)]))
    assert change.posts == {world.hotel} and change.people == {p["李"], p["王"]}
    cell = board(db, world).cells[0][0]
    assert cell.status == pb.PARTIAL
    assert cell.shortfalls == ((pb.NO_VEHICLE,), (pb.FEW_PEOPLE, 2, 3), (pb.FEW_VEHICLES, "SG", "水罐消防车", 0, 1),
                               (pb.NO_COMMANDER,), (pb.NO_QUALIFICATION, "破拆"))
    staff(db, crew_plan(world, world.hotel, at(D), at(day(1)), [(p["张"], "commander", world.sg)], [world.sg]))
    b = board(db, world)
    cell = b.cells[0][0]
    assert cell.status == pb.FULL and cell.shortfalls == ()
    assert [v.call_sign for v in cell.vehicles] == ["前门1号水罐"] and cell.commanders == ["张指挥"]
    assert [c.name for c in cell.crew] == ["张指挥", "李驾驶", "王战斗"] and cell.people == 3
    assert pb.coverage_of(b) == pb.Coverage(1, 0, 7)
    assert pb.coverage_by_detachment(b)[0][1:] == ("东城支队", pb.Coverage(1, 0, 7))


def test_a_vehicle_for_half_the_window_leaves_it_partial(db, world):
    p = world.people
    staff(db, crew_plan(world, world.route, at(D), at(D, 20), [(p["李"], None, None), (p["王"], None, None)],
                        ()), crew_plan(world, world.route, at(D), at(D, 14), [], [world.sg]))
    cell = board(db, world).cells[1][0]
    assert cell.status == pb.PARTIAL and cell.shortfalls == ((pb.NO_VEHICLE,),)


def test_refresh_recomputes_only_the_posts_named(db, world):
    b = board(db, world)
    staff(db, crew_plan(world, world.route, at(day(1), 20), at(day(2)), [(world.people["钱"], None, None)]))
    with db.begin() as s:
        assert pb.refresh_posts(s, b, [world.hotel]) == [0]
        assert b.cells[2][1].status == pb.EMPTY
        assert pb.refresh_posts(s, b, [world.route]) == [1, 2]
    assert b.cells[2][1].status == pb.PARTIAL and b.cells[2][1].crew[0].name == "钱次日"


# -- staffing edits --------------------------------------------------------------------------------------------

def person_rows(db, person_id):
    with db.begin() as s:
        return [tuple(r) for r in s.execute(select(Duty.id, Duty.start, Duty.end, Duty.station_id, Duty.post_id,
                                                   Duty.vehicle_id, Duty.role)
                                            .where(Duty.person_id == person_id).order_by(Duty.start, Duty.id))]


def counts(db):
    with db.begin() as s:
        return (s.scalar(select(func.count()).select_from(Duty)),
                s.scalar(select(func.count()).select_from(VehicleDeployment)))


def test_people_at_a_post_leave_their_station_entry_of_that_day_and_undo_puts_it_back(db, world, ref):
    p = world.people
    before = person_rows(db, p["张"])
    edit, change = staff(db, crew_plan(world, world.hotel, at(D), at(day(1)), [(p["张"], "commander", world.sg)],
                                       [world.sg]))
    after = person_rows(db, p["张"])
    # The 值 at 前门 on D went; the 休 of D+1 stayed; the post duty came, with its vehicle and role.
    assert [r[1:] for r in after] == [(at(D), at(day(1)), None, world.hotel, world.sg, "commander"),
                                      (at(day(1), 0), at(day(2), 0), ref.station["前门"], None, None, None)]
    assert change.vehicles == {world.sg} and D in change.days
    with db.begin() as s:
        undo_edit(s, edit)
    assert person_rows(db, p["张"]) == before
    with db.begin() as s:
        redo_edit(s, edit)
    assert person_rows(db, p["张"]) == after  # the same ids again


def test_unstaff_and_roles_are_undone_exactly(db, world):
    p = world.people
    edit, _ = staff(db, crew_plan(world, world.hotel, at(D), at(day(1)),
                                  [(p["张"], "commander", world.sg), (p["李"], "driver", world.sg)], [world.sg]))
    duty_ids = [r.id for r in edit.added_duties]
    snapshot = counts(db)
    with db.begin() as s:
        role_edit, change = set_roles(s, {duty_ids[1]: "signaller"})
    assert change.people == {p["李"]}
    assert person_rows(db, p["李"])[0][-1] == "signaller"
    with db.begin() as s:
        undo_edit(s, role_edit)
    assert person_rows(db, p["李"])[0][-1] == "driver"
    with db.begin() as s:
        off, change = unstaff(s, duty_ids=[duty_ids[0]], deployment_ids=[edit.added_deployments[0].id])
    assert change.posts == {world.hotel} and counts(db) == (snapshot[0] - 1, 0)
    with db.begin() as s:
        undo_edit(s, off)
    assert counts(db) == snapshot and person_rows(db, p["张"])[0][0] == duty_ids[0]


# -- availability ---------------------------------------------------------------------------------------------

def test_reasons_a_person_may_not_stand_at_a_window(db, world):
    p = world.people
    staff(db, crew_plan(world, world.route, at(D), at(D, 20), [(p["郑"], None, None)]))
    a = availability(db)
    lo, hi = to_min(at(D)), to_min(at(day(1)))
    assert a.person_reason(p["孙"], world.hotel, lo, hi).code == ON_LEAVE
    assert a.person_reason(p["孙"], world.hotel, lo, hi).args[0] == "leave"
    rested = a.person_reason(p["赵"], world.hotel, lo, hi)
    assert rested.code == NOT_RESTED and rested.args == (0.0, 8.0)
    assert a.person_reason(p["吴"], world.hotel, lo, hi, role="driver").code == NOT_QUALIFIED
    assert a.person_reason(p["吴"], world.hotel, lo, hi, role="commander").code == NOT_QUALIFIED
    assert a.person_reason(p["吴"], world.hotel, lo, hi, role="firefighter") is None
    assert a.person_reason(p["李"], world.hotel, lo, hi, role="driver") is None  # on duty at 前门: moves
    busy = a.person_reason(p["郑"], world.hotel, lo, hi)
    assert busy.code == BUSY and busy.args[0] == "Q-02"
    assert a.person_reason(p["郑"], world.route, lo, to_min(at(D, 20))).code == ALREADY_HERE


def test_a_higher_readiness_level_needs_longer_rest(db, world):
    p = world.people
    with db.begin() as s:
        duties.assign_duty(s, p["吴"], "白", day(1))  # ends at 20:00 on D+1
    lo, hi = to_min(at(day(2), 8)), to_min(at(day(2), 20))  # a window from 08:00 next morning: 12 h rest
    assert availability(db).person_reason(p["吴"], world.hotel, lo, hi) is None
    with db.begin() as s:
        s.add(RuleSetting(key="min_rest_hours", value=13.0, operation_id=world.op))
    reason = availability(db).person_reason(p["吴"], world.hotel, lo, hi)
    assert reason.code == NOT_RESTED and reason.args == (12.0, 13.0)


def test_reasons_a_vehicle_may_not_stand_at_a_window(db, world):
    staff(db, crew_plan(world, world.route, at(D), at(D, 20), [], [world.other_sg]))
    a = availability(db)
    lo, hi = to_min(at(D)), to_min(at(day(1)))
    maintenance = a.vehicle_reason(world.pm, world.hotel, lo, hi)
    assert maintenance.code == MAINTENANCE and maintenance.args[0] == "制动检修"
    assert a.vehicle_reason(world.reserve, world.hotel, lo, hi).code == NOT_IN_SERVICE
    assert a.vehicle_reason(world.other_sg, world.hotel, lo, hi).args[0] == "Q-02"
    assert a.vehicle_reason(world.sg, world.hotel, lo, hi) is None
    assert a.vehicle_reason(world.pm, world.hotel, to_min(at(day(1))), to_min(at(day(2)))) is None


def test_lists_put_the_own_detachment_and_the_fewest_hours_first(db, world):
    a = availability(db)
    lo, hi = to_min(at(day(2))), to_min(at(day(3)))
    people = a.people(world.hotel, lo, hi)
    names = [o.name for o in people]
    # 东城 first; among them who worked least this month; the D+1 watch has not rested since.
    assert names.index("郑望京") == len(names) - 1
    own = [o for o in people if o.own]
    assert [o.hours for o in own] == sorted(o.hours for o in own)
    assert names[:2] == ["孙请假", "吴无证"] and own[-1].hours == 24
    assert "钱次日" not in names and "孙请假" in names  # the leave ends on D+1
    drivers = [o.name for o in a.people(world.hotel, lo, hi, role="driver")]
    assert drivers == ["李驾驶"]
    vehicles = [o.call_sign for o in a.vehicles(world.hotel, lo, hi)]
    assert vehicles == ["前门1号水罐", "前门2号泡沫", "望京1号水罐"]
    on_d = a.vehicles(world.hotel, to_min(at(D)), to_min(at(day(1))))
    assert [(o.call_sign, o.crewed) for o in on_d] == [("前门1号水罐", True), ("望京1号水罐", False)]


@pytest.mark.parametrize("role", [None, "driver", "commander"])
def test_the_lists_agree_with_the_reasons_on_the_demo(db, role):
    from rosterapp.services import demo

    demo.generate(db, scale="small", seed=5, start=dt.date(2027, 3, 1))
    with db.begin() as s:
        b = pb.load_board(s, s.scalar(select(Operation.id)))
    a = availability_over(db, dt.date(2027, 2, 20), dt.date(2027, 4, 10))
    for r, c in ((0, 2), (3, 5), (len(b.lines) - 1, 7)):
        cell, post = b.cells[r][c], b.lines[r].post_id
        listed = {o.id for o in a.people(post, cell.lo, cell.hi, role)}
        assert listed == {p for p in a.data.people if a.person_reason(p, post, cell.lo, cell.hi, role) is None}
        vehicles = {o.id for o in a.vehicles(post, cell.lo, cell.hi)}
        assert vehicles == {v for v in a.data.vehicles if a.vehicle_reason(v, post, cell.lo, cell.hi) is None}
        assert listed and vehicles


def availability_over(db, first: dt.date, last: dt.date) -> Availability:
    with db.begin() as s:
        live = LiveChecker(s, at(first, 0), at(last, 0))
    return Availability(live.data, live.checker)


def test_a_vehicles_crew_on_duty_is_the_suggestion(db, world):
    a = availability(db)
    p = world.people
    crew = a.crew_on_duty(world.sg, world.hotel, to_min(at(D)), to_min(at(day(1))))
    assert crew == [(p["张"], "commander"), (p["李"], "driver"), (p["王"], "firefighter")]


def test_short_rest_follows_the_engines_stretches():
    day_ = 1440
    # 白 then 夜 is one 24 h stretch: no rest problem between them.
    assert short_rest([(0, 720)], 720, 1440, 480) is None
    # After 24 h, a new duty at once is a stretch of its own with no rest.
    assert short_rest([(0, day_)], day_, 2 * day_, 480) == 0
    assert short_rest([(0, 600)], 900, 1200, 480) == 300
    assert short_rest([(3000, 4000)], 0, 2900, 480) == 100
    assert short_rest([(0, 100)], 5000, 6000, 480) is None


# -- copying a day forward ------------------------------------------------------------------------------------

def test_copy_forward_keeps_the_vehicle_and_relieves_a_tired_crew_with_the_crew_on_duty(db, world):
    p = world.people
    staff(db, crew_plan(world, world.hotel, at(D), at(day(1)),
                        [(p["张"], "commander", world.sg), (p["李"], "driver", world.sg),
                         (p["王"], "firefighter", world.sg)], [world.sg]))
    b = board(db, world)
    plans, skipped = copy_forward_staffing(b, availability(db), [0], D, [day(1), day(2)])
    assert [(pl.start, pl.vehicles) for pl in plans] == [(at(day(1)), (world.sg,)), (at(day(2)), (world.sg,))]
    # D+1: the crew of D has had no rest, the crew on duty with the 水罐 takes the post.
    assert plans[0].people == ((p["钱"], "commander", world.sg), (p["冯"], "driver", world.sg),
                               (p["陈"], "firefighter", world.sg))
    # D+2: the crew of D is rested again (24 h off); the D+1 crew is not.
    assert plans[1].people == ((p["张"], "commander", world.sg), (p["李"], "driver", world.sg),
                               (p["王"], "firefighter", world.sg))
    assert skipped == []
    staff(db, *plans)
    b = board(db, world)
    assert [c.status for c in b.cells[0]] == [pb.FULL, pb.PARTIAL, pb.FULL, pb.EMPTY]
    assert b.cells[0][1].shortfalls == ((pb.NO_QUALIFICATION, "破拆"),)


def test_copy_forward_skips_what_cannot_stand_and_says_why(db, world):
    p = world.people
    staff(db, crew_plan(world, world.route, at(D), at(D, 20), [(p["吴"], None, None), (p["孙"], None, None)],
                        [world.other_sg]))
    b = board(db, world)
    with db.begin() as s:
        registers.add_maintenance(s, world.other_sg, day(1), day(1), "保养")
    plans, skipped = copy_forward_staffing(b, availability(db), [1], D, [day(1)])
    assert plans == [WindowStaffing(world.route, at(day(1)), at(day(1), 20), (), ((p["吴"], None, None),))]
    assert [(s.kind, s.reason.code) for s in skipped] == [("vehicle", MAINTENANCE), ("person", ON_LEAVE)]


# -- operations and posts put back ---------------------------------------------------------------------------

def test_a_deleted_post_comes_back_with_its_staffing_and_ids(db, world):
    p = world.people
    staff(db, crew_plan(world, world.hotel, at(D), at(day(1)), [(p["张"], "commander", world.sg)], [world.sg]))
    before = board(db, world)
    with db.begin() as s:
        snap = snapshot_post(s, world.hotel)
        operations.delete_post(s, world.hotel)
    with db.begin() as s:
        change = restore_post(s, snap)
    assert change.posts == {world.hotel} and p["张"] in change.people
    after = board(db, world)
    assert after.lines == before.lines and after.cells == before.cells


def test_a_deleted_operation_comes_back_whole(db, world):
    with db.begin() as s:
        s.add(RuleSetting(key="min_rest_hours", value=12.0, operation_id=world.op))
        snap = snapshot_operation(s, world.op)
        operations.delete_operation(s, world.op)
        assert s.scalar(select(func.count()).select_from(Post)) == 0
    with db.begin() as s:
        restore_operation(s, snap)
        assert s.get(Operation, world.op).name == "两会"
        assert s.scalar(select(RuleSetting.value).where(RuleSetting.operation_id == world.op)) == 12.0
    assert [line.code for line in board(db, world).lines] == ["Q-01", "Q-02", "Q-02"]


# -- the vehicle board, month hours, stages ---------------------------------------------------------------

def test_the_vehicle_board_says_where_each_vehicle_is_and_its_maintenance(db, world, ref):
    staff(db, crew_plan(world, world.hotel, at(day(1)), at(day(2)), [], [world.sg]))
    with db.begin() as s:
        duties.deploy_vehicle(s, world.other_sg, dt.datetime(2027, 3, 12, 8), dt.datetime(2027, 3, 13, 8),
                              station_id=ref.station["前门"])
        vb = load_vehicle_board(s, [D, day(1), day(2)], detachment_id=None)
    rows = {r.call_sign: i for i, r in enumerate(vb.rows)}
    assert list(rows) == ["前门1号水罐", "前门2号泡沫", "前门3号抢险", "望京1号水罐"]
    sg, pm, jy, wj = (rows[k] for k in rows)
    assert vb.texts[sg] == ["前门", "Q-01", "前门"] and vb.kinds[sg][1] == AT_POST
    assert vb.maintenance[pm] == ["制动检修", "", ""]
    assert vb.kinds[jy][0] == OUT_OF_SERVICE
    assert vb.texts[wj] == ["望京", "望京", "前门"] and vb.kinds[wj][2] == AWAY
    with db.begin() as s:
        assert [r.call_sign for r in load_vehicle_board(s, [D], station_id=ref.station["望京"]).rows] == [
            "望京1号水罐"]


def test_month_hours_count_the_part_of_each_duty_inside_the_month(db, world, ref):
    with db.begin() as s:
        duties.assign_duty(s, world.people["吴"], "值", dt.date(2027, 3, 31))  # 16 h in March, 8 h in April
        march = {h.name: h.hours for h in month_hours(s, D, detachment_id=ref.detachment["DC"])}
        april = {h.name: h.hours for h in month_hours(s, dt.date(2027, 4, 3))}
    assert march["张指挥"] == 24 and march["吴无证"] == 16 and march["赵疲劳"] == 24 and "郑望京" not in march
    assert april["吴无证"] == 8 and april["张指挥"] == 0


def test_stages_live_in_the_remarks_as_lines():
    text = "【阶段】准备阶段 2027-03-01 至 2027-03-04\n请各支队按时报送\n【阶段】会期 2027-03-05~2027-03-11"
    stages, rest = split_stages(text)
    assert stages == [Stage("准备阶段", dt.date(2027, 3, 1), dt.date(2027, 3, 4)),
                      Stage("会期", dt.date(2027, 3, 5), dt.date(2027, 3, 11))]
    assert rest == "请各支队按时报送"
    joined = join_stages(reversed(stages), rest)
    assert joined == ("【阶段】准备阶段 2027-03-01 至 2027-03-04\n【阶段】会期 2027-03-05 至 2027-03-11\n请各支队按时报送")
    assert split_stages(joined) == (stages, rest)
    assert stage_of(stages, dt.date(2027, 3, 6)).name == "会期" and stage_of(stages, D.replace(month=4)) is None


def test_the_demo_operation_is_fully_staffed_but_for_its_planted_empty_window(db):
    from rosterapp.services import demo

    stats = demo.generate(db, scale="small", seed=3, start=dt.date(2027, 3, 1))
    planted = next(p for p in stats.planted if p.rule == "post_uncovered")
    with db.begin() as s:
        b = pb.load_board(s, s.scalar(select(Operation.id)))
    not_full = [(b.lines[r].code, b.days[c]) for r, row in enumerate(b.cells) for c, cell in enumerate(row)
                if cell is not None and cell.status != pb.FULL]
    assert not_full == [(planted.posts[0], planted.day)]
    assert pb.coverage_of(b).empty == 1
