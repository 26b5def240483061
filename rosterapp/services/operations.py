"""Security tasks (保卫任务) and their standby posts: create, edit, delete, list and copy."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from rosterapp import vocab
from rosterapp.errors import FieldError
from rosterapp.i18n import tr
from rosterapp.models import (
    Detachment,
    Duty,
    Operation,
    Post,
    PostVehicleRequirement,
    Qualification,
    RuleSetting,
    Station,
    VehicleDeployment,
    VehicleType,
    post_qualification,
)
from rosterapp.services.changes import Change
from rosterapp.services.dutyday import day_end, day_start
from rosterapp.services.subplans import refuse_locked
from rosterapp.services.validation import (
    ADDRESS_MAX,
    NAME_MAX,
    POST_CODE_MAX,
    RADIO_CHANNEL_MAX,
    REMARKS_MAX,
    check_code,
    check_days,
    check_interval,
    check_length,
    check_ref,
    clean_code,
    clean_name,
    clean_text,
    get_or_not_found,
    is_whole,
    length_reason,
    raise_if,
)


@dataclass(frozen=True, kw_only=True)
class OperationData:
    name: str
    start_date: dt.date
    end_date: dt.date
    readiness: str = "level3"
    remarks: str = ""


@dataclass(frozen=True)
class OperationRow:
    id: int
    name: str
    start_date: dt.date
    end_date: dt.date
    readiness: str
    remarks: str


@dataclass(frozen=True, kw_only=True)
class PostData:
    """What a sub-plan row says about a post; vehicle_requirements are (vehicle_type_id, count)."""

    operation_id: int
    code: str
    name: str
    post_type: str
    duty_mode: str
    detachment_id: int
    station_id: int | None = None
    address: str = ""
    radio_channel: str = ""
    arrival_minutes: int | None = None
    active_from: dt.datetime
    active_to: dt.datetime
    rotation: str = "24h"
    handover_time: dt.time = dt.time(8, 0)
    min_people: int = 0
    needs_commander: bool = True
    remarks: str = ""
    vehicle_requirements: tuple[tuple[int, int], ...] = ()
    required_qualification_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class PostRow:
    """A post as the sub-plan table lists it; vehicles are (vehicle type name, count)."""

    id: int
    operation_id: int
    code: str
    name: str
    post_type: str
    duty_mode: str
    detachment_id: int
    detachment: str
    station_id: int | None
    station: str | None
    address: str
    radio_channel: str
    arrival_minutes: int | None
    active_from: dt.datetime
    active_to: dt.datetime
    rotation: str
    handover_time: dt.time
    min_people: int
    needs_commander: bool
    remarks: str
    vehicles: tuple[tuple[str, int], ...]
    qualifications: tuple[str, ...]


# Operations.

def _operation_values(session: Session, data: OperationData, operation_id: int | None) -> dict[str, Any]:
    errors: list[FieldError] = []
    name = clean_name(data.name)
    remarks = clean_text(data.remarks)
    if not name:
        errors.append(FieldError("name", tr("{field} must not be empty.", field=tr("operation name"))))
    elif length_reason(name, NAME_MAX, "operation name"):
        check_length(errors, "name", name, NAME_MAX, "operation name")
    else:
        holder = session.scalar(select(Operation.id).where(Operation.name == name))
        if holder is not None and holder != operation_id:
            errors.append(FieldError("name", tr("An operation named {value} already exists.", value=name)))
    days_ok = check_days(errors, "start_date", data.start_date) & check_days(errors, "end_date", data.end_date)
    if days_ok and data.end_date < data.start_date:
        errors.append(FieldError("end_date", tr("The range ends before it starts.")))
    check_code(errors, "readiness", vocab.READINESS, data.readiness, "Unknown readiness level: {name}")
    check_length(errors, "remarks", remarks, REMARKS_MAX, "remarks")
    raise_if(errors)
    return dict(name=name, start_date=data.start_date, end_date=data.end_date, readiness=data.readiness,
                remarks=remarks)


def list_operations(session: Session) -> list[OperationRow]:
    query = select(Operation.id, Operation.name, Operation.start_date, Operation.end_date,
                   Operation.readiness, Operation.remarks).order_by(Operation.start_date, Operation.id)
    return [OperationRow(*r) for r in session.execute(query)]


def get_operation(session: Session, operation_id: int) -> OperationData:
    op = get_or_not_found(session, Operation, operation_id, "Unknown operation: {name}")
    return OperationData(name=op.name, start_date=op.start_date, end_date=op.end_date,
                         readiness=op.readiness, remarks=op.remarks)


def create_operation(session: Session, data: OperationData) -> int:
    op = Operation(**_operation_values(session, data, None))
    session.add(op)
    session.flush()
    return op.id


def update_operation(session: Session, operation_id: int, data: OperationData) -> None:
    op = get_or_not_found(session, Operation, operation_id, "Unknown operation: {name}")
    for key, value in _operation_values(session, data, operation_id).items():
        setattr(op, key, value)
    session.flush()


def _staffing_change(session: Session, post_filter) -> Change:
    """What deleting the posts matched by ``post_filter`` takes with them (their duties, deployments)."""
    duties = session.execute(select(Duty.person_id, Duty.vehicle_id, Duty.post_id, Duty.start, Duty.end)
                             .join(Post, Post.id == Duty.post_id).where(post_filter))
    deployments = session.execute(
        select(VehicleDeployment.vehicle_id, VehicleDeployment.post_id, VehicleDeployment.start,
               VehicleDeployment.end)
        .join(Post, Post.id == VehicleDeployment.post_id).where(post_filter))
    posts = session.scalars(select(Post.id).where(post_filter))
    return Change.of_entries([*duties, *((None, *d) for d in deployments)]).union(
        Change(posts=frozenset(posts)))


def delete_operation(session: Session, operation_id: int) -> Change:
    """Delete an operation with its posts and their staffing; returns what the staffing touched."""
    op = get_or_not_found(session, Operation, operation_id, "Unknown operation: {name}")
    change = _staffing_change(session, Post.operation_id == operation_id)
    session.delete(op)
    session.flush()
    return change


# Posts.

def _post_values(session: Session, data: PostData,
                 post_id: int | None) -> tuple[dict[str, Any], list[Qualification]]:
    errors: list[FieldError] = []
    code = clean_code(data.code)
    name = clean_name(data.name)
    if not check_days(errors, "active_from", data.active_from, data.active_to):
        raise_if(errors)
    active_from, active_to = day_start(data.active_from), day_end(data.active_to)
    check_ref(session, errors, "operation_id", Operation, data.operation_id, "Unknown operation: {name}",
              required_label="operation")
    if not code:
        errors.append(FieldError("code", tr("{field} must not be empty.", field=tr("post code"))))
    elif length_reason(code, POST_CODE_MAX, "post code"):
        check_length(errors, "code", code, POST_CODE_MAX, "post code")
    else:
        holder = session.scalar(
            select(Post.id).where(Post.operation_id == data.operation_id, Post.code == code))
        if holder is not None and holder != post_id:
            errors.append(FieldError("code", tr("Post code {value} already exists in this operation.",
                                                value=code)))
    if not name:
        errors.append(FieldError("name", tr("{field} must not be empty.", field=tr("post name"))))
    check_length(errors, "name", name, NAME_MAX, "post name")
    address, radio_channel, remarks = clean_text(data.address), clean_text(data.radio_channel), clean_text(data.remarks)
    check_length(errors, "address", address, ADDRESS_MAX, "address")
    check_length(errors, "radio_channel", radio_channel, RADIO_CHANNEL_MAX, "radio channel")
    check_length(errors, "remarks", remarks, REMARKS_MAX, "remarks")
    check_code(errors, "post_type", vocab.POST_TYPE, data.post_type, "Unknown post type: {name}")
    check_code(errors, "duty_mode", vocab.DUTY_MODE, data.duty_mode, "Unknown duty mode: {name}")
    check_code(errors, "rotation", vocab.ROTATION, data.rotation, "Unknown rotation: {name}")
    check_ref(session, errors, "detachment_id", Detachment, data.detachment_id, "Unknown detachment: {name}",
              required_label="detachment")
    check_ref(session, errors, "station_id", Station, data.station_id, "Unknown station: {name}")
    check_interval(errors, active_from, active_to)
    if data.arrival_minutes is not None and not is_whole(data.arrival_minutes, 1):
        errors.append(FieldError("arrival_minutes",
                                 tr("The arrival time must be a whole number of minutes above zero.")))
    if not is_whole(data.min_people, 0):
        errors.append(FieldError("min_people", tr("The minimum number of people must not be negative.")))
    seen: set[int] = set()
    for type_id, count in data.vehicle_requirements:
        field = "vehicle_requirements"
        check_ref(session, errors, field, VehicleType, type_id, "Unknown vehicle type: {name}")
        if type_id in seen:
            type_name = _type_name(session, type_id)
            errors.append(FieldError(field, tr("Vehicle type {name} is listed twice.", name=type_name)))
        seen.add(type_id)
        if not is_whole(count, 1):
            errors.append(FieldError(field, tr("Each vehicle type needs a count of at least 1.")))
    wanted = set(data.required_qualification_ids)
    quals = list(session.scalars(select(Qualification).where(Qualification.id.in_(wanted)))) if wanted else []
    for missing in sorted(wanted - {q.id for q in quals}):
        errors.append(FieldError("required_qualification_ids",
                                 tr("Unknown qualification: {name}", name=missing)))
    raise_if(errors)
    values = dict(
        operation_id=data.operation_id, code=code, name=name, post_type=data.post_type,
        duty_mode=data.duty_mode, detachment_id=data.detachment_id, station_id=data.station_id,
        address=address, radio_channel=radio_channel,
        arrival_minutes=data.arrival_minutes, active_from=active_from, active_to=active_to,
        rotation=data.rotation, handover_time=data.handover_time, min_people=data.min_people,
        needs_commander=data.needs_commander, remarks=remarks,
    )
    return values, quals


def _type_name(session: Session, type_id: int) -> str:
    vtype = session.get(VehicleType, type_id)
    return vtype.name if vtype is not None else str(type_id)


def _set_requirements(post: Post, requirements: tuple[tuple[int, int], ...]) -> None:
    # Existing rows are updated in place: the unit of work inserts before it deletes, so dropping
    # and re-adding a type would break the (post, vehicle type) unique constraint.
    wanted = dict(requirements)
    for req in list(post.vehicle_requirements):
        if req.vehicle_type_id in wanted:
            req.count = wanted.pop(req.vehicle_type_id)
        else:
            post.vehicle_requirements.remove(req)
    for type_id, count in wanted.items():
        post.vehicle_requirements.append(PostVehicleRequirement(vehicle_type_id=type_id, count=count))


def list_posts(session: Session, operation_id: int) -> list[PostRow]:
    """The posts of an operation in code order, in three queries."""
    get_or_not_found(session, Operation, operation_id, "Unknown operation: {name}")
    vehicles: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for post_id, type_name, count in session.execute(
        select(PostVehicleRequirement.post_id, VehicleType.name, PostVehicleRequirement.count)
        .join(VehicleType, VehicleType.id == PostVehicleRequirement.vehicle_type_id)
        .join(Post, Post.id == PostVehicleRequirement.post_id)
        .where(Post.operation_id == operation_id)
        .order_by(PostVehicleRequirement.post_id, VehicleType.id)
    ):
        vehicles[post_id].append((type_name, count))
    quals: dict[int, list[str]] = defaultdict(list)
    pq = post_qualification.c
    for post_id, qual in session.execute(
        select(pq.post_id, Qualification.name)
        .join(Qualification, Qualification.id == pq.qualification_id)
        .join(Post, Post.id == pq.post_id)
        .where(Post.operation_id == operation_id)
        .order_by(pq.post_id, Qualification.id)
    ):
        quals[post_id].append(qual)
    rows = session.execute(
        select(Post.id, Post.operation_id, Post.code, Post.name, Post.post_type, Post.duty_mode,
               Post.detachment_id, Detachment.name.label("detachment"), Post.station_id,
               Station.name.label("station"), Post.address, Post.radio_channel, Post.arrival_minutes,
               Post.active_from, Post.active_to, Post.rotation, Post.handover_time, Post.min_people,
               Post.needs_commander, Post.remarks)
        .join(Detachment, Detachment.id == Post.detachment_id)
        .outerjoin(Station, Station.id == Post.station_id)
        .where(Post.operation_id == operation_id)
        .order_by(Post.code)
    )
    return [PostRow(*r, tuple(vehicles.get(r.id, ())), tuple(quals.get(r.id, ()))) for r in rows]


def _post_data(post: Post) -> PostData:
    return PostData(
        operation_id=post.operation_id, code=post.code, name=post.name, post_type=post.post_type,
        duty_mode=post.duty_mode, detachment_id=post.detachment_id, station_id=post.station_id,
        address=post.address, radio_channel=post.radio_channel, arrival_minutes=post.arrival_minutes,
        active_from=post.active_from, active_to=post.active_to, rotation=post.rotation,
        handover_time=post.handover_time, min_people=post.min_people, needs_commander=post.needs_commander,
        remarks=post.remarks,
        vehicle_requirements=tuple(sorted((r.vehicle_type_id, r.count) for r in post.vehicle_requirements)),
        required_qualification_ids=tuple(sorted(q.id for q in post.required_qualifications)),
    )


def get_post(session: Session, post_id: int) -> PostData:
    return _post_data(get_or_not_found(session, Post, post_id, "Unknown post: {name}"))


def create_post(session: Session, data: PostData) -> int:
    values, quals = _post_values(session, data, None)
    post = Post(**values, required_qualifications=quals)
    _set_requirements(post, data.vehicle_requirements)
    session.add(post)
    session.flush()
    return post.id


def update_post(session: Session, post_id: int, data: PostData) -> None:
    post = get_or_not_found(session, Post, post_id, "Unknown post: {name}")
    refuse_locked(session, [post_id])  # an approved sub-plan's post: say which, write nothing
    values, quals = _post_values(session, data, post_id)
    for key, value in values.items():
        setattr(post, key, value)
    post.required_qualifications = quals
    _set_requirements(post, data.vehicle_requirements)
    session.flush()


def delete_post(session: Session, post_id: int) -> Change:
    """Delete a post with its staffing (duties and deployments); returns what they touched."""
    post = get_or_not_found(session, Post, post_id, "Unknown post: {name}")
    refuse_locked(session, [post_id])
    change = _staffing_change(session, Post.id == post_id)
    session.delete(post)
    session.flush()
    return change


def copy_operation(session: Session, source_id: int, new_name: str, new_start_date: dt.date) -> int:
    """A new operation planned from an old one (next year's 两会 from this year's).

    Posts, their requirements and the operation's own rule thresholds are copied, with every date
    shifted by the same number of days; staffing is not: people and vehicles are planned anew.
    """
    source = get_or_not_found(session, Operation, source_id, "Unknown operation: {name}")
    shift = new_start_date - source.start_date
    new_id = create_operation(session, OperationData(
        name=new_name, start_date=new_start_date, end_date=source.end_date + shift,
        readiness=source.readiness, remarks=source.remarks))
    for post in source.posts:
        create_post(session, replace(_post_data(post), operation_id=new_id,
                                     active_from=post.active_from + shift, active_to=post.active_to + shift))
    for setting in session.scalars(select(RuleSetting).where(RuleSetting.operation_id == source_id)):
        session.add(RuleSetting(key=setting.key, value=setting.value, operation_id=new_id))
    session.flush()
    return new_id


def new_post_defaults(session: Session, operation_id: int, detachment_id: int | None) -> PostData:
    """What a new post of a task starts as: the next free code Q-nn, a delegates' hotel stationed 24 h over
    the whole task, for the detachment chosen (else the first), handover to handover."""
    op = get_or_not_found(session, Operation, operation_id, "Unknown operation: {name}")
    codes = set(session.scalars(select(Post.code).where(Post.operation_id == operation_id)))
    n = 1
    while f"Q-{n:02d}" in codes:
        n += 1
    if detachment_id is None:
        detachment_id = session.scalar(select(Detachment.id).order_by(Detachment.sort_order, Detachment.id))
    return PostData(operation_id=operation_id, code=f"Q-{n:02d}", name="", post_type="hotel",
                    duty_mode="stationed", detachment_id=detachment_id or 0,
                    active_from=day_start(op.start_date), active_to=day_end(op.end_date))
