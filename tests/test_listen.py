"""The listener of a shared server, without Qt: it hears a commit, and comes back after its connection
is killed (skipped without ROSTERAPP_TEST_DB_URL)."""

from __future__ import annotations

import os
import queue
import threading
import time

import psycopg
import pytest

from rosterapp.listen import ChangeListener, conninfo
from rosterapp.services.changelog import CHANNEL

SERVER = os.environ.get("ROSTERAPP_TEST_DB_URL")


def test_the_url_keeps_its_options():
    assert conninfo("postgresql+psycopg://dc:pw@db.example:5433/roster?sslmode=require") == (
        "postgresql://dc:pw@db.example:5433/roster?sslmode=require")


@pytest.mark.skipif(not SERVER, reason="ROSTERAPP_TEST_DB_URL is not set: no PostgreSQL server to test on")
def test_it_hears_a_notify_loses_its_connection_and_comes_back():
    events: queue.Queue = queue.Queue()
    listener = ChangeListener(SERVER, channel="rosterapp_test_listen", backoff=(0.1,), poll_s=0.1)
    stop = threading.Event()
    thread = threading.Thread(target=listener.run, args=(stop,), kwargs={
        "arrived": lambda: events.put("arrived"), "disconnected": lambda why: events.put(("lost", why)),
        "reconnected": lambda: events.put("back")})
    thread.start()
    try:
        assert events.get(timeout=5) == "arrived"  # connected: look at the log once
        with psycopg.connect(conninfo(SERVER), autocommit=True) as other:
            started = time.monotonic()
            other.execute("SELECT pg_notify('rosterapp_test_listen', 'x')")
            assert events.get(timeout=2) == "arrived"
            assert time.monotonic() - started < 2
            other.execute("SELECT pg_terminate_backend(%s)", (listener.pid,))
            kind, why = events.get(timeout=5)
            assert kind == "lost" and why
            assert events.get(timeout=5) == "back"
            assert events.get(timeout=5) == "arrived"  # what was missed meanwhile is in the log
    finally:
        stop.set()
        thread.join(5)
    assert not thread.is_alive() and listener.conn is None
    assert CHANNEL == "rosterapp_changes"
