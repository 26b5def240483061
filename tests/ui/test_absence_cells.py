"""Absences typed in the roster grid of the real window, and the code legend."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox
from sqlalchemy import select

from rosterapp.models import Absence
from rosterapp.services import registers, roster
from rosterapp.ui.main_window import MainWindow
from rosterapp.ui.roster.legend import CodeLegend
from rosterapp.ui.roster.model import SEVERITY_ROLE as SEVERITY

START = dt.date(2027, 3, 1)
END = dt.date(2027, 3, 31)


@pytest.fixture
def demo_db(demo_copy):
    return demo_copy(seed=3, start=START)


@pytest.fixture
def window(qtbot, demo_db):
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.set_range(START, END)
    window.select_key("detachment:DC")
    assert window.roster_page.controller.wait_for_checker()
    QApplication.processEvents()
    window.show()
    qtbot.waitExposed(window)
    return window


def a_free_stretch(window: MainWindow, demo_db) -> tuple[int, int]:
    """A row and column with three days of no absence ahead (the person is not away those days)."""
    grid = window.roster_page.model.grid
    with demo_db.read() as s:
        away = {pid for pid, in s.execute(select(Absence.person_id))}
    for r, row in enumerate(grid.rows):
        if not row.role and row.person_id not in away:  # a person's row, not a duty-role row
            return r, 10
    raise AssertionError("everybody is away")


def commit(view, text: str) -> None:
    """What a Chinese input method does when the clerk picks 假: a commit string, no key press."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(view, event)


def absences(db, pid: int) -> list[tuple[str, dt.datetime, dt.datetime]]:
    with db.read() as s:
        return [(a.kind, a.start, a.end) for a in registers.list_absences(s, person_id=pid)]


def absence_ids(db, pid: int) -> list[int]:
    with db.read() as s:
        return [a.id for a in registers.list_absences(s, person_id=pid)]


def at8(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(8))


def on_leave(window: MainWindow, pid: int) -> list:
    return [p for p in window.roster_page.controller.problems_in_view() if pid in p.people and p.rule == "on_leave"]


def test_type_an_absence_extend_it_clear_it_and_undo_each_step(window, demo_db, qtbot):
    page = window.roster_page
    model = page.model
    row, column = a_free_stretch(window, demo_db)
    pid = model.grid.rows[row].person_id
    day, next_day = model.grid.days[column], model.grid.days[column + 1]
    steps = window.undo_stack.count()

    page.select_cell(row, column)
    commit(page.view, "假")  # typed through the input method
    assert model.grid.cells[row][column] == "假"
    assert absences(demo_db, pid) == [("holiday", at8(day), at8(next_day))]
    assert model.data(model.index(row, column), Qt.ItemDataRole.BackgroundRole).color().name() == "#b9e4b9"
    assert "假 · holiday" in model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole)
    assert window.undo_stack.count() == steps + 1

    page.select_cell(row, column + 1)
    qtbot.keyClicks(page.view, "1")  # the collision-free shortcut of 假
    assert model.grid.cells[row][column:column + 2] == ["假", "假"]
    assert absences(demo_db, pid) == [("holiday", at8(day), at8(next_day + dt.timedelta(days=1)))]
    [record] = absence_ids(demo_db, pid)

    # The person form lists the same record.
    people = window.registers.people
    window.tabs.setCurrentWidget(people)
    QApplication.processEvents()
    people.select_id(pid)
    dialog = people.edit(pid)
    assert [(e.id, e.kind, e.first, e.last) for e in dialog.absences.entries()] == [
        (record, "holiday", day, next_day)]
    dialog.reject()
    window.tabs.setCurrentWidget(page)
    QApplication.processEvents()

    page.select_block(row, column, row, column + 1)
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert model.grid.cells[row][column:column + 2] == ["", ""] and absences(demo_db, pid) == []

    window.undo_action.trigger()  # the clearing
    assert model.grid.cells[row][column:column + 2] == ["假", "假"]
    assert absence_ids(demo_db, pid) == [record]
    window.undo_action.trigger()  # the extension
    assert model.grid.cells[row][column:column + 2][0] == "假" and model.grid.cells[row][column + 1] != "假"
    assert absences(demo_db, pid) == [("holiday", at8(day), at8(next_day))]
    window.undo_action.trigger()  # the first day
    assert model.grid.cells[row][column] != "假" and absences(demo_db, pid) == []
    assert window.undo_stack.index() == steps


