"""Opening a database: engine, SQLite pragmas, migrations (with a backup first), seeding.

Everything a user can get wrong about a database (a file that is not SQLite, a lock held by
another writer, an unreachable server, a schema from a newer version) becomes a
``DatabaseUnusable`` with a message in the user's language; the command line exits 4 on it.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import sqlite3
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: msvcrt below
    fcntl = None

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect, make_url, select, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from rosterapp import access, backups
from rosterapp.config import sqlite_path
from rosterapp.desk import user_name
from rosterapp.errors import EXIT_DATABASE, Conflict, StaleEdit, UserError
from rosterapp.i18n import tr
from rosterapp.models import RuleSetting
from rosterapp.seed import seed_reference

log = logging.getLogger("rosterapp.db")

SQLITE_BUSY_TIMEOUT_S = 5.0
SQLITE_HEADER = b"SQLite format 3\x00"


class DatabaseUnusable(Exception):
    """The database cannot be used (exit code 4); the message is for the user."""


class DatabaseMissing(DatabaseUnusable):
    """The SQLite file named by ``--db`` does not exist and was not to be created (exit code 4)."""

    def __init__(self, path: Path):
        super().__init__(tr("The database {path} does not exist; use --create to make a new one.", path=path))
        self.path = path


class DatabasePermissionDenied(Exception):
    """The user may not read or write the database file (exit code 5)."""


class ReadOnly(UserError):
    """A write asked of a database another window holds; nothing was written."""


class WriteFailed(UserError):
    """The database could not keep a unit of work (a full disk, a file made read-only, a disk error, a
    writer holding the file too long): it was rolled back and nothing changed (exit code 4)."""

    exit_code = EXIT_DATABASE


class PlanLocked(Conflict):
    """A write to the posts, windows, crews or deployments of an approved sub-plan: the database's
    triggers refused it (migration 0006) and nothing changed (exit 3)."""

    def __init__(self, message: str | None = None):
        super().__init__(message or tr(
            "An approved sub-plan cannot be changed: its posts, windows, crews and deployments are locked. "
            "Headquarters must reopen it first (plan reopen); then edit it and submit it again."))


PLAN_LOCKED = "rosterapp: plan locked"  # the message of the triggers that keep an approved sub-plan as it is


def plan_locked(exc: Exception) -> bool:
    """Whether a database error is the refusal of a write to an approved sub-plan."""
    return PLAN_LOCKED in str(getattr(exc, "orig", exc))


class DatabaseDamaged(DatabaseUnusable):
    """The file fails SQLite's quick check (exit code 4); ``backup`` is the newest good copy, if any."""

    def __init__(self, path: Path, detail: str, backup: Path | None):
        if backup is not None:
            message = tr("The database {path} is damaged ({detail}). The newest good backup is {backup}; restore it "
                         "with: rosterapp --db {path} backup restore {backup}", path=path, detail=detail,
                         backup=backup)
        else:
            message = tr("The database {path} is damaged ({detail}), and there is no good backup beside it.",
                         path=path, detail=detail)
        super().__init__(message)
        self.path, self.backup = path, backup


LOCK_WAIT_S = 5.0  # how long a command-line writer waits for a window to let go of the file


class WriterLock:
    """The one writer of a SQLite file: an operating-system lock (flock) on ``<file>.lock`` beside it,
    which the system releases when the process ends, however it ends; so no stale marker is left."""

    def __init__(self, path: Path):
        self.path = path.with_name(path.name + ".lock")
        self._fh = None

    @property
    def held(self) -> bool:
        return self._fh is not None

    def acquire(self, wait_s: float = 0.0) -> bool:
        """Take the lock, waiting up to ``wait_s`` seconds for its holder; False when still held elsewhere."""
        if self._fh is not None:
            return True
        fh = open(self.path, "a+b")  # noqa: SIM115 (kept open while the lock is held)
        deadline = time.monotonic() + wait_s
        while True:
            try:
                _lock_file(fh)
            except OSError:
                if time.monotonic() >= deadline:
                    fh.close()
                    return False
                time.sleep(0.1)
                continue
            self._fh = fh
            return True

    def release(self) -> None:
        if self._fh is not None:
            self._fh.close()  # closing the file lets go of the lock
            self._fh = None


