"""The audit log (migration 0006, services/audit.py): complete, written with its change, reverted as an edit.

Completeness is a property: random edits through the services that write, then the log replayed from its
first entry into a database that holds only the schema (no seed) gives the same rows in every table. On
SQLite the log names the desk (rosterapp/desk.py), on a server the login.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from rosterapp.db import Database, open_database
from rosterapp.errors import Conflict, UserError
from rosterapp.models import (
    AuditEntry,
    AuditGroup,
    Base,
    Duty,
    DutyAssignment,
    Person,
    Post,
    ShiftType,
    Station,
    Vehicle,
    VehicleDeployment,
)
from rosterapp.models.people import Absence
from rosterapp.services import (
    audit,
    autofill_posts,
    duties,
    dutybook,
    handovers,
    operations,
    registers,
    roster,
    staffing,
    subplans,
    swaps,
)
from rosterapp.services.excel.importing import import_people, import_vehicles

SAMPLES = Path("/work/shared/samples")
if not SAMPLES.is_dir():  # the repository's own copy, where the shared folder is not mounted
    SAMPLES = Path(__file__).resolve().parents[2] / "docs" / "samples"
NOT_REPLAYED = {"audit_group", "audit_entry", "audit_context", "change_log", "alembic_version"}
SEED, ROUNDS = 17, 24


# -- the log replayed ---------------------------------------------------------------------------------

def logged(db: Database) -> list[tuple[str, str, str, dict | None, dict | None]]:
    with db.read() as s:
        return [(e.tbl, e.action, e.row_id, audit._json(e.before), audit._json(e.after))
                for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def replay(entries, url: str) -> None:
    """Every entry in order into the database of ``url`` (made now, without the reference data): an INSERT
    puts its row, an UPDATE sets its fields, a DELETE removes its row by key."""
    target = open_database(url, seed=False)
    try:
        with target.begin() as s:
            conn = s.connection()
            batch: list[dict] = []
            batch_table = None

            def flush():
                nonlocal batch
                if batch:
                    conn.execute(batch_table.insert(), batch)
                    batch = []

            for tbl, action, row_id, _before, after in entries:
                table = audit.table_of(tbl)
                if action == "INSERT":
                    if table is not batch_table or set(after) != set(batch[0] if batch else after):
                        flush()
                        batch_table = table
                    batch.append(audit.python_row(table, after))
                    continue
                flush()
                key = audit.key_of(table, row_id)
                where = audit._where_key(table, key)
                if action == "UPDATE":
                    conn.execute(table.update().where(where).values(**audit.python_row(table, after)))
                else:
                    conn.execute(table.delete().where(where))
            flush()
    finally:
        target.dispose()


def rows(url: str) -> dict[str, list[tuple]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {t.name: sorted(map(tuple, conn.execute(select(t))), key=repr)
                    for t in Base.metadata.sorted_tables if t.name not in NOT_REPLAYED}
    finally:
        engine.dispose()


def audit_count(db: Database) -> tuple[int, int]:
    with db.read() as s:
        return s.scalar(select(func.count(AuditGroup.id))), s.scalar(select(func.count(AuditEntry.id)))


# -- random edits through the services ----------------------------------------------------------------

class Edits:
    """One kind of edit per method, each on random records of the demo; a refusal (UserError) is fine but
    must leave no row and no audit entry behind."""

    def __init__(self, db: Database, rnd: random.Random, tmp: Path):
        self.db, self.rnd, self.tmp = db, rnd, tmp
        self.refused: list[str] = []
        self.why: list[str] = []
        self.done: list[str] = []
        with db.read() as s:
            self.operation = s.scalar(select(Post.operation_id).order_by(Post.id).limit(1))
            first = s.scalar(select(func.min(Post.active_from)).where(Post.operation_id == self.operation))
            self.first = first.date()
            self.codes = [c.code for c in roster.shift_codes(s)]

    def open_post(self, session) -> int:
        """A post of the task whose sub-plan is not approved (an approved one refuses every edit of it)."""
        locked = subplans.locked_pairs(session)
        posts = [p for p, d in session.execute(select(Post.id, Post.detachment_id).where(
            Post.operation_id == self.operation).order_by(Post.id)) if (self.operation, d) not in locked]
        return self.rnd.choice(posts)

    def pick(self, session, model, *where):
        ids = list(session.scalars(select(model.id).where(*where).order_by(model.id)))
        return self.rnd.choice(ids) if ids else None

    def day(self, span: int = 6) -> dt.date:
        return self.first + dt.timedelta(days=self.rnd.randrange(span))

    def run(self, name: str) -> None:
        before = audit_count(self.db)
        try:
            with self.db.begin(f"test: {name}") as s:
                getattr(self, name)(s)
        except UserError as exc:
            self.refused.append(name)
            self.why.append(f"{name}: {exc}")
            assert audit_count(self.db) == before, f"{name} was refused but left audit entries"
        else:
            self.done.append(name)

    # each takes the unit of work's session
    def roster_cells(self, s):
        people = list(s.scalars(select(Person.id).where(Person.active).order_by(Person.id)))
        cells = {(self.rnd.choice(people), self.day()): self.rnd.choice([*self.codes[:3], "病", None])
                 for _ in range(self.rnd.randint(1, 4))}
        roster.edit_cells(s, cells, self.codes)

    def person_save(self, s):
        pid = self.pick(s, Person)
        data = registers.get_person(s, pid)
        registers.update_person(s, pid, replace(data, phone=f"139{self.rnd.randrange(10**8):08d}",
                                                name=data.name + self.rnd.choice(["", "甲"])))

    def person_add_delete(self, s):
        station = self.pick(s, Station)
        data = replace(registers.get_person(s, self.pick(s, Person)), station_id=station,
                       staff_no=f"T{self.rnd.randrange(10**6):06d}", name="新人")
        pid = registers.create_person(s, data)
        if self.rnd.random() < 0.3:
            registers.delete_person(s, pid)

    def vehicle_save(self, s):
        vid = self.pick(s, Vehicle)
        data = registers.get_vehicle(s, vid)
        registers.update_vehicle(s, vid, replace(data, call_sign=data.call_sign + "A", water_t=3.5))

    def vehicle_add_delete(self, s):
        data = registers.get_vehicle(s, self.pick(s, Vehicle))
        vid = registers.create_vehicle(s, replace(data, plate=f"京X·{self.rnd.randrange(10**4):04d}测"))
        if self.rnd.random() < 0.5:
            registers.delete_vehicle(s, vid)
        else:
            day = self.day()
            registers.add_maintenance(s, vid, day, day + dt.timedelta(days=2), "保养")

    def absence(self, s):
        if self.rnd.random() < 0.3 and (aid := self.pick(s, Absence)) is not None:
            registers.remove_absence(s, aid)
            return
        start = self.day(20)
        registers.add_absence(s, self.pick(s, Person), "sick", start, start + dt.timedelta(days=1))

    def duty(self, s):
        post = s.get(Post, self.open_post(s))
        pid = self.pick(s, Person, Person.active)
        duty_id, _ = duties.assign_duty(s, pid, self.codes[0], self.day(), post_id=post.id)
        if self.rnd.random() < 0.3:
            duties.remove_duty(s, duty_id)

    def deployment(self, s):
        post = self.open_post(s)
        if self.rnd.random() < 0.3 and (dep := self.pick(s, VehicleDeployment, VehicleDeployment.post_id == post)):
            duties.remove_deployment(s, dep)
            return
        day = self.day()
        duties.deploy_vehicle(s, self.pick(s, Vehicle), day, day, post_id=post)

    def staffing(self, s):
        post = s.get(Post, self.open_post(s))
        start = dt.datetime.combine(self.day(), post.handover_time)
        people = list(s.scalars(select(Person.id).join(Station).where(Station.detachment_id == post.detachment_id,
                                                                      Person.active)))
        plan = staffing.WindowStaffing(post.id, start, start + dt.timedelta(days=1), (),
                                       ((self.rnd.choice(people), None, None),))
        edit, _ = staffing.staff_windows(s, [plan])
        if self.rnd.random() < 0.4:
            staffing.undo_edit(s, edit)

    def post_crud(self, s):
        pid = self.open_post(s)
        data = operations.get_post(s, pid)
        roll = self.rnd.random()
        if roll < 0.4:
            operations.update_post(s, pid, replace(data, name=data.name + "改", min_people=data.min_people + 1))
        elif roll < 0.8:
            new = operations.create_post(s, replace(data, code=f"T{self.rnd.randrange(10**4):04d}"))
            if self.rnd.random() < 0.5:
                operations.delete_post(s, new)
        else:
            operations.update_operation(s, self.operation, replace(operations.get_operation(s, self.operation),
                                                                   name=f"任务{self.rnd.randrange(100)}"))

    def dutybook(self, s):
        row = s.get(DutyAssignment, self.pick(s, DutyAssignment))
        if self.rnd.random() < 0.3:
            dutybook.set_assignments(s, [(row.station_id, row.day, row.role, None)])
            return
        people = [c.person_id for c in dutybook.candidates(s, [row.station_id])[row.station_id]]
        dutybook.set_assignments(s, [(row.station_id, row.day, row.role, self.rnd.choice(people))])

    def swap(self, s):
        """Two people of a station trade their station duties of two days."""
        found = list(s.execute(select(Duty.station_id, Duty.person_id, Duty.start).join(
            ShiftType, ShiftType.id == Duty.shift_type_id).join(Person, Person.id == Duty.person_id).where(
            ShiftType.is_duty, Duty.station_id == Person.station_id,
            Duty.post_id.is_(None), Duty.start >= dt.datetime.combine(self.first, dt.time()),
            Duty.start < dt.datetime.combine(self.first + dt.timedelta(days=10), dt.time())).order_by(Duty.id)))
        for attempt in range(8):  # a pair the rules allow (each try in a savepoint: a refused one leaves nothing)
            station, a, start_a = self.rnd.choice(found)
            b, start_b = self.rnd.choice([(p, t) for st, p, t in found if st == station and p != a])
            try:
                with s.begin_nested():
                    edit = swaps.swap(s, station, a, start_a.date(), b, start_b.date(), "家中有事",
                                      approver_text="站长")
                break
            except UserError:
                if attempt == 7:
                    raise
        if self.rnd.random() < 0.3:
            swaps.undo_swap(s, edit)

    def handover(self, s):
        handovers.save_handover(s, self.pick(s, Station, Station.grade != "office"), self.day(), handovers.HandoverData(
            notes=self.rnd.choice(["水带两盘送修", "", "一切正常"]), handed_over_at=dt.time(8, 30)))

    def autofill(self, s):
        day = self.day()
        autofill_posts.propose_posts(s, self.operation, day, day, write=True)

    def plan(self, s):
        det = s.scalar(select(Post.detachment_id).where(Post.id == self.pick(s, Post, Post.operation_id
                                                                              == self.operation)))
        row = subplans.sub_plan(s, self.operation, det)
        state = row.state if row else subplans.DRAFT
        action = {"draft": "submit", "returned": "submit", "submitted": self.rnd.choice(["approve", "return"]),
                  "approved": "reopen"}[state]
        subplans.act(s, action, self.operation, det, "理由")

    def revert(self, s):
        last = s.scalar(select(func.max(AuditGroup.id)))
        group = self.rnd.randint(max(1, last - 5), last)
        ids = audit.group_entries(s, group)
        ids = ids if self.rnd.random() < 0.5 or not ids else [self.rnd.choice(ids)]
        audit.revert(s, ids)

    def import_register(self, s):
        import_people(s, SAMPLES / "personnel_sample.xlsx")

    def import_vehicles(self, s):
        import_vehicles(s, SAMPLES / "vehicles_sample.xlsx")

    def station(self, s):
        station = s.get(Station, self.pick(s, Station))
        added = self.pick(s, Station, Station.name.like("测试%"))  # the registers' own names stay (the samples use them)
        if added is not None and self.rnd.random() < 0.5:
            registers.rename_station(s, added, f"测试{self.rnd.randrange(10**4)}消防救援站")
        else:
            registers.add_station(s, station.detachment_id, f"测试{self.rnd.randrange(10**4)}消防救援站")


KINDS = [name for name in vars(Edits) if not name.startswith("_") and name not in ("pick", "day", "run", "open_post")]


def test_replaying_the_log_rebuilds_every_table(demo_db: Database, backend, tmp_path) -> None:
    rnd = random.Random(SEED)
    edits = Edits(demo_db, rnd, tmp_path)
    for name in KINDS:  # every kind once, then at random
        edits.run(name)
    for _ in range(ROUNDS):
        edits.run(rnd.choice(KINDS))
    assert set(edits.done) >= set(KINDS) - {"revert"}, edits.why
    fresh = backend.empty_url()  # migrated without the seed (by replay)
    replay(logged(demo_db), fresh)
    assert rows(fresh) == rows(demo_db.url)


# -- each write has its entry, in its own transaction ---------------------------------------------------

def test_a_refused_unit_of_work_leaves_neither_the_row_nor_its_entry(demo_db: Database) -> None:
    before = audit_count(demo_db)
    with demo_db.read() as s:
        pid = s.scalar(select(Person.id).limit(1))
        phone = s.get(Person, pid).phone
    with pytest.raises(RuntimeError), demo_db.begin("失败的修改") as s:
        s.get(Person, pid).phone = "13912345678"
        s.flush()
        assert audit.current_group(s) is not None  # written, in this transaction
        raise RuntimeError("the edit fails after writing")
    assert audit_count(demo_db) == before
    with demo_db.read() as s:
        assert s.get(Person, pid).phone == phone


def test_a_unit_of_work_is_one_group_named_by_the_desk_or_the_login(demo_db: Database, backend,
                                                                    monkeypatch) -> None:
    from rosterapp.desk import user_name

    monkeypatch.setenv("ROSTERAPP_DESK", "值班台甲")
    user_name.cache_clear()  # one name per process: read again
    monkeypatch.setattr("rosterapp.desk.user_name", user_name)  # cleared again at the end (below)
    with demo_db.begin("改两个人的电话") as s:
        people = list(s.scalars(select(Person).limit(2)))
        for p, phone in zip(people, ("13900000001", "13900000002"), strict=True):
            p.phone = phone
        s.flush()
        group = audit.current_group(s)
    with demo_db.read() as s:
        found = audit.entries(s, audit.Filter(group_id=group))
        login = s.scalar(text("SELECT session_user")) if backend.name != "sqlite" else "值班台甲"
    assert {(e.table, e.action, e.label, e.login) for e in found} == {("person", "UPDATE", "改两个人的电话", login)}
    assert sorted(e.after["phone"] for e in found) == ["13900000001", "13900000002"]
    with demo_db.begin() as s:  # the next unit of work: a group of its own
        s.get(Person, people[0].id).phone = "13900000003"
        s.flush()
        assert audit.current_group(s) > group
    user_name.cache_clear()


# -- revert ---------------------------------------------------------------------------------------

def _edit(db: Database, label: str, edit: Callable) -> int:
    with db.begin(label) as s:
        edit(s)
        s.flush()
        return audit.current_group(s)


def _person(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(Person.id).order_by(Person.id).limit(1))


def test_revert_an_entry_and_a_group(demo_db: Database) -> None:
    pid = _person(demo_db)
    with demo_db.read() as s:
        was = registers.get_person(s, pid)
    group = _edit(demo_db, "改电话和姓名", lambda s: registers.update_person(
        s, pid, replace(registers.get_person(s, pid), phone="13911112222", name="改名")))
    with demo_db.begin() as s:
        (entry,) = audit.group_entries(s, group)
        reverted = audit.revert(s, [entry])
    assert reverted.records == 1 and reverted.change.people >= {pid}
    with demo_db.read() as s:
        now = registers.get_person(s, pid)
        assert (now.phone, now.name) == (was.phone, was.name)
        # the revert is an edit of its own, in the log
        assert [e.action for e in audit.entries(s, audit.Filter(group_id=reverted.group_id))] == ["UPDATE"]

    # a whole group: a post added with its requirements, taken away again
    with demo_db.read() as s:
        post = s.scalar(select(Post.id).limit(1))
        data = operations.get_post(s, post)
    group = _edit(demo_db, "新增点位", lambda s: operations.create_post(s, replace(data, code="R-01")))
    with demo_db.begin() as s:
        audit.revert(s, audit.group_entries(s, group))
    with demo_db.read() as s:
        assert s.scalar(select(func.count()).select_from(Post).where(Post.code == "R-01")) == 0


def test_a_revert_over_a_later_edit_names_the_fields_and_changes_nothing(demo_db: Database, backend) -> None:
    pid = _person(demo_db)
    first = _edit(demo_db, "改电话", lambda s: registers.update_person(
        s, pid, replace(registers.get_person(s, pid), phone="13911113333")))
    _edit(demo_db, "再改电话", lambda s: registers.update_person(
        s, pid, replace(registers.get_person(s, pid), phone="13911114444")))
    snapshot = rows(demo_db.url)
    with pytest.raises(Conflict) as refused, demo_db.begin() as s:
        audit.revert(s, audit.group_entries(s, first))
    assert any("联系电话" in line for line in refused.value.details), refused.value.details
    assert rows(demo_db.url) == snapshot


def test_a_revert_of_an_insert_with_later_dependent_rows_is_refused(demo_db: Database) -> None:
    with demo_db.read() as s:
        data = operations.get_post(s, s.scalar(select(Post.id).limit(1)))
        person = s.scalar(select(Person.id).join(Station).where(Station.detachment_id == data.detachment_id))
        code = roster.shift_codes(s)[0].code
    made = {}
    group = _edit(demo_db, "新增点位", lambda s: made.setdefault("post", operations.create_post(
        s, replace(data, code="R-02"))))
    _edit(demo_db, "排班", lambda s: duties.assign_duty(s, person, code, data.active_from.date(),
                                                       post_id=made["post"]))
    snapshot = rows(demo_db.url)
    with pytest.raises(Conflict) as refused, demo_db.begin() as s:
        audit.revert(s, audit.group_entries(s, group))
    assert any("R-02" in line and ("勤务" in line or "duty" in line) for line in refused.value.details), \
        refused.value.details
    assert rows(demo_db.url) == snapshot
