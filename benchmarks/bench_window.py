"""The main window following a bulk change at city scale (issue 10's budget), in a child process."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from benchmarks.common import CITY_START, city_db, new_db_path
from rosterapp.config import sqlite_path


def bench_import_window() -> dict[str, float]:
    """import_window_city_s (≤ 3 s): 3,000 people imported in the city window until the checker is current
    (see benchmarks/import_child.py); on a copy of the city, which the import changes."""
    db, _ = city_db()
    source = sqlite_path(db.url)
    db.dispose()
    copy = new_db_path("city-import.sqlite3")
    shutil.copyfile(source, copy)
    out = subprocess.run([sys.executable, "-m", "benchmarks.import_child", str(copy), CITY_START.isoformat()],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


BENCHMARKS = {"import_window_city_s": bench_import_window}
