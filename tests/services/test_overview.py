"""Tests of the overview counts on a real, freshly seeded SQLite database (the `db` fixture)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlalchemy import event, select

from rosterapp.models import (
    Duty,
    Operation,
    Person,
    Post,
    ShiftType,
    Station,
    Vehicle,
    VehicleDeployment,
    VehicleType,
)
from rosterapp.services import dutyday, overview

DAY = dt.date(2027, 3, 5)


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0)) + dt.timedelta(hours=hour)


class World:
    """Builds people, vehicles, posts and duties with few words inside one session."""

    def __init__(self, session):
        self.s = session
        self.stations = {st.short_name: st for st in session.scalars(select(Station))}
        self.shifts = {sh.code: sh for sh in session.scalars(select(ShiftType))}
        self.sg = session.scalar(select(VehicleType).where(VehicleType.code == "SG"))
        self._n = 0

    def person(self, station: str, active: bool = True) -> Person:
        self._n += 1
        p = Person(staff_no=f"S{self._n:04d}", name=f"人员{self._n}", station=self.stations[station],
                   active=active)
        self.s.add(p)
        return p

    def vehicle(self, station: str, active: bool = True) -> Vehicle:
        self._n += 1
        v = Vehicle(plate=f"京X·{self._n:04d}应急", type=self.sg, station=self.stations[station], seats=6,
                    active=active)
        self.s.add(v)
        return v

    def operation(self, name: str, start: dt.date, days: int = 10) -> Operation:
        op = Operation(name=name, start_date=start, end_date=start + dt.timedelta(days=days - 1))
        self.s.add(op)
        return op

    def post(self, op: Operation, code: str, station: str) -> Post:
        st = self.stations[station]
        post = Post(operation=op, code=code, name=f"{code} 北京饭店", post_type="hotel", duty_mode="stationed",
                    detachment_id=st.detachment_id, station=st,
                    active_from=at(op.start_date, 8), active_to=at(op.end_date, 32))
        self.s.add(post)
        return post

    def duty(self, person: Person, code: str, start: dt.datetime, *, station: str | None = None,
             post: Post | None = None, vehicle: Vehicle | None = None) -> Duty:
        shift = self.shifts[code]
        duty = Duty(person=person, shift_type=shift, start=start,
                    end=start + dt.timedelta(minutes=shift.duration_minutes),
                    station=self.stations[station] if station else None, post=post, vehicle=vehicle)
        self.s.add(duty)
        return duty


def by_station(rows: list[overview.StationCount]) -> dict[str, overview.StationCount]:
    return {r.station_short_name: r for r in rows}


def test_fresh_database_lists_the_seeded_stations_in_order_with_zero_counts(db):
    with db.begin() as s:
        rows = overview.station_overview(s, DAY)
        detachments = overview.list_detachments(s)
    assert [d.code for d in detachments] == ["DC", "XC", "CY", "HD", "FT", "SJS"]
    assert len(rows) == 18 + 6  # and the six staff offices, last in their detachments
    assert Counter(r.detachment_code for r in rows) == {"DC": 4, "XC": 5, "CY": 5, "HD": 4, "FT": 4, "SJS": 2}
    assert [r.station_name for r in rows[:3]] == ["前门消防救援站", "金宝街消防救援站", "龙潭湖消防救援站"]
    # Rows come grouped by detachment in the seeded order.
    codes = [r.detachment_code for r in rows]
    assert codes == sorted(codes, key=["DC", "XC", "CY", "HD", "FT", "SJS"].index)
    assert by_station(rows)["白纸坊"].grade == "special"
    assert by_station(rows)["动物园"].grade == "small"
    assert all(r.people == r.vehicles == r.on_duty == r.at_posts == r.vehicles_at_posts == 0 for r in rows)


def test_people_and_vehicles_count_only_active_ones(db):
    with db.begin() as s:
        w = World(s)
        for _ in range(3):
            w.person("前门")
        w.person("前门", active=False)
        w.person("望京")
        w.vehicle("前门")
        w.vehicle("前门")
        w.vehicle("前门", active=False)
    with db.begin() as s:
        rows = by_station(overview.station_overview(s, DAY))
    assert (rows["前门"].people, rows["前门"].vehicles) == (3, 2)
    assert (rows["望京"].people, rows["望京"].vehicles) == (1, 0)
    assert rows["金宝街"].people == 0


def test_on_duty_counts_people_whose_duty_overlaps_the_duty_day(db):
    with db.begin() as s:
        w = World(s)
        op = w.operation("全国两会消防安保", dt.date(2027, 3, 1))
        post = w.post(op, "Q-01", "前门")
        twice = w.person("前门")
        w.duty(twice, "白", at(DAY, 8), station="前门")
        w.duty(twice, "夜", at(DAY, 20), station="前门")          # same person: counted once
        w.duty(w.person("前门"), "值", at(DAY, 8), station="前门")
        w.duty(w.person("前门"), "休", at(DAY, 0), station="前门")   # off is not a duty
        w.duty(w.person("前门"), "值", at(DAY, -16), station="前门")  # ended at 08:00 today: yesterday's
        w.duty(w.person("前门"), "晚", at(DAY, 24), station="前门")   # 00:00-08:00 tomorrow: tonight's
        w.duty(w.person("前门"), "值", at(DAY, 8 - 24 * 30), station="前门")  # a month ago
        w.duty(w.person("前门"), "值", at(DAY, 8), post=post)
        w.duty(w.person("前门"), "值", at(DAY, 8), post=post)
        # A 前门 person lent to 金宝街 counts for 前门, the station they belong to.
        w.duty(w.person("前门"), "值", at(DAY, 8), station="金宝街")
        w.duty(w.person("望京"), "值", at(DAY, 8), station="望京")
    with db.begin() as s:
        rows = by_station(overview.station_overview(s, DAY))
    assert (rows["前门"].on_duty, rows["前门"].at_posts) == (6, 2)
    assert (rows["望京"].on_duty, rows["望京"].at_posts) == (1, 0)
    assert rows["金宝街"].on_duty == 0


def test_vehicles_at_posts_count_deployments_and_post_crews_once(db):
    with db.begin() as s:
        w = World(s)
        op = w.operation("全国两会消防安保", dt.date(2027, 3, 1))
        post = w.post(op, "Q-01", "前门")
        deployed, crewed, both, elsewhere, finished = (w.vehicle("前门") for _ in range(5))
        s.add(VehicleDeployment(vehicle=deployed, post=post, start=at(dt.date(2027, 3, 1), 8),
                                end=at(dt.date(2027, 3, 10), 8)))
        s.add(VehicleDeployment(vehicle=both, post=post, start=at(DAY, 8), end=at(DAY, 32)))
        s.add(VehicleDeployment(vehicle=elsewhere, station=w.stations["金宝街"], start=at(DAY, 8),
                                end=at(DAY, 32)))
        s.add(VehicleDeployment(vehicle=finished, post=post, start=at(DAY, -40), end=at(DAY, 8)))
        w.duty(w.person("前门"), "值", at(DAY, 8), post=post, vehicle=crewed)
        w.duty(w.person("前门"), "值", at(DAY, 8), post=post, vehicle=both)
    with db.begin() as s:
        rows = by_station(overview.station_overview(s, DAY))
    assert rows["前门"].vehicles_at_posts == 3
    assert rows["金宝街"].vehicles_at_posts == 0


def test_station_overview_runs_a_fixed_number_of_queries(db):
    with db.begin() as s:
        w = World(s)
        for name in ("前门", "望京", "北辛安", "白纸坊"):
            for _ in range(5):
                w.duty(w.person(name), "值", at(DAY, 8), station=name)
                w.vehicle(name)
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        with db.begin() as s:
            rows = overview.station_overview(s, DAY)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert sum(r.on_duty for r in rows) == 20
    assert len(statements) <= 5


def test_operations_overview_counts_posts_latest_first(db):
    with db.begin() as s:
        w = World(s)
        old = w.operation("党代会消防安保", dt.date(2026, 10, 10))
        new = w.operation("全国两会消防安保", dt.date(2027, 3, 1))
        w.operation("空任务", dt.date(2025, 1, 1))
        w.post(new, "Q-01", "前门")
        w.post(new, "Q-02", "望京")
        w.post(old, "D-01", "北辛安")
    with db.begin() as s:
        ops = overview.operations_overview(s)
    assert [(o.name, o.posts) for o in ops] == [("全国两会消防安保", 2), ("党代会消防安保", 1), ("空任务", 0)]
    assert ops[0].end_date == dt.date(2027, 3, 10)


@pytest.mark.parametrize(("now", "day"), [
    (dt.datetime(2027, 3, 5, 3, 0), dt.date(2027, 3, 4)),
    (dt.datetime(2027, 3, 5, 7, 59), dt.date(2027, 3, 4)),
    (dt.datetime(2027, 3, 5, 8, 0), dt.date(2027, 3, 5)),
    (dt.datetime(2027, 3, 5, 23, 0), dt.date(2027, 3, 5)),
])
def test_the_duty_day_turns_at_handover(now, day):
    assert dutyday.duty_day_of(now) == day
    start, end = dutyday.duty_window(day)
    assert start <= now < end
