"""Month roster workbooks (the clerk's own format, spec/excel.md): one people x days sheet per station.

`export roster --out FILE.xlsx (--station NAME | --detachment CODE|NAME) --month YYYY-MM` and the
window's File ▸ Export ▸ Month roster write them. The cells are the roster grid's own texts
(services.roster.load_roster), coloured as the grid colours them; the totals are services.statistics'
figures; the sheets are print-ready like the HQ workbook's (writer.print_setup) and written atomically.
A detachment's staff office (支队机关) is a sheet of its own, after the stations, when it has people.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter
from sqlalchemy import select
from sqlalchemy.orm import Session

from rosterapp import __version__
from rosterapp.errors import Cancelled
from rosterapp.models import Detachment, Station
from rosterapp.services import code_legend, dutyday, roster, statistics
from rosterapp.services.calendar import WEEKDAYS_ZH, day_info
from rosterapp.services.excel import common as c
from rosterapp.services.excel.writer import (
    HEADER_FILL,
    MAX_WIDTH,
    ROW_HEIGHT,
    closing_workbook,
    print_setup,
    save_atomically,
)

OFFICE = "office"
LEAD_HEADERS = ["序号", "姓名", "工号", "职务"]
TOTAL_HEADERS = ["值班天数", "夜班", "小时"]  # statistics.PersonStats: duty_days, night_shifts, hours
TOTAL_FIELDS = ("duty_days", "night_shifts", "hours")
LEGEND_PREFIX = "注："
HEADER_ROW, WEEKDAY_ROW, FIRST_PERSON_ROW = 1, 2, 3
DAY_FORMAT = "d"  # a real date shown as its day number: 1 … 31
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
# The merged title row above a sheet's header (the 值班表 writes its title so too).
TITLE_FORMAT = {"bold": True, "font_size": 14, "align": "center", "valign": "vcenter"}


@dataclass
class PersonLine:
    """One person's row: who, the grid's cell texts and kinds per day, and the month's totals."""

    number: int
    name: str
    staff_no: str
    position: str
    cells: list[str]
    kinds: bytes
    totals: tuple[int | float, ...]


@dataclass
class StationSheet:
    name: str  # the sheet's name
    title: str  # 海淀支队双榆树消防救援站2027年1月执勤排班表
    people: list[PersonLine]


@dataclass
class MonthRoster:
    first: dt.date
    last: dt.date
    made: dt.datetime
    title: str
    sheets: list[StationSheet]
    colors: dict[str, str]  # cell text -> fill (shift and absence codes)
    legend: str  # the 注： row

    @property
    def days(self) -> list[dt.date]:
        return dutyday.days_between(self.first, self.last)


@dataclass
class MonthStats:
    sheets: int = 0
    rows: int = 0
    cells: int = 0
    seconds: float = 0.0
    names: list[str] = field(default_factory=list)


def month_title(detachment: str, station: str, first: dt.date) -> str:
    """海淀支队双榆树消防救援站2027年1月执勤排班表 (a staff office: 海淀支队支队机关2027年1月执勤排班表)."""
    return f"{detachment}{station}{first.year}年{first.month}月执勤排班表"


def sheet_name(text: str, taken: set[str]) -> str:
    """A valid, unused worksheet name: at most 31 characters, none of []:*?/\\."""
    base = _SHEET_NAME_BAD.sub("_", text).strip("'")[:31] or "Sheet"
    name, k = base, 2
    while name.lower() in taken:
        suffix = f"({k})"
        name, k = base[:31 - len(suffix)] + suffix, k + 1
    taken.add(name.lower())
    return name


def legend_text(session: Session) -> str:
    """注：值=24小时值班；白=白班；…；假=休假；…；点位编号（如 DC-01）=在该点位执勤 — the code legend's one list."""
    parts = [f"{row.code}={row.name}" for row in code_legend.legend(session)]
    parts.append("点位编号（如 DC-01）=在该点位执勤")
    return LEGEND_PREFIX + "；".join(parts)