def _lock_file(fh) -> None:
    """An exclusive, non-blocking lock on an open file, or OSError."""
    if fcntl is not None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    else:  # Windows
        import msvcrt

        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)


@dataclass
class Database:
    """An open, migrated database: its engine and the session factories for units of work.

    ``begin()`` is a unit of work that may write: on SQLite its transaction begins before its first
    read (BEGIN IMMEDIATE), so a write is never computed from what another writer has changed since;
    a second writer waits for the first (the busy timeout) and then reads what it wrote. ``read()``
    is a unit of work that only reads: a consistent snapshot that blocks no writer (WAL).
    """

    url: str
    engine: Engine
    session_factory: sessionmaker[Session]
    read_factory: sessionmaker[Session] | None = None
    lock: WriterLock | None = None
    read_only: bool = False  # another window holds the writer's lock: this one only reads
    # Names this program's units of work on a shared server (the setting rosterapp.origin of each
    # connection), so the change log tells its own writes from another clerk's.
    origin: str = ""
    # Who is connected to a server prepared for server mode (role, detachment); None on SQLite (one desk).
    login: access.Login | None = None

    @contextmanager
    def begin(self, label: str = "") -> Iterator[Session]:
        """One unit of work that may write: commits on success, rolls back on error.

        ``label`` says what the clerk did, in their words (the undo step's text); the audit log's group of
        this unit of work keeps it.
        """
        if self.read_only:
            raise ReadOnly(tr("This database is open in another window, so this one only reads; nothing was "
                              "changed. Close the other window, then press F5."))
        try:
            with self.session_factory.begin() as session:
                if label:
                    label_audit(session, label)
                yield session
        except OperationalError as exc:
            reason = write_failure(self.url, exc)
            if reason is None:  # not the disk nor another writer: a bug, for the crash report
                raise
            log.warning("a write was refused by the database: %s", exc.orig)
            raise WriteFailed(reason) from exc
        except StaleDataError as exc:
            # Two clerks saved the same record at once: the second's UPDATE found the version moved on.
            log.warning("a write found a record changed meanwhile: %s", exc)
            raise StaleEdit(tr("Someone else saved this record at the same moment; nothing of yours was saved. "
                               "Open it again to see their changes.")) from exc
        except DBAPIError as exc:
            if plan_locked(exc):
                log.info("a write to an approved sub-plan was refused")
                raise PlanLocked() from exc
            reason = write_failure(self.url, exc)
            if reason is not None:  # the server went away, or chose this unit of work to end a deadlock
                log.warning("a write was refused by the server: %s", exc.orig)
                raise WriteFailed(reason) from exc
            if getattr(exc.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
                raise
            # The server's own policies refused what the guard let through (they are the last word).
            log.warning("a write was refused by the server's policies: %s", exc.orig)
            raise access.refusal(self.login) from exc

    def try_write(self) -> bool:
        """A read-only window asks again for the writer's lock (after the other window closed)."""
        if self.read_only and self.lock is not None and self.lock.acquire():
            self.read_only = False
        return not self.read_only

    @contextmanager
    def read(self) -> Iterator[Session]:
        """One unit of work that only reads (rolled back at the end, whatever it did)."""
        session = (self.read_factory or self.session_factory)()
        try:
            session.begin()
            yield session
        finally:
            session.rollback()
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()


def _sqlite_on_connect(dbapi_conn, _record) -> None:
    # The driver opens no transaction of its own (it would only BEGIN at the first write, after the
    # reads): SQLAlchemy's "begin" below says BEGIN, and says when. DDL is then transactional too.
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_on_begin(conn) -> None:
    """BEGIN IMMEDIATE for a unit of work that may write (the write lock before the first read),
    a plain deferred BEGIN for one that only reads."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITES) else "BEGIN")


def label_audit(session: Session, label: str) -> None:
    """Name the audit group of the unit of work under way (the clerk's words for what it does)."""
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT set_config('rosterapp.audit_label', :label, true)"), {"label": label[:200]})
    else:  # said to the log with the unit of work's first write (_sqlite_audit_write)
        conn.info[_AUDIT_LABEL] = label[:200]


_AUDIT_OPEN, _AUDIT_LABEL = "rosterapp_audit_open", "rosterapp_audit_label"  # a connection's info, per transaction
_WRITE_SQL = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


def _sqlite_audit_write(origin: str, conn, _cursor, statement, _parameters, _context, _executemany) -> None:
    """Before the first write of a SQLite unit of work, say who writes (the desk), what the edit is and the
    number its audit group will have: the audit triggers read it, and the first row written makes the group
    (migration 0006). A unit of work that writes nothing leaves the file as it was."""
    if conn.info.get(_AUDIT_OPEN) or not _WRITE_SQL.match(statement):
        return
    conn.info[_AUDIT_OPEN] = True
    conn.connection.driver_connection.execute(
        "UPDATE audit_context SET group_id = (SELECT coalesce(max(id), 0) + 1 FROM audit_group), login = ?, "
        "origin = ?, label = ? WHERE id = 1", (user_name(), origin, conn.info.get(_AUDIT_LABEL, "")))


def _sqlite_audit_commit(conn) -> None:
    """As it commits, a SQLite unit of work that wrote leaves no group number behind for another writer."""
    conn.info.pop(_AUDIT_LABEL, None)
    if conn.info.pop(_AUDIT_OPEN, None):
        conn.connection.driver_connection.execute(
            "UPDATE audit_context SET group_id = NULL, login = '', origin = '', label = '' WHERE id = 1")


def _sqlite_audit_rollback(conn) -> None:
    conn.info.pop(_AUDIT_LABEL, None)
    conn.info.pop(_AUDIT_OPEN, None)  # the context's update went with the rest


def _postgres_on_connect(origin: str, dbapi_conn, _record) -> None:
    """Every connection to a server says which program it comes from (read by the change log)."""
    with dbapi_conn.cursor() as cursor:
        cursor.execute("SELECT set_config('rosterapp.origin', %s, false)", (origin,))
    dbapi_conn.commit()


INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL's SQLSTATE for a grant or a row-level security policy refusing

WRITES = "rosterapp_writes"  # the execution option that makes a SQLite unit of work BEGIN IMMEDIATE
POSTGRES_CONNECT_TIMEOUT_S = 10


def make_engine(url: str) -> Engine:
    """An engine with the project's SQLite settings (WAL, foreign keys, busy timeout, explicit BEGIN)."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    connect_args = {"connect_timeout": POSTGRES_CONNECT_TIMEOUT_S} if url.startswith("postgresql") else {}
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args)


def advance_sequences(session: Session, tables) -> None:
    """After rows were written with ids of their own (a bulk insert), a PostgreSQL table's id sequence
    goes on after the highest id, so the next row a form adds does not collide; SQLite needs nothing."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                             f"(SELECT coalesce(max(id), 0) + 1 FROM {table.name}), false)"))


def writing(engine: Engine) -> Engine:
    """The engine whose units of work may write (BEGIN IMMEDIATE on SQLite)."""
    return engine.execution_options(**{WRITES: True})


def alembic_config(connection=None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("rosterapp") / "migrations"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _check_sqlite_file(path: Path, create: bool) -> None:
    if not path.exists():
        if not create:
            raise DatabaseMissing(path)
        parent = path.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except PermissionError as exc:
            raise DatabasePermissionDenied(tr("Permission denied: {path}", path=parent)) from exc
        if not os.access(parent, os.W_OK):
            raise DatabasePermissionDenied(tr("Permission denied: {path}", path=parent))
        return
    if path.is_dir():
        raise DatabaseUnusable(tr("{path} is not a SQLite database.", path=path))
    if not os.access(path, os.R_OK) or not os.access(path, os.W_OK):
        raise DatabasePermissionDenied(tr("Permission denied: {path}", path=path))
    if not os.access(path.parent, os.W_OK):
        # A writable file in a read-only folder: SQLite cannot make its journal (WAL) beside it.
        raise DatabasePermissionDenied(tr("Permission denied: {path} (the folder of the database must be writable)",
                                          path=path.parent))
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header and header != SQLITE_HEADER:
        raise DatabaseUnusable(tr("{path} is not a SQLite database.", path=path))


def backup_sqlite(path: Path, label: str) -> Path:
    """Copy a live SQLite file (WAL included) next to it (rosterapp.backups.make)."""
    return backups.make(path, label)


def write_failure(url: str, exc: Exception) -> str | None:
    """What the user is told when the database cannot take a write for a reason outside the program (the
    disk, the file's permissions, another writer); None for any other error."""
    path = sqlite_path(url) or shown(url)
    text = str(getattr(exc, "orig", exc))
    if "locked" in text or "busy" in text:
        return tr("The database {path} is in use by another window or process; try again when it is free.",
                  path=path)
    if "full" in text:
        return tr("The disk holding the database {path} is full; free some space and try again.", path=path)
    if "readonly" in text or "read-only" in text:
        return tr("The database {path} cannot be written: the file or its folder is read-only.", path=path)
    if "disk I/O error" in text:
        return tr("The database {path} could not be written (a disk error); try again, and have the "
                  "disk checked if it happens again.", path=path)
    state = getattr(getattr(exc, "orig", None), "sqlstate", None) or ""
    if state in ("40P01", "40001"):  # a deadlock or a serialization failure: the server undid this one
        return tr("Another clerk was writing the same rows at the same moment; nothing was changed. Try again.")
    if state.startswith(("08", "57P")) or "server closed the connection" in text or "terminating connection" in text:
        return tr("The connection to the server {path} was lost; nothing was changed. Try again when it is back.",
                  path=path)
    return None


def shown(url: str) -> str:
    """A database URL as messages and logs may show it: a password in it is hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL at all: nothing to hide
        return url


def login_refused(exc: Exception) -> str | None:
    """What the user is told when a server refuses the login (a wrong password, a disabled user); None for
    any other error."""
    orig = getattr(exc, "orig", exc)
    detail = str(orig)
    if getattr(orig, "sqlstate", None) == "28P01" or "password authentication failed" in detail:
        return tr("The server refused the login: the user name or the password is wrong.")
    if getattr(orig, "sqlstate", None) == "28000" or "not permitted to log in" in detail:
        return tr("The server refused the login: this user is disabled or may not use this database.")
    if "permission denied for database" in detail:
        return tr("The server refused the login: this user may not use this database.")
    return None


def translate_db_error(url: str, exc: Exception) -> DatabaseUnusable:
    path = sqlite_path(url) or shown(url)
    text = str(getattr(exc, "orig", exc))
    reason = write_failure(url, exc)
    if reason is not None:
        return DatabaseUnusable(reason)
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseUnusable(tr("The database {path} is damaged: {detail}", path=path, detail=text))
    return DatabaseUnusable(tr("The database cannot be reached: {detail}", detail=text.splitlines()[0]))


def _upgrade(engine: Engine) -> None:
    """Every pending migration in one transaction. On SQLite, foreign keys are off while a migration
    rebuilds a table (SQLite's own procedure for a schema change: a DROP TABLE would otherwise run the
    children's ON DELETE actions), and checked before the commit."""
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:  # on the driver's connection: outside any transaction, as SQLite needs
            conn.connection.cursor().execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                command.upgrade(alembic_config(conn), "head")
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise RuntimeError("the migration left rows that refer to missing ones")
        finally:
            if sqlite:
                conn.connection.cursor().execute("PRAGMA foreign_keys=ON")


def migrate(engine: Engine, url: str) -> None:
    """Bring the schema to head; refuse a database from a newer version; back up SQLite first."""
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        has_tables = bool(inspect(conn).get_table_names())
    if current == head:
        return
    if current is None and has_tables:
        # Tables but no schema version: another program's database. Adding ours would spoil it.
        raise DatabaseUnusable(tr("{path} is not a rosterapp database.", path=sqlite_path(url) or shown(url)))
    if current is not None:
        try:
            script.get_revision(current)
        except Exception:
            raise DatabaseUnusable(tr(
                "The database was made by a newer version of rosterapp (schema {revision}); update the program.",
                revision=current)) from None
    path = sqlite_path(url)
    backup = backups.make(path, f"before-{head}") if path is not None and has_tables else None
    # Every migration in one transaction (DDL is transactional once the driver stops autocommitting):
    # a kill or a failure half-way leaves the database as it was.
    try:
        _upgrade(writing(engine))
    except (OperationalError, DBAPIError):
        raise
    except Exception as exc:
        log.exception("migrating %s from %s to %s failed", shown(url), current, head)
        raise DatabaseUnusable(tr("The database could not be brought up to date ({detail}); it was left as it "
                                  "was. A copy from before is {backup}.", detail=f"{type(exc).__name__}: {exc}",
                                  backup=backup or "—")) from exc
    log.info("database %s migrated from %s to %s", shown(url), current, head)


WINDOW, WRITER = "window", "writer"


def open_database(url: str, *, seed: bool = True, create: bool = True, lock: str | None = None) -> Database:
    """Open, migrate and seed the database at ``url``.

    A missing SQLite file (and its folder) is made only with ``create``; else DatabaseMissing.
    ``lock`` (SQLite only) takes the writer's lock of the file: WINDOW takes it when it is free and else
    opens the file read-only; WRITER (a command that writes) waits a moment for it and else refuses.
    An existing file is quick-checked first (DatabaseDamaged names the newest good backup); with a
    lock, the day's first open keeps a daily backup.
    """
    path = sqlite_path(url)
    existed = path is not None and path.exists()
    if path is not None:
        _check_sqlite_file(path, create)
    writer_lock, read_only = None, False
    if path is not None and lock is not None:
        writer_lock = WriterLock(path)
        if not writer_lock.acquire(LOCK_WAIT_S if lock == WRITER else 0.0):
            if lock == WRITER:
                raise DatabaseUnusable(tr("The database {path} is in use by another window or process; try "
                                          "again when it is free.", path=path))
            read_only = True
    if existed and path.stat().st_size:
        try:
            _quick_check(path)
        except DatabaseDamaged:
            if writer_lock is not None:
                writer_lock.release()
            raise
    engine = make_engine(url)
    origin = uuid.uuid4().hex
    if engine.dialect.name == "postgresql":
        event.listen(engine, "connect", functools.partial(_postgres_on_connect, origin))
    try:
        if not read_only:
            migrate(engine, url)
        if engine.dialect.name == "sqlite" and not read_only:
            event.listen(engine, "before_cursor_execute", functools.partial(_sqlite_audit_write, origin))
            event.listen(engine, "commit", _sqlite_audit_commit)
            event.listen(engine, "rollback", _sqlite_audit_rollback)
        factory = sessionmaker(writing(engine), expire_on_commit=False)
        readers = sessionmaker(engine, expire_on_commit=False)
        if seed and not read_only:
            with factory.begin() as session:
                seed_reference(session)
        if writer_lock is not None and not read_only and existed:
            backups.daily(path, _kept(readers))
        login = None
        if engine.dialect.name == "postgresql":
            with engine.connect() as conn:
                login = access.resolve(conn)
            if login is not None and not login.writes_everything:
                access.Guard(login).install(engine)
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        if writer_lock is not None:
            writer_lock.release()
        refused = login_refused(exc)
        if refused is not None:
            raise DatabasePermissionDenied(refused) from None
        raise translate_db_error(url, exc) from exc
    except DatabaseUnusable:
        engine.dispose()
        if writer_lock is not None:
            writer_lock.release()
        raise
    return Database(url=url, engine=engine, session_factory=factory, read_factory=readers, lock=writer_lock,
                    read_only=read_only, origin=origin, login=login)


def _quick_check(path: Path) -> None:
    """SQLite's quick check of the file; DatabaseDamaged, naming the newest good backup, when it fails."""
    try:
        conn = sqlite3.connect(path)
        try:
            result = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        result = [(str(exc),)]
    if result != [("ok",)]:
        detail = "; ".join(str(r[0]) for r in result[:3])
        good = backups.newest_good(path)
        raise DatabaseDamaged(path, detail, good.path if good is not None else None)


KEEP_BACKUPS_SETTING = "backups_kept"


def _kept(readers: sessionmaker[Session]) -> int:
    """How many daily backups to keep: the global rule setting ``backups_kept``, else 10."""
    with readers() as session:
        value = session.scalar(select(RuleSetting.value).where(
            RuleSetting.key == KEEP_BACKUPS_SETTING, RuleSetting.operation_id.is_(None),
            RuleSetting.readiness.is_(None)))
    return int(value) if value else backups.KEEP_DAILY
