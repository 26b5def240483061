"""`export roster`: the month roster workbook from the command line, its messages and exit codes (spec/cli.md)."""

from __future__ import annotations

import openpyxl
import pytest

from tests.cli.test_excel_commands import rosterapp
from tests.services.excel.conftest import make_demo


@pytest.fixture(scope="module")
def demo(built) -> str:
    return built.once("services-demo", make_demo)


def test_a_detachments_month(demo, tmp_path):
    out = tmp_path / "dc.xlsx"
    result = rosterapp("--db", str(demo), "--lang", "en", "export", "roster", "--out", str(out),
                       "--detachment", "DC", "--month", "2026-03")
    assert result.returncode == 0, result.stderr
    assert f"Written {out}:" in result.stdout and "2026-03" in result.stdout
    wb = openpyxl.load_workbook(out, read_only=True)
    assert len(wb.sheetnames) >= 2
    assert wb.worksheets[0]["A1"].value.startswith("东城支队") and "2026年3月执勤排班表" in wb.worksheets[0]["A1"].value


def test_a_stations_month_in_chinese(demo, tmp_path):
    out = tmp_path / "qm.xlsx"
    result = rosterapp("--db", str(demo), "--lang", "zh_CN", "export", "roster", "--out", str(out),
                       "--station", "前门", "--month", "2026-03")
    assert result.returncode == 0, result.stderr
    assert "已写入" in result.stdout and "1 个工作表" in result.stdout
    assert openpyxl.load_workbook(out, read_only=True).sheetnames == ["前门"]


@pytest.mark.sqlite_only  # the arguments' or the file's checks: the same on every backend
@pytest.mark.parametrize("args", [
    ["roster", "--station", "不存在的站", "--month", "2026-03"],  # unknown station
    ["roster", "--detachment", "通州", "--month", "2026-03"],  # unknown detachment
    ["roster", "--station", "前门", "--month", "2026-13"],  # bad month
    ["roster", "--station", "前门"],  # no month
    ["roster", "--month", "2026-03"],  # neither
    ["roster", "--station", "前门", "--detachment", "DC", "--month", "2026-03"],  # both
    ["--station", "前门", "--month", "2026-03"],  # the HQ workbook takes neither
])
def test_usage_errors_exit_2(demo, tmp_path, args):
    out = tmp_path / "r.xlsx"
    result = rosterapp("--db", str(demo), "--lang", "en", "export", "--out", str(out), *args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not out.exists()
