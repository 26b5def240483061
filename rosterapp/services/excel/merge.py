"""`merge`: headquarters' workbook from the detachments' sub-plans, with what is missing or double-booked."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rosterapp import reference_data as ref
from rosterapp import vocab
from rosterapp.i18n import tr
from rosterapp.services import absence_cells, dutyday
from rosterapp.services.dutyday import days_between
from rosterapp.services.excel import common as c
from rosterapp.services.excel.common import unreadable
from rosterapp.services.excel.hq import (
    ENTRY,
    ENTRY_SEPARATOR,
    GROUP_SEPARATOR,
    NO_VERSION,
    PLATE_MARK,
    SEVERITY_ERROR,
    HQWorkbook,
    RosterSheet,
    workbook_title,
)
from rosterapp.services.excel.hq_reading import HQFile, read_hq
from rosterapp.services.excel.reading import skipped_note
from rosterapp.services.excel.writer import write_workbook

DETACHMENT_NAMES = [name for _code, name, _short in ref.DETACHMENTS]
PERSON_RULE = "跨分方案人员重复排班"
VEHICLE_RULE = "跨分方案车辆重复调派"
SEVERITY_ORDER = {"错误": 0, "警告": 1, "提示": 2}
# Station shift codes as seeded (DOMAIN.md): a merge reads only workbooks, not a database.
SHIFTS = {code: (start, minutes) for code, _name, start, minutes, is_duty, _colour in ref.SHIFT_TYPES if is_duty}


@dataclass
class MergeResult:
    out: Path
    detachments: list[str]
    missing: list[str]
    double_bookings: int
    sheets: int = 0
    rows: int = 0
    skipped: list[str] = dataclasses.field(default_factory=list)  # "A.xlsx 草稿": hidden sheets, never read
    # Each sub-plan's 分方案版本 | 状态 | 总体方案版本, as the merged 汇总 names them (a task's sub-plans only).
    plans: dict[str, tuple[str, str, str]] = dataclasses.field(default_factory=dict)

    def summary(self) -> str:
        text = tr("Written {path}: {count} sub-plans ({names}), {sheets} sheets, {rows} rows.", path=self.out,
                  count=len(self.detachments), names="、".join(self.detachments), sheets=self.sheets,
                  rows=self.rows)
        if self.plans:
            text += " " + tr("Versions: {versions}.", versions="、".join(
                f"{name} {version}（{state}）" for name, (version, state, _taken) in self.plans.items()))
        if self.missing:
            text += " " + tr("Missing: {names}.", names="、".join(self.missing))
        if self.double_bookings:
            text += " " + tr("{count} double bookings across sub-plans, listed in 问题清单.",
                             count=self.double_bookings)
        for note in skipped_note(self.skipped):
            text += " " + note
        return text


@dataclass(frozen=True)
class _Booking:
    start: dt.datetime
    end: dt.datetime
    source: int  # which workbook
    place: str
    post: str


def _entries(people_text: str):
    for group in people_text.split(GROUP_SEPARATOR):
        _plate, _mark, entries = group.rpartition(PLATE_MARK)
        for entry in entries.split(ENTRY_SEPARATOR):
            match = ENTRY.match(entry.strip())
            if match:
                yield match


def _shift_interval(code: str, day: dt.date) -> tuple[dt.datetime, dt.datetime] | None:
    known = SHIFTS.get(code)
    if known is None:
        return None
    start = dt.datetime.combine(day, known[0])
    return start, start + dt.timedelta(minutes=known[1])


def _placed(code: str, ws: dt.datetime, we: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    best = (ws, we)
    best_overlap = dt.timedelta(0)
    for offset in (-1, 0, 1):
        interval = _shift_interval(code, ws.date() + dt.timedelta(days=offset))
        if interval is None:
            return ws, we
        overlap = min(interval[1], we) - max(interval[0], ws)
        if overlap > best_overlap:
            best, best_overlap = interval, overlap
    return best


def _overlaps(bookings: dict[str, list[_Booking]]) -> list[tuple[str, _Booking, _Booking]]:
    """Pairs of bookings of one key from two different workbooks that overlap in time."""
    found = []
    for key, items in bookings.items():
        items.sort(key=lambda b: (b.start, b.end))
        open_: list[_Booking] = []
        for b in items:
            open_ = [o for o in open_ if o.end > b.start]
            for o in open_:
                if o.source != b.source and not (o.start == b.start and o.end == b.end and o.place == b.place):
                    found.append((key, o, b))
            open_.append(b)
    return found


def _double_bookings(files: list[HQFile], names: list[str]) -> list[tuple]:
    people: dict[str, list[_Booking]] = defaultdict(list)
    who: dict[str, str] = {}
    for i, f in enumerate(files):
        for _n, row in f.post_rows:
            ws, we = row[7], row[8]
            if not isinstance(ws, dt.datetime) or not isinstance(we, dt.datetime):
                continue
            for m in _entries(str(row[13] or "")):
                start, end = _placed(m["shift"], ws, we) if m["shift"] else (ws, we)
                staff = m["staff"].strip()
                who[staff] = f"{m['name']}({staff})"
                people[staff].append(_Booking(start, end, i, f"{row[0]} {row[1]}", str(row[0])))
        for _sheet, grid in f.rosters.items():
            for _n, row in grid:
                station, name, staff = str(row[0] or ""), str(row[1] or ""), str(row[2] or "")
                who.setdefault(staff, f"{name}({staff})")
                for day, cell in zip(f.days, row[4:], strict=False):
                    for token in str(cell or "").split("/"):
                        interval = _shift_interval(token, day)
                        if interval is not None:
                            people[staff].append(_Booking(*interval, i, f"{station} {token}", ""))
    vehicles: dict[str, list[_Booking]] = defaultdict(list)
    for i, f in enumerate(files):
        # A deployment's crew windows are rows of one vehicle, place and 日期 that follow on: one booking.
        pieces = sorted(((str(row[3]), str(row[6] or ""), _key_time(row[0])), row[7], row[8])
                        for _n, row in f.deployment_rows
                        if isinstance(row[7], dt.datetime) and isinstance(row[8], dt.datetime))
        last_key = None
        for key, start, end in pieces:
            plate, place, _day = key
            bookings = vehicles[plate]
            if key == last_key and bookings[-1].end == start:
                bookings[-1] = dataclasses.replace(bookings[-1], end=end)
                continue
            bookings.append(_Booking(start, end, i, place, place.split(" ", 1)[0]))
            last_key = key
    rows = []
    for rule, label, found in ((PERSON_RULE, "人员", _overlaps(people)), (VEHICLE_RULE, "车辆", _overlaps(vehicles))):
        for key, a, b in found:
            subject = who.get(key, key) if label == "人员" else key
            text = (f"{subject} 同时排在 {names[a.source]} 与 {names[b.source]} 的分方案中："
                    f"{a.place}（{a.start:%m-%d %H:%M}—{a.end:%m-%d %H:%M}）与 "
                    f"{b.place}（{b.start:%m-%d %H:%M}—{b.end:%m-%d %H:%M}）")
            posts = ENTRY_SEPARATOR.join(p for p in dict.fromkeys((a.post, b.post)) if p)
            rows.append((SEVERITY_ERROR, rule, text, max(a.start, b.start), min(a.end, b.end),
                         subject if label == "人员" else "", key if label == "车辆" else "", posts,
                         ENTRY_SEPARATOR.join(dict.fromkeys((names[a.source], names[b.source])))))
    return rows


def merge_workbooks(paths: list[Path], out: Path, *, progress: c.Progress | None = None,
                    cancelled: c.CancelCheck | None = None) -> MergeResult:
    """Write HQ's workbook of the given sub-plans (of one task) to ``out``."""
    files = [read_hq(Path(p)) for p in paths]
    operations = {f.operation for f in files}
    if len(operations) > 1:
        raise unreadable(Path(paths[1]), tr("The sub-plans are of different tasks: {names}.",
                                            names="、".join(sorted(o or "—" for o in operations))))
    owner: dict[str, Path] = {}
    for f in files:
        for name in f.rosters:
            if name in owner:
                raise unreadable(f.path, tr("{name} is also in {other}.", name=name, other=owner[name].name))
            owner[name] = f.path
    order = {name: i for i, name in enumerate(DETACHMENT_NAMES)}
    present = sorted(owner, key=lambda n: (order.get(n, 99), n))
    missing = [n for n in DETACHMENT_NAMES if n not in owner]
    first = min(f.first for f in files)
    last = max(f.last for f in files)
    days = days_between(first, last)
    operation = files[0].operation

    post_rows = sorted((row for f in files for _n, row in f.post_rows), key=lambda r: (str(r[0]), _key_time(r[7])))
    deployment_rows = sorted((row for f in files for _n, row in f.deployment_rows),
                             key=lambda r: (_key_time(r[0]), order.get(r[1], 99), str(r[2]), str(r[3]),
                                            _key_time(r[7])))
    # Dates written as dates, counts as numbers: the rows came from workbooks, so normalise the kinds.
    post_rows = [_post_row(r) for r in post_rows]
    deployment_rows = [_deployment_row(r) for r in deployment_rows]

    rosters = []
    daily: dict[str, list[int]] = {}
    for name in present:
        f = next(f for f in files if name in f.rosters)
        index = {d: i for i, d in enumerate(f.days)}
        rows = [(_text(r[0]), _text(r[1]), _text(r[2]), _text(r[3]),
                 [_text(r[4 + index[d]]) if d in index else "" for d in days]) for _n, r in f.rosters[name]]
        rosters.append(RosterSheet(name, rows, len(rows), f.legends.get(name, [])))
        counts = f.daily.get(name, [])
        daily[name] = [counts[index[d]] if d in index and index[d] < len(counts) else 0 for d in days]

    names = ["、".join(f.rosters) or f.path.name for f in files]
    crossing = _double_bookings(files, names)
    problems = list(dict.fromkeys(tuple(_problem_row(p)) for f in files for p in f.problems))
    problems.extend(crossing)
    problems.sort(key=lambda p: (SEVERITY_ORDER.get(p[0], 9), _key_time(p[3]), str(p[1])))

    plans = {name: sub_plan_cells(next(f for f in files if name in f.rosters), name) for name in present} \
        if operation else {}
    off = {code for code, _n, _s, _m, is_duty, _c in ref.SHIFT_TYPES if not is_duty}
    # Absence codes (假 病 …); the labels (休假 …) too, as workbooks written before the codes hold them.
    # Codes, and the kinds' names earlier workbooks wrote (请假 for what is now 事假).
    off |= set(absence_cells.CODES) | {zh for zh, _en in vocab.ABSENCE_KIND.values()} | {"请假"}
    book = HQWorkbook(
        title=workbook_title(operation, first, last), operation=operation, first=first, last=last,
        made=dutyday.now().replace(microsecond=0), detachments=present, post_rows=post_rows,
        deployment_rows=deployment_rows, rosters=rosters, problems=lambda: problems, off_tokens=frozenset(off),
        missing=missing, daily=daily, stats_rows=_stats_rows(files, order),
        # Each sub-plan's 执勤实力 as it reported it, when its first day is the merged workbook's.
        strength={name: f.strength[name] for f in files if f.first == first for name in f.rosters
                  if name in f.strength},
        plans=plans)
    stats = write_workbook(book, out, progress=progress, cancelled=cancelled)
    skipped = [f"{f.path.name} {name}" for f in files for name in f.skipped]
    return MergeResult(Path(out), present, missing, len(crossing), stats.sheets, stats.rows, skipped, plans)


