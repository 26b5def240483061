"""The People, Vehicles and Stations tabs as a clerk uses them, on the small demo in a real SQLite file."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from rosterapp.models import Duty, Person, Station, Vehicle
from rosterapp.services import registers
from rosterapp.services.registers import PersonData
from rosterapp.services.roster import pinyin_key
from rosterapp.ui.main_window import MainWindow
from rosterapp.ui.registers.entries import (
    CheckListModel,
    EntriesModel,
    Entry,
)
from rosterapp.ui.registers.people import NAME, STATUS, PeopleFilter, PeopleModel
from rosterapp.ui.registers.rows import RowsFilter
from rosterapp.ui.registers.stations import StationsModel
from rosterapp.ui.registers.vehicles import MAINTENANCE, VehiclesFilter, VehiclesModel

START = dt.date(2027, 3, 1)
END = dt.date(2027, 3, 31)
CHECKED = Qt.CheckState.Checked
UNCHECKED = Qt.CheckState.Unchecked


@pytest.fixture
def demo_db(demo_copy):
    return demo_copy(seed=3, start=START)


@pytest.fixture
def make_window(qtbot, demo_db):
    def make(key: str = "detachment:DC") -> MainWindow:
        window = MainWindow(demo_db)
        qtbot.addWidget(window)
        window.set_range(START, END)
        window.select_key(key)
        window.show()
        qtbot.waitExposed(window)
        settle(window)
        return window
    return make


@pytest.fixture
def window(make_window):
    return make_window()


def settle(window: MainWindow) -> None:
    """Let the checking engine finish loading and its results arrive."""
    assert window.roster_page.controller.wait_for_checker()
    QApplication.processEvents()


def problems_of(window: MainWindow, rule: str, *, person: int | None = None, vehicle: int | None = None,
                station: int | None = None) -> list:
    return [p for p in window.roster_page.controller.problems_in_view() if p.rule == rule
            and (person is None or person in p.people) and (vehicle is None or vehicle in p.vehicles)
            and (station is None or station in p.stations)]


def type_text(qtbot, widget, text: str) -> None:
    """Type as a clerk does: ASCII on the keyboard, Chinese committed by the input method (pinyin IME)."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def show(window: MainWindow, page):
    window.tabs.setCurrentWidget(page)
    QApplication.processEvents()
    return page


def station_id(db, short_name: str) -> int:
    with db.read() as s:
        return s.scalar(select(Station.id).where(Station.short_name == short_name))


def a_driver(db) -> tuple[int, dt.date]:
    """A 东城 person who drives a vehicle in March (and the day)."""
    with db.begin() as s:
        pid, start = s.execute(
            select(Person.id, Duty.start).join(Duty, Duty.person_id == Person.id)
            .join(Station, Person.station_id == Station.id)
            .where(Duty.role == "driver", Station.short_name == "前门", Duty.start >= dt.datetime(2027, 3, 3))
            .order_by(Duty.start)).first()
    return pid, start.date()


# -- models -------------------------------------------------------------------------------------------

def test_every_model_passes_the_model_tester(window, qtmodeltester):
    regs = window.registers
    for page in regs.pages():
        show(window, page)
        assert page.model.rowCount() > 0
        qtmodeltester.check(page.model)
        qtmodeltester.check(page.proxy)
    page = show(window, regs.people)
    page.view.setCurrentIndex(page.proxy.index(0, 0))
    dialog = page.edit()
    qtmodeltester.check(dialog.qualifications)
    dialog.add_absence()
    qtmodeltester.check(dialog.absences)
    dialog.reject()
    vehicles = show(window, regs.vehicles)
    vehicles.view.setCurrentIndex(vehicles.proxy.index(0, 0))
    dialog = vehicles.edit()
    dialog.add_window()
    qtmodeltester.check(dialog.windows)
    dialog.reject()


def test_empty_models_pass_the_model_tester(qtmodeltester, qapp):
    for model, proxy in ((PeopleModel(), PeopleFilter()), (VehiclesModel(), VehiclesFilter()),
                         (StationsModel(), RowsFilter())):
        proxy.setSourceModel(model)
        qtmodeltester.check(model)
        qtmodeltester.check(proxy)
    qtmodeltester.check(CheckListModel())
    entries = EntriesModel([("From", lambda e: e.first.isoformat())])
    qtmodeltester.check(entries)
    entries.add(Entry(None, START, END))
    qtmodeltester.check(entries)
    assert isinstance(proxy, QSortFilterProxyModel)


