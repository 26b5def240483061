"""Sub-plans (分方案): submit, approve, return, reopen; frozen versions; the overall plan; diffs.

Each task and detachment has a sub-plan: its posts (the detachment is their responsible one), their
crews and vehicle deployments, with their times. A clerk submits their detachment's (草稿/退回 → 已上报),
which freezes a version: a snapshot of all that, kept as it was. Headquarters approves it (已批准),
which locks those posts, windows, crews and deployments: the database's triggers refuse every write
to them, whoever writes and by whatever route, until headquarters reopens it (→ 草稿). Or it returns
the version with a comment (退回). The overall plan (总体方案) is every detachment's latest submitted or
approved version. Registers, absences and station duty stay open: a firefighter who falls sick during
an approved window is recorded, and the checker shows the problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from rosterapp import access, clock, vocab
from rosterapp.db import PlanLocked
from rosterapp.desk import user_name
from rosterapp.errors import Conflict, NotFound, PermissionDenied, UsageError
from rosterapp.i18n import language, tr
from rosterapp.models import (
    Detachment,
    Duty,
    Operation,
    Person,
    Post,
    Qualification,
    Station,
    SubPlan,
    SubPlanVersion,
    Vehicle,
    VehicleDeployment,
    VehicleType,
)
from rosterapp.models.operations import PostVehicleRequirement, post_qualification
from rosterapp.services.changes import OPERATIONS, Change
from rosterapp.vocab import PLAN_STATE

DRAFT, SUBMITTED, APPROVED, RETURNED = "draft", "submitted", "approved", "returned"
ACTIONS = ("submit", "approve", "return", "reopen")
PLAN_LOCK = 724_417_000_000  # the advisory locks of plan actions: this plus task × 1000 + detachment


def state_label(state: str) -> str:
    zh, en = PLAN_STATE[state]
    from rosterapp.i18n import language

    return zh if language().startswith("zh") else en


# -- who ---------------------------------------------------------------------------------------------

def who(session: Session) -> str:
    """The name an action is recorded under: the server login, or the desk's name on SQLite."""
    if session.get_bind().dialect.name == "postgresql":
        return session.scalar(text("SELECT session_user"))
    return user_name()


def _login(session: Session) -> access.Login | None:
    return access.resolve(session.connection())


def _require_hq(session: Session, action: str) -> None:
    login = _login(session)
    if login is not None and not login.writes_everything:
        raise PermissionDenied(tr("Only headquarters may {action} a sub-plan.", action=_action_word(action)))


def _action_word(action: str) -> str:
    return {"approve": tr("approve"), "return": tr("return"), "reopen": tr("reopen"),
            "submit": tr("submit")}[action]


# -- state -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Status:
    """One detachment's sub-plan of a task, as headquarters sees it at a glance."""

    detachment_id: int
    detachment: str
    state: str
    version: int  # the latest version's number (0: none submitted)
    in_plan: int | None  # the version the overall plan takes (latest submitted or approved), if any
    comment: str
    changed_at: dt.datetime | None
    changed_by: str
    posts: int
    edited_since: bool  # the draft differs from the latest version

    @property
    def locked(self) -> bool:
        return self.state == APPROVED


def sub_plan(session: Session, operation_id: int, detachment_id: int, *, create: bool = False) -> SubPlan | None:
    row = session.scalar(select(SubPlan).where(SubPlan.operation_id == operation_id,
                                               SubPlan.detachment_id == detachment_id))
    if row is None and create:
        row = SubPlan(operation_id=operation_id, detachment_id=detachment_id, state=DRAFT, version=0, comment="",
                      changed_by="")
        session.add(row)
        session.flush()
    return row


def is_locked(session: Session, operation_id: int, detachment_id: int) -> bool:
    row = sub_plan(session, operation_id, detachment_id)
    return row is not None and row.state == APPROVED


def locked_pairs(session: Session) -> set[tuple[int, int]]:
    """(task, detachment) of every approved sub-plan: their posts and staffing may not change."""
    return {(op, det) for op, det in session.execute(select(SubPlan.operation_id, SubPlan.detachment_id)
                                                     .where(SubPlan.state == APPROVED))}


