"""The roster editor as a clerk uses it, on the small demo: find, type, undo, paste, rotate, switch language."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from rosterapp.models import Duty, Person, Station
from rosterapp.services.roster import pinyin_key
from rosterapp.services.rules import Problem
from rosterapp.ui.main_window import MainWindow
from rosterapp.ui.roster.model import RosterModel
from rosterapp.ui.roster.problems import ProblemsFilter, ProblemsModel

START = dt.date(2027, 3, 1)
END = dt.date(2027, 3, 31)
# The grid's first person row: the first station's duty-role rows (带班领导, 站内值班, 通信值班) come before it.
FIRST = 3


@pytest.fixture
def demo_db(demo_copy):
    return demo_copy(seed=3, start=START)


@pytest.fixture
def window(qtbot, demo_db):
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.set_range(START, END)
    window.select_key("detachment:DC")
    settle(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def settle(window: MainWindow) -> None:
    """Let the checking engine finish loading and its results arrive."""
    assert window.roster_page.controller.wait_for_checker()
    QApplication.processEvents()


def grid_codes(window: MainWindow, rows: range, columns: range) -> list[list[str]]:
    cells = window.roster_page.model.grid.cells
    return [[cells[r][c] for c in columns] for r in rows]


def problems_of(window: MainWindow, rule: str, person_id: int) -> list:
    return [p for p in window.roster_page.controller.problems_in_view() if p.rule == rule and person_id in p.people]


def test_every_model_passes_the_model_tester(window, qtmodeltester):
    qtmodeltester.check(window.roster_page.model)
    qtmodeltester.check(window.problems_panel.model)
    qtmodeltester.check(window.problems_panel.proxy)


def test_empty_models_pass_the_model_tester(qtmodeltester, qapp):
    qtmodeltester.check(RosterModel())
    model = ProblemsModel()
    proxy = ProblemsFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)


def test_find_by_pinyin_initials_a_post_day_stays_the_post_boards_then_a_conflict_is_undone(window, demo_db, qtbot):
    # Somebody of 东城 who stands at a post until the next morning's handover, on a day of the operation.
    with demo_db.begin() as s:
        person_id, name, start, end = next(row for row in s.execute(
            select(Person.id, Person.name, Duty.start, Duty.end).join(Duty, Duty.person_id == Person.id)
            .join(Station, Person.station_id == Station.id)
            .where(Duty.post_id.is_not(None), Station.short_name == "前门").order_by(Duty.start))
            if row.end.hour == 8 and row.end.date() > row.start.date())
    initials = pinyin_key(name)[1]
    page = window.roster_page
    qtbot.keyClicks(window.search_box, initials)
    for _ in range(len(page.model.grid.find(initials))):
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
        if page.model.grid.rows[page.view.currentIndex().row()].person_id == person_id:
            break
    row = page.view.currentIndex().row()
    assert page.model.grid.rows[row].person_id == person_id

    column = page.model.grid.column_of[start.date()]
    post_code = page.model.grid.cells[row][column]
    assert post_code and post_code not in page.model.codes  # the cell shows the post's code
    assert not problems_of(window, "person_overlap", person_id)
    page.select_cell(row, column)
    steps = window.undo_stack.count()
    qtbot.keyClicks(page.view, "z")  # 值 over the post day: the day belongs to the post board
    assert page.model.grid.cells[row][column] == post_code
    assert not problems_of(window, "person_overlap", person_id)
    assert window.undo_stack.count() == steps
    assert post_code in window.statusBar().currentMessage()

    # The morning the post duty ends in is the roster's day: a 晚 (00:00-08:00) there double-books.
    after = page.model.grid.column_of[end.date()]
    page.select_cell(row, after)
    qtbot.keyClicks(page.view, "w")
    assert page.model.grid.cells[row][after] == "晚"
    overlap = problems_of(window, "person_overlap", person_id)
    assert overlap and page.model.data(page.model.index(row, after), Qt.ItemDataRole.ToolTipRole).count("•") >= 1
    assert window.problems_panel.model.counts()["error"] >= 1

    window.undo_action.trigger()
    assert page.model.grid.cells[row][after] != "晚"
    assert not problems_of(window, "person_overlap", person_id)
    window.redo_action.trigger()
    assert problems_of(window, "person_overlap", person_id)


def test_paste_a_5x7_block_then_undo_it_in_one_step(window):
    page = window.roster_page
    before = grid_codes(window, range(3, 8), range(17, 24))
    block = "\n".join("\t".join("白夜休早中晚值"[(r + c) % 7] for c in range(7)) for r in range(5)) + "\n"
    page.select_cell(3, 17)
    steps = window.undo_stack.count()
    assert page.paste(block)
    assert grid_codes(window, range(3, 8), range(17, 24)) == [
        ["白夜休早中晚值"[(r + c) % 7] for c in range(7)] for r in range(5)]
    assert window.undo_stack.count() == steps + 1
    window.undo_action.trigger()
    assert grid_codes(window, range(3, 8), range(17, 24)) == before


def test_a_block_with_an_unknown_code_changes_nothing(window, qtbot):
    page = window.roster_page
    before = grid_codes(window, range(FIRST, FIRST + 2), range(0, 3))
    page.select_cell(FIRST, 0)
    steps = window.undo_stack.count()
    assert not page.paste("值\t休\t休\n休\tX9\t值\n")
    assert grid_codes(window, range(FIRST, FIRST + 2), range(0, 3)) == before
    assert window.undo_stack.count() == steps
    box = page.findChild(QMessageBox, "pasteRefused")
    assert box is not None and "X9" in box.detailedText() and "Row 2, column 2" in box.detailedText()
    box.close()


def test_typing_over_a_selection_fills_it_and_delete_clears_it(window, qtbot):
    page = window.roster_page
    page.select_block(FIRST, 20, FIRST + 2, 22)
    qtbot.keyClicks(page.view, "b")
    assert grid_codes(window, range(FIRST, FIRST + 3), range(20, 23)) == [["白"] * 3] * 3
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert grid_codes(window, range(FIRST, FIRST + 3), range(20, 23)) == [[""] * 3] * 3
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert window.undo_stack.index() == 0


def test_copy_gives_tab_separated_text(window):
    page = window.roster_page
    page.select_block(FIRST, 0, FIRST + 1, 2)
    page.copy()
    expected = "\n".join("\t".join(row) for row in grid_codes(window, range(FIRST, FIRST + 2), range(0, 3))) + "\n"
    assert QApplication.clipboard().text() == expected


def test_apply_a_rotation_to_three_people(window):
    page = window.roster_page
    first = START + dt.timedelta(days=20)
    page.controller.apply_rotation([FIRST, FIRST + 1, FIRST + 2], first, first + dt.timedelta(days=5), list("值休休"), first,
                                   stagger=True)
    c = page.model.grid.column_of[first]
    assert grid_codes(window, range(FIRST, FIRST + 3), range(c, c + 6)) == [
        ["值", "休", "休", "值", "休", "休"], ["休", "值", "休", "休", "值", "休"], ["休", "休", "值", "休", "休", "值"]]
    assert window.undo_stack.undoText().startswith("Apply rotation")


def test_switching_the_language_retranslates_the_window(window):
    window.set_language("zh_CN")
    assert window.tabs.tabText(0) == "排班表"
    assert window.problems_dock.windowTitle() == "问题"
    assert window.roster_page.model.headerData(0, Qt.Orientation.Horizontal).endswith("周一")
    window.set_language("en")
    assert window.tabs.tabText(0) == "Roster"
    assert window.roster_page.model.headerData(0, Qt.Orientation.Horizontal).endswith("Mon")


def test_double_clicking_a_problem_jumps_to_its_cell(window):
    panel = window.problems_panel
    proxy = panel.proxy
    for g in range(proxy.rowCount()):
        group = proxy.index(g, 0)
        for r in range(proxy.rowCount(group)):
            index = proxy.index(r, 0, group)
            problem = index.data(Qt.ItemDataRole.UserRole + 1)
            if problem.people:
                panel.tree.doubleClicked.emit(index)
                current = window.roster_page.view.currentIndex()
                assert window.roster_page.model.grid.rows[current.row()].person_id in problem.people
                return
    pytest.fail("the demo's 东城 has no problem naming a person")


def test_the_rotation_dialog_shows_the_problems_it_would_cause_before_ok(window, qtbot, demo_db):
    """Found by a clerk: a rotation starting with 值 the day after a 值 left 0 h of rest, unsaid."""
    page = window.roster_page
    grid = page.model.grid
    r, c = next((r, c) for r in range(len(grid.rows)) for c in range(1, 20)
                if grid.cells[r][c - 1] == "值" and grid.cells[r][c] in ("休", ""))
    person = grid.rows[r].person_id
    page.select_block(r, c, r, c + 5)
    before = grid_codes(window, range(r, r + 1), range(c, c + 6))
    seen = {}

    def look_then_cancel() -> None:
        dialog = page.rotation_dialog
        dialog.pattern_box.setEditText("值休休")
        dialog.update_impact()
        seen["summary"] = dialog.impact_label.text()
        seen["lines"] = dialog.impact_list.toPlainText()
        dialog.reject()

    QTimer.singleShot(0, look_then_cancel)
    window.rotation_action.trigger()
    # The rest error, and whatever else the rotation causes (it may take a day's leader off that day).
    assert seen["summary"].startswith("This adds ") and " errors" in seen["summary"]
    assert "rest" in seen["lines"].lower() and grid.rows[r].name in seen["lines"]
    assert grid_codes(window, range(r, r + 1), range(c, c + 6)) == before  # cancelled: nothing written
    assert not [p for p in window.hub.problems() if p.rule == "rest_too_short" and person in p.people
                and p.start.date() >= grid.days[c - 1]]


def test_a_24h_duty_marks_its_own_day_not_the_next(window):
    page = window.roster_page
    model = page.model
    grid = model.grid
    r = FIRST
    c = 10
    start = dt.datetime.combine(grid.days[c], dt.time(8))
    problem = Problem(start, start + dt.timedelta(days=1), "person_overlap", "error", "overlap",
                      (grid.rows[r].name, grid.rows[r].staff_no), people=(grid.rows[r].person_id, grid.rows[r].person_id))
    model.set_problems([problem, problem])  # found under two keys
    assert model.cell_severity.get((r, c)) == "error"
    assert (r, c + 1) not in model.cell_severity
    tip = model.data(model.index(r, c), Qt.ItemDataRole.ToolTipRole)
    assert tip.count("•") == 1
