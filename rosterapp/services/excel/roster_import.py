"""Importing month roster workbooks, the people x days sheets clerks keep (spec/excel.md, "Month roster workbooks").

`import roster FILE.xlsx [--station NAME] [--month YYYY-MM] [--dry-run]` and the window's File ▸ Import ▸ Month
roster read them. A sheet is read when it is visible and has, within its first 10 rows, a header with 姓名 and at
least 28 day columns; every other sheet (a 值班表, notes) is passed over. For the people and month of each sheet
read, the station-duty and absence codes become exactly the file's: the cells that differ are written through
``roster.edit_cells``, the one write of every grid edit (a typed code, a paste, a rotation), so that the import is
one undoable step the live check follows. Post duties (a post code in a cell) stay as the post board set them.

All or nothing: every bad cell is named ``工作表 S，第 N 行，1月5日（F7）：reason`` and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from rosterapp.errors import FieldError
from rosterapp.i18n import language, tr
from rosterapp.models import Person, Position, Post
from rosterapp.services import absence_cells, dutyday, roster
from rosterapp.services.changes import Change
from rosterapp.services.excel.common import (
    CHANGED,
    CellError,
    FieldChange,
    ImportRejected,
    RowChange,
    column_letter,
    unreadable,
)
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
from rosterapp.services.excel.reading import open_workbook, sheet_rows, skipped_note, visible_sheets
from rosterapp.services.rules import ERROR, WARNING, Delta, message

HEADER_ROWS = 10  # the header is looked for in the first 10 rows
MIN_DAYS = 28
NAME = "姓名"
STAFF_NO = ("工号", "人员编号", "员工编号")
STATION = ("消防救援站", "站")
SEPARATOR = "/"
# How far before and after the month the check reads (rest after the last duty of the month before …).
CHECK_CONTEXT = dt.timedelta(days=8)
MAX_ERRORS = 500  # a file of wrong codes everywhere is named by its first 500 cells


@dataclass(frozen=True)
class CellState:
    """What a cell says: its station-duty codes, its absence code, its post codes (a text the grid writes
    as 病/DC-02, 值, 白/夜 …)."""

    shifts: tuple[str, ...] = ()
    absence: str | None = None
    posts: frozenset[str] = frozenset()
    unknown: tuple[str, ...] = ()

    @property
    def value(self) -> tuple[tuple[str, ...], str | None]:
        return self.shifts, self.absence


def parse_cell(text: str, codes: frozenset[str]) -> CellState:
    """A cell's text (already folded) split at / into shift codes, an absence code and the rest (post codes)."""
    shifts, absences, posts, unknown = [], [], [], []
    for part in (p for p in text.split(SEPARATOR) if p):
        if part in codes:
            shifts.append(part)
        elif part in absence_cells.KIND_OF:
            absences.append(part)
        else:
            posts.append(part)
    if len(absences) > 1:
        unknown.extend(absences[1:])
    return CellState(tuple(shifts), absences[0] if absences else None, frozenset(posts), tuple(unknown))


@dataclass
class CellChange:
    """One day of one person that the import changes: the grid's text before and the file's after."""

    day: dt.date
    old: str
    new: str
    address: str  # F7


@dataclass
class PersonChanges:
    person_id: int
    name: str
    staff_no: str
    station: str  # the station's short name
    sheet: str
    cells: list[CellChange] = field(default_factory=list)

    def row_change(self) -> RowChange:
        return RowChange(CHANGED, self.name, self.staff_no, tuple(
            FieldChange(day_label(c.day), c.old, c.new) for c in self.cells), where=self.station)


@dataclass
class PreviewRow:
    """A person's row as the file has it, for the window's preview grid: the file's texts, the grid's before."""

    person_id: int
    name: str
    staff_no: str
    position: str
    cells: list[str]
    before: list[str]

    def changed(self, col: int) -> bool:
        return self.cells[col] != self.before[col]


@dataclass
class SheetRead:
    sheet: str
    unit: Unit
    first: dt.date
    last: dt.date
    rows: list[PreviewRow]

    @property
    def days(self) -> list[dt.date]:
        return dutyday.days_between(self.first, self.last)


