"""The plan round trip (export, import into the same registers, export again) and HQ's merge of sub-plans."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import delete, func, select, update

from rosterapp import i18n
from rosterapp.db import Database
from rosterapp.models import Detachment, Duty, Operation, Person, Post, ShiftType, Vehicle, VehicleDeployment
from rosterapp.services.excel.common import ImportRejected
from rosterapp.services.excel.merge import merge_workbooks
from rosterapp.services.excel.plan_import import import_plan
from tests.services.excel.conftest import OPERATION, export


def cells(path: Path) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb}
    finally:
        wb.close()


def staffing(db: Database, code: str = "DC") -> tuple[list, list]:
    """The detachment's post duties and deployments, as comparable rows."""
    with db.begin() as s:
        posts = select(Post.id).join(Detachment).where(Detachment.code == code)
        duties = s.execute(select(Duty.person_id, Duty.post_id, Duty.vehicle_id, Duty.role, Duty.shift_type_id,
                                  Duty.start, Duty.end).where(Duty.post_id.in_(posts))
                           .order_by(Duty.person_id, Duty.start)).all()
        deps = s.execute(select(VehicleDeployment.vehicle_id, VehicleDeployment.post_id, VehicleDeployment.start,
                                VehicleDeployment.end).where(VehicleDeployment.post_id.in_(posts))
                         .order_by(VehicleDeployment.vehicle_id, VehicleDeployment.start)).all()
    return [tuple(d) for d in duties], [tuple(d) for d in deps]


def clear_staffing(db: Database, code: str = "DC") -> None:
    with db.begin() as s:
        posts = select(Post.id).join(Detachment).where(Detachment.code == code)
        s.execute(delete(Duty).where(Duty.post_id.in_(posts)))
        s.execute(delete(VehicleDeployment).where(VehicleDeployment.post_id.in_(posts)))


def test_export_import_export_gives_the_same_cells(demo_db, tmp_path):
    first = export(demo_db, tmp_path / "dc.xlsx", operation=OPERATION, detachment="DC")
    before = staffing(demo_db)
    assert before[0] and before[1]
    # The same registers, the task's posts, but none of 东城's staffing: what HQ holds before the sub-plan.
    clear_staffing(demo_db)
    with demo_db.begin() as s:
        dry = import_plan(s, first, dry_run=True)
    assert staffing(demo_db) == ([], [])  # a dry run writes nothing
    assert (dry.duties, dry.deployments) == (len(before[0]), len(before[1]))
    with demo_db.begin() as s:
        result = import_plan(s, first)
    assert result.detachment == "东城支队" and result.operation == OPERATION
    assert staffing(demo_db) == before  # roles, vehicles and shifts came back exactly
    second = export(demo_db, tmp_path / "again.xlsx", operation=OPERATION, detachment="DC")
    a, b = cells(first), cells(second)
    assert a.keys() == b.keys()
    a["汇总"][1], b["汇总"][1] = a["汇总"][1][:1], b["汇总"][1][:1]  # only the time it was made differs
    assert a == b
    # Importing it again replaces rather than adds.
    with demo_db.begin() as s:
        import_plan(s, first)
    assert staffing(demo_db) == before


def test_a_deployments_crew_windows_import_as_that_deployment_and_an_edited_window_changes_it(demo_db, tmp_path):
    path = export(demo_db, tmp_path / "dc.xlsx", operation=OPERATION, detachment="DC")
    duties, deployments = staffing(demo_db)
    wb = openpyxl.load_workbook(path)
    ws = wb["车辆部署"]
    night = dt.datetime(2026, 3, 6, 20)
    # DC-01's vehicle on 3/6: a day row and a night row; the night crew goes home at 06:00 instead of 08:00.
    [number] = [cell.row for cell in ws["H"][1:] if cell.value == night and ws[f"G{cell.row}"].value.startswith("DC-01")]
    assert ws[f"H{number - 1}"].value == dt.datetime(2026, 3, 6, 8) and ws[f"D{number - 1}"].value == ws[f"D{number}"].value
    ws[f"I{number}"] = dt.datetime(2026, 3, 7, 6)
    wb.save(path)
    clear_staffing(demo_db)
    with demo_db.begin() as s:
        result = import_plan(s, path)
    assert result.deployments == len(deployments)  # two rows, one deployment
    after = staffing(demo_db)
    assert after[0] == duties
    changed = [d for d in after[1] if d not in deployments]
    assert [(d[2], d[3]) for d in changed] == [(dt.datetime(2026, 3, 6, 8), dt.datetime(2026, 3, 7, 6))]
    assert len([d for d in deployments if d not in after[1]]) == 1


