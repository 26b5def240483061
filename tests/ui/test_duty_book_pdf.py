"""The duty book on paper: the station sheet and the detachment summary print the assigned leaders,
the day's strength with the agents carried, and the handover record as entered (read back with pdftotext)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from rosterapp.db import Database, open_database
from rosterapp.models import (
    Detachment,
    DutyAssignment,
    Maintenance,
    Person,
    Station,
    Vehicle,
    VehicleDeployment,
)
from rosterapp.reports.batch import DETACHMENT, STATION, SheetBatch, SheetRequest
from rosterapp.reports.station_sheet import build_station_sheet
from rosterapp.services import demo, handovers
from rosterapp.services.handovers import HandoverData
from rosterapp.ui.printing.fonts import sheet_fonts
from rosterapp.ui.printing.pdf import write_pdf

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (make test installs it)")

START = dt.date(2027, 3, 1)
DAY = dt.date(2027, 3, 3)  # a routine day before the demo's task
PRINTED_AT = dt.datetime(2027, 3, 3, 16, 45)


@pytest.fixture
def demo_db(tmp_path) -> Database:
    db = open_database(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    demo.generate(db, scale="small", seed=1, start=START)
    yield db
    db.dispose()


def pdftext(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, encoding="utf-8",
                         check=True).stdout
    return re.sub(r"\s+", "", out)


def write(db: Database, kind: str, ids: tuple[int, ...], path: Path) -> str:
    with db.read() as s:
        batch = SheetBatch(s, SheetRequest(kind, ids, DAY, DAY), printed_at=PRINTED_AT)
    write_pdf(batch.documents(), path, title=batch.title(), fonts=sheet_fonts())
    return pdftext(path)


def station(db: Database, short: str) -> int:
    with db.read() as s:
        return s.scalar(select(Station.id).where(Station.short_name == short))


def assigned(db: Database, station_id: int, day: dt.date, role: str) -> str | None:
    with db.read() as s:
        return s.scalar(select(Person.name).join(DutyAssignment, DutyAssignment.person_id == Person.id)
                        .where(DutyAssignment.station_id == station_id, DutyAssignment.day == day,
                               DutyAssignment.role == role))


def loads_at_home(db: Database, station_id: int) -> tuple[int, float, float, float]:
    """The station's active vehicles in service that day, neither in maintenance nor deployed: counted here."""
    lo = dt.datetime.combine(DAY, dt.time(8))
    hi = lo + dt.timedelta(days=1)
    with db.read() as s:
        out = set(s.scalars(select(Maintenance.vehicle_id).where(Maintenance.start < hi, Maintenance.end > lo)))
        out |= set(s.scalars(select(VehicleDeployment.vehicle_id).where(VehicleDeployment.start < hi,
                                                                        VehicleDeployment.end > lo)))
        rows = [r for r in s.execute(select(Vehicle.id, Vehicle.water_t, Vehicle.foam_t, Vehicle.powder_kg).where(
            Vehicle.station_id == station_id, Vehicle.active, Vehicle.status == "in_service")) if r[0] not in out]
    return len(rows), sum(r[1] for r in rows), sum(r[2] for r in rows), sum(r[3] for r in rows)


def test_the_station_sheet_prints_the_assigned_leaders_the_loads_and_the_handover(qapp, demo_db, tmp_path):
    sid = station(demo_db, "白纸坊")  # a 特勤站, whose 泡沫 tenders carry foam
    with demo_db.begin() as s:
        # A foam tender of the station: its loads, edited in the register, are what the sheet adds up.
        v = s.scalar(select(Vehicle).where(Vehicle.station_id == sid, Vehicle.active).order_by(Vehicle.id))
        v.water_t, v.foam_t = 7.5, 1.5
        handovers.save_handover(s, sid, DAY, HandoverData(
            vehicles="执勤车辆满载，车况良好。", comms="电台、对讲机通信畅通。", notes="上级通知：加强夜间战备值守。",
            handed_over_at=dt.time(8, 5)))
    leader = assigned(demo_db, sid, DAY, "leader")
    incoming = assigned(demo_db, sid, DAY + dt.timedelta(days=1), "leader")
    officer, dispatch = assigned(demo_db, sid, DAY, "officer"), assigned(demo_db, sid, DAY, "dispatch")
    assert leader and incoming and officer and dispatch
    text = write(demo_db, STATION, (sid,), tmp_path / "白纸坊.pdf")
    assert f"带班领导{leader}" in text
    assert f"站内值班{officer}" in text and f"通信值班{dispatch}" in text
    count, water, foam, powder = loads_at_home(demo_db, sid)
    assert foam > 0
    assert f"执勤车辆{count}" in text
    assert f"载水量{water:g}吨" in text and f"载泡沫量{foam:g}吨" in text and f"载干粉量{powder:g}公斤" in text
    # The handover as entered; an item left empty keeps its label and a line to write on.
    assert "车辆装备：执勤车辆满载，车况良好。" in text
    assert "通信：电台、对讲机通信畅通。" in text and "需说明的事项：上级通知：加强夜间战备值守。" in text
    assert "器材：通信：" in text and "营区安全：需说明的事项" in text  # left empty: the label and a line
    assert f"交班带班领导：{leader}签名：" in text and f"接班带班领导：{incoming}签名：" in text
    assert "交接时间：08:05" in text


def test_a_day_without_an_assigned_leader_prints_a_dash_not_a_guess(qapp, demo_db, tmp_path):
    sid = station(demo_db, "前门")
    with demo_db.begin() as s:
        s.execute(delete(DutyAssignment).where(DutyAssignment.station_id == sid, DutyAssignment.day == DAY,
                                               DutyAssignment.role == "leader"))
    with demo_db.read() as s:
        sheet = build_station_sheet(SheetBatch(s, SheetRequest(STATION, (sid,), DAY, DAY)).data, sid, DAY)
    assert sheet.leaders == ()
    text = write(demo_db, STATION, (sid,), tmp_path / "前门.pdf")
    assert "带班领导—" in text
    assert "交班带班领导（签名）：" not in text and "交班带班领导：" in text


def test_the_detachment_summary_prints_the_offices_leaders_and_the_loads_per_station(qapp, demo_db, tmp_path):
    with demo_db.read() as s:
        dc = s.scalar(select(Detachment.id).where(Detachment.code == "DC"))
        office = s.scalar(select(Station.id).where(Station.detachment_id == dc, Station.grade == "office"))
        stations = list(s.scalars(select(Station.id).where(Station.detachment_id == dc, Station.grade != "office")
                                  .order_by(Station.sort_order)))
    det_leader, det_chief = assigned(demo_db, office, DAY, "det_leader"), assigned(demo_db, office, DAY, "det_chief")
    assert det_leader and det_chief
    text = write(demo_db, DETACHMENT, (dc,), tmp_path / "东城.pdf")
    assert f"支队值班领导{det_leader}" in text and f"支队总值班{det_chief}" in text
    assert "东城支队机关" not in text  # the office is the header, not a station row
    total = [0.0, 0.0, 0.0]
    for sid in stations:
        _count, *agents = loads_at_home(demo_db, sid)
        total = [a + b for a, b in zip(total, agents, strict=True)]
        assert assigned(demo_db, sid, DAY, "leader") in text
    assert f"水{total[0]:g}吨，泡沫{total[1]:g}吨，干粉{total[2]:g}公斤" in text
