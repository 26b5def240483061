"""File ▸ Export Month Roster: the grid's unit and month, written by the window's export machinery."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from rosterapp.models import Detachment
from rosterapp.ui.main_window import MainWindow

START = dt.date(2026, 3, 1)


@pytest.fixture
def demo_db(demo_copy):
    return demo_copy(seed=1, start=START)


def test_the_action_exports_the_grids_detachment_and_month(qtbot, demo_db, tmp_path):
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    try:
        window.set_range(START, dt.date(2026, 3, 31))
        window.select_key("detachment:DC")
        QApplication.processEvents()
        with demo_db.read() as s:
            det = s.scalar(select(Detachment.id).where(Detachment.code == "DC"))
        assert window.roster_unit() == (None, det, START)
        assert window.excel_actions.export_roster_action in window.file_menu.actions()
        window.excel_actions.next_path = out = tmp_path / "dc.xlsx"
        with qtbot.waitSignal(window.excel_actions.job_done, timeout=60_000) as done:
            window.excel_actions.export_roster_action.trigger()
        assert "dc.xlsx" in done.args[0]
        title = openpyxl.load_workbook(out, read_only=True).worksheets[0]["A1"].value
        assert title.startswith("东城支队") and title.endswith("2026年3月执勤排班表")
    finally:
        window.excel_actions.stop_jobs()
        window.close()
