"""What a clerk may enter, checked where it enters the services: lengths, birth dates, invisible characters.

The forms, the imports and the command line all go through these services, so each gets the same
reasons (tests/ui/test_registers.py and tests/services/excel/test_import_registers.py show them there).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import select

from rosterapp import clock
from rosterapp.errors import ValidationError
from rosterapp.models import Absence, Maintenance, Person, Post, Vehicle
from rosterapp.services import operations, registers
from rosterapp.services.operations import OperationData, PostData
from rosterapp.services.registers import PersonData, VehicleData


def person(ref, **changes) -> PersonData:
    return replace(PersonData(staff_no="DC0001", name="张伟", station_id=ref.station["前门"],
                              birth_date=dt.date(1995, 6, 1)), **changes)


def vehicle(ref, **changes) -> VehicleData:
    return replace(VehicleData(plate="京X·1234应急", call_sign="前门1号水罐", type_id=ref.vehicle_type["SG"],
                               station_id=ref.station["前门"]), **changes)


def refused(db, make) -> dict[str, str]:
    """The reasons, by field, of a write that must be refused (and leave nothing written)."""
    with pytest.raises(ValidationError) as info, db.begin() as s:
        make(s)
    return {e.field: e.reason for e in info.value.errors}


def sixteen_years_ago() -> dt.date:
    today = clock.today()
    try:
        return today.replace(year=today.year - 16)
    except ValueError:
        return today.replace(year=today.year - 16, day=28)


# -- lengths ---------------------------------------------------------------------------------------

def test_a_staff_number_of_5000_characters_is_refused_and_32_are_kept(db, ref):
    assert refused(db, lambda s: registers.create_person(s, person(ref, staff_no="1" * 5000))) == {
        "staff_no": "工号最多 32 个字符（现为 5000 个）。"}
    with db.begin() as s:
        registers.create_person(s, person(ref, staff_no="1" * 32))
    with db.begin() as s:
        assert s.scalar(select(Person.staff_no)) == "1" * 32


def test_a_name_of_32767_characters_is_refused_and_50_are_kept(db, ref):
    assert refused(db, lambda s: registers.create_person(s, person(ref, name="张" * 32767))) == {
        "name": "姓名最多 50 个字符（现为 32767 个）。"}
    with db.begin() as s:
        registers.create_person(s, person(ref, name="张" * 50))


def test_long_notes_and_remarks_are_refused(db, ref):
    with db.begin() as s:
        pid = registers.create_person(s, person(ref))
        vid = registers.create_vehicle(s, vehicle(ref))
    day = dt.date(2027, 3, 1)
    assert refused(db, lambda s: registers.add_absence(s, pid, "holiday", day, day, "假" * 201)) == {
        "note": "备注最多 200 个字符（现为 201 个）。"}
    assert refused(db, lambda s: registers.add_maintenance(s, vid, day, day, "修" * 201)) == {
        "reason": "原因最多 200 个字符（现为 201 个）。"}
    assert refused(db, lambda s: operations.create_operation(s, OperationData(
        name="两会", start_date=day, end_date=day, remarks="注" * 501))) == {"remarks": "备注最多 500 个字符（现为 501 个）。"}
    with db.begin() as s:
        registers.add_absence(s, pid, "holiday", day, day, "假" * 200)
        registers.add_maintenance(s, vid, day, day, "修" * 200)
        op = operations.create_operation(s, OperationData(name="两会", start_date=day, end_date=day,
                                                          remarks="注" * 500))
    post = PostData(operation_id=op, code="Q-01", name="北京饭店", post_type="hotel", duty_mode="stationed",
                    detachment_id=ref.detachment["DC"], active_from=dt.datetime(2027, 3, 1, 8),
                    active_to=dt.datetime(2027, 3, 2, 8))
    assert refused(db, lambda s: operations.create_post(s, replace(post, remarks="注" * 501, code="Q-" + "1" * 20,
                                                                   name="店" * 51))) == {
        "remarks": "备注最多 500 个字符（现为 501 个）。", "code": "点位编号最多 16 个字符（现为 22 个）。",
        "name": "点位名称最多 50 个字符（现为 51 个）。"}
    with db.begin() as s:
        operations.create_post(s, replace(post, remarks="注" * 500))
    with db.begin() as s:
        assert len(s.scalar(select(Absence.note))) == 200 and len(s.scalar(select(Maintenance.reason))) == 200
        assert len(s.scalar(select(Post.remarks))) == 500


def test_long_plates_call_signs_and_station_names_are_refused(db, ref):
    reasons = refused(db, lambda s: registers.create_vehicle(s, vehicle(ref, plate="京X" + "1" * 40,
                                                                        call_sign="号" * 61)))
    assert reasons == {"plate": "车牌号最多 32 个字符（现为 43 个）。", "call_sign": "呼号最多 60 个字符（现为 61 个）。"}
    assert refused(db, lambda s: registers.add_station(s, ref.detachment["DC"], "站" * 41)) == {
        "name": "站名最多 40 个字符（现为 41 个）。"}


def test_the_reasons_are_in_english_with_lang_en(db, ref):
    from rosterapp import i18n

    i18n.set_language("en")
    assert refused(db, lambda s: registers.create_person(s, person(ref, staff_no="1" * 33))) == {
        "staff_no": "Staff number must be at most 32 characters (33 given)."}


# -- birth dates -----------------------------------------------------------------------------------

@pytest.mark.parametrize("born, reason", [
    (dt.date(1800, 1, 1), "出生日期不能早于 1940-01-01。"),
    (dt.date(1939, 12, 31), "出生日期不能早于 1940-01-01。"),
    ("a day after sixteen years ago", "出生日期不能晚于 {last}：须年满 16 周岁。"),
    ("tomorrow", "出生日期不能晚于今天。"),
])
def test_a_birth_date_out_of_range_is_refused(db, ref, born, reason):
    last = sixteen_years_ago()
    born = {"a day after sixteen years ago": last + dt.timedelta(days=1),
            "tomorrow": clock.today() + dt.timedelta(days=1)}.get(born, born)
    assert refused(db, lambda s: registers.create_person(s, person(ref, birth_date=born))) == {
        "birth_date": reason.format(last=last.isoformat())}


def test_the_birth_dates_at_the_edges_are_kept(db, ref):
    with db.begin() as s:
        registers.create_person(s, person(ref, birth_date=dt.date(1940, 1, 1)))
        registers.create_person(s, person(ref, staff_no="DC0002", birth_date=sixteen_years_ago()))


# -- invisible characters --------------------------------------------------------------------------

@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\x00", "\t", "\x7f"])
def test_an_invisible_character_in_a_staff_number_makes_no_look_alike_duplicate(db, ref, invisible):
    with db.begin() as s:
        registers.create_person(s, person(ref, staff_no="0012"))
    assert refused(db, lambda s: registers.create_person(s, person(ref, staff_no=f"00{invisible}12",
                                                                   name="李娜"))) == {
        "staff_no": "工号 0012 已被 张伟 使用。"}


def test_invisible_characters_are_removed_from_keys_and_names_before_they_are_stored(db, ref):
    with db.begin() as s:
        pid = registers.create_person(s, person(ref, staff_no="\ufeffDC\u200b0009", name="王\u200b伟\u2060"))
        registers.create_vehicle(s, vehicle(ref, plate="京X\u200d·0050\x00应急", call_sign="前门\u200b2号"))
        op = operations.create_operation(s, OperationData(name="两\u200b会", start_date=dt.date(2027, 3, 1),
                                                          end_date=dt.date(2027, 3, 2)))
        operations.create_post(s, PostData(
            operation_id=op, code="Q\u200b-01", name="北京\u200b饭店", post_type="hotel", duty_mode="stationed",
            detachment_id=ref.detachment["DC"], active_from=dt.datetime(2027, 3, 1, 8),
            active_to=dt.datetime(2027, 3, 2, 8)))
        registers.add_station(s, ref.detachment["DC"], "东\u200b直门消防救援站")
    with db.begin() as s:
        p = s.get(Person, pid)
        assert (p.staff_no, p.name) == ("DC0009", "王伟")
        v = s.scalar(select(Vehicle))
        assert (v.plate, v.call_sign) == ("京X·0050应急", "前门2号")
        assert s.scalar(select(Post.code)) == "Q-01" and s.scalar(select(Post.name)) == "北京饭店"
        assert [o.name for o in operations.list_operations(s)] == ["两会"]
        assert "东直门消防救援站" in {r.name for r in registers.list_stations(s)}


def test_a_name_of_invisible_characters_only_is_empty(db, ref):
    assert refused(db, lambda s: registers.create_person(s, person(ref, name="\u200b\u200b"))) == {
        "name": "姓名不能为空。"}


# -- dates the program plans -----------------------------------------------------------------------

def test_dates_beyond_the_programs_days_are_refused_not_overflowed(db, ref):
    with db.begin() as s:
        pid = registers.create_person(s, person(ref))
    end = dt.date(9999, 12, 31)
    assert refused(db, lambda s: registers.add_absence(s, pid, "holiday", dt.date(2027, 3, 1), end)) == {
        "start": "9999-12-31 不在 rosterapp 可排班的日期范围内：日期须在 2000-01-01 至 2099-12-31 之间。"}
    assert "end_date" in refused(db, lambda s: operations.create_operation(s, OperationData(
        name="两会", start_date=dt.date(2027, 3, 1), end_date=end)))
