"""What the HQ workbook holds, as plain rows, read from the database (merge builds the same from workbooks)."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from rosterapp import vocab
from rosterapp.models import (
    Absence,
    Detachment,
    Duty,
    Operation,
    Person,
    Position,
    Post,
    ShiftType,
    Station,
    Vehicle,
    VehicleDeployment,
    VehicleType,
)
from rosterapp.services import absence_cells, dutyday, statistics, subplans
from rosterapp.services.check import CheckReport, CheckScope
from rosterapp.services.dutyday import DAY, days_between
from rosterapp.services.rules import message
from rosterapp.services.rules.data import from_min, post_windows, to_min
from rosterapp.services.rules.problem import ERROR, WARNING, rule_name, severity_name
from rosterapp.services.strength import detachment_strength

ZH = "zh_CN"  # the workbook is the exchange format with headquarters: always Chinese
ROLE_ORDER = {code: i for i, code in enumerate(vocab.CREW_ROLE)}
ROLE_LABELS = {code: zh for code, (zh, _en) in vocab.CREW_ROLE.items()}
ROLE_BY_LABEL = {zh: code for code, zh in ROLE_LABELS.items()}

# One person in a 点位方案 人员 cell: [role]name(staff no)[shift code]; the shift code is written only
# when the duty is not exactly the row's window under its usual shift.
ENTRY = re.compile(r"^(?P<role>指挥员|驾驶员|战斗员|通信员|安全员)?(?P<name>.+?)[(（](?P<staff>[^()（）]+)[)）]"
                   r"(?:\[(?P<shift>[^\[\]]+)\])?$")
GROUP_SEPARATOR = "；"
ENTRY_SEPARATOR = "、"
PLATE_MARK = "："


@dataclass
class RosterSheet:
    """One detachment's grid: rows of (station, name, staff no, position, one text per day)."""

    name: str
    rows: Iterable[tuple[str, str, str, str, list[str]]]
    row_count: int
    legend: list[tuple[str, str]]


NEVER_SUBMITTED = "未上报"
NO_VERSION = "—"
EDITED_MARK = "（草稿已改动）"
VERSION_TEXT = re.compile(r"^v(?P<number>\d+)")


@dataclass(frozen=True)
class PlanVersion:
    """A detachment's sub-plan of the task when the workbook was written (services.subplans)."""

    version: int  # the latest version's number; 0 when never submitted
    state: str  # draft, submitted, approved, returned
    edited: bool = False  # the draft differed from that version
    in_plan: int | None = None  # the version the overall plan took

    def cells(self) -> tuple[str, str, str]:
        """分方案版本 | 状态 | 总体方案版本, as 汇总 shows them."""
        if not self.version:
            return NO_VERSION, NEVER_SUBMITTED, NO_VERSION
        version = f"v{self.version}{EDITED_MARK if self.edited else ''}"
        return version, vocab.label(vocab.PLAN_STATE, self.state, ZH), (
            f"v{self.in_plan}" if self.in_plan else NO_VERSION)


def plan_versions(session: Session, operation_id: int, detachment_ids: Iterable[int]) -> dict[int, PlanVersion]:
    """Each detachment's sub-plan of the task. The draft is compared with the latest version only for the
    sub-plans that have one (a snapshot of the detachment's posts, as `plan approve` compares them)."""
    out = {}
    for det in detachment_ids:
        row = subplans.sub_plan(session, operation_id, det)
        if row is None or not row.version:
            out[det] = PlanVersion(0, row.state if row is not None else subplans.DRAFT)
            continue
        latest = subplans.version(session, operation_id, det, row.version)
        taken = subplans.in_plan(session, operation_id, det)
        out[det] = PlanVersion(row.version, row.state,
                               subplans.changed_since(latest.snapshot, subplans.snapshot(session, operation_id, det)),
                               taken.number if taken is not None else None)
    return out


