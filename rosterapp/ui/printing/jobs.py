"""Print jobs off the GUI thread: the worker reads the plan and paints; the window shows progress and Cancel.

The worker touches no widget: it paints on a QPdfWriter or QPrinter (which Qt allows outside the
GUI thread) and reports through queued signals. Cancel sets a flag the worker reads between pages.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from rosterapp.errors import UserError
from rosterapp.ui.printing.render import Cancelled

log = logging.getLogger("rosterapp.print")

# report(done, total) and cancelled() for the task; its return value goes to `succeeded`.
Report = Callable[[int, int], None]
Task = Callable[[Report, Callable[[], bool]], object]


class PrintJob(QThread):
    """Runs one task in its own thread.

    Signals:
        progressed(int done, int total): sheets done so far.
        succeeded(object result): the task's return value.
        failed(str message): a problem the clerk can act on (a missing font, an unwritable file).
        crashed(object exception): a bug; the window re-raises it for the crash dialog.
        cancelled(): the clerk cancelled; nothing was written.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
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
            self.failed.emit(exc.message)
        except OSError as exc:
            self.failed.emit(f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc))
        except Exception as exc:
            log.exception("print job failed")
            self.crashed.emit(exc)
        else:
            self.succeeded.emit(result)


def show_progress(job: PrintJob, parent: QWidget, label: str, cancel_text: str) -> QProgressDialog:
    """A window-modal progress dialog for a job: it follows the job's progress, and its Cancel cancels it."""
    dialog = QProgressDialog(label, cancel_text, 0, 0, parent)
    dialog.setObjectName("printProgress")
    dialog.setWindowTitle(label)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)  # a one-sheet job is done before a dialog would flash up
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def progressed(done: int, total: int) -> None:
        if dialog.maximum() != total:
            dialog.setMaximum(total)
        dialog.setValue(done)

    job.progressed.connect(progressed)
    dialog.canceled.connect(job.cancel)
    for signal in (job.succeeded, job.failed, job.crashed, job.cancelled):
        signal.connect(dialog.close)
    return dialog
