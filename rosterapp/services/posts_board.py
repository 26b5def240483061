"""The post board of a security task as plain data, and what the window shows around it.

- The board: posts (a day-and-night post as two lines, its day and its night shift) x days; each
  cell is one shift window of a post with the vehicles and people standing there and how well it is
  staffed (full, partial, empty), judged as the checking engine judges a post window.
- Coverage: the share of post windows fully staffed, per operation and per detachment.

The vehicle board (vehicle_board.py), the month's duty hours (duty_hours.py) and a task's stages
(stages.py) sit beside it.

Everything is read in a few Core queries and computed in memory: the city operation (150 posts x
90 days, ~90,000 staffing rows) loads in a fraction of a second.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from rosterapp.models import (
    Detachment,
    Duty,
    Operation,
    Person,
    Post,
    PostVehicleRequirement,
    Qualification,
    ShiftType,
    Station,
    Vehicle,
    VehicleDeployment,
    VehicleType,
    person_qualification,
    post_qualification,
)
from rosterapp.services.bulk import bulk_read
from rosterapp.services.rules.data import DAY_MINUTES, EPOCH, DutyRec, Minutes, from_min, post_windows, to_min
from rosterapp.services.validation import get_or_not_found

# How well a window is staffed.
FULL, PARTIAL, EMPTY = "full", "partial", "empty"
# The lines of a post: one for a 24 h post, a day and a night line for a day-and-night post.
SHIFT_24H, SHIFT_DAY, SHIFT_NIGHT = "24h", "day", "night"
HALF_DAY_MINUTES = DAY_MINUTES // 2

# Shortfall codes of a window (why it is not full), with their arguments:
NOBODY = "nobody"  # ()
NO_VEHICLE = "no_vehicle"  # ()
FEW_PEOPLE = "people"  # (fewest present, required)
FEW_VEHICLES = "vehicles"  # (type code, type name, fewest present, required)
NO_COMMANDER = "commander"  # ()
NO_QUALIFICATION = "qualification"  # (qualification name,)

def day_of_window(lo: int, handover: int) -> dt.date:
    """The board day a shift window belongs to: the day whose handover starts it (or its day shift)."""
    return EPOCH.date() + dt.timedelta(days=(lo - handover) // DAY_MINUTES)


def shift_of_window(lo: int, handover: int, rotation: str) -> str:
    if rotation == "24h":
        return SHIFT_24H
    return SHIFT_DAY if (lo - handover) % DAY_MINUTES < HALF_DAY_MINUTES else SHIFT_NIGHT


class VehicleTag(NamedTuple):
    id: int
    call_sign: str
    plate: str
    type_code: str
    type_name: str
    station: str
    detachment_id: int


class Placement(NamedTuple):
    """A vehicle deployment at a post, as the board shows it."""

    deployment_id: int
    vehicle: VehicleTag
    start: int
    end: int


class CrewTag(NamedTuple):
    """A person's duty at a post, as the board shows it."""

    duty_id: int
    person_id: int
    name: str
    staff_no: str
    station: str
    role: str | None
    vehicle_id: int | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class BoardLine:
    """One row of the board: a post, or the day or night shift of a day-and-night post."""

    post_id: int
    code: str
    name: str
    shift: str
    post_type: str
    duty_mode: str
    detachment_id: int
    detachment: str
    station_id: int | None
    station: str
    rotation: str
    handover: int  # minutes after midnight
    min_people: int
    needs_commander: bool
    vehicle_reqs: tuple[tuple[str, str, int], ...]  # (type code, type name, count)
    qualifications: tuple[tuple[int, str], ...]
    address: str
    radio_channel: str
    arrival_minutes: int | None

    @property
    def vehicles_required(self) -> int:
        return sum(n for _c, _n, n in self.vehicle_reqs)


