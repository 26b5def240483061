"""The audit log read back: who changed what when, each record's fields before and after, and reverts.

The database writes the log itself (migration 0006, rosterapp/models/audit.py); here it is listed with
the view's filters (person, vehicle, post, station, user, dates), told in the clerk's words, and
reverted. A revert of an entry or of a whole group (one edit) is a new edit, through the same services'
unit of work as any other, so it is logged, undoable and refused where any edit would be (another
detachment's rows, an approved sub-plan). It first checks that every field it puts back still holds
what the reverted edit left there; when a later edit changed one again it says which, and by whom,
and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, Table, Time, and_, select, text
from sqlalchemy.orm import Session

from rosterapp import vocab
from rosterapp.errors import Conflict, NotFound
from rosterapp.i18n import language, tr
from rosterapp.models import (
    AuditEntry,
    AuditGroup,
    Base,
    Detachment,
    Operation,
    Person,
    Position,
    Post,
    Qualification,
    Rank,
    ShiftType,
    Station,
    Vehicle,
    VehicleType,
)
from rosterapp.services import changelog
from rosterapp.services.changes import Change

# Kept by the program itself on every write: never compared, never put back.
BOOKKEEPING = frozenset({"version", "changed_by"})
# Changed only through their own commands (plan submit/approve/return/reopen, users): not reverted here.
NOT_REVERTIBLE = frozenset({"sub_plan", "sub_plan_version", "app_user"})
DEFAULT_LIMIT = 2000


@dataclass(frozen=True)
class Filter:
    """What the log is narrowed to; None (or empty) leaves a field open. Dates are the days edits were made."""

    person_id: int | None = None
    vehicle_id: int | None = None
    post_id: int | None = None
    station_id: int | None = None
    login: str | None = None
    first: dt.date | None = None
    last: dt.date | None = None
    group_id: int | None = None
    limit: int = DEFAULT_LIMIT


@dataclass(frozen=True)
class Entry:
    """One row written, with its group's who, when and what."""

    id: int
    group_id: int
    at: dt.datetime
    login: str
    label: str
    table: str
    action: str
    row_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    person_id: int | None = None
    vehicle_id: int | None = None
    post_id: int | None = None
    station_id: int | None = None

    def fields(self) -> list[tuple[str, Any, Any]]:
        """(column, before, after) of what the write changed; the bookkeeping columns left out."""
        before, after = self.before or {}, self.after or {}
        names = list(after) if self.action != "DELETE" else list(before)
        return [(n, before.get(n), after.get(n)) for n in names if n not in BOOKKEEPING and n != "id"]


def entries(session: Session, where: Filter = Filter()) -> list[Entry]:
    """The log, newest first, narrowed by ``where`` (at most ``where.limit`` entries)."""
    query = (select(AuditEntry, AuditGroup.at, AuditGroup.login, AuditGroup.label)
             .join(AuditGroup, AuditGroup.id == AuditEntry.group_id))
    for column, value in ((AuditEntry.person_id, where.person_id), (AuditEntry.vehicle_id, where.vehicle_id),
                          (AuditEntry.post_id, where.post_id), (AuditEntry.station_id, where.station_id),
                          (AuditEntry.group_id, where.group_id)):
        if value is not None:
            query = query.where(column == value)
    if where.login:
        query = query.where(AuditGroup.login == where.login)
    if where.first is not None:
        query = query.where(AuditGroup.at >= dt.datetime.combine(where.first, dt.time()))
    if where.last is not None:
        query = query.where(AuditGroup.at < dt.datetime.combine(where.last + dt.timedelta(days=1), dt.time()))
    query = query.order_by(AuditEntry.id.desc()).limit(where.limit)
    return [_entry(row, at, login, label) for row, at, login, label in session.execute(query)]


def logins(session: Session) -> list[str]:
    """Everyone the log names, for the view's user filter."""
    return list(session.scalars(select(AuditGroup.login).distinct().where(AuditGroup.login != "")
                                .order_by(AuditGroup.login)))


def _entry(row: AuditEntry, at, login, label) -> Entry:
    return Entry(id=row.id, group_id=row.group_id, at=at, login=login, label=label, table=row.tbl,
                 action=row.action, row_id=row.row_id, before=_json(row.before), after=_json(row.after),
                 person_id=row.person_id, vehicle_id=row.vehicle_id, post_id=row.post_id, station_id=row.station_id)


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