@dataclass
class RosterImportResult:
    """What a month roster import did (or, in a dry run, would do)."""

    dry_run: bool
    sheets: list[SheetRead]
    people: list[PersonChanges]  # the people whose cells change, in the file's order
    unchanged: int  # cells of the file that stay as they are
    values: dict[tuple[int, dt.date], str | None]  # what edit_cells writes
    kept_posts: int = 0  # cells that leave out a post duty the person holds (kept)
    skipped_sheets: list[str] = field(default_factory=list)
    edit: roster.CellsEdit | None = None
    delta: Delta | None = None
    seconds: float = 0.0

    @property
    def changed(self) -> int:
        return len(self.values)

    @property
    def change(self) -> Change:
        return self.edit.change if self.edit is not None else Change()

    def detail_lines(self) -> list[str]:
        """One line per person: 更新 前门 王伟（HD0012）：3月5日 值 → 休；3月6日 — → 假."""
        return [p.row_change().text() for p in self.people]

    def added(self, severity: str) -> int:
        return sum(1 for p in self.delta.appeared if p.severity == severity) if self.delta is not None else 0

    def problem_lines(self, lang: str | None = None) -> list[str]:
        """The problems the import adds, errors first: one line each, as the problems panel says them."""
        if self.delta is None:
            return []
        lang = lang or language()
        order = {ERROR: 0, WARNING: 1}
        return [message(p, lang) for p in sorted(self.delta.appeared, key=lambda p: (order.get(p.severity, 2),
                                                                                       p.start, p.rule))]

    def problems_summary(self) -> str:
        """导入后将新增 3 个错误、1 个警告（消除 2 个问题） — empty when the problems were not looked at."""
        if self.delta is None:
            return ""
        errors, warnings = self.added(ERROR), self.added(WARNING)
        gone = len(self.delta.disappeared)
        if self.dry_run:
            if gone:
                return tr("After the import there would be {errors} new errors and {warnings} new warnings; {gone} "
                          "problems would be gone.", errors=errors, warnings=warnings, gone=gone)
            return tr("After the import there would be {errors} new errors and {warnings} new warnings.",
                      errors=errors, warnings=warnings)
        if gone:
            return tr("The import added {errors} errors and {warnings} warnings; {gone} problems are gone.",
                      errors=errors, warnings=warnings, gone=gone)
        return tr("The import added {errors} errors and {warnings} warnings.", errors=errors, warnings=warnings)

    def notes(self) -> list[str]:
        lines = []
        if self.kept_posts:
            lines.append(tr("{count} cells leave out a post duty the person holds; post duties are changed on the "
                            "post board, so they were kept.", count=self.kept_posts))
        return lines + skipped_note(self.skipped_sheets)

    def summary(self) -> str:
        people = len(self.people)
        if self.dry_run:
            return tr("Dry run: {cells} cells of {people} people would change, {unchanged} unchanged; nothing was "
                      "written.", cells=self.changed, people=people, unchanged=self.unchanged)
        return tr("Imported: {cells} cells of {people} people changed, {unchanged} unchanged.", cells=self.changed,
                  people=people, unchanged=self.unchanged)


@dataclass
class _Known:
    id: int
    name: str
    staff_no: str
    position: str
    station_id: int
    active: bool


class _Errors:
    def __init__(self) -> None:
        self.items: list[FieldError] = []

    def cell(self, sheet: str, row: int, col: int, header: str, reason: str) -> None:
        if len(self.items) < MAX_ERRORS:
            self.items.append(CellError(column_letter(col), reason, row, header=header, sheet=sheet))

    def sheet(self, sheet: str, reason: str) -> None:
        self.items.append(FieldError(tr("sheet {sheet}", sheet=sheet), reason))


class _People:
    """The people the sheets may name: by 工号 city-wide, by name within a station (active people only)."""

    def __init__(self, session: Session):
        self.by_staff: dict[str, _Known] = {}
        self.by_name: dict[tuple[int, str], list[_Known]] = defaultdict(list)
        for pid, name, staff_no, position, sid, active in session.execute(
                select(Person.id, Person.name, Person.staff_no, Position.name, Person.station_id, Person.active)
                .outerjoin(Position, Position.id == Person.position_id).order_by(Person.staff_no)):
            known = _Known(pid, name, staff_no or "", position or "", sid, bool(active))
            if staff_no:
                self.by_staff[norm(staff_no)] = known
            if active:
                self.by_name[sid, norm(name)].append(known)


