"""Sub-plans (services/subplans.py): states, frozen versions, the overall plan, diffs, and the lock of an
approved sub-plan on every route (the services, `import plan`, `autofill --apply` leaving it alone; psql in
test_server.py)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from rosterapp.config import sqlite_path
from rosterapp.db import Database, PlanLocked
from rosterapp.errors import Conflict, UsageError
from rosterapp.models import (
    AuditEntry,
    Detachment,
    Duty,
    Operation,
    Person,
    Post,
    Station,
    Vehicle,
    VehicleDeployment,
)
from rosterapp.services import check, duties, operations, registers, roster, staffing, subplans
from rosterapp.services.excel.export import export_workbook
from rosterapp.services.subplans import DiffLine
from tests.services.test_audit import rows

ROOT = Path(__file__).resolve().parents[2]


def rosterapp(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=180, stdin=subprocess.DEVNULL)


def db_arg(db: Database) -> str:
    return str(sqlite_path(db.url)) if db.url.startswith("sqlite") else db.url


class Plan:
    """The demo's first task and 东城支队's part of it."""

    def __init__(self, db: Database):
        self.db = db
        with db.read() as s:
            self.det = s.scalar(select(Detachment.id).where(Detachment.code == "DC"))
            self.op = s.scalar(select(Post.operation_id).where(Post.detachment_id == self.det).limit(1))
            self.op_name = s.get(Operation, self.op).name
            self.posts = list(s.scalars(select(Post.id).where(Post.operation_id == self.op,
                                                              Post.detachment_id == self.det).order_by(Post.id)))
            self.code = roster.shift_codes(s)[0].code

    def act(self, action: str, comment: str = "") -> None:
        with self.db.begin() as s:
            subplans.act(s, action, self.op, self.det, comment)

    def state(self) -> tuple[str, int]:
        with self.db.read() as s:
            row = subplans.sub_plan(s, self.op, self.det)
            return row.state, row.version

    def edit(self, edit) -> object:
        with self.db.begin("测试") as s:
            return edit(s)


def last_entry(db: Database) -> int:
    """The newest audit entry: every write leaves one (test_audit.py), so an edit that changed nothing left none."""
    with db.read() as s:
        return s.scalar(select(func.max(AuditEntry.id)))


# -- states ---------------------------------------------------------------------------------------

def test_submit_approve_return_reopen_and_the_overall_plan(demo_db: Database) -> None:
    plan = Plan(demo_db)
    with pytest.raises(Conflict):
        plan.act("approve")  # nothing submitted yet
    plan.act("submit", "第一版")
    assert plan.state() == ("submitted", 1)
    with pytest.raises(UsageError):
        plan.act("return", "  ")  # a return says why
    plan.act("approve", "同意")
    assert plan.state() == ("approved", 1)
    with pytest.raises(Conflict):
        plan.act("submit")  # approved: reopened first
    plan.act("reopen", "补充人员")
    plan.edit(lambda s: operations.update_post(s, plan.posts[0], replace(operations.get_post(s, plan.posts[0]),
                                                                         remarks="补充")))
    plan.act("submit", "第二版")
    with demo_db.read() as s:
        assert subplans.in_plan(s, plan.op, plan.det).number == 2  # the latest submitted one
    plan.act("return", "人员不足")
    assert plan.state() == ("returned", 2)
    with demo_db.read() as s:
        assert subplans.in_plan(s, plan.op, plan.det).number == 1  # the approved one, the returned one out
        assert [(v.number, v.state) for v in subplans.versions(s, plan.op, plan.det)] == [
            (1, "approved"), (2, "returned")]
        status = {st.detachment_id: st for st in subplans.overview(s, plan.op)}[plan.det]
        assert (status.state, status.version, status.in_plan, status.comment) == ("returned", 2, 1, "人员不足")


def test_approve_is_refused_when_the_draft_changed_after_submitting(demo_db: Database) -> None:
    plan = Plan(demo_db)
    plan.act("submit")
    plan.edit(lambda s: operations.update_post(s, plan.posts[0], replace(operations.get_post(s, plan.posts[0]),
                                                                         name="改过的点位")))
    with pytest.raises(Conflict, match="2|again|重新"):
        plan.act("approve")
    assert plan.state() == ("submitted", 1)


# -- the lock -------------------------------------------------------------------------------------

def test_an_approved_sub_plan_is_locked_on_every_route_and_open_again_after_reopen(demo_db: Database, backend,
                                                                                   tmp_path) -> None:
    plan = Plan(demo_db)
    with demo_db.read() as s:
        post = s.get(Post, plan.posts[0])
        s.expunge(post)  # its values as they are now, for the attempts below
        day = post.active_from.date()
        duty = s.scalar(select(Duty.id).where(Duty.post_id == post.id).limit(1))
        deployment = s.scalar(select(VehicleDeployment.id).where(VehicleDeployment.post_id == post.id).limit(1))
        person, name = s.execute(select(Person.id, Person.name).join(Duty, Duty.person_id == Person.id)
                                 .where(Duty.id == duty)).one()
        someone = s.scalar(select(Person.id).join(Station).where(Station.detachment_id == plan.det,
                                                                 Person.id != person))
        data = operations.get_post(s, post.id)
    # a short window for autofill to fill: the post's crews of its first day taken off
    with demo_db.begin() as s:
        crews = list(s.scalars(select(Duty.id).where(Duty.post_id == post.id, Duty.id != duty,
                                                     Duty.start < dt.datetime.combine(day + dt.timedelta(days=1),
                                                                                      post.handover_time))))
        staffing.unstaff(s, crews)
    plan.act("submit")
    plan.act("approve")
    book = tmp_path / "dc.xlsx"
    with demo_db.read() as s:  # exporting reads: open
        export_workbook(s, check.resolve_scope(s, operation=str(plan.op), detachment="DC"), book)
    before, last = rows(demo_db.url), last_entry(demo_db)

    refused = {
        "post": lambda s: operations.update_post(s, post.id, replace(data, name="改名")),
        "new post": lambda s: operations.create_post(s, replace(data, code="L-99")),
        "delete post": lambda s: operations.delete_post(s, post.id),
        "duty": lambda s: duties.assign_duty(s, someone, plan.code, day, post_id=post.id),
        "remove duty": lambda s: duties.remove_duty(s, duty),
        "deployment": lambda s: duties.remove_deployment(s, deployment),
        "staffing": lambda s: staffing.staff_windows(s, [staffing.WindowStaffing(
            post.id, post.active_from, post.active_from + dt.timedelta(hours=12), (), ((someone, None, None),))]),
        "unstaff": lambda s: staffing.unstaff(s, [duty]),
    }
    for what, edit in refused.items():
        with pytest.raises(PlanLocked):
            plan.edit(edit)
        assert last_entry(demo_db) == last, what

    if backend.name == "sqlite":  # on a server the same refusal of the same unit of work: spared its 7 s
        wb = openpyxl.load_workbook(book)
        sheet = wb["点位方案"]
        header = next(r for r in range(1, 6) if any(c.value == "点位名称" for c in sheet[r]))
        column = next(c.column for c in sheet[header] if c.value == "点位名称")
        sheet.cell(header + 1, column).value = "导入改名"
        wb.save(book)
        imported = rosterapp("--db", db_arg(demo_db), "--lang", "en", "import", "plan", str(book))
        assert imported.returncode == 3 and "reopen" in imported.stderr, (imported.stdout, imported.stderr)
        # autofill leaves the approved sub-plan's short window as it is, and says so
        filled = rosterapp("--db", db_arg(demo_db), "--lang", "en", "autofill", "--detachment", "DC", "--fill",
                           "posts", "--from", day.isoformat(), "--to", (day + dt.timedelta(days=2)).isoformat(),
                           "--apply")
        assert filled.returncode == 0, (filled.stdout, filled.stderr)
        assert "Left as approved (sub-plan locked): 东城支队." in filled.stdout
    assert last_entry(demo_db) == last and rows(demo_db.url) == before

    # Registers and absences stay open: a sick leave over the approved window is recorded, the checker shows it.
    with demo_db.begin() as s:
        registers.add_absence(s, person, "sick", day, day + dt.timedelta(days=1))
    with demo_db.read() as s:
        report = check.run_check(s, check.resolve_scope(s, operation=str(plan.op), first=day, last=day))
    assert any(person in p.people for p in report.problems), name

    plan.act("reopen")
    plan.edit(refused["post"])
    with demo_db.read() as s:
        assert s.get(Post, post.id).name == "改名"


# -- diff -----------------------------------------------------------------------------------------

def test_the_diff_of_two_versions_is_what_changed(demo_db: Database) -> None:
    plan = Plan(demo_db)
    with demo_db.read() as s:
        # a post with a vehicle deployed to it (all its deployments there are removed), and someone of the
        # detachment not on it
        post_id, vehicle_id = s.execute(
            select(VehicleDeployment.post_id, VehicleDeployment.vehicle_id)
            .where(VehicleDeployment.post_id.in_(plan.posts))
            .order_by(VehicleDeployment.post_id, VehicleDeployment.vehicle_id)).first()
        post = s.get(Post, post_id)
        s.expunge(post)
        deployments = list(s.scalars(select(VehicleDeployment.id).where(VehicleDeployment.post_id == post_id,
                                                                        VehicleDeployment.vehicle_id == vehicle_id)))
        plate = s.scalar(select(Vehicle.plate).where(Vehicle.id == vehicle_id))
        on_post = set(s.scalars(select(Duty.person_id).where(Duty.post_id == post.id)))
        newcomer = s.scalars(select(Person).join(Station).where(Station.detachment_id == plan.det,
                                                                Person.active, Person.id.not_in(on_post))).first()
        s.expunge(newcomer)
        data = operations.get_post(s, post.id)
        old = subplans.snapshot(s, plan.op, plan.det)["posts"][post.code]
    plan.act("submit")
    day = data.active_from.date()
    later = data.active_to + dt.timedelta(hours=2)
    plan.edit(lambda s: operations.update_post(s, post.id, replace(data, name="新名称", active_to=later)))
    duty_id = plan.edit(lambda s: duties.assign_duty(s, newcomer.id, plan.code, day, post_id=post.id)[0])
    plan.edit(lambda s: [duties.remove_deployment(s, d) for d in deployments])
    plan.act("submit")
    with demo_db.read() as s:
        d = s.get(Duty, duty_id)
        left, right, lines = subplans.compare(s, plan.op, plan.det, 1, 2)
        window = f"{d.start:%m-%d %H:%M}–{d.end:%m-%d %H:%M}"
        _, _, none = subplans.compare(s, plan.op, plan.det)  # the latest version against the draft
    gone = [v for v in old["vehicles"] if v["plate"] == plate]
    assert set(lines) == {
        DiffLine("changed", "post", post.code, "点位名称", old["name"], "新名称"),
        DiffLine("changed", "post", post.code, "结束", old["active_to"].replace("T", " "), f"{later:%Y-%m-%d %H:%M}"),
        DiffLine("added", "person", post.code, f"{newcomer.name}（{newcomer.staff_no}）", "", window),
        DiffLine("removed", "vehicle", post.code, plate, "；".join(
            f"{v['start'][5:].replace('T', ' ')}–{v['end'][5:].replace('T', ' ')}" for v in gone), ""),
    }, lines
    assert len(lines) == 4 and none == []



@pytest.mark.sqlite_only
def test_renaming_a_person_in_the_register_does_not_make_the_plan_differ(demo_db: Database) -> None:
    plan = Plan(demo_db)
    plan.act("submit")
    with demo_db.begin() as s:
        person = s.scalar(select(Person).join(Duty, Duty.person_id == Person.id).where(Duty.post_id.in_(plan.posts))
                          .limit(1))
        person.name = person.name + "伟"
    with demo_db.read() as s:
        assert not next(st for st in subplans.overview(s, plan.op) if st.detachment_id == plan.det).edited_since
    plan.act("approve")
    assert plan.state() == ("approved", 1)
