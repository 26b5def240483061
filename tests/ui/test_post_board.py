"""A clerk plans a security task in the window: operation, post, drag and drop, undo, refusals, copy forward."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QDateTime, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QTableView, QWidget
from shiboken6 import isValid

from rosterapp.services import demo, registers, staffing
from rosterapp.services import posts_board as pb
from rosterapp.services.changes import PEOPLE, Change
from rosterapp.services.rules.data import from_min
from rosterapp.ui.boards import mime
from rosterapp.ui.boards.availability import AvailablePeopleModel, AvailableVehiclesModel, OptionsFilter
from rosterapp.ui.boards.post_board import STATUS_ROLE, PostBoardModel
from rosterapp.ui.boards.vehicle_board import VehicleBoardModel
from rosterapp.ui.main_window import MainWindow
from rosterapp.ui.operations.editor import StagesModel
from rosterapp.ui.operations.post_editor import QualificationsModel, RequirementsModel
from rosterapp.ui.operations.staff_dialog import ROLE_COLUMN, CrewModel, WindowVehiclesModel

START = dt.date(2027, 3, 1)
END = dt.date(2027, 3, 31)
TASK = "国庆前安保"


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
    assert window.roster_page.controller.wait_for_checker()
    QApplication.processEvents()


def dialog(window: MainWindow, name: str) -> QDialog:
    shown = [d for d in window.findChildren(QDialog, name) if d.isVisible()]
    assert len(shown) == 1, name
    return shown[0]


def closed(found: QDialog) -> bool:
    return not isValid(found) or not found.isVisible()


def ok(found: QDialog) -> None:
    found.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    QApplication.processEvents()


def problems(window: MainWindow, rule: str, post_id: int, cell) -> list:
    lo, hi = from_min(cell.lo), from_min(cell.hi)
    return [p for p in window.hub.problems()
            if p.rule == rule and post_id in p.posts and p.start < hi and lo < p.end]


def drop(window: MainWindow, data, r: int, c: int) -> bool:
    model = window.operations.model
    return model.dropMimeData(data, Qt.DropAction.CopyAction, -1, -1, model.index(r, c))


def create_task_with_a_post(window: MainWindow, qtbot) -> None:
    """Through the window: Security task ▸ New security task…, then New post…, with requirements."""
    window.findChild(type(window.operations.new_operation_action), "actionNewOperation").trigger()
    editor = dialog(window, "operationEditor")
    editor.name.setText(TASK)
    editor.start.setDate(QDate(2027, 3, 20))
    editor.end.setDate(QDate(2027, 3, 24))
    editor.readiness.setCurrentIndex(editor.readiness.findData("level2"))
    assert "10" in editor.thresholds.text() and "8" in editor.thresholds.text()  # min rest 10 h, usually 8
    editor.add_stage.click()
    editor.stages.setData(editor.stages.index(0, 0), "会期")
    ok(editor)
    assert closed(editor)
    settle(window)
    ops = window.operations
    assert ops.board is not None and ops.board.name == TASK and ops.board.lines == []
    assert window.selected_key() == f"operation:{TASK}"
    assert window.tabs.currentWidget() is ops.board_page
    assert "会期" in ops.board_page.details.text()

    window.operations.new_post_action.trigger()
    editor = dialog(window, "postEditor")
    editor.code.setText("G-01")
    editor.name.setText("人民大会堂东门")
    editor.post_type.setCurrentIndex(editor.post_type.findData("venue"))
    editor.detachment.setCurrentIndex(editor.detachment.findText("东城支队"))
    editor.station.setCurrentIndex(editor.station.findText("前门消防救援站"))
    editor.address.setText("西城区人民大会堂东侧路")
    editor.radio.setText("DC-3信道")
    editor.arrival.setValue(3)
    editor.active_from.setDateTime(QDateTime(QDate(2027, 3, 20), editor.handover.time()))
    editor.active_to.setDateTime(QDateTime(QDate(2027, 3, 25), editor.handover.time()))
    editor.min_people.setValue(3)
    editor.add_type.setCurrentIndex(editor.add_type.findText("SG 水罐消防车"))
    editor.add_requirement.click()
    ok(editor)
    assert closed(editor)
    settle(window)


@pytest.fixture
def task(window, qtbot):
    create_task_with_a_post(window, qtbot)
    return window


def test_the_clerks_walk_through(task):
    window = task
    ops = window.operations
    board = ops.board
    assert [(line.code, line.vehicle_reqs, line.min_people, line.needs_commander) for line in board.lines] == [
        ("G-01", (("SG", "水罐消防车", 1),), 3, True)]
    assert board.days == [dt.date(2027, 3, 20) + dt.timedelta(days=i) for i in range(5)]
    post = board.lines[0].post_id
    r, c = 0, 1
    ops.select_cell(r, c)
    cell = board.cells[r][c]
    assert ops.model.data(ops.model.index(r, c), STATUS_ROLE) == pb.EMPTY
    assert problems(window, "post_uncovered", post, cell)
    assert window.findChild(QTableView, "postBoard").model() is ops.model

    # The vehicles list offers 前门's pumps first (own detachment, the type needed, a crew on duty).
    vehicles = ops.panel.vehicles_model
    row = next(i for i, o in enumerate(vehicles.options) if o.type_code == "SG" and o.crewed)
    assert vehicles.options[row].own
    steps = window.undo_stack.count()
    assert drop(window, vehicles.mimeData([vehicles.index(row, 0)]), r, c)
    cell = ops.board.cells[r][c]
    assert [v.type_code for v in cell.vehicles] == ["SG"] and cell.status == pb.PARTIAL
    # The crew on duty with that vehicle is offered; the clerk drags them in instead, role by role,
    # from the people list (they are there: on duty at their station, so they move with the vehicle).
    assert ops.panel.suggestion.isVisible() and ops._suggestion is not None
    crew = ops._suggestion[3]
    listed = {o.id for o in ops.panel.people_model.options}
    assert {pid for pid, _role in crew} <= listed
    by_role: dict[str, list[int]] = {}
    for pid, role in crew:
        by_role.setdefault(role, []).append(pid)
    for role, ids in by_role.items():
        ops.panel.set_role(role)
        people = ops.panel.people_model
        rows = [people.index(i, 0) for i, o in enumerate(people.options) if o.id in ids]
        assert drop(window, people.mimeData(rows), r, c), ops.panel.refusal.text()
    cell = ops.board.cells[r][c]
    assert cell.status == pb.FULL, cell.shortfalls
    assert {(t.person_id, t.role) for t in cell.crew} == set(crew)
    assert {t.vehicle_id for t in cell.crew} == {cell.vehicles[0].id}  # they ride the vehicle placed
    assert ops.model.data(ops.model.index(r, c), STATUS_ROLE) == pb.FULL
    assert not problems(window, "post_uncovered", post, cell)
    assert window.undo_stack.count() == steps + 1 + len(by_role)
    assert ops.board_page.coverage.text().startswith("Fully staffed: 1 of 5")

    for _ in range(1 + len(by_role)):
        window.undo_action.trigger()
    cell = ops.board.cells[r][c]
    assert cell.status == pb.EMPTY and problems(window, "post_uncovered", post, cell)
    for _ in range(1 + len(by_role)):
        window.redo_action.trigger()
    cell = ops.board.cells[r][c]
    assert cell.status == pb.FULL and not problems(window, "post_uncovered", post, cell)


def test_a_drag_entering_over_a_gap_drops_on_the_cell_under_the_mouse(task):
    """The view's own event path: enter where no cell is, move over a window, drop there."""
    window = task
    ops = window.operations
    view = ops.view
    ops.select_cell(0, 2)
    vehicles = ops.panel.vehicles_model
    data = vehicles.mimeData([vehicles.index(0, 0)])
    port = view.viewport()
    gap = QPointF(port.width() - 3, port.height() - 3)  # below the last row: no cell
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(gap.toPoint(), Qt.DropAction.CopyAction, data, buttons, keys)
    QApplication.sendEvent(port, enter)
    assert enter.isAccepted()
    target = QPointF(view.visualRect(ops.model.index(0, 2)).center())
    move = QDragMoveEvent(target.toPoint(), Qt.DropAction.CopyAction, data, buttons, keys)
    QApplication.sendEvent(port, move)
    assert move.isAccepted()
    chosen = vehicles.options[0].id
    QApplication.sendEvent(port, QDropEvent(target, Qt.DropAction.CopyAction, data, buttons, keys))
    assert [v.id for v in ops.board.cells[0][2].vehicles] == [chosen]


