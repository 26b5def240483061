"""File ▸ Import Month Roster as a clerk uses it: the preview grid with the changed cells marked and the
problems the import would add, then one undoable step through the hub; a refused file as a table of cells."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

from rosterapp.services import dutyday, roster
from rosterapp.services.excel.roster_export import export_month_roster
from rosterapp.services.lookup import find_station
from rosterapp.ui.excel_actions import ProblemListDialog, install_excel_actions
from rosterapp.ui.hub import EditHub
from rosterapp.ui.roster_import import CHANGED_COLOR, LEAD_COLUMNS, RosterImportDialog

MONTH = dt.date(2026, 3, 1)
DAYS = dutyday.days_between(*dutyday.month_range(MONTH))


@pytest.fixture
def demo_db(demo_copy):
    return demo_copy(seed=1, start=MONTH)


@pytest.fixture
def window(qtbot, demo_db):
    win = QMainWindow()
    qtbot.addWidget(win)
    menu = win.menuBar().addMenu("&File")
    changed = []
    hub = EditHub(demo_db, win)
    hub.changed.connect(changed.append)
    win.excel, win.hub, win.changed = install_excel_actions(win, menu, hub), hub, changed
    yield win
    win.excel.stop_jobs()


def cells(db, station_id):
    with db.read() as session:
        grid = roster.load_roster(session, DAYS, station_id=station_id)
    return {(row.person_id, DAYS[c]): grid.cells[r][c] for r, row in enumerate(grid.rows) for c in range(len(DAYS))}


@pytest.fixture
def exported(demo_db, tmp_path):
    with demo_db.read() as session:
        station = find_station(session, "前门")
        out = tmp_path / "qm.xlsx"
        export_month_roster(session, out, MONTH, station_id=station.id)
    return station, out


def test_the_preview_marks_the_changed_cells_then_one_step_imports_and_undoes_them(qtbot, window, demo_db,
                                                                                    exported, tmp_path):
    station, out = exported
    before = cells(demo_db, station.id)
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    # Three 24 h duties in a row for the first person (rows from 4; E is 3月1日): too little rest.
    targets = [("E4", "值"), ("F4", "值"), ("G4", "值"), ("H5", "假")]
    for address, code in targets:
        ws[address] = code
    path = tmp_path / "edited.xlsx"
    wb.save(path)
    seen = {}

    def confirm(dialog):
        assert isinstance(dialog, RosterImportDialog)
        seen["summary"] = dialog.summary_label.text()
        seen["problems"] = dialog.problems_label.text()
        seen["marked"] = dialog.changed_cells()
        seen["tip"] = [dialog.model.index(r, c).data(3) for r, c in dialog.changed_cells()]  # ToolTipRole
        seen["color"] = dialog.model.index(*dialog.changed_cells()[0]).data(8).color().name()  # BackgroundRole
        seen["lines"] = dialog.changes.toPlainText().splitlines()
        dialog.grab().save(str(tmp_path / "preview.png"))
        return True

    window.excel.confirm = confirm
    with qtbot.waitSignal(window.excel.job_done, timeout=60_000) as done:
        window.excel.import_roster(path)
    changed = {cell for cell, text in cells(demo_db, station.id).items() if text != before[cell]}
    expected = len([1 for a, code in targets if openpyxl.load_workbook(out).active[a].value != code])
    assert seen["summary"].startswith(f"Dry run: {expected} cells of")
    assert seen["problems"].startswith("After the import there would be") and "0 new errors" not in seen["problems"]
    assert len(seen["marked"]) == expected and all(c >= LEAD_COLUMNS for _r, c in seen["marked"])
    assert all(tip.startswith("Was: ") for tip in seen["tip"]) and seen["color"] == CHANGED_COLOR
    assert len(changed) == expected and "edited.xlsx" in done.args[0]
    # One step on the undo stack, followed by the hub (the views and the checker hear of it once).
    assert window.hub.undo_stack.count() == 1 and len(window.changed) == 1
    assert "edited.xlsx" in window.hub.undo_stack.text(0)
    window.hub.undo_stack.undo()
    assert cells(demo_db, station.id) == before
    window.hub.undo_stack.redo()
    assert {cell for cell, text in cells(demo_db, station.id).items() if text != before[cell]} == changed


def test_cancel_writes_nothing(qtbot, window, demo_db, exported, tmp_path):
    station, out = exported
    wb = openpyxl.load_workbook(out)
    wb.active["E5"] = "训"
    path = tmp_path / "edited.xlsx"
    wb.save(path)
    before = cells(demo_db, station.id)
    window.excel.confirm = lambda dialog: False
    with qtbot.waitSignal(window.excel.job_done, timeout=60_000) as done:
        window.excel.import_roster(path)
    assert done.args[0] == "Nothing was imported." and cells(demo_db, station.id) == before
    assert window.hub.undo_stack.count() == 0


def test_a_refused_file_is_a_table_of_cells_to_sort_and_copy(qtbot, window, demo_db, exported, tmp_path):
    station, out = exported
    wb = openpyxl.load_workbook(out)
    wb.active["F6"] = "XYZ"
    wb.active["B7"] = "查无此人"
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    with qtbot.waitSignal(window.excel.job_done, timeout=60_000):
        window.excel.import_roster(path)
    dialog = window.excel.last_dialog
    assert isinstance(dialog, ProblemListDialog) and dialog.table is not None
    table = dialog.table
    assert table.rowCount() == 2
    assert {table.item(r, 3).text() for r in range(2)} == {"F6", "B7"}
    table.sortItems(1)  # by row number
    assert [table.item(r, 1).text() for r in range(2)] == ["6", "7"]
    dialog.copy_all()
    copied = QGuiApplication.clipboard().text().splitlines()
    assert copied[0].split("\t") == ["Sheet", "Row", "Column", "Cell", "Reason"]
    assert copied[1].split("\t")[:4] == ["前门", "6", "3月2日", "F6"] and "XYZ" in copied[1]
    dialog.close()


def test_the_duty_table_goes_out_and_back_in_as_one_undoable_step(qtbot, window, demo_db, exported, tmp_path):
    from rosterapp.services import dutybook

    station, _out = exported
    with demo_db.begin() as session:  # 3月1日 has a 带班领导 to clear
        officer = next(c for c in dutybook.candidates(session, [station.id])[station.id] if c.officer)
        dutybook.assign(session, [(station.id, DAYS[0], "leader", officer.person_id)])
    window.excel.roster_unit = lambda: (station.id, None, MONTH)
    window.excel.next_path = out = tmp_path / "duty.xlsx"
    with qtbot.waitSignal(window.excel.job_done, timeout=60_000) as written:
        window.excel.export_duty_table_action.trigger()
    assert "duty.xlsx" in written.args[0] and out.exists()
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[0]
    header = next(r for r in range(1, 6) if ws.cell(r, 1).value == "日期")
    ws.cell(header + 1, 3).value = None  # 3月1日's 带班领导 cleared
    wb.save(tmp_path / "edited.xlsx")
    with demo_db.read() as session:
        before = dutybook.station_assignments(session, station.id, DAYS[0], DAYS[-1])
    window.excel.confirm = lambda dialog: True
    with qtbot.waitSignal(window.excel.job_done, timeout=60_000) as done:
        window.excel.import_file("duty-table", tmp_path / "edited.xlsx")
    with demo_db.read() as session:
        after = dutybook.station_assignments(session, station.id, DAYS[0], DAYS[-1])
    changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    assert changed == {(station.id, DAYS[0], "leader")} and "edited.xlsx" in done.args[0]
    assert window.hub.undo_stack.count() == 1 and len(window.changed) == 1
    window.hub.undo_stack.undo()
    with demo_db.read() as session:
        assert dutybook.station_assignments(session, station.id, DAYS[0], DAYS[-1]) == before


def test_a_file_naming_no_station_takes_the_grids(qtbot, window, demo_db, exported, tmp_path):
    station, out = exported
    wb = openpyxl.load_workbook(out)
    wb.active["A1"] = None  # no title
    wb.active.title = "Sheet1"  # and a sheet name that names nothing
    wb.active["E5"] = "训"
    path = tmp_path / "bare.xlsx"
    wb.save(path)
    seen = []
    window.excel.confirm = lambda dialog: seen.append(dialog.result.sheets[0].unit.id) or False
    with qtbot.waitSignal(window.excel.job_done, timeout=60_000):
        window.excel.import_roster(path)
    assert isinstance(window.excel.last_dialog, ProblemListDialog)  # the grid shows no station: refused
    window.excel.last_dialog.close()
    window.excel.roster_unit = lambda: (station.id, None, MONTH)
    with qtbot.waitSignal(window.excel.job_done, timeout=60_000):
        window.excel.import_roster(path)
    assert seen == [station.id]