def sub_plan_cells(f: HQFile, name: str) -> tuple[str, str, str]:
    """A sub-plan's 分方案版本 | 状态 | 总体方案版本: from its document properties (a one-detachment workbook),
    else its 汇总's columns, else (a workbook written before they existed) — for each."""
    if f.plan is not None and list(f.rosters) == [name]:
        return f.plan.cells()
    return f.plans.get(name, (NO_VERSION,) * len(c.PLAN_HEADERS))


def _stats_rows(files: list, order: dict[str, int]) -> list[tuple]:
    """月度统计 of all the sub-plans, by detachment as the sub-plans list their people; names as text,
    figures as numbers (a cell emptied by hand counts 0)."""
    rows = sorted((row for f in files for row in f.stats), key=lambda r: order.get(str(r[0]), 99))
    return [tuple(_text(v) if i < 4 else (v if isinstance(v, int | float) and not isinstance(v, bool) else 0)
                  for i, v in enumerate(row)) for row in rows]


def _key_time(value: object) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    return dt.datetime.min


def _text(value: object) -> str:
    return c.cell_text(value)


def _int(value: object) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def _post_row(r: tuple) -> tuple:
    return (*(_text(v) for v in r[:7]), r[7], r[8], *(_text(v) for v in r[9:12]), _int(r[12]), _text(r[13]),
            _text(r[14]))


def _deployment_row(r: tuple) -> tuple:
    day = r[0].date() if isinstance(r[0], dt.datetime) else r[0]
    return (day, *(_text(v) for v in r[1:7]), r[7], r[8], _int(r[9]))


def _problem_row(p: tuple) -> tuple:
    p = tuple(p) + (None,) * (9 - len(p))
    return (*(_text(v) for v in p[:3]), p[3], p[4], *(_text(v) for v in p[5:9]))
