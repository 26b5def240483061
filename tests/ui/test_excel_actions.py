"""The File menu's Excel actions as a clerk uses them: export off the GUI thread with Cancel, previewed imports."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMainWindow
from sqlalchemy import func, select

from rosterapp.db import Database
from rosterapp.models import Person
from rosterapp.ui.excel_actions import ProblemListDialog, install_excel_actions
from rosterapp.ui.hub import EditHub


@pytest.fixture
def demo_db(demo_copy) -> Database:
    return demo_copy(seed=1, start=dt.date(2026, 3, 1))


@pytest.fixture
def window(qtbot, demo_db):
    win = QMainWindow()
    qtbot.addWidget(win)
    menu = win.menuBar().addMenu("&File")
    quit_action = QAction("&Quit", win)
    quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    menu.addAction(quit_action)
    changed = []
    hub = EditHub(demo_db, win)
    hub.changed.connect(changed.append)
    actions = install_excel_actions(win, menu, hub)
    win.excel, win.menu, win.changed = actions, menu, changed
    yield win
    actions.stop_jobs()


def people(db: Database) -> int:
    with db.begin() as s:
        return s.scalar(select(func.count()).select_from(Person))


def test_the_actions_sit_in_the_file_menu_before_quit(window):
    names = [a.objectName() for a in window.menu.actions()]
    assert names[:5] == ["exportHqAction", "importPeopleAction", "importVehiclesAction", "importPlanAction",
                         "mergeAction"]
    assert window.menu.actions()[-1].text() == "&Quit"
    assert window.excel.export_action.text() == "&Export HQ Workbook…"


def test_export_runs_in_a_worker_and_writes_the_file(qtbot, window, tmp_path):
    out = tmp_path / "hq.xlsx"
    with qtbot.waitSignal(window.excel.job_done, timeout=60_000) as done:
        job = window.excel.start_export(out, operation="1", detachment="DC")
    assert "hq.xlsx" in done.args[0]
    assert job.isFinished() or job.wait(5000)
    assert openpyxl.load_workbook(out, read_only=True).sheetnames[3] == "东城支队"


def test_a_cancelled_export_leaves_no_file(qtbot, window, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "hq.xlsx"
    with qtbot.waitSignal(window.excel.job_done, timeout=60_000) as done:
        job = window.excel.start_export(out, operation="1")
        job.cancel()
    assert "Cancelled" in done.args[0]
    assert list(folder.iterdir()) == []


def test_a_refused_import_lists_every_bad_cell_to_copy(qtbot, window, demo_db, tmp_path):
    path = tmp_path / "people.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["工号", "姓名", "支队", "消防救援站"])
    wb.active.append(["X1", "张伟", "通州", "前门"])
    wb.active.append(["X2", "", "东城", "前门"])
    wb.save(path)
    before = people(demo_db)
    with qtbot.waitSignal(window.excel.job_done, timeout=30_000):
        window.excel.import_file("personnel", path)
    dialog = window.excel.last_dialog
    assert isinstance(dialog, ProblemListDialog)
    text = dialog.text.toPlainText().splitlines()
    assert text[0].startswith("row 2, column C: ") and text[1].startswith("row 3, column B: ")
    dialog.copy_all()
    assert QGuiApplication.clipboard().text() == dialog.text.toPlainText()
    assert people(demo_db) == before and window.changed == []
    dialog.close()


def test_an_import_shows_a_preview_before_writing(qtbot, window, demo_db, tmp_path):
    path = tmp_path / "people.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["工号", "姓名", "支队", "消防救援站"])
    wb.active.append(["N1", "张伟", "东城", "前门"])
    wb.save(path)
    before = people(demo_db)
    questions = []
    window.excel.confirm = lambda q: questions.append(q) or False
    with qtbot.waitSignal(window.excel.job_done, timeout=30_000) as declined:
        window.excel.import_file("personnel", path)
    assert "1 would be added" in questions[0] and declined.args[0] == "Nothing was imported."
    assert people(demo_db) == before
    window.excel.confirm = lambda q: True
    with qtbot.waitSignal(window.excel.job_done, timeout=30_000) as imported:
        window.excel.import_file("personnel", path)
    assert imported.args[0] == "Imported: 1 added, 0 updated, 0 unchanged."
    assert people(demo_db) == before + 1 and len(window.changed) == 1
