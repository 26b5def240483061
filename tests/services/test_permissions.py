"""The services' guard on a shared server: a clerk's units of work write their own detachment's rows and
are refused, with "无权修改其他支队的数据" and nothing written, on any other; a viewer writes nothing; hq
writes everywhere. Behind it the server's own policies refuse what the guard might let through.

Runs against the PostgreSQL server of ``ROSTERAPP_TEST_DB_URL``; skipped without it.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import sessionmaker

from rosterapp.db import Database, make_engine, open_database, writing
from rosterapp.errors import EXIT_PERMISSION, PermissionDenied
from rosterapp.models import Detachment, Duty, Person, Post, Qualification, Station
from rosterapp.services import roster
from rosterapp.services.registers import PersonData, save_person
from tests.backends import contents
from tests.services.test_server import SERVER_URL, server  # noqa: F401 (the module's fixture)

pytestmark = pytest.mark.skipif(not SERVER_URL.startswith("postgresql"),
                                reason="needs ROSTERAPP_TEST_DB_URL (a PostgreSQL superuser URL)")

ROOT = Path(__file__).resolve().parents[2]
DAY = dt.date(2026, 3, 10)


def person_of(db: Database, code: str) -> tuple[int, int]:
    """(person id, station id) of an active person at the first station of detachment ``code``."""
    with db.read() as s:
        row = s.execute(select(Person.id, Person.station_id).join(Station).join(Detachment)
                        .where(Detachment.code == code, Station.grade != "office", Person.active)
                        .order_by(Person.id)).first()
    return row[0], row[1]


def write_cell(db: Database, person_id: int, code: str = "假") -> None:
    with db.begin() as s:
        roster.edit_cells(s, {(person_id, DAY): code}, [c.code for c in roster.shift_codes(s)])


@pytest.fixture
def as_login(server):  # noqa: F811
    opened: list[Database] = []

    def open_as(kind: str) -> Database:
        db = open_database(server.sa_url(server.logins[kind]), seed=False)
        opened.append(db)
        return db

    yield open_as
    for db in opened:
        db.dispose()


def test_a_clerk_writes_their_own_detachment_and_is_refused_elsewhere(server, as_login):  # noqa: F811
    clerk = as_login("clerk")  # 东城
    assert clerk.login is not None and clerk.login.role == "clerk"
    own, _ = person_of(clerk, "DC")
    other, _ = person_of(clerk, "XC")
    write_cell(clerk, own, "训")
    before = contents(server.url)
    with pytest.raises(PermissionDenied) as refused:
        write_cell(clerk, other, "训")
    assert refused.value.message == "无权修改其他支队的数据。"
    assert refused.value.exit_code == EXIT_PERMISSION
    assert contents(server.url) == before


def test_moving_ones_own_person_into_another_detachment_is_refused(server, as_login):  # noqa: F811
    clerk = as_login("clerk")
    own, _ = person_of(clerk, "DC")
    _, other_station = person_of(clerk, "XC")
    with clerk.read() as s:
        p = s.get(Person, own)
        data = PersonData(staff_no=p.staff_no, name=p.name, station_id=other_station, sex=p.sex,
                          birth_date=p.birth_date, rank_id=p.rank_id, position_id=p.position_id, phone=p.phone)
    with pytest.raises(PermissionDenied), clerk.begin() as s:
        save_person(s, own, data)
    with clerk.read() as s:
        assert s.get(Person, own).station_id != other_station


def test_a_viewer_writes_nothing_and_hq_writes_everywhere(server, as_login):  # noqa: F811
    viewer, hq = as_login("viewer"), as_login("hq")
    own, _ = person_of(hq, "DC")
    other, _ = person_of(hq, "SJS")
    with pytest.raises(PermissionDenied) as refused:
        write_cell(viewer, own)
    assert "只能查看" in refused.value.message
    write_cell(hq, own, "差")
    write_cell(hq, other, "差")


def test_a_clerk_may_not_change_the_task_itself(server, as_login):  # noqa: F811
    clerk = as_login("clerk")
    with pytest.raises(PermissionDenied) as refused, clerk.begin() as s:
        post = s.scalars(select(Post).join(Detachment).where(Detachment.code == "DC")).first()
        post.operation.name = post.operation.name + "（改）"
    assert "总队" in refused.value.message


def test_the_servers_policies_refuse_what_no_guard_checked(server):  # noqa: F811
    """A unit of work on an engine without the guard (as a program that skipped it would be): the
    server refuses the write itself, and the clerk is told the same."""
    engine = make_engine(server.sa_url(server.logins["clerk"]))
    bare = Database(url=server.url, engine=engine, session_factory=sessionmaker(writing(engine)))
    try:
        with bare.read() as s:
            other = s.scalar(select(Person.id).join(Station).join(Detachment).where(Detachment.code == "HD"))
            duties = s.scalar(select(func.count()).select_from(Duty))
        with pytest.raises(PermissionDenied) as refused:
            write_cell(bare, other, "值")
        assert refused.value.message == "无权修改其他支队的数据。"
        with bare.read() as s:
            assert s.scalar(select(func.count()).select_from(Duty)) == duties
    finally:
        engine.dispose()


def test_the_command_line_exits_5(server, tmp_path):  # noqa: F811
    book = tmp_path / "people.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["工号", "姓名", "支队", "消防救援站"])
    wb.active.append(["XC-NEW-1", "周敏", "西城", "白纸坊"])
    wb.save(book)
    result = subprocess.run([sys.executable, "main.py", "--lang", "zh_CN", "--db", server.sa_url(server.logins["clerk"]), "import",
                             "personnel", str(book)], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == EXIT_PERMISSION, result.stderr
    assert result.stderr.strip() == "无权修改其他支队的数据。"


def test_a_bulk_update_with_one_row_of_another_detachment_is_refused_whole(server, as_login):  # noqa: F811
    """Many existing entries rewritten at once (one executemany by id): one row of 西城 among 东城's refuses all."""
    hq, clerk = as_login("hq"), as_login("clerk")
    own, _ = person_of(hq, "DC")
    other, _ = person_of(hq, "XC")
    days = [DAY + dt.timedelta(days=i) for i in range(1, 6)]
    with hq.begin() as s:  # entries to rewrite, in both detachments
        roster.edit_cells(s, {(p, d): "值" for p in (own, other) for d in days}, ["值", "休"])
    before = contents(server.url)
    with pytest.raises(PermissionDenied):
        with clerk.begin() as s:
            roster.edit_cells(s, {(p, d): "休" for p in (own, other) for d in days}, ["值", "休"])
    assert contents(server.url) == before
    with clerk.begin() as s:
        roster.edit_cells(s, {(own, d): "休" for d in days}, ["值", "休"])


def test_a_clerk_edits_their_own_persons_qualifications(server, as_login):  # noqa: F811
    """The tables that link two others (a person's qualifications) have no id of their own: the guard reads
    their owners all the same, and refuses another detachment's."""
    clerk, hq = as_login("clerk"), as_login("hq")
    own, _ = person_of(clerk, "DC")
    other, _ = person_of(clerk, "XC")
    def two(s):
        return list(s.scalars(select(Qualification).order_by(Qualification.id).limit(2)))

    with hq.begin() as s:
        for pid in (own, other):
            s.get(Person, pid).qualifications = two(s)
    with clerk.begin() as s:
        s.get(Person, own).qualifications = two(s)[:1]
    with clerk.read() as s:
        assert [q.id for q in s.get(Person, own).qualifications] == [two(s)[0].id]
    with pytest.raises(PermissionDenied), clerk.begin() as s:
        s.get(Person, other).qualifications = []
    with pytest.raises(PermissionDenied), clerk.begin() as s:
        s.execute(text("UPDATE person SET phone = '1' WHERE id = :id"), {"id": own})  # written SQL: never
