"""Shift swaps in the real window, on the small demo: a swap refused for the error it would create, one
made by Ctrl-drag and undone, a stand-in and its pay-back settled by hand, an undo blocked by a later change."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from sqlalchemy import func, select

from rosterapp.models.daybook import ShiftSwap
from rosterapp.services import duties, swaps
from rosterapp.services.roster import DUTY
from rosterapp.ui.main_window import MainWindow
from rosterapp.ui.roster.swaps import SWAP, SwapValues, _short

START = dt.date(2027, 3, 1)
END = dt.date(2027, 3, 31)
OFFICERS = ("站长", "指导员", "副站长")


@pytest.fixture
def demo_db(demo_copy):
    return demo_copy(seed=3, start=START)


@pytest.fixture
def window(qtbot, demo_db):
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.set_range(START, END)
    window.select_key("detachment:DC")
    window.show()
    qtbot.waitExposed(window)
    settle(window)
    return window


def settle(window: MainWindow) -> None:
    assert window.roster_page.controller.wait_for_checker()
    QApplication.processEvents()


def swap_count(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(ShiftSwap))


def cells(window, *rows):
    grid = window.roster_page.model.grid
    return [list(grid.cells[r]) for r in rows]


def find_pair(grid, test):
    """(row a, row b, column) of two people of one station for which ``test(a, b, c)`` holds."""
    n = len(grid.days)
    for a in range(len(grid.rows)):
        for b in range(len(grid.rows)):
            if a != b and grid.rows[a].station_id == grid.rows[b].station_id:
                for c in range(2, n - 3):
                    if test(a, b, c):
                        return a, b, c
    pytest.fail("no such pair in the demo")


def mouse(widget, kind, point: QPoint, buttons, modifiers=Qt.KeyboardModifier.ControlModifier) -> None:
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    event = QMouseEvent(kind, QPointF(point), QPointF(widget.mapToGlobal(point)), button, buttons, modifiers)
    QApplication.sendEvent(widget, event)


def ctrl_drag(page, source: tuple[int, int], target: tuple[int, int]) -> None:
    view = page.view
    view.scrollTo(page.model.index(*source), view.ScrollHint.PositionAtTop)
    QApplication.processEvents()
    start = view.visualRect(page.model.index(*source)).center()
    end = view.visualRect(page.model.index(*target)).center()
    assert view.viewport().rect().contains(end)
    held = Qt.MouseButton.LeftButton
    mouse(view.viewport(), QEvent.Type.MouseButtonPress, start, held)
    mouse(view.viewport(), QEvent.Type.MouseMove, start + QPoint(12, 0), held)
    mouse(view.viewport(), QEvent.Type.MouseMove, end, held)
    mouse(view.viewport(), QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)


def test_a_swap_that_would_leave_no_rest_is_refused_with_the_reason_and_changes_nothing(window, demo_db):
    page = window.roster_page
    grid = page.model.grid
    k = grid.kinds
    # Two firefighters on alternate days (做一休一): a takes b's duty of the day after his own, and so
    # works two 24 h duties in a row: no rest at all, an error.
    a, b, c = find_pair(grid, lambda a, b, c: grid.rows[a].position == "战斗员" == grid.rows[b].position
                        and k[a][c] == DUTY and k[b][c + 1] == DUTY and k[a][c + 2] == DUTY
                        and grid.cells[a][c + 1] == "休" == grid.cells[b][c])
    before, steps, recorded = cells(window, a, b), window.undo_stack.count(), swap_count(demo_db)
    page.swaps.begin(SWAP, a, c, grid.rows[b].person_id, grid.days[c + 1])
    dialog = page.swaps.dialog
    assert dialog.isVisible() and dialog.partner_box.currentData() == grid.rows[b].person_id
    dialog.reason_edit.setText("家中有事")
    dialog.approver_box.setEditText("大队长")
    dialog.update_impact()
    # Said before OK, and OK cannot be pressed.
    assert dialog.impact_label.text().startswith("Refused: this would add")
    assert "rest" in dialog.impact_list.toPlainText().lower()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    # The same check stands behind OK.
    assert page.swaps.submit(dialog.values()) is False
    box = page.swaps.box
    assert box.objectName() == "swapRefused" and box.isVisible()
    assert "Nothing was changed" in box.text() and "rest" in box.informativeText().lower()
    box.close()
    dialog.reject()
    assert cells(window, a, b) == before
    assert window.undo_stack.count() == steps and swap_count(demo_db) == recorded


def test_a_swap_made_by_ctrl_drag_is_one_undo_step(window, demo_db, qtbot):
    page = window.roster_page
    grid = page.model.grid
    t = grid.cells
    # Two officers of a station taking turns with a third (值休休): a gives his day to b, takes b's next.
    a, b, c = find_pair(grid, lambda a, b, c: grid.rows[a].position in OFFICERS and grid.rows[b].position in OFFICERS
                        and t[a][c] == "值" and t[b][c + 1] == "值" and t[a][c + 1] == t[a][c + 2] == "休"
                        and t[b][c - 1] == t[b][c] == "休" and abs(a - b) < 8)
    before, recorded = cells(window, a, b), swap_count(demo_db)
    ctrl_drag(page, (a, c), (b, c + 1))
    dialog = page.swaps.dialog
    assert dialog is not None and dialog.isVisible()
    values = dialog.values()
    assert (values.kind, values.person_b, values.day_b) == ("swap", grid.rows[b].person_id, grid.days[c + 1])
    dialog.reason_edit.setText("子女入学")
    officer = dialog.approver_box.itemText(0)
    dialog.approver_box.setCurrentIndex(0)
    dialog.update_impact()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled(), dialog.impact_list.toPlainText()
    # The day's lead goes with the duty, and the dialog says so before OK.
    names = (grid.rows[a].name, grid.rows[b].name)
    assert f"duty leader {_short(grid.days[c])} goes with the duty: {names[0]} → {names[1]}" \
        in dialog.impact_list.toPlainText()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    if page.swaps.box is not None and page.swaps.box.objectName() == "swapWarnings":
        page.swaps.box.button(QMessageBox.StandardButton.Yes).click()
    assert (t[a][c], t[b][c], t[a][c + 1], t[b][c + 1]) == ("休", "值", "值", "休")
    assert window.undo_stack.undoText() == (f"Swap {grid.rows[a].name} {grid.days[c].month}/{grid.days[c].day} ⇄ "
                                            f"{grid.rows[b].name} {grid.days[c + 1].month}/{grid.days[c + 1].day}")
    with demo_db.read() as s:
        row = max(swaps.list_swaps(s), key=lambda r: r.id)
    assert (row.kind, row.person_a, row.person_b, row.reason, row.approver) == (
        "swap", grid.rows[a].name, grid.rows[b].name, "子女入学", officer.split()[0])
    window.undo_action.trigger()
    assert cells(window, a, b) == before and swap_count(demo_db) == recorded
    window.redo_action.trigger()
    assert (t[a][c], t[b][c]) == ("休", "值") and swap_count(demo_db) == recorded + 1


def test_a_stand_in_by_ctrl_drag_onto_a_day_off_owes_a_payback_settled_by_hand(window, demo_db):
    page = window.roster_page
    grid = page.model.grid
    t = grid.cells
    a, b, c = find_pair(grid, lambda a, b, c: grid.rows[a].position in OFFICERS and grid.rows[b].position in OFFICERS
                        and t[a][c] == "值" and t[b][c] == "休" and t[b][c - 1] == "休" and t[b][c + 1] == "休"
                        and abs(a - b) < 8)
    ctrl_drag(page, (a, c), (b, c))
    dialog = page.swaps.dialog
    assert dialog.values().kind == "cover" and dialog.values().person_b == grid.rows[b].person_id
    dialog.approver_box.setEditText("大队长")
    dialog.update_impact()
    dialog.accept()
    if page.swaps.box is not None and page.swaps.box.objectName() == "swapWarnings":
        page.swaps.box.button(QMessageBox.StandardButton.Yes).click()
    assert (t[a][c], t[b][c]) == ("休", "值")
    assert window.undo_stack.undoText().startswith(f"Stand-in: {grid.rows[b].name} for {grid.rows[a].name}")

    window.roster_page.select_cell(a, c)
    window.roster_page.swaps.payback_action.trigger()
    board = page.swaps.paybacks
    assert board.isVisible() and board.station_box.currentData() == grid.rows[a].station_id
    mine = [r for r in board.rows if r.person_a_id == grid.rows[a].person_id]
    assert [r.status() for r in mine] == ["owed"] and grid.rows[a].name in board.owed_label.text()
    board.select_swap(mine[0].id)
    assert not board.settle_button.isEnabled()  # a note first
    board.note_edit.setText("以加班抵")
    board.settle_button.click()
    assert all(r.id != mine[0].id for r in board.rows)  # owed no more
    board.open_box.setChecked(False)
    assert next(r for r in board.rows if r.id == mine[0].id).status() == "settled: 以加班抵"
    window.undo_action.trigger()  # the settlement
    board.open_box.setChecked(True)
    assert any(r.id == mine[0].id for r in board.rows)
    window.undo_action.trigger()  # the stand-in
    assert (t[a][c], t[b][c]) == ("值", "休")


def test_an_undo_after_a_later_change_of_the_cells_is_refused(window, demo_db):
    page = window.roster_page
    grid = page.model.grid
    t = grid.cells
    a, b, c = find_pair(grid, lambda a, b, c: grid.rows[a].position in OFFICERS and grid.rows[b].position in OFFICERS
                        and t[a][c] == "值" and t[b][c + 1] == "值" and t[a][c + 1] == t[a][c + 2] == "休"
                        and t[b][c - 1] == t[b][c] == "休")
    pa, pb = grid.rows[a].person_id, grid.rows[b].person_id
    assert page.swaps.submit(SwapValues("swap", grid.rows[a].station_id, pa, grid.days[c], pb, grid.days[c + 1],
                                        "", None, "大队长")) or page.swaps.box.objectName() == "swapWarnings"
    if page.swaps.box is not None and page.swaps.box.isVisible():
        page.swaps.box.button(QMessageBox.StandardButton.Yes).click()
    recorded = swap_count(demo_db)
    # Another clerk types 白 over the duty b took.
    with demo_db.begin() as s:
        change = duties.set_roster_cells(s, {(pb, grid.days[c]): "白"}).change
    window.hub.follow(change)
    assert t[b][c] == "白"
    window.undo_action.trigger()
    assert t[b][c] == "白" and t[a][c] == "休" and swap_count(demo_db) == recorded
    assert "changed" in window.hub.last_refusal


def test_the_context_menu_of_a_duty_cell_offers_swap_and_stand_in(window):
    page = window.roster_page
    grid = page.model.grid
    r, c = next((r, c) for r in range(len(grid.rows)) for c in range(len(grid.days)) if grid.cells[r][c] == "值")
    page.view.scrollTo(page.model.index(r, c))
    menu = page.swaps.context_menu(page.view.visualRect(page.model.index(r, c)).center())
    texts = {a.objectName(): (a.text(), a.isEnabled()) for a in menu.actions() if a.objectName()}
    assert texts["actionSwap"] == ("Shift swap (换班)…", True) and texts["actionCover"][1]
    menu.close()
    off = next(c for c in range(len(grid.days)) if grid.cells[r][c] == "休")
    menu = page.swaps.context_menu(page.view.visualRect(page.model.index(r, off)).center())
    assert not next(a for a in menu.actions() if a.objectName() == "actionSwap").isEnabled()
    next(a for a in menu.actions() if a.objectName() == "actionPaybacksOfPerson").trigger()  # that person's list
    board = page.swaps.paybacks
    assert board.isVisible() and board.person_box.currentData() == grid.rows[r].person_id


def test_a_stand_in_that_only_adds_warnings_asks_first(qtbot, demo_db):
    from sqlalchemy import update

    from rosterapp.models import RuleSetting

    with demo_db.begin() as s:  # 60 h in 7 days at most: three 24 h duties in five days are a warning
        s.execute(update(RuleSetting).where(RuleSetting.key == "max_hours_7d", RuleSetting.operation_id.is_(None))
                  .values(value=60.0))
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.set_range(START, END)
    window.select_key("detachment:DC")
    window.show()
    settle(window)
    page = window.roster_page
    grid = page.model.grid
    t = grid.cells
    # The staff office's duty officers take turns one day in four: one standing in keeps a day of rest
    # on either side, but works 72 h in five days.
    a, b, c = find_pair(grid, lambda a, b, c: grid.rows[a].position == "指挥中心值班员" == grid.rows[b].position
                        and t[a][c] == "值" and t[b][c] == "休" and t[b][c - 1] == t[b][c + 1] == "休"
                        and "值" in (t[b][c - 2], t[b][c + 2]))
    before, recorded = cells(window, a, b), swap_count(demo_db)
    values = SwapValues("cover", grid.rows[a].station_id, grid.rows[a].person_id, grid.days[c],
                        grid.rows[b].person_id, None, "", None, "支队长")
    summary, lines, refused = page.swaps._dialog_preview(values)
    assert summary.startswith("This adds") and not refused and any("7" in line for line in lines)
    assert page.swaps.submit(values) is False
    box = page.swaps.box
    assert box.objectName() == "swapWarnings" and "Make it anyway?" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    assert cells(window, a, b) == before and swap_count(demo_db) == recorded
    page.swaps.submit(values)
    page.swaps.box.button(QMessageBox.StandardButton.Yes).click()
    assert (t[a][c], t[b][c]) == ("休", "值") and swap_count(demo_db) == recorded + 1
    window.hub.shutdown()


def test_a_duty_role_row_offers_no_swap(window):
    """The rows of 带班领导, 站内值班 and 通信值班 hold roles, not a person's duty: nothing to swap there."""
    page = window.roster_page
    grid = page.model.grid
    r = next(r for r, row in enumerate(grid.rows) if row.role)
    c = next(c for c in range(len(grid.days)) if grid.cells[r][c])
    menu = page.swaps.context_menu(page.view.visualRect(page.model.index(r, c)).center())
    assert not next(a for a in menu.actions() if a.objectName() == "actionSwap").isEnabled()