def refuse_locked(session: Session, post_ids: Iterable[int]) -> None:
    """Refuse, before writing, an edit of posts of an approved sub-plan, naming the task and detachment
    (the database refuses it anyway; this says which)."""
    ids = sorted(set(post_ids))
    if not ids:
        return
    row = session.execute(
        select(Operation.name, Detachment.name).select_from(Post)
        .join(SubPlan, (SubPlan.operation_id == Post.operation_id) & (SubPlan.detachment_id == Post.detachment_id))
        .join(Operation, Operation.id == Post.operation_id).join(Detachment, Detachment.id == Post.detachment_id)
        .where(Post.id.in_(ids), SubPlan.state == APPROVED)).first()
    if row is not None:
        raise Locked(row[0], row[1])


class Locked(PlanLocked):
    """An edit of an approved sub-plan's posts, windows, crews or deployments, refused by the services before
    the database would (exit 3), naming the task and the detachment."""

    def __init__(self, operation: str, detachment: str):
        super().__init__(tr("The sub-plan of {detachment} for {operation} is approved, so its posts, windows, crews "
                            "and deployments are locked; headquarters must reopen it first.",
                            detachment=detachment, operation=operation))


def versions(session: Session, operation_id: int, detachment_id: int) -> list[SubPlanVersion]:
    return list(session.scalars(select(SubPlanVersion).where(
        SubPlanVersion.operation_id == operation_id, SubPlanVersion.detachment_id == detachment_id)
        .order_by(SubPlanVersion.number)))


def version(session: Session, operation_id: int, detachment_id: int, number: int) -> SubPlanVersion:
    row = session.scalar(select(SubPlanVersion).where(
        SubPlanVersion.operation_id == operation_id, SubPlanVersion.detachment_id == detachment_id,
        SubPlanVersion.number == number))
    if row is None:
        raise NotFound(tr("This sub-plan has no version {number}.", number=number))
    return row


def in_plan(session: Session, operation_id: int, detachment_id: int) -> SubPlanVersion | None:
    """The version the overall plan takes: the latest submitted or approved one."""
    return session.scalar(select(SubPlanVersion).where(
        SubPlanVersion.operation_id == operation_id, SubPlanVersion.detachment_id == detachment_id,
        SubPlanVersion.state.in_((SUBMITTED, APPROVED))).order_by(SubPlanVersion.number.desc()).limit(1))


def overview(session: Session, operation_id: int, detachment_ids: Iterable[int] | None = None) -> list[Status]:
    """Every detachment's sub-plan of the task (those without a post too), in the detachments' order; only
    those of ``detachment_ids`` when given (the window reads again those whose posts just changed).

    Only a sub-plan with a version is read whole (its draft compared with the version): the others' posts
    are counted, which keeps the window's glance at a task of the city cheap until versions are submitted.
    """
    query = select(Detachment).order_by(Detachment.sort_order, Detachment.id)
    if detachment_ids is not None:
        query = query.where(Detachment.id.in_(set(detachment_ids)))
    out = []
    for det in session.scalars(query):
        row = sub_plan(session, operation_id, det.id)
        taken = in_plan(session, operation_id, det.id)
        latest = (session.scalar(select(SubPlanVersion.snapshot).where(
            SubPlanVersion.operation_id == operation_id, SubPlanVersion.detachment_id == det.id,
            SubPlanVersion.number == row.version)) if row is not None and row.version else None)
        if latest is not None:
            current = snapshot(session, operation_id, det.id)
            posts, edited = len(current["posts"]), changed_since(latest, current)
        else:
            posts, edited = session.scalar(select(func.count()).select_from(Post).where(
                Post.operation_id == operation_id, Post.detachment_id == det.id)), False
        out.append(Status(
            detachment_id=det.id, detachment=det.name, state=row.state if row else DRAFT,
            version=row.version if row else 0, in_plan=taken.number if taken else None,
            comment=row.comment if row else "", changed_at=row.changed_at if row else None,
            changed_by=row.changed_by if row else "", posts=posts, edited_since=edited))
    return out


# -- the actions ---------------------------------------------------------------------------------------

