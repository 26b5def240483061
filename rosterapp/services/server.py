"""Server mode on PostgreSQL: the group roles, grants, functions and row-level security of a shared database.

``init_server(url)`` (``rosterapp server init URL``) prepares a database, empty or already in use (run it
again after an upgrade: every step is idempotent): the schema and reference data (``open_database``), then

- four group roles, cluster-wide and shared by every rosterapp database of the cluster: ``rosterapp_admin``
  (manages users), ``rosterapp_hq`` (writes everything), ``rosterapp_clerk`` (writes their own detachment's
  rows), ``rosterapp_viewer`` (reads). Each user is a login role in one of them, with a row in ``app_user``
  (rosterapp/services/users.py). Who may connect is per login (CONNECT granted to each user, not to the
  groups), so a clerk of one database cannot read another database on the same cluster;
- grants: every group reads every table; clerk, hq and admin write the tables of ``ownership.OWNER``;
  only hq and admin write the ``HQ_ONLY`` tables; nobody writes ``app_user`` but through the functions below;
- functions, each SECURITY DEFINER with a fixed search_path (a clerk cannot put a table of their own in
  front of ours): ``rosterapp_role()``, ``rosterapp_may_write(detachment)``, and ``rosterapp_add_user``,
  ``rosterapp_disable_user``, ``rosterapp_set_password`` for the users commands. They identify the caller by
  ``session_user`` (the login), which ``SET ROLE`` does not change;
- row-level security on every table of ``ownership.OWNER``: everyone reads; a write must be allowed for the
  row's owning detachment, the old row (UPDATE, DELETE) and the new row (INSERT, UPDATE) both, so a clerk
  can neither write another detachment's rows nor move a row of their own into another detachment;
- the audit log (migration 0006): everyone reads ``audit_group`` and ``audit_entry``, nobody writes them but
  the audit trigger (SECURITY DEFINER, as the tables' owner), so no login alters or deletes an entry;
- sub-plans: a clerk writes their own detachment's ``sub_plan`` and ``sub_plan_version`` rows (the policies
  above) and only as a submission: a trigger refuses a clerk's approval, return, reopening, a change of a
  frozen version or a removal (``insufficient_privilege``); hq and admin do everything;
- an approved sub-plan's posts, their requirements, duties and deployments: besides the lock triggers of
  migration 0006 (which refuse every INSERT, UPDATE and DELETE with "rosterapp: plan locked"), restrictive
  policies refuse a new or changed row of a locked post, whoever writes but the owner. (No restrictive
  USING: it would hide the rows, and a refused UPDATE or DELETE would change nothing without a word; the
  triggers say why.)

The database owner (the admin who ran ``server init``) and superusers are not bound by the policies.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from rosterapp.errors import PermissionDenied, UsageError
from rosterapp.i18n import tr
from rosterapp.models.ownership import HQ_ONLY, OWNER, owner_sql
from rosterapp.models.users import ROLES

log = logging.getLogger("rosterapp.server")

GROUP_PREFIX = "rosterapp_"
GROUPS = {role: GROUP_PREFIX + role for role in ROLES}  # admin -> rosterapp_admin, ...
WRITERS = (GROUPS["clerk"], GROUPS["hq"], GROUPS["admin"])  # may write (the policies say which rows)
HQ_WRITERS = (GROUPS["hq"], GROUPS["admin"])

# Tables outside ownership.OWNER and HQ_ONLY that server mode knows, and who writes them. The change log
# (migration 0005) is written by every write's trigger (SECURITY DEFINER), in the writer's name: no login
# inserts into it directly; only admin prunes it. A table named here that the schema does not hold is skipped.
APPEND_ONLY = ("change_log",)
# The audit log (migration 0006) is written by its trigger only (SECURITY DEFINER, as the tables' owner):
# every group reads it, no login writes, alters or deletes an entry, not even an admin (only the owner).
AUDIT = ("audit_group", "audit_entry")
# app_user: written only through rosterapp_add_user & co.; audit_context: SQLite's (who writes), unused here.
READ_ONLY = ("alembic_version", "app_user", "audit_context")
# The tables whose new or changed rows may not belong to an approved sub-plan (restrictive policies), with
# the expression saying a row is locked (the functions of migration 0006).
# (A row of no post, a station's duty or deployment, is never locked: it does not call the function.)
LOCKED = {
    "post": "{schema}.rosterapp_plan_locked(operation_id, detachment_id)",
    "post_qualification": "{schema}.rosterapp_post_locked(post_id)",
    "post_vehicle_requirement": "{schema}.rosterapp_post_locked(post_id)",
    "duty": "post_id IS NOT NULL AND {schema}.rosterapp_post_locked(post_id)",
    "vehicle_deployment": "post_id IS NOT NULL AND {schema}.rosterapp_post_locked(post_id)",
}
PLAN_TABLES = ("sub_plan", "sub_plan_version")  # a clerk writes them only as a submission (rosterapp_plan_guard)

POLICY_PREFIX = "rosterapp_"

# The SQL of the functions. {schema} is the schema of the tables, quoted; every function that reads a table
# runs with search_path fixed to pg_catalog and that schema, and names the tables with the schema anyway.
FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION {schema}.rosterapp_role() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, {schema}, pg_temp AS $fn$
    -- What the login may do: 'owner' (a superuser or the database's owner: everything), else its app_user
    -- role when the login is enabled and a member of that role's group, else NULL (nothing but reading).
    SELECT CASE
        WHEN (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = session_user)
          OR session_user = (SELECT pg_catalog.pg_get_userbyid(d.datdba) FROM pg_catalog.pg_database d
                             WHERE d.datname = pg_catalog.current_database())
        THEN 'owner'
        ELSE (SELECT u.role FROM {schema}.app_user u
              WHERE u.login = session_user AND NOT u.disabled
                AND pg_catalog.pg_has_role(session_user, 'rosterapp_' || u.role, 'MEMBER'))
    END
$fn$;

CREATE OR REPLACE FUNCTION {schema}.rosterapp_writes_everything() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, {schema}, pg_temp AS $fn$
    SELECT coalesce({schema}.rosterapp_role() IN ('owner', 'hq', 'admin'), false)
$fn$;

CREATE OR REPLACE FUNCTION {schema}.rosterapp_own_detachment() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, {schema}, pg_temp AS $fn$
    -- The detachment whose rows a clerk writes; NULL for anyone else (and for a disabled clerk).
    SELECT u.detachment_id FROM {schema}.app_user u
    WHERE u.login = session_user AND u.role = 'clerk' AND NOT u.disabled
      AND pg_catalog.pg_has_role(session_user, 'rosterapp_clerk', 'MEMBER')
$fn$;

CREATE OR REPLACE FUNCTION {schema}.rosterapp_may_write(detachment integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, {schema}, pg_temp AS $fn$
    -- hq, admin and the owner write every detachment's rows; a clerk only their own detachment's.
    SELECT {schema}.rosterapp_writes_everything()
        OR coalesce(detachment = {schema}.rosterapp_own_detachment(), false)
$fn$;

CREATE OR REPLACE FUNCTION {schema}.rosterapp_protected(login text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, {schema}, pg_temp AS $fn$
    -- A superuser or the database's owner (who bypass the policies): an admin neither disables them nor
    -- sets their password, lest an admin make themselves more than an admin.
    SELECT coalesce((SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = login), false)
        OR login = (SELECT pg_catalog.pg_get_userbyid(d.datdba) FROM pg_catalog.pg_database d
                    WHERE d.datname = pg_catalog.current_database())
$fn$;

CREATE OR REPLACE FUNCTION {schema}.rosterapp_check_login(login text) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog AS $fn$
BEGIN
    IF login IS NULL OR login !~ '^[A-Za-z0-9_.]{{1,63}}$' THEN
        RAISE EXCEPTION 'rosterapp: bad login name %', pg_catalog.quote_literal(coalesce(login, ''))
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
END
$fn$;

CREATE OR REPLACE FUNCTION {schema}.rosterapp_add_user(login text, role text, detachment integer,
                                                       verifier text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, {schema}, pg_temp AS $fn$
-- An admin adds a user: a login role in the role's group, allowed to connect to this database, and its
-- app_user row. ``verifier`` is the password as the client hashed it (SCRAM): the server never sees it plain.
BEGIN
    IF coalesce({schema}.rosterapp_role() NOT IN ('owner', 'admin'), true) THEN
        RAISE EXCEPTION 'rosterapp: only an administrator adds users' USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM {schema}.rosterapp_check_login(login);
    IF role IS NULL OR role NOT IN ('admin', 'hq', 'clerk', 'viewer') THEN
        RAISE EXCEPTION 'rosterapp: bad role %', role USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF (role = 'clerk') <> (detachment IS NOT NULL) THEN
        RAISE EXCEPTION 'rosterapp: a clerk, and only a clerk, has a detachment'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF verifier IS NULL OR verifier = '' THEN
        RAISE EXCEPTION 'rosterapp: a password is needed' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = login)
       OR EXISTS (SELECT 1 FROM {schema}.app_user u WHERE u.login = rosterapp_add_user.login) THEN
        RAISE EXCEPTION 'rosterapp: the login % exists already', login USING ERRCODE = 'duplicate_object';
    END IF;
    EXECUTE pg_catalog.format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', login, verifier,
                              'rosterapp_' || role);
    EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO %I', pg_catalog.current_database(), login);
    INSERT INTO {schema}.app_user (login, role, detachment_id, disabled)
    VALUES (login, role, detachment, false);
END
$fn$;

CREATE OR REPLACE FUNCTION {schema}.rosterapp_disable_user(login text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, {schema}, pg_temp AS $fn$
-- An admin disables a user: the login may no longer log in, and (should it be logged in) writes nothing.
BEGIN
    IF coalesce({schema}.rosterapp_role() NOT IN ('owner', 'admin'), true) THEN
        RAISE EXCEPTION 'rosterapp: only an administrator disables users' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM {schema}.app_user u WHERE u.login = rosterapp_disable_user.login) THEN
        RAISE EXCEPTION 'rosterapp: no user %', login USING ERRCODE = 'undefined_object';
    END IF;
    IF login = session_user THEN
        RAISE EXCEPTION 'rosterapp: one does not disable oneself' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF {schema}.rosterapp_protected(login) AND {schema}.rosterapp_role() IS DISTINCT FROM 'owner' THEN
        RAISE EXCEPTION 'rosterapp: only the owner manages the owner''s login' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = login AND NOT r.rolsuper) THEN
        EXECUTE pg_catalog.format('ALTER ROLE %I NOLOGIN', login);
    END IF;
    UPDATE {schema}.app_user u SET disabled = true WHERE u.login = rosterapp_disable_user.login;
END
$fn$;

CREATE OR REPLACE FUNCTION {schema}.rosterapp_set_password(login text, verifier text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, {schema}, pg_temp AS $fn$
-- A user sets their own password; an admin anyone's of this database (never a superuser's).
BEGIN
    IF login IS DISTINCT FROM session_user
       AND coalesce({schema}.rosterapp_role() NOT IN ('owner', 'admin'), true) THEN
        RAISE EXCEPTION 'rosterapp: only an administrator changes another user''s password'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM {schema}.app_user u WHERE u.login = rosterapp_set_password.login) THEN
        RAISE EXCEPTION 'rosterapp: no user %', login USING ERRCODE = 'undefined_object';
    END IF;
    IF verifier IS NULL OR verifier = '' THEN
        RAISE EXCEPTION 'rosterapp: a password is needed' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF login IS DISTINCT FROM session_user AND {schema}.rosterapp_protected(login)
       AND {schema}.rosterapp_role() IS DISTINCT FROM 'owner' THEN
        RAISE EXCEPTION 'rosterapp: only the owner manages the owner''s login' USING ERRCODE = 'insufficient_privilege';
    END IF;
    EXECUTE pg_catalog.format('ALTER ROLE %I PASSWORD %L', login, verifier);
END
$fn$;

CREATE OR REPLACE FUNCTION {schema}.rosterapp_plan_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, {schema}, pg_temp AS $fn$
-- A clerk writes their detachment's sub-plan only by submitting it: a new sub-plan (draft or submitted),
-- its state moved to submitted with the next version number, a new version as submitted. Approving,
-- returning, reopening, changing a frozen version or removing either is headquarters' (hq, admin, owner).
BEGIN
    IF {schema}.rosterapp_role() IS NOT DISTINCT FROM 'clerk' THEN
        -- (one IF per table: a record's missing field is an error even where AND would not need it)
        IF TG_TABLE_NAME = 'sub_plan' THEN
            IF TG_OP = 'INSERT' THEN
                IF NEW.state IN ('draft', 'submitted') THEN
                    RETURN NEW;
                END IF;
            ELSIF TG_OP = 'UPDATE' THEN
                IF NEW.state = 'submitted' AND OLD.state <> 'approved' AND NEW.version = OLD.version + 1
                   AND NEW.operation_id = OLD.operation_id AND NEW.detachment_id = OLD.detachment_id THEN
                    RETURN NEW;
                END IF;
            END IF;
        ELSIF TG_OP = 'INSERT' THEN  -- sub_plan_version
            IF NEW.state = 'submitted' AND NEW.decided_at IS NULL AND NEW.decided_by = '' THEN
                RETURN NEW;
            END IF;
        END IF;
        RAISE EXCEPTION 'rosterapp: only headquarters approves, returns or reopens a sub-plan'
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'A clerk submits their own detachment''s sub-plan; nothing else of it.';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$fn$;
"""

