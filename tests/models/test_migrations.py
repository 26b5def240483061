"""Migrations at open: the schema they build, seeding once, refusing what is not ours, backups first."""

from __future__ import annotations

import shutil
import sqlite3
from importlib import resources
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select

import rosterapp.db
from rosterapp.config import resolve_db_url
from rosterapp.db import DatabaseUnusable, backup_sqlite, head_revision, open_database
from rosterapp.models import (
    Base,
    Detachment,
    Person,
    Position,
    Qualification,
    Rank,
    RuleSetting,
    ShiftType,
    Station,
    VehicleType,
)

REFERENCE_TABLES = (Detachment, Station, Position, Qualification, Rank, VehicleType, ShiftType, RuleSetting)


pytestmark = pytest.mark.sqlite_only  # SQLite files: backups, foreign files (tests/models/test_schema_on_every_backend.py checks the schema on both)


def url(path: Path) -> str:
    return resolve_db_url(str(path))


def sql(path: Path, query: str) -> list[tuple]:
    """Read the file with plain sqlite3, outside rosterapp's engine."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()


def counts(db) -> dict[str, int]:
    with db.begin() as s:
        return {m.__tablename__: s.scalar(select(func.count()).select_from(m)) for m in REFERENCE_TABLES}


def backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.*.bak"))


def test_upgrading_an_empty_database_gives_exactly_the_models_schema(db_path):
    db = open_database(url(db_path), seed=False)
    try:
        with db.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
            version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all()
    finally:
        db.dispose()
    assert version == [head_revision()]
    tables = {name for (name,) in sql(db_path, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == set(Base.metadata.tables) | {"alembic_version"}


def test_a_new_database_needs_no_backup(db_path):
    open_database(url(db_path)).dispose()
    assert backups(db_path) == []


def test_opening_again_does_not_seed_again(db_path):
    first = open_database(url(db_path))
    before = counts(first)
    first.dispose()
    second = open_database(url(db_path))
    try:
        assert counts(second) == before
    finally:
        second.dispose()
    assert before["detachment"] == 6
    assert backups(db_path) == []


def test_a_database_from_a_newer_version_is_refused_and_left_alone(db_path):
    open_database(url(db_path)).dispose()
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff9999'")
    conn.close()
    with pytest.raises(DatabaseUnusable, match="ffff9999"):
        open_database(url(db_path))
    assert sql(db_path, "SELECT version_num FROM alembic_version") == [("ffff9999",)]
    assert backups(db_path) == []


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(db_path):
    garbage = b"PK\x03\x04 this is a spreadsheet, not a database" * 20
    db_path.write_bytes(garbage)
    with pytest.raises(DatabaseUnusable):
        open_database(url(db_path))
    assert db_path.read_bytes() == garbage


def test_backup_copies_a_live_database_including_its_wal(db):
    path = rosterapp.db.sqlite_path(db.url)
    with db.begin() as s:
        s.add(Person(staff_no="110001", name="张伟", station=s.scalars(select(Station)).first()))
    # The engine stays open, so the new row may still sit in the -wal file, not the main one.
    assert path.with_name(path.name + "-wal").stat().st_size > 0
    copy = backup_sqlite(path, "test")
    assert copy.parent == path.parent and copy.name.endswith(".bak")
    assert sql(copy, "SELECT staff_no, name FROM person") == [("110001", "张伟")]
    assert sql(copy, "PRAGMA integrity_check") == [("ok",)]


FUTURE_REVISION = '''\
"""a later version's migration, for the backup test"""
from alembic import op
import sqlalchemy as sa


