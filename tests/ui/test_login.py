"""The login dialog of server mode: shown for a server, not for SQLite; a right login opens the window, a wrong
password or a disabled user is refused and asked again, and no password lands in the settings or the log.

The PostgreSQL tests need a server (ROSTERAPP_TEST_DB_URL, a superuser URL whose database is ``postgres``) and
skip without one; each module run makes its own database and logins (login_*) and drops them afterwards.
"""

from __future__ import annotations

import argparse
import logging
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy.engine import make_url

from rosterapp.errors import EXIT_DATABASE, EXIT_OK
from rosterapp.services import users
from rosterapp.services.server import init_server
from rosterapp.ui import application, login
from rosterapp.ui.login import LoginDialog
from rosterapp.ui.main_window import MainWindow
from rosterapp.ui.settings import LAST_DATABASE, SERVER_LOGIN, Settings

SERVER = os.environ.get("ROSTERAPP_TEST_DB_URL", "").strip()
needs_server = pytest.mark.skipif(not SERVER, reason="no PostgreSQL server (ROSTERAPP_TEST_DB_URL)")

HQ_PASSWORD = "Hq-secret-7431"
CLERK_PASSWORD = "Dc-secret-5519"
WRONG_PASSWORD = "Not-it-2208"


def args_for(db: str | Path | None) -> argparse.Namespace:
    return argparse.Namespace(db=None if db is None else str(db), lang=None, debug=False, command=None, out=None,
                              create=True)


@contextmanager
def closing_the_window_when_shown(qapp) -> Iterator[list[str]]:
    """Close the main window once it shows (ending exec()), giving its titles; a watchdog ends a loop that
    would never end. Both timers stop with the block."""
    seen: list[str] = []

    def close_window() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen.append(widget.windowTitle())
                seen.append(widget.user_label.text())
                widget.close()

    poll = QTimer(interval=100)
    poll.timeout.connect(close_window)
    watchdog = QTimer(singleShot=True, interval=30_000)
    watchdog.timeout.connect(qapp.quit)
    poll.start()
    watchdog.start()
    try:
        yield seen
    finally:
        poll.stop()
        watchdog.stop()


def answering_the_login(steps: list[Callable[[LoginDialog], None]]) -> tuple[QTimer, list[str]]:
    """Each time the login dialog is up, do the next step to it (as a clerk would), noting what it then says."""
    said: list[str] = []
    pending = list(steps)

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, LoginDialog) and pending:
            pending.pop(0)(dialog)
            said.append(dialog.message_label.text() if dialog.isVisible() else "")

    timer = QTimer(interval=100)
    timer.timeout.connect(poll)
    timer.start()
    return timer, said


def type_login(user: str, password: str) -> Callable[[LoginDialog], None]:
    def step(dialog: LoginDialog) -> None:
        dialog.user_edit.setText(user)
        dialog.password_edit.setText(password)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    return step


def cancel(dialog: LoginDialog) -> None:
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()


@pytest.fixture
def on_a_screen(monkeypatch):
    """As on a screen, where a clerk answers dialogs (offscreen the window asks nothing)."""
    monkeypatch.setattr(application, "is_headless", lambda: False)


@pytest.fixture
def log_file(tmp_path) -> Iterator[Path]:
    """Everything the program logs during the test, as the log file would have it."""
    path = tmp_path / "rosterapp.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger("rosterapp")
    level = root.level
    root.setLevel(logging.DEBUG)
    root.addHandler(handler)
    yield path
    root.removeHandler(handler)
    handler.close()
    root.setLevel(level)


def settings_text() -> str:
    """The whole settings file as the window left it."""
    store = QSettings()
    store.sync()
    path = Path(store.fileName())
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


