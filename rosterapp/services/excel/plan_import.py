"""`import plan`: a detachment's sub-plan workbook replaces its staffing of the task's posts, all or nothing.

A workbook exported without a task (`export --detachment DC`, the month or --from/--to) holds every
task's posts of the detachment in its dates, as the export lists them; importing it replaces the
staffing of all of those posts in those dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import and_, delete, false, insert, or_, select
from sqlalchemy.orm import Session

from rosterapp.errors import FieldError
from rosterapp.i18n import tr
from rosterapp.models import Detachment, Duty, Operation, Person, Post, Station, Vehicle, VehicleDeployment
from rosterapp.services import subplans
from rosterapp.services.dutyday import DAY
from rosterapp.services.excel import common as c
from rosterapp.services.excel.common import (
    ADDED,
    CHANGED,
    REMOVED,
    CellError,
    FieldChange,
    ImportRejected,
    RowChange,
    column_letter,
    unreadable,
)
from rosterapp.services.excel.hq import (
    ENTRY,
    ENTRY_SEPARATOR,
    GROUP_SEPARATOR,
    PLATE_MARK,
    ROLE_BY_LABEL,
    ROLE_LABELS,
    VERSION_TEXT,
    load_shifts,
    window_shift,
)
from rosterapp.services.excel.hq_reading import HQFile, read_hq
from rosterapp.services.excel.reading import skipped_note
from rosterapp.services.plates import PlateIndex
from rosterapp.services.rules.data import from_min, post_windows, to_min


@dataclass
class PlanImportResult:
    detachment: str
    operation: str
    first: dt.date
    last: dt.date
    duties: int
    deployments: int
    replaced_duties: int
    replaced_deployments: int
    dry_run: bool
    # The duties, then the deployments, that the plan adds, changes or removes; those it leaves as
    # they are are not listed.
    changes: list[RowChange] = field(default_factory=list)
    skipped_sheets: list[str] = field(default_factory=list)  # hidden sheets, never read

    def detail_lines(self) -> list[str]:
        """One line per duty or deployment added, changed or removed."""
        return [c.text() for c in self.changes]

    def notes(self) -> list[str]:
        """What the summary's line leaves out: 跳过隐藏工作表：X."""
        return skipped_note(self.skipped_sheets)

    def summary(self) -> str:
        values = dict(detachment=self.detachment, operation=self.operation, first=self.first, last=self.last,
                      duties=self.duties, deployments=self.deployments, old_duties=self.replaced_duties,
                      old_deployments=self.replaced_deployments)
        if self.dry_run:
            return tr("Dry run: the plan of {detachment} for {operation}, {first} to {last}, would put {duties} "
                      "duties and {deployments} deployments in place of {old_duties} and {old_deployments}; "
                      "nothing was written.", **values)
        return tr("Imported the plan of {detachment} for {operation}, {first} to {last}: {duties} duties and "
                  "{deployments} deployments in place of {old_duties} and {old_deployments}.", **values)


def _col(headers: list[str], header: str) -> str:
    return column_letter(headers.index(header))


class OlderWorkbook(ImportRejected):
    """A sub-plan workbook older than the sub-plan's current version (exit 3; `--force` imports it anyway)."""

    def __init__(self, path: Path, detachment: str, operation: str, have: int, current: int):
        values = dict(detachment=detachment, operation=operation, have=have, current=current)
        if have:
            reason = tr("This workbook is version {have} of the sub-plan of {detachment} for {operation}, but the "
                        "sub-plan is at version {current} now: importing it would put an older plan in place of a "
                        "newer one. Export the current sub-plan and work on that, or import this workbook anyway "
                        "with --force.", **values)
        else:
            reason = tr("This workbook carries no sub-plan version (it was written before versions were kept, or "
                        "without a task), but the sub-plan of {detachment} for {operation} is at version {current}: "
                        "importing it may put an older plan in place of a newer one. Export the current sub-plan and "
                        "work on that, or import this workbook anyway with --force.", **values)
        super().__init__(FieldError(path.name, reason), source=str(path))
        self.detachment, self.operation, self.have, self.current = detachment, operation, have, current


def workbook_version(book: HQFile, detachment: str) -> int:
    """The sub-plan version a workbook carries: its document property, else its 汇总's 分方案版本 (v3), else 0."""
    if book.plan is not None:
        return book.plan.version
    match = VERSION_TEXT.match(book.plans.get(detachment, ("",))[0])
    return int(match["number"]) if match else 0


