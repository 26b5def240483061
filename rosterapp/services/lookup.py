"""Finding detachments, stations, posts and operations by the names clerks type."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rosterapp.errors import NotFound
from rosterapp.i18n import tr
from rosterapp.models import Detachment, Operation, Post, Station
from rosterapp.reference_data import station_short_name


@dataclass(frozen=True)
class Named:
    id: int
    code: str
    name: str


def _norm(text: str) -> str:
    return (text or "").strip().replace("\u3000", "")


MAX_ID = 2**63 - 1  # the largest id a database column holds (SQLite INTEGER, PostgreSQL BIGINT)


def _id_number(text: str) -> int | None:
    """``text`` as an id when it is a whole number a database can hold (999999999999999999999 is none)."""
    if not text.isdigit():
        return None
    try:
        number = int(text)
    except ValueError:  # digits int() does not read, such as ²
        return None
    return number if number <= MAX_ID else None


def find_detachment(session: Session, text: str) -> Named:
    """By code (DC), full name (东城支队) or short name (东城); case-insensitive codes."""
    want = _norm(text)
    for det_id, code, name, short in session.execute(
            select(Detachment.id, Detachment.code, Detachment.name, Detachment.short_name)):
        if want.upper() == code.upper() or want in (name, short):
            return Named(det_id, code, name)
    raise NotFound(tr("Unknown detachment: {name}", name=text))


def find_station(session: Session, text: str, detachment_id: int | None = None) -> Named:
    """By full name (前门消防救援站) or without its suffix (前门)."""
    want = _norm(text)
    query = select(Station.id, Station.name, Station.short_name)
    if detachment_id is not None:
        query = query.where(Station.detachment_id == detachment_id)
    for sid, name, short in session.execute(query):
        if want in (name, short) or station_short_name(want) == short:
            return Named(sid, short, name)
    raise NotFound(tr("Unknown station: {name}", name=text))


def find_operation(session: Session, text: str) -> Named:
    """By id or by name."""
    want = _norm(text)
    query = select(Operation.id, Operation.name)
    row = None
    number = _id_number(want)
    if number is not None:
        row = session.execute(query.where(Operation.id == number)).first()
    if row is None:
        row = session.execute(query.where(Operation.name == want)).first()
    if row is None:
        raise NotFound(tr("Unknown operation: {name}", name=text))
    return Named(row[0], str(row[0]), row[1])


def find_post(session: Session, code: str, operation_id: int | None = None) -> Named:
    """By post code, in the given operation or the latest one that has it."""
    query = select(Post.id, Post.code, Post.name).join(Operation).where(
        func.upper(Post.code) == _norm(code).upper())
    if operation_id is not None:
        query = query.where(Post.operation_id == operation_id)
    row = session.execute(query.order_by(Operation.start_date.desc())).first()
    if row is None:
        raise NotFound(tr("Unknown post: {name}", name=code))
    return Named(row[0], row[1], row[2])
