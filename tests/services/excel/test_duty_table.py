"""The 值班表 (spec/excel.md, "The 值班表"): export's shape, the round trip, the clerks' variety, the bad files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Alignment
from sqlalchemy import select

from rosterapp import i18n
from rosterapp.db import open_database
from rosterapp.models import Person, Position, Station
from rosterapp.services import dutybook, dutyday
from rosterapp.services.calendar import WEEKDAYS_ZH
from rosterapp.services.excel.common import CellError, ImportRejected
from rosterapp.services.excel.duty_table import (
    FIRST_DAY_ROW,
    duty_title,
    export_duty_table,
    import_duty_table,
)
from rosterapp.services.lookup import find_detachment, find_station

MONTH = dt.date(2026, 3, 1)
DAYS = dutyday.days_between(*dutyday.month_range(MONTH))
FIRST = FIRST_DAY_ROW + 1  # the spreadsheet's row of 3月1日
STATION_COLS = {"leader": "C", "officer": "D", "dispatch": "E"}
OFFICE_COLS = {"det_leader": "C", "det_chief": "D"}


def row_of(day: int) -> int:
    return FIRST + day - 1


@pytest.fixture(autouse=True)
def chinese():
    before = i18n.language()
    i18n.set_language("zh_CN")
    yield
    i18n.set_language(before)


@pytest.fixture(scope="module")
def units(demo_url: str) -> dict:
    db = open_database(demo_url)
    try:
        with db.read() as s:
            det = find_detachment(s, "东城")
            stations = s.execute(select(Station.id, Station.short_name, Station.grade)
                                 .where(Station.detachment_id == det.id).order_by(Station.sort_order)).all()
            return {"det": det.id, "qianmen": find_station(s, "前门").id,
                    "stations": [(sid, short) for sid, short, grade in stations if grade != "office"],
                    "office": next(sid for sid, _short, grade in stations if grade == "office")}
    finally:
        db.dispose()


@pytest.fixture(scope="module")
def exported(demo_url: str, units, tmp_path_factory) -> Path:
    """东城支队's March 值班表, written once from the demo."""
    out = tmp_path_factory.mktemp("duty") / "dc.xlsx"
    db = open_database(demo_url)
    try:
        with db.read() as s:
            export_duty_table(s, out, MONTH, detachment_id=units["det"])
    finally:
        db.dispose()
    return out


def holders(db, station_ids) -> dict:
    with db.read() as s:
        return {k: h.person_id for k, h in dutybook.read_assignments(s, station_ids, DAYS[0], DAYS[-1],
                                                                      with_offices=False).items()}


def names_by_id(db, station_id: int) -> dict[int, tuple[str, str, str, bool]]:
    """Person id -> (name, 工号, 职务, officer) of the unit's people."""
    with db.read() as s:
        return {c.person_id: (c.name, c.staff_no, c.position, c.officer)
                for c in dutybook.candidates(s, [station_id])[station_id]}


def edited(exported: Path, tmp_path: Path, edit, name: str = "edited.xlsx") -> Path:
    wb = openpyxl.load_workbook(exported)
    edit(wb)
    out = tmp_path / name
    wb.save(out)
    return out


def rejected(db, path: Path) -> list[CellError]:
    with db.begin() as s, pytest.raises(ImportRejected) as caught:
        import_duty_table(s, path)
    return caught.value.errors


def error_at(errors, cell: str, sheet: str = "前门") -> CellError:
    found = [e for e in errors if f"{e.field}{e.row}" == cell and e.sheet == sheet]
    assert found, [str(e) for e in errors]
    return found[0]


# -- export ----------------------------------------------------------------------------------------

def test_export_one_sheet_per_station_then_the_detachments(exported, units, demo_db):
    wb = openpyxl.load_workbook(exported)
    assert wb.sheetnames == [short for _sid, short in units["stations"]] + ["东城支队"]
    ws = wb["前门"]
    assert ws["A1"].value == duty_title("东城支队", "前门消防救援站", MONTH) == "东城支队前门消防救援站2026年3月值班表"
    assert "A1:E1" in {str(r) for r in ws.merged_cells.ranges}
    assert [c.value for c in ws[2]] == ["日期", "星期", "带班领导", "站内值班", "通信值班"]
    assert ws.max_row == 2 + len(DAYS) == 33
    held = holders(demo_db, [units["qianmen"]])
    people = names_by_id(demo_db, units["qianmen"])
    for day in DAYS:
        r = row_of(day.day)
        assert ws[f"A{r}"].value == dt.datetime.combine(day, dt.time())  # a real date
        assert "月" in ws[f"A{r}"].number_format
        assert ws[f"B{r}"].value == WEEKDAYS_ZH[day.weekday()]
        for role, col in STATION_COLS.items():
            pid = held.get((units["qianmen"], day, role))
            assert ws[f"{col}{r}"].value == (people[pid][0] if pid else None), (day, role)
    assert ws.print_title_rows == "$1:$2" and ws.page_setup.orientation == "portrait"


