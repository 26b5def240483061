"""Edit ▸ Fill automatically… in the real window: a station's emptied month proposed, shown over the grid,
accepted (all, one person's, the grid's selection) as one undo step, stopped, discarded."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from rosterapp.models import Station
from rosterapp.services import roster
from rosterapp.ui.main_window import MainWindow
from rosterapp.ui.roster.autofill import AutofillCommand, AutofillDialog

START = dt.date(2027, 3, 1)
END = dt.date(2027, 3, 31)


@pytest.fixture
def demo_db(demo_copy):
    return demo_copy(seed=3, start=START)


def first_station(db) -> tuple[int, str]:
    with db.read() as s:
        station = s.scalars(select(Station).where(Station.grade != "office").order_by(Station.id)).first()
        return station.id, station.name


@pytest.fixture
def window(qtbot, demo_db):
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.set_range(START, END)
    assert window.select_key(f"station:{first_station(demo_db)[1]}")
    assert window.roster_page.controller.wait_for_checker()
    QApplication.processEvents()
    window.show()
    qtbot.waitExposed(window)
    return window


def errors(window: MainWindow) -> set[tuple]:
    return {(p.rule, p.start, p.end, tuple(p.people)) for p in window.hub.problems() if p.severity == "error"}


def person_cells(window: MainWindow) -> dict[tuple[int, dt.date], str]:
    grid = window.roster_page.model.grid
    return {(row.person_id, day): grid.cells[r][c] for r, row in enumerate(grid.rows) if not row.role
            for c, day in enumerate(grid.days)}


def db_cells(db, sid: int) -> dict[tuple[int, dt.date], str]:
    days = [START + dt.timedelta(days=i) for i in range((END - START).days + 1)]
    with db.read() as s:
        grid = roster.load_roster(s, days, station_id=sid)
    return {(row.person_id, day): grid.cells[r][c] for r, row in enumerate(grid.rows) if not row.role
            for c, day in enumerate(grid.days)}


def empty_month(window: MainWindow) -> set[tuple[int, dt.date]]:
    """Clear every 值/休 of the station's active people over the month, through the hub (one step)."""
    grid = window.roster_page.model.grid
    cleared = {(row.person_id, day) for r, row in enumerate(grid.rows) if not row.role and row.active
               for c, day in enumerate(grid.days) if grid.cells[r][c] in ("值", "休")}
    assert window.roster_page.controller.push(dict.fromkeys(cleared), "clear")
    QApplication.processEvents()
    return cleared


def run(qtbot, dialog: AutofillDialog) -> None:
    dialog.start()
    assert dialog.is_running()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=90_000)
    QApplication.processEvents()


def test_the_fill_is_shown_over_the_grid_and_accepted_as_one_step_without_new_errors(window, demo_db, qtbot):
    sid, name = first_station(demo_db)
    model = window.roster_page.model
    demo_errors = errors(window)
    cleared = empty_month(window)
    empty_errors = errors(window)
    window.roster_page.view.clearSelection()
    dialog = window.autofill_actions.open()
    assert isinstance(dialog, AutofillDialog) and not dialog.isModal()
    assert name in dialog.scope_label.text() and "2027-03-01" in dialog.scope_label.text()
    assert not dialog.only_selected.isChecked()
    run(qtbot, dialog)
    values = dict(dialog.values)
    assert values and set(values.values()) <= {"值", "休"}
    assert set(values) <= cleared  # only the empty cells
    # The overlay marks exactly the proposed cells (and the proposed leaders' duty-row cells), nothing written.
    grid = model.grid
    marked = {(grid.rows[r].person_id, grid.days[c]): text for (r, c), (text, _look) in model.overlay.items()
              if not grid.rows[r].role}
    assert marked == values
    (pid, day), code = next(iter(values.items()))
    index = model.index(grid.row_of[pid], grid.column_of[day])
    assert index.data(Qt.ItemDataRole.DisplayRole) == code and index.data(Qt.ItemDataRole.EditRole) == ""
    assert index.data(Qt.ItemDataRole.FontRole).italic()
    assert all(db_cells(demo_db, sid)[key] == "" for key in values)
    assert dialog.people.rowCount() > 0 and "值" in dialog.summary.text()
    qtbot.waitUntil(lambda: dialog.impact.text() != "")  # accepting all checked before it is done
    assert dialog.new_errors == 0 and "Accepting all" in dialog.impact.text()
    assert "Duty-hours spread" in dialog.summary.text()

    depth = window.undo_stack.count()
    assert dialog.accept_all()
    assert window.undo_stack.count() == depth + 1
    written = db_cells(demo_db, sid)
    assert all(written[key] == code for key, code in values.items())
    assert {key: text for key, text in person_cells(window).items() if key in values} == values
    assert not model.overlay and not dialog.values
    # The live checker finds no new error: none the emptied month had not, none the demo's own month had not.
    assert errors(window) - empty_errors == set()
    assert errors(window) - demo_errors == set()
    window.undo_stack.undo()
    QApplication.processEvents()
    assert all(db_cells(demo_db, sid)[key] == "" for key in values)


