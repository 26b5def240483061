"""`swaps` on the small demo: the table in both languages, --open, --station and the JSON."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from rosterapp.db import open_database
from rosterapp.services import demo, swaps

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=120, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def demo_db(backend) -> tuple[str, list[swaps.SwapRow]]:
    path = backend.new_url()
    db = open_database(path)
    demo.generate(db, scale="small", seed=1, start=dt.date(2027, 3, 1))
    with db.read() as session:
        rows = swaps.list_swaps(session)
    db.dispose()
    return str(path), rows


def test_the_json_lists_every_swap_and_what_is_owed(demo_db):
    path, rows = demo_db
    result = run("--db", path, "swaps", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"swaps", "owed"}
    assert [s["id"] for s in report["swaps"]] == [r.id for r in rows]
    first = report["swaps"][0]
    assert set(first) == {"id", "kind", "station", "person_a", "day_a", "person_b", "day_b", "shift", "reason",
                          "approver", "recorded_at", "settles", "paid_back_by", "open", "settled_at",
                          "settled_note"}
    assert set(first["person_a"]) == {"staff_no", "name"}
    assert report["owed"] == sum(r.open for r in rows) == sum(s["open"] for s in report["swaps"]) >= 1
    payback = next(s for s in report["swaps"] if s["kind"] == "payback")
    paid = next(s for s in report["swaps"] if s["id"] == payback["settles"])
    assert paid["paid_back_by"] == payback["id"] and not paid["open"]


def test_open_lists_only_the_stand_ins_owed_in_chinese(demo_db):
    path, rows = demo_db
    result = run("--db", path, "--lang", "zh_CN", "swaps", "--open")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["编号", "类型", "站", "交出", "日期", "接班", "换回日期", "班次", "事由", "批准人", "状态"]
    owed = [r for r in rows if r.open]
    body = lines[2:-1]
    assert len(body) == len(owed) and all("替班" in line and "待还" in line for line in body)
    assert lines[-1] == f"待还班 {len(owed)} 次。"


def test_one_station_in_english(demo_db):
    path, rows = demo_db
    station = next(r.station for r in rows if r.kind == "swap")
    result = run("--db", path, "--lang", "en", "swaps", "--station", station.removesuffix("消防救援站"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("No.  Kind")
    mine = [r for r in rows if r.station == station]
    assert len(lines) == 2 + len(mine) + 1 and "shift swap" in lines[2]
    assert lines[-1] == f"{len(mine)} swaps, 0 pay-backs owed."


@pytest.mark.sqlite_only  # the arguments' or the file's checks: the same on every backend
def test_an_unknown_station_is_a_usage_error(demo_db):
    path, _ = demo_db
    result = run("--db", path, "--lang", "en", "swaps", "--station", "无此站")
    assert result.returncode == 2
    assert "Unknown station: 无此站" in result.stderr


def test_none_recorded(tmp_path):
    result = run("--db", str(tmp_path / "empty.sqlite3"), "--create", "--lang", "en", "swaps")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "No swaps recorded."