def group_of(session: Session, entry_id: int) -> int:
    group = session.scalar(select(AuditEntry.group_id).where(AuditEntry.id == entry_id))
    if group is None:
        raise NotFound(tr("There is no audit entry {id}.", id=entry_id))
    return group


def group_entries(session: Session, group_id: int) -> list[int]:
    return list(session.scalars(select(AuditEntry.id).where(AuditEntry.group_id == group_id)
                                .order_by(AuditEntry.id)))


def current_group(session: Session) -> int | None:
    """The audit group of the unit of work under way (None until it wrote a row)."""
    if session.get_bind().dialect.name == "postgresql":
        value = session.scalar(text("SELECT nullif(current_setting('rosterapp.audit_group', true), '')"))
    else:
        value = session.connection().exec_driver_sql("SELECT group_id FROM audit_context WHERE id = 1").scalar()
    return int(value) if value is not None else None


# -- values: the log keeps JSON, the tables their own types ------------------------------------------------

def table_of(name: str) -> Table:
    return Base.metadata.tables[name]


def python_value(table: Table, column: str, value: Any) -> Any:
    """A logged value as the column holds it (a SQLite text timestamp, a PostgreSQL jsonb string, 0/1...)."""
    if value is None or column not in table.c:
        return value
    kind = table.c[column].type
    if isinstance(kind, DateTime):
        return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    if isinstance(kind, Time):
        return value if isinstance(value, dt.time) else dt.time.fromisoformat(value)
    if isinstance(kind, Boolean):
        return bool(value)
    if isinstance(kind, Float):
        return float(value)
    if isinstance(kind, Integer):
        return int(value)
    if isinstance(kind, JSON):
        return json.loads(value) if isinstance(value, str) else value
    return value


