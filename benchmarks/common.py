"""What the benchmarks share: the city data set (built once per run) and timing helpers."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rosterapp.db import Database, open_database
from rosterapp.services import demo

# A fixed start keeps runs comparable (a month with a holiday, inside chinese-calendar's range).
CITY_START = __import__("datetime").date(2026, 3, 1)
_tmp = tempfile.TemporaryDirectory(prefix="rosterapp-bench-")
_city: tuple[Path, float] | None = None


def new_db_path(name: str) -> Path:
    return Path(_tmp.name) / name


def city_db() -> tuple[Database, float]:
    """The city data set in a new SQLite file, and the seconds it took to generate."""
    global _city
    if _city is None:
        path = new_db_path("city.sqlite3")
        started = time.perf_counter()
        db = open_database(f"sqlite:///{path}")
        demo.generate(db, scale="city", seed=1, start=CITY_START)
        db.dispose()
        _city = (path, time.perf_counter() - started)
    path, seconds = _city
    return open_database(f"sqlite:///{path}"), seconds


def median_time(func: Callable[[], object], repeat: int = 5) -> float:
    """Median wall time of ``func`` over ``repeat`` runs, after one warm-up run."""
    func()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.median(times)