def test_accepting_one_person_writes_only_theirs_and_discard_writes_nothing(window, demo_db, qtbot):
    sid, _name = first_station(demo_db)
    model = window.roster_page.model
    empty_month(window)
    window.roster_page.view.clearSelection()
    dialog = window.autofill_actions.open()
    run(qtbot, dialog)
    values = dict(dialog.values)
    person = next(pid for pid, _day in values)
    for r in range(dialog.people.rowCount()):
        item = dialog.people.item(r, 0)
        item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole + 1) == person
                           else Qt.CheckState.Unchecked)
    assert dialog.ticked_people() == {person}
    depth = window.undo_stack.count()
    dialog.accept_people_button.click()
    assert window.undo_stack.count() == depth + 1
    now = db_cells(demo_db, sid)
    assert all(now[key] == code for key, code in values.items() if key[0] == person)
    assert all(now[key] == "" for key in values if key[0] != person)
    # The rest stays proposed over the grid until discarded.
    assert dialog.values == {key: code for key, code in values.items() if key[0] != person}
    assert model.overlay
    dialog.discard_button.click()
    assert not model.overlay and not dialog.values
    assert window.undo_stack.count() == depth + 1
    assert db_cells(demo_db, sid) == now


def test_stop_keeps_the_best_so_far_or_says_why_and_writes_nothing(window, demo_db, qtbot):
    sid, _name = first_station(demo_db)
    empty_month(window)
    before = db_cells(demo_db, sid)
    dialog = window.autofill_actions.open()
    dialog.time_limit.setValue(120)
    dialog.start()
    dialog.cancel_button.click()
    assert not dialog.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=90_000)
    QApplication.processEvents()
    assert dialog.proposal is not None
    assert dialog.values or "Stopped before any proposal was found" in dialog.summary.text()
    assert db_cells(demo_db, sid) == before
    dialog.close()
    assert not window.roster_page.model.overlay
    assert window.roster_page.autofill_dialog is None


def test_closing_the_dialog_discards_the_proposal(window, demo_db, qtbot):
    sid, _name = first_station(demo_db)
    empty_month(window)
    before = db_cells(demo_db, sid)
    depth = window.undo_stack.count()
    dialog = window.autofill_actions.open()
    run(qtbot, dialog)
    assert window.roster_page.model.overlay
    dialog.close()
    assert not window.roster_page.model.overlay
    assert window.undo_stack.count() == depth and db_cells(demo_db, sid) == before


def test_an_edit_after_the_proposal_takes_its_cell_off_and_the_step_rereads_the_cells(window, demo_db, qtbot):
    sid, _name = first_station(demo_db)
    page = window.roster_page
    empty_month(window)
    dialog = window.autofill_actions.open()
    run(qtbot, dialog)
    (pid, day), _code = next(iter(dialog.values.items()))
    grid = page.model.grid
    assert page.controller.push({(pid, day): "休"}, "typed")  # the clerk types over a proposed cell
    QApplication.processEvents()
    assert (pid, day) not in dialog.values and dialog.dropped == 1
    assert (grid.row_of[pid], grid.column_of[day]) not in page.model.overlay
    assert "taken off" in dialog.summary.text()
    # A cell changed where the dialog could not see it (not in the grid): the step reads it again and skips it.
    other = next(key for key in dialog.values if key[0] != pid)
    with demo_db.begin() as s:
        roster.edit_cells(s, {other: "值"}, list(page.model.codes))
    command = AutofillCommand("fill", sid, {other: "休"}, {other: None}, [], page.model.codes)
    window.hub.push(command)
    assert command.dropped == 1 and command.written == (0, 0)
    assert db_cells(demo_db, sid)[other] == "值"


