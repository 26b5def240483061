"""Logging: one named logger per area, to a rotating file in the user log directory."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from rosterapp.config import log_dir

LOG_FILE_NAME = "rosterapp.log"
_log_path: Path | None = None


def setup_logging(debug: bool = False) -> Path | None:
    """Log to the rotating file (and to stderr with --debug); returns the file's path."""
    global _log_path
    root = logging.getLogger("rosterapp")
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    if root.handlers:
        return _log_path
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        path = log_dir() / LOG_FILE_NAME
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3,
                                                       encoding="utf-8")
        handler.setFormatter(fmt)
        root.addHandler(handler)
        _log_path = path
    except OSError:
        _log_path = None
    if debug:
        console = logging.StreamHandler()
        console.setFormatter(fmt)
        root.addHandler(console)
    return _log_path


def log_path() -> Path | None:
    return _log_path
