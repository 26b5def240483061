"""Another program's SQLite file is refused, not migrated into."""

from __future__ import annotations

import sqlite3

import pytest

from rosterapp.db import DatabaseUnusable, open_database


def test_a_sqlite_file_of_another_program_is_left_alone(tmp_path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT)")
    with pytest.raises(DatabaseUnusable, match="other.sqlite3"):
        open_database(f"sqlite:///{path}")
    with sqlite3.connect(path) as con:
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"accounts"}
    assert not list(tmp_path.glob("*.bak"))
