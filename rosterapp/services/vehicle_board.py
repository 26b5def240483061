"""The vehicle board: where each vehicle is on each duty day (its station, a post, another station), and its maintenance."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from rosterapp.models import (
    Detachment,
    Maintenance,
    Post,
    Station,
    Vehicle,
    VehicleDeployment,
    VehicleType,
)
from rosterapp.services.rules.data import DAY_MINUTES, Minutes, to_min

# Kinds of a vehicle board cell.
AT_HOME, AT_POST, AWAY, OUT_OF_SERVICE = range(4)


@dataclass(frozen=True, slots=True)
class VehicleRow:
    id: int
    call_sign: str
    plate: str
    type_code: str
    type_name: str
    station_id: int
    station: str
    detachment_id: int
    status: str
    active: bool


@dataclass
class VehicleBoard:
    """Vehicles x duty days: ``texts`` the place (station short name or post code), ``kinds`` its kind,
    ``maintenance`` the maintenance reason on that day ("" when none)."""

    days: list[dt.date]
    rows: list[VehicleRow]
    texts: list[list[str]]
    kinds: list[bytearray]
    maintenance: list[list[str]]


def load_vehicle_board(session: Session, days: Sequence[dt.date], *, detachment_id: int | None = None,
                       station_id: int | None = None, handover: dt.time = dt.time(8, 0)) -> VehicleBoard:
    """Where each active vehicle of the scope is on each duty day (handover to handover)."""
    days = list(days)
    query = (select(Vehicle.id, Vehicle.call_sign, Vehicle.plate, VehicleType.code, VehicleType.name,
                    Vehicle.station_id, Station.short_name, Station.detachment_id, Vehicle.status, Vehicle.active)
             .join(VehicleType, VehicleType.id == Vehicle.type_id)
             .join(Station, Station.id == Vehicle.station_id)
             .join(Detachment, Detachment.id == Station.detachment_id)
             .where(Vehicle.active)
             .order_by(Detachment.sort_order, Station.sort_order, Station.id, Vehicle.call_sign, Vehicle.id))
    if station_id is not None:
        query = query.where(Vehicle.station_id == station_id)
    elif detachment_id is not None:
        query = query.where(Station.detachment_id == detachment_id)
    rows = [VehicleRow(*r) for r in session.execute(query)]
    width = len(days)
    texts = [[row.station] * width for row in rows]
    kinds = [bytearray([AT_HOME if row.status == "in_service" else OUT_OF_SERVICE]) * width for row in rows]
    maintenance = [[""] * width for _ in rows]
    if not rows or not days:
        return VehicleBoard(days, rows, texts, kinds, maintenance)
    row_of = {row.id: i for i, row in enumerate(rows)}
    first = dt.datetime.combine(days[0], handover)
    last = dt.datetime.combine(days[-1] + dt.timedelta(days=1), handover)
    day0 = to_min(first)
    step = DAY_MINUTES

    def columns(start: int, end: int) -> range:
        return range(max((start - day0) // step, 0), min((end - 1 - day0) // step + 1, width))

    minutes = Minutes()
    post_codes = dict(session.execute(select(Post.id, Post.code)).all())
    station_names = dict(session.execute(select(Station.id, Station.short_name)).all())
    v = VehicleDeployment.__table__.c
    seen: dict[tuple[int, int], list[str]] = defaultdict(list)
    for vid, s, e, post, station in session.execute(
            select(v.vehicle_id, type_coerce(v.start, String), type_coerce(v.end, String), v.post_id, v.station_id)
            .where(v.end > first, v.start < last).order_by(v.start)):
        r = row_of.get(vid)
        if r is None:
            continue
        text = post_codes.get(post, "?") if post is not None else station_names.get(station, "?")
        kind = AT_POST if post is not None else AWAY
        for c in columns(minutes[s], minutes[e]):
            if text not in seen[r, c]:
                seen[r, c].append(text)
            texts[r][c] = "/".join(seen[r, c])
            kinds[r][c] = max(kinds[r][c], kind) if kinds[r][c] != OUT_OF_SERVICE else kind
    for vid, s, e, reason in session.execute(
            select(Maintenance.vehicle_id, Maintenance.start, Maintenance.end, Maintenance.reason)
            .where(Maintenance.end > first, Maintenance.start < last)):
        r = row_of.get(vid)
        if r is None:
            continue
        for c in columns(to_min(s), to_min(e)):
            maintenance[r][c] = reason or "—"
    return VehicleBoard(days, rows, texts, kinds, maintenance)