class BoardCell(NamedTuple):
    """One shift window [lo, hi) of a post (engine minutes) and what stands there."""

    lo: int
    hi: int
    status: str
    placements: tuple[Placement, ...]
    crew: tuple[CrewTag, ...]
    shortfalls: tuple[tuple, ...]

    @property
    def vehicles(self) -> list[VehicleTag]:
        seen: dict[int, VehicleTag] = {}
        for p in self.placements:
            seen.setdefault(p.vehicle.id, p.vehicle)
        return list(seen.values())

    @property
    def people(self) -> int:
        return len({c.person_id for c in self.crew})

    @property
    def commanders(self) -> list[str]:
        return list(dict.fromkeys(c.name for c in self.crew if c.role == "commander"))

    @property
    def start(self) -> dt.datetime:
        return from_min(self.lo)

    @property
    def end(self) -> dt.datetime:
        return from_min(self.hi)


@dataclass
class Board:
    """The post board of one operation: ``cells[line][day]`` (None where the post is not active)."""

    operation_id: int
    name: str
    readiness: str
    start_date: dt.date
    end_date: dt.date
    remarks: str
    days: list[dt.date]
    lines: list[BoardLine]
    cells: list[list[BoardCell | None]]

    def __post_init__(self) -> None:
        self.column_of = {d: i for i, d in enumerate(self.days)}
        self.lines_of_post: dict[int, list[int]] = defaultdict(list)
        for r, line in enumerate(self.lines):
            self.lines_of_post[line.post_id].append(r)

    def find(self, post_id: int, lo: int) -> tuple[int, int] | None:
        """The (line, column) of the window of ``post_id`` starting at ``lo``."""
        for r in self.lines_of_post.get(post_id, ()):
            for c, cell in enumerate(self.cells[r]):
                if cell is not None and cell.lo == lo:
                    return r, c
        return None

    def cell(self, r: int, c: int) -> BoardCell | None:
        return self.cells[r][c]


@dataclass(frozen=True)
class Coverage:
    """How many post windows are fully staffed, partly staffed and empty."""

    full: int = 0
    partial: int = 0
    empty: int = 0

    @property
    def total(self) -> int:
        return self.full + self.partial + self.empty

    @property
    def share(self) -> float:
        """The share fully staffed (0 when there is no window)."""
        return self.full / self.total if self.total else 0.0

    def __add__(self, other: Coverage) -> Coverage:
        return Coverage(self.full + other.full, self.partial + other.partial, self.empty + other.empty)


# -- loading ---------------------------------------------------------------------------------------------

@dataclass
class _Post:
    id: int
    code: str
    name: str
    post_type: str
    duty_mode: str
    detachment_id: int
    detachment: str
    station_id: int | None
    station: str
    start: int
    end: int
    rotation: str
    handover: int
    min_people: int
    needs_commander: bool
    address: str
    radio_channel: str
    arrival_minutes: int | None


class _Registers:
    """Names of the people and vehicles a board shows, and what they hold, read by id."""

    def __init__(self, session: Session, people: Iterable[int] | None = None,
                 vehicles: Iterable[int] | None = None):
        person_q = (select(Person.id, Person.name, Person.staff_no, Station.short_name)
                    .join(Station, Station.id == Person.station_id))
        qual_q = select(person_qualification.c.person_id, person_qualification.c.qualification_id)
        vehicle_q = (select(Vehicle.id, Vehicle.call_sign, Vehicle.plate, VehicleType.code, VehicleType.name,
                            Station.short_name, Station.detachment_id)
                     .join(VehicleType, VehicleType.id == Vehicle.type_id)
                     .join(Station, Station.id == Vehicle.station_id))
        if people is not None:
            ids = sorted(set(people))
            person_q = person_q.where(Person.id.in_(ids))
            qual_q = qual_q.where(person_qualification.c.person_id.in_(ids))
        if vehicles is not None:
            vehicle_q = vehicle_q.where(Vehicle.id.in_(sorted(set(vehicles))))
        self.people = {pid: (name, staff_no, station) for pid, name, staff_no, station in session.execute(person_q)}
        self.quals: dict[int, set[int]] = defaultdict(set)
        for pid, qid in session.execute(qual_q):
            self.quals[pid].add(qid)
        self.vehicles = {r[0]: VehicleTag(*r) for r in session.execute(vehicle_q)}


