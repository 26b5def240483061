"""`import plan`: a detachment's sub-plan workbook replaces its staffing of the task's posts, all or nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import and_, delete, insert, or_, select
from sqlalchemy.orm import Session

from rosterapp.errors import FieldError
from rosterapp.i18n import tr
from rosterapp.models import Detachment, Duty, Operation, Person, Post, Station, Vehicle, VehicleDeployment
from rosterapp.services.excel import common as c
from rosterapp.services.excel.common import (
    ADDED,
    CHANGED,
    REMOVED,
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
    load_shifts,
    window_shift,
)
from rosterapp.services.excel.hq_reading import read_hq

DAY = dt.timedelta(days=1)


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

    def detail_lines(self) -> list[str]:
        """One line per duty or deployment added, changed or removed."""
        return [c.text() for c in self.changes]

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


def import_plan(session: Session, path: Path, *, dry_run: bool = False) -> PlanImportResult:
    """Replace one detachment's staffing of an operation's posts, and its deployments, in the workbook's dates."""
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
    op = session.execute(select(Operation.id, Operation.name).where(Operation.name == book.operation)).first() \
        if book.operation else None
    if op is None:
        raise ImportRejected(FieldError("A", tr("Unknown operation: {name}", name=book.operation or "—"), 1),
                             source=str(path))
    posts = {code: (pid, det_id) for pid, code, det_id in session.execute(
        select(Post.id, Post.code, Post.detachment_id).where(Post.operation_id == op.id))}
    people, person_names = {}, {}
    for pid, staff, name in session.execute(select(Person.id, Person.staff_no, Person.name)):
        people[staff] = pid
        person_names[pid] = (name, staff)
    vehicles = {plate: (vid, sid) for vid, plate, sid in session.execute(
        select(Vehicle.id, Vehicle.plate, Vehicle.station_id))}
    stations = {name: (sid, det_id) for sid, name, det_id in session.execute(
        select(Station.id, Station.name, Station.detachment_id))}
    shifts = load_shifts(session)
    shift_by_code = {s.code: s for s in shifts}
    lo = dt.datetime.combine(book.first, dt.time())
    hi = dt.datetime.combine(book.last + DAY, dt.time())

    def bad(sheet_headers: list[str], header: str, number: int, reason: str, sheet: str) -> None:
        errors.append(FieldError(f"{_col(sheet_headers, header)} ({sheet})", reason, number))

    # 点位方案: one row per post and shift window, its people grouped by vehicle.
    H = c.POST_HEADERS
    duties: dict[tuple, dict] = {}
    window_end = hi
    for number, values in book.post_rows:
        row = dict(zip(H, values, strict=True))
        post = posts.get(str(row["点位编号"] or ""))
        if post is None:
            bad(H, "点位编号", number, tr("Unknown post: {name}", name=row["点位编号"]), c.POSTS)
            continue
        if post[1] != det.id:
            bad(H, "点位编号", number, tr("Post {code} is not one of {detachment}'s.", code=row["点位编号"],
                                         detachment=det_name), c.POSTS)
            continue
        ws, we = row["开始"], row["结束"]
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
        window_end = max(window_end, we)
        for plate in c.split_list(str(row["车辆"] or "")):
            if plate not in vehicles:
                bad(H, "车辆", number, tr("Unknown vehicle: {name}", name=plate), c.POSTS)
        usual = window_shift(shifts, ws, we)
        for group in str(row["人员"] or "").split(GROUP_SEPARATOR):
            if not group.strip():
                continue
            plate, mark, entries = group.rpartition(PLATE_MARK)
            vehicle_id = None
            if mark:
                vehicle = vehicles.get(plate.strip())
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
                duties[person_id, post[0], start, end] = {
                    "person_id": person_id, "post_id": post[0], "station_id": None, "vehicle_id": vehicle_id,
                    "role": role, "shift_type_id": shift.id, "start": start, "end": end}

    # 车辆部署: one row per vehicle deployment.
    H = c.DEPLOYMENT_HEADERS
    deployments = []
    for number, values in book.deployment_rows:
        row = dict(zip(H, values, strict=True))
        vehicle = vehicles.get(str(row["车牌号"] or ""))
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
        if not lo <= start < hi:
            bad(H, "开始", number, tr("Outside the workbook's dates {first} to {last}.", first=book.first,
                                     last=book.last), c.DEPLOYMENTS)
            continue
        place = str(row["部署位置"] or "")
        code = place.split(" ", 1)[0]
        post_id = station_id = None
        if code in posts and posts[code][1] == det.id:
            post_id = posts[code][0]
        elif place in stations:
            station_id = stations[place][0]
        else:
            bad(H, "部署位置", number, tr("Neither a post of {detachment} nor a station: {name}",
                                      detachment=det_name, name=place), c.DEPLOYMENTS)
            continue
        deployments.append({"vehicle_id": vehicle[0], "post_id": post_id, "station_id": station_id,
                            "start": start, "end": end})
    if errors:
        raise ImportRejected(errors, source=str(path))

    det_posts = [pid for pid, det_id in posts.values() if det_id == det.id]
    det_stations = [sid for sid, det_id in stations.values() if det_id == det.id]
    det_vehicles = select(Vehicle.id).where(Vehicle.station_id.in_(det_stations))
    old_duties = and_(Duty.post_id.in_(det_posts), Duty.end > lo, Duty.start < window_end)
    old_deployments = and_(VehicleDeployment.start >= lo, VehicleDeployment.start < hi, or_(
        VehicleDeployment.post_id.in_(det_posts),
        and_(VehicleDeployment.station_id.is_not(None), VehicleDeployment.vehicle_id.in_(det_vehicles))))
    old_duty_rows = session.execute(select(Duty.person_id, Duty.post_id, Duty.start, Duty.end, Duty.vehicle_id,
                                           Duty.role, Duty.shift_type_id).where(old_duties)).all()
    old_deployment_rows = session.execute(select(
        VehicleDeployment.vehicle_id, VehicleDeployment.start, VehicleDeployment.end, VehicleDeployment.post_id,
        VehicleDeployment.station_id).where(old_deployments)).all()
    replaced_duties = len(old_duty_rows)
    replaced_deployments = len(old_deployment_rows)
    names = _PlanNames(person_names, posts, vehicles, stations, shifts)
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
    return PlanImportResult(det_name, op.name, book.first, book.last, len(duties), len(deployments),
                            replaced_duties, replaced_deployments, dry_run, changes)


class _PlanNames:
    """Ids back to what the workbook shows: people, post codes, plates, stations, shift codes, roles."""

    def __init__(self, person_names: dict, posts: dict, vehicles: dict, stations: dict, shifts: list):
        self.person = person_names
        self.post = {pid: code for code, (pid, _det) in posts.items()}
        self.plate = {vid: plate for plate, (vid, _sid) in vehicles.items()}
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
