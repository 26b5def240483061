"""The 值班表 (duty table, spec/excel.md "Month roster workbooks"): days × duty roles, one sheet per station.

`export duty-table --out FILE.xlsx (--station NAME | --detachment CODE|NAME) --month YYYY-MM` writes, per station,
a merged title (东城支队前门消防救援站2026年3月值班表), the header 日期 | 星期 | 带班领导 | 站内值班 | 通信值班 and one
row per day with the holders' names; a detachment's workbook ends with its staff office's sheet, named after the
detachment (东城支队), holding 日期 | 星期 | 支队值班领导 | 支队总值班. Print-ready like the month roster.

`import duty-table FILE.xlsx [--dry-run]` reads such sheets in the variety clerks produce (title rows, dates as real
dates or text, weekdays as 一 / 周一 / 星期一, names with spaces inside or full-width, a 消防救援站 column) and
makes the roles of the file's stations and month, for the role columns the file has, exactly the file's: an
empty cell is nobody. All or nothing: every bad cell is named (ImportRejected); the roles that change are
written through dutybook.assign, the same edit a role typed in the window is, so that it can be undone.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from rosterapp import vocab
from rosterapp.errors import FieldError
from rosterapp.i18n import language, tr
from rosterapp.models import Detachment, Station
from rosterapp.services import dutybook, dutyday, roster
from rosterapp.services.calendar import WEEKDAYS_ZH, day_info
from rosterapp.services.changes import Change
from rosterapp.services.dutybook import AssignmentsEdit, Candidate
from rosterapp.services.excel import common as c
from rosterapp.services.excel.common import CellError, ImportRejected, column_letter, unreadable
from rosterapp.services.excel.month_sheets import (
    Unit,
    Units,
    day_head,
    day_label,
    month_in,
    norm,
    text_of,
    weekday_of,
)
from rosterapp.services.excel.reading import (
    _cached_values,
    open_workbook,
    sheet_rows,
    skipped_note,
    visible_sheets,
)
from rosterapp.services.excel.roster_export import TITLE_FORMAT, MonthStats, month_workbook, sheet_name
from rosterapp.services.excel.writer import (
    HEADER_FILL,
    MAX_WIDTH,
    ROW_HEIGHT,
    closing_workbook,
    print_setup,
    save_atomically,
)

DATE_HEADER = "日期"
WEEKDAY_HEADER = "星期"
STATION_HEADERS = ("消防救援站", "站")
ROLE_OF_HEADER = {zh: role for role, (zh, _en) in vocab.DUTY_ROLE.items()}  # 带班领导 -> leader
TITLE_SUFFIX = "值班表"
TITLE_ROW, HEADER_ROW, FIRST_DAY_ROW = 0, 1, 2  # 0-based, as xlsxwriter counts
DAY_FORMAT = 'm"月"d"日"'  # a real date shown 3月5日
HEADER_SEARCH_ROWS = 10
_WITH_STAFF_NO = re.compile(r"(.+?)\((.+)\)")  # 王伟(HD0012): 王伟（HD0012） once full-width is folded


def header_of(role: str) -> str:
    """带班领导 … 支队总值班: a role's column header (always Chinese: the clerks' sheets are)."""
    return vocab.DUTY_ROLE[role][0]


def duty_title(detachment: str, unit: str, first: dt.date) -> str:
    """东城支队前门消防救援站2026年3月值班表; a staff office (东城支队机关): 东城支队机关2026年3月值班表."""
    name = unit if unit.startswith(detachment) else detachment + unit
    return f"{name}{first.year}年{first.month}月{TITLE_SUFFIX}"


def _unit_label(unit: Unit) -> str:
    """How a change line names a unit: a station by its short name (前门), a staff office by its detachment."""
    return unit.detachment if unit.grade == vocab.OFFICE_GRADE else (unit.short or unit.name)


def _labels(people: list[Candidate]) -> dict[int, str]:
    """Person id -> what the table writes: the name, with the 工号 after it when the unit has two of that name."""
    counts = Counter(norm(p.name) for p in people)
    return {p.person_id: (f"{p.name}（{p.staff_no}）" if counts[norm(p.name)] > 1 and p.staff_no else p.name)
            for p in people}


# -- export ----------------------------------------------------------------------------------------

@dataclass
class DutySheet:
    name: str  # the sheet's name: 前门, or the detachment's (东城支队) for its staff office
    title: str
    roles: tuple[str, ...]
    rows: list[tuple[dt.date, list[str]]]  # per day: the holders' names, in ``roles`` order ("" for nobody)


@dataclass
class DutyTable:
    first: dt.date
    last: dt.date
    made: dt.datetime
    title: str
    sheets: list[DutySheet]


def collect(session: Session, first: dt.date, *, station_id: int | None = None, detachment_id: int | None = None,
            made: dt.datetime | None = None) -> DutyTable:
    """The month's duty table of one station (or staff office), or of a detachment's stations and its office."""
    if (station_id is None) == (detachment_id is None):
        raise ValueError("a station or a detachment")
    first, last = dutyday.month_range(first)
    query = (select(Station.id, Station.name, Station.short_name, Station.grade, Station.sort_order, Detachment.name)
             .join(Detachment, Detachment.id == Station.detachment_id))
    query = query.where(Station.id == station_id) if station_id is not None else query.where(
        Station.detachment_id == detachment_id)
    units = sorted(session.execute(query).all(), key=lambda s: (s.grade == vocab.OFFICE_GRADE, s.sort_order, s.id))
    ids = [u.id for u in units]
    held = dutybook.read_assignments(session, ids, first, last, with_offices=False)
    people = dutybook.candidates(session, ids)
    days = dutyday.days_between(first, last)
    sheets, taken = [], set()
    for sid, name, short, grade, _order, det_name in units:
        office = grade == vocab.OFFICE_GRADE
        roles = dutybook.roles_of(grade)
        labels = _labels(people.get(sid, []))
        rows = []
        for day in days:
            names = []
            for role in roles:
                holder = held.get((sid, day, role))
                names.append(labels.get(holder.person_id, holder.name) if holder is not None else "")
            rows.append((day, names))
        sheets.append(DutySheet(sheet_name(det_name if office else (short or name), taken),
                                duty_title(det_name, name, first), roles, rows))
    if station_id is not None and sheets:
        title = sheets[0].title
    else:
        title = f"{units[0][5] if units else ''}{first.year}年{first.month}月{TITLE_SUFFIX}"
    return DutyTable(first, last, made or dutyday.now().replace(microsecond=0), title, sheets)


class DutyTableWriter:
    def __init__(self, book: DutyTable):
        self.book = book
        self.stats = MonthStats()

    def write(self, path: Path) -> MonthStats:
        save_atomically(Path(path), self._write)
        return self.stats

    def _write(self, out: io.BytesIO) -> None:
        book = self.book
        wb = month_workbook(out, book, "月度值班表")
        with closing_workbook(wb):
            self.wb = wb
            self.base = {"border": 1, "valign": "vcenter", "font_size": 10}
            self.f_title = wb.add_format(TITLE_FORMAT)
            self.f_header = wb.add_format({**self.base, "bold": True, "bg_color": HEADER_FILL, "align": "center"})
            self._formats: dict[tuple[str, str | None], object] = {}
            for sheet in book.sheets:
                self._sheet(sheet)

    def _fmt(self, kind: str, fill: str | None):
        found = self._formats.get((kind, fill))
        if found is None:
            spec = {**self.base, "align": "center"}
            if kind == "date":
                spec["num_format"] = DAY_FORMAT
            if fill:
                spec["bg_color"] = fill
            found = self._formats[kind, fill] = self.wb.add_format(spec)
        return found

    def _sheet(self, sheet: DutySheet) -> None:
        ws = self.wb.add_worksheet(sheet.name)
        self.stats.sheets += 1
        self.stats.names.append(sheet.name)
        headers = [DATE_HEADER, WEEKDAY_HEADER, *(header_of(r) for r in sheet.roles)]
        width = len(headers)
        ws.merge_range(TITLE_ROW, 0, TITLE_ROW, width - 1, sheet.title, self.f_title)
        ws.set_row(TITLE_ROW, 24)
        for col, text in enumerate(headers):
            ws.write_string(HEADER_ROW, col, text, self.f_header)
        widths = [11.0, 6.0] + [c.display_width(h) + 4 for h in headers[2:]]
        row = FIRST_DAY_ROW
        for day, names in sheet.rows:
            info = day_info(day)
            fill = (roster.HOLIDAY_COLOR if info.holiday else
                    roster.OFF_DAY_COLOR if info.weekend and not info.adjusted_workday else None)
            ws.write_datetime(row, 0, dt.datetime.combine(day, dt.time()), self._fmt("date", fill))
            ws.write_string(row, 1, WEEKDAYS_ZH[day.weekday()], self._fmt("text", fill))
            for k, name in enumerate(names, start=2):
                # A name is written as text, never as a formula (write_string, strings_to_formulas off).
                if name:
                    ws.write_string(row, k, name, self._fmt("text", fill))
                    widths[k] = max(widths[k], c.display_width(name) + 2)
                else:
                    ws.write_blank(row, k, None, self._fmt("text", fill))
            ws.set_row(row, ROW_HEIGHT * 1.4)
            row += 1
            self.stats.rows += 1
        self.stats.cells += width * (len(sheet.rows) + 2)
        for col, w in enumerate(widths):
            ws.set_column(col, col, min(w, MAX_WIDTH))
        print_setup(ws, sheet.title, (TITLE_ROW, HEADER_ROW), (FIRST_DAY_ROW, 2), self.book.made)
        ws.set_portrait()  # a month of days and a few roles: one A4 page upright
        ws.fit_to_pages(1, 1)


def export_duty_table(session: Session, path: Path, first: dt.date, *, station_id: int | None = None,
                      detachment_id: int | None = None, made: dt.datetime | None = None) -> MonthStats:
    """Write the 值班表 of a station (or a staff office) or of a detachment for the month of ``first`` to ``path``
    (atomically): one sheet per station, then, for a detachment, its staff office's sheet."""
    began = time.perf_counter()
    book = collect(session, first, station_id=station_id, detachment_id=detachment_id, made=made)
    stats = DutyTableWriter(book).write(path)
    stats.seconds = time.perf_counter() - began
    return stats


