"""Checks and cleaning of what clerks type, shared by every service that writes."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from typing import TypeVar

from sqlalchemy import update
from sqlalchemy.orm import Session

from rosterapp import clock, vocab
from rosterapp.errors import FieldError, NotFound, StaleEdit, ValidationError
from rosterapp.i18n import tr
from rosterapp.services.dutyday import day_reason

T = TypeVar("T")

_PHONE = re.compile(r"1[0-9]{10}")
_PHONE_SEPARATORS = re.compile(r"[\s\-]")

# The longest values a clerk may enter; the keys and short notes are what their database columns hold.
STAFF_NO_MAX = 32
PLATE_MAX = 32
POST_CODE_MAX = 16
NAME_MAX = 50  # a person's, a security task's or a post's name
STATION_NAME_MAX = 40  # its short name (without 消防救援站) is kept in a column of 40
CALL_SIGN_MAX = 60
ADDRESS_MAX = 200
RADIO_CHANNEL_MAX = 40
NOTE_MAX = 200  # an absence's note, a maintenance window's reason: columns of 200
REMARKS_MAX = 500  # a task's or a post's remarks
# Birth dates: nobody in service was born before 1940, and nobody joins before 16.
BIRTH_FIRST = dt.date(1940, 1, 1)
MIN_AGE = 16


def strip_invisible(text: str) -> str:
    """``text`` without invisible characters: control characters (Unicode Cc: tabs, line breaks, NUL ...) and
    format characters (Cf: the zero-width space U+200B, joiners U+200C/U+200D, U+2060, the byte order mark
    U+FEFF, direction marks), which pasted text brings along and which make look-alike keys."""
    if text.isprintable():
        return text
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf"))


def clean_text(text: str | None) -> str:
    """``text`` without surrounding whitespace (str.strip also removes the full-width U+3000)."""
    return (text or "").strip()


def clean_name(text: str | None) -> str:
    """A typed name, without surrounding whitespace or invisible characters anywhere in it."""
    return strip_invisible(clean_text(text)).strip()


def clean_code(text: str | None) -> str:
    """A typed code (staff number, plate, post code) with full-width letters and digits folded and
    invisible characters removed.

    Chinese input methods often type ０-９ and Ａ-Ｚ; without folding, "０１２" and "012" would
    pass as two different staff numbers, as would "0012" and "00\u200b12" with a zero-width space.
    """
    return strip_invisible(unicodedata.normalize("NFKC", text or "")).strip()


def length_reason(text: str, most: int, label: str) -> str | None:
    """Why ``text`` (already cleaned) is too long for its field ``label`` (an English label of the
    catalogue: "name", "staff number"), or None."""
    if len(text) <= most:
        return None
    reason = tr("{field} must be at most {most} characters ({count} given).", field=tr(label), most=most,
                count=len(text))
    return reason[:1].upper() + reason[1:]


def check_length(errors: list[FieldError], field: str, text: str, most: int, label: str) -> None:
    reason = length_reason(text, most, label)
    if reason:
        errors.append(FieldError(field, reason))


def latest_birth_date(today: dt.date | None = None) -> dt.date:
    """The latest birth date of someone at least MIN_AGE years old today (Beijing time)."""
    day = today or clock.today()
    try:
        return day.replace(year=day.year - MIN_AGE)
    except ValueError:  # 29 February
        return day.replace(year=day.year - MIN_AGE, day=28)


def birth_date_reason(born: dt.date | None, today: dt.date | None = None) -> str | None:
    """Why ``born`` cannot be a firefighter's birth date (in the future, under 16, before 1940), or None."""
    if born is None:
        return None
    today = today or clock.today()
    if born > today:
        return tr("The birth date must not be in the future.")
    latest = latest_birth_date(today)
    if born > latest:
        return tr("The birth date must be on or before {last}: at least {age} years old.", last=latest.isoformat(),
                  age=MIN_AGE)
    if born < BIRTH_FIRST:
        return tr("The birth date must not be before {first}.", first=BIRTH_FIRST.isoformat())
    return None


def check_days(errors: list[FieldError], field: str, *days: dt.date | dt.datetime | None) -> bool:
    """Record an error for a day the program does not plan (dutyday.FIRST_DAY..LAST_DAY); True when all are."""
    for day in days:
        if day is None:
            continue
        reason = day_reason(day.date() if isinstance(day, dt.datetime) else day)
        if reason:
            errors.append(FieldError(field, reason))
            return False
    return True


def clean_phone(text: str | None) -> str:
    """A typed phone number with full-width digits folded and spaces and dashes dropped."""
    return _PHONE_SEPARATORS.sub("", clean_code(text))


def phone_is_valid(text: str | None) -> bool:
    """Empty, or a mobile number: 11 digits starting with 1 (after ``clean_phone``)."""
    phone = clean_phone(text)
    return not phone or _PHONE.fullmatch(phone) is not None


def get_or_not_found(session: Session, model: type[T], obj_id: int, message: str) -> T:
    """The row ``obj_id`` of ``model``; NotFound with ``message`` (an ``Unknown …: {name}``) otherwise."""
    obj = session.get(model, obj_id)
    if obj is None:
        raise NotFound(tr(message, name=obj_id))
    return obj


def check_ref(session: Session, errors: list[FieldError], field: str, model: type, obj_id: int | None,
              message: str, *, required_label: str | None = None) -> None:
    """Record an error when ``obj_id`` names no row; ``required_label`` makes None an error too."""
    if obj_id is None:
        if required_label is not None:
            errors.append(FieldError(field, tr("{field} must not be empty.", field=tr(required_label))))
        return
    if session.get(model, obj_id) is None:
        errors.append(FieldError(field, tr(message, name=obj_id)))


def check_code(errors: list[FieldError], field: str, labels: vocab.Labels, value: str | None,
               message: str) -> None:
    """Record an error when ``value`` is not one of the vocabulary's codes."""
    if value not in labels:
        errors.append(FieldError(field, tr(message, name=value)))


def check_interval(errors: list[FieldError], start: dt.datetime, end: dt.datetime) -> None:
    if end <= start:
        errors.append(FieldError("end", tr("The end must be after the start.")))


def is_whole(value: object, minimum: int, maximum: int | None = None) -> bool:
    """``value`` is an int (not a bool) within [minimum, maximum]."""
    if not isinstance(value, int) or isinstance(value, bool):
        return False
    return value >= minimum and (maximum is None or value <= maximum)


def raise_if(errors: list[FieldError]) -> None:
    if errors:
        raise ValidationError(errors)


def check_version(record, expected: int | None, label: str) -> None:
    """Refuse a write based on a stale read: the record moved on since ``expected`` was read, by someone
    the refusal names (None: no check)."""
    if expected is not None and record.version != expected:
        raise StaleEdit(tr("{name} was changed by {who} since you opened it; nothing was saved. Open it again "
                           "to see their changes.", name=label, who=record.changed_by or tr("another user")))


def stale_entry() -> StaleEdit:
    """The refusal of an undo or redo of a register entry that was changed since its step."""
    return StaleEdit(tr("This entry was changed since; the step was not taken back, so that the later changes stay."))


def stamp_written(session: Session, table, ids: Iterable[int]) -> None:
    """Raise the version and name the writer of records whose own row no statement updated (only what
    hangs off them changed: a person's qualifications); an UPDATE of the row does both itself."""
    ids = list(ids)
    for start in range(0, len(ids), 500):
        session.execute(update(table).where(table.c.id.in_(ids[start:start + 500]))
                        .values(version=table.c.version + 1))
