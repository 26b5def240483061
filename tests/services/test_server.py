"""Server mode enforced by the database itself: a clerk's own login, connected with plain psycopg as from
psql, cannot change another detachment's rows in any table; hq writes everywhere, a viewer nowhere; only an
admin manages users (services/server.py, services/users.py).

Runs against the PostgreSQL server of ``ROSTERAPP_TEST_DB_URL`` (a superuser URL); skipped without it.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

import psycopg
import pytest
from psycopg import sql
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from sqlalchemy import create_engine, make_url, select

from rosterapp.db import open_database
from rosterapp.errors import Conflict, NotFound, PermissionDenied, UsageError
from rosterapp.models import Detachment, Person, Post
from rosterapp.models.ownership import HQ_ONLY, OWNER, owner_sql
from rosterapp.services import audit, demo, subplans, users
from rosterapp.services.server import GROUPS, init_server

SERVER_URL = os.environ.get("ROSTERAPP_TEST_DB_URL", "")
pytestmark = pytest.mark.skipif(not SERVER_URL.startswith("postgresql"),
                                reason="needs ROSTERAPP_TEST_DB_URL (a PostgreSQL superuser URL)")

DENIED = "42501"  # insufficient_privilege: no grant, or "new row violates row-level security policy"


@dataclass
class Server:
    """A database of its own on the test server, with the small demo, server mode and a few users."""

    url: str  # the superuser's URL of this database
    logins: dict[str, str] = field(default_factory=dict)  # kind (clerk, hq, ...) -> login
    passwords: dict[str, str] = field(default_factory=dict)  # login -> password
    made: list[str] = field(default_factory=list)  # the logins and databases to drop afterwards
    databases: list[str] = field(default_factory=list)

    def sa_url(self, login: str | None = None, database: str | None = None) -> str:
        url = make_url(self.url)
        if login is not None:
            url = url.set(username=login, password=self.passwords[login])
        if database is not None:
            url = url.set(database=database)
        return url.render_as_string(hide_password=False)

    def connect(self, login: str | None = None, *, autocommit: bool = True, database: str | None = None):
        """A plain psycopg connection, as psql would make it."""
        url = make_url(self.sa_url(login, database))
        return psycopg.connect(host=url.host, port=url.port, dbname=url.database, user=url.username,
                               password=url.password, autocommit=autocommit, row_factory=dict_row)

    def add(self, kind: str, role: str, detachment: str | None = None) -> str:
        login = f"users_{uuid.uuid4().hex[:8]}_{kind}"
        password = f"pw-{uuid.uuid4().hex}"
        engine = create_engine(self.url)
        try:
            users.add_user(engine, login, role, detachment, password)
        finally:
            engine.dispose()
        self.logins[kind], self.passwords[login] = login, password
        self.made.append(login)
        return login


def new_database(prefix: str = "users_test") -> str:
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(make_url(SERVER_URL).set(drivername="postgresql").render_as_string(hide_password=False),
                         autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return name


def drop(databases: list[str], logins: list[str]) -> None:
    with psycopg.connect(make_url(SERVER_URL).set(drivername="postgresql").render_as_string(hide_password=False),
                         autocommit=True) as conn:
        for name in databases:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        for login in logins:
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(login)))


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    name = new_database()
    url = make_url(SERVER_URL).set(database=name).render_as_string(hide_password=False)
    made = Server(url=url, databases=[name])
    try:
        init_server(url)
        db = open_database(url)
        demo.generate(db, scale="small", seed=1, start=dt.date(2026, 3, 1))
        with db.begin() as session:  # a sub-plan and its version, of another detachment than the clerk's
            operation = session.scalar(select(Post.operation_id).limit(1))
            xc = session.scalar(select(Detachment.id).where(Detachment.code == "XC"))
            subplans.act(session, "submit", operation, xc)
        db.dispose()
        made.add("clerk", "clerk", "DC")
        made.add("clerk2", "clerk", "西城")  # by short name
        made.add("hq", "hq")
        made.add("viewer", "viewer")
        made.add("admin", "admin")
        yield made
    finally:
        drop(made.databases, made.made)


def detachment_id(conn, code: str) -> int:
    return conn.execute("SELECT id FROM detachment WHERE code = %s", (code,)).fetchone()["id"]


def tables(conn) -> list[str]:
    return [r["tablename"] for r in conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")]


def key_of(conn, table: str) -> list[str]:
    cols = [r["column_name"] for r in conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name = %s ORDER BY ordinal_position", (table,))]
    return ["id"] if "id" in cols else cols


def fingerprint(conn, table: str) -> str:
    query = sql.SQL("SELECT count(*) AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h "
                    "FROM {} t").format(sql.Identifier(table))
    row = conn.execute(query).fetchone()
    return f"{row['n']}:{row['h']}"


def a_row(conn, table: str, not_of: int | None = None, of: int | None = None) -> dict | None:
    """A row of ``table``: for an owned table one owned by another detachment than ``not_of`` (or by ``of``)."""
    where = sql.SQL("true")
    if table in OWNER and not_of is not None:
        where = sql.SQL(f"({owner_sql(table, 't')}) <> {int(not_of)}")
    elif table in OWNER and of is not None:
        where = sql.SQL(f"({owner_sql(table, 't')}) = {int(of)}")
    query = sql.SQL("SELECT t.* FROM {} t WHERE {} ORDER BY 1 LIMIT 1").format(sql.Identifier(table), where)
    return conn.execute(query).fetchone()


def attempt(conn, query, params=()) -> int | str:
    """The rows a statement changed, or the SQLSTATE it was refused with."""
    try:
        return conn.execute(query, params).rowcount
    except psycopg.Error as exc:
        return exc.sqlstate


def writes(conn, table: str, row: dict, keys: list[str]) -> dict[str, int | str]:
    """An UPDATE, a DELETE and an INSERT (a copy) of ``row``, each on its own (autocommit)."""
    row = {c: Jsonb(v) if isinstance(v, dict | list) else v for c, v in row.items()}  # the change log's jsonb
    keys = [k for k in keys if not isinstance(row[k], Jsonb)]  # jsonb has no equality operator
    where = sql.SQL(" AND ").join(sql.SQL("{} = %s").format(sql.Identifier(k)) for k in keys)
    key_values = [row[k] for k in keys]
    column = next((c for c in ("version", "name") if c in row), next(iter(row)))  # SET c = c: any row it reaches
    update = sql.SQL("UPDATE {} SET {} = {} WHERE {}").format(
        sql.Identifier(table), sql.Identifier(column), sql.Identifier(column), where)
    delete = sql.SQL("DELETE FROM {} WHERE {}").format(sql.Identifier(table), where)
    copied = {c: v for c, v in row.items() if c != "id"}
    insert = sql.SQL("INSERT INTO {} ({}) VALUES ({})").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, copied)),
        sql.SQL(", ").join(sql.Placeholder() * len(copied)))
    return {"update": attempt(conn, update, key_values), "delete": attempt(conn, delete, key_values),
            "insert": attempt(conn, insert, list(copied.values()))}


def assert_writes_nothing(server: Server, login: str, not_of: int | None) -> dict[str, dict]:
    """``login`` tries to change a row (of another detachment than ``not_of``) of every table of the schema;
    every attempt is refused or changes no row, and every table is as it was."""
    with server.connect() as admin, server.connect(login) as conn:
        every = tables(admin)
        assert set(OWNER) | set(HQ_ONLY) | {"app_user", "alembic_version"} <= set(every)
        before = {t: fingerprint(admin, t) for t in every}
        outcome = {}
        for table in every:
            row = a_row(admin, table, not_of=not_of)
            assert row is not None, f"the demo has no row of {table} to try"
            outcome[table] = writes(conn, table, row, key_of(admin, table))
        after = {t: fingerprint(admin, t) for t in every}
    assert after == before
    for table, result in outcome.items():
        assert result["insert"] == DENIED, (table, result)
        assert result["update"] in (0, DENIED), (table, result)
        assert result["delete"] in (0, DENIED), (table, result)
    return outcome


def test_every_owned_table_is_under_row_level_security(server):
    with server.connect() as conn:
        secured = {r["relname"] for r in conn.execute(
            "SELECT relname FROM pg_class WHERE relkind = 'r' AND relrowsecurity "
            "AND relnamespace = current_schema()::regnamespace")}
        roles = {r["rolname"]: r["rolcanlogin"] for r in conn.execute(
            "SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname LIKE 'rosterapp\\_%'")}
    assert secured == set(OWNER)
    assert roles == {group: False for group in GROUPS.values()}


def test_a_clerk_changes_no_row_of_another_detachment_in_any_table(server):
    with server.connect() as admin:
        dc = detachment_id(admin, "DC")
    outcome = assert_writes_nothing(server, server.logins["clerk"], not_of=dc)
    # The owned tables are refused by the policies (0 rows), the rest by the grants.
    for table in OWNER:
        assert outcome[table]["update"] == 0 and outcome[table]["delete"] == 0, table


def test_a_viewer_writes_nothing(server):
    outcome = assert_writes_nothing(server, server.logins["viewer"], not_of=None)
    assert all(set(r.values()) == {DENIED} for r in outcome.values()), outcome


def test_a_clerk_writes_their_own_detachments_rows(server):
    with server.connect() as admin:
        dc = detachment_id(admin, "DC")
        person = a_row(admin, "person", of=dc)
        duty = admin.execute(
            "SELECT d.* FROM duty d JOIN station s ON s.id = d.station_id WHERE s.detachment_id = %s LIMIT 1",
            (dc,)).fetchone()
        post = a_row(admin, "post", of=dc)
    with server.connect(server.logins["clerk"], autocommit=False) as conn:
        assert conn.execute("UPDATE person SET phone = '13800000000' WHERE id = %s",
                            (person["id"],)).rowcount == 1
        new = conn.execute(
            'INSERT INTO duty (person_id, start, "end", shift_type_id, station_id) VALUES (%s, %s, %s, %s, %s) '
            "RETURNING id", (duty["person_id"], duty["start"] + dt.timedelta(days=400),
                             duty["end"] + dt.timedelta(days=400), duty["shift_type_id"],
                             duty["station_id"])).fetchone()
        assert new["id"] > 0
        assert conn.execute("UPDATE post SET name = name WHERE id = %s", (post["id"],)).rowcount == 1
        assert conn.execute("DELETE FROM duty WHERE id = %s", (new["id"],)).rowcount == 1
        conn.rollback()


def test_a_clerk_cannot_move_a_row_into_another_detachment(server):
    with server.connect() as admin:
        dc, xc = detachment_id(admin, "DC"), detachment_id(admin, "XC")
        person = a_row(admin, "person", of=dc)
        station = a_row(admin, "station", of=dc)
        other_station = a_row(admin, "station", of=xc)
        other_person = a_row(admin, "person", of=xc)
        absence = a_row(admin, "absence", of=dc)
        post = a_row(admin, "post", of=dc)
        before = {t: fingerprint(admin, t) for t in ("person", "station", "absence", "post")}
    with server.connect(server.logins["clerk"]) as conn:
        assert attempt(conn, "UPDATE person SET station_id = %s WHERE id = %s",
                       (other_station["id"], person["id"])) == DENIED
        assert attempt(conn, "UPDATE station SET detachment_id = %s WHERE id = %s", (xc, station["id"])) == DENIED
        assert attempt(conn, "UPDATE absence SET person_id = %s WHERE id = %s",
                       (other_person["id"], absence["id"])) == DENIED
        assert attempt(conn, "UPDATE post SET detachment_id = %s WHERE id = %s", (xc, post["id"])) == DENIED
        # Nor through another role: the checks follow the login (session_user), not SET ROLE.
        assert attempt(conn, "SET ROLE rosterapp_hq") == DENIED
        conn.execute("SET ROLE rosterapp_clerk")
        assert attempt(conn, "UPDATE person SET station_id = %s WHERE id = %s",
                       (other_station["id"], person["id"])) == DENIED
        assert attempt(conn, "UPDATE person SET name = name WHERE id = %s", (other_person["id"],)) == 0
    with server.connect() as admin:
        assert {t: fingerprint(admin, t) for t in before} == before


def test_hq_writes_every_detachments_rows(server):
    with server.connect() as admin:
        detachments = [r["id"] for r in admin.execute("SELECT id FROM detachment ORDER BY id")]
        people = [a_row(admin, "person", of=d)["id"] for d in detachments]
        operation = a_row(admin, "operation")["id"]
    with server.connect(server.logins["hq"], autocommit=False) as conn:
        for pid in people:
            assert conn.execute("UPDATE person SET name = name WHERE id = %s", (pid,)).rowcount == 1
        assert conn.execute("UPDATE operation SET name = name WHERE id = %s", (operation,)).rowcount == 1
        assert attempt(conn, "UPDATE app_user SET role = 'admin'") == DENIED
        conn.rollback()


def test_a_clerk_cannot_write_app_user_nor_manage_users(server):
    clerk, viewer = server.logins["clerk"], server.logins["viewer"]
    with server.connect() as admin:
        before = fingerprint(admin, "app_user")
    with server.connect(clerk) as conn:
        assert attempt(conn, "UPDATE app_user SET role = 'hq' WHERE login = %s", (clerk,)) == DENIED
        assert attempt(conn, "INSERT INTO app_user (login, role) VALUES ('users_forged', 'admin')") == DENIED
        assert attempt(conn, "SELECT rosterapp_add_user('users_forged', 'hq', NULL, 'x')") == DENIED
        assert attempt(conn, "SELECT rosterapp_disable_user(%s)", (viewer,)) == DENIED
        assert attempt(conn, "SELECT rosterapp_set_password(%s, 'stolen')", (viewer,)) == DENIED
        assert attempt(conn, sql.SQL("ALTER ROLE {} PASSWORD 'stolen'").format(sql.Identifier(viewer))) == DENIED
        # The program reads its own row to learn its role.
        assert conn.execute("SELECT role FROM app_user WHERE login = session_user").fetchone()["role"] == "clerk"
        assert conn.execute("SELECT rosterapp_role() AS r").fetchone()["r"] == "clerk"
    engine = create_engine(server.sa_url(clerk))
    try:
        with pytest.raises(PermissionDenied):
            users.set_password(engine, viewer, "stolen")
        with pytest.raises(PermissionDenied):
            users.add_user(engine, "users_forged", "admin", None, "x")
        with pytest.raises(PermissionDenied):
            users.disable_user(engine, viewer)
    finally:
        engine.dispose()
    with server.connect() as admin:
        assert fingerprint(admin, "app_user") == before
    server.connect(viewer).close()  # the viewer's password is as it was


def test_a_user_changes_their_own_password_and_an_admin_anyones(server):
    clerk2 = server.logins["clerk2"]
    engine = create_engine(server.sa_url(clerk2))
    try:
        users.set_password(engine, clerk2, "own-new-secret")
    finally:
        engine.dispose()
    server.passwords[clerk2] = "own-new-secret"
    server.connect(clerk2).close()
    engine = create_engine(server.sa_url(server.logins["admin"]))
    try:
        users.set_password(engine, clerk2, "reset-by-admin")
    finally:
        engine.dispose()
    with pytest.raises(psycopg.OperationalError):
        server.connect(clerk2)
    server.passwords[clerk2] = "reset-by-admin"
    server.connect(clerk2).close()


def test_a_disabled_user_cannot_log_in_nor_write(server):
    login = server.add("gone", "clerk", "DC")
    with server.connect() as admin:
        dc = detachment_id(admin, "DC")
        person = a_row(admin, "person", of=dc)
    still_open = server.connect(login)
    try:
        engine = create_engine(server.sa_url(server.logins["admin"]))
        try:
            shown = users.disable_user(engine, login)
        finally:
            engine.dispose()
        assert shown.disabled
        with pytest.raises(psycopg.OperationalError):
            server.connect(login)
        # A session opened before writes nothing from then on.
        assert attempt(still_open, "UPDATE person SET name = name WHERE id = %s", (person["id"],)) == 0
    finally:
        still_open.close()


def test_users_are_listed_and_checked(server):
    admin_engine = create_engine(server.sa_url(server.logins["admin"]))
    try:
        listed = {u.login: u for u in users.list_users(admin_engine)}
        clerk = listed[server.logins["clerk"]]
        assert (clerk.role, clerk.detachment, clerk.disabled) == ("clerk", "DC", False)
        assert listed[server.logins["clerk2"]].detachment == "XC"
        assert listed[server.logins["hq"]].detachment is None
        assert listed["postgres"].role == "admin"  # the one who ran init
        with pytest.raises(Conflict):
            users.add_user(admin_engine, server.logins["viewer"], "viewer", None, "x")
        with pytest.raises(Conflict):
            users.add_user(admin_engine, "postgres", "viewer", None, "x")
        for bad in ("", "has space", "x" * 64, "semi;colon", 'quo"te', "点"):
            with pytest.raises(UsageError):
                users.add_user(admin_engine, bad, "viewer", None, "x")
        with pytest.raises(UsageError):
            users.add_user(admin_engine, "users_nodet", "clerk", None, "x")
        with pytest.raises(UsageError):
            users.add_user(admin_engine, "users_hqdet", "hq", "DC", "x")
        with pytest.raises(NotFound):
            users.add_user(admin_engine, "users_baddet", "clerk", "Nowhere", "x")
        with pytest.raises(UsageError):
            users.add_user(admin_engine, "users_nopw", "viewer", None, "")
        with pytest.raises(NotFound):
            users.disable_user(admin_engine, "users_nobody")
    finally:
        admin_engine.dispose()


def test_init_again_keeps_everything_and_a_clerk_of_one_database_reads_no_other(server):
    again = init_server(server.url)
    assert set(again.secured) == set(OWNER) and again.unknown == []
    server.connect(server.logins["clerk"]).close()  # still allowed to connect
    other = new_database()
    server.databases.append(other)
    init_server(make_url(server.url).set(database=other).render_as_string(hide_password=False))
    with pytest.raises(psycopg.OperationalError, match="permission denied"):
        server.connect(server.logins["clerk"], database=other)


def test_an_admin_cannot_take_over_the_owner(server):
    engine = create_engine(server.sa_url(server.logins["admin"]))
    try:
        with pytest.raises(PermissionDenied):
            users.set_password(engine, "postgres", "taken")
        with pytest.raises(PermissionDenied):
            users.disable_user(engine, "postgres")
    finally:
        engine.dispose()


def owned_database(server: Server, *, createrole: bool) -> tuple[str, str]:
    """A new database owned by a new login that is not a superuser: (its URL as that owner, the owner)."""
    owner, password = f"users_{uuid.uuid4().hex[:8]}_owner", f"pw-{uuid.uuid4().hex}"
    server.made.append(owner)
    with server.connect() as admin:
        admin.execute(sql.SQL("CREATE ROLE {} LOGIN {} PASSWORD {}").format(
            sql.Identifier(owner), sql.SQL("CREATEROLE" if createrole else "NOCREATEROLE"), sql.Literal(password)))
    name = new_database()
    server.databases.append(name)
    with server.connect(database=name) as conn:
        conn.execute(sql.SQL("ALTER DATABASE {} OWNER TO {}").format(sql.Identifier(name), sql.Identifier(owner)))
        conn.execute(sql.SQL("ALTER SCHEMA public OWNER TO {}").format(sql.Identifier(owner)))
    url = make_url(server.url).set(database=name, username=owner, password=password)
    return url.render_as_string(hide_password=False), owner


def test_the_owner_may_run_init_without_being_a_superuser(server):
    url, owner = owned_database(server, createrole=True)
    result = init_server(url)
    assert result.admin == owner and set(result.secured) == set(OWNER)
    engine = create_engine(url)
    try:
        admin = f"users_{uuid.uuid4().hex[:8]}_admin2"
        clerk = f"users_{uuid.uuid4().hex[:8]}_clerk3"
        server.made += [admin, clerk]
        users.add_user(engine, admin, "admin", None, "admin-pw")
        users.add_user(engine, clerk, "clerk", "HD", "clerk-pw")
        assert {u.login: u.role for u in users.list_users(engine)} == {owner: "admin", admin: "admin", clerk: "clerk"}
    finally:
        engine.dispose()
    admin_engine = create_engine(make_url(url).set(username=admin, password="admin-pw"))
    try:
        with pytest.raises(PermissionDenied):
            users.set_password(admin_engine, owner, "taken")
        users.set_password(admin_engine, clerk, "clerk-pw2")
    finally:
        admin_engine.dispose()
    with psycopg.connect(make_url(url).set(drivername="postgresql", username=clerk, password="clerk-pw2")
                         .render_as_string(hide_password=False), autocommit=True, row_factory=dict_row) as conn:
        assert conn.execute("SELECT rosterapp_role() AS r").fetchone()["r"] == "clerk"
        hd = detachment_id(conn, "HD")
        other = conn.execute("SELECT id FROM station WHERE detachment_id <> %s LIMIT 1", (hd,)).fetchone()["id"]
        own = conn.execute("SELECT id FROM station WHERE detachment_id = %s LIMIT 1", (hd,)).fetchone()["id"]
        assert conn.execute("UPDATE station SET name = name WHERE id = %s", (other,)).rowcount == 0
        assert conn.execute("UPDATE station SET name = name WHERE id = %s", (own,)).rowcount == 1


def test_init_needs_the_right_to_create_roles(server):
    url, owner = owned_database(server, createrole=False)
    with pytest.raises(PermissionDenied, match=owner):
        init_server(url)


def test_no_other_route_for_a_clerk(server):
    """Around the policies: the sequences, TRUNCATE, COPY, new tables or functions, the policies themselves."""
    with server.connect() as admin:
        dc = detachment_id(admin, "DC")
        other = a_row(admin, "person", not_of=dc)
        before = {t: fingerprint(admin, t) for t in tables(admin)}
    with server.connect(server.logins["clerk"]) as conn:
        assert conn.execute("SELECT rosterapp_may_write(%s) AS w", (dc,)).fetchone()["w"] is True
        assert conn.execute("SELECT rosterapp_may_write(%s) AS w", (dc + 1,)).fetchone()["w"] is False
        for statement in ("SELECT setval('duty_id_seq', 1)", "TRUNCATE duty", "TRUNCATE person CASCADE",
                          "CREATE TABLE public.mine (id int)", "CREATE TEMP TABLE mine (id int)",
                          "ALTER TABLE person DISABLE ROW LEVEL SECURITY",
                          "DROP POLICY rosterapp_update ON person",
                          "CREATE POLICY mine ON person FOR UPDATE USING (true)",
                          "CREATE FUNCTION public.rosterapp_writes_everything(x int) RETURNS boolean "
                          "LANGUAGE sql AS 'SELECT true'",
                          "CREATE OR REPLACE FUNCTION rosterapp_own_detachment() RETURNS integer "
                          "LANGUAGE sql AS 'SELECT 2'",
                          "GRANT rosterapp_hq TO CURRENT_USER",
                          "ALTER ROLE CURRENT_USER CREATEROLE"):
            assert attempt(conn, statement) == DENIED, statement
        with pytest.raises(psycopg.Error):
            with conn.cursor().copy("COPY person (id, name) FROM STDIN") as copy:
                copy.write_row((other["id"] + 100000, "forged"))
    with server.connect() as admin:
        assert {t: fingerprint(admin, t) for t in tables(admin)} == before


# -- the audit log and sub-plans (migration 0006) -----------------------------------------------------

def program(server: Server, kind: str):
    """The program as ``kind``'s login opens the database (services with the guard of rosterapp/access.py)."""
    return open_database(server.sa_url(server.logins[kind]))


