"""Fixtures of the sheet-content tests: one small demo database, read-only, shared by the directory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from rosterapp import i18n
from rosterapp.db import Database, open_database
from rosterapp.services import demo

START = dt.date(2027, 3, 1)
# The demo's security task runs from the fifth day; its planted person_overlap is on the sixth.
OPERATION_DAY = dt.date(2027, 3, 6)
ROUTINE_DAY = dt.date(2027, 3, 2)


@pytest.fixture(scope="session")
def demo_db(backend) -> Iterator[tuple[Database, demo.DemoStats]]:
    db = open_database(backend.new_url())
    stats = demo.generate(db, scale="small", seed=1, start=START)
    yield db, stats
    db.dispose()


@pytest.fixture(autouse=True)
def chinese() -> Iterator[None]:
    before = i18n.language()
    i18n.set_language("zh_CN")
    yield
    i18n.set_language(before)
