"""Long work off the GUI thread: one task in a QThread that touches no widget and reports by signals."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThread, Signal
from PySide6.QtWidgets import QMainWindow
from sqlalchemy.exc import DBAPIError

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
            # For a rename (a finished temporary file put in place) the second name is the clerk's file.
            name = exc.filename2 or exc.filename
            self.failed.emit(f"{exc.strerror or exc}: {name}" if name else str(exc))
        except Exception as exc:
            log.exception("job failed")
            self.crashed.emit(exc)
        else:
            self.succeeded.emit(result)


class SessionJob(QThread):
    """``work(session)`` in its own thread and its own read-only unit of work (``db.read()``); touches no widget.
    Subclasses define ``work`` (and ``cancel`` when they can stop).

    Signals:
        succeeded(object): what ``work`` returned.
        failed(str): the database could not be read, or the service refused (its message).
        crashed(object): a bug; the GUI thread raises it for the crash dialog.
    """

    succeeded = Signal(object)
    failed = Signal(str)
    crashed = Signal(object)
    what = "a background job"  # for the log

    def __init__(self, db, parent=None):
        super().__init__(parent)
        self._db = db

    def work(self, session) -> object:
        raise NotImplementedError

    def cancel(self) -> None:
        """From the GUI thread: stop as soon as the work allows."""

    def run(self) -> None:
        try:
            with self._db.read() as session:
                result = self.work(session)
        except UserError as exc:
            self.failed.emit(exc.message)
        except DBAPIError as exc:
            log.exception("%s could not read the database", self.what)
            self.failed.emit(str(exc.orig) if exc.orig is not None else str(exc))
        except Exception as exc:
            log.exception("%s failed", self.what)
            self.crashed.emit(exc)
        else:
            self.succeeded.emit(result)


class RunReports:
    """What a dialog whose run is a SessionJob (the two automatic fills) does when the run fails or crashes.

    The dialog has ``job`` (the run under way), ``progress_label`` and ``summary``; a report of a run it
    has since let go of (a newer run, or Stop) is not shown.
    """

    def _on_failed(self, message: str) -> None:
        if self.sender() is self.job:
            self.progress_label.setText("")
            self.summary.setText(QCoreApplication.translate("RunReports", "The fill could not run: {reason}")
                                 .format(reason=message))

    def _on_crashed(self, exc: Exception) -> None:
        if self.sender() is self.job:
            self.progress_label.setText("")
        raise exc  # the crash dialog (sys.excepthook) shows it with the log's path


class JobOwner(QObject):
    """The base of what owns window actions that run Jobs (Excel, printing).

    It keeps its running jobs, stops them when the window closes, and calls ``retranslate()`` when
    the language changes.
    """

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self._window = window
        self._jobs: set[Job] = set()
        window.installEventFilter(self)

    def retranslate(self) -> None:
        """Set the texts again; subclasses override."""

    def run_job(self, job: Job) -> Job:
        """Start ``job`` and keep it until it ends."""
        job.finished.connect(lambda: self._jobs.discard(job))
        job.finished.connect(job.deleteLater)
        self._jobs.add(job)
        job.start()
        return job

    def keep(self, job: QThread) -> None:
        """Keep a job started elsewhere (a dialog's) until it ends: the window's close stops and waits for it."""
        self._jobs.add(job)
        job.finished.connect(lambda: self._jobs.discard(job))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window:
            if event.type() == QEvent.Type.Close:
                self.stop_jobs()
            elif event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
        return False

    def stop_jobs(self) -> None:
        for job in list(self._jobs):
            job.cancel()
            job.wait()
