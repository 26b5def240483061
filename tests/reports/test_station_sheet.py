"""The station sheet's content against the database: crews by vehicle and role, leaders, strength, absences."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from sqlalchemy import select

from rosterapp import vocab
from rosterapp.models import Absence, Duty, Operation, Person, ShiftType, Station, Vehicle
from rosterapp.reports.batch import SheetBatch, SheetRequest
from rosterapp.reports.document import Table
from rosterapp.reports.station_sheet import build_station_sheet, station_document

COLUMN_OF_ROLE = {"commander": "commanders", "driver": "drivers", "firefighter": "firefighters",
                  "safety": "firefighters", "signaller": "signallers"}


def operation_days(db) -> tuple[dt.date, dt.date]:
    with db.begin() as s:
        op = s.scalar(select(Operation))
        return op.start_date, op.end_date


def load(db, station_ids, first, last=None):
    with db.begin() as s:
        return SheetBatch(s, SheetRequest("station", tuple(station_ids), first, last or first))


def station_id(db, short: str) -> int:
    with db.begin() as s:
        return s.scalar(select(Station.id).where(Station.short_name == short))


def crews_in_db(db, sid: int, day: dt.date) -> dict[str, list[tuple[str, str]]]:
    """plate -> [(name, role)] of the duties at the station overlapping the duty day, read directly."""
    lo = dt.datetime.combine(day, dt.time(8))
    hi = lo + dt.timedelta(days=1)
    with db.begin() as s:
        rows = s.execute(
            select(Vehicle.plate, Person.name, Duty.role)
            .join(Person, Person.id == Duty.person_id).join(Vehicle, Vehicle.id == Duty.vehicle_id)
            .join(ShiftType, ShiftType.id == Duty.shift_type_id)
            .where(ShiftType.is_duty, Duty.station_id == sid, Duty.start < hi, Duty.end > lo)).all()
    crews = defaultdict(list)
    for plate, name, role in rows:
        crews[plate].append((name, role))
    return crews


@pytest.mark.parametrize("short", ["前门", "白纸坊", "安家楼"])
def test_every_crew_member_is_under_their_vehicle_and_role(demo_db, short):
    db, _ = demo_db
    first, _last = operation_days(db)
    day = first + dt.timedelta(days=2)
    sid = station_id(db, short)
    sheet = build_station_sheet(load(db, [sid], day).data, sid, day)
    lines = {v.plate: v for v in sheet.vehicles}
    expected = crews_in_db(db, sid, day)
    assert expected, "the demo crews every station"
    for plate, crew in expected.items():
        for name, role in crew:
            assert name in getattr(lines[plate], COLUMN_OF_ROLE[role]), (plate, name, role)
    # Every active vehicle of the station is listed, crewed or not.
    with db.begin() as s:
        plates = set(s.scalars(select(Vehicle.plate).where(Vehicle.station_id == sid, Vehicle.active)))
    assert plates <= set(lines)


def test_duty_leader_readiness_and_window(demo_db):
    db, _ = demo_db
    first, _ = operation_days(db)
    sid = station_id(db, "前门")
    data = load(db, [sid], first - dt.timedelta(days=3), first).data
    on_task = build_station_sheet(data, sid, first)
    routine = build_station_sheet(data, sid, first - dt.timedelta(days=3))
    assert on_task.readiness == "三级战备（全国两会消防安保）"
    assert routine.readiness == "经常性战备"
    assert len(on_task.leaders) == 1 and on_task.leaders[0].endswith(("（站长）", "（指导员）", "（副站长）"))
    assert on_task.start == dt.datetime.combine(first, dt.time(8))
    assert on_task.end == on_task.start + dt.timedelta(days=1)


def test_strength_and_absences_match_the_database(demo_db):
    db, _ = demo_db
    with db.begin() as s:
        # The day some station's first absence begins, and that station.
        absence = s.scalars(select(Absence).order_by(Absence.id)).first()
        sid, day = s.get(Person, absence.person_id).station_id, absence.start.date()
        lo = dt.datetime.combine(day, dt.time(8))
        hi = lo + dt.timedelta(days=1)
        away = s.execute(select(Person.id, Person.name, Absence.kind).join(Person).where(
            Person.station_id == sid, Absence.start < hi, Absence.end > lo)).all()
        on_duty = set(s.scalars(
            select(Duty.person_id).join(Person, Person.id == Duty.person_id)
            .join(ShiftType, ShiftType.id == Duty.shift_type_id)
            .where(ShiftType.is_duty, Person.station_id == sid, Duty.start < hi, Duty.end > lo)))
        register = len(s.scalars(select(Person.id).where(Person.station_id == sid, Person.active)).all())
    sheet = build_station_sheet(load(db, [sid], day).data, sid, day)
    assert {(a.name, a.kind) for a in sheet.absences} == {
        (name, vocab.label(vocab.ABSENCE_KIND, kind)) for _, name, kind in away}
    assert all(a.kind in ("事假", "休假", "病假", "培训", "公差", "借调") for a in sheet.absences)
    absent = {pid for pid, _, _ in away}
    strength = sheet.strength
    assert strength.absent == len(absent)
    assert strength.present == len(on_duty - absent)
    assert strength.expected == len(on_duty | absent)
    assert strength.register == register
    assert strength.at_station + strength.at_posts == strength.present


def test_posts_the_station_staffs_with_their_crews(demo_db):
    db, _ = demo_db
    first, _ = operation_days(db)
    day = first + dt.timedelta(days=1)
    sid = station_id(db, "前门")
    sheet = build_station_sheet(load(db, [sid], day).data, sid, day)
    codes = {p.code for p in sheet.posts}
    assert "DC-01" in codes  # 长安街东段, a day-and-night patrol dispatched from 前门
    patrol = [p for p in sheet.posts if p.code == "DC-01"]
    assert [p.window for p in patrol] == ["08:00—20:00", "20:00—次日08:00"]
    assert all(p.commander and p.commander_phone and p.people >= 4 for p in patrol)
    before = build_station_sheet(load(db, [sid], first - dt.timedelta(days=1)).data, sid,
                                 first - dt.timedelta(days=1))
    assert before.posts == ()


def test_document_holds_every_name_and_plate(demo_db):
    db, _ = demo_db
    first, _ = operation_days(db)
    sid = station_id(db, "前门")
    sheet = build_station_sheet(load(db, [sid], first).data, sid, first)
    doc = station_document(sheet, dt.datetime(2027, 3, 4, 16, 30))
    text = "\n".join(cell for block in doc.blocks if isinstance(block, Table) for row in block.rows
                     for cell in row.cells)
    for vehicle in sheet.vehicles:
        assert vehicle.plate in text
        for name in (*vehicle.commanders, *vehicle.drivers, *vehicle.firefighters, *vehicle.signallers):
            assert name in text
    for post in sheet.posts:
        assert post.commander in text and all(name in text for name in post.others)
    assert doc.unit == "单位：北京市消防救援总队东城支队前门消防救援站"
    assert doc.date_line.startswith(f"执勤日：{first.year}年{first.month}月{first.day}日 星期")
    assert not doc.landscape
    captions = [b.caption for b in doc.blocks]
    assert captions[-1] == "五、交接班记录"
    assert doc.blocks[-1].signatures == ("交班带班领导", "接班带班领导", "交接时间")
