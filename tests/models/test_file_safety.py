"""The SQLite file kept safe: one writer (an OS lock), a quick check at open, rotating backups that can be
restored, and bulk writes that a SIGKILL at any moment leaves whole or not at all."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from rosterapp import backups, i18n
from rosterapp.clock import today
from rosterapp.config import resolve_db_url
from rosterapp.db import WINDOW, WRITER, DatabaseDamaged, ReadOnly, WriteFailed, open_database
from rosterapp.models import Person, Station
from rosterapp.services import registers
from rosterapp.services.registers import PersonData

ROOT = Path(__file__).resolve().parents[2]


pytestmark = pytest.mark.sqlite_only  # the writer's lock, backups and a full disk of one SQLite file


def url(path: Path) -> str:
    return resolve_db_url(str(path))


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", "--lang", "en", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=env)


@pytest.fixture
def demo_file(demo_files, tmp_path) -> Path:
    path = tmp_path / "roster.sqlite3"
    path.write_bytes(demo_files(seed=1).read_bytes())
    return path


def test_a_second_window_only_reads_until_the_first_closes(demo_file):
    first = open_database(url(demo_file), lock=WINDOW)
    second = open_database(url(demo_file), lock=WINDOW)
    try:
        assert not first.read_only and second.read_only
        with pytest.raises(ReadOnly) as refused, second.begin() as s:
            s.get(Person, 1).phone = "13800000000"
        assert "F5" in refused.value.message and ("another window" in refused.value.message
                                                   or "另一个窗口" in refused.value.message)
        with second.read() as s:
            assert s.scalar(select(func.count()).select_from(Person)) > 0  # it still shows everything
        assert not second.try_write()
        first.dispose()
        assert second.try_write() and not second.read_only
        with second.begin() as s:
            s.get(Person, 1).phone = "13800000000"
    finally:
        first.dispose()
        second.dispose()


def test_a_command_line_writer_waits_for_a_window_then_refuses(demo_file, tmp_path):
    window = open_database(url(demo_file), lock=WINDOW)
    try:
        book = tmp_path / "p.xlsx"
        wb = openpyxl.Workbook()
        wb.active.append(["工号", "姓名", "支队", "消防救援站"])
        wb.active.append(["N1", "新人", "东城", "前门"])
        wb.save(book)
        started = time.monotonic()
        result = run("--db", str(demo_file), "import", "personnel", str(book))
        assert result.returncode == 4 and "in use by another window or process" in result.stderr
        assert time.monotonic() - started >= 4  # it waited for the window first
        assert run("--db", str(demo_file), "check").returncode in (0, 1)  # reading is never refused
    finally:
        window.dispose()
    assert run("--db", str(demo_file), "import", "personnel", str(book)).returncode == 0  # now it is free


def test_a_killed_window_leaves_no_lock_behind(demo_file):
    code = ("import sys, time; from rosterapp.db import open_database, WINDOW; "
            "db = open_database('sqlite:///' + sys.argv[1], lock=WINDOW); print('open', flush=True); time.sleep(60)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(demo_file)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "open"
    assert open_database(url(demo_file), lock=WINDOW).read_only
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    db = open_database(url(demo_file), lock=WINDOW)
    try:
        assert not db.read_only
    finally:
        db.dispose()


def damage(path: Path) -> None:
    """Overwrite a page in the middle of the file with noise, as a failing disk would."""
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.seek(size // 2 // 4096 * 4096)
        fh.write(os.urandom(4096 * 4))


def test_a_damaged_file_is_named_with_its_newest_good_backup_and_restored(demo_file):
    db = open_database(url(demo_file), lock=WRITER)  # the day's first open keeps a copy
    db.dispose()
    daily = [b for b in backups.listed(demo_file) if b.kind == backups.DAILY]
    assert len(daily) == 1
    damage(demo_file)
    with pytest.raises(DatabaseDamaged) as refused:
        open_database(url(demo_file), lock=WRITER)
    assert str(daily[0].path) in str(refused.value) and "backup restore" in str(refused.value)
    result = run("--db", str(demo_file), "check")
    assert result.returncode == 4
    listed = run("--db", str(demo_file), "backup", "list")
    assert listed.returncode == 0 and str(daily[0].path) in listed.stdout and "daily" in listed.stdout
    restored = run("--db", str(demo_file), "backup", "restore", str(daily[0].path))
    assert restored.returncode == 0, restored.stderr
    db = open_database(url(demo_file), lock=WRITER)
    try:
        with db.read() as s:
            assert s.scalar(select(func.count()).select_from(Person)) > 400
    finally:
        db.dispose()


def test_a_restore_keeps_the_current_file_aside_and_refuses_what_is_not_a_database(demo_file, tmp_path):
    copy = backups.make(demo_file, backups.DAILY)
    conn = sqlite3.connect(demo_file)
    conn.execute("UPDATE person SET name = '改过的' WHERE id = 1")
    conn.commit()
    conn.close()
    result = run("--db", str(demo_file), "backup", "restore", str(copy))
    assert result.returncode == 0, result.stderr
    aside = [b for b in backups.listed(demo_file) if b.kind == backups.BEFORE_RESTORE]
    assert len(aside) == 1
    read = lambda p: sqlite3.connect(p).execute("SELECT name FROM person WHERE id = 1").fetchone()[0]  # noqa: E731
    assert read(demo_file) != "改过的" and read(aside[0].path) == "改过的"
    junk = tmp_path / "junk.bak"
    junk.write_text("not a database")
    refused = run("--db", str(demo_file), "backup", "restore", str(junk))
    assert refused.returncode == 3 and "not a good copy" in refused.stderr


def test_daily_backups_rotate_and_migration_copies_stay(demo_file, monkeypatch):
    for k in range(13):
        stamp = dt.datetime(2026, 1, 1 + k, 9, 0)
        backups.make(demo_file, backups.DAILY).rename(
            demo_file.with_name(f"{demo_file.name}.daily-{stamp:%Y%m%d-%H%M%S}-000000.bak"))
    before_migration = backups.make(demo_file, "before-0002")
    db = open_database(url(demo_file), lock=WRITER)
    db.dispose()
    daily = [b for b in backups.listed(demo_file) if b.kind == backups.DAILY]
    assert len(daily) == backups.KEEP_DAILY and daily[0].made.date() == today()  # today's, and the 9 newest
    assert before_migration.exists()
    # The number kept is a setting.
    with sqlite3.connect(demo_file) as conn:
        conn.execute("INSERT INTO rule_setting (key, value) VALUES ('backups_kept', 3)")
    db = open_database(url(demo_file), lock=WRITER)
    db.dispose()
    assert len([b for b in backups.listed(demo_file) if b.kind == backups.DAILY]) == 3
    assert before_migration.exists()


# -- killed at any moment ---------------------------------------------------------------------------------

BULK = """
import sys, datetime as dt
from pathlib import Path
from rosterapp.db import open_database
from rosterapp.services import duties
from rosterapp.services.excel.importing import import_people

