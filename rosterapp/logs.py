"""Logging: one named logger per area, to a rotating file in the user log directory."""

from __future__ import annotations

import logging
import logging.handlers
import os
import tempfile
import traceback
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


def crash_report(exc: BaseException) -> Path | None:
    """Write ``exc`` and its traceback to the crash report and return its path: the log file, or when
    that could not be opened a file of its own in the temporary folder (None if even that fails)."""
    logging.getLogger("rosterapp.crash").critical("internal error", exc_info=exc)
    if _log_path is not None:
        for handler in logging.getLogger("rosterapp").handlers:
            handler.flush()
        return _log_path
    try:
        fd, name = tempfile.mkstemp(prefix="rosterapp-crash-", suffix=".log")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("".join(traceback.format_exception(exc)))
        return Path(name)
    except OSError:
        return None
