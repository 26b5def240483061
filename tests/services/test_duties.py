"""Assigning shifts, the clerk's grid edits and their undo, and vehicle deployments."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from rosterapp import i18n
from rosterapp.errors import NotFound, ValidationError
from rosterapp.models import Duty
from rosterapp.services import duties, operations, registers
from rosterapp.services.changes import Change
from rosterapp.services.operations import OperationData, PostData
from rosterapp.services.registers import PersonData, VehicleData

DAY = dt.date(2027, 3, 5)
NEXT = dt.date(2027, 3, 6)


@pytest.fixture
def world(db, ref):
    """A firefighter of 前门, a 水罐 of 前门 and a hotel post of the 两会."""
    with db.begin() as s:
        qianmen = ref.station["前门"]
        man = registers.create_person(s, PersonData(staff_no="DC1", name="赵强", station_id=qianmen))
        truck = registers.create_vehicle(s, VehicleData(plate="京X·0001应急", call_sign="前门1号水罐",
                                                        type_id=ref.vehicle_type["SG"], station_id=qianmen))
        oid = operations.create_operation(s, OperationData(name="两会", start_date=DAY, end_date=NEXT))
        post = operations.create_post(s, PostData(
            operation_id=oid, code="Q-01", name="北京饭店", post_type="hotel", duty_mode="stationed",
            detachment_id=ref.detachment["DC"], active_from=dt.datetime(2027, 3, 5, 8),
            active_to=dt.datetime(2027, 3, 7, 8)))
    return man, truck, post


def rows(db, person_id: int) -> list[tuple]:
    """Every roster row of a person, as the database holds it."""
    with db.begin() as s:
        return [tuple(r) for r in s.execute(
            select(Duty.id, Duty.shift_type_id, Duty.start, Duty.end, Duty.station_id, Duty.post_id,
                   Duty.vehicle_id, Duty.role)
            .where(Duty.person_id == person_id).order_by(Duty.start, Duty.id))]


def test_a_24h_duty_runs_from_0800_to_0800_next_day_at_the_persons_station(db, ref, world):
    man, truck, _ = world
    with db.begin() as s:
        duty_id, change = duties.assign_duty(s, man, "值", DAY, vehicle_id=truck, role="driver")
    assert rows(db, man) == [(duty_id, ref.shift["值"], dt.datetime(2027, 3, 5, 8),
                              dt.datetime(2027, 3, 6, 8), ref.station["前门"], None, truck, "driver")]
    assert change == Change(people=frozenset([man]), vehicles=frozenset([truck]), days=frozenset([DAY, NEXT]))


def test_a_night_shift_runs_from_2000_to_0800(db, ref, world):
    man, _, _ = world
    with db.begin() as s:
        duties.assign_duty(s, man, "夜", DAY)
        _, change = duties.assign_duty(s, man, "白", NEXT)
    [night, day] = rows(db, man)
    assert night[2:4] == (dt.datetime(2027, 3, 5, 20), dt.datetime(2027, 3, 6, 8))
    assert day[2:4] == (dt.datetime(2027, 3, 6, 8), dt.datetime(2027, 3, 6, 20))
    assert change.days == frozenset([NEXT])


def test_a_post_duty_has_no_station(db, ref, world):
    man, _, post = world
    with db.begin() as s:
        _, change = duties.assign_duty(s, man, "白", DAY, post_id=post)
    assert rows(db, man)[0][4:6] == (None, post)
    assert change.posts == frozenset([post])


def test_unknown_codes_and_two_places_are_refused(db, ref, world):
    man, _, post = world
    with pytest.raises(ValidationError) as info, db.begin() as s:
        duties.assign_duty(s, man, "X", DAY, station_id=ref.station["前门"], post_id=post, role="cook")
    assert [e.reason for e in info.value.errors] == [
        "未知班次代码：X", "一条排班只能在消防救援站或点位中的一处。", "未知车组分工：cook"]
    i18n.set_language("en")
    with pytest.raises(ValidationError) as info, db.begin() as s:
        duties.assign_duty(s, man, "X", DAY)
    assert str(info.value) == "shift_code: Unknown shift code: X"
    with pytest.raises(NotFound) as info, db.begin() as s:
        duties.assign_duty(s, 999, "值", DAY)
    assert info.value.message == "Unknown person: 999"
    assert rows(db, man) == []


def test_remove_duty_and_restore_it_under_the_same_id(db, world):
    man, truck, _ = world
    with db.begin() as s:
        duty_id, _ = duties.assign_duty(s, man, "值", DAY, vehicle_id=truck)
    before = rows(db, man)
    with db.begin() as s:
        record = duties.get_duty(s, duty_id)
        change = duties.remove_duty(s, duty_id)
    assert rows(db, man) == []
    assert change.vehicles == frozenset([truck])
    with db.begin() as s:
        assert duties.restore_duty(s, record) == change
    assert rows(db, man) == before


# The grid.

def test_set_roster_cell_replaces_station_entries(db, ref, world):
    man, _, _ = world
    with db.begin() as s:
        duties.assign_duty(s, man, "白", DAY)
        duties.assign_duty(s, man, "夜", DAY)
    with db.begin() as s:
        change = duties.set_roster_cell(s, man, DAY, "值")
    assert [(r[1], r[2], r[3]) for r in rows(db, man)] == [
        (ref.shift["值"], dt.datetime(2027, 3, 5, 8), dt.datetime(2027, 3, 6, 8))]
    assert change == Change(people=frozenset([man]), days=frozenset([DAY, NEXT]))


def test_a_post_day_belongs_to_the_post_board_station_codes_skip_it_clearing_keeps_the_post(db, ref, world):
    man, _, post = world
    with db.begin() as s:
        duties.assign_duty(s, man, "白", DAY)  # a double booking typed before the rule
        post_duty, _ = duties.assign_duty(s, man, "值", DAY, post_id=post)
    before = rows(db, man)
    with db.begin() as s:
        result = duties.set_roster_cells(s, {(man, DAY): "值", (man, NEXT): "休"})
    assert result.skipped == ((man, DAY, "Q-01"),)
    assert [r for r in rows(db, man) if r[2].date() == DAY] == [r for r in before if r[2].date() == DAY]
    assert result.change.days == {NEXT} and result.change.people == {man}
    with db.begin() as s:
        duties.set_roster_cell(s, man, DAY, None)  # clearing the cell takes the station entry, not the post
    assert [r[0] for r in rows(db, man) if r[2].date() == DAY] == [post_duty]


def test_typing_over_a_cell_keeps_the_crew_assignment_until_it_is_an_off_day(db, ref, world):
    man, truck, _ = world
    with db.begin() as s:
        duty_id, _ = duties.assign_duty(s, man, "值", DAY, vehicle_id=truck, role="driver")
    with db.begin() as s:
        change = duties.set_roster_cell(s, man, DAY, "白")
    assert rows(db, man) == [(duty_id, ref.shift["白"], dt.datetime(2027, 3, 5, 8),
                              dt.datetime(2027, 3, 5, 20), ref.station["前门"], None, truck, "driver")]
    assert change.vehicles == frozenset([truck])
    with db.begin() as s:
        duties.set_roster_cell(s, man, DAY, "休")
    assert rows(db, man)[0][1:] == (ref.shift["休"], dt.datetime(2027, 3, 5), dt.datetime(2027, 3, 6),
                                    ref.station["前门"], None, None, None)


def test_an_empty_cell_gets_an_entry_at_the_persons_station(db, ref, world):
    man, _, _ = world
    with db.begin() as s:
        change = duties.set_roster_cell(s, man, DAY, "晚")
    assert rows(db, man)[0][1:5] == (ref.shift["晚"], dt.datetime(2027, 3, 5), dt.datetime(2027, 3, 5, 8),
                                     ref.station["前门"])
    assert change.days == frozenset([DAY])
    with pytest.raises(ValidationError), db.begin() as s:
        duties.set_roster_cell(s, man, DAY, "Z")
    assert len(rows(db, man)) == 1


def test_restore_cells_gives_back_exactly_the_previous_rows(db, ref, world):
    man, truck, post = world
    other = dt.date(2027, 3, 7)
    with db.begin() as s:
        duties.assign_duty(s, man, "值", DAY, vehicle_id=truck, role="commander")
        duties.assign_duty(s, man, "白", NEXT)
        duties.assign_duty(s, man, "夜", NEXT, station_id=ref.station["金宝街"])
        duties.assign_duty(s, man, "白", other, post_id=post)
    before = rows(db, man)
    cells = [(man, DAY), (man, NEXT), (man, other), (man, DAY)]
    with db.begin() as s:
        snapshot = duties.snapshot_cells(s, cells)
        # A pasted block: each cell rewritten, some cleared.
        duties.set_roster_cell(s, man, DAY, "休")
        duties.set_roster_cell(s, man, NEXT, None)
        duties.set_roster_cell(s, man, other, "值")
    assert rows(db, man) != before
    with db.begin() as s:
        change = duties.restore_cells(s, snapshot)
    assert rows(db, man) == before
    assert change.people == frozenset([man])
    assert change.vehicles == frozenset([truck])
    assert change.days >= {DAY, NEXT, other}
    assert len(snapshot.cells) == 3


def test_snapshot_and_restore_within_one_unit_of_work(db, world):
    man, _, _ = world
    with db.begin() as s:
        duties.assign_duty(s, man, "值", DAY)
    before = rows(db, man)
    with db.begin() as s:
        snapshot = duties.snapshot_cells(s, [(man, DAY)])
        duties.set_roster_cell(s, man, DAY, None)
        duties.restore_cells(s, snapshot)
    assert rows(db, man) == before


# Vehicles.

def test_deploying_a_vehicle_to_a_post_and_taking_it_back(db, world):
    _, truck, post = world
    with db.begin() as s:
        dep, change = duties.deploy_vehicle(s, truck, DAY, DAY, post_id=post)
    # A day given as a date is a duty day: from its 08:00 handover to the next.
    assert change == Change(vehicles=frozenset([truck]), posts=frozenset([post]),
                            days=frozenset([DAY, DAY + dt.timedelta(days=1)]))
    with db.begin() as s:
        assert duties.remove_deployment(s, dep) == change
    with pytest.raises(NotFound) as info, db.begin() as s:
        duties.remove_deployment(s, dep)
    assert info.value.message == f"未知车辆调派记录：{dep}"


def test_a_deployment_needs_one_place_and_a_positive_length(db, ref, world):
    _, truck, post = world
    with pytest.raises(ValidationError) as info, db.begin() as s:
        duties.deploy_vehicle(s, truck, dt.datetime(2027, 3, 5, 8), dt.datetime(2027, 3, 5, 8))
    assert [e.reason for e in info.value.errors] == [
        "车辆调派只能在消防救援站或点位中的一处。", "结束时间必须晚于开始时间。"]
    with pytest.raises(ValidationError), db.begin() as s:
        duties.deploy_vehicle(s, truck, DAY, DAY, post_id=post, station_id=ref.station["金宝街"])


def test_changes_merge():
    a = Change(people=frozenset([1]), days=frozenset([DAY]))
    b = Change(vehicles=frozenset([2]), posts=frozenset([3]), days=frozenset([NEXT]))
    both = Change(people=frozenset([1]), vehicles=frozenset([2]), posts=frozenset([3]), days=frozenset([DAY, NEXT]))
    assert a.union(b) == a | b == both
    assert a.union() == a


def test_many_cells_at_once_equal_one_by_one(db, world):
    """A paste or a rotation writes many cells in one go; the rows must be what cell-by-cell gives."""
    man, _, _ = world
    codes = ["值", "休", None, "白", "夜", "休", "值"]
    days = [DAY + dt.timedelta(days=k) for k in range(7)]
    with db.begin() as s:
        duties.assign_duty(s, man, "值", days[2])
        change = duties.set_roster_cells(s, dict(zip(((man, d) for d in days), codes, strict=True))).change
    bulk = [(r[1], r[2], r[3]) for r in rows(db, man)]
    assert change.people == {man} and set(days) <= change.days
    with db.begin() as s:
        for day in days:
            duties.set_roster_cell(s, man, day, None)
        duties.assign_duty(s, man, "值", days[2])
        for day, code in zip(days, codes, strict=True):
            duties.set_roster_cell(s, man, day, code)
    assert [(r[1], r[2], r[3]) for r in rows(db, man)] == bulk
    with pytest.raises(ValidationError), db.begin() as s:
        duties.set_roster_cells(s, {(man, days[0]): "白", (man, days[1]): "Q"})
    assert [(r[1], r[2], r[3]) for r in rows(db, man)] == bulk