# name(argument types) -> the groups that may call it
FUNCTION_GRANTS = {
    "rosterapp_role()": ROLES,
    "rosterapp_writes_everything()": ROLES,
    "rosterapp_own_detachment()": ROLES,
    "rosterapp_may_write(integer)": ROLES,
    "rosterapp_check_login(text)": ROLES,
    "rosterapp_protected(text)": ROLES,
    "rosterapp_add_user(text, text, integer, text)": ("admin",),
    "rosterapp_disable_user(text)": ("admin",),
    "rosterapp_set_password(text, text)": ROLES,
    # migration 0006's: the lock triggers (run as the writer) and the restrictive policies call them
    "rosterapp_plan_locked(bigint, bigint)": ROLES,
    "rosterapp_post_locked(bigint)": ROLES,
}


@dataclass
class ServerInit:
    """What ``init_server`` did: the database, its owner, the tables under row-level security, and any
    table it did not know (left read-only for every group: a newer schema than this program's rules)."""

    database: str
    owner: str
    admin: str  # the login that ran init: the database's first admin
    secured: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


def _q(conn: Connection, name: str) -> str:
    """An identifier quoted for PostgreSQL."""
    return conn.dialect.identifier_preparer.quote_identifier(name)


def write_check(table: str) -> str:
    """The policy expression allowing a write of a row of ``table``: its owning detachment may be written.
    The two functions are wrapped in sub-selects so that PostgreSQL calls them once per statement, not per row."""
    return (f"((SELECT rosterapp_writes_everything()) OR "
            f"({owner_sql(table)}) = (SELECT rosterapp_own_detachment()))")


