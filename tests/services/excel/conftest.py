"""Fixtures of the Excel tests: a small demo in a real SQLite file, exported once per module."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from rosterapp.db import Database, open_database
from rosterapp.services import demo
from rosterapp.services.check import resolve_scope
from rosterapp.services.excel.export import export_workbook

START = dt.date(2026, 3, 1)  # inside chinese-calendar's announced years
OPERATION = demo.OPERATION_NAME


def make_demo(path: Path) -> Path:
    db = open_database(f"sqlite:///{path}")
    demo.generate(db, scale="small", seed=1, start=START)
    db.dispose()  # the last connection checkpoints the WAL: the file alone holds everything
    return path


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    """A small demo database file, made once per module; copy it before writing to it."""
    return make_demo(tmp_path_factory.mktemp("demo") / "demo.sqlite3")


@pytest.fixture
def demo_db(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the demo for a test that writes."""
    path = tmp_path / "copy.sqlite3"
    shutil.copyfile(demo_file, path)
    database = open_database(f"sqlite:///{path}")
    yield database
    database.dispose()


def export(db: Database, out: Path, *, parallel: bool = False, **scope) -> Path:
    """Export in this process (test_export checks the background check gives the same problems)."""
    with db.begin() as session:
        export_workbook(session, resolve_scope(session, **scope), out, parallel=parallel)
    return out


@pytest.fixture(scope="module")
def exported(demo_file: Path, tmp_path_factory) -> Path:
    """The HQ workbook of the demo's operation, all six detachments."""
    db = open_database(f"sqlite:///{demo_file}")
    try:
        return export(db, tmp_path_factory.mktemp("export") / "hq.xlsx", operation=OPERATION, parallel=True)
    finally:
        db.dispose()
