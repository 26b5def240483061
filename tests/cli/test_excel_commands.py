"""export, import and merge as headquarters' scripts run them: files, messages and exit codes (spec/cli.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from tests.backends import contents
from tests.services.excel.conftest import OPERATION, make_demo

ROOT = Path(__file__).resolve().parents[2]


def rosterapp(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=180, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def demo(built) -> str:
    return built.once("services-demo", make_demo)


def test_export_writes_the_workbook(demo, tmp_path):
    out = tmp_path / "hq.xlsx"
    result = rosterapp("--db", str(demo), "--lang", "en", "export", "--out", str(out), "--operation", OPERATION,
                       "--detachment", "东城")
    assert result.returncode == 0, result.stderr
    assert "2026-03-05 to 2026-03-15" in result.stdout
    assert openpyxl.load_workbook(out, read_only=True).sheetnames == ["汇总", "点位方案", "车辆部署", "东城支队",
                                                                      "问题清单", "月度统计", "每日在岗人数"]


@pytest.mark.sqlite_only  # the arguments' or the file's checks: the same on every backend
@pytest.mark.parametrize("args", [["--detachment", "通州"], ["--operation", "no such task"],
                                  ["--from", "2026-03-40"], ["--from", "2026-03-10", "--to", "2026-03-01"]])
def test_unknown_names_and_bad_dates_exit_2(demo, tmp_path, args):
    out = tmp_path / "hq.xlsx"
    result = rosterapp("--db", str(demo), "--lang", "en", "export", "--out", str(out), *args)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not out.exists()


@pytest.mark.sqlite_only  # its subject is the command, the same on every backend
def test_rejected_import_exits_3_listing_every_bad_cell(demo, tmp_path, backend):
    db = backend.copy(demo)
    path = tmp_path / "people.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["工号", "姓名", "支队", "消防救援站", "手机号"])
    ws.append(["A1", "张伟", "东城", "前门", "13800138000"])
    ws.append(["A2", "李强", "通州", "前门", "13800138000"])
    ws.append(["A3", "王磊", "东城", "前门", "12345"])
    wb.save(path)
    result = rosterapp("--db", str(db), "--lang", "en", "import", "personnel", str(path))
    assert result.returncode == 3
    assert result.stderr.strip().splitlines() == [
        "row 3, 支队 (C3): Unknown detachment: 通州",
        "row 4, 手机号 (E4): The phone number must have 11 digits and start with 1.",
    ]
    dry = rosterapp("--db", str(db), "--lang", "en", "import", "personnel", str(path), "--dry-run")
    assert dry.returncode == 3  # a dry run validates just the same


@pytest.mark.sqlite_only  # its subject is the command, the same on every backend
def test_import_refuses_what_the_forms_refuse(demo, tmp_path, backend):
    """A staff number of 5,000 characters, a name of 32,767, a birth date in 1800 and a staff number that
    only an invisible character tells apart: each cell named, exit 3, nothing written."""
    db = backend.copy(demo)
    before = contents(db)
    path = tmp_path / "people.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["工号", "姓名", "支队", "消防救援站", "出生日期"])
    wb.active.append(["B1", "张伟", "东城", "前门", "1990-01-01"])
    wb.active.append(["1" * 5000, "李强", "东城", "前门", None])
    wb.active.append(["B2", "王" * 32767, "东城", "前门", None])
    wb.active.append(["B3", "刘洋", "东城", "前门", "1800-01-01"])
    wb.active.append(["B\u200b1", "陈杰", "东城", "前门", None])
    wb.save(path)
    result = rosterapp("--db", str(db), "--lang", "en", "import", "personnel", str(path))
    assert result.returncode == 3
    assert result.stderr.strip().splitlines() == [
        "row 3, 工号 (A3): Staff number must be at most 32 characters (5000 given).",
        "row 4, 姓名 (B4): Name must be at most 50 characters (32767 given).",
        "row 5, 出生日期 (E5): The birth date must not be before 1940-01-01.",
        "row 6, 工号 (A6): Staff number B1 is also on row 2.",
    ]
    assert contents(db) == before


@pytest.mark.sqlite_only  # its subject is the command, the same on every backend
def test_import_dry_run_then_import(demo, tmp_path, backend):
    db = backend.copy(demo)
    path = tmp_path / "v.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["车牌号", "车型", "支队", "消防救援站"])
    wb.active.append(["京X·7777应急", "水罐", "东城", "前门"])
    wb.active.append(["京X·0001应急", "水罐", "东城", "前门"])
    wb.save(path)
    dry = rosterapp("--db", str(db), "--lang", "en", "import", "vehicles", str(path), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    # The summary line first, as scripts read it, then one line per row it would add or change.
    assert dry.stdout.splitlines() == [
        "Dry run: 1 would be added, 0 updated, 1 left unchanged; nothing was written.", "Add 京X·7777应急"]
    done = rosterapp("--db", str(db), "--lang", "zh_CN", "import", "vehicles", str(path))
    assert done.returncode == 0 and done.stdout.splitlines() == ["导入完成：新增 1 条，更新 0 条，1 条不变。"]
    again = rosterapp("--db", str(db), "--lang", "en", "import", "vehicles", str(path), "--dry-run")
    assert "0 would be added, 0 updated, 2 left unchanged" in again.stdout


@pytest.mark.sqlite_only  # the arguments' or the file's checks: the same on every backend
def test_a_hidden_sheet_is_skipped_and_said_so_after_the_summary_line(demo, tmp_path, backend):
    db = backend.copy(demo)
    path = tmp_path / "v.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["车牌号", "车型", "支队", "消防救援站"])
    wb.active.append(["京X·7777应急", "水罐", "东城", "前门"])
    hidden = wb.create_sheet("车辆登记")
    hidden.append(["车牌号", "车型", "支队", "消防救援站"])
    hidden.append(["京X·8888应急", "水罐", "东城", "前门"])
    hidden.sheet_state = "hidden"
    wb.save(path)
    dry = rosterapp("--db", str(db), "--lang", "zh_CN", "import", "vehicles", str(path), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines() == ["试运行：将新增 1 条，更新 0 条，0 条不变；未写入任何数据。",
                                       "跳过隐藏工作表：车辆登记。", "新增 京X·7777应急"]
    done = rosterapp("--db", str(db), "--lang", "en", "import", "vehicles", str(path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["Imported: 1 added, 0 updated, 0 unchanged.",
                                        "Skipped hidden sheets: 车辆登记."]


@pytest.mark.sqlite_only  # the arguments' or the file's checks: the same on every backend
def test_a_zip_bomb_is_one_line_and_exit_3(demo, tmp_path):
    from tests.services.excel.workbooks import string_bomb

    path = string_bomb(tmp_path / "people.xlsx", 400 << 20)
    for kind in ("personnel", "plan"):
        result = rosterapp("--db", str(demo), "--lang", "zh_CN", "import", kind, str(path), "--dry-run")
        assert result.returncode == 3
        assert result.stderr.strip().splitlines() == [
            "people.xlsx: 该工作簿解压后为 400.0 MB；解压后超过 300 MB 的工作簿不予读取。"]


@pytest.mark.sqlite_only  # the arguments' or the file's checks: the same on every backend
def test_a_csv_renamed_to_xlsx_is_one_line_and_exit_3(demo, tmp_path):
    path = tmp_path / "people.xlsx"
    path.write_text("工号,姓名\n001,张伟\n", encoding="utf-8")
    for kind in ("personnel", "vehicles", "plan"):
        result = rosterapp("--db", str(demo), "--lang", "en", "import", kind, str(path))
        assert result.returncode == 3
        assert result.stderr.strip().splitlines() == [
            "people.xlsx: This is not an Excel .xlsx workbook (a renamed CSV or .xls file, or a damaged file)."]


@pytest.mark.sqlite_only  # its subject is the command, the same on every backend
def test_plan_round_trip_and_merge_on_the_command_line(demo, tmp_path):
    dc, xc, hq = tmp_path / "dc.xlsx", tmp_path / "xc.xlsx", tmp_path / "hq.xlsx"
    for out, det in ((dc, "DC"), (xc, "XC")):
        assert rosterapp("--db", str(demo), "export", "--out", str(out), "--operation", OPERATION,
                         "--detachment", det).returncode == 0
    dry = rosterapp("--db", str(demo), "--lang", "en", "import", "plan", str(dc), "--dry-run")
    assert dry.returncode == 0 and "nothing was written" in dry.stdout, dry.stderr
    merged = rosterapp("--lang", "en", "merge", "--out", str(hq), str(dc), str(xc))
    assert merged.returncode == 0, merged.stderr
    assert "Missing: 朝阳支队、海淀支队、丰台支队、石景山支队" in merged.stdout
    bad = rosterapp("--lang", "en", "merge", "--out", str(tmp_path / "x.xlsx"), str(dc), str(tmp_path / "none.xlsx"))
    assert bad.returncode == 3 and "does not exist" in bad.stderr


@pytest.mark.sqlite_only  # its subject is the command, the same on every backend
def test_a_sub_plan_exported_without_a_task_imports_back(demo, tmp_path, backend):
    # What a clerk typed: no --operation, so the month (here given, as the demo lies in March 2026).
    db = backend.copy(demo)
    dc = tmp_path / "dc.xlsx"
    exported = rosterapp("--db", str(db), "export", "--out", str(dc), "--detachment", "DC",
                         "--from", "2026-03-01", "--to", "2026-03-31")
    assert exported.returncode == 0, exported.stderr
    result = rosterapp("--db", str(db), "--lang", "zh_CN", "import", "plan", str(dc))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("已导入东城支队所有保卫任务（2026-03-01 至 2026-03-31）的方案")
    # A bad cell of it is named as spec/cli.md has it.
    wb = openpyxl.load_workbook(dc)
    wb["点位方案"]["H3"] = "明天"
    wb.save(dc)
    rejected = rosterapp("--db", str(db), "--lang", "en", "import", "plan", str(dc))
    assert rejected.returncode == 3
    assert rejected.stderr.strip().splitlines() == ["sheet 点位方案, row 3, 开始 (H3): Not a date and time."]


@pytest.mark.sqlite_only  # the command line's part; the services' refusals run on every backend (test_plan_versions)
def test_import_plan_refuses_an_older_sub_plan_unless_forced_and_an_approved_one_always(demo, tmp_path, backend):
    db = backend.copy(demo)
    dc = tmp_path / "dc.xlsx"

    def plan(action: str) -> None:
        done = rosterapp("--db", str(db), "plan", action, "--operation", OPERATION, "--detachment", "DC")
        assert done.returncode == 0, done.stderr

    plan("submit")
    assert rosterapp("--db", str(db), "export", "--out", str(dc), "--operation", OPERATION,
                     "--detachment", "DC").returncode == 0
    plan("submit")  # version 2: the workbook holds version 1
    refused = rosterapp("--db", str(db), "--lang", "en", "import", "plan", str(dc))
    assert refused.returncode == 3 and "Traceback" not in refused.stderr
    assert "version 1 " in refused.stderr and "version 2 " in refused.stderr and "--force" in refused.stderr
    assert rosterapp("--db", str(db), "--lang", "en", "import", "plan", str(dc), "--force").returncode == 0
    wrong = rosterapp("--db", str(db), "--lang", "en", "import", "personnel", str(dc), "--force")
    assert wrong.returncode == 2 and "--force goes with `import plan`" in wrong.stderr
    plan("approve")
    locked = rosterapp("--db", str(db), "--lang", "en", "import", "plan", str(dc), "--force")
    assert locked.returncode == 3 and "Traceback" not in locked.stderr
    assert locked.stderr.strip().splitlines() == [
        f"The sub-plan of 东城支队 for {OPERATION} is approved, so its posts, windows, crews and deployments are "
        "locked; headquarters must reopen it first."]