def test_a_bad_plan_is_rejected_whole(demo_db, tmp_path):
    path = export(demo_db, tmp_path / "dc.xlsx", operation=OPERATION, detachment="DC")
    wb = openpyxl.load_workbook(path)
    posts = wb["点位方案"]
    posts["N2"] = posts["N2"].value.replace("(00000", "(99999", 1)  # an unknown staff number
    posts["A3"] = "CY-01"  # another detachment's post
    posts["H4"] = "明天"  # not a date and time
    wb["车辆部署"]["D2"] = "京X·9999应急"  # an unknown vehicle
    wb.save(path)
    clear_staffing(demo_db)
    with demo_db.begin() as s, pytest.raises(ImportRejected) as caught:
        import_plan(s, path)
    # Each bad cell as spec/cli.md names it: the sheet, the row, the header and the cell.
    lines = caught.value.message.splitlines()
    assert [line.split("：")[0] for line in lines] == [
        "工作表 点位方案，第 2 行，人员（N2）", "工作表 点位方案，第 3 行，点位编号（A3）",
        "工作表 点位方案，第 4 行，开始（H4）", "工作表 车辆部署，第 2 行，车牌号（D2）"]
    assert lines[1] == "工作表 点位方案，第 3 行，点位编号（A3）：点位 CY-01 不属于东城支队。"
    assert lines[3] == "工作表 车辆部署，第 2 行，车牌号（D2）：未知车辆：京X·9999应急"
    i18n.set_language("en")
    with demo_db.begin() as s, pytest.raises(ImportRejected) as caught:
        import_plan(s, path)
    assert caught.value.message.splitlines()[3] == "sheet 车辆部署, row 2, 车牌号 (D2): Unknown vehicle: 京X·9999应急"
    assert staffing(demo_db) == ([], [])


def test_plates_edited_in_another_spelling_are_the_registered_vehicles(demo_db, tmp_path):
    path = export(demo_db, tmp_path / "dc.xlsx", operation=OPERATION, detachment="DC")
    before = staffing(demo_db)
    wb = openpyxl.load_workbook(path)
    # A clerk retypes every plate without its dot and in lower case: 京x0001应急.
    for sheet, columns in (("点位方案", "JN"), ("车辆部署", "D")):
        ws = wb[sheet]
        for column in columns:
            for cell in ws[column][1:]:
                if cell.value:
                    cell.value = cell.value.replace("X·", "x")
    assert "京x" in wb["车辆部署"]["D2"].value and "京x" in wb["点位方案"]["N2"].value
    wb.save(path)
    clear_staffing(demo_db)
    with demo_db.begin() as s:
        import_plan(s, path)
    assert staffing(demo_db) == before


def test_a_register_is_not_a_plan(demo_db, tmp_path):
    from tests.services.excel.test_import_registers import workbook

    path = workbook(tmp_path / "people.xlsx", [["工号", "姓名"], ["001", "张伟"]])
    with demo_db.begin() as s, pytest.raises(ImportRejected) as caught:
        import_plan(s, path)
    assert len(caught.value.message.splitlines()) == 1 and "汇总" in caught.value.message


