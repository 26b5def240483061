"""`autofill`: a cleared station month, and a detachment's week with its posts cleared, proposed (nothing
written), then applied; `check` finds no error the demo did not already have."""

from __future__ import annotations

import datetime as dt
import json
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
LAST_OF_WEEK = dt.date(2026, 3, 15)


@pytest.fixture(scope="module")
def demo(built) -> str:
    return built.once("services-demo", make_demo)


def _errors(db: Path) -> set[tuple]:
    done = rosterapp("--db", str(db), "check", *MONTH, "--json")
    return {(p["rule"], p["start"], p["message"]) for p in json.loads(done.stdout)["problems"]
            if p["severity"] == "error"}


def _duties(db: Path) -> int:
    database = open_database(db)
    try:
        with database.read() as session:
            return session.scalar(select(func.count()).select_from(Duty))
    finally:
        database.dispose()


@pytest.mark.sqlite_only  # its subject is the command, the same on every backend
def test_a_cleared_month_is_proposed_then_applied_without_new_errors(demo, tmp_path, backend):
    db = backend.copy(demo)
    before = _errors(db)
    database = open_database(db)
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


@pytest.mark.sqlite_only  # the arguments' or the file's checks: the same on every backend
def test_bad_arguments_are_usage_errors(demo):
    assert rosterapp("--db", str(demo), "autofill", "--station", "前门", "--from", "2026-03-10",
                     "--to", "2026-03-01").returncode == 2
    assert rosterapp("--db", str(demo), "autofill", "--station", "不存在的站", *MONTH).returncode == 2
    assert rosterapp("--db", str(demo), "autofill", *MONTH).returncode == 2  # a scope is required
    assert rosterapp("--db", str(demo), "autofill", "--station", "前门", "--weights", "fair=12", *MONTH).returncode == 2
    assert rosterapp("--db", str(demo), "autofill", "--station", "前门", "--fill", "stations", *MONTH).returncode == 2


@pytest.mark.sqlite_only  # its subject is the command, the same on every backend
def test_a_detachment_week_with_its_posts_cleared_is_staffed_again(demo, tmp_path, backend):
    """The posts' staffing and the station cells of a detachment's week removed: the proposal staffs the post
    windows again (their vehicles and crews) and fills the cells; applied, `check` finds no error the demo did
    not already have."""
    from sqlalchemy import delete

    from rosterapp.models import DutyAssignment, Post, Station, VehicleDeployment
    from rosterapp.services.lookup import find_detachment

    db = backend.copy(demo)
    week = ["--from", "2026-03-09", "--to", "2026-03-15"]
    lo, hi = dt.datetime(2026, 3, 9), dt.datetime(2026, 3, 16)
    before = _errors(db)
    database = open_database(db)
    with database.begin() as session:
        det = find_detachment(session, "东城")
        posts = list(session.scalars(select(Post.id).where(Post.detachment_id == det.id)))
        assert posts, "the demo has posts in 东城"
        session.execute(delete(Duty).where(Duty.post_id.in_(posts), Duty.start < hi, Duty.start >= lo))
        session.execute(delete(VehicleDeployment).where(VehicleDeployment.post_id.in_(posts),
                                                        VehicleDeployment.start < hi, VehicleDeployment.start >= lo))
        people = list(session.scalars(select(Person.id).join(Station, Station.id == Person.station_id)
                                      .where(Station.detachment_id == det.id, Person.active)))
        roster.edit_cells(session, {(p, lo.date() + dt.timedelta(days=i)): None for p in people for i in range(7)},
                          [c.code for c in roster.shift_codes(session)])
        qianmen = find_station(session, "前门").id
        session.execute(delete(DutyAssignment).where(DutyAssignment.station_id == qianmen,
                                                     DutyAssignment.day.between(lo.date(), LAST_OF_WEEK)))
    database.dispose()
    cleared = _duties(db)
    proposed = json.loads(rosterapp("--db", str(db), "autofill", "--detachment", "东城", *week, "--json").stdout)
    assert _duties(db) == cleared  # nothing written
    posts_plan = proposed["posts"][0]
    assert posts_plan["windows"] > 0 and posts_plan["filled"] == posts_plan["windows"] - len(posts_plan["unfilled"])
    assert posts_plan["filled"] > 0 and posts_plan["people"] >= posts_plan["filled"]
    assert len(proposed["stations"]) >= 2 and sum(len(s["cells"]) for s in proposed["stations"]) > 0
    # 前门's duty book emptied for the week: every role of every day proposed from who is on duty then.
    qianmen_plan = next(s for s in proposed["stations"] if s["station"] == "前门消防救援站")
    roles = {(r["day"], r["role"]) for r in qianmen_plan["roles"]}
    assert {role for _day, role in roles} == {"leader", "officer", "dispatch"}
    short = {u["day"] for u in qianmen_plan["unfilled"]}
    assert all((day.isoformat(), "leader") in roles or day.isoformat() in short
               for day in (lo.date() + dt.timedelta(days=i) for i in range(7)))  # else it says why
    applied = rosterapp("--db", str(db), "--lang", "en", "autofill", "--detachment", "东城", *week, "--apply")
    assert applied.returncode == 0 and "Written:" in applied.stdout, applied.stderr
    assert _duties(db) > cleared
    again = json.loads(rosterapp("--db", str(db), "autofill", "--detachment", "东城", *week, "--json").stdout)
    assert again["posts"][0]["filled"] == 0  # what was short is staffed now
    assert _errors(db) <= before


def test_unlock_reports_what_each_changed_cell_held(demo):
    out = json.loads(rosterapp("--db", str(demo), "autofill", "--station", "前门", *MONTH, "--unlock", "--weights",
                               "changes=0,fair=10", "--fill", "station", "--json").stdout)
    assert out["cells"] and all(c["before"] in ("值", "休") and c["before"] != c["code"] for c in out["cells"])
    assert out["spread_hours_after"] <= out["spread_hours_before"]
