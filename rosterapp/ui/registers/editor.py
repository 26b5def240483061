"""Every edit of people, vehicles and stations as one step on the window's hub."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from sqlalchemy.orm import Session

from rosterapp.errors import StaleEdit
from rosterapp.ui.commands import RecordCommand, RecordKind


class SeenVersion:
    """The version of a record its form was opened on; saves are made only over it.

    A save refused because someone changed the record meanwhile (the refusal names them) moves to their
    version, so the clerk, having read the refusal, presses OK once more to save the form over it: one
    step, and never a silent overwrite.
    """

    def __init__(self, version: int, current: Callable[[], int | None]):
        self.version, self._current = version, current

    def save(self, save: Callable[[int], int]) -> int:
        try:
            return save(self.version)
        except StaleEdit as exc:
            now = self._current()
            if now is None:  # the record is gone: nothing to save over
                raise
            self.version = now
            hint = QCoreApplication.translate("RegisterEditor", "Press OK again to save yours over theirs, or Cancel.")
            raise StaleEdit(f"{exc.message} {hint}") from None


class RegisterEditor(QObject):
    """Turns every edit of people, vehicles and stations into one RecordCommand on the hub.

    The edit runs once through the services, which validate it (their ValidationError reaches the
    form and nothing is written); only an edit that landed goes on the stack. Undo and redo then put
    back the records read before and after it, with the same ids, so later steps still find their rows.
    The views follow the hub's Changes.
    """

    def __init__(self, window, parent: QObject | None = None):
        super().__init__(parent)
        self.setObjectName("registerEditor")
        self.window = window
        self.hub = window.hub
        self.db = self.hub.db

    def commit(self, text: str, kind: RecordKind, key: int | None, apply: Callable[[Session], int]) -> int:
        """Run ``apply`` (it returns the id of the entry it made or changed) as one step; a UserError
        (nothing written) reaches the caller."""
        command = RecordCommand(text, kind, key, apply)
        self.hub.push(command, report=False)
        return command.key
