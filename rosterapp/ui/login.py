"""The login of server mode: before the window opens on a PostgreSQL server, the clerk gives a user and password.

The server (the URL without user and password: host, port, database, options such as ``?sslmode=require``)
and the user name are remembered in the settings; the password never is. It goes into the engine's URL, in
memory only (the listener of other clerks' edits connects with ``db.engine.url`` and gets it there), and every
URL the window shows, logs or keeps afterwards has it hidden (``shown_url``). A wrong password, a disabled user
or an unreachable server is said in the dialog, which asks again; Cancel quits. SQLite has no login: one desk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from rosterapp.db import Database, DatabasePermissionDenied, DatabaseUnusable
from rosterapp.errors import UserError

log = logging.getLogger("rosterapp.ui.login")


def is_server(url: str) -> bool:
    """Whether ``url`` names a PostgreSQL server (the window then asks for a login)."""
    return url.startswith(("postgresql", "postgres:"))


def server_address(url: str | URL) -> str:
    """The server of ``url`` without user and password: what the dialog shows and the settings keep."""
    return without_login(url).render_as_string(hide_password=False)


def without_login(url: str | URL) -> URL:
    """``url`` without user and password (URL.set cannot unset them)."""
    parsed = make_url(url) if isinstance(url, str) else url
    return URL.create(parsed.drivername, host=parsed.host, port=parsed.port, database=parsed.database,
                      query=parsed.query)


def shown_url(url: str | URL) -> str:
    """``url`` as it may be shown or logged: the password as ***."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except ArgumentError:
        return "***"
    return parsed.render_as_string(hide_password=True)


def with_login(server: str, user: str, password: str) -> str:
    """The URL to connect with: ``server`` with this user and (when given) password. An empty password
    leaves it to libpq: $PGPASSWORD or ~/.pgpass."""
    parsed = without_login(server)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if user:
        parsed = parsed.set(username=user)
    if password:
        parsed = parsed.set(password=password)
    return parsed.render_as_string(hide_password=False)


@dataclass(frozen=True)
class SignedIn:
    """Who the window works as on the server: the login, what it may do (rosterapp_role(): owner, admin, hq,
    clerk, viewer; None when it is no user of this database, so it only reads) and a clerk's detachment."""

    login: str
    role: str | None
    detachment: str | None = None
    disabled: bool = False


def signed_in(db: Database) -> SignedIn:
    """Who ``db`` works as: the login the database resolved when it opened (rosterapp/access.py), with the
    name of a clerk's detachment and whether the user is disabled (app_user, rosterapp/models/users.py)."""
    with db.read() as session:
        login, disabled, detachment = session.execute(text(
            "SELECT session_user, u.disabled, d.name FROM (SELECT 1) AS one "
            "LEFT JOIN app_user u ON u.login = session_user "
            "LEFT JOIN detachment d ON d.id = u.detachment_id")).one()
    # No Login: a database never prepared with `server init` has no roles, it is its owner's own.
    role = db.login.role if db.login is not None else "owner"
    return SignedIn(login=login, role=role, detachment=detachment, disabled=bool(disabled))


def role_text(who: SignedIn) -> str:
    """What the login may do, in the clerk's words: 'clerk, 东城支队', 'headquarters', ..."""
    translate = QCoreApplication.translate
    if who.role == "clerk":
        return translate("login", "clerk, {detachment}").format(detachment=who.detachment or "?")
    names = {"owner": translate("login", "owner of the database"),
             "admin": translate("login", "administrator"),
             "hq": translate("login", "headquarters"),
             "viewer": translate("login", "viewer: reads only")}
    return names.get(who.role or "", translate("login", "reads only: not a user of this database"))


def signed_in_text(who: SignedIn) -> str:
    """'hq1 (headquarters)': the user and role, for the title and the status bar."""
    return QCoreApplication.translate("login", "{login} ({role})").format(login=who.login, role=role_text(who))


# What libpq says when no server answers at that address.
UNREACHABLE = ("Connection refused", "timeout expired", "could not translate host name", "No route to host",
               "Network is unreachable", "Name or service not known")


def disabled_text() -> str:
    return QCoreApplication.translate("login", "This user has been disabled and may no longer log in; ask an "
                                               "administrator.")


class LoginRefused(Exception):
    """The server said no to this login; the message is for the clerk."""


def _server_says(exc: BaseException) -> str:
    """The first line of the driver's own error behind ``exc`` (psycopg's OperationalError), else ``exc``'s."""
    seen: BaseException | None = exc
    while seen is not None:
        orig = getattr(seen, "orig", None)
        if orig is not None:
            return str(orig)
        seen = seen.__cause__ or seen.__context__
    return str(exc)


