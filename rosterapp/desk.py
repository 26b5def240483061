"""Who writes at this desk, as every record a write adds or changes names them (``changed_by``)."""

from __future__ import annotations

import functools
import getpass
import os


@functools.cache
def user_name() -> str:
    """The desk's name ($ROSTERAPP_DESK), else the operating system's login name; one per process."""
    desk = os.environ.get("ROSTERAPP_DESK", "").strip()
    if desk:
        return desk[:64]
    try:
        return getpass.getuser()[:64]
    except Exception:  # no login name (a service account without a passwd entry)
        return "?"
