"""The roster grid at city scale (issue 4's budgets), measured in a child process."""

from __future__ import annotations

import json
import subprocess
import sys

from benchmarks.common import CITY_START, city_db
from rosterapp.config import sqlite_path


def bench_grid() -> dict[str, float]:
    """grid_open_city_s (≤ 1.5), grid_edit_ms (median ≤ 12: a typed cell through the hub until the
    dirtied cells are painted and the problems and counts followed), grid_edit_full_repaint_ms (the same
    with every visible cell painted again, for comparison), grid_paint_ms (≤ 16), rss_city_mb (≤ 600),
    grid_absence_edit_ms (an absence code typed: the person's Absence written and the registers re-read)."""
    db, _ = city_db()
    path = str(sqlite_path(db.url))
    db.dispose()
    out = subprocess.run([sys.executable, "-m", "benchmarks.grid_child", path, CITY_START.isoformat(), "90"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


BENCHMARKS = {name: bench_grid for name in ("grid_open_city_s", "grid_edit_ms", "grid_edit_full_repaint_ms",
                                            "grid_paint_ms", "rss_city_mb", "grid_absence_edit_ms")}
