"""Loading the plan from the database: thresholds by scope, station minimums, shifts that are no duty."""

from __future__ import annotations

import datetime as dt

import pytest

from rosterapp.models import RuleSetting, Station
from rosterapp.services import duties, operations, registers
from rosterapp.services.operations import OperationData
from rosterapp.services.registers import PersonData
from rosterapp.services.rules import Checker, load_check_data
from rosterapp.services.rules.data import to_min

DAY = dt.date(2027, 3, 5)


@pytest.fixture
def zhang(db, ref) -> int:
    with db.begin() as s:
        return registers.create_person(s, PersonData(staff_no="DC1", name="张伟", station_id=ref.station["前门"]))


def check(db, rule=None):
    with db.begin() as s:
        data = load_check_data(s)
    return data, [p for p in Checker(data).check_all() if rule is None or p.rule == rule]


def test_defaults_and_readiness_levels_are_seeded(db):
    data, _ = check(db)
    assert data.thresholds.base == {"min_rest_hours": 8.0, "rest_after_24h_hours": 24.0,
                                    "max_consecutive_days": 6.0, "max_hours_7d": 96.0,
                                    "max_stretch_hours": 24.0}
    assert data.thresholds.by_readiness["level1"]["min_rest_hours"] == 12.0


def test_rest_thresholds_by_scope(db, zhang):
    """早 (08-16) then 晚 (00-08 the next day): 8 h of rest; fine by default."""
    with db.begin() as s:
        duties.assign_duty(s, zhang, "早", DAY)
        duties.assign_duty(s, zhang, "晚", DAY + dt.timedelta(days=1))
    assert check(db, "rest_too_short")[1] == []

    with db.begin() as s:  # a global setting
        s.add(RuleSetting(key="min_rest_hours", value=9.0))
    assert [p.args[2:] for p in check(db, "rest_too_short")[1]] == [("8", "9")]

    with db.begin() as s:  # an operation at 一级战备 over those days tightens it further
        oid = operations.create_operation(s, OperationData(name="两会", start_date=DAY, end_date=DAY,
                                                           readiness="level1"))
    data, found = check(db, "rest_too_short")
    assert data.operations[oid][1:] == (to_min(dt.datetime(2027, 3, 5, 8)), to_min(dt.datetime(2027, 3, 6, 8)))
    assert [p.args[2:] for p in found] == [("8", "12")]

    with db.begin() as s:  # and the operation's own setting wins
        s.add(RuleSetting(key="min_rest_hours", value=6.0, operation_id=oid))
    assert check(db, "rest_too_short")[1] == []


def test_off_rows_are_not_duties(db, zhang):
    with db.begin() as s:
        duties.assign_duty(s, zhang, "值", DAY)
        duties.assign_duty(s, zhang, "休", DAY + dt.timedelta(days=1))
    data, found = check(db)
    # The 值 day is planned (and has nobody assigned to lead it); the 休 day is not.
    assert len(data.duties) == 1
    assert [(p.rule, p.start) for p in found] == [("no_duty_leader", dt.datetime(2027, 3, 5, 8)),
                                                  ("no_duty_officer", dt.datetime(2027, 3, 5, 8))]


def test_station_minimums_by_grade_and_per_station(db, ref):
    with db.begin() as s:
        s.get(Station, ref.station["龙潭湖"]).min_people = 7
    data, _ = check(db)
    minimum = {data.stations[ref.station[name]].name: (data.stations[ref.station[name]].min_people,
                                                       data.stations[ref.station[name]].min_vehicles)
               for name in ("前门", "白纸坊", "动物园", "龙潭湖")}
    assert minimum == {"前门消防救援站": (5, 1), "白纸坊特勤站": (8, 2), "动物园小型站": (3, 1),
                       "龙潭湖消防救援站": (7, 1)}
