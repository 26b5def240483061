"""The program's clock: Beijing time (Asia/Shanghai) whatever the machine's time zone, as naive datetimes."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")


def now() -> dt.datetime:
    """Beijing time now, naive, to the second."""
    return dt.datetime.now(BEIJING).replace(tzinfo=None, microsecond=0)


def today() -> dt.date:
    """Beijing's calendar date today."""
    return now().date()