def refusal(exc: BaseException, server: str, password: str) -> str:
    """What the dialog says when the login failed with ``exc`` (the password, should a message hold it, hidden)."""
    if isinstance(exc, LoginRefused):
        return str(exc)
    said = _server_says(exc)
    if password:
        said = said.replace(password, "***")
    detail = said.splitlines()[0] if said else type(exc).__name__
    # libpq's connection errors carry no SQLSTATE: they are told apart by the server's words.
    translate = QCoreApplication.translate
    name = make_url(server).database or ""
    if "password authentication failed" in said or "no password supplied" in said:
        return translate("login", "Wrong user name or password. Type them again (the password is case-sensitive).")
    if "is not permitted to log in" in said:
        return disabled_text()
    if "does not exist" in said and "database" in said:
        return translate("login", "There is no database {name} on this server; check the server address.").format(
            name=name)
    if "permission denied for database" in said:
        return translate("login", "This user may not use the database {name}; ask an administrator.").format(
            name=name)
    if any(words in said for words in UNREACHABLE):
        return translate("login", "The server cannot be reached ({detail}). Check the server address and the "
                                  "network, or ask whoever runs the server whether it is up.").format(detail=detail)
    if isinstance(exc, UserError):
        return exc.message.replace(password, "***") if password else exc.message
    if isinstance(exc, DatabaseUnusable | DatabasePermissionDenied | DBAPIError):
        return translate("login", "The server refused the connection: {detail}").format(detail=detail)
    raise exc  # not about the login: a bug, for the crash report


class LoginDialog(QDialog):
    """Server, user, password; Log in tries ``attempt(url)`` and stays open, saying why, while it fails.

    ``attempt`` takes the URL with the login and returns what the window opens (a Database), or raises.
    """

    def __init__(self, server: str, user: str, attempt: Callable[[str], object], parent: QWidget | None = None,
                 message: str = ""):
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self._attempt = attempt
        self.opened: object | None = None
        self.setWindowTitle(self.tr("Log in to the server — Duty Roster Planner"))
        intro = QLabel(self.tr("This database is on a server shared by several clerks. Log in with your user name "
                               "and password."), self)
        intro.setWordWrap(True)
        self.server_edit = QLineEdit(server, self)
        self.server_edit.setObjectName("serverEdit")
        self.server_edit.setMinimumWidth(420)
        self.server_edit.setToolTip(self.tr("postgresql+psycopg://host:port/database, with options such as "
                                            "?sslmode=require"))
        self.user_edit = QLineEdit(user, self)
        self.user_edit.setObjectName("userEdit")
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("loginMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #b3261e; font-weight: bold")
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("&Server:"), self.server_edit)
        form.addRow(self.tr("&User:"), self.user_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Log in"))
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        self.show_message(message)
        (self.password_edit if user else self.user_edit).setFocus()

    def show_message(self, message: str) -> None:
        self.message_label.setText(message)
        self.message_label.setVisible(bool(message))

    def server(self) -> str:
        return self.server_edit.text().strip()

    def user(self) -> str:
        return self.user_edit.text().strip()

    def try_login(self) -> None:
        """Connect with what was typed; accept on success, else say why and ask again (the password cleared)."""
        server, user, password = self.server(), self.user(), self.password_edit.text()
        if not user:
            self.show_message(self.tr("Type your user name."))
            self.user_edit.setFocus()
            return
        try:
            url = with_login(server, user, password)
        except ArgumentError:
            self.show_message(self.tr("This is not a server address: {server}. It looks like "
                                      "postgresql+psycopg://host:port/database.").format(server=server))
            self.server_edit.setFocus()
            return
        if not is_server(url):
            self.show_message(self.tr("Only a PostgreSQL server needs a login: postgresql+psycopg://host:port/"
                                      "database."))
            self.server_edit.setFocus()
            return
        self.show_message(self.tr("Connecting to the server…"))
        self.buttons.setEnabled(False)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        QApplication.processEvents()
        try:
            self.opened = self._attempt(url)
        except Exception as exc:  # noqa: BLE001 (refusal() sends what is not about the login on)
            message = refusal(exc, server, password)
            log.info("login of %s on %s refused: %s", user, server, message)
            self.show_message(message)
            self.password_edit.clear()
            self.password_edit.setFocus()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
            self.buttons.setEnabled(True)
        self.password_edit.clear()
        log.info("logged in as %s on %s", user, server)
        self.accept()


def open_server(url: str, open_url: Callable[[str], Database]) -> tuple[Database, SignedIn]:
    """Open the server at ``url`` (with its login) and say who is signed in; a disabled user is refused."""
    db = open_url(url)
    try:
        who = signed_in(db)
    except BaseException:
        db.dispose()
        raise
    if who.disabled:
        db.dispose()
        raise LoginRefused(disabled_text())
    db.url = shown_url(db.url)  # what the window shows and logs; the engine keeps the real one
    return db, who


def log_in(url: str, user: str, open_url: Callable[[str], Database],
           dialog_hook: Callable[[LoginDialog], None] | None = None) -> tuple[Database, SignedIn] | None:
    """Ask for a login to the server of ``url`` until one works (the opened database and who), or None on
    Cancel. A password in ``url`` itself is tried first, without asking. ``dialog_hook`` sees the dialog
    before it runs (tests)."""
    parsed = make_url(url)
    server = server_address(parsed)
    user = parsed.username or user
    message = ""
    if parsed.password:
        try:
            return open_server(url, open_url)
        except Exception as exc:  # noqa: BLE001
            message = refusal(exc, server, str(parsed.password))
            log.info("login of %s on %s refused: %s", user, server, message)
    dialog = LoginDialog(server, user, lambda attempt: open_server(attempt, open_url), message=message)
    if dialog_hook is not None:
        dialog_hook(dialog)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.opened is None:
        log.info("login to %s cancelled", server)
        return None
    return dialog.opened
