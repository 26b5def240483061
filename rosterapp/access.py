"""What the login of a shared server may write, checked before each statement runs: the services' guard.

On a server (PostgreSQL prepared by ``server init``) every login has a role: hq and admin write
everything, a clerk writes only their own detachment's rows (rosterapp/models/ownership.py says who
owns a row), a viewer reads. The database enforces the same with its row-level security policies; this
guard, which every service's unit of work passes (rosterapp.db installs it on the engine of a login that
does not write everything), says it first and clearly: a refused write raises ``PermissionDenied`` ("无权修改其他支队的数据",
exit 5 on the command line) before the statement runs, and the unit of work is rolled back.

The guard listens to the engine's ``before_execute`` / ``after_execute``, so every statement the program
writes with (the ORM's flush, Core statements, a service's ``session.connection()``) passes it; written SQL
that writes (``text("UPDATE ...")``) is refused outright, and driver-level SQL (``exec_driver_sql``) is left
to the server's policies. Rows an UPDATE or
DELETE would touch are read first with the statement's own WHERE; an INSERT's rows, and an UPDATE that
moves rows (a new station, post or person), are checked by the owners of their values. SQLite is one
desk, without logins: no guard.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Engine, TextClause, event, literal_column, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import operators, visitors
from sqlalchemy.sql.dml import Delete, Insert, Update
from sqlalchemy.sql.elements import BinaryExpression, BindParameter

from rosterapp.errors import PermissionDenied
from rosterapp.i18n import tr
from rosterapp.models.ownership import OWNER, owner_sql

WRITES_EVERYTHING = ("owner", "admin", "hq")
# Tables the program writes as a side effect of any edit, whoever edits (none yet but the log's triggers).
UNGUARDED: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Login:
    """Who is connected to a server: the login name, its role (owner, admin, hq, clerk, viewer; None for
    a disabled or unknown login, which reads only) and, for a clerk, the detachment id."""

    name: str
    role: str | None
    detachment_id: int | None = None

    @property
    def writes_everything(self) -> bool:
        return self.role in WRITES_EVERYTHING

    def may_write(self, detachment_id: int | None) -> bool:
        return self.writes_everything or (self.role == "clerk" and detachment_id is not None
                                          and detachment_id == self.detachment_id)


def resolve(conn: Connection) -> Login | None:
    """The Login of this connection on a server prepared for server mode; None elsewhere (SQLite, or a
    PostgreSQL database without ``server init``: one owner, as on one desk)."""
    if conn.dialect.name != "postgresql":
        return None
    try:
        with conn.begin_nested():
            row = conn.execute(text("SELECT session_user, rosterapp_role(), rosterapp_own_detachment()")).one()
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == "42883":  # undefined_function: no server init
            return None
        raise
    return Login(name=row[0], role=row[1], detachment_id=row[2])


def refusal(login: Login | None, table: str | None = None) -> PermissionDenied:
    """The message a refused write gives, in the clerk's words (``table`` when the guard knows it)."""
    if login is not None and login.role == "clerk" and table is not None and table not in OWNER:
        return PermissionDenied(tr("Only headquarters may change this ({table}).", table=table))
    if login is not None and login.role != "clerk" and not login.writes_everything:
        return PermissionDenied(tr("The login {login} may only read; nothing was changed.", login=login.name))
    return PermissionDenied(tr("You may not change another detachment's data."))


_COLUMN = re.compile(r"\{t\}\.(\w+)")
_WRITES_SQL = re.compile(r"\s*(insert|update|delete|truncate|merge|copy)\b", re.IGNORECASE)
_MOVED = "rosterapp_moved"  # connection info: the ids an UPDATE may move, read again once it ran


def _owner_columns(table: str) -> list[str]:
    return sorted(set(_COLUMN.findall(OWNER[table])))