def test_only_the_selected_cells_are_filled(window, demo_db, qtbot):
    sid, _name = first_station(demo_db)
    page = window.roster_page
    cleared = empty_month(window)
    grid = page.model.grid
    pid = next(p for p, _d in sorted(cleared))
    r = grid.row_of[pid]
    page.select_block(r, 0, r + 2, 6)  # three people, a week
    selected = {(grid.rows[rr].person_id, grid.days[c]) for rr in range(r, r + 3) for c in range(7)}
    dialog = window.autofill_actions.open()
    assert dialog.only_selected.isEnabled() and dialog.only_selected.isChecked()
    assert "2027-03-07" in dialog.scope_label.text()
    run(qtbot, dialog)
    assert dialog.values and set(dialog.values) <= selected
    assert dialog.accept_all()
    now = db_cells(demo_db, sid)
    assert all(now[key] == "" for key in cleared - selected)


def test_the_action_is_in_the_edit_menu_and_asks_for_a_station_first(qtbot, demo_db):
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.set_range(START, END)
    window.select_key("corps")
    QApplication.processEvents()
    action = window.autofill_actions.action
    assert action in window.edit_menu.actions()
    assert action.shortcut().toString() == "Ctrl+Shift+A"
    window.roster_page.view.setCurrentIndex(QModelIndex())  # the city shown, no cell of a station's person
    assert window.autofill_actions.open() is None
    assert "station" in window.statusBar().currentMessage()


def test_the_grid_context_menu_offers_the_fill_and_keeps_the_selection(window, demo_db):
    page = window.roster_page
    page.select_block(3, 0, 5, 6)
    selected = page.view.selected_cells()
    rect = page.view.visualRect(page.model.index(4, 3))
    menu = page.swaps.context_menu(rect.center())
    assert window.autofill_actions.action in menu.actions()
    assert page.view.selected_cells() == selected  # right-clicking inside the selection keeps it
    menu.close()
    dialog = window.autofill_actions.open()
    assert dialog.only_selected.isChecked() and len(dialog.selection) == len(selected)
    dialog.close()


def test_unlocked_the_fill_may_change_entered_codes_shown_in_their_own_colour(window, demo_db, qtbot):
    sid, _name = first_station(demo_db)
    model = window.roster_page.model
    window.roster_page.view.clearSelection()
    entered = person_cells(window)
    dialog = window.autofill_actions.open()
    assert dialog.unlock.isEnabled() and dialog.weights_box.isEnabled()
    dialog.unlock.setChecked(True)
    dialog.fair.setValue(10)
    dialog.changes.setValue(0)
    run(qtbot, dialog)
    assert dialog.values, dialog.summary.text()
    grid = model.grid
    for key, code in dialog.values.items():
        assert dialog.before[key] == (entered[key] or None)  # what the cell holds now, as the grid shows it
        look = model.overlay[grid.row_of[key[0]], grid.column_of[key[1]]][1]
        assert look == ("changed" if dialog.before[key] else "duty" if code == "值" else "off")
    assert any(dialog.before[key] for key in dialog.values)
    assert "change what is entered" in dialog.summary.text()
    depth = window.undo_stack.count()
    values = dict(dialog.values)
    assert dialog.accept_all()
    assert window.undo_stack.count() == depth + 1
    assert all(db_cells(demo_db, sid)[key] == code for key, code in values.items())
    window.undo_stack.undo()
    QApplication.processEvents()
    now = db_cells(demo_db, sid)
    assert all(now[key] == entered[key] for key in values)


def test_unlocked_the_fill_adds_no_error(window, demo_db, qtbot):
    window.roster_page.view.clearSelection()
    demo_errors = errors(window)
    dialog = window.autofill_actions.open()
    dialog.unlock.setChecked(True)
    dialog.fair.setValue(10)
    dialog.changes.setValue(0)
    run(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.impact.text() != "")
    assert dialog.new_errors == 0, dialog.impact.text()
    assert dialog.accept_all()
    assert errors(window) - demo_errors == set()


def test_accepting_the_cells_selected_in_the_grid_writes_only_those(window, demo_db, qtbot):
    sid, _name = first_station(demo_db)
    page = window.roster_page
    empty_month(window)
    page.view.clearSelection()
    dialog = window.autofill_actions.open()
    run(qtbot, dialog)
    values = dict(dialog.values)
    grid = page.model.grid
    pid = next(p for p, _d in sorted(values, key=lambda k: (grid.row_of[k[0]], k[1])))
    r = grid.row_of[pid]
    page.select_block(r, 0, r, 9)  # one person's first ten days
    picked = {(pid, grid.days[c]) for c in range(10)} & set(values)
    assert picked
    depth = window.undo_stack.count()
    assert dialog.accept_selected()
    assert window.undo_stack.count() == depth + 1
    now = db_cells(demo_db, sid)
    assert all(now[key] == values[key] for key in picked)
    assert all(now[key] == "" for key in set(values) - picked)
    assert set(dialog.values) == set(values) - picked
