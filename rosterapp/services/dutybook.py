"""Who holds the duty roles of each duty day: a station's 带班领导, 站内值班 and 通信值班, and its detachment's
支队值班领导 and 支队总值班 (kept at the detachment's staff office). Read, set (one call is one edit, undone
and redone only while the roles still stand as it left them), and proposed: the clerk's people in turn,
or whoever the roster has on duty that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import bindparam, delete, insert, or_, select, tuple_, update
from sqlalchemy.orm import Session, aliased

from rosterapp import reference_data as ref
from rosterapp import vocab
from rosterapp.errors import FieldError, StaleEdit, ValidationError
from rosterapp.i18n import tr
from rosterapp.models import (
    Absence,
    Duty,
    DutyAssignment,
    Person,
    Position,
    Qualification,
    ShiftType,
    Station,
)
from rosterapp.models.people import person_qualification
from rosterapp.services.changes import ASSIGNMENTS, Change
from rosterapp.services.roster import pinyin_key

Key = tuple[int, dt.date, str]  # (station id, duty day, role)
Item = tuple[int, dt.date, str, int | None]  # a key and who holds it (None: nobody)

# A 24 h duty starting at the handover covers the day's noon; so does every shift of the day worth counting.
_NOON = dt.time(12)
_CHUNK = 400


def roles_of(grade: str) -> tuple[str, ...]:
    """The roles a unit of this grade assigns: an office's (支队值班领导, 支队总值班) or a station's."""
    return vocab.OFFICE_ROLES if grade == vocab.OFFICE_GRADE else vocab.STATION_ROLES


def role_label(role: str, lang: str = "zh_CN") -> str:
    return vocab.label(vocab.DUTY_ROLE, role, lang)


@dataclass(frozen=True)
class Holder:
    """Who holds a role of a day."""

    person_id: int
    name: str
    staff_no: str


@dataclass(frozen=True)
class Candidate:
    """Someone of a unit who may hold its roles, with what a clerk types to find them."""

    person_id: int
    name: str
    staff_no: str
    position: str
    initials: str  # pinyin initials, 张伟 -> zw
    pinyin: str  # 'zhang wei'
    officer: bool  # 站长, 指导员, 副站长 or 指挥员资格 (who may be 带班领导)
    active: bool = True

    @property
    def label(self) -> str:
        """'张伟  T001 站长': a line of the picker."""
        return "  ".join(x for x in (self.name, self.staff_no, self.position) if x)


# -- reading ---------------------------------------------------------------------------------------

def offices_of(session: Session, station_ids: Iterable[int]) -> dict[int, int]:
    """Station id -> the id of its detachment's staff office (an office maps to itself)."""
    ids = set(station_ids)
    if not ids:
        return {}
    office = aliased(Station)
    rows = session.execute(select(Station.id, office.id).join(office, office.detachment_id == Station.detachment_id)
                           .where(Station.id.in_(ids), office.grade == vocab.OFFICE_GRADE)).all()
    return dict(rows)


def read_assignments(session: Session, station_ids: Iterable[int], first: dt.date, last: dt.date, *,
                     with_offices: bool = True) -> dict[Key, Holder]:
    """The roles held at these stations (and, with ``with_offices``, at their detachments' staff offices)
    over the duty days [first, last], in one query."""
    ids = set(station_ids)
    if not ids:
        return {}
    where = DutyAssignment.station_id.in_(ids)
    if with_offices:
        office = aliased(Station)
        near = aliased(Station)
        offices = (select(office.id).join(near, near.detachment_id == office.detachment_id)
                   .where(near.id.in_(ids), office.grade == vocab.OFFICE_GRADE))
        where = or_(where, DutyAssignment.station_id.in_(offices.scalar_subquery()))
    rows = session.execute(
        select(DutyAssignment.station_id, DutyAssignment.day, DutyAssignment.role, Person.id, Person.name,
               Person.staff_no)
        .join(Person, Person.id == DutyAssignment.person_id)
        .where(where, DutyAssignment.day >= first, DutyAssignment.day <= last))
    return {(sid, day, role): Holder(pid, name, staff_no) for sid, day, role, pid, name, staff_no in rows}


def station_assignments(session: Session, station_id: int, first: dt.date, last: dt.date) -> dict[Key, Holder]:
    """One station's roles and its detachment office's over [first, last] (one query)."""
    return read_assignments(session, [station_id], first, last)


