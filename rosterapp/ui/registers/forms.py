"""What the register forms share: reasons under fields, date fields, combo boxes, and reading the dates clerks type."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QDate,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QWidget,
)

from rosterapp.services import dutyday

# The colour of a reason under a field, readable on light and dark palettes.
REASON_COLOR = "#c62828"
# How a row of an inactive person or vehicle is written.
INACTIVE_COLOR = "#8a8a8a"


def reason_label(parent: QWidget, name: str) -> QLabel:
    """The line under a field that says why its value cannot be saved; hidden while there is none."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(REASON_COLOR))
    label.setPalette(palette)
    label.hide()
    return label


def show_reason(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def limit_length(edit: QLineEdit, most: int) -> None:
    """Let ``edit`` take at most ``most`` characters, what the services accept. A longer value already
    stored (from before the limit) is shown whole, never cut: its field then says why it is too long."""
    edit.setMaxLength(max(most, len(edit.text())))


def date_edit(parent: QWidget, name: str, day: dt.date | None = None) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setObjectName(name)
    edit.setDateRange(to_qdate(dutyday.FIRST_DAY), to_qdate(dutyday.LAST_DAY))  # the days the services accept
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(to_qdate(day or dutyday.today()))
    return edit


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def set_combo_items(combo: QComboBox, items: Sequence[tuple[str, Any]], keep: bool = True) -> None:
    """Replace a combo's items (text, data), keeping the chosen data when it is still offered.

    No signal: the caller applies the choice itself.
    """
    current = combo.currentData() if keep else None
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    index = combo.findData(current) if current is not None else -1
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)


def select_data(combo: QComboBox, data: Any) -> None:
    index = combo.findData(data)
    if index >= 0:
        combo.setCurrentIndex(index)


_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")


def parse_date(text: str) -> dt.date | None:
    """A date as clerks write it: 1995-06-01, 1995/6/1, 1995.6.1, 1995年6月1日 or 19950601.

    Empty text is None; anything else unreadable raises ValueError.
    """
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return None
    match = _DATE.fullmatch(text) or _COMPACT_DATE.fullmatch(text)
    if match is None:
        raise ValueError(text)
    year, month, day = (int(g) for g in match.groups())
    return dt.date(year, month, day)


def format_days(first: dt.date, last: dt.date) -> str:
    """11-03 – 11-07 within this year, the full dates otherwise."""
    if first.year == last.year == dutyday.today().year:
        return f"{first:%m-%d} – {last:%m-%d}" if first != last else f"{first:%m-%d}"
    return f"{first.isoformat()} – {last.isoformat()}" if first != last else first.isoformat()


def current_or_next(rows: Iterable, now: dt.datetime, owner: Callable[[Any], int]) -> dict[int, Any]:
    """Per owner (a person, a vehicle), the window under way at ``now``, else the next one.

    ``rows`` come in start order: absences of people, maintenance windows of vehicles.
    """
    chosen: dict[int, Any] = {}
    for row in rows:
        if row.end <= now:
            continue
        held = chosen.get(owner(row))
        if held is None or (row.start <= now and held.start > now):
            chosen[owner(row)] = row
    return chosen
