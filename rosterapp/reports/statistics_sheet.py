"""The printed duty statistics (勤务统计表, A4 landscape): one table per station, with its total and spread.

The figures are services.statistics', the same the statistics view and the workbook's 月度统计 show.
"""

from __future__ import annotations

import datetime as dt

from rosterapp.reports import text as t
from rosterapp.reports.document import Column, Document, Row, Table
from rosterapp.reports.station_sheet import CORPS
from rosterapp.services.statistics import COLUMNS, SPREAD_FIELDS, PersonStats, Statistics, hours_text, spread

TITLE = "勤务统计表"
HOURS = frozenset({"post_hours", "hours"})
SPREAD_LABEL = "最多 / 最少"


def figure_text(name: str, value: int | float) -> str:
    return hours_text(value) if name in HOURS else str(value)


def _person_row(i: int, p: PersonStats) -> Row:
    return Row((str(i), p.name, p.staff_no, p.position, *(figure_text(n, p.value(n)) for n, _zh, _en in COLUMNS)))


def statistics_document(stats: Statistics, unit: str, printed_at: dt.datetime) -> Document:
    """The sheet of ``stats`` for ``unit`` (a detachment's or a station's name, or the corps)."""
    columns = (Column("序号", 0.45, "center"), Column("姓名", 0.9), Column("工号", 0.9, "center"),
               Column("职务", 0.9), *(Column(zh, 1.15 if len(zh) > 4 else 0.8, "center") for _n, zh, _en in COLUMNS))
    blocks = []
    for _sid, people in stats.stations():
        rows = [_person_row(i, p) for i, p in enumerate(people, start=1)]
        totals = [sum(p.value(n) for p in people) for n, _zh, _en in COLUMNS]
        rows.append(Row(("", "合计", "", "", *(figure_text(n, v) for (n, _zh, _en), v in
                                              zip(COLUMNS, totals, strict=True))), bold=True, shade=True))
        spreads = []
        for n, _zh, _en in COLUMNS:
            found = spread(people, n) if n in SPREAD_FIELDS else None
            spreads.append(f"{figure_text(n, found[1])} / {figure_text(n, found[0])}" if found else "")
        if any(spreads):
            rows.append(Row(("", SPREAD_LABEL, "", "", *spreads)))
        caption = f"{people[0].station}（{len(people)} 人）"
        blocks.append(Table(columns, tuple(rows), caption=caption))
    if not blocks:
        blocks.append(Table(columns, (), caption="", empty_text="无人员"))
    span = (f"{t.date_zh(stats.first)}至{t.date_zh(stats.last)}" if stats.first != stats.last
            else t.date_zh(stats.first))
    return Document(
        title=TITLE, subtitle="", unit=f"单位：{CORPS}{unit}" if unit != CORPS else f"单位：{CORPS}",
        date_line=f"统计期间：{span}", running_title=f"{unit} {TITLE} {span}", blocks=tuple(blocks),
        printed_at=printed_at, landscape=True, kind="statistics", day=stats.first, key=unit)