@dataclass
class HQWorkbook:
    """Everything the writer puts in the HQ workbook; problems may arrive last (they are checked meanwhile)."""

    title: str
    operation: str | None
    first: dt.date
    last: dt.date
    made: dt.datetime
    detachments: list[str]
    post_rows: list[tuple]
    deployment_rows: list[tuple]
    rosters: list[RosterSheet]
    problems: Callable[[], list[tuple]]
    # Tokens of a roster cell that do not mean "on duty" (休, absences): the daily counts skip them.
    off_tokens: frozenset[str] = frozenset()
    missing: list[str] = field(default_factory=list)
    daily: dict[str, list[int]] | None = None  # taken as given (merge); else counted from the grids
    stats_rows: list[tuple] = field(default_factory=list)  # 月度统计: one row per person
    # Each detachment's 执勤实力 (present, vehicles, water t, foam t, powder kg) on the first duty day.
    strength: dict[str, tuple] = field(default_factory=dict)
    # A workbook of one task: 汇总's 分方案版本 | 状态 | 总体方案版本 of each detachment (none: no columns).
    plans: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    # A one-detachment workbook of one task: its sub-plan, kept in the document properties too.
    plan: PlanVersion | None = None

    @property
    def days(self) -> list[dt.date]:
        return days_between(self.first, self.last)


def workbook_title(operation: str | None, first: dt.date, last: dt.date) -> str:
    span = f"{first.isoformat()} 至 {last.isoformat()}"
    return f"{operation}（{span}）" if operation else span


TITLE = re.compile(r"^(?:(?P<op>.+)（)?(?P<first>\d{4}-\d{2}-\d{2}) 至 (?P<last>\d{4}-\d{2}-\d{2})）?$")


def entry_text(role: str | None, name: str, staff_no: str, shift: str | None) -> str:
    return f"{ROLE_LABELS.get(role, '') if role else ''}{name}({staff_no}){f'[{shift}]' if shift else ''}"


def staff_numbers(people_text: str) -> list[str]:
    """The staff numbers in a 点位方案 人员 cell."""
    found = []
    for group in people_text.split(GROUP_SEPARATOR):
        _plate, _mark, entries = group.rpartition(PLATE_MARK)
        for entry in entries.split(ENTRY_SEPARATOR):
            match = ENTRY.match(entry.strip())
            if match:
                found.append(match["staff"].strip())
    return found


@dataclass(frozen=True)
class ShiftInfo:
    id: int
    code: str
    start: dt.time
    minutes: int
    is_duty: bool


def load_shifts(session: Session) -> list[ShiftInfo]:
    return [ShiftInfo(*r) for r in session.execute(
        select(ShiftType.id, ShiftType.code, ShiftType.start_time, ShiftType.duration_minutes, ShiftType.is_duty)
        .order_by(ShiftType.sort_order, ShiftType.id))]