def python_row(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    return {c: python_value(table, c, v) for c, v in values.items() if c in table.c}


def key_of(table: Table, row_id: str) -> dict[str, Any]:
    return {c.name: python_value(table, c.name, v) for c, v in zip(table.primary_key.columns,
                                                                  row_id.split(","), strict=True)}


def _where_key(table: Table, key: dict[str, Any]):
    return and_(*(table.c[c] == v for c, v in key.items()))


def _read(session: Session, table: Table, key: dict[str, Any]) -> dict[str, Any] | None:
    row = session.execute(select(table).where(_where_key(table, key))).mappings().first()
    return dict(row) if row is not None else None


# -- reverts -----------------------------------------------------------------------------------------

@dataclass
class _Record:
    """One record's part in the entries reverted: the state before the first and after the last of them."""

    table: Table
    key: dict[str, Any]
    entries: list[Entry] = field(default_factory=list)

    def target(self) -> dict[str, Any] | None:
        """What the record held before the first entry (None: it did not exist; a partial dict: the fields
        the entries changed)."""
        state: dict[str, Any] | None = {}
        for e in reversed(self.entries):
            if e.action == "INSERT":
                state = None
            elif e.action == "DELETE":
                state = python_row(self.table, e.before or {})
            else:
                state = {**(state or {}), **python_row(self.table, e.before or {})}
        return state

    def expected(self) -> dict[str, Any] | None:
        """What the record holds after the last entry, for the fields the entries wrote (None: gone)."""
        state: dict[str, Any] | None = {}
        for e in self.entries:
            if e.action == "INSERT":
                state = python_row(self.table, e.after or {})
            elif e.action == "DELETE":
                state = None
            else:
                state = {**(state or {}), **python_row(self.table, e.after or {})}
        return state

    def existed(self) -> bool:
        return self.entries[0].action != "INSERT"

    def exists_after(self) -> bool:
        return self.entries[-1].action != "DELETE"


@dataclass(frozen=True)
class Reverted:
    """What a revert did: the Change for the views, and the audit group that holds the revert itself."""

    change: Change
    group_id: int | None
    records: int


def revert(session: Session, entry_ids: Iterable[int]) -> Reverted:
    """Put back what the entries ``entry_ids`` changed, as one edit; Conflict (nothing changed) when a later
    edit changed any of those fields again, naming them."""
    ids = sorted(set(entry_ids))
    if not ids:
        return Reverted(Change(), None, 0)
    found = [_entry(row, at, login, label) for row, at, login, label in session.execute(
        select(AuditEntry, AuditGroup.at, AuditGroup.login, AuditGroup.label)
        .join(AuditGroup, AuditGroup.id == AuditEntry.group_id).where(AuditEntry.id.in_(ids))
        .order_by(AuditEntry.id))]
    if len(found) != len(ids):
        missing = sorted(set(ids) - {e.id for e in found})
        raise NotFound(tr("There is no audit entry {id}.", id=", ".join(map(str, missing))))
    fixed = sorted({e.table for e in found} & NOT_REVERTIBLE)
    if fixed:
        raise Conflict(tr("Sub-plan states and users are changed by their own commands (plan reopen, users), "
                          "not reverted: {tables}.", tables=", ".join(table_label(t) for t in fixed)))
    records: dict[tuple[str, str], _Record] = {}
    for e in found:
        table = table_of(e.table)
        records.setdefault((e.table, e.row_id), _Record(table, key_of(table, e.row_id))).entries.append(e)
    deleting = {k for k, rec in records.items() if not rec.existed() and rec.exists_after()}
    now = _read_all(session, records)
    problems: list[str] = []
    last_id = max(ids)
    for k, rec in records.items():
        problems.extend(_conflicts(session, rec, now[k], last_id))
    problems.extend(_dependents(session, records, deleting))
    if problems:
        shown = problems[:MAX_SHOWN]
        if len(problems) > MAX_SHOWN:
            shown.append(tr("… and {count} more.", count=len(problems) - MAX_SHOWN))
        raise Conflict(tr("Nothing was reverted: later edits changed these records again."), shown)

    order = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}
    touched: dict[str, list[dict[str, Any]]] = {}
    # Records to bring back first (parents before children), then changes, then removals (children first).
    def rank(item):
        key, rec = item
        kind = 0 if not rec.exists_after() and rec.existed() else (2 if key in deleting else 1)
        return (kind, order[key[0]] if kind != 2 else -order[key[0]])

    removals: dict[str, list[_Record]] = {}
    for k, rec in sorted(records.items(), key=rank):
        current, target, table = now[k], rec.target(), rec.table
        if current is not None:
            touched.setdefault(table.name, []).append(current)
        if target is None:
            if current is not None:
                removals.setdefault(table.name, []).append(rec)
        elif current is None:
            row = {**rec.key, **{c: v for c, v in target.items() if c != "changed_by"}}
            session.execute(table.insert().values(**row))
            touched.setdefault(table.name, []).append(row)
        else:
            values = {c: v for c, v in target.items() if c not in BOOKKEEPING and c not in rec.key}
            if values:
                session.execute(table.update().where(_where_key(table, rec.key)).values(**values))
                touched.setdefault(table.name, []).append({**current, **values})
    for name in sorted(removals, key=lambda n: -order[n]):  # children before their parents
        table = table_of(name)
        doomed = removals[name]
        pk = list(table.primary_key.columns)
        if len(pk) == 1:
            for chunk in range(0, len(doomed), CHUNK):
                session.execute(table.delete().where(pk[0].in_([r.key[pk[0].name] for r in doomed[chunk:chunk + CHUNK]])))
        else:
            for rec in doomed:
                session.execute(table.delete().where(_where_key(table, rec.key)))
    change = Change().union(*(changelog.change_of(session, t, rows) for t, rows in touched.items()))
    return Reverted(change, current_group(session), len(records))


CHUNK = 500  # ids per IN (...) of the reads and removals
MAX_SHOWN = 20  # reasons a refusal lists before "… and N more"


def _read_all(session: Session, records: dict[tuple[str, str], _Record]) -> dict[tuple[str, str], dict | None]:
    """Every record's row as it is now (None: gone), a few reads per table."""
    now: dict[tuple[str, str], dict | None] = {k: None for k in records}
    by_table: dict[str, list[tuple[str, str]]] = {}
    for k in records:
        by_table.setdefault(k[0], []).append(k)
    for name, keys in by_table.items():
        table = table_of(name)
        pk = list(table.primary_key.columns)
        if len(pk) != 1:
            for k in keys:
                now[k] = _read(session, table, records[k].key)
            continue
        column = pk[0]
        wanted = {records[k].key[column.name]: k for k in keys}
        values = list(wanted)
        for chunk in range(0, len(values), CHUNK):
            for row in session.execute(select(table).where(column.in_(values[chunk:chunk + CHUNK]))).mappings():
                now[wanted[row[column.name]]] = dict(row)
    return now