def test_the_staff_offices_sheet(exported, units, demo_db):
    ws = openpyxl.load_workbook(exported)["东城支队"]
    assert ws["A1"].value == "东城支队机关2026年3月值班表"
    assert [c.value for c in ws[2]] == ["日期", "星期", "支队值班领导", "支队总值班"]
    held = holders(demo_db, [units["office"]])
    people = names_by_id(demo_db, units["office"])
    for day in DAYS:
        for role, col in OFFICE_COLS.items():
            pid = held.get((units["office"], day, role))
            assert ws[f"{col}{row_of(day.day)}"].value == (people[pid][0] if pid else None)


def test_one_station(demo_db, units, tmp_path):
    out = tmp_path / "qm.xlsx"
    with demo_db.read() as s:
        stats = export_duty_table(s, out, dt.date(2026, 3, 17), station_id=units["qianmen"])
    assert stats.sheets == 1 and stats.rows == 31
    assert openpyxl.load_workbook(out).sheetnames == ["前门"]


# -- round trip ------------------------------------------------------------------------------------

def test_an_unedited_export_changes_nothing(exported, demo_db, units):
    ids = [sid for sid, _ in units["stations"]] + [units["office"]]
    before = holders(demo_db, ids)
    for dry_run in (True, False):
        with demo_db.begin() as s:
            result = import_duty_table(s, exported, dry_run=dry_run)
        assert result.changed == 0 and result.detail_lines() == [] and result.edit is None
        assert result.unchanged == len(DAYS) * (3 * len(units["stations"]) + 2)
        assert result.first == MONTH
    assert holders(demo_db, ids) == before
    assert result.summary() == f"已导入：改动 0 个值班角色，{result.unchanged} 个不变。"


def test_one_edited_name_changes_exactly_that_role(exported, demo_db, units, tmp_path):
    qm = units["qianmen"]
    before = holders(demo_db, [qm, units["office"]])
    people = names_by_id(demo_db, qm)
    day = dt.date(2026, 3, 5)
    old = before[qm, day, "leader"]
    new = next(pid for pid, (_n, _s, _p, officer) in people.items() if officer and pid != old)
    path = edited(exported, tmp_path, lambda wb: wb["前门"].__setitem__(f"C{row_of(5)}", people[new][0]))

    with demo_db.read() as s:
        dry = import_duty_table(s, path, dry_run=True)
    assert dry.changed == 1 and dry.summary().startswith("试运行：将改动 1 个值班角色")
    assert holders(demo_db, [qm, units["office"]]) == before  # a dry run writes nothing

    with demo_db.begin() as s:
        result = import_duty_table(s, path)
    assert result.changed == 1
    assert result.detail_lines() == [f"前门 3月5日 带班领导：{people[old][0]} → {people[new][0]}"]
    after = holders(demo_db, [qm, units["office"]])
    assert {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)} == {(qm, day, "leader")}
    assert after[qm, day, "leader"] == new
    # The same edit a typed role is: undo puts it back.
    assert result.edit is not None and result.edit.before == {(qm, day, "leader"): old}
    with demo_db.begin() as s:
        dutybook.undo_assign(s, result.edit)
    assert holders(demo_db, [qm, units["office"]]) == before


def test_an_emptied_cell_clears_the_role_and_the_office_sheet_is_read(exported, demo_db, units, tmp_path):
    office = units["office"]
    before = holders(demo_db, [office])
    people = names_by_id(demo_db, office)
    day = dt.date(2026, 3, 9)
    new = next(pid for pid in people if pid != before[office, day, "det_chief"])

    def edit(wb):
        ws = wb["东城支队"]
        ws[f"D{row_of(9)}"] = people[new][0]
        ws[f"C{row_of(10)}"] = None
    with demo_db.begin() as s:
        result = import_duty_table(s, edited(exported, tmp_path, edit))
    assert result.changed == 2
    after = holders(demo_db, [office])
    assert after[office, day, "det_chief"] == new
    assert (office, dt.date(2026, 3, 10), "det_leader") not in after
    assert sorted(result.detail_lines())[0].startswith("东城支队 3月10日 支队值班领导：")


def test_hidden_sheets_are_skipped_and_named(exported, demo_db, tmp_path):
    def hide(wb):
        wb["金宝街"].sheet_state = "hidden"
        wb["金宝街"]["C3"] = "查无此人"  # never read
    with demo_db.read() as s:
        result = import_duty_table(s, edited(exported, tmp_path, hide), dry_run=True)
    assert result.changed == 0 and result.notes() == ["跳过隐藏工作表：金宝街。"]


