"""Runs in its own process: the main window opening the city operation's post board."""

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
from rosterapp.services import operations  # noqa: E402
from rosterapp.services.dutyday import month_range, month_span  # noqa: E402
from rosterapp.ui.main_window import MainWindow  # noqa: E402


def open_board(app: QApplication, window: MainWindow, key: str) -> float:
    started = time.perf_counter()
    window.select_key(key)
    window.operations.view.viewport().repaint()
    return time.perf_counter() - started


def main(path: str, first: str) -> dict[str, float]:
    app = QApplication.instance() or QApplication([])
    i18n.set_language("zh_CN")
    db = open_database(f"sqlite:///{path}")
    with db.begin() as session:
        op = operations.list_operations(session)[0]
    key = f"operation:{op.name}"
    window = MainWindow(db)
    window.resize(1600, 1000)
    window.show()
    controller = window.roster_page.controller

    # The clerk's way in: the city window on the task's first month, the task clicked in the navigator.
    window.set_range(*month_range(op.start_date))
    window.select_key("corps")
    controller.wait_for_checker(120000)
    app.processEvents()
    window_open = open_board(app, window, key)
    controller.wait_for_checker(120000)
    app.processEvents()
    window.tabs.setCurrentWidget(window.roster_page)
    app.processEvents()

    # From another month: the window's days move to the task's months (roster and checker follow).
    before = dt.date.fromisoformat(first) - dt.timedelta(days=60)
    window.set_range(before, before + dt.timedelta(days=30))
    window.select_key("detachment:DC")
    controller.wait_for_checker(120000)
    app.processEvents()
    first_open = open_board(app, window, key)
    controller.wait_for_checker(120000)
    app.processEvents()

    # The usual case: the days shown already hold the task; the clerk comes back to its board.
    window.set_range(*month_span(op.start_date, op.end_date))
    window.select_key("detachment:DC")
    controller.wait_for_checker(120000)
    app.processEvents()
    opens = []
    for _ in range(3):
        window.select_key("detachment:DC")
        app.processEvents()
        opens.append(open_board(app, window, key))
        app.processEvents()
    board = window.operations.board
    assert board is not None and len({line.post_id for line in board.lines}) == 150 and len(board.days) >= 90

    # One drop: a free vehicle put at a window, committed, re-checked, the board and the lists refreshed.
    ops = window.operations
    edits = []
    for k in range(7):
        r, c = (k * 23) % len(board.lines), (k * 11 + 3) % len(board.days)
        if ops.board.cells[r][c] is None:
            continue
        ops.select_cell(r, c)
        app.processEvents()
        vehicle = ops.panel.vehicles_model.options[0].id
        started = time.perf_counter()
        assert ops.drop("application/x-rosterapp-vehicles", [vehicle], None, r, c)
        ops.view.viewport().repaint()
        edits.append(time.perf_counter() - started)
        window.undo_stack.undo()
    result = {"post_board_window_open_city_s": window_open,
              "post_board_open_city_s": sorted(opens)[1], "post_board_first_open_city_s": first_open,
              "post_board_edit_ms": statistics.median(edits) * 1000}
    window.close()
    db.dispose()
    return result


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2])))