def _conflicts(session: Session, rec: _Record, current: dict[str, Any] | None, last_id: int) -> list[str]:
    """Why ``rec`` cannot be put back (empty when it can); the record is named only when it cannot."""
    expected = rec.expected()
    if expected is None:
        if current is not None:
            return [tr("{record} was made again later.", record=_label(session, rec, current))
                    + _later(session, rec, last_id)]
        return []
    if current is None:
        return [tr("{record} was removed later.", record=_label(session, rec, current))
                + _later(session, rec, last_id)]
    changed = [c for c, v in expected.items() if c not in BOOKKEEPING and current.get(c) != v]
    if not changed:
        return []
    return [tr("{record}: {fields} changed again later.", record=_label(session, rec, current),
               fields="、".join(field_label(c) for c in changed)) + _later(session, rec, last_id, changed)]


def _label(session: Session, rec: _Record, current: dict[str, Any] | None) -> str:
    return describe(session, rec.table.name, rec.entries[-1].row_id, current or _image(rec))


def _image(rec: _Record) -> dict[str, Any]:
    image: dict[str, Any] = {}
    for e in rec.entries:
        image.update(python_row(rec.table, e.before or {}))
        image.update(python_row(rec.table, e.after or {}))
    return image


def _later(session: Session, rec: _Record, last_id: int, columns: Sequence[str] = ()) -> str:
    """Who made the newest later edit of the record (of ``columns``, when given), as " (by X at T)"."""
    query = (select(AuditGroup.login, AuditGroup.at, AuditEntry.after)
             .join(AuditGroup, AuditGroup.id == AuditEntry.group_id)
             .where(AuditEntry.tbl == rec.table.name, AuditEntry.row_id == rec.entries[-1].row_id,
                    AuditEntry.id > last_id).order_by(AuditEntry.id.desc()))
    for login, at, after in session.execute(query):
        after = _json(after) or {}
        if not columns or set(columns) & set(after) or not after:
            return tr(" (by {login}, {at})", login=login or "?", at=f"{at:%Y-%m-%d %H:%M}")
    return ""


def _dependents(session: Session, records: dict[tuple[str, str], _Record],
                deleting: set[tuple[str, str]]) -> list[str]:
    """Records the revert would remove that later records refer to (a post with duties added since): one read
    per table and foreign key that refers to a removed record's table."""
    doomed: dict[str, dict[Any, tuple[str, str]]] = {}
    for k in deleting:
        rec = records[k]
        if len(rec.key) == 1:
            doomed.setdefault(k[0], {})[next(iter(rec.key.values()))] = k
    out = []
    for child in Base.metadata.sorted_tables:
        child_pk = list(child.primary_key.columns)
        for fk in child.foreign_keys:
            targets = doomed.get(fk.column.table.name)
            if not targets or fk.column.name not in fk.column.table.primary_key.columns:
                continue
            ours = {r for (t, r) in deleting if t == child.name}  # removed by this revert too
            values = list(targets)
            counts: dict[Any, int] = {}
            for chunk in range(0, len(values), CHUNK):
                query = select(fk.parent, *child_pk).where(fk.parent.in_(values[chunk:chunk + CHUNK]))
                for ref, *key in session.execute(query):
                    if ",".join(str(v) for v in key) not in ours:
                        counts[ref] = counts.get(ref, 0) + 1
            for ref, count in counts.items():
                rec = records[targets[ref]]
                out.append(tr("{record}: {count} later records refer to it ({table}).",
                              record=_label(session, rec, None), count=count, table=table_label(child.name)))
    return out


# -- in the clerk's words --------------------------------------------------------------------------

def table_label(table: str) -> str:
    labels = {
        "person": tr("person"), "vehicle": tr("vehicle"), "station": tr("station"), "detachment": tr("detachment"),
        "duty": tr("duty"), "vehicle_deployment": tr("vehicle deployment"), "absence": tr("absence"),
        "maintenance": tr("maintenance"), "post": tr("post"), "operation": tr("task"),
        "post_qualification": tr("post qualification"), "post_vehicle_requirement": tr("post vehicle requirement"),
        "person_qualification": tr("qualification"), "rule_setting": tr("rule setting"),
        "duty_assignment": tr("duty role"), "shift_swap": tr("shift swap"), "handover": tr("handover"),
        "sub_plan": tr("sub-plan"), "sub_plan_version": tr("sub-plan version"), "app_user": tr("user"),
    }
    return labels.get(table, table)


