"""The change log of a shared server: two clerks on one PostgreSQL database, each reading the other's
edits back as the Change the services returned (skipped without ROSTERAPP_TEST_DB_URL)."""

from __future__ import annotations

import datetime as dt
import os
import threading
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, make_url, select, text
from sqlalchemy.exc import ProgrammingError

from rosterapp.db import Database, open_database
from rosterapp.models import Base, ChangeLog, Duty, Operation, Person, Post, ShiftType, Station
from rosterapp.models.ownership import OWNER
from rosterapp.services import changelog, duties, dutybook, handovers, roster, swaps
from rosterapp.services.changes import PEOPLE, Change
from rosterapp.services.registers import PersonData, save_person

SERVER = os.environ.get("ROSTERAPP_TEST_DB_URL")
DAY = dt.date(2026, 3, 2)
CODES = ("值", "白", "夜", "休")






def _people(db: Database, count: int = 3) -> tuple[int, list[int]]:
    with db.begin() as s:
        station = s.scalar(select(Station).where(Station.short_name == "前门"))
        people = [Person(staff_no=f"L{i:03d}", name=f"测试{i}", station_id=station.id) for i in range(count)]
        s.add_all(people)
        s.flush()
        return station.id, [p.id for p in people]


def _since(db: Database, seq: int, origin: str | None = None) -> changelog.Missed:
    with db.read() as s:
        return changelog.since(s, seq, exclude_origin=origin)


def _latest(db: Database) -> int:
    with db.read() as s:
        return changelog.latest_seq(s)


def test_another_clerks_cell_edit_reads_back_as_the_change_the_service_returned(clerks):
    a, b = clerks(), clerks()
    _station, people = _people(a)
    seq = _latest(b)
    with a.begin() as s:
        edit = roster.edit_cells(s, {(people[0], DAY): "值", (people[1], DAY): "休",
                                     (people[1], DAY + dt.timedelta(days=1)): "值"}, CODES)
    missed = _since(b, seq, b.origin)
    assert missed.change == edit.change
    assert missed.change.people == {people[0], people[1]}
    assert missed.logins == [make_url(a.url).username]
    assert missed.last_seq > seq
    # Changing a cell and clearing another: the old rows count as much as the new.
    seq = missed.last_seq
    with a.begin() as s:
        edit = roster.edit_cells(s, {(people[0], DAY): "夜", (people[1], DAY): None}, CODES)
    assert _since(b, seq, b.origin).change == edit.change


def test_a_windows_own_writes_are_left_out_but_counted(clerks):
    a, b = clerks(), clerks()
    _station, people = _people(a)
    seq = _latest(a)
    with a.begin() as s:
        roster.edit_cells(s, {(people[0], DAY): "值"}, CODES)
    own = _since(a, seq, a.origin)
    assert own.change == Change() and own.logins == []
    assert own.last_seq == _latest(b) > seq
    assert _since(b, own.last_seq, b.origin).change == Change()  # nothing after it


def test_register_duty_book_and_handover_edits_read_back_as_their_service_says(clerks):
    a, b = clerks(), clerks()
    station, people = _people(a)
    with a.begin() as s:
        leader = s.get(Person, people[0])
        leader.position_id = None
    seq = _latest(b)
    with a.begin() as s:
        person_id = save_person(s, people[2], PersonData(staff_no="L002", name="改名", station_id=station))
    assert _since(b, seq, b.origin).change == Change.of_register(PEOPLE, [person_id])

    seq = _latest(b)
    with a.begin() as s:
        change = dutybook.set_assignments(s, [(station, DAY, "officer", people[1]),
                                              (station, DAY + dt.timedelta(days=1), "dispatch", people[2])])
    assert change and _since(b, seq, b.origin).change == change

    seq = _latest(b)
    with a.begin() as s:
        change = handovers.save_handover(s, station, DAY, handovers.HandoverData(notes="水带两盘送修"))
    assert _since(b, seq, b.origin).change == change