def import_plan(session: Session, path: Path, *, dry_run: bool = False, force: bool = False) -> PlanImportResult:
    """Replace one detachment's staffing of an operation's posts, and its deployments, in the workbook's dates.

    Refused (nothing written) when a post it replaces belongs to an approved sub-plan (subplans.Locked), and,
    unless ``force``, when the workbook is older than the sub-plan's current version (OlderWorkbook): a
    workbook without a version counts as version 0.
    """
    path = Path(path)
    book = read_hq(path)
    if len(book.rosters) != 1:
        raise unreadable(path, tr("A sub-plan of one detachment is expected; this workbook holds {count}.",
                                  count=len(book.rosters)))
    [det_name] = book.rosters
    errors: list[FieldError] = []
    det = session.execute(select(Detachment.id, Detachment.name).where(Detachment.name == det_name)).first()
    if det is None:
        raise unreadable(path, tr("Unknown detachment: {name}", name=det_name))
    lo = dt.datetime.combine(book.first, dt.time())
    hi = dt.datetime.combine(book.last + DAY, dt.time())
    query = select(Post.id, Post.code, Post.name, Post.detachment_id, Operation.name.label("operation"),
                   Post.active_from, Post.active_to, Post.rotation, Post.handover_time, Post.operation_id
                   ).join(Operation)
    if book.operation:
        op = session.execute(select(Operation.id, Operation.name).where(Operation.name == book.operation)).first()
        if op is None:
            raise ImportRejected(CellError("A", tr("Unknown operation: {name}", name=book.operation), 1,
                                           header=tr("title"), sheet=c.SUMMARY), source=str(path))
        query = query.where(Post.operation_id == op.id)
        operation = op.name
    else:
        # No task: every task's posts the export lists for these dates.
        query = query.where(Post.active_to > lo, Post.active_from < hi + DAY)
        operation = tr("every task")
    posts = _Posts(session.execute(query).all(), det.id, det_name)
    touched = [p for p in posts.mine() if _span(p, lo, hi) is not None]
    subplans.refuse_locked(session, [p.id for p in touched])
    if not force:
        have = workbook_version(book, det_name)
        for op_id, op_name in sorted({(p.operation_id, p.operation) for p in touched}):
            row = subplans.sub_plan(session, op_id, det.id)
            if row is not None and have < row.version:
                raise OlderWorkbook(path, det_name, op_name, have, row.version)
    people, person_names = {}, {}
    for pid, staff, name in session.execute(select(Person.id, Person.staff_no, Person.name)):
        people[staff] = pid
        person_names[pid] = (name, staff)
    registered = session.execute(select(Vehicle.id, Vehicle.plate, Vehicle.station_id)).all()
    plate_of = {vid: plate for vid, plate, _sid in registered}
    # A plate edited in by hand may be spelt another way (京X0001应急): found as the registers' 京X·0001应急.
    plates = PlateIndex((plate, (vid, sid)) for vid, plate, sid in registered)

    def vehicle_of(text: str) -> tuple[int, int] | None:
        found = plates.find(text.strip())
        return found[0] if len(found) == 1 else None
    stations = {name: (sid, det_id) for sid, name, det_id in session.execute(
        select(Station.id, Station.name, Station.detachment_id))}
    shifts = load_shifts(session)
    shift_by_code = {s.code: s for s in shifts}

    def bad(sheet_headers: list[str], header: str, number: int, reason: str, sheet: str) -> None:
        errors.append(CellError(_col(sheet_headers, header), reason, number, header=header, sheet=sheet))

    # 点位方案: one row per post and shift window, its people grouped by vehicle.
    H = c.POST_HEADERS
    duties: dict[tuple, dict] = {}
    for number, values in book.post_rows:
        row = dict(zip(H, values, strict=True))
        ws, we = row["开始"], row["结束"]
        post, reason = posts.find(c.cell_text(row["点位编号"]), c.cell_text(row["点位名称"]), ws)
        if post is None:
            bad(H, "点位编号", number, reason, c.POSTS)
            continue
        if not isinstance(ws, dt.datetime):
            bad(H, "开始", number, tr("Not a date and time."), c.POSTS)
            continue
        if not isinstance(we, dt.datetime) or we <= ws:
            bad(H, "结束", number, tr("The end must be after the start."), c.POSTS)
            continue
        if not lo <= ws < hi:
            bad(H, "开始", number, tr("Outside the workbook's dates {first} to {last}.", first=book.first,
                                     last=book.last), c.POSTS)
            continue
        for plate in c.split_list(str(row["车辆"] or "")):
            if vehicle_of(plate) is None:
                bad(H, "车辆", number, tr("Unknown vehicle: {name}", name=plate), c.POSTS)
        usual = window_shift(shifts, ws, we)
        for group in str(row["人员"] or "").split(GROUP_SEPARATOR):
            if not group.strip():
                continue
            plate, mark, entries = group.rpartition(PLATE_MARK)
            vehicle_id = None
            if mark:
                vehicle = vehicle_of(plate)
                if vehicle is None:
                    bad(H, "人员", number, tr("Unknown vehicle: {name}", name=plate.strip()), c.POSTS)
                    continue
                vehicle_id = vehicle[0]
            for entry in entries.split(ENTRY_SEPARATOR):
                match = ENTRY.match(entry.strip())
                if match is None:
                    bad(H, "人员", number, tr("Cannot read {entry}: write 战斗员张三(0012345), optionally [白].",
                                             entry=entry.strip()), c.POSTS)
                    continue
                person_id = people.get(match["staff"].strip())
                if person_id is None:
                    bad(H, "人员", number, tr("Unknown person: {name}", name=match["staff"]), c.POSTS)
                    continue
                if match["shift"]:
                    shift = shift_by_code.get(match["shift"])
                    if shift is None:
                        bad(H, "人员", number, tr("Unknown shift code: {name}", name=match["shift"]), c.POSTS)
                        continue
                    start, end = _placed(shift, ws, we)
                else:
                    shift = usual
                    if shift is None:
                        bad(H, "人员", number, tr("No shift fits {start} to {end}; mark the entry like [白].",
                                                 start=f"{ws:%H:%M}", end=f"{we:%H:%M}"), c.POSTS)
                        continue
                    start, end = ws, we
                role = ROLE_BY_LABEL.get(match["role"]) if match["role"] else None
                duties[person_id, post, start, end] = {
                    "person_id": person_id, "post_id": post, "station_id": None, "vehicle_id": vehicle_id,
                    "role": role, "shift_type_id": shift.id, "start": start, "end": end}

    # 车辆部署: one row per vehicle deployment and crew window.
    H = c.DEPLOYMENT_HEADERS
    pieces = []
    first_error = len(errors)
    for number, values in book.deployment_rows:
        row = dict(zip(H, values, strict=True))
        vehicle = vehicle_of(str(row["车牌号"] or ""))
        if vehicle is None:
            bad(H, "车牌号", number, tr("Unknown vehicle: {name}", name=row["车牌号"]), c.DEPLOYMENTS)
            continue
        start, end = row["开始"], row["结束"]
        if not isinstance(start, dt.datetime):
            bad(H, "开始", number, tr("Not a date and time."), c.DEPLOYMENTS)
            continue
        if not isinstance(end, dt.datetime) or end <= start:
            bad(H, "结束", number, tr("The end must be after the start."), c.DEPLOYMENTS)
            continue
        place = c.cell_text(row["部署位置"])
        code, _space, name = place.partition(" ")
        post_id, reason = posts.find(code, name, start)
        station_id = None
        if post_id is None and place in stations:
            station_id = stations[place][0]
        elif post_id is None:
            if code not in posts.codes:
                reason = tr("Neither a post of {detachment} nor a station: {name}", detachment=det_name, name=place)
            bad(H, "部署位置", number, reason, c.DEPLOYMENTS)
            continue
        day = row["日期"].date() if isinstance(row["日期"], dt.datetime) else row["日期"]
        pieces.append(((vehicle[0], post_id or 0, station_id or 0, str(day)), start, end, number))
    # A deployment's crew windows (its day crew, its night crew) are rows of one vehicle, place and 日期
    # that follow on: one deployment again.
    deployments = []
    rows_of = []
    last_key = None
    for key, start, end, number in sorted(pieces):
        if deployments and key == last_key and deployments[-1]["end"] == start:
            deployments[-1]["end"] = end
            continue
        deployments.append({"vehicle_id": key[0], "post_id": key[1] or None, "station_id": key[2] or None,
                            "start": start, "end": end})
        rows_of.append(number)
        last_key = key
    for dep, number in zip(deployments, rows_of, strict=True):
        if not lo <= dep["start"] < hi:
            bad(H, "开始", number, tr("Outside the workbook's dates {first} to {last}.", first=book.first,
                                     last=book.last), c.DEPLOYMENTS)
    errors[first_error:] = sorted(errors[first_error:], key=lambda e: e.row or 0)
    if errors:
        raise ImportRejected(errors, source=str(path))

    det_posts = posts.mine()
    det_stations = [sid for sid, det_id in stations.values() if det_id == det.id]
    det_vehicles = select(Vehicle.id).where(Vehicle.station_id.in_(det_stations))
    # The duties the workbook holds: those of the post windows that start in its dates, as the export
    # lists them; a duty of the window before its first day (a night ending at 08:00 on it) stays.
    spans = [and_(Duty.post_id == p.id, Duty.end > span[0], Duty.start < span[1])
             for p in det_posts if (span := _span(p, lo, hi)) is not None]
    old_duties = or_(*spans) if spans else false()
    old_deployments = and_(VehicleDeployment.start >= lo, VehicleDeployment.start < hi, or_(
        VehicleDeployment.post_id.in_([p.id for p in det_posts]),
        and_(VehicleDeployment.station_id.is_not(None), VehicleDeployment.vehicle_id.in_(det_vehicles))))
    old_duty_rows = session.execute(select(Duty.person_id, Duty.post_id, Duty.start, Duty.end, Duty.vehicle_id,
                                           Duty.role, Duty.shift_type_id).where(old_duties)).all()
    old_deployment_rows = session.execute(select(
        VehicleDeployment.vehicle_id, VehicleDeployment.start, VehicleDeployment.end, VehicleDeployment.post_id,
        VehicleDeployment.station_id).where(old_deployments)).all()
    replaced_duties = len(old_duty_rows)
    replaced_deployments = len(old_deployment_rows)
    names = _PlanNames(person_names, posts, plate_of, stations, shifts)
    changes = (_duty_changes(names, old_duty_rows, list(duties.values()))
               + _deployment_changes(names, old_deployment_rows, deployments))
    if not dry_run:
        session.execute(delete(Duty).where(old_duties).execution_options(synchronize_session=False))
        session.execute(delete(VehicleDeployment).where(old_deployments)
                        .execution_options(synchronize_session=False))
        if duties:
            session.execute(insert(Duty), list(duties.values()))
        if deployments:
            session.execute(insert(VehicleDeployment), deployments)
        session.flush()
    return PlanImportResult(det_name, operation, book.first, book.last, len(duties), len(deployments),
                            replaced_duties, replaced_deployments, dry_run, changes, book.skipped)