FIELD_LABELS = {
    "name": "名称", "code": "编号", "staff_no": "工号", "plate": "车牌号", "start": "开始", "end": "结束",
    "station_id": "消防救援站", "person_id": "人员", "vehicle_id": "车辆", "post_id": "点位", "role": "角色",
    "shift_type_id": "班次", "kind": "类别", "note": "备注", "remarks": "备注", "phone": "联系电话",
    "active": "在职", "status": "状态", "active_from": "开始", "active_to": "结束", "min_people": "最少人数",
    "detachment_id": "支队", "address": "地址", "day": "日期", "rank_id": "衔级", "position_id": "职务",
    "operation_id": "任务", "state": "状态", "comment": "意见", "number": "版本", "submitted_at": "上报时间",
    "submitted_by": "上报人", "decided_at": "审批时间", "decided_by": "审批人", "snapshot": "版本内容",
    "changed_at": "修改时间", "birth_date": "出生日期", "sex": "性别", "call_sign": "呼号", "type_id": "车型",
    "seats": "座位数", "reason": "原因", "grade": "等级", "post_type": "点位类型", "duty_mode": "勤务方式",
    "rotation": "轮换", "readiness": "战备等级", "qualification_id": "资质", "vehicle_type_id": "车型",
    "person_a_id": "人员", "person_b_id": "对方人员", "day_a": "日期", "day_b": "对方日期", "approver_id": "批准人",
    "count": "数量", "needs_commander": "带队指挥员", "handover_time": "交接时间", "radio_channel": "通信频道",
    "arrival_minutes": "到场时间", "short_name": "简称", "sort_order": "排序", "water_t": "载水量",
    "foam_t": "载泡沫量", "powder_kg": "干粉量", "recorded_at": "登记时间", "settles_id": "还班对应",
}


def field_label(column: str) -> str:
    """A column as the clerk knows it (the Chinese header of the registers); the column's name otherwise."""
    return FIELD_LABELS.get(column, column)


def describe(session: Session, table: str, row_id: str, image: dict[str, Any] | None) -> str:
    """A record as a clerk recognises it: "人员 张伟（DC0001）", "勤务 张伟 03-05 08:00", "点位 A01"."""
    image = image or {}
    label = table_label(table)
    names = _Names(session)
    if table == "person" and image.get("name"):
        return f"{label} {image['name']}（{image.get('staff_no', '')}）"
    if table == "vehicle" and image.get("plate"):
        return f"{label} {image['plate']}"
    if table in ("sub_plan", "sub_plan_version") and image.get("detachment_id"):
        number = f" {tr('version {number}', number=image['number'])}" if image.get("number") else ""
        return (f"{label} {names.value(table, 'detachment_id', image['detachment_id'])}"
                f"「{names.value(table, 'operation_id', image.get('operation_id'))}」{number}")
    if table in ("station", "detachment", "operation") and image.get("name"):
        return f"{label} {image['name']}"
    if table == "post" and image.get("code"):
        return f"{label} {image['code']} {image.get('name', '')}".rstrip()
    start = image.get("start")
    when = f" {python_value(table_of(table), 'start', start):%m-%d %H:%M}" if start is not None else ""
    if table in ("duty", "absence") and image.get("person_id"):
        return f"{label} {names.person(image['person_id'])}{when}"
    if table in ("vehicle_deployment", "maintenance") and image.get("vehicle_id"):
        return f"{label} {names.vehicle(image['vehicle_id'])}{when}"
    return f"{label} #{row_id}"


