"""Test-wide setup: offscreen Qt, private user directories, and a fresh seeded database per test."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
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

from rosterapp.config import resolve_db_url  # noqa: E402
from rosterapp.db import Database, open_database  # noqa: E402


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where this test's database file goes (not created)."""
    return tmp_path / "roster.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """A new, migrated database holding the reference data, in a real SQLite file."""
    database = open_database(resolve_db_url(str(db_path)))
    yield database
    database.dispose()
