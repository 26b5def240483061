"""The daily station sheet (执勤实力表 / 交接班记录): what it says, and how it is laid out as blocks.

Sheets are official forms handed over and signed at the station, so they are always in Chinese,
whatever language the window speaks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rosterapp import vocab
from rosterapp.reports import text as t
from rosterapp.reports.document import Column, Document, Handover, Row, Table, grid, rows
from rosterapp.reports.loader import DutyRow, HandoverInfo, PersonInfo, PostInfo, SheetData, overlaps

CORPS = "北京市消防救援总队"
TITLE = "执勤实力表"
SUBTITLE = "（交接班记录）"
STATION_SHIFT = "值"  # the ordinary 24-hour station duty; other shifts are marked next to the name
ROLE_COLUMNS = {"commander": 0, "driver": 1, "firefighter": 2, "safety": 2, "signaller": 3}
ROLE_ORDER = ("commander", "driver", "firefighter", "safety", "signaller")


@dataclass(frozen=True, slots=True)
class VehicleLine:
    """A vehicle of the station on the day: its status and who rides it (names by crew role)."""

    plate: str
    call_sign: str
    type_name: str
    status: str
    commanders: tuple[str, ...]
    drivers: tuple[str, ...]
    firefighters: tuple[str, ...]
    signallers: tuple[str, ...]
    away: bool = False


@dataclass(frozen=True, slots=True)
class Strength:
    """The day's numbers. 实在: own people on duty (station or posts) and not absent; 应在: 实在 plus
    those absent (leave, sickness, training, errands). 在册 counts the station's active people."""

    register: int
    expected: int
    present: int
    at_station: int
    at_posts: int
    absent: int
    vehicles: int
    vehicles_home: int
    vehicles_away: int
    vehicles_down: int
    # Agents carried by the vehicles in service at the station for the duty day (a vehicle at a post
    # counts for the post, one lent in for the station it stands at): water and foam t, dry powder kg.
    water_t: float = 0.0
    foam_t: float = 0.0
    powder_kg: float = 0.0
    vehicles_on_duty: int = 0  # the vehicles those loads are carried by


@dataclass(frozen=True, slots=True)
class AbsenceLine:
    name: str
    position: str
    kind: str
    period: str
    note: str


@dataclass(frozen=True, slots=True)
class PostShift:
    """One shift window of a post the station staffs, with its vehicles and crew."""

    code: str
    name: str
    duty_mode: str
    window: str
    vehicles: str
    commander: str
    commander_phone: str
    drivers: tuple[str, ...]
    others: tuple[str, ...]
    people: int


@dataclass(frozen=True, slots=True)
class HandoverRecord:
    """The handover of the duty day: the items as written (label, text; empty when nothing was entered),
    the outgoing leader (the day's 带班领导), the incoming one (the next day's) and the time."""

    items: tuple[tuple[str, str], ...]
    outgoing: str
    incoming: str
    time: str
    kept: bool  # whether a record was entered at all


@dataclass(frozen=True, slots=True)
class StationSheet:
    station: str
    detachment: str
    day: dt.date
    start: dt.datetime
    end: dt.datetime
    # Who the duty book names (带班领导, 站内值班, 通信值班): nobody assigned is an empty tuple.
    leaders: tuple[str, ...]
    others_on_duty: tuple[str, ...]
    readiness: str
    vehicles: tuple[VehicleLine, ...]
    strength: Strength
    absences: tuple[AbsenceLine, ...]
    posts: tuple[PostShift, ...]
    duty_officers: tuple[str, ...] = ()
    dispatchers: tuple[str, ...] = ()
    handover: HandoverRecord | None = None


def person_label(person: PersonInfo | None) -> tuple[str, ...]:
    """张伟（站长）: an assigned person with the position they hold; nobody is an empty tuple."""
    if person is None:
        return ()
    return (f"{person.name}（{person.position}）" if person.position else person.name,)