def candidates(session: Session, station_ids: Iterable[int]) -> dict[int, list[Candidate]]:
    """Station id -> the people who may hold its roles (its own people, officers first), for the picker."""
    ids = set(station_ids)
    if not ids:
        return {}
    commanders = set(session.scalars(
        select(person_qualification.c.person_id).join(Qualification, Qualification.id
                                                      == person_qualification.c.qualification_id)
        .join(Person, Person.id == person_qualification.c.person_id)
        .where(Qualification.name == ref.COMMAND, Person.station_id.in_(ids))))
    found: dict[int, list[tuple]] = {sid: [] for sid in ids}
    for pid, name, staff_no, sid, position, order, active in session.execute(
            select(Person.id, Person.name, Person.staff_no, Person.station_id, Position.name, Position.sort_order,
                   Person.active)
            .outerjoin(Position, Position.id == Person.position_id).where(Person.station_id.in_(ids))):
        full, initials = pinyin_key(name)
        officer = position in ref.OFFICER_POSITIONS or position in ref.OFFICE_LEADER_POSITIONS or pid in commanders
        person = Candidate(pid, name, staff_no, position or "", initials, full, officer, active)
        found[sid].append(((not active, not officer, order if order is not None else 99, full, staff_no), person))
    return {sid: [c for _, c in sorted(people, key=lambda pair: pair[0])] for sid, people in found.items()}


def match(people: Sequence[Candidate], text: str) -> list[Candidate]:
    """Who of ``people`` the clerk means by ``text``: a name, a 工号, pinyin initials (zw) or full pinyin,
    or a picker's line; exact matches first, then those that begin so."""
    text = " ".join(text.split())
    if not text:
        return []
    low = text.lower()
    compact = low.replace(" ", "")
    exact = [c for c in people if text in (c.name, c.staff_no, c.label) or low == c.initials
             or compact == c.pinyin.replace(" ", "")]
    if exact:
        return exact
    first_word = text.split(" ")[0]
    exact = [c for c in people if first_word in (c.name, c.staff_no)]
    if exact:
        return exact
    return [c for c in people if c.name.startswith(text) or c.staff_no.startswith(text)
            or (low.isascii() and (c.initials.startswith(compact) or c.pinyin.replace(" ", "").startswith(compact)))]


# -- writing ---------------------------------------------------------------------------------------

State = dict[Key, tuple[int, int] | None]  # key -> (person id, version) of the row, None: no row


@dataclass
class AssignmentsEdit:
    """One edit of duty roles: who held each key before and after, and the rows as the last step left
    them (what an undo or redo expects to find)."""

    before: dict[Key, int | None]
    after: dict[Key, int | None]
    change: Change
    left: State = field(default_factory=dict)


def _holder(state: tuple[int, int] | None) -> int | None:
    return state[0] if state is not None else None


def _state(session: Session, keys: Iterable[Key]) -> State:
    keys = list(dict.fromkeys(keys))
    state: State = dict.fromkeys(keys)
    c = DutyAssignment.__table__.c
    for i in range(0, len(keys), _CHUNK):
        chunk = keys[i:i + _CHUNK]
        for sid, day, role, pid, version in session.connection().execute(
                select(c.station_id, c.day, c.role, c.person_id, c.version)
                .where(tuple_(c.station_id, c.day, c.role).in_(chunk))):
            state[sid, day, role] = (pid, version)
    return state


def _validate(session: Session, items: Sequence[Item]) -> None:
    errors: list[FieldError] = []
    stations = {sid: (name, grade) for sid, name, grade in session.execute(
        select(Station.id, Station.short_name, Station.grade).where(Station.id.in_({i[0] for i in items})))}
    people = {pid: (name, sid, active) for pid, name, sid, active in session.execute(
        select(Person.id, Person.name, Person.station_id, Person.active)
        .where(Person.id.in_({i[3] for i in items if i[3] is not None})))}
    for sid, day, role, pid in items:
        where = day.isoformat()
        if role not in vocab.DUTY_ROLE:
            errors.append(FieldError(where, tr("Unknown duty role: {name}", name=role)))
            continue
        if sid not in stations:
            errors.append(FieldError(where, tr("Unknown station: {name}", name=sid)))
            continue
        station, grade = stations[sid]
        label = role_label(role)
        if role not in roles_of(grade):
            errors.append(FieldError(where, tr(
                "{role} is a staff office's role, not a station's ({station})", role=label, station=station)
                if role in vocab.OFFICE_ROLES else tr(
                "{role} is a station's role, not a staff office's ({station})", role=label, station=station)))
            continue
        if pid is None:
            continue
        if pid not in people:
            errors.append(FieldError(where, tr("Unknown person: {name}", name=pid)))
            continue
        name, home, active = people[pid]
        if home != sid:
            errors.append(FieldError(where, tr("{name} is not of {station}: a {role} is one of its own people",
                                               name=name, station=station, role=label)))
        elif not active:
            errors.append(FieldError(where, tr("{name} is no longer active", name=name)))
    if errors:
        raise ValidationError(errors)