def test_a_person_on_leave_is_refused_with_the_reason_and_nothing_changes(task, demo_db):
    window = task
    ops = window.operations
    c = 2
    ops.select_cell(0, c)
    cell = ops.board.cells[0][c]
    person = ops.panel.people_model.options[0]  # free, rested, first offered
    with demo_db.begin() as s:  # then the registers say (another clerk's edit): on leave that day
        registers.add_absence(s, person.id, "leave", ops.board.days[c], ops.board.days[c], "探亲")
    window.hub.follow(Change.of_register(PEOPLE, [person.id]))
    ops.update_panel()
    assert person.id not in {o.id for o in ops.panel.people_model.options}
    steps = window.undo_stack.count()
    assert not drop(window, mime.people_mime([person.id], "firefighter"), 0, c)
    label = window.findChild(QLabel, "refusalLabel")
    assert label.isVisible() and "nothing was changed" in label.text()
    assert f"{person.name} is on leave until" in label.text() and "(personal leave)" in label.text()
    assert window.undo_stack.count() == steps
    assert ops.board.cells[0][c] == cell


def test_a_person_dragged_as_driver_without_the_licence_is_refused(task):
    window = task
    ops = window.operations
    ops.select_cell(0, 0)
    a = ops.availability()
    cell = ops.board.cells[0][0]
    post = ops.board.lines[0].post_id
    unlicensed = next(p for p in a.data.people.values() if a.data.qual_driving not in p.quals and not p.officer
                      and a.person_reason(p.id, post, cell.lo, cell.hi) is None)
    assert not drop(window, mime.people_mime([unlicensed.id], "driver"), 0, 0)
    assert "not qualified to drive" in window.findChild(QLabel, "refusalLabel").text()
    ops.panel.set_role("driver")
    assert unlicensed.id not in {o.id for o in ops.panel.people_model.options}


