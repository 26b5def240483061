"""The handover record and the vehicle loads in the real window, on the small demo in a real SQLite file."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from rosterapp.models import Handover, Station, Vehicle
from rosterapp.services import handovers
from rosterapp.ui.handovers import HandoverDialog, HandoverListDialog, HandoverListModel
from rosterapp.ui.main_window import MainWindow

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
    window.select_key("station:前门消防救援站")
    window.show()
    qtbot.waitExposed(window)
    assert window.roster_page.controller.wait_for_checker()
    QApplication.processEvents()
    return window


def station_id(db, short: str) -> int:
    with db.read() as s:
        return s.scalar(select(Station.id).where(Station.short_name == short))


def test_the_handover_dialog_saves_as_one_step_and_undoes(window, demo_db, qtbot):
    page = window.roster_page
    day = dt.date(2027, 3, 4)
    column = page.model.grid.days.index(day)
    page.view.setCurrentIndex(page.model.index(0, column))
    sid = page.model.grid.rows[0].station_id
    dialog = window.handover_actions.open_record()
    assert isinstance(dialog, HandoverDialog) and (dialog.station_id, dialog.day) == (sid, day)
    assert "Outgoing duty leader: " in dialog.leaders.text()
    with demo_db.read() as s:
        record = handovers.get_handover(s, sid, day)
    assert record.outgoing and record.outgoing in dialog.leaders.text()
    assert record.incoming in dialog.leaders.text()
    dialog.items["vehicles"].setPlainText("执勤车辆4辆，车况良好。")
    dialog.items["notes"].setPlainText("上级通知：加强夜间战备值守。")
    dialog.time_check.setChecked(True)
    dialog.time.setTime(QTime(8, 10))
    steps = window.undo_stack.count()
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert window.undo_stack.count() == steps + 1
    with demo_db.read() as s:
        kept = handovers.get_handover(s, sid, day).data
    assert (kept.vehicles, kept.notes, kept.handed_over_at) == ("执勤车辆4辆，车况良好。", "上级通知：加强夜间战备值守。",
                                                                dt.time(8, 10))
    window.undo_action.trigger()
    with demo_db.read() as s:
        assert s.scalar(select(Handover).where(Handover.station_id == sid, Handover.day == day)) is None
    window.redo_action.trigger()
    with demo_db.read() as s:
        assert handovers.get_handover(s, sid, day).data.vehicles == "执勤车辆4辆，车况良好。"


def test_a_stale_handover_form_is_refused_and_stays_open(window, demo_db, qtbot):
    sid, day = station_id(demo_db, "前门"), dt.date(2027, 3, 6)
    dialog = HandoverDialog(window.hub, sid, day, window)
    with demo_db.begin() as s:  # another clerk writes the same record meanwhile
        handovers.save_handover(s, sid, day, handovers.HandoverData(safety="门岗正常。"), expected_version=0)
    dialog.items["safety"].setPlainText("营区安全。")
    steps = window.undo_stack.count()
    assert not dialog.try_accept()
    assert "since you opened it" in dialog.reason.text()
    assert window.undo_stack.count() == steps
    with demo_db.read() as s:
        assert handovers.get_handover(s, sid, day).data.safety == "门岗正常。"


def test_the_list_finds_records_by_text_and_opens_one(window, demo_db, qtbot, qtmodeltester):
    sid = station_id(demo_db, "前门")
    with demo_db.begin() as s:
        handovers.save_handover(s, sid, dt.date(2027, 3, 2), handovers.HandoverData(equipment="液压扩张器送修。"))
        handovers.save_handover(s, sid, dt.date(2027, 3, 3), handovers.HandoverData(equipment="器材齐全完好。"))
    dialog = HandoverListDialog(window.hub, window, station_id=sid, first=START, last=END)
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 2
    dialog.text.setText("扩张器")
    dialog.search()
    assert [r.day for r in dialog.model.records] == [dt.date(2027, 3, 2)]
    assert "液压扩张器送修" in dialog.model.index(0, 5).data()
    assert dialog.count.text() == "1 record(s)"
    qtmodeltester.check(HandoverListModel())


def test_the_vehicle_form_proposes_the_types_loads_and_saves_them(window, demo_db, qtbot):
    page = window.registers.vehicles
    window.tabs.setCurrentWidget(page)
    QApplication.processEvents()
    dialog = page.add()
    dialog.plate.setText("京X·9002应急")
    dialog.type.setCurrentIndex(dialog.type.findText("泡沫消防车 PM"))
    assert (dialog.loads["water_t"].value(), dialog.loads["foam_t"].value()) == (6.0, 2.0)
    dialog.type.setCurrentIndex(dialog.type.findText("干粉消防车 GF"))
    assert dialog.loads["powder_kg"].value() == 2000.0 and dialog.loads["foam_t"].value() == 0.0
    dialog.loads["powder_kg"].setValue(2500)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    with demo_db.read() as s:
        vid, *loads = s.execute(select(Vehicle.id, Vehicle.water_t, Vehicle.foam_t, Vehicle.powder_kg)
                                .where(Vehicle.plate == "京X·9002应急")).one()
    assert loads == [2.0, 0.0, 2500.0]
    page.select_id(vid)
    edit = page.edit()
    assert edit.loads["powder_kg"].value() == 2500.0
    edit.type.setCurrentIndex(edit.type.findText("水罐消防车 SG"))
    assert edit.loads["powder_kg"].value() == 2500.0  # an existing vehicle keeps its loads
    edit.reject()


def test_a_cells_context_menu_opens_the_handover_record_of_its_station_and_day(window):
    """Right-click on a person's day: the menu offers that station day's handover record."""
    page = window.roster_page
    day = dt.date(2027, 3, 9)
    index = page.model.index(2, page.model.grid.days.index(day))
    menu = page.swaps.context_menu(page.view.visualRect(index).center())
    action = next(a for a in menu.actions() if a is window.handover_actions.record_action)
    assert action.isEnabled()
    action.trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, HandoverDialog) and w.isVisible())
    assert (dialog.station_id, dialog.day) == (page.model.grid.rows[2].station_id, day)
    dialog.reject()


def test_a_staff_offices_cell_opens_the_list_not_a_record_it_cannot_keep(window, qtbot):
    """支队机关 keeps no handover record: Handover record… on its rows offers the searchable list."""
    window.select_key("detachment:DC")
    page = window.roster_page
    grid = page.model.grid
    r = next(r for r, row in enumerate(grid.rows) if row.station.endswith("机关") and not row.role)
    page.view.setCurrentIndex(page.model.index(r, 3))
    assert window.handover_actions.open_record() is None
    listing = next(w for w in QApplication.topLevelWidgets() if isinstance(w, HandoverListDialog) and w.isVisible())
    listing.close()