def collect(session: Session, first: dt.date, *, station_id: int | None = None, detachment_id: int | None = None,
            made: dt.datetime | None = None) -> MonthRoster:
    """The month roster of one station, or of a detachment's stations (and its staff office when staffed)."""
    if (station_id is None) == (detachment_id is None):
        raise ValueError("a station or a detachment")
    first, last = dutyday.month_range(first)
    days = dutyday.days_between(first, last)
    query = (select(Station.id, Station.name, Station.short_name, Station.grade, Station.sort_order,
                    Detachment.id, Detachment.name)
             .join(Detachment, Detachment.id == Station.detachment_id))
    query = query.where(Station.id == station_id) if station_id is not None else query.where(
        Station.detachment_id == detachment_id)
    stations = sorted(session.execute(query).all(), key=lambda s: (s.grade == OFFICE, s.sort_order, s.id))
    det_id = stations[0][5] if stations else detachment_id
    grid = roster.load_roster(session, days, station_id=station_id, detachment_id=det_id if station_id is None
                              else None)
    stats = statistics.compute(session, first, last, station_id=station_id,
                               detachment_id=det_id if station_id is None else None).by_person()
    by_station: dict[int, list[int]] = {}
    for r, row in enumerate(grid.rows):
        if not row.role:  # people only (duty-role rows belong to the window's grid)
            by_station.setdefault(row.station_id, []).append(r)
    sheets, taken = [], set()
    for sid, name, short, grade, _order, _det, det_name in stations:
        rows = by_station.get(sid, [])
        if grade == OFFICE and not rows and station_id is None:  # a detachment's office: when staffed
            continue
        people = []
        for k, r in enumerate(rows, start=1):
            row = grid.rows[r]
            p = stats.get(row.person_id)
            totals = tuple(getattr(p, f) if p is not None else 0 for f in TOTAL_FIELDS)
            people.append(PersonLine(k, row.name, row.staff_no, row.position, grid.cells[r], bytes(grid.kinds[r]),
                                     totals))
        sheets.append(StationSheet(sheet_name(short or name, taken), month_title(det_name, name, first), people))
    colors = {code.code: code.color for code in roster.shift_codes(session)}
    colors.update(roster.absence_cells.COLORS)
    det_name = stations[0][6] if stations else ""
    title = sheets[0].title if station_id is not None and sheets else f"{det_name}{first.year}年{first.month}月执勤排班表"
    return MonthRoster(first, last, made or dutyday.now().replace(microsecond=0), title, sheets, colors,
                       legend_text(session))


def month_workbook(out: io.BytesIO, book, subject: str) -> xlsxwriter.Workbook:
    """A month workbook (roster or 值班表) of ``book`` (its title, first and last day, when made): what a user
    typed is written as text, never as a formula, a link or a number."""
    wb = xlsxwriter.Workbook(out, {"strings_to_formulas": False, "strings_to_urls": False,
                                   "strings_to_numbers": False})
    wb.set_properties({"title": book.title, "subject": subject, "author": "rosterapp",
                       "comments": f"rosterapp {__version__}", "created": book.made})
    wb.set_custom_property(c.PROP_FIRST, book.first.isoformat())
    wb.set_custom_property(c.PROP_LAST, book.last.isoformat())
    return wb


