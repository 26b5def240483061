"""The plan round trip (export, import into the same registers, export again) and HQ's merge of sub-plans."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import delete, func, select

from rosterapp.db import Database
from rosterapp.models import Detachment, Duty, Post, Vehicle, VehicleDeployment
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
    lines = caught.value.message.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "row 2, column N (点位方案)", "row 3, column A (点位方案)", "row 4, column H (点位方案)",
        "row 2, column D (车辆部署)"]
    assert staffing(demo_db) == ([], [])


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
    assert list(book) == ["汇总", "点位方案", "车辆部署", "东城支队", "西城支队", "朝阳支队", "问题清单", "每日在岗人数"]
    assert book["每日在岗人数"][0] == ("日期", "东城支队", "西城支队", "朝阳支队")
    summary = book["汇总"]
    assert [r[0] for r in summary[3:7]] == ["东城支队", "西城支队", "朝阳支队", "合计"]
    missing = next(r for r in summary if r[0] == "未报送的支队")
    assert missing[1] == "海淀支队、丰台支队、石景山支队"
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
    assert result.sheets == len(book) == 8 and 0 < result.rows <= sum(len(rows) for rows in book.values())
    assert result.summary().startswith(f"已写入 {out}：共 3 份分方案（东城支队、西城支队、朝阳支队），8 个工作表，")


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
