"""The duty-role rows of the roster grid as a clerk uses them, in the real window on the demo: pick a leader by
pinyin initials, clear, paste, undo and redo, propose by rotation and from the roster, fold away."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from rosterapp.models import DutyAssignment, Person, Station
from rosterapp.services import dutybook
from rosterapp.services.changes import ASSIGNMENTS, PEOPLE, Change
from rosterapp.services.rules import Problem
from rosterapp.ui.main_window import MainWindow
from rosterapp.ui.roster.duty_rows import DUTY_KIND, PersonPicker

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


def qianmen(db) -> int:
    with db.read() as s:
        return s.scalar(select(Station.id).where(Station.short_name == "前门"))


def held(db, sid: int, role: str, first: dt.date = START, last: dt.date = END) -> dict[dt.date, str]:
    with db.read() as s:
        return {k[1]: h.name for k, h in dutybook.read_assignments(s, [sid], first, last, with_offices=False).items()
                if k[2] == role}


def row_of(window, sid: int, role: str) -> int:
    return window.roster_page.controller.duty.row_of_key[sid, role]


def test_each_station_starts_with_its_duty_rows_as_the_database_holds_them(window, demo_db, qtmodeltester):
    page = window.roster_page
    grid = page.model.grid
    sid = qianmen(demo_db)
    first = grid.row_of[next(r.person_id for r in grid.rows if r.station_id == sid and not r.role)]
    assert [grid.rows[r].name for r in range(first - 3, first)] == ["duty leader", "duty officer", "dispatch watch"]
    with demo_db.read() as s:
        office = s.scalar(select(Station.id).where(Station.name == "东城支队机关"))
    assert [grid.rows[r].name for r, (s_, _role) in sorted(page.controller.duty.key_of_row.items())
            if s_ == office] == ["detachment duty leader", "detachment chief of watch"]
    leaders = held(demo_db, sid, "leader")
    r = row_of(window, sid, "leader")
    assert {grid.days[c]: grid.cells[r][c] for c in range(len(grid.days)) if grid.cells[r][c]} == leaders
    assert grid.kinds[r][0] == DUTY_KIND
    # The title counts people, not the duty rows; the header names the role and tints it.
    assert f"{sum(1 for x in grid.rows if not x.role)} people" in page.title.text()
    assert page.model.headerData(r, Qt.Orientation.Vertical) == "duty leader"
    assert page.model.headerData(r, Qt.Orientation.Vertical, Qt.ItemDataRole.BackgroundRole) is not None
    assert "duty leader" in page.model.data(page.model.index(r, 0), Qt.ItemDataRole.ToolTipRole)
    qtmodeltester.check(page.model)


# The picker's popup asks the offscreen platform to raise it and grab the keyboard, which it cannot.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_a_leader_picked_by_pinyin_initials_then_undone_and_redone(window, demo_db, qtbot):
    page = window.roster_page
    sid = qianmen(demo_db)
    r = row_of(window, sid, "leader")
    day = START + dt.timedelta(days=4)
    c = page.model.grid.column_of[day]
    people = page.controller.duty.candidates(demo_db.read, sid)
    before = held(demo_db, sid, "leader")[day]
    # An officer whose pinyin initials find them alone among the station's people.
    chosen = next(p for p in people if p.officer and p.name != before
                  and [x.name for x in dutybook.match(people, p.initials)] == [p.name])
    page.select_cell(r, c)
    steps = window.undo_stack.count()
    qtbot.keyClick(page.view, chosen.initials[0])  # a key over a duty cell opens the picker with it typed
    editor = page.delegate.editor
    assert isinstance(editor, PersonPicker) and editor.currentText() == chosen.initials[0]
    qtbot.keyClicks(editor.lineEdit(), chosen.initials[1:])
    shown = [editor.proxy.index(i, 0).data() for i in range(editor.proxy.rowCount())]
    assert any(t.startswith(chosen.label) for t in shown)  # the popup lists who the text finds, and their day
    popup = editor.completer().popup()  # the best match is highlighted: one Enter in the popup takes it
    assert popup.isVisible() and popup.currentIndex().data().startswith(chosen.label)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert held(demo_db, sid, "leader")[day] == chosen.name
    assert page.model.grid.cells[r][c] == chosen.name
    assert window.undo_stack.count() == steps + 1
    assert window.undo_stack.text(steps) == f"{chosen.name} as duty leader, 3/5"  # the History's line
    window.undo_action.trigger()
    assert page.model.grid.cells[r][c] == before == held(demo_db, sid, "leader")[day]
    window.redo_action.trigger()
    assert page.model.grid.cells[r][c] == chosen.name


def test_delete_removes_leaders_and_the_checker_hears_of_it(window, demo_db, qtbot):
    page = window.roster_page
    sid = qianmen(demo_db)
    r = row_of(window, sid, "leader")
    heard: list[Change] = []
    window.hub.changed.connect(heard.append)
    page.select_block(r, 15, r, 17)
    days = {START + dt.timedelta(days=k) for k in (15, 16, 17)}
    assert days <= held(demo_db, sid, "leader").keys()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert not days & held(demo_db, sid, "leader").keys()
    assert [page.model.grid.cells[r][c] for c in (15, 16, 17)] == ["", "", ""]
    assert heard and ASSIGNMENTS in heard[-1].registers and heard[-1].stations == {sid} and heard[-1].days == days
    assert "Clear 3 cells" in window.undo_stack.text(window.undo_stack.index() - 1)
    window.undo_action.trigger()
    assert days <= held(demo_db, sid, "leader").keys()


def test_a_block_of_names_and_codes_is_pasted_as_one_step_and_a_stranger_is_refused(window, demo_db, qtbot):
    page = window.roster_page
    grid = page.model.grid
    sid = qianmen(demo_db)
    r = row_of(window, sid, "leader")
    person_row = r + 3  # the station's first person
    page.select_block(r, 0, person_row, 2)
    page.copy()
    block = QApplication.clipboard().text()
    assert block.split("\n")[0].split("\t") == grid.cells[r][0:3]
    before_people = grid.cells[person_row][10:13]
    steps = window.undo_stack.count()
    page.select_cell(r, 10)
    assert page.paste(block)
    assert grid.cells[r][10:13] == grid.cells[r][0:3] and grid.cells[r + 2][10:13] == grid.cells[r + 2][0:3]
    assert grid.cells[person_row][10:13] == grid.cells[person_row][0:3]
    assert window.undo_stack.count() == steps + 1
    window.undo_action.trigger()
    assert grid.cells[person_row][10:13] == before_people
    assert held(demo_db, sid, "leader")[START + dt.timedelta(days=10)] == grid.cells[r][10]

    # Someone of another station is nobody here: nothing changes, the reason names the cell.
    with demo_db.read() as s:
        stranger = s.scalar(select(Person.name).join(Station).where(Station.short_name == "金宝街"))
    page.select_cell(r, 10)
    before = grid.cells[r][10:12]
    assert not page.paste(f"{grid.cells[r][0]}\t{stranger}\n")
    assert grid.cells[r][10:12] == before
    box = page.findChild(QMessageBox, "pasteRefused")
    assert box is not None and stranger in box.detailedText() and "Row 1, column 2" in box.detailedText()
    box.close()


def test_leaders_by_rotation_shown_before_ok_one_step_then_one_removed(window, demo_db, qtbot):
    page = window.roster_page
    sid = qianmen(demo_db)
    page.select_cell(row_of(window, sid, "leader"), 0)
    window.duty_actions.propose(sid)
    dialog = page.proposal_dialog
    assert dialog.station() == sid and dialog.role() == "leader"
    officers = dialog.order()
    assert len(officers) >= 3  # the station's officers are ticked for a leader's turn
    order = [officers[2], officers[0], officers[1]]
    dialog.set_order(order)
    dialog.update_impact()
    assert dialog.summary.text().startswith("31 roles")
    assert dialog.impact_label.text()  # what it adds or takes, said before OK
    steps = window.undo_stack.count()
    dialog.accept()
    QApplication.processEvents()
    assert window.undo_stack.count() == steps + 1
    with demo_db.read() as s:
        names = {p.person_id: p.name for p in dutybook.candidates(s, [sid])[sid]}
    expected = {START + dt.timedelta(days=k): names[order[k % 3]] for k in range(31)}
    assert held(demo_db, sid, "leader") == expected
    r = row_of(window, sid, "leader")
    assert page.model.grid.cells[r][:3] == [names[p] for p in order]

    # One removed: the cell empties; undo brings the rotation's leader back.
    page.select_cell(r, 3)
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert START + dt.timedelta(days=3) not in held(demo_db, sid, "leader")
    window.undo_action.trigger()
    assert held(demo_db, sid, "leader")[START + dt.timedelta(days=3)] == names[order[0]]
    window.undo_action.trigger()  # the rotation, whole
    assert held(demo_db, sid, "leader") != expected


def test_the_roster_proposes_the_officer_on_duty(window, demo_db):
    page = window.roster_page
    sid = qianmen(demo_db)
    with demo_db.begin() as s:
        s.execute(DutyAssignment.__table__.delete().where(DutyAssignment.station_id == sid))
    window.hub.follow(Change(registers=frozenset({ASSIGNMENTS}), stations=frozenset({sid})))
    r = row_of(window, sid, "leader")
    assert not any(page.model.grid.cells[r])
    window.duty_actions.propose(sid)
    dialog = page.proposal_dialog
    dialog.role_box.setCurrentIndex(dialog.role_box.findData(None))  # every role
    assert dialog.from_roster.isChecked()
    dialog.update_impact()
    dialog.accept()
    QApplication.processEvents()
    with demo_db.read() as s:
        proposal = dutybook.roster_proposal(s, sid, START, END)
    assert len(held(demo_db, sid, "leader")) == sum(1 for i in proposal.items if i[2] == "leader") >= 25
    assert sum(1 for c in page.model.grid.cells[r] if c) == len(held(demo_db, sid, "leader"))


def test_an_undo_after_another_clerks_change_is_refused(window, demo_db, qtbot):
    page = window.roster_page
    sid = qianmen(demo_db)
    r = row_of(window, sid, "leader")
    page.select_cell(r, 8)
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    day = START + dt.timedelta(days=8)
    with demo_db.begin() as s:
        someone = dutybook.candidates(s, [sid])[sid][0].person_id
        dutybook.set_assignments(s, [(sid, day, "leader", someone)])
    window.undo_action.trigger()
    assert "changed since" in window.hub.last_refusal
    assert held(demo_db, sid, "leader")[day]  # the other clerk's leader stays


def test_folding_a_station_and_all_is_remembered(qtbot, demo_db, settings):
    window = open_window(qtbot, demo_db, settings)
    page = window.roster_page
    sid = qianmen(demo_db)
    r = row_of(window, sid, "leader")
    header = page.view.verticalHeader()
    assert not page.view.isRowHidden(r)
    # The ▾ before the station's name folds its duty rows.
    y = header.sectionViewportPosition(r) + header.sectionSize(r) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(6, y))
    assert all(page.view.isRowHidden(x) for x in (r, r + 1, r + 2))
    first_person = r + 3
    assert page.model.headerData(first_person, Qt.Orientation.Vertical,
                                 Qt.ItemDataRole.UserRole + 4)  # GROUP_START: the station's name moves down
    other = next(x for x, (s_, _role) in page.controller.duty.key_of_row.items() if s_ != sid)
    assert not page.view.isRowHidden(other)
    window.close()

    window = open_window(qtbot, demo_db, settings)
    page = window.roster_page
    assert page.view.isRowHidden(r) and not page.view.isRowHidden(other)
    window.duty_actions.show_action.trigger()  # all folded away
    assert page.view.isRowHidden(other)
    window.close()
    window = open_window(qtbot, demo_db, settings)
    assert window.roster_page.view.isRowHidden(other)
    assert not window.duty_actions.show_action.isChecked()
    window.duty_actions.show_action.trigger()
    assert not window.roster_page.view.isRowHidden(r) and not window.roster_page.view.isRowHidden(other)


def test_a_station_days_problem_marks_its_duty_cell_and_jumps_there(window, demo_db):
    page = window.roster_page
    sid = qianmen(demo_db)
    r = row_of(window, sid, "leader")
    day = START + dt.timedelta(days=9)
    c = page.model.grid.column_of[day]
    problem = Problem(dt.datetime.combine(day, dt.time(8)), dt.datetime.combine(day + dt.timedelta(days=1),
                                                                                dt.time(8)),
                      "no_duty_leader", "error", "no_duty_leader", stations=(sid,))
    page.model.set_problems([problem])
    assert page.model.cell_severity.get((r, c)) == "error"
    assert page.jump_to_problem(problem)
    assert (page.view.currentIndex().row(), page.view.currentIndex().column()) == (r, c)



def test_a_renamed_leader_shows_under_the_new_name_and_the_header_menu_folds(window, demo_db):
    page = window.roster_page
    sid = qianmen(demo_db)
    r = row_of(window, sid, "leader")
    pid = page.controller.duty.holders[r, 0]
    with demo_db.begin() as s:
        s.get(Person, pid).name = "欧阳明远"
    window.hub.follow(Change.of_register(PEOPLE, [pid]))
    r = row_of(window, sid, "leader")
    assert page.model.grid.cells[r][0] == "欧阳明远"
    menu = page.duty_rows.header_menu(r)
    texts = [a.text() for a in menu.actions()]
    assert texts[:2] == ["Fold the duty rows of 前门", "Fold all duty rows"]
    assert any(t.startswith("Propose duty roles for 前门") for t in texts)
    menu.actions()[0].trigger()
    assert page.view.isRowHidden(r)
    assert page.duty_rows.header_menu(r + 3).actions()[0].text() == "Show the duty rows of 前门"


def test_a_week_copied_forward_takes_the_duty_roles_along_and_a_paste_passes_over_folded_rows(window, demo_db):
    page = window.roster_page
    grid = page.model.grid
    sid = qianmen(demo_db)
    r = row_of(window, sid, "leader")
    page.select_block(r, 0, r + 3, 6)  # the duty rows and the first person, the first week
    week = grid.cells[r][0:7]
    steps = window.undo_stack.count()
    page.copy_forward(1)
    assert window.undo_stack.count() == steps + 1
    assert grid.cells[r][7:14] == week
    assert held(demo_db, sid, "leader", START + dt.timedelta(days=7), START + dt.timedelta(days=13)) == {
        START + dt.timedelta(days=7 + k): name for k, name in enumerate(week) if name}
    window.undo_action.trigger()

    # Folded: a block pasted from the station's last person down lands on the next station's people.
    duty = page.controller.duty
    nxt = next(s_ for s_, role in duty.row_of_key if s_ != sid and role == "leader")
    page.duty_rows.toggle_station(nxt)
    last = duty.row_of_key[nxt, "leader"] - 1
    first_next = duty.first_person_row[nxt]
    page.select_cell(last, 20)
    assert page.paste("夜\n夜\n")
    assert grid.cells[last][20] == "夜" and grid.cells[first_next][20] == "夜"


def test_the_picker_lists_first_who_fits_the_role_and_is_on_duty_that_day(window, demo_db):
    page = window.roster_page
    grid = page.model.grid
    sid = qianmen(demo_db)
    for role, fits in (("leader", lambda p: p.officer), ("dispatch", lambda p: p.position == "通信员")):
        r = row_of(window, sid, role)
        c = next(c for c in range(len(grid.days)) if any(
            p.person_id in grid.row_of and fits(p) and grid.cells[grid.row_of[p.person_id]][c] == "值"
            for p in page.controller.duty.candidates(demo_db.read, sid)))
        page.select_cell(r, c)
        page.view.edit(page.view.currentIndex())
        editor = page.delegate.editor
        first = editor.people[0]
        assert fits(first) and grid.cells[grid.row_of[first.person_id]][c] == "值"
        assert editor.itemText(0).endswith("· 值")  # the day's code beside the name
        page.view.closeEditor(editor, page.delegate.EndEditHint.RevertModelCache)


def test_next_time_the_turn_goes_on_where_it_stopped(window, demo_db):
    page = window.roster_page
    sid = qianmen(demo_db)
    r = row_of(window, sid, "leader")
    page.select_block(r, 0, r, 9)  # the first ten days
    window.duty_actions.propose(sid)
    dialog = page.proposal_dialog
    officers = dialog.order()[:3]
    order = [officers[2], officers[0], officers[1]]
    dialog.set_order(order)
    dialog.accept()
    QApplication.processEvents()
    # Days 1-10: c a b c a b c a b c. The days after: the turn goes on with a.
    page.select_block(r, 10, r, 19)
    window.duty_actions.propose(sid)
    dialog = page.proposal_dialog
    assert dialog.first() == START + dt.timedelta(days=10)
    assert dialog.order()[:3] == [order[1], order[2], order[0]]
    dialog.reject()
