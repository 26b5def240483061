"""Absence codes in the roster grid: 假 病 训 差 借 事 typed in a person's day write their Absence records.

A person's day cell holding an absence code is that person's absence over the duty day (handover to
handover, the same record the person form shows). A contiguous run of days of one kind is one record:
typing 假 on the day after a 假 extends it, on the day before moves its start; clearing a day, or typing
a shift code or another absence over it, shortens the record (first or last day) or splits it in two
(a day inside). Ids are kept where a record goes on (extended, shortened, the first half of a split),
so that the person form and later undo steps still find it.

An absence day holds no station duty: its station entries go in the same step (the person is away).
A post duty that day stays (the post board owns it) and the checker reports it as ``on_leave`` until
the clerk changes the post, as DESIGN.md says; a duty role of that day (带班领导 …) stays too and is
reported by the duty-book rules.

The pinyin initials of the absences collide with the shift codes' (b 病/白, x 训/休, j 假/借), so the
one-key shortcuts are the digits 1–6 (``SHORTCUTS``), and the initials of the kinds' names (xj 休假,
bj 病假 …) or their pinyin (jia, bing …) are understood in the cell editor and in pasted text.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from rosterapp import vocab
from rosterapp.errors import StaleEdit
from rosterapp.i18n import tr
from rosterapp.models import Absence
from rosterapp.services.changes import PEOPLE, Change
from rosterapp.services.dutyday import duty_window, load_handover

# An absence as stored (without its version and writer): enough to put it back under its id.
from rosterapp.services.registers.people import AbsenceRow
from rosterapp.services.validation import NOTE_MAX

Cell = tuple[int, dt.date]  # (person id, day)

CODES: tuple[str, ...] = tuple(vocab.ABSENCE_CODE)  # 假 病 训 差 借 事
KIND_OF: Mapping[str, str] = vocab.ABSENCE_CODE
CODE_OF: Mapping[str, str] = {kind: code for code, kind in vocab.ABSENCE_CODE.items()}

# Each absence code's colour in the grid (and the legend): greens and blues for planned time away,
# a rose for sick leave, so that a glance tells leave from duty.
COLORS: Mapping[str, str] = {"假": "#b9e4b9", "病": "#f6c1c1", "训": "#bcd6f5", "差": "#f9e0a8", "借": "#d8c9ee",
                             "事": "#a8ddd2"}

# One key over the selection, free of every shift shortcut (z 值, b 白, y 夜, x 休, w 晚 …).
SHORTCUTS: Mapping[str, str] = {"1": "假", "2": "病", "3": "训", "4": "差", "5": "借", "6": "事"}
# Understood in the cell editor and in pasted text: the initials of the kind's name (休假 xj) and the
# code's pinyin (假 jia). None of them is a shift alias.
NAME_ALIASES: Mapping[str, str] = {
    "xj": "假", "bj": "病", "px": "训", "gc": "差", "jd": "借", "sj": "事",
    "jia": "假", "bing": "病", "xun": "训", "chai": "差", "jie": "借", "shi": "事",
}
ALIASES: Mapping[str, str] = {**SHORTCUTS, **NAME_ALIASES}


def resolve(text: str, *, keys: bool = True) -> str | None:
    """The absence code a clerk means by ``text`` (the code, a shortcut, an alias); None if none.

    Without ``keys`` the digit shortcuts do not count: a 1 in a pasted block is a number from a
    spreadsheet, not 假. Full-width keys (an input method in full-width mode types １ or ＢＪ) count as
    the plain ones."""
    text = unicodedata.normalize("NFKC", text).strip()
    if text in KIND_OF:
        return text
    return (ALIASES if keys else NAME_ALIASES).get(text.lower())


# The codes' names as DOMAIN.md gives them (事 is 事假, personal leave, recorded as the kind "leave").
NAMES: Mapping[str, tuple[str, str]] = {"假": ("休假", "holiday"), "病": ("病假", "sick leave"),
                                         "训": ("培训", "training"), "差": ("公差", "official errand"),
                                         "借": ("借调", "seconded"), "事": ("事假", "personal leave")}


def label(code: str, lang: str = "zh_CN") -> str:
    """休假 for 假 (holiday in English)."""
    zh, en = NAMES[code]
    return zh if lang.startswith("zh") else en


_COLUMNS = (Absence.id, Absence.person_id, Absence.kind, Absence.start, Absence.end, Absence.note)


@dataclass(frozen=True)
class AbsenceSnapshot:
    """The absences of some people touching [lo, hi] (the edited days and their neighbours) as they were."""

    people: tuple[int, ...]
    lo: dt.datetime
    hi: dt.datetime
    records: tuple[AbsenceRow, ...]


@dataclass(frozen=True)
class AbsenceEdit:
    """What a grid edit did to absences: the region before and after (undo and redo write them back)."""

    before: AbsenceSnapshot
    after: AbsenceSnapshot
    change: Change


def _read(session: Session, people: Iterable[int], lo: dt.datetime, hi: dt.datetime) -> list[AbsenceRow]:
    # Touching the region counts: a record ending at the first day's handover is the one a typed day extends.
    people = list(people)
    if not people:
        return []
    return [AbsenceRow(*row) for row in session.execute(
        select(*_COLUMNS).where(Absence.person_id.in_(people), Absence.end >= lo, Absence.start <= hi)
        .order_by(Absence.person_id, Absence.start, Absence.id))]


@dataclass
class _Piece:
    kind: str
    start: dt.datetime
    end: dt.datetime
    note: str
    origins: list[int]  # the records it comes from, in start order (empty: typed now)


def _join_notes(notes: Iterable[str]) -> str:
    return "；".join(dict.fromkeys(n for n in notes if n))[:NOTE_MAX]


def _layout(records: list[AbsenceRow], days: dict[dt.date, str | None],
            handover: dt.time) -> list[_Piece]:
    """One person's absences once ``days`` (day -> kind, None: not away) are written over them."""
    pieces = [_Piece(r.kind, r.start, r.end, r.note, [r.id]) for r in records]
    typed: list[_Piece] = []
    for day, kind in sorted(days.items()):
        ws, we = duty_window(day, handover)
        if kind is not None and any(p.kind == kind and p.start <= ws and we <= p.end for p in pieces):
            continue  # already away for that reason: typing it again changes nothing
        cut: list[_Piece] = []
        for p in pieces:
            if p.end <= ws or we <= p.start:
                cut.append(p)
                continue
            if p.start < ws:
                cut.append(_Piece(p.kind, p.start, ws, p.note, list(p.origins)))
            if we < p.end:
                cut.append(_Piece(p.kind, we, p.end, p.note, list(p.origins)))
        pieces = cut
        if kind is not None:
            piece = _Piece(kind, ws, we, "", [])
            typed.append(piece)
            pieces.append(piece)
    # A typed day joins the same kind's absence it touches; records that merely touched before stay apart.
    new = {id(p) for p in typed}
    pieces.sort(key=lambda p: (p.kind, p.start, p.origins[:1]))
    merged: list[tuple[_Piece, bool]] = []
    for p in pieces:
        if merged:
            last, has_new = merged[-1]
            if last.kind == p.kind and p.start <= last.end and (has_new or id(p) in new):
                last.end = max(last.end, p.end)
                last.note = _join_notes((last.note, p.note))
                last.origins += [o for o in p.origins if o not in last.origins]
                merged[-1] = (last, True)
                continue
        merged.append((_Piece(p.kind, p.start, p.end, p.note, list(p.origins)), id(p) in new))
    return sorted((p for p, _ in merged), key=lambda p: p.start)