def staff_first_day(window: MainWindow) -> None:
    ops = window.operations
    ops.select_cell(0, 0)
    vehicles = ops.panel.vehicles_model
    row = next(i for i, o in enumerate(vehicles.options) if o.type_code == "SG" and o.crewed)
    assert drop(window, vehicles.mimeData([vehicles.index(row, 0)]), 0, 0)
    assert ops.accept_suggestion()
    assert ops.board.cells[0][0].status == pb.FULL


def test_copying_a_day_forward_is_one_undo_step(task):
    window = task
    ops = window.operations
    staff_first_day(window)
    before = [cell.status for cell in ops.board.cells[0]]
    assert before == [pb.FULL] + [pb.EMPTY] * 4
    steps = window.undo_stack.count()
    count, skipped = ops.copy_day_forward([0], ops.board.days[0], ops.board.days[-1])
    assert count == 4 and window.undo_stack.count() == steps + 1
    after = ops.board.cells[0]
    assert all(cell.vehicles and cell.crew for cell in after)
    # The vehicle stays; each day the crew on duty with it (its watch) takes the post.
    assert len({cell.vehicles[0].id for cell in after}) == 1
    assert {t.person_id for t in after[0].crew} != {t.person_id for t in after[1].crew}
    assert [cell.status for cell in after] == [pb.FULL] * 5, [(s, skipped) for s in after]
    window.undo_action.trigger()
    assert [cell.status for cell in ops.board.cells[0]] == before
    window.redo_action.trigger()
    assert [cell.status for cell in ops.board.cells[0]] == [pb.FULL] * 5


def test_copy_day_forward_through_its_dialog(task):
    window = task
    ops = window.operations
    staff_first_day(window)
    ops.select_cell(0, 0)
    ops.copy_day_action.trigger()
    copy = dialog(window, "copyForwardDialog")
    copy.until.setDate(QDate(2027, 3, 22))
    ok(copy)
    assert [cell.status for cell in ops.board.cells[0]] == [pb.FULL] * 3 + [pb.EMPTY] * 2
    assert window.undo_stack.undoText().startswith("Copy 3/20 forward to 3/22")
    assert "windows filled" in window.statusBar().currentMessage()


