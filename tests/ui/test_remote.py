"""Two windows on one server: another clerk's edit lands in the hub as a Change (not on the undo stack)
within 2 s, the grid repaints it, and a dropped connection shows a banner, comes back and replays what
it missed. The server tests skip without ROSTERAPP_TEST_DB_URL; the banner's own test runs on SQLite."""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable, Iterator

import psycopg
import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import make_url, select

from rosterapp.db import Database
from rosterapp.models import Person, Station
from rosterapp.services.changes import PEOPLE, Change
from rosterapp.ui.commands import CellsCommand
from rosterapp.ui.hub import EditHub
from rosterapp.ui.main_window import MainWindow

SERVER = os.environ.get("ROSTERAPP_TEST_DB_URL")
DAY = dt.date(2027, 3, 2)
CODES = ("值", "白", "夜", "休")
LIVE = {"backoff": (0.1,), "poll_s": 0.1}  # a test need not wait long for a reconnection






@pytest.fixture
def hubs(clerks, qapp) -> Iterator[Callable[[], EditHub]]:
    made: list[EditHub] = []

    def hub() -> EditHub:
        made.append(EditHub(clerks()))
        return made[-1]

    yield hub
    for h in made:
        h.shutdown()


def people(db: Database, count: int = 2) -> list[int]:
    with db.begin() as s:
        station = s.scalar(select(Station).where(Station.short_name == "前门"))
        rows = [Person(staff_no=f"R{i:03d}", name=f"远端{i}", station_id=station.id) for i in range(count)]
        s.add_all(rows)
        s.flush()
        return [p.id for p in rows]


def terminate(server_url: str, pid: int) -> None:
    with psycopg.connect(make_url(server_url).set(drivername="postgresql").render_as_string(hide_password=False),
                         autocommit=True) as conn:
        conn.execute("SELECT pg_terminate_backend(%s)", (pid,))


def test_another_clerks_edit_reaches_the_hub_as_a_change_not_an_undo_step(hubs, qtbot):
    a, b = hubs(), hubs()
    pid, _ = people(a.db)
    assert a.watch(**LIVE) and b.watch(**LIVE)
    qtbot.waitUntil(lambda: b.watcher.pid is not None, timeout=3000)
    with qtbot.waitSignal(b.changed, timeout=2000) as landed, qtbot.waitSignal(b.received, timeout=2000) as told:
        assert a.push(CellsCommand("值", {(pid, DAY): "值"}, CODES))
    change = landed.args[0]
    assert pid in change.people and DAY in change.days
    assert told.args[1] == [make_url(a.db.url).username]
    assert b.undo_stack.count() == 0 and a.undo_stack.count() == 1
    # A's own window hears nothing of its own edit: it followed it when it made it.
    assert a.receive() == Change()


def test_a_dropped_connection_shows_comes_back_and_replays_what_it_missed(hubs, server_url, qtbot):
    a, b = hubs(), hubs()
    first, second = people(a.db)
    assert b.watch(**LIVE)
    qtbot.waitUntil(lambda: b.watcher.pid is not None, timeout=3000)
    listener = b.watcher.listener
    # While ``away`` the server cannot be reached again (the kill below is real; this holds it off).
    away = threading.Event()
    connect = listener.connect

    def unreachable() -> None:
        if away.is_set():
            raise psycopg.OperationalError("connection refused (the test holds the server off)")
        connect()

    listener.connect = unreachable
    away.set()
    seen: list[Change] = []
    b.changed.connect(seen.append)
    with qtbot.waitSignal(b.serverLost, timeout=3000) as lost:
        terminate(server_url, b.watcher.pid)
    assert lost.args[0] and b.server_lost
    assert a.push(CellsCommand("值", {(second, DAY): "值", (first, DAY): "休"}, CODES))
    qtbot.wait(400)  # the NOTIFY of that commit went to no one
    assert seen == []
    away.clear()
    with qtbot.waitSignals([b.serverBack, b.changed], timeout=3000, order="strict"):
        pass
    assert {first, second} <= seen[-1].people and DAY in seen[-1].days
    assert b.server_lost == "" and b.undo_stack.count() == 0


