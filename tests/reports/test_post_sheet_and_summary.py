"""The post sheet and the detachment summary against the database and the checking engine."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from rosterapp.models import Detachment, Duty, Operation, Person, Post, ShiftType, Station
from rosterapp.reports.batch import DETACHMENT, POST, SheetBatch, SheetRequest
from rosterapp.reports.detachment_summary import build_detachment_summary, summary_document
from rosterapp.reports.document import Table
from rosterapp.reports.post_sheet import build_post_sheet, post_document


def batch(db, kind, ids, first, last=None) -> SheetBatch:
    with db.begin() as s:
        return SheetBatch(s, SheetRequest(kind, tuple(ids), first, last or first))


def test_post_sheet_lists_each_shift_window_with_crew_and_commander_phone(demo_db):
    db, _ = demo_db
    with db.begin() as s:
        post = s.scalar(select(Post).where(Post.code == "DC-01"))
        post_id, first = post.id, post.active_from.date()
        assert post.rotation == "day_night"
        lo = dt.datetime.combine(first, dt.time(8))
        crew = set(s.scalars(select(Person.name).join(Duty, Duty.person_id == Person.id)
                             .join(ShiftType, ShiftType.id == Duty.shift_type_id)
                             .where(ShiftType.is_duty, Duty.post_id == post_id, Duty.start < lo + dt.timedelta(days=1),
                                    Duty.end > lo)))
    sheet = build_post_sheet(batch(db, POST, [post_id], first).data, post_id, first)
    assert [w.label for w in sheet.windows] == ["白班 08:00—20:00", "夜班 20:00—次日08:00"]
    assert {c.name for w in sheet.windows for c in w.crew} == crew
    for window in sheet.windows:
        assert window.commander is not None and window.commander.role == "指挥员"
        assert len(window.commander.phone.replace(" ", "")) == 11
        assert window.vehicles and window.vehicles[0].startswith("京X·")
    doc = post_document(sheet, dt.datetime(2027, 3, 4, 9, 0))
    details = doc.blocks[0]
    cells = [cell for row in details.rows for cell in row.cells]
    for label in ("地址", "无线信道", "到场时限", "执勤方式", "点位编号"):
        assert label in cells
    assert "东单至建国门" in cells and any(c.endswith("分钟") for c in cells)
    assert "指挥员电话" in [c for b in doc.blocks if isinstance(b, Table) for r in b.rows for c in r.cells]


def test_post_days_outside_the_operation_are_not_printed(demo_db):
    db, _ = demo_db
    with db.begin() as s:
        op = s.scalar(select(Operation))
        post_id = s.scalar(select(Post.id).where(Post.code == "DC-02"))
    printed = batch(db, POST, [post_id], op.start_date - dt.timedelta(days=2), op.start_date + dt.timedelta(days=1))
    assert [day for day, _ in printed.items] == [op.start_date, op.start_date + dt.timedelta(days=1)]


def test_summary_lists_every_station_and_post_and_the_planted_problems(demo_db):
    db, stats = demo_db
    overlap = next(p for p in stats.planted if p.rule == "person_overlap")
    with db.begin() as s:
        # The double booking is on the first post the demo staffs.
        post_code = s.scalar(select(Post.code).order_by(Post.id))
        det_id, det_name = s.execute(select(Detachment.id, Detachment.name).join(Post).where(
            Post.code == post_code)).one()
        # The staff office (支队机关) keeps no vehicles: it is the summary's header (支队值班领导), not a row.
        stations = list(s.scalars(select(Station.name).where(Station.detachment_id == det_id,
                                                             Station.grade != "office")))
        posts = set(s.scalars(select(Post.code).where(Post.detachment_id == det_id)))
    summary_batch = batch(db, DETACHMENT, [det_id], overlap.day)
    doc = summary_batch.document(overlap.day, det_id)
    assert doc.landscape and doc.title == "执勤力量汇总表"
    station_table, post_table, problem_table = doc.blocks[1:]
    assert [r.cells[1] for r in station_table.rows[:-1]] == stations
    assert station_table.rows[-1].cells[1] == "合计"
    assert {r.cells[0] for r in post_table.rows} == posts
    assert post_code in posts
    rules = [r.cells[2] for r in problem_table.rows]
    assert "人员重复排班" in rules, rules
    assert any(r.cells[1] == "错误" for r in problem_table.rows)
    quiet = batch(db, DETACHMENT, [det_id], dt.date(2027, 3, 2)).document(dt.date(2027, 3, 2), det_id)
    assert quiet.blocks[2].rows == () and quiet.blocks[2].empty_text == "本日无点位勤务"
    assert det_name in doc.unit


def test_summary_totals_add_up(demo_db):
    db, _ = demo_db
    with db.begin() as s:
        det_id = s.scalar(select(Detachment.id).where(Detachment.code == "CY"))
    day = dt.date(2027, 3, 7)
    summary = batch(db, DETACHMENT, [det_id], day)
    doc = summary_document(build_detachment_summary(summary.data, det_id, day, [], {}),
                           dt.datetime(2027, 3, 6, 18, 0))
    table = doc.blocks[1]
    body, total = table.rows[:-1], table.rows[-1]
    for column in range(3, 13):
        assert int(total.cells[column]) == sum(int(r.cells[column]) for r in body)