@pytest.fixture(scope="module")
def server() -> Iterator[dict[str, str]]:
    """A database prepared with `server init` on the test server, an hq login, a 东城 clerk and a disabled
    clerk; gives the server's URL without login and the three login names."""
    if not SERVER:
        pytest.skip("no PostgreSQL server (ROSTERAPP_TEST_DB_URL)")
    tag = uuid.uuid4().hex[:8]
    name = f"login_test_{tag}"
    logins = {"hq": f"login_hq_{tag}", "clerk": f"login_dc_{tag}", "off": f"login_off_{tag}"}
    admin = make_url(SERVER).set(drivername="postgresql")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    superuser = make_url(SERVER).set(database=name).render_as_string(hide_password=False)
    try:
        init_server(superuser)
        from rosterapp.db import open_database
        db = open_database(superuser)
        try:
            users.add_user(db.engine, logins["hq"], "hq", None, HQ_PASSWORD)
            users.add_user(db.engine, logins["clerk"], "clerk", "DC", CLERK_PASSWORD)
            users.add_user(db.engine, logins["off"], "clerk", "DC", CLERK_PASSWORD)
            users.disable_user(db.engine, logins["off"])
        finally:
            db.dispose()
        yield {"url": login.server_address(superuser), **logins}
    finally:
        with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            for role in logins.values():
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_sqlite_opens_without_a_login(tmp_path, qapp, on_a_screen, monkeypatch):
    monkeypatch.setattr(login, "log_in", lambda *a, **k: pytest.fail("asked for a login on SQLite"))
    with closing_the_window_when_shown(qapp) as seen:
        assert application.run_gui(args_for(tmp_path / "roster.sqlite3"), ["rosterapp"]) == EXIT_OK
    assert seen[0].startswith("roster.sqlite3 — ")
    assert seen[1] == ""


def test_the_server_address_keeps_options_and_drops_the_login():
    url = "postgresql+psycopg://hq1:s3cret@db.example:5433/rosterapp?sslmode=require"
    assert login.server_address(url) == "postgresql+psycopg://db.example:5433/rosterapp?sslmode=require"
    assert "s3cret" not in login.shown_url(url)
    full = login.with_login("postgresql://db.example/rosterapp?sslmode=require", "dc1", "p@ss/word")
    parsed = make_url(full)
    assert (parsed.drivername, parsed.username, parsed.password, parsed.query) == (
        "postgresql+psycopg", "dc1", "p@ss/word", {"sslmode": "require"})


def test_an_unreachable_server_is_said_and_cancel_quits(qapp, on_a_screen):
    timer, said = answering_the_login([type_login("someone", "whatever"), cancel])
    try:
        with closing_the_window_when_shown(qapp) as seen:
            code = application.run_gui(args_for("postgresql+psycopg://127.0.0.1:1/rosterapp"), ["rosterapp"])
    finally:
        timer.stop()
    assert code == EXIT_DATABASE and seen == []
    assert "The server cannot be reached" in said[0]


@needs_server
def test_a_right_login_opens_the_window_as_that_user(server, qapp, on_a_screen, log_file):
    timer, said = answering_the_login([type_login(server["hq"], HQ_PASSWORD)])
    try:
        with closing_the_window_when_shown(qapp) as seen:
            assert application.run_gui(args_for(server["url"]), ["rosterapp"]) == EXIT_OK
    finally:
        timer.stop()
    assert said == [""]  # accepted at once
    title, user = seen[:2]
    assert title.startswith(f"{server['hq']} (headquarters) — login_test_")
    assert user == f"User: {server['hq']} (headquarters)"
    stored = Settings()
    assert stored.value(LAST_DATABASE) == server["url"]  # the server, without user and password
    assert stored.value(SERVER_LOGIN) == server["hq"]
    assert HQ_PASSWORD not in settings_text()
    logged = log_file.read_text(encoding="utf-8")
    assert f"logged in as {server['hq']}" in logged and HQ_PASSWORD not in logged


@needs_server
def test_a_wrong_password_is_refused_and_asked_again(server, qapp, on_a_screen, log_file):
    """The second try, right, opens the window as the clerk of 东城支队; no password is kept anywhere."""
    timer, said = answering_the_login([type_login(server["clerk"], WRONG_PASSWORD),
                                       type_login(server["clerk"], CLERK_PASSWORD)])
    try:
        with closing_the_window_when_shown(qapp) as seen:
            assert application.run_gui(args_for(server["url"]), ["rosterapp"]) == EXIT_OK
    finally:
        timer.stop()
    assert said[0].startswith("Wrong user name or password.")
    assert seen[1] == f"User: {server['clerk']} (clerk, 东城支队)"
    for password in (WRONG_PASSWORD, CLERK_PASSWORD):
        assert password not in settings_text()
        assert password not in log_file.read_text(encoding="utf-8")
    assert Settings().value(SERVER_LOGIN) == server["clerk"]


