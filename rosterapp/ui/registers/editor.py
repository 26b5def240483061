"""Every edit of people, vehicles and stations as one step on the window's hub."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from sqlalchemy.orm import Session

from rosterapp.ui.commands import RecordCommand, RecordKind


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
