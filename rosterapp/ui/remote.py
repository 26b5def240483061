"""Other clerks' edits on a shared server, heard off the GUI thread (rosterapp/listen.py in a QThread).

The thread only listens and signals; the hub (rosterapp/ui/hub.py) reads the change log on the GUI
thread and lets the Change in like any other, without the undo stack.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread, Signal

from rosterapp.listen import ChangeListener


class RemoteWatcher(QThread):
    """Runs a ChangeListener on the server at ``url`` until ``stop``; touches no widget.

    Signals:
        arrived(): something was committed (or the connection is new again): read the change log.
        disconnected(str reason): the connection to the server was lost; it is being made again.
        reconnected(): it is back (an ``arrived`` follows, for what was missed meanwhile).
    """

    arrived = Signal()
    disconnected = Signal(str)
    reconnected = Signal()

    def __init__(self, url: str, parent: QObject | None = None, **options):
        super().__init__(parent)
        self.setObjectName("remoteWatcher")
        self.listener = ChangeListener(url, **options)
        self._stop = threading.Event()

    @property
    def pid(self) -> int | None:
        """The server process of the listening connection (tests end it to see a reconnection)."""
        return self.listener.pid

    def run(self) -> None:
        self.listener.run(self._stop, arrived=self.arrived.emit, disconnected=self.disconnected.emit,
                          reconnected=self.reconnected.emit)

    def stop(self, msecs: int = 5000) -> bool:
        """Stop listening and wait for the thread (at most ``msecs``)."""
        self._stop.set()
        return self.wait(msecs)
