"""The databases the tests run on: an SQLite file, and a PostgreSQL server when ROSTERAPP_TEST_DB_URL names one.

``make test`` starts a throwaway server and sets ROSTERAPP_TEST_DB_URL to its superuser URL (database
``postgres``); the model, service and command-line tests then run once per backend (the ``backend``
fixture, tests/conftest.py), the window's tests on SQLite only. A test's database is new or a private
copy of one built once per run (on PostgreSQL, ``CREATE DATABASE ... TEMPLATE``, which copies its files).
"""

from __future__ import annotations

import itertools
import os
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.engine import make_url

from rosterapp.db import open_database

SERVER_URL = os.environ.get("ROSTERAPP_TEST_DB_URL", "").strip()
SQLITE, POSTGRESQL = "sqlite", "postgresql"
NAMES = [SQLITE, POSTGRESQL] if SERVER_URL else [SQLITE]


class SqliteBackend:
    """Databases as files in the test's temporary directory."""

    name = SQLITE

    def __init__(self, scratch: Path):
        self._scratch = scratch
        self._count = itertools.count()

    def new_url(self, where: Path | None = None) -> str:
        """The URL of a database that does not exist yet (open_database makes and migrates it)."""
        folder = where or self._scratch
        return f"sqlite:///{folder / f'db-{next(self._count)}.sqlite3'}"

    def empty_url(self) -> str:
        return self.new_url()

    def build(self, build: Callable[[str], object]) -> str:
        """A database made by ``build(url)``; copy it (``copy``) before writing to it."""
        url = self.new_url()
        build(url)
        return url

    def copy(self, source: str, where: Path | None = None) -> str:
        url = self.new_url(where)
        shutil.copyfile(make_url(source).database, make_url(url).database)
        return url

    def drop_all(self) -> None:
        pass


class PostgresBackend:
    """Databases on the test server, each a copy of a template (the migrated, seeded schema, or a demo)."""

    name = POSTGRESQL

    def __init__(self, server_url: str):
        import psycopg

        self._server = make_url(server_url)
        self._conn = psycopg.connect(self._dsn("postgres"), autocommit=True)
        # Unique per backend object: a worker may hold two (the parametrized one and the server tests' own).
        self._prefix = f"rt{os.getpid()}_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{uuid.uuid4().hex[:6]}_"
        self._count = itertools.count()
        self._made: list[str] = []
        self._base: str | None = None

    def _dsn(self, database: str) -> str:
        u = self._server.set(drivername="postgresql", database=database)
        return u.render_as_string(hide_password=False)

    def url(self, database: str) -> str:
        return self._server.set(database=database).render_as_string(hide_password=False)

    def _create(self, template: str | None = None) -> str:
        name = f"{self._prefix}{next(self._count)}"
        self._conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        self._made.append(name)
        return name

    def new_url(self, where: Path | None = None) -> str:
        """A new database holding the schema and the reference data (a copy of the run's base)."""
        if self._base is None:
            self._base = self._create()
            open_database(self.url(self._base)).dispose()
        return self.url(self._create(self._base))

    def empty_url(self) -> str:
        """A new database with nothing in it (open_database migrates it): not even the schema."""
        return self.url(self._create())

    def build(self, build: Callable[[str], object]) -> str:
        url = self.new_url()
        build(url)  # it disposes its engines: a template may have no connection open
        return url

    def copy(self, source: str, where: Path | None = None) -> str:
        template = make_url(source).database
        # Connections left by the test that built it (pooled, already closed by dispose) may linger a moment.
        self._conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                           "AND pid <> pg_backend_pid()", (template,))
        return self.url(self._create(template))

    def drop_all(self) -> None:
        for name in reversed(self._made):
            self._conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._made.clear()
        self._conn.close()


class Built:
    """Databases built once per run and backend, by key (``once(key, build)``), for tests to copy."""

    def __init__(self, backend):
        self.backend = backend
        self._built: dict[object, str] = {}

    def once(self, key, build: Callable[[str], object]) -> str:
        if key not in self._built:
            self._built[key] = self.backend.build(build)
        return self._built[key]


def make_backend(name: str, scratch: Path) -> SqliteBackend | PostgresBackend:
    return PostgresBackend(SERVER_URL) if name == POSTGRESQL else SqliteBackend(scratch)


def contents(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: two calls compare equal when nothing was written in between."""
    from sqlalchemy import create_engine, select

    from rosterapp.models import Base

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {t.name: sorted(map(tuple, conn.execute(select(t))), key=repr) for t in Base.metadata.sorted_tables}
    finally:
        engine.dispose()
