"""Printing at city scale (issue 7's budget): a month of one detachment's station sheets as one PDF."""

from __future__ import annotations

import datetime as dt
import time

from benchmarks.common import CITY_START, city_db, new_db_path
from rosterapp.reports.batch import resolve_request
from rosterapp.ui.printing.pdf import ensure_gui_application, export_pdf

# The largest detachment of the city data set (18 stations), so the figure is the worst case.
DETACHMENT = "CY"


def bench_print_month() -> dict[str, float]:
    """print_month_detachment_s (budget 15 s): every station sheet of one detachment for 31 days, one PDF.

    Timed from the request to the closed file: reading the plan, building the sheets, laying out
    and painting every page, embedding the fonts.
    """
    db, _ = city_db()
    ensure_gui_application()
    with db.begin() as session:
        warm_up = resolve_request(session, station="左家庄", first=CITY_START)
        request = resolve_request(session, detachment=DETACHMENT, all_stations=True, first=CITY_START,
                                  last=CITY_START + dt.timedelta(days=30))
    # Font loading and Qt's first PDF are one-off costs of a process, not of a month of sheets.
    export_pdf(db, warm_up, new_db_path("warm-up.pdf"))
    started = time.perf_counter()
    _batch, result = export_pdf(db, request, new_db_path("month.pdf"))
    seconds = time.perf_counter() - started
    db.dispose()
    return {"print_month_detachment_s": seconds, "print_month_detachment_sheets": result.documents,
            "print_month_detachment_pages": result.pages}


BENCHMARKS = {"print_month_detachment_s": bench_print_month}