class _Grids:
    """The database's cells of a station's month (the roster grid's texts), read once per station and month."""

    def __init__(self, session: Session):
        self.session = session
        self.loaded: dict[tuple[int, dt.date], roster.RosterGrid] = {}

    def cells(self, station_id: int, first: dt.date, last: dt.date, person_id: int) -> list[str]:
        key = (station_id, first)
        grid = self.loaded.get(key)
        if grid is None:
            grid = self.loaded[key] = roster.load_roster(self.session, dutyday.days_between(first, last),
                                                         station_id=station_id)
        r = grid.row_of.get(person_id)
        return grid.cells[r] if r is not None else [""] * len(grid.days)


def _header(rows: list[tuple[int, tuple]]) -> tuple[int, dict[str, int], list[int]] | None:
    """(index in ``rows``, the named columns, the day columns) of the first row within HEADER_ROWS holding 姓名
    and at least MIN_DAYS day headers."""
    for index, (number, values) in enumerate(rows):
        if number > HEADER_ROWS:
            return None
        texts = [text_of(v) for v in values]
        if NAME not in texts:
            continue
        named: dict[str, int] = {}
        for col, text in enumerate(texts):
            if text and text not in named:
                named[text] = col
        days = [col for col, v in enumerate(values) if day_head(v) is not None]
        if len(days) >= MIN_DAYS:
            return index, named, days
    return None


def _weekdays(rows: list[tuple[int, tuple]], index: int, day_cols: list[int]) -> tuple[int, tuple] | None:
    """The weekday row just below or above the header (most of its day cells read as weekdays)."""
    number = rows[index][0]
    for k in (index + 1, index - 1):
        if 0 <= k < len(rows) and abs(rows[k][0] - number) == 1:
            values = rows[k][1]
            hits = sum(1 for col in day_cols if col < len(values) and weekday_of(values[col]) is not None)
            if hits * 2 >= len(day_cols):
                return rows[k]
    return None


def _value(values: tuple, col: int | None) -> object:
    return values[col] if col is not None and col < len(values) else None


