"""One path for every change: every source of change, on the real main window and the small demo.

After each edit, undo and redo: the live checker's problems equal a fresh full check of the same
days, the counts the window shows equal the database, and undo then redo restore exactly the rows
before and after the edit.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from sqlalchemy import select, text

from rosterapp.models import Duty, Person, Post, Qualification, Station
from rosterapp.services import overview, registers, staffing
from rosterapp.services import posts_board as pb
from rosterapp.services.changes import Change
from rosterapp.services.check import resolve_scope, run_check
from rosterapp.services.registers import PersonData
from rosterapp.services.roster import POST, load_roster
from rosterapp.services.rules import Checker, load_check_data
from rosterapp.ui.boards import mime
from rosterapp.ui.commands import STATION
from rosterapp.ui.main_window import MainWindow
from rosterapp.ui.registers.entries import Entry
from rosterapp.ui.registers.person_dialog import PersonForm
from rosterapp.ui.roster.duty_rows import DutyRows

START = dt.date(2027, 3, 1)
END = dt.date(2027, 3, 31)
OPERATION = "operation:全国两会消防安保"
TABLES = ("duty", "vehicle_deployment", "person", "person_qualification", "absence", "vehicle", "maintenance",
          "station", "operation", "post", "post_vehicle_requirement", "post_qualification", "rule_setting")


@pytest.fixture
def demo_db(demo_copy):
    return demo_copy(seed=3, start=START)


@pytest.fixture
def window(qtbot, demo_db):
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.set_range(START, END)
    window.select_key("detachment:DC")
    window.show()
    qtbot.waitExposed(window)
    settle(window)
    return window


# The grid's first person row: the first station's duty-role rows (带班领导, 站内值班, 通信值班) come before it.
FIRST = 3


def settle(window: MainWindow) -> None:
    assert window.hub.wait_for_checker()
    QApplication.processEvents()


def rows(db) -> dict[str, list[tuple]]:
    """Every row of every table an edit may write, as stored: every column but the version and the
    writer's name, which every write (an undo too) moves on."""
    out = {}
    with db.begin() as s:
        for t in TABLES:
            result = s.execute(text(f"SELECT * FROM {t}"))
            keep = [i for i, name in enumerate(result.keys()) if name not in ("version", "changed_by")]
            out[t] = sorted(tuple(r[i] for i in keep) for r in result)
    return out


def assert_consistent(window: MainWindow, qtbot) -> None:
    """The live checker holds what a fresh check finds; the counts shown are the database's."""
    hub = window.hub
    settle(window)
    start, end = hub.checked_range()
    with hub.db.begin() as s:
        fresh = Checker(load_check_data(s, start, end)).check_all()
    assert Counter(hub.problems()) == Counter(fresh)
    shown = window.shown_problems()
    counts = window.problems_panel.model.counts()
    assert counts == {sev: sum(1 for p in shown if p.severity == sev) for sev in ("error", "warning", "info")}
    assert f"Errors: {counts['error']}" in window.problems_label.text()
    # The grid's rows and the title's head count are the registers' as they stand.
    page = window.roster_page
    scope = page.controller.scope
    with hub.db.begin() as s:
        grid = load_roster(s, page.model.grid.days, detachment_id=scope.detachment_id,
                           station_id=scope.station_id, lang="en")
        DutyRows().attach(s, grid, "en")  # the stations' duty-role rows, read afresh too
    assert [r.person_id for r in page.model.grid.rows] == [r.person_id for r in grid.rows]
    assert page.model.grid.cells == grid.cells
    assert f", {sum(1 for r in grid.rows if not r.role)} people" in page.title.text()
    # The navigator's and the status bar's counts follow a moment after a burst of edits: that moment
    # is now (the timer's own slot, without its 0.8 s wait).
    if window._counts_timer.isActive():
        window._counts_timer.stop()
        window.refresh_counts()
    with hub.db.begin() as s:
        stations = overview.station_overview(s, window.duty_day())
    unit = window.current_scope()
    in_unit = [r for r in stations if (unit.station_id is None or r.station_id == unit.station_id)
               and (unit.detachment_id is None or r.detachment_id == unit.detachment_id)]
    shown_rows = window.overview_page.shown_rows()
    assert [(r.station_id, r.people, r.vehicles, r.on_duty, r.at_posts) for r in shown_rows] == [
        (r.station_id, r.people, r.vehicles, r.on_duty, r.at_posts) for r in in_unit]
    assert f"People: {sum(r.people for r in in_unit)}" in window.totals_label.text()
    assert f"On duty today: {sum(r.on_duty for r in in_unit)}" in window.totals_label.text()


