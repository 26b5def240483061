"""Errors a user can act on, typed, each with the command line's exit code."""

from __future__ import annotations

from dataclasses import dataclass, field

EXIT_OK = 0
EXIT_CHECK_ERRORS = 1
EXIT_USAGE = 2
EXIT_INPUT_REJECTED = 3
EXIT_DATABASE = 4
EXIT_PERMISSION = 5
EXIT_INTERNAL = 70  # a bug: the crash report's path is printed (spec/cli.md)
# The window's system libraries are missing (sysexits' EX_OSFILE): the Debian packages are named.
EXIT_SYSTEM_LIBRARIES = 72


class UserError(Exception):
    """Base of errors whose message is meant for the user (already translated)."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Cancelled(Exception):
    """The clerk cancelled a long job (export, printing); nothing was written."""


class UsageError(UserError):
    """A bad argument: unknown detachment, station, post or operation, a bad date (exit 2)."""

    exit_code = EXIT_USAGE


class NotFound(UsageError):
    """A named thing does not exist."""


class InputRejected(UserError):
    """A file that cannot be used as given (a backup that is not a good database); nothing was written (exit 3)."""

    exit_code = EXIT_INPUT_REJECTED


class PermissionDenied(UserError):
    """The user may not read or write a file or folder the command needs (exit 5)."""

    exit_code = EXIT_PERMISSION


class OutputError(UsageError):
    """A file the program was asked to write (a workbook, a PDF) cannot go there: a folder, the database,
    a missing folder (exit 2). Nothing was written; a file already there is as it was."""


class OutputDenied(OutputError):
    """The target file or its folder is read-only (exit 5); nothing was written."""

    exit_code = EXIT_PERMISSION


class OutputFailed(OutputError):
    """Writing the file failed or it came out incomplete (a full disk); the earlier file, if any, was
    kept and nothing else was left behind (exit 3: nothing was written)."""

    exit_code = EXIT_INPUT_REJECTED


@dataclass
class FieldError:
    """One bad value: which field (or spreadsheet cell) and why."""

    field: str
    reason: str
    row: int | None = None

    def __str__(self) -> str:
        if self.row is not None:
            return f"row {self.row}, column {self.field}: {self.reason}"
        return f"{self.field}: {self.reason}"


class ValidationError(UserError):
    """Input that was refused; carries every bad field. Nothing was written (exit 3)."""

    exit_code = EXIT_INPUT_REJECTED

    def __init__(self, errors: list[FieldError] | FieldError):
        self.errors = errors if isinstance(errors, list) else [errors]
        super().__init__("; ".join(str(e) for e in self.errors))


@dataclass
class Conflict(UserError):
    """An edit that cannot be made as it stands (a duplicate key, a person with history)."""

    message: str
    details: list[str] = field(default_factory=list)
    exit_code = EXIT_INPUT_REJECTED

    def __post_init__(self):
        Exception.__init__(self, self.message)


class StaleEdit(Conflict):
    """An undo or redo found the rows changed since its step was made (by a later edit, an import, or
    another clerk): it writes nothing, so that nobody's work is put back over."""
