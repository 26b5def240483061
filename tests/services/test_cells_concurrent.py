"""Two clerks writing the same roster cell at once on a server: the second waits for the first, then sees
what it wrote (rosterapp/services/duties.py lock_people_cells). Found by the concurrent_edits benchmark:
a row lock holds only rows already there, so two writers of an empty cell both inserted.

Runs against the PostgreSQL server of ``ROSTERAPP_TEST_DB_URL`` (a superuser URL); skipped without it.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import delete, select

from rosterapp.db import Database, open_database
from rosterapp.errors import Conflict, StaleEdit
from rosterapp.models import Duty, Person, Post, ShiftType, Vehicle, VehicleDeployment
from rosterapp.services import demo, roster, staffing
from rosterapp.services.staffing import WindowStaffing

SERVER_URL = os.environ.get("ROSTERAPP_TEST_DB_URL", "")
pytestmark = pytest.mark.skipif(not SERVER_URL.startswith("postgresql"),
                                reason="needs ROSTERAPP_TEST_DB_URL (a PostgreSQL superuser URL)")
DAY = dt.date(2026, 3, 10)
WAIT_S = 0.6  # how long the second writer is watched waiting


@pytest.fixture(scope="module")
def server_db(postgres) -> Iterator[Database]:
    db = open_database(postgres.new_url())
    demo.generate(db, scale="small", seed=1, start=dt.date(2026, 3, 1))
    yield db
    db.dispose()


def _empty_cell(db: Database, k: int) -> tuple[int, dt.date]:
    """A station person's cell on DAY, emptied (committed)."""
    with db.begin() as s:
        person = s.scalars(select(Person.id).where(Person.station_id.is_not(None)).order_by(Person.id)
                           .offset(k)).first()
        roster.edit_cells(s, {(person, DAY): None}, [])
    return person, DAY


def _codes(db: Database, cell: tuple[int, dt.date]) -> list[str]:
    person, day = cell
    lo = dt.datetime.combine(day, dt.time())
    with db.begin() as s:
        return list(s.scalars(select(ShiftType.code).join(Duty, Duty.shift_type_id == ShiftType.id).where(
            Duty.person_id == person, Duty.post_id.is_(None), Duty.start >= lo, Duty.start < lo + dt.timedelta(1))))


def _second_writer(db: Database, write) -> tuple[threading.Thread, dict]:
    """``write(session)`` in its own unit of work on another thread; what it returned or raised."""
    outcome: dict = {}

    def run() -> None:
        try:
            with db.begin() as s:
                outcome["value"] = write(s)
        except Exception as exc:  # noqa: BLE001 - the test looks at it
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def test_two_clerks_typing_into_the_same_empty_cell_take_turns(server_db):
    codes = ["值", "白", "中", "休"]
    cell = _empty_cell(server_db, 0)
    with server_db.begin() as first:
        roster.edit_cells(first, {cell: "白"}, codes)
        thread, outcome = _second_writer(server_db, lambda s: roster.edit_cells(s, {cell: "值"}, codes))
        time.sleep(WAIT_S)
        assert thread.is_alive(), "the second writer did not wait for the first"
    thread.join(10)
    assert "error" not in outcome, outcome
    # It found the first one's 白 and wrote over it knowingly: one entry, the last code typed.
    with server_db.begin() as s:
        day_shift = s.scalar(select(ShiftType.id).where(ShiftType.code == "白"))
    assert [r.shift_type_id for r in outcome["value"].before.records] == [day_shift]
    assert _codes(server_db, cell) == ["值"]


def test_a_redo_into_a_cell_another_clerk_is_filling_is_refused_after_it(server_db):
    codes = ["值", "白", "中", "休"]
    cell = _empty_cell(server_db, 1)
    with server_db.begin() as s:
        step = roster.edit_cells(s, {cell: "白"}, codes)
    with server_db.begin() as s:
        roster.undo_cells(s, step)
    with server_db.begin() as other:
        roster.edit_cells(other, {cell: "中"}, codes)
        thread, outcome = _second_writer(server_db, lambda s: roster.redo_cells(s, step))
        time.sleep(WAIT_S)
        assert thread.is_alive(), "the redo did not wait for the other clerk"
    thread.join(10)
    assert isinstance(outcome.get("error"), StaleEdit), outcome
    assert _codes(server_db, cell) == ["中"]