def _write(session: Session, wanted: dict[Key, int | None], current: State) -> None:
    """Make the rows hold ``wanted``: delete where nobody, update where someone else, insert where new."""
    table = DutyAssignment.__table__
    c = table.c
    conn = session.connection()
    gone = [k for k, pid in wanted.items() if pid is None and current.get(k) is not None]
    for i in range(0, len(gone), _CHUNK):
        conn.execute(delete(table).where(tuple_(c.station_id, c.day, c.role).in_(gone[i:i + _CHUNK])))
    moved = [{"_s": k[0], "_d": k[1], "_r": k[2], "person_id": pid} for k, pid in wanted.items()
             if pid is not None and current.get(k) is not None and current[k][0] != pid]
    if moved:
        conn.execute(update(table).where(c.station_id == bindparam("_s"), c.day == bindparam("_d"),
                                         c.role == bindparam("_r")), moved)
    added = [{"station_id": k[0], "day": k[1], "role": k[2], "person_id": pid} for k, pid in wanted.items()
             if pid is not None and current.get(k) is None]
    if added:
        conn.execute(insert(table), added)
    session.expire_all()


def _change(keys: Iterable[Key], *people: Iterable[int | None]) -> Change:
    keys = list(keys)
    return Change(registers=frozenset({ASSIGNMENTS}), stations=frozenset(k[0] for k in keys),
                  days=frozenset(k[1] for k in keys),
                  people=frozenset(p for group in people for p in group if p is not None))


def assign(session: Session, items: Sequence[Item]) -> AssignmentsEdit:
    """Set the roles ``items`` name (None clears one) as one edit; what undo and redo need comes back.

    Refused whole (ValidationError, nothing written) when a role does not fit the unit or a person is not
    one of its people. Items that already hold what they ask for are no part of the edit.
    """
    wanted: dict[Key, int | None] = {}
    for sid, day, role, pid in items:
        wanted[sid, day, role] = pid  # the last word on a key counts (a pasted block over one cell)
    _validate(session, [(*k, pid) for k, pid in wanted.items()])
    current = _state(session, wanted)
    before = {k: (current[k][0] if current[k] is not None else None) for k in wanted}
    wanted = {k: pid for k, pid in wanted.items() if before[k] != pid}
    before = {k: before[k] for k in wanted}
    if not wanted:
        return AssignmentsEdit({}, {}, Change())
    _write(session, wanted, current)
    edit = AssignmentsEdit(before, dict(wanted), _change(wanted, before.values(), wanted.values()))
    edit.left = _state(session, wanted)
    return edit


def set_assignments(session: Session, items: Sequence[Item]) -> Change:
    """``assign`` for a caller that needs only what it touched (the command line, a fill)."""
    return assign(session, items).change


def _restore(session: Session, edit: AssignmentsEdit, wanted: dict[Key, int | None]) -> Change:
    current = _state(session, wanted)
    # What a row holds is compared, not its version: as rowdiff does, a later step undone (which writes the row
    # again, under a new version) leaves this one undoable; a row holding someone else is a later change.
    stale = [k for k in wanted if _holder(current.get(k)) != _holder(edit.left.get(k))]
    if stale:
        raise StaleEdit(tr("These duty roles were changed since; the step was not taken back, so that the later "
                           "changes stay."))
    _validate(session, [(*k, pid) for k, pid in wanted.items() if pid is not None])
    _write(session, wanted, current)
    edit.left = _state(session, wanted)
    return edit.change


def undo_assign(session: Session, edit: AssignmentsEdit) -> Change:
    """Put the roles back as they were before ``edit``; StaleEdit (nothing written) when they changed since."""
    return _restore(session, edit, edit.before)


def redo_assign(session: Session, edit: AssignmentsEdit) -> Change:
    """Make ``edit`` again after its undo; StaleEdit when the roles changed since."""
    return _restore(session, edit, edit.after)


# -- proposals -------------------------------------------------------------------------------------

