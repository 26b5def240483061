"""A print job as plain data: which sheets for which days, resolved from names, and built as documents."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from rosterapp.errors import UsageError
from rosterapp.i18n import tr
from rosterapp.models import Detachment, Operation, Post, Station
from rosterapp.reports import text as t
from rosterapp.reports.detachment_summary import ProblemLine, build_detachment_summary, summary_document
from rosterapp.reports.document import Document
from rosterapp.reports.loader import SheetData, overlaps
from rosterapp.reports.post_sheet import build_post_sheet, post_document
from rosterapp.reports.station_sheet import build_station_sheet, station_document
from rosterapp.services import dutyday
from rosterapp.services.check import CheckScope, run_check
from rosterapp.services.lookup import find_detachment, find_operation, find_post, find_station
from rosterapp.services.rules import message
from rosterapp.services.rules.problem import rule_name, severity_name
from rosterapp.vocab import OFFICE_GRADE

STATION, POST, DETACHMENT = "station", "post", "detachment"
KINDS = (STATION, POST, DETACHMENT)
TITLES = {STATION: "执勤实力表", POST: "点位执勤表", DETACHMENT: "执勤力量汇总表"}


@dataclass(frozen=True)
class SheetRequest:
    """Sheets of one kind for some stations, posts or detachments (ids in print order), first to last day."""

    kind: str
    ids: tuple[int, ...]
    first: dt.date
    last: dt.date

    def days(self) -> list[dt.date]:
        return [self.first + dt.timedelta(days=i) for i in range((self.last - self.first).days + 1)]


def check_range(first: dt.date, last: dt.date | None) -> dt.date:
    """The last day of a print job from ``first`` (and ``last``): days the program plans, at most a year."""
    last = last or first
    dutyday.check_days(first, last)
    if last < first:
        raise UsageError(tr("The range ends before it starts."))
    dutyday.check_report_span(first, last)
    return last


def station_ids_of(session: Session, detachment_id: int) -> tuple[int, ...]:
    """The detachment's stations in order; its staff office (支队机关) keeps no vehicles and has no station
    sheet (its duty leaders head the detachment summary)."""
    return tuple(session.scalars(select(Station.id).where(Station.detachment_id == detachment_id,
                                                          Station.grade != OFFICE_GRADE)
                                 .order_by(Station.sort_order, Station.id)))


def resolve_request(session: Session, *, first: dt.date, last: dt.date | None = None, station: str | None = None,
                    post: str | None = None, detachment: str | None = None, operation: str | None = None,
                    all_stations: bool = False) -> SheetRequest:
    """The request the command line describes; an unknown name is a usage error naming it (exit 2)."""
    last = check_range(first, last)
    if station is not None:
        return SheetRequest(STATION, (find_station(session, station).id,), first, last)
    if post is not None:
        op = find_operation(session, operation) if operation else None
        return SheetRequest(POST, (find_post(session, post, op.id if op else None).id,), first, last)
    if detachment is None:
        raise UsageError(tr("Name a station, a post or a detachment."))
    det = find_detachment(session, detachment)
    if all_stations:
        return SheetRequest(STATION, station_ids_of(session, det.id), first, last)
    return SheetRequest(DETACHMENT, (det.id,), first, last)


class SheetBatch:
    """The documents of a request. Everything is read in the constructor; ``documents()`` needs no session."""

    def __init__(self, session: Session, request: SheetRequest, printed_at: dt.datetime | None = None):
        self.request = request
        self.printed_at = printed_at or dutyday.now().replace(second=0, microsecond=0)
        ids = request.ids
        stations: tuple[int, ...] = ()
        posts: tuple[int, ...] = ()
        if request.kind == STATION:
            stations = ids
        elif request.kind == POST:
            posts = ids
        elif request.kind == DETACHMENT:
            stations = tuple(s for det in ids for s in station_ids_of(session, det))
            posts = tuple(session.scalars(select(Post.id).where(Post.detachment_id.in_(ids))))
        else:
            raise ValueError(f"unknown sheet kind {request.kind!r}")
        self.data = SheetData(session, request.first, request.last, station_ids=stations, post_ids=posts)
        self.items = [(day, i) for day in request.days() for i in ids
                      if request.kind != POST or self.data.posts[i].active_on(day)]
        self.problems: dict[tuple[int, dt.date], list[ProblemLine]] = {}
        self.counts: dict[tuple[int, dt.date], dict[str, int]] = {}
        if request.kind == DETACHMENT:
            self._read_problems(session, ids)

    def _read_problems(self, session: Session, detachment_ids: tuple[int, ...]) -> None:
        # A duty day runs into the next calendar day, so the check covers one day more.
        report = run_check(session, CheckScope(self.request.first, self.request.last + dt.timedelta(days=1)))
        plan = report.data
        for det in detachment_ids:
            # A detachment's problems: its own, and those touching its people, vehicles, stations or posts
            # (a firefighter of another detachment double-booked at its post is its business too).
            mine = [p for p in report.problems if p.detachment == det
                    or any(plan.people[x].detachment == det for x in p.people)
                    or any(plan.vehicles[v].detachment == det for v in p.vehicles)
                    or any(plan.stations[x].detachment == det for x in p.stations)
                    or any(plan.posts[x].detachment == det for x in p.posts)]
            for day in self.request.days():
                lo, hi = self.data.window(day)
                found = [p for p in mine if overlaps(p.start, p.end, lo, hi)]
                self.problems[det, day] = [
                    ProblemLine(severity_name(p.severity, "zh_CN"), rule_name(p.rule, "zh_CN"),
                                t.window_text(p.start, p.end, day), message(p, "zh_CN")) for p in found]
                self.counts[det, day] = dict(Counter(p.severity for p in found))

    def __len__(self) -> int:
        return len(self.items)

    def document(self, day: dt.date, target: int) -> Document:
        kind = self.request.kind
        if kind == STATION:
            return station_document(build_station_sheet(self.data, target, day), self.printed_at)
        if kind == POST:
            return post_document(build_post_sheet(self.data, target, day), self.printed_at)
        summary = build_detachment_summary(self.data, target, day, self.problems[target, day],
                                           self.counts[target, day])
        return summary_document(summary, self.printed_at)

    def documents(self) -> Iterator[Document]:
        for day, target in self.items:
            yield self.document(day, target)

    def subject(self) -> str:
        """Whom the batch is for: 前门消防救援站, 东城支队各站, DC-02 北京饭店."""
        kind, ids, data = self.request.kind, self.request.ids, self.data
        if kind == STATION:
            if len(ids) == 1:
                return data.stations[ids[0]].name
            detachments = {data.stations[i].detachment_id for i in ids}
            if len(detachments) == 1:
                return f"{data.detachments[detachments.pop()].name}各站"
            return f"{len(ids)}个消防救援站"
        if kind == POST:
            if len(ids) == 1:
                return f"{data.posts[ids[0]].code} {data.posts[ids[0]].name}"
            return f"{len(ids)}个点位"
        return "、".join(data.detachments[i].name for i in ids)

    def title(self) -> str:
        first, last = self.request.first, self.request.last
        days = first.isoformat() if first == last else f"{first.isoformat()}至{last.isoformat()}"
        return f"{TITLES[self.request.kind]} {self.subject()} {days}"


# -- what can be printed (the window's choices) -----------------------------------------------------

@dataclass(frozen=True)
class Choice:
    """Something to print for: ``key`` is how the window's navigator names it (code or name)."""

    id: int
    label: str
    key: str
    group: int | None = None  # the detachment of a station, the operation of a post