db = open_database('sqlite:///' + sys.argv[1])
print('ready', flush=True)
if sys.argv[2] == 'cells':
    with db.begin() as s:
        people = [p for (p,) in s.execute(__import__('sqlalchemy').text(
            'SELECT id FROM person WHERE id NOT IN (SELECT person_id FROM duty WHERE post_id IS NOT NULL) LIMIT 300'))]
        duties.set_roster_cells(s, {(p, dt.date(2027, 3, 1) + dt.timedelta(days=d)): '早'
                                    for p in people for d in range(28)})
else:
    with db.begin() as s:
        import_people(s, Path(sys.argv[3]))
print('done', flush=True)
"""


def register(path: Path, people: int) -> Path:
    wb = openpyxl.Workbook()
    wb.active.append(["工号", "姓名", "支队", "消防救援站", "资质"])
    for i in range(people):
        wb.active.append([f"K{i:05d}", f"杀{i}", "东城", "前门", "空呼"])
    wb.save(path)
    return path


def killed_at_random(demo_file: Path, book: Path, rounds: int, seed: int, within: float) -> tuple[int, int]:
    """Start a bulk write ``rounds`` times and kill it after a random moment up to ``within`` seconds;
    returns how many cell writes were found whole and how many not at all."""
    rng = random.Random(seed)
    whole = none = 0
    for k in range(rounds):
        kind = "cells" if k % 2 == 0 else "import"
        with sqlite3.connect(demo_file) as conn:  # the people the cell write takes: none of them at a post
            cells = 28 * conn.execute("SELECT count(*) FROM (SELECT id FROM person WHERE id NOT IN (SELECT "
                                      "person_id FROM duty WHERE post_id IS NOT NULL) LIMIT 300)").fetchone()[0]
        proc = subprocess.Popen([sys.executable, "-c", BULK, str(demo_file), kind, str(book)], cwd=ROOT,
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, within))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        conn = sqlite3.connect(demo_file)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            early = conn.execute("SELECT count(*) FROM duty JOIN shift_type ON shift_type.id = duty.shift_type_id "
                                 "WHERE shift_type.code = '早'").fetchone()[0]
            imported = conn.execute("SELECT count(*) FROM person WHERE staff_no LIKE 'K%'").fetchone()[0]
            # All or nothing: every one of the cells is there or none is; the 2,000 people or nobody.
            assert early in (0, cells) and imported in (0, 2000), (early, cells, imported)
            if kind == "cells":
                whole += early > 0
                none += early == 0
                conn.execute("DELETE FROM duty WHERE shift_type_id = (SELECT id FROM shift_type WHERE code = '早')")
                conn.commit()
        finally:
            conn.close()
    return whole, none


def test_bulk_writes_killed_at_any_moment_are_whole_or_not_at_all(demo_file, tmp_path):
    book = register(tmp_path / "k.xlsx", 2000)
    killed_at_random(demo_file, book, rounds=8, seed=11, within=1.5)


@pytest.mark.slow
def test_bulk_writes_killed_many_times(demo_file, tmp_path):
    book = register(tmp_path / "k.xlsx", 2000)
    whole, none = killed_at_random(demo_file, book, rounds=80, seed=12, within=4.0)
    assert whole and none  # some kills landed before the commit, some after


def test_a_writable_file_in_a_read_only_folder_is_permission_denied(demo_file, monkeypatch):
    """Exit 5, not 4: SQLite could not make its journal beside the file."""
    from rosterapp import app

    folder = str(demo_file.parent)
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if str(p) == folder and mode == os.W_OK
                        else real(p, mode))
    assert app.main(["rosterapp", "--lang", "en", "--db", str(demo_file), "check"]) == 5


def test_a_full_disk_refuses_the_write_says_so_and_keeps_what_was_there(db, fill_the_disk, monkeypatch):
    monkeypatch.setattr(i18n, "_language", "zh_CN")
    with db.read() as s:
        before = s.scalar(select(func.count()).select_from(Person))
        station = s.scalar(select(Station.id).where(Station.short_name == "前门"))
    fill_the_disk(db)
    with pytest.raises(WriteFailed) as refused, db.begin() as s:
        for i in range(2000):
            registers.create_person(s, PersonData(staff_no=f"F{i:04d}", name=f"满盘{i}", station_id=station))
    assert refused.value.exit_code == 4
    assert "所在的磁盘已满，请腾出空间后重试" in refused.value.message
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == before
