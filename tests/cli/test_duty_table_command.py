"""`export duty-table` and `import duty-table`: the 值班表 from the command line, messages and exit codes."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.cli.test_excel_commands import rosterapp
from tests.services.excel.conftest import make_demo


@pytest.fixture(scope="module")
def demo(built) -> str:
    return built.once("services-demo", make_demo)


@pytest.fixture(scope="module")
def table(demo, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cli-duty-out") / "dc.xlsx"
    result = rosterapp("--db", str(demo), "--lang", "en", "export", "duty-table", "--out", str(out),
                       "--detachment", "DC", "--month", "2026-03")
    assert result.returncode == 0, result.stderr
    assert f"Written {out}: 4 sheets, 2026-03." in result.stdout
    return out


def test_export_then_dry_run_changes_nothing(demo, table):
    assert openpyxl.load_workbook(table, read_only=True).sheetnames == ["前门", "金宝街", "龙潭湖", "东城支队"]
    result = rosterapp("--db", str(demo), "--lang", "en", "import", "duty-table", str(table), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["Dry run: 0 roles would change, 341 unchanged; nothing was written."]


@pytest.mark.sqlite_only  # its subject is the command, the same on every backend
def test_an_edited_table_is_previewed_then_imported(demo, table, tmp_path, backend):
    db = backend.copy(demo)
    wb = openpyxl.load_workbook(table)
    ws = wb["前门"]
    old, new = ws["D7"].value, ws["D8"].value  # 3月5日's 站内值班 becomes 3月6日's
    assert old and new and old != new
    ws["D7"] = new
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)

    dry = rosterapp("--db", str(db), "--lang", "zh_CN", "import", "duty-table", str(edited), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines() == ["试运行：将改动 1 个值班角色，340 个不变；未写入任何数据。",
                                       f"前门 3月5日 站内值班：{old} → {new}"]
    done = rosterapp("--db", str(db), "--lang", "en", "import", "duty-table", str(edited))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["Imported: 1 roles changed, 340 unchanged."]
    again = rosterapp("--db", str(db), "--lang", "en", "import", "duty-table", str(edited), "--dry-run")
    assert again.stdout.startswith("Dry run: 0 roles would change")


@pytest.mark.sqlite_only  # the arguments' or the file's checks: the same on every backend
def test_a_bad_table_exits_3_naming_every_cell(demo, table, tmp_path, backend):
    db = backend.copy(demo)
    wb = openpyxl.load_workbook(table)
    wb["前门"]["C5"] = "查无此人"
    wb["东城支队"]["B6"] = "周一"  # 3月4日 is a Wednesday
    wb["前门"]["D9"] = wb["前门"]["D10"].value  # a fine change: not written either
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    result = rosterapp("--db", str(db), "--lang", "en", "import", "duty-table", str(bad))
    assert result.returncode == 3, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("sheet 前门, row 5, 带班领导 (C5): 查无此人")
    assert lines[1].startswith("sheet 东城支队, row 6, 星期 (B6): 3月4日 is a 周三")
    assert "Traceback" not in result.stderr and result.stdout == ""
    check = rosterapp("--db", str(db), "--lang", "en", "import", "duty-table", str(table), "--dry-run")
    assert check.stdout.startswith("Dry run: 0 roles would change")  # nothing was written


@pytest.mark.sqlite_only  # the arguments' or the file's checks: the same on every backend
@pytest.mark.parametrize("args", [
    ["duty-table", "--station", "不存在的站", "--month", "2026-03"],
    ["duty-table", "--station", "前门"],  # no month
    ["duty-table", "--month", "2026-03"],  # neither
    ["duty-table", "--station", "前门", "--detachment", "DC", "--month", "2026-03"],  # both
])
def test_export_usage_errors_exit_2(demo, tmp_path, args):
    out = tmp_path / "d.xlsx"
    result = rosterapp("--db", str(demo), "--lang", "en", "export", "--out", str(out), *args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not out.exists()
