"""Hearing other clerks' commits on a shared server: LISTEN on the change log's channel, reconnecting.

A ``ChangeListener`` holds one autocommit psycopg connection of its own (not the engine's pool) doing
``LISTEN rosterapp_changes``, and ``run`` waits on it until told to stop: after each burst of
notifications, and after each (re)connection (notifications sent while away are lost, the change log
is not), it says "look at the log" (``arrived``); when the server goes away it says why
(``disconnected``) and tries again with a growing pause, then says ``reconnected``. No Qt: the window
runs it in a thread (rosterapp/ui/remote.py), the benchmarks and tests call it directly.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

import psycopg
from sqlalchemy import make_url

from rosterapp.services.changelog import CHANNEL

log = logging.getLogger("rosterapp.listen")

BACKOFF_S = (0.2, 0.5, 1.0, 2.0, 5.0)  # the pauses between tries; the last repeats
POLL_S = 0.25  # how long one wait lasts: how soon ``stop`` is noticed
CONNECT_TIMEOUT_S = 5


def conninfo(url: str) -> str:
    """The libpq URI of a SQLAlchemy URL (postgresql+psycopg://...), its options (sslmode=...) kept."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


class ChangeListener:
    """One LISTEN connection to the server at ``url``, and the loop that waits on it."""

    def __init__(self, url: str, channel: str = CHANNEL, *, backoff: Sequence[float] = BACKOFF_S,
                 poll_s: float = POLL_S):
        self._conninfo = conninfo(url)
        self.channel = channel
        self.backoff, self.poll_s = tuple(backoff), poll_s
        self.conn: psycopg.Connection | None = None

    @property
    def pid(self) -> int | None:
        """The server process of the connection (what pg_terminate_backend takes), None when not connected."""
        conn = self.conn
        return conn.info.backend_pid if conn is not None and not conn.closed else None

    def connect(self) -> None:
        """Connect and LISTEN; psycopg.OperationalError when the server cannot be reached."""
        self.close()
        conn = psycopg.connect(self._conninfo, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S,
                               application_name="rosterapp listener")
        try:
            conn.execute(f'LISTEN "{self.channel}"')
        except BaseException:
            conn.close()
            raise
        self.conn = conn

    def wait(self, timeout: float) -> list[psycopg.Notify]:
        """The notifications that came within ``timeout`` seconds (the first one ends the wait, then any
        already queued behind it); psycopg.OperationalError when the connection is lost."""
        conn = self.conn
        if conn is None:
            raise psycopg.OperationalError("not connected")
        notices = list(conn.notifies(timeout=timeout, stop_after=1))
        if notices:
            notices += conn.notifies(timeout=0)
        return notices

    def close(self) -> None:
        conn, self.conn = self.conn, None
        if conn is not None and not conn.closed:
            try:
                conn.close()
            except psycopg.Error:
                pass

    def run(self, stop: threading.Event, *, arrived: Callable[[], None],
            disconnected: Callable[[str], None], reconnected: Callable[[], None]) -> None:
        """Wait for notifications until ``stop`` is set, reconnecting with backoff; see the module."""
        lost = False  # disconnected() was said and reconnected() is owed
        tries = 0
        try:
            while not stop.is_set():
                if self.conn is None:
                    try:
                        self.connect()
                    except psycopg.OperationalError as exc:
                        if not lost:
                            lost = True
                            disconnected(_reason(exc))
                        stop.wait(self.backoff[min(tries, len(self.backoff) - 1)])
                        tries += 1
                        continue
                    tries = 0
                    if lost:
                        lost = False
                        log.info("listening again for changes on the server")
                        reconnected()
                    arrived()  # whatever was committed while no one listened is in the log
                try:
                    notices = self.wait(self.poll_s)
                except psycopg.OperationalError as exc:
                    log.warning("the connection that listens for changes was lost: %s", exc)
                    self.close()
                    lost = True
                    disconnected(_reason(exc))
                    continue
                if notices:
                    arrived()
        finally:
            self.close()


def _reason(exc: Exception) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