def test_the_grid_of_another_window_repaints_the_cell(clerks, qtbot):
    a, b = clerks(), clerks()
    pid, _ = people(a)
    window = MainWindow(b)
    qtbot.addWidget(window)
    window.set_range(dt.date(2027, 3, 1), dt.date(2027, 3, 31))
    window.select_key("detachment:DC")
    window.show()
    qtbot.waitExposed(window)
    assert window.hub.wait_for_checker()
    QApplication.processEvents()
    qtbot.waitUntil(lambda: window.hub.watcher.pid is not None, timeout=3000)
    model = window.roster_page.model
    cell = model.index(model.grid.row_of[pid], model.grid.column_of[DAY])
    assert cell.data() in ("", None)
    hub_a = EditHub(a)
    try:
        with qtbot.waitSignal(model.dataChanged, timeout=2000):
            assert hub_a.push(CellsCommand("值", {(pid, DAY): "值"}, CODES))
        assert cell.data() == "值"
        qtbot.waitUntil(lambda: make_url(a.url).username in window.statusBar().currentMessage(), timeout=2000)
        assert window.undo_stack.count() == 0
    finally:
        hub_a.shutdown()
        window.close()


def test_the_banner_shows_while_the_server_is_away(qtbot, db):
    """On SQLite nobody listens; the window's banner and status line follow the hub's signals."""
    window = MainWindow(db)
    qtbot.addWidget(window)
    assert not window.hub.watch() and window.hub.watcher is None
    assert window.server_bar.isHidden()
    window.hub.serverLost.emit("server closed the connection unexpectedly")
    assert not window.server_bar.isHidden() and window.server_label.text()
    window.hub.serverBack.emit()
    assert window.server_bar.isHidden()
    window.hub.received.emit(Change.of_register(PEOPLE, [1]), ["dc_clerk"])
    assert "dc_clerk" in window.statusBar().currentMessage()


def test_an_edit_over_cells_another_clerk_changed_is_refused_then_reapplied_in_one_step(hubs, clerks, qtbot):
    """Two clerks type into the same empty cell: the second is refused, naming who wrote it, the grid is
    told to show what is there now, and Re-apply writes the second clerk's code over it as one step."""
    first, second = hubs(), hubs()
    (person,) = people(first.db, 1)
    cell = (person, DAY)
    assert first.push(CellsCommand("值", {cell: "值"}, CODES, expect={cell: ""}))
    with qtbot.waitSignal(second.reapplicable, timeout=2000) as offered, \
            qtbot.waitSignal(second.changed, timeout=2000) as shown:
        assert not second.push(CellsCommand("休", {cell: "休"}, CODES, expect={cell: ""}))
    assert offered.args == [True]
    assert person in shown.args[0].people and DAY in shown.args[0].days
    login = make_url(SERVER).username
    assert login in second.last_refusal and "远端0" in second.last_refusal
    assert second.undo_stack.count() == 0
    assert second.reapply()
    assert second.undo_stack.count() == 1 and second.refused_command is None
    with second.db.read() as s:
        from rosterapp.services import roster

        assert roster.cell_texts(s, [cell]) == {cell: "休"}


def test_undo_of_a_step_another_clerk_wrote_over_is_refused(hubs, qtbot):
    """Undo never puts back what another clerk has changed since: the versions say so, nothing is written."""
    first, second = hubs(), hubs()
    (person,) = people(first.db, 1)
    cell = (person, DAY)
    assert first.push(CellsCommand("值", {cell: "值"}, CODES, expect={cell: ""}))
    assert second.push(CellsCommand("休", {cell: "休"}, CODES, expect={cell: "值"}))
    with qtbot.waitSignal(first.refused, timeout=2000) as refused:
        first.undo_stack.undo()
    assert "changed since" in refused.args[0] or "此后已被改动" in refused.args[0], refused.args[0]
    with first.db.read() as s:
        from rosterapp.services import roster

        assert roster.cell_texts(s, [cell]) == {cell: "休"}
