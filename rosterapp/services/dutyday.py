"""The duty day and the program's clock, in one place.

The program's clock is Beijing time (Asia/Shanghai) whatever the machine's time zone, stored as
naive datetimes. A station's duty day runs from one handover to the next (08:00 by default; the
global rule setting ``handover_minutes`` moves it; a post keeps its own handover time). Dates a
clerk types for leave, maintenance or deployments run handover to handover, like the duty days
they take out. Months are calendar months, stepped with ``relativedelta``.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from sqlalchemy import select
from sqlalchemy.orm import Session

from rosterapp.clock import BEIJING, now, today
from rosterapp.errors import UsageError
from rosterapp.i18n import tr
from rosterapp.models import RuleSetting

DAY = dt.timedelta(days=1)
"""One calendar day, as a timedelta (the checking engine counts in minutes: MINUTES_PER_DAY)."""
MINUTES_PER_DAY = 1440
HANDOVER = dt.time(8, 0)
"""The default handover time, when a station's duty day begins."""
HANDOVER_SETTING = "handover_minutes"
FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2099, 12, 31)
"""The days the program plans and reports. A date outside them is a typing slip (9999-12-31, 0001-01-01):
it is refused with the reason, where the duty-day arithmetic would otherwise overflow."""
MAX_REPORT_DAYS = 366
"""The most days one HQ workbook or one print job covers (a year; the grids have a column per day)."""
__all__ = ["BEIJING", "DAY", "FIRST_DAY", "HANDOVER", "HANDOVER_SETTING", "LAST_DAY", "MAX_REPORT_DAYS",
           "MINUTES_PER_DAY", "add_months", "calendar_days", "check_days", "check_report_span", "current_duty_day",
           "day_reason", "day_end", "day_span", "day_start", "days_between", "duty_day_of", "duty_days",
           "duty_window", "load_handover", "minutes_of", "month_range", "month_span", "now", "time_of", "today"]
_INSTANT = dt.timedelta(microseconds=1)


# -- the days the program plans ---------------------------------------------------------------------

def day_reason(day: dt.date) -> str | None:
    """Why ``day`` is not one the program plans (None when it is)."""
    if FIRST_DAY <= day <= LAST_DAY:
        return None
    return tr("{day} is not a day rosterapp plans: dates run from {first} to {last}.", day=day.isoformat(),
              first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat())


def check_days(*days: dt.date | None) -> None:
    """UsageError (exit 2) for the first of ``days`` that the program does not plan."""
    for day in days:
        reason = day_reason(day) if day is not None else None
        if reason:
            raise UsageError(reason)


def check_report_span(first: dt.date, last: dt.date) -> None:
    """UsageError when a workbook or a print job would cover more than MAX_REPORT_DAYS days."""
    count = (last - first).days + 1
    if count > MAX_REPORT_DAYS:
        raise UsageError(tr("{first} to {last} is {count} days; a workbook or a print job covers at most {most} "
                            "days at a time.", first=first, last=last, count=count, most=MAX_REPORT_DAYS))


# -- the handover ----------------------------------------------------------------------------------

def minutes_of(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def time_of(minutes: int) -> dt.time:
    return dt.time(minutes // 60 % 24, minutes % 60)


def load_handover(session: Session) -> dt.time:
    """The handover time kept in the database (global rule setting), else 08:00."""
    value = session.scalar(select(RuleSetting.value).where(
        RuleSetting.key == HANDOVER_SETTING, RuleSetting.operation_id.is_(None), RuleSetting.readiness.is_(None)))
    return HANDOVER if value is None else time_of(int(value))


# -- duty days -------------------------------------------------------------------------------------

def duty_day_of(moment: dt.datetime, handover: dt.time = HANDOVER) -> dt.date:
    """The duty day a moment falls in: before the handover it is still the previous day's."""
    day = moment.date()
    return day - DAY if moment.time() < handover else day


def current_duty_day(handover: dt.time = HANDOVER) -> dt.date:
    """The duty day under way now, by Beijing time."""
    return duty_day_of(now(), handover)


def duty_window(day: dt.date, handover: dt.time = HANDOVER) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of a duty day: its handover to the next."""
    start = dt.datetime.combine(day, handover)
    return start, start + DAY


def day_start(value: dt.date | dt.datetime, handover: dt.time = HANDOVER) -> dt.datetime:
    """A datetime as is; a plain date as its handover, when that duty day begins.

    Leave and maintenance given as dates run from handover to handover, like the duty days they
    take out: a 值 ending at 08:00 on the first day of leave does not clash with it.
    """
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, handover)


def day_end(value: dt.date | dt.datetime, handover: dt.time = HANDOVER) -> dt.datetime:
    """A datetime as is; a plain date as the handover after it, so that the duty day is included."""
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value + DAY, handover)


def duty_days(start: dt.datetime, end: dt.datetime, handover: dt.time = HANDOVER) -> list[dt.date]:
    """The duty days [start, end) reaches into, in order."""
    first, last = duty_day_of(start, handover), duty_day_of(end - _INSTANT, handover)
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def calendar_days(start: dt.datetime, end: dt.datetime) -> frozenset[dt.date]:
    """Every calendar date the half-open [start, end) reaches into: a 值 from 08:00 covers two."""
    first, last = start.date(), (end - _INSTANT).date()
    return frozenset(first + dt.timedelta(days=i) for i in range((last - first).days + 1))


def day_span(start: dt.datetime, end: dt.datetime, handover: dt.time = HANDOVER) -> tuple[dt.date, dt.date]:
    """The first and last date (roster-grid column) an interval concerns.

    A grid cell holds the entries that start on its date. So an interval begins in the column of
    its start and ends in the column of the duty day its last moment falls in: a 24 h duty from
    08:00 to 08:00 is one cell, not two; an early shift from 00:00 stays in its own date's cell.
    """
    first = start.date()
    return first, max(first, duty_day_of(end - _INSTANT, handover))


# -- ranges of days and months ---------------------------------------------------------------------

def days_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every date from ``first`` to ``last``, both included."""
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def month_range(day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last date of the month holding ``day``."""
    first = day.replace(day=1)
    return first, first + relativedelta(months=1) - DAY


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (or earlier), clipped to the month's end (1/31 + 1 month = 2/28)."""
    return day + relativedelta(months=months)


def month_span(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """The whole months holding [first, last]."""
    return month_range(first)[0], month_range(last)[1]
