"""`server init URL` and `users add|list|disable|passwd`, run as a user runs them (spec/cli.md).

The tests that use the ``server`` fixture run against the PostgreSQL server of ``ROSTERAPP_TEST_DB_URL`` (a
superuser URL) and are skipped without it.
Passwords go in on standard input or in $PGPASSWORD (libpq's), never in an argument.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import URL, make_url

ROOT = Path(__file__).resolve().parents[2]
SERVER_URL = os.environ.get("ROSTERAPP_TEST_DB_URL", "")


def rosterapp(*args: str, password: str | None = None, stdin: str | None = None,
              lang: str = "en") -> subprocess.CompletedProcess[str]:
    """main.py in a child process; ``password`` is the login's, given the libpq way ($PGPASSWORD)."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env.pop("PGPASSWORD", None)
    if password is not None:
        env["PGPASSWORD"] = password
    return subprocess.run([sys.executable, "main.py", "--lang", lang, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          input=stdin if stdin is not None else "")


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


class Server:
    def __init__(self, database: str):
        base = make_url(SERVER_URL)
        self.database = database
        self.superuser_password = base.password
        self.passwords: dict[str, str] = {}
        self.logins: list[str] = []
        self._base = base

    def url(self, login: str = "postgres") -> str:
        """The URL as a clerk types it: no password in it."""
        base = self._base
        return URL.create(base.drivername, username=login, host=base.host, port=base.port,
                          database=self.database).render_as_string(hide_password=False)

    def as_admin(self, *args: str, stdin: str | None = None, lang: str = "en"):
        assert self.superuser_password not in self.url()
        return rosterapp("--db", self.url(), *args, password=self.superuser_password, stdin=stdin, lang=lang)

    def as_user(self, login: str, *args: str, stdin: str | None = None):
        return rosterapp("--db", self.url(login), *args, password=self.passwords[login], stdin=stdin)

    def name(self, kind: str) -> str:
        login = f"users_{uuid.uuid4().hex[:8]}_{kind}"
        self.logins.append(login)
        return login

    def add(self, kind: str, *options: str) -> str:
        login, password = self.name(kind), f"Pw-{uuid.uuid4().hex}"
        result = self.as_admin("users", "add", login, *options, "--password-stdin", stdin=password + "\n")
        assert result.returncode == 0, result.stderr
        assert password not in result.stdout + result.stderr
        self.passwords[login] = password
        return login

    def can_log_in(self, login: str) -> bool:
        try:
            psycopg.connect(host=self._base.host, port=self._base.port, dbname=self.database, user=login,
                            password=self.passwords[login]).close()
        except psycopg.OperationalError:
            return False
        return True


def superuser():
    return psycopg.connect(make_url(SERVER_URL).set(drivername="postgresql").render_as_string(hide_password=False),
                           autocommit=True)


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    if not SERVER_URL.startswith("postgresql"):
        pytest.skip("needs ROSTERAPP_TEST_DB_URL (a PostgreSQL superuser URL)")
    database = f"users_test_{uuid.uuid4().hex[:10]}"
    with superuser() as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    made = Server(database)
    try:
        result = rosterapp("server", "init", made.url(), password=made.superuser_password)
        assert result.returncode == 0, result.stderr
        assert "row-level security" in result.stdout
        yield made
    finally:
        with superuser() as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))
            for login in made.logins:
                conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(login)))


def test_add_list_passwd_disable(server):
    clerk = server.add("clerk", "--role", "clerk", "--detachment", "东城")
    viewer = server.add("viewer", "--role", "viewer")
    assert server.can_log_in(clerk) and server.can_log_in(viewer)

    listed = server.as_admin("users", "list")
    assert listed.returncode == 0, listed.stderr
    line = next(line for line in listed.stdout.splitlines() if line.startswith(clerk))
    assert line.split()[1:3] == ["clerk", "东城支队"]
    assert any(line.split()[:2] == ["postgres", "admin"] for line in listed.stdout.splitlines())

    # A user changes their own password, an admin anyone's.
    new = f"Own-{uuid.uuid4().hex}"
    changed = server.as_user(clerk, "users", "passwd", clerk, "--password-stdin", stdin=new + "\n")
    assert changed.returncode == 0, changed.stderr
    assert new not in changed.stdout + changed.stderr
    server.passwords[clerk] = new
    assert server.can_log_in(clerk)
    reset = f"Reset-{uuid.uuid4().hex}"
    changed = server.as_admin("users", "passwd", viewer, "--password-stdin", stdin=reset + "\n")
    assert changed.returncode == 0, changed.stderr
    assert not server.can_log_in(viewer)
    server.passwords[viewer] = reset
    assert server.can_log_in(viewer)

    disabled = server.as_admin("users", "disable", clerk)
    assert disabled.returncode == 0, disabled.stderr
    assert not server.can_log_in(clerk)
    listed = server.as_admin("users", "list")
    assert "disabled" in next(line for line in listed.stdout.splitlines() if line.startswith(clerk))


