"""Runs in its own process (so that peak memory is the window's alone): the roster grid at city scale."""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from rosterapp import i18n  # noqa: E402
from rosterapp.db import open_database  # noqa: E402
from rosterapp.services import roster  # noqa: E402
from rosterapp.ui.main_window import MainWindow  # noqa: E402


def peak_rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main(path: str, first: str, days: int) -> dict[str, float]:
    app = QApplication.instance() or QApplication([])
    i18n.set_language("zh_CN")
    db = open_database(f"sqlite:///{path}")
    window = MainWindow(db)
    window.resize(1600, 1000)
    start = dt.date.fromisoformat(first)
    window.set_range(start, start + dt.timedelta(days=days - 1))
    window.select_key("detachment:DC")
    window.show()
    page = window.roster_page
    page.controller.wait_for_checker(120000)
    app.processEvents()

    started = time.perf_counter()
    window.select_key("corps")
    page.view.viewport().repaint()
    open_s = time.perf_counter() - started
    assert len(page.model.grid.rows) > 2500

    view = page.view
    bar = view.verticalScrollBar()
    paints = []
    for k in range(1, 21):
        bar.setValue(bar.maximum() * k // 21)
        app.processEvents()
        started = time.perf_counter()
        view.viewport().repaint()
        paints.append(time.perf_counter() - started)

    edits, full_repaints = [], []
    grid = page.model.grid
    for k in range(20):
        row, column = 40 + k * 97, (k * 7) % days
        while grid.rows[row].role:  # a station's duty-role row holds names, not codes
            row += 1
        while grid.kinds[row][column] == roster.POST:  # a post day is the post board's: typing skips it
            column = (column + 1) % days
        page.select_cell(row, column)
        app.processEvents()
        code = "白" if page.model.grid.cells[row][column] != "白" else "夜"
        # Typed through the hub until Qt has painted what the edit dirtied (its row, the marks) and the
        # problems panel and counts followed: the clerk's wait. Then, apart, a repaint of everything shown.
        started = time.perf_counter()
        page.fill(code)
        app.processEvents()
        edits.append(time.perf_counter() - started)
        started = time.perf_counter()
        view.viewport().repaint()
        full_repaints.append(edits[-1] + time.perf_counter() - started)
        assert page.model.grid.cells[row][column].endswith(code) or code in page.model.grid.cells[row][column]
    # An absence typed (假): the person's Absence written, the registers re-read by the checker, the row repainted.
    absence_edits = []
    for k in range(10):
        row, column = 60 + k * 211, (k * 5 + 3) % days
        while grid.rows[row].role:
            row += 1
        while grid.kinds[row][column] == roster.POST:
            column = (column + 1) % days
        page.select_cell(row, column)
        app.processEvents()
        started = time.perf_counter()
        page.fill("假")
        app.processEvents()
        absence_edits.append(time.perf_counter() - started)
        assert grid.cells[row][column] == "假"
    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    result = {
        "grid_absence_edit_ms": statistics.median(absence_edits) * 1000,
        "grid_open_city_s": open_s,
        "grid_edit_ms": statistics.median(edits) * 1000,
        "grid_edit_full_repaint_ms": statistics.median(full_repaints) * 1000,
        "grid_paint_ms": statistics.median(paints) * 1000,
        "rss_city_mb": peak_rss_mb(),
    }
    window.close()
    db.dispose()
    return result


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2], int(sys.argv[3]))))