@dataclass(frozen=True)
class PrintTargets:
    detachments: tuple[Choice, ...]
    stations: tuple[Choice, ...]
    operations: tuple[Choice, ...]
    posts: tuple[Choice, ...]


def print_targets(session: Session) -> PrintTargets:
    """Every detachment, station, operation and post, in the order the window lists them."""
    detachments = tuple(Choice(i, name, code) for i, code, name in session.execute(
        select(Detachment.id, Detachment.code, Detachment.name).order_by(Detachment.sort_order, Detachment.id)))
    stations = tuple(Choice(i, name, name, det) for i, name, det in session.execute(
        select(Station.id, Station.name, Station.detachment_id)
        .join(Detachment, Detachment.id == Station.detachment_id).where(Station.grade != OFFICE_GRADE)
        .order_by(Detachment.sort_order, Detachment.id, Station.sort_order, Station.id)))
    operations = tuple(Choice(i, name, name) for i, name in session.execute(
        select(Operation.id, Operation.name).order_by(Operation.start_date.desc(), Operation.id)))
    posts = tuple(Choice(i, f"{code} {name}", code, op) for i, code, name, op in session.execute(
        select(Post.id, Post.code, Post.name, Post.operation_id)
        .join(Detachment, Detachment.id == Post.detachment_id)
        .order_by(Post.operation_id, Detachment.sort_order, Detachment.id, Post.code)))
    return PrintTargets(detachments, stations, operations, posts)