# -- people ---------------------------------------------------------------------------------------------

def test_a_clerk_adds_a_person_through_the_form(window, demo_db, qtbot):
    qianmen = station_id(demo_db, "前门")
    window.select_key("station:前门消防救援站")
    page = show(window, window.registers.people)
    taken = page.model.line(0).item
    dialog = page.add()
    assert dialog.station.currentData() == qianmen  # the navigator's station
    assert not dialog.ok_button.isEnabled()  # nothing typed yet, and no reason shouted at an empty form
    assert not dialog.reasons["staff_no"].isVisible()

    type_text(qtbot, dialog.staff_no, taken.staff_no)
    assert dialog.reasons["staff_no"].isVisible()
    assert dialog.reasons["staff_no"].text() == f"Staff number {taken.staff_no} is already used by {taken.name}."
    dialog.staff_no.clear()
    type_text(qtbot, dialog.staff_no, "DC9001")
    assert not dialog.reasons["staff_no"].isVisible()
    type_text(qtbot, dialog.name, "王小明")
    type_text(qtbot, dialog.birth_date, (dt.date.today() + dt.timedelta(days=3)).isoformat())
    assert dialog.reasons["birth_date"].text() == "The birth date must not be in the future."
    dialog.birth_date.clear()
    type_text(qtbot, dialog.birth_date, "1998年7月1日")
    assert not dialog.reasons["birth_date"].isVisible()
    type_text(qtbot, dialog.phone, "12345")
    assert not dialog.ok_button.isEnabled()
    assert dialog.reasons["phone"].isVisible()
    assert dialog.reasons["phone"].text() == "The phone number must have 11 digits and start with 1."
    dialog.phone.clear()
    type_text(qtbot, dialog.phone, "138 0013 8000")
    assert not dialog.reasons["phone"].isVisible()
    assert dialog.ok_button.isEnabled()
    with demo_db.begin() as s:
        quals = {q.name: q.id for q in registers.register_choices(s).qualifications}
    dialog.qualifications.set_checked(quals["空呼"], True)

    steps = window.undo_stack.count()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert window.undo_stack.count() == steps + 1
    with demo_db.begin() as s:
        pid = s.scalar(select(Person.id).where(Person.staff_no == "DC9001"))
        assert registers.get_person(s, pid) == PersonData(
            staff_no="DC9001", name="王小明", station_id=qianmen, birth_date=dt.date(1998, 7, 1),
            phone="13800138000", qualification_ids=(quals["空呼"],))

    # In the table (found by pinyin initials) and in the station's roster grid.
    assert page.current_id() == pid
    type_text(qtbot, page.search, pinyin_key("王小明")[1])
    assert page.proxy.rowCount() == 1 and page.proxy.index(0, NAME).data() == "王小明"
    assert pid in window.roster_page.model.grid.row_of

    window.undo_action.trigger()
    assert pid not in window.roster_page.model.grid.row_of
    assert page.proxy.rowCount() == 0
    window.redo_action.trigger()
    assert pid in window.roster_page.model.grid.row_of  # the same id again
    assert page.proxy.rowCount() == 1


def test_the_services_have_the_final_word(window, demo_db, qtbot):
    page = show(window, window.registers.people)
    dialog = page.add()
    type_text(qtbot, dialog.staff_no, "DC9002")
    type_text(qtbot, dialog.name, "赵敏")
    # Meanwhile somebody else registers the same staff number (the form cannot know).
    with demo_db.begin() as s:
        registers.create_person(s, PersonData(staff_no="DC9002", name="钱多", station_id=dialog.station.currentData()))
    steps = window.undo_stack.count()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    assert dialog.reasons["staff_no"].text() == "Staff number DC9002 is already used by 钱多."
    assert window.undo_stack.count() == steps
    dialog.reject()