class _PlanNames:
    """Ids back to what the workbook shows: people, post codes, plates, stations, shift codes, roles."""

    def __init__(self, person_names: dict, posts: _Posts, plates: dict, stations: dict, shifts: list):
        self.person = person_names
        self.post = {p.id: p.code for rows in posts.by_code.values() for p in rows}
        self.plate = plates
        self.station = {sid: name for name, (sid, _det) in stations.items()}
        self.shift = {s.id: s.code for s in shifts}

    def duty(self, d: dict) -> dict[str, str]:
        return {"结束": f"{d['end']:%Y-%m-%d %H:%M}", "班次": self.shift.get(d["shift_type_id"], ""),
                "车辆": self.plate.get(d["vehicle_id"], ""), "分工": ROLE_LABELS.get(d["role"], "")}

    def deployment(self, d: dict) -> dict[str, str]:
        place = self.post.get(d["post_id"]) if d["post_id"] else self.station.get(d["station_id"], "")
        return {"部署位置": place or "", "结束": f"{d['end']:%Y-%m-%d %H:%M}"}


def _compare(old: dict[tuple, dict[str, str]], new: dict[tuple, dict[str, str]], row) -> list[RowChange]:
    """Rows by key: those only in ``new`` are added, those only in ``old`` removed, those in both changed
    in the fields that differ; in the order of their keys. ``row(action, key, fields)`` makes the RowChange."""
    changes = []
    for key in sorted(old.keys() | new.keys()):
        before, after = old.get(key), new.get(key)
        if before is None:
            changes.append(row(ADDED, key, tuple(FieldChange(f, None, v) for f, v in after.items() if v)))
        elif after is None:
            changes.append(row(REMOVED, key, tuple(FieldChange(f, v, None) for f, v in before.items() if v)))
        elif before != after:
            changes.append(row(CHANGED, key, tuple(FieldChange(f, before[f], after[f]) for f in after
                                                   if before[f] != after[f])))
    return changes


