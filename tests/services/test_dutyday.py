"""The duty day and the program's clock: Beijing time whatever the machine's zone, handover to handover."""

from __future__ import annotations

import datetime as dt
import os
import time
from zoneinfo import ZoneInfo

import pytest

from rosterapp.models import RuleSetting
from rosterapp.services import dutyday


@pytest.fixture
def machine_zone():
    """Set the process's time zone (as a machine set to another zone would be), then put it back."""
    before = os.environ.get("TZ")

    def set_zone(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield set_zone
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Pacific/Kiritimati", "Asia/Shanghai"])
def test_today_and_the_duty_day_are_beijings_whatever_the_machine_says(machine_zone, zone):
    """Found by a clerk: on a machine set to UTC the duty counts showed 0 before 08:00 UTC."""
    machine_zone(zone)
    beijing = dt.datetime.now(ZoneInfo("Asia/Shanghai")).replace(tzinfo=None)
    now = dutyday.now()
    assert abs(now - beijing) < dt.timedelta(seconds=5)
    assert dutyday.today() == beijing.date()
    expected = beijing.date() - dt.timedelta(days=1) if beijing.time() < dt.time(8) else beijing.date()
    assert dutyday.current_duty_day() == expected


@pytest.mark.parametrize(("moment", "day"), [
    (dt.datetime(2027, 3, 5, 7, 59), dt.date(2027, 3, 4)),
    (dt.datetime(2027, 3, 5, 8, 0), dt.date(2027, 3, 5)),
    (dt.datetime(2027, 3, 6, 0, 30), dt.date(2027, 3, 5)),
])
def test_a_duty_day_runs_handover_to_handover(moment, day):
    assert dutyday.duty_day_of(moment) == day
    start, end = dutyday.duty_window(day)
    assert start <= moment < end and end - start == dutyday.DAY


def test_spans_of_duties_over_the_grid_and_the_duty_days():
    day = dt.date(2027, 3, 5)
    at = dt.datetime.combine
    # A 24 h 值 is one grid cell and one duty day, though it touches two calendar dates.
    assert dutyday.day_span(at(day, dt.time(8)), at(day + dutyday.DAY, dt.time(8))) == (day, day)
    assert dutyday.calendar_days(at(day, dt.time(8)), at(day + dutyday.DAY, dt.time(8))) == {
        day, day + dutyday.DAY}
    # An early shift from 00:00 stays in its own date's cell, in the previous duty day.
    assert dutyday.day_span(at(day, dt.time(0)), at(day, dt.time(8))) == (day, day)
    assert dutyday.duty_days(at(day, dt.time(0)), at(day, dt.time(8))) == [day - dutyday.DAY]
    # Leave given as dates runs handover to handover and covers both dates.
    assert dutyday.day_span(dutyday.day_start(day), dutyday.day_end(day + dutyday.DAY)) == (day, day + dutyday.DAY)


def test_months():
    assert dutyday.month_range(dt.date(2027, 2, 14)) == (dt.date(2027, 2, 1), dt.date(2027, 2, 28))
    assert dutyday.add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert dutyday.add_months(dt.date(2027, 1, 1), -1) == dt.date(2026, 12, 1)
    assert dutyday.month_span(dt.date(2027, 2, 20), dt.date(2027, 3, 3)) == (dt.date(2027, 2, 1),
                                                                              dt.date(2027, 3, 31))


def test_the_handover_is_a_setting(db):
    with db.begin() as s:
        assert dutyday.load_handover(s) == dt.time(8)
        s.add(RuleSetting(key=dutyday.HANDOVER_SETTING, value=7 * 60 + 30))
    with db.begin() as s:
        handover = dutyday.load_handover(s)
    assert handover == dt.time(7, 30)
    assert dutyday.duty_day_of(dt.datetime(2027, 3, 5, 7, 45), handover) == dt.date(2027, 3, 5)
