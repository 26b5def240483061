"""Who writes at this desk, as every record a write adds or changes names them (``changed_by``) and the
audit log's groups on SQLite name them (on a server the login's name is used instead)."""

from __future__ import annotations

import functools
import getpass
import logging
import os
import tomllib
from pathlib import Path

import platformdirs

log = logging.getLogger("rosterapp.desk")

CONFIG_ENV = "ROSTERAPP_CONFIG"  # names the configuration file instead of the default place
CONFIG_NAME = "rosterapp.toml"


def config_path() -> Path:
    """The configuration file: $ROSTERAPP_CONFIG, else rosterapp.toml in the user's configuration folder
    (~/.config/rosterapp on Linux, %APPDATA%\\rosterapp on Windows)."""
    named = os.environ.get(CONFIG_ENV, "").strip()
    if named:
        return Path(named)
    return Path(platformdirs.user_config_dir("rosterapp", "rosterapp")) / CONFIG_NAME


def configured_desk() -> str:
    """The ``desk = "..."`` line of the configuration file; "" when there is none (or it cannot be read,
    which the log says)."""
    path = config_path()
    try:
        with path.open("rb") as fh:
            value = tomllib.load(fh).get("desk", "")
    except FileNotFoundError:
        return ""
    except (OSError, tomllib.TOMLDecodeError) as exc:
        log.warning("the configuration file %s could not be read: %s", path, exc)
        return ""
    return str(value).strip()


@functools.cache
def user_name() -> str:
    """The desk's name: $ROSTERAPP_DESK, else the configuration file's ``desk``, else the operating system's
    login name; one per process, the same for the window and the command line."""
    desk = os.environ.get("ROSTERAPP_DESK", "").strip() or configured_desk()
    if desk:
        return desk[:64]
    try:
        return getpass.getuser()[:64]
    except Exception:  # no login name (a service account without a passwd entry)
        return "?"