# -- import ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RoleChange:
    """One role of one day the import changes, as a dry run lists it: 前门 3月5日 带班领导：张三 → 李四."""

    unit: str
    day: dt.date
    role: str
    old: str | None
    new: str | None

    def text(self) -> str:
        # The role as the column's header names it (带班领导), as the errors name the cells.
        return tr("{unit} {day} {role}: {old} → {new}", unit=self.unit, day=day_label(self.day),
                  role=header_of(self.role), old=self.old or c.NO_VALUE,
                  new=self.new or c.NO_VALUE)


@dataclass
class DutyTableResult:
    changed: int
    unchanged: int
    dry_run: bool
    first: dt.date | None = None  # the file's month
    units: list[str] = field(default_factory=list)  # the stations (and staff offices) the file holds
    changes: list[RoleChange] = field(default_factory=list)
    skipped_sheets: list[str] = field(default_factory=list)  # hidden sheets, never read
    edit: AssignmentsEdit | None = None  # what undo takes back; None when nothing was written

    @property
    def change(self) -> Change:
        return self.edit.change if self.edit is not None else Change()

    def summary(self) -> str:
        if self.dry_run:
            return tr("Dry run: {changed} roles would change, {unchanged} unchanged; nothing was written.",
                      changed=self.changed, unchanged=self.unchanged)
        return tr("Imported: {changed} roles changed, {unchanged} unchanged.", changed=self.changed,
                  unchanged=self.unchanged)

    def notes(self) -> list[str]:
        """What the summary's line leaves out: 跳过隐藏工作表：X."""
        return skipped_note(self.skipped_sheets)

    def detail_lines(self) -> list[str]:
        """One line per role that changes."""
        return [change.text() for change in self.changes]