def test_merge_names_missing_detachments_and_double_bookings(demo_db, tmp_path):
    # 东城 and 西城 each plan on their own: 朝阳 also sends 东城's first vehicle to its post on a day when
    # 东城 has it at DC-01.
    dc = export(demo_db, tmp_path / "dc.xlsx", operation=OPERATION, detachment="DC")
    xc = export(demo_db, tmp_path / "xc.xlsx", operation=OPERATION, detachment="XC")
    with demo_db.begin() as s:
        cy01 = s.scalar(select(Post.id).where(Post.code == "CY-01"))
        vehicle = s.scalar(select(Vehicle.id).where(Vehicle.plate == "京X·0001应急"))
        s.add(VehicleDeployment(vehicle_id=vehicle, post_id=cy01, start=dt.datetime(2026, 3, 7, 8),
                                end=dt.datetime(2026, 3, 8, 8)))
    cy = export(demo_db, tmp_path / "cy.xlsx", operation=OPERATION, detachment="CY")
    out = tmp_path / "hq.xlsx"
    result = merge_workbooks([cy, dc, xc], out)
    assert result.missing == ["海淀支队", "丰台支队", "石景山支队"]
    book = cells(out)
    assert list(book) == ["汇总", "点位方案", "车辆部署", "东城支队", "西城支队", "朝阳支队", "问题清单", "月度统计",
                          "每日在岗人数"]
    assert book["每日在岗人数"][0] == ("日期", "东城支队", "西城支队", "朝阳支队")
    # 月度统计: the sub-plans' rows, by detachment, as each sub-plan wrote them.
    parts = [cells(p)["月度统计"] for p in (dc, xc, cy)]
    assert book["月度统计"][0] == parts[0][0]
    assert book["月度统计"][1:] == [row for part in parts for row in part[1:]]
    summary = book["汇总"]
    assert [r[0] for r in summary[3:7]] == ["东城支队", "西城支队", "朝阳支队", "合计"]
    missing = next(r for r in summary if r[0] == "未报送的支队")
    assert missing[1] == "海淀支队、丰台支队、石景山支队"
    # A problem in two sub-plans (the 西城 firefighter double-booked at DC-01) is one problem: in both rows,
    # once in 合计, and the note under the table says so.
    *rows, total = summary[3:7]
    errors = [p for p in book["问题清单"][1:] if p[0] == "错误"]
    shared = [p for p in errors if len(p[8].split("、")) > 1]
    assert total[5] == len(errors)
    assert [r[5] for r in rows] == [sum(1 for p in errors if r[0] in p[8].split("、")) for r in rows]
    note = next(r[0] for r in summary if str(r[0]).startswith("注："))
    assert note.endswith(f"错误 {len(shared)} 个。") and sum(r[5] for r in rows) == total[5] + len(shared)
    # A sub-plan has one row, which adds up: no note.
    assert not [r for r in cells(dc)["汇总"] if str(r[0]).startswith("注")]
    # Every sub-plan's rows are there.
    assert len(book["点位方案"]) - 1 == sum(len(cells(p)["点位方案"]) - 1 for p in (dc, xc, cy))
    problems = book["问题清单"]
    person = [p for p in problems if p[1] == "跨分方案人员重复排班"]
    vehicles = [p for p in problems if p[1] == "跨分方案车辆重复调派"]
    # The demo lends a 西城 firefighter to DC-01 on a day his own station has him on duty.
    assert len(person) == 1 and person[0][7] == "DC-01" and person[0][8] == "东城支队、西城支队"
    assert len(vehicles) == 1 and vehicles[0][6] == "京X·0001应急" and vehicles[0][0] == "错误"
    assert vehicles[0][3] == dt.datetime(2026, 3, 7, 8)
    assert result.double_bookings == 2
    # What the clerk is told: the file, its sheets and rows.
    assert result.sheets == len(book) == 9 and 0 < result.rows <= sum(len(rows) for rows in book.values())
    assert result.summary().startswith(f"已写入 {out}：共 3 份分方案（东城支队、西城支队、朝阳支队），9 个工作表，")


def test_merge_refuses_two_tasks_or_one_detachment_twice(demo_db, tmp_path):
    dc = export(demo_db, tmp_path / "dc.xlsx", operation=OPERATION, detachment="DC")
    with pytest.raises(ImportRejected):
        merge_workbooks([dc, dc], tmp_path / "hq.xlsx")
    march = export(demo_db, tmp_path / "march.xlsx", detachment="XC", first=dt.date(2026, 3, 1),
                   last=dt.date(2026, 3, 31))
    with pytest.raises(ImportRejected):
        merge_workbooks([dc, march], tmp_path / "hq.xlsx")
    assert not (tmp_path / "hq.xlsx").exists()
    with demo_db.begin() as s:
        assert s.scalar(select(func.count()).select_from(Duty)) > 0


# A sub-plan exported without a task: every task's posts of the detachment in its dates ---------------

MARCH = {"first": dt.date(2026, 3, 1), "last": dt.date(2026, 3, 31)}