def test_no_login_alters_or_deletes_the_audit_log_but_every_write_is_in_it(server):
    with server.connect() as admin:
        dc = detachment_id(admin, "DC")
        person = a_row(admin, "person", of=dc)
        before = {t: fingerprint(admin, t) for t in ("audit_group", "audit_entry")}
    for kind in ("clerk", "hq", "admin", "viewer"):
        with server.connect(server.logins[kind]) as conn:
            assert conn.execute("SELECT count(*) AS n FROM audit_entry").fetchone()["n"] > 0  # everyone reads it
            for statement in ("UPDATE audit_entry SET after = before", "DELETE FROM audit_entry",
                              "UPDATE audit_group SET login = 'someone'", "DELETE FROM audit_group",
                              "INSERT INTO audit_group (at, login, origin, label) VALUES (now(), 'x', '', '')",
                              "TRUNCATE audit_entry", "UPDATE audit_context SET login = 'x'"):
                assert attempt(conn, statement) == DENIED, (kind, statement)
    with server.connect() as admin:
        assert {t: fingerprint(admin, t) for t in before} == before
    # A clerk's own write from psql has its entry, in the clerk's name (the trigger writes it, not the clerk).
    clerk = server.logins["clerk"]
    with server.connect(clerk, autocommit=False) as conn:
        conn.execute("UPDATE person SET phone = '13800000017' WHERE id = %s", (person["id"],))
        logged = conn.execute(
            "SELECT g.login, e.action, e.after FROM audit_entry e JOIN audit_group g ON g.id = e.group_id "
            "WHERE e.tbl = 'person' AND e.row_id = %s ORDER BY e.id DESC LIMIT 1", (str(person["id"]),)).fetchone()
        conn.rollback()
    assert (logged["login"], logged["action"], logged["after"]) == (clerk, "UPDATE", {"phone": "13800000017"})
    # And through the program: one group, the login's and the edit's name.
    db = program(server, "clerk")
    try:
        with db.begin("改电话") as s:
            s.get(Person, person["id"]).phone = "13800000018"
            s.flush()
            group = audit.current_group(s)
        with db.read() as s:
            found = audit.entries(s, audit.Filter(group_id=group))
    finally:
        db.dispose()
    assert [(e.login, e.label, e.after["phone"]) for e in found] == [(clerk, "改电话", "13800000018")]