@dataclass
class _Cell:
    row: int
    col: int
    header: str
    value: object

    def error(self, sheet: str, reason: str) -> CellError:
        return CellError(field=column_letter(self.col), row=self.row, reason=reason, header=self.header, sheet=sheet)


@dataclass
class _Group:
    """One unit's days as one sheet holds them."""

    unit: Unit
    sheet: str
    roles: dict[str, tuple[int, str]]  # role -> (column, its header as written)
    header: _Cell  # the 日期 header cell, where a missing day is reported
    first: dt.date | None = None
    days: dict[dt.date, int] = field(default_factory=dict)  # day -> its row
    cells: dict[tuple[dt.date, str], _Cell] = field(default_factory=dict)
    last_row: int = 0


def _header_text(value: object) -> str:
    return norm(value) if isinstance(value, str) else ""


def _rows(path: Path, ws) -> list[tuple[int, tuple]]:
    """The sheet's rows that hold data, formulas as their cached values (a 日期 of =A3+1, a 星期 of =TEXT(…))."""
    rows, formulas = [], set()
    for number, cells in sheet_rows(path, ws, values_only=False):
        values = []
        for col, cell in enumerate(cells):
            if getattr(cell, "data_type", None) == "f":
                formulas.add((number, col))
            values.append(c.clean(getattr(cell, "value", None)))
        rows.append((number, tuple(values)))
    if formulas:
        cached = _cached_values(path, ws.title, formulas)
        rows = [(n, tuple(c.clean(cached.get((n, col))) if (n, col) in formulas else v for col, v in enumerate(vals)))
                for n, vals in rows]
    return rows


