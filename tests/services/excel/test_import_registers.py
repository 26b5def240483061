"""Importing 人员名册 and 车辆登记 as clerks really write them; one bad cell rejects the whole file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from sqlalchemy import func, select

from rosterapp.db import Database
from rosterapp.models import Person, Station, Vehicle, VehicleType
from rosterapp.services.excel.common import ImportRejected
from rosterapp.services.excel.importing import import_people, import_vehicles

SAMPLES = Path(__file__).resolve().parents[4] / "shared" / "samples"
PEOPLE_HEADERS = ["工号", "姓名", "支队", "消防救援站", "衔级", "职务", "资质", "手机号", "出生日期", "性别", "状态"]


def workbook(path: Path, rows: list[list], *, title: str | None = None, sheet: str = "Sheet1") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    if title:
        ws.append([title])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def count(db: Database, model) -> int:
    with db.begin() as s:
        return s.scalar(select(func.count()).select_from(model))


def snapshot(db: Database) -> list:
    with db.begin() as s:
        return [tuple(r) for r in s.execute(select(Person.staff_no, Person.name, Person.phone, Person.station_id,
                                                   Person.active).order_by(Person.staff_no))]


def people(db: Database) -> dict[str, Person]:
    with db.begin() as s:
        found = {p.staff_no: p for p in s.scalars(select(Person))}
        for p in found.values():
            _ = p.qualifications, p.station, p.rank, p.position
        return found


# The example registers ---------------------------------------------------------------------------

@pytest.mark.skipif(not SAMPLES.is_dir(), reason="shared/samples is not beside this checkout")
def test_the_sample_registers_import_whole(db: Database):
    with db.begin() as s:
        result = import_people(s, SAMPLES / "personnel_sample.xlsx")
    assert (result.added, result.updated, result.unchanged) == (40, 0, 0)
    found = people(db)
    first = found["00110001"]  # text with its leading zeros
    assert first.name == "魏芳华" and first.station.name == "前门消防救援站" and first.rank.name == "二级消防士"
    assert {q.name for q in first.qualifications} == {"绳索救援", "空呼", "破拆"}
    assert first.birth_date == dt.date(1981, 12, 15) and first.phone == "15678184382" and first.sex == "M"
    assert found["00110022"].active  # 病假 is a status, not a departure
    with db.begin() as s:
        again = import_people(s, SAMPLES / "personnel_sample.xlsx")
        vehicles = import_vehicles(s, SAMPLES / "vehicles_sample.xlsx")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 40)
    assert vehicles.added == 24
    with db.begin() as s:
        by_plate = {v.plate: v for v in s.scalars(select(Vehicle))}
        assert by_plate["京A·0060应急"].seats == 4  # empty 座位数: the type's default (通信指挥)
        assert by_plate["京A·0095应急"].status == "maintenance"
        assert by_plate["京A·0198应急"].status == "reserve"


# What clerks write -----------------------------------------------------------------------------------

def test_variants_clerks_write(db: Database, tmp_path):
    # Title rows above the header, columns in another order, an extra column, full-width spaces,
    # short names, the four date spellings and every list separator.
    rows = [
        ["备注", "姓名", "工号", "消防救援站", "支队", "出生日期", "资质", "手机号", "性别", "状态"],
        ["x", "\u3000张伟\u3000", "０１２３", "前门", "东城", "1990/1/2", "空呼,破拆", "138-0013-8000", "男", ""],
        [None, "李强", "0124", "白纸坊特勤站", "XC", "1991.2.3", "空呼；通信/破拆", "138 0013 8001", "男", "在岗"],
        [None, "王芳", "0125", "望京", "朝阳支队", "1992年3月4日", "绳索救援，水域救援", None, "女", "离队"],
        [None, "赵勇", "0126", "北辛安", "sjs", dt.datetime(1993, 4, 5), "空呼、通信", "13800138003", None, None],
    ]
    path = tmp_path / "people.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["东城支队人员名册"])
    ws.append(["填表日期：2027-03-01"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    with db.begin() as s:
        result = import_people(s, path)
    assert result.added == 4
    found = people(db)
    zhang = found["0123"]  # full-width digits folded, the leading zero kept
    assert zhang.name == "张伟" and zhang.station.name == "前门消防救援站"
    assert zhang.birth_date == dt.date(1990, 1, 2) and zhang.phone == "13800138000"
    assert {q.name for q in found["0124"].qualifications} == {"空呼", "通信", "破拆"}
    assert found["0125"].birth_date == dt.date(1992, 3, 4) and not found["0125"].active
    assert found["0126"].birth_date == dt.date(1993, 4, 5) and found["0126"].station.name == "北辛安消防救援站"


def test_upsert_by_staff_number_and_dry_run(db: Database, tmp_path):
    first = workbook(tmp_path / "a.xlsx", [PEOPLE_HEADERS[:4], ["001", "张伟", "东城", "前门"],
                                             ["002", "李强", "东城", "前门"]])
    with db.begin() as s:
        import_people(s, first)
    second = workbook(tmp_path / "b.xlsx", [PEOPLE_HEADERS[:4], ["001", "张伟", "东城", "金宝街"],
                                              ["002", "李强", "东城", "前门"], ["003", "王磊", "西城", "西直门"]])
    before = snapshot(db)
    with db.begin() as s:
        dry = import_people(s, second, dry_run=True)
    assert (dry.added, dry.updated, dry.unchanged) == (1, 1, 1)
    assert "nothing was written" in dry.summary() or "未写入" in dry.summary()
    assert snapshot(db) == before
    with db.begin() as s:
        done = import_people(s, second)
    assert (done.added, done.updated, done.unchanged) == (1, 1, 1)
    assert people(db)["001"].station.name == "金宝街消防救援站"


def test_vehicle_types_by_name_short_name_or_code(db: Database, tmp_path):
    path = workbook(tmp_path / "v.xlsx", [
        ["车牌号", "车型", "支队", "消防救援站", "座位数", "状态"],
        ["京X·0001应急", "水罐消防车", "东城支队", "前门", 6, "在用"],
        ["京X·0002应急", "水罐", "DC", "前门消防救援站", None, None],
        ["京X·0003应急", "sg", "东城", "前门", "5", "报废"],
    ], title="东城支队车辆登记")
    with db.begin() as s:
        assert import_vehicles(s, path).added == 3
        rows = {v.plate: v for v in s.scalars(select(Vehicle))}
        sg = s.scalar(select(VehicleType.id).where(VehicleType.code == "SG"))
        assert {v.type_id for v in rows.values()} == {sg}
        assert rows["京X·0002应急"].seats == 6 and rows["京X·0003应急"].seats == 5
        assert not rows["京X·0003应急"].active


def test_formula_cells_count_by_their_saved_result(db: Database, tmp_path):
    path = tmp_path / "formula.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["工号", "姓名", "支队", "消防救援站"])
    ws.write_row(1, 0, ["001", "张伟", "东城支队"])
    ws.write_formula(1, 3, '="前门"&"消防救援站"', None, "前门消防救援站")
    wb.close()
    with db.begin() as s:
        assert import_people(s, path).added == 1
    assert people(db)["001"].station.name == "前门消防救援站"


# Bad input: every bad cell named, nothing written ---------------------------------------------------

def test_every_bad_cell_is_named_and_nothing_is_written(db: Database, tmp_path):
    with db.begin() as s:
        s.add(Person(staff_no="900", name="原有", station_id=s.scalar(select(Station.id).limit(1))))
    path = tmp_path / "bad.xlsx"
    # openpyxl saves formulas without a result, as a program that never calculated them would.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "人员名册"

    def write_row(index: int, values: list) -> None:
        for col, value in enumerate(values, start=1):
            ws.cell(row=index + 1, column=col, value=value)

    write_row(0, ["东城支队人员名册"])
    write_row(1, PEOPLE_HEADERS)
    good = ["100", "张伟", "东城支队", "前门", "三级消防士", "驾驶员", "空呼", "13800138000", "1990-01-02", "男", "在岗"]
    bad_rows = {
        4: (0, "100"),              # A: the same staff number as row 3 (the good row)
        5: (2, "通州支队"),          # C: unknown detachment
        6: (3, "望京"),              # D: a station of another detachment
        7: (4, "五级消防士"),        # E: unknown rank
        8: (5, "司机"),              # F: unknown position
        9: (6, "空呼、开飞机"),      # G: unknown qualification
        10: (7, "1380013800"),        # H: ten digits
        11: (8, "2999-01-01"),       # I: in the future
        12: (8, "1990-02-30"),       # I: no such day
        13: (9, "未知"),             # J: not 男/女
        14: (10, "出差"),            # K: unknown status
        15: (1, ""),                 # B: empty name
    }
    write_row(2, good)
    for number, (col, value) in bad_rows.items():
        row = list(good)
        row[0] = str(100 + number) if col != 0 else value
        row[col] = value
        write_row(number - 1, row)
    write_row(15, ["=A3&\"9\"", *good[1:]])  # row 16, A: a formula without a saved result
    wb.save(path)
    before = snapshot(db)
    with db.begin() as s, pytest.raises(ImportRejected) as caught:
        import_people(s, path)
    lines = caught.value.message.splitlines()
    expected = ["第 4 行，工号（A4）", "第 5 行，支队（C5）", "第 6 行，消防救援站（D6）", "第 7 行，衔级（E7）", "第 8 行，职务（F8）",
                "第 9 行，资质（G9）", "第 10 行，手机号（H10）", "第 11 行，出生日期（I11）", "第 12 行，出生日期（I12）", "第 13 行，性别（J13）",
                "第 14 行，状态（K14）", "第 15 行，姓名（B15）", "第 16 行，工号（A16）"]
    assert "第 4 行，工号（A4）：工号 100 与第 3 行重复。" in lines
    for where in expected:
        assert any(line.startswith(where + "：") for line in lines), (where, lines)
    assert len(lines) == len(expected), lines
    assert caught.value.exit_code == 3
    assert snapshot(db) == before  # the good row 3 was not written either


def test_bad_vehicle_cells(db: Database, tmp_path):
    path = workbook(tmp_path / "v.xlsx", [
        ["车牌号", "车型", "支队", "消防救援站", "座位数", "状态"],
        ["京X·0001应急", "水罐", "东城", "前门", 6, None],
        ["京X·0002应急", "坦克", "东城", "前门", 6, None],
        ["京X·0003应急", "水罐", "东城", "前门", 13, None],
        ["京X·0004应急", "水罐", "东城", "前门", 2.5, None],
        ["京X·0001应急", "水罐", "东城", "前门", 6, None],
        ["京X·0005应急", "水罐", "东城", "前门", 6, "借走"],
    ])
    with db.begin() as s, pytest.raises(ImportRejected) as caught:
        import_vehicles(s, path)
    lines = caught.value.message.splitlines()
    assert [line.split("：")[0] for line in lines] == ["第 3 行，车型（B3）", "第 4 行，座位数（E4）", "第 5 行，座位数（E5）",
                                                      "第 6 行，车牌号（A6）", "第 7 行，状态（F7）"]
    assert count(db, Vehicle) == 0


@pytest.mark.parametrize("make, reason", [
    (lambda p: p.write_text("工号,姓名,支队,消防救援站\n001,张伟,东城,前门\n", encoding="utf-8"), "not an Excel"),
    (lambda p: p.write_bytes(b"PK\x03\x04 truncated download"), "not an Excel"),
    (lambda p: openpyxl.Workbook().save(p), "No header row"),
    (lambda p: workbook(p, [["姓名", "支队", "消防救援站"], ["张伟", "东城", "前门"]]), "No header row"),
    (lambda p: workbook(p, [["工号", "姓名", "消防救援站"], ["001", "张伟", "前门"]]), "Missing column: 支队"),
])
def test_unreadable_files_are_rejected_with_one_line(db: Database, tmp_path, make, reason):
    from rosterapp import i18n

    i18n.set_language("en")
    path = tmp_path / "people.xlsx"
    make(path)
    with db.begin() as s, pytest.raises(ImportRejected) as caught:
        import_people(s, path)
    assert len(caught.value.message.splitlines()) == 1
    assert caught.value.message.startswith("people.xlsx: ") and reason in caught.value.message
    assert count(db, Person) == 0


# Plates in clerks' spellings (services/plates.py) ----------------------------------------------------

VEHICLE_HEADERS = ["车牌号", "呼号", "车型", "支队", "消防救援站", "座位数"]


def vehicles(db: Database) -> list[tuple]:
    with db.begin() as s:
        return [tuple(r) for r in s.execute(select(Vehicle.plate, Vehicle.call_sign, Vehicle.seats)
                                            .order_by(Vehicle.id))]


def test_a_plate_written_another_way_updates_the_registered_vehicle(db: Database, tmp_path):
    with db.begin() as s:
        import_vehicles(s, workbook(tmp_path / "first.xlsx", [
            VEHICLE_HEADERS, ["京X·0050应急", "西二旗1号水罐", "水罐", "海淀", "西二旗", 6]]))
    path = workbook(tmp_path / "again.xlsx", [
        VEHICLE_HEADERS,
        ["京X0050应急", "西二旗1号水罐", "水罐", "海淀", "西二旗", 5],       # the same vehicle, no dot
        ["京Ｘ・００５１应急", "西二旗2号水罐", "水罐", "海淀", "西二旗", 6],  # a new one, full width
    ])
    with db.begin() as s:
        result = import_vehicles(s, path)
    assert (result.added, result.updated, result.unchanged) == (1, 1, 0)
    assert vehicles(db) == [("京X·0050应急", "西二旗1号水罐", 5), ("京X·0051应急", "西二旗2号水罐", 6)]


def test_two_spellings_of_one_plate_in_a_file_are_a_duplicate(db: Database, tmp_path):
    path = workbook(tmp_path / "v.xlsx", [
        VEHICLE_HEADERS,
        ["京X·0050应急", "西二旗1号水罐", "水罐", "海淀", "西二旗", 6],
        ["京x 0050 应急", "西二旗2号水罐", "水罐", "海淀", "西二旗", 6],
    ])
    with db.begin() as s, pytest.raises(ImportRejected) as caught:
        import_vehicles(s, path)
    assert caught.value.message.splitlines() == ["第 3 行，车牌号（A3）：车牌号 京X·0050应急 与第 2 行重复。"]
    assert count(db, Vehicle) == 0


def test_an_older_database_with_one_plate_in_two_spellings(db: Database, tmp_path):
    # Stored before plates were normalised: an older spelling, and the house style added beside it.
    with db.begin() as s:
        sg = s.scalar(select(VehicleType.id).where(VehicleType.code == "SG"))
        station = s.scalar(select(Station.id).where(Station.short_name == "西二旗"))
        s.add_all([Vehicle(plate=plate, call_sign=call, type_id=sg, station_id=station, seats=6)
                   for plate, call in (("京X0050应急", "西二旗1号水罐"), ("京X·0050应急", "西二旗2号水罐"),
                                       ("京X0052应急", "西二旗3号水罐"))])
    # A third spelling could be either: the clerk is told to keep one of them.
    path = workbook(tmp_path / "v.xlsx", [VEHICLE_HEADERS, ["京X・0050应急", "西二旗1号水罐", "水罐", "海淀", "西二旗", 5]])
    with db.begin() as s, pytest.raises(ImportRejected) as caught:
        import_vehicles(s, path)
    assert caught.value.message.splitlines() == [
        "第 2 行，车牌号（A2）：车牌号 京X·0050应急 以 京X0050应急、京X·0050应急 登记了两次，请先在车辆登记中只保留其中一条。"]
    # A twin's exact spelling is that vehicle (it keeps it: the other has the house style); a lone
    # older spelling takes the house style.
    path = workbook(tmp_path / "exact.xlsx", [
        VEHICLE_HEADERS,
        ["京X0050应急", "西二旗1号水罐", "水罐", "海淀", "西二旗", 5],
        ["京X·0052应急", "西二旗3号水罐", "水罐", "海淀", "西二旗", 6],
    ])
    with db.begin() as s:
        result = import_vehicles(s, path)
    assert (result.added, result.updated, result.unchanged) == (0, 2, 0)
    assert vehicles(db) == [("京X0050应急", "西二旗1号水罐", 5), ("京X·0050应急", "西二旗2号水罐", 6),
                            ("京X·0052应急", "西二旗3号水罐", 6)]
    path = workbook(tmp_path / "twin.xlsx", [VEHICLE_HEADERS, ["京X·0050应急", "西二旗2号水罐", "水罐", "海淀", "西二旗", 4]])
    with db.begin() as s:
        assert import_vehicles(s, path).updated == 1
    assert vehicles(db)[1] == ("京X·0050应急", "西二旗2号水罐", 4)


# What a dry run lists, row by row ------------------------------------------------------------------

def test_a_dry_run_lists_the_people_it_adds_and_the_fields_it_changes(db: Database, tmp_path):
    from rosterapp import i18n

    headers = ["工号", "姓名", "支队", "消防救援站", "资质", "手机号", "状态"]
    first = workbook(tmp_path / "a.xlsx", [headers,
                                          ["HD0012", "王伟", "海淀", "双榆树", "消防车驾驶、空呼", "13800138000", "在岗"],
                                          ["HD0013", "李强", "海淀", "双榆树", "空呼", "13800138001", "在岗"]])
    with db.begin() as s:
        import_people(s, first)
    second = workbook(tmp_path / "b.xlsx", [headers,
                                           ["HD0012", "王伟", "海淀", "双榆树", "空呼", "13900139000", "在岗"],
                                           ["HD0013", "李强", "海淀", "五棵松", "空呼", "13800138001", "离队"],
                                           ["HD0014", "张伟", "海淀", "双榆树", "", "", ""],
                                           ["HD0015", "赵勇", "海淀", "双榆树", "空呼", "", "病假"]])
    before = snapshot(db)
    with db.begin() as s:
        dry = import_people(s, second, dry_run=True)
    assert snapshot(db) == before
    assert (dry.added, dry.updated, dry.unchanged) == (2, 2, 0)
    assert dry.detail_lines() == [
        "新增 张伟（HD0014）",
        "新增 赵勇（HD0015）",
        "更新 王伟（HD0012）：手机号 13800138000 → 13900139000；资质 消防车驾驶、空呼 → 空呼",
        "更新 李强（HD0013）：消防救援站 双榆树消防救援站 → 五棵松消防救援站；状态 在岗 → 离队",
    ]
    i18n.set_language("en")
    assert dry.detail_lines()[2] == "Update 王伟 (HD0012): 手机号 13800138000 → 13900139000; 资质 消防车驾驶、空呼 → 空呼"
    with db.begin() as s:
        done = import_people(s, second)
    assert done.detail_lines() == dry.detail_lines()  # the write reports the same rows it wrote
    with db.begin() as s:
        again = import_people(s, second, dry_run=True)
    assert again.detail_lines() == []  # nothing left to add or change


def test_a_dry_run_lists_the_vehicles_it_adds_and_the_fields_it_changes(db: Database, tmp_path):
    headers = ["车牌号", "呼号", "车型", "支队", "消防救援站", "座位数", "状态"]
    first = workbook(tmp_path / "a.xlsx", [headers, ["京X·0001应急", "前门1号水罐", "水罐", "东城", "前门", 6, "在用"]])
    with db.begin() as s:
        import_vehicles(s, first)
    second = workbook(tmp_path / "b.xlsx", [headers, ["京X·0001应急", "前门1号水罐", "水罐", "东城", "前门", 5, "维修"],
                                           ["京X·0002应急", "", "抢险救援", "东城", "前门", None, "在用"]])
    with db.begin() as s:
        dry = import_vehicles(s, second, dry_run=True)
    assert dry.detail_lines() == ["新增 京X·0002应急", "更新 前门1号水罐（京X·0001应急）：座位数 6 → 5；状态 在用 → 维修"]
    assert count(db, Vehicle) == 1


def test_the_services_bounds_name_each_bad_cell(db: Database, tmp_path):
    """Lengths, birth dates and invisible characters as the forms and the services check them."""
    sixteen = dt.date(2026, 12, 1).replace(year=2010)
    path = workbook(tmp_path / "p.xlsx", [
        ["工号", "姓名", "支队", "消防救援站", "出生日期"],
        ["0012", "张伟", "东城", "前门", "1990-01-01"],
        ["1" * 5000, "李娜", "东城", "前门", None],
        ["0013", "王" * 51, "东城", "前门", None],
        ["0014", "赵勇", "东城", "前门", "1800-01-01"],
        ["0015", "刘洋", "东城", "前门", sixteen + dt.timedelta(days=1)],
        ["00\u200b12", "陈杰", "东城", "前门", None],  # 0012 again, behind a zero-width space
    ])
    with db.begin() as s, pytest.raises(ImportRejected) as caught:
        import_people(s, path, today=dt.date(2026, 12, 1))
    assert caught.value.message.splitlines() == [
        "第 3 行，工号（A3）：工号最多 32 个字符（现为 5000 个）。",
        "第 4 行，姓名（B4）：姓名最多 50 个字符（现为 51 个）。",
        "第 5 行，出生日期（E5）：出生日期不能早于 1940-01-01。",
        f"第 6 行，出生日期（E6）：出生日期不能晚于 {sixteen}：须年满 16 周岁。",
        "第 7 行，工号（A7）：工号 0012 与第 2 行重复。",
    ]
    assert count(db, Person) == 0


def test_invisible_characters_never_reach_the_register(db: Database, tmp_path):
    path = workbook(tmp_path / "p.xlsx", [
        ["工号", "姓名", "支队", "消防救援站"],
        ["\ufeff0012", "张\u200b伟", "东城", "前门"],
    ])
    with db.begin() as s:
        import_people(s, path)
    assert {(p.staff_no, p.name) for p in people(db).values()} == {("0012", "张伟")}
    vehicles = workbook(tmp_path / "v.xlsx", [
        ["车牌号", "呼号", "车型", "支队", "消防救援站"],
        ["京X\u200b0050应急", "前门\u20601号", "水罐", "东城", "前门"],
        ["京X" + "9" * 40, "号" * 61, "水罐", "东城", "前门"],
    ])
    with db.begin() as s, pytest.raises(ImportRejected) as caught:
        import_vehicles(s, vehicles)
    assert caught.value.message.splitlines() == ["第 3 行，车牌号（A3）：车牌号最多 32 个字符（现为 43 个）。",
                                                 "第 3 行，呼号（B3）：呼号最多 60 个字符（现为 61 个）。"]
