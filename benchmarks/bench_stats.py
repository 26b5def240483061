"""Monthly statistics at city scale (issue 12's budget)."""

from __future__ import annotations

from benchmarks.common import CITY_START, city_db, median_time
from rosterapp.services import statistics
from rosterapp.services.dutyday import add_months, month_range


def bench_stats() -> dict[str, float]:
    """stats_city_month_s (budget 0.5 s): every figure of 月度统计 for the city's 3,000 people over a month."""
    db, _ = city_db()
    # The data set's second month: April 2026 holds the Qingming holiday.
    first, last = month_range(add_months(CITY_START, 1))
    with db.read() as session:
        people = len(statistics.compute(session, first, last).people)
        seconds = median_time(lambda: statistics.compute(session, first, last))
    db.dispose()
    return {"stats_city_month_s": seconds, "stats_city_people": people}


BENCHMARKS = {
    "stats_city_month_s": bench_stats,
}