class _Reader:
    def __init__(self, session: Session, path: Path):
        self.session = session
        self.path = path
        self.units = Units(session)
        self.errors: list[FieldError] = []
        self.groups: dict[int, _Group] = {}
        self.offices = {u.detachment_id: u for u in self.units.all if u.grade == vocab.OFFICE_GRADE}

    # The structure: which unit, which days, which cells.

    def sheet(self, name: str, rows: list[tuple[int, tuple]]) -> bool:
        """Read one sheet's table; False when it holds none (no header row with 日期 and a role)."""
        head = None
        for index, (number, values) in enumerate(rows):
            if number > HEADER_SEARCH_ROWS:
                break
            texts = [_header_text(v) for v in values]
            if DATE_HEADER in texts and any(t in ROLE_OF_HEADER for t in texts):
                head = index, number, values, texts
                break
        if head is None:
            return False
        index, number, values, texts = head
        headers = [str(v) if v is not None else "" for v in values]  # as written: 带班领导, 日 期
        date_cell = _Cell(number, texts.index(DATE_HEADER), headers[texts.index(DATE_HEADER)], None)
        weekday_col = texts.index(WEEKDAY_HEADER) if WEEKDAY_HEADER in texts else None
        station_col = next((texts.index(h) for h in STATION_HEADERS if h in texts), None)
        found: dict[str, tuple[int, str]] = {}
        for col, text in enumerate(texts):
            if text in ROLE_OF_HEADER and ROLE_OF_HEADER[text] not in found:
                found[ROLE_OF_HEADER[text]] = (col, headers[col])
        station_roles = {r: v for r, v in found.items() if r in vocab.STATION_ROLES}
        office = not station_roles
        roles = found if office else station_roles  # a station's sheet: office columns are "more columns"
        title = " ".join(str(v) for _n, vals in rows[:index] for v in vals if v is not None)
        unit = self._sheet_unit(name, title, office)
        if isinstance(unit, str):  # two stations named
            self.errors.append(date_cell.error(name, unit))
            return True
        month = month_in(title) or month_in(name)
        read = 0
        month_done = False  # the last row read was a month's last day: what follows is no day's
        for number, values in rows[index + 1:]:
            def cell(col: int | None, header: str, number=number, values=values) -> _Cell | None:
                if col is None:
                    return None
                return _Cell(number, col, header, values[col] if col < len(values) else None)

            date = cell(date_cell.col, date_cell.header)
            names = {role: cell(col, header) for role, (col, header) in roles.items()}
            station = cell(station_col, headers[station_col]) if station_col is not None else None
            head_day = day_head(date.value)
            if head_day is None:
                if (all(x.value is None for x in names.values()) and (station is None or station.value is None)
                        or month_done):
                    break  # the days are over: a note, a signature (制表人：… 审核：…) …
                self.errors.append(date.error(name, tr("Not a date.") if date.value is not None else tr(
                    "No date: one row for each day of the month.")))
                continue
            read += 1
            row_unit = unit
            if station is not None and station.value is not None:
                row_unit = self._station_cell(name, station, office)
                if row_unit is None:
                    continue
            if row_unit is None:
                self.errors.append(date_cell.error(name, tr(
                    "Which station this sheet is for is not said: name the sheet after the station, put the "
                    "station in its title, or add a 消防救援站 column.")))
                return True
            day = self._day(name, date, head_day, month)
            if day is None:
                continue
            month_done = day == dutyday.month_range(day)[1]
            group = self._group(row_unit, name, roles, date_cell)
            if group is None:
                continue
            if group.first is None:
                group.first = day.replace(day=1)
            if day.replace(day=1) != group.first:
                self.errors.append(date.error(name, tr("{day} is not in {month}: one sheet holds one month.",
                                                      day=day.isoformat(), month=f"{group.first:%Y-%m}")))
                continue
            if day in group.days:
                self.errors.append(date.error(name, tr("{day} is here twice (first in row {row}).",
                                                      day=day_label(day), row=group.days[day])))
                continue
            weekday = cell(weekday_col, headers[weekday_col]) if weekday_col is not None else None
            if weekday is not None and weekday.value is not None:
                written = weekday_of(weekday.value)
                if written is None:
                    self.errors.append(weekday.error(name, tr("Not a weekday (一 … 日, 周一, 星期一).")))
                elif written != day.weekday():
                    self.errors.append(weekday.error(name, tr(
                        "{day} is a {weekday}, not a {written}.", day=day_label(day),
                        weekday="周" + WEEKDAYS_ZH[day.weekday()], written="周" + WEEKDAYS_ZH[written])))
            group.days[day] = number
            group.last_row = max(group.last_row, number)
            for role, x in names.items():
                group.cells[day, role] = x
        if not read:
            self.errors.append(date_cell.error(name, tr("No days below the header.")))
        return True

    def _sheet_unit(self, sheet: str, title: str, office: bool) -> Unit | str | None:
        """The unit a sheet is for, from its title, else its name; a text naming two stations is an error (str)."""
        if office:
            det = self.units.detachment_in(title) if title else None
            if det is None:
                det = self.units.detachment_in(sheet)
            if det is None:
                named = [u for u in self.units.in_text(title) + self.units.named(sheet) + self.units.in_text(sheet)]
                dets = {u.detachment_id for u in named}
                det = dets.pop() if len(dets) == 1 else None
            return self.offices.get(det) if det is not None else None
        for found in (self.units.in_text(title) if title else [], self.units.named(sheet),
                      self.units.in_text(sheet)):
            found = [u for u in found if u.grade != vocab.OFFICE_GRADE]
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                return tr("The title names more than one station: {stations}.",
                          stations="、".join(u.name for u in found))
        return None

    def _station_cell(self, sheet: str, cell: _Cell, office: bool) -> Unit | None:
        text = text_of(cell.value)
        found = self.units.named(text) or self.units.in_text(text)
        if office:
            det = self.units.detachment_in(text)
            found = [self.offices[det]] if det in self.offices else [
                u for u in found if u.grade == vocab.OFFICE_GRADE]
        else:
            found = [u for u in found if u.grade != vocab.OFFICE_GRADE]
        if len(found) != 1:
            self.errors.append(cell.error(sheet, tr("Unknown station: {name}", name=cell.value) if not found else tr(
                "The title names more than one station: {stations}.", stations="、".join(u.name for u in found))))
            return None
        return found[0]

    def _day(self, sheet: str, cell: _Cell, head, month: tuple[int, int] | None) -> dt.date | None:
        year = head.year or (month[0] if month else None)
        mon = head.month or (month[1] if month else None)
        if year is None or mon is None:
            self.errors.append(cell.error(sheet, tr(
                "The month is not said: write the dates as dates (2026-03-01), or name the month in the title "
                "(…2026年3月值班表).")))
            return None
        day = head.date_in(year, mon)
        if day is None:
            self.errors.append(cell.error(sheet, tr("Not a date.")))
        return day

    def _group(self, unit: Unit, sheet: str, roles: dict, header: _Cell) -> _Group | None:
        group = self.groups.get(unit.id)
        if group is None:
            group = self.groups[unit.id] = _Group(unit, sheet, roles, header)
        elif group.sheet != sheet:
            self.errors.append(header.error(sheet, tr("{station} is also on sheet {sheet}: one sheet per station.",
                                                      station=unit.name, sheet=group.sheet)))
            return None
        return group

    def complete(self) -> None:
        """Every day of each unit's month there, and one month for the whole file."""
        month = None
        for group in self.groups.values():
            if group.first is None:
                continue
            if month is None:
                month = group.first
            elif group.first != month:
                first_row = min(group.days.values())
                self.errors.append(CellError(field=column_letter(group.header.col), row=first_row,
                                             header=group.header.header, sheet=group.sheet, reason=tr(
                                                 "{day} is not in {month}: one file holds one month.",
                                                 day=group.first.isoformat(), month=f"{month:%Y-%m}")))
                continue
            first, last = dutyday.month_range(group.first)
            days = sorted(group.days)
            for day in dutyday.days_between(first, last):
                if day in group.days:
                    continue
                later = [group.days[d] for d in days if d > day]
                row = min(later) if later else group.last_row + 1
                self.errors.append(CellError(field=column_letter(group.header.col), row=row,
                                             header=group.header.header, sheet=group.sheet, reason=tr(
                                                 "{day} is missing: one row for each day of the month.",
                                                 day=day_label(day))))

    # The names: who each cell means.

    def resolve(self) -> tuple[list[dutybook.Item], list[RoleChange], int]:
        ids = list(self.groups)
        people = dutybook.candidates(self.session, ids)
        months = [g.first for g in self.groups.values() if g.first is not None]
        if not months:
            return [], [], 0
        first = min(months)
        last = dutyday.month_range(max(months))[1]
        held = dutybook.read_assignments(self.session, ids, first, last, with_offices=False)
        items, changes, unchanged = [], [], 0
        for uid, group in self.groups.items():
            cands = people.get(uid, [])
            labels = _labels(cands)
            for (day, role), cell in sorted(group.cells.items(), key=lambda kv: (kv[0][0], kv[1].col)):
                holder = held.get((uid, day, role))
                current = holder.person_id if holder is not None else None
                wanted = self._person(group, role, cell, cands, current)
                if wanted is False:
                    continue
                pid = wanted.person_id if wanted is not None else None
                if pid == current:
                    unchanged += 1
                    continue
                items.append((uid, day, role, pid))
                old = labels.get(current, holder.name) if holder is not None else None
                changes.append(RoleChange(_unit_label(group.unit), day, role, old,
                                          labels.get(pid) if pid is not None else None))
        return items, changes, unchanged

    def _person(self, group: _Group, role: str, cell: _Cell, people: list[Candidate],
                current: int | None) -> Candidate | None | bool:
        """Who ``cell`` names among the unit's ``people``; None for nobody; False (an error noted) when no one."""
        text = text_of(cell.value)
        if not text:
            return None
        sheet, unit = group.sheet, group.unit
        with_no = _WITH_STAFF_NO.fullmatch(text)
        if with_no:
            name, staff_no = with_no.groups()
            found = [p for p in people if norm(p.staff_no) == staff_no]
            if found and norm(found[0].name) != name:
                self.errors.append(cell.error(sheet, tr("{staff_no} is {other}, not {name}.", staff_no=staff_no,
                                                        other=found[0].name, name=name)))
                return False
        else:
            found = ([p for p in people if norm(p.name) == text]
                     or [p for p in people if p.staff_no and norm(p.staff_no) == text])
        if not found:
            self.errors.append(cell.error(sheet, tr("{name} is not one of the people of {station}.",
                                                    name=cell.value, station=unit.name)))
            return False
        active = [p for p in found if p.active]
        if len(active) > 1 or (not active and len(found) > 1):
            same = active or found
            self.errors.append(cell.error(sheet, tr(
                "{count} people of {station} are named {name}: {people}; write the 工号 after the name, e.g. "
                "{example}.", count=len(same), station=unit.name, name=same[0].name,
                people="、".join(f"{p.name}（{' '.join(x for x in (p.staff_no, p.position) if x)}）" for p in same),
                example=f"{same[0].name}（{same[0].staff_no}）")))
            return False
        person = (active or found)[0]
        if person.person_id != current:  # who already holds the role stays, whatever became of them since
            if not person.active:
                self.errors.append(cell.error(sheet, tr("{name} is no longer active", name=person.name)))
                return False
            if role in vocab.LEADER_ROLES and not person.officer:
                self.errors.append(cell.error(sheet, tr(
                    "{name} ({position}) is not an officer: a {role} is a 站长, 指导员, 副站长 or one qualified "
                    "to command.", name=person.name, position=person.position or "—",
                    role=dutybook.role_label(role, language()))))
                return False
        return person


