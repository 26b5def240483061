"""The handover record (交接班记录) of a station's duty day: read, saved, restored by undo, searched.

A record holds the items (车辆装备, 器材, 通信, 营区安全, 需说明的事项) as text and the time of
handover; the outgoing and incoming duty leaders are not kept in it but read from the duty book
(the day's and the next day's 带班领导), so the record and the sheet never disagree about them.
A record with nothing entered is no record: saving an empty one removes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from rosterapp import vocab
from rosterapp.errors import FieldError, StaleEdit
from rosterapp.i18n import tr
from rosterapp.models import Detachment, DutyAssignment, Handover, Person, Station
from rosterapp.services.changes import HANDOVERS, Change
from rosterapp.services.dutyday import check_days
from rosterapp.services.validation import check_version, clean_text, get_or_not_found, raise_if, stale_entry

ITEMS = tuple(vocab.HANDOVER_ITEM)  # vehicles, equipment, comms, safety, notes: the print order
ITEM_MAX = 2000  # characters an item holds: a page of handwriting, more than a sheet prints


@dataclass(frozen=True)
class HandoverData:
    """What a clerk enters: each item's text and the time of handover (None: not written down)."""

    vehicles: str = ""
    equipment: str = ""
    comms: str = ""
    safety: str = ""
    notes: str = ""
    handed_over_at: dt.time | None = None

    def is_empty(self) -> bool:
        return not any(getattr(self, name).strip() for name in ITEMS) and self.handed_over_at is None

    def items(self) -> list[tuple[str, str]]:
        """(code, text) in print order."""
        return [(name, getattr(self, name)) for name in ITEMS]


@dataclass(frozen=True)
class HandoverRecord:
    """A station day's record as read, with the leaders the duty book names for it.

    ``version`` 0 means there is no record yet; a save over it is refused if one has been made since.
    """

    station_id: int
    day: dt.date
    data: HandoverData
    outgoing: str = ""
    incoming: str = ""
    version: int = field(default=0, compare=False)
    changed_by: str = field(default="", compare=False)


@dataclass(frozen=True)
class HandoverRow:
    """One record in a search's result."""

    station_id: int
    station: str
    detachment: str
    day: dt.date
    data: HandoverData
    outgoing: str
    incoming: str


def _stored(session: Session, station_id: int, day: dt.date) -> Handover | None:
    return session.scalar(select(Handover).where(Handover.station_id == station_id, Handover.day == day))


def _data(row: Handover | None) -> HandoverData | None:
    if row is None:
        return None
    return HandoverData(**{name: getattr(row, name) or "" for name in ITEMS}, handed_over_at=row.handed_over_at)


def _leaders(session: Session, station_ids: set[int], first: dt.date, last: dt.date) -> dict[tuple[int, dt.date], str]:
    """The 带班领导 named in the duty book per (station, day), for [first, last]."""
    if not station_ids:
        return {}
    return {(sid, day): name for sid, day, name in session.execute(
        select(DutyAssignment.station_id, DutyAssignment.day, Person.name)
        .join(Person, Person.id == DutyAssignment.person_id)
        .where(DutyAssignment.role == "leader", DutyAssignment.station_id.in_(station_ids),
               DutyAssignment.day >= first, DutyAssignment.day <= last))}


def get_handover(session: Session, station_id: int, day: dt.date) -> HandoverRecord:
    """The record of the station's duty day ``day`` (empty, version 0, when none was entered)."""
    get_or_not_found(session, Station, station_id, "Unknown station: {name}")
    row = _stored(session, station_id, day)
    leaders = _leaders(session, {station_id}, day, day + dt.timedelta(days=1))
    return HandoverRecord(station_id, day, _data(row) or HandoverData(), leaders.get((station_id, day), ""),
                          leaders.get((station_id, day + dt.timedelta(days=1)), ""),
                          row.version if row is not None else 0, row.changed_by if row is not None else "")


def _clean(data: HandoverData) -> HandoverData:
    errors: list[FieldError] = []
    values = {}
    for name in ITEMS:
        text = clean_text(getattr(data, name) or "")
        if len(text) > ITEM_MAX:
            errors.append(FieldError(name, tr("{field} is too long: at most {most} characters.",
                                              field=vocab.label(vocab.HANDOVER_ITEM, name), most=ITEM_MAX)))
        values[name] = text
    at = data.handed_over_at
    if at is not None and not isinstance(at, dt.time):
        errors.append(FieldError("handed_over_at", tr("The time of handover must be a time of day.")))
    raise_if(errors)
    return HandoverData(**values, handed_over_at=at.replace(second=0, microsecond=0) if at else None)


def _label(session: Session, station_id: int, day: dt.date) -> str:
    station = session.get(Station, station_id)
    return tr("The handover record of {station} on {day}", station=station.name if station else station_id,
              day=day.isoformat())


