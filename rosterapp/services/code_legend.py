"""The code legend: every code a roster cell can hold, with its meaning, colour, hours and shortcuts.

Read from the ShiftType table (whatever codes this database has) and the fixed absence codes, so the
legend dialog, the grid's header tooltip and the tests show the same list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from rosterapp.models import ShiftType
from rosterapp.services import absence_cells, roster

SHIFT, ABSENCE = "shift", "absence"


@dataclass(frozen=True)
class LegendRow:
    """One code: ``kind`` is SHIFT or ABSENCE; ``start`` and ``minutes`` are None for an absence (a whole
    duty day, handover to handover); ``keys`` are what a clerk can type for it without the input method."""

    code: str
    name: str
    kind: str
    color: str
    is_duty: bool
    start: dt.time | None
    minutes: int | None
    keys: tuple[str, ...]

    @property
    def end(self) -> dt.time | None:
        if self.start is None or self.minutes is None:
            return None
        moment = dt.datetime.combine(dt.date(2000, 1, 1), self.start) + dt.timedelta(minutes=self.minutes)
        return moment.time()

    @property
    def next_day(self) -> bool:
        """Whether the shift ends on the day after it starts (值 08:00 to 08:00 the next day)."""
        if self.start is None or self.minutes is None:
            return False
        return self.start.hour * 60 + self.start.minute + self.minutes > 1440

    @property
    def hours(self) -> float | None:
        return None if self.minutes is None else self.minutes / 60


def legend(session: Session, lang: str = "zh_CN") -> list[LegendRow]:
    """The shift codes in their table order, then the absence codes (假 病 训 差 借 事)."""
    rows = []
    for code, name, color, is_duty, start, minutes in session.execute(
            select(ShiftType.code, ShiftType.name, ShiftType.color, ShiftType.is_duty, ShiftType.start_time,
                   ShiftType.duration_minutes).order_by(ShiftType.sort_order, ShiftType.id)):
        keys = tuple(alias for alias, target in roster.ALIASES.items() if target == code)
        rows.append(LegendRow(code, name, SHIFT, color, is_duty, start if is_duty else None,
                              minutes if is_duty else None, keys))
    for code in absence_cells.CODES:
        keys = tuple(key for key, target in absence_cells.ALIASES.items() if target == code)
        # The single key first: it is what works over a selection of cells.
        keys = tuple(sorted(keys, key=lambda k: (not k.isdigit(), len(k))))
        rows.append(LegendRow(code, absence_cells.label(code, lang), ABSENCE, absence_cells.COLORS[code], False,
                              None, None, keys))
    return rows