class MonthWriter:
    """Writes a MonthRoster; ``cancelled`` is polled between rows, ``progress`` told (done, total)."""

    def __init__(self, book: MonthRoster, *, progress: c.Progress | None = None,
                 cancelled: c.CancelCheck | None = None):
        self.book = book
        self.progress = progress
        self.cancelled = cancelled
        self.stats = MonthStats()
        self.done = 0
        self.total = sum(len(s.people) for s in book.sheets) + len(book.sheets)

    def _tick(self) -> None:
        self.done += 1
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()
        if self.progress is not None:
            self.progress(self.done, self.total)

    def write(self, path: Path) -> MonthStats:
        save_atomically(Path(path), self._write)
        if self.progress is not None:
            self.progress(self.total, self.total)
        return self.stats

    def _write(self, out: io.BytesIO) -> None:
        book = self.book
        wb = month_workbook(out, book, "月度执勤排班表")
        with closing_workbook(wb):
            self._formats = {}
            base = {"border": 1, "valign": "vcenter", "font_size": 10}
            self.base = base
            self.f_title = wb.add_format(TITLE_FORMAT)
            self.f_header = wb.add_format({**base, "bold": True, "bg_color": HEADER_FILL, "align": "center"})
            self.f_text = wb.add_format(base)
            self.f_center = wb.add_format({**base, "align": "center"})
            self.f_int = wb.add_format({**base, "num_format": "0", "align": "center"})
            self.f_hours = wb.add_format({**base, "align": "center"})  # General: 24 and 7.5 as they are
            self.f_legend = wb.add_format({"font_size": 10, "text_wrap": True, "valign": "top"})
            self.wb = wb
            for sheet in book.sheets:
                self._sheet(sheet)

    def _fmt(self, *, fill: str | None, header: bool = False, day: bool = False):
        key = (fill, header, day)
        found = self._formats.get(key)
        if found is None:
            spec = {**self.base, "align": "center"}
            if header:
                spec["bold"] = True
            if fill:
                spec["bg_color"] = fill
            if day:
                spec["num_format"] = DAY_FORMAT
            found = self._formats[key] = self.wb.add_format(spec)
        return found

    def _sheet(self, sheet: StationSheet) -> None:
        book = self.book
        days = book.days
        ws = self.wb.add_worksheet(sheet.name)
        self.stats.sheets += 1
        self.stats.names.append(sheet.name)
        width = len(LEAD_HEADERS) + len(days) + len(TOTAL_HEADERS)
        ws.merge_range(0, 0, 0, width - 1, sheet.title, self.f_title)
        ws.set_row(0, 24)
        # Day columns shaded as the grid's headers: a holiday, a weekend (not a 调休 working day).
        shade: list[str | None] = []
        for day in days:
            info = day_info(day)
            shade.append(roster.HOLIDAY_COLOR if info.holiday else
                         roster.OFF_DAY_COLOR if info.weekend and not info.adjusted_workday else None)
        first_day = len(LEAD_HEADERS)
        for col, text in enumerate(LEAD_HEADERS):
            ws.write_string(HEADER_ROW, col, text, self.f_header)
            ws.write_blank(WEEKDAY_ROW, col, None, self.f_header)
        for i, day in enumerate(days):
            dt_day = dt.datetime.combine(day, dt.time())
            ws.write_datetime(HEADER_ROW, first_day + i, dt_day, self._fmt(fill=shade[i] or HEADER_FILL, header=True,
                                                                            day=True))
            ws.write_string(WEEKDAY_ROW, first_day + i, WEEKDAYS_ZH[day.weekday()],
                            self._fmt(fill=shade[i] or HEADER_FILL, header=True))
        totals_col = first_day + len(days)
        for k, text in enumerate(TOTAL_HEADERS):
            ws.write_string(HEADER_ROW, totals_col + k, text, self.f_header)
            ws.write_blank(WEEKDAY_ROW, totals_col + k, None, self.f_header)
        self.stats.cells += 2 * width + width
        longest = [c.display_width(h) + 2 for h in LEAD_HEADERS]
        day_width = 4.0
        colors = book.colors
        row = FIRST_PERSON_ROW
        for p in sheet.people:
            ws.write_number(row, 0, p.number, self.f_int)
            # Text a user typed is written as text, never as a formula (write_string, strings_to_formulas off).
            for col, value in ((1, p.name), (2, p.staff_no), (3, p.position)):
                if value:
                    ws.write_string(row, col, value, self.f_text)
                else:
                    ws.write_blank(row, col, None, self.f_text)
                longest[col] = max(longest[col], c.display_width(value) + 1)
            for i, text in enumerate(p.cells):
                fill = colors.get(text) or roster.KIND_COLORS.get(p.kinds[i]) if text else None
                if fill is None or fill.lower() == "#ffffff":
                    fill = shade[i]
                if text:
                    ws.write_string(row, first_day + i, text, self._fmt(fill=fill))
                    day_width = max(day_width, c.display_width(text) + 1)
                else:
                    ws.write_blank(row, first_day + i, None, self._fmt(fill=fill))
            for k, value in enumerate(p.totals):
                ws.write_number(row, totals_col + k, value, self.f_int if isinstance(value, int) else self.f_hours)
            self.stats.cells += width
            self.stats.rows += 1
            row += 1
            self._tick()
        # The legend after one empty row: importing stops at the first row with neither a name nor a code.
        legend_row = row + 1
        ws.merge_range(legend_row, 0, legend_row, width - 1, book.legend, self.f_legend)
        lines = -(-int(c.display_width(book.legend)) // int(width * 4)) + 1
        ws.set_row(legend_row, ROW_HEIGHT * max(2, lines))
        self.stats.cells += 1
        for col, w in enumerate(longest):
            ws.set_column(col, col, min(max(w, 4), MAX_WIDTH))
        ws.set_column(first_day, first_day + len(days) - 1, min(day_width, MAX_WIDTH))
        ws.set_column(totals_col, totals_col + len(TOTAL_HEADERS) - 1, 8)
        print_setup(ws, sheet.title, (0, WEEKDAY_ROW), (FIRST_PERSON_ROW, len(LEAD_HEADERS)), book.made)
        self._tick()


def export_month_roster(session: Session, path: Path, first: dt.date, *, station_id: int | None = None,
                        detachment_id: int | None = None, progress: c.Progress | None = None,
                        cancelled: c.CancelCheck | None = None, made: dt.datetime | None = None) -> MonthStats:
    """Write the month roster workbook of a station or a detachment to ``path`` (atomically)."""
    import time

    began = time.perf_counter()
    book = collect(session, first, station_id=station_id, detachment_id=detachment_id, made=made)
    stats = MonthWriter(book, progress=progress, cancelled=cancelled).write(path)
    stats.seconds = time.perf_counter() - began
    return stats
