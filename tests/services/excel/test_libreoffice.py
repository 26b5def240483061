"""A real spreadsheet program opens the HQ workbook: LibreOffice converts it and 汇总's figures survive."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest


def test_libreoffice_reads_the_summary(exported: Path, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice Calc is missing: `make test` installs the Debian package libreoffice-calc"
    profile = tmp_path / "profile"  # a private profile: no clash with a running office or another test
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true", "--outdir", str(tmp_path),
         str(exported)], capture_output=True, text=True, timeout=240, stdin=subprocess.DEVNULL)
    out = tmp_path / (exported.stem + ".csv")
    assert result.returncode == 0 and out.exists(), result.stderr
    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    ours = openpyxl.load_workbook(exported, read_only=True)["汇总"]
    expected = [list(r) for r in ours.iter_rows(min_row=4, max_row=10, values_only=True)]
    # The contract's headers, then the 执勤实力 columns after them, then the sub-plans' versions.
    assert rows[2] == ["支队", "点位数", "出动车辆", "出动人员", "覆盖率", "错误", "警告",
                       "在岗人数", "执勤车辆", "载水量(吨)", "载泡沫量(吨)", "载干粉量(公斤)",
                       "分方案版本", "状态", "总体方案版本"]
    assert rows[0][0] == ours["A1"].value  # the title, as written
    for want, got in zip(expected, rows[3:10], strict=True):
        assert got[0] == want[0]
        for k in (1, 2, 3, 5, 6, 7, 8):
            assert got[k] == str(want[k]), (want, got)
        for k in (9, 10, 11):
            assert float(got[k]) == pytest.approx(want[k], abs=0.05), (want, got)
        assert got[4] == f"{want[4] * 100:.1f}%"  # the coverage keeps its percent format
        assert got[12:15] == [v or "" for v in want[12:15]]
