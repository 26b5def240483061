"""Checks and cleaning of what clerks type, shared by every service that writes."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from typing import TypeVar

from sqlalchemy import update
from sqlalchemy.orm import Session

from rosterapp import vocab
from rosterapp.errors import FieldError, NotFound, StaleEdit, ValidationError
from rosterapp.i18n import tr

T = TypeVar("T")

_PHONE = re.compile(r"1[0-9]{10}")
_PHONE_SEPARATORS = re.compile(r"[\s\-]")


def clean_text(text: str | None) -> str:
    """``text`` without surrounding whitespace (str.strip also removes the full-width U+3000)."""
    return (text or "").strip()


def clean_code(text: str | None) -> str:
    """A typed code (staff number, plate, post code) with full-width letters and digits folded.

    Chinese input methods often type ０-９ and Ａ-Ｚ; without folding, "０１２" and "012" would
    pass as two different staff numbers.
    """
    return unicodedata.normalize("NFKC", text or "").strip()


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
    """Raise the version and name the writer of rows a Core statement changed (the ORM does it itself)."""
    ids = list(ids)
    for start in range(0, len(ids), 500):
        session.execute(update(table).where(table.c.id.in_(ids[start:start + 500]))
                        .values(version=table.c.version + 1, changed_by=session.info.get("user", "")))
