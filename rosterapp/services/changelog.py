"""Other clerks' edits on a shared server, read back from the change log as the ``Change`` each made.

The server's triggers (migration 0005) append one ``change_log`` row per statement that wrote a clerk's
table, with the key columns of the rows before and after it; a window keeps the last sequence number
it has read and asks ``since`` what came after it: the Change the services returned for those edits
(rebuilt here the way they build it), and who made them. A window's own writes are told apart by the
origin its transactions set (``Database.origin``). On SQLite the log stays empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rosterapp.models import ChangeLog, Duty, Post, VehicleDeployment
from rosterapp.services.changes import (
    ASSIGNMENTS,
    HANDOVERS,
    OPERATIONS,
    PEOPLE,
    SETTINGS,
    STATIONS,
    SWAPS,
    VEHICLES,
    Change,
)
from rosterapp.services.dutyday import day_span

CHANNEL = "rosterapp_changes"
"""The NOTIFY channel a commit that wrote the log speaks on (payload: json seq, tbl, login, origin)."""

Rows = list[dict[str, Any]]


class Missed(NamedTuple):
    """What ``since`` found: the last sequence number read, the Change of the others' edits after the
    one asked for (merged), and the logins that made them (sorted)."""

    last_seq: int
    change: Change
    logins: list[str]


def latest_seq(session: Session) -> int:
    """The number of the newest change on record (0 when there is none): a window that opens starts here."""
    return session.scalar(select(func.coalesce(func.max(ChangeLog.seq), 0)))


def since(session: Session, seq: int, exclude_origin: str | None = None) -> Missed:
    """Every change recorded after ``seq``, except those from ``exclude_origin`` (the window's own)."""
    # The newest number first, then the rows up to it: a commit landing between the two reads waits
    # for the next call instead of being skipped.
    last = session.scalar(select(func.coalesce(func.max(ChangeLog.seq), seq)).where(ChangeLog.seq > seq))
    query = (select(ChangeLog.tbl, ChangeLog.login, ChangeLog.old_rows, ChangeLog.new_rows)
             .where(ChangeLog.seq > seq, ChangeLog.seq <= last).order_by(ChangeLog.seq))
    if exclude_origin:
        query = query.where(ChangeLog.origin != exclude_origin)
    by_table: dict[str, Rows] = {}
    logins: set[str] = set()
    for table, login, old_rows, new_rows in session.execute(query):
        by_table.setdefault(table, []).extend([*_rows(old_rows), *_rows(new_rows)])
        logins.add(login)
    change = Change().union(*(_REBUILD[t](session, rows) for t, rows in by_table.items() if t in _REBUILD))
    return Missed(last, change, sorted(logins))


def _rows(keys: dict[str, list[Any]] | None) -> Rows:
    """{column: [value of each row]} as one dict per row."""
    if not keys:
        return []
    names = list(keys)
    return [dict(zip(names, values, strict=True)) for values in zip(*keys.values(), strict=True)]


def _ids(rows: Rows, *columns: str) -> frozenset[int]:
    return frozenset(r[c] for r in rows for c in columns if r[c] is not None)


def _time(value: str | dt.datetime) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)


def _day(value: str | dt.date | None) -> dt.date | None:
    if isinstance(value, dt.date) or not value:
        return value or None
    return dt.date.fromisoformat(value)


def change_of(session: Session, table: str, rows: Rows) -> Change:
    """The Change of writing ``rows`` of ``table`` (each a dict of the row's columns, as the log or the audit
    log keeps them): what the services return for such an edit. Nothing for a table no view shows."""
    rebuild = _REBUILD.get(table)
    return rebuild(session, rows) if rebuild is not None and rows else Change()


def _days(rows: Rows, *columns: str) -> frozenset[dt.date]:
    return frozenset(d for r in rows for c in columns if (d := _day(r[c])) is not None)


# -- one rebuild per table: the Change the services return for an edit of its rows -----------------------