def test_a_clerk_reverts_no_entry_of_another_detachment(server):
    with server.connect() as admin:
        xc = detachment_id(admin, "XC")
        other = a_row(admin, "person", of=xc)
    hq = program(server, "hq")
    try:
        with hq.begin("改电话") as s:
            s.get(Person, other["id"]).phone = "13800000019"
            s.flush()
            group = audit.current_group(s)
    finally:
        hq.dispose()
    db = program(server, "clerk")
    try:
        with db.read() as s:
            entries = audit.group_entries(s, group)
        with pytest.raises(PermissionDenied), db.begin() as s:
            audit.revert(s, entries)
    finally:
        db.dispose()
    with server.connect() as admin:
        assert admin.execute("SELECT phone FROM person WHERE id = %s", (other["id"],)).fetchone()["phone"] \
            == "13800000019"


def _cli(server: Server, kind: str, *args: str):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONPATH=str(root))
    return subprocess.run([sys.executable, "main.py", "--db", server.sa_url(server.logins[kind]), "--lang", "en",
                           *args], cwd=root, env=env, capture_output=True, text=True, encoding="utf-8",
                          timeout=120, stdin=subprocess.DEVNULL)


def test_a_clerk_only_submits_and_an_approved_sub_plan_is_locked_even_from_psql(server):
    with server.connect() as admin:
        dc = detachment_id(admin, "DC")
        post = admin.execute("SELECT * FROM post WHERE detachment_id = %s ORDER BY id LIMIT 1", (dc,)).fetchone()
        operation = admin.execute("SELECT name FROM operation WHERE id = %s",
                                  (post["operation_id"],)).fetchone()["name"]
        duty = admin.execute("SELECT * FROM duty WHERE post_id = %s ORDER BY id LIMIT 1", (post["id"],)).fetchone()
        policies = {(r["tablename"], r["policyname"]): r["permissive"] for r in admin.execute(
            "SELECT tablename, policyname, permissive FROM pg_policies WHERE policyname LIKE 'rosterapp\\_unlocked%%'")}
    assert policies == {(t, f"rosterapp_unlocked_{a}"): "RESTRICTIVE" for t in
                        ("post", "post_qualification", "post_vehicle_requirement", "duty", "vehicle_deployment")
                        for a in ("insert", "update")}
    clerk = program(server, "clerk")
    try:
        with clerk.begin() as s:  # a clerk submits their own detachment's
            subplans.act(s, "submit", post["operation_id"], dc, "第一版")
        for action in ("approve", "return", "reopen"):
            with pytest.raises(PermissionDenied), clerk.begin() as s:
                subplans.act(s, action, post["operation_id"], dc, "自己批准")
    finally:
        clerk.dispose()
    approved = _cli(server, "clerk", "plan", "approve", "--operation", operation, "--detachment", "DC")
    assert approved.returncode == 5, (approved.stdout, approved.stderr)

    # From psql, past the program's checks: the trigger refuses all but a submission.
    with server.connect() as admin:
        before = {t: fingerprint(admin, t) for t in ("sub_plan", "sub_plan_version")}
    with server.connect(server.logins["clerk"]) as conn:
        for statement in ("UPDATE sub_plan SET state = 'approved' WHERE detachment_id = %s",
                          "UPDATE sub_plan SET state = 'returned', comment = 'x' WHERE detachment_id = %s",
                          "UPDATE sub_plan SET state = 'draft' WHERE detachment_id = %s",
                          "UPDATE sub_plan_version SET state = 'approved' WHERE detachment_id = %s",
                          "UPDATE sub_plan_version SET snapshot = '{}' WHERE detachment_id = %s",
                          "DELETE FROM sub_plan_version WHERE detachment_id = %s",
                          "DELETE FROM sub_plan WHERE detachment_id = %s"):
            assert attempt(conn, statement, (dc,)) == DENIED, statement
        assert attempt(conn, "INSERT INTO sub_plan_version (operation_id, detachment_id, number, state, submitted_at, "
                             "submitted_by, decided_at, decided_by, comment, snapshot) VALUES (%s, %s, 99, 'approved', "
                             "now(), 'me', now(), 'me', '', '{}')", (post["operation_id"], dc)) == DENIED
    with server.connect() as admin:
        assert {t: fingerprint(admin, t) for t in before} == before

    hq = program(server, "hq")
    with hq.begin() as s:
        subplans.act(s, "approve", post["operation_id"], dc)
    locked_sql = {
        "insert": ('INSERT INTO duty (person_id, start, "end", shift_type_id, post_id) VALUES (%s, %s, %s, %s, %s)',
                   (duty["person_id"], duty["start"] + dt.timedelta(days=1), duty["end"] + dt.timedelta(days=1),
                    duty["shift_type_id"], post["id"])),
        "update": ('UPDATE duty SET "end" = "end" - interval \'1 hour\' WHERE id = %s', (duty["id"],)),
        "delete": ("DELETE FROM duty WHERE id = %s", (duty["id"],)),
        "post": ("UPDATE post SET name = 'psql' WHERE id = %s", (post["id"],)),
    }
    try:
        with server.connect() as admin:
            before = {t: fingerprint(admin, t) for t in ("duty", "post", "audit_entry")}
        for kind in ("clerk", "hq"):  # locked for everyone: an error, nothing changed
            with server.connect(server.logins[kind]) as conn:
                for what, (statement, params) in locked_sql.items():
                    assert attempt(conn, statement, params) == "RA001", (kind, what)
        # The policies hold without the trigger too (INSERT and UPDATE; the trigger alone refuses a DELETE).
        with server.connect() as admin:
            admin.execute("ALTER TABLE duty DISABLE TRIGGER duty_plan_lock")
        try:
            with server.connect(server.logins["clerk"]) as conn:
                assert attempt(conn, *locked_sql["insert"]) == DENIED
                assert attempt(conn, 'UPDATE duty SET post_id = %s WHERE id = %s',
                               (post["id"], a_row(conn, "duty", of=dc)["id"])) in (DENIED, 0)
        finally:
            with server.connect() as admin:
                admin.execute("ALTER TABLE duty ENABLE TRIGGER duty_plan_lock")
        with server.connect() as admin:
            assert {t: fingerprint(admin, t) for t in before} == before
    finally:
        with hq.begin() as s:
            subplans.act(s, "reopen", post["operation_id"], dc)
        hq.dispose()
    with server.connect(server.logins["clerk"], autocommit=False) as conn:  # open again
        assert attempt(conn, *locked_sql["update"]) == 1
        conn.rollback()