def act(session: Session, action: str, operation_id: int, detachment_id: int, comment: str = "") -> Change:
    """``plan submit|approve|return|reopen``: the state moves on, or a Conflict says why it cannot."""
    if action not in ACTIONS:
        raise UsageError(tr("Unknown plan action: {action}", action=action))
    if action != "submit":
        _require_hq(session, action)
    if session.get_bind().dialect.name == "postgresql":
        # Two desks acting on one sub-plan at once take turns (SQLite's writers already do): the second reads
        # the state and version number the first left, instead of both making the same version.
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                        {"key": PLAN_LOCK + operation_id * 1000 + detachment_id})
    row = sub_plan(session, operation_id, detachment_id, create=True)
    now, name = clock.now(), who(session)
    state = row.state
    if action == "submit":
        if state == APPROVED:
            raise Conflict(tr("This sub-plan is approved; headquarters must reopen it before it is submitted again."))
        current = snapshot(session, operation_id, detachment_id)
        if not current["posts"]:
            raise Conflict(tr("This detachment has no post in this task: there is nothing to submit."))
        row.version += 1
        session.add(SubPlanVersion(operation_id=operation_id, detachment_id=detachment_id, number=row.version,
                                   state=SUBMITTED, submitted_at=now, submitted_by=name, decided_by="",
                                   comment=comment, snapshot=current))
        row.state, row.comment = SUBMITTED, comment
    elif action == "approve":
        if state != SUBMITTED:
            raise Conflict(tr("Only a submitted sub-plan can be approved; this one is {state}.",
                              state=state_label(state)))
        latest = version(session, operation_id, detachment_id, row.version)
        if changed_since(latest.snapshot, snapshot(session, operation_id, detachment_id)):
            raise Conflict(tr("The detachment changed its sub-plan after submitting version {number}; it must "
                              "submit it again before it can be approved.", number=row.version))
        latest.state, latest.decided_at, latest.decided_by, latest.comment = APPROVED, now, name, comment
        row.state, row.comment = APPROVED, comment
    elif action == "return":
        if state != SUBMITTED:
            raise Conflict(tr("Only a submitted sub-plan can be returned; this one is {state}.",
                              state=state_label(state)))
        if not comment.strip():
            raise UsageError(tr("Say why the sub-plan is returned (--comment)."))
        latest = version(session, operation_id, detachment_id, row.version)
        latest.state, latest.decided_at, latest.decided_by, latest.comment = RETURNED, now, name, comment
        row.state, row.comment = RETURNED, comment
    else:  # reopen
        if state not in (APPROVED, SUBMITTED):
            raise Conflict(tr("Only an approved or submitted sub-plan can be reopened; this one is {state}.",
                              state=state_label(state)))
        row.state, row.comment = DRAFT, comment
    row.changed_at, row.changed_by = now, name
    session.flush()
    return Change(registers=frozenset({OPERATIONS}))


# -- snapshots ---------------------------------------------------------------------------------------

def _minute(value: dt.datetime | None) -> str | None:
    return value.strftime("%Y-%m-%dT%H:%M") if value is not None else None


def _plan_of(snap: dict[str, Any]) -> dict[str, Any]:
    """A snapshot without the names it shows (a person renamed in the register changes no plan)."""
    return {code: {**post, "crew": [{k: v for k, v in c.items() if k != "name"} for c in post.get("crew", [])]}
            for code, post in snap.get("posts", {}).items()}


def changed_since(version_snapshot: dict[str, Any], current: dict[str, Any]) -> bool:
    """Whether the draft differs from a version: its posts, crews (by staff number), vehicles or times."""
    return _plan_of(version_snapshot) != _plan_of(current)


