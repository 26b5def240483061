"""Who a desk writes as: the operating system's login, unless the configuration file (or $ROSTERAPP_DESK)
names the desk; the audit log's groups and changed_by carry it."""

from __future__ import annotations

import getpass

import pytest
from sqlalchemy import select

from rosterapp import desk
from rosterapp.db import open_database
from rosterapp.models import AuditGroup, Detachment

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def fresh_name(monkeypatch, tmp_path):
    monkeypatch.delenv("ROSTERAPP_DESK", raising=False)
    monkeypatch.setenv(desk.CONFIG_ENV, str(tmp_path / "rosterapp.toml"))
    desk.user_name.cache_clear()
    yield tmp_path / "rosterapp.toml"
    desk.user_name.cache_clear()


def test_without_configuration_the_desk_is_the_login_name(fresh_name):
    assert desk.user_name() == getpass.getuser()


def test_the_configuration_file_names_the_desk_and_the_audit_log_says_it(fresh_name, tmp_path):
    fresh_name.write_text('desk = "东城支队内勤一"\n', encoding="utf-8")
    db = open_database(f"sqlite:///{tmp_path / 'desk.db'}")
    try:
        with db.begin("rename") as s:
            s.get(Detachment, 1).short_name = "东城区"
        with db.read() as s:
            group = s.execute(select(AuditGroup.login, AuditGroup.label).order_by(AuditGroup.id.desc())
                              .limit(1)).one()
    finally:
        db.dispose()
    assert tuple(group) == ("东城支队内勤一", "rename")


def test_a_broken_configuration_file_falls_back_to_the_login(fresh_name):
    fresh_name.write_text("desk = [unclosed\n", encoding="utf-8")
    assert desk.user_name() == getpass.getuser()