def handover_record(data: SheetData, station_id: int, day: dt.date) -> HandoverRecord:
    kept: HandoverInfo | None = data.handovers.get((station_id, day))
    items = tuple((label, (getattr(kept, code) if kept else "").strip())
                  for code, (label, _en) in vocab.HANDOVER_ITEM.items())
    outgoing = data.assigned(station_id, day, "leader")
    incoming = data.assigned(station_id, day + dt.timedelta(days=1), "leader")
    return HandoverRecord(items=items, outgoing=outgoing.name if outgoing else "",
                          incoming=incoming.name if incoming else "",
                          time=kept.handed_over_at.strftime("%H:%M") if kept and kept.handed_over_at else "",
                          kept=kept is not None)


def _marked(name: str, duty: DutyRow) -> str:
    return name if duty.shift_code == STATION_SHIFT else f"{name}（{duty.shift_code}）"


def readiness_text(data: SheetData, day: dt.date) -> str:
    code, operation = data.readiness(day)
    level = vocab.label(vocab.READINESS, code)
    return f"{level}（{operation.name}）" if operation is not None else level


def post_shifts(data: SheetData, post: PostInfo, day: dt.date) -> list[PostShift]:
    """The post's shift windows on ``day``, each with its vehicles and crew (as far as read)."""
    shifts = []
    for lo, hi in post.windows(day):
        duties = sorted(data.post_duties_in(post.id, lo, hi),
                        key=lambda d: (ROLE_ORDER.index(d.role) if d.role in ROLE_ORDER else 9, d.start))
        vehicles = [data.vehicles[v] for v in data.post_vehicles_in(post.id, lo, hi)]
        commander = next((d for d in duties if d.role == "commander"), None)
        people = list(dict.fromkeys(d.person_id for d in duties))
        shifts.append(PostShift(
            code=post.code, name=post.name, duty_mode=vocab.label(vocab.DUTY_MODE, post.duty_mode),
            window=t.window_text(lo, hi, day),
            vehicles="\n".join(f"{v.plate} {short_type(v.type_name)}" for v in vehicles),
            commander=data.people[commander.person_id].name if commander else "",
            commander_phone=t.phone_text(data.people[commander.person_id].phone) if commander else "",
            drivers=tuple(dict.fromkeys(data.people[d.person_id].name for d in duties if d.role == "driver")),
            others=tuple(dict.fromkeys(data.people[d.person_id].name for d in duties
                                       if d.role not in ("commander", "driver"))),
            people=len(people),
        ))
    return shifts


def short_type(type_name: str) -> str:
    """水罐消防车 -> 水罐: the type as crews say it."""
    return type_name.removesuffix("消防车").removesuffix("车") or type_name


