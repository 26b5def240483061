"""`check` on the small demo: the table, the JSON shape of spec/cli.md, filters and exit codes."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from rosterapp.db import open_database
from rosterapp.services import demo

ROOT = Path(__file__).resolve().parents[2]
START = "2027-03-01"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=120, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def demo_db(backend) -> tuple[str, demo.DemoStats]:
    path = backend.new_url()
    db = open_database(path)
    stats = demo.generate(db, scale="small", seed=1, start=dt.date.fromisoformat(START))
    db.dispose()
    return str(path), stats


def test_json_has_the_documented_shape_and_finds_the_planted_problems(demo_db):
    path, stats = demo_db
    result = run("--db", path, "--lang", "en", "check", "--from", START, "--to", "2027-03-31", "--json")
    assert result.returncode == 1, result.stderr  # the planted errors
    report = json.loads(result.stdout)
    assert set(report) == {"problems", "counts"}
    assert set(report["counts"]) == {"error", "warning", "info"}
    assert report["counts"]["error"] == sum(p["severity"] == "error" for p in report["problems"])
    first = report["problems"][0]
    assert set(first) == {"rule", "severity", "message", "start", "end", "people", "vehicles", "posts",
                          "detachment"}
    assert len(first["start"]) == len("2027-03-05T08:00")
    found = {(p["rule"], p["start"][:10]) for p in report["problems"]}
    for planted in stats.planted:
        assert (planted.rule, planted.day.isoformat()) in found, planted
    overlap = next(p for p in report["problems"] if p["rule"] == "person_overlap")
    planted_people = next(p.people for p in stats.planted if p.rule == "person_overlap")
    assert overlap["people"] == list(planted_people)
    assert "two duties at the same time" in overlap["message"]


def test_the_day_left_without_a_duty_leader_is_an_error_in_json(demo_db):
    """The demo leaves one station day of the task without its 带班领导; every other day has its book."""
    path, stats = demo_db
    (planted,) = [p for p in stats.planted if p.rule == "no_duty_leader"]
    report = json.loads(run("--db", path, "--lang", "en", "check", "--from", START, "--to", "2027-03-31",
                            "--json").stdout)
    book = [p for p in report["problems"]
            if p["rule"] in {"no_duty_leader", "no_duty_officer", "leader_not_on_duty", "leader_unqualified"}]
    day = planted.day.isoformat()
    assert book == [{"rule": "no_duty_leader", "severity": "error",
                     "message": f"前门消防救援站 has no duty leader on {day}",
                     "start": f"{day}T08:00", "end": f"{planted.day + dt.timedelta(days=1)}T08:00",
                     "people": [], "vehicles": [], "posts": [], "detachment": "DC"}]
    zh = json.loads(run("--db", path, "--lang", "zh_CN", "check", "--from", day, "--to", day, "--json").stdout)
    assert f"前门消防救援站 {day} 无带班领导" in [p["message"] for p in zh["problems"]]


def test_table_in_chinese_with_counts(demo_db):
    path, _ = demo_db
    result = run("--db", path, "--lang", "zh_CN", "check", "--from", START, "--to", "2027-03-31")
    assert result.returncode == 1
    assert "严重程度" in result.stdout and "人员重复排班" in result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("错误 5 个")


def test_a_range_without_the_problems_exits_0(demo_db):
    path, _ = demo_db
    # The operation (and so every planted problem) begins on the fifth day.
    result = run("--db", path, "check", "--from", START, "--to", "2027-03-03", "--json")
    assert result.returncode == 0, result.stdout
    assert json.loads(result.stdout)["counts"]["error"] == 0


@pytest.mark.sqlite_only  # its subject is the command, the same on every backend
def test_filters_by_detachment_and_operation(demo_db):
    path, _ = demo_db
    everything = json.loads(run("--db", path, "check", "--from", START, "--to", "2027-03-31", "--json").stdout)
    for code in ("DC", "东城", "东城支队"):
        result = run("--db", path, "check", "--detachment", code, "--from", START, "--to", "2027-03-31", "--json")
        problems = json.loads(result.stdout)["problems"]
        assert all(p["detachment"] == "DC" or p["rule"] == "cross_detachment" for p in problems)
        assert len(problems) < len(everything["problems"])
    by_op = run("--db", path, "check", "--operation", "全国两会消防安保", "--json")
    assert by_op.returncode == 1
    assert {p["rule"] for p in json.loads(by_op.stdout)["problems"]} >= {"post_uncovered", "person_overlap"}


@pytest.mark.parametrize("args", [("--detachment", "通州"), ("--operation", "不存在的任务"),
                                  ("--from", "2027-02-30")])
def test_unknown_names_and_bad_dates_are_usage_errors(demo_db, args):
    path, _ = demo_db
    result = run("--db", path, "check", *args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
