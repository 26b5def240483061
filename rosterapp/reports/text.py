"""How sheets write dates, times, phone numbers and lists of names, the way Chinese forms do."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
NAME_SEPARATOR = "、"
NONE = "—"


def date_zh(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def month_day(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def weekday_zh(day: dt.date) -> str:
    return WEEKDAYS[day.weekday()]


def date_line(day: dt.date) -> str:
    """2027年3月5日 星期五"""
    return f"{date_zh(day)} {weekday_zh(day)}"


def clock(value: dt.datetime) -> str:
    return value.strftime("%H:%M")


def window_text(start: dt.datetime, end: dt.datetime, day: dt.date) -> str:
    """A time window of duty day ``day``: 08:00—次日08:00, 20:00—次日08:00, 08:00—20:00."""

    def when(value: dt.datetime) -> str:
        offset = (value.date() - day).days
        prefix = {0: "", 1: "次日"}.get(offset, month_day(value.date()) + " ")
        return prefix + clock(value)

    return f"{when(start)}—{when(end)}"


def period_text(start: dt.datetime, end: dt.datetime, handover: dt.time) -> str:
    """An absence: whole duty days when it runs handover to handover (3月3日至3月7日), else exact times."""
    if start.time() == handover and end.time() == handover:
        first = start.date()
        last = end.date() - dt.timedelta(days=1)
        return month_day(first) if first == last else f"{month_day(first)}至{month_day(last)}"
    return f"{month_day(start.date())} {clock(start)}至{month_day(end.date())} {clock(end)}"


def phone_text(phone: str) -> str:
    """A mobile number grouped 3-4-4 (138 1234 5678), as it is read aloud and dialled; others as kept."""
    digits = phone.strip()
    if len(digits) == 11 and digits.isdigit():
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    return digits


def names(values: Iterable[str]) -> str:
    return NAME_SEPARATOR.join(v for v in values if v)


def or_none(text: str) -> str:
    return text if text else NONE