def test_a_sub_plan_without_a_task_imports_back_and_an_edited_cell_changes_its_duty(demo_db, tmp_path):
    first = export(demo_db, tmp_path / "dc.xlsx", detachment="DC", **MARCH)
    assert cells(first)["汇总"][0][0] == "2026-03-01 至 2026-03-31"  # no task in the title
    before = staffing(demo_db)
    clear_staffing(demo_db)
    with demo_db.begin() as s:
        result = import_plan(s, first)
    assert (result.operation, result.duties, result.deployments) == ("所有保卫任务", len(before[0]), len(before[1]))
    assert staffing(demo_db) == before
    second = export(demo_db, tmp_path / "again.xlsx", detachment="DC", **MARCH)
    a, b = cells(first), cells(second)
    a["汇总"][1], b["汇总"][1] = a["汇总"][1][:1], b["汇总"][1][:1]  # only the time it was made differs
    assert a == b

    # The clerk takes the last firefighter off the first window's crew.
    wb = openpyxl.load_workbook(second)
    crew = wb["点位方案"]["N2"]
    edited, _sep, gone = crew.value.rpartition("、")
    crew.value = edited
    wb.save(second)
    with demo_db.begin() as s:
        import_plan(s, second)
    duties, deployments = staffing(demo_db)
    assert len(duties) == len(before[0]) - 1 and deployments == before[1]
    staff = gone.split("(")[1].rstrip(")")
    with demo_db.begin() as s:
        window_start = cells(first)["点位方案"][1][7]
        assert not s.execute(select(Duty.id).join(Person).where(Person.staff_no == staff,
                                                                Duty.start == window_start,
                                                                Duty.post_id.is_not(None))).all()
    assert cells(export(demo_db, tmp_path / "third.xlsx", detachment="DC", **MARCH))["点位方案"][1][13] == edited


@pytest.mark.parametrize("task", [{}, {"operation": OPERATION}], ids=["without a task", "with its task"])
def test_a_sub_plan_of_a_few_days_leaves_the_duties_just_before_it(demo_db, tmp_path, task):
    # 3/6 to 3/10: the night crews of 3/5 20:00 at DC-01 end at 08:00 on 3/6, in a window the workbook does
    # not hold; importing it must not take them away.
    path = export(demo_db, tmp_path / "dc.xlsx", detachment="DC", first=dt.date(2026, 3, 6), last=dt.date(2026, 3, 10),
                  **task)
    before = staffing(demo_db)
    assert [d for d in before[0] if d[5] == dt.datetime(2026, 3, 5, 20)]
    with demo_db.begin() as s:
        result = import_plan(s, path)
    assert staffing(demo_db) == before
    assert result.replaced_duties == result.duties


def test_a_post_code_of_two_tasks_is_told_apart_by_its_name(demo_db, tmp_path):
    # A second task in March with its own DC-01, staffed on one day.
    with demo_db.begin() as s:
        dc01 = s.scalar(select(Post).where(Post.code == "DC-01"))
        person = s.scalar(select(Person).where(Person.station_id == dc01.station_id).order_by(Person.staff_no))
        shift = s.scalar(select(ShiftType.id).where(ShiftType.code == "值"))
        other = Operation(name="春季消防安保", start_date=dt.date(2026, 3, 20), end_date=dt.date(2026, 3, 22))
        post = Post(operation=other, code="DC-01", name="天坛公园", post_type="venue", duty_mode="stationed",
                    detachment_id=dc01.detachment_id, station_id=dc01.station_id,
                    active_from=dt.datetime(2026, 3, 20, 8), active_to=dt.datetime(2026, 3, 23, 8))
        s.add(post)
        s.flush()
        s.execute(delete(Duty).where(Duty.person_id == person.id, Duty.start == dt.datetime(2026, 3, 21, 8)))
        s.add(Duty(person_id=person.id, post_id=post.id, shift_type_id=shift, start=dt.datetime(2026, 3, 21, 8),
                   end=dt.datetime(2026, 3, 22, 8), role="commander"))
    path = export(demo_db, tmp_path / "dc.xlsx", detachment="DC", **MARCH)
    assert {(r[0], r[1]) for r in cells(path)["点位方案"][1:] if r[0] == "DC-01"} == {
        ("DC-01", "长安街东段"), ("DC-01", "天坛公园")}
    before = staffing(demo_db)
    clear_staffing(demo_db)
    with demo_db.begin() as s:
        import_plan(s, path)
    assert staffing(demo_db) == before
    # Of one name too, at one time, a row could be either: the clerk is told to export one task at a time.
    with demo_db.begin() as s:
        s.execute(update(Post).where(Post.name == "天坛公园").values(name="长安街东段",
                                                                   active_from=dt.datetime(2026, 3, 5, 8)))
    path = export(demo_db, tmp_path / "same.xlsx", detachment="DC", **MARCH)
    with demo_db.begin() as s, pytest.raises(ImportRejected) as caught:
        import_plan(s, path)
    assert caught.value.message.splitlines()[0].endswith(
        "点位编号（A2）：点位编号 DC-01 在此时属于两个任务（全国两会消防安保、春季消防安保）；请按任务分别导出（--operation）。")


