"""Paths (platformdirs), database URL resolution and the program's fixed names."""

from __future__ import annotations

import os
import re
from pathlib import Path

import platformdirs
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from rosterapp.errors import EXIT_DATABASE, UsageError, UserError
from rosterapp.i18n import tr

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


class DatabaseDriverMissing(UserError):
    """The database URL names a server whose Python driver is not installed (exit 4)."""

    exit_code = EXIT_DATABASE


def _named(arg: str | None) -> tuple[str, str] | None:
    """(what ``--db`` or $ROSTERAPP_DB says, which of them said it), or None when neither is given."""
    if arg is not None:
        return arg, "--db"
    value = os.environ.get(DB_ENV)
    if value is not None:
        return value, f"${DB_ENV}"
    return None


def resolve_db_url(arg: str | None) -> str:
    """A SQLAlchemy URL from ``--db`` (a path or a URL), else $ROSTERAPP_DB, else the default file.

    An empty ``--db`` (or $ROSTERAPP_DB set but empty: a script's variable that was never filled) is a
    usage error, never the user's default database; so is an in-memory SQLite database, which would
    keep nothing of what a command or the window writes. A PostgreSQL URL without a driver is read as
    ``postgresql+psycopg``, the driver of ``pip install 'rosterapp[postgres]'``.
    """
    named = _named(arg)
    if named is None:
        return "sqlite:///" + str(default_db_path())
    value, source = named
    text = value.strip()
    if not text:
        raise UsageError(tr("{option} is empty: name a database file or URL.", option=source))
    if text == ":memory:":
        raise UsageError(_in_memory())
    if not is_url(text):
        return "sqlite:///" + str(Path(value).expanduser().resolve())
    try:
        url = make_url(text)
    except (ArgumentError, ValueError):  # ValueError: a port that is no number
        # What was typed may hold a password (user:secret@host): it is not repeated back.
        raise UsageError(tr("Not a database URL: {url}", url=re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", text))) from None
    if url.get_backend_name() == "sqlite" and _is_memory(url):
        raise UsageError(_in_memory())
    if url.drivername in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return text


def _is_memory(url: URL) -> bool:
    database = url.database or ""
    return database in ("", ":memory:") or database.startswith("file::memory:") or url.query.get("mode") == "memory"


def _in_memory() -> str:
    return tr("An in-memory database keeps nothing once the program ends; name a database file with --db.")


def check_driver(url: str) -> None:
    """DatabaseDriverMissing when the Python driver of a server URL is not installed; an unknown kind of
    database is a usage error. SQLite's driver comes with Python."""
    try:
        parsed = make_url(url)
        dialect = parsed.get_dialect()
    except (ArgumentError, NoSuchModuleError):
        raise UsageError(tr("Not a database URL rosterapp can use: {url}",
                            url=_shown_url(url))) from None
    if parsed.get_backend_name() == "sqlite":
        return
    try:
        dialect.import_dbapi()
    except ImportError:
        if parsed.get_backend_name() == "postgresql":
            raise DatabaseDriverMissing(tr(
                "The PostgreSQL driver is not installed; install it with: pip install 'rosterapp[postgres]'")) from None
        raise DatabaseDriverMissing(tr("The database driver {driver} is not installed.",
                                       driver=parsed.get_driver_name())) from None


def _shown_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def named_db_file(arg: str | None) -> Path | None:
    """The SQLite file that ``--db`` (else $ROSTERAPP_DB) names; None for the default database or a server URL.

    A file named on purpose must already exist unless ``--create`` says to make it (spec/cli.md):
    otherwise a mistyped path would quietly become a new, empty database.
    """
    if _named(arg) is None:
        return None
    return sqlite_path(resolve_db_url(arg))


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL; None for another backend or an in-memory database."""
    if not url.startswith("sqlite"):
        return None
    _, _, rest = url.partition(":///")
    if not rest or rest == ":memory:":
        return None
    return Path(rest.split("?", 1)[0])
