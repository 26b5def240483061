"""Test-wide setup: offscreen Qt, private user directories, and a fresh seeded database per test."""

from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

# Before anything imports Qt: no test may need a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# platformdirs (databases, logs) and QSettings follow the XDG variables on Linux; pointing them at a
# private directory means no test, nor a subprocess it starts, reads or writes a user's real data.
USER_DIRS = Path(tempfile.mkdtemp(prefix="rosterapp-tests-"))
for _var, _sub in (("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state"),
                   ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache")):
    os.environ[_var] = str(USER_DIRS / _sub)
os.environ.pop("ROSTERAPP_DB", None)
atexit.register(shutil.rmtree, USER_DIRS, ignore_errors=True)

import pytest  # noqa: E402
from sqlalchemy import event, text  # noqa: E402

from rosterapp.config import resolve_db_url  # noqa: E402
from rosterapp.db import Database, open_database  # noqa: E402
from tests.backends import NAMES, SERVER_URL, SQLITE, Built, PostgresBackend, make_backend  # noqa: E402

# The window's tests stay on SQLite (one desk); so does a test marked sqlite_only (files, locks, backups).
SQLITE_ONLY_DIRS = ("ui", "packaging")


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "sqlite_only: the test is about SQLite itself (files, locks, pragmas), or its "
                                       "subject (a command's output, the solver's choices) is the same on every backend")


def pytest_generate_tests(metafunc) -> None:
    """A test that uses the ``backend`` fixture runs once per backend: SQLite, and PostgreSQL when the
    suite has a server (ROSTERAPP_TEST_DB_URL)."""
    if "backend" not in metafunc.fixturenames:
        return
    parts = Path(str(metafunc.definition.path)).relative_to(Path(__file__).parent).parts
    marks = getattr(metafunc.module, "pytestmark", [])
    marks = marks if isinstance(marks, list) else [marks]
    sqlite_only = (parts[0] in SQLITE_ONLY_DIRS or metafunc.definition.get_closest_marker("sqlite_only")
                   or any(m.name == "sqlite_only" for m in marks))
    names = [SQLITE] if sqlite_only else NAMES
    metafunc.parametrize("backend", names, indirect=True, scope="session")


@pytest.fixture(scope="session")
def backend(request, tmp_path_factory):
    """Where this test's databases live: ``backend.new_url()``, ``backend.copy(url)``; ``.name`` says which."""
    made = make_backend(request.param, tmp_path_factory.mktemp(request.param))
    yield made
    made.drop_all()


@pytest.fixture(scope="session")
def postgres():
    """The test server alone (for the tests of server mode itself); they are skipped without one."""
    if not SERVER_URL:
        pytest.skip("ROSTERAPP_TEST_DB_URL is not set: no PostgreSQL server to test on")
    made = PostgresBackend(SERVER_URL)
    yield made
    made.drop_all()


@pytest.fixture
def server_url(postgres) -> str:
    """A new database on the test server (schema and reference data), the superuser's URL of it."""
    return postgres.new_url()


@pytest.fixture
def clerks(server_url) -> Iterator[Callable[[], Database]]:
    """``clerks()`` opens the server database of ``server_url`` once more: each is another clerk's window."""
    opened: list[Database] = []

    def clerk() -> Database:
        opened.append(open_database(server_url))
        return opened[-1]

    yield clerk
    for db in opened:
        db.dispose()


@pytest.fixture(scope="session")
def built(backend) -> Built:
    """Databases built once per run on this backend: ``built.once(key, build)`` gives the URL to copy."""
    return Built(backend)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where this test's database file goes (not created)."""
    return tmp_path / "roster.sqlite3"


@pytest.fixture
def db(backend, db_path: Path) -> Iterator[Database]:
    """A new, migrated database holding the reference data: a real SQLite file (at ``db_path``), or a new
    database on the test server."""
    database = open_database(resolve_db_url(str(db_path)) if backend.name == SQLITE else backend.new_url())
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def demo_files(tmp_path_factory) -> Callable[..., Path]:
    """Demo databases built once per run and kept as files: ``demo_files(seed=3)`` is the small demo
    of seed 3 from 2027-03-01 (``scale``, ``start`` and ``days`` as for ``demo.generate``)."""
    from rosterapp.services import demo

    built: dict[tuple, Path] = {}

    def build(*, scale: str = "small", seed: int = 1, start: dt.date = dt.date(2027, 3, 1),
              days: int | None = None) -> Path:
        key = (scale, seed, start, days)
        if key not in built:
            path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
            database = open_database(resolve_db_url(str(path)))
            demo.generate(database, scale=scale, seed=seed, start=start, days=days)
            database.dispose()  # the last connection checkpoints the WAL into the file
            built[key] = path
        return built[key]

    return build


def build_demo(url: str, *, scale: str = "small", seed: int = 1, start: dt.date = dt.date(2027, 3, 1),
               days: int | None = None) -> None:
    from rosterapp.services import demo

    database = open_database(url)
    demo.generate(database, scale=scale, seed=seed, start=start, days=days)
    database.dispose()


@pytest.fixture
def demo_copy(backend, built, demo_files, tmp_path) -> Iterator[Callable[..., Database]]:
    """A test's own copy of a demo database (``demo_copy(seed=3)``): the demo is generated once per
    run and backend, and every test that writes to it writes to its copy."""
    opened: list[Database] = []

    def copy(**kwargs) -> Database:
        if backend.name == SQLITE:
            path = tmp_path / f"demo-{len(opened)}.sqlite3"
            shutil.copyfile(demo_files(**kwargs), path)
            url = resolve_db_url(str(path))
        else:
            key = ("demo", *sorted(kwargs.items()))
            url = backend.copy(built.once(key, lambda u: build_demo(u, **kwargs)))
        database = open_database(url)
        opened.append(database)
        return database

    yield copy
    for database in opened:
        database.dispose()


@pytest.fixture
def fill_the_disk() -> Callable[[Database], None]:
    """``fill_the_disk(db)``: from then on the database may not grow by a page, which is what a full
    disk does to SQLite (it answers "database or disk is full")."""

    def fill(db: Database) -> None:
        with db.read() as s:
            pages = s.execute(text("PRAGMA page_count")).scalar()

        @event.listens_for(db.engine, "connect")
        def cap(conn, _record):
            conn.execute(f"PRAGMA max_page_count = {pages}")

        db.engine.dispose()

    return fill