def install(conn: Connection) -> ServerInit:
    """Roles, grants, functions and policies on the migrated database of ``conn`` (in its transaction)."""
    if conn.dialect.name != "postgresql":
        raise UsageError(tr("Server mode needs a PostgreSQL database (postgresql+psycopg://...)."))
    # One init at a time per database (a second waits, then finds everything there).
    conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('rosterapp server init'))"))
    schema_name = conn.execute(text("SELECT current_schema()")).scalar_one()
    database, owner, admin = conn.execute(text(
        "SELECT current_database(), pg_get_userbyid(datdba), current_user FROM pg_database "
        "WHERE datname = current_database()")).one()
    schema, db_q = _q(conn, schema_name), _q(conn, database)
    result = ServerInit(database=database, owner=owner, admin=admin)
    # The users functions run as the one who runs init (SECURITY DEFINER) and make login roles.
    may = conn.execute(text("SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user")).one()
    if not (may.rolsuper or (may.rolcreaterole and admin == owner)):
        raise PermissionDenied(tr("server init needs the database's owner with the right to create roles "
                                  "(CREATEROLE), or a superuser; {login} is neither.", login=admin))

    for group in GROUPS.values():
        # Roles are cluster-wide: another database's init may make the same group at the same moment.
        conn.execute(text(f"""
            DO $do$ BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{group}') THEN
                    CREATE ROLE {group} NOLOGIN;
                END IF;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $do$"""))
    everyone = ", ".join(GROUPS.values())
    # Only this database's users connect (CONNECT per login, see rosterapp_add_user), not every login of
    # the cluster, nor every member of the shared groups.
    conn.execute(text(f"REVOKE CONNECT, TEMPORARY ON DATABASE {db_q} FROM PUBLIC"))
    conn.execute(text(f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC"))
    conn.execute(text(f"GRANT USAGE ON SCHEMA {schema} TO {everyone}"))

    tables = list(conn.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")).scalars())
    for table in tables:
        t = f"{schema}.{_q(conn, table)}"
        conn.execute(text(f"REVOKE ALL ON {t} FROM PUBLIC, {everyone}"))
        conn.execute(text(f"GRANT SELECT ON {t} TO {everyone}"))
        if table in OWNER:
            conn.execute(text(f"GRANT INSERT, UPDATE, DELETE ON {t} TO {', '.join(WRITERS)}"))
        elif table in HQ_ONLY:
            conn.execute(text(f"GRANT INSERT, UPDATE, DELETE ON {t} TO {', '.join(HQ_WRITERS)}"))
        elif table in APPEND_ONLY:
            # Written by its triggers only (SECURITY DEFINER, as the log's owner): no login inserts a forged
            # row; admin may prune it.
            conn.execute(text(f"GRANT DELETE ON {t} TO {GROUPS['admin']}"))
        elif table not in READ_ONLY and table not in AUDIT:
            result.unknown.append(table)
    conn.execute(text(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM PUBLIC"))
    conn.execute(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {', '.join(WRITERS)}"))
    if result.unknown:
        log.warning("server init: tables without a rule, left read-only: %s", ", ".join(result.unknown))

    conn.execute(text(FUNCTIONS.format(schema=schema)))
    for signature, roles in FUNCTION_GRANTS.items():
        fn = f"{schema}.{signature}"
        conn.execute(text(f"REVOKE ALL ON FUNCTION {fn} FROM PUBLIC"))
        conn.execute(text(f"GRANT EXECUTE ON FUNCTION {fn} TO {', '.join(GROUPS[r] for r in roles)}"))

    for table in tables:
        if table not in OWNER:
            continue
        t = f"{schema}.{_q(conn, table)}"
        check = write_check(table)
        conn.execute(text(f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY"))
        for action, clause in (("SELECT", "USING (true)"), ("INSERT", f"WITH CHECK {check}"),
                               ("UPDATE", f"USING {check} WITH CHECK {check}"), ("DELETE", f"USING {check}")):
            name = _q(conn, f"{POLICY_PREFIX}{action.lower()}")
            conn.execute(text(f"DROP POLICY IF EXISTS {name} ON {t}"))
            conn.execute(text(f"CREATE POLICY {name} ON {t} FOR {action} TO PUBLIC {clause}"))
        # An approved sub-plan's rows: no new row, no row changed into one (the triggers refuse first, with
        # their own words; these hold should a trigger be missing). For INSERT and UPDATE only: a restrictive
        # USING would hide the rows from an UPDATE or DELETE, which then changes nothing without an error.
        for action in ("INSERT", "UPDATE") if table in LOCKED else ():
            name = _q(conn, f"{POLICY_PREFIX}unlocked_{action.lower()}")
            conn.execute(text(f"DROP POLICY IF EXISTS {name} ON {t}"))
            conn.execute(text(f"CREATE POLICY {name} ON {t} AS RESTRICTIVE FOR {action} TO PUBLIC "
                              f"WITH CHECK (NOT ({LOCKED[table].format(schema=schema)}))"))
        if table in PLAN_TABLES:
            trigger = _q(conn, f"{table}_plan_guard")
            conn.execute(text(f"DROP TRIGGER IF EXISTS {trigger} ON {t}"))
            conn.execute(text(f"CREATE TRIGGER {trigger} BEFORE INSERT OR UPDATE OR DELETE ON {t} "
                              f"FOR EACH ROW EXECUTE FUNCTION {schema}.rosterapp_plan_guard()"))
        result.secured.append(table)

    # The users already there (an init again after an upgrade) keep their right to connect; the one who
    # runs init is this database's first admin (as its owner, or a superuser, the policies do not bind it).
    for (login,) in conn.execute(text(
            "SELECT u.login FROM app_user u JOIN pg_roles r ON r.rolname = u.login ORDER BY u.login")):
        conn.execute(text(f"GRANT CONNECT ON DATABASE {db_q} TO {_q(conn, login)}"))
    conn.execute(text(
        "INSERT INTO app_user (login, role, detachment_id, disabled) SELECT current_user, 'admin', NULL, false "
        "WHERE NOT EXISTS (SELECT 1 FROM app_user WHERE login = current_user)"))
    return result


def init_server(url: str) -> ServerInit:
    """``rosterapp server init URL``: schema, reference data, roles, grants, functions and policies."""
    from rosterapp.db import open_database

    if not url.startswith("postgresql"):
        raise UsageError(tr("Server mode needs a PostgreSQL database (postgresql+psycopg://...)."))
    db = open_database(url)
    try:
        with db.engine.begin() as conn:
            return install(conn)
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == "42501":  # insufficient_privilege
            raise PermissionDenied(tr("Permission denied: {path}", path=str(exc.orig).splitlines()[0])) from None
        raise
    finally:
        db.dispose()