def test_removing_a_drivers_licence_is_a_missing_qualification_until_undone(window, demo_db, qtbot):
    pid, _day = a_driver(demo_db)
    assert not problems_of(window, "missing_qualification", person=pid)
    page = show(window, window.registers.people)
    assert page.select_id(pid)
    dialog = page.edit()
    with demo_db.begin() as s:
        driving = next(q.id for q in registers.register_choices(s).qualifications if q.name == "消防车驾驶")
    assert driving in dialog.qualifications.checked()
    dialog.qualifications.set_checked(driving, False)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert problems_of(window, "missing_qualification", person=pid)
    assert "消防车驾驶" not in page.model.line(page.model.row_of(pid)).item.qualifications

    window.undo_action.trigger()
    assert not problems_of(window, "missing_qualification", person=pid)
    assert "消防车驾驶" in page.model.line(page.model.row_of(pid)).item.qualifications
    window.redo_action.trigger()
    assert problems_of(window, "missing_qualification", person=pid)


def test_an_absence_shows_in_the_roster_grid(make_window, demo_db, use_language):
    use_language("zh_CN")
    window = make_window()
    grid = window.roster_page.model.grid
    # An off day (休) of somebody of the shown detachment; the clerk clears it to give the day to the
    # holiday (a planned 休 stays what the cell shows).
    row, column = next((r, c) for r in range(len(grid.rows)) for c in range(len(grid.days)) if grid.cells[r][c] == "休")
    pid, day = grid.rows[row].person_id, grid.days[column]
    window.roster_page.select_cell(row, column)
    window.roster_page.clear()
    assert window.roster_page.model.grid.cells[row][column] == ""
    page = show(window, window.registers.people)
    page.select_id(pid)
    dialog = page.edit()
    dialog.absence_kind.setCurrentIndex(dialog.absence_kind.findData("holiday"))
    dialog.absence_from.setDate(dialog.absence_from.date().fromString(day.isoformat(), "yyyy-MM-dd"))
    dialog.absence_to.setDate(dialog.absence_to.date().fromString(day.isoformat(), "yyyy-MM-dd"))
    dialog.absence_note.setText("探亲")
    dialog.add_absence_button.click()
    assert dialog.absences.rowCount() >= 1
    assert dialog.try_accept()
    assert window.roster_page.model.grid.cells[row][column] == "假"
    with demo_db.begin() as s:
        [absence] = [a for a in registers.list_absences(s, person_id=pid) if a.note == "探亲"]
    assert (absence.kind, absence.start, absence.end) == (
        "holiday", dt.datetime.combine(day, dt.time(8)), dt.datetime.combine(day + dt.timedelta(days=1), dt.time(8)))

    window.undo_action.trigger()
    assert window.roster_page.model.grid.cells[row][column] == ""
    # Removing it again through the form, one more step.
    window.redo_action.trigger()
    dialog = page.edit(pid)
    entry_row = next(r for r in range(dialog.absences.rowCount()) if dialog.absences.entries()[r].text == "探亲")
    dialog.absence_table.setCurrentIndex(dialog.absences.index(entry_row, 0))
    dialog.remove_absence_button.click()
    assert dialog.try_accept()
    assert window.roster_page.model.grid.cells[row][column] == ""


def test_a_person_with_history_is_deactivated_never_deleted(window, demo_db, qtbot):
    pid, _day = a_driver(demo_db)
    page = show(window, window.registers.people)
    page.select_id(pid)
    assert page.edit_button.isEnabled() and page.deactivate_button.isEnabled()
    assert not page.delete_button.isEnabled()
    assert "deactivate" in page.delete_button.toolTip()
    assert page.delete(pid) is False
    box = page.findChild(QMessageBox, "cannotDeletePerson")
    assert box is not None and "cannot be deleted" in box.text()
    box.close()
    assert not problems_of(window, "inactive_resource", person=pid)

    qtbot.mouseClick(page.deactivate_button, Qt.MouseButton.LeftButton)
    line = page.model.line(page.model.row_of(pid))
    assert not line.active and line.display[STATUS] == "Inactive"
    assert page.deactivate_button.text() == "Reactivate"
    assert problems_of(window, "inactive_resource", person=pid)  # they still stand on duties in March
    page.status_filter.setCurrentIndex(page.status_filter.findData("active"))
    assert page.proxy_row_of(pid) == -1

    window.undo_action.trigger()
    assert page.model.line(page.model.row_of(pid)).active
    assert not problems_of(window, "inactive_resource", person=pid)
    with demo_db.begin() as s:
        assert s.get(Person, pid) is not None


