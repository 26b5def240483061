"""Month roster workbooks at detachment scale (issue 13's budgets), on the city data set.

export_roster_detachment_s  the month roster of the detachment nearest 500 people (x 31 days, one sheet per
                            station), from the database to the file (<= 2 s)
import_roster_detachment_s  the same workbook with nearly every cell changed, read, checked (the problems it adds),
                            written through the grid's edit and committed (<= 3 s)
import_roster_detachment_cells  the cells that import changed
import_roster_unchanged_s   an unedited export read back (a dry run that changes nothing)
export_roster_largest_s, import_roster_largest_s  the same for the city's largest detachment (朝阳, 782 people)
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

import openpyxl
from sqlalchemy import func, select

from benchmarks.common import CITY_START, city_db
from rosterapp.config import sqlite_path
from rosterapp.db import open_database
from rosterapp.models import Person, Station
from rosterapp.services.excel.roster_export import FIRST_PERSON_ROW, LEAD_HEADERS, export_month_roster
from rosterapp.services.excel.roster_import import import_roster

RUNS = 3
SHIFTED = {"值": "休", "休": "值", "白": "值", "": "休"}  # every station cell of the month changed


def _detachments(db) -> tuple[int, int]:
    """(the detachment nearest 500 people, the largest)."""
    with db.read() as session:
        sizes = session.execute(select(Station.detachment_id, func.count(Person.id)).join(Person)
                                .group_by(Station.detachment_id)).all()
    return min(sizes, key=lambda s: abs(s[1] - 500))[0], max(sizes, key=lambda s: s[1])[0]


def _edited(source: Path, target: Path) -> None:
    wb = openpyxl.load_workbook(source)
    first_day = len(LEAD_HEADERS) + 1
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=FIRST_PERSON_ROW + 1, min_col=first_day, max_col=first_day + 30):
            if row[0].row > ws.max_row or ws.cell(row[0].row, 2).value is None:
                break
            for cell in row:
                new = SHIFTED.get(cell.value or "")
                if new is not None:
                    cell.value = new
    wb.save(target)


def _measure(city: Path, det: int, tmp: Path) -> dict[str, float]:
    out = tmp / "det.xlsx"
    exports = []
    db = open_database(f"sqlite:///{city}")
    try:
        for _ in range(RUNS):
            with db.read() as session:
                began = time.perf_counter()
                stats = export_month_roster(session, out, CITY_START, detachment_id=det)
                exports.append(time.perf_counter() - began)
    finally:
        db.dispose()
    edited = tmp / "edited.xlsx"
    _edited(out, edited)
    imports, unchanged, cells = [], [], 0
    for k in range(RUNS):
        copy = tmp / f"city-{k}.sqlite3"
        shutil.copyfile(city, copy)
        work = open_database(f"sqlite:///{copy}")
        try:
            with work.read() as session:
                began = time.perf_counter()
                import_roster(session, out, dry_run=True)
                unchanged.append(time.perf_counter() - began)
            began = time.perf_counter()
            with work.begin() as session:
                result = import_roster(session, edited, problems=True)
            imports.append(time.perf_counter() - began)
            cells = result.changed
        finally:
            work.dispose()
            copy.unlink()
    return {"export_s": statistics.median(exports), "people": stats.rows, "import_s": statistics.median(imports),
            "cells": cells, "unchanged_s": statistics.median(unchanged)}


def bench_roster_files() -> dict[str, float]:
    db, _ = city_db()
    city = sqlite_path(db.url)
    near, largest = _detachments(db)
    db.dispose()
    tmp = Path(tempfile.mkdtemp(prefix="rosterapp-roster-bench-"))
    try:
        one = _measure(city, near, tmp)
        big = _measure(city, largest, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {
        "export_roster_detachment_s": one["export_s"],
        "export_roster_detachment_people": one["people"],
        "import_roster_detachment_s": one["import_s"],
        "import_roster_detachment_cells": one["cells"],
        "import_roster_unchanged_s": one["unchanged_s"],
        "export_roster_largest_s": big["export_s"],
        "import_roster_largest_s": big["import_s"],
        "import_roster_largest_people": big["people"],
    }


BENCHMARKS = {"export_roster_detachment_s": bench_roster_files, "import_roster_detachment_s": bench_roster_files,
              "import_roster_unchanged_s": bench_roster_files}