def snapshot(session: Session, operation_id: int, detachment_id: int) -> dict[str, Any]:
    """The detachment's sub-plan of the task as it stands: {"posts": {code: post}}, each post with its
    fields, the vehicles it requires, its crews (by staff number) and its vehicles (by plate), with times
    to the minute. Plain JSON, as a version keeps it."""
    posts = list(session.execute(
        select(Post, Station.name).outerjoin(Station, Station.id == Post.station_id)
        .where(Post.operation_id == operation_id, Post.detachment_id == detachment_id).order_by(Post.code)))
    ids = [p.id for p, _s in posts]
    out: dict[str, Any] = {}
    if not ids:
        return {"posts": out}
    needs: dict[int, dict[str, int]] = {}
    for post_id, type_code, count in session.execute(
            select(PostVehicleRequirement.post_id, VehicleType.code, PostVehicleRequirement.count)
            .join(VehicleType, VehicleType.id == PostVehicleRequirement.vehicle_type_id)
            .where(PostVehicleRequirement.post_id.in_(ids))):
        needs.setdefault(post_id, {})[type_code] = count
    quals: dict[int, list[str]] = {}
    for post_id, qname in session.execute(
            select(post_qualification.c.post_id, Qualification.name)
            .join(Qualification, Qualification.id == post_qualification.c.qualification_id)
            .where(post_qualification.c.post_id.in_(ids))):
        quals.setdefault(post_id, []).append(qname)
    crews: dict[int, list[dict[str, Any]]] = {}
    plate = Vehicle.plate
    for post_id, staff_no, pname, start, end, role, vplate in session.execute(
            select(Duty.post_id, Person.staff_no, Person.name, Duty.start, Duty.end, Duty.role, plate)
            .join(Person, Person.id == Duty.person_id).outerjoin(Vehicle, Vehicle.id == Duty.vehicle_id)
            .where(Duty.post_id.in_(ids)).order_by(Duty.start, Person.staff_no)):
        crews.setdefault(post_id, []).append({"staff_no": staff_no, "name": pname, "start": _minute(start),
                                              "end": _minute(end), "role": role or "", "vehicle": vplate or ""})
    fleet: dict[int, list[dict[str, Any]]] = {}
    for post_id, vplate, start, end in session.execute(
            select(VehicleDeployment.post_id, plate, VehicleDeployment.start, VehicleDeployment.end)
            .join(Vehicle, Vehicle.id == VehicleDeployment.vehicle_id)
            .where(VehicleDeployment.post_id.in_(ids)).order_by(VehicleDeployment.start, plate)):
        fleet.setdefault(post_id, []).append({"plate": vplate, "start": _minute(start), "end": _minute(end)})
    for post, station in posts:
        out[post.code] = {
            "name": post.name, "post_type": post.post_type, "duty_mode": post.duty_mode, "station": station or "",
            "address": post.address, "radio_channel": post.radio_channel, "arrival_minutes": post.arrival_minutes,
            "active_from": _minute(post.active_from), "active_to": _minute(post.active_to),
            "rotation": post.rotation, "handover_time": post.handover_time.strftime("%H:%M"),
            "min_people": post.min_people, "needs_commander": post.needs_commander, "remarks": post.remarks,
            "vehicles_required": dict(sorted(needs.get(post.id, {}).items())),
            "qualifications": sorted(quals.get(post.id, [])),
            "crew": crews.get(post.id, []), "vehicles": fleet.get(post.id, []),
        }
    return {"posts": out}


# -- diffs -------------------------------------------------------------------------------------------

POST_FIELDS = {
    "name": "点位名称", "post_type": "点位类型", "duty_mode": "勤务方式", "station": "出动站", "address": "地址",
    "radio_channel": "通信频道", "arrival_minutes": "到场时间", "active_from": "开始", "active_to": "结束",
    "rotation": "轮换", "handover_time": "交接时间", "min_people": "人数", "needs_commander": "带队指挥员",
    "remarks": "备注", "vehicles_required": "所需车辆", "qualifications": "资质要求",
}


@dataclass(frozen=True)
class DiffLine:
    """One difference between two versions: ``kind`` added/removed/changed, ``what`` post/person/vehicle,
    the post's code, the subject (the post field, the person or the vehicle) and the text before and after."""

    kind: str
    what: str
    post: str
    subject: str
    before: str = ""
    after: str = ""


def _window(item: dict[str, Any]) -> str:
    return f"{item['start'][5:].replace('T', ' ')}–{item['end'][5:].replace('T', ' ')}"


def _text(value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict):
        return "、".join(f"{k}×{v}" for k, v in value.items())
    if isinstance(value, list):
        return "、".join(map(str, value))
    return str(value).replace("T", " ")


def diff(before: dict[str, Any], after: dict[str, Any]) -> list[DiffLine]:
    """What changed from ``before`` to ``after`` (two snapshots): posts, people, vehicles and times."""
    out: list[DiffLine] = []
    old, new = before.get("posts", {}), after.get("posts", {})
    for code in sorted(set(old) | set(new)):
        a, b = old.get(code), new.get(code)
        if a is None:
            out.append(DiffLine("added", "post", code, b["name"], "", _post_summary(b)))
        elif b is None:
            out.append(DiffLine("removed", "post", code, a["name"], _post_summary(a), ""))
        else:
            for column, label in POST_FIELDS.items():
                if a.get(column) != b.get(column):
                    out.append(DiffLine("changed", "post", code, label, _text(a.get(column)), _text(b.get(column))))
        out.extend(_members(code, (a or {}).get("crew", []), (b or {}).get("crew", []), "person", "staff_no"))
        out.extend(_members(code, (a or {}).get("vehicles", []), (b or {}).get("vehicles", []), "vehicle", "plate"))
    return out