def test_the_staff_dialog_sets_roles_and_takes_people_off(task, qtbot):
    window = task
    ops = window.operations
    staff_first_day(window)
    ops.open_staff_dialog()
    staff = dialog(window, "staffDialog")
    crew = staff.crew
    r = next(i for i, t in enumerate(crew.crew) if t.role == "firefighter")
    person = crew.crew[r].person_id
    assert crew.setData(crew.index(r, ROLE_COLUMN), "signaller")
    roles = {t.person_id: t.role for t in ops.board.cells[0][0].crew}
    assert roles[person] == "signaller"
    assert {t.person_id: t.role for t in staff.crew.crew}[person] == "signaller"
    window.undo_action.trigger()
    assert {t.person_id: t.role for t in ops.board.cells[0][0].crew}[person] == "firefighter"
    ops.release_choice = staffing.OFF_DUTY  # the answer to "where do they go?" (tested on its own below)
    staff.crew_view.selectRow(0)
    staff.remove_people.click()
    assert len(ops.board.cells[0][0].crew) == len(crew.crew)
    assert ops.board.cells[0][0].status == pb.PARTIAL
    staff.close()


def test_delete_clears_the_selected_windows_in_one_step(task, qtbot):
    window = task
    ops = window.operations
    staff_first_day(window)
    ops.select_cell(0, 0)
    steps = window.undo_stack.count()
    ops.release_choice = staffing.STATION_DUTY
    qtbot.keyClick(ops.view, Qt.Key.Key_Delete)
    assert ops.board.cells[0][0].status == pb.EMPTY and window.undo_stack.count() == steps + 1
    window.undo_action.trigger()
    assert ops.board.cells[0][0].status == pb.FULL


def test_editing_and_deleting_the_task_are_undone(task):
    window = task
    ops = window.operations
    ops.edit_operation_action.trigger()
    editor = dialog(window, "operationEditor")
    assert editor.stages.values()[0].name == "会期"
    editor.name.setText(TASK + "（二期）")
    ok(editor)
    assert ops.board.name == TASK + "（二期）" and window.selected_key() == f"operation:{TASK}（二期）"
    window.undo_action.trigger()
    assert ops.board.name == TASK
    assert ops.delete_operation(confirm=False)
    assert ops.board is None and window.navigator_model.index_for_key(f"operation:{TASK}").isValid() is False
    window.undo_action.trigger()
    assert window.navigator_model.index_for_key(f"operation:{TASK}").isValid()
    window.select_key(f"operation:{TASK}")
    assert [line.code for line in ops.board.lines] == ["G-01"]


def test_a_refused_post_keeps_its_editor_open_with_the_reason(task):
    window = task
    window.operations.new_post_action.trigger()
    editor = dialog(window, "postEditor")
    editor.code.setText("G-01")  # taken
    editor.name.setText("重复")
    steps = window.undo_stack.count()
    ok(editor)
    assert editor.isVisible() and "G-01" in editor.errors.text()
    assert window.undo_stack.count() == steps
    editor.reject()


def test_a_new_task_from_an_earlier_one_copies_its_posts(task):
    window = task
    ops = window.operations
    ops.copy_operation_action.trigger()
    copy = dialog(window, "copyOperationDialog")
    copy.source.setCurrentIndex(copy.source.findData(ops.operation_id))
    copy.name.setText("明年安保")
    copy.start.setDate(QDate(2027, 3, 27))
    ok(copy)
    settle(window)
    assert ops.board.name == "明年安保" and [line.code for line in ops.board.lines] == ["G-01"]
    assert ops.board.days[0] == dt.date(2027, 3, 27)
    window.undo_action.trigger()
    assert not window.navigator_model.index_for_key("operation:明年安保").isValid()