# -- the clerk's variety ---------------------------------------------------------------------------

def test_a_clerks_own_table(demo_db, units, tmp_path):
    """Two merged title rows, 序号 first, 日期 as text, 星期 as 周一, a name with spaces inside, a full-width
    工号 after a name, an empty cell, a 备注 column and a signature below: read as the clerk means it."""
    qm = units["qianmen"]
    before = holders(demo_db, [qm])
    people = names_by_id(demo_db, qm)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "3月"
    ws.append(["东城支队前门消防救援站"])
    ws.append(["2026年3月份值班安排表"])
    ws.merge_cells("A1:G1")
    ws.merge_cells("A2:G2")
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([])
    ws.append(["序号", "日 期", "星期", "带班领导", "站内值班", "通信值班", "备注"])
    for k, day in enumerate(DAYS, start=1):
        names = []
        for role in ("leader", "officer", "dispatch"):
            pid = before.get((qm, day, role))
            names.append(people[pid][0] if pid else None)
        if day.day == 2:
            names[0] = " ".join(names[0])  # 孔 勇 博
        if day.day == 3:
            name, staff_no = people[before[qm, day, "officer"]][:2]
            full_width = "".join(chr(ord(ch) + 0xFEE0) for ch in staff_no)
            names[1] = f"{name}\u3000（{full_width}）"
        if day.day == 4:
            names[2] = None  # nobody on the dispatch watch that day
        ws.append([k, f"{day.month}月{day.day}日", "周" + WEEKDAYS_ZH[day.weekday()], *names, "正常"])
    ws.append([])
    ws.append(["制表人：", None, None, "审核："])
    path = tmp_path / "clerk.xlsx"
    wb.save(path)

    with demo_db.begin() as s:
        result = import_duty_table(s, path)
    assert result.units == ["前门消防救援站"] and result.first == MONTH
    assert result.changed == (1 if (qm, DAYS[3], "dispatch") in before else 0)
    after = holders(demo_db, [qm])
    assert after == {k: v for k, v in before.items() if k != (qm, DAYS[3], "dispatch")}


def test_a_station_column_names_the_station(demo_db, units, tmp_path):
    qm = units["qianmen"]
    before = holders(demo_db, [qm])
    people = names_by_id(demo_db, qm)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["消防救援站", "日期", "带班领导"])
    for day in DAYS:
        pid = before.get((qm, day, "leader"))
        ws.append(["前门", day, people[pid][0] if pid else None])
    path = tmp_path / "col.xlsx"
    wb.save(path)
    with demo_db.read() as s:
        result = import_duty_table(s, path, dry_run=True)
    assert result.changed == 0 and result.unchanged == len(DAYS)  # only the 带班领导 column is the file's


# -- bad files: rejected whole, the cell named -----------------------------------------------------

def _with_good_edit(wb, people_of_office) -> None:
    """A change that is fine, in the same file as a bad one: nothing of it may be written."""
    wb["东城支队"][f"D{row_of(20)}"] = people_of_office


def _check_rejected_whole(db, units, path, before) -> list[CellError]:
    errors = rejected(db, path)
    assert holders(db, [units["qianmen"], units["office"]]) == before
    return errors


def test_an_unknown_name(exported, demo_db, units, tmp_path):
    before = holders(demo_db, [units["qianmen"], units["office"]])
    office_name = next(n for n, *_ in names_by_id(demo_db, units["office"]).values())

    def edit(wb):
        wb["前门"][f"C{row_of(3)}"] = "查无此人"
        _with_good_edit(wb, office_name)
    errors = _check_rejected_whole(demo_db, units, edited(exported, tmp_path, edit), before)
    error = error_at(errors, f"C{row_of(3)}")
    assert error.header == "带班领导" and "查无此人" in error.reason
    assert str(error).startswith(f"工作表 前门，第 {row_of(3)} 行，带班领导（C{row_of(3)}）：")


def test_a_name_two_people_share(exported, demo_db, units, tmp_path):
    qm = units["qianmen"]
    held = holders(demo_db, [qm])
    people = names_by_id(demo_db, qm)
    pid = held[qm, DAYS[0], "officer"]
    name, staff_no, position, _o = people[pid]
    with demo_db.begin() as s:
        s.add(Person(staff_no="DUP0001", name=name, station_id=qm,
                     position_id=s.scalar(select(Position.id).where(Position.name == "消防员"))))
    before = holders(demo_db, [qm, units["office"]])
    errors = _check_rejected_whole(demo_db, units, exported, before)
    error = error_at(errors, f"D{FIRST}")
    assert error.header == "站内值班"
    assert staff_no in error.reason and "DUP0001" in error.reason and position in error.reason
    # The export tells them apart by 工号, so its own file reads back.
    out = tmp_path / "again.xlsx"
    with demo_db.read() as s:
        export_duty_table(s, out, MONTH, station_id=qm)
    assert openpyxl.load_workbook(out)["前门"][f"D{FIRST}"].value == f"{name}（{staff_no}）"
    with demo_db.read() as s:
        assert import_duty_table(s, out, dry_run=True).changed == 0