def _duty_changes(names: _PlanNames, old_rows, new_rows: list[dict]) -> list[RowChange]:
    """A duty is one person at one post from one time; its end, shift, vehicle and role may change."""
    def key(d) -> tuple:
        return (names.post.get(d["post_id"], ""), d["start"]) + names.person.get(d["person_id"], ("", ""))

    def row(action: str, k: tuple, fields: tuple) -> RowChange:
        code, start, name, staff = k
        return RowChange(action, name, staff, fields, where=f"{code} {start:%Y-%m-%d %H:%M}")

    old = {key(d): names.duty(d) for d in (r._asdict() for r in old_rows)}
    new = {key(d): names.duty(d) for d in new_rows}
    return _compare(old, new, row)


def _deployment_changes(names: _PlanNames, old_rows, new_rows: list[dict]) -> list[RowChange]:
    """A deployment is one vehicle from one time; its place and end may change."""
    def key(d) -> tuple:
        return d["start"], names.plate.get(d["vehicle_id"], "")

    def row(action: str, k: tuple, fields: tuple) -> RowChange:
        start, plate = k
        return RowChange(action, "", f"{plate} {start:%Y-%m-%d %H:%M}", fields)

    old = {key(d): names.deployment(d) for d in (r._asdict() for r in old_rows)}
    new = {key(d): names.deployment(d) for d in new_rows}
    return _compare(old, new, row)


