"""The daily post sheet (点位执勤表): a post's particulars, and its vehicles and crew per shift window."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rosterapp import vocab
from rosterapp.reports import text as t
from rosterapp.reports.document import Column, Document, Handover, Table, grid, rows
from rosterapp.reports.loader import PostInfo, SheetData
from rosterapp.reports.station_sheet import CORPS, ROLE_ORDER, readiness_text, tons

TITLE = "点位执勤表"
# Section numbers; a post has at most two shift windows a day (day and night).
NUMERALS = "一二三四五六七八九十"
SUBTITLE = "（重大活动消防安保）"


@dataclass(frozen=True, slots=True)
class CrewLine:
    role: str
    name: str
    rank: str
    position: str
    station: str
    phone: str
    vehicle: str


@dataclass(frozen=True, slots=True)
class ShiftWindow:
    """One shift window of the post: its vehicles, crew and commander (带队指挥员)."""

    label: str
    vehicles: tuple[str, ...]
    crew: tuple[CrewLine, ...]
    commander: CrewLine | None
    # The agents the window's vehicles carry (water t, foam t, dry powder kg): a vehicle at the post
    # counts here for the window, not at its station.
    agents: tuple[float, float, float] = (0.0, 0.0, 0.0)


@dataclass(frozen=True, slots=True)
class PostSheet:
    post: PostInfo
    operation: str
    detachment: str
    station: str
    day: dt.date
    readiness: str
    windows: tuple[ShiftWindow, ...]


def window_label(post: PostInfo, lo: dt.datetime, hi: dt.datetime, day: dt.date) -> str:
    """24小时 08:00—次日08:00, 白班 08:00—20:00, 夜班 20:00—次日08:00."""
    span = t.window_text(lo, hi, day)
    if post.rotation == "24h":
        return f"24小时 {span}"
    return f"{'白班' if lo.hour < 20 and lo.date() == day else '夜班'} {span}"


def build_post_sheet(data: SheetData, post_id: int, day: dt.date) -> PostSheet:
    post = data.posts[post_id]
    windows = []
    for lo, hi in post.windows(day):
        duties = sorted(data.post_duties_in(post_id, lo, hi),
                        key=lambda d: (ROLE_ORDER.index(d.role) if d.role in ROLE_ORDER else 9, d.start, d.person_id))
        crew = []
        for d in duties:
            person = data.people[d.person_id]
            crew.append(CrewLine(
                role=vocab.label(vocab.CREW_ROLE, d.role) if d.role else "", name=person.name, rank=person.rank,
                position=person.position, station=data.stations[person.station_id].short_name,
                phone=t.phone_text(person.phone),
                vehicle=data.vehicles[d.vehicle_id].plate if d.vehicle_id is not None else ""))
        here = [data.vehicles[i] for i in data.post_vehicles_in(post_id, lo, hi)]
        vehicles = tuple(f"{v.plate} {v.type_name}" + (f"（{v.call_sign}）" if v.call_sign else "") for v in here)
        agents = (round(sum(v.water_t for v in here), 3), round(sum(v.foam_t for v in here), 3),
                  round(sum(v.powder_kg for v in here), 3))
        commander = next((c for c, d in zip(crew, duties, strict=True) if d.role == "commander"), None)
        windows.append(ShiftWindow(window_label(post, lo, hi, day), vehicles, tuple(crew), commander, agents))
    station = data.stations[post.station_id].name if post.station_id in data.stations else ""
    return PostSheet(post=post, operation=data.operation_names.get(post.operation_id, ""),
                     detachment=data.detachments[post.detachment_id].name, station=station, day=day,
                     readiness=readiness_text(data, day), windows=tuple(windows))


# -- layout -----------------------------------------------------------------------------------------

CREW_COLUMNS = (
    Column("序号", 0.6, "center"), Column("分工", 0.8, "center"), Column("姓名", 0.95, "center"),
    Column("衔级", 1.0, "center"), Column("职务", 0.9, "center"), Column("所属站", 0.9, "center"),
    Column("联系电话", 1.35, "center"), Column("车辆", 1.4, "center"),
)


def post_document(sheet: PostSheet, printed_at: dt.datetime) -> Document:
    p = sheet.post
    vehicles_required = t.names(f"{name}×{count}" for name, count in p.vehicles)
    details = grid([
        ("点位编号", p.code), ("点位名称", p.name),
        ("点位类型", vocab.label(vocab.POST_TYPE, p.post_type)), ("执勤方式", vocab.label(vocab.DUTY_MODE, p.duty_mode)),
        ("责任支队", sheet.detachment), ("派出站", t.or_none(sheet.station)),
        ("战备等级", sheet.readiness), ("轮换方式", f"{vocab.label(vocab.ROTATION, p.rotation)}，"
                                           f"{p.handover.strftime('%H:%M')} 交接"),
        ("地址", t.or_none(p.address)), ("无线信道", t.or_none(p.radio_channel)),
        ("到场时限", f"{p.arrival_minutes} 分钟" if p.arrival_minutes else t.NONE),
        ("最少人数", f"{p.min_people} 人" + ("，须有指挥员" if p.needs_commander else "")),
        ("车辆要求", t.or_none(vehicles_required)), ("资质要求", t.or_none(t.names(p.qualifications))),
        ("备注", t.or_none(p.remarks)), ("", ""),
    ], per_row=2, label_width=0.9, value_width=2.6, caption="一、点位基本情况")
    blocks: list = [details]
    for n, window in enumerate(sheet.windows):
        commander = window.commander
        caption = f"{NUMERALS[n + 1]}、{window.label}"
        blocks.append(grid([
            ("车辆", t.or_none(t.names(window.vehicles))),
            ("在岗人数", f"{len({c.name for c in window.crew})} 人"),
            ("带队指挥员", f"{commander.name}（{commander.rank}）" if commander else "未指定"),
            ("指挥员电话", commander.phone if commander and commander.phone else t.NONE),
            ("载运灭火剂", "水 {} 吨，泡沫 {} 吨，干粉 {} 公斤".format(*(tons(x) for x in window.agents))
             if window.vehicles else t.NONE),
        ], per_row=2, label_width=0.9, value_width=2.6, caption=caption))
        blocks.append(Table(CREW_COLUMNS, rows(
            (str(i), c.role, c.name, c.rank, c.position, c.station, c.phone, c.vehicle)
            for i, c in enumerate(window.crew, start=1)), empty_text="本时段无人员值守"))
    blocks.append(Handover(
        caption=f"{NUMERALS[len(sheet.windows) + 1]}、交接班记录",
        prompt="执勤情况（车辆器材、水源、通信、现场情况及需说明的事项）：",
        lines=6,
        signatures=("交班指挥员（签名）", "接班指挥员（签名）", "交接时间"),
    ))
    return Document(
        title=TITLE, subtitle=SUBTITLE, unit=f"单位：{CORPS}{sheet.detachment}　任务：{sheet.operation}",
        date_line=f"执勤日：{t.date_line(sheet.day)}",
        running_title=f"{p.code} {p.name} {TITLE} {t.date_line(sheet.day)}",
        blocks=tuple(blocks), printed_at=printed_at, kind="post", day=sheet.day, key=p.code,
    )
