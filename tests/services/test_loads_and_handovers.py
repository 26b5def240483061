"""Agent loads in the vehicle register (form service and import) and the handover record service."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from rosterapp import i18n
from rosterapp.errors import StaleEdit, ValidationError
from rosterapp.models import DutyAssignment, Handover, Person, Vehicle
from rosterapp.services import handovers, registers
from rosterapp.services.changes import HANDOVERS
from rosterapp.services.excel.common import ImportRejected
from rosterapp.services.excel.importing import import_vehicles
from rosterapp.services.handovers import HandoverData
from rosterapp.services.registers import PersonData, VehicleData

DAY = dt.date(2027, 3, 5)


def vehicle(ref, **changes) -> VehicleData:
    return replace(VehicleData(plate="京X·1234应急", call_sign="前门1号泡沫", type_id=ref.vehicle_type["PM"],
                               station_id=ref.station["前门"]), **changes)


def loads(db, plate: str) -> tuple[float, float, float]:
    with db.begin() as s:
        v = s.scalar(select(Vehicle).where(Vehicle.plate == plate))
        return v.water_t, v.foam_t, v.powder_kg


# -- loads through the register's services -------------------------------------------------------

def test_a_new_vehicle_takes_its_types_loads_and_keeps_those_typed(db, ref):
    with db.begin() as s:
        registers.save_vehicle(s, None, vehicle(ref))
        registers.save_vehicle(s, None, vehicle(ref, plate="京X·1235应急", type_id=ref.vehicle_type["GF"]))
        registers.save_vehicle(s, None, vehicle(ref, plate="京X·1236应急", water_t=7.5, foam_t=1.5, powder_kg=0))
    assert loads(db, "京X·1234应急") == (6.0, 2.0, 0.0)  # 泡沫: 6 t water, 2 t foam
    assert loads(db, "京X·1235应急") == (2.0, 0.0, 2000.0)  # 干粉: 2,000 kg of powder
    assert loads(db, "京X·1236应急") == (7.5, 1.5, 0.0)
    with db.begin() as s:
        [row] = [r for r in registers.list_vehicles(s) if r.plate == "京X·1236应急"]
        assert (row.water_t, row.foam_t, row.powder_kg) == (7.5, 1.5, 0.0)


def test_loads_edited_round_trip_through_the_form_record(db, ref):
    with db.begin() as s:
        vid = registers.save_vehicle(s, None, vehicle(ref))
        record = registers.vehicle_record(s, vid)
        assert (record.data.water_t, record.data.foam_t) == (6.0, 2.0)
        registers.save_vehicle(s, vid, replace(record.data, water_t=5.0), expected_version=record.version)
    assert loads(db, "京X·1234应急") == (5.0, 2.0, 0.0)
    with db.begin() as s:
        registers.restore_vehicle(s, vid, record)
    assert loads(db, "京X·1234应急") == (6.0, 2.0, 0.0)


@pytest.mark.parametrize("field, value, reason", [
    ("water_t", -1.0, "载水量不能为负数。"),
    ("foam_t", 31.0, "载泡沫量不能超过 30 t。"),
    ("powder_kg", 20000.0, "载干粉量不能超过 10000 kg。"),
    ("water_t", float("nan"), "载水量必须是数字。"),
])
def test_impossible_loads_are_refused_with_the_field_named(db, ref, field, value, reason):
    with db.begin() as s, pytest.raises(ValidationError) as caught:
        registers.save_vehicle(s, None, vehicle(ref, **{field: value}))
    assert [(e.field, e.reason) for e in caught.value.errors] == [(field, reason)]


# -- loads in the vehicle register import ----------------------------------------------------------

def workbook(path: Path, rows: list[list]) -> Path:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def test_import_reads_the_optional_load_columns(db, tmp_path):
    path = workbook(tmp_path / "v.xlsx", [
        ["车牌号", "车型", "支队", "消防救援站", "载水量", "载泡沫量", "载干粉量"],
        ["京X·0001应急", "水罐", "东城", "前门", 10, 0, 0],
        ["京X·0002应急", "泡沫", "东城", "前门", None, "3.5", None],  # empty: the type's default
        ["京X·0003应急", "干粉", "东城", "前门", "2 吨", 0, "2,500"],
    ])
    with db.begin() as s:
        assert import_vehicles(s, path).added == 3
    assert loads(db, "京X·0001应急") == (10.0, 0.0, 0.0)
    assert loads(db, "京X·0002应急") == (6.0, 3.5, 0.0)
    assert loads(db, "京X·0003应急") == (2.0, 0.0, 2500.0)


def test_without_the_columns_new_vehicles_take_defaults_and_existing_ones_keep_theirs(db, tmp_path):
    first = workbook(tmp_path / "a.xlsx", [
        ["车牌号", "车型", "支队", "消防救援站", "载水量"],
        ["京X·0001应急", "水罐", "东城", "前门", 9],
    ])
    with db.begin() as s:
        import_vehicles(s, first)
    again = workbook(tmp_path / "b.xlsx", [
        ["车牌号", "车型", "支队", "消防救援站"],
        ["京X·0001应急", "水罐", "东城", "前门"],
        ["京X·0002应急", "水罐", "东城", "前门"],
    ])
    with db.begin() as s:
        done = import_vehicles(s, again)
    assert (done.added, done.updated, done.unchanged) == (1, 0, 1)
    assert loads(db, "京X·0001应急") == (9.0, 0.0, 0.0)  # kept, not the type's 8 t
    assert loads(db, "京X·0002应急") == (8.0, 0.0, 0.0)
    changed = workbook(tmp_path / "c.xlsx", [
        ["车牌号", "车型", "支队", "消防救援站", "载水量"],
        ["京X·0001应急", "水罐", "东城", "前门", 8.5],
    ])
    with db.begin() as s:
        done = import_vehicles(s, changed, dry_run=True)
    assert done.updated == 1 and "载水量 9 → 8.5" in done.detail_lines()[0]


def test_bad_load_cells_are_named_and_nothing_is_written(db, tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "_language", "zh_CN")
    path = workbook(tmp_path / "v.xlsx", [
        ["车牌号", "车型", "支队", "消防救援站", "载水量", "载泡沫量", "载干粉量"],
        ["京X·0001应急", "水罐", "东城", "前门", "很多", 0, 0],
        ["京X·0002应急", "水罐", "东城", "前门", 8, -1, 0],
        ["京X·0003应急", "水罐", "东城", "前门", 8, 0, 99999],
        ["京X·0004应急", "水罐", "东城", "前门", 8, 0, 0],
    ])
    with db.begin() as s, pytest.raises(ImportRejected) as caught:
        import_vehicles(s, path)
    lines = caught.value.message.splitlines()
    assert lines == ["第 2 行，载水量（E2）：不是数字：很多", "第 3 行，载泡沫量（F3）：载泡沫量不能为负数。",
                     "第 4 行，载干粉量（G4）：载干粉量不能超过 10000 kg。"]
    with db.begin() as s:
        assert s.scalar(select(Vehicle.id)) is None


# -- the handover record ---------------------------------------------------------------------------

def leaders(db, ref) -> tuple[int, int]:
    """Two officers of 前门, assigned as 带班领导 on DAY and the day after."""
    with db.begin() as s:
        a = registers.create_person(s, PersonData(staff_no="DC1", name="余华涛", station_id=ref.station["前门"],
                                                  position_id=ref.position["副站长"]))
        b = registers.create_person(s, PersonData(staff_no="DC2", name="孔勇博", station_id=ref.station["前门"],
                                                  position_id=ref.position["站长"]))
        s.add_all([DutyAssignment(station_id=ref.station["前门"], day=DAY, role="leader", person_id=a),
                   DutyAssignment(station_id=ref.station["前门"], day=DAY + dt.timedelta(days=1), role="leader",
                                  person_id=b)])
    return a, b


def test_a_handover_is_saved_read_with_its_leaders_and_emptied_away(db, ref):
    leaders(db, ref)
    station = ref.station["前门"]
    with db.begin() as s:
        blank = handovers.get_handover(s, station, DAY)
        assert blank.version == 0 and blank.data.is_empty()
        assert (blank.outgoing, blank.incoming) == ("余华涛", "孔勇博")
        change = handovers.save_handover(s, station, DAY, HandoverData(
            vehicles="  执勤车辆4辆，车况良好。 ", notes="上级通知：加强夜间战备值守。", handed_over_at=dt.time(8, 5)),
            expected_version=0)
    assert change.registers == {HANDOVERS} and change.stations == {station} and change.days == {DAY}
    with db.begin() as s:
        kept = handovers.get_handover(s, station, DAY)
        assert kept.data.vehicles == "执勤车辆4辆，车况良好。"
        assert kept.data.handed_over_at == dt.time(8, 5) and kept.version == 1
        handovers.save_handover(s, station, DAY, HandoverData(), expected_version=kept.version)
        assert s.scalar(select(Handover.id)) is None  # nothing entered is no record


def test_a_stale_save_is_refused_and_writes_nothing(db, ref):
    station = ref.station["前门"]
    with db.begin() as s:
        opened = handovers.get_handover(s, station, DAY)  # a clerk opens the empty record
    with db.begin() as s:  # another clerk writes it meanwhile
        handovers.save_handover(s, station, DAY, HandoverData(safety="门岗正常。"), expected_version=0)
    with db.begin() as s, pytest.raises(StaleEdit):
        handovers.save_handover(s, station, DAY, HandoverData(safety="营区安全。"), expected_version=opened.version)
    with db.begin() as s:
        again = handovers.get_handover(s, station, DAY)
        handovers.save_handover(s, station, DAY, HandoverData(safety="营区安全。"), expected_version=again.version)
    with db.begin() as s, pytest.raises(StaleEdit):
        handovers.save_handover(s, station, DAY, HandoverData(safety="x"), expected_version=again.version)
    with db.begin() as s:
        assert handovers.get_handover(s, station, DAY).data.safety == "营区安全。"


def test_restore_undoes_only_over_what_the_step_left(db, ref):
    station = ref.station["前门"]
    after = HandoverData(comms="通信畅通。")
    with db.begin() as s:
        handovers.save_handover(s, station, DAY, after)
        handovers.restore_handover(s, station, DAY, None, expected=after)
        assert handovers.stored_handover(s, station, DAY) is None
        handovers.restore_handover(s, station, DAY, after, expected=None)
        handovers.save_handover(s, station, DAY, HandoverData(comms="电台故障。"))
        with pytest.raises(StaleEdit):
            handovers.restore_handover(s, station, DAY, None, expected=after)
        assert handovers.stored_handover(s, station, DAY).comms == "电台故障。"


def test_search_by_station_dates_and_text(db, ref):
    a, _b = leaders(db, ref)
    with db.begin() as s:
        for offset, note in enumerate(["器材齐全完好。", "一台液压扩张器送修。", "器材齐全，50%气瓶已充。"]):
            handovers.save_handover(s, ref.station["前门"], DAY + dt.timedelta(days=offset), HandoverData(equipment=note))
        handovers.save_handover(s, ref.station["金宝街"], DAY, HandoverData(notes="扩张器借给前门。"))
    with db.begin() as s:
        everything = handovers.search_handovers(s)
        assert [(r.station, r.day) for r in everything][:2] == [("前门消防救援站", DAY + dt.timedelta(days=2)),
                                                              ("前门消防救援站", DAY + dt.timedelta(days=1))]
        assert len(everything) == 4
        assert [r.day for r in handovers.search_handovers(s, station_id=ref.station["前门"], first=DAY,
                                                          last=DAY)] == [DAY]
        assert {r.station for r in handovers.search_handovers(s, text="扩张器")} == {"前门消防救援站", "金宝街消防救援站"}
        assert [r.data.equipment for r in handovers.search_handovers(s, text="50%")] == ["器材齐全，50%气瓶已充。"]
        [first] = handovers.search_handovers(s, station_id=ref.station["前门"], last=DAY)
        assert (first.outgoing, first.incoming) == ("余华涛", "孔勇博")
        assert s.get(Person, a).name == first.outgoing
