"""The export use case: the HQ workbook of an operation and/or dates, one detachment or all, into a file.

The checking engine needs a few seconds at city scale; it runs in a second process over the same
(committed) database while this one writes the rosters, so the export costs little more than writing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from rosterapp.config import sqlite_path
from rosterapp.models import Detachment
from rosterapp.services import dutyday
from rosterapp.services.bulk import bulk_read
from rosterapp.services.check import CheckScope, run_check
from rosterapp.services.excel import common as c
from rosterapp.services.excel import hq
from rosterapp.services.excel.writer import WriteStats, write_workbook
from rosterapp.services.lookup import Named

log = logging.getLogger("rosterapp.excel")


def scope_args(scope: CheckScope) -> list[str]:
    return [scope.first.isoformat(), scope.last.isoformat(),
            str(scope.operation.id) if scope.operation else "", scope.operation.name if scope.operation else "",
            str(scope.detachment.id) if scope.detachment else "", scope.detachment.name if scope.detachment else ""]


def scope_from_args(args: list[str]) -> CheckScope:
    first, last, op_id, op_name, det_id, det_name = args
    return CheckScope(dt.date.fromisoformat(first), dt.date.fromisoformat(last),
                      Named(int(op_id), op_id, op_name) if op_id else None,
                      Named(int(det_id), det_id, det_name) if det_id else None)


def check_rows(session: Session, scope: CheckScope) -> list[tuple]:
    """问题清单's rows: every rule over the scope, in Chinese.

    A detachment's sub-plan lists the problems of its people and vehicles and also those at its
    posts (another detachment's firefighter double-booked at one of them), which the check command
    leaves to the other detachment.
    """
    report = run_check(session, dataclasses.replace(scope, detachment=None))
    if scope.detachment is not None:
        det, data = scope.detachment.id, report.data
        report.problems = [p for p in report.problems if p.detachment == det
                           or any(data.people[x].detachment == det for x in p.people)
                           or any(data.vehicles[v].detachment == det for v in p.vehicles)
                           or any(data.posts[x].detachment == det for x in p.posts)]
    dets = session.execute(select(Detachment.id, Detachment.name, Detachment.sort_order)).all()
    return hq.problem_rows(report, {d: n for d, n, _o in dets}, {d: o for d, _n, o in dets})


def _encode(rows: list[tuple]) -> str:
    return json.dumps([[v.isoformat() if isinstance(v, dt.datetime) else v for v in row] for row in rows],
                      ensure_ascii=False)


def _decode(text: str) -> list[tuple]:
    return [tuple(dt.datetime.fromisoformat(v) if i in (3, 4) else v for i, v in enumerate(row))
            for row in json.loads(text)]


class _BackgroundCheck:
    """The check run by `python -m rosterapp.services.excel.checkjob` while the rosters are written."""

    def __init__(self, url: str, scope: CheckScope):
        env = dict(os.environ)
        # The child must import this very rosterapp, also from a source checkout that is not installed.
        root = str(Path(__file__).resolve().parents[3])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
        self.errors = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "rosterapp.services.excel.checkjob"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.errors, env=env)
        # The URL goes through stdin, not the command line, where other users could read a password.
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps([url, *scope_args(scope)]).encode("utf-8"))
        self.proc.stdin.close()

    def result(self) -> list[tuple] | None:
        out = self.proc.stdout.read()
        if self.proc.wait() != 0:
            self.errors.seek(0)
            log.warning("background check failed (%s): %s", self.proc.returncode,
                        self.errors.read().decode(errors="replace")[-2000:])
            return None
        return _decode(out.decode("utf-8"))

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.proc.stdout.close()
        self.errors.close()


def _parallel_url(session: Session) -> str | None:
    """The URL a second process can open to see the same data; None for an in-memory database."""
    url = session.get_bind().url
    if url.get_backend_name() == "sqlite":
        path = sqlite_path(url.render_as_string(hide_password=False))
        return url.render_as_string(hide_password=False) if path is not None else None
    return url.render_as_string(hide_password=False)


def export_workbook(session: Session, scope: CheckScope, path: Path, *, progress: c.Progress | None = None,
                    cancelled: c.CancelCheck | None = None, parallel: bool = True,
                    made: dt.datetime | None = None) -> WriteStats:
    """Write the HQ workbook of ``scope`` to ``path`` (atomically). Raises Cancelled when cancelled.

    With ``parallel`` the check reads the database in another process: it sees committed data only,
    which is what an export is for (the window and the command line export outside any edit).
    """
    dutyday.check_report_span(scope.first, scope.last)  # one column per day on the roster sheets
    url = _parallel_url(session) if parallel else None
    job = _BackgroundCheck(url, scope) if url else None
    try:
        def problems() -> list[tuple]:
            rows = job.result() if job is not None else None
            return rows if rows is not None else check_rows(session, scope)

        # Hundreds of thousands of row tuples and none of them in a cycle: the collector would only
        # slow their reading down (see services.bulk.bulk_read).
        with bulk_read():
            book = hq.collect(session, scope, problems, made=made)
            return write_workbook(book, path, progress=progress, cancelled=cancelled)
    finally:
        if job is not None:
            job.stop()
