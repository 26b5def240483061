"""The organisation register (stations, their grade and minimum strength) and the records undo and redo use."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from rosterapp import i18n
from rosterapp.errors import Conflict, ValidationError
from rosterapp.models import Absence, Maintenance, Person, Station
from rosterapp.services import duties, lookup, registers
from rosterapp.services.registers import PersonData, VehicleData
from rosterapp.services.rules.data import load_registers


def stations_named(db) -> dict[str, registers.StationRow]:
    with db.begin() as s:
        return {row.name: row for row in registers.list_stations(s)}


# Stations.

def test_the_seeded_stations_are_listed_in_order_with_their_default_minimums(db):
    with db.begin() as s:
        rows = registers.list_stations(s)
    assert len(rows) == 18 + 6  # and the six staff offices, last in their detachments
    assert [r.name for r in rows[:3]] == ["前门消防救援站", "金宝街消防救援站", "龙潭湖消防救援站"]
    special = next(r for r in rows if r.name == "白纸坊特勤站")
    assert (special.grade, special.min_people, special.min_vehicles) == ("special", None, None)
    assert (special.effective_people, special.effective_vehicles) == (8, 2)
    assert (special.people, special.vehicles) == (0, 0)


def test_a_new_station_goes_last_in_its_detachment_with_the_grade_its_name_implies(db, ref):
    with db.begin() as s:
        sid = registers.add_station(s, ref.detachment["DC"], "  东直门特勤站\u3000")
    with db.begin() as s:
        rows = [r for r in registers.list_stations(s) if r.detachment_id == ref.detachment["DC"]]
        assert lookup.find_station(s, "东直门").id == sid  # clerks can type it without the suffix
    assert rows[-1].id == sid
    assert (rows[-1].name, rows[-1].short_name, rows[-1].grade) == ("东直门特勤站", "东直门", "special")


def test_a_station_name_must_be_new_and_not_empty(db, ref):
    with pytest.raises(ValidationError) as info, db.begin() as s:
        registers.add_station(s, ref.detachment["DC"], "前门")  # the short name of 前门消防救援站
    assert [(e.field, e.reason) for e in info.value.errors] == [
        ("name", "消防救援站 前门 已存在（前门消防救援站）。")]
    with pytest.raises(ValidationError) as info, db.begin() as s:
        registers.add_station(s, 9999, "\u3000", grade="castle", min_people=-1)
    assert {e.field for e in info.value.errors} == {"detachment_id", "name", "grade", "min_people"}
    with db.begin() as s:
        assert s.scalar(select(func.count()).select_from(Station)) == 18 + 6  # and the six staff offices


def test_renaming_keeps_people_and_history_and_may_keep_its_own_name(db, ref):
    with db.begin() as s:
        pid = registers.create_person(s, PersonData(staff_no="1", name="张伟", station_id=ref.station["前门"]))
        registers.rename_station(s, ref.station["前门"], "前门消防救援站")  # unchanged: no clash with itself
        registers.rename_station(s, ref.station["前门"], "正阳门消防救援站")
    with db.begin() as s:
        assert registers.list_people(s)[0].station == "正阳门消防救援站"
        assert s.get(Person, pid).station.short_name == "正阳门"
    with pytest.raises(ValidationError), db.begin() as s:
        registers.rename_station(s, ref.station["前门"], "金宝街")


def test_minimums_empty_means_the_grades_default_and_the_checker_reads_them(db, ref):
    sid = ref.station["前门"]
    with db.begin() as s:
        registers.set_station_minimum(s, sid, 12, 3)
    row = stations_named(db)["前门消防救援站"]
    assert (row.min_people, row.min_vehicles, row.effective_people) == (12, 3, 12)
    with db.begin() as s:
        assert (load_registers(s).stations[sid].min_people, load_registers(s).stations[sid].min_vehicles) == (12, 3)
        registers.set_station_minimum(s, sid, None, 0)
    with db.begin() as s:
        info = load_registers(s).stations[sid]
    assert (info.min_people, info.min_vehicles) == (5, 0)
    with pytest.raises(ValidationError) as caught, db.begin() as s:
        registers.set_station_minimum(s, sid, 1000, True)  # a bool is not a count
    assert {e.field for e in caught.value.errors} == {"min_people", "min_vehicles"}


def test_grade_changes_are_checked(db, ref):
    with db.begin() as s:
        registers.set_station_grade(s, ref.station["前门"], "special")
    assert stations_named(db)["前门消防救援站"].effective_people == 8
    with pytest.raises(ValidationError), db.begin() as s:
        registers.set_station_grade(s, ref.station["前门"], "huge")


def test_a_station_record_puts_back_name_and_minimums_and_none_removes_a_new_station(db, ref):
    with db.begin() as s:
        before = registers.station_record(s, ref.station["前门"])
        registers.rename_station(s, ref.station["前门"], "正阳门消防救援站")
        registers.set_station_minimum(s, ref.station["前门"], 9, None)
        new = registers.add_station(s, ref.detachment["DC"], "东直门消防救援站")
    with db.begin() as s:
        registers.restore_station(s, ref.station["前门"], before)
        registers.restore_station(s, new, None)
    rows = stations_named(db)
    assert "东直门消防救援站" not in rows and rows["前门消防救援站"].min_people is None


def test_a_station_with_people_is_not_removed_by_a_record(db, ref):
    with db.begin() as s:
        new = registers.add_station(s, ref.detachment["DC"], "东直门消防救援站")
        record = registers.station_record(s, new)
        registers.create_person(s, PersonData(staff_no="1", name="张伟", station_id=new))
    with pytest.raises(Conflict), db.begin() as s:
        registers.restore_station(s, new, None)
    with db.begin() as s:
        registers.restore_station(s, new, record)  # writing it as it is changes nothing
        assert s.get(Station, new).name == "东直门消防救援站"


def test_english_messages(db, ref):
    i18n.set_language("en")
    with pytest.raises(ValidationError) as info, db.begin() as s:
        registers.add_station(s, ref.detachment["DC"], "金宝街消防救援站", min_people=1000)
    assert [e.reason for e in info.value.errors] == [
        "Station 金宝街消防救援站 already exists (金宝街消防救援站).", "A minimum must be a whole number from 0 to 999."]


# Records of people and vehicles.

def test_a_person_record_puts_back_data_qualifications_and_absences_with_their_ids(db, ref):
    with db.begin() as s:
        pid = registers.create_person(s, PersonData(
            staff_no="DC1", name="张伟", station_id=ref.station["前门"], phone="13800138000",
            qualification_ids=(ref.qualification["消防车驾驶"],)))
        kept = registers.add_absence(s, pid, "holiday", dt.date(2027, 3, 1), dt.date(2027, 3, 5))
        before = registers.person_record(s, pid)
    with db.begin() as s:
        registers.update_person(s, pid, PersonData(staff_no="DC1", name="张伟伟", station_id=ref.station["金宝街"]))
        registers.remove_absence(s, kept)
        registers.add_absence(s, pid, "sick", dt.date(2027, 3, 8), dt.date(2027, 3, 9))
        after = registers.person_record(s, pid)
    with db.begin() as s:
        registers.restore_person(s, pid, before)
    with db.begin() as s:
        assert registers.person_record(s, pid) == before
        assert [a.id for a in registers.list_absences(s, person_id=pid)] == [kept]
        registers.restore_person(s, pid, after)
    with db.begin() as s:
        assert registers.person_record(s, pid) == after
        assert registers.get_person(s, pid).qualification_ids == ()


def test_a_deleted_person_comes_back_with_the_same_id_and_none_deletes_again(db, ref):
    with db.begin() as s:
        pid = registers.create_person(s, PersonData(staff_no="DC1", name="张伟", station_id=ref.station["前门"]))
        registers.add_absence(s, pid, "training", dt.date(2027, 3, 1), dt.date(2027, 3, 2))
        record = registers.person_record(s, pid)
        assert not registers.person_has_duties(s, pid)
        registers.delete_person(s, pid)
    with db.begin() as s:
        assert registers.person_record(s, pid) is None
        registers.restore_person(s, pid, record)
    with db.begin() as s:
        assert registers.person_record(s, pid) == record
        registers.restore_person(s, pid, None)
    with db.begin() as s:
        assert s.scalar(select(func.count()).select_from(Absence)) == 0


def test_a_person_with_duties_is_not_deleted_by_a_record(db, ref):
    with db.begin() as s:
        pid = registers.create_person(s, PersonData(staff_no="DC1", name="张伟", station_id=ref.station["前门"]))
        duties.assign_duty(s, pid, "值", dt.date(2027, 3, 1))
        assert registers.person_has_duties(s, pid)
    with pytest.raises(Conflict), db.begin() as s:
        registers.restore_person(s, pid, None)


def test_a_vehicle_record_puts_back_status_and_maintenance(db, ref):
    data = VehicleData(plate="京X·0001应急", call_sign="前门1号水罐", type_id=ref.vehicle_type["SG"],
                       station_id=ref.station["前门"])
    with db.begin() as s:
        vid = registers.create_vehicle(s, data)
        before = registers.vehicle_record(s, vid)
        registers.add_maintenance(s, vid, dt.date(2027, 3, 1), dt.date(2027, 3, 3), "换轮胎")
        registers.deactivate_vehicle(s, vid)
        after = registers.vehicle_record(s, vid)
        assert not registers.vehicle_has_history(s, vid)
    assert after.data.active is False and after.maintenance[0].reason == "换轮胎"
    with db.begin() as s:
        registers.restore_vehicle(s, vid, before)
    with db.begin() as s:
        assert registers.vehicle_record(s, vid) == before
        assert s.scalar(select(func.count()).select_from(Maintenance)) == 0
        registers.restore_vehicle(s, vid, after)
        registers.reactivate_vehicle(s, vid)
    with db.begin() as s:
        assert registers.vehicle_record(s, vid).data.active
        registers.restore_vehicle(s, vid, None)
        assert registers.vehicle_record(s, vid) is None


def test_register_choices_list_everything_a_form_offers(db):
    with db.begin() as s:
        choices = registers.register_choices(s)
    assert [c.name for c in choices.detachments][:2] == ["东城支队", "西城支队"]
    assert len(choices.stations) == 18 + 6 and choices.stations[0].name == "前门消防救援站"
    assert choices.positions[0].name == "站长" and choices.ranks[0].name == "预备消防士"
    assert "消防车驾驶" in [q.name for q in choices.qualifications]
    sg = next(t for t in choices.vehicle_types if t.code == "SG")
    assert sg.default_seats == 6


def test_phone_helpers_agree_with_the_register(db):
    assert registers.phone_is_valid("") and registers.phone_is_valid("138 0013-8000")
    assert registers.phone_is_valid("１３８００１３８０００")
    assert not registers.phone_is_valid("010-65123456") and not registers.phone_is_valid("1380013800")
    assert registers.clean_phone(" 138-0013 8000 ") == "13800138000"