def test_the_demo_board_the_vehicle_board_and_the_glance(window):
    ops = window.operations
    window.select_key(f"operation:{demo.OPERATION_NAME}")
    settle(window)
    board = ops.board
    assert len(board.lines) > 20 and window.tabs.currentWidget() is ops.board_page
    # The planted empty window is marked, with the engine's problem in its tooltip.
    gaps = [(r, c) for r, row in enumerate(board.cells) for c, cell in enumerate(row) if cell and cell.status == "empty"]
    assert len(gaps) == 1
    r, c = gaps[0]
    assert ops.model.severity[r, c] == "error"
    assert "has no vehicle or nobody" in ops.model.data(ops.model.index(r, c), Qt.ItemDataRole.ToolTipRole)
    assert ops.focus_first_gap() and ops.view.currentIndex().row() == r
    # Double-clicking the problem in the panel selects its window.
    problem = next(p for p in window.hub.problems() if p.rule == "post_uncovered")
    ops.select_cell(0, 0)
    window.problems_panel.problemActivated.emit(problem)
    assert (ops.view.currentIndex().row(), ops.view.currentIndex().column()) == (r, c)

    window.tabs.setCurrentWidget(ops.vehicle_page)
    vb = ops.vehicle_page.model
    assert vb.rowCount() > 50 and window.findChild(QTableView, "vehicleBoard") is ops.vehicle_page.view
    placed = board.cells[0][2].vehicles[0]
    row = next(i for i, v in enumerate(vb.board.rows) if v.id == placed.id)
    column = vb.board.days.index(board.days[2])
    assert vb.data(vb.index(row, column)) == board.lines[0].code

    window.tabs.setCurrentWidget(ops.glance_page)
    coverage = window.findChild(QWidget, "coverageBar")
    assert coverage is ops.glance_page.coverage
    assert coverage.rows[0].label.startswith(demo.OPERATION_NAME) and coverage.rows[0].coverage.empty == 1
    assert len(ops.glance_page.chart.hours) > 400
    coverage.grab()
    ops.glance_page.chart.grab()


def test_switching_the_language_retranslates_the_boards(window, use_language):
    window.select_key(f"operation:{demo.OPERATION_NAME}")
    settle(window)
    window.set_language("zh_CN")
    ops = window.operations
    assert window.tabs.tabText(window.tabs.indexOf(ops.board_page)) == "点位勤务表"
    assert ops.menu.title().startswith("保卫任务")
    assert "人" in ops.model.texts(0, 0)[2]
    window.set_language("en")
    assert window.tabs.tabText(window.tabs.indexOf(ops.board_page)) == "Post board"


def test_every_model_passes_the_model_tester(task, qtmodeltester):
    window = task
    ops = window.operations
    staff_first_day(window)
    window.tabs.setCurrentWidget(ops.vehicle_page)
    for model in (ops.model, ops.panel.vehicles_model, ops.panel.people_model, ops.panel.people_proxy,
                  ops.vehicle_page.model):
        qtmodeltester.check(model)
    ops.open_staff_dialog()
    staff = dialog(window, "staffDialog")
    qtmodeltester.check(staff.crew)
    qtmodeltester.check(staff.vehicles)
    staff.close()
    ops.new_post_action.trigger()
    editor = dialog(window, "postEditor")
    editor.add_requirement.click()
    qtmodeltester.check(editor.requirements)
    qtmodeltester.check(editor.qualifications)
    editor.reject()
    ops.edit_operation_action.trigger()
    editor = dialog(window, "operationEditor")
    qtmodeltester.check(editor.stages)
    editor.reject()


def test_empty_models_pass_the_model_tester(qtmodeltester, qapp):
    proxy = OptionsFilter()
    proxy.setSourceModel(AvailablePeopleModel())
    for model in (PostBoardModel(), VehicleBoardModel(), AvailableVehiclesModel(), AvailablePeopleModel(), proxy,
                  StagesModel(), RequirementsModel({}), QualificationsModel([]), CrewModel(),
                  WindowVehiclesModel()):
        qtmodeltester.check(model)


def test_screenshots_include_the_post_board(demo_db, tmp_path, qapp):
    from rosterapp.ui.application import save_screenshots

    written = save_screenshots(demo_db, tmp_path)
    assert tmp_path / "postboard.png" in written and (tmp_path / "postboard.png").stat().st_size > 10000
