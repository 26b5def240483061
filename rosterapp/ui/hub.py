"""The one path of every change in the window.

A gesture becomes an ``EditCommand`` (rosterapp/ui/commands.py); the hub makes it in one unit of
work and puts it on the undo stack, and undo and redo run back through it. A change made elsewhere
(an import in a worker thread, another clerk's edit on a shared server) enters here too; the latter
is read from the server's change log when its NOTIFY arrives (``watch``, ``receive``), not put on the
undo stack.
Whatever the source, the live checker follows the Change first, then ``changed`` tells every view,
which repaints exactly what the Change names. A refused edit changes nothing and says why.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal
from PySide6.QtGui import QUndoStack
from sqlalchemy.exc import DBAPIError

from rosterapp.db import Database, PlanLocked, plan_locked, translate_db_error
from rosterapp.errors import StaleEdit, UserError
from rosterapp.services import changelog
from rosterapp.services.changes import Change
from rosterapp.services.rules import Delta, Problem
from rosterapp.services.rules.live import LiveChecker
from rosterapp.ui.remote import RemoteWatcher

log = logging.getLogger("rosterapp.ui.hub")


def refusal_text(exc: UserError) -> str:
    """A refusal's message with its details, when it has any (a revert's: which fields a later edit
    changed again, and by whom)."""
    details = getattr(exc, "details", None)
    return f"{exc.message} {'; '.join(details)}" if details else exc.message


class _CheckerLoader(QThread):
    """Builds a LiveChecker off the GUI thread; touches no widget.

    Signals:
        loaded(int generation, object checker)
        failed(int generation, str reason): the database could not be read.
        crashed(int generation, object exception): a bug.
    """

    loaded = Signal(int, object)
    failed = Signal(int, str)
    crashed = Signal(int, object)

    def __init__(self, db: Database, generation: int, start: dt.datetime, end: dt.datetime, parent=None):
        super().__init__(parent)
        self._db, self._generation, self._start, self._end = db, generation, start, end

    def run(self) -> None:
        try:
            with self._db.read() as session:
                live = LiveChecker(session, self._start, self._end)
        except DBAPIError as exc:
            log.exception("the checking engine could not read the database")
            self.failed.emit(self._generation, str(translate_db_error(self._db.url, exc)))
            return
        except Exception as exc:  # a bug: the GUI thread raises it for the crash dialog
            log.exception("the checking engine failed")
            self.crashed.emit(self._generation, exc)
            return
        self.loaded.emit(self._generation, live)


class EditHub(QObject):
    """Owns the database (its session factory), the undo stack and the live checker.

    Signals:
        changed(object): a Change landed (made, undone, redone, imported or from elsewhere), after the
            checker followed it.
        problemsChanged(): the checker's problems may have changed (after a Change, a load, a check).
        checking(bool): the checker started (True) or finished (False) loading.
        checkerFailed(str): the checker could not load; checking is off until the next check (F9).
        refused(str): an edit, undo or redo was refused; nothing changed.
        reapplicable(bool): an edit was refused over another clerk's change and can be made again over it
            (``reapply``), or no longer can.
        message(str): a line for the status bar about an edit that landed (cells it skipped...).
        received(object change, list logins): other clerks' edits on the server landed (after ``changed``).
        serverLost(str): the connection that hears other clerks' edits was lost; it is being made again.
        serverBack(): it is back; what was missed meanwhile is read from the change log.
    """

    changed = Signal(object)
    problemsChanged = Signal()
    checking = Signal(bool)
    checkerFailed = Signal(str)
    refused = Signal(str)
    reapplicable = Signal(bool)
    message = Signal(str)
    received = Signal(object, list)
    serverLost = Signal(str)
    serverBack = Signal()

    def __init__(self, db: Database, parent: QObject | None = None):
        super().__init__(parent)
        self.db = db
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undoStack")
        self.live: LiveChecker | None = None
        self.checker_error = ""
        self.last_refusal = ""
        self.refused_command = None  # the edit refused over another clerk's change, for reapply()
        self._range: tuple[dt.datetime, dt.datetime] | None = None
        self._generation = 0
        self._pending = Change()
        self._loaders: set[_CheckerLoader] = set()
        self.last_seq = 0  # the change log's number up to which other clerks' edits have landed
        self.watcher = None
        self.server_lost = ""  # why the server cannot be heard, while it cannot

    # -- edits --------------------------------------------------------------------------------------
    def push(self, command, *, report: bool = True) -> bool:
        """Make ``command`` in one unit of work and put it on the undo stack.

        When the services refuse it, nothing changed and False is returned with the reason in
        ``last_refusal`` and said with ``refused``; with ``report=False`` the UserError is raised to the
        caller instead (a form shows it under its fields).
        """
        change = self._make(command, report)
        if change is None:
            return False
        self._stack(command, change)
        return True

    def apply(self, command, *, report: bool = True) -> bool:
        """Make ``command`` in one unit of work and follow its Change, without putting it on the undo stack.

        For an edit that Undo does not take back: a sub-plan submitted, approved, returned or reopened
        (its undo would be another plan action, headquarters' decision, not Ctrl+Z's). The steps on the
        stack stay as they were; a refusal is reported as ``push`` reports it.
        """
        change = self._make(command, report)
        if change is None:
            return False
        self.follow(change)
        if command.note:
            self.message.emit(command.note)
        return True

    def _make(self, command, report: bool) -> Change | None:
        """``command.make`` in one unit of work named after it; None (nothing changed) when refused."""
        try:
            with self.db.begin(command.text()) as session:
                return command.make(session)
        except UserError as exc:
            self._refused_over(command, exc)
            if not report:
                raise
            self.last_refusal = refusal_text(exc)
            self.refused.emit(self.last_refusal)
            return None

    def _refused_over(self, command, exc: UserError) -> None:
        """An edit refused because someone changed its records after the clerk saw them: the views show
        what is there now, and the same edit may be made again over it (``reapply``)."""
        stale = getattr(exc, "change", None)
        self.refused_command = command if isinstance(exc, StaleEdit) and hasattr(command, "again") else None
        self.reapplicable.emit(self.refused_command is not None)
        if stale:
            self.follow(stale)

    def reapply(self) -> bool:
        """Make the edit refused over another clerk's change again, writing over what they wrote (one step)."""
        command, self.refused_command = self.refused_command, None
        self.reapplicable.emit(False)
        return command is not None and self.push(command.again())

    def land(self, command, change: Change) -> None:
        """A command made elsewhere (a worker thread's unit of work) goes on the stack and lands."""
        self._stack(command, change)

    def _stack(self, command, change: Change) -> None:
        if change:  # a step that changed nothing (every cell skipped) is no step to undo
            command.bind(self)
            self.undo_stack.push(command)  # QUndoStack calls redo(): a made command skips it once
            self.follow(change)
        if command.note:
            self.message.emit(command.note)

    def run_step(self, command, step) -> None:
        """Undo or redo ``command`` with ``step(session) -> Change``; a refused step changes nothing and
        leaves the history (the stack drops the step, which can no longer be taken back)."""
        try:
            label = (QCoreApplication.translate("EditHub", "Undo: {step}") if step == command.revert
                     else QCoreApplication.translate("EditHub", "Redo: {step}")).format(step=command.text())
            with self.db.begin(label) as session:
                change = step(session)
        except UserError as exc:
            command.setObsolete(True)
            self.last_refusal = refusal_text(exc)
            self.refused.emit(self.last_refusal)
            return
        self.follow(change)

    def follow(self, change: Change) -> None:
        """Every change ends here: the checker re-checks what it names, then every view hears of it.

        Another clerk's edit arriving from a shared server enters here directly, not on the undo stack.
        """
        if not change:
            return
        if self.live is not None:
            with self.db.read() as session:
                self.live.apply(session, change)
        elif self._range is not None:
            self._pending = self._pending | change  # the checker loading now may have read too early
        self.changed.emit(change)
        self.problemsChanged.emit()

    # -- other clerks' edits (a shared server) -------------------------------------------------------
    def watch(self, **options) -> bool:
        """On a PostgreSQL server, hear other clerks' commits from now on (False elsewhere: one desk).

        ``options`` go to the listener (rosterapp/listen.py: backoff, poll_s).
        """
        if self.watcher is not None or self.db.engine.dialect.name != "postgresql":
            return self.watcher is not None
        with self.db.read() as session:
            self.last_seq = changelog.latest_seq(session)
        # The engine's own URL: the login and options the window connected with (sslmode=...).
        url = self.db.engine.url.render_as_string(hide_password=False)
        self.watcher = RemoteWatcher(url, self, **options)
        self.watcher.arrived.connect(self.receive)
        self.watcher.disconnected.connect(self._on_server_lost)
        self.watcher.reconnected.connect(self._on_server_back)
        self.watcher.start()
        return True

    def receive(self) -> Change:
        """Let in what other clerks committed since ``last_seq``: read from the change log (this window's
        own writes left out), followed like any Change, never put on the undo stack."""
        try:
            with self.db.read() as session:
                missed = changelog.since(session, self.last_seq, exclude_origin=self.db.origin)
        except DBAPIError as exc:  # the server went away meanwhile: the listener says so, and comes back
            log.warning("the change log could not be read: %s", exc.orig)
            return Change()
        self.last_seq = missed.last_seq
        if missed.change:
            self.follow(missed.change)
            self.received.emit(missed.change, missed.logins)
        return missed.change

    def _on_server_lost(self, reason: str) -> None:
        self.server_lost = reason
        self.serverLost.emit(reason)

    def _on_server_back(self) -> None:
        self.server_lost = ""
        self.serverBack.emit()

    def preview(self, command) -> Delta | None:
        """What ``command`` would add to and take from the problems, without making it: it is made in
        a unit of work that is rolled back, and the checker reads the same rows again afterwards.

        None while the checker loads; a refused command raises its UserError. ``command`` is spent:
        make a new one to push.
        """
        live = self.live
        if live is None:
            return None
        session = self.db.session_factory()
        change = Change()
        try:
            session.begin()
            try:
                change = command.make(session)
            except DBAPIError as exc:
                if plan_locked(exc):  # a preview of an edit to an approved sub-plan: refused as the edit would be
                    raise PlanLocked() from exc
                raise
            delta = live.apply(session, change)
        finally:
            session.rollback()
            session.close()
            if change:
                with self.db.read() as fresh:
                    live.apply(fresh, change)
        return delta

    # -- the checker --------------------------------------------------------------------------------
    def cover(self, start: dt.datetime, end: dt.datetime) -> None:
        """Check [start, end) (the days shown, with their context); loads off the GUI thread when new."""
        if self._range != (start, end) or (self.live is None and not self.is_checking()):
            self._range = (start, end)
            self.recheck_all()

    def checked_range(self) -> tuple[dt.datetime, dt.datetime] | None:
        return self._range

    def recheck_all(self) -> None:
        """Read everything again and run every rule (the Check action)."""
        if self._range is None:
            return
        self._generation += 1
        self.live = None
        self.checker_error = ""
        self._pending = Change()
        self.checking.emit(True)
        loader = _CheckerLoader(self.db, self._generation, *self._range, self)
        loader.loaded.connect(self._on_loaded)
        loader.failed.connect(self._on_failed)
        loader.crashed.connect(self._on_crashed)
        loader.finished.connect(lambda: self._loaders.discard(loader))
        loader.finished.connect(loader.deleteLater)
        self._loaders.add(loader)
        loader.start()
        self.problemsChanged.emit()

    def is_checking(self) -> bool:
        return any(loader.isRunning() for loader in self._loaders)

    def wait_for_checker(self, msecs: int = 60000) -> bool:
        """Block until every load ended and its result arrived (tests, screenshots, benchmarks)."""
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer

        deadline = QDeadlineTimer(msecs)
        for loader in list(self._loaders):
            if not loader.wait(deadline):
                return False
        QCoreApplication.processEvents()  # the queued loaded/failed signals
        return True

    def problems(self) -> list[Problem]:
        return self.live.problems() if self.live is not None else []

    def _on_loaded(self, generation: int, live: LiveChecker) -> None:
        if generation != self._generation:
            return  # a newer range was asked for meanwhile
        self.live = live
        pending, self._pending = self._pending, Change()
        if pending:
            with self.db.read() as session:
                live.apply(session, pending)
        self.checking.emit(False)
        self.problemsChanged.emit()

    def _on_failed(self, generation: int, reason: str) -> None:
        if generation != self._generation:
            return
        self.checker_error = reason
        self.checking.emit(False)
        self.checkerFailed.emit(reason)
        self.problemsChanged.emit()

    def _on_crashed(self, generation: int, exc: Exception) -> None:
        if generation == self._generation:
            self.checker_error = f"{type(exc).__name__}: {exc}"
            self.checking.emit(False)
            self.checkerFailed.emit(self.checker_error)
            self.problemsChanged.emit()
        raise exc  # the crash dialog (sys.excepthook) shows it with the log's path

    def shutdown(self, msecs: int = 10000) -> None:
        """Stop hearing the server and wait for the loads under way (the window is closing)."""
        if self.watcher is not None:
            self.watcher.stop(msecs)
            self.watcher = None
        for loader in list(self._loaders):
            loader.wait(msecs)