def round_trip(window: MainWindow, qtbot, before: dict, steps: int = 1) -> None:
    """After an edit: consistent; undone: the rows of before, consistent; redone: the rows of after."""
    db = window.hub.db
    after = rows(db)
    assert after != before, "the edit changed nothing"
    assert_consistent(window, qtbot)
    for _ in range(steps):
        window.undo_action.trigger()
    assert rows(db) == before
    assert_consistent(window, qtbot)
    for _ in range(steps):
        window.redo_action.trigger()
    assert rows(db) == after
    assert_consistent(window, qtbot)


def test_typing_a_code(window, qtbot):
    before = rows(window.hub.db)
    page = window.roster_page
    page.select_block(FIRST + 2, 3, FIRST + 6, 9)
    page.fill("b")
    round_trip(window, qtbot, before)


def test_pasting_a_block(window, qtbot):
    before = rows(window.hub.db)
    page = window.roster_page
    page.select_cell(4, 10)
    assert page.paste("早\t中\t晚\n晚\t早\t中\n")
    round_trip(window, qtbot, before)


def test_a_rotation(window, qtbot):
    before = rows(window.hub.db)
    page = window.roster_page
    page.controller.apply_rotation(list(range(0, 6)), START + dt.timedelta(days=10), START + dt.timedelta(days=20),
                                   list("值休休"), START + dt.timedelta(days=10), True)
    round_trip(window, qtbot, before)


def test_copying_a_week_forward(window, qtbot):
    before = rows(window.hub.db)
    page = window.roster_page
    page.select_block(0, 0, 8, 6)
    assert page.copy_forward(1) > 0
    round_trip(window, qtbot, before)


def test_a_person_form_with_qualifications_and_an_absence(window, qtbot, demo_db):
    """The People tab's form: a driver loses 消防车驾驶 and gets a week of leave, one step."""
    people = window.registers.people
    window.tabs.setCurrentWidget(people)
    with demo_db.begin() as s:
        driving = s.scalar(select(Qualification.id).where(Qualification.name == "消防车驾驶"))
        person = s.scalars(select(Person).join(Station).where(Station.short_name == "前门")
                           .where(Person.qualifications.any(Qualification.id == driving))).first()
        data = PersonData(staff_no=person.staff_no, name=person.name, station_id=person.station_id,
                          rank_id=person.rank_id, position_id=person.position_id, phone=person.phone,
                          qualification_ids=tuple(q.id for q in person.qualifications if q.id != driving))
        key = person.id
    before = rows(demo_db)
    people._save(key, PersonForm(data, (Entry(None, START + dt.timedelta(days=8), START + dt.timedelta(days=12),
                                              "leave", "探亲"),), ()))
    round_trip(window, qtbot, before)


def test_a_station_minimum(window, qtbot, demo_db):
    stations = window.registers.stations
    window.tabs.setCurrentWidget(stations)
    with demo_db.begin() as s:
        key = s.scalar(select(Station.id).where(Station.short_name == "前门"))
        record = registers.station_record(s, key)
    before = rows(demo_db)
    stations.editor.commit("minimum", STATION, key,
                           lambda s: (registers.set_station_minimum(s, key, 60, 9), key)[1])
    assert record.min_people != 60
    round_trip(window, qtbot, before)


def open_board(window: MainWindow) -> None:
    assert window.select_key(OPERATION)
    settle(window)
    assert window.operations.board is not None


def test_a_vehicle_dragged_onto_a_post_window_and_its_crew(window, qtbot):
    open_board(window)
    ops = window.operations
    r, c = next((r, c) for r, row in enumerate(ops.board.cells) for c, cell in enumerate(row)
                if cell is not None and cell.status == pb.EMPTY)
    ops.select_cell(r, c)
    before = rows(window.hub.db)
    vehicles = ops.panel.vehicles_model
    chosen = next(o.id for o in vehicles.options if o.crewed)
    assert ops.model.dropMimeData(mime.vehicles_mime([chosen]), 1, -1, -1, ops.model.index(r, c))
    assert ops.accept_suggestion()
    round_trip(window, qtbot, before, steps=2)