def build_station_sheet(data: SheetData, station_id: int, day: dt.date) -> StationSheet:
    station = data.stations[station_id]
    lo, hi = data.window(day)
    duties = data.station_duties.get((station_id, day), [])
    people = data.people

    # The duty book says who leads and watches; nobody is guessed from positions.
    book = data.assignments.get((station_id, day), {})
    named = set(book.values())
    others, crews = [], {}
    for d in duties:
        person = people[d.person_id]
        if d.vehicle_id is not None:
            crews.setdefault(d.vehicle_id, []).append(d)
        elif d.person_id not in named:
            others.append(_marked(person.name, d))

    own = data.station_vehicles(station_id)
    lent_in = [data.vehicles[d.vehicle_id] for d in data.lent_in.get(station_id, ())
               if overlaps(d.start, d.end, lo, hi)]
    crewed_here = [data.vehicles[v] for v in crews]
    vehicles = list({v.id: v for v in (*own, *lent_in, *crewed_here)}.values())
    lent = {v.id for v in lent_in}

    lines = []
    home = away = down = 0
    water = foam = powder = 0.0
    on_duty_vehicles = 0
    for v in vehicles:
        status, is_away, is_down = _vehicle_status(data, v, station_id, lo, hi)
        seats: list[list[str]] = [[], [], [], []]
        for d in sorted(crews.get(v.id, ()), key=lambda d: d.start):
            seats[ROLE_COLUMNS.get(d.role or "firefighter", 2)].append(_marked(people[d.person_id].name, d))
        if v.station_id == station_id and v.status == "in_service":
            away += int(is_away)
            down += int(is_down and not is_away)
            home += int(not is_away and not is_down)
        if (v.status == "in_service" and not is_away and not is_down and v.active
                and (v.station_id == station_id or v.id in lent)):
            # In service here today: its loads are the station's (one lent in included, one sent out not;
            # another station's vehicle that people of this one crew stays on its own station's sheet).
            on_duty_vehicles += 1
            water += v.water_t
            foam += v.foam_t
            powder += v.powder_kg
        lines.append(VehicleLine(v.plate, v.call_sign, v.type_name, status, *(tuple(s) for s in seats),
                                 away=is_away))

    on_duty = data.on_duty.get((station_id, day), set())
    absences = data.absences.get((station_id, day), [])
    absent = {a.person_id for a in absences}
    at_posts = data.at_posts.get((station_id, day), set()) - {d.person_id for d in duties}
    strength = Strength(
        register=len(data.station_people(station_id)),
        expected=len(on_duty | absent),
        present=len(on_duty - absent),
        at_station=len({d.person_id for d in duties} - absent),
        at_posts=len(at_posts - absent),
        absent=len(absent),
        vehicles=sum(1 for v in own if v.status == "in_service"),
        vehicles_home=home, vehicles_away=away, vehicles_down=down,
        water_t=round(water, 3), foam_t=round(foam, 3), powder_kg=round(powder, 3),
        vehicles_on_duty=on_duty_vehicles,
    )
    absence_lines = tuple(
        AbsenceLine(people[a.person_id].name, people[a.person_id].position, vocab.label(vocab.ABSENCE_KIND, a.kind),
                    t.period_text(a.start, a.end, data.handover), a.note)
        for a in sorted(absences, key=lambda a: (a.start, people[a.person_id].name)))
    posts = tuple(s for post in data.posts_of_station(station_id, day) for s in post_shifts(data, post, day))
    return StationSheet(
        station=station.name, detachment=data.detachments[station.detachment_id].name, day=day, start=lo, end=hi,
        leaders=person_label(data.assigned(station_id, day, "leader")), others_on_duty=tuple(others),
        readiness=readiness_text(data, day), vehicles=tuple(lines), strength=strength, absences=absence_lines,
        posts=posts, duty_officers=person_label(data.assigned(station_id, day, "officer")),
        dispatchers=person_label(data.assigned(station_id, day, "dispatch")),
        handover=handover_record(data, station_id, day))


def _vehicle_status(data: SheetData, vehicle, station_id: int, lo: dt.datetime,
                    hi: dt.datetime) -> tuple[str, bool, bool]:
    """The status text of a vehicle on the day, and whether it is away or out of service."""
    parts = [vocab.label(vocab.VEHICLE_STATUS, vehicle.status)]
    away = False
    for d in data.deployments_of(vehicle.id, lo, hi):
        if d.post_id is not None:
            parts.append(f"驻点 {data.posts[d.post_id].code}" if d.post_id in data.posts else "驻点")
            away = True
        elif d.station_id is not None and d.station_id != station_id:
            parts.append(f"调往{data.stations[d.station_id].short_name}")
            away = True
        elif d.station_id == station_id and vehicle.station_id != station_id:
            parts.append(f"调自{data.stations[vehicle.station_id].short_name}")
    maintenance = data.maintenance_of(vehicle.id, lo, hi)
    for m in maintenance:
        parts.append(f"维修 {t.window_text(max(m.start, lo), min(m.end, hi), lo.date())}")
    down = bool(maintenance) or vehicle.status != "in_service"
    if len(parts) > 1 and vehicle.status == "in_service":
        parts = parts[1:]  # 驻点 DC-02 says enough: only a vehicle in service is sent out
    return " ".join(dict.fromkeys(parts)), away, down


# -- layout -----------------------------------------------------------------------------------------

VEHICLE_COLUMNS = (
    Column("序号", 0.6, "center"), Column("车牌号 / 呼号", 1.75), Column("车型", 1.3),
    Column("状态", 1.05, "center"), Column("战斗班长", 0.85, "center"), Column("驾驶员", 0.85, "center"),
    Column("战斗员", 1.95), Column("通信员", 0.85, "center"),
)
ABSENCE_COLUMNS = (
    Column("序号", 0.6, "center"), Column("姓名", 1.0, "center"), Column("职务", 1.0, "center"),
    Column("类别", 0.8, "center"), Column("时间", 2.2, "center"), Column("备注", 2.0),
)
POST_COLUMNS = (
    Column("点位", 1.25), Column("执勤方式", 0.85, "center"), Column("时段", 1.65, "center"),
    Column("车辆", 1.85), Column("带队指挥员", 1.3), Column("驾驶员", 0.8, "center"), Column("战斗员等", 1.55),
    Column("人数", 0.5, "center"),
)


