"""The station-duty autofill on the small demo: cleared month proposed, applied and checked again."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from rosterapp.db import Database, open_database
from rosterapp.i18n import set_language
from rosterapp.models import Absence, Person
from rosterapp.services import autofill, demo, roster
from rosterapp.services.check import resolve_scope, run_check
from rosterapp.services.rules.data import load_check_data

START = dt.date(2026, 3, 1)
FIRST, LAST = dt.date(2026, 3, 1), dt.date(2026, 3, 31)
STATION = 1
LIMIT = dict(time_limit_s=5, work_limit=1.0)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("autofill") / "demo.sqlite3"
    db = open_database(f"sqlite:///{path}")
    demo.generate(db, scale="small", seed=1, start=START)
    db.dispose()
    return path


@pytest.fixture
def db(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "copy.sqlite3"
    shutil.copyfile(demo_file, path)
    database = open_database(f"sqlite:///{path}")
    yield database
    database.dispose()


def _codes(session) -> list[str]:
    return [c.code for c in roster.shift_codes(session)]


def _days() -> list[dt.date]:
    return [FIRST + dt.timedelta(days=i) for i in range((LAST - FIRST).days + 1)]


def _members(session) -> list[int]:
    return list(session.scalars(select(Person.id).where(Person.station_id == STATION, Person.active)))


def _clear(session) -> None:
    roster.edit_cells(session, {(p, d): None for p in _members(session) for d in _days()}, _codes(session))


def _errors(session) -> set[tuple]:
    report = run_check(session, resolve_scope(session, first=FIRST, last=LAST))
    return {(p.rule, p.start, p.end, tuple(p.people)) for p in report.problems if p.severity == "error"}


def test_cleared_month_is_filled_without_new_errors(db: Database) -> None:
    with db.begin() as s:
        before = _errors(s)
        _clear(s)
        proposal = autofill.propose_station(s, STATION, FIRST, LAST, seed=1, **LIMIT)
        assert proposal.status in ("OPTIMAL", "FEASIBLE")
        # Only the duty book's own gaps (the demo leaves a day without its leader) are left.
        assert all(u.requirement == "leader" and not u.tags for u in proposal.unfilled)
        assert proposal.values and set(proposal.values.values()) <= {"值", "休"}
        again = autofill.propose_station(s, STATION, FIRST, LAST, seed=1, **LIMIT)
        assert again.values == proposal.values  # deterministic for a seed
        roster.edit_cells(s, proposal.values, _codes(s))
        assert _errors(s) - before == set()
        # The minimum strength with a commander and a driver, every duty day.
        data = load_check_data(s)
        station = data.stations[STATION]
        for day in _days():
            on = [pid for (pid, d), code in proposal.values.items() if d == day and code == "值"]
            assert len(on) >= station.min_people, day
            assert any(data.people[p].officer or data.qual_command in data.people[p].quals for p in on), day
            assert sum(data.qual_driving in data.people[p].quals for p in on) >= station.min_vehicles, day
        # Nobody on leave is given a duty.
        absences = s.execute(select(Absence.person_id, Absence.start, Absence.end)).all()
        for pid, a_start, a_end in absences:
            for (p, day), code in proposal.values.items():
                lo = dt.datetime.combine(day, dt.time(8))
                if p == pid and code == "值":
                    assert not (a_start < lo + dt.timedelta(days=1) and lo < a_end)
        assert proposal.spread_after <= 48


def test_existing_entries_and_leave_are_kept(db: Database) -> None:
    with db.begin() as s:
        _clear(s)
        people = _members(s)
        typed_off = (people[3], FIRST + dt.timedelta(days=4))
        leave = (people[5], FIRST + dt.timedelta(days=6))
        roster.edit_cells(s, {typed_off: "休", leave: "假"}, _codes(s))
        proposal = autofill.propose_station(s, STATION, FIRST, LAST, seed=2, **LIMIT)
        assert typed_off not in proposal.values
        assert leave not in proposal.values
        assert all(not u.tags for u in proposal.unfilled)


def test_impossible_day_is_explained_by_leave(db: Database) -> None:
    set_language("zh_CN")
    with db.begin() as s:
        _clear(s)
        people = _members(s)
        day = FIRST + dt.timedelta(days=10)
        roster.edit_cells(s, {(p, day): "假" for p in people[1:]}, _codes(s))
        proposal = autofill.propose_station(s, STATION, FIRST, LAST, seed=1, **LIMIT)
        assert all((p, day) not in proposal.values or proposal.values[p, day] != "值" for p in people[1:])
        short = [u for u in proposal.unfilled if u.day == day]
        assert short and {u.day for u in proposal.unfilled if u.tags} == {day}
        people_short = next(u for u in short if u.requirement == "people")
        assert people_short.missing >= 1
        assert any(t.startswith("days_off") for t in people_short.tags)
        assert any(r.startswith("请休假") for r in people_short.reasons), people_short.reasons
