"""Files written for the clerk (HQ workbooks, shift-sheet PDFs): where they may go, and writing them whole or not at all.

``check_output`` is the one check of a target path: the command line's ``export``, ``print`` and
``merge`` and the window's Save dialogs ask it before any work, and ``atomic_output`` asks it again
before it writes. It refuses a folder, a missing folder, the database in use with its working and
backup files (or any SQLite file), a device, and (exit 5) a read-only file or folder.

``atomic_output`` writes to a ``.part`` file beside the target, has the writer's result checked (a
full disk leaves a 0-byte or cut-off file that a writer may not notice), flushes it to the disk and
only then renames it onto the target: the earlier file stays until a whole new one takes its place.
The ``.part`` files a killed export or print left behind are removed when the next one to that
target starts; a part file that a running writer holds (locked) is left alone.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from rosterapp.config import sqlite_path
from rosterapp.errors import OutputDenied, OutputError, OutputFailed
from rosterapp.i18n import tr

try:  # POSIX: a running writer holds a lock on its part file, so another never removes it
    import fcntl
except ImportError:  # Windows: an open file cannot be deleted, which protects it the same way
    fcntl = None

SQLITE_HEADER = b"SQLite format 3\x00"
# SQLite's files beside a database: write-ahead log, shared memory, rollback journal.
DATABASE_SIDE_FILES = ("-wal", "-shm", "-journal")
BACKUP_SUFFIX = ".bak"
PART_SUFFIX = ".part"
_TOKEN_HEX = 8
_WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
# Errors of the disk, not of the program: said to the clerk in a line, never a crash report.
_DISK_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file is too large for this disk",
    errno.EIO: "the disk reported an error",
}
_DENIED = (errno.EACCES, errno.EPERM, errno.EROFS)

Problem = Callable[[Path], "str | None"]


# -- where a file may go ---------------------------------------------------------------------------

def check_output(path: str | os.PathLike, *, database: str | os.PathLike | None = None,
                 inputs: Iterable[str | os.PathLike] = ()) -> Path:
    """The target ``path`` if a workbook or PDF may be written there; else OutputError (exit 2) or
    OutputDenied (exit 5), with one line saying why.

    ``database``: the database in use (a SQLite URL or file; a server URL is nothing to protect).
    ``inputs``: files the command reads (merge's sub-plans), which it must not write over either.
    """
    raw = os.fspath(path)
    if not raw.strip():
        raise OutputError(tr("Name the file to write."))
    target = Path(raw).expanduser()
    if raw.endswith(("/", os.sep)) or target.is_dir():
        raise OutputError(tr("Cannot write {path}: it is a folder; name a file in it.", path=target))
    folder = target.parent
    if not folder.exists():
        raise OutputError(tr("Cannot write {path}: the folder {folder} does not exist.", path=target,
                             folder=_shown(folder)))
    if not folder.is_dir():
        raise OutputError(tr("Cannot write {path}: {folder} is not a folder.", path=target, folder=_shown(folder)))
    if target.exists() and not target.is_file():
        raise OutputError(tr("Cannot write {path}: it is not an ordinary file.", path=target))
    _refuse_protected(target, database, inputs)
    if not _writable(folder):
        raise OutputDenied(tr("Cannot write {path}: the folder {folder} is read-only.", path=target,
                              folder=_shown(folder)))
    if target.exists() and not _writable(target):
        raise OutputDenied(tr("Cannot write {path}: the file is read-only.", path=target))
    return target


def _shown(folder: Path) -> str:
    """A folder as the clerk named it; the current folder by its full name rather than "."."""
    return str(folder) if str(folder) not in ("", ".") else str(Path.cwd())


def _writable(path: Path) -> bool:
    """Writable by this user, and not marked read-only: root may write anything, but a file or folder
    without any write permission was made read-only on purpose and is left so."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return os.access(path, os.W_OK) and bool(mode & _WRITE_BITS)


def _real(path: Path) -> str:
    return os.path.normcase(os.path.realpath(path))


def _same(a: Path, b: Path) -> bool:
    """The same file: by inode when both exist (hard links, other spellings), else by resolved name."""
    with suppress(OSError):
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    return _real(a) == _real(b)


def _database_file(database: str | os.PathLike | None) -> Path | None:
    if database is None:
        return None
    text = os.fspath(database)
    return sqlite_path(text) if "://" in text else Path(text)


def _is_sqlite(path: Path) -> bool:
    with suppress(OSError), path.open("rb") as fh:
        return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    return False


def _refuse_protected(target: Path, database: str | os.PathLike | None, inputs: Iterable) -> None:
    db = _database_file(database)
    if db is not None:
        if _same(target, db):
            raise OutputError(tr("Cannot write {path}: it is the database in use.", path=target))
        if _same(target.parent, db.parent):
            name, base = target.name.casefold(), db.name.casefold()
            if name in {base + side for side in DATABASE_SIDE_FILES}:
                raise OutputError(tr("Cannot write {path}: it is a working file of the database {db}.",
                                     path=target, db=db))
            if name.startswith(base) and name.endswith(BACKUP_SUFFIX):
                raise OutputError(tr("Cannot write {path}: it is a backup of the database {db}.", path=target, db=db))
    if target.is_file() and _is_sqlite(target):
        raise OutputError(tr("Cannot write {path}: it is a database file.", path=target))
    for source in inputs:
        if _same(target, Path(source)):
            raise OutputError(tr("Cannot write {path}: it is one of the files being read.", path=target))


# -- writing it whole or not at all ----------------------------------------------------------------

def partial_path(target: Path) -> Path:
    """A new part file's name beside ``target``: ``.plan.xlsx.1f2e3d4c.part``."""
    return target.with_name(f".{target.name}.{secrets.token_hex(_TOKEN_HEX // 2)}{PART_SUFFIX}")


def part_files(target: Path) -> list[Path]:
    """The part files of ``target`` beside it (another target's never match)."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.[0-9a-f]{{{_TOKEN_HEX}}}{re.escape(PART_SUFFIX)}")
    try:
        return sorted(p for p in target.parent.iterdir() if pattern.fullmatch(p.name))
    except OSError:
        return []


def _lock(fd: int, *, wait: bool) -> bool:
    if fcntl is None:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError:
        return False
    return True


def remove_stale_parts(target: Path) -> list[Path]:
    """Remove the part files an export or print to ``target`` that was killed left behind; returns them.

    One that a running export or print still writes is locked (POSIX) or open (Windows) and stays.
    """
    removed = []
    for part in part_files(target):
        if fcntl is None:
            with suppress(OSError):  # refused while its writer has it open
                part.unlink()
                removed.append(part)
            continue
        try:
            fd = os.open(part, os.O_RDONLY)
        except OSError:
            continue
        try:
            if _lock(fd, wait=False):
                with suppress(OSError):
                    part.unlink()
                    removed.append(part)
        finally:
            os.close(fd)
    return removed


def disk_reason(exc: OSError) -> str | None:
    """What a disk error means to a clerk, or None when it is not one (a bug goes to the crash report)."""
    reason = _DISK_REASONS.get(exc.errno)
    return tr(reason) if reason else None


def refusal(target: Path, exc: OSError, existed: bool) -> OutputError | None:
    """The user error an OSError met while writing ``target`` is, or None for one that is a bug."""
    if exc.errno in _DENIED:
        return OutputDenied(tr("Cannot write {path}: permission denied.", path=target))
    reason = disk_reason(exc)
    if reason is None:
        return None
    return failed(target, reason, existed)


def failed(target: Path, reason: str, existed: bool) -> OutputFailed:
    outcome = tr("the earlier file was kept.") if existed else tr("nothing was written.")
    return OutputFailed(tr("Cannot write {path}: {reason}; {outcome}", path=target, reason=reason, outcome=outcome))


@contextmanager
def atomic_output(target: str | os.PathLike, *, problem: Problem | None = None) -> Iterator[Path]:
    """A part file beside ``target`` for the block to write (by name); renamed onto ``target`` once the block
    is done, ``problem(part)`` finds nothing wrong with it and it is on the disk. Otherwise the part file
    is removed, ``target`` stays as it was, and a disk error becomes OutputFailed (exit 3)."""
    target = check_output(target)
    existed = target.exists()
    remove_stale_parts(target)
    part = partial_path(target)
    try:
        # The user's usual permissions (umask), not a temporary file's private ones.
        fd = os.open(part, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        user_error = refusal(target, exc, existed)
        if user_error is None:
            raise
        raise user_error from exc
    try:
        _lock(fd, wait=True)
        yield part
        # fsync through our descriptor: the writers closed theirs, and the data must be on the disk
        # before the rename, or a power cut leaves an empty file under the clerk's name.
        os.fsync(fd)
        reason = problem(part) if problem is not None else None
        if reason:
            raise failed(target, reason, existed)
        os.replace(part, target)
    except OSError as exc:
        part.unlink(missing_ok=True)
        user_error = refusal(target, exc, existed)
        if user_error is None:
            raise
        raise user_error from exc
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def pdf_problem(path: Path) -> str | None:
    """Why the PDF at ``path`` is not whole (empty, or cut off before its ``%%EOF`` trailer), or None."""
    size = _size(path)
    if size == 0:
        return tr("the PDF came out empty (is the disk full?)")
    with path.open("rb") as fh:
        head = fh.read(5)
        fh.seek(max(0, size - 1024))
        tail = fh.read()
    if head != b"%PDF-" or not tail.rstrip().endswith(b"%%EOF"):
        return tr("the PDF came out incomplete (is the disk full?)")
    return None


def zip_problem(path: Path, expected_size: int | None = None) -> str | None:
    """Why the workbook (a zip package) at ``path`` is not whole, or None."""
    size = _size(path)
    if size == 0:
        return tr("the workbook came out empty (is the disk full?)")
    if (expected_size is not None and size != expected_size) or not zipfile.is_zipfile(path):
        return tr("the workbook came out incomplete (is the disk full?)")
    return None