def write_days(session: Session, values: Mapping[Cell, str | None]) -> AbsenceEdit | None:
    """Make each cell's day an absence of the code's kind (a code) or no absence (None), all in one go.

    None when no absence record changed (no absence code given and none on those days).
    """
    if not values:
        return None
    handover = load_handover(session)
    people = sorted({p for p, _ in values})
    lo = duty_window(min(d for _, d in values), handover)[0]
    hi = duty_window(max(d for _, d in values), handover)[1]
    current = _read(session, people, lo, hi)
    by_person: dict[int, list[AbsenceRow]] = defaultdict(list)
    for record in current:
        by_person[record.person_id].append(record)
    wanted: dict[int, dict[dt.date, str | None]] = defaultdict(dict)
    for (pid, day), code in values.items():
        wanted[pid][day] = KIND_OF[code] if code is not None else None
    changed_people: set[int] = set()
    for pid, days in wanted.items():
        records = by_person.get(pid, [])
        if not records and all(kind is None for kind in days.values()):
            continue  # nothing away, nothing typed away: the common case of a rotation
        if _apply(session, pid, records, _layout(records, days, handover)):
            changed_people.add(pid)
    if not changed_people:
        return None
    session.flush()
    before = AbsenceSnapshot(tuple(people), lo, hi, tuple(current))
    after = AbsenceSnapshot(tuple(people), lo, hi, tuple(_read(session, people, lo, hi)))
    return AbsenceEdit(before, after, _change(changed_people, values))


