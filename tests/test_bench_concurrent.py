"""The concurrent_edits benchmark runs, in small: eight logins a few edits each on a server, nothing lost.

Runs against the PostgreSQL server of ``ROSTERAPP_TEST_DB_URL`` (a superuser URL); skipped without it.
Slow (about 20 s, nine processes): ``pytest -m slow tests/test_bench_concurrent.py``.
"""

from __future__ import annotations

import os

import psycopg
import pytest
from sqlalchemy import make_url

from benchmarks import bench_concurrent

SERVER_URL = os.environ.get("ROSTERAPP_TEST_DB_URL", "")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not SERVER_URL.startswith("postgresql"),
                                 reason="needs ROSTERAPP_TEST_DB_URL (a PostgreSQL superuser URL)")]


def _leftovers() -> tuple[list, list]:
    with psycopg.connect(make_url(SERVER_URL).set(drivername="postgresql").render_as_string(hide_password=False),
                         autocommit=True) as conn:
        dbs = conn.execute("SELECT datname FROM pg_database WHERE datname LIKE 'bench_concurrent_%'").fetchall()
        roles = conn.execute("SELECT rolname FROM pg_roles WHERE rolname ~ '^bench_[0-9a-f]{8}_'").fetchall()
    return dbs, roles


def test_concurrent_edits_runs_and_loses_nothing(monkeypatch):
    monkeypatch.setenv("ROSTERAPP_BENCH_DB_URL", SERVER_URL)
    before = _leftovers()
    result = bench_concurrent.bench_concurrent(edits=15)
    assert result["concurrent_edits_lost_updates"] == 0
    assert result["concurrent_edits_double_bookings"] == 0
    assert result["concurrent_edits_doubled_cells"] == 0
    assert result["concurrent_edits_made"] + result["concurrent_edits_refused"] == 8 * 15
    assert result.get("concurrent_edits_refused_fault", 0) == 0
    assert result["concurrent_edits_unheard"] == 0  # the listening window heard every commit
    assert result["concurrent_edits_per_s"] > 0 and result["concurrent_edits_refresh_p95_ms"] >= 0
    assert _leftovers() == before  # the database and the logins are dropped
