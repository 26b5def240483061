"""The station-duty autofill on the city demo: one station of about 30 people, its month cleared and proposed.

Prints ``autofill_station_month_s`` (budget 5 s, propose only), ``autofill_station_added_errors`` (errors
``check`` finds after applying that it did not find before clearing: must be 0) and the duty-hours spread
(max − min) of the station's active people before (the plan as it was) and after the proposal.
"""

from __future__ import annotations

import datetime as dt
import time

from sqlalchemy import func, select

from benchmarks.common import CITY_START, city_db
from rosterapp.models import Person
from rosterapp.services import autofill, roster
from rosterapp.services.check import resolve_scope, run_check


def _errors(session, first, last) -> set[tuple]:
    report = run_check(session, resolve_scope(session, first=first, last=last))
    return {(p.rule, p.start, p.end, tuple(p.people)) for p in report.problems if p.severity == "error"}


def bench_autofill_station() -> dict[str, float | int]:
    db, _ = city_db()
    first = CITY_START
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    try:
        with db.begin() as s:
            counts = s.execute(select(Person.station_id, func.count()).where(Person.active)
                               .group_by(Person.station_id)).all()
            station = min(counts, key=lambda row: (abs(row[1] - 30), row[0]))[0]
            people = list(s.scalars(select(Person.id).where(Person.station_id == station, Person.active)))
            codes = [c.code for c in roster.shift_codes(s)]
            before = _errors(s, first, last)
            roster.edit_cells(s, {(p, d): None for p in people for d in days}, codes)
            started = time.perf_counter()
            proposal = autofill.propose_station(s, station, first, last, seed=1, time_limit_s=5, work_limit=3.0)
            seconds = time.perf_counter() - started
            roster.edit_cells(s, proposal.values, codes)
            added = _errors(s, first, last) - before
            s.rollback()
    finally:
        db.dispose()
    return {
        "autofill_station_month_s": seconds,
        "autofill_station_added_errors": len(added),
        "autofill_station_unfilled": len([u for u in proposal.unfilled if u.tags]),
        "autofill_spread_h_before": proposal.spread_before,
        "autofill_spread_h_after": proposal.spread_after,
    }


BENCHMARKS = {"autofill_station_month_s": bench_autofill_station}
