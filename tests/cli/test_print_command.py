"""`print` as a user runs it: a PDF without a display, one clear line and exit 2 for an unknown name."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rosterapp.db import open_database
from rosterapp.services import demo

ROOT = Path(__file__).resolve().parents[2]
DAY = "2027-03-06"


def rosterapp(*args: str) -> subprocess.CompletedProcess[str]:
    # As on a server: no display and no platform chosen; the command picks offscreen itself.
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=120, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def demo_path(backend) -> str:
    path = backend.new_url()
    db = open_database(path)
    demo.generate(db, scale="small", seed=1, start=dt.date(2027, 3, 1))
    db.dispose()
    return str(path)


def test_a_station_range_becomes_one_pdf(demo_path, tmp_path):
    out = tmp_path / "前门.pdf"
    result = rosterapp("--db", demo_path, "--lang", "en", "print", "--out", str(out), "--station", "前门",
                       "--date", DAY, "--to", "2027-03-08")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Written {out}: 3 sheets, 3 pages."
    assert result.stderr == ""
    assert out.read_bytes().startswith(b"%PDF-")


def test_a_detachment_summary_and_every_station_of_it(demo_path, tmp_path):
    summary = rosterapp("--db", demo_path, "--lang", "zh_CN", "print", "--out", str(tmp_path / "s.pdf"),
                        "--detachment", "东城", "--date", DAY)
    assert summary.returncode == 0, summary.stderr
    assert summary.stdout.startswith(f"已写入 {tmp_path / 's.pdf'}：共 1 份表")
    stations = rosterapp("--db", demo_path, "print", "--out", str(tmp_path / "all.pdf"), "--detachment", "DC",
                         "--all-stations", "--date", DAY)
    assert stations.returncode == 0, stations.stderr
    assert (tmp_path / "all.pdf").stat().st_size > 0


@pytest.mark.sqlite_only  # the arguments' or the file's checks: the same on every backend
@pytest.mark.parametrize(("option", "name", "message"), [
    ("--station", "火星", "Unknown station: 火星"),
    ("--post", "ZZ-9", "Unknown post: ZZ-9"),
    ("--detachment", "天安门支队", "Unknown detachment: 天安门支队"),
])
def test_an_unknown_name_exits_2_naming_it(demo_path, tmp_path, option, name, message):
    out = tmp_path / "x.pdf"
    result = rosterapp("--db", demo_path, "--lang", "en", "print", "--out", str(out), option, name, "--date", DAY)
    assert result.returncode == 2
    assert result.stderr.strip() == message
    assert not out.exists()


@pytest.mark.sqlite_only  # the arguments' or the file's checks: the same on every backend
@pytest.mark.parametrize("args", [
    ["--station", "前门"],                                          # no --date
    ["--date", DAY],                                                # nothing to print for
    ["--station", "前门", "--post", "DC-01", "--date", DAY],        # two targets
    ["--station", "前门", "--date", "2027-02-30"],                  # no such day
    ["--station", "前门", "--date", DAY, "--to", "2027-03-01"],     # backwards
    ["--station", "前门", "--all-stations", "--date", DAY],         # --all-stations needs a detachment
])
def test_usage_errors_exit_2_with_one_line(demo_path, tmp_path, args):
    result = rosterapp("--db", demo_path, "--lang", "en", "print", "--out", str(tmp_path / "x.pdf"), *args)
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.sqlite_only  # the arguments' or the file's checks: the same on every backend
def test_an_output_folder_that_does_not_exist_is_a_usage_error(demo_path, tmp_path):
    result = rosterapp("--db", demo_path, "--lang", "en", "print", "--out", str(tmp_path / "no" / "x.pdf"),
                       "--station", "前门", "--date", DAY)
    assert result.returncode == 2
    assert result.stderr.strip() == f"Cannot write {tmp_path / 'no' / 'x.pdf'}: the folder {tmp_path / 'no'} does not exist."