def import_duty_table(session: Session, path: Path, *, dry_run: bool = False) -> DutyTableResult:
    """Make the duty roles of the file's stations and month exactly the file's, or with ``dry_run`` say what
    would change; ImportRejected (nothing written) listing every bad cell."""
    path = Path(path)
    reader = _Reader(session, path)
    wb = open_workbook(path)
    try:
        names, hidden = visible_sheets(wb)
        tables = [name for name in names if reader.sheet(name, _rows(path, wb[name]))]
    finally:
        wb.close()
    if not tables:
        heads = "、".join(header_of(r) for r in (*vocab.STATION_ROLES, *vocab.OFFICE_ROLES))
        reason = tr("No sheet with a header row of 日期 and a duty role ({roles}) in its first 10 rows.", roles=heads)
        if hidden:
            reason += " " + tr("Hidden sheets are not read: {sheets}.", sheets="、".join(hidden))
        raise unreadable(path, reason)
    reader.complete()
    items, changes, unchanged = reader.resolve()  # its errors join those above: every bad cell at once
    if reader.errors:
        order = {name: k for k, name in enumerate(tables)}
        reader.errors.sort(key=lambda e: (order.get(getattr(e, "sheet", ""), 0), e.row or 0, len(e.field), e.field))
        raise ImportRejected(reader.errors, source=str(path))
    months = [g.first for g in reader.groups.values() if g.first is not None]
    result = DutyTableResult(len(items), unchanged, dry_run, min(months) if months else None,
                             [g.unit.name for g in reader.groups.values()], changes, list(hidden))
    if not dry_run and items:
        result.edit = dutybook.assign(session, items)
    return result