revision = "9000"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("later_feature", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("later_feature")
'''


def test_a_backup_is_written_before_a_migration_runs(db_path, tmp_path, monkeypatch):
    """Upgrading a database made by this version to the next one keeps a copy of it as it was."""
    open_database(url(db_path)).dispose()
    conn = sqlite3.connect(db_path)
    with conn:
        station_id = conn.execute("SELECT id FROM station LIMIT 1").fetchone()[0]
        conn.execute("INSERT INTO person (staff_no, name, phone, station_id, active) "
                     "VALUES ('110001', '张伟', '', ?, 1)", (station_id,))
    conn.close()

    # The shipped migrations plus one more revision stand for the next version of the program.
    scripts = tmp_path / "migrations"
    shutil.copytree(resources.files("rosterapp") / "migrations", scripts,
                    ignore=shutil.ignore_patterns("__pycache__"))
    head = head_revision()
    (scripts / "versions" / "9000_later_feature.py").write_text(
        FUTURE_REVISION.format(head=head), encoding="utf-8")

    def next_version_config(connection=None) -> Config:
        cfg = Config()
        cfg.set_main_option("script_location", str(scripts))
        if connection is not None:
            cfg.attributes["connection"] = connection
        return cfg

    monkeypatch.setattr(rosterapp.db, "alembic_config", next_version_config)
    open_database(url(db_path)).dispose()

    assert sql(db_path, "SELECT version_num FROM alembic_version") == [("9000",)]
    assert sql(db_path, "SELECT name FROM sqlite_master WHERE name = 'later_feature'") == [("later_feature",)]
    [copy] = backups(db_path)
    assert sql(copy, "SELECT version_num FROM alembic_version") == [(head,)]
    assert sql(copy, "SELECT name FROM sqlite_master WHERE name = 'later_feature'") == []
    assert sql(copy, "SELECT staff_no FROM person") == [("110001",)]


def at_first_revision(path: Path) -> None:
    """A file made by the first release (schema 0001 with its reference data), as clerks have them."""
    from alembic import command

    engine = rosterapp.db.make_engine(url(path))
    with rosterapp.db.writing(engine).begin() as conn:
        command.upgrade(rosterapp.db.alembic_config(conn), "0001")
    engine.dispose()


def test_a_failing_migration_leaves_the_file_as_it_was_and_names_the_backup(db_path, monkeypatch):
    """Found by a tester: a failing migration left a half-migrated file that every later open refused."""
    from alembic.operations import Operations

    at_first_revision(db_path)
    calls = []
    original = Operations.add_column

    def fail_on_the_fifth(self, *args, **kwargs):
        calls.append(args)
        if len(calls) == 5:
            raise RuntimeError("disk trouble in the middle")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Operations, "add_column", fail_on_the_fifth)
    with pytest.raises(DatabaseUnusable) as refused:
        open_database(url(db_path))
    copy = backups(db_path)[0]
    assert str(copy) in str(refused.value) and "disk trouble" in str(refused.value)
    assert sql(db_path, "SELECT version_num FROM alembic_version") == [("0001",)]
    assert "version" not in {row[1] for row in sql(db_path, "PRAGMA table_info(person)")}  # nothing half-done
    monkeypatch.undo()
    db = open_database(url(db_path))  # the next open migrates it whole
    try:
        assert sql(db_path, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
        assert {"version", "changed_by"} <= {row[1] for row in sql(db_path, "PRAGMA table_info(duty)")}
    finally:
        db.dispose()
    assert len(backups(db_path)) == 2 and copy.exists()  # the retry kept the first copy


def test_a_first_open_killed_at_any_moment_leaves_a_file_that_opens(tmp_path):
    """Found by a tester: a kill during a new file's first open left a partial schema, refused forever."""
    import random
    import signal
    import subprocess
    import sys
    import time

    root = Path(__file__).resolve().parents[2]
    rng = random.Random(7)
    code = "import sys; from rosterapp.db import open_database; open_database('sqlite:///' + sys.argv[1])"
    for k in range(12):
        path = tmp_path / f"new{k}.sqlite3"
        proc = subprocess.Popen([sys.executable, "-c", code, str(path)], cwd=root)
        time.sleep(rng.uniform(0.15, 0.9))  # the import of the program takes most of it; then the schema
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        db = open_database(url(path))
        try:
            assert sql(path, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
            assert counts(db)["detachment"] == 6
        finally:
            db.dispose()
