"""Shift swaps, stand-ins and pay-backs through the services, on a real SQLite file."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import func, select

from rosterapp import i18n
from rosterapp.errors import StaleEdit, UserError
from rosterapp.models import Duty, ShiftType
from rosterapp.models.daybook import ShiftSwap
from rosterapp.services import duties, operations, registers, swaps
from rosterapp.services.changes import SWAPS
from rosterapp.services.operations import OperationData, PostData
from rosterapp.services.registers import PersonData, VehicleData

D1, D2, D3, D4 = (dt.date(2027, 3, d) for d in (5, 6, 7, 8))


@pytest.fixture
def crew(db, ref):
    """Two firefighters of 前门 on alternate days (做一休一) on one truck, their 站长, and a man of 崇文门."""
    with db.begin() as s:
        qianmen = ref.station["前门"]
        truck = registers.create_vehicle(s, VehicleData(plate="京X·0001应急", call_sign="前门1号水罐",
                                                        type_id=ref.vehicle_type["SG"], station_id=qianmen))
        zhao = registers.create_person(s, PersonData(staff_no="DC1", name="赵强", station_id=qianmen))
        qian = registers.create_person(s, PersonData(staff_no="DC2", name="钱伟", station_id=qianmen))
        chief = registers.create_person(s, PersonData(staff_no="DC3", name="孙站长", station_id=qianmen,
                                                      position_id=ref.position["站长"]))
        other = registers.create_person(s, PersonData(staff_no="DC9", name="李明", station_id=ref.station["西二旗"]))
        for i, day in enumerate((D1, D2, D3, D4)):
            duties.set_roster_cells(s, {(zhao, day): "值" if i % 2 == 0 else "休",
                                        (qian, day): "休" if i % 2 == 0 else "值"})
        for duty in s.scalars(select(Duty).where(Duty.shift_type_id == ref.shift["值"])):
            duty.vehicle_id, duty.role = truck, "firefighter"
    return {"station": qianmen, "truck": truck, "zhao": zhao, "qian": qian, "chief": chief, "other": other}


def grid(db, *people) -> dict[tuple[int, dt.date], tuple]:
    """(person, day) -> (code, vehicle, role) of every station entry of these people."""
    with db.begin() as s:
        rows = s.execute(select(Duty.person_id, Duty.start, ShiftType.code, Duty.vehicle_id, Duty.role)
                         .join(ShiftType).where(Duty.person_id.in_(people), Duty.post_id.is_(None)))
        return {(p, start.date()): (code, vehicle, role) for p, start, code, vehicle, role in rows}


def test_a_swap_exchanges_the_two_duties_keeping_vehicle_and_role_and_moves_the_days_off(db, crew):
    zhao, qian, truck = crew["zhao"], crew["qian"], crew["truck"]
    with db.begin() as s:
        edit = swaps.swap(s, crew["station"], zhao, D1, qian, D2, "家中有事", approver_id=crew["chief"])
    cells = grid(db, zhao, qian)
    assert cells[zhao, D1] == ("休", None, None) and cells[qian, D1] == ("值", truck, "firefighter")
    assert cells[zhao, D2] == ("值", truck, "firefighter") and cells[qian, D2] == ("休", None, None)
    assert cells[zhao, D3] == ("值", truck, "firefighter")  # the other days stand
    assert edit.change.people == {zhao, qian} and {D1, D2} <= edit.change.days
    assert SWAPS in edit.change.registers and truck in edit.change.vehicles
    with db.begin() as s:
        [row] = swaps.list_swaps(s, crew["station"])
    assert (row.kind, row.person_a, row.day_a, row.person_b, row.day_b, row.shift, row.reason, row.approver) == (
        "swap", "赵强", D1, "钱伟", D2, "值", "家中有事", "孙站长")
    assert not row.open


def test_undo_puts_the_duties_back_and_removes_the_record_and_redo_makes_it_again(db, crew):
    zhao, qian = crew["zhao"], crew["qian"]
    before = grid(db, zhao, qian)
    with db.begin() as s:
        edit = swaps.swap(s, crew["station"], zhao, D1, qian, D2, "", approver_text="大队长")
    after = grid(db, zhao, qian)
    with db.begin() as s:
        swaps.undo_swap(s, edit)
    assert grid(db, zhao, qian) == before
    with db.begin() as s:
        assert s.scalar(select(func.count()).select_from(ShiftSwap)) == 0
        swaps.redo_swap(s, edit)
    assert grid(db, zhao, qian) == after
    with db.begin() as s:
        assert [r.id for r in swaps.list_swaps(s)] == [edit.record.id]


def test_a_later_change_of_the_cells_blocks_the_undo(db, crew):
    zhao, qian = crew["zhao"], crew["qian"]
    with db.begin() as s:
        edit = swaps.swap(s, crew["station"], zhao, D1, qian, D2, "", approver_text="大队长")
    with db.begin() as s:
        duties.set_roster_cells(s, {(qian, D1): "白"})
    changed = grid(db, zhao, qian)
    with pytest.raises(StaleEdit), db.begin() as s:
        swaps.undo_swap(s, edit)
    assert grid(db, zhao, qian) == changed
    with db.begin() as s:
        assert len(swaps.list_swaps(s)) == 1


def test_a_cover_gives_the_duty_and_the_one_covered_owes_a_payback(db, crew):
    zhao, qian, truck = crew["zhao"], crew["qian"], crew["truck"]
    with db.begin() as s:
        edit = swaps.cover(s, crew["station"], zhao, D1, qian, "就医", approver_id=crew["chief"])
    cells = grid(db, zhao, qian)
    assert cells[zhao, D1] == ("休", None, None) and cells[qian, D1] == ("值", truck, "firefighter")
    assert edit.record.kind == "cover" and edit.record.day_b is None
    with db.begin() as s:
        [owed] = swaps.list_swaps(s, crew["station"], open_only=True)
        assert swaps.open_paybacks(s) == {zhao: 1}
    assert owed.open and owed.person_a == "赵强" and owed.status() == "待还"


def test_a_cover_the_other_way_is_the_payback_of_the_oldest_open_cover(db, crew):
    zhao, qian = crew["zhao"], crew["qian"]
    with db.begin() as s:
        first = swaps.cover(s, crew["station"], zhao, D1, qian, "", approver_text="站长").record
        second = swaps.cover(s, crew["station"], zhao, D3, qian, "", approver_text="站长").record
        back = swaps.cover(s, crew["station"], qian, D4, zhao, "还班", approver_text="站长").record
    assert back.kind == "payback" and back.settles_id == first.id
    with db.begin() as s:
        assert [r.id for r in swaps.list_swaps(s, open_only=True)] == [second.id]
        rows = {r.id: r for r in swaps.list_swaps(s)}
    assert rows[first.id].paid_back_by == back.id and not rows[first.id].open
    assert rows[first.id].status() == f"已还（#{back.id}）"
    assert rows[back.id].status() == f"偿还 #{first.id}"


def test_a_payback_blocks_the_undo_of_the_cover_it_pays(db, crew):
    zhao, qian = crew["zhao"], crew["qian"]
    with db.begin() as s:
        first = swaps.cover(s, crew["station"], zhao, D1, qian, "", approver_text="站长")
    with db.begin() as s:
        swaps.cover(s, crew["station"], qian, D2, zhao, "", approver_text="站长")
    with pytest.raises(StaleEdit), db.begin() as s:
        swaps.undo_swap(s, first)


def test_settled_by_hand_with_a_note_and_taken_back(db, crew):
    zhao, qian = crew["zhao"], crew["qian"]
    with db.begin() as s:
        cover = swaps.cover(s, crew["station"], zhao, D1, qian, "", approver_text="站长").record
    with db.begin() as s:
        with pytest.raises(UserError, match="说明"):
            swaps.settle(s, cover.id, "  ")
        at, change = swaps.settle(s, cover.id, "以加班抵")
    assert SWAPS in change.registers and change.people == {zhao, qian}
    with db.begin() as s:
        assert swaps.list_swaps(s, open_only=True) == []
        [row] = swaps.list_swaps(s)
        assert row.status() == "已结清：以加班抵"
        with pytest.raises(UserError):
            swaps.settle(s, cover.id, "again")
        swaps.unsettle(s, cover.id, at)
    with db.begin() as s:
        assert [r.id for r in swaps.list_swaps(s, open_only=True)] == [cover.id]


def test_nonsense_is_refused_clearly_and_changes_nothing(db, ref, crew):
    zhao, qian, other = crew["zhao"], crew["qian"], crew["other"]
    before = grid(db, zhao, qian)
    cases = [
        (lambda s: swaps.swap(s, crew["station"], zhao, D2, qian, D1, "", approver_text="x"), "没有可换出的执勤"),
        (lambda s: swaps.swap(s, crew["station"], zhao, D1, zhao, D3, "", approver_text="x"), "自己"),
        (lambda s: swaps.cover(s, crew["station"], zhao, D1, other, "", approver_text="x"), "不在前门"),
        (lambda s: swaps.cover(s, crew["station"], zhao, D1, qian, ""), "批准"),
    ]
    for make, words in cases:
        with pytest.raises(UserError, match=words), db.begin() as s:
            make(s)
    assert grid(db, zhao, qian) == before
    with db.begin() as s:
        assert swaps.list_swaps(s) == []


def test_a_post_duty_belongs_to_the_post_board(db, ref, crew):
    zhao, qian = crew["zhao"], crew["qian"]
    with db.begin() as s:
        oid = operations.create_operation(s, OperationData(name="两会", start_date=D1, end_date=D4))
        post = operations.create_post(s, PostData(
            operation_id=oid, code="Q-01", name="北京饭店", post_type="hotel", duty_mode="stationed",
            detachment_id=ref.detachment["DC"], active_from=dt.datetime(2027, 3, 5, 8),
            active_to=dt.datetime(2027, 3, 9, 8)))
        duties.set_roster_cells(s, {(qian, D2): None, (qian, D3): None})
        duties.assign_duty(s, qian, "值", D2, post_id=post)
        duties.assign_duty(s, qian, "白", D3, post_id=post)
    before = grid(db, zhao, qian)
    with pytest.raises(UserError, match="Q-01"), db.begin() as s:
        swaps.swap(s, crew["station"], zhao, D1, qian, D2, "", approver_text="x")  # qian gives a post duty
    with pytest.raises(UserError, match="点位勤务"), db.begin() as s:
        swaps.cover(s, crew["station"], zhao, D3, qian, "", approver_text="x")  # qian is at the post that day
    assert grid(db, zhao, qian) == before


def test_the_officers_who_approve_are_the_positions_first(db, crew):
    with db.begin() as s:
        officers = swaps.station_officers(s, crew["station"])
    assert officers[0][1] == "孙站长"
    assert all(name != "赵强" for _, name, _ in officers)


def test_messages_in_english(db, crew, monkeypatch):
    monkeypatch.setattr(i18n, "_language", "en")
    with pytest.raises(UserError, match="has no duty on 2027-03-06"), db.begin() as s:
        swaps.cover(s, crew["station"], crew["zhao"], D2, crew["qian"], "", approver_text="x")


def test_the_demo_seeds_swaps_that_match_its_duties_and_create_no_problem(db):
    from rosterapp.services import demo
    from rosterapp.services.rules import Checker, load_check_data

    demo.generate(db, scale="small", seed=1, start=dt.date(2027, 3, 1))
    with db.begin() as s:
        rows = swaps.list_swaps(s)
        people = {p for r in rows for p in (r.person_a_id, r.person_b_id)}
        problems = Checker(load_check_data(s)).check_all()
    cells = grid(db, *people)
    kinds = [r.kind for r in rows]
    assert kinds.count("swap") >= 2 and "payback" in kinds and sum(r.open for r in rows) >= 1
    for r in rows:
        assert cells[r.person_b_id, r.day_a][0] == "值" and cells[r.person_a_id, r.day_a][0] == "休", r
        if r.kind == "swap":
            assert cells[r.person_a_id, r.day_b][0] == "值" and cells[r.person_b_id, r.day_b][0] == "休", r
        assert r.approver and r.reason
    [payback] = [r for r in rows if r.kind == "payback"]
    assert next(r for r in rows if r.id == payback.settles_id).paid_back_by == payback.id
    assert [p for p in problems if set(p.people) & people] == []


def test_the_days_duty_roles_go_with_the_duties_and_come_back_with_the_undo(db, crew, ref):
    from rosterapp.models import DutyAssignment

    zhao, qian = crew["zhao"], crew["qian"]
    with db.begin() as s:
        s.add_all([DutyAssignment(station_id=crew["station"], day=D1, role="leader", person_id=zhao),
                   DutyAssignment(station_id=crew["station"], day=D2, role="dispatch", person_id=qian),
                   DutyAssignment(station_id=crew["station"], day=D2, role="officer", person_id=crew["chief"])])

    def roles():
        with db.read() as s:
            return set(s.execute(select(DutyAssignment.day, DutyAssignment.role, DutyAssignment.person_id)).all())

    before = roles()
    with db.begin() as s:
        # 钱伟 is a deputy chief here: an officer, who may take the lead with the duty.
        registers.update_person(s, qian, dataclasses.replace(registers.get_person(s, qian),
                                                             position_id=ref.position["副站长"]))
        edit = swaps.swap(s, crew["station"], zhao, D1, qian, D2, "", approver_id=crew["chief"])
    assert roles() == {(D1, "leader", qian), (D2, "dispatch", zhao), (D2, "officer", crew["chief"])}
    assert "assignments" in edit.change.registers
    with db.begin() as s:
        swaps.undo_swap(s, edit)
    assert roles() == before
    with db.begin() as s:
        swaps.redo_swap(s, edit)
    assert (D1, "leader", qian) in roles()


def test_a_leaders_role_stays_when_the_one_taking_the_duty_may_not_lead(db, crew):
    """A firefighter standing in for the day's 带班领导 takes his 值 and his 通信值班, not the lead: the leader
    stays named, and the check then says he is not on duty, so the clerk names another leader first."""
    from rosterapp.models import DutyAssignment

    zhao, qian = crew["zhao"], crew["qian"]
    with db.begin() as s:
        s.add_all([DutyAssignment(station_id=crew["station"], day=D1, role="leader", person_id=zhao),
                   DutyAssignment(station_id=crew["station"], day=D1, role="dispatch", person_id=zhao)])
    with db.begin() as s:
        swaps.cover(s, crew["station"], zhao, D1, qian, "", approver_id=crew["chief"])
    with db.read() as s:
        held = dict(s.execute(select(DutyAssignment.role, DutyAssignment.person_id)).all())
    assert held == {"leader": zhao, "dispatch": qian}


def test_a_pay_back_is_not_made_again_over_a_stand_in_settled_by_hand_meanwhile(db, crew):
    zhao, qian = crew["zhao"], crew["qian"]
    with db.begin() as s:
        swaps.cover(s, crew["station"], zhao, D1, qian, "", approver_id=crew["chief"])
    with db.begin() as s:
        back = swaps.cover(s, crew["station"], qian, D2, zhao, "", approver_id=crew["chief"])
    assert back.record.kind == "payback"
    with db.begin() as s:
        swaps.undo_swap(s, back)
    with db.begin() as s:
        [cover] = swaps.list_swaps(s, crew["station"])
        swaps.settle(s, cover.id, "已另行补休")
    with pytest.raises(StaleEdit), db.begin() as s:
        swaps.redo_swap(s, back)
