"""`autofill --station`: a cleared station month proposed (nothing written), then applied; `check` finds no error
the demo did not already have."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from rosterapp.db import open_database
from rosterapp.models import Duty, Person
from rosterapp.services import roster
from rosterapp.services.lookup import find_station
from tests.cli.test_excel_commands import rosterapp
from tests.services.excel.conftest import make_demo

DAYS = [dt.date(2026, 3, 1) + dt.timedelta(days=i) for i in range(31)]
MONTH = ["--from", "2026-03-01", "--to", "2026-03-31"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    return make_demo(tmp_path_factory.mktemp("cli-autofill") / "demo.sqlite3")


def _errors(db: Path) -> set[tuple]:
    done = rosterapp("--db", str(db), "check", *MONTH, "--json")
    return {(p["rule"], p["start"], p["message"]) for p in json.loads(done.stdout)["problems"]
            if p["severity"] == "error"}


def _duties(db: Path) -> int:
    database = open_database(f"sqlite:///{db}")
    try:
        with database.read() as session:
            return session.scalar(select(func.count()).select_from(Duty))
    finally:
        database.dispose()


def test_a_cleared_month_is_proposed_then_applied_without_new_errors(demo, tmp_path):
    db = tmp_path / "db.sqlite3"
    shutil.copyfile(demo, db)
    before = _errors(db)
    database = open_database(f"sqlite:///{db}")
    with database.begin() as session:
        station = find_station(session, "前门")
        people = list(session.scalars(select(Person.id).where(Person.station_id == station.id, Person.active)))
        roster.edit_cells(session, {(p, d): None for p in people for d in DAYS},
                          [c.code for c in roster.shift_codes(session)])
    database.dispose()
    cleared = _duties(db)
    proposed = rosterapp("--db", str(db), "--lang", "zh_CN", "autofill", "--station", "前门", *MONTH)
    assert proposed.returncode == 0, proposed.stderr
    first = proposed.stdout.splitlines()[0]
    assert first.startswith("自动排班提议：前门消防救援站，2026-03-01 至 2026-03-31：填入 "), first
    assert "未写入任何内容" in proposed.stdout and _duties(db) == cleared
    as_json = json.loads(rosterapp("--db", str(db), "autofill", "--station", "前门", *MONTH, "--json").stdout)
    assert as_json["applied"] is False and len(as_json["cells"]) > 20 * len(people)
    assert {c["code"] for c in as_json["cells"]} <= {"值", "休"}
    applied = rosterapp("--db", str(db), "--lang", "en", "autofill", "--station", "前门", *MONTH, "--apply")
    assert applied.returncode == 0 and "Written:" in applied.stdout, applied.stderr
    assert _duties(db) == cleared + len(as_json["cells"])
    assert _errors(db) <= before  # no error the demo did not already have


def test_bad_arguments_are_usage_errors(demo):
    assert rosterapp("--db", str(demo), "autofill", "--station", "前门", "--from", "2026-03-10",
                     "--to", "2026-03-01").returncode == 2
    assert rosterapp("--db", str(demo), "autofill", "--station", "不存在的站", *MONTH).returncode == 2
    assert rosterapp("--db", str(demo), "autofill", *MONTH).returncode == 2  # --station is required
