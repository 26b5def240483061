"""Resolving what to print from the names clerks type, batches over a range, and the sheets' writing conventions."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from rosterapp.errors import NotFound, UsageError
from rosterapp.models import Detachment, Post, Station
from rosterapp.reports import text
from rosterapp.reports.batch import DETACHMENT, POST, STATION, SheetBatch, print_targets, resolve_request
from rosterapp.reports.document import grid

DAY = dt.date(2027, 3, 6)


def test_names_resolve_to_requests(demo_db):
    db, _ = demo_db
    with db.begin() as s:
        qianmen = s.scalar(select(Station.id).where(Station.short_name == "前门"))
        dc = s.scalar(select(Detachment.id).where(Detachment.code == "DC"))
        dc_stations = tuple(s.scalars(select(Station.id).where(Station.detachment_id == dc, Station.grade != "office")
                                      .order_by(Station.sort_order, Station.id)))
        post = s.scalar(select(Post.id).where(Post.code == "DC-02"))
        for name in ("前门", "前门消防救援站"):
            assert resolve_request(s, station=name, first=DAY).ids == (qianmen,)
        for name in ("DC", "dc", "东城", "东城支队"):
            request = resolve_request(s, detachment=name, first=DAY, last=DAY + dt.timedelta(days=2))
            assert (request.kind, request.ids, len(request.days())) == (DETACHMENT, (dc,), 3)
        every = resolve_request(s, detachment="DC", all_stations=True, first=DAY)
        assert (every.kind, every.ids) == (STATION, dc_stations)
        assert resolve_request(s, post="dc-02", first=DAY, operation="全国两会消防安保").ids == (post,)
        assert resolve_request(s, post="DC-02", first=DAY).kind == POST


@pytest.mark.parametrize(("field", "name", "message"), [
    ("station", "火星站", "未知消防救援站：火星站"),
    ("post", "Z-99", "未知点位：Z-99"),
    ("detachment", "天安门", "未知支队：天安门"),
])
def test_an_unknown_name_is_a_usage_error_naming_it(demo_db, field, name, message):
    db, _ = demo_db
    with db.begin() as s, pytest.raises(NotFound) as caught:
        resolve_request(s, first=DAY, **{field: name})
    assert caught.value.message == message
    assert caught.value.exit_code == 2


def test_a_backwards_range_is_refused(demo_db):
    db, _ = demo_db
    with db.begin() as s, pytest.raises(UsageError):
        resolve_request(s, station="前门", first=DAY, last=DAY - dt.timedelta(days=1))


def test_a_batch_is_day_by_day_and_titled(demo_db):
    db, _ = demo_db
    with db.begin() as s:
        request = resolve_request(s, detachment="DC", all_stations=True, first=DAY, last=DAY + dt.timedelta(days=1))
        batch = SheetBatch(s, request, printed_at=dt.datetime(2027, 3, 5, 17, 0))
    docs = list(batch.documents())
    assert len(docs) == len(batch) == 2 * len(request.ids)
    assert [d.day for d in docs] == [DAY] * len(request.ids) + [DAY + dt.timedelta(days=1)] * len(request.ids)
    assert batch.title() == "执勤实力表 东城支队各站 2027-03-06至2027-03-07"
    assert {d.printed_at for d in docs} == {dt.datetime(2027, 3, 5, 17, 0)}


def test_print_targets_follow_the_navigator(demo_db):
    db, _ = demo_db
    with db.begin() as s:
        targets = print_targets(s)
    assert [d.key for d in targets.detachments] == ["DC", "XC", "CY", "HD", "FT", "SJS"]
    assert targets.stations[0].label == "前门消防救援站" and targets.stations[0].key == "前门消防救援站"
    assert all(p.group == targets.operations[0].id for p in targets.posts)
    assert targets.posts[0].label.startswith(targets.posts[0].key + " ")


def test_writing_conventions():
    assert text.date_line(dt.date(2027, 3, 6)) == "2027年3月6日 星期六"
    start = dt.datetime(2027, 3, 6, 20)
    assert text.window_text(start, start + dt.timedelta(hours=12), dt.date(2027, 3, 6)) == "20:00—次日08:00"
    handover = dt.time(8)
    assert text.period_text(dt.datetime(2027, 3, 3, 8), dt.datetime(2027, 3, 8, 8), handover) == "3月3日至3月7日"
    assert text.period_text(dt.datetime(2027, 3, 3, 8), dt.datetime(2027, 3, 4, 8), handover) == "3月3日"
    assert text.period_text(dt.datetime(2027, 3, 3, 14), dt.datetime(2027, 3, 3, 18), handover) == (
        "3月3日 14:00至3月3日 18:00")
    assert text.phone_text("13812345678") == "138 1234 5678"
    assert text.phone_text("010-6512") == "010-6512"


def test_a_form_grid_pads_its_last_line():
    table = grid([("带班领导", "张伟"), ("战备等级", "三级战备"), ("执勤时间", "08:00")], per_row=2)
    assert not table.header and table.label_columns == frozenset({0, 2})
    assert [r.cells for r in table.rows] == [("带班领导", "张伟", "战备等级", "三级战备"), ("执勤时间", "08:00", "", "")]
