"""The duty book's roles through the services: set, read, refused, undone, and proposed from a rotation or
from the roster."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from rosterapp import i18n
from rosterapp.errors import StaleEdit, ValidationError
from rosterapp.models import Absence, Duty, DutyAssignment, Person, ShiftType, Station
from rosterapp.services import dutybook
from rosterapp.services.changes import ASSIGNMENTS
from rosterapp.services.duties import assign_duty

D1 = dt.date(2027, 3, 1)


@pytest.fixture
def book(db, ref):
    """前门: 站长 张伟, 指导员 王磊, 副站长 李强, 战斗班长 刘洋, 通信员 陈杰; 金宝街: 杨帆; 东城支队机关: 支队长 赵勇,
    指挥中心值班员 孙丽."""
    with db.begin() as s:
        office = s.scalar(select(Station.id).where(Station.name == "东城支队机关"))
        people = {}
        for i, (name, station, position) in enumerate([
                ("张伟", ref.station["前门"], "站长"), ("王磊", ref.station["前门"], "指导员"),
                ("李强", ref.station["前门"], "副站长"), ("刘洋", ref.station["前门"], "战斗班长"),
                ("陈杰", ref.station["前门"], "通信员"), ("杨帆", ref.station["金宝街"], "站长"),
                ("赵勇", office, None), ("孙丽", office, None)]):
            person = Person(staff_no=f"T{i:03d}", name=name, station_id=station,
                            position_id=ref.position.get(position))
            s.add(person)
            s.flush()
            people[name] = person.id
    return {"people": people, "office": office, "qianmen": ref.station["前门"], "jinbao": ref.station["金宝街"]}


def count(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(DutyAssignment))


def test_roles_set_read_cleared_and_the_change_names_them(db, book):
    p, qm, office = book["people"], book["qianmen"], book["office"]
    with db.begin() as s:
        change = dutybook.set_assignments(s, [
            (qm, D1, "leader", p["张伟"]), (qm, D1, "officer", p["刘洋"]), (qm, D1, "dispatch", p["陈杰"]),
            (office, D1, "det_leader", p["赵勇"]), (office, D1, "det_chief", p["孙丽"])])
    assert change.registers == {ASSIGNMENTS}
    assert change.stations == {qm, office} and change.days == {D1}
    assert change.people == {p["张伟"], p["刘洋"], p["陈杰"], p["赵勇"], p["孙丽"]}
    with db.read() as s:
        held = dutybook.station_assignments(s, qm, D1, D1)
    # One station's read holds its detachment office's roles too.
    assert {k: h.name for k, h in held.items()} == {
        (qm, D1, "leader"): "张伟", (qm, D1, "officer"): "刘洋", (qm, D1, "dispatch"): "陈杰",
        (office, D1, "det_leader"): "赵勇", (office, D1, "det_chief"): "孙丽"}
    with db.read() as s:
        assert dutybook.read_assignments(s, [book["jinbao"]], D1, D1, with_offices=False) == {}

    # Another leader, then nobody: the change names who went and who came.
    with db.begin() as s:
        change = dutybook.set_assignments(s, [(qm, D1, "leader", p["王磊"])])
    assert change.people == {p["张伟"], p["王磊"]}
    with db.begin() as s:
        change = dutybook.set_assignments(s, [(qm, D1, "leader", None), (qm, D1, "dispatch", p["陈杰"])])
    assert change.people == {p["王磊"]}  # 陈杰 already held 通信值班: no part of the edit
    assert count(db) == 4
    with db.begin() as s:
        assert not dutybook.set_assignments(s, [(qm, D1, "leader", None)])  # nothing to do: an empty Change


def test_a_person_of_another_unit_or_a_role_of_the_other_kind_is_refused_whole(db, book, monkeypatch):
    monkeypatch.setattr(i18n, "_language", "zh_CN")
    p, qm, office = book["people"], book["qianmen"], book["office"]
    with pytest.raises(ValidationError) as caught, db.begin() as s:
        dutybook.set_assignments(s, [(qm, D1, "leader", p["张伟"]), (qm, D1 + dt.timedelta(days=1), "leader",
                                                                     p["杨帆"])])
    assert "杨帆不是前门的人员：带班领导须由本单位人员担任" in caught.value.message
    assert "2027-03-02" in caught.value.message
    with pytest.raises(ValidationError) as caught, db.begin() as s:
        dutybook.set_assignments(s, [(qm, D1, "det_leader", p["张伟"])])
    assert "支队值班领导是支队机关的值班角色，不是消防救援站的（前门）" in caught.value.message
    with pytest.raises(ValidationError) as caught, db.begin() as s:
        dutybook.set_assignments(s, [(office, D1, "leader", p["赵勇"])])
    assert "带班领导是消防救援站的值班角色，不是支队机关的（机关）" in caught.value.message
    with pytest.raises(ValidationError) as caught, db.begin() as s:
        dutybook.set_assignments(s, [(office, D1, "det_leader", p["张伟"])])  # a station's man at the office
    assert "张伟不是机关的人员" in caught.value.message
    assert count(db) == 0  # nothing of the first call was written either


def test_undo_and_redo_put_the_roles_back_but_never_over_a_later_change(db, book):
    p, qm = book["people"], book["qianmen"]
    d2 = D1 + dt.timedelta(days=1)
    with db.begin() as s:
        dutybook.set_assignments(s, [(qm, D1, "leader", p["王磊"])])
    with db.begin() as s:
        edit = dutybook.assign(s, [(qm, D1, "leader", p["张伟"]), (qm, d2, "leader", p["李强"])])

    def leaders() -> dict:
        with db.read() as s:
            return {k[1]: h.name for k, h in dutybook.station_assignments(s, qm, D1, d2).items() if k[2] == "leader"}

    assert leaders() == {D1: "张伟", d2: "李强"}
    with db.begin() as s:
        change = dutybook.undo_assign(s, edit)
    assert change.registers == {ASSIGNMENTS} and change.days == {D1, d2}
    assert leaders() == {D1: "王磊"}
    with db.begin() as s:
        dutybook.redo_assign(s, edit)
    assert leaders() == {D1: "张伟", d2: "李强"}

    # A later edit of one of its days: the undo is refused and writes nothing.
    with db.begin() as s:
        later = dutybook.assign(s, [(qm, d2, "leader", p["王磊"])])
    with pytest.raises(StaleEdit), db.begin() as s:
        dutybook.undo_assign(s, edit)
    assert leaders() == {D1: "张伟", d2: "王磊"}
    # Changed away and back again by others: the roles hold what the step left, so it can be taken back (as
    # every undo compares what rows hold, not their versions); a later step undone first leaves it undoable.
    with db.begin() as s:
        dutybook.undo_assign(s, later)
        dutybook.set_assignments(s, [(qm, D1, "leader", p["李强"])])
        dutybook.set_assignments(s, [(qm, D1, "leader", p["张伟"])])
    with db.begin() as s:
        dutybook.undo_assign(s, edit)
    assert leaders() == {D1: "王磊"}

def test_a_rotation_gives_the_clerks_people_in_their_order(book):
    p, qm = book["people"], book["qianmen"]
    order = [p["李强"], p["张伟"], p["王磊"]]
    items = dutybook.rotation_proposal(qm, "leader", order, D1, D1 + dt.timedelta(days=6))
    assert [i[3] for i in items] == [p["李强"], p["张伟"], p["王磊"], p["李强"], p["张伟"], p["王磊"], p["李强"]]
    assert {i[:3] for i in items} == {(qm, D1 + dt.timedelta(days=k), "leader") for k in range(7)}
    # Two days each, the turn counted from a start day before the range (the rotation goes on).
    items = dutybook.rotation_proposal(qm, "leader", order, D1, D1 + dt.timedelta(days=3),
                                       start=D1 - dt.timedelta(days=1), days_each=2)
    assert [i[3] for i in items] == [p["李强"], p["张伟"], p["张伟"], p["王磊"]]
    assert dutybook.rotation_proposal(qm, "leader", [], D1, D1) == []


def test_the_roster_proposes_whoever_is_on_duty_that_day(db, book, ref):
    p, qm, office = book["people"], book["qianmen"], book["office"]
    d2, d3 = D1 + dt.timedelta(days=1), D1 + dt.timedelta(days=2)
    with db.begin() as s:
        for name, day in (("王磊", D1), ("张伟", D1), ("刘洋", D1), ("陈杰", D1), ("李强", d2), ("刘洋", d2),
                          ("赵勇", D1), ("孙丽", D1)):
            assign_duty(s, p[name], "值", day, station_id=qm if name not in ("赵勇", "孙丽") else office)
        assign_duty(s, p["张伟"], "值", d3, station_id=qm)
        s.add(Absence(person_id=p["张伟"], kind="sick", start=dt.datetime.combine(d3, dt.time()),
                      end=dt.datetime.combine(d3 + dt.timedelta(days=1), dt.time())))
        assert s.scalar(select(func.count()).select_from(Duty)) == 9
        assert s.scalar(select(ShiftType.is_duty).where(ShiftType.code == "值"))
    with db.read() as s:
        proposal = dutybook.roster_proposal(s, qm, D1, d3)
        office_proposal = dutybook.roster_proposal(s, office, D1, D1)
    got = {(i[1], i[2]): i[3] for i in proposal.items}
    # 站长 before 指导员; the other officer keeps the station's watch; the signaller has 通信值班.
    assert got[D1, "leader"] == p["张伟"] and got[D1, "officer"] == p["王磊"] and got[D1, "dispatch"] == p["陈杰"]
    assert got[d2, "leader"] == p["李强"] and got[d2, "officer"] == p["刘洋"]
    assert (d2, "dispatch") in proposal.missing
    # 张伟 is off sick on the third day: nobody is proposed and the day is said to be missing.
    assert (d3, "leader") not in got and (d3, "leader") in proposal.missing
    # 赵勇 has no position: the office's leader needs 指挥员资格 or a leader's position, so the day is missing.
    assert (D1, "det_leader") in office_proposal.missing


def test_the_picker_finds_people_by_name_staff_number_and_pinyin(db, book):
    with db.read() as s:
        people = dutybook.candidates(s, [book["qianmen"]])[book["qianmen"]]
    # Officers first, in the order of their positions.
    assert [c.name for c in people][:3] == ["张伟", "王磊", "李强"]
    assert all(c.officer for c in people[:3]) and not people[3].officer
    assert [c.name for c in dutybook.match(people, "zw")] == ["张伟"]
    assert [c.name for c in dutybook.match(people, "ZW")] == ["张伟"]
    assert [c.name for c in dutybook.match(people, "T001")] == ["王磊"]
    assert [c.name for c in dutybook.match(people, "李强")] == ["李强"]
    assert [c.name for c in dutybook.match(people, "liuyang")] == ["刘洋"]
    assert [c.name for c in dutybook.match(people, people[4].label)] == [people[4].name]
    assert [c.name for c in dutybook.match(people, "l")] == ["李强", "刘洋"]  # begins so: both
    assert dutybook.match(people, "杨帆") == []