def unit_line(sheet: StationSheet) -> str:
    return f"单位：{CORPS}{sheet.detachment}{sheet.station}"


def tons(value: float) -> str:
    """8 -> 8, 12.5 -> 12.5: a load as the sheet writes it."""
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"


def station_document(sheet: StationSheet, printed_at: dt.datetime) -> Document:
    s = sheet.strength
    pairs = [
        ("带班领导", t.or_none(t.names(sheet.leaders))), ("战备等级", sheet.readiness),
        ("站内值班", t.or_none(t.names(sheet.duty_officers))), ("通信值班", t.or_none(t.names(sheet.dispatchers))),
        ("执勤时间", f"{t.window_text(sheet.start, sheet.end, sheet.day)}"),
    ]
    if sheet.others_on_duty:
        pairs.append(("其他在岗", t.names(sheet.others_on_duty)))
    header = grid(pairs, per_row=2, label_width=0.9, value_width=2.6)
    vehicles = Table(VEHICLE_COLUMNS, tuple(
        Row((str(i), f"{v.plate}\n{v.call_sign}" if v.call_sign else v.plate, v.type_name, v.status,
             t.names(v.commanders), t.names(v.drivers),
             "见点位勤务" if v.away and not v.firefighters else t.names(v.firefighters), t.names(v.signallers)))
        for i, v in enumerate(sheet.vehicles, start=1)), caption="一、执勤车辆及人员", empty_text="本站无在册车辆")
    strength = grid([
        ("在册人数", str(s.register)), ("请休假等", str(s.absent)), ("在岗人数", str(s.present)),
        ("在站执勤", str(s.at_station)), ("外派点位", str(s.at_posts)),
        ("在用车辆", str(s.vehicles)), ("在站车辆", str(s.vehicles_home)), ("外派车辆", str(s.vehicles_away)),
        ("维修停用", str(s.vehicles_down)), ("应在人数", str(s.expected)),
        ("执勤车辆", str(s.vehicles_on_duty)), ("载水量", f"{tons(s.water_t)} 吨"),
        ("载泡沫量", f"{tons(s.foam_t)} 吨"), ("载干粉量", f"{tons(s.powder_kg)} 公斤"),
    ], per_row=5, label_width=1.0, value_width=0.75, caption="二、执勤实力")
    absences = Table(ABSENCE_COLUMNS, rows(
        (str(i), a.name, a.position, a.kind, a.period, a.note) for i, a in enumerate(sheet.absences, start=1)),
        caption="三、请假、休假及外出人员")
    posts = Table(POST_COLUMNS, rows(
        (f"{p.code}\n{p.name}", p.duty_mode, p.window, t.or_none(p.vehicles),
         f"{p.commander}\n{p.commander_phone}" if p.commander_phone else t.or_none(p.commander),
         t.names(p.drivers), t.names(p.others), str(p.people))
        for p in sheet.posts), caption="四、本站担负点位勤务", empty_text="本日无点位勤务")
    record = sheet.handover
    handover = Handover(
        caption="五、交接班记录",
        prompt="交接情况（车辆装备、器材、通信、营区安全及需说明的事项）：",
        lines=8,
        signatures=("交班带班领导", "接班带班领导", "交接时间"),
        items=record.items if record is not None and record.kept else (),
        signed=(record.outgoing, record.incoming, record.time) if record is not None else (),
        sign=(True, True, False),
    )
    return Document(
        title=TITLE, subtitle=SUBTITLE, unit=unit_line(sheet), date_line=f"执勤日：{t.date_line(sheet.day)}",
        running_title=f"{sheet.station} {TITLE} {t.date_line(sheet.day)}",
        blocks=(header, vehicles, strength, absences, posts, handover),
        printed_at=printed_at, kind="station", day=sheet.day, key=sheet.station,
    )
