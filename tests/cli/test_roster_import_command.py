"""`import roster`: the month roster workbook from the command line: the dry run's cells and problems, the
refusal with every bad cell on stderr and exit 3 (spec/cli.md)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.cli.test_excel_commands import rosterapp
from tests.services.excel.conftest import make_demo


@pytest.fixture(scope="module")
def exported(built, tmp_path_factory) -> tuple[str, Path]:
    folder = tmp_path_factory.mktemp("cli-roster-import")
    demo = built.once("services-demo", make_demo)
    out = folder / "qm.xlsx"
    result = rosterapp("--db", str(demo), "export", "roster", "--out", str(out), "--station", "前门",
                       "--month", "2026-03")
    assert result.returncode == 0, result.stderr
    return demo, out


def _edited(source: Path, target: Path, **cells) -> Path:
    wb = openpyxl.load_workbook(source)
    for address, value in cells.items():
        wb.active[address] = value
    wb.save(target)
    return target


def test_an_unedited_export_changes_nothing(exported):
    demo, out = exported
    result = rosterapp("--db", str(demo), "--lang", "en", "import", "roster", str(out), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("Dry run: 0 cells of 0 people would change,")


@pytest.mark.sqlite_only  # its subject is the command, the same on every backend
def test_the_dry_run_names_each_cell_and_the_import_writes_them(exported, tmp_path, backend):
    demo, out = exported
    db = backend.copy(demo)
    ws = openpyxl.load_workbook(out).active
    name = ws["B4"].value
    old = ws["E4"].value or "—"
    new = "训" if old != "训" else "假"
    path = _edited(out, tmp_path / "edited.xlsx", E4=new)
    result = rosterapp("--db", str(db), "--lang", "zh_CN", "import", "roster", str(path), "--dry-run")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("试运行：将更改 1 人的 1 个单元格")
    assert any(name in line and f"3月1日 {old} → {new}" in line for line in lines)
    assert any(line.startswith("导入后将新增") for line in lines)
    done = rosterapp("--db", str(db), "--lang", "zh_CN", "import", "roster", str(path))
    assert done.returncode == 0 and done.stdout.startswith("已导入：1 人的 1 个单元格已更改"), done.stderr
    again = rosterapp("--db", str(db), "--lang", "en", "import", "roster", str(path), "--dry-run")
    assert again.stdout.startswith("Dry run: 0 cells")


@pytest.mark.sqlite_only  # the arguments' or the file's checks: the same on every backend
def test_bad_cells_are_each_named_on_stderr_with_exit_3(exported, tmp_path):
    demo, out = exported
    path = _edited(out, tmp_path / "bad.xlsx", F5="XYZ", B6="查无此人")
    result = rosterapp("--db", str(demo), "--lang", "zh_CN", "import", "roster", str(path))
    assert result.returncode == 3
    lines = result.stderr.strip().splitlines()
    assert "工作表 前门，第 5 行，3月2日（F5）：未知代码 XYZ" in lines
    assert any(line.startswith("工作表 前门，第 6 行，姓名（B6）：") and "查无此人" in line for line in lines)
    assert result.stdout == ""


def test_station_and_month_stand_for_what_the_file_leaves_out(exported, tmp_path):
    demo, out = exported
    path = _edited(out, tmp_path / "bare.xlsx", A1=None)
    wb = openpyxl.load_workbook(path)
    wb.active.title = "Sheet1"
    wb.save(path)
    refused = rosterapp("--db", str(demo), "--lang", "en", "import", "roster", str(path), "--dry-run")
    # The export's day headers are real dates: they name the month; nothing names the station.
    assert refused.returncode == 3 and "--station" in refused.stderr and "--month" not in refused.stderr
    given = rosterapp("--db", str(demo), "--lang", "en", "import", "roster", str(path), "--dry-run",
                      "--station", "前门", "--month", "2026-03")
    assert given.returncode == 0 and given.stdout.startswith("Dry run: 0 cells"), given.stderr


@pytest.mark.sqlite_only  # the arguments' or the file's checks: the same on every backend
def test_station_and_month_go_with_roster_only(exported):
    demo, out = exported
    result = rosterapp("--db", str(demo), "import", "personnel", str(out), "--month", "2026-03")
    assert result.returncode == 2
