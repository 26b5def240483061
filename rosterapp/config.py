"""Paths (platformdirs), database URL resolution and the program's fixed names."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "rosterapp"
APP_AUTHOR = "rosterapp"
DB_ENV = "ROSTERAPP_DB"
DEFAULT_DB_NAME = "roster.sqlite3"
DEMO_DB_NAME = "demo.sqlite3"


def data_dir() -> Path:
    """The user data directory, where the databases live (created on first use)."""
    path = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    """The user log directory (created on first use)."""
    path = Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / DEFAULT_DB_NAME


def demo_db_path() -> Path:
    """The database `make run` fills with the small demo on first use."""
    return data_dir() / DEMO_DB_NAME


def is_url(text: str) -> bool:
    return "://" in text


def resolve_db_url(arg: str | None) -> str:
    """A SQLAlchemy URL from ``--db`` (a path or a URL), else $ROSTERAPP_DB, else the default file."""
    value = arg or os.environ.get(DB_ENV) or str(default_db_path())
    if is_url(value):
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def named_db_file(arg: str | None) -> Path | None:
    """The SQLite file that ``--db`` (else $ROSTERAPP_DB) names; None for the default database or a server URL.

    A file named on purpose must already exist unless ``--create`` says to make it (spec/cli.md):
    otherwise a mistyped path would quietly become a new, empty database.
    """
    value = arg or os.environ.get(DB_ENV)
    if not value:
        return None
    return sqlite_path(resolve_db_url(value))


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL; None for another backend or an in-memory database."""
    if not url.startswith("sqlite"):
        return None
    _, _, rest = url.partition(":///")
    if not rest or rest == ":memory:":
        return None
    return Path(rest.split("?", 1)[0])