def test_a_missing_day(exported, demo_db, units, tmp_path):
    before = holders(demo_db, [units["qianmen"], units["office"]])
    errors = _check_rejected_whole(demo_db, units, edited(
        exported, tmp_path, lambda wb: wb["前门"].delete_rows(row_of(10))), before)
    error = error_at(errors, f"A{row_of(10)}")
    assert error.header == "日期" and "3月10日" in error.reason


def test_a_day_twice(exported, demo_db, units, tmp_path):
    before = holders(demo_db, [units["qianmen"], units["office"]])
    errors = _check_rejected_whole(demo_db, units, edited(
        exported, tmp_path, lambda wb: wb["前门"].__setitem__(f"A{row_of(11)}", dt.datetime(2026, 3, 10))), before)
    twice = error_at(errors, f"A{row_of(11)}")
    assert "3月10日" in twice.reason and str(row_of(10)) in twice.reason
    assert any("3月11日" in e.reason for e in errors)  # and so 3月11日 is missing


def test_a_day_of_another_month(exported, demo_db, units, tmp_path):
    before = holders(demo_db, [units["qianmen"], units["office"]])
    errors = _check_rejected_whole(demo_db, units, edited(
        exported, tmp_path, lambda wb: wb["前门"].__setitem__(f"A{row_of(12)}", dt.datetime(2026, 4, 12))), before)
    assert "2026-03" in error_at(errors, f"A{row_of(12)}").reason


def test_a_wrong_weekday(exported, demo_db, units, tmp_path):
    before = holders(demo_db, [units["qianmen"], units["office"]])
    day = DAYS[2]
    wrong = WEEKDAYS_ZH[(day.weekday() + 1) % 7]
    errors = _check_rejected_whole(demo_db, units, edited(
        exported, tmp_path, lambda wb: wb["前门"].__setitem__(f"B{row_of(3)}", wrong)), before)
    error = error_at(errors, f"B{row_of(3)}")
    assert error.header == "星期" and "周" + wrong in error.reason and "周" + WEEKDAYS_ZH[day.weekday()] in error.reason


def test_a_non_officer_as_duty_leader(exported, demo_db, units, tmp_path):
    before = holders(demo_db, [units["qianmen"], units["office"]])
    people = names_by_id(demo_db, units["qianmen"])
    name = next(n for n, _s, _p, officer in people.values() if not officer)
    errors = _check_rejected_whole(demo_db, units, edited(
        exported, tmp_path, lambda wb: wb["前门"].__setitem__(f"C{row_of(6)}", name)), before)
    error = error_at(errors, f"C{row_of(6)}")
    assert name in error.reason and "带班领导" in error.reason


def test_a_station_person_on_the_office_sheet(exported, demo_db, units, tmp_path):
    before = holders(demo_db, [units["qianmen"], units["office"]])
    name = next(n for n, *_ in names_by_id(demo_db, units["qianmen"]).values())
    errors = _check_rejected_whole(demo_db, units, edited(
        exported, tmp_path, lambda wb: wb["东城支队"].__setitem__(f"D{row_of(7)}", name)), before)
    assert "东城支队机关" in error_at(errors, f"D{row_of(7)}", sheet="东城支队").reason


def test_every_bad_cell_at_once(exported, demo_db, units, tmp_path):
    before = holders(demo_db, [units["qianmen"], units["office"]])

    def edit(wb):
        ws = wb["前门"]
        ws[f"C{row_of(3)}"] = "查无此人"
        ws[f"B{row_of(4)}"] = "星期八"
        ws[f"E{row_of(5)}"] = "也无此人"
    errors = _check_rejected_whole(demo_db, units, edited(exported, tmp_path, edit), before)
    assert [f"{e.field}{e.row}" for e in errors] == [f"C{row_of(3)}", f"B{row_of(4)}", f"E{row_of(5)}"]


def test_a_workbook_without_a_table_is_refused_in_one_line(demo_db, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "工号"])
    path = tmp_path / "none.xlsx"
    wb.save(path)
    errors = rejected(demo_db, path)
    assert len(errors) == 1 and "日期" in errors[0].reason