def test_a_pasted_block_of_shifts_and_absences_is_one_step_and_rechecked(window, demo_db):
    page = window.roster_page
    model = page.model
    row, column = a_free_stretch(window, demo_db)
    pid = model.grid.rows[row].person_id
    before = [model.grid.cells[r][column:column + 3] for r in (row, row + 1)]
    steps = window.undo_stack.count()
    page.select_cell(row, column)
    assert page.paste("病\t病\t值\nxj\t白\t事\n")
    assert model.grid.cells[row][column:column + 3] == ["病", "病", "值"]
    assert model.grid.cells[row + 1][column:column + 3] == ["假", "白", "事"]
    assert window.undo_stack.count() == steps + 1
    assert absences(demo_db, pid)[0] == ("sick", at8(model.grid.days[column]), at8(model.grid.days[column + 2]))
    window.undo_action.trigger()
    assert [model.grid.cells[r][column:column + 3] for r in (row, row + 1)] == before
    # A number in a pasted block is a spreadsheet's number, not the key 1 (假): refused, nothing changed.
    assert not page.paste("1\t值\n")
    assert [model.grid.cells[r][column:column + 3] for r in (row, row + 1)] == before
    window.roster_page.findChild(QMessageBox, "pasteRefused").close()


def test_the_cell_editor_offers_the_absences(window, demo_db, qtbot):
    page = window.roster_page
    row, column = a_free_stretch(window, demo_db)
    page.select_cell(row, column)
    page.view.edit(page.model.index(row, column))
    editor = page.view.findChild(QComboBox, "cellEditor")
    assert editor is not None
    texts = [editor.itemText(i) for i in range(editor.count())]
    assert any(t.startswith("病") for t in texts) and any(t.startswith("值") for t in texts)
    editor.setCurrentIndex(editor.findData("训"))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert page.model.grid.cells[row][column] == "训"


def test_an_absence_over_a_duty_takes_the_duty_away_and_the_code_legend_lists_every_code(window, demo_db):
    page = window.roster_page
    model = page.model
    grid = model.grid
    row, column = next((r, c) for r in range(len(grid.rows)) for c in range(len(grid.days))
                       if grid.cells[r][c] == "值" and not grid.rows[r].role)
    pid = grid.rows[row].person_id
    page.select_cell(row, column)
    assert page.controller.fill_text([(row, column)], "bj")  # an alias, as typed in the cell editor
    assert grid.cells[row][column] == "病" and not on_leave(window, pid)

    window.legend_action.trigger()
    legend = window.findChild(CodeLegend, "codeLegend")
    assert legend is not None and legend.isVisible()
    codes = [legend.model.index(r, 0).data() for r in range(legend.model.rowCount())]
    assert codes[:1] == ["值"] and codes[-6:] == ["假", "病", "训", "差", "借", "事"]
    hours = {legend.model.index(r, 0).data(): legend.model.index(r, 3).data() for r in range(legend.model.rowCount())}
    assert hours["值"] == "24 h" and hours["白"] == "12 h"
    assert "假" in model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    legend.close()


def test_an_absence_on_a_post_day_is_recorded_and_marked_on_leave_at_once(window, demo_db, qtbot):
    page = window.roster_page
    grid = page.model.grid
    row, column = next((r, c) for r in range(len(grid.rows)) for c in range(len(grid.days))
                       if grid.kinds[r][c] == roster.POST and not on_leave(window, grid.rows[r].person_id))
    pid, post = grid.rows[row].person_id, grid.cells[row][column]
    page.select_cell(row, column)
    qtbot.keyClicks(page.view, "2")  # 病
    assert grid.cells[row][column] == "病/" + post  # the post duty stays the post board's
    assert on_leave(window, pid) and page.model.data(page.model.index(row, column), SEVERITY) == "error"
    window.undo_action.trigger()
    assert grid.cells[row][column] == post and not on_leave(window, pid)
