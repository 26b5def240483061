"""Generating the city data set and reading it back (issue 2's budgets)."""

from __future__ import annotations

import sqlite3

from benchmarks.common import city_db, median_time
from rosterapp.config import sqlite_path
from rosterapp.services.bulk import bulk_read, duty_select, load_duties


def bench_demo() -> dict[str, float]:
    """demo_city_s: the city data set into a new SQLite file (budget 60 s)."""
    _db, seconds = city_db()
    return {"demo_city_s": seconds}


def bench_load() -> dict[str, float]:
    """db_load_city_s and db_load_ratio (budget 3): every duty through Core vs plain sqlite3."""
    db, _ = city_db()
    with db.engine.connect() as conn:
        n = len(load_duties(conn))
        ours = median_time(lambda: load_duties(conn))
    sql = str(duty_select().compile(db.engine))
    raw = sqlite3.connect(sqlite_path(db.url))

    def plain() -> None:
        with bulk_read():  # the same garbage-collector setting as ours, for a fair ratio
            assert len(raw.execute(sql).fetchall()) == n

    baseline = median_time(plain)
    raw.close()
    db.dispose()
    return {"db_load_city_s": ours, "db_load_ratio": ours / baseline, "db_load_rows": n}


BENCHMARKS = {
    "demo_city_s": bench_demo,
    "db_load_city_s": bench_load,
    "db_load_ratio": bench_load,
}
