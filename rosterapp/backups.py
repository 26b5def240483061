"""Copies of a SQLite database beside it: before a migration, once a day, before a restore; restoring one.

A copy is named ``<file>.<kind>-<YYYYmmdd-HHMMSS-ffffff>.bak`` (Beijing time): ``before-<revision>``
before a migration (never rotated away), ``daily`` at the first open of a day (the newest ``keep``
kept), ``before-restore`` before a restore writes over the file. Copies are made with SQLite's online
backup API, so a live file (its WAL included) is copied whole, and never over an existing copy.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from rosterapp.clock import BEIJING, today
from rosterapp.i18n import tr

log = logging.getLogger("rosterapp.backups")

DAILY = "daily"
BEFORE_RESTORE = "before-restore"
KEEP_DAILY = 10
_NAME = re.compile(r"\.(?P<kind>[a-z0-9-]+?)-(?P<stamp>\d{8}-\d{6}-\d{6})(?:-\d+)?\.bak$")


class BackupError(Exception):
    """A backup that cannot be listed, made or restored; the message is for the user."""


@dataclass(frozen=True)
class Backup:
    path: Path
    kind: str  # "daily", "before-0002", "before-restore", ...
    made: dt.datetime
    size: int

    @property
    def migration(self) -> bool:
        return self.kind.startswith("before-") and self.kind != BEFORE_RESTORE


def make(path: Path, kind: str) -> Path:
    """Copy the live file ``path`` beside it as a backup of ``kind``; returns the copy's path."""
    stamp = dt.datetime.now(BEIJING).strftime("%Y%m%d-%H%M%S-%f")
    target = path.with_name(f"{path.name}.{kind}-{stamp}.bak")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{kind}-{stamp}-{n}.bak")
        n += 1
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    log.info("backup of %s written to %s", path, target)
    return target


def listed(path: Path) -> list[Backup]:
    """The backups beside ``path``, the newest first."""
    found = []
    for candidate in path.parent.glob(f"{path.name}.*.bak"):
        match = _NAME.search(candidate.name[len(path.name):])
        if match is None:
            continue
        made = dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S-%f")
        found.append(Backup(candidate, match["kind"], made, candidate.stat().st_size))
    return sorted(found, key=lambda b: b.made, reverse=True)


def daily(path: Path, keep: int = KEEP_DAILY) -> Path | None:
    """At the first open of a day: a daily copy, and only the newest ``keep`` daily copies kept
    (copies made before migrations or restores are never removed). Returns the new copy, if one was made."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    existing = [b for b in listed(path) if b.kind == DAILY]
    made = None
    if not any(b.made.date() == today() for b in existing):
        made = make(path, DAILY)
        existing = [b for b in listed(path) if b.kind == DAILY]
    for old in existing[max(keep, 1):]:
        old.path.unlink(missing_ok=True)
        log.info("old daily backup %s removed", old.path)
    return made


def is_good(candidate: Path) -> bool:
    """Whether a file is a readable SQLite database that passes SQLite's quick check."""
    try:
        conn = sqlite3.connect(f"file:{candidate}?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False


def newest_good(path: Path) -> Backup | None:
    """The newest backup beside ``path`` that passes the quick check."""
    return next((b for b in listed(path) if is_good(b.path)), None)


def restore(path: Path, backup: Path) -> Path | None:
    """Put ``backup`` in place of the database ``path``, after copying the current file aside (when it
    can still be read). Returns that copy.

    The caller holds the writer's lock and has no connection open on ``path``: the file is replaced
    whole (its WAL and shared-memory files removed), atomically, so a kill leaves the old or the new.
    """
    if not backup.exists():
        raise BackupError(tr("There is no backup {path}.", path=backup))
    if not is_good(backup):
        raise BackupError(tr("{path} is not a good copy of a database; nothing was restored.", path=backup))
    aside = make(path, BEFORE_RESTORE) if path.exists() and is_good(path) else None
    staged = path.with_name(path.name + ".restoring")
    shutil.copyfile(backup, staged)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    os.replace(staged, path)
    log.info("%s restored from %s (the file before is %s)", path, backup, aside)
    return aside