def test_a_person_without_duties_can_be_deleted_and_undo_brings_them_back(window, demo_db):
    with demo_db.begin() as s:
        pid = registers.create_person(s, PersonData(staff_no="DC9003", name="孙丽",
                                                    station_id=station_id(demo_db, "前门")))
        registers.add_absence(s, pid, "training", START, START + dt.timedelta(days=2))
        before = registers.person_record(s, pid)
    page = show(window, window.registers.people)
    page.refresh()
    page.select_id(pid)
    assert page.delete_button.isEnabled()
    assert page.delete()
    assert page.model.row_of(pid) == -1
    window.undo_action.trigger()
    with demo_db.begin() as s:
        assert registers.person_record(s, pid) == before  # same id, same absence
    assert page.model.row_of(pid) >= 0


def test_filters_search_and_the_navigator(window, demo_db, qtbot):
    page = show(window, window.registers.people)
    with demo_db.begin() as s:
        dc = [p for p in registers.list_people(s) if p.detachment == "东城支队"]
        everyone = registers.list_people(s)
    assert page.proxy.rowCount() == len(dc)  # the navigator shows 东城支队
    window.select_key("station:金宝街消防救援站")
    assert page.proxy.rowCount() == sum(p.station == "金宝街消防救援站" for p in dc)
    assert page.count_label.text().startswith("金宝街消防救援站:")
    window.select_key("corps")
    assert page.proxy.rowCount() == len(everyone)

    page.position_filter.setCurrentIndex(page.position_filter.findData("站长"))
    assert page.proxy.rowCount() == sum(p.position == "站长" for p in everyone) > 0
    page.position_filter.setCurrentIndex(0)
    page.qualification_filter.setCurrentIndex(page.qualification_filter.findData("举高车操作"))
    assert page.proxy.rowCount() == sum("举高车操作" in p.qualifications for p in everyone) > 0
    page.qualification_filter.setCurrentIndex(0)
    page.detachment_filter.setCurrentIndex(page.detachment_filter.findData(dc[0].detachment_id))
    assert page.station_filter.count() == 1 + 3 + 1  # all, 东城's three stations and its staff office
    page.station_filter.setCurrentIndex(page.station_filter.findData(dc[0].station_id))
    assert page.proxy.rowCount() == sum(p.station_id == dc[0].station_id for p in everyone)

    target = dc[0]
    type_text(qtbot, page.search, pinyin_key(target.name)[1])
    names = {page.proxy.index(r, NAME).data() for r in range(page.proxy.rowCount())}
    assert target.name in names
    page.search.clear()
    type_text(qtbot, page.search, target.staff_no)
    assert page.proxy.rowCount() == 1

    # Sorting by name goes by pinyin, and the selected person stays selected.
    page.search.clear()
    page.select_id(target.id)
    page.view.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
    shown = [page.proxy.index(r, NAME).data() for r in range(page.proxy.rowCount())]
    assert shown == sorted(shown, key=lambda n: pinyin_key(n)[0])
    assert page.current_id() == target.id
    page.view.sortByColumn(NAME, Qt.SortOrder.DescendingOrder)
    assert page.proxy.index(0, NAME).data() == shown[-1] and page.current_id() == target.id
    page.refresh()  # the order holds across a reload
    assert page.proxy.index(0, NAME).data() == shown[-1]


# -- vehicles -----------------------------------------------------------------------------------------