class _Posts:
    """The posts a workbook may name, found by 点位编号 (and 点位名称 and the time when a code is in two tasks)."""

    def __init__(self, rows: list, det_id: int, det_name: str):
        self.det_id, self.det_name = det_id, det_name
        self.by_code: dict[str, list] = {}
        for row in rows:
            self.by_code.setdefault(row.code, []).append(row)
        self.codes = set(self.by_code)

    def mine(self) -> list:
        return [p for rows in self.by_code.values() for p in rows if p.detachment_id == self.det_id]

    def find(self, code: str, name: str, at: object) -> tuple[int | None, str]:
        """(the post's id, "") or (None, why not)."""
        found = self.by_code.get(code)
        if not found:
            return None, tr("Unknown post: {name}", name=code)
        found = [p for p in found if p.detachment_id == self.det_id]
        if not found:
            return None, tr("Post {code} is not one of {detachment}'s.", code=code, detachment=self.det_name)
        # A workbook without a task may hold two tasks' posts of one code: the name, then the time tell.
        if len(found) > 1:
            found = [p for p in found if p.name == name] or found
        if len(found) > 1 and isinstance(at, dt.datetime):
            found = [p for p in found if p.active_from <= at < p.active_to] or found
        if len(found) > 1:
            return None, tr("Post {code} is in two tasks at that time ({names}); export one task with --operation.",
                            code=code, names="、".join(p.operation for p in found))
        return found[0].id, ""


def _span(post, lo: dt.datetime, hi: dt.datetime) -> tuple[dt.datetime, dt.datetime] | None:
    """From the start of the post's first window that starts in [lo, hi) to the end of its last one."""
    handover = post.handover_time.hour * 60 + post.handover_time.minute
    windows = [(a, b) for a, b in post_windows(to_min(post.active_from), to_min(post.active_to), post.rotation,
                                               handover) if to_min(lo) <= a < to_min(hi)]
    if not windows:
        return None
    return from_min(windows[0][0]), from_min(windows[-1][1])


def _placed(shift, ws: dt.datetime, we: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The shift's interval on the day that overlaps the window [ws, we) most (a 夜 in a 24 h window ...)."""
    best = None
    for offset in (-1, 0, 1):
        start = dt.datetime.combine(ws.date() + dt.timedelta(days=offset), shift.start)
        end = start + dt.timedelta(minutes=shift.minutes)
        overlap = min(end, we) - max(start, ws)
        if best is None or overlap > best[0]:
            best = (overlap, start, end)
    return best[1], best[2]
