"""Fixtures of the Excel tests: a small demo in a real SQLite file, exported once per module."""

from __future__ import annotations

from pathlib import Path

import pytest

from rosterapp.db import Database, open_database
from rosterapp.services import demo
from rosterapp.services.check import resolve_scope
from rosterapp.services.excel.export import export_workbook
from tests.services.conftest import DEMO_START, make_demo

OPERATION = demo.OPERATION_NAME
# The small demo, shared by the service tests (tests/services/conftest.py); the CLI tests import it from here.
__all__ = ["DEMO_START", "START", "make_demo"]
START = DEMO_START


def export(db: Database, out: Path, *, parallel: bool = False, **scope) -> Path:
    """Export in this process (test_export checks the background check gives the same problems)."""
    with db.begin() as session:
        export_workbook(session, resolve_scope(session, **scope), out, parallel=parallel)
    return out


@pytest.fixture(scope="module")
def exported(demo_url: str, tmp_path_factory) -> Path:
    """The HQ workbook of the demo's operation, all six detachments."""
    db = open_database(demo_url)
    try:
        return export(db, tmp_path_factory.mktemp("export") / "hq.xlsx", operation=OPERATION, parallel=True)
    finally:
        db.dispose()
