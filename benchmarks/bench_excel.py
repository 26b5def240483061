"""The HQ workbook and the register import at city scale (issue 6's budgets).

export_city_s      the HQ workbook of the whole city operation (90 days), from the database to the file
export_ratio       export_city_s / xlsxwriter (constant_memory) writing the same cells with two formats (<= 1.5)
export_rss_mb      peak memory of the export: its process plus the checking process beside it (<= 500)
import_personnel_3000_s  reading, validating and adding 3,000 people from a workbook (<= 2 s)
import_personnel_20000_s reading, validating and adding 20,000 people, in a fresh process
import_roster_500x31_s   reading a sub-plan whose roster sheet is 500 people x 31 days (read_hq), in a fresh process
import_hostile_max_s     the slowest of the hostile files, each imported (or refused) in a fresh process: a stray
                         cell at XFD1048576, a 20,000-person register whose <dimension> is A1:XFD20002, 2 MB
                         packing 2 GB of shared strings, and 6.5 MB holding one row of 1.7 million cells
import_peak_mb           the highest peak memory (VmHWM) of those processes, the real files' and the hostile ones'
                         (<= 500); import_<file>_s and import_<file>_mb give each file's own
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
import xlsxwriter

from benchmarks.common import city_db, new_db_path
from rosterapp.config import sqlite_path
from rosterapp.db import open_database

RUNS = 3


def _peak_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _export_child(db_path: str, out: str) -> None:
    """In a fresh process: export the city operation, print the time, the cells and the peak memory."""
    from rosterapp.services.check import resolve_scope
    from rosterapp.services.excel.export import export_workbook

    db = open_database(f"sqlite:///{db_path}", seed=False)
    started = time.perf_counter()
    with db.begin() as session:
        scope = resolve_scope(session, operation="全国两会消防安保")
        stats = export_workbook(session, scope, Path(out))
    seconds = time.perf_counter() - started
    db.dispose()
    check_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "cells": stats.cells, "self_mb": _peak_mb(), "check_mb": check_mb}))


def _cells(path: Path) -> list[tuple[str, list[list]]]:
    """Every cell the export wrote (styled empty cells too), sheet by sheet, read back with openpyxl."""
    wb = openpyxl.load_workbook(path, read_only=True)
    sheets = []
    for ws in wb:
        rows = []
        for row in ws.iter_rows():
            rows.append([(cell.value if cell.value is not None else "") if cell.__class__.__name__ != "EmptyCell"
                         else None for cell in row])
        sheets.append((ws.title, rows))
    wb.close()
    return sheets


def _baseline(sheets: list[tuple[str, list[list]]], out: Path) -> tuple[float, int]:
    """xlsxwriter in constant_memory mode writing the same cells with two formats: no reading, no logic."""
    started = time.perf_counter()
    wb = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    text = wb.add_format({"border": 1})
    when = wb.add_format({"border": 1, "num_format": "yyyy-mm-dd hh:mm"})
    cells = 0
    for title, rows in sheets:
        ws = wb.add_worksheet(title)
        for r, row in enumerate(rows):
            for col, value in enumerate(row):
                if value is None:
                    continue
                cells += 1
                if value == "":
                    ws.write_blank(r, col, None, text)
                elif isinstance(value, str):
                    ws.write_string(r, col, value, text)
                elif isinstance(value, dt.datetime):
                    ws.write_datetime(r, col, value, when)
                else:
                    ws.write_number(r, col, value, text)
    wb.close()
    return time.perf_counter() - started, cells


def bench_export() -> dict[str, float]:
    db, _ = city_db()
    path = str(sqlite_path(db.url))
    db.dispose()
    tmp = Path(tempfile.mkdtemp(prefix="rosterapp-excel-bench-"))
    out = tmp / "city.xlsx"
    root = Path(__file__).resolve().parents[1]
    runs, baselines = [], []
    sheets = None
    for _ in range(RUNS):
        child = subprocess.run([sys.executable, "-m", "benchmarks.bench_excel", "export-child", path, str(out)],
                               cwd=root, capture_output=True, text=True, check=True,
                               env=dict(os.environ, PYTHONPATH=str(root)))
        runs.append(json.loads(child.stdout.strip().splitlines()[-1]))
        if sheets is None:
            sheets = _cells(out)
        # Measured in turn with the export, so that both meet the same load on the machine.
        seconds, cells = _baseline(sheets, tmp / "baseline.xlsx")
        baselines.append(seconds)
    export_s = statistics.median(r["seconds"] for r in runs)
    baseline_s = statistics.median(baselines)
    return {
        "export_city_s": export_s,
        "export_baseline_s": baseline_s,
        "export_ratio": export_s / baseline_s,
        "export_cells": runs[0]["cells"],
        "export_baseline_cells": cells,
        "export_rss_mb": max(r["self_mb"] + r["check_mb"] for r in runs),
    }


def _people_workbook(path: Path, n: int, *, variant: int = 0) -> None:
    from rosterapp import reference_data as ref

    stations = [(code, name) for code, names in ref.STATIONS.items() for name in names]
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("人员名册")
    ws.write_row(0, 0, ["城六区支队人员名册"])
    ws.write_row(1, 0, ["工号", "姓名", "支队", "消防救援站", "衔级", "职务", "资质", "手机号", "出生日期", "性别", "状态"])
    for i in range(n):
        det, station = stations[i % len(stations)]
        ws.write_row(i + 2, 0, [f"{i:08d}", f"测试{i}", det, station, ref.FIREFIGHTER_RANKS[i % 5],
                                ref.POSITIONS[(i + variant) % len(ref.POSITIONS)], "空呼、破拆" if i % 2 else "通信",
                                f"138{i:08d}", f"{1980 + i % 20}-0{1 + i % 9}-1{i % 10}", "男", "在岗"])
    wb.close()


def bench_import() -> dict[str, float]:
    from rosterapp.services.excel.importing import import_people

    tmp = Path(tempfile.mkdtemp(prefix="rosterapp-import-bench-"))
    book, changed = tmp / "people.xlsx", tmp / "people2.xlsx"
    _people_workbook(book, 3000)
    _people_workbook(changed, 3000, variant=1)
    adds, updates = [], []
    for k in range(RUNS):
        db = open_database(f"sqlite:///{new_db_path(f'import{k}.sqlite3')}")
        started = time.perf_counter()
        with db.begin() as session:
            result = import_people(session, book)
        adds.append(time.perf_counter() - started)
        assert result.added == 3000, result
        started = time.perf_counter()
        with db.begin() as session:
            result = import_people(session, changed)
        updates.append(time.perf_counter() - started)
        assert result.updated == 3000, result
        db.dispose()
    return {"import_personnel_3000_s": statistics.median(adds),
            "import_personnel_3000_update_s": statistics.median(updates)}


def _import_child(kind: str, path: str, db_path: str) -> None:
    """In a fresh process: import ``path`` (a register, added; or a sub-plan, read) and print the time,
    the outcome and the peak memory."""
    from rosterapp.services.excel.common import ImportRejected
    from rosterapp.services.excel.hq_reading import read_hq
    from rosterapp.services.excel.importing import import_people

    db = open_database(f"sqlite:///{db_path}")
    started = time.perf_counter()
    try:
        if kind == "plan":
            book = read_hq(Path(path))
            outcome = f"read {sum(len(rows) for rows in book.rosters.values())} roster rows"
        else:
            with db.begin() as session:
                outcome = import_people(session, Path(path)).summary()
    except ImportRejected as exc:
        outcome = f"refused: {exc.message}"
    seconds = time.perf_counter() - started
    db.dispose()
    print(json.dumps({"seconds": seconds, "peak_mb": _peak_mb(), "outcome": outcome}, ensure_ascii=False))


def bench_import_limits() -> dict[str, float]:
    from tests.services.excel import workbooks

    tmp = Path(tempfile.mkdtemp(prefix="rosterapp-import-limits-bench-"))
    files = {
        "personnel_20000": ("people", workbooks.people_register(tmp / "people.xlsx", 20000)),
        "roster_500x31": ("plan", workbooks.roster_sheet(tmp / "roster.xlsx", 500, 31)),
        "far_cell": ("people", workbooks.far_cell(tmp / "far.xlsx")),
        "wide_dimension": ("people", workbooks.wide_dimension(tmp / "wide.xlsx", 20000)),
        "string_bomb": ("people", workbooks.string_bomb(tmp / "bomb.xlsx", 2 << 30)),
        "one_wide_row": ("people", workbooks.one_wide_row(tmp / "row.xlsx", 1_700_000)),
    }
    root = Path(__file__).resolve().parents[1]
    out: dict[str, float] = {}
    for name, (kind, path) in files.items():
        runs = []
        for k in range(RUNS):
            child = subprocess.run(
                [sys.executable, "-m", "benchmarks.bench_excel", "import-child", kind, str(path),
                 str(new_db_path(f"limits-{name}-{k}.sqlite3"))],
                cwd=root, capture_output=True, text=True, check=True, timeout=600,
                env=dict(os.environ, PYTHONPATH=str(root)))
            runs.append(json.loads(child.stdout.strip().splitlines()[-1]))
        out[f"import_{name}_s"] = statistics.median(r["seconds"] for r in runs)
        out[f"import_{name}_mb"] = max(r["peak_mb"] for r in runs)
        out[f"import_{name}_outcome"] = runs[0]["outcome"].splitlines()[0]
    out["import_hostile_max_s"] = max(out[f"import_{n}_s"] for n in ("far_cell", "wide_dimension", "string_bomb",
                                                                            "one_wide_row"))
    out["import_peak_mb"] = max(out[f"import_{n}_mb"] for n in files)
    return out


BENCHMARKS = {
    "export_city_s": bench_export,
    "export_ratio": bench_export,
    "export_rss_mb": bench_export,
    "import_personnel_3000_s": bench_import,
    "import_personnel_20000_s": bench_import_limits,
    "import_roster_500x31_s": bench_import_limits,
    "import_hostile_max_s": bench_import_limits,
    "import_peak_mb": bench_import_limits,
}


if __name__ == "__main__":
    if sys.argv[1:2] == ["export-child"]:
        _export_child(*sys.argv[2:4])
    elif sys.argv[1:2] == ["import-child"]:
        _import_child(*sys.argv[2:5])