# Codes kept in the database, in the clerk's words (rosterapp/vocab.py), by (table, column) or any table's column.
_VOCABULARY = {
    ("sub_plan", "state"): vocab.PLAN_STATE, ("sub_plan_version", "state"): vocab.PLAN_STATE,
    ("absence", "kind"): vocab.ABSENCE_KIND, ("shift_swap", "kind"): vocab.SWAP_KIND,
    ("vehicle", "status"): vocab.VEHICLE_STATUS, ("duty", "role"): vocab.CREW_ROLE,
    ("duty_assignment", "role"): vocab.DUTY_ROLE, ("station", "grade"): vocab.STATION_GRADE,
    (None, "sex"): vocab.SEX, (None, "post_type"): vocab.POST_TYPE, (None, "duty_mode"): vocab.DUTY_MODE,
    (None, "rotation"): vocab.ROTATION, (None, "readiness"): vocab.READINESS,
}
# Reference records a row names by id: shown by their code or name.
_REFERENCE = {
    "shift_type_id": (ShiftType.code, ShiftType.id), "rank_id": (Rank.name, Rank.id),
    "position_id": (Position.name, Position.id), "type_id": (VehicleType.name, VehicleType.id),
    "vehicle_type_id": (VehicleType.name, VehicleType.id), "qualification_id": (Qualification.name, Qualification.id),
    "person_a_id": (Person.name, Person.id), "person_b_id": (Person.name, Person.id),
    "approver_id": (Person.name, Person.id),
}


class _Names:
    """Names of the records a logged row refers to by id (people, vehicles, posts, stations)."""

    def __init__(self, session: Session):
        self.session = session

    def person(self, person_id) -> str:
        return self.session.scalar(select(Person.name).where(Person.id == int(person_id))) or f"#{person_id}"

    def vehicle(self, vehicle_id) -> str:
        return self.session.scalar(select(Vehicle.plate).where(Vehicle.id == int(vehicle_id))) or f"#{vehicle_id}"

    def value(self, table: str, column: str, value) -> str:
        """A field's value in words: a referred record by its name, a time to the minute, yes/no."""
        if value is None or value == "":
            return "—"
        lookup = {"person_id": (Person.name, Person.id), "vehicle_id": (Vehicle.plate, Vehicle.id),
                  "station_id": (Station.name, Station.id), "post_id": (Post.code, Post.id),
                  "detachment_id": (Detachment.name, Detachment.id), "operation_id": (Operation.name, Operation.id),
                  }.get(column)
        if lookup is not None:
            name = self.session.scalar(select(lookup[0]).where(lookup[1] == int(value)))
            return name or f"#{value}"
        if column == "snapshot":
            return tr("(the frozen version)")
        words = _VOCABULARY.get((table, column)) or _VOCABULARY.get((None, column))
        if words is not None and value in words:
            return words[value][0 if language().startswith("zh") else 1]
        named = _REFERENCE.get(column)
        if named is not None:
            return self.session.scalar(select(named[0]).where(named[1] == int(value))) or f"#{value}"
        value = python_value(table_of(table), column, value)
        if isinstance(value, bool):
            return tr("yes") if value else tr("no")
        if isinstance(value, dt.datetime):
            return f"{value:%Y-%m-%d %H:%M}"
        if isinstance(value, dt.time):
            return f"{value:%H:%M}"
        if isinstance(value, dict | list):
            return json.dumps(value, ensure_ascii=False)[:80]
        return str(value)


def action_label(action: str) -> str:
    return {"INSERT": tr("added"), "UPDATE": tr("changed"), "DELETE": tr("removed")}[action]


def field_lines(session: Session, entry: Entry) -> list[str]:
    """The entry's fields in words: "姓名：张伟 → 张伟伟", one per changed field."""
    names = _Names(session)
    lines = []
    for column, before, after in entry.fields():
        if entry.action == "UPDATE":
            lines.append(f"{field_label(column)}：{names.value(entry.table, column, before)} → "
                         f"{names.value(entry.table, column, after)}")
        elif (value := after if entry.action == "INSERT" else before) not in (None, ""):
            lines.append(f"{field_label(column)}：{names.value(entry.table, column, value)}")
    return lines


def record_label(session: Session, entry: Entry) -> str:
    image = {**(entry.before or {}), **(entry.after or {})}
    if entry.action == "UPDATE":
        table = table_of(entry.table)
        current = _read(session, table, key_of(table, entry.row_id))
        image = {**(current or {}), **python_row(table, image)}
    return describe(session, entry.table, entry.row_id, image)


def as_json(session: Session, entry: Entry) -> dict[str, Any]:
    """An entry as ``audit --json`` prints it."""
    return {"id": entry.id, "group": entry.group_id, "at": entry.at.isoformat(timespec="seconds"),
            "user": entry.login, "edit": entry.label, "table": entry.table, "action": entry.action,
            "record": entry.row_id, "label": record_label(session, entry), "before": entry.before,
            "after": entry.after}