def test_a_swap_reads_back_with_its_station_and_days(clerks):
    a, b = clerks(), clerks()
    station, people = _people(a, 2)
    zhao, qian = people
    days = [DAY + dt.timedelta(days=i) for i in range(4)]
    with a.begin() as s:
        for i, day in enumerate(days):
            duties.set_roster_cells(s, {(zhao, day): "值" if i % 2 == 0 else "休",
                                        (qian, day): "休" if i % 2 == 0 else "值"})
    seq = _latest(b)
    with a.begin() as s:
        edit = swaps.swap(s, station, zhao, days[0], qian, days[1], "家中有事", approver_text="站长")
    change = _since(b, seq, b.origin).change
    assert change == edit.change
    assert change.stations == {station} and {days[0], days[1]} <= change.days and "swaps" in change.registers


def test_a_post_edit_names_the_post_and_the_duties_standing_on_it(clerks):
    a, b = clerks(), clerks()
    station, people = _people(a)
    with a.begin() as s:
        st = s.get(Station, station)
        op = Operation(name="两会安保", start_date=DAY, end_date=DAY + dt.timedelta(days=3))
        post = Post(operation=op, code="Q-01", name="北京饭店", post_type="hotel", duty_mode="stationed",
                    detachment_id=st.detachment_id, station_id=station,
                    active_from=dt.datetime.combine(DAY, dt.time(8)),
                    active_to=dt.datetime.combine(DAY + dt.timedelta(days=3), dt.time(8)))
        s.add(post)
        s.flush()
        shift = s.scalar(select(ShiftType).where(ShiftType.code == "值"))
        start = dt.datetime.combine(DAY, dt.time(8))
        s.add(Duty(person_id=people[0], shift_type_id=shift.id, post_id=post.id, start=start,
                   end=start + dt.timedelta(days=1)))
        post_id = post.id
    seq = _latest(b)
    with a.begin() as s:
        s.get(Post, post_id).name = "北京饭店（主楼）"
    change = _since(b, seq, b.origin).change
    assert change.posts == {post_id} and change.people == {people[0]}
    assert change.days == {DAY, DAY + dt.timedelta(days=1)} and change.registers == {"operations"}


def test_numbers_follow_the_order_of_the_commits(clerks):
    """A transaction that wrote first but commits last still comes after: nobody reading in between
    can step over it."""
    a, b = clerks(), clerks()
    _station, people = _people(a)
    seq = _latest(b)
    wrote, go = threading.Event(), threading.Event()

    def slow() -> None:
        with a.begin() as s:
            roster.edit_cells(s, {(people[0], DAY): "值"}, CODES)
            wrote.set()
            go.wait(10)

    writer = threading.Thread(target=slow)
    writer.start()
    assert wrote.wait(10)
    with b.begin() as s:
        roster.edit_cells(s, {(people[1], DAY): "值"}, CODES)
    seen = _since(b, seq)
    assert seen.change.people == {people[1]}
    go.set()
    writer.join(10)
    later = _since(b, seen.last_seq)
    assert later.change.people == {people[0]} and later.last_seq > seen.last_seq


def test_the_log_tells_who_and_from_which_window(clerks):
    a = clerks()
    _station, people = _people(a)
    with a.begin() as s:
        roster.edit_cells(s, {(people[0], DAY): "值"}, CODES)
    with a.read() as s:
        row = s.execute(select(ChangeLog).where(ChangeLog.tbl == "duty")).scalar_one()
        user = s.scalar(text("SELECT session_user"))
        assert (row.login, row.origin, row.op) == (user, a.origin, "INSERT")
        assert row.new_rows["person_id"] == [people[0]] and row.old_rows is None


@pytest.mark.sqlite_only
def test_on_sqlite_nothing_writes_the_log(db):
    with db.begin() as s:
        station = s.scalar(select(Station.id))
        person = Person(staff_no="S1", name="单机", station_id=station)
        s.add(person)
        s.flush()
        roster.edit_cells(s, {(person.id, DAY): "值"}, CODES)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(ChangeLog)) == 0
        assert changelog.latest_seq(s) == 0
        assert changelog.since(s, 0).change == Change()


