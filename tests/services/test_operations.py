"""Security tasks and their posts: editing, listing and planning next year's from this year's."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from rosterapp import i18n
from rosterapp.errors import NotFound, ValidationError
from rosterapp.models import Duty, Post, PostVehicleRequirement, RuleSetting, VehicleDeployment
from rosterapp.services import duties, operations, registers
from rosterapp.services.operations import OperationData, PostData
from rosterapp.services.registers import PersonData, VehicleData

LIANGHUI = OperationData(name="2027年全国两会消防安保", start_date=dt.date(2027, 3, 3),
                         end_date=dt.date(2027, 3, 12), readiness="level2", remarks="总体方案")


def post(ref, operation_id: int, **changes) -> PostData:
    data = PostData(
        operation_id=operation_id, code="Q-01", name="北京饭店", post_type="hotel", duty_mode="stationed",
        detachment_id=ref.detachment["DC"], station_id=ref.station["前门"], address="东长安街33号",
        radio_channel="3频道", arrival_minutes=3, active_from=dt.datetime(2027, 3, 3, 8),
        active_to=dt.datetime(2027, 3, 12, 20), min_people=5,
        vehicle_requirements=((ref.vehicle_type["SG"], 1),),
        required_qualification_ids=(ref.qualification["空呼"],),
    )
    return replace(data, **changes)


def count(db, model) -> int:
    with db.begin() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_operations_are_created_listed_updated_and_deleted(db):
    with db.begin() as s:
        oid = operations.create_operation(s, replace(LIANGHUI, name="\u30002027年全国两会消防安保 "))
    with db.begin() as s:
        [row] = operations.list_operations(s)
        assert (row.id, row.name, row.start_date, row.readiness) == (
            oid, "2027年全国两会消防安保", dt.date(2027, 3, 3), "level2")
        operations.update_operation(s, oid, replace(LIANGHUI, readiness="level1"))
    with db.begin() as s:
        assert operations.get_operation(s, oid) == replace(LIANGHUI, readiness="level1")
        assert operations.delete_operation(s, oid) == duties.Change()
    with db.begin() as s:
        assert operations.list_operations(s) == []


def test_a_bad_operation_is_refused(db):
    with db.begin() as s:
        operations.create_operation(s, LIANGHUI)
    bad = replace(LIANGHUI, end_date=dt.date(2027, 3, 1), readiness="level9")
    with pytest.raises(ValidationError) as info, db.begin() as s:
        operations.create_operation(s, bad)
    assert [e.reason for e in info.value.errors] == [
        "已有名为 2027年全国两会消防安保 的保卫任务。", "结束日期早于开始日期。", "未知战备等级：level9"]
    i18n.set_language("en")
    with pytest.raises(ValidationError) as info, db.begin() as s:
        operations.create_operation(s, replace(LIANGHUI, name=" "))
    assert [e.reason for e in info.value.errors] == ["operation name must not be empty."]


def test_a_post_is_listed_with_its_requirements(db, ref):
    with db.begin() as s:
        oid = operations.create_operation(s, LIANGHUI)
        pid = operations.create_post(s, post(ref, oid, vehicle_requirements=(
            (ref.vehicle_type["SG"], 1), (ref.vehicle_type["PM"], 2))))
    with db.begin() as s:
        [row] = operations.list_posts(s, oid)
        data = operations.get_post(s, pid)
    assert (row.id, row.code, row.name, row.detachment, row.station) == (
        pid, "Q-01", "北京饭店", "东城支队", "前门消防救援站")
    assert row.vehicles == (("水罐消防车", 1), ("泡沫消防车", 2))
    assert row.qualifications == ("空呼",)
    assert (row.handover_time, row.rotation, row.needs_commander) == (dt.time(8), "24h", True)
    assert data == post(ref, oid, vehicle_requirements=(
        (ref.vehicle_type["SG"], 1), (ref.vehicle_type["PM"], 2)))


def test_post_codes_are_unique_within_an_operation_only(db, ref):
    with db.begin() as s:
        first = operations.create_operation(s, LIANGHUI)
        other = operations.create_operation(s, replace(LIANGHUI, name="党代会消防安保"))
        operations.create_post(s, post(ref, first))
        operations.create_post(s, post(ref, other))
    with pytest.raises(ValidationError) as info, db.begin() as s:
        operations.create_post(s, post(ref, first, code="Ｑ-01"))
    assert [e.reason for e in info.value.errors] == ["本任务中已有点位编号 Q-01。"]
    assert count(db, Post) == 2


def test_a_bad_post_reports_every_field(db, ref):
    with db.begin() as s:
        oid = operations.create_operation(s, LIANGHUI)
    bad = post(ref, oid, code=" ", name="", post_type="bank", duty_mode="sleep", rotation="48h",
               detachment_id=999, active_to=dt.datetime(2027, 3, 3, 8), arrival_minutes=0, min_people=-1,
               vehicle_requirements=((ref.vehicle_type["SG"], 1), (ref.vehicle_type["SG"], 0), (999, 1)),
               required_qualification_ids=(999,))
    with pytest.raises(ValidationError) as info, db.begin() as s:
        operations.create_post(s, bad)
    assert {e.field for e in info.value.errors} == {
        "code", "name", "post_type", "duty_mode", "rotation", "detachment_id", "end", "arrival_minutes",
        "min_people", "vehicle_requirements", "required_qualification_ids"}
    reasons = [e.reason for e in info.value.errors]
    assert "车型 水罐消防车 重复列出。" in reasons
    assert "每种车型的数量至少为 1。" in reasons
    assert count(db, Post) == 0


def test_updating_a_post_replaces_its_requirements(db, ref):
    with db.begin() as s:
        oid = operations.create_operation(s, LIANGHUI)
        pid = operations.create_post(s, post(ref, oid))
    changed = post(ref, oid, name="北京饭店（贵宾楼）", min_people=10,
                   vehicle_requirements=((ref.vehicle_type["SG"], 2), (ref.vehicle_type["JY"], 1)),
                   required_qualification_ids=(ref.qualification["高层救援"], ref.qualification["空呼"]))
    with db.begin() as s:
        operations.update_post(s, pid, changed)
    with db.begin() as s:
        assert operations.get_post(s, pid) == replace(
            changed, required_qualification_ids=tuple(sorted(changed.required_qualification_ids)))
        operations.update_post(s, pid, replace(changed, vehicle_requirements=()))
    assert count(db, PostVehicleRequirement) == 0


def test_deleting_a_post_takes_its_staffing_and_says_what_it_touched(db, ref):
    with db.begin() as s:
        oid = operations.create_operation(s, LIANGHUI)
        pid = operations.create_post(s, post(ref, oid))
        qianmen = ref.station["前门"]
        man = registers.create_person(s, PersonData(staff_no="DC1", name="赵强", station_id=qianmen))
        truck = registers.create_vehicle(s, VehicleData(plate="京X·0001应急", call_sign="",
                                                        station_id=qianmen, type_id=ref.vehicle_type["SG"]))
        duties.assign_duty(s, man, "值", dt.date(2027, 3, 5), post_id=pid, vehicle_id=truck)
        duties.deploy_vehicle(s, truck, dt.datetime(2027, 3, 5, 8), dt.datetime(2027, 3, 6, 8), post_id=pid)
    with db.begin() as s:
        change = operations.delete_post(s, pid)
    assert change == duties.Change(people=frozenset([man]), vehicles=frozenset([truck]),
                                   posts=frozenset([pid]),
                                   days=frozenset([dt.date(2027, 3, 5), dt.date(2027, 3, 6)]))
    assert count(db, Duty) == count(db, VehicleDeployment) == 0
    with pytest.raises(NotFound), db.begin() as s:
        operations.list_posts(s, oid + 1)


def test_deleting_an_operation_takes_its_posts_and_their_staffing(db, ref):
    with db.begin() as s:
        oid = operations.create_operation(s, LIANGHUI)
        pid = operations.create_post(s, post(ref, oid))
        man = registers.create_person(s, PersonData(staff_no="DC1", name="赵强",
                                                    station_id=ref.station["前门"]))
        duties.assign_duty(s, man, "白", dt.date(2027, 3, 5), post_id=pid)
        kept, _ = duties.assign_duty(s, man, "值", dt.date(2027, 3, 6))
    with db.begin() as s:
        change = operations.delete_operation(s, oid)
    assert (change.people, change.posts, change.days) == (
        frozenset([man]), frozenset([pid]), frozenset([dt.date(2027, 3, 5)]))
    assert count(db, Post) == count(db, PostVehicleRequirement) == 0
    with db.begin() as s:
        assert s.scalars(select(Duty.id)).all() == [kept]


def test_copy_operation_shifts_every_date_and_copies_no_staffing(db, ref):
    with db.begin() as s:
        oid = operations.create_operation(s, LIANGHUI)
        q1 = operations.create_post(s, post(ref, oid))
        operations.create_post(s, post(ref, oid, code="Q-02", name="梅地亚中心", post_type="press",
                                       duty_mode="forward", vehicle_requirements=()))
        man = registers.create_person(s, PersonData(staff_no="DC1", name="赵强",
                                                    station_id=ref.station["前门"]))
        duties.assign_duty(s, man, "值", dt.date(2027, 3, 5), post_id=q1)
        s.add(RuleSetting(key="min_rest_hours", value=12.0, operation_id=oid))
    with db.begin() as s:
        new = operations.copy_operation(s, oid, "2028年全国两会消防安保", dt.date(2028, 3, 4))
    shift = dt.date(2028, 3, 4) - dt.date(2027, 3, 3)
    with db.begin() as s:
        copied = operations.get_operation(s, new)
        assert (copied.start_date, copied.end_date, copied.readiness, copied.remarks) == (
            dt.date(2028, 3, 4), dt.date(2028, 3, 13), "level2", "总体方案")
        old_posts, new_posts = operations.list_posts(s, oid), operations.list_posts(s, new)
        assert [p.code for p in new_posts] == ["Q-01", "Q-02"]
        for old, copy in zip(old_posts, new_posts, strict=True):
            assert (copy.active_from, copy.active_to) == (old.active_from + shift, old.active_to + shift)
            assert (copy.name, copy.vehicles, copy.qualifications) == (
                old.name, old.vehicles, old.qualifications)
        assert new_posts[0].active_from == dt.datetime(2028, 3, 4, 8)
        staffed = select(func.count()).select_from(Duty).where(Duty.post_id.in_([p.id for p in new_posts]))
        assert s.scalar(staffed) == 0
        assert s.scalar(select(RuleSetting.value).where(RuleSetting.operation_id == new)) == 12.0
    with pytest.raises(ValidationError), db.begin() as s:
        operations.copy_operation(s, oid, "2028年全国两会消防安保", dt.date(2028, 3, 4))