def _post_summary(post: dict[str, Any]) -> str:
    return (f"{_text(post['active_from'])}–{_text(post['active_to'])}，{len(post['crew'])} 人次，"
            f"{len(post['vehicles'])} 车次")


def _members(code: str, before: list[dict], after: list[dict], what: str, key: str) -> list[DiffLine]:
    """The people (or vehicles) of a post: who came, who went, whose windows moved."""
    def by_key(items):
        out: dict[str, list[dict]] = {}
        for item in items:
            out.setdefault(item[key], []).append(item)
        return out

    def shown(item):
        extra = ""
        if what == "person" and (item.get("role") or item.get("vehicle")):
            role = vocab.label(vocab.CREW_ROLE, item.get("role") or None, language())  # 指挥员, not "commander"
            extra = "（" + "，".join(x for x in (role, item.get("vehicle")) if x) + "）"
        return _window(item) + extra

    old, new = by_key(before), by_key(after)
    lines = []
    for k in sorted(set(old) | set(new)):
        a, b = old.get(k, []), new.get(k, [])
        name = (a or b)[0].get("name", k) if what == "person" else k
        subject = f"{name}（{k}）" if what == "person" else k
        if not a:
            lines.append(DiffLine("added", what, code, subject, "", "；".join(map(shown, b))))
        elif not b:
            lines.append(DiffLine("removed", what, code, subject, "；".join(map(shown, a)), ""))
        else:
            gone = [x for x in a if x not in b]
            came = [x for x in b if x not in a]
            if gone or came:
                lines.append(DiffLine("changed", what, code, subject, "；".join(map(shown, gone)) or "—",
                                      "；".join(map(shown, came)) or "—"))
    return lines


def compare(session: Session, operation_id: int, detachment_id: int, from_version: int | None = None,
            to_version: int | None = None) -> tuple[str, str, list[DiffLine]]:
    """The diff of two versions (default: the latest submitted version against the current draft), with
    the names of both sides ("第 2 版", "当前草稿")."""
    row = sub_plan(session, operation_id, detachment_id)
    if from_version is None:
        if row is None or row.version == 0:
            raise Conflict(tr("This sub-plan has no submitted version yet to compare with."))
        from_version = row.version
    left = version(session, operation_id, detachment_id, from_version).snapshot
    if to_version is None:
        right, right_name = snapshot(session, operation_id, detachment_id), tr("current draft")
    else:
        right, right_name = version(session, operation_id, detachment_id, to_version).snapshot, \
            tr("version {number}", number=to_version)
    return tr("version {number}", number=from_version), right_name, diff(left, right)


def kind_label(kind: str) -> str:
    return {"added": tr("added"), "removed": tr("removed"), "changed": tr("changed")}[kind]


def what_label(what: str) -> str:
    return {"post": tr("post"), "person": tr("person"), "vehicle": tr("vehicle")}[what]


def status_table(statuses: list[Status]) -> tuple[list[str], list[list[str]]]:
    """Headquarters' glance at a task: one row per detachment."""
    headers = [tr("detachment"), tr("state"), tr("version"), tr("in the overall plan"), tr("posts"),
               tr("edited since"), tr("changed"), tr("comment")]
    rows = [[s.detachment, state_label(s.state), str(s.version or "—"), str(s.in_plan or "—"), str(s.posts),
             tr("yes") if s.edited_since else "", f"{s.changed_at:%Y-%m-%d %H:%M} {s.changed_by}" if s.changed_at
             else "", s.comment] for s in statuses]
    return headers, rows


def status_json(s: Status) -> dict[str, Any]:
    return {"detachment": s.detachment, "state": s.state, "version": s.version, "in_plan": s.in_plan,
            "posts": s.posts, "edited_since": s.edited_since, "comment": s.comment,
            "changed_at": s.changed_at.isoformat(timespec="minutes") if s.changed_at else None,
            "changed_by": s.changed_by}
