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
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import make_url, select

from rosterapp.db import Database, open_database
from rosterapp.errors import StaleEdit
from rosterapp.models import Duty, Person, Post, ShiftType
from rosterapp.services import demo, roster, staffing
from rosterapp.services.staffing import WindowStaffing

SERVER_URL = os.environ.get("ROSTERAPP_TEST_DB_URL", "")
pytestmark = pytest.mark.skipif(not SERVER_URL.startswith("postgresql"),
                                reason="needs ROSTERAPP_TEST_DB_URL (a PostgreSQL superuser URL)")
DAY = dt.date(2026, 3, 10)
WAIT_S = 0.6  # how long the second writer is watched waiting


def _admin() -> psycopg.Connection:
    return psycopg.connect(make_url(SERVER_URL).set(drivername="postgresql").render_as_string(hide_password=False),
                           autocommit=True)


@pytest.fixture(scope="module")
def server_db() -> Iterator[Database]:
    name = f"bench_cells_{uuid.uuid4().hex[:10]}"
    with _admin() as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    db = None
    try:
        db = open_database(make_url(SERVER_URL).set(database=name).render_as_string(hide_password=False))
        demo.generate(db, scale="small", seed=1, start=dt.date(2026, 3, 1))
        yield db
    finally:
        if db is not None:
            db.dispose()
        with _admin() as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


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
