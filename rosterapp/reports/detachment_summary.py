"""The detachment's daily summary (执勤力量汇总表, A4 landscape): stations, posts and open problems."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rosterapp import vocab
from rosterapp.reports import text as t
from rosterapp.reports.document import Column, Document, Row, Table, grid, rows
from rosterapp.reports.loader import SheetData
from rosterapp.reports.station_sheet import (
    CORPS,
    StationSheet,
    build_station_sheet,
    person_label,
    post_shifts,
    readiness_text,
    short_type,
    tons,
)

TITLE = "执勤力量汇总表"


@dataclass(frozen=True, slots=True)
class PostLine:
    code: str
    name: str
    post_type: str
    duty_mode: str
    station: str
    window: str
    vehicles: str
    commander: str
    people: int
    min_people: int
    state: str


@dataclass(frozen=True, slots=True)
class ProblemLine:
    severity: str
    rule: str
    when: str
    message: str


@dataclass(frozen=True, slots=True)
class DetachmentSummary:
    detachment: str
    day: dt.date
    readiness: str
    stations: tuple[StationSheet, ...]
    posts: tuple[PostLine, ...]
    problems: tuple[ProblemLine, ...]
    counts: dict[str, int]
    # The detachment's duty leader and chief of watch of the day, as its staff office assigned them.
    det_leaders: tuple[str, ...] = ()
    det_chiefs: tuple[str, ...] = ()


def post_state(people: int, minimum: int, vehicles: str, commander: str, needs_commander: bool) -> str:
    if not people or not vehicles:
        return "无人值守"
    if people < minimum or (needs_commander and not commander):
        return "力量不足"
    return "正常"


def build_detachment_summary(data: SheetData, detachment_id: int, day: dt.date,
                             problems: list[ProblemLine], counts: dict[str, int]) -> DetachmentSummary:
    stations = tuple(build_station_sheet(data, sid, day) for sid, st in data.stations.items()
                     if st.detachment_id == detachment_id and st.grade != vocab.OFFICE_GRADE)
    office = data.office_of(detachment_id)
    posts = []
    for post in data.posts.values():
        if post.detachment_id != detachment_id or not post.active_on(day):
            continue
        station = data.stations[post.station_id].short_name if post.station_id in data.stations else ""
        for shift in post_shifts(data, post, day):
            commander = f"{shift.commander}\n{shift.commander_phone}" if shift.commander_phone else shift.commander
            posts.append(PostLine(
                code=post.code, name=post.name, post_type=vocab.label(vocab.POST_TYPE, post.post_type),
                duty_mode=shift.duty_mode, station=station, window=shift.window, vehicles=shift.vehicles,
                commander=commander, people=shift.people, min_people=post.min_people,
                state=post_state(shift.people, post.min_people, shift.vehicles, shift.commander,
                                 post.needs_commander)))
    return DetachmentSummary(
        detachment=data.detachments[detachment_id].name, day=day, readiness=readiness_text(data, day),
        stations=stations, posts=tuple(posts), problems=tuple(problems), counts=counts,
        det_leaders=person_label(data.assigned(office, day, "det_leader")) if office is not None else (),
        det_chiefs=person_label(data.assigned(office, day, "det_chief")) if office is not None else ())


# -- layout -----------------------------------------------------------------------------------------

STATION_COLUMNS = (
    Column("序号", 0.6, "center"), Column("消防救援站", 1.6), Column("带班领导", 1.75),
    Column("在册", 0.55, "center"), Column("应在", 0.55, "center"), Column("实在", 0.55, "center"),
    Column("在站", 0.55, "center"), Column("点位", 0.55, "center"), Column("请休假", 0.65, "center"),
    Column("在用车", 0.65, "center"), Column("在站车", 0.65, "center"), Column("外派车", 0.65, "center"),
    Column("维修", 0.55, "center"), Column("载水\n吨", 0.65, "center"), Column("泡沫\n吨", 0.65, "center"),
    Column("干粉\n公斤", 0.75, "center"), Column("在站车辆", 3.0),
)
STRENGTH_FIELDS = ("register", "expected", "present", "at_station", "at_posts", "absent", "vehicles",
                   "vehicles_home", "vehicles_away", "vehicles_down")
LOAD_FIELDS = ("water_t", "foam_t", "powder_kg")
POST_COLUMNS = (
    Column("点位", 0.75, "center"), Column("名称", 1.6), Column("类型", 0.75, "center"),
    Column("执勤方式", 0.85, "center"), Column("派出站", 0.85, "center"), Column("时段", 1.25, "center"),
    Column("车辆", 1.7), Column("带队指挥员", 1.3), Column("人数", 0.5, "center"), Column("最少", 0.5, "center"),
    Column("状态", 0.8, "center"),
)
PROBLEM_COLUMNS = (
    Column("序号", 0.6, "center"), Column("级别", 0.55, "center"), Column("规则", 1.6),
    Column("时间", 1.7, "center"), Column("说明", 7.0),
)


def summary_document(summary: DetachmentSummary, printed_at: dt.datetime) -> Document:
    sheets = summary.stations
    total = [sum(getattr(s.strength, name) for s in sheets) for name in STRENGTH_FIELDS]
    loads = [sum(getattr(s.strength, name) for s in sheets) for name in LOAD_FIELDS]
    counts = summary.counts
    header = grid([
        ("支队值班领导", t.or_none(t.names(summary.det_leaders))), ("支队总值班", t.or_none(t.names(summary.det_chiefs))),
        ("战备等级", summary.readiness),
        ("消防救援站", f"{len(sheets)} 个"), ("在岗 / 在册", f"{total[2]} / {total[0]} 人（请休假 {total[5]}）"),
        ("点位勤务", f"{len({p.code for p in summary.posts})} 个"),
        ("在用车辆", f"{total[6]} 辆（在站 {total[7]}，外派 {total[8]}）"),
        ("载运灭火剂", f"水 {tons(loads[0])} 吨，泡沫 {tons(loads[1])} 吨，干粉 {tons(loads[2])} 公斤"),
        ("当日问题", f"错误 {counts.get('error', 0)}，警告 {counts.get('warning', 0)}，提示 {counts.get('info', 0)}"),
    ], per_row=3, label_width=0.9, value_width=2.2)
    station_rows = [
        Row((str(i), s.station, t.or_none(t.names(s.leaders)),
             *(str(getattr(s.strength, name)) for name in STRENGTH_FIELDS),
             *(tons(getattr(s.strength, name)) for name in LOAD_FIELDS),
             t.names(f"{short_type(v.type_name)} {v.plate}" for v in s.vehicles if not v.away)))
        for i, s in enumerate(sheets, start=1)]
    station_rows.append(Row(("", "合计", "", *(str(n) for n in total), *(tons(n) for n in loads), ""),
                            bold=True, shade=True))
    stations = Table(STATION_COLUMNS, tuple(station_rows), caption="一、各站执勤实力")
    posts = Table(POST_COLUMNS, rows(
        (p.code, p.name, p.post_type, p.duty_mode, p.station, p.window, t.or_none(p.vehicles),
         t.or_none(p.commander), str(p.people), str(p.min_people), p.state) for p in summary.posts),
        caption="二、点位勤务", empty_text="本日无点位勤务")
    problems = Table(PROBLEM_COLUMNS, rows(
        (str(i), p.severity, p.rule, p.when, p.message) for i, p in enumerate(summary.problems, start=1)),
        caption="三、当日未解决问题（排班检查）", empty_text="未发现问题")
    return Document(
        title=TITLE, subtitle="", unit=f"单位：{CORPS}{summary.detachment}",
        date_line=f"执勤日：{t.date_line(summary.day)}",
        running_title=f"{summary.detachment} {TITLE} {t.date_line(summary.day)}",
        blocks=(header, stations, posts, problems), printed_at=printed_at, landscape=True,
        kind="detachment", day=summary.day, key=summary.detachment,
    )