def window_shift(shifts: list[ShiftInfo], start: dt.datetime, end: dt.datetime) -> ShiftInfo | None:
    """The duty shift whose usual interval is exactly [start, end): 值 for 08:00-08:00, 白, 夜 ..."""
    minutes = int((end - start).total_seconds() // 60)
    for shift in shifts:
        if shift.is_duty and shift.start == start.time() and shift.minutes == minutes:
            return shift
    return None


def legend_rows(shifts: list[ShiftInfo], shift_names: dict[str, str]) -> list[tuple[str, str]]:
    rows = []
    for s in shifts:
        if s.is_duty:
            begin = dt.datetime.combine(dt.date(2000, 1, 1), s.start)
            end = begin + dt.timedelta(minutes=s.minutes)
            next_day = "次日" if end.date() > begin.date() else ""
            rows.append((s.code, f"{shift_names[s.code]} {s.start:%H:%M}—{next_day}{end:%H:%M}"))
        else:
            rows.append((s.code, shift_names[s.code]))
    # Absence days hold the absence code, as the grid shows it and the month roster workbooks write it.
    for code in absence_cells.CODES:
        rows.append((code, f"缺勤：{absence_cells.label(code)}"))
    rows.append(("点位编号", "在该点位执勤（如 DC-01），详见“点位方案”"))
    return rows


class _Collector:
    """Reads one export's rows with a handful of Core selects (no ORM objects: ~275,000 duties in the city)."""

    def __init__(self, session: Session, scope: CheckScope):
        self.s = session
        # Core selects go through the connection: the session's ORM layer would wrap every row again.
        self.conn = session.connection()
        self.scope = scope
        self.first, self.last = scope.first, scope.last
        self.lo = dt.datetime.combine(self.first, dt.time())
        self.hi = dt.datetime.combine(self.last + DAY, dt.time())
        s = session
        dets = s.execute(select(Detachment.id, Detachment.name).order_by(Detachment.sort_order, Detachment.id)).all()
        self.det_name = dict(dets)
        self.det_order = {d: i for i, (d, _n) in enumerate(dets)}
        self.chosen = [d for d, _n in dets if scope.detachment is None or d == scope.detachment.id]
        self.stations = {sid: (name, det, order) for sid, name, det, order in s.execute(
            select(Station.id, Station.name, Station.detachment_id, Station.sort_order))}
        self.people = {pid: (staff, name, phone, sid) for pid, staff, name, phone, sid in s.execute(
            select(Person.id, Person.staff_no, Person.name, Person.phone, Person.station_id))}
        self.vehicles = {vid: (plate, call, tname, sid) for vid, plate, call, tname, sid in s.execute(
            select(Vehicle.id, Vehicle.plate, Vehicle.call_sign, VehicleType.name, Vehicle.station_id)
            .join(VehicleType, VehicleType.id == Vehicle.type_id))}
        self.shifts = load_shifts(s)
        self.shift_by_id = {sh.id: sh for sh in self.shifts}
        self.shift_names = dict(s.execute(select(ShiftType.code, ShiftType.name)).all())

    # 点位方案 ---------------------------------------------------------------------------------
    def posts(self) -> tuple[list[tuple], dict[int, tuple]]:
        scope, s = self.scope, self.s
        query = (select(Post.id, Post.code, Post.name, Post.post_type, Post.duty_mode, Operation.readiness,
                        Post.detachment_id, Post.station_id, Post.active_from, Post.active_to, Post.rotation,
                        Post.handover_time, Post.remarks)
                 .join(Operation, Operation.id == Post.operation_id)
                 .where(Post.active_to > self.lo, Post.active_from < self.hi + DAY)
                 .order_by(Post.code, Post.id))
        if scope.operation is not None:
            query = query.where(Post.operation_id == scope.operation.id)
        if scope.detachment is not None:
            query = query.where(Post.detachment_id == scope.detachment.id)
        posts = {r.id: r for r in s.execute(query)}
        self.post_info = posts
        duty_rows = self.conn.execute(
            select(Duty.post_id, Duty.start, Duty.end, Duty.person_id, Duty.vehicle_id, Duty.role, Duty.shift_type_id)
            .join(Post, Post.id == Duty.post_id)
            .where(Post.id.in_(list(posts)), Duty.end > self.lo - DAY, Duty.start < self.hi + DAY)
            .order_by(Duty.post_id, Duty.start, Duty.id)).all() if posts else []
        # Rows are indexed by position below (post, start, end, person, vehicle, role, shift): at city
        # scale attribute access on 80,000 rows costs more than building the whole 点位方案.
        by_post: dict[int, list] = defaultdict(list)
        for row in duty_rows:
            by_post[row[0]].append(row)
        self.post_duties = by_post
        dep_rows = self.conn.execute(
            select(VehicleDeployment.post_id, VehicleDeployment.start, VehicleDeployment.end,
                   VehicleDeployment.vehicle_id)
            .where(VehicleDeployment.post_id.in_(list(posts)), VehicleDeployment.end > self.lo - DAY,
                   VehicleDeployment.start < self.hi + DAY)
            .order_by(VehicleDeployment.post_id, VehicleDeployment.start)).all() if posts else []
        deps_by_post: dict[int, list] = defaultdict(list)
        for row in dep_rows:
            deps_by_post[row[0]].append(row)

        self._entries: dict[tuple, tuple] = {}
        rows = []
        for post in posts.values():
            handover = post.handover_time.hour * 60 + post.handover_time.minute
            duties = by_post.get(post.id, [])
            starts = [d[1] for d in duties]
            deps = deps_by_post.get(post.id, [])
            dep_starts = [d[1] for d in deps]
            station = self.stations[post.station_id][0] if post.station_id else ""
            head = (post.code, post.name, vocab.label(vocab.POST_TYPE, post.post_type, ZH),
                    vocab.label(vocab.DUTY_MODE, post.duty_mode, ZH),
                    vocab.label(vocab.READINESS, post.readiness, ZH), self.det_name[post.detachment_id], station)
            tail = post.remarks or ""
            for w_lo, w_hi in post_windows(to_min(post.active_from), to_min(post.active_to), post.rotation, handover):
                ws, we = from_min(w_lo), from_min(w_hi)
                if not (self.lo <= ws < self.hi):
                    continue
                # Duties last at most two days: only those starting shortly before the window can reach it.
                i = bisect.bisect_left(starts, ws - 2 * DAY)
                here = [d for d in duties[i:bisect.bisect_left(starts, we)] if d[2] > ws]
                j = bisect.bisect_left(dep_starts, ws - 2 * DAY)
                plates = list(dict.fromkeys(self.vehicles[d[3]][0]
                                            for d in deps[j:bisect.bisect_left(dep_starts, we)] if d[2] > ws))
                rows.append((*head, ws, we, *self._staffing(ws, we, here, plates), tail))
        return rows, posts

    def _entry(self, person_id: int, role: str | None) -> tuple:
        """(sort key, text, name, phone) of a person in a role, made once per person and role."""
        key = (person_id, role)
        found = self._entries.get(key)
        if found is None:
            staff, name, phone, _sid = self.people[person_id]
            found = self._entries[key] = ((ROLE_ORDER.get(role, 99), staff), entry_text(role, name, staff, None),
                                          name, phone)
        return found

    def _staffing(self, ws: dt.datetime, we: dt.datetime, duties: list, plates: list[str]) -> tuple:
        """车辆 | 带队指挥员 | 联系电话 | 人数 | 人员 of one window."""
        usual = window_shift(self.shifts, ws, we)
        groups: dict[int | None, list] = {}
        for d in duties:
            groups.setdefault(d[4], []).append((self._entry(d[3], d[5]), d))
        texts = []
        commander = None
        people = set()
        # Vehicles in the order of the 车辆 column, then any others, then people without a vehicle.
        plate_rank = {p: i for i, p in enumerate(plates)}
        order = sorted(groups, key=lambda v: (v is None, plate_rank.get(self.vehicles[v][0], 99) if v else 0,
                                              self.vehicles[v][0] if v else ""))
        for vid in order:
            entries = []
            for (_key, text, name, phone), d in sorted(groups[vid], key=lambda e: e[0][0]):
                shift = self.shift_by_id[d[6]]
                if not (d[1] == ws and d[2] == we and usual is not None and usual.id == shift.id):
                    text = f"{text}[{shift.code}]"
                entries.append(text)
                people.add(d[3])
                if commander is None and d[5] == "commander":
                    commander = (name, phone)
            text = ENTRY_SEPARATOR.join(entries)
            texts.append(f"{self.vehicles[vid][0]}{PLATE_MARK}{text}" if vid is not None else text)
        return (ENTRY_SEPARATOR.join(plates), commander[0] if commander else "", commander[1] if commander else "",
                len(people), GROUP_SEPARATOR.join(texts))

    # 车辆部署 ---------------------------------------------------------------------------------
    def deployments(self, posts: dict[int, tuple]) -> list[tuple]:
        V, D = VehicleDeployment, Vehicle
        chosen_stations = [sid for sid, (_n, det, _o) in self.stations.items() if det in self.chosen]
        places = [V.post_id.in_(list(posts))] if posts else []
        places.append(and_(V.station_id.is_not(None), D.station_id.in_(chosen_stations)))
        rows = self.conn.execute(
            select(V.id, V.vehicle_id, V.start, V.end, V.post_id, V.station_id)
            .join(D, D.id == V.vehicle_id)
            .where(V.start >= self.lo, V.start < self.hi, or_(*places))).all()
        # Crews by (post, vehicle), sorted by start, so each deployment finds its own with two bisections.
        crews: dict[tuple[int, int | None], list] = defaultdict(list)
        for post_id, duties in self.post_duties.items():
            for d in duties:
                crews[post_id, d[4]].append(d)
        crew_starts = {key: [d[1] for d in duties] for key, duties in crews.items()}
        out = []
        for _id, vid, start, end, post_id, station_id in rows:
            plate, call, tname, home = self.vehicles[vid]
            home_name, det, order = self.stations[home]
            if post_id is not None:
                post = posts[post_id]
                place = f"{post.code} {post.name}"
                duties, starts = crews.get((post_id, vid), []), crew_starts.get((post_id, vid), [])
                i = bisect.bisect_left(starts, start - 2 * DAY)
                windows = crew_windows(start, end, [d for d in duties[i:bisect.bisect_left(starts, end)]
                                                    if d[2] > start])
            else:
                place = self.stations[station_id][0]
                windows = [(start, end, 0)]
            # One row per crew window: a 24 h deployment with a day and a night crew is two rows, each
            # with its own crew, never the sum of both (spec/excel.md). 日期 is the day the deployment
            # begins, on each of its rows: `import plan` joins the rows that follow on within one 日期.
            day = start.date()
            for ws, we, crew in windows:
                key = (day, self.det_order[det], order, plate, ws)
                out.append((key, (day, self.det_name[det], home_name, plate, call, tname, place, ws, we, crew)))
        out.sort(key=lambda item: item[0])
        return [row for _key, row in out]

    # The roster grids ----------------------------------------------------------------------------
    def rosters(self) -> list[RosterSheet]:
        s = self.s
        days = days_between(self.first, self.last)
        legend = legend_rows(self.shifts, self.shift_names)
        code_of = {sh.id: sh.code for sh in self.shifts}
        post_code = dict(s.execute(select(Post.id, Post.code)).all())
        column: dict[object, int] = {}
        for i, day in enumerate(days):
            column[day] = column[day.isoformat()] = i
        chosen_stations = [sid for sid, (_n, d, _o) in self.stations.items() if d in self.chosen]
        cells: dict[int, dict[int, str]] = defaultdict(dict)
        for pid, kind, start, end in s.execute(
                select(Absence.person_id, Absence.kind, Absence.start, Absence.end)
                .join(Person, Person.id == Absence.person_id)
                .where(Person.station_id.in_(chosen_stations), Absence.end > self.lo, Absence.start < self.hi)):
            # A day counts as absent when its noon falls inside the absence (leave runs handover to handover).
            for i, day in enumerate(days):
                noon = dt.datetime.combine(day, dt.time(12))
                if start <= noon < end:
                    cells[pid][i] = absence_cells.CODE_OF.get(kind, kind)
        wanted = {pid for pid, (_st, _n, _ph, sid) in self.people.items() if self.stations[sid][1] in self.chosen}
        # One pass in start order, which the index on start gives without sorting; the day comes as the
        # database gives it (text in SQLite, a date elsewhere), so 275,000 datetimes need not be built.
        for pid, day, shift_id, post_id in self.conn.execute(
                select(Duty.person_id, func.date(Duty.start), Duty.shift_type_id, Duty.post_id)
                .where(Duty.start >= self.lo, Duty.start < self.hi)
                .order_by(Duty.start, Duty.id)).all():
            if pid not in wanted:
                continue
            token = post_code[post_id] if post_id is not None else code_of[shift_id]
            row = cells[pid]
            i = column[day]
            old = row.get(i)
            row[i] = token if old is None else f"{old}/{token}"
        sheets = []
        for det in self.chosen:
            stations = [sid for sid, (_n, d, _o) in self.stations.items() if d == det]
            people = s.execute(
                select(Person.id, Person.staff_no, Person.name, Station.name, Position.name, Person.active)
                .join(Station, Station.id == Person.station_id)
                .outerjoin(Position, Position.id == Person.position_id)
                .where(Person.station_id.in_(stations))
                .order_by(Station.sort_order, Station.id, Position.sort_order.is_(None), Position.sort_order,
                          Person.staff_no)).all()
            people = [p for p in people if p.active or p.id in cells]
            sheets.append(RosterSheet(self.det_name[det], _grid_rows(people, cells, len(days)), len(people), legend))
        return sheets


def _grid_rows(people, cells: dict[int, dict[int, str]], n_days: int) -> Iterator[tuple]:
    for pid, staff, name, station, position, _active in people:
        row = cells.get(pid, {})
        yield station, name, staff, position or "", [row.get(i, "") for i in range(n_days)]


def crew_windows(start: dt.datetime, end: dt.datetime, duties: list) -> list[tuple[dt.datetime, dt.datetime, int]]:
    """A deployment [start, end) cut into its crew windows, with how many people ride in each.

    ``duties`` are its crew's rows (start at 1, end at 2, person at 3). Time is cut wherever one of
    them starts or ends, and neighbours with the same people are joined again, as the checking
    engine finds a vehicle's sittings: 值 crews give one window, a 白 and a 夜 crew two. A stretch
    without anybody is a window of its own (0 乘员), so that the rows together still cover the whole
    deployment and `import plan` can join them back into it.
    """
    cuts = sorted({start, end} | {t for d in duties for t in (d[1], d[2]) if start < t < end})
    windows: list[tuple[dt.datetime, dt.datetime, frozenset]] = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        crew = frozenset(d[3] for d in duties if d[1] < hi and lo < d[2])
        if windows and windows[-1][2] == crew:
            windows[-1] = (windows[-1][0], hi, crew)
        else:
            windows.append((lo, hi, crew))
    return [(lo, hi, len(crew)) for lo, hi, crew in windows]


def problem_rows(report: CheckReport, det_names: dict[int, str], det_order: dict[int, int]) -> list[tuple]:
    """问题清单's rows from the checking engine's report, in Chinese."""
    data = report.data
    rows = []
    for p in report.problems:
        dets = set()
        if p.detachment is not None:
            dets.add(p.detachment)
        dets.update(data.people[x].detachment for x in p.people)
        dets.update(data.vehicles[v].detachment for v in p.vehicles)
        dets.update(data.posts[x].detachment for x in p.posts)
        rows.append((
            severity_name(p.severity, ZH), rule_name(p.rule, ZH), message(p, ZH), p.start, p.end,
            ENTRY_SEPARATOR.join(f"{data.people[x].name}({data.people[x].staff_no})" for x in p.people),
            ENTRY_SEPARATOR.join(data.vehicles[v].plate for v in p.vehicles),
            ENTRY_SEPARATOR.join(data.posts[x].code for x in p.posts),
            ENTRY_SEPARATOR.join(det_names[d] for d in sorted(dets, key=lambda d: det_order.get(d, 99))),
        ))
    return rows


def stats_rows(stats: statistics.Statistics) -> list[tuple]:
    """月度统计's rows (spec/excel.md): the figures of services.statistics, the same the window shows."""
    return [(p.detachment, p.station, p.name, p.staff_no, p.duty_days, p.full_duties, p.day_shifts, p.night_shifts,
             p.weekend_days, p.holiday_days, p.post_hours, p.hours, p.leave_days, p.owed,
             *(p.leave.get(kind, 0) for kind in vocab.ABSENCE_KIND)) for p in stats.people]


SEVERITY_ERROR = severity_name(ERROR, ZH)
SEVERITY_WARNING = severity_name(WARNING, ZH)


def collect(session: Session, scope: CheckScope, problems: Callable[[], list[tuple]],
            made: dt.datetime | None = None) -> HQWorkbook:
    """The HQ workbook of ``scope`` read from the database; ``problems`` is called when 问题清单 is written."""
    c = _Collector(session, scope)
    post_rows, posts = c.posts()
    deployment_rows = c.deployments(posts)
    operation = scope.operation.name if scope.operation else None
    off = {sh.code for sh in c.shifts if not sh.is_duty} | set(absence_cells.CODES)
    strength = {c.det_name[det]: (s.present, s.vehicles, s.water_t, s.foam_t, s.powder_kg)
                for det, s in detachment_strength(session, c.chosen, scope.first).items()}
    versions = plan_versions(session, scope.operation.id, c.chosen) if scope.operation is not None else {}
    return HQWorkbook(
        title=workbook_title(operation, scope.first, scope.last), operation=operation,
        first=scope.first, last=scope.last, made=made or dutyday.now().replace(microsecond=0),
        detachments=[c.det_name[d] for d in c.chosen], post_rows=post_rows, deployment_rows=deployment_rows,
        rosters=c.rosters(), problems=problems, off_tokens=frozenset(off), strength=strength,
        stats_rows=stats_rows(statistics.compute(
            session, scope.first, scope.last, detachment_id=scope.detachment.id if scope.detachment else None)),
        plans={c.det_name[det]: v.cells() for det, v in versions.items()},
        plan=versions.get(scope.detachment.id) if scope.detachment is not None else None,
    )