@needs_server
def test_a_disabled_user_is_told_so(server, qapp, on_a_screen, log_file):
    timer, said = answering_the_login([type_login(server["off"], CLERK_PASSWORD), cancel])
    try:
        with closing_the_window_when_shown(qapp) as seen:
            assert application.run_gui(args_for(server["url"]), ["rosterapp"]) == EXIT_DATABASE
    finally:
        timer.stop()
    assert seen == []
    assert said[0].startswith("This user has been disabled")
    assert CLERK_PASSWORD not in log_file.read_text(encoding="utf-8")


@needs_server
def test_without_db_the_window_asks_for_the_server_opened_last(server, qapp, on_a_screen):
    """The remembered server (and user) come back in the dialog; the options of its URL pass through."""
    remembered = server["url"] + "?application_name=rosterapp_login_test"
    Settings().set_value(LAST_DATABASE, remembered)
    Settings().set_value(SERVER_LOGIN, server["hq"])
    shown: list[tuple[str, str]] = []

    def look_then_log_in(dialog: LoginDialog) -> None:
        shown.append((dialog.server(), dialog.user()))
        type_login(dialog.user(), HQ_PASSWORD)(dialog)

    timer, said = answering_the_login([look_then_log_in])
    try:
        with closing_the_window_when_shown(qapp) as seen:
            assert application.run_gui(args_for(None), ["rosterapp"]) == EXIT_OK
    finally:
        timer.stop()
    assert shown == [(remembered, server["hq"])]
    assert seen and Settings().value(LAST_DATABASE) == remembered


@needs_server
def test_a_password_in_the_url_opens_without_asking(server, qapp, on_a_screen, monkeypatch):
    monkeypatch.setattr(LoginDialog, "exec", lambda self: pytest.fail("asked despite the URL's password"))
    url = login.with_login(server["url"], server["hq"], HQ_PASSWORD)
    with closing_the_window_when_shown(qapp) as seen:
        assert application.run_gui(args_for(url), ["rosterapp"]) == EXIT_OK
    assert seen[1] == f"User: {server['hq']} (headquarters)"
    assert HQ_PASSWORD not in settings_text()


@needs_server
def test_a_database_the_server_does_not_have_is_named(server, qapp, on_a_screen):
    def elsewhere(dialog: LoginDialog) -> None:
        dialog.server_edit.setText(server["url"].rsplit("/", 1)[0] + "/login_no_such_db")
        type_login(server["hq"], HQ_PASSWORD)(dialog)

    timer, said = answering_the_login([elsewhere, cancel])
    try:
        with closing_the_window_when_shown(qapp) as seen:
            assert application.run_gui(args_for(server["url"]), ["rosterapp"]) == EXIT_DATABASE
    finally:
        timer.stop()
    assert seen == [] and said[0] == "There is no database login_no_such_db on this server; check the server address."


@needs_server
def test_headless_a_server_opens_with_the_password_of_its_url(server, qapp, monkeypatch):
    """Offscreen nobody could type a password: the URL's (or $PGPASSWORD's) is used, and hidden from then on."""
    monkeypatch.setattr(LoginDialog, "exec", lambda self: pytest.fail("a dialog offscreen"))
    url = login.with_login(server["url"], server["clerk"], CLERK_PASSWORD)
    with closing_the_window_when_shown(qapp) as seen:
        assert application.run_gui(args_for(url), ["rosterapp"]) == EXIT_OK
    assert CLERK_PASSWORD not in seen[0] and seen[1] == f"User: {server['clerk']} (clerk, 东城支队)"
    assert CLERK_PASSWORD not in settings_text()