@pytest.mark.parametrize("then", [staffing.STATION_DUTY, staffing.OFF_DUTY])
def test_clearing_windows_releases_the_crew_in_the_same_step(window, qtbot, demo_db, then):
    open_board(window)
    ops = window.operations
    r, c = next((r, c) for r, row in enumerate(ops.board.cells) for c, cell in enumerate(row)
                if cell is not None and cell.status == pb.FULL and len(cell.crew) >= 3)
    crew = [t.person_id for t in ops.board.cells[r][c].crew]
    day = ops.board.days[c]
    ops.select_cell(r, c)
    before = rows(demo_db)
    with demo_db.begin() as s:
        on_duty = sum(row.on_duty for row in overview.station_overview(s, day))
    ops.release_choice = then
    ops.clear_selected()
    with demo_db.begin() as s:
        after = sum(row.on_duty for row in overview.station_overview(s, day))
    # Back on station duty, nobody drops out of the day's strength; off, the crew does.
    assert after == on_duty if then == staffing.STATION_DUTY else after == on_duty - len(set(crew))
    with demo_db.begin() as s:
        codes = {pid: [code for code, post in s.execute(
            text("SELECT shift_type.code, duty.post_id FROM duty JOIN shift_type ON shift_type.id = duty.shift_type_id"
                 " WHERE person_id = :p AND date(duty.start) = :d"), {"p": pid, "d": day.isoformat()})]
            for pid in crew}
    if then == staffing.OFF_DUTY:
        assert all(codes[pid] == ["休"] for pid in crew), codes
    else:
        assert all(codes[pid] and codes[pid][0] != "休" for pid in crew), codes
    round_trip(window, qtbot, before)


def test_the_task_and_post_editors(window, qtbot, demo_db):
    open_board(window)
    ops = window.operations
    before = rows(demo_db)
    dialog = ops.new_post()
    dialog.code.setText("Z-99")
    dialog.name.setText("国家会议中心西门")
    dialog.min_people.setValue(4)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    QApplication.processEvents()
    assert any(line.code == "Z-99" for line in ops.board.lines)
    round_trip(window, qtbot, before)


def personnel_workbook(db, path: Path) -> int:
    """东城's people with 消防车驾驶 taken from everyone who has it; returns how many lose it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["工号", "姓名", "支队", "消防救援站", "资质"])
    lost = 0
    with db.begin() as s:
        for person in s.scalars(select(Person).join(Station).where(Station.short_name == "前门")):
            quals = [q.name for q in person.qualifications]
            lost += "消防车驾驶" in quals
            ws.append([person.staff_no, person.name, "东城", person.station.short_name,
                       "、".join(q for q in quals if q != "消防车驾驶")])
    wb.save(path)
    return lost


def test_an_excel_import_is_one_step_and_the_checker_follows_it(window, qtbot, demo_db, tmp_path):
    """Found by a clerk: an import that takes 消防车驾驶 away left the checker at 0 missing
    qualifications, and undo after it reverted the edit before it."""
    path = tmp_path / "前门.xlsx"
    assert personnel_workbook(demo_db, path) > 0
    page = window.roster_page
    page.select_cell(FIRST, 1)
    page.fill("早")  # an edit before the import: undo must not take this one first
    typed = rows(demo_db)
    missing_before = sum(1 for p in window.hub.problems() if p.rule == "missing_qualification")
    excel = window.excel_actions
    excel.confirm = lambda _question: True
    with qtbot.waitSignal(window.hub.changed, timeout=30_000):
        excel.import_file("personnel", path)
    missing = sum(1 for p in window.hub.problems() if p.rule == "missing_qualification")
    assert missing > missing_before
    assert window.undo_stack.undoText().startswith("Import")
    round_trip(window, qtbot, typed)
    window.undo_action.trigger()  # now the import is undone, the typed code is next
    assert rows(demo_db) == typed
    window.undo_action.trigger()
    assert rows(demo_db) != typed


def test_an_undo_over_a_later_change_is_refused_and_changes_nothing(window, qtbot, demo_db):
    """Another clerk (or a tool) changed the cells after a step: its undo must not write them over."""
    page = window.roster_page
    grid = page.model.grid
    r, c = next((r, c) for r in range(len(grid.rows)) for c in range(3, 10)
                if not grid.rows[r].role and grid.kinds[r][c] != POST and grid.cells[r][c] != "早")
    page.select_cell(r, c)
    page.fill("早")
    person, day = grid.rows[r].person_id, grid.days[c]
    with demo_db.begin() as s:  # written behind the window's back, then announced like a server's edit
        duty = s.scalar(select(Duty).where(Duty.person_id == person, Duty.post_id.is_(None),
                                           Duty.start == dt.datetime.combine(day, dt.time(8))))
        duty.end = duty.end + dt.timedelta(hours=2)
    window.hub.follow(Change(people=frozenset([person]), days=frozenset([day])))
    before = rows(demo_db)
    window.undo_action.trigger()
    assert rows(demo_db) == before
    assert "changed since" in window.statusBar().currentMessage()
    assert not window.undo_stack.canRedo()  # the step is gone: it can no longer be taken back
    assert_consistent(window, qtbot)


def test_a_selected_task_shows_its_own_problems(window, qtbot, demo_db):
    """Found by a clerk: with a task selected the panel still showed the station's problems."""
    window.select_key("station:金宝街消防救援站")
    settle(window)
    open_board(window)
    shown = window.shown_problems()
    assert any(p.rule == "post_uncovered" for p in shown)
    posts = set(window.operations.board.lines_of_post)
    with demo_db.begin() as s:
        report = run_check(s, resolve_scope(s, operation="全国两会消防安保"))
    counts = window.problems_panel.model.counts()
    assert counts["error"] == sum(1 for p in report.problems if p.severity == "error")
    assert {p.rule for p in shown if p.posts and set(p.posts) <= posts} >= {"post_uncovered"}
    assert f"Errors: {counts['error']}" in window.problems_label.text()
    window.tabs.setCurrentWidget(window.roster_page)  # back on the roster: its unit's problems again
    roster = Counter(p.severity for p in window.roster_page.controller.problems_in_view())
    assert window.problems_panel.model.counts() == {sev: roster[sev] for sev in ("error", "warning", "info")}