def _read_posts(session: Session, operation_id: int, post_ids: Sequence[int] | None,
                detachment_id: int | None) -> tuple[list[_Post], dict[int, list], dict[int, list]]:
    query = (select(Post.id, Post.code, Post.name, Post.post_type, Post.duty_mode, Post.detachment_id,
                    Detachment.name, Post.station_id, Station.short_name, Post.active_from, Post.active_to,
                    Post.rotation, Post.handover_time, Post.min_people, Post.needs_commander, Post.address,
                    Post.radio_channel, Post.arrival_minutes)
             .join(Detachment, Detachment.id == Post.detachment_id)
             .outerjoin(Station, Station.id == Post.station_id)
             .where(Post.operation_id == operation_id).order_by(Detachment.sort_order, Post.code))
    if post_ids is not None:
        query = query.where(Post.id.in_(post_ids))
    if detachment_id is not None:
        query = query.where(Post.detachment_id == detachment_id)
    posts = []
    for (pid, code, name, ptype, mode, det_id, det, sid, station, a_from, a_to, rotation, handover, min_people,
         needs_cmd, address, radio, arrival) in session.execute(query):
        posts.append(_Post(pid, code, name, ptype, mode, det_id, det, sid, station or "", to_min(a_from),
                           to_min(a_to), rotation, handover.hour * 60 + handover.minute, min_people, needs_cmd,
                           address, radio, arrival))
    ids = [p.id for p in posts]
    reqs: dict[int, list] = defaultdict(list)
    quals: dict[int, list] = defaultdict(list)
    if ids:
        for post_id, code, name, count in session.execute(
                select(PostVehicleRequirement.post_id, VehicleType.code, VehicleType.name, PostVehicleRequirement.count)
                .join(VehicleType, VehicleType.id == PostVehicleRequirement.vehicle_type_id)
                .where(PostVehicleRequirement.post_id.in_(ids)).order_by(VehicleType.id)):
            reqs[post_id].append((code, name, count))
        pq = post_qualification.c
        for post_id, qid, name in session.execute(
                select(pq.post_id, Qualification.id, Qualification.name)
                .join(Qualification, Qualification.id == pq.qualification_id)
                .where(pq.post_id.in_(ids)).order_by(Qualification.id)):
            quals[post_id].append((qid, name))
    return posts, reqs, quals


def _read_staffing(session: Session, post_ids: Sequence[int]) -> tuple[list[tuple], list[tuple]]:
    """The duties (not 休) and deployments at the posts, times as engine minutes."""
    if not post_ids:
        return [], []
    minutes = Minutes()
    d = Duty.__table__.c
    v = VehicleDeployment.__table__.c
    duty_q = (select(d.id, d.post_id, d.person_id, d.vehicle_id, d.role, type_coerce(d.start, String),
                     type_coerce(d.end, String))
              .join(ShiftType.__table__, ShiftType.id == d.shift_type_id)
              .where(ShiftType.is_duty, d.post_id.in_(post_ids)))
    dep_q = (select(v.id, v.post_id, v.vehicle_id, type_coerce(v.start, String), type_coerce(v.end, String))
             .where(v.post_id.in_(post_ids)))
    with bulk_read():
        conn = session.connection()
        # fetchall, not row by row: a city task has ~100,000 staffing rows.
        duties = [(i, post, person, vehicle, role, minutes[s], minutes[e])
                  for i, post, person, vehicle, role, s, e in conn.execute(duty_q).all()]
        deployments = [(i, post, vehicle, minutes[s], minutes[e])
                       for i, post, vehicle, s, e in conn.execute(dep_q).all()]
    return duties, deployments