class _Reader:
    def __init__(self, session: Session, station: str | None, month: dt.date | None,
                 fallback_station: int | None = None, fallback_month: dt.date | None = None):
        self.session = session
        self.units = Units(session)
        self.people = _People(session)
        self.grids = _Grids(session)
        self.codes = frozenset(c.code for c in roster.shift_codes(session))
        self.post_codes = frozenset(session.scalars(select(Post.code)).all())
        self.errors = _Errors()
        self.month = month
        self.fallback_month = fallback_month
        self.fallback_station = self.units.by_id.get(fallback_station) if fallback_station is not None else None
        self.station: Unit | None = None
        if station:
            from rosterapp.services.lookup import find_station

            self.station = self.units.by_id[find_station(session, station).id]
        self.values: dict[tuple[int, dt.date], str | None] = {}
        self.people_changes: list[PersonChanges] = []
        self.unchanged = 0
        self.kept_posts = 0
        self.sheets: list[SheetRead] = []
        self.seen: dict[tuple[int, dt.date], tuple[str, str]] = {}  # (person, month) -> (sheet, cell) listing them

    # -- the sheet's month and station ------------------------------------------------------------------
    def _month(self, sheet: str, titles: list[str], heads: dict[int, object]) -> tuple[int, int] | None:
        if self.month is not None:
            return self.month.year, self.month.month
        whole = Counter((h.year, h.month) for h in heads.values() if h.year is not None)
        if whole:
            return whole.most_common(1)[0][0]
        named = next((m for m in (month_in(t) for t in [*titles, sheet]) if m is not None), None)
        months = Counter(h.month for h in heads.values() if h.month is not None)
        if months:
            month = months.most_common(1)[0][0]
            year = named[0] if named is not None else None
            if year is None and self.fallback_month is not None and self.fallback_month.month == month:
                year = self.fallback_month.year
            if year is None:
                self.errors.sheet(sheet, tr("the day columns name month {month} but no year; write the year in the "
                                            "title (2027年{month}月), or give --month", month=month))
                return None
            return year, month
        if named is None and self.fallback_month is not None:
            return self.fallback_month.year, self.fallback_month.month
        if named is None:
            self.errors.sheet(sheet, tr("neither the title, the sheet's name nor the day columns name the month "
                                        "(e.g. 2027年1月 in the title); give --month"))
        return named

    def _unit(self, sheet: str, titles: list[str]) -> Unit | None:
        if self.station is not None:
            return self.station
        for text in [*titles, sheet]:
            found = self.units.in_text(text) if text != sheet else (
                self.units.named(text, self.units.detachment_in(" ".join(titles))) or self.units.in_text(text))
            if len(found) == 1:
                return found[0]
            if len(found) > 1 and self.fallback_station in found:
                return self.fallback_station
            if len(found) > 1:
                self.errors.sheet(sheet, tr("{value} may be any of {stations}; give --station",
                                            value=text, stations="、".join(f"{u.detachment}{u.name}" for u in found)))
                return None
        if self.fallback_station is not None:
            return self.fallback_station
        self.errors.sheet(sheet, tr("neither the title nor the sheet's name names a station, and there is no "
                                    "消防救援站 column; give --station"))
        return None

    # -- a sheet ---------------------------------------------------------------------------------------
    def read_sheet(self, path: Path, ws) -> None:
        sheet = ws.title
        rows: list[tuple[int, tuple]] = []
        iterator = sheet_rows(path, ws, values_only=True)
        for number, values in iterator:
            rows.append((number, values))
            if number >= HEADER_ROWS:
                break
        found = _header(rows)
        if found is None:
            return  # not a month roster: a 值班表, notes …
        index, named, day_cols = found
        header_row = rows[index][0]
        header_values = rows[index][1]
        weekday_row = _weekdays(rows, index, day_cols)
        titles = [" ".join(text_of(v) for v in values if text_of(v)) for number, values in rows[:index]
                  if weekday_row is None or number != weekday_row[0]]
        heads = {col: day_head(header_values[col]) for col in day_cols}
        ym = self._month(sheet, titles, heads)
        name_col = named[NAME]
        staff_col = next((named[h] for h in STAFF_NO if h in named), None)
        station_col = next((named[h] for h in STATION if h in named), None)
        unit = None
        if station_col is None:
            unit = self._unit(sheet, titles)
            if unit is None:
                return
        if ym is None:
            return
        first, last = dutyday.month_range(dt.date(*ym, 1))
        days = dutyday.days_between(first, last)
        # The day columns: each names one day of the month, in order, none missing, none twice.
        column_day: dict[int, dt.date] = {}
        seen_days: dict[dt.date, int] = {}
        previous: dt.date | None = None
        for col in day_cols:
            head = heads[col]
            label = text_of(header_values[col])
            day = head.date_in(*ym)
            if day is None or not first <= day <= last:
                self.errors.cell(sheet, header_row, col, label, tr(
                    "not a day of {year}年{month}月", year=ym[0], month=ym[1]))
                continue
            if day in seen_days:
                self.errors.cell(sheet, header_row, col, day_label(day), tr(
                    "{day} has a column already ({cell})", day=day_label(day),
                    cell=f"{column_letter(seen_days[day])}{header_row}"))
                continue
            if previous is not None and day < previous:
                self.errors.cell(sheet, header_row, col, day_label(day), tr(
                    "the days are out of order: {day} after {previous}", day=day_label(day),
                    previous=day_label(previous)))
            seen_days[day] = col
            column_day[col] = day
            previous = day
        missing = [d for d in days if d not in seen_days]
        if missing:
            self.errors.cell(sheet, header_row, day_cols[0], tr("the day columns"), tr(
                "no column for {days}", days="、".join(day_label(d) for d in missing[:10]) + (
                    "…" if len(missing) > 10 else "")))
        if weekday_row is not None:
            number, values = weekday_row
            for col, day in column_day.items():
                value = _value(values, col)
                weekday = weekday_of(value)
                if value is not None and text_of(value) and weekday is None:
                    self.errors.cell(sheet, number, col, day_label(day), tr(
                        "{value} is no weekday", value=text_of(value)))
                elif weekday is not None and weekday != day.weekday():
                    self.errors.cell(sheet, number, col, day_label(day), tr(
                        "{value}, but {day} is a 周{weekday}", value=text_of(value), day=day_label(day),
                        weekday="一二三四五六日"[day.weekday()]))
        body_from = index + 1
        if weekday_row is not None and weekday_row[0] == header_row + 1:
            body_from += 1
        body = iter(rows[body_from:])
        read = SheetRead(sheet, unit or self.station, first, last, [])
        units_seen: set[int] = set()
        for number, values in _rest(body, iterator):
            name = norm(text_of(_value(values, name_col)))
            staff = text_of(_value(values, staff_col))
            texts = {col: text_of(_value(values, col)) for col in column_day}
            if not name and not staff and not any(texts.values()):
                break  # the people end here: a legend, signatures, blank rows follow
            if "：" in name or ":" in name:
                break  # 注：值=24小时值班… or 制表人：… in the name column
            row_unit = unit
            if station_col is not None:
                row_unit = self._row_unit(sheet, number, station_col, _value(values, station_col), titles)
                if row_unit is None:
                    continue
            person = self._person(sheet, number, name_col, staff_col, name, staff, row_unit)
            if person is None:
                continue
            key = (person.id, first)
            here = f"{column_letter(name_col)}{number}"
            if key in self.seen:
                where_sheet, where = self.seen[key]
                self.errors.cell(sheet, number, name_col, NAME, tr(
                    "{name} is listed twice (also in {cell})", name=person.name,
                    cell=where if where_sheet == sheet else f"{where_sheet}!{where}"))
                continue
            self.seen[key] = (sheet, here)
            units_seen.add(row_unit.id)
            self._cells(sheet, number, person, row_unit, first, last, column_day, texts, read)
        if read.unit is None and units_seen:
            read.unit = self.units.by_id[min(units_seen)]
        if read.unit is not None:
            self.sheets.append(read)

    def _row_unit(self, sheet: str, number: int, col: int, value: object, titles: list[str]) -> Unit | None:
        if self.station is not None:
            return self.station
        text = text_of(value)
        if not text:
            self.errors.cell(sheet, number, col, STATION[0], tr("empty: which station?"))
            return None
        det = self.units.detachment_in(" ".join([*titles, sheet]))
        found = self.units.named(text, det) or self.units.named(text)
        if len(found) != 1:
            self.errors.cell(sheet, number, col, STATION[0], tr("no station {name}", name=text) if not found else tr(
                "{value} may be any of {stations}", value=text, stations="、".join(
                    f"{u.detachment}{u.name}" for u in found)))
            return None
        return found[0]

    def _person(self, sheet: str, number: int, name_col: int, staff_col: int | None, name: str, staff: str,
                unit: Unit) -> _Known | None:
        if staff:
            person = self.people.by_staff.get(norm(staff))
            if person is None:
                self.errors.cell(sheet, number, staff_col, STAFF_NO[0], tr("no one has 工号 {staff}", staff=staff))
                return None
            if name and norm(person.name) != name:
                self.errors.cell(sheet, number, name_col, NAME, tr(
                    "工号 {staff} is {name}, not {given}", staff=staff, name=person.name, given=name))
                return None
            if person.station_id != unit.id:
                other = self.units.by_id.get(person.station_id)
                self.errors.cell(sheet, number, staff_col, STAFF_NO[0], tr(
                    "{name} ({staff}) is of {other}, not of {station}", name=person.name, staff=staff,
                    other=other.name if other else "?", station=unit.name))
                return None
            return person
        if not name:
            self.errors.cell(sheet, number, name_col, NAME, tr("codes without a name"))
            return None
        found = self.people.by_name.get((unit.id, name), [])
        if not found:
            self.errors.cell(sheet, number, name_col, NAME, tr("no {name} at {station}", name=name,
                                                               station=unit.name))
            return None
        if len(found) > 1:
            self.errors.cell(sheet, number, name_col, NAME, tr(
                "{count} people named {name} at {station}: {people}; add a 工号 column to tell them apart",
                count=len(found), name=name, station=unit.name, people="、".join(
                    tr("{name} ({key})", name=p.name, key="，".join(x for x in (p.staff_no, p.position) if x))
                    for p in found)))
            return None
        return found[0]

    def _cells(self, sheet: str, number: int, person: _Known, unit: Unit, first: dt.date, last: dt.date,
               column_day: dict[int, dt.date], texts: dict[int, str], read: SheetRead) -> None:
        before = self.grids.cells(unit.id, first, last, person.id)
        preview = PreviewRow(person.id, person.name, person.staff_no, person.position, [""] * len(before),
                             list(before))
        changes = PersonChanges(person.id, person.name, person.staff_no, unit.short or unit.name, sheet)
        for col, day in column_day.items():
            text = texts[col]
            if text.startswith("="):
                self.errors.cell(sheet, number, col, day_label(day), tr("a formula, not a code"))
                continue
            i = (day - first).days
            old_text = before[i]
            new = parse_cell(text, self.codes)
            preview.cells[i] = SEPARATOR.join(p for p in text.split(SEPARATOR) if p)
            if preview.cells[i] == old_text:
                self.unchanged += 1
                continue
            old = parse_cell(old_text, self.codes)
            reason = self._refusal(new, old, person, day)
            if reason:
                self.errors.cell(sheet, number, col, day_label(day), reason)
                continue
            if old.posts - new.posts:
                self.kept_posts += 1
            if new.value == old.value:
                self.unchanged += 1
                preview.cells[i] = old_text
                continue
            self.values[person.id, day] = new.absence or (new.shifts[0] if new.shifts else None)
            changes.cells.append(CellChange(day, old_text, preview.cells[i], f"{column_letter(col)}{number}"))
        read.rows.append(preview)
        if changes.cells:
            self.people_changes.append(changes)

    def _refusal(self, new: CellState, old: CellState, person: _Known, day: dt.date) -> str:
        if new.unknown:
            return tr("one absence code per day: {value}", value=SEPARATOR.join((new.absence or "",) + new.unknown))
        for code in sorted(new.posts - old.posts):
            if code in self.post_codes:
                return tr("{name} holds no duty at post {post} on {day}; post duties are set on the post board",
                          name=person.name, post=code, day=day_label(day))
            return tr("unknown code {code}", code=code)
        if new.value == old.value:
            return ""
        if len(new.shifts) > 1:
            return tr("one shift code per day: {value}", value=SEPARATOR.join(new.shifts))
        if new.absence and new.shifts:
            return tr("{absence} is a day away: it holds no {shift}", absence=new.absence, shift=new.shifts[0])
        if old.posts and new.shifts:
            return tr("{name} holds post duty {post} that day; a station code is not put beside it",
                      name=person.name, post="、".join(sorted(old.posts)))
        return ""


