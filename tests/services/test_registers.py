"""The people and vehicle registers as a clerk uses them, on a real SQLite database."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from rosterapp import i18n
from rosterapp.errors import Conflict, NotFound, ValidationError
from rosterapp.models import Absence, Person, Vehicle
from rosterapp.services import duties, registers
from rosterapp.services.registers import PersonData, VehicleData


def person(ref, **changes) -> PersonData:
    data = PersonData(
        staff_no="DC0001", name="张伟", station_id=ref.station["前门"], sex="M",
        birth_date=dt.date(1995, 6, 1), rank_id=ref.rank["三级消防士"], position_id=ref.position["驾驶员"],
        phone="13800138000", qualification_ids=(ref.qualification["消防车驾驶"], ref.qualification["空呼"]),
    )
    return replace(data, **changes)


def vehicle(ref, **changes) -> VehicleData:
    data = VehicleData(plate="京X·1234应急", call_sign="前门1号水罐", type_id=ref.vehicle_type["SG"],
                       station_id=ref.station["前门"])
    return replace(data, **changes)


def count(db, model) -> int:
    with db.begin() as s:
        return s.scalar(select(func.count()).select_from(model))


def fields_of(exc: ValidationError) -> set[str]:
    return {e.field for e in exc.errors}


# People.

def test_a_new_person_is_listed_with_names_resolved(db, ref):
    with db.begin() as s:
        pid = registers.create_person(s, person(ref))
    with db.begin() as s:
        [row] = registers.list_people(s)
    assert row.id == pid
    assert (row.staff_no, row.name, row.rank, row.position) == ("DC0001", "张伟", "三级消防士", "驾驶员")
    assert (row.station, row.detachment) == ("前门消防救援站", "东城支队")
    assert row.qualifications == ("消防车驾驶", "空呼")
    assert row.active


def test_people_are_filtered_by_detachment_station_and_active(db, ref):
    with db.begin() as s:
        registers.create_person(s, person(ref))
        registers.create_person(s, person(ref, staff_no="DC0002", station_id=ref.station["金宝街"],
                                          qualification_ids=()))
        gone = registers.create_person(s, person(ref, staff_no="HD0001", station_id=ref.station["双榆树"]))
        registers.deactivate_person(s, gone)
    with db.begin() as s:
        assert [r.staff_no for r in registers.list_people(s, detachment_id=ref.detachment["DC"])] == [
            "DC0001", "DC0002"]
        assert [r.staff_no for r in registers.list_people(s, station_id=ref.station["金宝街"])] == ["DC0002"]
        assert [r.staff_no for r in registers.list_people(s, active=False)] == ["HD0001"]
        assert registers.list_people(s, station_id=ref.station["金宝街"])[0].qualifications == ()


def test_a_duplicate_staff_number_is_refused_naming_its_holder_and_nothing_is_written(db, ref):
    with db.begin() as s:
        registers.create_person(s, person(ref))
    with pytest.raises(ValidationError) as info, db.begin() as s:
        registers.create_person(s, person(ref, name="李娜", staff_no=" DC0001\u3000"))
    assert info.value.errors[0].field == "staff_no"
    assert info.value.errors[0].reason == "工号 DC0001 已被 张伟 使用。"
    assert count(db, Person) == 1


def test_full_width_staff_numbers_are_the_same_number(db, ref):
    with db.begin() as s:
        registers.create_person(s, person(ref))
    with pytest.raises(ValidationError), db.begin() as s:
        registers.create_person(s, person(ref, staff_no="ＤＣ０００１"))


def test_all_bad_fields_are_reported_at_once(db, ref):
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    bad = person(ref, staff_no="\u3000 ", name="\u3000", phone="12345", birth_date=tomorrow,
                 station_id=9999, rank_id=9999, qualification_ids=(9999,))
    with pytest.raises(ValidationError) as info, db.begin() as s:
        registers.create_person(s, bad)
    assert fields_of(info.value) == {"staff_no", "name", "phone", "birth_date", "station_id", "rank_id",
                                     "qualification_ids"}
    reasons = [e.reason for e in info.value.errors]
    assert "工号不能为空。" in reasons and "姓名不能为空。" in reasons
    assert "手机号必须为 11 位且以 1 开头。" in reasons
    assert count(db, Person) == 0


def test_names_are_stripped_and_phone_numbers_normalised(db, ref):
    with db.begin() as s:
        pid = registers.create_person(s, person(ref, staff_no="\u3000DC0009 ", name="\u3000王芳\u3000",
                                                phone="138-0013 8000"))
        other = registers.create_person(s, person(ref, staff_no="DC0010", phone="１３９００１３９０００"))
    with db.begin() as s:
        data = registers.get_person(s, pid)
        assert (data.staff_no, data.name, data.phone) == ("DC0009", "王芳", "13800138000")
        assert registers.get_person(s, other).phone == "13900139000"


def test_an_empty_phone_is_allowed_but_a_landline_is_not(db, ref):
    with db.begin() as s:
        registers.create_person(s, person(ref, phone=""))
    with pytest.raises(ValidationError) as info, db.begin() as s:
        registers.create_person(s, person(ref, staff_no="DC0002", phone="010-65123456"))
    assert fields_of(info.value) == {"phone"}


def test_update_keeps_its_own_staff_number_and_replaces_qualifications(db, ref):
    with db.begin() as s:
        pid = registers.create_person(s, person(ref))
        registers.create_person(s, person(ref, staff_no="DC0002", name="李娜"))
    with db.begin() as s:
        registers.update_person(s, pid, person(ref, name="张伟强",
                                               qualification_ids=(ref.qualification["破拆"],)))
    with db.begin() as s:
        data = registers.get_person(s, pid)
        assert data.name == "张伟强"
        assert data.qualification_ids == (ref.qualification["破拆"],)
    with pytest.raises(ValidationError) as info, db.begin() as s:
        registers.update_person(s, pid, person(ref, staff_no="DC0002"))
    assert "李娜" in info.value.errors[0].reason


def test_a_person_with_duties_cannot_be_deleted_but_can_be_deactivated(db, ref):
    with db.begin() as s:
        pid = registers.create_person(s, person(ref))
        duties.assign_duty(s, pid, "值", dt.date(2027, 3, 5))
    with pytest.raises(Conflict) as info, db.begin() as s:
        registers.delete_person(s, pid)
    assert info.value.message == "张伟 已有排班记录，不能删除，只能停用。"
    with db.begin() as s:
        registers.deactivate_person(s, pid)
    with db.begin() as s:
        assert registers.list_people(s, active=True) == []
        registers.reactivate_person(s, pid)
    with db.begin() as s:
        assert [r.id for r in registers.list_people(s, active=True)] == [pid]


def test_a_person_without_duties_is_deleted_with_their_absences(db, ref):
    with db.begin() as s:
        pid = registers.create_person(s, person(ref))
        registers.add_absence(s, pid, "leave", dt.date(2027, 3, 1), dt.date(2027, 3, 2))
    with db.begin() as s:
        registers.delete_person(s, pid)
    assert count(db, Person) == 0
    assert count(db, Absence) == 0
    with pytest.raises(NotFound) as info, db.begin() as s:
        registers.delete_person(s, pid)
    assert info.value.message == f"未知人员：{pid}"


def test_messages_follow_the_language(db, ref):
    with db.begin() as s:
        registers.create_person(s, person(ref))
    i18n.set_language("en")
    with pytest.raises(ValidationError) as info, db.begin() as s:
        registers.create_person(s, person(ref, name="李娜", phone="123"))
    assert [e.reason for e in info.value.errors] == [
        "Staff number DC0001 is already used by 张伟.",
        "The phone number must have 11 digits and start with 1.",
    ]


# Absences.

def test_absence_dates_are_whole_days_and_times_are_kept(db, ref):
    with db.begin() as s:
        pid = registers.create_person(s, person(ref))
        leave = registers.add_absence(s, pid, "holiday", dt.date(2027, 3, 1), dt.date(2027, 3, 3), "探亲")
        course = registers.add_absence(s, pid, "training", dt.datetime(2027, 3, 10, 9),
                                       dt.datetime(2027, 3, 10, 17))
    with db.begin() as s:
        rows = registers.list_absences(s, person_id=pid)
    assert [(r.id, r.kind, r.start, r.end, r.note) for r in rows] == [
        (leave, "holiday", dt.datetime(2027, 3, 1, 8), dt.datetime(2027, 3, 4, 8), "探亲"),
        (course, "training", dt.datetime(2027, 3, 10, 9), dt.datetime(2027, 3, 10, 17), ""),
    ]


def test_absences_are_listed_by_overlap_with_a_range(db, ref):
    with db.begin() as s:
        pid = registers.create_person(s, person(ref))
        registers.add_absence(s, pid, "sick", dt.date(2027, 3, 1), dt.date(2027, 3, 3))
        later = registers.add_absence(s, pid, "errand", dt.date(2027, 3, 8), dt.date(2027, 3, 9))
    with db.begin() as s:
        found = registers.list_absences(s, start=dt.date(2027, 3, 4), end=dt.date(2027, 3, 8))
        assert [r.id for r in found] == [later]
        # Half-open: an absence ending at the 03-04 handover does not reach into the duty day 03-04.
        assert registers.list_absences(s, start=dt.date(2027, 3, 4), end=dt.date(2027, 3, 7)) == []
        registers.remove_absence(s, later)
    with db.begin() as s:
        assert len(registers.list_absences(s, person_id=pid)) == 1


def test_a_bad_absence_is_refused(db, ref):
    with db.begin() as s:
        pid = registers.create_person(s, person(ref))
    with pytest.raises(ValidationError) as info, db.begin() as s:
        registers.add_absence(s, pid, "vacation", dt.datetime(2027, 3, 2, 8), dt.datetime(2027, 3, 2, 8))
    assert [e.reason for e in info.value.errors] == ["未知缺勤类别：vacation", "结束时间必须晚于开始时间。"]
    # One day given as dates is a whole day, not an empty interval.
    with db.begin() as s:
        registers.add_absence(s, pid, "leave", dt.date(2027, 3, 2), dt.date(2027, 3, 2))
    assert count(db, Absence) == 1


# Vehicles.

def test_a_vehicle_takes_its_types_seats_unless_given(db, ref):
    with db.begin() as s:
        sg = registers.create_vehicle(s, vehicle(ref))
        yt = registers.create_vehicle(s, vehicle(ref, plate="京X·5678应急", type_id=ref.vehicle_type["YT"],
                                                 seats=4))
    with db.begin() as s:
        rows = {r.id: r for r in registers.list_vehicles(s)}
    assert (rows[sg].seats, rows[sg].type_code, rows[sg].station, rows[sg].status) == (
        6, "SG", "前门消防救援站", "in_service")
    assert rows[yt].seats == 4


@pytest.mark.parametrize("seats", [0, 13, True, 2.5])
def test_seats_must_be_1_to_12(db, ref, seats):
    with pytest.raises(ValidationError) as info, db.begin() as s:
        registers.create_vehicle(s, vehicle(ref, seats=seats))
    assert [e.reason for e in info.value.errors] == ["座位数必须是 1 到 12 的整数。"]
    assert count(db, Vehicle) == 0


def test_plates_are_unique_and_statuses_known(db, ref):
    with db.begin() as s:
        vid = registers.create_vehicle(s, vehicle(ref))
    with pytest.raises(ValidationError) as info, db.begin() as s:
        registers.create_vehicle(s, vehicle(ref, plate=" 京Ｘ·1234应急 ", status="broken"))
    assert [e.reason for e in info.value.errors] == ["车牌号 京X·1234应急 已登记。", "未知车辆状态：broken"]
    with db.begin() as s:
        registers.update_vehicle(s, vid, vehicle(ref, status="maintenance", call_sign="前门2号水罐"))
    with db.begin() as s:
        data = registers.get_vehicle(s, vid)
    assert (data.status, data.call_sign, data.seats) == ("maintenance", "前门2号水罐", 6)


def test_a_vehicle_with_history_cannot_be_deleted_but_can_be_deactivated(db, ref):
    with db.begin() as s:
        used = registers.create_vehicle(s, vehicle(ref))
        spare = registers.create_vehicle(s, vehicle(ref, plate="京X·9999应急"))
        duties.deploy_vehicle(s, used, dt.date(2027, 3, 5), dt.date(2027, 3, 5),
                              station_id=ref.station["金宝街"])
        registers.add_maintenance(s, spare, dt.date(2027, 3, 1), dt.date(2027, 3, 2))
    with pytest.raises(Conflict) as info, db.begin() as s:
        registers.delete_vehicle(s, used)
    assert info.value.message == "京X·1234应急 已有排班或调派记录，不能删除，只能停用。"
    with db.begin() as s:
        registers.deactivate_vehicle(s, used)
        registers.delete_vehicle(s, spare)
    with db.begin() as s:
        assert [(r.id, r.active) for r in registers.list_vehicles(s)] == [(used, False)]
        assert registers.list_maintenance(s) == []


def test_maintenance_windows(db, ref):
    with db.begin() as s:
        vid = registers.create_vehicle(s, vehicle(ref))
        mid = registers.add_maintenance(s, vid, dt.date(2027, 3, 1), dt.date(2027, 3, 2), " 换轮胎 ")
    with db.begin() as s:
        [row] = registers.list_maintenance(s, vehicle_id=vid, start=dt.date(2027, 3, 2),
                                           end=dt.date(2027, 3, 2))
        assert (row.id, row.start, row.end, row.reason) == (
            mid, dt.datetime(2027, 3, 1, 8), dt.datetime(2027, 3, 3, 8), "换轮胎")
        assert registers.list_maintenance(s, start=dt.date(2027, 3, 3)) == []
    with pytest.raises(ValidationError), db.begin() as s:
        registers.add_maintenance(s, vid, dt.datetime(2027, 3, 2), dt.datetime(2027, 3, 1))
    with db.begin() as s:
        registers.remove_maintenance(s, mid)
        assert registers.list_maintenance(s) == []