def _change(station_id: int, day: dt.date) -> Change:
    return Change(stations=frozenset({station_id}), days=frozenset({day}), registers=frozenset({HANDOVERS}))


def _write(session: Session, station_id: int, day: dt.date, row: Handover | None, data: HandoverData) -> None:
    if data.is_empty():
        if row is not None:
            session.delete(row)
    else:
        if row is None:
            row = Handover(station_id=station_id, day=day)
            session.add(row)
        for name in ITEMS:
            setattr(row, name, getattr(data, name))
        row.handed_over_at = data.handed_over_at
    session.flush()


def save_handover(session: Session, station_id: int, day: dt.date, data: HandoverData, *,
                  expected_version: int | None = None) -> Change:
    """Write the record of the station's duty day; an empty one removes it.

    ``expected_version`` is the version the form read (0: there was none then): a record changed or
    made by someone else since is refused (StaleEdit) and nothing is written.
    """
    check_days(day)
    station = get_or_not_found(session, Station, station_id, "Unknown station: {name}")
    if station.grade == vocab.OFFICE_GRADE:
        raise_if([FieldError("station_id", tr("{name} is a staff office: it keeps no handover record.",
                                              name=station.name))])
    data = _clean(data)
    row = _stored(session, station_id, day)
    if expected_version is not None:
        if row is None and expected_version != 0:
            raise StaleEdit(tr("{name} was removed by another user since you opened it; nothing was saved.",
                               name=_label(session, station_id, day)))
        if row is not None:
            if expected_version == 0:
                raise StaleEdit(tr("{name} was changed by {who} since you opened it; nothing was saved. Open it "
                                   "again to see their changes.", name=_label(session, station_id, day),
                                   who=row.changed_by or tr("another user")))
            check_version(row, expected_version, _label(session, station_id, day))
    _write(session, station_id, day, row, data)
    return _change(station_id, day)


def stored_handover(session: Session, station_id: int, day: dt.date) -> HandoverData | None:
    """The record's data as stored, None when there is none (what undo and redo compare)."""
    return _data(_stored(session, station_id, day))


def restore_handover(session: Session, station_id: int, day: dt.date, wanted: HandoverData | None, *,
                     expected: HandoverData | None) -> Change:
    """Undo or redo: make the record ``wanted`` (None: no record), only while it still reads ``expected``."""
    row = _stored(session, station_id, day)
    if _data(row) != expected:
        raise stale_entry()
    _write(session, station_id, day, row, wanted or HandoverData())
    return _change(station_id, day)


def search_handovers(session: Session, *, station_id: int | None = None, detachment_id: int | None = None,
                     first: dt.date | None = None, last: dt.date | None = None, text: str = "",
                     limit: int = 2000) -> list[HandoverRow]:
    """Records by station (or detachment) and duty days [first, last], whose items hold ``text``;
    newest day first, at most ``limit``."""
    query = (select(Handover, Station.name, Detachment.name)
             .join(Station, Station.id == Handover.station_id)
             .join(Detachment, Detachment.id == Station.detachment_id))
    if station_id is not None:
        query = query.where(Handover.station_id == station_id)
    if detachment_id is not None:
        query = query.where(Station.detachment_id == detachment_id)
    if first is not None:
        query = query.where(Handover.day >= first)
    if last is not None:
        query = query.where(Handover.day <= last)
    words = clean_text(text or "").split()
    for word in words:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        like = f"%{escaped}%"
        query = query.where(or_(*(getattr(Handover, name).like(like, escape="\\") for name in ITEMS)))
    query = query.order_by(Handover.day.desc(), Detachment.sort_order, Station.sort_order, Station.id).limit(limit)
    found = session.execute(query).all()
    if not found:
        return []
    days = [h.day for h, _s, _d in found]
    leaders = _leaders(session, {h.station_id for h, _s, _d in found}, min(days), max(days) + dt.timedelta(days=1))
    return [HandoverRow(h.station_id, station, detachment, h.day, _data(h),
                        leaders.get((h.station_id, h.day), ""),
                        leaders.get((h.station_id, h.day + dt.timedelta(days=1)), ""))
            for h, station, detachment in found]


__all__ = ["ITEMS", "ITEM_MAX", "HandoverData", "HandoverRecord", "HandoverRow", "get_handover", "handover_stations",
           "restore_handover", "station_name",
           "save_handover", "search_handovers", "stored_handover"]


def handover_stations(session: Session) -> list[tuple[int, str]]:
    """The stations that keep handover records (not the staff offices), as (id, name) in register order."""
    return [(sid, name) for sid, name in session.execute(
        select(Station.id, Station.name).join(Detachment, Detachment.id == Station.detachment_id)
        .where(Station.grade != vocab.OFFICE_GRADE)
        .order_by(Detachment.sort_order, Detachment.id, Station.sort_order, Station.id))]


def station_name(session: Session, station_id: int) -> str:
    station = session.get(Station, station_id)
    return station.name if station is not None else ""