def test_a_code_typed_while_someone_puts_the_person_at_a_post_waits_and_leaves_the_post_day(server_db):
    codes = ["值", "白", "中", "休"]
    cell = _empty_cell(server_db, 2)
    with server_db.begin() as s:
        roster.edit_cells(s, {cell: "值"}, codes)
        post = s.scalar(select(Post.id).where(Post.rotation == "24h").order_by(Post.id))
    start = dt.datetime.combine(DAY, dt.time(8))
    with server_db.begin() as board:
        staffing.staff_windows(board, [WindowStaffing(post, start, start + dt.timedelta(days=1),
                                                      people=((cell[0], None, None),))])
        thread, outcome = _second_writer(server_db, lambda s: roster.edit_cells(s, {cell: "白"}, codes))
        time.sleep(WAIT_S)
        assert thread.is_alive(), "the typed code did not wait for the post board"
    thread.join(10)
    assert "error" not in outcome, outcome
    # The post board owns that day now: the code was skipped, and the person is on one duty only.
    assert [(p, d) for p, d, _post in outcome["value"].skipped] == [cell]
    assert _codes(server_db, cell) == []


def test_two_clerks_putting_one_person_at_two_posts_at_once_get_one_post_and_a_refusal(server_db):
    """Each clerk's board showed the person free; the second, having waited for the first, is refused
    naming the post the first one used, and the person holds one duty. A redo over it is refused too."""
    cell = _empty_cell(server_db, 3)
    with server_db.begin() as s:
        first_post, second_post = s.scalars(select(Post.id).where(Post.rotation == "24h").order_by(Post.id)
                                            .limit(2)).all()
        first_code = s.scalar(select(Post.code).where(Post.id == first_post))
    start = dt.datetime.combine(DAY, dt.time(8))
    window = (start, start + dt.timedelta(days=1))

    def plan(post):
        return [WindowStaffing(post, *window, people=((cell[0], None, None),))]

    with server_db.begin() as s:  # a step of the second clerk, undone: its redo comes later
        step, _ = staffing.staff_windows(s, plan(second_post), refuse_busy=True)
    with server_db.begin() as s:
        staffing.undo_edit(s, step)
    with server_db.begin() as board:
        staffing.staff_windows(board, plan(first_post), refuse_busy=True)
        thread, outcome = _second_writer(
            server_db, lambda s: staffing.staff_windows(s, plan(second_post), refuse_busy=True))
        time.sleep(WAIT_S)
        assert thread.is_alive(), "the second clerk did not wait for the first"
    thread.join(10)
    assert isinstance(outcome.get("error"), Conflict), outcome
    assert first_code in outcome["error"].message
    with pytest.raises(Conflict), server_db.begin() as s:
        staffing.redo_edit(s, step)
    with server_db.begin() as s:
        posts = s.scalars(select(Duty.post_id).where(Duty.person_id == cell[0], Duty.start < window[1],
                                                     Duty.end > window[0])).all()
    assert posts == [first_post]


def test_two_clerks_saving_one_person_at_once_the_second_is_told_not_crashed(server_db):
    """Both read version N; the first saves; the second's UPDATE finds N gone: a StaleEdit for the clerk,
    not the ORM's StaleDataError for the crash dialog, and the first one's save stands."""
    with server_db.read() as s:
        pid = s.scalar(select(Person.id).order_by(Person.id).offset(7))
    with pytest.raises(StaleEdit) as told, server_db.begin() as second:
        person = second.get(Person, pid)
        with server_db.begin() as first:
            first.get(Person, pid).phone = "13900000001"
        person.phone = "13900000002"
    assert "same moment" in told.value.message or "同一时刻" in told.value.message
    with server_db.read() as s:
        assert s.get(Person, pid).phone == "13900000001"


def test_two_clerks_putting_one_vehicle_at_two_posts_at_once_get_one_and_a_refusal(server_db):
    with server_db.begin() as s:
        first_post, second_post = s.scalars(select(Post.id).where(Post.rotation == "24h").order_by(Post.id)
                                            .offset(2).limit(2)).all()
        vehicle, plate = s.execute(select(Vehicle.id, Vehicle.plate).order_by(Vehicle.id).offset(3)).first()
    start = dt.datetime.combine(DAY + dt.timedelta(days=1), dt.time(8))
    window = (start, start + dt.timedelta(days=1))

    def plan(post):
        return [WindowStaffing(post, *window, vehicles=(vehicle,))]

    with server_db.begin() as s:  # clear what the demo has for it that day
        s.execute(delete(VehicleDeployment).where(VehicleDeployment.vehicle_id == vehicle,
                                                  VehicleDeployment.start < window[1], VehicleDeployment.end > window[0]))
    with server_db.begin() as board:
        staffing.staff_windows(board, plan(first_post), refuse_busy=True)
        thread, outcome = _second_writer(
            server_db, lambda s: staffing.staff_windows(s, plan(second_post), refuse_busy=True))
        time.sleep(WAIT_S)
        assert thread.is_alive(), "the second clerk did not wait for the first"
    thread.join(10)
    assert isinstance(outcome.get("error"), Conflict), outcome
    assert plate in outcome["error"].message
    with server_db.read() as s:
        posts = s.scalars(select(VehicleDeployment.post_id).where(
            VehicleDeployment.vehicle_id == vehicle, VehicleDeployment.start < window[1],
            VehicleDeployment.end > window[0])).all()
    assert posts == [first_post]