class Guard:
    """Refuses, before it runs, any statement that would write a row the login may not write."""

    def __init__(self, login: Login):
        self.login = login

    def install(self, engine: Engine) -> None:
        event.listen(engine, "before_execute", self.before, retval=False)
        event.listen(engine, "after_execute", self.after)

    # -- the events ---------------------------------------------------------------------------------
    def before(self, conn: Connection, statement, multiparams, params, execution_options) -> None:
        if conn.info.get("rosterapp_guarding"):
            return
        if isinstance(statement, TextClause) and _WRITES_SQL.match(statement.text):
            raise refusal(self.login, "SQL")  # written SQL names no rows the guard could read: never a clerk's
        if not isinstance(statement, Insert | Update | Delete):
            return
        conn.info.pop(_MOVED, None)  # left by a statement that failed after its check
        table = statement.table.name
        if table in UNGUARDED:
            return
        if self.login.role != "clerk" or table not in OWNER:
            raise refusal(self.login, table)
        rows = _parameter_sets(multiparams, params)
        conn.info["rosterapp_guarding"] = True
        try:
            if isinstance(statement, Insert):
                self._check_values(conn, table, _insert_rows(statement, rows))
            else:
                self._check_existing(conn, table, statement, rows)
        finally:
            conn.info["rosterapp_guarding"] = False

    def after(self, conn: Connection, statement, multiparams, params, execution_options, result) -> None:
        """An UPDATE that set an owner column (a person moved to another station, a duty to another post)
        must leave the rows owned too: their owners are read again once it ran."""
        ids = conn.info.pop(_MOVED, None)
        if not ids or not isinstance(statement, Update):
            return
        conn.info["rosterapp_guarding"] = True
        try:
            self._check_ids(conn, statement.table, ids)
        finally:
            conn.info["rosterapp_guarding"] = False

    # -- the checks ---------------------------------------------------------------------------------
    def _check_values(self, conn: Connection, table: str, rows: list[dict]) -> None:
        """The owners of rows given by their column values (an INSERT)."""
        columns = _owner_columns(table)
        combos = {tuple(row.get(c) for c in columns) for row in rows}
        if not combos:
            return
        binds: dict[str, object] = {}
        selects = []
        for i, combo in enumerate(combos):
            parts = []
            for c, value in zip(columns, combo, strict=True):
                binds[f"v{i}_{c}"] = value
                parts.append(f"CAST(:v{i}_{c} AS INTEGER) AS {c}")
            selects.append("SELECT " + ", ".join(parts))
        sql = (f"SELECT DISTINCT {owner_sql(table, 'r')} FROM ({' UNION ALL '.join(selects)}) AS r")
        self._refuse_unless_owned(conn.execute(text(sql), binds).scalars(), table)

    def _check_existing(self, conn: Connection, table: str, statement, rows: list[dict]) -> None:
        """The owners of the rows an UPDATE or DELETE would touch, read with its own WHERE (and, for an
        executemany, each parameter set's values)."""
        where = statement.whereclause
        where_keys = {b.key for b in visitors.iterate(where) if isinstance(b, BindParameter)} if where is not None \
            else set()
        key = statement.table.c.get("id")  # None for the tables that link two others (qualifications)
        query = select(key if key is not None else literal_column("NULL"),
                       literal_column(owner_sql(table))).select_from(statement.table)
        touched: set[int] = set()
        by_id = _id_bind(statement.table, where) if key is not None else None
        if by_id is not None and len(rows) > 1:
            # An executemany by id (a bulk update of many rows): their owners in a few reads, not one each.
            ids = sorted({row[by_id] for row in rows})
            for start in range(0, len(ids), 1000):
                found = conn.execute(query.where(statement.table.c.id.in_(ids[start:start + 1000]))).all()
                self._refuse_unless_owned((owner for _id, owner in found), table)
                touched.update(row_id for row_id, _owner in found)
            rows_to_read: list[dict] = []
        else:
            rows_to_read = rows or [{}]
        if where is not None:
            query = query.where(where)
        for row in rows_to_read:
            found = conn.execute(query, {k: v for k, v in row.items() if k in where_keys}).all()
            self._refuse_unless_owned((owner for _id, owner in found), table)
            touched.update(row_id for row_id, _owner in found)
        touched.discard(None)
        if isinstance(statement, Update) and touched:
            written = {getattr(c, "key", c) for c in (statement._values or {})}
            for row in rows:
                written.update(set(row) - where_keys)
            if written & set(_owner_columns(table)):
                conn.info[_MOVED] = touched

    def _check_ids(self, conn: Connection, table, ids: set[int]) -> None:
        found = conn.execute(select(literal_column(owner_sql(table.name))).select_from(table)
                             .where(table.c.id.in_(sorted(ids)))).scalars()
        self._refuse_unless_owned(found, table.name)

    def _refuse_unless_owned(self, owners, table: str) -> None:
        for owner in owners:
            if not self.login.may_write(owner):
                raise refusal(self.login, table)


def _id_bind(table, where) -> str | None:
    """The parameter's name when ``where`` is just ``id = :name`` (an executemany by id), else None."""
    if isinstance(where, BinaryExpression) and where.operator is operators.eq:
        left, right = where.left, where.right
        if left is table.c.id and isinstance(right, BindParameter):
            return right.key
    return None


def _parameter_sets(multiparams, params) -> list[dict]:
    if multiparams:
        first = multiparams[0]
        if isinstance(first, list | tuple):
            return [dict(p) for p in first]
        return [dict(p) for p in multiparams]
    return [dict(params)] if params else []


def _insert_rows(statement: Insert, rows: list[dict]) -> list[dict]:
    """An INSERT's rows: its parameter sets, or the values written into the statement itself."""
    if statement.select is not None:  # its rows are known only once it ran: no clerk's statement
        raise PermissionDenied(tr("You may not change another detachment's data."))
    written = [statement._values or {}] if not statement._multi_values else [
        dict(zip(statement.table.c.keys(), v, strict=False)) if isinstance(v, tuple | list) else v
        for values in statement._multi_values for v in values]
    built = [{getattr(c, "key", c): getattr(v, "value", v) for c, v in w.items()} for w in written if w]
    if not rows:
        return built
    return [{**(built[0] if built else {}), **row} for row in rows]