def _rest(head, tail):
    yield from head
    yield from tail


def import_roster(session: Session, path: Path, *, station: str | None = None, month: dt.date | None = None,
                  dry_run: bool = False, problems: bool = False, fallback_station: int | None = None,
                  fallback_month: dt.date | None = None) -> RosterImportResult:
    """Read a month roster workbook and make the database's cells those of the file, all or nothing.

    ``station`` and ``month`` stand for what the file's title or sheet names would say. With ``dry_run``
    nothing is written. ``fallback_station`` (an id) and ``fallback_month`` serve only where the file names
    neither (the window passes the station and month its grid shows). With ``problems`` the result also holds the problems the import adds and removes
    (``delta``): a dry run makes the edit in a savepoint that is rolled back.
    """
    began = time.perf_counter()
    path = Path(path)
    reader = _Reader(session, station, month, fallback_station, fallback_month)
    wb = open_workbook(path)
    try:
        names, hidden = visible_sheets(wb)
        for name in names:
            reader.read_sheet(path, wb[name])
    finally:
        wb.close()
    if reader.errors.items:
        raise ImportRejected(reader.errors.items, source=str(path))
    if not reader.sheets:
        raise unreadable(path, tr("No visible sheet has a header row with 姓名 and the days of a month (at least "
                                  "{count} day columns) in its first {rows} rows.", count=MIN_DAYS, rows=HEADER_ROWS))
    result = RosterImportResult(dry_run, reader.sheets, reader.people_changes, reader.unchanged, reader.values,
                                reader.kept_posts, hidden)
    if reader.values and (problems or not dry_run):
        live = None
        if problems:
            from rosterapp.services.rules.live import LiveChecker

            lo = dt.datetime.combine(min(s.first for s in reader.sheets), dt.time()) - CHECK_CONTEXT
            hi = dt.datetime.combine(max(s.last for s in reader.sheets), dt.time()) + CHECK_CONTEXT
            live = LiveChecker(session, lo, hi)
        savepoint = session.begin_nested() if dry_run else None
        try:
            result.edit = roster.edit_cells(session, reader.values, reader.codes)
            if live is not None:
                result.delta = live.apply(session, result.edit.change)
        finally:
            if savepoint is not None:
                savepoint.rollback()
                result.edit = None
    elif problems:
        result.delta = Delta([], [])
    result.seconds = time.perf_counter() - began
    return result