def test_a_clerk_adds_a_vehicle_and_sets_its_maintenance_then_undoes_it(window, demo_db, qtbot):
    window.select_key("station:前门消防救援站")
    page = show(window, window.registers.vehicles)
    dialog = page.add()
    taken = page.model.line(0).item.plate
    type_text(qtbot, dialog.plate, taken)
    assert not dialog.ok_button.isEnabled()
    assert dialog.reasons["plate"].text() == f"Plate {taken} is already registered."
    dialog.plate.clear()
    type_text(qtbot, dialog.plate, "京X·9001应急")
    type_text(qtbot, dialog.call_sign, "前门9号泡沫")
    dialog.type.setCurrentIndex(dialog.type.findText("泡沫消防车 PM"))
    assert dialog.seats.value() == 6  # the type's default
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    with demo_db.begin() as s:
        vid = s.scalar(select(Vehicle.id).where(Vehicle.plate == "京X·9001应急"))
        assert registers.get_vehicle(s, vid).station_id == station_id(demo_db, "前门")
    assert page.current_id() == vid

    # A vehicle crewed in March goes into maintenance over its duty day: it is unavailable.
    with demo_db.begin() as s:
        crewed, start = s.execute(select(Duty.vehicle_id, Duty.start).join(Vehicle, Vehicle.id == Duty.vehicle_id)
                                  .where(Vehicle.station_id == station_id(demo_db, "前门"), Duty.post_id.is_(None),
                                         Duty.start >= dt.datetime(2027, 3, 10)).order_by(Duty.start)).first()
    assert not problems_of(window, "vehicle_unavailable", vehicle=crewed)
    page.select_id(crewed)
    dialog = page.edit()
    day = dialog.window_from.date().fromString(start.date().isoformat(), "yyyy-MM-dd")
    dialog.window_from.setDate(day)
    dialog.window_to.setDate(day)
    type_text(qtbot, dialog.window_reason, "更换水泵")
    dialog.add_window_button.click()
    steps = window.undo_stack.count()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert window.undo_stack.count() == steps + 1
    assert problems_of(window, "vehicle_unavailable", vehicle=crewed)

    window.undo_action.trigger()
    assert not problems_of(window, "vehicle_unavailable", vehicle=crewed)
    with demo_db.begin() as s:
        assert not [m for m in registers.list_maintenance(s, vehicle_id=crewed) if m.reason == "更换水泵"]
    window.undo_action.trigger()  # and the new vehicle goes too
    assert page.model.row_of(vid) == -1
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert problems_of(window, "vehicle_unavailable", vehicle=crewed)
    assert page.model.row_of(vid) >= 0


def test_the_vehicle_form_sees_a_plate_typed_another_way_as_taken(window, demo_db, qtbot):
    page = show(window, window.registers.vehicles)
    line = page.model.line(0)
    taken = line.item.plate  # 京X·0001应急
    typed = taken.replace("·", "").replace("X", "x")  # 京x0001应急: no dot, lower case
    dialog = page.add()
    type_text(qtbot, dialog.plate, typed)
    assert not dialog.ok_button.isEnabled()
    assert dialog.reasons["plate"].text() == f"Plate {taken} is already registered."
    dialog.reject()
    # Its own plate, typed another way, is no duplicate; it is saved in the house style.
    page.select_id(line.id)
    dialog = page.edit()
    dialog.plate.clear()
    type_text(qtbot, dialog.plate, typed)
    assert dialog.ok_button.isEnabled() and not dialog.reasons["plate"].text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    with demo_db.begin() as s:
        assert s.scalar(select(Vehicle.plate).where(Vehicle.id == line.id)) == taken


def test_the_maintenance_column_shows_the_next_window(window, demo_db):
    page = show(window, window.registers.vehicles)
    vid = page.model.line(0).id
    first = dt.date.today() + dt.timedelta(days=5)
    with demo_db.begin() as s:
        registers.add_maintenance(s, vid, first, first + dt.timedelta(days=1), "年检")
    page.refresh()
    assert page.model.line(page.model.row_of(vid)).display[MAINTENANCE].endswith("年检")


def test_a_vehicle_with_history_is_deactivated_not_deleted(window, demo_db):
    page = show(window, window.registers.vehicles)
    with demo_db.begin() as s:
        crewed = s.scalar(select(Duty.vehicle_id).where(Duty.vehicle_id.is_not(None)).limit(1))
    window.select_key("corps")
    page.select_id(crewed)
    assert not page.delete_button.isEnabled()
    page.toggle_active()
    assert not page.model.line(page.model.row_of(crewed)).active
    window.undo_action.trigger()
    assert page.model.line(page.model.row_of(crewed)).active


# -- stations -------------------------------------------------------------------------------------------

