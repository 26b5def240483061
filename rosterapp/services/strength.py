"""A detachment's 执勤实力 of one duty day, for the HQ workbook's 汇总: people on duty, vehicles in
service at its stations, and the agents those vehicles carry.

The figures are those of the detachment summary's 合计 row (rosterapp.reports): people of the
detachment's stations on any duty (station or post) and not absent; vehicles active and in service,
not in maintenance, standing at one of its stations that day (a vehicle deployed at a post counts for
the post, which 汇总's 出动车辆 counts; one lent to another station counts where it stands).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from rosterapp import vocab
from rosterapp.models import (
    Absence,
    Duty,
    Maintenance,
    Person,
    ShiftType,
    Station,
    Vehicle,
    VehicleDeployment,
)
from rosterapp.services.dutyday import duty_window, load_handover


@dataclass(frozen=True)
class DutyStrength:
    present: int = 0
    vehicles: int = 0
    water_t: float = 0.0
    foam_t: float = 0.0
    powder_kg: float = 0.0

    def __add__(self, other: DutyStrength) -> DutyStrength:
        return DutyStrength(self.present + other.present, self.vehicles + other.vehicles,
                            round(self.water_t + other.water_t, 3), round(self.foam_t + other.foam_t, 3),
                            round(self.powder_kg + other.powder_kg, 3))


def detachment_strength(session: Session, detachment_ids: Iterable[int], day: dt.date) -> dict[int, DutyStrength]:
    """Each detachment's strength on duty day ``day``."""
    wanted = set(detachment_ids)
    lo, hi = duty_window(day, load_handover(session))
    station_det = {sid: det for sid, det in session.execute(
        select(Station.id, Station.detachment_id).where(Station.detachment_id.in_(wanted),
                                                        Station.grade != vocab.OFFICE_GRADE))}
    home = dict(session.execute(select(Person.id, Person.station_id)
                                .where(Person.station_id.in_(list(station_det)))).all())
    on_duty = set(session.scalars(
        select(Duty.person_id).join(ShiftType, ShiftType.id == Duty.shift_type_id)
        .where(ShiftType.is_duty, Duty.start < hi, Duty.end > lo, Duty.start >= lo - 2 * (hi - lo),
               Duty.person_id.in_(list(home)))))
    absent = set(session.scalars(select(Absence.person_id).where(
        Absence.start < hi, Absence.end > lo, Absence.person_id.in_(list(home)))))
    out = {det: DutyStrength() for det in wanted}
    for pid in on_duty - absent:
        det = station_det[home[pid]]
        out[det] = out[det] + DutyStrength(present=1)

    down = set(session.scalars(select(Maintenance.vehicle_id).where(Maintenance.start < hi, Maintenance.end > lo)))
    # Where a vehicle stands that day: at a post (not a station's), lent to a station, or at home.
    placed: dict[int, int | None] = {}
    for vid, post_id, station_id in session.execute(
            select(VehicleDeployment.vehicle_id, VehicleDeployment.post_id, VehicleDeployment.station_id)
            .where(VehicleDeployment.start < hi, VehicleDeployment.end > lo)):
        if post_id is not None:
            placed[vid] = None
        elif placed.get(vid, 0) is not None:
            placed[vid] = station_id
    for vid, sid, water, foam, powder in session.execute(
            select(Vehicle.id, Vehicle.station_id, Vehicle.water_t, Vehicle.foam_t, Vehicle.powder_kg)
            .where(Vehicle.active, Vehicle.status == "in_service")):
        if vid in down:
            continue
        where = placed.get(vid, sid) if vid in placed else sid
        det = station_det.get(where) if where is not None else None
        if det is None:
            continue
        out[det] = out[det] + DutyStrength(0, 1, water or 0.0, foam or 0.0, powder or 0.0)
    return out