def test_a_plan_dry_run_lists_the_duties_and_deployments_it_adds_changes_and_removes(demo_db, tmp_path):
    plan = export(demo_db, tmp_path / "dc.xlsx", operation=OPERATION, detachment="DC")
    with demo_db.begin() as s:
        dc_posts = select(Post.id).join(Detachment).where(Detachment.code == "DC")
        duties = s.scalars(select(Duty).where(Duty.post_id.in_(dc_posts), Duty.role == "firefighter",
                                              Duty.vehicle_id.is_not(None)).order_by(Duty.start, Duty.id)).all()
        gone, changed = duties[0], duties[-1]
        gone_line = (f"新增 {gone.post.code} {gone.start:%Y-%m-%d %H:%M} {gone.person.name}（{gone.person.staff_no}）："
                     f"结束 {gone.end:%Y-%m-%d %H:%M}；班次 {gone.shift_type.code}；车辆 {gone.vehicle.plate}；分工 战斗员")
        changed_line = (f"更新 {changed.post.code} {changed.start:%Y-%m-%d %H:%M} {changed.person.name}"
                        f"（{changed.person.staff_no}）：分工 安全员 → 战斗员")
        s.delete(gone)  # the workbook still has it: the import would add it back
        changed.role = "safety"  # the workbook says 战斗员: the import would change it back
        deployment = s.scalars(select(VehicleDeployment).where(VehicleDeployment.post_id.in_(dc_posts))
                               .order_by(VehicleDeployment.start, VehicleDeployment.id)).first()
        extra_start = deployment.start + dt.timedelta(minutes=1)
        extra_line = f"删除 {deployment.vehicle.plate} {extra_start:%Y-%m-%d %H:%M}：部署位置 {deployment.post.code}；结束"
        s.add(VehicleDeployment(vehicle_id=deployment.vehicle_id, post_id=deployment.post_id, start=extra_start,
                                end=deployment.end))  # not in the workbook: the import would remove it
    with demo_db.begin() as s:
        dry = import_plan(s, plan, dry_run=True)
    lines = dry.detail_lines()
    assert len(lines) == 3  # the duties first, then the deployments; nothing else differs
    assert set(lines[:2]) == {gone_line, changed_line}
    assert lines[2].startswith(extra_line)
    with demo_db.begin() as s:
        import_plan(s, plan)
    with demo_db.begin() as s:
        assert import_plan(s, plan, dry_run=True).detail_lines() == []  # in place: nothing more to do


def test_hidden_sheets_of_a_sub_plan_are_never_read(demo_db, tmp_path):
    """A hidden copy of a roster grid (named 西城支队) between 车辆部署 and 问题清单: neither the plan import
    nor the merge takes it for a second detachment, and both say they skipped it."""
    plan = export(demo_db, tmp_path / "dc.xlsx", operation=OPERATION, detachment="DC")
    wb = openpyxl.load_workbook(plan)
    copy = wb.copy_worksheet(wb["东城支队"])
    copy.title = "西城支队"
    wb.move_sheet(copy, offset=wb.index(wb["问题清单"]) - wb.index(copy))
    copy.sheet_state = "veryHidden"
    wb.save(plan)
    assert openpyxl.load_workbook(plan, read_only=True).sheetnames.index("西城支队") == 4
    with demo_db.begin() as s:
        dry = import_plan(s, plan, dry_run=True)
    assert dry.detachment == "东城支队"
    assert dry.notes() == ["跳过隐藏工作表：西城支队。"]
    result = merge_workbooks([plan], tmp_path / "hq.xlsx")
    assert result.detachments == ["东城支队"]
    assert result.summary().endswith(" 跳过隐藏工作表：dc.xlsx 西城支队。")
    assert "西城支队" not in cells(tmp_path / "hq.xlsx")
