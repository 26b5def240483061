"""The station-duty autofill on the small demo: cleared month proposed, applied and checked again."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from rosterapp.db import Database
from rosterapp.i18n import set_language
from rosterapp.models import Absence, Person
from rosterapp.services import autofill, roster
from rosterapp.services.check import resolve_scope, run_check
from rosterapp.services.rules.data import load_check_data

FIRST, LAST = dt.date(2026, 3, 1), dt.date(2026, 3, 31)
STATION = 1
LIMIT = dict(time_limit_s=5, work_limit=1.0)


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


def test_cleared_month_is_filled_without_new_errors(demo_db: Database) -> None:
    with demo_db.begin() as s:
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


def test_existing_entries_and_leave_are_kept(demo_db: Database) -> None:
    with demo_db.begin() as s:
        _clear(s)
        people = _members(s)
        typed_off = (people[3], FIRST + dt.timedelta(days=4))
        leave = (people[5], FIRST + dt.timedelta(days=6))
        roster.edit_cells(s, {typed_off: "休", leave: "假"}, _codes(s))
        proposal = autofill.propose_station(s, STATION, FIRST, LAST, seed=2, **LIMIT)
        assert typed_off not in proposal.values
        assert leave not in proposal.values
        assert all(not u.tags for u in proposal.unfilled)


@pytest.mark.sqlite_only  # the solver's choices: the fill itself runs on both backends above
def test_impossible_day_is_explained_by_leave(demo_db: Database) -> None:
    set_language("zh_CN")
    with demo_db.begin() as s:
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
        assert any(r.startswith("可排满的办法：") and "销假" in r for r in people_short.reasons)  # what would do
        # Each candidate is named with why they are not on duty: the people on leave, by name.
        names = dict(s.execute(select(Person.id, Person.name).where(Person.id.in_(people))).all())
        listed = [r for r in people_short.reasons if r.startswith(("休假：", "当天在执勤点位或另有勤务："))]
        assert listed and all(any(names[p] in r for r in listed) for p in people[1:]), people_short.reasons


def test_weights_are_read_from_plain_words() -> None:
    assert autofill.Weights.parse("fair=5,keep=0") == autofill.Weights(fair=5, keep=0, changes=3)
    assert autofill.Weights.parse("公平=1，少改动=9") == autofill.Weights(fair=1, keep=1, changes=9)
    for bad in ("fair", "speed=3", "fair=11", "keep=x"):
        with pytest.raises(ValueError):
            autofill.Weights.parse(bad)


@pytest.mark.sqlite_only  # the solver's choices: the fill itself runs on both backends above
def test_only_the_selected_cells_are_filled(demo_db: Database) -> None:
    with demo_db.begin() as s:
        _clear(s)
        people = _members(s)[:3]
        chosen = {(p, d) for p in people for d in _days()[:10]}
        proposal = autofill.propose_station(s, STATION, FIRST, LAST, cells=chosen, **LIMIT)
        assert proposal.values and set(proposal.values) <= chosen
        assert all(proposal.before[k] is None for k in proposal.values)


@pytest.mark.sqlite_only  # the solver's choices: the fill itself runs on both backends above
def test_unlock_changes_existing_codes_only_where_it_pays(demo_db: Database) -> None:
    """Everyone on 值 every third day with one person on 值 every other day: unlocked, the proposal takes duties
    from the overworked one (a change the 少改动 weight allows), and reports each change's old code."""
    with demo_db.begin() as s:
        _clear(s)
        people = _members(s)
        overworked = people[0]
        pattern = {(p, d): "值" if (d - FIRST).days % 3 == k % 3 else "休" for k, p in enumerate(people)
                   for d in _days()}
        pattern.update({(overworked, d): "值" if (d - FIRST).days % 2 == 0 else "休" for d in _days()})
        roster.edit_cells(s, pattern, _codes(s))
        locked = autofill.propose_station(s, STATION, FIRST, LAST, stats=False, **LIMIT)
        assert not locked.values  # nothing empty, nothing unlocked: nothing to propose
        unlocked = autofill.propose_station(s, STATION, FIRST, LAST, unlock=True, **LIMIT)
        assert unlocked.values
        assert all(unlocked.before[k] in ("值", "休") and unlocked.before[k] != v for k, v in unlocked.values.items())
        assert unlocked.changed == unlocked.values
        taken_off = [k for k, v in unlocked.values.items() if k[0] == overworked and v == "休"]
        assert taken_off
        assert unlocked.spread_after < unlocked.spread_before
        stat = {p.person_id: p for p in unlocked.people}[overworked]
        assert stat.hours_after < stat.hours_before
        # A high 少改动 weight keeps more of what is there (the duty book's leaders stay on their days either way).
        careful = autofill.propose_station(s, STATION, FIRST, LAST, unlock=True, stats=False,
                                           weights=autofill.Weights(changes=10, fair=1), **LIMIT)
        loose = autofill.propose_station(s, STATION, FIRST, LAST, unlock=True, stats=False,
                                         weights=autofill.Weights(changes=0, fair=10), **LIMIT)
        assert len(careful.values) < len(loose.values)
        assert loose.spread_after <= careful.spread_after


@pytest.mark.sqlite_only  # the solver's choices: the fill itself runs on both backends above
def test_usual_rotation_is_kept_and_leave_lowers_the_share(demo_db: Database) -> None:
    """Four weeks of 值休休 before the month: the filled month goes on with it for most cells; someone on leave
    half the month is given about half the duties of the others (fair shares of the days they can serve)."""
    with demo_db.begin() as s:
        people = _members(s)
        history = [FIRST - dt.timedelta(days=i) for i in range(1, 29)]
        roster.edit_cells(s, {(p, d): "值" if ((d - FIRST).days + k) % 3 == 0 else "休"
                              for k, p in enumerate(people) for d in history}, _codes(s))
        _clear(s)
        away = people[1]
        roster.edit_cells(s, {(away, d): "假" for d in _days()[:15]}, _codes(s))
        proposal = autofill.propose_station(s, STATION, FIRST, LAST, weights=autofill.Weights(keep=5), **LIMIT)
        assert proposal.rotation_cells and proposal.kept_rotation / proposal.rotation_cells > 0.75
        stats = {p.person_id: p for p in proposal.people}
        others = [stats[p].duty_days_after for p in people if p != away and p in stats]
        assert stats[away].duty_days_after <= sorted(others)[len(others) // 2] * 0.75
        assert stats[away].duty_days_after >= 2