def test_stations_are_added_renamed_and_given_a_minimum(window, demo_db, qtbot):
    page = show(window, window.registers.stations)
    navigator = window.navigator_model
    dialog = page.add()
    assert dialog.detachment.currentText() == "东城支队"  # the navigator's detachment
    type_text(qtbot, dialog.name, "前门")
    assert not dialog.ok_button.isEnabled() and dialog.name_reason.isVisible()
    dialog.name.clear()
    type_text(qtbot, dialog.name, "东直门特勤站")
    assert dialog.grade.currentData() == "special"  # the name says so
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert navigator.index_for_key("station:东直门特勤站").isValid()
    new = page.current_id()
    assert page.model.line(page.model.row_of(new)).display[4] == "8 (default)"

    dialog = page.edit(new)
    dialog.name.selectAll()
    type_text(qtbot, dialog.name, "东直门消防救援站")
    dialog.grade.setCurrentIndex(dialog.grade.findData("level1"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert navigator.index_for_key("station:东直门消防救援站").isValid()
    assert not navigator.index_for_key("station:东直门特勤站").isValid()
    assert window.undo_stack.undoText() == "Rename 东直门特勤站 to 东直门消防救援站"

    window.undo_action.trigger()
    assert navigator.index_for_key("station:东直门特勤站").isValid()
    window.undo_action.trigger()
    assert not navigator.index_for_key("station:东直门特勤站").isValid()
    assert page.model.row_of(new) == -1


def test_a_stations_minimum_is_checked_at_once_and_undone(window, demo_db, qtbot):
    qianmen = station_id(demo_db, "前门")
    assert not problems_of(window, "station_below_minimum", station=qianmen)
    page = show(window, window.registers.stations)
    page.select_id(qianmen)
    dialog = page.edit()
    assert dialog.min_people.text() == "Grade default (5)"
    dialog.min_people.setValue(40)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert page.model.line(page.model.row_of(qianmen)).display[4] == "40"
    assert problems_of(window, "station_below_minimum", station=qianmen)
    window.undo_action.trigger()
    assert not problems_of(window, "station_below_minimum", station=qianmen)
    assert page.model.line(page.model.row_of(qianmen)).display[4] == "5 (default)"


# -- window ---------------------------------------------------------------------------------------------

def test_tabs_and_menu_in_chinese_and_live_switching(window, use_language):
    regs = window.registers
    titles = [window.tabs.tabText(window.tabs.indexOf(p)) for p in regs.pages()]
    assert titles == ["People", "Vehicles", "Stations"]
    assert regs.people.view.objectName() == "personnelTable"
    assert regs.vehicles.view.objectName() == "vehicleTable"
    page = show(window, regs.people)
    use_language("zh_CN")
    QApplication.processEvents()
    titles = [window.tabs.tabText(window.tabs.indexOf(p)) for p in regs.pages()]
    assert titles == ["人员", "车辆", "消防救援站"]
    assert page.model.headerData(NAME, Qt.Orientation.Horizontal) == "姓名"
    assert page.model.line(0).display[STATUS] in ("在岗", "已停用")
    assert regs.people.new_action in window.edit_menu.actions()
    assert regs.people.new_action.text() == "新增人员(&P)…"


def test_the_register_tabs_leave_room_for_the_navigator(window):
    # On a small screen the splitter gives the tabs their minimum first; a wide filter bar would
    # squeeze the navigator beside them to nothing.
    for page in window.registers.pages():
        assert page.minimumSizeHint().width() <= 480, page.objectName()


def test_new_person_from_the_edit_menu_opens_on_the_people_tab(window):
    window.registers.people.new_action.trigger()
    assert window.tabs.currentWidget() is window.registers.people
    dialog = window.registers.people.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


# -- the services' bounds, said by the forms as they are typed ------------------------------------------

def test_the_person_form_says_the_new_limits_as_they_are_typed(window, demo_db, qtbot):
    from rosterapp import clock

    page = show(window, window.registers.people)
    dialog = page.add()
    assert (dialog.staff_no.maxLength(), dialog.name.maxLength(), dialog.absence_note.maxLength()) == (32, 50, 200)
    dialog.staff_no.setText("1" * 5000)  # pasted: the edit keeps what the services accept
    assert dialog.staff_no.text() == "1" * 32
    dialog.staff_no.setText("DC\u200b9001")  # a zero-width space from a pasted cell
    type_text(qtbot, dialog.name, "王小明")
    type_text(qtbot, dialog.birth_date, "1800-01-01")
    assert dialog.reasons["birth_date"].text() == "The birth date must not be before 1940-01-01."
    assert not dialog.ok_button.isEnabled()
    dialog.birth_date.clear()
    today = clock.today()
    too_young = today.replace(year=today.year - 15) if (today.month, today.day) != (2, 29) else today.replace(
        year=today.year - 15, day=28)
    type_text(qtbot, dialog.birth_date, too_young.isoformat())
    assert dialog.reasons["birth_date"].text().startswith("The birth date must be on or before ")
    assert dialog.reasons["birth_date"].text().endswith(": at least 16 years old.")
    dialog.birth_date.clear()
    type_text(qtbot, dialog.birth_date, "1940-01-01")
    assert not dialog.reasons["birth_date"].isVisible() and dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    with demo_db.begin() as s:
        assert s.scalar(select(Person.staff_no).where(Person.name == "王小明")) == "DC9001"


def test_a_staff_number_behind_an_invisible_character_is_seen_as_taken(window, qtbot):
    page = show(window, window.registers.people)
    taken = page.model.line(0).item
    dialog = page.add()
    type_text(qtbot, dialog.staff_no, taken.staff_no[:2])
    dialog.staff_no.setText(taken.staff_no[:2] + "\u200b" + taken.staff_no[2:])
    assert dialog.reasons["staff_no"].text() == f"Staff number {taken.staff_no} is already used by {taken.name}."
    assert not dialog.ok_button.isEnabled()
    dialog.reject()


def test_a_name_stored_longer_than_the_limit_is_shown_whole_and_said_too_long(window, demo_db, qtbot):
    page = show(window, window.registers.people)
    line = page.model.line(0)
    with demo_db.begin() as s:  # from before the limit
        s.get(Person, line.id).name = "张" * 60
    page.refresh()
    page.select_id(line.id)
    dialog = page.edit()
    assert dialog.name.text() == "张" * 60  # never cut
    assert dialog.reasons["name"].text() == "Name must be at most 50 characters (60 given)."
    assert not dialog.ok_button.isEnabled()
    dialog.reject()


def test_the_vehicle_form_limits_its_fields_and_says_a_stored_call_sign_is_too_long(window, demo_db, qtbot):
    page = show(window, window.registers.vehicles)
    dialog = page.add()
    assert (dialog.plate.maxLength(), dialog.call_sign.maxLength(), dialog.window_reason.maxLength()) == (32, 60, 200)
    dialog.reject()
    line = page.model.line(0)
    with demo_db.begin() as s:  # from before the limit
        s.get(Vehicle, line.id).call_sign = "号" * 61
    page.refresh()
    page.select_id(line.id)
    dialog = page.edit()
    assert dialog.call_sign.text() == "号" * 61
    assert dialog.reasons["call_sign"].text() == "Call sign must be at most 60 characters (61 given)."
    assert not dialog.ok_button.isEnabled()
    dialog.call_sign.setText("前门1号水罐")
    assert not dialog.reasons["call_sign"].isVisible() and dialog.ok_button.isEnabled()
    dialog.reject()


def test_the_new_reasons_follow_the_windows_language(window, qtbot, use_language):
    use_language("zh_CN")
    dialog = show(window, window.registers.people).add()
    type_text(qtbot, dialog.birth_date, "1800-01-01")
    assert dialog.reasons["birth_date"].text() == "出生日期不能早于 1940-01-01。"
    dialog.reject()


def test_a_person_changed_meanwhile_is_not_written_over_until_the_clerk_says_so(window, demo_db, monkeypatch):
    """The form names who changed the person since it was opened and saves nothing; OK once more saves the
    clerk's form over their change, as one step."""
    monkeypatch.setenv("ROSTERAPP_DESK", "西城值班室")
    pid, _day = a_driver(demo_db)
    page = show(window, window.registers.people)
    dialog = page.edit(pid)
    import rosterapp.desk

    rosterapp.desk.user_name.cache_clear()
    try:
        with demo_db.begin() as s:
            s.get(Person, pid).phone = "13800000000"  # another desk, meanwhile
    finally:
        rosterapp.desk.user_name.cache_clear()
        monkeypatch.delenv("ROSTERAPP_DESK")
    dialog.phone.setText("13911112222")
    steps = window.undo_stack.count()
    assert not dialog.try_accept()
    assert "西城值班室" in dialog.form_reason.text() and "OK again" in dialog.form_reason.text()
    with demo_db.read() as s:
        assert s.get(Person, pid).phone == "13800000000"
    assert dialog.try_accept()
    assert window.undo_stack.count() == steps + 1
    with demo_db.read() as s:
        assert s.get(Person, pid).phone == "13911112222"
