"""Absence codes typed in the roster grid: one gesture writes the person's Absence records, undo puts
them back exactly, and a later change is never overwritten."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from rosterapp.errors import StaleEdit
from rosterapp.models import Duty, Person, Station
from rosterapp.services import absence_cells, code_legend, duties, operations, registers, roster
from rosterapp.services.changes import PEOPLE
from rosterapp.services.dutyday import days_between
from rosterapp.services.operations import OperationData, PostData

MAR = dt.date(2027, 3, 1)
CODES = ["值", "白", "夜", "休", "早", "中", "晚"]


def day(n: int) -> dt.date:
    return MAR + dt.timedelta(days=n - 1)


def at8(n: int) -> dt.datetime:
    return dt.datetime.combine(day(n), dt.time(8))


@pytest.fixture
def pid(db) -> int:
    with db.begin() as s:
        station = s.scalar(select(Station).where(Station.short_name == "前门"))
        person = Person(staff_no="A1", name="王伟", station=station)
        s.add(person)
        s.flush()
        return person.id


def absences(db, pid: int) -> list[tuple[str, dt.datetime, dt.datetime]]:
    with db.begin() as s:
        return [(a.kind, a.start, a.end) for a in registers.list_absences(s, person_id=pid)]


def ids(db, pid: int) -> list[int]:
    with db.begin() as s:
        return [a.id for a in registers.list_absences(s, person_id=pid)]


def edit(db, values, **kwargs) -> roster.CellsEdit:
    with db.begin() as s:
        return roster.edit_cells(s, values, CODES, **kwargs)


def undo(db, made: roster.CellsEdit):
    with db.begin() as s:
        return roster.undo_cells(s, made)


def redo(db, made: roster.CellsEdit):
    with db.begin() as s:
        return roster.redo_cells(s, made)


def cells(db, pid: int, first: int, last: int) -> list[str]:
    with db.begin() as s:
        grid = roster.load_roster(s, days_between(day(first), day(last)))
    return grid.cells[grid.row_of[pid]]


def test_typing_an_absence_code_creates_one_record_from_handover_to_handover(db, pid):
    made = edit(db, {(pid, day(5)): "假"})
    assert absences(db, pid) == [("holiday", at8(5), at8(6))]
    assert made.change.people == {pid} and PEOPLE in made.change.registers and day(5) in made.change.days
    assert cells(db, pid, 4, 6) == ["", "假", ""]
    undo(db, made)
    assert absences(db, pid) == []
    redo(db, made)
    assert absences(db, pid) == [("holiday", at8(5), at8(6))]


def test_the_next_day_extends_the_record_and_the_day_before_moves_its_start(db, pid):
    edit(db, {(pid, day(5)): "假"})
    [first] = ids(db, pid)
    extend = edit(db, {(pid, day(6)): "假"})
    assert absences(db, pid) == [("holiday", at8(5), at8(7))] and ids(db, pid) == [first]
    earlier = edit(db, {(pid, day(4)): "假"})
    assert absences(db, pid) == [("holiday", at8(4), at8(7))] and ids(db, pid) == [first]
    undo(db, earlier)
    assert absences(db, pid) == [("holiday", at8(5), at8(7))]
    undo(db, extend)
    assert absences(db, pid) == [("holiday", at8(5), at8(6))] and ids(db, pid) == [first]


def test_clearing_the_first_or_last_day_shortens_and_a_day_inside_splits(db, pid):
    edit(db, {(pid, d): "病" for d in days_between(day(3), day(9))})  # one gesture, one record
    [record] = ids(db, pid)
    assert absences(db, pid) == [("sick", at8(3), at8(10))]
    edit(db, {(pid, day(3)): None})
    edit(db, {(pid, day(9)): None})
    assert absences(db, pid) == [("sick", at8(4), at8(9))] and ids(db, pid) == [record]
    split = edit(db, {(pid, day(6)): "值"})  # a shift code in the middle: back on duty that day
    assert absences(db, pid) == [("sick", at8(4), at8(6)), ("sick", at8(7), at8(9))]
    assert ids(db, pid)[0] == record
    assert cells(db, pid, 4, 8) == ["病", "病", "值", "病", "病"]
    undo(db, split)
    assert absences(db, pid) == [("sick", at8(4), at8(9))] and ids(db, pid) == [record]
    assert cells(db, pid, 4, 8) == ["病"] * 5


def test_an_absence_takes_the_days_station_entry_away_and_undo_puts_it_back(db, pid):
    edit(db, {(pid, day(d)): "值" for d in (1, 4, 7)})
    made = edit(db, {(pid, day(4)): "训"})
    assert cells(db, pid, 1, 7) == ["值", "", "", "训", "", "", "值"]
    assert absences(db, pid) == [("training", at8(4), at8(5))]
    undo(db, made)
    assert cells(db, pid, 1, 7) == ["值", "", "", "值", "", "", "值"] and absences(db, pid) == []


def test_another_kind_over_an_absence_day_splits_it_and_filling_the_gap_joins_the_halves(db, pid):
    edit(db, {(pid, d): "假" for d in days_between(day(1), day(5))})
    [record] = ids(db, pid)
    edit(db, {(pid, day(3)): "差"})
    assert absences(db, pid) == [("holiday", at8(1), at8(3)), ("errand", at8(3), at8(4)),
                                 ("holiday", at8(4), at8(6))]
    join = edit(db, {(pid, day(3)): "假"})
    assert absences(db, pid) == [("holiday", at8(1), at8(6))] and ids(db, pid) == [record]
    undo(db, join)
    assert [kind for kind, _s, _e in absences(db, pid)] == ["holiday", "errand", "holiday"]


def test_a_mixed_block_is_one_step_and_undo_restores_it_exactly(db, pid):
    with db.begin() as s:
        other = Person(staff_no="A2", name="李娜", station_id=s.get(Person, pid).station_id)
        s.add(other)
        s.flush()
        other = other.id
    edit(db, {(pid, day(2)): "事", (pid, day(3)): "事", (other, day(2)): "值"})
    before = absences(db, pid), absences(db, other), cells(db, pid, 1, 4), cells(db, other, 1, 4)
    # A pasted block mixing shift and absence codes over both people, and a Delete over part of it.
    block = edit(db, {(pid, day(1)): "白", (pid, day(2)): "事", (pid, day(3)): "休", (pid, day(4)): "借",
                      (other, day(1)): "借", (other, day(2)): "借", (other, day(3)): None})
    assert cells(db, pid, 1, 4) == ["白", "事", "休", "借"] and cells(db, other, 1, 4) == ["借", "借", "", ""]
    assert absences(db, pid) == [("leave", at8(2), at8(3)), ("seconded", at8(4), at8(5))]
    assert absences(db, other) == [("seconded", at8(1), at8(3))]
    assert block.change.people == {pid, other}
    delete = edit(db, {(p, day(d)): None for p in (pid, other) for d in (1, 2, 3, 4)})
    assert absences(db, pid) == absences(db, other) == []
    undo(db, delete)
    undo(db, block)
    assert (absences(db, pid), absences(db, other), cells(db, pid, 1, 4), cells(db, other, 1, 4)) == before


def test_an_undo_never_writes_over_a_later_change_of_the_absence(db, pid):
    made = edit(db, {(pid, day(5)): "假", (pid, day(6)): "假"})
    with db.begin() as s:  # the person form shortens it afterwards
        [absence] = registers.list_absences(s, person_id=pid)
        registers.remove_absence(s, absence.id)
        registers.add_absence(s, pid, "holiday", day(5), day(5), "改")
    with pytest.raises(StaleEdit):
        undo(db, made)
    assert absences(db, pid) == [("holiday", at8(5), at8(6))]


def test_typing_the_same_code_again_changes_nothing(db, pid):
    edit(db, {(pid, day(5)): "假"})
    again = edit(db, {(pid, day(5)): "假"})
    assert not again.change and again.absences is None


def test_a_rotation_keeps_recorded_leave_and_an_absence_on_a_post_day_is_recorded(db, ref, pid):
    edit(db, {(pid, day(5)): "假"})
    edit(db, {(pid, day(d)): "值" for d in (4, 5, 6)}, keep_absences=True)
    assert absences(db, pid) == [("holiday", at8(5), at8(6))]
    with db.begin() as s:
        oid = operations.create_operation(s, OperationData(name="两会", start_date=day(10), end_date=day(11)))
        post = operations.create_post(s, PostData(
            operation_id=oid, code="Q-01", name="北京饭店", post_type="hotel", duty_mode="stationed",
            detachment_id=ref.detachment["DC"], active_from=at8(10), active_to=at8(12)))
        duties.assign_duty(s, pid, "值", day(10), post_id=post)
    made = edit(db, {(pid, day(10)): "差", (pid, day(11)): "白"})
    # The absence is a fact and is recorded; the post board keeps its day (the checker says on_leave).
    assert absences(db, pid)[-1] == ("errand", at8(10), at8(11))
    assert [(p, d) for p, d, _code in made.skipped] == [] and cells(db, pid, 10, 11) == ["差/Q-01", "白"]
    with db.begin() as s:
        assert s.scalar(select(Duty.post_id).where(Duty.person_id == pid, Duty.start == at8(10))) == post


def test_shortcuts_are_free_of_the_shift_codes_aliases():
    for text in absence_cells.ALIASES:
        assert roster.resolve_code(text, CODES) is None, text
    assert absence_cells.resolve("1") == "假" and absence_cells.resolve(" BJ ") == "病"
    assert absence_cells.resolve("６") == "事"  # a full-width key
    assert absence_cells.resolve("1", keys=False) is None and absence_cells.resolve("xj", keys=False) == "假"
    assert absence_cells.resolve("病") == "病" and absence_cells.resolve("b") is None
    assert set(absence_cells.COLORS) == set(absence_cells.CODES) == set(absence_cells.SHORTCUTS.values())


def test_the_code_legend_lists_the_shift_table_then_the_absences_with_their_keys(db):
    with db.begin() as s:
        rows = code_legend.legend(s)
    by_code = {r.code: r for r in rows}
    assert [r.code for r in rows][-6:] == ["假", "病", "训", "差", "借", "事"]
    duty = by_code["值"]
    assert (duty.hours, duty.start, duty.end, duty.next_day, duty.keys) == (24, dt.time(8), dt.time(8), True, ("z", "zhi"))
    assert by_code["休"].hours is None and not by_code["休"].is_duty
    assert by_code["事"].name == "事假" and by_code["事"].keys[0] == "6" and by_code["病"].color == absence_cells.COLORS["病"]
    every_key = [k for r in rows for k in r.keys]
    assert len(every_key) == len(set(every_key))  # no key types two codes
