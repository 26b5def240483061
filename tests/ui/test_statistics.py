"""Statistics in the window: the grid's totals columns and the statistics view, as a clerk uses them."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from rosterapp.models import ShiftSwap
from rosterapp.services import statistics
from rosterapp.services.changes import SWAPS, Change
from rosterapp.ui import settings as keys
from rosterapp.ui.main_window import MainWindow
from rosterapp.ui.roster.totals import TOTALS
from rosterapp.ui.statistics import MARK_ROLE, NAME_COLUMNS, PERSON_ID_ROLE, SORT_ROLE

START = dt.date(2027, 3, 1)
END = dt.date(2027, 3, 31)


@pytest.fixture
def demo_db(demo_copy):
    return demo_copy(seed=3, start=START)


def open_window(qtbot, db, settings=None) -> MainWindow:
    window = MainWindow(db, settings)
    qtbot.addWidget(window)
    window.set_range(START, END)
    window.select_key("detachment:DC")
    assert window.roster_page.controller.wait_for_checker()
    QApplication.processEvents()
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(qtbot, demo_db):
    return open_window(qtbot, demo_db)


def figures_of(db, person_id: int, first=START, last=END) -> statistics.PersonStats:
    with db.read() as s:
        return statistics.compute(s, first, last, person_ids=[person_id]).people[0]


def totals_row(window, row: int) -> list[str]:
    model = window.statistics.totals.model
    return [model.index(row, c).data() for c in range(model.columnCount())]


def expected_row(p: statistics.PersonStats) -> list[str]:
    return [statistics.hours_text(p.value(name)) if name == "hours" else str(p.value(name)) for name, _z, _e in TOTALS]


def test_totals_columns_show_follow_an_edit_and_its_undo_and_are_remembered(qtbot, demo_db, settings,
                                                                             qtmodeltester):
    window = open_window(qtbot, demo_db, settings)
    totals = window.statistics.totals
    assert not totals.view.isVisible()
    window.statistics.totals_action.trigger()
    assert totals.view.isVisible() and settings.value(keys.ROSTER_TOTALS) is True
    qtmodeltester.check(totals.model)
    page = window.roster_page
    grid = page.model.grid
    assert totals.model.rowCount() == len(grid.rows)
    # Every row: the figures of the service for that person over the grid's days.
    people = [r for r, row in enumerate(grid.rows) if not row.role]  # not the duty-role rows on top
    for r in (people[0], people[1], people[-1]):
        assert totals_row(window, r) == expected_row(figures_of(demo_db, grid.rows[r].person_id)), r
    assert not any(totals_row(window, 0)) and grid.rows[0].role  # a duty-role row has no totals
    # Row for row beside the grid, scrolled with it.
    assert totals.view.rowViewportPosition(3) == page.view.rowViewportPosition(3)
    page.view.verticalScrollBar().setValue(10)
    assert totals.view.verticalScrollBar().value() == 10
    assert totals.view.rowViewportPosition(12) == page.view.rowViewportPosition(12)

    # The clerk types 值 over a day that was not a duty: the row's totals follow, and follow the undo.
    row = next(r for r, cells in enumerate(grid.cells) if "休" in cells and not grid.rows[r].role)
    column = grid.cells[row].index("休")
    before = totals_row(window, row)
    person = grid.rows[row].person_id
    page.select_cell(row, column)
    qtbot.keyClicks(page.view, "z")
    assert grid.cells[row][column] == "值"
    after = totals_row(window, row)
    assert int(after[0]) == int(before[0]) + 1 and int(after[1]) == int(before[1]) + 1
    assert float(after[6]) == float(before[6]) + 24
    assert after == expected_row(figures_of(demo_db, person))
    window.undo_action.trigger()
    assert totals_row(window, row) == before

    # Remembered: the next window opens with the totals shown.
    window.close()
    again = open_window(qtbot, demo_db, settings)
    assert again.statistics.totals_action.isChecked() and again.statistics.totals.view.isVisible()


def test_statistics_view_sorts_marks_the_spread_follows_edits_and_prints(qtbot, window, demo_db, tmp_path,
                                                                           qtmodeltester):
    action = window.findChild(type(window.statistics.open_action), "actionStatistics")
    assert action.shortcut().toString() == "Ctrl+Shift+S" and action in window.view_menu.actions()
    action.trigger()
    dialog = window.statistics.dialog
    qtbot.waitExposed(dialog)
    qtmodeltester.check(dialog.model)
    qtmodeltester.check(dialog.proxy)
    # The grid's unit and month.
    assert dialog.unit_name() == "东城支队" and dialog.range() == (START, END)
    with demo_db.read() as s:
        expected = statistics.compute(s, START, END, detachment_id=window.current_scope().detachment_id)
    model = dialog.model
    assert [p.person_id for p in model.rows] == [p.person_id for p in expected.people]
    # In each station the most and the least duty days are marked, and only those.
    days_col = NAME_COLUMNS + [n for n, _z, _e in statistics.COLUMNS].index("duty_days")
    for _sid, people in expected.stations():
        values = [p.duty_days for p in people]
        rows = [next(r for r, q in enumerate(model.rows) if q.person_id == p.person_id) for p in people]
        for r, value in zip(rows, values, strict=True):
            mark = model.index(r, days_col).data(MARK_ROLE)
            if max(values) == min(values):
                assert mark is None
            else:
                assert mark == ("most" if value == max(values) else "least" if value == min(values) else None)
    assert any(model.index(r, days_col).data(MARK_ROLE) for r in range(model.rowCount()))
    # Sorting by duty days, most first, as numbers.
    dialog.table.sortByColumn(days_col, Qt.SortOrder.DescendingOrder)
    shown = [dialog.proxy.index(r, days_col).data(SORT_ROLE) for r in range(dialog.proxy.rowCount())]
    assert shown == sorted(shown, reverse=True) and shown[0] == max(p.duty_days for p in expected.people)

    # An edit in the grid: the view's row follows.
    page = window.roster_page
    grid = page.model.grid
    row = next(r for r, cells in enumerate(grid.cells) if "休" in cells and not grid.rows[r].role)
    person = grid.rows[row].person_id
    before = next(p for p in model.rows if p.person_id == person).duty_days
    page.select_cell(row, grid.cells[row].index("休"))
    qtbot.keyClicks(page.view, "z")
    assert next(p for p in model.rows if p.person_id == person).duty_days == before + 1

    # One station over part of the month.
    station = next(i for i in range(dialog.scope_combo.count()) if dialog.scope_combo.itemText(i).strip() == "前门消防救援站")
    dialog.scope_combo.setCurrentIndex(station)
    dialog.set_range(dt.date(2027, 3, 1), dt.date(2027, 3, 10))
    assert {p.station for p in model.rows} == {"前门消防救援站"}
    first = dialog.proxy.index(0, 0).data(PERSON_ID_ROLE)
    assert next(p for p in model.rows if p.person_id == first) == figures_of(demo_db, first, START,
                                                                             dt.date(2027, 3, 10))

    # The printed sheet has the same numbers as the view.
    out = tmp_path / "stats.pdf"
    assert dialog.write_pdf(out) >= 1
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "勤务统计表" in text and "前门消防救援站" in text and "统计期间：2027年3月1日至2027年3月10日" in text
    p = model.rows[0]
    line = next(x for x in text.splitlines() if p.staff_no in x)
    numbers = line.split()[line.split().index(p.staff_no) + 2:]
    assert numbers[:10] == [statistics.hours_text(p.value(n)) if n in ("hours", "post_hours") else str(p.value(n))
                            for n, _z, _e in statistics.COLUMNS]


def test_an_open_stand_in_shows_as_owed_in_the_totals_and_the_view(qtbot, window, demo_db):
    window.statistics.totals_action.trigger()
    dialog = window.statistics.open()
    page = window.roster_page
    grid = page.model.grid
    first = next(r for r, row in enumerate(grid.rows) if not row.role)
    a, b = grid.rows[first], grid.rows[first + 1]
    owed = [n for n, _z, _e in TOTALS].index("owed")
    assert totals_row(window, first)[owed] == str(figures_of(demo_db, a.person_id).owed)
    before = figures_of(demo_db, a.person_id).owed
    # A stand-in recorded (as another clerk's edit arriving, or a settlement that names no person's duty).
    with demo_db.begin() as s:
        s.add(ShiftSwap(station_id=a.station_id, kind="cover", person_a_id=a.person_id, day_a=START + dt.timedelta(days=3),
                        person_b_id=b.person_id, recorded_at=dt.datetime(2027, 3, 4, 9)))
    window.hub.follow(Change(registers=frozenset({SWAPS}), stations=frozenset({a.station_id})))
    assert totals_row(window, first)[owed] == str(before + 1)
    assert next(p for p in dialog.model.rows if p.person_id == a.person_id).owed == before + 1
