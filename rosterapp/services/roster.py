"""The roster grid as plain data: people in rows, days in columns, one short text per cell.

Built for the whole city (3,000 people x 90 days) in well under a second: the duty rows are read
as (person, date string, shift code, post code) without parsing a single datetime, and names are
sorted in pinyin order with cached keys.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from pypinyin import lazy_pinyin
from sqlalchemy import String, exists, or_, select, type_coerce
from sqlalchemy.orm import Session

from rosterapp import vocab
from rosterapp.errors import FieldError, StaleEdit, ValidationError
from rosterapp.i18n import tr
from rosterapp.models import Absence, Detachment, Duty, Person, Position, Post, ShiftType, Station
from rosterapp.services import absence_cells
from rosterapp.services import duties as duty_service
from rosterapp.services.bulk import bulk_read
from rosterapp.services.changes import Change
from rosterapp.services.duties import Cell, CellSnapshot

# Cell kinds, for colours.
EMPTY, DUTY, OFF, ABSENCE, POST = range(5)

# The grid's colours (the window's grid and the month roster workbook paint with them): a cell's colour is
# its code's (ShiftType.color, absence_cells.COLORS), else its kind's; day columns by the calendar.
KIND_COLORS = {POST: "#d9c3f0", ABSENCE: "#d0e8d0", OFF: "#ffffff"}
OFF_DAY_COLOR = "#d5d5d5"
HOLIDAY_COLOR = "#f7c8c8"
ADJUSTED_WORKDAY_COLOR = "#cfe3f7"

# ASCII the clerks can type for a code without switching the input method (pinyin initials).
ALIASES = {"z": "值", "zhi": "值", "b": "白", "bai": "白", "y": "夜", "ye": "夜", "x": "休", "xiu": "休",
           "zao": "早", "zhong": "中", "w": "晚", "wan": "晚"}


@lru_cache(maxsize=20000)
def pinyin_key(name: str) -> tuple[str, str]:
    """(full pinyin for sorting, initials for searching): 张三 -> ('zhang san', 'zs')."""
    syllables = lazy_pinyin(name)
    return " ".join(syllables), "".join(s[:1] for s in syllables).lower()


@dataclass(frozen=True)
class ShiftCode:
    code: str
    name: str
    color: str
    is_duty: bool
    hours: float


@dataclass
class RosterRow:
    person_id: int
    staff_no: str
    name: str
    position: str
    station_id: int
    station: str
    detachment_id: int
    initials: str
    active: bool
    # A duty-role row of the station (带班领导, 站内值班 …; ui/roster/duty_rows.py), not a person's: its role.
    role: str = ""


@dataclass
class RosterGrid:
    """Rows of people, columns of days; ``cells[r][c]`` is the text shown, ``kinds[r][c]`` its kind."""

    rows: list[RosterRow]
    days: list[dt.date]
    cells: list[list[str]]
    kinds: list[bytearray]
    row_of: dict[int, int] = field(default_factory=dict)
    column_of: dict[dt.date, int] = field(default_factory=dict)
    # What cells are written with, read once with the grid: shift type id -> (code, kind), post id -> code.
    shift_texts: dict[int, tuple[str, int]] = field(default_factory=dict)
    post_codes: dict[int, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.row_of = {row.person_id: i for i, row in enumerate(self.rows)}
        self.column_of = {day: i for i, day in enumerate(self.days)}

    def find(self, text: str) -> list[int]:
        """Rows whose name, staff number or pinyin initials match ``text`` ("zs" finds 张三)."""
        text = text.strip()
        if not text:
            return []
        low = text.lower()
        exact = [i for i, r in enumerate(self.rows) if text in (r.name, r.staff_no) or low == r.initials]
        partial = [i for i, r in enumerate(self.rows) if i not in exact and (
            text in r.name or r.staff_no.startswith(text) or (low.isascii() and r.initials.startswith(low)))]
        return exact + partial


def shift_codes(session: Session) -> list[ShiftCode]:
    return [ShiftCode(c, n, color, is_duty, minutes / 60) for c, n, color, is_duty, minutes in session.execute(
        select(ShiftType.code, ShiftType.name, ShiftType.color, ShiftType.is_duty, ShiftType.duration_minutes)
        .order_by(ShiftType.sort_order, ShiftType.id))]


def resolve_code(text: str, codes: Iterable[str]) -> str | None:
    """The shift code a clerk means: the code itself, or its pinyin alias (z, zhi -> 值); None if unknown."""
    text = text.strip()
    known = set(codes)
    if text in known:
        return text
    alias = ALIASES.get(text.lower())
    return alias if alias in known else None


def _people_query(detachment_id: int | None, station_id: int | None):
    query = (select(Person.id, Person.staff_no, Person.name, Position.name, Position.sort_order, Station.id,
                    Station.name, Station.sort_order, Detachment.id, Detachment.sort_order, Person.active)
             .join(Station, Person.station_id == Station.id).join(Detachment, Station.detachment_id == Detachment.id)
             .outerjoin(Position, Person.position_id == Position.id))
    if station_id is not None:
        query = query.where(Person.station_id == station_id)
    elif detachment_id is not None:
        query = query.where(Station.detachment_id == detachment_id)
    return query


def load_roster(session: Session, days: Sequence[dt.date], *, detachment_id: int | None = None,
                station_id: int | None = None, lang: str = "zh_CN") -> RosterGrid:
    """The grid of a station, a detachment or (neither given) the whole city over ``days``."""
    days = list(days)
    lo = dt.datetime.combine(days[0], dt.time())
    hi = dt.datetime.combine(days[-1] + dt.timedelta(days=1), dt.time())
    # Inactive people stay in the grid while they have entries in it (history is never hidden).
    has_entries = exists().where(Duty.person_id == Person.id, Duty.start >= lo, Duty.start < hi)
    people = session.execute(_people_query(detachment_id, station_id)
                             .where(or_(Person.active, has_entries))).all()
    rows = []
    order = []
    for pid, staff_no, name, position, pos_order, sid, station, st_order, did, det_order, active in people:
        full, initials = pinyin_key(name)
        rows.append(RosterRow(pid, staff_no, name, position or "", sid, station, did, initials, active))
        order.append((det_order, st_order, sid, pos_order if pos_order is not None else 99, full, staff_no))
    rows = [row for _, row in sorted(zip(order, rows, strict=True), key=lambda pair: pair[0])]
    grid = RosterGrid(rows, days, [[""] * len(days) for _ in rows], [bytearray(len(days)) for _ in rows])
    fill_cells(session, grid, [r.person_id for r in rows] if station_id is not None else None,
               detachment_id=detachment_id, station_id=station_id, lang=lang)
    return grid


def rows_differ(session: Session, grid: RosterGrid, person_ids: Iterable[int], *, detachment_id: int | None = None,
                station_id: int | None = None, stations: bool = False) -> bool:
    """Whether the grid's rows no longer match the registers for these people: someone joined or
    left the scope, or changed name, staff number, position, station or active state; with
    ``stations``, also whether a station of the grid was renamed."""
    if stations and grid.rows:
        names = dict(session.execute(select(Station.id, Station.name)
                                     .where(Station.id.in_({r.station_id for r in grid.rows}))).all())
        if any(names.get(r.station_id) != r.station for r in grid.rows):
            return True
    ids = set(person_ids)
    if not ids or not grid.days:
        return False
    lo = dt.datetime.combine(grid.days[0], dt.time())
    hi = dt.datetime.combine(grid.days[-1] + dt.timedelta(days=1), dt.time())
    has_entries = exists().where(Duty.person_id == Person.id, Duty.start >= lo, Duty.start < hi)
    found = {row[0]: row for row in session.execute(
        _people_query(detachment_id, station_id).where(Person.id.in_(ids), or_(Person.active, has_entries)))}
    for pid in ids:
        r = grid.row_of.get(pid)
        if (r is None) != (pid not in found):
            return True
        if r is not None:
            _pid, staff_no, name, position, _po, sid, station, _so, did, _do, active = found[pid]
            row = grid.rows[r]
            if (row.staff_no, row.name, row.position, row.station_id, row.station, row.detachment_id, row.active) != (
                    staff_no, name, position or "", sid, station, did, active):
                return True
    return False


def fill_cells(session: Session, grid: RosterGrid, person_ids: Sequence[int] | None, *,
               detachment_id: int | None = None, station_id: int | None = None, lang: str = "zh_CN") -> None:
    """(Re)compute the cells of the given people (None: every row of the grid, read by scope)."""
    days = grid.days
    lo = dt.datetime.combine(days[0], dt.time())
    hi = dt.datetime.combine(days[-1] + dt.timedelta(days=1), dt.time())
    column = {d.isoformat(): i for i, d in enumerate(days)}
    if not grid.shift_texts:
        grid.shift_texts = {sid: (code, DUTY if is_duty else OFF) for sid, code, is_duty in session.execute(
            select(ShiftType.id, ShiftType.code, ShiftType.is_duty))}
    shifts = grid.shift_texts
    c = Duty.__table__.c
    # The start as the stored text: no datetime is parsed for 250,000 rows. The range scan walks the
    # start index, so the rows come in start order at no cost and several entries of a day join in order.
    query = (select(c.person_id, type_coerce(c.start, String), c.shift_type_id, c.post_id)
             .where(c.start >= lo, c.start < hi).order_by(c.start))
    absences = select(Absence.person_id, Absence.start, Absence.end, Absence.kind).where(
        Absence.end > lo, Absence.start < hi)
    if person_ids is not None:
        # A few people: walk their (person, start) index, not the whole range of the start index.
        query = query.where(c.person_id.in_(person_ids)).order_by(None).order_by(c.person_id, c.start)
        absences = absences.where(Absence.person_id.in_(person_ids))
        targets = [grid.row_of[p] for p in person_ids if p in grid.row_of]
    else:
        if detachment_id is not None or station_id is not None:
            scope = select(Person.id).join(Station, Person.station_id == Station.id)
            scope = scope.where(Station.id == station_id) if station_id is not None else scope.where(
                Station.detachment_id == detachment_id)
            query = query.where(c.person_id.in_(scope.scalar_subquery()))
            absences = absences.where(Absence.person_id.in_(scope.scalar_subquery()))
        targets = range(len(grid.rows))
    width = len(days)
    for r in targets:
        grid.cells[r] = [""] * width
        grid.kinds[r] = bytearray(width)
    cells, kinds, row_of, post_codes = grid.cells, grid.kinds, grid.row_of, grid.post_codes
    with bulk_read():
        rows = session.connection().execute(query).all()
        for pid, start, shift, post in rows:
            r = row_of.get(pid)
            if r is None:
                continue
            col = column[start[:10] if type(start) is str else start.date().isoformat()]
            if post is None:
                text, kind = shifts[shift]
            else:
                if post not in post_codes:  # a post made since the grid was read
                    post_codes.update(session.execute(select(Post.id, Post.code)).all())
                text, kind = post_codes[post], POST
            row = cells[r]
            if row[col]:
                row[col] += "/" + text
                kinds[r][col] = max(kinds[r][col], kind)
            else:
                row[col] = text
                kinds[r][col] = kind
    for pid, start, end, kind_code in session.execute(absences):
        r = row_of.get(pid)
        if r is None:
            continue
        # The absence code (假, 病 …), as it is typed and as the month roster workbooks write it.
        label = absence_cells.CODE_OF.get(kind_code) or vocab.label(vocab.ABSENCE_KIND, kind_code, lang)
        for col, day in enumerate(days):
            noon = dt.datetime.combine(day, dt.time(12))
            if not start <= noon < end:
                continue
            # Leave shows over an empty cell or a planned 休: the day off is now a day away. Over a duty
            # (a post's, or one entered before the leave) both show, the absence first: 病/DC-02, the
            # checker's on_leave mark beside it.
            if not cells[r][col] or kinds[r][col] == OFF:
                cells[r][col] = label
                kinds[r][col] = ABSENCE
            elif kinds[r][col] != ABSENCE and not cells[r][col].startswith(label + "/"):
                cells[r][col] = label + "/" + cells[r][col]


# -- edits -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CellsEdit:
    """A grid edit as made: the cells before and after (for undo and redo), what it touched, and the
    cells it left alone because the person holds a post duty that day (person, day, post code), and
    the absences it wrote (absence codes typed, or absence days cleared or typed over)."""

    before: CellSnapshot
    after: CellSnapshot
    change: Change
    skipped: tuple[tuple[int, dt.date, str], ...] = ()
    absences: absence_cells.AbsenceEdit | None = None


class CellsChanged(StaleEdit):
    """An edit made over cells that someone else changed after the clerk saw them: nothing was written.
    ``cells`` are those cells; ``change`` names them, so the views show what they hold now."""

    def __init__(self, message: str, cells: Sequence[Cell]):
        super().__init__(message)
        self.cells = tuple(cells)
        self.change = Change(people=frozenset(p for p, _ in cells), days=frozenset(d for _, d in cells))


def cell_texts(session: Session, cells: Iterable[Cell]) -> dict[Cell, str]:
    """What the grid shows in these cells now, as ``load_roster`` fills them ("" for an empty cell)."""
    cells = list(cells)
    if not cells:
        return {}
    people = sorted({p for p, _ in cells})
    first, last = min(d for _, d in cells), max(d for _, d in cells)
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    grid = RosterGrid([RosterRow(p, "", "", "", 0, "", 0, "", True) for p in people], days,
                      [[""] * len(days) for _ in people], [bytearray(len(days)) for _ in people])
    fill_cells(session, grid, people)
    return {(p, d): grid.cells[grid.row_of[p]][grid.column_of[d]] for p, d in cells}


def _check_unchanged(session: Session, expect: dict[Cell, str]) -> None:
    """CellsChanged (nothing written) when a cell no longer shows what the clerk saw in it, naming who
    wrote it since."""
    now = cell_texts(session, expect)
    stale = sorted(cell for cell, seen in expect.items() if now[cell] != (seen or ""))
    if not stale:
        return
    lo = dt.datetime.combine(min(d for _, d in stale), dt.time())
    hi = dt.datetime.combine(max(d for _, d in stale), dt.time()) + dt.timedelta(days=1)
    people = {p for p, _ in stale}
    writers = {w for (w,) in session.execute(
        select(Duty.changed_by).where(Duty.person_id.in_(people), Duty.start >= lo, Duty.start < hi)
        .union(select(Absence.changed_by).where(Absence.person_id.in_(people), Absence.end > lo,
                                                Absence.start < hi))) if w}
    names = dict(session.execute(select(Person.id, Person.name).where(Person.id.in_(people))).all())
    where = "、".join(f"{names.get(p, p)} {d.month}月{d.day}日" for p, d in stale[:3]) + (
        tr(" and {count} more", count=len(stale) - 3) if len(stale) > 3 else "")
    raise CellsChanged(tr("{cells} was changed by {who} after you saw it; nothing was written. The grid shows "
                          "it as it is now; Edit ▸ Re-apply my edit (Ctrl+Alt+R) writes yours over it.",
                          cells=where, who="、".join(sorted(writers)) or tr("another user")), stale)


def edit_cells(session: Session, values: dict[Cell, str | None], known_codes: Iterable[str], *,
               keep_absences: bool = False, expect: dict[Cell, str] | None = None) -> CellsEdit:
    """Put a shift code, an absence code (假 病 训 差 借 事) or nothing in many cells at once, all or nothing.

    Unknown codes are refused before anything is written; each bad cell is named. Days the person
    holds a post duty are skipped for shift codes (the post board owns them) and listed in ``skipped``.
    An absence code makes the day an absence (``absence_cells``) and takes its station entries away; a
    shift code or nothing over an absence day takes the absence off that day, unless ``keep_absences``
    (a rotation or a copy-forward writes its pattern and leaves recorded leave as it is).

    ``expect`` is what the clerk saw in the cells (the grid's texts): when any of them shows something else
    now (another clerk wrote it meanwhile), CellsChanged and nothing is written, never a silent overwrite.
    """
    codes = set(known_codes) | set(absence_cells.CODES)
    errors = [FieldError(f"{day.isoformat()}", tr("Unknown shift code: {name}", name=value))
              for (_pid, day), value in values.items() if value is not None and value not in codes]
    if errors:
        raise ValidationError(errors)
    # Two clerks writing a person's cells take turns (the post board, undo and redo take the same locks):
    # the second reads what the first wrote before it checks ``expect`` or writes.
    duty_service.lock_people_cells(session, (p for p, _ in values))
    if expect:
        _check_unchanged(session, {cell: expect[cell] for cell in values if cell in expect})
    away = absence_cells.KIND_OF
    result = duty_service.set_roster_cells(
        session, {cell: None if value in away else value for cell, value in values.items()})
    skipped = {(pid, day) for pid, day, _post in result.skipped}
    absences = absence_cells.write_days(session, {
        cell: value if value in away else None for cell, value in values.items()
        if cell not in skipped and (value in away or not keep_absences)})
    # Codes typed over the same codes change nothing: no step for the undo stack, nothing to re-check.
    change = result.change if set(result.before.records) != set(result.after.records) else Change()
    if absences is not None:
        change = change | absences.change
    return CellsEdit(result.before, result.after, change, result.skipped, absences)


def undo_cells(session: Session, edit: CellsEdit) -> Change:
    """Put the cells back as they were before ``edit``; StaleEdit when they changed since."""
    absence_cells.check_unchanged(session, edit.absences, undo=True)
    change = duty_service.restore_cells(session, edit.before, expect=edit.after)
    if edit.absences is not None:
        change = change | absence_cells.restore(session, edit.absences.before, edit.absences.after)
    return change


def redo_cells(session: Session, edit: CellsEdit) -> Change:
    """Make ``edit`` again after an undo; StaleEdit when the cells changed since."""
    absence_cells.check_unchanged(session, edit.absences, undo=False)
    change = duty_service.restore_cells(session, edit.after, expect=edit.before)
    if edit.absences is not None:
        change = change | absence_cells.restore(session, edit.absences.after, edit.absences.before)
    return change


def rotation_values(people: Sequence[int], first: dt.date, last: dt.date, pattern: Sequence[str],
                    start: dt.date, stagger: bool = False) -> dict[Cell, str]:
    """The cells a rotation fills: ``pattern`` repeated from ``start`` over [first, last] for each person.

    With ``stagger`` each next person starts one day later in the pattern, so that 值休休 over three
    people gives one of them on duty every day.
    """
    from dateutil.rrule import DAILY, rrule

    values: dict[Cell, str] = {}
    span = list(rrule(DAILY, dtstart=dt.datetime.combine(first, dt.time()),
                      until=dt.datetime.combine(last, dt.time())))
    for k, pid in enumerate(people):
        shift = k if stagger else 0
        for moment in span:
            day = moment.date()
            values[pid, day] = pattern[((day - start).days - shift) % len(pattern)]
    return values


def copy_forward_values(grid: RosterGrid, rows: Sequence[int], source: Sequence[dt.date],
                        target_start: dt.date, known_codes: Iterable[str]) -> dict[Cell, str | None]:
    """The cells that copy ``source`` days of some rows to the days from ``target_start`` on.

    Only shift codes are copied (a post duty or an absence is not a roster code): such cells are skipped.
    """
    codes = set(known_codes)
    values: dict[Cell, str | None] = {}
    for r in rows:
        pid = grid.rows[r].person_id
        for k, day in enumerate(source):
            text = grid.cells[r][grid.column_of[day]] if day in grid.column_of else ""
            if text and text not in codes:
                continue
            values[pid, target_start + dt.timedelta(days=k)] = text or None
    return values