def _line(post: _Post, shift: str, reqs, quals) -> BoardLine:
    return BoardLine(post.id, post.code, post.name, shift, post.post_type, post.duty_mode, post.detachment_id,
                     post.detachment, post.station_id, post.station, post.rotation, post.handover,
                     post.min_people, post.needs_commander, tuple(reqs.get(post.id, ())),
                     tuple(quals.get(post.id, ())), post.address, post.radio_channel, post.arrival_minutes)


def _slices(lo: int, hi: int, rows: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    cuts = {lo, hi}
    for start, end in rows:
        if lo < start < hi:
            cuts.add(start)
        if lo < end < hi:
            cuts.add(end)
    ordered = sorted(cuts)
    return list(zip(ordered, ordered[1:], strict=False))


_SHORTFALL_ORDER = {NOBODY: 0, NO_VEHICLE: 1, FEW_PEOPLE: 2, FEW_VEHICLES: 3, NO_COMMANDER: 4, NO_QUALIFICATION: 5}


def _judge_moment(line: BoardLine, present: Sequence[CrewTag], vehicles: dict[int, VehicleTag],
                  person_quals: dict[int, set[int]], found: dict[tuple, tuple], fewest: dict[str, int]) -> None:
    """Add what is missing at one moment of a window to ``found`` and ``fewest``."""
    people = {c.person_id for c in present}
    if not people:
        found[(NOBODY,)] = (NOBODY,)
    if not vehicles:
        found[(NO_VEHICLE,)] = (NO_VEHICLE,)
    if len(people) < line.min_people:
        fewest["people"] = min(fewest.get("people", len(people)), len(people))
    if line.vehicle_reqs:
        by_type: dict[str, int] = defaultdict(int)
        for tag in vehicles.values():
            by_type[tag.type_code] += 1
        for code, _name, count in line.vehicle_reqs:
            have = by_type.get(code, 0)
            if have < count:
                key = "v:" + code
                fewest[key] = min(fewest.get(key, have), have)
    if line.needs_commander and not any(c.role == "commander" for c in present):
        found[(NO_COMMANDER,)] = (NO_COMMANDER,)
    if line.qualifications:
        held: set[int] = set()
        for pid in people:
            held |= person_quals.get(pid, set())
        for qid, name in line.qualifications:
            if qid not in held:
                found[(NO_QUALIFICATION, name)] = (NO_QUALIFICATION, name)


def judge_window(line: BoardLine, lo: int, hi: int, crew: Sequence[CrewTag], placements: Sequence[Placement],
                 person_quals: dict[int, set[int]]) -> tuple[str, tuple[tuple, ...]]:
    """FULL, PARTIAL or EMPTY and the shortfalls, by the rules of post_uncovered and post_understaffed.

    A window is full when at every moment of it somebody and a vehicle are there, at least the
    required people, the required vehicles by type, a commander when one is required and, among the
    people, every required qualification.
    """
    if not crew and not placements:
        return EMPTY, ()
    found: dict[tuple, tuple] = {}
    fewest: dict[str, int] = {}
    whole = all(c.start <= lo and c.end >= hi for c in crew) and all(
        p.start <= lo and p.end >= hi for p in placements)
    if whole:  # the usual case: everybody and everything stays the whole window
        _judge_moment(line, crew, {p.vehicle.id: p.vehicle for p in placements}, person_quals, found, fewest)
    else:
        spans = [(c.start, c.end) for c in crew] + [(p.start, p.end) for p in placements]
        for a, b in _slices(lo, hi, spans):
            _judge_moment(line, [c for c in crew if c.start < b and a < c.end],
                          {p.vehicle.id: p.vehicle for p in placements if p.start < b and a < p.end},
                          person_quals, found, fewest)
    if not found and not fewest:
        return FULL, ()
    out = list(found.values())
    if "people" in fewest:
        out.append((FEW_PEOPLE, fewest["people"], line.min_people))
    for code, name, count in line.vehicle_reqs:
        if "v:" + code in fewest:
            out.append((FEW_VEHICLES, code, name, fewest["v:" + code], count))
    out.sort(key=lambda f: (_SHORTFALL_ORDER[f[0]], f[1:]))
    return PARTIAL, tuple(out)


def _board_days(first: dt.date, last: dt.date, windows: Iterable[dt.date]) -> list[dt.date]:
    days = set(windows)
    lo = min(days | {first})
    hi = max(days | {last})
    return [lo + dt.timedelta(days=i) for i in range((hi - lo).days + 1)]


class _Staffing:
    """The crew and vehicles of each window of each post, from the database or from the checker."""

    def windows(self, post: _Post, windows: list[tuple[int, int]]
                ) -> tuple[list[list[CrewTag]], list[list[Placement]]]:
        raise NotImplementedError


class _RowsStaffing(_Staffing):
    """Staffing rows read from the database, spread over the windows they overlap."""

    def __init__(self, duties: list[tuple], deployments: list[tuple], regs: _Registers):
        self.regs = regs
        self.duties: dict[int, list] = defaultdict(list)
        for row in duties:
            self.duties[row[1]].append(row)
        self.deployments: dict[int, list] = defaultdict(list)
        for row in deployments:
            self.deployments[row[1]].append(row)

    def windows(self, post, windows):
        starts = [lo for lo, _hi in windows]
        index_of = {lo: i for i, lo in enumerate(starts)}
        crew_of: list[list[CrewTag]] = [[] for _ in windows]
        placed: list[list[Placement]] = [[] for _ in windows]

        def spread(start: int, end: int) -> list[int]:
            i = index_of.get(start)
            if i is not None and windows[i][1] >= end:
                return [i]  # the usual case: a row is one window
            i = max(bisect.bisect_right(starts, start) - 1, 0)
            out = []
            while i < len(windows) and windows[i][0] < end:
                if windows[i][1] > start:
                    out.append(i)
                i += 1
            return out

        people = self.regs.people
        for duty_id, _post, person, vehicle, role, start, end in self.duties.get(post.id, ()):
            name, staff_no, station = people.get(person, _UNKNOWN_PERSON)
            tag = CrewTag(duty_id, person, name, staff_no, station, role, vehicle, start, end)
            for i in spread(start, end):
                crew_of[i].append(tag)
        for dep_id, _post, vehicle, start, end in self.deployments.get(post.id, ()):
            vtag = self.regs.vehicles.get(vehicle)
            if vtag is not None:
                placement = Placement(dep_id, vtag, start, end)
                for i in spread(start, end):
                    placed[i].append(placement)
        return crew_of, placed


class _CheckerStaffing(_Staffing):
    """The checking engine's rows of each post window (its "T" keys): no query, no spreading."""

    def __init__(self, checker, regs: _Registers):
        self.checker = checker
        self.regs = regs

    def usable(self, post: _Post, windows: list[tuple[int, int]]) -> bool:
        info = self.checker.data.posts.get(post.id)
        return info is not None and info.windows == windows

    def windows(self, post, windows):
        rows = self.checker.rows
        people = self.regs.people
        vehicles = self.regs.vehicles
        pid = post.id
        crew_of: list[list[CrewTag]] = []
        placed: list[list[Placement]] = []
        for lo, _hi in windows:
            crew: list[CrewTag] = []
            here: list[Placement] = []
            for row in rows.get(("T", pid, lo), ()):
                if row.post != pid:
                    continue
                if type(row) is DutyRec:
                    name, staff_no, station = people.get(row.person, _UNKNOWN_PERSON)
                    crew.append(CrewTag(row.id, row.person, name, staff_no, station, row.role, row.vehicle,
                                        row.start, row.end))
                else:
                    vtag = vehicles.get(row.vehicle)
                    if vtag is not None:
                        here.append(Placement(row.id, vtag, row.start, row.end))
            crew_of.append(crew)
            placed.append(here)
        return crew_of, placed


_UNKNOWN_PERSON = ("?", "", "")


def _post_cells(post: _Post, lines: dict[str, BoardLine], staffing: _Staffing,
                quals: dict[int, set[int]]) -> dict[str, dict[dt.date, BoardCell]]:
    """The cells of one post, by line shift and board day."""
    windows = post_windows(post.start, post.end, post.rotation, post.handover)
    crew_of, placed = staffing.windows(post, windows)
    out: dict[str, dict[dt.date, BoardCell]] = {shift: {} for shift in lines}
    handover, rotation = post.handover, post.rotation
    epoch = EPOCH.date()
    for i, (lo, hi) in enumerate(windows):
        shift = SHIFT_24H if rotation == "24h" else (SHIFT_DAY if (lo - handover) % DAY_MINUTES < HALF_DAY_MINUTES else SHIFT_NIGHT)
        crew = crew_of[i]
        if len(crew) > 1:
            crew.sort(key=_crew_order)
        placements = placed[i]
        if len(placements) > 1:
            placements.sort(key=_placement_order)
        status, shortfalls = judge_window(lines[shift], lo, hi, crew, placements, quals)
        day = epoch + dt.timedelta(days=(lo - handover) // DAY_MINUTES)
        out[shift][day] = BoardCell(lo, hi, status, tuple(placements), tuple(crew), shortfalls)
    return out


ROLE_ORDER = {"commander": 0, "driver": 1, "signaller": 2, "safety": 3, "firefighter": 4, None: 5}


def _crew_order(tag: CrewTag) -> tuple:
    return (ROLE_ORDER.get(tag.role, 5), tag.vehicle_id or 0, tag.start, tag.staff_no)


def _placement_order(p: Placement) -> tuple:
    return (p.start, p.vehicle.call_sign)


def checker_covers(start: dt.datetime | None, end: dt.datetime | None, first: dt.date, last: dt.date) -> bool:
    """Whether a checker loaded over [start, end) holds every row of the days ``first`` to ``last``."""
    return (start is None or start <= dt.datetime.combine(first, dt.time())) and (
        end is None or end >= dt.datetime.combine(last + dt.timedelta(days=2), dt.time()))


def load_board(session: Session, operation_id: int, *, detachment_id: int | None = None,
               checker=None) -> Board:
    """The board of an operation, posts in the detachments' order then by code (only one detachment's posts,
    when given).

    With a ``checker`` (the checking engine, loaded over the operation's days: see
    ``checker_covers``) the staffing is taken from its rows instead of being read again.
    """
    # Tens of thousands of small tuples: with the checking engine's millions of objects alive, every
    # automatic collection would walk them all.
    with bulk_read():
        op = get_or_not_found(session, Operation, operation_id, "Unknown operation: {name}")
        posts, reqs, quals = _read_posts(session, operation_id, None, detachment_id)
        regs = _Registers(session)
        staffing: _Staffing
        if checker is not None and all(
                _CheckerStaffing(checker, regs).usable(p, post_windows(p.start, p.end, p.rotation, p.handover))
                for p in posts):
            staffing = _CheckerStaffing(checker, regs)
        else:
            staffing = _RowsStaffing(*_read_staffing(session, [p.id for p in posts]), regs)
        return _assemble(op, posts, reqs, quals, staffing, regs)


def _assemble(op: Operation, posts: list[_Post], reqs, quals, staffing: _Staffing, regs: _Registers) -> Board:
    lines: list[BoardLine] = []
    by_line: list[dict[dt.date, BoardCell]] = []
    for post in posts:
        shifts = (SHIFT_24H,) if post.rotation == "24h" else (SHIFT_DAY, SHIFT_NIGHT)
        mine = {shift: _line(post, shift, reqs, quals) for shift in shifts}
        cells = _post_cells(post, mine, staffing, regs.quals)
        for shift in shifts:
            lines.append(mine[shift])
            by_line.append(cells.get(shift, {}))
    days = _board_days(op.start_date, op.end_date, (d for cells in by_line for d in cells))
    grid = [[cells.get(day) for day in days] for cells in by_line]
    return Board(op.id, op.name, op.readiness, op.start_date, op.end_date, op.remarks, days, lines, grid)


def refresh_posts(session: Session, board: Board, post_ids: Iterable[int]) -> list[int]:
    """Read the staffing of some posts again; returns the board lines that were recomputed.

    A window that falls outside the board's days (the post's times changed) is left out: after an
    edit of a post itself, load the board again.
    """
    wanted = sorted(p for p in set(post_ids) if p in board.lines_of_post)
    if not wanted:
        return []
    with bulk_read():
        posts, reqs, quals = _read_posts(session, board.operation_id, wanted, None)
        duties, deployments = _read_staffing(session, wanted)
        regs = _Registers(session, people=[r[2] for r in duties], vehicles=[r[2] for r in deployments])
    changed: list[int] = []
    staffing = _RowsStaffing(duties, deployments, regs)
    for post in posts:
        rows = board.lines_of_post[post.id]
        mine = {board.lines[r].shift: _line(post, board.lines[r].shift, reqs, quals) for r in rows}
        if set(mine) != ({SHIFT_24H} if post.rotation == "24h" else {SHIFT_DAY, SHIFT_NIGHT}):
            continue  # the rotation changed: only a new board shows the new lines
        cells = _post_cells(post, mine, staffing, regs.quals)
        for r in rows:
            board.lines[r] = mine[board.lines[r].shift]
            board.cells[r] = [cells.get(board.lines[r].shift, {}).get(day) for day in board.days]
            changed.append(r)
    return changed


# -- coverage --------------------------------------------------------------------------------------------

def coverage_of(board: Board, detachment_id: int | None = None, lines: Iterable[int] | None = None) -> Coverage:
    """The coverage of a board, of one detachment's posts, or of some lines."""
    counts = {FULL: 0, PARTIAL: 0, EMPTY: 0}
    for r in (range(len(board.lines)) if lines is None else lines):
        if detachment_id is not None and board.lines[r].detachment_id != detachment_id:
            continue
        for cell in board.cells[r]:
            if cell is not None:
                counts[cell.status] += 1
    return Coverage(counts[FULL], counts[PARTIAL], counts[EMPTY])


def coverage_by_detachment(board: Board) -> list[tuple[int, str, Coverage]]:
    """(detachment id, name, coverage) of every detachment responsible for posts, in board order."""
    names: dict[int, str] = {}
    for line in board.lines:
        names.setdefault(line.detachment_id, line.detachment)
    return [(det, name, coverage_of(board, det)) for det, name in names.items()]


@dataclass(frozen=True)
class OperationCoverage:
    operation_id: int
    name: str
    start_date: dt.date
    end_date: dt.date
    coverage: Coverage
    detachments: tuple[tuple[int, str, Coverage], ...]


def operations_coverage(session: Session, operation_ids: Iterable[int] | None = None) -> list[OperationCoverage]:
    """Coverage of every operation (or of those given), most recent first."""
    query = select(Operation.id).order_by(Operation.start_date.desc(), Operation.id)
    if operation_ids is not None:
        query = query.where(Operation.id.in_(list(operation_ids)))
    out = []
    for op_id in session.scalars(query).all():
        board = load_board(session, op_id)
        out.append(OperationCoverage(op_id, board.name, board.start_date, board.end_date, coverage_of(board),
                                     tuple(coverage_by_detachment(board))))
    return out