def test_the_server_logs_every_table_a_clerk_edits_from_a_definer_function(clerks):
    """Each table with an owner (services/ownership.py), and the tables headquarters plans with, has its
    three statement triggers; each function runs as its owner with a fixed search_path (clerks get no
    INSERT on the log)."""
    a = clerks()
    with a.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
        triggers = conn.execute(text(
            "SELECT event_object_table, event_manipulation, action_orientation FROM information_schema.triggers "
            "WHERE trigger_name LIKE '%\\_log\\_%'")).all()
        functions = conn.execute(text(
            "SELECT proname, prosecdef, array_to_string(proconfig, ',') FROM pg_proc "
            "WHERE proname LIKE 'rosterapp\\_log\\_%'")).all()
    logged = {(t, e) for t, e, orientation in triggers if orientation == "STATEMENT"}
    for table in {*OWNER, "operation", "rule_setting", "detachment"}:
        assert {(table, e) for e in ("INSERT", "UPDATE", "DELETE")} <= logged, table
    assert functions and all(definer and config.startswith("search_path=pg_catalog") for _, definer, config in functions)


def test_an_update_logs_both_sides_and_a_statement_that_matched_nothing_logs_nothing(clerks):
    a = clerks()
    _station, people = _people(a, 1)
    with a.begin() as s:
        roster.edit_cells(s, {(people[0], DAY): "值"}, CODES)
    seq = _latest(a)
    with a.begin() as s:
        s.execute(text("UPDATE duty SET role = NULL WHERE id < 0"))
    assert _latest(a) == seq
    with a.begin() as s:
        s.execute(text("UPDATE duty SET start = start + interval '1 day', \"end\" = \"end\" + interval '1 day'"))
    with a.read() as s:
        row = s.execute(select(ChangeLog.op, ChangeLog.old_rows, ChangeLog.new_rows)
                        .where(ChangeLog.seq > seq)).one()
    assert row.op == "UPDATE"
    assert row.old_rows["start"] == ["2026-03-02T08:00:00"] and row.new_rows["start"] == ["2026-03-03T08:00:00"]
    # The Change names the days the duty left and the days it came to.
    assert _since(a, seq).change.days == {DAY + dt.timedelta(days=i) for i in range(3)}


def test_a_login_with_no_right_on_the_log_still_writes_it(clerks, server_url):
    """The triggers run as their owner: a login that may only read the log still leaves its rows there,
    under its own name."""
    login = f"live_clerk_{uuid.uuid4().hex[:8]}"
    a = clerks()
    _station, people = _people(a, 1)
    with a.engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE ROLE {login} LOGIN PASSWORD 'pw'")
        conn.exec_driver_sql(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {login}")
        conn.exec_driver_sql(f"REVOKE INSERT, UPDATE, DELETE ON change_log FROM {login}")
        conn.exec_driver_sql(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {login}")
    url = make_url(server_url).set(username=login, password="pw")
    clerk = None
    try:
        clerk = open_database(url.render_as_string(hide_password=False))
        seq = _latest(a)
        with clerk.begin() as s:
            edit = roster.edit_cells(s, {(people[0], DAY): "值"}, CODES)
            with pytest.raises(ProgrammingError, match="permission denied"):
                with s.begin_nested():
                    s.execute(text("INSERT INTO change_log (tbl, op) VALUES ('duty', 'INSERT')"))
        missed = _since(a, seq, a.origin)
        assert missed.change == edit.change and missed.logins == [login]
    finally:
        if clerk is not None:
            clerk.dispose()
        with a.engine.begin() as conn:
            conn.exec_driver_sql(f"DROP OWNED BY {login}")
            conn.exec_driver_sql(f"DROP ROLE {login}")
