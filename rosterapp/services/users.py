"""The users of a shared server (``rosterapp users ...``): add, list, disable, set a password.

Each user is a PostgreSQL login role in one of the groups of rosterapp/services/server.py, with its row in
``app_user``. The writes go through the server's SECURITY DEFINER functions (``rosterapp_add_user`` & co.),
which check the caller themselves: these functions check first only to say clearly why not.

A password never reaches the server, a log or a message as it was typed: the client hashes it (libpq's
``PQencryptPasswordConn``, SCRAM-SHA-256, as psql's ``\\password`` does) and sends the verifier.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from rosterapp.db import DatabaseUnusable
from rosterapp.errors import Conflict, NotFound, PermissionDenied, UsageError
from rosterapp.i18n import tr
from rosterapp.models.users import ROLES
from rosterapp.services.lookup import find_detachment

LOGIN_NAME = re.compile(r"[A-Za-z0-9_.]{1,63}")
SCRAM = b"scram-sha-256"


@dataclass(frozen=True)
class User:
    """One user as ``users list`` shows it."""

    login: str
    role: str
    detachment: str | None  # the code (DC) of a clerk's detachment
    detachment_name: str | None
    disabled: bool
    created_at: dt.datetime | None


@contextmanager
def _connection(target: Engine | Connection | Session) -> Iterator[Connection]:
    """The connection to work on: an engine's own unit of work (committed at the end), or the caller's."""
    if isinstance(target, Engine):
        with target.begin() as conn:
            yield conn
    elif isinstance(target, Session):
        yield target.connection()
    else:
        yield target


def check_login_name(name: str) -> str:
    """``name`` when it can be a login (letters, digits, _ and ., at most 63), else UsageError."""
    if not LOGIN_NAME.fullmatch(name or ""):
        raise UsageError(tr("A user name is 1 to 63 letters (a–z, A–Z), digits, _ or . : {name} is not one.",
                            name=repr(name)[:80]))
    return name


def _verifier(conn: Connection, login: str, password: str) -> str:
    """The password hashed on this side (SCRAM-SHA-256, salted), which is all the server is sent."""
    if not password:
        raise UsageError(tr("The password is empty; nothing was changed."))
    pgconn = conn.connection.dbapi_connection.pgconn
    return pgconn.encrypt_password(password.encode("utf-8"), login.encode("utf-8"), SCRAM).decode("ascii")


def _server_mode(conn: Connection) -> None:
    if conn.dialect.name != "postgresql":
        raise UsageError(tr("Users belong to server mode: --db must name a PostgreSQL server "
                            "(postgresql+psycopg://...). A SQLite file is one desk, without users."))


def current_login(conn: Connection) -> str:
    return conn.execute(text("SELECT session_user")).scalar_one()


def my_role(conn: Connection) -> str | None:
    """What this login may do (server.rosterapp_role): owner, admin, hq, clerk, viewer, or None."""
    _server_mode(conn)
    try:
        with conn.begin_nested():
            return conn.execute(text("SELECT rosterapp_role()")).scalar_one()
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == "42883":  # undefined_function: never initialised
            raise DatabaseUnusable(tr("This database is not prepared for server mode; its owner runs "
                                      "`rosterapp server init URL` first.")) from None
        raise


def _is_admin(role: str | None) -> bool:
    return role in ("owner", "admin")


def _call(conn: Connection, sql: str, **params) -> None:
    """One of the server's user functions; its refusals become the errors a user can act on. The statement's
    parameters (a password's verifier) are kept out of every message."""
    try:
        with conn.begin_nested():
            conn.execute(text(sql), params)
    except DBAPIError as exc:
        exc.hide_parameters = True
        exc.params = None
        state = getattr(exc.orig, "sqlstate", None)
        login = params.get("login", "")
        if state == "42501":
            raise PermissionDenied(tr("Permission denied: only an administrator manages the users of this "
                                      "server.")) from None
        if state == "42710":
            raise Conflict(tr("There is already a login named {name} on this server; choose another name.",
                              name=login)) from None
        if state == "42704":
            raise NotFound(tr("There is no user {name} in this database.", name=login)) from None
        raise


def add_user(target: Engine | Connection | Session, name: str, role: str, detachment: str | None,
             password: str) -> User:
    """A new user: a login role in ``rosterapp_<role>`` and its app_user row. A clerk needs a detachment (code
    DC, full or short name); the others have none. Only an admin (or the database's owner) adds users."""
    check_login_name(name)
    if role not in ROLES:
        raise UsageError(tr("Unknown role: {role} (admin, hq, clerk or viewer).", role=role))
    if role == "clerk" and not detachment:
        raise UsageError(tr("A clerk writes the rows of one detachment: name it with --detachment "
                            "(DC, 东城支队 or 东城)."))
    if role != "clerk" and detachment:
        raise UsageError(tr("Only a clerk has a detachment; a user of role {role} is added without "
                            "--detachment.", role=role))
    with _connection(target) as conn:
        if not _is_admin(my_role(conn)):
            raise PermissionDenied(tr("Permission denied: only an administrator adds users."))
        detachment_id = find_detachment(conn, detachment).id if detachment else None
        exists = conn.execute(text(
            "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :n) "
            "OR EXISTS (SELECT 1 FROM app_user WHERE login = :n)"), {"n": name}).scalar_one()
        if exists:
            raise Conflict(tr("There is already a login named {name} on this server; choose another name.",
                              name=name))
        _call(conn, "SELECT rosterapp_add_user(:login, :role, :detachment, :verifier)", login=name, role=role,
              detachment=detachment_id, verifier=_verifier(conn, name, password))
        return _user(conn, name)


def list_users(target: Engine | Connection | Session) -> list[User]:
    """Every user of this database, by login."""
    with _connection(target) as conn:
        _server_mode(conn)
        rows = conn.execute(text(
            "SELECT u.login, u.role, d.code, d.name, u.disabled, u.created_at FROM app_user u "
            "LEFT JOIN detachment d ON d.id = u.detachment_id ORDER BY u.login")).all()
    return [User(*row) for row in rows]


def _user(conn: Connection, name: str) -> User:
    row = conn.execute(text(
        "SELECT u.login, u.role, d.code, d.name, u.disabled, u.created_at FROM app_user u "
        "LEFT JOIN detachment d ON d.id = u.detachment_id WHERE u.login = :n"), {"n": name}).first()
    if row is None:
        raise NotFound(tr("There is no user {name} in this database.", name=name))
    return User(*row)


def disable_user(target: Engine | Connection | Session, name: str) -> User:
    """The user may no longer log in (NOLOGIN), and writes nothing should a session of theirs still be open
    (the policies read ``disabled``). Only an admin disables users; nobody disables their own login."""
    check_login_name(name)
    with _connection(target) as conn:
        if not _is_admin(my_role(conn)):
            raise PermissionDenied(tr("Permission denied: only an administrator disables users."))
        _user(conn, name)
        if name == current_login(conn):
            raise UsageError(tr("You cannot disable your own login; another administrator can."))
        _call(conn, "SELECT rosterapp_disable_user(:login)", login=name)
        return _user(conn, name)


def set_password(target: Engine | Connection | Session, name: str, password: str) -> None:
    """A user changes their own password; an admin anyone's of this database."""
    check_login_name(name)
    with _connection(target) as conn:
        role = my_role(conn)
        if name != current_login(conn) and not _is_admin(role):
            raise PermissionDenied(tr("Permission denied: you may change your own password only; an "
                                      "administrator changes another user's."))
        _user(conn, name)
        _call(conn, "SELECT rosterapp_set_password(:login, :verifier)", login=name,
              verifier=_verifier(conn, name, password))
