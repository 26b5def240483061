"""Weekends, Chinese public holidays and adjusted working days (调休) for grid columns and sheets.

chinese-calendar knows the years the State Council has announced; for later years the
`holidays` package gives the statutory holidays from the lunar calendar, without adjusted
working days, and such days are marked provisional.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import chinese_calendar
import holidays

WEEKDAYS_ZH = "一二三四五六日"
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节", "Dragon Boat Festival": "端午节", "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节", "Anti-Fascist 70th Day": "抗战胜利纪念日",
}


@dataclass(frozen=True)
class DayInfo:
    day: dt.date
    weekend: bool
    holiday: str  # the holiday's name in the language asked for, or ""
    adjusted_workday: bool  # a weekend day worked because of a holiday (调休上班)
    provisional: bool  # the year's official calendar is not known yet

    @property
    def off(self) -> bool:
        """A day the offices close: a holiday, or a weekend that is not an adjusted working day."""
        return bool(self.holiday) or (self.weekend and not self.adjusted_workday)


def weekday_name(day: dt.date, lang: str = "zh_CN") -> str:
    return ("周" + WEEKDAYS_ZH[day.weekday()]) if lang.startswith("zh") else WEEKDAYS_EN[day.weekday()]


@lru_cache(maxsize=16)
def _lunar_fallback(year: int, lang: str) -> dict[dt.date, str]:
    return dict(holidays.China(years=year, language="zh_CN" if lang.startswith("zh") else "en_US"))


@lru_cache(maxsize=4096)
def day_info(day: dt.date, lang: str = "zh_CN") -> DayInfo:
    weekend = day.weekday() >= 5
    try:
        on_holiday, name = chinese_calendar.get_holiday_detail(day)
        adjusted = weekend and chinese_calendar.is_workday(day)
        holiday = ""
        if on_holiday and name:
            holiday = HOLIDAY_NAMES_ZH.get(name, name) if lang.startswith("zh") else name
        return DayInfo(day, weekend, holiday, adjusted, False)
    except NotImplementedError:
        return DayInfo(day, weekend, _lunar_fallback(day.year, lang).get(day, ""), False, True)


