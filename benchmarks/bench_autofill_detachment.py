"""A detachment's month with its posts, cleared and filled by the automatic fill (issue 15).

On the city demo the detachment with the most post windows has, for the first month of the demo, every
station cell of its people emptied and every post duty and vehicle deployment of its posts removed; then
``autofill.propose_scope`` (posts first, then each station and its leaders) runs with ``apply``, in the same
unit of work, which is rolled back at the end. Prints ``autofill_detachment_month_s`` (budget 60 s),
``autofill_added_errors`` (errors ``check`` finds after the fill that it did not find before clearing: must be
0), the post windows filled and left short, and per station ``autofill_spread_h_<n>: before -> after`` (duty
hours, most − least, the plan as the demo made it and after the fill) with ``autofill_spread_h`` the largest.
"""

from __future__ import annotations

import datetime as dt
import time

from sqlalchemy import delete, func, select

from benchmarks.common import CITY_START, city_db
from rosterapp.models import Duty, Operation, Person, Post, Station, VehicleDeployment
from rosterapp.services import autofill, roster
from rosterapp.services.check import resolve_scope, run_check


def _errors(session, first, last) -> set[tuple]:
    report = run_check(session, resolve_scope(session, first=first, last=last))
    return {(p.rule, p.start, p.end, tuple(p.people)) for p in report.problems if p.severity == "error"}


def bench_autofill_detachment() -> dict[str, float | int | str]:
    db, _ = city_db()
    first = CITY_START
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    lo, hi = dt.datetime.combine(first, dt.time()), dt.datetime.combine(last + dt.timedelta(days=1), dt.time())
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    out: dict[str, float | int | str] = {}
    try:
        with db.begin() as s:
            det = s.execute(select(Post.detachment_id, func.count()).group_by(Post.detachment_id)
                            .order_by(func.count().desc(), Post.detachment_id)).first()[0]
            stations = list(s.scalars(select(Station.id).where(Station.detachment_id == det)
                                      .order_by(Station.sort_order, Station.id)))
            operations = list(s.scalars(select(Operation.id).where(Operation.start_date <= last,
                                                                   Operation.end_date >= first)))
            before = _errors(s, first, last)
            posts = list(s.scalars(select(Post.id).where(Post.detachment_id == det)))
            s.execute(delete(Duty).where(Duty.post_id.in_(posts), Duty.start < hi, Duty.end > lo))
            s.execute(delete(VehicleDeployment).where(VehicleDeployment.post_id.in_(posts),
                                                      VehicleDeployment.start < hi, VehicleDeployment.end > lo))
            people = list(s.scalars(select(Person.id).where(Person.station_id.in_(stations), Person.active)))
            codes = [c.code for c in roster.shift_codes(s)]
            spread_demo = {}
            roster.edit_cells(s, {(p, d): None for p in people for d in days}, codes)
            started = time.perf_counter()
            plan = autofill.propose_scope(s, stations, first, last, operation_ids=operations, detachment_id=det,
                                          apply=True, time_limit_s=10)
            seconds = time.perf_counter() - started
            added = _errors(s, first, last) - before
            s.rollback()
        with db.read() as s:  # the spreads of the plan as the demo made it
            for sid in stations:
                spread_demo[sid] = autofill.propose_station(s, sid, first, last, cells=(), stats=False).spread_before
    finally:
        db.dispose()
    out["autofill_detachment_month_s"] = seconds
    out["autofill_added_errors"] = len(added)
    out["autofill_post_windows_filled"] = sum(pp.filled for pp in plan.posts)
    out["autofill_post_windows_short"] = sum(len(pp.gaps) for pp in plan.posts)
    out["autofill_station_days_short"] = sum(len({u.day for u in p.unfilled if u.tags}) for p in plan.stations)
    worst = 0.0
    for n, p in enumerate(plan.stations, 1):
        if p.values:
            out[f"autofill_spread_h_{n}"] = f"{spread_demo[p.station_id]:g} -> {p.spread_after:g}"
            worst = max(worst, p.spread_after)
    out["autofill_spread_h"] = worst
    return out


BENCHMARKS = {"autofill_detachment_month_s": bench_autofill_detachment}
