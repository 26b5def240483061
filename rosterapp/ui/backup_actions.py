"""File ▸ Restore from Backup…: put one of the SQLite file's backups in place of the open database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMainWindow, QMenu, QMessageBox

from rosterapp import backups
from rosterapp.config import sqlite_path


class BackupActions(QObject):
    """The restore action of a window. ``choose`` and ``confirm`` may be set to answer instead of a
    clerk (tests): ``choose(backups) -> Backup | None`` and ``confirm(text) -> bool``."""

    def __init__(self, window: QMainWindow, menu: QMenu):
        super().__init__(window)
        self.window = window
        self.choose = None
        self.confirm = None
        self.restore_action = QAction(window)
        self.restore_action.setObjectName("restoreBackupAction")
        self.restore_action.triggered.connect(lambda _checked=False: self.restore())
        quit_action = next((a for a in menu.actions() if a.menuRole() == QAction.MenuRole.QuitRole), None)
        menu.insertAction(quit_action, self.restore_action)
        menu.insertSeparator(quit_action)
        self.retranslate()

    def retranslate(self) -> None:
        self.restore_action.setText(self.tr("&Restore from Backup…"))
        self.restore_action.setStatusTip(self.tr(
            "Put a copy kept beside the database in its place (the current file is kept aside first)"))

    def path(self) -> Path | None:
        return sqlite_path(self.window.hub.db.url)

    def update(self) -> None:
        db = self.window.hub.db
        self.restore_action.setEnabled(self.path() is not None and not db.read_only)

    def _describe(self, b: backups.Backup) -> str:
        kind = {backups.DAILY: self.tr("daily"), backups.BEFORE_RESTORE: self.tr("before a restore")}.get(
            b.kind, self.tr("before migration {revision}").format(revision=b.kind.removeprefix("before-")))
        return f"{b.made:%Y-%m-%d %H:%M:%S} · {kind} · {b.size / 1e6:.1f} MB"

    def restore(self) -> bool:
        """Ask which backup, confirm, restore it, and show the database as it then is."""
        window, hub = self.window, self.window.hub
        path = self.path()
        if path is None or hub.db.read_only:
            return False
        found = backups.listed(path)
        if not found:
            QMessageBox.information(window, self.tr("Restore from Backup"),
                                    self.tr("There is no backup beside {path} yet.").format(path=path))
            return False
        if self.choose is not None:
            chosen = self.choose(found)
        else:
            labels = [self._describe(b) for b in found]
            label, ok = QInputDialog.getItem(window, self.tr("Restore from Backup"),
                                             self.tr("The copy to put in place of the database:"), labels, 0, False)
            chosen = found[labels.index(label)] if ok else None
        if chosen is None:
            return False
        question = self.tr("Put the copy of {made} in place of the database? Every change since then is taken "
                             "back; the current file is kept aside first, and the history of this window is "
                             "cleared.").format(made=f"{chosen.made:%Y-%m-%d %H:%M}")
        agreed = self.confirm(question) if self.confirm is not None else QMessageBox.question(
            window, self.tr("Restore from Backup"), question) == QMessageBox.StandardButton.Yes
        if not agreed:
            return False
        hub.shutdown()
        hub.db.engine.dispose()  # no connection left on the file while it is replaced
        try:
            aside = backups.restore(path, chosen.path)
        except backups.BackupError as exc:
            QMessageBox.warning(window, self.tr("Restore from Backup"), str(exc))
            return False
        hub.undo_stack.clear()
        window.reload()
        hub.recheck_all()
        window.statusBar().showMessage(self.tr("Restored the copy of {made}; the file before it is {aside}.").format(
            made=f"{chosen.made:%Y-%m-%d %H:%M}", aside=aside or "—"), 15000)
        return True
