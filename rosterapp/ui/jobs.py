"""Long work off the GUI thread: one task in a QThread that touches no widget and reports by signals."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QThread, Signal

from rosterapp.errors import Cancelled, UserError

log = logging.getLogger("rosterapp.ui.jobs")

# report(done, total) and cancelled() for the task; its return value goes to `succeeded`.
Report = Callable[[int, int], None]
Task = Callable[[Report, Callable[[], bool]], object]


class Job(QThread):
    """Runs one task (an export, an import, a merge, a print job) in its own thread.

    The task gets ``report(done, total)`` and ``cancelled()``; it raises Cancelled when it sees the
    flag, after removing what it had begun to write.

    Signals:
        progressed(int done, int total): work done so far.
        succeeded(object result): the task's return value.
        rejected(object error): the input was refused (a UserError: every bad cell, or one line).
        failed(str message): a file could not be read or written.
        crashed(object exception): a bug; the window re-raises it for the crash dialog.
        cancelled(): the clerk cancelled; nothing was written.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    rejected = Signal(object)
    failed = Signal(str)
    crashed = Signal(object)
    cancelled = Signal()

    def __init__(self, task: Task, parent=None):
        super().__init__(parent)
        self._task = task
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def is_cancelled(self) -> bool:
        return self._stop.is_set()

    def run(self) -> None:
        try:
            result = self._task(self.progressed.emit, self._stop.is_set)
        except Cancelled:
            self.cancelled.emit()
        except UserError as exc:
            self.rejected.emit(exc)
        except OSError as exc:
            self.failed.emit(f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc))
        except Exception as exc:
            log.exception("job failed")
            self.crashed.emit(exc)
        else:
            self.succeeded.emit(result)
