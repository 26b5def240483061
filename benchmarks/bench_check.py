"""The checking engine at city scale (issue 3's budgets)."""

from __future__ import annotations

import dataclasses
import random
import statistics
import time

from benchmarks.common import CITY_START, city_db, median_time, new_db_path
from rosterapp.db import open_database
from rosterapp.services import demo, duties
from rosterapp.services.rules import Checker, load_check_data
from rosterapp.services.rules.data import from_min
from rosterapp.services.rules.live import LiveChecker


def _full_check(data) -> None:
    Checker(data).check_all()


def bench_full() -> dict[str, float]:
    """check_city_s (budget 1.0 s: indexes and every rule over 90 days) and check_scaling (budget 2.3)."""
    db, _ = city_db()
    with db.begin() as session:
        data90 = load_check_data(session)
    db.dispose()
    t90 = median_time(lambda: _full_check(data90), repeat=3)
    path = new_db_path("city180.sqlite3")
    db180 = open_database(f"sqlite:///{path}")
    demo.generate(db180, scale="city", seed=1, start=CITY_START, days=180)
    with db180.begin() as session:
        data180 = load_check_data(session)
    db180.dispose()
    t180 = median_time(lambda: _full_check(data180), repeat=3)
    return {"check_city_s": t90, "check_scaling": t180 / t90, "check_duties_90": len(data90.duties)}


def bench_incremental() -> dict[str, float]:
    """check_incremental_ms (budget 5 ms): one roster cell changed, then re-checked, in the city data set."""
    db, _ = city_db()
    with db.begin() as session:
        data = load_check_data(session)
    checker = Checker(data)
    checker.check_all()
    rng = random.Random(5)
    station_duties = [d for d in data.duties.values() if d.station is not None]
    times = []
    for duty in rng.sample(station_duties, 200):
        # The clerk turns a 24 h duty into a day shift (or the reverse) in one cell.
        changed = dataclasses.replace(duty, end=duty.start + 12 * 60 if duty.end - duty.start > 720 else
                                      duty.start + 24 * 60)
        started = time.perf_counter()
        checker.apply(remove_duties=[duty.id], add_duties=[changed])
        times.append(time.perf_counter() - started)
        checker.apply(remove_duties=[duty.id], add_duties=[duty])
    result = {"check_incremental_ms": statistics.median(times) * 1000}

    # The same through the database, as the window does it: write the cell, read back, re-check.
    with db.begin() as session:
        live = LiveChecker(session)
    cells = [(d.person, from_min(d.start).date()) for d in rng.sample(station_duties, 30)]
    times = []
    for person, day in cells:
        session = db.session_factory()
        try:
            change = duties.set_roster_cell(session, person, day, "白")
            session.flush()
            started = time.perf_counter()
            live.refresh(session, change)
            times.append(time.perf_counter() - started)
        finally:
            session.rollback()  # leave the data set as it was
            session.close()
        with db.begin() as session:
            live.refresh(session, change)
    result["check_incremental_db_ms"] = statistics.median(times) * 1000
    db.dispose()
    return result


BENCHMARKS = {
    "check_city_s": bench_full,
    "check_scaling": bench_full,
    "check_incremental_ms": bench_incremental,
    "check_incremental_db_ms": bench_incremental,
}
