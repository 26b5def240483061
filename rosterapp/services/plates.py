"""Vehicle plates in one spelling, 京X·1234应急, whatever dot, spaces, width or case a clerk typed."""

from __future__ import annotations

import re
import string
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from typing import Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from rosterapp.models import Vehicle
from rosterapp.services.validation import strip_invisible

T = TypeVar("T")

DOT = "\u00b7"  # the house style's middle dot: 京X·1234应急
# What clerks, input methods and pasted text put between the letter and the number (or around it):
# spaces of any width, the middle dots · ・ • ‧ ･ ∙ ⋅ ⸱, a full stop, and invisible characters.
_NOISE = re.compile("[\\s\u00b7\u30fb\u2022\u2027\uff65\u2219\u22c5\u2e31.\u200b\u200c\u200d\u2060\ufeff]")
_UPPER = str.maketrans(string.ascii_lowercase, string.ascii_uppercase)
# A province character, the issuing letter, then the rest (digits, letters, 应急, 警 ...).
_PLATE = re.compile("([\u4e00-\u9fff])([A-Z])(.+)")


def normalize_plate(text: str | None) -> str:
    """The one stored spelling of a plate: 京X0050应急, 京x・００５０应急 and 京X·0050应急 all give 京X·0050应急.

    NFKC folds full-width letters, digits and spaces (and keeps 京 and 应急); every dot and space
    goes, letters are upper case, and a plate of the usual shape gets the middle dot after its
    letter. Text of another shape is kept compact, so that two spellings of it still compare equal.
    """
    compact = _NOISE.sub("", strip_invisible(unicodedata.normalize("NFKC", text or ""))).translate(_UPPER)
    match = _PLATE.fullmatch(compact)
    return f"{match[1]}{match[2]}{DOT}{match[3]}" if match else compact


class PlateIndex(Generic[T]):
    """Registered plates, to find a plate as a file spells it: its exact spelling, else its normal form.

    A database from before plates were normalised may hold one plate twice, in two spellings;
    ``find`` then gives both unless the text is exactly one of them, and the caller says so.
    """

    def __init__(self, plates: Iterable[tuple[str, T]]):
        self._exact: dict[str, T] = {}
        self._normal: dict[str, list[T]] = defaultdict(list)
        for plate, value in plates:
            self._exact[plate] = value
            self._normal[normalize_plate(plate)].append(value)

    def find(self, text: str) -> list[T]:
        if text in self._exact:
            return [self._exact[text]]
        return list(self._normal.get(normalize_plate(text), ()))


def plate_to_store(session: Session, text: str | None, vehicle_id: int | None) -> tuple[str, str | None]:
    """(the plate to store for vehicle ``vehicle_id`` (None: a new one), the plate of another vehicle that has it).

    Twins registered before plates were normalised do not stop a vehicle from being edited when its
    own plate stays the same: it keeps its spelling if its twin already has the normal one.
    """
    plate = normalize_plate(text)
    if not plate:
        return plate, None
    own = None
    others = []
    for vid, stored in session.execute(select(Vehicle.id, Vehicle.plate)):
        if vid == vehicle_id:
            own = stored
        elif normalize_plate(stored) == plate:
            others.append(stored)
    if not others:
        return plate, None
    if own is not None and normalize_plate(own) == plate:
        return (own if plate in others else plate), None
    return plate, others[0]