def test_a_post_day_is_left_to_the_post_board(window, qtbot, demo_db):
    """Found on the city demo: typing 白 over post days made "HD-…/白", two duties at once."""
    with demo_db.begin() as s:
        person, start = s.execute(select(Duty.person_id, Duty.start).join(Person).join(Station)
                                  .where(Duty.post_id.is_not(None), Station.short_name == "前门")
                                  .order_by(Duty.start)).first()
        code = s.scalar(select(Post.code).join(Duty, Duty.post_id == Post.id)
                        .where(Duty.person_id == person, Duty.start == start))
    page = window.roster_page
    grid = page.model.grid
    r, c = grid.row_of[person], grid.column_of[start.date()]
    page.select_block(r, c - 1, r, c + 1)
    before = rows(demo_db)
    errors = sum(1 for p in window.hub.problems() if p.severity == "error")
    page.fill("b")
    assert grid.cells[r][c] == code
    assert f"3/{start.day} {code}" in window.statusBar().currentMessage()
    written = 3 - sum(1 for k in (c - 1, c, c + 1) if grid.kinds[r][k] == POST)
    assert window.undo_stack.undoText() == f"Fill {written} cells with 白"
    assert sum(1 for p in window.hub.problems() if p.rule == "person_overlap" and person in p.people) == 0
    assert sum(1 for p in window.hub.problems() if p.severity == "error") <= errors + 2
    round_trip(window, qtbot, before)


def test_a_full_disk_refuses_the_edit_says_so_and_changes_nothing(window, qtbot, demo_db, fill_the_disk):
    """A clerk types a block when the disk is full: a clear message, the grid and the database as they
    were, no step to undo, and the window goes on working."""
    before = rows(demo_db)
    page = window.roster_page
    cells = [row[:] for row in page.model.grid.cells]
    fill_the_disk(demo_db)
    page.select_block(FIRST, 0, 30, 20)
    page.fill("早")
    shown = window.statusBar().currentMessage()
    assert shown.startswith("Not changed: The disk holding the database ")
    assert shown.endswith(" is full; free some space and try again.")
    assert rows(demo_db) == before
    assert page.model.grid.cells == cells
    assert not window.undo_stack.canUndo()
    assert_consistent(window, qtbot)
