"""Shift swaps (换班), stand-ins (替班) and pay-backs (还班): the duties move as the grid moves them, and
the swap is recorded (who, which days, why, who approved it, when).

- ``swap``: person a's duty of day a becomes person b's and b's duty of day b becomes a's, each keeping
  its shift, vehicle and crew role; the 休 entries go the other way so that the grid stays filled. The
  duty roles of those days (带班领导, 站内值班, 通信值班...) go with the duties.
- ``cover``: a's duty of day a becomes b's; a gets b's 休 of that day (or a new 休). a then owes b a
  还班 of the same shift type. A cover in the reverse direction (the one who owes takes a duty of the
  one who stood in) of the same shift type is recorded as a ``payback`` settling the oldest open cover.
- ``settle``: a cover settled by hand, with a note.

Like the grid's services these keep the data valid and nothing more: whether the swap is wise (rest,
leave, qualifications, seats) is the checking engine's business, asked before the window writes it.
Each write returns a ``SwapEdit`` (its ``change`` names the people, days, vehicles and ``SWAPS``);
``undo_swap`` and ``redo_swap`` take it back and make it again, only while the rows stand as it left them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session, aliased

from rosterapp import clock, vocab
from rosterapp.errors import StaleEdit, UserError
from rosterapp.i18n import language, tr
from rosterapp.models import Duty, Person, Position, Qualification, ShiftType, Station, person_qualification
from rosterapp.models.daybook import DutyAssignment, ShiftSwap
from rosterapp.reference_data import COMMAND, OFFICE_LEADER_POSITIONS, OFFICER_POSITIONS
from rosterapp.services import duties as duty_service
from rosterapp.services.changes import ASSIGNMENTS, SWAPS, Change
from rosterapp.services.duties import CellSnapshot, shift_interval
from rosterapp.services.dutyday import DAY, day_reason
from rosterapp.services.validation import clean_text, get_or_not_found

SWAP, COVER, PAYBACK = "swap", "cover", "payback"
REASON_MAX, APPROVER_MAX, NOTE_MAX = 200, 60, 200


@dataclass(frozen=True)
class SwapRecord:
    """A ShiftSwap row as plain data: what undo removes and redo puts back under the same id."""

    id: int
    station_id: int
    kind: str
    person_a_id: int
    day_a: dt.date
    person_b_id: int
    day_b: dt.date | None
    shift_type_id: int | None
    reason: str
    approver_id: int | None
    approver_text: str
    recorded_at: dt.datetime
    settles_id: int | None
    settled_at: dt.datetime | None
    settled_note: str


_FIELDS = tuple(f.name for f in fields(SwapRecord))


def _record(row: ShiftSwap) -> SwapRecord:
    return SwapRecord(*(getattr(row, name) for name in _FIELDS))


@dataclass(frozen=True)
class SwapEdit:
    """A swap, stand-in or pay-back as made: its record, the grid cells before and after, what it touched."""

    record: SwapRecord
    before: CellSnapshot
    after: CellSnapshot
    change: Change
    # The day's duty roles (带班领导, 站内值班...) that went with the duties: (assignment id, from, to).
    roles: tuple[tuple[int, int, int], ...] = ()
    # The same, as the clerk is told: (role, day, from, to).
    moved: tuple[tuple[str, dt.date, int, int], ...] = ()


# -- reading the cells ------------------------------------------------------------------------------

def _cell(session: Session, person_id: int, day: dt.date) -> list[tuple[Duty, bool]]:
    """The station entries of a grid cell (a person's entries starting that day), with whether each is a duty."""
    lo = dt.datetime.combine(day, dt.time())
    rows = session.execute(
        select(Duty, ShiftType.is_duty).join(ShiftType, ShiftType.id == Duty.shift_type_id)
        .where(Duty.person_id == person_id, Duty.post_id.is_(None), Duty.start >= lo, Duty.start < lo + DAY)
        .order_by(Duty.start, Duty.id)).all()
    return [(duty, bool(is_duty)) for duty, is_duty in rows]


def _off_shift(session: Session) -> ShiftType:
    shift = session.scalar(select(ShiftType).where(ShiftType.is_duty.is_(False))
                           .order_by((ShiftType.code != "休"), ShiftType.id))
    if shift is None:
        raise UserError(tr("There is no shift code for a day off (休); add one first."))
    return shift


def _name(person: Person) -> str:
    return person.name


def _refuse_post_day(session: Session, person: Person, day: dt.date) -> None:
    posts = duty_service.post_days(session, [(person.id, day)])
    if posts:
        raise UserError(tr("{name} holds a post duty on {day} ({post}): the post board owns that day; change it "
                           "there.", name=_name(person), day=day.isoformat(), post=posts[person.id, day]))


def _duties_given(session: Session, person: Person, day: dt.date) -> list[Duty]:
    """The station duties a person gives away on a day; refused when there is none or it is a post's."""
    _refuse_post_day(session, person, day)
    given = [duty for duty, is_duty in _cell(session, person.id, day) if is_duty]
    if not given:
        raise UserError(tr("{name} has no duty on {day} to give.", name=_name(person), day=day.isoformat()))
    return given


def _people(session: Session, station_id: int, person_a_id: int, person_b_id: int,
            days: list[dt.date]) -> tuple[Station, Person, Person]:
    station = get_or_not_found(session, Station, station_id, "Unknown station: {name}")
    a = get_or_not_found(session, Person, person_a_id, "Unknown person: {name}")
    b = get_or_not_found(session, Person, person_b_id, "Unknown person: {name}")
    # Before their days are read: a code typed or a post staffed for either meanwhile is waited for and seen.
    duty_service.lock_people_cells(session, (a.id, b.id))
    for day in days:
        reason = day_reason(day)
        if reason:
            raise UserError(reason)
    if a.id == b.id:
        raise UserError(tr("A swap takes two people: {name} cannot swap with themselves.", name=_name(a)))
    for person in (a, b):
        if person.station_id != station.id:
            raise UserError(tr("{name} is not at {station}: swaps are made between people of one station.",
                               name=_name(person), station=station.name))
    return station, a, b


def _approval(session: Session, reason: str, approver_id: int | None, approver_text: str) -> tuple[str, str]:
    errors: list[str] = []
    reason, approver_text = clean_text(reason), clean_text(approver_text)
    if len(reason) > REASON_MAX:
        errors.append(tr("The reason is longer than {most} characters.", most=REASON_MAX))
    if len(approver_text) > APPROVER_MAX:
        errors.append(tr("The approver's name is longer than {most} characters.", most=APPROVER_MAX))
    if approver_id is not None and session.get(Person, approver_id) is None:
        errors.append(tr("Unknown person: {name}", name=approver_id))
    if approver_id is None and not approver_text:
        errors.append(tr("Name who approved it: one of the station's officers, or someone outside it."))
    if errors:
        raise UserError(" ".join(errors))
    return reason, approver_text


def _give(duties: list[Duty], person_id: int) -> None:
    for duty in duties:
        duty.person_id = person_id


def _fill_off(session: Session, person: Person, day: dt.date, station_id: int) -> None:
    """A person left with an empty cell on a day gets a 休 there: the grid stays filled."""
    if not _cell(session, person.id, day):
        off = _off_shift(session)
        start, end = shift_interval(off, day)
        session.add(Duty(person_id=person.id, shift_type_id=off.id, start=start, end=end, station_id=station_id))
        session.flush()


def _move_roles(session: Session, station_id: int,
                moves: list[tuple[int, dt.date, int]]) -> list[tuple[int, int, int, str, dt.date]]:
    """The duty roles of the day (带班领导, 站内值班, 通信值班...) go with the duty: for each (from, day, to),
    the roles ``from`` holds at the station that day become ``to``'s. A leader's role goes only to someone
    who may lead (an officer); otherwise it stays, and the check says the leader is not on duty, so the
    clerk names another leader first. Read first, then written, so that two people exchanging their roles
    of one day do not take each other's twice."""
    found = []
    leaders = None
    for giver, day, taker in moves:
        for assignment in session.scalars(select(DutyAssignment).where(
                DutyAssignment.station_id == station_id, DutyAssignment.day == day,
                DutyAssignment.person_id == giver)):
            if assignment.role in vocab.LEADER_ROLES:
                if leaders is None:
                    leaders = {pid for pid, _name, _position in station_officers(session, station_id)}
                if taker not in leaders:
                    continue
            found.append((assignment, giver, taker))
    for assignment, _giver, taker in found:
        assignment.person_id = taker
    session.flush()
    return [(assignment.id, giver, taker, assignment.role, assignment.day) for assignment, giver, taker in found]


def _set_roles(session: Session, roles, *, forward: bool) -> None:
    """Put the moved roles back (``forward`` False) or again; StaleEdit when one changed since."""
    rows = [(session.get(DutyAssignment, key), giver, taker) for key, giver, taker in roles]
    for row, giver, taker in rows:
        if row is None or row.person_id != (giver if forward else taker):
            raise StaleEdit(tr("This swap was changed or paid back since; it was not taken back, so that the later "
                               "changes stay."))
    for row, giver, taker in rows:
        row.person_id = taker if forward else giver
    session.flush()


def _finish(session: Session, row: ShiftSwap, cells: list[tuple[int, dt.date]], before: CellSnapshot,
            moves: list[tuple[int, dt.date, int]]) -> SwapEdit:
    roles = _move_roles(session, row.station_id, moves)
    session.add(row)
    session.flush()
    after = duty_service.snapshot_cells(session, cells)
    change = Change(people=frozenset(p for p, _ in cells), days=frozenset(d for _, d in cells),
                    stations=frozenset({row.station_id}),
                    registers=frozenset({SWAPS} | ({ASSIGNMENTS} if roles else set())))
    change = change | Change.of_entries(r.entry() for r in (*before.records, *after.records))
    return SwapEdit(_record(row), before, after, change, tuple(r[:3] for r in roles),
                    tuple((role, day, giver, taker) for _id, giver, taker, role, day in roles))


# -- the writes -------------------------------------------------------------------------------------

def swap(session: Session, station_id: int, person_a_id: int, day_a: dt.date, person_b_id: int, day_b: dt.date,
         reason: str = "", *, approver_id: int | None = None, approver_text: str = "") -> SwapEdit:
    """换班: a's duty of ``day_a`` becomes b's and b's duty of ``day_b`` becomes a's."""
    station, a, b = _people(session, station_id, person_a_id, person_b_id, [day_a, day_b])
    reason, approver_text = _approval(session, reason, approver_id, approver_text)
    given_a = _duties_given(session, a, day_a)
    given_b = _duties_given(session, b, day_b)
    _refuse_post_day(session, b, day_a)
    _refuse_post_day(session, a, day_b)
    cells = list(dict.fromkeys([(a.id, day_a), (b.id, day_a), (a.id, day_b), (b.id, day_b)]))
    before = duty_service.snapshot_cells(session, cells)
    offs_b = offs_a = []
    if day_a != day_b:
        offs_b = [duty for duty, is_duty in _cell(session, b.id, day_a) if not is_duty]
        offs_a = [duty for duty, is_duty in _cell(session, a.id, day_b) if not is_duty]
    _give(given_a, b.id)
    _give(given_b, a.id)
    _give(offs_b, a.id)
    _give(offs_a, b.id)
    session.flush()
    _fill_off(session, a, day_a, station.id)
    _fill_off(session, b, day_b, station.id)
    row = ShiftSwap(station_id=station.id, kind=SWAP, person_a_id=a.id, day_a=day_a, person_b_id=b.id, day_b=day_b,
                    shift_type_id=given_a[0].shift_type_id, reason=reason, approver_id=approver_id,
                    approver_text=approver_text, recorded_at=clock.now())
    return _finish(session, row, cells, before, [(a.id, day_a, b.id), (b.id, day_b, a.id)])


def _open_covers(station_id: int | None = None):
    """The query of open covers: not settled by hand and not paid back."""
    paid = aliased(ShiftSwap)
    query = select(ShiftSwap).where(
        ShiftSwap.kind == COVER, ShiftSwap.settled_at.is_(None),
        ~exists().where(paid.settles_id == ShiftSwap.id, paid.kind == PAYBACK))
    if station_id is not None:
        query = query.where(ShiftSwap.station_id == station_id)
    return query


def owed_cover(session: Session, station_id: int, person_a_id: int, person_b_id: int,
               shift_type_id: int) -> ShiftSwap | None:
    """The oldest open cover that a stand-in of ``person_a`` by ``person_b`` would pay back: one where
    ``person_b`` owes ``person_a`` (a stood in for b) a duty of that shift type."""
    return session.scalar(_open_covers(station_id).where(
        ShiftSwap.person_a_id == person_b_id, ShiftSwap.person_b_id == person_a_id,
        ShiftSwap.shift_type_id == shift_type_id).order_by(ShiftSwap.day_a, ShiftSwap.id).limit(1))


def cover(session: Session, station_id: int, person_a_id: int, day_a: dt.date, person_b_id: int,
          reason: str = "", *, approver_id: int | None = None, approver_text: str = "") -> SwapEdit:
    """替班: a's duty of ``day_a`` becomes b's; a gets b's 休 of that day. Recorded as a 还班 when it pays
    back an open cover of the same shift type in the other direction (the oldest), else a's debt to b."""
    station, a, b = _people(session, station_id, person_a_id, person_b_id, [day_a])
    reason, approver_text = _approval(session, reason, approver_id, approver_text)
    given = _duties_given(session, a, day_a)
    _refuse_post_day(session, b, day_a)
    cells = [(a.id, day_a), (b.id, day_a)]
    before = duty_service.snapshot_cells(session, cells)
    offs_b = [duty for duty, is_duty in _cell(session, b.id, day_a) if not is_duty]
    _give(given, b.id)
    _give(offs_b, a.id)
    session.flush()
    _fill_off(session, a, day_a, station.id)
    shift_type_id = given[0].shift_type_id
    settles = owed_cover(session, station.id, a.id, b.id, shift_type_id)
    row = ShiftSwap(station_id=station.id, kind=PAYBACK if settles is not None else COVER, person_a_id=a.id,
                    day_a=day_a, person_b_id=b.id, day_b=None, shift_type_id=shift_type_id, reason=reason,
                    approver_id=approver_id, approver_text=approver_text, recorded_at=clock.now(),
                    settles_id=settles.id if settles is not None else None)
    return _finish(session, row, cells, before, [(a.id, day_a, b.id)])


def undo_swap(session: Session, edit: SwapEdit) -> Change:
    """Take a swap back: the cells as they were, the record gone; StaleEdit when either changed since
    (a cover paid back or settled since stays)."""
    row = session.get(ShiftSwap, edit.record.id)
    if row is None or _record(row) != edit.record or session.scalar(
            select(ShiftSwap.id).where(ShiftSwap.settles_id == edit.record.id).limit(1)) is not None:
        raise StaleEdit(tr("This swap was changed or paid back since; it was not taken back, so that the later "
                           "changes stay."))
    _set_roles(session, edit.roles, forward=False)
    change = duty_service.restore_cells(session, edit.before, expect=edit.after)
    session.delete(row)
    session.flush()
    return change | edit.change


def redo_swap(session: Session, edit: SwapEdit) -> Change:
    """Make a swap again after its undo, under the same id; StaleEdit when the cells changed since, or
    when the stand-in a pay-back settles is gone or was settled otherwise meanwhile."""
    covered = session.get(ShiftSwap, edit.record.settles_id) if edit.record.settles_id is not None else None
    if session.get(ShiftSwap, edit.record.id) is not None or (
            edit.record.settles_id is not None and (covered is None or not is_open(session, covered))):
        raise StaleEdit(tr("This swap was changed or paid back since; it was not taken back, so that the later "
                           "changes stay."))
    _set_roles(session, edit.roles, forward=True)
    change = duty_service.restore_cells(session, edit.after, expect=edit.before)
    session.add(ShiftSwap(**{name: getattr(edit.record, name) for name in _FIELDS}))
    session.flush()
    return change | edit.change


def _swap_change(row: ShiftSwap) -> Change:
    """What a change of a swap's record alone (a settlement) touched: its people and station days."""
    days = {row.day_a} | ({row.day_b} if row.day_b else set())
    return Change(people=frozenset({row.person_a_id, row.person_b_id}), stations=frozenset({row.station_id}),
                  days=frozenset(days), registers=frozenset({SWAPS}))


def settle(session: Session, swap_id: int, note: str, *, at: dt.datetime | None = None) -> tuple[dt.datetime, Change]:
    """Settle an open cover by hand, with a note (the debt was paid some other way, or forgiven).

    Returns when it was settled (what ``unsettle`` expects) and the Change."""
    row = get_or_not_found(session, ShiftSwap, swap_id, "Unknown swap: {name}")
    note = clean_text(note)
    if row.kind != COVER:
        raise UserError(tr("Only a stand-in (替班) owes a pay-back; this is a {kind}.",
                           kind=vocab.label(vocab.SWAP_KIND, row.kind, language())))
    if not is_open(session, row):
        raise UserError(tr("This stand-in is settled already."))
    if not note:
        raise UserError(tr("Say how it was settled."))
    if len(note) > NOTE_MAX:
        raise UserError(tr("The note is longer than {most} characters.", most=NOTE_MAX))
    row.settled_at = at or clock.now().replace(microsecond=0)
    row.settled_note = note
    session.flush()
    return row.settled_at, _swap_change(row)


def unsettle(session: Session, swap_id: int, at: dt.datetime) -> Change:
    """Take back a settlement by hand (its undo); StaleEdit unless the cover is still settled at ``at``."""
    row = session.get(ShiftSwap, swap_id)
    if row is None or row.settled_at != at:
        raise StaleEdit(tr("This swap was changed or paid back since; it was not taken back, so that the later "
                           "changes stay."))
    row.settled_at = None
    row.settled_note = ""
    session.flush()
    return _swap_change(row)


def is_open(session: Session, row: ShiftSwap) -> bool:
    if row.kind != COVER or row.settled_at is not None:
        return False
    return session.scalar(select(ShiftSwap.id).where(ShiftSwap.settles_id == row.id,
                                                     ShiftSwap.kind == PAYBACK).limit(1)) is None


# -- reading ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SwapRow:
    """One recorded swap as the lists show it."""

    id: int
    kind: str
    station_id: int
    station: str
    person_a_id: int
    person_a: str
    staff_no_a: str
    day_a: dt.date
    person_b_id: int
    person_b: str
    staff_no_b: str
    day_b: dt.date | None
    shift: str
    reason: str
    approver: str
    recorded_at: dt.datetime
    settles_id: int | None
    paid_back_by: int | None
    settled_at: dt.datetime | None
    settled_note: str

    @property
    def open(self) -> bool:
        """A stand-in still owed: neither paid back nor settled by hand."""
        return self.kind == COVER and self.paid_back_by is None and self.settled_at is None

    def status(self) -> str:
        """The state of the swap in the user's language: owed, paid back, settled, or what it pays back."""
        if self.kind != COVER:
            return tr("pays back #{id}", id=self.settles_id) if self.settles_id else ""
        if self.paid_back_by is not None:
            return tr("paid back (#{id})", id=self.paid_back_by)
        if self.settled_at is not None:
            return tr("settled: {note}", note=self.settled_note)
        return tr("owed")


def list_swaps(session: Session, station: int | None = None, open_only: bool = False, *,
               person_id: int | None = None, first: dt.date | None = None,
               last: dt.date | None = None) -> list[SwapRow]:
    """The recorded swaps, oldest day first; ``open_only``: the stand-ins still owed."""
    a, b, approver = aliased(Person), aliased(Person), aliased(Person)
    query = _open_covers(station) if open_only else select(ShiftSwap)
    if station is not None and not open_only:
        query = query.where(ShiftSwap.station_id == station)
    if person_id is not None:
        query = query.where(or_(ShiftSwap.person_a_id == person_id, ShiftSwap.person_b_id == person_id))
    if first is not None:
        query = query.where(or_(ShiftSwap.day_a >= first, ShiftSwap.day_b >= first))
    if last is not None:
        query = query.where(ShiftSwap.day_a <= last)
    query = (query.add_columns(Station.name, a.name, a.staff_no, b.name, b.staff_no, ShiftType.code, approver.name)
             .join(Station, Station.id == ShiftSwap.station_id)
             .join(a, a.id == ShiftSwap.person_a_id).join(b, b.id == ShiftSwap.person_b_id)
             .outerjoin(ShiftType, ShiftType.id == ShiftSwap.shift_type_id)
             .outerjoin(approver, approver.id == ShiftSwap.approver_id)
             .order_by(ShiftSwap.day_a, ShiftSwap.id))
    rows = session.execute(query).all()
    ids = [r[0].id for r in rows]
    paid = dict(session.execute(select(ShiftSwap.settles_id, ShiftSwap.id).where(
        ShiftSwap.settles_id.in_(ids), ShiftSwap.kind == PAYBACK)).all()) if ids else {}
    return [SwapRow(s.id, s.kind, s.station_id, st, s.person_a_id, na, sa, s.day_a, s.person_b_id, nb, sb, s.day_b,
                    code or "", s.reason, ap or s.approver_text, s.recorded_at, s.settles_id, paid.get(s.id),
                    s.settled_at, s.settled_note)
            for s, st, na, sa, nb, sb, code, ap in rows]


def open_paybacks(session: Session, person_ids=None, *, until: dt.date | None = None) -> dict[int, int]:
    """How many 还班 each person still owes (open stand-ins where they are person a; with ``until``, those
    of days up to it)."""
    query = _open_covers().with_only_columns(ShiftSwap.person_a_id)
    if until is not None:
        query = query.where(ShiftSwap.day_a <= until)
    if person_ids is not None:
        query = query.where(ShiftSwap.person_a_id.in_(list(person_ids)))
    owed: dict[int, int] = {}
    for (pid,) in session.execute(query):
        owed[pid] = owed.get(pid, 0) + 1
    return owed


def station_officers(session: Session, station_id: int) -> list[tuple[int, str, str]]:
    """(id, name, position) of a station's officers, who approve its swaps and may lead its day: those in an
    officer's position (站长, 指导员, 副站长; at a staff office 支队长, 政委, 副支队长, 参谋长) or holding 指挥员资格,
    the positions first."""
    commanders = select(person_qualification.c.person_id).join(
        Qualification, Qualification.id == person_qualification.c.qualification_id).where(
        Qualification.name == COMMAND)
    rows = session.execute(
        select(Person.id, Person.name, Position.name).outerjoin(Position, Position.id == Person.position_id)
        .where(Person.station_id == station_id, Person.active.is_(True),
               or_(Position.name.in_(OFFICER_POSITIONS + OFFICE_LEADER_POSITIONS), Person.id.in_(commanders)))
        .order_by(Person.id)).all()
    rank = {name: i for i, name in enumerate(OFFICER_POSITIONS + OFFICE_LEADER_POSITIONS)}
    rows.sort(key=lambda r: (rank.get(r[2] or "", len(rank)), r[0]))
    return [(pid, name, position or "") for pid, name, position in rows]


def swap_json(row: SwapRow) -> dict:
    """One swap as ``swaps --json`` prints it."""
    return {"id": row.id, "kind": row.kind, "station": row.station,
            "person_a": {"staff_no": row.staff_no_a, "name": row.person_a}, "day_a": row.day_a.isoformat(),
            "person_b": {"staff_no": row.staff_no_b, "name": row.person_b},
            "day_b": row.day_b.isoformat() if row.day_b else None, "shift": row.shift, "reason": row.reason,
            "approver": row.approver, "recorded_at": row.recorded_at.isoformat(timespec="minutes"),
            "settles": row.settles_id, "paid_back_by": row.paid_back_by, "open": row.open,
            "settled_at": row.settled_at.isoformat(timespec="minutes") if row.settled_at else None,
            "settled_note": row.settled_note}



def swap_table(rows: list[SwapRow]) -> tuple[list[str], list[list[str]]]:
    """The headers and lines of the swaps' text table, in the user's language."""
    lang = language()
    headers = [tr("No."), tr("Kind"), tr("Station"), tr("Gives"), tr("Day"), tr("Takes"), tr("Day back"),
               tr("Shift"), tr("Reason"), tr("Approved by"), tr("Status")]
    lines = [[str(r.id), vocab.label(vocab.SWAP_KIND, r.kind, lang), r.station, r.person_a, r.day_a.isoformat(),
              r.person_b, r.day_b.isoformat() if r.day_b else "", r.shift, r.reason, r.approver, r.status()]
             for r in rows]
    return headers, lines