def test_init_again_is_harmless(server):
    again = rosterapp("server", "init", server.url(), password=server.superuser_password)
    assert again.returncode == 0, again.stderr


@pytest.mark.parametrize("args", [
    ["--role", "boss"],
    ["--role", "clerk"],  # a clerk needs a detachment
    ["--role", "hq", "--detachment", "DC"],
    ["--role", "clerk", "--detachment", "Nowhere"],
    ["--role", "viewer", "--password", "secret"],  # never an argument
])
def test_usage_errors_exit_2(server, args):
    login = server.name("bad")
    result = server.as_admin("users", "add", login, *args, "--password-stdin", stdin="Secret-1\n")
    assert result.returncode == 2, result.stderr
    one_line(result)
    assert "Secret-1" not in result.stdout + result.stderr
    with superuser() as conn:
        assert conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone() is None


def test_a_password_is_read_from_stdin_only_with_password_stdin(server):
    login = server.name("nopw")
    # No terminal and no --password-stdin: refused, and nothing read.
    result = server.as_admin("users", "add", login, "--role", "viewer", stdin="Secret-2\n")
    assert result.returncode == 2
    assert "--password-stdin" in one_line(result)
    empty = server.as_admin("users", "add", login, "--role", "viewer", "--password-stdin", stdin="\n")
    assert empty.returncode == 2
    bad_name = server.as_admin("users", "add", "no spaces", "--role", "viewer", "--password-stdin", stdin="x\n")
    assert bad_name.returncode == 2
    one_line(bad_name)


def test_a_duplicate_is_refused(server):
    viewer = server.add("dup", "--role", "viewer")
    again = server.as_admin("users", "add", viewer, "--role", "viewer", "--password-stdin", stdin="Secret-3\n")
    assert again.returncode == 3
    assert viewer in one_line(again)


def test_only_an_admin_manages_users(server):
    clerk = server.add("clerk", "--role", "clerk", "--detachment", "XC")
    hq = server.add("hq", "--role", "hq")
    login = server.name("forged")
    for who in (clerk, hq):
        result = server.as_user(who, "users", "add", login, "--role", "admin", "--password-stdin",
                                stdin="Secret-4\n")
        assert result.returncode == 5, result.stderr
        one_line(result)
    other = server.as_user(clerk, "users", "passwd", hq, "--password-stdin", stdin="Secret-5\n")
    assert other.returncode == 5
    assert server.can_log_in(hq)
    assert server.as_user(clerk, "users", "disable", hq).returncode == 5
    listed = server.as_user(clerk, "users", "list")  # reading is everyone's
    assert listed.returncode == 0 and hq in listed.stdout


def test_users_on_sqlite_is_a_usage_error(tmp_path):
    result = rosterapp("--db", str(tmp_path / "desk.sqlite3"), "--create", "users", "list")
    assert result.returncode == 2
    assert "PostgreSQL" in one_line(result)
    init = rosterapp("server", "init", str(tmp_path / "desk.sqlite3"))
    assert init.returncode == 2
    one_line(init)


def test_help_in_chinese():
    result = rosterapp("users", "add", "--help", lang="zh_CN")
    assert result.returncode == 0
    assert "登录名" in result.stdout and "--password-stdin" in result.stdout
    init = rosterapp("server", "init", "--help", lang="zh_CN")
    assert "行级安全策略" in init.stdout


class _Terminal:
    def __init__(self, lines: str = ""):
        self.lines = lines

    def isatty(self) -> bool:
        return True

    def readline(self) -> str:
        raise AssertionError("a terminal is asked through getpass, not read")


@pytest.mark.parametrize(("typed", "expected"), [(["Same-1", "Same-1"], "Same-1"), (["Same-1", "Other"], None),
                                                 (["", ""], None)])
def test_a_terminal_is_asked_twice_without_echo(monkeypatch, typed, expected):
    """No server needed: on a terminal, the password is asked for twice with getpass (no echo)."""
    import argparse
    import getpass

    from rosterapp import cli
    from rosterapp.errors import UsageError

    answers = iter(typed)
    prompts = []
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": prompts.append(prompt) or next(answers))
    monkeypatch.setattr(sys, "stdin", _Terminal())
    args = argparse.Namespace(password_stdin=False, name="users_t")
    if expected is None:
        with pytest.raises(UsageError):
            cli.read_password(args)
    else:
        assert cli.read_password(args) == expected
        assert len(prompts) == 2 and "users_t" in prompts[0]