def _change(people: Iterable[int], cells: Iterable[Cell]) -> Change:
    return Change(people=frozenset(people), days=frozenset(d for _, d in cells), registers=frozenset({PEOPLE}))


def _apply(session: Session, person_id: int, records: list[AbsenceRow], pieces: list[_Piece]) -> bool:
    """Write ``pieces`` over ``records``: a piece keeps the id of the first record it comes from that
    no earlier piece took; the rest are new. Whether anything changed."""
    old = {r.id: r for r in records}
    taken: set[int] = set()
    changed = False
    for p in pieces:
        keep = next((o for o in p.origins if o not in taken), None)
        if keep is None:
            session.add(Absence(person_id=person_id, kind=p.kind, start=p.start, end=p.end, note=p.note))
            changed = True
            continue
        taken.add(keep)
        r = old[keep]
        if (r.kind, r.start, r.end, r.note) != (p.kind, p.start, p.end, p.note):
            absence = session.get(Absence, keep)
            absence.kind, absence.start, absence.end, absence.note = p.kind, p.start, p.end, p.note
            changed = True
    for gone in old.keys() - taken:
        session.delete(session.get(Absence, gone))
        changed = True
    return changed


def _check(session: Session, expect: AbsenceSnapshot) -> None:
    if set(_read(session, expect.people, expect.lo, expect.hi)) != set(expect.records):
        raise StaleEdit(tr("Some of these absences were changed since; the step was not taken back, so that "
                           "the later changes stay."))


def check_unchanged(session: Session, edit: AbsenceEdit | None, *, undo: bool) -> None:
    """StaleEdit when the absences no longer stand as the step (undo) or its undo (redo) left them."""
    if edit is not None:
        _check(session, edit.after if undo else edit.before)


def restore(session: Session, snapshot: AbsenceSnapshot, expect: AbsenceSnapshot) -> Change:
    """Put the region's absences back exactly as ``snapshot`` found them, ids included where still free;
    StaleEdit (nothing written) when the region no longer holds what ``expect`` recorded."""
    _check(session, expect)
    wanted = {r.id: r for r in snapshot.records}
    people = set()
    for r in expect.records:
        people.add(r.person_id)
        absence = session.get(Absence, r.id)
        if r.id not in wanted:
            session.delete(absence)
        elif wanted[r.id] != r:
            w = wanted[r.id]
            absence.kind, absence.start, absence.end, absence.note = w.kind, w.start, w.end, w.note
    session.flush()
    current = {r.id for r in expect.records}
    for r in snapshot.records:
        people.add(r.person_id)
        if r.id not in current:
            taken = session.get(Absence, r.id) is not None
            values = dict(person_id=r.person_id, kind=r.kind, start=r.start, end=r.end, note=r.note)
            session.add(Absence(**values) if taken else Absence(id=r.id, **values))
    session.flush()
    days = {d for r in (*snapshot.records, *expect.records) for d in _days_in(r, snapshot.lo, snapshot.hi)}
    return _change(people, ((0, d) for d in days))


def _days_in(record: AbsenceRow, lo: dt.datetime, hi: dt.datetime) -> list[dt.date]:
    first, last = max(record.start, lo).date(), min(record.end, hi).date()
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
