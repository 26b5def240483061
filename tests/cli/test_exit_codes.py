"""The command line's exit codes and messages (spec/cli.md), run as a user runs it: `python main.py ...`."""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from rosterapp.cli import build_parser
from rosterapp.config import resolve_db_url
from rosterapp.db import open_database
from rosterapp.models import Person, Station

ROOT = Path(__file__).resolve().parents[2]

def rosterapp(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run main.py in a child process; the environment carries conftest's private user directories."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout, stdin=subprocess.DEVNULL)


def assert_one_clean_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def new_database(path: Path) -> Path:
    open_database(resolve_db_url(str(path))).dispose()
    return path


def people(path: Path) -> int:
    db = open_database(resolve_db_url(str(path)))
    try:
        with db.begin() as s:
            return s.scalar(select(func.count()).select_from(Person))
    finally:
        db.dispose()


@pytest.fixture
def garbage(tmp_path: Path) -> Path:
    path = tmp_path / "garbage.sqlite3"
    path.write_bytes(bytes(range(256)) * 16)
    return path


# --- usage errors: exit 2 -----------------------------------------------------------------------

def test_help_lists_every_command():
    result = rosterapp("--help")
    assert result.returncode == 0
    [subcommands] = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    commands = subcommands.choices
    assert "demo" in commands
    for name in commands:
        assert name in result.stdout


@pytest.mark.parametrize("args", [
    ["--no-such-option"],
    ["--lang", "fr", "demo"],
    ["no-such-command"],
    ["demo", "--scale", "galaxy"],
    ["demo", "--start", "2027-13-40"],
    ["demo", "--start", "5.3.2027"],
])
def test_usage_errors_exit_2(args, tmp_path):
    result = rosterapp("--db", str(tmp_path / "never.sqlite3"), *args)
    assert result.returncode == 2, result.stderr
    assert_one_clean_line(result)
    assert not (tmp_path / "never.sqlite3").exists()


def test_bad_date_message_in_chinese():
    result = rosterapp("--lang", "zh_CN", "demo", "--start", "2027-13-40")
    assert result.returncode == 2
    assert "日期无效" in assert_one_clean_line(result)


def test_bad_date_message_in_english():
    result = rosterapp("--lang", "en", "demo", "--start", "2027-13-40")
    assert result.returncode == 2
    assert "Invalid date: 2027-13-40" in assert_one_clean_line(result)


# --- databases that cannot be used: exit 4, one line, no traceback ------------------------------

@pytest.mark.parametrize("lang, text", [("en", "is not a SQLite database"), ("zh_CN", "不是 SQLite 数据库")])
def test_a_file_that_is_not_a_database(garbage, lang, text):
    before = garbage.read_bytes()
    result = rosterapp("--db", str(garbage), "--lang", lang, "demo")
    assert result.returncode == 4
    assert text in assert_one_clean_line(result)
    assert garbage.read_bytes() == before


def test_a_database_from_a_newer_version(tmp_path):
    path = new_database(tmp_path / "newer.sqlite3")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff9999'")
    conn.close()
    result = rosterapp("--db", str(path), "--lang", "en", "demo")
    assert result.returncode == 4
    line = assert_one_clean_line(result)
    assert "newer version" in line and "ffff9999" in line


def test_a_new_file_locked_by_another_program(tmp_path):
    """Another program holds the lock before rosterapp ever migrated the file."""
    path = tmp_path / "locked-new.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        result = rosterapp("--db", str(path), "--lang", "en", "demo")
    finally:
        holder.close()
    assert result.returncode == 4
    assert "locked" in assert_one_clean_line(result)


def test_a_database_locked_by_another_writer(tmp_path):
    """The usual case: a second rosterapp (or a sqlite3 shell) is writing to a database in use."""
    path = new_database(tmp_path / "locked.sqlite3")
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        result = rosterapp("--db", str(path), "--lang", "en", "demo")
    finally:
        holder.close()
    assert result.returncode == 4
    assert "locked" in assert_one_clean_line(result)
    assert people(path) == 0


# --- the demo command on good databases ----------------------------------------------------------

def test_demo_fills_a_new_database(tmp_path):
    path = tmp_path / "demo.sqlite3"
    result = rosterapp("--db", str(path), "--lang", "en", "demo", "--scale", "small", "--start", "2027-03-01")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert people(path) > 0


def test_demo_refuses_a_database_with_people_unless_replace(tmp_path):
    path = new_database(tmp_path / "held.sqlite3")
    db = open_database(resolve_db_url(str(path)))
    with db.begin() as s:
        s.add(Person(staff_no="110001", name="张伟", station=s.scalars(select(Station)).first()))
    db.dispose()

    refused = rosterapp("--db", str(path), "--lang", "en", "demo", "--start", "2027-03-01")
    assert refused.returncode != 0
    assert "--replace" in assert_one_clean_line(refused)
    assert people(path) == 1

    replaced = rosterapp("--db", str(path), "--lang", "en", "demo", "--start", "2027-03-01", "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert people(path) > 1


# --- a --db that names a missing file: refused unless --create (spec/cli.md) ---------------------

@pytest.fixture
def register(tmp_path: Path) -> Path:
    import openpyxl

    path = tmp_path / "people.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["工号", "姓名", "支队", "消防救援站"])
    wb.active.append(["N1", "张伟", "东城", "前门"])
    wb.save(path)
    return path


@pytest.mark.parametrize("command", [
    ["check"],
    ["export", "--out", "{tmp}/hq.xlsx"],
    ["import", "personnel", "{register}"],
    ["print", "--out", "{tmp}/s.pdf", "--station", "前门", "--date", "2027-03-06"],
])
@pytest.mark.parametrize("lang, text", [("en", "does not exist; use --create to make a new one"),
                                        ("zh_CN", "不存在；如需新建数据库，请加上 --create")])
def test_a_mistyped_db_is_refused_and_nothing_is_made(tmp_path, register, command, lang, text):
    typo = tmp_path / "nodir" / "roster.sqlite3"
    args = [a.format(tmp=tmp_path, register=register) for a in command]
    result = rosterapp("--db", str(typo), "--lang", lang, *args)
    assert result.returncode == 4, result.stderr
    line = assert_one_clean_line(result)
    assert str(typo) in line and text in line
    assert not typo.parent.exists()
    assert not (tmp_path / "hq.xlsx").exists() and not (tmp_path / "s.pdf").exists()


def test_a_missing_file_in_an_existing_folder_is_refused_too(tmp_path):
    typo = tmp_path / "rooster.sqlite3"
    result = rosterapp("--db", str(typo), "--lang", "en", "check")
    assert result.returncode == 4
    assert "--create" in assert_one_clean_line(result)
    assert list(tmp_path.iterdir()) == []


def test_rosterapp_db_names_a_file_as_explicitly_as_db(tmp_path):
    typo = tmp_path / "nodir" / "roster.sqlite3"
    env = dict(os.environ, PYTHONIOENCODING="utf-8", ROSTERAPP_DB=str(typo))
    result = subprocess.run([sys.executable, "main.py", "--lang", "en", "check"], cwd=ROOT, env=env,
                            capture_output=True, text=True, encoding="utf-8", timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 4
    assert str(typo) in assert_one_clean_line(result)
    assert not typo.parent.exists()


def test_create_makes_the_new_database(tmp_path):
    new = tmp_path / "nodir" / "roster.sqlite3"
    result = rosterapp("--db", str(new), "--create", "--lang", "en", "check")
    assert result.returncode == 0, result.stderr
    assert "0 errors" in result.stdout
    assert new.read_bytes().startswith(b"SQLite format 3\x00") and people(new) == 0
    again = rosterapp("--db", str(new), "--lang", "en", "check")  # now it exists: no --create needed
    assert again.returncode == 0, again.stderr


def test_demo_makes_its_database_without_create(tmp_path):
    new = tmp_path / "nodir" / "demo.sqlite3"
    result = rosterapp("--db", str(new), "--lang", "en", "demo", "--start", "2027-03-01")
    assert result.returncode == 0, result.stderr
    assert people(new) > 0


def test_the_default_database_is_made_on_first_use(tmp_path):
    env = dict(os.environ, PYTHONIOENCODING="utf-8", XDG_DATA_HOME=str(tmp_path / "data"))
    env.pop("ROSTERAPP_DB", None)
    result = subprocess.run([sys.executable, "main.py", "--lang", "en", "check"], cwd=ROOT, env=env,
                            capture_output=True, text=True, encoding="utf-8", timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "rosterapp" / "roster.sqlite3").exists()


def test_help_tells_of_create():
    result = rosterapp("--help")
    assert "--create" in result.stdout


# --- --db that names no database file: never the default database, never memory ------------------

def private_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a user whose default database would be made under tmp_path/data."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8", XDG_DATA_HOME=str(tmp_path / "data"), **extra)
    if "ROSTERAPP_DB" not in extra:
        env.pop("ROSTERAPP_DB", None)
    return env


def run_with(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=120, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("command", [["check"], ["demo", "--start", "2027-03-01"], ["import", "personnel", "x.xlsx"]])
@pytest.mark.parametrize("db, text", [
    ("", "--db is empty: name a database file or URL."),
    ("   ", "--db is empty: name a database file or URL."),
    ("sqlite://", "An in-memory database keeps nothing"),
    ("sqlite:///:memory:", "An in-memory database keeps nothing"),
    (":memory:", "An in-memory database keeps nothing"),
])
def test_an_empty_or_in_memory_db_is_a_usage_error(tmp_path, command, db, text):
    result = run_with(private_env(tmp_path), "--db", db, "--lang", "en", *command)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert text in assert_one_clean_line(result)
    assert not (tmp_path / "data" / "rosterapp" / "roster.sqlite3").exists()  # the default database is untouched
    assert not (ROOT / ":memory:").exists()


def test_an_empty_rosterapp_db_is_a_usage_error_too(tmp_path):
    result = run_with(private_env(tmp_path, ROSTERAPP_DB=""), "--lang", "en", "check")
    assert result.returncode == 2
    assert assert_one_clean_line(result) == "$ROSTERAPP_DB is empty: name a database file or URL."
    assert not (tmp_path / "data" / "rosterapp" / "roster.sqlite3").exists()


@pytest.mark.parametrize("db", ["", "sqlite://", ":memory:"])
def test_the_window_refuses_them_too(tmp_path, db):
    result = run_with(private_env(tmp_path, QT_QPA_PLATFORM="offscreen"), "--db", db, "--lang", "zh_CN")
    assert result.returncode == 2, result.stderr
    line = assert_one_clean_line(result)
    assert ("为空" in line) if not db else ("内存数据库" in line)
    assert not (tmp_path / "data" / "rosterapp" / "roster.sqlite3").exists()


def test_a_postgresql_url_without_its_driver_says_how_to_install_it(tmp_path):
    pytest.importorskip("sqlalchemy")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("psycopg is installed here: the URL would be tried on a server")
    for url in ("postgresql://clerk@hq-server/roster", "postgresql+psycopg://clerk@hq-server/roster"):
        result = rosterapp("--db", url, "--lang", "en", "check")
        assert result.returncode == 4, result.stderr
        assert assert_one_clean_line(result) == (
            "The PostgreSQL driver is not installed; install it with: pip install 'rosterapp[postgres]'")
    chinese = rosterapp("--db", "postgresql://clerk@hq-server/roster", "--lang", "zh_CN", "check")
    assert chinese.returncode == 4 and "未安装 PostgreSQL 驱动程序" in assert_one_clean_line(chinese)


def test_a_url_of_no_known_database_is_a_usage_error():
    result = rosterapp("--db", "roster://somewhere/x", "--lang", "en", "check")
    assert result.returncode == 2
    assert assert_one_clean_line(result) == "Not a database URL rosterapp can use: roster://somewhere/x"


# --- what a user can type wrong is a usage error in one line, never a Python message ------------------

@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("exit") / "demo.sqlite3"
    result = rosterapp("--db", str(path), "--lang", "en", "demo", "--start", "2027-03-01")
    assert result.returncode == 0, result.stderr
    return path


@pytest.mark.parametrize("args, text", [
    (["check", "--from", "9999-12-31"], "9999-12-31 is not a day rosterapp plans"),
    (["check", "--from", "2027-03-01", "--to", "9999-12-31"], "9999-12-31 is not a day rosterapp plans"),
    (["check", "--from", "0001-01-01", "--to", "0001-01-02"], "0001-01-01 is not a day rosterapp plans"),
    (["export", "--out", "{tmp}/x.xlsx", "--from", "9999-12-31"], "9999-12-31 is not a day rosterapp plans"),
    (["print", "--out", "{tmp}/x.pdf", "--station", "前门", "--date", "9999-12-31"], "is not a day rosterapp plans"),
    (["demo", "--replace", "--start", "9999-12-01"], "9999-12-01 is not a day rosterapp plans"),
    (["check", "--operation", "999999999999999999999"], "Unknown operation: 999999999999999999999"),
    (["export", "--out", "{tmp}/x.xlsx", "--operation", "999999999999999999999"], "Unknown operation"),
    (["print", "--out", "{tmp}/x.pdf", "--post", "DC-01", "--operation", "999999999999999999999", "--date",
      "2027-03-06"], "Unknown operation: 999999999999999999999"),
    (["export", "--out", "{tmp}/x.xlsx", "--from", "2027-01-01", "--to", "2028-06-30"],
     "2027-01-01 to 2028-06-30 is 547 days; a workbook or a print job covers at most 366 days at a time."),
    (["print", "--out", "{tmp}/x.pdf", "--station", "前门", "--date", "2027-01-01", "--to", "2028-06-30"],
     "covers at most 366 days"),
    (["export", "--out", "{tmp}/nodir/x.xlsx"], "the folder {tmp}/nodir does not exist"),
    (["export", "--out", "{tmp}"], "it is a folder"),
    (["demo", "--replace", "--days", "0"], "The demo covers 7 to 366 days, not 0."),
    (["demo", "--replace", "--days", "100000"], "The demo covers 7 to 366 days, not 100000."),
    (["demo", "--replace", "--days", "lots"], "The demo covers 7 to 366 days, not lots."),
    (["screenshot", "--out", "{db}"], "is not a folder"),
])
def test_what_a_user_can_get_wrong_exits_2_in_one_line(demo_db, tmp_path, args, text):
    before = demo_db.read_bytes()
    args = [a.format(tmp=tmp_path, db=demo_db) for a in args]
    result = rosterapp("--db", str(demo_db), "--lang", "en", *args, timeout=60)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert text.format(tmp=tmp_path) in assert_one_clean_line(result)
    assert demo_db.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == []


def test_importing_a_folder_is_refused_as_a_file_that_cannot_be_read(demo_db, tmp_path):
    result = rosterapp("--db", str(demo_db), "--lang", "en", "import", "personnel", str(tmp_path))
    assert result.returncode == 3
    assert assert_one_clean_line(result) == f"{tmp_path.name}: This is a folder, not a workbook."


def test_a_bug_exits_70_with_the_crash_reports_path(tmp_path):
    """A real bug (here: a command that divides by zero) is no user error: exit 70, one line naming the
    crash report, and the traceback in that report rather than on the screen."""
    state = tmp_path / "state"
    code = ("import sys; from rosterapp import app, cli; "
            "cli.COMMANDS['check'] = lambda args: 1 / 0; "
            "sys.exit(app.main(['rosterapp', '--lang', 'en', '--db', sys.argv[1], 'check']))")
    env = dict(os.environ, PYTHONIOENCODING="utf-8", XDG_STATE_HOME=str(state))
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "x.sqlite3")], cwd=ROOT, env=env,
                            capture_output=True, text=True, encoding="utf-8", timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 70, result.stderr
    line = assert_one_clean_line(result)
    report = state / "rosterapp" / "log" / "rosterapp.log"
    assert line == f"Internal error (ZeroDivisionError: division by zero); the crash report is {report}"
    text = report.read_text(encoding="utf-8")
    assert "Traceback" in text and "ZeroDivisionError" in text


def test_the_crash_line_is_in_chinese_too(tmp_path):
    code = ("import sys; from rosterapp import app, cli; "
            "cli.COMMANDS['check'] = lambda args: [][1]; "
            "sys.exit(app.main(['rosterapp', '--lang', 'zh_CN', '--db', sys.argv[1], 'check']))")
    env = dict(os.environ, PYTHONIOENCODING="utf-8", XDG_STATE_HOME=str(tmp_path / "state"))
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "x.sqlite3")], cwd=ROOT, env=env,
                            capture_output=True, text=True, encoding="utf-8", timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 70
    assert assert_one_clean_line(result).startswith("程序内部错误（IndexError: list index out of range）；错误报告：")


def test_help_tells_of_the_internal_error_code_and_the_limits():
    result = rosterapp("--help")
    assert "70 internal error" in result.stdout and "2000-01-01 to 2099-12-31" in result.stdout
    demo = rosterapp("demo", "--help")
    assert "7 to 366" in demo.stdout