def days_between(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def rotation_proposal(station_id: int, role: str, people: Sequence[int], first: dt.date, last: dt.date, *,
                      start: dt.date | None = None, days_each: int = 1) -> list[Item]:
    """``people`` in turn for ``role`` over [first, last]: the first of them on ``start`` (default
    ``first``) for ``days_each`` days, then the next, as the roster's rotations repeat their pattern."""
    if not people:
        return []
    start = start or first
    days_each = max(1, days_each)
    turn = len(people) * days_each
    return [(station_id, day, role, people[((day - start).days % turn) // days_each])
            for day in days_between(first, last)]


@dataclass(frozen=True)
class RosterProposal:
    items: list[Item]
    missing: list[tuple[dt.date, str]]  # days and roles the roster names nobody for (left as they are)


def on_duty(session: Session, station_id: int, first: dt.date, last: dt.date) -> dict[dt.date, list[tuple]]:
    """Day -> (person id, position, crew role, qualifications) of the station's people on a duty that covers
    the day's noon at the station (not at a post, not on leave), in one query each for duties and leave."""
    lo = dt.datetime.combine(first, dt.time())
    hi = dt.datetime.combine(last + dt.timedelta(days=1), dt.time())
    rows = session.execute(
        select(Duty.person_id, Duty.start, Duty.end, Duty.role, Position.name)
        .join(ShiftType, ShiftType.id == Duty.shift_type_id).join(Person, Person.id == Duty.person_id)
        .outerjoin(Position, Position.id == Person.position_id)
        .where(Person.station_id == station_id, Person.active, ShiftType.is_duty, Duty.post_id.is_(None),
               Duty.start < hi, Duty.end > lo)
        .order_by(Duty.start, Duty.id)).all()
    people = {r[0] for r in rows}
    away: dict[int, list[tuple[dt.datetime, dt.datetime]]] = {}
    for pid, a_start, a_end in session.execute(select(Absence.person_id, Absence.start, Absence.end).where(
            Absence.person_id.in_(people), Absence.start < hi, Absence.end > lo)):
        away.setdefault(pid, []).append((a_start, a_end))
    quals: dict[int, set[str]] = {}
    for pid, qname in session.execute(
            select(person_qualification.c.person_id, Qualification.name)
            .join(Qualification, Qualification.id == person_qualification.c.qualification_id)
            .where(person_qualification.c.person_id.in_(people))):
        quals.setdefault(pid, set()).add(qname)
    found: dict[dt.date, list[tuple]] = {}
    for day in days_between(first, last):
        noon = dt.datetime.combine(day, _NOON)
        seen: set[int] = set()
        for pid, start, end, crew_role, position in rows:
            if start <= noon < end and pid not in seen and not any(a <= noon < b for a, b in away.get(pid, ())):
                seen.add(pid)
                found.setdefault(day, []).append((pid, position or "", crew_role, quals.get(pid, set())))
    return found


def _officer_rank(position: str) -> int:
    order = (*ref.OFFICER_POSITIONS, *ref.OFFICE_POSITIONS)
    return order.index(position) if position in order else len(order)


def roster_proposal(session: Session, station_id: int, first: dt.date, last: dt.date,
                    roles: Sequence[str] | None = None) -> RosterProposal:
    """Each day's roles from who the roster has on duty at the unit that day.

    带班领导 / 支队值班领导: the senior officer on duty (站长 before 指导员 before 副站长, then anyone with
    指挥员资格); 站内值班: another officer or a squad leader on duty; 通信值班: the signaller on duty (the
    crew role, the position 通信员 or the qualification 通信); 支队总值班: the command centre's duty officer
    on duty. A day the roster names nobody for is listed in ``missing`` and left as it is.
    """
    grade = session.scalar(select(Station.grade).where(Station.id == station_id))
    if grade is None:
        raise ValidationError(FieldError("station", tr("Unknown station: {name}", name=station_id)))
    roles = [r for r in (roles or roles_of(grade)) if r in roles_of(grade)]
    items: list[Item] = []
    missing: list[tuple[dt.date, str]] = []
    duty = on_duty(session, station_id, first, last)
    for day in days_between(first, last):
        here = duty.get(day, [])

        def officer(p) -> bool:
            return p[1] in ref.OFFICER_POSITIONS or p[1] in ref.OFFICE_LEADER_POSITIONS or ref.COMMAND in p[3]

        leaders = sorted((p for p in here if officer(p) and p[1] != ref.OFFICE_WATCH_POSITION),
                         key=lambda p: (_officer_rank(p[1]), p[2] != "commander"))
        leader = leaders[0][0] if leaders else None
        picks: dict[str, int | None] = {}
        if grade == vocab.OFFICE_GRADE:
            picks["det_leader"] = leader
            picks["det_chief"] = next((p[0] for p in here if p[1] == ref.OFFICE_WATCH_POSITION), None)
        else:
            picks["leader"] = leader
            second = [p for p in leaders if p[0] != leader] + [
                p for p in here if p[0] != leader and (p[2] == "commander" or p[1] == "战斗班长") and not officer(p)]
            picks["officer"] = second[0][0] if second else None
            picks["dispatch"] = next((p[0] for p in here if p[2] == "signaller"), None) or next(
                (p[0] for p in here if p[1] == "通信员" or "通信" in p[3] and p[0] not in (leader, picks["officer"])),
                None)
        for role in roles:
            if picks.get(role) is None:
                missing.append((day, role))
            else:
                items.append((station_id, day, role, picks[role]))
    return RosterProposal(items, missing)
