"""The roster grid as plain data: order, cell texts, search, rotations and all-or-nothing edits."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from rosterapp.errors import ValidationError
from rosterapp.models import Absence, Duty, Person, Station
from rosterapp.services import absence_cells, demo, roster
from rosterapp.services.calendar import day_info
from rosterapp.services.dutyday import days_between

START = dt.date(2027, 3, 1)
DAYS = days_between(START, dt.date(2027, 3, 31))


@pytest.fixture(scope="module")
def demo_db(backend):
    from rosterapp.db import open_database

    db = open_database(backend.new_url())
    demo.generate(db, scale="small", seed=2, start=START)
    yield db
    db.dispose()


def test_a_station_grid_is_ordered_by_position_then_pinyin(demo_db):
    with demo_db.begin() as s:
        station = s.scalar(select(Station).where(Station.short_name == "前门"))
        grid = roster.load_roster(s, DAYS, station_id=station.id)
        people = s.scalar(select(func.count()).select_from(Person).where(Person.station_id == station.id))
    assert len(grid.rows) == people
    positions = [r.position for r in grid.rows]
    order = ["站长", "指导员", "副站长", "战斗班长", "驾驶员", "战斗员", "通信员", "安全员"]
    assert [order.index(p) for p in positions] == sorted(order.index(p) for p in positions)
    fighters = [r.name for r in grid.rows if r.position == "战斗员"]
    assert fighters == sorted(fighters, key=lambda n: roster.pinyin_key(n)[0])


def test_the_city_grid_groups_people_by_station(demo_db):
    with demo_db.begin() as s:
        grid = roster.load_roster(s, DAYS)
        stations = s.scalar(select(func.count()).select_from(Station))
    runs = [r.station_id for i, r in enumerate(grid.rows) if i == 0 or grid.rows[i - 1].station_id != r.station_id]
    assert len(runs) == len(set(runs)) == stations


def test_cells_show_shift_codes_post_codes_and_absences(demo_db):
    with demo_db.begin() as s:
        grid = roster.load_roster(s, DAYS)
        post_duty = s.execute(select(Duty.person_id, Duty.start).where(Duty.post_id.is_not(None))).first()
        absence = s.execute(select(Absence.person_id, Absence.start, Absence.kind)).first()
    r = grid.row_of[post_duty.person_id]
    assert "-" in grid.cells[r][grid.column_of[post_duty.start.date()]]  # e.g. DC-02
    assert grid.kinds[r][grid.column_of[post_duty.start.date()]] == roster.POST
    r = grid.row_of[absence.person_id]
    c = grid.column_of[absence.start.date()]
    # The absence's code, as typed in the grid (假 for a holiday, 事 for personal leave).
    assert grid.cells[r][c] == absence_cells.CODE_OF[absence.kind] and grid.kinds[r][c] == roster.ABSENCE
    codes = {text for row in grid.cells for text in row}
    assert {"值", "休"} <= codes


def test_search_by_name_staff_number_and_pinyin_initials(demo_db):
    with demo_db.begin() as s:
        grid = roster.load_roster(s, DAYS)
    someone = grid.rows[17]
    assert 17 in grid.find(someone.name)
    assert grid.find(someone.staff_no)[0] == 17
    assert 17 in grid.find(someone.initials)
    assert grid.find("") == []
    assert roster.pinyin_key("张三") == ("zhang san", "zs")


def test_codes_and_their_pinyin_aliases():
    codes = ["值", "白", "夜", "休", "早", "中", "晚"]
    assert roster.resolve_code("值", codes) == "值"
    assert roster.resolve_code(" z ", codes) == "值"
    assert roster.resolve_code("Y", codes) == "夜"
    assert roster.resolve_code("zhong", codes) == "中"
    assert roster.resolve_code("X9", codes) is None


def test_a_staggered_rotation_keeps_one_of_three_on_duty_every_day():
    values = roster.rotation_values([1, 2, 3], START, START + dt.timedelta(days=8), list("值休休"), START,
                                    stagger=True)
    for k in range(9):
        day = START + dt.timedelta(days=k)
        assert sorted(values[p, day] for p in (1, 2, 3)) == ["休", "休", "值"]
    later = roster.rotation_values([1], START, START, list("值休休"), START - dt.timedelta(days=1))
    assert later[1, START] == "休"


def test_set_cells_refuses_an_unknown_code_and_writes_nothing(db):
    with db.begin() as s:
        station = s.scalar(select(Station).where(Station.short_name == "前门"))
        person = Person(staff_no="R1", name="测试", station=station)
        s.add(person)
        s.flush()
        pid = person.id
    with pytest.raises(ValidationError) as info, db.begin() as s:
        roster.edit_cells(s, {(pid, START): "值", (pid, START + dt.timedelta(days=1)): "Q"}, ["值", "休"])
    assert "Q" in str(info.value)
    with db.begin() as s:
        assert s.scalar(select(func.count()).select_from(Duty)) == 0
        change = roster.edit_cells(s, {(pid, START): "值"}, ["值", "休"]).change
    assert change.people == {pid}


def test_cells_another_clerk_changed_since_they_were_seen_are_not_written_over(db):
    """What the clerk saw travels with the edit: a cell that shows something else now is refused, naming
    who wrote it, and nothing of the edit is written; the same edit without it writes over."""
    with db.begin() as s:
        station = s.scalar(select(Station).where(Station.short_name == "前门"))
        person = Person(staff_no="R2", name="李四", station=station)
        s.add(person)
        s.flush()
        pid = person.id
    first, second = (pid, START), (pid, START + dt.timedelta(days=1))
    with db.begin() as s:
        roster.edit_cells(s, {first: "值"}, ["值", "休"], expect={first: ""})
        writer = s.scalar(select(Duty.changed_by))
    with pytest.raises(roster.CellsChanged) as refused, db.begin() as s:
        roster.edit_cells(s, {first: "休", second: "值"}, ["值", "休"], expect={first: "", second: ""})
    assert refused.value.cells == (first,)
    assert "李四 3月1日" in refused.value.message and writer in refused.value.message
    assert refused.value.change.people == {pid} and refused.value.change.days == {START}
    with db.begin() as s:
        assert roster.cell_texts(s, [first, second]) == {first: "值", second: ""}
        roster.edit_cells(s, {first: "休", second: "值"}, ["值", "休"], expect={first: "值", second: ""})
        assert roster.cell_texts(s, [first, second]) == {first: "休", second: "值"}


def test_holidays_and_adjusted_working_days():
    assert day_info(dt.date(2026, 10, 1)).holiday == "国庆节"
    assert day_info(dt.date(2026, 10, 1), "en").holiday == "National Day"
    assert day_info(dt.date(2026, 11, 29)).off and not day_info(dt.date(2026, 11, 30)).off
    spring = day_info(dt.date(2027, 2, 6))  # after the years chinese-calendar knows
    assert spring.holiday and spring.provisional
