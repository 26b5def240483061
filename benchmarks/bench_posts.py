"""The post board at city scale (issue 5's budgets): opening the city operation, and availability."""

from __future__ import annotations

import datetime as dt
import json
import statistics
import subprocess
import sys
import time

from benchmarks.common import CITY_START, city_db
from rosterapp.config import sqlite_path
from rosterapp.services import operations
from rosterapp.services import posts_board as pb
from rosterapp.services.availability import Availability
from rosterapp.services.rules.live import LiveChecker


def bench_board() -> dict[str, float]:
    """post_board_window_open_city_s (≤ 1.0 s): the city window showing the task's first month, the task
    selected in the navigator until its board is painted (the window's days widen to the task's months;
    the checker follows off the GUI thread, the hidden roster when shown again);
    post_board_open_city_s (≤ 1.5 s): the city operation (150 posts x 90 days) opened from the
    navigator and painted, the window's days already holding it; post_board_first_open_city_s: the
    same from another month (the roster of the city and the checking engine follow the new days);
    post_board_edit_ms: a vehicle dropped on a window, committed, re-checked and shown (median)."""
    db, _ = city_db()
    path = str(sqlite_path(db.url))
    db.dispose()
    out = subprocess.run([sys.executable, "-m", "benchmarks.posts_child", path, CITY_START.isoformat()],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_availability() -> dict[str, float]:
    """availability_ms (median ≤ 50 ms): the vehicles and people available for one post window of the
    city operation, both lists, on the checking engine's data; availability_first_ms: the first window
    (it also counts everybody's duty hours of the month, kept for the next windows)."""
    db, _ = city_db()
    with db.begin() as session:
        op = operations.list_operations(session)[0]
        first = dt.datetime.combine(op.start_date.replace(day=1), dt.time()) - dt.timedelta(days=8)
        last = dt.datetime.combine(op.end_date, dt.time()) + dt.timedelta(days=10)
        live = LiveChecker(session, first, last)
        board = pb.load_board(session, op.id, checker=live.checker)
    db.dispose()
    availability = Availability(live.data, live.checker)
    windows = [(r, c) for k in range(21) for r, c in [((k * 37) % len(board.lines), (k * 13) % len(board.days))]
               if board.cells[r][c] is not None]

    def one(r: int, c: int) -> tuple[int, int]:
        cell = board.cells[r][c]
        post = board.lines[r].post_id
        people = availability.people(post, cell.lo, cell.hi)
        vehicles = availability.vehicles(post, cell.lo, cell.hi)
        return len(people), len(vehicles)

    started = time.perf_counter()
    sizes = one(*windows[0])
    first_ms = (time.perf_counter() - started) * 1000
    times = []
    for r, c in windows[1:]:
        started = time.perf_counter()
        one(r, c)
        times.append(time.perf_counter() - started)
    assert sizes[0] > 100 and sizes[1] > 10, sizes
    return {"availability_ms": statistics.median(times) * 1000, "availability_first_ms": first_ms}


BENCHMARKS = {"post_board_window_open_city_s": bench_board, "post_board_open_city_s": bench_board, "post_board_first_open_city_s": bench_board,
              "post_board_edit_ms": bench_board,
              "availability_ms": bench_availability, "availability_first_ms": bench_availability}