def _duties(_session: Session, rows: Rows) -> Change:
    return Change.of_entries((r["person_id"], r["vehicle_id"], r["post_id"], _time(r["start"]), _time(r["end"]))
                             for r in rows)


def _deployments(_session: Session, rows: Rows) -> Change:
    return Change.of_entries((None, r["vehicle_id"], r["post_id"], _time(r["start"]), _time(r["end"]))
                             for r in rows)


def _register(register: str, column: str | None = None) -> Callable[[Session, Rows], Change]:
    return lambda _session, rows: Change.of_register(register, _ids(rows, column) if column else ())


def _absences(_session: Session, rows: Rows) -> Change:
    # As the roster's absence cells say it: the people and the grid columns (duty days) of the leave.
    days: set[dt.date] = set()
    for r in rows:
        first, last = day_span(_time(r["start"]), _time(r["end"]))
        days.update(first + dt.timedelta(days=i) for i in range((last - first).days + 1))
    return Change(people=_ids(rows, "person_id"), days=frozenset(days), registers=frozenset({PEOPLE}))


def _staffing_of(session: Session, posts: Iterable[int]) -> Change:
    """The duties and deployments standing on ``posts`` now: a task or post record's Change names them
    (staffing.records_change), so the cells showing a renamed post repaint."""
    posts = list(posts)
    if not posts:
        return Change()
    duties = session.execute(select(Duty.person_id, Duty.vehicle_id, Duty.post_id, Duty.start, Duty.end)
                             .where(Duty.post_id.in_(posts)))
    deployments = session.execute(select(VehicleDeployment.vehicle_id, VehicleDeployment.post_id,
                                         VehicleDeployment.start, VehicleDeployment.end)
                                  .where(VehicleDeployment.post_id.in_(posts)))
    return Change.of_entries([*duties, *((None, *d) for d in deployments)])


def _posts(column: str) -> Callable[[Session, Rows], Change]:
    def rebuild(session: Session, rows: Rows) -> Change:
        posts = _ids(rows, column)
        return Change(posts=posts, registers=frozenset({OPERATIONS})) | _staffing_of(session, posts)
    return rebuild


def _operations(session: Session, rows: Rows) -> Change:
    posts = session.scalars(select(Post.id).where(Post.operation_id.in_(_ids(rows, "id")))).all()
    return Change(posts=frozenset(posts), registers=frozenset({OPERATIONS})) | _staffing_of(session, posts)


def _assignments(_session: Session, rows: Rows) -> Change:
    return Change(registers=frozenset({ASSIGNMENTS}), stations=_ids(rows, "station_id"), days=_days(rows, "day"),
                  people=_ids(rows, "person_id"))


def _swaps(_session: Session, rows: Rows) -> Change:
    return Change(people=_ids(rows, "person_a_id", "person_b_id"), stations=_ids(rows, "station_id"),
                  days=_days(rows, "day_a", "day_b"), registers=frozenset({SWAPS}))


def _handovers(_session: Session, rows: Rows) -> Change:
    return Change(stations=_ids(rows, "station_id"), days=_days(rows, "day"), registers=frozenset({HANDOVERS}))


_REBUILD: dict[str, Callable[[Session, Rows], Change]] = {
    "duty": _duties,
    "vehicle_deployment": _deployments,
    "person": _register(PEOPLE, "id"),
    "person_qualification": _register(PEOPLE, "person_id"),
    "absence": _absences,
    "vehicle": _register(VEHICLES, "id"),
    "maintenance": _register(VEHICLES, "vehicle_id"),
    "station": _register(STATIONS, "id"),
    "detachment": _register(STATIONS),  # every station's name and code follow their detachment's
    "operation": _operations,
    "post": _posts("id"),
    "post_qualification": _posts("post_id"),
    "post_vehicle_requirement": _posts("post_id"),
    "rule_setting": _register(SETTINGS),
    "duty_assignment": _assignments,
    "shift_swap": _swaps,
    "handover": _handovers,
    "sub_plan": _register(OPERATIONS),  # a sub-plan submitted, approved, returned or reopened
    "sub_plan_version": _register(OPERATIONS),
}
